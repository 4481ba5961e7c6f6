//! Cross-references in the editor: hover on a reference shows the answer it points at (through
//! a chain, saying so), go to definition jumps to it, find references on a question lists the
//! answers pointing at it, and a code lens on each question counts them.

use std::ops::Range;

use super::definition::NavTarget;
use super::hover::HoverResult;
use super::{question_label, snippet, text};
use crate::analysis::xref::{describe, CrossRef, Problem, Reason};
use crate::analysis::{Analysis, Lang};

const MAX_CHARS: usize = 400;

/// A code lens: over a question, how many answers refer to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The question's text.
    pub range: Range<usize>,
    /// `2 verwijzingen naar dit antwoord`.
    pub title: String,
    pub question: usize,
    /// The referring phrases, in document order.
    pub refs: Vec<Range<usize>>,
}

fn at(a: &Analysis, offset: usize) -> Option<&CrossRef> {
    a.xrefs.at(offset)
}

fn label(a: &Analysis, q: usize, lang: Lang) -> String {
    let Some(question) = a.report.questions.get(q) else {
        return String::new();
    };
    if question.numbers.is_empty() {
        let d = describe(&a.report, &a.text, q, lang);
        let mut c = d.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => d,
        }
    } else {
        question_label(question, lang)
    }
}

fn reason(a: &Analysis, r: &Reason, lang: Lang) -> String {
    let pct = |x: f32| (x.clamp(0.0, 1.0) * 100.0).round() as u32;
    match (r, lang) {
        (Reason::Number(n), Lang::Nl) => format!("nummer {n}"),
        (Reason::Number(n), Lang::En) => format!("number {n}"),
        (Reason::NumberAsOrdinal(n), Lang::Nl) => {
            format!("de {n}e vraag (het document nummert niet)")
        }
        (Reason::NumberAsOrdinal(n), Lang::En) => {
            format!("question {n} counted in order (the document has no numbers)")
        }
        (Reason::Previous, _) => lang.pick("de vorige vraag", "the previous question").into(),
        (Reason::Next, _) => lang.pick("de volgende vraag", "the next question").into(),
        (Reason::Ordinal(o), _) => match o {
            crate::analysis::xref::Ordinal::Nth(n) => match lang {
                Lang::Nl => format!("de {n}e in volgorde"),
                Lang::En => format!("number {n} in order"),
            },
            crate::analysis::xref::Ordinal::Last => lang.pick("de laatste", "the last").into(),
        },
        (Reason::Topic(t), _) => {
            let h = a
                .report
                .topics
                .get(*t)
                .map(|t| text(a, &t.heading))
                .unwrap_or_default();
            match lang {
                Lang::Nl => format!("onder het kopje ‘{}’", h.trim()),
                Lang::En => format!("under the heading ‘{}’", h.trim()),
            }
        }
        (Reason::Fractie(f), Lang::Nl) => format!("van de {f}-fractie"),
        (Reason::Fractie(f), Lang::En) => format!("of the {f}-fractie"),
        (Reason::OwnFractie, _) => lang
            .pick("van dezelfde fractie", "of the same fractie")
            .into(),
        (Reason::Subject(s), Lang::Nl) => format!("onderwerp komt {}% overeen", pct(*s)),
        (Reason::Subject(s), Lang::En) => format!("subject matches {}%", pct(*s)),
        (Reason::Similar(s), Lang::Nl) => format!("vraag {}% gelijk", pct(*s)),
        (Reason::Similar(s), Lang::En) => format!("question {}% alike", pct(*s)),
        (Reason::Earlier, _) => lang
            .pick("eerder in het document", "earlier in the document")
            .into(),
        (Reason::Later, _) => lang
            .pick("verderop in het document", "later in the document")
            .into(),
        (Reason::Vague, _) => lang
            .pick(
                "alleen een richting gegeven: de best passende eerdere vraag, een gok",
                "only a direction given: the best fitting earlier question, a guess",
            )
            .into(),
        (Reason::OtherFractie(f), Lang::Nl) => {
            format!("gevonden bij de {f}-fractie, niet bij de genoemde")
        }
        (Reason::OtherFractie(f), Lang::En) => {
            format!("found with the {f}-fractie, not the one named")
        }
    }
}

