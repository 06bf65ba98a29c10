//! `oppdrag stats` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag stats`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag stats`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag stats' is not built yet")
}
