//! Times the phases of cross-reference resolution on a generated 10 MB VSO.
use griffel::analysis::xref::{index::Index, phrase::recognise, resolve, similarity};
use griffel::syntax::Parse;
use std::time::Instant;
fn main() {
    let text = griffel::synth::vso(10_000_000, 2025);
    let p = Parse::new(&text);
    let r = p.report();
    for _ in 0..2 {
        let t = Instant::now();
        let mut n = 0;
        for q in &r.questions {
            n += recognise(&text[q.text()], q.text().start).len();
            if let Some(a) = &q.answer {
                n += recognise(&text[a.body()], a.body().start).len();
            }
        }
        let t1 = t.elapsed();
        let t = Instant::now();
        let ix = Index::new(r, &text.as_str());
        let t2 = t.elapsed();
        let t = Instant::now();
        let refs = resolve::resolve_all(r, &text.as_str());
        let t3 = t.elapsed();
        let t = Instant::now();
        let reps = similarity::repeats(r, &text.as_str(), &refs);
        let t4 = t.elapsed();
        println!(
            "recognise {t1:?} ({n}) index {t2:?} ({} terms) resolve_all {t3:?} repeats {t4:?} ({})",
            ix.vocab.n_terms(),
            reps.len()
        );
    }
}
