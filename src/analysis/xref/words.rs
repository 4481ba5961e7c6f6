//! Words for matching: lower-cased and folded (`België` = `belgie`), Dutch stems
//! (`rust-stemmers`), parts of compound words (`raadsbesluit` = `raad` + `besluit`), country
//! adjectives (`Deense` = `Denemarken`) and fractie names in every spelling.

use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::{Bound, Range};

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

/// A term id: one Dutch stem. Ids are given in the order stems are first met over a
/// document's life, so they depend on its history; nothing computed from them depends on
/// their order (sums are exact, ties are broken by the stem's text).
pub type Term = u32;

/// One folded word form (`belgie`, `ontwerpbesluit`) and what the index needs of it.
struct Surf {
    text: Box<str>,
    /// Its stem; None for a stop word, a single letter or a number.
    term: Option<Term>,
    stop: bool,
    /// A built-in word (stop word or common compound part): always known.
    perm: bool,
    /// Paragraphs (and topic headings) of the current version holding it.
    count: u32,
    /// Its compound parts against the current vocabulary; kept while `count > 0`.
    parts: Option<[Term; 2]>,
    /// Folding its text gives it back: a word written as this text is this form.
    fixed: bool,
}

struct Stem {
    text: Box<str>,
    perm: bool,
    /// Held surfaces (`count > 0`) with this stem.
    count: u32,
}

/// The words of one document over its versions: words as written → folded form → stem, and
/// which forms and stems the current version holds (its vocabulary). Compounds are split
/// against that vocabulary and the built-in parts, per folded form (`raadsbesluit` = `raad` +
/// `besluit`); when a form or stem enters or leaves the vocabulary, only the held compounds
/// that begin or end with it are split again.
pub struct Vocab {
    stemmer: Stemmer,
    /// Words as written → folded form (most words recur; this skips folding them again).
    /// Only words that folding changes: a word in lower-case ASCII, most of them, is its
    /// folded form and is looked up as that.
    written: FxMap<Box<str>, u32>,
    /// Folded form → its id; the text is that in `surfs`.
    surf_ids: FormIds,
    surfs: Vec<Surf>,
    stem_ids: FxMap<Box<str>, Term>,
    stems: Vec<Stem>,
    /// Held long ASCII forms (those that may split), and the same reversed.
    long_fwd: BTreeSet<Box<str>>,
    long_rev: BTreeSet<Box<str>>,
    /// Forms and stems whose presence changed, and long forms newly held, since
    /// [`Vocab::resplit`].
    flipped_surfs: Vec<u32>,
    flipped_stems: Vec<Term>,
    new_long: Vec<u32>,
    /// Per form: its stem and its parts ([`NO`] for none), the same as in `surfs` packed small,
    /// for listing the terms of many paragraphs.
    packed: Vec<[Term; 3]>,
    /// Per form: the paragraph that last listed it (to list a paragraph's forms once).
    stamp: Vec<u32>,
    clock: u32,
    buf: String,
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new()
    }
}

/// Folded forms → their ids: a table of ids whose keys are the texts kept in [`Vocab`]'s
/// `surfs`. A map keyed by the text held every form twice (10 MB: 0.3 MB of keys and entries of
/// 20 bytes where an id takes 4).
#[derive(Default)]
struct FormIds(hashbrown::HashTable<u32>);

impl FormIds {
    fn hash(s: &str) -> u64 {
        let mut h = Fx::default();
        h.write(s.as_bytes());
        h.finish()
    }

    fn text(surfs: &[Surf], id: u32) -> &str {
        surfs.get(id as usize).map_or("", |f| &f.text)
    }

    /// The id of `s`, if it is a form.
    fn find(&self, surfs: &[Surf], s: &str) -> Option<u32> {
        self.0
            .find(FormIds::hash(s), |&id| FormIds::text(surfs, id) == s)
            .copied()
    }

    /// Adds form `id` (its text in `surfs`, not yet in the table).
    fn insert(&mut self, surfs: &[Surf], id: u32) {
        let hash = FormIds::hash(FormIds::text(surfs, id));
        self.0
            .insert_unique(hash, id, |&x| FormIds::hash(FormIds::text(surfs, x)));
    }
}

/// No term (in [`Vocab`]'s packed table).
const NO: Term = Term::MAX;

/// Only forms at least this long are split when held by a paragraph (a query splits from 7).
const SPLIT_MIN: usize = 8;

