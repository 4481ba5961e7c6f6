//! Rebuilding the report after an edit from the builder's checkpoints.
//!
//! [`rebuild`] resumes the walk from the last checkpoint before the edited lines and stops at the
//! first old checkpoint after them where the walk is where it was before the edit, up to a
//! [`Remap`]; the rest of the old report is then renamed and spliced in ([`Splice`]).
//!
//! What makes that sound: the walk at line `i` reads only its `Walk`, lines `i..` (it looks
//! ahead to the next non-blank line) and the lengths of the report's vectors; it writes new items
//! and the ends of the containers open in its `Walk`. Byte offsets are only copied, compared
//! and taken the maximum of, so any order-preserving renaming of them commutes with the walk. The
//! header's fields are written and read only in `State::Header`, in which no checkpoint is taken;
//! the pairing of a response section is a pass over the whole report, so a report with a
//! response section is always built afresh.

use std::ops::Range;

use super::super::lexer::{LineKind, Lines};
use super::super::model::*;
use super::{container, is_answer_marker, Builder, Checkpoint, Container, Lens, State, Walk};

/// What an edit changed, for [`rebuild`]: lines `first..old_tail` of the old text are lines
/// `first..new_tail` of the new one, and bytes `lo..hi` became `lo..new_end`. Lines before
/// `first` are the same; the lines from `old_tail` on are the same, moved.
#[derive(Clone, Copy, Debug)]
pub(in crate::syntax) struct Change {
    pub first: usize,
    pub old_tail: usize,
    pub new_tail: usize,
    pub lo: usize,
    pub hi: usize,
    pub new_end: usize,
}

/// Brings `checkpoints` (of `prev`, the build of the text before `change`) up to date with
/// `lines` and `starts` (after it), walking only from the checkpoint before the change to the
/// first one after it that the change did not affect. Returns the number of lines walked and
/// the [`Splice`] that turns `prev` into the new report. `None` when it cannot, and then
/// nothing was changed: the caller builds afresh. `any_answer_marker` must be the same before
/// and after; new checkpoints are about `every` lines apart.
pub(in crate::syntax) fn rebuild(
    lines: &Lines,
    starts: &[u32],
    prev: &Report,
    checkpoints: &mut Vec<Checkpoint>,
    change: &Change,
    any_answer_marker: bool,
    every: usize,
) -> Option<(usize, Splice)> {
    if prev.sections.iter().any(|s| s.is_response) {
        return None;
    }
    if change.first > change.old_tail
        || change.first > change.new_tail
        || change.new_tail > lines.len()
        || lines.len() != starts.len()
    {
        return None;
    }
    // The walk before checkpoint `c` looked ahead to the first non-blank line at or after `c`:
    // resume from one before the last non-blank line before the change.
    let resume_at = match (0..change.first)
        .rev()
        .find(|&i| lines[i].kind != LineKind::Blank)
    {
        Some(l) => checkpoints.partition_point(|c| c.line <= l),
        None => 0,
    };
    let (start, base, walk) = match resume_at.checked_sub(1).map(|k| &checkpoints[k]) {
        Some(c) => (c.line, c.lens, c.walk.clone()),
        None => (0, Lens::default(), Walk::default()),
    };
    let mut b = Builder {
        lines,
        starts,
        report: Report::default(),
        base,
        prev: Some(prev),
        w: walk,
        any_answer_marker,
        closed_before: Vec::new(),
        checkpoints: Vec::new(),
        last_checkpoint: start,
        every,
    };
    // The old checkpoints in the unchanged lines after the change, where the walk may stop.
    let mut next = checkpoints.partition_point(|c| c.line < change.old_tail);
    let mut converged = None;
    let mut end = lines.len();
    for i in start..lines.len() {
        if let Some(c) = checkpoints.get(next) {
            if c.line - change.old_tail + change.new_tail == i {
                if let Some(m) = b.same_as(c, change) {
                    converged = Some((next, m));
                    end = i;
                    break;
                }
                next += 1;
            }
        }
        b.checkpoint(i);
        b.step(i);
    }
    if converged.is_none() {
        b.finish_walk();
    }
    if b.report.sections.iter().any(|s| s.is_response) {
        return None;
    }
    let here = b.lens();
    let Builder {
        report: items,
        w,
        closed_before: mut ends,
        checkpoints: new_checkpoints,
        ..
    } = b;
    // Where the old report's rest starts, and how to move it.
    let (tail, remap) = match converged {
        Some((k, m)) => (checkpoints[k].lens, Some(m)),
        None => (Lens::of(prev), None),
    };
    // The containers still open where the walk stopped end where their old selves ended.
    if let Some(m) = &remap {
        for (c, k) in [
            (Container::Section, w.section),
            (Container::Fractie, w.fractie),
            (Container::Topic, w.topic),
        ] {
            let Some(k) = k else { continue };
            let (range, _) = m
                .index(c, k, true)
                .and_then(|old| container(prev, c, old))?;
            ends.push((c, k, m.pos_or_same(range.end)));
        }
    }
    // Checkpoints: those before the resumed one stay, the walk's own follow, and the old ones
    // from where it stopped on are moved like the report.
    let moved_from = converged.map_or(checkpoints.len(), |(k, _)| k);
    let kept = resume_at + new_checkpoints.len();
    checkpoints.splice(resume_at..moved_from, new_checkpoints);
    if let Some(m) = &remap {
        let mut n = 0;
        checkpoints.retain_mut(|c| {
            n += 1;
            if n <= kept {
                return true;
            }
            c.line = c.line - change.old_tail + change.new_tail;
            c.lens = c.lens.moved(tail, here);
            // Every offset after the change moves, so this holds; a checkpoint lost would
            // only make a later rebuild walk further.
            c.walk.remap(m)
        });
    }
    let splice = Splice {
        items,
        from_start: resume_at == 0,
        base,
        tail,
        remap,
        ends,
    };
    Some((end - start, splice))
}

