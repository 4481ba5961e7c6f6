//! The index the resolver looks things up in: terms (Dutch stems, compounds split) of every
//! question text, answer text and topic heading, with postings lists (term → questions, term →
//! topics), idf weights and norms, questions by number and by fractie, and the question range of
//! every topic.
//!
//! It is kept from version to version of a document and changed in place (`cache`), so what it
//! computes must not depend on how it got there: term ids come from the document's
//! [`Vocab`] and their order means nothing. Weights are idf rounded to 1/64 (so one occurrence
//! more or less of a common word usually changes no weight, and no question's scores need
//! computing again), and sums of squared weights are exact integers, whatever the order they are
//! taken in.

use std::cell::RefCell;
use std::ops::Range;

use super::words::{word_spans, FxMap, Term, Vocab};
use crate::analysis::Source;
use crate::syntax::Report;

/// The terms of a query's words: each with its compound parts.
pub type QueryTerms = Vec<(Term, Option<[Term; 2]>)>;

/// A query made while resolving, with its answer and its long words (whose splits may change
/// with the vocabulary).
#[derive(Clone, Debug, Default)]
pub struct Query {
    pub text: String,
    pub out: QueryTerms,
    pub long: Vec<Box<str>>,
}

/// What resolving one reference read of the index (see `cache`).
#[derive(Clone, Debug, Default)]
pub struct Reads {
    /// Questions whose text's term set or norm it read (and so the weights of their terms).
    pub questions: Vec<u32>,
    /// Questions whose answer's term set it read.
    pub answers: Vec<u32>,
    /// Terms whose postings of question texts, of answers, of topic headings it read.
    pub q_posts: Vec<Term>,
    pub a_posts: Vec<Term>,
    pub t_posts: Vec<Term>,
    /// Terms whose weight it read.
    pub weights: Vec<Term>,
    /// Topics whose headings it compared.
    pub topics: Vec<u32>,
    /// Terms it asked whether only the referring question holds them, with the answer.
    pub owns: Vec<(Term, bool)>,
    pub queries: Vec<Query>,
}

impl Reads {
    /// Sorted and deduplicated, to keep small.
    pub fn tidy(&mut self) {
        for v in [
            &mut self.questions,
            &mut self.answers,
            &mut self.q_posts,
            &mut self.a_posts,
            &mut self.t_posts,
            &mut self.weights,
            &mut self.topics,
        ] {
            v.sort_unstable();
            v.dedup();
            v.shrink_to_fit();
        }
        self.owns.sort_unstable();
        self.owns.dedup();
    }
}

/// idf × [`SCALE`], rounded: weights are multiples of 1/64.
const SCALE: f64 = 64.0;

/// A sum of squared quantised weights as a float.
pub fn fixed(x: u64) -> f32 {
    (x as f64 / (SCALE * SCALE)) as f32
}

/// The quantised idf of a term held by `df` questions (text or answer) of `n`.
pub fn quantised_idf(n: usize, df: usize) -> u32 {
    let nf = n.max(1) as f64;
    ((1.0 + nf / (df as f64 + 1.0)).ln() * SCALE).round() as u32
}

/// A sorted set of terms, kept as the gaps between them in LEB128 bytes: one set is kept per
/// question text and per answer, and most gaps fit a byte (a quarter of the `u32`s). Read by
/// decoding: sets are short and few are read per reference. A view into [`Sets`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TermSet<'a>(&'a [u8]);

/// Appends the set of `sorted` (ascending, without duplicates) to `out`.
fn encode(sorted: &[Term], out: &mut Vec<u8>) {
    let mut last = 0;
    for &t in sorted {
        let mut gap = t.wrapping_sub(last);
        last = t;
        while gap >= 0x80 {
            out.push((gap as u8) | 0x80);
            gap >>= 7;
        }
        out.push(gap as u8);
    }
}

impl<'a> TermSet<'a> {
    pub fn iter(self) -> impl Iterator<Item = Term> + 'a {
        let mut bytes = self.0.iter();
        let mut last: Term = 0;
        std::iter::from_fn(move || {
            let mut gap: u32 = 0;
            let mut shift = 0;
            loop {
                let b = *bytes.next()?;
                gap |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                if b & 0x80 == 0 {
                    break;
                }
                shift += 7;
            }
            last = last.wrapping_add(gap);
            Some(last)
        })
    }

    pub fn to_vec(self) -> Vec<Term> {
        let mut v = Vec::with_capacity(self.0.len());
        v.extend(self.iter());
        v
    }

    pub fn contains(self, t: Term) -> bool {
        self.iter().take_while(|&x| x <= t).any(|x| x == t)
    }
}

