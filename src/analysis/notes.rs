//! Footnotes and endnotes: references and bodies matched by id, and the number a reader sees.
//!
//! Word's ids are internal (the first real footnote is usually id 2); the number shown is the
//! order of first reference in the text, from 1, per kind of note (FORMAT.md §2).

use std::ops::Range;
use std::sync::Arc;

use compact_str::CompactString;
use smallvec::SmallVec;

use super::diagnostics::{Diagnostic, Lang};
use super::xref::words::FxMap;
use crate::syntax::{NoteKind, Report};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteEntry {
    /// Indices into `Report::note_refs`, in text order. Inline when one (most notes): a list of
    /// its own for each was two allocations a note, some 11 000 on 10 MB.
    pub refs: SmallVec<[usize; 1]>,
    /// Indices into `Report::note_bodies`, in text order (more than one is an error).
    pub bodies: SmallVec<[usize; 1]>,
    /// The number a reader sees; None for a note that is never referenced.
    pub display: Option<u32>,
}

// An inline index costs no more room than a vector's pointer, length and capacity.
const _: () =
    assert!(std::mem::size_of::<SmallVec<[usize; 1]>>() == std::mem::size_of::<Vec<usize>>());

/// Shared between versions: it depends only on the notes' kinds and ids in order, so an edit
/// that changes none of them keeps it (see `analysis::incremental`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteIndex(Arc<Inner>);

#[derive(Debug, Default, PartialEq, Eq)]
struct Inner {
    /// Keyed by the id as the model holds it: a short id is inline, so neither building the
    /// index nor looking an id up allocates. Fx-hashed: the ids are short and the document's
    /// own (SipHash was most of building the index, some 5% of a parse with the rules).
    entries: FxMap<(NoteKind, CompactString), NoteEntry>,
    /// The kind each body was matched as (a Tika body may belong to a footnote or an endnote).
    body_kinds: Vec<NoteKind>,
}

impl NoteIndex {
    pub fn new(report: &Report) -> NoteIndex {
        let mut entries: FxMap<(NoteKind, CompactString), NoteEntry> = FxMap::default();
        // About a note per reference: sized once rather than grown (and rehashed) step by step.
        entries.reserve(report.note_refs.len());
        // The last number given, per kind of note.
        let mut next = [0u32; 3];
        for (i, r) in report.note_refs.iter().enumerate() {
            let e = entries.entry((r.kind, r.id.clone())).or_default();
            if e.display.is_none() {
                let n = &mut next[r.kind as usize];
                *n += 1;
                e.display = Some(*n);
            }
            e.refs.push(i);
        }
        let mut body_kinds = Vec::with_capacity(report.note_bodies.len());
        for (i, b) in report.note_bodies.iter().enumerate() {
            // Tika writes footnote and endnote bodies alike: an endnote's when only an
            // `[endnoteRef:N]` has that id.
            let kind = if b.kind == NoteKind::Footnote
                && !entries.contains_key(&(NoteKind::Footnote, b.id.clone()))
                && entries.contains_key(&(NoteKind::Endnote, b.id.clone()))
            {
                NoteKind::Endnote
            } else {
                b.kind
            };
            body_kinds.push(kind);
            entries
                .entry((kind, b.id.clone()))
                .or_default()
                .bodies
                .push(i);
        }
        NoteIndex(Arc::new(Inner {
            entries,
            body_kinds,
        }))
    }

    pub fn entry(&self, kind: NoteKind, id: &str) -> Option<&NoteEntry> {
        self.0.entries.get(&(kind, CompactString::from(id)))
    }

    pub fn display_number(&self, kind: NoteKind, id: &str) -> Option<u32> {
        self.entry(kind, id)?.display
    }

    /// The body of a note (the first, if there are several).
    pub fn body(&self, kind: NoteKind, id: &str) -> Option<usize> {
        self.entry(kind, id)?.bodies.first().copied()
    }

    pub fn refs(&self, kind: NoteKind, id: &str) -> Vec<usize> {
        self.entry(kind, id)
            .map(|e| e.refs.to_vec())
            .unwrap_or_default()
    }

    /// The kind a body was matched as.
    pub fn body_kind(&self, body: usize) -> Option<NoteKind> {
        self.0.body_kinds.get(body).copied()
    }

    pub fn entries(&self) -> impl Iterator<Item = (&(NoteKind, CompactString), &NoteEntry)> {
        self.0.entries.iter()
    }
}

/// A note's name in a message (`voetnoot 3`), written only when a message is (most notes have
/// none, and a string for each cost an allocation a note).
struct Label<'a> {
    kind: NoteKind,
    id: &'a str,
    lang: Lang,
}

impl std::fmt::Display for Label<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let id = self.id;
        match (self.kind, self.lang) {
            (NoteKind::Footnote, Lang::Nl) => write!(f, "voetnoot {id}"),
            (NoteKind::Footnote, Lang::En) => write!(f, "footnote {id}"),
            (NoteKind::Endnote, Lang::Nl) => write!(f, "eindnoot {id}"),
            (NoteKind::Endnote, Lang::En) => write!(f, "endnote {id}"),
            (NoteKind::Markdown, _) => write!(f, "[^{id}]"),
        }
    }
}

/// Which item of the report a notes diagnostic (or its related location) stands at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Ref(usize),
    Body(usize),
    BodyId(usize),
}

impl Place {
    pub(super) fn range(self, report: &Report) -> Option<Range<usize>> {
        match self {
            Place::Ref(i) => report.note_refs.get(i).map(|r| r.range.clone()),
            Place::Body(i) => report.note_bodies.get(i).map(|b| b.range.clone()),
            Place::BodyId(i) => report.note_bodies.get(i).map(|b| b.id_range.clone()),
        }
    }
}

