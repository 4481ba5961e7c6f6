//! From one analysed version of a document to the next: the edited byte range (found by
//! comparing the two ropes, which share every chunk the edits did not touch) and which parts of
//! the new report are those of the old one, so that the cross-references (`xref::cache`) and the
//! rules reuse what they computed for the parts that did not change.
//!
//! Nothing here trusts the edit to describe the report: a question counts as unchanged only when
//! its own ranges map onto the old ones (the bytes between are then the same). Items that the
//! lexer reads from one line alone (paper references, fractie mentions, note markers) are taken
//! as unchanged outside the edited lines, which is what `syntax` guarantees (it relexes only
//! those lines and builds the rest from the cached ones); in debug builds every reuse is checked
//! against a computation afresh.

use std::ops::Range;
use std::sync::Arc;

use ropey::Rope;

use super::diagnostics::Diagnostic;
use super::notes::{NoteIndex, Placed};
use super::xref::cache::{Live, Prev};
use super::xref::{self, Xrefs};
use super::{fracties, limits, notes, papers, placeholders, qa, Config, Source};
use crate::syntax::{Question, Report};
use crate::text::Edit;

/// What changed between two texts.
#[derive(Clone, Debug)]
pub(crate) struct Change {
    /// `start..old_end` of the old text became `start..new_end` of the new; None: the same text.
    pub edit: Option<Edit>,
    /// The lines around the edit (two more on either side): `lo..hi_old` in the old text,
    /// `lo..hi_new` in the new. Outside them every line is the same.
    pub lo: usize,
    pub hi_old: usize,
    pub hi_new: usize,
}

impl Change {
    /// Compares two ropes: one chunk at a time, by address first (a rope and its edited clone
    /// share the chunks the edit did not touch), so an edit costs about a pointer comparison
    /// per chunk of the text (~10 000 on 10 MB) and the bytes of the chunks around it.
    /// Whether the lines this change touches are most of a large text (one paragraph of
    /// 10 MB): patching would read them twice, old and new (65 ms where a fresh analysis takes
    /// 37), so the engine starts afresh. Small texts are always patched: it is cheap there, and
    /// it keeps the patching path the one the property tests (which edit short texts) exercise.
    fn is_most_of_large(&self, text: &Rope) -> bool {
        const LARGE: usize = 1 << 20;
        text.len_bytes() >= LARGE
            && self.edit.is_some()
            && (self.hi_new - self.lo) * 2 > text.len_bytes()
    }

    pub fn between(old: &Rope, new: &Rope) -> Change {
        let (ol, nl) = (old.len_bytes(), new.len_bytes());
        let prefix = common_prefix(old, new);
        if prefix == ol && prefix == nl {
            return Change {
                edit: None,
                lo: nl,
                hi_old: ol,
                hi_new: nl,
            };
        }
        let suffix = common_suffix(old, new, ol.min(nl) - prefix);
        let edit = Edit {
            start: prefix,
            old_end: ol - suffix,
            new_end: nl - suffix,
        };
        let line = |b: usize| new.try_byte_to_line(b).unwrap_or(new.len_lines());
        let lo = new
            .try_line_to_byte(line(edit.start).saturating_sub(2))
            .unwrap_or(0)
            .min(edit.start);
        let hi_new = new
            .try_line_to_byte(line(edit.new_end) + 3)
            .unwrap_or(nl)
            .max(edit.new_end);
        Change {
            edit: Some(edit),
            lo,
            hi_old: hi_new - edit.new_end + edit.old_end,
            hi_new,
        }
    }

    /// Where a range of the old text is in the new one, if its bytes are unchanged.
    pub fn range(&self, r: &Range<usize>) -> Option<Range<usize>> {
        let Some(e) = self.edit else {
            return Some(r.clone());
        };
        if r.end <= e.start {
            Some(r.clone())
        } else if r.start >= e.old_end {
            Some(r.start - e.old_end + e.new_end..r.end.max(r.start) - e.old_end + e.new_end)
        } else {
            None
        }
    }

    /// Is `new` the range `old` with the same bytes?
    pub fn same(&self, old: &Range<usize>, new: &Range<usize>) -> bool {
        self.range(old).as_ref() == Some(new)
    }

