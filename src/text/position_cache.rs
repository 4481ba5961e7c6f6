//! Positions converted for one version of a document, carried across the edits to the next.
//!
//! A keystroke on a 10 MB report leaves almost every diagnostic where it was: before the edit
//! its position is the same, and on a line after the edit only its line number moves, by the
//! number of lines the edit added or removed. Converting 8 000 offsets anew each time cost
//! milliseconds; looking them up in the previous version's table costs a fraction of that, and
//! only the offsets on the edited lines are converted again.
//!
//! The rules, for an offset `o` of the new text and one edit `start..old_end` -> `start..new_end`:
//! - `o < start`: every byte up to `o` is unchanged, so is its position;
//! - `o >= new_end`: it was `o' = o - new_end + old_end`. If `o'` lay on a line after the one
//!   holding `old_end`, its line and the bytes from that line's start to it are unchanged, and
//!   every line break between the edit and it is too: the line moves by the change in the
//!   document's line count, the column stays;
//! - anything else is converted again.
//!
//! Several edits compose (each version's offset mapped back one edit at a time). A whole-text
//! replacement, another encoding or too many edits in between start afresh.

use super::{Document, Edit, Position, PositionEncoding};

/// One edit, with what the mapping needs of the text around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub edit: Edit,
    /// The line holding `edit.old_end` in the text before.
    pub old_end_line: usize,
    /// Lines in the text after, minus lines before.
    pub line_delta: isize,
}

impl Step {
    /// The step of `edit`, applied to `before` and giving `after`.
    pub fn new(before: &Document, after: &Document, edit: Edit) -> Step {
        Step {
            edit,
            old_end_line: before.line_of(edit.old_end),
            line_delta: after.len_lines() as isize - before.len_lines() as isize,
        }
    }
}

/// The most edits kept between two conversions; past that, a fresh conversion is as cheap.
/// (Small in tests, so that they forget often.)
const MAX_STEPS: usize = if cfg!(test) { 4 } else { 256 };

#[derive(Debug, Default)]
pub struct PositionCache {
    /// The version (the caller's own counter, increasing with every edit) the table is for.
    version: u64,
    encoding: Option<PositionEncoding>,
    /// Offsets converted for `version`, sorted, with their positions.
    table: Vec<(usize, Position)>,
    /// Edits since `version`, each with the version it made; `None` for a replacement of the
    /// whole text (nothing maps across it).
    steps: Vec<(u64, Option<Step>)>,
    /// How many positions the last conversion carried over (for tests and logs).
    reused: usize,
}

impl PositionCache {
    /// Notes that `version` was made by `step` (`None`: the whole text was replaced).
    pub fn record(&mut self, version: u64, step: Option<Step>) {
        if self.steps.len() >= MAX_STEPS {
            // Forget the edits and the table, and move the table's version up to here: a
            // conversion of an older version (a stale request) must not set the table back
            // to a version whose later edits are gone.
            self.table.clear();
            self.steps.clear();
            self.version = version;
            return;
        }
        self.steps.push((version, step));
    }

    /// How many positions the last call to [`PositionCache::positions`] carried over.
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// The positions of `offsets` in `doc`, which is `version` of the document: as
    /// `Document::offsets_to_positions` gives them, reusing the previous conversion where the
    /// rules above allow. Remembers this conversion for the next one unless it is for an older
    /// version than the one remembered (a stale request).
    pub fn positions(
        &mut self,
        doc: &Document,
        version: u64,
        offsets: &[usize],
        enc: PositionEncoding,
    ) -> Vec<Position> {
        let usable = self.encoding == Some(enc) && version >= self.version;
        let steps: Vec<Step> = if usable {
            let mut steps = Vec::new();
            for (v, s) in &self.steps {
                if *v > version {
                    break;
                }
                match s {
                    Some(s) => steps.push(*s),
                    None => steps.clear(), // a whole new text: nothing before it maps
                }
            }
            steps
        } else {
            Vec::new()
        };
        let whole_text = usable && self.steps.iter().any(|(v, s)| *v <= version && s.is_none());
        let table: &[(usize, Position)] = if usable && !whole_text {
            &self.table
        } else {
            &[]
        };
        let mut out = vec![Position::default(); offsets.len()];
        let mut misses = Vec::new();
        self.reused = 0;
        for (i, &o) in offsets.iter().enumerate() {
            match carry(table, &steps, o) {
                Some(p) => {
                    out[i] = p;
                    self.reused += 1;
                }
                None => misses.push(i),
            }
        }
        if !misses.is_empty() {
            let fresh: Vec<usize> = misses.iter().map(|&i| offsets[i]).collect();
            for (&i, p) in misses.iter().zip(doc.offsets_to_positions(&fresh, enc)) {
                out[i] = p;
            }
        }
        if version >= self.version || self.encoding != Some(enc) {
            let mut table: Vec<(usize, Position)> =
                offsets.iter().copied().zip(out.iter().copied()).collect();
            table.sort_unstable_by_key(|&(o, _)| o);
            table.dedup_by_key(|&mut (o, _)| o);
            self.table = table;
            self.version = version;
            self.encoding = Some(enc);
            self.steps.retain(|(v, _)| *v > version);
        }
        out
    }
}

