//! Meaning: question/answer pairing, footnote numbering, paper references, placeholders and
//! fracties, each rule with a stable code (see `diagnostics::CODES`).

pub mod config;
pub mod diagnostics;
pub mod fracties;
pub mod limits;
pub mod notes;
mod papers;
mod placeholders;
mod qa;
pub mod xref;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use ropey::Rope;

pub use config::Config;
pub use diagnostics::{Diagnostic, Lang, Related, Severity};
pub use notes::NoteIndex;
pub use xref::Xrefs;

use crate::syntax::{Parse, Report};

/// Read access to the analysed text, so rules can quote it whether it is a `&str` or a rope.
pub trait Source {
    fn slice(&self, range: Range<usize>) -> Cow<'_, str>;
    /// The rope, when the text is one (to compare ranges without copying).
    fn rope(&self) -> Option<&Rope> {
        None
    }
}

impl Source for &str {
    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        Cow::Borrowed(self.get(range).unwrap_or(""))
    }
}

impl Source for Rope {
    fn rope(&self) -> Option<&Rope> {
        Some(self)
    }

    fn slice(&self, range: Range<usize>) -> Cow<'_, str> {
        let end = range.end.min(self.len_bytes());
        let start = range.start.min(end);
        // Most ranges lie inside one chunk: borrow it rather than build a RopeSlice.
        if let Some((chunk, chunk_start, _, _)) = self.get_chunk_at_byte(start) {
            if end <= chunk_start + chunk.len() {
                if let Some(s) = chunk.get(start - chunk_start..end - chunk_start) {
                    return Cow::Borrowed(s);
                }
            }
        }
        match self.get_byte_slice(start..end) {
            Some(s) => s.into(),
            None => Cow::Borrowed(""),
        }
    }
}

/// Everything known about one version of a document: what the editor features read.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub text: Rope,
    pub report: Arc<Report>,
    pub notes: NoteIndex,
    /// Cross-references between answers, resolved (see `xref`).
    pub xrefs: Arc<Xrefs>,
    pub diagnostics: Vec<Diagnostic>,
    /// What the next version can reuse (see `xref::cache`).
    xref_cache: Arc<xref::cache::Cache>,
}

impl Analysis {
    pub fn new(text: Rope, report: Arc<Report>, cfg: &Config) -> Analysis {
        Analysis::new_after(text, report, cfg, None)
    }

    /// [`Analysis::new`], reusing the cross-reference work of `previous` (an analysis of an
    /// earlier version of the same document) for every paragraph whose text is unchanged.
    /// The result is the same as `Analysis::new`'s.
    pub fn new_after(
        text: Rope,
        report: Arc<Report>,
        cfg: &Config,
        previous: Option<&Analysis>,
    ) -> Analysis {
        let notes = NoteIndex::new(&report);
        let prev = previous.map(|p| xref::cache::Previous {
            report: &p.report,
            src: &p.text,
            cache: &p.xref_cache,
        });
        let (xrefs, cache) = Xrefs::new_after(&report, &text, prev);
        let xrefs = Arc::new(xrefs);
        let diagnostics = diagnose_with(&report, &notes, &xrefs, &text, cfg);
        Analysis {
            text,
            report,
            notes,
            xrefs,
            diagnostics,
            xref_cache: Arc::new(cache),
        }
    }
}

/// Runs every rule over a report and applies the configured severities.
pub fn diagnose(
    report: &Report,
    notes: &NoteIndex,
    src: &dyn Source,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let xrefs = Xrefs::new(report, src);
    diagnose_with(report, notes, &xrefs, src, cfg)
}

/// [`diagnose`] with the cross-references already resolved.
pub fn diagnose_with(
    report: &Report,
    notes: &NoteIndex,
    xrefs: &Xrefs,
    src: &dyn Source,
    cfg: &Config,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let lang = cfg.lang;
    xref::check(report, xrefs, src, lang, &mut out);
    qa::check(report, lang, &mut out);
    notes::check(report, notes, lang, &mut out);
    papers::check(report, src, lang, &mut out);
    placeholders::check(report, src, lang, &mut out);
    fracties::check(report, cfg, &mut out);
    limits::check(report, lang, &mut out);
    out.retain_mut(|d| match cfg.severities.get(d.code) {
        Some(Some(s)) => {
            d.severity = *s;
            true
        }
        Some(None) => false,
        None => true,
    });
    out.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    out
}

/// Parses and analyses a whole text: what `griffel check` runs.
pub fn check_text(text: &str, cfg: &Config) -> Vec<Diagnostic> {
    let parse = Parse::new(text);
    let report = parse.report();
    let notes = NoteIndex::new(report);
    diagnose(report, &notes, &text, cfg)
}
