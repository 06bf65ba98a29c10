//! Library tests on real indexes (in RAM and on disk), built from records written here.

use chrono::NaiveDate;
use oppdrag_index::{Error, Filters, RecordIndex, RecordType, SearchRequest, Source};
use oppdrag_model::{
    Assignment, CalendarEntry, Deadline, DocumentKind, DocumentRecord, Mandate, Member, Record,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn deadline(due: NaiveDate, raw: &str) -> Deadline {
    Deadline {
        due: Some(due),
        raw: raw.into(),
        ..Deadline::default()
    }
}

#[allow(clippy::too_many_arguments)]
fn assignment(
    doc: &str,
    code: &str,
    title: &str,
    unit: &str,
    responsible: &[&str],
    partners: &[&str],
    due: &[NaiveDate],
    text: &str,
) -> Record {
    Record::Assignment(Assignment {
        doc: doc.into(),
        page: Some(3),
        code: code.into(),
        title: title.into(),
        owner_unit: Some(unit.into()),
        responsible: responsible.iter().map(|s| s.to_string()).collect(),
        partners: partners.iter().map(|s| s.to_string()).collect(),
        deadlines: due.iter().map(|d| deadline(*d, "frist")).collect(),
        text: text.into(),
        ..Assignment::default()
    })
}

fn document(doc: &str, year: i32) -> Record {
    Record::Document(DocumentRecord {
        doc: doc.into(),
        kind: DocumentKind::AllocationLetter,
        issuer: Some("Helse- og omsorgsdepartementet".into()),
        recipient: Some("Helsedirektoratet".into()),
        year: Some(year),
        title: Some(format!("Tildelingsbrev {year}")),
        ..DocumentRecord::default()
    })
}

fn letter_2024() -> Vec<Record> {
    vec![
        document("tb2024.txt", 2024),
        assignment(
            "tb2024.txt",
            "TB2024-07",
            "Oppfølging nasjonal tobakksstrategi",
            "FHA",
            &["Helsedirektoratet"],
            &["Folkehelseinstituttet"],
            &[date(2024, 6, 1)],
            "Helsedirektoratet skal i samarbeid med Folkehelseinstituttet følge opp strategien. Frist: 1. juni 2024.",
        ),
        assignment(
            "tb2024.txt",
            "TB2024-08",
            "Alkoholpolitiske tiltak",
            "FHA",
            &["Helsedirektoratet"],
            &[],
            &[date(2024, 9, 15), date(2024, 3, 1)],
            "Helsedirektoratet skal vurdere tiltak mot skadelig alkoholbruk.",
        ),
        assignment(
            "tb2024.txt",
            "TB2024-12",
            "Legemiddelberedskap",
            "SPA",
            &["Direktoratet for medisinske produkter"],
            &["Helsedirektoratet"],
            &[],
            "Direktoratet skal sammen med Helsedirektoratet styrke legemiddelberedskapen.",
        ),
        Record::CalendarEntry(CalendarEntry {
            doc: "tb2024.txt".into(),
            page: Some(9),
            due: date(2024, 1, 31),
            what: "Årsrapport og årsregnskap".into(),
            line: None,
        }),
    ]
}

fn letter_2026() -> Vec<Record> {
    vec![
        document("tb2026.txt", 2026),
        assignment(
            "tb2026.txt",
            "TB2026-03",
            "Tobakk og snus blant unge",
            "FHA",
            &["Helsedirektoratet"],
            &["Folkehelseinstituttet", "Utdanningsdirektoratet"],
            &[date(2026, 5, 1)],
            "Helsedirektoratet skal kartlegge bruk av snus og tobakken blant ungdom.",
        ),
        Record::Mandate(Mandate {
            doc: "tb2026.txt".into(),
            page: Some(12),
            body: "Nasjonalt e-helseråd".into(),
            established_by: Some("Helsedirektoratet".into()),
            tasks: vec!["Gi anbefaling om investeringer i e-helse".into()],
            members: vec![Member {
                body: "Folkehelseinstituttet".into(),
                count: Some(1),
            }],
            ..Mandate::default()
        }),
    ]
}

fn source(path: &str, hash: &str) -> Source {
    Source {
        path: path.into(),
        hash: hash.into(),
    }
}

fn sample_index() -> RecordIndex {
    let index = RecordIndex::create_in_ram().unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    writer
        .replace_file(&source("/l/tb2024.txt", "h1"), &letter_2024())
        .unwrap();
    writer
        .replace_file(&source("/l/tb2026.txt", "h2"), &letter_2026())
        .unwrap();
    writer.commit().unwrap();
    index
}

fn search(index: &RecordIndex, query: &str, filters: Filters) -> Vec<String> {
    let request = SearchRequest {
        query: query.into(),
        filters,
        limit: 50,
        ..SearchRequest::default()
    };
    index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| match h.record {
            Record::Assignment(a) => a.code,
            Record::CalendarEntry(c) => format!("calendar {}", c.due),
            Record::Mandate(m) => format!("mandate {}", m.body),
            Record::Document(d) => format!("document {}", d.doc),
            Record::BudgetLine(b) => format!("budget {}", b.chapter),
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn compound_prefix_finds_tobakksstrategi_and_stemming_finds_tobakken() {
    let index = sample_index();
    assert_eq!(
        sorted(search(&index, "tobakk", Filters::default())),
        ["TB2024-07", "TB2026-03"]
    );
    // "legemiddel" is the first part of "Legemiddelberedskap" only.
    assert_eq!(
        search(&index, "legemiddel", Filters::default()),
        ["TB2024-12"]
    );
    // The last part of a compound is not found.
    assert!(search(&index, "beredskap", Filters::default()).is_empty());
    // Words shorter than four letters are whole words, not prefixes.
    assert!(search(&index, "tob", Filters::default()).is_empty());
    // The prefix field can be named, and prefix matches are case-blind.
    assert_eq!(
        search(&index, "compound:LEGEMIDDEL", Filters::default()),
        ["TB2024-12"]
    );
}

#[test]
fn records_that_use_a_prefix_more_rank_higher() {
    let index = RecordIndex::create_in_ram().unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    let text = |uses: usize| {
        let mut t = "Direktoratet skal gjennomgå arbeidet.".to_string();
        for _ in 0..uses {
            t.push_str(" Rusmiddelbruken og rusmiddelpolitikken vurderes.");
        }
        t
    };
    let records: Vec<Record> = [("TB2025-01", 1), ("TB2025-02", 4), ("TB2025-03", 2)]
        .into_iter()
        .map(|(code, uses)| {
            let body = text(uses);
            assignment("tb.txt", code, "Oppdrag", "FHA", &[], &[], &[], &body)
        })
        .collect();
    writer
        .replace_file(&source("/l/tb.txt", "h"), &records)
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(
        search(&index, "rusmiddel", Filters::default()),
        ["TB2025-02", "TB2025-03", "TB2025-01"]
    );
}

#[test]
fn exact_words_rank_above_prefix_matches() {
    let index = sample_index();
    // TB2026-03 has "Tobakk" as a word in its title; TB2024-07 only the compound.
    assert_eq!(search(&index, "tobakk", Filters::default())[0], "TB2026-03");
}

#[test]
fn codes_match_exactly_in_free_text_and_by_field() {
    let index = sample_index();
    assert_eq!(
        search(&index, "code:TB2024-08", Filters::default()),
        ["TB2024-08"]
    );
    assert_eq!(
        search(&index, "code:tb2024-08", Filters::default()),
        ["TB2024-08"]
    );
}

#[test]
fn partner_filter_with_text_query() {
    let index = sample_index();
    let filters = Filters {
        partners: vec!["Folkehelseinstituttet".into()],
        ..Filters::default()
    };
    assert_eq!(
        sorted(search(&index, "tobakk", filters.clone())),
        ["TB2024-07", "TB2026-03"]
    );
    // Empty query: everything with FHI as partner, earliest due first,
    // records without a due date last.
    assert_eq!(
        search(&index, "", filters),
        ["TB2024-07", "TB2026-03", "mandate Nasjonalt e-helseråd"]
    );
}

#[test]
fn body_filter_covers_every_role_and_responsible_only_its_own() {
    let index = sample_index();
    let body = Filters {
        bodies: vec!["helsedirektoratet".into()],
        ..Filters::default()
    };
    assert_eq!(
        sorted(search(&index, "", body)),
        [
            "TB2024-07",
            "TB2024-08",
            "TB2024-12",
            "TB2026-03",
            "mandate Nasjonalt e-helseråd"
        ]
    );
    let responsible = Filters {
        responsible: vec!["Direktoratet for medisinske produkter".into()],
        ..Filters::default()
    };
    assert_eq!(search(&index, "", responsible), ["TB2024-12"]);
}

#[test]
fn due_date_range_is_exclusive_and_uses_every_deadline() {
    let index = sample_index();
    let before_july = Filters {
        due_before: Some(date(2024, 7, 1)),
        ..Filters::default()
    };
    // TB2024-08 has 1 March as its second deadline; it sorts by its earliest.
    assert_eq!(
        search(&index, "", before_july),
        ["calendar 2024-01-31", "TB2024-08", "TB2024-07"]
    );
    let window = Filters {
        due_after: Some(date(2024, 6, 1)),
        due_before: Some(date(2026, 5, 1)),
        ..Filters::default()
    };
    assert_eq!(search(&index, "", window), ["TB2024-08"]);
}

#[test]
fn unit_year_and_type_filters() {
    let index = sample_index();
    let fha_2024 = Filters {
        units: vec!["fha".into()],
        years: vec![2024],
        ..Filters::default()
    };
    assert_eq!(search(&index, "", fha_2024), ["TB2024-08", "TB2024-07"]);
    let mandates = Filters {
        types: vec![RecordType::Mandate],
        ..Filters::default()
    };
    assert_eq!(
        search(&index, "", mandates),
        ["mandate Nasjonalt e-helseråd"]
    );
    let documents = Filters {
        types: vec![RecordType::Document],
        years: vec![2026],
        ..Filters::default()
    };
    assert_eq!(search(&index, "", documents), ["document tb2026.txt"]);
}

#[test]
fn boolean_and_phrase_syntax() {
    let index = sample_index();
    assert_eq!(
        search(&index, "tobakk AND snus", Filters::default()),
        ["TB2026-03"]
    );
    assert_eq!(
        search(&index, "tobakk -snus", Filters::default()),
        ["TB2024-07"]
    );
    assert_eq!(
        search(&index, "\"skadelig alkoholbruk\"", Filters::default()),
        ["TB2024-08"]
    );
    assert_eq!(
        search(&index, "unit:SPA", Filters::default()),
        ["TB2024-12"]
    );
    // Stop words are dropped, the gaps they leave are kept.
    assert_eq!(
        search(
            &index,
            "\"i samarbeid med folkehelseinstituttet\"",
            Filters::default()
        ),
        ["TB2024-07"]
    );
    assert!(search(
        &index,
        "\"samarbeid folkehelseinstituttet\"",
        Filters::default()
    )
    .is_empty());
}

#[test]
fn hits_carry_score_first_due_path_and_highlighted_snippet() {
    let index = sample_index();
    let request = SearchRequest {
        query: "samarbeid".into(),
        ..SearchRequest::default()
    };
    let results = index.search(&request).unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert!(hit.score.is_some_and(|s| s > 0.0));
    assert_eq!(hit.first_due, Some(date(2024, 6, 1)));
    assert_eq!(hit.path, "/l/tb2024.txt");
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["samarbeid"]);
    // A prefix match highlights the whole compound.
    let request = SearchRequest {
        query: "legemiddel".into(),
        ..SearchRequest::default()
    };
    let hit = &index.search(&request).unwrap().hits[0];
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["legemiddelberedskapen"]);
    // A match in the title only is highlighted in the title.
    let request = SearchRequest {
        query: "tobakk".into(),
        filters: Filters {
            years: vec![2024],
            ..Filters::default()
        },
        ..SearchRequest::default()
    };
    let hit = &index.search(&request).unwrap().hits[0];
    assert_eq!(hit.snippet.text, "Oppfølging nasjonal tobakksstrategi");
    let marked: Vec<&str> = hit
        .snippet
        .highlights
        .iter()
        .map(|r| &hit.snippet.text[r.clone()])
        .collect();
    assert_eq!(marked, ["tobakksstrategi"]);
}

#[test]
fn limit_caps_hits_but_not_total() {
    let index = sample_index();
    let request = SearchRequest {
        query: String::new(),
        limit: 2,
        ..SearchRequest::default()
    };
    let results = index.search(&request).unwrap();
    assert_eq!(results.hits.len(), 2);
    assert_eq!(results.total, 6);
}

#[test]
fn query_errors_say_where() {
    let index = sample_index();
    let request = |q: &str| SearchRequest {
        query: q.into(),
        ..SearchRequest::default()
    };
    let err = index
        .search(&request("tobakk AND"))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "query error at position 8: 'AND' needs a term on both sides"
    );
    let err = index.search(&request("title:(tobakk")).unwrap_err();
    assert!(
        matches!(err, Error::QuerySyntax { position, .. } if position >= 7),
        "{err}"
    );
    let err = index
        .search(&request("colour:red"))
        .unwrap_err()
        .to_string();
    assert_eq!(err, "query error: field does not exist: 'colour'");
}

