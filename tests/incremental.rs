//! Properties of the parser: an incremental re-lex and rebuild after any edits equals a full
//! parse, a keystroke in a large report rebuilds only a few lines, and no input makes the core
//! panic.

mod common;

use griffel::analysis::{check_text, Analysis, Config};
use griffel::syntax::Parse;
use griffel::text::Document;
use proptest::prelude::*;

/// Fragments that make realistic reports when strung together, with the awkward bits mixed in.
const PIECES: &[&str] = &[
    "Tekst\u{85}met een NEL … en PM.\n",
    "32317\t\tJBZ-Raad\n",
    "Verslag van een schriftelijk overleg \n",
    "· Brief over iets (Kamerstuk 32317, nr. 970)\n",
    "Bij brief van …  heeft de minister de vragen beantwoord.\n",
    "\t\tDe voorzitter van de commissie,\n",
    " I\tVragen en opmerkingen vanuit de fracties\n",
    "Vragen en opmerkingen van de leden van de NSC-fractie\n",
    "De leden van de NSC-fractie hebben kennisgenomen van de brief.\n",
    "Europese terugkeerwetgeving\n",
    "Kan de minister dit toelichten?\n",
    "Antwoord \n",
    "Antwoord op vraag 2:\n",
    "Vraag 2\n",
    "12. Hoeveel?\n",
    "7\n",
    "Het kabinet verwijst naar het antwoord op de vorige vraag.\n",
    "Tekst[footnoteRef:2].  [2:  Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967] \n",
    "Zie [footnoteRef:3] [3: een noot\n",
    "die doorloopt]\n",
    "[^1]: Markdown-noot.\n",
    "Zie ook[^1].\n",
    "\r\n",
    "\r",
    "\n",
    "Café ĳs … 😀\u{a0}\n",
    "II Reactie van de bewindspersoon\r\n",
    "[bookmark: _Hlk1]Voorts vragen deze leden iets?\n",
    "Inbreng van de leden van de VVD-fractie\r\n",
    "Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie\n",
    "Antwoord:\n",
    "Antwoord 3\n",
    "Antwoord: zie hierboven.\n",
    "Vraag 3:\n",
    "Vraag (4): Waarom niet?\n",
    "3. Wat kost dit?\n",
    "2. Een opsomming\n",
    "De minister antwoordt.\n",
    " III\tOverige vragen\n",
    "[5: een noot die niet sluit\n",
    "[endnoteRef:4] en [4: eindnoot]\n",
    "\t\tDe griffier van de commissie,\n",
    "\t\tJansen\n",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// An edit as fractions of the current length (so it always lands inside), inserted text, and
/// through how many edits after it the report it gives stays held (as by an analysis or a
/// request; 0: released before the next).
fn edit_strategy() -> impl Strategy<Value = Edit> {
    (
        0.0f64..=1.0,
        prop_oneof![Just(0.0), 0.0f64..=0.002, 0.0f64..=0.2],
        prop_oneof![
            Just(String::new()),
            prop::sample::select(PIECES).prop_map(str::to_string),
            "[a-zA-Z ?.:\n\r\t…é😀\\[\\]0-9]{0,12}",
        ],
        prop_oneof![Just(0usize), 0usize..4],
    )
}

type Edit = (f64, f64, String, usize);

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Parses `text` with checkpoints `every` lines apart, applies the edits one by one (as the
/// server does), and checks the result against a full parse of the final text.
fn check_edits(text: &str, every: usize, edits: &[Edit]) -> Result<(), TestCaseError> {
    let mut doc = Document::new(text);
    let mut parse = Parse::with_checkpoints_every(text, every);
    // Reports still held, with the text they were parsed from and how many more edits they live.
    let mut held: Vec<(std::sync::Arc<griffel::syntax::Report>, String, usize)> = Vec::new();
    for (at, len, insert, hold) in edits {
        let total = doc.len_bytes();
        let current = doc.rope().to_string();
        let start = floor_boundary(&current, (at * total as f64) as usize);
        let end = floor_boundary(&current, start + (len * total as f64) as usize);
        let edit = doc.replace(start..end, insert);
        held.retain_mut(|(_, _, n)| {
            *n = n.saturating_sub(1);
            *n > 0
        });
        parse.edit(doc.rope(), edit);
        held.push((parse.report().clone(), doc.rope().to_string(), *hold));
    }
    // A held report did not change under its holder.
    for (report, text, _) in &held {
        let full = Parse::new(text);
        prop_assert_eq!(report, full.report());
    }
    let final_text = doc.rope().to_string();
    let full = Parse::new(&final_text);
    prop_assert_eq!(parse.lines(), full.lines());
    prop_assert_eq!(parse.report(), full.report());
    prop_assert!(parse.checkpoints_hold());
    let from_rope = Parse::from_rope(doc.rope());
    prop_assert_eq!(from_rope.report(), full.report());
    Ok(())
}

/// The texts the fixture tests edit: the shared sample and our own fixtures.
fn fixtures() -> Vec<String> {
    let mut texts: Vec<String> = common::sample().into_iter().collect();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xref");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|e| e == "txt") {
            texts.extend(std::fs::read_to_string(p).ok());
        }
    }
    // A report whose answers stand in a response section (always built afresh).
    texts.push(" I\tVragen en opmerkingen vanuit de fracties\nVragen en opmerkingen van de leden van de CDA-fractie\nDe leden van de CDA-fractie vragen wat dit kost?\nVoorts vragen deze leden wie het betaalt?\nII\tReactie van de bewindspersoon\nVragen en opmerkingen van de leden van de CDA-fractie\nDe leden van de CDA-fractie vragen wat dit kost?\nAntwoord \nHonderd euro.\nVoorts vragen deze leden wie het betaalt?\nAntwoord \nHet Rijk.\n".to_string());
    // Numbered questions without answer markers (adding one re-reads every question).
    texts.push("Lijst van vragen en antwoorden\n1. Wat kost dit?\nHonderd euro.\n2. Wie betaalt?\nHet Rijk.\n3. Wanneer?\nIn 2026.\n".repeat(8));
    texts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn synth_reports_edited_equal_full_parse(
        lva in any::<bool>(),
        bytes in 10_000usize..60_000,
        seed in 0u64..1000,
        every in prop::sample::select(&[4usize, 32][..]),
        edits in prop::collection::vec(edit_strategy(), 1..15),
    ) {
        let text = if lva {
            griffel::synth::lva(bytes, seed)
        } else {
            griffel::synth::vso(bytes, seed)
        };
        check_edits(&text, every, &edits)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_parse(
        text in text_strategy(),
        every in prop::sample::select(&[1usize, 2, 5, 32][..]),
        edits in prop::collection::vec(edit_strategy(), 1..25),
    ) {
        check_edits(&text, every, &edits)?;
    }

    #[test]
    fn fixtures_edited_equal_full_parse(
        n in 0usize..6,
        every in prop::sample::select(&[1usize, 3, 32][..]),
        edits in prop::collection::vec(edit_strategy(), 1..20),
    ) {
        let texts = fixtures();
        check_edits(&texts[n % texts.len()], every, &edits)?;
    }

    #[test]
    fn arbitrary_text_never_panics(text in "(?s).{0,400}") {
        let diags = check_text(&text, &Config::default());
        for d in diags {
            prop_assert!(d.range.start <= d.range.end && d.range.end <= text.len());
            prop_assert!(text.is_char_boundary(d.range.start) && text.is_char_boundary(d.range.end));
        }
    }

    #[test]
    fn arbitrary_bytes_as_lossy_utf8_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let doc = Document::new(&text);
        let parse = Parse::new(&text);
        let _ = Analysis::new(doc.rope().clone(), parse.report().clone(), &Config::default());
    }

    #[test]
    fn report_pieces_never_panic(text in text_strategy()) {
        let parse = Parse::new(&text);
        let r = parse.report();
        for q in &r.questions {
            prop_assert!(q.block().start <= q.block().end && q.range().end <= text.len());
            prop_assert!(text.get(q.text()).is_some());
            if let Some(a) = &q.answer {
                prop_assert!(text.get(a.body()).is_some());
            }
        }
        let _ = check_text(&text, &Config::default());
    }
}

