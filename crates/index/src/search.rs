//! Queries: the user's query text in tantivy's syntax, plus structured filters.

use std::ops::{Bound, Range};

use chrono::NaiveDate;
use oppdrag_model::Record;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, InvertedIndexRangeQuery, Occur, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::document::{from_epoch_days, tantivy_date, RecordType, FILE_MARKER};
use crate::error::{Error, Result};
use crate::index::RecordIndex;
use crate::query::QueryReader;
use crate::schema::{names, Fields};

/// Structured filters; all given filters must hold (AND), and within one
/// filter any of the listed values may match (OR). Empty means no filter.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Record types to return; empty means every obligation type (all but `document`).
    pub types: Vec<RecordType>,
    /// Canonical body names, in any role (responsible, partner, issuer, chair, member ...).
    pub bodies: Vec<String>,
    /// Canonical names of responsible bodies.
    pub responsible: Vec<String>,
    /// Canonical names of partner bodies.
    pub partners: Vec<String>,
    /// Owner units (`FHA`), case-insensitive.
    pub units: Vec<String>,
    /// Years.
    pub years: Vec<i32>,
    /// Input file names (`doc`).
    pub docs: Vec<String>,
    /// Some due date is strictly before this day.
    pub due_before: Option<NaiveDate>,
    /// Some due date is strictly after this day (with `due_before`: the same due date).
    pub due_after: Option<NaiveDate>,
}

/// A search: query text (may be empty), filters and how many hits to return.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    /// Query in tantivy's syntax; empty or blank lists every record passing the filters.
    pub query: String,
    /// Filters on top of the query.
    pub filters: Filters,
    /// Most hits to return (any number: no more than the index holds is set aside).
    pub limit: usize,
    /// Length of snippets in characters; 0 for none.
    pub snippet_chars: usize,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            query: String::new(),
            filters: Filters::default(),
            limit: 20,
            snippet_chars: 160,
        }
    }
}

/// A piece of a record's text with the query's matches marked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The text fragment.
    pub text: String,
    /// Byte ranges of `text` that matched the query.
    pub highlights: Vec<Range<usize>>,
}

/// One search hit.
#[derive(Clone, Debug)]
pub struct Hit {
    /// BM25 score; `None` when results are ordered by due date (empty query).
    pub score: Option<f32>,
    /// The record, as extracted.
    pub record: Record,
    /// The path of the file the record came from.
    pub path: String,
    /// The earliest due date of the record.
    pub first_due: Option<NaiveDate>,
    /// A snippet of the record's text (empty when not asked for).
    pub snippet: Snippet,
}

/// The outcome of a search.
#[derive(Clone, Debug)]
pub struct SearchResults {
    /// How many records match in all (may exceed the hits returned).
    pub total: usize,
    /// The best hits, best first (or earliest due date first for an empty query).
    pub hits: Vec<Hit>,
}

fn keyword_filter(field: Field, values: &[String]) -> Option<Box<dyn Query>> {
    any_of(
        values
            .iter()
            .map(|v| Term::from_field_text(field, &v.trim().to_lowercase()))
            .collect(),
    )
}

fn any_of(terms: Vec<Term>) -> Option<Box<dyn Query>> {
    if terms.is_empty() {
        return None;
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::Basic));
            (Occur::Should, q)
        })
        .collect();
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// The filter queries of `filters`, each a scoreless clause.
fn filter_queries(fields: &Fields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let types: Vec<String> = filters.types.iter().map(|t| t.name().to_string()).collect();
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    out.extend(keyword_filter(fields.record_type, &types));
    out.extend(keyword_filter(fields.body, &filters.bodies));
    out.extend(keyword_filter(fields.responsible, &filters.responsible));
    out.extend(keyword_filter(fields.partner, &filters.partners));
    out.extend(keyword_filter(fields.unit, &filters.units));
    out.extend(keyword_filter(fields.doc, &filters.docs));
    out.extend(any_of(
        filters
            .years
            .iter()
            .map(|y| Term::from_field_i64(fields.year, i64::from(*y)))
            .collect(),
    ));
    if filters.due_before.is_some() || filters.due_after.is_some() {
        let bound = |d: Option<NaiveDate>| match d {
            Some(d) => Bound::Excluded(Term::from_field_date(fields.due, tantivy_date(d))),
            None => Bound::Unbounded,
        };
        // The inverted index (a bitset of the days in range) beats scanning
        // the multi-valued fast column.
        out.push(Box::new(InvertedIndexRangeQuery::new(
            bound(filters.due_after),
            bound(filters.due_before),
        )));
    }
    out
}

