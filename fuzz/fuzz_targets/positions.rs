//! Position conversions of `text::Document` in every encoding against a plain reference written
//! over a `&str`: offset -> position, position -> offset (clamped, snapped back inside a
//! character), round trips, and `apply_change` producing the text the reference produces.
#![no_main]

use arbitrary::Arbitrary;
use griffel::text::{Document, Position, PositionEncoding};
use libfuzzer_sys::fuzz_target;

/// Text is built from these, so that line breaks and multi-byte characters are everywhere.
const ALPHABET: &[&str] = &[
    "a", "b", " ", "\n", "\r", "\r\n", "é", "🙂", "…", "ĳ", "\u{a0}", "\t", "\u{85}", "\u{2028}",
    "\u{c}", "x",
];

#[derive(Arbitrary, Debug)]
enum Op {
    ToPosition(u32),
    ToOffset(u16, u16),
    Change(u16, u16, u16, u16, Vec<u8>),
    Whole(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    text: Vec<u8>,
    enc: u8,
    ops: Vec<Op>,
}

fn build(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| ALPHABET[b as usize % ALPHABET.len()])
        .collect()
}

/// Lines as LSP counts them: (start, content end). Breaks at `\n`, `\r\n` and a lone `\r`.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                out.push((start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push((start, b.len()));
    out
}

fn units(s: &str, enc: PositionEncoding) -> usize {
    match enc {
        PositionEncoding::Utf8 => s.len(),
        PositionEncoding::Utf16 => s.encode_utf16().count(),
        PositionEncoding::Utf32 => s.chars().count(),
    }
}

fn ref_position(text: &str, offset: usize, enc: PositionEncoding) -> Position {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    if o > 0 && text.as_bytes().get(o) == Some(&b'\n') && text.as_bytes()[o - 1] == b'\r' {
        o -= 1;
    }
    let ls = lines(text);
    let line = ls.iter().rposition(|&(s, _)| s <= o).unwrap_or(0);
    Position::new(line as u32, units(&text[ls[line].0..o], enc) as u32)
}

fn ref_offset(text: &str, pos: Position, enc: PositionEncoding) -> usize {
    let ls = lines(text);
    let Some(&(start, end)) = ls.get(pos.line as usize) else {
        return text.len();
    };
    let want = pos.character as usize;
    let mut at = 0;
    for (i, c) in text[start..end].char_indices() {
        let w = units(c.encode_utf8(&mut [0; 4]), enc);
        if at == want {
            return start + i;
        }
        if at + w > want {
            return start + i; // inside this character: its start
        }
        at += w;
    }
    end // at or past the content end
}

fuzz_target!(|input: Input| {
    let enc = match input.enc % 3 {
        0 => PositionEncoding::Utf8,
        1 => PositionEncoding::Utf16,
        _ => PositionEncoding::Utf32,
    };
    let mut text = build(&input.text);
    let mut doc = Document::new(&text);
    assert_eq!(doc.len_lines(), lines(&text).len());

    // Round trip at every position boundary.
    for o in 0..=text.len() {
        if !text.is_char_boundary(o) {
            continue;
        }
        let p = doc.offset_to_position(o, enc);
        assert_eq!(p, ref_position(&text, o, enc), "offset {o} of {text:?}");
        let between_crlf =
            o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n');
        if !between_crlf {
            assert_eq!(doc.position_to_offset(p, enc), o, "{p:?} of {text:?}");
        }
    }

    for op in input.ops.iter().take(32) {
        match op {
            Op::ToPosition(o) => {
                let o = *o as usize % (text.len() + 8);
                assert_eq!(doc.offset_to_position(o, enc), ref_position(&text, o, enc));
            }
            Op::ToOffset(l, c) => {
                let p = Position::new(*l as u32 % 64, *c as u32 % 256);
                assert_eq!(
                    doc.position_to_offset(p, enc),
                    ref_offset(&text, p, enc),
                    "{p:?} in {text:?}"
                );
            }
            Op::Change(l1, c1, l2, c2, insert) => {
                let a = Position::new(*l1 as u32 % 64, *c1 as u32 % 256);
                let b = Position::new(*l2 as u32 % 64, *c2 as u32 % 256);
                let insert = build(insert);
                let (x, y) = (ref_offset(&text, a, enc), ref_offset(&text, b, enc));
                let (x, y) = (x.min(y), x.max(y));
                doc.apply_change(Some((a, b)), &insert, enc);
                text.replace_range(x..y, &insert);
            }
            Op::Whole(t) => {
                text = build(t);
                doc.apply_change(None, &text, enc);
            }
        }
        assert_eq!(doc.len_bytes(), text.len());
        assert_eq!(doc.rope().to_string(), text);
        assert_eq!(doc.len_lines(), lines(&text).len());
    }
});
