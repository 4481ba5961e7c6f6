//! Editor features, one file each: input an analysis snapshot and a byte offset, output plain
//! structs with byte ranges. No LSP types here; `lsp` converts.

pub mod code_actions;
pub mod completion;
pub mod definition;
pub mod folding;
pub mod highlight;
pub mod hover;
pub mod inlay_hints;
pub mod links;
pub mod references;
pub mod rename;
pub mod selection_range;
pub mod semantic_tokens;
pub mod symbols;
pub mod workspace_symbols;
pub mod xref;
mod xref_fixes;

use std::ops::Range;

use crate::analysis::Analysis;
use crate::syntax::papers::PaperRef;
use crate::syntax::{NoteKind, Question};

pub use code_actions::{
    apply_edits, code_actions, code_actions_with, house_style_edits, renumber_edits, safe_fixes,
    Action, ActionKind, TextEdit,
};
pub use completion::{completions, CompletionItem, CompletionKind, Completions, Doc};
pub use definition::{definition, NavTarget};
pub use folding::{folding_ranges, Fold, FoldKind};
pub use highlight::{highlights, Highlight, HighlightKind};
pub use hover::{hover, HoverResult};
pub use inlay_hints::{inlay_hints, HintKind, InlayHint};
pub use links::{document_links, Link};
pub use references::references;
pub use rename::{prepare_rename, rename, RenameTarget};
pub use selection_range::selection_ranges;
pub use semantic_tokens::{semantic_tokens, Token, TokenType, TOKEN_MODIFIERS, TOKEN_TYPES};
pub use symbols::{document_symbols, Symbol, SymbolKind};
pub use workspace_symbols::{workspace_symbols, WorkspaceSymbol};
pub use xref::{code_lens, lens_at, lens_places, Lens};

/// True when `offset` lies in `r` or just after it: a cursor right behind a token still
/// counts as on it, as editors expect.
fn hit(r: &Range<usize>, offset: usize) -> bool {
    r.start <= offset && offset <= r.end
}

/// The text in `r` (clamped; empty when it splits a character), through the analysis layer's
/// `Source`, which borrows from a single rope chunk when it can.
fn text(a: &Analysis, r: &Range<usize>) -> String {
    crate::analysis::Source::slice(&a.text, r.clone()).into_owned()
}

/// At most `max` characters of `s` on one line, with `…` when cut.
fn snippet(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", flat[..cut].trim_end()),
        None => flat,
    }
}

/// The note reference or body under the cursor: its kind and id.
fn note_at(a: &Analysis, offset: usize) -> Option<(NoteKind, String)> {
    let r = &a.report;
    if let Some(n) = r.note_refs.iter().find(|n| hit(&n.range, offset)) {
        return Some((n.kind, n.id.to_string()));
    }
    // On a body, only its opening `[N:` counts, so features inside the note's text (a
    // Kamerstuk reference in a footnote) still work.
    // The index knows which kind each body was matched as (an endnote's body looks like a
    // footnote's).
    let i = r
        .note_bodies
        .iter()
        .position(|b| hit(&(b.range.start..b.id_range.end + 1), offset))?;
    let b = r.note_bodies.get(i)?;
    Some((a.notes.body_kind(i).unwrap_or(b.kind), b.id.to_string()))
}

/// The paper reference under the cursor (index into `report.papers`).
fn paper_at(a: &Analysis, offset: usize) -> Option<usize> {
    a.report.papers.iter().position(|p| hit(&p.range, offset))
}

/// Indices of the papers that cite the same paper as `p` (same `key()`).
fn same_paper(a: &Analysis, p: &PaperRef) -> Vec<usize> {
    let Some(key) = p.key() else {
        return Vec::new();
    };
    (0..a.report.papers.len())
        .filter(|&i| a.report.papers[i].key().as_deref() == Some(key.as_str()))
        .collect()
}

/// The letter in the header's list that names the paper with `key`: (letter index, paper index).
fn letter_for(a: &Analysis, p: &PaperRef) -> Option<(usize, usize)> {
    let key = p.key()?;
    a.report.letters.iter().enumerate().find_map(|(li, l)| {
        l.papers
            .iter()
            .find(|&&pi| {
                a.report.papers.get(pi).and_then(|x| x.key()).as_deref() == Some(key.as_str())
            })
            .map(|&pi| (li, pi))
    })
}

/// What the cursor is on in a question/answer pair.
enum QaHit {
    /// The question's marker or text.
    Question(usize),
    /// The answer's marker.
    AnswerMarker(usize),
    /// Inside the answer's text.
    AnswerBody(usize),
}

fn qa_at(a: &Analysis, offset: usize) -> Option<QaHit> {
    let qs = &a.report.questions;
    // Questions are in document order: find the last that starts at or before the cursor.
    let i = qs
        .partition_point(|q| q.range().start <= offset)
        .checked_sub(1)?;
    let q = qs.get(i)?;
    if let Some(ans) = &q.answer {
        if ans.marker().is_some_and(|m| hit(&m, offset)) {
            return Some(QaHit::AnswerMarker(i));
        }
        if !ans.body().is_empty() && hit(&ans.body(), offset) {
            return Some(QaHit::AnswerBody(i));
        }
    }
    if hit(&q.block(), offset) {
        return Some(QaHit::Question(i));
    }
    None
}

/// How a question is called: `Vraag 12` when numbered, else `Vraag` and its ordinal.
fn question_label(q: &Question, lang: crate::analysis::Lang) -> String {
    let word = lang.pick("Vraag", "Question");
    if q.numbers.is_empty() {
        format!("{word} {}", q.ordinal)
    } else {
        let n: Vec<String> = q.numbers.iter().map(|n| n.to_string()).collect();
        format!("{word} {}", n.join(lang.pick(" en ", " and ")))
    }
}
