//! Whole-binary behaviour shared by every command: batches, exit codes, errors.

use assert_cmd::Command;
use predicates::prelude::*;

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").expect("binary builds")
}

const LETTER: &str =
    "Tildelingsbrev 2025\n\n1 Innledning\n\nDepartementet viser til Prop. 1 S (2024–2025).\n";

#[test]
fn one_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a_good.txt"), LETTER).unwrap();
    std::fs::write(dir.path().join("b_empty.pdf"), b"").unwrap();
    std::fs::write(
        dir.path().join("c_garbage.pdf"),
        b"this is not a pdf at all",
    )
    .unwrap();
    std::fs::write(dir.path().join("d_good.txt"), LETTER).unwrap();
    let output = oppdrag()
        .arg("extract")
        .arg(dir.path())
        .arg(dir.path().join("missing.pdf"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "some files failed");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let docs: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with(r#"{"type":"document""#))
        .collect();
    assert_eq!(docs.len(), 2, "both good files are extracted: {stdout}");
    assert!(
        docs[0].contains(r#""doc":"a_good.txt""#),
        "input order kept"
    );
    assert!(
        docs[1].contains(r#""doc":"d_good.txt""#),
        "input order kept"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    for name in ["b_empty.pdf", "c_garbage.pdf", "missing.pdf"] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("oppdrag: ") && l.contains(name)),
            "{name} is named in: {stderr}"
        );
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn no_messages_hides_file_errors_but_keeps_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.pdf"), b"").unwrap();
    oppdrag()
        .args(["extract", "--no-messages"])
        .arg(dir.path().join("empty.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::is_empty());
}

#[test]
fn output_order_does_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        let text = format!("{LETTER}\nBrev nummer {i}.\n");
        std::fs::write(dir.path().join(format!("letter_{i:02}.txt")), text).unwrap();
    }
    let run = |jobs: &str| {
        let out = oppdrag()
            .args(["extract", "--jobs", jobs])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("2"));
    assert_eq!(one, run("4"));
}

#[test]
fn a_broken_rules_directory_fails_before_any_document_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(rules.join("bodies.tsv"), "canonical\taliases\tkind\n").unwrap();
    std::fs::write(rules.join("codes.toml"), "this is [ not toml").unwrap();
    std::fs::write(dir.path().join("a.txt"), LETTER).unwrap();
    oppdrag()
        .arg("extract")
        .arg("--rules")
        .arg(&rules)
        .arg(dir.path().join("a.txt"))
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("codes.toml"));
}
