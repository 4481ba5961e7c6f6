//! A small LSP test client: Content-Length framing over any byte stream, requests with ids,
//! notifications queued for the test, and canned answers to the server's own requests.
#![allow(dead_code)] // Each test binary uses a different part.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

/// `None` once the test closed the server's input.
type Writer = Arc<tokio::sync::Mutex<Option<Box<dyn AsyncWrite + Unpin + Send>>>>;
type Pending = Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>;

/// How long a test waits for one answer before it fails (generous: CI machines are slow).
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Client {
    writer: Writer,
    pending: Pending,
    next_id: i64,
    notifications: mpsc::UnboundedReceiver<Value>,
    /// What the client answers to `workspace/configuration` for section `griffel`.
    pub settings: Arc<Mutex<Value>>,
    /// Server-to-client requests seen, by method.
    pub server_requests: Arc<Mutex<Vec<String>>>,
    pub child: Option<tokio::process::Child>,
}

/// The shared sample, or None (the test then says it skips).
pub fn sample() -> Option<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/samples/vso-jbz-2025-10.txt"
    );
    match std::fs::read_to_string(path) {
        Ok(s) => Some(s),
        Err(_) => {
            eprintln!("skipping: {path} not found");
            None
        }
    }
}

impl Client {
    /// The real server in this process over an in-memory duplex stream.
    pub fn in_memory() -> Client {
        Client::in_memory_with(griffel::lsp::Options::default())
    }

    pub fn in_memory_with(options: griffel::lsp::Options) -> Client {
        let (client_side, server_side) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_side);
        tokio::spawn(griffel::lsp::serve(server_read, server_write, options));
        let (read, write) = tokio::io::split(client_side);
        Client::over(read, write, None)
    }

    /// The built binary, over its stdin and stdout.
    pub fn stdio(envs: &[(&str, &str)]) -> Client {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_griffel"));
        cmd.stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::inherit())
            .env("RUST_LOG", "griffel=warn")
            .kill_on_drop(true);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("spawn griffel");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        Client::over(stdout, stdin, Some(child))
    }

    fn over<R, W>(read: R, write: W, child: Option<tokio::process::Child>) -> Client
    where
        R: AsyncRead + Unpin + Send + 'static,
        W: AsyncWrite + Unpin + Send + 'static,
    {
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(Some(Box::new(write))));
        let pending: Pending = Arc::default();
        let settings = Arc::new(Mutex::new(Value::Null));
        let server_requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_loop(
            BufReader::new(read),
            writer.clone(),
            pending.clone(),
            tx,
            settings.clone(),
            server_requests.clone(),
        ));
        Client {
            writer,
            pending,
            next_id: 1,
            notifications: rx,
            settings,
            server_requests,
            child,
        }
    }

    /// Closes the server's input (its stdin), as an editor that goes away does.
    pub async fn close_input(&self) {
        self.writer.lock().await.take();
    }

    pub async fn send(&self, msg: Value) {
        send(&self.writer, &msg).await;
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Sends a request and returns its id and a receiver for the whole response message.
    pub async fn start_request(
        &mut self,
        method: &str,
        params: Value,
    ) -> (i64, oneshot::Receiver<Value>) {
        let id = self.next_id;
        self.next_id += 1;
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        (id, rx)
    }

    /// The response message (with `result` or `error`).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let (_, rx) = self.start_request(method, params).await;
        tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no answer to {method}"))
            .expect("reader gone")
    }

    /// The result; panics on an error response.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let resp = self.request_raw(method, params).await;
        if let Some(e) = resp.get("error") {
            panic!("{method} failed: {e}");
        }
        resp["result"].clone()
    }

    /// initialize + initialized. Returns the initialize result.
    pub async fn initialize(&mut self, capabilities: Value, options: Value) -> Value {
        let result = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities,
                       "initializationOptions": options}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        result
    }

    pub async fn open(&self, uri: &str, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "griffel", "version": version, "text": text}}),
        )
        .await;
    }

    /// One incremental change.
    pub async fn change(&self, uri: &str, version: i32, range: [u32; 4], text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": range[0], "character": range[1]},
                                                 "end": {"line": range[2], "character": range[3]}},
                                       "text": text}]}),
        )
        .await;
    }

    /// The next notification of `method`, skipping others.
    pub async fn next_notification(&mut self, method: &str) -> Value {
        loop {
            let msg = tokio::time::timeout(TIMEOUT, self.notifications.recv())
                .await
                .unwrap_or_else(|_| panic!("no {method} notification"))
                .expect("reader gone");
            if msg["method"] == method {
                return msg["params"].clone();
            }
        }
    }

    /// Drops the notifications received so far (a long session that does not read them all);
    /// returns how many.
    pub fn drain_notifications(&mut self) -> usize {
        let mut n = 0;
        while self.notifications.try_recv().is_ok() {
            n += 1;
        }
        n
    }

    /// Waits for diagnostics published for `uri` at `version` (`None`: without version).
    pub async fn diagnostics(&mut self, uri: &str, version: Option<i32>) -> Vec<Value> {
        loop {
            let p = self
                .next_notification("textDocument/publishDiagnostics")
                .await;
            if p["uri"] == uri && p["version"].as_i64() == version.map(i64::from) {
                return p["diagnostics"].as_array().cloned().unwrap_or_default();
            }
        }
    }

    /// shutdown + exit; for a child process, waits for it to end and returns its status.
    pub async fn shutdown(&mut self) -> Option<std::process::ExitStatus> {
        let r = self.request("shutdown", Value::Null).await;
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null).await;
        match self.child.as_mut() {
            Some(child) => Some(
                tokio::time::timeout(TIMEOUT, child.wait())
                    .await
                    .expect("server did not exit")
                    .expect("wait"),
            ),
            None => None,
        }
    }
}

