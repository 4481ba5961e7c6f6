//! References to parliamentary papers (FORMAT.md §5): Kamerstukken, Handelingen, Aanhangsel and
//! the Tweede Kamer's document and zaak numbers, recognised per line.
//!
//! # How a line is scanned
//!
//! One literal-alternation regex ([`TRIGGER`]) finds the words a reference is anchored on
//! (`Kamerstuk`, `kst`, `Handelingen`, `Aanhangsel`, `vergaderjaar`, `nr.`). The regex engine runs
//! that as a SIMD multi-literal search, so ordinary prose costs one pass and no allocation. Each
//! hit is then parsed by hand, forwards from the anchor (or a short, bounded look-back for
//! `Tweede Kamer, vergaderjaar …` and bare `29 435, nr. 256`). A second pass, `memchr3` over `-`,
//! `D` and `Z`, finds bare compact numbers with a sub-dossier (`21501-02-2179`, `36740-VI-1`) and
//! document/zaak numbers (`2025D43823`); those short triggers are kept out of the regex because
//! two-byte literals slow its prefilter down about twofold. Nothing matches without an anchor,
//! so dates (`22-23 juli 2025`), amounts (`1.250`), article numbers and footnote markers are
//! never taken.
//!
//! Measured (optimised build, 10 MB of the sample's prose without references, 62 000 lines):
//! about 2.5 ms for both passes, against 0.65 ms for merely splitting the text into lines.
//!
//! # House style
//!
//! The Tweede Kamer's house style is `Kamerstuk 32 317, nr. 967`: the word `Kamerstuk`, a
//! five-digit dossier with a space after two digits (a no-break space counts as a space), a
//! numeric sub-dossier joined by a hyphen (`21 501-02`), a budget chapter or fund after a space
//! (`32 500 XII`, `36 600 A`), then `, nr. ` and the number. [`PaperRef::in_house_style`] is true
//! for:
//! - [`PaperForm::Full`] and [`PaperForm::WholeDossier`] written exactly so (`(Kamerstuk 34 986)`);
//! - [`PaperForm::FootnoteStyle`] whose Kamerstuk part is so written, with or without the word
//!   `Kamerstuk` (`Tweede Kamer, vergaderjaar 2024-2025, 22 112, nr. 4131`);
//! - [`PaperForm::Bare`] with house-style numbers (`(29 435, nr. 256)`);
//! - Handelingen and Aanhangsel without problems (there is no rewrite for them), and document and
//!   zaak numbers.
//!
//! Not house style (a hint, with a rewrite by [`PaperRef::house_style`] at
//! [`PaperRef::fix_range`]): a dossier without the space (`32317`), compact forms (`32317-967`),
//! `kst`/`kst.`/lower-case `kamerstuk`, `nr` without a dot, a chapter after a hyphen (`36740-VI`),
//! odd punctuation, and the legal-author style (`Kamerstukken II 2024/25, 32317, nr. 967`), which
//! is correct in legal writing but not the Kamer's own style. Eerste Kamer letter numbers
//! (`32217, A`) have no house-style rewrite. `nrs.` (several numbers) is not read as a number:
//! `Kamerstuk 32 317, nrs. 967 en 968` yields the whole dossier `Kamerstuk 32 317`.
//!
//! # Dossier length
//!
//! Tweede Kamer dossiers have had five digits since about 1969. A five-digit dossier is fine;
//! a four-digit one is accepted without comment only when the reference gives a vergaderjaar
//! before 1970, otherwise it is flagged [`PaperProblem::DossierLength`] (most likely a typo, as in
//! `3231`); other lengths (1–3, 6–7 digits) are flagged when anchored by a word and never matched
//! bare. A bare reference (no `Kamerstuk`/`kst`/vergaderjaar) needs exactly five digits.

use std::ops::Range;

use thin_vec::ThinVec;

/// A part of a reference (`"32317"`, `"967"`, `"p. 3"`): short, so held inline without an
/// allocation (parsing a large report makes some 20 000 of them).
pub type Part = compact_str::CompactString;

use super::lexer::triggers::{self, Hit, Kind};

const BASE_URL: &str = "https://zoek.officielebekendmakingen.nl/";

/// What a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaperKind {
    /// A Kamerstuk (`Kamerstuk 32 317, nr. 967`) or a whole dossier (`Kamerstuk 34 986`).
    Kamerstuk,
    /// The verbatim proceedings: `Handelingen II 2010/11, nr. 108, item 5`.
    Handelingen,
    /// Answers to written questions: `Aanhangsel Handelingen II 2014/15, nr. 1241`.
    Aanhangsel,
    /// A Tweede Kamer document number: `2025D43823`.
    DocumentNr,
    /// A Tweede Kamer zaak number: `2025Z18828`.
    ZaakNr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kamer {
    Tweede,
    Eerste,
}

/// How a reference is laid out. Deviations in detail (spacing, `kst`, `nr` without dot) are
/// [`PaperProblem`]s; the form is the skeleton.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PaperForm {
    /// `Kamerstuk 32 317, nr. 967` and its variants `Kamerstuk 32317, nr. 969`,
    /// `kst. 32317, nr. 967`, `Kamerstuk 32317, 967` (missing `nr.`), `Kamerstuk 36740-VI, nr. 1`.
    Full,
    /// `Kamerstuk 32317-967`, `Kamerstuk 21501-02-2179`, bare `21501-02-2179`, `36740-VI-1`.
    Compact,
    /// A dossier without a number: `(Kamerstuk 34 986)`, `Kamerstuk 21 501-02`.
    WholeDossier,
    /// `Kamerstukken II 2024/25, 32317, nr. 967, p. 3`, `Kamerstukken I 2009/10, 32217, A`,
    /// `Handelingen II 2010/11, nr. 108, item 5`, `Aanhangsel Handelingen II 2014/15, nr. 1241`.
    LegalAuthor,
    /// `Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967`, `…, 22 112, nr. 4131`,
    /// `Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 1028`.
    FootnoteStyle,
    /// No introducing word: `(29 435, nr. 256)`, `21 501-28, nr. 262`.
    Bare,
    /// `2025D43823`, `2025Z18828`.
    Number,
}

/// Something to tell the writer about a reference. Each carries the byte range it concerns.
/// The first five are style (hint-level: the reference is clear but not in house style); the
/// rest are malformed references ([`PaperProblem::is_malformed`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaperProblem {
    /// `kst`, `kst.`, `kamerstuk`, or `Kamerstukken` for one paper: write `Kamerstuk`.
    WordNotHouseStyle { range: Range<usize> },
    /// `32317` or `32.317`: write `32 317`.
    DossierNotSpaced { range: Range<usize> },
    /// A chapter after a hyphen (`36740-VI`: write `36 740 VI`), or a sub-dossier after another
    /// dash than a hyphen (`21 501–02`).
    SubNotHouseStyle { range: Range<usize> },
    /// `nr 155`: write `nr. 155`.
    NrWithoutDot { range: Range<usize> },
    /// Separators differ from the house style: missing comma or space, doubled spaces, `Nr.`,
    /// a compact number inside a footnote or legal-author reference. `range` covers the odd part.
    Punctuation { range: Range<usize> },
    /// A number follows the dossier without `nr.`: `Kamerstuk 32317, 967`. `range` is the number.
    MissingNr { range: Range<usize> },
    /// A vergaderjaar whose years are not consecutive: `2024-2026`, `2024/26`.
    VergaderjaarNotConsecutive {
        range: Range<usize>,
        first: u16,
        second: u16,
    },
    /// A dossier number of an unexpected length (see the module docs).
    DossierLength { range: Range<usize>, len: usize },
    /// Digits glued to the end of the reference, most likely a footnote number in flattened text
    /// (`Kamerstuk 23 9821` = dossier 23 982 + note 1). They are outside the reference's range.
    TrailingDigits { range: Range<usize> },
}

impl PaperProblem {
    pub fn range(&self) -> Range<usize> {
        match self {
            PaperProblem::WordNotHouseStyle { range }
            | PaperProblem::DossierNotSpaced { range }
            | PaperProblem::SubNotHouseStyle { range }
            | PaperProblem::NrWithoutDot { range }
            | PaperProblem::Punctuation { range }
            | PaperProblem::MissingNr { range }
            | PaperProblem::VergaderjaarNotConsecutive { range, .. }
            | PaperProblem::DossierLength { range, .. }
            | PaperProblem::TrailingDigits { range } => range.clone(),
        }
    }

    /// True for a wrong reference (not merely a style deviation).
    pub fn is_malformed(&self) -> bool {
        matches!(
            self,
            PaperProblem::MissingNr { .. }
                | PaperProblem::VergaderjaarNotConsecutive { .. }
                | PaperProblem::DossierLength { .. }
                | PaperProblem::TrailingDigits { .. }
        )
    }

