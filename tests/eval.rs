//! `oppdrag eval` on gold and predicted records written for these tests
//! (tests/data/eval); the figures were worked out by hand.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/eval")
        .join(name)
}

fn eval(extra: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("oppdrag")
        .unwrap()
        .arg("eval")
        .arg("--gold")
        .arg(data("gold"))
        .arg(data("pred.jsonl"))
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn prints_figures_summary_and_misses() {
    let (code, out, _) = eval(&[]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    // One missed partner (KS); one wrong deadline; one spurious budget line.
    assert_eq!(
        lines[1],
        "assignment.bodies            P=1.000 R=0.667 F1=0.800  (tp 2 fp 0 fn 1)"
    );
    assert_eq!(
        lines[3],
        "assignment.deadlines         P=0.667 R=0.667 F1=0.667  (tp 2 fp 1 fn 1)"
    );
    assert_eq!(
        lines[5],
        "budget_line                  P=0.500 R=1.000 F1=0.667  (tp 1 fp 1 fn 0)"
    );
    assert_eq!(lines[13], "document.recipient           acc=0.000  (n 1)");
    assert_eq!(
        lines[15],
        "summary assignment.code=1.000 assignment.deadlines=0.667 assignment.amounts=1.000 \
         assignment.bodies=0.800 budget_line=0.667 calendar_entry=1.000 mandate.body=1.000"
    );
    assert_eq!(lines[17], "misses: 4");
    assert!(out.contains("assignment.deadlines       brev  TB2024-02  gold only [2024-10-01]  predicted only [2024-12-31]"), "{out}");
    assert!(
        out.contains(
            "budget_line                brev  -  predicted only [kap. 714 post 70 = 3000000]"
        ),
        "{out}"
    );
}

#[test]
fn misses_can_be_limited_or_left_out() {
    let (_, out, _) = eval(&["--misses", "1"]);
    assert!(out.contains("misses: 4 (first 1 shown)\n"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("  ")).count(), 1);
    let (_, out, _) = eval(&["--misses", "0"]);
    assert!(out
        .trim_end()
        .lines()
        .last()
        .unwrap()
        .starts_with("summary "));
}

#[test]
fn json_has_every_field() {
    let (code, out, _) = eval(&["--json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["assignment.deadlines"]["tp"], 2);
    assert_eq!(v["assignment.deadlines"]["p"].as_f64().unwrap(), 2.0 / 3.0);
    assert_eq!(v["budget_line"]["f1"].as_f64().unwrap(), 2.0 * 0.5 / 1.5);
    assert_eq!(v["document.recipient"]["acc"], 0.0);
    assert_eq!(v.as_object().unwrap().len(), 15);
}

#[test]
fn a_missing_gold_directory_is_a_one_line_error() {
    let out = Command::cargo_bin("oppdrag")
        .unwrap()
        .args(["eval", "--gold", "/nonexistent/gold"])
        .arg(data("pred.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("oppdrag: /nonexistent/gold: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
}
