//! LSP-level latency: the time from a one-character `didChange` to the diagnostics published for
//! that version, over stdio against the built `griffel` binary, on generated reports of 20 KB,
//! 1 MB and 10 MB with the diagnostics delay set to zero; next to a full parse + analysis of the
//! same text in this process, and the server's peak memory (VmHWM).
//!
//! `cargo bench --bench lsp` prints a table; `cargo test --bench lsp` runs one quick round.

#[path = "../tests/lsp_common/mod.rs"]
mod lsp_common;

use std::time::{Duration, Instant};

use griffel::analysis::{check_text, Config};
use lsp_common::{capabilities, Client};
use serde_json::json;

const SIZES: &[(&str, usize)] = &[
    ("20 KB", 20_000),
    ("1 MB", 1_000_000),
    ("10 MB", 10_000_000),
];

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
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The line and UTF-16 column of the middle of the first answer after `from` bytes.
fn edit_point(text: &str, from: usize) -> (u32, u32) {
    let at = text[from..]
        .find("Antwoord \n")
        .map(|i| from + i + "Antwoord \n".len())
        .unwrap_or(0);
    let line = text[..at].matches('\n').count() as u32;
    (line, 10)
}

async fn measure(label: &str, size: usize, edits: usize) {
    let text = griffel::synth::vso(size, 7);
    let cfg = Config::default();
    let full: Vec<Duration> = (0..edits.clamp(3, 10))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(check_text(&text, &cfg));
            t.elapsed()
        })
        .collect();
    let full = median(full);

    let mut c = Client::stdio(&[]);
    c.initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 0}))
        .await;
    let uri = "file:///bench/verslag.txt";
    let t = Instant::now();
    c.open(uri, &text, 1).await;
    let n_diags = c.diagnostics(uri, Some(1)).await.len();
    let open = t.elapsed();

    let mut latencies = Vec::with_capacity(edits);
    for k in 0..edits {
        // Type into answers spread over the document, alternating insert and delete so the text
        // returns to where it was.
        let (line, col) = edit_point(&text, (k * 7919 * 13) % text.len());
        let version = 2 + k as i32;
        let t = Instant::now();
        if k % 2 == 0 {
            c.change(uri, version, [line, col, line, col], "x").await;
        } else {
            c.change(uri, version, [line, col, line, col + 1], "").await;
        }
        c.diagnostics(uri, Some(version)).await;
        latencies.push(t.elapsed());
    }
    let pid = c.child.as_ref().and_then(|ch| ch.id());
    let rss = pid.and_then(peak_rss);
    c.shutdown().await;
    let edit = median(latencies);
    println!(
        "| {label} | {} | {n_diags} | {} | {} | {} | {:.0}× | {} |",
        text.len(),
        fmt(open),
        fmt(edit),
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

fn main() {
    // `cargo test --bench lsp` passes no `--bench`: one small round, so the harness is exercised.
    let quick = !std::env::args().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("\ngriffel LSP benchmark: didChange (one character) -> publishDiagnostics, over stdio, delay 0");
    println!("| size | bytes | diagnostics | open -> diagnostics | edit -> diagnostics (median) | full parse+analysis (median) | speed-up | server peak RSS |");
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    rt.block_on(async {
        for &(label, size) in SIZES {
            if quick && size > 20_000 {
                continue;
            }
            measure(label, size, if quick { 4 } else { 40 }).await;
        }
    });
}
