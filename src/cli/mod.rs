//! `griffel check`: rustc-style and JSON output.
