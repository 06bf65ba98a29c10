//! `oppdrag bench`: runs the whole pipeline (PDF → text → records → index in
//! a temporary directory) over the inputs and reports, per stage, the wall
//! time, pages/s, MB/s and records/s, plus peak memory and failed files.
//! `--vs-pdftotext` times `pdftotext` on the same PDF files in the same run.
//!
//! Files are processed in parallel (`--jobs`), each worker also building
//! its files' index documents, while the calling thread adds those of
//! finished files to the index (as `oppdrag index` does), so the
//! stages overlap: each stage's busy time is what the threads spent in it,
//! and the run's wall time is split between the stages in proportion to it.
//! tantivy's own indexing thread is not in any stage's busy time; the
//! process CPU time (`cpu_s`) includes it.
//!
//! With `--jobs N` below the number of CPUs, the process runs pinned to `N`
//! CPUs (see [`crate::cpus`]), tantivy's threads and pdftotext included, so
//! the figures are those of `N` cores; `--no-pin` lets those threads run on
//! the other CPUs as `oppdrag index` does.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use oppdrag_index::{content_hash, PreparedFile, RecordIndex};
use rayon::prelude::*;
use serde::Serialize;

use crate::cmd::index::{prepare_file, source_of};
use crate::pipeline::{for_each_ordered, FileError, Pipeline};
use crate::{cpus, inputs, messages, Global};

/// Writer memory budget in bytes for the temporary index (as `oppdrag index`).
const WRITER_MEMORY: usize = 64 << 20;
/// Indexing threads of the writer (as `oppdrag index`).
const WRITER_THREADS: usize = 1;
/// Below this much text (bytes) the rule-stage figure mostly measures the
/// lazily built regexes' first use on each worker thread.
const SMALL_TEXT: u64 = 5_000_000;
/// Commit the temporary index after this many files, to keep memory flat.
const COMMIT_EVERY: usize = 500;

/// Output format of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// An aligned table for people.
    Table,
    /// One JSON object.
    Json,
}

/// Flags of `oppdrag bench`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to run the pipeline on (.pdf, .txt, .md).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Also time `pdftotext` on the same PDF files (same number of jobs)
    /// and print the pipeline's speed relative to it.
    #[arg(long)]
    pub vs_pdftotext: bool,
    /// Skip the index stage.
    #[arg(long)]
    pub no_index: bool,
    /// With `--jobs N`, do not pin the process to N CPUs: tantivy's
    /// indexing thread and pdftotext may then use the other CPUs too.
    #[arg(long)]
    pub no_pin: bool,
}

/// Pins the process to `--jobs` CPUs, unless `--no-pin` or no `--jobs`;
/// returns the CPUs chosen. Call it before any thread is started.
///
/// A failure is a warning: the benchmark runs unpinned, and its report
/// says so (`pinned_cpus` empty).
pub fn pin(args: &Args, global: &Global) -> Option<Vec<usize>> {
    if args.no_pin {
        return None;
    }
    match cpus::pin_to(global.jobs?) {
        Ok(chosen) => chosen,
        Err(err) => {
            messages::warning(&format!("running unpinned: cannot pin to CPUs: {err}"));
            None
        }
    }
}

/// What the parallel part measured for one file.
struct FileRun {
    pages: u64,
    bytes: u64,
    /// Bytes of body text the rule stage read (as `oppdrag text --body` prints it).
    text_bytes: u64,
    records: usize,
    /// The file's index documents, when there is an index.
    prepared: Option<PreparedFile>,
    ingest: Duration,
    extract: Duration,
    /// Hashing the file and building its index documents (index stage).
    preparing: Duration,
}

/// One stage's figures.
#[derive(Debug, Default, Serialize)]
struct Stage {
    name: &'static str,
    /// Wall-clock seconds attributed to the stage.
    wall_s: f64,
    /// Seconds the threads spent in the stage, summed over threads (for
    /// the index stage: hashing files and building their index documents
    /// on the workers, and adding and committing on the calling thread).
    busy_s: f64,
    pages_per_s: f64,
    mb_per_s: f64,
    records_per_s: f64,
    skipped: bool,
}

