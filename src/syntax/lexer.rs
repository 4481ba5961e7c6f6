//! The line lexer: classifies one line on its own, without context, and finds its inline items.
//!
//! Everything here is a pure function of the line's text, which is what makes the parse
//! incremental: an edit re-lexes only the lines it touches, and the block builder (which adds the
//! context) walks the cached results. Ranges in a `LineInfo` are relative to the line's start.

use std::num::NonZeroU32;
use std::ops::Range;
use std::sync::LazyLock;

use compact_str::CompactString;
use regex::Regex;
use thin_vec::{thin_vec, ThinVec};

use super::model::{AnswerStyle, DocKind, MarkupKind, NoteKind, PlaceholderKind, QuestionStyle};
use super::papers::{self, PaperRef};

mod table;
pub(crate) mod triggers;

use table::ItemsAt;
pub use table::Lines;
use triggers::{Hit, Kind};

/// A range inside one line: lines are lexed up to [`MAX_LEXED_LINE`] bytes, so `u32` holds it,
/// and the line table (a line of it per line of text) stays small.
pub type Span = Range<u32>;

/// `r` as a [`Span`]; `r` lies within the lexed part of a line.
pub fn span(r: Range<usize>) -> Span {
    r.start as u32..r.end as u32
}

/// What a line is, judged on its own text.
#[derive(Clone, Debug, Eq)]
pub enum LineKind {
    /// Empty or only whitespace (including no-break spaces).
    Blank,
    /// `32317\t\tJBZ-Raad (…)`: digits, tabs, a title. Only meaningful at the top.
    Dossier { number: Span, title: Span },
    /// `Verslag van een schriftelijk overleg` and the other kind lines.
    DocKind(DocKind),
    /// `· title (Kamerstuk …)`.
    Bullet { text: Span },
    /// ` I\tVragen en opmerkingen vanuit de fracties`.
    Section {
        numeral: u32,
        title: Span,
        is_response: bool,
    },
    /// `Vragen en opmerkingen van de leden van de NSC-fractie`.
    FractieHeading { name: Span, names: ThinVec<String> },
    /// `Antwoord`, `Antwoord:`, `Antwoord 12`, `Antwoord op vraag 12:`; `rest` is text after the
    /// colon on the same line, empty when there is none.
    AnswerMarker {
        style: AnswerStyle,
        numbers: ThinVec<u32>,
        /// The marker runs from the line's `content_start` to here (its start is not stored:
        /// a `LineKind` of 24 bytes, not 32).
        marker_end: u32,
        rest: Span,
    },
    /// `Vraag 12`, `Vraag (12):`, `12. text`, `12`; `rest` is the question text on the same line,
    /// empty when there is none.
    QuestionMarker {
        style: QuestionStyle,
        numbers: ThinVec<u32>,
        /// The marker runs from the line's `content_start` to here, as for an answer marker.
        marker_end: u32,
        rest: Span,
    },
    /// Anything else: prose.
    Text,
}

// By hand rather than derived: the derived comparison was not inlined, and the builder and the
// lexer ask of every line whether it is `Blank` or `Text`, which this answers inline.
impl PartialEq for LineKind {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (LineKind::Blank, LineKind::Blank) | (LineKind::Text, LineKind::Text) => true,
            _ if std::mem::discriminant(self) != std::mem::discriminant(other) => false,
            _ => self.eq_fields(other),
        }
    }
}

impl LineKind {
    /// Equality of two kinds of the same variant.
    #[inline(never)]
    fn eq_fields(&self, other: &Self) -> bool {
        use LineKind as K;
        match (self, other) {
            (K::Blank, K::Blank) | (K::Text, K::Text) => true,
            (
                K::Dossier { number, title },
                K::Dossier {
                    number: n2,
                    title: t2,
                },
            ) => number == n2 && title == t2,
            (K::DocKind(a), K::DocKind(b)) => a == b,
            (K::Bullet { text }, K::Bullet { text: t2 }) => text == t2,
            (
                K::Section {
                    numeral,
                    title,
                    is_response,
                },
                K::Section {
                    numeral: n2,
                    title: t2,
                    is_response: r2,
                },
            ) => numeral == n2 && title == t2 && is_response == r2,
            (
                K::FractieHeading { name, names },
                K::FractieHeading {
                    name: n2,
                    names: s2,
                },
            ) => name == n2 && names == s2,
            (
                K::AnswerMarker {
                    style,
                    numbers,
                    marker_end,
                    rest,
                },
                K::AnswerMarker {
                    style: s2,
                    numbers: n2,
                    marker_end: e2,
                    rest: r2,
                },
            ) => style == s2 && numbers == n2 && marker_end == e2 && rest == r2,
            (
                K::QuestionMarker {
                    style,
                    numbers,
                    marker_end,
                    rest,
                },
                K::QuestionMarker {
                    style: s2,
                    numbers: n2,
                    marker_end: e2,
                    rest: r2,
                },
            ) => style == s2 && numbers == n2 && marker_end == e2 && rest == r2,
            _ => false,
        }
    }
}

/// An inline item found on a line; ranges relative to the line start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    NoteRef {
        range: Range<usize>,
        id: Range<usize>,
        name: compact_str::CompactString,
        kind: NoteKind,
    },
    /// A note body; `closed` is false when the line ends before its closing bracket (a
    /// multi-paragraph note that continues on the next lines).
    NoteBody {
        range: Range<usize>,
        id: Range<usize>,
        name: compact_str::CompactString,
        text: Range<usize>,
        kind: NoteKind,
        closed: bool,
    },
    Paper(PaperRef),
    Placeholder {
        range: Range<usize>,
        kind: PlaceholderKind,
    },
    Fractie {
        range: Range<usize>,
        name: Range<usize>,
        text: std::sync::Arc<str>,
        speaks: bool,
    },
    Markup {
        range: Range<usize>,
        kind: MarkupKind,
    },
}

/// One lexed line. Its items are in its table's arena ([`Lines::items`]), or beside it in a
/// [`LexedLine`].
#[derive(Clone, Debug)]
pub struct LineInfo {
    pub kind: LineKind,
    /// Where the items are (compared by content, never by place: see [`Lines`]' `eq`).
    items: ItemsAt,
    /// Length of the line's content in bytes, without its terminator (a line is under 4 GB: the
    /// table is 48 bytes a line instead of 56).
    pub len: u32,
    /// Where the text starts after indentation and leading Word markup (`[bookmark: …]`).
    pub content_start: u32,
    /// `Some(n)`: the line is longer than [`MAX_LEXED_LINE`] and only its first `n` bytes were
    /// lexed (items, question mark, closing bracket); the rest is not looked at.
    pub cut: Option<NonZeroU32>,
    /// Length of the terminator: 0 (last line), 1 (`\n` or `\r`) or 2 (`\r\n`).
    pub term: u8,
    /// The line's yes/no properties, one bit each (read and set through the methods below).
    flags: Flags,
}

// The line table is most of a parse's memory: keep a line at 48 bytes.
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<LineInfo>() == 48);

/// A line's yes/no properties, one bit each. Its own type so that the lexer can gather them in a
/// register and store them once (a read-modify-write of the table entry per flag was a
/// measurable part of lexing a line).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Flags(u8);

// As the plain byte it was, so that printed lines read as before.
impl std::fmt::Debug for Flags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A getter and a setter for each bit of `LineInfo::flags`.
macro_rules! line_flags {
    ($($(#[$doc:meta])* $name:ident, $set:ident = $bit:expr;)*) => {
        impl Flags {
            $(
                #[inline]
                fn $name(self) -> bool {
                    self.0 & (1 << $bit) != 0
                }
                #[inline]
                fn $set(&mut self, on: bool) {
                    self.0 = (self.0 & !(1 << $bit)) | (u8::from(on) << $bit);
                }
            )*
        }
        impl LineInfo {
            $(
                $(#[$doc])*
                #[inline]
                pub fn $name(&self) -> bool {
                    self.flags.$name()
                }
                #[inline]
                pub fn $set(&mut self, on: bool) {
                    self.flags.$set(on);
                }
            )*
        }
    };
}

line_flags! {
    /// The line asks something.
    question_mark, set_question_mark = 0;
    /// The line opens by speaking for members (`De leden van de …`, `Deze leden`, `Voorts`, …).
    member_opening, set_member_opening = 1;
    /// Short, starts with a capital, no final punctuation: could be a topic heading.
    heading_like, set_heading_like = 2;
    /// Starts with tabs: a signature line in the header.
    indented, set_indented = 3;
    /// The line ends inside a note body that continues on the next line.
    open_note, set_open_note = 4;
    /// The line's trimmed text ends with `]` (closes a note continued from earlier lines).
    ends_with_bracket, set_ends_with_bracket = 5;
    /// `Bij brief van … heeft de minister …`: the header's line about the government's letter.
    letter_line, set_letter_line = 6;
    /// A Markdown note definition (`[^1]: …`) starts the line (kept as a bit: the builder asks
    /// of every line, and its items are elsewhere).
    md_note_def, set_md_note_def = 7;
}

impl LineInfo {
    /// Whether the line is `other` but for where their items are.
    fn same_but_items(&self, other: &LineInfo) -> bool {
        let LineInfo {
            kind,
            items: _,
            len,
            content_start,
            cut,
            term,
            flags,
        } = self;
        *kind == other.kind
            && *len == other.len
            && *content_start == other.content_start
            && *cut == other.cut
            && *term == other.term
            && *flags == other.flags
    }
}

/// Whether a line with these items starts with a Markdown note definition (`[^1]: …`).
fn starts_with_md_note_def(items: &[Item]) -> bool {
    matches!(items.first(), Some(Item::NoteBody { kind: NoteKind::Markdown, range, .. }) if range.start == 0)
}

/// One line lexed on its own, with its items (a table of lines keeps them in its arena).
#[derive(Clone, Debug)]
pub struct LexedLine {
    pub info: LineInfo,
    pub items: Vec<Item>,
}

impl std::ops::Deref for LexedLine {
    type Target = LineInfo;

    fn deref(&self) -> &LineInfo {
        &self.info
    }
}

impl PartialEq for LexedLine {
    fn eq(&self, other: &LexedLine) -> bool {
        self.info.same_but_items(&other.info) && self.items == other.items
    }
}

impl Eq for LexedLine {}

/// The longest line lexed in full, in bytes. A Word paragraph with its notes is a few kilobytes;
/// a longer line is lexed up to here only, so that a keystroke in a line of ten megabytes costs
/// what it costs in a normal one, and no scan of it can take long. The analysis says so (GRF901).
pub const MAX_LEXED_LINE: usize = 100_000;

/// The largest char boundary of `s` at or before `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Lexes one line (without its terminator); a line longer than [`MAX_LEXED_LINE`] only up to
/// there.
pub fn lex_line(line: &str, term: u8) -> LexedLine {
    let mut items = Vec::new();
    let info = lex_line_into(line, term, &mut items);
    LexedLine { info, items }
}

/// [`lex_line`], its items pushed onto `items` (a table's arena).
pub(super) fn lex_line_into(line: &str, term: u8, items: &mut Vec<Item>) -> LineInfo {
    if line.len() > MAX_LEXED_LINE {
        let cut = floor_boundary(line, MAX_LEXED_LINE);
        return lex_cut_into(&line[..cut], line.len(), term, items);
    }
    lex_whole(line, term, items)
}

/// Lexes the first bytes of a line of `len` bytes (longer than [`MAX_LEXED_LINE`]): `prefix` is
/// the line up to the last char boundary at or before [`MAX_LEXED_LINE`]. Its items are pushed
/// onto `items` (a table's arena).
pub(super) fn lex_cut_into(prefix: &str, len: usize, term: u8, items: &mut Vec<Item>) -> LineInfo {
    let mut info = lex_whole(prefix, term, items);
    info.len = u32::try_from(len).expect("a line under 4 GB");
    info.cut = NonZeroU32::new(prefix.len() as u32);
    info
}

static NUMS: &str = r"\d{1,4}(?:\s*(?:,|en|t/m|tot en met|-|–)\s*\d{1,4})*";

static ANSWER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?i:antwoord)(?:(?P<op>\s+op\s+(?:de\s+)?(?i:vra(?:ag|gen))\s*\(?(?P<opnums>{NUMS})\)?)|\s*\(?(?P<nums>{NUMS})\)?)?\s*(?P<colon>[:.])?[ \t\u{{a0}}]*(?P<rest>.*)$"
    ))
    .expect("static regex")
});

