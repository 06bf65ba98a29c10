//! Structure and extraction: turns a [`Document`] into [`Record`]s with a [`RuleSet`].
//!
//! Skeleton: the real implementation lands in this crate.
#![deny(missing_docs)]

use oppdrag_model::{Document, Record};
use oppdrag_rules::RuleSet;

/// Extracts every record of one document: the document record first, then
/// assignments, budget lines, calendar entries and mandates in text order.
pub fn extract(doc: &Document, rules: &RuleSet) -> Vec<Record> {
    let _ = (doc, rules);
    Vec::new()
}
