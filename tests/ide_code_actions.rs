//! Quick fixes and the safe fixes, with exact edits, on the shared sample and own fixtures.

mod ide_common;
use ide_common::*;

use expect_test::expect;
use griffel::analysis::{Config, Lang};
use griffel::ide::{apply_edits, code_actions, safe_fixes, Action};

fn show_actions(text: &str, actions: &[Action], a: &griffel::analysis::Analysis) -> String {
    let mut out = String::new();
    for x in actions {
        let codes: Vec<&str> = x.fixes.iter().map(|&i| a.diagnostics[i].code).collect();
        out += &format!(
            "{} [{:?}{}] fixes {:?}\n",
            x.title,
            x.kind,
            if x.preferred { ", preferred" } else { "" },
            codes
        );
        for l in show_edits(text, &x.edits).lines() {
            out += &format!("  {l}\n");
        }
    }
    out
}

/// A small VSO in the sample's shape.
const VSO: &str = "32317\t\tJBZ-Raad (vreemdelingen- en asielbeleid)

Verslag van een schriftelijk overleg 

De vaste commissie voor Asiel en Migratie heeft een aantal vragen voorgelegd over de volgende brieven:
· Geannoteerde agenda van de formele JBZ-Raad (Kamerstuk 32317, nr. 973)

 I\tVragen en opmerkingen vanuit de fracties

Vragen en opmerkingen van de leden van de Christenunie-fractie
De leden van de Christenunie-fractie hebben kennisgenomen van de stukken. 

Kan de minister de brief (Kamerstuk 32317-973) toelichten? 

Antwoord 
Ja.

Kan de minister ook ingaan op de uitvoering?
Deze leden vragen voorts of de minister de Kamer informeert. 

Antwoord 
Ja, zie Kamerstuk 32 317, nr. 973.
";