/// The term sets of many paragraphs (question texts, or answers) in one arena. A box each
/// cost its 16-byte pointer and the allocator's rounding and header on a set of some 25 bytes
/// (10 MB: 1.2 MB for 0.5 MB of sets). A set that grows is written again at the end; the
/// arena is compacted, with some room to spare, when that does not fit.
#[derive(Clone, Debug, Default)]
pub struct Sets {
    bytes: Vec<u8>,
    /// Per paragraph: where its set starts in `bytes`, and its length.
    at: Vec<(u32, u32)>,
    scratch: Vec<u8>,
}

impl Sets {
    /// `n` empty sets, with room for `bytes` bytes of sets.
    pub fn empty(n: usize, bytes: usize) -> Sets {
        Sets {
            bytes: Vec::with_capacity(bytes),
            at: vec![(0, 0); n],
            scratch: Vec::new(),
        }
    }

    /// No sets yet, with room for `n` and `bytes` bytes of them.
    pub fn with_room(n: usize, bytes: usize) -> Sets {
        Sets {
            bytes: Vec::with_capacity(bytes),
            at: Vec::with_capacity(n),
            scratch: Vec::new(),
        }
    }

    /// The sets of `lists`, each ascending without duplicates.
    pub fn of(lists: &[Vec<Term>]) -> Sets {
        let mut s = Sets::empty(lists.len(), 0);
        for (i, l) in lists.iter().enumerate() {
            s.set(i, l);
        }
        s
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The bytes its sets take.
    pub fn live(&self) -> usize {
        self.at.iter().map(|x| x.1 as usize).sum()
    }

    /// Appends a paragraph with an empty set.
    pub fn push_empty(&mut self) {
        self.at.push((self.bytes.len() as u32, 0));
    }

    /// Room for sets of `more` bytes to come (written by [`Sets::set`]).
    pub fn reserve(&mut self, more: usize) {
        self.make_room(more);
    }

    /// Paragraph `i`'s set (empty past the end).
    pub fn get(&self, i: usize) -> TermSet<'_> {
        let Some(&(a, l)) = self.at.get(i) else {
            return TermSet(&[]);
        };
        TermSet(self.bytes.get(a as usize..(a + l) as usize).unwrap_or(&[]))
    }

    pub fn iter(&self) -> impl Iterator<Item = TermSet<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Appends a paragraph whose set is `from`'s set `j`.
    pub fn push_from(&mut self, from: &Sets, j: usize) {
        let set = from.get(j).0;
        self.make_room(set.len());
        let start = self.bytes.len() as u32;
        self.bytes.extend_from_slice(set);
        self.at.push((start, set.len() as u32));
    }

    /// Sets paragraph `i`'s set to `sorted` (ascending, without duplicates).
    pub fn set(&mut self, i: usize, sorted: &[Term]) {
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        encode(sorted, &mut buf);
        if let Some(&(a, l)) = self.at.get(i) {
            if buf.len() <= l as usize {
                self.bytes[a as usize..a as usize + buf.len()].copy_from_slice(&buf);
            } else {
                self.make_room(buf.len());
                let a = self.bytes.len();
                self.bytes.extend_from_slice(&buf);
                self.at[i].0 = a as u32;
            }
            self.at[i].1 = buf.len() as u32;
        }
        self.scratch = buf;
    }

    /// Gives back the room past what [`Sets::make_room`] would leave: the room reserved
    /// before the sets were listed (some bytes per form: 10 MB, twice what they took).
    pub fn trim(&mut self) {
        let live = self.live();
        self.bytes
            .shrink_to(self.bytes.len().max(live + live / 8 + 64));
    }

    /// Room for `more` bytes at the end without the vector doubling: when they do not fit, the
    /// live sets are copied into a new arena with an eighth to spare.
    fn make_room(&mut self, more: usize) {
        if self.bytes.len() + more <= self.bytes.capacity() {
            return;
        }
        let live = self.live();
        let mut bytes = Vec::with_capacity(live + more + live / 8 + 64);
        for x in self.at.iter_mut() {
            let (a, l) = (x.0 as usize, x.1 as usize);
            let start = bytes.len() as u32;
            bytes.extend_from_slice(&self.bytes[a..a + l]);
            x.0 = start;
        }
        self.bytes = bytes;
    }
}

