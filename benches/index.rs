//! Index and search benchmark on generated assignment records.
//!
//! Steps:
//! 1. generate `OPPDRAG_BENCH_RECORDS` (default 100 000) assignment records in
//!    1 000-record letters, from a fixed seed;
//! 2. index them on disk with one and with two writer threads (records/s);
//! 3. search the two-thread index with text, filter and combined queries,
//!    20 hits with snippets each, and report p50/p99 latency per kind;
//! 4. hand the same searches to criterion for its statistics.
//!
//! Run: `cargo bench --bench index` (numbers in BENCHMARKS.md).
//! Environment: `OPPDRAG_BENCH_RECORDS` (assignments, default 100000),
//! `OPPDRAG_BENCH_THREADS` (writer thread counts, default `1,2`; the last
//! index built is searched), `OPPDRAG_BENCH_VERBOSE` (latency per query).

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::Criterion;
use oppdrag_index::{Filters, RecordIndex, SearchRequest, Source};
use oppdrag_model::{Amount, Assignment, Currency, Deadline, DocumentKind, DocumentRecord, Record};

/// The binary's allocator (src/alloc.rs), so that the figures are taken on
/// the allocator the program ships with (mimalloc took 7–9 % off the whole
/// pipeline's CPU); the binary's purge-delay setting is not applied here.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const RECORDS_PER_LETTER: usize = 1_000;

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const UNITS: &[&str] = &["FHA", "SHA", "KOMM", "DIGI", "ØKA", "LMA", "BFA", "PKA"];
const BODIES: &[&str] = &[
    "Helsedirektoratet",
    "Folkehelseinstituttet",
    "Direktoratet for medisinske produkter",
    "Statens helsetilsyn",
    "Norsk helsenett SF",
    "Utdanningsdirektoratet",
    "Regionale helseforetak",
    "KS",
    "Direktoratet for strålevern og atomsikkerhet",
    "Barne-, ungdoms- og familiedirektoratet",
];
const SUBJECTS: &[&str] = &[
    "tobakksstrategi",
    "alkoholpolitikk",
    "folkehelseloven",
    "legemiddelberedskap",
    "kreftbehandling",
    "psykisk helse",
    "rusbehandling",
    "digitalisering",
    "helsedata",
    "pasientsikkerhet",
    "smittevern",
    "vaksinasjon",
    "fastlegeordningen",
    "helseberedskap",
    "kosthold",
    "fysisk aktivitet",
    "skolehelsetjenesten",
    "eldreomsorg",
    "demens",
    "rehabilitering",
    "antibiotikaresistens",
    "e-helse",
    "journalløsninger",
    "tannhelse",
    "ernæring",
    "snus",
    "spillavhengighet",
    "selvmordsforebygging",
    "levekår",
    "helsekompetanse",
];
const VERBS: &[&str] = &[
    "Oppfølging av",
    "Evaluering av",
    "Kartlegging av",
    "Revisjon av",
    "Utredning om",
    "Tiltak for",
    "Veileder om",
    "Kunnskapsgrunnlag om",
    "Handlingsplan for",
    "Rapport om",
];
const FILLER: &[&str] = &[
    "skal",
    "vurdere",
    "utarbeide",
    "forslag",
    "til",
    "tiltak",
    "og",
    "rapportere",
    "på",
    "arbeidet",
    "i",
    "årsrapporten",
    "med",
    "mål",
    "om",
    "bedre",
    "kunnskap",
    "for",
    "befolkningen",
    "kommunene",
    "sektoren",
    "departementet",
    "innen",
    "fristen",
    "samarbeid",
    "relevante",
    "aktører",
    "nasjonale",
    "retningslinjer",
    "oppdatert",
    "status",
    "gjennomføring",
];

