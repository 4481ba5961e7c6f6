//! `griffel check` from the outside: the built binary on the shipped examples, the shared
//! sample, stdin and broken files; output shape, positions and exit codes.
//!
//! Assertions name codes the real analysis emits. Those that need the lead's analysis (not
//! the temporary stub that only finds `…`) are `#[ignore]`d with a reason: un-ignore them
//! after merging `main`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/vso-jbz-2025-10.txt"
);

fn griffel() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_griffel"));
    // Tests must not depend on the developer's terminal settings.
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    cmd
}

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// The sample lives beside the repository, not in it; without it the test says so and
/// returns, so a plain clone still tests green without pretending to have checked it.
fn sample() -> Option<PathBuf> {
    let p = PathBuf::from(SAMPLE);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("SKIP: shared sample not found at {SAMPLE}");
        None
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("griffel runs");
    Run {
        code: out.status.code().expect("exit code, not a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Parses JSON Lines output and checks every object against the documented shape.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| {
            let v: Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
            assert_shape(&v);
            v
        })
        .collect()
}

fn assert_shape(v: &Value) {
    let obj = v.as_object().expect("an object per line");
    let keys: Vec<&str> = obj.keys().map(|k| k.as_str()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        ["code", "file", "message", "range", "related", "severity"],
        "{v}"
    );
    assert!(v["file"].is_string(), "{v}");
    let code = v["code"].as_str().unwrap();
    assert!(
        code.len() == 6 && code.starts_with("GRF") && code[3..].bytes().all(|b| b.is_ascii_digit()),
        "{v}"
    );
    assert!(
        ["error", "warning", "information", "hint"].contains(&v["severity"].as_str().unwrap()),
        "{v}"
    );
    assert!(!v["message"].as_str().unwrap().is_empty(), "{v}");
    assert_range(&v["range"]);
    for r in v["related"].as_array().expect("related is an array") {
        assert_range(&r["range"]);
        assert!(r["message"].is_string(), "{r}");
    }
}

fn assert_range(r: &Value) {
    let pos = |p: &Value| {
        (
            p["line"].as_u64().unwrap(),
            p["character"].as_u64().unwrap(),
        )
    };
    assert!(pos(&r["start"]) <= pos(&r["end"]), "{r}");
}

