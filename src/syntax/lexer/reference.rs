//! The lexer as it was before the single trigger scan (regexes and one pass per construct), kept
//! as the reference that the differential tests hold the new lexer to.
#![allow(dead_code)]

use std::ops::Range;
use std::sync::LazyLock;

use memchr::memmem;
use regex::Regex;

use super::super::model::{
    AnswerStyle, DocKind, MarkupKind, NoteKind, PlaceholderKind, QuestionStyle,
};
use super::super::papers;
use super::{span, Item, ItemsAt, LexedLine, LineInfo, LineKind, Span};
use thin_vec::thin_vec;

/// The longest line lexed in full, in bytes. A Word paragraph with its notes is a few kilobytes;
/// a longer line is lexed up to here only, so that a keystroke in a line of ten megabytes costs
/// what it costs in a normal one, and no scan of it can take long. The analysis says so (GRF901).
use super::MAX_LEXED_LINE;

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
pub(crate) fn lex_line(line: &str, term: u8) -> LexedLine {
    if line.len() > MAX_LEXED_LINE {
        let cut = floor_boundary(line, MAX_LEXED_LINE);
        return lex_cut(&line[..cut], line.len(), term);
    }
    lex_whole(line, term)
}

/// Lexes the first bytes of a line of `len` bytes (longer than [`MAX_LEXED_LINE`]): `prefix` is
/// the line up to the last char boundary at or before [`MAX_LEXED_LINE`].
pub(crate) fn lex_cut(prefix: &str, len: usize, term: u8) -> LexedLine {
    let mut line = lex_whole(prefix, term);
    line.info.len = u32::try_from(len).expect("a line under 4 GB");
    line.info.cut = std::num::NonZeroU32::new(prefix.len() as u32);
    line
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

/// Candidate placeholders; their surroundings are checked in code, so that the pattern starts
/// with literals only and the regex engine can skip most lines with its prefilter.
static PLACEHOLDER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<ell>…|\.\.\.)|(?P<pm>PM|P\.M\.)|(?P<xx>XX+|xx+)|(?P<br>\[(?i:datum|naam|nummer|invullen|nog\s+in\s+te\s+vullen|pm|xx+|titel|bedrag|aantal)[^\]\n]{0,40}\]|<(?i:datum|naam|nummer|invullen)>)",
    )
    .expect("static regex")
});

static NOTE_REF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<kind>footnoteRef|endnoteRef):(?P<id>-?\d+)\]|\[\^(?P<md>[^\]\s]+)\]")
        .expect("static regex")
});

static NOTE_BODY_START_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[(?P<id>\d+):\s").expect("static regex"));

static MD_BODY_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[\^(?P<id>[^\]\s]+)\]:[ \t]?").expect("static regex"));

static MARKUP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[(?P<kind>bookmark|image): [^\]]*\]|\tComment by [^:\t]{1,80}: .*$")
        .expect("static regex")
});

/// Openings with which a paragraph speaks for the members: it starts a question block.
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

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}' || c == '\u{feff}'
}

