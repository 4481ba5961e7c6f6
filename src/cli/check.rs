//! `griffel check FILE…`: read each file, analyse it, print its diagnostics, sum up.
//!
//! IO lives here, not in the core. A file that cannot be read (missing, not UTF-8) is
//! reported on stderr and the others are still checked; the exit code says what happened:
//! 0 no error-severity diagnostic, 1 at least one, 2 a file could not be checked (2 wins).

use std::io::{self, IsTerminal, Read, Write};
use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use crate::analysis::diagnostics::CODES;
use crate::analysis::{check_text, Config, Diagnostic, Lang, Severity};

use super::args::{CheckArgs, Format};
use super::{human, json};

/// Exit codes, as documented in `--help` and the README.
pub const EXIT_OK: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Human { color: bool, term_width: usize },
    Json,
}

impl Output {
    /// Colour only on a terminal and only when `NO_COLOR` is unset or empty (no-color.org).
    pub fn detect(format: Format) -> Output {
        match format {
            Format::Json => Output::Json,
            Format::Human => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                let color = !no_color && io::stdout().is_terminal();
                // `COLUMNS` is what shells export; without it, annotate-snippets' own default.
                let term_width = std::env::var("COLUMNS")
                    .ok()
                    .and_then(|c| c.trim().parse::<usize>().ok())
                    .filter(|w| *w >= 40)
                    .unwrap_or(annotate_snippets::renderer::DEFAULT_TERM_WIDTH);
                Output::Human { color, term_width }
            }
        }
    }
}

/// Runs `check` on the real stdin/stdout/stderr and returns the exit code.
pub fn run(args: &CheckArgs) -> u8 {
    let cfg = args.config();
    let output = Output::detect(args.format);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let stderr = io::stderr();
    let mut err = stderr.lock();
    let names: Vec<&Path> = args.files.iter().map(|p| p.as_path()).collect();
    let code = check_files(&names, &cfg, output, &mut out, &mut err);
    match out.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            let _ = writeln!(err, "griffel: {e}");
            EXIT_UNREADABLE
        }
        _ => code,
    }
}

/// Counts over all files, for the summary line and the exit code.
#[derive(Debug, Default)]
struct Totals {
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    checked: usize,
    failed: usize,
}

