//! Tests of the text layer: exact positions, clamping, edits, and properties against a
//! naive model that works on a `String` by walking bytes and chars (independent of ropey).

// Reversed ranges are inputs under test, not mistakes.
#![allow(clippy::reversed_empty_ranges)]

use super::*;
use proptest::prelude::*;
use proptest::sample::Index;
use PositionEncoding::{Utf16, Utf32, Utf8};

const ENCODINGS: [PositionEncoding; 3] = [Utf8, Utf16, Utf32];

fn pos(line: u32, character: u32) -> Position {
    Position { line, character }
}

/// Asserts that `offset` is at `line` with the given column in UTF-8, UTF-16 and UTF-32,
/// in both directions.
#[track_caller]
fn assert_at(doc: &Document, offset: usize, line: u32, cols: [u32; 3]) {
    for (enc, col) in ENCODINGS.into_iter().zip(cols) {
        assert_eq!(
            doc.offset_to_position(offset, enc),
            pos(line, col),
            "offset {offset} in {enc:?}"
        );
        assert_eq!(
            doc.position_to_offset(pos(line, col), enc),
            offset,
            "position {line}:{col} in {enc:?}"
        );
    }
}

fn text(doc: &Document) -> String {
    doc.rope().to_string()
}

// ---------------------------------------------------------------------------------------
// Exact positions

#[test]
fn columns_after_dutch_typography_and_emoji() {
    // a é space ĳ … NBSP ‘ ’ 😀 z: bytes 1 2 1 2 3 2 3 3 4 1, UTF-16 units all 1 but 😀 (2).
    let doc = Document::new("aé ĳ…\u{a0}‘’😀z\nq");
    assert_at(&doc, 0, 0, [0, 0, 0]);
    assert_at(&doc, 1, 0, [1, 1, 1]); // before é
    assert_at(&doc, 3, 0, [3, 2, 2]); // before the space
    assert_at(&doc, 4, 0, [4, 3, 3]); // before ĳ
    assert_at(&doc, 6, 0, [6, 4, 4]); // before …
    assert_at(&doc, 9, 0, [9, 5, 5]); // before NBSP
    assert_at(&doc, 11, 0, [11, 6, 6]); // before ‘
    assert_at(&doc, 14, 0, [14, 7, 7]); // before ’
    assert_at(&doc, 17, 0, [17, 8, 8]); // before 😀
    assert_at(&doc, 21, 0, [21, 10, 9]); // before z
    assert_at(&doc, 22, 0, [22, 11, 10]); // end of line 0
    assert_at(&doc, 23, 1, [0, 0, 0]);
    assert_at(&doc, 24, 1, [1, 1, 1]);
}

#[test]
fn offsets_inside_a_char_snap_back() {
    let doc = Document::new("é…😀");
    for (inside, start) in [(1, 0), (3, 2), (4, 2), (6, 5), (7, 5), (8, 5)] {
        for enc in ENCODINGS {
            assert_eq!(
                doc.offset_to_position(inside, enc),
                doc.offset_to_position(start, enc),
                "offset {inside} in {enc:?}"
            );
        }
    }
}

#[test]
fn columns_inside_a_char_snap_back() {
    let doc = Document::new("é😀x");
    // UTF-16: column 2 is the middle of the surrogate pair of 😀 (columns 1..3).
    assert_eq!(doc.position_to_offset(pos(0, 2), Utf16), 2);
    assert_eq!(doc.position_to_offset(pos(0, 3), Utf16), 6);
    // UTF-8: columns 1 and 3..5 are inside é and 😀.
    assert_eq!(doc.position_to_offset(pos(0, 1), Utf8), 0);
    assert_eq!(doc.position_to_offset(pos(0, 4), Utf8), 2);
    assert_eq!(doc.position_to_offset(pos(0, 5), Utf8), 2);
    assert_eq!(doc.position_to_offset(pos(0, 6), Utf8), 6);
}

