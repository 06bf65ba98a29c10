//! Compares two record sets (two letters, or two years of letters):
//! assignments new, continued, changed and dropped, and budget lines whose
//! amounts changed.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use oppdrag_model::{Assignment, BudgetLine, Record};
use serde::Serialize;

use crate::table::{self, Cell};
use crate::xlsx::{write_workbook, SheetData};
use crate::{Error, JsonlBuilder, Lang};

/// What happened to an assignment between the old and the new set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Only in the new set.
    New,
    /// In both, with the same deadlines, amounts and bodies.
    Continued,
    /// In both, with different deadlines, amounts or bodies.
    Changed,
    /// Only in the old set.
    Dropped,
}

impl Status {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::New => lang.pick("ny", "new"),
            Status::Continued => lang.pick("videreført", "continued"),
            Status::Changed => lang.pick("endret", "changed"),
            Status::Dropped => lang.pick("utgått", "dropped"),
        }
    }
}

/// How a new assignment was paired with an old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    /// Both carry the same code.
    SameCode,
    /// The new assignment refers to the old code ("viser til TB2023-01").
    Reference,
    /// Both carry the same title (after normalising case and spacing).
    SameTitle,
}

/// One field that differs between a paired old and new assignment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// `deadlines`, `amounts`, `responsible` or `partners`.
    pub field: &'static str,
    /// The old value, as text.
    pub old: String,
    /// The new value, as text.
    pub new: String,
}

/// One assignment's fate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssignmentChange {
    /// Always `assignment_change` (the JSONL record type).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// New, continued, changed or dropped.
    pub status: Status,
    /// The new code (the old one for dropped assignments).
    pub code: String,
    /// The old code of a paired assignment.
    pub old_code: Option<String>,
    /// How the pair was found.
    pub link: Option<Link>,
    /// The new title (the old one for dropped assignments).
    pub title: String,
    /// The document of the new assignment (of the old one when dropped).
    pub doc: String,
    /// The page there.
    pub page: Option<u32>,
    /// Differences of a changed assignment.
    pub changes: Vec<FieldChange>,
}

/// One budget line whose amount differs, or that is only on one side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BudgetChange {
    /// Always `budget_change` (the JSONL record type).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// New (only in the new set), changed or dropped.
    pub status: Status,
    /// Budget chapter.
    pub chapter: u32,
    /// Budget post.
    pub post: Option<u32>,
    /// Post name (new side first).
    pub name: Option<String>,
    /// Old amount in NOK.
    pub old: Option<f64>,
    /// New amount in NOK.
    pub new: Option<f64>,
    /// New minus old, where both are known.
    pub difference: Option<f64>,
}

/// The comparison of two record sets.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Diff {
    /// Assignments: new and paired ones in new-set order, then dropped ones.
    pub assignments: Vec<AssignmentChange>,
    /// Budget lines that changed, appeared or disappeared.
    pub budget: Vec<BudgetChange>,
}

/// Compares the `old` and `new` record sets.
pub fn compare(old: &[Record], new: &[Record]) -> Diff {
    let old_a: Vec<&Assignment> = assignments(old);
    let new_a: Vec<&Assignment> = assignments(new);
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for (i, a) in old_a.iter().enumerate() {
        by_code.entry(a.code.to_uppercase()).or_insert(i);
        by_title.entry(title_key(&a.title)).or_insert(i);
    }
    let mut used = vec![false; old_a.len()];
    let mut out = Diff::default();
    for n in &new_a {
        let same = by_code
            .get(&n.code.to_uppercase())
            .copied()
            .filter(|&i| !used[i]);
        let pair = same.map(|i| (i, Link::SameCode)).or_else(|| {
            n.references
                .iter()
                .filter_map(|r| by_code.get(&r.trim().to_uppercase()).copied())
                .find(|&i| !used[i])
                .map(|i| (i, Link::Reference))
                .or_else(|| {
                    let key = title_key(&n.title);
                    by_title
                        .get(&key)
                        .copied()
                        .filter(|&i| !used[i] && !key.is_empty())
                        .map(|i| (i, Link::SameTitle))
                })
        });
        let change = match pair {
            Some((i, link)) => {
                used[i] = true;
                let o = old_a[i];
                let changes = field_changes(o, n);
                AssignmentChange {
                    status: if changes.is_empty() {
                        Status::Continued
                    } else {
                        Status::Changed
                    },
                    old_code: Some(o.code.clone()),
                    link: Some(link),
                    changes,
                    ..change_of(n, Status::New)
                }
            }
            None => change_of(n, Status::New),
        };
        out.assignments.push(change);
    }
    for (i, o) in old_a.iter().enumerate() {
        if !used[i] {
            out.assignments.push(change_of(o, Status::Dropped));
        }
    }
    out.budget = budget_changes(old, new);
    out
}

