//! The parser on the shared sample and on fixtures of every layout of FORMAT.md §3–4.

mod common;

use common::{line, render, sample};
use expect_test::{expect, Expect};
use griffel::analysis::NoteIndex;
use griffel::syntax::{parse, AnswerStyle, DocKind, NoteKind, QuestionStyle};

fn check(text: &str, expected: Expect) {
    expected.assert_eq(&render(&parse(text), text));
}

#[test]
fn sample_has_23_answered_pairs_in_the_right_sections() {
    let Some(text) = sample() else { return };
    let r = parse(&text);
    assert_eq!(r.kind.as_ref().map(|k| k.0), Some(DocKind::Vso));
    assert_eq!(
        r.dossier.as_ref().map(|d| &text[d.number.clone()]),
        Some("32317")
    );
    assert_eq!(r.letters.len(), 5);
    assert_eq!(r.signatories.len(), 2);
    assert_eq!(r.sections.len(), 1);
    assert_eq!(r.questions.len(), 23);
    assert!(r
        .questions
        .iter()
        .all(|q| q.answer.as_ref().is_some_and(|a| !a.body().is_empty())));
    assert!(r.stray_answers.is_empty());
    let fr: Vec<_> = r
        .fracties
        .iter()
        .map(|f| (f.names.join(","), line(&text, f.heading.start)))
        .collect();
    assert_eq!(
        fr,
        vec![("GroenLinks-PvdA".to_string(), 21), ("NSC".to_string(), 45)]
    );
    let per_fractie: Vec<usize> = (0..2)
        .map(|f| {
            r.questions
                .iter()
                .filter(|q| q.fractie() == Some(f))
                .count()
        })
        .collect();
    assert_eq!(per_fractie, vec![4, 19]);
    let topics: Vec<_> = r
        .topics
        .iter()
        .map(|t| line(&text, t.heading.start))
        .collect();
    assert_eq!(topics, vec![49, 61, 94, 104, 123]);
    // Each question's last line and its answer marker's line, as a reader finds them.
    let pairs: Vec<(usize, usize)> = r
        .questions
        .iter()
        .map(|q| {
            (
                line(&text, q.text().end),
                line(&text, q.answer.as_ref().unwrap().marker().unwrap().start),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            (24, 26),
            (30, 32),
            (35, 37),
            (40, 42),
            (50, 52),
            (55, 57),
            (63, 64),
            (67, 69),
            (71, 73),
            (76, 77),
            (79, 80),
            (82, 83),
            (85, 86),
            (88, 89),
            (91, 92),
            (95, 96),
            (98, 99),
            (101, 102),
            (106, 107),
            (109, 110),
            (113, 114),
            (117, 118),
            (124, 125)
        ]
    );
    // The question at l.63 is in the topic about the solidarity mechanism, with its context l.62.
    assert_eq!(line(&text, r.questions[6].block().start), 62);
    assert_eq!(r.questions[6].topic(), Some(1));
    // The answer after an empty line (l.118-120) starts at its text.
    assert_eq!(
        line(&text, r.questions[21].answer.as_ref().unwrap().body().start),
        120
    );
}

#[test]
fn sample_footnotes_have_display_numbers_1_to_4() {
    let Some(text) = sample() else { return };
    let r = parse(&text);
    let notes = NoteIndex::new(&r);
    let refs: Vec<_> = r
        .note_refs
        .iter()
        .map(|n| (n.id.as_str(), line(&text, n.range.start)))
        .collect();
    assert_eq!(refs, vec![("2", 58), ("3", 67), ("4", 115), ("5", 120)]);
    let shown: Vec<_> = ["2", "3", "4", "5"]
        .iter()
        .map(|id| notes.display_number(NoteKind::Footnote, id))
        .collect();
    assert_eq!(shown, vec![Some(1), Some(2), Some(3), Some(4)]);
    let bodies: Vec<_> = r
        .note_bodies
        .iter()
        .map(|b| &text[b.text.clone()])
        .collect();
    assert_eq!(
        bodies,
        vec![
            "Tweede Kamer, vergaderjaar 2024-2025, kst. 32317, nr. 967",
            "Telegraaf, 4 oktober 2025, ‘Zorgen om migratiepact: Van Weel wil dure rekening of extra opvang vermijden’, https://www.telegraaf.nl/politiek/zorgen-om-migratiepact-van-weel-wil-dure-rekening-of-extra-opvang-vermijden/95125985.html",
            "Tweede Kamer, vergaderjaar 2024-2025, 22 112, nr. 4131.",
            "Tweede Kamer, vergaderjaar 2023-2024, kst 29 344, nr 155",
        ]
    );
    for b in &r.note_bodies {
        assert_eq!(
            notes
                .body(NoteKind::Footnote, &b.id)
                .map(|i| &r.note_bodies[i]),
            Some(b)
        );
    }
    // A `?` inside a note body does not make its paragraph a question: l.67's note has none, but
    // the body sits after the question mark; the paragraph is still one question.
    assert_eq!(r.placeholders.len(), 1);
    assert_eq!(line(&text, r.placeholders[0].range.start), 12);
}

#[test]
fn interleaved_with_footnotes_bookmarks_and_a_stray_answer() {
    check(
        "36600\t\tVoorbeelddossier\n\nVerslag van een schriftelijk overleg\n\nDe vaste commissie heeft vragen voorgelegd over de volgende brieven:\n· Brief over iets (Kamerstuk 36600, nr. 1)\n\nBij brief van 3 maart 2025 heeft de minister de vragen beantwoord.\n\n\t\tDe voorzitter van de commissie,\n\t\tJansen\n I\tVragen en opmerkingen vanuit de fracties\n\nVragen en opmerkingen van de leden van de VVD-fractie\nDe leden van de VVD-fractie hebben kennisgenomen van de brief.\n\nHoeveel kost het?[footnoteRef:2] [2:  Zie de begroting [MFK], p. 3] \nAntwoord \nHet kost veel.\nAntwoord \nNog een antwoord.\nKosten\n[bookmark: _Hlk1]De leden vragen voorts wie betaalt?\nAntwoord \n\nDe burger.\n",
        expect![[r#"
            kind Vso
            dossier "36600" "Voorbeelddossier"
            header l1-11
            letter l6 "Brief over iets "
            signatory "De voorzitter van de commissie," "Jansen"
            section 1 l12-26 "Vragen en opmerkingen vanuit de fracties"
            fractie ["VVD"] l14-26
            q1 Paragraph[] text l17 -> Plain[] body l19
            topic l22-26 "Kosten"
            q2 Paragraph[] text l23 -> Plain[] body l26
            stray answer l20
            noteref footnote 2 l17
            notebody 2 l17 "Zie de begroting [MFK], p. 3"
        "#]],
    );
}

#[test]
fn numbered_vraag_and_antwoord_op_vraag() {
    check(
        "Vraag 1\nHoeveel aanvragen zijn in 2024 ingediend?\nAntwoord op vraag 1:\nIn 2024 zijn 1.250 aanvragen ingediend.\nVraag 2\nHoeveel daarvan zijn toegekend?\nAntwoord op vraag 2:\nZie het antwoord op vraag 1.\nVraag (3):\nEn hoeveel afgewezen?\nAntwoord op vraag 4:\nGeen.\nVraag 5\nWaarom?\nAntwoord op vraag 5:\n",
        expect![[r#"
                  q1 Vraag[1] text l2 -> OpVraag[1] body l4
                  q2 Vraag[2] text l6 -> OpVraag[2] body l8
                  q3 Vraag[3] text l10 -> OpVraag[4] body l12
                  q4 Vraag[5] text l14 -> OpVraag[5] body l15 (empty)
        "#]],
    );
}

#[test]
fn number_dot_bare_number_and_grouped_questions() {
    check(
        "Lijst van vragen en antwoorden\n\n1. Wat is de stand van zaken?\nAntwoord:\nDe stand is als volgt:\n1. eerst dit;\n2. dan dat.\n2. Wanneer volgt het besluit?\nAntwoord 2\nIn juni.\n3\nWie beslist?\nAntwoord: De minister.\nVraag 4 en 5\nWat kost het? En wie betaalt?\nAntwoord op vragen 4 en 5:\nHet Rijk.\n",
        expect![[r#"
            kind Lva
            header l1
            q1 NumberDot[1] text l3 -> Colon[] body l5-7
            q2 NumberDot[2] text l8 -> Numbered[2] body l10
            q3 BareNumber[3] text l12 -> Colon[] body l13
            q4 Vraag[4, 5] text l15 -> OpVraag[4, 5] body l17
        "#]],
    );
}

#[test]
fn unmarked_answers_in_a_numbered_list() {
    check(
        "12. Hoeveel zaken liggen er nog bij de rechtbank?\nEr liggen nog 312 zaken.\nDat zijn er minder dan vorig jaar.\n13. Wanneer is de achterstand weggewerkt?\nIn 2026.\n14. Is dat haalbaar?\n",
        expect![[r#"
                  q1 NumberDot[12] text l1 -> Unmarked[] body l2-3
                  q2 NumberDot[13] text l4 -> Unmarked[] body l5
                  q3 NumberDot[14] text l6 -> (no answer)
        "#]],
    );
}

#[test]
fn response_section_answers_the_questions_of_section_one() {
    check(
        " I\tVragen en opmerkingen vanuit de fracties\nVragen en opmerkingen van de leden van de CDA-fractie\nDe leden van de CDA-fractie vragen wat dit kost?\nVoorts vragen deze leden wie het betaalt?\nII\tReactie van de bewindspersoon\nVragen en opmerkingen van de leden van de CDA-fractie\nDe leden van de CDA-fractie vragen wat dit kost?\nAntwoord \nHonderd euro.\nVoorts vragen deze leden wie het betaalt?\nAntwoord \nHet Rijk.\n",
        expect![[r#"
            section 1 l1-4 "Vragen en opmerkingen vanuit de fracties"
            fractie ["CDA"] l2-4
            q1 Paragraph[] text l3 -> Plain[] body l9
            q2 Paragraph[] text l4 -> Plain[] body l12
            section 2 l5-12 "Reactie van de bewindspersoon"
            fractie ["CDA"] l6-12
            q3 Paragraph[] text l7 -> Plain[] body l9
            q4 Paragraph[] text l10 -> Plain[] body l12
        "#]],
    );
}

#[test]
fn markdown_notes_endnotes_and_multiline_tika_notes() {
    check(
        "Vraag 1\nKlopt dit?[^2] En dit?[^1]\nAntwoord:\nJa.[endnoteRef:3] [3: Eindnoot.] En verder[footnoteRef:4] [4: Een noot\nover twee regels]\n[^1]: Eerste noot.\n[^2]: Tweede noot.\n",
        expect![[r#"
            q1 Vraag[1] text l2 -> Colon[] body l4-5
            noteref markdown 2 l2
            noteref markdown 1 l2
            noteref endnote 3 l4
            noteref footnote 4 l4
            notebody 3 l4 "Eindnoot."
            notebody 4 l4-5 "Een noot\nover twee regels"
            notebody 1 l6 "Eerste noot."
            notebody 2 l7 "Tweede noot."
        "#]],
    );
}

#[test]
fn crlf_nbsp_and_emoji_keep_byte_ranges_exact() {
    let text = "Vragen en opmerkingen van de leden van de D66-fractie\r\nDe leden van de D66\u{a0}fractie 😀 vragen: klopt dit?\r\nAntwoord \r\nJa, op 1\u{a0}januari.\r\n";
    let r = parse(text);
    assert_eq!(r.questions.len(), 1);
    let q = &r.questions[0];
    assert_eq!(
        &text[q.text()],
        "De leden van de D66\u{a0}fractie 😀 vragen: klopt dit?"
    );
    let a = q.answer.as_ref().unwrap();
    assert_eq!(&text[a.marker().unwrap()], "Antwoord");
    assert_eq!(&text[a.body()], "Ja, op 1\u{a0}januari.");
    assert_eq!(a.style, AnswerStyle::Plain);
    assert_eq!(q.style, QuestionStyle::Paragraph);
}

#[test]
fn inbreng_questions_without_answers() {
    check(
        "Inbreng verslag schriftelijk overleg\n I\tVragen en opmerkingen vanuit de fracties\nVragen en opmerkingen van de leden van de SP-fractie\nDe leden van de SP-fractie hebben de brief gelezen.\nDeze leden vragen of de minister de kosten kan toelichten?\nDeze leden vragen ook naar de planning?\nKan de minister dat per kwartaal aangeven?\nII\tReactie van de bewindspersoon\n",
        expect![[r#"
            kind Inbreng
            header l1
            section 1 l2-7 "Vragen en opmerkingen vanuit de fracties"
            fractie ["SP"] l3-7
            q1 Paragraph[] text l5 -> (no answer)
            q2 Paragraph[] text l6-7 -> (no answer)
        "#]],
    );
}
