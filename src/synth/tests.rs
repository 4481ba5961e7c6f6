use super::*;

fn lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
}

#[test]
fn vso_size_within_tolerance() {
    for &target in &[8_000usize, 20_000, 100_000, 1_000_000] {
        for seed in 0..4 {
            let s = vso(target, seed);
            let lo = target - target / 20;
            let hi = target + target / 20;
            assert!(
                (lo..=hi).contains(&s.len()),
                "target {target} seed {seed}: got {}",
                s.len()
            );
        }
    }
}

#[test]
fn lva_size_within_tolerance() {
    for &target in &[8_000usize, 20_000, 1_000_000] {
        let s = lva(target, 7);
        assert!(
            s.len().abs_diff(target) <= target / 20,
            "{target}: {}",
            s.len()
        );
    }
}

#[test]
fn deterministic_per_seed() {
    assert_eq!(vso(50_000, 42), vso(50_000, 42));
    assert_ne!(vso(50_000, 42), vso(50_000, 43));
    assert_eq!(lva(50_000, 42), lva(50_000, 42));
}

#[test]
fn vso_shape() {
    let (s, st) = vso_with_stats(300_000, 3);
    let mut ls = lines(&s);
    assert!(
        ls.next().unwrap().contains("\t\t"),
        "dossier line with tabs"
    );
    assert_eq!(ls.next(), Some(""));
    assert_eq!(ls.next(), Some("Verslag van een schriftelijk overleg "));
    assert!(s.contains("\n\u{b7} "), "letter bullets");
    assert!(s.contains("(Kamerstuk "));
    assert!(s.contains("\nBij brief van 14 oktober 2025 heeft de minister"));
    assert!(s.contains("\t\tDe voorzitter van de commissie,\n"));
    assert!(s.contains("\n I\tVragen en opmerkingen vanuit de fracties\n"));

    // One answer marker per question, nothing else on its line.
    let markers = lines(&s).filter(|l| *l == "Antwoord ").count();
    assert_eq!(markers, st.questions);
    assert!(lines(&s).all(|l| !l.starts_with("Antwoord") || l == "Antwoord "));
    assert!(st.questions > 200, "{}", st.questions);

    // Every question block ends with a question: the last non-empty line before a marker.
    let all: Vec<&str> = lines(&s).collect();
    for (i, l) in all.iter().enumerate() {
        if *l == "Antwoord " {
            let q = all[..i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap();
            assert!(q.trim_end().ends_with('?'), "line {}: {q}", i + 1);
        }
    }

    let sections = lines(&s)
        .filter(|l| {
            l.starts_with("Vragen en opmerkingen van de leden van de ")
                || l.starts_with("Inbreng van de leden van de ")
        })
        .count();
    assert_eq!(sections, st.sections);
    assert!(st.topics > 10);
    assert!(
        st.cross_refs > st.questions / 20,
        "{} of {}",
        st.cross_refs,
        st.questions
    );
    assert!(
        st.cross_refs < st.questions / 5,
        "{} of {}",
        st.cross_refs,
        st.questions
    );
    assert!(s.contains("Zie antwoord op de vorige vraag."));
    assert!(s.contains("antwoord op de eerste vraag van de leden van de "));
    assert!(s.contains("Zie het antwoord op een vergelijkbare vraag van de leden van de "));
    assert!(s.contains(
        "Het kabinet verwijst naar het antwoord op de eerdere vraag van uw fractie over "
    ));
}

/// Footnote references and bodies pair up, ids are unique and increase from 2.
fn check_notes(s: &str, st: &Stats) {
    let mut refs = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("[footnoteRef:") {
        rest = &rest[i + 13..];
        let end = rest.find(']').unwrap();
        refs.push(rest[..end].parse::<u32>().unwrap());
    }
    assert_eq!(refs, st.footnotes);
    assert!(!refs.is_empty());
    assert_eq!(refs[0], 2);
    assert!(
        refs.windows(2).all(|w| w[0] < w[1]),
        "ids increase, hence unique"
    );
    for line in s.lines() {
        // Bodies sit on the line that references them, in the same order.
        let r: Vec<String> = line
            .match_indices("[footnoteRef:")
            .map(|(i, _)| {
                let t = &line[i + 13..];
                t[..t.find(']').unwrap()].to_string()
            })
            .collect();
        let b: Vec<String> = r
            .iter()
            .filter(|id| line.contains(&format!(" [{id}:  ")))
            .cloned()
            .collect();
        assert_eq!(r, b, "{line}");
    }
}

#[test]
fn vso_footnotes() {
    let (s, st) = vso_with_stats(500_000, 11);
    check_notes(&s, &st);
}

#[test]
fn lva_shape() {
    let (s, st) = lva_with_stats(400_000, 5);
    check_notes(&s, &st);
    let all: Vec<&str> = s.lines().collect();
    let mut n = 0;
    for (i, l) in all.iter().enumerate() {
        if let Some(num) = l.strip_prefix("Vraag ") {
            n += 1;
            assert_eq!(num.parse::<usize>().unwrap(), n, "numbers run 1, 2, 3");
            let ans = format!("Antwoord op vraag {n}:");
            assert_eq!(all[i + 2], ans, "question {n} is one line, then its answer");
            assert!(all[i + 1].trim_end().ends_with('?'));
        }
    }
    assert_eq!(n, st.questions);
    assert!(n > 300);
    assert!(!s
        .lines()
        .any(|l| l.starts_with("Antwoord ") && !l.starts_with("Antwoord op vraag ")));
}

#[test]
fn ten_megabytes_hold_about_ten_thousand_questions() {
    let (s, st) = vso_with_stats(10_000_000, 1);
    assert!(s.len().abs_diff(10_000_000) <= 500_000);
    assert!((7_000..=14_000).contains(&st.questions), "{}", st.questions);
    assert_eq!(st.sections, FRACTIES.len());
}

#[test]
fn paragraph_lengths_like_the_sample() {
    let s = vso(1_000_000, 9);
    let mut long = 0;
    for l in s.lines() {
        // The text before the footnote bodies.
        let text = l.split(" [").next().unwrap();
        if text.chars().count() > 1300 {
            long += 1;
        }
    }
    assert_eq!(long, 0);
}

#[test]
fn tiny_targets_do_not_panic() {
    for t in [0, 1, 100, 2_000] {
        let _ = vso(t, 1);
        let _ = lva(t, 1);
    }
}

/// The parser reads the generated text as the generator meant it: same questions, fracties,
/// topics and notes, each question answered, and analysis finds nothing to report. If a new rule
/// fires here, either the generator writes something a clean draft would not, or the rule is
/// too eager on clean drafts; both are worth knowing.
#[test]
fn parser_agrees_and_analysis_is_quiet() {
    let cfg = crate::analysis::Config::default();
    for seed in 0..3 {
        for (kind, (s, st)) in [
            ("vso", vso_with_stats(200_000, seed)),
            ("lva", lva_with_stats(200_000, seed)),
        ] {
            let parse = crate::syntax::Parse::new(&s);
            let r = parse.report();
            assert_eq!(r.questions.len(), st.questions, "{kind} {seed}");
            assert!(
                r.questions.iter().all(|q| q.answer.is_some()),
                "{kind} {seed}"
            );
            assert_eq!(r.note_refs.len(), st.footnotes.len(), "{kind} {seed}");
            assert_eq!(r.note_bodies.len(), st.footnotes.len(), "{kind} {seed}");
            if kind == "vso" {
                assert_eq!(r.fracties.len(), st.sections, "{kind} {seed}");
                assert_eq!(r.topics.len(), st.topics, "{kind} {seed}");
            }
            // Drafts cite papers in every form, as real ones do: house-style hints are expected,
            // anything stronger is not.
            let d: Vec<_> = crate::analysis::check_text(&s, &cfg)
                .into_iter()
                .filter(|d| d.severity != crate::analysis::Severity::Hint)
                .collect();
            assert!(d.is_empty(), "{kind} {seed}: {:?}", &d[..d.len().min(5)]);
        }
    }
}
