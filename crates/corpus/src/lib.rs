//! Deterministic synthetic steering documents for tests and benchmarks.
//!
//! The generator writes allocation letters (tildelingsbrev, supplerende
//! tildelingsbrev, oppdragsdokument) and mandates in Norwegian, in the shape
//! of real ones: numbered sections, coded assignments with owner units
//! (printed as heading lines or as table rows whose cells wrap and split
//! across pages), sub-assignments with their own deadlines, partners,
//! amounts, an allocation table in thousands, a steering calendar and
//! attached mandates. Each file is a real multi-page PDF written with lopdf
//! (standard Type1 Helvetica with WinAnsi, or Type0/Identity-H fonts with a
//! ToUnicode CMap), with a running header and page numbers in the footer,
//! and comes with the gold records (`oppdrag_model::Record`) of what it says.
//!
//! Everything is decided by a seed: the same seed gives byte-identical files,
//! and file `k` does not depend on how many files are generated.
//!
//! # Example
//!
//! ```
//! use oppdrag_corpus::{Config, generate};
//!
//! let config = Config { letters: 1, mandates: 1, seed: 7 };
//! let files: Vec<_> = config.files().collect();
//! let letter = generate(&files[0])?;
//! assert!(letter.pdf.starts_with(b"%PDF-"));
//! assert_eq!(letter.records[0].type_name(), "document");
//! # Ok::<(), oppdrag_corpus::Error>(())
//! ```
#![deny(missing_docs)]

mod compose;
mod layout;
mod letter;
mod mandate;
mod metrics;
mod pdf;
mod rng;
mod vocab;

use std::io::Write;
use std::path::{Path, PathBuf};

use oppdrag_model::{DocumentKind, DocumentRecord, Record};

use crate::compose::{set_pages, Draft};
use crate::layout::{layout, Span, Style, PAGE_HEIGHT, PAGE_WIDTH};
use crate::metrics::text_width;
use crate::pdf::{FontMode, PdfOptions};
use crate::rng::Rng;

pub use crate::metrics::printable;

/// An error generating or writing a file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be written.
    #[error("{path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Compressing a stream failed.
    #[error("compressing a stream: {0}")]
    Io(std::io::Error),
    /// lopdf could not write the document.
    #[error("writing PDF: {0}")]
    Pdf(String),
    /// A record could not be serialised.
    #[error("writing gold JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// How many files of each kind to generate, and from which seed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Number of letters.
    pub letters: usize,
    /// Number of stand-alone mandates.
    pub mandates: usize,
    /// Seed of every random choice.
    pub seed: u64,
}

/// Kind of generated file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An allocation letter or assignment document.
    Letter,
    /// A stand-alone mandate.
    Mandate,
}

/// One file to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileSpec {
    /// Letter or mandate.
    pub kind: FileKind,
    /// 0-based index among files of its kind.
    pub index: usize,
    /// The corpus seed.
    pub seed: u64,
}

impl FileSpec {
    /// The file name without extension: `letter_00001`, `mandate_00001`.
    pub fn stem(&self) -> String {
        match self.kind {
            FileKind::Letter => format!("letter_{:05}", self.index + 1),
            FileKind::Mandate => format!("mandate_{:05}", self.index + 1),
        }
    }
}

impl Config {
    /// Lists the files to generate: letters first, then mandates. Lazy, so
    /// any number of files costs no memory.
    pub fn files(&self) -> impl Iterator<Item = FileSpec> + '_ {
        let letters = (0..self.letters).map(move |index| FileSpec {
            kind: FileKind::Letter,
            index,
            seed: self.seed,
        });
        let mandates = (0..self.mandates).map(move |index| FileSpec {
            kind: FileKind::Mandate,
            index,
            seed: self.seed,
        });
        letters.chain(mandates)
    }

    /// Total number of files.
    pub fn len(&self) -> usize {
        self.letters + self.mandates
    }

    /// Reports whether no file is to be generated.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One generated file: PDF bytes and gold records.
#[derive(Clone, Debug)]
pub struct Generated {
    /// File name without extension.
    pub stem: String,
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// Gold records, the document record first.
    pub records: Vec<Record>,
    /// Page count.
    pub pages: u32,
}

/// What writing one file produced.
#[derive(Clone, Copy, Debug, Default)]
pub struct Written {
    /// Pages in the PDF.
    pub pages: u32,
    /// Bytes of the PDF.
    pub bytes: u64,
    /// Gold records written.
    pub records: usize,
}

/// The running header and footer of one document.
struct Frame {
    header: String,
    right: Option<String>,
    footer: u8,
    first_page_header: bool,
}

