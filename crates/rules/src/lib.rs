//! Rules as data: loads `rules/` once into an immutable, compiled [`RuleSet`].
//!
//! Skeleton: the real implementation lands in this crate.
#![deny(missing_docs)]

use std::path::Path;

/// The compiled rules, shared by reference across threads.
#[derive(Debug, Default)]
pub struct RuleSet {}

/// An error loading rule files.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

impl RuleSet {
    /// Loads and compiles every rule file in `dir`.
    pub fn load(dir: &Path) -> Result<RuleSet, Error> {
        let _ = dir;
        Ok(RuleSet {})
    }

    /// Returns the rules bundled into the binary (a copy of the repository's `rules/`).
    pub fn bundled() -> RuleSet {
        RuleSet {}
    }
}