async fn send(writer: &Writer, msg: &Value) {
    let body = serde_json::to_vec(msg).expect("json");
    let mut guard = writer.lock().await;
    let Some(w) = guard.as_mut() else { return };
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    // A server that has gone away is the test's business, not the writer's.
    let _ = w.write_all(header.as_bytes()).await;
    let _ = w.write_all(&body).await;
    let _ = w.flush().await;
}

async fn read_message<R: AsyncRead + Unpin>(r: &mut BufReader<R>) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; len?];
    r.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

async fn read_loop<R: AsyncRead + Unpin>(
    mut r: BufReader<R>,
    writer: Writer,
    pending: Pending,
    notifications: mpsc::UnboundedSender<Value>,
    settings: Arc<Mutex<Value>>,
    server_requests: Arc<Mutex<Vec<String>>>,
) {
    while let Some(msg) = read_message(&mut r).await {
        let method = msg
            .get("method")
            .and_then(|m| m.as_str())
            .map(str::to_string);
        match (method, msg.get("id").cloned()) {
            (Some(method), Some(id)) => {
                // The server asks us something: answer like a simple editor would.
                server_requests.lock().unwrap().push(method.clone());
                let result = if method == "workspace/configuration" {
                    let n = msg["params"]["items"].as_array().map_or(1, |a| a.len());
                    let s = settings.lock().unwrap().clone();
                    Value::Array(vec![s; n])
                } else {
                    Value::Null
                };
                send(
                    &writer,
                    &json!({"jsonrpc": "2.0", "id": id, "result": result}),
                )
                .await;
            }
            (Some(_), None) => {
                let _ = notifications.send(msg);
            }
            (None, Some(id)) => {
                let tx = id
                    .as_i64()
                    .and_then(|id| pending.lock().unwrap().remove(&id));
                if let Some(tx) = tx {
                    let _ = tx.send(msg);
                }
            }
            (None, None) => {}
        }
    }
}

/// The position of the first `needle` in `text` as (line, character) in `enc` ("utf-8" or
/// "utf-16"), computed here independently of the server's text layer.
pub fn pos(text: &str, needle: &str, enc: &str) -> (u32, u32) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    offset_pos(text, at, enc)
}

pub fn offset_pos(text: &str, at: usize, enc: &str) -> (u32, u32) {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count() as u32;
    let col = &text[line_start..at];
    let character = match enc {
        "utf-8" => col.len(),
        _ => col.encode_utf16().count(),
    } as u32;
    (line, character)
}

/// A protocol range `{start, end}` covering the first `needle` in `text`.
pub fn range_of(text: &str, needle: &str, enc: &str) -> Value {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    let (l1, c1) = offset_pos(text, at, enc);
    let (l2, c2) = offset_pos(text, at + needle.len(), enc);
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

pub fn position(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

/// Client capabilities offering `encodings` (in order of preference).
pub fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": {"positionEncodings": encodings},
        "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
        "workspace": {"configuration": true}
    })
}
