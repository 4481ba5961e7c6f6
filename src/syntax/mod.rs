//! Pure parse: line lexer -> block builder -> `Report`, with an incremental re-lex of edited lines.
//!
//! `Parse` keeps one `LineInfo` per line of the text (lines as ropey counts them, so the last line
//! may be empty), their items in one arena ([`lexer::Lines`]). An edit re-lexes only the lines it touches and splices them in; the builder then
//! resumes its walk over the cached lines from a checkpoint shortly before them and stops at the
//! first checkpoint after them that the edit did not change (`builder::rebuild`), moving the rest
//! of the report by the edit's length. It never reads the text again.

mod builder;
pub mod lexer;
pub mod model;
pub mod papers;

use std::borrow::Cow;
use std::sync::Arc;

pub use model::*;
use ropey::Rope;

use crate::text::Edit;
use lexer::{Item, LineInfo, Lines};

#[derive(Clone, Debug)]
pub struct Parse {
    lines: Lines,
    /// Where each line starts, in 32 bits (a 10 MB report has 50 000 lines). In a text of 4 GB
    /// or more they saturate, and every edit parses afresh (see [`Parse::relex_lines`]).
    starts: Vec<u32>,
    report: Arc<Report>,
    /// The builder's checkpoints for `report`; `None` when `report` is not the build of `lines`
    /// (after [`Parse::relex`] alone), and the next edit builds afresh.
    checkpoints: Option<Vec<builder::Checkpoint>>,
    /// How many lines are answer markers: whether any is decides how numbered questions without
    /// one are read, everywhere in the document.
    answer_markers: usize,
    /// Lines at least between the builder's checkpoints.
    checkpoint_every: usize,
    /// How many lines the last build walked (all of them unless it was incremental).
    walked: usize,
    /// An older version of the report, for when `report` is shared (see [`Parse::apply`]).
    spare: Option<Spare>,
}

/// An older version of the report and the splices that turn it into the current one.
#[derive(Clone, Debug)]
struct Spare {
    report: Arc<Report>,
    pending: Vec<builder::Splice>,
}

/// Splices kept for a spare at most (the server analyses after a pause of 200 ms, so a few pile
/// up between analyses): replaying one costs about a pass over the report's rest (some 0.1–0.3 ms
/// on 10 MB right after an analysis, the caches cold), copying the report several ms there.
const MAX_PENDING: usize = 16;

/// In debug builds, each incremental re-lex and rebuild of a text of at most this many lines is
/// checked against a full one (cheap there, and it puts every debug test and session on watch).
#[cfg(debug_assertions)]
const CHECK_REBUILD_LINES: usize = 5_000;

/// Splits off a line terminator: (content, terminator length).
fn split_terminator(line: &str) -> (&str, u8) {
    if let Some(s) = line.strip_suffix("\r\n") {
        (s, 2)
    } else if let Some(s) = line.strip_suffix(['\n', '\r']) {
        (s, 1)
    } else {
        (line, 0)
    }
}

/// Lines as ropey's `cr_lines` counts them: ends at `\n`, `\r\n` or a lone `\r`; a text ending in
/// a terminator has a final empty line.
fn lex_str(text: &str, out: &mut Lines) {
    lexer::lex_text(text, out);
}

/// Lexes line `line` of `rope`, its items pushed onto `items` (the line table's arena); of a
/// line longer than [`lexer::MAX_LEXED_LINE`] only the part that is lexed is copied out of the
/// rope.
fn lex_rope_line(rope: &Rope, line: usize, items: &mut Vec<Item>) -> LineInfo {
    let slice = rope.line(line);
    let total = slice.len_bytes();
    if total > lexer::MAX_LEXED_LINE {
        let last = slice.get_byte(total - 1);
        let term: u8 = match last {
            Some(b'\n') if total >= 2 && slice.get_byte(total - 2) == Some(b'\r') => 2,
            Some(b'\n' | b'\r') => 1,
            _ => 0,
        };
        let len = total - term as usize;
        if len > lexer::MAX_LEXED_LINE {
            // Ropey maps a byte inside a char to that char: its start is the boundary before.
            let cut = slice.char_to_byte(slice.byte_to_char(lexer::MAX_LEXED_LINE));
            let prefix: Cow<str> = slice.byte_slice(..cut).into();
            return lexer::lex_cut_into(&prefix, len, term, items);
        }
    }
    let (text, term) = line_of_rope(rope, line);
    lexer::lex_line_into(&text, term, items)
}

