//! The `LanguageServer` implementation: lifecycle, text sync, configuration and the requests.
//! Each request is one small function; features live in `crate::ide`.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use super::convert;
use super::settings::{Settings, SyncMode};
use super::store::{Snapshot, Store};
use crate::analysis::limits;
use crate::ide;
use crate::text::{position_encoding_from_client, PositionEncoding};

/// Switches for tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Make `griffel/debugPanic` panic inside its computation, to test panic isolation.
    pub debug_panic: bool,
    /// Leave every message to tower-lsp's router, even those the transport handles itself
    /// (`super::direct`): to hold the two paths' answers equal.
    pub through_tower: bool,
}

/// What the client told us it can do, read once at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
struct ClientFlags {
    /// It pulls diagnostics (`textDocument/diagnostic`), so we do not push.
    pull_diagnostics: bool,
    pull_refresh: bool,
    configuration: bool,
    dynamic_configuration: bool,
    definition_links: bool,
}

struct State {
    store: Store,
    settings: Settings,
    /// The sync kind announced at `initialize`; a later change needs a restart.
    announced_sync: SyncMode,
    encoding: PositionEncoding,
    flags: ClientFlags,
    /// Bumped on every configuration change: part of the pull diagnostics' result id.
    config_generation: u64,
    /// What the client takes in edits, completion and semantic tokens.
    edit_flags: super::editing::EditFlags,
}

/// The parts a background diagnostics task needs; cheap to clone.
#[derive(Clone)]
pub(super) struct Shared {
    client: Client,
    state: Arc<Mutex<State>>,
    /// Held from the "is this still the current version?" check until the notification is
    /// queued, so an older result can never be sent after a newer one.
    publish: Arc<tokio::sync::Mutex<()>>,
    /// The transport's output queue, when serving over a byte stream (see `transport`):
    /// diagnostics are serialised straight into a frame and queued there. tower-lsp would
    /// build a `serde_json::Value` tree of the whole notification first and write it through
    /// a pipe, most of a keystroke's time on a report with thousands of diagnostics. Weak,
    /// so that the output ends when the transport's own senders are gone.
    raw: Arc<OnceLock<tokio::sync::mpsc::WeakSender<super::transport::Out>>>,
    /// Where the session is: [`UNINITIALIZED`], [`RUNNING`] or [`SHUT_DOWN`]. tower-lsp keeps its
    /// own; this one is for the text-sync notifications the transport applies itself.
    lifecycle: Arc<AtomicU8>,
}

const UNINITIALIZED: u8 = 0;
const RUNNING: u8 = 1;
const SHUT_DOWN: u8 = 2;

impl Shared {
    /// The state lock. Never held across an `.await`; a poisoned lock (a panic while held,
    /// which the code avoids) is taken over rather than propagated.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Cheap to clone: the transport answers some requests itself through a clone
/// (`super::direct`).
#[derive(Clone)]
pub struct Server {
    shared: Shared,
    options: Options,
}

impl Server {
    pub fn new(client: Client, options: Options) -> Server {
        let settings = Settings::default();
        Server {
            shared: Shared {
                client,
                state: Arc::new(Mutex::new(State {
                    store: Store::default(),
                    announced_sync: settings.sync,
                    settings,
                    encoding: PositionEncoding::Utf16,
                    flags: ClientFlags::default(),
                    config_generation: 0,
                    edit_flags: Default::default(),
                })),
                publish: Arc::default(),
                raw: Arc::default(),
                lifecycle: Arc::new(AtomicU8::new(UNINITIALIZED)),
            },
            options,
        }
    }

    /// Hands the server the transport's output queue for whole frames (see `Shared::raw`).
    pub(super) fn set_raw_output(
        &self,
        frames: tokio::sync::mpsc::WeakSender<super::transport::Out>,
    ) {
        let _ = self.shared.raw.set(frames);
    }

