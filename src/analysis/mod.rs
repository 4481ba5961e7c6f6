//! Meaning: question/answer pairing, footnote numbering, paper references, diagnostics.

pub mod config;
pub mod diagnostics;

pub use config::Config;
pub use diagnostics::{Diagnostic, Lang, Related, Severity};
