//! Conversions between the core's byte ranges and protocol types, in the negotiated encoding.
//! Total: out-of-range input is clamped by the text layer.

use std::ops::Range;

use tower_lsp_server::ls_types as lsp;

use super::store::Snapshot;
use crate::analysis::{Diagnostic, Severity};
use crate::text::Position;

pub fn offset(s: &Snapshot, p: lsp::Position) -> usize {
    s.doc
        .position_to_offset(Position::new(p.line, p.character), s.encoding)
}

pub fn range(s: &Snapshot, r: Range<usize>) -> lsp::Range {
    let (a, b) = s.doc.range_to_positions(r, s.encoding);
    lsp::Range::new(
        lsp::Position::new(a.line, a.character),
        lsp::Position::new(b.line, b.character),
    )
}

pub fn severity(s: Severity) -> lsp::DiagnosticSeverity {
    match s {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}

/// One diagnostic (a code action's), converted on its own: it leaves the document's position
/// cache, which holds the published ones, alone.
pub fn diagnostic(s: &Snapshot, uri: &lsp::Uri, d: &Diagnostic) -> lsp::Diagnostic {
    let convert = |offsets: &[usize]| s.doc.offsets_to_positions(offsets, s.encoding);
    with_positions(uri, std::slice::from_ref(d), convert)
        .pop()
        .unwrap_or_default()
}

/// Many diagnostics at once (the published ones): every position (ranges and related ranges)
/// carried over from the last conversion where the edits since allow, the rest converted in
/// one sweep (`Snapshot::positions`), not one rope lookup each.
pub fn diagnostics(s: &Snapshot, uri: &lsp::Uri, diags: &[Diagnostic]) -> Vec<lsp::Diagnostic> {
    with_positions(uri, diags, |offsets| s.positions(offsets))
}

fn with_positions(
    uri: &lsp::Uri,
    diags: &[Diagnostic],
    convert: impl FnOnce(&[usize]) -> Vec<crate::text::Position>,
) -> Vec<lsp::Diagnostic> {
    let mut offsets = Vec::with_capacity(diags.len() * 2);
    for d in diags {
        let (a, b) = ordered(&d.range);
        offsets.extend([a, b]);
        for r in &d.related {
            let (a, b) = ordered(&r.range);
            offsets.extend([a, b]);
        }
    }
    let positions = convert(&offsets);
    let mut next = positions
        .iter()
        .map(|p| lsp::Position::new(p.line, p.character));
    let mut range = move || {
        let a = next.next().unwrap_or_default();
        let b = next.next().unwrap_or(a);
        lsp::Range::new(a, b)
    };
    let source = "griffel".to_string();
    diags
        .iter()
        .map(|d| {
            let main = range();
            let related: Vec<lsp::DiagnosticRelatedInformation> = d
                .related
                .iter()
                .map(|r| lsp::DiagnosticRelatedInformation {
                    location: lsp::Location::new(uri.clone(), range()),
                    message: r.message.clone(),
                })
                .collect();
            lsp::Diagnostic {
                range: main,
                severity: Some(severity(d.severity)),
                code: Some(lsp::NumberOrString::String(d.code.to_string())),
                source: Some(source.clone()),
                message: d.message.clone(),
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            }
        })
        .collect()
}

/// A range's ends in order (`range_to_positions` orders them too).
fn ordered(r: &Range<usize>) -> (usize, usize) {
    (r.start.min(r.end), r.start.max(r.end))
}
