//! Tests of the public finders on text written for the purpose.

use chrono::NaiveDate;
use oppdrag_model::{Currency, Precision};
use oppdrag_rules::{BodyContext, BodyOrigin, ReferenceKind, RuleSet};

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(RuleSet::bundled)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const CTX: BodyContext<'static> = BodyContext {
    recipient: Some("Helsedirektoratet"),
    issuer: Some("Helse- og omsorgsdepartementet"),
};

#[test]
fn rule_set_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<RuleSet>();
}

#[test]
fn bodies_canonical_and_inflected() {
    let text =
        "Arbeidet gjøres sammen med FHIs fagmiljø, RHF-ene og Helsedirektoratets regionkontor.";
    let found: Vec<String> = rules()
        .bodies
        .find(text, &CTX)
        .into_iter()
        .map(|b| b.canonical.into_owned())
        .collect();
    assert_eq!(
        found,
        [
            "Folkehelseinstituttet",
            "Regionale helseforetak",
            "Helsedirektoratet"
        ]
    );
    assert_eq!(
        rules().bodies.canonical("nav"),
        Some("Arbeids- og velferdsdirektoratet")
    );
    assert_eq!(
        rules().bodies.canonical("RHFene"),
        Some("Regionale helseforetak")
    );
    assert_eq!(rules().bodies.canonical("Ukjent etat"), None);
}

#[test]
fn bodies_context_words_resolve_to_the_letter_parties() {
    let found = rules()
        .bodies
        .find("Direktoratet skal bistå departementet.", &CTX);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].canonical, "Helsedirektoratet");
    assert_eq!(found[0].origin, BodyOrigin::Context);
    assert_eq!(found[1].canonical, "Helse- og omsorgsdepartementet");
    let none = rules().bodies.find("direktoratet", &BodyContext::default());
    assert!(none.is_empty());
}

#[test]
fn bodies_longest_name_wins_and_words_are_whole() {
    let found = rules()
        .bodies
        .find("Direktoratet for medisinske produkter og fint vær", &CTX);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].canonical, "Direktoratet for medisinske produkter");
}

#[test]
fn bodies_by_shape() {
    let text = "Oppdraget gjøres med Sykehuset Telemark HF, Bergen kommune, Norsk Fysioterapeutforbund, \
                Havindustritilsynets fagfolk og Nasjonal kompetansetjeneste for leddproteser og hoftebrudd.";
    let found = rules().bodies.find(text, &CTX);
    let names: Vec<&str> = found.iter().map(|b| b.canonical.as_ref()).collect();
    assert!(names.contains(&"Sykehuset Telemark HF"), "{names:?}");
    assert!(names.contains(&"Bergen kommune"), "{names:?}");
    assert!(
        names.contains(&"Fysioterapeutforbund") || names.contains(&"Norsk Fysioterapeutforbund"),
        "{names:?}"
    );
    assert!(names.contains(&"Havindustritilsynet"), "{names:?}");
    assert!(
        names.contains(&"Nasjonal kompetansetjeneste for leddproteser og hoftebrudd"),
        "{names:?}"
    );
    assert!(found.iter().all(|b| b.origin == BodyOrigin::Shape));
}

#[test]
fn dates_with_precision() {
    let r = &rules().dates;
    let p = |s: &str| r.parse(s, Some(2025)).map(|m| (m.date, m.precision));
    assert_eq!(
        p("15. september 2024"),
        Some((d(2024, 9, 15), Precision::Day))
    );
    assert_eq!(p("1. juni"), Some((d(2025, 6, 1), Precision::Day)));
    assert_eq!(p("31.12.2024"), Some((d(2024, 12, 31), Precision::Day)));
    assert_eq!(p("01.01.24"), Some((d(2024, 1, 1), Precision::Day)));
    assert_eq!(
        p("første halvår 2024"),
        Some((d(2024, 6, 30), Precision::HalfYear))
    );
    assert_eq!(
        p("andre halvår"),
        Some((d(2025, 12, 31), Precision::HalfYear))
    );
    assert_eq!(
        p("innen utgangen av 2024"),
        Some((d(2024, 12, 31), Precision::Year))
    );
    assert_eq!(
        p("innen utgangen av året"),
        Some((d(2025, 12, 31), Precision::Year))
    );
    assert_eq!(
        p("i løpet av 2. kvartal"),
        Some((d(2025, 6, 30), Precision::Quarter))
    );
    assert_eq!(
        p("tredje kvartal 2026"),
        Some((d(2026, 9, 30), Precision::Quarter))
    );
    assert_eq!(p("i januar 2024"), Some((d(2024, 1, 31), Precision::Month)));
    assert_eq!(p("før påske"), Some((d(2025, 4, 16), Precision::Day)));
    assert_eq!(p("31. februar 2024"), None);
    assert!(r.parse("1. juni", None).is_none());
}

#[test]
fn dates_found_in_running_text() {
    let text = "Rapporten fra 13. mai 2022 følges opp, og svar sendes innen 1. mars 2026.";
    let found = rules().dates.find(text, Some(2026));
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].date, d(2026, 3, 1));
    assert_eq!(&text[found[1].span.clone()], "1. mars 2026");
}

