//! One pass over a line (or a whole text, line ends included) that finds every place where
//! something the lexer looks for starts: note and markup brackets, placeholders, paper-reference
//! anchors, fractie mentions, question marks.
//!
//! The lexer used to make a pass per construct (two regex prefilters, `memchr`, `memchr3`,
//! `memmem`), each with its own start-up cost on every line; most lines are short, so the start-ups
//! cost more than the scanning. Here one scan yields a sorted list of [`Hit`]s and each construct
//! reads only its own.
//!
//! The scan is a Teddy-style filter: every trigger has a fingerprint of (up to) its first three
//! bytes, and a position is a candidate when the bytes there match some fingerprint. Each byte is
//! split into its low and high nibble, and two 16-entry tables per offset say which fingerprints
//! ("buckets") allow that nibble; a candidate is a position where, for some bucket, all six lookups
//! agree. With AVX2 that is a few shuffles per 32 bytes; without it the same tables are read byte
//! by byte. The filter may let through positions that are not triggers (the nibble tables describe
//! a superset of each bucket's bytes); every candidate is then checked byte for byte, so the hits
//! are exactly the occurrences of the triggers, whichever path found them.

/// What starts at a hit. The positions are those of the first byte of the literal named.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `[`
    Bracket,
    /// `<`
    Angle,
    /// `?`
    Question,
    /// `\t`
    Tab,
    /// `…`
    Ellipsis,
    /// `...`
    Dots,
    /// `PM` or `P.M.`
    Pm,
    /// `XX` or `xx`
    Xx,
    /// `Kamerstuk` or `kamerstuk` (9 bytes)
    Kamerstuk,
    /// `Kst` or `kst` (3 bytes)
    Kst,
    /// `Handelingen`
    Handelingen,
    /// `Aanhangsel`
    Aanhangsel,
    /// `vergaderjaar`, only where it follows `Kamer,` or `Kamer der Staten-Generaal,` and spaces
    /// (the only place where a reference can be read from it, see `papers::parse_footnote`;
    /// anchoring on `Kamer` spares checking every `ver` of the text).
    Vergaderjaar,
    /// `nr.`
    Nr,
    /// `fractie`
    Fractie,
    /// A `-` right after an ASCII digit (at the `-`).
    DigitDash,
    /// A `D` or `Z` right after an ASCII digit (at the letter).
    DigitDz,
    /// `\n` or `\r`: where a line ends, when a whole text is scanned.
    LineEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub at: usize,
    pub kind: Kind,
}

