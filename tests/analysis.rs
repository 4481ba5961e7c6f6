//! Every diagnostic rule, positive and negative, on small Dutch fixtures and on the shared sample.

mod common;

use common::{line, sample};
use expect_test::{expect, Expect};
use griffel::analysis::{check_text, Config, Lang, Severity};

fn render(text: &str, cfg: &Config) -> String {
    let mut out = String::new();
    for d in check_text(text, cfg) {
        let col = text[..d.range.start]
            .rsplit('\n')
            .next()
            .map(|l| l.chars().count())
            .unwrap_or(0)
            + 1;
        out += &format!(
            "{}:{} {} {} {:?} {}\n",
            line(text, d.range.start),
            col,
            d.code,
            d.severity.as_str(),
            &text[d.range.clone()],
            d.message
        );
        for r in &d.related {
            out += &format!("  related l{} {}\n", line(text, r.range.start), r.message);
        }
    }
    out
}

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&render(text, &Config::default()));
}

fn codes(text: &str) -> Vec<&'static str> {
    check_text(text, &Config::default())
        .into_iter()
        .map(|d| d.code)
        .collect()
}

/// The sample's only warnings: the placeholder date, and the reference at line 126 that names
/// GroenLinks-PvdA for a question only NSC asked (see `tests/xref.rs`).
#[test]
fn sample_warns_about_the_placeholder_and_the_wrong_fractie() {
    let Some(text) = sample() else { return };
    let diags = check_text(&text, &Config::default());
    let warnings: Vec<_> = diags
        .iter()
        .filter(|d| d.severity <= Severity::Warning)
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!(warnings[0].code, "GRF401");
    assert_eq!(line(&text, warnings[0].range.start), 12);
    assert_eq!(&text[warnings[0].range.clone()], "…");
    assert_eq!(warnings[1].code, "GRF603");
    assert_eq!(line(&text, warnings[1].range.start), 126);
}

