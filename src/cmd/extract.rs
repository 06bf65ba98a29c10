//! `oppdrag extract`: records of every input file, in input order.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use oppdrag_model::Record;

use crate::pipeline::{for_each_ordered, Pipeline};
use crate::Global;

/// Output formats of `oppdrag extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON record per line (the contract in SCHEMA.md).
    Jsonl,
    /// One JSON array of all records.
    Json,
}

/// Flags of `oppdrag extract`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to read (.pdf, .txt, .md).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `oppdrag extract`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(global)?;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let mut first = true;
    if args.format == Format::Json {
        out.write_all(b"[")?;
    }
    let summary = for_each_ordered(
        &args.paths,
        |path| pipeline.extract(path),
        |_, records: Vec<Record>| {
            for record in &records {
                match args.format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut out, record)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Json => {
                        if !first {
                            out.write_all(b",")?;
                        }
                        out.write_all(b"\n")?;
                        serde_json::to_writer(&mut out, record)?;
                    }
                }
                first = false;
            }
            Ok(())
        },
    )?;
    if args.format == Format::Json {
        out.write_all(b"\n]\n")?;
    }
    out.flush()?;
    Ok(summary.exit_code())
}