/// Hover on a reference: the target question and its answer (at the end of a chain).
pub fn hover(a: &Analysis, offset: usize, lang: Lang) -> Option<HoverResult> {
    let r = at(a, offset)?;
    let mut md = String::new();
    let Some(t) = r.target else {
        md.push_str(lang.pick(
            "**Verwijzing** — wijst naar geen vraag in dit document.",
            "**Reference** — points at no question in this document.",
        ));
        return Some(HoverResult {
            range: r.range.clone(),
            markdown: md,
        });
    };
    let q = a.report.questions.get(t)?;
    md.push_str(&format!(
        "**{}** {} ({} {}%)\n\n> {}",
        lang.pick("Verwijst naar", "Refers to"),
        label(a, t, lang),
        lang.pick("zekerheid", "confidence"),
        (r.confidence * 100.0).round() as u32,
        snippet(&text(a, &q.text()), MAX_CHARS)
    ));
    for &o in &r.also {
        md.push_str(&format!(
            "\n\n{} {}",
            lang.pick("en naar", "and to"),
            label(a, o, lang)
        ));
    }
    let mut dest = t;
    if matches!(r.problem, Some(Problem::Cycle(_))) {
        md.push_str(lang.pick(
            "\n\n*Kringverwijzing: de antwoorden verwijzen naar elkaar; nergens staat het antwoord.*",
            "\n\n*Circular reference: the answers refer to each other; none holds the answer.*",
        ));
    } else {
        for &c in &r.chain {
            md.push_str(&match lang {
                Lang::Nl => format!(
                    "\n\n*Dat antwoord verwijst op zijn beurt naar {}.*",
                    label(a, c, lang)
                ),
                Lang::En => format!("\n\n*That answer in turn refers to {}.*", label(a, c, lang)),
            });
            dest = c;
        }
        let body = a
            .report
            .questions
            .get(dest)
            .and_then(|q| q.answer.as_ref())
            .filter(|ans| !ans.body().is_empty())
            .map(|ans| snippet(&text(a, &ans.body()), MAX_CHARS));
        match body {
            Some(b) => md.push_str(&format!(
                "\n\n**{}**\n\n> {b}",
                lang.pick("Antwoord", "Answer")
            )),
            None => md.push_str(lang.pick("\n\n*Nog geen antwoord.*", "\n\n*Not answered yet.*")),
        }
    }
    if !r.reasons.is_empty() {
        let rs: Vec<String> = r.reasons.iter().map(|x| reason(a, x, lang)).collect();
        md.push_str(&format!(
            "\n\n{}: {}",
            lang.pick("Gevonden op", "Found by"),
            rs.join("; ")
        ));
    }
    Some(HoverResult {
        range: r.range.clone(),
        markdown: md,
    })
}

/// Go to definition on a reference: its target question(s).
pub fn definition(a: &Analysis, offset: usize) -> Option<Vec<NavTarget>> {
    let r = at(a, offset)?;
    let out: Vec<NavTarget> = r
        .targets()
        .filter_map(|t| a.report.questions.get(t))
        .map(|q| NavTarget::new(q.block(), q.text()))
        .collect();
    Some(out)
}

/// The phrases that point at question `q` (directly), in document order.
pub fn incoming(a: &Analysis, q: usize) -> Vec<Range<usize>> {
    a.xrefs.incoming(q).map(|r| r.range.clone()).collect()
}

/// Find references on a reference: everything pointing at the same question (and, with the
/// declaration, the question itself).
pub fn references(
    a: &Analysis,
    offset: usize,
    include_declaration: bool,
) -> Option<Vec<Range<usize>>> {
    let r = at(a, offset)?;
    let t = r.target?;
    let mut out = incoming(a, t);
    if include_declaration {
        if let Some(q) = a.report.questions.get(t) {
            out.push(q.text());
        }
    }
    Some(out)
}

/// Where the lenses go, one per question, before they are worked out ([`code_lens`]): an editor
/// works out only those it shows.
pub fn lens_places(a: &Analysis) -> impl Iterator<Item = (usize, Range<usize>)> + '_ {
    a.report
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (i, q.text()))
}

/// The question whose lens stands at `offset` (the start of its text), if any.
pub fn lens_at(a: &Analysis, offset: usize) -> Option<usize> {
    let qs = &a.report.questions;
    let i = qs.partition_point(|q| q.text().start < offset);
    if qs.get(i).is_some_and(|q| q.text().start == offset) {
        return Some(i);
    }
    // Questions are in document order; should a layout ever break that, look at them all.
    qs.iter().position(|q| q.text().start == offset)
}

/// The lens of question `i`: how many answers refer to it, and from where.
pub fn code_lens(a: &Analysis, i: usize, lang: Lang) -> Option<Lens> {
    let q = a.report.questions.get(i)?;
    let refs: Vec<&CrossRef> = a.xrefs.incoming(i).collect();
    let mut sources: Vec<usize> = refs.iter().map(|r| r.source).collect();
    sources.sort_unstable();
    sources.dedup();
    let n = sources.len();
    let title = match (lang, n) {
        (Lang::Nl, 1) => "1 verwijzing naar dit antwoord".to_string(),
        (Lang::Nl, n) => format!("{n} verwijzingen naar dit antwoord"),
        (Lang::En, 1) => "1 reference to this answer".to_string(),
        (Lang::En, n) => format!("{n} references to this answer"),
    };
    Some(Lens {
        range: q.text(),
        title,
        question: i,
        refs: refs.iter().map(|r| r.range.clone()).collect(),
    })
}
