//! Editor features as data: a fixture with the cursor at `$0`, the result rendered as text with
//! line numbers and the text it points at, checked against a snapshot.

mod common;

use common::line;
use expect_test::{expect, Expect};
use griffel::analysis::{Analysis, Config, Lang};
use griffel::ide;
use griffel::syntax::Parse;
use griffel::text::Document;

/// The analysis of `fixture` without its `$0`, and the cursor's byte offset.
fn fixture(fixture: &str) -> (Analysis, String, usize) {
    let offset = fixture.find("$0").unwrap_or(0);
    let text = fixture.replacen("$0", "", 1);
    let doc = Document::new(&text);
    let parse = Parse::new(&text);
    let a = Analysis::new(
        doc.rope().clone(),
        parse.report().clone(),
        &Config::default(),
    );
    (a, text, offset)
}

fn show(text: &str, r: &std::ops::Range<usize>) -> String {
    let s: String = text[r.clone()].chars().take(50).collect();
    format!("l{} {s:?}", line(text, r.start))
}

fn check_hover(f: &str, expected: Expect) {
    let (a, text, offset) = fixture(f);
    let out = match ide::hover(&a, offset, Lang::Nl) {
        Some(h) => format!("{}\n{}", show(&text, &h.range), h.markdown),
        None => "no hover".to_string(),
    };
    expected.assert_eq(&out);
}

fn check_definition(f: &str, expected: Expect) {
    let (a, text, offset) = fixture(f);
    let out: Vec<String> = ide::definition(&a, offset)
        .iter()
        .map(|t| show(&text, &t.focus))
        .collect();
    expected.assert_eq(&out.join("\n"));
}

fn check_references(f: &str, expected: Expect) {
    let (a, text, offset) = fixture(f);
    let out: Vec<String> = ide::references(&a, offset, true)
        .iter()
        .map(|r| show(&text, r))
        .collect();
    expected.assert_eq(&out.join("\n"));
}

const REPORT: &str = "36600\t\tVoorbeelddossier (Landbouw)\n\nVerslag van een schriftelijk overleg\n\nDe vaste commissie voor Landbouw heeft vragen voorgelegd over de volgende brieven:\n· Geannoteerde agenda Landbouw- en Visserijraad (Kamerstuk 21501-32, nr. 1700)\n\nBij brief van 3 maart 2025 heeft de minister de vragen beantwoord.\n I\tVragen en opmerkingen vanuit de fracties\nVragen en opmerkingen van de leden van de BBB-fractie\nDe leden van de BBB-fractie hebben kennisgenomen van de agenda.\nMestbeleid\nWanneer komt de minister met een besluit over de derogatie?[footnoteRef:2] [2:  Zie ook Kamerstuk 21 501-32, nr. 1700, p. 4.] \nAntwoord \nHet besluit volgt voor de zomer.\nVragen en opmerkingen van de leden van de CDA-fractie\nHoe staat het met de visserij?\nAntwoord \nDe minister zet zich in voor de vissers.[footnoteRef:5] [5:  Brief van 1 maart 2025.] \n";

/// The report with the cursor put before the `n`-th (0-based) occurrence of `needle`.
fn at(needle: &str, n: usize) -> String {
    let idx = REPORT
        .match_indices(needle)
        .nth(n)
        .expect("needle in the report")
        .0;
    format!("{}$0{}", &REPORT[..idx], &REPORT[idx..])
}

