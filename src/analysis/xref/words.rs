//! Words for matching: lower-cased and folded (`België` = `belgie`), Dutch stems
//! (`rust-stemmers`), parts of compound words (`raadsbesluit` = `raad` + `besluit`), country
//! adjectives (`Deense` = `Denemarken`) and fractie names in every spelling.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_stemmers::{Algorithm, Stemmer};

/// A small, fast hasher for short keys (words, ids): the Fx hash of rustc. The maps here are
/// built per analysis from the document's own words, so hash flooding is not a concern.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Words that say nothing about a subject: function words, and the words every question and
/// answer of a report uses (`minister`, `leden`, `fractie`, `vraag`).
const STOP: &[&str] = &[
    "aan",
    "aangegeven",
    "al",
    "alle",
    "als",
    "bij",
    "dan",
    "dat",
    "de",
    "deze",
    "die",
    "dit",
    "door",
    "een",
    "en",
    "er",
    "eerder",
    "eerdere",
    "geen",
    "haar",
    "heeft",
    "hebben",
    "het",
    "hier",
    "hij",
    "hoe",
    "hun",
    "ik",
    "in",
    "is",
    "je",
    "kan",
    "kunnen",
    "leden",
    "maar",
    "met",
    "mijn",
    "minister",
    "naar",
    "niet",
    "nog",
    "nu",
    "of",
    "om",
    "ons",
    "onze",
    "ook",
    "op",
    "over",
    "staatssecretaris",
    "te",
    "tot",
    "u",
    "uit",
    "uw",
    "van",
    "vanuit",
    "voor",
    "vraag",
    "vragen",
    "waar",
    "waarom",
    "wanneer",
    "wat",
    "we",
    "welke",
    "wel",
    "wie",
    "wij",
    "wil",
    "worden",
    "wordt",
    "zal",
    "zich",
    "zij",
    "zijn",
    "zo",
    "zou",
    "zullen",
    "antwoord",
    "fractie",
    "kabinet",
    "graag",
    "zoals",
    "ten",
    "aanzien",
    "inzake",
    "daarbij",
    "daarvan",
    "hierover",
    "daarover",
    "welk",
    "was",
    "waren",
    "werd",
    "ze",
    "men",
    "iets",
    "nadere",
    "meer",
    "sinds",
    "tussen",
    "onder",
    "binnen",
    "zonder",
    "heb",
    "hebt",
    "zie",
    "verder",
    "betreft",
    "aangaande",
    "omtrent",
    "betreffende",
    "rond",
    "rondom",
    "enkele",
    "aantal",
    "kamer",
    "regering",
];

/// Country adjectives and the country they name (folded, without the inflection `-e`).
const DEMONYMS: &[(&str, &str)] = &[
    ("deens", "denemarken"),
    ("belgisch", "belgie"),
    ("duits", "duitsland"),
    ("frans", "frankrijk"),
    ("italiaans", "italie"),
    ("spaans", "spanje"),
    ("pools", "polen"),
    ("grieks", "griekenland"),
    ("zweeds", "zweden"),
    ("fins", "finland"),
    ("oostenrijks", "oostenrijk"),
    ("hongaars", "hongarije"),
    ("portugees", "portugal"),
    ("iers", "ierland"),
    ("brits", "verenigd-koninkrijk"),
    ("tunesisch", "tunesie"),
    ("marokkaans", "marokko"),
    ("turks", "turkije"),
    ("oekraiens", "oekraine"),
    ("russisch", "rusland"),
    ("albanees", "albanie"),
    ("rwandees", "rwanda"),
    ("oegandees", "oeganda"),
    ("amerikaans", "amerika"),
    ("chinees", "china"),
    ("libisch", "libie"),
    ("egyptisch", "egypte"),
    ("syrisch", "syrie"),
    ("europees", "europa"),
    ("nederlands", "nederland"),
];

