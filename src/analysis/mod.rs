//! Meaning: question/answer pairing, footnote numbering, paper references, diagnostics.

pub mod config;
pub mod diagnostics;

pub use config::Config;
pub use diagnostics::{Diagnostic, Lang, Related, Severity};

// TEMP stub check_text: stands in for the lead's analysis until `main` has it; drop this
// commit when merging. Emits GRF401 on every `…` so the CLI has something to print.
pub fn check_text(text: &str, cfg: &Config) -> Vec<Diagnostic> {
    let severity = match cfg.severities.get("GRF401") {
        Some(None) => return Vec::new(),
        Some(Some(s)) => *s,
        None => Severity::Warning,
    };
    text.match_indices('…')
        .map(|(i, m)| Diagnostic {
            code: "GRF401",
            severity,
            range: i..i + m.len(),
            message: cfg
                .lang
                .pick(
                    "plaatshouder '…' nog invullen",
                    "placeholder '…' still to fill in",
                )
                .to_string(),
            related: Vec::new(),
        })
        .collect()
}