    /// The problem with its range moved by `by` (wrapping: see [`PaperRef::shift`]).
    fn moved(&self, by: usize) -> PaperProblem {
        let mut p = self.clone();
        match &mut p {
            PaperProblem::WordNotHouseStyle { range }
            | PaperProblem::DossierNotSpaced { range }
            | PaperProblem::SubNotHouseStyle { range }
            | PaperProblem::NrWithoutDot { range }
            | PaperProblem::Punctuation { range }
            | PaperProblem::MissingNr { range }
            | PaperProblem::VergaderjaarNotConsecutive { range, .. }
            | PaperProblem::DossierLength { range, .. }
            | PaperProblem::TrailingDigits { range } => {
                range.start = range.start.wrapping_add(by);
                range.end = range.end.wrapping_add(by);
            }
        }
        p
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct PaperRef {
    /// The whole reference as it stands, including a footnote-style prefix and a page (`, p. 3`),
    /// excluding a final full stop and glued footnote digits.
    pub range: Range<usize>,
    pub kind: PaperKind,
    pub form: PaperForm,
    /// From `II`/`I`, `TK`/`EK`, `Tweede Kamer`/`Eerste Kamer`; `None` when not written.
    pub kamer: Option<Kamer>,
    /// `(2024, 2025)` from `2024-2025`, `2024–2025`, `2024/25` (as written, even if not consecutive).
    pub vergaderjaar: Option<(u16, u16)>,
    /// Dossier, sub, number and what follows: see [`PaperRef::dossier`] and the others.
    pub parts: Parts,
    /// Read through [`PaperRef::problems`] (they are kept relative to the reference's start).
    pub(crate) problems: Problems,
    /// See the module docs. False also for a malformed reference whose rewrite would not change
    /// the text (`Kamerstuk 3231, nr. 967`): offer a fix only when [`PaperRef::house_style`]
    /// differs from the text at [`PaperRef::fix_range`].
    pub in_house_style: bool,
    /// Whether [`PaperRef::house_style`] is there and differs from the text at
    /// [`PaperRef::fix_range`]: what the house-style hint (GRF304) asks. Set by the parser while
    /// the line is at hand; the rule would otherwise read the reference's text again, long after
    /// lexing (a cache miss each).
    pub rewrite_differs: bool,
    /// [`PaperRef::fix_range`] as offsets from `range.start`: half the size of a range, which
    /// leaves room for the problems inline.
    fix: [u32; 2],
}

// Held twice a reference (line table and report): keep it at 96 bytes (`rewrite_differs` sits
// in what was padding).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<PaperRef>() == 96);

impl std::fmt::Debug for PaperRef {
    // As the derived one would show it with the problems and `fix_range` absolute.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaperRef")
            .field("range", &self.range)
            .field("kind", &self.kind)
            .field("form", &self.form)
            .field("kamer", &self.kamer)
            .field("vergaderjaar", &self.vergaderjaar)
            .field("parts", &self.parts)
            .field("problems", &self.problems().collect::<Vec<_>>())
            .field("in_house_style", &self.in_house_style)
            .field("rewrite_differs", &self.rewrite_differs)
            .field("fix_range", &self.fix_range())
            .finish()
    }
}

/// A reference's problems, held in the reference itself. Nearly every reference has at most three,
/// each near its start: those are kept in five bytes each (kind, offset, length), so that a
/// reference is built and copied (line table to report) without an allocation; any other list
/// goes to the heap whole. Ranges are relative to the reference's start, so moving a reference
/// leaves them alone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Problems(ProblemList);

#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum ProblemList {
    #[default]
    None,
    One([Packed; 1]),
    Two([Packed; 2]),
    Three([Packed; 3]),
    /// Ranges relative to the reference's start, as offsets that wrap (see [`PaperRef::shift`]).
    Many(ThinVec<PaperProblem>),
}

#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Problems>() == 16);

/// One problem with a range-only variant and a range of under 64 KiB starting under 64 KiB after
/// the reference's start: kind, offset and length (little-endian `u16`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Packed([u8; 5]);

impl Packed {
    /// The kinds from here on are malformed ([`PaperProblem::is_malformed`]).
    const MALFORMED: u8 = 5;

    fn new(p: &PaperProblem, base: usize) -> Option<Packed> {
        let (kind, range) = match p {
            PaperProblem::WordNotHouseStyle { range } => (0, range),
            PaperProblem::DossierNotSpaced { range } => (1, range),
            PaperProblem::SubNotHouseStyle { range } => (2, range),
            PaperProblem::NrWithoutDot { range } => (3, range),
            PaperProblem::Punctuation { range } => (4, range),
            PaperProblem::MissingNr { range } => (5, range),
            // The length is that of the range (as the parser makes it).
            PaperProblem::DossierLength { range, len } if *len == range.len() => (6, range),
            PaperProblem::TrailingDigits { range } => (7, range),
            PaperProblem::VergaderjaarNotConsecutive { .. }
            | PaperProblem::DossierLength { .. } => return None,
        };
        let at = u16::try_from(range.start.checked_sub(base)?).ok()?;
        let len = u16::try_from(range.end.checked_sub(range.start)?).ok()?;
        let ([a0, a1], [l0, l1]) = (at.to_le_bytes(), len.to_le_bytes());
        Some(Packed([kind, a0, a1, l0, l1]))
    }

    fn get(self, base: usize) -> PaperProblem {
        let [kind, a0, a1, l0, l1] = self.0;
        let start = base.wrapping_add(usize::from(u16::from_le_bytes([a0, a1])));
        let len = usize::from(u16::from_le_bytes([l0, l1]));
        let range = start..start.wrapping_add(len);
        match kind {
            0 => PaperProblem::WordNotHouseStyle { range },
            1 => PaperProblem::DossierNotSpaced { range },
            2 => PaperProblem::SubNotHouseStyle { range },
            3 => PaperProblem::NrWithoutDot { range },
            4 => PaperProblem::Punctuation { range },
            5 => PaperProblem::MissingNr { range },
            6 => PaperProblem::DossierLength { range, len },
            _ => PaperProblem::TrailingDigits { range },
        }
    }
}

impl Problems {
    /// `list` (line-relative ranges) for a reference starting at `base`.
    fn new(list: &[PaperProblem], base: usize) -> Problems {
        let packed = |i: usize| list.get(i).and_then(|p| Packed::new(p, base));
        let few = match list.len() {
            0 => Some(ProblemList::None),
            1 => packed(0).map(|a| ProblemList::One([a])),
            2 => packed(0)
                .zip(packed(1))
                .map(|(a, b)| ProblemList::Two([a, b])),
            3 => match (packed(0), packed(1), packed(2)) {
                (Some(a), Some(b), Some(c)) => Some(ProblemList::Three([a, b, c])),
                _ => None,
            },
            _ => None,
        };
        Problems(few.unwrap_or_else(|| {
            ProblemList::Many(list.iter().map(|p| p.moved(base.wrapping_neg())).collect())
        }))
    }

    fn lists(&self) -> (&[Packed], &[PaperProblem]) {
        match &self.0 {
            ProblemList::None => (&[], &[]),
            ProblemList::One(p) => (p, &[]),
            ProblemList::Two(p) => (p, &[]),
            ProblemList::Three(p) => (p, &[]),
            ProblemList::Many(v) => (&[], v),
        }
    }

    /// Whether any is malformed (without unpacking them).
    fn any_malformed(&self) -> bool {
        let (packed, many) = self.lists();
        packed.iter().any(|p| p.0[0] >= Packed::MALFORMED)
            || many.iter().any(PaperProblem::is_malformed)
    }

    /// The problems of a reference starting at `base`.
    fn iter(&self, base: usize) -> impl Iterator<Item = PaperProblem> + '_ {
        let (packed, many) = self.lists();
        packed
            .iter()
            .map(move |p| p.get(base))
            .chain(many.iter().map(move |p| p.moved(base)))
    }
}

/// The parts of a reference as written, in one inline string: a reference has one to four short
/// parts, and it is held twice (in the line table and in the report), so four strings of their own
/// were most of its size.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    text: Part,
    /// Where each part (dossier, sub, number, extra) ends in `text`; [`Parts::ABSENT`] for one
    /// not written. A part starts where the one before it that is written ends.
    ends: [u32; 4],
}

impl Parts {
    const ABSENT: u32 = u32::MAX;

