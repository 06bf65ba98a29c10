//! `oppdrag index`, `oppdrag search` and `oppdrag stats` on real indexes on disk.
//!
//! Some tests index letters from `tests/data/index/` with the binary (they
//! need the extraction stages); others build the index with the library from
//! records written here, so that the query side is tested on its own.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use chrono::NaiveDate;
use oppdrag_index::{RecordIndex, Source};
use oppdrag_model::{Assignment, Deadline, DocumentKind, DocumentRecord, Record};

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").expect("binary builds")
}

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/index")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Copies the sample letters into `dir` and returns their paths.
fn copy_letters(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        std::fs::copy(&path, &target).unwrap();
        out.push(target);
    }
    out.sort();
    out
}

/// Runs `oppdrag index` and returns its output.
fn index(paths: &[&Path], index_dir: &Path, extra: &[&str]) -> std::process::Output {
    oppdrag()
        .arg("index")
        .args(paths)
        .arg("--index")
        .arg(index_dir)
        .args(extra)
        .output()
        .unwrap()
}

/// Runs `oppdrag search` with `args` on `index_dir`.
fn search(index_dir: &Path, args: &[&str]) -> std::process::Output {
    oppdrag()
        .arg("search")
        .args(args)
        .arg("--index")
        .arg(index_dir)
        .output()
        .unwrap()
}

/// The `code` of every JSONL line, in order.
fn codes(output: &std::process::Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap_or("-").to_string()
        })
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