static VRAAG_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:Vraag|Vragen|VRAAG)\s*\(?(?P<nums>{NUMS})\)?\s*[:.]?[ \t\u{{a0}}]*(?P<rest>.*)$"
    ))
    .expect("static regex")
});

static NUMDOT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d{1,4})[.)][ \t\u{a0}]+(?P<rest>\S.*)$").expect("static regex")
});

static SECTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<num>I{1,3}|IV|VI{0,3}|IX|X)(?:\.|\t|[ \u{a0}]+)[ \t\u{a0}.]*(?P<title>\p{Lu}[^?]*)$",
    )
    .expect("static regex")
});

static FRACTIE_HEADING_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?i:vragen|inbreng|opmerkingen|reactie|antwoorden?|beantwoording|bijdrage)(?-u:\b)[^.?]*?(?-u:\b)(?:van|door|aan)\s+(?:de\s+)?(?:leden\s+van\s+de\s+)?(?:(?P<name>[\p{L}\d][\p{L}\d&-]*?(?:-\s+en\s+(?:de\s+)?[\p{L}\d][\p{L}\d&-]*?)*)-fractie|fractie\s+van\s+(?:de\s+|het\s+)?(?P<name2>[\p{L}\d][\p{L}\d&-]*))\s*:?\s*$",
    )
    .expect("static regex")
});

/// Openings with which a paragraph speaks for the members: it starts a question block (what
/// [`opens_for_members`] compares, written out there).
#[cfg(test)]
const MEMBER_OPENINGS: &[&str] = &[
    "De leden van de ",
    "De leden van het ",
    "De leden ",
    "Deze leden",
    "De aan het woord zijnde leden",
    "Genoemde leden",
    "Voornoemde leden",
    "Voorts",
    "Tenslotte",
    "Ten slotte",
    "Daarnaast vragen",
    "Ook vragen",
    "Verder vragen",
    "Het lid van de ",
    "Het lid ",
];

/// Whether `content` starts with one of [`MEMBER_OPENINGS`], comparing only the openings with
/// its first letter (most paragraphs open with `De` or `Het`: a comparison with each opening was
/// a measurable part of lexing a line). Where one opening starts another (`De leden ` and `De
/// leden van de `), only the shorter is compared.
fn opens_for_members(content: &str) -> bool {
    // Literal prefixes, so that each comparison is made inline (not a call to `memcmp`).
    let c = content;
    match c.as_bytes().first() {
        Some(b'D') => {
            c.starts_with("De leden ")
                || c.starts_with("Deze leden")
                || c.starts_with("De aan het woord zijnde leden")
                || c.starts_with("Daarnaast vragen")
        }
        Some(b'G') => c.starts_with("Genoemde leden"),
        Some(b'V') => {
            c.starts_with("Voorts")
                || c.starts_with("Voornoemde leden")
                || c.starts_with("Verder vragen")
        }
        Some(b'T') => c.starts_with("Tenslotte") || c.starts_with("Ten slotte"),
        Some(b'O') => c.starts_with("Ook vragen"),
        Some(b'H') => c.starts_with("Het lid "),
        _ => false,
    }
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}'
}

/// [`is_space`] of an ASCII byte (`char::is_whitespace` of an ASCII character).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s.trim_start_matches(is_space)`, byte by byte while the text is ASCII: every line is trimmed
/// at both ends, and decoding a character and asking Unicode whether it is white space cost
/// more than the rest of a short line's lexing.
fn trim_start_space(s: &str) -> &str {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c >= 0x80 {
            return s[i..].trim_start_matches(is_space);
        }
        if !is_ascii_space(c) {
            break;
        }
        i += 1;
    }
    &s[i..]
}

/// `s.trim_end_matches(is_space)`, as [`trim_start_space`].
fn trim_end_space(s: &str) -> &str {
    let b = s.as_bytes();
    let mut end = b.len();
    while let Some(&c) = end.checked_sub(1).and_then(|i| b.get(i)) {
        if c >= 0x80 {
            return s[..end].trim_end_matches(is_space);
        }
        if !is_ascii_space(c) {
            break;
        }
        end -= 1;
    }
    &s[..end]
}

/// Parses `12`, `2 en 3`, `2, 3`, `4 t/m 6` into numbers (ranges expanded, at most 50).
pub fn parse_numbers(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut range_from: Option<u32> = None;
    let mut pending_range = false;
    let mut rest = s;
    while !rest.is_empty() {
        let t = rest.trim_start();
        if let Some(d) = t
            .find(|c: char| !c.is_ascii_digit())
            .or(Some(t.len()))
            .filter(|&d| d > 0)
        {
            let n: u32 = t[..d].parse().unwrap_or(0);
            if pending_range {
                if let Some(from) = range_from {
                    if n > from && n - from <= 50 {
                        out.extend(from + 1..=n);
                    } else {
                        out.push(n);
                    }
                }
                pending_range = false;
            } else {
                out.push(n);
            }
            range_from = Some(n);
            rest = &t[d..];
        } else if let Some(r) = t
            .strip_prefix("t/m")
            .or_else(|| t.strip_prefix("tot en met"))
        {
            pending_range = true;
            rest = r;
        } else if let Some(r) = t.strip_prefix('-').or_else(|| t.strip_prefix('–')) {
            pending_range = true;
            rest = r;
        } else {
            let mut chars = t.chars();
            chars.next();
            rest = chars.as_str();
        }
    }
    out
}

thread_local! {
    /// The trigger list, reused from line to line so that lexing a line allocates nothing unless
    /// it has items. Taken out and put back (a `Cell`, so no borrow can fail).
    static HITS: std::cell::Cell<Vec<Hit>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Lexes a whole text into `out`, an entry per line as ropey's `cr_lines` counts them:
/// a line ends at `\n`, `\r\n` or a lone `\r`, and a text ending in a terminator has a final
/// empty line. The same as [`lex_line`] on each line, but with one trigger scan over the whole
/// text, which also finds the line ends: no start-up cost per line, and no second pass to split
/// the lines.
pub fn lex_text(text: &str, out: &mut Lines) {
    let mut hits = HITS.take();
    hits.clear();
    let mut lexer = TextLexer {
        text,
        start: 0,
        lf_of_crlf: usize::MAX,
        hits,
        kinds: Kinds(0),
        out,
    };
    triggers::scan(text.as_bytes(), &mut lexer);
    let TextLexer {
        start,
        mut hits,
        kinds,
        out,
        ..
    } = lexer;
    let line = &text[start..];
    out.push_with(|items| {
        if line.len() > MAX_LEXED_LINE {
            lex_line_into(line, 0, items)
        } else {
            lex_hits(line, 0, &hits, kinds, items)
        }
    });
    hits.clear();
    HITS.set(hits);
}

/// [`lex_text`] as the trigger scan drives it: the hits of the current line are gathered, and
/// the line is lexed at its end.
struct TextLexer<'a> {
    text: &'a str,
    /// Where the current line starts.
    start: usize,
    /// The `\n` of a `\r\n`: the scan reports it as a line end of its own; it is not one.
    lf_of_crlf: usize,
    /// The current line's hits, relative to its start.
    hits: Vec<Hit>,
    /// The kinds among `hits`, gathered as they come (not in a pass over them at the line's end).
    kinds: Kinds,
    out: &'a mut Lines,
}

