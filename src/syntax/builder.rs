//! The block builder: walks the lexed lines once, adds context, and builds the `Report`.
//!
//! The walk touches only the cached `LineInfo`s, never the text. Everything it carries from one
//! line to the next is in [`Walk`]; what it has written so far is measured by [`Lens`]. Every
//! [`CHECKPOINT_EVERY`] lines or so it records both ([`Checkpoint`]), so that after an edit
//! [`rebuild`] can resume the walk shortly before the edited lines and stop at the first
//! checkpoint after them where the walk is where it was before the edit (moved by the edit's
//! length); the rest of the old report is then moved over instead of built again.
//!
//! What makes that sound: the walk at line `i` reads only its `Walk`, lines `i..` (it looks
//! ahead to the next non-blank line) and the lengths of the report's vectors; it writes new items
//! and the ends of the containers open in its `Walk`. Byte offsets are only copied, compared
//! and taken the maximum of, so any order-preserving renaming of them (see [`Remap`]) commutes
//! with the walk. The header's fields are written and read only in `State::Header`, in which no
//! checkpoint is taken; the pairing of a response section is a pass over the whole report, so
//! a report with a response section is always built afresh.

use std::ops::Range;

use super::lexer::{Item, LineInfo, LineKind};
use super::model::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the first section, fractie heading or question.
    Header,
    /// In a section or under a topic heading: the next prose paragraph starts a question.
    BeforeQuestion,
    /// A fractie section has started and no question yet: prose without `?` is its opening.
    Opening,
    /// Inside a question block, waiting for its answer marker.
    Question,
    /// Inside an answer.
    Answer,
    /// Inside the text after a stray answer marker.
    Stray,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct OpenAnswer {
    marker: Option<Range<usize>>,
    style: AnswerStyle,
    numbers: Vec<u32>,
    body: Option<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct OpenQuestion {
    start: usize,
    block_end: usize,
    marker: Option<Range<usize>>,
    style: QuestionStyle,
    numbers: Vec<u32>,
    has_question_mark: bool,
    /// Content lines of the block after the marker: (range, asks something).
    lines: Vec<(Range<usize>, bool)>,
    answer: Option<OpenAnswer>,
    /// A numbered list item was seen in the answer (so `2.` is a list item, not a question).
    list_in_answer: bool,
    section: Option<usize>,
    fractie: Option<usize>,
    topic: Option<usize>,
}

/// Everything the walk carries from one line to the next, besides the report it writes.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Walk {
    state: State,
    open: Option<OpenQuestion>,
    stray: Option<StrayAnswer>,
    section: Option<usize>,
    fractie: Option<usize>,
    topic: Option<usize>,
    last_content_end: usize,
    last_number: u32,
    /// A note body that continues on the following lines: (its index in `note_bodies`, the line
    /// it started on).
    open_body: Option<(usize, usize)>,
}

impl Default for Walk {
    fn default() -> Walk {
        Walk {
            state: State::Header,
            open: None,
            stray: None,
            section: None,
            fractie: None,
            topic: None,
            last_content_end: 0,
            last_number: 0,
            open_body: None,
        }
    }
}

/// How many items each vector of a report holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Lens {
    letters: usize,
    signatories: usize,
    sections: usize,
    fracties: usize,
    topics: usize,
    questions: usize,
    stray_answers: usize,
    note_refs: usize,
    note_bodies: usize,
    papers: usize,
    placeholders: usize,
    fractie_mentions: usize,
    markup: usize,
    paragraphs: usize,
    long_lines: usize,
}

impl Lens {
    fn of(r: &Report) -> Lens {
        Lens {
            letters: r.letters.len(),
            signatories: r.signatories.len(),
            sections: r.sections.len(),
            fracties: r.fracties.len(),
            topics: r.topics.len(),
            questions: r.questions.len(),
            stray_answers: r.stray_answers.len(),
            note_refs: r.note_refs.len(),
            note_bodies: r.note_bodies.len(),
            papers: r.papers.len(),
            placeholders: r.placeholders.len(),
            fractie_mentions: r.fractie_mentions.len(),
            markup: r.markup.len(),
            paragraphs: r.paragraphs.len(),
            long_lines: r.long_lines.len(),
        }
    }

