//! The byte streams between the editor and tower-lsp, framed by hand so that no input ends the
//! session.
//!
//! tower-lsp-server reads its input through tokio-util's `FramedRead`, which ends the stream after
//! the first frame its codec cannot decode: one malformed message (bad JSON, a message of the
//! wrong shape, a bad header) would make the server quit. So [`serve`] reads the frames itself and
//! hands tower-lsp only frames it can decode, re-framed with a clean header. Anything else is
//! answered here with a JSON-RPC error (`-32700` parse error, `-32600` invalid request), which is
//! merged into the output between whole frames, and logged. Framing errors (a header that is not
//! one, a missing or unreadable `Content-Length`) skip ahead to the next `Content-Length`.
//!
//! It also notes whether `shutdown` came before `exit`, for the exit code (LSP: 0 after a
//! shutdown, 1 without).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, BufWriter,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ClientSocket, LspService};
use tracing::{error, warn};

use super::Server;

/// The largest message body accepted (512 MiB): a 100 MB document fits with room for JSON escapes.
/// A larger one is read, dropped and answered with an error.
pub const MAX_MESSAGE: usize = 512 << 20;

/// The longest header line; anything longer is garbage, skipped.
const MAX_HEADER_LINE: usize = 8 << 10;

/// How the session ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ended {
    /// A `shutdown` request came before the end.
    pub shutdown: bool,
    /// The client sent `exit` (rather than closing the input).
    pub exit: bool,
}

impl Ended {
    /// The process exit code the protocol asks for: 0 after `shutdown`, else 1.
    pub fn clean(self) -> bool {
        self.shutdown
    }
}

/// What tower-lsp's codec accepts: a response, else a request or notification.
#[derive(Deserialize)]
#[serde(untagged)]
#[allow(dead_code)] // Parsed only to validate.
enum Incoming {
    Response(Response),
    Request(Request),
}

/// One frame read from the client.
enum Frame {
    /// A body that tower-lsp can decode, and its method if it is a request or notification.
    Message(Vec<u8>, Option<String>),
    /// A text-sync notification (`textDocument/didOpen`, `didChange`, `didClose`), not yet
    /// checked: the transport applies these itself (see [`read_input`]).
    TextSync(Vec<u8>, String),
    /// A frame that cannot be passed on: the error response to send, if any.
    Bad(Option<Vec<u8>>),
    /// The input ended (cleanly between frames, or in the middle of one: already logged).
    End,
}

/// Where the frames for the client go.
pub enum Output<O> {
    /// Written to an async byte stream.
    Stream(O),
    /// Queued whole for a writer of the caller's (`stdio`'s thread), which ends when the queue
    /// closes after the session.
    Queue(mpsc::Sender<Vec<u8>>),
}

/// How many frames may wait for the writer.
pub const QUEUE: usize = 64;

/// Serves `service` on `input`/`output` until the client says exit or the input ends.
pub async fn serve<I, O>(
    input: I,
    output: Output<O>,
    service: LspService<Server>,
    socket: ClientSocket,
) -> Ended
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (to_tower, tower_in) = tokio::io::duplex(1 << 20);
    let (tower_out, from_tower) = tokio::io::duplex(1 << 20);
    let (frames_tx, stream) = match output {
        Output::Stream(o) => {
            let (tx, rx) = mpsc::channel::<Vec<u8>>(QUEUE);
            (tx, Some((rx, o)))
        }
        Output::Queue(tx) => (tx, None),
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let exit = Arc::new(AtomicBool::new(false));
    // The server queues its diagnostics here as whole frames, past tower-lsp's JSON tree.
    service.inner().set_raw_output(frames_tx.downgrade());
    let text_sync = service.inner().text_sync();

    let reader = read_input(
        input,
        text_sync,
        to_tower,
        frames_tx.clone(),
        shutdown.clone(),
        exit.clone(),
    );
    let tower = async move {
        tower_lsp_server::Server::new(tower_in, tower_out, socket)
            .serve(service)
            .await;
    };
    let main = async move {
        tokio::pin!(reader);
        tokio::pin!(tower);
        tokio::select! {
            // The input ended or `exit` came: tower-lsp finishes what it has and stops.
            _ = &mut reader => tower.await,
            // tower-lsp stopped by itself: nothing left to read for.
            _ = &mut tower => {}
        }
    };
    let output = async move {
        let write = async move {
            if let Some((frames, o)) = stream {
                write_output(frames, o).await;
            }
        };
        tokio::join!(split_output(from_tower, frames_tx), write);
    };
    tokio::join!(main, output);
    Ended {
        shutdown: shutdown.load(Ordering::Relaxed),
        exit: exit.load(Ordering::Relaxed),
    }
}