fn assignments(records: &[Record]) -> Vec<&Assignment> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Assignment(a) => Some(a),
            _ => None,
        })
        .collect()
}

fn title_key(title: &str) -> String {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn change_of(a: &Assignment, status: Status) -> AssignmentChange {
    AssignmentChange {
        kind: "assignment_change",
        status,
        code: a.code.clone(),
        old_code: None,
        link: None,
        title: a.title.clone(),
        doc: a.doc.clone(),
        page: a.page,
        changes: Vec::new(),
    }
}

fn field_changes(o: &Assignment, n: &Assignment) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let deadlines = |a: &Assignment| -> Vec<String> {
        let set: BTreeSet<String> = a
            .deadlines
            .iter()
            .map(|d| {
                let mut s = d.due.map_or_else(
                    || table::kind_label(d.kind, Lang::En).to_string(),
                    |x| x.to_string(),
                );
                if !d.part.is_empty() {
                    s.push_str(&format!(" ({})", d.part.join(", ")));
                }
                s
            })
            .collect();
        set.into_iter().collect()
    };
    let amounts = |a: &Assignment| -> Vec<String> {
        let mut v: Vec<String> = a
            .amounts
            .iter()
            .map(|x| format!("{} {}", table::number_text(x.value, '.'), x.currency.code()))
            .collect();
        v.sort();
        v
    };
    let bodies = |v: &[String]| -> Vec<String> {
        v.iter()
            .cloned()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    let fields: [(&'static str, Vec<String>, Vec<String>); 4] = [
        ("deadlines", deadlines(o), deadlines(n)),
        ("amounts", amounts(o), amounts(n)),
        (
            "responsible",
            bodies(&o.responsible),
            bodies(&n.responsible),
        ),
        ("partners", bodies(&o.partners), bodies(&n.partners)),
    ];
    for (field, old, new) in fields {
        if old != new {
            out.push(FieldChange {
                field,
                old: old.join("; "),
                new: new.join("; "),
            });
        }
    }
    out
}

/// Chapter, post and the occurrence of that pair within its set.
type BudgetKey = (u32, Option<u32>, usize);

fn budget_changes(old: &[Record], new: &[Record]) -> Vec<BudgetChange> {
    let lines = |records: &[Record]| -> Vec<(BudgetKey, BudgetLine)> {
        let mut seen: HashMap<(u32, Option<u32>), usize> = HashMap::new();
        let mut out = Vec::new();
        for r in records {
            if let Record::BudgetLine(b) = r {
                let n = seen.entry((b.chapter, b.post)).or_insert(0);
                out.push(((b.chapter, b.post, *n), b.clone()));
                *n += 1;
            }
        }
        out
    };
    let old_lines = lines(old);
    let new_lines = lines(new);
    let old_map: HashMap<_, &BudgetLine> = old_lines.iter().map(|(k, b)| (*k, b)).collect();
    let new_keys: BTreeSet<_> = new_lines.iter().map(|(k, _)| *k).collect();
    let value = |b: &BudgetLine| b.amount.as_ref().map(|a| a.value);
    let mut out = Vec::new();
    for (key, n) in &new_lines {
        let change = |status, old: Option<f64>| BudgetChange {
            kind: "budget_change",
            status,
            chapter: n.chapter,
            post: n.post,
            name: n.name.clone(),
            old,
            new: value(n),
            difference: old.zip(value(n)).map(|(o, v)| v - o),
        };
        match old_map.get(key) {
            None => out.push(change(Status::New, None)),
            Some(o) if value(o) != value(n) => {
                let mut c = change(Status::Changed, value(o));
                c.name = n.name.clone().or_else(|| o.name.clone());
                out.push(c);
            }
            Some(_) => {}
        }
    }
    for (key, o) in &old_lines {
        if !new_keys.contains(key) {
            out.push(BudgetChange {
                kind: "budget_change",
                status: Status::Dropped,
                chapter: o.chapter,
                post: o.post,
                name: o.name.clone(),
                old: value(o),
                new: None,
                difference: None,
            });
        }
    }
    out
}

impl Diff {
    /// Counts assignments per status: new, continued, changed, dropped.
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for a in &self.assignments {
            n[a.status as usize] += 1;
        }
        n
    }

    /// Writes a plain-text table for a terminal.
    pub fn write_table<W: Write>(&self, mut w: W, lang: Lang) -> Result<(), Error> {
        let [new, continued, changed, dropped] = self.counts();
        writeln!(
            w,
            "{}: {new} {}, {continued} {}, {changed} {}, {dropped} {}",
            lang.pick("Oppdrag", "Assignments"),
            Status::New.label(lang),
            Status::Continued.label(lang),
            Status::Changed.label(lang),
            Status::Dropped.label(lang),
        )?;
        for a in &self.assignments {
            let from = match (&a.old_code, a.link) {
                (Some(old), Some(Link::Reference)) => {
                    format!(" <- {old} ({})", lang.pick("viser til", "refers to"))
                }
                (Some(old), Some(Link::SameTitle)) => {
                    format!(" <- {old} ({})", lang.pick("samme tittel", "same title"))
                }
                (Some(old), _) if *old != a.code => format!(" <- {old}"),
                _ => String::new(),
            };
            writeln!(
                w,
                "{:11} {}{from}  {}",
                a.status.label(lang),
                a.code,
                a.title
            )?;
            for c in &a.changes {
                writeln!(
                    w,
                    "{:13}{}: {} -> {}",
                    "",
                    c.field,
                    dash(&c.old),
                    dash(&c.new)
                )?;
            }
        }
        if !self.budget.is_empty() {
            writeln!(
                w,
                "{}: {}",
                lang.pick("Budsjettlinjer", "Budget lines"),
                self.budget.len()
            )?;
        }
        for b in &self.budget {
            let post = b.post.map_or_else(String::new, |p| format!(" post {p}"));
            let diff = b.difference.map_or_else(String::new, |d| {
                let sign = if d >= 0.0 { "+" } else { "" };
                format!("  ({sign}{})", table::number_text(d, '.'))
            });
            writeln!(
                w,
                "{:11} kap. {}{post}  {} -> {}{diff}  {}",
                b.status.label(lang),
                b.chapter,
                amount(b.old),
                amount(b.new),
                b.name.as_deref().unwrap_or("")
            )?;
        }
        w.flush()?;
        Ok(())
    }

    /// Writes one JSON object per assignment change and budget change.
    pub fn write_jsonl<W: Write>(&self, w: W) -> Result<(), Error> {
        let mut out = JsonlBuilder::new().build(w);
        for a in &self.assignments {
            out.write_value(a)?;
        }
        for b in &self.budget {
            out.write_value(b)?;
        }
        out.finish()?;
        Ok(())
    }

    /// Writes a workbook with a sheet of assignment changes and one of budget changes.
    pub fn write_xlsx<W: Write>(&self, w: W, lang: Lang) -> Result<(), Error> {
        let rows: Vec<Vec<Cell>> = self
            .assignments
            .iter()
            .map(|a| {
                let changes: Vec<String> = a
                    .changes
                    .iter()
                    .map(|c| format!("{}: {} -> {}", c.field, dash(&c.old), dash(&c.new)))
                    .collect();
                vec![
                    text(a.status.label(lang)),
                    text(&a.code),
                    a.old_code.as_deref().map_or(Cell::Empty, text),
                    text(&a.title),
                    text(changes.join("\n")),
                    text(&a.doc),
                    a.page.map_or(Cell::Empty, |p| Cell::Number(f64::from(p))),
                ]
            })
            .collect();
        let budget: Vec<Vec<Cell>> = self
            .budget
            .iter()
            .map(|b| {
                let num = |x: Option<f64>| x.map_or(Cell::Empty, Cell::Number);
                vec![
                    text(b.status.label(lang)),
                    Cell::Number(f64::from(b.chapter)),
                    num(b.post.map(f64::from)),
                    b.name.as_deref().map_or(Cell::Empty, text),
                    num(b.old),
                    num(b.new),
                    num(b.difference),
                ]
            })
            .collect();
        let sheets = [
            SheetData {
                name: lang.pick("Oppdrag", "Assignments"),
                headings: vec![
                    lang.pick("Endring", "Status"),
                    lang.pick("Kode", "Code"),
                    lang.pick("Tidligere kode", "Old code"),
                    lang.pick("Tittel", "Title"),
                    lang.pick("Endringer", "Changes"),
                    lang.pick("Dokument", "Document"),
                    lang.pick("Side", "Page"),
                ],
                rows: &rows,
            },
            SheetData {
                name: lang.pick("Budsjett", "Budget"),
                headings: vec![
                    lang.pick("Endring", "Status"),
                    lang.pick("Kapittel", "Chapter"),
                    lang.pick("Post", "Post"),
                    lang.pick("Navn", "Name"),
                    lang.pick("Før", "Old"),
                    lang.pick("Nå", "New"),
                    lang.pick("Differanse", "Difference"),
                ],
                rows: &budget,
            },
        ];
        write_workbook(&sheets, lang, w)
    }
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn amount(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| table::number_text(v, '.'))
}