impl triggers::Sink for TextLexer<'_> {
    fn hit(&mut self, h: Hit) {
        // A line too long to lex in full is lexed on its own; no need to keep its hits.
        if h.at - self.start <= MAX_LEXED_LINE {
            self.hits.push(Hit {
                at: h.at - self.start,
                kind: h.kind,
            });
            self.kinds.0 |= Kinds::bit(h.kind);
        }
    }

    fn line_end(&mut self, at: usize) {
        if at == self.lf_of_crlf {
            return;
        }
        let bytes = self.text.as_bytes();
        let end = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
            self.lf_of_crlf = at + 1;
            at + 2
        } else {
            at + 1
        };
        let line = &self.text[self.start..at];
        let term = (end - at) as u8;
        if line.len() > MAX_LEXED_LINE {
            self.out.push_with(|items| lex_line_into(line, term, items));
        } else {
            let Lines { infos, items, .. } = &mut *self.out;
            // A constant entry, its length and terminator written in place: built on the stack,
            // the entry was copied in with wide loads right after its fields had been written one
            // by one (a stalled store forwarding on every line).
            infos.push(LineInfo::UNLEXED);
            if let Some(info) = infos.last_mut() {
                // Under `MAX_LEXED_LINE`.
                info.len = line.len() as u32;
                info.term = term;
                if line.is_empty() {
                    // What `lex_into` makes of it, without the call (a blank line in four).
                    info.kind = LineKind::Blank;
                } else {
                    lex_into(info, line, &self.hits, self.kinds, items);
                }
            }
        }
        self.hits.clear();
        self.kinds = Kinds(0);
        self.out.lexed(self.start, end, self.text.len());
        self.start = end;
    }
}

fn lex_whole(line: &str, term: u8, items: &mut Vec<Item>) -> LineInfo {
    let mut hits = HITS.take();
    triggers::find(line.as_bytes(), &mut hits);
    let info = lex_hits(line, term, &hits, Kinds::of(&hits), items);
    HITS.set(hits);
    info
}

/// Lexes a line whose triggers are known (`kinds`: which kinds are among them); its items are
/// pushed onto `items` (a table's arena).
fn lex_hits(line: &str, term: u8, hits: &[Hit], kinds: Kinds, items: &mut Vec<Item>) -> LineInfo {
    let mut info = LineInfo::unlexed(line, term);
    lex_into(&mut info, line, hits, kinds, items);
    info
}

impl LineInfo {
    /// An empty last line, not lexed yet: text without items or flags.
    const UNLEXED: LineInfo = LineInfo {
        len: 0,
        term: 0,
        kind: LineKind::Text,
        content_start: 0,
        cut: None,
        items: ItemsAt::EMPTY,
        flags: Flags(0),
    };

    /// A line of `line`'s length and terminator, not lexed yet: text without items or flags.
    fn unlexed(line: &str, term: u8) -> LineInfo {
        LineInfo {
            len: u32::try_from(line.len()).expect("a line under 4 GB"),
            term,
            ..LineInfo::UNLEXED
        }
    }
}

/// [`lex_hits`] into `info`, as [`LineInfo::unlexed`] made it. The text lexer has it fill in the
/// line table's own entry: a value returned on the stack was copied in with wide loads right
/// after its fields had been written one by one (a stalled store forwarding on every line, most
/// of the time spent ending a line). The line's items are pushed onto `arena`.
fn lex_into(info: &mut LineInfo, line: &str, hits: &[Hit], kinds: Kinds, arena: &mut Vec<Item>) {
    let mut flags = Flags(0);
    flags.set_indented(line.starts_with('\t'));
    let trimmed_start = line.len() - trim_start_space(line).len();
    if trimmed_start == line.len() {
        info.kind = LineKind::Blank;
        info.flags = flags;
        return;
    }
    let first = arena.len();
    // Each reader in `lex_items` needs a trigger of its own: a line without any (prose, often)
    // has no items, and needs no call.
    if kinds.0 != 0 {
        lex_items(line, hits, kinds, arena);
    }
    info.items = ItemsAt::since(arena, first);
    let items = &arena[first..];
    // Skip leading Word markup (`[bookmark: _Hlk…]`) when judging how the line opens. Its line's
    // own text ends before any appended note body (a `?` in a note does not make a question).
    // Markup and notes open with `[`: without one, the items need no look (most lines), and with
    // one they are walked once for all three.
    let mut cs = trimmed_start;
    let mut prose_end = line.len();
    if kinds.has(Kind::Bracket) {
        let mut open_note = false;
        for item in items {
            match item {
                Item::Markup {
                    range,
                    kind: MarkupKind::Bookmark,
                } if range.start == cs => {
                    cs = range.end;
                    cs += line[cs..].len() - trim_start_space(&line[cs..]).len();
                }
                Item::NoteBody {
                    range,
                    kind,
                    closed,
                    ..
                } => {
                    open_note |= !closed;
                    if matches!(kind, NoteKind::Footnote | NoteKind::Endnote) {
                        prose_end = prose_end.min(range.start);
                    }
                }
                _ => {}
            }
        }
        flags.set_open_note(open_note);
        flags.set_md_note_def(starts_with_md_note_def(items));
    }
    info.content_start = cs as u32;
    let content = &line[cs..];
    let content_trim_end = trim_end_space(content);
    flags.set_ends_with_bracket(content_trim_end.ends_with(']'));
    flags.set_question_mark(
        kinds.has(Kind::Question)
            && hits
                .iter()
                .any(|h| h.kind == Kind::Question && h.at < prose_end),
    );
    flags.set_letter_line(content.starts_with("Bij brief van"));
    flags.set_member_opening(opens_for_members(content));
    // The fractie heading pattern needs `fractie` in the content.
    let fractie_in_content = kinds.has(Kind::Fractie)
        && hits.iter().any(|h| {
            h.kind == Kind::Fractie
                && h.at >= cs
                && h.at + "fractie".len() <= cs + content_trim_end.len()
        });
    // Most lines are prose: longer than a kind line, and opening with a byte no marker, bullet
    // or section opens with. Those are text without a look at each pattern in turn.
    let may_be_marked = content_trim_end.len() <= DOC_KIND_MAX
        || fractie_in_content
        || matches!(
            content_trim_end.as_bytes().first(),
            Some(b'A' | b'a' | b'V' | b'I' | b'X' | b'0'..=b'9' | 0xC2 | 0xE2)
        );
    if may_be_marked {
        info.kind = classify(line, cs, content_trim_end, fractie_in_content);
    }
    if info.kind == LineKind::Text {
        flags.set_heading_like(heading_like(content_trim_end, flags));
    }
    info.flags = flags;
    // A fractie heading is also a speaking mention; the items already hold it.
}

/// `flags`: the line's flags so far (a question or a member opening is no heading).
fn heading_like(text: &str, flags: Flags) -> bool {
    // The length first: most lines are prose, longer than any heading.
    if text.len() > 120 || text.len() < 3 || flags.question_mark() || flags.member_opening() {
        return false;
    }
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return false;
    }
    if text.ends_with(['.', '?', ':', ';', ',', '!', ']', ')']) && !text.ends_with("etc.") {
        return false;
    }
    // Up to 15: whether there are 1 to 14.
    let words = words(text, 15);
    let dot_space = memchr::memchr_iter(b'.', text.as_bytes())
        .any(|i| text.as_bytes().get(i + 1) == Some(&b' '));
    (1..=14).contains(&words) && !dot_space
}

/// The number of words of `text` (runs of characters other than [`is_space`]) up to `limit`,
/// counted in one pass over its characters (a `split` was a measurable part of lexing).
fn words(text: &str, limit: usize) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if n == limit {
            break;
        }
        let space = if c.is_ascii() {
            // `char::is_whitespace` of an ASCII character.
            matches!(c, '\t'..='\r' | ' ')
        } else {
            is_space(c)
        };
        n += usize::from(!space && !in_word);
        in_word = !space;
    }
    n
}

/// `fractie_in_content`: the content holds `fractie`, without which it cannot be a fractie heading.
/// Only a line `lex_into`'s `may_be_marked` lets through can be other than text: a new kind of
/// line needs a look there too.
fn classify(line: &str, cs: usize, content: &str, fractie_in_content: bool) -> LineKind {
    let first = content.as_bytes().first().copied().unwrap_or(b' ');
    let off = |sub: &str| -> usize { sub.as_ptr() as usize - line.as_ptr() as usize };
    let rng = |sub: &str| -> Span {
        let s = off(sub);
        span(s..s + sub.len())
    };
    match first {
        b'A' | b'a'
            if content.len() >= 8 && content.as_bytes()[..8].eq_ignore_ascii_case(b"antwoord") =>
        {
            if content.len() == 8 {
                // The bare `Antwoord` (the usual marker): what the pattern gives it, without it.
                return LineKind::AnswerMarker {
                    style: AnswerStyle::Plain,
                    numbers: ThinVec::new(),
                    marker_end: (cs + content.len()) as u32,
                    rest: Span::default(),
                };
            }
            if let Some(c) = ANSWER_RE.captures(content) {
                let rest = c.name("rest").map(|m| m.as_str()).unwrap_or("");
                let colon = c.name("colon").is_some();
                let nums = c.name("opnums").or(c.name("nums"));
                // `Antwoord van het kabinet op …` is prose, not a marker: text may only follow a colon.
                if rest.trim_matches(is_space).is_empty() || colon {
                    let style = if c.name("op").is_some() {
                        AnswerStyle::OpVraag
                    } else if nums.is_some() {
                        AnswerStyle::Numbered
                    } else if colon {
                        AnswerStyle::Colon
                    } else {
                        AnswerStyle::Plain
                    };
                    let rest_trim = rest.trim_matches(is_space);
                    let marker_end = if rest_trim.is_empty() {
                        cs + content.len()
                    } else {
                        off(rest)
                    };
                    return LineKind::AnswerMarker {
                        style,
                        numbers: nums
                            .map(|m| parse_numbers(m.as_str()).into())
                            .unwrap_or_default(),
                        marker_end: marker_end as u32,
                        rest: if rest_trim.is_empty() {
                            Span::default()
                        } else {
                            rng(rest_trim)
                        },
                    };
                }
            }
        }
        b'V' if vraag_may_follow(content) => {
            if let Some(c) = VRAAG_RE.captures(content) {
                let rest = c
                    .name("rest")
                    .map(|m| m.as_str())
                    .unwrap_or("")
                    .trim_matches(is_space);
                let nums = parse_numbers(c.name("nums").map(|m| m.as_str()).unwrap_or(""));
                let marker_end = if rest.is_empty() {
                    cs + content.len()
                } else {
                    off(rest)
                };
                return LineKind::QuestionMarker {
                    style: QuestionStyle::Vraag,
                    numbers: nums.into(),
                    marker_end: marker_end as u32,
                    rest: if rest.is_empty() {
                        Span::default()
                    } else {
                        rng(rest)
                    },
                };
            }
        }
        b'0'..=b'9' => {
            if content.len() <= 4 && content.bytes().all(|b| b.is_ascii_digit()) {
                return LineKind::QuestionMarker {
                    style: QuestionStyle::BareNumber,
                    numbers: thin_vec![content.parse().unwrap_or(0)],
                    marker_end: rng(content).end,
                    rest: Span::default(),
                };
            }
            let digits = content.bytes().take_while(u8::is_ascii_digit).count();
            let after = content.as_bytes().get(digits).copied().unwrap_or(0);
            // The pattern needs at most four digits, then `.` or `)` (a non-ASCII character could
            // be another Unicode digit: leave that to the pattern).
            let numdot_possible = digits <= 4 && (after == b'.' || after == b')' || after >= 0x80);
            if let Some(c) = numdot_possible
                .then(|| NUMDOT_RE.captures(content))
                .flatten()
            {
                let n = c.name("n").map(|m| m.as_str()).unwrap_or("0");
                let rest = c
                    .name("rest")
                    .map(|m| m.as_str())
                    .unwrap_or("")
                    .trim_end_matches(is_space);
                return LineKind::QuestionMarker {
                    style: QuestionStyle::NumberDot,
                    numbers: thin_vec![n.parse().unwrap_or(0)],
                    marker_end: off(rest) as u32,
                    rest: rng(rest),
                };
            }
            if let Some(d) = dossier_line(content) {
                let (n, t) = d;
                return LineKind::Dossier {
                    number: rng(n),
                    title: rng(t),
                };
            }
        }
        _ => {}
    }
    // `·` and `•` start with these bytes (most lines start with neither).
    let bullet = matches!(first, 0xC2 | 0xE2)
        .then(|| {
            content
                .strip_prefix('·')
                .or_else(|| content.strip_prefix('•'))
        })
        .flatten();
    if let Some(rest) = bullet {
        return LineKind::Bullet {
            text: rng(rest.trim_matches(is_space)),
        };
    }
    if matches!(first, b'I' | b'V' | b'X') && content.len() < 150 && numeral_then_separator(content)
    {
        if let Some(c) = SECTION_RE.captures(content) {
            let num = roman(c.name("num").map(|m| m.as_str()).unwrap_or(""));
            let title = c.name("title").map(|m| m.as_str()).unwrap_or("");
            let lower = title.to_lowercase();
            let is_response = ["reactie", "antwoord", "beantwoording", "nota"]
                .iter()
                .any(|w| lower.contains(w));
            if num > 0 && !title.ends_with('.') {
                return LineKind::Section {
                    numeral: num,
                    title: rng(title),
                    is_response,
                };
            }
        }
    }
    let heading_word_possible = matches!(
        first.to_ascii_lowercase(),
        b'v' | b'i' | b'o' | b'r' | b'a' | b'b' | 0x80..=0xFF
    );
    if content.len() < 200 && fractie_in_content && heading_word_possible {
        if let Some(c) = FRACTIE_HEADING_RE.captures(content) {
            if let Some(m) = c.name("name").or(c.name("name2")) {
                let names = split_names(m.as_str());
                return LineKind::FractieHeading {
                    name: rng(m.as_str()),
                    names: names.into(),
                };
            }
        }
    }
    if let Some(kind) = doc_kind(content) {
        return LineKind::DocKind(kind);
    }
    LineKind::Text
}