/// Types `typed` into `text` at `at` one character at a time; returns the most lines one
/// rebuild walked, and checks the result against a full parse.
fn type_at(text: &str, at: usize, typed: &str) -> usize {
    let mut doc = Document::new(text);
    let mut parse = Parse::new(text);
    let mut most = 0;
    let mut at = at;
    for c in typed.chars() {
        let edit = doc.replace(at..at, c.encode_utf8(&mut [0; 4]));
        at += c.len_utf8();
        parse.edit(doc.rope(), edit);
        most = most.max(parse.walked());
    }
    let full = Parse::new(&doc.rope().to_string());
    assert_eq!(parse.report(), full.report());
    assert!(parse.checkpoints_hold());
    most
}

#[test]
fn typing_in_a_large_report_rebuilds_a_few_lines() {
    let text = griffel::synth::vso(300_000, 11);
    let lines = Parse::new(&text).lines().len();
    let mid = text.len() / 2;
    let answer = mid + text[mid..].find("\nAntwoord").unwrap();
    let body = answer + 1 + text[answer + 1..].find('\n').unwrap() + 1;
    // Inside an answer, at a line's start and end; a new question and answer; new paragraphs.
    let cases = [
        (body + 10, "en ook dit"),
        (body, "Eerst: "),
        (body + text[body..].find('\n').unwrap(), " Nog een zin."),
        (body, "\nVoorts vragen deze leden iets?\nAntwoord \nJa.\n"),
        (body, "\r\n\n\n"),
        (
            answer,
            "\nVragen en opmerkingen van de leden van de SP-fractie\nTitel\n",
        ),
    ];
    for (at, typed) in cases {
        let most = type_at(&text, at, typed);
        // About two checkpoint distances (64 lines each), nowhere near the whole report.
        assert!(most < 300, "{typed:?} walked {most} of {lines} lines");
    }
}

