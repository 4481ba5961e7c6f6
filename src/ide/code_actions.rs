//! Quick fixes: house style for paper references, a missing `Antwoord` marker, Markdown notes
//! renumbered in order, a fractie spelled as configured, cross-references (`xref_fixes`); and
//! the safe fixes applied at once (`source.fixAll`, `griffel fix`).
//!
//! Every fix is computed from one analysis and holds byte ranges into that version's text; the
//! LSP layer sends it as an edit of exactly that version, so a client refuses it once the text
//! has moved on.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::text;
use crate::analysis::fracties::suggestion;
use crate::analysis::{Analysis, Config, Lang};
use crate::syntax::{AnswerStyle, NoteKind, Question};

/// Replace the bytes in `range` by `new_text` (an insertion when the range is empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub new_text: String,
}

impl TextEdit {
    pub fn new(range: Range<usize>, new_text: impl Into<String>) -> TextEdit {
        TextEdit {
            range,
            new_text: new_text.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// A fix for a diagnostic (LSP `quickfix`).
    QuickFix,
    /// Every safe fix in the document at once (LSP `source.fixAll`).
    FixAll,
    /// A rewrite that is not a fix for a diagnostic (LSP `refactor.rewrite`): a cross-reference
    /// made explicit.
    Rewrite,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub kind: ActionKind,
    /// Sorted, non-overlapping edits of the analysed text.
    pub edits: Vec<TextEdit>,
    /// Indices into `Analysis::diagnostics` of the diagnostics this action resolves.
    pub fixes: Vec<usize>,
    /// The one fix an editor may apply without asking (one per diagnostic at most).
    pub preferred: bool,
}

/// The actions for the diagnostics that touch `range` (a cursor is an empty range), then the
/// document-wide ones when the cursor is on something they fix. `cfg` gives the fractie
/// spellings.
pub fn code_actions(a: &Analysis, range: Range<usize>, cfg: &Config) -> Vec<Action> {
    code_actions_with(a, range, cfg, false)
}

/// [`code_actions`]; with `document_wide`, the document-wide actions (all references, all safe
/// fixes) are offered wherever the cursor is, as a client asking for `source.fixAll` wants.
/// Without it they are computed only when the cursor is on a fixable diagnostic, so that a
/// request on every cursor move stays cheap on a large report.
pub fn code_actions_with(
    a: &Analysis,
    range: Range<usize>,
    cfg: &Config,
    document_wide: bool,
) -> Vec<Action> {
    let lang = cfg.lang;
    let mut out = Vec::new();
    let touches = |r: &Range<usize>| r.start <= range.end && range.start <= r.end;
    // Diagnostics are sorted by start: the ones touching the range are a short stretch.
    let upto = a
        .diagnostics
        .partition_point(|d| d.range.start <= range.end);
    for (i, d) in a.diagnostics[..upto].iter().enumerate() {
        if !touches(&d.range) {
            continue;
        }
        match d.code {
            "GRF304" => {
                if let Some(e) = house_style_edit_at(a, &d.range) {
                    out.push(Action {
                        title: match lang {
                            Lang::Nl => format!("In huisstijl zetten: ‘{}’", e.new_text),
                            Lang::En => format!("Write in house style: ‘{}’", e.new_text),
                        },
                        kind: ActionKind::QuickFix,
                        edits: vec![e.clone()],
                        fixes: vec![i],
                        preferred: true,
                    });
                }
            }
            "GRF101" => {
                if let Some(q) = a.report.questions.iter().find(|q| q.text() == d.range) {
                    let e = answer_marker_edit(a, q);
                    out.push(Action {
                        title: match lang {
                            Lang::Nl => format!("Regel ‘{}’ invoegen", e.new_text.trim()),
                            Lang::En => format!("Insert a line ‘{}’", e.new_text.trim()),
                        },
                        kind: ActionKind::QuickFix,
                        edits: vec![e],
                        fixes: vec![i],
                        preferred: true,
                    });
                }
            }
            "GRF204" => {
                let edits = renumber_edits(a);
                if !edits.is_empty() {
                    out.push(Action {
                        title: lang
                            .pick(
                                "Voetnoten hernummeren in volgorde van verschijnen",
                                "Renumber the notes in order of appearance",
                            )
                            .to_string(),
                        kind: ActionKind::QuickFix,
                        edits,
                        fixes: diagnostics_with(a, "GRF204"),
                        preferred: true,
                    });
                }
            }
            "GRF501" => {
                let written = text(a, &d.range);
                if let Some(s) = suggestion(&written, cfg) {
                    out.push(Action {
                        title: match lang {
                            Lang::Nl => format!("Spelling ‘{s}’ gebruiken"),
                            Lang::En => format!("Use the spelling ‘{s}’"),
                        },
                        kind: ActionKind::QuickFix,
                        edits: vec![TextEdit::new(d.range.clone(), s)],
                        fixes: vec![i],
                        preferred: true,
                    });
                }
            }
            _ => {}
        }
    }
    super::xref_fixes::xref_actions(a, &range, lang, &mut out);
    let on_house = out
        .iter()
        .any(|x| x.fixes.iter().any(|&i| a.diagnostics[i].code == "GRF304"));
    if !document_wide && out.is_empty() {
        return out;
    }
    // The references GRF304 flags (a switched-off code fixes nothing).
    let house_all: Vec<usize> = diagnostics_with(a, "GRF304");
    let flagged: HashSet<(usize, usize)> = house_all
        .iter()
        .map(|&i| (a.diagnostics[i].range.start, a.diagnostics[i].range.end))
        .collect();
    let diagnosed: Vec<TextEdit> = house_style_edits(a)
        .into_iter()
        .filter(|e| flagged.contains(&(e.range.start, e.range.end)))
        .collect();
    // All references at once, offered beside the single fix when there is more than one.
    if on_house && diagnosed.len() > 1 {
        out.push(Action {
            title: lang
                .pick(
                    "Alle verwijzingen in huisstijl zetten",
                    "Write all references in house style",
                )
                .to_string(),
            kind: ActionKind::QuickFix,
            edits: diagnosed.clone(),
            fixes: house_all,
            preferred: false,
        });
    }
    let all = fix_all(a, &diagnosed);
    if !all.edits.is_empty() {
        out.push(Action {
            title: lang
                .pick(
                    "griffel: alle veilige correcties toepassen",
                    "griffel: apply all safe fixes",
                )
                .to_string(),
            ..all
        });
    }
    out
}

/// The house-style rewrite of the reference whose `fix_range` is `r`, if it needs one.
fn house_style_edit_at(a: &Analysis, r: &Range<usize>) -> Option<TextEdit> {
    let papers = &a.report.papers;
    // Sorted and disjoint: the ends are in order too.
    let i = papers.partition_point(|p| p.range.end < r.start);
    papers[i..]
        .iter()
        .take_while(|p| p.range.start <= r.end)
        .find(|p| p.fix_range() == *r && !p.in_house_style)
        .and_then(|p| {
            let house = p.house_style()?;
            (text(a, &p.fix_range()) != house).then(|| TextEdit::new(p.fix_range(), house))
        })
}

/// The safe fixes of the whole document (house style and Markdown note order), as `griffel fix`
/// applies them: sorted and non-overlapping.
pub fn safe_fixes(a: &Analysis) -> Vec<TextEdit> {
    fix_all(a, &house_style_edits(a)).edits
}

fn fix_all(a: &Analysis, house: &[TextEdit]) -> Action {
    let renumber = if a.diagnostics.iter().any(|d| d.code == "GRF204") {
        renumber_edits(a)
    } else {
        Vec::new()
    };
    let mut edits: Vec<TextEdit> = house.iter().cloned().chain(renumber).collect();
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    // Never hand out overlapping edits: keep the first of any two that overlap.
    let mut kept: Vec<TextEdit> = Vec::with_capacity(edits.len());
    for e in edits {
        if kept.last().is_none_or(|l| l.range.end <= e.range.start) {
            kept.push(e);
        }
    }
    let edited: HashSet<(usize, usize)> =
        kept.iter().map(|e| (e.range.start, e.range.end)).collect();
    let fixes: Vec<usize> = a
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            (d.code == "GRF304" && edited.contains(&(d.range.start, d.range.end)))
                || d.code == "GRF204"
        })
        .map(|(i, _)| i)
        .collect();
    Action {
        title: String::new(),
        kind: ActionKind::FixAll,
        edits: kept,
        fixes,
        preferred: false,
    }
}

