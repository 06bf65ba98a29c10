//! Rule-stage throughput in CPU time, for machines too busy for wall-clock
//! benchmarks: extracts the benchmark's generated letters N times (default
//! 20) and prints the bytes read and the CPU time of the rounds alone (rules
//! compiled and letters made before; one thread, so MB/s per core). Under
//! `perf stat -e task-clock` (or `time`, reading "user"), bytes / CPU
//! seconds gives the figure with the set-up included.
//!
//! `cargo run --release -p oppdrag-extract --example rule_throughput -- 20`
//!
//! Text files after the count are read instead of the generated letters
//! (`rule_throughput 20 letter.txt`), each as the text ingester reads it.
//!
//! It runs on the allocator the `oppdrag` binary ships with (mimalloc), so
//! that the figure is the rule stage's as users run it.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/letter.rs"]
mod letter;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let rules = oppdrag_rules::RuleSet::bundled();
    let files: Vec<String> = std::env::args().skip(2).collect();
    let (docs, bytes) = if files.is_empty() {
        letter::letters(8, 128 << 10)
    } else {
        let mut docs = Vec::new();
        let mut bytes = 0;
        for f in &files {
            let text = std::fs::read_to_string(f).unwrap_or_else(|e| panic!("{f}: {e}"));
            bytes += text.len();
            docs.push(letter::document(&text));
        }
        (docs, bytes)
    };
    let start = std::time::Instant::now();
    let cpu = cpu_time::ThreadTime::try_now().ok();
    let mut records = 0;
    for _ in 0..rounds {
        for doc in &docs {
            records += oppdrag_extract::extract(doc, &rules).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let total = bytes * rounds;
    println!(
        "{total} bytes, {records} records, {secs:.3} s wall, {:.1} MB/s wall",
        total as f64 / secs / 1e6
    );
    if let Some(cpu) = cpu.and_then(|t| t.try_elapsed().ok()) {
        let cpu = cpu.as_secs_f64();
        println!(
            "rounds alone: {cpu:.3} s CPU, {:.1} MB/s per core",
            total as f64 / cpu / 1e6
        );
    }
}
