//! The block builder: walks the lexed lines once, adds context, and builds the `Report`.
//!
//! The walk touches only the cached `LineInfo`s, never the text. Everything it carries from one
//! line to the next is in [`Walk`]; what it has written so far is measured by [`Lens`]. Every
//! [`CHECKPOINT_EVERY`] lines or so it records both ([`Checkpoint`]), so that after an edit
//! [`rebuild`] (in `incremental.rs`) can resume the walk shortly before the edited lines instead
//! of walking them all.

use std::ops::Range;

use super::lexer::{Item, LineInfo, LineKind, Lines, Span};
use super::model::*;

mod incremental;

pub(super) use incremental::{rebuild, verify, Change, Splice};

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
    numbers: ThinVec<u32>,
    body: Option<Range<usize>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct OpenQuestion {
    start: usize,
    block_end: usize,
    marker: Option<Range<usize>>,
    style: QuestionStyle,
    numbers: ThinVec<u32>,
    /// Content lines of the block after the marker.
    lines: BlockLines,
    answer: Option<OpenAnswer>,
    /// A numbered list item was seen in the answer (so `2.` is a list item, not a question).
    list_in_answer: bool,
    section: Option<usize>,
    fractie: Option<usize>,
    topic: Option<usize>,
}

/// The content lines of a question block, as far as the question needs them: where its text
/// starts and ends, and where it would split into question and unmarked answer (see
/// [`Builder::finish_question`]). A list of the lines was an allocation a question (and a copy
/// in each checkpoint taken inside one).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct BlockLines {
    /// The first line's range and whether it asks something.
    first: Option<(Range<usize>, bool)>,
    /// The end of the last line (meaningful when `first` is set).
    last_end: usize,
    /// Where an unmarked answer would start, as (end of the question's last line, start of the
    /// answer's first line): before the first line after the first that does not ask, or before
    /// the second line when the first does not ask.
    split: Option<(usize, usize)>,
    /// Some line asks something.
    asks: bool,
}

impl BlockLines {
    fn push(&mut self, range: Range<usize>, asks: bool) {
        self.asks |= asks;
        match &self.first {
            None => self.first = Some((range.clone(), asks)),
            Some((_, first_asks)) => {
                if self.split.is_none() && !(asks && *first_asks) {
                    self.split = Some((self.last_end, range.start));
                }
            }
        }
        self.last_end = range.end;
    }
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
    lines: &'a Lines,
    starts: &'a [u32],
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
/// the first one after it, about twice this many lines (some 70–150 ns a line), and moves the
/// checkpoints after it (some 100–150 ns each right after an analysis, the caches cold): on 10 MB
/// (50 000 lines) 32 spent most of a rebuild moving checkpoints, 64 balances the two.
pub(super) const CHECKPOINT_EVERY: usize = 64;

/// The walk before line `line`: its state and how many items the report then held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Checkpoint {
    line: usize,
    walk: Walk,
    lens: Lens,
}

fn extend(r: &mut Option<Range<usize>>, with: Range<usize>) {
    match r {
        Some(r) => r.end = with.end,
        None => *r = Some(with),
    }
}

