//! Reuse between versions of a document: the work on one question text or answer (its
//! reference phrases, its words, its shingles) depends on that text alone, so it is kept per
//! paragraph, position-independent (ranges relative to the paragraph's start), and reused in
//! the next version when the paragraph's text is byte for byte the same. Words are interned
//! once per document and folded and stemmed once ([`Interner`]), carried from version to
//! version.
//!
//! The global parts (lexicon, index, resolution, repeats) are rebuilt from the cached pieces
//! in document order, exactly as [`super::Xrefs::new`] would build them from the text, so the
//! result of a version does not depend on the versions before it.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use ropey::Rope;

use super::index::Index;
use super::index::{Reads, Sets};
use super::phrase::{recognise, FractieRef, Phrase};
use super::resolve::{resolve_planned, stem_query, words_outside, Found, Plan, StemQuery};
use super::similarity::{judge, shingles, Repeat, Shingle, SHINGLE};
use super::words::{fold, word_spans, FxMap, Lexicon, Term};
use super::CrossRef;
use super::Xrefs;
use crate::analysis::Source;
use crate::syntax::Report;

/// More distinct words than this (a document pasted over and over) and the interner starts
/// afresh, dropping what the old versions left.
const MAX_WORDS: usize = 1 << 20;

/// Words as written → id, with each word's folded form and stem, for one document's life.
pub struct Interner {
    ids: FxMap<Box<str>, u32>,
    folded: Vec<Box<str>>,
    stems: Vec<Option<Box<str>>>,
    /// Per word: the paragraph that last saw it (to list a paragraph's words once).
    stamp: Vec<u32>,
    clock: u32,
    lex: Lexicon,
}

impl Interner {
    fn new() -> Interner {
        Interner {
            ids: FxMap::default(),
            folded: Vec::new(),
            stems: Vec::new(),
            stamp: Vec::new(),
            clock: 0,
            lex: Lexicon::new(),
        }
    }

    fn id(&mut self, w: &str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.folded.len() as u32;
        let f = fold(w);
        let stem = self.lex.stem_of(&f).map(Into::into);
        self.ids.insert(w.into(), i);
        self.folded.push(f.into());
        self.stems.push(stem);
        self.stamp.push(0);
        i
    }

    /// The distinct words of `text` in order of first occurrence, skipping words that start
    /// inside `holes` (ranges relative to `text`).
    fn words(&mut self, text: &str, holes: &[Range<usize>]) -> Vec<u32> {
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.clock = 1;
        }
        let mut out = Vec::new();
        for (a, b) in word_spans(text) {
            if holes.iter().any(|h| h.contains(&a)) {
                continue;
            }
            let i = self.id(&text[a..b]) as usize;
            if self.stamp[i] != self.clock {
                self.stamp[i] = self.clock;
                out.push(i as u32);
            }
        }
        out
    }
}

/// What one question text or answer body yields, relative to its start.
#[derive(Default)]
pub struct Para {
    phrases: Vec<Phrase>,
    /// The answer is (nearly) only its reference phrases.
    whole: bool,
    /// Distinct words (interner ids), in order of first occurrence, outside the phrases.
    words: Vec<u32>,
    shingles: Vec<Shingle>,
    n_words: usize,
}

impl Para {
    fn question(text: &str, it: &mut Interner) -> Para {
        Para {
            phrases: recognise(text, 0),
            words: it.words(text, &[]),
            ..Para::default()
        }
    }

    fn answer(text: &str, it: &mut Interner) -> Para {
        let phrases = recognise(text, 0);
        let holes: Vec<Range<usize>> = phrases.iter().map(|p| p.range.clone()).collect();
        let whole = !phrases.is_empty() && words_outside(text, 0, &holes) <= 6;
        let (shingles, n_words) = shingles(text);
        Para {
            words: it.words(text, &holes),
            phrases,
            whole,
            shingles,
            n_words,
        }
    }
}

fn shift(r: &Range<usize>, by: usize) -> Range<usize> {
    r.start + by..r.end + by
}

fn shifted(p: &Phrase, by: usize) -> Phrase {
    let mut p = p.clone();
    p.range = shift(&p.range, by);
    if let Some(s) = &mut p.parts.subject {
        *s = shift(s, by);
    }
    match &mut p.parts.fractie {
        Some(FractieRef::Named { range, .. }) | Some(FractieRef::Own { range }) => {
            *range = shift(range, by)
        }
        None => {}
    }
    p
}