// ---- the query side, on an index built with the library --------------------

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
fn library_index(dir: &Path) {
    let index = RecordIndex::open_or_create(dir).unwrap();
    let mut writer = index.writer(1, 50_000_000).unwrap();
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
    let source = Source {
        path: "/brev/brev.txt".into(),
        hash: "0".into(),
    };
    writer.replace_file(&source, &records).unwrap();
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

#[test]
fn a_second_writer_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let letters = copy_letters(&dir.path().join("in"));
    let index_dir = dir.path().join("idx");
    let held = RecordIndex::open_or_create(&index_dir).unwrap();
    let writer = held.writer(1, 50_000_000).unwrap();
    let output = index(&[letters[0].as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "oppdrag: index at {} is locked by another process\n",
            index_dir.display()
        )
    );
    writer.finish().unwrap();
    let output = index(&[letters[0].as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

// ---- the whole chain: letters → extraction → index → search ---------------

#[test]
fn reindexing_skips_unchanged_replaces_changed_and_prunes_removed_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    let letters = copy_letters(&input);
    let index_dir = dir.path().join("idx");
    let run = |extra: &[&str]| {
        let output = index(&[input.as_path()], &index_dir, extra);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        stdout(&output)
    };
    assert!(run(&[]).contains(": 2 files indexed ("), "first run");
    assert!(run(&[]).contains(": 0 files indexed (0 records), 2 unchanged, 0 pruned, 0 failed"));
    // Change one letter: only it is read again, and its old records go.
    let changed = std::fs::read_to_string(&letters[1])
        .unwrap()
        .replace("TB2025-02", "TB2025-09");
    std::fs::write(&letters[1], changed).unwrap();
    let out = run(&[]);
    assert!(
        out.contains(": 1 files indexed (") && out.contains(", 1 unchanged, "),
        "{out}"
    );
    let all = search(&index_dir, &["", "--limit", "100", "-f", "jsonl"]);
    let found = codes(&all);
    assert!(!found.contains(&"TB2025-02".to_string()), "{found:?}");
    assert!(found.contains(&"TB2025-09".to_string()), "{found:?}");
    // Remove one letter: --prune drops its records.
    std::fs::remove_file(&letters[0]).unwrap();
    assert!(run(&["--prune"]).contains(", 1 pruned, "));
    let all = search(&index_dir, &["", "--limit", "100", "-f", "jsonl"]);
    assert!(
        codes(&all).iter().all(|c| c.starts_with("TB2025")),
        "{:?}",
        codes(&all)
    );
}

#[test]
fn sample_letters_answer_text_and_filter_queries_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("idx");
    let output = index(&[data_dir().as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let q = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend(["--format", "jsonl", "--limit", "100"]);
        sorted(codes(&search(&index_dir, &all)))
    };
    assert_eq!(q(&["tobakk"]), ["TB2024-02", "TB2025-01"]);
    assert_eq!(q(&["\"smittsomme sykdommer\""]), ["TB2024-01"]);
    assert_eq!(q(&["", "--partner", "FHI"]), ["TB2025-01"]);
    assert_eq!(q(&["", "--partner", "Helsedirektoratet"]), ["TB2024-02"]);
    assert_eq!(q(&["", "--unit", "SHA"]), ["TB2025-03"]);
    assert_eq!(q(&["", "--year", "2024"]), ["TB2024-01", "TB2024-02"]);
    assert_eq!(
        q(&["", "--due-before", "2025-07-01"]),
        ["TB2024-01", "TB2024-02", "TB2025-01"]
    );
    assert_eq!(
        q(&["", "--due-after", "2025-06-01"]),
        ["TB2025-02", "TB2025-03"]
    );
    assert_eq!(q(&["kreft", "--responsible", "Hdir"]), ["TB2025-03"]);
    assert_eq!(q(&["tobakk", "--year", "2025"]), ["TB2025-01"]);
    assert_eq!(
        codes(&search(
            &index_dir,
            &["", "--type", "assignment", "-f", "jsonl"]
        )),
        [
            "TB2024-02",
            "TB2024-01",
            "TB2025-01",
            "TB2025-02",
            "TB2025-03"
        ],
        "sorted by first due date"
    );
}

// ---- kill -9 during indexing -------------------------------------------------

/// Writes `n` letters of three assignments each into `dir`.
fn generate_letters(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let template =
        std::fs::read_to_string(data_dir().join("tildelingsbrev-2025-helsedirektoratet.txt"))
            .unwrap();
    for i in 0..n {
        let text = template.replace("tobakksstrategi", &format!("tobakksstrategi nummer {i}"));
        std::fs::write(dir.join(format!("brev-{i:05}.txt")), text).unwrap();
    }
}

#[test]
fn kill_during_indexing_leaves_the_last_commit_readable_and_a_rerun_completes() {
    const LETTERS: usize = 3000;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate_letters(&input, LETTERS);
    let index_dir = dir.path().join("idx");
    let binary = assert_cmd::cargo::cargo_bin("oppdrag");
    let mut child = std::process::Command::new(&binary)
        .args(["-j", "1", "index", "--commit-every", "10", "--index"])
        .arg(&index_dir)
        .arg(&input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for the first commit, then kill -9.
    let start = Instant::now();
    let committed = loop {
        if let Ok(index) = RecordIndex::open(&index_dir) {
            let n = index.files().map(|f| f.len()).unwrap_or(0);
            if n > 0 {
                break n;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no commit within two minutes"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "indexing ended before it could be killed"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(committed >= 10);

    // The killed index opens, answers queries, and holds whole files only.
    let killed = RecordIndex::open(&index_dir).unwrap();
    let kept = killed.files().unwrap().len();
    assert!(
        kept >= committed && kept < LETTERS,
        "{kept} of {LETTERS} files committed"
    );
    let killed_stats = killed.stats().unwrap();
    let output = search(&index_dir, &["tobakk", "-f", "jsonl"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    drop(killed);

    // A rerun takes the lock, skips what was committed and finishes the job.
    let output = index(&[input.as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(&format!(", {kept} unchanged, ")),
        "{}",
        stdout(&output)
    );
    let resumed = RecordIndex::open(&index_dir).unwrap();
    assert_eq!(resumed.files().unwrap().len(), LETTERS);

    // The result equals a clean run, and each file committed before the kill
    // already had all of its records.
    let clean_dir = dir.path().join("clean");
    let output = index(&[input.as_path()], &clean_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let clean = RecordIndex::open(&clean_dir).unwrap().stats().unwrap();
    assert_eq!(resumed.stats().unwrap(), clean);
    for (doc, n) in &killed_stats.by_doc {
        assert_eq!(
            clean.by_doc.get(doc),
            Some(n),
            "{doc} was complete at the kill"
        );
    }
}

// ---- the project's sample corpus: search agrees with the extracted records ----

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every record `oppdrag extract` gives for the sample corpus.
fn corpus_records() -> Vec<serde_json::Value> {
    let output = oppdrag().arg("extract").arg(corpus_dir()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `doc code` of every JSONL hit, sorted.
fn doc_codes(output: &std::process::Output) -> Vec<String> {
    let mut v: Vec<String> = stdout(output)
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}",
                r["doc"].as_str().unwrap_or(""),
                r["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    v.sort();
    v
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The Norwegian analyzer's terms (stems) of `text`.
fn stems(text: &str) -> Vec<String> {
    oppdrag_index::analysis::analyze(oppdrag_index::analysis::NORWEGIAN, text)
}

#[test]
fn sample_corpus_search_agrees_with_extracted_records() {
    let records = corpus_records();
    let assignments: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["type"] == "assignment")
        .collect();
    assert!(assignments.len() >= 10, "the corpus yields assignments");
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("idx");
    let output = index(&[corpus_dir().as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let q = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend([
            "--type",
            "assignment",
            "--format",
            "jsonl",
            "--limit",
            "10000",
        ]);
        doc_codes(&search(&index_dir, &all))
    };
    let expect = |keep: &dyn Fn(&serde_json::Value) -> bool| {
        let mut v: Vec<String> = assignments
            .iter()
            .filter(|a| keep(a))
            .map(|a| {
                format!(
                    "{} {}",
                    a["doc"].as_str().unwrap(),
                    a["code"].as_str().unwrap()
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(q(&[""]).len(), assignments.len());

    // Filters: the most frequent partner, responsible body and unit.
    let most = |key: &str| {
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        for a in &assignments {
            for v in strings(&a[key]) {
                *counts.entry(v).or_default() += 1;
            }
            if let Some(v) = a[key].as_str() {
                *counts.entry(v.to_string()).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| k)
            .unwrap()
    };
    let partner = most("partners");
    let wanted = expect(&|a| strings(&a["partners"]).contains(&partner));
    assert!(!wanted.is_empty());
    assert_eq!(
        q(&["", "--partner", &partner]),
        wanted,
        "--partner {partner}"
    );
    let responsible = most("responsible");
    let wanted = expect(&|a| strings(&a["responsible"]).contains(&responsible));
    assert_eq!(
        q(&["", "--responsible", &responsible]),
        wanted,
        "--responsible {responsible}"
    );
    let unit = most("owner_unit");
    let wanted = expect(&|a| a["owner_unit"].as_str() == Some(unit.as_str()));
    assert_eq!(q(&["", "--unit", &unit]), wanted, "--unit {unit}");

    // Due dates: the median first deadline splits the set.
    let mut dues: Vec<String> = assignments
        .iter()
        .flat_map(|a| a["deadlines"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["due"].as_str().map(str::to_string))
        .collect();
    dues.sort();
    let cut = dues[dues.len() / 2].clone();
    let has_due = |a: &serde_json::Value, f: &dyn Fn(&str) -> bool| {
        a["deadlines"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["due"].as_str().is_some_and(f)))
    };
    let wanted = expect(&|a| has_due(a, &|d| d < cut.as_str()));
    assert_eq!(q(&["", "--due-before", &cut]), wanted, "--due-before {cut}");
    let wanted = expect(&|a| has_due(a, &|d| d > cut.as_str()));
    assert_eq!(q(&["", "--due-after", &cut]), wanted, "--due-after {cut}");

    // Text: each title as a phrase finds exactly the assignments whose title
    // or text holds the same stems in a row.
    for a in assignments.iter().take(8) {
        let title = a["title"].as_str().unwrap();
        let phrase = stems(title);
        if phrase.len() < 2 {
            continue;
        }
        let holds = |text: &str| {
            stems(text)
                .windows(phrase.len())
                .any(|w| w == phrase.as_slice())
        };
        let wanted = expect(&|b| {
            holds(b["title"].as_str().unwrap_or("")) || holds(b["text"].as_str().unwrap_or(""))
        });
        let query = format!("\"{}\"", title.replace('"', " "));
        assert_eq!(q(&[&query]), wanted, "{query}");
    }
}
