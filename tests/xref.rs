//! Cross-references between answers: the shared sample's references (FORMAT.md §6), the
//! diagnostics GRF601–GRF607, and the labelled set in `tests/xref/` (accuracy printed).

mod common;

use common::{line, sample};
use griffel::analysis::xref::{Position, Problem, Reason};
use griffel::analysis::{check_text, Config, Lang, Xrefs};
use griffel::syntax::{parse, Report};

/// The line of a question as the brief counts it: the last line of its text.
fn qline(text: &str, r: &Report, q: usize) -> usize {
    line(text, r.questions[q].text().end)
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
    assert_eq!(r.questions[t].fractie(), r.questions[c.source].fractie());
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

// --- the labelled set ----------------------------------------------------------------------

/// One labelled reference: the line holding it (by a snippet) and what it should resolve to.
enum Label {
    /// The question whose text holds this snippet.
    Target(String),
    /// A reference that points at nothing in the document.
    Nothing,
    /// A reference with two near-equal candidates (GRF602).
    Ambiguous,
    /// Not a cross-reference (another document, prose about a question).
    NotARef,
}

fn labels(expect: &str) -> Vec<(String, Label)> {
    expect
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (a, b) = l.rsplit_once(" | ").expect("`reference | target`");
            let label = match b.trim() {
                "-" => Label::Nothing,
                "?" => Label::Ambiguous,
                "!" => Label::NotARef,
                t => Label::Target(t.to_string()),
            };
            (a.trim().to_string(), label)
        })
        .collect()
}

/// 1-based line of the first line holding `snippet`.
fn find_line(text: &str, snippet: &str) -> usize {
    text.lines()
        .position(|l| l.contains(snippet))
        .unwrap_or_else(|| panic!("{snippet:?} not in the fixture"))
        + 1
}

/// (correct, total, failures) for one document.
fn score(name: &str, text: &str, labels: &[(String, Label)]) -> (usize, usize, Vec<String>) {
    let r = parse(text);
    let x = Xrefs::new(&r, &text);
    let mut ok = 0;
    let mut fails = Vec::new();
    for (snippet, label) in labels {
        let l = find_line(text, snippet);
        let on_line: Vec<_> = x
            .refs
            .iter()
            .filter(|c| line(text, c.range.start) == l)
            .collect();
        let good = match label {
            Label::NotARef => on_line.is_empty(),
            Label::Nothing => on_line.iter().any(|c| c.target.is_none()),
            Label::Ambiguous => on_line
                .iter()
                .any(|c| matches!(c.problem, Some(Problem::Ambiguous(..)))),
            Label::Target(t) => {
                let tl = find_line(text, t);
                on_line.iter().any(|c| {
                    c.target.is_some_and(|q| {
                        let q = &r.questions[q];
                        line(text, q.text().start) <= tl && tl <= line(text, q.text().end)
                    })
                })
            }
        };
        if good {
            ok += 1;
        } else {
            let got: Vec<_> = on_line
                .iter()
                .map(|c| (c.target.map(|q| qline(text, &r, q)), c.problem.clone()))
                .collect();
            fails.push(format!("{name}:{l} {snippet:?}: got {got:?}"));
        }
    }
    (ok, labels.len(), fails)
}

/// The sample's references, labelled by a reader (line 93, `hierboven`, is left out: a guess).
const SAMPLE_LABELS: &[(&str, &str)] = &[
    (
        "Zie antwoord op de vorige vraag.",
        "Kan de minister toelichten hoe deze categorie",
    ),
    (
        "Zie antwoord op de eerste vraag van de leden van de NSC-fractie",
        "Kan de minister bevestigen dat Nederland",
    ),
    (
        "Zie verder antwoord op de eerste vraag",
        "Kan de minister bevestigen dat Nederland",
    ),
    (
        "Het kabinet verwijst naar het antwoord op de eerder vraag",
        "ontwerp-raadsdocumenten",
    ),
    (
        "Zie het antwoord op de vraag over het ontwerpbesluit",
        "ontwerp-raadsdocumenten",
    ),
    (
        "Zie het antwoord op een vergelijkbare vraag van de leden van de GroenLinks-PvdA",
        "initiatief van Denemarken en Italië",
    ),
    // Meant: NSC's own near-identical question (the fractie named is a drafting error).
    (
        "gelijkluidende vraag van de leden van de GroenLinks-PvdA",
        "om enkel het begrip",
    ),
    ("Zoals aangegeven in de Geannoteerde Agenda", "!"),
    ("In lijn met de motie Rajkowski", "!"),
];

