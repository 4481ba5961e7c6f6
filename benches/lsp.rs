//! LSP-level latency: the time from a one-character `didChange` to the diagnostics published for
//! that version, over stdio against the built `griffel` binary, on generated reports of 20 KB,
//! 1 MB and 10 MB with the diagnostics delay set to zero; next to a full parse + analysis of the
//! same text in this process, and the server's peak memory (VmHWM), which includes answering what
//! an editor asks for when it shows the document (outline, folding, links, lenses, tokens).
//!
//! The client is deliberately lean (framing by hand, the diagnostics skipped with serde's
//! `IgnoredAny`), so the figure is the server's, not a JSON tree being built in the client.
//!
//! `cargo bench --bench lsp` prints a table; `cargo test --bench lsp` runs one quick round.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use griffel::analysis::{check_text, Config};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::json;

const SIZES: &[(&str, usize)] = &[
    ("20 KB", 20_000),
    ("1 MB", 1_000_000),
    ("10 MB", 10_000_000),
];

#[derive(Deserialize)]
struct Message<R = IgnoredAny> {
    id: Option<serde_json::Value>,
    method: Option<String>,
    params: Option<Params>,
    /// A response's result, read as `R` (skipped by default).
    result: Option<R>,
}

/// The part of a pulled diagnostics report the bench counts.
#[derive(Deserialize)]
struct PullResult {
    items: Option<Vec<IgnoredAny>>,
}

#[derive(Deserialize)]
struct Params {
    version: Option<i32>,
    diagnostics: Option<Vec<IgnoredAny>>,
}

struct Server {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    next_id: i64,
    /// How long the last message took to parse (client side).
    last_parse: Duration,
}

impl Server {
    fn start() -> Server {
        // `GRIFFEL_BENCH_WRAP=heaptrack` runs the server under a profiler (or any command that
        // takes the program as its last arguments).
        let wrap = std::env::var("GRIFFEL_BENCH_WRAP").unwrap_or_default();
        let mut words = wrap.split_whitespace();
        let mut child = match words.next() {
            Some(cmd) => {
                let mut c = Command::new(cmd);
                c.args(words).arg(env!("CARGO_BIN_EXE_griffel"));
                c
            }
            None => Command::new(env!("CARGO_BIN_EXE_griffel")),
        }
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .env(
            "RUST_LOG",
            std::env::var("GRIFFEL_BENCH_LOG").unwrap_or_else(|_| "griffel=warn".into()),
        )
        .spawn()
        .expect("spawn griffel");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = BufReader::new(child.stdout.take().expect("stdout"));
        Server {
            child,
            stdin,
            stdout,
            next_id: 1,
            last_parse: Duration::ZERO,
        }
    }

    fn send(&mut self, msg: serde_json::Value) {
        let body = serde_json::to_vec(&msg).expect("json");
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).expect("write");
        self.stdin.write_all(&body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn read<R: serde::de::DeserializeOwned>(&mut self) -> Message<R> {
        let mut len = 0;
        loop {
            let mut line = String::new();
            self.stdout.read_line(&mut line).expect("read header");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length: ") {
                len = v.parse().expect("length");
            }
        }
        let mut body = vec![0; len];
        self.stdout.read_exact(&mut body).expect("read body");
        let t = Instant::now();
        let m = serde_json::from_slice(&body).expect("message");
        self.last_parse = t.elapsed();
        m
    }

