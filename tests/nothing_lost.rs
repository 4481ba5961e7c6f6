//! Nothing lost: `griffel fix` writes through a temporary file and a rename, keeps permissions,
//! byte order mark and line endings, round-trips a file byte for byte when nothing is fixed, and
//! leaves a file it cannot read untouched; a code action's edit carries the version it was
//! computed for, and a request made with another version's diagnostics gets no edit.
//!
//! Each test says it skips when the feature is not in this build (`griffel fix` and code actions
//! come with the `edit` branch).

mod lsp_common;
use lsp_common as common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

use common::{capabilities, position, Client};
use serde_json::{json, Value};

fn griffel() -> Command {
    Command::new(env!("CARGO_BIN_EXE_griffel"))
}

/// Whether this build has `griffel fix`.
fn has_fix() -> bool {
    let ok = griffel()
        .args(["fix", "--help"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("skipping: `griffel fix` is not in this build");
    }
    ok
}

/// Runs `griffel fix` in `dir` and returns the exit code.
fn fix(dir: &Path, files: &[&str]) -> Option<i32> {
    let out = griffel()
        .current_dir(dir)
        .arg("fix")
        .args(files)
        .output()
        .expect("run griffel fix");
    out.status.code()
}

/// A clean draft: nothing for `fix` to do.
const CLEAN: &str = "Vragen en opmerkingen van de leden van de VVD-fractie\n\
    De leden van de VVD-fractie vragen of de minister dit kan toelichten?\n\
    Antwoord \n\
    Ja, zie de brief (Kamerstuk 32 317, nr. 970).";

/// The same draft with a reference out of house style, which `fix` rewrites.
const FIXABLE: &str = "Vragen en opmerkingen van de leden van de VVD-fractie\n\
    De leden van de VVD-fractie vragen of de minister dit kan toelichten?\n\
    Antwoord \n\
    Ja, zie de brief (Kamerstuk 32317, nr. 970).";

/// `text` with CRLF line ends, a BOM, and a final newline, as asked.
fn variant(text: &str, crlf: bool, bom: bool, final_newline: bool) -> Vec<u8> {
    let mut s = String::new();
    if bom {
        s.push('\u{feff}');
    }
    s.push_str(text);
    if final_newline {
        s.push('\n');
    }
    if crlf {
        s = s.replace('\n', "\r\n");
    }
    s.into_bytes()
}

#[test]
fn a_file_with_nothing_to_fix_round_trips_byte_for_byte() {
    if !has_fix() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for crlf in [false, true] {
        for bom in [false, true] {
            for final_newline in [false, true] {
                let bytes = variant(CLEAN, crlf, bom, final_newline);
                let path = dir.path().join("schoon.txt");
                std::fs::write(&path, &bytes).unwrap();
                let before = std::fs::metadata(&path).unwrap();
                assert_eq!(fix(dir.path(), &["schoon.txt"]), Some(0));
                assert_eq!(
                    std::fs::read(&path).unwrap(),
                    bytes,
                    "crlf {crlf} bom {bom} final newline {final_newline}"
                );
                // Not even rewritten: the same file.
                assert_eq!(std::fs::metadata(&path).unwrap().ino(), before.ino());
            }
        }
    }
}

#[test]
fn a_fix_keeps_bom_line_endings_final_line_and_permissions_and_replaces_atomically() {
    if !has_fix() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for crlf in [false, true] {
        for bom in [false, true] {
            for final_newline in [false, true] {
                let bytes = variant(FIXABLE, crlf, bom, final_newline);
                let want = variant(CLEAN, crlf, bom, final_newline);
                let path = dir.path().join("concept.txt");
                std::fs::write(&path, &bytes).unwrap();
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
                let before = std::fs::metadata(&path).unwrap();
                assert_eq!(fix(dir.path(), &["concept.txt"]), Some(0));
                let got = std::fs::read(&path).unwrap();
                assert_eq!(
                    String::from_utf8_lossy(&got),
                    String::from_utf8_lossy(&want),
                    "crlf {crlf} bom {bom} final newline {final_newline}"
                );
                let after = std::fs::metadata(&path).unwrap();
                assert_eq!(after.permissions().mode() & 0o7777, 0o640);
                // Written to a new file that was renamed over the old one.
                assert_ne!(after.ino(), before.ino(), "not replaced by a rename");
                let left: Vec<_> = std::fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name())
                    .collect();
                assert_eq!(left, ["concept.txt"], "temporary files left behind");
            }
        }
    }
}

