//! The figures of one evaluation and the ways to print them: the text lines
//! and `--json` object of `score.py`, and the list of misses.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::py::float_repr;

/// True and false positives and false negatives of one multiset field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Items both in gold and predicted.
    pub tp: usize,
    /// Predicted items not in gold.
    pub fp: usize,
    /// Gold items not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Returns micro precision, recall and F1 as `score.py` defines them for
    /// empty denominators.
    pub fn prf(&self) -> (f64, f64, f64) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        let p = if self.tp + self.fp > 0 {
            tp / (tp + fp)
        } else if self.fn_ == 0 {
            1.0
        } else {
            0.0
        };
        let r = if self.tp + self.fn_ > 0 {
            tp / (tp + fn_)
        } else {
            1.0
        };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// One figure of the report.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// A multiset field scored by precision, recall and F1.
    Prf {
        /// Precision.
        p: f64,
        /// Recall.
        r: f64,
        /// F1.
        f1: f64,
        /// The counts behind them.
        counts: Counts,
    },
    /// A field scored by accuracy over the gold values present.
    Accuracy {
        /// Share of gold values matched (1.0 when there are none).
        acc: f64,
        /// Number of gold values.
        n: usize,
    },
}

/// What a miss is: items missing and spurious, or a wrong value.
#[derive(Clone, Debug, PartialEq)]
pub enum MissKind {
    /// A multiset field: gold items not predicted and predicted items not in gold.
    Counts {
        /// Gold items not predicted (false negatives).
        missing: Vec<String>,
        /// Predicted items not in gold (false positives).
        extra: Vec<String>,
    },
    /// An accuracy field: the gold value and the predicted one.
    Value {
        /// The gold value.
        gold: String,
        /// The predicted value.
        predicted: String,
    },
}

/// One difference between gold and prediction, for rule authors.
#[derive(Clone, Debug, PartialEq)]
pub struct Miss {
    /// The scored field, e.g. `assignment.deadlines`.
    pub field: String,
    /// The document stem.
    pub doc: String,
    /// The assignment code or mandate body the miss belongs to (empty for
    /// document-wide fields).
    pub key: String,
    /// What differs.
    pub kind: MissKind,
}

/// The result of scoring a prediction against gold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Counts per multiset field.
    pub counts: BTreeMap<String, Counts>,
    /// `(matched, total)` per accuracy field.
    pub accuracy: BTreeMap<String, (usize, usize)>,
    /// Gold documents with no predicted record at all.
    pub missing_docs: Vec<String>,
    /// Every difference, in scoring order.
    pub misses: Vec<Miss>,
}

/// The fields named on the summary line, in order.
pub const SUMMARY_FIELDS: &[&str] = &[
    "assignment.code",
    "assignment.deadlines",
    "assignment.amounts",
    "assignment.bodies",
    "budget_line",
    "calendar_entry",
    "mandate.body",
];

impl Report {
    /// Returns every figure in `score.py` order: multiset fields sorted by
    /// name, then accuracy fields sorted by name.
    pub fn figures(&self) -> Vec<(&str, Figure)> {
        let mut out = Vec::new();
        for (name, counts) in &self.counts {
            let (p, r, f1) = counts.prf();
            out.push((
                name.as_str(),
                Figure::Prf {
                    p,
                    r,
                    f1,
                    counts: *counts,
                },
            ));
        }
        for (name, &(ok, n)) in &self.accuracy {
            let acc = if n > 0 { ok as f64 / n as f64 } else { 1.0 };
            out.push((name.as_str(), Figure::Accuracy { acc, n }));
        }
        out
    }

    /// Writes the lines `score.py` prints: one per field, the documents
    /// without output, and the summary line.
    pub fn write_text<W: Write>(&self, mut out: W) -> io::Result<()> {
        for (name, figure) in self.figures() {
            match figure {
                Figure::Prf { p, r, f1, counts } => writeln!(
                    out,
                    "{name:28} P={p:.3} R={r:.3} F1={f1:.3}  (tp {} fp {} fn {})",
                    counts.tp, counts.fp, counts.fn_
                )?,
                Figure::Accuracy { acc, n } => writeln!(out, "{name:28} acc={acc:.3}  (n {n})")?,
            }
        }
        if !self.missing_docs.is_empty() {
            writeln!(out, "no output for: {}", self.missing_docs.join(", "))?;
        }
        let summary: Vec<String> = SUMMARY_FIELDS
            .iter()
            .filter_map(|k| {
                let (p, r, f1) = self.counts.get(*k)?.prf();
                let _ = (p, r);
                Some(format!("{k}={f1:.3}"))
            })
            .collect();
        writeln!(out, "summary {}", summary.join(" "))
    }

