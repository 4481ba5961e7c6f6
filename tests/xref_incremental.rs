//! The incremental cross-reference analysis (`Analysis::new_after`, reusing the version
//! before) equals a fresh one (`Analysis::new`, and `Xrefs::new` from the text) after random
//! edits to realistic reports: in answers, question texts, fractie and topic headings,
//! numbers and the reference phrases themselves, including edits that add or remove questions.

use griffel::analysis::{Analysis, Config, Xrefs};
use griffel::syntax::Parse;
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
