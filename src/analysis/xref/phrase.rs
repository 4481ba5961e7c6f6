//! The recogniser: finds the phrases in an answer (or a question) that point at another answer
//! of the same document, and takes them apart (FORMAT.md §6).
//!
//! It works on one sentence at a time, as a reader does. A sentence is looked at only when it
//! holds an anchor word (`antwoord`, `beantwoording`, `zie`, `verwijs…`, `aansluiten bij`);
//! then the words around the anchor are read as a frame (`Zie (verder) (het) antwoord op`,
//! `verwijst (graag) naar`, `Zoals in het antwoord op … aangegeven`) and a noun phrase for the
//! question pointed at, with its parts: numbers, a position, an ordinal, a fractie (named or
//! `uw fractie`), a subject (`over …`) and a similarity (`een vergelijkbare vraag`).
//!
//! Not cross-references: other documents (`de beantwoording van Kamervragen`, `de brief van
//! 5 juni`, `zoals aangegeven in de Geannoteerde Agenda`), the answer's own question
//! (`Voor het antwoord op deze vraag verwijs ik naar …` is a frame, not a target), and prose
//! about a question (`het antwoord op de vraag of … hangt af van …`) when no frame or part makes
//! it a pointer.

use std::ops::Range;

use super::words::{fold, fractie_key};

/// Where the target stands relative to the referring answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Position {
    /// `vorige`, `voorgaande`: the question just before.
    Previous,
    /// `volgende`: the question just after.
    Next,
    /// `eerder(e)`, `hierboven`, `bovenstaande`: somewhere before.
    Earlier,
    /// `hieronder`, `onderstaande`, `later`: somewhere after.
    Later,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ordinal {
    /// `eerste` = 1, `tweede` = 2 …
    Nth(u32),
    Last,
}

/// How alike the target question is said to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Similarity {
    /// `vergelijkbare`, `soortgelijke`, `gelijksoortige`, `overeenkomstige`.
    Comparable,
    /// `gelijkluidende`, `dezelfde`, `identieke`, `eenzelfde`: (nearly) the same words.
    Identical,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FractieRef {
    /// Named: the comparison keys (see `fractie_key`) and the names as written.
    Named {
        keys: Vec<String>,
        names: Vec<String>,
        range: Range<usize>,
    },
    /// `uw fractie`, `deze leden`, `de aan het woord zijnde leden`: the referring answer's own.
    Own { range: Range<usize> },
}

/// The parts of a recognised phrase. Ranges are absolute byte offsets into the document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub numbers: Vec<u32>,
    pub position: Option<Position>,
    pub ordinal: Option<Ordinal>,
    pub fractie: Option<FractieRef>,
    /// The subject after `over`, `inzake`, `met betrekking tot` …
    pub subject: Option<Range<usize>>,
    pub similarity: Option<Similarity>,
    /// `antwoorden`/`vragen`: more than one question is meant.
    pub plural: bool,
}

impl Parts {
    /// Nothing but a direction (`het antwoord hierboven`): the reader has to guess.
    pub fn is_vague(&self) -> bool {
        self.numbers.is_empty()
            && self.ordinal.is_none()
            && self.fractie.is_none()
            && self.subject.is_none()
            && self.similarity.is_none()
            && !matches!(self.position, Some(Position::Previous | Position::Next))
    }
}

/// A recognised phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// From the frame's first word (`Zie`, `verwijst`, `Zoals`) to the end of the noun phrase.
    pub range: Range<usize>,
    pub parts: Parts,
}

#[derive(Clone, Debug)]
struct Tok {
    /// Folded, lower case.
    w: String,
    /// As written.
    orig: String,
    start: usize,
    end: usize,
    /// A punctuation mark (`,` `(` `)` `:`), not a word.
    punct: bool,
}

/// Byte offsets of anchor words in `text`: `antwoord(en)`, `beantwoording`, `verwijs…`,
/// `verwezen`, `aansluiten`/`sluit(en) … aan`, and `zie` as a word. A few `memmem` passes;
/// most answers have none and cost nothing more.
fn anchors(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out: Vec<usize> = Vec::new();
    for needle in [&b"ntwoord"[..], b"erwij", b"erwez", b"sluit"] {
        out.extend(memchr::memmem::find_iter(b, needle));
    }
    for needle in [&b"zie"[..], b"Zie"] {
        out.extend(memchr::memmem::find_iter(b, needle).filter(|&i| {
            (i == 0 || !b[i - 1].is_ascii_alphabetic())
                && b.get(i + 3).is_none_or(|c| !c.is_ascii_alphabetic())
        }));
    }
    out.sort_unstable();
    out
}