    /// Between `initialize` and `shutdown`: the transport handles messages itself only then
    /// (`super::direct`); before and after, tower-lsp answers and drops as the protocol says.
    /// Never with [`Options::through_tower`].
    pub(super) fn running(&self) -> bool {
        self.shared.lifecycle.load(Ordering::Acquire) == RUNNING && !self.options.through_tower
    }

    pub(super) fn shared(&self) -> &Shared {
        &self.shared
    }

    fn snapshot(&self, uri: &Uri) -> Result<Snapshot> {
        let st = self.shared.lock();
        st.store
            .snapshot(uri, st.encoding)
            .ok_or_else(|| Error::invalid_params(format!("unknown document {}", uri.as_str())))
    }

    /// Runs `f` on a snapshot of `uri` on a blocking thread. A panic inside becomes an
    /// InternalError response and the server keeps serving.
    async fn with_snapshot<T, F>(&self, uri: &Uri, f: F) -> Result<T>
    where
        F: FnOnce(&Snapshot) -> T + Send + 'static,
        T: Send + 'static,
    {
        let snap = self.snapshot(uri)?;
        run_blocking(move || f(&snap)).await
    }

    fn lang(&self) -> crate::analysis::Lang {
        self.shared.lock().settings.config.lang
    }

    /// Applies new settings: analyses are redone and diagnostics refreshed.
    async fn apply_settings(&self, value: &Value) {
        let (settings, warnings) = Settings::from_json(value);
        for w in &warnings {
            warn!("{w}");
        }
        let (uris, flags) = {
            let mut st = self.shared.lock();
            if settings.sync != st.announced_sync {
                warn!(
                    "settings: sync {:?} takes effect after a restart",
                    settings.sync
                );
            }
            st.store.set_config(settings.config.clone());
            st.settings = settings;
            st.config_generation += 1;
            (st.store.uris(), st.flags)
        };
        info!("configuration applied");
        for uri in uris {
            let version = self.shared.lock().store.version(&uri);
            if let Some(version) = version {
                schedule_diagnostics(&self.shared, uri, version, 0);
            }
        }
        if flags.pull_diagnostics && flags.pull_refresh {
            ask(
                "workspace/diagnostic/refresh",
                self.shared.client.workspace_diagnostic_refresh(),
            )
            .await;
        }
    }

    /// Asks the client for the `griffel` section (`workspace/configuration`).
    async fn pull_settings(&self) {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("griffel".to_string()),
        };
        let values = ask(
            "workspace/configuration",
            self.shared.client.configuration(vec![item]),
        )
        .await;
        if let Some(v) = values
            .as_ref()
            .and_then(|v| v.first())
            .filter(|v| !v.is_null())
        {
            self.apply_settings(v).await;
        }
    }

    /// A request that panics inside its computation, when enabled: tests panic isolation.
    pub async fn debug_panic(&self, params: TextDocumentPositionParams) -> Result<Value> {
        let enabled = self.options.debug_panic;
        self.with_snapshot(&params.text_document.uri, move |_| {
            if enabled {
                panic!("griffel/debugPanic");
            }
            Value::Null
        })
        .await
    }
}

/// How long we wait for the client to answer one of our requests. A client that has gone
/// away never answers, and tower-lsp waits for every handler before it ends the session.
const CLIENT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Awaits a request to the client, giving up after [`CLIENT_TIMEOUT`].
async fn ask<T>(what: &str, fut: impl std::future::Future<Output = Result<T>>) -> Option<T> {
    match tokio::time::timeout(CLIENT_TIMEOUT, fut).await {
        Ok(Ok(v)) => Some(v),
        Ok(Err(e)) => {
            debug!("{what} failed: {e}");
            None
        }
        Err(_) => {
            warn!("{what}: no answer from the client");
            None
        }
    }
}

