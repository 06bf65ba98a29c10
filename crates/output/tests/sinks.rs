//! Writes records through the xlsx, ics and diff sinks and reads the results
//! back with independent readers (calamine, the icalendar parser).

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader};
use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use oppdrag_model::{
    Amount, Assignment, BudgetLine, CalendarEntry, Currency, Deadline, DeadlineKind, DocumentKind,
    DocumentRecord, Mandate, Member, Precision, Record,
};
use oppdrag_output::diff::{self, Link, Status};
use oppdrag_output::{IcsBuilder, Lang, XlsxBuilder};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn deadline(due: Option<NaiveDate>, kind: DeadlineKind, part: &[&str], raw: &str) -> Deadline {
    Deadline {
        due,
        precision: if due.is_some() {
            Precision::Day
        } else {
            Precision::None
        },
        kind,
        part: part.iter().map(|s| s.to_string()).collect(),
        raw: raw.into(),
    }
}

/// A small letter written for these tests.
fn letter() -> Vec<Record> {
    vec![
        Record::Document(DocumentRecord {
            doc: "brev.pdf".into(),
            page: Some(1),
            kind: DocumentKind::AllocationLetter,
            issuer: Some("Helse- og omsorgsdepartementet".into()),
            year: Some(2024),
            pages: Some(12),
            ..DocumentRecord::default()
        }),
        Record::Assignment(Assignment {
            doc: "brev.pdf".into(),
            page: Some(4),
            code: "TB2024-07".into(),
            title: "Oppfølging nasjonal tobakkstrategi".into(),
            owner_unit: Some("FHA".into()),
            responsible: vec!["Helsedirektoratet".into()],
            partners: vec!["Folkehelseinstituttet".into()],
            deadlines: vec![
                deadline(
                    Some(date(2024, 9, 15)),
                    DeadlineKind::Deadline,
                    &[],
                    "Frist: 15. september 2024",
                ),
                deadline(
                    Some(date(2024, 3, 15)),
                    DeadlineKind::Deadline,
                    &["b", "c"],
                    "b) og c) har frist 15. mars 2024",
                ),
                deadline(
                    None,
                    DeadlineKind::ByAgreement,
                    &["d"],
                    "Frist avklares i dialog",
                ),
            ],
            amounts: vec![
                Amount::new(900_000.0, Currency::Nok, "0,9 mill. kroner"),
                Amount::new(89_021.43, Currency::Eur, "89 021,43 EUR"),
            ],
            references: vec!["TB2023-01".into()],
            ..Assignment::default()
        }),
        Record::Assignment(Assignment {
            doc: "brev.pdf".into(),
            page: Some(5),
            code: "TB2024-08".into(),
            title: "Kartlegging; status, tiltak".into(),
            ..Assignment::default()
        }),
        Record::BudgetLine(BudgetLine {
            doc: "brev.pdf".into(),
            page: Some(9),
            chapter: 740,
            post: Some(1),
            name: Some("Driftsutgifter".into()),
            amount: Some(Amount::new(1_608_000.0, Currency::Nok, "1 608")),
            ..BudgetLine::default()
        }),
        Record::CalendarEntry(CalendarEntry {
            doc: "brev.pdf".into(),
            page: Some(11),
            due: date(2024, 1, 31),
            what: "Regnskap for 2023".into(),
            line: None,
        }),
        Record::Mandate(Mandate {
            doc: "brev.pdf".into(),
            body: "Nasjonalt e-helseråd".into(),
            effective: Some(date(2021, 1, 1)),
            members: vec![Member {
                body: "KS".into(),
                count: Some(2),
            }],
            meetings_per_year: Some(4.0),
            ..Mandate::default()
        }),
    ]
}

/// Days since Excel's epoch, as calamine reports a date cell's value.
fn serial(d: NaiveDate) -> f64 {
    (d - date(1899, 12, 30)).num_days() as f64
}

fn xlsx(lang: Lang) -> Vec<u8> {
    let mut book = XlsxBuilder::new().lang(lang).build();
    for r in &letter() {
        book.write(r);
    }
    assert_eq!(book.assignments(), 2);
    let mut out = Vec::new();
    book.finish(&mut out).unwrap();
    out
}

