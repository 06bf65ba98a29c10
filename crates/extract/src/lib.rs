//! Structure and extraction: turns a [`Document`] into [`Record`]s with a [`RuleSet`].
//!
//! The work goes in stages over one document:
//!
//! 1. [`outline`]: the numbered heading tree ("2.1.2 Oppdrag") as spans over (page, line).
//! 2. [`document`]: the document record (kind, issuer, recipient, year, title), which
//!    becomes the [`Context`] for every later extractor.
//! 3. [`assignments`], [`budget`], [`calendar`], [`mandates`]: records of each kind.
//!
//! Every extractor is a pure function of the document, the rules and the context.
#![deny(missing_docs)]

pub mod assignments;
pub mod blocks;
pub mod budget;
pub mod calendar;
pub mod deadlines;
pub mod document;
mod lines;
pub mod mandates;
pub mod outline;
pub mod parties;
pub mod text;

use oppdrag_model::{Document, DocumentRecord, Record};
use oppdrag_rules::RuleSet;

/// What every extractor knows about the letter as a whole.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The letter's budget or validity year, for dates printed without one.
    pub year: Option<i32>,
    /// Canonical name of the issuer ("departementet" resolves to it).
    pub issuer: Option<String>,
    /// Canonical name of the recipient ("direktoratet" resolves to it).
    pub recipient: Option<String>,
}

impl Context {
    /// Builds the context from a document record.
    pub fn from_record(record: &DocumentRecord) -> Context {
        Context {
            year: record.year,
            issuer: record.issuer.clone(),
            recipient: record.recipient.clone(),
        }
    }
}

/// Extracts every record of one document: the document record first, then
/// assignments, budget lines, calendar entries and mandates.
pub fn extract(doc: &Document, rules: &RuleSet) -> Vec<Record> {
    let outline = outline::Outline::build(doc, rules);
    let document = document::extract(doc, rules, &outline);
    let context = Context::from_record(&document);
    let mut records = vec![Record::Document(document)];
    records.extend(assignments::extract(doc, rules, &outline, &context).map(Record::Assignment));
    // Lines flattened and folded once for the three line-level extractors.
    let doc_lines = lines::DocLines::new(doc);
    let budget = budget::extract_lines(doc, rules, &outline, &doc_lines);
    records.extend(budget.into_iter().map(Record::BudgetLine));
    let calendar = calendar::extract_lines(doc, rules, &outline, &context, &doc_lines);
    records.extend(calendar.into_iter().map(Record::CalendarEntry));
    let mandates = mandates::find_lines(doc, rules, &outline, context.year, &doc_lines);
    records.extend(mandates.into_iter().map(Record::Mandate));
    records
}
