//! The language server: the only module that knows LSP types and JSON.

/// Serves LSP over stdin/stdout until the client says exit or stdin closes.
pub fn serve_stdio() -> std::io::Result<()> {
    Ok(())
}