fn date(rng: &mut Rng, year: i32) -> NaiveDate {
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

fn assignment(rng: &mut Rng, doc: &str, year: i32, n: usize) -> Record {
    let subject = rng.pick(SUBJECTS);
    let title = format!("{} {subject}", rng.pick(VERBS));
    let responsible = rng.pick(BODIES).to_string();
    let partners: Vec<String> = (0..rng.below(3))
        .map(|_| rng.pick(BODIES).to_string())
        .collect();
    let mut text = format!("{responsible} skal");
    for _ in 0..40 + rng.below(40) {
        text.push(' ');
        text.push_str(if rng.below(8) == 0 {
            rng.pick(SUBJECTS)
        } else {
            rng.pick(FILLER)
        });
    }
    if let Some(p) = partners.first() {
        text.push_str(&format!(" i samarbeid med {p}"));
    }
    let mut deadlines = Vec::new();
    for _ in 0..rng.below(3) {
        let y = year + rng.below(2) as i32;
        deadlines.push(Deadline {
            due: Some(date(rng, y)),
            raw: "frist".into(),
            ..Deadline::default()
        });
    }
    let amounts = if rng.below(4) == 0 {
        vec![Amount::new(
            (1 + rng.below(50)) as f64 * 1e6,
            Currency::Nok,
            "mill. kroner",
        )]
    } else {
        Vec::new()
    };
    Record::Assignment(Assignment {
        doc: doc.to_string(),
        page: Some(1 + rng.below(80) as u32),
        code: format!("TB{year}-{:03}", n % 1000),
        title,
        owner_unit: Some(rng.pick(UNITS).to_string()),
        responsible: vec![responsible],
        partners,
        deadlines,
        amounts,
        text,
        ..Assignment::default()
    })
}

/// Letters of `RECORDS_PER_LETTER` assignments each, `total` assignments in all.
fn letters(total: usize) -> Vec<(Source, Vec<Record>)> {
    let mut rng = Rng(2024);
    let mut out = Vec::new();
    let mut made = 0;
    let mut i = 0;
    while made < total {
        let doc = format!("tildelingsbrev-{i:04}.txt");
        let year = 2020 + (i % 7);
        let mut records = vec![Record::Document(DocumentRecord {
            doc: doc.clone(),
            kind: DocumentKind::AllocationLetter,
            year: Some(year),
            ..DocumentRecord::default()
        })];
        for n in 0..RECORDS_PER_LETTER.min(total - made) {
            records.push(assignment(&mut rng, &doc, year, n));
            made += 1;
        }
        let source = Source {
            path: format!("/bench/{doc}"),
            hash: format!("{i}"),
        };
        out.push((source, records));
        i += 1;
    }
    out
}

/// Indexes every letter into a fresh directory; returns (index, seconds).
fn build(
    dir: &std::path::Path,
    letters: &[(Source, Vec<Record>)],
    threads: usize,
) -> (RecordIndex, f64) {
    let index = RecordIndex::open_or_create(dir).expect("index opens");
    let start = Instant::now();
    let mut writer = index.writer(threads, 256 << 20).expect("writer");
    for (source, records) in letters {
        writer.replace_file(source, records).expect("indexing");
    }
    writer.commit().expect("commit");
    writer.finish().expect("merges");
    let secs = start.elapsed().as_secs_f64();
    index.refresh().expect("refresh");
    (index, secs)
}

fn requests() -> Vec<(&'static str, Vec<SearchRequest>)> {
    let q = |query: &str, filters: Filters| SearchRequest {
        query: query.to_string(),
        filters,
        limit: 20,
        snippet_chars: 160,
    };
    let partner = |name: &str| Filters {
        partners: vec![name.to_string()],
        ..Filters::default()
    };
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let text = vec![
        q("tobakk", Filters::default()),
        q("folkehelse", Filters::default()),
        q("\"psykisk helse\"", Filters::default()),
        q("legemiddel AND rapportere", Filters::default()),
        q("kreftbehandling evaluering", Filters::default()),
        q("title:digitalisering", Filters::default()),
        q("alkohol -snus", Filters::default()),
        q("code:TB2024-017", Filters::default()),
    ];
    let filter = vec![
        q("", partner("Folkehelseinstituttet")),
        q(
            "",
            Filters {
                units: vec!["FHA".into()],
                years: vec![2024],
                ..Filters::default()
            },
        ),
        q(
            "",
            Filters {
                due_before: day(2021, 7, 1),
                ..Filters::default()
            },
        ),
        q(
            "",
            Filters {
                bodies: vec!["KS".into()],
                due_after: day(2025, 6, 1),
                due_before: day(2025, 9, 1),
                ..Filters::default()
            },
        ),
        q(
            "",
            Filters {
                responsible: vec!["Statens helsetilsyn".into()],
                years: vec![2022, 2023],
                ..Filters::default()
            },
        ),
    ];
    let combined = vec![
        q("tobakk", partner("Folkehelseinstituttet")),
        q(
            "kosthold",
            Filters {
                units: vec!["FHA".into()],
                years: vec![2024],
                ..Filters::default()
            },
        ),
        q(
            "smittevern OR vaksinasjon",
            Filters {
                due_before: day(2023, 1, 1),
                ..Filters::default()
            },
        ),
        q(
            "\"i samarbeid med\" helsedata",
            Filters {
                bodies: vec!["Norsk helsenett SF".into()],
                ..Filters::default()
            },
        ),
    ];
    vec![("text", text), ("filter", filter), ("combined", combined)]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn latency_report(index: &RecordIndex) {
    const ROUNDS: usize = 300;
    for (kind, reqs) in requests() {
        // Warm the page cache and the term dictionaries.
        for r in &reqs {
            index.search(r).expect("search");
        }
        let mut times = Vec::with_capacity(ROUNDS * reqs.len());
        let mut hits = 0usize;
        for _ in 0..ROUNDS {
            for r in &reqs {
                let start = Instant::now();
                let results = index.search(r).expect("search");
                times.push(start.elapsed());
                assert!(
                    results.total > 0,
                    "{kind} query {:?} finds something",
                    r.query
                );
                hits += results.hits.len();
            }
        }
        if std::env::var_os("OPPDRAG_BENCH_VERBOSE").is_some() {
            for (i, r) in reqs.iter().enumerate() {
                let mut own: Vec<Duration> =
                    times.iter().skip(i).step_by(reqs.len()).copied().collect();
                own.sort();
                println!(
                    "    p50 {:>7.3} ms  p99 {:>7.3} ms  {:?} {:?}",
                    percentile(&own, 0.50).as_secs_f64() * 1e3,
                    percentile(&own, 0.99).as_secs_f64() * 1e3,
                    r.query,
                    r.filters
                );
            }
        }
        times.sort();
        println!(
            "search {kind:<8} {:>5} queries  p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  ({} hits returned)",
            times.len(),
            percentile(&times, 0.50).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
            hits
        );
    }
}

fn main() {
    let total: usize = std::env::var("OPPDRAG_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let letters = letters(total);
    let records: usize = letters.iter().map(|(_, r)| r.len()).sum();
    println!(
        "generated {records} records ({total} assignments) in {} letters",
        letters.len()
    );

    let tmp = tempfile::tempdir().expect("temp dir");
    let mut index = None;
    let thread_counts: Vec<usize> = match std::env::var("OPPDRAG_BENCH_THREADS") {
        Ok(v) => v.split(',').filter_map(|t| t.trim().parse().ok()).collect(),
        Err(_) => vec![1, 2],
    };
    for threads in thread_counts {
        let dir = tmp.path().join(format!("t{threads}"));
        let (built, secs) = build(&dir, &letters, threads);
        println!(
            "index    {threads} writer thread{}  {records} records in {secs:.2} s  = {:.0} records/s",
            if threads == 1 { " " } else { "s" },
            records as f64 / secs
        );
        assert_eq!(built.num_records().expect("count") as usize, records);
        index = Some(built);
    }
    let index = index.expect("built");
    latency_report(&index);

    let mut criterion = Criterion::default()
        .configure_from_args()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    let mut group = criterion.benchmark_group("search_100k");
    for (kind, reqs) in requests() {
        group.bench_function(kind, |b| {
            let mut i = 0;
            b.iter(|| {
                i = (i + 1) % reqs.len();
                index.search(&reqs[i]).expect("search").total
            })
        });
    }
    group.finish();
    criterion.final_summary();
}
