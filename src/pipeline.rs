//! Wires the stages: file → document (ingest) → records (extract), in parallel
//! over files, delivering results in input order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};
use std::time::Duration;

use anyhow::Context;
use oppdrag_model::{Document, Record};
use oppdrag_rules::RuleSet;

use crate::{inputs, messages, Global};

/// A failure of one input file; the batch goes on.
#[derive(Debug)]
pub struct FileError {
    /// The file that failed.
    pub path: PathBuf,
    /// What went wrong, one line.
    pub message: String,
}

impl FileError {
    /// The failure of the file at `path`, with one line saying what went wrong.
    pub fn new(path: &Path, message: impl std::fmt::Display) -> FileError {
        FileError {
            path: path.to_path_buf(),
            message: message.to_string(),
        }
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// What one batch did: how many files were read and how many failed.
#[derive(Debug, Default, Clone, Copy)]
pub struct BatchSummary {
    /// Input files seen (including failed ones).
    pub files: usize,
    /// Files that failed (already reported on stderr).
    pub failed: usize,
}

impl BatchSummary {
    /// The process exit code for a batch: 2 when any file failed.
    pub fn exit_code(&self) -> std::process::ExitCode {
        if self.failed > 0 {
            std::process::ExitCode::from(2)
        } else {
            std::process::ExitCode::SUCCESS
        }
    }
}

/// The loaded configuration every file goes through: rules and ingest limits.
pub struct Pipeline {
    rules: RuleSet,
    options: oppdrag_pdf::Options,
}

impl Pipeline {
    /// Loads the rules named by the global flags (or the bundled ones) once.
    pub fn new(global: &Global) -> anyhow::Result<Pipeline> {
        let rules = match rules_dir(global) {
            Some(dir) => RuleSet::load(&dir)
                .with_context(|| format!("loading rules from {}", dir.display()))?,
            None => RuleSet::bundled(),
        };
        let options = oppdrag_pdf::Options {
            max_stream_bytes: global.max_stream_mib.saturating_mul(1 << 20),
            timeout: Duration::from_secs(global.timeout.max(1)),
            ..oppdrag_pdf::Options::default()
        };
        Ok(Pipeline { rules, options })
    }

    /// The compiled rules.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Reads one file into the document model.
    pub fn load(&self, path: &Path) -> Result<Document, FileError> {
        oppdrag_pdf::load_path(path, &self.options)
            .map(|doc| warn_missing_pages(path, doc))
            .map_err(|err| FileError::new(path, err))
    }

    /// Reads a file whole, refusing one over the size limit before reading
    /// it; for callers that need the bytes as well as the document (to hash
    /// them), with [`Pipeline::load_bytes`].
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, FileError> {
        oppdrag_pdf::read_path(path, &self.options).map_err(|err| FileError::new(path, err))
    }

    /// Ingests the bytes [`Pipeline::read`] read from `path`: the same
    /// document as [`Pipeline::load`] of `path`.
    pub fn load_bytes(&self, path: &Path, data: &[u8]) -> Result<Document, FileError> {
        oppdrag_pdf::load_bytes(&oppdrag_pdf::file_name(path), data, &self.options)
            .map(|doc| warn_missing_pages(path, doc))
            .map_err(|err| FileError::new(path, err))
    }

    /// Extracts the records of an ingested document.
    pub fn records(&self, doc: &Document) -> Vec<Record> {
        oppdrag_extract::extract(doc, &self.rules)
    }

    /// Reads one file and extracts its records.
    pub fn extract(&self, path: &Path) -> Result<Vec<Record>, FileError> {
        let doc = self.load(path)?;
        Ok(self.records(&doc))
    }
}

/// Says on stderr which pages of `path` could not be read (the others
/// were, and their records are written); returns the document.
fn warn_missing_pages(path: &Path, doc: Document) -> Document {
    let missing = &doc.unreadable_pages;
    if !missing.is_empty() {
        let list: Vec<String> = missing.iter().map(u32::to_string).collect();
        let (noun, verb) = if missing.len() == 1 {
            ("page", "is damaged and was")
        } else {
            ("pages", "are damaged and were")
        };
        messages::warning(&format!(
            "{}: {noun} {} of {} {verb} left out",
            path.display(),
            list.join(", "),
            doc.pages.len() + missing.len()
        ));
    }
    doc
}

/// The rules directory to load: `--rules`, else `./rules` when it holds rule
/// files, else none (the bundled rules).
fn rules_dir(global: &Global) -> Option<PathBuf> {
    if let Some(dir) = &global.rules {
        return Some(dir.clone());
    }
    let local = PathBuf::from("rules");
    local.join("bodies.tsv").is_file().then_some(local)
}

/// Files a worker may run ahead of the sink, per worker thread.
///
/// The sink (output, index) sometimes stops for a while, as when the index
/// commits; workers go on with the next files meanwhile, up to this many
/// each. It bounds the results held in memory whatever the corpus size.
const AHEAD_PER_THREAD: usize = 32;

/// Runs `work` over every input file in parallel and hands each result to
/// `sink` in input order.
///
/// Workers (the threads of rayon's global pool) take files in input order
/// and never wait for each other: the sink runs on the calling thread while
/// they go on, so a slow file or a slow sink keeps no worker idle. A worker
/// takes a file only while it is at most [`AHEAD_PER_THREAD`] × threads files
/// ahead of the sink, so memory stays flat however many files there are.
/// Paths that do not exist and files whose `work` fails are reported on
/// stderr and counted; the batch goes on. A panic in `work` is reported as
/// that file's failure. An error returned by `sink` (an output error) stops
/// the batch.
pub fn for_each_ordered<T, W, S>(
    paths: &[PathBuf],
    work: W,
    mut sink: S,
) -> anyhow::Result<BatchSummary>
where
    T: Send,
    W: Fn(&Path) -> Result<T, FileError> + Sync,
    S: FnMut(&Path, T) -> anyhow::Result<()>,
{
    let mut summary = BatchSummary::default();
    let mut files = Vec::new();
    for entry in inputs::expand(paths) {
        match entry {
            Ok(path) => files.push(path),
            Err(message) => {
                summary.files += 1;
                summary.failed += 1;
                messages::file_error(&message);
            }
        }
    }
    let threads = rayon::current_num_threads().max(1);
    let gate = Gate::new(threads * AHEAD_PER_THREAD);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, Result<T, FileError>)>();
    let files = &files;
    let mut outcome = Ok(());
    rayon::in_place_scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (gate, next, work) = (&gate, &next, &work);
            scope.spawn(move |_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = files.get(i) else { break };
                if !gate.wait_for(i) {
                    break;
                }
                let result = guarded(path, || work(path));
                if sender.send((i, result)).is_err() {
                    break;
                }
            });
        }
        drop(sender);
        // Results arrive in any order; hand them on in input order.
        let mut waiting = BTreeMap::new();
        let mut sunk = 0;
        'receive: for (i, result) in receiver.iter() {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&sunk) {
                let path = &files[sunk];
                sunk += 1;
                gate.advance(sunk);
                summary.files += 1;
                match result {
                    Ok(value) => {
                        if let Err(err) = sink(path, value) {
                            outcome = Err(err);
                            break 'receive;
                        }
                    }
                    Err(err) => {
                        summary.failed += 1;
                        messages::file_error(&err.to_string());
                    }
                }
            }
        }
        // On a sink error, let the workers go: they stop at their next file.
        gate.close();
        drop(receiver);
    });
    outcome.map(|()| summary)
}