/// Whether [`VRAAG_RE`] can match: `Vraag`, `Vragen` or `VRAAG`, optional whitespace and `(`,
/// then a digit (or a non-ASCII character, which may be another Unicode digit).
fn vraag_may_follow(content: &str) -> bool {
    let Some(rest) = ["Vraag", "Vragen", "VRAAG"]
        .iter()
        .find_map(|w| content.strip_prefix(w))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('(').unwrap_or(rest);
    rest.as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_digit() || b >= 0x80)
}

/// Whether [`SECTION_RE`] can match: its numeral is the whole run of `I`, `V` and `X` at the
/// start, and a `.`, tab, space or no-break space follows it.
fn numeral_then_separator(content: &str) -> bool {
    let b = content.as_bytes();
    let n = b
        .iter()
        .take_while(|c| matches!(c, b'I' | b'V' | b'X'))
        .count();
    n > 0 && matches!(&b[n..], [b'.' | b'\t' | b' ', ..] | [0xC2, 0xA0, ..])
}

/// `VVD- en de CDA` -> [`VVD`, `CDA`].
fn split_names(s: &str) -> Vec<String> {
    s.split(" en ")
        .map(|p| {
            p.trim()
                .trim_start_matches("de ")
                .trim()
                .trim_end_matches('-')
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn roman(s: &str) -> u32 {
    match s {
        "I" => 1,
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "V" => 5,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        "X" => 10,
        _ => 0,
    }
}

/// `32317\t\tJBZ-Raad (…)`: a dossier number (optionally with a sub-dossier), tabs, a title.
fn dossier_line(content: &str) -> Option<(&str, &str)> {
    let tab = content.find('\t')?;
    let number = content[..tab].trim_matches(is_space);
    let title = content[tab..].trim_matches(is_space);
    // The dossier itself (`32317`, `21 501`) before an optional sub-dossier (`-32`, ` XII`).
    let main_part = number.split(['-', '–']).next().unwrap_or("");
    let digits = main_part.bytes().filter(u8::is_ascii_digit).count();
    let ok = (4..=6).contains(&digits)
        && number.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-' || c == '\u{a0}');
    (ok && !title.is_empty()).then_some((number, title))
}

/// The longest line [`doc_kind`] looks at.
const DOC_KIND_MAX: usize = 120;

fn doc_kind(content: &str) -> Option<DocKind> {
    if content.len() > DOC_KIND_MAX {
        return None;
    }
    let trimmed = content.trim();
    // What is looked for starts with `inbreng`, `verslag`, `voorlopig`, `nader` or `nota`, or
    // holds `lijst van vragen en antwoorden`: a line starting with another ASCII letter can only
    // be the latter, which is looked for in it as it stands, without lower-casing a copy (most
    // lines; the copy cost more than the rest of their lexing). No character outside ASCII
    // lower-cases to one of the phrase's letters but `İ`, which brings a combining dot along.
    if trimmed
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'n'))
    {
        return holds_lva(trimmed.as_bytes()).then_some(DocKind::Lva);
    }
    if !trimmed.is_ascii() {
        return doc_kind_of_lower(&trimmed.to_lowercase());
    }
    // For ASCII text, ASCII lower case is the Unicode one; a stack copy spares an allocation on
    // every short line.
    let mut buf = [0u8; DOC_KIND_MAX];
    let lower = &mut buf[..trimmed.len()];
    lower.copy_from_slice(trimmed.as_bytes());
    lower.make_ascii_lowercase();
    doc_kind_of_lower(std::str::from_utf8(lower).unwrap_or(""))
}

/// Whether `s` holds `lijst van vragen en antwoorden` in any ASCII case: looked for around each
/// `j`, the phrase's rarest letter.
fn holds_lva(s: &[u8]) -> bool {
    const LVA: &[u8] = b"lijst van vragen en antwoorden";
    memchr::memchr2_iter(b'j', b'J', s).any(|j| {
        j.checked_sub(2)
            .and_then(|st| s.get(st..st + LVA.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(LVA))
    })
}

/// [`doc_kind`] of the trimmed, lower-cased line.
fn doc_kind_of_lower(lower: &str) -> Option<DocKind> {
    let lower = lower.trim_end_matches(['.', ':']);
    if lower.starts_with("inbreng") && lower.contains("schriftelijk overleg") {
        Some(DocKind::Inbreng)
    } else if lower.starts_with("verslag van een schriftelijk overleg") {
        Some(DocKind::Vso)
    } else if holds_lva(lower.as_bytes()) {
        Some(DocKind::Lva)
    } else if lower.starts_with("nota naar aanleiding van het") {
        Some(DocKind::Nota)
    } else if lower == "verslag"
        || lower.starts_with("verslag houdende")
        || lower.starts_with("voorlopig verslag")
        || lower.starts_with("nader verslag")
    {
        Some(DocKind::Verslag)
    } else {
        None
    }
}

/// References go straight into the items.
impl papers::PaperSink for Vec<Item> {
    fn push_paper(&mut self, r: PaperRef) {
        self.push(Item::Paper(r));
    }
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn paper(&self, i: usize) -> Option<&PaperRef> {
        match self.get(i) {
            Some(Item::Paper(p)) => Some(p),
            _ => None,
        }
    }
    fn sort_papers_from(&mut self, first: usize) {
        if let Some(tail) = self.get_mut(first..) {
            tail.sort_by_key(item_start);
        }
    }
}

/// Which kinds of trigger a line has, one bit each: most lines have a few hits or none, and
/// each construct's reader is skipped unless its triggers are there (a walk over the hits per
/// reader cost more, in mispredicted branches, than the reading).
#[derive(Clone, Copy)]
struct Kinds(u32);

impl Kinds {
    fn of(hits: &[Hit]) -> Kinds {
        Kinds(hits.iter().fold(0, |m, h| m | Self::bit(h.kind)))
    }

    const fn bit(k: Kind) -> u32 {
        1 << k as u32
    }

    fn has(self, k: Kind) -> bool {
        self.0 & Self::bit(k) != 0
    }

    fn any(self, mask: u32) -> bool {
        self.0 & mask != 0
    }
}

/// The triggers [`papers::scan_hits`] reads (its anchor words and the digit-led numbers).
const PAPER_KINDS: u32 = Kinds::bit(Kind::Kamerstuk)
    | Kinds::bit(Kind::Kst)
    | Kinds::bit(Kind::Handelingen)
    | Kinds::bit(Kind::Aanhangsel)
    | Kinds::bit(Kind::Vergaderjaar)
    | Kinds::bit(Kind::Nr)
    | Kinds::bit(Kind::DigitDash)
    | Kinds::bit(Kind::DigitDz);

/// The triggers [`lex_placeholders`] reads.
const PLACEHOLDER_KINDS: u32 = Kinds::bit(Kind::Ellipsis)
    | Kinds::bit(Kind::Dots)
    | Kinds::bit(Kind::Pm)
    | Kinds::bit(Kind::Xx)
    | Kinds::bit(Kind::Bracket)
    | Kinds::bit(Kind::Angle);

/// Finds the inline items of a line from its triggers (`kinds`: which kinds are among them).
fn lex_items(line: &str, hits: &[Hit], kinds: Kinds, out: &mut Vec<Item>) {
    let has_bracket = kinds.has(Kind::Bracket);
    if has_bracket {
        lex_notes(line, hits, out);
    }
    if has_bracket || kinds.has(Kind::Tab) {
        lex_markup(line, hits, out);
    }
    if kinds.any(PAPER_KINDS) {
        papers::scan_hits(line, hits, out);
    }
    if kinds.any(PLACEHOLDER_KINDS) {
        lex_placeholders(line, hits, out);
    }
    if kinds.has(Kind::Fractie) {
        lex_fracties(line, hits, out);
    }
}

/// Word markup, as the pattern `\[(bookmark|image): [^\]]*\]|\tComment by [^:\t]{1,80}: .*$`
/// finds it (leftmost, not overlapping), written out by hand.
fn lex_markup(line: &str, hits: &[Hit], out: &mut Vec<Item>) {
    let mut from = 0;
    // The first `]` at or after some position, remembered: every opening before it closes there,
    // and with none left no later opening closes (`[bookmark: [bookmark: …` is read once).
    let mut close: Option<(usize, Option<usize>)> = None;
    let mut newline = None;
    for h in hits {
        if h.at < from {
            continue;
        }
        let rest = &line[h.at..];
        let found = match h.kind {
            Kind::Bracket => {
                let kind = if rest.starts_with("[bookmark: ") {
                    Some((MarkupKind::Bookmark, "[bookmark: ".len()))
                } else if rest.starts_with("[image: ") {
                    Some((MarkupKind::Image, "[image: ".len()))
                } else {
                    None
                };
                kind.and_then(|(kind, open)| {
                    let after = h.at + open;
                    let found = match close {
                        Some((searched_from, found))
                            if searched_from <= after && found.is_none_or(|c| c >= after) =>
                        {
                            found
                        }
                        _ => memchr::memchr(b']', &line.as_bytes()[after..]).map(|c| after + c),
                    };
                    close = Some((after, found));
                    Some((kind, found? + 1))
                })
            }
            Kind::Tab => {
                comment_end(line, h.at, &mut newline).map(|end| (MarkupKind::Comment, end))
            }
            _ => None,
        };
        if let Some((kind, end)) = found {
            out.push(Item::Markup {
                range: h.at..end,
                kind,
            });
            from = end;
        }
    }
}

/// `\tComment by NAME: text` at `at`: one to 80 characters other than `:` and tab, then `: `,
/// then the rest of the line (which `.*$` takes only if it holds no newline). `newline` keeps
/// where the last newline of the line is, once looked for.
fn comment_end(line: &str, at: usize, newline: &mut Option<Option<usize>>) -> Option<usize> {
    let name_start = at + "\tComment by ".len();
    if !line[at..].starts_with("\tComment by ") {
        return None;
    }
    let mut chars = 0;
    let mut colon = None;
    for (i, c) in line[name_start..].char_indices() {
        if c == ':' {
            colon = Some(name_start + i);
            break;
        }
        if c == '\t' || chars == 80 {
            return None;
        }
        chars += 1;
    }
    let colon = colon.filter(|_| chars > 0)?;
    line.get(colon + 1..)?.strip_prefix(' ')?;
    let last_newline = *newline.get_or_insert_with(|| memchr::memrchr(b'\n', line.as_bytes()));
    last_newline.is_none_or(|n| n < colon).then_some(line.len())
}

/// Placeholders, as the pattern
/// `(…|\.\.\.)|(PM|P\.M\.)|(XX+|xx+)|(\[(?i:datum|naam|nummer|invullen|nog\s+in\s+te\s+vullen|pm|xx+|titel|bedrag|aantal)[^\]\n]{0,40}\]|<(?i:datum|naam|nummer|invullen)>)`
/// finds them (leftmost, not overlapping), written out by hand; their surroundings are then
/// checked as before.
fn lex_placeholders(line: &str, hits: &[Hit], out: &mut Vec<Item>) {
    let mut words = WordStarts {
        scanned: 0,
        word_start: 0,
    };
    let mut from = 0;
    for h in hits {
        if h.at < from {
            continue;
        }
        let at = h.at;
        let rest = &line.as_bytes()[at..];
        let (end, kind) = match h.kind {
            Kind::Ellipsis => (at + "…".len(), PlaceholderKind::Ellipsis),
            Kind::Dots => (at + 3, PlaceholderKind::Ellipsis),
            Kind::Pm if rest.starts_with(b"PM") => (at + 2, PlaceholderKind::Pm),
            Kind::Pm => (at + 4, PlaceholderKind::Pm),
            Kind::Xx => {
                let x = rest[0];
                (
                    at + rest.iter().take_while(|&&b| b == x).count(),
                    PlaceholderKind::Xx,
                )
            }
            Kind::Bracket => match bracketed_end(line, at) {
                Some(end) => (end, PlaceholderKind::Bracketed),
                None => continue,
            },
            Kind::Angle => match angled_end(rest) {
                Some(len) => (at + len, PlaceholderKind::Bracketed),
                None => continue,
            },
            _ => continue,
        };
        from = end;
        let before = line[..at].chars().next_back();
        let after = line[end..].chars().next();
        match kind {
            PlaceholderKind::Ellipsis => {
                // An ellipsis standing alone (`van … heeft`), not one that ends a word (`zoals…`)
                // or belongs to a longer run of dots.
                let alone_before = before.is_none_or(|b| is_space(b) || b == '(');
                let alone_after = after.is_none_or(|a| is_space(a) || ").,;:".contains(a));
                if !(alone_before && alone_after)
                    || h.kind == Kind::Dots && line[end..].starts_with('.')
                {
                    continue;
                }
            }
            PlaceholderKind::Pm | PlaceholderKind::Xx => {
                // A whole word: not the `PM` in `RPMS` or the `xx` in `xxi`.
                let word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric());
                if word(before) || word(after) {
                    continue;
                }
            }
            PlaceholderKind::Bracketed => {}
        }
        // Inside a URL a stray `XX` or `...` means nothing.
        if words.inside_url(line, at) {
            continue;
        }
        out.push(Item::Placeholder {
            range: at..end,
            kind,
        });
    }
}

/// The words a bracketed placeholder may start with, matched without regard to case (none holds
/// a `k` or `s`, the only ASCII letters with a non-ASCII case variant, so ASCII case is enough).
const BRACKET_WORDS: &[&str] = &[
    "datum", "naam", "nummer", "invullen", "nog", "pm", "xx", "titel", "bedrag", "aantal",
];

/// Whether one of [`BRACKET_WORDS`] may start with byte `c`.
fn bracket_word_may_start(c: u8) -> bool {
    matches!(
        c.to_ascii_lowercase(),
        b'd' | b'n' | b'i' | b'p' | b'x' | b't' | b'b' | b'a'
    )
}

/// `[datum]`, `[nog in te vullen …]`: the end of the bracketed placeholder at `at` (a `[`).
fn bracketed_end(line: &str, at: usize) -> Option<usize> {
    let b = line.as_bytes();
    let start = at + 1;
    // The words' first letters: most brackets are notes (`[footnoteRef:3]`, `[3: …]`), which
    // this rules out without trying each word.
    if !b.get(start).copied().is_some_and(bracket_word_may_start) {
        return None;
    }
    let word = BRACKET_WORDS.iter().find(|w| {
        b.get(start..start + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
    })?;
    let mut i = start + word.len();
    match *word {
        // `xx+`: the whole run.
        "xx" => {
            i += b[i..]
                .iter()
                .take_while(|c| c.eq_ignore_ascii_case(&b'x'))
                .count()
        }
        // `nog\s+in\s+te\s+vullen`
        "nog" => {
            for next in ["in", "te", "vullen"] {
                let spaces = line[i..].len() - line[i..].trim_start().len();
                if spaces == 0 {
                    return None;
                }
                i += spaces;
                if !b
                    .get(i..i + next.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(next.as_bytes()))
                {
                    return None;
                }
                i += next.len();
            }
        }
        _ => {}
    }
    // `[^\]\n]{0,40}\]`: the first `]`, at most 40 characters on, with no newline before it.
    for (count, (n, c)) in line[i..].char_indices().enumerate() {
        match c {
            ']' => return Some(i + n + 1),
            '\n' => return None,
            _ if count == 40 => return None,
            _ => {}
        }
    }
    None
}

/// `<datum>`, `<naam>`, `<nummer>`, `<invullen>`: the length of the one at the start of `rest`.
fn angled_end(rest: &[u8]) -> Option<usize> {
    ["datum", "naam", "nummer", "invullen"]
        .iter()
        .find_map(|w| {
            let end = 1 + w.len();
            (rest
                .get(1..end)
                .is_some_and(|s| s.eq_ignore_ascii_case(w.as_bytes()))
                && rest.get(end) == Some(&b'>'))
            .then_some(end + 1)
        })
}

/// Whether the word around a placeholder is a web address. Matches come in line order, so the
/// start of the current word is tracked from one to the next: the line is scanned once, not once
/// per placeholder (a line of ten megabytes without a space holds a million `[PM]`s).
struct WordStarts {
    scanned: usize,
    word_start: usize,
}

impl WordStarts {
    fn inside_url(&mut self, line: &str, at: usize) -> bool {
        if at >= self.scanned {
            if let Some((i, c)) = line[self.scanned..at]
                .char_indices()
                .rfind(|(_, c)| c.is_whitespace())
            {
                self.word_start = self.scanned + i + c.len_utf8();
            }
            self.scanned = at;
        }
        let word = &line[self.word_start..];
        word.starts_with("http") || word.starts_with("www.")
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '&'
}

/// The fractie name that ends at `end` (exclusive): letters, digits and `&`, in hyphenated parts
/// (`GroenLinks-PvdA`). Returns its start.
fn name_before(line: &str, end: usize) -> Option<usize> {
    // No fractie name is longer than this; the bound keeps a line of `-fractie-fractie…` linear.
    const MAX_NAME_CHARS: usize = 64;
    let mut start = end;
    for (i, c) in line[..end].char_indices().rev().take(MAX_NAME_CHARS) {
        if is_name_char(c) {
            start = i;
        } else if c == '-' && i > 0 && start == i + 1 {
            // A hyphen inside the name; it must be followed by a name char (it is: `start`).
            continue;
        } else {
            break;
        }
    }
    // A name never starts with a hyphen.
    while line[start..end].starts_with('-') {
        start += 1;
    }
    (start < end).then_some(start)
}

/// Fractie mentions: `NSC-fractie`, `GroenLinks-PvdA-fractie`, the shared suffix `VVD- en de
/// CDA-fractie`, and the Eerste Kamer's `fractie van D66`. Written by hand around a `memmem`
/// search: a regex with Unicode classes and word boundaries was a third of the parse time.
fn lex_fracties(line: &str, hits: &[Hit], out: &mut Vec<Item>) {
    for at in hits
        .iter()
        .filter(|h| h.kind == Kind::Fractie)
        .map(|h| h.at)
    {
        let after = &line[at + "fractie".len()..];
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue; // `fractievoorzitter`
        }
        if line[..at].ends_with('-') {
            let hyphen = at - 1;
            let Some(start) = name_before(line, hyphen) else {
                continue;
            };
            // The names in order: another before ` en (de) `, if any, then this one (on the
            // stack: a vector was an allocation a mention).
            let mut names = [None, Some(start..hyphen)];
            let mut range_start = start;
            // `VVD- en de CDA-fractie`: another name ending in a hyphen before ` en (de) `.
            let before = &line[..start];
            let before = before.strip_suffix("de ").unwrap_or(before);
            if let Some(b) = before.strip_suffix(" en ") {
                if let Some(b) = b.strip_suffix('-') {
                    if let Some(s2) = name_before(line, b.len()) {
                        names[0] = Some(s2..b.len());
                        range_start = s2;
                    }
                }
            }
            let first = names.iter().flatten().next().map_or(start, |n| n.start);
            let speaks = speaks_at(line, first);
            for name in names.into_iter().flatten() {
                out.push(Item::Fractie {
                    range: name.start.max(range_start)..at + "fractie".len(),
                    text: fractie_text(&line[name.clone()]),
                    name,
                    speaks,
                });
            }
        } else if let Some(rest) = after.strip_prefix(" van ") {
            if line[..at].chars().next_back().is_some_and(is_name_char) {
                continue;
            }
            let skip = if rest.starts_with("de ") {
                3
            } else if rest.starts_with("het ") {
                4
            } else {
                0
            };
            let name_start = at + "fractie van ".len() + skip;
            let first = line[name_start..].chars().next();
            if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
                continue;
            }
            let len: usize = line[name_start..]
                .char_indices()
                .take_while(|&(i, c)| is_name_char(c) || (c == '-' && i > 0))
                .map(|(_, c)| c.len_utf8())
                .sum();
            let name_end = name_start + len;
            let name_end = name_start + line[name_start..name_end].trim_end_matches('-').len();
            out.push(Item::Fractie {
                range: at..name_end,
                name: name_start..name_end,
                text: fractie_text(&line[name_start..name_end]),
                speaks: speaks_at(line, at),
            });
        }
    }
}

/// A fractie's name as a shared string. A report names a few fracties on many lines: the names
/// made last are kept and handed out again (a string a mention was an allocation each, and as
/// many to free). At most [`FRACTIE_NAMES`] are kept, so a text naming many costs no more than
/// a short look.
fn fractie_text(name: &str) -> std::sync::Arc<str> {
    thread_local! {
        /// Taken out and put back (a `Cell`, so no borrow can fail).
        static NAMES: std::cell::Cell<Vec<std::sync::Arc<str>>> =
            const { std::cell::Cell::new(Vec::new()) };
    }
    NAMES.with(|cell| {
        let mut names = cell.take();
        let text = match names.iter().find(|n| ***n == *name) {
            Some(n) => n.clone(),
            None => {
                let n: std::sync::Arc<str> = name.into();
                if names.len() == FRACTIE_NAMES {
                    names.remove(0);
                }
                names.push(n.clone());
                n
            }
        };
        cell.set(names);
        text
    })
}

const FRACTIE_NAMES: usize = 32;

/// A mention at `at` speaks for the members when `… leden van de` opens the paragraph before it.
fn speaks_at(line: &str, at: usize) -> bool {
    let before = &line[..at];
    (before.ends_with("leden van de ") || before.ends_with("lid van de "))
        && opens_paragraph(before)
}

/// Whether the words before a `leden van de` mention open the paragraph in the members' voice
/// (`De leden van de`, `Tenslotte zijn de leden van de`), as opposed to an answer's `Zie het
/// antwoord op de vraag van de leden van de`.
fn opens_paragraph(before: &str) -> bool {
    const OPENERS: &[&str] = &[
        "De",
        "Het",
        "Tenslotte",
        "Ten",
        "Voorts",
        "Ook",
        "Daarnaast",
        "Verder",
        "Tot",
        "Deze",
        "Genoemde",
        "Nu",
    ];
    let before = if before.starts_with("[bookmark") {
        before.rfind(']').map_or(before, |i| &before[i + 1..])
    } else {
        before
    };
    // Words are counted lazily up to the limit: `before` may be most of a very long line.
    let rest = trim_start_space(before);
    let first_end = rest.find(is_space).unwrap_or(rest.len());
    OPENERS.contains(&&rest[..first_end]) && words(&rest[first_end..], 7) < 7
}

/// The `\d` of the patterns this lexer replaced is Unicode's: the length of the run of decimal
/// digits that starts `s`, ASCII by hand and anything else by the regex engine.
fn digits_len(s: &str) -> usize {
    static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+").expect("static regex"));
    let ascii = s.bytes().take_while(u8::is_ascii_digit).count();
    if s.as_bytes().get(ascii).is_some_and(|&b| b >= 0x80) {
        return DIGITS.find(s).map_or(0, |m| m.end());
    }
    ascii
}

/// `[footnoteRef:N]`, `[endnoteRef:N]` (`N` may be negative) or `[^id]` at `at` (a `[`), as
/// `\[(footnoteRef|endnoteRef):(-?\d+)\]|\[\^([^\]\s]+)\]`: its end, id and kind. For `[^`,
/// `md_stop` remembers where the last failed id ran out, so that `[^[^[^…` is read once, not
/// once per bracket.
fn note_ref_at(
    line: &str,
    at: usize,
    md_stop: &mut usize,
) -> Option<(usize, Range<usize>, NoteKind)> {
    let rest = &line[at + 1..];
    let (kind, prefix) = if rest.starts_with("footnoteRef:") {
        (NoteKind::Footnote, "footnoteRef:".len())
    } else if rest.starts_with("endnoteRef:") {
        (NoteKind::Endnote, "endnoteRef:".len())
    } else if rest.starts_with('^') {
        let id_start = at + 2;
        if id_start < *md_stop {
            return None;
        }
        let stop = line[id_start..]
            .char_indices()
            .find(|&(_, c)| c == ']' || c.is_whitespace())
            .map(|(i, c)| (id_start + i, c));
        return match stop {
            Some((close, ']')) if close > id_start => {
                Some((close + 1, id_start..close, NoteKind::Markdown))
            }
            Some((stop, _)) => {
                *md_stop = stop;
                None
            }
            None => {
                *md_stop = line.len();
                None
            }
        };
    } else {
        return None;
    };
    let id_start = at + 1 + prefix;
    let sign = usize::from(line[id_start..].starts_with('-'));
    let digits = digits_len(&line[id_start + sign..]);
    let id_end = id_start + sign + digits;
    (digits > 0 && line[id_end..].starts_with(']')).then(|| (id_end + 1, id_start..id_end, kind))
}

/// A note body's opening `[N: ` at `at` (a `[`), as `\[(\d+):\s`: its id and where its text
/// starts.
fn body_start_at(line: &str, at: usize) -> Option<(Range<usize>, usize)> {
    let id_start = at + 1;
    let id_end = id_start + digits_len(&line[id_start..]);
    if id_end == id_start {
        return None;
    }
    let mut after = line[id_end..].strip_prefix(':')?.chars();
    let space = after.next().filter(|c| c.is_whitespace())?;
    Some((id_start..id_end, id_end + 1 + space.len_utf8()))
}

/// A Markdown note body `[^id]: ` at the start of the line, as `^\[\^([^\]\s]+)\]:[ \t]?`: its
/// id and the end of the opening.
fn md_body_at_start(line: &str) -> Option<(Range<usize>, usize)> {
    let id_start = "[^".len();
    line.strip_prefix("[^")?;
    let (close, c) = line[id_start..]
        .char_indices()
        .find(|&(_, c)| c == ']' || c.is_whitespace())?;
    let close = id_start + close;
    if c != ']' || close == id_start || !line[close..].starts_with("]:") {
        return None;
    }
    let mut end = close + 2;
    if line[end..].starts_with([' ', '\t']) {
        end += 1;
    }
    Some((id_start..close, end))
}

/// Note references and bodies. A Tika body ` [N: text] ` runs to the last `]` before the next
/// body on the line (its text may hold `]`, as in `[MFK]`) or before the line's end; with no `]`
/// left on the line it continues on the next lines.
fn lex_notes(line: &str, hits: &[Hit], out: &mut Vec<Item>) {
    let brackets = || {
        hits.iter()
            .filter(|h| h.kind == Kind::Bracket)
            .map(|h| h.at)
    };
    let first_ref = out.len();
    let mut from = 0;
    let mut md_stop = 0;
    for at in brackets() {
        if at < from {
            continue;
        }
        let Some((end, id, kind)) = note_ref_at(line, at, &mut md_stop) else {
            continue;
        };
        from = end;
        // `[^1]:` at the line start is a body, handled below.
        if kind == NoteKind::Markdown && at == 0 && line[end..].starts_with(':') {
            continue;
        }
        out.push(Item::NoteRef {
            range: at..end,
            name: CompactString::from(&line[id.clone()]),
            id,
            kind,
        });
    }
    let refs = first_ref..out.len();
    if let Some((id, open_end)) = md_body_at_start(line) {
        let text = trim_range(line, open_end..line.len());
        let name = CompactString::from(&line[id.clone()]);
        out.push(Item::NoteBody {
            range: 0..line.len(),
            id,
            name,
            text,
            kind: NoteKind::Markdown,
            closed: true,
        });
        return;
    }
    let mut starts = brackets()
        .filter_map(|at| {
            // A body follows the paragraph's text: it is preceded by a space (or starts the line,
            // for a continuation of an earlier note) and is never a `[footnoteRef:N]`.
            let ok = at == 0 || line[..at].ends_with([' ', '\t', '\u{a0}']);
            let (id, text_start) = body_start_at(line, at)?;
            ok.then_some((at, id, text_start))
        })
        .peekable();
    while let Some((start, id, text_start)) = starts.next() {
        // A body ends before the next body, and never takes in a later `[footnoteRef:N]`.
        let next_body = starts.peek().map_or(line.len(), |s| s.0);
        // The references are in line order: a binary search, not a scan per body.
        let ref_starts = &out[refs.clone()];
        let next_ref = ref_starts
            .get(ref_starts.partition_point(|r| item_start(r) <= text_start))
            .map_or(line.len(), item_start);
        let limit = next_body.min(next_ref);
        let segment = &line[text_start..limit];
        let name = CompactString::from(&line[id.clone()]);
        match memchr::memrchr(b']', segment.as_bytes()) {
            Some(close) => {
                let end = text_start + close + 1;
                out.push(Item::NoteBody {
                    range: start..end,
                    id,
                    name,
                    text: trim_range(line, text_start..end - 1),
                    kind: NoteKind::Footnote,
                    closed: true,
                });
            }
            None => out.push(Item::NoteBody {
                range: start..limit,
                id,
                name,
                text: trim_range(line, text_start..limit),
                kind: NoteKind::Footnote,
                closed: false,
            }),
        }
    }
}

fn item_start(item: &Item) -> usize {
    match item {
        Item::NoteRef { range, .. }
        | Item::NoteBody { range, .. }
        | Item::Placeholder { range, .. }
        | Item::Fractie { range, .. }
        | Item::Markup { range, .. } => range.start,
        Item::Paper(p) => p.range.start,
    }
}

fn trim_range(line: &str, r: Range<usize>) -> Range<usize> {
    let s = &line[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_matches(is_space);
    r.start + lead..r.start + lead + trimmed.len()
}

#[cfg(test)]
#[test]
fn words_as_split() {
    for t in [
        "",
        " ",
        "a",
        " a  b\tc\u{a0}d\u{feff}e\u{2003}f ",
        "Europese terugkeerwetgeving",
        "\u{85}x\u{b}y\u{c}z\u{1c}",
    ] {
        for limit in [0, 1, 3, 100] {
            assert_eq!(
                words(t, limit),
                t.split(is_space)
                    .filter(|w| !w.is_empty())
                    .take(limit)
                    .count(),
                "{t:?}"
            );
        }
    }
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_words_pass_the_first_letter_filter() {
        for w in BRACKET_WORDS {
            let c = w.as_bytes()[0];
            assert!(bracket_word_may_start(c) && bracket_word_may_start(c.to_ascii_uppercase()));
        }
    }

    #[test]
    fn doc_kinds_by_first_letter() {
        for (line, kind) in [
            ("Lijst van vragen en antwoorden", Some(DocKind::Lva)),
            (
                "Vastgestelde LIJST VAN VRAGEN EN ANTWOORDEN:",
                Some(DocKind::Lva),
            ),
            ("Geen lijst van vragen en antwoorde", None),
            ("Verslag van een schriftelijk overleg", Some(DocKind::Vso)),
            (
                "Inbreng voor het schriftelijk overleg",
                Some(DocKind::Inbreng),
            ),
            ("Nota naar aanleiding van het verslag", Some(DocKind::Nota)),
            ("Verslag", Some(DocKind::Verslag)),
            ("LİJST VAN VRAGEN EN ANTWOORDEN", None),
            ("Ĳst van vragen en antwoorden", None),
            ("Een lijst", None),
        ] {
            assert_eq!(doc_kind(line), kind, "{line}");
            let lower = line.trim().to_lowercase();
            assert_eq!(doc_kind_of_lower(&lower), kind, "{line}");
        }
    }

    /// `opens_for_members` is `MEMBER_OPENINGS` compared one by one.
    #[test]
    fn member_openings_by_first_letter() {
        let by_list = |s: &str| MEMBER_OPENINGS.iter().any(|p| s.starts_with(p));
        let mut texts = vec![String::new(), "Dat".to_string(), "Het".to_string()];
        for p in MEMBER_OPENINGS {
            texts.push(p.to_string());
            texts.push(format!("{p}vragen of"));
            let mut short = p.to_string();
            short.pop();
            texts.push(short);
        }
        for t in &texts {
            assert_eq!(opens_for_members(t), by_list(t), "{t:?}");
        }
    }

    fn kind(line: &str) -> LineKind {
        lex_line(line, 1).info.kind
    }

    #[test]
    fn answer_markers() {
        assert!(matches!(
            kind("Antwoord "),
            LineKind::AnswerMarker {
                style: AnswerStyle::Plain,
                ..
            }
        ));
        assert!(matches!(
            kind("Antwoord:"),
            LineKind::AnswerMarker {
                style: AnswerStyle::Colon,
                ..
            }
        ));
        match kind("Antwoord op vraag 12:") {
            LineKind::AnswerMarker {
                style: AnswerStyle::OpVraag,
                numbers,
                ..
            } => assert_eq!(numbers, vec![12]),
            k => panic!("{k:?}"),
        }
        match kind("Antwoord op vragen 2 en 3:") {
            LineKind::AnswerMarker { numbers, .. } => assert_eq!(numbers, vec![2, 3]),
            k => panic!("{k:?}"),
        }
        match kind("Antwoord 7") {
            LineKind::AnswerMarker {
                style: AnswerStyle::Numbered,
                numbers,
                ..
            } => assert_eq!(numbers, vec![7]),
            k => panic!("{k:?}"),
        }
        match kind("Antwoord: Ja, dat klopt.") {
            LineKind::AnswerMarker { rest: r, .. } => assert_eq!(r, 10..24),
            k => panic!("{k:?}"),
        }
        assert_eq!(
            kind("Antwoorden op eerdere vragen zijn verstuurd."),
            LineKind::Text
        );
        assert_eq!(kind("Antwoord van het kabinet op de motie"), LineKind::Text);
    }

    #[test]
    fn question_markers() {
        match kind("Vraag (12):") {
            LineKind::QuestionMarker {
                style: QuestionStyle::Vraag,
                numbers,
                rest,
                ..
            } if rest.is_empty() => {
                assert_eq!(numbers, vec![12])
            }
            k => panic!("{k:?}"),
        }
        match kind("Vraag 2 en 3") {
            LineKind::QuestionMarker { numbers, .. } => assert_eq!(numbers, vec![2, 3]),
            k => panic!("{k:?}"),
        }
        match kind("12. Hoeveel aanvragen zijn er?") {
            LineKind::QuestionMarker {
                style: QuestionStyle::NumberDot,
                numbers,
                rest: r,
                ..
            } => {
                assert_eq!(numbers, vec![12]);
                assert_eq!(r.start, 4);
            }
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            kind("12"),
            LineKind::QuestionMarker {
                style: QuestionStyle::BareNumber,
                ..
            }
        ));
        assert_eq!(parse_numbers("4 t/m 6"), vec![4, 5, 6]);
        assert_eq!(parse_numbers("2, 3 en 5"), vec![2, 3, 5]);
    }

    #[test]
    fn headings() {
        assert!(matches!(
            kind(" I\tVragen en opmerkingen vanuit de fracties"),
            LineKind::Section { numeral: 1, .. }
        ));
        assert!(matches!(
            kind("II Reactie van de bewindspersoon"),
            LineKind::Section {
                numeral: 2,
                is_response: true,
                ..
            }
        ));
        match kind("Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie") {
            LineKind::FractieHeading { names, .. } => assert_eq!(names, vec!["GroenLinks-PvdA"]),
            k => panic!("{k:?}"),
        }
        match kind("Vragen en opmerkingen van de leden van de VVD- en de CDA-fractie") {
            LineKind::FractieHeading { names, .. } => assert_eq!(names, vec!["VVD", "CDA"]),
            k => panic!("{k:?}"),
        }
        match kind("Inbreng van de leden van de fractie van D66") {
            LineKind::FractieHeading { names, .. } => assert_eq!(names, vec!["D66"]),
            k => panic!("{k:?}"),
        }
        assert!(matches!(
            kind("32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)"),
            LineKind::Dossier { .. }
        ));
        assert!(matches!(
            kind("21501-32\t\tLandbouw- en Visserijraad"),
            LineKind::Dossier { .. }
        ));
        assert!(matches!(
            kind("Verslag van een schriftelijk overleg "),
            LineKind::DocKind(DocKind::Vso)
        ));
        assert!(lex_line("Europese terugkeerwetgeving", 1).heading_like());
        assert!(!lex_line("Zie antwoord op de vorige vraag. ", 1).heading_like());
    }

    #[test]
    fn notes_and_markup() {
        let line = "tekst[footnoteRef:2].  [2:  Tweede Kamer, kst. 32317, nr. 967] ";
        let info = lex_line(line, 1);
        let bodies: Vec<_> = info
            .items
            .iter()
            .filter(|i| matches!(i, Item::NoteBody { .. }))
            .collect();
        assert_eq!(bodies.len(), 1);
        if let Item::NoteBody {
            range,
            text,
            closed,
            ..
        } = bodies[0]
        {
            assert_eq!(
                &line[range.clone()],
                "[2:  Tweede Kamer, kst. 32317, nr. 967]"
            );
            assert_eq!(&line[text.clone()], "Tweede Kamer, kst. 32317, nr. 967");
            assert!(*closed);
        }
        let open = lex_line("Tekst[footnoteRef:7] [7: Eerste alinea van de noot", 1);
        assert!(open.open_note());
        let md = lex_line("[^1]: Zie de brief.", 1);
        assert!(md.items.iter().any(|i| matches!(
            i,
            Item::NoteBody {
                kind: NoteKind::Markdown,
                ..
            }
        )));
        let bm = lex_line(
            "[bookmark: _Hlk210663655]Voorts hebben de aan het woord zijnde leden vragen.",
            1,
        );
        assert!(bm.member_opening());
        assert_eq!(bm.content_start, 25);
    }

    #[test]
    fn placeholders() {
        let line = "Bij brief van …  heeft de minister de vragen beantwoord.";
        let info = lex_line(line, 1);
        let ph: Vec<_> = info
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Placeholder { range, .. } => Some(&line[range.clone()]),
                _ => None,
            })
            .collect();
        assert_eq!(ph, vec!["…"]);
        let none = lex_line(
            "Er is een gesprek gevoerd… en verder niets. Het kabinet komt om 14.00 uur.",
            1,
        );
        assert!(!none
            .items
            .iter()
            .any(|i| matches!(i, Item::Placeholder { .. })));
        let br = lex_line("Op [datum] is PM euro toegekend aan XX.", 1);
        assert_eq!(
            br.items
                .iter()
                .filter(|i| matches!(i, Item::Placeholder { .. }))
                .count(),
            3
        );
    }

    #[test]
    fn fracties() {
        let line = "De leden van de NSC-fractie vragen of de leden van de VVD- en de CDA-fractie dit delen.";
        let info = lex_line(line, 1);
        let f: Vec<_> = info
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Fractie { name, speaks, .. } => Some((&line[name.clone()], *speaks)),
                _ => None,
            })
            .collect();
        assert_eq!(f, vec![("NSC", true), ("VVD", false), ("CDA", false)]);
    }
}

