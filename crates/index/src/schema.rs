//! The index schema, built in one place, and the handles of its fields.

use tantivy::schema::{
    DateOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    STORED, STRING,
};

use crate::analysis::{COMPOUND, KEYWORD, NORWEGIAN};

/// Field names, as used in the query syntax (`unit:FHA`, `partner:"Folkehelseinstituttet"`).
pub mod names {
    /// Record type: `assignment`, `mandate`, `budget_line`, `calendar_entry`, `document`.
    pub const TYPE: &str = "type";
    /// Assignment code (`TB2024-07`), budget line (`kap. 701 post 21`).
    pub const CODE: &str = "code";
    /// Title: assignment title, post name, calendar text, mandated body.
    pub const TITLE: &str = "title";
    /// Body text: assignment text, mandate tasks, budget comment.
    pub const TEXT: &str = "text";
    /// Words of title and text, searched by prefix, for compounds (`tobakk` finds `tobakksstrategi`).
    pub const COMPOUND: &str = "compound";
    /// Input file name (`tildelingsbrev-2024.pdf`).
    pub const DOC: &str = "doc";
    /// Document kind: `allocation_letter`, `assignment_document`, `mandate`, `other`.
    pub const KIND: &str = "kind";
    /// Budget or validity year of the record.
    pub const YEAR: &str = "year";
    /// Owner unit of the ministry (`FHA`).
    pub const UNIT: &str = "unit";
    /// Canonical names of the responsible bodies.
    pub const RESPONSIBLE: &str = "responsible";
    /// Canonical names of the partner bodies.
    pub const PARTNER: &str = "partner";
    /// Canonical names of every body named by the record, in any role.
    pub const BODY: &str = "body";
    /// Every due date.
    pub const DUE: &str = "due";
    /// The earliest due date, in days since 1970-01-01 (`i64::MAX` when none): sort key.
    pub const FIRST_DUE: &str = "first_due";
    /// Every amount, in its currency's units.
    pub const AMOUNT: &str = "amount";
    /// 1-based page where the record starts.
    pub const PAGE: &str = "page";
    /// The record as JSON (stored only).
    pub const RECORD: &str = "record";
    /// Path of the input file the record came from (exact).
    pub const PATH: &str = "path";
    /// blake3 hash of the input file's bytes, hex.
    pub const HASH: &str = "hash";
}

/// The schema and a handle for each of its fields.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The schema itself.
    pub schema: Schema,
    /// See [`names::TYPE`].
    pub record_type: Field,
    /// See [`names::CODE`].
    pub code: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::TEXT`].
    pub text: Field,
    /// See [`names::COMPOUND`].
    pub compound: Field,
    /// See [`names::DOC`].
    pub doc: Field,
    /// See [`names::KIND`].
    pub kind: Field,
    /// See [`names::YEAR`].
    pub year: Field,
    /// See [`names::UNIT`].
    pub unit: Field,
    /// See [`names::RESPONSIBLE`].
    pub responsible: Field,
    /// See [`names::PARTNER`].
    pub partner: Field,
    /// See [`names::BODY`].
    pub body: Field,
    /// See [`names::DUE`].
    pub due: Field,
    /// See [`names::FIRST_DUE`].
    pub first_due: Field,
    /// See [`names::AMOUNT`].
    pub amount: Field,
    /// See [`names::PAGE`].
    pub page: Field,
    /// See [`names::RECORD`].
    pub record: Field,
    /// See [`names::PATH`].
    pub path: Field,
    /// See [`names::HASH`].
    pub hash: Field,
}

impl Fields {
    /// Builds the schema of an oppdrag index.
    pub fn new() -> Fields {
        let mut b = Schema::builder();
        let analysed = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
        };
        // Exact-match value: one lower-cased token to search, the value as
        // printed in the fast column (for counts and display).
        let keyword = TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(KEYWORD)
                    .set_index_option(IndexRecordOption::Basic)
                    .set_fieldnorms(false),
            )
            .set_fast(Some("raw"));
        let number = NumericOptions::default().set_indexed().set_fast();
        let record_type = b.add_text_field(names::TYPE, keyword.clone());
        let code = b.add_text_field(names::CODE, keyword.clone());
        let title = b.add_text_field(names::TITLE, analysed(NORWEGIAN));
        let text = b.add_text_field(names::TEXT, analysed(NORWEGIAN));
        // Searched by prefix, one word at a time: no positions, so no phrases.
        let compound = b.add_text_field(
            names::COMPOUND,
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(COMPOUND)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        );
        let doc = b.add_text_field(names::DOC, keyword.clone());
        let kind = b.add_text_field(names::KIND, keyword.clone());
        let year = b.add_i64_field(names::YEAR, number.clone());
        let unit = b.add_text_field(names::UNIT, keyword.clone());
        let responsible = b.add_text_field(names::RESPONSIBLE, keyword.clone());
        let partner = b.add_text_field(names::PARTNER, keyword.clone());
        let body = b.add_text_field(names::BODY, keyword);
        let due = b.add_date_field(names::DUE, DateOptions::default().set_indexed().set_fast());
        let first_due = b.add_i64_field(names::FIRST_DUE, NumericOptions::default().set_fast());
        let amount = b.add_f64_field(names::AMOUNT, number.clone());
        let page = b.add_u64_field(names::PAGE, number);
        let record = b.add_text_field(names::RECORD, STORED);
        let path = b.add_text_field(names::PATH, STRING | STORED);
        let hash = b.add_text_field(names::HASH, STRING | STORED);
        Fields {
            schema: b.build(),
            record_type,
            code,
            title,
            text,
            compound,
            doc,
            kind,
            year,
            unit,
            responsible,
            partner,
            body,
            due,
            first_due,
            amount,
            page,
            record,
            path,
            hash,
        }
    }

    /// Returns the fields searched when a query names no field: code, title
    /// and text, and word prefixes for one-word terms.
    pub fn default_search_fields(&self) -> Vec<Field> {
        vec![self.code, self.title, self.text, self.compound]
    }
}

impl Default for Fields {
    fn default() -> Fields {
        Fields::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_is_deterministic() {
        assert_eq!(Fields::new().schema, Fields::new().schema);
    }

    #[test]
    fn every_name_resolves_to_its_handle() {
        let f = Fields::new();
        assert_eq!(f.schema.get_field(names::PARTNER).ok(), Some(f.partner));
        assert_eq!(f.schema.get_field(names::RECORD).ok(), Some(f.record));
        assert_eq!(f.schema.fields().count(), 19);
    }
}
