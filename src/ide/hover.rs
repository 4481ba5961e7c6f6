//! Hover: what a footnote says, what a Kamerstuk is, which question an answer answers.

use std::ops::Range;

use super::{hit, letter_for, note_at, qa_at, question_label, snippet, text, QaHit};
use crate::analysis::{Analysis, Lang};
use crate::syntax::NoteKind;

/// Markdown to show for the range under the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverResult {
    pub range: Range<usize>,
    pub markdown: String,
}

/// Long texts are cut so a hover stays a glance, not a page.
const MAX_CHARS: usize = 400;

pub fn hover(a: &Analysis, offset: usize, lang: Lang) -> Option<HoverResult> {
    note_hover(a, offset, lang)
        .or_else(|| paper_hover(a, offset, lang))
        .or_else(|| super::xref::hover(a, offset, lang))
        .or_else(|| qa_hover(a, offset, lang))
}

fn note_hover(a: &Analysis, offset: usize, lang: Lang) -> Option<HoverResult> {
    let r = &a.report;
    let range = r
        .note_refs
        .iter()
        .find(|n| hit(&n.range, offset))
        .map(|n| n.range.clone())?;
    let (kind, id) = note_at(a, offset)?;
    let word = match kind {
        NoteKind::Endnote => lang.pick("Eindnoot", "Endnote"),
        _ => lang.pick("Voetnoot", "Footnote"),
    };
    let number = a
        .notes
        .display_number(kind, &id)
        .map_or_else(|| "?".to_string(), |n| n.to_string());
    let body = a
        .notes
        .body(kind, &id)
        .and_then(|b| r.note_bodies.get(b))
        .map(|b| snippet(&text(a, &b.text), MAX_CHARS));
    let body = body.unwrap_or_else(|| {
        lang.pick(
            "*De tekst van deze noot ontbreekt.*",
            "*This note has no text.*",
        )
        .to_string()
    });
    Some(HoverResult {
        range,
        markdown: format!("**{word} {number}** (id {id})\n\n{body}"),
    })
}

fn paper_hover(a: &Analysis, offset: usize, lang: Lang) -> Option<HoverResult> {
    let p = a.report.papers.iter().find(|p| hit(&p.range, offset))?;
    let mut md = format!(
        "**{}**",
        p.house_style()
            .unwrap_or_else(|| snippet(&text(a, &p.range), MAX_CHARS))
    );
    if let Some((li, _)) = letter_for(a, p) {
        if let Some(l) = a.report.letters.get(li) {
            md.push_str(&format!("\n\n{}", snippet(&text(a, &l.title), MAX_CHARS)));
        }
    }
    if let Some(url) = p.url() {
        md.push_str(&format!(
            "\n\n[{}]({url})",
            lang.pick(
                "Openen op zoek.officielebekendmakingen.nl",
                "Open on zoek.officielebekendmakingen.nl"
            )
        ));
    }
    Some(HoverResult {
        range: p.range.clone(),
        markdown: md,
    })
}

fn qa_hover(a: &Analysis, offset: usize, lang: Lang) -> Option<HoverResult> {
    match qa_at(a, offset)? {
        QaHit::AnswerMarker(i) => {
            let q = a.report.questions.get(i)?;
            let range = q.answer.as_ref()?.marker()?;
            Some(HoverResult {
                range,
                markdown: format!(
                    "**{} {}**\n\n> {}",
                    lang.pick("Antwoord op", "Answer to"),
                    question_label(q, lang).to_lowercase(),
                    snippet(&text(a, &q.text()), MAX_CHARS)
                ),
            })
        }
        QaHit::Question(i) => {
            let q = a.report.questions.get(i)?;
            let answer = q.answer.as_ref().filter(|ans| !ans.body().is_empty());
            let body = match answer {
                Some(ans) => format!("> {}", snippet(&text(a, &ans.body()), MAX_CHARS)),
                None => lang
                    .pick("*Nog geen antwoord.*", "*Not answered yet.*")
                    .to_string(),
            };
            Some(HoverResult {
                range: q.text(),
                markdown: format!(
                    "**{}** — {}\n\n{body}",
                    question_label(q, lang),
                    lang.pick("antwoord", "answer")
                ),
            })
        }
        QaHit::AnswerBody(_) => None,
    }
}
