//! Cross-references through the real server in memory, on the shared sample, with exact
//! positions: hover, definition, references and code lenses.

mod lsp_common;
use lsp_common as common;

use common::{capabilities, offset_pos, position, sample, Client};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/vso-jbz-2025-10.txt";

/// The byte offset of column 0 of 1-based `line`.
fn line_start(text: &str, line: usize) -> usize {
    text.split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum()
}

/// The protocol range of `needle` on 1-based `line` (UTF-16).
fn range_on(text: &str, line: usize, needle: &str) -> Value {
    let s = line_start(text, line);
    let at = s + text[s..].find(needle).expect("needle on line");
    let (l1, c1) = offset_pos(text, at, "utf-16");
    let (l2, c2) = offset_pos(text, at + needle.len(), "utf-16");
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

fn at_line(text: &str, line: usize, needle: &str, extra: usize) -> Value {
    let s = line_start(text, line);
    let at = s + text[s..].find(needle).expect("needle on line") + extra;
    let (l, c) = offset_pos(text, at, "utf-16");
    position(l, c)
}

fn tdp(p: Value) -> Value {
    json!({"textDocument": {"uri": URI}, "position": p})
}

async fn started(text: &str, options: Value) -> Client {
    let mut c = Client::in_memory();
    c.initialize(capabilities(&["utf-16"]), options).await;
    c.open(URI, text, 1).await;
    c
}

/// The range of a question's text: from its first line to the end of its last line (`last`).
fn question_range(text: &str, first: usize, last: usize) -> Value {
    let s = line_start(text, first);
    let e = line_start(text, last + 1) - 1;
    let e = text[..e].trim_end_matches('\r').len();
    let (l1, c1) = offset_pos(text, s, "utf-16");
    let (l2, c2) = offset_pos(text, e, "utf-16");
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_a_reference_shows_the_target_question_and_answer() {
    let Some(text) = sample() else { return };
    let mut c = started(&text, json!({})).await;
    let h = c
        .request("textDocument/hover", tdp(at_line(&text, 78, "vorige", 2)))
        .await;
    assert_eq!(
        h["range"],
        range_on(&text, 78, "Zie antwoord op de vorige vraag")
    );
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(md.starts_with("**Verwijst naar** De vraag ‘Kan de minister toelichten hoe deze categorie juridisch…’ van de NSC-fractie"), "{md}");
    assert!(
        md.contains("> Kan de minister toelichten hoe deze categorie juridisch"),
        "{md}"
    );
    assert!(
        md.contains("**Antwoord**\n\n> De Commissie zal uiterlijk op 15 oktober"),
        "{md}"
    );
    assert!(md.contains("Gevonden op: de vorige vraag"), "{md}");

    // Line 126 points (wrongly) at GroenLinks-PvdA; the hover shows the NSC question it matches.
    let h = c
        .request(
            "textDocument/hover",
            tdp(at_line(&text, 126, "gelijkluidende", 0)),
        )
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("Acht de minister het op dit moment voldoende"),
        "{md}"
    );
    assert!(
        md.contains("gevonden bij de NSC-fractie, niet bij de genoemde"),
        "{md}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_in_english_by_setting() {
    let Some(text) = sample() else { return };
    let mut c = started(&text, json!({"language": "en"})).await;
    let h = c
        .request(
            "textDocument/hover",
            tdp(at_line(&text, 103, "ontwerpbesluit", 0)),
        )
        .await;
    let md = h["contents"]["value"].as_str().unwrap();
    assert!(
        md.starts_with("**Refers to** The question ‘Kan de minister toezeggen dat de Tweede"),
        "{md}"
    );
    assert!(md.contains("Found by: subject matches"), "{md}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_jumps_to_the_target_question() {
    let Some(text) = sample() else { return };
    let mut c = started(&text, json!({})).await;
    for (line, needle, first, last) in [
        (78, "vorige", 71, 71),
        (81, "eerste", 62, 63),
        (87, "eerste vraag", 62, 63),
        (97, "ontwerpbesluit", 88, 88),
        (103, "ontwerpbesluit", 88, 88),
        (111, "vergelijkbare", 30, 30),
    ] {
        let d = c
            .request(
                "textDocument/definition",
                tdp(at_line(&text, line, needle, 1)),
            )
            .await;
        assert_eq!(d[0]["uri"], URI, "line {line}");
        assert_eq!(
            d[0]["range"],
            question_range(&text, first, last),
            "line {line}: {d}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_on_a_question_list_the_answers_pointing_at_it() {
    let Some(text) = sample() else { return };
    let mut c = started(&text, json!({})).await;
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": URI}, "position": at_line(&text, 88, "ontwerp-raadsdocumenten", 0),
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
            &range_on(&text, 89, "Antwoord"),
            &range_on(&text, 97, "verwijst naar het antwoord op de eerder vraag van uw fractie over het ontwerpbesluit van de Commissie"),
            &range_on(&text, 103, "Zie het antwoord op de vraag over het ontwerpbesluit van de Commissie"),
        ]
    );
    // From a reference: everything that points at the same question, and the question.
    let refs = c
        .request(
            "textDocument/references",
            json!({"textDocument": {"uri": URI}, "position": at_line(&text, 81, "eerste", 0),
                   "context": {"includeDeclaration": true}}),
        )
        .await;
    let lines: Vec<u64> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"]["start"]["line"].as_u64().unwrap() + 1)
        .collect();
    assert_eq!(lines, vec![62, 81, 87, 93]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_lenses_count_the_referring_answers() {
    let Some(text) = sample() else { return };
    let mut c = started(&text, json!({})).await;
    let lenses = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let lenses = lenses.as_array().unwrap();
    assert_eq!(lenses.len(), 23, "one per question");
    // Worked out when shown: the editor resolves each lens it shows.
    assert!(lenses.iter().all(|l| l.get("command").is_none()));
    let mut resolved = Vec::new();
    for l in lenses {
        resolved.push(c.request("codeLens/resolve", l.clone()).await);
    }
    let lenses = &resolved;
    let title = |first: usize, last: usize| {
        let r = question_range(&text, first, last);
        lenses
            .iter()
            .find(|l| l["range"] == r)
            .unwrap_or_else(|| panic!("no lens at {first}"))["command"]["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(title(88, 88), "2 verwijzingen naar dit antwoord");
    assert_eq!(title(71, 71), "1 verwijzing naar dit antwoord");
    assert_eq!(title(30, 30), "1 verwijzing naar dit antwoord");
    // 81 and 87 by the topic, 93 (the vague `hierboven`) by a guess.
    assert_eq!(title(62, 63), "3 verwijzingen naar dit antwoord");
    assert_eq!(title(40, 40), "0 verwijzingen naar dit antwoord");
    let l88 = lenses
        .iter()
        .find(|l| l["range"] == question_range(&text, 88, 88))
        .unwrap();
    assert_eq!(l88["command"]["command"], "griffel.showReferences");
    let locs = l88["command"]["arguments"][2].as_array().unwrap();
    assert_eq!(locs.len(), 2);
    assert_eq!(locs[0]["range"]["start"]["line"], 96);
    assert_eq!(locs[1]["range"]["start"]["line"], 102);

    let mut c = started(&text, json!({"language": "en"})).await;
    let lenses = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let mut titles = Vec::new();
    for l in lenses.as_array().unwrap() {
        let r = c.request("codeLens/resolve", l.clone()).await;
        titles.push(
            r["command"]["title"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    assert!(titles.iter().any(|t| t == "2 references to this answer"));

    // A lens of an older version is worked out in the text as it is now: after a line is
    // inserted above, the old lens no longer stands at a question and stays unresolved, while
    // the new lenses resolve.
    let old = lenses.as_array().unwrap()[0].clone();
    c.change(URI, 2, [0, 0, 0, 0], "Nieuwe eerste regel\n")
        .await;
    let r = c.request("codeLens/resolve", old.clone()).await;
    assert!(r.get("command").is_none(), "{r}");
    let now = c
        .request(
            "textDocument/codeLens",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let r = c.request("codeLens/resolve", now[0].clone()).await;
    assert_eq!(r["command"]["command"], "griffel.showReferences");
    assert_eq!(
        r["range"]["start"]["line"],
        old["range"]["start"]["line"].as_u64().unwrap() + 1
    );
}
