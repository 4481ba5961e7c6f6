//! Protocol abuse over stdio, as raw bytes: every bad input is answered with an error response or
//! ignored with a log line, and the server keeps serving, proved each time by a normal request
//! afterwards. The lifecycle cases (no `initialized`, `exit` without `shutdown`, stdin closed in
//! the middle of a message) check the process and its exit code.

use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin};
use tokio::sync::mpsc;

const URI: &str = "file:///tmp/abuse.txt";
const TEXT: &str = "Vragen en opmerkingen van de leden van de VVD-fractie\n\
    Kan de minister dit toelichten?[footnoteRef:2] [2:  Kamerstuk 32317, nr. 970] \n\
    Antwoord \n\
    Ja.\n";
const TIMEOUT: Duration = Duration::from_secs(30);

/// A client that writes raw bytes to the server's stdin and reads its framed output.
struct Raw {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: mpsc::UnboundedReceiver<Value>,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
}

impl Raw {
    fn spawn() -> Raw {
        let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_griffel"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .env("RUST_LOG", "griffel=debug")
            .kill_on_drop(true)
            .spawn()
            .expect("spawn griffel");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_frames(stdout, tx));
        let log = Arc::new(Mutex::new(String::new()));
        let log2 = log.clone();
        tokio::spawn(async move {
            let mut lines = BufReader::new(stderr).lines();
            while let Ok(Some(l)) = lines.next_line().await {
                let mut log = log2.lock().unwrap();
                log.push_str(&l);
                log.push('\n');
            }
        });
        Raw {
            child,
            stdin,
            messages: rx,
            seen: Vec::new(),
            stderr: log,
            next_id: 1000,
        }
    }

    async fn raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).await.expect("write");
        stdin.flush().await.expect("flush");
    }

    async fn send(&mut self, msg: Value) {
        self.raw(&frame(msg.to_string().as_bytes())).await;
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn next(&mut self) -> Value {
        tokio::time::timeout(TIMEOUT, self.messages.recv())
            .await
            .expect("no message from the server")
            .expect("server output ended")
    }

    /// Waits for a response with `id` (any JSON id), keeping what comes before it.
    async fn response(&mut self, id: &Value) -> Value {
        if let Some(i) = self
            .seen
            .iter()
            .position(|m| m.get("id") == Some(id) && m.get("method").is_none())
        {
            return self.seen.remove(i);
        }
        loop {
            let m = self.next().await;
            if m.get("id") == Some(id) && m.get("method").is_none() {
                return m;
            }
            self.seen.push(m);
        }
    }

    /// Sends a request and returns the whole response message.
    async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = json!(self.next_id);
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        self.response(&id).await
    }

    async fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params).await;
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The next error response with id null (for a frame the server could not read).
    async fn null_id_error(&mut self) -> Value {
        self.response(&Value::Null).await["error"].clone()
    }

    async fn initialize(&mut self) {
        self.request(
            "initialize",
            json!({"processId": null, "capabilities": {"general": {"positionEncodings": ["utf-8"]}},
                   "initializationOptions": {"diagnosticsDelayMs": 0}}),
        )
        .await;
        self.notify("initialized", json!({})).await;
    }

    async fn open(&mut self, uri: &str, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "griffel", "version": version, "text": text}}),
        )
        .await;
    }

    /// A normal request on the open document: proves the server still serves. Returns the
    /// outline.
    async fn alive(&mut self) -> Value {
        let r = self
            .request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": URI}}),
            )
            .await;
        assert!(r.as_array().is_some_and(|a| !a.is_empty()), "{r}");
        r
    }

    /// Waits until the server's log holds `needle`.
    async fn logged(&self, needle: &str) {
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            if self.stderr.lock().unwrap().contains(needle) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "log never said {needle:?}; log:\n{}",
                self.stderr.lock().unwrap()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits for the process to end and returns its exit code.
    async fn exit_code(&mut self) -> Option<i32> {
        tokio::time::timeout(TIMEOUT, self.child.wait())
            .await
            .expect("server did not exit")
            .expect("wait")
            .code()
    }

    async fn shutdown_and_exit(&mut self) {
        let r = self.request("shutdown", Value::Null).await;
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null).await;
        assert_eq!(self.exit_code().await, Some(0));
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut f = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    f.extend_from_slice(body);
    f
}

