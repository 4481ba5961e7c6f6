//! Document text: a rope, position encodings and edits. Knows nothing of reports.
//! (Being written: see the text-layer task.)

pub use ropey::Rope;

/// What an edit did, in byte offsets (as tree-sitter's `InputEdit`): the bytes
/// `start..old_end` of the old text were replaced by `start..new_end` of the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}
