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

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::Poll;

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{
    AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader, BufWriter,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::{ClientSocket, LspService};
use tracing::{error, warn};

use super::direct::{self, response_frame, Direct, Reply};
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
    /// A message the transport may handle itself (`super::direct`), not yet checked: a
    /// notification, or a request.
    Direct(Vec<u8>, String, Kind),
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
    Queue(mpsc::Sender<Out>),
}

/// How many frames may wait for the writer.
pub const QUEUE: usize = 64;

/// Whether a message expects an answer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Notification,
    Request,
}

/// The requests the transport is answering itself, by id (as JSON), to cancel.
type Pending = Arc<Mutex<HashMap<String, tokio::task::AbortHandle>>>;

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
            let (tx, rx) = mpsc::channel::<Out>(QUEUE);
            (tx, Some((rx, o)))
        }
        Output::Queue(tx) => (tx, None),
    };
    let shutdown = Arc::new(AtomicBool::new(false));
    let exit = Arc::new(AtomicBool::new(false));
    // The server queues its diagnostics here as whole frames, past tower-lsp's JSON tree.
    service.inner().set_raw_output(frames_tx.downgrade());
    let direct = Direct::new(service.inner().clone());

    let reader = read_input(
        input,
        direct,
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
/// Text-sync notifications and the requests whose answers grow with the document are handled
/// here (`super::direct`), never reaching tower-lsp. Edits stay in arrival order: this one task
/// applies them all, one after another, as it reads them; a request takes its snapshot as it is
/// read.
async fn read_input<I: AsyncRead + Unpin>(
    input: I,
    direct: Direct,
    mut to_tower: tokio::io::DuplexStream,
    frames: mpsc::Sender<Out>,
    shutdown: Arc<AtomicBool>,
    exit: Arc<AtomicBool>,
) {
    let mut input = BufReader::with_capacity(1 << 16, input);
    let flags = (&*shutdown, &*exit);
    let pending = Pending::default();
    loop {
        let more = match read_frame(&mut input).await {
            Frame::End => false,
            Frame::Direct(body, method, Kind::Notification) => {
                // Not applicable here (before `initialize`, params of the wrong shape): passed
                // on, and tower-lsp answers or logs it as it does any message.
                direct.notify(&method, &body)
                    || pass_on(check_body(body), &mut to_tower, &frames, flags).await
            }
            Frame::Direct(body, method, Kind::Request) => match direct.request(&method, &body) {
                Some((id, reply)) => start(id, reply, &frames, &pending).await,
                None => pass_on(check_body(body), &mut to_tower, &frames, flags).await,
            },
            frame => {
                if let Frame::Message(body, Some(m)) = &frame {
                    if m == "$/cancelRequest" {
                        cancel(body, &frames, &pending).await;
                    }
                }
                pass_on(frame, &mut to_tower, &frames, flags).await
            }
        };
        if !more {
            return;
        }
    }
}

/// Polls a reply once, here, so that it takes its snapshot now; queues it when ready, else
/// lets it finish in a task of its own that a `$/cancelRequest` can stop. False when the
/// output has closed.
async fn start(id: Value, mut reply: Reply, frames: &mpsc::Sender<Out>, pending: &Pending) -> bool {
    let first = std::future::poll_fn(|cx| Poll::Ready(reply.as_mut().poll(cx))).await;
    if let Poll::Ready(frame) = first {
        return frames.send(frame).await.is_ok();
    }
    let key = id.to_string();
    let (tx, done) = (frames.clone(), pending.clone());
    let mut pending = lock(pending);
    let task = tokio::spawn(async move {
        let frame = reply.await;
        // Cancelled meanwhile: the cancellation has been answered instead.
        if lock(&done).remove(&key).is_some() {
            let _ = tx.send(frame).await;
        }
    });
    pending.insert(id.to_string(), task.abort_handle());
    true
}

/// Stops a request the transport is answering, and answers it as cancelled (as tower-lsp does
/// for its own). Unknown ids are left to tower-lsp, which gets every cancellation too.
async fn cancel(body: &[u8], frames: &mpsc::Sender<Out>, pending: &Pending) {
    #[derive(Deserialize)]
    struct Cancel {
        params: CancelParams,
    }
    #[derive(Deserialize)]
    struct CancelParams {
        id: Value,
    }
    let Ok(c) = serde_json::from_slice::<Cancel>(body) else {
        return;
    };
    let task = lock(pending).remove(&c.params.id.to_string());
    if let Some(task) = task {
        task.abort();
        let error = Err::<(), _>(tower_lsp_server::jsonrpc::Error::request_cancelled());
        let _ = frames.send(response_frame(&c.params.id, error)).await;
    }
}

fn lock(pending: &Pending) -> std::sync::MutexGuard<'_, HashMap<String, tokio::task::AbortHandle>> {
    pending.lock().unwrap_or_else(|e| e.into_inner())
}

/// Passes a checked frame on: a message to tower-lsp, an error response to the output. False
/// when the session's input is done (`exit` passed on, or a side closed).
async fn pass_on(
    frame: Frame,
    to_tower: &mut tokio::io::DuplexStream,
    frames: &mpsc::Sender<Out>,
    (shutdown, exit): (&AtomicBool, &AtomicBool),
) -> bool {
    match frame {
        Frame::End => false,
        Frame::Bad(None) => true,
        Frame::Bad(Some(response)) => frames.send(Out::Frame(response)).await.is_ok(),
        Frame::Direct(body, method, _) | Frame::Message(body, Some(method)) => {
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
    match direct_method(&body) {
        Some((method, kind)) => Frame::Direct(body, method, kind),
        None => check_body(body),
    }
}

/// The method of a message the transport may handle itself (`super::direct`), read without
/// building its params: `None` for anything else (other methods, responses, invalid JSON).
fn direct_method(body: &[u8]) -> Option<(String, Kind)> {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow)]
        method: Option<std::borrow::Cow<'a, str>>,
        id: Option<serde::de::IgnoredAny>,
    }
    let probe = serde_json::from_slice::<Probe>(body).ok()?;
    let method = probe.method?;
    let kind = match probe.id {
        None if direct::NOTIFICATIONS.contains(&&*method) => Kind::Notification,
        Some(_) if direct::REQUESTS.contains(&&*method) => Kind::Request,
        _ => return None,
    };
    Some((method.into_owned(), kind))
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

