//! The typed error of loading one file.

use std::fmt;

/// What went wrong loading a file, without the details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The file is empty.
    Empty,
    /// The file is not a PDF (and not a text file either).
    NotPdf,
    /// The PDF is cut short or its structure is broken beyond repair.
    Corrupt,
    /// The PDF is encrypted and needs a password.
    Encrypted,
    /// Some or all pages carry no text, only images.
    NoTextLayer,
    /// A stream inflates past the configured limit.
    StreamTooLarge,
    /// References or forms nest deeper than the configured limit.
    TooDeep,
    /// Loading took longer than the configured time limit.
    Timeout,
    /// The file could not be read.
    Io,
    /// A text file could not be decoded.
    Encoding,
}

/// An error loading one file: one lower-case line naming the cause.
///
/// The caller prefixes the file path, as in `a.pdf: encrypted: a password is needed`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The path names a directory, pipe or device, which is never read
    /// (a pipe without a writer would block the read for ever).
    #[error("cannot read: not a regular file")]
    NotAFile,
    /// The file is empty.
    #[error("empty file")]
    Empty,
    /// The file is larger than the configured limit.
    #[error("file too large: {size} bytes, the limit is {limit}")]
    FileTooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
    /// The file does not start like a PDF.
    #[error("not a pdf: {0}")]
    NotPdf(String),
    /// The PDF is broken and could not be repaired.
    #[error("corrupt pdf: {0}")]
    Corrupt(String),
    /// The PDF is encrypted with a user password.
    #[error("encrypted: a password is needed")]
    Encrypted,
    /// Pages without any text: the file is a scan.
    #[error("no text layer on pages {pages}: OCR needed")]
    NoTextLayer {
        /// The pages without text, as ranges (`1-12`, `1-3, 7`).
        pages: PageRanges,
    },
    /// A stream inflates past the configured limit.
    #[error("stream too large: a stream inflates past {limit} bytes (a zip bomb?)")]
    StreamTooLarge {
        /// The configured limit in bytes.
        limit: u64,
    },
    /// Objects or forms nest deeper than the configured limit.
    #[error(
        "nesting too deep: more than {limit} levels of arrays, dictionaries, references or forms"
    )]
    TooDeep {
        /// The configured limit.
        limit: usize,
    },
    /// The configured time limit ran out.
    #[error("timed out after {secs:.1} s")]
    Timeout {
        /// The configured limit in seconds.
        secs: f64,
    },
    /// A text file is neither UTF-8 nor Windows-1252.
    #[error("cannot decode text: {0}")]
    Encoding(String),
}

impl Error {
    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io(_) | Error::NotAFile => ErrorKind::Io,
            Error::Empty => ErrorKind::Empty,
            Error::FileTooLarge { .. } => ErrorKind::StreamTooLarge,
            Error::NotPdf(_) => ErrorKind::NotPdf,
            Error::Corrupt(_) => ErrorKind::Corrupt,
            Error::Encrypted => ErrorKind::Encrypted,
            Error::NoTextLayer { .. } => ErrorKind::NoTextLayer,
            Error::StreamTooLarge { .. } => ErrorKind::StreamTooLarge,
            Error::TooDeep { .. } => ErrorKind::TooDeep,
            Error::Timeout { .. } => ErrorKind::Timeout,
            Error::Encoding(_) => ErrorKind::Encoding,
        }
    }
}

/// A set of 1-based page numbers, shown as ranges: `1-12`, `2, 5-7`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageRanges(pub Vec<u32>);

impl fmt::Display for PageRanges {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut pages = self.0.clone();
        pages.sort_unstable();
        pages.dedup();
        let mut first = true;
        let mut i = 0;
        while i < pages.len() {
            let start = pages[i];
            let mut end = start;
            while i + 1 < pages.len() && pages[i + 1] == end + 1 {
                i += 1;
                end = pages[i];
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            if start == end {
                write!(f, "{start}")?;
            } else {
                write!(f, "{start}-{end}")?;
            }
            i += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ranges_collapse_runs() {
        assert_eq!(
            PageRanges(vec![3, 1, 2, 7, 9, 10]).to_string(),
            "1-3, 7, 9-10"
        );
        let err = Error::NoTextLayer {
            pages: PageRanges((1..=12).collect()),
        };
        assert_eq!(err.to_string(), "no text layer on pages 1-12: OCR needed");
        assert_eq!(err.kind(), ErrorKind::NoTextLayer);
    }
}
