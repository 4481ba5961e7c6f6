//! Completion: the document's questions after `Zie (het) antwoord op `, the configured fracties
//! after `leden van de `, the papers the document cites after `Kamerstuk `, and an `Antwoord`
//! marker under a question that has none.

use std::ops::Range;

use super::code_actions::{answer_marker, line_ending};
use super::{letter_for, snippet, text};
use crate::analysis::fracties::canonical;
use crate::analysis::{Analysis, Config, Lang};
use crate::syntax::papers::PaperKind;
use crate::syntax::{MarkupKind, Question};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    /// A question to refer to.
    Question,
    Fractie,
    Paper,
    /// The answer marker.
    Marker,
}

/// Documentation in both forms; the LSP layer sends the one the client can show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub markdown: String,
    pub plain: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<Doc>,
    /// What replaces `replace`, as plain text.
    pub insert: String,
    /// The same as a snippet (`$0` for the cursor), for clients that take snippets.
    pub snippet: Option<String>,
    /// The text typed so far that the item replaces (ends at the cursor).
    pub replace: Range<usize>,
    /// Sorts the items as we mean them (clients sort by this, not by label).
    pub sort: String,
    pub filter: Option<String>,
    pub preselect: bool,
}

/// The items, and whether the list was cut short (the client then asks again as the user types).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    pub incomplete: bool,
}

/// At most this many questions are offered at once; typing narrows them down.
const MAX_QUESTIONS: usize = 100;

/// How far back from the cursor the current line is read.
const MAX_PREFIX: usize = 400;
/// How many characters of a question or answer show in a completion item.
const SHORT: usize = 70;
const LONG: usize = 600;

pub fn completions(a: &Analysis, offset: usize, cfg: &Config) -> Completions {
    let mut items = candidates(a, offset, cfg);
    let incomplete =
        items.len() > MAX_QUESTIONS && items.iter().all(|c| c.kind == CompletionKind::Question);
    if incomplete {
        // Keep the best-ranked ones (the nearest questions).
        items.sort_by(|x, y| x.sort.cmp(&y.sort));
        items.truncate(MAX_QUESTIONS);
    }
    Completions { items, incomplete }
}

fn candidates(a: &Analysis, offset: usize, cfg: &Config) -> Vec<CompletionItem> {
    let offset = offset.min(a.text.len_bytes());
    let line = a.text.try_byte_to_line(offset).unwrap_or(0);
    let line_start = a.text.try_line_to_byte(line).unwrap_or(0);
    let from = line_start.max(offset.saturating_sub(MAX_PREFIX));
    let Some(prefix) = a.text.get_byte_slice(from..offset).map(|s| s.to_string()) else {
        return Vec::new();
    };
    let lower = prefix.to_lowercase();
    // Lower-casing keeps byte lengths for the ASCII trigger words; map back by the tail length.
    let typed_from = |tail: &str| offset - tail.len();
    let lang = cfg.lang;
    if let Some(tail) = after_trigger(
        &prefix,
        &lower,
        &[
            "zie antwoord op ",
            "zie het antwoord op ",
            "naar het antwoord op ",
            "verwijst naar antwoord op ",
        ],
    ) {
        if !tail.contains(['.', '?', '!']) {
            let mut items = questions(a, typed_from(tail)..offset, offset, lang);
            // In a long list, let what is typed already narrow it down (the client filters too).
            let words: Vec<String> = tail.split_whitespace().map(str::to_lowercase).collect();
            if items.len() > MAX_QUESTIONS && !words.is_empty() {
                items.retain(|c| {
                    let hay = c.filter.as_deref().unwrap_or(&c.label).to_lowercase();
                    words.iter().all(|w| hay.contains(w.as_str()))
                });
            }
            return items;
        }
    }
    if let Some(tail) = after_trigger(&prefix, &lower, &["leden van de ", "- en de "]) {
        if !tail.contains(char::is_whitespace) {
            return fracties(a, typed_from(tail)..offset, offset, cfg);
        }
    }
    if let Some(tail) = after_trigger(&prefix, &lower, &["kamerstuk "]) {
        if tail.len() <= 24 && !tail.contains(['(', ')', ';']) {
            return papers(a, typed_from(tail)..offset, lang);
        }
    }
    if from != line_start {
        return Vec::new();
    }
    marker(a, line_start, &prefix, offset, lang)
        .into_iter()
        .collect()
}