/// The pdftotext comparison.
#[derive(Debug, Serialize)]
struct Versus {
    files: u64,
    pages: u64,
    wall_s: f64,
    pages_per_s: f64,
    failed: u64,
    /// Pipeline pages/s (whole pipeline, same files) over pdftotext pages/s.
    pipeline_ratio: f64,
    /// Ingest-stage pages/s over pdftotext pages/s.
    ingest_ratio: f64,
}

/// The whole report.
#[derive(Debug, Serialize)]
struct Report {
    jobs: usize,
    /// The CPUs the run was pinned to (empty: not pinned, every CPU
    /// available; see [`pin`]).
    pinned_cpus: Vec<usize>,
    files: u64,
    failed: u64,
    failed_files: Vec<String>,
    pages: u64,
    mb: f64,
    /// Bytes of body text the ingest stage produced and the rule stage read
    /// (as `oppdrag text --body` prints it: lines ended by `\n`, pages by a
    /// form feed).
    text_bytes: u64,
    /// Rule-stage throughput: text megabytes per second of extract busy
    /// time, i.e. per core.
    rule_stage_text_mb_per_core_s: f64,
    records: u64,
    wall_s: f64,
    /// CPU seconds of the whole process (all threads, user and system)
    /// over the run, pdftotext excluded.
    cpu_s: f64,
    /// `cpu_s / wall_s`: how many cores the run kept busy on average.
    cores_used: f64,
    pages_per_s: f64,
    mb_per_s: f64,
    records_per_s: f64,
    peak_rss_mb: Option<f64>,
    /// Largest anonymous (heap) resident memory seen, sampled every few
    /// files: peak RSS without the memory-mapped index files.
    peak_anon_rss_mb: Option<f64>,
    stages: Vec<Stage>,
    pdftotext: Option<Versus>,
}

