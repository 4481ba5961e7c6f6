//! The parsed report: plain data with absolute byte ranges into the text it was parsed from.
//!
//! Everything is held in flat vectors; parents are indices (`fractie: Option<usize>` indexes
//! `Report::fracties`). That keeps a rebuild after an edit to a few allocations and lets features
//! walk "all questions" without recursion.

use std::ops::Range;

use compact_str::CompactString;
pub use thin_vec::ThinVec;

pub type ByteRange = Range<usize>;

/// Which kind of report this is (FORMAT.md §1), read from its kind line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Verslag van een schriftelijk overleg.
    Vso,
    /// (Verslag houdende een) lijst van vragen en antwoorden.
    Lva,
    /// Inbreng verslag schriftelijk overleg: questions only, answers are not expected.
    Inbreng,
    /// Verslag (on a bill).
    Verslag,
    /// Nota naar aanleiding van het verslag.
    Nota,
}

/// How questions are marked: by the order of paragraphs (interleaved `Antwoord`) or by numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuestionStyle {
    /// No marker: a paragraph after an answer that asks something or speaks for the members.
    Paragraph,
    /// `Vraag 12`, `Vraag 12:` or `Vraag (12):` on a line of its own (text may follow the colon).
    Vraag,
    /// `12. ` in front of the question text.
    NumberDot,
    /// A line holding only `12`.
    BareNumber,
}

/// How an answer is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnswerStyle {
    /// `Antwoord` (with or without trailing space) on a line of its own.
    Plain,
    /// `Antwoord:` (text may follow on the same line).
    Colon,
    /// `Antwoord 12` / `Antwoord 12:`.
    Numbered,
    /// `Antwoord op vraag 12:`.
    OpVraag,
    /// No marker: the paragraphs after the question up to the next one.
    Unmarked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DossierLine {
    pub range: ByteRange,
    /// The dossier number as written (`32317`, `21 501-02`).
    pub number: ByteRange,
    pub title: ByteRange,
}

/// One bullet of the intro's list of letters: `· title (Kamerstuk 32317, nr. 970)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub range: ByteRange,
    /// The title without the bullet and the trailing reference in brackets.
    pub title: ByteRange,
    /// Indices into `Report::papers` of the references on this bullet line.
    pub papers: Vec<usize>,
}

/// A person in the signature block: the role line and the surname line under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signatory {
    pub role: ByteRange,
    pub name: Option<ByteRange>,
}

/// ` I\tVragen en opmerkingen vanuit de fracties`, `II Reactie van de bewindspersoon`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The whole section: heading line to the line before the next section (or the end).
    pub range: ByteRange,
    pub heading: ByteRange,
    /// 1 for `I`, 2 for `II` …
    pub numeral: u32,
    pub title: ByteRange,
    /// True for a section that holds the government's answers (`Reactie van de bewindspersoon`,
    /// `Antwoorden`): its answers are paired with the questions of the earlier sections.
    pub is_response: bool,
}

/// `Vragen en opmerkingen van de leden van de NSC-fractie` and everything under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FractieSection {
    pub range: ByteRange,
    pub heading: ByteRange,
    /// The fractie name as written in the heading (`NSC`, `GroenLinks-PvdA`, `VVD- en de CDA`).
    pub name: ByteRange,
    /// The names, normalised (`GroenLinks-PvdA`); two for `de leden van de VVD- en de CDA-fractie`.
    pub names: Vec<String>,
    pub section: Option<usize>,
}

/// A topic heading inside a fractie section (`Europese terugkeerwetgeving`) and what follows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topic {
    pub range: ByteRange,
    pub heading: ByteRange,
    pub fractie: Option<usize>,
    pub section: Option<usize>,
}

/// A byte range held in two `u32`s: a report's questions are most of its size and each holds
/// seven ranges. Offsets past 4 GB (a text no editor holds as one document) saturate.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Extent {
    start: u32,
    end: u32,
}

impl Extent {
    pub fn new(r: ByteRange) -> Extent {
        let at = |p: usize| u32::try_from(p).unwrap_or(u32::MAX);
        Extent {
            start: at(r.start),
            end: at(r.end),
        }
    }

    #[inline]
    pub fn get(self) -> ByteRange {
        self.start as usize..self.end as usize
    }
}

impl std::fmt::Debug for Extent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// An index into one of the report's lists, or none, in 32 bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Parent(u32);

impl Parent {
    const NONE: Parent = Parent(u32::MAX);

    fn new(k: Option<usize>) -> Parent {
        k.and_then(|k| u32::try_from(k).ok())
            .filter(|&k| k != u32::MAX)
            .map_or(Parent::NONE, Parent)
    }

