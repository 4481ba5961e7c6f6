//! Semantic tokens for generated VSO reports of 20 KB, 1 MB and 10 MB: the report's tokens
//! (`ide::semantic_tokens`, flattened and sorted) and their protocol encoding in UTF-16, split per
//! line (`lsp::encode_semantic_tokens`), on an analysis computed beforehand, as the server does
//! for a `textDocument/semanticTokens/full` on a document it has analysed.
//!
//! `cargo bench --bench ide` runs the criterion group, then prints a table of medians from a
//! manual timing loop. On a shared machine:
//! `cargo bench --bench ide -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use griffel::analysis::{Analysis, Config};
use griffel::ide::{code_actions_with, semantic_tokens};
use griffel::lsp::encode_semantic_tokens;
use griffel::syntax::Parse;
use griffel::text::{PositionEncoding, Rope};

const SIZES: &[(&str, usize)] = &[
    ("20 KB", 20_000),
    ("1 MB", 1_000_000),
    ("10 MB", 10_000_000),
];

const SEED: u64 = 2025;

/// The target for the 10 MB report.
const TARGET_10MB: Duration = Duration::from_millis(50);

fn analysis(text: &str) -> Analysis {
    let parse = Parse::new(text);
    Analysis::new(
        Rope::from_str(text),
        parse.report().clone(),
        &Config::default(),
    )
}

fn full(a: &Analysis) -> usize {
    let tokens = semantic_tokens(a, None);
    encode_semantic_tokens(&a.text, &tokens, PositionEncoding::Utf16, false).len()
}

fn criterion_groups(c: &mut Criterion) {
    let mut g = c.benchmark_group("semantic_tokens");
    for &(label, size) in SIZES {
        let text = griffel::synth::vso(size, SEED);
        let a = analysis(&text);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(if size >= 1_000_000 { 10 } else { 50 });
        g.bench_with_input(BenchmarkId::new("tokens+encode", label), &a, |b, a| {
            b.iter(|| full(black_box(a)))
        });
        g.bench_with_input(BenchmarkId::new("tokens", label), &a, |b, a| {
            b.iter(|| semantic_tokens(black_box(a), None))
        });
    }
    g.finish();
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut ts: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    ts.sort();
    ts[ts.len() / 2]
}

fn fmt_dur(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us >= 1000.0 {
        format!("{:.1} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn summary_table() {
    println!();
    println!("griffel semantic tokens benchmark: median of a manual timing loop, one thread");
    println!("| size | bytes | tokens | protocol tokens | tokens | tokens+encode (UTF-16) |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut verdict = None;
    for &(label, size) in SIZES {
        let text = griffel::synth::vso(size, SEED);
        let a = analysis(&text);
        let runs = (20_000_000 / size).clamp(11, 201);
        let n_tokens = semantic_tokens(&a, None).len();
        let n_encoded = full(&a);
        let tokens = median(runs, || {
            black_box(semantic_tokens(black_box(&a), None));
        });
        let both = median(runs, || {
            black_box(full(black_box(&a)));
        });
        println!(
            "| {label} | {} | {n_tokens} | {n_encoded} | {} | {} |",
            text.len(),
            fmt_dur(tokens),
            fmt_dur(both)
        );
        if size == 10_000_000 {
            verdict = Some(both);
        }
    }
    // Code actions on 10 MB: what a request on every cursor move costs, and `source.fixAll`.
    let text = griffel::synth::vso(10_000_000, SEED);
    let a = analysis(&text);
    let cfg = Config::default();
    let at = text.len() / 2;
    let cursor = median(21, || {
        black_box(code_actions_with(black_box(&a), at..at, &cfg, false));
    });
    let mut fixes = 0;
    let fix_all = median(11, || {
        fixes = code_actions_with(black_box(&a), at..at, &cfg, true)
            .last()
            .map_or(0, |x| x.edits.len());
    });
    println!();
    println!(
        "10 MB code actions: at a cursor {}, with source.fixAll ({fixes} edits) {}",
        fmt_dur(cursor),
        fmt_dur(fix_all)
    );
    if let Some(both) = verdict {
        println!();
        println!(
            "target 10 MB semantic tokens < {} ms: {} ({})",
            TARGET_10MB.as_millis(),
            if both < TARGET_10MB { "met" } else { "MISSED" },
            fmt_dur(both)
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    criterion_groups(&mut c);
    c.final_summary();
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list") {
        summary_table();
    }
}
