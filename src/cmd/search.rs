//! `oppdrag search`: query the index built by `oppdrag index`.
//!
//! Exit code 0 when something matched, 1 when nothing did, 2 on an error.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use oppdrag_index::{Filters, Hit, RecordIndex, RecordType, SearchRequest};
use oppdrag_model::Record;

use crate::cmd::calendar;
use crate::pipeline::Pipeline;
use crate::sink::{self, OutputArgs, RecordFormat, RecordSink};
use crate::{messages, Global};

/// Output formats of `oppdrag search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns: code, title, unit, responsible, first due date,
    /// document, page and a snippet with the matches marked.
    Table,
    /// One record per line, as `oppdrag extract --format jsonl` writes it.
    Jsonl,
    /// One JSON array of the records.
    Json,
    /// One CSV row per assignment, as `oppdrag extract --format csv` (see --csv-excel).
    Csv,
    /// An Excel workbook, a sheet per record type, as `oppdrag extract --format xlsx` (needs -o FILE).
    Xlsx,
    /// An iCalendar file of the hits' dated deadlines, as `oppdrag calendar` writes it.
    Ics,
}

/// What a search writes, once the flags are read.
enum Output {
    /// The table of hits.
    Table,
    /// The hits' records, as extract writes them.
    Records(RecordFormat),
    /// The hits' dated deadlines, as calendar writes them.
    Calendar,
}

impl Format {
    /// What this format writes; `--csv-excel` makes the default table CSV,
    /// as it makes extract's default JSONL CSV, and goes with no other format
    /// but CSV.
    fn output(self, csv_excel: bool) -> anyhow::Result<Output> {
        Ok(match self {
            Format::Table | Format::Csv if csv_excel => Output::Records(RecordFormat::Csv),
            _ if csv_excel => {
                let name = format!("{self:?}").to_lowercase();
                anyhow::bail!("--csv-excel writes CSV: it does not go with --format {name}")
            }
            Format::Table => Output::Table,
            Format::Ics => Output::Calendar,
            Format::Jsonl => Output::Records(RecordFormat::Jsonl),
            Format::Json => Output::Records(RecordFormat::Json),
            Format::Csv => Output::Records(RecordFormat::Csv),
            Format::Xlsx => Output::Records(RecordFormat::Xlsx),
        })
    }
}

/// Flags of `oppdrag search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Query in tantivy's syntax: words, "phrases", AND/OR/-, field:value
    /// (code, title, text, unit, responsible, partner, body, doc, kind, year).
    ///
    /// Words are matched stemmed (Norwegian) and as the first part of compounds
    /// (`tobakk` finds `tobakksstrategi`). An empty query ("" or none) lists
    /// every record that passes the filters, earliest due date first.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    /// Index directory.
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Only records naming this body in any role (aliases such as FHI accepted); repeatable.
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub body: Vec<String>,
    /// Only records with this partner body (aliases accepted); repeatable.
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub partner: Vec<String>,
    /// Only records with this responsible body (aliases accepted); repeatable.
    #[arg(long, value_name = "NAME", help_heading = "Filters")]
    pub responsible: Vec<String>,
    /// Only records of this owner unit (e.g. FHA); repeatable.
    #[arg(long, value_name = "CODE", help_heading = "Filters")]
    pub unit: Vec<String>,
    /// Only records of this year; repeatable.
    #[arg(long, value_name = "Y", help_heading = "Filters")]
    pub year: Vec<i32>,
    /// Only records of this type: assignment, mandate, budget_line,
    /// calendar_entry, document (default: all but document); repeatable.
    #[arg(long = "type", value_name = "T", value_parser = parse_type, help_heading = "Filters")]
    pub types: Vec<RecordType>,
    /// Only records from this input file name; repeatable.
    #[arg(long, value_name = "FILE", help_heading = "Filters")]
    pub doc: Vec<String>,
    /// Only records with a due date strictly before DATE (YYYY-MM-DD or D.M.YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date, help_heading = "Filters")]
    pub due_before: Option<NaiveDate>,
    /// Only records with a due date strictly after DATE (YYYY-MM-DD or D.M.YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_date, help_heading = "Filters")]
    pub due_after: Option<NaiveDate>,
    /// Most hits to show (default: 20 in the table, every hit in an export:
    /// json, jsonl, csv, xlsx, ics).
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<usize>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