fn diagnostics_with(a: &Analysis, code: &str) -> Vec<usize> {
    (0..a.diagnostics.len())
        .filter(|&i| a.diagnostics[i].code == code)
        .collect()
}

/// Every paper reference not in house style, rewritten (the rule of GRF304: only where the
/// rewrite differs from the text).
pub fn house_style_edits(a: &Analysis) -> Vec<TextEdit> {
    a.report
        .papers
        .iter()
        .filter(|p| !p.in_house_style)
        .filter_map(|p| {
            let house = p.house_style()?;
            (text(a, &p.fix_range()) != house).then(|| TextEdit::new(p.fix_range(), house))
        })
        .collect()
}

/// Markdown notes with numeric ids renumbered in the order they are first cited, references and
/// bodies together. A note that is never cited keeps its place after the cited ones. Labels
/// (`[^bron]`) are left alone. Empty when the numbering is already in order.
pub fn renumber_edits(a: &Analysis) -> Vec<TextEdit> {
    let r = &a.report;
    let numeric = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit());
    let mut new_id: HashMap<&str, u32> = HashMap::new();
    let mut shown = 0u32;
    for n in r.note_refs.iter().filter(|n| n.kind == NoteKind::Markdown) {
        if let Some(d) = a.notes.display_number(NoteKind::Markdown, &n.id) {
            shown = shown.max(d);
            if numeric(&n.id) {
                new_id.insert(n.id.as_str(), d);
            }
        }
    }
    let mut next = shown;
    for b in r
        .note_bodies
        .iter()
        .filter(|b| b.kind == NoteKind::Markdown)
    {
        if numeric(&b.id) && !new_id.contains_key(b.id.as_str()) {
            next += 1;
            new_id.insert(b.id.as_str(), next);
        }
    }
    let mut edits: Vec<TextEdit> = r
        .note_refs
        .iter()
        .filter(|n| n.kind == NoteKind::Markdown)
        .map(|n| (&n.id, &n.id_range))
        .chain(
            r.note_bodies
                .iter()
                .filter(|b| b.kind == NoteKind::Markdown)
                .map(|b| (&b.id, &b.id_range)),
        )
        .filter_map(|(id, range)| {
            let new = new_id.get(id.as_str())?.to_string();
            (*id != new).then(|| TextEdit::new(range.clone(), new))
        })
        .collect();
    edits.sort_by_key(|e| e.range.start);
    edits
}

