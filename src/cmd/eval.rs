//! `oppdrag eval`: scores records against gold JSONL with the matching of the
//! reference scorer, then lists the misses.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use oppdrag_eval::{read_jsonl, score, GoldSet};
use oppdrag_model::Record;

use crate::cmd::diff::is_records;
use crate::pipeline::{for_each_ordered, Pipeline};
use crate::{messages, Global};

/// Flags of `oppdrag eval`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory of gold `*.jsonl` files, one per document.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    /// Documents to extract (.pdf, .txt, .md, directories) or `.jsonl` files
    /// of records already extracted.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Score only these gold stems (comma-separated).
    #[arg(long, value_name = "STEM,...", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Print the figures as the reference scorer's `--json` object (no misses).
    #[arg(long)]
    pub json: bool,
    /// Print at most N misses (0: none; default: all).
    #[arg(long, value_name = "N")]
    pub misses: Option<usize>,
}

/// Runs `oppdrag eval`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let (gold, warnings) = GoldSet::load_dir(&args.gold)?;
    for warning in warnings {
        messages::warning(&warning);
    }
    let (predicted, failed) = load_predictions(&args.paths, global)?;
    let only: BTreeSet<String> = args
        .only
        .iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect();
    let report = score(&gold, &predicted, (!only.is_empty()).then_some(&only));
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.json {
        writeln!(out, "{}", report.to_json())?;
    } else {
        report.write_text(&mut out)?;
        if args.misses != Some(0) {
            writeln!(out)?;
            report.write_misses(&mut out, args.misses)?;
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads records from `.jsonl` files and extracts the other paths through
/// the pipeline, as JSON values. Returns whether any input failed.
pub fn load_predictions(
    paths: &[PathBuf],
    global: &Global,
) -> anyhow::Result<(Vec<serde_json::Value>, bool)> {
    let (jsonl, documents): (Vec<PathBuf>, Vec<PathBuf>) = paths
        .iter()
        .cloned()
        .partition(|p| is_records(p) && !p.is_dir());
    let mut predicted = Vec::new();
    let mut failed = false;
    for path in &jsonl {
        let (mut records, warnings) = read_jsonl(path)?;
        for warning in warnings {
            messages::warning(&warning);
        }
        predicted.append(&mut records);
    }
    if !documents.is_empty() {
        let pipeline = Pipeline::new(global)?;
        let summary = for_each_ordered(
            &documents,
            |path| pipeline.extract(path),
            |_, records: Vec<Record>| {
                for record in &records {
                    predicted.push(serde_json::to_value(record).context("serialising a record")?);
                }
                Ok(())
            },
        )?;
        failed = summary.failed > 0;
    }
    Ok((predicted, failed))
}