fn parse_type(s: &str) -> Result<RecordType, String> {
    s.parse::<RecordType>().map_err(|e| e.to_string())
}

/// Parses `2024-07-01` or `1.7.2024`.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map_err(|_| format!("'{s}' is not a date (expected YYYY-MM-DD or D.M.YYYY)"))
}

/// Runs `oppdrag search`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let index = RecordIndex::open(&args.index)?;
    let needs_aliases =
        !(args.body.is_empty() && args.partner.is_empty() && args.responsible.is_empty());
    let pipeline = if needs_aliases {
        Some(Pipeline::new(global)?)
    } else {
        None
    };
    let canonical = |names: &[String]| canonical_bodies(pipeline.as_ref(), names);
    // Flags checked before the search runs; the output opened after it, so
    // a query error leaves an existing file as it was.
    let output = args.format.output(args.output.csv_excel)?;
    if let Output::Records(format) = output {
        sink::check(format, &args.output)?;
    }
    let request = SearchRequest {
        query: args.query.clone(),
        filters: Filters {
            types: args.types.clone(),
            bodies: canonical(&args.body),
            responsible: canonical(&args.responsible),
            partners: canonical(&args.partner),
            units: args.unit.clone(),
            years: args.year.clone(),
            docs: args.doc.clone(),
            due_before: args.due_before,
            due_after: args.due_after,
        },
        // An export holds every hit unless told otherwise; the index caps
        // the limit at what it holds.
        limit: args.limit.unwrap_or(match output {
            Output::Table => TABLE_LIMIT,
            Output::Records(_) | Output::Calendar => usize::MAX,
        }),
        snippet_chars: 160,
    };
    let results = index.search(&request)?;
    let more = results.total.saturating_sub(results.hits.len());
    match output {
        Output::Records(format) => {
            let mut sink = RecordSink::open(format, &args.output)?;
            for hit in &results.hits {
                sink.write(&hit.record)?;
            }
            sink.finish()?;
            report_limit(more, results.hits.len());
        }
        Output::Calendar => {
            let records: Vec<Record> = results.hits.iter().map(|h| h.record.clone()).collect();
            calendar::write_calendar(
                &records,
                args.output.output.as_deref(),
                calendar::DEFAULT_NAME,
                args.output.lang.into(),
            )?;
            report_limit(more, records.len());
        }
        Output::Table => write_table_to(&args.output, &results.hits, more, results.total)?,
    }
    Ok(if results.hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Most hits the table shows when `--limit` is not given.
const TABLE_LIMIT: usize = 20;

/// Says on stderr that `more` hits were left out of an export of `written`.
fn report_limit(more: usize, written: usize) {
    if more > 0 {
        messages::warning(&format!(
            "{written} of {} hits written; use --limit for more",
            written + more
        ));
    }
}

/// Writes the table of hits to the file of `-o`, or to standard output
/// (matches in bold when it is a terminal and `NO_COLOR` is not set).
fn write_table_to(
    output: &OutputArgs,
    hits: &[Hit],
    more: usize,
    total: usize,
) -> anyhow::Result<()> {
    let (out, bold): (Box<dyn Write>, bool) = match &output.output {
        Some(path) => (
            Box::new(File::create(path).with_context(|| format!("creating {}", path.display()))?),
            false,
        ),
        None => {
            let stdout = io::stdout();
            let bold = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
            (Box::new(stdout.lock()), bold)
        }
    };
    let mut out = BufWriter::new(out);
    write_table(&mut out, hits, bold)?;
    if more > 0 {
        writeln!(out, "({} of {total} hits shown; use --limit)", hits.len())?;
    }
    out.flush()?;
    Ok(())
}

/// Canonical names of `names` (aliases such as `FHI` resolved through the
/// rules' gazetteer); names the gazetteer does not know are kept as given.
fn canonical_bodies(pipeline: Option<&Pipeline>, names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            pipeline
                .and_then(|p| p.rules().bodies.canonical(n))
                .map_or_else(|| n.trim().to_string(), str::to_string)
        })
        .collect()
}

