//! Reading rule files from a directory or from the copy bundled into the
//! binary, and collecting every error found while compiling them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use regex::Regex;
use serde::de::DeserializeOwned;

use crate::Error;

/// The rule files of the repository's `rules/`, embedded at compile time.
const BUNDLED: &[(&str, &str)] = &[
    ("bodies.tsv", include_str!("../../../rules/bodies.tsv")),
    ("bodies.toml", include_str!("../../../rules/bodies.toml")),
    ("codes.toml", include_str!("../../../rules/codes.toml")),
    (
        "headings.toml",
        include_str!("../../../rules/headings.toml"),
    ),
    ("dates.toml", include_str!("../../../rules/dates.toml")),
    (
        "deadlines.toml",
        include_str!("../../../rules/deadlines.toml"),
    ),
    ("amounts.toml", include_str!("../../../rules/amounts.toml")),
    (
        "references.toml",
        include_str!("../../../rules/references.toml"),
    ),
    (
        "documents.toml",
        include_str!("../../../rules/documents.toml"),
    ),
];

/// Where rule files are read from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Source<'a> {
    /// A directory on disk; a file missing there is taken from the bundle.
    Dir(&'a Path),
    /// The bundled copy only.
    Bundled,
}

/// One rule file's text and the name to report errors under.
pub(crate) struct RuleFile {
    /// The path (or `bundled:NAME`) used in error messages.
    pub shown: String,
    /// The file's text.
    pub text: String,
}

impl Source<'_> {
    /// Reads rule file `name`, falling back to the bundled copy when a
    /// directory does not hold it.
    pub(crate) fn read(&self, name: &str) -> Result<RuleFile, Error> {
        if let Source::Dir(dir) = self {
            let path: PathBuf = dir.join(name);
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    return Ok(RuleFile {
                        shown: path.display().to_string(),
                        text,
                    })
                }
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
                Err(err) => return Err(Error(format!("{}: {err}", path.display()))),
            }
        }
        BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| RuleFile {
                shown: format!("bundled:{name}"),
                text: (*text).to_string(),
            })
            .ok_or_else(|| Error(format!("{name}: no such rule file")))
    }
}

impl RuleFile {
    /// Parses the file as TOML into `T`, naming the file on error.
    pub(crate) fn toml<T: DeserializeOwned>(&self) -> Result<T, Error> {
        toml::from_str(&self.text).map_err(|err| {
            let msg = err.message().trim().to_string();
            let at = err
                .span()
                .map(|s| {
                    format!(
                        "line {}: ",
                        1 + self.text[..s.start.min(self.text.len())]
                            .matches('\n')
                            .count()
                    )
                })
                .unwrap_or_default();
            Error(format!("{}: {at}{msg}", self.shown))
        })
    }
}

/// Collects the errors of one or more rule files, so that a user sees them
/// all at once, like ignore's `PartialErrorBuilder`.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    messages: Vec<String>,
}

impl Errors {
    /// Records an error of rule number `index` (1-based) named `name` in `file`.
    pub(crate) fn rule(
        &mut self,
        file: &RuleFile,
        index: usize,
        name: &str,
        what: impl std::fmt::Display,
    ) {
        let mut msg = format!("{}: rule {index}", file.shown);
        if !name.is_empty() {
            let _ = write!(msg, " ({name})");
        }
        let _ = write!(msg, ": {what}");
        self.messages.push(msg);
    }

    /// Records an error about `file` as a whole (or a keyed setting in it).
    pub(crate) fn file(&mut self, file: &RuleFile, what: impl std::fmt::Display) {
        self.messages.push(format!("{}: {what}", file.shown));
    }

    /// Records an error already carrying its file name.
    pub(crate) fn push(&mut self, err: Error) {
        self.messages.push(err.0);
    }

    /// Compiles `pattern` for rule `index`/`name`, recording any error.
    ///
    /// `\b` is taken as an ASCII word boundary (`(?-u:\b)`): a Unicode word
    /// boundary would keep the regex engine off its fast DFA paths on
    /// Norwegian text. Rule authors put `\b` next to ASCII letters and digits.
    pub(crate) fn regex(
        &mut self,
        file: &RuleFile,
        index: usize,
        name: &str,
        pattern: &str,
    ) -> Option<Regex> {
        self.regex_unicode(file, index, name, &ascii_boundaries(pattern))
    }

