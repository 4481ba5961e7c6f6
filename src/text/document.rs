//! A document's text in a rope, with total conversions between byte offsets and
//! protocol positions, and edits.
//!
//! Everything here is total: out-of-range input is clamped, never a panic. Offsets are
//! clamped to the text and snapped back to a char boundary before ropey sees them, and
//! ropey's fallible `try_*` calls are used so that a slip in that reasoning costs a wrong
//! answer, not a crashed server.

use std::borrow::Cow;
use std::ops::Range;

use ropey::Rope;

use super::{Edit, Position, PositionEncoding};

/// A document's text. Cloning is O(1) (the rope shares its nodes), so a request can take
/// a snapshot and let edits continue.
#[derive(Clone, Debug, Default)]
pub struct Document {
    rope: Rope,
}

/// The result of [`Document::apply_change`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangeOutcome {
    /// What changed, in byte offsets.
    pub edit: Edit,
    /// The client's range did not address the text exactly: a position was past the end of
    /// its line or of the document, inside a character, or the range was reversed. The edit
    /// was applied to the adjusted range; the LSP layer logs this, since it usually means
    /// client and server disagree about the text or the encoding.
    pub clamped: bool,
}

impl Document {
    pub fn new(text: &str) -> Self {
        Document {
            rope: Rope::from_str(text),
        }
    }

    pub fn from_rope(rope: Rope) -> Self {
        Document { rope }
    }

    pub fn rope(&self) -> &Rope {
        &self.rope
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// Number of lines, as the protocol counts them: a text ending in a line break has an
    /// empty last line after it; the empty text has one line.
    pub fn len_lines(&self) -> usize {
        self.rope.len_lines()
    }

    /// The text in `range`, clamped to the document, ordered and snapped back to char
    /// boundaries. Borrowed when the range lies within one rope chunk.
    pub fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        let (start, end) = self.char_range(range);
        match self.rope.get_byte_slice(start..end) {
            Some(slice) => match slice.as_str() {
                Some(s) => Cow::Borrowed(s),
                None => Cow::Owned(slice.to_string()),
            },
            None => Cow::Borrowed(""),
        }
    }

    /// The position of `offset`. An offset past the end means the end; one inside a
    /// character or between the `\r` and `\n` of a CRLF means the boundary before it.
    pub fn offset_to_position(&self, offset: usize, enc: PositionEncoding) -> Position {
        let offset = self.snap(offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        Position {
            line: saturate_u32(line),
            character: saturate_u32(self.units_between(start, offset, enc)),
        }
    }

    /// The positions of many offsets at once, each exactly as [`Document::offset_to_position`]
    /// gives it, in the order given. Sorted, they are converted chunk by chunk: the rope's
    /// tree is descended once per chunk holding an offset (which gives the line number at the
    /// chunk's start), and lines and columns are counted within the chunk. One by one, a
    /// conversion descends the tree about ten times (4 000 diagnostics on a 10 MB report took
    /// milliseconds that way).
    pub fn offsets_to_positions(&self, offsets: &[usize], enc: PositionEncoding) -> Vec<Position> {
        let len = self.len_bytes();
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut out = vec![Position::default(); offsets.len()];
        // The current chunk, its first byte and the line it starts in (ropey never splits a
        // CRLF between chunks, and chunks hold whole characters).
        let (mut chunk, mut chunk_start, mut chunk_line): (&str, usize, usize) = ("", 0, 0);
        let mut have_chunk = false;
        // Units of the current line that lie before the current chunk, when the line began in
        // an earlier one: (line, chunk start, units).
        let mut carried: Option<(usize, usize, usize)> = None;
        for i in order {
            let offset = offsets[i].min(len);
            let inside = offset >= chunk_start && offset < chunk_start + chunk.len();
            if !have_chunk || !(inside || offset == len && chunk_start + chunk.len() == len) {
                let Some((c, b, _, l)) = self.rope.get_chunk_at_byte(offset) else {
                    continue; // cannot happen: `offset` is clamped
                };
                (chunk, chunk_start, chunk_line) = (c, b, l);
                have_chunk = true;
            }
            let mut at = offset - chunk_start;
            while !chunk.is_char_boundary(at) {
                at -= 1;
            }
            let bytes = chunk.as_bytes();
            if at > 0 && at < bytes.len() && bytes[at] == b'\n' && bytes[at - 1] == b'\r' {
                at -= 1;
            }
            let before = &chunk[..at];
            // Breaks before `at`: a `\r` counts unless a `\n` follows it (that one counts).
            let mut breaks = 0;
            let mut last_break = None;
            let b = before.as_bytes();
            for j in memchr::memchr2_iter(b'\n', b'\r', b) {
                if b[j] == b'\n' || b.get(j + 1) != Some(&b'\n') {
                    breaks += 1;
                }
                last_break = Some(j);
            }
            let line = chunk_line + breaks;
            let character = match last_break {
                Some(j) => units_in(enc, &before[j + 1..]),
                None => {
                    // The line began before this chunk: count its part in earlier chunks once.
                    let earlier = match carried {
                        Some((l, c, u)) if l == line && c == chunk_start => u,
                        _ => {
                            let start = self.line_start(line).min(chunk_start);
                            let u = match enc {
                                PositionEncoding::Utf8 => chunk_start - start,
                                _ => self
                                    .rope
                                    .get_byte_slice(start..chunk_start)
                                    .map_or(0, |s| s.chunks().map(|c| units_in(enc, c)).sum()),
                            };
                            carried = Some((line, chunk_start, u));
                            u
                        }
                    };
                    earlier + units_in(enc, before)
                }
            };
            out[i] = Position {
                line: saturate_u32(line),
                character: saturate_u32(character),
            };
        }
        out
    }

    /// The offset of `pos`. A column past the line's content clamps to the content end
    /// (never onto the line break), a line past the last one clamps to the end of the
    /// document, and a column inside a character (a UTF-8 continuation byte, the second
    /// half of a surrogate pair) snaps back to that character's start.
    pub fn position_to_offset(&self, pos: Position, enc: PositionEncoding) -> usize {
        self.position_to_offset_checked(pos, enc).0
    }

    /// The positions of both ends of `r`, ordered.
    pub fn range_to_positions(
        &self,
        r: Range<usize>,
        enc: PositionEncoding,
    ) -> (Position, Position) {
        let (a, b) = ordered(r.start, r.end);
        (
            self.offset_to_position(a, enc),
            self.offset_to_position(b, enc),
        )
    }

    /// The byte range between two positions, ordered (swapped if `end` is before `start`).
    pub fn positions_to_range(
        &self,
        start: Position,
        end: Position,
        enc: PositionEncoding,
    ) -> Range<usize> {
        let (a, b) = ordered(
            self.position_to_offset(start, enc),
            self.position_to_offset(end, enc),
        );
        a..b
    }

    /// The line containing `offset` (clamped to the text). A line break belongs to the
    /// line it ends.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len_bytes());
        self.rope
            .try_byte_to_line(offset)
            .unwrap_or_else(|_| self.last_line())
    }

