//! Pure parse: line lexer -> block builder -> `Report`, with an incremental re-lex of edited lines.

pub mod model;
pub mod papers;

pub use model::*;