    /// Compiles `pattern` with Unicode word boundaries, recording any error.
    pub(crate) fn regex_unicode(
        &mut self,
        file: &RuleFile,
        index: usize,
        name: &str,
        pattern: &str,
    ) -> Option<Regex> {
        match regex::RegexBuilder::new(pattern)
            .size_limit(1 << 22)
            .build()
        {
            Ok(re) => Some(re),
            Err(err) => {
                let what = match err {
                    regex::Error::Syntax(s) => format!(
                        "regex parse error: {}",
                        s.lines().last().unwrap_or("").trim()
                    ),
                    regex::Error::CompiledTooBig(n) => format!("regex too big (limit {n} bytes)"),
                    other => format!("regex error: {other}"),
                };
                self.rule(file, index, name, what);
                None
            }
        }
    }

    /// Returns whether nothing went wrong so far.
    pub(crate) fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Returns `value` when no error was recorded, else all errors as one.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, Error> {
        if self.messages.is_empty() {
            Ok(value)
        } else {
            Err(Error(self.messages.join("\n")))
        }
    }
}

/// Rewrites every `\b` (not `\\b`) in a pattern as `(?-u:\b)`.
pub(crate) fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(n) => {
                    out.push(c);
                    out.push(n);
                }
                None => out.push(c),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Builds the automaton of `words` for ASCII-case-insensitive search over
/// text folded with [`str::to_ascii_lowercase`]: each word is folded the same
/// way and the automaton itself is case-sensitive.
///
/// A byte of folded text equals a byte of a folded word exactly when the
/// unfolded bytes are equal up to ASCII case, so the matches (positions and
/// pattern ids) are those of an `ascii_case_insensitive` automaton over the
/// text as printed; but a case-sensitive automaton keeps its literal
/// prefilter, which skips most of the text instead of stepping through every
/// byte.
pub(crate) fn folded_automaton(
    words: impl IntoIterator<Item = impl AsRef<str>>,
    match_kind: aho_corasick::MatchKind,
) -> Result<aho_corasick::AhoCorasick, aho_corasick::BuildError> {
    aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .match_kind(match_kind)
        .build(words.into_iter().map(|w| w.as_ref().to_ascii_lowercase()))
}

/// Builds a packed (Teddy) searcher for `words` folded with
/// [`str::to_ascii_lowercase`], leftmost-first; `None` when the words do not
/// suit one (too many, an empty one, no vector instructions).
pub(crate) fn folded_packed<'a>(
    words: impl IntoIterator<Item = &'a String>,
) -> Option<aho_corasick::packed::Searcher> {
    let words: Vec<String> = words.into_iter().map(|w| w.to_ascii_lowercase()).collect();
    if words.iter().any(String::is_empty) {
        return None;
    }
    aho_corasick::packed::Config::new()
        .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(&words)
        .build()
}

/// For each of `units` (byte ranges of `folded`, in order, not overlapping),
/// whether a word of `searcher` (built by [`folded_packed`]) occurs within
/// it, as a search of the unit on its own would tell, from one search of the
/// whole text (a literal prefilter needs a long haystack to pay off).
/// `folded` is the text folded with [`str::to_ascii_lowercase`], so the words
/// match ASCII-case-insensitively. `None` when a match of the whole-text
/// search is not within one unit: then a unit's answer cannot be read from it.
///
/// When every match lies within a unit, an occurrence within unit U that
/// the leftmost search skipped overlaps a reported match, which then lies
/// within U too: so a unit holds an occurrence exactly when it holds a match.
pub(crate) fn units_holding(
    searcher: &aho_corasick::packed::Searcher,
    folded: &str,
    units: &[std::ops::Range<usize>],
) -> Option<Vec<bool>> {
    let mut out = vec![false; units.len()];
    if units.is_empty() {
        return Some(out);
    }
    for m in searcher.find_iter(folded) {
        let i = units.partition_point(|u| u.end < m.end());
        match (units.get(i), out.get_mut(i)) {
            (Some(u), Some(o)) if u.start <= m.start() => *o = true,
            _ => return None,
        }
    }
    Some(out)
}

/// Lower-cases the first character of `s`.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A regex alternation of literal `words`, longest first so that a longer
/// word wins over its prefix ("mill. kroner" before "mill.").
pub(crate) fn alternation(words: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let mut v: Vec<String> = words
        .into_iter()
        .map(|w| regex::escape(w.as_ref()))
        .collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.join("|")
}

/// The index of the group named `name` in `re`: `caps.get(i)` for it is
/// `caps.name(name)`, without hashing the name at every match.
pub(crate) fn group_index(re: &regex::Regex, name: &str) -> Option<usize> {
    re.capture_names().position(|n| n == Some(name))
}