/// Bytes allowed at each of the first three offsets of a bucket; empty means any byte.
type Bucket = [&'static [u8]; 3];

const ANY: &[u8] = &[];

/// The fingerprints, at most 8 (one bit each in the tables). Each must admit every trigger that
/// [`verify`] accepts at a position; what else it admits only costs a failed check. Triggers
/// share a bucket where the nibble tables of the pair admit little else (`[`, tab and the line
/// ends admit `Y`, `Z`, `]` and a vertical tab; `…` and `fra` admit `bra`).
const BUCKETS: [Bucket; 8] = [
    [b"[\t\n\r", ANY, ANY],
    [b"<?", ANY, ANY],
    [b".n", b".r", b"."],                          // `...`, `nr.`
    [b"PXx", b"M.Xx", ANY],                        // `PM`, `P.M.`, `XX`, `xx`
    [b"Kk", b"as", b"mt"], // `Kamerstuk`, `kamerstuk`, `Kst`, `kst`, `Kamer, vergaderjaar`
    [b"HA", b"a", b"n"],   // `Handelingen`, `Aanhangsel`
    [&[b'f', 0xE2], &[b'r', 0x80], &[b'a', 0xA6]], // `fractie`, `…`
    [b"0123456789", b"-DZ", ANY],
];

/// `LO[k][n]`: the buckets whose byte at offset `k` may have low nibble `n`; `HI` likewise for
/// the high nibble. A byte `b` passes bucket `i` at offset `k` when bit `i` is set in both
/// `LO[k][b & 15]` and `HI[k][b >> 4]`.
struct Tables {
    lo: [[u8; 16]; 3],
    hi: [[u8; 16]; 3],
}

const fn tables(buckets: &[Bucket; 8]) -> Tables {
    let mut t = Tables {
        lo: [[0; 16]; 3],
        hi: [[0; 16]; 3],
    };
    let mut i = 0;
    while i < buckets.len() {
        let bit = 1u8 << i;
        let mut k = 0;
        while k < 3 {
            let set = buckets[i][k];
            if set.is_empty() {
                let mut n = 0;
                while n < 16 {
                    t.lo[k][n] |= bit;
                    t.hi[k][n] |= bit;
                    n += 1;
                }
            } else {
                let mut j = 0;
                while j < set.len() {
                    t.lo[k][(set[j] & 15) as usize] |= bit;
                    t.hi[k][(set[j] >> 4) as usize] |= bit;
                    j += 1;
                }
            }
            k += 1;
        }
        i += 1;
    }
    t
}

const TABLES: Tables = tables(&BUCKETS);

/// The buckets of the AVX2 scan, which finds line ends by comparing bytes instead: without `\n`
/// and `\r` the first bucket's nibble tables no longer admit `Z` and `]` (some 15 000 false
/// candidates in a 10 MB report, each checked byte for byte).
const SIMD_BUCKETS: [Bucket; 8] = {
    let mut b = BUCKETS;
    b[0] = [b"[\t", ANY, ANY];
    b
};

/// Where the scan reports what it finds. Line ends come on their own (the lexer does something
/// else with them than with the other hits), so that no branch on the kind is taken twice, once
/// to find it and again to act on it (it is mispredicted half the time).
pub(crate) trait Sink {
    fn hit(&mut self, h: Hit);
    /// A `\n` or `\r` at `at` (a hit of kind [`Kind::LineEnd`]).
    fn line_end(&mut self, at: usize);
}

impl<F: FnMut(Hit)> Sink for F {
    fn hit(&mut self, h: Hit) {
        self(h)
    }
    fn line_end(&mut self, at: usize) {
        self(Hit {
            at,
            kind: Kind::LineEnd,
        })
    }
}

/// Finds every trigger in `line` and writes them to `out` (cleared first), in order.
pub(crate) fn find(line: &[u8], out: &mut Vec<Hit>) {
    out.clear();
    scan(line, &mut |h| out.push(h));
}

/// Calls `f` with every trigger in `bytes`, in order. The hits depend only on the bytes of the
/// trigger itself (and, for a digit's `-`, `D` or `Z`, the digit before it; for `vergaderjaar`, the
/// `Kamer,` before it), none of which is a line end: scanning a whole text gives each line the
/// hits that scanning the line alone would.
pub(crate) fn scan(bytes: &[u8], f: &mut impl Sink) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512bw") {
            // SAFETY: AVX-512 F and BW are available on this CPU, checked just above (BW implies F).
            unsafe { simd::avx512::scan(bytes, f) };
            return;
        }
        if std::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 is available on this CPU, checked just above.
            unsafe { simd::avx2::scan(bytes, f) };
            return;
        }
    }
    scan_scalar(bytes, f);
}

/// The same scan without SIMD, byte by byte over the same tables.
pub(crate) fn scan_scalar(line: &[u8], f: &mut impl Sink) {
    let t = &TABLES;
    for p in 0..line.len() {
        let b0 = line[p];
        let mut m = t.lo[0][(b0 & 15) as usize] & t.hi[0][(b0 >> 4) as usize];
        if m == 0 {
            continue;
        }
        // Past the end the SIMD path reads zero bytes; do the same so both find the same
        // candidates (not that it matters: `verify` never reads past the line).
        for k in 1..3 {
            let b = line.get(p + k).copied().unwrap_or(0);
            m &= t.lo[k][(b & 15) as usize] & t.hi[k][(b >> 4) as usize];
        }
        if m != 0 {
            verify(line, p, f);
        }
    }
}

