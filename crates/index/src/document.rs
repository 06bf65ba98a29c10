//! From records to index documents: what each record type contributes to each field.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use oppdrag_model::{DocumentKind, Record};
use tantivy::{DateTime, TantivyDocument};

use crate::error::{Error, Result};
use crate::schema::Fields;

/// The `type` value of the one marker document each indexed file gets.
///
/// The marker carries the file's path and hash even when the file gave no
/// records, so that an unchanged file is skipped next time.
pub(crate) const FILE_MARKER: &str = "file";

/// A record type that can be searched for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordType {
    /// `document`: one per input file, with kind, year and title.
    Document,
    /// `assignment`: a coded assignment.
    Assignment,
    /// `budget_line`: a row of an allocation table.
    BudgetLine,
    /// `calendar_entry`: a row of a steering calendar.
    CalendarEntry,
    /// `mandate`: a body given a mandate.
    Mandate,
}

impl RecordType {
    /// Every record type, in schema order.
    pub const ALL: [RecordType; 5] = [
        RecordType::Document,
        RecordType::Assignment,
        RecordType::BudgetLine,
        RecordType::CalendarEntry,
        RecordType::Mandate,
    ];

    /// The types searched when no type is asked for: the obligations, not documents.
    pub const OBLIGATIONS: [RecordType; 4] = [
        RecordType::Assignment,
        RecordType::BudgetLine,
        RecordType::CalendarEntry,
        RecordType::Mandate,
    ];

    /// Returns the name as written in a record's `type` field.
    pub fn name(self) -> &'static str {
        match self {
            RecordType::Document => "document",
            RecordType::Assignment => "assignment",
            RecordType::BudgetLine => "budget_line",
            RecordType::CalendarEntry => "calendar_entry",
            RecordType::Mandate => "mandate",
        }
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RecordType {
    type Err = Error;

    /// Parses a type name; `-` may stand for `_` (`budget-line`).
    fn from_str(s: &str) -> Result<RecordType> {
        let wanted = s.trim().to_lowercase().replace('-', "_");
        RecordType::ALL
            .into_iter()
            .find(|t| t.name() == wanted)
            .ok_or_else(|| {
                Error::Filter(format!(
                    "unknown record type '{s}' (expected one of: document, assignment, budget_line, calendar_entry, mandate)"
                ))
            })
    }
}

/// Where a file's records came from: its path and the hash of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file's path, as the index should remember it (absolute is best).
    pub path: String,
    /// The content hash (see [`content_hash`]).
    pub hash: String,
}

/// Returns the hex blake3 hash of a file's bytes, as stored in the index.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

/// Facts about the file that every record of it shares.
#[derive(Clone, Debug, Default)]
pub(crate) struct FileFacts {
    pub kind: Option<DocumentKind>,
    pub year: Option<i32>,
}

