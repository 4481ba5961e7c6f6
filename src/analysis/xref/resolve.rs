//! Resolution: from a phrase's parts to a question of the same document.
//!
//! The parts are combined in a fixed order of strength:
//!
//! 1. numbers (`vraag 12`): the question carrying the number (in a document that numbers
//!    nothing, the 12th question, with less confidence);
//! 2. `vorige`/`volgende`: the neighbour (of the named fractie, when one is named);
//! 3. similarity (`een vergelijkbare vraag van de X-fractie`): the question texts most alike
//!    (idf-weighted cosine over stems), within the fractie; when another fractie asked
//!    something much closer, that question is taken and the reference flagged;
//! 4. an ordinal (`de eerste vraag van X over S`): counted within the scope the rest of the
//!    phrase sets: the fractie, and the topic heading(s) matching the subject (else the
//!    questions whose text matches it);
//! 5. a subject (`de vraag over S`): topic headings, question texts and answer texts scored by
//!    coverage of the subject's stems (compound parts count for part), earlier questions
//!    preferred;
//! 6. only a direction or a fractie (`het antwoord hierboven`): the nearest questions around
//!    are compared with the referring question and answer; a guess, with low confidence.
//!
//! A target whose answer is itself (nearly only) a reference is followed; a cycle is caught.

use std::ops::Range;

use super::index::{cosine, fixed, mass, overlap, union, Index, Post};
use super::phrase::{FractieRef, Ordinal, Parts, Phrase, Position, Similarity};
use super::words::{word_spans, FxMap, Term};
use super::{Candidate, CrossRef, Problem, Reason, Unresolved};
use crate::analysis::Source;
use crate::syntax::Report;

/// A phrase found, before resolution.
pub(crate) struct Found {
    pub source: usize,
    pub in_question: bool,
    pub whole: bool,
    pub phrase: Phrase,
}

/// Counts the words of `text` outside `holes` (absolute ranges; `base` is `text`'s offset).
pub(crate) fn words_outside(text: &str, base: usize, holes: &[Range<usize>]) -> usize {
    word_spans(text)
        .filter(|(a, _)| {
            !holes
                .iter()
                .any(|h| h.start <= base + a && base + a < h.end)
        })
        .count()
}

/// Resolves every reference of a report afresh.
pub fn resolve_all(report: &Report, src: &dyn Source) -> Vec<CrossRef> {
    super::Xrefs::new(report, src).refs
}

pub(crate) fn resolver<'a>(
    report: &'a Report,
    src: &'a dyn Source,
    ix: &'a mut Index,
) -> Resolver<'a> {
    let mut by_fractie = vec![Vec::new(); report.fracties.len()];
    for (i, q) in report.questions.iter().enumerate() {
        if let Some(f) = q.fractie().and_then(|f| by_fractie.get_mut(f)) {
            f.push(i);
        }
    }
    let fractie_span = by_fractie
        .iter()
        .map(|v: &Vec<usize>| match (v.first(), v.last()) {
            (Some(&a), Some(&b)) => a as u32..b as u32 + 1,
            _ => 0..0,
        })
        .collect();
    Resolver {
        report,
        src,
        ix,
        by_fractie,
        fractie_span,
    }
}

/// Which questions a reference may point at.
#[derive(Clone, Debug)]
struct Scope {
    /// Fractie sections allowed (None: any).
    fracties: Option<Vec<usize>>,
    /// Only questions before this one.
    before: Option<usize>,
    /// Only questions after this one.
    after: Option<usize>,
    exclude: usize,
}

impl Scope {
    fn ok(&self, report: &Report, c: usize) -> bool {
        c != self.exclude
            && self.before.is_none_or(|b| c < b)
            && self.after.is_none_or(|a| c > a)
            && match &self.fracties {
                None => true,
                Some(fs) => report
                    .questions
                    .get(c)
                    .and_then(|q| q.fractie())
                    .is_some_and(|f| fs.contains(&f)),
            }
    }
}

pub(crate) struct Resolver<'a> {
    report: &'a Report,
    src: &'a dyn Source,
    ix: &'a mut Index,
    /// Per fractie section: its questions in order.
    by_fractie: Vec<Vec<usize>>,
    /// Per fractie section: from its first question to after its last.
    fractie_span: Vec<Range<u32>>,
}

/// Calls `f` for the entries of a postings list inside `bounds` (sorted ranges): a scope of
/// one fractie reads only that fractie's part.
fn each_in(list: &Post, bounds: &[Range<u32>], f: impl FnMut(u32)) {
    list.each_in(bounds, f)
}

