//! Reuse between versions of a document. One [`Live`] per document holds everything the
//! cross-references of its last analysed version were computed from, and is changed in place
//! for the next version, at a cost that follows the edit:
//!
//! - per question text and answer, its phrases (position-free) are kept and recomputed only for
//!   the paragraphs whose bytes changed; its words as folded forms and its shingles, which would
//!   be most of the memory, are not kept but read again from the text (the old text for what an
//!   edit replaces) for the few paragraphs an update concerns;
//! - the vocabulary counts the paragraphs holding each form; compounds are split again only when
//!   a form or stem that begins or ends them came or went (`words::Vocab`);
//! - the index's term sets, postings, weights and norms are patched for the changed paragraphs:
//!   the terms that came or went, the weights that changed (idf is rounded, so that is rare for
//!   a common word) and the norms of the questions holding them;
//! - each reference keeps its result and what it read (questions, answers, postings, weights,
//!   topic keys, its queries); an index of who read what ([`Readers`]) names the references a
//!   change may concern, and those whose reads changed are resolved again;
//! - who holds each sampled shingle is kept, and only the answers sharing a shingle whose first
//!   holder changed are judged again for repeats.
//!
//! Nothing computed depends on the order it was reached in (see `index`), so the result of a
//! version is the same as that of an analysis afresh; debug builds check the index against one
//! built afresh after every update (of a document of up to 1 000 questions).

use std::collections::BTreeMap;
use std::ops::{Bound, Range};

use super::index::{Index, Post, Query, Reads, Sets, TermSet};
use super::phrase::{recognise, FractieRef, Phrase};
use super::resolve::{chains, resolver, words_outside, Found};
use super::similarity::{judge, shingles, word_range, Repeat, Shingle, SHINGLE};
use super::words::{FxMap, Term, Vocab};
use super::{CrossRef, Xrefs};
use crate::analysis::incremental::{Change, QuestionMap, BODY, TEXT};
use crate::analysis::Source;
use crate::syntax::Report;
use thin_vec::ThinVec;

/// More distinct words than this (a document pasted over and over) and the vocabulary starts
/// afresh, dropping what old versions left.
const MAX_WORDS: usize = 1 << 20;

/// What one question text or answer body yields, relative to its start. One of these is kept
/// per paragraph of the document, so it keeps only what is dear to compute again: the phrases.
/// Its folded forms (the largest part) and an answer's shingles are computed again from the
/// text for the few paragraphs an edit concerns.
#[derive(Default)]
pub struct Para {
    /// Thin (one word, not two): most paragraphs have none, and one of these is kept per
    /// question text and per answer (10 MB: 20 000 of them).
    phrases: ThinVec<Phrase>,
    /// The answer is (nearly) only its reference phrases.
    whole: bool,
    n_words: u32,
}

impl Para {
    /// A question text and its distinct folded forms.
    fn question(text: &str, v: &mut Vocab) -> (Para, Vec<u32>) {
        let para = Para {
            phrases: recognise(text, 0).into(),
            ..Para::default()
        };
        (para, v.forms(text, &[]))
    }

    /// An answer and its distinct folded forms outside its phrases.
    fn answer(text: &str, v: &mut Vocab) -> (Para, Vec<u32>) {
        let phrases = recognise(text, 0);
        let holes: Vec<Range<usize>> = phrases.iter().map(|p| p.range.clone()).collect();
        // `Het kabinet verwijst naar …`, `Voor het antwoord verwijst het kabinet graag naar …`:
        // a few words around the phrase still make the answer only a pointer.
        let whole = !phrases.is_empty() && words_outside(text, 0, &holes) <= 6;
        let (forms, n_words) = v.forms_counted(text, &holes);
        let para = Para {
            phrases: phrases.into(),
            whole,
            n_words: n_words as u32,
        };
        (para, forms)
    }

    /// The forms [`Para::question`] (`answer` false) or [`Para::answer`] gave for `text`, which
    /// must be the text this paragraph was made from.
    fn forms(&self, text: &str, answer: bool, v: &mut Vocab) -> Vec<u32> {
        if !answer {
            return v.forms(text, &[]);
        }
        let holes: Vec<Range<usize>> = self.phrases.iter().map(|p| p.range.clone()).collect();
        v.forms(text, &holes)
    }

    /// Its shingles are matched against other answers' (not an answer that only refers).
    fn active(&self) -> bool {
        self.n_words as usize >= SHINGLE && !self.whole
    }
}

/// Some paragraphs' forms for one update, in one flat vector: for a fresh analysis that is
/// every paragraph, and a vector each would leave the allocator holding their memory after.
#[derive(Default)]
struct Listed {
    data: Vec<u32>,
    at: FxMap<u32, (u32, u32)>,
}

impl Listed {
    fn insert(&mut self, k: u32, forms: Vec<u32>) {
        let start = self.data.len() as u32;
        self.data.extend_from_slice(&forms);
        self.at.insert(k, (start, self.data.len() as u32));
    }

    fn contains_key(&self, k: &u32) -> bool {
        self.at.contains_key(k)
    }

    fn get(&self, k: &u32) -> Option<&[u32]> {
        let &(a, b) = self.at.get(k)?;
        self.data.get(a as usize..b as usize)
    }
}

fn shift(r: &Range<usize>, by: isize) -> Range<usize> {
    let mv = |x: usize| x.saturating_add_signed(by);
    mv(r.start)..mv(r.end)
}

fn shift_parts(parts: &mut super::Parts, by: isize) {
    if let Some(s) = &mut parts.subject {
        *s = shift(s, by);
    }
    match &mut parts.fractie {
        Some(FractieRef::Named { range, .. }) | Some(FractieRef::Own { range }) => {
            *range = shift(range, by)
        }
        None => {}
    }
}

fn shifted(p: &Phrase, by: usize) -> Phrase {
    let mut p = p.clone();
    p.range = shift(&p.range, by as isize);
    shift_parts(&mut p.parts, by as isize);
    p
}

/// One phrase's result (before chains are followed) and what resolving it read.
struct RefState {
    /// Where its paragraph started when it was resolved (its ranges are from then).
    base: usize,
    pre: CrossRef,
    reads: Kept,
    /// Tells this state's entries in [`Readers`] from those of states it replaced.
    gen: u32,
}

/// What resolving a reference read ([`Reads`], tidied), as kept with its result: its lists of
/// ids in one slice. Nine vectors took 216 bytes and up to nine small blocks per reference
/// (10 MB: 900 references, most of whose lists hold a few ids or none).
#[derive(Default)]
struct Kept {
    /// The lists `questions`, `answers`, `q_posts`, `a_posts`, `t_posts`, `weights` and
    /// `topics` of [`Reads`], one after the other.
    ids: Box<[u32]>,
    /// Where each list ends in `ids`.
    ends: [u32; 7],
    owns: Box<[(Term, bool)]>,
    queries: Box<[Query]>,
}

impl Kept {
    fn new(r: Reads) -> Kept {
        let lists = [
            &r.questions,
            &r.answers,
            &r.q_posts,
            &r.a_posts,
            &r.t_posts,
            &r.weights,
            &r.topics,
        ];
        let mut ids = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
        let mut ends = [0; 7];
        for (end, l) in ends.iter_mut().zip(lists) {
            ids.extend_from_slice(l);
            *end = ids.len() as u32;
        }
        Kept {
            ids: ids.into_boxed_slice(),
            ends,
            owns: r.owns.into_boxed_slice(),
            queries: r.queries.into_boxed_slice(),
        }
    }

