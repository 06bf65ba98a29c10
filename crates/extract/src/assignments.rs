//! Assignment records (not built yet).

use oppdrag_model::{Document, Assignment};
use oppdrag_rules::RuleSet;

use crate::outline::Outline;
use crate::Context;

/// Extracts the Assignment records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = Assignment> + 'a {
    let _ = (doc, rules, outline, context);
    std::iter::empty()
}