/// Checks `files` (a path `-` is stdin) and writes to `out`/`err`. Never panics on any
/// input; a write error on `out` ends the run early (a closed pipe is not worth a message).
pub fn check_files(
    files: &[&Path],
    cfg: &Config,
    output: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let lang = cfg.lang;
    warn_unknown_codes(cfg, err);
    let mut totals = Totals::default();
    for path in files {
        let name = display_name(path);
        let text = match read_input(path) {
            Ok(text) => text,
            Err(e) => {
                totals.failed += 1;
                // Keep stdout and stderr in order when both go to the same terminal.
                let _ = out.flush();
                let _ = writeln!(err, "{}", e.message(&name, lang));
                continue;
            }
        };
        let Some(diags) = analyse(&text, cfg) else {
            totals.failed += 1;
            let _ = out.flush();
            let _ = writeln!(
                err,
                "{}",
                lang.pick(
                    &format!("fout: interne fout bij het controleren van {name}; meld dit aan de ontwikkelaars van griffel"),
                    &format!("error: internal error while checking {name}; please report this to the griffel developers"),
                )
            );
            continue;
        };
        totals.checked += 1;
        for d in &diags {
            match d.severity {
                Severity::Error => totals.errors += 1,
                Severity::Warning => totals.warnings += 1,
                Severity::Information => totals.infos += 1,
                Severity::Hint => totals.hints += 1,
            }
        }
        let written = match output {
            Output::Json => json::write_file(out, &name, &text, &diags),
            Output::Human { color, term_width } => {
                human::write_file(out, &name, &text, &diags, lang, color, term_width)
            }
        };
        if let Err(e) = written {
            return write_failed(e, err);
        }
    }
    if let Output::Human { .. } = output {
        if let Err(e) = writeln!(out, "{}", summary(&totals, lang)) {
            return write_failed(e, err);
        }
    }
    if totals.failed > 0 {
        EXIT_UNREADABLE
    } else if totals.errors > 0 {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// A mistyped code in `--severity` would otherwise change nothing, silently.
fn warn_unknown_codes(cfg: &Config, err: &mut dyn Write) {
    let mut unknown: Vec<&str> = cfg
        .severities
        .keys()
        .map(|k| k.as_str())
        .filter(|k| !CODES.iter().any(|c| c.0 == *k))
        .collect();
    unknown.sort_unstable();
    for code in unknown {
        let _ = writeln!(
            err,
            "{}",
            cfg.lang.pick(
                &format!(
                    "waarschuwing: onbekende code {code} in --severity; griffel meldt die niet"
                ),
                &format!("warning: unknown code {code} in --severity; griffel does not emit it"),
            )
        );
    }
}

fn write_failed(e: io::Error, err: &mut dyn Write) -> u8 {
    if e.kind() != io::ErrorKind::BrokenPipe {
        let _ = writeln!(err, "griffel: {e}");
    }
    EXIT_UNREADABLE
}

/// Runs the analysis, applies the user's severities and makes every range safe to slice.
/// `None` when the analysis panicked: the core promises not to, but one bad file should
/// not take the other files' results with it.
fn analyse(text: &str, cfg: &Config) -> Option<Vec<Diagnostic>> {
    let mut diags = catch_unwind(AssertUnwindSafe(|| check_text(text, cfg))).ok()?;
    // The analysis applies `cfg.severities` itself; doing it again is idempotent and keeps
    // `--severity` honest whatever the analysis does.
    diags.retain_mut(|d| match cfg.severities.get(d.code) {
        Some(None) => false,
        Some(Some(s)) => {
            d.severity = *s;
            true
        }
        None => true,
    });
    for d in &mut diags {
        d.range = clamp_range(text, d.range.clone());
        for r in &mut d.related {
            r.range = clamp_range(text, r.range.clone());
        }
    }
    diags.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    Some(diags)
}

/// Orders `r`, clamps it to the text and moves both ends back to char boundaries, so that
/// slicing with it can never panic whatever the analysis returned.
pub(crate) fn clamp_range(text: &str, r: Range<usize>) -> Range<usize> {
    let floor = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = if r.start <= r.end {
        (r.start, r.end)
    } else {
        (r.end, r.start)
    };
    floor(a)..floor(b)
}

pub(crate) fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Why a file could not be checked.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// Larger than griffel reads (its offsets within a line are 32-bit).
    TooLarge(usize),
    /// The first invalid byte: its offset, value and 1-based line and column (in chars).
    NotUtf8 {
        offset: usize,
        byte: u8,
        line: usize,
        column: usize,
    },
}

impl ReadError {
    pub fn message(&self, name: &str, lang: Lang) -> String {
        match self {
            ReadError::TooLarge(n) => lang
                .pick(
                    &format!("fout: {name} is te groot ({n} bytes); griffel leest verslagen tot 4 GB"),
                    &format!("error: {name} is too large ({n} bytes); griffel reads reports up to 4 GB"),
                )
                .to_string(),
            ReadError::Io(e) => {
                let why = match e.kind() {
                    io::ErrorKind::NotFound => lang.pick("bestand bestaat niet", "no such file"),
                    io::ErrorKind::PermissionDenied => lang.pick("geen toegang", "permission denied"),
                    io::ErrorKind::IsADirectory => lang.pick("is een map", "is a directory"),
                    _ => "",
                };
                let why = if why.is_empty() { e.to_string() } else { why.to_string() };
                lang.pick(
                    &format!("fout: kan {name} niet lezen: {why}"),
                    &format!("error: cannot read {name}: {why}"),
                )
                .to_string()
            }
            ReadError::NotUtf8 {
                offset,
                byte,
                line,
                column,
            } => lang
                .pick(
                    &format!(
                        "fout: {name} is geen geldige UTF-8: ongeldige byte 0x{byte:02X} op byte-offset {offset} (regel {line}, kolom {column}); sla het bestand op als UTF-8"
                    ),
                    &format!(
                        "error: {name} is not valid UTF-8: invalid byte 0x{byte:02X} at byte offset {offset} (line {line}, column {column}); save the file as UTF-8"
                    ),
                )
                .to_string(),
        }
    }
}

/// The largest file read: the line table keeps lengths as 32-bit numbers.
const MAX_FILE: usize = u32::MAX as usize;

/// Reads a file (or stdin for `-`) as UTF-8 text without its byte order mark: editors hide
/// the mark and do not count it in positions, so neither do we.
pub fn read_input(path: &Path) -> Result<String, ReadError> {
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin().read_to_end(&mut buf).map_err(ReadError::Io)?;
        buf
    } else {
        std::fs::read(path).map_err(ReadError::Io)?
    };
    decode(bytes)
}

