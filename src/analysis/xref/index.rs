//! The index the resolver looks things up in, built once per analysis in one pass over the
//! questions: terms (Dutch stems, compounds split) of every question text, answer text and
//! topic heading, with postings lists (term → questions, term → topics), questions by number and
//! by fractie, and the question range of every topic.

use std::cell::RefCell;
use std::ops::Range;

use super::words::{fractie_key, word_spans, FxMap, Lexicon, Term};
use crate::analysis::Source;
use crate::syntax::Report;

/// Sorted, deduplicated term lists, one per item, in one buffer.
#[derive(Default, Debug, PartialEq)]
pub struct Sets {
    offsets: Vec<u32>,
    terms: Vec<Term>,
}

impl Sets {
    pub fn get(&self, i: usize) -> &[Term] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.terms[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Appends a set already sorted and deduplicated.
    pub fn push_sorted(&mut self, terms: impl Iterator<Item = Term>) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.terms.extend(terms);
        self.offsets.push(self.terms.len() as u32);
    }

    pub fn push(&mut self, terms: &mut Vec<Term>) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        terms.sort_unstable();
        terms.dedup();
        self.terms.extend_from_slice(terms);
        self.offsets.push(self.terms.len() as u32);
    }
}

/// The terms of a query's words: each with its compound parts.
pub type QueryTerms = Vec<(Term, Option<[Term; 2]>)>;

/// What resolving one reference read of the index (see `cache`): the questions whose term
/// sets or norms it read, the terms of its queries, and its queries with their answers.
#[derive(Clone, Debug, Default)]
pub struct Reads {
    pub questions: Vec<u32>,
    pub terms: Vec<Term>,
    pub queries: Vec<(String, QueryTerms)>,
}

pub struct Index {
    /// Filled while a reference is resolved.
    pub reads: RefCell<Reads>,
    pub lex: Lexicon,
    /// Terms of each question's text.
    pub q: Sets,
    /// Terms of each question's answer.
    pub a: Sets,
    /// Terms of each topic heading.
    pub t: Sets,
    /// Per term: the questions whose text holds it, ascending.
    pub q_post: Vec<Vec<u32>>,
    /// Per term: the questions whose answer holds it, ascending.
    pub a_post: Vec<Vec<u32>>,
    /// Per term: the topics whose heading holds it.
    pub t_post: Vec<Vec<u32>>,
    /// Inverse document frequency per term (over questions with their answers).
    pub idf: Vec<f32>,
    /// Per question: the norm of its text's idf-weighted term vector.
    pub q_norm: Vec<f32>,
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

/// The terms of `text` (at byte `base`), skipping words inside `holes` (sorted ranges).
fn terms_of(
    lex: &mut Lexicon,
    text: &str,
    base: usize,
    holes: &[Range<usize>],
    out: &mut Vec<Term>,
) {
    out.clear();
    for (a, b) in word_spans(text) {
        if holes.iter().any(|h| h.contains(&(base + a))) {
            continue;
        }
        if let Some(t) = lex.term(&text[a..b]) {
            out.push(t);
        }
    }
}

impl Index {
    /// `holes`: the cross-reference phrases, sorted; their words say where an answer points,
    /// not what it is about, so they are left out of the answers' terms.
    pub fn new(report: &Report, src: &dyn Source, holes: &[Range<usize>]) -> Index {
        let mut lex = Lexicon::new();
        let n = report.questions.len();
        let mut raw_q: Vec<Vec<Term>> = Vec::with_capacity(n);
        let mut raw_a: Vec<Vec<Term>> = Vec::with_capacity(n);
        let mut buf = Vec::new();
        for q in &report.questions {
            terms_of(
                &mut lex,
                &src.slice(q.text.clone()),
                q.text.start,
                &[],
                &mut buf,
            );
            raw_q.push(buf.clone());
            match &q.answer {
                Some(ans) if !ans.body.is_empty() => {
                    let lo = holes.partition_point(|h| h.end <= ans.body.start);
                    let hi = holes.partition_point(|h| h.start < ans.body.end);
                    let inside = &holes[lo..hi.max(lo)];
                    terms_of(
                        &mut lex,
                        &src.slice(ans.body.clone()),
                        ans.body.start,
                        inside,
                        &mut buf,
                    );
                    raw_a.push(buf.clone());
                }
                _ => raw_a.push(Vec::new()),
            }
        }
        let mut raw_t: Vec<Vec<Term>> = Vec::with_capacity(report.topics.len());
        let mut topic_key = Vec::with_capacity(report.topics.len());
        for t in &report.topics {
            let h = src.slice(t.heading.clone());
            terms_of(&mut lex, &h, t.heading.start, &[], &mut buf);
            raw_t.push(buf.clone());
            topic_key.push(super::words::fold(h.trim()));
        }
        Index::build(report, lex, raw_q, raw_a, raw_t, topic_key)
    }

