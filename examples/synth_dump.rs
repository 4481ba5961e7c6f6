fn main() {
    print!(
        "{}",
        griffel::synth::vso(std::env::args().nth(1).unwrap().parse().unwrap(), 2025)
    );
}