impl RecordIndex {
    /// Runs a search on the last commit this handle has seen.
    ///
    /// A non-empty query ranks by BM25 over code, title, text and word
    /// prefixes; an empty query returns everything passing the filters,
    /// earliest first due date first (records without one last).
    ///
    /// # Errors
    ///
    /// [`Error::QuerySyntax`] and [`Error::Query`] for a bad query.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let fields = self.fields();
        let text = request.query.trim();
        let searcher = self.searcher();
        let user = if text.is_empty() {
            None
        } else {
            Some(QueryReader::new(fields).parse(text, Some(&searcher))?)
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.push((
            Occur::Must,
            match &user {
                Some(q) => q.box_clone(),
                None => Box::new(AllQuery),
            },
        ));
        for filter in filter_queries(fields, &request.filters) {
            clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(filter, 0.0))));
        }
        // File markers are never hits, and documents only when asked for;
        // excluding is cheaper than a union of the wanted types.
        let mut excluded = vec![FILE_MARKER];
        if request.filters.types.is_empty() {
            excluded.push(RecordType::Document.name());
        }
        for name in excluded {
            let term = Term::from_field_text(fields.record_type, name);
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        // No more than the index holds: tantivy sets aside room for twice
        // the limit up front, so `--limit 1000000000` must not mean 32 GB.
        let held = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = request.limit.min(held).max(1);
        let (scored, total): (Vec<(Option<f32>, DocAddress)>, usize) = if user.is_some() {
            let (top, total) = searcher.search(&query, &(TopDocs::with_limit(limit), Count))?;
            (top.into_iter().map(|(s, a)| (Some(s), a)).collect(), total)
        } else {
            let by_due =
                TopDocs::with_limit(limit).order_by_fast_field::<i64>(names::FIRST_DUE, Order::Asc);
            let (top, total) = searcher.search(&query, &(by_due, Count))?;
            (top.into_iter().map(|(_, a)| (None, a)).collect(), total)
        };
        let snippets = Snippets::new(&searcher, fields, user.as_deref(), request.snippet_chars)?;
        let mut hits = Vec::with_capacity(scored.len());
        for (score, address) in scored {
            hits.push(self.hit(&searcher, &snippets, score, address)?);
        }
        Ok(SearchResults { total, hits })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        snippets: &Snippets,
        score: Option<f32>,
        address: DocAddress,
    ) -> Result<Hit> {
        let fields = self.fields();
        let doc: TantivyDocument = searcher.doc(address)?;
        let stored = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let json = stored(fields.record);
        let record: Record =
            serde_json::from_str(&json).map_err(|e| Error::StoredRecord(e.to_string()))?;
        let segment = searcher.segment_reader(address.segment_ord);
        let first_due = segment
            .fast_fields()
            .i64(names::FIRST_DUE)?
            .first(address.doc_id)
            .filter(|d| *d != i64::MAX)
            .and_then(from_epoch_days);
        let snippet = snippets.of(&record);
        Ok(Hit {
            score,
            record,
            path: stored(fields.path),
            first_due,
            snippet,
        })
    }
}

/// Snippet generators for the text and word-prefix fields.
struct Snippets {
    text: Option<SnippetGenerator>,
    compound: Option<SnippetGenerator>,
    chars: usize,
}

impl Snippets {
    /// Generators for `query` (the word-prefix field's generator marks the
    /// indexed words the query's prefixes were expanded to).
    fn new(
        searcher: &Searcher,
        fields: &Fields,
        query: Option<&dyn Query>,
        chars: usize,
    ) -> Result<Snippets> {
        let make = |field| -> Result<Option<SnippetGenerator>> {
            match query {
                Some(q) if chars > 0 => {
                    let mut g = SnippetGenerator::create(searcher, q, field)?;
                    g.set_max_num_chars(chars);
                    Ok(Some(g))
                }
                _ => Ok(None),
            }
        };
        Ok(Snippets {
            text: make(fields.text)?,
            compound: make(fields.compound)?,
            chars,
        })
    }

    fn of(&self, record: &Record) -> Snippet {
        if self.chars == 0 {
            return Snippet::default();
        }
        let body = record_text(record);
        for text in [body, record_title(record)] {
            for generator in [&self.text, &self.compound].into_iter().flatten() {
                let s = generator.snippet(text);
                if !s.highlighted().is_empty() {
                    return Snippet {
                        text: s.fragment().to_string(),
                        highlights: s.highlighted().to_vec(),
                    };
                }
            }
        }
        Snippet {
            text: leading(body, self.chars),
            highlights: Vec::new(),
        }
    }
}

/// The text a snippet is cut from: the indexed `text`, or the title when there is none.
fn record_text(record: &Record) -> &str {
    match record {
        Record::Assignment(a) if !a.text.is_empty() => &a.text,
        Record::Assignment(a) => &a.title,
        Record::Mandate(m) => m.tasks.first().map_or(m.body.as_str(), String::as_str),
        Record::BudgetLine(b) => b.comment.as_deref().or(b.name.as_deref()).unwrap_or(""),
        Record::CalendarEntry(c) => &c.what,
        Record::Document(d) => d.title.as_deref().unwrap_or(""),
    }
}

/// The indexed title of a record.
fn record_title(record: &Record) -> &str {
    match record {
        Record::Assignment(a) => &a.title,
        Record::Mandate(m) => &m.body,
        Record::BudgetLine(b) => b.name.as_deref().unwrap_or(""),
        Record::CalendarEntry(c) => &c.what,
        Record::Document(d) => d.title.as_deref().unwrap_or(""),
    }
}

/// The first `chars` characters of `text`, cut at a word boundary when possible.
fn leading(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        None => text.to_string(),
        Some((end, _)) => {
            let head = &text[..end];
            let cut = head.rfind(' ').filter(|i| *i > end / 2).unwrap_or(end);
            format!("{}…", head[..cut].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_cuts_at_a_space() {
        assert_eq!(leading("abc def ghi", 9), "abc def…");
        assert_eq!(leading("kort", 9), "kort");
        assert_eq!(leading("øøøøøøøøøø", 3), "øøø…");
    }
}
