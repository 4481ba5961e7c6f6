//! Resolving every cross-reference of a generated 10 MB VSO (about 10 000 questions, a
//! cross-reference in about one answer in ten): recognition, index, resolution, chains and the
//! repeated-answer scan, i.e. `Xrefs::new` on a parsed report. Target: under 200 ms.
//!
//! `cargo bench --bench xref` (on a shared machine: `-- --warm-up-time 1 --measurement-time 3`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use griffel::analysis::{Analysis, Xrefs};
use griffel::syntax::Parse;

const SEED: u64 = 2025;
const TARGET: Duration = Duration::from_millis(200);

fn main() {
    let text = griffel::synth::vso(10_000_000, SEED);
    let parse = Parse::new(&text);
    let report = parse.report();
    let x = Xrefs::new(report, &text.as_str());
    let resolved = x.refs.iter().filter(|r| r.target.is_some()).count();
    let problems = x.refs.iter().filter(|r| r.problem.is_some()).count();
    let mut c = Criterion::default().configure_from_args().sample_size(10);
    c.bench_function("xref/resolve-all 10 MB", |b| {
        b.iter(|| Xrefs::new(black_box(report), &text.as_str()))
    });
    c.final_summary();
    // A plain median for the summary line (criterion does not hand its estimate back).
    let mut ts: Vec<Duration> = (0..7)
        .map(|_| {
            let t = Instant::now();
            black_box(Xrefs::new(report, &text.as_str()));
            t.elapsed()
        })
        .collect();
    ts.sort();
    let median = ts[ts.len() / 2];
    println!(
        "xref 10 MB: {} bytes, {} questions, {} references ({} resolved, {} with a problem), {} repeated answers; median {:.1} ms (target {} ms): {}",
        text.len(),
        report.questions.len(),
        x.refs.len(),
        resolved,
        problems,
        x.repeats.len(),
        median.as_secs_f64() * 1000.0,
        TARGET.as_millis(),
        if median < TARGET { "met" } else { "NOT met" }
    );
    // One keystroke in an answer in the middle, analysed with the version before
    // (`Analysis::new_after`, what the language server does: cross-references and rules);
    // the parse is outside the timing.
    let at = text[text.len() / 2..]
        .find("\nAntwoord")
        .map_or(text.len() / 2, |i| text.len() / 2 + i + 20);
    let cfg = griffel::analysis::Config::default();
    let mut doc = griffel::text::Document::new(&text);
    let mut parse = Parse::new(&text);
    let mut prev = Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    let mut ts = Vec::new();
    for k in 0..12 {
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "x")
        } else {
            doc.replace(at..at + 1, "")
        };
        parse.edit(doc.rope(), edit);
        let t = Instant::now();
        let next = Analysis::new_after(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
            Some(&prev),
        );
        ts.push(t.elapsed());
        prev = next;
    }
    ts.sort();
    println!(
        "10 MB, one keystroke in an answer with the version before (Analysis::new_after): median of {} {:.2} ms",
        ts.len(),
        ts[ts.len() / 2].as_secs_f64() * 1000.0
    );
}
