//! Rule-stage throughput: text → records, without PDF parsing.
//!
//! The input is about 1 MB of letter text generated here: eight letters of
//! 128 KB (headings, coded assignments with sub-parts, deadlines, amounts,
//! bodies, carry-over lists and filler prose), each built into a one-page text
//! `Document` as the text ingester does.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use oppdrag_model::{Document, Line, Page, SourceKind};
use oppdrag_rules::RuleSet;

const PROSE: &[&str] = &[
    "Direktoratet skal følge opp arbeidet i tett dialog med sektoren og rapportere på",
    "framdrift i de ordinære etatsstyringsmøtene. Arbeidet skal ses i sammenheng med",
    "pågående utredninger og tidligere leveranser, jf. omtale i Prop. 1 S (2025–2026).",
    "Det skal legges vekt på brukerperspektivet, kunnskapsgrunnlaget og samfunns-",
    "økonomiske vurderinger, og tiltakene skal kunne gjennomføres innenfor gjeldende",
    "budsjettrammer. Direktoratet må påregne ytterligere oppdrag i løpet av året.",
];

const UNITS: &[&str] = &["FHA", "KTA/SHA", "SHA", "EHE", "ADA"];
const BODIES: &[&str] = &[
    "FHI",
    "Bufdir",
    "Udir",
    "de regionale helseforetakene",
    "KS",
    "Norsk helsenett SF",
    "Sykehuset Østfold HF",
];
const DATES: &[&str] = &[
    "1. februar 2026",
    "15. mars 2026",
    "1. juni",
    "31.12.2026",
    "første halvår 2026",
    "innen utgangen av 2026",
];

fn letter(target: usize) -> String {
    let mut out = String::from("Tildelingsbrev 2026 – Helsedirektoratet\n\n1 Innledning\n");
    let (mut section, mut n) = (1, 0);
    while out.len() < target {
        section += 1;
        out.push_str(&format!(
            "\n{section} Mål og oppdrag på område {section}\n{section}.1 Oppdrag\n"
        ));
        for k in 0..12 {
            n += 1;
            let i = n + k;
            out.push_str(&format!(
                "TB2026-{n:02} Avd.HOD: {} Oppfølging av tiltak nummer {n} innen\n",
                UNITS[i % UNITS.len()]
            ));
            out.push_str("helse- og omsorgssektoren\n");
            for (j, p) in PROSE.iter().enumerate() {
                out.push_str(p);
                out.push('\n');
                if j == 2 {
                    out.push_str(&format!(
                        "Helsedirektoratet skal i samarbeid med {} utrede saken.\n",
                        BODIES[i % BODIES.len()]
                    ));
                }
            }
            out.push_str("a) Kartlegge dagens situasjon.\nb) Foreslå tiltak.\n");
            out.push_str(&format!(
                "Det er satt av {},5 mill. kroner til arbeidet.\n",
                i % 9 + 1
            ));
            out.push_str(&format!("Frist: {}\n\n", DATES[i % DATES.len()]));
        }
        out.push_str("Tidligere gitte oppdrag som ikke er ferdigstilt\nTB2025-11 Avd.HOD: FHA Gammelt oppdrag\n\n");
    }
    out
}

fn document(text: &str) -> Document {
    let lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| Line::plain(l, i as u32 + 1))
        .collect();
    Document {
        name: "bench.txt".into(),
        source: SourceKind::Text,
        pages: vec![Page {
            number: 1,
            lines,
            ..Page::default()
        }],
    }
}

fn rule_stage(c: &mut Criterion) {
    let rules = RuleSet::bundled();
    let texts: Vec<String> = (0..8).map(|_| letter(128 << 10)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let docs: Vec<Document> = texts.iter().map(|t| document(t)).collect();
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