    /// Field by field `f(self, other)`.
    fn zip(self, o: Lens, f: impl Fn(usize, usize) -> usize) -> Lens {
        Lens {
            letters: f(self.letters, o.letters),
            signatories: f(self.signatories, o.signatories),
            sections: f(self.sections, o.sections),
            fracties: f(self.fracties, o.fracties),
            topics: f(self.topics, o.topics),
            questions: f(self.questions, o.questions),
            stray_answers: f(self.stray_answers, o.stray_answers),
            note_refs: f(self.note_refs, o.note_refs),
            note_bodies: f(self.note_bodies, o.note_bodies),
            papers: f(self.papers, o.papers),
            placeholders: f(self.placeholders, o.placeholders),
            fractie_mentions: f(self.fractie_mentions, o.fractie_mentions),
            markup: f(self.markup, o.markup),
            paragraphs: f(self.paragraphs, o.paragraphs),
            long_lines: f(self.long_lines, o.long_lines),
        }
    }

    /// How `self` (taken where `from` was taken) reads where `to` was taken instead: counts
    /// never fall during a walk, so `self >= from` field by field.
    fn moved(self, from: Lens, to: Lens) -> Lens {
        self.zip(from, |a, f| a.saturating_sub(f))
            .zip(to, |d, t| d + t)
    }
}

/// Sections, fracties and topics: what stays open while the walk goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Section,
    Fractie,
    Topic,
}

struct Builder<'a> {
    lines: &'a [LineInfo],
    starts: &'a [usize],
    /// The items from `base` on: all of them in a full build.
    report: Report,
    /// How many items of each kind come before `report`'s (in `prev`).
    base: Lens,
    /// The report the items before `base` are in, when resuming a walk.
    prev: Option<&'a Report>,
    w: Walk,
    any_answer_marker: bool,
    /// Ends given to containers before `base` (they are in `prev`): (kind, index, end).
    closed_before: Vec<(Container, usize, usize)>,
    checkpoints: Vec<Checkpoint>,
    /// The line of the last checkpoint taken (or resumed from).
    last_checkpoint: usize,
    /// Lines at least between checkpoints.
    every: usize,
}

/// About how many lines apart checkpoints are. An edit re-walks from the checkpoint before it to
/// the first one after it, so about twice this many lines (a line costs some 70 ns); each
/// checkpoint costs some 200 bytes and a few ns per edit to move.
pub(super) const CHECKPOINT_EVERY: usize = 32;

/// The walk before line `line`: its state and how many items the report then held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Checkpoint {
    line: usize,
    walk: Walk,
    lens: Lens,
}

/// What an edit changed, for [`rebuild`]: lines `first..old_tail` of the old text are lines
/// `first..new_tail` of the new one, and bytes `lo..hi` became `lo..new_end`. Lines before
/// `first` are the same; the lines from `old_tail` on are the same, moved.
#[derive(Clone, Copy, Debug)]
pub(super) struct Change {
    pub first: usize,
    pub old_tail: usize,
    pub new_tail: usize,
    pub lo: usize,
    pub hi: usize,
    pub new_end: usize,
}

fn extend(r: &mut Option<Range<usize>>, with: Range<usize>) {
    match r {
        Some(r) => r.end = with.end,
        None => *r = Some(with),
    }
}

/// A report with room for as many items as `like` has: a rebuild after an edit then never grows
/// (and copies) its vectors.
fn with_capacity_of(like: Option<&Report>) -> Report {
    let Some(r) = like else {
        return Report::default();
    };
    Report {
        letters: Vec::with_capacity(r.letters.len()),
        sections: Vec::with_capacity(r.sections.len()),
        fracties: Vec::with_capacity(r.fracties.len()),
        topics: Vec::with_capacity(r.topics.len()),
        questions: Vec::with_capacity(r.questions.len() + 1),
        note_refs: Vec::with_capacity(r.note_refs.len()),
        note_bodies: Vec::with_capacity(r.note_bodies.len()),
        papers: Vec::with_capacity(r.papers.len()),
        placeholders: Vec::with_capacity(r.placeholders.len()),
        fractie_mentions: Vec::with_capacity(r.fractie_mentions.len() + 1),
        markup: Vec::with_capacity(r.markup.len()),
        paragraphs: Vec::with_capacity(r.paragraphs.len()),
        ..Report::default()
    }
}

/// Whether any line is an answer marker: a property of the whole document.
pub(super) fn is_answer_marker(l: &LineInfo) -> bool {
    matches!(l.kind, LineKind::AnswerMarker { .. })
}

/// Builds the report from lexed lines; `starts[i]` is the byte offset where line `i` starts.
/// `like` is the previous report, if any, used only to size the vectors.
pub fn build(lines: &[LineInfo], starts: &[usize], like: Option<&Report>) -> Report {
    build_with_checkpoints(lines, starts, like, usize::MAX).0
}

