//! Placeholders left in a draft: `Bij brief van …`, `PM`, `XX`, `[datum]`.

use super::diagnostics::{Diagnostic, Lang};
use super::Source;
use crate::syntax::{PlaceholderKind, Report};

pub fn check(report: &Report, src: &dyn Source, lang: Lang, out: &mut Vec<Diagnostic>) {
    for p in &report.placeholders {
        let text = src.slice(p.range.clone());
        let in_letter_line = report
            .letter_line
            .as_ref()
            .is_some_and(|l| l.start <= p.range.start && p.range.end <= l.end);
        let message = match (p.kind, lang) {
            (PlaceholderKind::Ellipsis, Lang::Nl) if in_letter_line => {
                "De datum van de brief van de bewindspersoon ontbreekt nog (‘…’). Vul de datum in voordat het verslag wordt vastgesteld.".to_string()
            }
            (PlaceholderKind::Ellipsis, Lang::En) if in_letter_line => {
                "The date of the minister's letter is still missing (‘…’). Fill it in before the report is adopted.".to_string()
            }
            (_, Lang::Nl) => format!("Plaatshouder ‘{text}’ staat nog in de tekst. Vul de ontbrekende gegevens in."),
            (_, Lang::En) => format!("Placeholder ‘{text}’ is still in the text. Fill in what is missing."),
        };
        out.push(Diagnostic::new("GRF401", p.range.clone(), message));
    }
}
