//! What griffel does not look at, said out loud: the rest of a line too long to lex (GRF901) and
//! diagnostics beyond what an editor is sent (GRF902). Nothing is skipped silently.

use std::borrow::Cow;

use super::diagnostics::{Diagnostic, Lang, Severity};
use crate::syntax::lexer::MAX_LEXED_LINE;
use crate::syntax::Report;

/// The most diagnostics sent to an editor for one document (`published`). A 10 MB generated
/// report has about 4 000; past this many, a list is no longer something to work through, and
/// sending it on every keystroke costs more than the analysis.
pub const MAX_PUBLISHED: usize = 10_000;

/// GRF901 for every line longer than `MAX_LEXED_LINE`, at the point where lexing stopped.
pub fn check(report: &Report, lang: Lang, out: &mut Vec<Diagnostic>) {
    for r in &report.long_lines {
        let total = r.end - r.start + MAX_LEXED_LINE;
        let message = match lang {
            Lang::Nl => format!(
                "Deze regel is te lang om helemaal te controleren (ongeveer {} kB): alleen de eerste {} kB zijn gelezen. Voetnoten, verwijzingen, plaatshouders en vragen verderop op deze regel ziet griffel niet. Splits de regel in alinea's.",
                total / 1000,
                MAX_LEXED_LINE / 1000
            ),
            Lang::En => format!(
                "This line is too long to check in full (about {} kB): only the first {} kB were read. griffel does not see notes, references, placeholders or questions further on in this line. Split it into paragraphs.",
                total / 1000,
                MAX_LEXED_LINE / 1000
            ),
        };
        out.push(Diagnostic::new("GRF901", r.start..r.start, message));
    }
}

/// The diagnostics to send to an editor: all of them when there are at most `max`; else the
/// `max` most severe (in text order within a severity), in text order, and a GRF902 at the start
/// of the document saying how many were left out.
pub fn published(diags: &[Diagnostic], max: usize, lang: Lang) -> Cow<'_, [Diagnostic]> {
    if diags.len() <= max {
        return Cow::Borrowed(diags);
    }
    let keep = max.saturating_sub(1);
    let mut order: Vec<usize> = (0..diags.len()).collect();
    // Stable: text order within a severity.
    order.sort_by_key(|&i| diags[i].severity);
    order.truncate(keep);
    order.sort_unstable();
    let left_out = diags.len() - keep;
    let mut out: Vec<Diagnostic> = Vec::with_capacity(max);
    out.push(Diagnostic {
        severity: Severity::Information,
        ..Diagnostic::new(
            "GRF902",
            0..0,
            match lang {
                Lang::Nl => format!("Dit document heeft {} meldingen; de {left_out} minst ernstige worden niet getoond (griffel toont er ten hoogste {max}). `griffel check` op de opdrachtregel geeft ze allemaal.", diags.len()),
                Lang::En => format!("This document has {} diagnostics; the {left_out} least severe are not shown (griffel shows at most {max}). `griffel check` on the command line lists them all.", diags.len()),
            },
        )
    });
    out.extend(order.into_iter().map(|i| diags[i].clone()));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_keeps_the_most_severe_in_text_order() {
        let d = |code: &'static str, at: usize, severity| Diagnostic {
            severity,
            ..Diagnostic::new(code, at..at + 1, String::new())
        };
        let all = vec![
            d("GRF304", 0, Severity::Hint),
            d("GRF101", 5, Severity::Warning),
            d("GRF201", 9, Severity::Error),
            d("GRF304", 12, Severity::Hint),
            d("GRF102", 20, Severity::Error),
        ];
        assert_eq!(published(&all, 5, Lang::Nl).len(), 5);
        let p = published(&all, 4, Lang::En);
        let codes: Vec<_> = p.iter().map(|d| (d.code, d.range.start)).collect();
        assert_eq!(
            codes,
            [("GRF902", 0), ("GRF101", 5), ("GRF201", 9), ("GRF102", 20)]
        );
        assert!(p[0].message.contains("5 diagnostics; the 2 least severe"));
    }
}