    /// The offset where `line` starts; the end of the document for a line past the last.
    pub fn line_start(&self, line: usize) -> usize {
        if line >= self.len_lines() {
            return self.len_bytes();
        }
        self.rope
            .try_line_to_byte(line)
            .unwrap_or_else(|_| self.len_bytes())
    }

    /// The offset where `line`'s content ends, before its terminator (`\n`, `\r\n` or
    /// `\r`); the end of the document for the last line or a line past it.
    pub fn line_content_end(&self, line: usize) -> usize {
        if line >= self.len_lines() {
            return self.len_bytes();
        }
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        if end > start && self.rope.get_byte(end - 1) == Some(b'\n') {
            end -= 1;
        }
        // Either the `\r` of a CRLF or a lone `\r`: ropey's `cr_lines` makes both breaks.
        if end > start && self.rope.get_byte(end - 1) == Some(b'\r') {
            end -= 1;
        }
        end
    }

    /// Replaces the bytes in `range` by `text`. The range is clamped to the document,
    /// ordered, and both ends snapped back to char boundaries, so a char is never split.
    /// (A range may still end between the `\r` and `\n` of a CRLF: that is a char
    /// boundary, and removing just the `\r` is a legitimate edit.)
    pub fn replace(&mut self, range: Range<usize>, text: &str) -> Edit {
        let (start, end) = self.char_range(range);
        let char_start = self.byte_to_char(start);
        let char_end = self.byte_to_char(end);
        if char_end > char_start {
            let removed = self.rope.try_remove(char_start..char_end);
            debug_assert!(removed.is_ok(), "remove of a clamped range failed");
        }
        if !text.is_empty() {
            let inserted = self.rope.try_insert(char_start, text);
            debug_assert!(inserted.is_ok(), "insert at a clamped index failed");
        }
        Edit {
            start,
            old_end: end,
            new_end: start + text.len(),
        }
    }

    /// Applies one `textDocument/didChange` content change: `range` in `enc`, or `None`
    /// to replace the whole text.
    pub fn apply_change(
        &mut self,
        range: Option<(Position, Position)>,
        text: &str,
        enc: PositionEncoding,
    ) -> ChangeOutcome {
        let Some((start, end)) = range else {
            let old_end = self.len_bytes();
            self.rope = Rope::from_str(text);
            return ChangeOutcome {
                edit: Edit {
                    start: 0,
                    old_end,
                    new_end: text.len(),
                },
                clamped: false,
            };
        };
        let (a, a_clamped) = self.position_to_offset_checked(start, enc);
        let (b, b_clamped) = self.position_to_offset_checked(end, enc);
        let edit = self.replace(a..b, text);
        ChangeOutcome {
            edit,
            clamped: a_clamped || b_clamped || start > end,
        }
    }

