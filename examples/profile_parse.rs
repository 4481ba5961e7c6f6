//! Times the parser's parts on a generated 10 MB report (and loops for `perf record`):
//! `cargo run --release --example profile_parse [runs]`.
use std::time::Instant;

fn main() {
    let text = griffel::synth::vso(10_000_000, 2025);
    let cfg = griffel::analysis::Config::default();
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let lines: Vec<&str> = text.lines().collect();
    let time = |name: &str, f: &mut dyn FnMut()| {
        let t = Instant::now();
        for _ in 0..n {
            f();
        }
        eprintln!("{name:>14}: {:?}", t.elapsed() / n);
    };
    time("lines", &mut || {
        std::hint::black_box(text.lines().count());
    });
    time("lex_line", &mut || {
        for l in &lines {
            std::hint::black_box(griffel::syntax::lexer::lex_line(l, 1));
        }
    });
    time("papers::scan", &mut || {
        let mut v = Vec::new();
        for l in &lines {
            v.clear();
            griffel::syntax::papers::scan(l, &mut v);
        }
    });
    time("Parse::new", &mut || {
        std::hint::black_box(griffel::syntax::Parse::new(&text));
    });
    time("check_text", &mut || {
        std::hint::black_box(griffel::analysis::check_text(&text, &cfg));
    });
}