    /// The index from the terms of every question text, answer (without its reference
    /// phrases) and topic heading, interned in document order into `lex`.
    pub fn build(
        report: &Report,
        mut lex: Lexicon,
        raw_q: Vec<Vec<Term>>,
        raw_a: Vec<Vec<Term>>,
        raw_t: Vec<Vec<Term>>,
        topic_key: Vec<String>,
    ) -> Index {
        let n = report.questions.len();
        lex.split_compounds();
        let expand = |lex: &Lexicon, v: &mut Vec<Term>| {
            let len = v.len();
            for i in 0..len {
                if let Some([a, b]) = lex.parts(v[i]) {
                    v.push(a);
                    v.push(b);
                }
            }
        };
        let mut q = Sets::default();
        let mut a = Sets::default();
        let mut t = Sets::default();
        for mut v in raw_q {
            expand(&lex, &mut v);
            q.push(&mut v);
        }
        for mut v in raw_a {
            expand(&lex, &mut v);
            a.push(&mut v);
        }
        for mut v in raw_t {
            expand(&lex, &mut v);
            t.push(&mut v);
        }
        let nt = lex.len();
        let mut q_post = vec![Vec::new(); nt];
        let mut a_post = vec![Vec::new(); nt];
        let mut t_post = vec![Vec::new(); nt];
        for i in 0..n {
            for &x in q.get(i) {
                q_post[x as usize].push(i as u32);
            }
            for &x in a.get(i) {
                a_post[x as usize].push(i as u32);
            }
        }
        for i in 0..report.topics.len() {
            for &x in t.get(i) {
                t_post[x as usize].push(i as u32);
            }
        }
        Index::assemble(report, lex, [q, a, t], [q_post, a_post, t_post], topic_key)
    }

    /// Expands each term with its compound parts.
    pub fn expand(lex: &Lexicon, v: &mut Vec<Term>) {
        let len = v.len();
        for i in 0..len {
            if let Some([a, b]) = lex.parts(v[i]) {
                v.push(a);
                v.push(b);
            }
        }
    }

