//! Ingestion: PDF, plain text and Markdown files into the shared document
//! model, pages of lines in reading order.
//!
//! PDFs are parsed with lopdf and read by this crate's own content-stream
//! interpreter: simple fonts (WinAnsi, MacRoman, Standard, `/Differences`),
//! composite fonts with `ToUnicode` maps, text and graphics matrices, form
//! XObjects and rotated pages. Glyphs are grouped into lines by baseline,
//! into words by gaps and into cells by wide gaps, so that a table row comes
//! out as one line with its cells apart. The text is cleaned up (NFC,
//! ligatures, odd spaces, words hyphenated at line ends) and running headers
//! and footers are moved out of the body into page metadata.
//!
//! Bad input gives a typed [`Error`], never a panic or a hang: sizes,
//! nesting and time are all bounded by [`Options`].
//!
//! ```
//! let doc = oppdrag_pdf::load_bytes("a.txt", "Kap. 701\nPost 21".as_bytes(), &Default::default())?;
//! assert_eq!(doc.pages[0].lines[1].text, "Post 21");
//! # Ok::<(), oppdrag_pdf::Error>(())
//! ```
#![deny(missing_docs)]

mod afm;
mod clean;
mod cmap;
mod encoding;
mod error;
pub mod fixture;
mod font;
mod interp;
mod layout;
mod lengths;
mod lexer;
mod pdf;
mod plain;
mod repair;
mod scrub;
mod streams;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use oppdrag_model::Document;

pub use error::{Error, ErrorKind, PageRanges};
pub use repair::{declare_parser_stack, PARSER_STACK};

/// Limits and switches for loading a file.
#[derive(Clone, Debug)]
pub struct Options {
    /// Largest number of bytes one stream may inflate to. Default 256 MiB.
    pub max_stream_bytes: u64,
    /// Longest time one file may take. Default 60 s.
    pub timeout: Duration,
    /// Deepest chain of object references or nested forms followed. Default 64.
    pub max_depth: usize,
    /// Largest file read at all. Default 1 GiB.
    pub max_file_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_stream_bytes: 256 << 20,
            timeout: Duration::from_secs(60),
            max_depth: 64,
            max_file_bytes: 1 << 30,
        }
    }
}

/// What kind of input a file is, from its content and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Pdf,
    Text,
    Markdown,
}

fn kind(name: &str, data: &[u8]) -> Kind {
    let head = &data[..data.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("txt" | "text") => Kind::Text,
        Some("md" | "markdown") => Kind::Markdown,
        _ => Kind::Pdf,
    }
}

/// Loads a `.pdf`, `.txt` or `.md` file into a [`Document`] named after the
/// file (without directories).
pub fn load_path(path: &Path, options: &Options) -> Result<Document, Error> {
    let data = read_path(path, options)?;
    load_bytes(&file_name(path), &data, options)
}

/// Reads a file whole for [`load_bytes`], refusing one larger than
/// `options.max_file_bytes` before reading it.
///
/// For callers that need the bytes too (to hash them) and should not read
/// the file twice.
///
/// Only regular files are read (a pipe without a writer would block for
/// ever), and at most one byte over the limit, so a file that grows while it
/// is read is refused rather than read on.
pub fn read_path(path: &Path, options: &Options) -> Result<Vec<u8>, Error> {
    let limit = options.max_file_bytes;
    if !std::fs::metadata(path)?.is_file() {
        return Err(Error::NotAFile);
    }
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(Error::FileTooLarge { size, limit });
    }
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut data)?;
    let read = data.len() as u64;
    if read > limit {
        return Err(Error::FileTooLarge { size: read, limit });
    }
    Ok(data)
}

/// The name [`load_path`] gives the document of `path`: its file name.
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Loads a file's bytes; `name` (a file name; directories are dropped)
/// names the document and, for input that is not a PDF, its extension says
/// text or Markdown.
pub fn load_bytes(name: &str, data: &[u8], options: &Options) -> Result<Document, Error> {
    let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    if data.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if data.len() as u64 > options.max_file_bytes {
        return Err(Error::FileTooLarge {
            size: data.len() as u64,
            limit: options.max_file_bytes,
        });
    }
    match kind(name, data) {
        Kind::Pdf => {
            let limits = streams::Limits {
                max_stream_bytes: options.max_stream_bytes,
                max_depth: options.max_depth.max(1),
                deadline: Instant::now() + options.timeout,
                timeout_secs: options.timeout.as_secs_f64(),
            };
            pdf::load(name, data, &limits)
        }
        Kind::Text => Ok(plain::document(name, &plain::decode(data)?, false)),
        Kind::Markdown => Ok(plain::document(name, &plain::decode(data)?, true)),
    }
}

/// Builds the document of text already in memory: one page, one line per
/// line; `markdown` turns table rows into cells.
pub fn load_text(name: &str, text: &str, markdown: bool) -> Document {
    plain::document(name, text, markdown)
}