#[test]
fn replacing_a_file_drops_its_old_records_and_keeps_others() {
    let index = sample_index();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    let changed = vec![assignment(
        "tb2024.txt",
        "TB2024-99",
        "Ny ordning for snusavgift",
        "FHA",
        &["Helsedirektoratet"],
        &[],
        &[],
        "",
    )];
    writer
        .replace_file(&source("/l/tb2024.txt", "h1b"), &changed)
        .unwrap();
    writer.commit().unwrap();
    assert!(search(&index, "code:TB2024-07", Filters::default()).is_empty());
    assert_eq!(
        search(&index, "snusavgift", Filters::default()),
        ["TB2024-99"]
    );
    assert_eq!(
        sorted(search(&index, "tobakk", Filters::default())),
        ["TB2026-03"]
    );
    let files = index.files().unwrap();
    assert_eq!(files.get("/l/tb2024.txt").map(String::as_str), Some("h1b"));
    assert_eq!(files.get("/l/tb2026.txt").map(String::as_str), Some("h2"));
    assert_eq!(index.num_records().unwrap(), 1 + 3);
    assert_eq!(
        index.file_hash("/l/tb2024.txt").unwrap().as_deref(),
        Some("h1b")
    );
    assert_eq!(index.file_hash("/l/tb2024").unwrap(), None);

    writer.remove_file("/l/tb2026.txt");
    writer.commit().unwrap();
    assert_eq!(index.files().unwrap().len(), 1);
    assert_eq!(index.file_hash("/l/tb2026.txt").unwrap(), None);
    assert_eq!(index.num_records().unwrap(), 1);
}

