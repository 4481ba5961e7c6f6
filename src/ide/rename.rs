//! Rename a footnote (its id in the references and the body together) or a fractie (every
//! mention of it, headings included), from any occurrence.

use std::ops::Range;

use super::code_actions::TextEdit;
use super::highlight::fractie_at;
use super::{hit, note_at, text};
use crate::analysis::fracties::canonical;
use crate::analysis::{Analysis, Lang};
use crate::syntax::NoteKind;

/// What the cursor is on, and the name to start editing from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameTarget {
    /// The name under the cursor (the id of `[footnoteRef:2]`, `NSC` of `NSC-fractie`).
    pub range: Range<usize>,
    pub placeholder: String,
}

enum Target {
    Note(NoteKind, String, Range<usize>),
    Fractie(String, Range<usize>),
}

fn target(a: &Analysis, offset: usize) -> Option<Target> {
    let r = &a.report;
    if let Some((kind, id)) = note_at(a, offset) {
        let range = r
            .note_refs
            .iter()
            .find(|n| hit(&n.range, offset))
            .map(|n| n.id_range.clone())
            .or_else(|| {
                r.note_bodies
                    .iter()
                    .find(|b| hit(&(b.range.start..b.id_range.end + 1), offset))
                    .map(|b| b.id_range.clone())
            })?;
        return Some(Target::Note(kind, id, range));
    }
    let range = fractie_at(a, offset)?;
    Some(Target::Fractie(text(a, &range), range))
}

/// Whether a rename can start here, and on which range.
pub fn prepare_rename(a: &Analysis, offset: usize) -> Option<RenameTarget> {
    match target(a, offset)? {
        Target::Note(_, id, range) => Some(RenameTarget {
            range,
            placeholder: id,
        }),
        Target::Fractie(name, range) => Some(RenameTarget {
            range,
            placeholder: name,
        }),
    }
}

/// The edits that rename what is under the cursor to `new_name`, or why not (a message for the
/// user, in `lang`).
pub fn rename(
    a: &Analysis,
    offset: usize,
    new_name: &str,
    lang: Lang,
) -> Result<Vec<TextEdit>, String> {
    let Some(t) = target(a, offset) else {
        return Err(lang
            .pick(
                "Hier staat niets om te hernoemen: zet de cursor op een voetnoot of een fractienaam.",
                "Nothing to rename here: put the cursor on a footnote or a fractie name.",
            )
            .to_string());
    };
    let mut edits = match t {
        Target::Note(kind, id, _) => rename_note(a, kind, &id, new_name.trim(), lang)?,
        Target::Fractie(name, _) => rename_fractie(a, &name, new_name, lang)?,
    };
    edits.sort_by_key(|e| e.range.start);
    edits.dedup();
    Ok(edits)
}

fn rename_note(
    a: &Analysis,
    kind: NoteKind,
    id: &str,
    new: &str,
    lang: Lang,
) -> Result<Vec<TextEdit>, String> {
    let valid = match kind {
        // Word's ids are numbers.
        NoteKind::Footnote | NoteKind::Endnote => {
            !new.is_empty() && new.len() <= 9 && new.bytes().all(|b| b.is_ascii_digit())
        }
        NoteKind::Markdown => {
            !new.is_empty()
                && !new
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '[' | ']' | '^' | ':'))
        }
    };
    if !valid {
        return Err(match (kind, lang) {
            (NoteKind::Markdown, Lang::Nl) => format!("‘{new}’ kan geen voetnootnaam zijn: gebruik cijfers of letters, zonder spaties en zonder [ ] ^ :."),
            (NoteKind::Markdown, Lang::En) => format!("‘{new}’ cannot be a note label: use digits or letters, without spaces or [ ] ^ :."),
            (_, Lang::Nl) => format!("‘{new}’ kan geen voetnoot-id zijn: Word nummert noten met cijfers."),
            (_, Lang::En) => format!("‘{new}’ cannot be a note id: Word numbers notes with digits."),
        });
    }
    if new == id {
        return Ok(Vec::new());
    }
    // Tika writes footnote and endnote bodies alike (`[3: …]`): an id taken in either collides.
    let spaces: &[NoteKind] = match kind {
        NoteKind::Markdown => &[NoteKind::Markdown],
        _ => &[NoteKind::Footnote, NoteKind::Endnote],
    };
    if spaces.iter().any(|k| a.notes.entry(*k, new).is_some()) {
        return Err(match lang {
            Lang::Nl => format!("Er is al een noot met id {new}; kies een ander id."),
            Lang::En => format!("There is already a note with id {new}; choose another."),
        });
    }
    let r = &a.report;
    let Some(e) = a.notes.entry(kind, id) else {
        return Ok(Vec::new());
    };
    Ok(e.refs
        .iter()
        .filter_map(|&i| r.note_refs.get(i))
        .map(|n| &n.id_range)
        .chain(
            e.bodies
                .iter()
                .filter_map(|&i| r.note_bodies.get(i))
                .map(|b| &b.id_range),
        )
        .map(|range| TextEdit::new(range.clone(), new))
        .collect())
}

fn rename_fractie(
    a: &Analysis,
    old: &str,
    new_name: &str,
    lang: Lang,
) -> Result<Vec<TextEdit>, String> {
    let new = new_name.trim();
    let new = new.strip_suffix("-fractie").unwrap_or(new).trim();
    let valid = new.chars().next().is_some_and(char::is_alphanumeric)
        && new.chars().last().is_some_and(char::is_alphanumeric)
        && new
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/'));
    if !valid {
        return Err(match lang {
            Lang::Nl => format!("‘{new_name}’ is geen geldige fractienaam: gebruik letters, cijfers en koppeltekens, zonder spaties (bijvoorbeeld ‘GroenLinks-PvdA’)."),
            Lang::En => format!("‘{new_name}’ is not a valid fractie name: use letters, digits and hyphens, no spaces (for example ‘GroenLinks-PvdA’)."),
        });
    }
    let old_c = canonical(old.trim()).to_string();
    let new_c = canonical(new).to_string();
    let mut edits = Vec::new();
    for m in &a.report.fractie_mentions {
        let name = text(a, &m.name);
        let c = canonical(name.trim());
        if c == old_c {
            if name != new {
                edits.push(TextEdit::new(m.name.clone(), new));
            }
        } else if c == new_c {
            return Err(match lang {
                Lang::Nl => format!("De {new}-fractie komt al voor in dit verslag; hernoemen zou twee fracties samenvoegen."),
                Lang::En => format!("The {new}-fractie already occurs in this report; renaming would merge two fracties."),
            });
        }
    }
    Ok(edits)
}
