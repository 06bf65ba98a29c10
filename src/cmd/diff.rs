//! `oppdrag diff` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag diff`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag diff`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag diff' is not built yet")
}