/// How a rebuild turns the old report into the new one: `items` replace the old items from
/// `base` to `tail`, the old items after them are renamed with `remap`, and container ends are
/// set. Kept so that it can be done again on an older copy of the report (see `Parse`).
#[derive(Clone, Debug)]
pub(in crate::syntax) struct Splice {
    /// The new items, and the header's fields when the walk went through the header again.
    items: Report,
    from_start: bool,
    base: Lens,
    tail: Lens,
    remap: Option<Remap>,
    /// Ends of sections, fracties and topics, by index in the new report.
    ends: Vec<(Container, usize, usize)>,
}

impl Splice {
    /// Turns `r` (the report the splice was computed on, or a copy) into the new report.
    pub(in crate::syntax) fn apply(&self, r: &mut Report) {
        let Splice {
            items,
            from_start,
            base,
            tail,
            remap,
            ends,
        } = self;
        // Names every field, so that a field added to `Report` fails to compile until it is
        // handled here (and in `Lens`).
        let Report {
            kind: _,
            dossier: _,
            header: _,
            intro: _,
            letter_line: _,
            letters: _,
            signatories: _,
            sections: _,
            fracties: _,
            topics: _,
            questions: _,
            stray_answers: _,
            note_refs: _,
            note_bodies: _,
            papers: _,
            placeholders: _,
            fractie_mentions: _,
            markup: _,
            paragraphs: _,
            long_lines: _,
        } = items;
        if *from_start {
            r.kind.clone_from(&items.kind);
            r.dossier.clone_from(&items.dossier);
            r.header.clone_from(&items.header);
            r.intro.clone_from(&items.intro);
            r.letter_line.clone_from(&items.letter_line);
        }
        let m = remap.as_ref();
        macro_rules! splice_each {
            ($($field:ident),*) => {
                $(splice(&mut r.$field, base.$field, &items.$field, tail.$field, m);)*
            };
        }
        splice_each!(
            letters,
            signatories,
            sections,
            fracties,
            topics,
            questions,
            stray_answers,
            note_refs,
            note_bodies,
            papers,
            placeholders,
            fractie_mentions,
            markup,
            paragraphs,
            long_lines
        );
        for (n, q) in r.questions.iter_mut().enumerate().skip(base.questions) {
            q.ordinal = n as u32 + 1;
        }
        for &(c, k, end) in ends {
            let found = match c {
                Container::Section => r.sections.get_mut(k).map(|s| (&mut s.range, s.heading.end)),
                Container::Fractie => r.fracties.get_mut(k).map(|f| (&mut f.range, f.heading.end)),
                Container::Topic => r.topics.get_mut(k).map(|t| (&mut t.range, t.heading.end)),
            };
            if let Some((range, heading_end)) = found {
                range.end = end.max(heading_end);
            }
        }
    }
}