impl Vocab {
    pub fn new() -> Vocab {
        let mut v = Vocab {
            stemmer: Stemmer::create(Algorithm::Dutch),
            written: FxMap::default(),
            surf_ids: FormIds::default(),
            surfs: Vec::new(),
            stem_ids: FxMap::default(),
            stems: Vec::new(),
            long_fwd: BTreeSet::new(),
            long_rev: BTreeSet::new(),
            flipped_surfs: Vec::new(),
            flipped_stems: Vec::new(),
            new_long: Vec::new(),
            packed: Vec::new(),
            stamp: Vec::new(),
            clock: 0,
            buf: String::new(),
        };
        for s in STOP {
            let id = v.surface(s);
            v.surfs[id as usize].stop = true;
            v.surfs[id as usize].term = None;
            v.surfs[id as usize].perm = true;
            v.packed[id as usize] = [NO; 3];
        }
        for p in PARTS {
            let id = v.surface(p);
            let sf = &mut v.surfs[id as usize];
            sf.perm = true;
            if let Some(t) = sf.term {
                v.stems[t as usize].perm = true;
            }
        }
        v
    }

    /// Distinct words as written, or a few more (for resetting a vocabulary that grew too
    /// large): the forms, and the spellings that fold to another form.
    pub fn len_written(&self) -> usize {
        self.surfs.len() + self.written.len()
    }

    pub fn n_terms(&self) -> usize {
        self.stems.len()
    }

    fn intern_stem(&mut self, stem: &str) -> Term {
        if let Some(&t) = self.stem_ids.get(stem) {
            return t;
        }
        let t = self.stems.len() as Term;
        self.stem_ids.insert(stem.into(), t);
        self.stems.push(Stem {
            text: stem.into(),
            perm: false,
            count: 0,
        });
        t
    }

    /// The id of a folded form, interning it (and its stem).
    fn surface(&mut self, folded: &str) -> u32 {
        if let Some(i) = self.surf_id(folded) {
            return i;
        }
        let stop = STOP.contains(&folded);
        let term = if stop {
            None
        } else {
            self.stem_of(folded).map(|s| self.intern_stem(&s))
        };
        let i = self.surfs.len() as u32;
        let mut again = std::mem::take(&mut self.buf);
        fold_into(folded, &mut again);
        let fixed = again == folded;
        self.buf = again;
        self.surfs.push(Surf {
            text: folded.into(),
            term,
            stop,
            perm: stop,
            count: 0,
            parts: None,
            fixed,
        });
        self.packed.push([term.unwrap_or(NO), NO, NO]);
        self.stamp.push(0);
        self.surf_ids.insert(&self.surfs, i);
        i
    }

    /// The id of a folded form, if interned.
    fn surf_id(&self, folded: &str) -> Option<u32> {
        self.surf_ids.find(&self.surfs, folded)
    }

    /// The folded form of a word as written.
    pub fn word(&mut self, w: &str) -> u32 {
        // Most words are written as their folded form (in lower case): found among the forms
        // as they are, with no copy kept as written.
        if let Some(i) = self.surf_id(w) {
            if self.surfs.get(i as usize).is_some_and(|f| f.fixed) {
                return i;
            }
        }
        if let Some(&i) = self.written.get(w) {
            return i;
        }
        let mut buf = std::mem::take(&mut self.buf);
        fold_into(w, &mut buf);
        let i = self.surface(&buf);
        // A word that is its own folded form is found among the forms from now on.
        if buf != w {
            self.written.insert(w.into(), i);
        }
        self.buf = buf;
        i
    }

    /// The distinct forms of `text` (in order of first occurrence), skipping words that start
    /// inside `holes` (ranges relative to `text`).
    pub fn forms(&mut self, text: &str, holes: &[Range<usize>]) -> Vec<u32> {
        self.forms_counted(text, holes).0
    }

