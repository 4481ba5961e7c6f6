//! griffel: a language server and checker for Dutch parliamentary reports.
//!
//! Layers, arrows pointing one way (see ARCHITECTURE.md):
//! `lsp`, `cli` -> `ide` -> `analysis` -> `syntax` -> `text`.
//!
//! Invariants: the core (`text`, `syntax`, `analysis`, `ide`) never panics and never does IO;
//! every position inside it is a byte offset into the current text; only `lsp` knows LSP types.

pub mod analysis;
pub mod cli;
pub mod ide;
pub mod lsp;
pub mod syntax;
pub mod synth;
pub mod text;