/// Runs `oppdrag bench`.
///
/// `pinned` is what [`pin`] returned, before any thread was started.
pub fn run(args: Args, global: &Global, pinned: Option<Vec<usize>>) -> anyhow::Result<ExitCode> {
    let pipeline = Pipeline::new(global)?;
    let jobs = rayon::current_num_threads();
    let tmp = tempfile::Builder::new()
        .prefix("oppdrag-bench-")
        .tempdir()
        .context("creating a temporary directory for the index")?;
    let index = if args.no_index {
        None
    } else {
        Some(
            RecordIndex::open_or_create(&tmp.path().join("index"))
                .context("creating the temporary index")?,
        )
    };
    let mut writer = match &index {
        Some(ix) => Some(
            ix.writer(WRITER_THREADS, WRITER_MEMORY)
                .context("opening the temporary index writer")?,
        ),
        None => None,
    };

    let (mut pages, mut bytes, mut text_bytes, mut records) = (0u64, 0u64, 0u64, 0u64);
    let (mut ingest, mut extract, mut preparing) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut index_wall = Duration::ZERO;
    let mut failed_files = Vec::new();
    let mut since_commit = 0;
    let mut seen = 0usize;
    let mut peak_anon = rss_kib("RssAnon:");
    let cpu_start = cpu_time::ProcessTime::try_now().ok();
    let start = Instant::now();
    let summary = for_each_ordered(
        &args.paths,
        |path| Ok(run_file(&pipeline, path, index.as_ref())),
        |path, result: Result<FileRun, FileError>| {
            seen += 1;
            if seen % 16 == 0 {
                peak_anon = peak_anon.max(rss_kib("RssAnon:"));
            }
            let run = match result {
                Ok(run) => run,
                Err(err) => {
                    messages::file_error(&err.to_string());
                    failed_files.push(path.display().to_string());
                    return Ok(());
                }
            };
            pages += run.pages;
            bytes += run.bytes;
            text_bytes += run.text_bytes;
            records += run.records as u64;
            ingest += run.ingest;
            extract += run.extract;
            preparing += run.preparing;
            if let (Some(w), Some(file)) = (writer.as_mut(), run.prepared) {
                let t = Instant::now();
                w.add_prepared(file)
                    .with_context(|| format!("indexing {}", path.display()))?;
                since_commit += 1;
                if since_commit >= COMMIT_EVERY {
                    w.checkpoint().context("committing the index")?;
                    since_commit = 0;
                }
                index_wall += t.elapsed();
            }
            Ok(())
        },
    )?;
    if let Some(mut w) = writer.take() {
        let t = Instant::now();
        w.commit().context("committing the index")?;
        w.finish().context("finishing the index")?;
        index_wall += t.elapsed();
    }
    let wall = start.elapsed();
    let cpu_s = cpu_start
        .and_then(|t| t.try_elapsed().ok())
        .map_or(0.0, |d| d.as_secs_f64());
    let peak_anon = peak_anon.max(rss_kib("RssAnon:"));
    let peak_rss_mb = rss_kib("VmHWM:").map(|k| k as f64 / 1024.0);
    let peak_anon_rss_mb = peak_anon.map(|k| k as f64 / 1024.0);

    // Split the wall time between the stages by their busy time.
    let busy_total = (ingest + extract + preparing + index_wall).as_secs_f64();
    let share = |busy: f64| {
        if busy_total > 0.0 {
            wall.as_secs_f64() * busy / busy_total
        } else {
            0.0
        }
    };
    let mb = bytes as f64 / 1e6;
    let stage = |name, wall_s: f64, busy_s: f64, skipped| Stage {
        name,
        wall_s,
        busy_s,
        pages_per_s: per(pages as f64, wall_s),
        mb_per_s: per(mb, wall_s),
        records_per_s: per(records as f64, wall_s),
        skipped,
    };
    let index_busy = preparing.as_secs_f64() + index_wall.as_secs_f64();
    let stages = vec![
        stage(
            "ingest (PDF → text)",
            share(ingest.as_secs_f64()),
            ingest.as_secs_f64(),
            false,
        ),
        stage(
            "extract (text → records)",
            share(extract.as_secs_f64()),
            extract.as_secs_f64(),
            false,
        ),
        stage(
            "index (records → tantivy)",
            share(index_busy),
            index_busy,
            args.no_index,
        ),
    ];
    let wall_s = wall.as_secs_f64();
    let missing = summary.failed as u64;
    let mut report = Report {
        jobs,
        pinned_cpus: pinned.unwrap_or_default(),
        files: summary.files as u64,
        failed: failed_files.len() as u64 + missing,
        failed_files,
        pages,
        mb,
        text_bytes,
        rule_stage_text_mb_per_core_s: per(text_bytes as f64 / 1e6, extract.as_secs_f64()),
        records,
        wall_s,
        cpu_s,
        cores_used: per(cpu_s, wall_s),
        pages_per_s: per(pages as f64, wall_s),
        mb_per_s: per(mb, wall_s),
        records_per_s: per(records as f64, wall_s),
        peak_rss_mb,
        peak_anon_rss_mb,
        stages,
        pdftotext: None,
    };
    drop(index);
    drop(tmp);
    if args.vs_pdftotext {
        report.pdftotext = Some(versus(&args.paths, &report)?);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Table => write_table(&mut out, &report)?,
    }
    out.flush()?;
    Ok(if report.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn per(n: f64, secs: f64) -> f64 {
    if secs > 0.0 {
        n / secs
    } else {
        0.0
    }
}

/// Ingests and extracts one file and, with an index, hashes it and builds
/// its index documents, timing each step.
fn run_file(
    pipeline: &Pipeline,
    path: &Path,
    index: Option<&RecordIndex>,
) -> Result<FileRun, FileError> {
    let t = Instant::now();
    let data = pipeline.read(path)?;
    let doc = pipeline.load_bytes(path, &data)?;
    let ingest = t.elapsed();
    let bytes = data.len() as u64;
    // The index needs the file's hash: taken from the bytes already read,
    // and timed with the index stage.
    let t = Instant::now();
    let hash = index.map(|_| content_hash(&data));
    let hashing = t.elapsed();
    drop(data);
    let t = Instant::now();
    let records = pipeline.records(&doc);
    let extract = t.elapsed();
    let pages = doc.pages.len() as u64;
    let text_bytes = doc.text_len() as u64;
    drop(doc);
    let t = Instant::now();
    let prepared = index
        .zip(hash)
        .map(|(index, hash)| prepare_file(index, path, &source_of(path, hash), &records))
        .transpose()?;
    Ok(FileRun {
        pages,
        bytes,
        text_bytes,
        records: records.len(),
        prepared,
        ingest,
        extract,
        preparing: hashing + t.elapsed(),
    })
}

/// A memory figure of this process in KiB from /proc/self/status (`VmHWM:`
/// is the peak resident set, `RssAnon:` the current anonymous part), where
/// /proc has it.
fn rss_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Times `pdftotext` over the PDF inputs with the same number of jobs.
fn versus(paths: &[PathBuf], report: &Report) -> anyhow::Result<Versus> {
    let pdfs: Vec<PathBuf> = inputs::expand(paths)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")))
        .collect();
    Command::new("pdftotext")
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("--vs-pdftotext: cannot run pdftotext (is poppler-utils installed?)")?;
    let failed = AtomicUsize::new(0);
    let start = Instant::now();
    pdfs.par_iter().for_each(|pdf| {
        let ok = Command::new("pdftotext")
            .arg("-q")
            .arg(pdf)
            .arg("-")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            failed.fetch_add(1, Ordering::Relaxed);
        }
    });
    let wall_s = start.elapsed().as_secs_f64();
    // Compare on the same pages: the pipeline's page count covers the PDFs
    // and any text inputs; pdftotext only sees PDFs.
    let pages = report.pages;
    let pages_per_s = per(pages as f64, wall_s);
    let ingest = report.stages.first().map_or(0.0, |s| s.pages_per_s);
    Ok(Versus {
        files: pdfs.len() as u64,
        pages,
        wall_s,
        pages_per_s,
        failed: failed.load(Ordering::Relaxed) as u64,
        pipeline_ratio: per(report.pages_per_s, pages_per_s),
        ingest_ratio: per(ingest, pages_per_s),
    })
}

fn write_table(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{} files ({} failed), {} pages, {:.1} MB, {} records, {} jobs{}",
        r.files,
        r.failed,
        r.pages,
        r.mb,
        r.records,
        r.jobs,
        match r.pinned_cpus.as_slice() {
            [] => String::new(),
            cpus => format!(
                " (pinned to CPU {})",
                cpus.iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<28} {:>9} {:>9} {:>10} {:>9} {:>11}",
        "stage", "wall s", "busy s", "pages/s", "MB/s", "records/s"
    )?;
    for s in &r.stages {
        if s.skipped {
            writeln!(out, "{:<28} {:>9}", s.name, "skipped")?;
            continue;
        }
        writeln!(
            out,
            "{:<28} {:>9.2} {:>9.2} {:>10.1} {:>9.2} {:>11.1}",
            s.name, s.wall_s, s.busy_s, s.pages_per_s, s.mb_per_s, s.records_per_s
        )?;
    }
    writeln!(
        out,
        "{:<28} {:>9.2} {:>9} {:>10.1} {:>9.2} {:>11.1}",
        "total", r.wall_s, "", r.pages_per_s, r.mb_per_s, r.records_per_s
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "rule stage: {:.2} MB of text, {:.1} MB/s per core (extract busy time){}",
        r.text_bytes as f64 / 1e6,
        r.rule_stage_text_mb_per_core_s,
        if r.text_bytes < SMALL_TEXT {
            "; on so little text the rules' one-time set-up on each thread weighs in"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "CPU: {:.2} s over {:.2} s wall ({:.2} cores busy on average)",
        r.cpu_s, r.wall_s, r.cores_used
    )?;
    match r.peak_rss_mb {
        Some(mb) => writeln!(
            out,
            "peak RSS: {mb:.1} MB (anonymous memory, sampled: {:.1} MB)",
            r.peak_anon_rss_mb.unwrap_or(0.0)
        )?,
        None => writeln!(out, "peak RSS: unknown (no /proc/self/status)")?,
    }
    if let Some(v) = &r.pdftotext {
        writeln!(
            out,
            "pdftotext: {} files, {:.2} s wall, {:.1} pages/s ({} failed)",
            v.files, v.wall_s, v.pages_per_s, v.failed
        )?;
        writeln!(
            out,
            "pipeline vs pdftotext: {:.2}x pages/s (whole pipeline), {:.2}x (ingest stage only)",
            v.pipeline_ratio, v.ingest_ratio
        )?;
    }
    for f in &r.failed_files {
        writeln!(out, "failed: {f}")?;
    }
    Ok(())
}
