//! What a 10 MB report costs in memory, step by step as the server holds it (VmRSS from
//! /proc/self/status after each step): `cargo run --release --example profile_memory [MB]`.
fn mallinfo() -> String {
    let m = unsafe { libc::mallinfo2() };
    format!(
        "arena {:.1} MB, mmapped {:.1} MB, in use {:.1} MB, free {:.1} MB, releasable {:.1} MB",
        m.arena as f64 / 1e6,
        m.hblkhd as f64 / 1e6,
        m.uordblks as f64 / 1e6,
        m.fordblks as f64 / 1e6,
        m.keepcost as f64 / 1e6
    )
}

fn rss() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    kb("VmRSS:") / 1024.0
}

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let base = rss();
    let text = griffel::synth::vso(mb * 1_000_000, 2025);
    let step = |name: &str, before: &mut f64| {
        let now = rss();
        eprintln!(
            "{name:>28}: +{:6.1} MB (total {:6.1} MB)",
            now - *before,
            now - base
        );
        *before = now;
    };
    let mut at = rss();
    eprintln!("{:>28}: {:6.1} MB", "text", at - base);
    let doc = griffel::text::Document::new(&text);
    step("rope", &mut at);
    let parse = griffel::syntax::Parse::from_rope(doc.rope());
    step("parse (lines + report)", &mut at);
    let cfg = griffel::analysis::Config::default();
    let a = griffel::analysis::Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    step("analysis", &mut at);
    let b = griffel::analysis::Analysis::new_after(
        doc.rope().clone(),
        parse.report().clone(),
        &cfg,
        Some(&a),
    );
    step("a second analysis (after)", &mut at);
    let t = std::time::Instant::now();
    drop(a);
    let dropped = t.elapsed();
    step("first analysis dropped", &mut at);
    eprintln!("dropping an analysis took {dropped:?}");
    eprintln!("malloc: {}", mallinfo());
    eprintln!(
        "size_of LineInfo {}, Item {}, LineKind {}, PaperRef {}, Diagnostic {}",
        std::mem::size_of::<griffel::syntax::lexer::LineInfo>(),
        std::mem::size_of::<griffel::syntax::lexer::Item>(),
        std::mem::size_of::<griffel::syntax::lexer::LineKind>(),
        std::mem::size_of::<griffel::syntax::papers::PaperRef>(),
        std::mem::size_of::<griffel::analysis::Diagnostic>(),
    );
    let (items, held, cap) = parse.lines().item_counts();
    eprintln!("items {items} (arena {held}, capacity {cap})");
    eprintln!(
        "lines {}, diagnostics {}",
        parse.lines().len(),
        b.diagnostics.len()
    );
}
