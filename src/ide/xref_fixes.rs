//! Quick fixes for cross-references between answers: make a resolved reference explicit in a
//! numbered document (`Zie het antwoord op vraag 12.`), and replace an answer copied from an
//! earlier one by a reference to it.

use std::ops::Range;

use super::code_actions::{Action, ActionKind, TextEdit};
use super::completion::reference_to;
use super::selection_range::sentences;
use super::text;
use crate::analysis::{Analysis, Lang};

/// How much of an answer (in words) a copy must be to replace the whole answer.
const MOSTLY: f32 = 0.8;

pub(crate) fn xref_actions(a: &Analysis, range: &Range<usize>, lang: Lang, out: &mut Vec<Action>) {
    let touches = |r: &Range<usize>| r.start <= range.end && range.start <= r.end;
    let r = &a.report;
    for x in a.xrefs.refs.iter().filter(|x| touches(&x.range)) {
        let (Some(t), None) = (x.target, &x.problem) else {
            continue;
        };
        if !x.also.is_empty() || !x.parts.numbers.is_empty() || x.in_question {
            continue; // plural, or already a number
        }
        let Some(q) = r.questions.get(t).filter(|q| !q.numbers.is_empty()) else {
            continue; // the document does not number its questions
        };
        let n: Vec<String> = q.numbers.iter().map(|n| n.to_string()).collect();
        let target = format!("vraag {}", n.join(" en "));
        let edit = if x.whole {
            let Some(body) = r
                .questions
                .get(x.source)
                .and_then(|s| s.answer.as_ref())
                .map(|ans| ans.body())
                .filter(|b| !b.is_empty())
            else {
                continue;
            };
            TextEdit::new(body, format!("Zie het antwoord op {target}."))
        } else {
            // Keep the sentence; rewrite what follows `antwoord op`.
            let phrase = text(a, &x.range);
            let Some(at) = phrase.to_lowercase().rfind("antwoord op ") else {
                continue;
            };
            let from = x.range.start + at + "antwoord op ".len();
            TextEdit::new(from..x.range.end, target.clone())
        };
        if text(a, &edit.range) == edit.new_text {
            continue;
        }
        out.push(Action {
            title: match lang {
                Lang::Nl => format!("Verwijzing expliciet maken: ‘{target}’"),
                Lang::En => format!("Make the reference explicit: ‘{target}’"),
            },
            kind: ActionKind::Rewrite,
            edits: vec![edit],
            fixes: Vec::new(),
            preferred: false,
        });
    }
    for (i, d) in a.diagnostics.iter().enumerate() {
        if d.code != "GRF607" || !touches(&d.range) {
            continue;
        }
        let Some(rep) = a.xrefs.repeats.iter().find(|p| p.range == d.range) else {
            continue;
        };
        let Some(body) = r
            .questions
            .get(rep.question)
            .and_then(|q| q.answer.as_ref())
            .map(|ans| ans.body())
        else {
            continue;
        };
        let Some(earlier) = r
            .questions
            .get(rep.earlier)
            .and_then(|q| q.answer.as_ref())
            .map(|ans| collapse(&text(a, &ans.body())))
        else {
            continue;
        };
        let Some(reference) = reference_to(a, rep.earlier) else {
            continue;
        };
        let Some(range) = copied_sentences(a, &body, &rep.range, &earlier, rep.words, rep.of)
        else {
            continue; // no whole sentence is copied: no clean replacement
        };
        let sentence = format!("Zie het antwoord op {reference}.");
        out.push(Action {
            title: match lang {
                Lang::Nl => {
                    "Herhaling vervangen door een verwijzing naar het eerdere antwoord".to_string()
                }
                Lang::En => "Replace the copy by a reference to the earlier answer".to_string(),
            },
            kind: ActionKind::QuickFix,
            edits: vec![TextEdit::new(range, sentence)],
            fixes: vec![i],
            preferred: true,
        });
    }
}

/// Whitespace runs as one space, so a copy that was re-wrapped still matches.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What to replace in the later answer `body`: the run of its sentences that occur word for word
/// in the earlier answer and touch the repeated passage, or the whole answer when most of it is
/// copied. `None` when no whole sentence is copied.
fn copied_sentences(
    a: &Analysis,
    body: &Range<usize>,
    passage: &Range<usize>,
    earlier: &str,
    words: usize,
    of: usize,
) -> Option<Range<usize>> {
    let later = text(a, body);
    let sents = sentences(&later);
    let copied: Vec<bool> = sents
        .iter()
        .map(|x| {
            let s = collapse(&later[x.clone()]);
            s.split_whitespace().count() >= 4 && earlier.contains(&s)
        })
        .collect();
    let abs = |x: &Range<usize>| body.start + x.start..body.start + x.end;
    let touches = |x: &Range<usize>| {
        let x = abs(x);
        x.start < passage.end && passage.start < x.end
    };
    let first = (0..sents.len()).find(|&i| copied[i] && touches(&sents[i]))?;
    let mut last = first;
    while last + 1 < sents.len() && copied[last + 1] {
        last += 1;
    }
    let mut from = first;
    while from > 0 && copied[from - 1] {
        from -= 1;
    }
    let mostly = of > 0 && words as f32 >= MOSTLY * of as f32;
    if mostly || (from == 0 && last + 1 == sents.len()) {
        return Some(body.clone());
    }
    Some(abs(&sents[from]).start..abs(&sents[last]).end)
}
