//! The matching of `score.py`: gold documents by file stem, assignments by
//! code, mandates by normalised body, multisets (`Counter`) per field.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::difflib::ratio;
use crate::py::{self, key, norm, norm_opt, py_str, show_key, truthy};
use crate::report::{Counts, Miss, MissKind, Report};
use crate::GoldSet;

type Object = Map<String, Value>;

/// Scores `predicted` records against `gold`, restricted to the gold stems
/// in `only` when given. Predicted records are matched to gold documents by
/// the stem of their `doc` field.
pub fn score(gold: &GoldSet, predicted: &[Value], only: Option<&BTreeSet<String>>) -> Report {
    let mut pred: HashMap<String, Vec<&Object>> = HashMap::new();
    for record in predicted.iter().filter_map(Value::as_object) {
        let doc = match record.get("doc") {
            Some(Value::String(s)) => s.as_str(),
            _ => "",
        };
        pred.entry(stem(doc)).or_default().push(record);
    }
    let mut scorer = Scorer::default();
    for (st, records) in &gold.docs {
        if only.is_some_and(|o| !o.contains(st)) {
            continue;
        }
        let gold: Vec<&Object> = records.iter().filter_map(Value::as_object).collect();
        let got = pred.get(st).cloned().unwrap_or_default();
        if got.is_empty() {
            scorer.report.missing_docs.push(st.clone());
        }
        scorer.doc = st.clone();
        scorer.document(&of("document", &gold), &of("document", &got));
        scorer.assignments(&of("assignment", &gold), &of("assignment", &got));
        let bl = |rs: &[&Object]| -> Vec<(String, String)> {
            rs.iter().map(|r| budget_key(r)).collect()
        };
        scorer.add(
            "budget_line",
            "",
            bl(&of("budget_line", &gold)),
            bl(&of("budget_line", &got)),
        );
        let cal = |rs: &[&Object]| -> Vec<(String, String)> {
            rs.iter().map(|r| keyed(r.get("due"))).collect()
        };
        scorer.add(
            "calendar_entry",
            "",
            cal(&of("calendar_entry", &gold)),
            cal(&of("calendar_entry", &got)),
        );
        scorer.mandates(&of("mandate", &gold), &of("mandate", &got));
    }
    scorer.report
}

/// The scorer's `stem`: the file name without `.jsonl`, `.pdf`, `.txt` or
/// `.md` (each stripped once, in that order), then without a left-over `.pdf`.
pub fn stem(name: &str) -> String {
    let mut base = name.rsplit('/').next().unwrap_or("").to_string();
    for ext in [".jsonl", ".pdf", ".txt", ".md"] {
        if base.to_lowercase().ends_with(ext) {
            // The extensions are ASCII, so their byte length is the same in `base`.
            let cut = base.len().saturating_sub(ext.len());
            if base.is_char_boundary(cut) {
                base.truncate(cut);
            }
        }
    }
    if base.ends_with(".pdf") {
        base.truncate(base.len() - 4);
    }
    base
}

fn of<'a>(kind: &str, records: &[&'a Object]) -> Vec<&'a Object> {
    records
        .iter()
        .filter(|r| r.get("type").and_then(Value::as_str) == Some(kind))
        .copied()
        .collect()
}

fn keyed(value: Option<&Value>) -> (String, String) {
    let k = key(value);
    let shown = show_key(&k);
    (k, shown)
}

fn str_field<'a>(record: &'a Object, name: &str) -> &'a str {
    record.get(name).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(record: &'a Object, name: &str) -> &'a [Value] {
    match record.get(name) {
        Some(Value::Array(items)) => items,
        _ => &[],
    }
}

fn dues(record: &Object) -> Vec<(String, String)> {
    list(record, "deadlines")
        .iter()
        .filter_map(Value::as_object)
        .filter(|d| match d.get("kind") {
            None => true,
            Some(kind) => kind.as_str() == Some("deadline"),
        })
        .filter(|d| truthy(d.get("due")))
        .map(|d| keyed(d.get("due")))
        .collect()
}

fn amounts(record: &Object) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for a in list(record, "amounts").iter().filter_map(Value::as_object) {
        let Some(value) = a.get("value").filter(|v| !v.is_null()) else {
            continue;
        };
        let rounded = if truthy(Some(value)) {
            py::round_value(value)
        } else {
            Some(0.0)
        };
        let Some(rounded) = rounded else { continue };
        let currency = match a.get("currency") {
            Some(c) if truthy(Some(c)) => py_str(Some(c)).to_uppercase(),
            _ => "NOK".to_string(),
        };
        let number = py::float_key(rounded);
        out.push((
            format!("{number}|{currency}"),
            format!("{} {currency}", show_key(&number)),
        ));
    }
    out
}

