//! Soak test over stdio: a generated report, tens of thousands of random incremental edits
//! (typing, deleting, pasting whole questions, emoji, CRLF) interleaved with hover, definition,
//! symbols, completion and code-action requests and some `$/cancelRequest`s. At the end the
//! server's diagnostics and outline must equal a fresh server's on the final text, no request
//! may have failed unexpectedly, and the server's memory must not have grown past a bound.
//!
//! Reported, not timed: it prints its figures. Normal suite: a 100 KB report and 5 000 edits.
//! Full size (the figures in BENCHMARKS.md):
//! `GRIFFEL_SOAK=full cargo test --release --test soak -- --nocapture` (1 MB, 100 000 edits).
//! `GRIFFEL_SOAK_SEED=n` replays another sequence.

mod lsp_common;
use lsp_common as common;

use std::time::Instant;

use common::{capabilities, Client};
use serde_json::{json, Value};
use tokio::sync::oneshot;

const URI: &str = "file:///tmp/soak.txt";

/// xorshift64*: deterministic, so a failure replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The client's copy of the text with its line starts (LSP lines: `\n`, `\r\n`, lone `\r`),
/// computed here independently of the server's text layer.
struct Text {
    text: String,
    starts: Vec<usize>,
}

impl Text {
    fn new(text: String) -> Text {
        let mut t = Text {
            text,
            starts: Vec::new(),
        };
        t.index();
        t
    }

    fn index(&mut self) {
        self.starts.clear();
        self.starts.push(0);
        let b = self.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => self.starts.push(i + 1),
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    i += 1;
                    self.starts.push(i + 1);
                }
                b'\r' => self.starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
    }

    /// (line, UTF-16 column) of a byte offset.
    fn position(&self, at: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= at) - 1;
        let col = self.text[self.starts[line]..at].encode_utf16().count();
        (line as u32, col as u32)
    }

    /// A byte offset that a position can name: a char boundary, not between `\r` and `\n`.
    fn boundary(&self, mut at: usize) -> usize {
        at = at.min(self.text.len());
        let b = self.text.as_bytes();
        while !self.text.is_char_boundary(at)
            || (at > 0 && at < b.len() && b[at - 1] == b'\r' && b[at] == b'\n')
        {
            at -= 1;
        }
        at
    }

    fn replace(&mut self, a: usize, b: usize, with: &str) {
        self.text.replace_range(a..b, with);
        self.index();
    }
}

/// What the user types, one keystroke each.
const KEYS: &[&str] = &[
    "e", "n", " ", "a", "t", "?", ".", ",", "é", "ĳ", "…", "\u{a0}", "🙂", "👍🏽", "\n", "\r\n", "]",
    "[",
];

/// Requests sent while typing. Completion and code actions exist once the `edit` branch lands;
/// until then "method not found" is the expected answer.
const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/definition",
    "textDocument/documentSymbol",
    "textDocument/completion",
    "textDocument/codeAction",
    "textDocument/references",
    "textDocument/foldingRange",
];

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

#[derive(Default)]
struct Tally {
    ok: usize,
    cancelled: usize,
    not_implemented: usize,
    content_modified: usize,
}

