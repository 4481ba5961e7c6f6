//! Diagnostics: the stable codes, their default severities and the messages in Dutch and English.

use std::ops::Range;
use std::sync::Arc;

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
    /// Shared: the engine keeps each rule's diagnostics to patch, and every analysis lists
    /// them again (a clone is a count, not a copy).
    pub message: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, `GRF101`.
    pub code: &'static str,
    pub severity: Severity,
    /// Byte range into the analysed text.
    pub range: Range<usize>,
    /// Shared like [`Related::message`].
    pub message: Arc<str>,
    pub related: Vec<Related>,
}

/// Every code griffel emits, with its default severity and a short description (Dutch, English).
pub const CODES: &[(&str, Severity, &str, &str)] = &[
    (
        "GRF101",
        Severity::Warning,
        "vraag zonder antwoord",
        "question without answer",
    ),
    (
        "GRF102",
        Severity::Error,
        "antwoord zonder vraag",
        "answer without question",
    ),
    ("GRF103", Severity::Warning, "leeg antwoord", "empty answer"),
    (
        "GRF104",
        Severity::Warning,
        "gat of sprong in de nummering",
        "gap in the numbering",
    ),
    (
        "GRF105",
        Severity::Error,
        "vraagnummer dubbel",
        "duplicate question number",
    ),
    (
        "GRF106",
        Severity::Error,
        "antwoordnummer wijkt af van vraagnummer",
        "answer number differs from question number",
    ),
    (
        "GRF201",
        Severity::Error,
        "voetnootverwijzing zonder voetnoottekst",
        "footnote reference without body",
    ),
    (
        "GRF202",
        Severity::Warning,
        "voetnoottekst zonder verwijzing",
        "footnote body without reference",
    ),
    (
        "GRF203",
        Severity::Error,
        "voetnoot-id dubbel gebruikt",
        "footnote id used twice",
    ),
    (
        "GRF204",
        Severity::Warning,
        "Markdown-voetnoten niet op volgorde",
        "Markdown notes out of order",
    ),
    (
        "GRF301",
        Severity::Warning,
        "onvolledige verwijzing naar een Kamerstuk",
        "malformed paper reference",
    ),
    (
        "GRF302",
        Severity::Warning,
        "vergaderjaar niet opeenvolgend",
        "vergaderjaar years not consecutive",
    ),
    (
        "GRF303",
        Severity::Warning,
        "dossiernummer met verkeerde lengte",
        "dossier number of the wrong length",
    ),
    (
        "GRF304",
        Severity::Hint,
        "verwijzing niet in huisstijl",
        "reference not in house style",
    ),
    (
        "GRF401",
        Severity::Warning,
        "plaatshouder in de tekst",
        "placeholder left in the text",
    ),
    (
        "GRF501",
        Severity::Warning,
        "fractienaam anders gespeld",
        "fractie name spelled differently",
    ),
    (
        "GRF502",
        Severity::Warning,
        "alinea spreekt voor een andere fractie",
        "paragraph speaks for another fractie",
    ),
    (
        "GRF601",
        Severity::Warning,
        "verwijzing naar een antwoord wijst nergens naar",
        "cross-reference resolves to nothing",
    ),
    (
        "GRF602",
        Severity::Warning,
        "verwijzing past bij twee vragen",
        "ambiguous cross-reference",
    ),
    (
        "GRF603",
        Severity::Warning,
        "verwijzing noemt de verkeerde fractie",
        "cross-reference names the wrong fractie",
    ),
    (
        "GRF604",
        Severity::Warning,
        "verwijzing naar de eigen vraag",
        "cross-reference to its own question",
    ),
    (
        "GRF605",
        Severity::Warning,
        "verwijzing naar een leeg antwoord",
        "cross-reference to an empty answer",
    ),
    (
        "GRF606",
        Severity::Warning,
        "kringverwijzing tussen antwoorden",
        "circular cross-reference",
    ),
    (
        "GRF607",
        Severity::Hint,
        "antwoord herhaalt een eerder antwoord letterlijk",
        "answer repeats an earlier answer verbatim",
    ),
    (
        "GRF901",
        Severity::Information,
        "regel te lang, niet helemaal gecontroleerd",
        "line too long, not checked in full",
    ),
    (
        "GRF902",
        Severity::Information,
        "te veel meldingen, niet alle getoond",
        "too many diagnostics, not all shown",
    ),
];

/// The default severity of a code (warning for an unknown one). A `const fn`, so that a rule that
/// makes many diagnostics of one code can look it up once, when compiled (the lookup walks
/// [`CODES`]).
pub const fn default_severity(code: &str) -> Severity {
    let code = code.as_bytes();
    let mut i = 0;
    while i < CODES.len() {
        let (c, severity, _, _) = CODES[i];
        if c.len() == code.len() {
            let c = c.as_bytes();
            let mut j = 0;
            while j < c.len() && c[j] == code[j] {
                j += 1;
            }
            if j == c.len() {
                return severity;
            }
        }
        i += 1;
    }
    Severity::Warning
}

impl Diagnostic {
    /// A diagnostic with its code's default severity.
    pub fn new(
        code: &'static str,
        range: Range<usize>,
        message: impl Into<Arc<str>>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            severity: default_severity(code),
            range,
            message: message.into(),
            related: Vec::new(),
        }
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<Arc<str>>) -> Diagnostic {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }
}