/// The cached pieces of one version, aligned with its report's questions.
pub struct Cache {
    interner: Arc<Mutex<Interner>>,
    q: Vec<Arc<Para>>,
    a: Vec<Option<Arc<Para>>>,
    res: Option<Arc<Resolved>>,
    /// Who holds each shingle, for the next version (taken by it: it changes them in place).
    rep: Mutex<Option<Holders>>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} questions)", self.q.len())
    }
}

/// The version before: its report, its text and its cache.
pub struct Previous<'a> {
    pub report: &'a Report,
    pub src: &'a dyn Source,
    pub cache: &'a Cache,
}

/// Reads a rope's ranges in increasing order, walking its chunks instead of searching the
/// tree for each range.
struct Cursor<'a> {
    rope: &'a Rope,
    chunks: ropey::iter::Chunks<'a>,
    /// The current chunk and its byte offset.
    cur: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn new(rope: &'a Rope) -> Cursor<'a> {
        let (chunks, at, _, _) = rope.chunks_at_byte(0);
        Cursor {
            rope,
            chunks,
            cur: "",
            at,
        }
    }

    /// The pieces of `r` (in order), or None when `r` is outside the text.
    fn pieces(&mut self, r: &Range<usize>, out: &mut Vec<&'a [u8]>) -> bool {
        out.clear();
        if r.end > self.rope.len_bytes() || r.start > r.end {
            return false;
        }
        if r.start < self.at {
            let (chunks, at, _, _) = self.rope.chunks_at_byte(r.start);
            self.chunks = chunks;
            self.cur = "";
            self.at = at;
        }
        let mut pos = r.start;
        while pos < r.end {
            while self.at + self.cur.len() <= pos {
                self.at += self.cur.len();
                match self.chunks.next() {
                    Some(c) => self.cur = c,
                    None => return false,
                }
            }
            let from = pos - self.at;
            let to = (r.end - self.at).min(self.cur.len());
            out.push(&self.cur.as_bytes()[from..to]);
            pos = self.at + to;
        }
        true
    }
}

/// Compares the same-length ranges of two texts, each a rope read by a cursor.
struct Same<'a> {
    a: Option<Cursor<'a>>,
    b: Option<Cursor<'a>>,
    pa: Vec<&'a [u8]>,
    pb: Vec<&'a [u8]>,
}

impl<'a> Same<'a> {
    fn new(a: &'a dyn Source, b: &'a dyn Source) -> Same<'a> {
        Same {
            a: a.rope().map(Cursor::new),
            b: b.rope().map(Cursor::new),
            pa: Vec::new(),
            pb: Vec::new(),
        }
    }

    fn same(
        &mut self,
        a: &dyn Source,
        ra: &Range<usize>,
        b: &dyn Source,
        rb: &Range<usize>,
    ) -> bool {
        if ra.len() != rb.len() {
            return false;
        }
        match (&mut self.a, &mut self.b) {
            (Some(x), Some(y)) => {
                x.pieces(ra, &mut self.pa)
                    && y.pieces(rb, &mut self.pb)
                    && same_bytes(self.pa.iter().copied(), self.pb.iter().copied())
            }
            _ => a.slice(ra.clone()) == b.slice(rb.clone()),
        }
    }
}

/// Compares two texts given as pieces (of equal total length) a block at a time.
fn same_bytes<'a>(
    mut a: impl Iterator<Item = &'a [u8]>,
    mut b: impl Iterator<Item = &'a [u8]>,
) -> bool {
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        if x.is_empty() {
            match a.next() {
                Some(c) => x = c,
                None => return y.is_empty() && b.all(<[u8]>::is_empty),
            }
            continue;
        }
        if y.is_empty() {
            match b.next() {
                Some(c) => y = c,
                None => return false,
            }
            continue;
        }
        let k = x.len().min(y.len());
        if x[..k] != y[..k] {
            return false;
        }
        x = &x[k..];
        y = &y[k..];
    }
}