    /// From the dossier, sub, number and extra, each if written, each in one or two pieces
    /// (`32 317` is written `32` and `317`; the second piece is mostly empty).
    fn new(parts: [Option<[&str; 2]>; 4]) -> Parts {
        // Put together on the stack and made a string once: pushing each piece onto the string
        // cost more than all the rest of this.
        let mut buf = [0u8; 24];
        let mut len = 0;
        let mut ends = [Self::ABSENT; 4];
        for (end, part) in ends.iter_mut().zip(&parts) {
            if let Some(pieces) = part {
                for p in pieces {
                    if let Some(to) = buf.get_mut(len..len + p.len()) {
                        to.copy_from_slice(p.as_bytes());
                    }
                    len += p.len();
                }
                // A reference lies within one lexed line (at most `MAX_LEXED_LINE` bytes).
                *end = u32::try_from(len).unwrap_or(Self::ABSENT - 1);
            }
        }
        let text = if let [None, None, Some([number, ""]), None] = parts {
            // A number alone (Handelingen, document numbers): as it is, without the check below.
            Part::from(number)
        } else if let Some(Ok(text)) = buf.get(..len).map(Part::from_utf8) {
            // Whole pieces of `str`, so valid UTF-8 when they fitted in `buf`.
            text
        } else {
            let mut text = Part::with_capacity(len);
            for p in parts.iter().flatten().flatten() {
                text.push_str(p);
            }
            text
        };
        Parts { text, ends }
    }

    /// Every part, in one walk over the ends (as [`Parts::get`] gives them one by one).
    #[inline]
    fn all(&self) -> [Option<&str>; 4] {
        let text = self.text.as_str();
        let mut parts = [None; 4];
        let mut start = 0;
        for (part, &end) in parts.iter_mut().zip(&self.ends) {
            if end != Self::ABSENT {
                *part = text.get(start..end as usize);
                start = end as usize;
            }
        }
        parts
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = self.ends[i];
        if end == Self::ABSENT {
            return None;
        }
        let start = self.ends[..i]
            .iter()
            .rev()
            .find(|&&e| e != Self::ABSENT)
            .map_or(0, |&e| e as usize);
        self.text.get(start..end as usize)
    }
}

impl PaperRef {
    /// Digits only: `"32317"`. For document/zaak numbers `None`.
    pub fn dossier(&self) -> Option<&str> {
        self.parts.get(0)
    }

    /// Sub-dossier (`"02"`) or budget chapter/fund (`"XII"`, `"VI"`, `"A"`). For Handelingen: the
    /// agenda item (`item 5` -> `"5"`), which the address needs.
    pub fn sub(&self) -> Option<&str> {
        self.parts.get(1)
    }

    /// The paper's number (`"967"`), an Eerste Kamer letter (`"A"`), the Handelingen meeting or
    /// Aanhangsel number, or the whole document/zaak number (`"2025D43823"`).
    pub fn number(&self) -> Option<&str> {
        self.parts.get(2)
    }

    /// What follows the number, as written without the leading comma: `"p. 3"`,
    /// `"item 5, p. 25-36"`.
    pub fn extra(&self) -> Option<&str> {
        self.parts.get(3)
    }

    /// Adds `by` to every range (the parser makes line-relative ranges absolute). Wrapping, so
    /// that a negative delta can be given as its two's complement (`delta as usize`).
    pub fn shift(&mut self, by: usize) {
        // The fix range and the problems are kept relative to the start.
        self.range = self.range.start.wrapping_add(by)..self.range.end.wrapping_add(by);
    }

    /// What a house-style rewrite replaces by [`PaperRef::house_style`]: the word (if any) through
    /// the number, leaving a footnote-style prefix, brackets and a page reference in place.
    pub fn fix_range(&self) -> Range<usize> {
        let at = |off: u32| self.range.start.wrapping_add(off as usize);
        at(self.fix[0])..at(self.fix[1])
    }

    /// What to tell the writer about the reference, in order.
    pub fn problems(&self) -> impl Iterator<Item = PaperProblem> + '_ {
        self.problems.iter(self.range.start)
    }

    /// Whether any of its problems is malformed ([`PaperProblem::is_malformed`]).
    pub fn is_malformed(&self) -> bool {
        self.problems.any_malformed()
    }

    /// A reference without problems and not (yet) in house style; see [`finish`].
    #[allow(clippy::too_many_arguments)]
    fn new(
        range: Range<usize>,
        kind: PaperKind,
        form: PaperForm,
        kamer: Option<Kamer>,
        vergaderjaar: Option<(u16, u16)>,
        parts: Parts,
        fix_range: Range<usize>,
    ) -> PaperRef {
        // A reference lies within one lexed line (at most `MAX_LEXED_LINE` bytes).
        let off = |i: usize| u32::try_from(i.wrapping_sub(range.start)).unwrap_or(u32::MAX);
        PaperRef {
            fix: [off(fix_range.start), off(fix_range.end)],
            range,
            kind,
            form,
            kamer,
            vergaderjaar,
            parts,
            problems: Problems::default(),
            in_house_style: false,
            rewrite_differs: false,
        }
    }

    /// The house-style text for [`PaperRef::fix_range`]: `Kamerstuk 32 317, nr. 967`,
    /// `Kamerstuk 21 501-02, nr. 2395`, `Kamerstuk 32 500 XII, nr. 68`, `Kamerstuk 34 986`.
    /// `None` for Handelingen, Aanhangsel, document/zaak numbers and Eerste Kamer letters.
    pub fn house_style(&self) -> Option<String> {
        let mut s = String::with_capacity(40);
        self.write_house_style(&mut s).then_some(s)
    }

    /// Whether there is a house-style text and it differs from `text` (compared as it is written,
    /// without building it).
    pub fn house_style_differs(&self, text: &str) -> bool {
        /// Takes each piece written off the front of `rest` while they agree.
        struct Compare<'a> {
            rest: &'a str,
            same: bool,
        }
        impl std::fmt::Write for Compare<'_> {
            fn write_str(&mut self, piece: &str) -> std::fmt::Result {
                // Once they differ, the pieces that follow need no look.
                if self.same {
                    match self.rest.strip_prefix(piece) {
                        Some(rest) => self.rest = rest,
                        None => self.same = false,
                    }
                }
                Ok(())
            }
        }
        let mut c = Compare {
            rest: text,
            same: true,
        };
        self.write_house_style(&mut c) && !(c.same && c.rest.is_empty())
    }

    /// Writes [`PaperRef::house_style`] into `out` piece by piece (by hand rather than with
    /// `format!`, which cost more than the rest of the paper rule); false, having written
    /// nothing, when there is none.
    pub(crate) fn write_house_style(&self, out: &mut impl std::fmt::Write) -> bool {
        if self.kind != PaperKind::Kamerstuk {
            return false;
        }
        let [dossier, sub, number, _] = self.parts.all();
        let Some(dossier) = dossier else {
            return false;
        };
        let number = match number {
            Some(n) if is_digits(n) => Some(n),
            Some(_) => return false,
            None => None,
        };
        let mut put = |piece: &str| {
            // Writing to a `String` or a comparison cannot fail.
            let _ = out.write_str(piece);
        };
        put("Kamerstuk ");
        if dossier.len() == 5 && is_digits(dossier) {
            put(&dossier[..2]);
            put(" ");
            put(&dossier[2..]);
        } else {
            put(dossier);
        }
        if let Some(sub) = sub {
            // Numeric sub-dossiers are hyphenated, chapters and funds follow a space.
            put(if is_digits(sub) { "-" } else { " " });
            put(sub);
        }
        if let Some(n) = number {
            put(", nr. ");
            put(n);
        }
        true
    }

    /// The address on zoek.officielebekendmakingen.nl: `kst-32317-967.html`,
    /// `kst-21501-02-2397.html`, `kst-32500-XII-72.html`, `kst-35010-C.html`, a whole dossier's
    /// page `dossier/34986`, `h-tk-20182019-33-4.html` (needs the item), `ah-tk-20242025-1028.html`.
    /// Without a Kamer, Handelingen and Aanhangsel are taken to be the Tweede Kamer's. `None` for
    /// document/zaak numbers (their pages need both numbers).
    pub fn url(&self) -> Option<String> {
        match (self.kind, self.number()) {
            (PaperKind::Kamerstuk, None) => {
                let mut d = Part::from(self.dossier()?);
                if let Some(sub) = self.sub() {
                    d.push('-');
                    d.push_str(sub);
                }
                Some(format!("{BASE_URL}dossier/{d}"))
            }
            (PaperKind::Handelingen, _) if self.sub().is_none() => None,
            (PaperKind::Kamerstuk | PaperKind::Handelingen | PaperKind::Aanhangsel, _) => {
                Some(format!("{BASE_URL}{}.html", self.key()?))
            }
            (PaperKind::DocumentNr | PaperKind::ZaakNr, _) => None,
        }
    }

    /// The paper's identity whatever its form: `kst-32317-967`, `kst-21501-02-2397`,
    /// `dossier-34986` for a whole dossier, `h-tk-20182019-33-4` (or `h-tk-20182019-33` without
    /// item), `ah-tk-20242025-1028`, `2025D43823`.
    pub fn key(&self) -> Option<String> {
        let chamber = match self.kamer {
            Some(Kamer::Eerste) => "ek",
            _ => "tk",
        };
        match self.kind {
            PaperKind::Kamerstuk => {
                let mut k = String::with_capacity(24);
                k.push_str(if self.number().is_some() {
                    "kst-"
                } else {
                    "dossier-"
                });
                k.push_str(self.dossier()?);
                for part in [self.sub(), self.number()].into_iter().flatten() {
                    k.push('-');
                    k.push_str(part);
                }
                Some(k)
            }
            PaperKind::Handelingen | PaperKind::Aanhangsel => {
                let (a, b) = self.vergaderjaar?;
                let nr = self.number()?;
                let prefix = if self.kind == PaperKind::Handelingen {
                    "h"
                } else {
                    "ah"
                };
                let mut k = format!("{prefix}-{chamber}-{a}{b}-{nr}");
                if self.kind == PaperKind::Handelingen {
                    if let Some(item) = self.sub() {
                        k.push('-');
                        k.push_str(item);
                    }
                }
                Some(k)
            }
            PaperKind::DocumentNr | PaperKind::ZaakNr => self.number().map(str::to_string),
        }
    }
}

