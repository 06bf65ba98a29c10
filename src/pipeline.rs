//! Wires the stages: file → document (ingest) → records (extract), in parallel
//! over files, delivering results in input order.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use oppdrag_model::{Document, Record};
use oppdrag_rules::RuleSet;
use rayon::prelude::*;

use crate::{inputs, messages, Global};

/// A failure of one input file; the batch goes on.
#[derive(Debug)]
pub struct FileError {
    /// The file that failed.
    pub path: PathBuf,
    /// What went wrong, one line.
    pub message: String,
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
        oppdrag_pdf::load_path(path, &self.options).map_err(|err| FileError {
            path: path.to_path_buf(),
            message: err.to_string(),
        })
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

/// The rules directory to load: `--rules`, else `./rules` when it holds rule
/// files, else none (the bundled rules).
fn rules_dir(global: &Global) -> Option<PathBuf> {
    if let Some(dir) = &global.rules {
        return Some(dir.clone());
    }
    let local = PathBuf::from("rules");
    local.join("bodies.tsv").is_file().then_some(local)
}

/// Runs `work` over every input file in parallel and hands each result to
/// `sink` in input order.
///
/// Files are processed in bounded chunks so that memory stays flat however
/// many files there are. Paths that do not exist and files whose `work`
/// fails are reported on stderr and counted; the batch goes on. An error
/// returned by `sink` (an output error) stops the batch.
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
    let chunk = (rayon::current_num_threads() * 4).max(8);
    for batch in files.chunks(chunk) {
        let results: Vec<Result<T, FileError>> = batch.par_iter().map(|p| work(p)).collect();
        for (path, result) in batch.iter().zip(results) {
            summary.files += 1;
            match result {
                Ok(value) => sink(path, value)?,
                Err(err) => {
                    summary.failed += 1;
                    messages::file_error(&err.to_string());
                }
            }
        }
    }
    Ok(summary)
}