/// Runs `f` on tokio's blocking pool and maps a panic to an InternalError.
async fn run_blocking<T, F>(f: F) -> Result<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    match tokio::task::spawn_blocking(f).await {
        Ok(v) => Ok(v),
        Err(e) if e.is_panic() => {
            error!("a request panicked: {e}");
            Err(Error {
                code: ErrorCode::InternalError,
                message: "griffel: internal error (the request panicked; see the server log)"
                    .into(),
                data: None,
            })
        }
        Err(_) => Err(Error::request_cancelled()),
    }
}

/// The document's diagnostics as LSP sends them: at most `limits::MAX_PUBLISHED`, the most
/// severe first, with a GRF902 when some were left out.
fn diagnostics_of(snap: &Snapshot, uri: &Uri) -> Vec<Diagnostic> {
    let a = snap.analysis();
    convert::diagnostics(snap, uri, &published(snap, &a))
}

/// The analysis' diagnostics as an editor is sent them (`limits::published`).
fn published<'a>(
    snap: &Snapshot,
    a: &'a crate::analysis::Analysis,
) -> std::borrow::Cow<'a, [crate::analysis::Diagnostic]> {
    limits::published(&a.diagnostics, limits::MAX_PUBLISHED, snap.config().lang)
}

/// A `publishDiagnostics` ready to send: a whole frame for the transport's queue, or the
/// parameters for tower-lsp's client (in-memory use, as the tests drive the service).
enum Outgoing {
    Frame(Vec<u8>),
    Params(PublishDiagnosticsParams),
}

impl Outgoing {
    /// The published diagnostics of `snap`: serialised into a frame when `raw`.
    fn new(raw: bool, snap: &Snapshot, uri: Uri, version: Option<i32>) -> Outgoing {
        let a = snap.analysis();
        let published = published(snap, &a);
        if raw {
            match convert::publish_frame(snap, &uri, &published, version) {
                Ok(frame) => return Outgoing::Frame(frame),
                // Cannot happen for these types; tower-lsp's path reports its own errors.
                Err(e) => error!("publishDiagnostics could not be serialised: {e}"),
            }
        }
        let diagnostics = convert::diagnostics(snap, &uri, &published);
        Outgoing::Params(PublishDiagnosticsParams::new(uri, diagnostics, version))
    }

    /// Clears the diagnostics of a closed document, on the same path as the diagnostics went
    /// (a clear must not overtake them, nor they it).
    fn clear(raw: bool, uri: Uri) -> Outgoing {
        let params = PublishDiagnosticsParams::new(uri, Vec::new(), None);
        if raw {
            if let Ok(frame) =
                convert::notification_frame("textDocument/publishDiagnostics", &params, 256)
            {
                return Outgoing::Frame(frame);
            }
        }
        Outgoing::Params(params)
    }
}

pub(super) fn did_open(shared: &Shared, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let (uri, version) = (doc.uri, doc.version);
    // The text goes into the rope and is dropped before the parse: a 10 MB report is not held
    // twice while its line table is built.
    shared.lock().store.open(uri.clone(), doc.text, version);
    schedule_diagnostics(shared, uri, version, 0);
}

pub(super) fn did_change(shared: &Shared, params: DidChangeTextDocumentParams) {
    // Applied synchronously, before any await: notifications start in arrival order, so
    // edits are applied in that order even though handlers run concurrently.
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let t = std::time::Instant::now();
    let (changed, delay) = {
        let mut st = shared.lock();
        let enc = st.encoding;
        let changed = st.store.change(&uri, version, &params.content_changes, enc);
        (changed, st.settings.diagnostics_delay_ms)
    };
    debug!("didChange v{version} applied in {:?}", t.elapsed());
    let Some(changed) = changed else {
        warn!(
            "didChange for a document that is not open: {}",
            uri.as_str()
        );
        return;
    };
    if changed.clamped > 0 {
        warn!(
            "didChange {} v{version}: {} change(s) with a range outside the text, clamped",
            uri.as_str(),
            changed.clamped
        );
    }
    if version <= changed.previous_version {
        warn!(
            "didChange {}: version went from {} to {version}",
            uri.as_str(),
            changed.previous_version
        );
    }
    schedule_diagnostics(shared, uri, version, delay);
}