/// Computes the cross-references of `report`, reusing what `prev` computed for paragraphs
/// whose text is unchanged. The result equals [`Xrefs::new`]'s.
pub fn compute(report: &Report, src: &dyn Source, prev: Option<Previous<'_>>) -> (Xrefs, Cache) {
    let interner = prev
        .as_ref()
        .map(|p| p.cache.interner.clone())
        .filter(|i| {
            i.lock()
                .map(|i| i.folded.len() < MAX_WORDS)
                .unwrap_or(false)
        })
        .unwrap_or_else(|| Arc::new(Mutex::new(Interner::new())));
    let reuse = prev.filter(|p| Arc::ptr_eq(&p.cache.interner, &interner));
    let mut guard = match interner.lock() {
        Ok(g) => g,
        Err(e) => e.into_inner(),
    };
    let it = &mut *guard;
    let n = report.questions.len();
    // An old question that may hold the same paragraph: the same index before the edit, the
    // same distance from the end after it.
    let olds = |i: usize| -> [Option<usize>; 2] {
        let Some(p) = reuse.as_ref() else {
            return [None, None];
        };
        let m = p.report.questions.len();
        let a = (i < m).then_some(i);
        let b = (i + m).checked_sub(n).filter(|&j| j < m && Some(j) != a);
        [a, b]
    };
    let mut cmp = reuse.as_ref().map(|p| Same::new(p.src, src));
    let mut q_paras: Vec<Arc<Para>> = Vec::with_capacity(n);
    let mut a_paras: Vec<Option<Arc<Para>>> = Vec::with_capacity(n);
    // Questions whose text or answer is not the same paragraph as in the version before at
    // the same index.
    let mut changed = vec![false; n];
    for (i, q) in report.questions.iter().enumerate() {
        let cands = olds(i);
        let mut found = None;
        if let (Some(p), Some(cmp)) = (reuse.as_ref(), cmp.as_mut()) {
            for j in cands.into_iter().flatten() {
                let oq = &p.report.questions[j];
                if cmp.same(p.src, &oq.text, src, &q.text) {
                    found = p.cache.q.get(j).cloned();
                    changed[i] |= j != i;
                    break;
                }
            }
        }
        changed[i] |= found.is_none();
        q_paras.push(
            found.unwrap_or_else(|| Arc::new(Para::question(&src.slice(q.text.clone()), it))),
        );
        let a =
            match q.answer.as_ref().filter(|a| !a.body.is_empty()) {
                None => None,
                Some(ans) => {
                    let mut found = None;
                    if let (Some(p), Some(cmp)) = (reuse.as_ref(), cmp.as_mut()) {
                        for j in cands.into_iter().flatten() {
                            let ob = p.report.questions[j]
                                .answer
                                .as_ref()
                                .filter(|a| !a.body.is_empty());
                            if let (Some(ob), Some(Some(para))) = (ob, p.cache.a.get(j)) {
                                if cmp.same(p.src, &ob.body, src, &ans.body) {
                                    found = Some(para.clone());
                                    changed[i] |= j != i;
                                    break;
                                }
                            }
                        }
                    }
                    changed[i] |= found.is_none();
                    Some(found.unwrap_or_else(|| {
                        Arc::new(Para::answer(&src.slice(ans.body.clone()), it))
                    }))
                }
            };
        a_paras.push(a);
    }
    // The phrases, in document order of their questions.
    let mut found: Vec<Found> = Vec::new();
    for (i, q) in report.questions.iter().enumerate() {
        for p in &q_paras[i].phrases {
            found.push(Found {
                source: i,
                in_question: true,
                whole: false,
                phrase: shifted(p, q.text.start),
            });
        }
        if let (Some(para), Some(ans)) = (&a_paras[i], &q.answer) {
            for p in &para.phrases {
                found.push(Found {
                    source: i,
                    in_question: false,
                    whole: para.whole,
                    phrase: shifted(p, ans.body.start),
                });
            }
        }
    }
    let mut res = None;
    let refs = if found.is_empty() {
        Vec::new()
    } else {
        let old = reuse
            .as_ref()
            .filter(|p| same_shape(p.report, p.src, report, src))
            .and_then(|p| p.cache.res.as_deref());
        let ix = match old.and_then(|o| Some((o.ix.lock().ok()?, o.nt))) {
            Some((oix, ont)) => index(
                report,
                src,
                it,
                &q_paras,
                &a_paras,
                Some((&oix, ont, &changed)),
            ),
            None => index(report, src, it, &q_paras, &a_paras, None),
        };
        let plan = match old {
            Some(old) => plan(old, &ix, &changed, &found),
            None => found.iter().map(|_| Plan::Resolve).collect(),
        };
        let sources: Vec<usize> = found.iter().map(|f| f.source).collect();
        let (refs, pre, reads, ix) = resolve_planned(report, src, found, ix, plan);
        // What each phrase read, as stems; a reused result keeps what it read before.
        let mut stem_reads = Vec::with_capacity(reads.len());
        let mut first = vec![0u32; n + 1];
        for (k, r) in reads.into_iter().enumerate() {
            let s = sources[k];
            stem_reads.push(match r {
                Some(r) => Arc::new(StemReads::new(&ix, r)),
                None => {
                    // Reused: the same phrase of the same question in the old list.
                    let old = old.expect("reuse needs the version before");
                    let at = old.first[s] as usize + (k - first_of(&sources, k));
                    old.reads[at].clone()
                }
            });
        }
        for (k, &s) in sources.iter().enumerate().rev() {
            first[s] = k as u32;
        }
        // Questions without phrases start where the next one does.
        let mut next = sources.len() as u32;
        for i in (0..n).rev() {
            if sources.get(first[i] as usize).is_none_or(|&s| s != i) {
                first[i] = next;
            }
            next = first[i];
        }
        first[n] = sources.len() as u32;
        res = Some(Arc::new(Resolved {
            nt: ix.idf.len(),
            ix: Mutex::new(ix),
            pre,
            reads: stem_reads,
            first,
        }));
        refs
    };
    let base = |r: &Report, i: usize| {
        r.questions
            .get(i)
            .and_then(|q| q.answer.as_ref())
            .map_or(0, |a| a.body.start)
    };
    // An answer that is only a reference repeats nothing.
    let mut active: Vec<bool> = a_paras
        .iter()
        .map(|p| p.as_ref().is_some_and(|p| p.n_words >= SHINGLE))
        .collect();
    for r in &refs {
        if r.whole && !r.in_question {
            if let Some(a) = active.get_mut(r.source) {
                *a = false;
            }
        }
    }
    let old_rep = reuse
        .as_ref()
        .filter(|p| p.report.questions.len() == n)
        .and_then(|p| Some((p, p.cache.rep.lock().ok()?.take()?)))
        .filter(|(_, st)| st.active.len() == n);
    let judge_one = |st: &Holders, j: usize| -> Option<Repeat> {
        let para = a_paras[j].as_ref()?;
        let mut owner = |key: u64| {
            let h = st.first(key).filter(|&h| (h as usize) < j)? as usize;
            let s = a_paras[h]
                .as_ref()?
                .shingles
                .iter()
                .find(|s| s.key == key)?;
            let b = base(report, h);
            Some((
                h as u32,
                (b + s.start as usize) as u32,
                (b + s.end as usize) as u32,
            ))
        };
        judge(j, base(report, j), &para.shingles, para.n_words, &mut owner)
    };
    let st = match old_rep {
        Some((p, mut st)) => {
            // Only the changed answers' shingles move; the answers sharing one are judged again.
            let mut again: Vec<usize> = Vec::new();
            for i in 0..n {
                if !changed[i] && st.active[i] == active[i] {
                    continue;
                }
                again.push(i);
                let old_sh = p
                    .cache
                    .a
                    .get(i)
                    .and_then(|x| x.as_ref())
                    .map(|x| &x.shingles[..]);
                let new_sh = a_paras[i].as_ref().map(|x| &x.shingles[..]);
                if st.active[i] {
                    for s in old_sh.unwrap_or(&[]) {
                        st.remove(s.key, i as u32);
                    }
                }
                if active[i] {
                    for s in new_sh.unwrap_or(&[]) {
                        st.insert(s.key, i as u32);
                    }
                }
                for s in old_sh.unwrap_or(&[]).iter().chain(new_sh.unwrap_or(&[])) {
                    st.each(s.key, |h| again.push(h as usize));
                }
            }
            again.sort_unstable();
            again.dedup();
            st.active = active;
            for (j, r) in st.out.iter_mut().enumerate() {
                if let Some(r) = r {
                    let d = |i: usize| base(report, i) as isize - base(p.report, i) as isize;
                    let (dj, de) = (d(j), d(r.earlier));
                    let mv = |x: usize, by: isize| (x as isize + by) as usize;
                    r.range = mv(r.range.start, dj)..mv(r.range.end, dj);
                    r.earlier_range = mv(r.earlier_range.start, de)..mv(r.earlier_range.end, de);
                }
            }
            for j in again {
                let r = if st.active[j] {
                    judge_one(&st, j)
                } else {
                    None
                };
                st.out[j] = r;
            }
            st
        }
        None => {
            let mut st = Holders::default();
            for (i, p) in a_paras.iter().enumerate() {
                if let (true, Some(p)) = (active[i], p) {
                    for s in &p.shingles {
                        st.insert(s.key, i as u32);
                    }
                }
            }
            st.out = (0..n)
                .map(|j| if active[j] { judge_one(&st, j) } else { None })
                .collect();
            st.active = active;
            st
        }
    };
    let repeats: Vec<Repeat> = st.out.iter().flatten().cloned().collect();
    drop(guard);
    (
        Xrefs::from_parts(refs, repeats),
        Cache {
            interner,
            q: q_paras,
            a: a_paras,
            res,
            rep: Mutex::new(Some(st)),
        },
    )
}

