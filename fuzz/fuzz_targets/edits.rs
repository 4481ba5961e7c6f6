//! Edit sequences applied incrementally (`Parse::edit`) against a full parse of the result
//! (`Parse::new`): the line table and the report must be equal after every edit.
#![no_main]

use arbitrary::Arbitrary;
use griffel::syntax::Parse;
use griffel::text::Document;
use libfuzzer_sys::fuzz_target;

/// Snippets worth inserting: the structure markers, line breaks of every kind, multi-byte text.
const SNIPPETS: &[&str] = &[
    "\n",
    "\r\n",
    "\r",
    "Antwoord \n",
    "Antwoord op vraag 2:\n",
    "Vraag 2\n",
    "12. ",
    "Vragen en opmerkingen van de leden van de VVD-fractie\n",
    " I\tVragen en opmerkingen\n",
    "[footnoteRef:2]",
    " [2: Kamerstuk 32317, nr. 970] ",
    "[^1]",
    "[^1]: noot\n",
    "?",
    "…",
    "é",
    "🙂",
    "\u{a0}",
    "\t\t",
    "]",
    "[",
    "Kamerstuk 32 317, nr. ",
    "De leden van de ",
    "PM ",
];

#[derive(Arbitrary, Debug)]
enum Insert {
    Snippet(u8),
    Text(String),
}

#[derive(Arbitrary, Debug)]
struct Step {
    /// Where, as a fraction of the text (so edits land inside whatever length it has).
    at: u16,
    /// How much to delete, in bytes.
    len: u8,
    insert: Insert,
}

#[derive(Arbitrary, Debug)]
struct Input {
    start: String,
    steps: Vec<Step>,
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fuzz_target!(|input: Input| {
    let mut doc = Document::new(&input.start);
    let mut parse = Parse::new(&input.start);
    let mut text = input.start.clone();
    for step in input.steps.iter().take(64) {
        let a = floor(&text, text.len() * step.at as usize / u16::MAX as usize);
        let b = floor(&text, a + step.len as usize);
        let insert: &str = match &step.insert {
            Insert::Snippet(i) => SNIPPETS[*i as usize % SNIPPETS.len()],
            Insert::Text(t) => t,
        };
        let edit = doc.replace(a..b, insert);
        text.replace_range(a..b, insert);
        parse.edit(doc.rope(), edit);
        let full = Parse::new(&text);
        assert_eq!(parse.lines(), full.lines(), "after {step:?}");
        assert_eq!(parse.report(), full.report(), "after {step:?}");
    }
    assert_eq!(doc.rope().to_string(), text);
});
