use std::hint::black_box;
use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/tmp/lexer_10mb.txt").unwrap();
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    let what = std::env::args().nth(2).unwrap_or_default();
    let lines: Vec<&str> = text.split('\n').collect();
    let s = Instant::now();
    for _ in 0..n {
        if what == "parse" {
            black_box(griffel::syntax::Parse::new(&text));
        } else {
            for l in &lines {
                black_box(griffel::syntax::lexer::lex_line(l, 1));
            }
        }
    }
    eprintln!("{what}: {:?}", s.elapsed() / n);
}
