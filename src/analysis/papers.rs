//! References to parliamentary papers: malformed ones and ones not in house style.

use super::diagnostics::{Diagnostic, Lang};
use super::Source;
use crate::syntax::Report;

pub fn check(_report: &Report, _src: &dyn Source, _lang: Lang, _out: &mut Vec<Diagnostic>) {}