/// The position of `o` (an offset after `steps`) carried from `table` (positions before them).
fn carry(table: &[(usize, Position)], steps: &[Step], o: usize) -> Option<Position> {
    if table.is_empty() {
        return None;
    }
    // Back through the edits, noting which rule each used.
    let mut at = o;
    let mut after = [false; MAX_STEPS];
    for (k, s) in steps.iter().enumerate().rev() {
        let e = s.edit;
        if at < e.start {
            after[k] = false;
        } else if at >= e.new_end && at > e.start {
            at = at - e.new_end + e.old_end;
            after[k] = true;
        } else {
            return None;
        }
    }
    let found = table.binary_search_by_key(&at, |&(o, _)| o).ok()?;
    let mut p = table[found].1;
    // Forward again: a moved offset keeps its column only on a line after the edit's end.
    for (k, s) in steps.iter().enumerate() {
        if after[k] {
            if (p.line as usize) <= s.old_end_line {
                return None;
            }
            p.line = u32::try_from(p.line as isize + s.line_delta).ok()?;
        }
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    static REUSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

    const PIECES: &[&str] = &["ab", "é", "😀", " ", "\n", "\r", "\r\n", "…", "x"];

    fn text(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|v| v.concat())
    }

    proptest! {
        /// After any edits, every position equals a fresh conversion's; conversions happen
        /// between some of the edits, as a server converts for some of the versions.
        #[test]
        fn carried_positions_equal_fresh_ones(
            start in text(80),
            edits in prop::collection::vec((0usize..400, 0usize..6, text(4), any::<bool>(), 0u8..4, any::<prop::sample::Index>()), 1..12),
            offsets in prop::collection::vec(0usize..400, 1..30),
            utf16 in any::<bool>(),
        ) {
            let mut offsets = offsets;
            let enc = if utf16 { PositionEncoding::Utf16 } else { PositionEncoding::Utf8 };
            let mut doc = Document::new(&start);
            let mut cache = PositionCache::default();
            let mut version = 0;
            cache.positions(&doc, version, &offsets, enc);
            // Every version so far, for conversions of stale versions (a server's diagnostics
            // task can finish after later edits arrived).
            let mut history = vec![(version, doc.clone(), offsets.clone())];
            for (at, len, insert, whole, convert, stale) in edits {
                let before = doc.clone();
                version += 1;
                if whole {
                    let text = format!("{insert}{}", doc.slice(0..doc.len_bytes()));
                    doc = Document::new(&text);
                    cache.record(version, None);
                } else {
                    let at = at.min(doc.len_bytes());
                    let edit = doc.replace(at..at + len, &insert);
                    cache.record(version, Some(Step::new(&before, &doc, edit)));
                    // The offsets move with the text, as a diagnostic's range does.
                    for o in &mut offsets {
                        if *o >= edit.old_end {
                            *o = *o - edit.old_end + edit.new_end;
                        }
                    }
                }
                history.push((version, doc.clone(), offsets.clone()));
                if convert == 1 {
                    let (v, d, o) = stale.get(&history);
                    let got = cache.positions(d, *v, o, enc);
                    prop_assert_eq!(got, d.offsets_to_positions(o, enc));
                }
                if convert >= 2 {
                    // The offsets of this version: the old ones, some moved past the edit.
                    let got = cache.positions(&doc, version, &offsets, enc);
                    let want = doc.offsets_to_positions(&offsets, enc);
                    prop_assert_eq!(got, want);
                    REUSED.fetch_add(cache.reused(), std::sync::atomic::Ordering::Relaxed);
                }
            }
            let got = cache.positions(&doc, version, &offsets, enc);
            prop_assert_eq!(got, doc.offsets_to_positions(&offsets, enc));
        }
    }

    /// The property above is not vacuous: positions were carried, not all converted afresh.
    #[test]
    fn carried_positions_equal_fresh_ones_carries_some() {
        carried_positions_equal_fresh_ones();
        assert!(REUSED.load(std::sync::atomic::Ordering::Relaxed) > 1000);
    }

    #[test]
    fn a_line_inserted_moves_what_follows_without_converting_it() {
        let mut doc = Document::new("een\ntwee drie\nvier vijf\n");
        let mut cache = PositionCache::default();
        let offsets = [5, 15];
        let first = cache.positions(&doc, 0, &offsets, PositionEncoding::Utf16);
        assert_eq!(first, vec![Position::new(1, 1), Position::new(2, 1)]);
        let before = doc.clone();
        let edit = doc.replace(0..0, "nieuw\n");
        cache.record(1, Some(Step::new(&before, &doc, edit)));
        let moved = [5 + 6, 15 + 6];
        assert_eq!(
            carry(&cache.table, &[Step::new(&before, &doc, edit)], moved[1]),
            Some(Position::new(3, 1))
        );
        let got = cache.positions(&doc, 1, &moved, PositionEncoding::Utf16);
        assert_eq!(got, vec![Position::new(2, 1), Position::new(3, 1)]);
    }
}