/// Common heads and modifiers of Dutch compounds in policy texts, so that a compound splits
/// even when its parts do not occur alone in the document.
const PARTS: &[&str] = &[
    "besluit",
    "beleid",
    "wet",
    "wetgeving",
    "recht",
    "raad",
    "voorstel",
    "plan",
    "kader",
    "regeling",
    "verordening",
    "richtlijn",
    "systeem",
    "mechanisme",
    "pool",
    "pact",
    "overleg",
    "brief",
    "agenda",
    "document",
    "documenten",
    "stuk",
    "stukken",
    "verdrag",
    "akkoord",
    "overeenkomst",
    "fonds",
    "budget",
    "begroting",
    "kosten",
    "middelen",
    "opvang",
    "migratie",
    "asiel",
    "terugkeer",
    "grens",
    "beheer",
    "steun",
    "zorg",
    "onderwijs",
    "woning",
    "huur",
    "energie",
    "markt",
    "prijs",
    "belasting",
    "toeslag",
    "uitkering",
    "pensioen",
    "onderzoek",
    "rapport",
    "advies",
    "evaluatie",
    "aanpak",
    "maatregel",
    "inzet",
    "bijdrage",
    "verdeling",
    "capaciteit",
    "druk",
    "keten",
    "proces",
    "procedure",
    "termijn",
    "cijfers",
    "informatie",
    "ontwerp",
    "concept",
    "rijk",
    "staat",
    "land",
    "landen",
    "lidstaat",
    "lidstaten",
    "burger",
    "bedrijf",
    "verplichting",
    "verplichtingen",
    "samenwerking",
    "partnerschap",
    "deal",
    "hervorming",
    "herziening",
    "uitvoering",
    "toezicht",
    "handhaving",
    "vergunning",
    "regels",
    "zaken",
    "dienst",
    "instituut",
    "organisatie",
    "project",
    "programma",
    "subsidie",
    "heffing",
    "tarief",
    "ramp",
    "crisis",
    "hub",
    "hubs",
    "verkeer",
    "vervoer",
    "netwerk",
    "net",
    "gas",
    "stroom",
    "water",
    "natuur",
    "stikstof",
    "klimaat",
    "defensie",
    "politie",
    "justitie",
    "rechter",
    "rechten",
    "mens",
    "mensen",
    "kind",
    "kinderen",
    "jongeren",
    "ouderen",
    "school",
    "arbeid",
    "werk",
    "werkgever",
    "werknemer",
    "loon",
    "inkomen",
    "schuld",
    "schulden",
    "geld",
    "doel",
    "doelen",
    "norm",
    "normen",
    "grondslag",
    "positie",
    "status",
    "categorie",
    "solidariteit",
    "europa",
    "unie",
    "visum",
    "grenzen",
    "terugkeerhub",
];

/// Lower-cases and removes diacritics (`België` → `belgie`, `’` dropped).
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        let base = match c {
            'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' | 'Â' | 'Ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ĳ' | 'Ĳ' => {
                out.push('i');
                'j'
            }
            '’' | '‘' | '\u{ad}' => continue,
            c => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(base);
    }
}

pub fn fold(word: &str) -> String {
    let mut s = String::new();
    fold_into(word, &mut s);
    s
}

/// The alphanumeric runs of `text` as byte ranges (hyphens, slashes and quotes split words).
pub fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let b = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // ASCII fast path; a non-ASCII byte starts or continues a word when its char is
        // alphanumeric.
        loop {
            if i >= b.len() {
                return None;
            }
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                break;
            }
            if c >= 0x80 {
                let ch = text[i..].chars().next()?;
                if ch.is_alphanumeric() {
                    break;
                }
                i += ch.len_utf8();
            } else {
                i += 1;
            }
        }
        let start = i;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                i += 1;
            } else if c >= 0x80 {
                let Some(ch) = text[i..].chars().next() else {
                    break;
                };
                if ch.is_alphanumeric() {
                    i += ch.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        Some((start, i))
    })
}

/// A term id: one Dutch stem.
pub type Term = u32;