/// Parses `12`, `2 en 3`, `2, 3`, `4 t/m 6` into numbers (ranges expanded, at most 50).
pub(crate) fn parse_numbers(s: &str) -> Vec<u32> {
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

fn lex_whole(line: &str, term: u8) -> LexedLine {
    let mut info = LineInfo::unlexed(line, term);
    info.set_indented(line.starts_with('\t'));
    let trimmed_start = line.len() - line.trim_start_matches(is_space).len();
    let mut items = Vec::new();
    if trimmed_start == line.len() {
        info.kind = LineKind::Blank;
        return LexedLine { info, items };
    }
    lex_items(line, &mut items);
    info.items = ItemsAt::since(&mut items, 0);
    // Skip leading Word markup (`[bookmark: _Hlk…]`) when judging how the line opens.
    let mut cs = trimmed_start;
    for item in &items {
        if let Item::Markup {
            range,
            kind: MarkupKind::Bookmark,
        } = item
        {
            if range.start == cs {
                cs = range.end;
                cs += line[cs..].len() - line[cs..].trim_start_matches(is_space).len();
            }
        }
    }
    info.content_start = cs as u32;
    let content = &line[cs..];
    let content_trim_end = content.trim_end_matches(is_space);
    info.set_ends_with_bracket(content_trim_end.ends_with(']'));
    info.set_open_note(
        items
            .iter()
            .any(|i| matches!(i, Item::NoteBody { closed: false, .. })),
    );
    info.set_md_note_def(super::starts_with_md_note_def(&items));
    info.set_question_mark(memchr::memchr(b'?', prose_part(line, &items).as_bytes()).is_some());
    info.set_letter_line(content.starts_with("Bij brief van"));
    info.set_member_opening(MEMBER_OPENINGS.iter().any(|p| content.starts_with(p)));
    info.kind = classify(line, cs, content_trim_end);
    if info.kind == LineKind::Text {
        info.set_heading_like(heading_like(content_trim_end, &info));
    }
    // A fractie heading is also a speaking mention; the items already hold it.
    LexedLine { info, items }
}

/// The line's own text, before any appended note body (a `?` in a note does not make a question).
fn prose_part<'a>(line: &'a str, items: &[Item]) -> &'a str {
    let end = items
        .iter()
        .filter_map(|i| match i {
            Item::NoteBody {
                range,
                kind: NoteKind::Footnote | NoteKind::Endnote,
                ..
            } => Some(range.start),
            _ => None,
        })
        .min()
        .unwrap_or(line.len());
    &line[..end]
}

fn heading_like(text: &str, info: &LineInfo) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit())
        || info.question_mark()
        || info.member_opening()
    {
        return false;
    }
    if text.len() > 120 || text.len() < 3 {
        return false;
    }
    if text.ends_with(['.', '?', ':', ';', ',', '!', ']', ')']) && !text.ends_with("etc.") {
        return false;
    }
    let words = text.split(is_space).filter(|w| !w.is_empty()).count();
    (1..=14).contains(&words) && !text.contains(". ")
}

/// The end of a marker span; the line table keeps only that, the marker starting at the content.
fn marker_end_at(cs: usize, marker: Span) -> u32 {
    assert_eq!(
        marker.start as usize, cs,
        "a marker starts where the content does"
    );
    marker.end
}

