//! Completion, semantic tokens, inlay hints, rename, highlight, selection range and workspace
//! symbols: exact ranges on the shared sample and on own fixtures.

mod ide_common;
use ide_common::*;

use expect_test::expect;
use griffel::analysis::{Config, Lang};
use griffel::ide::{
    completions, highlights, inlay_hints, prepare_rename, rename, selection_ranges,
    semantic_tokens, workspace_symbols, TOKEN_TYPES,
};

fn show_completions(text: &str, offset: usize, cfg: &Config) -> String {
    let a = analyse_with(text, cfg);
    let mut out = String::new();
    for c in completions(&a, offset, cfg).items {
        out += &format!(
            "{:?} {:?} sort={} {}{}\n    insert {:?}{} replaces {}\n",
            c.kind,
            c.label,
            c.sort,
            c.detail.as_deref().unwrap_or("-"),
            if c.preselect { " (preselect)" } else { "" },
            c.insert,
            c.snippet
                .as_ref()
                .map(|s| format!(" snippet {s:?}"))
                .unwrap_or_default(),
            show_range(text, &c.replace),
        );
    }
    out
}

const NUMBERED: &str = "Vraag 1
Hoeveel aanvragen zijn in 2024 ingediend?
Antwoord op vraag 1:
In 2024 zijn 1.250 aanvragen ingediend.
Vraag 2
Hoeveel daarvan zijn toegekend?
Antwoord op vraag 2:
Zie het antwoord op $0
";

