//! stdin and stdout on threads of their own, joined to the async side by small in-memory pipes.
//!
//! tokio's `stdin()` and `stdout()` hand each read and write to a blocking thread through a
//! buffer of up to 2 MiB, which stays allocated once a large message has passed (the `didOpen`
//! of a 10 MB report, the diagnostics of a large one): 4 MB for the rest of the session, in a
//! server that should stay under five times the size of its document. Here one thread reads
//! stdin into a 64 KiB pipe, and one writes the transport's frames to stdout as they are, with no
//! copy; a large answer is serialised straight to stdout through a 64 KiB buffer
//! ([`Out::write_to`]).

use std::io::{Read, Write};
use std::thread::JoinHandle;

use tokio::io::{AsyncWriteExt, DuplexStream};
use tokio::runtime::Handle;
use tokio::sync::mpsc;

use super::transport::Out;

/// An answer larger than this (the outline of a 1 MB report is about 0.4 MB) was built as a
/// value of the protocol's types, now dropped: the allocator is asked to give the pages back.
const TRIM_AFTER: usize = 1 << 20;

/// The size of the input pipe and of the reading thread's buffer.
const PIPE: usize = 64 << 10;

pub struct Stdio {
    /// What the client sends, to read from.
    pub input: DuplexStream,
    /// The frames for the client. When every sender is gone, the writing thread ends once it
    /// has written them all; [`Writer::finish`] waits for that.
    pub output: mpsc::Sender<Out>,
    pub writer: Writer,
}

/// The thread that writes stdout.
pub struct Writer(Option<JoinHandle<()>>);

impl Writer {
    /// Waits until everything written to the output has reached stdout (or stdout failed).
    pub fn finish(mut self) {
        if let Some(t) = self.0.take() {
            let _ = t.join();
        }
    }
}

/// Starts both threads. `runtime` drives the input pipe's async half from its thread.
pub fn start(runtime: &Handle) -> std::io::Result<Stdio> {
    let (input, mut to_input) = tokio::io::duplex(PIPE);
    let (output, mut frames) = mpsc::channel::<Out>(super::transport::QUEUE);

    let rt = runtime.clone();
    std::thread::Builder::new()
        .name("griffel-stdin".into())
        .spawn(move || {
            let mut buf = vec![0; PIPE];
            let mut stdin = std::io::stdin().lock();
            loop {
                let n = match stdin.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        tracing::warn!("stdin: {e}; ending");
                        break;
                    }
                };
                if rt.block_on(to_input.write_all(&buf[..n])).is_err() {
                    break; // The transport has stopped reading.
                }
            }
            // Dropping `to_input` ends the transport's input.
        })?;

    let writer = std::thread::Builder::new()
        .name("griffel-stdout".into())
        .spawn(move || {
            let mut stdout = std::io::stdout().lock();
            while let Some(frame) = frames.blocking_recv() {
                let large = matches!(frame, Out::Json(len, _) if len > TRIM_AFTER);
                // Flushed when nothing else is waiting, so that a burst goes out in one write.
                let written = frame.write_to(&mut stdout).and_then(|()| {
                    if frames.is_empty() {
                        stdout.flush()
                    } else {
                        Ok(())
                    }
                });
                if let Err(e) = written {
                    tracing::warn!("stdout: {e}; the client has gone");
                    break;
                }
                if large {
                    super::trim_heap();
                }
            }
            let _ = stdout.flush();
        })?;
    Ok(Stdio {
        input,
        output,
        writer: Writer(Some(writer)),
    })
}
