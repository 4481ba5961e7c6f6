//! Cross-references between answers (FORMAT.md §6): `Zie antwoord op de vorige vraag`,
//! `het antwoord op de eerder vraag van uw fractie over het ontwerpbesluit`, `Zie het antwoord
//! op vraag 2`.
//!
//! - [`phrase`] recognises the phrases in answers (and questions) and takes them apart;
//! - [`index`] indexes questions, answers and topic headings by Dutch stem, number and fractie;
//! - [`resolve`] picks the question each phrase points at, with a confidence and the reasons,
//!   follows answers that are themselves references and catches cycles;
//! - [`similarity`] finds answers that repeat an earlier answer word for word;
//! - [`check`] turns what is wrong into diagnostics GRF601–GRF607.
//!
//! Everything is computed once per analysis ([`Xrefs::new`], or patched from the version before
//! by [`cache::Live`]); editor features read the result.

pub mod cache;
pub mod index;
pub mod phrase;
pub mod resolve;
pub mod similarity;
pub mod words;

mod check;

use std::ops::Range;

pub use check::{check, describe};
pub use phrase::{FractieRef, Ordinal, Parts, Position, Similarity};
pub use similarity::Repeat;

use crate::analysis::Source;
use crate::syntax::Report;

/// A question the resolver considered, with its score (0–1, higher is better).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    pub question: usize,
    pub score: f32,
}

/// Why the resolver chose its target.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    /// The question carries this number.
    Number(u32),
    /// The document numbers nothing: `vraag N` taken as the N-th question.
    NumberAsOrdinal(u32),
    Previous,
    Next,
    /// The N-th (or last) question of the scope.
    Ordinal(Ordinal),
    /// Under this topic heading (index into `Report::topics`).
    Topic(usize),
    /// Asked by the named fractie.
    Fractie(String),
    /// Asked by the referring answer's own fractie (`uw fractie`).
    OwnFractie,
    /// The subject matches this well (0–1).
    Subject(f32),
    /// The question texts are this alike (0–1).
    Similar(f32),
    /// Before the referring answer (`eerder`, `hierboven`).
    Earlier,
    /// After it (`hieronder`).
    Later,
    /// Only a direction was given: the closest match in the surrounding text was taken.
    Vague,
    /// The named fractie asked nothing like it; this question of another fractie is close.
    OtherFractie(String),
}

/// What is wrong with a reference (each gives a diagnostic).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Nothing fits; the text says why.
    Unresolved(Unresolved),
    /// Two candidates score almost the same.
    Ambiguous(Candidate, Candidate),
    /// The phrase names `named`, whose best question scores `named_best`; a question of
    /// another fractie (`other`) scores much higher.
    OtherFractie {
        named: String,
        named_best: Option<Candidate>,
        other: Candidate,
        other_fractie: Option<String>,
    },
    /// The target is the answer's own question.
    SelfReference,
    /// The target (at the end of the chain) has no answer or an empty one.
    EmptyTarget(usize),
    /// Following the chain comes back to a question already visited.
    Cycle(Vec<usize>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Unresolved {
    /// `vraag N`: no question carries that number.
    NoNumber(Vec<u32>),
    /// No fractie section of that name in the document.
    NoFractie(String),
    /// `de vorige vraag` of the first question, `de volgende` of the last.
    NoNeighbour,
    /// Nothing about the subject, or nothing similar enough.
    NoMatch,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CrossRef {
    /// The phrase, from its frame to the end of its noun phrase (byte range).
    pub range: Range<usize>,
    /// The question whose answer (or text) holds the phrase.
    pub source: usize,
    /// The phrase is in the question's text, not its answer.
    pub in_question: bool,
    /// The phrase is (nearly) the whole answer: the answer defers to the target.
    pub whole: bool,
    pub parts: Parts,
    /// The question (index into `Report::questions`) it points at.
    pub target: Option<usize>,
    /// Further targets of a plural reference (`vragen 2 en 3`).
    pub also: Vec<usize>,
    /// The best candidates considered, best first (at most five).
    pub candidates: Vec<Candidate>,
    /// 0–1: 0.9 and up for a number or `vorige`; below 0.4 for a guess.
    pub confidence: f32,
    pub reasons: Vec<Reason>,
    /// Questions followed after the target, when its answer is itself a reference.
    pub chain: Vec<usize>,
    pub problem: Option<Problem>,
}

impl CrossRef {
    /// Where the answer is really found: the end of the chain, or the target.
    pub fn destination(&self) -> Option<usize> {
        if matches!(self.problem, Some(Problem::Cycle(_))) {
            return None;
        }
        self.chain.last().copied().or(self.target)
    }

    /// Every question this reference points at (target first, then the plural's others).
    pub fn targets(&self) -> impl Iterator<Item = usize> + '_ {
        self.target.into_iter().chain(self.also.iter().copied())
    }
}

/// Every cross-reference of a document and the answers that repeat an earlier one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Xrefs {
    /// In document order.
    pub refs: Vec<CrossRef>,
    /// (target question, index into `refs`), sorted: who points at a question.
    incoming: Vec<(usize, usize)>,
    pub repeats: Vec<Repeat>,
}

impl Xrefs {
    pub fn new(report: &Report, src: &dyn Source) -> Xrefs {
        cache::Live::once(report, src)
    }

    fn from_parts(refs: Vec<CrossRef>, repeats: Vec<Repeat>) -> Xrefs {
        let mut incoming: Vec<(usize, usize)> = refs
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.targets().map(move |t| (t, i)))
            .collect();
        incoming.sort_unstable();
        incoming.dedup();
        Xrefs {
            refs,
            incoming,
            repeats,
        }
    }

    /// The references that point at question `q` (directly), in document order.
    pub fn incoming(&self, q: usize) -> impl Iterator<Item = &CrossRef> + '_ {
        let start = self.incoming.partition_point(|x| x.0 < q);
        self.incoming[start..]
            .iter()
            .take_while(move |x| x.0 == q)
            .filter_map(|x| self.refs.get(x.1))
    }

    /// The reference whose phrase covers `offset`.
    pub fn at(&self, offset: usize) -> Option<&CrossRef> {
        let i = self.refs.partition_point(|r| r.range.start <= offset);
        let r = self.refs.get(i.checked_sub(1)?)?;
        (offset <= r.range.end).then_some(r)
    }
}