#[test]
fn line_endings_lf_crlf_lone_cr_mixed() {
    // Lines: "ab" CRLF, "cd" CR, "e" LF, "f".
    let doc = Document::new("ab\r\ncd\re\nf");
    assert_eq!(doc.len_lines(), 4);
    assert_at(&doc, 2, 0, [2, 2, 2]);
    assert_at(&doc, 4, 1, [0, 0, 0]);
    assert_at(&doc, 6, 1, [2, 2, 2]);
    assert_at(&doc, 7, 2, [0, 0, 0]);
    assert_at(&doc, 8, 2, [1, 1, 1]);
    assert_at(&doc, 9, 3, [0, 0, 0]);
    assert_at(&doc, 10, 3, [1, 1, 1]);
    // Between the \r and \n of a CRLF: back to before the \r.
    assert_eq!(doc.offset_to_position(3, Utf16), pos(0, 2));
    assert_eq!(
        (0..5).map(|l| doc.line_start(l)).collect::<Vec<_>>(),
        [0, 4, 7, 9, 10]
    );
    assert_eq!(
        (0..5).map(|l| doc.line_content_end(l)).collect::<Vec<_>>(),
        [2, 6, 8, 10, 10]
    );
    assert_eq!(
        (0..=11).map(|o| doc.line_of(o)).collect::<Vec<_>>(),
        [0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3]
    );
}

#[test]
fn only_lf_cr_and_crlf_break_lines() {
    // Form feed, vertical tab, NEL and U+2028 are not line breaks for editors.
    let doc = Document::new("a\u{c}b\u{b}c\u{85}d\u{2028}e");
    assert_eq!(doc.len_lines(), 1);
    assert_eq!(doc.offset_to_position(doc.len_bytes(), Utf32), pos(0, 9));
}

#[test]
fn empty_document() {
    let doc = Document::new("");
    assert_eq!(doc.len_bytes(), 0);
    assert_eq!(doc.len_lines(), 1);
    for enc in ENCODINGS {
        assert_eq!(doc.offset_to_position(0, enc), pos(0, 0));
        assert_eq!(doc.offset_to_position(7, enc), pos(0, 0));
        assert_eq!(doc.position_to_offset(pos(0, 3), enc), 0);
        assert_eq!(doc.position_to_offset(pos(4, 3), enc), 0);
    }
    assert_eq!((doc.line_start(0), doc.line_content_end(0)), (0, 0));
    assert_eq!((doc.line_start(1), doc.line_content_end(1)), (0, 0));
    assert_eq!(doc.line_of(3), 0);
    assert_eq!(doc.slice(0..9), "");
    assert_eq!(Document::default().len_lines(), 1);
}

#[test]
fn trailing_newline_makes_an_empty_last_line() {
    for (src, last_start) in [("ab\n", 3), ("ab\r\n", 4), ("ab\r", 3)] {
        let doc = Document::new(src);
        assert_eq!(doc.len_lines(), 2, "{src:?}");
        assert_at(&doc, last_start, 1, [0, 0, 0]);
        assert_eq!(doc.position_to_offset(pos(1, 5), Utf16), last_start);
        assert_eq!(doc.position_to_offset(pos(0, 9), Utf16), 2);
        assert_eq!(doc.line_content_end(0), 2);
    }
}

#[test]
fn clamping() {
    let doc = Document::new("één\r\ntwee\n");
    for enc in ENCODINGS {
        // Column past the content: the content end, never onto the terminator.
        assert_eq!(doc.position_to_offset(pos(0, 6), enc), 5, "{enc:?}");
        assert_eq!(doc.position_to_offset(pos(0, u32::MAX), enc), 5);
        assert_eq!(doc.position_to_offset(pos(1, 99), enc), 11);
        // Line past the last: the end of the document.
        assert_eq!(doc.position_to_offset(pos(3, 0), enc), 12);
        assert_eq!(doc.position_to_offset(pos(u32::MAX, u32::MAX), enc), 12);
        // Offset past the end: the end.
        assert_eq!(doc.offset_to_position(usize::MAX, enc), pos(2, 0));
    }
    assert_eq!(doc.line_of(usize::MAX), 2);
    assert_eq!(doc.line_start(usize::MAX), 12);
    assert_eq!(doc.line_content_end(usize::MAX), 12);
    assert_eq!(doc.slice(3..usize::MAX), "én\r\ntwee\n"); // 3 is inside the second é
    assert_eq!(doc.slice(1..4), "éé");
    assert_eq!(doc.slice(9..3), "én\r\ntw"); // reversed
}

