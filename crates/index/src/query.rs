//! Reading the user's query text into a tantivy query.
//!
//! The text is tantivy's query syntax. A word or phrase that names no field
//! searches `code`, `title` and `text`; a single word of
//! [`analysis::MIN_PREFIX`] characters or more also searches the word-prefix
//! field `compound`, where it stands for every indexed word it begins
//! (`tobakk` finds `tobakksstrategi`). Those words are read from the index's
//! term dictionary when the query is read, so the index stores each word
//! once rather than every prefix of it.

use std::collections::BTreeMap;

use tantivy::query::{Query, QueryParser};
use tantivy::query_grammar::{
    Occur as GrammarOccur, UserInputAst, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, TantivyError};

use crate::analysis;
use crate::error::{Error, Result};
use crate::schema::{names, Fields};

/// Weight of a match by word prefix, against 1 for a stemmed word in the text.
const PREFIX_BOOST: f32 = 0.5;

/// Most indexed words a prefix stands for: its commonest ones, when more
/// begin with it.
///
/// Each word becomes a term query (scored by BM25, so a record using a
/// prefix's words often ranks above one using them once). A prefix of four
/// letters or more rarely begins more than a few hundred distinct words in a
/// letter corpus.
pub const MAX_PREFIX_WORDS: usize = 1_000;

/// Reads query text into tantivy queries with the index's analyzers.
pub(crate) struct QueryReader {
    parser: QueryParser,
    /// The compound analyzer, to tell one-word literals from phrases.
    compound: Option<TextAnalyzer>,
    compound_field: Field,
}

impl QueryReader {
    pub fn new(fields: &Fields) -> QueryReader {
        let tokenizers = analysis::query_tokenizers();
        let mut parser = QueryParser::new(
            fields.schema.clone(),
            vec![fields.code, fields.title, fields.text],
            tokenizers.clone(),
        );
        parser.set_field_boost(fields.code, 3.0);
        parser.set_field_boost(fields.title, 2.0);
        parser.set_field_boost(fields.compound, PREFIX_BOOST);
        QueryReader {
            parser,
            compound: tokenizers.get(analysis::COMPOUND),
            compound_field: fields.compound,
        }
    }

    /// Parses `text`; prefix words are looked up in `searcher`'s index
    /// (without one, they match nothing in the prefix field).
    ///
    /// # Errors
    ///
    /// [`Error::QuerySyntax`] with the 1-based character position of the first
    /// syntax error, [`Error::Query`] for a well-formed query that names an
    /// unknown field or gives a bad value.
    pub fn parse(&self, text: &str, searcher: Option<&Searcher>) -> Result<Box<dyn Query>> {
        let ast = tantivy::query_grammar::parse_query(text).map_err(|_| syntax_error(text))?;
        let ast = self.expand(ast, searcher)?;
        self.parser
            .build_query_from_user_input_ast(ast)
            .map_err(|e| Error::Query(lower_first(&e.to_string())))
    }
}

impl QueryReader {
    /// Spells out the fields of every literal that names none (code, title
    /// and text, plus the word-prefix field for one word of
    /// [`analysis::MIN_PREFIX`] characters or more: that field has no
    /// positions, so phrases skip it), and replaces each one-word literal on
    /// the word-prefix field by the indexed words it begins.
    fn expand(&self, ast: UserInputAst, searcher: Option<&Searcher>) -> Result<UserInputAst> {
        Ok(match ast {
            UserInputAst::Clause(clauses) => UserInputAst::Clause(
                clauses
                    .into_iter()
                    .map(|(occur, sub)| Ok((occur, self.expand(sub, searcher)?)))
                    .collect::<Result<_>>()?,
            ),
            UserInputAst::Boost(sub, boost) => {
                UserInputAst::Boost(Box::new(self.expand(*sub, searcher)?), boost)
            }
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(literal) if literal.field_name.is_none() => {
                    let mut clauses: Vec<(Option<GrammarOccur>, UserInputAst)> =
                        [names::CODE, names::TITLE, names::TEXT]
                            .into_iter()
                            .map(|name| (Some(GrammarOccur::Should), on_field(&literal, name)))
                            .collect();
                    let word = self
                        .one_word(&literal.phrase)
                        .filter(|w| w.chars().count() >= analysis::MIN_PREFIX);
                    if let Some(word) = word.filter(|_| !literal.prefix) {
                        let words = self.prefix_clause(&literal, &word, searcher)?;
                        clauses.push((Some(GrammarOccur::Should), words));
                    }
                    UserInputAst::Clause(clauses)
                }
                UserInputLeaf::Literal(literal)
                    if literal.field_name.as_deref() == Some(names::COMPOUND)
                        && !literal.prefix =>
                {
                    match self.one_word(&literal.phrase) {
                        Some(word) => self.prefix_clause(&literal, &word, searcher)?,
                        None => UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(literal))),
                    }
                }
                other => UserInputAst::Leaf(Box::new(other)),
            },
        })
    }

    /// One literal on the word-prefix field for each indexed word that
    /// begins with `prefix`, any of which may match.
    fn prefix_clause(
        &self,
        literal: &UserInputLiteral,
        prefix: &str,
        searcher: Option<&Searcher>,
    ) -> Result<UserInputAst> {
        let words = match searcher {
            Some(searcher) => words_with_prefix(searcher, self.compound_field, prefix)?,
            None => Vec::new(),
        };
        let clauses = words
            .into_iter()
            .map(|word| {
                let mut l = literal.clone();
                l.phrase = word;
                (Some(GrammarOccur::Should), on_field(&l, names::COMPOUND))
            })
            .collect();
        Ok(UserInputAst::Clause(clauses))
    }

    /// The one lower-cased word `text` is, if it is one word.
    fn one_word(&self, text: &str) -> Option<String> {
        let mut analyzer = self.compound.clone()?;
        let mut stream = analyzer.token_stream(text);
        let mut word = None;
        while stream.advance() {
            if word.is_some() {
                return None;
            }
            word = Some(stream.token().text.clone());
        }
        word
    }
}

