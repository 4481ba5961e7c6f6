//! Properties of the parser: an incremental re-lex after any edits equals a full parse, and no
//! input makes the core panic.

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
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// An edit as fractions of the current length (so it always lands inside), and inserted text.
fn edit_strategy() -> impl Strategy<Value = (f64, f64, String)> {
    (
        0.0f64..=1.0,
        0.0f64..=0.2,
        prop_oneof![
            Just(String::new()),
            prop::sample::select(PIECES).prop_map(str::to_string),
            "[a-zA-Z ?.:\n\r\t…é😀\\[\\]0-9]{0,12}",
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full_parse(text in text_strategy(), edits in prop::collection::vec(edit_strategy(), 1..25)) {
        let mut doc = Document::new(&text);
        let mut parse = Parse::new(&text);
        for (at, len, insert) in edits {
            let total = doc.len_bytes();
            let current = doc.rope().to_string();
            let start = floor_boundary(&current, (at * total as f64) as usize);
            let end = floor_boundary(&current, start + (len * total as f64) as usize);
            let edit = doc.replace(start..end, &insert);
            parse.edit(doc.rope(), edit);
        }
        let final_text = doc.rope().to_string();
        let full = Parse::new(&final_text);
        prop_assert_eq!(parse.lines(), full.lines());
        prop_assert_eq!(parse.report(), full.report());
        let from_rope = Parse::from_rope(doc.rope());
        prop_assert_eq!(from_rope.report(), full.report());
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
            prop_assert!(q.block.start <= q.block.end && q.range.end <= text.len());
            prop_assert!(text.get(q.text.clone()).is_some());
            if let Some(a) = &q.answer {
                prop_assert!(text.get(a.body.clone()).is_some());
            }
        }
        let _ = check_text(&text, &Config::default());
    }
}
