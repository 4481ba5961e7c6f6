//! Helpers shared by the parser and analysis tests.
#![allow(dead_code)]

use griffel::syntax::{NoteKind, Report};

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/vso-jbz-2025-10.txt"
);

/// The shared sample, or None (after saying so) when this checkout has no `../shared`.
pub fn sample() -> Option<String> {
    match std::fs::read_to_string(SAMPLE) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("SKIPPED: the shared sample {SAMPLE} is not readable here ({e})");
            None
        }
    }
}

/// 1-based line of a byte offset.
pub fn line(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

fn lines(text: &str, r: &std::ops::Range<usize>) -> String {
    let (a, b) = (line(text, r.start), line(text, r.end));
    if a == b {
        format!("l{a}")
    } else {
        format!("l{a}-{b}")
    }
}

fn short(text: &str, r: &std::ops::Range<usize>) -> String {
    let s: String = text[r.clone()].chars().take(40).collect();
    format!("{s:?}")
}

/// A compact, line-numbered rendering of a report's structure for snapshot tests.
pub fn render(report: &Report, text: &str) -> String {
    let mut out = String::new();
    if let Some((k, _)) = &report.kind {
        out += &format!("kind {k:?}\n");
    }
    if let Some(d) = &report.dossier {
        out += &format!(
            "dossier {} {}\n",
            short(text, &d.number),
            short(text, &d.title)
        );
    }
    if let Some(h) = &report.header {
        out += &format!("header {}\n", lines(text, h));
    }
    for l in &report.letters {
        out += &format!(
            "letter {} {}\n",
            lines(text, &l.range),
            short(text, &l.title)
        );
    }
    for s in &report.signatories {
        out += &format!(
            "signatory {} {}\n",
            short(text, &s.role),
            s.name.as_ref().map(|n| short(text, n)).unwrap_or_default()
        );
    }
    let mut section = None;
    let mut fractie = None;
    let mut topic = None;
    for q in &report.questions {
        if q.section() != section {
            section = q.section();
            if let Some(s) = q.section().map(|s| &report.sections[s]) {
                out += &format!(
                    "section {} {} {}\n",
                    s.numeral,
                    lines(text, &s.range),
                    short(text, &s.title)
                );
            }
        }
        if q.fractie() != fractie {
            fractie = q.fractie();
            if let Some(f) = q.fractie().map(|f| &report.fracties[f]) {
                out += &format!("fractie {:?} {}\n", f.names, lines(text, &f.range));
            }
        }
        if q.topic() != topic {
            topic = q.topic();
            if let Some(t) = q.topic().map(|t| &report.topics[t]) {
                out += &format!(
                    "topic {} {}\n",
                    lines(text, &t.range),
                    short(text, &t.heading)
                );
            }
        }
        out += &format!(
            "q{} {:?}{:?} text {}",
            q.ordinal,
            q.style,
            q.numbers,
            lines(text, &q.text())
        );
        match &q.answer {
            Some(a) => {
                out += &format!(
                    " -> {:?}{:?} body {}",
                    a.style,
                    a.numbers,
                    lines(text, &a.body())
                );
                if a.body().is_empty() {
                    out += " (empty)";
                }
            }
            None => out += " -> (no answer)",
        }
        out += "\n";
    }
    for s in &report.stray_answers {
        out += &format!("stray answer {}\n", lines(text, &s.marker));
    }
    for n in &report.note_refs {
        let k = match n.kind {
            NoteKind::Footnote => "footnote",
            NoteKind::Endnote => "endnote",
            NoteKind::Markdown => "markdown",
        };
        out += &format!("noteref {k} {} {}\n", n.id, lines(text, &n.range));
    }
    for b in &report.note_bodies {
        out += &format!(
            "notebody {} {} {}\n",
            b.id,
            lines(text, &b.range),
            short(text, &b.text)
        );
    }
    for p in &report.placeholders {
        out += &format!(
            "placeholder {:?} {} {}\n",
            p.kind,
            lines(text, &p.range),
            short(text, &p.range)
        );
    }
    out
}
