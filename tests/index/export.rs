//! `oppdrag search` writing its hits as extract does: JSON, CSV, xlsx, to a file.

use calamine::{open_workbook, Data, Reader, Xlsx};
use oppdrag_model::{Assignment, Record};

use super::query::{library_index, write_letter};
use super::{codes, search, stderr, stdout};

/// The partner filter of the guide's example: the two assignments with FHI
/// as partner, earliest due first.
const FHI_PARTNER: [&str; 2] = ["--partner", "Folkehelseinstituttet"];

#[test]
fn csv_and_json_hold_the_same_records_as_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    library_index(&index);
    let jsonl = search(&index, &[&FHI_PARTNER[..], &["--format", "jsonl"]].concat());
    assert_eq!(codes(&jsonl), ["TB2025-01", "TB2025-03"]);

    let json = search(&index, &[&FHI_PARTNER[..], &["--format", "json"]].concat());
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let array: Vec<serde_json::Value> = serde_json::from_str(&stdout(&json)).unwrap();
    let lines: Vec<serde_json::Value> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(array, lines);

    let file = dir.path().join("fhi.csv");
    let csv = search(
        &index,
        &[
            &FHI_PARTNER[..],
            &["--format", "csv", "-o", file.to_str().unwrap()],
        ]
        .concat(),
    );
    assert_eq!(csv.status.code(), Some(0), "{}", stderr(&csv));
    assert_eq!(stdout(&csv), "", "the records go to the file");
    let mut reader = csv::Reader::from_path(&file).unwrap();
    let headers = reader.headers().unwrap().clone();
    let code = headers.iter().position(|h| h == "Kode").unwrap();
    let rows: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[code].to_string())
        .collect();
    assert_eq!(rows, ["TB2025-01", "TB2025-03"]);
}

#[test]
fn xlsx_needs_a_file_and_holds_one_row_per_hit() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    library_index(&index);
    let refused = search(&index, &["tobakk", "--format", "xlsx"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("-o FILE.xlsx"),
        "{}",
        stderr(&refused)
    );

    let file = dir.path().join("treff.xlsx");
    let out = search(
        &index,
        &["tobakk", "--format", "xlsx", "-o", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut workbook: Xlsx<_> = open_workbook(&file).unwrap();
    let rows: Vec<Vec<Data>> = workbook
        .worksheet_range("Oppdrag")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let codes: Vec<String> = rows[1..].iter().map(|r| r[2].to_string()).collect();
    assert_eq!(codes, ["TB2025-04", "TB2025-01"], "ranked as the table");
}

#[test]
fn csv_excel_turns_the_table_into_norwegian_csv_and_limit_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    library_index(&index);
    let out = search(
        &index,
        &["--csv-excel", "--limit", "1", "--type", "assignment"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with('\u{feff}'), "byte order mark: {text}");
    assert!(text.lines().next().unwrap().contains(';'), "{text}");
    assert_eq!(text.lines().count(), 2, "header and the one hit: {text}");
    assert!(
        stderr(&out).contains("1 of 4 hits written; use --limit for more"),
        "{}",
        stderr(&out)
    );
    let refused = search(&index, &["--csv-excel", "--format", "json"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("--csv-excel writes CSV"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_bad_query_leaves_an_existing_output_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    library_index(&index);
    let file = dir.path().join("keep.csv");
    std::fs::write(&file, "kept\n").unwrap();
    let out = search(
        &index,
        &[
            "title:(unclosed",
            "--format",
            "csv",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "kept\n");
}

#[test]
fn ics_holds_one_event_per_dated_deadline_of_the_hits() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    library_index(&index);
    let out = search(&index, &[&FHI_PARTNER[..], &["--format", "ics"]].concat());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let calendar: icalendar::Calendar = stdout(&out).parse().unwrap();
    let mut due: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            icalendar::CalendarComponent::Event(e) => {
                icalendar::Component::get_start(e).map(|d| format!("{d:?}"))
            }
            _ => None,
        })
        .collect();
    due.sort();
    assert_eq!(due.len(), 2, "{due:?}");
    assert!(
        due[0].contains("2025-06-01") && due[1].contains("2026-03-01"),
        "{due:?}"
    );

    for format in ["ics", "jsonl"] {
        let refused = search(&index, &["--format", format, "--csv-excel"]);
        assert_eq!(refused.status.code(), Some(2));
        assert!(
            stderr(&refused).contains(&format!(
                "--csv-excel writes CSV: it does not go with --format {format}"
            )),
            "{}",
            stderr(&refused)
        );
    }
}

/// An index of one letter with `n` assignments, all with FHI as partner.
fn many_assignments(dir: &std::path::Path, n: usize) {
    let records: Vec<Record> = (1..=n)
        .map(|i| {
            Record::Assignment(Assignment {
                doc: "brev.txt".into(),
                code: format!("TB2025-{i:02}"),
                title: format!("Oppdrag nummer {i}"),
                partners: vec!["Folkehelseinstituttet".into()],
                ..Assignment::default()
            })
        })
        .collect();
    write_letter(dir, &records);
}

#[test]
fn an_export_holds_every_hit_and_the_table_twenty_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    many_assignments(&index, 25);
    let export = search(&index, &[&FHI_PARTNER[..], &["--format", "jsonl"]].concat());
    assert_eq!(codes(&export).len(), 25, "{}", stderr(&export));
    assert_eq!(stderr(&export), "");
    let table = search(&index, &FHI_PARTNER);
    assert!(
        stdout(&table).ends_with("(20 of 25 hits shown; use --limit)\n"),
        "{}",
        stdout(&table)
    );
    let limited = search(
        &index,
        &[&FHI_PARTNER[..], &["-f", "jsonl", "-n", "3"]].concat(),
    );
    assert_eq!(codes(&limited).len(), 3);
    assert!(
        stderr(&limited).contains("3 of 25 hits written"),
        "{}",
        stderr(&limited)
    );
}