/// `(code, 0-based line)` of every diagnostic.
fn codes_and_lines(diags: &[Value]) -> Vec<(String, u64)> {
    diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn has(diags: &[Value], code: &str, line0: u64) -> bool {
    codes_and_lines(diags)
        .iter()
        .any(|(c, l)| c == code && *l == line0)
}

// --- the shared sample -------------------------------------------------------------------

#[test]
fn sample_placeholder_date_is_reported_on_line_12() {
    let Some(sample) = sample() else { return };
    let r = run(griffel().args(["check", "--format", "json"]).arg(&sample));
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let diags = json_lines(&r.stdout);
    // `Bij brief van …  heeft`: the `…` is the 15th character of line 12.
    let d = diags
        .iter()
        .find(|d| d["code"] == "GRF401")
        .unwrap_or_else(|| panic!("no GRF401 in {}", r.stdout));
    assert_eq!(d["range"]["start"]["line"], 11);
    assert_eq!(d["range"]["start"]["character"], 14);
    assert_eq!(d["range"]["end"]["character"], 15);
    assert!(d["file"].as_str().unwrap().ends_with("vso-jbz-2025-10.txt"));
}

#[test]
fn sample_human_output_points_at_the_line_and_cuts_long_lines() {
    let Some(sample) = sample() else { return };
    let r = run(griffel().arg("check").arg(&sample));
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(
        r.stdout.contains("warning[GRF401]: waarschuwing:"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("vso-jbz-2025-10.txt:12:15"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("12 | Bij brief van …"), "{}", r.stdout);
    // The sample's paragraphs run to 1 300 characters; the output shows a window.
    let widest = r.stdout.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        widest <= 160,
        "a line of {widest} characters:\n{}",
        r.stdout
    );
    let last = r.stdout.lines().last().unwrap();
    assert!(last.ends_with("in 1 bestand"), "summary: {last}");
}

// --- the shipped examples ----------------------------------------------------------------

#[test]
fn examples_give_well_formed_json_with_their_placeholders() {
    let vso = example("vso-interleaved.txt");
    let lva = example("lva-genummerd.txt");
    let r = run(griffel()
        .args(["check", "--format", "json"])
        .arg(&vso)
        .arg(&lva));
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let diags = json_lines(&r.stdout);
    let files: Vec<&str> = diags.iter().map(|d| d["file"].as_str().unwrap()).collect();
    // Per file, in file order.
    let first_lva = files.iter().position(|f| f.ends_with("lva-genummerd.txt"));
    assert!(first_lva.is_some(), "{}", r.stdout);
    assert!(files[..first_lva.unwrap()]
        .iter()
        .all(|f| f.ends_with("vso-interleaved.txt")));
    let in_file = |name: &str| -> Vec<Value> {
        diags
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(name))
            .cloned()
            .collect()
    };
    // Both are drafts: the minister's letter has no date yet.
    assert!(
        has(&in_file("vso-interleaved.txt"), "GRF401", 10),
        "{}",
        r.stdout
    );
    assert!(
        has(&in_file("lva-genummerd.txt"), "GRF401", 6),
        "{}",
        r.stdout
    );
}

#[test]
fn examples_deliberate_issues_are_found() {
    let r = run(griffel()
        .args(["check", "--format", "json"])
        .arg(example("vso-interleaved.txt")));
    let vso = json_lines(&r.stdout);
    // CDA's question about the NVWA has an empty answer (line 63).
    assert!(has(&vso, "GRF103", 62), "{}", r.stdout);

    let r = run(griffel()
        .args(["check", "--format", "json"])
        .arg(example("lva-genummerd.txt")));
    let lva = json_lines(&r.stdout);
    // Question 12 is answered under `Antwoord op vraag 11:` (line 72).
    assert!(has(&lva, "GRF106", 71), "{}", r.stdout);
    // Nothing else is wrong with the numbering.
    for code in ["GRF101", "GRF102", "GRF104", "GRF105"] {
        assert!(
            !codes_and_lines(&lva).iter().any(|(c, _)| c == code),
            "{}",
            r.stdout
        );
    }
}

// --- stdin, positions, shape -------------------------------------------------------------

#[test]
fn stdin_is_read_for_a_dash() {
    let r = run(griffel()
        .args(["check", "-"])
        .write_stdin("Bij brief van … heeft de minister geantwoord.\n"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("--> <stdin>:1:15"), "{}", r.stdout);
    assert!(
        r.stdout.contains("0 fouten, 1 waarschuwing in 1 bestand"),
        "{}",
        r.stdout
    );
}

#[test]
fn json_columns_count_utf16_units() {
    // é is one UTF-16 unit and two bytes; the emoji two units and four bytes.
    let text = "regel\r\né😀 en … hier\n";
    let r = run(griffel()
        .args(["check", "--format", "json", "-"])
        .write_stdin(text));
    let diags = json_lines(&r.stdout);
    assert_eq!(diags.len(), 1, "{}", r.stdout);
    let d = &diags[0];
    assert_eq!(d["file"], "<stdin>");
    assert_eq!(d["range"]["start"]["line"], 1);
    assert_eq!(d["range"]["start"]["character"], 7); // é 1 + 😀 2 + " en " 4
    assert_eq!(d["range"]["end"]["character"], 8);
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["related"], serde_json::json!([]));
    // Field order as documented.
    assert!(r.stdout.starts_with("{\"file\":"), "{}", r.stdout);
}

#[test]
fn human_columns_count_characters() {
    let r = run(griffel()
        .args(["check", "-"])
        .write_stdin("é😀 en … hier\n"));
    // rustc counts characters: é, 😀, space, e, n, space, then … is the 7th.
    assert!(r.stdout.contains("<stdin>:1:7"), "{}", r.stdout);
}

/// Inputs that have tripped text handling: nothing, lone CRs, a BOM, tabs, a bidi override,
/// U+0085 (NEL, a line break to some libraries but not to editors) before a lone CR.
const ODD_INPUTS: &[&str] = &[
    "",
    "\n\n\r",
    "\u{FEFF}…",
    "…",
    "\t…\u{202E}…",
    "a\u{85}…\r…",
    "\t…\u{202E}\u{85}…\r…",
];

#[test]
fn odd_input_never_crashes_the_command() {
    // Whatever the analysis does, the command ends with a documented exit code: a panic
    // inside the analysis becomes an internal-error message for that file and exit 2.
    for input in ODD_INPUTS {
        for format in ["human", "json"] {
            let r = run(griffel()
                .args(["check", "--format", format, "-"])
                .arg(example("lva-genummerd.txt"))
                .write_stdin(*input));
            assert!([0, 1, 2].contains(&r.code), "{input:?}: {}", r.stderr);
            if r.code == 2 {
                assert!(r.stderr.contains("interne fout"), "{input:?}: {}", r.stderr);
            }
            // The other file is still checked.
            assert!(r.stdout.contains("lva-genummerd.txt"), "{input:?}");
            if format == "json" {
                json_lines(&r.stdout);
            }
        }
    }
}

#[test]
#[ignore = "the lexer panics on U+0085 before a lone CR (src/syntax/lexer.rs:633, byte index \
            inside a char); un-ignore when fixed"]
