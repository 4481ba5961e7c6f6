//! The `griffel` configuration section, from `initializationOptions`,
//! `workspace/didChangeConfiguration` or `workspace/configuration`.

use serde_json::Value;

use crate::analysis::{Config, Lang, Severity};

/// How the client sends edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncMode {
    Incremental,
    /// The whole text on every change: a fallback for clients whose ranges go wrong.
    Full,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub config: Config,
    /// Quiet time after the last keystroke before diagnostics are computed and pushed.
    pub diagnostics_delay_ms: u64,
    pub sync: SyncMode,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            config: Config::default(),
            diagnostics_delay_ms: 200,
            sync: SyncMode::Incremental,
        }
    }
}

/// The longest delay we accept: beyond this a user would think the checker is broken.
const MAX_DELAY_MS: u64 = 10_000;

impl Settings {
    /// Reads settings from `value`: either the section itself or an object holding it under
    /// `griffel`. Missing keys keep their defaults. Returns the settings and a warning for
    /// every key or value that was ignored.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut s = Settings::default();
        let mut warnings = Vec::new();
        let section = match value.get("griffel") {
            Some(inner) => inner,
            None => value,
        };
        let Some(map) = section.as_object() else {
            if !section.is_null() {
                warnings.push(format!("settings: expected an object, got {section}"));
            }
            return (s, warnings);
        };
        for (key, v) in map {
            match key.as_str() {
                "language" => match v.as_str().and_then(Lang::parse) {
                    Some(lang) => s.config.lang = lang,
                    None => warnings.push(format!("settings: language {v} is not \"nl\" or \"en\"")),
                },
                "severity" => match v.as_object() {
                    Some(codes) => {
                        for (code, sev) in codes {
                            match sev.as_str().and_then(Severity::parse_setting) {
                                Some(sev) => {
                                    s.config.severities.insert(code.to_ascii_uppercase(), sev);
                                }
                                None => warnings.push(format!(
                                    "settings: severity of {code}: {sev} is not error, warning, information, hint or off"
                                )),
                            }
                        }
                    }
                    None => warnings.push(format!("settings: severity must be an object, got {v}")),
                },
                "fracties" => match v.as_array() {
                    Some(list) => {
                        let names: Vec<String> = list
                            .iter()
                            .filter_map(|x| x.as_str())
                            .map(|x| x.trim().trim_end_matches("-fractie").to_string())
                            .filter(|x| !x.is_empty())
                            .collect();
                        if names.len() != list.len() {
                            warnings.push("settings: fracties: non-string entries ignored".into());
                        }
                        s.config.fracties = names;
                    }
                    None => warnings.push(format!("settings: fracties must be a list, got {v}")),
                },
                "diagnosticsDelayMs" => match v.as_u64() {
                    Some(ms) => s.diagnostics_delay_ms = ms.min(MAX_DELAY_MS),
                    None => warnings.push(format!(
                        "settings: diagnosticsDelayMs must be a whole number of milliseconds, got {v}"
                    )),
                },
                "sync" => match v.as_str() {
                    Some("incremental") => s.sync = SyncMode::Incremental,
                    Some("full") => s.sync = SyncMode::Full,
                    _ => warnings.push(format!("settings: sync {v} is not \"incremental\" or \"full\"")),
                },
                other => warnings.push(format!("settings: unknown key {other:?} ignored")),
            }
        }
        (s, warnings)
    }

    /// True when `value` looks like it carries our section (rather than being empty, as some
    /// clients send to say "ask me with workspace/configuration").
    pub fn present_in(value: &Value) -> bool {
        match value.get("griffel") {
            Some(v) => !v.is_null(),
            None => value.as_object().is_some_and(|m| !m.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_every_key_and_warns_on_the_rest() {
        let (s, w) = Settings::from_json(&json!({"griffel": {
            "language": "en",
            "severity": {"grf101": "off", "GRF201": "hint", "GRF301": "loud"},
            "fracties": ["VVD", "NSC-fractie"],
            "diagnosticsDelayMs": 0,
            "sync": "full",
            "colour": "blue"
        }}));
        assert_eq!(s.config.lang, Lang::En);
        assert_eq!(s.config.severities.get("GRF101"), Some(&None));
        assert_eq!(
            s.config.severities.get("GRF201"),
            Some(&Some(Severity::Hint))
        );
        assert!(!s.config.severities.contains_key("GRF301"));
        assert_eq!(s.config.fracties, vec!["VVD", "NSC"]);
        assert_eq!(s.diagnostics_delay_ms, 0);
        assert_eq!(s.sync, SyncMode::Full);
        assert_eq!(w.len(), 2, "{w:?}");
    }

    #[test]
    fn accepts_the_bare_section_and_null() {
        let (s, w) = Settings::from_json(&json!({"language": "nl"}));
        assert_eq!(s.config.lang, Lang::Nl);
        assert!(w.is_empty());
        let (s, w) = Settings::from_json(&Value::Null);
        assert_eq!(s, Settings::default());
        assert!(w.is_empty());
    }
}
