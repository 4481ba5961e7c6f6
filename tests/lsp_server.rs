//! The real server in memory (duplex stream): every request, exact positions in UTF-8 and
//! UTF-16 behind non-ASCII text, configuration, robustness.

mod lsp_common;
use lsp_common as common;

use common::{capabilities, pos, position, range_of, sample, Client};
use griffel::analysis::{check_text, Config, Lang, Severity};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/fixture.txt";

/// A small VSO in the sample's shape, with `é`, an emoji, `…` and a no-break space in front of
/// the things the tests point at.
const FIXTURE: &str = "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)

Verslag van een schriftelijk overleg 

De vaste commissie voor Asiel en Migratie heeft een aantal vragen voorgelegd over de volgende brieven:
· Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025 (Kamerstuk 32317, nr. 973)

Bij brief van …  heeft de minister de vragen beantwoord.

\t\tDe voorzitter van de commissie,
\t\tVijlbrief
 I\tVragen en opmerkingen vanuit de fracties

Vragen en opmerkingen van de leden van de NSC-fractie
De leden van de NSC-fractie hebben met belangstelling kennisgenomen van de stukken. 

Europese terugkeerwetgeving
Café 🙂 … Kan de minister de brief (Kamerstuk 32 317, nr. 973) toelichten\u{a0}[footnoteRef:2]? [2:  Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967] 

Antwoord 
Ja, zie ook Kamerstuk 32317-973 en het verslag.
";

async fn started(encodings: &[&str]) -> Client {
    let mut c = Client::in_memory();
    c.initialize(capabilities(encodings), json!({"diagnosticsDelayMs": 0}))
        .await;
    c.open(URI, FIXTURE, 1).await;
    c
}

fn at(needle: &str, extra: usize, enc: &str) -> Value {
    let at = FIXTURE.find(needle).expect("needle") + extra;
    let (l, c) = common::offset_pos(FIXTURE, at, enc);
    position(l, c)
}