    /// Whether it read so many questions that it is listed under [`R_WIDE`].
    fn wide(&self) -> bool {
        self.questions().len() >= WIDE
    }

    /// List `k` (in the order of `ids`).
    fn list(&self, k: usize) -> &[u32] {
        let start = k.checked_sub(1).map_or(0, |j| self.ends[j]) as usize;
        let end = self.ends.get(k).map_or(start, |&e| e as usize);
        self.ids.get(start..end).unwrap_or(&[])
    }

    fn questions(&self) -> &[u32] {
        self.list(0)
    }
    fn answers(&self) -> &[u32] {
        self.list(1)
    }
    fn q_posts(&self) -> &[Term] {
        self.list(2)
    }
    fn a_posts(&self) -> &[Term] {
        self.list(3)
    }
    fn t_posts(&self) -> &[Term] {
        self.list(4)
    }
    fn weights(&self) -> &[Term] {
        self.list(5)
    }
    fn topics(&self) -> &[u32] {
        self.list(6)
    }
}

/// A reference (question, phrase) as it was when it read something.
#[derive(Clone, Copy, Debug)]
struct Entry {
    q: u32,
    /// The state's generation, which also finds its phrase: generations are not reused.
    gen: u32,
}

const R_Q: u8 = 0;
const R_A: u8 = 1;
const R_PQ: u8 = 2;
const R_PA: u8 = 3;
const R_PT: u8 = 4;
const R_W: u8 = 5;
const R_OWN: u8 = 6;
const R_T: u8 = 7;
/// The chain (under id 0) of references that read many questions; see [`WIDE`].
const R_WIDE: u8 = 8;

/// A reference that read at least this many questions (a similarity search reads the norm of
/// every candidate: 10 MB, a fifth of the references read 300 each, 70 % of all entries) is
/// listed once under [`R_WIDE`], not under each question: an update looks through its
/// (sorted) questions itself, a binary search per changed question, which costs less than the
/// entries did in memory (some 60 000 of 12 bytes, and room for as many more). Debug builds
/// take most references as wide, so that the tests' short documents go through that path.
const WIDE: usize = if cfg!(debug_assertions) { 2 } else { 16 };

/// Who read what: per question, postings list, weight and query word, the references that
/// read it. A change then looks up the few references it may concern instead of asking every
/// reference. Entries of replaced results stay until the index is rebuilt (their generation
/// tells them apart).
#[derive(Default)]
struct Readers {
    /// (kind, id) → its newest entry in `nodes`.
    by: FxMap<(u8, u32), u32>,
    /// Long query words, as written and reversed (a compound's split reads its prefixes and
    /// suffixes) → newest entry.
    words: BTreeMap<Box<str>, u32>,
    rwords: BTreeMap<Box<str>, u32>,
    /// Every item's entries chained newest first: (entry, the next older one or [`NIL`]). One
    /// arena, not a vector per item (most items have few readers).
    nodes: Vec<(Entry, u32)>,
    /// Past this many entries (the arena's room) they are listed again from the live results.
    limit: usize,
    /// Listed at all: not for an analysis made from nothing, which no other may follow
    /// (`Xrefs::new`, `griffel check`); the first version after it lists them.
    built: bool,
}

/// The end of a chain in [`Readers::nodes`].
const NIL: u32 = u32::MAX;

fn link(nodes: &mut Vec<(Entry, u32)>, head: &mut u32, e: Entry) {
    nodes.push((e, *head));
    *head = (nodes.len() - 1) as u32;
}

impl Readers {
    /// How many entries [`Readers::add`] makes for `r`.
    fn size(r: &Kept) -> usize {
        let questions = if r.wide() { 1 } else { r.questions().len() };
        questions
            + r.answers().len()
            + r.q_posts().len()
            + r.a_posts().len()
            + r.t_posts().len()
            + r.weights().len()
            + r.topics().len()
            + r.owns.len()
            + 2 * r.queries.iter().map(|q| q.long.len()).sum::<usize>()
    }

    fn entries(&self) -> usize {
        self.nodes.len()
    }

    fn add(&mut self, e: Entry, r: &Kept) {
        let wide = r.wide();
        if wide {
            link(
                &mut self.nodes,
                self.by.entry((R_WIDE, 0)).or_insert(NIL),
                e,
            );
        }
        let questions: &[u32] = if wide { &[] } else { r.questions() };
        let lists: [(u8, &[u32]); 7] = [
            (R_Q, questions),
            (R_A, r.answers()),
            (R_PQ, r.q_posts()),
            (R_PA, r.a_posts()),
            (R_PT, r.t_posts()),
            (R_W, r.weights()),
            (R_T, r.topics()),
        ];
        for (kind, ids) in lists {
            for &id in ids {
                link(&mut self.nodes, self.by.entry((kind, id)).or_insert(NIL), e);
            }
        }
        for &(t, _) in r.owns.iter() {
            link(&mut self.nodes, self.by.entry((R_OWN, t)).or_insert(NIL), e);
        }
        for q in r.queries.iter() {
            for w in &q.long {
                link(
                    &mut self.nodes,
                    self.words.entry(w.clone()).or_insert(NIL),
                    e,
                );
                let rw: String = w.chars().rev().collect();
                link(
                    &mut self.nodes,
                    self.rwords.entry(rw.into()).or_insert(NIL),
                    e,
                );
            }
        }
    }

    fn walk(&self, mut at: u32, out: &mut Vec<Entry>) {
        while let Some(&(e, next)) = self.nodes.get(at as usize) {
            out.push(e);
            at = next;
        }
    }

    fn get(&self, kind: u8, ids: &[u32], out: &mut Vec<Entry>) {
        for &id in ids {
            if let Some(&h) = self.by.get(&(kind, id)) {
                self.walk(h, out);
            }
        }
    }

    /// The references whose queries hold a long word that begins or ends with `k`.
    fn words_at(&self, k: &str, out: &mut Vec<Entry>) {
        for (_, &h) in self
            .words
            .range::<str, _>((Bound::Included(k), Bound::Unbounded))
            .take_while(|(w, _)| w.starts_with(k))
        {
            self.walk(h, out);
        }
        if k.len() >= 4 {
            let rk: String = k.chars().rev().collect();
            for (_, &h) in self
                .rwords
                .range::<str, _>((Bound::Included(rk.as_str()), Bound::Unbounded))
                .take_while(|(w, _)| w.starts_with(rk.as_str()))
            {
                self.walk(h, out);
            }
        }
    }
}

/// The last analysed version of a document's cross-references and all they were computed
/// from; see the module docs.
#[derive(Default)]
pub struct Live {
    ix: Index,
    /// Per question: its text and its (non-empty) answer.
    q: Vec<Para>,
    a: Vec<Option<Para>>,
    /// Per topic heading: its forms.
    topic_forms: Vec<Vec<u32>>,
    /// Per question: its phrases' results, those of the text first. Thin: most questions have
    /// none, and an empty one is a pointer, not three words.
    refs_of: Vec<ThinVec<RefState>>,
    readers: Readers,
    next_gen: u32,
    /// No version will follow: skip what only a next version would need.
    once: bool,
    rep: Holders,
    /// Marks for one update: terms whose postings of question texts, answers and topic headings
    /// changed, and terms whose weight changed.
    epoch: u32,
    term_marks: Vec<[u32; 4]>,
    /// What changed for the index, as sorted lists (usually a few entries each): questions
    /// whose text's or answer's term set (or a weight in it) changed, and terms per kind of
    /// change (`PQ`, `PA`, `PT`, `W`).
    delta_q: [Vec<u32>; 2],
    delta_t: [Vec<Term>; 4],
    /// Topics whose heading changed.
    delta_topics: Vec<u32>,
}