/// Reads frames from the client and passes the good ones on to tower-lsp, until the input ends
/// or `exit` has been passed on. Dropping `to_tower` at the end closes tower-lsp's input.
///
/// Text-sync notifications are applied here, parsed straight from their frame into the store,
/// and never reach tower-lsp: its codec keeps a read buffer as large as the largest message it
/// has seen (16 MB for the `didOpen` of a 10 MB report, for the rest of the session), and it
/// would build a JSON tree of the text first. Edits stay in arrival order: this one task applies
/// them all, one after another, as it reads them.
async fn read_input<I: AsyncRead + Unpin>(
    input: I,
    text_sync: super::server::TextSync,
    mut to_tower: tokio::io::DuplexStream,
    frames: mpsc::Sender<Vec<u8>>,
    shutdown: Arc<AtomicBool>,
    exit: Arc<AtomicBool>,
) {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let flags = (&*shutdown, &*exit);
    loop {
        let more = match read_frame(&mut input).await {
            Frame::End => false,
            Frame::TextSync(body, method) => {
                // Not applicable here (before `initialize`, params of the wrong shape): passed
                // on, and tower-lsp answers or logs it as it does any message.
                text_sync.apply(&method, &body)
                    || pass_on(check_body(body), &mut to_tower, &frames, flags).await
            }
            frame => pass_on(frame, &mut to_tower, &frames, flags).await,
        };
        if !more {
            return;
        }
    }
}

/// Passes a checked frame on: a message to tower-lsp, an error response to the output. False
/// when the session's input is done (`exit` passed on, or a side closed).
async fn pass_on(
    frame: Frame,
    to_tower: &mut tokio::io::DuplexStream,
    frames: &mpsc::Sender<Vec<u8>>,
    (shutdown, exit): (&AtomicBool, &AtomicBool),
) -> bool {
    match frame {
        Frame::End => false,
        Frame::Bad(None) => true,
        Frame::Bad(Some(response)) => frames.send(response).await.is_ok(),
        Frame::TextSync(body, method) | Frame::Message(body, Some(method)) => {
            match method.as_str() {
                "shutdown" => shutdown.store(true, Ordering::Relaxed),
                "exit" => exit.store(true, Ordering::Relaxed),
                _ => {}
            }
            send_to_tower(to_tower, &body).await && method != "exit"
        }
        Frame::Message(body, None) => send_to_tower(to_tower, &body).await,
    }
}

async fn send_to_tower(to_tower: &mut tokio::io::DuplexStream, body: &[u8]) -> bool {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    let sent = async {
        to_tower.write_all(header.as_bytes()).await?;
        to_tower.write_all(body).await?;
        to_tower.flush().await
    };
    sent.await.is_ok()
}

/// Reads one frame. Never fails: an IO error is the end of the input.
async fn read_frame<I: AsyncRead + Unpin>(input: &mut BufReader<I>) -> Frame {
    let mut length: Option<usize> = None;
    let mut bad_length = false;
    let mut seen_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = match (&mut *input)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await
        {
            Ok(n) => n,
            Err(e) => {
                warn!("input: read error, ending: {e}");
                return Frame::End;
            }
        };
        if n == 0 {
            if seen_header {
                warn!("input ended in the middle of a message header; dropped");
            }
            return Frame::End;
        }
        if !line.ends_with(b"\n") && n == MAX_HEADER_LINE {
            warn!("input: header line longer than {MAX_HEADER_LINE} bytes; skipped");
            continue;
        }
        let content = trim_line_end(&line);
        if content.is_empty() {
            if !seen_header {
                continue; // stray line break between messages
            }
            break;
        }
        // A header is `Name: value`. Anything else is garbage (the rest of a body whose length
        // was understated, say): skip to a `Content-Length` in it, if any.
        let start = if is_header(content) {
            0
        } else if let Some(at) = find_ascii_ci(content, b"content-length:") {
            warn!("input: skipped {at} bytes of garbage before a header");
            at
        } else {
            warn!("input: skipped {} bytes that are not a header", line.len());
            continue;
        };
        let header = &content[start..];
        seen_header = true;
        let Some(colon) = header.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&header[..colon], &header[colon + 1..]);
        if name.eq_ignore_ascii_case(b"content-length") {
            match std::str::from_utf8(value)
                .ok()
                .and_then(|v| v.trim().parse::<usize>().ok())
            {
                Some(n) => {
                    length = Some(n);
                    bad_length = false;
                }
                None => bad_length = true,
            }
        }
        // Other headers (Content-Type) carry nothing we need: the body is UTF-8 JSON or wrong.
    }
    let Some(length) = length.filter(|_| !bad_length) else {
        warn!("input: a message without a readable Content-Length; skipped");
        return Frame::Bad(Some(error_response(Value::Null, -32700, "Parse error")));
    };
    if length > MAX_MESSAGE {
        warn!("input: a message of {length} bytes, more than {MAX_MESSAGE}; dropped");
        let skipped = tokio::io::copy(
            &mut (&mut *input).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await
        .unwrap_or(0);
        if skipped < length as u64 {
            warn!("input ended in the middle of a message; dropped");
            return Frame::End;
        }
        return Frame::Bad(Some(error_response(
            Value::Null,
            -32600,
            "message too large",
        )));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).await.is_err() {
        warn!("input ended in the middle of a message ({length} bytes announced); dropped");
        return Frame::End;
    }
    match text_sync_method(&body) {
        Some(method) => Frame::TextSync(body, method),
        None => check_body(body),
    }
}

