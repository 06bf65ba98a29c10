//! Rules for allocation tables and steering calendars (`rules/tables.toml`).
//!
//! The file has two tables: `[budget]` (the column header that opens a
//! kap./post table, column labels, scale notes such as "Alle tall i hele
//! tusen" and unit words such as "mill. kroner") and `[calendar]` (the heading
//! that opens a steering calendar and the bullet marks inside its rows).

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::{Error, Needles};

/// The rule file's name inside a rules directory.
pub const FILE: &str = "tables.toml";

/// The bundled copy of `rules/tables.toml`.
pub const BUNDLED: &str = include_str!("../../../rules/tables.toml");

/// A pattern with the factor it multiplies numbers by.
#[derive(Debug, Clone)]
pub struct Scale {
    /// Where the scale or unit is stated.
    pub pattern: Regex,
    /// What a bare number is multiplied by.
    pub factor: f64,
}

/// Compiled rules for allocation tables.
#[derive(Debug, Clone)]
pub struct BudgetRules {
    /// Matches the column header line that opens a table.
    pub header: Regex,
    /// Words a `header` line cannot match without ([`Needles`]).
    pub header_needles: Option<Needles>,
    /// Lines above and below the header searched for a scale note.
    pub scale_window: usize,
    /// Labels of the allocated-amount column.
    pub amount_columns: Vec<Regex>,
    /// Labels of a second amount column ("Samlet ramme").
    pub frame_columns: Vec<Regex>,
    /// Labels of the comment column.
    pub comment_columns: Vec<Regex>,
    /// Sum rows, which close the row above and give no record.
    pub total_row: Option<Regex>,
    /// Scale notes ("Alle tall i hele tusen" → 1000).
    pub scales: Vec<Scale>,
    /// Unit words after a number, anchored at the start ("mill. kroner").
    pub units: Vec<Scale>,
}

/// Compiled rules for steering calendars.
#[derive(Debug, Clone)]
pub struct CalendarRules {
    /// Matches the heading or label that opens a calendar.
    pub heading: Regex,
    /// `heading` anchored at the start of the text: matches exactly when
    /// `heading` has a match that starts at byte 0.
    pub heading_start: Regex,
    /// Words a `heading` cannot match without ([`Needles`]).
    pub heading_needles: Option<Needles>,
    /// Words that may stand before a row's date ("Innen", "Fredag").
    pub row_lead: Vec<String>,
    /// Whether a row may start with a month alone (due: the month's last day).
    pub month_rows: bool,
    /// Bullet marks that start an item inside a row.
    pub bullets: Vec<String>,
    /// Lines a calendar may run without a dated row before it ends.
    pub max_gap: usize,
    /// Rows opened by a label that is no date ("Uke 12", "Løpende"): they end
    /// the row above and give no record.
    pub undated_row: Option<Regex>,
}

/// Compiled rules for allocation tables and steering calendars.
#[derive(Debug, Clone)]
pub struct TableRules {
    /// Allocation table rules.
    pub budget: BudgetRules,
    /// Steering calendar rules.
    pub calendar: CalendarRules,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    budget: RawBudget,
    calendar: RawCalendar,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    header: String,
    #[serde(default = "default_window")]
    scale_window: usize,
    #[serde(default)]
    amount_columns: Vec<String>,
    #[serde(default)]
    frame_columns: Vec<String>,
    #[serde(default)]
    comment_columns: Vec<String>,
    #[serde(default)]
    total_row: Option<String>,
    #[serde(default)]
    scale: Vec<RawScale>,
    #[serde(default)]
    unit: Vec<RawScale>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    pattern: String,
    factor: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCalendar {
    heading: String,
    #[serde(default)]
    row_lead: Vec<String>,
    #[serde(default)]
    month_rows: bool,
    #[serde(default)]
    bullets: Vec<String>,
    #[serde(default = "default_gap")]
    max_gap: usize,
    #[serde(default)]
    undated_row: Option<String>,
}

fn default_window() -> usize {
    6
}

fn default_gap() -> usize {
    40
}

fn compile(file: &str, rule: &str, pattern: &str) -> Result<Regex, Error> {
    Regex::new(pattern).map_err(|e| {
        Error(format!(
            "{file}: rule {rule}: invalid pattern {pattern:?}: {e}"
        ))
    })
}

fn compile_all(file: &str, rule: &str, patterns: &[String]) -> Result<Vec<Regex>, Error> {
    patterns
        .iter()
        .enumerate()
        .map(|(i, p)| compile(file, &format!("{rule}[{i}]"), p))
        .collect()
}

fn scales(file: &str, rule: &str, raw: &[RawScale]) -> Result<Vec<Scale>, Error> {
    raw.iter()
        .enumerate()
        .map(|(i, s)| {
            if !(s.factor.is_finite() && s.factor > 0.0) {
                return Err(Error(format!(
                    "{file}: rule {rule}[{i}]: factor must be a positive number, got {}",
                    s.factor
                )));
            }
            Ok(Scale {
                pattern: compile(file, &format!("{rule}[{i}].pattern"), &s.pattern)?,
                factor: s.factor,
            })
        })
        .collect()
}

impl TableRules {
    /// Loads `tables.toml` from `dir`; the bundled rules when the file is absent.
    pub fn load(dir: &Path) -> Result<TableRules, Error> {
        let path = dir.join(FILE);
        if !path.exists() {
            return TableRules::parse(BUNDLED, FILE);
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error(format!("{}: cannot read: {e}", path.display())))?;
        TableRules::parse(&text, &path.display().to_string())
    }

