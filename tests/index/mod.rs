//! `oppdrag index`, `oppdrag search` and `oppdrag stats` on real indexes on disk.
//!
//! Some tests index letters from `tests/data/index/` with the binary (they
//! need the extraction stages); others build the index with the library from
//! records written here, so that the query side is tested on its own.

mod chain;
mod corpus;
mod export;
mod query;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").expect("binary builds")
}

pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/index")
}

pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Copies the sample letters into `dir` and returns their paths.
pub fn copy_letters(dir: &Path) -> Vec<PathBuf> {
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
pub fn index(paths: &[&Path], index_dir: &Path, extra: &[&str]) -> std::process::Output {
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
pub fn search(index_dir: &Path, args: &[&str]) -> std::process::Output {
    oppdrag()
        .arg("search")
        .args(args)
        .arg("--index")
        .arg(index_dir)
        .output()
        .unwrap()
}

/// The `code` of every JSONL line, in order.
pub fn codes(output: &std::process::Output) -> Vec<String> {
    stdout(output)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap_or("-").to_string()
        })
        .collect()
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
