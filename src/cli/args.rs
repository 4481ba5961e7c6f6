//! The command line, declared with clap's derive API. Kept in the library (not `main.rs`) so
//! the parsing of `--severity` and `--fracties` can be unit-tested.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::analysis::{Config, Lang, Severity};

#[derive(Debug, Parser)]
#[command(
    name = "griffel",
    version,
    about = "Language server and checker for Dutch parliamentary report drafts",
    long_about = "griffel checks drafts of Verslagen van een schriftelijk overleg and Lijsten van \
                  vragen en antwoorden (plain text as exported from Word): unanswered questions, \
                  numbering, footnotes, Kamerstuk references, placeholders, fractie names.\n\n\
                  Without a subcommand griffel runs as a language server on stdin/stdout, which \
                  is how editors start it.",
    after_help = "Examples:\n  griffel check verslag.txt\n  griffel check --format json *.txt\n  \
                  griffel check --severity GRF304=off --lang en -"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Accepted and ignored: LSP clients (vscode-languageclient, others) pass it to say the
    /// server talks over stdin/stdout, which is what griffel does anyway.
    #[arg(long, global = true, hide = true)]
    pub stdio: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the language server over stdin/stdout (the default without a subcommand).
    Serve,
    /// Check report files and print diagnostics.
    #[command(
        after_help = "Exit status: 0 no error-severity diagnostic, 1 at least one, \
                            2 a file could not be read or checked (2 wins).\n\
                            Colour only on a terminal; set NO_COLOR to switch it off."
    )]
    Check(CheckArgs),
    /// Apply the safe fixes (references in house style, Markdown notes renumbered) to files.
    #[command(
        after_help = "Exit status: 0 done (with --diff: nothing to change), 1 with --diff when \
                      a file would change, 2 a file could not be read or written (2 wins).\n\
                      Examples:\n  griffel fix --diff verslag.txt\n  griffel fix *.txt"
    )]
    Fix(super::fix::FixArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Output format: rustc-style text, or one JSON object per diagnostic per line.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Language of messages: nl (Dutch) or en (English).
    #[arg(long, default_value = "nl", value_parser = parse_lang)]
    pub lang: Lang,

    /// Change a code's severity: CODE=error|warning|information|hint|off (Dutch words work
    /// too: fout, waarschuwing, informatie, uit). Repeatable.
    #[arg(long = "severity", value_name = "CODE=LEVEL", value_parser = parse_severity)]
    pub severities: Vec<(String, Option<Severity>)>,

    /// The fracties whose names count as correctly spelled, comma-separated
    /// (default: the Tweede Kamer elected 29 October 2025, plus NSC and GL-PvdA).
    // No `num_args = 1..`: that would swallow the FILE arguments after the list.
    #[arg(long, value_name = "A,B,…", value_delimiter = ',')]
    pub fracties: Option<Vec<String>>,

    /// Files to check; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

impl CheckArgs {
    /// The analysis configuration these flags describe, starting from the defaults.
    pub fn config(&self) -> Config {
        let mut cfg = Config {
            lang: self.lang,
            ..Config::default()
        };
        for (code, sev) in &self.severities {
            cfg.severities.insert(code.clone(), *sev);
        }
        if let Some(fracties) = &self.fracties {
            cfg.fracties = fracties
                .iter()
                .map(|f| normalise_fractie(f))
                .filter(|f| !f.is_empty())
                .collect();
        }
        cfg
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language `{s}` (use nl or en)"))
}

/// `GRF304=off` -> `("GRF304", None)`. Codes are upper-cased so `grf304=hint` works too.
pub fn parse_severity(s: &str) -> Result<(String, Option<Severity>), String> {
    let (code, level) = s
        .split_once('=')
        .ok_or_else(|| format!("expected CODE=LEVEL, got `{s}`"))?;
    let code = code.trim().to_ascii_uppercase();
    let well_formed =
        code.len() > 3 && code.starts_with("GRF") && code[3..].bytes().all(|b| b.is_ascii_digit());
    if !well_formed {
        return Err(format!("`{code}` is not a griffel code (like GRF101)"));
    }
    let level = Severity::parse_setting(level).ok_or_else(|| {
        format!("unknown level `{level}` (use error, warning, information, hint or off)")
    })?;
    Ok((code, level))
}

/// Accepts `VVD`, ` VVD ` and `VVD-fractie` alike: the config holds bare names.
fn normalise_fractie(f: &str) -> String {
    let f = f.trim();
    f.strip_suffix("-fractie").unwrap_or(f).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_flag_parses_codes_and_levels() {
        assert_eq!(
            parse_severity("grf304=off"),
            Ok(("GRF304".to_string(), None))
        );
        assert_eq!(
            parse_severity("GRF101=fout"),
            Ok(("GRF101".to_string(), Some(Severity::Error)))
        );
        assert!(parse_severity("GRF101").is_err());
        assert!(parse_severity("XYZ1=error").is_err());
        assert!(parse_severity("GRF=error").is_err());
        assert!(parse_severity("GRF101=loud").is_err());
    }

    #[test]
    fn flags_build_the_config() {
        let cli = Cli::try_parse_from([
            "griffel",
            "check",
            "--lang",
            "en",
            "--severity",
            "GRF401=error",
            "--fracties",
            "VVD, CDA-fractie,,D66",
            "a.txt",
        ])
        .unwrap();
        let Some(Command::Check(args)) = cli.command else {
            panic!("expected check");
        };
        let cfg = args.config();
        assert_eq!(cfg.lang, Lang::En);
        assert_eq!(cfg.fracties, ["VVD", "CDA", "D66"]);
        assert_eq!(cfg.severities.get("GRF401"), Some(&Some(Severity::Error)));
    }

    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