/// The index, from the paragraphs' words: interned into a fresh lexicon in document order, as
/// [`Index::new`] does from the text.
fn index(
    report: &Report,
    src: &dyn Source,
    it: &mut Interner,
    q_paras: &[Arc<Para>],
    a_paras: &[Option<Arc<Para>>],
    old: Option<(&Index, usize, &[bool])>,
) -> Index {
    const UNSEEN: u32 = u32::MAX;
    const NONE: u32 = u32::MAX - 1;
    let mut lex = Lexicon::new();
    // Topic headings are short: their words are interned here, before the map is sized.
    let mut topic_words = Vec::with_capacity(report.topics.len());
    let mut topic_key = Vec::with_capacity(report.topics.len());
    for t in &report.topics {
        let h = src.slice(t.heading.clone());
        let ws: Vec<u32> = word_spans(&h).map(|(a, b)| it.id(&h[a..b])).collect();
        topic_words.push(ws);
        topic_key.push(fold(h.trim()));
    }
    let mut local = vec![UNSEEN; it.folded.len()];
    let mut term = |lex: &mut Lexicon, w: u32| -> Option<Term> {
        let slot = &mut local[w as usize];
        if *slot == UNSEEN {
            let t = lex.term_memo(&it.folded[w as usize], it.stems[w as usize].as_deref());
            *slot = t.unwrap_or(NONE);
        }
        (*slot != NONE).then_some(*slot)
    };
    let n = report.questions.len();
    let mut raw_q: Vec<Vec<Term>> = Vec::with_capacity(n);
    let mut raw_a: Vec<Vec<Term>> = Vec::with_capacity(n);
    // Room for each word's compound parts, which `Index::build` appends.
    let terms =
        |lex: &mut Lexicon, term: &mut dyn FnMut(&mut Lexicon, u32) -> Option<Term>, ws: &[u32]| {
            let mut v = Vec::with_capacity(ws.len() + ws.len() / 2 + 2);
            v.extend(ws.iter().filter_map(|&w| term(lex, w)));
            v
        };
    // With the version before, only the changed questions need their terms listed; the
    // others are walked for the lexicon's order alone.
    let listed = |i: usize| old.is_none_or(|o| o.2.get(i).copied().unwrap_or(true));
    for i in 0..n {
        if listed(i) {
            raw_q.push(terms(&mut lex, &mut term, &q_paras[i].words));
            raw_a.push(match &a_paras[i] {
                Some(p) => terms(&mut lex, &mut term, &p.words),
                None => Vec::new(),
            });
        } else {
            for &w in &q_paras[i].words {
                term(&mut lex, w);
            }
            for &w in a_paras[i].iter().flat_map(|p| &p.words) {
                term(&mut lex, w);
            }
            raw_q.push(Vec::new());
            raw_a.push(Vec::new());
        }
    }
    let raw_t: Vec<Vec<Term>> = topic_words
        .iter()
        .map(|ws| ws.iter().filter_map(|&w| term(&mut lex, w)).collect())
        .collect();
    if let Some((oix, ont, changed)) = old {
        lex.split_compounds();
        if let Some((sets, posts)) = remap(&lex, oix, ont, changed, &raw_q, &raw_a, &raw_t) {
            let ix = Index::assemble(report, lex, sets, posts, topic_key);
            #[cfg(debug_assertions)]
            {
                // Tests run this: the index built afresh is the same.
                let mut lex = Lexicon::new();
                let mut local = vec![UNSEEN; it.folded.len()];
                let mut term = |lex: &mut Lexicon, w: u32| -> Option<Term> {
                    let slot = &mut local[w as usize];
                    if *slot == UNSEEN {
                        let t =
                            lex.term_memo(&it.folded[w as usize], it.stems[w as usize].as_deref());
                        *slot = t.unwrap_or(NONE);
                    }
                    (*slot != NONE).then_some(*slot)
                };
                let mut rq = Vec::new();
                let mut ra = Vec::new();
                for i in 0..n {
                    rq.push(
                        q_paras[i]
                            .words
                            .iter()
                            .filter_map(|&w| term(&mut lex, w))
                            .collect(),
                    );
                    ra.push(
                        a_paras[i]
                            .iter()
                            .flat_map(|p| &p.words)
                            .filter_map(|&w| term(&mut lex, w))
                            .collect(),
                    );
                }
                let rt: Vec<Vec<Term>> = topic_words
                    .iter()
                    .map(|ws| ws.iter().filter_map(|&w| term(&mut lex, w)).collect())
                    .collect();
                let fresh = Index::build(report, lex, rq, ra, rt, ix.topic_key.clone());
                assert_eq!(fresh.q, ix.q);
                assert_eq!(fresh.a, ix.a);
                assert_eq!(fresh.t, ix.t);
                assert_eq!(fresh.q_post, ix.q_post);
                assert_eq!(fresh.a_post, ix.a_post);
                assert_eq!(fresh.t_post, ix.t_post);
                assert_eq!(fresh.idf, ix.idf);
                assert_eq!(fresh.q_norm, ix.q_norm);
            }
            return ix;
        }
        // The terms moved: list every question's.
        for i in 0..n {
            if !listed(i) {
                raw_q[i] = terms(&mut lex, &mut term, &q_paras[i].words);
                if let Some(p) = &a_paras[i] {
                    raw_a[i] = terms(&mut lex, &mut term, &p.words);
                }
            }
        }
    }
    Index::build(report, lex, raw_q, raw_a, raw_t, topic_key)
}