fn tdp(p: Value) -> Value {
    json!({"textDocument": {"uri": URI}, "position": p})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn negotiates_the_position_encoding() {
    let mut c = Client::in_memory();
    let r = c
        .initialize(capabilities(&["utf-16", "utf-8"]), Value::Null)
        .await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-8");
    assert_eq!(r["capabilities"]["textDocumentSync"]["change"], 2);
    assert_eq!(r["serverInfo"]["name"], "griffel");
    c.shutdown().await;

    let mut c = Client::in_memory();
    let r = c.initialize(json!({}), Value::Null).await;
    assert_eq!(r["capabilities"]["positionEncoding"], "utf-16");
    c.shutdown().await;

    let mut c = Client::in_memory();
    let r = c
        .initialize(json!({}), json!({"griffel": {"sync": "full"}}))
        .await;
    assert_eq!(r["capabilities"]["textDocumentSync"]["change"], 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_footnote_in_both_encodings() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(&[enc]).await;
        let h = c
            .request("textDocument/hover", tdp(at("[footnoteRef:2]", 3, enc)))
            .await;
        assert_eq!(
            h["range"],
            range_of(FIXTURE, "[footnoteRef:2]", enc),
            "{enc}"
        );
        let md = h["contents"]["value"].as_str().unwrap();
        assert!(md.starts_with("**Voetnoot 1**"), "{md}");
        assert!(md.contains("kst. 32317, nr. 967"), "{md}");
        assert_eq!(h["contents"]["kind"], "markdown");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_kamerstuk_names_the_letter_and_links_it() {
    let mut c = started(&["utf-16"]).await;
    let h = c
        .request(
            "textDocument/hover",
            tdp(at("Kamerstuk 32 317, nr. 973", 12, "utf-16")),
        )
        .await;
    assert_eq!(
        h["range"],
        range_of(FIXTURE, "Kamerstuk 32 317, nr. 973", "utf-16")
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Kamerstuk 32 317, nr. 973"), "{md}");
    assert!(
        md.contains("Geannoteerde agenda van de formele JBZ-Raad"),
        "{md}"
    );
    assert!(
        md.contains("https://zoek.officielebekendmakingen.nl/kst-32317-973.html"),
        "{md}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_answer_and_question_in_english() {
    let mut c = Client::in_memory();
    c.initialize(capabilities(&["utf-16"]), json!({"language": "en"}))
        .await;
    c.open(URI, FIXTURE, 1).await;
    let h = c
        .request("textDocument/hover", tdp(at("Antwoord \n", 2, "utf-16")))
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**Answer to"), "{md}");
    assert!(md.contains("Café 🙂 … Kan de minister"), "{md}");
    let h = c
        .request(
            "textDocument/hover",
            tdp(at("Kan de minister de brief", 4, "utf-16")),
        )
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.contains("Ja, zie ook"), "{md}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_and_references_for_notes_papers_and_answers() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(&[enc]).await;
        // Footnote reference -> body, and back.
        let d = c
            .request(
                "textDocument/definition",
                tdp(at("[footnoteRef:2]", 1, enc)),
            )
            .await;
        let body = "Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967";
        assert_eq!(d[0]["uri"], URI);
        assert_eq!(d[0]["range"], range_of(FIXTURE, body, enc), "{enc}");
        let d = c
            .request("textDocument/definition", tdp(at("[2:  Tweede", 1, enc)))
            .await;
        assert_eq!(d[0]["range"], range_of(FIXTURE, "[footnoteRef:2]", enc));

        // A citation in any form -> the letter in the header that names it.
        let d = c
            .request(
                "textDocument/definition",
                tdp(at("Kamerstuk 32317-973", 3, enc)),
            )
            .await;
        assert_eq!(
            d[0]["range"],
            range_of(FIXTURE, "Kamerstuk 32317, nr. 973", enc)
        );
        let refs = c
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": URI}, "position": at("Kamerstuk 32 317, nr. 973", 0, enc),
                       "context": {"includeDeclaration": false}}),
            )
            .await;
        let ranges: Vec<&Value> = refs
            .as_array()
            .unwrap()
            .iter()
            .map(|l| &l["range"])
            .collect();
        assert_eq!(
            ranges,
            vec![
                &range_of(FIXTURE, "Kamerstuk 32 317, nr. 973", enc),
                &range_of(FIXTURE, "Kamerstuk 32317-973", enc)
            ]
        );
        let refs = c
            .request(
                "textDocument/references",
                json!({"textDocument": {"uri": URI}, "position": at("Kamerstuk 32 317, nr. 973", 0, enc),
                       "context": {"includeDeclaration": true}}),
            )
            .await;
        assert_eq!(refs.as_array().unwrap().len(), 3);
        assert_eq!(
            refs[0]["range"],
            range_of(FIXTURE, "Kamerstuk 32317, nr. 973", enc)
        );

        // Answer -> question, question -> answer.
        let d = c
            .request("textDocument/definition", tdp(at("Antwoord \n", 0, enc)))
            .await;
        let (l, ch) = pos(FIXTURE, "Café", enc);
        assert_eq!(d[0]["range"]["start"], position(l, ch));
        let d = c
            .request("textDocument/definition", tdp(at("toelichten", 0, enc)))
            .await;
        assert_eq!(d[0]["range"], range_of(FIXTURE, "Antwoord", enc));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outline_folding_and_links() {
    for enc in ["utf-8", "utf-16"] {
        let mut c = started(&[enc]).await;
        let syms = c
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": URI}}),
            )
            .await;
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(
            names(&syms),
            vec!["Kop", "I Vragen en opmerkingen vanuit de fracties"]
        );
        let fr = &syms[1]["children"];
        assert_eq!(names(fr), vec!["NSC-fractie"]);
        let topic = &fr[0]["children"][0];
        assert_eq!(topic["name"], "Europese terugkeerwetgeving");
        assert_eq!(
            topic["selectionRange"],
            range_of(FIXTURE, "Europese terugkeerwetgeving", enc)
        );
        let q = &topic["children"][0];
        assert!(
            q["name"]
                .as_str()
                .unwrap()
                .starts_with("Café 🙂 … Kan de minister"),
            "{q}"
        );
        assert_eq!(q["detail"], "Vraag 1");

        let folds = c
            .request(
                "textDocument/foldingRange",
                json!({"textDocument": {"uri": URI}}),
            )
            .await;
        let lines: Vec<(u64, u64)> = folds
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["startLine"].as_u64().unwrap(),
                    f["endLine"].as_u64().unwrap(),
                )
            })
            .collect();
        let last = FIXTURE.trim_end().lines().count() as u64 - 1;
        // Header, section, fractie, topic, question/answer: all end on the last line but
        // the header, which ends before the section heading.
        assert_eq!(
            lines,
            vec![(0, 10), (11, last), (13, last), (16, last), (17, last)]
        );

        let links = c
            .request(
                "textDocument/documentLink",
                json!({"textDocument": {"uri": URI}}),
            )
            .await;
        let l = links
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["range"] == range_of(FIXTURE, "Kamerstuk 32 317, nr. 973", enc))
            .expect("link on the citation");
        assert_eq!(
            l["target"],
            "https://zoek.officielebekendmakingen.nl/kst-32317-973.html"
        );
    }
}