    /// The rest of the index from the term sets and postings lists.
    pub fn assemble(
        report: &Report,
        lex: Lexicon,
        [q, a, t]: [Sets; 3],
        [q_post, a_post, t_post]: [Vec<Vec<u32>>; 3],
        topic_key: Vec<String>,
    ) -> Index {
        let n = report.questions.len();
        let nt = lex.len();
        let nf = n.max(1) as f32;
        let idf: Vec<f32> = (0..nt)
            .map(|x| {
                let df = q_post[x].len().max(a_post[x].len()) as f32;
                (1.0 + nf / (df + 1.0)).ln()
            })
            .collect();
        let q_norm = (0..n)
            .map(|i| {
                q.get(i)
                    .iter()
                    .map(|&x| idf[x as usize] * idf[x as usize])
                    .sum::<f32>()
                    .sqrt()
            })
            .collect();
        let mut by_number: FxMap<u32, Vec<usize>> = FxMap::default();
        for (i, qq) in report.questions.iter().enumerate() {
            for &num in &qq.numbers {
                by_number.entry(num).or_default().push(i);
            }
        }
        let mut fractie_by_key: FxMap<String, Vec<usize>> = FxMap::default();
        for (i, f) in report.fracties.iter().enumerate() {
            for name in &f.names {
                fractie_by_key.entry(fractie_key(name)).or_default().push(i);
            }
        }
        // Questions are in document order and a topic's questions follow its heading.
        let mut topic_questions = vec![0..0; report.topics.len()];
        let mut i = 0;
        while i < n {
            let Some(tp) = report.questions[i].topic else {
                i += 1;
                continue;
            };
            let start = i;
            while i < n && report.questions[i].topic == Some(tp) {
                i += 1;
            }
            if let Some(r) = topic_questions.get_mut(tp) {
                if r.start == r.end {
                    *r = start..i;
                }
            }
        }
        Index {
            reads: RefCell::default(),
            lex,
            q,
            a,
            t,
            q_post,
            a_post,
            t_post,
            idf,
            q_norm,
            numbered: !by_number.is_empty(),
            by_number,
            fractie_by_key,
            topic_questions,
            topic_key,
        }
    }

    pub fn idf(&self, t: Term) -> f32 {
        self.idf.get(t as usize).copied().unwrap_or(0.0)
    }

    /// Query terms of a text: each word with its compound parts.
    pub fn query(&mut self, text: &str) -> Vec<(Term, Option<[Term; 2]>)> {
        let out = self.query_quiet(text);
        let r = self.reads.get_mut();
        for (t, p) in &out {
            r.terms.push(*t);
            r.terms.extend(p.iter().flatten());
        }
        r.queries.push((text.to_string(), out.clone()));
        out
    }

    /// [`Index::query`] without noting the read.
    pub fn query_quiet(&mut self, text: &str) -> Vec<(Term, Option<[Term; 2]>)> {
        let mut out: Vec<(Term, Option<[Term; 2]>)> = Vec::new();
        for (a, b) in word_spans(text) {
            if let Some(x) = self.lex.query_terms(&text[a..b]) {
                if !out.iter().any(|y| y.0 == x.0) {
                    out.push(x);
                }
            }
        }
        out
    }

    /// The terms of question `c`'s text (the read is noted).
    pub fn qset(&self, c: usize) -> &[Term] {
        self.reads.borrow_mut().questions.push(c as u32);
        self.q.get(c)
    }

    /// The terms of question `c`'s answer (the read is noted).
    pub fn aset(&self, c: usize) -> &[Term] {
        self.reads.borrow_mut().questions.push(c as u32);
        self.a.get(c)
    }

    /// The norm of question `c`'s text (the read is noted).
    pub fn norm(&self, c: usize) -> Option<f32> {
        self.reads.borrow_mut().questions.push(c as u32);
        self.q_norm.get(c).copied()
    }

    pub fn post(list: &[Vec<u32>], t: Term) -> &[u32] {
        list.get(t as usize).map(|v| v.as_slice()).unwrap_or(&[])
    }
}

/// Cosine of two sorted term sets with idf weights.
pub fn cosine(ix: &Index, a: &[Term], b: &[Term]) -> f32 {
    let (mut i, mut j) = (0, 0);
    let mut dot = 0.0;
    let (mut na, mut nb) = (0.0, 0.0);
    for &x in a {
        na += ix.idf(x) * ix.idf(x);
    }
    for &x in b {
        nb += ix.idf(x) * ix.idf(x);
    }
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += ix.idf(a[i]) * ix.idf(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na.sqrt() * nb.sqrt())
    }
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
    let (mut i, mut j) = (0, 0);
    let mut dot = 0.0;
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += ix.idf(a[i]) * ix.idf(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Σ idf² over a set.
pub fn mass(ix: &Index, a: &[Term]) -> f32 {
    a.iter().map(|&x| ix.idf(x) * ix.idf(x)).sum()
}