fn classify(line: &str, cs: usize, content: &str) -> LineKind {
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
                        marker_end: marker_end_at(cs, span(cs..marker_end)),
                        rest: if rest_trim.is_empty() {
                            Span::default()
                        } else {
                            rng(rest_trim)
                        },
                    };
                }
            }
        }
        b'V' if content.starts_with("Vra") || content.starts_with("VRA") => {
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
                    marker_end: marker_end_at(cs, span(cs..marker_end)),
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
                    marker_end: marker_end_at(cs, rng(content)),
                    rest: Span::default(),
                };
            }
            if let Some(c) = NUMDOT_RE.captures(content) {
                let n = c.name("n").map(|m| m.as_str()).unwrap_or("0");
                let rest = c
                    .name("rest")
                    .map(|m| m.as_str())
                    .unwrap_or("")
                    .trim_end_matches(is_space);
                return LineKind::QuestionMarker {
                    style: QuestionStyle::NumberDot,
                    numbers: thin_vec![n.parse().unwrap_or(0)],
                    marker_end: marker_end_at(cs, span(cs..off(rest))),
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
    if let Some(rest) = content
        .strip_prefix('·')
        .or_else(|| content.strip_prefix('•'))
    {
        return LineKind::Bullet {
            text: rng(rest.trim_matches(is_space)),
        };
    }
    if matches!(first, b'I' | b'V' | b'X') && content.len() < 150 {
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
    if content.len() < 200 && memmem::find(content.as_bytes(), b"ractie").is_some() {
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

fn doc_kind(content: &str) -> Option<DocKind> {
    if content.len() > 120 {
        return None;
    }
    let lower = content.trim().to_lowercase();
    let lower = lower.trim_end_matches(['.', ':']);
    if lower.starts_with("inbreng") && lower.contains("schriftelijk overleg") {
        Some(DocKind::Inbreng)
    } else if lower.starts_with("verslag van een schriftelijk overleg") {
        Some(DocKind::Vso)
    } else if lower.contains("lijst van vragen en antwoorden") {
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

/// Finds the inline items of a line, each kind behind a cheap byte check.
fn lex_items(line: &str, out: &mut Vec<Item>) {
    let bytes = line.as_bytes();
    let has_bracket = memchr::memchr(b'[', bytes).is_some();
    if has_bracket {
        lex_notes(line, out);
        for m in MARKUP_RE.find_iter(line) {
            let kind = if m.as_str().starts_with("[bookmark") {
                MarkupKind::Bookmark
            } else if m.as_str().starts_with("[image") {
                MarkupKind::Image
            } else {
                MarkupKind::Comment
            };
            out.push(Item::Markup {
                range: m.range(),
                kind,
            });
        }
    } else if memchr::memchr(b'\t', bytes).is_some() {
        for m in MARKUP_RE.find_iter(line) {
            out.push(Item::Markup {
                range: m.range(),
                kind: MarkupKind::Comment,
            });
        }
    }
    let mut papers_found = Vec::new();
    papers::scan_reference(line, &mut papers_found);
    out.extend(papers_found.into_iter().map(Item::Paper));
    // The regex's literal prefilter (`…`, `...`, `PM`, `XX`, `[`, `<`) skips most lines quickly.
    lex_placeholders(line, out);
    lex_fracties(line, out);
}

fn lex_placeholders(line: &str, out: &mut Vec<Item>) {
    let mut words = WordStarts {
        scanned: 0,
        word_start: 0,
    };
    for c in PLACEHOLDER_RE.captures_iter(line) {
        let Some(m) = c.get(0) else { continue };
        let before = line[..m.start()].chars().next_back();
        let after = line[m.end()..].chars().next();
        let kind = if c.name("ell").is_some() {
            // An ellipsis standing alone (`van … heeft`), not one that ends a word (`zoals…`)
            // or belongs to a longer run of dots.
            let alone_before = before.is_none_or(|b| is_space(b) || b == '(');
            let alone_after = after.is_none_or(|a| is_space(a) || ").,;:".contains(a));
            if !(alone_before && alone_after)
                || line[m.end()..].starts_with('.') && m.as_str() == "..."
            {
                continue;
            }
            PlaceholderKind::Ellipsis
        } else if c.name("pm").is_some() || c.name("xx").is_some() {
            // A whole word: not the `PM` in `RPMS` or the `xx` in `xxi`.
            let word = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric());
            if word(before) || word(after) {
                continue;
            }
            if c.name("pm").is_some() {
                PlaceholderKind::Pm
            } else {
                PlaceholderKind::Xx
            }
        } else {
            PlaceholderKind::Bracketed
        };
        let range = m.range();
        // Inside a URL a stray `XX` or `...` means nothing.
        if words.inside_url(line, range.start) {
            continue;
        }
        out.push(Item::Placeholder { range, kind });
    }
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

static FRACTIE_FINDER: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("fractie"));

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
fn lex_fracties(line: &str, out: &mut Vec<Item>) {
    for at in FRACTIE_FINDER.find_iter(line.as_bytes()) {
        let after = &line[at + "fractie".len()..];
        if after.chars().next().is_some_and(char::is_alphanumeric) {
            continue; // `fractievoorzitter`
        }
        if line[..at].ends_with('-') {
            let hyphen = at - 1;
            let Some(start) = name_before(line, hyphen) else {
                continue;
            };
            let mut names: Vec<std::ops::Range<usize>> = Vec::with_capacity(2);
            names.push(start..hyphen);
            let mut range_start = start;
            // `VVD- en de CDA-fractie`: another name ending in a hyphen before ` en (de) `.
            let before = &line[..start];
            let before = before.strip_suffix("de ").unwrap_or(before);
            if let Some(b) = before.strip_suffix(" en ") {
                if let Some(b) = b.strip_suffix('-') {
                    if let Some(s2) = name_before(line, b.len()) {
                        names.insert(0, s2..b.len());
                        range_start = s2;
                    }
                }
            }
            let first = names[0].start;
            let speaks = speaks_at(line, first);
            for name in names {
                out.push(Item::Fractie {
                    range: name.start.max(range_start)..at + "fractie".len(),
                    text: line[name.clone()].into(),
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
                text: line[name_start..name_end].into(),
                speaks: speaks_at(line, at),
            });
        }
    }
}

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
    let mut words = before.split(is_space).filter(|w| !w.is_empty());
    let first = words.next().unwrap_or("");
    OPENERS.contains(&first) && words.take(7).count() < 7
}

/// Note references and bodies. A Tika body ` [N: text] ` runs to the last `]` before the next
/// body on the line (its text may hold `]`, as in `[MFK]`) or before the line's end; with no `]`
/// left on the line it continues on the next lines.
fn lex_notes(line: &str, out: &mut Vec<Item>) {
    for c in NOTE_REF_RE.captures_iter(line) {
        let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        if let Some(md) = c.name("md") {
            // `[^1]:` at the line start is a body, handled below.
            if whole.start == 0 && line[whole.end..].starts_with(':') {
                continue;
            }
            out.push(Item::NoteRef {
                range: whole,
                id: md.range(),
                name: md.as_str().into(),
                kind: NoteKind::Markdown,
            });
        } else if let Some(id) = c.name("id") {
            let kind = if c.name("kind").is_some_and(|k| k.as_str() == "endnoteRef") {
                NoteKind::Endnote
            } else {
                NoteKind::Footnote
            };
            out.push(Item::NoteRef {
                range: whole,
                id: id.range(),
                name: id.as_str().into(),
                kind,
            });
        }
    }
    if let Some(c) = MD_BODY_RE.captures(line) {
        let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        let id = c.name("id").map(|m| m.range()).unwrap_or(0..0);
        let text = trim_range(line, whole.end..line.len());
        let name = line[id.clone()].to_string();
        out.push(Item::NoteBody {
            range: 0..line.len(),
            id,
            name: name.into(),
            text,
            kind: NoteKind::Markdown,
            closed: true,
        });
        return;
    }
    let starts: Vec<(usize, Range<usize>, usize)> = NOTE_BODY_START_RE
        .captures_iter(line)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // A body follows the paragraph's text: it is preceded by a space (or starts the line,
            // for a continuation of an earlier note) and is never a `[footnoteRef:N]`.
            let ok = whole.start() == 0 || line[..whole.start()].ends_with([' ', '\t', '\u{a0}']);
            let id = c.name("id")?.range();
            ok.then(|| (whole.start(), id, whole.end()))
        })
        .collect();
    let ref_starts: Vec<usize> = out
        .iter()
        .filter_map(|i| match i {
            Item::NoteRef { range, .. } => Some(range.start),
            _ => None,
        })
        .collect();
    for (i, (start, id, text_start)) in starts.iter().enumerate() {
        // A body ends before the next body, and never takes in a later `[footnoteRef:N]`.
        let next_body = starts.get(i + 1).map(|s| s.0).unwrap_or(line.len());
        // `ref_starts` is in line order: a binary search, not a scan per body.
        let next_ref = ref_starts
            .get(ref_starts.partition_point(|&r| r <= *text_start))
            .copied()
            .unwrap_or(line.len());
        let limit = next_body.min(next_ref);
        let segment = &line[*text_start..limit];
        match segment.rfind(']') {
            Some(close) => {
                let end = text_start + close + 1;
                out.push(Item::NoteBody {
                    range: *start..end,
                    id: id.clone(),
                    name: line[id.clone()].into(),
                    text: trim_range(line, *text_start..end - 1),
                    kind: NoteKind::Footnote,
                    closed: true,
                });
            }
            None => out.push(Item::NoteBody {
                range: *start..limit,
                id: id.clone(),
                name: line[id.clone()].into(),
                text: trim_range(line, *text_start..limit),
                kind: NoteKind::Footnote,
                closed: false,
            }),
        }
    }
}

fn trim_range(line: &str, r: Range<usize>) -> Range<usize> {
    let s = &line[r.clone()];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trimmed = s.trim_matches(is_space);
    r.start + lead..r.start + lead + trimmed.len()
}
