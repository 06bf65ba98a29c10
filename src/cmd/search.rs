//! `oppdrag search` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag search`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag search`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag search' is not built yet")
}
