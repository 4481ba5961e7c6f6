//! Inlay hints: the number of each unnumbered question (`V12` before it), and the number a
//! reader sees beside a note reference whose id differs from it (`[footnoteRef:2]` shows `1`).

use std::ops::Range;

use crate::analysis::{Analysis, Lang};
use crate::syntax::NoteKind;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HintKind {
    QuestionNumber,
    NoteNumber,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint shows: before the question, after the note reference.
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
    pub kind: HintKind,
    pub padding_left: bool,
    pub padding_right: bool,
}

/// The hints whose place lies in `within`, in document order.
pub fn inlay_hints(a: &Analysis, within: Range<usize>, lang: Lang) -> Vec<InlayHint> {
    let r = &a.report;
    let inside = |o: usize| within.start <= o && o <= within.end;
    let mut out = Vec::new();
    let first = r
        .questions
        .partition_point(|q| q.text().start < within.start);
    for q in r.questions[first..]
        .iter()
        .take_while(|q| q.text().start <= within.end)
    {
        if q.numbers.is_empty() && inside(q.text().start) {
            out.push(InlayHint {
                offset: q.text().start,
                label: format!("V{}", q.ordinal),
                tooltip: match lang {
                    Lang::Nl => format!("Vraag {} van het verslag", q.ordinal),
                    Lang::En => format!("Question {} of the report", q.ordinal),
                },
                kind: HintKind::QuestionNumber,
                padding_left: false,
                padding_right: true,
            });
        }
    }
    let first = r.note_refs.partition_point(|n| n.range.end < within.start);
    for n in r.note_refs[first..]
        .iter()
        .take_while(|n| n.range.end <= within.end)
    {
        let Some(shown) = a.notes.display_number(n.kind, &n.id) else {
            continue;
        };
        if shown.to_string() == n.id || !inside(n.range.end) {
            continue;
        }
        let word = match (n.kind, lang) {
            (NoteKind::Endnote, Lang::Nl) => "Eindnoot",
            (NoteKind::Endnote, Lang::En) => "Endnote",
            (_, Lang::Nl) => "Voetnoot",
            (_, Lang::En) => "Footnote",
        };
        out.push(InlayHint {
            offset: n.range.end,
            label: shown.to_string(),
            tooltip: match lang {
                Lang::Nl => format!("{word} {shown} voor de lezer (id {} in de tekst)", n.id),
                Lang::En => format!(
                    "{word} {shown} as the reader sees it (id {} in the text)",
                    n.id
                ),
            },
            kind: HintKind::NoteNumber,
            padding_left: true,
            padding_right: false,
        });
    }
    out.sort_by_key(|h| h.offset);
    out
}