/// Checks the candidate at `p` byte for byte and records what starts there, if anything.
/// Inlined by force: it runs at every candidate (some 80 000 on 10 MB) from two places in the
/// scan, and kept out of line its calls cost about 1% of a parse.
#[inline(always)]
fn verify(line: &[u8], p: usize, out: &mut impl Sink) {
    let rest = &line[p..];
    let kind = match rest[0] {
        b'[' => Kind::Bracket,
        b'<' => Kind::Angle,
        b'?' => Kind::Question,
        b'\t' => Kind::Tab,
        b'\n' | b'\r' => {
            out.line_end(p);
            return;
        }
        0xE2 if rest.starts_with("…".as_bytes()) => Kind::Ellipsis,
        b'.' if rest.starts_with(b"...") => Kind::Dots,
        b'P' if rest.starts_with(b"PM") || rest.starts_with(b"P.M.") => Kind::Pm,
        b'X' if rest.starts_with(b"XX") => Kind::Xx,
        b'x' if rest.starts_with(b"xx") => Kind::Xx,
        b'K' if rest.starts_with(b"Kamerstuk") => Kind::Kamerstuk,
        b'k' if rest.starts_with(b"kamerstuk") => Kind::Kamerstuk,
        b'K' if rest.starts_with(b"Kst") => Kind::Kst,
        b'K' if rest.starts_with(b"Kamer") => {
            if let Some(v) = vergaderjaar_after_kamer(rest) {
                // Nothing between `Kamer` and `vergaderjaar` is a trigger: still in order.
                out.hit(Hit {
                    at: p + v,
                    kind: Kind::Vergaderjaar,
                });
            }
            return;
        }
        b'k' if rest.starts_with(b"kst") => Kind::Kst,
        b'H' if rest.starts_with(b"Handelingen") => Kind::Handelingen,
        b'A' if rest.starts_with(b"Aanhangsel") => Kind::Aanhangsel,
        b'n' if rest.starts_with(b"nr.") => Kind::Nr,
        b'f' if rest.starts_with(b"fractie") => Kind::Fractie,
        b'0'..=b'9' => {
            // Recorded at the byte after the digit; nothing else starts with `-`, `D` or `Z`,
            // so the list stays in order.
            let kind = match rest.get(1) {
                Some(b'-') => Kind::DigitDash,
                Some(b'D' | b'Z') => Kind::DigitDz,
                _ => return,
            };
            out.hit(Hit { at: p + 1, kind });
            return;
        }
        _ => return,
    };
    out.hit(Hit { at: p, kind });
}

/// `Kamer, vergaderjaar` (also `Kamer der Staten-Generaal,` and any space-like characters
/// before `vergaderjaar`): the offset of `vergaderjaar` in `rest`, which starts with `Kamer`.
fn vergaderjaar_after_kamer(rest: &[u8]) -> Option<usize> {
    let mut i = "Kamer".len();
    if rest[i..].starts_with(b" der Staten-Generaal") {
        i += " der Staten-Generaal".len();
    }
    if rest.get(i) != Some(&b',') {
        return None;
    }
    i += 1;
    let spaces_from = i;
    // The space-like characters of `papers::is_space_char`.
    loop {
        let n = match rest.get(i..).unwrap_or(&[]) {
            [b' ', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xE2, 0x80, 0xAF | 0x89, ..] => 3,
            _ => break,
        };
        i += n;
    }
    (i > spaces_from && rest[i..].starts_with(b"vergaderjaar")).then_some(i)
}

/// The SIMD scans: a window of 64 positions at a time gives a bit mask of candidates and one of
/// line ends, computed with AVX-512 where the CPU has it (one 64-byte vector a window) or AVX2
/// (two 32-byte ones); [`simd::drive`] turns the masks into hits the same way for both.
#[cfg(target_arch = "x86_64")]
mod simd {
    use std::arch::x86_64::*;

    use super::{tables, verify, Sink, Tables, SIMD_BUCKETS};

    const SIMD: Tables = tables(&SIMD_BUCKETS);

    /// The nibble tables as `vpshufb` wants them: each 16-entry table repeated in every 128-bit
    /// lane (the shuffle looks up within a lane), for a 64-byte vector; AVX2 loads the first 32
    /// bytes. Indexed `[lo = 0, hi = 1][offset]`.
    static LANES: [[[u8; 64]; 3]; 2] = lanes();

    const fn lanes() -> [[[u8; 64]; 3]; 2] {
        let mut out = [[[0u8; 64]; 3]; 2];
        let mut k = 0;
        while k < 3 {
            let mut n = 0;
            while n < 64 {
                out[0][k][n] = SIMD.lo[k][n % 16];
                out[1][k][n] = SIMD.hi[k][n % 16];
                n += 1;
            }
            k += 1;
        }
        out
    }

    /// Bytes a step of the scan looks at. With AVX2 two blocks, not one: about half the 32-byte
    /// blocks of a report have a candidate, so whether one has was a branch mispredicted half
    /// the time; nearly every window has one.
    const WINDOW: usize = 64;

