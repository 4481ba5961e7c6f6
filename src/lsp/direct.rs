//! The messages the transport handles itself, past tower-lsp's router: the text-sync
//! notifications, and the requests whose answers grow with the document.
//!
//! tower-lsp turns every result into a `serde_json::Value` tree before writing it, and its codec
//! keeps read and write buffers as large as the largest message it has seen. For a 10 MB report
//! the outline alone is 3.6 MB of JSON, whose tree took the server from 80 to 146 MB (and the
//! pages stayed); the `didOpen` left a 16 MB read buffer. So over a byte stream the transport
//! parses these messages straight into the protocol types, calls the same handlers, and writes
//! each answer with serde straight into a frame. In memory (the tests' `LspService`) the same
//! handlers run behind tower-lsp, so both paths answer alike.
//!
//! Before `initialize` and after `shutdown`, or when the params do not parse, a message is
//! left to tower-lsp, which answers or drops it as the protocol says.

use std::future::Future;
use std::pin::Pin;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::LanguageServer;

use super::server::{did_change, did_close, did_open, Server};
use super::transport::Out;

/// A request's answer, as a whole frame, once computed.
pub type Reply = Pin<Box<dyn Future<Output = Out> + Send>>;

/// The text-sync notifications: applied as they are read, so edits keep their arrival order.
pub const NOTIFICATIONS: &[&str] = &[
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
];

/// The requests whose answers grow with the document.
pub const REQUESTS: &[&str] = &[
    "textDocument/diagnostic",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/documentLink",
    "textDocument/codeLens",
    "textDocument/semanticTokens/full",
    "textDocument/semanticTokens/range",
    "textDocument/inlayHint",
    "textDocument/references",
];

/// What the transport applies or answers itself; see the module docs.
#[derive(Clone)]
pub struct Direct {
    server: Server,
}

impl Direct {
    pub fn new(server: Server) -> Direct {
        Direct { server }
    }

    /// Applies a text-sync notification from its JSON body. False, having done nothing, for a
    /// message that is not one, does not parse, or comes before `initialize` or after
    /// `shutdown`.
    pub fn notify(&self, method: &str, body: &[u8]) -> bool {
        #[derive(Deserialize)]
        struct Notification<T> {
            jsonrpc: String,
            params: T,
        }
        fn parse<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
            serde_json::from_slice::<Notification<T>>(body)
                .ok()
                .filter(|n| n.jsonrpc == "2.0")
                .map(|n| n.params)
        }
        if !self.server.running() {
            return false;
        }
        let shared = self.server.shared();
        match method {
            "textDocument/didOpen" => parse(body).map(|p| did_open(shared, p)).is_some(),
            "textDocument/didChange" => parse(body).map(|p| did_change(shared, p)).is_some(),
            "textDocument/didClose" => parse(body)
                .map(|p| {
                    if let Some(clear) = did_close(shared, p) {
                        tokio::spawn(clear);
                    }
                })
                .is_some(),
            _ => false,
        }
    }

    /// Starts answering a request of [`REQUESTS`]: its id (as JSON) and the future of its
    /// answer, which takes its snapshot of the document when first polled (the transport polls
    /// it at once, so the answer is for the text as it was when the request came). `None` for
    /// a message that is not such a request, does not parse, or comes before `initialize` or
    /// after `shutdown`.
    pub fn request(&self, method: &str, body: &[u8]) -> Option<(Value, Reply)> {
        if !self.server.running() {
            return None;
        }
        let s = self.server.clone();
        match method {
            "textDocument/diagnostic" => answer(body, |p| async move { s.diagnostic(p).await }),
            "textDocument/documentSymbol" => {
                answer(body, |p| async move { s.document_symbol(p).await })
            }
            "textDocument/foldingRange" => {
                answer(body, |p| async move { s.folding_range(p).await })
            }
            "textDocument/documentLink" => {
                answer(body, |p| async move { s.document_link(p).await })
            }
            "textDocument/codeLens" => answer(body, |p| async move { s.code_lens(p).await }),
            "textDocument/semanticTokens/full" => {
                answer(body, |p| async move { s.semantic_tokens_full(p).await })
            }
            "textDocument/semanticTokens/range" => {
                answer(body, |p| async move { s.semantic_tokens_range(p).await })
            }
            "textDocument/inlayHint" => answer(body, |p| async move { s.inlay_hint(p).await }),
            "textDocument/references" => answer(body, |p| async move { s.references(p).await }),
            _ => None,
        }
    }
}

/// Parses the request and starts its handler; the reply serialises the result straight into a
/// frame.
fn answer<P, R, F, Fut>(body: &[u8], handler: F) -> Option<(Value, Reply)>
where
    P: DeserializeOwned,
    R: Serialize + Send + 'static,
    F: FnOnce(P) -> Fut,
    Fut: Future<Output = Result<R>> + Send + 'static,
{
    #[derive(Deserialize)]
    struct Request<P> {
        jsonrpc: String,
        id: Value,
        params: P,
    }
    let r = serde_json::from_slice::<Request<P>>(body).ok()?;
    if r.jsonrpc != "2.0" || !(r.id.is_number() || r.id.is_string()) {
        return None;
    }
    let id = r.id;
    let running = handler(r.params);
    let reply_id = id.clone();
    Some((
        id,
        Box::pin(async move { response_frame(&reply_id, running.await) }),
    ))
}

/// `{"jsonrpc":"2.0","id":…,"result":…}` (or `"error"`), to be written straight to the output.
pub fn response_frame<R: Serialize + Send + 'static>(id: &Value, result: Result<R>) -> Out {
    #[derive(Serialize)]
    struct Success<R> {
        jsonrpc: &'static str,
        id: Value,
        result: R,
    }
    #[derive(Serialize)]
    struct Failure {
        jsonrpc: &'static str,
        id: Value,
        error: tower_lsp_server::jsonrpc::Error,
    }
    let failure = |error| Failure {
        jsonrpc: "2.0",
        id: id.clone(),
        error,
    };
    let out = match result {
        Ok(result) => Out::json(Success {
            jsonrpc: "2.0",
            id: id.clone(),
            result,
        }),
        Err(error) => Out::json(failure(error)),
    };
    out.unwrap_or_else(|e| {
        tracing::error!("a result that does not serialise: {e}");
        let internal = failure(tower_lsp_server::jsonrpc::Error::internal_error());
        Out::Frame(super::transport::frame(
            &serde_json::to_vec(&internal).unwrap_or_default(),
        ))
    })
}
