//! Assignments end to end: letters written for these tests in the style of
//! real allocation letters, run through `oppdrag extract`.

use assert_cmd::Command;
use serde_json::Value;

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").expect("binary builds")
}

const LETTER: &str = "\
Tildelingsbrev 2026 – Utdanningsdirektoratet

1 Innledning
Kunnskapsdepartementet viser til Prop. 1 S (2025–2026) og Innst. 12 S (2025-2026).
Regjeringen har disse målene:
1. God læring for alle barn
2. Et inkluderende fellesskap

2 Mål og oppdrag
2.1 Barnehage
2.1.1 Oppdrag
TB2026-01 Avd.KD: BLA Nasjonal veileder for overgang fra barnehage til
skole
Utdanningsdirektoratet skal i samarbeid med Barne-, ungdoms- og familiedirektoratet
utarbeide en veileder. KS skal involveres i arbeidet. Veilederen skal være ferdigstilt
innen utgangen av 2026. Departementet viser til TB2025-14.

TB2026-02 Avd. KD: BLA/UHA Kartlegging av bemanning i barne-
hagene
Direktoratet skal kartlegge bemanningen.
a) Beskrive dagens situasjon.
b) Foreslå tiltak sammen med Oslo kommune.
c) Anslå kostnader.
Deloppdrag a) har frist 1. mars 2026.
Deloppdrag b) og c) har frist 15. september 2026.
Det er satt av 2,5 mill. kroner til arbeidet, og inntil kr 40.000 til innkjøp.

TB2026-03 Avd.KD: UHA Revisjon av rammeplanen
Et utkast til ny rammeplan ble sendt på høring med frist 1. mai 2026. Direktoratet skal
bistå departementet i å gjennomgå høringssvarene. Direktoratet overtar ansvaret fra
1. januar 2027. Rapporten av 12. mai 2025 ligger til grunn.
Frist avklares i dialog med departementet.

TB2026-04 Avd.KD: BLA Statistikk
Direktoratet skal levere statistikk om barnehagene innen 1. februar hvert år, og
en samlet rapport innen 1. juni.
TB2026-01 Nasjonal veileder nevnes her bare som henvisning.

Tidligere gitte oppdrag som ikke er ferdigstilt
TB2025-14 Avd.KD: BLA Kompetanseløft for barnehagelærere
TTB2025-03 Avd.KD: UHA Digitale læremidler

2.2 Grunnopplæring
TB2026-05 Avd.KD: GOA Fagfornyelsen – evaluering
Direktoratet skal evaluere fagfornyelsen. Høringsnotat planlegges ferdigstilt første
halvår 2026.
";

fn extract(dir: &std::path::Path, name: &str, text: &str) -> Vec<Value> {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = oppdrag().arg("extract").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn assignments(records: &[Value]) -> Vec<&Value> {
    records
        .iter()
        .filter(|r| r["type"] == "assignment")
        .collect()
}

fn dues(a: &Value) -> Vec<(String, String, Vec<String>)> {
    a["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["due"].as_str().unwrap_or("-").to_string(),
                d["kind"].as_str().unwrap().to_string(),
                d["part"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect()
}

#[test]
fn codes_titles_units_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract(dir.path(), "brev.txt", LETTER);
    let a = assignments(&records);
    let codes: Vec<&str> = a.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "TB2026-01",
            "TB2026-02",
            "TB2026-03",
            "TB2026-04",
            "TB2026-05"
        ],
        "carry-overs and references are not assignments"
    );
    assert_eq!(
        a[0]["title"],
        "Nasjonal veileder for overgang fra barnehage til skole"
    );
    assert_eq!(a[0]["owner_unit"], "BLA");
    assert_eq!(a[0]["line"], 12);
    assert_eq!(
        strings(&a[0]["section"]),
        ["2 Mål og oppdrag", "2.1 Barnehage", "2.1.1 Oppdrag"]
    );
    assert_eq!(
        a[1]["title"], "Kartlegging av bemanning i barnehagene",
        "line-break hyphen removed"
    );
    assert_eq!(a[1]["owner_unit"], "BLA/UHA");
    assert_eq!(
        strings(&a[4]["section"]),
        ["2 Mål og oppdrag", "2.2 Grunnopplæring"]
    );
}

#[test]
fn deadlines_parts_and_what_is_not_a_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract(dir.path(), "brev.txt", LETTER);
    let a = assignments(&records);
    let s = |x: &str| x.to_string();
    assert_eq!(dues(a[0]), [(s("2026-12-31"), s("deadline"), vec![])]);
    assert_eq!(a[0]["deadlines"][0]["precision"], "year");
    assert_eq!(
        dues(a[1]),
        [
            (s("2026-03-01"), s("deadline"), vec![s("a")]),
            (s("2026-09-15"), s("deadline"), vec![s("b"), s("c")])
        ]
    );
    // Hearing deadline, start of a responsibility and a past report are not deadlines.
    assert_eq!(dues(a[2]), [(s("-"), s("by_agreement"), vec![])]);
    assert_eq!(
        dues(a[3]),
        [
            (s("2026-02-01"), s("recurring"), vec![]),
            (s("2026-06-01"), s("deadline"), vec![])
        ],
        "a date without a year takes the letter's year"
    );
    assert_eq!(dues(a[4]), [(s("2026-06-30"), s("deadline"), vec![])]);
    assert_eq!(a[4]["deadlines"][0]["precision"], "half_year");
}

