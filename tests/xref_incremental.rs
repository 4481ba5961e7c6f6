//! The incremental analysis (`Analysis::new_after`, reusing the versions before) equals a
//! fresh one (`Analysis::new`, and `Xrefs::new` from the text) after random edits to realistic
//! reports: in answers, question texts, fractie and topic headings, numbers, notes, paper
//! references and the reference phrases themselves, including edits that add or remove
//! questions. Cross-references, diagnostics of every rule and the note index are compared.

use griffel::analysis::{Analysis, Config, Lang, Severity, Xrefs};
use griffel::syntax::Parse;
use griffel::text::Document;
use proptest::prelude::*;
use ropey::Rope;

const FIXTURES: &[&str] = &[
    include_str!("xref/vso-stikstof.txt"),
    include_str!("xref/vso-onderwijs.txt"),
    include_str!("xref/lva-begroting.txt"),
];

/// What an edit inserts: typing, reference phrases, structure.
const INSERTS: &[&str] = &[
    "",
    "x",
    "e",
    " ",
    ".",
    "7",
    "12",
    "\n",
    "vraag",
    "Zie het antwoord op vraag 3.",
    " Zie het antwoord op de vorige vraag. ",
    "Het kabinet verwijst naar het antwoord op de eerste vraag van de leden van de CDA-fractie.",
    "Voor het antwoord op deze vraag verwijs ik naar het antwoord op de vraag over stikstof.",
    "Zie het antwoord op een vergelijkbare vraag van de leden van de VVD-fractie.",
    "het antwoord hierboven",
    " van de D66-fractie",
    "uw fractie",
    "volgende",
    "ontwerpbesluit",
    "\nVragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie\n",
    "\nDe leden van de SP-fractie hebben nog een vraag.\n",
    "\nStikstofruimte\n",
    "\nAntwoord \n",
    "\nKan de minister dit toelichten?\nAntwoord \nZie het antwoord op vraag 2.\n",
    "\nVraag 4\n",
    "\n12. Hoeveel bedrijven wachten nog?\n",
    " I\tVragen en opmerkingen vanuit de fracties\n",
    "[footnoteRef:3]",
    "[footnoteRef:40]",
    " [3: Kamerstuk 32317, nr. 5] ",
    "\n[40: Zie de brief van 5 juni.]\n",
    "Kamerstukken II 2024/25, 32317, nr. 9",
    "(Kamerstuk 35334, nr. 30)",
    "\nDe leden van de SP-fractie vragen de minister hoe het staat met de uitvoering.\n",
    "De leden van de VVD-fractie",
    "PM",
    "[datum]",
    "\nAntwoord 7\n",
    "]",
    "[",
];

fn base_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(FIXTURES).prop_map(str::to_string),
        (3_000usize..25_000, 0u64..50).prop_map(|(n, seed)| griffel::synth::vso(n, seed)),
    ]
}