/// Do two sorted lists share an entry? (A binary search per entry of the short one.)
fn meet(a: &[u32], b: &[u32]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() {
        return false;
    }
    if short.len() * 16 < long.len() {
        return short.iter().any(|x| long.binary_search(x).is_ok());
    }
    let (mut i, mut j) = (0, 0);
    while i < short.len() && j < long.len() {
        match short[i].cmp(&long[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Live({} questions)", self.q.len())
    }
}

const PQ: usize = 0;
const PA: usize = 1;
const PT: usize = 2;
const W: usize = 3;

/// The version before, as the analysis layer sees it.
pub(crate) struct Prev<'a> {
    pub report: &'a Report,
    /// Its text (for the shingles of the answers that changed, which are not kept).
    pub text: &'a dyn Source,
    pub change: &'a Change,
    pub map: &'a QuestionMap,
}

/// A question's or topic's term set from its forms: each form's stem and compound parts.
fn set_of(v: &Vocab, forms: &[u32]) -> Vec<Term> {
    v.set_of(forms)
}

/// Updates the postings `post` of item `i` from set `old` to set `new` (both sorted), marking
/// the terms that came or went.
fn repost(post: &mut [Post], i: u32, old: &[Term], new: &[Term], mut mark: impl FnMut(Term)) {
    let (mut x, mut y) = (0, 0);
    while x < old.len() || y < new.len() {
        let (o, n) = (old.get(x).copied(), new.get(y).copied());
        match (o, n) {
            (Some(a), Some(b)) if a == b => {
                x += 1;
                y += 1;
            }
            (Some(a), b) if b.is_none_or(|b| a < b) => {
                if let Some(l) = post.get_mut(a as usize) {
                    l.remove(i);
                }
                mark(a);
                x += 1;
            }
            (_, Some(b)) => {
                if let Some(l) = post.get_mut(b as usize) {
                    l.insert(i);
                }
                mark(b);
                y += 1;
            }
            _ => break,
        }
    }
}

impl Live {
    pub fn new() -> Live {
        Live::default()
    }

    /// The cross-references of a report computed afresh, and the state for the next version.
    pub fn fresh(report: &Report, src: &dyn Source) -> (Live, Xrefs) {
        let mut l = Live::new();
        let x = l.update(report, src, None);
        (l, x)
    }

    /// The cross-references of a report computed afresh when no version will follow
    /// (`Xrefs::new`): the readers are not listed, and the holders' map keeps only the first
    /// holder of each shingle (a next version would patch the others too).
    pub fn once(report: &Report, src: &dyn Source) -> Xrefs {
        let mut l = Live {
            once: true,
            ..Live::default()
        };
        l.update(report, src, None)
    }

    /// The index of a report built afresh.
    pub fn fresh_index(report: &Report, src: &dyn Source) -> Index {
        Live::fresh(report, src).0.ix
    }

    /// The vocabulary grew past what one document should need.
    pub fn too_large(&self) -> bool {
        self.ix.vocab.len_written() > MAX_WORDS
    }

    fn bump(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.term_marks.iter_mut().for_each(|m| *m = [0; 4]);
            self.epoch = 1;
        }
    }

    fn marked(&self, t: Term, which: usize) -> bool {
        self.term_marks
            .get(t as usize)
            .is_some_and(|m| m[which] == self.epoch)
    }

    /// Brings the state from the version before (`prev`, which must be the version this state
    /// is of) to `report`, and returns its cross-references. Without `prev`, from nothing.
    pub(crate) fn update(
        &mut self,
        report: &Report,
        src: &dyn Source,
        prev: Option<Prev<'_>>,
    ) -> Xrefs {
        let prev = prev.filter(|p| {
            p.report.questions.len() == self.q.len()
                && p.report.topics.len() == self.topic_forms.len()
        });
        if prev.is_none() {
            *self = Live {
                once: self.once,
                ..Live::default()
            };
        }
        self.bump();
        let epoch = self.epoch;
        self.delta_q = Default::default();
        self.delta_t = Default::default();
        self.delta_topics = Vec::new();
        let n = report.questions.len();
        let identity = prev.as_ref().is_some_and(|p| p.map.identity);
        let shape_same = identity && prev.as_ref().is_some_and(|p| p.map.shape_same);

        // 1. The paragraphs: new ones for changed bytes; the vocabulary counts who holds what.
        let mut set_q: Vec<u32> = Vec::new();
        let mut set_a: Vec<u32> = Vec::new();
        let mut old_shingles: Vec<(u32, Vec<u64>)> = Vec::new();
        let body_of = |i: usize| {
            report.questions[i]
                .answer
                .as_ref()
                .filter(|a| !a.body().is_empty())
                .map(|a| a.body())
        };
        // The forms of the paragraphs whose term sets are listed again below (forms are not
        // kept: see `Para`).
        let mut forms_q = Listed::default();
        let mut forms_a = Listed::default();
        // The forms an old paragraph gave, from the old text.
        let old_forms = |v: &mut Vocab, para: &Para, j: usize, answer: bool| -> Vec<u32> {
            let Some(p) = prev.as_ref() else {
                return Vec::new();
            };
            let Some(q) = p.report.questions.get(j) else {
                return Vec::new();
            };
            let range = if answer {
                match &q.answer {
                    Some(a) => a.body(),
                    None => return Vec::new(),
                }
            } else {
                q.text()
            };
            para.forms(&p.text.slice(range), answer, v)
        };
        if let (true, Some(p)) = (identity, prev.as_ref()) {
            for &i in &p.map.changed {
                let (i, f) = (i as usize, p.map.flags[i as usize]);
                if f & TEXT == 0 {
                    let (para, forms) =
                        Para::question(&src.slice(report.questions[i].text()), &mut self.ix.vocab);
                    let old = old_forms(&mut self.ix.vocab, &self.q[i], i, false);
                    self.ix.vocab.release(&old);
                    self.ix.vocab.hold(&forms);
                    self.q[i] = para;
                    set_q.push(i as u32);
                    forms_q.insert(i as u32, forms);
                }
                if f & BODY == 0 {
                    let new = body_of(i).map(|b| Para::answer(&src.slice(b), &mut self.ix.vocab));
                    if let Some(old) = &self.a[i] {
                        let old = old_forms(&mut self.ix.vocab, old, i, true);
                        self.ix.vocab.release(&old);
                    }
                    // The shingles it put in the holders' maps, to take out: those of its old
                    // text.
                    let old_body = p.report.questions.get(i).and_then(|q| q.answer.as_ref());
                    let keys = match (self.a[i].as_ref().filter(|p| p.active()), old_body) {
                        (Some(_), Some(b)) => shingles(&p.text.slice(b.body()))
                            .0
                            .iter()
                            .map(|s| s.key)
                            .collect(),
                        _ => Vec::new(),
                    };
                    old_shingles.push((i as u32, keys));
                    let para = new.map(|(para, forms)| {
                        self.ix.vocab.hold(&forms);
                        forms_a.insert(i as u32, forms);
                        para
                    });
                    self.a[i] = para;
                    set_a.push(i as u32);
                }
            }
        } else {
            let (old_qs, old_as) = (
                std::mem::take(&mut self.ix.q),
                std::mem::take(&mut self.ix.a),
            );
            let mut old_q: Vec<Option<Para>> =
                std::mem::take(&mut self.q).into_iter().map(Some).collect();
            let mut old_a: Vec<Option<Option<Para>>> =
                std::mem::take(&mut self.a).into_iter().map(Some).collect();
            let mut q = Vec::with_capacity(n);
            let mut a = Vec::with_capacity(n);
            let room = |s: &Sets| s.live() + s.live() / 8;
            let mut qs = Sets::with_room(n, room(&old_qs));
            let mut as_ = Sets::with_room(n, room(&old_as));
            for i in 0..n {
                let old = |flag: u8| prev.as_ref().and_then(|p| p.map.old(i, flag));
                match old(TEXT).and_then(|j| Some((j, old_q.get_mut(j)?.take()?))) {
                    Some((j, para)) => {
                        q.push(para);
                        qs.push_from(&old_qs, j);
                    }
                    None => {
                        let (para, forms) = Para::question(
                            &src.slice(report.questions[i].text()),
                            &mut self.ix.vocab,
                        );
                        self.ix.vocab.hold(&forms);
                        q.push(para);
                        qs.push_empty();
                        set_q.push(i as u32);
                        forms_q.insert(i as u32, forms);
                    }
                }
                match old(BODY).and_then(|j| Some((j, old_a.get_mut(j)?.take()?))) {
                    Some((j, para)) => {
                        a.push(para);
                        as_.push_from(&old_as, j);
                    }
                    None => {
                        let para =
                            body_of(i).map(|b| Para::answer(&src.slice(b), &mut self.ix.vocab));
                        let para = para.map(|(para, forms)| {
                            self.ix.vocab.hold(&forms);
                            forms_a.insert(i as u32, forms);
                            para
                        });
                        a.push(para);
                        as_.push_empty();
                        set_a.push(i as u32);
                    }
                }
            }
            for (j, old) in old_q.into_iter().enumerate() {
                if let Some(para) = old {
                    let forms = old_forms(&mut self.ix.vocab, &para, j, false);
                    self.ix.vocab.release(&forms);
                }
            }
            for (j, old) in old_a.into_iter().enumerate() {
                if let Some(Some(para)) = old {
                    let forms = old_forms(&mut self.ix.vocab, &para, j, true);
                    self.ix.vocab.release(&forms);
                }
            }
            self.q = q;
            self.a = a;
            self.ix.q = qs;
            self.ix.a = as_;
        }
        // Topic headings (short; their words count in the vocabulary too).
        let mut set_t: Vec<u32> = Vec::new();
        let same_topics = prev.as_ref().and_then(|p| p.map.topics.as_ref());
        match same_topics {
            Some(same) => {
                for (k, t) in report.topics.iter().enumerate() {
                    if same.get(k).copied().unwrap_or(false) {
                        continue;
                    }
                    let heading = src.slice(t.heading.clone());
                    let forms = self.ix.vocab.forms(&heading, &[]);
                    self.ix.vocab.release(&self.topic_forms[k]);
                    self.ix.vocab.hold(&forms);
                    self.topic_forms[k] = forms;
                    set_t.push(k as u32);
                    // Its key, for the references that compare topics (when the shape is the
                    // same; otherwise every key is listed again below).
                    let key = super::words::fold(heading.trim());
                    if let Some(old) = self.ix.topic_key.get_mut(k) {
                        if *old != key {
                            *old = key;
                            self.delta_topics.push(k as u32);
                        }
                    }
                }
            }
            None => {
                for f in std::mem::take(&mut self.topic_forms) {
                    self.ix.vocab.release(&f);
                }
                let old_sets = std::mem::take(&mut self.ix.t);
                for (k, set) in old_sets.iter().enumerate() {
                    for &x in set {
                        if let Some(l) = self.ix.t_post.get_mut(x as usize) {
                            l.remove(k as u32);
                        }
                    }
                }
                for (k, t) in report.topics.iter().enumerate() {
                    let forms = self.ix.vocab.forms(&src.slice(t.heading.clone()), &[]);
                    self.ix.vocab.hold(&forms);
                    self.topic_forms.push(forms);
                    self.ix.t.push(Vec::new());
                    set_t.push(k as u32);
                }
            }
        }

        // 2. Compounds split again where the vocabulary changed; every paragraph holding a form
        // whose parts changed has its set listed again (rare: a whole word typed or deleted
        // that is the part of a compound elsewhere).
        let (resplit, flipped) = self.ix.vocab.resplit(prev.is_none());
        let nt = self.ix.vocab.n_terms();
        self.term_marks.resize(nt, [0; 4]);
        self.ix.k.resize(nt, 0);
        self.ix.q_post.resize(nt, Post::default());
        self.ix.a_post.resize(nt, Post::default());
        self.ix.t_post.resize(nt, Post::default());
        if !resplit.is_empty() {
            let mut hit = FxMap::default();
            // A paragraph that holds such a form holds its stem, or else its parts before, in
            // its term set (still that of the version before, unless listed again above); a
            // form with neither (a stop word that begins to split) may be anywhere.
            let mut keys: Vec<Term> = Vec::new();
            let mut anywhere = false;
            for &(f, old) in &resplit {
                hit.insert(f, ());
                match (self.ix.vocab.term_of(f), old) {
                    (Some(t), _) => keys.push(t),
                    (None, Some([l, _])) => keys.push(l),
                    (None, None) => anywhere = true,
                }
            }
            let holds = |forms: &[u32]| forms.iter().any(|f| hit.contains_key(f));
            let may = |set: TermSet| anywhere || set.iter().any(|t| keys.contains(&t));
            for i in 0..n {
                let k = i as u32;
                if !forms_q.contains_key(&k) && may(self.ix.q.get(i)) {
                    let text = src.slice(report.questions[i].text());
                    let forms = self.q[i].forms(&text, false, &mut self.ix.vocab);
                    if holds(&forms) {
                        set_q.push(k);
                        forms_q.insert(k, forms);
                    }
                }
                if !forms_a.contains_key(&k) && may(self.ix.a.get(i)) {
                    if let (Some(para), Some(b)) = (&self.a[i], body_of(i)) {
                        let forms = para.forms(&src.slice(b), true, &mut self.ix.vocab);
                        if holds(&forms) {
                            set_a.push(k);
                            forms_a.insert(k, forms);
                        }
                    }
                }
            }
            for (k, f) in self.topic_forms.iter().enumerate() {
                if holds(f) {
                    set_t.push(k as u32);
                }
            }
        }
        for v in [&mut set_q, &mut set_a, &mut set_t] {
            v.sort_unstable();
            v.dedup();
        }

        // 3. Term sets and postings.
        let mut touched: Vec<Term> = Vec::new();
        {
            let Live {
                ix,
                topic_forms,
                term_marks,
                ..
            } = self;
            let fq = |ix: &Index, i: u32| {
                forms_q
                    .get(&i)
                    .map_or_else(Vec::new, |f| set_of(&ix.vocab, f))
            };
            let fa = |ix: &Index, i: u32| {
                forms_a
                    .get(&i)
                    .map_or_else(Vec::new, |f| set_of(&ix.vocab, f))
            };
            let mut mark = |t: Term, which: usize| {
                if let Some(m) = term_marks.get_mut(t as usize) {
                    if m[PQ] != epoch && m[PA] != epoch && m[PT] != epoch {
                        touched.push(t);
                    }
                    m[which] = epoch;
                }
            };
            if identity {
                for &i in &set_q {
                    let new = fq(ix, i);
                    let old = ix.q.get(i as usize).to_vec();
                    repost(&mut ix.q_post, i, &old, &new, |t| mark(t, PQ));
                    ix.q.set(i as usize, &new);
                }
                for &i in &set_a {
                    let new = fa(ix, i);
                    let old = ix.a.get(i as usize).to_vec();
                    repost(&mut ix.a_post, i, &old, &new, |t| mark(t, PA));
                    ix.a.set(i as usize, &new);
                }
            } else {
                // Question indices moved: postings are listed again from the sets.
                // Room for the sets to come, some bytes per form (all of them when afresh).
                ix.q.reserve(forms_q.data.len() + forms_q.data.len() / 4);
                ix.a.reserve(forms_a.data.len() + forms_a.data.len() / 4);
                for &i in &set_q {
                    let set = fq(ix, i);
                    ix.q.set(i as usize, &set);
                }
                for &i in &set_a {
                    let set = fa(ix, i);
                    ix.a.set(i as usize, &set);
                }
                ix.q.trim();
                ix.a.trim();
                for (post, sets) in [(&mut ix.q_post, &ix.q), (&mut ix.a_post, &ix.a)] {
                    // Counted first, so that each list has no spare capacity (and is made in
                    // the smaller form).
                    let mut count = vec![0u32; post.len()];
                    for t in sets.iter().flat_map(TermSet::iter) {
                        if let Some(c) = count.get_mut(t as usize) {
                            *c += 1;
                        }
                    }
                    let max = sets.len().saturating_sub(1) as u32;
                    for (l, &c) in post.iter_mut().zip(&count) {
                        *l = Post::with_room(c as usize, max);
                    }
                    for (i, set) in sets.iter().enumerate() {
                        for t in set.iter() {
                            post[t as usize].push(i as u32);
                        }
                    }
                }
            }
            for &k in &set_t {
                let new = set_of(&ix.vocab, &topic_forms[k as usize]);
                repost(&mut ix.t_post, k, &ix.t[k as usize], &new, |t| mark(t, PT));
                ix.t[k as usize] = new;
            }
        }

        // Given back before the larger things below are built.
        drop((forms_q, forms_a));

        // 4. Weights and norms.
        let all_again = !identity || self.ix.n != n;
        self.ix.n = n;
        if all_again {
            for t in 0..nt as Term {
                self.ix.k[t as usize] = self.ix.k_now(t);
            }
            self.ix.q_norm2 = (0..n).map(|i| self.norm2(i)).collect();
        } else {
            // A stem entering or leaving the vocabulary changes its weight too.
            for f in &flipped {
                let Some(t) = self.ix.vocab.stem_id(f) else {
                    continue;
                };
                if let Some(m) = self.term_marks.get_mut(t as usize) {
                    if m[PQ] != epoch && m[PA] != epoch && m[PT] != epoch && m[W] != epoch {
                        // Not a postings change: only `W` marks it as listed here.
                        m[W] = epoch;
                        touched.push(t);
                    }
                }
            }
            let mut weighed: Vec<Term> = Vec::new();
            for &t in &touched {
                let k = self.ix.k_now(t);
                let (Some(m), Some(old)) = (
                    self.term_marks.get_mut(t as usize),
                    self.ix.k.get_mut(t as usize),
                ) else {
                    continue;
                };
                if k != *old {
                    *old = k;
                    m[W] = epoch;
                    weighed.push(t);
                } else {
                    m[W] = 0;
                }
            }
            // Questions whose sets changed or hold a term whose weight did.
            let mut again: Vec<u32> = set_q.clone();
            for &t in &weighed {
                again.extend(Index::post(&self.ix.q_post, t).iter());
            }
            again.sort_unstable();
            again.dedup();
            for &i in &again {
                self.ix.q_norm2[i as usize] = self.norm2(i as usize);
            }
            let mut dq = [set_q.clone(), set_a.clone()];
            for &t in &weighed {
                dq[0].extend(Index::post(&self.ix.q_post, t).iter());
                dq[1].extend(Index::post(&self.ix.a_post, t).iter());
            }
            let mut dt: [Vec<Term>; 4] = Default::default();
            for &t in &touched {
                for (which, v) in dt.iter_mut().enumerate() {
                    if self.marked(t, which) {
                        v.push(t);
                    }
                }
            }
            for v in dq.iter_mut().chain(dt.iter_mut()) {
                v.sort_unstable();
                v.dedup();
            }
            self.delta_q = dq;
            self.delta_t = dt;
        }
        if !shape_same {
            self.ix.set_shape(report, src);
        }
        #[cfg(debug_assertions)]
        self.check_index(report, src);

        // 5. References: each kept unless something it read changed.
        let refs = self.references(report, src, prev.as_ref(), shape_same, &flipped);

        // 6. Repeated answers.
        let repeats = self.repeats(report, src, prev.as_ref(), identity, old_shingles);
        Xrefs::from_parts(refs, repeats)
    }

    /// Question `i`'s phrases: those of its text (true), then those of its answer.
    fn phrases(&self, i: usize) -> Vec<(&Phrase, bool)> {
        let q = self.q[i].phrases.iter().map(|p| (p, true));
        let a = self.a[i]
            .iter()
            .flat_map(|a| a.phrases.iter().map(|p| (p, false)));
        q.chain(a).collect()
    }

    fn norm2(&self, i: usize) -> u64 {
        self.ix.q.get(i).iter().map(|t| self.ix.w2(t)).sum()
    }

    /// Could a reference that read `r` from question `s` take its old result?
    fn still(&mut self, r: &Kept, s: usize, flipped: &[Box<str>]) -> bool {
        let (dq, dt) = (&self.delta_q, &self.delta_t);
        let changed = meet(r.questions(), &dq[0])
            || meet(r.answers(), &dq[1])
            || meet(r.topics(), &self.delta_topics)
            || meet(r.q_posts(), &dt[PQ])
            || meet(r.a_posts(), &dt[PA])
            || meet(r.t_posts(), &dt[PT])
            || meet(r.weights(), &dt[W]);
        if changed
            || !r.owns.iter().all(|&(t, was)| {
                !(self.marked(t, PQ) || self.marked(t, PA)) || self.ix.own_quiet(t, s) == was
            })
        {
            return false;
        }
        // A query answers differently only when one of its compounds splits differently.
        for q in r.queries.iter() {
            if q.long
                .iter()
                .any(|w| flipped.iter().any(|k| Vocab::consults(w, k)))
                && self.ix.query_quiet(&q.text) != q.out
            {
                return false;
            }
        }
        true
    }

    /// Lists who read what from the live results.
    fn list_readers(&mut self) {
        // The old arena is given back before the new one is made (both would be the peak).
        self.readers = Readers::default();
        let mut r = Readers {
            built: true,
            ..Readers::default()
        };
        let size = self
            .refs_of
            .iter()
            .flatten()
            .map(|st| Readers::size(&st.reads));
        // Room for the entries of the next versions' results, so that the arena is never
        // reallocated: doubling it (each time one version's references read a little past the
        // end) took it to 4 times the listed size and left the old block free in the heap.
        let size: usize = size.sum();
        r.nodes.reserve_exact(size + size / 2 + (1 << 14));
        for (i, v) in self.refs_of.iter().enumerate() {
            for st in v {
                let e = Entry {
                    q: i as u32,
                    gen: st.gen,
                };
                r.add(e, &st.reads);
            }
        }
        r.limit = r.nodes.capacity();
        self.readers = r;
    }

    /// The state an entry stands for (its index among its question's, and it), unless it
    /// was replaced.
    fn state(&self, x: Entry) -> Option<(usize, &RefState)> {
        let v = self.refs_of.get(x.q as usize)?;
        v.iter().enumerate().find(|(_, st)| st.gen == x.gen)
    }

    /// The references that may have read something that changed (then [`Live::still`] says).
    fn suspects(&self, flipped: &[Box<str>]) -> Vec<(u32, u32)> {
        let mut e: Vec<Entry> = Vec::new();
        let r = &self.readers;
        let (dq, dt) = (&self.delta_q, &self.delta_t);
        r.get(R_Q, &dq[0], &mut e);
        if !dq[0].is_empty() {
            let mut wide = Vec::new();
            r.get(R_WIDE, &[0], &mut wide);
            e.extend(wide.into_iter().filter(|x| {
                self.state(*x)
                    .is_some_and(|(_, st)| meet(st.reads.questions(), &dq[0]))
            }));
        }
        r.get(R_A, &dq[1], &mut e);
        r.get(R_PQ, &dt[PQ], &mut e);
        r.get(R_PA, &dt[PA], &mut e);
        r.get(R_PT, &dt[PT], &mut e);
        r.get(R_W, &dt[W], &mut e);
        r.get(R_OWN, &dt[PQ], &mut e);
        r.get(R_OWN, &dt[PA], &mut e);
        r.get(R_T, &self.delta_topics, &mut e);
        for k in flipped {
            r.words_at(k, &mut e);
        }
        // Entries of replaced states find no state of their generation.
        let mut out: Vec<(u32, u32)> = e
            .into_iter()
            .filter_map(|x| Some((x.q, self.state(x)?.0 as u32)))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    fn references(
        &mut self,
        report: &Report,
        src: &dyn Source,
        prev: Option<&Prev<'_>>,
        shape_same: bool,
        flipped: &[Box<str>],
    ) -> Vec<CrossRef> {
        let n = report.questions.len();
        let base = |i: usize, in_question: bool| {
            let q = &report.questions[i];
            if in_question {
                q.text().start
            } else {
                q.answer.as_ref().map_or(q.text().start, |a| a.body().start)
            }
        };
        let whole = |l: &Live, i: usize| l.a[i].as_ref().is_some_and(|a| a.whole);
        // (question, phrase) to resolve.
        let mut todo: Vec<(usize, usize)> = Vec::new();
        let fresh_states = |l: &mut Live, i: usize, todo: &mut Vec<(usize, usize)>| {
            let k = l.phrases(i).len();
            let mut v = ThinVec::with_capacity(k);
            for k in 0..k {
                v.push(RefState {
                    base: 0,
                    pre: placeholder(),
                    reads: Kept::default(),
                    gen: 0,
                });
                todo.push((i, k));
            }
            v
        };
        match prev {
            Some(p) if shape_same => {
                if !self.readers.built {
                    self.list_readers();
                }
                let suspects = self.suspects(flipped);
                for &i in &p.map.changed {
                    let i = i as usize;
                    if p.map.flags[i] & (TEXT | BODY) != TEXT | BODY {
                        self.refs_of[i] = fresh_states(self, i, &mut todo);
                    }
                }
                for (i, k) in suspects {
                    let (i, k) = (i as usize, k as usize);
                    if p.map.flags[i] & (TEXT | BODY) != TEXT | BODY {
                        continue;
                    }
                    let reads = std::mem::take(&mut self.refs_of[i][k].reads);
                    let still = self.still(&reads, i, flipped);
                    self.refs_of[i][k].reads = reads;
                    if !still {
                        todo.push((i, k));
                    }
                }
            }
            _ => {
                self.readers = Readers::default();
                self.refs_of = (0..n).map(|i| fresh_states(self, i, &mut todo)).collect();
            }
        }
        let mut relist = false;
        if !todo.is_empty() {
            let found: Vec<Found> = todo
                .iter()
                .map(|&(i, k)| {
                    let ph = self.phrases(i);
                    let (p, in_question) = ph[k];
                    Found {
                        source: i,
                        in_question,
                        whole: !in_question && whole(self, i),
                        phrase: shifted(p, base(i, in_question)),
                    }
                })
                .collect();
            let mut done = Vec::with_capacity(found.len());
            {
                let mut r = resolver(report, src, &mut self.ix);
                for f in found {
                    *r.reads() = Reads::default();
                    let pre = r.resolve(f);
                    let mut reads = std::mem::take(r.reads());
                    reads.tidy();
                    done.push((pre, Kept::new(reads)));
                }
            }
            // Entries of replaced results pile up: when the new ones do not fit, the live ones
            // are listed again afterwards instead.
            let adding: usize = done.iter().map(|(_, reads)| Readers::size(reads)).sum();
            relist = self.readers.built && self.readers.entries() + adding > self.readers.limit;
            for (&(i, k), (pre, reads)) in todo.iter().zip(done) {
                self.next_gen = self.next_gen.wrapping_add(1);
                let gen = self.next_gen;
                if self.readers.built && !relist {
                    let e = Entry { q: i as u32, gen };
                    self.readers.add(e, &reads);
                }
                if let Some(st) = self.refs_of.get_mut(i).and_then(|v| v.get_mut(k)) {
                    *st = RefState {
                        base: base(i, pre.in_question),
                        pre,
                        reads,
                        gen,
                    };
                }
            }
        }
        if relist {
            self.list_readers();
        }
        // The results, where their paragraphs are now.
        let mut refs: Vec<CrossRef> =
            Vec::with_capacity(self.refs_of.iter().map(|v| v.len()).sum());
        for (i, v) in self.refs_of.iter().enumerate() {
            for st in v {
                let mut r = st.pre.clone();
                let by = base(i, r.in_question) as isize - st.base as isize;
                if by != 0 {
                    r.range = shift(&r.range, by);
                    shift_parts(&mut r.parts, by);
                }
                refs.push(r);
            }
        }
        refs.sort_by_key(|x| (x.range.start, x.range.end));
        chains(report, &mut refs);
        refs
    }

    /// The repeated answers; with the version before, `changed` are the answers whose text
    /// changed, with the shingles they held.
    fn repeats(
        &mut self,
        report: &Report,
        src: &dyn Source,
        prev: Option<&Prev<'_>>,
        identity: bool,
        changed: Vec<(u32, Vec<u64>)>,
    ) -> Vec<Repeat> {
        let n = report.questions.len();
        let body = |i: usize| {
            report
                .questions
                .get(i)
                .and_then(|q| q.answer.as_ref())
                .map_or(0..0, |a| a.body())
        };
        let sh_of = |i: usize| shingles(&src.slice(body(i)));
        // Holders keep only answers: which earlier answer is repeated, and how much, depends
        // on nothing else. A repeat found (they are few) is judged again with the words where
        // the earlier answer holds its shingles, read again from its text, then placed in bytes.
        let judge_with = |st: &Holders, j: usize, sh: &[Shingle], n_words: usize| {
            let holder = |key: u64| st.first(key).filter(|&q| (q as usize) < j);
            let r = judge(j, body(j).start, sh, n_words, &mut |key| {
                holder(key).map(|q| (q, 0, 0))
            })?;
            let (earlier, _) = sh_of(r.earlier);
            let mut placed = |key: u64| {
                let q = holder(key)?;
                let w = if q as usize == r.earlier {
                    earlier.iter().find(|s| s.key == key).map_or(0, |s| s.first)
                } else {
                    0
                };
                Some((q, w, w))
            };
            let mut r = judge(j, body(j).start, sh, n_words, &mut placed)?;
            let e = body(r.earlier);
            let w = word_range(
                &src.slice(e.clone()),
                r.earlier_range.start,
                r.earlier_range.end,
            )?;
            r.earlier_range = e.start + w.start..e.start + w.end;
            Some(r)
        };
        let a = &self.a;
        let active = |j: usize| a.get(j).and_then(Option::as_ref).is_some_and(Para::active);
        let once = self.once;
        let st = &mut self.rep;
        match prev {
            Some(p) if identity && st.active.len() == n && st.out.len() == n => {
                // Only the changed answers' shingles move. An answer is judged by the first
                // holder of each of its shingles: those sharing one whose first holder changed,
                // or is the changed answer, are judged again.
                let mut again: Vec<usize> = Vec::new();
                for (i, old_sh) in changed {
                    let i = i as usize;
                    again.push(i);
                    let new_sh = if active(i) { sh_of(i).0 } else { Vec::new() };
                    let keys: Vec<u64> = old_sh
                        .iter()
                        .copied()
                        .chain(new_sh.iter().map(|s| s.key))
                        .collect();
                    let before: Vec<Option<u32>> = keys.iter().map(|&k| st.first(k)).collect();
                    for &k in &old_sh {
                        st.remove(k, i as u32);
                    }
                    for s in &new_sh {
                        st.insert(s.key, i as u32, false);
                    }
                    let me = Some(i as u32);
                    for (&k, &b) in keys.iter().zip(&before) {
                        let after = st.first(k);
                        if b != after || b == me || after == me {
                            st.each(k, |h| again.push(h as usize));
                        }
                    }
                    st.active[i] = active(i);
                }
                for (j, r) in st.out.iter_mut().enumerate() {
                    if let Some(x) = r {
                        match (p.change.range(&x.range), p.change.range(&x.earlier_range)) {
                            (Some(a), Some(b)) => {
                                x.range = a;
                                x.earlier_range = b;
                            }
                            _ => again.push(j),
                        }
                    }
                }
                again.sort_unstable();
                again.dedup();
                for j in again {
                    let r = if st.active.get(j).copied().unwrap_or(false) {
                        let (sh, n_words) = sh_of(j);
                        judge_with(st, j, &sh, n_words)
                    } else {
                        None
                    };
                    if let Some(o) = st.out.get_mut(j) {
                        *o = r.map(Box::new);
                    }
                }
            }
            _ => {
                // In question order, each answer judged before its own shingles go in: the
                // first holder of a shingle among the earlier answers is then the first of all
                // when it is earlier at all. The shingles live only for this loop.
                *st = Holders::sized((0..n).map(|j| body(j).len()).sum());
                st.active.reserve_exact(n);
                st.out.reserve_exact(n);
                for j in 0..n {
                    let act = active(j);
                    st.active.push(act);
                    if !act {
                        st.out.push(None);
                        continue;
                    }
                    let (sh, n_words) = sh_of(j);
                    let r = judge_with(st, j, &sh, n_words);
                    for s in &sh {
                        // No next version (`once`): only the first holders are needed.
                        st.insert(s.key, j as u32, once);
                    }
                    st.out.push(r.map(Box::new));
                }
                // The buckets were grown by doubling.
                st.buckets.iter_mut().for_each(Vec::shrink_to_fit);
            }
        }
        st.out.iter().flatten().map(|r| (**r).clone()).collect()
    }

    /// Debug builds: the index patched in place is the one built afresh (compared by stem
    /// text, as term ids differ between vocabularies). Small documents only: it is slow.
    #[cfg(debug_assertions)]
    fn check_index(&self, report: &Report, src: &dyn Source) {
        if report.questions.len() > 1000 {
            return;
        }
        let fx = Live::scratch_index(report, src);
        let stems = |ix: &Index, set: &[Term]| {
            let mut v: Vec<String> = set
                .iter()
                .map(|&t| ix.vocab.stem_text(t).to_string())
                .collect();
            v.sort_unstable();
            v
        };
        let ix = &self.ix;
        assert_eq!(ix.q.len(), fx.q.len());
        for i in 0..ix.q.len() {
            let (q, fq) = (ix.q.get(i).to_vec(), fx.q.get(i).to_vec());
            let (a, fa) = (ix.a.get(i).to_vec(), fx.a.get(i).to_vec());
            assert_eq!(stems(ix, &q), stems(&fx, &fq), "question {i}");
            assert_eq!(stems(ix, &a), stems(&fx, &fa), "answer {i}");
            assert_eq!(ix.q_norm2[i], fx.q_norm2[i], "norm {i}");
        }
        assert_eq!(ix.t.len(), fx.t.len());
        for k in 0..ix.t.len() {
            assert_eq!(stems(ix, &ix.t[k]), stems(&fx, &fx.t[k]), "topic {k}");
        }
        for t in 0..fx.vocab.n_terms() as Term {
            let s = fx.vocab.stem_text(t);
            let mine = ix.vocab.stem_id(s).unwrap_or(Term::MAX);
            assert_eq!(
                ix.k.get(mine as usize).copied().unwrap_or(0),
                fx.k[t as usize],
                "{s}"
            );
            for (a, b) in [
                (&ix.q_post, &fx.q_post),
                (&ix.a_post, &fx.a_post),
                (&ix.t_post, &fx.t_post),
            ] {
                assert_eq!(
                    Index::post(a, mine).to_vec(),
                    Index::post(b, t).to_vec(),
                    "{s}"
                );
            }
        }
    }

    /// The index built in the plainest way, for the debug check.
    #[cfg(debug_assertions)]
    fn scratch_index(report: &Report, src: &dyn Source) -> Index {
        let mut ix = Index::default();
        let v = &mut ix.vocab;
        let n = report.questions.len();
        let mut q = Vec::with_capacity(n);
        let mut a = Vec::with_capacity(n);
        for qq in &report.questions {
            let (_, f) = Para::question(&src.slice(qq.text()), v);
            v.hold(&f);
            q.push(f);
            let ap = qq
                .answer
                .as_ref()
                .filter(|x| !x.body().is_empty())
                .map(|x| Para::answer(&src.slice(x.body()), v).1);
            if let Some(f) = &ap {
                v.hold(f);
            }
            a.push(ap);
        }
        let mut tf = Vec::new();
        for t in &report.topics {
            let f = v.forms(&src.slice(t.heading.clone()), &[]);
            v.hold(&f);
            tf.push(f);
        }
        v.resplit(true);
        let nt = v.n_terms();
        ix.n = n;
        let qs: Vec<Vec<Term>> = q.iter().map(|f| set_of(&ix.vocab, f)).collect();
        let as_: Vec<Vec<Term>> = a
            .iter()
            .map(|f| f.as_ref().map_or_else(Vec::new, |f| set_of(&ix.vocab, f)))
            .collect();
        ix.t = tf.iter().map(|f| set_of(&ix.vocab, f)).collect();
        for (post, sets) in [
            (&mut ix.q_post, &qs),
            (&mut ix.a_post, &as_),
            (&mut ix.t_post, &ix.t),
        ] {
            let mut lists = vec![Vec::new(); nt];
            for (i, set) in sets.iter().enumerate() {
                for &t in set {
                    lists[t as usize].push(i as u32);
                }
            }
            *post = lists.iter().map(|l| Post::from_sorted(l)).collect();
        }
        ix.k = (0..nt as Term).map(|t| ix.k_now(t)).collect();
        ix.q_norm2 = qs
            .iter()
            .map(|s| s.iter().map(|&t| ix.w2(t)).sum())
            .collect();
        ix.q = Sets::of(&qs);
        ix.a = Sets::of(&as_);
        ix
    }
}

fn placeholder() -> CrossRef {
    CrossRef {
        range: 0..0,
        source: 0,
        in_question: false,
        whole: false,
        parts: Default::default(),
        target: None,
        also: Vec::new(),
        candidates: Vec::new(),
        confidence: 0.0,
        reasons: Vec::new(),
        chain: Vec::new(),
        problem: None,
    }
}

/// The answers holding each sampled shingle (those that may repeat or be repeated), and what
/// each answer repeats.
#[derive(Default)]
pub struct Holders {
    /// Per bucket (by a shingle hash's high bits), one run per hash, ascending by hash: its
    /// high and low halves, how many answers hold it, and those answers ascending (the first
    /// holder first). A hash held by one answer (10 MB: three in four) has no count: its low
    /// half is marked [`ONE`] and the answer follows. Not hash maps (one of first holders, one
    /// of further holders): a table is at half load after it doubles, each doubling left the
    /// old one behind in the heap, and a boilerplate passage held by many answers took a list
    /// of its own (10 MB: some 3 MB).
    buckets: Vec<Vec<u32>>,
    /// Bits of the hash that pick the bucket.
    bits: u32,
    /// Per question: its shingles are held.
    active: Vec<bool>,
    /// Per question: the answer it repeats (boxed: few answers repeat one).
    out: Vec<Option<Box<Repeat>>>,
}

/// Where a hash's run is in its bucket, or where it would go.
enum Run {
    At(usize),
    Before(usize),
}

/// In a run's low half: one answer holds the hash (and no count follows). Sampled hashes are
/// multiples of four (`similarity::SAMPLE`), so the bit is otherwise clear.
const ONE: u32 = 1;

/// A run's holders: where they start and how many, from its start `i`.
fn span(b: &[u32], i: usize) -> (usize, usize) {
    match b.get(i + 1) {
        Some(l) if l & ONE != 0 => (i + 2, 1),
        _ => (i + 3, b.get(i + 2).copied().unwrap_or(0) as usize),
    }
}

impl Holders {
    /// Empty, with buckets for answers of `bytes` bytes in all (a few hundred bytes each: a
    /// sampled shingle per 80 bytes or so of an answer).
    fn sized(bytes: usize) -> Holders {
        let n = (bytes / 2048).next_power_of_two().clamp(16, 1 << 16);
        Holders {
            buckets: (0..n).map(|_| Vec::new()).collect(),
            bits: n.trailing_zeros(),
            ..Holders::default()
        }
    }

    /// The bucket of `key`: the low bits of a sampled hash are zero, the high ones pick it.
    fn bucket(&self, key: u64) -> usize {
        (key >> 32).checked_shr(32 - self.bits).unwrap_or(0) as usize
    }

    fn run(b: &[u32], key: u64) -> Run {
        let (hi, lo) = ((key >> 32) as u32, key as u32 & !ONE);
        let mut i = 0;
        while let Some(&[h, l]) = b.get(i..i + 2).and_then(|x| <&[u32; 2]>::try_from(x).ok()) {
            let l = l & !ONE;
            if (h, l) >= (hi, lo) {
                return if (h, l) == (hi, lo) {
                    Run::At(i)
                } else {
                    Run::Before(i)
                };
            }
            let (at, c) = span(b, i);
            i = at + c;
        }
        Run::Before(b.len())
    }

    /// The answers holding `key`, ascending.
    fn holders(&self, key: u64) -> &[u32] {
        let Some(b) = self.buckets.get(self.bucket(key)) else {
            return &[];
        };
        match Holders::run(b, key) {
            Run::At(i) => {
                let (at, c) = span(b, i);
                b.get(at..at + c).unwrap_or(&[])
            }
            Run::Before(_) => &[],
        }
    }

    fn first(&self, key: u64) -> Option<u32> {
        self.holders(key).first().copied()
    }

    fn each(&self, key: u64, mut f: impl FnMut(u32)) {
        for &q in self.holders(key) {
            f(q);
        }
    }

    /// Adds `q` to the holders of `key`; only when it has none if `only_first`.
    fn insert(&mut self, key: u64, q: u32, only_first: bool) {
        let at = self.bucket(key);
        let Some(b) = self.buckets.get_mut(at) else {
            return;
        };
        match Holders::run(b, key) {
            Run::At(_) if only_first => {}
            Run::At(i) => {
                if b[i + 1] & ONE != 0 {
                    // A second holder: the run takes a count.
                    if b[i + 2] == q {
                        return;
                    }
                    b[i + 1] &= !ONE;
                    b.insert(i + 2, 1);
                }
                let c = b[i + 2] as usize;
                if let Err(p) = b[i + 3..i + 3 + c].binary_search(&q) {
                    b.insert(i + 3 + p, q);
                    b[i + 2] += 1;
                }
            }
            Run::Before(i) => {
                // A new run of three words at `i` (`splice` is slower).
                let len = b.len();
                b.extend_from_slice(&[0; 3]);
                b.copy_within(i..len, i + 3);
                b[i..i + 3].copy_from_slice(&[(key >> 32) as u32, key as u32 | ONE, q]);
            }
        }
    }

    /// Answer `q` no longer holds `key`.
    fn remove(&mut self, key: u64, q: u32) {
        let at = self.bucket(key);
        let Some(b) = self.buckets.get_mut(at) else {
            return;
        };
        if let Run::At(i) = Holders::run(b, key) {
            if b[i + 1] & ONE != 0 {
                if b[i + 2] == q {
                    b.drain(i..i + 3);
                }
                return;
            }
            let c = b[i + 2] as usize;
            if let Ok(p) = b[i + 3..i + 3 + c].binary_search(&q) {
                b.remove(i + 3 + p);
                if c == 2 {
                    // One holder left: the run drops its count.
                    b.remove(i + 2);
                    b[i + 1] |= ONE;
                } else {
                    b[i + 2] -= 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Holders;
    use std::collections::{BTreeMap, BTreeSet};

    /// The holders' runs, changed answer by answer (through a hash's one-holder and counted
    /// forms), read as a plain map of sets would.
    #[test]
    fn holders_as_a_map_of_sets() {
        let mut h = Holders::sized(1 << 16);
        let mut model: BTreeMap<u64, BTreeSet<u32>> = BTreeMap::new();
        // Few hashes (multiples of four, as sampled ones are), spread over a few buckets.
        let keys: Vec<u64> = (0..12u64)
            .map(|k| (k % 3) << 61 | k.wrapping_mul(0x9E37_79B9_7F4A_7C15) & !3)
            .collect();
        let mut x: u64 = 7;
        for step in 0..5000 {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let key = keys[(x >> 33) as usize % keys.len()];
            let q = (x >> 50) as u32 % 6;
            if !(x >> 20).is_multiple_of(3) {
                let only_first = step % 7 == 0;
                let set = model.entry(key).or_default();
                if !only_first || set.is_empty() {
                    set.insert(q);
                }
                h.insert(key, q, only_first);
            } else {
                if let Some(set) = model.get_mut(&key) {
                    set.remove(&q);
                }
                h.remove(key, q);
            }
            for &k in &keys {
                let want: Vec<u32> = model
                    .get(&k)
                    .map_or_else(Vec::new, |s| s.iter().copied().collect());
                assert_eq!(h.holders(k), want.as_slice(), "step {step}");
                assert_eq!(h.first(k), want.first().copied());
            }
        }
    }
}