/// A postings list: the questions (or topics) holding a term, ascending. Kept as their indices,
/// or as a bit per question once that is much smaller: a common word is held by most questions
/// (10 MB: 530 terms, 2.1 MB of lists, 0.9 MB so).
#[derive(Clone, Debug)]
pub enum Post {
    List(Vec<u32>),
    /// Bit `i` of the words set: `i` holds the term; `len` of them are set.
    Bits {
        len: u32,
        words: Box<[u64]>,
    },
}

impl Default for Post {
    fn default() -> Self {
        Post::List(Vec::new())
    }
}

/// An empty list, for a term outside the index.
static EMPTY: Post = Post::List(Vec::new());

/// The bytes a bitset needs to hold up to index `max`.
fn bits_bytes(max: u32) -> usize {
    (max as usize / 64 + 1) * 8
}

impl Post {
    /// Empty, with room for `count` entries up to `max`, in the smaller form.
    pub fn with_room(count: usize, max: u32) -> Post {
        if count * 4 > bits_bytes(max) {
            Post::Bits {
                len: 0,
                words: vec![0; max as usize / 64 + 1].into_boxed_slice(),
            }
        } else {
            Post::List(Vec::with_capacity(count))
        }
    }

    /// Appends `x`, greater than every entry (room made by [`Post::with_room`]).
    pub fn push(&mut self, x: u32) {
        match self {
            Post::List(v) => v.push(x),
            Post::Bits { .. } => self.insert(x),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Post::List(v) => v.len(),
            Post::Bits { len, .. } => *len as usize,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> PostIter<'_> {
        match self {
            Post::List(v) => PostIter::List(v.iter()),
            Post::Bits { words, .. } => PostIter::Bits {
                words,
                at: 0,
                cur: words.first().copied().unwrap_or(0),
            },
        }
    }

    pub fn to_vec(&self) -> Vec<u32> {
        self.iter().collect()
    }

    pub fn contains(&self, x: u32) -> bool {
        match self {
            Post::List(v) => v.binary_search(&x).is_ok(),
            Post::Bits { words, .. } => words
                .get(x as usize / 64)
                .is_some_and(|w| w >> (x % 64) & 1 == 1),
        }
    }

    /// Calls `f` on the entries within each of `bounds` (ascending, disjoint), in order.
    pub fn each_in(&self, bounds: &[Range<u32>], mut f: impl FnMut(u32)) {
        match self {
            Post::List(list) => {
                for b in bounds {
                    let lo = list.partition_point(|&x| x < b.start);
                    for &c in &list[lo..] {
                        if c >= b.end {
                            break;
                        }
                        f(c);
                    }
                }
            }
            Post::Bits { words, .. } => {
                for b in bounds {
                    let (first, last) = (b.start as usize / 64, b.end as usize / 64);
                    for (k, &w) in words.iter().enumerate().take(last + 1).skip(first) {
                        let mut w = w;
                        if k == first {
                            w &= u64::MAX.checked_shl(b.start % 64).unwrap_or(0);
                        }
                        if k == last {
                            w &= (1u64 << (b.end % 64)).wrapping_sub(1);
                        }
                        while w != 0 {
                            f((k * 64) as u32 + w.trailing_zeros());
                            w &= w - 1;
                        }
                    }
                }
            }
        }
    }

    /// Adds `x` (nothing if it is there).
    pub fn insert(&mut self, x: u32) {
        match self {
            Post::List(v) => {
                if let Err(p) = v.binary_search(&x) {
                    v.insert(p, x);
                    let max = v.last().copied().unwrap_or(0);
                    if v.len() * 4 > 2 * bits_bytes(max) {
                        *self = Post::from_sorted(v);
                    }
                }
            }
            Post::Bits { len, words } => {
                let k = x as usize / 64;
                if k >= words.len() {
                    let mut w = std::mem::take(words).into_vec();
                    w.resize(k + 1, 0);
                    *words = w.into_boxed_slice();
                }
                if words[k] >> (x % 64) & 1 == 0 {
                    words[k] |= 1 << (x % 64);
                    *len += 1;
                }
            }
        }
    }

    /// Takes `x` out (nothing if it is not there).
    pub fn remove(&mut self, x: u32) {
        match self {
            Post::List(v) => {
                if let Ok(p) = v.binary_search(&x) {
                    v.remove(p);
                }
            }
            Post::Bits { len, words } => {
                if let Some(w) = words.get_mut(x as usize / 64) {
                    if *w >> (x % 64) & 1 == 1 {
                        *w &= !(1 << (x % 64));
                        *len -= 1;
                    }
                }
                // Back to a list well before the list would be the larger (no flapping).
                if (*len as usize) * 4 * 2 < words.len() * 8 {
                    *self = Post::List(self.to_vec());
                }
            }
        }
    }

    /// From entries ascending, in the smaller form.
    pub fn from_sorted(v: &[u32]) -> Post {
        let mut p = Post::with_room(v.len(), v.last().copied().unwrap_or(0));
        for &x in v {
            p.push(x);
        }
        p
    }
}

pub enum PostIter<'a> {
    List(std::slice::Iter<'a, u32>),
    Bits {
        words: &'a [u64],
        at: usize,
        cur: u64,
    },
}

impl Iterator for PostIter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            PostIter::List(it) => it.next().copied(),
            PostIter::Bits { words, at, cur } => loop {
                if *cur != 0 {
                    let b = cur.trailing_zeros();
                    *cur &= *cur - 1;
                    return Some((*at * 64) as u32 + b);
                }
                *at += 1;
                *cur = *words.get(*at)?;
            },
        }
    }
}

