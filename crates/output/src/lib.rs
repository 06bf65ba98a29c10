//! Output sinks for oppdrag records: JSONL, CSV, xlsx and iCalendar, plus
//! the comparison of two record sets.
//!
//! # Brief overview
//!
//! Each format is a type built by a builder and writing to any
//! [`std::io::Write`], in the style of grep's printers:
//!
//! * [`JsonlBuilder`] → [`Jsonl`]: one JSON record per line, or one JSON array.
//! * [`CsvBuilder`] → [`Csv`]: one row per assignment; RFC 4180 with commas,
//!   or (`excel`) semicolons, a UTF-8 byte order mark and decimal commas for a
//!   spreadsheet set to Norwegian.
//! * [`XlsxBuilder`] → [`Xlsx`]: a workbook with a sheet "Oppdrag" (one row
//!   per assignment, dates as date cells, amounts as number cells) and a sheet
//!   per other record type; header rows frozen, autofilter on, columns sized.
//! * [`IcsBuilder`] → [`Ics`]: an RFC 5545 calendar, one all-day event per
//!   dated deadline and calendar entry, with stable UIDs.
//! * [`diff::compare`] sets two record sets side by side: assignments new,
//!   continued, changed and dropped, and budget lines whose amounts changed;
//!   [`diff::Diff`] writes itself as a table, JSONL or a workbook.
//!
//! Headings and labels are Norwegian by default; [`Lang::En`] gives English.
//!
//! # Example
//!
//! ```
//! use oppdrag_model::{Assignment, Record};
//! use oppdrag_output::CsvBuilder;
//!
//! let record = Record::Assignment(Assignment {
//!     doc: "brev.pdf".into(),
//!     code: "TB2024-07".into(),
//!     title: "Oppfølging av strategien".into(),
//!     ..Assignment::default()
//! });
//! let mut out = Vec::new();
//! let mut csv = CsvBuilder::new().build(&mut out);
//! csv.write(&record)?;
//! csv.finish()?;
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.lines().nth(1).unwrap().starts_with("brev.pdf,,TB2024-07,Oppfølging av strategien,"));
//! # Ok::<(), oppdrag_output::Error>(())
//! ```
#![deny(missing_docs)]

mod csv;
pub mod diff;
mod ics;
mod jsonl;
mod table;
mod xlsx;

pub use crate::csv::{Csv, CsvBuilder};
pub use crate::ics::{Ics, IcsBuilder, Undated};
pub use crate::jsonl::{Jsonl, JsonlBuilder};
pub use crate::xlsx::{Xlsx, XlsxBuilder};

/// The language of headings and labels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Norwegian (bokmål).
    #[default]
    No,
    /// English.
    En,
}

impl Lang {
    /// Picks the Norwegian or the English text.
    pub fn pick<'a>(self, no: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::No => no,
            Lang::En => en,
        }
    }
}

/// Errors writing output.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Writing to the output failed.
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    /// The JSON encoder failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The CSV encoder failed.
    #[error("writing CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// The xlsx encoder failed.
    #[error("writing xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
