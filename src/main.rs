//! `oppdrag`: reads Norwegian government steering documents and turns them into
//! structured, searchable obligations.
//!
//! The binary is thin: it parses flags, wires the stages (see `pipeline`) and
//! sets the exit code. 0 means success, 1 means a search found nothing, 2 means
//! an error (a bad flag, or one or more input files that failed).

mod alloc;
mod cmd;
mod cpus;
mod inputs;
mod messages;
mod pipeline;
mod sink;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn Norwegian steering documents (tildelingsbrev, oppdragsdokument,
/// mandater) into structured, searchable obligations.
///
/// Directories given as inputs are walked recursively for .pdf, .txt and .md
/// files. Errors in one file are reported and the batch goes on; the exit code
/// is 2 when any file failed.
#[derive(Debug, Parser)]
#[command(name = "oppdrag", version, about, long_about)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Flags shared by every command.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Number of files processed in parallel (default: number of cores).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Directory of rule files to use instead of the bundled rules.
    ///
    /// Without it, `./rules` is used when it exists, else the rules built into
    /// the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Per-file time limit in seconds for PDF parsing.
    #[arg(long, global = true, value_name = "SECS", default_value_t = 60)]
    pub timeout: u64,
    /// Largest size in MiB one PDF stream may inflate to (guards against zip bombs).
    #[arg(long, global = true, value_name = "MIB", default_value_t = 256)]
    pub max_stream_mib: u64,
    /// Print no error messages for individual files (the exit code still says).
    #[arg(long, global = true)]
    pub no_messages: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the text of files as pdftotext would (pages separated by form feeds).
    Text(cmd::text::Args),
    /// Extract records (documents, assignments, budget lines, calendar entries, mandates).
    Extract(cmd::extract::Args),
    /// Score extracted records against gold JSONL, field by field.
    Eval(cmd::eval::Args),
    /// Extract and add files to a search index on disk.
    Index(cmd::index::Args),
    /// Search the index for obligations.
    Search(cmd::search::Args),
    /// Counts per document, year, unit, body and deadline month in the index.
    Stats(cmd::stats::Args),
    /// Write an iCalendar file with one all-day event per dated deadline.
    Calendar(cmd::calendar::Args),
    /// Compare two letters or two sets of letters.
    Diff(cmd::diff::Args),
    /// Generate synthetic letters and mandates with their gold records.
    Corpus(cmd::corpus::Args),
    /// Benchmark the whole pipeline, stage by stage.
    Bench(cmd::bench::Args),
}

fn main() -> ExitCode {
    alloc::configure();
    let cli = Cli::parse();
    messages::set_quiet(cli.global.no_messages);
    // Before any thread starts, so that every thread inherits the mask.
    let pinned = match &cli.command {
        Command::Bench(args) => cmd::bench::pin(args, &cli.global),
        _ => None,
    };
    // Workers get stacks big enough to parse PDFs on (reserved, not
    // committed, until used), so no file needs a parser thread of its own.
    // Building only fails when a pool already exists, which cannot happen
    // this early; rayon's default pool is then used.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cli.global.jobs.map_or(0, |jobs| jobs.max(1)))
        .stack_size(oppdrag_pdf::PARSER_STACK)
        .start_handler(|_| oppdrag_pdf::declare_parser_stack())
        .build_global();
    let result = match cli.command {
        Command::Text(args) => cmd::text::run(args, &cli.global),
        Command::Extract(args) => cmd::extract::run(args, &cli.global),
        Command::Eval(args) => cmd::eval::run(args, &cli.global),
        Command::Index(args) => cmd::index::run(args, &cli.global),
        Command::Search(args) => cmd::search::run(args, &cli.global),
        Command::Stats(args) => cmd::stats::run(args, &cli.global),
        Command::Calendar(args) => cmd::calendar::run(args, &cli.global),
        Command::Diff(args) => cmd::diff::run(args, &cli.global),
        Command::Corpus(args) => cmd::corpus::run(args, &cli.global),
        Command::Bench(args) => cmd::bench::run(args, &cli.global, pinned),
    };
    match result {
        Ok(code) => code,
        Err(err) if messages::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            messages::error(&format!("{err:#}"));
            ExitCode::from(2)
        }
    }
}
