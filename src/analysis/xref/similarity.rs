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
pub const SHINGLE: usize = 8;
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
    h.write(w.as_bytes());
    h.finish()
}

/// Only shingles whose hash is 0 modulo this are kept (fingerprint sampling): a copied
/// passage of 30 words has 23 shingles, of which about six are sampled; the map holds a
/// quarter of the text's shingles.
const SAMPLE: u64 = 4;

/// A sampled run of [`SHINGLE`] words of one answer, position-independent: its hash, the
/// index of its first word, and its byte range relative to the answer's start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shingle {
    pub key: u64,
    pub first: u32,
    pub start: u32,
    pub end: u32,
}

/// The sampled shingles of an answer's text and its number of words.
pub fn shingles(body: &str) -> (Vec<Shingle>, usize) {
    let words: Vec<(usize, usize, u64)> = word_spans(body)
        .map(|(a, b)| (a, b, word_hash(&body[a..b])))
        .collect();
    let mut out = Vec::new();
    if words.len() < SHINGLE {
        return (out, words.len());
    }
    // The high power for the rolling hash: B^(SHINGLE-1).
    const B: u64 = 0x100_0000_01b3;
    let top = (1..SHINGLE).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut h = 0u64;
    for (i, w) in words.iter().enumerate() {
        if i >= SHINGLE {
            h = h.wrapping_sub(words[i - SHINGLE].2.wrapping_mul(top));
        }
        h = h.wrapping_mul(B).wrapping_add(w.2);
        if i + 1 < SHINGLE {
            continue;
        }
        let key = mix(h);
        if !key.is_multiple_of(SAMPLE) {
            continue;
        }
        let first = i + 1 - SHINGLE;
        out.push(Shingle {
            key,
            first: first as u32,
            start: words[first].0 as u32,
            end: w.1 as u32,
        });
    }
    (out, words.len())
}

pub fn repeats(report: &Report, src: &dyn Source, refs: &[CrossRef]) -> Vec<Repeat> {
    let answers: Vec<(usize, usize, Vec<Shingle>, usize)> = report
        .questions
        .iter()
        .enumerate()
        .filter_map(|(qi, q)| {
            let ans = q.answer.as_ref().filter(|a| !a.body().is_empty())?;
            let (sh, n) = shingles(&src.slice(ans.body()));
            Some((qi, ans.body().start, sh, n))
        })
        .collect();
    repeats_from(
        report.questions.len(),
        answers
            .iter()
            .map(|(q, b, sh, n)| (*q, *b, sh.as_slice(), *n)),
        refs,
    )
}

/// [`repeats`] from the answers' shingles: (question, answer start, shingles, words), in
/// question order.
pub fn repeats_from<'a>(
    n: usize,
    answers: impl Iterator<Item = (usize, usize, &'a [Shingle], usize)>,
    refs: &[CrossRef],
) -> Vec<Repeat> {
    // An answer that is only a reference repeats nothing.
    let mut pointer = vec![false; n];
    for r in refs {
        if r.whole && !r.in_question && r.source < n {
            pointer[r.source] = true;
        }
    }
    // Sampled shingle hash → (question, byte start, byte end) of its first occurrence.
    let mut owner: FxMap<u64, (u32, u32, u32)> = FxMap::default();
    let mut out = Vec::new();
    for (qi, base, sh, total) in answers {
        if total < SHINGLE || pointer.get(qi).copied().unwrap_or(false) {
            continue;
        }
        let mut look = |key: u64| owner.get(&key).copied().filter(|o| o.0 as usize != qi);
        let found = judge(qi, base, sh, total, &mut look);
        for s in sh {
            owner.entry(s.key).or_insert((
                qi as u32,
                (base + s.start as usize) as u32,
                (base + s.end as usize) as u32,
            ));
        }
        out.extend(found);
    }
    out
}

/// Whether answer `qi` (at `base`, with these shingles and `total` words) repeats an earlier
/// one; `owner` gives, for a shingle's hash, the earlier answer holding it first and where.
pub fn judge(
    qi: usize,
    base: usize,
    sh: &[Shingle],
    total: usize,
    owner: &mut dyn FnMut(u64) -> Option<(u32, u32, u32)>,
) -> Option<Repeat> {
    // Sampled hits: (earlier question, word index here, earlier start, earlier end).
    let mut hits: Vec<(u32, usize, u32, u32)> = Vec::new();
    for s in sh {
        if let Some(o) = owner(s.key) {
            hits.push((o.0, s.first as usize, o.1, o.2));
        }
    }
    // The longest stretch of hits on one earlier answer with no gap wider than a shingle.
    let mut best: Option<(usize, usize, usize, u32, u32, u32)> = None; // (q, first, last, es, ee, count)
    let mut cur: Option<(usize, usize, usize, u32, u32, u32)> = None;
    for &(eq, wi, es, ee) in &hits {
        match cur.as_mut() {
            Some(c) if c.0 == eq as usize && wi <= c.2 + SHINGLE * 2 => {
                c.2 = wi;
                c.4 = c.4.max(ee);
                c.5 += 1;
            }
            _ => {
                if let Some(c) = cur.take() {
                    keep(&mut best, c);
                }
                cur = Some((eq as usize, wi, wi, es, ee, 1));
            }
        }
    }
    if let Some(c) = cur.take() {
        keep(&mut best, c);
    }
    let (earlier, first, last, es, ee, _) = best?;
    let len = last - first + SHINGLE;
    if len >= LONG_RUN || (len >= 12 && len * 10 >= total * 6) {
        // `first` and `last` start sampled shingles: their ranges bound the passage.
        let at = |w: usize| sh.iter().find(|s| s.first as usize == w);
        let (a, b) = (at(first)?, at(last)?);
        return Some(Repeat {
            question: qi,
            earlier,
            range: base + a.start as usize..base + b.end as usize,
            earlier_range: es as usize..ee as usize,
            words: len,
            of: total,
        });
    }
    None
}

/// The bytes of a passage given by its first shingle's first word and its last shingle's first
/// word (word indices into `text`), relative to `text`.
pub fn word_range(text: &str, first: usize, last: usize) -> Option<Range<usize>> {
    let mut start = None;
    for (i, (a, b)) in word_spans(text).enumerate() {
        if i == first {
            start = Some(a);
        }
        if i + 1 == last + SHINGLE {
            return Some(start?..b);
        }
    }
    None
}

fn mix(h: u64) -> u64 {
    let mut z = h ^ (h >> 31);
    z = z.wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 29)
}

fn keep(
    best: &mut Option<(usize, usize, usize, u32, u32, u32)>,
    c: (usize, usize, usize, u32, u32, u32),
) {
    if best.as_ref().is_none_or(|b| c.2 - c.1 > b.2 - b.1) {
        *best = Some(c);
    }
}