impl Builder<'_> {
    /// Whether the walk is where the old walk was at checkpoint `c` (after the change), up to
    /// a [`Remap`]; that remap, if so.
    fn same_as(&self, c: &Checkpoint, change: &Change) -> Option<Remap> {
        if self.w.state == State::Header || self.w.open_body.is_some() {
            return None;
        }
        let here = self.lens();
        Remap::candidates(change, c.lens, here).find(|m| {
            let mut old = c.walk.clone();
            old.remap(m) && old == self.w
        })
    }
}

/// How an offset or index of the old report reads in the new one. Offsets up to `lo` stay
/// (`lo` itself when `keep_lo`), those from `hi` on (`hi` itself when `move_hi`) move by `delta`;
/// those in between were replaced and have no counterpart. Which of `lo` and `hi` count is
/// chosen so that the map keeps offsets in order and apart: an edit that inserts at `lo == hi`
/// leaves an offset there either where it was (a line's start) or after the insertion (a line's
/// end). Indices of sections, fracties and topics move by how many more the new walk had
/// written than the old one at the same checkpoint (the open ones are the last written).
#[derive(Clone, Copy, Debug)]
struct Remap {
    lo: usize,
    keep_lo: bool,
    hi: usize,
    move_hi: bool,
    delta: isize,
    sections: isize,
    fracties: isize,
    topics: isize,
}

impl Remap {
    /// The maps to try for `change`, where the old walk had written `old` and the new `new`.
    fn candidates(change: &Change, old: Lens, new: Lens) -> impl Iterator<Item = Remap> {
        let Change {
            lo, hi, new_end, ..
        } = *change;
        let d = |n: usize, o: usize| n as isize - o as isize;
        let m = Remap {
            lo,
            keep_lo: true,
            hi,
            move_hi: true,
            delta: d(new_end, hi),
            sections: d(new.sections, old.sections),
            fracties: d(new.fracties, old.fracties),
            topics: d(new.topics, old.topics),
        };
        // Both ends can be kept when they stay apart and in order (or nothing changed).
        let both = (lo < hi && lo < new_end) || (lo == hi && hi == new_end);
        let variants: &[(bool, bool)] = if both {
            &[(true, true)]
        } else {
            &[(true, false), (false, true)]
        };
        variants.iter().map(move |&(keep_lo, move_hi)| Remap {
            keep_lo,
            move_hi,
            ..m
        })
    }

    fn pos(&self, p: usize) -> Option<usize> {
        if p < self.lo || (p == self.lo && self.keep_lo) {
            Some(p)
        } else if p > self.hi || (p == self.hi && self.move_hi) {
            p.checked_add_signed(self.delta)
        } else {
            None
        }
    }

    /// For the old report's items after the walk stopped, which have only offsets that map.
    fn pos_or_same(&self, p: usize) -> usize {
        self.pos(p).unwrap_or(p)
    }

    fn range(&self, r: &mut Range<usize>) -> bool {
        match (self.pos(r.start), self.pos(r.end)) {
            (Some(s), Some(e)) => {
                *r = s..e;
                true
            }
            _ => false,
        }
    }

    fn opt_range(&self, r: &mut Option<Range<usize>>) -> bool {
        r.as_mut().is_none_or(|r| self.range(r))
    }

