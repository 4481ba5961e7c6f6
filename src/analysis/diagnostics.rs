//! Diagnostics: the stable codes, their default severities and the messages in Dutch and English.

use std::collections::HashMap;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// Parses `error`, `warning`, `information` (or `info`), `hint`; `off` gives `Some(None)`.
    pub fn parse_setting(s: &str) -> Option<Option<Severity>> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" | "fout" => Some(Some(Severity::Error)),
            "warning" | "waarschuwing" => Some(Some(Severity::Warning)),
            "information" | "info" | "informatie" => Some(Some(Severity::Information)),
            "hint" => Some(Some(Severity::Hint)),
            "off" | "none" | "uit" => Some(None),
            _ => None,
        }
    }
}

/// Language of messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" | "nl-nl" | "nederlands" | "dutch" => Some(Lang::Nl),
            "en" | "en-gb" | "en-us" | "english" | "engels" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the Dutch or the English text.
    pub fn pick<'a>(self, nl: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

/// Another place a diagnostic involves (the question an answer belongs to, the first use of an id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, `GRF101`.
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range into the analysed text.
    pub range: Range<usize>,
    pub message: String,
    pub related: Vec<Related>,
}
