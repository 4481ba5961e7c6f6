//! The parser, the analysis and every editor feature on arbitrary bytes (as lossy UTF-8): no
//! panic, every range inside the text and on char boundaries, and a parse from a rope equal to
//! a parse from the string.
#![no_main]

use griffel::analysis::{check_text, Analysis, Config, Lang};
use griffel::ide;
use griffel::syntax::Parse;
use griffel::text::Document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;
    let ok = |r: &std::ops::Range<usize>| {
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
    };

    let parse = Parse::new(text);
    let doc = Document::new(text);
    let from_rope = Parse::from_rope(doc.rope());
    assert_eq!(parse.lines(), from_rope.lines());
    assert_eq!(parse.report(), from_rope.report());

    let cfg = Config::default();
    let diags = check_text(text, &cfg);
    for d in &diags {
        assert!(ok(&d.range), "{d:?}");
        for r in &d.related {
            assert!(ok(&r.range), "{d:?}");
        }
    }
    let a = Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    assert_eq!(a.diagnostics, diags);

    for lang in [Lang::Nl, Lang::En] {
        for s in ide::document_symbols(&a, lang) {
            assert!(ok(&s.range) && ok(&s.selection));
        }
    }
    for f in ide::folding_ranges(&a) {
        assert!(ok(&f.range));
    }
    for l in ide::document_links(&a) {
        assert!(ok(&l.range));
    }
    // Features at a handful of offsets, including inside characters and past the end.
    let n = text.len();
    for at in [0, 1, n / 3, n / 2, n.saturating_sub(1), n, n + 1] {
        if let Some(h) = ide::hover(&a, at, Lang::Nl) {
            assert!(ok(&h.range));
        }
        for t in ide::definition(&a, at) {
            assert!(ok(&t.range) && ok(&t.focus));
        }
        for r in ide::references(&a, at, true) {
            assert!(ok(&r));
        }
    }
});
