//! A keystroke in a report that is one 10 MB paragraph, step by step (tests/limits.rs measures
//! it over stdio): `cargo run --release --example profile_line [MB]`.
use std::time::Instant;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let head =
        "De leden van de VVD-fractie vragen of de minister PM kan toelichten?[footnoteRef:2] ";
    let filler = "En verder gaat deze alinea nog lang door, met é en 🙂 en … ertussen. ";
    let mut line = String::from(head);
    while line.len() < mb * 1_000_000 {
        line.push_str(filler);
    }
    line.push_str(" XX [footnoteRef:9]");
    let text = format!("{line}\nAntwoord \nJa.\n");
    let cfg = griffel::analysis::Config::default();
    let mut doc = griffel::text::Document::new(&text);
    let t = Instant::now();
    let mut parse = griffel::syntax::Parse::from_rope(doc.rope());
    eprintln!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let mut a = griffel::analysis::Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    eprintln!("analysis {:?}", t.elapsed());
    for (k, at) in [line.len(), 5, line.len() / 2].into_iter().enumerate() {
        let t = Instant::now();
        let edit = doc.replace(at..at, "?");
        parse.edit(doc.rope(), edit);
        let edited = t.elapsed();
        let t = Instant::now();
        a = griffel::analysis::Analysis::new_after(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
            Some(&a),
        );
        eprintln!(
            "keystroke {k} at {at}: edit {edited:?}, new_after {:?}",
            t.elapsed()
        );
    }
}