    /// [`Self::position_to_offset`], also telling whether `pos` had to be adjusted, that
    /// is whether it does not name exactly the offset returned.
    pub(crate) fn position_to_offset_checked(
        &self,
        pos: Position,
        enc: PositionEncoding,
    ) -> (usize, bool) {
        let line = pos.line as usize;
        if line >= self.len_lines() {
            return (self.len_bytes(), true);
        }
        let start = self.line_start(line);
        let end = self.line_content_end(line);
        let character = pos.character as usize;
        match enc {
            PositionEncoding::Utf8 => {
                let want = start.saturating_add(character);
                if want > end {
                    return (end, true);
                }
                let got = self.char_floor(want);
                (got, got != want)
            }
            PositionEncoding::Utf32 => {
                let (char_start, char_end) = (self.byte_to_char(start), self.byte_to_char(end));
                let want = char_start.saturating_add(character);
                if want > char_end {
                    return (end, true);
                }
                (self.char_to_byte(want), false)
            }
            PositionEncoding::Utf16 => {
                let cu_start = self.char_to_utf16(self.byte_to_char(start));
                let cu_end = self.char_to_utf16(self.byte_to_char(end));
                let want = cu_start.saturating_add(character);
                if want > cu_end {
                    return (end, true);
                }
                // Inside a surrogate pair ropey gives the char the pair belongs to: its start.
                let ch = self
                    .rope
                    .try_utf16_cu_to_char(want)
                    .unwrap_or_else(|_| self.byte_to_char(end));
                (self.char_to_byte(ch), self.char_to_utf16(ch) != want)
            }
        }
    }

    /// Units of `enc` between two char boundaries `a <= b`.
    fn units_between(&self, a: usize, b: usize, enc: PositionEncoding) -> usize {
        match enc {
            PositionEncoding::Utf8 => b.saturating_sub(a),
            PositionEncoding::Utf32 => self.byte_to_char(b).saturating_sub(self.byte_to_char(a)),
            PositionEncoding::Utf16 => {
                let cu_b = self.char_to_utf16(self.byte_to_char(b));
                let cu_a = self.char_to_utf16(self.byte_to_char(a));
                cu_b.saturating_sub(cu_a)
            }
        }
    }

    /// `range` clamped, snapped back to char boundaries and ordered.
    fn char_range(&self, range: Range<usize>) -> (usize, usize) {
        ordered(self.char_floor(range.start), self.char_floor(range.end))
    }

    /// `offset` clamped to the text and snapped back to a position boundary: a char
    /// boundary that is not between the `\r` and `\n` of a CRLF (no position names it).
    fn snap(&self, offset: usize) -> usize {
        let offset = self.char_floor(offset);
        if offset > 0
            && self.rope.get_byte(offset) == Some(b'\n')
            && self.rope.get_byte(offset - 1) == Some(b'\r')
        {
            offset - 1
        } else {
            offset
        }
    }

    /// `offset` clamped to the text and snapped back to a char boundary.
    fn char_floor(&self, offset: usize) -> usize {
        // Ropey maps a byte inside a char to that char; its start is the boundary before.
        self.char_to_byte(self.byte_to_char(offset))
    }

    fn byte_to_char(&self, offset: usize) -> usize {
        let offset = offset.min(self.len_bytes());
        self.rope
            .try_byte_to_char(offset)
            .unwrap_or_else(|_| self.rope.len_chars())
    }

    fn char_to_byte(&self, ch: usize) -> usize {
        let ch = ch.min(self.rope.len_chars());
        self.rope
            .try_char_to_byte(ch)
            .unwrap_or_else(|_| self.len_bytes())
    }

    fn char_to_utf16(&self, ch: usize) -> usize {
        let ch = ch.min(self.rope.len_chars());
        self.rope
            .try_char_to_utf16_cu(ch)
            .unwrap_or_else(|_| self.rope.len_utf16_cu())
    }

    fn last_line(&self) -> usize {
        self.len_lines().saturating_sub(1)
    }
}

fn ordered(a: usize, b: usize) -> (usize, usize) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

fn saturate_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The length of `s` in the units of `enc`, counted with SIMD (ropey's own counters).
fn units_in(enc: PositionEncoding, s: &str) -> usize {
    match enc {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 => str_indices::utf16::count(s),
        PositionEncoding::Utf32 => str_indices::chars::count(s),
    }
}