impl FileFacts {
    /// Reads kind and year from the file's `document` record, if any.
    pub fn of(records: &[Record]) -> FileFacts {
        records
            .iter()
            .find_map(|r| match r {
                Record::Document(d) => Some(FileFacts {
                    kind: Some(d.kind),
                    year: d.year,
                }),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// What one record puts in the searchable fields.
#[derive(Debug, Default)]
struct Projection {
    code: Option<String>,
    title: String,
    text: String,
    unit: Option<String>,
    responsible: Vec<String>,
    partners: Vec<String>,
    others: Vec<String>,
    due: Vec<NaiveDate>,
    amounts: Vec<f64>,
    year: Option<i32>,
}

fn project(record: &Record) -> Projection {
    match record {
        Record::Document(d) => Projection {
            title: d.title.clone().unwrap_or_default(),
            others: d.issuer.iter().chain(&d.recipient).cloned().collect(),
            year: d.year,
            ..Projection::default()
        },
        Record::Assignment(a) => Projection {
            code: Some(a.code.clone()),
            title: a.title.clone(),
            text: a.text.clone(),
            unit: a.owner_unit.clone(),
            responsible: a.responsible.clone(),
            partners: a.partners.clone(),
            due: a.deadlines.iter().filter_map(|d| d.due).collect(),
            amounts: a.amounts.iter().map(|x| x.value).collect(),
            year: code_year(&a.code),
            ..Projection::default()
        },
        Record::BudgetLine(b) => Projection {
            code: Some(match b.post {
                Some(post) => format!("kap. {} post {post:02}", b.chapter),
                None => format!("kap. {}", b.chapter),
            }),
            title: b.name.clone().unwrap_or_default(),
            text: [b.comment.as_deref(), b.table.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("\n"),
            amounts: b.amount.iter().chain(&b.frame).map(|x| x.value).collect(),
            ..Projection::default()
        },
        Record::CalendarEntry(c) => Projection {
            title: c.what.clone(),
            due: vec![c.due],
            year: Some(c.due.year()),
            ..Projection::default()
        },
        Record::Mandate(m) => Projection {
            title: m.body.clone(),
            text: m.tasks.join("\n"),
            responsible: vec![m.body.clone()],
            partners: m.members.iter().map(|x| x.body.clone()).collect(),
            others: [&m.established_by, &m.chair, &m.secretariat]
                .into_iter()
                .flatten()
                .cloned()
                .collect(),
            amounts: m.amounts.iter().map(|x| x.value).collect(),
            year: m
                .period
                .map(|p| p.from)
                .or(m.effective.map(|d| d.year()))
                .or(m.established.map(|d| d.year())),
            ..Projection::default()
        },
    }
}

/// The year in a code such as `TB2024-07`: the first run of four digits, 1900–2199.
fn code_year(code: &str) -> Option<i32> {
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                let year: i32 = code.get(start..i)?.parse().ok()?;
                return (1900..2200).contains(&year).then_some(year);
            }
        } else {
            i += 1;
        }
    }
    None
}

/// Days since 1970-01-01.
pub(crate) fn epoch_days(date: NaiveDate) -> i64 {
    date.signed_duration_since(NaiveDate::default()).num_days()
}

/// The inverse of [`epoch_days`]; `None` out of range.
pub(crate) fn from_epoch_days(days: i64) -> Option<NaiveDate> {
    NaiveDate::default().checked_add_signed(chrono::TimeDelta::try_days(days)?)
}

/// A date as a tantivy date at midnight UTC.
pub(crate) fn tantivy_date(date: NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(epoch_days(date).saturating_mul(86_400))
}

/// The date of a tantivy date (UTC), `None` out of range.
pub(crate) fn naive_date(date: DateTime) -> Option<NaiveDate> {
    from_epoch_days(date.into_timestamp_secs().div_euclid(86_400))
}

/// Builds the index document of one record.
pub(crate) fn record_document(
    fields: &Fields,
    source: &Source,
    facts: &FileFacts,
    record: &Record,
) -> Result<TantivyDocument> {
    let p = project(record);
    let json = serde_json::to_string(record).map_err(|e| Error::Serialize(e.to_string()))?;
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.record_type, record.type_name());
    if let Some(code) = &p.code {
        doc.add_text(fields.code, code);
    }
    doc.add_text(fields.title, &p.title);
    doc.add_text(fields.text, &p.text);
    doc.add_text(fields.compound, &p.title);
    doc.add_text(fields.compound, &p.text);
    doc.add_text(fields.doc, record.doc());
    if let Some(kind) = facts.kind {
        doc.add_text(fields.kind, kind_name(kind));
    }
    if let Some(year) = facts.year.or(p.year) {
        doc.add_i64(fields.year, i64::from(year));
    }
    if let Some(unit) = p.unit.as_deref().filter(|u| !u.is_empty()) {
        doc.add_text(fields.unit, unit);
    }
    let mut bodies: Vec<&str> = Vec::new();
    for name in &p.responsible {
        doc.add_text(fields.responsible, name);
        bodies.push(name);
    }
    for name in &p.partners {
        doc.add_text(fields.partner, name);
        bodies.push(name);
    }
    bodies.extend(p.others.iter().map(String::as_str));
    bodies.sort_unstable();
    bodies.dedup();
    for name in bodies.into_iter().filter(|b| !b.is_empty()) {
        doc.add_text(fields.body, name);
    }
    for due in &p.due {
        doc.add_date(fields.due, tantivy_date(*due));
    }
    let first = p.due.iter().min().map_or(i64::MAX, |d| epoch_days(*d));
    doc.add_i64(fields.first_due, first);
    for amount in p.amounts.iter().filter(|a| a.is_finite()) {
        doc.add_f64(fields.amount, *amount);
    }
    if let Some(page) = record.page() {
        doc.add_u64(fields.page, u64::from(page));
    }
    doc.add_text(fields.record, json);
    doc.add_text(fields.path, &source.path);
    doc.add_text(fields.hash, &source.hash);
    Ok(doc)
}

/// Builds the marker document of one indexed file.
pub(crate) fn file_document(fields: &Fields, source: &Source, doc_name: &str) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.record_type, FILE_MARKER);
    doc.add_text(fields.doc, doc_name);
    doc.add_i64(fields.first_due, i64::MAX);
    doc.add_text(fields.path, &source.path);
    doc.add_text(fields.hash, &source.hash);
    doc
}

/// The snake_case name of a document kind, as in the JSON output.
pub(crate) fn kind_name(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::AllocationLetter => "allocation_letter",
        DocumentKind::AssignmentDocument => "assignment_document",
        DocumentKind::Mandate => "mandate",
        DocumentKind::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_year_reads_the_four_digit_run() {
        assert_eq!(code_year("TB2024-07"), Some(2024));
        assert_eq!(code_year("TTB2022-58"), Some(2022));
        assert_eq!(code_year("OD-12"), None);
        assert_eq!(code_year("X12345"), None);
    }

    #[test]
    fn dates_round_trip_through_tantivy() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        assert_eq!(naive_date(tantivy_date(d)), Some(d));
        assert_eq!(from_epoch_days(epoch_days(d)), Some(d));
        assert_eq!(from_epoch_days(i64::MAX), None);
    }

    #[test]
    fn record_types_parse_by_name() {
        assert_eq!(
            "budget-line".parse::<RecordType>().ok(),
            Some(RecordType::BudgetLine)
        );
        assert_eq!(
            "Assignment".parse::<RecordType>().ok(),
            Some(RecordType::Assignment)
        );
        let err = "letter".parse::<RecordType>().unwrap_err().to_string();
        assert!(
            err.starts_with("invalid filter: unknown record type 'letter'"),
            "{err}"
        );
    }
}
