//! `oppdrag corpus generate` and `oppdrag bench` on generated files and on
//! the committed sample in `corpus/`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").unwrap()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn generate(dir: &Path, letters: &str, mandates: &str, seed: &str) {
    oppdrag()
        .args([
            "corpus",
            "generate",
            "--letters",
            letters,
            "--mandates",
            mandates,
            "--seed",
            seed,
            "--out",
        ])
        .arg(dir)
        .assert()
        .success();
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn generate_writes_pdfs_with_gold_beside_them_and_is_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    generate(a.path(), "3", "2", "11");
    generate(b.path(), "3", "2", "11");
    let files = names(a.path());
    assert_eq!(files.len(), 10, "{files:?}");
    assert_eq!(files, names(b.path()));
    for name in &files {
        let x = std::fs::read(a.path().join(name)).unwrap();
        let y = std::fs::read(b.path().join(name)).unwrap();
        assert!(x == y, "{name} differs between two runs with the same seed");
        if name.ends_with(".pdf") {
            assert!(x.starts_with(b"%PDF-1."), "{name}");
        } else {
            let text = String::from_utf8(x).unwrap();
            let first: serde_json::Value =
                serde_json::from_str(text.lines().next().unwrap()).unwrap();
            assert_eq!(first["type"], "document");
            assert_eq!(first["doc"], name.replace(".jsonl", ".pdf"));
        }
    }
    // Another seed gives other letters.
    let c = tempfile::tempdir().unwrap();
    generate(c.path(), "1", "0", "12");
    assert_ne!(
        std::fs::read(c.path().join("letter_00001.pdf")).unwrap(),
        std::fs::read(a.path().join("letter_00001.pdf")).unwrap()
    );
}

#[test]
fn committed_sample_matches_the_generator() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "4", "2", "2029");
    for name in names(dir.path()) {
        let fresh = std::fs::read(dir.path().join(&name)).unwrap();
        let committed = std::fs::read(sample().join(&name)).unwrap_or_else(|e| {
            panic!("corpus/{name}: {e}; regenerate corpus/ (see corpus/README)")
        });
        assert!(
            fresh == committed,
            "corpus/{name} is stale; regenerate corpus/ (see corpus/README)"
        );
    }
}

#[test]
fn generate_reports_bad_arguments_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = oppdrag()
        .args(["corpus", "generate", "--letters", "0", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nothing to generate"), "{err}");

    let file = dir.path().join("plain-file");
    std::fs::write(&file, "x").unwrap();
    let out = oppdrag()
        .args(["corpus", "generate", "--letters", "1", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("plain-file"), "{err}");
}

/// Runs `oppdrag bench --format json` with `args` on `dir`, which must succeed.
fn bench_json(dir: &Path, args: &[&str]) -> serde_json::Value {
    let out = oppdrag()
        .args(["bench", "--format", "json"])
        .args(args)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn bench_reports_stages_pages_and_records_as_json() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "2", "1", "5");
    let expected_pages: u64 = names(dir.path())
        .iter()
        .filter(|n| n.ends_with(".jsonl"))
        .map(|n| {
            let text = std::fs::read_to_string(dir.path().join(n)).unwrap();
            let doc: serde_json::Value =
                serde_json::from_str(text.lines().next().unwrap()).unwrap();
            doc["pages"].as_u64().unwrap()
        })
        .sum();
    let report = bench_json(dir.path(), &["--jobs", "2"]);
    assert_eq!(report["files"], 3);
    assert_eq!(report["failed"], 0);
    assert_eq!(report["pages"].as_u64(), Some(expected_pages));
    assert!(report["records"].as_u64().unwrap() > 0);
    let text = oppdrag()
        .args(["text", "--body"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(text.status.success());
    assert_eq!(
        report["text_bytes"].as_u64(),
        Some(text.stdout.len() as u64)
    );
    assert!(report["rule_stage_text_mb_per_core_s"].as_f64().unwrap() > 0.0);
    assert!(report["peak_rss_mb"].as_f64().unwrap() > 1.0);
    assert!(report["peak_anon_rss_mb"].as_f64().unwrap() > 0.0);
    let (cpu, wall) = (
        report["cpu_s"].as_f64().unwrap(),
        report["wall_s"].as_f64().unwrap(),
    );
    assert!(cpu > 0.0, "{report}");
    let cores = report["cores_used"].as_f64().unwrap();
    assert!((cores - cpu / wall).abs() < 1e-9, "{report}");
    let stages = report["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 3);
    for stage in stages {
        assert!(stage["wall_s"].as_f64().unwrap() >= 0.0);
        assert!(stage["busy_s"].as_f64().unwrap() >= 0.0);
        assert_eq!(stage["skipped"], false, "{stage}");
    }
    assert!(report["pdftotext"].is_null());
}

/// `--jobs N` below the number of CPUs pins the run to N of them, so the
/// figures are those of N cores; `--no-pin` leaves every CPU available.
#[test]
fn bench_pins_to_as_many_cpus_as_jobs() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), "1", "0", "3");
    let pinned = |extra: &[&str]| {
        let args = [&["--no-index", "--jobs", "1"], extra].concat();
        let report = bench_json(dir.path(), &args);
        assert_eq!(report["jobs"], 1, "{report}");
        report["pinned_cpus"].as_array().unwrap().len()
    };
    // available_parallelism may also count a cgroup's CPU quota, which
    // pinning does not: on one CPU by that count, either answer is right.
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let with_pin = pinned(&[]);
    assert!(with_pin <= 1 && (cpus == 1 || with_pin == 1), "{with_pin}");
    assert_eq!(pinned(&["--no-pin"]), 0);
}

#[test]
fn bench_counts_failed_files_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.pdf"),
        b"%PDF-1.4\nthis is not a pdf",
    )
    .unwrap();
    let out = oppdrag()
        .args(["bench", "--no-index"])
        .arg(dir.path())
        .arg(dir.path().join("missing.pdf"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("(2 failed)"), "{table}");
    assert!(
        table.contains("failed: ") && table.contains("broken.pdf"),
        "{table}"
    );
    assert!(table.contains("skipped"), "{table}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("missing.pdf"), "{err}");
}