    /// [`Vocab::forms`], and the number of words in `text` (holes included).
    pub fn forms_counted(&mut self, text: &str, holes: &[Range<usize>]) -> (Vec<u32>, usize) {
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.clock = 1;
        }
        let mut out = Vec::new();
        let mut n = 0;
        for (a, b) in word_spans(text) {
            n += 1;
            if holes.iter().any(|h| h.contains(&a)) {
                continue;
            }
            let i = self.word(&text[a..b]) as usize;
            if self.stamp[i] != self.clock {
                self.stamp[i] = self.clock;
                out.push(i as u32);
            }
        }
        (out, n)
    }

    fn set_parts(&mut self, f: u32, p: Option<[Term; 2]>) {
        self.surfs[f as usize].parts = p;
        let [a, b] = p.unwrap_or([NO, NO]);
        self.packed[f as usize][1] = a;
        self.packed[f as usize][2] = b;
    }

    /// A paragraph's term set from its forms: each form's stem and compound parts, sorted.
    pub fn set_of(&self, forms: &[u32]) -> Vec<Term> {
        let mut out = Vec::with_capacity(forms.len() + forms.len() / 4);
        for &f in forms {
            if let Some(p) = self.packed.get(f as usize) {
                out.extend(p.iter().copied().filter(|&t| t != NO));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The stem of a form's (None for a stop word, a single letter or a number).
    pub fn term_of(&self, form: u32) -> Option<Term> {
        self.surfs.get(form as usize).and_then(|s| s.term)
    }

    /// A held form's compound parts.
    pub fn parts_of(&self, form: u32) -> Option<[Term; 2]> {
        self.surfs.get(form as usize).and_then(|s| s.parts)
    }

    /// The text of a folded form.
    pub fn form_text(&self, form: u32) -> &str {
        self.surfs.get(form as usize).map_or("", |s| &s.text)
    }

    pub fn stem_text(&self, t: Term) -> &str {
        self.stems.get(t as usize).map_or("", |s| &s.text)
    }

    /// The term of a stem, if interned.
    pub fn stem_id(&self, stem: &str) -> Option<Term> {
        self.stem_ids.get(stem).copied()
    }

    /// Is this stem in the vocabulary (held by a form the version holds, or built in)?
    pub fn stem_held(&self, t: Term) -> bool {
        self.stems
            .get(t as usize)
            .is_some_and(|s| s.perm || s.count > 0)
    }

    /// One more paragraph holds these forms.
    pub fn hold(&mut self, forms: &[u32]) {
        for &f in forms {
            let sf = &mut self.surfs[f as usize];
            sf.count += 1;
            if sf.count != 1 {
                continue;
            }
            if !sf.perm {
                self.flipped_surfs.push(f);
            }
            if sf.text.len() >= SPLIT_MIN && sf.text.is_ascii() {
                self.long_fwd.insert(sf.text.clone());
                self.long_rev
                    .insert(sf.text.chars().rev().collect::<String>().into());
                self.new_long.push(f);
            }
            if let Some(t) = sf.term {
                let st = &mut self.stems[t as usize];
                st.count += 1;
                if st.count == 1 && !st.perm {
                    self.flipped_stems.push(t);
                }
            }
        }
    }

    /// One paragraph fewer holds these forms.
    pub fn release(&mut self, forms: &[u32]) {
        for &f in forms {
            let sf = &mut self.surfs[f as usize];
            if sf.count == 0 {
                continue;
            }
            sf.count -= 1;
            if sf.count != 0 {
                continue;
            }
            if !sf.perm {
                self.flipped_surfs.push(f);
            }
            if sf.text.len() >= SPLIT_MIN && sf.text.is_ascii() {
                self.long_fwd.remove(&*sf.text);
                let rev: String = sf.text.chars().rev().collect();
                self.long_rev.remove(rev.as_str());
                sf.parts = None;
                self.packed[f as usize][1..].copy_from_slice(&[NO, NO]);
            }
            if let Some(t) = sf.term {
                let st = &mut self.stems[t as usize];
                st.count = st.count.saturating_sub(1);
                if st.count == 0 && !st.perm {
                    self.flipped_stems.push(t);
                }
            }
        }
    }

    /// After [`Vocab::hold`] and [`Vocab::release`]: splits the newly held long forms, and
    /// again every held long form that begins or ends with a form or stem that came or went
    /// (unless this is the `first` time anything is held).
    /// Returns the forms held before whose parts changed, with their parts before, and the
    /// texts that came or went (for queries made against the vocabulary before).
    #[allow(clippy::type_complexity)]
    pub fn resplit(&mut self, first: bool) -> (Vec<(u32, Option<[Term; 2]>)>, Vec<Box<str>>) {
        let mut flipped: Vec<Box<str>> = Vec::new();
        let (surfs, stems) = (
            std::mem::take(&mut self.flipped_surfs),
            std::mem::take(&mut self.flipped_stems),
        );
        // The first time every form is new: nothing was split before, nothing asked before.
        if !first {
            for f in surfs {
                let s = &self.surfs[f as usize].text;
                if s.len() >= 3 {
                    flipped.push(s.clone());
                }
            }
            for t in stems {
                let s = &self.stems[t as usize].text;
                if s.len() >= 3 {
                    flipped.push(s.clone());
                }
            }
            flipped.sort_unstable();
            flipped.dedup();
        }
        let new_long = std::mem::take(&mut self.new_long);
        // Mark the new ones (with the paragraph stamp: no paragraph is being listed now).
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.clock = 1;
        }
        for &f in &new_long {
            self.stamp[f as usize] = self.clock;
        }
        let mut cands: Vec<u32> = Vec::new();
        if !first {
            for k in &flipped {
                for w in self
                    .long_fwd
                    .range::<str, _>((Bound::Included(&**k), Bound::Unbounded))
                    .take_while(|w| w.starts_with(&**k))
                {
                    if let Some(id) = self.surf_id(w) {
                        cands.push(id);
                    }
                }
                if k.len() >= 4 {
                    let rk: String = k.chars().rev().collect();
                    for rw in self
                        .long_rev
                        .range::<str, _>((Bound::Included(rk.as_str()), Bound::Unbounded))
                        .take_while(|w| w.starts_with(rk.as_str()))
                    {
                        let w: String = rw.chars().rev().collect();
                        if let Some(id) = self.surf_id(&w) {
                            cands.push(id);
                        }
                    }
                }
            }
            cands.sort_unstable();
            cands.dedup();
        }
        let mut changed = Vec::new();
        for &f in &new_long {
            if self.surfs[f as usize].count > 0 {
                let p = self.split(&self.surfs[f as usize].text);
                self.set_parts(f, p);
            }
        }
        for f in cands {
            if self.surfs[f as usize].count == 0 || self.stamp[f as usize] == self.clock {
                continue;
            }
            let p = self.split(&self.surfs[f as usize].text);
            let old = self.surfs[f as usize].parts;
            if p != old {
                self.set_parts(f, p);
                changed.push((f, old));
            }
        }
        (changed, flipped)
    }

    /// The stem of a folded word that is not a stop word; None for a single letter or a
    /// number. A pure function of the word.
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

    /// The terms of a word for a query: its stem and, for a compound, its parts (split
    /// against the vocabulary; a query adds nothing to it). None for a stop word, a single
    /// letter or a number.
    pub fn query_terms(&mut self, word: &str) -> Option<(Term, Option<[Term; 2]>)> {
        let f = self.word(word);
        let t = self.surfs[f as usize].term?;
        Some((t, self.split(&self.surfs[f as usize].text)))
    }

    /// The term a known string stands for: a held form's stem, else a held stem.
    fn known(&self, s: &str) -> Option<Term> {
        if s.len() < 3 {
            return None;
        }
        if let Some(f) = self.surf_id(s) {
            let sf = &self.surfs[f as usize];
            if sf.stop {
                return None;
            }
            if sf.perm || sf.count > 0 {
                return sf.term;
            }
        }
        let &t = self.stem_ids.get(s)?;
        self.stem_held(t).then_some(t)
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

    /// Does a query word's split read `k` (as a right part, or as a left part with or without
    /// a linking `s`, `e`, `en`)?
    pub fn consults(word: &str, k: &str) -> bool {
        word.starts_with(k) || (k.len() >= 4 && word.ends_with(k))
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

    fn term(v: &mut Vocab, w: &str) -> Option<Term> {
        let f = v.word(w);
        v.term_of(f)
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let mut v = Vocab::new();
        let held = v.forms("ontwerp raad besluit mensen", &[]);
        v.hold(&held);
        v.resplit(true);
        let (t, parts) = v.query_terms("ontwerpbesluit").unwrap();
        let [a, b] = parts.unwrap();
        assert_eq!(Some(a), term(&mut v, "ontwerp"));
        assert_eq!(Some(b), term(&mut v, "besluit"));
        assert_ne!(t, b);
        let (_, parts) = v.query_terms("raadsbesluit").unwrap();
        assert_eq!(Some(parts.unwrap()[1]), term(&mut v, "besluit"));
        let (_, parts) = v.query_terms("mensenrechten").unwrap();
        assert!(parts.is_some());
    }

    #[test]
    fn held_compounds_split_again_when_a_part_comes_or_goes() {
        let mut v = Vocab::new();
        // `kwelders` is no built-in part: `kwelderbeheer` splits only while a paragraph
        // holds it.
        let a = v.forms("kwelderbeheer", &[]);
        v.hold(&a);
        v.resplit(true);
        let long = v.word("kwelderbeheer");
        assert_eq!(v.parts_of(long), None);
        let b = v.forms("kwelder", &[]);
        v.hold(&b);
        let (changed, _) = v.resplit(false);
        assert_eq!(changed, vec![(long, None)]);
        assert!(v.parts_of(long).is_some());
        v.release(&b);
        let was = v.parts_of(long);
        let (changed, _) = v.resplit(false);
        assert_eq!(changed, vec![(long, was)]);
        assert_eq!(v.parts_of(long), None);
    }

    #[test]
    fn folding_stemming_and_demonyms() {
        let mut v = Vocab::new();
        assert_eq!(term(&mut v, "België"), term(&mut v, "belgie"));
        assert_eq!(term(&mut v, "Deense"), term(&mut v, "Denemarken"));
        assert_eq!(term(&mut v, "besluiten"), term(&mut v, "besluit"));
        assert_eq!(term(&mut v, "de"), None);
        assert_eq!(term(&mut v, "12"), None);
        assert_eq!(
            fractie_key("GL-PvdA"),
            fractie_key("GroenLinks-PvdA-fractie")
        );
        assert_eq!(fractie_key("ChristenUnie"), fractie_key("CU"));
    }
}
