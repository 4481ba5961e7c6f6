//! Document text: a rope, position encodings and edits. Knows nothing of reports.
//!
//! Inside the core every position is a byte offset; [`Document`] converts between those
//! and protocol positions (line, column in UTF-8, UTF-16 or UTF-32 units). Lines end at
//! `\n`, `\r\n` or a lone `\r`, as LSP counts them. All conversions are total: out-of-range
//! input is clamped, never a panic.

mod document;
mod position;
mod position_cache;
mod spans;
#[cfg(test)]
mod tests;

pub use document::{ChangeOutcome, Document};
pub use position::{position_encoding_from_client, Position, PositionEncoding};
pub use position_cache::{PositionCache, Step};
pub use ropey::Rope;
pub use spans::{line_spans, LineSpan};

/// What an edit did, in byte offsets (as tree-sitter's `InputEdit`): the bytes
/// `start..old_end` of the old text were replaced by `start..new_end` of the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}
