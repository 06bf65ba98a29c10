//! The shared vocabulary of oppdrag: the document model every ingester produces
//! and the records every extractor emits.
//!
//! # Brief overview
//!
//! * [`Document`], [`Page`], [`Line`] and [`Cell`] describe an input file after
//!   ingestion: pages of lines in reading order, with enough geometry left
//!   (`x`, `y`, cell spans) for later stages to read tables by column.
//! * [`Record`] is one line of `oppdrag extract --format jsonl`: a
//!   [`DocumentRecord`], [`Assignment`], [`BudgetLine`], [`CalendarEntry`] or
//!   [`Mandate`], as defined by the output contract (`SCHEMA.md`).
//! * [`Deadline`] and [`Amount`] are the value types found inside records.
//!
//! This crate does no I/O and depends on no other oppdrag crate: every stage
//! meets here.
//!
//! # Example
//!
//! ```
//! use oppdrag_model::{Amount, Currency, Record};
//!
//! let line = r#"{"type":"budget_line","doc":"a.pdf","page":3,"chapter":701,"post":21,
//!   "name":"Spesielle driftsutgifter","amount":{"value":20000000,"currency":"NOK","raw":"20 000"},
//!   "comment":null}"#;
//! let record: Record = serde_json::from_str(line)?;
//! let Record::BudgetLine(b) = &record else { unreachable!() };
//! assert_eq!(b.amount, Some(Amount::new(20_000_000.0, Currency::Nok, "20 000")));
//! # Ok::<(), serde_json::Error>(())
//! ```
#![deny(missing_docs)]

mod document;
mod record;

pub use crate::document::{Cell, Document, Line, Page, SourceKind};
pub use crate::record::{
    Amount, Assignment, BudgetLine, CalendarEntry, Currency, Deadline, DeadlineKind, DocumentKind,
    DocumentRecord, Mandate, Member, Period, Precision, Record,
};
