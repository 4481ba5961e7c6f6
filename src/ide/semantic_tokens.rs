//! Semantic tokens: what each stretch of the report is, for themes to colour.
//!
//! Tokens come out sorted and non-overlapping, as the protocol requires: an outer token (a
//! question's text, a note's body) is cut around the tokens inside it (a fractie name, a
//! Kamerstuk reference). A token may span lines here; the LSP layer splits it per line unless the
//! client takes multi-line tokens. Types and modifiers are the protocol's standard names where
//! one fits; `question` is our own (clients that do not know it leave the text as it is).

use std::ops::Range;

use crate::analysis::Analysis;
use crate::syntax::MarkupKind;

/// The token types, in legend order (`TokenType as u32` indexes this).
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",   // answer and question markers
    "class",     // fractie names
    "namespace", // topic headings
    "string",    // references to parliamentary papers
    "decorator", // footnote markers
    "comment",   // footnote bodies, Word bookmarks and comments
    "variable",  // placeholders
    "function",  // cross-references between answers
    "question",  // the text of a question
];

/// The modifiers, in legend order (bit `1 << i` for `TOKEN_MODIFIERS[i]`).
pub const TOKEN_MODIFIERS: &[&str] = &["declaration", "documentation"];

pub const MOD_DECLARATION: u32 = 1;
pub const MOD_DOCUMENTATION: u32 = 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenType {
    Marker = 0,
    Fractie = 1,
    Topic = 2,
    Paper = 3,
    NoteRef = 4,
    NoteBody = 5,
    Placeholder = 6,
    CrossRef = 7,
    Question = 8,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub ty: TokenType,
    /// Bits of [`TOKEN_MODIFIERS`].
    pub modifiers: u32,
}

/// One candidate before flattening: `layer` says which wins where two overlap (higher wins).
struct Raw {
    range: Range<usize>,
    layer: u8,
    ty: TokenType,
    modifiers: u32,
}

/// The tokens of the document, or of those overlapping `within`. Sorted, non-overlapping,
/// never empty.
pub fn semantic_tokens(a: &Analysis, within: Option<Range<usize>>) -> Vec<Token> {
    let r = &a.report;
    let (lo, hi) = within
        .as_ref()
        .map_or((0, usize::MAX), |w| (w.start, w.end));
    let keep = |x: &Range<usize>| x.start < hi && x.end > lo && x.start < x.end;
    let mut raw: Vec<Raw> = Vec::with_capacity(
        r.questions.len() * 3 + r.fractie_mentions.len() + r.papers.len() + r.note_refs.len() * 2,
    );
    let mut push = |range: &Range<usize>, layer: u8, ty: TokenType, modifiers: u32| {
        if keep(range) {
            raw.push(Raw {
                range: range.clone(),
                layer,
                ty,
                modifiers,
            });
        }
    };
    for q in &r.questions {
        if let Some(m) = &q.marker() {
            push(m, 2, TokenType::Marker, MOD_DECLARATION);
        }
        push(&q.text(), 0, TokenType::Question, 0);
        if let Some(m) = q.answer.as_ref().and_then(|x| x.marker()) {
            push(&m, 2, TokenType::Marker, 0);
        }
    }
    for s in &r.stray_answers {
        push(&s.marker, 2, TokenType::Marker, 0);
    }
    for x in &a.xrefs.refs {
        push(&x.range, 2, TokenType::CrossRef, 0);
    }
    for t in &r.topics {
        push(&t.heading, 2, TokenType::Topic, MOD_DECLARATION);
    }
    // A heading's name is a declaration: the mention inside a fractie heading.
    let mut headings = r.fracties.iter().map(|f| f.name.clone()).peekable();
    for m in &r.fractie_mentions {
        while headings.peek().is_some_and(|h| h.end < m.name.start) {
            headings.next();
        }
        let declared = headings
            .peek()
            .is_some_and(|h| h.start <= m.name.start && m.name.end <= h.end);
        push(
            &m.name,
            3,
            TokenType::Fractie,
            if declared { MOD_DECLARATION } else { 0 },
        );
    }
    for p in &r.papers {
        push(&p.range, 3, TokenType::Paper, 0);
    }
    for n in &r.note_refs {
        push(&n.range, 3, TokenType::NoteRef, 0);
    }
    for b in &r.note_bodies {
        push(&b.range, 1, TokenType::NoteBody, MOD_DOCUMENTATION);
    }
    for p in &r.placeholders {
        push(&p.range, 3, TokenType::Placeholder, 0);
    }
    for m in &r.markup {
        if matches!(m.kind, MarkupKind::Bookmark | MarkupKind::Comment) {
            push(&m.range, 3, TokenType::NoteBody, 0);
        }
    }
    let mut out = flatten(raw);
    if let Some(w) = within {
        out.retain(|t| t.range.start < w.end && t.range.end > w.start);
    }
    out
}

