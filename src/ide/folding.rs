//! Folding ranges: the header, sections, fractie sections, topics and question/answer pairs.

use std::ops::Range;

use crate::analysis::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoldKind {
    /// The header (dossier line, letters, signature): folded like imports, it is boilerplate.
    Header,
    Region,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fold {
    /// From the start of the first line to the end of the last content (trailing blank
    /// lines dropped, so the fold does not swallow the gap before the next heading).
    pub range: Range<usize>,
    pub kind: FoldKind,
}

pub fn folding_ranges(a: &Analysis) -> Vec<Fold> {
    let r = &a.report;
    let mut out = Vec::new();
    let mut push = |range: &Range<usize>, kind| {
        let range = trim_end(a, range.clone());
        if range.start < range.end {
            out.push(Fold { range, kind });
        }
    };
    if let Some(h) = &r.header {
        push(h, FoldKind::Header);
    }
    r.sections
        .iter()
        .for_each(|s| push(&s.range, FoldKind::Region));
    r.fracties
        .iter()
        .for_each(|f| push(&f.range, FoldKind::Region));
    r.topics
        .iter()
        .for_each(|t| push(&t.range, FoldKind::Region));
    r.questions
        .iter()
        .for_each(|q| push(&q.range(), FoldKind::Region));
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out.dedup_by(|a, b| a.range == b.range);
    out
}

/// Drops trailing whitespace from `r` (byte-wise: whitespace is ASCII here, so the cut stays
/// on a char boundary).
fn trim_end(a: &Analysis, r: Range<usize>) -> Range<usize> {
    let end = r.end.min(a.text.len_bytes());
    let mut e = end;
    while e > r.start {
        match a.text.get_byte(e - 1) {
            Some(b' ' | b'\t' | b'\r' | b'\n') => e -= 1,
            _ => break,
        }
    }
    r.start..e
}