#[test]
fn ranges_and_positions() {
    let doc = Document::new("ab😀\ncd");
    let (s, e) = doc.range_to_positions(2..9, Utf16);
    assert_eq!((s, e), (pos(0, 2), pos(1, 2)));
    assert_eq!(doc.positions_to_range(s, e, Utf16), 2..9);
    assert_eq!(doc.positions_to_range(e, s, Utf16), 2..9);
    assert_eq!(doc.range_to_positions(9..2, Utf8), (pos(0, 2), pos(1, 2)));
}

#[test]
fn encoding_negotiation() {
    assert_eq!(position_encoding_from_client(&[]), Utf16);
    assert_eq!(position_encoding_from_client(&["utf-16"]), Utf16);
    assert_eq!(position_encoding_from_client(&["utf-32"]), Utf16);
    assert_eq!(position_encoding_from_client(&["utf-32", "utf-8"]), Utf8);
    assert_eq!(PositionEncoding::default(), Utf16);
    assert_eq!(Utf8.as_str(), "utf-8");
}

// ---------------------------------------------------------------------------------------
// Edits

#[test]
fn replace_across_crlf_and_multibyte() {
    let mut doc = Document::new("ab\r\ncd");
    let edit = doc.replace(1..5, "X");
    assert_eq!(text(&doc), "aXd");
    assert_eq!(
        edit,
        Edit {
            start: 1,
            old_end: 5,
            new_end: 2
        }
    );
    assert_eq!(doc.len_lines(), 1);

    // Ends inside é (1..3) and 😀 (3..7) snap back: only é goes.
    let mut doc = Document::new("aé😀b");
    let edit = doc.replace(2..6, "");
    assert_eq!(text(&doc), "a😀b");
    assert_eq!(
        edit,
        Edit {
            start: 1,
            old_end: 3,
            new_end: 1
        }
    );
    // Reversed and inside a char.
    let edit = doc.replace(3..1, "ĳ");
    assert_eq!(text(&doc), "aĳ😀b");
    assert_eq!(
        edit,
        Edit {
            start: 1,
            old_end: 1,
            new_end: 3
        }
    );
    // Past the end: appended.
    let edit = doc.replace(100..200, "!");
    assert_eq!(text(&doc), "aĳ😀b!");
    assert_eq!(
        edit,
        Edit {
            start: 8,
            old_end: 8,
            new_end: 9
        }
    );
}

#[test]
fn replace_makes_and_breaks_crlf_pairs() {
    // Inserting \n after a lone \r joins them into one break.
    let mut doc = Document::new("a\rb");
    doc.replace(2..2, "\n");
    assert_eq!(text(&doc), "a\r\nb");
    assert_eq!(doc.len_lines(), 2);
    // Removing what stood between \r and \n joins them too.
    let mut doc = Document::new("a\rb\nc");
    assert_eq!(doc.len_lines(), 3);
    doc.replace(2..3, "");
    assert_eq!(doc.len_lines(), 2);
    assert_eq!(doc.line_start(1), 3);
    // Inserting between \r and \n splits the pair into two breaks.
    let mut doc = Document::new("a\r\nb");
    doc.replace(2..2, "x");
    assert_eq!(text(&doc), "a\rx\nb");
    assert_eq!(doc.len_lines(), 3);
}

