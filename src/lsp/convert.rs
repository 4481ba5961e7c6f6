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

pub fn diagnostic(s: &Snapshot, uri: &lsp::Uri, d: &Diagnostic) -> lsp::Diagnostic {
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), range(s, r.range.clone())),
            message: r.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: range(s, d.range.clone()),
        severity: Some(severity(d.severity)),
        code: Some(lsp::NumberOrString::String(d.code.to_string())),
        source: Some("griffel".to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}
