use super::*;
use chrono::NaiveDate;

fn doc(text: &str) -> Document {
    Document::from_plain_text("m.txt", text)
}

fn mandates(text: &str, year: Option<i32>) -> Vec<Mandate> {
    let rules = RuleSet::bundled();
    find(&doc(text), &rules, &Outline::default(), year)
}

#[test]
fn a_council_mandate_with_members_chair_and_meetings() {
    let got = mandates(
        "Mandat for Nasjonalt fagutvalg for \n\ne-helse (NUFA)\n\nBakgrunn\n\
         Fagutvalget ble etablert i 2016. Helsedirektoratet vedtar mandat \nfor NUFA.\n\
         Mandatet er gjeldende fra 1. mars 2025.\nOppgaver\nNUFA skal:\n\
         • gi råd om arkitektur og standarder \nfor samhandling\n• vurdere tiltak\n\
         Sammensetning\nNUFA ledes av Folkehelseinstituttet.\nFølgende er representert:\n\
         • Kommuner (tre medlemmer)\n• Norsk helsenett, ett medlem + nestleder\n• Statens legemiddelverk\n• Barne-, ungdoms- og familiedirektoratet\n\
         Sekretariatet ligger hos Helsedirektoratet. Utvalget har seks møter i året.\n\
         Medlemmene oppnevnes for tre år.\n",
        None,
    );
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.body, "Nasjonalt fagutvalg for e-helse");
    assert_eq!(m.established_by.as_deref(), Some("Helsedirektoratet"));
    assert_eq!(m.effective, NaiveDate::from_ymd_opt(2025, 3, 1));
    assert_eq!(m.chair.as_deref(), Some("Folkehelseinstituttet"));
    assert_eq!(m.secretariat.as_deref(), Some("Helsedirektoratet"));
    assert_eq!(m.meetings_per_year, Some(6.0));
    assert_eq!(m.term_years, Some(3.0));
    let members: Vec<_> = m
        .members
        .iter()
        .map(|x| (x.body.as_str(), x.count))
        .collect();
    assert_eq!(
        members,
        vec![
            ("Kommuner", Some(3)),
            ("Norsk helsenett SF", Some(2)),
            ("Statens legemiddelverk", None),
            ("Barne-, ungdoms- og familiedirektoratet", None)
        ]
    );
    assert_eq!(
        m.tasks,
        vec![
            "gi råd om arkitektur og standarder for samhandling",
            "vurdere tiltak"
        ]
    );
    assert_eq!(m.line, Some(1));
}

#[test]
fn attached_initiative_mandates_split_at_each_title() {
    let got = mandates(
        "6 Styringsdialog\nTekst.\n Mandat for tiltaket pasientens \n måledata\n\
         Fastsatt av Helse- og omsorgsdepartementet den 10. januar 2025.\n\
         Tiltaket skal gjennomføres i perioden 2025-2027.\nHelsedirektoratet\nDirektoratet skal:\n\
         • lage en plan\nNorsk helsenett SF\nNHN skal bygge.\n\
         Departementet holder møter med aktørene hvert kvartal.\n\
         Mandat for et nytt samarbeidsforum\nFastsatt av styringsgruppen mars 2024.\n",
        Some(2025),
    );
    assert_eq!(got.len(), 2);
    let m = &got[0];
    assert_eq!(m.body, "Pasientens måledata");
    assert_eq!(
        m.established_by.as_deref(),
        Some("Helse- og omsorgsdepartementet")
    );
    assert_eq!(m.established, NaiveDate::from_ymd_opt(2025, 1, 10));
    assert_eq!(
        m.period,
        Some(oppdrag_model::Period {
            from: 2025,
            to: 2027
        })
    );
    assert_eq!(m.meetings_per_year, Some(4.0));
    let members: Vec<_> = m.members.iter().map(|x| x.body.as_str()).collect();
    assert_eq!(members, vec!["Helsedirektoratet", "Norsk helsenett SF"]);
    assert_eq!(got[1].body, "Et nytt samarbeidsforum");
    assert_eq!(got[1].established, NaiveDate::from_ymd_opt(2024, 3, 31));
}