/// [`build`], and the checkpoints for [`rebuild`], about `every` lines apart.
pub(super) fn build_with_checkpoints(
    lines: &[LineInfo],
    starts: &[usize],
    like: Option<&Report>,
    every: usize,
) -> (Report, Vec<Checkpoint>) {
    let mut b = Builder {
        lines,
        starts,
        report: with_capacity_of(like),
        base: Lens::default(),
        prev: None,
        w: Walk::default(),
        any_answer_marker: lines.iter().any(is_answer_marker),
        closed_before: Vec::new(),
        checkpoints: Vec::with_capacity(lines.len() / every.max(1) + 1),
        last_checkpoint: 0,
        every,
    };
    for i in 0..lines.len() {
        b.checkpoint(i);
        b.step(i);
    }
    b.finish_walk();
    b.pair_response_sections();
    for (n, q) in b.report.questions.iter_mut().enumerate() {
        q.ordinal = n as u32 + 1;
    }
    (b.report, b.checkpoints)
}

/// Brings `checkpoints` (of `report`, the build of the text before `change`) up to date with
/// `lines` and `starts` (after it), walking only from the checkpoint before the change to the
/// first one after it that the change did not affect. Returns the number of lines walked and
/// the [`Splice`] that turns `report` into the new report. `None` when it cannot, and then
/// nothing was changed: the caller builds afresh. `any_answer_marker` must be the same before
/// and after; new checkpoints are about `every` lines apart.
pub(super) fn rebuild(
    lines: &[LineInfo],
    starts: &[usize],
    report: &Report,
    checkpoints: &mut Vec<Checkpoint>,
    change: &Change,
    any_answer_marker: bool,
    every: usize,
) -> Option<(usize, Splice)> {
    let prev = report;
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
pub(super) struct Splice {
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
    pub(super) fn apply(&self, r: &mut Report) {
        let Splice {
            items,
            from_start,
            base,
            tail,
            remap,
            ends,
        } = self;
        if *from_start {
            r.kind.clone_from(&items.kind);
            r.dossier.clone_from(&items.dossier);
            r.header.clone_from(&items.header);
            r.intro.clone_from(&items.intro);
            r.letter_line.clone_from(&items.letter_line);
        }
        let m = remap.as_ref();
        let (b, t) = (base, tail);
        splice(&mut r.letters, b.letters, &items.letters, t.letters, m);
        splice(
            &mut r.signatories,
            b.signatories,
            &items.signatories,
            t.signatories,
            m,
        );
        splice(&mut r.sections, b.sections, &items.sections, t.sections, m);
        splice(&mut r.fracties, b.fracties, &items.fracties, t.fracties, m);
        splice(&mut r.topics, b.topics, &items.topics, t.topics, m);
        splice(
            &mut r.questions,
            b.questions,
            &items.questions,
            t.questions,
            m,
        );
        splice(
            &mut r.stray_answers,
            b.stray_answers,
            &items.stray_answers,
            t.stray_answers,
            m,
        );
        splice(
            &mut r.note_refs,
            b.note_refs,
            &items.note_refs,
            t.note_refs,
            m,
        );
        splice(
            &mut r.note_bodies,
            b.note_bodies,
            &items.note_bodies,
            t.note_bodies,
            m,
        );
        splice(&mut r.papers, b.papers, &items.papers, t.papers, m);
        splice(
            &mut r.placeholders,
            b.placeholders,
            &items.placeholders,
            t.placeholders,
            m,
        );
        splice(
            &mut r.fractie_mentions,
            b.fractie_mentions,
            &items.fractie_mentions,
            t.fractie_mentions,
            m,
        );
        splice(&mut r.markup, b.markup, &items.markup, t.markup, m);
        splice(
            &mut r.paragraphs,
            b.paragraphs,
            &items.paragraphs,
            t.paragraphs,
            m,
        );
        splice(
            &mut r.long_lines,
            b.long_lines,
            &items.long_lines,
            t.long_lines,
            m,
        );
        for (n, q) in r.questions.iter_mut().enumerate().skip(b.questions) {
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
    fn content(&self, i: usize) -> Range<usize> {
        let l = &self.lines[i];
        self.starts[i] + l.content_start..self.starts[i] + l.len
    }

    /// The line's text range without trailing whitespace is not known here (no text); the
    /// content range ends at the line's end, which is what editors expect for a paragraph.
    fn line_range(&self, i: usize) -> Range<usize> {
        self.starts[i]..self.starts[i] + self.lines[i].len
    }

    fn abs(&self, i: usize, r: &Range<usize>) -> Range<usize> {
        self.starts[i] + r.start..self.starts[i] + r.end
    }

    /// How many items of each kind the report holds so far (counting those before `base`).
    fn lens(&self) -> Lens {
        Lens::of(&self.report).zip(self.base, |a, b| a + b)
    }

    /// Records the walk before line `i`, if it is time to. Not in the header, whose fields
    /// live in the report, nor inside a note body, whose end the next lines move.
    fn checkpoint(&mut self, i: usize) {
        if i >= self.last_checkpoint.saturating_add(self.every)
            && self.w.state != State::Header
            && self.w.open_body.is_none()
        {
            self.checkpoints.push(Checkpoint {
                line: i,
                walk: self.w.clone(),
                lens: self.lens(),
            });
            self.last_checkpoint = i;
        }
    }

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

    /// Takes line `i` one step: its inline items, then its place in the structure.
    fn step(&mut self, i: usize) {
        let in_note = self.collect_line(i);
        self.line(i, in_note);
    }

    /// Moves the line's inline items into the report with absolute ranges, and continues a note
    /// body that runs over several lines; true when the line is such a continuation.
    fn collect_line(&mut self, i: usize) -> bool {
        // A note body left open on one line continues on the following prose lines until one
        // ends with `]`; a structural line or a long run ends it (so a half-typed `[5: ` does not
        // swallow the rest of the report).
        const MAX_NOTE_LINES: usize = 20;
        let line = &self.lines[i];
        let base = self.starts[i];
        let mut in_note = false;
        if let Some(cut) = line.cut {
            self.report.long_lines.push(base + cut..base + line.len);
        }
        if let Some((b, since)) = self.w.open_body {
            if line.kind == LineKind::Blank {
                // A blank line may separate a note's paragraphs.
            } else if line.kind != LineKind::Text || i - since > MAX_NOTE_LINES {
                self.w.open_body = None;
            } else {
                in_note = true;
                // The body was opened by this walk (a resumed walk starts with none open).
                let body = b
                    .checked_sub(self.base.note_bodies)
                    .and_then(|b| self.report.note_bodies.get_mut(b));
                if let Some(body) = body {
                    body.range.end = base + line.len;
                    body.text.end = base + line.len;
                    if line.ends_with_bracket {
                        // The text ends before the closing bracket.
                        body.text.end = (base + line.len).saturating_sub(1).max(body.text.start);
                    }
                }
                if line.ends_with_bracket {
                    self.w.open_body = None;
                }
            }
        }
        for item in &line.items {
            match item {
                Item::NoteRef {
                    range,
                    id,
                    name,
                    kind,
                } => self.report.note_refs.push(NoteRef {
                    range: base + range.start..base + range.end,
                    id: name.clone(),
                    id_range: base + id.start..base + id.end,
                    kind: *kind,
                }),
                Item::NoteBody {
                    range,
                    id,
                    name,
                    text,
                    kind,
                    closed,
                } => {
                    self.report.note_bodies.push(NoteBody {
                        range: base + range.start..base + range.end,
                        id: name.clone(),
                        id_range: base + id.start..base + id.end,
                        text: base + text.start..base + text.end,
                        kind: *kind,
                    });
                    if !closed {
                        let b = self.base.note_bodies + self.report.note_bodies.len() - 1;
                        self.w.open_body = Some((b, i));
                    }
                }
                Item::Paper(p) => {
                    let mut p = p.clone();
                    p.shift(base);
                    self.report.papers.push(p);
                }
                Item::Placeholder { range, kind } => self.report.placeholders.push(Placeholder {
                    range: base + range.start..base + range.end,
                    kind: *kind,
                }),
                Item::Fractie {
                    range,
                    name,
                    text,
                    speaks,
                } => self.report.fractie_mentions.push(FractieMention {
                    name: base + name.start..base + name.end,
                    text: text.clone(),
                    range: base + range.start..base + range.end,
                    speaks: *speaks,
                }),
                Item::Markup { range, kind } => self.report.markup.push(Markup {
                    range: base + range.start..base + range.end,
                    kind: *kind,
                }),
            }
        }
        in_note
    }

    /// Ends the walk at the end of the text: closes whatever is open.
    fn finish_walk(&mut self) {
        self.finish_question();
        self.finish_stray();
        let end = self.w.last_content_end;
        self.close_topic(end);
        self.close_fractie(end);
        self.close_section(end);
        if self.w.state == State::Header && self.report.header.is_none() && end > 0 {
            self.report.header = Some(0..end);
        }
    }

    /// The next line after `i` that is not blank.
    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.lines.len()).find(|&j| self.lines[j].kind != LineKind::Blank)
    }

    /// Whether line `j` starts a question block.
    fn starts_question(&self, j: usize) -> bool {
        let l = &self.lines[j];
        match &l.kind {
            LineKind::QuestionMarker { .. } => true,
            LineKind::Text => l.member_opening || l.question_mark,
            _ => false,
        }
    }

    /// A heading-like line is a topic heading when a question follows it.
    fn is_topic(&self, i: usize) -> bool {
        self.lines[i].heading_like
            && self.w.state != State::Header
            && self
                .next_nonblank(i)
                .is_some_and(|j| self.starts_question(j) && !self.lines[j].heading_like)
    }

    fn line(&mut self, i: usize, in_note: bool) {
        let l = &self.lines[i];
        if l.kind == LineKind::Blank {
            return;
        }
        let range = self.line_range(i);
        // A Markdown note definition (`[^1]: …`) belongs to no question or answer.
        if l.md_note_def {
            return;
        }
        if in_note {
            // Part of a note body that started on an earlier line: it belongs where that line did.
            self.extend_current(range.clone());
            self.w.last_content_end = range.end;
            return;
        }
        if self.w.state == State::Header && self.header_line(i) {
            self.w.last_content_end = range.end;
            return;
        }
        match &l.kind {
            LineKind::Section {
                numeral,
                title,
                is_response,
            } => {
                self.end_header(range.start);
                self.finish_question();
                self.finish_stray();
                let end = self.w.last_content_end;
                self.close_topic(end);
                self.close_fractie(end);
                self.close_section(end);
                self.report.sections.push(Section {
                    range: range.clone(),
                    heading: range.clone(),
                    numeral: *numeral,
                    title: self.abs(i, title),
                    is_response: *is_response,
                });
                self.w.section = Some(self.base.sections + self.report.sections.len() - 1);
                self.w.state = State::BeforeQuestion;
            }
            LineKind::FractieHeading { name, names } => {
                self.end_header(range.start);
                self.finish_question();
                self.finish_stray();
                let end = self.w.last_content_end;
                self.close_topic(end);
                self.close_fractie(end);
                self.report.fracties.push(FractieSection {
                    range: range.clone(),
                    heading: range.clone(),
                    name: self.abs(i, name),
                    names: names.clone(),
                    section: self.w.section,
                });
                self.w.fractie = Some(self.base.fracties + self.report.fracties.len() - 1);
                self.w.state = State::Opening;
            }
            LineKind::AnswerMarker {
                style,
                numbers,
                marker,
                rest,
            } => {
                self.end_header(range.start);
                let marker = self.abs(i, marker);
                let body = rest.as_ref().map(|r| self.abs(i, r));
                match (&mut self.w.open, self.w.state) {
                    (Some(q), State::Question) => {
                        q.answer = Some(OpenAnswer {
                            marker: Some(marker),
                            style: *style,
                            numbers: numbers.clone(),
                            body,
                        });
                        self.w.state = State::Answer;
                    }
                    _ => {
                        self.finish_question();
                        self.finish_stray();
                        self.w.stray = Some(StrayAnswer {
                            marker: marker.clone(),
                            numbers: numbers.clone(),
                            body: body.unwrap_or(marker.end..marker.end),
                        });
                        self.w.state = State::Stray;
                    }
                }
            }
            LineKind::QuestionMarker {
                style,
                numbers,
                marker,
                rest,
            } => {
                let n = numbers.first().copied().unwrap_or(0);
                let in_answer = self.w.state == State::Answer;
                let is_list_item = *style == QuestionStyle::NumberDot
                    && in_answer
                    && !l.question_mark
                    && (n != self.w.last_number + 1
                        || self.w.open.as_ref().is_some_and(|q| q.list_in_answer));
                if is_list_item
                    || (self.w.state == State::Header
                        && *style == QuestionStyle::NumberDot
                        && !l.question_mark)
                {
                    if let Some(q) = &mut self.w.open {
                        q.list_in_answer = true;
                    }
                    self.text_line(i);
                } else {
                    self.end_header(range.start);
                    self.finish_question();
                    self.finish_stray();
                    let mut q = self.new_question(range.start, *style, numbers.clone());
                    q.marker = Some(self.abs(i, marker));
                    if let Some(r) = rest {
                        q.lines.push((self.abs(i, r), l.question_mark));
                        q.has_question_mark |= l.question_mark;
                    }
                    q.block_end = range.end;
                    self.w.last_number =
                        numbers.iter().copied().max().unwrap_or(self.w.last_number);
                    self.w.open = Some(q);
                    self.w.state = State::Question;
                }
            }
            _ => self.text_line(i),
        }
        self.w.last_content_end = range.end;
    }

    /// Prose (and lines that only look like something else out of place).
    fn text_line(&mut self, i: usize) {
        let l = &self.lines[i];
        let range = self.line_range(i);
        let content = self.content(i);
        if self.is_topic(i)
            && !matches!(self.w.state, State::Question if self.w.open.as_ref().is_some_and(|q| q.style != QuestionStyle::Paragraph))
        {
            self.finish_question();
            self.finish_stray();
            self.close_topic(self.w.last_content_end);
            self.report.topics.push(Topic {
                range: content.clone(),
                heading: content,
                fractie: self.w.fractie,
                section: self.w.section,
            });
            self.w.topic = Some(self.base.topics + self.report.topics.len() - 1);
            self.w.state = State::BeforeQuestion;
            return;
        }
        match self.w.state {
            State::Header => {
                // Prose in what we took for the header: the report has no header lines we know.
                self.end_header(range.start);
                self.w.state = State::BeforeQuestion;
                self.text_line(i);
            }
            State::BeforeQuestion => {
                if l.question_mark
                    || l.member_opening
                    || self.answer_follows(i)
                    || self.w.fractie.is_some()
                {
                    self.start_paragraph_question(i);
                } else {
                    self.report.paragraphs.push((range, self.w.fractie));
                }
            }
            State::Opening => {
                if l.question_mark || self.answer_follows(i) {
                    self.start_paragraph_question(i);
                } else {
                    self.report.paragraphs.push((range, self.w.fractie));
                }
            }
            State::Question => {
                // The state implies an open question; should it ever not hold, start one
                // rather than panic (the core never panics).
                let Some(q) = self.w.open.as_mut() else {
                    self.start_paragraph_question(i);
                    return;
                };
                if q.style == QuestionStyle::Paragraph && l.member_opening && q.has_question_mark {
                    self.finish_question();
                    self.start_paragraph_question(i);
                } else {
                    q.lines.push((range.clone(), l.question_mark));
                    q.has_question_mark |= l.question_mark;
                    q.block_end = range.end;
                }
            }
            State::Answer => {
                let numbered = self
                    .w
                    .open
                    .as_ref()
                    .is_some_and(|q| q.style != QuestionStyle::Paragraph);
                if !numbered && (l.member_opening || l.question_mark) {
                    self.finish_question();
                    self.start_paragraph_question(i);
                } else if let Some(a) = self.w.open.as_mut().and_then(|q| q.answer.as_mut()) {
                    extend(&mut a.body, range);
                }
            }
            State::Stray => {
                if l.member_opening || l.question_mark {
                    self.finish_stray();
                    self.start_paragraph_question(i);
                } else if let Some(s) = &mut self.w.stray {
                    if s.body.is_empty() {
                        s.body = range;
                    } else {
                        s.body.end = range.end;
                    }
                }
            }
        }
    }

    /// Continues whatever is open with a note-continuation line.
    fn extend_current(&mut self, range: Range<usize>) {
        match self.w.state {
            State::Question => {
                if let Some(q) = &mut self.w.open {
                    q.block_end = range.end;
                }
            }
            State::Answer => {
                if let Some(a) = self.w.open.as_mut().and_then(|q| q.answer.as_mut()) {
                    extend(&mut a.body, range);
                }
            }
            State::Stray => {
                if let Some(s) = &mut self.w.stray {
                    s.body.end = range.end;
                }
            }
            _ => {}
        }
    }

    fn answer_follows(&self, i: usize) -> bool {
        self.next_nonblank(i)
            .is_some_and(|j| matches!(self.lines[j].kind, LineKind::AnswerMarker { .. }))
    }

    fn new_question(&self, start: usize, style: QuestionStyle, numbers: Vec<u32>) -> OpenQuestion {
        OpenQuestion {
            start,
            block_end: start,
            marker: None,
            style,
            numbers,
            has_question_mark: false,
            lines: Vec::new(),
            answer: None,
            list_in_answer: false,
            section: self.w.section,
            fractie: self.w.fractie,
            topic: self.w.topic,
        }
    }

    fn start_paragraph_question(&mut self, i: usize) {
        let range = self.line_range(i);
        let l = &self.lines[i];
        let mut q = self.new_question(range.start, QuestionStyle::Paragraph, Vec::new());
        // The text starts after leading Word markup (`[bookmark: _Hlk…]`); the block does not.
        q.lines.push((self.content(i), l.question_mark));
        q.has_question_mark = l.question_mark;
        q.block_end = range.end;
        self.w.open = Some(q);
        self.w.state = State::Question;
    }

    fn finish_question(&mut self) {
        let Some(q) = self.w.open.take() else { return };
        let numbered = q.style != QuestionStyle::Paragraph;
        let mut lines = q.lines;
        let mut answer = q.answer.map(|a| Answer {
            marker: a.marker.clone(),
            style: a.style,
            numbers: a.numbers,
            body: a.body.unwrap_or_else(|| {
                let at = a.marker.map(|m| m.end).unwrap_or(q.block_end);
                at..at
            }),
        });
        // A numbered question without an answer marker (when the document does not use them):
        // its question runs while the lines ask something, the rest is the answer.
        if answer.is_none() && numbered && !self.any_answer_marker && lines.len() > 1 {
            let split = lines
                .iter()
                .position(|(_, asks)| !asks)
                .unwrap_or(lines.len())
                .max(1);
            if split < lines.len() {
                let body = lines[split].0.start..lines[lines.len() - 1].0.end;
                answer = Some(Answer {
                    marker: None,
                    style: AnswerStyle::Unmarked,
                    numbers: Vec::new(),
                    body,
                });
                lines.truncate(split);
            }
        }
        let block_end = if answer.as_ref().is_some_and(|a| a.marker.is_none()) {
            lines.last().map(|l| l.0.end).unwrap_or(q.block_end)
        } else {
            q.block_end
        };
        let text = match (lines.first(), lines.last()) {
            (Some(f), Some(l)) => f.0.start..l.0.end,
            _ => block_end..block_end,
        };
        let end = answer
            .as_ref()
            .map(|a| a.body.end.max(block_end))
            .unwrap_or(block_end);
        self.report.questions.push(Question {
            range: q.start..end,
            block: q.start..block_end,
            text,
            marker: q.marker,
            style: q.style,
            numbers: q.numbers,
            ordinal: 0,
            answer,
            section: q.section,
            fractie: q.fractie,
            topic: q.topic,
        });
        if matches!(self.w.state, State::Question | State::Answer) {
            self.w.state = State::BeforeQuestion;
        }
    }

    fn finish_stray(&mut self) {
        if let Some(s) = self.w.stray.take() {
            self.report.stray_answers.push(s);
            if self.w.state == State::Stray {
                self.w.state = State::BeforeQuestion;
            }
        }
    }

    fn close_topic(&mut self, end: usize) {
        if let Some(t) = self.w.topic.take() {
            self.close(Container::Topic, t, end);
        }
    }

    fn close_fractie(&mut self, end: usize) {
        self.close_topic(end);
        if let Some(f) = self.w.fractie.take() {
            self.close(Container::Fractie, f, end);
        }
    }

    fn close_section(&mut self, end: usize) {
        if let Some(s) = self.w.section.take() {
            self.close(Container::Section, s, end);
        }
    }

    /// Ends container `k` at `end` (never before its heading's end).
    fn close(&mut self, c: Container, k: usize, end: usize) {
        let r = &mut self.report;
        let b = &self.base;
        let own = match c {
            Container::Section => k
                .checked_sub(b.sections)
                .and_then(|k| r.sections.get_mut(k))
                .map(|s| (&mut s.range, s.heading.end)),
            Container::Fractie => k
                .checked_sub(b.fracties)
                .and_then(|k| r.fracties.get_mut(k))
                .map(|f| (&mut f.range, f.heading.end)),
            Container::Topic => k
                .checked_sub(b.topics)
                .and_then(|k| r.topics.get_mut(k))
                .map(|t| (&mut t.range, t.heading.end)),
        };
        match own {
            Some((range, heading_end)) => range.end = end.max(heading_end),
            None => {
                // Opened before the part this walk resumed: set when the report is put together.
                let heading_end = self
                    .prev
                    .and_then(|p| container(p, c, k))
                    .map_or(0, |(_, h)| h.end);
                self.closed_before.push((c, k, end.max(heading_end)));
            }
        }
    }

    fn end_header(&mut self, at: usize) {
        if self.w.state == State::Header {
            let end = if self.w.last_content_end > 0 {
                self.w.last_content_end
            } else {
                at
            };
            if end > 0 {
                self.report.header = Some(0..end.min(at));
            }
            self.w.state = State::BeforeQuestion;
        }
    }

    /// Handles a line of the header; false when the line ends the header.
    fn header_line(&mut self, i: usize) -> bool {
        let l = &self.lines[i];
        let range = self.line_range(i);
        match &l.kind {
            LineKind::Dossier { number, title } if self.report.dossier.is_none() => {
                self.report.dossier = Some(DossierLine {
                    range,
                    number: self.abs(i, number),
                    title: self.abs(i, title),
                });
                true
            }
            LineKind::DocKind(k) if self.report.kind.is_none() => {
                self.report.kind = Some((*k, self.content(i)));
                true
            }
            LineKind::Bullet { text } => {
                let text = self.abs(i, text);
                // The letter's own paper is the last reference on its line; earlier ones are part
                // of its title (`Antwoorden op vragen … (Kamerstuk 32317-967) … (Kamerstuk …)`).
                let own: Option<usize> = self
                    .report
                    .papers
                    .iter()
                    .enumerate()
                    .rfind(|(_, p)| p.range.start >= range.start && p.range.end <= range.end)
                    .map(|(n, _)| n);
                let papers: Vec<usize> = own.map(|n| self.base.papers + n).into_iter().collect();
                let title_end = own
                    .map(|n| {
                        self.report.papers[n]
                            .range
                            .start
                            .saturating_sub(1)
                            .max(text.start)
                    })
                    .unwrap_or(text.end);
                self.report.letters.push(Letter {
                    range,
                    title: text.start..title_end,
                    papers,
                });
                true
            }
            LineKind::Text if l.indented => {
                // Signature: a role line ending in a comma, then the name under it.
                if l.ends_with_bracket {
                    return true;
                }
                let content = self.content(i);
                let role_line = self
                    .report
                    .signatories
                    .last()
                    .is_none_or(|s| s.name.is_some());
                if role_line {
                    self.report.signatories.push(Signatory {
                        role: content,
                        name: None,
                    });
                } else if let Some(s) = self.report.signatories.last_mut() {
                    s.name = Some(content);
                }
                true
            }
            LineKind::Text if l.letter_line && self.report.letter_line.is_none() => {
                self.report.letter_line = Some(self.content(i));
                true
            }
            LineKind::Text if !l.question_mark && !l.member_opening => {
                if self.report.intro.is_none() && self.report.letter_line.is_none() {
                    self.report.intro = Some(self.content(i));
                } else if self.report.letter_line.is_none() {
                    self.report.letter_line = Some(self.content(i));
                }
                true
            }
            _ => false,
        }
    }

    /// In a report whose answers stand in a response section (`II Reactie van de
    /// bewindspersoon`), gives each question of the earlier sections the answer to the question
    /// it matches there: by number, else by fractie and order.
    fn pair_response_sections(&mut self) {
        let r = &mut self.report;
        if !r.sections.iter().any(|s| s.is_response) {
            return;
        }
        let in_response =
            |q: &Question, r: &Report| q.section.is_some_and(|s| r.sections[s].is_response);
        let responses: Vec<usize> = (0..r.questions.len())
            .filter(|&n| in_response(&r.questions[n], r))
            .collect();
        let mut used = vec![false; responses.len()];
        for n in 0..r.questions.len() {
            if in_response(&r.questions[n], r) || r.questions[n].answer.is_some() {
                continue;
            }
            let q = &r.questions[n];
            let names = q
                .fractie
                .map(|f| r.fracties[f].names.clone())
                .unwrap_or_default();
            let found = responses.iter().enumerate().find(|(k, &m)| {
                let cand = &r.questions[m];
                !used[*k]
                    && cand.answer.is_some()
                    && if !q.numbers.is_empty() {
                        cand.numbers == q.numbers
                    } else {
                        cand.fractie.map(|f| &r.fracties[f].names) == Some(&names)
                    }
            });
            if let Some((k, &m)) = found {
                used[k] = true;
                r.questions[n].answer = r.questions[m].answer.clone();
            }
        }
        // Numbered answer markers standing alone in the response section answer by number.
        r.stray_answers.retain(|s| {
            if s.numbers.is_empty() {
                return true;
            }
            match r
                .questions
                .iter_mut()
                .find(|q| q.answer.is_none() && q.numbers == s.numbers)
            {
                Some(q) => {
                    q.answer = Some(Answer {
                        marker: Some(s.marker.clone()),
                        style: AnswerStyle::Numbered,
                        numbers: s.numbers.clone(),
                        body: s.body.clone(),
                    });
                    false
                }
                None => true,
            }
        });
    }
}

/// The range and heading of container `k` of report `r`.
fn container(r: &Report, c: Container, k: usize) -> Option<(&Range<usize>, &Range<usize>)> {
    match c {
        Container::Section => r.sections.get(k).map(|s| (&s.range, &s.heading)),
        Container::Fractie => r.fracties.get(k).map(|f| (&f.range, &f.heading)),
        Container::Topic => r.topics.get(k).map(|t| (&t.range, &t.heading)),
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
            for (r, _) in &mut q.lines {
                ok &= m.range(r);
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
        o.range(&mut self.range);
        o.range(&mut self.block);
        o.range(&mut self.text);
        if let Some(r) = &mut self.marker {
            o.range(r);
        }
        if let Some(a) = &mut self.answer {
            if let Some(r) = &mut a.marker {
                o.range(r);
            }
            o.range(&mut a.body);
        }
        o.remap()
            .containers(&mut self.section, &mut self.fractie, &mut self.topic);
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
pub(super) fn verify(lines: &[LineInfo], starts: &[usize], checkpoints: &[Checkpoint]) -> bool {
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
