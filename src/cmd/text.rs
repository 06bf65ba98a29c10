//! `oppdrag text` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag text`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag text`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag text' is not built yet")
}
