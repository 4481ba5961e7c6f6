//! Many sorted ranges converted to protocol positions in one pass, for semantic tokens: a
//! cursor walks the text from range to range, jumping whole lines by the rope's line index and
//! counting units only within the lines that hold a range. Ranges over several lines are split
//! at line ends unless the caller takes multi-line spans.

use std::ops::Range;

use ropey::Rope;

use super::PositionEncoding;

/// A range's part on one line, in the units of the encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineSpan {
    pub line: u32,
    pub character: u32,
    pub length: u32,
    /// Which input range this came from.
    pub index: usize,
}

/// A forward-only cursor over the rope's chunks that knows the line and the column of its
/// position. Moving scans the bytes in between once, for line breaks with `memchr` and for the
/// column with a branch-free count, so a pass over all tokens reads the text once instead of
/// asking the rope's index twice per token.
struct Walker<'r> {
    enc: PositionEncoding,
    len: usize,
    chunks: ropey::iter::Chunks<'r>,
    chunk: &'r [u8],
    chunk_start: usize,
    pos: usize,
    line: usize,
    /// Units from the start of the line to `pos`.
    col: usize,
    /// Where the last `\r` was, so that the `\n` of a `\r\n` in the next chunk is no new line.
    last_cr: Option<usize>,
    /// While set, each line break passed is noted in `marks` as (its line, its column).
    record: bool,
    marks: Vec<(usize, usize)>,
}

fn units(enc: PositionEncoding, s: &[u8]) -> usize {
    match enc {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 => s
            .iter()
            .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
            .sum(),
        PositionEncoding::Utf32 => s.iter().filter(|&&b| b & 0xC0 != 0x80).count(),
    }
}

impl<'r> Walker<'r> {
    fn new(rope: &'r Rope, enc: PositionEncoding) -> Walker<'r> {
        let mut chunks = rope.chunks();
        let chunk = chunks.next().unwrap_or("").as_bytes();
        Walker {
            enc,
            len: rope.len_bytes(),
            chunks,
            chunk,
            chunk_start: 0,
            pos: 0,
            line: 0,
            col: 0,
            last_cr: None,
            record: false,
            marks: Vec::new(),
        }
    }

    /// Moves forward to `t` (never back), counting the line breaks and the column on the way.
    fn advance(&mut self, t: usize) {
        let t = t.min(self.len);
        while self.pos < t {
            let chunk_end = self.chunk_start + self.chunk.len();
            if self.pos >= chunk_end {
                match self.chunks.next() {
                    Some(c) => {
                        self.chunk_start = chunk_end;
                        self.chunk = c.as_bytes();
                        continue;
                    }
                    None => return,
                }
            }
            let (a, b) = (
                self.pos - self.chunk_start,
                t.min(chunk_end) - self.chunk_start,
            );
            let piece = &self.chunk[a..b];
            let mut tail = 0;
            for i in memchr::memchr2_iter(b'\n', b'\r', piece) {
                let abs = self.pos + i;
                // The `\n` of a `\r\n` ends the line the `\r` already ended.
                let crlf_tail = piece[i] == b'\n' && self.last_cr.is_some_and(|cr| cr + 1 == abs);
                if !crlf_tail {
                    if self.record {
                        let col = self.col + units(self.enc, &piece[tail..i]);
                        self.marks.push((self.line, col));
                    }
                    self.line += 1;
                }
                if piece[i] == b'\r' {
                    self.last_cr = Some(abs);
                }
                tail = i + 1;
                self.col = 0;
            }
            self.col += units(self.enc, &piece[tail..]);
            self.pos += piece.len();
        }
    }
}

fn sat(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Converts `ranges` (sorted by start, not overlapping) to line spans in `enc`. Empty parts are
/// left out; a range that starts before the end of the previous one is skipped.
pub fn line_spans(
    rope: &Rope,
    ranges: impl IntoIterator<Item = Range<usize>>,
    enc: PositionEncoding,
    multiline: bool,
) -> Vec<LineSpan> {
    let mut w = Walker::new(rope, enc);
    let len = w.len;
    let mut out = Vec::new();
    let mut push = |line: usize, character: usize, length: usize, index: usize| {
        if length > 0 {
            out.push(LineSpan {
                line: sat(line),
                character: sat(character),
                length: sat(length),
                index,
            });
        }
    };
    for (index, r) in ranges.into_iter().enumerate() {
        let (s, e) = (r.start.min(len), r.end.min(len));
        if s >= e || s < w.pos {
            continue;
        }
        w.advance(s);
        let (line, character) = (w.line, w.col);
        w.marks.clear();
        w.record = true;
        w.advance(e);
        w.record = false;
        if w.marks.is_empty() {
            push(line, character, w.col - character, index);
        } else if multiline {
            // One span over the lines, its length counting every unit, line breaks included.
            let length = rope
                .get_byte_slice(s..e)
                .map_or(0, |sl| sl.chunks().map(|c| units(enc, c.as_bytes())).sum());
            push(line, character, length, index);
        } else {
            // Split at each break: the rest of the first line, the whole lines, the last part.
            let mut from = character;
            for &(l, c) in &w.marks {
                push(l, from, c.saturating_sub(from), index);
                from = 0;
            }
            push(w.line, 0, w.col, index);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Document, Position};
    use proptest::prelude::*;

    fn pieces() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["a", "é", "🙂", "…", " ", "\n", "\r\n", "\r", "ĳ"]),
            0..60,
        )
        .prop_map(|v| v.concat())
    }

    proptest! {
        /// Every span maps back, through the document's own conversions, onto the part of its
        /// range on that line; together the spans cover the range minus its line breaks.
        #[test]
        fn spans_agree_with_the_documents_positions(
            text in pieces(),
            cuts in prop::collection::vec(0usize..400, 0..12),
            multiline in any::<bool>(),
        ) {
            let doc = Document::new(&text);
            // Char boundaries that do not fall between the `\r` and `\n` of a CRLF.
            let ok: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i)
                    && !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n')))
                .collect();
            let mut points: Vec<usize> = cuts.iter().map(|c| ok[c % ok.len()]).collect();
            points.sort_unstable();
            points.dedup();
            let ranges: Vec<Range<usize>> = points.chunks(2).filter(|c| c.len() == 2).map(|c| c[0]..c[1]).collect();
            for enc in [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32] {
                let spans = line_spans(doc.rope(), ranges.clone(), enc, multiline);
                for (i, r) in ranges.iter().enumerate() {
                    let mine: Vec<&LineSpan> = spans.iter().filter(|s| s.index == i).collect();
                    let covered: String = mine.iter().map(|s| {
                        let a = doc.position_to_offset(Position::new(s.line, s.character), enc);
                        let b = if multiline {
                            r.end
                        } else {
                            doc.position_to_offset(Position::new(s.line, s.character + s.length), enc)
                        };
                        text[a..b].to_string()
                    }).collect();
                    let expected: String = if multiline {
                        text[r.clone()].to_string()
                    } else {
                        text[r.clone()].chars().filter(|c| *c != '\n' && *c != '\r').collect()
                    };
                    prop_assert_eq!(&covered, &expected, "range {:?} in {:?}", r, text);
                    if let Some(first) = mine.first() {
                        let p = doc.offset_to_position(r.start, enc);
                        if !text[r.clone()].starts_with(['\n', '\r']) {
                            prop_assert_eq!((first.line, first.character), (p.line, p.character));
                        }
                    }
                    if multiline {
                        prop_assert!(mine.len() <= 1);
                    }
                }
            }
        }
    }
}
