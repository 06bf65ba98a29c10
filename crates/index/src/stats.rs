//! Counts over the whole index: per document, year, unit, body and deadline month.

use std::collections::BTreeMap;

use tantivy::columnar::StrColumn;
use tantivy::SegmentReader;

use crate::document::{naive_date, RecordType, FILE_MARKER};
use crate::error::Result;
use crate::index::RecordIndex;
use crate::schema::names;

/// Counts of the records in an index.
///
/// Every count except `files` and `by_type` is over obligation records (all
/// types but `document`); a record with two bodies counts once for each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Indexed files.
    pub files: usize,
    /// Records per type, `document` included.
    pub by_type: BTreeMap<String, usize>,
    /// Obligation records per input file name.
    pub by_doc: BTreeMap<String, usize>,
    /// Obligation records per year.
    pub by_year: BTreeMap<i64, usize>,
    /// Obligation records per owner unit.
    pub by_unit: BTreeMap<String, usize>,
    /// Obligation records per body named in any role.
    pub by_body: BTreeMap<String, usize>,
    /// Obligation records per responsible body.
    pub by_responsible: BTreeMap<String, usize>,
    /// Obligation records per partner body.
    pub by_partner: BTreeMap<String, usize>,
    /// Due dates per month (`2024-06`), every due date of every obligation record.
    pub deadlines_by_month: BTreeMap<String, usize>,
}

impl Stats {
    /// Returns the number of obligation records (all types but `document`).
    pub fn obligations(&self) -> usize {
        self.by_type
            .iter()
            .filter(|(t, _)| t.as_str() != RecordType::Document.name())
            .map(|(_, n)| n)
            .sum()
    }
}

/// The dictionary of a string column, read once per segment.
struct Dictionary {
    column: Option<StrColumn>,
    words: Vec<String>,
}

impl Dictionary {
    fn open(segment: &SegmentReader, field: &str) -> Result<Dictionary> {
        let column = segment.fast_fields().str(field)?;
        let mut words = Vec::new();
        if let Some(col) = &column {
            let n = col.dictionary().num_terms() as u64;
            for ord in 0..n {
                let mut word = String::new();
                col.ord_to_str(ord, &mut word)
                    .map_err(tantivy::TantivyError::from)?;
                words.push(word);
            }
        }
        Ok(Dictionary { column, words })
    }

    fn values(&self, doc: u32) -> impl Iterator<Item = &str> + '_ {
        self.column
            .iter()
            .flat_map(move |c| c.term_ords(doc))
            .filter_map(|ord| self.words.get(ord as usize).map(String::as_str))
    }

    fn add(&self, doc: u32, counts: &mut BTreeMap<String, usize>) {
        for value in self.values(doc) {
            *counts.entry(value.to_string()).or_default() += 1;
        }
    }
}

impl RecordIndex {
    /// Counts the records of the last commit this handle has seen.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.searcher();
        let mut stats = Stats::default();
        for segment in searcher.segment_readers() {
            let types = Dictionary::open(segment, names::TYPE)?;
            let docs = Dictionary::open(segment, names::DOC)?;
            let units = Dictionary::open(segment, names::UNIT)?;
            let bodies = Dictionary::open(segment, names::BODY)?;
            let responsible = Dictionary::open(segment, names::RESPONSIBLE)?;
            let partners = Dictionary::open(segment, names::PARTNER)?;
            let years = segment.fast_fields().i64(names::YEAR)?;
            let due = segment.fast_fields().date(names::DUE)?;
            for doc in segment.doc_ids_alive() {
                let Some(kind) = types.values(doc).next() else {
                    continue;
                };
                if kind == FILE_MARKER {
                    stats.files += 1;
                    continue;
                }
                *stats.by_type.entry(kind.to_string()).or_default() += 1;
                if kind == RecordType::Document.name() {
                    continue;
                }
                docs.add(doc, &mut stats.by_doc);
                units.add(doc, &mut stats.by_unit);
                bodies.add(doc, &mut stats.by_body);
                responsible.add(doc, &mut stats.by_responsible);
                partners.add(doc, &mut stats.by_partner);
                for year in years.values_for_doc(doc) {
                    *stats.by_year.entry(year).or_default() += 1;
                }
                for date in due.values_for_doc(doc).filter_map(naive_date) {
                    let month = date.format("%Y-%m").to_string();
                    *stats.deadlines_by_month.entry(month).or_default() += 1;
                }
            }
        }
        Ok(stats)
    }
}