/// The term sets and postings of the new version from the old index, when every term the
/// versions share kept its relative order and its compound parts: an unchanged question's
/// set is the old one renamed (still sorted), and the postings lists change only for the
/// changed questions. None when the terms moved.
#[allow(clippy::type_complexity)]
fn remap(
    lex: &Lexicon,
    oix: &Index,
    ont: usize,
    changed: &[bool],
    raw_q: &[Vec<Term>],
    raw_a: &[Vec<Term>],
    raw_t: &[Vec<Term>],
) -> Option<([Sets; 3], [Vec<Vec<u32>>; 3])> {
    const GONE: u32 = u32::MAX;
    let nt = lex.len();
    let mut map = vec![GONE; ont];
    let mut last: Option<Term> = None;
    for (t, m) in map.iter_mut().enumerate() {
        let Some(x) = lex.stem_id(oix.lex.stem_text(t as Term)) else {
            continue;
        };
        if x as usize >= nt || last.is_some_and(|l| x <= l) {
            return None;
        }
        last = Some(x);
        let op = oix
            .lex
            .parts(t as Term)
            .map(|[a, b]| [oix.lex.stem_text(a), oix.lex.stem_text(b)]);
        let np = lex
            .parts(x)
            .map(|[a, b]| [lex.stem_text(a), lex.stem_text(b)]);
        if op != np {
            return None;
        }
        *m = x;
    }
    let n = changed.len();
    let mut q = Sets::default();
    let mut a = Sets::default();
    let mut buf: Vec<Term> = Vec::new();
    for (sets, old, raw) in [(&mut q, &oix.q, raw_q), (&mut a, &oix.a, raw_a)] {
        for i in 0..n {
            if changed[i] {
                let mut v = raw[i].clone();
                Index::expand(lex, &mut v);
                sets.push(&mut v);
            } else {
                buf.clear();
                for &t in old.get(i) {
                    let x = map.get(t as usize).copied().unwrap_or(GONE);
                    if x == GONE {
                        return None;
                    }
                    buf.push(x);
                }
                sets.push_sorted(buf.iter().copied());
            }
        }
    }
    let mut t = Sets::default();
    let mut t_post = vec![Vec::new(); nt];
    for (k, v) in raw_t.iter().enumerate() {
        let mut v = v.clone();
        Index::expand(lex, &mut v);
        t.push(&mut v);
        for &x in t.get(k) {
            t_post[x as usize].push(k as u32);
        }
    }
    let mut posts = [vec![Vec::new(); nt], vec![Vec::new(); nt]];
    for (post, old_post) in posts.iter_mut().zip([&oix.q_post, &oix.a_post]) {
        for (t, &x) in map.iter().enumerate() {
            if x != GONE {
                if let Some(l) = old_post.get(t) {
                    post[x as usize] = l.clone();
                }
            }
        }
    }
    for i in (0..n).filter(|&i| changed[i]) {
        let iq = i as u32;
        for ((post, old), new) in posts.iter_mut().zip([&oix.q, &oix.a]).zip([&q, &a]) {
            for &t in old.get(i) {
                let x = map.get(t as usize).copied().unwrap_or(GONE);
                if let Some(l) = post.get_mut(x as usize) {
                    if let Ok(p) = l.binary_search(&iq) {
                        l.remove(p);
                    }
                }
            }
            for &x in new.get(i) {
                let l = &mut post[x as usize];
                if let Err(p) = l.binary_search(&iq) {
                    l.insert(p, iq);
                }
            }
        }
    }
    let [q_post, a_post] = posts;
    Some(([q, a, t], [q_post, a_post, t_post]))
}