/// The display columns of one hit.
fn columns(hit: &Hit, bold: bool) -> [String; 8] {
    let (code, title, unit, responsible) = match &hit.record {
        Record::Assignment(a) => (
            a.code.clone(),
            a.title.clone(),
            a.owner_unit.clone().unwrap_or_default(),
            a.responsible.join(", "),
        ),
        Record::Mandate(m) => (String::new(), m.body.clone(), String::new(), m.body.clone()),
        Record::BudgetLine(b) => (
            match b.post {
                Some(p) => format!("kap. {} post {p:02}", b.chapter),
                None => format!("kap. {}", b.chapter),
            },
            b.name.clone().unwrap_or_default(),
            String::new(),
            String::new(),
        ),
        Record::CalendarEntry(c) => (String::new(), c.what.clone(), String::new(), String::new()),
        Record::Document(d) => (
            String::new(),
            d.title.clone().unwrap_or_default(),
            String::new(),
            d.recipient.clone().unwrap_or_default(),
        ),
    };
    let code = if code.is_empty() {
        hit.record.type_name().to_string()
    } else {
        code
    };
    [
        code,
        clip(&title, 48),
        unit,
        clip(&responsible, 32),
        hit.first_due.map(|d| d.to_string()).unwrap_or_default(),
        hit.record.doc().to_string(),
        hit.record.page().map(|p| p.to_string()).unwrap_or_default(),
        marked(&hit.snippet.text, &hit.snippet.highlights, bold),
    ]
}

/// The snippet with its matches in bold (terminal) or between `*`.
fn marked(text: &str, highlights: &[std::ops::Range<usize>], bold: bool) -> String {
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("*", "*")
    };
    let mut out = String::with_capacity(text.len() + 8 * highlights.len());
    let mut at = 0;
    for range in highlights {
        let (Some(before), Some(word)) = (text.get(at..range.start), text.get(range.clone()))
        else {
            continue;
        };
        out.push_str(before);
        out.push_str(open);
        out.push_str(word);
        out.push_str(close);
        at = range.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` cut to `max` characters, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max.saturating_sub(1)) {
        Some((end, _)) if s.chars().count() > max => format!("{}…", &s[..end]),
        _ => s.to_string(),
    }
}

fn write_table(out: &mut impl Write, hits: &[Hit], bold: bool) -> io::Result<()> {
    const HEADER: [&str; 8] = [
        "code",
        "title",
        "unit",
        "responsible",
        "due",
        "document",
        "page",
        "snippet",
    ];
    let rows: Vec<[String; 8]> = hits.iter().map(|h| columns(h, bold)).collect();
    let mut widths = HEADER.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[&str]| -> io::Result<()> {
        let last = cells.len() - 1;
        for (i, cell) in cells.iter().enumerate() {
            if i == last {
                writeln!(out, "{cell}")?;
            } else {
                let pad = widths[i].saturating_sub(cell.chars().count());
                write!(out, "{cell}{}  ", " ".repeat(pad))?;
            }
        }
        Ok(())
    };
    line(out, &HEADER)?;
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        line(out, &cells)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_in_iso_and_norwegian_order() {
        assert_eq!(
            parse_date("2024-07-01"),
            Ok(NaiveDate::from_ymd_opt(2024, 7, 1).unwrap())
        );
        assert_eq!(
            parse_date("1.7.2024"),
            Ok(NaiveDate::from_ymd_opt(2024, 7, 1).unwrap())
        );
        assert!(parse_date("juli")
            .unwrap_err()
            .contains("'juli' is not a date"));
    }

    #[test]
    fn marked_wraps_highlights() {
        assert_eq!(
            marked("ny tobakksstrategi nå tobakk", &[3..18, 23..29], false),
            "ny *tobakksstrategi* nå *tobakk*"
        );
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(clip("abc", 4), "abc");
    }
}
