//! The editing requests on the real server in memory: code actions (versioned, stale, only),
//! completion (snippets and documentation formats), semantic tokens (encodings, line splits,
//! ranges), inlay hints, rename, highlight, selection range and workspace symbols.

mod lsp_common;
use lsp_common as common;

use common::{offset_pos, position, range_of, Client};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/editing.txt";

/// A VSO with non-ASCII text (`é`, an emoji, `…`, a no-break space) before what the tests touch.
const FIXTURE: &str = "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)

Verslag van een schriftelijk overleg 

De vaste commissie voor Asiel en Migratie heeft een aantal vragen voorgelegd over de volgende brieven:
· Geannoteerde agenda van de formele JBZ-Raad (Kamerstuk 32317, nr. 973)

 I\tVragen en opmerkingen vanuit de fracties

Vragen en opmerkingen van de leden van de NSC-fractie
De leden van de NSC-fractie hebben kennisgenomen van de stukken. 

Café 🙂 … Kan de minister de brief (Kamerstuk 32317-973) toelichten\u{a0}[footnoteRef:2]? [2:  Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967] 

Antwoord 
Ja.

Wanneer komt de brief?
Deze leden vragen voorts of de minister de Kamer informeert. 

Antwoord 
Zie het antwoord op 
";

fn caps(encodings: &[&str], extra: Value) -> Value {
    let mut c = json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {},
        "workspace": {}
    });
    merge(&mut c, extra);
    c
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

async fn started(encodings: &[&str], extra: Value) -> Client {
    let mut c = Client::in_memory();
    c.initialize(caps(encodings, extra), json!({"diagnosticsDelayMs": 0}))
        .await;
    c.open(URI, FIXTURE, 1).await;
    c
}

fn at(needle: &str, extra: usize, enc: &str) -> Value {
    let at = FIXTURE.find(needle).expect("needle") + extra;
    let (l, c) = offset_pos(FIXTURE, at, enc);
    position(l, c)
}