#[test]
fn workbook_has_typed_rows_per_record_type() {
    let mut wb: calamine::Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx(Lang::No))).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Oppdrag",
            "Frister",
            "Budsjett",
            "Kalender",
            "Mandater",
            "Dokumenter"
        ]
    );

    let sheet = wb.worksheet_range("Oppdrag").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 3, "header and one row per assignment");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(&header[..4], ["Dokument", "Side", "Kode", "Tittel"]);
    assert_eq!(header[7], "Første frist");
    let r = rows[1];
    assert_eq!(r[0], Data::String("brev.pdf".into()));
    assert_eq!(r[1], Data::Float(4.0));
    assert_eq!(r[2], Data::String("TB2024-07".into()));
    assert_eq!(r[4], Data::String("FHA".into()));
    assert_eq!(r[6], Data::String("Folkehelseinstituttet".into()));
    // The first due date is the earliest one, as a date cell.
    match &r[7] {
        Data::DateTime(dt) => assert_eq!(dt.as_f64(), serial(date(2024, 3, 15))),
        other => panic!("first due date is not a date cell: {other:?}"),
    }
    assert!(r[8]
        .to_string()
        .contains("2024-03-15 (b, c): b) og c) har frist 15. mars 2024"));
    assert!(r[8]
        .to_string()
        .contains("etter avtale (d): Frist avklares i dialog"));
    assert_eq!(r[9], Data::Float(900_000.0));
    assert_eq!(r[10], Data::String("NOK".into()));
    let second = rows[2];
    assert_eq!(second[2], Data::String("TB2024-08".into()));
    assert!(matches!(second[7], Data::Empty), "{:?}", second[7]);
    assert!(matches!(second[9], Data::Empty));

    let deadlines = wb.worksheet_range("Frister").unwrap();
    let rows: Vec<&[Data]> = deadlines.rows().collect();
    assert_eq!(rows.len(), 4);
    assert!(matches!(&rows[1][4], Data::DateTime(dt) if dt.as_f64() == serial(date(2024, 9, 15))));
    assert_eq!(rows[2][3], Data::String("b, c".into()));
    assert!(matches!(rows[3][4], Data::Empty));
    assert_eq!(rows[3][6], Data::String("etter avtale".into()));

    let budget = wb.worksheet_range("Budsjett").unwrap();
    let rows: Vec<&[Data]> = budget.rows().collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], Data::Float(740.0));
    assert_eq!(rows[1][3], Data::Float(1.0));
    assert_eq!(rows[1][5], Data::Float(1_608_000.0));

    let cal = wb.worksheet_range("Kalender").unwrap();
    let rows: Vec<&[Data]> = cal.rows().collect();
    assert!(matches!(&rows[1][2], Data::DateTime(dt) if dt.as_f64() == serial(date(2024, 1, 31))));
    assert_eq!(rows[1][3], Data::String("Regnskap for 2023".into()));

    let mandates = wb.worksheet_range("Mandater").unwrap();
    let rows: Vec<&[Data]> = mandates.rows().collect();
    assert_eq!(rows[1][2], Data::String("Nasjonalt e-helseråd".into()));
    assert!(matches!(&rows[1][5], Data::DateTime(dt) if dt.as_f64() == serial(date(2021, 1, 1))));
    assert_eq!(rows[1][10], Data::Float(4.0));
    assert_eq!(rows[1][12], Data::String("KS (2)".into()));

    let docs = wb.worksheet_range("Dokumenter").unwrap();
    let rows: Vec<&[Data]> = docs.rows().collect();
    assert_eq!(rows[1][1], Data::String("tildelingsbrev".into()));
    assert_eq!(rows[1][5], Data::Float(2024.0));
}

#[test]
fn english_workbook_has_english_names() {
    let mut wb: calamine::Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx(Lang::En))).unwrap();
    assert_eq!(wb.sheet_names()[0], "Assignments");
    let sheet = wb.worksheet_range("Assignments").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[7], "First due date");
}

