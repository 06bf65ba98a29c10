//! `oppdrag calendar` (not built yet).

use std::process::ExitCode;

use crate::Global;

/// Flags of `oppdrag calendar`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `oppdrag calendar`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = (args, global);
    anyhow::bail!("'oppdrag calendar' is not built yet")
}
