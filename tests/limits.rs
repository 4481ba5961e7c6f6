//! Limits: a very long line is lexed up to `MAX_LEXED_LINE` and GRF901 says so; an editor is sent
//! at most `MAX_PUBLISHED` diagnostics and GRF902 says so; a large document and a 10 MB line are
//! served over stdio while the server stays responsive to `$/cancelRequest` and `shutdown`.
//!
//! The stdio test runs on a 10 MB report in the normal suite. For the figures in the README:
//! `GRIFFEL_LIMITS=full cargo test --release --test limits -- --nocapture` (a 100 MB report).

mod lsp_common;
use lsp_common as common;

use std::time::{Duration, Instant};

use common::{capabilities, position, Client};
use griffel::analysis::limits::{published, MAX_PUBLISHED};
use griffel::analysis::{check_text, Config, Lang};
use griffel::syntax::lexer::MAX_LEXED_LINE;
use griffel::syntax::Parse;
use griffel::text::Document;
use serde_json::{json, Value};

/// A line of `n` bytes: prose with a footnote, a placeholder and a question near the start, and
/// a placeholder and a note reference far past the cut, which must not be seen.
fn long_line(n: usize) -> String {
    let head =
        "De leden van de VVD-fractie vragen of de minister PM kan toelichten?[footnoteRef:2] ";
    let filler = "En verder gaat deze alinea nog lang door, met é en 🙂 en … ertussen. ";
    let mut s = String::with_capacity(n + 200);
    s.push_str(head);
    while s.len() < n {
        s.push_str(filler);
    }
    s.push_str(" XX [footnoteRef:9]");
    s
}

#[test]
fn a_long_line_is_lexed_up_to_the_limit_and_said_so() {
    let line = long_line(3 * MAX_LEXED_LINE);
    let text =
        format!("Vragen en opmerkingen van de leden van de VVD-fractie\n{line}\nAntwoord \nJa.\n");
    let parse = Parse::new(&text);
    let r = parse.report();
    let start = text.find("De leden").unwrap();
    assert_eq!(r.long_lines.len(), 1);
    let cut = r.long_lines[0].start;
    assert!(cut - start <= MAX_LEXED_LINE && cut - start > MAX_LEXED_LINE - 4);
    assert!(text.is_char_boundary(cut));
    assert_eq!(r.long_lines[0].end, start + line.len());
    // Before the cut: the note reference and the placeholder; after it: nothing.
    assert_eq!(r.note_refs.len(), 1);
    assert!(r.placeholders.iter().all(|p| p.range.end <= cut));
    assert_eq!(r.questions.len(), 1, "the question before the cut is seen");

    let diags = check_text(&text, &Config::default());
    let grf901: Vec<_> = diags.iter().filter(|d| d.code == "GRF901").collect();
    assert_eq!(grf901.len(), 1, "{diags:#?}");
    assert_eq!(grf901[0].range, cut..cut);
    assert!(
        grf901[0].message.contains("te lang"),
        "{}",
        grf901[0].message
    );
    // The unread note reference is not reported as missing its body: it was not seen.
    assert!(diags
        .iter()
        .all(|d| d.range.end <= cut || d.code != "GRF201"));
}

#[test]
fn a_ten_megabyte_line_and_pathological_lines_are_linear() {
    // Each of these was slow or quadratic in the lexer before (fractie openings counted over the
    // whole line, a backwards scan per placeholder, a linear search per note body). At 10 MB
    // they now lex only the first MAX_LEXED_LINE bytes; at the limit itself they must be quick.
    for piece in [
        "De leden van de VVD-fractie vragen ",
        "-fractie",
        "[PM]",
        "[footnoteRef:2] [2: x] ",
        "… ",
        "[2: ",
        "http://x/…",
        // Read by hand since the single trigger scan: each must not rescan the rest of the line.
        "[bookmark: ",
        "[^a",
        "[footnoteRef:2",
        "\tComment by x: ",
        "Kamerstuk 32317-967 ",
        "2025D43823 21501-02-2179 (29 435, nr. 256) ",
        "[nog in te vullen ",
        "XXxx",
    ] {
        let line = piece.repeat(MAX_LEXED_LINE / piece.len());
        let t = Instant::now();
        let _ = check_text(&line, &Config::default());
        let small = t.elapsed();
        let big = piece.repeat(10_000_000 / piece.len());
        let t = Instant::now();
        let d = check_text(&big, &Config::default());
        let elapsed = t.elapsed();
        assert!(d.iter().any(|d| d.code == "GRF901"));
        println!("{piece:?}: 100 kB line {small:?}, 10 MB line {elapsed:?}");
    }
}