fn line_of_rope(rope: &Rope, line: usize) -> (Cow<'_, str>, u8) {
    let slice = rope.line(line);
    let cow: Cow<str> = slice.into();
    match cow {
        Cow::Borrowed(s) => {
            let (c, t) = split_terminator(s);
            (Cow::Borrowed(c), t)
        }
        Cow::Owned(s) => {
            let (c, t) = split_terminator(&s);
            let c = c.to_string();
            (Cow::Owned(c), t)
        }
    }
}

/// About how many lines `text` has, to size the line table: those of its first 256 KB (all of
/// a shorter text), scaled to its length, with a little room. A bound on the count instead (a
/// line per 64 bytes) reserved three times the table a typical report needs, and shrinking the
/// table afterwards copies it.
fn lines_estimate(text: &str) -> usize {
    const SAMPLE: usize = 1 << 18;
    let sample = &text.as_bytes()[..text.len().min(SAMPLE)];
    let n = memchr::memchr_iter(b'\n', sample).count() + 1;
    if text.len() <= SAMPLE {
        return n;
    }
    let scaled = n as u64 * text.len() as u64 / SAMPLE as u64;
    usize::try_from(scaled + scaled / 16 + 16).unwrap_or(usize::MAX / 2)
}

#[cfg(debug_assertions)]
fn starts_of(lines: &[LineInfo]) -> Vec<u32> {
    starts_and_answer_markers(lines).0
}

/// [`starts_of`], and how many lines are answer markers: one pass over the line table (a pass
/// each was a walk through some 2.5 MB on 10 MB).
fn starts_and_answer_markers(lines: &[LineInfo]) -> (Vec<u32>, usize) {
    let mut at = 0usize;
    let mut markers = 0;
    // Collected from a mapped slice iterator: its length is known, so no push checks for room.
    let starts = lines
        .iter()
        .map(|l| {
            let start = u32::try_from(at).unwrap_or(u32::MAX);
            at += l.len as usize + l.term as usize;
            markers += usize::from(builder::is_answer_marker(l));
            start
        })
        .collect();
    (starts, markers)
}

impl Parse {
    /// Parses a whole text.
    pub fn new(text: &str) -> Parse {
        Self::with_checkpoints_every(text, builder::CHECKPOINT_EVERY)
    }

    /// [`Parse::new`] with the builder's checkpoints about `every` lines apart (for tests: a
    /// short distance exercises the incremental rebuild on short texts).
    #[doc(hidden)]
    pub fn with_checkpoints_every(text: &str, every: usize) -> Parse {
        let mut lines = Lines::with_capacity(lines_estimate(text));
        lex_str(text, &mut lines);
        Self::from_lines(lines, every)
    }

    pub fn from_rope(rope: &Rope) -> Parse {
        Self::from_rope_every(rope, builder::CHECKPOINT_EVERY)
    }

    fn from_rope_every(rope: &Rope, every: usize) -> Parse {
        let mut lines = Lines::with_capacity(rope.len_lines());
        let mut lexed = 0;
        for i in 0..rope.len_lines() {
            lines.push_with(|items| lex_rope_line(rope, i, items));
            let from = lexed;
            lexed += lines[i].len as usize + usize::from(lines[i].term);
            lines.lexed(from, lexed, rope.len_bytes());
        }
        Self::from_lines(lines, every)
    }

    fn from_lines(mut lines: Lines, every: usize) -> Parse {
        lines.shrink_items();
        let (starts, answer_markers) = starts_and_answer_markers(&lines);
        let (report, checkpoints) =
            builder::build_with_checkpoints(&lines, &starts, None, answer_markers > 0, every);
        Parse {
            starts,
            report: Arc::new(report),
            checkpoints: Some(checkpoints),
            answer_markers,
            checkpoint_every: every,
            walked: lines.len(),
            lines,
            spare: None,
        }
    }