/// The outcome of one strategy.
struct Pick {
    target: Option<usize>,
    also: Vec<usize>,
    candidates: Vec<Candidate>,
    confidence: f32,
    reasons: Vec<Reason>,
    problem: Option<Problem>,
}

impl Pick {
    fn none(why: Unresolved) -> Pick {
        Pick {
            target: None,
            also: Vec::new(),
            candidates: Vec::new(),
            confidence: 0.0,
            reasons: Vec::new(),
            problem: Some(Problem::Unresolved(why)),
        }
    }

    fn one(q: usize, confidence: f32, reasons: Vec<Reason>) -> Pick {
        Pick {
            target: Some(q),
            also: Vec::new(),
            candidates: vec![Candidate {
                question: q,
                score: 1.0,
            }],
            confidence,
            reasons,
            problem: None,
        }
    }
}

fn sort_candidates(v: &mut [Candidate], source: usize) {
    v.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| {
                a.question
                    .abs_diff(source)
                    .cmp(&b.question.abs_diff(source))
            })
            .then_with(|| a.question.cmp(&b.question))
    });
}

impl Resolver<'_> {
    /// Question index ranges that hold every question in `scope` (and maybe some more).
    fn bounds(&self, scope: &Scope) -> Vec<Range<u32>> {
        let n = self.report.questions.len() as u32;
        let lo = scope.after.map_or(0, |a| a as u32 + 1);
        let hi = scope.before.map_or(n, |b| b as u32);
        let mut v: Vec<Range<u32>> = match &scope.fracties {
            None => std::iter::once(lo..hi).collect(),
            Some(fs) => fs
                .iter()
                .filter_map(|&f| self.fractie_span.get(f))
                .map(|r| r.start.max(lo)..r.end.min(hi))
                .filter(|r| r.start < r.end)
                .collect(),
        };
        v.sort_by_key(|r| r.start);
        v
    }

    fn fractie_name(&self, f: usize) -> String {
        self.report
            .fracties
            .get(f)
            .map(|f| f.names.join("/"))
            .unwrap_or_default()
    }

    /// What resolving has read of the index since it was last cleared.
    pub(crate) fn reads(&mut self) -> &mut super::index::Reads {
        self.ix.reads.get_mut()
    }

    /// Resolves one phrase; what it read of the index is noted in `ix.reads`.
    pub(crate) fn resolve(&mut self, f: Found) -> CrossRef {
        let parts = &f.phrase.parts.clone();
        let s = f.source;
        let mut reasons = Vec::new();
        // The fractie filter.
        let fracties: Option<Vec<usize>> = match &parts.fractie {
            Some(FractieRef::Named { keys, names, .. }) => {
                let mut v: Vec<usize> = keys
                    .iter()
                    .flat_map(|k| self.ix.fractie_by_key.get(k).cloned().unwrap_or_default())
                    .collect();
                v.sort_unstable();
                v.dedup();
                if v.is_empty() && !self.report.fracties.is_empty() {
                    return self.finish(
                        f,
                        Pick::none(Unresolved::NoFractie(names.join(", "))),
                        reasons,
                    );
                }
                reasons.push(Reason::Fractie(names.join(", ")));
                (!v.is_empty()).then_some(v)
            }
            Some(FractieRef::Own { .. }) => {
                reasons.push(Reason::OwnFractie);
                self.report.questions[s].fractie().map(|f| vec![f])
            }
            None => None,
        };
        let mut scope = Scope {
            fracties,
            before: None,
            after: None,
            exclude: s,
        };
        match parts.position {
            Some(Position::Earlier) => {
                scope.before = Some(s);
                reasons.push(Reason::Earlier);
            }
            Some(Position::Later) => {
                scope.after = Some(s);
                reasons.push(Reason::Later);
            }
            _ => {}
        }
        let pick = if !parts.numbers.is_empty() {
            self.by_number(s, parts, &scope)
        } else if matches!(parts.position, Some(Position::Previous | Position::Next))
            && parts.ordinal.is_none()
        {
            self.neighbour(s, parts.position == Some(Position::Next), &scope)
        } else if let Some(sim) = parts.similarity {
            self.similar(s, sim, parts, &scope)
        } else if let Some(o) = parts.ordinal {
            self.ordinal(s, o, parts, scope.clone())
        } else if let Some(subj) = parts.subject.clone() {
            self.subject(s, subj, &scope)
        } else {
            self.vague(s, &f, &scope)
        };
        let pick = self.plural_topic(parts, pick, &scope);
        self.finish(f, pick, reasons)
    }

    /// `de vragen van de D66-fractie over X`: every question under the topic found.
    fn plural_topic(&self, parts: &Parts, mut pick: Pick, scope: &Scope) -> Pick {
        if !parts.plural || !parts.numbers.is_empty() || pick.problem.is_some() {
            return pick;
        }
        let Some(t) = pick.reasons.iter().find_map(|r| match r {
            Reason::Topic(t) => Some(*t),
            _ => None,
        }) else {
            return pick;
        };
        let members: Vec<usize> = self
            .ix
            .topic_questions
            .get(t)
            .cloned()
            .unwrap_or(0..0)
            .filter(|&c| scope.ok(self.report, c))
            .collect();
        if let Some((&first, rest)) = members.split_first() {
            pick.target = Some(first);
            pick.also = rest.to_vec();
        }
        pick
    }

    fn finish(&self, f: Found, pick: Pick, mut reasons: Vec<Reason>) -> CrossRef {
        reasons.extend(pick.reasons);
        let mut problem = pick.problem;
        if problem.is_none() && pick.target == Some(f.source) {
            problem = Some(Problem::SelfReference);
        }
        CrossRef {
            range: f.phrase.range,
            source: f.source,
            in_question: f.in_question,
            whole: f.whole,
            parts: f.phrase.parts,
            target: pick.target,
            also: pick.also,
            candidates: pick.candidates,
            confidence: pick.confidence,
            reasons,
            chain: Vec::new(),
            problem,
        }
    }

    fn in_response(&self, q: usize) -> bool {
        self.report.questions[q]
            .section()
            .and_then(|s| self.report.sections.get(s))
            .is_some_and(|s| s.is_response)
    }

    fn by_number(&self, s: usize, parts: &Parts, scope: &Scope) -> Pick {
        let mut targets = Vec::new();
        let mut missing = Vec::new();
        let mut reasons = Vec::new();
        let mut confidence = 0.95;
        for &n in &parts.numbers {
            let found = if self.ix.numbered {
                let list = self.ix.by_number.get(&n).cloned().unwrap_or_default();
                let mut pool: Vec<usize> = list
                    .iter()
                    .copied()
                    .filter(|&c| scope.fracties.is_none() || scope.ok(self.report, c) || c == s)
                    .collect();
                if pool.len() > 1 {
                    // A response section repeats the numbers; numbering per fractie restarts:
                    // the questions themselves, the referring answer's own fractie, the nearest.
                    let asked: Vec<usize> = pool
                        .iter()
                        .copied()
                        .filter(|&c| !self.in_response(c))
                        .collect();
                    if !asked.is_empty() {
                        pool = asked;
                    }
                    let own = self.report.questions[s].fractie();
                    let same: Vec<usize> = pool
                        .iter()
                        .copied()
                        .filter(|&c| own.is_some() && self.report.questions[c].fractie() == own)
                        .collect();
                    if !same.is_empty() {
                        pool = same;
                    }
                    pool.sort_by_key(|&c| (c > s, c.abs_diff(s)));
                }
                if !pool.is_empty() {
                    reasons.push(Reason::Number(n));
                }
                pool.first().copied()
            } else {
                // Unnumbered: the n-th question (of the fractie when named).
                let q = match &scope.fracties {
                    Some(fs) => {
                        let mut all: Vec<usize> = fs
                            .iter()
                            .flat_map(|&f| self.by_fractie[f].iter().copied())
                            .collect();
                        all.sort_unstable();
                        all.get((n as usize).wrapping_sub(1)).copied()
                    }
                    None => (n as usize)
                        .checked_sub(1)
                        .filter(|&i| i < self.report.questions.len()),
                };
                if q.is_some() {
                    reasons.push(Reason::NumberAsOrdinal(n));
                    confidence = 0.6;
                }
                q
            };
            match found {
                Some(q) => targets.push(q),
                None => missing.push(n),
            }
        }
        if targets.is_empty() {
            return Pick::none(Unresolved::NoNumber(missing));
        }
        let mut p = Pick::one(targets[0], confidence, reasons);
        p.candidates = targets
            .iter()
            .map(|&q| Candidate {
                question: q,
                score: 1.0,
            })
            .collect();
        p.also = targets[1..].to_vec();
        if !missing.is_empty() {
            p.problem = Some(Problem::Unresolved(Unresolved::NoNumber(missing)));
        }
        p
    }

    fn neighbour(&self, s: usize, next: bool, scope: &Scope) -> Pick {
        let n = self.report.questions.len();
        let found = if next {
            (s + 1..n).find(|&c| scope.ok(self.report, c))
        } else {
            (0..s).rev().find(|&c| scope.ok(self.report, c))
        };
        match found {
            Some(q) => Pick::one(
                q,
                0.9,
                vec![if next { Reason::Next } else { Reason::Previous }],
            ),
            None => Pick::none(Unresolved::NoNeighbour),
        }
    }

    /// Scores by similarity of question texts (and, for `vergelijkbaar`, the candidates'
    /// answers too). Candidates come from the postings of the rarest terms.
    ///
    /// Words only the referring question uses cannot match anything and are left out. For
    /// `gelijkluidend` the score is the better of the cosine and the share of each question
    /// found in the other (one may carry an extra sentence of context); for `vergelijkbaar`, how
    /// much of the referring question the candidate's question and answer cover.
    fn similar_scores(&self, s: usize, sim: Similarity, scope: &Scope) -> Vec<Candidate> {
        let query: Vec<Term> = self
            .ix
            .qset(s)
            .into_iter()
            .filter(|&t| !self.ix.own(t, s))
            .collect();
        if query.is_empty() {
            return Vec::new();
        }
        let qmass = mass(self.ix, &query);
        // The rarest first; ties by the stem's text (term ids follow the document's history).
        let mut terms: Vec<(usize, Term)> = query
            .iter()
            .map(|&t| (self.ix.q_posts(t).len(), t))
            .collect();
        terms.sort_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| {
                self.ix
                    .vocab
                    .stem_text(a.1)
                    .cmp(self.ix.vocab.stem_text(b.1))
            })
        });
        // Sums of squared weights are exact integers (see `index`).
        let mut acc: FxMap<u32, u64> = FxMap::default();
        let mut acc_a: FxMap<u32, u64> = FxMap::default();
        let bounds = self.bounds(scope);
        for &(_, t) in terms.iter().take(16) {
            let w = self.ix.weight2(t);
            each_in(self.ix.q_posts(t), &bounds, |c| {
                if scope.ok(self.report, c as usize) {
                    *acc.entry(c).or_default() += w;
                }
            });
            if sim == Similarity::Comparable {
                each_in(self.ix.a_posts(t), &bounds, |c| {
                    if scope.ok(self.report, c as usize) {
                        *acc_a.entry(c).or_default() += w;
                    }
                });
            }
        }
        // The best by question text, and (for `vergelijkbaar`) the best by answer text.
        fn top<T: PartialOrd + Copy>(acc: FxMap<u32, T>) -> impl Iterator<Item = u32> {
            let mut v: Vec<(u32, T)> = acc.into_iter().collect();
            v.sort_by(|a, b| {
                b.1.partial_cmp(&a.1)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(a.0.cmp(&b.0))
            });
            v.truncate(30);
            v.into_iter().map(|x| x.0)
        }
        // By question text: normalised by the candidate's length, so that among questions
        // holding every query word the closest wording comes first.
        let acc: FxMap<u32, f32> = acc
            .into_iter()
            .map(|(c, v)| {
                (
                    c,
                    fixed(v) / self.ix.norm(c as usize).unwrap_or(1.0).max(1e-3),
                )
            })
            .collect();
        let mut pre: Vec<u32> = top(acc).chain(top(acc_a)).collect();
        pre.sort_unstable();
        pre.dedup();
        let mut out: Vec<Candidate> = pre
            .into_iter()
            .map(|c| {
                let c = c as usize;
                let cq_terms = &self.ix.qset(c);
                let shared = overlap(self.ix, &query, cq_terms);
                let cover_q = shared / qmass;
                let cmass = mass(self.ix, cq_terms);
                let contained = if cmass > 0.0 { shared / cmass } else { 0.0 };
                let score = match sim {
                    Similarity::Identical => {
                        let cos = cosine(self.ix, &query, cq_terms);
                        cos.max((cover_q + contained) / 2.0)
                    }
                    Similarity::Comparable => {
                        let qa = union(cq_terms, &self.ix.aset(c));
                        let cover_qa = overlap(self.ix, &query, &qa) / qmass;
                        // Coverage finds the subject; the cosine prefers the closest
                        // wording among questions that all cover it (a copied question).
                        let cos = cosine(self.ix, &query, cq_terms);
                        0.45 * cover_qa
                            + 0.25 * cover_q.max(contained.min(cover_q * 2.0))
                            + 0.3 * cos
                    }
                };
                Candidate {
                    question: c,
                    score: score.min(1.0),
                }
            })
            .collect();
        sort_candidates(&mut out, s);
        out
    }

    fn similar(&self, s: usize, sim: Similarity, parts: &Parts, scope: &Scope) -> Pick {
        let named = self.similar_scores(s, sim, scope);
        let best = named.first().copied();
        // Does another fractie have something much closer? (Not when the named one has a
        // good match: nothing could then be "much closer".)
        if let Some(fs) = scope
            .fracties
            .as_ref()
            .filter(|_| best.is_none_or(|b| b.score < 0.6))
        {
            let mut wide = scope.clone();
            wide.fracties = None;
            let all = self.similar_scores(s, sim, &wide);
            let other = all.iter().copied().find(|c| {
                self.report.questions[c.question]
                    .fractie()
                    .is_none_or(|f| !fs.contains(&f))
            });
            if let Some(o) = other {
                let b = best.map_or(0.0, |b| b.score);
                let strong = match sim {
                    Similarity::Identical => 0.5,
                    Similarity::Comparable => 0.45,
                };
                if o.score >= strong && o.score >= b + 0.25 && o.score >= 1.6 * b {
                    let named_name = match &parts.fractie {
                        Some(FractieRef::Named { names, .. }) => names.join(", "),
                        _ => fs
                            .iter()
                            .map(|&f| self.fractie_name(f))
                            .collect::<Vec<_>>()
                            .join(", "),
                    };
                    let other_fractie = self.report.questions[o.question]
                        .fractie()
                        .map(|f| self.fractie_name(f));
                    let mut candidates = vec![o];
                    candidates.extend(best);
                    return Pick {
                        target: Some(o.question),
                        also: Vec::new(),
                        candidates,
                        confidence: 0.45,
                        reasons: vec![
                            Reason::Similar(o.score),
                            Reason::OtherFractie(other_fractie.clone().unwrap_or_default()),
                        ],
                        problem: Some(Problem::OtherFractie {
                            named: named_name,
                            named_best: best,
                            other: o,
                            other_fractie,
                        }),
                    };
                }
            }
        }
        self.choose(
            s,
            named,
            0.15,
            |c| vec![Reason::Similar(c.score)],
            sim_confidence,
        )
    }

    /// The best candidate, if good enough; flags two near-equal ones from different topics.
    fn choose(
        &self,
        s: usize,
        mut candidates: Vec<Candidate>,
        threshold: f32,
        why: impl Fn(&Candidate) -> Vec<Reason>,
        confidence: fn(f32, f32) -> f32,
    ) -> Pick {
        candidates.truncate(5);
        let Some(best) = candidates.first().copied().filter(|c| c.score >= threshold) else {
            let mut p = Pick::none(Unresolved::NoMatch);
            p.candidates = candidates;
            return p;
        };
        let second = candidates.get(1).copied();
        let margin = second.map_or(best.score, |c| best.score - c.score);
        let mut p = Pick::one(best.question, confidence(best.score, margin), why(&best));
        if let Some(c2) = second {
            if best.score - c2.score < 0.05 && !self.same_topic(best.question, c2.question) {
                p.problem = Some(Problem::Ambiguous(best, c2));
                p.confidence = p.confidence.min(0.4);
            }
        }
        let _ = s;
        p.candidates = candidates;
        p
    }

    /// Questions under topics with the same heading count as one subject.
    fn same_topic(&self, a: usize, b: usize) -> bool {
        let key = |q: usize| {
            let t = self.report.questions[q].topic()?;
            self.ix.reads.borrow_mut().topics.push(t as u32);
            self.ix.topic_key.get(t)
        };
        match (key(a), key(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        }
    }

    /// Scores every question in scope by how well `subject` describes it, and every topic by
    /// how well its heading does. Returns (question candidates, topic scores).
    fn subject_scores(
        &mut self,
        s: usize,
        subject: Range<usize>,
        scope: &Scope,
    ) -> (Vec<Candidate>, Vec<(usize, f32)>) {
        let text = self.src.slice(subject).into_owned();
        // `het ontwerpbesluit van de Commissie`: the head counts fully, what follows `van`
        // (the owner, a qualification) for half.
        let (head, tail) = match text.find(" van ") {
            Some(i) if i > 0 => (&text[..i], &text[i..]),
            _ => (text.as_str(), ""),
        };
        let mut items: Vec<(Term, Option<[Term; 2]>, f32)> = self
            .ix
            .query(head)
            .into_iter()
            .map(|(t, p)| (t, p, 1.0))
            .collect();
        for (t, p) in self.ix.query(tail) {
            if !items.iter().any(|x| x.0 == t) {
                items.push((t, p, 0.5));
            }
        }
        // Every postings list and weight of the items' terms may be read below.
        let r = self.ix.reads.get_mut();
        for (t, p, _) in &items {
            for x in std::iter::once(*t).chain(p.iter().flatten().copied()) {
                r.q_posts.push(x);
                r.a_posts.push(x);
                r.t_posts.push(x);
                r.weights.push(x);
            }
        }
        let bounds = self.bounds(scope);
        let ix: &Index = self.ix;
        let report = self.report;
        let mut total: FxMap<u32, f32> = FxMap::default();
        let mut topics: FxMap<u32, f32> = FxMap::default();
        let mut weight_sum = 0.0;
        for (t, parts, scale) in items {
            let has = |x: Term| {
                !Index::post(&ix.q_post, x).is_empty()
                    || !Index::post(&ix.a_post, x).is_empty()
                    || !Index::post(&ix.t_post, x).is_empty()
            };
            let w = if has(t) {
                ix.idf(t)
            } else if let Some([a, b]) = parts.filter(|p| has(p[0]) || has(p[1])) {
                (ix.idf(a) + ix.idf(b)) / 2.0
            } else {
                continue;
            };
            let w = w * scale;
            weight_sum += w;
            let mut m: FxMap<u32, f32> = FxMap::default();
            let field = |m: &mut FxMap<u32, f32>, x: Term, scale: f32| {
                for (list, fw) in [(&ix.q_post, 1.0), (&ix.a_post, 0.6)] {
                    each_in(Index::post(list, x), &bounds, |c| {
                        if scope.ok(report, c as usize) {
                            let e = m.entry(c).or_default();
                            *e = e.max(fw * scale);
                        }
                    });
                }
            };
            field(&mut m, t, 1.0);
            let mut tm: FxMap<u32, f32> = FxMap::default();
            for k in Index::post(&ix.t_post, t).iter() {
                tm.insert(k, 1.0);
            }
            if let Some([a, b]) = parts {
                // Each part found counts for part of the word.
                let mut pa: FxMap<u32, f32> = FxMap::default();
                let mut pb: FxMap<u32, f32> = FxMap::default();
                field(&mut pa, a, 1.0);
                field(&mut pb, b, 1.0);
                for (&c, &v) in pa.iter() {
                    let e = m.entry(c).or_default();
                    *e = e.max(0.85 * (v + pb.get(&c).copied().unwrap_or(0.0)) / 2.0);
                }
                for (&c, &v) in pb.iter() {
                    let e = m.entry(c).or_default();
                    *e = e.max(0.85 * (v + pa.get(&c).copied().unwrap_or(0.0)) / 2.0);
                }
                for k in Index::post(&ix.t_post, a).iter() {
                    let e = tm.entry(k).or_default();
                    *e = e.max(0.425);
                }
                for k in Index::post(&ix.t_post, b).iter() {
                    let e = tm.entry(k).or_default();
                    *e = e.max(if Index::post(&ix.t_post, a).contains(k) {
                        0.85
                    } else {
                        0.425
                    });
                }
            }
            for (c, v) in m {
                *total.entry(c).or_default() += w * v;
            }
            for (k, v) in tm {
                *topics.entry(k).or_default() += w * v;
            }
        }
        if weight_sum == 0.0 {
            return (Vec::new(), Vec::new());
        }
        let mut topic_scores: Vec<(usize, f32)> = topics
            .into_iter()
            .map(|(k, v)| (k as usize, v / weight_sum))
            .collect();
        topic_scores.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Members of well-matching topics are candidates even when their text says little.
        for &(k, ts) in &topic_scores {
            if ts < 0.5 {
                break;
            }
            if let Some(r) = ix.topic_questions.get(k) {
                for c in r.clone() {
                    if scope.ok(report, c) {
                        total.entry(c as u32).or_default();
                    }
                }
            }
        }
        let topic_map: FxMap<usize, f32> = topic_scores.iter().copied().collect();
        let topic_of = |c: usize| -> f32 {
            report.questions[c]
                .topic()
                .and_then(|t| topic_map.get(&t))
                .copied()
                .unwrap_or(0.0)
        };
        let mut out: Vec<Candidate> = total
            .into_iter()
            .map(|(c, v)| {
                let c = c as usize;
                let text = v / weight_sum;
                let mut score = text.max(0.95 * topic_of(c)) + 0.05 * text;
                // References mostly point back: a later question must do better.
                if c > s {
                    score *= 0.9;
                }
                Candidate {
                    question: c,
                    score: score.min(1.0),
                }
            })
            .collect();
        sort_candidates(&mut out, s);
        (out, topic_scores)
    }

    fn subject(&mut self, s: usize, subject: Range<usize>, scope: &Scope) -> Pick {
        let (cands, topics) = self.subject_scores(s, subject, scope);
        let topic = |c: &Candidate| {
            self.report.questions[c.question]
                .topic()
                .filter(|t| topics.iter().any(|x| x.0 == *t && x.1 >= 0.5))
        };
        let why = |c: &Candidate| {
            let mut v = vec![Reason::Subject(c.score)];
            if let Some(t) = topic(c) {
                v.push(Reason::Topic(t));
            }
            v
        };
        self.choose(s, cands, 0.3, why, subject_confidence)
    }

    fn ordinal(&mut self, s: usize, o: Ordinal, parts: &Parts, mut scope: Scope) -> Pick {
        // `de eerste vraag` alone counts within the referring answer's own fractie section.
        if scope.fracties.is_none() && parts.subject.is_none() {
            scope.fracties = self.report.questions[s].fractie().map(|f| vec![f]);
        }
        // The ordinal counts all of the scope's questions, the referring one included.
        let mut counting = scope.clone();
        counting.exclude = usize::MAX;
        let mut reasons = vec![Reason::Ordinal(o)];
        let members: Vec<usize> = if let Some(subj) = parts.subject.clone() {
            let (cands, topics) = self.subject_scores(s, subj, &counting);
            let fr = |t: usize| {
                let f = self.report.topics.get(t).and_then(|t| t.fractie);
                match &counting.fracties {
                    None => true,
                    Some(fs) => f.is_some_and(|f| fs.contains(&f)),
                }
            };
            let best_topic = topics
                .iter()
                .filter(|x| fr(x.0))
                .map(|x| x.1)
                .fold(0.0f32, f32::max);
            if best_topic >= 0.5 {
                let chosen: Vec<usize> = topics
                    .iter()
                    .filter(|x| fr(x.0) && x.1 >= 0.85 * best_topic)
                    .map(|x| x.0)
                    .collect();
                if let Some(&t) = chosen.iter().min() {
                    reasons.push(Reason::Topic(t));
                }
                reasons.push(Reason::Subject(best_topic));
                let mut m: Vec<usize> = chosen
                    .iter()
                    .flat_map(|&t| self.ix.topic_questions[t].clone())
                    .filter(|&c| counting.ok(self.report, c))
                    .collect();
                m.sort_unstable();
                m.dedup();
                m
            } else {
                let best = cands.first().map_or(0.0, |c| c.score);
                if best < 0.3 {
                    let mut p = Pick::none(Unresolved::NoMatch);
                    p.candidates = cands.into_iter().take(5).collect();
                    return p;
                }
                reasons.push(Reason::Subject(best));
                let mut m: Vec<usize> = cands
                    .iter()
                    .filter(|c| c.score >= 0.7 * best)
                    .map(|c| c.question)
                    .collect();
                m.sort_unstable();
                m
            }
        } else {
            let n = self.report.questions.len();
            match &counting.fracties {
                Some(fs) => {
                    let mut m: Vec<usize> = fs
                        .iter()
                        .flat_map(|&f| self.by_fractie[f].iter().copied())
                        .filter(|&c| counting.ok(self.report, c))
                        .collect();
                    m.sort_unstable();
                    m
                }
                None => (0..n).filter(|&c| counting.ok(self.report, c)).collect(),
            }
        };
        let pick = match o {
            Ordinal::Nth(k) => members.get((k as usize).wrapping_sub(1)).copied(),
            Ordinal::Last => members.iter().rev().find(|&&c| c != s).copied(),
        };
        match pick {
            Some(q) => {
                let confidence = if reasons.iter().any(|r| matches!(r, Reason::Topic(_))) {
                    0.85
                } else {
                    0.7
                };
                let mut p = Pick::one(q, confidence, reasons);
                p.candidates = members
                    .iter()
                    .take(5)
                    .map(|&c| Candidate {
                        question: c,
                        score: if c == q { 1.0 } else { 0.5 },
                    })
                    .collect();
                p
            }
            None => Pick::none(Unresolved::NoMatch),
        }
    }

    /// `het antwoord hierboven`, `Zie het antwoord op de vraag van de VVD-fractie`: compare
    /// the referring question and answer with the nearest questions in scope.
    fn vague(&mut self, s: usize, f: &Found, scope: &Scope) -> Pick {
        let mut scope = scope.clone();
        if scope.fracties.is_none() {
            scope.fracties = self.report.questions[s].fractie().map(|f| vec![f]);
        }
        if scope.before.is_none() && scope.after.is_none() && f.phrase.parts.fractie.is_none() {
            // `Zoals in het antwoord aangegeven`: an earlier answer.
            scope.before = Some(s);
        }
        // The context: the referring question and the rest of the answer.
        let q = &self.report.questions[s];
        let mut ctx: Vec<Term> = self.ix.qset(s);
        if let Some(ans) = &q.answer {
            let body = self.src.slice(ans.body()).into_owned();
            let rest: String = word_spans(&body)
                .filter(|(a, _)| !f.phrase.range.contains(&(ans.body().start + a)))
                .map(|(a, b)| &body[a..b])
                .collect::<Vec<_>>()
                .join(" ");
            for (t, p) in self.ix.query(&rest) {
                ctx.push(t);
                if let Some([a, b]) = p {
                    ctx.push(a);
                    ctx.push(b);
                }
            }
        }
        ctx.sort_unstable();
        ctx.dedup();
        // The 30 nearest questions in scope on the side the phrase points to.
        let n = self.report.questions.len();
        let near: Vec<usize> = if scope.after.is_some() {
            (s + 1..n)
                .filter(|&c| scope.ok(self.report, c))
                .take(30)
                .collect()
        } else if scope.before.is_some() {
            (0..s)
                .rev()
                .filter(|&c| scope.ok(self.report, c))
                .take(30)
                .collect()
        } else {
            let mut v: Vec<usize> = (0..s)
                .rev()
                .filter(|&c| scope.ok(self.report, c))
                .take(30)
                .collect();
            v.extend((s + 1..n).filter(|&c| scope.ok(self.report, c)).take(30));
            v
        };
        let mut cands: Vec<Candidate> = near
            .iter()
            .map(|&c| {
                let qa = union(&self.ix.qset(c), &self.ix.aset(c));
                let dist = c.abs_diff(s) as f32;
                Candidate {
                    question: c,
                    score: cosine(self.ix, &ctx, &qa) * (1.0 - 0.01 * dist.min(30.0)),
                }
            })
            .collect();
        sort_candidates(&mut cands, s);
        cands.truncate(5);
        match cands.first().copied() {
            Some(best) => {
                let mut p = Pick::one(
                    best.question,
                    0.15 + 0.25 * best.score.min(1.0),
                    vec![Reason::Vague],
                );
                p.candidates = cands;
                p
            }
            None => Pick::none(Unresolved::NoMatch),
        }
    }
}

