//! Prints every cross-reference of a file and where it resolves: `cargo run --example xref_dump FILE`.
use griffel::analysis::{check_text, Config, Xrefs};
use griffel::syntax::parse;

fn line(t: &str, o: usize) -> usize {
    t[..o.min(t.len())].matches('\n').count() + 1
}

fn main() {
    let path = std::env::args().nth(1).expect("FILE");
    let text = std::fs::read_to_string(&path).expect("read");
    let report = parse(&text);
    let x = Xrefs::new(&report, &text.as_str());
    for r in &x.refs {
        let t = |q: usize| line(&text, report.questions[q].text().end);
        println!(
            "l{} {:?} -> {:?} chain {:?} conf {:.2} {:?} {:?} cands {:?}",
            line(&text, r.range.start),
            &text[r.range.clone()],
            r.target.map(t),
            r.chain.iter().map(|&q| t(q)).collect::<Vec<_>>(),
            r.confidence,
            r.reasons,
            r.problem,
            r.candidates
                .iter()
                .map(|c| (t(c.question), (c.score * 100.0).round()))
                .collect::<Vec<_>>()
        );
    }
    for rep in &x.repeats {
        println!(
            "repeat l{} of l{} ({} words)",
            line(&text, rep.range.start),
            line(&text, rep.earlier_range.start),
            rep.words
        );
    }
    for d in check_text(&text, &Config::default()) {
        if d.code.starts_with("GRF6") {
            println!("{} l{} {}", d.code, line(&text, d.range.start), d.message);
        }
    }
}