    pub fn report(&self) -> &Arc<Report> {
        &self.report
    }

    /// The lexed lines (for tests and for features that need a line's classification).
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// Applies an edit already made to the text (`rope_after` is the new text): re-lexes the lines
    /// it touched, plus one line on either side (a `\r` and a `\n` can join or part across the
    /// edit's ends), and rebuilds the report from a checkpoint before them to one after them.
    pub fn edit(&mut self, rope_after: &Rope, edit: Edit) {
        let Some(change) = self.relex_lines(rope_after, edit) else {
            return; // parsed afresh
        };
        let any_after = self.answer_markers > 0;
        let rebuilt = match &mut self.checkpoints {
            // Whether any line is an answer marker changes how every numbered question reads.
            Some(checkpoints) if change.any_answer_marker_before == any_after => builder::rebuild(
                &self.lines,
                &self.starts,
                &self.report,
                checkpoints,
                &change.lines,
                any_after,
                self.checkpoint_every,
            ),
            _ => None,
        };
        match rebuilt {
            Some((walked, splice)) => {
                self.walked = walked;
                self.apply(splice);
                self.check_rebuild();
            }
            None => {
                self.spare = None;
                let (report, checkpoints) = builder::build_with_checkpoints(
                    &self.lines,
                    &self.starts,
                    Some(&self.report),
                    self.answer_markers > 0,
                    self.checkpoint_every,
                );
                self.report = Arc::new(report);
                self.checkpoints = Some(checkpoints);
                self.walked = self.lines.len();
            }
        }
    }

    /// How many lines the last build walked: all of them, unless it was an incremental rebuild
    /// (for tests and benchmarks).
    #[doc(hidden)]
    pub fn walked(&self) -> usize {
        self.walked
    }

    /// Turns the report into the rebuilt one. In place when nothing else holds it (while typing,
    /// nothing does); when something does (the last analysis, a request), copying it would cost
    /// more than the rebuild (some 1 ms on 10 MB), so the spare, the version before, is brought up
    /// to date instead when nothing holds it any more, and the shared one becomes the spare.
    fn apply(&mut self, splice: builder::Splice) {
        if let Some(r) = Arc::get_mut(&mut self.report) {
            splice.apply(r);
            match &mut self.spare {
                Some(spare) if spare.pending.len() < MAX_PENDING => spare.pending.push(splice),
                _ => self.spare = None,
            }
            return;
        }
        let mut next = match self.spare.take() {
            Some(mut spare) => {
                let caught_up = Arc::get_mut(&mut spare.report).map(|r| {
                    for s in &spare.pending {
                        s.apply(r);
                    }
                });
                match caught_up {
                    Some(()) => spare.report,
                    None => self.report.clone(),
                }
            }
            None => self.report.clone(),
        };
        // Copies the report only when the spare could not be used.
        splice.apply(Arc::make_mut(&mut next));
        let held = std::mem::replace(&mut self.report, next);
        self.spare = Some(Spare {
            report: held,
            pending: vec![splice],
        });
    }

    /// In debug builds, that the rebuilt report and checkpoints are those of a full build.
    fn check_rebuild(&self) {
        #[cfg(debug_assertions)]
        if self.lines.len() <= CHECK_REBUILD_LINES {
            let full = builder::build(&self.lines, &self.starts, None);
            debug_assert!(
                *self.report == full,
                "incremental rebuild differs from full build"
            );
            debug_assert!(self.checkpoints_hold());
        }
    }

    /// Whether the builder's checkpoints are what a full walk has at their lines (for tests).
    #[doc(hidden)]
    pub fn checkpoints_hold(&self) -> bool {
        self.checkpoints
            .as_ref()
            .is_none_or(|c| builder::verify(&self.lines, &self.starts, c))
    }