/// A notes diagnostic with the places of its range and of its related location.
pub(super) type Placed = (Diagnostic, Place, Option<Place>);

pub fn check(report: &Report, notes: &NoteIndex, lang: Lang, out: &mut Vec<Diagnostic>) {
    out.extend(placed(report, notes, lang).into_iter().map(|x| x.0));
}

/// [`check`], each diagnostic with its places.
pub(super) fn placed(report: &Report, notes: &NoteIndex, lang: Lang) -> Vec<Placed> {
    let mut out: Vec<Placed> = Vec::new();
    // Hash order is arbitrary; diagnostics are sorted later, but related locations must be
    // stable: the notes in text order, by their first reference (or first body, when never
    // referenced). The keys are taken once (a comparison reading them from both entries was a
    // cache miss or two), and no two notes share one (a reference before a body of the same
    // index), so an unstable sort is as deterministic as a stable one. Only the notes that
    // have something to report are sorted: in a finished report none (sorting them all was 1%
    // of a parse and its rules).
    let mut sorted: Vec<_> = notes
        .entries()
        .filter(|((kind, _), e)| {
            e.bodies.len() != 1
                || e.refs.is_empty()
                || (*kind != NoteKind::Markdown && e.refs.len() > 1)
        })
        .map(|(note, e)| {
            let first = e.refs.first().or(e.bodies.first()).copied();
            ((first, e.refs.is_empty()), note, e)
        })
        .collect();
    sorted.sort_unstable_by_key(|&(key, _, _)| key);
    for (_, (kind, id), e) in sorted {
        let name = Label {
            kind: *kind,
            id,
            lang,
        };
        if e.bodies.is_empty() {
            for &r in &e.refs {
                out.push((Diagnostic::new(
                    "GRF201",
                    report.note_refs[r].range.clone(),
                    match lang {
                        Lang::Nl => format!("Bij {name} staat geen voetnoottekst. Voeg de tekst toe of verwijder de verwijzing."),
                        Lang::En => format!("{name} has no text. Add the note's text or remove the reference."),
                    },
                ), Place::Ref(r), None));
            }
        }
        if e.refs.is_empty() {
            for &b in &e.bodies {
                out.push((Diagnostic::new(
                    "GRF202",
                    report.note_bodies[b].range.clone(),
                    match lang {
                        Lang::Nl => format!("Naar de tekst van {name} verwijst niets in het verslag. Voeg de verwijzing toe of verwijder de noot."),
                        Lang::En => format!("Nothing in the report refers to {name}. Add the reference or remove the note."),
                    },
                ), Place::Body(b), None));
            }
        }
        if let [first, rest @ ..] = e.bodies.as_slice() {
            for &b in rest {
                out.push((
                    Diagnostic::new(
                        "GRF203",
                        report.note_bodies[b].id_range.clone(),
                        match lang {
                            Lang::Nl => format!("Er zijn twee teksten voor {name}. Geef deze noot een eigen nummer of verwijder er één."),
                            Lang::En => format!("There are two texts for {name}. Give this note its own id or remove one."),
                        },
                    )
                    .with_related(report.note_bodies[*first].range.clone(), lang.pick("de eerste tekst", "the first text").to_string()),
                    Place::BodyId(b),
                    Some(Place::Body(*first)),
                ));
            }
        }
        // Word gives every reference its own id; the same id twice is a copy-paste slip.
        // (Markdown may cite a note more than once.)
        if *kind != NoteKind::Markdown {
            if let [first, rest @ ..] = e.refs.as_slice() {
                for &r in rest {
                    out.push((
                        Diagnostic::new(
                            "GRF203",
                            report.note_refs[r].range.clone(),
                            match lang {
                                Lang::Nl => format!("Naar {name} wordt twee keer verwezen; in Word heeft elke verwijzing een eigen noot."),
                                Lang::En => format!("{name} is referenced twice; in Word every reference has a note of its own."),
                            },
                        )
                        .with_related(report.note_refs[*first].range.clone(), lang.pick("de eerste verwijzing", "the first reference").to_string()),
                        Place::Ref(r),
                        Some(Place::Ref(*first)),
                    ));
                }
            }
        }
    }
    markdown_order(report, notes, lang, &mut out);
    out
}

/// Markdown notes numbered `[^1]`, `[^2]` … should be numbered in the order they are first cited.
fn markdown_order(report: &Report, notes: &NoteIndex, lang: Lang, out: &mut Vec<Placed>) {
    for (i, r) in report.note_refs.iter().enumerate() {
        if r.kind != NoteKind::Markdown {
            continue;
        }
        let Ok(n) = r.id.parse::<u32>() else { continue };
        let Some(e) = notes.entry(NoteKind::Markdown, &r.id) else {
            continue;
        };
        // Only at the first citation of each note.
        if e.refs.first().map(|&i| &report.note_refs[i].range) != Some(&r.range) {
            continue;
        }
        if let Some(shown) = e.display {
            if shown != n {
                out.push((Diagnostic::new(
                    "GRF204",
                    r.range.clone(),
                    match lang {
                        Lang::Nl => format!("Voetnoot [^{n}] is de {shown}e noot in de tekst en zou nummer {shown} moeten hebben. Hernummer de voetnoten op volgorde."),
                        Lang::En => format!("Note [^{n}] is note number {shown} in the text. Renumber the notes in order."),
                    },
                ), Place::Ref(i), None));
            }
        }
    }
}
