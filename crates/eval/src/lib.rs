//! Scores oppdrag records against gold JSONL, field by field, exactly as the
//! reference scorer `score.py` does, and lists every miss for rule authors.
//!
//! # Brief overview
//!
//! * [`GoldSet::load_dir`] reads a directory of gold `*.jsonl` files (one per
//!   document, matched to predictions by file stem).
//! * [`parse_jsonl`] reads predicted records (or any JSONL) leniently: bad
//!   lines become warnings, as in the reference.
//! * [`score()`] matches the two and returns a [`Report`]: micro precision,
//!   recall and F1 per multiset field (codes, deadlines, amounts, bodies,
//!   references, budget lines, calendar entries, mandate bodies and members),
//!   accuracy per single-valued field, and the [`Miss`]es behind them.
//!
//! The matching reproduces the reference's details: its text normalisation,
//! Python's `str()` of values, `round()` half to even, `difflib` similarity
//! for titles, and its handling of empty denominators.
//!
//! # Example
//!
//! ```
//! use oppdrag_eval::{parse_jsonl, score, GoldSet};
//!
//! let gold = r#"{"type":"assignment","doc":"a.txt","code":"TB2024-01","title":"X",
//!   "deadlines":[{"due":"2024-06-30","kind":"deadline"}]}"#.replace('\n', "");
//! let gold = GoldSet::from_docs(vec![("a".into(), parse_jsonl(&gold, "a.jsonl").0)]);
//! let pred = r#"{"type":"assignment","doc":"a.pdf","code":"tb2024-01","title":"X","deadlines":[]}"#;
//! let report = score(&gold, &parse_jsonl(pred, "pred").0, None);
//! assert_eq!(report.counts["assignment.code"].tp, 1);
//! assert_eq!(report.counts["assignment.deadlines"].fn_, 1);
//! ```
#![deny(missing_docs)]

mod difflib;
mod py;
mod report;
mod score;

use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::difflib::ratio;
pub use crate::py::norm;
pub use crate::report::{Counts, Figure, Miss, MissKind, Report, SUMMARY_FIELDS};
pub use crate::score::{score, stem};

/// Errors reading gold or predicted records.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("{}: {err}", path.display())]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        err: std::io::Error,
    },
    /// The gold directory holds no `.jsonl` file.
    #[error("{}: no gold .jsonl files in this directory", .0.display())]
    EmptyGold(PathBuf),
}

/// Gold records, one list per document stem, in file-name order.
#[derive(Clone, Debug, Default)]
pub struct GoldSet {
    /// `(stem, records)` pairs sorted by gold file name.
    pub docs: Vec<(String, Vec<Value>)>,
}

impl GoldSet {
    /// Builds a gold set from `(stem, records)` pairs, kept in the given order.
    pub fn from_docs(docs: Vec<(String, Vec<Value>)>) -> GoldSet {
        GoldSet { docs }
    }

    /// Reads every `*.jsonl` file of `dir` (not recursive), sorted by name.
    /// Returns the set and the warnings for lines that are not JSON.
    pub fn load_dir(dir: &Path) -> Result<(GoldSet, Vec<String>), EvalError> {
        let io = |err| EvalError::Io {
            path: dir.to_path_buf(),
            err,
        };
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let name = entry.map_err(io)?.file_name();
            if let Some(name) = name.to_str().filter(|n| n.ends_with(".jsonl")) {
                names.push(name.to_string());
            }
        }
        if names.is_empty() {
            return Err(EvalError::EmptyGold(dir.to_path_buf()));
        }
        names.sort();
        let mut warnings = Vec::new();
        let mut docs = Vec::new();
        for name in names {
            let (records, mut warn) = read_jsonl(&dir.join(&name))?;
            warnings.append(&mut warn);
            docs.push((stem(&name), records));
        }
        Ok((GoldSet { docs }, warnings))
    }
}

/// Reads a JSONL file; see [`parse_jsonl`].
pub fn read_jsonl(path: &Path) -> Result<(Vec<Value>, Vec<String>), EvalError> {
    let bytes = std::fs::read(path).map_err(|err| EvalError::Io {
        path: path.to_path_buf(),
        err,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(parse_jsonl(&text, &path.display().to_string()))
}

/// Parses JSONL text as the reference does: lines split at `\n`, `\r\n` or
/// `\r`, blank lines skipped, bad lines reported as `bad JSON at NAME:N: ...`
/// warnings and skipped.
pub fn parse_jsonl(text: &str, name: &str) -> (Vec<Value>, Vec<String>) {
    let mut records = Vec::new();
    let mut warnings = Vec::new();
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    for (n, line) in normalised.split('\n').enumerate() {
        let line = py::strip(line);
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => records.push(value),
            Err(err) => warnings.push(format!("bad JSON at {name}:{}: {err}", n + 1)),
        }
    }
    (records, warnings)
}