/// The server's diagnostics as (code, severity, message, range) computed here from
/// `check_text`, converted with the test's own position arithmetic.
fn expected(text: &str, cfg: &Config, enc: &str) -> Vec<(String, u64, String, Value)> {
    check_text(text, cfg)
        .into_iter()
        .map(|d| {
            let (l1, c1) = common::offset_pos(text, d.range.start, enc);
            let (l2, c2) = common::offset_pos(text, d.range.end, enc);
            let sev = match d.severity {
                Severity::Error => 1,
                Severity::Warning => 2,
                Severity::Information => 3,
                Severity::Hint => 4,
            };
            (
                d.code.to_string(),
                sev,
                d.message.to_string(),
                json!({"start": position(l1, c1), "end": position(l2, c2)}),
            )
        })
        .collect()
}

fn got(diags: &[Value]) -> Vec<(String, u64, String, Value)> {
    diags
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "griffel");
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["range"].clone(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_match_check_and_follow_configuration() {
    let Some(text) = sample() else { return };
    for enc in ["utf-8", "utf-16"] {
        let mut c = Client::in_memory();
        c.initialize(capabilities(&[enc]), json!({"diagnosticsDelayMs": 0}))
            .await;
        c.open("file:///s.txt", &text, 7).await;
        let d = c.diagnostics("file:///s.txt", Some(7)).await;
        assert_eq!(got(&d), expected(&text, &Config::default(), enc), "{enc}");
        for x in &d {
            for r in x["relatedInformation"].as_array().into_iter().flatten() {
                assert_eq!(r["location"]["uri"], "file:///s.txt");
            }
        }

        // Pull model: the same items, then `unchanged` for the same version.
        let r = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": "file:///s.txt"}}),
            )
            .await;
        assert_eq!(r["kind"], "full");
        assert_eq!(got(r["items"].as_array().unwrap()), got(&d));
        let id = r["resultId"].clone();
        let r = c
            .request(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": "file:///s.txt"}, "previousResultId": id}),
            )
            .await;
        assert_eq!(r["kind"], "unchanged");

        // Configuration: English, one code switched off, another made a hint.
        let all = check_text(&text, &Config::default());
        let Some(first) = all.first() else { continue };
        let mut cfg = Config {
            lang: Lang::En,
            ..Config::default()
        };
        cfg.severities.insert(first.code.to_string(), None);
        let other = all.iter().find(|d| d.code != first.code).map(|d| d.code);
        let mut sev = json!({first.code: "off"});
        if let Some(o) = other {
            cfg.severities.insert(o.to_string(), Some(Severity::Hint));
            sev[o] = json!("hint");
        }
        c.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"griffel": {"language": "en", "severity": sev, "diagnosticsDelayMs": 0}}}),
        )
        .await;
        let d = c.diagnostics("file:///s.txt", Some(7)).await;
        assert_eq!(got(&d), expected(&text, &cfg, enc));

        // Closing clears them.
        c.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": "file:///s.txt"}}),
        )
        .await;
        assert!(c.diagnostics("file:///s.txt", None).await.is_empty());
        let r = c
            .request_raw(
                "textDocument/hover",
                json!({"textDocument": {"uri": "file:///s.txt"}, "position": position(0, 0)}),
            )
            .await;
        assert_eq!(r["error"]["code"], -32602);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_come_from_workspace_configuration_too() {
    let mut c = Client::in_memory();
    *c.settings.lock().unwrap() = json!({"language": "en", "diagnosticsDelayMs": 0});
    c.initialize(capabilities(&["utf-16"]), Value::Null).await;
    // An empty didChangeConfiguration makes the server ask.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    )
    .await;
    c.open(URI, FIXTURE, 1).await;
    // Wait for the configuration round trips, then check the language took.
    let mut english = false;
    for _ in 0..50 {
        let h = c
            .request(
                "textDocument/hover",
                tdp(at("[footnoteRef:2]", 3, "utf-16")),
            )
            .await;
        if h["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Footnote 1**")
        {
            english = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(english);
    assert!(c
        .server_requests
        .lock()
        .unwrap()
        .contains(&"workspace/configuration".to_string()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_move_positions_and_bad_input_is_answered_not_fatal() {
    let mut c = started(&["utf-16"]).await;
    c.diagnostics(URI, Some(1)).await;
    // Insert an emoji line at the top: the footnote moves one line down.
    c.change(URI, 2, [0, 0, 0, 0], "🙂é\n").await;
    let text2 = format!("🙂é\n{FIXTURE}");
    let (l, ch) = pos(&text2, "[footnoteRef:2]", "utf-16");
    let h = c
        .request("textDocument/hover", tdp(position(l, ch + 1)))
        .await;
    assert_eq!(h["range"], range_of(&text2, "[footnoteRef:2]", "utf-16"));

    // A range far outside the document is clamped (to the end), not a crash.
    c.change(URI, 3, [999, 5, 999, 9], "\nslot").await;
    c.diagnostics(URI, Some(3)).await;
    let text3 = format!("{text2}\nslot");
    let syms = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let fresh = {
        let mut f = Client::in_memory();
        f.initialize(capabilities(&["utf-16"]), Value::Null).await;
        f.open(URI, &text3, 1).await;
        f.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await
    };
    assert_eq!(syms, fresh);

    // Unknown document, bad parameters, unknown method: error responses.
    let r = c
        .request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": "file:///nope"}, "position": position(0, 0)}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32602);
    let r = c
        .request_raw("textDocument/hover", json!({"bogus": 1}))
        .await;
    assert_eq!(r["error"]["code"], -32602);
    let r = c.request_raw("griffel/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    c.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_request_is_an_error_and_the_server_lives_on() {
    let mut c = Client::in_memory_with(griffel::lsp::Options {
        debug_panic: true,
        ..Default::default()
    });
    c.initialize(capabilities(&["utf-16"]), Value::Null).await;
    c.open(URI, FIXTURE, 1).await;
    let r = c
        .request_raw("griffel/debugPanic", tdp(position(0, 0)))
        .await;
    assert_eq!(r["error"]["code"], -32603);
    let h = c
        .request(
            "textDocument/hover",
            tdp(at("[footnoteRef:2]", 3, "utf-16")),
        )
        .await;
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Voetnoot 1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_request_gets_an_answer() {
    let mut c = started(&["utf-16"]).await;
    let (id, rx) = c
        .start_request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    c.notify("$/cancelRequest", json!({"id": id})).await;
    let r = tokio::time::timeout(common::TIMEOUT, rx)
        .await
        .unwrap()
        .unwrap();
    // Either it finished first or it was cancelled; both are answers.
    assert!(
        r.get("result").is_some() || r["error"]["code"] == -32800,
        "{r}"
    );
    // And the server still serves.
    c.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_sync_replaces_the_text() {
    let mut c = Client::in_memory();
    c.initialize(
        capabilities(&["utf-16"]),
        json!({"sync": "full", "diagnosticsDelayMs": 0}),
    )
    .await;
    c.open(URI, "leeg", 1).await;
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": FIXTURE}]}),
    )
    .await;
    let d = c.diagnostics(URI, Some(2)).await;
    assert_eq!(got(&d), expected(FIXTURE, &Config::default(), "utf-16"));
}
