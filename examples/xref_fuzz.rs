//! Throws shuffled fragments of reference phrases at the analysis; it must not panic.
fn main() {
    let frags = [
        "Zie ",
        "antwoord",
        " op ",
        "de ",
        "vraag ",
        "vragen ",
        "12",
        " en ",
        "3",
        " t/m ",
        "-",
        "van de ",
        "leden van de ",
        "VVD-",
        "CDA-fractie",
        " over ",
        "het ",
        "hierboven",
        "eerste ",
        "laatste ",
        "vergelijkbare ",
        "uw fractie",
        ".",
        "?",
        "\n",
        "Antwoord \n",
        "Vraag 2\n",
        "Antwoord op vraag 2:\n",
        "verwijs ik naar ",
        "Zoals in het ",
        " aangegeven",
        "é",
        "…",
        "\u{a0}",
        "🙂",
        "Vragen en opmerkingen van de leden van de NSC-fractie\n",
        "Kopje\n",
        "sluiten zich aan bij ",
        ",",
        "(",
        ")",
    ];
    let mut s: u64 = 42;
    let mut rnd = |n: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % n as u64) as usize
    };
    for _ in 0..20000 {
        let len = rnd(60);
        let text: String = (0..len).map(|_| frags[rnd(frags.len())]).collect();
        let _ = griffel::analysis::check_text(&text, &griffel::analysis::Config::default());
    }
    println!("ok");
}