fn by_agreement(record: &Object) -> bool {
    list(record, "deadlines")
        .iter()
        .filter_map(Value::as_object)
        .any(|d| d.get("kind").and_then(Value::as_str) == Some("by_agreement"))
}

fn bodies(record: &Object) -> Vec<(String, String)> {
    let mut set = BTreeSet::new();
    for name in ["responsible", "partners"] {
        for body in list(record, name) {
            set.insert(keyed(Some(body)));
        }
    }
    set.into_iter().collect()
}

fn codes(record: &Object) -> Vec<(String, String)> {
    static PATTERN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let pattern = PATTERN.get_or_init(|| {
        regex::Regex::new(r"\A(?:[A-ZÆØÅ]+\d{4}-\d+[A-Z]?)\z").unwrap_or_else(|_| unreachable!())
    });
    let mut set = BTreeSet::new();
    for reference in list(record, "references").iter().filter_map(Value::as_str) {
        if pattern.is_match(&py::strip(reference).to_uppercase()) {
            let upper = reference.to_uppercase();
            set.insert((format!("S{upper}"), upper));
        }
    }
    set.into_iter().collect()
}

fn budget_key(record: &Object) -> (String, String) {
    let chapter = key(record.get("chapter"));
    let post = key(record.get("post"));
    let amount = match record.get("amount") {
        Some(Value::Object(a)) if !a.is_empty() => match a.get("value") {
            Some(v) if !v.is_null() => py::round_value(v).map(py::float_key),
            _ => None,
        },
        _ => None,
    }
    .unwrap_or_else(|| "Z".to_string());
    let shown = format!(
        "kap. {} post {} = {}",
        show_key(&chapter),
        show_key(&post),
        show_key(&amount)
    );
    (format!("{chapter}|{post}|{amount}"), shown)
}

