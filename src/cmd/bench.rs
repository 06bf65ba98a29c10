//! `oppdrag bench` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag bench`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag bench`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag bench' is not built yet")
}