/// `"32317"` -> `"32 317"`. Only five-digit dossiers get the space (house style); four-digit
/// dossiers predate the convention and are cited as written, and other lengths or non-digit input
/// are returned unchanged (they are errors the caller reports, not something to reformat).
pub fn format_dossier(digits: &str) -> String {
    if digits.len() == 5 && is_digits(digits) {
        format!("{} {}", &digits[..2], &digits[2..])
    } else {
        digits.to_string()
    }
}

/// Finds the references in one line (no newline in it) and appends them to `out`, in order,
/// with ranges relative to `line`.
pub fn scan(line: &str, out: &mut Vec<PaperRef>) {
    let mut hits = Vec::new();
    triggers::find(line.as_bytes(), &mut hits);
    scan_hits(line, &hits, out);
}

/// Where [`scan_hits`] puts what it finds: a list of references, or the lexer's list of items
/// (so that a reference is not moved from one list to the other; it is large).
pub(crate) trait PaperSink {
    fn push_paper(&mut self, r: PaperRef);
    fn len(&self) -> usize;
    /// The reference at `i`, if that entry is one.
    fn paper(&self, i: usize) -> Option<&PaperRef>;
    /// Sorts the entries from `first` on (all references) by start.
    fn sort_papers_from(&mut self, first: usize);
}

