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

struct Walker<'r> {
    rope: &'r Rope,
    enc: PositionEncoding,
    len: usize,
    line: usize,
    line_start: usize,
    /// The start of the next line (`usize::MAX` on the last line).
    next_line: usize,
    pos: usize,
    col: usize,
}

impl Walker<'_> {
    fn units(&self, from: usize, to: usize) -> usize {
        if to <= from {
            return 0;
        }
        match self.enc {
            PositionEncoding::Utf8 => to - from,
            enc => {
                let Some(bytes) = self.rope.get_bytes_at(from) else {
                    return 0;
                };
                bytes
                    .take(to - from)
                    .map(|b| match enc {
                        PositionEncoding::Utf16 if b >= 0xF0 => 2,
                        _ if b & 0xC0 == 0x80 => 0,
                        _ => 1,
                    })
                    .sum()
            }
        }
    }

    /// Moves the cursor forward to byte `t` (never backward).
    fn move_to(&mut self, t: usize) {
        let t = t.min(self.len);
        if t < self.pos {
            return;
        }
        if t >= self.next_line {
            self.line = self.rope.try_byte_to_line(t).unwrap_or(self.line);
            self.line_start = self.rope.try_line_to_byte(self.line).unwrap_or(t);
            self.next_line = if self.line + 1 < self.rope.len_lines() {
                self.rope
                    .try_line_to_byte(self.line + 1)
                    .unwrap_or(usize::MAX)
            } else {
                usize::MAX
            };
            self.pos = self.line_start;
            self.col = 0;
        }
        self.col += self.units(self.pos, t);
        self.pos = t;
    }

    /// Where the current line's content ends (before `\n`, `\r\n` or `\r`).
    fn content_end(&self) -> usize {
        if self.next_line == usize::MAX {
            return self.len;
        }
        let mut end = self.next_line;
        if end > self.line_start && self.rope.get_byte(end - 1) == Some(b'\n') {
            end -= 1;
        }
        if end > self.line_start && self.rope.get_byte(end - 1) == Some(b'\r') {
            end -= 1;
        }
        end
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
    let len = rope.len_bytes();
    let mut w = Walker {
        rope,
        enc,
        len,
        line: 0,
        line_start: 0,
        next_line: if rope.len_lines() > 1 {
            rope.try_line_to_byte(1).unwrap_or(usize::MAX)
        } else {
            usize::MAX
        },
        pos: 0,
        col: 0,
    };
    let mut out = Vec::new();
    for (index, r) in ranges.into_iter().enumerate() {
        let (s, e) = (r.start.min(len), r.end.min(len));
        if s >= e || s < w.pos {
            continue;
        }
        w.move_to(s);
        let (line, character) = (w.line, w.col);
        let end_here = w.content_end();
        if e <= end_here || multiline {
            let length = w.units(s, e);
            out.push(LineSpan {
                line: sat(line),
                character: sat(character),
                length: sat(length),
                index,
            });
            w.move_to(e);
            continue;
        }
        // Split: the rest of this line, then each following line up to `e`.
        let mut from = s;
        loop {
            let end = w.content_end().min(e);
            if end > from {
                out.push(LineSpan {
                    line: sat(w.line),
                    character: sat(w.col),
                    length: sat(w.units(from, end)),
                    index,
                });
            }
            if w.next_line >= e || w.next_line == usize::MAX {
                w.move_to(end);
                break;
            }
            w.move_to(w.next_line);
            from = w.pos;
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
