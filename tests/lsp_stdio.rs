//! The built binary over stdio: a whole session on the shared sample, panic isolation, and
//! the process ending on `exit` or when stdin closes.

mod lsp_common;
use lsp_common as common;

use common::{capabilities, offset_pos, position, sample, Client};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/vso.txt";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_on_the_sample() {
    let Some(text) = sample() else { return };
    let mut c = Client::stdio(&[]);
    let init = c
        .initialize(capabilities(&["utf-8"]), json!({"diagnosticsDelayMs": 10}))
        .await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    c.open(URI, &text, 1).await;
    c.diagnostics(URI, Some(1)).await;

    // Footnote `[footnoteRef:2]` in the sample: hover shows display number 1 and the text.
    let at = text.find("[footnoteRef:2]").expect("sample has note 2");
    let (l, ch) = offset_pos(&text, at + 2, "utf-8");
    let h = c
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": position(l, ch)}),
        )
        .await;
    let md = h["contents"]["value"].as_str().unwrap_or_default();
    assert!(md.contains("Voetnoot 1"), "{md}");
    assert!(md.contains("32317"), "{md}");

    // Incremental edits: type `é…` at the start of the footnote's line, then delete it.
    c.change(URI, 2, [l, 0, l, 0], "é…").await;
    c.change(URI, 3, [l, 0, l, 5], "").await; // 2 + 3 UTF-8 bytes
    let after = c.diagnostics(URI, Some(3)).await;
    let fresh = {
        let mut f = Client::stdio(&[]);
        f.initialize(capabilities(&["utf-8"]), json!({"diagnosticsDelayMs": 0}))
            .await;
        f.open(URI, &text, 1).await;
        let d = f.diagnostics(URI, Some(1)).await;
        f.shutdown().await;
        d
    };
    assert_eq!(after, fresh);

    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/documentLink",
    ] {
        let r = c
            .request(method, json!({"textDocument": {"uri": URI}}))
            .await;
        assert!(!r.as_array().is_some_and(|a| a.is_empty()), "{method}: {r}");
    }
    let kst = text.find("Kamerstuk 32317, nr. 970").expect("letter");
    let (l, ch) = offset_pos(&text, kst, "utf-8");
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": URI}, "position": position(l, ch),
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    assert!(!refs.as_array().unwrap().is_empty());
    let d = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(d["items"], Value::Array(after));

    let status = c.shutdown().await.expect("child");
    assert!(status.success(), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_is_an_error_response_over_stdio() {
    let mut c = Client::stdio(&[("GRIFFEL_DEBUG_PANIC", "1"), ("RUST_LOG", "off")]);
    c.initialize(capabilities(&["utf-16"]), Value::Null).await;
    c.open(URI, "Vraag?\nAntwoord \nJa.\n", 1).await;
    let r = c
        .request_raw(
            "griffel/debugPanic",
            json!({"textDocument": {"uri": URI}, "position": position(0, 0)}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32603);
    let r = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert!(r.is_array());
    assert!(c.shutdown().await.expect("child").success());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_process_ends_when_stdin_closes() {
    let mut c = Client::stdio(&[]);
    c.initialize(capabilities(&["utf-16"]), Value::Null).await;
    let mut child = c.child.take().expect("child");
    c.close_input().await;
    let status = tokio::time::timeout(common::TIMEOUT, child.wait())
        .await
        .expect("server did not exit")
        .expect("wait");
    // No `exit` came, so the process may report failure; it must just end.
    let _ = status;
}

/// The transport answers the requests whose results grow with the document itself, serialising
/// them straight into frames (`lsp::direct`); with `through_tower` tower-lsp answers them. Both
/// must give the same JSON, for every such request, on our examples and the sample.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_transport_answers_as_tower_lsp_does() {
    let mut texts = vec![
        include_str!("../examples/vso-interleaved.txt").to_string(),
        include_str!("../examples/lva-genummerd.txt").to_string(),
    ];
    texts.extend(sample());
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["diagnostic"] = json!({});
    caps["textDocument"]["documentSymbol"] = json!({"hierarchicalDocumentSymbolSupport": true});
    for text in texts {
        let lines = text.lines().count() as u32;
        let doc = json!({"textDocument": {"uri": URI}});
        let whole = json!({"textDocument": {"uri": URI},
                           "range": {"start": position(0, 0), "end": position(lines, 0)}});
        // A citation of a paper: its references.
        let at = text.find("Kamerstuk").unwrap_or(0);
        let (l, ch) = offset_pos(&text, at + 3, "utf-16");
        let requests = [
            ("textDocument/diagnostic", doc.clone()),
            ("textDocument/documentSymbol", doc.clone()),
            ("textDocument/foldingRange", doc.clone()),
            ("textDocument/documentLink", doc.clone()),
            ("textDocument/codeLens", doc.clone()),
            ("textDocument/semanticTokens/full", doc.clone()),
            ("textDocument/semanticTokens/range", whole.clone()),
            ("textDocument/inlayHint", whole.clone()),
            (
                "textDocument/references",
                json!({"textDocument": {"uri": URI}, "position": position(l, ch),
                       "context": {"includeDeclaration": true}}),
            ),
        ];
        let mut answers = Vec::new();
        let tower = griffel::lsp::Options {
            through_tower: true,
            ..Default::default()
        };
        for mut c in [Client::in_memory_with(tower), Client::stdio(&[])] {
            c.initialize(caps.clone(), json!({})).await;
            c.open(URI, &text, 1).await;
            let mut these = Vec::new();
            for (method, params) in &requests {
                these.push(c.request_raw(method, params.clone()).await);
            }
            // An unknown document: the same error both ways.
            these.push(
                c.request_raw(
                    "textDocument/documentSymbol",
                    json!({"textDocument": {"uri": "file:///tmp/nowhere.txt"}}),
                )
                .await,
            );
            c.shutdown().await;
            answers.push(these);
        }
        for (i, (method, _)) in requests.iter().enumerate() {
            assert!(
                answers[0][i].get("result").is_some(),
                "{method}: {}",
                answers[0][i]
            );
            assert_eq!(answers[0][i], answers[1][i], "{method}");
        }
        assert_eq!(answers[0].last(), answers[1].last());
        assert!(answers[1].last().is_some_and(|r| r.get("error").is_some()));
    }
}
