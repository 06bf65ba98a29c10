//! `oppdrag calendar`: an iCalendar file with one all-day event per dated
//! deadline and steering-calendar entry; deadlines without a date are listed
//! on stderr, never invented.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use oppdrag_model::Record;
use oppdrag_output::{IcsBuilder, Lang, Undated};

use crate::cmd::diff::load_records;
use crate::sink::LangArg;
use crate::{messages, Global};

/// Flags of `oppdrag calendar`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Documents, directories, or .jsonl files of extracted records.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the calendar to FILE (e.g. frister.ics) instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Calendar name shown by calendar programs.
    #[arg(long, value_name = "NAME", default_value = DEFAULT_NAME)]
    pub name: String,
    /// Language of the labels in event descriptions.
    #[arg(long, value_enum, default_value_t = LangArg::No)]
    pub lang: LangArg,
}

/// The calendar name when none is given.
pub const DEFAULT_NAME: &str = "Oppdrag og frister";

/// Runs `oppdrag calendar`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let (records, failed) = load_records(&args.paths, global)?;
    write_calendar(
        &records,
        args.output.as_deref(),
        &args.name,
        args.lang.into(),
    )?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes the calendar of `records` to `output` (standard output when
/// `None`), then lists on stderr the deadlines left out for want of a date,
/// and, with a file, how many events went in.
pub fn write_calendar(
    records: &[Record],
    output: Option<&Path>,
    name: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let out: Box<dyn Write> = match output {
        Some(path) => {
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut ics = IcsBuilder::new()
        .name(name)
        .lang(lang)
        .build(BufWriter::new(out));
    let mut undated = Vec::new();
    for record in records {
        undated.extend(ics.write(record)?);
    }
    let events = ics.events();
    ics.finish()?;
    for u in &undated {
        messages::warning(&describe(u));
    }
    if let Some(path) = output {
        messages::warning(&format!(
            "{events} events written to {}; {} deadlines without a date left out",
            path.display(),
            undated.len()
        ));
    }
    Ok(())
}

/// One line for a deadline without a date: where it is and what it says.
fn describe(u: &Undated) -> String {
    let page = u.page.map_or_else(String::new, |p| format!(" p. {p}"));
    let part = if u.part.is_empty() {
        String::new()
    } else {
        format!(" {})", u.part.join("), "))
    };
    format!(
        "no date, not in calendar: {}{page}: {}{part}: {}",
        u.doc, u.code, u.raw
    )
}
