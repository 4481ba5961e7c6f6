//! The line table: a [`LineInfo`] per line, and the items of all its lines in one arena.
//!
//! A vector of items per line cost an allocation and a free per line with items (some 10 000 on
//! 10 MB), and dropping a parse walked every line to free them. In one arena the lexer pushes a
//! line's items where they stay, and dropping the table drops one vector of items.

use std::ops::{Deref, RangeInclusive};

use super::{Item, LineInfo, MarkupKind};

/// Where a line's items are in its table's arena: `len` of them from `start`. In 32 bits each,
/// so that a line stays at 48 bytes.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ItemsAt {
    start: u32,
    len: u32,
}

impl ItemsAt {
    /// No items (what `default` gives, for a constant).
    pub(super) const EMPTY: ItemsAt = ItemsAt { start: 0, len: 0 };

    /// The items pushed onto `arena` since it held `start`. Past 4 G items (some 300 GB, out of
    /// reach) the line keeps none rather than the lexer panicking.
    pub(super) fn since(arena: &mut Vec<Item>, start: usize) -> ItemsAt {
        match (u32::try_from(start), u32::try_from(arena.len())) {
            (Ok(s), Ok(end)) => ItemsAt {
                start: s,
                len: end - s,
            },
            _ => {
                arena.truncate(start);
                ItemsAt::default()
            }
        }
    }

    pub(super) fn len(self) -> usize {
        self.len as usize
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// The lexed lines of a text, in order (read as a slice of [`LineInfo`]), and their items.
#[derive(Clone, Default)]
pub struct Lines {
    pub(super) infos: Vec<LineInfo>,
    /// The items of every line, each line's together ([`LineInfo`]'s `items` says where); after
    /// edits also those of lines since replaced, until [`Lines::compact`].
    pub(super) items: Vec<Item>,
    /// How many of `items` belong to no line any more.
    garbage: usize,
}

/// How much of a text is lexed before [`Lines::lexed`] sizes the arena for all of it.
const SIZE_ITEMS_AFTER: usize = 1 << 18;

/// Replaced lines' items are kept until there are at least this many, and as many as half the
/// live ones: an edit's few lines cost no pass over the arena, and compacting (a pass over it)
/// comes once per that many items replaced, so typing costs O(1) a keystroke amortised and the
/// arena stays under one and a half times its live items (plus this).
const MIN_GARBAGE: usize = 1024;

impl Deref for Lines {
    type Target = [LineInfo];

    #[inline]
    fn deref(&self) -> &[LineInfo] {
        &self.infos
    }
}

impl Lines {
    /// An empty table with room for `lines` lines.
    pub fn with_capacity(lines: usize) -> Lines {
        Lines {
            infos: Vec::with_capacity(lines),
            items: Vec::new(),
            garbage: 0,
        }
    }

    /// The inline items of line `i`.
    #[inline]
    pub fn items(&self, i: usize) -> &[Item] {
        self.slice(self.infos[i].items)
    }

    #[inline]
    fn slice(&self, at: ItemsAt) -> &[Item] {
        // Most lines have none: no range to check against the arena.
        if at.len == 0 {
            return &[];
        }
        &self.items[at.range()]
    }

    /// Line `i` on its own, items copied out (for tests and tools).
    #[doc(hidden)]
    pub fn line(&self, i: usize) -> super::LexedLine {
        let mut info = self.infos[i].clone();
        info.items = ItemsAt {
            start: 0,
            len: info.items.len,
        };
        super::LexedLine {
            info,
            items: self.items(i).to_vec(),
        }
    }

    /// (items of lines, items held including replaced lines', room): for memory profiles.
    #[doc(hidden)]
    pub fn item_counts(&self) -> (usize, usize, usize) {
        (
            self.items.len() - self.garbage,
            self.items.len(),
            self.items.capacity(),
        )
    }

    /// Appends a line that `lex` lexes, pushing its items onto the arena it is given.
    pub(in crate::syntax) fn push_with(&mut self, lex: impl FnOnce(&mut Vec<Item>) -> LineInfo) {
        let info = lex(&mut self.items);
        self.infos.push(info);
    }

    /// The arena, to lex lines into before they are spliced in with [`Lines::splice`].
    pub(in crate::syntax) fn arena(&mut self) -> &mut Vec<Item> {
        &mut self.items
    }

    /// Says that the line just pushed held bytes `from..to` of a text of `total` bytes being
    /// lexed from the start. The first line to reach [`SIZE_ITEMS_AFTER`] sizes the arena.
    #[inline]
    pub(in crate::syntax) fn lexed(&mut self, from: usize, to: usize, total: usize) {
        if from < SIZE_ITEMS_AFTER && to >= SIZE_ITEMS_AFTER {
            self.size_items(to, total);
        }
    }

    /// Makes room in the arena for the items of a text of `total` bytes, as many a byte as the
    /// first `lexed` bytes had and a little more: an arena grown by doubling copied itself
    /// several times over (a fifth of the time saved by having one) and held up to twice its
    /// items.
    fn size_items(&mut self, lexed: usize, total: usize) {
        let scaled = (self.items.len() as u64 * total as u64 / lexed.max(1) as u64) as usize;
        let want = scaled.saturating_add(scaled / 16 + 16);
        self.items.reserve(want.saturating_sub(self.items.len()));
    }

    /// Gives back the room the arena does not use (after a whole text is lexed into it).
    pub(in crate::syntax) fn shrink_items(&mut self) {
        self.items.shrink_to_fit();
    }

    /// Replaces lines `range` with `with`, lexed into [`Lines::arena`] since; the replaced lines'
    /// items are left where they are as garbage, and compacted away once there are enough.
    pub(in crate::syntax) fn splice(&mut self, range: RangeInclusive<usize>, with: Vec<LineInfo>) {
        self.garbage += self.infos[range.clone()]
            .iter()
            .map(|l| l.items.len())
            .sum::<usize>();
        self.infos.splice(range, with);
        let live = self.items.len() - self.garbage;
        if self.garbage > MIN_GARBAGE.max(live / 2) {
            self.compact();
        }
    }

    /// Moves the lines' items to a fresh arena in line order, leaving the garbage behind.
    fn compact(&mut self) {
        let live = self.items.len() - self.garbage;
        // Room for as much garbage again as may pile up before the next compaction, so that
        // typing does not grow the arena (touched only as it fills: no memory until then).
        let room = live + MIN_GARBAGE.max(live / 2) + 64;
        let mut old = std::mem::replace(&mut self.items, Vec::with_capacity(room));
        for l in &mut self.infos {
            let at = self.items.len();
            // Moved out, a heap-free item left in their place (items have no cheap default).
            self.items
                .extend(old[l.items.range()].iter_mut().map(|item| {
                    std::mem::replace(
                        item,
                        Item::Markup {
                            range: 0..0,
                            kind: MarkupKind::Bookmark,
                        },
                    )
                }));
            l.items = ItemsAt::since(&mut self.items, at);
        }
        self.garbage = 0;
    }
}

/// Two tables are equal when their lines are, items included (wherever the arenas hold them).
impl PartialEq for Lines {
    fn eq(&self, other: &Lines) -> bool {
        self.infos.len() == other.infos.len()
            && (0..self.infos.len()).all(|i| {
                self.infos[i].same_but_items(&other.infos[i]) && self.items(i) == other.items(i)
            })
    }
}

impl Eq for Lines {}

impl std::fmt::Debug for Lines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries((0..self.infos.len()).map(|i| (&self.infos[i], self.items(i))))
            .finish()
    }
}
