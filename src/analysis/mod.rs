//! Meaning: question/answer pairing, footnote numbering, paper references, placeholders and
//! fracties, each rule with a stable code (see `diagnostics::CODES`).

pub mod config;
pub mod diagnostics;
pub mod fracties;
mod incremental;
pub mod limits;
pub mod notes;
mod papers;
mod placeholders;
mod qa;
pub mod xref;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, Mutex};

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
    pub notes: Arc<NoteIndex>,
    /// Cross-references between answers, resolved (see `xref`).
    pub xrefs: Arc<Xrefs>,
    pub diagnostics: Vec<Diagnostic>,
    /// The document's analyses over its versions, shared by every analysis of it: holds the
    /// last version analysed and what the next one reuses (see `incremental`). Empty while an
    /// update runs, so an update that did not finish leaves nothing half changed.
    engine: Arc<Mutex<Option<incremental::Engine>>>,
}

impl Analysis {
    pub fn new(text: Rope, report: Arc<Report>, cfg: &Config) -> Analysis {
        Analysis::new_after(text, report, cfg, None)
    }

    /// [`Analysis::new`], reusing the work of `previous` (an analysis of an earlier version
    /// of the same document, or of any version analysed since: the work is shared) for
    /// everything the edits between them did not touch. The result is the same as
    /// `Analysis::new`'s.
    pub fn new_after(
        text: Rope,
        report: Arc<Report>,
        cfg: &Config,
        previous: Option<&Analysis>,
    ) -> Analysis {
        let engine = previous.map_or_else(Arc::default, |p| p.engine.clone());
        let out = {
            let mut slot = match engine.lock() {
                Ok(g) => g,
                Err(e) => e.into_inner(),
            };
            match slot.take().filter(|e| !e.worn()) {
                Some(mut e) => {
                    let out = e.next(&text, &report, cfg);
                    *slot = Some(e);
                    out
                }
                None => {
                    let (e, out) = incremental::Engine::fresh(&text, &report, cfg);
                    *slot = Some(e);
                    out
                }
            }
        };
        Analysis {
            text,
            report,
            notes: out.notes,
            xrefs: Arc::new(out.xrefs),
            diagnostics: out.diagnostics,
            engine,
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
    incremental::Rules::fresh(report, notes, src, cfg).assemble(report, xrefs, src, cfg)
}

/// Parses and analyses a whole text: what `griffel check` runs.
pub fn check_text(text: &str, cfg: &Config) -> Vec<Diagnostic> {
    let parse = Parse::new(text);
    let report = parse.report();
    let notes = NoteIndex::new(report);
    diagnose(report, &notes, &text, cfg)
}