impl PaperSink for Vec<PaperRef> {
    fn push_paper(&mut self, r: PaperRef) {
        self.push(r);
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn paper(&self, i: usize) -> Option<&PaperRef> {
        self.get(i)
    }
    fn sort_papers_from(&mut self, first: usize) {
        if let Some(tail) = self.get_mut(first..) {
            tail.sort_by_key(|r| r.range.start);
        }
    }
}

/// [`scan`] with the line's triggers already found (the lexer finds them once for everything).
pub(crate) fn scan_hits(line: &str, hits: &[Hit], out: &mut impl PaperSink) {
    let first = out.len();
    let mut pos = 0;
    // The anchor words as a leftmost, non-overlapping search for them would report them: an
    // occurrence inside the previous one (`nr.` in `Handelingenr.`) is not one.
    let mut word_end = 0;
    for h in hits {
        let len = match h.kind {
            Kind::Kamerstuk => "Kamerstuk".len(),
            Kind::Kst => "kst".len(),
            Kind::Handelingen => "Handelingen".len(),
            Kind::Aanhangsel => "Aanhangsel".len(),
            Kind::Vergaderjaar => "vergaderjaar".len(),
            Kind::Nr => "nr.".len(),
            _ => continue,
        };
        if h.at < word_end {
            continue;
        }
        word_end = h.at + len;
        if h.at < pos {
            continue;
        }
        let found = match h.kind {
            Kind::Kamerstuk | Kind::Kst => parse_word(line, h.at),
            Kind::Handelingen => parse_handelingen(line, h.at, h.at),
            Kind::Aanhangsel => parse_aanhangsel(line, h.at),
            Kind::Vergaderjaar => parse_footnote(line, h.at),
            _ => parse_bare(line, h.at),
        };
        if let Some(r) = found {
            if r.range.start >= pos {
                pos = r.range.end;
                out.push_paper(r);
            }
        }
    }
    scan_bytes(line, hits, first, out);
}

// ---------------------------------------------------------------------------------------------
// Parsers per anchor

/// `Kamerstuk …`, `Kamerstukken II 2024/25, …`, `kst. …`.
fn parse_word(s: &str, at: usize) -> Option<PaperRef> {
    if alnum_before(s, at) {
        return None;
    }
    let mut c = Cur::new(s, at);
    let word = eat_word(&mut c)?;
    let word_end = c.i;
    let sp = c.spaces();
    if sp == 0 && !word.ends_with('.') {
        return None;
    }
    let mut problems = Found::new();
    let mut kamer = None;
    let mut legal = false;
    let mut t = c;
    if let Some(k) = kamer_marker(&mut t) {
        t.eat_byte(b',');
        if t.spaces() > 0 {
            kamer = Some(k);
            legal = true;
            c = t;
        }
    }
    let mut vj = None;
    let mut t = c;
    if t.eat("vergaderjaar") {
        t.spaces();
    }
    if let Some((y, p)) = vergaderjaar(&mut t) {
        if t.eat_byte(b',') && t.spaces() > 0 {
            vj = Some(y);
            if let Some(p) = p {
                problems.push(p);
            }
            legal = true;
            c = t;
        }
    }
    if !legal && sp != 1 {
        // `kst.32317` has no gap to point at: take the word.
        let st = if sp == 0 { at } else { word_end };
        problems.push(PaperProblem::Punctuation { range: st..c.i });
    }
    let b = body(s, c.i, kamer, vj, &mut problems)?;
    let form = if legal {
        if b.compact {
            problems.push(PaperProblem::Punctuation {
                range: b.head_end..b.fix_end,
            });
        }
        PaperForm::LegalAuthor
    } else if b.compact {
        PaperForm::Compact
    } else if b.number.is_none() {
        PaperForm::WholeDossier
    } else {
        PaperForm::Full
    };
    if !legal {
        let plural_for_one = word.ends_with("ken") && b.number.is_some();
        if !word.starts_with('K') || word.starts_with("Kst") || plural_for_one {
            problems.insert(
                0,
                PaperProblem::WordNotHouseStyle {
                    range: at..word_end,
                },
            );
        }
    }
    Some(b.kamerstuk(s, at, at, form, &mut problems))
}

/// `Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967` and `…, 22 112, nr. 4131`;
/// `at` is the position of `vergaderjaar`.
fn parse_footnote(s: &str, at: usize) -> Option<PaperRef> {
    let pre = trim_end_spaces(s.get(..at)?);
    if pre.len() == at {
        return None;
    }
    let pre = pre.strip_suffix(',')?;
    // The formal name, as in the header of a published Kamerstuk.
    let pre = pre.strip_suffix(" der Staten-Generaal").unwrap_or(pre);
    let pre = pre.strip_suffix("Kamer")?;
    let before_kamer = trim_end_spaces(pre);
    if before_kamer.len() == pre.len() {
        return None;
    }
    let (start, kamer) = if let Some(p) = before_kamer.strip_suffix("Tweede") {
        (p.len(), Kamer::Tweede)
    } else if let Some(p) = before_kamer.strip_suffix("Eerste") {
        (p.len(), Kamer::Eerste)
    } else {
        return None;
    };
    if alnum_before(s, start) {
        return None;
    }
    let mut c = Cur::new(s, at + "vergaderjaar".len());
    if c.spaces() == 0 {
        return None;
    }
    let (vj, vp) = vergaderjaar(&mut c)?;
    if !c.eat_byte(b',') || c.spaces() == 0 {
        return None;
    }
    let mut problems = Found::new();
    if let Some(p) = vp {
        problems.push(p);
    }
    let fix_start = c.i;
    let mut t = c;
    if let Some(word) = eat_word(&mut t) {
        let sp = t.spaces();
        if sp == 0 && !word.ends_with('.') {
            return None;
        }
        if word != "Kamerstuk" {
            problems.push(PaperProblem::WordNotHouseStyle {
                range: fix_start..fix_start + word.len(),
            });
        }
        if sp > 1 {
            problems.push(PaperProblem::Punctuation {
                range: fix_start + word.len()..t.i,
            });
        }
        c = t;
    } else if t.rest().starts_with(b"Aanhangsel") {
        return parse_aanhangsel_at(s, t.i, start, Some(kamer), Some(vj), &mut problems);
    } else if t.rest().starts_with(b"Handelingen") {
        let (k, v) = (Some(kamer), Some(vj));
        return parse_handelingen_at(s, t.i, start, k, v, PaperKind::Handelingen, &mut problems);
    }
    let has_word = c.i != fix_start;
    let b = body(s, c.i, Some(kamer), Some(vj), &mut problems)?;
    if !has_word && b.number.is_none() {
        return None;
    }
    if b.compact {
        problems.push(PaperProblem::Punctuation {
            range: b.head_end..b.fix_end,
        });
    }
    Some(b.kamerstuk(s, start, fix_start, PaperForm::FootnoteStyle, &mut problems))
}

/// `(29 435, nr. 256)`, `21 501-28, nr. 262`: found from their `nr.` (at `at`), so the dossier is
/// looked for in the few bytes before the comma.
fn parse_bare(s: &str, at: usize) -> Option<PaperRef> {
    let pre = trim_end_spaces(s.get(..at)?);
    let comma = pre.strip_suffix(',')?.len();
    let bytes = s.as_bytes();
    // `21 501-02` or `36 740 XII` is at most 13 bytes; a little slack for a no-break space.
    let lo = comma.saturating_sub(14);
    let mut problems = Found::new();
    for (st, b) in bytes.iter().enumerate().take(comma).skip(lo) {
        if !b.is_ascii_digit() || !bare_start_ok(s, st) {
            continue;
        }
        problems.clear();
        let Some(b) = body(s, st, None, None, &mut problems) else {
            continue;
        };
        if b.head_end != comma || b.dossier.len() != 5 || !b.nr_dot {
            continue;
        }
        return Some(b.kamerstuk(s, st, st, PaperForm::Bare, &mut problems));
    }
    None
}

/// The byte-triggered pass: document/zaak numbers from their `D`/`Z`, and bare compact numbers
/// with a sub-dossier or chapter from their hyphen (`21501-02-2179`, `36740-VI-1`; without a sub,
/// `32317-967` is too common a shape to take without a word). Both need a digit just before the
/// trigger, which the trigger scan checked. Skips what the word pass found.
fn scan_bytes(s: &str, hits: &[Hit], first: usize, out: &mut impl PaperSink) {
    let found_before = out.len();
    let mut pos = 0;
    let mut word_ref = first;
    for hit in hits {
        let h = hit.at;
        // Most hits are other triggers of the line (the walk below catches up at the next).
        let digit_dash = match hit.kind {
            Kind::DigitDash => true,
            Kind::DigitDz => false,
            _ => continue,
        };
        if h < pos || h < 4 {
            continue;
        }
        // What either parser finds contains `h`: inside a reference the word pass found, it
        // would overlap it and be dropped below, so do not build it (`Kamerstuk 32317-967`).
        // Those references are in order and apart, and so are the hits: one walk over both.
        while word_ref < found_before && out.paper(word_ref).is_none_or(|o| o.range.end <= h) {
            word_ref += 1;
        }
        if word_ref < found_before && out.paper(word_ref).is_some_and(|o| o.range.start <= h) {
            continue;
        }
        let found = if digit_dash {
            parse_bare_compact(s, h)
        } else {
            parse_tk_number(s, h)
        };
        let Some(r) = found else { continue };
        // The word pass's references that `r` could overlap: those around `word_ref` (the first
        // that ends after `h`), going out while they still reach `r`.
        let overlaps = |i: usize| {
            out.paper(i)
                .is_some_and(|o| o.range.start < r.range.end && r.range.start < o.range.end)
        };
        let before = (first..word_ref)
            .rev()
            .take_while(|&i| out.paper(i).is_some_and(|o| o.range.end > r.range.start))
            .any(overlaps);
        let after = (word_ref..found_before)
            .take_while(|&i| out.paper(i).is_some_and(|o| o.range.start < r.range.end))
            .any(overlaps);
        if before || after {
            continue;
        }
        pos = r.range.end;
        out.push_paper(r);
    }
    if out.len() > found_before && found_before > first {
        out.sort_papers_from(first);
    }
}

/// `21501-02-2179` with `h` at its first hyphen.
fn parse_bare_compact(s: &str, h: usize) -> Option<PaperRef> {
    let st = h.checked_sub(5)?;
    if !s.as_bytes()[st..h].iter().all(u8::is_ascii_digit) || !bare_start_ok(s, st) {
        return None;
    }
    let mut problems = Found::new();
    let b = body(s, st, None, None, &mut problems)?;
    let after = Cur::new(s, b.end);
    if !b.compact || b.sub.is_none() || !after.at_boundary() || after.dash().is_some() {
        return None;
    }
    Some(b.kamerstuk(s, st, st, PaperForm::Compact, &mut problems))
}

/// `Handelingen II 2010/11, nr. 108, item 5, p. 25-36`; `at` is the position of `Handelingen`.
fn parse_handelingen(s: &str, at: usize, start: usize) -> Option<PaperRef> {
    // After a failed `Aanhangsel Handelingen` parse this must not pose as plain Handelingen.
    if trim_end_spaces(s.get(..at)?).ends_with("Aanhangsel") || alnum_before(s, at) {
        return None;
    }
    let kind = PaperKind::Handelingen;
    parse_handelingen_at(s, at, start, None, None, kind, &mut Found::new())
}

/// `Aanhangsel Handelingen II 2014/15, nr. 1241`, `Aanhangsel van de Handelingen, …`.
fn parse_aanhangsel(s: &str, at: usize) -> Option<PaperRef> {
    if alnum_before(s, at) {
        return None;
    }
    parse_aanhangsel_at(s, at, at, None, None, &mut Found::new())
}

fn parse_aanhangsel_at(
    s: &str,
    at: usize,
    start: usize,
    kamer: Option<Kamer>,
    vj: Option<(u16, u16)>,
    problems: &mut Found,
) -> Option<PaperRef> {
    let mut c = Cur::new(s, at);
    if !c.eat("Aanhangsel") || c.spaces() == 0 {
        return None;
    }
    let mut t = c;
    if t.eat("van") && t.spaces() > 0 && t.eat("de") && t.spaces() > 0 {
        c = t;
    }
    if !c.rest().starts_with(b"Handelingen") {
        return None;
    }
    parse_handelingen_at(s, c.i, start, kamer, vj, PaperKind::Aanhangsel, problems)
}

/// The Handelingen grammar, for a reference of `kind` (Handelingen or Aanhangsel, which has no
/// agenda item). With `outer_vj` given (a footnote prefix already read the Kamer and vergaderjaar,
/// and put its problems in `problems`) only `Handelingen, nr. …` is expected.
fn parse_handelingen_at(
    s: &str,
    at: usize,
    start: usize,
    outer_kamer: Option<Kamer>,
    outer_vj: Option<(u16, u16)>,
    kind: PaperKind,
    problems: &mut Found,
) -> Option<PaperRef> {
    let mut c = Cur::new(s, at);
    if !c.eat("Handelingen") || !c.at_boundary() {
        return None;
    }
    let mut kamer = outer_kamer;
    let (vj, form) = if let Some(vj) = outer_vj {
        // The footnote prefix gave the Kamer and vergaderjaar.
        (vj, PaperForm::FootnoteStyle)
    } else {
        let mut t = c;
        if t.spaces() > 0 {
            if let Some(k) = kamer_marker(&mut t) {
                kamer = Some(k);
                c = t;
            }
        }
        c.eat_byte(b',');
        if c.spaces() == 0 {
            return None;
        }
        let mut form = PaperForm::LegalAuthor;
        let mut t = c;
        if t.eat("vergaderjaar") && t.spaces() > 0 {
            form = PaperForm::FootnoteStyle;
            c = t;
        }
        let (vj, p) = vergaderjaar(&mut c)?;
        if let Some(p) = p {
            problems.push(p);
        }
        (vj, form)
    };
    // After a footnote prefix the comma after `Handelingen` is often left out.
    if (!c.eat_byte(b',') && form != PaperForm::FootnoteStyle) || c.spaces() == 0 {
        return None;
    }
    let number;
    let nr_start = c.i;
    if let Some(dot) = eat_nr(&mut c) {
        let nr_end = c.i;
        let sp = c.spaces();
        let r = c.digits();
        if r.is_empty() {
            return None;
        }
        if !dot {
            problems.push(PaperProblem::NrWithoutDot {
                range: nr_start..nr_end,
            });
        }
        if sp != 1 {
            let st = if sp == 0 { nr_start } else { nr_end };
            problems.push(PaperProblem::Punctuation { range: st..r.end });
        }
        number = r;
    } else {
        let r = c.digits();
        if r.is_empty() || !ends_number(&c) {
            return None;
        }
        problems.push(PaperProblem::MissingNr { range: r.clone() });
        number = r;
    }
    let number_end = c.i;
    let mut item = None;
    let mut t = c;
    if t.eat_byte(b',') && t.spaces() > 0 && t.eat("item") && t.spaces() > 0 {
        let r = t.digits();
        if !r.is_empty() && t.at_boundary() {
            item = Some(&s[r]);
            c = t;
        }
    }
    eat_pages(&mut c);
    let extra = (c.i > number_end).then(|| extra_text(s, number_end..c.i));
    // An Aanhangsel has no agenda item (one written is left out of its parts).
    let item = item.filter(|_| kind == PaperKind::Handelingen);
    let parts = Parts::new([
        None,
        item.map(|i| [i, ""]),
        Some([&s[number.clone()], ""]),
        extra.map(|e| [e, ""]),
    ]);
    let r = PaperRef::new(
        start..c.i,
        kind,
        form,
        kamer,
        Some(vj),
        parts,
        start..number.end,
    );
    Some(finish(r, s, problems))
}

/// `2025D43823`, `2025Z18828`; `at` is the position of the letter.
fn parse_tk_number(s: &str, at: usize) -> Option<PaperRef> {
    let st = at.checked_sub(4)?;
    let year = s.as_bytes().get(st..at)?;
    if !year.iter().all(u8::is_ascii_digit) || !(year.starts_with(b"19") || year.starts_with(b"20"))
    {
        return None;
    }
    // Not inside a word, a longer number or an address (`?id=2025Z18828`, `/2025D43823`).
    if let Some(p) = prev_char(s, st) {
        if p.is_alphanumeric() || "=/-_.#&".contains(p) {
            return None;
        }
    }
    let mut c = Cur::new(s, at + 1);
    let r = c.digits();
    let mut problems = Found::new();
    let end = match r.len() {
        5 => r.end,
        // A footnote number glued on in flattened text.
        6 | 7 => {
            problems.push(PaperProblem::TrailingDigits {
                range: r.start + 5..r.end,
            });
            r.start + 5
        }
        _ => return None,
    };
    if !c.at_boundary() {
        return None;
    }
    let kind = if s.as_bytes()[at] == b'D' {
        PaperKind::DocumentNr
    } else {
        PaperKind::ZaakNr
    };
    let parts = Parts::new([None, None, Some([&s[st..end], ""]), None]);
    let r = PaperRef::new(st..end, kind, PaperForm::Number, None, None, parts, st..end);
    Some(finish(r, s, &mut problems))
}

/// A reference's problems while it is parsed (line-relative ranges): a few at most, on the stack.
type Found = smallvec::SmallVec<[PaperProblem; 4]>;

/// Gives `r` its `problems` and sets `in_house_style` (see the module docs).
fn finish(mut r: PaperRef, s: &str, problems: &mut Found) -> PaperRef {
    if r.form == PaperForm::Compact {
        // The form already says it; these would only repeat it.
        problems.retain(|p| {
            !matches!(
                p,
                PaperProblem::DossierNotSpaced { .. } | PaperProblem::SubNotHouseStyle { .. }
            )
        });
    }
    r.problems = Problems::new(problems, r.range.start);
    r.in_house_style = problems.is_empty()
        && match r.kind {
            PaperKind::Kamerstuk => matches!(
                r.form,
                PaperForm::Full
                    | PaperForm::WholeDossier
                    | PaperForm::FootnoteStyle
                    | PaperForm::Bare
            ),
            _ => true,
        };
    r.rewrite_differs = !r.in_house_style
        && s.get(r.fix_range())
            .is_some_and(|t| r.house_style_differs(t));
    r
}

// ---------------------------------------------------------------------------------------------
// The Kamerstuk body: dossier, sub, number, page

/// `sub` and `number` are pieces of the line (copied once, into the reference's [`Parts`]); the
/// dossier may be put together (`32 317` is `32317`).
struct Body<'a> {
    dossier: Dossier<'a>,
    sub: Option<&'a str>,
    number: Option<&'a str>,
    /// The number came from a dash (`32317-967`).
    compact: bool,
    /// The number was introduced by `nr.` with its dot.
    nr_dot: bool,
    /// End of dossier and sub.
    head_end: usize,
    /// End of the number (or of the head without one).
    fix_end: usize,
    /// End including a page reference.
    end: usize,
    extra: Option<&'a str>,
    /// What the words before said (the body reads numbers by them).
    kamer: Option<Kamer>,
    vergaderjaar: Option<(u16, u16)>,
}