/// Interns the document's words: folded surface → stem id, stems → compound parts.
pub struct Lexicon {
    stemmer: Stemmer,
    surfaces: FxMap<Box<str>, Option<Term>>,
    /// Words as written → term: most words recur, and this skips folding them again.
    raw: FxMap<Box<str>, Option<Term>>,
    stems: FxMap<Box<str>, Term>,
    stem_text: Vec<Box<str>>,
    /// Per term: the terms of its parts (`raadsbesluit` → `raad`, `besluit`), filled by
    /// [`Lexicon::split_compounds`].
    parts: Vec<Option<[Term; 2]>>,
    buf: String,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::new()
    }
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut lx = Lexicon {
            stemmer: Stemmer::create(Algorithm::Dutch),
            surfaces: FxMap::default(),
            raw: FxMap::default(),
            stems: FxMap::default(),
            stem_text: Vec::new(),
            parts: Vec::new(),
            buf: String::new(),
        };
        for s in STOP {
            lx.surfaces.insert((*s).into(), None);
        }
        for p in PARTS {
            lx.term(p);
        }
        lx
    }

    fn intern_stem(&mut self, stem: &str) -> Term {
        if let Some(&t) = self.stems.get(stem) {
            return t;
        }
        let t = self.stem_text.len() as Term;
        self.stems.insert(stem.into(), t);
        self.stem_text.push(stem.into());
        self.parts.push(None);
        t
    }

    /// The term of a word as written; None for a stop word, a single letter or a number.
    pub fn term(&mut self, word: &str) -> Option<Term> {
        if let Some(&t) = self.raw.get(word) {
            return t;
        }
        let t = self.term_uncached(word);
        self.raw.insert(word.into(), t);
        t
    }

    fn term_uncached(&mut self, word: &str) -> Option<Term> {
        let mut buf = std::mem::take(&mut self.buf);
        fold_into(word, &mut buf);
        let t = self.term_folded(&buf);
        self.buf = buf;
        t
    }

    fn term_folded(&mut self, folded: &str) -> Option<Term> {
        if let Some(&t) = self.surfaces.get(folded) {
            return t;
        }
        let t = self.stem_of(folded).map(|stem| self.intern_stem(&stem));
        self.surfaces.insert(folded.into(), t);
        t
    }

    /// The stem of a folded word that is not a stop word; None for a single letter or a
    /// number. A pure function of the word: callers may memoise it across documents.
    pub fn stem_of(&self, folded: &str) -> Option<String> {
        if folded.len() < 2 || folded.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // `Deense` → `deens`, `Europese` → `europees`.
        let base = folded.strip_suffix('e').unwrap_or(folded);
        let long = folded
            .strip_suffix("ese")
            .map(|b| format!("{b}ees"))
            .unwrap_or_default();
        Some(
            match DEMONYMS
                .iter()
                .find(|d| d.0 == base || d.0 == folded || d.0 == long)
            {
                Some(d) => self.stemmer.stem(d.1).into_owned(),
                None => self.stemmer.stem(folded).into_owned(),
            },
        )
    }

    /// [`Lexicon::term`] for a word already folded and stemmed (`stem` from
    /// [`Lexicon::stem_of`]): the same term, and the same state afterwards, but no folding or
    /// stemming (the words-as-written cache is not filled; it only saves work).
    pub fn term_memo(&mut self, folded: &str, stem: Option<&str>) -> Option<Term> {
        if let Some(&t) = self.surfaces.get(folded) {
            return t;
        }
        let t = stem.map(|stem| self.intern_stem(stem));
        self.surfaces.insert(folded.into(), t);
        t
    }

    /// A term known without adding one (for queries built after the index).
    pub fn lookup(&self, word: &str) -> Option<Term> {
        let f = fold(word);
        if let Some(t) = self.surfaces.get(f.as_str()) {
            return *t;
        }
        let stem = self.stemmer.stem(&f);
        self.stems.get(stem.as_ref()).copied()
    }

    /// The terms of a word for a query: the word itself and, for a compound, its parts.
    pub fn query_terms(&mut self, word: &str) -> Option<(Term, Option<[Term; 2]>)> {
        let t = self.term(word)?;
        if self.parts[t as usize].is_none() {
            let f = fold(word);
            self.parts[t as usize] = self.split(&f);
        }
        Some((t, self.parts[t as usize]))
    }

    pub fn parts(&self, t: Term) -> Option<[Term; 2]> {
        self.parts.get(t as usize).copied().flatten()
    }

    pub fn len(&self) -> usize {
        self.stem_text.len()
    }

    pub fn is_empty(&self) -> bool {
        self.stem_text.is_empty()
    }

    /// The term of a stem, if interned.
    pub fn stem_id(&self, stem: &str) -> Option<Term> {
        self.stems.get(stem).copied()
    }

    pub fn stem_text(&self, t: Term) -> &str {
        self.stem_text.get(t as usize).map(|s| &**s).unwrap_or("")
    }

    /// Splits every long word seen so far into two known parts, where it can.
    pub fn split_compounds(&mut self) {
        let long: Vec<(Box<str>, Term)> = self
            .surfaces
            .iter()
            .filter_map(|(s, t)| Some((s.clone(), (*t)?)))
            .filter(|(s, _)| s.len() >= 8)
            .collect();
        for (s, t) in long {
            if self.parts[t as usize].is_none() {
                self.parts[t as usize] = self.split(&s);
            }
        }
    }

    fn known(&self, s: &str) -> Option<Term> {
        if s.len() < 3 {
            return None;
        }
        match self.surfaces.get(s) {
            Some(t) => *t,
            None => self.stems.get(s).copied(),
        }
    }

    /// The longest known right-hand part with a known left-hand part (allowing the linking
    /// `s`, `e`, `en` of `raadsbesluit`, `stikstofregels`, `mensenrechten`).
    fn split(&self, w: &str) -> Option<[Term; 2]> {
        if w.len() < 7 || !w.is_ascii() {
            return None;
        }
        for i in 3..=w.len().saturating_sub(4) {
            let (left, right) = w.split_at(i);
            let Some(r) = self.known(right) else { continue };
            let l = self
                .known(left)
                .or_else(|| left.strip_suffix('s').and_then(|l| self.known(l)))
                .or_else(|| left.strip_suffix("en").and_then(|l| self.known(l)))
                .or_else(|| left.strip_suffix('e').and_then(|l| self.known(l)));
            if let Some(l) = l {
                return Some([l, r]);
            }
        }
        None
    }
}