    /// Returns the `score.py --json` object, formatted as Python's
    /// `json.dumps(res, indent=1)` formats it.
    pub fn to_json(&self) -> String {
        let figures = self.figures();
        if figures.is_empty() {
            return "{}".into();
        }
        let mut out = String::from("{\n");
        for (i, (name, figure)) in figures.iter().enumerate() {
            let fields: Vec<(&str, String)> = match figure {
                Figure::Prf { p, r, f1, counts } => vec![
                    ("p", float_repr(*p)),
                    ("r", float_repr(*r)),
                    ("f1", float_repr(*f1)),
                    ("tp", counts.tp.to_string()),
                    ("fp", counts.fp.to_string()),
                    ("fn", counts.fn_.to_string()),
                ],
                Figure::Accuracy { acc, n } => {
                    vec![("acc", float_repr(*acc)), ("n", n.to_string())]
                }
            };
            out.push_str(&format!(" {}: {{\n", json_string(name)));
            let body: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("  \"{k}\": {v}"))
                .collect();
            out.push_str(&body.join(",\n"));
            out.push_str("\n }");
            out.push_str(if i + 1 < figures.len() { ",\n" } else { "\n" });
        }
        out.push('}');
        out
    }

    /// Writes the misses grouped by field, at most `limit` of them (all when
    /// `None`), one line each: field, document, code or body, and what differs.
    pub fn write_misses<W: Write>(&self, mut out: W, limit: Option<usize>) -> io::Result<()> {
        let mut misses: Vec<&Miss> = self.misses.iter().collect();
        misses.sort_by(|a, b| a.field.cmp(&b.field));
        let shown = limit.unwrap_or(misses.len()).min(misses.len());
        if misses.is_empty() {
            return writeln!(out, "misses: none");
        }
        if shown < misses.len() {
            writeln!(out, "misses: {} (first {shown} shown)", misses.len())?;
        } else {
            writeln!(out, "misses: {}", misses.len())?;
        }
        for miss in misses.iter().take(shown) {
            let what = match &miss.kind {
                MissKind::Counts { missing, extra } => {
                    let mut parts = Vec::new();
                    if !missing.is_empty() {
                        parts.push(format!("gold only [{}]", missing.join("; ")));
                    }
                    if !extra.is_empty() {
                        parts.push(format!("predicted only [{}]", extra.join("; ")));
                    }
                    parts.join("  ")
                }
                MissKind::Value { gold, predicted } => {
                    format!("gold {gold:?}  predicted {predicted:?}")
                }
            };
            let key = if miss.key.is_empty() {
                "-"
            } else {
                miss.key.as_str()
            };
            writeln!(out, "  {:26} {}  {key}  {what}", miss.field, miss.doc)?;
        }
        Ok(())
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_denominators_follow_the_reference() {
        assert_eq!(
            Counts {
                tp: 0,
                fp: 0,
                fn_: 0
            }
            .prf(),
            (1.0, 1.0, 1.0)
        );
        assert_eq!(
            Counts {
                tp: 0,
                fp: 0,
                fn_: 3
            }
            .prf(),
            (0.0, 0.0, 0.0)
        );
        assert_eq!(
            Counts {
                tp: 0,
                fp: 2,
                fn_: 0
            }
            .prf(),
            (0.0, 1.0, 0.0)
        );
        let (p, r, f) = Counts {
            tp: 3,
            fp: 1,
            fn_: 2,
        }
        .prf();
        assert_eq!((p, r), (0.75, 0.6));
        assert!((f - 2.0 / 3.0).abs() < 1e-15);
    }

    #[test]
    fn json_is_formatted_like_python_indent_1() {
        let mut report = Report::default();
        report.counts.insert(
            "budget_line".into(),
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0,
            },
        );
        report.accuracy.insert("document.year".into(), (1, 1));
        assert_eq!(
            report.to_json(),
            "{\n \"budget_line\": {\n  \"p\": 0.5,\n  \"r\": 1.0,\n  \"f1\": 0.6666666666666666,\n  \
             \"tp\": 1,\n  \"fp\": 1,\n  \"fn\": 0\n },\n \"document.year\": {\n  \"acc\": 1.0,\n  \"n\": 1\n }\n}"
        );
    }
}
