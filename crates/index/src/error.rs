//! The error type of this crate.

use std::path::PathBuf;

/// A specialised `Result` for index operations.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong when opening, writing or searching an index.
///
/// Messages are one lower-case line without a full stop, naming the directory
/// or the bad input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The directory holds no index.
    #[error("no index at {}: run `oppdrag index` first", dir.display())]
    NoIndex {
        /// The directory that was opened.
        dir: PathBuf,
    },
    /// Another process holds the index writer lock.
    #[error("index at {} is locked by another process", dir.display())]
    Locked {
        /// The index directory.
        dir: PathBuf,
    },
    /// The directory holds an index built with a different schema.
    #[error(
        "index at {} was built by another version of oppdrag: delete the directory and run `oppdrag index` again",
        dir.display()
    )]
    SchemaMismatch {
        /// The index directory.
        dir: PathBuf,
    },
    /// The query text does not parse.
    #[error("query error at position {position}: {message}")]
    QuerySyntax {
        /// 1-based character position in the query text.
        position: usize,
        /// What the parser expected or found.
        message: String,
    },
    /// The query parses but cannot run on this index (unknown field, bad value).
    #[error("query error: {0}")]
    Query(String),
    /// A filter value is invalid (an unknown record type, say).
    #[error("invalid filter: {0}")]
    Filter(String),
    /// A stored record could not be read back.
    #[error("stored record is not valid JSON: {0}")]
    StoredRecord(String),
    /// A record could not be serialised for storage.
    #[error("record cannot be serialised: {0}")]
    Serialize(String),
    /// The directory could not be created or read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Any other error from tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

impl Error {
    /// Reports whether this error says that another process holds the writer lock.
    pub fn is_locked(&self) -> bool {
        matches!(self, Error::Locked { .. })
    }
}
