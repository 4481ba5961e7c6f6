//! The editing requests over stdio, against the built binary, on the shared sample.

mod lsp_common;
use lsp_common as common;

use common::{capabilities, offset_pos, position, sample, Client};
use serde_json::json;

const URI: &str = "file:///tmp/vso-edit.txt";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_requests_on_the_sample_over_stdio() {
    let Some(text) = sample() else { return };
    let mut c = Client::stdio(&[]);
    c.initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 0}))
        .await;
    c.open(URI, &text, 1).await;
    let diags = c.diagnostics(URI, Some(1)).await;
    let doc = json!({"uri": URI});
    let pos_of = |needle: &str, extra: usize| {
        let (l, ch) = offset_pos(&text, text.find(needle).unwrap() + extra, "utf-16");
        position(l, ch)
    };

    // Fix all: the eight references of the header and footnotes, as the Kamer published them.
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": {"start": position(0, 0), "end": position(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let edits = actions[0]["edit"]["changes"][URI]
        .as_array()
        .unwrap()
        .clone();
    let new: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(
        new,
        [
            "Kamerstuk 32 317, nr. 967",
            "Kamerstuk 32 317, nr. 969",
            "Kamerstuk 32 317, nr. 970",
            "Kamerstuk 22 112, nr. 4150",
            "Kamerstuk 22 112, nr. 4149",
            "Kamerstuk 32 317, nr. 973",
            "Kamerstuk 32 317, nr. 967",
            "Kamerstuk 29 344, nr. 155",
        ]
    );
    assert_eq!(
        diags.iter().filter(|d| d["code"] == "GRF304").count(),
        8,
        "one fix per GRF304"
    );

    // Semantic tokens: one keyword per answer marker.
    let r = c
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        )
        .await;
    let data = r["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    let keywords = data.chunks(5).filter(|t| t[3] == 0).count();
    assert_eq!(keywords, 23);

    // Inlay hint for the footnote whose id (3) differs from its number (2).
    let p = pos_of("[footnoteRef:3]", 0);
    let line = p["line"].as_u64().unwrap() as u32;
    let r = c
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": doc, "range": {"start": position(line, 0), "end": position(line + 1, 0)}}),
        )
        .await;
    assert_eq!(r[0]["label"], "V8", "the question on that line");
    assert_eq!(r[1]["label"], "2");
    assert_eq!(
        r[1]["position"],
        pos_of("[footnoteRef:3]", "[footnoteRef:3]".len())
    );

    // Rename the fractie from a mention in the text; the heading goes along.
    let r = c
        .request(
            "textDocument/rename",
            json!({"textDocument": doc, "position": pos_of("leden van de NSC-fractie constateren", 14), "newName": "NSC2"}),
        )
        .await;
    assert_eq!(r["changes"][URI].as_array().unwrap().len(), 9);

    // Prepare rename, highlight, selection range and a range of semantic tokens.
    let note = pos_of("[footnoteRef:4]", 2);
    let r = c
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": doc, "position": note}),
        )
        .await;
    assert_eq!(r["placeholder"], "4");
    let r = c
        .request(
            "textDocument/documentHighlight",
            json!({"textDocument": doc, "position": note}),
        )
        .await;
    assert_eq!(r.as_array().unwrap().len(), 2, "reference and body: {r}");
    let r = c
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": doc, "positions": [pos_of("Oeganda", 2)]}),
        )
        .await;
    assert_eq!(r[0]["range"]["end"], pos_of("Oeganda", "Oeganda".len()));
    let marker = pos_of("Antwoord \n", 0);
    let line = marker["line"].as_u64().unwrap() as u32;
    let r = c
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": doc, "range": {"start": position(line, 0), "end": position(line + 1, 0)}}),
        )
        .await;
    assert_eq!(
        r["data"],
        json!([line, 0, 8, 0, 0]),
        "the first answer marker"
    );

    // Completion after `Kamerstuk ` and workspace symbols.
    c.change(URI, 2, [0, 0, 0, 0], "Zie Kamerstuk \n").await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc, "position": position(0, 14)}),
        )
        .await;
    assert_eq!(r["items"][0]["label"], "32 317, nr. 969");
    let r = c
        .request("workspace/symbol", json!({"query": "Oeganda"}))
        .await;
    assert_eq!(r.as_array().unwrap().len(), 1, "{r}");
    assert!(c.shutdown().await.unwrap().success());
}