#[test]
fn files_prepared_on_other_threads_index_as_replace_file_does() {
    let index = RecordIndex::create_in_ram().unwrap();
    let files = [
        (source("/l/tb2024.txt", "h1"), letter_2024()),
        (source("/l/tb2026.txt", "h2"), letter_2026()),
    ];
    let prepared: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .iter()
            .map(|(src, records)| {
                let index = &index;
                scope.spawn(move || index.prepare(src, records).unwrap())
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        prepared.iter().map(|p| p.records()).sum::<usize>(),
        letter_2024().len() + letter_2026().len()
    );
    let mut writer = index.writer(1, 50_000_000).unwrap();
    for file in prepared {
        writer.add_prepared(file).unwrap();
    }
    writer.commit().unwrap();
    let expected = sample_index();
    for query in ["tobakk", "samarbeid", "TB2026-03"] {
        assert_eq!(
            sorted(search(&index, query, Filters::default())),
            sorted(search(&expected, query, Filters::default())),
            "{query}"
        );
    }
    assert_eq!(index.files().unwrap(), expected.files().unwrap());
}

#[test]
fn files_without_records_are_remembered() {
    let index = RecordIndex::create_in_ram().unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    writer
        .replace_file(&source("/l/empty.pdf", "h0"), &[])
        .unwrap();
    writer.commit().unwrap();
    assert_eq!(index.files().unwrap().len(), 1);
    assert_eq!(index.num_records().unwrap(), 0);
    assert_eq!(index.stats().unwrap().files, 1);
}

#[test]
fn stats_count_per_document_year_unit_body_and_month() {
    let index = sample_index();
    let stats = index.stats().unwrap();
    assert_eq!(stats.files, 2);
    assert_eq!(stats.by_type.get("document"), Some(&2));
    assert_eq!(stats.by_type.get("assignment"), Some(&4));
    assert_eq!(stats.obligations(), 6);
    assert_eq!(stats.by_doc.get("tb2024.txt"), Some(&4));
    assert_eq!(stats.by_doc.get("tb2026.txt"), Some(&2));
    assert_eq!(stats.by_year.get(&2024), Some(&4));
    assert_eq!(stats.by_year.get(&2026), Some(&2));
    assert_eq!(stats.by_unit.get("FHA"), Some(&3));
    assert_eq!(stats.by_partner.get("Folkehelseinstituttet"), Some(&3));
    assert_eq!(stats.by_body.get("Helsedirektoratet"), Some(&5));
    assert_eq!(stats.deadlines_by_month.get("2024-06"), Some(&1));
    assert_eq!(stats.deadlines_by_month.get("2024-01"), Some(&1));
    assert_eq!(stats.deadlines_by_month.values().sum::<usize>(), 5);
}

#[test]
fn missing_index_says_run_index_first() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    let err = RecordIndex::open(&missing).unwrap_err().to_string();
    assert_eq!(
        err,
        format!(
            "no index at {}: run `oppdrag index` first",
            missing.display()
        )
    );
    // An existing but empty directory holds no index either.
    let err = RecordIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, Error::NoIndex { .. }), "{err}");
}