fn judge(method: &str, r: &Value, tally: &mut Tally) {
    if r.get("result").is_some() {
        tally.ok += 1;
        return;
    }
    match r["error"]["code"].as_i64() {
        Some(-32800) => tally.cancelled += 1,
        Some(-32801) => tally.content_modified += 1,
        Some(-32601)
            if method == "textDocument/completion" || method == "textDocument/codeAction" =>
        {
            tally.not_implemented += 1
        }
        _ => panic!("{method} failed unexpectedly: {r}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn soak() {
    let full = std::env::var("GRIFFEL_SOAK").is_ok_and(|v| v == "full");
    let (bytes, edits) = if full {
        (1_000_000, 100_000)
    } else {
        (100_000, 5_000)
    };
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
    };
    let bytes = var("GRIFFEL_SOAK_BYTES").unwrap_or(bytes);
    let edits = var("GRIFFEL_SOAK_EDITS").unwrap_or(edits);
    let seed = std::env::var("GRIFFEL_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2025_u64);
    let original = griffel::synth::vso(bytes, 2025);
    // Whole questions to paste: a question line, its `Antwoord ` marker and the answer.
    let lines: Vec<&str> = original.split_inclusive('\n').collect();
    let questions: Vec<String> = (0..lines.len().saturating_sub(2))
        .filter(|&i| lines[i].trim_end().ends_with('?') && lines[i + 1].starts_with("Antwoord"))
        .map(|i| lines[i..i + 3].concat())
        .collect();
    assert!(!questions.is_empty());

    let mut text = Text::new(original.clone());
    let mut rng = Rng(seed | 1);
    let mut c = Client::stdio(&[]);
    let pid = c.child.as_ref().and_then(|c| c.id()).expect("pid");
    c.initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 30}))
        .await;
    let started = Instant::now();
    c.open(URI, &text.text, 0).await;
    c.diagnostics(URI, Some(0)).await;
    let (rss0, hwm0) = memory(pid);
    println!(
        "soak: {} bytes, {edits} edits, seed {seed:#x}; after open VmRSS {rss0:.1} MB, VmHWM {hwm0:.1} MB",
        text.text.len()
    );

    let mut pending: Vec<(&str, oneshot::Receiver<Value>)> = Vec::new();
    let mut tally = Tally::default();
    let mut requests = 0;
    let mut cancels = 0;
    let mut peak_rss = rss0;
    let (mut typed, mut deleted, mut pasted, mut cut) = (0, 0, 0, 0);
    let low = bytes * 7 / 10;
    let high = bytes * 13 / 10;
    // A cursor that moves like a user's: mostly where the last edit was.
    let mut cursor = text.text.len() / 2;
    for version in 1..=edits as i32 {
        if rng.chance(3) {
            cursor = rng.below(text.text.len() + 1);
        }
        let len = text.text.len();
        let roll = rng.below(100);
        let (a, b, insert): (usize, usize, String) = if roll < 60 && len < high {
            typed += 1;
            let at = text.boundary(cursor);
            (at, at, KEYS[rng.below(KEYS.len())].to_string())
        } else if roll < 85 && len > low {
            // Backspace or a selection deleted.
            deleted += 1;
            let n = if rng.chance(80) {
                1
            } else {
                1 + rng.below(200)
            };
            let b = text.boundary(cursor);
            let a = text.boundary(b.saturating_sub(n));
            (a, b, String::new())
        } else if roll < 92 && len < high {
            // Paste a whole question at a line start.
            pasted += 1;
            let line = text.starts.partition_point(|&s| s <= cursor.min(len)) - 1;
            let at = text.starts[line];
            (at, at, questions[rng.below(questions.len())].clone())
        } else if len > low {
            // Cut a whole line.
            cut += 1;
            let line = text.starts.partition_point(|&s| s <= cursor.min(len)) - 1;
            let a = text.starts[line];
            let b = text.starts.get(line + 1).copied().unwrap_or(len);
            (a, b, String::new())
        } else {
            typed += 1;
            let at = text.boundary(cursor);
            (at, at, "Kamerstuk 32 317, nr. 970 ".to_string())
        };
        let (l1, c1) = text.position(a);
        let (l2, c2) = text.position(b);
        c.change(URI, version, [l1, c1, l2, c2], &insert).await;
        text.replace(a, b, &insert);
        cursor = a + insert.len();

        if rng.chance(5) {
            let method = REQUESTS[rng.below(REQUESTS.len())];
            let at = text.boundary(rng.below(text.text.len() + 1));
            let (l, ch) = text.position(at);
            let pos = json!({"line": l, "character": ch});
            let params = match method {
                "textDocument/documentSymbol" | "textDocument/foldingRange" => {
                    json!({"textDocument": {"uri": URI}})
                }
                "textDocument/codeAction" => json!({"textDocument": {"uri": URI},
                    "range": {"start": pos, "end": pos}, "context": {"diagnostics": []}}),
                "textDocument/references" => json!({"textDocument": {"uri": URI},
                    "position": pos, "context": {"includeDeclaration": true}}),
                _ => json!({"textDocument": {"uri": URI}, "position": pos}),
            };
            let (id, rx) = c.start_request(method, params).await;
            requests += 1;
            if rng.chance(25) {
                c.notify("$/cancelRequest", json!({"id": id})).await;
                cancels += 1;
            }
            pending.push((method, rx));
        }
        // Now and then wait for every answer, as an editor does when the user pauses.
        if version % 500 == 0 || pending.len() >= 64 {
            for (method, rx) in pending.drain(..) {
                let r = tokio::time::timeout(common::TIMEOUT, rx)
                    .await
                    .unwrap_or_else(|_| panic!("no answer to {method}"))
                    .expect("reader gone");
                judge(method, &r, &mut tally);
            }
            let (rss, _) = memory(pid);
            peak_rss = peak_rss.max(rss);
            if version < edits as i32 {
                // Diagnostics of versions long gone; the final one is read at the end.
                c.drain_notifications();
            }
        }
        if edits >= 20_000 && version % 10_000 == 0 {
            let (rss, hwm) = memory(pid);
            println!(
                "soak: {version} edits, {:.1}s, {} bytes, VmRSS {rss:.1} MB, VmHWM {hwm:.1} MB",
                started.elapsed().as_secs_f64(),
                text.text.len()
            );
        }
    }
    for (method, rx) in pending.drain(..) {
        let r = tokio::time::timeout(common::TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no answer to {method}"))
            .expect("reader gone");
        judge(method, &r, &mut tally);
    }

    let diags = c.diagnostics(URI, Some(edits as i32)).await;
    let elapsed = started.elapsed();
    let outline = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let folds = c
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let (rss1, hwm1) = memory(pid);
    peak_rss = peak_rss.max(rss1);

    let mut fresh = Client::stdio(&[]);
    let fresh_pid = fresh.child.as_ref().and_then(|c| c.id()).expect("pid");
    fresh
        .initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 0}))
        .await;
    fresh.open(URI, &text.text, 1).await;
    let fresh_diags = fresh.diagnostics(URI, Some(1)).await;
    let fresh_outline = fresh
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let fresh_folds = fresh
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let (fresh_rss, fresh_hwm) = memory(fresh_pid);

    println!(
        "soak: {edits} edits ({typed} typed, {deleted} deleted, {pasted} questions pasted, {cut} lines cut) in {:.1}s ({:.0} edits/s); final text {} bytes, {} diagnostics",
        elapsed.as_secs_f64(),
        edits as f64 / elapsed.as_secs_f64(),
        text.text.len(),
        diags.len()
    );
    println!(
        "soak: {requests} requests ({cancels} cancelled by the client): {} answered, {} cancelled, {} content modified, {} not implemented yet",
        tally.ok, tally.cancelled, tally.content_modified, tally.not_implemented
    );
    println!(
        "soak: server memory: after open VmRSS {rss0:.1} MB / VmHWM {hwm0:.1} MB; peak VmRSS {peak_rss:.1} MB; at the end VmRSS {rss1:.1} MB / VmHWM {hwm1:.1} MB; a fresh server on the final text: VmRSS {fresh_rss:.1} MB / VmHWM {fresh_hwm:.1} MB"
    );

    assert_eq!(
        diags, fresh_diags,
        "diagnostics differ from a fresh server's"
    );
    assert_eq!(
        outline, fresh_outline,
        "outline differs from a fresh server's"
    );
    assert_eq!(folds, fresh_folds, "folding differs from a fresh server's");
    assert_eq!(
        requests,
        tally.ok + tally.cancelled + tally.content_modified + tally.not_implemented
    );
    // The bound: the server's peak stays within three times what a fresh server needs for the
    // final text, plus 64 MB. The live heap does not grow with the number of edits (measured with
    // a counting allocator, see BENCHMARKS.md); what RSS gains over a long session is the
    // allocator keeping freed memory (glibc arenas), which this bound allows for. A leak of a
    // kilobyte per edit would break it at full size.
    let bound = 3.0 * fresh_hwm.max(hwm0) + 64.0;
    assert!(
        hwm1 <= bound,
        "VmHWM {hwm1:.1} MB over the bound {bound:.1} MB (3 x a fresh server's {fresh_hwm:.1} MB + 64 MB)"
    );

    assert!(c.shutdown().await.expect("child").success());
    assert!(fresh.shutdown().await.expect("child").success());
}