fn doc() -> Value {
    json!({"uri": URI})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn announces_the_editing_capabilities() {
    let mut c = Client::in_memory();
    let r = c.initialize(json!({}), Value::Null).await;
    let caps = &r["capabilities"];
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "refactor.rewrite", "source.fixAll.griffel"])
    );
    assert_eq!(
        caps["completionProvider"]["triggerCharacters"],
        json!([" "])
    );
    assert_eq!(
        caps["semanticTokensProvider"]["legend"]["tokenTypes"],
        json!([
            "keyword",
            "class",
            "namespace",
            "string",
            "decorator",
            "comment",
            "variable",
            "function",
            "question"
        ])
    );
    assert_eq!(caps["semanticTokensProvider"]["range"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(caps["documentHighlightProvider"], true);
    assert_eq!(caps["selectionRangeProvider"], true);
    assert_eq!(caps["workspaceSymbolProvider"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quick_fix_is_a_versioned_edit_in_either_encoding() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(
            &[enc],
            json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        )
        .await;
        let diags = c.diagnostics(URI, Some(1)).await;
        let house: Vec<Value> = diags
            .iter()
            .filter(|d| d["code"] == "GRF304")
            .cloned()
            .collect();
        assert_eq!(house.len(), 3, "{diags:?}");
        let target = range_of(FIXTURE, "Kamerstuk 32317-973", enc);
        let on: Vec<Value> = house
            .iter()
            .filter(|d| d["range"] == target)
            .cloned()
            .collect();
        let actions = c
            .request(
                "textDocument/codeAction",
                json!({"textDocument": doc(), "range": target, "context": {"diagnostics": on}}),
            )
            .await;
        let first = &actions[0];
        assert_eq!(
            first["title"],
            "In huisstijl zetten: ‘Kamerstuk 32 317, nr. 973’"
        );
        assert_eq!(first["kind"], "quickfix");
        assert_eq!(first["isPreferred"], true);
        assert_eq!(first["diagnostics"], json!(on));
        assert_eq!(
            first["edit"],
            json!({"documentChanges": [{
                "textDocument": {"uri": URI, "version": 1},
                "edits": [{"range": target, "newText": "Kamerstuk 32 317, nr. 973"}]
            }]}),
            "{enc}"
        );
        let titles: Vec<&str> = actions
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert_eq!(
            titles,
            [
                "In huisstijl zetten: ‘Kamerstuk 32 317, nr. 973’",
                "Alle verwijzingen in huisstijl zetten",
                "griffel: alle veilige correcties toepassen"
            ]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_document_changes_the_edit_is_a_change_map() {
    let mut c = started(&["utf-16"], json!({})).await;
    let target = range_of(FIXTURE, "Kamerstuk 32317-973", "utf-16");
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc(), "range": target, "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(
        actions[0]["edit"],
        json!({"changes": {URI: [{"range": target, "newText": "Kamerstuk 32 317, nr. 973"}]}})
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_diagnostics_get_no_fix() {
    let mut c = started(&["utf-16"], json!({})).await;
    let diags = c.diagnostics(URI, Some(1)).await;
    let target = range_of(FIXTURE, "Kamerstuk 32317-973", "utf-16");
    let house = diags
        .iter()
        .find(|d| d["code"] == "GRF304" && d["range"] == target)
        .cloned()
        .unwrap();
    // The user types in front of the reference: the client's diagnostic is from version 1.
    let (l, ch) = offset_pos(FIXTURE, FIXTURE.find("Café").unwrap(), "utf-16");
    c.change(URI, 2, [l, ch, l, ch], "Nou, ").await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc(), "range": house["range"], "context": {"diagnostics": [house]}}),
        )
        .await;
    assert_eq!(actions, json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_source_fix_all() {
    let mut c = started(&["utf-16"], json!({})).await;
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc(), "range": {"start": position(0, 0), "end": position(0, 0)},
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .await;
    let list = actions.as_array().unwrap();
    assert_eq!(list.len(), 1, "{actions}");
    assert_eq!(list[0]["kind"], "source.fixAll.griffel");
    let edits = list[0]["edit"]["changes"][URI].as_array().unwrap();
    let texts: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        [
            "Kamerstuk 32 317, nr. 973",
            "Kamerstuk 32 317, nr. 973",
            "Kamerstuk 32 317, nr. 967"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_marker_quick_fix() {
    let mut c = started(&["utf-16"], json!({})).await;
    let p = at("Wanneer komt", 3, "utf-16");
    let actions = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc(), "range": {"start": p, "end": p}, "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(actions[0]["title"], "Regel ‘Antwoord’ invoegen");
    let end = at(
        "Wanneer komt de brief?",
        "Wanneer komt de brief?".len(),
        "utf-16",
    );
    assert_eq!(
        actions[0]["edit"]["changes"][URI],
        json!([{"range": {"start": end, "end": end}, "newText": "\nAntwoord "}])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_follows_snippet_and_documentation_support() {
    let cursor = at(
        "Zie het antwoord op ",
        "Zie het antwoord op ".len(),
        "utf-16",
    );
    // Plain client: plain-text documentation.
    let mut c = started(&["utf-16"], json!({})).await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc(), "position": cursor}),
        )
        .await;
    let items = r["items"].as_array().unwrap();
    assert_eq!(items[0]["label"], "de vorige vraag");
    assert_eq!(items[0]["preselect"], true);
    assert_eq!(
        items[0]["textEdit"],
        json!({"range": {"start": cursor, "end": cursor}, "newText": "de vorige vraag"})
    );
    assert!(items[0]["documentation"].is_string(), "{}", items[0]);
    assert_eq!(
        items[1]["label"],
        "de eerste vraag van de leden van de NSC-fractie"
    );
    assert_eq!(items[1]["kind"], 18); // Reference
                                      // Markdown client.
    let mut c = started(
        &["utf-16"],
        json!({"textDocument": {"completion": {"completionItem": {"snippetSupport": true, "documentationFormat": ["markdown"]}}}}),
    )
    .await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc(), "position": cursor}),
        )
        .await;
    assert_eq!(r["items"][0]["documentation"]["kind"], "markdown");
    // The answer marker: a snippet only for a client that takes snippets.
    c.change(URI, 2, [17, 22, 17, 22], "\nAnt").await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc(), "position": position(18, 3)}),
        )
        .await;
    assert_eq!(
        r["items"][0]["textEdit"],
        json!({"range": {"start": position(18, 0), "end": position(18, 3)}, "newText": "Antwoord \n$0"})
    );
    assert_eq!(r["items"][0]["insertTextFormat"], 2);
    let mut c = started(&["utf-16"], json!({})).await;
    c.change(URI, 2, [17, 22, 17, 22], "\nAnt").await;
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc(), "position": position(18, 3)}),
        )
        .await;
    assert_eq!(r["items"][0]["textEdit"]["newText"], "Antwoord \n");
    assert_eq!(r["items"][0]["insertTextFormat"], 1);
    // Nothing to offer in plain prose.
    let r = c
        .request(
            "textDocument/completion",
            json!({"textDocument": doc(), "position": at("kennisgenomen", 4, "utf-16")}),
        )
        .await;
    assert_eq!(r, Value::Null);
}