/// One message for the client, as the output queue carries it.
pub enum Out {
    /// A whole frame.
    Frame(Vec<u8>),
    /// A JSON message of `len` bytes (measured), written straight to the output by its writer
    /// when its turn comes: no buffer ever holds the whole of a large answer (the outline of a
    /// 10 MB report is 3.6 MB of JSON).
    Json(usize, JsonWriter),
}

/// Writes a message's JSON.
pub type JsonWriter = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()> + Send>;

impl Out {
    /// `message` to be written as JSON when its turn comes: measured now, written then.
    pub fn json<T: serde::Serialize + Send + 'static>(message: T) -> serde_json::Result<Out> {
        let mut n = Count(std::io::sink(), 0);
        serde_json::to_writer(&mut n, &message)?;
        Ok(Out::Json(
            n.1,
            Box::new(move |w| serde_json::to_writer(w, &message).map_err(std::io::Error::from)),
        ))
    }

    /// The whole frame, for an output that takes bytes.
    pub fn into_frame(self) -> std::io::Result<Vec<u8>> {
        match self {
            Out::Frame(f) => Ok(f),
            Out::Json(len, write) => {
                let mut f = format!("Content-Length: {len}\r\n\r\n").into_bytes();
                f.reserve_exact(len);
                write(&mut f)?;
                Ok(f)
            }
        }
    }

    /// Writes the frame to a blocking output (stdout), a JSON message through a small buffer.
    pub fn write_to(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match self {
            Out::Frame(f) => out.write_all(&f),
            Out::Json(len, write) => {
                write!(out, "Content-Length: {len}\r\n\r\n")?;
                let mut buffered = std::io::BufWriter::with_capacity(64 << 10, Count(out, 0));
                write(&mut buffered)?;
                let written = buffered.into_inner().map_err(|e| e.into_error())?.1;
                if written != len {
                    // Serialising the same value twice gave two lengths: the frame is wrong
                    // and the stream with it. Never expected; said loudly if it happens.
                    error!("output: a message of {written} bytes was announced as {len}");
                    return Err(std::io::Error::other("message length changed"));
                }
                Ok(())
            }
        }
    }
}

/// Counts the bytes written through it.
struct Count<W>(W, usize);

impl<W: std::io::Write> std::io::Write for Count<W> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        let n = self.0.write(b)?;
        self.1 += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A whole frame of `message` serialised as JSON into a buffer of about `hint` bytes, the header
/// put in front after (a move within the buffer): for the diagnostics sent at every keystroke,
/// where measuring the JSON first ([`Out::json`]) would cost half a millisecond on a 10 MB
/// report. A hint that falls short only means the buffer grows.
pub(super) fn json_frame_sized<T: serde::Serialize>(
    message: &T,
    hint: usize,
) -> serde_json::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(hint + 32);
    serde_json::to_writer(&mut body, message)?;
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    body.splice(0..0, header.bytes());
    Ok(body)
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
async fn split_output(from_tower: tokio::io::DuplexStream, frames: mpsc::Sender<Out>) {
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
        if frames
            .send(Out::Frame(std::mem::take(&mut frame)))
            .await
            .is_err()
        {
            return;
        }
    }
}

/// Writes whole frames to the client, in the order they come.
async fn write_output<O: AsyncWrite>(mut frames: mpsc::Receiver<Out>, output: O) {
    let output = BufWriter::new(output);
    tokio::pin!(output);
    while let Some(out) = frames.recv().await {
        let t = std::time::Instant::now();
        let Ok(frame) = out.into_frame() else {
            break;
        };
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

    /// Every way of framing gives a header whose length is the body's, and the body is the JSON
    /// of the message, whatever the hint (none, short, long) and however large.
    #[test]
    fn frames_carry_their_length() {
        let small = json!({"jsonrpc": "2.0", "method": "x", "params": {"é": "…"}});
        let large = json!({"items": vec!["Kamerstuk 32 317, nr. 967"; 50_000]});
        for message in [small, large] {
            let mut written = Vec::new();
            Out::json(message.clone())
                .expect("json")
                .write_to(&mut written)
                .expect("write");
            let frames = [
                written,
                Out::json(message.clone())
                    .expect("json")
                    .into_frame()
                    .expect("frame"),
                json_frame_sized(&message, 0).expect("frame"),
                json_frame_sized(&message, 10).expect("frame"),
                json_frame_sized(&message, 10 << 20).expect("frame"),
            ];
            for f in frames {
                let at = f
                    .windows(4)
                    .position(|w| w == b"\r\n\r\n")
                    .expect("header end");
                let header = std::str::from_utf8(&f[..at]).expect("ascii");
                let n: usize = header
                    .strip_prefix("Content-Length: ")
                    .and_then(|n| n.parse().ok())
                    .expect("length");
                assert_eq!(n, f.len() - at - 4);
                let body: Value = serde_json::from_slice(&f[at + 4..]).expect("json");
                assert_eq!(body, message);
            }
        }
    }
}
