//! Answers that repeat an earlier answer word for word: drafters copy a paragraph instead of
//! referring to it (three answers of the sample open with the same 60-word sentence).
//!
//! Every run of [`SHINGLE`] words of every answer is hashed; the first answer that holds a run
//! owns it. A later answer sharing runs with an earlier one, enough of them to make a long
//! passage (or most of the shorter answer), is reported against the earliest answer it copies.
//! One pass over the answers' words, one hash map: linear in the text.

use std::hash::Hasher;
use std::ops::Range;

use super::words::{word_spans, Fx, FxMap};
use super::CrossRef;
use crate::analysis::Source;
use crate::syntax::Report;

/// Words per hashed run.
const SHINGLE: usize = 8;
/// A copied passage this long (in words) is worth a hint whatever the answers' lengths.
const LONG_RUN: usize = 30;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// The later answer's question (index into `Report::questions`).
    pub question: usize,
    /// The earlier answer's question.
    pub earlier: usize,
    /// The repeated passage in the later answer, and where it stands in the earlier one.
    pub range: Range<usize>,
    pub earlier_range: Range<usize>,
    /// Words repeated (in the longest shared passage).
    pub words: usize,
    /// Words in the later answer.
    pub of: usize,
}

fn word_hash(w: &str) -> u64 {
    let mut h = Fx::default();
    for b in w.bytes() {
        h.write_u32(u32::from(b.to_ascii_lowercase()));
    }
    h.finish()
}

pub fn repeats(report: &Report, src: &dyn Source, refs: &[CrossRef]) -> Vec<Repeat> {
    // Shingle hash → (question, byte start, byte end) of its first occurrence.
    let mut owner: FxMap<u64, (u32, u32, u32)> = FxMap::default();
    let mut out = Vec::new();
    let mut words: Vec<(usize, usize, u64)> = Vec::new();
    for (qi, q) in report.questions.iter().enumerate() {
        let Some(ans) = q.answer.as_ref().filter(|a| !a.body.is_empty()) else {
            continue;
        };
        // An answer that is only a reference repeats nothing.
        if refs
            .iter()
            .any(|r| r.source == qi && r.whole && !r.in_question)
        {
            continue;
        }
        let body = src.slice(ans.body.clone());
        let base = ans.body.start;
        words.clear();
        words.extend(word_spans(&body).map(|(a, b)| (base + a, base + b, word_hash(&body[a..b]))));
        if words.len() < SHINGLE {
            continue;
        }
        // Runs of consecutive shingles owned by the same earlier answer.
        let mut best: Option<(usize, Range<usize>, Range<usize>, usize)> = None;
        let mut run: Option<(u32, usize, usize, u32, u32)> = None; // (q, first word, shingles, earlier start, earlier end)
        let mut mine: Vec<(u64, u32, u32)> = Vec::new();
        for i in 0..=words.len() - SHINGLE {
            let mut h = Fx::default();
            for w in &words[i..i + SHINGLE] {
                h.write_usize(w.2 as usize);
            }
            let key = h.finish();
            let start = words[i].0 as u32;
            let end = words[i + SHINGLE - 1].1 as u32;
            let hit = owner.get(&key).copied().filter(|o| o.0 as usize != qi);
            match (hit, run.as_mut()) {
                (Some(o), Some(r)) if r.0 == o.0 && r.1 + r.2 == i => {
                    r.2 += 1;
                    r.4 = o.2;
                }
                _ => {
                    if let Some(r) = run.take() {
                        close(&mut best, r, &words);
                    }
                    if let Some(o) = hit {
                        run = Some((o.0, i, 1, o.1, o.2));
                    }
                }
            }
            mine.push((key, start, end));
        }
        if let Some(r) = run.take() {
            close(&mut best, r, &words);
        }
        for (key, start, end) in mine {
            owner.entry(key).or_insert((qi as u32, start, end));
        }
        if let Some((earlier, range, earlier_range, n)) = best {
            let total = words.len();
            if n >= LONG_RUN || (n >= 12 && n * 10 >= total * 6) {
                out.push(Repeat {
                    question: qi,
                    earlier,
                    range,
                    earlier_range,
                    words: n,
                    of: total,
                });
            }
        }
    }
    out
}

/// Keeps the longest run: (earlier question, range here, range there, words).
fn close(
    best: &mut Option<(usize, Range<usize>, Range<usize>, usize)>,
    r: (u32, usize, usize, u32, u32),
    words: &[(usize, usize, u64)],
) {
    let (q, first, shingles, es, ee) = r;
    let n = shingles + SHINGLE - 1;
    let last = (first + n - 1).min(words.len() - 1);
    if best.as_ref().is_none_or(|b| n > b.3) {
        *best = Some((
            q as usize,
            words[first].0..words[last].1,
            es as usize..ee as usize,
            n,
        ));
    }
}