/// Forgets the document; returns the clearing of its diagnostics to send, when there is one.
pub(super) fn did_close(
    shared: &Shared,
    params: DidCloseTextDocumentParams,
) -> Option<impl std::future::Future<Output = ()> + Send + 'static> {
    let uri = params.text_document.uri;
    let (known, push) = {
        let mut st = shared.lock();
        (st.store.close(&uri), !st.flags.pull_diagnostics)
    };
    let shared = shared.clone();
    (known && push).then_some(async move {
        let raw = shared.raw.get().is_some();
        let _order = shared.publish.lock().await;
        publish(&shared, Outgoing::clear(raw, uri)).await;
    })
}

/// Sends a `publishDiagnostics`. The caller holds `Shared::publish`, so notifications leave in
/// the order their versions were checked.
async fn publish(shared: &Shared, out: Outgoing) {
    match out {
        Outgoing::Frame(frame) => {
            if let Some(tx) = shared.raw.get().and_then(|w| w.upgrade()) {
                let _ = tx.send(super::transport::Out::Frame(frame)).await;
            }
        }
        Outgoing::Params(p) => {
            shared
                .client
                .publish_diagnostics(p.uri, p.diagnostics, p.version)
                .await
        }
    }
}

/// Computes and pushes diagnostics for `version` of `uri` after `delay_ms`, unless the
/// document has moved on by then (a later change schedules its own run) or by the time the
/// result is ready (then it is stale and dropped).
fn schedule_diagnostics(shared: &Shared, uri: Uri, version: i32, delay_ms: u64) {
    if shared.lock().flags.pull_diagnostics {
        return;
    }
    let shared = shared.clone();
    tokio::spawn(async move {
        if delay_ms > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
        } else {
            tokio::task::yield_now().await;
        }
        let snap = {
            let st = shared.lock();
            if st.store.version(&uri) != Some(version) {
                return;
            }
            st.store.snapshot(&uri, st.encoding)
        };
        let Some(snap) = snap else { return };
        let task_uri = uri.clone();
        let raw = shared.raw.get().is_some();
        debug!("diagnostics v{version}: starting");
        let out = run_blocking(move || {
            let t = std::time::Instant::now();
            let n = snap.analysis().diagnostics.len();
            let analysed = t.elapsed();
            let out = Outgoing::new(raw, &snap, task_uri, Some(version));
            debug!(
                "diagnostics v{version}: {n}; analysis {analysed:?}, positions and JSON {:?}",
                t.elapsed() - analysed
            );
            out
        });
        let out = match out.await {
            Ok(d) => d,
            Err(e) => {
                error!("diagnostics for {} failed: {}", uri.as_str(), e.message);
                return;
            }
        };
        let _order = shared.publish.lock().await;
        if shared.lock().store.version(&uri) != Some(version) {
            debug!("dropping stale diagnostics for {} v{version}", uri.as_str());
            return;
        }
        publish(&shared, out).await;
        debug!("diagnostics v{version}: queued; {}", super::heap_summary());
    });
}

fn capabilities(sync: SyncMode, encoding: PositionEncoding) -> ServerCapabilities {
    let change = match sync {
        SyncMode::Incremental => TextDocumentSyncKind::INCREMENTAL,
        SyncMode::Full => TextDocumentSyncKind::FULL,
    };
    ServerCapabilities {
        position_encoding: Some(match encoding {
            PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
            PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(change),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(true),
        }),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("griffel".to_string()),
            inter_file_dependencies: false,
            workspace_diagnostics: false,
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    }
}

