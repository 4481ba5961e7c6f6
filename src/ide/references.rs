//! Find references: every use of a footnote, every citation of a Kamerstuk, a question and
//! its answer.

use std::ops::Range;

use super::{hit, note_at, paper_at, qa_at, same_paper, QaHit};
use crate::analysis::Analysis;

/// The ranges that refer to the same thing as the cursor, in document order. With
/// `include_declaration`, the defining place too (the note body, the letter in the header, the
/// question).
pub fn references(a: &Analysis, offset: usize, include_declaration: bool) -> Vec<Range<usize>> {
    let r = &a.report;
    let mut out: Vec<Range<usize>> = Vec::new();
    if let Some((kind, id)) = note_at(a, offset) {
        out.extend(
            a.notes
                .refs(kind, &id)
                .iter()
                .filter_map(|&i| r.note_refs.get(i))
                .map(|n| n.range.clone()),
        );
        if include_declaration {
            if let Some(b) = a.notes.body(kind, &id).and_then(|b| r.note_bodies.get(b)) {
                out.push(b.range.clone());
            }
        }
    } else if let Some(pi) = paper_at(a, offset) {
        let Some(p) = r.papers.get(pi) else {
            return out;
        };
        for i in same_paper(a, p) {
            let Some(x) = r.papers.get(i) else { continue };
            let in_letter = r.letters.iter().any(|l| hit(&l.range, x.range.start));
            if include_declaration || !in_letter {
                out.push(x.range.clone());
            }
        }
    } else if let Some(found) = super::xref::references(a, offset, include_declaration) {
        // On a cross-reference: everything that points at the same question.
        out = found;
    } else if let Some(hit) = qa_at(a, offset) {
        let i = match hit {
            QaHit::Question(i) | QaHit::AnswerMarker(i) | QaHit::AnswerBody(i) => i,
        };
        if let Some(q) = r.questions.get(i) {
            if include_declaration {
                out.push(q.text());
            }
            if let Some(ans) = &q.answer {
                out.push(ans.marker().unwrap_or(ans.body()));
            }
            // On the question: the answers elsewhere that refer to it.
            if matches!(hit, QaHit::Question(_)) {
                out.extend(super::xref::incoming(a, i));
            }
        }
    }
    out.sort_by_key(|x| (x.start, x.end));
    out.dedup();
    out
}
