//! Rules as data: loads `rules/` once into an immutable, compiled [`RuleSet`],
//! and the small pure finders other stages apply to text.
//!
//! # Brief overview
//!
//! * [`RuleSet::load`] reads every rule file of a directory (a file missing
//!   there is taken from the bundled copy); [`RuleSet::bundled`] uses the
//!   repository's `rules/` embedded in the binary. A broken file is an
//!   [`Error`] that lists every problem as `FILE: rule N (NAME): what`.
//! * [`Gazetteer`] finds bodies in text and canonicalises names
//!   (`rules/bodies.tsv`, `rules/bodies.toml`).
//! * [`DateRules`] reads Norwegian dates with their precision
//!   (`rules/dates.toml`).
//! * [`AmountRules`] reads sums of money (`rules/amounts.toml`).
//! * [`CodeRules`] reads assignment codes, owner units and document
//!   references (`rules/codes.toml`, `rules/references.toml`).
//! * [`HeadingRules`], [`KindRules`] and [`DeadlineRules`] hold the
//!   vocabulary of structure, document kinds and deadlines.
//!
//! A `RuleSet` is `Send + Sync`: compile it once, share it by reference.
//!
//! # Example
//!
//! ```
//! use oppdrag_rules::{BodyContext, RuleSet};
//!
//! let rules = RuleSet::bundled();
//! let ctx = BodyContext { recipient: Some("Helsedirektoratet"), issuer: None };
//! let found = rules.bodies.find("FHIs rapport og direktoratet", &ctx);
//! assert_eq!(found[0].canonical, "Folkehelseinstituttet");
//! assert_eq!(found[1].canonical, "Helsedirektoratet");
//!
//! let date = rules.dates.parse("1. juni", Some(2024)).unwrap();
//! assert_eq!(date.date.to_string(), "2024-06-01");
//!
//! let amounts = rules.amounts.find("en ramme på 12,5 mill. kroner");
//! assert_eq!(amounts[0].amount.value, 12_500_000.0);
//! ```
#![deny(missing_docs)]

mod amounts;
mod bodies;
mod dates;
mod deadlines;
mod folded;
pub mod mandates;
mod needle;
mod references;
mod source;
mod space;
mod structure;
pub mod tables;
#[cfg(test)]
mod test_rng;
mod window;

use std::path::Path;

pub use crate::amounts::{AmountMatch, AmountRules};
pub use crate::bodies::{
    normalize_space, Body, BodyContext, BodyMatch, BodyOrigin, ContextKinds, CueWords, Gazetteer,
};
pub use crate::dates::{easter, last_of_month, DateMatch, DateRules};
pub use crate::deadlines::DeadlineRules;
pub use crate::folded::{FoldedRegex, FoldedText, Groups, Span};
pub use crate::needle::Needles;
pub use crate::references::{CodeLine, CodeRules, Reference, ReferenceKind};
pub use crate::space::is_normal_space;
pub use crate::structure::{HeadingLine, HeadingRules, KindRules};

use crate::source::{Errors, Source};

/// The compiled rules, shared by reference across threads.
#[derive(Debug)]
pub struct RuleSet {
    /// Rules for allocation tables and steering calendars (`rules/tables.toml`).
    pub tables: tables::TableRules,
    /// Rules for mandates (`rules/mandates.toml`).
    pub mandates: mandates::MandateRules,
    /// The body gazetteer and role cues (`bodies.tsv`, `bodies.toml`).
    pub bodies: Gazetteer,
    /// Norwegian date phrases (`dates.toml`).
    pub dates: DateRules,
    /// Sums of money (`amounts.toml`).
    pub amounts: AmountRules,
    /// Assignment codes, owner units and references (`codes.toml`, `references.toml`).
    pub codes: CodeRules,
    /// Numbered headings (`headings.toml`).
    pub headings: HeadingRules,
    /// Deadline vocabulary (`deadlines.toml`).
    pub deadlines: DeadlineRules,
    /// Document-kind cues (`documents.toml`).
    pub kinds: KindRules,
}