/// The text typed after the last of `triggers` in `prefix`, if the prefix has one.
fn after_trigger<'p>(prefix: &'p str, lower: &str, triggers: &[&str]) -> Option<&'p str> {
    if lower.len() != prefix.len() {
        // A character whose lower case has another length: find the trigger in the original.
        return triggers
            .iter()
            .filter_map(|t| find_ascii_ci(prefix, t).map(|i| i + t.len()))
            .max()
            .map(|end| &prefix[end..]);
    }
    triggers
        .iter()
        .filter_map(|t| lower.rfind(t).map(|i| i + t.len()))
        .max()
        .and_then(|end| prefix.get(end..))
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?)
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

const ORDINALS: &[&str] = &[
    "eerste",
    "tweede",
    "derde",
    "vierde",
    "vijfde",
    "zesde",
    "zevende",
    "achtste",
    "negende",
    "tiende",
    "elfde",
    "twaalfde",
    "dertiende",
    "veertiende",
    "vijftiende",
    "zestiende",
    "zeventiende",
    "achttiende",
    "negentiende",
    "twintigste",
];

fn ordinal(n: usize) -> String {
    ORDINALS
        .get(n.wrapping_sub(1))
        .map(|s| s.to_string())
        .unwrap_or_else(|| format!("{n}e"))
}

/// `Solidariteitsmechanisme en …` -> `solidariteitsmechanisme en …`; `EU-recht` stays.
fn lower_first(s: &str) -> String {
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(s[a.len_utf8()..].chars()).collect()
        }
        _ => s.to_string(),
    }
}

/// How the document can refer to question `i`: `vraag 12` in a numbered document, else by its
/// place (`de eerste vraag van de leden van de NSC-fractie over …`).
pub(crate) fn reference_to(a: &Analysis, i: usize) -> Option<String> {
    let r = &a.report;
    let q = r.questions.get(i)?;
    if !q.numbers.is_empty() {
        let n: Vec<String> = q.numbers.iter().map(|n| n.to_string()).collect();
        return Some(format!("vraag {}", n.join(" en ")));
    }
    let same_scope = |o: &Question| match q.topic() {
        Some(t) => o.topic() == Some(t),
        None => o.fractie() == q.fractie(),
    };
    let nth = r.questions[..=i].iter().filter(|o| same_scope(o)).count();
    let mut s = format!("de {} vraag", ordinal(nth));
    if let Some(f) = q.fractie().and_then(|f| r.fracties.get(f)) {
        s += &format!(" van de leden van de {}-fractie", text(a, &f.name).trim());
    }
    if let Some(t) = q.topic().and_then(|t| r.topics.get(t)) {
        s += &format!(" over {}", lower_first(text(a, &t.heading).trim()));
    }
    Some(s)
}

fn questions(
    a: &Analysis,
    replace: Range<usize>,
    offset: usize,
    lang: Lang,
) -> Vec<CompletionItem> {
    let r = &a.report;
    let numbered = r.questions.iter().any(|q| !q.numbers.is_empty());
    // The question whose answer the cursor is in: no point referring to itself.
    let here = r
        .questions
        .partition_point(|q| q.range().start <= offset)
        .checked_sub(1)
        .filter(|&i| r.questions[i].range().end >= offset);
    let mut out = Vec::new();
    if let Some(h) = here.filter(|&h| h > 0 && !numbered) {
        out.push(CompletionItem {
            label: "de vorige vraag".to_string(),
            kind: CompletionKind::Question,
            detail: Some(question_detail(a, &r.questions[h - 1], lang)),
            documentation: Some(question_doc(a, &r.questions[h - 1], lang)),
            insert: "de vorige vraag".to_string(),
            snippet: None,
            replace: replace.clone(),
            sort: "0".to_string(),
            filter: None,
            preselect: true,
        });
    }
    let before = here.unwrap_or_else(|| r.questions.partition_point(|q| q.range().start <= offset));
    for (i, q) in r.questions.iter().enumerate() {
        if Some(i) == here {
            continue;
        }
        let Some(reference) = reference_to(a, i) else {
            continue;
        };
        // Numbered: by number. Otherwise the nearest earlier question first, then later ones.
        let rank = if numbered {
            i
        } else if i < before {
            before - i
        } else {
            before + i
        };
        out.push(CompletionItem {
            label: reference.clone(),
            kind: CompletionKind::Question,
            detail: Some(question_detail(a, q, lang)),
            documentation: Some(question_doc(a, q, lang)),
            insert: reference.clone(),
            snippet: None,
            replace: replace.clone(),
            sort: format!("1{rank:07}"),
            filter: Some(format!(
                "{reference} {}",
                snippet(&prose(a, &q.text()), SHORT)
            )),
            preselect: false,
        });
    }
    out
}