    /// A window and the two bytes after it, which the fingerprints' later offsets read.
    type Window = [u8; WINDOW + 2];

    /// (candidates, line ends) of the window at `w[0]`, one bit per position.
    type Marks = (u64, u64);

    /// The scan around a window function of either instruction set. Inlined into each
    /// `#[target_feature]` entry point, so that `window` is inlined with its features.
    #[inline(always)]
    fn drive(line: &[u8], out: &mut impl Sink, mut window: impl FnMut(&Window) -> Marks) {
        let len = line.len();
        let mut i = 0;
        while i < len {
            let (mut m, mut ends) = match line
                .get(i..i + WINDOW + 2)
                .and_then(|s| <&Window>::try_from(s).ok())
            {
                Some(w) => window(w),
                None => {
                    // The end of the line: the rest, padded with zero bytes (not line ends,
                    // and no position past the line counts).
                    let mut w = [0u8; WINDOW + 2];
                    let n = (len - i).min(WINDOW + 2);
                    w[..n].copy_from_slice(&line[i..i + n]);
                    let valid = (len - i).min(WINDOW);
                    let keep = if valid == WINDOW {
                        u64::MAX
                    } else {
                        (1u64 << valid) - 1
                    };
                    let (m, ends) = window(&w);
                    (m & keep, ends & keep)
                }
            };
            // Line ends, a third of the candidates, go straight to the sink (no check byte by
            // byte, no dispatch on the byte); the other hits before each are verified first, so
            // that everything is reported in order.
            m &= !ends;
            while ends != 0 {
                let e = ends.trailing_zeros();
                let before = (1u64 << e) - 1;
                let mut first = m & before;
                m &= !before;
                while first != 0 {
                    verify(line, i + first.trailing_zeros() as usize, out);
                    first &= first - 1;
                }
                out.line_end(i + e as usize);
                ends &= ends - 1;
            }
            while m != 0 {
                verify(line, i + m.trailing_zeros() as usize, out);
                m &= m - 1;
            }
            i += WINDOW;
        }
    }

    pub(super) mod avx2 {
        use super::*;

        struct Vectors {
            lo: [__m256i; 3],
            hi: [__m256i; 3],
        }

        /// The first 32 bytes of `a` (a table of 64, or a block of the window).
        #[target_feature(enable = "avx2")]
        fn load<const N: usize>(a: &[u8; N]) -> __m256i {
            const { assert!(N >= 32) };
            // SAFETY: `a` is at least 32 readable bytes (checked when compiled); the load is
            // unaligned.
            unsafe { _mm256_loadu_si256(a.as_ptr().cast()) }
        }

        #[target_feature(enable = "avx2")]
        fn vectors() -> Vectors {
            let [lo, hi] = &LANES;
            Vectors {
                lo: [load(&lo[0]), load(&lo[1]), load(&lo[2])],
                hi: [load(&hi[0]), load(&hi[1]), load(&hi[2])],
            }
        }

