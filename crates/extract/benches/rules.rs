//! Rule-stage throughput: text → records, without PDF parsing.
//!
//! The input is about 1 MB of letter text generated here: eight letters of
//! 128 KB (headings, coded assignments with sub-parts, deadlines, amounts,
//! bodies, carry-over lists and filler prose), each built into a one-page text
//! `Document` as the text ingester does.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
#[path = "letter.rs"]
mod letter;

use oppdrag_rules::RuleSet;

fn rule_stage(c: &mut Criterion) {
    let rules = RuleSet::bundled();
    let (docs, bytes) = letter::letters(8, 128 << 10);
    let records: usize = docs
        .iter()
        .map(|d| oppdrag_extract::extract(d, &rules).len())
        .sum();
    assert!(
        records > 1000,
        "the generated letters yield assignments: {records}"
    );
    let mut group = c.benchmark_group("rule_stage");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("extract_8x128kb_letters", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| oppdrag_extract::extract(d, &rules).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, rule_stage);
criterion_main!(benches);
