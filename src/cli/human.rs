//! rustc-style output through annotate-snippets:
//!
//! ```text
//! warning[GRF401]: waarschuwing: plaatshouder '…' nog invullen
//!   --> verslag.txt:12:16
//!    |
//! 12 | Bij brief van …  heeft de minister van Asiel en Migratie de vragen en gemaakte ...
//!    |               ^
//! ```
//!
//! annotate-snippets 0.11 has five fixed English level words (error, warning, info, note,
//! help), so the level word stays English (rustc's, and what colours key on) and, in Dutch,
//! the title starts with the Dutch severity: fout, waarschuwing, informatie, hint. A hint
//! renders as `help`, so in English its title starts with `hint:`.
//!
//! Only the lines that carry an annotation are handed to annotate-snippets, so a long
//! report costs nothing per diagnostic; annotate-snippets cuts lines wider than the terminal
//! to a window around the caret (the sample has 1 300-character paragraphs). A range over
//! several lines is underlined on its first line only, labelled with where it ends: long
//! paragraphs underlined in full say nothing the first line does not.

use std::io::{self, Write};
use std::ops::Range;

use annotate_snippets::{Level, Renderer, Snippet};

use crate::analysis::{Diagnostic, Lang, Severity};
use crate::text::Document;

/// Writes every diagnostic of one file, each followed by an empty line (as rustc does).
pub fn write_file(
    out: &mut dyn Write,
    name: &str,
    text: &str,
    diags: &[Diagnostic],
    lang: Lang,
    color: bool,
    term_width: usize,
) -> io::Result<()> {
    if diags.is_empty() {
        return Ok(());
    }
    let doc = Document::new(text);
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(term_width);
    // Underlines longer than this are cut: annotate-snippets cannot window a line around a
    // span wider than the terminal, and a 1 300-character question as a related note would
    // otherwise print in full. The start is what the reader needs.
    let max_span = (term_width / 2).max(20);
    for d in diags {
        writeln!(
            out,
            "{}\n",
            render(&renderer, &doc, text, name, d, lang, max_span)
        )?;
    }
    Ok(())
}

/// One source line shown in the output, with its annotations in line-relative bytes.
struct Shown {
    /// 0-based.
    line: usize,
    source: String,
    annotations: Vec<(Range<usize>, Level, String)>,
}

fn render(
    renderer: &Renderer,
    doc: &Document,
    text: &str,
    name: &str,
    d: &Diagnostic,
    lang: Lang,
    max_span: usize,
) -> String {
    let level = level(d.severity);
    let mut shown: Vec<Shown> = Vec::new();
    // 0.11 draws `^` only under error-level spans (`-` otherwise); the primary span gets a
    // caret whatever the severity, as in rustc, and related spans the `-`.
    let mut add = |range: Range<usize>, level: Level, label: String| {
        annotate(doc, text, &mut shown, range, level, label, lang, max_span)
    };
    add(d.range.clone(), Level::Error, String::new());
    for r in &d.related {
        add(r.range.clone(), Level::Note, r.message.to_string());
    }

    let title = title(d, lang);
    let mut message = level.title(&title).id(d.code);
    for s in &shown {
        let mut snippet = Snippet::source(&s.source)
            .line_start(s.line + 1)
            .origin(name);
        for (range, level, label) in &s.annotations {
            let mut annotation = level.span(range.clone());
            if !label.is_empty() {
                annotation = annotation.label(label);
            }
            snippet = snippet.annotation(annotation);
        }
        message = message.snippet(snippet);
    }
    let rendered = renderer.render(message).to_string();
    rendered
}

/// Adds an annotation for `range` (already clamped to `text`) to the line it starts on,
/// underlining at most `max_span` characters.
#[allow(clippy::too_many_arguments)]
fn annotate(
    doc: &Document,
    text: &str,
    shown: &mut Vec<Shown>,
    range: Range<usize>,
    level: Level,
    mut label: String,
    lang: Lang,
    max_span: usize,
) {
    let line = doc.line_of(range.start);
    let line_start = doc.line_start(line);
    let content_end = doc.line_content_end(line).max(line_start);
    let start = range.start.clamp(line_start, content_end) - line_start;
    let end = range.end.clamp(line_start, content_end) - line_start;
    if range.end > content_end {
        let last = doc.line_of(range.end) + 1;
        if last > line + 1 {
            let more = match lang {
                Lang::Nl => format!("loopt door tot regel {last}"),
                Lang::En => format!("continues to line {last}"),
            };
            label = if label.is_empty() {
                more
            } else {
                format!("{label} ({more})")
            };
        }
    }
    let source = text.get(line_start..content_end).unwrap_or_default();
    let end = end.max(start);
    let end = source[start..end]
        .char_indices()
        .nth(max_span)
        .map_or(end, |(i, _)| start + i);
    let annotation = (start..end, level, label);
    match shown.iter_mut().find(|s| s.line == line) {
        Some(s) => s.annotations.push(annotation),
        None => shown.push(Shown {
            line,
            source: sanitize(source),
            annotations: vec![annotation],
        }),
    }
}