/// The method of a text-sync notification, read without building the text: `None` for anything
/// else (a request, a response, other notifications, invalid JSON).
fn text_sync_method(body: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        method: Option<std::borrow::Cow<'a, str>>,
        id: Option<serde::de::IgnoredAny>,
    }
    let probe = serde_json::from_slice::<Probe>(body).ok()?;
    let method = probe.method?;
    let sync = matches!(
        &*method,
        "textDocument/didOpen" | "textDocument/didChange" | "textDocument/didClose"
    );
    (sync && probe.id.is_none()).then(|| method.into_owned())
}

/// Passes a body on when tower-lsp can decode it; otherwise the error response for it.
fn check_body(body: Vec<u8>) -> Frame {
    match serde_json::from_slice::<Incoming>(&body) {
        Ok(Incoming::Request(r)) => {
            let method = r.method().to_string();
            Frame::Message(body, Some(method))
        }
        Ok(Incoming::Response(_)) => Frame::Message(body, None),
        Err(e) => match serde_json::from_slice::<Value>(&body) {
            Ok(v) => {
                // Valid JSON, but not a JSON-RPC message tower-lsp understands.
                let id = match v.get("id") {
                    Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
                    _ => Value::Null,
                };
                error!("input: not a JSON-RPC message ({e}); answered with an error");
                Frame::Bad(Some(error_response(id, -32600, "Invalid request")))
            }
            Err(e) => {
                error!("input: a message that is not JSON ({e}); answered with an error");
                Frame::Bad(Some(error_response(Value::Null, -32700, "Parse error")))
            }
        },
    }
}

/// A whole frame: the header, then `body`.
pub(super) fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    frame
}

/// A framed JSON-RPC error response.
fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
        .to_string();
    frame(body.as_bytes())
}

/// Cuts tower-lsp's output (which frames correctly) into whole frames for the writer.
async fn split_output(from_tower: tokio::io::DuplexStream, frames: mpsc::Sender<Vec<u8>>) {
    let mut r = BufReader::with_capacity(1 << 16, from_tower);
    let mut frame = Vec::new();
    loop {
        frame.clear();
        let mut length = None;
        loop {
            let before = frame.len();
            match r.read_until(b'\n', &mut frame).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = trim_line_end(&frame[before..]);
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix(b"Content-Length:") {
                length = std::str::from_utf8(v)
                    .ok()
                    .and_then(|v| v.trim().parse::<usize>().ok());
            }
        }
        let Some(length) = length else {
            error!("output: a frame without Content-Length from tower-lsp");
            return;
        };
        let header = frame.len();
        frame.resize(header + length, 0);
        if r.read_exact(&mut frame[header..]).await.is_err() {
            return;
        }
        if frames.send(std::mem::take(&mut frame)).await.is_err() {
            return;
        }
    }
}

/// Writes whole frames to the client, in the order they come.
async fn write_output<O: AsyncWrite>(mut frames: mpsc::Receiver<Vec<u8>>, output: O) {
    let output = BufWriter::new(output);
    tokio::pin!(output);
    while let Some(frame) = frames.recv().await {
        let t = std::time::Instant::now();
        if output.write_all(&frame).await.is_err() {
            break;
        }
        tracing::trace!("wrote {} bytes in {:?}", frame.len(), t.elapsed());
        // Flush when nothing else is waiting, so a burst goes out in one write.
        if frames.is_empty() && output.flush().await.is_err() {
            break;
        }
    }
    let _ = output.flush().await;
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// `Name: value` with a name of header characters.
fn is_header(line: &[u8]) -> bool {
    match line.iter().position(|&b| b == b':') {
        Some(colon) if colon > 0 => line[..colon]
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'-'),
        _ => false,
    }
}

fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_garbage() {
        assert!(is_header(b"Content-Length: 12"));
        assert!(is_header(
            b"Content-Type: application/vscode-jsonrpc; charset=utf-8"
        ));
        assert!(!is_header(b"}}Content-Length: 12"));
        assert!(!is_header(b": 12"));
        assert_eq!(
            find_ascii_ci(b"xx}content-LENGTH: 3", b"content-length:"),
            Some(3)
        );
    }

    #[test]
    fn bodies_are_checked_as_tower_lsp_would() {
        assert!(matches!(
            check_body(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#.to_vec()),
            Frame::Message(_, Some(m)) if m == "shutdown"
        ));
        assert!(matches!(
            check_body(br#"{"jsonrpc":"2.0","id":1,"result":null}"#.to_vec()),
            Frame::Message(_, None)
        ));
        for bad in [
            &br#"{"jsonrpc":"2.0","method":"#[..],
            b"",
            b"\xff\xfe",
            br#"[1,2]"#,
            br#"{"jsonrpc":"1.0","id":1,"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#,
            br#"{"jsonrpc":"2.0","id":1,"method":7}"#,
        ] {
            assert!(
                matches!(check_body(bad.to_vec()), Frame::Bad(Some(_))),
                "{bad:?}"
            );
        }
    }
}
