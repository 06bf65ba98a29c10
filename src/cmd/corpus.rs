//! `oppdrag corpus` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag corpus`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag corpus`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag corpus' is not built yet")
}
