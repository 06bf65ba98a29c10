//! The document record: kind, issuer, recipient, year and title (not built yet).

use oppdrag_model::{Document, DocumentRecord};
use oppdrag_rules::RuleSet;

use crate::outline::Outline;

/// Builds the document record of `doc`.
pub fn extract(doc: &Document, rules: &RuleSet, outline: &Outline) -> DocumentRecord {
    let _ = (rules, outline);
    DocumentRecord {
        doc: doc.name.clone(),
        page: doc.page_count().map(|_| 1),
        pages: doc.page_count(),
        ..DocumentRecord::default()
    }
}
