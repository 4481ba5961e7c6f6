use griffel::analysis::xref::index::{cosine, union, Index};
use griffel::syntax::parse;
fn line(t: &str, o: usize) -> usize {
    t[..o.min(t.len())].matches('\n').count() + 1
}
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let a: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let r = parse(&text);
    let ix = Index::new(&r, &text.as_str());
    let qi = r
        .questions
        .iter()
        .position(|q| line(&text, q.text().end) == a)
        .unwrap();
    let show = |v: &[u32]| {
        v.iter()
            .map(|&t| format!("{}:{:.1}", ix.vocab.stem_text(t), ix.idf(t)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mine = ix.q.get(qi).to_vec();
    println!("Q{a}: {}", show(&mine));
    for (i, q) in r.questions.iter().enumerate() {
        if i == qi {
            continue;
        }
        let theirs = ix.q.get(i).to_vec();
        let qa = union(&theirs, &ix.a.get(i).to_vec());
        let common: Vec<u32> = mine.iter().copied().filter(|t| qa.contains(t)).collect();
        println!(
            "l{} cosQ {:.2} cosQA {:.2} common {}",
            line(&text, q.text().end),
            cosine(&ix, &mine, &theirs),
            cosine(&ix, &mine, &qa),
            show(&common)
        );
    }
}