#[test]
fn second_writer_is_refused_while_the_first_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let index = RecordIndex::open_or_create(dir.path()).unwrap();
    let writer = index.writer(1, 50_000_000).unwrap();
    let other = RecordIndex::open(dir.path()).unwrap();
    let err = other.writer(1, 50_000_000).unwrap_err();
    assert!(err.is_locked(), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "index at {} is locked by another process",
            dir.path().display()
        )
    );
    writer.finish().unwrap();
    assert!(other.writer(1, 50_000_000).is_ok());
}

#[test]
fn uncommitted_records_are_not_seen_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = RecordIndex::open_or_create(dir.path()).unwrap();
        let mut writer = index.writer(1, 50_000_000).unwrap();
        writer
            .replace_file(&source("/l/tb2024.txt", "h1"), &letter_2024())
            .unwrap();
        writer.commit().unwrap();
        writer
            .replace_file(&source("/l/tb2026.txt", "h2"), &letter_2026())
            .unwrap();
        // Dropped without commit.
    }
    let index = RecordIndex::open(dir.path()).unwrap();
    assert_eq!(index.files().unwrap().len(), 1);
    assert_eq!(index.num_records().unwrap(), 5);
    assert_eq!(
        search(&index, "code:TB2024-07", Filters::default()),
        ["TB2024-07"]
    );
}

