//! Generated reports for benchmarks and soak tests.
//!
//! [`vso`] writes a *Verslag van een schriftelijk overleg* and [`lva`] a numbered *Lijst van
//! vragen en antwoorden*, both in the plain-text form Tika exports (FORMAT.md §2–§4): tabs in the
//! header, `Antwoord ` with its trailing space, footnote markers with their bodies at the end of
//! the paragraph. The output is a well-formed draft, so analysis finds little to complain about;
//! benchmarks then measure the common case rather than the error paths.
//!
//! Deterministic for a seed and free of an RNG dependency: a splitmix64 is all a benchmark needs,
//! and it keeps the text identical across platforms and crate upgrades.

mod vocab;

use std::fmt::Write as _;
use std::ops::Range;

use vocab::{Domain, Topic, DOMAINS, FRACTIES};

/// What a generator wrote, for tests and for callers that want to check a parse against it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Question blocks, each followed by exactly one answer marker.
    pub questions: usize,
    /// Fractie sections (VSO only).
    pub sections: usize,
    /// Topic headings (VSO only).
    pub topics: usize,
    /// Footnote ids in order of reference.
    pub footnotes: Vec<u32>,
    /// Answers that are only (or end with) a cross-reference to another answer.
    pub cross_refs: usize,
}

/// A VSO of about `target_bytes` (within ±5% from roughly 8 KB up; the fixed header alone is
/// about 1.5 KB), the same text for the same seed.
pub fn vso(target_bytes: usize, seed: u64) -> String {
    vso_with_stats(target_bytes, seed).0
}

/// [`vso`] and what it holds.
pub fn vso_with_stats(target_bytes: usize, seed: u64) -> (String, Stats) {
    let mut g = Gen::new(target_bytes, seed);
    g.vso();
    (g.out, g.stats)
}

/// A numbered list of questions and answers (`Vraag 12` / `Antwoord op vraag 12:`) of about
/// `target_bytes`, the same text for the same seed.
pub fn lva(target_bytes: usize, seed: u64) -> String {
    lva_with_stats(target_bytes, seed).0
}

/// [`lva`] and what it holds.
pub fn lva_with_stats(target_bytes: usize, seed: u64) -> (String, Stats) {
    let mut g = Gen::new(target_bytes, seed);
    g.lva();
    (g.out, g.stats)
}

/// splitmix64 (Steele, Lea, Flood 2014): one add and three xor-shift-multiplies per draw.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the multiply-shift bias is far below what text cares about.
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    fn range(&mut self, lo: usize, hi_incl: usize) -> usize {
        lo + self.below(hi_incl - lo + 1)
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A topic is named by its place in [`DOMAINS`].
#[derive(Clone, Copy, PartialEq, Eq)]
struct TopicId {
    domain: u8,
    topic: u8,
}

impl TopicId {
    fn domain(self) -> &'static Domain {
        &DOMAINS[self.domain as usize]
    }
    fn get(self) -> &'static Topic {
        &self.domain().topics[self.topic as usize]
    }
}

/// A topic heading that has at least one question under it: a target for
/// `… de eerste vraag van de leden van de X-fractie over <subject>`.
#[derive(Clone, Copy)]
struct TopicInst {
    fractie: u8,
    topic: TopicId,
}

/// Everything a rejected block may have changed, so it can be undone (see [`Gen::vso`]).
#[derive(Clone, Copy)]
struct Mark {
    out: usize,
    next_note: u32,
    stats_questions: usize,
    stats_sections: usize,
    stats_topics: usize,
    stats_footnotes: usize,
    stats_cross_refs: usize,
    section: Section,
    insts: usize,
    qparas: usize,
}

/// Where the VSO generator stands.
#[derive(Clone, Copy)]
struct Section {
    /// Index into FRACTIES; `usize::MAX` before the first fractie section.
    fractie: usize,
    quota: usize,
    done: usize,
    /// Whether this section uses topic headings (the sample has sections without).
    headings: bool,
    topic: TopicId,
    topic_quota: usize,
    topic_done: usize,
    /// Index into `insts` where this section's topic instances start.
    first_inst: usize,
    /// Index into `insts` of the current topic's instance, once it has a question.
    cur_inst: Option<usize>,
}