fn level(severity: Severity) -> Level {
    match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Information => Level::Info,
        Severity::Hint => Level::Help,
    }
}

/// The Dutch severity word (or `hint`, which has no level of its own) before the message.
fn title(d: &Diagnostic, lang: Lang) -> String {
    let word = match (lang, d.severity) {
        (Lang::Nl, Severity::Error) => "fout",
        (Lang::Nl, Severity::Warning) => "waarschuwing",
        (Lang::Nl, Severity::Information) => "informatie",
        (_, Severity::Hint) => "hint",
        (Lang::En, _) => return d.message.to_string(),
    };
    format!("{word}: {}", d.message)
}

/// Replaces characters a terminal would act on, or that annotate-snippets would drop or
/// widen (tabs, bidi controls), by characters of the same UTF-8 length, so that byte offsets
/// into the line stay valid and the caret stays under the right character.
fn sanitize(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{200D}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
            c if c.is_ascii_control() => ' ',
            // C1 controls (two bytes) include CSI; U+00A4 is also two bytes.
            c if c.is_control() && c.len_utf8() == 2 => '\u{A4}',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Related;
    use proptest::prelude::*;

    fn diag(range: Range<usize>, severity: Severity) -> Diagnostic {
        Diagnostic {
            code: "GRF401",
            severity,
            range,
            message: "plaatshouder".into(),
            related: Vec::new(),
        }
    }

    fn show(text: &str, d: &Diagnostic, lang: Lang) -> String {
        let mut out = Vec::new();
        write_file(
            &mut out,
            "f.txt",
            text,
            std::slice::from_ref(d),
            lang,
            false,
            140,
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn caret_under_the_range_with_dutch_title() {
        let text = "regel een\nBij brief van … heeft\n";
        let at = text.find('…').unwrap();
        let out = show(text, &diag(at..at + 3, Severity::Warning), Lang::Nl);
        assert!(
            out.starts_with("warning[GRF401]: waarschuwing: plaatshouder\n"),
            "{out}"
        );
        assert!(out.contains("--> f.txt:2:15"), "{out}");
        assert!(
            out.contains("2 | Bij brief van … heeft\n  |               ^\n"),
            "{out}"
        );
    }

    #[test]
    fn hint_in_english_says_hint() {
        let out = show("abc", &diag(0..1, Severity::Hint), Lang::En);
        assert!(out.starts_with("help[GRF401]: hint: plaatshouder"), "{out}");
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let text = format!("{}XYZ{}", "woord ".repeat(200), " einde".repeat(200));
        let at = text.find("XYZ").unwrap();
        let out = show(&text, &diag(at..at + 3, Severity::Error), Lang::Nl);
        let longest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest <= 150, "{longest}: {out}");
        assert!(out.contains("XYZ"), "{out}");
        assert!(out.contains(":1:1201"), "{out}");
    }

    #[test]
    fn related_on_other_lines_are_notes() {
        let text = "Vraag 1\nAntwoord op vraag 2:\n";
        let mut d = diag(8..28, Severity::Error);
        d.related.push(Related {
            range: 0..7,
            message: "de vraag".into(),
        });
        let out = show(text, &d, Lang::Nl);
        assert!(out.contains("f.txt:2:1"), "{out}");
        assert!(out.contains("f.txt:1:1"), "{out}");
        assert!(out.contains("de vraag"), "{out}");
    }

    #[test]
    fn long_spans_are_cut_so_the_line_can_be_windowed() {
        let question = format!("Kan de minister {}?", "uitleggen waarom ".repeat(80));
        let text = format!("{question}\nAntwoord \n");
        let mut d = diag(question.len() + 1..text.len() - 1, Severity::Warning);
        d.related.push(Related {
            range: 0..question.len(),
            message: "de vraag".into(),
        });
        let out = show(&text, &d, Lang::Nl);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(widest <= 150, "{widest}: {out}");
        assert!(out.contains("note: de vraag"), "{out}");
    }

    #[test]
    fn multi_line_range_says_where_it_ends() {
        let text = "een\ntwee\ndrie\n";
        let out = show(text, &diag(0..12, Severity::Warning), Lang::Nl);
        assert!(out.contains("loopt door tot regel 3"), "{out}");
    }

    proptest! {
        // annotate-snippets mixes bytes, chars and display widths when it cuts long lines;
        // whatever we hand it, rendering must not panic.
        #[test]
        fn rendering_never_panics(
            text in "([a-zé…😀\t\r\n\u{202E}\u{85} ]{0,40}|[a-z ]{200,400}[é😀…]{0,5}[a-z ]{0,300})",
            a in 0usize..800,
            b in 0usize..800,
            rel in 0usize..800,
            width in 40usize..200,
        ) {
            let r = crate::cli::check::clamp_range(&text, a..b);
            let mut d = diag(r, Severity::Error);
            d.related.push(Related {
                range: crate::cli::check::clamp_range(&text, rel..rel + 3),
                message: "ook hier".into(),
            });
            let mut out = Vec::new();
            write_file(&mut out, "f", &text, &[d], Lang::Nl, false, width).unwrap();
        }
    }
}