/// An error loading rule files: one line per problem, each naming the file,
/// the rule and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(pub String);

impl RuleSet {
    /// Loads and compiles every rule file in `dir`.
    ///
    /// A rule file missing from `dir` is taken from the bundled rules, so a
    /// directory may hold only the files a user changed.
    ///
    /// # Errors
    ///
    /// Returns every problem found in every file at once, one per line.
    pub fn load(dir: &Path) -> Result<RuleSet, Error> {
        if !dir.is_dir() {
            return Err(Error(format!("{}: not a directory", dir.display())));
        }
        let tables = tables::TableRules::load(dir);
        let mandates = mandates::MandateRules::load(dir);
        let mut errors = Errors::default();
        let own = compile(Source::Dir(dir), &mut errors);
        let tables = tables.map_err(|e| errors.push(e)).ok();
        let mandates = mandates.map_err(|e| errors.push(e)).ok();
        match (own, tables, mandates) {
            (Some(own), Some(tables), Some(mandates)) if errors.is_empty() => {
                Ok(own.into_set(tables, mandates))
            }
            _ => Err(errors
                .finish(())
                .err()
                .unwrap_or_else(|| Error("rules failed to load".into()))),
        }
    }

    /// Returns the rules bundled into the binary (a copy of the repository's
    /// `rules/`).
    ///
    /// # Panics
    ///
    /// Never in a released binary: the bundled rules are checked by this
    /// crate's tests.
    pub fn bundled() -> RuleSet {
        let mut errors = Errors::default();
        let own = compile(Source::Bundled, &mut errors);
        match own {
            Some(own) if errors.is_empty() => own.into_set(
                tables::TableRules::default(),
                mandates::MandateRules::default(),
            ),
            _ => panic!(
                "bundled rules are broken: {}",
                errors.finish(()).err().map(|e| e.0).unwrap_or_default()
            ),
        }
    }
}

struct Own {
    bodies: Gazetteer,
    dates: DateRules,
    amounts: AmountRules,
    codes: CodeRules,
    headings: HeadingRules,
    deadlines: DeadlineRules,
    kinds: KindRules,
}

impl Own {
    fn into_set(self, tables: tables::TableRules, mandates: mandates::MandateRules) -> RuleSet {
        RuleSet {
            tables,
            mandates,
            bodies: self.bodies,
            dates: self.dates,
            amounts: self.amounts,
            codes: self.codes,
            headings: self.headings,
            deadlines: self.deadlines,
            kinds: self.kinds,
        }
    }
}

fn compile(source: Source<'_>, errors: &mut Errors) -> Option<Own> {
    let mut read = |name: &str| source.read(name).map_err(|e| errors.push(e)).ok();
    let tsv = read("bodies.tsv");
    let bodies_toml = read("bodies.toml");
    let dates = read("dates.toml");
    let amounts = read("amounts.toml");
    let codes = read("codes.toml");
    let refs = read("references.toml");
    let headings = read("headings.toml");
    let deadlines = read("deadlines.toml");
    let documents = read("documents.toml");
    let bodies = Gazetteer::compile(&tsv?, &bodies_toml?, errors);
    let dates = DateRules::compile(&dates?, errors);
    let amounts = AmountRules::compile(&amounts?, errors);
    let codes = CodeRules::compile(&codes?, &refs?, errors);
    let headings = HeadingRules::compile(&headings?, errors);
    let deadlines = DeadlineRules::compile(&deadlines?, errors);
    let kinds = KindRules::compile(&documents?, errors);
    Some(Own {
        bodies: bodies?,
        dates: dates?,
        amounts: amounts?,
        codes: codes?,
        headings: headings?,
        deadlines: deadlines?,
        kinds: kinds?,
    })
}
