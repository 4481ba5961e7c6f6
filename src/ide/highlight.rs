//! Document highlight: the other places of the footnote, Kamerstuk or fractie under the cursor.

use std::ops::Range;

use super::{hit, note_at, paper_at, same_paper, text};
use crate::analysis::fracties::canonical;
use crate::analysis::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HighlightKind {
    /// A mention (a Kamerstuk citation, a fractie name).
    Text,
    /// A use: a note reference.
    Read,
    /// The defining place: a note's body, a fractie's heading.
    Write,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub range: Range<usize>,
    pub kind: HighlightKind,
}

pub fn highlights(a: &Analysis, offset: usize) -> Vec<Highlight> {
    let r = &a.report;
    let mut out = Vec::new();
    if let Some((kind, id)) = note_at(a, offset) {
        if let Some(e) = a.notes.entry(kind, &id) {
            out.extend(
                e.refs
                    .iter()
                    .filter_map(|&i| r.note_refs.get(i))
                    .map(|n| Highlight {
                        range: n.range.clone(),
                        kind: HighlightKind::Read,
                    }),
            );
            out.extend(
                e.bodies
                    .iter()
                    .filter_map(|&i| r.note_bodies.get(i))
                    .map(|b| Highlight {
                        range: b.range.start..(b.id_range.end + 1).min(b.range.end),
                        kind: HighlightKind::Write,
                    }),
            );
        }
    } else if let Some(pi) = paper_at(a, offset) {
        if let Some(p) = r.papers.get(pi) {
            out.extend(
                same_paper(a, p)
                    .into_iter()
                    .filter_map(|i| r.papers.get(i))
                    .map(|x| Highlight {
                        range: x.range.clone(),
                        kind: HighlightKind::Text,
                    }),
            );
        }
    } else if let Some(m) = fractie_at(a, offset) {
        let name = text(a, &m);
        let name = canonical(name.trim()).to_string();
        for x in &r.fractie_mentions {
            if canonical(text(a, &x.name).trim()) == name {
                let heading = r.fracties.iter().any(|f| hit(&f.name, x.name.start));
                out.push(Highlight {
                    range: x.name.clone(),
                    kind: if heading {
                        HighlightKind::Write
                    } else {
                        HighlightKind::Text
                    },
                });
            }
        }
    }
    out.sort_by_key(|h| (h.range.start, h.range.end));
    out.dedup();
    out
}

/// The fractie name under the cursor (a mention's name).
pub(crate) fn fractie_at(a: &Analysis, offset: usize) -> Option<Range<usize>> {
    a.report
        .fractie_mentions
        .iter()
        .find(|m| hit(&m.name, offset))
        .map(|m| m.name.clone())
}