#[test]
fn apply_change_in_utf16() {
    let mut doc = Document::new("😀é\r\nx");
    let out = doc.apply_change(Some((pos(0, 2), pos(0, 3))), "e", Utf16);
    assert_eq!(text(&doc), "😀e\r\nx");
    assert_eq!(
        out,
        ChangeOutcome {
            edit: Edit {
                start: 4,
                old_end: 6,
                new_end: 5
            },
            clamped: false
        }
    );
    // Column 1 is inside the emoji: snapped back to its start, and reported.
    let out = doc.apply_change(Some((pos(0, 1), pos(0, 2))), "", Utf16);
    assert_eq!(text(&doc), "e\r\nx");
    assert!(out.clamped);
    // A column past the content stops before the CRLF.
    let out = doc.apply_change(Some((pos(0, 9), pos(1, 0))), " ", Utf16);
    assert_eq!(text(&doc), "e x");
    assert!(out.clamped);
    // A reversed range is applied in order, and reported.
    let out = doc.apply_change(Some((pos(0, 3), pos(0, 1))), "", Utf16);
    assert_eq!(text(&doc), "e");
    assert!(out.clamped);
    // None replaces everything.
    let out = doc.apply_change(None, "nieuw\n", Utf16);
    assert_eq!(text(&doc), "nieuw\n");
    assert_eq!(
        out,
        ChangeOutcome {
            edit: Edit {
                start: 0,
                old_end: 1,
                new_end: 6
            },
            clamped: false
        }
    );
}

#[test]
fn clone_is_a_snapshot() {
    let mut doc = Document::new("voor");
    let snapshot = doc.clone();
    doc.replace(0..4, "na");
    assert_eq!(text(&snapshot), "voor");
    assert_eq!(text(&doc), "na");
}

// ---------------------------------------------------------------------------------------
// Naive model: lines and columns found by walking the string.

/// `(start, content_end)` of every line; lines end at `\r\n`, `\r` or `\n`.
fn naive_lines(s: &str) -> Vec<(usize, usize)> {
    let b = s.as_bytes();
    let mut lines = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        let terminator = match (b[i], b.get(i + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r' | b'\n', _) => 1,
            _ => 0,
        };
        if terminator > 0 {
            lines.push((start, i));
            i += terminator;
            start = i;
        } else {
            i += 1;
        }
    }
    lines.push((start, b.len()));
    lines
}

fn units(c: char, enc: PositionEncoding) -> usize {
    match enc {
        Utf8 => c.len_utf8(),
        Utf16 => c.len_utf16(),
        Utf32 => 1,
    }
}

/// Clamped and back to a char boundary.
fn naive_floor(s: &str, offset: usize) -> usize {
    let mut o = offset.min(s.len());
    while !s.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Clamped, back to a char boundary, and out of the middle of a CRLF.
fn naive_snap(s: &str, offset: usize) -> usize {
    let mut o = naive_floor(s, offset);
    if o > 0 && s.as_bytes().get(o) == Some(&b'\n') && s.as_bytes()[o - 1] == b'\r' {
        o -= 1;
    }
    o
}

fn naive_offset_to_position(s: &str, offset: usize, enc: PositionEncoding) -> Position {
    let o = naive_snap(s, offset);
    let lines = naive_lines(s);
    let line = lines.iter().rposition(|&(start, _)| start <= o).unwrap();
    let character: usize = s[lines[line].0..o].chars().map(|c| units(c, enc)).sum();
    pos(line as u32, character as u32)
}

fn naive_position_to_offset(s: &str, p: Position, enc: PositionEncoding) -> usize {
    let lines = naive_lines(s);
    let Some(&(start, end)) = lines.get(p.line as usize) else {
        return s.len();
    };
    let mut seen = 0;
    for (i, c) in s[start..end].char_indices() {
        if (p.character as usize) < seen + units(c, enc) {
            return start + i;
        }
        seen += units(c, enc);
    }
    end
}

// ---------------------------------------------------------------------------------------
// Properties

const PIECES: &[&str] = &[
    "a", "b", " ", "\t", "é", "ĳ", "…", "\u{a0}", "‘", "’", "😀", "\n", "\r", "\r\n", "\u{2028}",
];

fn piece_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
}