/// The position of phrase `k` among its question's phrases.
fn first_of(sources: &[usize], k: usize) -> usize {
    let s = sources[k];
    let mut j = k;
    while j > 0 && sources[j - 1] == s {
        j -= 1;
    }
    j
}

/// What resolving one phrase read, as stems and question indices (valid across versions).
pub struct StemReads {
    /// Sorted.
    questions: Vec<u32>,
    terms: Vec<Box<str>>,
    queries: Vec<StemQuery>,
}

impl StemReads {
    fn new(ix: &Index, r: Reads) -> StemReads {
        let mut questions = r.questions;
        questions.sort_unstable();
        questions.dedup();
        let mut terms = r.terms;
        terms.sort_unstable();
        terms.dedup();
        StemReads {
            questions,
            terms: terms.iter().map(|&t| ix.lex.stem_text(t).into()).collect(),
            queries: r
                .queries
                .iter()
                .map(|(text, out)| (text.clone(), stem_query(ix, out)))
                .collect(),
        }
    }
}

/// The resolution of one version: its index (after resolution), each phrase's result before
/// chains and what it read, in the order phrases were found.
pub struct Resolved {
    ix: Mutex<Index>,
    /// Terms of the index as built (later ones were added by queries).
    nt: usize,
    pre: Vec<CrossRef>,
    reads: Vec<Arc<StemReads>>,
    /// Per question: its first phrase in `pre` (and `n`: the end).
    first: Vec<u32>,
}