    /// Parses and compiles the text of a `tables.toml`; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<TableRules, Error> {
        let raw: RawFile =
            toml::from_str(text).map_err(|e| Error(format!("{file}: {}", e.message())))?;
        let b = raw.budget;
        let c = raw.calendar;
        Ok(TableRules {
            budget: BudgetRules {
                header: compile(file, "budget.header", &b.header)?,
                header_needles: Needles::of(&b.header),
                scale_window: b.scale_window,
                amount_columns: compile_all(file, "budget.amount_columns", &b.amount_columns)?,
                frame_columns: compile_all(file, "budget.frame_columns", &b.frame_columns)?,
                comment_columns: compile_all(file, "budget.comment_columns", &b.comment_columns)?,
                total_row: b
                    .total_row
                    .as_deref()
                    .map(|p| compile(file, "budget.total_row", p))
                    .transpose()?,
                scales: scales(file, "budget.scale", &b.scale)?,
                units: scales(file, "budget.unit", &b.unit)?,
            },
            calendar: CalendarRules {
                heading: compile(file, "calendar.heading", &c.heading)?,
                heading_start: compile(file, "calendar.heading", &format!("^(?:{})", c.heading))?,
                heading_needles: Needles::of(&c.heading),
                row_lead: c.row_lead.iter().map(|w| w.to_lowercase()).collect(),
                month_rows: c.month_rows,
                bullets: c
                    .bullets
                    .into_iter()
                    .filter(|b| !b.trim().is_empty())
                    .collect(),
                max_gap: c.max_gap,
                undated_row: c
                    .undated_row
                    .as_deref()
                    .map(|p| compile(file, "calendar.undated_row", p))
                    .transpose()?,
            },
        })
    }
}

impl Default for TableRules {
    /// Returns the bundled rules.
    fn default() -> TableRules {
        // The bundled file is checked by `bundled_rules_compile` below.
        TableRules::parse(BUNDLED, FILE).expect("bundled rules/tables.toml compiles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_compile() {
        let rules = TableRules::parse(BUNDLED, FILE).unwrap();
        assert!(rules
            .budget
            .header
            .is_match("Kap. Post Navn på post Tildeling"));
        assert!(!rules
            .budget
            .header
            .is_match("Kap. 500, post 21 Spesielle driftsutgifter"));
        assert!(rules.budget.scales[0]
            .pattern
            .is_match("Alle tall i hele tusen"));
        assert!(rules.calendar.heading.is_match("6.2 Styringskalender"));
        assert!(rules
            .calendar
            .heading_start
            .is_match("Styringskalender 2026"));
        assert!(!rules.calendar.heading_start.is_match("Se styringskalender"));
        let undated = rules.calendar.undated_row.as_ref().unwrap();
        assert!(undated.is_match("Uke 12   Etatsstyringsmøte"));
        assert!(!undated.is_match("15. mars  Årsrapport"));
        let kroner = rules
            .budget
            .scales
            .iter()
            .find(|s| s.factor == 1.0)
            .unwrap();
        assert!(kroner.pattern.is_match("Tildeling (kr)"));
        assert!(kroner.pattern.is_match("Beløp i kroner"));
        assert!(!kroner.pattern.is_match("Beløp i 1000 kroner"));
    }

    #[test]
    fn a_broken_rule_names_file_and_rule() {
        let text = BUNDLED.replace(r"header = '(?i)^\s*kap", r"header = '(?i)^\s*(kap");
        let err = TableRules::parse(&text, "x/tables.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("x/tables.toml: rule budget.header: invalid pattern"),
            "{err}"
        );
        let err = TableRules::parse("[budget]\n", "t.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.toml"), "{err}");
    }
}