fn arb_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => piece_text(40), 1 => any::<String>()]
}

fn arb_encoding() -> impl Strategy<Value = PositionEncoding> {
    prop::sample::select(&ENCODINGS[..])
}

/// Mostly near the text, sometimes far out of range.
fn arb_position() -> impl Strategy<Value = Position> {
    let line = prop_oneof![8 => 0u32..6, 1 => any::<u32>()];
    let character = prop_oneof![8 => 0u32..14, 1 => any::<u32>()];
    (line, character).prop_map(|(line, character)| pos(line, character))
}

/// Several KB, so the rope has many chunks and CRLFs meet chunk seams.
fn big_text() -> impl Strategy<Value = String> {
    piece_text(3000)
}

/// Lines of several KB, each spread over many of the rope's chunks.
fn long_lines() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            piece_text(20),
            100usize..400,
            prop::sample::select(&["\n", "\r\n", "\r", ""][..]),
        ),
        1..6,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(p, n, end)| format!("{}{end}", p.replace(['\n', '\r'], " ").repeat(n)))
            .collect()
    })
}

#[derive(Clone, Debug)]
struct Change {
    range: Option<(Position, Position)>,
    text: String,
    enc: PositionEncoding,
}

fn arb_change() -> impl Strategy<Value = Change> {
    let range = prop_oneof![1 => Just(None), 9 => (arb_position(), arb_position()).prop_map(Some)];
    (range, piece_text(6), arb_encoding()).prop_map(|(range, text, enc)| Change {
        range,
        text,
        enc,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The one-sweep conversion gives, for any offsets in any order (inside characters,
    /// between a CRLF's halves, past the end, repeated), what the one-by-one conversion gives.
    #[test]
    fn many_offsets_convert_as_one_does(
        s in prop_oneof![3 => arb_text(), 1 => big_text(), 1 => long_lines()],
        offsets in prop::collection::vec(prop_oneof![9 => 0usize..12_000, 1 => any::<usize>()], 0..40),
        enc in arb_encoding(),
    ) {
        let doc = Document::new(&s);
        let many = doc.offsets_to_positions(&offsets, enc);
        let one: Vec<Position> = offsets.iter().map(|&o| doc.offset_to_position(o, enc)).collect();
        prop_assert_eq!(many, one);
    }

    #[test]
    fn offsets_round_trip_through_positions(s in arb_text()) {
        let doc = Document::new(&s);
        prop_assert_eq!(doc.len_lines(), naive_lines(&s).len());
        for offset in 0..=s.len() + 2 {
            for enc in ENCODINGS {
                let p = doc.offset_to_position(offset, enc);
                let want = naive_offset_to_position(&s, offset, enc);
                prop_assert_eq!(p, want, "offset {} {:?}", offset, enc);
                prop_assert_eq!(doc.position_to_offset(p, enc), naive_snap(&s, offset));
            }
        }
    }

    #[test]
    fn lines_match_the_model(s in arb_text()) {
        let doc = Document::new(&s);
        let lines = naive_lines(&s);
        for (i, &(start, end)) in lines.iter().enumerate() {
            prop_assert_eq!((doc.line_start(i), doc.line_content_end(i)), (start, end));
        }
        prop_assert_eq!(doc.line_start(lines.len()), s.len());
        prop_assert_eq!(doc.line_content_end(lines.len()), s.len());
        for offset in 0..=s.len() + 1 {
            let want = lines.iter().rposition(|&(start, _)| start <= offset.min(s.len())).unwrap();
            prop_assert_eq!(doc.line_of(offset), want);
        }
    }

    #[test]
    fn any_position_gives_a_boundary(s in arb_text(), p in arb_position(), enc in arb_encoding()) {
        let doc = Document::new(&s);
        let (offset, clamped) = doc.position_to_offset_checked(p, enc);
        prop_assert!(offset <= s.len() && s.is_char_boundary(offset));
        prop_assert_eq!(offset, naive_position_to_offset(&s, p, enc));
        prop_assert_eq!(naive_snap(&s, offset), offset, "inside a CRLF");
        // Clamped exactly when the position does not name the offset it gave.
        prop_assert_eq!(clamped, doc.offset_to_position(offset, enc) != p);
    }

    #[test]
    fn slice_and_replace_match_the_model(
        s in arb_text(), a in 0usize..50, b in 0usize..50, t in piece_text(5),
    ) {
        let (fa, fb) = (naive_floor(&s, a), naive_floor(&s, b));
        let (start, end) = (fa.min(fb), fa.max(fb));
        let mut doc = Document::new(&s);
        prop_assert_eq!(doc.slice(a..b), &s[start..end]);
        let edit = doc.replace(a..b, &t);
        let mut model = s.clone();
        model.replace_range(start..end, &t);
        prop_assert_eq!(text(&doc), model);
        prop_assert_eq!(edit, Edit { start, old_end: end, new_end: start + t.len() });
    }

    #[test]
    fn change_sequences_match_the_model(
        s in arb_text(), changes in prop::collection::vec(arb_change(), 1..12),
    ) {
        let mut doc = Document::new(&s);
        let mut model = s;
        for c in changes {
            let old = model.clone();
            let out = doc.apply_change(c.range, &c.text, c.enc);
            let (start, end, clamped) = match c.range {
                None => (0, old.len(), false),
                Some((p, q)) => {
                    let a = naive_position_to_offset(&old, p, c.enc);
                    let b = naive_position_to_offset(&old, q, c.enc);
                    let exact = |p, o| naive_offset_to_position(&old, o, c.enc) == p;
                    (a.min(b), a.max(b), !exact(p, a) || !exact(q, b) || p > q)
                }
            };
            model.replace_range(start..end, &c.text);
            prop_assert_eq!(&text(&doc), &model);
            prop_assert_eq!(doc.len_lines(), naive_lines(&model).len());
            prop_assert_eq!(out.clamped, clamped);
            let e = out.edit;
            prop_assert_eq!(e, Edit { start, old_end: end, new_end: start + c.text.len() });
            // What an incremental parser relies on: the text outside the edit is unchanged.
            prop_assert!(e.start <= e.old_end && e.old_end <= old.len());
            prop_assert_eq!(&model[..e.start], &old[..e.start]);
            prop_assert_eq!(&model[e.new_end..], &old[e.old_end..]);
            prop_assert_eq!(&model[e.start..e.new_end], c.text.as_str());
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn big_texts_match_the_model(
        s in big_text(),
        probes in prop::collection::vec((any::<Index>(), arb_position(), arb_encoding()), 40),
        edits in prop::collection::vec((any::<Index>(), 0usize..300, piece_text(8)), 8),
    ) {
        let mut doc = Document::new(&s);
        let mut model = s;
        for (at, len, t) in edits {
            // Snap as the document does: back to a char boundary.
            let a = at.index(model.len() + 1);
            let (start, end) = (naive_floor(&model, a), naive_floor(&model, a + len));
            doc.replace(a..a + len, &t);
            model.replace_range(start..end, &t);
        }
        prop_assert_eq!(&text(&doc), &model);
        prop_assert_eq!(doc.len_lines(), naive_lines(&model).len());
        for (at, p, enc) in probes {
            let offset = at.index(model.len() + 1);
            let want = naive_offset_to_position(&model, offset, enc);
            prop_assert_eq!(doc.offset_to_position(offset, enc), want);
            let want = naive_position_to_offset(&model, p, enc);
            prop_assert_eq!(doc.position_to_offset(p, enc), want);
            let end = offset + 2000;
            let want = &model[naive_floor(&model, offset)..naive_floor(&model, end)];
            prop_assert_eq!(doc.slice(offset..end), want);
        }
    }
}
