//! `oppdrag index` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag index`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag index`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag index' is not built yet")
}
