//! Times converting a 10 MB report's diagnostics' offsets to positions in one sweep
//! (`Document::offsets_to_positions`), as the server does before publishing them.
use std::time::Instant;

fn main() {
    let text = griffel::synth::vso(10_000_000, 2025);
    let diags = griffel::analysis::check_text(&text, &griffel::analysis::Config::default());
    let doc = griffel::text::Document::new(&text);
    let mut offsets = Vec::new();
    for d in &diags {
        offsets.extend([d.range.start, d.range.end]);
        for r in &d.related {
            offsets.extend([r.range.start, r.range.end]);
        }
    }
    for enc in [
        griffel::text::PositionEncoding::Utf8,
        griffel::text::PositionEncoding::Utf16,
    ] {
        let n = 20;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(doc.offsets_to_positions(&offsets, enc));
        }
        eprintln!(
            "{} diagnostics, {} offsets, {enc:?}: {:?}",
            diags.len(),
            offsets.len(),
            t.elapsed() / n
        );
    }
}