    /// Old index `k` of a container in the new report, or (`to_old`) the other way round.
    fn index(&self, c: Container, k: usize, to_old: bool) -> Option<usize> {
        let d = match c {
            Container::Section => self.sections,
            Container::Fractie => self.fracties,
            Container::Topic => self.topics,
        };
        k.checked_add_signed(if to_old { -d } else { d })
    }

    fn opt_index(&self, c: Container, k: &mut Option<usize>) -> bool {
        match k.map(|n| self.index(c, n, false)) {
            None => true,
            Some(Some(n)) => {
                *k = Some(n);
                true
            }
            Some(None) => false,
        }
    }

    fn opt_index_or_same(&self, c: Container, k: &mut Option<usize>) {
        if let Some(n) = k {
            *n = self.index(c, *n, false).unwrap_or(*n);
        }
    }

    fn containers(&self, s: &mut Option<usize>, f: &mut Option<usize>, t: &mut Option<usize>) {
        self.opt_index_or_same(Container::Section, s);
        self.opt_index_or_same(Container::Fractie, f);
        self.opt_index_or_same(Container::Topic, t);
    }
}

impl Walk {
    /// Renames the walk's offsets and indices with `m`; false when one has no counterpart (then
    /// the walk is left half renamed) or a note body is open (its end lives in the report).
    fn remap(&mut self, m: &Remap) -> bool {
        let mut ok = self.open_body.is_none();
        if let Some(q) = &mut self.open {
            ok &= m.offset(&mut q.start) & m.offset(&mut q.block_end);
            ok &= m.opt_range(&mut q.marker);
            let lines = &mut q.lines;
            if let Some((first, _)) = &mut lines.first {
                ok &= m.range(first) & m.offset(&mut lines.last_end);
            }
            if let Some((question_end, answer_start)) = &mut lines.split {
                ok &= m.offset(question_end) & m.offset(answer_start);
            }
            if let Some(a) = &mut q.answer {
                ok &= m.opt_range(&mut a.marker) & m.opt_range(&mut a.body);
            }
            ok &= m.opt_index(Container::Section, &mut q.section)
                & m.opt_index(Container::Fractie, &mut q.fractie)
                & m.opt_index(Container::Topic, &mut q.topic);
        }
        if let Some(s) = &mut self.stray {
            ok &= m.range(&mut s.marker) & m.range(&mut s.body);
        }
        ok &= m.opt_index(Container::Section, &mut self.section)
            & m.opt_index(Container::Fractie, &mut self.fractie)
            & m.opt_index(Container::Topic, &mut self.topic);
        ok & m.offset(&mut self.last_content_end)
    }
}

impl Remap {
    /// Maps one offset in place.
    fn offset(&self, p: &mut usize) -> bool {
        match self.pos(*p) {
            Some(n) => {
                *p = n;
                true
            }
            None => false,
        }
    }
}

/// An item of the old report after the point where the rebuilt walk stopped: it lands in the new
/// report renamed by a [`Remap`], its offsets by an [`Offsets`].
trait Moved {
    fn moved<O: Offsets>(&mut self, o: &O);
}

/// How the offsets of a moved item are renamed.
trait Offsets {
    fn remap(&self) -> &Remap;
    fn at(&self, p: usize) -> usize;
    fn range(&self, r: &mut Range<usize>) {
        *r = self.at(r.start)..self.at(r.end);
    }
}

/// By the [`Remap`]: for the first item written after the checkpoint the walk stopped at, which
/// may be the question or stray answer open there and hold offsets from before the change.
struct Exact<'a>(&'a Remap);

impl Offsets for Exact<'_> {
    fn remap(&self) -> &Remap {
        self.0
    }
    fn at(&self, p: usize) -> usize {
        self.0.pos_or_same(p)
    }
}

/// By the edit's length difference: for every later item, which lies wholly after the change.
struct After<'a>(&'a Remap);

