//! Writes a small corpus without the `oppdrag` binary:
//! `cargo run -p oppdrag-corpus --example generate -- DIR LETTERS MANDATES SEED`.

use oppdrag_corpus::Config;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = std::path::PathBuf::from(args.first().map_or("corpus-out", String::as_str));
    let num = |i: usize, d: u64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let config = Config {
        letters: num(1, 4) as usize,
        mandates: num(2, 1) as usize,
        seed: num(3, 1),
    };
    std::fs::create_dir_all(&dir)?;
    for spec in config.files() {
        let w = oppdrag_corpus::write(&spec, &dir)?;
        println!(
            "{}: {} pages, {} bytes, {} records",
            spec.stem(),
            w.pages,
            w.bytes,
            w.records
        );
    }
    Ok(())
}