/// True when the full stop at `i` ends a sentence: followed by space and a capital (or the
/// end); `nr. 12`, `t.a.v.`, `2.1` do not.
fn full_stop(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let after = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    after.is_empty()
        || (after.len() < rest.len()
            && after
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(' || c == '['))
}

fn is_end(text: &str, i: usize) -> bool {
    match text.as_bytes()[i] {
        b'\n' | b'?' | b'!' | b';' => true,
        b'.' => full_stop(text, i),
        _ => false,
    }
}

/// The sentences of `text` around its anchor words, as ranges relative to `text`.
fn anchored_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let b = text.as_bytes();
    for a in anchors(text) {
        if out.last().is_some_and(|r| r.contains(&a)) {
            continue;
        }
        let start = (0..a).rev().find(|&i| is_end(text, i)).map_or(0, |i| i + 1);
        let end = (a..b.len()).find(|&i| is_end(text, i)).unwrap_or(b.len());
        if start < end {
            out.push(start..end);
        }
    }
    out
}

fn tokens(text: &str, base: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if d.is_alphanumeric() {
                    end = j + d.len_utf8();
                    it.next();
                } else if matches!(d, '-' | '/' | '’' | '\'' | '.' | '–') {
                    // Inside a word when a letter or digit follows (`GL-PvdA`, `t/m`, `nr.12`);
                    // a hyphen is kept at the end of a word before a space (`VVD- en`).
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(|n| n.is_alphanumeric()) {
                        end = j + d.len_utf8();
                        it.next();
                    } else if d == '-' {
                        end = j + 1;
                        it.next();
                        break;
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            let w = fold(&text[i..end]);
            out.push(Tok {
                w,
                orig: text[i..end].to_string(),
                start: base + i,
                end: base + end,
                punct: false,
            });
        } else if matches!(c, ',' | '(' | ')' | ':' | '“' | '”' | '"') {
            out.push(Tok {
                w: c.to_string(),
                orig: c.to_string(),
                start: base + i,
                end: base + i + c.len_utf8(),
                punct: true,
            });
        }
    }
    out
}

fn ordinal(w: &str) -> Option<Ordinal> {
    const WORDS: &[&str] = &[
        "eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
        "tiende", "elfde", "twaalfde",
    ];
    if w == "laatste" || w == "laatstgenoemde" || w == "laatstgestelde" {
        return Some(Ordinal::Last);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(Ordinal::Nth(i as u32 + 1));
    }
    // `1e`, `2de`
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &w[digits.len()..];
    if !digits.is_empty() && (rest == "e" || rest == "de" || rest == "ste") {
        return digits.parse().ok().map(Ordinal::Nth);
    }
    None
}

fn position_adj(w: &str) -> Option<Position> {
    match w {
        "vorige" | "voorgaande" | "voorafgaande" => Some(Position::Previous),
        "volgende" | "navolgende" | "hiernavolgende" => Some(Position::Next),
        "eerdere" | "eerder" | "bovenstaande" | "hierboven" | "hiervoor" | "reeds"
        | "eerdergenoemde" | "eerdergestelde" | "bovengenoemde" | "voornoemde" | "boven" => {
            Some(Position::Earlier)
        }
        "onderstaande" | "hieronder" | "latere" | "later" | "hierna" | "verderop" | "onder" => {
            Some(Position::Later)
        }
        _ => None,
    }
}

fn similarity_adj(w: &str) -> Option<Similarity> {
    match w {
        "vergelijkbare" | "vergelijkbaar" | "soortgelijke" | "gelijksoortige"
        | "overeenkomstige" | "vergelijkbaar-" | "analoge" | "verwante" | "gelijkaardige" => {
            Some(Similarity::Comparable)
        }
        "gelijkluidende" | "gelijkluidend" | "dezelfde" | "identieke" | "eenzelfde" | "gelijke"
        | "zelfde" => Some(Similarity::Identical),
        _ => None,
    }
}

fn is_det(w: &str) -> bool {
    matches!(
        w,
        "de" | "het" | "een" | "deze" | "die" | "dat" | "dit" | "uw" | "mijn" | "ons" | "onze"
    )
}

fn is_number(w: &str) -> Option<u32> {
    let digits: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 5 {
        return None;
    }
    // `12`, `12a`, `12.` ; not `2025d43823`-like ids.
    let rest = &w[digits.len()..];
    if rest.len() <= 1 && rest.chars().all(|c| c.is_ascii_lowercase() || c == '.') {
        digits.parse().ok()
    } else {
        None
    }
}

/// Words that make the "question" a document of its own (Kamervragen) or another author's.
fn external_noun(w: &str) -> bool {
    matches!(
        w,
        "kamervragen"
            | "kamervraag"
            | "schriftelijke"
            | "feitelijke"
            | "mondelinge"
            | "brief"
            | "motie"
            | "aanhangsel"
            | "handelingen"
            | "kamerbrief"
            | "commissiebrief"
            | "petitie"
    )
}

/// Participles that close a `Zoals in het antwoord op … aangegeven` frame.
fn closing_participle(w: &str) -> bool {
    matches!(
        w,
        "aangegeven"
            | "vermeld"
            | "toegelicht"
            | "beschreven"
            | "gemeld"
            | "uiteengezet"
            | "geschetst"
            | "opgemerkt"
            | "gesteld"
            | "genoemd"
            | "aangekondigd"
            | "toegezegd"
            | "uitgelegd"
            | "beantwoord"
            | "verwoord"
            | "weergegeven"
            | "benoemd"
    )
}

fn subject_preposition(toks: &[Tok], j: usize) -> Option<usize> {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    match w(j) {
        "over" | "inzake" | "betreffende" | "aangaande" | "omtrent" | "rond" | "rondom"
        | "m.b.t." | "t.a.v." | "mbt" | "tav" => Some(j + 1),
        "met" if w(j + 1) == "betrekking" && w(j + 2) == "tot" => Some(j + 3),
        "ten" if w(j + 1) == "aanzien" && w(j + 2) == "van" => Some(j + 3),
        "wat" if w(j + 1) == "betreft" => Some(j + 2),
        "op" if w(j + 1) == "het" && w(j + 2) == "gebied" && w(j + 3) == "van" => Some(j + 4),
        _ => None,
    }
}

/// A fractie phrase starting at `j` (after `van`): returns the fractie and the index after it.
fn fractie_at(toks: &[Tok], j: usize) -> Option<(FractieRef, usize)> {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut k = j;
    let start = toks.get(j)?.start;
    // `(de) leden van (de)`, `het lid van de`
    if w(k) == "de" && w(k + 1) == "leden" && w(k + 2) == "van" {
        k += 3;
    } else if w(k) == "leden" && w(k + 1) == "van" {
        k += 2;
    } else if w(k) == "het" && w(k + 1) == "lid" && w(k + 2) == "van" {
        k += 3;
    }
    // Deictic.
    let own = |end: usize| {
        Some((
            FractieRef::Own {
                range: start..toks[end - 1].end,
            },
            end,
        ))
    };
    match (w(k), w(k + 1)) {
        ("uw", "fractie") | ("deze", "fractie") | ("uw", "leden") | ("dezelfde", "fractie") => {
            return own(k + 2)
        }
        ("deze", "leden") | ("dezelfde", "leden") | ("genoemde", "leden") => return own(k + 2),
        ("uw", "eigen") if w(k + 2) == "fractie" => return own(k + 3),
        ("de", "aan") | ("aan", "het")
            if toks[k..].iter().take(6).any(|t| t.w == "zijnde")
                && toks[k..].iter().take(7).any(|t| t.w == "leden") =>
        {
            let e = k + toks[k..].iter().position(|t| t.w == "leden")? + 1;
            return own(e);
        }
        _ => {}
    }
    if w(k) == "de" || w(k) == "het" {
        k += 1;
    }
    // `fractie van (de) X`
    if w(k) == "fractie" && w(k + 1) == "van" {
        let mut m = k + 2;
        if w(m) == "de" || w(m) == "het" {
            m += 1;
        }
        let t = toks.get(m).filter(|t| !t.punct)?;
        return Some((
            named(vec![(t.start, t.end, t.orig.clone())], start, t.end),
            m + 1,
        ));
    }
    // `X-fractie`, `X fractie`, `X- en (de) Y-fractie`, `X-, Y- en Z-fractie`
    let mut names = Vec::new();
    let mut m = k;
    loop {
        let t = toks.get(m).filter(|t| !t.punct)?;
        if t.w.ends_with("-fractie") {
            let name = &t.orig[..t.orig.len() - "-fractie".len()];
            names.push((t.start, t.end - "-fractie".len(), name.to_string()));
            return Some((named(names, start, t.end), m + 1));
        }
        if w(m + 1) == "fractie" {
            names.push((t.start, t.end, t.orig.clone()));
            return Some((named(names, start, toks[m + 1].end), m + 2));
        }
        if let Some(name) = t.orig.strip_suffix('-') {
            names.push((t.start, t.end - 1, name.to_string()));
            m += 1;
            if w(m) == "," || w(m) == "en" {
                m += 1;
            }
            if w(m) == "de" || w(m) == "het" {
                m += 1;
            }
            continue;
        }
        return None;
    }
}

fn named(names: Vec<(usize, usize, String)>, start: usize, end: usize) -> FractieRef {
    FractieRef::Named {
        keys: names.iter().map(|n| fractie_key(&n.2)).collect(),
        names: names.iter().map(|n| n.2.clone()).collect(),
        range: start..end,
    }
}

/// Reads `vraag 12`, `vragen 2, 3 en 5`, `vragen 2 t/m 4`: the numbers and the index after.
fn numbers_at(toks: &[Tok], mut j: usize, out: &mut Vec<u32>) -> usize {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    if w(j) == "nr." || w(j) == "nr" || w(j) == "nummer" {
        j += 1;
    }
    let Some(n) = is_number(w(j)) else {
        return j;
    };
    out.push(n);
    j += 1;
    loop {
        let (sep, skip) = match (w(j), w(j + 1), w(j + 2)) {
            (",", _, _) | ("en", _, _) => (false, 1),
            ("t/m", _, _) | ("-", _, _) | ("–", _, _) => (true, 1),
            ("tot", "en", "met") => (true, 3),
            _ => break,
        };
        let Some(m) = is_number(w(j + skip)) else {
            break;
        };
        if sep {
            let last = *out.last().unwrap_or(&m);
            if m > last && m - last <= 50 {
                out.extend(last + 1..=m);
            }
        } else {
            out.push(m);
        }
        j += skip + 1;
    }
    // `vraag 2-4` comes as one token `2-4`.
    j
}

/// Splits a token like `2-4` into a range.
fn dash_range(w: &str) -> Option<(u32, u32)> {
    let (a, b) = w.split_once(['-', '–'])?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// What the noun phrase after `antwoord op` (or `zie`, `verwijs naar`) says. Returns the parts,
/// the index after the phrase, and whether it names a question at all.
struct Np {
    parts: Parts,
    end: usize,
    /// `vraag`/`vragen` was read (not just `het antwoord hierboven`).
    noun: bool,
    /// `deze vraag`, `uw vraag`: the answer's own question.
    own_question: bool,
    external: bool,
    /// `de vraag of/hoe/wat …`: prose about a question unless a frame makes it a pointer.
    clause: bool,
}

fn noun_phrase(toks: &[Tok], mut j: usize, text: &str, base: usize) -> Np {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut np = Np {
        parts: Parts::default(),
        end: j,
        noun: false,
        own_question: false,
        external: false,
        clause: false,
    };
    let det = w(j).to_string();
    if is_det(&det) || det == "een" {
        j += 1;
    }
    // Adjectives before the noun.
    loop {
        let x = w(j);
        if let Some(o) = ordinal(x) {
            np.parts.ordinal = Some(o);
        } else if let Some(p) = position_adj(x) {
            np.parts.position = Some(p);
        } else if let Some(s) = similarity_adj(x) {
            np.parts.similarity = Some(s);
        } else if external_noun(x) {
            np.external = true;
        } else if matches!(
            x,
            "gestelde" | "genoemde" | "andere" | "gelijk" | "ook" | "al" | "gegeven" | "eerder"
        ) {
            if x == "eerder" {
                np.parts.position = Some(Position::Earlier);
            }
        } else {
            break;
        }
        j += 1;
    }
    match w(j) {
        "vraag" | "vraagstelling" | "opmerking" => {
            np.noun = true;
            j += 1;
        }
        "vragen" | "opmerkingen" => {
            np.noun = true;
            np.parts.plural = true;
            j += 1;
        }
        x if external_noun(x) => {
            np.external = true;
            return np;
        }
        x if x.starts_with("vragen") || x.starts_with("vraag") => {
            // `vragenlijst`, `vraagstuk`: not a question of this report.
            return np;
        }
        _ => {}
    }
    if np.noun && (det == "deze" || det == "uw" || det == "dit") && np.parts.ordinal.is_none() {
        np.own_question = true;
    }
    if np.noun {
        if let Some((a, b)) = dash_range(w(j)) {
            if b > a && b - a <= 50 {
                np.parts.numbers.extend(a..=b);
                j += 1;
            }
        } else {
            j = numbers_at(toks, j, &mut np.parts.numbers);
        }
        if !np.parts.numbers.is_empty() {
            np.own_question = false;
        }
        if matches!(
            w(j),
            "of" | "hoe" | "wat" | "welke" | "waarom" | "wanneer" | "waar" | "wie" | "in" | "naar"
        ) && !(w(j) == "in" && matches!(w(j + 1), "paragraaf" | "hoofdstuk" | "het" | "de"))
        {
            np.clause = true;
        }
    }
    // Post-modifiers, in any order.
    let mut guard = 0;
    loop {
        guard += 1;
        if guard > 8 {
            break;
        }
        let x = w(j);
        if x == "van" {
            if let Some((f, e)) = fractie_at(toks, j + 1) {
                np.parts.fractie = Some(f);
                np.own_question = false;
                j = e;
                continue;
            }
            // `van het lid Van Dijk`, `van de commissie`: another author, another document.
            if matches!(w(j + 1), "het" | "de") && matches!(w(j + 2), "lid" | "commissie") {
                np.external = true;
            }
            break;
        }
        if let Some(p) = position_adj(x) {
            if matches!(
                x,
                "hierboven" | "hieronder" | "eerder" | "hiervoor" | "verderop" | "hierna"
            ) {
                np.parts.position = Some(p);
                j += 1;
                continue;
            }
        }
        if x == "in" && w(j + 1) == "dit" && matches!(w(j + 2), "verslag" | "document") {
            j += 3;
            continue;
        }
        if let Some(s) = subject_preposition(toks, j) {
            let end = subject_end(toks, s);
            if end > s {
                np.parts.subject = Some(toks[s].start..toks[end - 1].end);
                np.own_question = false;
                j = end;
                continue;
            }
        }
        if np.clause && np.noun {
            // `de vraag hoe de Kamer wordt geïnformeerd`: the clause is the subject.
            let s = j;
            let end = subject_end(toks, s);
            if end > s {
                np.parts.subject = Some(toks[s].start..toks[end - 1].end);
                j = end;
            }
        }
        break;
    }
    let _ = (text, base);
    np.end = j;
    np
}

/// The subject runs to a comma, a closing participle, `van de leden van`, a bracket, or
/// 14 words.
fn subject_end(toks: &[Tok], s: usize) -> usize {
    let mut e = s;
    while e < toks.len() && e - s < 14 {
        let t = &toks[e];
        if t.punct || closing_participle(&t.w) {
            break;
        }
        if t.w == "van" && e > s && fractie_at(toks, e + 1).is_some() {
            break;
        }
        if matches!(
            t.w.as_str(),
            "is" | "wordt" | "werd" | "zijn" | "heb" | "heeft"
        ) && e > s
        {
            break;
        }
        e += 1;
    }
    e
}

/// The frame before position `i` (the anchor): the index of its first word.
fn frame_before(toks: &[Tok], i: usize) -> Option<usize> {
    let lo = i.saturating_sub(10);
    (lo..i).rev().find(|&k| {
        matches!(
            toks[k].w.as_str(),
            "zie"
                | "zoals"
                | "conform"
                | "verwijs"
                | "verwijst"
                | "verwijzen"
                | "verwezen"
                | "verwees"
                | "verwijzend"
        ) || (toks[k].w == "in" && k + 2 >= i)
            || (toks[k].w == "bij" && k + 2 >= i && k > 0 && toks[k - 1].w == "aan")
    })
}

/// Finds the cross-reference phrases in `text`, which starts at byte `base` of the document.
pub fn recognise(text: &str, base: usize) -> Vec<Phrase> {
    let mut out = Vec::new();
    for s in anchored_sentences(text) {
        let toks = tokens(&text[s.clone()], base + s.start);
        sentence(&toks, text, base, &mut out);
    }
    out
}

fn sentence(toks: &[Tok], text: &str, base: usize, out: &mut Vec<Phrase>) {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut i = 0;
    while i < toks.len() {
        let x = w(i);
        let found = match x {
            "antwoord" | "antwoorden" | "beantwoording" => answer_head(toks, i, text, base),
            "zie" => see_head(toks, i, text, base),
            "verwijs" | "verwijst" | "verwijzen" | "verwezen" | "verwees" => {
                refer_head(toks, i, text, base)
            }
            "aansluiten" | "sluiten" | "sluit" => join_head(toks, i, text, base),
            _ => None,
        };
        match found {
            Some((p, next)) => {
                i = next.max(i + 1);
                if !out.iter().any(|q: &Phrase| q.range == p.range) {
                    out.push(p);
                }
            }
            None => i += 1,
        }
    }
}

/// `(het) antwoord op …`, `het antwoord hierboven`, `het vorige antwoord`, `de beantwoording
/// van vraag 3`.
fn answer_head(toks: &[Tok], i: usize, text: &str, base: usize) -> Option<(Phrase, usize)> {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut parts = Parts::default();
    // Adjectives before `antwoord`: `het eerder gegeven antwoord`, `het vorige antwoord`.
    let mut k = i;
    while k > 0 {
        let x = w(k - 1);
        if let Some(p) = position_adj(x) {
            if !matches!(x, "reeds") {
                parts.position = Some(p);
            }
        } else if let Some(o) = ordinal(x) {
            parts.ordinal = Some(o);
        } else if let Some(s) = similarity_adj(x) {
            parts.similarity = Some(s);
        } else if !matches!(x, "gegeven" | "al" | "reeds" | "gelijke" | "hetzelfde") {
            break;
        }
        k -= 1;
    }
    if w(i) == "antwoorden" {
        parts.plural = true;
    }
    let frame = frame_before(toks, k);
    let mut j = i + 1;
    // `antwoord 12`, `antwoorden 3 en 4`
    let mut np = None;
    match w(j) {
        "op" | "bij" | "van" | "aan" => {
            let n = noun_phrase(toks, j + 1, text, base);
            np = Some(n);
        }
        "als" if matches!(w(j + 1), "op" | "bij") => {
            np = Some(noun_phrase(toks, j + 2, text, base));
        }
        x if is_number(x).is_some() => {
            j = numbers_at(toks, j, &mut parts.numbers);
        }
        _ => {}
    }
    if let Some(n) = &np {
        if n.external {
            return None;
        }
        j = n.end;
    }
    // `het antwoord hierboven`, `antwoord op vraag 3 hierboven`
    if let Some(p) = position_adj(w(j)) {
        if matches!(
            w(j),
            "hierboven" | "hieronder" | "eerder" | "hiervoor" | "verderop"
        ) {
            parts.position = Some(p);
            j += 1;
            // `het antwoord hierboven over de salariskloof`
            if let Some(s) = subject_preposition(toks, j) {
                let end = subject_end(toks, s);
                if end > s {
                    parts.subject = Some(toks[s].start..toks[end - 1].end);
                    j = end;
                }
            }
        }
    }
    let mut noun = false;
    let mut own = false;
    let mut clause = false;
    if let Some(n) = np {
        noun = n.noun;
        own = n.own_question;
        clause = n.clause;
        merge(&mut parts, n.parts);
    }
    if parts.subject.is_none() && frame.is_some() {
        // `Zoals in het antwoord aangegeven` has nothing more; fine.
    }
    let has_parts = !parts.is_vague() || parts.position.is_some();
    // `Voor het antwoord op deze vraag verwijs ik naar …`: the frame, not the target.
    if own && !has_parts {
        return None;
    }
    if !noun && !has_parts {
        return None;
    }
    // Prose about a question (`Het antwoord op de vraag of … is ja`) needs a frame.
    if clause && frame.is_none() && !has_parts_strong(&parts) {
        return None;
    }
    if frame.is_none() && !has_parts_strong(&parts) && parts.subject.is_none() {
        return None;
    }
    let first = frame.unwrap_or(k.saturating_sub(usize::from(k > 0 && is_det(w(k - 1)))));
    let mut end = j;
    // `Zoals in het antwoord op vraag 3 aangegeven`
    if frame.is_some_and(|f| w(f) == "zoals") && closing_participle(w(j)) {
        end = j + 1;
    }
    let range = toks[first].start..toks[end.clamp(1, toks.len()) - 1].end;
    Some((Phrase { range, parts }, end))
}

fn has_parts_strong(p: &Parts) -> bool {
    !p.numbers.is_empty()
        || p.ordinal.is_some()
        || p.similarity.is_some()
        || p.fractie.is_some()
        || p.position.is_some()
}

fn merge(into: &mut Parts, from: Parts) {
    if !from.numbers.is_empty() {
        into.numbers = from.numbers;
    }
    into.position = from.position.or(into.position);
    into.ordinal = from.ordinal.or(into.ordinal);
    into.fractie = from.fractie.or(into.fractie.take());
    into.subject = from.subject.or(into.subject.take());
    into.similarity = from.similarity.or(into.similarity);
    into.plural |= from.plural;
}

/// `Zie (ook|verder) vraag 12`, `zie hierboven`, `zie de vorige vraag`.
fn see_head(toks: &[Tok], i: usize, text: &str, base: usize) -> Option<(Phrase, usize)> {
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let mut j = i + 1;
    while matches!(
        w(j),
        "ook" | "verder" | "daarvoor" | "hiervoor" | "eveneens" | "tevens"
    ) {
        j += 1;
    }
    // `zie (het) antwoord …` is read at the anchor `antwoord`.
    if toks[j.min(toks.len())..]
        .iter()
        .take(3)
        .any(|t| matches!(t.w.as_str(), "antwoord" | "antwoorden" | "beantwoording"))
    {
        return None;
    }
    match w(j) {
        "hierboven" | "hieronder" | "eerder" | "boven" | "onder" | "verderop" => {
            let parts = Parts {
                position: position_adj(w(j)),
                ..Parts::default()
            };
            return Some((
                Phrase {
                    range: toks[i].start..toks[j].end,
                    parts,
                },
                j + 1,
            ));
        }
        "het" if matches!(w(j + 1), "voorgaande" | "bovenstaande" | "onderstaande") => {
            let parts = Parts {
                position: position_adj(w(j + 1)),
                ..Parts::default()
            };
            return Some((
                Phrase {
                    range: toks[i].start..toks[j + 1].end,
                    parts,
                },
                j + 2,
            ));
        }
        _ => {}
    }
    noun_head(toks, i, j, text, base, |_| true)
}

/// `verwijs(t) (ik|het kabinet) (u) (graag) naar vraag 12` (with `antwoord` the anchor is that).
fn refer_head(toks: &[Tok], i: usize, text: &str, base: usize) -> Option<(Phrase, usize)> {
    let naar = (i + 1..toks.len().min(i + 8)).find(|&k| toks[k].w == "naar")?;
    let rest = &toks[naar + 1..];
    if rest
        .iter()
        .take(4)
        .any(|t| matches!(t.w.as_str(), "antwoord" | "antwoorden" | "beantwoording"))
    {
        return None;
    }
    let w = |k: usize| toks.get(k).map(|t| t.w.as_str()).unwrap_or("");
    let j = naar + 1;
    if matches!(w(j), "hierboven" | "hieronder")
        || (w(j) == "het" && matches!(w(j + 1), "voorgaande" | "bovenstaande" | "onderstaande"))
    {
        let k = if w(j) == "het" { j + 1 } else { j };
        let parts = Parts {
            position: position_adj(w(k)),
            ..Parts::default()
        };
        return Some((
            Phrase {
                range: toks[i].start..toks[k].end,
                parts,
            },
            k + 1,
        ));
    }
    noun_head(toks, i, j, text, base, |_| true)
}

/// `sluiten zich aan bij de vragen van de VVD-fractie over …` (in a question).
fn join_head(toks: &[Tok], i: usize, text: &str, base: usize) -> Option<(Phrase, usize)> {
    let bij = (i + 1..toks.len().min(i + 6)).find(|&k| toks[k].w == "bij")?;
    if !toks[i..bij].iter().any(|t| t.w == "aan") && toks[i].w != "aansluiten" {
        return None;
    }
    noun_head(toks, i, bij + 1, text, base, |n| {
        n.parts.fractie.is_some() || !n.parts.numbers.is_empty()
    })
}

/// The phrase from the head word at `i` through the noun phrase at `j`, when that names a
/// question of this document (and passes `keep`).
fn noun_head(
    toks: &[Tok],
    i: usize,
    j: usize,
    text: &str,
    base: usize,
    keep: impl Fn(&Np) -> bool,
) -> Option<(Phrase, usize)> {
    let n = noun_phrase(toks, j, text, base);
    if !n.noun || n.external || n.own_question || !keep(&n) {
        return None;
    }
    let end = n.end;
    Some((
        Phrase {
            range: toks[i].start..toks[end.clamp(1, toks.len()) - 1].end,
            parts: n.parts,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Parts {
        let p = recognise(s, 0);
        assert_eq!(p.len(), 1, "{s}: {p:?}");
        p[0].parts.clone()
    }

    fn none(s: &str) {
        let p = recognise(s, 0);
        assert!(p.is_empty(), "{s}: {p:?}");
    }

    #[test]
    fn frames_and_parts() {
        assert_eq!(
            one("Zie antwoord op de vorige vraag. ").position,
            Some(Position::Previous)
        );
        let p = one("Zie antwoord op de eerste vraag van de leden van de NSC-fractie over het solidariteitsmechanisme.");
        assert_eq!(p.ordinal, Some(Ordinal::Nth(1)));
        assert!(matches!(p.fractie, Some(FractieRef::Named { ref keys, .. }) if keys == &["nsc"]));
        assert!(p.subject.is_some());
        let p = one("Het kabinet verwijst naar het antwoord op de eerder vraag van uw fractie over het ontwerpbesluit van de Commissie. ");
        assert_eq!(p.position, Some(Position::Earlier));
        assert!(matches!(p.fractie, Some(FractieRef::Own { .. })));
        let s = "Zie het antwoord op de vraag over het ontwerpbesluit van de Commissie.";
        let p = one(s);
        assert_eq!(
            &s[p.subject.clone().unwrap()],
            "het ontwerpbesluit van de Commissie"
        );
        let p = one("Zie het antwoord op een vergelijkbare vraag van de leden van de GroenLinks-PvdA-fractie. ");
        assert_eq!(p.similarity, Some(Similarity::Comparable));
        let p = one("Voor het antwoord verwijst het kabinet graag naar het antwoord op een gelijkluidende vraag van de leden van de GroenLinks-PvdA-fractie.");
        assert_eq!(p.similarity, Some(Similarity::Identical));
        assert_eq!(one("Zie het antwoord op vraag 2.").numbers, vec![2]);
        assert_eq!(
            one("Voor het antwoord op deze vraag verwijs ik naar het antwoord op vraag 12.")
                .numbers,
            vec![12]
        );
        assert_eq!(
            one("Zie de antwoorden op de vragen 2 en 3.").numbers,
            vec![2, 3]
        );
        assert_eq!(one("Zie vraag 4 t/m 6.").numbers, vec![4, 5, 6]);
        assert_eq!(
            one("Zoals in het antwoord hierboven aangegeven is dat zo.").position,
            Some(Position::Earlier)
        );
        assert_eq!(
            one("Ik verwijs naar vraag 7 van de VVD-fractie.").numbers,
            vec![7]
        );
        let p = one("De leden van de CDA-fractie sluiten zich aan bij de vragen van de VVD- en de SP-fractie over de netcongestie.");
        assert!(
            matches!(p.fractie, Some(FractieRef::Named { ref keys, .. }) if keys == &["vvd", "sp"])
        );
    }

    #[test]
    fn not_cross_references() {
        none("Zoals aangegeven in de Geannoteerde Agenda van deze JBZ-Raad heeft Nederland uitgedragen.");
        none("Dit is eerder toegelicht in de beantwoording van Kamervragen (Aanhangsel Handelingen II 2024/25, nr. 12).");
        none("In lijn met de motie Rajkowski en Van Zanten over het alles op alles zetten.");
        none("Het antwoord op de vraag of dit kan, hangt af van de Raad.");
        none("Zie de brief van 5 juni 2025.");
        none("In antwoord op de schriftelijke vragen van het lid Van Dijk heb ik gemeld dat.");
        none("Voor het antwoord op deze vraag is meer tijd nodig.");
        none("De leden vragen de minister of zij de vragenlijst wil delen.");
    }
}