#[test]
fn amounts_in_running_text() {
    let text =
        "Rammen er 12,5 mill. kroner, i tillegg 1 608 000 kroner og kr 30.000 samt 2,7 mill. kr. \
                Totalt 1,2 mrd. kroner og 10 millioner kroner; 0,9 mill. kroner (89 021,43 EUR).";
    let found = rules().amounts.find(text);
    let values: Vec<(f64, Currency)> = found
        .iter()
        .map(|m| (m.amount.value, m.amount.currency))
        .collect();
    assert_eq!(
        values,
        [
            (12_500_000.0, Currency::Nok),
            (1_608_000.0, Currency::Nok),
            (30_000.0, Currency::Nok),
            (2_700_000.0, Currency::Nok),
            (1_200_000_000.0, Currency::Nok),
            (10_000_000.0, Currency::Nok),
            (900_000.0, Currency::Nok),
            (89_021.43, Currency::Eur),
        ]
    );
    assert_eq!(found[0].amount.raw, "12,5 mill. kroner");
}

#[test]
fn amounts_rates_and_tables() {
    let r = &rules().amounts;
    let text = "Legen får 2 400 i honorar, og timesats på 1 250 gjelder.";
    let rates = r.find_rates(text, &[]);
    let values: Vec<f64> = rates.iter().map(|m| m.amount.value).collect();
    assert_eq!(values, [2400.0, 1250.0]);
    assert_eq!(
        r.table_multiplier("(Alle tall i hele tusen kroner)"),
        Some(1000.0)
    );
    assert_eq!(r.table_multiplier("Kap. 701 Post 21"), None);
    assert_eq!(
        r.parse_number("20 000", 1000.0).map(|a| a.value),
        Some(20_000_000.0)
    );
    assert_eq!(r.parse_number("-", 1000.0), None);
}

#[test]
fn references_are_normalised() {
    let text = "Se TB2023-01, ttb 2022 - 10 og Prop. 1S (2023-2024), Meld. St.15 (2022 – 2023), \
                NOU 2023:5 og Innst. 11 S (2023–2024).";
    let refs = rules().codes.references(text);
    let got: Vec<(&str, ReferenceKind)> = refs
        .iter()
        .map(|r| (r.normalized.as_str(), r.kind))
        .collect();
    assert_eq!(
        got,
        [
            ("TB2023-01", ReferenceKind::Code),
            ("Prop. 1 S (2023–2024)", ReferenceKind::Document),
            ("Meld. St. 15 (2022–2023)", ReferenceKind::Document),
            ("NOU 2023: 5", ReferenceKind::Document),
            ("Innst. 11 S (2023–2024)", ReferenceKind::Document),
        ]
    );
    assert_eq!(
        rules().codes.normalize_code("KD-2026-4"),
        Some("KD2026-4".into())
    );
    assert_eq!(
        rules().codes.normalize_code("EU 2021-2027"),
        None,
        "a period is not a code"
    );
    assert_eq!(
        rules().codes.normalize_code("TB 2026 - 17"),
        Some("TB2026-17".into())
    );
}

#[test]
fn code_lines_with_units() {
    let c = &rules().codes;
    let l = c
        .code_line("TB2026-17 Avd.HOD: KTA/SHA Ny ordning for tilskudd")
        .unwrap();
    assert_eq!(
        (l.code.as_str(), l.unit.as_deref(), l.rest.as_str()),
        ("TB2026-17", Some("KTA/SHA"), "Ny ordning for tilskudd")
    );
    let l = c
        .code_line("TB2026-18 Avd. HOD: SHA og KTA (pkt. 2) Utredning")
        .unwrap();
    assert_eq!(l.unit.as_deref(), Some("SHA og KTA (pkt. 2)"));
    let l = c.code_line("TB2026-19 Avd.HOD: ").unwrap();
    assert!(l.tagged && l.unit.is_none());
    assert!(c.code_line("Se TB2026-19").is_none());
    assert!(c.is_carry_over_heading("Tidligere gitte oppdrag som ikke er ferdigstilt "));
}

#[test]
fn headings_and_list_items() {
    let h = &rules().headings;
    assert_eq!(h.heading("2.1.2 Oppdrag").unwrap().number, [2, 1, 2]);
    assert!(h
        .heading("1. God helse og mestring i befolkningen")
        .is_none());
    assert!(h.heading("21 Spesielle driftsutgifter 20 000").is_none());
    assert!(h
        .heading("4.3 Erstatninger på over kr. 30.000 skal forelegges departementet.")
        .is_none());
}

#[test]
fn broken_rule_file_names_file_rule_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("deadlines.toml"),
        "[[cue]]\nname = \"frist\"\npattern = '\\bfrist'\n\n[[cue]]\nname = \"ødelagt\"\npattern = '(uavsluttet'\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bodies.tsv"),
        "canonical\taliases\tkind\nBare to kolonner\tX\n",
    )
    .unwrap();
    let err = RuleSet::load(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("deadlines.toml: rule 2 (ødelagt): regex parse error"),
        "{err}"
    );
    assert!(
        err.contains("bodies.tsv: line 2: expected 3 tab-separated columns"),
        "{err}"
    );
}

#[test]
fn load_of_repository_rules_matches_bundled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
    let loaded = RuleSet::load(std::path::Path::new(dir)).unwrap();
    assert_eq!(loaded.bodies.bodies().len(), rules().bodies.bodies().len());
}

#[test]
fn case_folded_cues_and_currencies_match_as_printed() {
    let r = rules();
    // Partner cues match in any ASCII case, at word starts of the printed text.
    let text = "Arbeidet gjøres I SAMARBEID MED KS og i Samråd med FHI, ikke xbistå.";
    let cues: Vec<&str> = r
        .bodies
        .partner_cues(text)
        .into_iter()
        .map(|(span, _)| &text[span])
        .collect();
    assert_eq!(cues, ["I SAMARBEID MED", "i Samråd med"]);
    // Currency words in capitals still open an amount.
    let found = r.amounts.find("en ramme på 12,5 MILL. KRONER i 2026");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].amount.value, 12_500_000.0);
}
