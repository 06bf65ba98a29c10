//! The generated letters the rule-stage benchmark reads: headings, coded
//! assignments with sub-parts, deadlines, amounts, bodies, carry-over lists
//! and filler prose. Shared by `benches/rules.rs` and
//! `examples/rule_throughput.rs`.

use oppdrag_model::Document;

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

/// Returns one letter of at least `target` bytes.
pub fn letter(target: usize) -> String {
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

/// Builds a one-page text document of `text`, as the text ingester does.
pub fn document(text: &str) -> Document {
    Document::from_plain_text("bench.txt", text)
}

/// Returns `count` generated letters of about `size` bytes each, as documents,
/// and their total size in bytes.
pub fn letters(count: usize, size: usize) -> (Vec<Document>, usize) {
    let texts: Vec<String> = (0..count).map(|_| letter(size)).collect();
    let bytes = texts.iter().map(String::len).sum();
    (texts.iter().map(|t| document(t)).collect(), bytes)
}