    fn same_opt(&self, old: &Option<Range<usize>>, new: &Option<Range<usize>>) -> bool {
        match (old, new) {
            (None, None) => true,
            (Some(a), Some(b)) => self.same(a, b),
            _ => false,
        }
    }

    /// Moves a diagnostic made for the old text; None when one of its places changed.
    pub fn diagnostic(&self, mut d: Diagnostic) -> Option<Diagnostic> {
        d.range = self.range(&d.range)?;
        for r in &mut d.related {
            r.range = self.range(&r.range)?;
        }
        Some(d)
    }

    /// Items the lexer reads from one line each, sorted by `start`: `(a, b_old, b_new)` such
    /// that `new[..a]` are `old[..a]` and `new[b_new..]` are `old[b_old..]` moved by the edit,
    /// or None when the counts disagree (then nothing is reused).
    pub fn around<T>(
        &self,
        old: &[T],
        new: &[T],
        start: impl Fn(&T) -> usize,
    ) -> Option<(usize, usize, usize)> {
        if self.edit.is_none() {
            return (old.len() == new.len()).then_some((new.len(), old.len(), new.len()));
        }
        let a = new.partition_point(|x| start(x) < self.lo);
        let a_old = old.partition_point(|x| start(x) < self.lo);
        let b_new = new.partition_point(|x| start(x) < self.hi_new);
        let b_old = old.partition_point(|x| start(x) < self.hi_old);
        (a == a_old && new.len() - b_new == old.len() - b_old && a <= b_new && a <= b_old)
            .then_some((a, b_old, b_new))
    }
}

