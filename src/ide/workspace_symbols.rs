//! Workspace symbols: the fracties, topics and questions of a document that match a query, by
//! name or by the words of the question. The LSP layer runs this over every open document.

use std::ops::Range;

use super::{question_label, snippet, text};
use crate::analysis::{Analysis, Lang};
use crate::ide::SymbolKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The heading or question text.
    pub range: Range<usize>,
    /// Where it stands: `NSC-fractie › Europese terugkeerwetgeving`.
    pub container: Option<String>,
    /// Lower is a better match: 0 the name holds the query as typed, 1 every word of it.
    pub score: u8,
}

/// Lower case without accents, so `geintegreerd` finds `geïntegreerd`.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect()
}

/// How many characters of a question name it.
const NAME_CHARS: usize = 80;

/// The symbols of `a` matching `query` (every word of it, in any order, accents and case
/// ignored; an empty query matches everything), in document order.
pub fn workspace_symbols(a: &Analysis, query: &str, lang: Lang) -> Vec<WorkspaceSymbol> {
    let r = &a.report;
    let q = fold(query.trim());
    let words: Vec<&str> = q.split_whitespace().collect();
    let score = |name: &str, body: &str| -> Option<u8> {
        if words.is_empty() {
            return Some(1);
        }
        let name = fold(name);
        if name.contains(q.as_str()) {
            return Some(0);
        }
        let hay = if body.is_empty() {
            name
        } else {
            format!("{name} {}", fold(body))
        };
        words.iter().all(|w| hay.contains(w)).then_some(1)
    };
    let fractie_name = |f: usize| {
        r.fracties
            .get(f)
            .map(|f| format!("{}-fractie", text(a, &f.name).trim()))
    };
    let mut out = Vec::new();
    for f in 0..r.fracties.len() {
        let Some(name) = fractie_name(f) else {
            continue;
        };
        if let Some(s) = score(&name, "") {
            out.push(WorkspaceSymbol {
                name,
                kind: SymbolKind::Fractie,
                range: r.fracties[f].heading.clone(),
                container: None,
                score: s,
            });
        }
    }
    for t in &r.topics {
        let name = snippet(&text(a, &t.heading), NAME_CHARS);
        if let Some(s) = score(&name, "") {
            out.push(WorkspaceSymbol {
                name,
                kind: SymbolKind::Topic,
                range: t.heading.clone(),
                container: t.fractie.and_then(fractie_name),
                score: s,
            });
        }
    }
    for q in &r.questions {
        let body = super::completion::prose(a, &q.text());
        let name = format!(
            "{}: {}",
            question_label(q, lang),
            snippet(&body, NAME_CHARS)
        );
        if let Some(s) = score(&name, &body) {
            let container = match (
                q.fractie().and_then(fractie_name),
                q.topic().and_then(|t| r.topics.get(t)),
            ) {
                (Some(f), Some(t)) => Some(format!("{f} › {}", snippet(&text(a, &t.heading), 60))),
                (Some(f), None) => Some(f),
                (None, Some(t)) => Some(snippet(&text(a, &t.heading), 60)),
                (None, None) => None,
            };
            out.push(WorkspaceSymbol {
                name,
                kind: SymbolKind::Question,
                range: q.marker().unwrap_or(q.text()),
                container,
                score: s,
            });
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}
