//! Records: the output contract of `oppdrag extract --format jsonl`.
//!
//! Every record carries `doc` (file name), `page` (1-based page where it
//! starts, `None` for text input) and `line` (1-based source line for text
//! input, line index on the page for PDF input, when known).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One output line: a record of one of the five types, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// The first record of every input file.
    Document(DocumentRecord),
    /// One coded assignment (oppdrag).
    Assignment(Assignment),
    /// One row of an allocation table (kap./post).
    BudgetLine(BudgetLine),
    /// One row of a steering or reporting calendar.
    CalendarEntry(CalendarEntry),
    /// One mandate: a body given a mandate.
    Mandate(Mandate),
}

impl Record {
    /// Returns the record type as written in the `type` field.
    pub fn type_name(&self) -> &'static str {
        match self {
            Record::Document(_) => "document",
            Record::Assignment(_) => "assignment",
            Record::BudgetLine(_) => "budget_line",
            Record::CalendarEntry(_) => "calendar_entry",
            Record::Mandate(_) => "mandate",
        }
    }

    /// Returns the input file name the record came from.
    pub fn doc(&self) -> &str {
        match self {
            Record::Document(r) => &r.doc,
            Record::Assignment(r) => &r.doc,
            Record::BudgetLine(r) => &r.doc,
            Record::CalendarEntry(r) => &r.doc,
            Record::Mandate(r) => &r.doc,
        }
    }

    /// Returns the 1-based page where the record starts, if known.
    pub fn page(&self) -> Option<u32> {
        match self {
            Record::Document(r) => r.page,
            Record::Assignment(r) => r.page,
            Record::BudgetLine(r) => r.page,
            Record::CalendarEntry(r) => r.page,
            Record::Mandate(r) => r.page,
        }
    }
}

/// What kind of steering document an input is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Tildelingsbrev, including supplerende tildelingsbrev.
    AllocationLetter,
    /// Oppdragsdokument.
    AssignmentDocument,
    /// A mandate for a council, group, project or initiative.
    Mandate,
    /// Anything else.
    #[default]
    Other,
}

/// The `document` record: one per input file, written first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Input file name without directories.
    pub doc: String,
    /// Always `None` for the document record of text input; 1 for PDF input.
    pub page: Option<u32>,
    /// What kind of document this is.
    pub kind: DocumentKind,
    /// Canonical name of the sender, if found.
    pub issuer: Option<String>,
    /// Canonical name of the addressee, if found.
    pub recipient: Option<String>,
    /// Budget or validity year.
    pub year: Option<i32>,
    /// Document title as printed.
    pub title: Option<String>,
    /// Page count; `None` for text input.
    pub pages: Option<u32>,
    /// 1-based source line where the document's title or first text stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// The `assignment` record: one coded assignment with its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    /// Input file name without directories.
    pub doc: String,
    /// 1-based page where the assignment's code line stands.
    pub page: Option<u32>,
    /// Normalised code, upper case, e.g. `TB2024-07`.
    pub code: String,
    /// Heading text after the code and owner unit, whitespace-normalised.
    pub title: String,
    /// Ministry unit tag after `Avd.HOD:` (e.g. `FHA`), as printed.
    pub owner_unit: Option<String>,
    /// Heading path, outermost first.
    #[serde(default)]
    pub section: Vec<String>,
    /// Canonical names of the bodies that must do the work.
    #[serde(default)]
    pub responsible: Vec<String>,
    /// Canonical names of collaborating or involved bodies.
    #[serde(default)]
    pub partners: Vec<String>,
    /// Deadlines, in text order.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Sums of money named in the text, in text order.
    #[serde(default)]
    pub amounts: Vec<Amount>,
    /// Other assignment codes and documents referred to.
    #[serde(default)]
    pub references: Vec<String>,
    /// The whole assignment text, de-hyphenated, one space between words.
    #[serde(default)]
    pub text: String,
    /// 1-based source line of the code line (text input) or line index on the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// How exactly a deadline's `due` date is given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// A day: "15. september 2024".
    Day,
    /// A month: "i januar 2024"; `due` is the month's last day.
    Month,
    /// A quarter: "i løpet av 2. kvartal"; `due` is the quarter's last day.
    Quarter,
    /// A half year: "første halvår 2024"; `due` is the half's last day.
    HalfYear,
    /// A year: "innen utgangen av 2024"; `due` is 31 December.
    Year,
    /// No date is given.
    #[default]
    None,
}

/// What sort of deadline a phrase states.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A fixed due date.
    #[default]
    Deadline,
    /// To be agreed: "avklares i dialog", "etter avtale".
    ByAgreement,
    /// Repeats: "årlig", "hvert kvartal"; `due` is the first occurrence.
    Recurring,
}

/// A deadline found in an assignment.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The last day that meets the deadline; `None` when no date is given.
    pub due: Option<NaiveDate>,
    /// How exactly `due` is given.
    pub precision: Precision,
    /// Fixed, by agreement or recurring.
    pub kind: DeadlineKind,
    /// Sub-assignment labels the deadline applies to (`["b", "c"]`); empty
    /// for the whole assignment.
    #[serde(default)]
    pub part: Vec<String>,
    /// The source text of the deadline phrase.
    pub raw: String,
}

/// An ISO 4217 currency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    /// Norwegian kroner.
    #[default]
    #[serde(rename = "NOK")]
    Nok,
    /// Euro.
    #[serde(rename = "EUR")]
    Eur,
}