pub(crate) fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.len() > MAX_FILE {
        return Err(ReadError::TooLarge(bytes.len()));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{FEFF}') {
                text.drain(..'\u{FEFF}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            // The prefix up to `offset` is valid UTF-8 by definition of `valid_up_to`.
            let prefix = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            Err(ReadError::NotUtf8 {
                offset,
                byte: bytes.get(offset).copied().unwrap_or_default(),
                line: prefix.matches('\n').count() + 1,
                column: prefix[line_start..].chars().count() + 1,
            })
        }
    }
}

fn summary(t: &Totals, lang: Lang) -> String {
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut parts = match lang {
        Lang::Nl => vec![
            count(t.errors, "fout", "fouten"),
            count(t.warnings, "waarschuwing", "waarschuwingen"),
        ],
        Lang::En => vec![
            count(t.errors, "error", "errors"),
            count(t.warnings, "warning", "warnings"),
        ],
    };
    // Information and hints only when there are any: the usual line stays short.
    if t.infos > 0 {
        parts.push(match lang {
            Lang::Nl => count(t.infos, "informatiemelding", "informatiemeldingen"),
            Lang::En => count(t.infos, "note", "notes"),
        });
    }
    if t.hints > 0 {
        parts.push(count(t.hints, "hint", "hints"));
    }
    let files = match lang {
        Lang::Nl => count(t.checked, "bestand", "bestanden"),
        Lang::En => count(t.checked, "file", "files"),
    };
    let mut line = format!("{} in {files}", parts.join(", "));
    if t.failed > 0 {
        line.push_str(&match lang {
            Lang::Nl => format!(
                "; {} niet gecontroleerd",
                count(t.failed, "bestand", "bestanden")
            ),
            Lang::En => format!(
                "; {} could not be checked",
                count(t.failed, "file", "files")
            ),
        });
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamp_range_never_splits_a_char() {
        let text = "aé…b";
        assert_eq!(clamp_range(text, 2..5), 1..3);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 9..1;
        assert_eq!(clamp_range(text, reversed), 1..text.len());
        assert_eq!(clamp_range("", 3..7), 0..0);
    }

    #[test]
    fn decode_reports_the_first_invalid_byte() {
        let mut bytes = "regel één\nab".as_bytes().to_vec();
        bytes.push(0xE9); // Latin-1 é
        bytes.extend_from_slice(b"n");
        match decode(bytes) {
            Err(ReadError::NotUtf8 {
                offset,
                byte,
                line,
                column,
            }) => {
                assert_eq!((offset, byte, line, column), (14, 0xE9, 2, 3));
            }
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }

    #[test]
    fn decode_drops_the_byte_order_mark() {
        assert_eq!(decode(b"\xEF\xBB\xBFtekst".to_vec()).unwrap(), "tekst");
    }

    #[test]
    fn summary_counts_in_dutch_and_english() {
        let t = Totals {
            errors: 2,
            warnings: 1,
            hints: 3,
            checked: 1,
            failed: 1,
            ..Totals::default()
        };
        assert_eq!(
            summary(&t, Lang::Nl),
            "2 fouten, 1 waarschuwing, 3 hints in 1 bestand; 1 bestand niet gecontroleerd"
        );
        assert_eq!(
            summary(&t, Lang::En),
            "2 errors, 1 warning, 3 hints in 1 file; 1 file could not be checked"
        );
    }
}