#[derive(Default)]
pub struct Index {
    /// Filled while a reference is resolved.
    pub reads: RefCell<Reads>,
    pub vocab: Vocab,
    /// Number of questions (the idf's N).
    pub n: usize,
    /// Terms of each question's text.
    pub q: Sets,
    /// Terms of each question's answer.
    pub a: Sets,
    /// Terms of each topic heading.
    pub t: Vec<Vec<Term>>,
    /// Per term: the questions whose text holds it, ascending.
    pub q_post: Vec<Post>,
    /// Per term: the questions whose answer holds it, ascending.
    pub a_post: Vec<Post>,
    /// Per term: the topics whose heading holds it, ascending.
    pub t_post: Vec<Post>,
    /// Per term: its quantised idf (0 for a stem outside the vocabulary).
    pub k: Vec<u32>,
    /// Per question: the sum of its text's squared quantised weights.
    pub q_norm2: Vec<u64>,
    pub by_number: FxMap<u32, Vec<usize>>,
    /// Does any question carry a number?
    pub numbered: bool,
    /// Fractie comparison key → fractie sections with that name.
    pub fractie_by_key: FxMap<String, Vec<usize>>,
    /// Per topic: the range of question indices under it.
    pub topic_questions: Vec<Range<usize>>,
    /// Per topic: its heading, folded, to tell topics with the same heading apart from others.
    pub topic_key: Vec<String>,
}

impl Index {
    /// The index of a report built afresh (for tools and examples).
    pub fn new(report: &Report, src: &dyn Source) -> Index {
        super::cache::Live::fresh_index(report, src)
    }

    /// The quantised idf a term should have now.
    pub fn k_now(&self, t: Term) -> u32 {
        if !self.vocab.stem_held(t) {
            return 0;
        }
        let df = Index::post(&self.q_post, t)
            .len()
            .max(Index::post(&self.a_post, t).len());
        quantised_idf(self.n, df)
    }

    fn k(&self, t: Term) -> u32 {
        self.k.get(t as usize).copied().unwrap_or(0)
    }

    /// Squared weight, scaled.
    pub fn w2(&self, t: Term) -> u64 {
        let k = self.k(t) as u64;
        k * k
    }

    /// The term's weight (its idf, rounded).
    pub fn idf(&self, t: Term) -> f32 {
        (self.k(t) as f64 / SCALE) as f32
    }

    /// [`Index::idf`], noting the read.
    pub fn weight(&self, t: Term) -> f32 {
        self.reads.borrow_mut().weights.push(t);
        self.idf(t)
    }

    /// [`Index::w2`], noting the read.
    pub fn weight2(&self, t: Term) -> u64 {
        self.reads.borrow_mut().weights.push(t);
        self.w2(t)
    }

