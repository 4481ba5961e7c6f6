//! Diagnostics for cross-references (GRF601–GRF606) and repeated answers (GRF607).

use super::{CrossRef, Problem, Unresolved, Xrefs};
use crate::analysis::diagnostics::{Diagnostic, Lang};
use crate::analysis::Source;
use crate::syntax::Report;

/// How a question is called in a message: `vraag 12`, or its first words and its fractie.
pub fn describe(report: &Report, src: &dyn Source, q: usize, lang: Lang) -> String {
    let Some(question) = report.questions.get(q) else {
        return String::new();
    };
    if !question.numbers.is_empty() {
        let n: Vec<String> = question.numbers.iter().map(|n| n.to_string()).collect();
        return format!(
            "{} {}",
            lang.pick("vraag", "question"),
            n.join(lang.pick(" en ", " and "))
        );
    }
    let text = src.slice(question.text());
    // The last sentence that asks something, else the start of the text.
    let asks = text
        .split_inclusive(['?', '.'])
        .find(|s| s.trim_end().ends_with('?'))
        .unwrap_or(&text);
    let words: Vec<&str> = asks.split_whitespace().collect();
    let mut quote = words.iter().take(8).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 8 {
        quote.push('…');
    }
    let fractie = question
        .fractie()
        .and_then(|f| report.fracties.get(f))
        .map(|f| f.names.join("/"));
    match (lang, fractie) {
        (Lang::Nl, Some(f)) => format!("de vraag ‘{quote}’ van de {f}-fractie"),
        (Lang::Nl, None) => format!("de vraag ‘{quote}’"),
        (Lang::En, Some(f)) => format!("the question ‘{quote}’ of the {f}-fractie"),
        (Lang::En, None) => format!("the question ‘{quote}’"),
    }
}

fn pct(x: f32) -> u32 {
    (x.clamp(0.0, 1.0) * 100.0).round() as u32
}

fn join(ns: &[u32], lang: Lang) -> String {
    let v: Vec<String> = ns.iter().map(|n| n.to_string()).collect();
    v.join(lang.pick(" en ", " and "))
}