    /// Sends a request and waits for its response, whose result is read as `R`.
    fn request_as<R: serde::de::DeserializeOwned>(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Message<R> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let m = self.read::<R>();
            if m.method.is_none() && m.id == Some(json!(id)) {
                return m;
            }
            if let (Some(_), Some(id)) = (&m.method, m.id) {
                // A request from the server (configuration, registration): answer it.
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": [null]}));
            }
        }
    }

    fn request(&mut self, method: &str, params: serde_json::Value) {
        self.request_as::<IgnoredAny>(method, params);
    }

    fn notify(&mut self, method: &str, params: serde_json::Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Waits for the diagnostics of `version`; returns how many there are.
    fn diagnostics(&mut self, version: i32) -> usize {
        loop {
            let m = self.read::<IgnoredAny>();
            if let (Some(_), Some(id)) = (&m.method, m.id) {
                self.send(json!({"jsonrpc": "2.0", "id": id, "result": [null]}));
                continue;
            }
            if m.method.as_deref() == Some("textDocument/publishDiagnostics") {
                if let Some(p) = m.params.filter(|p| p.version == Some(version)) {
                    return p.diagnostics.map_or(0, |d| d.len());
                }
            }
        }
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.0} µs")
    }
}

/// Peak resident memory of a process, from /proc (Linux); None elsewhere.
fn peak_rss(pid: u32) -> Option<u64> {
    status_kb(pid, "VmHWM:")
}

/// A memory figure of a process from /proc (Linux), in bytes.
fn status_kb(pid: u32, key: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A line inside an answer at about `from` bytes (0-based line number).
fn answer_line(text: &str, from: usize) -> u32 {
    let from = (0..=from)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let at = text[from..]
        .find("Antwoord \n")
        .map(|i| from + i + "Antwoord \n".len())
        .unwrap_or(0);
    text[..at].matches('\n').count() as u32
}

fn measure(label: &str, size: usize, edits: usize) {
    let text = griffel::synth::vso(size, 7);
    let cfg = Config::default();
    let full = median(
        (0..edits.clamp(3, 10))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(check_text(&text, &cfg));
                t.elapsed()
            })
            .collect(),
    );

    let mut s = Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16"]}},
               "initializationOptions": {"diagnosticsDelayMs": 0}}),
    );
    s.notify("initialized", json!({}));
    // What the server holds before any document (code pages, runtime, threads' stacks).
    let idle = status_kb(s.child.id(), "VmRSS:");
    let uri = "file:///bench/verslag.txt";
    let t = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "griffel", "version": 1, "text": text}}),
    );
    let n_diags = s.diagnostics(1);
    let open = t.elapsed();
    // What an editor asks for when it shows a document (VS Code: outline and breadcrumbs,
    // folding, links, code lenses, semantic tokens): part of the peak, as in real use.
    let t = Instant::now();
    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/documentLink",
        "textDocument/codeLens",
        "textDocument/semanticTokens/full",
    ] {
        s.request(method, json!({"textDocument": {"uri": uri}}));
    }
    let shown = t.elapsed();
    if std::env::var_os("GRIFFEL_BENCH_MEMORY").is_some() {
        let mb = |k| status_kb(s.child.id(), k).map_or(0.0, |b| b as f64 / 1e6);
        eprintln!(
            "{label}: after open VmRSS {:.1} MB, VmHWM {:.1} MB",
            mb("VmRSS:"),
            mb("VmHWM:")
        );
    }

    let mut latencies = Vec::with_capacity(edits);
    let mut parses = Vec::with_capacity(edits);
    for k in 0..edits {
        // Type into answers spread over the document; insert and delete in turn, so the text
        // comes back to where it was.
        let line = answer_line(&text, (k / 2 * 7919 * 131) % text.len());
        let version = 2 + k as i32;
        let (end, insert) = if k % 2 == 0 { (0, "x") } else { (1, "") };
        let t = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                 "end": {"line": line, "character": end}},
                                       "text": insert}]}),
        );
        s.diagnostics(version);
        latencies.push(t.elapsed());
        parses.push(s.last_parse);
    }
    let rss = peak_rss(s.child.id());
    s.request("shutdown", serde_json::Value::Null);
    s.notify("exit", serde_json::Value::Null);
    let _ = s.child.wait();
    let edit = median(latencies);
    let above = match (rss, idle) {
        (Some(r), Some(i)) => format!(
            "{:.1} MB ({:.1}×)",
            (r.saturating_sub(i)) as f64 / 1e6,
            r.saturating_sub(i) as f64 / text.len() as f64
        ),
        _ => "n/a".into(),
    };
    println!(
        "| {label} | {} | {n_diags} | {} | {} | {} | {} | {} | {:.1}× | {} | {above} |",
        text.len(),
        fmt(open),
        fmt(shown),
        fmt(edit),
        fmt(median(parses)),
        fmt(full),
        full.as_secs_f64() / edit.as_secs_f64(),
        rss.map(|r| format!(
            "{:.1} MB ({:.1}× the text)",
            r as f64 / 1e6,
            r as f64 / text.len() as f64
        ))
        .unwrap_or_else(|| "n/a".into()),
    );
}

