//! `--format json`: one JSON object per diagnostic per line (JSON Lines), positions as LSP
//! has them (0-based lines, UTF-16 columns) so that editors and pipelines can use them as is.

use std::io::{self, Write};
use std::ops::Range;

use serde_json::{json, Value};

use crate::analysis::Diagnostic;
use crate::text::{Document, PositionEncoding};

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
        let related: Vec<Value> = d
            .related
            .iter()
            .map(|r| json!({ "range": range(&doc, &r.range), "message": r.message }))
            .collect();
        let obj = json!({
            "file": name,
            "range": range(&doc, &d.range),
            "severity": d.severity.as_str(),
            "code": d.code,
            "message": d.message,
            "related": related,
        });
        writeln!(out, "{obj}")?;
    }
    Ok(())
}

fn range(doc: &Document, r: &Range<usize>) -> Value {
    let (start, end) = doc.range_to_positions(r.clone(), PositionEncoding::Utf16);
    json!({
        "start": { "line": start.line, "character": start.character },
        "end": { "line": end.line, "character": end.character },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Severity;

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