impl Body<'_> {
    /// The Kamerstuk reference of this body from `start`, in `form`; house style rewrites it from
    /// `fix_start` to the number.
    fn kamerstuk(
        self,
        s: &str,
        start: usize,
        fix_start: usize,
        form: PaperForm,
        problems: &mut Found,
    ) -> PaperRef {
        let parts = Parts::new([
            Some([self.dossier.0, self.dossier.1]),
            self.sub.map(|p| [p, ""]),
            self.number.map(|p| [p, ""]),
            self.extra.map(|p| [p, ""]),
        ]);
        let r = PaperRef::new(
            start..self.end,
            PaperKind::Kamerstuk,
            form,
            self.kamer,
            self.vergaderjaar,
            parts,
            fix_start..self.fix_end,
        );
        finish(r, s, problems)
    }
}

/// A dossier's digits as written in one or two pieces: `32317` or `32` and `317` from `32 317`
/// (not put together: they are copied once, into the reference's [`Parts`]).
#[derive(Clone, Copy)]
struct Dossier<'a>(&'a str, &'a str);

impl Dossier<'_> {
    fn len(self) -> usize {
        self.0.len() + self.1.len()
    }

    fn is(self, digits: &str) -> bool {
        digits.len() == self.len()
            && digits.as_bytes().starts_with(self.0.as_bytes())
            && digits.as_bytes().ends_with(self.1.as_bytes())
    }
}

#[derive(Clone, Default)]
struct Seg {
    dash: Range<usize>,
    hyphen: bool,
    text: Range<usize>,
    numeric: bool,
}

