//! The query side (`search`, `stats`) on an index built with the library.

use std::path::Path;

use chrono::NaiveDate;
use oppdrag_index::{RecordIndex, Source};
use oppdrag_model::{Assignment, Deadline, DocumentKind, DocumentRecord, Record};

use super::{codes, oppdrag, search, stderr, stdout};

fn assignment(
    code: &str,
    title: &str,
    unit: &str,
    partners: &[&str],
    due: Option<(i32, u32, u32)>,
) -> Record {
    Record::Assignment(Assignment {
        doc: "brev.txt".into(),
        page: Some(4),
        code: code.into(),
        title: title.into(),
        owner_unit: Some(unit.into()),
        responsible: vec!["Helsedirektoratet".into()],
        partners: partners.iter().map(|p| p.to_string()).collect(),
        deadlines: due
            .into_iter()
            .map(|(y, m, d)| Deadline {
                due: NaiveDate::from_ymd_opt(y, m, d),
                raw: "frist".into(),
                ..Deadline::default()
            })
            .collect(),
        text: format!(
            "Helsedirektoratet skal arbeide med {}.",
            title.to_lowercase()
        ),
        ..Assignment::default()
    })
}

/// An index on disk with one letter of four assignments, written by the library.
pub(super) fn library_index(dir: &Path) {
    let records = vec![
        Record::Document(DocumentRecord {
            doc: "brev.txt".into(),
            kind: DocumentKind::AllocationLetter,
            year: Some(2025),
            ..DocumentRecord::default()
        }),
        assignment(
            "TB2025-01",
            "Oppfølging av nasjonal tobakksstrategi",
            "FHA",
            &["Folkehelseinstituttet"],
            Some((2025, 6, 1)),
        ),
        assignment(
            "TB2025-02",
            "Alkoholbruk blant eldre",
            "FHA",
            &[],
            Some((2025, 9, 15)),
        ),
        assignment(
            "TB2025-03",
            "Evaluering av pakkeforløp for kreft",
            "SHA",
            &["Folkehelseinstituttet"],
            Some((2026, 3, 1)),
        ),
        assignment("TB2025-04", "Snus og tobakk blant unge", "FHA", &[], None),
    ];
    write_letter(dir, &records);
}

/// An index on disk in `dir` holding `records` as the one file `/brev/brev.txt`.
pub(super) fn write_letter(dir: &Path, records: &[Record]) {
    let index = RecordIndex::open_or_create(dir).unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    let source = Source {
        path: "/brev/brev.txt".into(),
        hash: "0".into(),
    };
    writer.replace_file(&source, records).unwrap();
    writer.commit().unwrap();
    writer.finish().unwrap();
}

#[test]
fn search_without_an_index_says_to_run_index_first() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("idx");
    for command in ["search", "stats"] {
        let output = oppdrag()
            .arg(command)
            .arg("--index")
            .arg(&missing)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            stderr(&output),
            format!(
                "oppdrag: no index at {}: run `oppdrag index` first\n",
                missing.display()
            )
        );
    }
}

#[test]
fn text_query_ranks_and_finds_compounds_by_their_first_part() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["tobakk", "--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The plain word ranks above the compound.
    assert_eq!(codes(&output), ["TB2025-04", "TB2025-01"]);
}

#[test]
fn empty_query_with_filters_lists_by_first_due_date() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["", "--unit", "fha", "--format", "jsonl"]);
    assert_eq!(codes(&output), ["TB2025-01", "TB2025-02", "TB2025-04"]);
    let output = search(
        dir.path(),
        &[
            "--due-after",
            "2025-06-01",
            "--due-before",
            "1.3.2026",
            "-f",
            "jsonl",
        ],
    );
    assert_eq!(codes(&output), ["TB2025-02"]);
    let output = search(
        dir.path(),
        &["--year", "2025", "--type", "document", "-f", "jsonl"],
    );
    assert_eq!(stdout(&output).lines().count(), 1);
    assert!(stdout(&output).starts_with(r#"{"type":"document","doc":"brev.txt""#));
}

#[test]
fn partner_alias_resolves_through_the_gazetteer() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["--partner", "FHI", "--format", "jsonl"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(codes(&output), ["TB2025-01", "TB2025-03"]);
    let output = search(
        dir.path(),
        &[
            "kreft",
            "--body",
            "fhi",
            "--due-before",
            "2026-01-01",
            "-f",
            "jsonl",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(codes(&output).is_empty());
}

#[test]
fn table_shows_code_title_unit_responsible_due_document_page_and_snippet() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["alkoholbruk"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        [
            "code",
            "title",
            "unit",
            "responsible",
            "due",
            "document",
            "page",
            "snippet"
        ]
    );
    for cell in [
        "TB2025-02",
        "Alkoholbruk blant eldre",
        "FHA",
        "Helsedirektoratet",
        "2025-09-15",
        "brev.txt",
        "4",
    ] {
        assert!(lines[1].contains(cell), "{cell} in {}", lines[1]);
    }
    assert!(
        lines[1].ends_with("Helsedirektoratet skal arbeide med *alkoholbruk* blant eldre"),
        "{}",
        lines[1]
    );
}

#[test]
fn limit_says_how_many_more_there_are() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["", "--limit", "2"]);
    assert_eq!(stdout(&output).lines().count(), 4);
    assert!(stdout(&output).ends_with("(2 of 4 hits shown; use --limit)\n"));
}

#[test]
fn no_hits_exit_1_and_bad_queries_exit_2_with_the_position() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = search(dir.path(), &["fiskeri"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output).lines().count(), 1, "header only");
    let output = search(dir.path(), &["tobakk AND (alkohol"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "oppdrag: query error at position 20: expected ')'\n"
    );
    let output = search(dir.path(), &["farge:rød"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "oppdrag: query error: field does not exist: 'farge'\n"
    );
    let output = search(dir.path(), &["--type", "brev"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("unknown record type 'brev'"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn stats_counts_per_document_unit_body_and_month() {
    let dir = tempfile::tempdir().unwrap();
    library_index(dir.path());
    let output = oppdrag()
        .args(["stats", "--format", "json", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let v: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(v["files"], 1);
    assert_eq!(v["obligations"], 4);
    assert_eq!(v["by_doc"]["brev.txt"], 4);
    assert_eq!(v["by_year"]["2025"], 4);
    assert_eq!(v["by_unit"]["FHA"], 3);
    assert_eq!(v["by_partner"]["Folkehelseinstituttet"], 2);
    assert_eq!(v["deadlines_by_month"]["2025-06"], 1);
    let output = oppdrag()
        .args(["stats", "--index"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = stdout(&output);
    assert!(
        text.starts_with("1 files, 5 records, 4 obligations\n"),
        "{text}"
    );
    assert!(
        text.contains("\nobligations by unit\n       3  FHA\n       1  SHA\n"),
        "{text}"
    );
}