fn client_flags(caps: &ClientCapabilities) -> ClientFlags {
    let td = caps.text_document.as_ref();
    let ws = caps.workspace.as_ref();
    ClientFlags {
        pull_diagnostics: td.is_some_and(|t| t.diagnostic.is_some()),
        pull_refresh: ws
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false),
        configuration: ws.and_then(|w| w.configuration).unwrap_or(false),
        dynamic_configuration: ws
            .and_then(|w| w.did_change_configuration.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        definition_links: td
            .and_then(|t| t.definition.as_ref())
            .and_then(|d| d.link_support)
            .unwrap_or(false),
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered: Vec<&str> = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .map(|v| v.iter().map(|e| e.as_str()).collect())
            .unwrap_or_default();
        let encoding = position_encoding_from_client(&offered);
        let (settings, warnings) = Settings::from_json(
            params
                .initialization_options
                .as_ref()
                .unwrap_or(&Value::Null),
        );
        for w in &warnings {
            warn!("{w}");
        }
        let flags = client_flags(&params.capabilities);
        let sync = settings.sync;
        {
            let mut st = self.shared.lock();
            st.encoding = encoding;
            st.flags = flags;
            st.edit_flags = super::editing::EditFlags::from_capabilities(&params.capabilities);
            st.announced_sync = sync;
            st.store.set_config(settings.config.clone());
            st.settings = settings;
        }
        info!(
            "initialize: encoding {}, sync {sync:?}, {} diagnostics",
            encoding.as_str(),
            if flags.pull_diagnostics {
                "pull"
            } else {
                "push"
            }
        );
        self.shared.lifecycle.store(RUNNING, Ordering::Release);
        Ok(InitializeResult {
            capabilities: super::editing::with_capabilities(capabilities(sync, encoding)),
            server_info: Some(ServerInfo {
                name: "griffel".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let flags = self.shared.lock().flags;
        if flags.dynamic_configuration {
            let reg = Registration {
                id: "griffel-configuration".to_string(),
                method: "workspace/didChangeConfiguration".to_string(),
                register_options: None,
            };
            ask(
                "client/registerCapability",
                self.shared.client.register_capability(vec![reg]),
            )
            .await;
        }
        if flags.configuration {
            self.pull_settings().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        info!("shutdown");
        self.shared.lifecycle.store(SHUT_DOWN, Ordering::Release);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        did_open(&self.shared, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        did_change(&self.shared, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        if let Some(clear) = did_close(&self.shared, params) {
            clear.await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pull = self.shared.lock().flags.configuration;
        if Settings::present_in(&params.settings) {
            self.apply_settings(&params.settings).await;
        } else if pull {
            self.pull_settings().await;
        }
    }

    // Editing help (`super::editing`): code actions, completion, semantic tokens, inlay hints,
    // rename, highlight, selection range, workspace symbols.

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let flags = self.shared.lock().edit_flags;
        let uri = params.text_document.uri.clone();
        self.with_snapshot(&uri.clone(), move |s| {
            Some(super::editing::code_actions(s, &uri, params, flags))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let flags = self.shared.lock().edit_flags;
        let p = params.text_document_position;
        self.with_snapshot(&p.text_document.uri, move |s| {
            super::editing::completion(s, p.position, flags)
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let flags = self.shared.lock().edit_flags;
        self.with_snapshot(&params.text_document.uri, move |s| {
            Some(super::editing::semantic_tokens(s, None, flags).into())
        })
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let flags = self.shared.lock().edit_flags;
        self.with_snapshot(&params.text_document.uri, move |s| {
            Some(super::editing::semantic_tokens(s, Some(params.range), flags).into())
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let lang = self.lang();
        self.with_snapshot(&params.text_document.uri, move |s| {
            Some(super::editing::inlay_hints(s, params.range, lang))
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        self.with_snapshot(&params.text_document.uri, move |s| {
            super::editing::prepare_rename(s, params.position)
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let (flags, lang) = {
            let st = self.shared.lock();
            (st.edit_flags, st.settings.config.lang)
        };
        let p = params.text_document_position;
        let uri = p.text_document.uri.clone();
        let new_name = params.new_name;
        self.with_snapshot(&p.text_document.uri, move |s| {
            super::editing::rename(s, &uri, p.position, &new_name, lang, flags)
        })
        .await?
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let p = params.text_document_position_params;
        self.with_snapshot(&p.text_document.uri, move |s| {
            super::editing::highlights(s, p.position)
        })
        .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.with_snapshot(&params.text_document.uri, move |s| {
            Some(super::editing::selection_ranges(s, &params.positions))
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (docs, lang) = {
            let st = self.shared.lock();
            let docs: Vec<(Uri, Snapshot)> = st
                .store
                .uris()
                .into_iter()
                .filter_map(|u| st.store.snapshot(&u, st.encoding).map(|s| (u, s)))
                .collect();
            (docs, st.settings.config.lang)
        };
        let query = params.query;
        run_blocking(move || {
            Some(WorkspaceSymbolResponse::Nested(
                super::editing::workspace_symbols(&docs, &query, lang),
            ))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let lang = self.lang();
        self.with_snapshot(&p.text_document.uri, move |s| {
            let a = s.analysis();
            let h = ide::hover(&a, convert::offset(s, p.position), lang)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(convert::range(s, h.range)),
            })
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let uri = p.text_document.uri.clone();
        let links = self.shared.lock().flags.definition_links;
        self.with_snapshot(&p.text_document.uri, move |s| {
            let a = s.analysis();
            let offset = convert::offset(s, p.position);
            let targets = ide::definition(&a, offset);
            if targets.is_empty() {
                return None;
            }
            if links {
                Some(GotoDefinitionResponse::Link(
                    targets
                        .into_iter()
                        .map(|t| LocationLink {
                            origin_selection_range: None,
                            target_uri: uri.clone(),
                            target_range: convert::range(s, t.range),
                            target_selection_range: convert::range(s, t.focus),
                        })
                        .collect(),
                ))
            } else {
                Some(GotoDefinitionResponse::Array(
                    targets
                        .into_iter()
                        .map(|t| Location::new(uri.clone(), convert::range(s, t.focus)))
                        .collect(),
                ))
            }
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let uri = p.text_document.uri.clone();
        let include = params.context.include_declaration;
        self.with_snapshot(&p.text_document.uri, move |s| {
            let a = s.analysis();
            let found = ide::references(&a, convert::offset(s, p.position), include);
            (!found.is_empty()).then(|| {
                found
                    .into_iter()
                    .map(|r| Location::new(uri.clone(), convert::range(s, r)))
                    .collect()
            })
        })
        .await
    }

    /// One lens per question, worked out when the editor shows it (`codeLens/resolve`): a
    /// 10 MB report has 10 000 questions, and their lenses in full were 10 MB to answer.
    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let uri = params.text_document.uri.clone();
        self.with_snapshot(&params.text_document.uri, move |s| {
            let a = s.analysis();
            Some(
                ide::lens_places(&a)
                    .map(|(q, r)| CodeLens {
                        range: convert::range(s, r),
                        command: None,
                        data: Some(serde_json::json!([uri, q])),
                    })
                    .collect(),
            )
        })
        .await
    }

    /// The lens of the question whose text starts where the lens stands, in the document as it
    /// is now; unresolved (no command) when no question starts there any more.
    async fn code_lens_resolve(&self, lens: CodeLens) -> Result<CodeLens> {
        let lang = self.lang();
        let uri = lens
            .data
            .as_ref()
            .and_then(|d| d.get(0))
            .and_then(|u| u.as_str())
            .and_then(|u| u.parse::<Uri>().ok())
            .ok_or_else(|| Error::invalid_params("a code lens without its document"))?;
        let task_uri = uri.clone();
        self.with_snapshot(&uri, move |s| {
            let a = s.analysis();
            let at = convert::offset(s, lens.range.start);
            match ide::lens_at(&a, at).and_then(|q| ide::code_lens(&a, q, lang)) {
                Some(l) => code_lens(s, &task_uri, l),
                None => lens,
            }
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let lang = self.lang();
        self.with_snapshot(&params.text_document.uri, move |s| {
            let a = s.analysis();
            let symbols = ide::document_symbols(&a, lang);
            Some(DocumentSymbolResponse::Nested(
                symbols.into_iter().map(|x| symbol(s, x)).collect(),
            ))
        })
        .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.with_snapshot(&params.text_document.uri, |s| {
            let a = s.analysis();
            let folds = ide::folding_ranges(&a)
                .into_iter()
                .filter_map(|f| {
                    let r = convert::range(s, f.range);
                    // A fold is whole lines; one line has nothing to fold.
                    (r.end.line > r.start.line).then(|| FoldingRange {
                        start_line: r.start.line,
                        end_line: r.end.line,
                        kind: Some(match f.kind {
                            ide::FoldKind::Header => FoldingRangeKind::Imports,
                            ide::FoldKind::Region => FoldingRangeKind::Region,
                        }),
                        ..Default::default()
                    })
                })
                .collect();
            Some(folds)
        })
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.with_snapshot(&params.text_document.uri, |s| {
            let a = s.analysis();
            let links = ide::document_links(&a)
                .into_iter()
                .map(|l| DocumentLink {
                    range: convert::range(s, l.range),
                    target: l.target.parse().ok(),
                    tooltip: l.tooltip,
                    data: None,
                })
                .collect();
            Some(links)
        })
        .await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let generation = self.shared.lock().config_generation;
        let previous = params.previous_result_id;
        let task_uri = uri.clone();
        self.with_snapshot(&uri, move |s| {
            // The result depends only on the text version and the configuration.
            let result_id = format!("{}-{generation}", s.version);
            let report = if previous.as_deref() == Some(result_id.as_str()) {
                DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                    related_documents: None,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                })
            } else {
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                    related_documents: None,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items: diagnostics_of(s, &task_uri),
                    },
                })
            };
            DocumentDiagnosticReportResult::Report(report)
        })
        .await
    }
}

/// A lens whose command shows the referring places (`griffel.showReferences`, arguments as
/// VS Code's `editor.action.showReferences`: uri, position, locations).
fn code_lens(s: &Snapshot, uri: &Uri, l: ide::Lens) -> CodeLens {
    let range = convert::range(s, l.range);
    let locations: Vec<Location> = l
        .refs
        .into_iter()
        .map(|r| Location::new(uri.clone(), convert::range(s, r)))
        .collect();
    CodeLens {
        range,
        command: Some(Command {
            title: l.title,
            command: "griffel.showReferences".to_string(),
            arguments: Some(vec![
                serde_json::json!(uri),
                serde_json::json!(range.start),
                serde_json::json!(locations),
            ]),
        }),
        data: None,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must be named to build the struct.
fn symbol(s: &Snapshot, x: ide::Symbol) -> DocumentSymbol {
    DocumentSymbol {
        name: x.name,
        detail: x.detail,
        kind: match x.kind {
            ide::SymbolKind::Header => SymbolKind::NAMESPACE,
            ide::SymbolKind::Section => SymbolKind::MODULE,
            ide::SymbolKind::Fractie => SymbolKind::CLASS,
            ide::SymbolKind::Topic => SymbolKind::STRUCT,
            ide::SymbolKind::Question => SymbolKind::STRING,
        },
        tags: None,
        deprecated: None,
        range: convert::range(s, x.range),
        selection_range: convert::range(s, x.selection),
        children: Some(x.children.into_iter().map(|c| symbol(s, c)).collect()),
    }
}
