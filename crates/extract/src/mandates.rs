//! Mandate records (not built yet).

use oppdrag_model::{Document, Mandate};
use oppdrag_rules::RuleSet;

use crate::outline::Outline;
use crate::Context;

/// Extracts the Mandate records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = Mandate> + 'a {
    let _ = (doc, rules, outline, context);
    std::iter::empty()
}