/// Do the two reports have the same questions, fracties, topics and sections, apart from the
/// texts of questions and answers and where everything is?
fn same_shape(a: &Report, asrc: &dyn Source, b: &Report, bsrc: &dyn Source) -> bool {
    a.questions.len() == b.questions.len()
        && a.fracties.len() == b.fracties.len()
        && a.topics.len() == b.topics.len()
        && a.sections.len() == b.sections.len()
        && a.questions.iter().zip(&b.questions).all(|(x, y)| {
            x.fractie == y.fractie
                && x.topic == y.topic
                && x.section == y.section
                && x.numbers == y.numbers
                && x.answer.as_ref().is_some_and(|a| !a.body.is_empty())
                    == y.answer.as_ref().is_some_and(|a| !a.body.is_empty())
        })
        && a.fracties
            .iter()
            .zip(&b.fracties)
            .all(|(x, y)| x.names == y.names)
        && a.sections
            .iter()
            .zip(&b.sections)
            .all(|(x, y)| x.is_response == y.is_response)
        && a.topics.iter().zip(&b.topics).all(|(x, y)| {
            x.fractie == y.fractie
                && x.section == y.section
                && asrc.slice(x.heading.clone()) == bsrc.slice(y.heading.clone())
        })
}

/// Which phrases can take the old result: those of unchanged questions that read nothing of
/// the index that changed. The index changed in the terms of the changed questions (their
/// postings and idf) and in the questions holding such a term (their norms and cosines). When
/// the terms kept their relative order and compound parts, every other sum runs over the
/// same terms in the same order, so it gives the same float.
fn plan(old: &Resolved, ix: &Index, changed: &[bool], found: &[Found]) -> Vec<Plan> {
    let all = || found.iter().map(|_| Plan::Resolve).collect();
    let Ok(oix) = old.ix.lock() else {
        return all();
    };
    let n = changed.len();
    if old.first.len() != n + 1 {
        return all();
    }
    // The terms common to both versions keep their order and parts.
    let nt = ix.idf.len();
    let mut last: Option<Term> = None;
    for t in 0..old.nt as Term {
        let stem = oix.lex.stem_text(t);
        let Some(nt2) = ix.lex.stem_id(stem) else {
            continue;
        };
        if nt2 as usize >= nt || last.is_some_and(|l| nt2 <= l) {
            return all();
        }
        last = Some(nt2);
        let op = oix
            .lex
            .parts(t)
            .map(|[a, b]| [oix.lex.stem_text(a), oix.lex.stem_text(b)]);
        let np = ix
            .lex
            .parts(nt2)
            .map(|[a, b]| [ix.lex.stem_text(a), ix.lex.stem_text(b)]);
        if op != np {
            return all();
        }
    }
    // The terms that came or went in the changed questions.
    let mut delta: Vec<&str> = Vec::new();
    let mut a_set: Vec<&str> = Vec::new();
    let mut b_set: Vec<&str> = Vec::new();
    for i in (0..n).filter(|&i| changed[i]) {
        for (os, ns) in [(oix.q.get(i), ix.q.get(i)), (oix.a.get(i), ix.a.get(i))] {
            a_set.clear();
            b_set.clear();
            a_set.extend(os.iter().map(|&t| oix.lex.stem_text(t)));
            b_set.extend(ns.iter().map(|&t| ix.lex.stem_text(t)));
            a_set.sort_unstable();
            b_set.sort_unstable();
            for x in a_set.iter().filter(|x| b_set.binary_search(x).is_err()) {
                delta.push(x);
            }
            for x in b_set.iter().filter(|x| a_set.binary_search(x).is_err()) {
                delta.push(x);
            }
        }
    }
    delta.sort_unstable();
    delta.dedup();
    let mut dirty = changed.to_vec();
    for stem in &delta {
        if let Some(t) = oix.lex.stem_id(stem) {
            for &c in Index::post(&oix.q_post, t)
                .iter()
                .chain(Index::post(&oix.a_post, t))
            {
                if let Some(d) = dirty.get_mut(c as usize) {
                    *d = true;
                }
            }
        }
        if let Some(t) = ix.lex.stem_id(stem) {
            for &c in Index::post(&ix.q_post, t)
                .iter()
                .chain(Index::post(&ix.a_post, t))
            {
                if let Some(d) = dirty.get_mut(c as usize) {
                    *d = true;
                }
            }
        }
    }
    let mut out = Vec::with_capacity(found.len());
    let mut k_in_q = 0;
    for (k, f) in found.iter().enumerate() {
        if k > 0 && found[k - 1].source == f.source {
            k_in_q += 1;
        } else {
            k_in_q = 0;
        }
        let s = f.source;
        let at = old.first[s] as usize + k_in_q;
        let fits = s < n && !changed[s] && at < old.first[s + 1] as usize && at < old.pre.len();
        if !fits {
            out.push(Plan::Resolve);
            continue;
        }
        let r = &old.reads[at];
        let clean = r
            .questions
            .iter()
            .all(|&c| !dirty.get(c as usize).copied().unwrap_or(true))
            && r.terms.iter().all(|t| delta.binary_search(&&**t).is_err());
        out.push(if clean {
            Plan::Reuse(Box::new(old.pre[at].clone()), r.queries.clone())
        } else {
            Plan::Resolve
        });
    }
    out
}

