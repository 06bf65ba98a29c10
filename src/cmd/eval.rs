//! `oppdrag eval` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag eval`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag eval`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag eval' is not built yet")
}