#[test]
fn hover_on_a_footnote_reference_shows_its_number_and_text() {
    check_hover(
        &at("[footnoteRef:5]", 0),
        expect![[r#"
            l19 "[footnoteRef:5]"
            **Voetnoot 2** (id 5)

            Brief van 1 maart 2025."#]],
    );
}

#[test]
fn hover_on_a_kamerstuk_shows_house_style_title_and_address() {
    check_hover(
        &at("Kamerstuk 21 501-32", 0),
        expect![[r#"
        l13 "Kamerstuk 21 501-32, nr. 1700, p. 4"
        **Kamerstuk 21 501-32, nr. 1700**

        Geannoteerde agenda Landbouw- en Visserijraad

        [Openen op zoek.officielebekendmakingen.nl](https://zoek.officielebekendmakingen.nl/kst-21501-32-1700.html)"#]],
    );
}

#[test]
fn hover_on_an_answer_marker_shows_its_question() {
    check_hover(
        &at("Antwoord", 1),
        expect![[r#"
        l18 "Antwoord"
        **Antwoord op vraag 2**

        > Hoe staat het met de visserij?"#]],
    );
}

#[test]
fn hover_on_a_question_shows_the_start_of_its_answer() {
    check_hover(
        &at("Hoe staat", 0),
        expect![[r#"
        l17 "Hoe staat het met de visserij?"
        **Vraag 2** — antwoord

        > De minister zet zich in voor de vissers.[footnoteRef:5] [5: Brief van 1 maart 2025.]"#]],
    );
}

#[test]
fn definition_of_a_footnote_reference_is_its_body_and_back() {
    check_definition(
        &at("[footnoteRef:2]", 0),
        expect![[r#"l13 "Zie ook Kamerstuk 21 501-32, nr. 1700, p. 4.""#]],
    );
    check_definition(&at("[2:  Zie", 0), expect![[r#"l13 "[footnoteRef:2]""#]]);
}

#[test]
fn definition_of_a_kamerstuk_citation_is_the_letter_that_names_it() {
    check_definition(
        &at("Kamerstuk 21 501-32", 0),
        expect![[r#"l6 "Kamerstuk 21501-32, nr. 1700""#]],
    );
}

#[test]
fn definition_of_an_answer_is_its_question() {
    check_definition(
        &at("Het besluit", 0),
        expect![[r#"l13 "Wanneer komt de minister met een besluit over de d""#]],
    );
}

#[test]
fn references_of_a_kamerstuk_are_all_its_citations_whatever_the_form() {
    check_references(
        &at("Kamerstuk 21501-32", 0),
        expect![[r#"
        l6 "Kamerstuk 21501-32, nr. 1700"
        l13 "Kamerstuk 21 501-32, nr. 1700, p. 4""#]],
    );
}

#[test]
fn outline_nests_section_fractie_topic_question() {
    let (a, text, _) = fixture(REPORT);
    fn walk(s: &[ide::Symbol], depth: usize, text: &str, out: &mut String) {
        for sym in s {
            out.push_str(&format!(
                "{}{:?} {} ({})\n",
                "  ".repeat(depth),
                sym.kind,
                sym.name,
                show(text, &sym.selection)
            ));
            walk(&sym.children, depth + 1, text, out);
        }
    }
    let mut out = String::new();
    walk(&ide::document_symbols(&a, Lang::Nl), 0, &text, &mut out);
    // Every child lies inside its parent, as VS Code requires.
    fn contained(s: &[ide::Symbol]) -> bool {
        s.iter().all(|p| {
            p.selection.start >= p.range.start
                && p.selection.end <= p.range.end
                && p.children
                    .iter()
                    .all(|c| c.range.start >= p.range.start && c.range.end <= p.range.end)
                && contained(&p.children)
        })
    }
    assert!(contained(&ide::document_symbols(&a, Lang::Nl)));
    expect![[r#"
        Header Kop (l1 "36600\t\tVoorbeelddossier (Landbouw)")
        Section I Vragen en opmerkingen vanuit de fracties (l9 " I\tVragen en opmerkingen vanuit de fracties")
          Fractie BBB-fractie (l10 "Vragen en opmerkingen van de leden van de BBB-frac")
            Topic Mestbeleid (l12 "Mestbeleid")
              Question Wanneer komt de minister met een besluit over… (l13 "Wanneer komt de minister met een besluit over de d")
          Fractie CDA-fractie (l16 "Vragen en opmerkingen van de leden van de CDA-frac")
            Question Hoe staat het met de visserij? (l17 "Hoe staat het met de visserij?")
    "#]].assert_eq(&out);
}

#[test]
fn folding_and_links() {
    let (a, text, _) = fixture(REPORT);
    let folds: Vec<String> = ide::folding_ranges(&a)
        .iter()
        .map(|f| {
            format!(
                "{:?} l{}-{}",
                f.kind,
                line(&text, f.range.start),
                line(&text, f.range.end)
            )
        })
        .collect();
    expect![[r#"
        Header l1-8
        Region l9-19
        Region l10-15
        Region l12-15
        Region l13-15
        Region l16-19
        Region l17-19"#]]
    .assert_eq(&folds.join("\n"));
    let links: Vec<String> = ide::document_links(&a)
        .iter()
        .map(|l| format!("{} -> {}", show(&text, &l.range), l.target))
        .collect();
    expect![[r#"
        l6 "Kamerstuk 21501-32, nr. 1700" -> https://zoek.officielebekendmakingen.nl/kst-21501-32-1700.html
        l13 "Kamerstuk 21 501-32, nr. 1700, p. 4" -> https://zoek.officielebekendmakingen.nl/kst-21501-32-1700.html"#]].assert_eq(&links.join("\n"));
}