pub fn check(
    report: &Report,
    xrefs: &Xrefs,
    _src: &dyn Source,
    lang: Lang,
    out: &mut Vec<Diagnostic>,
) {
    // Messages stay short (the CLI prints them on one line); the places involved, with
    // the questions' words, are the related locations.
    let text_of = |q: usize| report.questions.get(q).map(|q| q.text()).unwrap_or(0..0);
    for r in &xrefs.refs {
        let Some(p) = &r.problem else { continue };
        let diag = match p {
            Problem::Unresolved(why) => unresolved(r, why, lang),
            Problem::Ambiguous(a, b) => Diagnostic::new(
                "GRF602",
                r.range.clone(),
                match lang {
                    Lang::Nl => format!(
                        "Deze verwijzing past even goed bij twee vragen ({}% en {}%). Noem de fractie, het nummer of een specifieker onderwerp.",
                        pct(a.score), pct(b.score)
                    ),
                    Lang::En => format!(
                        "This reference fits two questions equally well ({}% and {}%). Name the fractie, the number or a more specific subject.",
                        pct(a.score), pct(b.score)
                    ),
                },
            )
            .with_related(text_of(a.question), format!("{} ({}%)", lang.pick("kandidaat 1", "candidate 1"), pct(a.score)))
            .with_related(text_of(b.question), format!("{} ({}%)", lang.pick("kandidaat 2", "candidate 2"), pct(b.score))),
            Problem::OtherFractie {
                named,
                named_best,
                other,
                other_fractie,
            } => {
                let best = named_best.map_or(0, |c| pct(c.score));
                let of = other_fractie.as_deref().unwrap_or("?");
                let msg = match lang {
                    Lang::Nl => format!(
                        "Noemt de {named}-fractie, die niets vergelijkbaars vroeg (beste {best}%); de {of}-fractie wel ({}%). Pas de naam aan.",
                        pct(other.score)
                    ),
                    Lang::En => format!(
                        "Names the {named}-fractie, which asked nothing like it (best {best}%); the {of}-fractie did ({}%). Correct the name.",
                        pct(other.score)
                    ),
                };
                Diagnostic::new("GRF603", r.range.clone(), msg).with_related(
                    text_of(other.question),
                    match lang {
                        Lang::Nl => format!("{}% gelijk (de {of}-fractie)", pct(other.score)),
                        Lang::En => format!("{}% alike (the {of}-fractie)", pct(other.score)),
                    },
                )
            }
            Problem::SelfReference => Diagnostic::new(
                "GRF604",
                r.range.clone(),
                lang.pick(
                    "Deze verwijzing wijst naar de eigen vraag. Verwijs naar een andere vraag of schrijf het antwoord uit.",
                    "This reference points at its own question. Refer to another question or write the answer out.",
                )
                .to_string(),
            ),
            Problem::EmptyTarget(q) => Diagnostic::new(
                "GRF605",
                r.range.clone(),
                lang.pick(
                    "De vraag waarnaar verwezen wordt, heeft nog geen antwoord. Vul dat in of schrijf het antwoord hier uit.",
                    "The question referred to has no answer yet. Fill it in or write the answer out here.",
                )
                .to_string(),
            )
            .with_related(text_of(*q), lang.pick("de vraag zonder antwoord", "the unanswered question").to_string()),
            Problem::Cycle(path) => {
                let mut seen = Vec::new();
                for &q in path {
                    if !seen.contains(&q) {
                        seen.push(q);
                    }
                }
                let mut diag = Diagnostic::new(
                    "GRF606",
                    r.range.clone(),
                    match lang {
                        Lang::Nl => format!("Kringverwijzing: {} antwoorden verwijzen naar elkaar en geen bevat het antwoord. Schrijf het bij één ervan uit.", seen.len().max(2)),
                        Lang::En => format!("Circular reference: {} answers refer to each other and none holds the answer. Write it out under one of them.", seen.len().max(2)),
                    },
                );
                for &q in &seen {
                    diag = diag.with_related(text_of(q), lang.pick("in de kring", "in the cycle").to_string());
                }
                diag
            }
        };
        out.push(diag);
    }
    for rep in &xrefs.repeats {
        out.push(
            Diagnostic::new(
                "GRF607",
                rep.range.clone(),
                match lang {
                    Lang::Nl => format!(
                        "Herhaalt {} woorden letterlijk uit een eerder antwoord. Verwijs liever: ‘Zie het antwoord op …’.",
                        rep.words
                    ),
                    Lang::En => format!(
                        "Repeats {} words verbatim from an earlier answer. Consider a reference: ‘Zie het antwoord op …’.",
                        rep.words
                    ),
                },
            )
            .with_related(
                rep.earlier_range.clone(),
                lang.pick("het eerdere antwoord", "the earlier answer").to_string(),
            ),
        );
    }
}

fn unresolved(r: &CrossRef, why: &Unresolved, lang: Lang) -> Diagnostic {
    let msg = match (why, lang) {
        (Unresolved::NoNumber(ns), Lang::Nl) => format!(
            "Vraag {} staat niet in dit document. Controleer het nummer in deze verwijzing.",
            join(ns, lang)
        ),
        (Unresolved::NoNumber(ns), Lang::En) => format!(
            "Question {} is not in this document. Check the number in this reference.",
            join(ns, lang)
        ),
        (Unresolved::NoFractie(f), Lang::Nl) => format!(
            "De {f}-fractie stelt in dit document geen vragen. Controleer de fractienaam in deze verwijzing."
        ),
        (Unresolved::NoFractie(f), Lang::En) => format!(
            "The {f}-fractie asks no questions in this document. Check the name in this reference."
        ),
        (Unresolved::NoNeighbour, Lang::Nl) => "Er is geen vorige of volgende vraag om naar te verwijzen. Verwijs naar een bestaande vraag.".to_string(),
        (Unresolved::NoNeighbour, Lang::En) => "There is no previous or next question to refer to. Refer to an existing question.".to_string(),
        (Unresolved::NoMatch, Lang::Nl) => "Deze verwijzing past bij geen enkele vraag. Noem nummer, fractie of onderwerp, of schrijf het antwoord uit.".to_string(),
        (Unresolved::NoMatch, Lang::En) => "This reference fits no question. Name the number, fractie or subject, or write the answer out.".to_string(),
    };
    Diagnostic::new("GRF601", r.range.clone(), msg)
}