    /// The incremental re-lex alone (without rebuilding the report); returns the number of lines
    /// lexed. Public for benchmarks and tests: the report is stale until the next `edit`, which
    /// then builds it afresh.
    pub fn relex(&mut self, rope_after: &Rope, edit: Edit) -> usize {
        match self.relex_lines(rope_after, edit) {
            Some(change) => {
                self.checkpoints = None;
                self.spare = None;
                change.lines.new_tail - change.lines.first
            }
            None => self.lines.len(),
        }
    }

    /// Re-lexes what `edit` touched; `None` when it parsed the new text afresh instead (report
    /// included).
    fn relex_lines(&mut self, rope_after: &Rope, edit: Edit) -> Option<Relexed> {
        let old_total: usize = self
            .starts
            .last()
            .map(|&s| {
                s as usize
                    + self
                        .lines
                        .last()
                        .map_or(0, |l| l.len as usize + l.term as usize)
            })
            .unwrap_or(0);
        let new_total = rope_after.len_bytes();
        // An inconsistent edit (it does not describe the change from our text to this one) is
        // answered with a full re-lex rather than a wrong parse.
        // So is an edit to a text of 4 GB or more, whose line starts do not fit in 32 bits.
        let consistent = new_total <= u32::MAX as usize
            && old_total < u32::MAX as usize
            && edit.start <= edit.old_end
            && edit.old_end <= old_total
            && edit.start <= edit.new_end
            && new_total + edit.old_end == old_total + edit.new_end;
        if !consistent || self.lines.is_empty() {
            *self = Parse::from_rope_every(rope_after, self.checkpoint_every);
            return None;
        }
        // Both texts are under 4 GB (checked above).
        let line_at = |off: usize| match self.starts.binary_search(&(off as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let first = line_at(edit.start).saturating_sub(1);
        let last_old = (line_at(edit.old_end) + 1).min(self.lines.len() - 1);
        let tail = self.lines.len() - 1 - last_old; // unchanged lines after the edit
        let new_len_lines = rope_after.len_lines();
        if new_len_lines < first + tail + 1 {
            *self = Parse::from_rope_every(rope_after, self.checkpoint_every);
            return None;
        }
        let last_new = new_len_lines - 1 - tail;
        // Their items go to the arena's end; the replaced lines' become garbage there.
        let arena = self.lines.arena();
        let relexed: Vec<LineInfo> = (first..=last_new)
            .map(|i| lex_rope_line(rope_after, i, arena))
            .collect();
        let added = relexed
            .iter()
            .filter(|l| builder::is_answer_marker(l))
            .count();
        let any_answer_marker_before = self.answer_markers > 0;
        let removed = self.lines[first..=last_old]
            .iter()
            .filter(|l| builder::is_answer_marker(l))
            .count();
        self.lines.splice(first..=last_old, relexed);
        self.answer_markers = (self.answer_markers + added).saturating_sub(removed);
        // Starts before `first` are unchanged, those of the re-lexed lines follow from their
        // lengths, and the rest move by the edit's length difference (in place: a keystroke
        // touches every start after it, but only with an add).
        let mut at = self.starts.get(first).copied().unwrap_or(0);
        let relexed_starts = self.lines[first..=last_new].iter().map(|l| {
            let s = at;
            at += l.len + u32::from(l.term);
            s
        });
        self.starts.splice(first..=last_old, relexed_starts);
        // Modulo 2^32, like the starts.
        let delta = new_total.wrapping_sub(old_total) as u32;
        for s in &mut self.starts[last_new + 1..] {
            *s = s.wrapping_add(delta);
        }
        #[cfg(debug_assertions)]
        if self.lines.len() <= CHECK_REBUILD_LINES {
            debug_assert_eq!(self.starts, starts_of(&self.lines));
        }
        Some(Relexed {
            lines: builder::Change {
                first,
                old_tail: last_old + 1,
                new_tail: last_new + 1,
                lo: edit.start,
                hi: edit.old_end,
                new_end: edit.new_end,
            },
            any_answer_marker_before,
        })
    }
}

/// What [`Parse::relex_lines`] changed.
struct Relexed {
    lines: builder::Change,
    any_answer_marker_before: bool,
}

/// Parses a text into a report.
pub fn parse(text: &str) -> Report {
    Arc::unwrap_or_clone(Parse::new(text).report)
}