fn ics() -> (String, Vec<oppdrag_output::Undated>) {
    let stamp = NaiveDateTime::parse_from_str("2024-11-22 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
    let mut cal = IcsBuilder::new()
        .dtstamp(stamp)
        .name("Frister")
        .build(Vec::new());
    let mut undated = Vec::new();
    for r in &letter() {
        undated.extend(cal.write(r).unwrap());
    }
    assert_eq!(cal.events(), 3);
    (String::from_utf8(cal.finish().unwrap()).unwrap(), undated)
}

#[test]
fn calendar_parses_back_event_by_event() {
    let (text, undated) = ics();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line}");
        assert!(!line.contains('\n'));
    }
    let cal: Calendar = text.parse().unwrap();
    let events: Vec<_> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 3);
    let expect = [
        (
            date(2024, 9, 15),
            "TB2024-07 Oppfølging nasjonal tobakkstrategi",
            "Frist: 15. september 2024",
        ),
        (
            date(2024, 3, 15),
            "TB2024-07 b), c) Oppfølging nasjonal tobakkstrategi",
            "b) og c) har frist 15. mars 2024",
        ),
        (date(2024, 1, 31), "Regnskap for 2023", "Regnskap for 2023"),
    ];
    let mut uids = Vec::new();
    for (event, (due, summary, phrase)) in events.iter().zip(expect) {
        assert_eq!(event.get_start(), Some(DatePerhapsTime::Date(due)));
        assert_eq!(
            event.get_end(),
            Some(DatePerhapsTime::Date(due.succ_opt().unwrap()))
        );
        assert_eq!(event.get_summary(), Some(summary));
        let description = event.get_description().unwrap();
        assert!(description.starts_with(phrase), "{description}");
        assert!(description.contains("brev.pdf, side"), "{description}");
        uids.push(event.get_uid().unwrap().to_string());
    }
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 3);
    assert_eq!(undated.len(), 1);
    assert_eq!(undated[0].code, "TB2024-07");
    assert_eq!(undated[0].part, ["d"]);
    assert_eq!(undated[0].raw, "Frist avklares i dialog");
}

#[test]
fn uids_are_stable_across_runs() {
    let uid_lines = |text: &str| -> Vec<String> {
        text.split("\r\n")
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    };
    let (a, _) = ics();
    let (b, _) = ics();
    assert_eq!(uid_lines(&a), uid_lines(&b));
    assert_eq!(uid_lines(&a).len(), 3);
}

#[test]
fn diff_pairs_by_code_reference_and_title() {
    let old = vec![
        Record::Assignment(Assignment {
            doc: "2023.pdf".into(),
            code: "TB2023-01".into(),
            title: "Tobakk".into(),
            partners: vec!["KS".into()],
            ..Assignment::default()
        }),
        Record::Assignment(Assignment {
            doc: "2023.pdf".into(),
            code: "TB2023-02".into(),
            title: "Kartlegging; status, tiltak".into(),
            ..Assignment::default()
        }),
        Record::Assignment(Assignment {
            doc: "2023.pdf".into(),
            code: "TB2023-03".into(),
            ..Assignment::default()
        }),
        Record::BudgetLine(BudgetLine {
            chapter: 740,
            post: Some(1),
            amount: Some(Amount::new(1_500_000.0, Currency::Nok, "1 500")),
            ..BudgetLine::default()
        }),
    ];
    let new = letter();
    let d = diff::compare(&old, &new);
    assert_eq!(d.counts(), [0, 1, 1, 1]);
    let a = &d.assignments[0];
    assert_eq!(
        (a.status, a.link, a.old_code.as_deref()),
        (Status::Changed, Some(Link::Reference), Some("TB2023-01"))
    );
    let fields: Vec<&str> = a.changes.iter().map(|c| c.field).collect();
    assert_eq!(fields, ["deadlines", "amounts", "responsible", "partners"]);
    let partners = &a.changes[3];
    assert_eq!(
        (partners.old.as_str(), partners.new.as_str()),
        ("KS", "Folkehelseinstituttet")
    );
    let b = &d.assignments[1];
    assert_eq!(
        (b.status, b.link),
        (Status::Continued, Some(Link::SameTitle))
    );
    assert_eq!(
        (d.assignments[2].status, d.assignments[2].code.as_str()),
        (Status::Dropped, "TB2023-03")
    );
    assert_eq!(d.budget.len(), 1);
    assert_eq!(d.budget[0].difference, Some(108_000.0));

    let mut table = Vec::new();
    d.write_table(&mut table, Lang::En).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert!(
        table.starts_with("Assignments: 0 new, 1 continued, 1 changed, 1 dropped\n"),
        "{table}"
    );
    assert!(
        table.contains("changed     TB2024-07 <- TB2023-01 (refers to)"),
        "{table}"
    );
    assert!(
        table.contains("kap. 740 post 1  1500000 -> 1608000  (+108000)"),
        "{table}"
    );

    let mut jsonl = Vec::new();
    d.write_jsonl(&mut jsonl).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["type"], "assignment_change");
    assert_eq!(lines[0]["status"], "changed");
    assert_eq!(lines[3]["type"], "budget_change");
    assert_eq!(lines[3]["difference"], 108_000.0);
}