fn question_detail(a: &Analysis, q: &Question, lang: Lang) -> String {
    let mut s = super::question_label(q, lang);
    if let Some(f) = q.fractie().and_then(|f| a.report.fracties.get(f)) {
        s += &format!(" · {}-fractie", text(a, &f.name).trim());
    }
    s += &format!(": {}", snippet(&prose(a, &q.text()), SHORT));
    s
}

/// The text in `r` without Word's bookmarks (`[bookmark: _Hlk210663655]`), which mean nothing
/// to a reader.
pub(crate) fn prose(a: &Analysis, r: &Range<usize>) -> String {
    let mut s = text(a, r);
    for m in a.report.markup.iter().rev() {
        if m.kind == MarkupKind::Bookmark && r.start <= m.range.start && m.range.end <= r.end {
            let (x, y) = (m.range.start - r.start, m.range.end - r.start);
            if s.is_char_boundary(x) && s.is_char_boundary(y) && y <= s.len() {
                s.replace_range(x..y, "");
            }
        }
    }
    s
}

fn question_doc(a: &Analysis, q: &Question, lang: Lang) -> Doc {
    let question = snippet(&prose(a, &q.text()), LONG);
    let answer = q
        .answer
        .as_ref()
        .filter(|x| !x.body().is_empty())
        .map(|x| snippet(&text(a, &x.body()), LONG));
    let (qw, aw, none) = (
        lang.pick("Vraag", "Question"),
        lang.pick("Antwoord", "Answer"),
        lang.pick("Nog geen antwoord.", "Not answered yet."),
    );
    let answer_md = answer
        .as_ref()
        .map_or(format!("*{none}*"), |x| format!("> {}", escape_md(x)));
    Doc {
        markdown: format!(
            "**{qw}**\n\n> {}\n\n**{aw}**\n\n{answer_md}",
            escape_md(&question)
        ),
        plain: format!(
            "{qw}: {question}\n\n{aw}: {}",
            answer.as_deref().unwrap_or(none)
        ),
    }
}

/// Keeps prose from turning into Markdown markup (`*`, `_`, brackets, a leading `#`).
fn escape_md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn fracties(
    a: &Analysis,
    replace: Range<usize>,
    offset: usize,
    cfg: &Config,
) -> Vec<CompletionItem> {
    let r = &a.report;
    let lang = cfg.lang;
    let here = r
        .fracties
        .iter()
        .find(|f| f.range.start <= offset && offset <= f.range.end)
        .map(|f| f.names.clone())
        .unwrap_or_default();
    let in_document = |name: &str| {
        r.fracties
            .iter()
            .any(|f| f.names.iter().any(|n| canonical(n) == canonical(name)))
    };
    cfg.fracties
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let is_here = here.iter().any(|n| canonical(n) == canonical(name));
            let present = in_document(name);
            let group = if is_here {
                0
            } else if present {
                1
            } else {
                2
            };
            CompletionItem {
                label: format!("{name}-fractie"),
                kind: CompletionKind::Fractie,
                detail: match group {
                    0 => Some(
                        lang.pick("dit deel van het verslag", "this part of the report")
                            .to_string(),
                    ),
                    1 => Some(
                        lang.pick("heeft een deel in dit verslag", "has a part in this report")
                            .to_string(),
                    ),
                    _ => None,
                },
                documentation: None,
                insert: format!("{name}-fractie"),
                snippet: None,
                replace: replace.clone(),
                sort: format!("{group}{i:04}"),
                filter: None,
                preselect: is_here,
            }
        })
        .collect()
}