#[derive(Clone, Debug)]
enum Ins {
    Lit(&'static str),
    /// A copy of this much of the text from this fraction (repeated answers).
    Copy(f64, usize),
}

fn edit_strategy() -> impl Strategy<Value = (f64, usize, Ins)> {
    (
        0.0f64..=1.0,
        prop_oneof![3 => Just(0usize), 2 => 1usize..3, 1 => 3usize..60],
        prop_oneof![
            5 => prop::sample::select(INSERTS).prop_map(Ins::Lit),
            1 => (0.0f64..=1.0, 20usize..400).prop_map(|(f, n)| Ins::Copy(f, n)),
        ],
    )
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn analyse(text: &str, previous: Option<&Analysis>) -> Analysis {
    let parse = Parse::new(text);
    Analysis::new_after(
        Rope::from_str(text),
        parse.report().clone(),
        &Config::default(),
        previous,
    )
}

/// A large text that is one paragraph: an edit in it is analysed afresh (patching would read
/// the whole paragraph twice), then the next small edit elsewhere is patched again; each result
/// equals a fresh analysis.
#[test]
fn an_edit_to_most_of_a_large_text() {
    let filler = "En verder gaat deze alinea nog lang door, met é en 🙂 en … ertussen. ";
    let mut line =
        String::from("De leden van de VVD-fractie vragen of de minister PM kan toelichten? ");
    while line.len() < 1_200_000 {
        line.push_str(filler);
    }
    let mut text = format!("{line}\nAntwoord \nJa, zie het antwoord op de vorige vraag.\n");
    let mut prev = analyse(&text, None);
    for (at, ins) in [(line.len() / 2, "?"), (text.len() - 3, " Nee")] {
        text.insert_str(at, ins);
        let inc = analyse(&text, Some(&prev));
        let fresh = analyse(&text, None);
        assert_eq!(inc.xrefs, fresh.xrefs);
        assert_eq!(inc.diagnostics, fresh.diagnostics);
        prev = inc;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn new_after_equals_new(
        base in base_strategy(),
        edits in prop::collection::vec(edit_strategy(), 1..5),
    ) {
        let mut text = base;
        let mut prev = analyse(&text, None);
        for (at, del, ins) in edits {
            let start = floor_boundary(&text, (at * text.len() as f64) as usize);
            let end = floor_boundary(&text, start + del);
            let ins = match ins {
                Ins::Lit(s) => s.to_string(),
                Ins::Copy(f, n) => {
                    let a = floor_boundary(&text, (f * text.len() as f64) as usize);
                    let b = floor_boundary(&text, a + n);
                    text[a..b].to_string()
                }
            };
            text.replace_range(start..end, &ins);
            let inc = analyse(&text, Some(&prev));
            let fresh = analyse(&text, None);
            prop_assert_eq!(&inc.xrefs, &fresh.xrefs);
            prop_assert_eq!(&inc.diagnostics, &fresh.diagnostics);
            let parse = Parse::new(&text);
            let direct = Xrefs::new(parse.report(), &text.as_str());
            prop_assert_eq!(&*inc.xrefs, &direct);
            prev = inc;
        }
    }
}

/// The 10 MB benchmark report is too large for the property test; one edit in an answer in
/// the middle, one in a cross-reference phrase, checked once (release builds only: slow).
#[test]
#[cfg_attr(debug_assertions, ignore)]
fn large_report_edits() {
    let mut text = griffel::synth::vso(2_000_000, 2025);
    let prev = analyse(&text, None);
    let at = text[text.len() / 2..].find("Antwoord").unwrap() + text.len() / 2 + 20;
    text.insert(at, 'x');
    let inc = analyse(&text, Some(&prev));
    let fresh = analyse(&text, None);
    assert_eq!(inc.xrefs, fresh.xrefs);
    assert_eq!(inc.diagnostics, fresh.diagnostics);
    let at = text.find("Zie het antwoord op").unwrap() + 5;
    text.replace_range(at..at + 3, "");
    let inc2 = analyse(&text, Some(&inc));
    let fresh = analyse(&text, None);
    assert_eq!(inc2.xrefs, fresh.xrefs);
    assert_eq!(inc2.diagnostics, fresh.diagnostics);
}

/// One configuration change now and then: the language, or a code switched off.
fn configure(cfg: &mut Config, change: u8) {
    match change {
        1 => {
            cfg.lang = match cfg.lang {
                Lang::Nl => Lang::En,
                Lang::En => Lang::Nl,
            }
        }
        2 if cfg.severities.remove("GRF304").is_none() => {
            cfg.severities.insert("GRF304".into(), None);
        }
        3 => {
            cfg.severities
                .insert("GRF101".into(), Some(Severity::Information));
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    /// As the server does it: one `Document` edited in place (so the ropes of consecutive
    /// versions share their unchanged chunks), `Parse::edit`, and each analysis made from
    /// the latest one or an older one (the work is shared: the older one's document engine
    /// has moved on), sometimes with another configuration.
    #[test]
    fn analyses_of_an_edited_document_equal_fresh_ones(
        base in base_strategy(),
        steps in prop::collection::vec(
            (edit_strategy(), 0usize..3, prop_oneof![8 => Just(0u8), 1 => 1u8..4]),
            1..8,
        ),
    ) {
        let mut doc = Document::new(&base);
        let mut parse = Parse::from_rope(doc.rope());
        let mut cfg = Config::default();
        let mut history = vec![Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg)];
        for ((at, del, ins), back, conf) in steps {
            let text = doc.rope().to_string();
            let start = floor_boundary(&text, (at * text.len() as f64) as usize);
            let end = floor_boundary(&text, start + del);
            let ins = match ins {
                Ins::Lit(s) => s.to_string(),
                Ins::Copy(f, n) => {
                    let a = floor_boundary(&text, (f * text.len() as f64) as usize);
                    let b = floor_boundary(&text, a + n);
                    text[a..b].to_string()
                }
            };
            let edit = doc.replace(start..end, &ins);
            parse.edit(doc.rope(), edit);
            configure(&mut cfg, conf);
            let prev = &history[history.len() - 1 - back.min(history.len() - 1)];
            let inc = Analysis::new_after(
                doc.rope().clone(),
                parse.report().clone(),
                &cfg,
                Some(prev),
            );
            let text = doc.rope().to_string();
            let fresh_parse = Parse::new(&text);
            let fresh = Analysis::new(Rope::from_str(&text), fresh_parse.report().clone(), &cfg);
            prop_assert_eq!(&*inc.xrefs, &*fresh.xrefs);
            prop_assert_eq!(&inc.diagnostics, &fresh.diagnostics);
            prop_assert_eq!(&inc.notes, &fresh.notes);
            history.push(inc);
        }
    }
}

/// A compound splits against the document's own words: typing or deleting a word that is a
/// part of it elsewhere changes the compound's terms, and the references that asked about it
/// are resolved again (checked step by step against fresh analyses).
#[test]
fn typing_a_part_of_a_compound_elsewhere() {
    let base = include_str!("xref/vso-stikstof.txt").replacen(
        "Natuurherstel\n",
        "Natuurherstel\nHoe staat het met het kwelderbeheer in de Waddenzee?\nAntwoord \nDe provincies werken aan een plan.\nWat kost dat beheer per jaar?\nAntwoord \nZie het antwoord op de vraag over kwelderbeheer.\n",
        1,
    );
    let mut doc = Document::new(&base);
    let mut parse = Parse::from_rope(doc.rope());
    let cfg = Config::default();
    let mut prev = Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    let at = base.find("De provincies werken").unwrap() + "De provincies".len();
    // Type ` kwelder` letter by letter (`kwelder` appears, then is deleted again), then
    // the same in a question text.
    let word = " kwelder";
    let q_at = base.find("in de Waddenzee").unwrap();
    let mut steps: Vec<(usize, &str, usize)> = Vec::new();
    for i in 0..word.len() {
        steps.push((at + i, &word[i..i + 1], 0));
    }
    for i in (0..word.len()).rev() {
        steps.push((at + i, "", 1));
    }
    steps.push((q_at, "kwelder ", 0));
    steps.push((q_at, "", "kwelder ".len()));
    for (pos, ins, del) in steps {
        let edit = doc.replace(pos..pos + del, ins);
        parse.edit(doc.rope(), edit);
        let inc = Analysis::new_after(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
            Some(&prev),
        );
        let text = doc.rope().to_string();
        let fresh = Analysis::new(
            Rope::from_str(&text),
            Parse::new(&text).report().clone(),
            &cfg,
        );
        assert_eq!(inc.xrefs, fresh.xrefs, "after {ins:?} at {pos}");
        assert_eq!(inc.diagnostics, fresh.diagnostics, "after {ins:?} at {pos}");
        prev = inc;
    }
}

/// Typing in a topic heading changes its words and its key (topics with the same heading count
/// as one subject) without a reference being resolved afresh unless it read them: every
/// heading of the fixtures, a letter typed into it and deleted again.
#[test]
fn typing_in_topic_headings() {
    let cfg = Config::default();
    for base in FIXTURES {
        let mut doc = Document::new(base);
        let mut parse = Parse::from_rope(doc.rope());
        let mut prev = Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
        let headings: Vec<usize> = parse
            .report()
            .topics
            .iter()
            .map(|t| t.heading.start + 2.min(t.heading.len()))
            .collect();
        for at in headings {
            for (ins, del) in [("x", 0), ("", 1), ("Stikstof ", 0), ("", 9)] {
                let edit = doc.replace(at..at + del, ins);
                parse.edit(doc.rope(), edit);
                let inc = Analysis::new_after(
                    doc.rope().clone(),
                    parse.report().clone(),
                    &cfg,
                    Some(&prev),
                );
                let text = doc.rope().to_string();
                let fresh = Analysis::new(
                    Rope::from_str(&text),
                    Parse::new(&text).report().clone(),
                    &cfg,
                );
                assert_eq!(inc.xrefs, fresh.xrefs, "{ins:?} at {at}");
                assert_eq!(inc.diagnostics, fresh.diagnostics, "{ins:?} at {at}");
                prev = inc;
            }
        }
    }
}