/// `literal` searched in the field `name`.
fn on_field(literal: &UserInputLiteral, name: &str) -> UserInputAst {
    let mut l = literal.clone();
    l.field_name = Some(name.to_string());
    UserInputAst::Leaf(Box::new(UserInputLeaf::Literal(l)))
}

/// The indexed words of `field` that begin with `prefix` (itself included),
/// the [`MAX_PREFIX_WORDS`] commonest when there are more.
fn words_with_prefix(searcher: &Searcher, field: Field, prefix: &str) -> Result<Vec<String>> {
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(TantivyError::from)?;
        while terms.advance() {
            if !terms.key().starts_with(prefix.as_bytes()) {
                break;
            }
            *words.entry(terms.key().to_vec()).or_default() += u64::from(terms.value().doc_freq);
        }
    }
    let mut words: Vec<(Vec<u8>, u64)> = words.into_iter().collect();
    if words.len() > MAX_PREFIX_WORDS {
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        words.truncate(MAX_PREFIX_WORDS);
    }
    Ok(words
        .into_iter()
        .filter_map(|(word, _)| String::from_utf8(word).ok())
        .collect())
}

/// Locates the first syntax error of a query the strict grammar rejects.
fn syntax_error(text: &str) -> Error {
    let (_, errors) = tantivy::query_grammar::parse_query_lenient(text);
    let (byte, message) = match errors.first() {
        Some(e) => (e.pos, e.message.replace("\\\"", "\"")),
        None => dangling_operator(text).unwrap_or((0, "the query does not parse".to_string())),
    };
    let chars = text
        .get(..byte.min(text.len()))
        .map_or(0, |s| s.chars().count());
    Error::QuerySyntax {
        position: chars + 1,
        message,
    }
}

/// Finds an `AND`, `OR` or `NOT` with nothing to bind on one side (the case
/// tantivy's lenient grammar repairs silently): byte offset and message.
fn dangling_operator(text: &str) -> Option<(usize, String)> {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut in_quotes = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quotes = !in_quotes;
        }
        let separator = !in_quotes && (c.is_whitespace() || c == '(' || c == ')');
        match (separator, start) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    let is_op = |w: &str| matches!(w, "AND" | "OR" | "NOT");
    for (n, (pos, word)) in words.iter().enumerate() {
        if !is_op(word) {
            continue;
        }
        let next_missing = words.get(n + 1).map_or(true, |(_, w)| is_op(w));
        let prev_missing = *word != "NOT" && (n == 0 || is_op(words[n - 1].1));
        if next_missing || prev_missing {
            return Some((*pos, format!("'{word}' needs a term on both sides")));
        }
    }
    None
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl QueryReader {
        fn parse_text(&self, text: &str) -> Result<Box<dyn Query>> {
            self.parse(text, None)
        }
    }

    #[test]
    fn syntax_errors_carry_a_one_based_char_position() {
        let reader = QueryReader::new(&Fields::new());
        let err = reader
            .parse_text("tobakk AND (alkohol")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "query error at position 20: expected ')'");
        let err = reader.parse_text("tobakk AND").unwrap_err().to_string();
        assert_eq!(
            err,
            "query error at position 8: 'AND' needs a term on both sides"
        );
        let err = reader.parse_text("a OR OR b").unwrap_err().to_string();
        assert_eq!(
            err,
            "query error at position 3: 'OR' needs a term on both sides"
        );
        let err = reader.parse_text("\"tobakk").unwrap_err().to_string();
        assert_eq!(err, "query error at position 8: missing delimiter \"");
        let err = reader.parse_text("nope:tobakk").unwrap_err().to_string();
        assert_eq!(err, "query error: field does not exist: 'nope'");
    }
}