#[test]
fn incremental_parse_across_the_limit_equals_a_full_parse() {
    let line = long_line(MAX_LEXED_LINE - 50);
    let base = format!("Kop\r\n{line}\r\n{line}\nAntwoord \nJa.\n");
    let mut doc = Document::new(&base);
    let mut parse = Parse::new(&base);
    let check = |doc: &Document, parse: &Parse, what: &str| {
        let text = doc.rope().to_string();
        let full = Parse::new(&text);
        assert_eq!(parse.lines(), full.lines(), "{what}");
        assert_eq!(parse.report(), full.report(), "{what}");
    };
    let l1 = base.find("De leden").unwrap();
    let l2 = base.rfind("De leden").unwrap();
    let edits: Vec<(usize, usize, String, &str)> = vec![
        // Grow the first long line past the limit, then shrink it back.
        (l1 + 10, l1 + 10, "x".repeat(100), "grow past"),
        (l1 + 10, l1 + 110, String::new(), "shrink back"),
        (
            l1 + 10,
            l1 + 10,
            "🙂".repeat(30),
            "grow with emoji at the cut",
        ),
        // Join the two long lines (remove the CRLF between them), then split again with a CR.
        (l2 - 2, l2, String::new(), "join"),
        (l2 - 2, l2 - 2, "\r".into(), "split with a lone CR"),
        (l2 - 1, l2 - 1, "\n".into(), "CR becomes CRLF"),
        // Type past the cut of a long line.
        (
            l1 + MAX_LEXED_LINE + 20,
            l1 + MAX_LEXED_LINE + 20,
            "[footnoteRef:7]".into(),
            "past the cut",
        ),
        // Delete almost everything.
        (3, l2 + 10, String::new(), "delete"),
    ];
    for (a, b, insert, what) in edits {
        let len = doc.len_bytes();
        let (a, b) = (a.min(len), b.min(len));
        let edit = doc.replace(a..b, &insert);
        parse.edit(doc.rope(), edit);
        check(&doc, &parse, what);
    }
}

#[test]
fn an_editor_gets_at_most_max_published_diagnostics() {
    // A line of placeholders and a note body without reference, well over the limit.
    let text = "PM [2: x] \n".repeat(MAX_PUBLISHED);
    let all = check_text(&text, &Config::default());
    assert!(all.len() > MAX_PUBLISHED);
    let shown = published(&all, MAX_PUBLISHED, Lang::Nl);
    assert_eq!(shown.len(), MAX_PUBLISHED);
    assert_eq!(shown[0].code, "GRF902");
    assert!(shown[0].message.contains(&all.len().to_string()));
    // The most severe survive: every error of the full list is shown.
    let errors = |d: &[griffel::analysis::Diagnostic]| {
        d.iter()
            .filter(|d| d.severity == griffel::analysis::Severity::Error)
            .count()
    };
    assert_eq!(errors(&shown), errors(&all).min(MAX_PUBLISHED - 1));
}

