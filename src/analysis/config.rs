//! What a user can configure: language, severities per code, the fractie list.

use std::collections::HashMap;

use super::diagnostics::{Lang, Severity};

/// The fracties of the Tweede Kamer elected on 29 October 2025 (FORMAT.md §7), plus the
/// spellings still current in committee documents.
pub const DEFAULT_FRACTIES: &[&str] = &[
    "D66",
    "PVV",
    "VVD",
    "GroenLinks-PvdA",
    "GL-PvdA",
    "CDA",
    "JA21",
    "FVD",
    "BBB",
    "SP",
    "DENK",
    "PvdD",
    "SGP",
    "ChristenUnie",
    "50PLUS",
    "Volt",
    // Kamer elected 22 November 2023 (the sample's): NSC sat until 2025.
    "NSC",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub lang: Lang,
    /// Fractie names as they should be spelled (without `-fractie`).
    pub fracties: Vec<String>,
    /// Severity overrides per code; `None` switches the code off.
    pub severities: HashMap<String, Option<Severity>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lang: Lang::Nl,
            fracties: DEFAULT_FRACTIES.iter().map(|s| s.to_string()).collect(),
            severities: HashMap::new(),
        }
    }
}
