//! The language server: the only module that knows LSP types and JSON.
//!
//! `server` holds the protocol handlers, `store` the open documents, `settings` the
//! configuration section, `convert` the byte-offset <-> protocol-position conversions,
//! `transport` the framing between the byte streams and tower-lsp, `stdio` those streams.

mod convert;
mod direct;
mod editing;
mod server;
mod settings;
mod stdio;
mod store;
mod transport;

pub use editing::{encode_semantic_tokens, legend as semantic_tokens_legend};
pub use server::{Options, Server};
pub use settings::{Settings, SyncMode};
pub use transport::{Ended, MAX_MESSAGE};

use transport::Output;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{ClientSocket, LspService};

/// Builds the service, for callers that drive it themselves (tests, other transports).
pub fn service(options: Options) -> (LspService<Server>, ClientSocket) {
    LspService::build(|client| Server::new(client, options))
        .custom_method("griffel/debugPanic", Server::debug_panic)
        .finish()
}

/// Serves LSP on `input`/`output` until the client says exit or the input ends. No input ends
/// it otherwise: a frame that cannot be decoded is answered with an error (see `transport`).
pub async fn serve<I, O>(input: I, output: O, options: Options) -> Ended
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = service(options);
    transport::serve(input, Output::Stream(output), service, socket).await
}

/// Serves LSP over stdin/stdout until the client says exit or stdin closes. Logs go to
/// stderr, filtered by `RUST_LOG` (default `griffel=info`). The process should then exit with
/// 0 when a `shutdown` came first, else 1 ([`Ended::clean`]).
pub fn serve_stdio() -> std::io::Result<Ended> {
    init_logging();
    tune_malloc();
    wide_stdout();
    let options = Options {
        debug_panic: std::env::var_os("GRIFFEL_DEBUG_PANIC").is_some(),
        ..Options::default()
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let io = stdio::start(runtime.handle())?;
    let (service, socket) = service(options);
    let ended = runtime.block_on(transport::serve(
        io.input,
        Output::<tokio::io::Sink>::Queue(io.output),
        service,
        socket,
    ));
    // Everything queued reaches stdout before the process ends. The stdin thread may sit in a
    // read that never returns after `exit` if the client keeps the pipe open: not waited for.
    io.writer.finish();
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    if ended.shutdown {
        tracing::info!("exit");
    } else if ended.exit {
        tracing::warn!("exit without shutdown");
    } else {
        tracing::warn!("input closed without shutdown");
    }
    Ok(ended)
}

/// glibc gives each thread that allocates its own arena and keeps the pages freed in each:
/// the analysis runs on tokio's blocking threads, one after another, and a 10 MB report's
/// versions ended up spread over several arenas (peak 150 MB; with one arena 105 MB, at no
/// measurable cost in speed: one analysis runs at a time). Large blocks are kept out of the
/// heap (see below). Must run before any thread starts.
fn tune_malloc() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; no thread has started yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        // Blocks of 128 KiB and more in pages of their own, given back when freed. glibc
        // raises this bound to the size of each such block freed, so by the first keystroke
        // the frames, the report's vectors and their copies all came from the heap, and the
        // holes they left stayed resident: 2 MB of a 10 MB report's peak. Fixing the bound
        // keeps it.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

/// A pipe holds 64 KiB: the diagnostics of a large report (a megabyte of JSON) would cross in
/// sixteen turns of writer and reader. Asks for a 1 MiB pipe (Linux lets any process have one
/// that size); on failure (stdout not a pipe, an older kernel) nothing changes.
fn wide_stdout() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: fcntl on our own stdout descriptor, with an integer argument.
    unsafe {
        libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
    }
}

/// Gives the free pages inside the heap back to the system. glibc returns only the top of the
/// heap by itself; the pages a large answer used in the middle stay resident (and counted)
/// until reused. Takes well under a millisecond on a 10 MB report's heap.
pub(crate) fn trim_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory; it is thread-safe in glibc.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The allocator's view of the heap, for the debug log: what is in use, what is free but kept.
pub(crate) fn heap_summary() -> String {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads the allocator's counters.
        let m = unsafe { libc::mallinfo2() };
        let mb = |b: usize| b as f64 / 1e6;
        format!(
            "heap: {:.1} MB in use, {:.1} MB free in the arena ({:.1} MB), {:.1} MB in mapped blocks",
            mb(m.uordblks),
            mb(m.fordblks),
            mb(m.arena),
            mb(m.hblkhd)
        )
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    String::new()
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("griffel=info"));
    // Ignore a second initialisation (a host that already set a subscriber).
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