fn papers(a: &Analysis, replace: Range<usize>, lang: Lang) -> Vec<CompletionItem> {
    let r = &a.report;
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    // The header's letters first, in their order, then the rest as first cited.
    let letter_papers = r.letters.iter().flat_map(|l| l.papers.iter().copied());
    let order: Vec<usize> = letter_papers.chain(0..r.papers.len()).collect();
    for pi in order {
        let Some(p) = r.papers.get(pi) else { continue };
        if p.kind != PaperKind::Kamerstuk {
            continue;
        }
        let (Some(key), Some(house)) = (p.key(), p.house_style()) else {
            continue;
        };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let rest = house
            .strip_prefix("Kamerstuk ")
            .unwrap_or(&house)
            .to_string();
        let title = letter_for(a, p)
            .and_then(|(li, _)| r.letters.get(li))
            .map(|l| snippet(&text(a, &l.title), LONG));
        let n = out.len();
        out.push(CompletionItem {
            label: rest.clone(),
            kind: CompletionKind::Paper,
            detail: title.as_ref().map(|t| snippet(t, SHORT)),
            documentation: title.map(|t| {
                let url = p.url().unwrap_or_default();
                Doc {
                    markdown: format!(
                        "{}\n\n[{}]({url})",
                        escape_md(&t),
                        lang.pick(
                            "Openen op zoek.officielebekendmakingen.nl",
                            "Open on zoek.officielebekendmakingen.nl"
                        )
                    ),
                    plain: format!("{t}\n{url}"),
                }
            }),
            insert: rest,
            snippet: None,
            replace: replace.clone(),
            sort: format!("{n:04}"),
            filter: None,
            preselect: n == 0,
        });
    }
    out
}

/// `Antwoord` on a line of its own under a question without an answer (or while typing it);
/// `prefix` is the line up to the cursor.
fn marker(
    a: &Analysis,
    line_start: usize,
    prefix: &str,
    offset: usize,
    lang: Lang,
) -> Option<CompletionItem> {
    let typed_trim = prefix.trim_start();
    if typed_trim.len() > "antwoord".len() || !"antwoord".starts_with(&typed_trim.to_lowercase()) {
        return None;
    }
    let r = &a.report;
    // The question just above: its block ends on the line before (or runs into this line while
    // the marker is being typed), and it has no marker above this line yet.
    let i = r
        .questions
        .partition_point(|q| q.block().start < line_start)
        .checked_sub(1)?;
    let q = &r.questions[i];
    // A marker elsewhere than on this line (being typed) means the question has its answer.
    let marked = q
        .answer
        .as_ref()
        .and_then(|x| x.marker())
        .is_some_and(|m| !(line_start <= m.start && m.start <= offset));
    if marked || q.block().end + 2 < line_start {
        return None;
    }
    // Only blank lines between the question and this line.
    let between = a
        .text
        .get_byte_slice(q.block().end.min(line_start)..line_start)
        .map(|s| s.to_string())
        .unwrap_or_default();
    if !between.trim().is_empty() {
        return None;
    }
    let m = answer_marker(a, q);
    let eol = line_ending(a);
    Some(CompletionItem {
        label: m.trim_end().to_string(),
        kind: CompletionKind::Marker,
        detail: Some(
            lang.pick(
                "antwoord op de vraag hierboven",
                "answer to the question above",
            )
            .to_string(),
        ),
        documentation: None,
        insert: format!("{m}{eol}"),
        snippet: Some(format!("{m}{eol}$0")),
        replace: offset - typed_trim.len()..offset,
        sort: "0".to_string(),
        filter: Some(m.trim_end().to_string()),
        preselect: true,
    })
}