/// The line terminator the document uses (its first one), `\n` when it has none.
pub(crate) fn line_ending(a: &Analysis) -> &'static str {
    for (i, b) in a.text.bytes().enumerate() {
        match b {
            b'\n' => return "\n",
            b'\r' => {
                return if a.text.get_byte(i + 1) == Some(b'\n') {
                    "\r\n"
                } else {
                    "\r"
                }
            }
            _ => {}
        }
    }
    "\n"
}

/// The answer marker in the document's own style: the style most of its answers use, else
/// `Antwoord op vraag N:` in a numbered document and `Antwoord ` (with the sample's trailing
/// space) in one without numbers.
pub(crate) fn answer_marker(a: &Analysis, q: &Question) -> String {
    let mut counts: HashMap<AnswerStyle, usize> = HashMap::new();
    let mut trailing_space = 0usize;
    let mut plain = 0usize;
    for ans in a.report.questions.iter().filter_map(|q| q.answer.as_ref()) {
        let Some(m) = &ans.marker() else { continue };
        *counts.entry(ans.style).or_default() += 1;
        if ans.style == AnswerStyle::Plain {
            plain += 1;
            if a.text.get_byte(m.end) == Some(b' ') {
                trailing_space += 1;
            }
        }
    }
    let numbers = if q.numbers.is_empty() {
        None
    } else {
        Some(
            q.numbers
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" en "),
        )
    };
    let style = counts
        .iter()
        .max_by_key(|(s, n)| (**n, **s == AnswerStyle::Plain))
        .map(|(s, _)| *s);
    match (style, numbers) {
        (Some(AnswerStyle::OpVraag), Some(n)) | (None, Some(n)) => {
            format!("Antwoord op vraag {n}:")
        }
        (Some(AnswerStyle::Numbered), Some(n)) => format!("Antwoord {n}"),
        (Some(AnswerStyle::Colon), _) => "Antwoord:".to_string(),
        (Some(AnswerStyle::Plain), _) if trailing_space * 2 < plain => "Antwoord".to_string(),
        _ => "Antwoord ".to_string(),
    }
}

/// Inserts the answer marker on a line of its own after the question's last line.
fn answer_marker_edit(a: &Analysis, q: &Question) -> TextEdit {
    let last = q.text().end.max(q.text().start + 1) - 1;
    let line = a.text.try_byte_to_line(last).unwrap_or(0);
    let at = line_content_end(a, line);
    TextEdit::new(at..at, format!("{}{}", line_ending(a), answer_marker(a, q)))
}

/// Where `line`'s content ends, before its terminator.
pub(crate) fn line_content_end(a: &Analysis, line: usize) -> usize {
    let len = a.text.len_bytes();
    let start = a.text.try_line_to_byte(line).unwrap_or(len);
    let mut end = a.text.try_line_to_byte(line + 1).unwrap_or(len);
    if end > start && a.text.get_byte(end - 1) == Some(b'\n') {
        end -= 1;
    }
    if end > start && a.text.get_byte(end - 1) == Some(b'\r') {
        end -= 1;
    }
    end
}

/// `text` with `edits` applied (sorted, non-overlapping, ranges in bounds and on char
/// boundaries; edits that are not are skipped).
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in edits {
        if e.range.start < at
            || e.range.end > text.len()
            || e.range.start > e.range.end
            || !text.is_char_boundary(e.range.start)
            || !text.is_char_boundary(e.range.end)
        {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.new_text);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}