/// Cuts outer tokens around inner ones so that none overlap; at equal layers the earlier wins.
fn flatten(mut raw: Vec<Raw>) -> Vec<Token> {
    raw.sort_unstable_by_key(|x| (x.range.start, x.layer));
    let mut out: Vec<Token> = Vec::with_capacity(raw.len());
    let mut stack: Vec<Raw> = Vec::new();
    let mut pos = 0usize;
    let emit = |out: &mut Vec<Token>, range: Range<usize>, x: &Raw| {
        if range.start < range.end {
            out.push(Token {
                range,
                ty: x.ty,
                modifiers: x.modifiers,
            });
        }
    };
    // Emits what the open tokens cover up to `limit`, closing those that end by then.
    let flush = |limit: usize, stack: &mut Vec<Raw>, pos: &mut usize, out: &mut Vec<Token>| {
        while let Some(top) = stack.last() {
            let end = top.range.end.min(limit);
            if end > *pos {
                emit(out, *pos..end, top);
                *pos = end;
            }
            if top.range.end <= limit {
                stack.pop();
            } else {
                break;
            }
        }
        *pos = (*pos).max(limit);
    };
    for x in raw {
        // Overlapping a token of its own layer or above: the first one wins (decided before
        // anything is emitted, so the winner is not cut in two).
        let open = stack.iter().rev().find(|t| t.range.end > x.range.start);
        if open.is_some_and(|top| top.layer >= x.layer) {
            continue;
        }
        flush(x.range.start, &mut stack, &mut pos, &mut out);
        if x.range.end <= pos {
            continue;
        }
        let start = x.range.start.max(pos);
        stack.push(Raw {
            range: start..x.range.end,
            ..x
        });
    }
    flush(usize::MAX, &mut stack, &mut pos, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(range: Range<usize>, layer: u8, ty: TokenType) -> Raw {
        Raw {
            range,
            layer,
            ty,
            modifiers: 0,
        }
    }

    #[test]
    fn flatten_cuts_outer_tokens_around_inner_ones() {
        let out = flatten(vec![
            raw(0..100, 0, TokenType::Question),
            raw(10..20, 3, TokenType::Fractie),
            raw(50..90, 1, TokenType::NoteBody),
            raw(60..70, 3, TokenType::Paper),
            raw(65..75, 3, TokenType::Paper), // overlaps the paper before it: dropped
            raw(120..130, 2, TokenType::Topic),
        ]);
        let got: Vec<(Range<usize>, TokenType)> =
            out.into_iter().map(|t| (t.range, t.ty)).collect();
        assert_eq!(
            got,
            vec![
                (0..10, TokenType::Question),
                (10..20, TokenType::Fractie),
                (20..50, TokenType::Question),
                (50..60, TokenType::NoteBody),
                (60..70, TokenType::Paper),
                (70..90, TokenType::NoteBody),
                (90..100, TokenType::Question),
                (120..130, TokenType::Topic),
            ]
        );
    }
}