impl Offsets for After<'_> {
    fn remap(&self) -> &Remap {
        self.0
    }
    fn at(&self, p: usize) -> usize {
        p.wrapping_add(self.0.delta as usize)
    }
}

impl Moved for Letter {
    // Letters are in the header, which ends before the first checkpoint: never moved.
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.title);
    }
}

impl Moved for Signatory {
    // In the header, like letters.
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.role);
        if let Some(n) = &mut self.name {
            o.range(n);
        }
    }
}

impl Moved for Section {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.heading);
        o.range(&mut self.title);
    }
}

impl Moved for FractieSection {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.heading);
        o.range(&mut self.name);
        o.remap()
            .opt_index_or_same(Container::Section, &mut self.section);
    }
}

impl Moved for Topic {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.heading);
        o.remap()
            .opt_index_or_same(Container::Section, &mut self.section);
        o.remap()
            .opt_index_or_same(Container::Fractie, &mut self.fractie);
    }
}

impl Moved for Question {
    fn moved<O: Offsets>(&mut self, o: &O) {
        self.remap(|r| o.range(r), |s, f, t| o.remap().containers(s, f, t));
    }
}

impl Moved for StrayAnswer {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.marker);
        o.range(&mut self.body);
    }
}

impl Moved for NoteRef {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.id_range);
    }
}

impl Moved for NoteBody {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
        o.range(&mut self.id_range);
        o.range(&mut self.text);
    }
}

impl Moved for crate::syntax::papers::PaperRef {
    // A reference lies on one line after the change, so all of it moves by `delta` (`shift`
    // wraps: a negative delta is its two's complement).
    fn moved<O: Offsets>(&mut self, o: &O) {
        let m = o.remap();
        debug_assert!(m.pos(self.range.start) == self.range.start.checked_add_signed(m.delta));
        self.shift(m.delta as usize);
    }
}

impl Moved for Placeholder {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
    }
}

impl Moved for FractieMention {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.name);
        o.range(&mut self.range);
    }
}

impl Moved for Markup {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.range);
    }
}

impl Moved for (Range<usize>, Option<usize>) {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(&mut self.0);
        o.remap().opt_index_or_same(Container::Fractie, &mut self.1);
    }
}

impl Moved for Range<usize> {
    fn moved<O: Offsets>(&mut self, o: &O) {
        o.range(self);
    }
}

/// Replaces `v[base..tail]` (what the old walk wrote between the checkpoint the rebuild resumed
/// from and the one it stopped at) by `new`, and renames what follows with `m` (nothing follows
/// when the walk ran to the end). Moves the rest of the vector only when the count changed.
fn splice<T: Moved + Clone>(
    v: &mut Vec<T>,
    base: usize,
    new: &[T],
    tail: usize,
    m: Option<&Remap>,
) {
    let tail = tail.min(v.len());
    let base = base.min(tail);
    let n = new.len();
    v.splice(base..tail, new.iter().cloned());
    if let Some(m) = m {
        if let Some((first, rest)) = v[base + n..].split_first_mut() {
            first.moved(&Exact(m));
            for x in rest {
                x.moved(&After(m));
            }
        }
    }
}

/// Whether every checkpoint is what a full walk over `lines` has at its line (for tests and
/// debug builds).
pub(in crate::syntax) fn verify(lines: &Lines, starts: &[u32], checkpoints: &[Checkpoint]) -> bool {
    let mut b = Builder {
        lines,
        starts,
        report: Report::default(),
        base: Lens::default(),
        prev: None,
        w: Walk::default(),
        any_answer_marker: lines.iter().any(is_answer_marker),
        closed_before: Vec::new(),
        checkpoints: Vec::new(),
        last_checkpoint: 0,
        every: usize::MAX,
    };
    let mut next = checkpoints.iter().peekable();
    for i in 0..lines.len() {
        if let Some(c) = next.next_if(|c| c.line == i) {
            if c.walk != b.w || c.lens != b.lens() {
                return false;
            }
        }
        b.step(i);
    }
    next.next().is_none()
}
