//! Open documents: text, version and parse, and immutable snapshots for requests.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use crate::analysis::{Analysis, Config};
use crate::syntax::{Parse, Report};
use crate::text::{Document, Position, PositionCache, PositionEncoding, Step};

/// One open document. The analysis is computed on first use and shared by every snapshot
/// of this version, so diagnostics and requests do not redo it.
struct Open {
    doc: Document,
    version: i32,
    parse: Parse,
    analysis: Arc<OnceLock<Arc<Analysis>>>,
    /// The last analysis computed of this document, of whatever version: the next one reuses
    /// its cross-reference work (`Analysis::new_after`).
    last: Last,
    /// Counts the edits applied, whatever the client's versions do: names a text for
    /// `positions`.
    edits: u64,
    /// The diagnostics' positions last published, carried across the edits since.
    positions: Arc<Mutex<PositionCache>>,
}

type Last = Arc<Mutex<Option<Arc<Analysis>>>>;

/// What a request or a diagnostics run works on: one version of one document. Cloning is
/// cheap (rope and report are shared), and edits after it was taken do not affect it.
#[derive(Clone)]
pub struct Snapshot {
    pub doc: Document,
    pub version: i32,
    pub encoding: PositionEncoding,
    /// The report only, not the `Parse`: cloning its per-line cache would copy the document's
    /// whole line table on every request.
    report: Arc<Report>,
    config: Arc<Config>,
    analysis: Arc<OnceLock<Arc<Analysis>>>,
    last: Last,
    edits: u64,
    positions: Arc<Mutex<PositionCache>>,
}

impl Snapshot {
    /// The positions of many offsets of this version in its encoding, reusing the document's
    /// last conversion where the edits since allow (`text::PositionCache`).
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        match self.positions.lock() {
            Ok(mut cache) => {
                let t = std::time::Instant::now();
                let p = cache.positions(&self.doc, self.edits, offsets, self.encoding);
                tracing::debug!(
                    "positions: {} of {} carried over, in {:?}",
                    cache.reused(),
                    offsets.len(),
                    t.elapsed()
                );
                p
            }
            Err(_) => self.doc.offsets_to_positions(offsets, self.encoding),
        }
    }

    /// The configuration this snapshot is analysed with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The analysis of this version, computed once. May take a while on a large document:
    /// call it off the async threads (in `spawn_blocking`).
    pub fn analysis(&self) -> Arc<Analysis> {
        self.analysis
            .get_or_init(|| {
                let previous = self.last.lock().ok().and_then(|l| l.clone());
                let a = Arc::new(Analysis::new_after(
                    self.doc.rope().clone(),
                    self.report.clone(),
                    &self.config,
                    previous.as_deref(),
                ));
                let retired = self.last.lock().ok().and_then(|mut l| l.replace(a.clone()));
                // Freeing an analysis of a large report takes milliseconds: not while the
                // diagnostics that are waiting for this one are. (Our own reference goes
                // first, so that the last one is the retired one's.)
                drop(previous);
                if let (Some(old), Ok(rt)) = (retired, tokio::runtime::Handle::try_current()) {
                    rt.spawn_blocking(move || drop(old));
                }
                a
            })
            .clone()
    }
}

/// The result of applying one `didChange`.
pub struct Changed {
    /// How many content changes had a range that did not address the text exactly.
    pub clamped: usize,
    /// The version before, to log a client that goes backwards.
    pub previous_version: i32,
}

#[derive(Default)]
pub struct Store {
    docs: HashMap<Uri, Open>,
    config: Arc<Config>,
}

impl Store {
    pub fn open(&mut self, uri: Uri, text: String, version: i32) {
        let doc = Document::new(&text);
        // Not held beside the line table the parse builds.
        drop(text);
        let parse = Parse::from_rope(doc.rope());
        self.docs.insert(
            uri,
            Open {
                doc,
                version,
                parse,
                analysis: Arc::default(),
                last: Arc::default(),
                edits: 0,
                positions: Arc::default(),
            },
        );
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.docs.remove(uri).is_some()
    }

    /// Applies the changes in order; `None` when the document is not open. Each ranged change
    /// re-lexes only what it touches (`Parse::edit`); a change without a range replaces the text.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        enc: PositionEncoding,
    ) -> Option<Changed> {
        let open = self.docs.get_mut(uri)?;
        let mut clamped = 0;
        for change in changes {
            let range = change.range.map(|r| {
                (
                    Position::new(r.start.line, r.start.character),
                    Position::new(r.end.line, r.end.character),
                )
            });
            let before = open.doc.clone(); // O(1): the rope shares its nodes
            let outcome = open.doc.apply_change(range, &change.text, enc);
            if outcome.clamped {
                clamped += 1;
            }
            open.edits += 1;
            let step = range.map(|_| Step::new(&before, &open.doc, outcome.edit));
            if let Ok(mut cache) = open.positions.lock() {
                cache.record(open.edits, step);
            }
            match range {
                Some(_) => open.parse.edit(open.doc.rope(), outcome.edit),
                None => open.parse = Parse::from_rope(open.doc.rope()),
            }
        }
        let previous_version = open.version;
        open.version = version;
        open.analysis = Arc::default();
        Some(Changed {
            clamped,
            previous_version,
        })
    }

    pub fn snapshot(&self, uri: &Uri, encoding: PositionEncoding) -> Option<Snapshot> {
        let open = self.docs.get(uri)?;
        Some(Snapshot {
            doc: open.doc.clone(),
            version: open.version,
            encoding,
            report: open.parse.report().clone(),
            config: self.config.clone(),
            analysis: open.analysis.clone(),
            last: open.last.clone(),
            edits: open.edits,
            positions: open.positions.clone(),
        })
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.docs.get(uri).map(|o| o.version)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.docs.keys().cloned().collect()
    }

    /// New configuration: every analysis depends on it, so all are dropped.
    pub fn set_config(&mut self, config: Config) {
        self.config = Arc::new(config);
        for open in self.docs.values_mut() {
            open.analysis = Arc::default();
        }
    }
}
