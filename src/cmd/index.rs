//! `oppdrag index`: extract files in parallel and add their records to a search index.
//!
//! Incremental: a file whose content hash is already in the index is skipped,
//! a changed file's records are replaced (deleted by path, then added), and
//! `--prune` removes the records of indexed files that no longer exist. One
//! writer commits every `--commit-every` changed files and at the end, so a
//! run that is killed leaves the last commit readable and a rerun goes on
//! from there.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use oppdrag_index::{content_hash, PreparedFile, RecordIndex, Source};
use oppdrag_model::Record;

use crate::pipeline::{for_each_ordered, FileError, Pipeline};
use crate::{inputs, Global};

/// Writer memory budget in bytes: the most the writer buffers before it
/// writes a segment (commits come earlier, every `--commit-every` files).
const WRITER_MEMORY: usize = 64 << 20;
/// Indexing threads of the writer. One: the records come from one consumer
/// thread, and every extra writer thread keeps an allocator arena of its own
/// that grows with the run (peak memory 2× at 10 000 files with two).
const WRITER_THREADS: usize = 1;

/// Flags of `oppdrag index`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to index (.pdf, .txt, .md).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Index directory (created when missing).
    #[arg(long, value_name = "DIR", default_value = "index")]
    pub index: PathBuf,
    /// Remove the records of indexed files that no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Re-extract every file, even when its content is unchanged.
    #[arg(long)]
    pub force: bool,
    /// Commit after this many changed files (and at the end).
    ///
    /// A run that is interrupted keeps everything committed so far; the next
    /// run skips those files.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub commit_every: usize,
}

/// What the parallel stage found for one file.
enum Outcome {
    /// The index already holds this content.
    Unchanged,
    /// New or changed: its records, as index documents.
    Changed(PreparedFile),
}

/// Counts reported at the end of a run.
#[derive(Debug, Default)]
struct Tally {
    changed: usize,
    unchanged: usize,
    records: usize,
    pruned: usize,
}

/// Runs `oppdrag index`.
pub fn run(args: Args, global: &Global) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(global)?;
    let index = RecordIndex::open_or_create(&args.index)?;
    // Take the lock before any work, so that a second run fails at once.
    let mut writer = index.writer(WRITER_THREADS, WRITER_MEMORY)?;
    let force = args.force;

    let total = inputs::expand(&args.paths).len();
    let progress = progress_bar(total as u64);
    let mut tally = Tally::default();
    let mut since_commit = 0;
    let summary = for_each_ordered(
        &args.paths,
        |path| {
            // Read once: hashed to skip an unchanged file, then parsed.
            let bytes = pipeline.read(path)?;
            let source = source_of(path, content_hash(&bytes));
            // One lookup in the last commit per file: no list of every
            // indexed file is held in memory.
            if !force {
                let indexed = index.file_hash(&source.path).map_err(|err| {
                    FileError::new(path, format!("cannot look up in the index: {err}"))
                })?;
                if indexed.as_deref() == Some(source.hash.as_str()) {
                    return Ok(Outcome::Unchanged);
                }
            }
            let doc = pipeline.load_bytes(path, &bytes)?;
            drop(bytes);
            let records = pipeline.records(&doc);
            drop(doc);
            // The index documents are built here, in parallel; the writer
            // only adds them.
            Ok(Outcome::Changed(prepare_file(
                &index, path, &source, &records,
            )?))
        },
        |path, outcome| {
            progress.inc(1);
            progress.set_message(file_label(path));
            match outcome {
                Outcome::Unchanged => tally.unchanged += 1,
                Outcome::Changed(file) => {
                    tally.records += writer
                        .add_prepared(file)
                        .with_context(|| format!("indexing {}", path.display()))?;
                    tally.changed += 1;
                    since_commit += 1;
                    if since_commit >= args.commit_every.max(1) {
                        writer.checkpoint().context("committing the index")?;
                        since_commit = 0;
                    }
                }
            }
            Ok(())
        },
    )?;
    if summary.failed > 0 {
        progress.inc(summary.failed as u64);
    }
    if args.prune {
        // The files indexed before this run (intermediate commits do not
        // refresh the searcher); those indexed during it exist.
        for path in index.files()?.keys() {
            if !Path::new(path).exists() {
                writer.remove_file(path);
                tally.pruned += 1;
            }
        }
    }
    writer.commit().context("committing the index")?;
    writer.finish()?;
    progress.finish_and_clear();
    println!(
        "{}: {} files indexed ({} records), {} unchanged, {} pruned, {} failed",
        args.index.display(),
        tally.changed,
        tally.records,
        tally.unchanged,
        tally.pruned,
        summary.failed
    );
    Ok(summary.exit_code())
}

/// Where a file's records come from, as the index remembers it: its path,
/// absolute and canonical when possible, and the hash of its bytes.
pub(crate) fn source_of(path: &Path, hash: String) -> Source {
    Source {
        path: std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.to_path_buf())
            .to_string_lossy()
            .into_owned(),
        hash,
    }
}

/// Builds the index documents of the file at `path` from its records.
pub(crate) fn prepare_file(
    index: &RecordIndex,
    path: &Path,
    source: &Source,
    records: &[Record],
) -> Result<PreparedFile, FileError> {
    index
        .prepare(source, records)
        .map_err(|err| FileError::new(path, format!("cannot prepare for the index: {err}")))
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A progress bar on stderr when it is a terminal, hidden otherwise.
fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} indexing [{bar:30}] {pos}/{len} files {per_sec} eta {eta} {wide_msg}",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