/// The lexer against the one it replaced (`reference.rs`, regexes and a pass per construct): the
/// same `LineInfo` for every line, sample lines, generated reports and random text alike.
#[cfg(test)]
mod differential {
    use super::*;
    use proptest::prelude::*;

    fn same(line: &str) {
        let new = lex_line(line, 1);
        let old = reference::lex_line(line, 1);
        assert_eq!(new, old, "line {line:?}");
        let mut new_papers = Vec::new();
        let mut old_papers = Vec::new();
        papers::scan(line, &mut new_papers);
        papers::scan_reference(line, &mut old_papers);
        assert_eq!(new_papers, old_papers, "papers in {line:?}");
    }

    /// The old way of lexing a text: split at `\n`, `\r\n` and lone `\r`, lex each line.
    fn old_text(text: &str) -> Vec<LexedLine> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut start = 0;
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if pos < start {
                continue;
            }
            let end = if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos + 2
            } else {
                pos + 1
            };
            out.push(reference::lex_line(&text[start..pos], (end - pos) as u8));
            start = end;
        }
        out.push(reference::lex_line(&text[start..], 0));
        out
    }

    fn same_text(text: &str) {
        let mut new = Lines::default();
        lex_text(text, &mut new);
        let old = old_text(text);
        assert_eq!(new.len(), old.len(), "line count of {text:?}");
        for (i, o) in old.iter().enumerate() {
            assert_eq!(&new.line(i), o, "line {i} of the text");
        }
    }

    #[test]
    fn whole_texts() {
        same_text(&crate::synth::vso(300_000, 11));
        same_text(include_str!("../../examples/lva-genummerd.txt"));
        same_text(&include_str!("../../examples/vso-interleaved.txt").replace('\n', "\r\n"));
        for t in [
            "",
            "\n",
            "\r",
            "\r\n",
            "\n\r",
            "a\r\r\nb",
            "[2: x\r\n]\r",
            "Kamerstuk\n32317",
            "1\n-2",
        ] {
            same_text(t);
        }
        // Lines past the limit are lexed on their own, up to the limit.
        let long = "Zie Kamerstuk 32 317, nr. 967 [PM] en de VVD-fractie? ".repeat(3000);
        same_text(&format!("kort\r\n{long}\n{long}\rkort[2: x"));
    }

    #[test]
    fn sample_and_examples() {
        let sample = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/samples/vso-jbz-2025-10.txt"
        );
        let mut texts = vec![
            include_str!("../../examples/lva-genummerd.txt").to_string(),
            include_str!("../../examples/vso-interleaved.txt").to_string(),
        ];
        if let Ok(t) = std::fs::read_to_string(sample) {
            texts.push(t);
        }
        texts.push(crate::synth::vso(300_000, 7));
        for t in &texts {
            for line in t.split(['\n', '\r']) {
                same(line);
            }
        }
    }

    #[test]
    fn tricky_lines() {
        for line in [
            "[^a[^b] [^c d] [^[^[^x",
            "[footnoteRef:-3] [endnoteRef:٣] [footnoteRef:1٣] [2:\u{3000}x] [٣: y]",
            "\tComment by Jan: tekst\tComment by Piet: meer",
            "\tComment by : x",
            "x\tComment by ab:c",
            "[bookmark: _Hlk1][image: foto] [bookmark: open",
            "[nog  in\u{a0}te\tvullen] [NOG IN TE VULLEN] [xxxx] [XxX yy] [pm] [Datum 12 december 2025 of later, in ieder geval vóór de zomer]",
            "[datum van de brief, nog niet bekend: ergens in het jaar 2026 of later dus] <datum> <Naam> <nummers>",
            "a….. b... c.... d …) (… P.M. PM. RPMS XXL xx xxx http://x/...XX www.xx.nl/PM",
            "Kamerstukken II 2024/25, 32317, nr. 967, p. 3 en Handelingenr. 5 Aanhangsel Handelingen II 2014/15, nr. 1241",
            "Tweede Kamer der Staten-Generaal,\u{202f}vergaderjaar 2024-2025, kst. 32317, nr. 967; Eerste Kamer, vergaderjaar 2009/10, 32217, A",
            "Tweede Kamer,vergaderjaar 2024-2025, 22 112, nr. 4131 en (29 435, nr. 256) en 21501-02-2179 en 2025D43823 2025Z188281",
            "Kamerstukst 32317 kamerstuk 3231, nr. 9 Kst.32317-967 36740-VI-1",
            "De leden van de VVD- en de CDA-fractie en de fractie van D66 vragen: fractievoorzitter?",
            "Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie",
            "Vraag (12): Hoe? Vragen 2 en 3 VRAAG 1 Vragen en opmerkingen Vraag٣",
            "Antwoord Antwoord: ja ANTWOORD antwoord op vraag 2 en 3:",
            "12. Hoeveel? 1٣. x 12345. y 12) z 7",
            "IV. Reactie VI\u{a0}Antwoorden IIX Geen XI\tTitel V",
            "Inbreng Verslag Schriftelijk Overleg. Nota naar aanleiding van het verslag",
            "Lijst van vragen en antwoorden over de begroting İnbreng schriftelijK overleg",
            "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)",
            "[bookmark: _Hlk2]De leden van de NSC-fractie vragen of dit klopt? [2: noot?]",
            "…",
            "[",
            "\t",
        ] {
            same(line);
        }
    }

    const PIECES: &[&str] = &[
        "[",
        "]",
        "[^",
        "[footnoteRef:",
        "[endnoteRef:",
        "[bookmark: ",
        "[image: ",
        "\tComment by ",
        ":",
        ": ",
        " ",
        "\u{a0}",
        "\t",
        "?",
        "…",
        "...",
        ".",
        "PM",
        "P.M.",
        "XX",
        "xx",
        "x",
        "[datum",
        "[nog in te vullen",
        "[PM]",
        "<datum>",
        "<",
        ">",
        "Kamerstuk ",
        "kst. ",
        "Kst",
        "Kamerstukken II ",
        "Handelingen ",
        "Aanhangsel ",
        "Tweede Kamer, ",
        "vergaderjaar ",
        "2024-2025",
        "2024/25",
        ", ",
        "nr. ",
        "nr",
        "32317",
        "32 317",
        "21 501-02",
        "-",
        "–",
        "967",
        "21501-02-2179",
        "2025D43823",
        "2025Z1882",
        "D",
        "Z",
        "fractie",
        "-fractie",
        "VVD",
        " en de ",
        "fractie van ",
        "De leden van de ",
        "Antwoord",
        "Vraag ",
        "12",
        "٣",
        "I",
        "V",
        "http://",
        "www.",
        "é",
        "😀",
        "\u{3000}",
        "p. 3",
        "item 5",
        "(",
        ")",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn pieces(parts in prop::collection::vec(prop::sample::select(PIECES), 0..24)) {
            same(&parts.concat());
        }

        #[test]
        fn random_text(s in "[a-zA-Z0-9 .,:;?!()\\[\\]<>^\t\u{a0}…–é-]{0,120}") {
            same(&s);
        }

        #[test]
        fn words_count_as_split(s in "[a-z \t\u{a0}\u{85}\u{2003}\u{feff}\u{3000}é…\x1c]{0,40}", limit in 0usize..20) {
            prop_assert_eq!(
                words(&s, limit),
                s.split(is_space).filter(|w| !w.is_empty()).take(limit).count()
            );
        }

        #[test]
        fn texts(parts in prop::collection::vec(prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_string),
            prop::sample::select(&["\n", "\r", "\r\n"][..]).prop_map(str::to_string),
        ], 0..40)) {
            same_text(&parts.concat());
        }
    }
}

