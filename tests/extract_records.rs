//! `oppdrag extract` on letters and mandates written for these tests: the
//! document, budget_line, calendar_entry and mandate records.

use assert_cmd::Command;
use serde_json::Value;

fn extract(name: &str, text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let output = Command::cargo_bin("oppdrag")
        .unwrap()
        .arg("extract")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn of<'a>(records: &'a [Value], kind: &str) -> Vec<&'a Value> {
    records.iter().filter(|r| r["type"] == kind).collect()
}

const LETTER: &str = "\
Tildelingsbrev 2025 – Folkehelseinstituttet

1 Innledning
Helse- og omsorgsdepartementet viser til Prop. 1 S (2024–2025). Folkehelseinstituttet
skal prioritere beredskap. Folkehelseinstituttet rapporterer til departementet.

2 Budsjett
2.1 Tildeling
  Alle tall i hele tusen
Kap. Post Betegnelse Tildeling 2025 Merknad

745 01 Driftsutgifter 1 210 500  Herav 2 mill. kr til
beredskapslager.

 21 Spesielle driftsutgifter, kan
nyttes under post 70

45 300 Forskning
 70 Tilskudd -  Overført til kap. 762
746 01 Driftsutgifter 88 000

3 Styringsdialog
3.1 Styringskalender 2025
 Dato Leveranse
15. februar • Årsrapport 2024
• Innspill til revidert budsjett
22. 
april

Etatsstyringsmøte
1.9.2025 Budsjettforslag for 2026

4 Avslutning
1. desember er ikke en kalenderdato her.

Mandat for Nasjonalt fagutvalg for e-helse (NUFA)
Fastsatt av Helse- og omsorgsdepartementet den 3. februar 2025.
Utvalget skal virke i perioden 2025-2028. NUFA ledes av Folkehelseinstituttet.
Sekretariatet ligger hos Helsedirektoratet. Utvalget har normalt fem møter i året.
Følgende er representert:
• Kommuner (tre medlemmer)
• Folkehelseinstituttet (ett medlem + leder)
NUFA skal:
• gi råd om standarder
";