/// A report with room for as many items as `like` has: a rebuild after an edit then never grows
/// (and copies) its vectors.
fn with_capacity_of(like: Option<&Report>, lines: &Lines) -> Report {
    let Some(r) = like else {
        return with_capacity_for(lines);
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

/// A report with room for the items of `lines` and a question per marker line (about), so that
/// a first build seldom grows its vectors by copying them.
///
/// A long text is sized by every [`SIZE_STRIDE`]th line, with a margin: counting every line
/// read the whole item arena (some 4 MB on 10 MB, a cache miss an item) a second time, only to
/// size vectors. Room left over is given back by [`shrink`] in place; too little costs a copy.
fn with_capacity_for(lines: &Lines) -> Report {
    let (mut refs, mut bodies, mut papers, mut placeholders, mut mentions, mut markup) =
        (0, 0, 0, 0, 0, 0);
    let mut markers = 0;
    let stride = if lines.len() >= SIZE_SAMPLED_FROM {
        SIZE_STRIDE
    } else {
        1
    };
    for i in (0..lines.len()).step_by(stride) {
        markers += usize::from(matches!(
            lines[i].kind,
            LineKind::AnswerMarker { .. } | LineKind::QuestionMarker { .. }
        ));
        for item in lines.items(i) {
            match item {
                Item::NoteRef { .. } => refs += 1,
                Item::NoteBody { .. } => bodies += 1,
                Item::Paper(_) => papers += 1,
                Item::Placeholder { .. } => placeholders += 1,
                Item::Fractie { .. } => mentions += 1,
                Item::Markup { .. } => markup += 1,
            }
        }
    }
    // Scaled up from the sample, with an eighth and a little more to spare.
    let room = |n: usize| {
        if stride == 1 {
            n
        } else {
            let n = n * stride;
            n + n / 8 + 64
        }
    };
    Report {
        questions: Vec::with_capacity(room(markers) + 1),
        note_refs: Vec::with_capacity(room(refs)),
        note_bodies: Vec::with_capacity(room(bodies)),
        papers: Vec::with_capacity(room(papers)),
        placeholders: Vec::with_capacity(room(placeholders)),
        fractie_mentions: Vec::with_capacity(room(mentions)),
        markup: Vec::with_capacity(room(markup)),
        ..Report::default()
    }
}

/// From how many lines [`with_capacity_for`] sizes by a sample of the lines.
const SIZE_SAMPLED_FROM: usize = 4096;

/// A long text is sized by every this many lines.
const SIZE_STRIDE: usize = 8;

/// Gives back the room a report's vectors do not use (the report is kept for the document's
/// life; shrinking in place does not copy).
fn shrink(r: &mut Report) {
    r.letters.shrink_to_fit();
    r.signatories.shrink_to_fit();
    r.sections.shrink_to_fit();
    r.fracties.shrink_to_fit();
    r.topics.shrink_to_fit();
    r.questions.shrink_to_fit();
    r.stray_answers.shrink_to_fit();
    r.note_refs.shrink_to_fit();
    r.note_bodies.shrink_to_fit();
    r.papers.shrink_to_fit();
    r.placeholders.shrink_to_fit();
    r.fractie_mentions.shrink_to_fit();
    r.markup.shrink_to_fit();
    r.paragraphs.shrink_to_fit();
    r.long_lines.shrink_to_fit();
}

/// Whether any line is an answer marker: a property of the whole document.
pub(super) fn is_answer_marker(l: &LineInfo) -> bool {
    matches!(l.kind, LineKind::AnswerMarker { .. })
}

/// Builds the report from lexed lines; `starts[i]` is the byte offset where line `i` starts.
/// `like` is the previous report, if any, used only to size the vectors. (The parse builds
/// with checkpoints; this is the reference a debug build compares its rebuilds with.)
#[cfg_attr(not(debug_assertions), allow(dead_code))]
pub fn build(lines: &Lines, starts: &[u32], like: Option<&Report>) -> Report {
    let any_answer_marker = lines.iter().any(is_answer_marker);
    build_with_checkpoints(lines, starts, like, any_answer_marker, usize::MAX).0
}

/// [`build`], and the checkpoints for [`rebuild`], about `every` lines apart.
/// `any_answer_marker`: whether any line is an answer marker (the parse counts them in the pass
/// that finds where lines start; another pass over the lines here cost some 0.16 M
/// instructions on 10 MB).
pub(super) fn build_with_checkpoints(
    lines: &Lines,
    starts: &[u32],
    like: Option<&Report>,
    any_answer_marker: bool,
    every: usize,
) -> (Report, Vec<Checkpoint>) {
    let mut b = Builder {
        lines,
        starts,
        report: with_capacity_of(like, lines),
        base: Lens::default(),
        prev: None,
        w: Walk::default(),
        any_answer_marker,
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
    shrink(&mut b.report);
    b.checkpoints.shrink_to_fit();
    (b.report, b.checkpoints)
}

impl Builder<'_> {
    fn start(&self, i: usize) -> usize {
        self.starts[i] as usize
    }

    fn content(&self, i: usize) -> Range<usize> {
        let l = &self.lines[i];
        self.start(i) + l.content_start as usize..self.start(i) + l.len as usize
    }

    /// The line's text range without trailing whitespace is not known here (no text); the
    /// content range ends at the line's end, which is what editors expect for a paragraph.
    fn line_range(&self, i: usize) -> Range<usize> {
        self.start(i)..self.start(i) + self.lines[i].len as usize
    }

    fn abs(&self, i: usize, r: &Span) -> Range<usize> {
        self.start(i) + r.start as usize..self.start(i) + r.end as usize
    }

    /// How many items of each kind the report holds so far (counting those before `base`).
    fn lens(&self) -> Lens {
        Lens::of(&self.report).zip(self.base, |a, b| a + b)
    }

    /// Records the walk before line `i`, if it is time to. Not in the header, whose fields
    /// live in the report, nor inside a note body, whose end the next lines move.
    ///
    /// Inlined into the walk's loop: the test is all most lines pay.
    #[inline]
    fn checkpoint(&mut self, i: usize) {
        if i >= self.last_checkpoint.saturating_add(self.every)
            && self.w.state != State::Header
            && self.w.open_body.is_none()
        {
            self.take_checkpoint(i);
        }
    }

    #[inline(never)]
    fn take_checkpoint(&mut self, i: usize) {
        self.checkpoints.push(Checkpoint {
            line: i,
            walk: self.w.clone(),
            lens: self.lens(),
        });
        self.last_checkpoint = i;
    }

    /// Takes line `i` one step: its inline items, then its place in the structure.
    ///
    /// Most lines are blank or prose that goes on with the open question or answer, or starts
    /// one: those are taken here, inline, the rest by [`Builder::line`]. Most lines have no items,
    /// no cut and no note body open, and skip [`Builder::collect_line`]. A blank one changes
    /// nothing (it neither continues nor ends a note body, and has no place in the structure).
    #[inline]
    fn step(&mut self, i: usize) {
        let l = &self.lines[i];
        let plain = l.cut.is_none() && self.w.open_body.is_none() && self.lines.items(i).is_empty();
        let in_note = !plain && self.collect_line(i);
        if !in_note {
            match self.lines[i].kind {
                LineKind::Blank => return,
                LineKind::Text if self.continue_block(i) => return,
                _ => {}
            }
        }
        self.line(i, in_note);
    }

    /// What [`Builder::line`] does with prose line `i` (not in a note body) when it goes on
    /// with the open question or answer or starts a paragraph question; false, having done
    /// nothing, for any other case.
    #[inline]
    fn continue_block(&mut self, i: usize) -> bool {
        let l = &self.lines[i];
        // A heading may be a topic and a note definition belongs nowhere: `text_line` decides.
        if l.heading_like() || l.md_note_def() {
            return false;
        }
        let range = self.line_range(i);
        let end = range.end;
        match (self.w.state, self.w.open.as_mut()) {
            (State::Question, Some(q)) => {
                if q.style == QuestionStyle::Paragraph && l.member_opening() && q.lines.asks {
                    return false;
                }
                q.lines.push(range, l.question_mark());
                q.block_end = end;
            }
            (State::Answer, Some(q)) => {
                if q.style == QuestionStyle::Paragraph && (l.member_opening() || l.question_mark())
                {
                    self.finish_question();
                    self.start_paragraph_question(i);
                } else {
                    let Some(a) = q.answer.as_mut() else {
                        return false;
                    };
                    extend(&mut a.body, range);
                }
            }
            (State::BeforeQuestion, _)
                if l.question_mark() || l.member_opening() || self.w.fractie.is_some() =>
            {
                self.start_paragraph_question(i);
            }
            _ => return false,
        }
        self.w.last_content_end = end;
        true
    }

    /// Moves the line's inline items into the report with absolute ranges, and continues a note
    /// body that runs over several lines; true when the line is such a continuation.
    #[inline(never)]
    fn collect_line(&mut self, i: usize) -> bool {
        // A note body left open on one line continues on the following prose lines until one
        // ends with `]`; a structural line or a long run ends it (so a half-typed `[5: ` does not
        // swallow the rest of the report).
        const MAX_NOTE_LINES: usize = 20;
        let line = &self.lines[i];
        let base = self.start(i);
        let mut in_note = false;
        if let Some(cut) = line.cut {
            self.report
                .long_lines
                .push(base + cut.get() as usize..base + line.len as usize);
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
                    body.range.end = base + line.len as usize;
                    body.text.end = base + line.len as usize;
                    if line.ends_with_bracket() {
                        // The text ends before the closing bracket.
                        body.text.end = (base + line.len as usize)
                            .saturating_sub(1)
                            .max(body.text.start);
                    }
                }
                if line.ends_with_bracket() {
                    self.w.open_body = None;
                }
            }
        }
        let at = |r: &Range<usize>| base + r.start..base + r.end;
        for item in self.lines.items(i) {
            match item {
                Item::NoteRef {
                    range,
                    id,
                    name,
                    kind,
                } => self.report.note_refs.push(NoteRef {
                    range: at(range),
                    id: name.clone(),
                    id_range: at(id),
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
                        range: at(range),
                        id: name.clone(),
                        id_range: at(id),
                        text: at(text),
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
                    range: at(range),
                    kind: *kind,
                }),
                Item::Fractie {
                    range,
                    name,
                    text,
                    speaks,
                } => self.report.fractie_mentions.push(FractieMention {
                    name: at(name),
                    text: text.clone(),
                    range: at(range),
                    speaks: *speaks,
                }),
                Item::Markup { range, kind } => self.report.markup.push(Markup {
                    range: at(range),
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
            LineKind::Text => l.member_opening() || l.question_mark(),
            _ => false,
        }
    }

    /// A heading-like line is a topic heading when a question follows it.
    fn is_topic(&self, i: usize) -> bool {
        self.lines[i].heading_like()
            && self.w.state != State::Header
            && self
                .next_nonblank(i)
                .is_some_and(|j| self.starts_question(j) && !self.lines[j].heading_like())
    }

    #[inline(never)]
    fn line(&mut self, i: usize, in_note: bool) {
        let l = &self.lines[i];
        if l.kind == LineKind::Blank {
            return;
        }
        let range = self.line_range(i);
        // A Markdown note definition (`[^1]: …`) belongs to no question or answer.
        if l.md_note_def() {
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
                    names: names.to_vec(),
                    section: self.w.section,
                });
                self.w.fractie = Some(self.base.fracties + self.report.fracties.len() - 1);
                self.w.state = State::Opening;
            }
            LineKind::AnswerMarker {
                style,
                numbers,
                marker_end,
                rest,
            } => {
                self.end_header(range.start);
                let marker = self.abs(i, &(l.content_start..*marker_end));
                let body = (!rest.is_empty()).then(|| self.abs(i, rest));
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
                marker_end,
                rest,
            } => {
                let n = numbers.first().copied().unwrap_or(0);
                let in_answer = self.w.state == State::Answer;
                let is_list_item = *style == QuestionStyle::NumberDot
                    && in_answer
                    && !l.question_mark()
                    && (n != self.w.last_number + 1
                        || self.w.open.as_ref().is_some_and(|q| q.list_in_answer));
                if is_list_item
                    || (self.w.state == State::Header
                        && *style == QuestionStyle::NumberDot
                        && !l.question_mark())
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
                    q.marker = Some(self.abs(i, &(l.content_start..*marker_end)));
                    if !rest.is_empty() {
                        q.lines.push(self.abs(i, rest), l.question_mark());
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
                if l.question_mark()
                    || l.member_opening()
                    || self.answer_follows(i)
                    || self.w.fractie.is_some()
                {
                    self.start_paragraph_question(i);
                } else {
                    self.report.paragraphs.push((range, self.w.fractie));
                }
            }
            State::Opening => {
                if l.question_mark() || self.answer_follows(i) {
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
                if q.style == QuestionStyle::Paragraph && l.member_opening() && q.lines.asks {
                    self.finish_question();
                    self.start_paragraph_question(i);
                } else {
                    q.lines.push(range.clone(), l.question_mark());
                    q.block_end = range.end;
                }
            }
            State::Answer => {
                let numbered = self
                    .w
                    .open
                    .as_ref()
                    .is_some_and(|q| q.style != QuestionStyle::Paragraph);
                if !numbered && (l.member_opening() || l.question_mark()) {
                    self.finish_question();
                    self.start_paragraph_question(i);
                } else if let Some(a) = self.w.open.as_mut().and_then(|q| q.answer.as_mut()) {
                    extend(&mut a.body, range);
                }
            }
            State::Stray => {
                if l.member_opening() || l.question_mark() {
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

    fn new_question(
        &self,
        start: usize,
        style: QuestionStyle,
        numbers: ThinVec<u32>,
    ) -> OpenQuestion {
        OpenQuestion {
            start,
            block_end: start,
            marker: None,
            style,
            numbers,
            lines: BlockLines::default(),
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
        let mut q = self.new_question(range.start, QuestionStyle::Paragraph, ThinVec::new());
        // The text starts after leading Word markup (`[bookmark: _Hlk…]`); the block does not.
        q.lines.push(self.content(i), l.question_mark());
        q.block_end = range.end;
        self.w.open = Some(q);
        self.w.state = State::Question;
    }

    fn finish_question(&mut self) {
        // Read in place and only its numbers moved out: taking the whole open question moved
        // some 250 bytes a question.
        let Some(q) = self.w.open.as_mut() else {
            return;
        };
        let numbered = q.style != QuestionStyle::Paragraph;
        let lines = &q.lines;
        let block_end = q.block_end;
        // Where the question's text ends: its last line, unless an unmarked answer takes the
        // lines from the split on.
        let mut text_end = lines.last_end;
        let mut answer = q.answer.as_mut().map(|a| {
            let body = a.body.clone().unwrap_or_else(|| {
                let at = a.marker.as_ref().map(|m| m.end).unwrap_or(block_end);
                at..at
            });
            Answer::new(
                a.marker.clone(),
                a.style,
                std::mem::take(&mut a.numbers),
                body,
            )
        });
        // A numbered question without an answer marker (when the document does not use them):
        // its question runs while the lines ask something, the rest is the answer.
        if answer.is_none() && numbered && !self.any_answer_marker {
            if let Some((question_end, answer_start)) = lines.split {
                let body = answer_start..lines.last_end;
                answer = Some(Answer::new(
                    None,
                    AnswerStyle::Unmarked,
                    ThinVec::new(),
                    body,
                ));
                text_end = question_end;
            }
        }
        let block_end = if answer.as_ref().is_some_and(|a| a.marker().is_none()) {
            lines.first.as_ref().map_or(q.block_end, |_| text_end)
        } else {
            q.block_end
        };
        let text = match &lines.first {
            Some((first, _)) => first.start..text_end,
            None => block_end..block_end,
        };
        let end = answer
            .as_ref()
            .map(|a| a.body().end.max(block_end))
            .unwrap_or(block_end);
        self.report.questions.push(Question::new(QuestionParts {
            range: q.start..end,
            block: q.start..block_end,
            text,
            marker: q.marker.clone(),
            style: q.style,
            numbers: std::mem::take(&mut q.numbers),
            ordinal: 0,
            answer,
            section: q.section,
            fractie: q.fractie,
            topic: q.topic,
        }));
        self.w.open = None;
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
            LineKind::Text if l.indented() => {
                // Signature: a role line ending in a comma, then the name under it.
                if l.ends_with_bracket() {
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
            LineKind::Text if l.letter_line() && self.report.letter_line.is_none() => {
                self.report.letter_line = Some(self.content(i));
                true
            }
            LineKind::Text if !l.question_mark() && !l.member_opening() => {
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
            |q: &Question, r: &Report| q.section().is_some_and(|s| r.sections[s].is_response);
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
                .fractie()
                .map(|f| r.fracties[f].names.clone())
                .unwrap_or_default();
            let found = responses.iter().enumerate().find(|(k, &m)| {
                let cand = &r.questions[m];
                !used[*k]
                    && cand.answer.is_some()
                    && if !q.numbers.is_empty() {
                        cand.numbers == q.numbers
                    } else {
                        cand.fractie().map(|f| &r.fracties[f].names) == Some(&names)
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
                    q.answer = Some(Answer::new(
                        Some(s.marker.clone()),
                        AnswerStyle::Numbered,
                        s.numbers.clone(),
                        s.body.clone(),
                    ));
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