/// Resolution accuracy over the labelled set: `tests/xref/*.txt` with `*.expect` beside them
/// (and the sample when present). Printed; run with `--nocapture` to see it.
#[test]
fn labelled_set_accuracy() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/xref");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/xref")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (mut ok, mut total, mut refs) = (0, 0, 0);
    let mut fails = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let expect = std::fs::read_to_string(f.with_extension("expect")).unwrap();
        let ls = labels(&expect);
        refs += ls.iter().filter(|l| !matches!(l.1, Label::NotARef)).count();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let (o, t, fl) = score(&name, &text, &ls);
        println!("{name}: {o}/{t}");
        ok += o;
        total += t;
        fails.extend(fl);
    }
    if let Some(text) = sample() {
        let ls: Vec<(String, Label)> = SAMPLE_LABELS
            .iter()
            .map(|(a, b)| {
                let l = if *b == "!" {
                    Label::NotARef
                } else {
                    Label::Target(b.to_string())
                };
                (a.to_string(), l)
            })
            .collect();
        refs += ls.iter().filter(|l| !matches!(l.1, Label::NotARef)).count();
        let (o, t, fl) = score("sample", &text, &ls);
        println!("sample: {o}/{t}");
        ok += o;
        total += t;
        fails.extend(fl);
    }
    for f in &fails {
        println!("MISS {f}");
    }
    let acc = ok as f64 / total as f64;
    println!(
        "xref accuracy: {ok}/{total} = {:.1}% ({refs} references, {} non-references)",
        acc * 100.0,
        total - refs
    );
    assert!(refs >= 60, "the labelled set holds {refs} references");
    assert!(acc >= 0.9, "accuracy {:.1}%: {fails:#?}", acc * 100.0);
}

// --- diagnostics on the fixtures ------------------------------------------------------------

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/xref/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// (code, line, related lines) of the cross-reference diagnostics.
fn xref_diags(text: &str, lang: Lang) -> Vec<(&'static str, usize, Vec<usize>, String)> {
    check_text(
        text,
        &Config {
            lang,
            ..Config::default()
        },
    )
    .into_iter()
    .filter(|d| d.code.starts_with("GRF60"))
    .map(|d| {
        (
            d.code,
            line(text, d.range.start),
            d.related
                .iter()
                .map(|r| line(text, r.range.start))
                .collect(),
            d.message.to_string(),
        )
    })
    .collect()
}

#[test]
fn numbered_list_chain_cycle_self_empty_unresolved_and_ambiguous() {
    let text = fixture("lva-begroting.txt");
    let got = resolved(&text);
    let at = |needle: &str| {
        let l = find_line(&text, needle);
        got.iter().find(|x| x.0 == l).cloned().unwrap()
    };
    // Vraag 4 -> vraag 2, whose answer defers to vraag 1: a chain.
    let (_, t, chain) = at("verwijs ik naar het antwoord op vraag 2.");
    assert_eq!(t, Some(19));
    assert_eq!(chain, vec![15]);
    let d = xref_diags(&text, Lang::Nl);
    let codes: Vec<(&str, usize)> = d.iter().map(|x| (x.0, x.1)).collect();
    assert_eq!(
        codes,
        vec![
            ("GRF606", 33),
            ("GRF606", 37),
            ("GRF601", 53),
            ("GRF604", 65),
            ("GRF605", 69),
            ("GRF602", 113),
        ],
        "{d:#?}"
    );
    assert_eq!(d[0].2, vec![35, 31], "the cycle's questions");
    assert!(
        d[2].3.contains("Vraag 42 staat niet in dit document"),
        "{}",
        d[2].3
    );
    assert_eq!(d[4].2, vec![71], "the unanswered question");
    assert_eq!(d[5].2, vec![59, 55], "both candidates");
    let en = xref_diags(&text, Lang::En);
    assert!(en[0].3.starts_with("Circular reference"), "{}", en[0].3);
    assert!(
        en[2].3.starts_with("Question 42 is not in this document"),
        "{}",
        en[2].3
    );
    assert!(
        en[3]
            .3
            .starts_with("This reference points at its own question"),
        "{}",
        en[3].3
    );
    assert!(
        en[5].3.starts_with("This reference fits two questions"),
        "{}",
        en[5].3
    );
}

#[test]
fn interleaved_vso_unknown_fractie_is_reported() {
    let text = fixture("vso-onderwijs.txt");
    let d = xref_diags(&text, Lang::Nl);
    let l = find_line(&text, "vergelijkbare vraag van de leden van de CDA-fractie");
    assert!(
        d.iter()
            .any(|x| x.0 == "GRF601" && x.1 == l && x.3.contains("CDA-fractie")),
        "{d:#?}"
    );
    // Plural: `de vragen van de D66-fractie over X` points at the whole topic.
    let r = parse(&text);
    let x = Xrefs::new(&r, &text.as_str());
    let c = x
        .refs
        .iter()
        .find(|c| text[c.range.clone()].starts_with("sluiten zich aan bij de vragen"))
        .unwrap();
    assert_eq!(c.targets().count(), 4);
}
