//! The word tokenizer and the stemmer filter the analyzers are built from.
//!
//! Tantivy's own chain for this (`SimpleTokenizer`, `RemoveLongFilter`,
//! `LowerCaser`, `Stemmer`) hands each word through one boxed stream per
//! step and stems every occurrence of every word anew; indexing spent more
//! time there than in writing postings. [`Words`] does the first three
//! steps in one pass over the text, and [`CachedStemmer`] remembers the stem
//! of each word it has seen (a letter uses a few thousand distinct words,
//! most of them many times). The tokens are the same as the chain's — text,
//! position and byte offsets (the tests below compare them on awkward text)
//! — so an index written with the chain reads the same with these.

use rust_stemmers::Algorithm;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Splits text into words — runs of alphanumeric characters — drops words
/// of `max_bytes` bytes or more, and lower-cases the rest.
///
/// A dropped word still takes a position, as with `RemoveLongFilter`.
#[derive(Clone, Debug)]
pub struct Words {
    max_bytes: usize,
    token: Token,
}

impl Words {
    /// Words shorter than `max_bytes` bytes are kept.
    pub fn shorter_than(max_bytes: usize) -> Words {
        Words {
            max_bytes,
            token: Token::default(),
        }
    }
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            next: 0,
            max_bytes: self.max_bytes,
            token: &mut self.token,
        }
    }
}

/// The stream of [`Words`] over one text.
pub struct WordStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts (a char boundary).
    next: usize,
    max_bytes: usize,
    token: &'a mut Token,
}

impl WordStream<'_> {
    /// Whether the character at byte `at` (a char boundary) is alphanumeric,
    /// and its length in bytes; `None` at the end of the text.
    fn class_at(&self, at: usize) -> Option<(bool, usize)> {
        let byte = *self.text.as_bytes().get(at)?;
        if byte.is_ascii() {
            return Some((byte.is_ascii_alphanumeric(), 1));
        }
        let c = self.text.get(at..)?.chars().next()?;
        Some((c.is_alphanumeric(), c.len_utf8()))
    }

    /// The byte range of the next word, moving past it.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let mut at = self.next;
        let start = loop {
            let (alphanumeric, len) = self.class_at(at)?;
            if alphanumeric {
                break at;
            }
            at += len;
        };
        let mut end = start;
        while let Some((true, len)) = self.class_at(end) {
            end += len;
        }
        self.next = end;
        Some((start, end))
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        while let Some((from, to)) = self.next_word() {
            self.token.position = self.token.position.wrapping_add(1);
            if to - from >= self.max_bytes {
                continue;
            }
            let Some(word) = self.text.get(from..to) else {
                continue;
            };
            let text = &mut self.token.text;
            text.clear();
            if word.is_ascii() {
                text.push_str(word);
                text.make_ascii_lowercase();
            } else {
                // Character by character, as tantivy's `LowerCaser` does.
                for c in word.chars() {
                    text.extend(c.to_lowercase());
                }
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Replaces each word by its Snowball stem, remembering the stems it made.
///
/// Each copy of an analyzer (tantivy gives every indexing thread its own)
/// keeps its own memory of at most [`CachedStemmer::MAX_WORDS`] words,
/// forgotten all at once when full, so memory stays bounded on any corpus.
#[derive(Clone, Debug)]
pub struct CachedStemmer {
    algorithm: Algorithm,
}

impl CachedStemmer {
    /// Most words a copy remembers before it forgets them all.
    pub const MAX_WORDS: usize = 50_000;

    /// Stems with Snowball's `algorithm`.
    pub fn new(algorithm: Algorithm) -> CachedStemmer {
        CachedStemmer { algorithm }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            algorithm: self.algorithm,
            stems: FxHashMap::default(),
            inner,
        }
    }
}

/// A tokenizer followed by [`CachedStemmer`].
#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    algorithm: Algorithm,
    stems: FxHashMap<Box<str>, Box<str>>,
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemStream {
            stemmer: rust_stemmers::Stemmer::create(self.algorithm),
            stems: &mut self.stems,
            tail: self.inner.token_stream(text),
        }
    }
}