fn by_body<'a>(records: &[&'a Object]) -> Vec<(String, &'a Object)> {
    let mut out: Vec<(String, &'a Object)> = Vec::new();
    for r in records {
        let body = norm_opt(r.get("body"));
        match out.iter_mut().find(|(b, _)| *b == body) {
            Some(slot) => slot.1 = r,
            None => out.push((body, r)),
        }
    }
    out
}

#[derive(Default)]
struct Scorer {
    report: Report,
    doc: String,
}

impl Scorer {
    fn add(
        &mut self,
        field: &str,
        key: &str,
        gold: Vec<(String, String)>,
        pred: Vec<(String, String)>,
    ) {
        let mut counts: HashMap<&str, isize> = HashMap::new();
        for (k, _) in &gold {
            *counts.entry(k).or_default() += 1;
        }
        let mut extra = Vec::new();
        for (k, shown) in &pred {
            match counts.get_mut(k.as_str()) {
                Some(n) if *n > 0 => *n -= 1,
                _ => extra.push(shown.clone()),
            }
        }
        let mut missing = Vec::new();
        let mut left = counts;
        for (k, shown) in &gold {
            if let Some(n) = left.get_mut(k.as_str()) {
                if *n > 0 {
                    *n -= 1;
                    missing.push(shown.clone());
                }
            }
        }
        // `missing` took the first unmatched ones; order does not matter for counts.
        let tp = gold.len() - missing.len();
        let entry: &mut Counts = self.report.counts.entry(field.to_string()).or_default();
        entry.tp += tp;
        entry.fp += pred.len() - tp;
        entry.fn_ += gold.len() - tp;
        if !missing.is_empty() || !extra.is_empty() {
            self.miss(field, key, MissKind::Counts { missing, extra });
        }
    }

    fn accuracy(&mut self, field: &str, key: &str, ok: bool, gold: String, pred: String) {
        let entry = self.report.accuracy.entry(field.to_string()).or_default();
        entry.1 += 1;
        if ok {
            entry.0 += 1;
        } else {
            self.miss(
                field,
                key,
                MissKind::Value {
                    gold,
                    predicted: pred,
                },
            );
        }
    }

    fn miss(&mut self, field: &str, key: &str, kind: MissKind) {
        self.report.misses.push(Miss {
            field: field.to_string(),
            doc: self.doc.clone(),
            key: key.to_string(),
            kind,
        });
    }

    fn document(&mut self, gold: &[&Object], got: &[&Object]) {
        let Some(g) = gold.first() else { return };
        for k in ["kind", "recipient", "issuer", "year"] {
            let Some(gv) = g.get(k).filter(|v| !v.is_null()) else {
                continue;
            };
            let gs = py_str(Some(gv));
            let ps = got.first().map(|p| py_str(p.get(k)));
            let ok = ps.as_deref().is_some_and(|ps| norm(ps) == norm(&gs));
            let shown = ps.unwrap_or_else(|| "(no document record)".into());
            self.accuracy(&format!("document.{k}"), "", ok, gs, shown);
        }
    }

    fn assignments(&mut self, gold: &[&Object], got: &[&Object]) {
        // Gold: the last record of a code wins, at the place of the first.
        let mut ga: Vec<(String, &Object)> = Vec::new();
        let mut gi: HashMap<String, usize> = HashMap::new();
        for r in gold {
            let code = str_field(r, "code").to_uppercase();
            match gi.get(&code) {
                Some(&i) => ga[i].1 = r,
                None => {
                    gi.insert(code.clone(), ga.len());
                    ga.push((code, r));
                }
            }
        }
        // Predicted: the first record of a code wins.
        let mut pa: Vec<(String, &Object)> = Vec::new();
        let mut pi: HashMap<String, usize> = HashMap::new();
        for r in got {
            let code = str_field(r, "code").to_uppercase();
            if !pi.contains_key(&code) {
                pi.insert(code.clone(), pa.len());
                pa.push((code, r));
            }
        }
        let code_items = |v: &[(String, &Object)]| -> Vec<(String, String)> {
            v.iter().map(|(c, _)| (c.clone(), c.clone())).collect()
        };
        self.add("assignment.code", "", code_items(&ga), code_items(&pa));
        let index: HashMap<&str, &Object> = pa.iter().map(|(c, r)| (c.as_str(), *r)).collect();
        for (code, g) in &ga {
            let Some(p) = index.get(code.as_str()) else {
                let key = format!("{code} (not found)");
                self.add("assignment.deadlines", &key, dues(g), Vec::new());
                self.add("assignment.amounts", &key, amounts(g), Vec::new());
                self.add("assignment.bodies", &key, bodies(g), Vec::new());
                self.add("assignment.references", &key, codes(g), Vec::new());
                continue;
            };
            let (gt, pt) = (norm_opt(g.get("title")), norm_opt(p.get("title")));
            let ok = ratio(&gt, &pt) >= 0.9;
            self.accuracy(
                "assignment.title",
                code,
                ok,
                str_field(g, "title").into(),
                str_field(p, "title").into(),
            );
            if g.contains_key("owner_unit") {
                let unit = |r: &Object| match r.get("owner_unit") {
                    Some(v) if truthy(Some(v)) => key(Some(v)),
                    _ => key(Some(&Value::String(String::new()))),
                };
                let (gu, pu) = (unit(g), unit(p));
                self.accuracy(
                    "assignment.owner_unit",
                    code,
                    gu == pu,
                    show_key(&gu),
                    show_key(&pu),
                );
            }
            let (gb, pb) = (by_agreement(g), by_agreement(p));
            self.accuracy(
                "assignment.by_agreement",
                code,
                gb == pb,
                gb.to_string(),
                pb.to_string(),
            );
            self.add("assignment.deadlines", code, dues(g), dues(p));
            self.add("assignment.amounts", code, amounts(g), amounts(p));
            self.add("assignment.bodies", code, bodies(g), bodies(p));
            self.add("assignment.references", code, codes(g), codes(p));
        }
    }

    fn mandates(&mut self, gold: &[&Object], got: &[&Object]) {
        let (gm, pm) = (by_body(gold), by_body(got));
        let items = |v: &[(String, &Object)]| -> Vec<(String, String)> {
            v.iter().map(|(b, _)| (b.clone(), b.clone())).collect()
        };
        self.add("mandate.body", "", items(&gm), items(&pm));
        let empty = Object::new();
        for (body, g) in &gm {
            let p = pm
                .iter()
                .find(|(b, _)| b == body)
                .map_or(&empty, |(_, r)| *r);
            for k in [
                "chair",
                "secretariat",
                "meetings_per_year",
                "term_years",
                "established_by",
                "established",
                "effective",
            ] {
                let Some(gv) = g.get(k).filter(|v| !v.is_null()) else {
                    continue;
                };
                let (gs, ps) = (py_str(Some(gv)), py_str(p.get(k)));
                let ok = norm(&ps) == norm(&gs);
                self.accuracy(&format!("mandate.{k}"), body, ok, gs, ps);
            }
            let members = |r: &Object| -> Vec<(String, String)> {
                list(r, "members")
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|m| {
                        let b = norm_opt(m.get("body"));
                        (b.clone(), b)
                    })
                    .collect()
            };
            self.add("mandate.members", body, members(g), members(p));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems_strip_known_extensions() {
        assert_eq!(stem("dir/000_ab.txt"), "000_ab");
        assert_eq!(stem("000_ab.PDF"), "000_ab");
        assert_eq!(stem("000_ab.pdf.txt"), "000_ab");
        assert_eq!(stem("000_ab.md.jsonl"), "000_ab");
        assert_eq!(stem("x.docx"), "x.docx");
        assert_eq!(stem(""), "");
    }
}