/// The 3.17 pull model, as VS Code uses it: the time from a one-character `didChange` to the
/// answer of the `textDocument/diagnostic` request the client sends right after it.
fn measure_pull(label: &str, size: usize, edits: usize) {
    let text = griffel::synth::vso(size, 7);
    let mut s = Server::start();
    s.request(
        "initialize",
        json!({"processId": null, "rootUri": null,
               "capabilities": {"general": {"positionEncodings": ["utf-16"]},
                                "textDocument": {"diagnostic": {}}},
               "initializationOptions": {"diagnosticsDelayMs": 0}}),
    );
    s.notify("initialized", json!({}));
    let uri = "file:///bench/verslag.txt";
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "griffel", "version": 1, "text": text}}),
    );
    let pull = |s: &mut Server| {
        let m = s.request_as::<PullResult>(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        );
        m.result.and_then(|r| r.items).map_or(0, |i| i.len())
    };
    let t = Instant::now();
    let n = pull(&mut s);
    let first = t.elapsed();
    let mut latencies = Vec::with_capacity(edits);
    for k in 0..edits {
        let line = answer_line(&text, (k / 2 * 7919 * 131) % text.len());
        let (end, insert) = if k % 2 == 0 { (0, "x") } else { (1, "") };
        let t = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2 + k as i32},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                 "end": {"line": line, "character": end}},
                                       "text": insert}]}),
        );
        pull(&mut s);
        latencies.push(t.elapsed());
    }
    let rss = peak_rss(s.child.id());
    s.request("shutdown", serde_json::Value::Null);
    s.notify("exit", serde_json::Value::Null);
    let _ = s.child.wait();
    println!(
        "| {label} | {n} | {} | {} | {} |",
        fmt(first),
        fmt(median(latencies)),
        rss.map(|r| format!("{:.1} MB", r as f64 / 1e6))
            .unwrap_or_else(|| "n/a".into()),
    );
}

fn main() {
    // `cargo test --bench lsp` passes no `--bench`: one small round, so the harness is exercised.
    let quick = !std::env::args().any(|a| a == "--bench");
    println!("\ngriffel LSP benchmark: didChange (one character) -> publishDiagnostics, over stdio, delay 0");
    println!("| size | bytes | diagnostics | open -> diagnostics | the editor's requests on open | edit -> diagnostics (median) | of which the client parsing the JSON | full parse+analysis (median) | speed-up | server peak RSS | peak above the idle server |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    // `cargo bench --bench lsp -- 10MB` runs only the sizes named (spaces left out).
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    // The quick round (tests) takes only the smallest size.
    let sizes: Vec<(&str, usize)> = SIZES
        .iter()
        .copied()
        .filter(|&(label, size)| {
            !(quick && size > 20_000)
                && (only.is_empty() || only.iter().any(|o| *o == label.replace(' ', "")))
        })
        .collect();
    for &(label, size) in &sizes {
        measure(label, size, if quick { 4 } else { 40 });
    }
    println!("\nPulled diagnostics (textDocument/diagnostic, as VS Code asks): didChange -> the answer to the pull sent after it");
    println!("| size | diagnostics | open -> first pull answered | edit -> pull answered (median) | server peak RSS |");
    println!("|---|---:|---:|---:|---:|");
    for &(label, size) in &sizes {
        measure_pull(label, size, if quick { 4 } else { 20 });
    }
}
