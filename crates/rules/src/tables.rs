//! Rules for allocation tables and steering calendars (`rules/tables.toml`), not built yet.

use std::path::Path;

use crate::Error;

/// Compiled rules for allocation tables and steering calendars.
#[derive(Debug, Default)]
pub struct TableRules {}

impl TableRules {
    /// Loads `tables.toml` from `dir`.
    pub fn load(dir: &Path) -> Result<TableRules, Error> {
        let _ = dir;
        Ok(TableRules::default())
    }
}