#[test]
fn amounts_bodies_and_references() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract(dir.path(), "brev.txt", LETTER);
    let a = assignments(&records);
    let values: Vec<f64> = a[1]["amounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, [2_500_000.0, 40_000.0]);
    assert_eq!(strings(&a[0]["responsible"]), ["Utdanningsdirektoratet"]);
    assert_eq!(
        strings(&a[0]["partners"]),
        ["Barne-, ungdoms- og familiedirektoratet", "KS"]
    );
    assert_eq!(
        strings(&a[1]["partners"]),
        ["Oslo kommune"],
        "an unknown body by its shape"
    );
    assert_eq!(
        strings(&a[2]["partners"]),
        ["Kunnskapsdepartementet"],
        "bistå departementet"
    );
    assert_eq!(strings(&a[0]["references"]), ["TB2025-14"]);
}

#[test]
fn a_broken_rule_file_names_file_rule_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("amounts.toml"), "rate_cues = ['(honorar']\n[[multiplier]]\nwords = ['mill.']\nfactor = 1e6\n[[currency]]\ncode = 'SEK'\nafter = ['kronor']\n").unwrap();
    std::fs::write(dir.path().join("brev.txt"), LETTER).unwrap();
    let out = oppdrag()
        .arg("extract")
        .arg("--rules")
        .arg(&rules)
        .arg(dir.path().join("brev.txt"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("amounts.toml: rule 1 (SEK): unknown currency"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "no document is read");
}

/// A letter that calls its recipient by the common noun of its kind
/// ("instituttet", "tilsynet", "foretaket").
const NOUN_LETTER: &str = "\
Tildelingsbrev 2026 – Folkehelseinstituttet

1 Innledning
Helse- og omsorgsdepartementet viser til Prop. 1 S (2025–2026).

2 Oppdrag
TB2026-01 Avd.HOD: FHA Felles kunnskapsoppsummering
Instituttet og Statens helsetilsyn bes i fellesskap om å oppsummere kunnskapen om
smittevern i sykehjem. Frist: 1. juni 2026.

TB2026-02 Avd.HOD: FHA Registerdata
Departementet ber instituttet og Norsk helsenett SF om å lage en plan for deling av
registerdata. Frist: 1. oktober 2026.
";

#[test]
fn the_recipient_called_by_the_noun_of_its_kind_shares_the_work() {
    let dir = tempfile::tempdir().unwrap();
    let records = extract(dir.path(), "brev.txt", NOUN_LETTER);
    assert_eq!(records[0]["recipient"], "Folkehelseinstituttet");
    let a = assignments(&records);
    assert_eq!(
        strings(&a[0]["responsible"]),
        ["Folkehelseinstituttet", "Statens helsetilsyn"]
    );
    assert_eq!(
        strings(&a[1]["responsible"]),
        ["Folkehelseinstituttet", "Norsk helsenett SF"]
    );
}

#[test]
fn the_first_date_of_a_series_is_a_recurring_deadline() {
    let letter = "\
Tildelingsbrev 2026 – Utdanningsdirektoratet

2 Oppdrag
TB2026-11 Avd.KD: BLA Statusrapporter
Direktoratet skal rapportere om framdriften hvert tertial, første gang 15. mai 2026.
TB2026-12 Avd.KD: BLA Nøkkeltall
Nøkkeltallene sendes departementet årlig, første gang innen 1. mars 2026.
TB2026-13 Avd.KD: BLA Veileder
Veilederen skal leveres 1. oktober 2026. Den skal revideres første gang i 2028.
";
    let dir = tempfile::tempdir().unwrap();
    let records = extract(dir.path(), "serie.txt", letter);
    let a = assignments(&records);
    let s = |x: &str| x.to_string();
    assert_eq!(dues(a[0]), [(s("2026-05-15"), s("recurring"), vec![])]);
    assert_eq!(dues(a[1]), [(s("2026-03-01"), s("recurring"), vec![])]);
    assert_eq!(a[0]["deadlines"][0]["raw"], "første gang 15. mai 2026");
    assert_eq!(
        a[1]["deadlines"][0]["raw"],
        "første gang innen 1. mars 2026"
    );
    // "første gang i 2028" places later work, it is no deadline of this letter.
    assert_eq!(dues(a[2]), [(s("2026-10-01"), s("deadline"), vec![])]);
}