fn odd_input_is_analysed_without_a_panic() {
    for input in ODD_INPUTS {
        let r = run(griffel().args(["check", "-"]).write_stdin(*input));
        assert!(r.code == 0 || r.code == 1, "{input:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{input:?}: {}", r.stderr);
    }
}

#[test]
fn byte_order_mark_is_not_counted() {
    let r = run(griffel()
        .args(["check", "--format", "json", "-"])
        .write_stdin("\u{FEFF}…"));
    let diags = json_lines(&r.stdout);
    assert_eq!(diags[0]["range"]["start"]["character"], 0, "{}", r.stdout);
}

// --- files that cannot be checked --------------------------------------------------------

#[test]
fn missing_file_exits_2_and_the_others_are_still_checked() {
    let missing = example("bestaat-niet.txt");
    let r = run(griffel()
        .arg("check")
        .arg(&missing)
        .arg(example("vso-interleaved.txt")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bestaat-niet.txt"), "{}", r.stderr);
    assert!(r.stderr.contains("bestand bestaat niet"), "{}", r.stderr);
    assert!(
        r.stdout.contains("vso-interleaved.txt:11:15"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("in 1 bestand; 1 bestand niet gecontroleerd"),
        "{}",
        r.stdout
    );
}

#[test]
fn non_utf8_file_names_file_and_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    // "Caf\xE9 …" in Windows-1252: the é is byte 3 and not UTF-8.
    std::fs::write(&latin1, b"Caf\xE9 \x85").unwrap();
    let r = run(griffel()
        .arg("check")
        .arg(&latin1)
        .arg(example("lva-genummerd.txt")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("latin1.txt"), "{}", r.stderr);
    assert!(r.stderr.contains("geen geldige UTF-8"), "{}", r.stderr);
    assert!(r.stderr.contains("byte-offset 3"), "{}", r.stderr);
    assert!(r.stderr.contains("0xE9"), "{}", r.stderr);
    assert!(r.stdout.contains("lva-genummerd.txt:7:56"), "{}", r.stdout);
}

#[test]
fn a_directory_is_not_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(griffel().arg("check").arg(dir.path()));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(&dir.path().display().to_string()),
        "{}",
        r.stderr
    );
}

// --- exit codes and flags ----------------------------------------------------------------

#[test]
fn exit_0_without_errors() {
    let r = run(griffel()
        .args(["check", "-"])
        .write_stdin("Vraag 1\nHoeveel?\nAntwoord op vraag 1:\nVeel.\n"));
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[test]
fn exit_1_with_an_error_severity_diagnostic() {
    let r = run(griffel()
        .args(["check", "--severity", "GRF401=error", "-"])
        .write_stdin("Bij brief van … heeft\n"));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("error[GRF401]: fout:"), "{}", r.stdout);
    assert!(
        r.stdout.contains("1 fout, 0 waarschuwingen in 1 bestand"),
        "{}",
        r.stdout
    );
}

#[test]
fn exit_2_wins_over_1() {
    let r = run(griffel()
        .args([
            "check",
            "--severity",
            "grf401=fout",
            "bestaat-niet.txt",
            "-",
        ])
        .write_stdin("…"));
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("error[GRF401]"), "{}", r.stdout);
}