/// Parses `32 317`, `21 501-02`, `32 500 XII`, `36740-VI-1`, then `, nr. 967` or `, 967`
/// (missing `nr.`) or `, A` (Eerste Kamer), then `, p. 3`. `None` if no dossier starts at `at`.
fn body<'a>(
    s: &'a str,
    at: usize,
    kamer: Option<Kamer>,
    vj: Option<(u16, u16)>,
    problems: &mut Found,
) -> Option<Body<'a>> {
    let mut c = Cur::new(s, at);
    let (dossier, trailing) = dossier(&mut c, vj, problems)?;
    if trailing {
        // A footnote number is glued on: the reference ends at the dossier.
        return Some(Body {
            dossier,
            sub: None,
            number: None,
            compact: false,
            nr_dot: false,
            head_end: c.i,
            fix_end: c.i,
            end: c.i,
            extra: None,
            kamer,
            vergaderjaar: vj,
        });
    }

    // Dash segments: a sub-dossier/chapter and/or a compact number.
    // At most two, kept on the stack (a vector allocated for every dashed reference).
    let mut seg_buf: [Seg; 2] = Default::default();
    let mut n_segs = 0;
    let mut t = c;
    while n_segs < 2 {
        let Some((dl, hyphen)) = t.dash() else { break };
        let dash = t.i..t.i + dl;
        let mut u = t;
        u.i += dl;
        let r = u.digits();
        let numeric = !r.is_empty();
        let r = if numeric { r } else { u.upper() };
        if r.is_empty() || !u.at_boundary() || (!numeric && !is_chapter(&s[r.clone()])) {
            break;
        }
        seg_buf[n_segs] = Seg {
            dash,
            hyphen,
            text: r,
            numeric,
        };
        n_segs += 1;
        t = u;
    }
    if n_segs == 2 && seg_buf[0].numeric && seg_buf[0].text.len() > 2 {
        n_segs = 1;
    }
    if n_segs == 2 && !seg_buf[1].numeric {
        n_segs = 1;
    }
    let segs = &seg_buf[..n_segs];
    let mut sub = None;
    let mut number = None;
    let mut compact = false;
    match segs {
        [] => {
            // `32 500 XII`: a chapter after a space, only where a comma, bracket or the end follows.
            let mut u = c;
            let sp = u.spaces();
            if sp > 0 {
                let r = u.upper();
                if !r.is_empty()
                    && is_chapter(&s[r.clone()])
                    && matches!(u.peek(), None | Some(b',' | b')' | b']' | b';'))
                {
                    if sp > 1 {
                        problems.push(PaperProblem::Punctuation {
                            range: c.i..r.start,
                        });
                    }
                    sub = Some(&s[r]);
                    c = u;
                }
            }
        }
        [a] => {
            let a_text = &s[a.text.clone()];
            let mut u = Cur::new(s, a.text.end);
            u.eat_byte(b',');
            u.spaces();
            let before_nr = u.rest().starts_with(b"nr") || u.rest().starts_with(b"Nr");
            if !a.numeric || before_nr || dossier.is("21501") || a_text.starts_with('0') {
                // A sub-dossier (`21 501-02`) or chapter (`36740-VI`). 21 501 is the one dossier
                // with numeric sub-dossiers in current use, so `21501-32` is its sub-dossier 32.
                if !a.numeric || !a.hyphen {
                    problems.push(PaperProblem::SubNotHouseStyle {
                        range: a.dash.start..a.text.end,
                    });
                }
                sub = Some(a_text);
            } else {
                number = Some(a_text);
                compact = true;
            }
            c.i = a.text.end;
        }
        [a, b, ..] => {
            sub = Some(&s[a.text.clone()]);
            number = Some(&s[b.text.clone()]);
            compact = true;
            c.i = b.text.end;
        }
    }
    let head_end = if compact {
        segs.last().map_or(c.i, |sg| sg.dash.start)
    } else {
        c.i
    };

    let mut nr_dot = false;
    if number.is_none() {
        let save = c;
        let comma_at = c.i;
        let comma = c.eat_byte(b',');
        let nsp = c.spaces();
        let nr_start = c.i;
        let cap = c.rest().starts_with(b"Nr");
        if let Some(dot) = eat_nr(&mut c) {
            let nr_end = c.i;
            let sp = c.spaces();
            let r = c.digits();
            if r.is_empty() {
                c = save;
            } else {
                nr_dot = dot && !cap;
                if !comma || nsp != 1 {
                    problems.push(PaperProblem::Punctuation {
                        range: comma_at..nr_start,
                    });
                }
                if !dot {
                    problems.push(PaperProblem::NrWithoutDot {
                        range: nr_start..nr_end,
                    });
                } else if cap {
                    problems.push(PaperProblem::Punctuation {
                        range: nr_start..nr_end,
                    });
                }
                if sp != 1 {
                    // `nr.967`: point at the whole, not at an empty gap.
                    let st = if sp == 0 { nr_start } else { nr_end };
                    problems.push(PaperProblem::Punctuation { range: st..r.end });
                }
                number = Some(&s[r]);
            }
        } else if comma && nsp > 0 {
            let r = c.digits();
            if !r.is_empty() && ends_number(&c) {
                if nsp != 1 {
                    problems.push(PaperProblem::Punctuation {
                        range: comma_at..r.start,
                    });
                }
                problems.push(PaperProblem::MissingNr { range: r.clone() });
                number = Some(&s[r]);
            } else if r.is_empty() && kamer == Some(Kamer::Eerste) {
                // Eerste Kamer papers are lettered: `Kamerstukken I 2009/10, 32217, A`.
                let r = c.upper();
                if (1..=2).contains(&r.len()) && c.at_boundary() {
                    number = Some(&s[r]);
                } else {
                    c = save;
                }
            } else {
                c = save;
            }
        } else {
            c = save;
        }
    }
    let fix_end = c.i;
    let mut extra = None;
    if number.is_some() {
        eat_pages(&mut c);
        if c.i > fix_end {
            extra = Some(extra_text(s, fix_end..c.i));
        }
    }
    Some(Body {
        dossier,
        sub,
        number,
        compact,
        nr_dot,
        head_end,
        fix_end,
        end: c.i,
        extra,
        kamer,
        vergaderjaar: vj,
    })
}

/// A dossier number: `32 317` (house style), `32317`, `32.317`, or another length (flagged).
/// Returns the digits and whether glued footnote digits follow (`23 9821`).
fn dossier<'a>(
    c: &mut Cur<'a>,
    vj: Option<(u16, u16)>,
    problems: &mut Found,
) -> Option<(Dossier<'a>, bool)> {
    let s = c.s;
    let st = c.i;
    let r1 = c.digits();
    if r1.is_empty() {
        return None;
    }
    if r1.len() == 2 {
        let mut t = *c;
        let dot = t.peek() == Some(b'.');
        let sep = if dot { 1 } else { t.space_len() };
        if sep > 0 {
            t.i += sep;
            let r2 = t.digits();
            if !r2.is_empty() {
                // Two digits, a separator and more digits: the spaced form or nothing, so that
                // `23 9821` never becomes a dossier `23` with a stray number.
                if !(3..=5).contains(&r2.len()) || !t.at_boundary() {
                    return None;
                }
                let end = r2.start + 3;
                let d = Dossier(&s[r1], &s[r2.start..end]);
                if dot {
                    problems.push(PaperProblem::DossierNotSpaced { range: st..end });
                }
                c.i = end;
                let trailing = r2.len() > 3;
                if trailing {
                    problems.push(PaperProblem::TrailingDigits { range: end..r2.end });
                }
                return Some((d, trailing));
            }
        }
    }
    if !c.at_boundary() {
        return None;
    }
    // `1.250`-like: a thousands separator is not a dossier.
    let mut t = *c;
    if t.eat_byte(b'.') && t.peek().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let len = r1.len();
    // `Kamerstukken 2024/25` without a comma, or `Kamerstuk 2024`: a year, not a dossier. Real
    // four-digit dossiers in that range are from the 1950s and come with their vergaderjaar.
    let digits = &s[r1.clone()];
    let year_like = len == 4
        && (c.peek() == Some(b'/')
            || (vj.is_none() && (digits.starts_with("19") || digits.starts_with("20"))));
    if len > 7 || year_like {
        return None;
    }
    if len == 5 {
        problems.push(PaperProblem::DossierNotSpaced { range: r1.clone() });
    } else if !(len == 4 && vj.is_some_and(|(y, _)| y < 1970)) {
        problems.push(PaperProblem::DossierLength {
            range: r1.clone(),
            len,
        });
    }
    Some((Dossier(&s[r1], ""), false))
}

// ---------------------------------------------------------------------------------------------
// Small pieces

/// `2024-2025`, `2024–2025`, `2024/25`, `1999/00`. Returns the years and a problem if they are not
/// consecutive.
fn vergaderjaar(c: &mut Cur) -> Option<((u16, u16), Option<PaperProblem>)> {
    // Read by position: four digits, `/` or a dash, then a run of two or four digits.
    let st = c.i;
    let year = c.rest().get(..4)?;
    if !year.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut t = Cur::new(c.s, st + 4);
    if !t.eat_byte(b'/') {
        let (dl, _) = t.dash()?;
        t.i += dl;
    }
    let r2 = t.digits();
    if !matches!(r2.len(), 2 | 4) {
        return None;
    }
    // Runs of two or four ASCII digits: folded by hand, as `str::parse` would read them.
    let number = |d: &[u8]| d.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let first = number(year);
    let second = number(&t.s.as_bytes()[r2.clone()]);
    let second = match r2.len() {
        4 => second,
        2 => {
            let century = first / 100 * 100;
            if century + second < first {
                century + 100 + second
            } else {
                century + second
            }
        }
        _ => return None,
    };
    if !(1800..=2200).contains(&first) || !t.at_boundary() {
        return None;
    }
    c.i = t.i;
    let problem = (second != first + 1).then_some(PaperProblem::VergaderjaarNotConsecutive {
        range: st..t.i,
        first,
        second,
    });
    Some(((first, second), problem))
}

/// `Kamerstuk`, `Kamerstukken`, `kamerstuk(ken)`, `kst`, `kst.`, `Kst`, `Kst.`; returns it.
fn eat_word<'a>(c: &mut Cur<'a>) -> Option<&'a str> {
    let st = c.i;
    let long = ["Kamerstukken", "Kamerstuk", "kamerstukken", "kamerstuk"]
        .iter()
        .any(|w| c.eat(w));
    // `kst.` ends in its dot, so `kst.32317` is fine; otherwise a letter may not follow.
    let ok = if long {
        c.at_boundary()
    } else if c.eat("kst") || c.eat("Kst") {
        c.eat_byte(b'.') || c.at_boundary()
    } else {
        false
    };
    if !ok {
        c.i = st;
        return None;
    }
    c.s.get(st..c.i)
}

/// `II`, `I`, `TK`, `EK`, `Tweede Kamer`, `Eerste Kamer`, followed by a non-letter.
fn kamer_marker(c: &mut Cur) -> Option<Kamer> {
    // Mostly a number follows instead: one look rather than six.
    if !matches!(c.peek(), Some(b'I' | b'T' | b'E')) {
        return None;
    }
    let mut t = *c;
    let k = if t.eat("II") {
        Kamer::Tweede
    } else if t.eat("I") {
        Kamer::Eerste
    } else if t.eat("TK") {
        Kamer::Tweede
    } else if t.eat("EK") {
        Kamer::Eerste
    } else if t.eat("Tweede") && t.spaces() > 0 && t.eat("Kamer") {
        Kamer::Tweede
    } else if t.eat("Eerste") && t.spaces() > 0 && t.eat("Kamer") {
        Kamer::Eerste
    } else {
        return None;
    };
    if !t.at_boundary() {
        return None;
    }
    *c = t;
    Some(k)
}