#[test]
fn edits_that_change_the_whole_reading_build_afresh() {
    // Numbered questions without answer markers: the first marker changes how all read.
    let text = "1. Wat kost dit?\nHonderd euro.\n2. Wie betaalt?\nHet Rijk.\n".repeat(100);
    let lines = Parse::new(&text).lines().len();
    let mut doc = Document::new(&text);
    let mut parse = Parse::new(&text);
    let edit = doc.replace(text.len() / 2..text.len() / 2, "Antwoord \n");
    parse.edit(doc.rope(), edit);
    assert!(parse.walked() >= lines);
    assert_eq!(parse.report(), Parse::new(&doc.rope().to_string()).report());
    // And a small edit elsewhere then is incremental again.
    let edit = doc.replace(10..10, "x");
    parse.edit(doc.rope(), edit);
    assert!(parse.walked() < lines);
    assert_eq!(parse.report(), Parse::new(&doc.rope().to_string()).report());
}

#[test]
fn typing_keeps_the_items_arena_bounded() {
    // Lines with items, and edits across several of them, so that replaced lines' items pile
    // up in the line table's arena and are compacted away again and again.
    let text =
        "Zie Kamerstuk 32317, nr. 970 en [datum].[footnoteRef:1] [1: Een noot.]\n".repeat(2_000);
    let mut doc = Document::new(&text);
    let mut parse = Parse::new(&text);
    let (live, mut last_held, _) = parse.lines().item_counts();
    let mut compactions = 0;
    for n in 0..3_000 {
        let len = doc.len_bytes();
        let at = (n * 7_919) % (len - 200);
        let edit = if n % 2 == 0 {
            doc.replace(at..at + 60, "")
        } else {
            doc.replace(at..at, &"Zie [datum] en PM.\n".repeat(2))
        };
        parse.edit(doc.rope(), edit);
        let (items, held, _) = parse.lines().item_counts();
        assert!(
            held <= items + (items / 2).max(1024),
            "{held} held for {items}"
        );
        compactions += usize::from(held < last_held);
        last_held = held;
    }
    assert!(compactions >= 3, "{compactions} compactions");
    let full = Parse::new(&doc.rope().to_string());
    assert_eq!(parse.lines(), full.lines());
    assert_eq!(parse.report(), full.report());
    assert!(live > 5_000);
}