    fn get(self) -> Option<usize> {
        (self != Parent::NONE).then_some(self.0 as usize)
    }
}

impl std::fmt::Debug for Parent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

/// A question and its answer. Its ranges and parents are read through methods: they are held in
/// 32 bits (96 bytes a question instead of 192; a 10 MB report has 10 000 questions, and the
/// report is held twice while typing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    range: Extent,
    block: Extent,
    text: Extent,
    marker: Option<Extent>,
    pub style: QuestionStyle,
    /// The number(s) it carries: one, or several for `Vraag 2 en 3`. Empty when unnumbered.
    pub numbers: ThinVec<u32>,
    /// 1-based position among all questions of the report (what an unnumbered question is called).
    pub ordinal: u32,
    pub answer: Option<Answer>,
    section: Parent,
    fractie: Parent,
    topic: Parent,
}

/// The parts of a [`Question`] as plain ranges and indices, to build one.
pub struct QuestionParts {
    pub range: ByteRange,
    pub block: ByteRange,
    pub text: ByteRange,
    pub marker: Option<ByteRange>,
    pub style: QuestionStyle,
    pub numbers: ThinVec<u32>,
    pub ordinal: u32,
    pub answer: Option<Answer>,
    pub section: Option<usize>,
    pub fractie: Option<usize>,
    pub topic: Option<usize>,
}

impl Question {
    /// Inlined so that the builder writes the parts straight into the question it pushes.
    #[inline]
    pub fn new(p: QuestionParts) -> Question {
        Question {
            range: Extent::new(p.range),
            block: Extent::new(p.block),
            text: Extent::new(p.text),
            marker: p.marker.map(Extent::new),
            style: p.style,
            numbers: p.numbers,
            ordinal: p.ordinal,
            answer: p.answer,
            section: Parent::new(p.section),
            fractie: Parent::new(p.fractie),
            topic: Parent::new(p.topic),
        }
    }

    /// From the first line of the question block to the end of its answer (or of the block).
    #[inline]
    pub fn range(&self) -> ByteRange {
        self.range.get()
    }

    /// The question block itself: its marker (if any) and its paragraphs, up to the answer marker.
    #[inline]
    pub fn block(&self) -> ByteRange {
        self.block.get()
    }

    /// The question text: the block without its marker; paragraphs joined by the original newlines.
    #[inline]
    pub fn text(&self) -> ByteRange {
        self.text.get()
    }

    /// The numbering marker (`Vraag 12`, `12.`, `12`), if the document numbers its questions.
    #[inline]
    pub fn marker(&self) -> Option<ByteRange> {
        self.marker.map(Extent::get)
    }

    /// Index into `Report::sections`.
    #[inline]
    pub fn section(&self) -> Option<usize> {
        self.section.get()
    }

    /// Index into `Report::fracties`.
    #[inline]
    pub fn fractie(&self) -> Option<usize> {
        self.fractie.get()
    }

    /// Index into `Report::topics`.
    #[inline]
    pub fn topic(&self) -> Option<usize> {
        self.topic.get()
    }

    /// Moves every range by `f` and renames the parents by `parents` (for the incremental
    /// rebuild).
    pub(crate) fn remap(
        &mut self,
        mut f: impl FnMut(&mut ByteRange),
        parents: impl FnOnce(&mut Option<usize>, &mut Option<usize>, &mut Option<usize>),
    ) {
        let mut at = |e: &mut Extent| {
            let mut r = e.get();
            f(&mut r);
            *e = Extent::new(r);
        };
        at(&mut self.range);
        at(&mut self.block);
        at(&mut self.text);
        if let Some(m) = &mut self.marker {
            at(m);
        }
        if let Some(a) = &mut self.answer {
            if let Some(m) = &mut a.marker {
                at(m);
            }
            at(&mut a.body);
        }
        let (mut s, mut fr, mut t) = (self.section(), self.fractie(), self.topic());
        parents(&mut s, &mut fr, &mut t);
        self.section = Parent::new(s);
        self.fractie = Parent::new(fr);
        self.topic = Parent::new(t);
    }
}

// Held twice while typing (see above).
#[cfg(target_pointer_width = "64")]
const _: () = assert!(std::mem::size_of::<Question>() == 96);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    marker: Option<Extent>,
    pub style: AnswerStyle,
    /// Numbers on the marker (`Antwoord 12`, `Antwoord op vraag 2 en 3`).
    pub numbers: ThinVec<u32>,
    body: Extent,
}

