//! Criterion benchmarks of the pipeline's hot paths, on letters made by the
//! corpus generator (so they run anywhere, without shared material):
//!
//! * PDF content-stream decoding into pages of lines (`oppdrag_pdf`), for a
//!   letter with standard WinAnsi fonts and one with Type0/ToUnicode fonts;
//! * date, amount, body and reference matching on ~1 MB of letter text
//!   (`oppdrag_rules`);
//! * record extraction from one ingested letter (`oppdrag_extract`).
//!
//! Run: `cargo bench --bench pipeline`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use oppdrag_corpus::{Config, FileSpec, Generated};
use oppdrag_rules::{BodyContext, RuleSet};

/// The binary's allocator (src/alloc.rs), so that the figures are taken on
/// the allocator the program ships with (mimalloc took 7–9 % off the whole
/// pipeline's CPU); the binary's purge-delay setting is not applied here.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generated letters, the first with WinAnsi fonts and the second with Type0 fonts.
fn letters() -> (Generated, Generated) {
    let config = Config {
        letters: 200,
        mandates: 0,
        seed: 1,
    };
    let is_type0 = |g: &Generated| g.pdf.windows(10).any(|w| w == b"Identity-H");
    let mut winansi = None;
    let mut type0 = None;
    for spec in config.files() {
        let g = oppdrag_corpus::generate(&spec).expect("generator works");
        if g.pages < 4 {
            continue;
        }
        if is_type0(&g) {
            type0.get_or_insert(g);
        } else {
            winansi.get_or_insert(g);
        }
        if winansi.is_some() && type0.is_some() {
            break;
        }
    }
    (
        winansi.expect("a WinAnsi letter"),
        type0.expect("a Type0 letter"),
    )
}

/// About 1 MB of letter text, as ingestion prints it.
fn megabyte_of_text() -> String {
    let options = oppdrag_pdf::Options::default();
    let mut text = String::with_capacity(1 << 20);
    let config = Config {
        letters: 1000,
        mandates: 50,
        seed: 3,
    };
    for spec in config.files().collect::<Vec<FileSpec>>() {
        let g = oppdrag_corpus::generate(&spec).expect("generator works");
        let doc = oppdrag_pdf::load_bytes(&g.stem, &g.pdf, &options).expect("generated PDFs load");
        text.push_str(&doc.text());
        if text.len() >= 1 << 20 {
            break;
        }
    }
    text
}

fn pdf_decoding(c: &mut Criterion) {
    let (winansi, type0) = letters();
    let options = oppdrag_pdf::Options::default();
    let mut group = c.benchmark_group("pdf");
    for (name, g) in [("winansi_letter", &winansi), ("type0_letter", &type0)] {
        group.throughput(Throughput::Bytes(g.pdf.len() as u64));
        group.bench_function(format!("{name}_{}_pages", g.pages), |b| {
            b.iter(|| {
                oppdrag_pdf::load_bytes("bench.pdf", black_box(&g.pdf), &options).expect("loads")
            })
        });
    }
    group.finish();
}

fn rules_on_text(c: &mut Criterion) {
    let rules = RuleSet::bundled();
    let text = megabyte_of_text();
    let mut group = c.benchmark_group("rules_1mb");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("dates", |b| {
        b.iter(|| rules.dates.find(black_box(&text), Some(2025)).len())
    });
    group.bench_function("amounts", |b| {
        b.iter(|| rules.amounts.find(black_box(&text)).len())
    });
    let context = BodyContext {
        recipient: Some("Helsedirektoratet"),
        issuer: Some("Helse- og omsorgsdepartementet"),
    };
    group.bench_function("bodies", |b| {
        b.iter(|| rules.bodies.find(black_box(&text), &context).len())
    });
    group.bench_function("references", |b| {
        b.iter(|| rules.codes.references(black_box(&text)).len())
    });
    group.finish();
}

fn extraction(c: &mut Criterion) {
    let rules = RuleSet::bundled();
    let (winansi, _) = letters();
    let doc = oppdrag_pdf::load_bytes(
        &winansi.stem,
        &winansi.pdf,
        &oppdrag_pdf::Options::default(),
    )
    .expect("loads");
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Elements(u64::from(winansi.pages)));
    group.bench_function(format!("letter_{}_pages", winansi.pages), |b| {
        b.iter_batched(
            || doc.clone(),
            |d| oppdrag_extract::extract(&d, &rules).len(),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, pdf_decoding, rules_on_text, extraction);
criterion_main!(benches);