/// `cargo test --release --lib -- --ignored lexer_ab --nocapture`: the old lexer (line by line),
/// the new one line by line, and the new one over the whole text, on the generated 10 MB report,
/// interleaved so that load from other processes falls on all alike.
#[cfg(test)]
#[test]
#[ignore = "a timing, not a test"]
fn lexer_ab() {
    let text = crate::synth::vso(10_000_000, 2025);
    // Each into a line table, as `Parse::new` does; tables dropped outside the timing.
    let split = |lex: fn(&str, u8) -> LexedLine| {
        let mut out = Vec::with_capacity(text.len() / 64 + 1);
        let bytes = text.as_bytes();
        let mut start = 0;
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if pos < start {
                continue;
            }
            let end = if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos + 2
            } else {
                pos + 1
            };
            out.push(lex(&text[start..pos], (end - pos) as u8));
            start = end;
        }
        out.push(lex(&text[start..], 0));
        out
    };
    let mut times: [Vec<std::time::Duration>; 3] = Default::default();
    for _ in 0..15 {
        let t = std::time::Instant::now();
        let a = split(reference::lex_line);
        times[0].push(t.elapsed());
        let t = std::time::Instant::now();
        let b = split(lex_line);
        times[1].push(t.elapsed());
        let t = std::time::Instant::now();
        let mut c = Lines::with_capacity(text.len() / 64 + 1);
        lex_text(&text, &mut c);
        times[2].push(t.elapsed());
        assert!(a.len() == b.len() && b.len() == c.len());
    }
    let [old, new, whole] = times.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    });
    eprintln!(
        "10 MB, median of 15: reference lex_line {old:?}, lex_line {new:?}, lex_text {whole:?}"
    );
}