/// `nr.` (true) or `nr`/`Nr`/`Nr.` (dot reported); `nrs.` is not a single number.
fn eat_nr(c: &mut Cur) -> Option<bool> {
    let r = c.rest();
    if !(r.starts_with(b"nr") || r.starts_with(b"Nr")) {
        return None;
    }
    match r.get(2) {
        Some(b'.') => {
            c.i += 3;
            Some(true)
        }
        Some(b) if b.is_ascii_alphanumeric() => None,
        _ => {
            c.i += 2;
            Some(false)
        }
    }
}

/// `, p. 3`, `, pp. 3-5`, `, blz. 12`, `, pag. 4`.
fn eat_pages(c: &mut Cur) {
    let mut t = *c;
    if !t.eat_byte(b',') || t.spaces() == 0 {
        return;
    }
    if !(t.eat("p.") || t.eat("pp.") || t.eat("blz.") || t.eat("pag.")) {
        return;
    }
    t.spaces();
    if t.digits().is_empty() {
        return;
    }
    let mut u = t;
    if let Some((dl, _)) = u.dash() {
        u.i += dl;
        if !u.digits().is_empty() {
            t = u;
        }
    }
    if t.at_boundary() {
        *c = t;
    }
}

/// The text of `range` without its leading comma and spaces.
fn extra_text(s: &str, range: Range<usize>) -> &str {
    let t = s.get(range).unwrap_or("");
    let t = t.strip_prefix(',').unwrap_or(t);
    t.trim_start_matches(is_space_char)
}

/// A number without `nr.` counts only where it plainly ends, so `, 15 oktober` is not a number.
fn ends_number(c: &Cur) -> bool {
    match c.peek() {
        None | Some(b')' | b']' | b';' | b':') => true,
        Some(b'.' | b',') => !c.rest().get(1).is_some_and(|b| b.is_ascii_digit()),
        _ => false,
    }
}

/// A budget chapter or fund: `VI`, `XII`, `IXB`, `IIA`, or a single capital (`A` Infrastructuurfonds).
fn is_chapter(t: &str) -> bool {
    if t.len() == 1 {
        return t.as_bytes()[0].is_ascii_uppercase();
    }
    let roman = t.strip_suffix(['A', 'B']).unwrap_or(t);
    !roman.is_empty() && roman.len() <= 5 && roman.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// A bare reference starts the line or follows a space or an opening bracket.
fn bare_start_ok(s: &str, st: usize) -> bool {
    match prev_char(s, st) {
        None => true,
        Some(p) => is_space_char(p) || p == '(' || p == '[',
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_space_char(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

fn trim_end_spaces(s: &str) -> &str {
    s.trim_end_matches(is_space_char)
}

fn prev_char(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

fn alnum_before(s: &str, i: usize) -> bool {
    prev_char(s, i).is_some_and(char::is_alphanumeric)
}

/// A cursor over a line. It only ever advances over whole characters, so every position it
/// yields is a char boundary.
#[derive(Clone, Copy)]
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn new(s: &'a str, i: usize) -> Self {
        Cur { s, i }
    }

    fn rest(&self) -> &'a [u8] {
        self.s.as_bytes().get(self.i..).unwrap_or(&[])
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    fn eat(&mut self, lit: &str) -> bool {
        let ok = self.rest().starts_with(lit.as_bytes());
        if ok {
            self.i += lit.len();
        }
        ok
    }

    fn eat_byte(&mut self, b: u8) -> bool {
        let ok = self.peek() == Some(b);
        if ok {
            self.i += 1;
        }
        ok
    }

    /// Byte length of a space-like char here: space, no-break, narrow no-break or thin space.
    fn space_len(&self) -> usize {
        match self.rest() {
            [b' ', ..] => 1,
            [0xC2, 0xA0, ..] => 2,
            [0xE2, 0x80, 0xAF | 0x89, ..] => 3,
            _ => 0,
        }
    }

    /// Skips space-like chars and says how many.
    fn spaces(&mut self) -> usize {
        let mut n = 0;
        loop {
            // Mostly a plain space or an ASCII byte that is none.
            match self.peek() {
                Some(b' ') => {
                    self.i += 1;
                    n += 1;
                    continue;
                }
                Some(b) if b.is_ascii() => return n,
                _ => {}
            }
            let l = self.space_len();
            if l == 0 {
                return n;
            }
            self.i += l;
            n += 1;
        }
    }

    /// A dash here: its byte length and whether it is the plain hyphen-minus.
    fn dash(&self) -> Option<(usize, bool)> {
        match self.rest() {
            [b'-', ..] => Some((1, true)),
            // U+2010 hyphen, U+2011 non-breaking hyphen, U+2013 en dash, U+2014 em dash.
            [0xE2, 0x80, 0x90 | 0x91 | 0x93 | 0x94, ..] => Some((3, false)),
            _ => None,
        }
    }

    fn digits(&mut self) -> Range<usize> {
        let st = self.i;
        let n = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        self.i += n;
        st..self.i
    }

    fn upper(&mut self) -> Range<usize> {
        let st = self.i;
        let n = self
            .rest()
            .iter()
            .take_while(|b| b.is_ascii_uppercase())
            .count();
        self.i += n;
        st..self.i
    }

    /// True at the end or before a char that is not a letter or digit.
    #[inline]
    fn at_boundary(&self) -> bool {
        match self.rest().first() {
            // ASCII (nearly always): no character to decode.
            Some(&b) if b.is_ascii() => !b.is_ascii_alphanumeric(),
            _ => self.at_boundary_slow(),
        }
    }

    /// A non-ASCII char or the end: out of line, so that the ASCII test inlines at its callers.
    #[inline(never)]
    fn at_boundary_slow(&self) -> bool {
        self.s
            .get(self.i..)
            .and_then(|r| r.chars().next())
            .is_none_or(|ch| !ch.is_alphanumeric())
    }
}

#[cfg(test)]
mod reference {
    //! The scan as it was before the single trigger scan, kept as the reference that the
    //! differential tests hold the new one to.
    use std::sync::LazyLock;

    use regex::Regex;

    use super::*;

    /// The anchor words. Plain literals only, so the engine can use its multi-literal prefilter.
    static TRIGGER_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"Kamerstuk|kamerstuk|Kst|kst|Handelingen|Aanhangsel|vergaderjaar|nr\.")
            .expect("constant regex")
    });

    /// The scan as it was before the single trigger scan: the reference for the differential tests.
    pub(crate) fn scan_reference(line: &str, out: &mut Vec<PaperRef>) {
        let first = out.len();
        let mut pos = 0;
        for m in TRIGGER_REFERENCE.find_iter(line) {
            if m.start() < pos {
                continue;
            }
            let found = match m.as_str() {
                "Kamerstuk" | "kamerstuk" | "Kst" | "kst" => parse_word(line, m.start()),
                "Handelingen" => parse_handelingen(line, m.start(), m.start()),
                "Aanhangsel" => parse_aanhangsel(line, m.start()),
                "vergaderjaar" => parse_footnote(line, m.start()),
                _ => parse_bare(line, m.start()),
            };
            if let Some(r) = found {
                if r.range.start >= pos {
                    pos = r.range.end;
                    out.push(r);
                }
            }
        }
        scan_bytes_reference(line, first, out);
    }

    /// The byte-triggered pass: document/zaak numbers from their `D`/`Z`, and bare compact numbers
    /// with a sub-dossier or chapter from their hyphen (`21501-02-2179`, `36740-VI-1`; without a sub,
    /// `32317-967` is too common a shape to take without a word). Skips what the word pass found.
    fn scan_bytes_reference(s: &str, first: usize, out: &mut Vec<PaperRef>) {
        let bytes = s.as_bytes();
        let found_before = out.len();
        let mut pos = 0;
        for h in memchr::memchr3_iter(b'-', b'D', b'Z', bytes) {
            // Cheap rejections first: both need a digit just before the trigger.
            if h < pos || h < 4 || !bytes[h - 1].is_ascii_digit() {
                continue;
            }
            let found = if bytes[h] == b'-' {
                parse_bare_compact(s, h)
            } else {
                parse_tk_number(s, h)
            };
            let Some(r) = found else { continue };
            if out[first..found_before]
                .iter()
                .any(|o| o.range.start < r.range.end && r.range.start < o.range.end)
            {
                continue;
            }
            pos = r.range.end;
            out.push(r);
        }
        if out.len() > found_before && found_before > first {
            out[first..].sort_by_key(|r| r.range.start);
        }
    }
}
#[cfg(test)]
pub(crate) use reference::scan_reference;

#[cfg(test)]
mod tests;
