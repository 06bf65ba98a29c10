//! Rules for mandates (`rules/mandates.toml`), not built yet.

use std::path::Path;

use crate::Error;

/// Compiled rules for mandates.
#[derive(Debug, Default)]
pub struct MandateRules {}

impl MandateRules {
    /// Loads `mandates.toml` from `dir`.
    pub fn load(dir: &Path) -> Result<MandateRules, Error> {
        let _ = dir;
        Ok(MandateRules::default())
    }
}
