//! Document outline: header > section > fractie > topic > question.

use std::ops::Range;

use super::{question_label, snippet, text};
use crate::analysis::{Analysis, Lang};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Header,
    Section,
    Fractie,
    Topic,
    Question,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// Covers the whole element and all its children.
    pub range: Range<usize>,
    /// The heading or first line to select; inside `range`.
    pub selection: Range<usize>,
    pub children: Vec<Symbol>,
}

/// How many words of an unnumbered question name it in the outline.
const NAME_WORDS: usize = 8;

pub fn document_symbols(a: &Analysis, lang: Lang) -> Vec<Symbol> {
    let r = &a.report;
    let mut sections: Vec<Symbol> = r
        .sections
        .iter()
        .map(|s| {
            symbol(
                a,
                SymbolKind::Section,
                s.range.clone(),
                s.heading.clone(),
                None,
            )
        })
        .collect();
    let mut fracties: Vec<Symbol> = r
        .fracties
        .iter()
        .map(|f| {
            let mut s = symbol(
                a,
                SymbolKind::Fractie,
                f.range.clone(),
                f.heading.clone(),
                None,
            );
            s.name = format!("{}-fractie", text(a, &f.name).trim());
            s
        })
        .collect();
    let mut topics: Vec<Symbol> = r
        .topics
        .iter()
        .map(|t| {
            symbol(
                a,
                SymbolKind::Topic,
                t.range.clone(),
                t.heading.clone(),
                None,
            )
        })
        .collect();

    // Children go to their nearest parent; built bottom-up so every move is by value.
    let mut top: Vec<Symbol> = Vec::new();
    for q in &r.questions {
        let name = if q.numbers.is_empty() {
            first_words(&text(a, &q.text()), NAME_WORDS)
        } else {
            question_label(q, lang)
        };
        let detail = if q.numbers.is_empty() {
            Some(question_label(q, lang))
        } else {
            Some(first_words(&text(a, &q.text()), NAME_WORDS))
        };
        let focus = q.marker().unwrap_or(q.text());
        let mut s = symbol(a, SymbolKind::Question, q.range(), focus, detail);
        s.name = name;
        let parent = q
            .topic()
            .and_then(|t| topics.get_mut(t))
            .or_else(|| q.fractie().and_then(|f| fracties.get_mut(f)));
        match (parent, q.section().and_then(|x| sections.get_mut(x))) {
            (Some(p), _) | (None, Some(p)) => p.children.push(s),
            (None, None) => top.push(s),
        }
    }
    for (t, sym) in r.topics.iter().zip(topics) {
        match (
            t.fractie.and_then(|f| fracties.get_mut(f)),
            t.section.and_then(|x| sections.get_mut(x)),
        ) {
            (Some(p), _) | (None, Some(p)) => p.children.push(sym),
            (None, None) => top.push(sym),
        }
    }
    for (f, sym) in r.fracties.iter().zip(fracties) {
        match f.section.and_then(|x| sections.get_mut(x)) {
            Some(p) => p.children.push(sym),
            None => top.push(sym),
        }
    }
    top.extend(sections);
    if let Some(h) = &r.header {
        let name = lang.pick("Kop", "Header").to_string();
        let focus = r
            .dossier
            .as_ref()
            .map_or(h.start..h.start, |d| d.range.clone());
        let mut s = symbol(a, SymbolKind::Header, h.clone(), focus, None);
        s.name = name;
        top.push(s);
    }
    finish(&mut top);
    top
}

fn symbol(
    a: &Analysis,
    kind: SymbolKind,
    range: Range<usize>,
    selection: Range<usize>,
    detail: Option<String>,
) -> Symbol {
    Symbol {
        name: snippet(&text(a, &selection), 80),
        detail,
        kind,
        range,
        selection,
        children: Vec::new(),
    }
}

/// Sorts children into document order and widens each range to hold its selection and its
/// children, as clients require (VS Code rejects an outline that breaks this).
fn finish(list: &mut [Symbol]) {
    list.sort_by_key(|s| (s.range.start, s.range.end));
    for s in list.iter_mut() {
        finish(&mut s.children);
        let mut start = s.range.start.min(s.selection.start);
        let mut end = s.range.end.max(s.selection.end);
        for c in &s.children {
            start = start.min(c.range.start);
            end = end.max(c.range.end);
        }
        s.range = start..end;
        if s.name.trim().is_empty() {
            s.name = "…".to_string();
        }
    }
}

/// The first `n` words of `s`, with `…` when there are more.
fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}
