//! Parse, parse + the issue-2 rules, and parse + the full analysis (with cross-references) on
//! generated VSO reports of 20 KB, 1 MB and 10 MB, against a plain `memchr` newline count of the
//! same bytes (the floor any line-based parser pays).
//!
//! `cargo bench --bench parse` runs the criterion groups, then prints a table of medians from a
//! manual timing loop, because criterion does not hand its estimates back to the program.
//! On a shared machine: `cargo bench --bench parse -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use griffel::analysis::{check_text, diagnose_with, Config, Diagnostic, NoteIndex, Xrefs};
use griffel::syntax::Parse;

/// (label, bytes). The sizes.
const SIZES: &[(&str, usize)] = &[
    ("20 KB", 20_000),
    ("1 MB", 1_000_000),
    ("10 MB", 10_000_000),
];

const SEED: u64 = 2025;

/// The targets for 10 MB on one core.
const TARGET_10MB: Duration = Duration::from_millis(100);
const TARGET_RATIO: f64 = 30.0;

fn newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Parse + the issue-2 rules (questions and answers, notes, papers, placeholders, fracties,
/// limits): what `check_text` ran before cross-references (issue 4) existed. With no resolved
/// cross-references `diagnose_with` runs exactly those rules.
fn parse_and_rules(text: &str, cfg: &Config) -> Vec<Diagnostic> {
    let parse = Parse::new(text);
    let report = parse.report();
    let notes = NoteIndex::new(report);
    diagnose_with(report, &notes, &Xrefs::default(), &text, cfg)
}

fn criterion_groups(c: &mut Criterion) {
    let cfg = Config::default();
    let mut g = c.benchmark_group("parse");
    for &(label, size) in SIZES {
        let text = griffel::synth::vso(size, SEED);
        g.throughput(Throughput::Bytes(text.len() as u64));
        // Criterion's minimum; a 10 MB iteration is long enough to time on its own.
        g.sample_size(if size >= 1_000_000 { 10 } else { 50 });
        g.bench_with_input(BenchmarkId::new("parse+rules", label), &text, |b, t| {
            b.iter(|| parse_and_rules(black_box(t), &cfg))
        });
        g.bench_with_input(BenchmarkId::new("parse+analysis", label), &text, |b, t| {
            b.iter(|| check_text(black_box(t), &cfg))
        });
        g.bench_with_input(BenchmarkId::new("parse", label), &text, |b, t| {
            b.iter(|| Parse::new(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("memchr-newlines", label), &text, |b, t| {
            b.iter(|| newlines(black_box(t.as_bytes())))
        });
    }
    g.finish();
}

/// Times `fs` round-robin, `runs` rounds after one warm-up round, and returns each one's median.
/// Interleaving keeps a burst of load from another process (the machine is shared) from landing
/// on one measurement only.
fn medians<const N: usize>(runs: usize, fs: &mut [&mut dyn FnMut(); N]) -> [Duration; N] {
    for f in fs.iter_mut() {
        f();
    }
    let mut ts: [Vec<Duration>; N] = std::array::from_fn(|_| Vec::with_capacity(runs));
    for _ in 0..runs {
        for (f, t) in fs.iter_mut().zip(ts.iter_mut()) {
            let start = Instant::now();
            f();
            t.push(start.elapsed());
        }
    }
    ts.map(|mut t| {
        t.sort();
        t[t.len() / 2]
    })
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
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
    let cfg = Config::default();
    println!();
    println!("griffel parse benchmark: median of a manual timing loop, one thread");
    println!("rules = the issue-2 rules (no cross-references); analysis = everything, as `griffel check`");
    println!(
        "| size | bytes | questions | memchr \\n count | parse | ratio | parse+rules | MB/s | ratio | parse+analysis | ratio |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut verdict = None;
    for &(label, size) in SIZES {
        let (text, stats) = griffel::synth::vso_with_stats(size, SEED);
        // Enough runs for a stable median, few enough to stay short on a shared machine.
        let runs = (20_000_000 / size).clamp(7, 201);
        let [base, parse, rules, full] = medians(
            runs,
            &mut [
                &mut || {
                    black_box(newlines(black_box(text.as_bytes())));
                },
                &mut || {
                    black_box(Parse::new(black_box(&text)));
                },
                &mut || {
                    black_box(parse_and_rules(black_box(&text), &cfg));
                },
                &mut || {
                    black_box(check_text(black_box(&text), &cfg));
                },
            ],
        );
        let ratio = |d: Duration| d.as_secs_f64() / base.as_secs_f64();
        println!(
            "| {label} | {} | {} | {} | {} | {:.0}× | {} | {:.0} | {:.0}× | {} | {:.0}× |",
            text.len(),
            stats.questions,
            fmt_dur(base),
            fmt_dur(parse),
            ratio(parse),
            fmt_dur(rules),
            mb_per_s(text.len(), rules),
            ratio(rules),
            fmt_dur(full),
            ratio(full),
        );
        if size == 10_000_000 {
            verdict = Some([(rules, ratio(rules)), (full, ratio(full))]);
        }
    }
    if let Some(v) = verdict {
        let ok = |b: bool| if b { "met" } else { "MISSED" };
        println!();
        for ((d, ratio), what) in v.into_iter().zip(["parse+rules", "parse+analysis"]) {
            println!(
                "{what}: 10 MB < {} ms: {} ({}); within {TARGET_RATIO:.0}× memchr: {} ({ratio:.1}×)",
                TARGET_10MB.as_millis(),
                ok(d < TARGET_10MB),
                fmt_dur(d),
                ok(ratio <= TARGET_RATIO),
            );
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    criterion_groups(&mut c);
    c.final_summary();
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and should stay quick.
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--bench") && !args.iter().any(|a| a == "--list") {
        summary_table();
    }
}
