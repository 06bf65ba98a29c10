//! Text analysis: the tokenizers the schema names, for indexing and for queries.
//!
//! Three analyzers are registered under fixed names:
//!
//! * [`NORWEGIAN`]: words split on non-alphanumeric characters, lower-cased,
//!   Snowball's Norwegian stop words (`og`, `i`, `med`, `skal` ...) dropped
//!   (the words after them keep their positions, so a phrase still needs the
//!   same gaps), then Snowball's Norwegian (bokmål) stemmer. Used by `title`
//!   and `text`. Dropping stop words keeps phrases such as
//!   `"i samarbeid med"` from checking positions of the commonest words in
//!   every record.
//! * [`COMPOUND`]: words lower-cased, nothing else. Queries search this
//!   field by word prefix (the query reader makes a one-word literal of
//!   [`MIN_PREFIX`] or more characters a prefix query here), so the query
//!   word `tobakk` finds `tobakksstrategi`. Prefixes are matched against
//!   the term dictionary at query time rather than indexed: indexing every
//!   prefix of every word cost more than half of the indexing time.
//! * [`KEYWORD`]: the whole value as one lower-cased token. Used by codes,
//!   units, bodies and other exact-match fields.
//!
//! The first two split, drop over-long words and lower-case in one pass and
//! remember the stems they made (module `words`); their tokens are those of
//! tantivy's `SimpleTokenizer`, `RemoveLongFilter`, `LowerCaser` and
//! `Stemmer` in a chain, which indexes written before were made with.

use rust_stemmers::Algorithm;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, StopWordFilter, TextAnalyzer, TokenStream, TokenizerManager,
};

use crate::words::{CachedStemmer, Words};

/// Name of the Norwegian stemming analyzer.
pub const NORWEGIAN: &str = "oppdrag_nb";
/// Name of the compound (word prefix) analyzer.
pub const COMPOUND: &str = "oppdrag_compound";
/// Name of the keyword analyzer (whole value, lower case).
pub const KEYWORD: &str = "oppdrag_keyword";

/// Shortest query word searched as a prefix in [`COMPOUND`], in characters.
pub const MIN_PREFIX: usize = 4;

/// Words longer than this many bytes are dropped (they are noise: URLs, hashes).
const MAX_WORD_BYTES: usize = 60;

fn norwegian() -> TextAnalyzer {
    let stop_words = StopWordFilter::new(Language::Norwegian)
        .unwrap_or_else(|| StopWordFilter::remove(Vec::<String>::new()));
    TextAnalyzer::builder(Words::shorter_than(MAX_WORD_BYTES))
        .filter(stop_words)
        .filter(CachedStemmer::new(Algorithm::Norwegian))
        .build()
}

fn keyword() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

fn compound() -> TextAnalyzer {
    TextAnalyzer::builder(Words::shorter_than(MAX_WORD_BYTES)).build()
}

/// Registers the analyzers in `manager` (the index's own manager).
pub fn register(manager: &TokenizerManager) {
    manager.register(NORWEGIAN, norwegian());
    manager.register(COMPOUND, compound());
    manager.register(KEYWORD, keyword());
}

/// Returns the analyzers used to read queries: the same as at index time.
pub fn query_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    register(&manager);
    manager
}

/// Returns the terms a query analyzer (by name: [`NORWEGIAN`], [`COMPOUND`],
/// [`KEYWORD`]) makes of `text`; empty for an unknown name.
///
/// ```
/// use oppdrag_index::analysis::{analyze, NORWEGIAN};
///
/// assert_eq!(analyze(NORWEGIAN, "Strategiene"), analyze(NORWEGIAN, "strategi"));
/// ```
pub fn analyze(name: &str, text: &str) -> Vec<String> {
    analyze_with_positions(name, text)
        .into_iter()
        .map(|(_, term)| term)
        .collect()
}

/// Like [`analyze`], with each term's word position (dropped stop words leave gaps).
pub fn analyze_with_positions(name: &str, text: &str) -> Vec<(usize, String)> {
    let Some(mut analyzer) = query_tokenizers().get(name) else {
        return Vec::new();
    };
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push((token.position, token.text.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn compound_is_one_token_per_word() {
        let manager = query_tokenizers();
        let analyzer = manager.get(COMPOUND).unwrap();
        assert_eq!(
            tokens(analyzer, "Tobakk ALKOHOL"),
            [("tobakk".to_string(), 0), ("alkohol".to_string(), 1)]
        );
    }

    #[test]
    fn norwegian_stems_inflected_forms_alike() {
        let a = tokens(norwegian(), "strategiene");
        let b = tokens(norwegian(), "strategi");
        assert_eq!(a[0].0, b[0].0);
    }

    #[test]
    fn norwegian_drops_stop_words_but_keeps_positions() {
        assert_eq!(
            tokens(norwegian(), "i samarbeid med FHI"),
            [("samarbeid".to_string(), 1), ("fhi".to_string(), 3)]
        );
        assert_eq!(
            analyze_with_positions(NORWEGIAN, "tiltak mot ensomhet"),
            [(0, "tiltak".to_string()), (2, "ensom".to_string())]
        );
    }

    #[test]
    fn keyword_keeps_the_whole_value_lower_cased() {
        assert_eq!(
            tokens(keyword(), "TB2024-07"),
            [("tb2024-07".to_string(), 0)]
        );
    }
}
