//! `griffel check`: rustc-style and JSON output. The only part of the crate besides `lsp`
//! that does IO.

pub mod args;
pub mod check;
pub mod fix;
mod human;
mod json;

pub use args::{CheckArgs, Cli, Command, Format};
pub use check::run as run_check;
pub use fix::{run as run_fix, FixArgs};