#[test]
fn a_letter_yields_document_budget_calendar_and_mandate_records() {
    let records = extract("letter.txt", LETTER);
    let doc = &records[0];
    assert_eq!(doc["type"], "document");
    assert_eq!(doc["kind"], "allocation_letter");
    assert_eq!(doc["year"], 2025);
    assert_eq!(doc["issuer"], "Helse- og omsorgsdepartementet");
    assert_eq!(doc["recipient"], "Folkehelseinstituttet");
    assert_eq!(doc["title"], "Tildelingsbrev 2025 – Folkehelseinstituttet");

    let budget = of(&records, "budget_line");
    let rows: Vec<(i64, i64, Option<f64>)> = budget
        .iter()
        .map(|b| {
            (
                b["chapter"].as_i64().unwrap(),
                b["post"].as_i64().unwrap(),
                b["amount"]["value"].as_f64(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (745, 1, Some(1_210_500_000.0)),
            (745, 21, Some(45_300_000.0)),
            (745, 70, None),
            (746, 1, Some(88_000_000.0))
        ]
    );
    assert_eq!(
        budget[0]["comment"],
        "Herav 2 mill. kr til beredskapslager."
    );
    assert_eq!(
        budget[1]["name"],
        "Spesielle driftsutgifter, kan nyttes under post 70"
    );
    assert_eq!(budget[2]["comment"], "Overført til kap. 762");
    assert_eq!(budget[0]["table"], "2.1 Tildeling");

    let calendar = of(&records, "calendar_entry");
    let rows: Vec<(&str, &str)> = calendar
        .iter()
        .map(|c| (c["due"].as_str().unwrap(), c["what"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                "2025-02-15",
                "Årsrapport 2024 • Innspill til revidert budsjett"
            ),
            ("2025-04-22", "Etatsstyringsmøte"),
            ("2025-09-01", "Budsjettforslag for 2026"),
        ]
    );

    let mandates = of(&records, "mandate");
    assert_eq!(mandates.len(), 1);
    let m = mandates[0];
    assert_eq!(m["body"], "Nasjonalt fagutvalg for e-helse");
    assert_eq!(m["established_by"], "Helse- og omsorgsdepartementet");
    assert_eq!(m["established"], "2025-02-03");
    assert_eq!(m["period"]["from"], 2025);
    assert_eq!(m["period"]["to"], 2028);
    assert_eq!(m["chair"], "Folkehelseinstituttet");
    assert_eq!(m["secretariat"], "Helsedirektoratet");
    assert_eq!(m["meetings_per_year"], 5);
    assert_eq!(m["members"][0]["body"], "Kommuner");
    assert_eq!(m["members"][0]["count"], 3);
    assert_eq!(m["members"][1]["count"], 2);
    assert_eq!(m["tasks"][0], "gi råd om standarder");
}

#[test]
fn a_mandate_document_names_its_issuer_and_year() {
    let text = "\n\nMANDAT FOR STYRINGSGRUPPEN FOR\nNASJONALT SENTER FOR E-HELSEFORSKNING\n\n\
                Fastsatt av Helse- og omsorgsdepartementet mai 2019.\n\
                Mandatet gjelder fra 1. juli 2019.\n\
                Funksjonstiden for medlemmene er tre år.\n\
                Styringsgruppen møtes kvartalsvis.\n";
    let records = extract("mandat.txt", text);
    let doc = &records[0];
    assert_eq!(doc["kind"], "mandate");
    assert_eq!(doc["issuer"], "Helse- og omsorgsdepartementet");
    assert_eq!(doc["year"], 2019);
    assert_eq!(doc["line"], 3);
    let m = of(&records, "mandate")[0];
    assert_eq!(
        m["body"],
        "Styringsgruppen for Nasjonalt senter for e-helseforskning"
    );
    assert_eq!(m["established"], "2019-05-31");
    assert_eq!(m["effective"], "2019-07-01");
    assert_eq!(m["term_years"], 3);
    assert_eq!(m["meetings_per_year"], 4);
}

/// Key of a budget line: chapter, post and amount in whole kroner.
fn budget_keys(records: &[Value]) -> Vec<(i64, i64, Option<i64>)> {
    of(records, "budget_line")
        .iter()
        .map(|b| {
            (
                b["chapter"].as_i64().unwrap_or(-1),
                b["post"].as_i64().unwrap_or(-1),
                b["amount"]["value"].as_f64().map(|v| v as i64),
            )
        })
        .collect()
}

#[test]
fn budget_rows_out_of_order_one_digit_posts_and_wrapped_post_references() {
    let text = "\
Kunnskapsdepartementet
Utdanningsdirektoratet
Postboks 9359 Grønland
0135 OSLO

Tildelingsbrev 2027 – Utdanningsdirektoratet

1 Innledning
Finansdepartementet har fastsatt rammene. Finansdepartementet og Finansdepartementet
nevnes her bare som bakgrunn for Utdanningsdirektoratet.

4 Budsjett
4.1 Tildeling
Alle tall i hele tusen
Kap.   Post   Navn på post                        Tildeling   Kommentar
220    70     Tilskudd, kan nyttes under post       12 400    Til fag- og yrkesopplæring
              21
       1      Driftsutgifter                         9 800
       21     Spesielle driftsutgifter, kan nyttes under post
              70                                        -    Midlene er flyttet
225    74     Tilskudd til forskning               3 150
Sum kap. 225                                        3 150
5 Styringsdialog
Departementet viser til hovedinstruksen.
";
    let records = extract("kd.txt", text);
    assert_eq!(
        budget_keys(&records),
        vec![
            (220, 70, Some(12_400_000)),
            (220, 1, Some(9_800_000)),
            (220, 21, None),
            (225, 74, Some(3_150_000)),
        ]
    );
    let doc = &of(&records, "document")[0];
    // The letterhead names the issuer even where another ministry is named more often.
    assert_eq!(doc["issuer"], "Kunnskapsdepartementet");
    assert_eq!(doc["recipient"], "Utdanningsdirektoratet");
    assert_eq!(doc["year"], 2027);
}

#[test]
fn a_table_repeated_over_a_page_break_keeps_its_scale() {
    let text = "\
Tildelingsbrev 2026 – Arbeids- og velferdsdirektoratet

3 Budsjett
3.1 Tildelinger
Beløp i 1000 kroner
Kap.   Post   Betegnelse                  Tildeling
605    01     Driftsutgifter                 4 100
605    21     Spesielle driftsutgifter         250

Side 4 av 9

Kap.   Post   Betegnelse                  Tildeling
605    45     Større utstyrsanskaffelser       730
4 Styringsdialog
";
    let records = extract("aid.txt", text);
    assert_eq!(
        budget_keys(&records),
        vec![
            (605, 1, Some(4_100_000)),
            (605, 21, Some(250_000)),
            (605, 45, Some(730_000)),
        ]
    );
}

#[test]
fn a_mandate_with_a_member_table_and_a_title_printed_twice() {
    let text = "\
Mandat for arbeidsgruppe for digital skolestart
Mandat for arbeidsgruppe for digital skolestart
Fastsatt av Kunnskapsdepartementet 12. desember 2025.
Arbeidsgruppen er oppnevnt for perioden 2026–2027.
Sammensetning
Følgende er representert i arbeidsgruppen:
Virksomhet            Antall medlemmer
Utdanningsdirektoratet      3
KS                          to
Statped                     -
Sekretariat
Sekretariatet ivaretas av Utdanningsdirektoratet.
";
    let records = extract("mandat.txt", text);
    let mandates = of(&records, "mandate");
    assert_eq!(mandates.len(), 1, "{mandates:?}");
    let m = mandates[0];
    assert_eq!(m["established_by"], "Kunnskapsdepartementet");
    let members: Vec<(String, Option<i64>)> = m["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["body"].as_str().unwrap().to_string(), x["count"].as_i64()))
        .collect();
    assert_eq!(
        members,
        vec![
            ("Utdanningsdirektoratet".to_string(), Some(3)),
            ("KS".to_string(), Some(2)),
            ("Statped".to_string(), None),
        ]
    );
    let doc = &of(&records, "document")[0];
    assert_eq!(doc["issuer"], "Kunnskapsdepartementet");
    // The year the mandate takes effect: the start of its period.
    assert_eq!(doc["year"], 2026);
}

#[test]
fn the_committed_sample_corpus_stays_at_its_floors() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("corpus");
    let output = Command::cargo_bin("oppdrag")
        .unwrap()
        .arg("eval")
        .arg("--gold")
        .arg(&corpus)
        .arg(&corpus)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let scores: Value = serde_json::from_slice(&output.stdout).unwrap();
    // Floors from the figures reached on corpus/ (letters and mandates of the
    // synthetic generator): F1 for record sets, accuracy for fields.
    let floors = [
        ("budget_line", 0.99),
        ("calendar_entry", 1.0),
        ("mandate.body", 1.0),
        ("mandate.members", 1.0),
        ("mandate.chair", 1.0),
        ("mandate.secretariat", 1.0),
        ("mandate.established_by", 1.0),
        ("mandate.meetings_per_year", 1.0),
        ("document.kind", 1.0),
        ("document.issuer", 1.0),
        ("document.recipient", 1.0),
        ("document.year", 1.0),
    ];
    for (field, floor) in floors {
        let v = &scores[field];
        let got = v["f1"].as_f64().or_else(|| v["acc"].as_f64());
        assert!(
            got.is_some_and(|g| g + 1e-9 >= floor),
            "{field}: {got:?} below the floor {floor}"
        );
    }
}

#[test]
fn tables_in_thousands_whole_kroner_and_millions_with_sum_rows() {
    let text = "\
Arbeids- og inkluderingsdepartementet

Arbeids- og velferdsdirektoratet
Postboks 5 St. Olavs plass
0130 OSLO

Tildelingsbrev 2026 – Arbeids- og velferdsdirektoratet

1 Innledning
Departementet viser til Prop. 1 S (2025–2026). NAV skal prioritere oppfølging.

5 Budsjettildeling
5.1 Bevilgninger
Tabell 5.1 (i 1 000 kr)
Kap.   Post   Betegnelse                           Beløp
605           Arbeids- og velferdsetaten
       01     Driftsutgifter                   13 456 789
       21     Spesielle driftsutgifter            123 400
       45     Større utstyrsanskaffelser og        98 000
              vedlikehold, kan overføres
Sum kap. 605                                   13 678 189
634           Arbeidsmarkedstiltak
       76     Tiltak for arbeidssøkere          9 876 500
Sum kap. 634                                    9 876 500

6 Styringskalender
Dato          Aktivitet
15.03.2026    Årsrapport 2025
Uke 18        Etatsstyringsmøte
1. juni       Risikovurdering
";
    let records = extract("aid.txt", text);
    assert_eq!(
        budget_keys(&records),
        vec![
            (605, 1, Some(13_456_789_000)),
            (605, 21, Some(123_400_000)),
            (605, 45, Some(98_000_000)),
            (634, 76, Some(9_876_500_000)),
        ]
    );
    // "Uke 18" is no date: its row gives no record and does not join the row above.
    let calendar: Vec<(String, String)> = of(&records, "calendar_entry")
        .iter()
        .map(|c| {
            (
                c["due"].as_str().unwrap().into(),
                c["what"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        calendar,
        vec![
            ("2026-03-15".to_string(), "Årsrapport 2025".to_string()),
            ("2026-06-01".to_string(), "Risikovurdering".to_string()),
        ]
    );

    let text = "\
Kommunal- og distriktsdepartementet

Tildelingsbrev 2025 – Husbanken

3 Tildeling
Tildeling (kr)
Kap./post    Navn                          Tildeling (kr)   Merknad
2412.01      Driftsutgifter                   412 500 000   Inkl. lønnsoppgjør
2412.21      Spesielle driftsutgifter          15 000 000
2412.45      Større utstyrsanskaffelser         8 250 000   Kan overføres

4 Mill. kr-tabell
Beløp i mill. kroner
Kap.  Post  Betegnelse        Tildeling
581   76    Bostøtte           2 950,5
581   78    Boligsosiale tiltak   120

5 Styringsdialog
Frist          Rapportering
1. mars        Årsrapport
31. august     Innspill til budsjett
";
    let records = extract("kdd.txt", text);
    // "Tildeling (kr)" is whole kroner although a table in millions follows.
    assert_eq!(
        budget_keys(&records),
        vec![
            (2412, 1, Some(412_500_000)),
            (2412, 21, Some(15_000_000)),
            (2412, 45, Some(8_250_000)),
            (581, 76, Some(2_950_500_000)),
            (581, 78, Some(120_000_000)),
        ]
    );
    let doc = &of(&records, "document")[0];
    assert_eq!(doc["issuer"], "Kommunal- og distriktsdepartementet");
    assert_eq!(doc["recipient"], "Husbanken");
}

#[test]
fn a_working_group_mandate_appointed_by_a_directorate() {
    let text = "\
Mandat for arbeidsgruppe om digital kompetanse i skolen

Oppnevnt av Utdanningsdirektoratet 3. mars 2026.
Arbeidsgruppen skal levere sin rapport innen 1. desember 2026.

Sammensetning:
Leder: Utdanningsdirektoratet
Medlemmer:
- KS (tre medlemmer)
- Statped, ett medlem
- Elevorganisasjonen: 2 representanter
Sekretariat: Utdanningsdirektoratet
Møtefrekvens: Gruppen møtes fire ganger i året.
";
    let records = extract("arbeidsgruppe.txt", text);
    let m = of(&records, "mandate")[0];
    assert_eq!(m["established_by"], "Utdanningsdirektoratet");
    assert_eq!(m["established"], "2026-03-03");
    assert_eq!(m["chair"], "Utdanningsdirektoratet");
    assert_eq!(m["secretariat"], "Utdanningsdirektoratet");
    assert_eq!(m["meetings_per_year"], 4);
    let counts: Vec<i64> = m["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|x| x["count"].as_i64())
        .collect();
    assert_eq!(counts, vec![3, 1, 2]);
    let doc = &of(&records, "document")[0];
    assert_eq!(doc["issuer"], "Utdanningsdirektoratet");
    assert_eq!(doc["year"], 2026);
}

#[test]
fn document_kinds_and_letterheads_of_other_ministries() {
    let cases = [
        (
            "Helse- og omsorgsdepartementet\n\nOppdragsdokument 2025 Helse Sør-Øst RHF\n\n\
             1 Innledning\nHelse Sør-Øst RHF skal sørge for spesialisthelsetjenester.\n",
            "assignment_document",
            "Helse- og omsorgsdepartementet",
            "Helse Sør-Øst RHF",
            "Oppdragsdokument 2025 Helse Sør-Øst RHF",
        ),
        (
            "Justis- og beredskapsdepartementet\nPolitidirektoratet\nPostboks 8051 Dep\n0031 OSLO\n\n\
             Supplerende tildelingsbrev nr. 2\n\nDepartementet viser til tildelingsbrev for 2025 \
             til Politidirektoratet.\n",
            "allocation_letter",
            "Justis- og beredskapsdepartementet",
            "Politidirektoratet",
            "Supplerende tildelingsbrev nr. 2",
        ),
        (
            "Oppdragsbrev\n\nKunnskapsdepartementet ber Utdanningsdirektoratet om å utrede \
             vurdering i 2025.\n",
            "assignment_document",
            "Kunnskapsdepartementet",
            "Utdanningsdirektoratet",
            "Oppdragsbrev",
        ),
    ];
    for (text, kind, issuer, recipient, title) in cases {
        let records = extract("brev.txt", text);
        let doc = &of(&records, "document")[0];
        assert_eq!(doc["kind"], kind, "{text}");
        assert_eq!(doc["issuer"], issuer, "{text}");
        assert_eq!(doc["recipient"], recipient, "{text}");
        assert_eq!(doc["title"], title, "{text}");
        assert_eq!(doc["year"], 2025, "{text}");
    }
}

#[test]
fn an_amount_wrapped_in_a_narrow_column_of_whole_kroner() {
    let text = "\
Tildelingsbrev 2024 – Direktoratet for samfunnssikkerhet og beredskap

4 Budsjett
4.1 Tildeling
Beløp i kroner
Kap.  Post  Navn på post                 Tildeling  Kommentar
451   01    Driftsutgifter               731 200    Drift
                                         000
451   70    Tilskudd til frivillige      12 500     Til beredskaps-
            organisasjoner               000        arbeid
451   71    Tilskudd                     500        Herav 500 til kurs
5 Styringsdialog
";
    let records = extract("dsb.txt", text);
    assert_eq!(
        budget_keys(&records),
        vec![
            (451, 1, Some(731_200_000)),
            (451, 70, Some(12_500_000)),
            (451, 71, Some(500)),
        ]
    );
    let rows = of(&records, "budget_line");
    assert_eq!(rows[1]["name"], "Tilskudd til frivillige organisasjoner");
    assert_eq!(rows[1]["comment"], "Til beredskapsarbeid");
}

fn calendar_of(records: &[Value]) -> Vec<(String, String)> {
    of(records, "calendar_entry")
        .iter()
        .map(|c| {
            (
                c["due"].as_str().unwrap().into(),
                c["what"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn markdown_tables_and_a_frist_column_with_numeric_and_undated_rows() {
    let text = "\
# Tildelingsbrev 2026 – Statens vegvesen

Samferdselsdepartementet viser til Prop. 1 S (2025–2026).

## 6 Styringskalender

| Dato | Aktivitet |
|---|---|
| 15.02.2026 | Årsrapport 2025 |
| Uke 20 | Etatsstyringsmøte |
| 1. oktober 2026 | Budsjettforslag 2028 |

## 7 Tildeling

| Kap. | Post | Betegnelse | Beløp (i 1 000 kr) |
|---|---|---|---|
| 1320 | 01 | Driftsutgifter | 4 512 300 |
| 1320 | 30 | Riksveiinvesteringer | 12 000 000 |
| Sum kap. 1320 | | | 16 512 300 |
";
    let records = extract("vegvesen.md", text);
    assert_eq!(
        budget_keys(&records),
        vec![
            (1320, 1, Some(4_512_300_000)),
            (1320, 30, Some(12_000_000_000))
        ]
    );
    assert_eq!(
        calendar_of(&records),
        vec![
            ("2026-02-15".to_string(), "Årsrapport 2025".to_string()),
            ("2026-10-01".to_string(), "Budsjettforslag 2028".to_string()),
        ]
    );

    let text = "\
Tildelingsbrev 2025 – Tolletaten

5 Rapportering
5.2 Rapporteringskalender
Frist          Rapport
15.03.2025     Årsrapport
Innen 1. juni  Risikovurdering
Hele året      Løpende dialog
31.10.2025     Budsjettforslag
";
    let records = extract("toll.txt", text);
    assert_eq!(
        calendar_of(&records),
        vec![
            ("2025-03-15".to_string(), "Årsrapport".to_string()),
            ("2025-06-01".to_string(), "Risikovurdering".to_string()),
            ("2025-10-31".to_string(), "Budsjettforslag".to_string()),
        ]
    );
}

#[test]
fn ministries_outside_the_gazetteer_set_mandates_and_head_letters() {
    let text = "\
Mandat for referansegruppe for trafikksikkerhet

Nedsatt av Samferdselsdepartementet 10. januar 2025. Mandatet gjelder fra 1. februar 2025.

Sammensetning:
Leder: Statens vegvesen
Sekretariat: Statens vegvesen
Medlemmer:
• Politidirektoratet (ett medlem)
• KS (to medlemmer)
Møtefrekvens: Gruppen møtes hvert kvartal.
Funksjonstid: to år.
";
    let records = extract("referansegruppe.txt", text);
    let m = of(&records, "mandate")[0];
    assert_eq!(m["established_by"], "Samferdselsdepartementet");
    assert_eq!(m["effective"], "2025-02-01");
    assert_eq!(m["chair"], "Statens vegvesen");
    assert_eq!(
        of(&records, "document")[0]["issuer"],
        "Samferdselsdepartementet"
    );

    let text = "\
Samferdselsdepartementet

Statens vegvesen
Postboks 1010 Nordre Ål
2605 LILLEHAMMER

Tildelingsbrev 2026

Departementet viser til budsjettet. Finansdepartementet har gitt rammer. Finansdepartementet.
";
    let records = extract("sd.txt", text);
    let doc = &of(&records, "document")[0];
    assert_eq!(doc["issuer"], "Samferdselsdepartementet");
    assert_eq!(doc["recipient"], "Statens vegvesen");
}
