//! Helpers for the editing-feature tests: fixtures with a `$0` cursor, analyses, and renderings
//! of ranges and edits that a snapshot can hold.
#![allow(dead_code)]

use std::ops::Range;

use griffel::analysis::{Analysis, Config};
use griffel::ide::TextEdit;
use griffel::syntax::Parse;
use griffel::text::Rope;

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/samples/vso-jbz-2025-10.txt"
);

/// The shared sample, or None (after saying so) when this checkout has no `../shared`.
pub fn sample() -> Option<String> {
    match std::fs::read_to_string(SAMPLE) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("SKIPPED: the shared sample {SAMPLE} is not readable here ({e})");
            None
        }
    }
}

pub fn analyse(text: &str) -> Analysis {
    analyse_with(text, &Config::default())
}

pub fn analyse_with(text: &str, cfg: &Config) -> Analysis {
    let parse = Parse::new(text);
    Analysis::new(Rope::from_str(text), parse.report().clone(), cfg)
}

/// Removes the `$0` marker and returns the text and the cursor's byte offset.
pub fn cursor(fixture: &str) -> (String, usize) {
    let at = fixture.find("$0").expect("fixture has no $0");
    (fixture.replacen("$0", "", 1), at)
}

/// 1-based line and column (in chars) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// `l3:5-l3:9 "text"`: a range as a snapshot shows it.
pub fn show_range(text: &str, r: &Range<usize>) -> String {
    let (l1, c1) = line_col(text, r.start);
    let (l2, c2) = line_col(text, r.end);
    let s: String = text[r.clone()].chars().take(60).collect();
    format!("{l1}:{c1}-{l2}:{c2} {s:?}")
}

/// Each edit on its own line: where, what was there, what comes instead.
pub fn show_edits(text: &str, edits: &[TextEdit]) -> String {
    edits
        .iter()
        .map(|e| format!("{} -> {:?}\n", show_range(text, &e.range), e.new_text))
        .collect()
}