/// A fractie name as a comparison key: letters and digits only, lower case, the usual aliases
/// folded (`GL-PvdA`, `GroenLinks/PvdA`, `PvdA-GL` → `groenlinkspvda`).
pub fn fractie_key(name: &str) -> String {
    let l: String = name
        .trim()
        .trim_end_matches('-')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let l = l.strip_suffix("fractie").unwrap_or(&l).to_string();
    match l.as_str() {
        "glpvda" | "pvdagl" | "pvdagroenlinks" | "groenlinkspvda" | "gl" => {
            "groenlinkspvda".to_string()
        }
        "cu" | "christenunie" => "christenunie".to_string(),
        "partijvoordedieren" | "pvdd" => "pvdd".to_string(),
        "nieuwsociaalcontract" | "nsc" => "nsc".to_string(),
        "boerburgerbeweging" | "bbb" => "bbb".to_string(),
        "forumvoordemocratie" | "fvd" => "fvd".to_string(),
        "partijvoordevrijheid" | "pvv" => "pvv".to_string(),
        _ => l,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_split_into_known_parts() {
        let mut lx = Lexicon::new();
        for w in ["ontwerp", "raad", "besluit", "mensen"] {
            lx.term(w);
        }
        let (t, parts) = lx.query_terms("ontwerpbesluit").unwrap();
        let [a, b] = parts.unwrap();
        let o = lx.term("ontwerp").unwrap();
        assert_eq!(a, o);
        assert_eq!(b, lx.term("besluit").unwrap());
        assert_ne!(t, b);
        let (_, parts) = lx.query_terms("raadsbesluit").unwrap();
        assert_eq!(parts.unwrap()[1], lx.term("besluit").unwrap());
        let (_, parts) = lx.query_terms("mensenrechten").unwrap();
        assert!(parts.is_some());
    }

    #[test]
    fn folding_stemming_and_demonyms() {
        let mut lx = Lexicon::new();
        assert_eq!(lx.term("België"), lx.term("belgie"));
        assert_eq!(lx.term("Deense"), lx.term("Denemarken"));
        assert_eq!(lx.term("besluiten"), lx.term("besluit"));
        assert_eq!(lx.term("de"), None);
        assert_eq!(lx.term("12"), None);
        assert_eq!(
            fractie_key("GL-PvdA"),
            fractie_key("GroenLinks-PvdA-fractie")
        );
        assert_eq!(fractie_key("ChristenUnie"), fractie_key("CU"));
    }
}
