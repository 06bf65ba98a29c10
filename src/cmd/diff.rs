//! `oppdrag diff`: compares two letters or two sets of letters (assignments
//! new, continued, changed and dropped; budget lines whose amounts changed).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use oppdrag_model::Record;
use oppdrag_output::diff;

use crate::pipeline::{for_each_ordered, Pipeline};
use crate::sink::LangArg;
use crate::{messages, Global};

/// Output formats of `oppdrag diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A plain-text table.
    Table,
    /// One JSON object per change (`assignment_change`, `budget_change`).
    Jsonl,
    /// An Excel workbook (needs -o FILE).
    Xlsx,
}

/// Flags of `oppdrag diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old letter(s): a document, a directory, or a .jsonl file of records.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The new letter(s): a document, a directory, or a .jsonl file of records.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of labels and headings.
    #[arg(long, value_enum, default_value_t = LangArg::No)]
    pub lang: LangArg,
}

/// Runs `oppdrag diff`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    if args.format == Format::Xlsx && args.output.is_none() {
        anyhow::bail!(
            "--format xlsx writes a binary workbook: give the file name with -o FILE.xlsx"
        );
    }
    for path in [&args.old, &args.new] {
        if !path.exists() {
            anyhow::bail!("{}: no such file or directory", path.display());
        }
    }
    let (old, old_failed) = load_records(std::slice::from_ref(&args.old), global)?;
    let (new, new_failed) = load_records(std::slice::from_ref(&args.new), global)?;
    let result = diff::compare(&old, &new);
    let out: Box<dyn Write> = match &args.output {
        Some(path) => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let out = BufWriter::new(out);
    let lang = args.lang.into();
    match args.format {
        Format::Table => result.write_table(out, lang)?,
        Format::Jsonl => result.write_jsonl(out)?,
        Format::Xlsx => result.write_xlsx(out, lang)?,
    }
    Ok(if old_failed || new_failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reports whether `path` is a file of records rather than a document.
pub fn is_records(path: &Path) -> bool {
    !path.is_dir()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// Loads records from `.jsonl` files and extracts the other paths (documents
/// and directories) through the pipeline, keeping the order of `paths`.
/// Problems are reported on stderr; returns whether any input failed.
pub fn load_records(paths: &[PathBuf], global: &Global) -> anyhow::Result<(Vec<Record>, bool)> {
    let mut records = Vec::new();
    let mut failed = false;
    let mut pipeline = None;
    for path in paths {
        if is_records(path) {
            failed |= read_records(path, &mut records);
            continue;
        }
        if pipeline.is_none() {
            pipeline = Some(Pipeline::new(global)?);
        }
        let Some(p) = pipeline.as_ref() else { continue };
        let summary = for_each_ordered(
            std::slice::from_ref(path),
            |file| p.extract(file),
            |_, mut found: Vec<Record>| {
                records.append(&mut found);
                Ok(())
            },
        )?;
        failed |= summary.failed > 0;
    }
    Ok((records, failed))
}

/// Appends the records of a JSONL file; lines that are not records are
/// reported with file and line number. Returns whether anything failed.
fn read_records(path: &Path, records: &mut Vec<Record>) -> bool {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            messages::file_error(&format!("{}: {err}", path.display()));
            return true;
        }
    };
    let mut failed = false;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(record) => records.push(record),
            Err(err) => {
                messages::file_error(&format!(
                    "{}:{}: not a record: {err}",
                    path.display(),
                    n + 1
                ));
                failed = true;
            }
        }
    }
    failed
}
