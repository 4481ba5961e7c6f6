//! Cross-references between answers: the shared sample's references (FORMAT.md §6), the
//! diagnostics GRF601–GRF607, and the labelled set in `tests/xref/` (accuracy printed).

mod common;

use common::{line, sample};
use griffel::analysis::xref::{Position, Problem, Reason};
use griffel::analysis::{check_text, Config, Lang, Xrefs};
use griffel::syntax::{parse, Report};

/// The line of a question as the brief counts it: the last line of its text.
fn qline(text: &str, r: &Report, q: usize) -> usize {
    line(text, r.questions[q].text.end)
}

/// (reference line, target line or None, chain lines) for every reference.
fn resolved(text: &str) -> Vec<(usize, Option<usize>, Vec<usize>)> {
    let r = parse(text);
    let x = Xrefs::new(&r, &text);
    x.refs
        .iter()
        .map(|c| {
            (
                line(text, c.range.start),
                c.target.map(|t| qline(text, &r, t)),
                c.chain.iter().map(|&t| qline(text, &r, t)).collect(),
            )
        })
        .collect()
}

#[test]
fn sample_references_resolve_to_the_pairs_a_reader_finds() {
    let Some(text) = sample() else { return };
    let got = resolved(&text);
    let target = |l: usize| {
        got.iter()
            .find(|x| x.0 == l)
            .unwrap_or_else(|| panic!("no reference on line {l}: {got:?}"))
            .1
    };
    assert_eq!(target(78), Some(71), "vorige vraag");
    assert_eq!(target(81), Some(63), "eerste NSC-vraag onder het kopje");
    assert_eq!(target(87), Some(63), "Zie verder …");
    assert_eq!(
        target(97),
        Some(88),
        "eerder vraag van uw fractie over het ontwerpbesluit"
    );
    assert_eq!(target(103), Some(88), "de vraag over het ontwerpbesluit");
    assert_eq!(
        target(111),
        Some(30),
        "vergelijkbare vraag van GroenLinks-PvdA"
    );
    // No other phrase of the sample is a cross-reference (not the Geannoteerde Agenda, the
    // motie Rajkowski or the letters).
    let lines: Vec<usize> = got.iter().map(|x| x.0).collect();
    assert_eq!(lines, vec![78, 81, 87, 93, 97, 103, 111, 126]);
}

/// `Zoals in het antwoord hierboven aangegeven` names nothing but a direction. It resolves to
/// the earlier answer of the same fractie that best matches the question and the rest of the
/// answer, with a confidence below 0.4 and reason `Vague`, and no diagnostic: a guess is
/// shown in the hover, never reported as a drafting error.
#[test]
fn sample_vague_reference_is_a_low_confidence_guess_without_a_warning() {
    let Some(text) = sample() else { return };
    let r = parse(&text);
    let x = Xrefs::new(&r, &text.as_str());
    let c = x
        .refs
        .iter()
        .find(|c| line(&text, c.range.start) == 93)
        .expect("line 93");
    assert_eq!(&text[c.range.clone()], "in het antwoord hierboven");
    assert_eq!(c.parts.position, Some(Position::Earlier));
    assert!(c.parts.is_vague());
    assert!(c.confidence < 0.4, "{}", c.confidence);
    assert!(c.reasons.contains(&Reason::Vague));
    assert!(c.problem.is_none());
    let t = c.target.expect("a guess");
    assert!(t < c.source, "an earlier answer");
    assert_eq!(r.questions[t].fractie, r.questions[c.source].fractie);
}

#[test]
fn sample_wrong_fractie_at_line_126_names_nsc_line_55() {
    let Some(text) = sample() else { return };
    let r = parse(&text);
    let x = Xrefs::new(&r, &text.as_str());
    let c = x
        .refs
        .iter()
        .find(|c| line(&text, c.range.start) == 126)
        .expect("line 126");
    match &c.problem {
        Some(Problem::OtherFractie {
            named,
            other,
            other_fractie,
            named_best,
        }) => {
            assert_eq!(named, "GroenLinks-PvdA");
            assert_eq!(qline(&text, &r, other.question), 55);
            assert_eq!(other_fractie.as_deref(), Some("NSC"));
            assert!(named_best.is_none_or(|b| b.score + 0.25 <= other.score));
        }
        p => panic!("{p:?}"),
    }
    let d: Vec<_> = check_text(&text, &Config::default())
        .into_iter()
        .filter(|d| d.code == "GRF603")
        .collect();
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(line(&text, d[0].range.start), 126);
    assert!(
        d[0].message.contains("GroenLinks-PvdA-fractie"),
        "{}",
        d[0].message
    );
    assert!(d[0].message.contains("NSC-fractie"), "{}", d[0].message);
    assert!(d[0].message.contains("vergelijkbaars"), "{}", d[0].message);
    assert_eq!(d[0].related.len(), 1);
    assert_eq!(line(&text, d[0].related[0].range.start), 55);
    let en = check_text(
        &text,
        &Config {
            lang: Lang::En,
            ..Config::default()
        },
    );
    let e = en.iter().find(|d| d.code == "GRF603").unwrap();
    assert!(
        e.message
            .starts_with("Names the GroenLinks-PvdA-fractie, which asked nothing like it"),
        "{}",
        e.message
    );
}

#[test]
fn sample_repeated_answers_are_hinted_against_the_first() {
    let Some(text) = sample() else { return };
    let d: Vec<_> = check_text(&text, &Config::default())
        .into_iter()
        .filter(|d| d.code == "GRF607")
        .map(|d| {
            (
                line(&text, d.range.start),
                line(&text, d.related[0].range.start),
            )
        })
        .collect();
    assert!(d.contains(&(74, 65)), "{d:?}");
    assert!(d.contains(&(90, 65)), "{d:?}");
    assert!(
        !d.iter().any(|x| x.0 == 65),
        "the first is the original: {d:?}"
    );
}