#[test]
fn completes_questions_in_a_numbered_document() {
    let (text, at) = cursor(NUMBERED);
    expect![[r#"
        Question "vraag 1" sort=10000000 Vraag 1: Hoeveel aanvragen zijn in 2024 ingediend?
            insert "vraag 1" replaces 8:21-8:21 ""
    "#]]
    .assert_eq(&show_completions(&text, at, &Config::default()));
    // The documentation holds the answer, in both forms.
    let a = analyse(&text);
    let doc = completions(&a, at, &Config::default()).items[0]
        .documentation
        .clone()
        .unwrap();
    assert_eq!(
        doc.plain,
        "Vraag: Hoeveel aanvragen zijn in 2024 ingediend?\n\nAntwoord: In 2024 zijn 1.250 aanvragen ingediend."
    );
    assert!(
        doc.markdown.contains("> In 2024 zijn 1.250"),
        "{}",
        doc.markdown
    );
}

#[test]
fn completes_questions_on_the_sample_by_place_fractie_and_topic() {
    let Some(text) = sample() else { return };
    // Type a cross-reference in the answer to `Hoe gaat de minister de Kamer informeren …`.
    let anchor = "Antwoord \nZie het antwoord op de vraag over het ontwerpbesluit";
    let at = text.find(anchor).unwrap() + "Antwoord \nZie het antwoord op ".len();
    let text = format!(
        "{}{}",
        &text[..at],
        &text[text[at..].find('.').unwrap() + at + 1..]
    );
    let got = show_completions(&text, at, &Config::default());
    let first: String = got.lines().take(10).map(|l| format!("{l}\n")).collect();
    expect![[r#"
        Question "de vorige vraag" sort=0 Vraag 17 · NSC-fractie: Hoe zal de minister waarborgen dat de Kamer in latere jaren betrokken… (preselect)
            insert "de vorige vraag" replaces 103:21-103:21 ""
        Question "de eerste vraag van de leden van de GroenLinks-PvdA-fractie" sort=10000017 Vraag 1 · GroenLinks-PvdA-fractie: Kan de minister de onderliggende stukken van de eerste inventarisatie…
            insert "de eerste vraag van de leden van de GroenLinks-PvdA-fractie" replaces 103:21-103:21 ""
        Question "de tweede vraag van de leden van de GroenLinks-PvdA-fractie" sort=10000016 Vraag 2 · GroenLinks-PvdA-fractie: De leden van de GroenLinks-PvdA-fractie lezen dat het kabinet zich hee…
            insert "de tweede vraag van de leden van de GroenLinks-PvdA-fractie" replaces 103:21-103:21 ""
        Question "de derde vraag van de leden van de GroenLinks-PvdA-fractie" sort=10000015 Vraag 3 · GroenLinks-PvdA-fractie: Voorts hebben de aan het woord zijnde leden enkele vragen over de inte…
            insert "de derde vraag van de leden van de GroenLinks-PvdA-fractie" replaces 103:21-103:21 ""
        Question "de vierde vraag van de leden van de GroenLinks-PvdA-fractie" sort=10000014 Vraag 4 · GroenLinks-PvdA-fractie: Tenslotte zijn de leden van de GroenLinks-PvdA-fractie benieuwd naar d…
            insert "de vierde vraag van de leden van de GroenLinks-PvdA-fractie" replaces 103:21-103:21 ""
    "#]]
    .assert_eq(&first);
    assert!(
        got.contains("\"de eerste vraag van de leden van de NSC-fractie over solidariteitsmechanisme en herverdeling onder het EU-Migratiepact\""),
        "{got}"
    );
}

#[test]
fn completes_fracties_after_leden_van_de() {
    let (text, at) =
        cursor("Vragen en opmerkingen van de leden van de NSC-fractie\nDe leden van de N$0\n");
    let cfg = Config {
        fracties: vec!["VVD".into(), "NSC".into(), "GroenLinks-PvdA".into()],
        ..Config::default()
    };
    expect![[r#"
        Fractie "VVD-fractie" sort=20000 -
            insert "VVD-fractie" replaces 2:17-2:18 "N"
        Fractie "NSC-fractie" sort=00001 dit deel van het verslag (preselect)
            insert "NSC-fractie" replaces 2:17-2:18 "N"
        Fractie "GroenLinks-PvdA-fractie" sort=20002 -
            insert "GroenLinks-PvdA-fractie" replaces 2:17-2:18 "N"
    "#]]
    .assert_eq(&show_completions(&text, at, &cfg));
}

#[test]
fn completes_papers_the_sample_cites_with_their_titles() {
    let Some(text) = sample() else { return };
    let at = text.find("Zie antwoord op de vorige vraag.").unwrap();
    let text = format!("{}Zie Kamerstuk 32{}", &text[..at], &text[at..]);
    let at = at + "Zie Kamerstuk 32".len();
    expect![[r#"
        Paper "32 317, nr. 969" sort=0000 Antwoorden op vragen commissie over de Geannoteerde agenda informele J… (preselect)
            insert "32 317, nr. 969" replaces 78:15-78:17 "32"
        Paper "32 317, nr. 970" sort=0001 Verslag van de informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raa…
            insert "32 317, nr. 970" replaces 78:15-78:17 "32"
        Paper "22 112, nr. 4150" sort=0002 Fiche: [MFK] EU-steun voor het Schengengebied, geïntegreerd grensbehee…
            insert "22 112, nr. 4150" replaces 78:15-78:17 "32"
        Paper "22 112, nr. 4149" sort=0003 Fiche: [MFK] EU-steun voor asiel, migratie en integratie
            insert "22 112, nr. 4149" replaces 78:15-78:17 "32"
        Paper "32 317, nr. 973" sort=0004 Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025
            insert "32 317, nr. 973" replaces 78:15-78:17 "32"
        Paper "32 317, nr. 967" sort=0005 -
            insert "32 317, nr. 967" replaces 78:15-78:17 "32"
        Paper "22 112, nr. 4131" sort=0006 -
            insert "22 112, nr. 4131" replaces 78:15-78:17 "32"
        Paper "29 344, nr. 155" sort=0007 -
            insert "29 344, nr. 155" replaces 78:15-78:17 "32"
    "#]]
    .assert_eq(&show_completions(&text, at, &Config::default()));
}

#[test]
fn offers_the_answer_marker_under_an_unanswered_question() {
    let (text, at) = cursor(
        "Vragen en opmerkingen van de leden van de VVD-fractie\nKan de minister dit toelichten?\nAntwoord \nJa.\nWanneer komt de brief?\nAnt$0\n",
    );
    expect![[r#"
        Marker "Antwoord" sort=0 antwoord op de vraag hierboven (preselect)
            insert "Antwoord \n" snippet "Antwoord \n$0" replaces 6:1-6:4 "Ant"
    "#]]
    .assert_eq(&show_completions(&text, at, &Config::default()));
    // Not under a question that has its answer.
    let (text, at) = cursor(
        "Vragen en opmerkingen van de leden van de VVD-fractie\nKan de minister dit toelichten?\n$0\nAntwoord \nJa.\n",
    );
    assert_eq!(show_completions(&text, at, &Config::default()), "");
}

fn show_tokens(text: &str, within: Option<std::ops::Range<usize>>) -> String {
    let a = analyse(text);
    semantic_tokens(&a, within)
        .iter()
        .map(|t| {
            format!(
                "{} {}{}\n",
                TOKEN_TYPES[t.ty as usize],
                if t.modifiers != 0 {
                    format!("+{} ", t.modifiers)
                } else {
                    String::new()
                },
                show_range(text, &t.range)
            )
        })
        .collect()
}

#[test]
fn semantic_tokens_of_a_question_with_a_note_and_a_reference() {
    let text = "Vragen en opmerkingen van de leden van de VVD-fractie\nEuropese terugkeerwetgeving\nDe leden van de VVD-fractie vragen of de minister Kamerstuk 32317-967 toelicht[footnoteRef:2]? [2:  Zie kst. 32317, nr. 967] \nAntwoord \nBij brief van … volgt meer.\n";
    expect![[r#"
        class +1 1:43-1:46 "VVD"
        namespace +1 2:1-2:28 "Europese terugkeerwetgeving"
        question 3:1-3:17 "De leden van de "
        class 3:17-3:20 "VVD"
        question 3:20-3:51 "-fractie vragen of de minister "
        string 3:51-3:70 "Kamerstuk 32317-967"
        question 3:70-3:79 " toelicht"
        decorator 3:79-3:94 "[footnoteRef:2]"
        question 3:94-3:96 "? "
        comment +2 3:96-3:105 "[2:  Zie "
        string 3:105-3:124 "kst. 32317, nr. 967"
        comment +2 3:124-3:125 "]"
        question 3:125-3:126 " "
        keyword 4:1-4:9 "Antwoord"
        variable 5:15-5:16 "…"
    "#]]
    .assert_eq(&show_tokens(text, None));
    // A range request gives the tokens overlapping it.
    let at = text.find("Antwoord").unwrap();
    expect![[r#"
        keyword 4:1-4:9 "Antwoord"
        variable 5:15-5:16 "…"
    "#]]
    .assert_eq(&show_tokens(text, Some(at..text.len())));
}

#[test]
fn semantic_tokens_on_the_sample_are_sorted_and_disjoint() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let tokens = semantic_tokens(&a, None);
    assert!(tokens
        .windows(2)
        .all(|w| w[0].range.end <= w[1].range.start));
    let count = |ty: &str| {
        tokens
            .iter()
            .filter(|t| TOKEN_TYPES[t.ty as usize] == ty)
            .count()
    };
    assert_eq!(count("keyword"), 23, "one answer marker per question");
    assert_eq!(count("namespace"), 5, "topic headings");
    assert_eq!(count("decorator"), 4, "footnote markers");
    assert_eq!(count("variable"), 1, "the `…` of the letter's date");
    assert_eq!(count("class"), 15, "fractie names");
    // Eight references; the four that name a fractie are cut in two around the name.
    assert_eq!(count("function"), 12, "cross-references between answers");
    // A reference that names a fractie is cut around the name.
    let at = text.find("Zie antwoord op de eerste vraag").unwrap();
    let around: Vec<(&str, String)> = tokens
        .iter()
        .filter(|t| t.range.start >= at && t.range.start < at + 60)
        .map(|t| {
            (
                TOKEN_TYPES[t.ty as usize],
                text[t.range.clone()].to_string(),
            )
        })
        .collect();
    assert_eq!(
        around,
        [
            (
                "function",
                "Zie antwoord op de eerste vraag van de leden van de ".to_string()
            ),
            ("class", "NSC".to_string()),
            (
                "function",
                "-fractie over het solidariteitsmechanisme".to_string()
            ),
        ]
    );
}

#[test]
fn inlay_hints_number_questions_and_notes() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let hints = inlay_hints(&a, 0..text.len(), Lang::Nl);
    let shown: Vec<String> = hints
        .iter()
        .filter(|h| h.label.parse::<u32>().is_ok() || h.label == "V1" || h.label == "V23")
        .map(|h| {
            format!(
                "{:?} {} @ {:?}: {}",
                h.kind,
                h.label,
                line_col(&text, h.offset),
                h.tooltip
            )
        })
        .collect();
    expect![[r#"
        [
            "QuestionNumber V1 @ (24, 1): Vraag 1 van het verslag",
            "NoteNumber 1 @ (58, 681): Voetnoot 1 voor de lezer (id 2 in de tekst)",
            "NoteNumber 2 @ (67, 167): Voetnoot 2 voor de lezer (id 3 in de tekst)",
            "NoteNumber 3 @ (115, 332): Voetnoot 3 voor de lezer (id 4 in de tekst)",
            "NoteNumber 4 @ (120, 888): Voetnoot 4 voor de lezer (id 5 in de tekst)",
            "QuestionNumber V23 @ (124, 1): Vraag 23 van het verslag",
        ]
    "#]]
    .assert_debug_eq(&shown);
    assert_eq!(hints.len(), 23 + 4);
    // Only the hints inside the requested range.
    let at = text.find("[footnoteRef:3]").unwrap();
    let near = inlay_hints(&a, at..at + 20, Lang::Nl);
    assert_eq!(near.len(), 1);
    assert_eq!(near[0].label, "2");
}

#[test]
fn renames_a_footnote_from_its_body_and_refuses_a_taken_id() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let at = text.find("[3:  Telegraaf").unwrap() + 1;
    let t = prepare_rename(&a, at).unwrap();
    assert_eq!(t.placeholder, "3");
    assert_eq!(show_range(&text, &t.range), "67:286-67:287 \"3\"");
    let edits = rename(&a, at, "12", Lang::Nl).unwrap();
    expect![[r#"
        67:165-67:166 "3" -> "12"
        67:286-67:287 "3" -> "12"
    "#]]
    .assert_eq(&show_edits(&text, &edits));
    assert_eq!(
        rename(&a, at, "4", Lang::Nl),
        Err("Er is al een noot met id 4; kies een ander id.".to_string())
    );
    assert_eq!(
        rename(&a, at, "drie", Lang::Nl),
        Err("‘drie’ kan geen voetnoot-id zijn: Word nummert noten met cijfers.".to_string())
    );
}

#[test]
fn renames_a_fractie_everywhere_and_refuses_a_merge() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let at = text
        .find("De leden van de NSC-fractie constateren")
        .unwrap()
        + 17;
    assert_eq!(prepare_rename(&a, at).unwrap().placeholder, "NSC");
    let edits = rename(&a, at, "Nieuw Sociaal Contract-fractie", Lang::Nl);
    assert_eq!(
        edits,
        Err("‘Nieuw Sociaal Contract-fractie’ is geen geldige fractienaam: gebruik letters, cijfers en koppeltekens, zonder spaties (bijvoorbeeld ‘GroenLinks-PvdA’).".to_string())
    );
    let edits = rename(&a, at, "NSC2-fractie", Lang::Nl).unwrap();
    assert_eq!(edits.len(), 9, "{}", show_edits(&text, &edits));
    assert!(edits
        .iter()
        .all(|e| e.new_text == "NSC2" && &text[e.range.clone()] == "NSC"));
    assert_eq!(
        rename(&a, at, "GroenLinks-PvdA", Lang::Nl),
        Err("De GroenLinks-PvdA-fractie komt al voor in dit verslag; hernoemen zou twee fracties samenvoegen.".to_string())
    );
    // Nothing to rename on plain prose.
    let prose = text.find("Clingendael").unwrap();
    assert!(prepare_rename(&a, prose).is_none());
    assert!(rename(&a, prose, "x", Lang::Nl).is_err());
}

#[test]
fn highlights_footnotes_papers_and_fracties() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let show = |at: usize| -> String {
        highlights(&a, at)
            .iter()
            .map(|h| format!("{:?} {}\n", h.kind, show_range(&text, &h.range)))
            .collect()
    };
    expect![[r#"
        Read 58:666-58:681 "[footnoteRef:2]"
        Write 58:684-58:687 "[2:"
    "#]]
    .assert_eq(&show(text.find("[footnoteRef:2]").unwrap() + 1));
    expect![[r#"
        Text 6:98-6:117 "Kamerstuk 32317-967"
        Text 58:689-58:746 "Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967"
    "#]]
    .assert_eq(&show(text.find("Kamerstuk 32317-967").unwrap()));
    let gl = show(text.find("GroenLinks-PvdA-fractie hebben").unwrap());
    expect![[r#"
        Write 21:43-21:58 "GroenLinks-PvdA"
        Text 22:17-22:32 "GroenLinks-PvdA"
        Text 30:17-30:32 "GroenLinks-PvdA"
        Text 40:32-40:47 "GroenLinks-PvdA"
        Text 111:65-111:80 "GroenLinks-PvdA"
        Text 126:112-126:127 "GroenLinks-PvdA"
    "#]]
    .assert_eq(&gl);
}

#[test]
fn selection_grows_from_word_to_fractie_section() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let at = text.find("Zo nee, waarom niet?").unwrap() + 4;
    let chain: Vec<String> = selection_ranges(&a, at)
        .iter()
        .map(|r| show_range(&text, r))
        .collect();
    expect![[r#"
        [
            "35:774-35:777 \"nee\"",
            "35:771-35:791 \"Zo nee, waarom niet?\"",
            "35:1-35:791 \"[bookmark: _Hlk210663655]Voorts hebben de aan het woord zijn\"",
            "35:1-35:792 \"[bookmark: _Hlk210663655]Voorts hebben de aan het woord zijn\"",
            "35:1-38:1113 \"[bookmark: _Hlk210663655]Voorts hebben de aan het woord zijn\"",
            "21:1-43:121 \"Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fr\"",
            "19:1-126:136 \" I\\tVragen en opmerkingen vanuit de fracties\\n\\nVragen en opmer\"",
            "1:1-127:2 \"32317\\t\\tJBZ-Raad (vreemdelingen- en asielbeleid)\\n\\nVerslag van\"",
        ]
    "#]]
    .assert_debug_eq(&chain);
}

#[test]
fn workspace_symbols_find_questions_by_their_words() {
    let Some(text) = sample() else { return };
    let a = analyse(&text);
    let found: Vec<String> = workspace_symbols(&a, "oeganda terugnameplicht", Lang::Nl)
        .into_iter()
        .map(|s| format!("{:?} {} | {:?}", s.kind, s.name, s.container))
        .collect();
    expect![[r#"
        [
            "Question Vraag 3: Voorts hebben de aan het woord zijnde leden enkele vragen over de intentieverkla… | Some(\"GroenLinks-PvdA-fractie\")",
        ]
    "#]]
    .assert_debug_eq(&found);
    let found: Vec<String> = workspace_symbols(&a, "solidariteit", Lang::Nl)
        .into_iter()
        .filter(|s| s.score == 0)
        .map(|s| format!("{:?} {}", s.kind, s.name))
        .collect();
    assert_eq!(
        found[0],
        "Topic Solidariteitsmechanisme en herverdeling onder het EU-Migratiepact"
    );
    // Accents do not matter.
    let belgie: Vec<String> = workspace_symbols(&a, "belgie", Lang::Nl)
        .into_iter()
        .map(|s| s.name.chars().take(30).collect())
        .collect();
    assert_eq!(
        belgie,
        [
            "Vraag 21: Concreet met betrekk",
            "Vraag 22: Kan de minister migr"
        ]
    );
    assert_eq!(workspace_symbols(&a, "", Lang::Nl).len(), 2 + 5 + 23);
}

#[test]
fn a_long_report_offers_the_nearest_questions_and_says_there_are_more() {
    let mut text = griffel::synth::vso(300_000, 7);
    text.push_str("\nZie het antwoord op ");
    let a = analyse(&text);
    assert!(a.report.questions.len() > 100);
    let found = completions(&a, text.len(), &Config::default());
    assert!(found.incomplete);
    assert_eq!(found.items.len(), 100);
    // Typing narrows the list on the server too.
    text.push_str("de eerste vraag");
    let a = analyse(&text);
    let found = completions(&a, text.len(), &Config::default());
    assert!(found
        .items
        .iter()
        .all(|c| c.label.starts_with("de eerste vraag")));
}

/// Every editing feature at every place of a text, for texts that are half a report: none
/// panics, and every range it returns lies in the text on character boundaries.
fn exercise(text: &str, step: usize) {
    let a = analyse(text);
    let cfg = Config::default();
    let ok = |r: &std::ops::Range<usize>| {
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "{r:?} in {}",
            text.len()
        );
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    };
    let offsets: Vec<usize> = (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .step_by(step)
        .collect();
    for &o in &offsets {
        for c in completions(&a, o, &cfg).items {
            ok(&c.replace);
        }
        for x in griffel::ide::code_actions(&a, o..o, &cfg) {
            x.edits.iter().for_each(|e| ok(&e.range));
        }
        if let Some(t) = prepare_rename(&a, o) {
            ok(&t.range);
            if let Ok(edits) = rename(&a, o, "9", Lang::Nl) {
                edits.iter().for_each(|e| ok(&e.range));
            }
        }
        highlights(&a, o).iter().for_each(|h| ok(&h.range));
        let chain = selection_ranges(&a, o);
        chain.iter().for_each(ok);
        assert!(chain
            .windows(2)
            .all(|w| w[1].start <= w[0].start && w[0].end <= w[1].end));
    }
    semantic_tokens(&a, None).iter().for_each(|t| ok(&t.range));
    inlay_hints(&a, 0..text.len(), Lang::Nl)
        .iter()
        .for_each(|h| ok(&(h.offset..h.offset)));
    workspace_symbols(&a, "de", Lang::Nl)
        .iter()
        .for_each(|s| ok(&s.range));
}

#[test]
fn no_feature_panics_anywhere_in_the_sample_or_its_pieces() {
    let Some(text) = sample() else { return };
    exercise(&text, 5);
    // Cut at odd places: mid-note, mid-reference, mid-marker; CRLF line ends.
    for cut in [1000, 4321, 9876, 15000, 20000] {
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        exercise(&text[..end], 3);
    }
    let crlf = text.replace('\n', "\r\n");
    let end = (0..=12000)
        .rev()
        .find(|&i| crlf.is_char_boundary(i))
        .unwrap();
    exercise(&crlf[..end], 11);
    exercise("", 1);
    exercise("[^1]\n[^1]: x\nAntwoord\n[footnoteRef:", 1);
}