#[test]
fn files_it_cannot_read_are_left_untouched_and_the_others_fixed() {
    if !has_fix() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // Not UTF-8: a Latin-1 é in the middle of a fixable reference.
    let mut latin1 = FIXABLE.as_bytes().to_vec();
    latin1.extend_from_slice(b"\nCaf\xe9 (Kamerstuk 32317, nr. 971)\n");
    std::fs::write(dir.path().join("latin1.txt"), &latin1).unwrap();
    std::fs::write(dir.path().join("goed.txt"), FIXABLE).unwrap();
    let code = fix(dir.path(), &["latin1.txt", "ontbreekt.txt", "goed.txt"]);
    assert_eq!(code, Some(2), "unreadable files give exit code 2");
    assert_eq!(
        std::fs::read(dir.path().join("latin1.txt")).unwrap(),
        latin1
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("goed.txt")).unwrap(),
        CLEAN
    );
    assert!(!dir.path().join("ontbreekt.txt").exists());
}

#[test]
fn a_symbolic_link_stays_a_link_and_its_target_is_fixed() {
    if !has_fix() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("echt.txt"), FIXABLE).unwrap();
    std::os::unix::fs::symlink("echt.txt", dir.path().join("link.txt")).unwrap();
    assert_eq!(fix(dir.path(), &["link.txt"]), Some(0));
    assert!(std::fs::symlink_metadata(dir.path().join("link.txt"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("echt.txt")).unwrap(),
        CLEAN
    );
}

/// The code actions at the house-style reference of `text`, with the given client diagnostics.
async fn actions_at(c: &mut Client, uri: &str, text: &str, diagnostics: Value) -> Value {
    let (l, ch) = common::pos(text, "Kamerstuk 32317", "utf-16");
    c.request_raw(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri},
               "range": {"start": position(l, ch), "end": position(l, ch + 3)},
               "context": {"diagnostics": diagnostics}}),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_code_action_carries_its_version_and_is_refused_for_another() {
    let uri = "file:///tmp/versie.txt";
    let mut c = Client::in_memory();
    let mut caps = capabilities(&["utf-16"]);
    caps["workspace"]["workspaceEdit"] = json!({"documentChanges": true});
    c.initialize(caps, json!({"diagnosticsDelayMs": 0})).await;
    c.open(uri, FIXABLE, 1).await;
    let diags = c.diagnostics(uri, Some(1)).await;
    let r = actions_at(&mut c, uri, FIXABLE, json!(diags)).await;
    if r["error"]["code"] == -32601 {
        eprintln!("skipping: code actions are not in this build");
        return;
    }
    let actions = r["result"].as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| a["edit"].is_object())
        .unwrap_or_else(|| panic!("no action with an edit: {r}"));
    let changes = &fix["edit"]["documentChanges"];
    assert_eq!(changes[0]["textDocument"]["uri"], uri, "{fix}");
    assert_eq!(changes[0]["textDocument"]["version"], 1, "{fix}");

    // The user types a line above: version 2. An edit for version 1 is never offered again: with
    // version 1's diagnostics the request gets no edit; with version 2's it carries version 2.
    c.change(uri, 2, [0, 0, 0, 0], "Nieuwe eerste regel\n")
        .await;
    let text2 = format!("Nieuwe eerste regel\n{FIXABLE}");
    let diags2 = c.diagnostics(uri, Some(2)).await;
    let stale = actions_at(&mut c, uri, &text2, json!(diags)).await;
    let stale_edits: Vec<_> = stale["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|a| a["edit"].is_object())
        .collect();
    assert!(
        stale_edits.is_empty(),
        "an edit computed against another version's diagnostics: {stale}"
    );
    let fresh = actions_at(&mut c, uri, &text2, json!(diags2)).await;
    let fresh_fix = fresh["result"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["edit"].is_object())
        .cloned()
        .unwrap_or_else(|| panic!("no action with an edit: {fresh}"));
    assert_eq!(
        fresh_fix["edit"]["documentChanges"][0]["textDocument"]["version"],
        2
    );
}
