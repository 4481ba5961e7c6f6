//! Fractie names: spelled as configured, and each paragraph speaking for its own section's fractie.

use super::diagnostics::{Diagnostic, Lang};
use super::Config;
use crate::syntax::{FractieMention, Report};

/// Spellings that name the same fractie (both are current in committee documents).
const ALIASES: &[&[&str]] = &[&["GroenLinks-PvdA", "GL-PvdA", "GL/PvdA", "GroenLinks/PvdA"]];

pub fn canonical(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|group| group.contains(&name))
        .map(|g| g[0])
        .unwrap_or(name)
}

/// Compares loosely: case, hyphens, slashes and spaces do not count.
fn loose(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The configured spelling a name is a slip of, if any.
pub fn suggestion<'a>(name: &str, cfg: &'a Config) -> Option<&'a str> {
    let l = loose(name);
    cfg.fracties
        .iter()
        .find(|f| loose(f) == l)
        .or_else(|| {
            (l.chars().count() >= 4)
                .then(|| {
                    cfg.fracties.iter().find(|f| {
                        loose(f).chars().count() >= 4 && edit_distance(&loose(f), &l) <= 1
                    })
                })
                .flatten()
        })
        .map(|s| s.as_str())
}

pub fn check(report: &Report, cfg: &Config, out: &mut Vec<Diagnostic>) {
    let mut memo = Memo::default();
    for m in &report.fractie_mentions {
        mention(report, cfg, m, &mut memo, out);
    }
    speaking_for_other(report, cfg.lang, out);
}

/// Suggestions already worked out: a misspelling tends to recur, and an edit distance per
/// mention is the costly part.
pub(super) type Memo<'a> = std::collections::HashMap<std::sync::Arc<str>, Option<&'a str>>;

/// GRF501 for one mention: a name not spelled as configured (in a heading: not known at all).
pub(super) fn mention<'a>(
    report: &Report,
    cfg: &'a Config,
    m: &FractieMention,
    suggestions: &mut Memo<'a>,
    out: &mut Vec<Diagnostic>,
) {
    let lang = cfg.lang;
    let name = &*m.text;
    if cfg.fracties.iter().any(|f| f == name) {
        return;
    }
    let in_heading = report
        .fracties
        .iter()
        .any(|f| f.name.start <= m.name.start && m.name.end <= f.name.end);
    let suggested = *suggestions
        .entry(m.text.clone())
        .or_insert_with(|| suggestion(name, cfg));
    let message = match suggested {
            Some(s) => match lang {
                Lang::Nl => format!("De fractie heet ‘{s}’, niet ‘{name}’."),
                Lang::En => format!("The fractie is spelled ‘{s}’, not ‘{name}’."),
            },
            // An unknown name in prose may be a group from elsewhere (the EVP-fractie); in a
            // heading it must be one of the Kamer's.
            None if in_heading => match lang {
                Lang::Nl => format!("‘{name}’ staat niet in de lijst van fracties. Controleer de naam of vul de lijst aan (instelling griffel.fracties)."),
                Lang::En => format!("‘{name}’ is not in the list of fracties. Check the name or extend the list (setting griffel.fracties)."),
            },
            None => return,
        };
    out.push(Diagnostic::new("GRF501", m.name.clone(), message));
}

/// A question (or a section's opening paragraph) that opens `De leden van de X-fractie` in the
/// section of fractie Y.
pub(super) fn speaking_for_other(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    for (m, f) in speakers(report) {
        out.extend(speaks_for_other(report, m, f, lang));
    }
}

/// The mentions where members speak, each with the fractie section it stands in (index into
/// `Report::fracties`). Reads only ranges: cheap to redo for every version.
pub(super) fn speakers(report: &Report) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Mentions, questions and paragraphs are each in text order: walk them together.
    let mut qi = 0;
    let mut pi = 0;
    for (i, m) in report.fractie_mentions.iter().enumerate() {
        if !m.speaks {
            continue;
        }
        while qi < report.questions.len() && report.questions[qi].block().end < m.range.start {
            qi += 1;
        }
        while pi < report.paragraphs.len() && report.paragraphs[pi].0.end < m.range.start {
            pi += 1;
        }
        let fractie = if let Some(q) = report
            .questions
            .get(qi)
            .filter(|q| q.block().start <= m.range.start)
        {
            q.fractie()
        } else if let Some(p) = report
            .paragraphs
            .get(pi)
            .filter(|p| p.0.start <= m.range.start)
        {
            p.1
        } else {
            continue;
        };
        if let Some(f) = fractie.filter(|&f| f < report.fracties.len()) {
            out.push((i, f));
        }
    }
    out
}

/// GRF502 for mention `m` standing in the section of fractie `f`, when it names another.
pub(super) fn speaks_for_other(
    report: &Report,
    m: usize,
    f: usize,
    lang: Lang,
) -> Option<Diagnostic> {
    let (m, f) = (report.fractie_mentions.get(m)?, report.fracties.get(f)?);
    let name = &*m.text;
    // Most paragraphs name their own section's fractie as its heading does.
    if f.names
        .iter()
        .any(|n| n == name || canonical(n) == canonical(name))
    {
        return None;
    }
    let section = f.names.join(lang.pick(" en ", " and "));
    Some(
        Diagnostic::new(
            "GRF502",
            m.range.clone(),
            match lang {
                Lang::Nl => format!("Deze alinea spreekt voor de leden van de {name}-fractie, maar staat in het deel van de {section}-fractie. Verplaats de alinea of corrigeer de fractienaam."),
                Lang::En => format!("This paragraph speaks for the members of the {name}-fractie, but stands in the part of the {section}-fractie. Move the paragraph or correct the name."),
            },
        )
        .with_related(f.heading.clone(), lang.pick("het begin van dit deel", "where this part begins").to_string()),
    )
}
