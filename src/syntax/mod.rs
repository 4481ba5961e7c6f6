//! Pure parse: line lexer -> block builder -> `Report`, with an incremental re-lex of edited lines.
//!
//! `Parse` keeps one `LineInfo` per line of the text (lines as ropey counts them, so the last line
//! may be empty). An edit re-lexes only the lines it touches and splices them in; the builder then
//! rebuilds the report from the cached lines, which never reads the text again.

mod builder;
pub mod lexer;
pub mod model;
pub mod papers;

use std::borrow::Cow;
use std::sync::Arc;

pub use model::*;
use ropey::Rope;

use crate::text::Edit;
use lexer::{lex_line, LineInfo};

#[derive(Clone, Debug)]
pub struct Parse {
    lines: Vec<LineInfo>,
    starts: Vec<usize>,
    report: Arc<Report>,
}

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
fn lex_str(text: &str, out: &mut Vec<LineInfo>) {
    lexer::lex_text(text, out);
}

/// Lexes line `line` of `rope`; of a line longer than [`lexer::MAX_LEXED_LINE`] only the part
/// that is lexed is copied out of the rope.
fn lex_rope_line(rope: &Rope, line: usize) -> LineInfo {
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
            return lexer::lex_cut(&prefix, len, term);
        }
    }
    let (text, term) = line_of_rope(rope, line);
    lex_line(&text, term)
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

fn starts_of(lines: &[LineInfo]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in lines {
        starts.push(at);
        at += l.len + l.term as usize;
    }
    starts
}

impl Parse {
    /// Parses a whole text.
    pub fn new(text: &str) -> Parse {
        let mut lines = Vec::with_capacity(text.len() / 64 + 1);
        lex_str(text, &mut lines);
        Self::from_lines(lines)
    }

    pub fn from_rope(rope: &Rope) -> Parse {
        let lines = (0..rope.len_lines())
            .map(|i| lex_rope_line(rope, i))
            .collect();
        Self::from_lines(lines)
    }

    fn from_lines(lines: Vec<LineInfo>) -> Parse {
        let starts = starts_of(&lines);
        let report = Arc::new(builder::build(&lines, &starts, None));
        Parse {
            lines,
            starts,
            report,
        }
    }

    pub fn report(&self) -> &Arc<Report> {
        &self.report
    }

    /// The lexed lines (for tests and for features that need a line's classification).
    pub fn lines(&self) -> &[LineInfo] {
        &self.lines
    }

    /// Applies an edit already made to the text (`rope_after` is the new text): re-lexes the lines
    /// it touched, plus one line on either side (a `\r` and a `\n` can join or part across the
    /// edit's ends), and rebuilds the report.
    pub fn edit(&mut self, rope_after: &Rope, edit: Edit) {
        self.relex(rope_after, edit);
        self.report = Arc::new(builder::build(
            &self.lines,
            &self.starts,
            Some(&self.report),
        ));
    }

    /// The incremental re-lex alone (without rebuilding the report); returns the number of lines
    /// lexed. Public for benchmarks and tests.
    pub fn relex(&mut self, rope_after: &Rope, edit: Edit) -> usize {
        let old_total: usize = self
            .starts
            .last()
            .map(|s| s + self.lines.last().map_or(0, |l| l.len + l.term as usize))
            .unwrap_or(0);
        let new_total = rope_after.len_bytes();
        // An inconsistent edit (it does not describe the change from our text to this one) is
        // answered with a full re-lex rather than a wrong parse.
        let consistent = edit.start <= edit.old_end
            && edit.old_end <= old_total
            && edit.start <= edit.new_end
            && new_total + edit.old_end == old_total + edit.new_end;
        if !consistent || self.lines.is_empty() {
            *self = Parse::from_rope(rope_after);
            return self.lines.len();
        }
        let line_at = |off: usize| match self.starts.binary_search(&off) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let first = line_at(edit.start).saturating_sub(1);
        let last_old = (line_at(edit.old_end) + 1).min(self.lines.len() - 1);
        let tail = self.lines.len() - 1 - last_old; // unchanged lines after the edit
        let new_len_lines = rope_after.len_lines();
        if new_len_lines < first + tail + 1 {
            *self = Parse::from_rope(rope_after);
            return self.lines.len();
        }
        let last_new = new_len_lines - 1 - tail;
        let relexed: Vec<LineInfo> = (first..=last_new)
            .map(|i| lex_rope_line(rope_after, i))
            .collect();
        let n = relexed.len();
        self.lines.splice(first..=last_old, relexed);
        // Starts before `first` are unchanged; the rest shift.
        self.starts.truncate(first);
        let mut at = self.starts.last().map_or(0, |&s| {
            s + self.lines[first - 1].len + self.lines[first - 1].term as usize
        });
        if first == 0 {
            at = 0;
        }
        for l in &self.lines[first..] {
            self.starts.push(at);
            at += l.len + l.term as usize;
        }
        n
    }
}

/// Parses a text into a report.
pub fn parse(text: &str) -> Report {
    Arc::unwrap_or_clone(Parse::new(text).report)
}