impl Answer {
    #[inline]
    pub fn new(
        marker: Option<ByteRange>,
        style: AnswerStyle,
        numbers: ThinVec<u32>,
        body: ByteRange,
    ) -> Answer {
        Answer {
            marker: marker.map(Extent::new),
            style,
            numbers,
            body: Extent::new(body),
        }
    }

    /// The marker line (`Antwoord `, `Antwoord op vraag 12:`); None for an unmarked answer.
    #[inline]
    pub fn marker(&self) -> Option<ByteRange> {
        self.marker.map(Extent::get)
    }

    /// The answer text, trimmed of surrounding blank lines; empty (start == end) when none.
    #[inline]
    pub fn body(&self) -> ByteRange {
        self.body.get()
    }
}

/// An answer marker that no question precedes (or a second marker under one question).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrayAnswer {
    pub marker: ByteRange,
    pub numbers: ThinVec<u32>,
    pub body: ByteRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    /// Word footnote in Tika's export: `[footnoteRef:N]` / ` [N: …] `.
    Footnote,
    /// Word endnote: `[endnoteRef:N]` (its own id space).
    Endnote,
    /// Markdown: `[^1]` / `[^1]: …`.
    Markdown,
}

/// A reference to a note in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRef {
    pub range: ByteRange,
    /// The id as written (`3` in `[footnoteRef:3]`, `abc` in `[^abc]`); inline, ids are short.
    pub id: CompactString,
    /// The range of the id inside `range`.
    pub id_range: ByteRange,
    pub kind: NoteKind,
}

/// The body of a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteBody {
    /// The whole body including its brackets (`[3:  Telegraaf …]`) or Markdown label line(s).
    pub range: ByteRange,
    pub id: CompactString,
    pub id_range: ByteRange,
    /// The note's text, trimmed.
    pub text: ByteRange,
    pub kind: NoteKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlaceholderKind {
    /// `…` or `...` where a date or name belongs (`Bij brief van …`).
    Ellipsis,
    /// `PM` (pro memorie).
    Pm,
    /// `XX`, `xxx`.
    Xx,
    /// `[datum]`, `[naam]`, `<datum>` and the like.
    Bracketed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placeholder {
    pub range: ByteRange,
    pub kind: PlaceholderKind,
}

/// A mention of a fractie in running text (`de leden van de NSC-fractie`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FractieMention {
    /// The name as written, without `-fractie` (`GroenLinks-PvdA`, `GL-PvdA`).
    pub name: ByteRange,
    /// The text of `name` (shared, so a rebuild after an edit copies no strings).
    pub text: std::sync::Arc<str>,
    /// The whole mention (`NSC-fractie`, `fractie van D66`).
    pub range: ByteRange,
    /// True when the members speak (`De leden van de X-fractie vragen …`, at the start of a
    /// paragraph): what the fractie-consistency rule compares with the section's fractie.
    pub speaks: bool,
}

/// Word markers with no meaning for the report, kept so features can skip them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MarkupKind {
    Bookmark,
    Comment,
    Image,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Markup {
    pub range: ByteRange,
    pub kind: MarkupKind,
}

/// The whole parsed report. Every range is a byte range into the text it was parsed from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub kind: Option<(DocKind, ByteRange)>,
    pub dossier: Option<DossierLine>,
    /// From the start of the text to the first section or fractie heading.
    pub header: Option<ByteRange>,
    /// The intro sentence (`De vaste commissie voor … over de volgende brieven:`).
    pub intro: Option<ByteRange>,
    pub letters: Vec<Letter>,
    /// `Bij brief van … heeft de minister …`.
    pub letter_line: Option<ByteRange>,
    pub signatories: Vec<Signatory>,
    pub sections: Vec<Section>,
    pub fracties: Vec<FractieSection>,
    pub topics: Vec<Topic>,
    pub questions: Vec<Question>,
    pub stray_answers: Vec<StrayAnswer>,
    pub note_refs: Vec<NoteRef>,
    pub note_bodies: Vec<NoteBody>,
    pub papers: Vec<crate::syntax::papers::PaperRef>,
    pub placeholders: Vec<Placeholder>,
    pub fractie_mentions: Vec<FractieMention>,
    pub markup: Vec<Markup>,
    /// Fractie-opening paragraphs and other paragraphs that belong to no question, per fractie
    /// section: (range, fractie index).
    pub paragraphs: Vec<(ByteRange, Option<usize>)>,
    /// The parts of lines too long to lex (past `lexer::MAX_LEXED_LINE`), not looked at.
    pub long_lines: Vec<ByteRange>,
}
