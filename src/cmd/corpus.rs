//! `oppdrag corpus generate`: synthetic letters and mandates with gold records.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::Context;
use oppdrag_corpus::{Config, FileSpec};
use rayon::prelude::*;

use crate::Global;

/// Flags of `oppdrag corpus`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Write N letters and M mandates as PDFs, each with its gold
    /// `<name>.jsonl` beside it (the same seed gives identical files).
    Generate(Generate),
}

#[derive(Debug, clap::Args)]
struct Generate {
    /// Number of allocation letters / assignment documents.
    #[arg(long, value_name = "N")]
    letters: usize,
    /// Number of stand-alone mandates.
    #[arg(long, value_name = "M", default_value_t = 0)]
    mandates: usize,
    /// Seed of every random choice.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Output directory (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Runs `oppdrag corpus`.
pub fn run(args: Args, _global: &Global) -> anyhow::Result<ExitCode> {
    match args.command {
        Command::Generate(g) => generate(g),
    }
}

fn generate(args: Generate) -> anyhow::Result<ExitCode> {
    let config = Config {
        letters: args.letters,
        mandates: args.mandates,
        seed: args.seed,
    };
    if config.is_empty() {
        anyhow::bail!("nothing to generate: give --letters N and/or --mandates M greater than 0");
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create directory", args.out.display()))?;
    let start = Instant::now();
    let pages = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let records = AtomicUsize::new(0);
    // Files are generated in bounded chunks, so memory stays flat however
    // many there are; each file is written as soon as it is made.
    let chunk = (rayon::current_num_threads() * 8).max(16);
    let mut specs = config.files().peekable();
    while specs.peek().is_some() {
        let batch: Vec<FileSpec> = specs.by_ref().take(chunk).collect();
        batch
            .par_iter()
            .try_for_each(|spec| -> anyhow::Result<()> {
                let written = oppdrag_corpus::write(spec, &args.out)?;
                pages.fetch_add(u64::from(written.pages), Ordering::Relaxed);
                bytes.fetch_add(written.bytes, Ordering::Relaxed);
                records.fetch_add(written.records, Ordering::Relaxed);
                Ok(())
            })?;
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "oppdrag: wrote {} files ({} letters, {} mandates), {} pages, {:.1} MB PDF, {} gold records to {} in {:.1} s",
        config.len(),
        config.letters,
        config.mandates,
        pages.load(Ordering::Relaxed),
        bytes.load(Ordering::Relaxed) as f64 / 1e6,
        records.load(Ordering::Relaxed),
        args.out.display(),
        secs
    );
    Ok(ExitCode::SUCCESS)
}