        /// The candidates among the 32 positions starting at `w[0]` (reads `w[0..34]`), one bit
        /// each, and which of them are line ends (`\n` or `\r`).
        #[target_feature(enable = "avx2")]
        fn block(v: &Vectors, w: &[u8; 34]) -> (u32, u32) {
            let nib = _mm256_set1_epi8(0x0F);
            let mut acc = _mm256_set1_epi8(-1);
            let mut ends = _mm256_setzero_si256();
            for k in 0..3 {
                let Some(bytes) = w.get(k..k + 32).and_then(|s| <&[u8; 32]>::try_from(s).ok())
                else {
                    continue;
                };
                let x = load(bytes);
                if k == 0 {
                    ends = _mm256_or_si256(
                        _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'\n' as i8)),
                        _mm256_cmpeq_epi8(x, _mm256_set1_epi8(b'\r' as i8)),
                    );
                }
                let lo = _mm256_and_si256(x, nib);
                let hi = _mm256_and_si256(_mm256_srli_epi16::<4>(x), nib);
                let m = _mm256_and_si256(
                    _mm256_shuffle_epi8(v.lo[k], lo),
                    _mm256_shuffle_epi8(v.hi[k], hi),
                );
                acc = _mm256_and_si256(acc, m);
            }
            let none = _mm256_cmpeq_epi8(acc, _mm256_setzero_si256());
            (
                !(_mm256_movemask_epi8(none) as u32),
                _mm256_movemask_epi8(ends) as u32,
            )
        }

        /// [`block`] for the 64 positions starting at `w[0]` (reads `w[0..66]`): two blocks.
        #[target_feature(enable = "avx2")]
        fn window(v: &Vectors, w: &Window) -> Marks {
            let (a, b) = (w.first_chunk::<34>(), w[32..].first_chunk::<34>());
            let (Some(a), Some(b)) = (a, b) else {
                unreachable!("a window holds two blocks")
            };
            let ((ma, ea), (mb, eb)) = (block(v, a), block(v, b));
            (
                u64::from(ma) | u64::from(mb) << 32,
                u64::from(ea) | u64::from(eb) << 32,
            )
        }

        /// # Safety
        /// The CPU must support AVX2.
        #[target_feature(enable = "avx2")]
        pub(in super::super) unsafe fn scan(line: &[u8], out: &mut impl Sink) {
            let v = vectors();
            drive(line, out, |w| window(&v, w));
        }
    }

    pub(super) mod avx512 {
        use super::*;

        struct Vectors {
            lo: [__m512i; 3],
            hi: [__m512i; 3],
        }

        #[target_feature(enable = "avx512f,avx512bw")]
        fn load(a: &[u8; 64]) -> __m512i {
            // SAFETY: `a` is 64 readable bytes; the load is unaligned.
            unsafe { _mm512_loadu_si512(a.as_ptr().cast()) }
        }

        #[target_feature(enable = "avx512f,avx512bw")]
        fn vectors() -> Vectors {
            let [lo, hi] = &LANES;
            Vectors {
                lo: [load(&lo[0]), load(&lo[1]), load(&lo[2])],
                hi: [load(&hi[0]), load(&hi[1]), load(&hi[2])],
            }
        }

        /// The candidates among the 64 positions starting at `w[0]` (reads `w[0..66]`), one bit
        /// each, and which of them are line ends (`\n` or `\r`): one vector for all of them.
        #[target_feature(enable = "avx512f,avx512bw")]
        fn window(v: &Vectors, w: &Window) -> Marks {
            let nib = _mm512_set1_epi8(0x0F);
            let mut acc = _mm512_set1_epi8(-1);
            let mut ends = 0;
            for k in 0..3 {
                let Some(bytes) = w.get(k..k + 64).and_then(|s| <&[u8; 64]>::try_from(s).ok())
                else {
                    continue;
                };
                let x = load(bytes);
                if k == 0 {
                    ends = _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(b'\n' as i8))
                        | _mm512_cmpeq_epi8_mask(x, _mm512_set1_epi8(b'\r' as i8));
                }
                let lo = _mm512_and_si512(x, nib);
                let hi = _mm512_and_si512(_mm512_srli_epi16::<4>(x), nib);
                let m = _mm512_and_si512(
                    _mm512_shuffle_epi8(v.lo[k], lo),
                    _mm512_shuffle_epi8(v.hi[k], hi),
                );
                acc = _mm512_and_si512(acc, m);
            }
            (_mm512_test_epi8_mask(acc, acc), ends)
        }

        /// # Safety
        /// The CPU must support AVX-512 F and BW.
        #[target_feature(enable = "avx512f,avx512bw")]
        pub(in super::super) unsafe fn scan(line: &[u8], out: &mut impl Sink) {
            let v = vectors();
            drive(line, out, |w| window(&v, w));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every trigger by brute force: each literal at each position.
    fn naive(line: &[u8]) -> Vec<Hit> {
        let lits: &[(&[u8], Kind)] = &[
            (b"[", Kind::Bracket),
            (b"<", Kind::Angle),
            (b"?", Kind::Question),
            (b"\t", Kind::Tab),
            (b"\n", Kind::LineEnd),
            (b"\r", Kind::LineEnd),
            ("…".as_bytes(), Kind::Ellipsis),
            (b"...", Kind::Dots),
            (b"PM", Kind::Pm),
            (b"P.M.", Kind::Pm),
            (b"XX", Kind::Xx),
            (b"xx", Kind::Xx),
            (b"Kamerstuk", Kind::Kamerstuk),
            (b"kamerstuk", Kind::Kamerstuk),
            (b"Kst", Kind::Kst),
            (b"kst", Kind::Kst),
            (b"Handelingen", Kind::Handelingen),
            (b"Aanhangsel", Kind::Aanhangsel),
            (b"nr.", Kind::Nr),
            (b"fractie", Kind::Fractie),
        ];
        let mut out = Vec::new();
        for p in 0..line.len() {
            if let Some(&(_, kind)) = lits.iter().find(|(l, _)| line[p..].starts_with(l)) {
                out.push(Hit { at: p, kind });
            }
            if line[p..].starts_with(b"vergaderjaar") {
                let s = String::from_utf8_lossy(&line[..p]);
                let pre = s.trim_end_matches([' ', '\u{a0}', '\u{202f}', '\u{2009}']);
                if pre.len() < s.len() {
                    let pre = pre.strip_suffix(',').unwrap_or("");
                    let pre = pre.strip_suffix(" der Staten-Generaal").unwrap_or(pre);
                    if pre.ends_with("Kamer") {
                        out.push(Hit {
                            at: p,
                            kind: Kind::Vergaderjaar,
                        });
                    }
                }
            }
            if p > 0 && line[p - 1].is_ascii_digit() {
                match line[p] {
                    b'-' => out.push(Hit {
                        at: p,
                        kind: Kind::DigitDash,
                    }),
                    b'D' | b'Z' => out.push(Hit {
                        at: p,
                        kind: Kind::DigitDz,
                    }),
                    _ => {}
                }
            }
        }
        out
    }

    fn check(line: &[u8]) {
        let want = naive(line);
        let mut got = Vec::new();
        find(line, &mut got);
        assert_eq!(got, want, "{:?}", String::from_utf8_lossy(line));
        got.clear();
        scan_scalar(line, &mut |h| got.push(h));
        assert_eq!(got, want, "scalar: {:?}", String::from_utf8_lossy(line));
        // `find` takes the widest path the CPU has: each narrower one on its own.
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("avx2") {
            got.clear();
            // SAFETY: AVX2 is available, checked just above.
            unsafe { simd::avx2::scan(line, &mut |h| got.push(h)) };
            assert_eq!(got, want, "AVX2: {:?}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn examples() {
        check(b"");
        check(b"[");
        check("Zie Kamerstuk 32 317, nr. 967 en kst. 1… P.M. XXX xx?\t[2: x] <datum> 2025D43823 21501-02 fractie vergaderjaar Handelingen Aanhangsel".as_bytes());
        // Every length around the block size, with triggers at the very end.
        for n in 0..100 {
            let mut s = vec![b'a'; n];
            s.extend_from_slice(b"kst");
            check(&s);
            s.truncate(n);
            s.extend_from_slice(b"9Z");
            check(&s);
            s.truncate(n);
            s.push(b'?');
            check(&s);
        }
        // Line ends among other hits, on both sides of every position of a 64-byte window
        // (the AVX2 scan reports line ends apart from the other hits, in order with them).
        for n in 0..140 {
            let mut s = vec![b'a'; n];
            s.extend_from_slice(b"?\n[\r\nkst\r9Z\n");
            s.extend(std::iter::repeat_n(b'x', 150 - n));
            s.extend_from_slice(b"\n?");
            check(&s);
        }
    }

    proptest! {
        #[test]
        fn equals_brute_force(parts in prop::collection::vec(prop_oneof![
            Just("Kamerstuk".to_string()), Just("kst".to_string()), Just("Kst.".to_string()),
            Just("Handelingen".to_string()), Just("Aanhangsel".to_string()),
            Just("vergaderjaar".to_string()), Just("Tweede Kamer, ".to_string()),
            Just("Kamer der Staten-Generaal,\u{a0}".to_string()), Just("nr.".to_string()), Just("fractie".to_string()),
            Just("…".to_string()), Just("...".to_string()), Just("PM".to_string()),
            Just("P.M.".to_string()), Just("XX".to_string()), Just("xx".to_string()),
            "[a-zA-Z0-9 .,?<>\\[\\]\t\u{a0}…–-]{0,20}",
            prop::collection::vec(any::<u8>(), 0..8).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ], 0..30)) {
            check(parts.concat().as_bytes());
        }

        #[test]
        fn any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            check(&bytes);
        }
    }
}
