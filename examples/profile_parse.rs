//! Times the parser's parts on a generated 10 MB report (and loops for `perf record`):
//! `cargo run --release --example profile_parse [runs] [only this part] [megabytes]`.
use std::time::Instant;

fn main() {
    let mb: f64 = std::env::args()
        .nth(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10.0);
    let text = griffel::synth::vso((mb * 1e6) as usize, 2025);
    let cfg = griffel::analysis::Config::default();
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let lines: Vec<&str> = text.lines().collect();
    let only = std::env::args().nth(2).unwrap_or_default();
    let time = |name: &str, f: &mut dyn FnMut()| {
        if !only.is_empty() && !name.contains(only.as_str()) {
            return;
        }
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
    // What `Parse::new` lexes with: one trigger scan over the whole text, into a line table.
    time("lex_text", &mut || {
        let mut out = griffel::syntax::lexer::Lines::with_capacity(text.len() / 64 + 1);
        griffel::syntax::lexer::lex_text(&text, &mut out);
        std::hint::black_box(out);
    });
    // Each line scanned for triggers on its own, then its references parsed.
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
    // What the bench's `parse+rules` times: the issue-2 rules, without cross-references.
    time("parse+rules", &mut || {
        let parse = griffel::syntax::Parse::new(&text);
        let report = parse.report();
        let notes = griffel::analysis::NoteIndex::new(report);
        std::hint::black_box(griffel::analysis::diagnose_with(
            report,
            &notes,
            &griffel::analysis::Xrefs::default(),
            &text.as_str(),
            &cfg,
        ));
    });
    time("check_text", &mut || {
        std::hint::black_box(griffel::analysis::check_text(&text, &cfg));
    });
    // The editing parts below need a parse of a rope and a full analysis first (xref included):
    // skipped when only an earlier part is asked for, so that a profile shows that part alone.
    let later = [
        "relex",
        "edit+build",
        "Analysis::new",
        "keystroke",
        "new_after",
    ];
    if !only.is_empty() && !later.iter().any(|name| name.contains(only.as_str())) {
        return;
    }
    let mut doc = griffel::text::Document::new(&text);
    let mut parse = griffel::syntax::Parse::new(&text);
    let at = text.len() / 2;
    let mut k = 0;
    time("relex", &mut || {
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "x")
        } else {
            doc.replace(at..at + 1, "")
        };
        k += 1;
        std::hint::black_box(parse.relex(doc.rope(), edit));
    });
    // `relex` alone leaves the report stale (the next edit would build it afresh).
    parse = griffel::syntax::Parse::from_rope(doc.rope());
    let mut walked = 0;
    time("edit+build", &mut || {
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "x")
        } else {
            doc.replace(at..at + 1, "")
        };
        k += 1;
        parse.edit(doc.rope(), edit);
        walked += parse.walked();
    });
    // A new line (the line table's length changes).
    time("edit+build nl", &mut || {
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "\n")
        } else {
            doc.replace(at..at + 1, "")
        };
        k += 1;
        parse.edit(doc.rope(), edit);
        walked += parse.walked();
    });
    // As in the server, where the previous analysis still holds the report: it is copied.
    time("edit+build shared", &mut || {
        let _held = parse.report().clone();
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "x")
        } else {
            doc.replace(at..at + 1, "")
        };
        k += 1;
        parse.edit(doc.rope(), edit);
        walked += parse.walked();
    });
    if walked > 0 {
        eprintln!(
            "{:>14}: {} lines in all (of {})",
            "walked",
            walked,
            parse.lines().len()
        );
    }
    time("Analysis::new", &mut || {
        std::hint::black_box(griffel::analysis::Analysis::new(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
        ));
    });
    // One keystroke as the server does it: edit the rope, re-lex, rebuild the report, and
    // analyse reusing the analysis of the version before (`Analysis::new_after`).
    let mut prev =
        griffel::analysis::Analysis::new(doc.rope().clone(), parse.report().clone(), &cfg);
    // In an answer in the middle of the report.
    let at = text[text.len() / 2..]
        .find("\nAntwoord")
        .map_or(text.len() / 2, |i| text.len() / 2 + i + 20);
    let mut analysis = std::time::Duration::ZERO;
    let mut editing = std::time::Duration::ZERO;
    let mut runs = 0;
    time("keystroke", &mut || {
        let edit = if k % 2 == 0 {
            doc.replace(at..at, "x")
        } else {
            doc.replace(at..at + 1, "")
        };
        k += 1;
        let t = Instant::now();
        parse.edit(doc.rope(), edit);
        editing += t.elapsed();
        let t = Instant::now();
        let next = griffel::analysis::Analysis::new_after(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
            Some(&prev),
        );
        analysis += t.elapsed();
        runs += 1;
        // The old analysis is dropped here, outside the analysis' timing (the server drops
        // it when no snapshot holds it any more).
        prev = next;
    });
    if runs > 0 {
        eprintln!("{:>14}: {:?}", "of which Parse::edit", editing / runs);
        eprintln!("{:>14}: {:?}", "of which new_after", analysis / runs);
    }
    time("new_after", &mut || {
        prev = griffel::analysis::Analysis::new_after(
            doc.rope().clone(),
            parse.report().clone(),
            &cfg,
            Some(&prev),
        );
    });
}