#[test]
fn an_index_with_another_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut builder = tantivy::schema::Schema::builder();
    builder.add_text_field("body", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(dir.path(), builder.build()).unwrap();
    let err = RecordIndex::open(dir.path()).unwrap_err();
    assert!(matches!(err, Error::SchemaMismatch { .. }), "{err}");
}

#[test]
fn a_checkpoint_is_durable_but_the_searcher_sees_it_only_after_a_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let index = RecordIndex::open_or_create(dir.path()).unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
    writer
        .replace_file(&source("/l/tb2024.txt", "h1"), &letter_2024())
        .unwrap();
    writer.checkpoint().unwrap();
    assert_eq!(index.num_records().unwrap(), 0);
    // Another handle opened now sees the checkpoint on disk.
    let other = RecordIndex::open(dir.path()).unwrap();
    let stored = other.num_records().unwrap();
    assert_eq!(stored, letter_2024().len() as u64);
    index.refresh().unwrap();
    assert_eq!(index.num_records().unwrap(), stored);
    writer.finish().unwrap();
}

#[test]
fn any_limit_returns_every_hit_without_setting_aside_room_for_it() {
    let index = sample_index();
    let all = search(&index, "", Filters::default());
    for limit in [usize::MAX, 1 << 40] {
        // tantivy sets aside twice the limit: usize::MAX overflowed, and
        // 2^40 hits would be 16 TB.
        let request = SearchRequest {
            limit,
            ..SearchRequest::default()
        };
        let results = index.search(&request).unwrap();
        assert_eq!(results.hits.len(), all.len());
        assert_eq!(results.total, all.len());
    }
}