fn sim_confidence(score: f32, margin: f32) -> f32 {
    (0.35 + 0.4 * score + 0.4 * margin).min(0.95)
}

fn subject_confidence(score: f32, margin: f32) -> f32 {
    (0.3 + 0.35 * score + 0.5 * margin).min(0.9)
}

/// Follows targets whose answer is only a reference, and catches cycles, self-references and
/// empty targets.
pub(crate) fn chains(report: &Report, refs: &mut [CrossRef]) {
    let n = report.questions.len();
    let mut forward: Vec<Option<usize>> = vec![None; n];
    for r in refs.iter() {
        if r.whole && !r.in_question && r.also.is_empty() && r.source < n {
            if let Some(t) = r.target {
                if forward[r.source].is_none() && t < n {
                    forward[r.source] = Some(t);
                }
            }
        }
    }
    for r in refs.iter_mut() {
        let Some(t) = r.target else { continue };
        if t == r.source {
            continue;
        }
        let mut seen = vec![r.source, t];
        let mut cur = t;
        let mut cycle = false;
        while let Some(nx) = forward[cur] {
            if seen.contains(&nx) {
                cycle = true;
                seen.push(nx);
                break;
            }
            seen.push(nx);
            r.chain.push(nx);
            cur = nx;
            if r.chain.len() > 32 {
                break;
            }
        }
        if cycle {
            if r.problem.is_none() {
                r.problem = Some(Problem::Cycle(seen[1..].to_vec()));
            }
            continue;
        }
        let dest = r.chain.last().copied().unwrap_or(t);
        let empty = report
            .questions
            .get(dest)
            .is_none_or(|q| q.answer.as_ref().is_none_or(|a| a.body().is_empty()));
        if empty && r.problem.is_none() {
            r.problem = Some(Problem::EmptyTarget(dest));
        }
    }
}
