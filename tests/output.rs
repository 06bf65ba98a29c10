//! `oppdrag extract --format csv|xlsx`, `oppdrag calendar` and `oppdrag diff`
//! on a letter and record files written for these tests (tests/data/output).

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use chrono::NaiveDate;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/output")
        .join(name)
}

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Days since Excel's epoch: the value calamine reports for a date cell.
fn serial(d: NaiveDate) -> f64 {
    (d - date(1899, 12, 30)).num_days() as f64
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(sheet)
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

#[test]
fn xlsx_from_a_letter_has_one_row_per_assignment_with_date_cells() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    oppdrag()
        .args(["extract", "--format", "xlsx", "-o"])
        .arg(&out)
        .arg(data("letter.txt"))
        .assert()
        .success();
    let rows = rows(&out, "Oppdrag");
    assert_eq!(rows.len(), 4, "header and three assignments");
    assert_eq!(rows[0][2], Data::String("Kode".into()));
    let codes: Vec<String> = rows[1..].iter().map(|r| r[2].to_string()).collect();
    assert_eq!(codes, ["TB2024-31", "TB2024-32", "TB2024-33"]);
    assert!(
        matches!(&rows[1][7], Data::DateTime(d) if d.as_f64() == serial(date(2024, 9, 15))),
        "{:?}",
        rows[1][7]
    );
    assert_eq!(
        rows[2][7],
        Data::Empty,
        "a deadline by agreement has no date"
    );
    assert!(matches!(&rows[3][7], Data::DateTime(d) if d.as_f64() == serial(date(2024, 12, 1))));
    let docs = self::rows(&out, "Dokumenter");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1][0], Data::String("letter.txt".into()));
}

#[test]
fn english_xlsx_has_typed_cells_in_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.xlsx");
    oppdrag()
        .args(["extract", "-f", "xlsx", "--lang", "en", "-o"])
        .arg(&out)
        .arg(data("letter.txt"))
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Assignments",
            "Deadlines",
            "Budget",
            "Calendar",
            "Mandates",
            "Documents"
        ]
    );
    let sheet = wb.worksheet_range("Assignments").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        header[..8],
        [
            "Document",
            "Page",
            "Code",
            "Title",
            "Unit",
            "Responsible",
            "Partners",
            "First due date"
        ]
    );
    for row in sheet.rows().skip(1) {
        assert!(matches!(row[0], Data::String(_)));
        assert!(matches!(row[2], Data::String(_)));
        assert!(matches!(row[3], Data::String(_)));
        assert!(
            matches!(row[7], Data::DateTime(_) | Data::Empty),
            "{:?}",
            row[7]
        );
        assert!(
            matches!(row[9], Data::Float(_) | Data::Empty),
            "{:?}",
            row[9]
        );
    }
    let deadlines = wb.worksheet_range("Deadlines").unwrap();
    for row in deadlines.rows().skip(1) {
        assert!(
            matches!(row[4], Data::DateTime(_) | Data::Empty),
            "{:?}",
            row[4]
        );
    }
}