impl Currency {
    /// Returns the ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::Nok => "NOK",
            Currency::Eur => "EUR",
        }
    }
}

/// A sum of money.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The value in `currency`, fully expanded (`12,5 mill. kroner` is 12 500 000).
    pub value: f64,
    /// The stated currency.
    pub currency: Currency,
    /// The source text.
    pub raw: String,
}

impl Amount {
    /// Creates an amount.
    pub fn new(value: f64, currency: Currency, raw: impl Into<String>) -> Amount {
        Amount {
            value,
            currency,
            raw: raw.into(),
        }
    }
}

/// The `budget_line` record: one row of an allocation table.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetLine {
    /// Input file name without directories.
    pub doc: String,
    /// 1-based page of the row.
    pub page: Option<u32>,
    /// Budget chapter (kap.).
    pub chapter: u32,
    /// Budget post; `None` for a chapter row that carries an amount.
    pub post: Option<u32>,
    /// Post name as printed.
    pub name: Option<String>,
    /// The allocated amount in NOK, expanded; `None` where the row has none.
    pub amount: Option<Amount>,
    /// The comment column text.
    pub comment: Option<String>,
    /// Heading of the table the row belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// A second amount column (e.g. "Samlet ramme"), where the table has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frame: Option<Amount>,
    /// 1-based source line of the row (text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// The `calendar_entry` record: one dated row of a steering calendar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarEntry {
    /// Input file name without directories.
    pub doc: String,
    /// 1-based page of the row.
    pub page: Option<u32>,
    /// The row's date.
    pub due: NaiveDate,
    /// The row's text; several bullets are joined with " • ".
    pub what: String,
    /// 1-based source line of the row (text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// A period in whole years, both ends included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First year.
    pub from: i32,
    /// Last year.
    pub to: i32,
}

/// A member body of a mandated council or group.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Canonical body name.
    pub body: String,
    /// Number of seats, if stated.
    pub count: Option<u32>,
}

/// The `mandate` record: one body given a mandate.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Mandate {
    /// Input file name without directories.
    pub doc: String,
    /// 1-based page where the mandate starts.
    pub page: Option<u32>,
    /// Canonical name of the body the mandate is for.
    pub body: String,
    /// Body that sets the mandate.
    pub established_by: Option<String>,
    /// Date the mandate was set.
    pub established: Option<NaiveDate>,
    /// Date the mandate takes effect.
    pub effective: Option<NaiveDate>,
    /// Years the mandate covers.
    pub period: Option<Period>,
    /// Task sentences.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Member bodies with seat counts.
    #[serde(default)]
    pub members: Vec<Member>,
    /// Canonical name of the chairing body.
    pub chair: Option<String>,
    /// Canonical name of the secretariat.
    pub secretariat: Option<String>,
    /// Meetings a year (written as an integer when whole).
    #[serde(serialize_with = "whole_as_integer")]
    pub meetings_per_year: Option<f64>,
    /// Term of office in years (written as an integer when whole).
    #[serde(serialize_with = "whole_as_integer")]
    pub term_years: Option<f64>,
    /// Sums of money in the mandate's running text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amounts: Vec<Amount>,
    /// 1-based source line where the mandate starts (text input).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
}

/// Writes a whole number as an integer (`4`, not `4.0`), as SCHEMA.md's
/// examples and the gold files do; other numbers as they are.
fn whole_as_integer<S: serde::Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_some(&(*v as i64)),
        Some(v) => s.serialize_some(v),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assignment_round_trips_with_type_tag_first() {
        let record = Record::Assignment(Assignment {
            doc: "a.txt".into(),
            code: "TB2024-07".into(),
            title: "Oppfølging".into(),
            deadlines: vec![Deadline {
                due: NaiveDate::from_ymd_opt(2024, 6, 30),
                precision: Precision::HalfYear,
                kind: DeadlineKind::Deadline,
                part: vec!["b".into()],
                raw: "første halvår 2024".into(),
            }],
            ..Assignment::default()
        });
        let json = serde_json::to_string(&record).unwrap();
        assert!(
            json.starts_with(r#"{"type":"assignment","doc":"a.txt","page":null"#),
            "{json}"
        );
        assert!(
            json.contains(r#""due":"2024-06-30","precision":"half_year""#),
            "{json}"
        );
        let back: Record = serde_json::from_str(&json).unwrap();
        assert_eq!(back, record);
    }

    #[test]
    fn whole_mandate_numbers_are_written_as_integers() {
        let m = Mandate {
            meetings_per_year: Some(4.0),
            term_years: Some(1.5),
            ..Mandate::default()
        };
        let json = serde_json::to_string(&m).unwrap();
        assert!(
            json.contains(r#""meetings_per_year":4,"term_years":1.5"#),
            "{json}"
        );
    }

    #[test]
    fn gold_style_lines_with_extra_fields_parse() {
        let line = r#"{"type": "calendar_entry", "doc": "x.txt", "page": null, "due": "2024-01-31", "what": "Regnskap", "line": 3229, "extra": 1}"#;
        let record: Record = serde_json::from_str(line).unwrap();
        assert_eq!(record.type_name(), "calendar_entry");
        assert_eq!(record.doc(), "x.txt");
        assert_eq!(record.page(), None);
    }
}
