//! In-process speed of the PDF layer: the bundled letter fixture, and every
//! PDF under `OPPDRAG_BENCH_DIR` when set (e.g. `../shared/corpus/real-pdf`).
//! The side-by-side comparison with pdftotext is `.ci/bench-pdf.sh`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oppdrag_pdf::{fixture, load_bytes, Options};

fn bench(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("pdf");
    let letter = fixture::letter();
    group.throughput(Throughput::Elements(2));
    group.bench_function("letter (pages)", |b| {
        b.iter(|| load_bytes("letter.pdf", &letter, &options).map(|d| d.pages.len()))
    });
    if let Some(dir) = std::env::var_os("OPPDRAG_BENCH_DIR") {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            .filter_map(|e| {
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).ok()?,
                ))
            })
            .collect();
        files.sort();
        let pages: usize = files
            .iter()
            .filter_map(|(n, d)| load_bytes(n, d, &options).ok())
            .map(|d| d.pages.len())
            .sum();
        group.throughput(Throughput::Elements(pages as u64));
        group.sample_size(10);
        group.bench_function("corpus (pages)", |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|(n, d)| load_bytes(n, d, &options).ok())
                    .count()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