    /// Query terms of a text: each word with its compound parts (the read is noted).
    pub fn query(&mut self, text: &str) -> QueryTerms {
        let out = self.query_quiet(text);
        let mut long: Vec<Box<str>> = Vec::new();
        for (a, b) in word_spans(text) {
            let f = self.vocab.word(&text[a..b]);
            let w = self.vocab.form_text(f);
            if w.len() >= 7 && w.is_ascii() {
                long.push(w.into());
            }
        }
        long.sort_unstable();
        long.dedup();
        let r = self.reads.get_mut();
        for (t, p) in &out {
            r.weights.push(*t);
            r.weights.extend(p.iter().flatten());
        }
        r.queries.push(Query {
            text: text.to_string(),
            out: out.clone(),
            long,
        });
        out
    }

    /// [`Index::query`] without noting the read.
    pub fn query_quiet(&mut self, text: &str) -> QueryTerms {
        let mut out: QueryTerms = Vec::new();
        for (a, b) in word_spans(text) {
            if let Some(x) = self.vocab.query_terms(&text[a..b]) {
                if !out.iter().any(|y| y.0 == x.0) {
                    out.push(x);
                }
            }
        }
        out
    }

    /// The terms of question `c`'s text, sorted (the read is noted).
    pub fn qset(&self, c: usize) -> Vec<Term> {
        self.reads.borrow_mut().questions.push(c as u32);
        self.q.get(c).to_vec()
    }

    /// The terms of question `c`'s answer, sorted (the read is noted).
    pub fn aset(&self, c: usize) -> Vec<Term> {
        self.reads.borrow_mut().answers.push(c as u32);
        self.a.get(c).to_vec()
    }

    /// The norm of question `c`'s text (the read is noted).
    pub fn norm(&self, c: usize) -> Option<f32> {
        self.reads.borrow_mut().questions.push(c as u32);
        self.q_norm2.get(c).map(|&x| fixed(x).sqrt())
    }

    /// Postings of question texts, answers and topic headings (the reads are noted).
    pub fn q_posts(&self, t: Term) -> &Post {
        self.reads.borrow_mut().q_posts.push(t);
        Index::post(&self.q_post, t)
    }

    pub fn a_posts(&self, t: Term) -> &Post {
        self.reads.borrow_mut().a_posts.push(t);
        Index::post(&self.a_post, t)
    }

    pub fn t_posts(&self, t: Term) -> &Post {
        self.reads.borrow_mut().t_posts.push(t);
        Index::post(&self.t_post, t)
    }

    /// Does no question but `s` hold `t` (in its text or answer)? (The read is noted.)
    pub fn own(&self, t: Term, s: usize) -> bool {
        let v = self.own_quiet(t, s);
        self.reads.borrow_mut().owns.push((t, v));
        v
    }

    pub fn own_quiet(&self, t: Term, s: usize) -> bool {
        let q = Index::post(&self.q_post, t);
        let a = Index::post(&self.a_post, t);
        q.iter().chain(a.iter()).all(|c| c as usize == s)
    }

    pub fn post(list: &[Post], t: Term) -> &Post {
        list.get(t as usize).unwrap_or(&EMPTY)
    }

    /// The report's numbers, fracties and topics (what does not depend on the texts).
    pub fn set_shape(&mut self, report: &Report, src: &dyn Source) {
        let n = report.questions.len();
        let mut by_number: FxMap<u32, Vec<usize>> = FxMap::default();
        for (i, qq) in report.questions.iter().enumerate() {
            for &num in &qq.numbers {
                by_number.entry(num).or_default().push(i);
            }
        }
        let mut fractie_by_key: FxMap<String, Vec<usize>> = FxMap::default();
        for (i, f) in report.fracties.iter().enumerate() {
            for name in &f.names {
                fractie_by_key
                    .entry(super::words::fractie_key(name))
                    .or_default()
                    .push(i);
            }
        }
        // Questions are in document order and a topic's questions follow its heading.
        let mut topic_questions = vec![0..0; report.topics.len()];
        let mut i = 0;
        while i < n {
            let Some(tp) = report.questions[i].topic() else {
                i += 1;
                continue;
            };
            let start = i;
            while i < n && report.questions[i].topic() == Some(tp) {
                i += 1;
            }
            if let Some(r) = topic_questions.get_mut(tp) {
                if r.start == r.end {
                    *r = start..i;
                }
            }
        }
        self.numbered = !by_number.is_empty();
        self.by_number = by_number;
        self.fractie_by_key = fractie_by_key;
        self.topic_questions = topic_questions;
        self.topic_key = report
            .topics
            .iter()
            .map(|t| super::words::fold(src.slice(t.heading.clone()).trim()))
            .collect();
    }
}

