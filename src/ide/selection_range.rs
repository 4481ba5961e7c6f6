//! Selection range: grows word > sentence > paragraph > question or answer > question/answer
//! pair > topic > fractie section > section > document.

use std::ops::Range;

use crate::analysis::Analysis;

/// The ranges around `offset`, innermost first; each strictly contains the one before.
pub fn selection_ranges(a: &Analysis, offset: usize) -> Vec<Range<usize>> {
    let r = &a.report;
    let len = a.text.len_bytes();
    let offset = offset.min(len);
    let mut steps: Vec<Range<usize>> = Vec::new();
    let line = a.text.try_byte_to_line(offset).unwrap_or(0);
    let line_start = a.text.try_line_to_byte(line).unwrap_or(0);
    let line_end = super::code_actions::line_content_end(a, line);
    let content = a
        .text
        .get_byte_slice(line_start..line_end)
        .map(|s| s.to_string())
        .unwrap_or_default();
    let mut at = (offset - line_start).min(content.len());
    while !content.is_char_boundary(at) {
        at -= 1;
    }
    if let Some(w) = word(&content, at) {
        steps.push(line_start + w.start..line_start + w.end);
    }
    let s = sentence(&content, at);
    steps.push(line_start + s.start..line_start + s.end);
    let trimmed = content.trim_end();
    let lead = content.len() - content.trim_start().len();
    steps.push(line_start + lead.min(trimmed.len())..line_start + trimmed.len());
    // The question or answer, then the pair.
    let qi = r
        .questions
        .partition_point(|q| q.range().start <= offset)
        .checked_sub(1)
        .filter(|&i| r.questions[i].range().end >= offset);
    if let Some(q) = qi.map(|i| &r.questions[i]) {
        if q.block().start <= offset && offset <= q.block().end {
            steps.push(q.text());
            steps.push(q.block());
        } else if let Some(ans) = &q.answer {
            steps.push(ans.body());
            let from = ans.marker().map_or(ans.body().start, |m| m.start);
            steps.push(from..ans.body().end);
        }
        steps.push(q.range());
    }
    let around = |x: &Range<usize>| x.start <= offset && offset <= x.end;
    if let Some(t) = r.topics.iter().find(|t| around(&t.range)) {
        steps.push(t.range.clone());
    }
    if let Some(f) = r.fracties.iter().find(|f| around(&f.range)) {
        steps.push(f.range.clone());
    }
    if let Some(s) = r.sections.iter().find(|s| around(&s.range)) {
        steps.push(s.range.clone());
    }
    steps.push(0..len);
    // Keep a chain where each step contains the last and is larger.
    let mut out: Vec<Range<usize>> = Vec::with_capacity(steps.len());
    for s in steps {
        if s.start > offset || s.end < offset || s.start > s.end {
            continue;
        }
        match out.last() {
            Some(l) if s.start <= l.start && l.end <= s.end && s != *l => out.push(s),
            None => out.push(s),
            _ => {}
        }
    }
    out
}

/// The word around `at` (letters, digits, hyphens), if the cursor touches one.
fn word(line: &str, at: usize) -> Option<Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '\u{2019}';
    let start = line[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_word(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = at
        + line[at..]
            .char_indices()
            .find(|&(_, c)| !is_word(c))
            .map_or(line.len() - at, |(i, _)| i);
    (end > start).then_some(start..end)
}

/// The sentence around `at`: it ends after `.`, `?`, `!` or `…` followed by a space and a
/// capital, an opening quote or bracket (so `nr. 967`, `jl., toen` and `t.a.v. dit` do not end
/// one).
fn sentence(line: &str, at: usize) -> Range<usize> {
    let bounds = sentence_starts(line);
    let start = bounds
        .iter()
        .copied()
        .filter(|&b| b <= at)
        .max()
        .unwrap_or(0);
    let end = bounds
        .iter()
        .copied()
        .find(|&b| b > at)
        .unwrap_or(line.len());
    let s = &line[start..end];
    start..start + s.trim_end().len().max(at.saturating_sub(start))
}

/// Where the sentences of `text` start (the first at 0), by the rule of [`sentence`].
pub(crate) fn sentence_starts(line: &str) -> Vec<usize> {
    let mut bounds = vec![0];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        let mut j = k + 1;
        // Closing quotes and brackets belong to the sentence.
        while j < chars.len() && matches!(chars[j].1, '\u{2019}' | '\u{201D}' | '"' | ')') {
            j += 1;
        }
        let space_at = j;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == space_at || j >= chars.len() {
            continue;
        }
        let next = chars[j].1;
        if next.is_uppercase() || matches!(next, '\u{2018}' | '\u{201C}' | '(' | '[') {
            bounds.push(chars[j].0);
        }
    }
    bounds
}

/// The sentences of `text`, trimmed of surrounding whitespace (relative ranges).
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let starts = sentence_starts(text);
    starts
        .iter()
        .enumerate()
        .filter_map(|(i, &s)| {
            let e = starts.get(i + 1).copied().unwrap_or(text.len());
            let piece = &text[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let body = piece.trim();
            (!body.is_empty()).then(|| s + lead..s + lead + body.len())
        })
        .collect()
}