#[test]
fn questions_and_answers() {
    check(
        "Vragen en opmerkingen van de leden van de VVD-fractie\nKan de minister dit toelichten?\nAntwoord \nJa.\nAntwoord \nNog een antwoord.\nDe leden vragen ook naar de kosten?\nWat is de planning?\nAntwoord \n\nDe leden van de VVD-fractie vragen tot slot naar de evaluatie?\n",
        expect![[r#"
            5:1 GRF102 error "Antwoord" Dit antwoord hoort bij geen vraag: er staat geen vraag tussen dit antwoord en het vorige. Voeg de vraag toe of voeg de antwoorden samen.
              related l2 de vorige vraag
            9:1 GRF103 warning "Antwoord" Dit antwoord is leeg: vul het antwoord in of verwijs naar een ander antwoord.
              related l7 de vraag
            11:1 GRF101 warning "De leden van de VVD-fractie vragen tot slot naar de evaluatie?" Bij deze vraag staat geen antwoord. Voeg een regel ‘Antwoord’ toe met het antwoord eronder.
        "#]],
    );
    // A clean pair says nothing; an inbreng expects no answers.
    assert!(codes("Kan de minister dit toelichten?\nAntwoord \nJa.\n").is_empty());
    assert!(codes("Inbreng verslag schriftelijk overleg\nVragen en opmerkingen van de leden van de SP-fractie\nDe leden vragen iets?\n").is_empty());
}

#[test]
fn numbering() {
    check(
        "Vraag 1\nHoeveel?\nAntwoord op vraag 1:\nVeel.\nVraag 3\nWaarom?\nAntwoord op vraag 3:\nDaarom.\nVraag 3\nWanneer?\nAntwoord op vraag 3:\nMorgen.\nVraag 2\nWie?\nAntwoord op vraag 4:\nIk.\n",
        expect![[r#"
            5:1 GRF104 warning "Vraag 3" Na vraag 1 volgt vraag 3: vraag 2 ontbreekt.
            9:1 GRF105 error "Vraag 3" Vraagnummer 3 komt twee keer voor.
              related l5 eerder gebruikt
            13:1 GRF104 warning "Vraag 2" Vraag 2 staat na vraag 3: de nummering loopt niet op.
            15:1 GRF106 error "Antwoord op vraag 4:" Dit antwoord heeft nummer 4, maar staat onder vraag 2.
              related l13 vraag 2
        "#]],
    );
    assert!(codes("Vraag 1\nA?\nAntwoord 1\nB.\nVraag 2\nC?\nAntwoord 2\nD.\n").is_empty());
}

#[test]
fn footnotes() {
    check(
        "Kan de minister dit toelichten?[footnoteRef:2] En dit?[footnoteRef:7] [2: Eerste noot.] \nAntwoord \nJa.[footnoteRef:2] [9: Wees.] [2: Dubbel.] \n",
        expect![[r#"
            1:55 GRF201 error "[footnoteRef:7]" Bij voetnoot 7 staat geen voetnoottekst. Voeg de tekst toe of verwijder de verwijzing.
            3:4 GRF203 error "[footnoteRef:2]" Naar voetnoot 2 wordt twee keer verwezen; in Word heeft elke verwijzing een eigen noot.
              related l1 de eerste verwijzing
            3:20 GRF202 warning "[9: Wees.]" Naar de tekst van voetnoot 9 verwijst niets in het verslag. Voeg de verwijzing toe of verwijder de noot.
            3:32 GRF203 error "2" Er zijn twee teksten voor voetnoot 2. Geef deze noot een eigen nummer of verwijder er één.
              related l1 de eerste tekst
        "#]],
    );
    check(
        "Klopt dit?[^2] En dat?[^1] Zie ook[^2].\nAntwoord \nJa.\n[^1]: Een.\n[^2]: Twee.\n",
        expect![[r#"
            1:11 GRF204 warning "[^2]" Voetnoot [^2] is de 1e noot in de tekst en zou nummer 1 moeten hebben. Hernummer de voetnoten op volgorde.
            1:23 GRF204 warning "[^1]" Voetnoot [^1] is de 2e noot in de tekst en zou nummer 2 moeten hebben. Hernummer de voetnoten op volgorde.
        "#]],
    );
    assert!(codes(
        "Klopt dit?[^1] En dat?[^2] Zie ook[^1].\nAntwoord \nJa.\n[^1]: Een.\n[^2]: Twee.\n"
    )
    .is_empty());
}

#[test]
fn placeholders() {
    check(
        "Bij brief van … heeft de minister de vragen beantwoord.\nKan de minister dit toelichten?\nAntwoord \nHet gaat om PM euro, te besteden op [datum] door XX.\nDat is alles… voorlopig.\n",
        expect![[r#"
            1:15 GRF401 warning "…" De datum van de brief van de bewindspersoon ontbreekt nog (‘…’). Vul de datum in voordat het verslag wordt vastgesteld.
            4:13 GRF401 warning "PM" Plaatshouder ‘PM’ staat nog in de tekst. Vul de ontbrekende gegevens in.
            4:37 GRF401 warning "[datum]" Plaatshouder ‘[datum]’ staat nog in de tekst. Vul de ontbrekende gegevens in.
            4:50 GRF401 warning "XX" Plaatshouder ‘XX’ staat nog in de tekst. Vul de ontbrekende gegevens in.
        "#]],
    );
}

#[test]
fn fracties() {
    check(
        "Vragen en opmerkingen van de leden van de Groenlinks-PvdA-fractie\nDe leden van de Groenlinks-PvdA-fractie vragen iets?\nAntwoord \nJa, zoals de EVP-fractie ook zei.\nDe leden van de CDA-fractie vragen nog iets?\nAntwoord \nNee.\nVragen en opmerkingen van de leden van de Piratenpartij-fractie\nDe leden van de GL-PvdA-fractie vragen iets?\nAntwoord \nJa.\n",
        expect![[r#"
            1:43 GRF501 warning "Groenlinks-PvdA" De fractie heet ‘GroenLinks-PvdA’, niet ‘Groenlinks-PvdA’.
            2:17 GRF501 warning "Groenlinks-PvdA" De fractie heet ‘GroenLinks-PvdA’, niet ‘Groenlinks-PvdA’.
            5:17 GRF502 warning "CDA-fractie" Deze alinea spreekt voor de leden van de CDA-fractie, maar staat in het deel van de Groenlinks-PvdA-fractie. Verplaats de alinea of corrigeer de fractienaam.
              related l1 het begin van dit deel
            8:43 GRF501 warning "Piratenpartij" ‘Piratenpartij’ staat niet in de lijst van fracties. Controleer de naam of vul de lijst aan (instelling griffel.fracties).
            9:17 GRF502 warning "GL-PvdA-fractie" Deze alinea spreekt voor de leden van de GL-PvdA-fractie, maar staat in het deel van de Piratenpartij-fractie. Verplaats de alinea of corrigeer de fractienaam.
              related l8 het begin van dit deel
        "#]],
    );
    // GL-PvdA and GroenLinks-PvdA are one fractie.
    assert!(codes("Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie\nDe leden van de GL-PvdA-fractie vragen iets?\nAntwoord \nJa.\n").is_empty());
}

#[test]
fn english_messages_and_severity_settings() {
    let text = "Kan de minister dit toelichten?[footnoteRef:2]\nAntwoord \nJa, op … .\n";
    let mut cfg = Config {
        lang: Lang::En,
        ..Config::default()
    };
    let diags = check_text(text, &cfg);
    assert_eq!(
        &*diags[0].message,
        "footnote 2 has no text. Add the note's text or remove the reference."
    );
    cfg.severities.insert("GRF201".into(), Some(Severity::Hint));
    cfg.severities.insert("GRF401".into(), None);
    let diags = check_text(text, &cfg);
    assert_eq!(diags.len(), 1);
    assert_eq!(diags[0].severity, Severity::Hint);
}

#[test]
fn emoji_crlf_and_no_break_spaces_before_a_diagnostic() {
    let text = "Vragen en opmerkingen van de leden van de D66-fractie\r\nDe leden van de D66-fractie 😀 vragen:\u{a0}klopt dit?[footnoteRef:4]\r\nAntwoord \r\nJa.\r\n";
    let diags = check_text(text, &Config::default());
    assert_eq!(diags.len(), 1);
    assert_eq!(&text[diags[0].range.clone()], "[footnoteRef:4]");
}

#[test]
fn sample_hints_every_reference_not_in_house_style() {
    let Some(text) = sample() else { return };
    let hints: Vec<_> = check_text(&text, &Config::default())
        .into_iter()
        .filter(|d| d.code == "GRF304")
        .map(|d| {
            (
                line(&text, d.range.start),
                text[d.range.clone()].to_string(),
                d.message,
            )
        })
        .collect();
    let expected = [
        (6, "Kamerstuk 32317-967", "Kamerstuk 32 317, nr. 967"),
        (6, "Kamerstuk 32317, nr. 969", "Kamerstuk 32 317, nr. 969"),
        (7, "Kamerstuk 32317, nr. 970", "Kamerstuk 32 317, nr. 970"),
        (8, "Kamerstuk 22112, nr. 4150", "Kamerstuk 22 112, nr. 4150"),
        (9, "Kamerstuk 22112, nr. 4149", "Kamerstuk 22 112, nr. 4149"),
        (10, "Kamerstuk 32317, nr. 973", "Kamerstuk 32 317, nr. 973"),
        (58, "kst. 32317, nr. 967", "Kamerstuk 32 317, nr. 967"),
        (120, "kst 29 344, nr 155", "Kamerstuk 29 344, nr. 155"),
    ];
    assert_eq!(hints.len(), expected.len(), "{hints:#?}");
    for ((l, written, msg), (el, ew, house)) in hints.iter().zip(expected) {
        assert_eq!((*l, written.as_str()), (el, ew));
        assert_eq!(
            &**msg,
            &format!("Niet in de huisstijl van de Kamer: schrijf ‘{house}’.")
        );
    }
}

#[test]
fn sample_parses_every_paper_reference_into_parts() {
    use griffel::syntax::papers::PaperKind;
    let Some(text) = sample() else { return };
    let r = griffel::syntax::parse(&text);
    let parts: Vec<_> = r
        .papers
        .iter()
        .map(|p| {
            assert_eq!(p.kind, PaperKind::Kamerstuk);
            (
                line(&text, p.range.start),
                p.dossier().unwrap_or_default().to_string(),
                p.number().unwrap_or_default().to_string(),
                p.vergaderjaar,
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        parts,
        vec![
            (6, s("32317"), s("967"), None),
            (6, s("32317"), s("969"), None),
            (7, s("32317"), s("970"), None),
            (8, s("22112"), s("4150"), None),
            (9, s("22112"), s("4149"), None),
            (10, s("32317"), s("973"), None),
            (58, s("32317"), s("967"), Some((2024, 2025))),
            (115, s("22112"), s("4131"), Some((2024, 2025))),
            (120, s("29344"), s("155"), Some((2023, 2024))),
        ]
    );
    // The citation in the first footnote is the same paper as the one the first letter names.
    assert_eq!(r.papers[6].key(), r.papers[0].key());
    assert_eq!(
        r.papers[6].url().as_deref(),
        Some("https://zoek.officielebekendmakingen.nl/kst-32317-967.html")
    );
}

#[test]
fn malformed_paper_references() {
    check(
        "Kan de minister dit toelichten?\nAntwoord \nZie Kamerstuk 32317, 967. Zie ook Kamerstukken II 2024/26, 32 317, nr. 967 en Kamerstuk 3231, nr. 9.\n",
        expect![[r#"
            3:5 GRF304 hint "Kamerstuk 32317, 967" Niet in de huisstijl van de Kamer: schrijf ‘Kamerstuk 32 317, nr. 967’.
            3:22 GRF301 warning "967" In ‘Kamerstuk 32317, 967’ ontbreekt ‘nr.’ voor het ondernummer. Schrijf bijvoorbeeld ‘Kamerstuk 32 317, nr. 967’.
            3:35 GRF304 hint "Kamerstukken II 2024/26, 32 317, nr. 967" Niet in de huisstijl van de Kamer: schrijf ‘Kamerstuk 32 317, nr. 967’.
            3:51 GRF302 warning "2024/26" Een vergaderjaar loopt over twee opeenvolgende jaren; 2024 en 2026 volgen niet op elkaar. Bedoeld is waarschijnlijk 2024-2025.
            3:89 GRF303 warning "3231" Dit dossiernummer heeft 4 cijfers; Kamerstukdossiers van na 1970 hebben er vijf. Controleer het nummer.
        "#]],
    );
}
