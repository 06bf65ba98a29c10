//! Where records go: JSONL, a JSON array, CSV or an xlsx workbook, on
//! standard output or in a file. Shared by `oppdrag extract` (every record
//! of the inputs) and `oppdrag search` (the records that matched).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use oppdrag_model::Record;
use oppdrag_output::{Csv, CsvBuilder, Jsonl, JsonlBuilder, Lang, Xlsx, XlsxBuilder};

/// Formats records can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecordFormat {
    /// One JSON record per line (the contract in SCHEMA.md).
    Jsonl,
    /// One JSON array of all records.
    Json,
    /// One CSV row per assignment (RFC 4180; see --csv-excel).
    Csv,
    /// An Excel workbook: a sheet per record type (needs -o FILE).
    Xlsx,
}

impl RecordFormat {
    /// The name as given on the command line.
    fn name(self) -> &'static str {
        match self {
            RecordFormat::Jsonl => "jsonl",
            RecordFormat::Json => "json",
            RecordFormat::Csv => "csv",
            RecordFormat::Xlsx => "xlsx",
        }
    }
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

/// The flags that say where and how records are written (besides the format).
#[derive(Debug, Clone, clap::Args)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV for a spreadsheet set to Norwegian: semicolons, a UTF-8 byte order
    /// mark, decimal commas and dd.mm.yyyy dates (implies --format csv).
    #[arg(long)]
    pub csv_excel: bool,
    /// Language of CSV and xlsx headings and labels, and of calendar descriptions.
    #[arg(long, value_enum, default_value_t = LangArg::No)]
    pub lang: LangArg,
}

/// The writer a format asks for.
enum Writer {
    Jsonl(Jsonl<BufWriter<Box<dyn Write>>>),
    Csv(Box<Csv<BufWriter<Box<dyn Write>>>>),
    Xlsx(Xlsx, BufWriter<Box<dyn Write>>),
}

/// An open destination for records; [`RecordSink::finish`] completes it.
pub struct RecordSink {
    writer: Writer,
    output: Option<PathBuf>,
}

impl RecordSink {
    /// Checks that `format` and `args` go together, then opens the output
    /// (creating the file, if one is named).
    ///
    /// # Errors
    ///
    /// `--csv-excel` with a format other than CSV or the default JSONL, xlsx
    /// without a file name, and a file that cannot be created.
    pub fn open(format: RecordFormat, args: &OutputArgs) -> anyhow::Result<RecordSink> {
        let format = check(format, args)?;
        let out: Box<dyn Write> = match &args.output {
            Some(path) => Box::new(
                File::create(path).with_context(|| format!("creating {}", path.display()))?,
            ),
            None => Box::new(io::stdout().lock()),
        };
        let out = BufWriter::new(out);
        let lang = Lang::from(args.lang);
        let writer = match format {
            RecordFormat::Jsonl => Writer::Jsonl(JsonlBuilder::new().build(out)),
            RecordFormat::Json => Writer::Jsonl(JsonlBuilder::new().array(true).build(out)),
            RecordFormat::Csv => Writer::Csv(Box::new(
                CsvBuilder::new()
                    .excel(args.csv_excel)
                    .lang(lang)
                    .build(out),
            )),
            RecordFormat::Xlsx => Writer::Xlsx(XlsxBuilder::new().lang(lang).build(), out),
        };
        Ok(RecordSink {
            writer,
            output: args.output.clone(),
        })
    }

    /// Writes one record (xlsx: keeps it for the workbook written at the end).
    pub fn write(&mut self, record: &Record) -> anyhow::Result<()> {
        match &mut self.writer {
            Writer::Jsonl(w) => w.write(record)?,
            Writer::Csv(w) => w.write(record)?,
            Writer::Xlsx(w, _) => w.write(record),
        }
        Ok(())
    }

    /// Completes the output: closes the JSON array, flushes, writes the workbook.
    pub fn finish(self) -> anyhow::Result<()> {
        let written = match self.writer {
            Writer::Jsonl(w) => w.finish().map(drop),
            Writer::Csv(w) => w.finish().map(drop),
            Writer::Xlsx(w, out) => w.finish(out),
        };
        match (written, &self.output) {
            (Ok(()), _) => Ok(()),
            (Err(err), Some(path)) => {
                Err(err).with_context(|| format!("writing {}", path.display()))
            }
            (Err(err), None) => Err(err.into()),
        }
    }
}

/// Checks that `format` and `args` go together, as [`RecordSink::open`]
/// does, without opening anything; returns the format to write.
pub fn check(format: RecordFormat, args: &OutputArgs) -> anyhow::Result<RecordFormat> {
    let format = resolve(format, args.csv_excel)?;
    if format == RecordFormat::Xlsx && args.output.is_none() {
        anyhow::bail!(
            "--format xlsx writes a binary workbook: give the file name with -o FILE.xlsx"
        );
    }
    Ok(format)
}

/// The format `--csv-excel` leaves: CSV, when the format asked is CSV or
/// the default JSONL; any other format with it is an error.
fn resolve(format: RecordFormat, csv_excel: bool) -> anyhow::Result<RecordFormat> {
    match (csv_excel, format) {
        (false, format) => Ok(format),
        (true, RecordFormat::Csv | RecordFormat::Jsonl) => Ok(RecordFormat::Csv),
        (true, other) => anyhow::bail!(
            "--csv-excel writes CSV: it does not go with --format {}",
            other.name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_excel_implies_csv_and_refuses_other_formats() {
        assert_eq!(
            resolve(RecordFormat::Jsonl, true).unwrap(),
            RecordFormat::Csv
        );
        assert_eq!(resolve(RecordFormat::Csv, true).unwrap(), RecordFormat::Csv);
        assert_eq!(
            resolve(RecordFormat::Xlsx, false).unwrap(),
            RecordFormat::Xlsx
        );
        let err = resolve(RecordFormat::Xlsx, true).unwrap_err().to_string();
        assert_eq!(
            err,
            "--csv-excel writes CSV: it does not go with --format xlsx"
        );
    }
}