/// Decodes the relative token data to (line, start, length, type) tuples.
fn decode(data: &Value) -> Vec<(u64, u64, u64, u64)> {
    let d: Vec<u64> = data
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap())
        .collect();
    let (mut line, mut col) = (0, 0);
    d.chunks(5)
        .map(|t| {
            if t[0] > 0 {
                line += t[0];
                col = t[1];
            } else {
                col += t[1];
            }
            (line, col, t[2], t[3])
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_count_in_the_negotiated_encoding() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(&[enc], json!({})).await;
        let r = c
            .request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": doc()}),
            )
            .await;
        let tokens = decode(&r["data"]);
        // The paper reference after `Café 🙂 …`: type 3 (string).
        let p = range_of(FIXTURE, "Kamerstuk 32317-973", enc);
        let want = (
            p["start"]["line"].as_u64().unwrap(),
            p["start"]["character"].as_u64().unwrap(),
            "Kamerstuk 32317-973".len() as u64,
            3,
        );
        assert!(tokens.contains(&want), "{enc}: {tokens:?}");
        // The question text before it is cut at the placeholder `…` (type 6).
        let units = |s: &str| if enc == "utf-8" { s.len() } else { s.encode_utf16().count() } as u64;
        let line: Vec<_> = tokens.iter().filter(|t| t.0 == want.0).take(3).collect();
        assert_eq!(
            line,
            [
                &(want.0, 0, units("Café 🙂 "), 8),
                &(want.0, units("Café 🙂 "), units("…"), 6),
                &(
                    want.0,
                    units("Café 🙂 …"),
                    units(" Kan de minister de brief ("),
                    8
                ),
            ],
            "{enc}"
        );
        // No token runs past its line.
        let lines: Vec<&str> = FIXTURE.split('\n').collect();
        for t in &tokens {
            let line = lines[t.0 as usize];
            let len = if enc == "utf-8" {
                line.len()
            } else {
                line.encode_utf16().count()
            } as u64;
            assert!(t.1 + t.2 <= len, "{enc}: {t:?} on {line:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn multiline_tokens_only_for_a_client_that_takes_them() {
    let text = "Vragen en opmerkingen van de leden van de VVD-fractie\nKan de minister dit toelichten?\nAntwoord \nJa.\nDeze leden lezen het verslag.\nKan de minister dat ook?\nAntwoord \nNee.\n";
    let mut count = Vec::new();
    for multiline in [false, true] {
        let mut c = Client::in_memory();
        c.initialize(
            caps(
                &["utf-16"],
                json!({"textDocument": {"semanticTokens": {
                    "requests": {"full": true, "range": true},
                    "tokenTypes": [], "tokenModifiers": [], "formats": ["relative"],
                    "multilineTokenSupport": multiline}}}),
            ),
            Value::Null,
        )
        .await;
        c.open(URI, text, 1).await;
        let r = c
            .request(
                "textDocument/semanticTokens/full",
                json!({"textDocument": doc()}),
            )
            .await;
        let questions: Vec<_> = decode(&r["data"])
            .into_iter()
            .filter(|t| t.3 == 8)
            .collect();
        count.push(questions);
    }
    assert_eq!(count[0], vec![(1, 0, 31, 8), (4, 0, 29, 8), (5, 0, 24, 8)]);
    // One token over both lines, its length counting the line break.
    assert_eq!(count[1], vec![(1, 0, 31, 8), (4, 0, 54, 8)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_in_a_range() {
    let mut c = started(&["utf-16"], json!({})).await;
    let r = c
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": doc(), "range": {"start": position(14, 0), "end": position(16, 0)}}),
        )
        .await;
    assert_eq!(decode(&r["data"]), vec![(14, 0, 8, 0)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_in_both_encodings() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(&[enc], json!({})).await;
        let end = offset_pos(FIXTURE, FIXTURE.len(), enc);
        let r = c
            .request(
                "textDocument/inlayHint",
                json!({"textDocument": doc(), "range": {"start": position(0, 0), "end": position(end.0, end.1)}}),
            )
            .await;
        let after_ref = at("[footnoteRef:2]", "[footnoteRef:2]".len(), enc);
        assert_eq!(
            r,
            json!([
                {"position": at("Café", 0, enc), "label": "V1", "kind": 2, "tooltip": "Vraag 1 van het verslag", "paddingLeft": false, "paddingRight": true},
                {"position": after_ref, "label": "1", "tooltip": "Voetnoot 1 voor de lezer (id 2 in de tekst)", "paddingLeft": true, "paddingRight": false},
                {"position": at("Wanneer komt", 0, enc), "label": "V2", "kind": 2, "tooltip": "Vraag 2 van het verslag", "paddingLeft": false, "paddingRight": true},
                // The parser takes `Deze leden vragen voorts …` for a question of its own.
                {"position": at("Deze leden vragen", 0, enc), "label": "V3", "kind": 2, "tooltip": "Vraag 3 van het verslag", "paddingLeft": false, "paddingRight": true},
            ]),
            "{enc}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_a_footnote_and_refuse_in_dutch() {
    let mut c = started(
        &["utf-16"],
        json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
    )
    .await;
    let p = at("[footnoteRef:2]", 3, "utf-16");
    let r = c
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": doc(), "position": p}),
        )
        .await;
    let id = at("[footnoteRef:2]", "[footnoteRef:".len(), "utf-16");
    let id_end = at("[footnoteRef:2]", "[footnoteRef:2".len(), "utf-16");
    assert_eq!(
        r,
        json!({"range": {"start": id, "end": id_end}, "placeholder": "2"})
    );
    let r = c
        .request(
            "textDocument/rename",
            json!({"textDocument": doc(), "position": p, "newName": "7"}),
        )
        .await;
    let body = at("[2:  Tweede", 1, "utf-16");
    let body_end = at("[2:  Tweede", 2, "utf-16");
    assert_eq!(
        r,
        json!({"documentChanges": [{"textDocument": {"uri": URI, "version": 1}, "edits": [
            {"range": {"start": id, "end": id_end}, "newText": "7"},
            {"range": {"start": body, "end": body_end}, "newText": "7"},
        ]}]})
    );
    let r = c
        .request_raw(
            "textDocument/rename",
            json!({"textDocument": doc(), "position": p, "newName": "twee"}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32803);
    assert_eq!(
        r["error"]["message"],
        "‘twee’ kan geen voetnoot-id zijn: Word nummert noten met cijfers."
    );
    // Prose cannot be renamed.
    let r = c
        .request(
            "textDocument/prepareRename",
            json!({"textDocument": doc(), "position": at("kennisgenomen", 3, "utf-16")}),
        )
        .await;
    assert_eq!(r, Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn highlight_selection_range_and_workspace_symbols() {
    let mut c = started(&["utf-16"], json!({})).await;
    let r = c
        .request(
            "textDocument/documentHighlight",
            json!({"textDocument": doc(), "position": at("Kamerstuk 32317-973", 2, "utf-16")}),
        )
        .await;
    assert_eq!(
        r,
        json!([
            {"range": range_of(FIXTURE, "Kamerstuk 32317, nr. 973", "utf-16"), "kind": 1},
            {"range": range_of(FIXTURE, "Kamerstuk 32317-973", "utf-16"), "kind": 1},
        ])
    );

    let r = c
        .request(
            "textDocument/selectionRange",
            json!({"textDocument": doc(), "positions": [at("komt de brief", 1, "utf-16")]}),
        )
        .await;
    let first = &r[0];
    assert_eq!(first["range"], range_of(FIXTURE, "komt", "utf-16"));
    assert_eq!(
        first["parent"]["range"],
        range_of(FIXTURE, "Wanneer komt de brief?", "utf-16")
    );

    c.open(
        "file:///tmp/ander.txt",
        "Vragen en opmerkingen van de leden van de VVD-fractie\nWanneer komt de brief over de opvang?\nAntwoord \nIn mei.\n",
        1,
    )
    .await;
    let r = c
        .request("workspace/symbol", json!({"query": "brief wanneer"}))
        .await;
    let found: Vec<(String, String)> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["location"]["uri"].as_str().unwrap().to_string(),
                s["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "file:///tmp/ander.txt".to_string(),
                "Vraag 1: Wanneer komt de brief over de opvang?".to_string()
            ),
            (
                URI.to_string(),
                "Vraag 2: Wanneer komt de brief?".to_string()
            ),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_reference_rewrite_and_repeated_answer_fix() {
    let text = "Vraag 1\nHoeveel aanvragen zijn in 2024 ingediend?\nAntwoord op vraag 1:\nIn 2024 zijn 1.250 aanvragen ingediend.\nVraag 2\nHoeveel daarvan zijn toegekend?\nAntwoord op vraag 2:\nZie het antwoord op de vorige vraag.\n";
    let mut c = Client::in_memory();
    c.initialize(
        caps(
            &["utf-16"],
            json!({"workspace": {"workspaceEdit": {"documentChanges": true}}}),
        ),
        json!({"diagnosticsDelayMs": 0}),
    )
    .await;
    c.open(URI, text, 3).await;
    let p = position(7, 5);
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": doc(), "range": {"start": p, "end": p},
                   "context": {"diagnostics": [], "only": ["refactor"]}}),
        )
        .await;
    assert_eq!(
        r,
        json!([{
            "title": "Verwijzing expliciet maken: ‘vraag 1’",
            "kind": "refactor.rewrite",
            "edit": {"documentChanges": [{"textDocument": {"uri": URI, "version": 3}, "edits": [
                {"range": {"start": position(7, 0), "end": position(7, 36)}, "newText": "Zie het antwoord op vraag 1."}
            ]}]}
        }])
    );

    // The sample's copied answers: the fix comes with its GRF607 diagnostic.
    let Some(sample) = common::sample() else {
        return;
    };
    c.open("file:///tmp/s.txt", &sample, 1).await;
    let diags = c.diagnostics("file:///tmp/s.txt", Some(1)).await;
    let copy = diags
        .iter()
        .find(|d| d["code"] == "GRF607")
        .cloned()
        .unwrap();
    let r = c
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": "file:///tmp/s.txt"}, "range": copy["range"],
                   "context": {"diagnostics": [copy], "only": ["quickfix"]}}),
        )
        .await;
    assert_eq!(
        r[0]["title"],
        "Herhaling vervangen door een verwijzing naar het eerdere antwoord"
    );
    assert_eq!(r[0]["diagnostics"], json!([copy]));
    let edit = &r[0]["edit"]["documentChanges"][0]["edits"][0];
    assert_eq!(
        edit["newText"],
        "Zie het antwoord op de eerste vraag van de leden van de NSC-fractie over solidariteitsmechanisme en herverdeling onder het EU-Migratiepact."
    );
}
