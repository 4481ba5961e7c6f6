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
    let mut range = ranges(diags, convert);
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
                    message: r.message.to_string(),
                })
                .collect();
            lsp::Diagnostic {
                range: main,
                severity: Some(severity(d.severity)),
                code: Some(lsp::NumberOrString::String(d.code.to_string())),
                source: Some(source.clone()),
                message: d.message.to_string(),
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            }
        })
        .collect()
}

/// The protocol ranges of `diags`, handed out in order: each diagnostic's range, then its
/// related ranges.
fn ranges(
    diags: &[Diagnostic],
    convert: impl FnOnce(&[usize]) -> Vec<crate::text::Position>,
) -> impl FnMut() -> lsp::Range {
    let mut offsets = Vec::with_capacity(diags.len() * 2);
    for d in diags {
        let (a, b) = ordered(&d.range);
        offsets.extend([a, b]);
        for r in &d.related {
            let (a, b) = ordered(&r.range);
            offsets.extend([a, b]);
        }
    }
    let mut next = convert(&offsets)
        .into_iter()
        .map(|p| lsp::Position::new(p.line, p.character));
    move || {
        let a = next.next().unwrap_or_default();
        let b = next.next().unwrap_or(a);
        lsp::Range::new(a, b)
    }
}

/// A whole `textDocument/publishDiagnostics` frame (header and body) for the published
/// diagnostics of `s`, serialised straight from the core's diagnostics: the JSON of
/// [`diagnostics`] in a `PublishDiagnosticsParams`, without building those values first.
pub fn publish_frame(
    s: &Snapshot,
    uri: &lsp::Uri,
    diags: &[Diagnostic],
    version: Option<i32>,
) -> serde_json::Result<Vec<u8>> {
    use serde::Serialize;
    #[derive(Serialize)]
    struct Params<'a> {
        uri: &'a lsp::Uri,
        diagnostics: Vec<Diag<'a>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Diag<'a> {
        range: lsp::Range,
        severity: lsp::DiagnosticSeverity,
        code: &'a str,
        source: &'static str,
        message: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        related_information: Vec<Related<'a>>,
    }
    #[derive(Serialize)]
    struct Related<'a> {
        location: Location<'a>,
        message: &'a str,
    }
    #[derive(Serialize)]
    struct Location<'a> {
        uri: &'a lsp::Uri,
        range: lsp::Range,
    }
    let mut range = ranges(diags, |offsets| s.positions(offsets));
    let diagnostics = diags
        .iter()
        .map(|d| Diag {
            range: range(),
            severity: severity(d.severity),
            code: d.code,
            source: "griffel",
            message: &d.message,
            related_information: d
                .related
                .iter()
                .map(|r| Related {
                    location: Location {
                        uri,
                        range: range(),
                    },
                    message: &r.message,
                })
                .collect(),
        })
        .collect();
    // A 10 MB report's 4 024 diagnostics are 1.3 MB of JSON: about 330 bytes each.
    let hint = 400 * diags.len();
    notification_frame(
        "textDocument/publishDiagnostics",
        &Params {
            uri,
            diagnostics,
            version,
        },
        hint,
    )
}

/// A whole frame of a notification, serialised straight from `params` (no `Value` between)
/// into a buffer of about `hint` bytes.
pub fn notification_frame(
    method: &str,
    params: &impl serde::Serialize,
    hint: usize,
) -> serde_json::Result<Vec<u8>> {
    #[derive(serde::Serialize)]
    struct Notification<'a, P> {
        jsonrpc: &'static str,
        method: &'a str,
        params: &'a P,
    }
    super::transport::json_frame_sized(
        &Notification {
            jsonrpc: "2.0",
            method,
            params,
        },
        hint,
    )
}

/// A range's ends in order (`range_to_positions` orders them too).
fn ordered(r: &Range<usize>) -> (usize, usize) {
    (r.start.min(r.end), r.start.max(r.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::store::Store;
    use crate::text::PositionEncoding;

    /// The frame written past tower-lsp carries exactly the JSON of the typed notification that
    /// the in-memory path sends, after edits too (when positions are carried over).
    #[test]
    fn the_frame_is_the_typed_notification() {
        let text = include_str!("../../examples/lva-genummerd.txt");
        let uri: lsp::Uri = "file:///tmp/lva.txt".parse().expect("uri");
        let mut store = Store::default();
        store.open(uri.clone(), text.to_string(), 1);
        for version in 1..4 {
            if version > 1 {
                let change = lsp::TextDocumentContentChangeEvent {
                    range: Some(lsp::Range::new(
                        lsp::Position::new(3, 0),
                        lsp::Position::new(3, 0),
                    )),
                    range_length: None,
                    text: "Één regel erbij 🙂\n".into(),
                };
                store.change(&uri, version, &[change], PositionEncoding::Utf16);
            }
            let snap = store.snapshot(&uri, PositionEncoding::Utf16).expect("open");
            let a = snap.analysis();
            assert!(a.diagnostics.iter().any(|d| !d.related.is_empty()));
            let frame = publish_frame(&snap, &uri, &a.diagnostics, Some(version)).expect("json");
            let split = frame
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
                .expect("header")
                + 4;
            let header = std::str::from_utf8(&frame[..split]).expect("ascii");
            assert_eq!(
                header,
                format!("Content-Length: {}\r\n\r\n", frame.len() - split)
            );
            let got: serde_json::Value = serde_json::from_slice(&frame[split..]).expect("body");
            let params = lsp::PublishDiagnosticsParams::new(
                uri.clone(),
                diagnostics(&snap, &uri, &a.diagnostics),
                Some(version),
            );
            let want = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": params,
            });
            assert_eq!(got, want);
        }
    }
}
