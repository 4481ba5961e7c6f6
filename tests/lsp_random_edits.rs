//! A thousand random incremental edits sent back to back (no waiting between them): the
//! server's diagnostics and outline must then equal those of a fresh server on the final text.

mod lsp_common;
use lsp_common as common;

use common::{capabilities, sample, Client};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/random.txt";

/// Small deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces that stress the parser and the encodings.
const INSERTS: &[&str] = &[
    "é",
    "🙂",
    "…",
    "\u{a0}",
    "\n",
    "\r\n",
    "Antwoord \n",
    "[footnoteRef:2]",
    "[footnoteRef:9]",
    " [9:  Kamerstuk 32317, nr. 970] ",
    "Kamerstuk 32 317, nr. 973",
    "Vragen en opmerkingen van de leden van de VVD-fractie\n",
    "Kan de minister dit toelichten? ",
    "ĳ",
    "",
];

/// (line, UTF-16 column) of byte offset `byte` of `text`.
fn utf16_pos(text: &str, byte: usize) -> (u32, u32) {
    common::offset_pos(text, byte, "utf-16")
}

/// A byte offset on a char boundary of `text`, not between `\r` and `\n`.
fn boundary(rng: &mut Rng, text: &str) -> usize {
    let mut b = rng.below(text.len() + 1);
    while !text.is_char_boundary(b) || (b > 0 && text.as_bytes()[b - 1] == b'\r') {
        b -= 1;
    }
    b
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_edits_equal_a_fresh_open() {
    random_edits(Client::in_memory()).await;
}

/// The same through tower-lsp's router (`through_tower`), where the edits are applied by the
/// `did_change` handler rather than by the transport as it reads them (`lsp::direct`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_edits_through_tower_equal_a_fresh_open() {
    random_edits(Client::in_memory_with(griffel::lsp::Options {
        through_tower: true,
        ..Default::default()
    }))
    .await;
}

/// And from the built binary over stdio.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_random_edits_over_stdio_equal_a_fresh_open() {
    random_edits(Client::stdio(&[])).await;
}

async fn random_edits(mut c: Client) {
    let base = sample().unwrap_or_else(|| {
        "Vragen en opmerkingen van de leden van de NSC-fractie\nKan de minister dit? [footnoteRef:2] [2: noot] \nAntwoord \nJa.\n"
            .to_string()
    });
    let mut text = base.clone();
    // A short debounce: most intermediate versions are never analysed.
    c.initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 20}))
        .await;
    c.open(URI, &text, 0).await;

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let edits = 1000;
    for version in 1..=edits {
        let a = boundary(&mut rng, &text);
        // Mostly short deletions, sometimes none, so the text neither vanishes nor explodes.
        let span = if rng.below(3) == 0 { 0 } else { rng.below(40) };
        let mut b = (a + span).min(text.len());
        while !text.is_char_boundary(b)
            || (b > 0 && b < text.len() && text.as_bytes()[b - 1] == b'\r')
        {
            b += 1;
        }
        let b = b.min(text.len());
        let insert = INSERTS[rng.below(INSERTS.len())];
        let (l1, c1) = utf16_pos(&text, a);
        let (l2, c2) = utf16_pos(&text, b);
        c.change(URI, version, [l1, c1, l2, c2], insert).await;
        text.replace_range(a..b, insert);
    }

    let diags = c.diagnostics(URI, Some(edits)).await;
    let outline = c
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;

    let mut fresh = Client::in_memory();
    fresh
        .initialize(capabilities(&["utf-16"]), json!({"diagnosticsDelayMs": 0}))
        .await;
    fresh.open(URI, &text, 1).await;
    let fresh_diags = fresh.diagnostics(URI, Some(1)).await;
    let fresh_outline = fresh
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;

    assert_eq!(diags, fresh_diags);
    assert_eq!(outline, fresh_outline);
    assert_ne!(outline, Value::Null);
}
