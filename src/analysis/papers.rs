//! References to parliamentary papers: malformed ones (GRF301–303) and, as a hint, ones not in
//! the Kamer's house style (GRF304).

use std::sync::Arc;

use super::diagnostics::{default_severity, Diagnostic, Lang, Severity};
use super::Source;
use crate::syntax::papers::{PaperProblem, PaperRef};

/// The diagnostics of one reference (they depend on it and its text alone).
pub(super) fn check_one(p: &PaperRef, src: &dyn Source, lang: Lang, out: &mut Vec<Diagnostic>) {
    // Most references have no malformed problem: their problems are not unpacked for nothing.
    if p.is_malformed() {
        malformed(p, src, lang, out);
    }
    house_style(p, lang, out);
}

/// GRF301–303.
fn malformed(p: &PaperRef, src: &dyn Source, lang: Lang, out: &mut Vec<Diagnostic>) {
    for problem in p.problems() {
        // Only the malformed ones quote the reference (reading its text is a cache miss).
        if !problem.is_malformed() {
            continue;
        }
        let written = src.slice(p.range.clone());
        let d = match &problem {
                PaperProblem::MissingNr { range } => Diagnostic::new(
                    "GRF301",
                    range.clone(),
                    match lang {
                        Lang::Nl => format!("In ‘{written}’ ontbreekt ‘nr.’ voor het ondernummer. Schrijf bijvoorbeeld ‘Kamerstuk 32 317, nr. 967’."),
                        Lang::En => format!("‘{written}’ lacks ‘nr.’ before the paper's number. Write for example ‘Kamerstuk 32 317, nr. 967’."),
                    },
                ),
                PaperProblem::TrailingDigits { range } => Diagnostic::new(
                    "GRF301",
                    range.clone(),
                    match lang {
                        Lang::Nl => format!("Na ‘{written}’ staan cijfers vast aan de verwijzing, vermoedelijk een voetnootnummer. Zet er een spatie of een voetnootverwijzing van."),
                        Lang::En => format!("Digits are glued to ‘{written}’, probably a footnote number. Separate them or make them a footnote reference."),
                    },
                ),
                PaperProblem::VergaderjaarNotConsecutive { range, first, second } => Diagnostic::new(
                    "GRF302",
                    range.clone(),
                    match lang {
                        Lang::Nl => format!("Een vergaderjaar loopt over twee opeenvolgende jaren; {first} en {second} volgen niet op elkaar. Bedoeld is waarschijnlijk {first}-{}.", first + 1),
                        Lang::En => format!("A vergaderjaar spans two consecutive years; {first} and {second} are not. Probably {first}-{} is meant.", first + 1),
                    },
                ),
                PaperProblem::DossierLength { range, len } => Diagnostic::new(
                    "GRF303",
                    range.clone(),
                    match lang {
                        Lang::Nl => format!("Dit dossiernummer heeft {len} cijfers; Kamerstukdossiers van na 1970 hebben er vijf. Controleer het nummer."),
                        Lang::En => format!("This dossier number has {len} digits; dossiers since 1970 have five. Check the number."),
                    },
                ),
                _ => continue,
            };
        out.push(d);
    }
}

/// GRF304.
fn house_style(p: &PaperRef, lang: Lang, out: &mut Vec<Diagnostic>) {
    // Whether the rewrite would change the text was found while parsing (see `rewrite_differs`).
    if !p.rewrite_differs {
        return;
    }
    // By hand rather than with `format!` (a 10 MB draft has some 4 000 of these hints), into a
    // reused buffer and then copied once into the diagnostic's shared string: the house style's
    // own string and the message's were two more allocations a hint.
    let (before, after) = match lang {
        Lang::Nl => ("Niet in de huisstijl van de Kamer: schrijf ‘", "’."),
        Lang::En => ("Not in the Kamer's house style: write ‘", "’."),
    };
    let mut message = MESSAGE.take();
    message.clear();
    message.push_str(before);
    if p.write_house_style(&mut message) {
        message.push_str(after);
        // `Diagnostic::new` without its lookup of the severity (some 4 000 hints in 10 MB).
        const SEVERITY: Severity = default_severity("GRF304");
        out.push(Diagnostic {
            code: "GRF304",
            severity: SEVERITY,
            range: p.fix_range(),
            message: Arc::from(&*message),
            related: Vec::new(),
        });
    }
    MESSAGE.set(message);
}

thread_local! {
    /// The buffer a house-style hint is written in. Taken out and put back (a `Cell`, so no
    /// borrow can fail).
    static MESSAGE: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}
