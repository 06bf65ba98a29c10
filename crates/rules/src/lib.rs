//! Rules as data: loads `rules/` once into an immutable, compiled [`RuleSet`].
//!
//! Skeleton: the real implementation lands in this crate.
#![deny(missing_docs)]

pub mod mandates;
pub mod tables;

use std::path::Path;

/// The compiled rules, shared by reference across threads.
#[derive(Debug, Default)]
pub struct RuleSet {
    /// Rules for allocation tables and steering calendars (`rules/tables.toml`).
    pub tables: tables::TableRules,
    /// Rules for mandates (`rules/mandates.toml`).
    pub mandates: mandates::MandateRules,
}

/// An error loading rule files.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);

impl RuleSet {
    /// Loads and compiles every rule file in `dir`.
    pub fn load(dir: &Path) -> Result<RuleSet, Error> {
        Ok(RuleSet {
            tables: tables::TableRules::load(dir)?,
            mandates: mandates::MandateRules::load(dir)?,
        })
    }

    /// Returns the rules bundled into the binary (a copy of the repository's `rules/`).
    pub fn bundled() -> RuleSet {
        RuleSet::default()
    }
}
