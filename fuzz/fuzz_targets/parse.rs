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
        // Editing features: every edit in bounds, on char boundaries, sorted, not overlapping.
        for x in ide::code_actions_with(&a, at..at, &cfg, at % 2 == 0) {
            edits_ok(text, &x.edits);
            for &i in &x.fixes {
                assert!(i < a.diagnostics.len());
            }
        }
        for c in ide::completions(&a, at, &cfg).items {
            let _ = c;
        }
        if let Ok(edits) = ide::rename(&a, at, "Nieuwe naam", Lang::Nl) {
            edits_ok(text, &edits);
        }
        for h in ide::highlights(&a, at) {
            assert!(ok(&h.range));
        }
        for r in ide::selection_ranges(&a, at) {
            assert!(ok(&r));
        }
    }
    for t in ide::semantic_tokens(&a, None) {
        assert!(ok(&t.range));
    }
    for h in ide::inlay_hints(&a, 0..n, Lang::En) {
        assert!(h.offset <= n && text.is_char_boundary(h.offset));
    }
    // `griffel fix`: the safe fixes apply, and the result parses and analyses without a panic.
    let fixes = ide::safe_fixes(&a);
    edits_ok(text, &fixes);
    let fixed = ide::apply_edits(text, &fixes);
    let _ = check_text(&fixed, &cfg);
});

fn edits_ok(text: &str, edits: &[ide::TextEdit]) {
    let mut last = 0;
    for e in edits {
        let r = &e.range;
        assert!(r.start <= r.end && r.end <= text.len(), "{e:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{e:?}"
        );
        assert!(r.start >= last, "edits overlap or are unsorted: {edits:?}");
        last = r.end;
    }
}
