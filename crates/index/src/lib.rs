//! The search index of oppdrag: records in, obligations out, on tantivy.
//!
//! # Brief overview
//!
//! * [`RecordIndex`] opens or creates an index (on disk or in RAM) with the
//!   schema of [`Fields`], built in one place; [`RecordIndex::writer`] gives
//!   the one [`RecordWriter`], which replaces a file's records by path and
//!   commits atomically.
//! * [`RecordIndex::search`] runs a [`SearchRequest`]: query text in
//!   tantivy's syntax (fields, phrases, `AND`/`OR`/`-`) ranked by BM25, plus
//!   [`Filters`] on bodies, unit, year, type and due dates. An empty query
//!   lists everything passing the filters, earliest due date first.
//! * [`RecordIndex::stats`] counts records per document, year, unit, body and
//!   deadline month.
//!
//! One index document is written per record (see [`RecordType`]), plus one
//! marker per file holding its path and content hash ([`content_hash`]), so
//! that an unchanged file can be skipped and a changed one replaced.
//!
//! # Text analysis and compounds
//!
//! `title` and `text` are lower-cased, cleared of Snowball's Norwegian stop
//! words (`og`, `i`, `med` ...; the words after them keep their positions, so
//! `"tiltak mot ensomhet"` still needs one word between) and stemmed with
//! Snowball's Norwegian stemmer, so `strategien` finds `strategiene`. Norwegian writes compounds
//! as one word (`tobakksstrategi`, `folkehelseloven`), which a stemmer does not
//! split. The `compound` field therefore indexes each word of title and text
//! as it is, lower-cased (without positions), and a query word of four
//! characters or more stands there for every indexed word it begins: the
//! query reader looks them up in the term dictionary (the commonest
//! [`MAX_PREFIX_WORDS`] at most), so `tobakk` searches `tobakk`,
//! `tobakksstrategi`, `tobakken` ... each scored by BM25. Every one-word
//! term of a query that names no field is searched in `code`, `title`,
//! `text` and `compound`; phrases are searched in `code`, `title` and `text`
//! only. This finds compounds by their first part (the common case in these
//! letters: `tobakk-`, `folkehelse-`, `legemiddel-`), without a dictionary
//! and without indexing every prefix of every word; a compound is not found
//! by its last part (`strategi` does not find `tobakksstrategi`). Prefix
//! matches weigh half as much as stemmed word matches, so exact words rank
//! first. Snippets highlight the whole compound.
//!
//! Codes, units, bodies, document names and kinds are exact-match fields,
//! compared case-insensitively; the values are canonical body names, and
//! aliases (`FHI`) are resolved by the caller before filtering.
//!
//! # Example
//!
//! ```
//! use oppdrag_index::{Filters, RecordIndex, SearchRequest, Source};
//! use oppdrag_model::{Assignment, Record};
//!
//! let index = RecordIndex::create_in_ram()?;
//! let mut writer = index.writer(1, 50_000_000)?;
//! let record = Record::Assignment(Assignment {
//!     doc: "tb.txt".into(),
//!     code: "TB2024-07".into(),
//!     title: "Oppfølging nasjonal tobakksstrategi".into(),
//!     owner_unit: Some("FHA".into()),
//!     partners: vec!["Folkehelseinstituttet".into()],
//!     ..Assignment::default()
//! });
//! let source = Source { path: "/letters/tb.txt".into(), hash: "abc".into() };
//! writer.replace_file(&source, &[record])?;
//! writer.commit()?;
//!
//! let request = SearchRequest {
//!     query: "tobakk".into(),
//!     filters: Filters { partners: vec!["Folkehelseinstituttet".into()], ..Filters::default() },
//!     ..SearchRequest::default()
//! };
//! let results = index.search(&request)?;
//! assert_eq!(results.total, 1);
//! # Ok::<(), oppdrag_index::Error>(())
//! ```
#![deny(missing_docs)]

pub mod analysis;
mod document;
mod error;
mod index;
mod query;
pub mod schema;
mod search;
mod stats;
mod words;

pub use crate::document::{content_hash, RecordType, Source};
pub use crate::error::{Error, Result};
pub use crate::index::{PreparedFile, RecordIndex, RecordWriter};
pub use crate::query::MAX_PREFIX_WORDS;
pub use crate::schema::Fields;
pub use crate::search::{Filters, Hit, SearchRequest, SearchResults, Snippet};
pub use crate::stats::Stats;