#[test]
fn xlsx_needs_an_output_file() {
    let assert = oppdrag()
        .args(["extract", "-f", "xlsx"])
        .arg(data("letter.txt"))
        .assert()
        .code(2);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("-o FILE.xlsx"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn csv_plain_and_for_norwegian_excel() {
    let out = oppdrag()
        .args(["extract", "-f", "csv"])
        .arg(data("letter.txt"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("Dokument,Side,Kode,Tittel,"));
    assert!(lines[1]
        .starts_with("letter.txt,,TB2024-31,Oversikt over ventetider i testvirksomheten,FHA,"));
    assert!(lines[1].contains(",2024-09-15,"), "{}", lines[1]);

    let out = oppdrag()
        .args(["extract", "--csv-excel", "--lang", "en"])
        .arg(data("letter.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("\u{feff}Document;Page;Code;Title;"),
        "{text}"
    );
    assert!(text.contains(";15.09.2024;"), "{text}");
}

fn parse_events(text: &str) -> Vec<icalendar::Event> {
    let cal: Calendar = text.parse().unwrap();
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn calendar_from_records_has_one_event_per_dated_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("frister.ics");
    let out = oppdrag()
        .args(["calendar", "-o"])
        .arg(&ics)
        .arg(data("records-2024.jsonl"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no date, not in calendar: brev-2024.pdf p. 6: TB2024-02 b): Frist for b) avklares i dialog"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.split("\r\n").all(|l| l.len() <= 75));
    let events = parse_events(&text);
    let got: Vec<(Option<DatePerhapsTime>, Option<&str>)> = events
        .iter()
        .map(|e| (e.get_start(), e.get_summary()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some(DatePerhapsTime::Date(date(2024, 6, 30))),
                Some("TB2024-01 Plan for bedre ernæring i skolen")
            ),
            (
                Some(DatePerhapsTime::Date(date(2024, 4, 1))),
                Some("TB2024-02 a) Kunnskapsgrunnlag om ensomhet, del 1")
            ),
            (
                Some(DatePerhapsTime::Date(date(2024, 3, 1))),
                Some("Årsrapport for 2023, med regnskap")
            ),
        ]
    );
    let description = events[1].get_description().unwrap();
    assert!(
        description.contains("Deloppdrag a) har frist 1. april 2024"),
        "{description}"
    );
    assert!(
        description.contains("brev-2024.pdf, side 6"),
        "{description}"
    );
    let first = events[0].get_description().unwrap();
    assert!(first.contains("Presisjon: halvår"), "{first}");

    // A second run gives the same UIDs, so a re-import updates the events.
    let again = oppdrag()
        .arg("calendar")
        .arg(data("records-2024.jsonl"))
        .output()
        .unwrap();
    let uids = |t: &str| -> Vec<String> {
        parse_events(t)
            .iter()
            .map(|e| e.get_uid().unwrap().to_string())
            .collect()
    };
    assert_eq!(uids(&text), uids(&String::from_utf8(again.stdout).unwrap()));
}

#[test]
fn diff_two_years_of_records() {
    let out = oppdrag()
        .args(["diff", "--format", "jsonl"])
        .arg(data("records-2024.jsonl"))
        .arg(data("records-2025.jsonl"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let summary: Vec<(String, String, String)> = lines
        .iter()
        .filter(|l| l["type"] == "assignment_change")
        .map(|l| {
            (
                l["status"].as_str().unwrap().into(),
                l["code"].as_str().unwrap().into(),
                l["link"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("changed".into(), "TB2025-01".into(), "\"reference\"".into()),
            (
                "continued".into(),
                "TB2025-02".into(),
                "\"same_title\"".into()
            ),
            ("new".into(), "TB2025-03".into(), "null".into()),
            ("dropped".into(), "TB2024-03".into(), "null".into()),
        ]
    );
    assert_eq!(lines[0]["changes"][0]["field"], "partners");
    assert_eq!(lines[0]["changes"][0]["new"], "KS; Utdanningsdirektoratet");
    let budget: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["type"] == "budget_change")
        .collect();
    assert_eq!(budget.len(), 1);
    assert_eq!(
        (budget[0]["chapter"].as_u64(), budget[0]["post"].as_u64()),
        (Some(714), Some(21))
    );
    assert_eq!(budget[0]["difference"], 500_000.0);

    let table = oppdrag()
        .args(["diff", "--lang", "en"])
        .arg(data("records-2024.jsonl"))
        .arg(data("records-2025.jsonl"))
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.starts_with("Assignments: 1 new, 1 continued, 1 changed, 1 dropped\n"),
        "{table}"
    );
    assert!(
        table.contains("TB2025-01 <- TB2024-01 (refers to)"),
        "{table}"
    );
    assert!(
        table.contains("kap. 714 post 21  12000000 -> 12500000  (+500000)"),
        "{table}"
    );

    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("diff.xlsx");
    oppdrag()
        .args(["diff", "-f", "xlsx", "-o"])
        .arg(&xlsx)
        .arg(data("records-2024.jsonl"))
        .arg(data("records-2025.jsonl"))
        .assert()
        .success();
    let rows = rows(&xlsx, "Budsjett");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][6], Data::Float(500_000.0));
    assert_eq!(self::rows(&xlsx, "Oppdrag").len(), 5);
}

#[test]
fn a_bad_record_line_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"type\":\"calendar_entry\",\"doc\":\"a\",\"page\":null,\"due\":\"2024-01-31\",\"what\":\"x\"}\n{oops\n").unwrap();
    let out = oppdrag().arg("calendar").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("bad.jsonl:2: not a record"), "{stderr}");
    assert_eq!(
        parse_events(&String::from_utf8(out.stdout).unwrap()).len(),
        1,
        "the good line still counts"
    );
}