#[test]
fn house_style_one_at_a_time_and_all_at_once() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let at = text.find("Kamerstuk 32317-967").unwrap() + 3;
    let actions = code_actions(&a, at..at, &Config::default());
    expect![[r#"
        In huisstijl zetten: ‘Kamerstuk 32 317, nr. 967’ [QuickFix, preferred] fixes ["GRF304"]
          6:98-6:117 "Kamerstuk 32317-967" -> "Kamerstuk 32 317, nr. 967"
        Alle verwijzingen in huisstijl zetten [QuickFix] fixes ["GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304"]
          6:98-6:117 "Kamerstuk 32317-967" -> "Kamerstuk 32 317, nr. 967"
          6:152-6:176 "Kamerstuk 32317, nr. 969" -> "Kamerstuk 32 317, nr. 969"
          7:113-7:137 "Kamerstuk 32317, nr. 970" -> "Kamerstuk 32 317, nr. 970"
          8:91-8:116 "Kamerstuk 22112, nr. 4150" -> "Kamerstuk 22 112, nr. 4150"
          9:61-9:86 "Kamerstuk 22112, nr. 4149" -> "Kamerstuk 22 112, nr. 4149"
          10:67-10:91 "Kamerstuk 32317, nr. 973" -> "Kamerstuk 32 317, nr. 973"
          58:727-58:746 "kst. 32317, nr. 967" -> "Kamerstuk 32 317, nr. 967"
          120:933-120:951 "kst 29 344, nr 155" -> "Kamerstuk 29 344, nr. 155"
        griffel: alle veilige correcties toepassen [FixAll] fixes ["GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304", "GRF304"]
          6:98-6:117 "Kamerstuk 32317-967" -> "Kamerstuk 32 317, nr. 967"
          6:152-6:176 "Kamerstuk 32317, nr. 969" -> "Kamerstuk 32 317, nr. 969"
          7:113-7:137 "Kamerstuk 32317, nr. 970" -> "Kamerstuk 32 317, nr. 970"
          8:91-8:116 "Kamerstuk 22112, nr. 4150" -> "Kamerstuk 22 112, nr. 4150"
          9:61-9:86 "Kamerstuk 22112, nr. 4149" -> "Kamerstuk 22 112, nr. 4149"
          10:67-10:91 "Kamerstuk 32317, nr. 973" -> "Kamerstuk 32 317, nr. 973"
          58:727-58:746 "kst. 32317, nr. 967" -> "Kamerstuk 32 317, nr. 967"
          120:933-120:951 "kst 29 344, nr 155" -> "Kamerstuk 29 344, nr. 155"
    "#]]
    .assert_eq(&show_actions(&text, &actions, &a));

    // After the fixes the sample has nothing left to fix.
    let fixed = apply_edits(&text, &safe_fixes(&a));
    let again = analyse(&fixed);
    assert!(safe_fixes(&again).is_empty());
    assert!(!again.diagnostics.iter().any(|d| d.code == "GRF304"));
}

#[test]
fn nothing_to_fix_where_the_text_is_in_house_style() {
    let (text, at) = cursor(&VSO.replace("zie Kamerstuk 32 317", "zie Kamerstuk 32 3$017"));
    let a = analyse(&text);
    assert!(code_actions(&a, at..at, &Config::default()).is_empty());
    // A client asking for `source.fixAll` gets the document's fixes wherever the cursor is.
    let titles: Vec<String> = griffel::ide::code_actions_with(&a, at..at, &Config::default(), true)
        .into_iter()
        .map(|x| x.title)
        .collect();
    assert_eq!(titles, ["griffel: alle veilige correcties toepassen"]);
}

#[test]
fn inserts_an_answer_marker_in_the_documents_style() {
    // The unanswered question is the one before `Deze leden vragen voorts`.
    let (text, at) = cursor(&VSO.replace("ook ingaan", "ook $0ingaan"));
    let a = analyse(&text);
    let actions: Vec<Action> = code_actions(&a, at..at, &Config::default())
        .into_iter()
        .filter(|x| x.fixes.iter().any(|&i| a.diagnostics[i].code == "GRF101"))
        .collect();
    expect![[r#"
        Regel ‘Antwoord’ invoegen [QuickFix, preferred] fixes ["GRF101"]
          18:45-18:45 "" -> "\nAntwoord "
    "#]]
    .assert_eq(&show_actions(&text, &actions, &a));
    let fixed = apply_edits(&text, &actions[0].edits);
    assert!(
        fixed.contains("op de uitvoering?\nAntwoord \nDeze leden"),
        "{fixed}"
    );
}

#[test]
fn inserts_a_numbered_marker_in_a_numbered_document() {
    let text = "Vraag 1\nHoeveel aanvragen zijn in 2024 ingediend?\nAntwoord op vraag 1:\nIn 2024 zijn 1.250 aanvragen ingediend.\nVraag 2\nHoeveel daarvan zijn toegekend?\r\nVraag 3\nWanneer?\nAntwoord op vraag 3:\nIn mei.\n";
    let a = analyse(text);
    let at = text.find("toegekend").unwrap();
    let actions: Vec<Action> = code_actions(&a, at..at, &Config::default())
        .into_iter()
        .filter(|x| x.fixes.iter().any(|&i| a.diagnostics[i].code == "GRF101"))
        .collect();
    expect![[r#"
        Regel ‘Antwoord op vraag 2:’ invoegen [QuickFix, preferred] fixes ["GRF101"]
          6:32-6:32 "" -> "\nAntwoord op vraag 2:"
    "#]]
    .assert_eq(&show_actions(text, &actions, &a));
}

#[test]
fn corrects_a_fractie_spelling() {
    let (text, at) = cursor(&VSO.replace(
        "De leden van de Christenunie",
        "De leden van de Chris$0tenunie",
    ));
    let a = analyse(&text);
    let actions: Vec<Action> = code_actions(&a, at..at, &Config::default())
        .into_iter()
        .filter(|x| x.fixes.iter().any(|&i| a.diagnostics[i].code == "GRF501"))
        .collect();
    expect![[r#"
        Spelling ‘ChristenUnie’ gebruiken [QuickFix, preferred] fixes ["GRF501"]
          11:17-11:29 "Christenunie" -> "ChristenUnie"
    "#]]
    .assert_eq(&show_actions(&text, &actions, &a));
    // In English too.
    let cfg = Config {
        lang: Lang::En,
        ..Config::default()
    };
    let a = analyse_with(&text, &cfg);
    let titles: Vec<String> = code_actions(&a, at..at, &cfg)
        .into_iter()
        .map(|x| x.title)
        .collect();
    assert!(
        titles.contains(&"Use the spelling ‘ChristenUnie’".to_string()),
        "{titles:?}"
    );
}

const MARKDOWN: &str = "Vragen en opmerkingen van de leden van de VVD-fractie
Kan de minister de cijfers geven[^3]? En die van vorig jaar[^1]?

Antwoord 
Ja[^3], zie de bijlage[^bron].

[^1]: Kamerstuk 32 317, nr. 973.
[^3]: CBS, 2025.
[^bron]: Bijlage bij de brief.
[^7]: Niet gebruikt.
";

#[test]
fn renumbers_markdown_notes_in_order() {
    let at = MARKDOWN.find("[^3]").unwrap() + 2;
    let a = analyse(MARKDOWN);
    let actions = code_actions(&a, at..at, &Config::default());
    expect![[r#"
        Voetnoten hernummeren in volgorde van verschijnen [QuickFix, preferred] fixes ["GRF204", "GRF204"]
          2:35-2:36 "3" -> "1"
          2:62-2:63 "1" -> "2"
          5:5-5:6 "3" -> "1"
          7:3-7:4 "1" -> "2"
          8:3-8:4 "3" -> "1"
          10:3-10:4 "7" -> "4"
        griffel: alle veilige correcties toepassen [FixAll] fixes ["GRF204", "GRF204"]
          2:35-2:36 "3" -> "1"
          2:62-2:63 "1" -> "2"
          5:5-5:6 "3" -> "1"
          7:3-7:4 "1" -> "2"
          8:3-8:4 "3" -> "1"
          10:3-10:4 "7" -> "4"
    "#]]
    .assert_eq(&show_actions(MARKDOWN, &actions, &a));
    let fixed = apply_edits(MARKDOWN, &safe_fixes(&a));
    expect![[r#"
        Vragen en opmerkingen van de leden van de VVD-fractie
        Kan de minister de cijfers geven[^1]? En die van vorig jaar[^2]?

        Antwoord 
        Ja[^1], zie de bijlage[^bron].

        [^2]: Kamerstuk 32 317, nr. 973.
        [^1]: CBS, 2025.
        [^bron]: Bijlage bij de brief.
        [^4]: Niet gebruikt.
    "#]]
    .assert_eq(&fixed);
    let again = analyse(&fixed);
    assert!(
        safe_fixes(&again).is_empty(),
        "a second run changes nothing"
    );
}

#[test]
fn a_switched_off_code_offers_no_fix() {
    let Some(text) = sample() else { return };
    let mut cfg = Config::default();
    cfg.severities.insert("GRF304".into(), None);
    let a = analyse_with(&text, &cfg);
    let at = text.find("Kamerstuk 32317-967").unwrap();
    assert!(code_actions(&a, at..at, &cfg).is_empty());
}

const NUMBERED_XREF: &str = "Vraag 1
Hoeveel aanvragen zijn in 2024 ingediend?
Antwoord op vraag 1:
In 2024 zijn 1.250 aanvragen ingediend.
Vraag 2
Hoeveel daarvan zijn toegekend?
Antwoord op vraag 2:
Zie het antwoord op de vorige vraag.
Vraag 3
Hoeveel zijn er afgewezen?
Antwoord op vraag 3:
Het kabinet verwijst naar het antwoord op de eerste vraag en voegt toe dat het er 12 waren.
";

#[test]
fn makes_a_cross_reference_explicit_in_a_numbered_document() {
    let a = analyse(NUMBERED_XREF);
    let rewrites = |needle: &str| -> String {
        let at = NUMBERED_XREF.find(needle).unwrap() + 2;
        let actions: Vec<Action> = code_actions(&a, at..at, &Config::default())
            .into_iter()
            .filter(|x| x.kind == griffel::ide::ActionKind::Rewrite)
            .collect();
        show_actions(NUMBERED_XREF, &actions, &a)
    };
    expect![[r#"
        Verwijzing expliciet maken: ‘vraag 1’ [Rewrite] fixes []
          8:1-8:37 "Zie het antwoord op de vorige vraag." -> "Zie het antwoord op vraag 1."
    "#]]
    .assert_eq(&rewrites("Zie het antwoord op de vorige"));
    expect![[r#"
        Verwijzing expliciet maken: ‘vraag 1’ [Rewrite] fixes []
          12:43-12:58 "de eerste vraag" -> "vraag 1"
    "#]]
    .assert_eq(&rewrites("verwijst naar"));
    // The rewritten text resolves to the same questions.
    let mut all: Vec<_> = Vec::new();
    for needle in ["Zie het antwoord op de vorige", "verwijst naar"] {
        let at = NUMBERED_XREF.find(needle).unwrap() + 2;
        all.extend(
            code_actions(&a, at..at, &Config::default())
                .into_iter()
                .filter(|x| x.kind == griffel::ide::ActionKind::Rewrite)
                .flat_map(|x| x.edits),
        );
    }
    let fixed = apply_edits(NUMBERED_XREF, &all);
    let b = analyse(&fixed);
    let targets: Vec<Option<usize>> = b.xrefs.refs.iter().map(|x| x.target).collect();
    assert_eq!(targets, [Some(0), Some(0)]);
    // Nothing to make explicit where the reference names its number already.
    let c = analyse(&fixed);
    let at = fixed.find("Zie het antwoord op vraag 1").unwrap();
    assert!(code_actions(&c, at..at, &Config::default())
        .iter()
        .all(|x| x.kind != griffel::ide::ActionKind::Rewrite));
}

#[test]
fn replaces_a_repeated_answer_by_a_reference_that_resolves_to_the_original() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let repeats: Vec<(usize, usize)> = a
        .xrefs
        .repeats
        .iter()
        .map(|r| (r.question, r.earlier))
        .collect();
    let mut shown = String::new();
    for (i, d) in a
        .diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| d.code == "GRF607")
    {
        let at = d.range.start;
        let actions: Vec<Action> = code_actions(&a, at..at, &Config::default())
            .into_iter()
            .filter(|x| x.fixes.contains(&i))
            .filter(|x| x.kind == griffel::ide::ActionKind::QuickFix)
            .collect();
        shown += &show_actions(&text, &actions, &a);
        // Applied, the reference points at the answer that was copied.
        let rep = a.xrefs.repeats.iter().find(|r| r.range == d.range).unwrap();
        let fixed = apply_edits(&text, &actions[0].edits);
        let b = analyse(&fixed);
        let at = actions[0].edits[0].range.start;
        let x = b.xrefs.at(at + 4).expect("the new reference is recognised");
        assert_eq!(
            x.target,
            Some(rep.earlier),
            "{}",
            &actions[0].edits[0].new_text
        );
        assert!(x.problem.is_none(), "{:?}", x.problem);
    }
    assert_eq!(repeats.len(), 3);
    expect![[r#"
        Herhaling vervangen door een verwijzing naar het eerdere antwoord [QuickFix, preferred] fixes ["GRF607"]
          74:1-74:356 "De Commissie zal uiterlijk op 15 oktober – samen met een aan" -> "Zie het antwoord op de eerste vraag van de leden van de NSC-fractie over solidariteitsmechanisme en herverdeling onder het EU-Migratiepact."
        Herhaling vervangen door een verwijzing naar het eerdere antwoord [QuickFix, preferred] fixes ["GRF607"]
          84:1-84:561 "De uiteindelijke bijdrage van Nederland is afhankelijk van d" -> "Zie het antwoord op de derde vraag van de leden van de NSC-fractie over solidariteitsmechanisme en herverdeling onder het EU-Migratiepact."
        Herhaling vervangen door een verwijzing naar het eerdere antwoord [QuickFix, preferred] fixes ["GRF607"]
          90:1-90:356 "De Commissie zal uiterlijk op 15 oktober – samen met een aan" -> "Zie het antwoord op de eerste vraag van de leden van de NSC-fractie over solidariteitsmechanisme en herverdeling onder het EU-Migratiepact."
    "#]]
    .assert_eq(&shown);
}