/// Bytes compared a block at a time; the index of the first difference (or the length).
fn mismatch(a: &[u8], b: &[u8]) -> usize {
    let k = a.len().min(b.len());
    let mut i = 0;
    while i + 64 <= k && a[i..i + 64] == b[i..i + 64] {
        i += 64;
    }
    while i < k && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_prefix(a: &Rope, b: &Rope) -> usize {
    let (mut ca, mut cb) = (a.chunks(), b.chunks());
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    // Whether `x`/`y` are whole chunks (the same address then means the same bytes).
    let (mut wx, mut wy) = (false, false);
    let mut n = 0;
    loop {
        if x.is_empty() {
            match ca.next() {
                Some(c) => (x, wx) = (c.as_bytes(), true),
                None => return n,
            }
            continue;
        }
        if y.is_empty() {
            match cb.next() {
                Some(c) => (y, wy) = (c.as_bytes(), true),
                None => return n,
            }
            continue;
        }
        if wx && wy && x.as_ptr() == y.as_ptr() && x.len() == y.len() {
            n += x.len();
            (x, y) = (&[], &[]);
            continue;
        }
        let k = x.len().min(y.len());
        let m = mismatch(&x[..k], &y[..k]);
        n += m;
        if m < k {
            return n;
        }
        (x, y) = (&x[k..], &y[k..]);
        (wx, wy) = (false, false);
    }
}

/// The common suffix, at most `max` bytes.
fn common_suffix(a: &Rope, b: &Rope, max: usize) -> usize {
    let mut ca = a.chunks_at_byte(a.len_bytes()).0.reversed();
    let mut cb = b.chunks_at_byte(b.len_bytes()).0.reversed();
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    let (mut wx, mut wy) = (false, false);
    let mut n = 0;
    while n < max {
        if x.is_empty() {
            match ca.next() {
                Some(c) => (x, wx) = (c.as_bytes(), true),
                None => break,
            }
            continue;
        }
        if y.is_empty() {
            match cb.next() {
                Some(c) => (y, wy) = (c.as_bytes(), true),
                None => break,
            }
            continue;
        }
        if wx && wy && x.as_ptr() == y.as_ptr() && x.len() == y.len() {
            n += x.len();
            (x, y) = (&[], &[]);
            continue;
        }
        let k = x.len().min(y.len());
        let (xs, ys) = (&x[x.len() - k..], &y[y.len() - k..]);
        let m = xs
            .iter()
            .rev()
            .zip(ys.iter().rev())
            .take_while(|(p, q)| p == q)
            .count();
        n += m;
        if m < k {
            break;
        }
        (x, y) = (&x[..x.len() - k], &y[..y.len() - k]);
        (wx, wy) = (false, false);
    }
    n.min(max)
}

/// The question's text is the same bytes.
pub(crate) const TEXT: u8 = 1;
/// Its answer is the same bytes (or both have none, or an empty one).
pub(crate) const BODY: u8 = 2;
/// The same fractie, topic, section, numbers and answer presence.
pub(crate) const SHAPE: u8 = 4;
/// Everything the question and answer rules read (ranges of text, markers and answer, numbers).
pub(crate) const QA: u8 = 8;
pub(crate) const ALL: u8 = TEXT | BODY | SHAPE | QA;

/// No old question.
pub(crate) const NONE: u32 = u32::MAX;

/// Which question of the old report each question of the new one is, and what is the same.
#[derive(Debug)]
pub(crate) struct QuestionMap {
    /// Per new question: the old one at its place ([`NONE`] if none), ascending.
    pub old_of: Vec<u32>,
    pub flags: Vec<u8>,
    /// As many questions as before, each at its own index.
    pub identity: bool,
    /// With `identity`: the questions whose flags are not [`ALL`].
    pub changed: Vec<u32>,
    /// Per topic, when there are as many as before: its heading is the same bytes.
    pub topics: Option<Vec<bool>>,
    /// Everything resolution reads of the report apart from the texts (of questions, answers and
    /// topic headings) is the same: questions' shapes, fracties, sections, topics.
    pub shape_same: bool,
}

/// Short lists compared without a call to `memcmp` (which showed in profiles: three per
/// question, almost all empty).
fn same_numbers(a: &[u32], b: &[u32]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn question_flags(ch: &Change, o: &Question, q: &Question) -> u8 {
    let mut f = 0;
    let text = ch.same(&o.text(), &q.text());
    if text {
        f |= TEXT;
    }
    let ob = o.answer.as_ref().filter(|a| !a.body().is_empty());
    let nb = q.answer.as_ref().filter(|a| !a.body().is_empty());
    let body = match (ob, nb) {
        (None, None) => true,
        (Some(x), Some(y)) => ch.same(&x.body(), &y.body()),
        _ => false,
    };
    if body {
        f |= BODY;
    }
    if o.fractie() == q.fractie()
        && o.topic() == q.topic()
        && o.section() == q.section()
        && ob.is_some() == nb.is_some()
        && same_numbers(&o.numbers, &q.numbers)
    {
        f |= SHAPE;
    }
    let qa = text
        && ch.same_opt(&o.marker(), &q.marker())
        && same_numbers(&o.numbers, &q.numbers)
        && match (&o.answer, &q.answer) {
            (None, None) => true,
            (Some(x), Some(y)) => {
                ch.same(&x.body(), &y.body())
                    && ch.same_opt(&x.marker(), &y.marker())
                    && same_numbers(&x.numbers, &y.numbers)
            }
            _ => false,
        };
    if qa {
        f |= QA;
    }
    f
}

impl QuestionMap {
    pub fn new(ch: &Change, old: &Report, new: &Report) -> QuestionMap {
        let (m, n) = (old.questions.len(), new.questions.len());
        let mut old_of = vec![NONE; n];
        if n == m {
            for (i, o) in old_of.iter_mut().enumerate() {
                *o = i as u32;
            }
        } else if let Some(e) = ch.edit {
            // Those before the edit by index, those after it by distance from the end.
            let before =
                |r: &Report, at: usize| r.questions.partition_point(|q| q.text().start < at);
            let p = before(new, e.start).min(before(old, e.start));
            let s = (n - before(new, e.new_end).min(n))
                .min(m - before(old, e.old_end).min(m))
                .min(n.min(m) - p);
            for (i, o) in old_of.iter_mut().enumerate().take(p) {
                *o = i as u32;
            }
            for j in 0..s {
                old_of[n - s + j] = (m - s + j) as u32;
            }
        }
        let flags: Vec<u8> = old_of
            .iter()
            .zip(&new.questions)
            .map(|(&j, q)| match old.questions.get(j as usize) {
                Some(o) => question_flags(ch, o, q),
                None => 0,
            })
            .collect();
        let identity = n == m;
        let changed: Vec<u32> = if identity {
            (0..n as u32)
                .filter(|&i| flags[i as usize] != ALL)
                .collect()
        } else {
            Vec::new()
        };
        let topics = (old.topics.len() == new.topics.len()).then(|| {
            old.topics
                .iter()
                .zip(&new.topics)
                .map(|(o, t)| ch.same(&o.heading, &t.heading))
                .collect::<Vec<bool>>()
        });
        let shape_same = identity
            && changed.iter().all(|&i| flags[i as usize] & SHAPE != 0)
            && old.fracties.len() == new.fracties.len()
            && old
                .fracties
                .iter()
                .zip(&new.fracties)
                .all(|(a, b)| a.names == b.names)
            && old.sections.len() == new.sections.len()
            && old
                .sections
                .iter()
                .zip(&new.sections)
                .all(|(a, b)| a.is_response == b.is_response)
            // A heading's words may change (the references that compared it are found by
            // what they read); not where topics stand.
            && topics.is_some()
            && old
                .topics
                .iter()
                .zip(&new.topics)
                .all(|(a, b)| a.fractie == b.fractie && a.section == b.section);
        QuestionMap {
            old_of,
            flags,
            identity,
            changed,
            topics,
            shape_same,
        }
    }

    /// The old question at new question `i`'s place, when `flag` holds for it.
    pub fn old(&self, i: usize, flag: u8) -> Option<usize> {
        let j = *self.old_of.get(i)?;
        (j != NONE && self.flags.get(i).is_some_and(|f| f & flag == flag)).then_some(j as usize)
    }
}

/// Diagnostics per item (paper, mention, question), kept so that unchanged items take theirs
/// from the version before.
#[derive(Debug, Default)]
pub(crate) struct PerItem {
    diags: Vec<Diagnostic>,
    /// Per item: where its diagnostics start (one more entry: the end).
    first: Vec<u32>,
}

impl PerItem {
    /// For `n` items: those with an old item (`old_of`, ascending) take its diagnostics moved
    /// by the change; the others are computed.
    pub fn update(
        &mut self,
        n: usize,
        old_of: impl Fn(usize) -> Option<usize>,
        ch: &Change,
        mut compute: impl FnMut(usize, &mut Vec<Diagnostic>),
    ) {
        let old_first = std::mem::take(&mut self.first);
        let mut old = std::mem::take(&mut self.diags).into_iter();
        // Index in the old list of the next diagnostic `old` yields.
        let mut at = 0usize;
        let mut diags = Vec::with_capacity(old.len());
        let mut first = Vec::with_capacity(n + 1);
        for i in 0..n {
            first.push(diags.len() as u32);
            let span = old_of(i).and_then(|j| {
                let a = *old_first.get(j)? as usize;
                let b = *old_first.get(j + 1)? as usize;
                (a >= at && a <= b).then_some((a, b))
            });
            if let Some((a, b)) = span {
                if a > at {
                    old.nth(a - at - 1);
                }
                at = b;
                let mark = diags.len();
                let mut ok = true;
                for d in old.by_ref().take(b - a) {
                    match ch.diagnostic(d) {
                        Some(d) if ok => diags.push(d),
                        _ => ok = false,
                    }
                }
                if ok {
                    continue;
                }
                diags.truncate(mark);
            }
            compute(i, &mut diags);
        }
        first.push(diags.len() as u32);
        self.diags = diags;
        self.first = first;
    }

    /// Computes everything afresh.
    pub fn fresh(n: usize, mut compute: impl FnMut(usize, &mut Vec<Diagnostic>)) -> PerItem {
        let mut p = PerItem::default();
        p.first.reserve_exact(n + 1);
        for i in 0..n {
            p.first.push(p.diags.len() as u32);
            compute(i, &mut p.diags);
        }
        p.first.push(p.diags.len() as u32);
        p
    }

    pub fn diags(&self) -> &[Diagnostic] {
        &self.diags
    }

    pub fn len(&self) -> usize {
        self.first.len().saturating_sub(1)
    }
}

/// Do the two reports have the same notes (kinds and ids, in order)? Then they have the same
/// [`NoteIndex`]. Outside the edited lines they do (each note marker is lexed from its line);
/// inside, they are compared.
fn notes_same(ch: &Change, old: &Report, new: &Report) -> bool {
    let refs = ch
        .around(&old.note_refs, &new.note_refs, |r| r.range.start)
        .is_some_and(|(a, bo, bn)| {
            bo == bn
                && old.note_refs[a..bo]
                    .iter()
                    .zip(&new.note_refs[a..bn])
                    .all(|(x, y)| x.kind == y.kind && x.id == y.id)
        });
    refs && ch
        .around(&old.note_bodies, &new.note_bodies, |b| b.range.start)
        .is_some_and(|(a, bo, bn)| {
            bo == bn
                && old.note_bodies[a..bo]
                    .iter()
                    .zip(&new.note_bodies[a..bn])
                    .all(|(x, y)| x.kind == y.kind && x.id == y.id)
        })
}

/// The rules' results kept for the next version: per question, per paper reference, per
/// fractie mention, and those of numbering and notes with the items they stand at.
#[derive(Debug)]
pub(crate) struct Rules {
    expected: bool,
    qa: PerItem,
    numbering: Vec<(Diagnostic, usize, Option<usize>)>,
    notes: Vec<Placed>,
    papers: PerItem,
    mentions: PerItem,
    /// GRF502: per speaking mention (ascending), the fractie section it stood in and its
    /// diagnostic (boxed: most have none).
    speaking: Vec<(u32, u32, Option<Box<Diagnostic>>)>,
}

impl Rules {
    pub fn fresh(report: &Report, notes: &NoteIndex, src: &dyn Source, cfg: &Config) -> Rules {
        let lang = cfg.lang;
        let expected = qa::answers_expected(report);
        let mut memo = fracties::Memo::default();
        Rules {
            expected,
            qa: PerItem::fresh(report.questions.len(), |i, out| {
                qa::question(&report.questions[i], expected, lang, out)
            }),
            numbering: qa::numbering(report, lang),
            notes: notes::placed(report, notes, lang),
            papers: PerItem::fresh(report.papers.len(), |i, out| {
                papers::check_one(&report.papers[i], src, lang, out)
            }),
            mentions: PerItem::fresh(report.fractie_mentions.len(), |i, out| {
                fracties::mention(report, cfg, &report.fractie_mentions[i], &mut memo, out)
            }),
            speaking: fracties::speakers(report)
                .into_iter()
                .map(|(m, f)| {
                    let d = fracties::speaks_for_other(report, m, f, lang);
                    (m as u32, f as u32, d.map(Box::new))
                })
                .collect(),
        }
    }

    /// From the results for `old` to those for `report` (same configuration).
    #[allow(clippy::too_many_arguments)]
    fn next(
        &mut self,
        old: &Report,
        report: &Report,
        notes: &NoteIndex,
        notes_same: bool,
        src: &dyn Source,
        cfg: &Config,
        ch: &Change,
        map: &QuestionMap,
    ) {
        let lang = cfg.lang;
        let expected = qa::answers_expected(report);
        let n = report.questions.len();
        let question = |i: usize, out: &mut Vec<Diagnostic>| {
            qa::question(&report.questions[i], expected, lang, out)
        };
        if expected == self.expected && self.qa.len() == old.questions.len() {
            self.qa.update(n, |i| map.old(i, QA), ch, question);
        } else {
            self.qa = PerItem::fresh(n, question);
        }
        self.expected = expected;
        if map.shape_same {
            // The same numbers in the same sections: the same diagnostics, at the questions'
            // places now.
            for (d, q, rel) in &mut self.numbering {
                if let Some(x) = report.questions.get(*q) {
                    d.range = qa::at(x);
                }
                if let (Some(r), Some(x)) = (
                    d.related.first_mut(),
                    rel.and_then(|p| report.questions.get(p)),
                ) {
                    r.range = qa::at(x);
                }
            }
        } else {
            self.numbering = qa::numbering(report, lang);
        }
        if notes_same {
            for (d, at, rel) in &mut self.notes {
                if let Some(r) = at.range(report) {
                    d.range = r;
                }
                if let (Some(r), Some(x)) =
                    (d.related.first_mut(), rel.and_then(|p| p.range(report)))
                {
                    r.range = x;
                }
            }
        } else {
            self.notes = notes::placed(report, notes, lang);
        }
        let paper = |i: usize, out: &mut Vec<Diagnostic>| {
            papers::check_one(&report.papers[i], src, lang, out)
        };
        match ch.around(&old.papers, &report.papers, |p| p.range.start) {
            Some((a, bo, bn)) if self.papers.len() == old.papers.len() => self.papers.update(
                report.papers.len(),
                |i| old_index(i, (a, bo, bn)),
                ch,
                paper,
            ),
            _ => self.papers = PerItem::fresh(report.papers.len(), paper),
        }
        // A mention's diagnostic also asks whether it stands in a fractie heading.
        let headings_same = old.fracties.len() == report.fracties.len()
            && old
                .fracties
                .iter()
                .zip(&report.fracties)
                .all(|(a, b)| ch.same(&a.name, &b.name));
        let aligned = ch.around(&old.fractie_mentions, &report.fractie_mentions, |m| {
            m.range.start.min(m.name.start)
        });
        // GRF502: a mention outside the edited lines standing in the same section as before
        // (with the same names and heading) keeps its result.
        let sections_same = headings_same
            && old
                .fracties
                .iter()
                .zip(&report.fracties)
                .all(|(a, b)| a.names == b.names && ch.same(&a.heading, &b.heading));
        let mut speaking = Vec::new();
        let mut old_speaking = std::mem::take(&mut self.speaking).into_iter().peekable();
        for (m, f) in fracties::speakers(report) {
            let was = match aligned {
                Some((a, bo, bn)) if sections_same && (m < a || m >= bn) => {
                    let j = if m < a { m } else { m - bn + bo };
                    while old_speaking.peek().is_some_and(|x| (x.0 as usize) < j) {
                        old_speaking.next();
                    }
                    // Some(result) to keep; None to judge again (also when it cannot move).
                    old_speaking
                        .next_if(|x| x.0 as usize == j && x.1 as usize == f)
                        .and_then(|x| match x.2 {
                            None => Some(None),
                            Some(d) => ch.diagnostic(*d).map(Some),
                        })
                }
                _ => None,
            };
            let d = match was {
                Some(kept) => kept,
                None => fracties::speaks_for_other(report, m, f, lang),
            };
            speaking.push((m as u32, f as u32, d.map(Box::new)));
        }
        self.speaking = speaking;
        let mut memo = fracties::Memo::default();
        let mention = |i: usize, out: &mut Vec<Diagnostic>| {
            fracties::mention(report, cfg, &report.fractie_mentions[i], &mut memo, out)
        };
        match aligned {
            Some((a, bo, bn))
                if headings_same && self.mentions.len() == old.fractie_mentions.len() =>
            {
                self.mentions.update(
                    report.fractie_mentions.len(),
                    |i| old_index(i, (a, bo, bn)),
                    ch,
                    mention,
                )
            }
            _ => self.mentions = PerItem::fresh(report.fractie_mentions.len(), mention),
        }
    }

    /// Every diagnostic, in the order [`super::diagnose_with`] has always produced them, with
    /// the configured severities, sorted.
    pub fn assemble(
        &self,
        report: &Report,
        xrefs: &Xrefs,
        src: &dyn Source,
        cfg: &Config,
    ) -> Vec<Diagnostic> {
        let lang = cfg.lang;
        // The rules computed here first, so that the result is allocated once at its size (it
        // is held as long as the analysis is).
        let (mut xr, mut strays, mut places, mut limits) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        xref::check(report, xrefs, src, lang, &mut xr);
        qa::strays(report, lang, &mut strays);
        placeholders::check(report, src, lang, &mut places);
        limits::check(report, lang, &mut limits);
        let speaking = self.speaking.iter().filter_map(|x| x.2.as_deref());
        let mut out = Vec::with_capacity(
            xr.len()
                + self.qa.diags().len()
                + strays.len()
                + self.numbering.len()
                + self.notes.len()
                + self.papers.diags().len()
                + places.len()
                + self.mentions.diags().len()
                + speaking.clone().count()
                + limits.len(),
        );
        out.append(&mut xr);
        out.extend_from_slice(self.qa.diags());
        out.append(&mut strays);
        out.extend(self.numbering.iter().map(|x| x.0.clone()));
        out.extend(self.notes.iter().map(|x| x.0.clone()));
        out.extend_from_slice(self.papers.diags());
        out.append(&mut places);
        out.extend_from_slice(self.mentions.diags());
        out.extend(speaking.cloned());
        out.append(&mut limits);
        if !cfg.severities.is_empty() {
            out.retain_mut(|d| match cfg.severities.get(d.code) {
                Some(Some(s)) => {
                    d.severity = *s;
                    true
                }
                Some(None) => false,
                None => true,
            });
        }
        // Mostly in order already (each rule's in text order): the sort merges a few runs.
        out.sort_by(|a, b| {
            (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
        });
        out
    }
}

/// One document's analyses over its versions: the version last analysed and all that was
/// computed for it, changed in place for the next.
pub(crate) struct Engine {
    text: Rope,
    report: Arc<Report>,
    cfg: Config,
    /// Shared with the outputs: the same index, held once (0.5 MB on a 10 MB report).
    notes: Arc<NoteIndex>,
    live: Live,
    rules: Rules,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Engine({:?})", self.live)
    }
}

/// What one version's analysis yields.
pub(crate) struct Outputs {
    pub notes: Arc<NoteIndex>,
    pub xrefs: Xrefs,
    pub diagnostics: Vec<Diagnostic>,
}

impl Engine {
    pub fn fresh(text: &Rope, report: &Arc<Report>, cfg: &Config) -> (Engine, Outputs) {
        let notes = Arc::new(NoteIndex::new(report));
        let (live, xrefs) = Live::fresh(report, text);
        let rules = Rules::fresh(report, &notes, text, cfg);
        let diagnostics = rules.assemble(report, &xrefs, text, cfg);
        (
            Engine {
                text: text.clone(),
                report: report.clone(),
                cfg: cfg.clone(),
                notes: notes.clone(),
                live,
                rules,
            },
            Outputs {
                notes,
                xrefs,
                diagnostics,
            },
        )
    }

    /// Too much left over from old versions: better start afresh.
    pub fn worn(&self) -> bool {
        self.live.too_large()
    }

    /// The analysis of `text`/`report`, from the version this engine is at.
    pub fn next(&mut self, text: &Rope, report: &Arc<Report>, cfg: &Config) -> Outputs {
        let ch = Change::between(&self.text, text);
        if ch.is_most_of_large(text) {
            let (engine, out) = Engine::fresh(text, report, cfg);
            *self = engine;
            return out;
        }
        let map = QuestionMap::new(&ch, &self.report, report);
        let same_notes = notes_same(&ch, &self.report, report);
        let notes = if same_notes {
            self.notes.clone()
        } else {
            Arc::new(NoteIndex::new(report))
        };
        let xrefs = self.live.update(
            report,
            text,
            Some(Prev {
                report: &self.report,
                text: &self.text,
                change: &ch,
                map: &map,
            }),
        );
        if *cfg == self.cfg {
            self.rules.next(
                &self.report,
                report,
                &notes,
                same_notes,
                text,
                cfg,
                &ch,
                &map,
            );
        } else {
            self.cfg = cfg.clone();
            self.rules = Rules::fresh(report, &notes, text, cfg);
        }
        let diagnostics = self.rules.assemble(report, &xrefs, text, cfg);
        #[cfg(debug_assertions)]
        if text.len_bytes() <= 1 << 21 {
            // Every reuse above is checked against the rules run afresh.
            let fresh_notes = NoteIndex::new(report);
            assert_eq!(*notes, fresh_notes);
            let fresh =
                Rules::fresh(report, &fresh_notes, text, cfg).assemble(report, &xrefs, text, cfg);
            assert_eq!(diagnostics, fresh);
        }
        self.text = text.clone();
        self.report = report.clone();
        self.notes = notes.clone();
        Outputs {
            notes,
            xrefs,
            diagnostics,
        }
    }
}

/// The old index of new item `i`, given what [`Change::around`] found: the same before the
/// edited lines, moved after them, none inside.
fn old_index(i: usize, (a, b_old, b_new): (usize, usize, usize)) -> Option<usize> {
    if i < a {
        Some(i)
    } else {
        (i >= b_new).then(|| i - b_new + b_old)
    }
}
