//! Protocol positions (line and column) and the encoding their columns are counted in.

/// The unit a [`Position::character`] counts: LSP's `PositionEncodingKind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PositionEncoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: the LSP default, which every client must support.
    #[default]
    Utf16,
    /// Unicode scalar values (chars).
    Utf32,
}

impl PositionEncoding {
    /// The name the protocol uses for this encoding (`"utf-8"`, `"utf-16"`, `"utf-32"`).
    pub fn as_str(self) -> &'static str {
        match self {
            PositionEncoding::Utf8 => "utf-8",
            PositionEncoding::Utf16 => "utf-16",
            PositionEncoding::Utf32 => "utf-32",
        }
    }
}

/// A 0-based line and a 0-based column counted in the units of a [`PositionEncoding`].
///
/// Ordered by line, then column, which is document order within one encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl Position {
    pub fn new(line: u32, character: u32) -> Self {
        Position { line, character }
    }
}

/// Picks the encoding for a session from the client's `general.positionEncodings`
/// (LSP 3.17): UTF-8 when offered, because our offsets are bytes and it costs nothing;
/// otherwise UTF-16, the one every client must support.
pub fn position_encoding_from_client(offered: &[&str]) -> PositionEncoding {
    if offered.contains(&"utf-8") {
        PositionEncoding::Utf8
    } else {
        PositionEncoding::Utf16
    }
}
