//! The whole chain: letters → extraction → index → search; writer lock; kill -9.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use oppdrag_index::RecordIndex;

use super::{codes, copy_letters, data_dir, index, search, sorted, stderr, stdout};

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
