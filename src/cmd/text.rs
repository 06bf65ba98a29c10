//! `oppdrag text`: prints the text of files as `pdftotext` does.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use oppdrag_model::Document;

use crate::pipeline::{for_each_ordered, FileError};
use crate::Global;

/// Flags of `oppdrag text`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories (walked for .pdf, .txt and .md files).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Leave out running headers and footers (page numbers, repeated titles).
    #[arg(long)]
    pub body: bool,
    /// Print each document as one line of JSON (the document model) instead.
    #[arg(long, conflicts_with = "body")]
    pub json: bool,
}

/// Runs `oppdrag text`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let options = oppdrag_pdf::Options {
        max_stream_bytes: global.max_stream_mib.saturating_mul(1 << 20),
        timeout: Duration::from_secs(global.timeout.max(1)),
        ..oppdrag_pdf::Options::default()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = for_each_ordered(
        &args.paths,
        |path| oppdrag_pdf::load_path(path, &options).map_err(|err| FileError::new(path, err)),
        |_, doc| {
            if args.json {
                serde_json::to_writer(&mut out, &doc)?;
                out.write_all(b"\n")?;
            } else {
                write_text(&mut out, &doc, !args.body)?;
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(summary.exit_code())
}

/// Writes a document's text: lines joined by `\n`, each page ended by a
/// form feed; running headers and footers in place when `running` is set;
/// a page that could not be read as an empty page, as [`Document::text`].
fn write_text(out: &mut impl Write, doc: &Document, running: bool) -> std::io::Result<()> {
    let mut unreadable = doc.unreadable_pages.iter().peekable();
    for page in &doc.pages {
        while unreadable.next_if(|&&n| n < page.number).is_some() {
            out.write_all(b"\x0c")?;
        }
        if running {
            for line in &page.header {
                writeln!(out, "{line}")?;
            }
        }
        for line in &page.lines {
            writeln!(out, "{}", line.text)?;
        }
        if running {
            for line in &page.footer {
                writeln!(out, "{line}")?;
            }
        }
        out.write_all(b"\x0c")?;
    }
    for _ in unreadable {
        out.write_all(b"\x0c")?;
    }
    Ok(())
}