struct Gen {
    rng: Rng,
    target: usize,
    out: String,
    stats: Stats,
    /// Next footnote id; Word's first real note is 2 (0 and 1 are the separators).
    next_note: u32,
    sec: Section,
    insts: Vec<TopicInst>,
    /// Question paragraphs by fractie, as byte ranges into `out`, for copied near-duplicates.
    qparas: Vec<(u8, Range<usize>)>,
    /// Footnote bodies waiting for the end of the current paragraph.
    notes: Vec<(u32, String)>,
}

/// Per-question slot values: the fractie speaking and the topic talked about.
#[derive(Clone, Copy)]
struct Ctx {
    fractie: &'static str,
    topic: TopicId,
}

/// A paper in one of the dossiers the generator cites.
#[derive(Clone, Copy)]
enum Sub {
    None,
    /// Sub-dossier (`21501-02`).
    Part(&'static str),
    /// Budget chapter (`36740 VI`).
    Chapter(&'static str),
}

const PAPERS: &[(u32, Sub)] = &[
    (32317, Sub::None),
    (22112, Sub::None),
    (21501, Sub::Part("02")),
    (21501, Sub::Part("20")),
    (21501, Sub::Part("28")),
    (36740, Sub::Chapter("VI")),
    (32500, Sub::Chapter("XII")),
    (29344, Sub::None),
    (29435, Sub::None),
    (32847, Sub::None),
    (29023, Sub::None),
    (19637, Sub::None),
];

/// Average size of a VSO question block with its answer, measured on generated text.
const BYTES_PER_QUESTION: usize = 1000;

fn push_dossier_spaced(s: &mut String, d: u32) {
    let _ = write!(s, "{} {:03}", d / 1000, d % 1000);
}

impl Gen {
    fn new(target: usize, seed: u64) -> Gen {
        Gen {
            rng: Rng(seed ^ 0x6772_6966_6665_6C00),
            target,
            out: String::with_capacity(target + target / 16 + 4096),
            stats: Stats::default(),
            next_note: 2,
            sec: Section {
                fractie: usize::MAX,
                quota: 0,
                done: 0,
                headings: false,
                topic: TopicId {
                    domain: 0,
                    topic: 0,
                },
                topic_quota: 0,
                topic_done: 0,
                first_inst: 0,
                cur_inst: None,
            },
            insts: Vec::new(),
            qparas: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn hi(&self) -> usize {
        self.target + self.target / 25 // 4%: leaves room under the promised 5%
    }

    fn mark(&self) -> Mark {
        Mark {
            out: self.out.len(),
            next_note: self.next_note,
            stats_questions: self.stats.questions,
            stats_sections: self.stats.sections,
            stats_topics: self.stats.topics,
            stats_footnotes: self.stats.footnotes.len(),
            stats_cross_refs: self.stats.cross_refs,
            section: self.sec,
            insts: self.insts.len(),
            qparas: self.qparas.len(),
        }
    }

    fn reset(&mut self, m: Mark) {
        self.out.truncate(m.out);
        self.next_note = m.next_note;
        self.stats.questions = m.stats_questions;
        self.stats.sections = m.stats_sections;
        self.stats.topics = m.stats_topics;
        self.stats.footnotes.truncate(m.stats_footnotes);
        self.stats.cross_refs = m.stats_cross_refs;
        self.sec = m.section;
        self.insts.truncate(m.insts);
        self.qparas.truncate(m.qparas);
        self.notes.clear();
    }

    fn random_topic(&mut self) -> TopicId {
        let domain = self.rng.below(DOMAINS.len());
        let topic = self.rng.below(DOMAINS[domain].topics.len());
        TopicId {
            domain: domain as u8,
            topic: topic as u8,
        }
    }

    // ---- text -------------------------------------------------------------------------------

    /// Writes `tpl` with its `{slot}`s filled in.
    fn expand(&mut self, tpl: &str, ctx: Ctx) {
        let mut rest = tpl;
        let mut np_used = usize::MAX;
        while let Some(open) = rest.find('{') {
            self.out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed slot in template");
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let topic = ctx.topic.get();
            match slot {
                "F" => self.out.push_str(ctx.fractie),
                "np" => {
                    np_used = self.rng.below(topic.nps.len());
                    self.out.push_str(topic.nps[np_used]);
                }
                "np2" => {
                    // Another phrase of the same topic when there is one, so the pair is related.
                    let mut i = self.rng.below(topic.nps.len());
                    if i == np_used {
                        i = (i + 1) % topic.nps.len();
                    }
                    self.out.push_str(topic.nps[i]);
                }
                "org" => {
                    let o = *self.rng.pick(ctx.topic.domain().orgs);
                    self.out.push_str(o);
                }
                "Org" => {
                    let o = *self.rng.pick(ctx.topic.domain().orgs);
                    push_capitalised(&mut self.out, o);
                }
                "vp" => {
                    let vp = *self.rng.pick(vocab::VPS);
                    self.expand(vp, ctx);
                }
                "council" => {
                    let c = *self.rng.pick(vocab::COUNCILS);
                    self.out.push_str(c);
                }
                "country" => {
                    let c = *self.rng.pick(vocab::COUNTRIES);
                    self.out.push_str(c);
                }
                "month" => {
                    let m = *self.rng.pick(vocab::MONTHS);
                    self.out.push_str(m);
                }
                "year" => {
                    let y = self.rng.range(2024, 2028);
                    let _ = write!(self.out, "{y}");
                }
                "date" => {
                    let d = self.rng.range(1, 28);
                    let m = *self.rng.pick(vocab::MONTHS);
                    let y = self.rng.range(2024, 2025);
                    let _ = write!(self.out, "{d} {m} {y}");
                }
                "num" => {
                    let n = self.rng.range(5, 950);
                    let _ = write!(self.out, "{n}");
                }
                "count" | "count2" => {
                    let n = self.rng.range(40, 48_000);
                    push_dutch_number(&mut self.out, n);
                }
                "ref" => self.push_ref(),
                "aanhangsel" => self.push_aanhangsel(),
                _ => unreachable!("unknown slot {slot}"),
            }
        }
        self.out.push_str(rest);
    }

    /// A reference to a paper in one of the forms of FORMAT.md §5, house style most often.
    fn push_ref(&mut self) {
        let (d, sub) = *self.rng.pick(PAPERS);
        let nr = self.rng.range(1, 4200);
        let form = self.rng.below(100);
        let o = &mut self.out;
        match form {
            0..=34 => {
                o.push_str("Kamerstuk ");
                push_dossier_spaced(o, d);
                match sub {
                    Sub::None => {}
                    Sub::Part(p) => {
                        let _ = write!(o, "-{p}");
                    }
                    Sub::Chapter(c) => {
                        let _ = write!(o, " {c}");
                    }
                }
                let _ = write!(o, ", nr. {nr}");
            }
            35..=59 => {
                let _ = write!(o, "Kamerstuk {d}");
                match sub {
                    Sub::None => {}
                    Sub::Part(p) | Sub::Chapter(p) => {
                        let _ = write!(o, "-{p}");
                    }
                }
                let _ = write!(o, ", nr. {nr}");
            }
            60..=74 => {
                let _ = write!(o, "Kamerstuk {d}");
                match sub {
                    Sub::None => {}
                    Sub::Part(p) | Sub::Chapter(p) => {
                        let _ = write!(o, "-{p}");
                    }
                }
                let _ = write!(o, "-{nr}");
            }
            75..=84 => {
                let _ = write!(o, "Kamerstukken II 2024/25, {d}");
                match sub {
                    Sub::None => {}
                    Sub::Part(p) => {
                        let _ = write!(o, "-{p}");
                    }
                    Sub::Chapter(c) => {
                        let _ = write!(o, " {c}");
                    }
                }
                let p = nr % 40 + 1;
                let _ = write!(o, ", nr. {nr}, p. {p}");
            }
            85..=89 => {
                // Bare: the surrounding parentheses are the template's.
                push_dossier_spaced(o, d);
                let _ = write!(o, ", nr. {nr}");
            }
            90..=94 => {
                o.push_str("Kamerstuk ");
                push_dossier_spaced(o, d);
            }
            _ => {
                let item = nr % 30 + 1;
                let _ = write!(
                    o,
                    "Handelingen II 2024/25, nr. {}, item {item}",
                    nr % 110 + 1
                );
            }
        }
    }

    fn push_aanhangsel(&mut self) {
        let nr = self.rng.range(100, 3200);
        if self.rng.percent(50) {
            let _ = write!(
                self.out,
                "Aanhangsel Handelingen, vergaderjaar 2024\u{2013}2025, nr. {nr}"
            );
        } else {
            let _ = write!(self.out, "Aanhangsel Handelingen II 2024/25, nr. {nr}");
        }
    }

    /// A footnote body in one of the footnote styles of FORMAT.md §5.
    fn note_body(&mut self) -> String {
        let (d, sub) = *self.rng.pick(PAPERS);
        let nr = self.rng.range(1, 4200);
        let dossier = match sub {
            Sub::None => format!("{d}"),
            Sub::Part(p) => format!("{d}-{p}"),
            Sub::Chapter(c) => format!("{d} {c}"),
        };
        let spaced = {
            let mut s = String::new();
            push_dossier_spaced(&mut s, d);
            match sub {
                Sub::None => {}
                Sub::Part(p) => s.push_str(&format!("-{p}")),
                Sub::Chapter(c) => s.push_str(&format!(" {c}")),
            }
            s
        };
        match self.rng.below(10) {
            0..=4 => format!("Tweede Kamer, vergaderjaar 2024-2025, kst. {dossier}, nr. {nr}"),
            5 | 6 => format!("Tweede Kamer, vergaderjaar 2024-2025, {spaced}, nr. {nr}."),
            7 => format!("Tweede Kamer, vergaderjaar 2023-2024, kst {spaced}, nr {nr}"),
            8 => format!(
                "Kamerstukken II 2024/25, {dossier}, nr. {nr}, p. {}",
                nr % 30 + 1
            ),
            _ => format!("Aanhangsel Handelingen II 2024/25, nr. {}", nr % 3000 + 100),
        }
    }

    /// Ends the current paragraph: the bodies of its notes, then the newline.
    fn end_paragraph(&mut self) {
        if !self.notes.is_empty() {
            if self.rng.percent(50) {
                self.out.push('\u{a0}');
            }
            for (id, body) in self.notes.drain(..) {
                let _ = write!(self.out, " [{id}:  {body}]");
            }
            self.out.push(' ');
        } else if self.rng.percent(30) {
            // Word leaves trailing spaces; the sample is full of them.
            self.out.push(' ');
        }
        self.out.push('\n');
    }

    fn maybe_blank(&mut self, p: usize) {
        if self.rng.percent(p) {
            self.out.push('\n');
        }
    }

    /// One answer paragraph of `n` sentences, some with a footnote.
    fn answer_paragraph(&mut self, ctx: Ctx, sentences: usize) {
        let start = self.out.len();
        let mut last = usize::MAX;
        for i in 0..sentences {
            if i > 0 {
                self.out.push(' ');
            }
            // Not the same sentence frame twice in a row: real answers do not stutter.
            let mut t = self.rng.below(vocab::ANSWERS.len());
            if t == last {
                t = (t + 1) % vocab::ANSWERS.len();
            }
            last = t;
            self.expand(vocab::ANSWERS[t], ctx);
            if self.rng.percent(6) {
                let id = self.next_note;
                self.next_note += 1;
                self.stats.footnotes.push(id);
                // Word puts the marker before or after the full stop; both occur.
                if self.rng.percent(60) {
                    self.out.pop();
                    let _ = write!(self.out, "[footnoteRef:{id}].");
                } else {
                    let _ = write!(self.out, "[footnoteRef:{id}]");
                }
                let body = self.note_body();
                self.notes.push((id, body));
            }
            if self.out.len() - start > 1100 {
                break; // keep paragraphs within the sample's 1 300 characters
            }
        }
        self.end_paragraph();
    }

    /// A question paragraph of 1–3 questions (plus a follow-up now and then).
    fn question_sentences(&mut self, ctx: Ctx) {
        let n = self.rng.range(1, 3);
        let mut last = "";
        for i in 0..n {
            if i > 0 {
                self.out.push(' ');
            }
            last = *self.rng.pick(vocab::QUESTIONS);
            self.expand(last, ctx);
        }
        // `Zo nee, waarom niet?` only makes sense after a yes/no question.
        let yes_no = ["Is ", "Kan ", "Deelt "]
            .iter()
            .any(|p| last.starts_with(p));
        if yes_no && self.rng.percent(50) {
            let f = *self.rng.pick(vocab::FOLLOW_UPS);
            self.out.push(' ');
            self.out.push_str(f);
        }
    }

    // ---- VSO --------------------------------------------------------------------------------

    fn vso(&mut self) {
        self.vso_header();
        let mut blk = 0usize;
        while self.out.len() < self.target {
            let m = self.mark();
            self.vso_block(false);
            if self.out.len() > self.hi() {
                // Too big for what is left: a short block instead, or stop.
                self.reset(m);
                self.vso_block(true);
                if self.out.len() > self.hi() {
                    self.reset(m);
                    break;
                }
            }
            blk += 1;
        }
        debug_assert!(blk > 0 || self.target < 4096);
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn vso_header(&mut self) {
        let (dossier, committee, minister) = *self.rng.pick(vocab::DOSSIERS);
        let dnum: u32 = dossier
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(32317);
        let _ = write!(
            self.out,
            "{dossier}\n\nVerslag van een schriftelijk overleg \n\t\t\t\n\
             De vaste commissie voor {committee} heeft een aantal vragen en opmerkingen voorgelegd \
             over de volgende brieven:\n"
        );
        let letters = self.rng.range(3, 6);
        let mut nr = self.rng.range(900, 1000) as u32;
        for _ in 0..letters {
            self.out.push_str("\u{b7} ");
            let tpl = *self.rng.pick(vocab::LETTER_TITLES);
            let ctx = Ctx {
                fractie: "",
                topic: self.random_topic(),
            };
            self.expand(tpl, ctx);
            let _ = writeln!(self.out, " (Kamerstuk {dnum}, nr. {nr})");
            nr += self.rng.range(1, 4) as u32;
        }
        let chair = *self.rng.pick(vocab::CHAIRS);
        let griffier = *self.rng.pick(vocab::GRIFFIERS);
        let _ = write!(
            self.out,
            "\nBij brief van 14 oktober 2025 heeft {minister} de vragen en gemaakte opmerkingen \
             beantwoord. Vragen en antwoorden zijn hierna afgedrukt.\n\n\
             \t\tDe voorzitter van de commissie,\n\t\t{chair}\n\n\
             \t\tGriffier van de commissie,\n\t\t{griffier}\n \
             I\tVragen en opmerkingen vanuit de fracties\n\n"
        );
    }

    /// Questions per fractie section: the report spread over the fracties, the last one open.
    fn section_quota(&mut self) -> usize {
        if self.sec.fractie + 1 >= FRACTIES.len() {
            return usize::MAX;
        }
        // About 1 000 bytes a question. Sizing each section at 2/31 of the expected total leaves
        // the open last section one and a half shares, so all fracties get their turn.
        let total = self.target / BYTES_PER_QUESTION;
        let per = (total * 2 / (2 * FRACTIES.len() + 1)).max(3);
        self.rng.range(per * 4 / 5, per * 6 / 5).max(2)
    }

    fn start_section(&mut self) {
        self.sec.fractie = self.sec.fractie.wrapping_add(1);
        self.sec.quota = self.section_quota();
        self.sec.done = 0;
        self.sec.headings = self.rng.percent(80);
        self.sec.topic_quota = 0;
        self.sec.topic_done = 0;
        self.sec.first_inst = self.insts.len();
        self.sec.cur_inst = None;
        self.stats.sections += 1;
        let f = FRACTIES[self.sec.fractie];
        if self.stats.sections > 1 {
            self.maybe_blank(70);
        }
        if self.rng.percent(90) {
            let _ = writeln!(
                self.out,
                "Vragen en opmerkingen van de leden van de {f}-fractie"
            );
        } else {
            let _ = writeln!(self.out, "Inbreng van de leden van de {f}-fractie");
        }
        let council = *self.rng.pick(vocab::COUNCILS);
        let _ = match self.rng.below(3) {
            0 => write!(
                self.out,
                "De leden van de {f}-fractie hebben met belangstelling kennisgenomen van de stukken \
                 voor {council}. Zij hebben hierover nog enkele vragen."
            ),
            1 => write!(
                self.out,
                "De leden van de {f}-fractie hebben kennisgenomen van de geannoteerde agenda van \
                 {council}. Deze leden hebben hier enkele vragen over."
            ),
            _ => write!(
                self.out,
                "De leden van de {f}-fractie danken de minister voor de toegezonden brieven en \
                 hebben nog enkele vragen en opmerkingen."
            ),
        };
        self.end_paragraph();
        self.maybe_blank(60);
    }

    fn start_topic(&mut self) {
        self.sec.topic = self.random_topic();
        self.sec.topic_quota = self.rng.range(2, 7);
        self.sec.topic_done = 0;
        self.sec.cur_inst = None;
        if self.sec.headings {
            self.maybe_blank(50);
            let _ = writeln!(self.out, "{}", self.sec.topic.get().heading);
            self.stats.topics += 1;
        }
    }

    /// One question with its answer, opening a fractie section or topic first when due. A short
    /// block is a single question with a one-sentence answer, to fill the last bytes.
    fn vso_block(&mut self, short: bool) {
        if self.sec.fractie == usize::MAX || self.sec.done >= self.sec.quota {
            self.start_section();
        }
        if self.sec.topic_done >= self.sec.topic_quota {
            self.start_topic();
        } else if !self.sec.headings && self.rng.percent(40) {
            // Without headings the subject still drifts from question to question.
            self.sec.topic = self.random_topic();
        }
        let ctx = Ctx {
            fractie: FRACTIES[self.sec.fractie],
            topic: self.sec.topic,
        };
        let xref = if short || !self.rng.percent(10) {
            None
        } else {
            self.choose_xref()
        };

        // The question.
        let qstart;
        if let Some(XRef::Similar(_, src)) = &xref {
            qstart = self.out.len();
            let copy = self.out[src.clone()].to_owned();
            self.out.push_str(&copy);
        } else if short {
            qstart = self.out.len();
            let tpl = *self.rng.pick(vocab::QUESTIONS);
            self.expand(tpl, ctx);
        } else {
            let context = self.rng.percent(55);
            if context {
                let tpl = *self.rng.pick(vocab::OPENINGS);
                self.expand(tpl, ctx);
                for _ in 0..self.rng.range(0, 3) {
                    self.out.push(' ');
                    let tpl = *self.rng.pick(vocab::CONTEXT);
                    self.expand(tpl, ctx);
                }
                if self.rng.percent(50) {
                    self.out.push(' ');
                } else {
                    self.end_paragraph();
                    self.maybe_blank(40);
                }
            }
            qstart = self.out.len();
            self.question_sentences(ctx);
        }
        let qend = self.out.len();
        self.qparas.push((self.sec.fractie as u8, qstart..qend));
        self.end_paragraph();
        self.maybe_blank(50);

        // The answer.
        self.out.push_str("Antwoord \n");
        self.maybe_blank(8);
        match xref {
            Some(x) => {
                self.stats.cross_refs += 1;
                if self.rng.percent(25) {
                    let n = self.rng.range(1, 3);
                    for i in 0..n {
                        if i > 0 {
                            self.out.push(' ');
                        }
                        let tpl = *self.rng.pick(vocab::ANSWERS);
                        self.expand(tpl, ctx);
                    }
                    self.out.push_str(" Zie verder ");
                    self.push_xref(x, false);
                } else {
                    self.push_xref(x, true);
                }
                self.end_paragraph();
            }
            None if short => {
                let tpl = *self.rng.pick(vocab::ANSWERS);
                self.expand(tpl, ctx);
                self.end_paragraph();
            }
            None => {
                let paras = match self.rng.below(10) {
                    0..=5 => 1,
                    6..=8 => 2,
                    _ => 3,
                };
                for i in 0..paras {
                    if i > 0 {
                        self.maybe_blank(40);
                    }
                    let n = self.rng.range(2, 5);
                    self.answer_paragraph(ctx, n);
                }
            }
        }
        self.maybe_blank(45);

        self.stats.questions += 1;
        self.sec.done += 1;
        self.sec.topic_done += 1;
        if self.sec.headings && self.sec.cur_inst.is_none() {
            self.sec.cur_inst = Some(self.insts.len());
            self.insts.push(TopicInst {
                fractie: self.sec.fractie as u8,
                topic: self.sec.topic,
            });
        }
    }

    /// A cross-reference this question's answer can make and keep true, if any.
    fn choose_xref(&mut self) -> Option<XRef> {
        match self.rng.below(10) {
            0..=2 => {
                // "vorige": the question just before, in the same topic.
                (self.sec.topic_done > 0).then_some(XRef::Previous)
            }
            3..=5 => {
                // The first question under an earlier topic heading (any fractie).
                let cur = self.sec.cur_inst;
                let n = self.insts.len() - usize::from(cur.is_some());
                if n == 0 {
                    return None;
                }
                let i = self.rng.below(n);
                let inst = self.insts[i];
                Some(XRef::First(inst))
            }
            6..=7 => {
                // A copied question of another fractie, answered by pointing at the original.
                for _ in 0..8 {
                    if self.qparas.is_empty() {
                        return None;
                    }
                    let (f, r) = self.qparas[self.rng.below(self.qparas.len())].clone();
                    if f as usize != self.sec.fractie {
                        return Some(XRef::Similar(f, r));
                    }
                }
                None
            }
            _ => {
                // An earlier topic of this fractie's section: "uw fractie".
                let from = self.sec.first_inst;
                let to = self.sec.cur_inst.unwrap_or(self.insts.len());
                if to <= from {
                    return None;
                }
                let i = from + self.rng.below(to - from);
                Some(XRef::OwnEarlier(self.insts[i].topic))
            }
        }
    }

    fn push_xref(&mut self, x: XRef, sentence_start: bool) {
        let zie = if sentence_start { "Zie" } else { "" };
        let _ = match x {
            XRef::Previous => {
                if sentence_start {
                    write!(self.out, "Zie antwoord op de vorige vraag.")
                } else {
                    write!(self.out, "antwoord op de vorige vraag.")
                }
            }
            XRef::First(inst) => {
                let f = FRACTIES[inst.fractie as usize];
                let subject = inst.topic.get().subject;
                let het = if self.rng.percent(50) { "het " } else { "" };
                let sep = if sentence_start { " " } else { "" };
                write!(
                    self.out,
                    "{zie}{sep}{het}antwoord op de eerste vraag van de leden van de {f}-fractie over \
                     {subject}."
                )
            }
            XRef::Similar(f, _) => {
                let f = FRACTIES[f as usize];
                if sentence_start {
                    write!(
                        self.out,
                        "Zie het antwoord op een vergelijkbare vraag van de leden van de {f}-fractie."
                    )
                } else {
                    write!(
                        self.out,
                        "het antwoord op een vergelijkbare vraag van de leden van de {f}-fractie."
                    )
                }
            }
            XRef::OwnEarlier(t) => {
                let subject = t.get().subject;
                if sentence_start {
                    write!(
                        self.out,
                        "Het kabinet verwijst naar het antwoord op de eerdere vraag van uw fractie \
                         over {subject}."
                    )
                } else {
                    write!(
                        self.out,
                        "het antwoord op de eerdere vraag van uw fractie over {subject}."
                    )
                }
            }
        };
    }

    // ---- LVA --------------------------------------------------------------------------------

    fn lva(&mut self) {
        let chair = *self.rng.pick(vocab::CHAIRS);
        let griffier = *self.rng.pick(vocab::GRIFFIERS);
        let title =
            "Vaststelling van de begrotingsstaten van het Ministerie van Binnenlandse Zaken \
                     en Koninkrijksrelaties (VII) voor het jaar 2026";
        let _ = write!(
            self.out,
            "36800 VII\t\t{title}\n\nLijst van vragen en antwoorden\n\t\t\tVastgesteld 28 oktober 2025\n\
             De vaste commissie voor Binnenlandse Zaken heeft een aantal vragen voorgelegd aan de \
             minister van Binnenlandse Zaken en Koninkrijksrelaties over de {title} (Kamerstuk \
             36800 VII, nr. 2).\n\
             De minister heeft deze vragen beantwoord bij brief van 14 oktober 2025. Vragen en \
             antwoorden zijn hierna afgedrukt.\n\n\
             \t\tDe voorzitter van de commissie,\n\t\t{chair}\n\n\
             \t\tGriffier van de commissie,\n\t\t{griffier}\n\n"
        );
        let mut topic = self.random_topic();
        while self.out.len() < self.target {
            let m = self.mark();
            if self.rng.percent(30) {
                topic = self.random_topic();
            }
            self.lva_block(topic, false);
            if self.out.len() > self.hi() {
                self.reset(m);
                self.lva_block(topic, true);
                if self.out.len() > self.hi() {
                    self.reset(m);
                    break;
                }
            }
        }
    }

    fn lva_block(&mut self, topic: TopicId, short: bool) {
        let n = self.stats.questions + 1;
        let ctx = Ctx { fractie: "", topic };
        let _ = writeln!(self.out, "Vraag {n}");
        if !short && self.rng.percent(30) {
            let page = self.rng.range(3, 180);
            let _ = write!(self.out, "Op pagina {page} van de begroting staat dat ");
            let tpl = *self.rng.pick(vocab::VPS);
            let np = *self.rng.pick(topic.get().nps);
            self.out.push_str(np);
            self.out.push(' ');
            self.expand(tpl, ctx);
            self.out.push_str(". ");
        }
        if short {
            let tpl = *self.rng.pick(vocab::QUESTIONS);
            self.expand(tpl, ctx);
        } else {
            self.question_sentences(ctx);
        }
        self.end_paragraph();
        let _ = writeln!(self.out, "Antwoord op vraag {n}:");
        if n > 1 && !short && self.rng.percent(10) {
            // Point back at a recent question, as budget lists do for repeated questions.
            let k = n - self.rng.range(1, (n - 1).min(40));
            self.stats.cross_refs += 1;
            if self.rng.percent(60) {
                let _ = write!(self.out, "Zie het antwoord op vraag {k}.");
            } else {
                let _ = write!(
                    self.out,
                    "Voor het antwoord op deze vraag verwijs ik naar het antwoord op vraag {k}."
                );
            }
            self.end_paragraph();
        } else if short {
            let tpl = *self.rng.pick(vocab::ANSWERS);
            self.expand(tpl, ctx);
            self.end_paragraph();
        } else {
            let paras = if self.rng.percent(70) { 1 } else { 2 };
            for _ in 0..paras {
                let s = self.rng.range(2, 6);
                self.answer_paragraph(ctx, s);
            }
        }
        self.maybe_blank(50);
        self.stats.questions += 1;
    }
}

enum XRef {
    Previous,
    First(TopicInst),
    /// The fractie asked the original; the range is its question paragraph in the output.
    Similar(u8, Range<usize>),
    OwnEarlier(TopicId),
}

fn push_capitalised(out: &mut String, s: &str) {
    let mut cs = s.chars();
    if let Some(c) = cs.next() {
        out.extend(c.to_uppercase());
        out.push_str(cs.as_str());
    }
}

/// `48000` as `48.000`.
fn push_dutch_number(out: &mut String, n: usize) {
    if n >= 1000 {
        let _ = write!(out, "{}.{:03}", n / 1000, n % 1000);
    } else {
        let _ = write!(out, "{n}");
    }
}

#[cfg(test)]
mod tests;
