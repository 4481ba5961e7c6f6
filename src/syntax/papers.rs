//! References to parliamentary papers (FORMAT.md §5). (Being written: see the papers task.)

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperRef {
    pub range: Range<usize>,
}
