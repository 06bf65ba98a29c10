//! `oppdrag stats`: counts per document, year, unit, body and deadline month.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use oppdrag_index::{RecordIndex, Stats};

use crate::Global;

/// Output formats of `oppdrag stats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Sections of `count  value` lines.
    Text,
    /// One JSON object.
    Json,
}

/// Flags of `oppdrag stats`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs `oppdrag stats`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let _ = global;
    let index = RecordIndex::open(&args.index)?;
    let stats = index.stats()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &to_json(&stats))?;
            out.write_all(b"\n")?;
        }
        Format::Text => write_text(&mut out, &stats)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn to_json(stats: &Stats) -> serde_json::Value {
    serde_json::json!({
        "files": stats.files,
        "records": stats.by_type.values().sum::<usize>(),
        "obligations": stats.obligations(),
        "by_type": stats.by_type,
        "by_doc": stats.by_doc,
        "by_year": stats.by_year.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>(),
        "by_unit": stats.by_unit,
        "by_body": stats.by_body,
        "by_responsible": stats.by_responsible,
        "by_partner": stats.by_partner,
        "deadlines_by_month": stats.deadlines_by_month,
    })
}

fn section<K: Display>(
    out: &mut impl Write,
    title: &str,
    counts: &BTreeMap<K, usize>,
) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    if counts.is_empty() {
        writeln!(out, "       -")?;
    }
    for (key, n) in counts {
        writeln!(out, "{n:>8}  {key}")?;
    }
    Ok(())
}

/// Sorts by count, largest first, then by name.
fn by_count(counts: &BTreeMap<String, usize>) -> Vec<(&String, &usize)> {
    let mut v: Vec<_> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v
}

fn ranked(out: &mut impl Write, title: &str, counts: &BTreeMap<String, usize>) -> io::Result<()> {
    writeln!(out, "\n{title}")?;
    if counts.is_empty() {
        writeln!(out, "       -")?;
    }
    for (key, n) in by_count(counts) {
        writeln!(out, "{n:>8}  {key}")?;
    }
    Ok(())
}

fn write_text(out: &mut impl Write, stats: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "{} files, {} records, {} obligations",
        stats.files,
        stats.by_type.values().sum::<usize>(),
        stats.obligations()
    )?;
    section(out, "records by type", &stats.by_type)?;
    section(out, "obligations by document", &stats.by_doc)?;
    section(out, "obligations by year", &stats.by_year)?;
    ranked(out, "obligations by unit", &stats.by_unit)?;
    ranked(out, "obligations by body (any role)", &stats.by_body)?;
    ranked(
        out,
        "obligations by responsible body",
        &stats.by_responsible,
    )?;
    ranked(out, "obligations by partner body", &stats.by_partner)?;
    section(out, "deadlines by month", &stats.deadlines_by_month)?;
    Ok(())
}
