//! References to parliamentary papers (FORMAT.md §5). (Being written: see the papers task.)

use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperRef {
    pub range: Range<usize>,
}

impl PaperRef {
    pub fn shift(&mut self, by: usize) {
        self.range = self.range.start + by..self.range.end + by;
    }
}

pub fn scan(_line: &str, _out: &mut Vec<PaperRef>) {}
