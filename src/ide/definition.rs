//! Go to definition: footnote reference <-> body, Kamerstuk citation -> the letter naming it,
//! answer <-> question.

use std::ops::Range;

use super::{letter_for, note_at, paper_at, qa_at, QaHit};
use crate::analysis::Analysis;

/// A place to jump to: `range` is the whole thing, `focus` the part to select (inside `range`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavTarget {
    pub range: Range<usize>,
    pub focus: Range<usize>,
}

impl NavTarget {
    pub(crate) fn new(range: Range<usize>, focus: Range<usize>) -> NavTarget {
        // The protocol wants the focus inside the range; keep that true whatever the input.
        let focus = if focus.start >= range.start && focus.end <= range.end {
            focus
        } else {
            range.clone()
        };
        NavTarget { range, focus }
    }
}

pub fn definition(a: &Analysis, offset: usize) -> Vec<NavTarget> {
    let r = &a.report;
    if let Some((kind, id)) = note_at(a, offset) {
        let on_ref = r.note_refs.iter().any(|n| super::hit(&n.range, offset));
        if on_ref {
            return a
                .notes
                .body(kind, &id)
                .and_then(|b| r.note_bodies.get(b))
                .map(|b| vec![NavTarget::new(b.range.clone(), b.text.clone())])
                .unwrap_or_default();
        }
        // From a body back to where the note is referenced.
        return a
            .notes
            .refs(kind, &id)
            .iter()
            .filter_map(|&i| r.note_refs.get(i))
            .map(|n| NavTarget::new(n.range.clone(), n.range.clone()))
            .collect();
    }
    if let Some(pi) = paper_at(a, offset) {
        let Some(p) = r.papers.get(pi) else {
            return Vec::new();
        };
        return letter_for(a, p)
            .and_then(|(li, lp)| Some((r.letters.get(li)?, r.papers.get(lp)?)))
            .map(|(l, lp)| vec![NavTarget::new(l.range.clone(), lp.range.clone())])
            .unwrap_or_default();
    }
    // A cross-reference phrase inside an answer: its target.
    if let Some(t) = super::xref::definition(a, offset) {
        return t;
    }
    match qa_at(a, offset) {
        Some(QaHit::AnswerMarker(i) | QaHit::AnswerBody(i)) => r
            .questions
            .get(i)
            .map(|q| vec![NavTarget::new(q.block(), q.text())])
            .unwrap_or_default(),
        Some(QaHit::Question(i)) => r
            .questions
            .get(i)
            .and_then(|q| q.answer.as_ref())
            .map(|ans| {
                let focus = ans.marker().unwrap_or(ans.body());
                let start = focus.start.min(ans.body().start);
                vec![NavTarget::new(start..ans.body().end.max(focus.end), focus)]
            })
            .unwrap_or_default(),
        None => Vec::new(),
    }
}