async fn read_frames<R: AsyncRead + Unpin>(r: R, tx: mpsc::UnboundedSender<Value>) {
    let mut r = BufReader::new(r);
    loop {
        let mut len = None;
        loop {
            let mut line = String::new();
            match r.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse::<usize>().ok();
            }
        }
        let mut body = vec![0; len.expect("server frames have a length")];
        if r.read_exact(&mut body).await.is_err() {
            return;
        }
        let msg: Value = serde_json::from_slice(&body).expect("server writes JSON");
        if tx.send(msg).is_err() {
            return;
        }
    }
}

async fn started() -> Raw {
    let mut c = Raw::spawn();
    c.initialize().await;
    c.open(URI, TEXT, 1).await;
    c.alive().await;
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_frames_are_answered_and_the_server_serves_on() {
    let mut c = started().await;

    // Malformed JSON: a parse error with id null.
    c.raw(&frame(br#"{"jsonrpc":"2.0","id":7,"method":"#)).await;
    assert_eq!(c.null_id_error().await["code"], -32700);
    c.alive().await;

    // Not UTF-8.
    c.raw(&frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"\xff\xfe\"}"))
        .await;
    assert_eq!(c.null_id_error().await["code"], -32700);
    c.alive().await;

    // An empty body.
    c.raw(b"Content-Length: 0\r\n\r\n").await;
    assert_eq!(c.null_id_error().await["code"], -32700);
    c.alive().await;

    // Valid JSON that is not a JSON-RPC message: invalid request, with its id when it has one.
    for (body, id) in [
        (json!([1, 2, 3]), Value::Null),
        (
            json!({"jsonrpc": "1.0", "id": 8, "method": "shutdown"}),
            json!(8),
        ),
        (
            json!({"jsonrpc": "2.0", "id": "x", "method": 17}),
            json!("x"),
        ),
        (
            json!({"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"}),
            json!(1.5),
        ),
        (json!("just a string"), Value::Null),
    ] {
        c.send(body.clone()).await;
        let r = c.response(&id).await;
        assert_eq!(r["error"]["code"], -32600, "{body}: {r}");
        c.alive().await;
    }
    c.logged("not a JSON-RPC message").await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_content_lengths_and_bad_headers_resynchronise() {
    let mut c = started().await;
    let body = json!({"jsonrpc": "2.0", "id": 50, "method": "textDocument/documentSymbol",
                      "params": {"textDocument": {"uri": URI}}})
    .to_string();

    // Too short: the body is cut (parse error) and its rest is garbage before the next header.
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() - 10).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    c.raw(&bytes).await;
    assert_eq!(c.null_id_error().await["code"], -32700);
    c.alive().await;
    c.logged("garbage").await;

    // Too long: the body swallows the start of the next message (which is lost, as it must
    // be); the one after that is answered.
    let mut bytes = format!("Content-Length: {}\r\n\r\n", body.len() + 12).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    c.raw(&bytes).await;
    let lost = json!({"jsonrpc": "2.0", "id": 51, "method": "shutdown"});
    c.send(lost).await;
    assert_eq!(c.null_id_error().await["code"], -32700);
    c.alive().await;

    // No Content-Length, an unreadable one, one that overflows, and plain garbage lines.
    for header in [
        "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        "Content-Length: twelve\r\n\r\n",
        "Content-Length: 99999999999999999999999999\r\n\r\n",
        "Content-Length: -4\r\n\r\n",
    ] {
        c.raw(header.as_bytes()).await;
        assert_eq!(c.null_id_error().await["code"], -32700, "{header}");
        c.alive().await;
    }
    c.raw(b"hello\r\nthis is not LSP\n\n\r\n").await;
    c.alive().await;
    c.logged("not a header").await;
    // A header line longer than any real one.
    c.raw(&vec![b'x'; 20_000]).await;
    c.raw(b"\r\n").await;
    c.alive().await;

    // Other headers, an odd Content-Type, lower-case names, bare `\n` line ends: all accepted.
    let ping = json!({"jsonrpc": "2.0", "id": 60, "method": "textDocument/documentSymbol",
                      "params": {"textDocument": {"uri": URI}}})
    .to_string();
    let msg = format!(
        "content-length: {}\nContent-Type: application/json; charset=utf-16\nX-Other: 1\n\n{ping}",
        ping.len()
    );
    c.raw(msg.as_bytes()).await;
    assert!(c.response(&json!(60)).await["result"].is_array());

    // A message written one byte at a time.
    let ping = json!({"jsonrpc": "2.0", "id": 61, "method": "textDocument/documentSymbol",
                      "params": {"textDocument": {"uri": URI}}})
    .to_string();
    for b in frame(ping.as_bytes()) {
        c.raw(&[b]).await;
    }
    assert!(c.response(&json!(61)).await["result"].is_array());
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_methods_and_wrong_params() {
    let mut c = started().await;

    // Unknown request: method not found. Unknown notifications: ignored.
    let r = c.request_raw("griffel/nonsense", json!({})).await;
    assert_eq!(r["error"]["code"], -32601);
    c.notify("$/unknownNotification", json!({"a": 1})).await;
    c.notify("griffel/unknownNotification", json!({"a": 1}))
        .await;
    c.alive().await;

    // Params of the wrong shape: invalid params for a request...
    for params in [
        json!({"bogus": 1}),
        json!([1, 2]),
        json!("text"),
        json!({"textDocument": {"uri": URI}, "position": {"line": -1, "character": "x"}}),
        Value::Null,
    ] {
        // Hover goes through tower-lsp; the others are answered by the transport itself
        // (`lsp::direct`), which leaves what it cannot parse to tower-lsp.
        for method in [
            "textDocument/hover",
            "textDocument/documentSymbol",
            "textDocument/diagnostic",
            "textDocument/semanticTokens/range",
        ] {
            if method != "textDocument/hover" && params.get("position").is_some() {
                continue; // a bad position is wrong only for a request that takes one
            }
            let r = c.request_raw(method, params.clone()).await;
            assert_eq!(r["error"]["code"], -32602, "{method} {params}: {r}");
        }
    }
    // ...and ignored with a log line for a notification.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI}, "contentChanges": "nope"}),
    )
    .await;
    c.notify("textDocument/didOpen", json!({"textDocument": 5}))
        .await;
    c.notify("$/cancelRequest", json!({"id": {"nested": true}}))
        .await;
    c.notify("$/cancelRequest", json!({"id": 123456})).await;
    c.notify("$/cancelRequest", json!({"id": "never-sent"}))
        .await;
    let outline = c.alive().await;

    // A string request id is answered with the same id.
    c.send(
        json!({"jsonrpc": "2.0", "id": "abc", "method": "textDocument/documentSymbol",
                  "params": {"textDocument": {"uri": URI}}}),
    )
    .await;
    assert_eq!(c.response(&json!("abc")).await["result"], outline);

    // A second initialize is refused; the session goes on.
    let r = c
        .request_raw("initialize", json!({"capabilities": {}}))
        .await;
    assert!(r.get("error").is_some(), "{r}");
    c.alive().await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_edits_are_logged_and_the_text_stays_what_the_client_sent() {
    let mut c = started().await;

    // Edits for a document that is not open: ignored, logged, and it does not appear.
    let other = "file:///tmp/never-opened.txt";
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": other, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    )
    .await;
    c.logged("not open").await;
    let r = c
        .request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": other}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32602);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": other}}),
    )
    .await;
    c.alive().await;

    // A version that goes backwards: the edit is applied (the client's text is the truth) and
    // the oddity logged.
    let change = |version: i32, range: [u32; 4], text: &str| {
        json!({"textDocument": {"uri": URI, "version": version},
               "contentChanges": [{"range": {"start": {"line": range[0], "character": range[1]},
                                             "end": {"line": range[2], "character": range[3]}},
                                   "text": text}]})
    };
    c.notify("textDocument/didChange", change(5, [0, 0, 0, 0], "A"))
        .await;
    c.notify("textDocument/didChange", change(3, [0, 0, 0, 0], "B"))
        .await;
    c.logged("version went from 5 to 3").await;
    let mut text = format!("BA{TEXT}");

    // Ranges beyond the end of a line and of the document: clamped, logged.
    c.notify("textDocument/didChange", change(6, [0, 999, 0, 1000], "C"))
        .await;
    let first_line_end = text.find('\n').unwrap();
    text.insert(first_line_end, 'C');
    c.notify(
        "textDocument/didChange",
        change(7, [400, 0, 500, 3], "\nEinde"),
    )
    .await;
    text.push_str("\nEinde");
    // A reversed range is ordered.
    c.notify("textDocument/didChange", change(8, [1, 5, 1, 0], ""))
        .await;
    let line1 = text.find('\n').unwrap() + 1;
    text.replace_range(line1..line1 + 5, "");
    // A column inside a multi-byte character snaps to its start (UTF-8 positions here).
    c.notify("textDocument/didChange", change(9, [0, 0, 0, 0], "é"))
        .await;
    text.insert(0, 'é');
    c.notify("textDocument/didChange", change(10, [0, 1, 0, 1], "x"))
        .await;
    text.insert(0, 'x');
    c.logged("clamped").await;

    let outline = c.alive().await;
    let diags = c
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;

    // A fresh server on the text we believe the client has: the same answers.
    let mut f = Raw::spawn();
    f.initialize().await;
    f.open(URI, &text, 1).await;
    assert_eq!(f.alive().await, outline);
    let fresh = f
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(fresh["items"], diags["items"]);
    f.shutdown_and_exit().await;

    // Opening an open document again replaces it; closing twice is harmless.
    c.open(URI, TEXT, 1).await;
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    )
    .await;
    c.open(URI, TEXT, 1).await;
    c.alive().await;
    c.shutdown_and_exit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifecycle_out_of_order() {
    // Requests before initialize: "not initialized", and the session can still start.
    let mut c = Raw::spawn();
    let r = c
        .request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32002, "{r}");
    // A document opened before initialize is not taken (tower-lsp drops notifications then; the
    // transport, which applies text sync itself, does the same).
    c.open(URI, TEXT, 1).await;

    // A client that never sends `initialized`: everything works all the same.
    c.request("initialize", json!({"processId": null, "capabilities": {}}))
        .await;
    let r = c
        .request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32602, "{r}");
    c.open(URI, TEXT, 1).await;
    c.alive().await;

    // After shutdown, requests are refused; exit then ends the process with 0.
    assert_eq!(c.request("shutdown", Value::Null).await, Value::Null);
    let r = c
        .request_raw(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(r["error"]["code"], -32600, "{r}");
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_code().await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_ends_the_process_with_1() {
    let mut c = started().await;
    // The client keeps stdin open: the server must not wait for it.
    c.notify("exit", Value::Null).await;
    assert_eq!(c.exit_code().await, Some(1));
    c.logged("exit without shutdown").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stdin_closed_in_the_middle_of_a_message() {
    // In the body.
    let mut c = started().await;
    c.raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",")
        .await;
    c.stdin.take();
    assert_eq!(c.exit_code().await, Some(1));
    c.logged("input ended in the middle of a message").await;

    // In the header.
    let mut c = started().await;
    c.raw(b"Content-Len").await;
    c.stdin.take();
    assert_eq!(c.exit_code().await, Some(1));

    // Between messages, without shutdown.
    let mut c = started().await;
    c.stdin.take();
    assert_eq!(c.exit_code().await, Some(1));
    c.logged("input closed without shutdown").await;
}