/// VmRSS and VmHWM of a process, in MB.
fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_large_document_and_a_long_line_over_stdio() {
    let full = std::env::var("GRIFFEL_LIMITS").is_ok_and(|v| v == "full");
    let doc_mb = if full { 100 } else { 10 };
    let line_mb = 10;
    let big = griffel::synth::vso(doc_mb * 1_000_000, 2025);
    let line = long_line(line_mb * 1_000_000);

    let mut c = Client::stdio(&[]);
    let pid = c.child.as_ref().and_then(|c| c.id()).expect("pid");
    c.initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 0}))
        .await;
    println!(
        "limits: {} MB report ({} bytes), {} MB line",
        doc_mb,
        big.len(),
        line_mb
    );

    // Open the large document and, right behind it, a request, its cancellation and another.
    let uri = "file:///tmp/big.txt";
    let t = Instant::now();
    c.open(uri, &big, 1).await;
    let (id, pending) = c
        .start_request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    c.notify("$/cancelRequest", json!({"id": id})).await;
    let cancelled = tokio::time::timeout(common::TIMEOUT * 4, pending)
        .await
        .expect("no answer to a cancelled request")
        .expect("reader");
    assert!(
        cancelled.get("result").is_some() || cancelled["error"]["code"] == -32800,
        "{cancelled}"
    );
    let t_cancel = t.elapsed();
    let hover = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position(40, 3)}),
        )
        .await;
    let t_hover = t.elapsed();
    let diags = c.diagnostics(uri, Some(1)).await;
    let t_diags = t.elapsed();
    assert!(diags.len() <= MAX_PUBLISHED);
    let _ = hover;
    // One keystroke in the middle.
    let mid = big.len() / 2;
    let (l, ch) = common::offset_pos(&big, big[..mid].rfind('\n').unwrap() + 1, "utf-16");
    let t = Instant::now();
    c.change(uri, 2, [l, ch, l, ch], "é").await;
    let after = c.diagnostics(uri, Some(2)).await;
    let t_edit = t.elapsed();
    assert!(after.len() <= MAX_PUBLISHED);
    let (rss, hwm) = memory(pid);
    println!(
        "limits: open -> cancelled answer {t_cancel:.2?}, hover {t_hover:.2?}, diagnostics {t_diags:.2?} ({} shown); keystroke -> diagnostics {t_edit:.2?}; VmRSS {rss:.0} MB, VmHWM {hwm:.0} MB",
        diags.len()
    );
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    )
    .await;

    // The long line: GRF901, and a keystroke past the cut still gets an answer.
    let uri = "file:///tmp/line.txt";
    let text = format!("{line}\nAntwoord \nJa.\n");
    let t = Instant::now();
    c.open(uri, &text, 1).await;
    let diags = c.diagnostics(uri, Some(1)).await;
    let t_open = t.elapsed();
    assert!(
        diags.iter().any(|d| d["code"] == "GRF901"),
        "{:?}",
        diags.iter().map(|d| &d["code"]).collect::<Vec<_>>()
    );
    let end = common::offset_pos(&text, line.len(), "utf-16");
    let t = Instant::now();
    c.change(uri, 2, [end.0, end.1, end.0, end.1], "?").await;
    c.diagnostics(uri, Some(2)).await;
    let t_key_end = t.elapsed();
    let t = Instant::now();
    c.change(uri, 3, [0, 5, 0, 5], "é").await;
    c.diagnostics(uri, Some(3)).await;
    let t_key_start = t.elapsed();
    let syms = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert!(syms.is_array());
    let (rss, hwm) = memory(pid);
    println!(
        "limits: {line_mb} MB line: open -> diagnostics {t_open:.2?}; keystroke at its end {t_key_end:.2?}, at its start {t_key_start:.2?}; VmRSS {rss:.0} MB, VmHWM {hwm:.0} MB"
    );

    // Shutdown is answered at once, even right after another large open.
    c.open("file:///tmp/big2.txt", &big, 1).await;
    let t = Instant::now();
    let status = c.shutdown().await.expect("child");
    println!(
        "limits: large open -> shutdown and exit {:.2?}",
        t.elapsed()
    );
    assert!(status.success(), "{status:?}");
    let _ = Value::Null;
    let _ = Duration::ZERO;
}