/// The answers holding each sampled shingle (those that may repeat or be repeated), and what
/// each answer repeats.
#[derive(Default)]
pub struct Holders {
    /// Shingle hash → the first answer holding it.
    lead: FxMap<u64, u32>,
    /// Shingle hash → the other answers holding it, ascending.
    more: FxMap<u64, Vec<u32>>,
    /// Per question: its shingles are in the maps.
    active: Vec<bool>,
    /// Per question: the answer it repeats.
    out: Vec<Option<Repeat>>,
}

impl Holders {
    fn first(&self, key: u64) -> Option<u32> {
        self.lead.get(&key).copied()
    }

    fn each(&self, key: u64, mut f: impl FnMut(u32)) {
        if let Some(&h) = self.lead.get(&key) {
            f(h);
        }
        for &h in self.more.get(&key).into_iter().flatten() {
            f(h);
        }
    }

    fn insert(&mut self, key: u64, q: u32) {
        match self.lead.get_mut(&key) {
            None => {
                self.lead.insert(key, q);
            }
            Some(h) if *h == q => {}
            Some(h) => {
                let other = if q < *h { std::mem::replace(h, q) } else { q };
                let v = self.more.entry(key).or_default();
                if let Err(p) = v.binary_search(&other) {
                    v.insert(p, other);
                }
            }
        }
    }

    fn remove(&mut self, key: u64, q: u32) {
        if self.lead.get(&key) == Some(&q) {
            match self.more.get_mut(&key) {
                Some(v) if !v.is_empty() => {
                    let next = v.remove(0);
                    if v.is_empty() {
                        self.more.remove(&key);
                    }
                    self.lead.insert(key, next);
                }
                _ => {
                    self.lead.remove(&key);
                }
            }
        } else if let Some(v) = self.more.get_mut(&key) {
            if let Ok(p) = v.binary_search(&q) {
                v.remove(p);
            }
            if v.is_empty() {
                self.more.remove(&key);
            }
        }
    }
}