/// The stream of a [`CachedStemmerFilter`].
pub struct CachedStemStream<'a, T> {
    stemmer: rust_stemmers::Stemmer,
    stems: &'a mut FxHashMap<Box<str>, Box<str>>,
    tail: T,
}

impl<T: TokenStream> TokenStream for CachedStemStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        if let Some(stem) = self.stems.get(text.as_str()) {
            text.clear();
            text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(text).into();
        if self.stems.len() >= CachedStemmer::MAX_WORDS {
            self.stems.clear();
        }
        self.stems.insert(text.as_str().into(), stem.clone());
        text.clear();
        text.push_str(&stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{
        Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    };

    /// Every token's text, position and offsets.
    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    fn tantivy_chain(max_bytes: usize, stem: bool) -> TextAnalyzer {
        let builder = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(max_bytes))
            .filter(LowerCaser)
            .dynamic();
        if stem {
            builder
                .filter_dynamic(Stemmer::new(Language::Norwegian))
                .build()
        } else {
            builder.build()
        }
    }

    fn ours(max_bytes: usize, stem: bool) -> TextAnalyzer {
        let builder = TextAnalyzer::builder(Words::shorter_than(max_bytes));
        if stem {
            builder
                .filter(CachedStemmer::new(Algorithm::Norwegian))
                .build()
        } else {
            builder.build()
        }
    }

    /// Text with what trips tokenizers: Norwegian letters in both cases,
    /// letters whose lower case is longer (İ) or another length in bytes
    /// (Ω, K as Kelvin), digits of other scripts, combining marks,
    /// punctuation between and around words, words of exactly the limit.
    const AWKWARD: &str = "Helsedirektoratet skal, i samarbeid med FHI og RHF-ene, \
        utrede TILTAK mot ensomhet (TB2024-07). Økte tilskudd: 12,5 mill. kroner; \
        Ærlig Åpen ØKONOMI. İstanbul ΩMEGA Kelvin-K ſtrategi ǅemal e\u{301}tude \
        ٣٤ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀 «sitat» — slutt…  \t\n strategiene strategien strategi \
        aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa \
        ååååååååååååååååååååååååååååååå x";

    #[test]
    fn words_give_the_tokens_of_tantivys_chain() {
        for limit in [4, 8, 60] {
            for stem in [false, true] {
                for text in [AWKWARD, "", "  ", "...", "ord", "Ø", "a,b", "ÅÅ-åå 1"] {
                    assert_eq!(
                        tokens(ours(limit, stem), text),
                        tokens(tantivy_chain(limit, stem), text),
                        "limit {limit}, stem {stem}, text {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_prefix_of_awkward_text_tokenizes_alike() {
        // Cutting the text at every char boundary puts a word's end, a
        // multi-byte character or punctuation at the end of the text.
        let mut ours = ours(60, true);
        let mut chain = tantivy_chain(60, true);
        for (at, _) in AWKWARD.char_indices() {
            let text = &AWKWARD[..at];
            assert_eq!(
                tokens(ours.clone(), text),
                tokens(chain.clone(), text),
                "{text:?}"
            );
        }
        // One analyzer reused over many texts (its memory of stems filled).
        for text in AWKWARD.split(' ') {
            let mut a = ours.token_stream(text);
            let mut b = chain.token_stream(text);
            while a.advance() {
                assert!(b.advance());
                assert_eq!(a.token().text, b.token().text);
            }
            assert!(!b.advance());
        }
    }

    #[test]
    fn the_stem_memory_is_bounded() {
        let mut filter =
            CachedStemmer::new(Algorithm::Norwegian).transform(Words::shorter_than(60));
        let text: String = (0..CachedStemmer::MAX_WORDS + 10)
            .map(|i| format!("ord{i} "))
            .collect();
        let mut stream = filter.token_stream(&text);
        let mut count = 0;
        while stream.advance() {
            count += 1;
        }
        assert_eq!(count, CachedStemmer::MAX_WORDS + 10);
        assert!(!filter.stems.is_empty() && filter.stems.len() <= CachedStemmer::MAX_WORDS);
    }
}