#[test]
fn severity_off_silences_a_code() {
    let r = run(griffel()
        .args(["check", "--format", "json", "--severity", "GRF401=off", "-"])
        .write_stdin("Bij brief van … heeft\n"));
    assert_eq!(r.code, 0);
    assert!(
        !codes_and_lines(&json_lines(&r.stdout))
            .iter()
            .any(|(c, _)| c == "GRF401"),
        "{}",
        r.stdout
    );
}

#[test]
fn unknown_code_in_severity_is_warned_about() {
    let r = run(griffel()
        .args(["check", "--severity", "GRF999=off", "-"])
        .write_stdin("Vraag 1\nHoeveel?\nAntwoord op vraag 1:\nVeel.\n"));
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("onbekende code GRF999"), "{}", r.stderr);
    let r = run(griffel()
        .args(["check", "--severity", "GRF101=off", "-"])
        .write_stdin("…"));
    assert_eq!(r.stderr, "");
}

#[test]
fn bad_flag_values_are_usage_errors() {
    for args in [
        ["check", "--severity", "GRF401"],
        ["check", "--severity", "GRF401=luid"],
        ["check", "--lang", "fr"],
    ] {
        let r = run(griffel().args(args).arg("-").write_stdin(""));
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains("error"), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn english_messages_with_lang_en() {
    let r = run(griffel()
        .args(["check", "--lang", "en", "nope.txt", "-"])
        .write_stdin("Bij brief van … heeft\n"));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error: cannot read nope.txt: no such file"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.contains("warning[GRF401]: "), "{}", r.stdout);
    assert!(!r.stdout.contains("waarschuwing"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("0 errors, 1 warning in 1 file; 1 file could not be checked"),
        "{}",
        r.stdout
    );
}

#[test]
fn output_is_plain_when_not_a_terminal() {
    let r = run(griffel().args(["check", "-"]).write_stdin("…"));
    assert!(!r.stdout.contains('\x1b'), "{:?}", r.stdout);
}

#[test]
fn version_and_help() {
    let r = run(griffel().arg("--version"));
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim(),
        format!("griffel {}", env!("CARGO_PKG_VERSION"))
    );
    let r = run(griffel().args(["check", "--help"]));
    assert_eq!(r.code, 0);
    for flag in ["--format", "--lang", "--severity", "--fracties", "FILE"] {
        assert!(r.stdout.contains(flag), "{flag}: {}", r.stdout);
    }
}

#[test]
fn check_without_files_is_a_usage_error() {
    let r = run(griffel().arg("check"));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("FILE"), "{}", r.stderr);
}

#[test]
fn readme_code_table_matches_the_analysis() {
    use griffel::analysis::{diagnostics::CODES, Severity};
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| GRF")).collect();
    assert_eq!(rows.len(), CODES.len(), "one row per code");
    for (code, severity, _, _) in CODES {
        let word = match severity {
            Severity::Error => "fout",
            Severity::Warning => "waarschuwing",
            Severity::Information => "informatie",
            Severity::Hint => "hint",
        };
        let row = format!("| {code} | {word} |");
        assert!(
            rows.iter().any(|r| r.starts_with(&row)),
            "README lacks `{row}`"
        );
    }
}