fn decorate(pages: &mut [Vec<Span>], frame: &Frame, style: &Style) -> usize {
    let total = pages.len();
    let mut header_spans = 0;
    for (i, page) in pages.iter_mut().enumerate() {
        let n = i + 1;
        let mut top = Vec::new();
        if n > 1 || frame.first_page_header {
            top.push(Span {
                x: style.left,
                y: PAGE_HEIGHT - 40.0,
                size: 8.0,
                bold: false,
                text: frame.header.clone(),
            });
            if let Some(r) = &frame.right {
                let x = PAGE_WIDTH - style.right - text_width(r, false, 8.0);
                top.push(Span {
                    x,
                    y: PAGE_HEIGHT - 40.0,
                    size: 8.0,
                    bold: false,
                    text: r.clone(),
                });
            }
        }
        let foot = match frame.footer {
            0 => format!("Side {n} av {total}"),
            1 => n.to_string(),
            _ => format!("- {n} -"),
        };
        let x = match frame.footer {
            1 => PAGE_WIDTH - style.right - text_width(&foot, false, 9.0),
            _ => (PAGE_WIDTH - text_width(&foot, false, 9.0)) / 2.0,
        };
        header_spans = top.len();
        top.append(page);
        top.push(Span {
            x,
            y: 36.0,
            size: 9.0,
            bold: false,
            text: foot,
        });
        *page = top;
    }
    header_spans
}

/// Generates one file in memory.
pub fn generate(spec: &FileSpec) -> Result<Generated, Error> {
    let stream = match spec.kind {
        FileKind::Letter => 1,
        FileKind::Mandate => 2,
    };
    let mut rng = Rng::derive(spec.seed, stream, spec.index as u64);
    let stem = spec.stem();
    let doc = format!("{stem}.pdf");
    let size = *rng.pick(&[10.0f32, 10.5, 11.0]);
    let style = Style {
        size,
        leading: *rng.pick(&[1.2f32, 1.25, 1.3, 1.35]),
        left: rng.range(56, 80) as f32,
        right: rng.range(50, 70) as f32,
        top: rng.range(80, 100) as f32,
        bottom: rng.range(65, 80) as f32,
        hang: 20.0,
    };
    let mut draft = Draft::default();
    let (frame, title, date) = match spec.kind {
        FileKind::Letter => {
            let info = letter::compose(&mut rng, &mut draft, &doc, size);
            let frame = Frame {
                header: info.header.clone(),
                right: rng.chance(50).then(|| format!("{}", info.year)),
                footer: rng.below(3) as u8,
                first_page_header: false,
            };
            (frame, info.title, format!("{}1215", info.year - 1))
        }
        FileKind::Mandate => {
            let issuer = mandate::issuer(&mut rng);
            let year = rng.range(2019, 2026) as i32;
            let doc_index = draft.record(Record::Document(DocumentRecord {
                doc: doc.clone(),
                kind: DocumentKind::Mandate,
                issuer: Some(issuer.name.to_string()),
                ..DocumentRecord::default()
            }));
            draft.mark(doc_index);
            let info = mandate::compose(&mut rng, &mut draft, &doc, &issuer, year, size);
            if let Some(Record::Document(d)) = draft.records.get_mut(doc_index) {
                d.title = Some(info.title.clone());
                d.year = Some(info.year);
                d.issuer = Some(info.established_by.clone());
            }
            let frame = Frame {
                header: info.title.clone(),
                right: None,
                footer: rng.below(3) as u8,
                first_page_header: rng.chance(50),
            };
            (frame, info.title, format!("{}0101", year))
        }
    };
    let mut laid = layout(&draft.blocks, &style, draft.anchors.len());
    let header_spans = decorate(&mut laid.pages, &frame, &style);
    let pages = laid.pages.len() as u32;
    set_pages(&mut draft.records, &draft.anchors, &laid.anchors);
    for record in &mut draft.records {
        if let Record::Document(d) = record {
            d.page = Some(1);
            d.pages = Some(pages);
        }
    }
    let options = PdfOptions {
        fonts: if rng.chance(20) {
            FontMode::Type0
        } else {
            FontMode::WinAnsi
        },
        compress: rng.chance(75),
        relative: rng.chance(40),
        object_streams: rng.chance(15),
        header_last: if rng.chance(30) { header_spans } else { 0 },
        title: title.clone(),
        date,
    };
    let pdf = pdf::write(&laid.pages, &options, &mut rng)?;
    Ok(Generated {
        stem,
        pdf,
        records: draft.records,
        pages,
    })
}

/// Serialises records as JSON Lines.
pub fn gold_jsonl(records: &[Record]) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(records.len() * 400);
    for record in records {
        serde_json::to_writer(&mut out, record)?;
        out.push(b'\n');
    }
    Ok(out)
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let wrap = |source| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut file = std::fs::File::create(path).map_err(wrap)?;
    file.write_all(bytes).map_err(wrap)
}

/// Generates one file and writes `<stem>.pdf` and its gold `<stem>.jsonl`
/// into `dir`.
pub fn write(spec: &FileSpec, dir: &Path) -> Result<Written, Error> {
    let generated = generate(spec)?;
    write_file(&dir.join(format!("{}.pdf", generated.stem)), &generated.pdf)?;
    let gold = gold_jsonl(&generated.records)?;
    write_file(&dir.join(format!("{}.jsonl", generated.stem)), &gold)?;
    Ok(Written {
        pages: generated.pages,
        bytes: generated.pdf.len() as u64,
        records: generated.records.len(),
    })
}

#[cfg(test)]
mod tests;