/// Runs `work` on `path`, turning a panic into that file's failure.
fn guarded<T>(path: &Path, work: impl FnOnce() -> Result<T, FileError>) -> Result<T, FileError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_string());
        Err(FileError::new(
            path,
            format!("internal error while reading this file (please report it): {what}"),
        ))
    })
}

/// How far ahead of the sink workers may run: file `i` may start once fewer
/// than `ahead` files before it are still to be sunk.
struct Gate {
    ahead: usize,
    state: Mutex<GateState>,
    moved: Condvar,
}

struct GateState {
    /// Files handed to the sink so far.
    sunk: usize,
    /// The batch stopped: no more files start.
    closed: bool,
}

impl Gate {
    fn new(ahead: usize) -> Gate {
        Gate {
            ahead: ahead.max(1),
            state: Mutex::new(GateState {
                sunk: 0,
                closed: false,
            }),
            moved: Condvar::new(),
        }
    }

    /// Waits until file `i` may start; false when the batch stopped.
    fn wait_for(&self, i: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !state.closed && i >= state.sunk + self.ahead {
            state = self.moved.wait(state).unwrap_or_else(|e| e.into_inner());
        }
        !state.closed
    }

    /// Records that `sunk` files have been handed to the sink.
    fn advance(&self, sunk: usize) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.sunk = sunk;
        drop(state);
        self.moved.notify_all();
    }

    /// Stops the batch: waiting workers return.
    fn close(&self) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.closed = true;
        drop(state);
        self.moved.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    /// `n` empty input files named by their number, in input order.
    fn files(n: usize) -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let paths = (0..n)
            .map(|i| {
                let path = dir.path().join(format!("{i:04}.txt"));
                std::fs::write(&path, "").expect("write");
                path
            })
            .collect();
        (dir, paths)
    }

    fn number(path: &Path) -> usize {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        stem.parse().unwrap_or(usize::MAX)
    }

    #[test]
    fn results_reach_the_sink_in_input_order_and_workers_stay_within_the_window() {
        let (_dir, paths) = files(300);
        let sunk = AtomicUsize::new(0);
        let furthest_ahead = AtomicUsize::new(0);
        let mut seen = Vec::new();
        let summary = for_each_ordered(
            &paths,
            |path| {
                let i = number(path);
                let ahead = i.saturating_sub(sunk.load(Ordering::SeqCst));
                furthest_ahead.fetch_max(ahead, Ordering::SeqCst);
                // Uneven work, so results arrive out of order.
                std::thread::sleep(Duration::from_micros((i * 7919 % 13) as u64 * 50));
                Ok(i)
            },
            |_, i| {
                seen.push(i);
                sunk.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .expect("batch");
        assert_eq!(seen, (0..300).collect::<Vec<_>>());
        assert_eq!((summary.files, summary.failed), (300, 0));
        let window = rayon::current_num_threads() * AHEAD_PER_THREAD;
        assert!(furthest_ahead.load(Ordering::SeqCst) < window);
    }

    #[test]
    fn a_failing_or_panicking_file_is_counted_and_the_batch_goes_on() {
        let (_dir, mut paths) = files(40);
        paths.insert(5, PathBuf::from("/no/such/file.pdf"));
        let mut seen = Vec::new();
        let summary = for_each_ordered(
            &paths,
            |path| match number(path) {
                7 => panic!("a bug in a stage"),
                9 => Err(FileError::new(path, "corrupt")),
                i => Ok(i),
            },
            |_, i| {
                seen.push(i);
                Ok(())
            },
        )
        .expect("batch");
        assert_eq!((summary.files, summary.failed), (41, 3));
        let expected: Vec<usize> = (0..40).filter(|i| *i != 7 && *i != 9).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_sink_error_stops_the_batch() {
        let (_dir, paths) = files(2000);
        let worked = AtomicUsize::new(0);
        let result = for_each_ordered(
            &paths,
            |path| {
                worked.fetch_add(1, Ordering::SeqCst);
                Ok(number(path))
            },
            |_, i| {
                if i == 10 {
                    anyhow::bail!("disk full");
                }
                Ok(())
            },
        );
        let err = result.expect_err("the sink error ends the batch");
        assert_eq!(err.to_string(), "disk full");
        assert!(worked.load(Ordering::SeqCst) < 1000);
    }
}
