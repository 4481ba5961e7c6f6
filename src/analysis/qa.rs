//! Questions and answers: every question answered, every answer with a question, numbers in order.

use std::collections::HashMap;

use super::diagnostics::{Diagnostic, Lang};
use crate::syntax::{DocKind, Question, Report};

fn name(q: &Question, lang: Lang) -> String {
    match q.numbers.as_slice() {
        [] => lang.pick("deze vraag", "this question").to_string(),
        [n] => format!("{} {n}", lang.pick("vraag", "question")),
        ns => format!(
            "{} {}",
            lang.pick("vragen", "questions"),
            ns.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// An inbreng holds questions only; a draft with no answer at all is one too.
pub(super) fn answers_expected(report: &Report) -> bool {
    report.kind.as_ref().map(|k| k.0) != Some(DocKind::Inbreng)
        && (report.questions.iter().any(|q| q.answer.is_some()) || !report.stray_answers.is_empty())
}

/// What is wrong with one question and its answer (GRF101, GRF103, GRF106).
pub(super) fn question(
    q: &Question,
    answers_expected: bool,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) {
    match &q.answer {
            None if answers_expected => out.push(Diagnostic::new(
                "GRF101",
                q.text(),
                match lang {
                    Lang::Nl => format!(
                        "Bij {} staat geen antwoord. Voeg een regel ‘Antwoord’ toe met het antwoord eronder.",
                        name(q, lang)
                    ),
                    Lang::En => format!(
                        "{} has no answer. Add a line ‘Antwoord’ with the answer below it.",
                        capitalise(&name(q, lang))
                    ),
                },
            )),
            Some(a) if a.body().is_empty() => out.push(
                Diagnostic::new(
                    "GRF103",
                    a.marker().unwrap_or(a.body()),
                    lang.pick(
                        "Dit antwoord is leeg: vul het antwoord in of verwijs naar een ander antwoord.",
                        "This answer is empty: write the answer or refer to another answer.",
                    )
                    .to_string(),
                )
                .with_related(q.text(), lang.pick("de vraag", "the question").to_string()),
            ),
            _ => {}
        }
    if let Some(a) = &q.answer {
        if !a.numbers.is_empty() && !q.numbers.is_empty() && a.numbers != q.numbers {
            out.push(
                Diagnostic::new(
                    "GRF106",
                    a.marker().unwrap_or(a.body()),
                    match lang {
                        Lang::Nl => format!(
                            "Dit antwoord heeft nummer {}, maar staat onder {}.",
                            join(&a.numbers),
                            name(q, lang)
                        ),
                        Lang::En => format!(
                            "This answer is numbered {}, but it stands under {}.",
                            join(&a.numbers),
                            name(q, lang)
                        ),
                    },
                )
                .with_related(q.marker().unwrap_or(q.text()), name(q, lang)),
            );
        }
    }
}

/// Answers that belong to no question (GRF102).
pub(super) fn strays(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    for s in &report.stray_answers {
        let previous = report
            .questions
            .iter()
            .rev()
            .find(|q| q.range().end <= s.marker.start);
        let mut d = Diagnostic::new(
            "GRF102",
            s.marker.clone(),
            lang.pick(
                "Dit antwoord hoort bij geen vraag: er staat geen vraag tussen dit antwoord en het vorige. Voeg de vraag toe of voeg de antwoorden samen.",
                "This answer belongs to no question: there is no question between it and the previous answer. Add the question or merge the answers.",
            )
            .to_string(),
        );
        if let Some(p) = previous {
            d = d.with_related(
                p.text(),
                lang.pick("de vorige vraag", "the previous question")
                    .to_string(),
            );
        }
        out.push(d);
    }
}

fn join(ns: &[u32]) -> String {
    ns.iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Where numbering diagnostics stand: a question's marker, else its text.
pub(super) fn at(q: &Question) -> std::ops::Range<usize> {
    q.marker().unwrap_or(q.text())
}

/// Numbers must run 1, 2, 3 …: a gap, a step back and a duplicate are reported. Each with the
/// question it stands at and the one it relates to (so a next version can move them).
pub(super) fn numbering(report: &Report, lang: Lang) -> Vec<(Diagnostic, usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut seen: HashMap<u32, usize> = HashMap::new();
    let mut last: u32 = 0;
    for (i, q) in report.questions.iter().enumerate() {
        let Some(&first) = q.numbers.first() else {
            continue;
        };
        // A response section repeats the numbers of the questions it answers.
        if q.section()
            .is_some_and(|s| report.sections.get(s).is_some_and(|s| s.is_response))
        {
            continue;
        }
        let at = at(q);
        for &n in &q.numbers {
            if let Some(&prev) = seen.get(&n) {
                let p = &report.questions[prev];
                out.push((
                    Diagnostic::new(
                        "GRF105",
                        at.clone(),
                        match lang {
                            Lang::Nl => format!("Vraagnummer {n} komt twee keer voor."),
                            Lang::En => format!("Question number {n} occurs twice."),
                        },
                    )
                    .with_related(
                        p.marker().unwrap_or(p.text()),
                        lang.pick("eerder gebruikt", "used before").to_string(),
                    ),
                    i,
                    Some(prev),
                ));
            }
        }
        if !seen.contains_key(&first) {
            if first > last + 1 {
                let missing = if first == last + 2 {
                    format!("{}", last + 1)
                } else {
                    format!("{} {} {}", last + 1, lang.pick("t/m", "to"), first - 1)
                };
                out.push((Diagnostic::new(
                    "GRF104",
                    at.clone(),
                    match lang {
                        Lang::Nl => format!("Na vraag {last} volgt vraag {first}: vraag {missing} ontbreekt."),
                        Lang::En => format!("Question {first} follows question {last}: question {missing} is missing."),
                    },
                ), i, None));
            } else if first <= last {
                out.push((Diagnostic::new(
                    "GRF104",
                    at.clone(),
                    match lang {
                        Lang::Nl => format!("Vraag {first} staat na vraag {last}: de nummering loopt niet op."),
                        Lang::En => format!("Question {first} comes after question {last}: the numbering does not ascend."),
                    },
                ), i, None));
            }
        }
        for &n in &q.numbers {
            seen.entry(n).or_insert(i);
        }
        last = last.max(q.numbers.iter().copied().max().unwrap_or(first));
    }
    out
}
