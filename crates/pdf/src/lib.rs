//! Ingestion: PDF, plain text and Markdown files into the shared document model.
//!
//! Skeleton: the real implementation lands in this crate (owner: the ingestion work).
#![deny(missing_docs)]

use std::path::Path;
use std::time::Duration;

use oppdrag_model::Document;

/// Limits and switches for loading a file.
#[derive(Clone, Debug)]
pub struct Options {
    /// Largest number of bytes one stream may inflate to. Default 256 MiB.
    pub max_stream_bytes: u64,
    /// Longest time one file may take. Default 60 s.
    pub timeout: Duration,
    /// Deepest chain of object references or nested forms followed. Default 64.
    pub max_depth: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_stream_bytes: 256 << 20,
            timeout: Duration::from_secs(60),
            max_depth: 64,
        }
    }
}

/// An error loading one file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file is not supported yet.
    #[error("unsupported input: {0}")]
    Unsupported(String),
}

/// Loads a `.pdf`, `.txt` or `.md` file into a [`Document`].
pub fn load_path(path: &Path, options: &Options) -> Result<Document, Error> {
    let _ = (path, options);
    Err(Error::Unsupported("ingestion is not built yet".into()))
}
