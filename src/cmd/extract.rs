//! `oppdrag extract`: records of every input file, in input order.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use oppdrag_model::Record;
use oppdrag_output::{CsvBuilder, JsonlBuilder, Lang, XlsxBuilder};

use crate::pipeline::{for_each_ordered, Pipeline};
use crate::Global;

/// Output formats of `oppdrag extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON record per line (the contract in SCHEMA.md).
    Jsonl,
    /// One JSON array of all records.
    Json,
    /// One CSV row per assignment (RFC 4180; see --csv-excel).
    Csv,
    /// An Excel workbook: a sheet per record type (needs -o FILE).
    Xlsx,
}

/// Language of spreadsheet headings and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LangArg {
    /// Norwegian.
    #[default]
    No,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::No => Lang::No,
            LangArg::En => Lang::En,
        }
    }
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
    /// CSV for a spreadsheet set to Norwegian: semicolons, a UTF-8 byte order
    /// mark, decimal commas and dd.mm.yyyy dates (implies --format csv).
    #[arg(long)]
    pub csv_excel: bool,
    /// Language of CSV and xlsx headings and labels.
    #[arg(long, value_enum, default_value_t = LangArg::No)]
    pub lang: LangArg,
}

/// The records of one batch, in the sink the format asks for.
enum Sink<W: Write> {
    Jsonl(oppdrag_output::Jsonl<W>),
    Csv(Box<oppdrag_output::Csv<W>>),
    Xlsx(oppdrag_output::Xlsx, W),
}

/// Runs `oppdrag extract`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    if args.csv_excel && !matches!(args.format, Format::Csv | Format::Jsonl) {
        let name = format!("{:?}", args.format).to_lowercase();
        anyhow::bail!("--csv-excel writes CSV: it does not go with --format {name}");
    }
    let format = if args.csv_excel {
        Format::Csv
    } else {
        args.format
    };
    if format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!(
            "--format xlsx writes a binary workbook: give the file name with -o FILE.xlsx"
        );
    }
    let pipeline = Pipeline::new(global)?;
    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    let lang = Lang::from(args.lang);
    let mut sink = match format {
        Format::Jsonl => Sink::Jsonl(JsonlBuilder::new().build(out)),
        Format::Json => Sink::Jsonl(JsonlBuilder::new().array(true).build(out)),
        Format::Csv => Sink::Csv(Box::new(
            CsvBuilder::new()
                .excel(args.csv_excel)
                .lang(lang)
                .build(out),
        )),
        Format::Xlsx => Sink::Xlsx(XlsxBuilder::new().lang(lang).build(), out),
    };
    let summary = for_each_ordered(
        &args.paths,
        |path| pipeline.extract(path),
        |_, records: Vec<Record>| {
            for record in &records {
                match &mut sink {
                    Sink::Jsonl(w) => w.write(record)?,
                    Sink::Csv(w) => w.write(record)?,
                    Sink::Xlsx(w, _) => w.write(record),
                }
            }
            Ok(())
        },
    )?;
    let written = match sink {
        Sink::Jsonl(w) => w.finish().map(drop),
        Sink::Csv(w) => w.finish().map(drop),
        Sink::Xlsx(w, out) => w.finish(out),
    };
    match (written, &args.output) {
        (Ok(()), _) => {}
        (Err(err), Some(path)) => {
            return Err(err).with_context(|| format!("writing {}", path.display()))
        }
        (Err(err), None) => return Err(err.into()),
    }
    Ok(summary.exit_code())
}
