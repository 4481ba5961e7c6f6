//! `--format json`: one JSON object per diagnostic per line (JSON Lines), positions as LSP
//! has them (0-based lines, UTF-16 columns) so that editors and pipelines can use them as is.

use std::io::{self, Write};
use std::ops::Range;

use serde::Serialize;

use crate::analysis::Diagnostic;
use crate::text::{Document, PositionEncoding};

// Structs rather than `json!`: serde_json's map sorts keys, and a reader of the output
// expects `file` first, as documented.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    range: JsonRange,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonRange {
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonPosition {
    line: u32,
    character: u32,
}

pub fn write_file(
    out: &mut dyn Write,
    name: &str,
    text: &str,
    diags: &[Diagnostic],
) -> io::Result<()> {
    if diags.is_empty() {
        return Ok(());
    }
    let doc = Document::new(text);
    for d in diags {
        let obj = JsonDiagnostic {
            file: name,
            range: range(&doc, &d.range),
            severity: d.severity.as_str(),
            code: d.code,
            message: &d.message,
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    range: range(&doc, &r.range),
                    message: &r.message,
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &obj)?;
        writeln!(out)?;
    }
    Ok(())
}

fn range(doc: &Document, r: &Range<usize>) -> JsonRange {
    let (start, end) = doc.range_to_positions(r.clone(), PositionEncoding::Utf16);
    JsonRange {
        start: JsonPosition {
            line: start.line,
            character: start.character,
        },
        end: JsonPosition {
            line: end.line,
            character: end.character,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Severity;
    use serde_json::{json, Value};

    #[test]
    fn columns_are_utf16_units() {
        let text = "é😀x\n…y";
        let x = text.find('x').unwrap();
        let y = text.find('y').unwrap();
        let d = Diagnostic {
            code: "GRF401",
            severity: Severity::Warning,
            range: x..y + 1,
            message: "m".into(),
            related: Vec::new(),
        };
        let mut out = Vec::new();
        write_file(&mut out, "f", text, &[d]).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        // é is one unit, the emoji two: x starts at 3. `…` is one unit: y ends at 2.
        assert_eq!(v["range"]["start"], json!({"line": 0, "character": 3}));
        assert_eq!(v["range"]["end"], json!({"line": 1, "character": 2}));
    }
}