/// Sum of squared weights over the terms two sorted sets share (scaled).
fn dot2(ix: &Index, a: &[Term], b: &[Term]) -> u64 {
    let (mut i, mut j) = (0, 0);
    let mut dot = 0u64;
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += ix.w2(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

fn mass2(ix: &Index, a: &[Term]) -> u64 {
    a.iter().map(|&x| ix.w2(x)).sum()
}

/// Cosine of two sorted term sets with idf weights.
pub fn cosine(ix: &Index, a: &[Term], b: &[Term]) -> f32 {
    let (na, nb) = (mass2(ix, a), mass2(ix, b));
    if na == 0 || nb == 0 {
        return 0.0;
    }
    let dot = dot2(ix, a, b) as f64;
    (dot / ((na as f64).sqrt() * (nb as f64).sqrt())) as f32
}

/// The sorted union of two sorted sets.
pub fn union(a: &[Term], b: &[Term]) -> Vec<Term> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.sort_unstable();
    v.dedup();
    v
}

/// Σ idf² over the terms two sorted sets share.
pub fn overlap(ix: &Index, a: &[Term], b: &[Term]) -> f32 {
    fixed(dot2(ix, a, b))
}

/// Σ idf² over a set.
pub fn mass(ix: &Index, a: &[Term]) -> f32 {
    fixed(mass2(ix, a))
}

#[cfg(test)]
mod tests {
    use super::Sets;

    #[test]
    fn term_sets_round_trip() {
        for set in [
            vec![],
            vec![0],
            vec![
                0,
                1,
                127,
                128,
                300,
                16_383,
                16_384,
                1 << 21,
                u32::MAX - 1,
                u32::MAX,
            ],
            (0..500).map(|x| x * 37).collect::<Vec<u32>>(),
        ] {
            // Written over a shorter and a longer set, and copied.
            let mut sets = Sets::empty(3, 0);
            sets.set(1, &[1, 2]);
            sets.set(1, &set);
            sets.set(0, &[7; 0]);
            sets.set(2, &(0..300).collect::<Vec<u32>>());
            sets.set(2, &set);
            let mut copy = Sets::empty(0, 0);
            copy.push_from(&sets, 2);
            for s in [sets.get(1), sets.get(2), copy.get(0)] {
                assert_eq!(s.to_vec(), set);
                for &t in &set {
                    assert!(s.contains(t));
                }
                assert!(!s.contains(5) || set.contains(&5));
            }
            assert!(sets.get(0).to_vec().is_empty());
        }
    }

    /// A postings list changed entry by entry, through both its forms, reads as the plain
    /// sorted list would.
    #[test]
    fn postings_in_either_form() {
        use super::Post;
        let mut p = Post::default();
        let mut v: Vec<u32> = Vec::new();
        let mut x: u32 = 7;
        for step in 0..4000u32 {
            // A pseudo-random walk: mostly inserts first, then mostly removals.
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345) % 300;
            if (step < 2000) != x.is_multiple_of(4) {
                p.insert(x);
                if let Err(at) = v.binary_search(&x) {
                    v.insert(at, x);
                }
            } else {
                p.remove(x);
                if let Ok(at) = v.binary_search(&x) {
                    v.remove(at);
                }
            }
            assert_eq!(p.len(), v.len());
            assert_eq!(p.to_vec(), v);
            assert!(p.contains(x) == v.contains(&x));
            let bounds = [0..3, 60..64, 64..129, 130..130, 190..300];
            let mut got = Vec::new();
            p.each_in(&bounds, |c| got.push(c));
            let want: Vec<u32> = v
                .iter()
                .copied()
                .filter(|c| bounds.iter().any(|b| b.contains(c)))
                .collect();
            assert_eq!(got, want);
        }
        assert_eq!(Post::from_sorted(&v).to_vec(), v);
    }
}
