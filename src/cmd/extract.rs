//! `oppdrag extract`: records of every input file, in input order.

use std::path::PathBuf;
use std::process::ExitCode;

use oppdrag_model::Record;

use crate::pipeline::{for_each_ordered, Pipeline};
use crate::sink::{self, OutputArgs, RecordFormat, RecordSink};
use crate::Global;

/// Flags of `oppdrag extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to read (.pdf, .txt, .md).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = RecordFormat::Jsonl)]
    pub format: RecordFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Runs `oppdrag extract`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    // Flags first, then the rules: a broken rule file leaves an existing
    // output file as it was.
    sink::check(args.format, &args.output)?;
    let pipeline = Pipeline::new(global)?;
    let mut sink = RecordSink::open(args.format, &args.output)?;
    let summary = for_each_ordered(
        &args.paths,
        |path| pipeline.extract(path),
        |_, records: Vec<Record>| {
            for record in &records {
                sink.write(record)?;
            }
            Ok(())
        },
    )?;
    sink.finish()?;
    Ok(summary.exit_code())
}
