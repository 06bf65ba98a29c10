//! Case-insensitive regexes searched over ASCII-folded text, so that the
//! regex engine keeps a literal prefilter.
//!
//! A `(?i)` alternation of words ("frist|levere|ferdigstil...") has no
//! prefilter in the regex crate: every word comes in so many case variants
//! that the literal set is given up, and the lazy DFA steps through every
//! byte. Over text folded with [`str::to_ascii_lowercase`] the same regex
//! with the upper-case ASCII letters taken out of its classes finds the same
//! matches, and its literals are the lower-case words: the engine searches
//! for them with a vector prefilter.
//!
//! # Why the matches are the same
//!
//! Let `R` be the regex and `R'` its rewrite; `fold(T)` is `T` with A–Z
//! lowered. Folding changes no byte length, no character boundary, nothing
//! but A–Z.
//!
//! 1. `R` over `T` matches as `R` over `fold(T)` when `R` is *case-closed*:
//!    every class holds an ASCII letter exactly when it holds the other case
//!    of it, and no literal holds an ASCII letter (under `(?i)` the parser
//!    turns every letter into such a class: `f` → `[Ff]`). Then each
//!    character-consuming piece of `R` accepts a character exactly when it
//!    accepts the character folded; look-arounds (`\b`, `^`, `$`) see only
//!    word characters and line ends, which folding keeps. Every step of the
//!    match is the same at the same byte offsets, so leftmost-first picks
//!    the same matches.
//! 2. `R'` over `fold(T)` matches as `R` over `fold(T)`: `fold(T)` holds no
//!    A–Z, so taking A–Z out of a class changes no answer of it.
//!
//! A second rewrite also takes out of its classes the three non-ASCII
//! characters that `(?i)` adds to `k`, `s` and `å` (`EXOTIC`); it serves
//! texts that hold none of them, where those members change no answer.
//!
//! A regex that is not case-closed (a case-sensitive word such as
//! "Mandat") gets no rewrite, and callers search the text as printed.

use std::cell::OnceCell;
use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode};
use regex_syntax::hir::{ClassUnicodeRange, Hir, HirKind, Repetition};

/// A regex with, when it is case-closed, its rewrite for ASCII-folded text.
#[derive(Clone, Debug)]
pub struct FoldedRegex {
    /// The regex as compiled from the rule.
    pub regex: Regex,
    /// The rewrite: over `text.to_ascii_lowercase()` it finds exactly the
    /// matches (positions and groups) of `regex` over `text`. Built at its
    /// first use (rules a document never reaches cost no compilation).
    folded: OnceLock<Option<Regex>>,
    /// The rewrite without the [`EXOTIC`] characters in its classes, for a
    /// text that holds none of them: fewer case variants of its literals
    /// (each `s` of a `(?i)` word is `[sſ]` in `folded`). Built at first use.
    plain: OnceLock<Option<Regex>>,
    /// Whether to rewrite at all (see [`FoldedRegex::unfolded`]).
    rewrite: bool,
}

/// The non-ASCII characters that `(?i)` puts in the class of an ASCII
/// letter or of "å": the long s, the Kelvin sign, the Ångström sign.
const EXOTIC: [char; 3] = ['\u{17f}', '\u{212a}', '\u{212b}'];

impl FoldedRegex {
    /// Wraps `regex`, building its rewrite for folded text when it has one.
    pub fn new(regex: Regex) -> FoldedRegex {
        FoldedRegex {
            regex,
            folded: OnceLock::new(),
            plain: OnceLock::new(),
            rewrite: true,
        }
    }

    /// Wraps `regex` without a rewrite: searches run over the text as
    /// printed. For patterns searched over little text, where compiling a
    /// rewrite costs more than it saves (a Unicode `.{0,100}` compiles to
    /// a large automaton).
    pub fn unfolded(regex: Regex) -> FoldedRegex {
        FoldedRegex {
            rewrite: false,
            ..FoldedRegex::new(regex)
        }
    }

    /// The regex to search `fold(text)` with, when the rewrite exists.
    pub fn on_folded(&self) -> Option<&Regex> {
        self.folded
            .get_or_init(|| rewrite(self.regex.as_str(), false))
            .as_ref()
    }

    /// The regex to search `fold(text)` with when the text holds no
    /// [`EXOTIC`] character, when the rewrite exists.
    fn on_plain(&self) -> Option<&Regex> {
        self.plain
            .get_or_init(|| rewrite(self.regex.as_str(), true))
            .as_ref()
    }

    /// The regex and haystack to search `t` with: the rewrite over the
    /// folded text when there is one, else the regex over the text.
    fn pick<'t>(&'t self, t: &'t FoldedText<'t>) -> (&'t Regex, &'t str) {
        let rewritten = if !self.rewrite {
            None
        } else if t.plain() {
            self.on_plain().or_else(|| self.on_folded())
        } else {
            self.on_folded()
        };
        match rewritten {
            Some(re) => (re, t.folded()),
            None => (&self.regex, t.text),
        }
    }

    /// Returns whether [`FoldedRegex::regex`] matches in `t`.
    pub fn is_match(&self, t: &FoldedText<'_>) -> bool {
        let (re, hay) = self.pick(t);
        re.is_match(hay)
    }

    /// The matches of [`FoldedRegex::regex`] in `t`, in order.
    pub fn find_iter<'t>(&'t self, t: &'t FoldedText<'t>) -> impl Iterator<Item = Span<'t>> + 't {
        let (re, hay) = self.pick(t);
        re.find_iter(hay).map(move |m| Span::new(t.text, m.range()))
    }

    /// The groups of the first match of [`FoldedRegex::regex`] in `t`.
    pub fn captures<'t>(&'t self, t: &'t FoldedText<'t>) -> Option<Groups<'t>> {
        let (re, hay) = self.pick(t);
        re.captures(hay).map(|caps| Groups { caps, text: t.text })
    }

    /// The groups of every match of [`FoldedRegex::regex`] in `t`, in order.
    pub fn captures_iter<'t>(
        &'t self,
        t: &'t FoldedText<'t>,
    ) -> impl Iterator<Item = Groups<'t>> + 't {
        let (re, hay) = self.pick(t);
        re.captures_iter(hay)
            .map(move |caps| Groups { caps, text: t.text })
    }
}

/// A text with its copy folded by [`str::to_ascii_lowercase`], for
/// [`FoldedRegex`] searches; the copy is made at its first use, once for
/// many regexes.
#[derive(Clone, Debug)]
pub struct FoldedText<'a> {
    /// The text as printed.
    pub text: &'a str,
    /// `text.to_ascii_lowercase()`: same length, same character boundaries.
    folded: OnceCell<String>,
    /// The folded copy when it was given, not made here (a part of a text
    /// folded before: see [`FoldedText::part`]).
    given: Option<&'a str>,
    /// Whether the text holds none of the [`EXOTIC`] characters.
    plain: OnceCell<bool>,
}

impl<'a> FoldedText<'a> {
    /// Wraps `text`; nothing is folded yet.
    pub fn new(text: &'a str) -> FoldedText<'a> {
        FoldedText {
            text,
            folded: OnceCell::new(),
            given: None,
            plain: OnceCell::new(),
        }
    }

    /// The text folded by [`str::to_ascii_lowercase`].
    pub fn folded(&self) -> &str {
        match self.given {
            Some(folded) => folded,
            None => self.folded.get_or_init(|| self.text.to_ascii_lowercase()),
        }
    }

    /// The part `range` of the text (as [`str::get`] takes it), with its
    /// folded copy borrowed from this one's (folding keeps every byte
    /// offset, so the folded part is the part of the folded text). A part of
    /// a text without exotic characters (ſ, K, Å) has none either. `None` when
    /// `range` is not a part of the text.
    pub fn part(&self, range: std::ops::Range<usize>) -> Option<FoldedText<'_>> {
        let text = self.text.get(range.clone())?;
        let folded = self.folded().get(range)?;
        let plain = OnceCell::new();
        if self.plain.get() == Some(&true) {
            let _ = plain.set(true);
        }
        Some(FoldedText {
            text,
            folded: OnceCell::new(),
            given: Some(folded),
            plain,
        })
    }

    /// Whether the text holds none of the [`EXOTIC`] characters.
    fn plain(&self) -> bool {
        *self.plain.get_or_init(|| !has_exotic(self.text))
    }
}

/// Returns whether `text` holds one of the [`EXOTIC`] characters (UTF-8
/// C5 BF, E2 84 AA, E2 84 AB), looking closer only at their lead bytes.
fn has_exotic(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xC5, 0xE2, b).any(|i| match b[i] {
        0xC5 => b.get(i + 1) == Some(&0xBF),
        _ => matches!(b.get(i + 1..i + 3), Some([0x84, 0xAA | 0xAB])),
    })
}

/// A match or group of a [`FoldedRegex`] search: a range of the text as
/// printed (what [`regex::Match`] is for a plain search).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

impl<'t> Span<'t> {
    fn new(text: &'t str, r: std::ops::Range<usize>) -> Span<'t> {
        Span {
            text,
            start: r.start,
            end: r.end,
        }
    }

    /// The byte offset where the match starts.
    pub fn start(&self) -> usize {
        self.start
    }

    /// The byte offset right after the match.
    pub fn end(&self) -> usize {
        self.end
    }

    /// The byte range of the match.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The matched text as printed.
    pub fn as_str(&self) -> &'t str {
        &self.text[self.start..self.end]
    }
}

/// The capture groups of one [`FoldedRegex`] match, read from the text as
/// printed.
#[derive(Debug)]
pub struct Groups<'t> {
    caps: regex::Captures<'t>,
    text: &'t str,
}

impl<'t> Groups<'t> {
    /// Group `i` (0: the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Span<'t>> {
        self.caps.get(i).map(|m| Span::new(self.text, m.range()))
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Span<'t>> {
        self.caps
            .name(name)
            .map(|m| Span::new(self.text, m.range()))
    }
}

/// The rewrite of `pattern` for folded text, or `None` when the pattern is
/// not case-closed (or the rewrite does not compile).
///
/// With `plain`, the [`EXOTIC`] characters go too: the rewrite is then for
/// folded text without them, where taking them out of a class changes no
/// answer of it.
fn rewrite(pattern: &str, plain: bool) -> Option<Regex> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let lowered = lower(hir, plain)?;
    regex::RegexBuilder::new(&lowered.to_string())
        .size_limit(1 << 22)
        .build()
        .ok()
}

/// Takes A–Z out of every class of `hir`; `None` when `hir` is not
/// case-closed (see the module documentation).
fn lower(hir: Hir, plain: bool) -> Option<Hir> {
    let lower = |h: Hir| lower(h, plain);
    Some(match hir.into_kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Literal(lit) => {
            if lit.0.iter().any(u8::is_ascii_alphabetic) {
                return None;
            }
            Hir::literal(lit.0)
        }
        HirKind::Class(Class::Unicode(mut c)) => {
            let closed = (b'a'..=b'z').all(|b| {
                let has = |ch: u8| {
                    let ch = char::from(ch);
                    c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end())
                };
                has(b) == has(b.to_ascii_uppercase())
            });
            if !closed {
                return None;
            }
            c.difference(&ClassUnicode::new([ClassUnicodeRange::new('A', 'Z')]));
            if plain {
                let exotic = EXOTIC.map(|e| ClassUnicodeRange::new(e, e));
                c.difference(&ClassUnicode::new(exotic));
            }
            Hir::class(Class::Unicode(c))
        }
        HirKind::Class(Class::Bytes(mut c)) => {
            let closed = (b'a'..=b'z').all(|b| {
                let has = |ch: u8| c.ranges().iter().any(|r| r.start() <= ch && ch <= r.end());
                has(b) == has(b.to_ascii_uppercase())
            });
            if !closed {
                return None;
            }
            c.difference(&ClassBytes::new([ClassBytesRange::new(b'A', b'Z')]));
            Hir::class(Class::Bytes(c))
        }
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(lower(*rep.sub)?),
            ..rep
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(lower(*cap.sub)?),
            ..cap
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(lower).collect::<Option<_>>()?),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.into_iter().map(lower).collect::<Option<_>>()?)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{FoldedRegex, FoldedText};
    use regex::Regex;

    /// Every match (range and groups) of `pattern` over `text` equals its
    /// rewrite's over the folded text.
    fn same(pattern: &str, text: &str) {
        let f = FoldedRegex::new(Regex::new(pattern).unwrap());
        let re = f.on_folded().expect("case-closed");
        let folded = text.to_ascii_lowercase();
        let want: Vec<Vec<Option<(usize, usize)>>> = f
            .regex
            .captures_iter(text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect();
        let got: Vec<Vec<Option<(usize, usize)>>> = re
            .captures_iter(&folded)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect();
        assert_eq!(got, want, "{pattern:?} over {text:?}");
        // The plain rewrite, over the text without its exotic characters.
        let plain_text: String = text
            .chars()
            .filter(|c| !super::EXOTIC.contains(c))
            .collect();
        let t = super::FoldedText::new(&plain_text);
        assert!(t.plain());
        let want: Vec<Vec<Option<(usize, usize)>>> = f
            .regex
            .captures_iter(&plain_text)
            .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
            .collect();
        let got: Vec<Vec<Option<(usize, usize)>>> = f
            .captures_iter(&t)
            .map(|c| {
                (0..c.caps.len())
                    .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                    .collect()
            })
            .collect();
        assert_eq!(got, want, "{pattern:?} over {plain_text:?}");
        let names: Vec<_> = f.regex.capture_names().collect();
        assert_eq!(re.capture_names().collect::<Vec<_>>(), names);
    }

    #[test]
    fn case_insensitive_patterns_match_the_same() {
        let text = "FRIST 1. mars. Fristen er satt; frister. fri\u{17f}t og \u{212a}vartal \
                    Kvartal. HØRING med Frist: høringsFrist. Ærlig Å \u{212b}r år. \
                    Leveres innen Utgangen av året. DIALOG om FRAMdrift avklares.";
        for pattern in [
            r"(?i)\bfrist(?:en|er|ene)?\b",
            r"(?i)(?-u:\b)frist(?:en|er|ene)?(?-u:\b)",
            r"(?i)\bhøring[a-zæøå]*\b[^.]*\bmed frist\b|\bhøringsfrist[a-zæøå]*",
            r"(?i)kvartal|år\b|\w+\s+år",
            r"(?i)(?P<w>[a-zæøå]+)\s+(?P<n>\d+)?",
            r"(?i)dialog\b[^.]*\b(?:fram|frem)drift",
            r"(?i)^\s*leveres",
            r"(?i)[^a-z]+",
            r"\d+\.",
        ] {
            same(pattern, text);
        }
    }

    #[test]
    fn exotic_characters_are_found() {
        for c in super::EXOTIC {
            assert!(super::has_exotic(&format!("–x{c}")), "{c}");
        }
        assert!(!super::has_exotic("– • ’ Å ſ".trim_end_matches('ſ')));
    }

    #[test]
    fn case_sensitive_letters_get_no_rewrite() {
        for pattern in ["Mandat", "(?i)x(?-i:Y)", r"[a-z]+", r"\p{Lu}"] {
            let f = FoldedRegex::new(Regex::new(pattern).unwrap());
            assert!(f.on_folded().is_none(), "{pattern}");
        }
    }

    #[test]
    fn a_part_is_folded_as_the_part_alone() {
        let text = "Frist: 1. MARS. Deloppdrag B) og C) i \u{17f}amarbeid. \u{212a}";
        let whole = FoldedText::new(text);
        // Asked before and after the whole text's own `plain` is known.
        for round in 0..2 {
            for (start, _) in text.char_indices() {
                for end in (start..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                    let part = whole.part(start..end).unwrap();
                    let alone = FoldedText::new(&text[start..end]);
                    assert_eq!(part.text, alone.text);
                    assert_eq!(part.folded(), alone.folded());
                    assert_eq!(part.plain(), alone.plain(), "{start}..{end} {round}");
                }
            }
            assert!(whole.part(1..200).is_none());
            let _ = whole.plain();
        }
        // A part of a text known to be plain is plain without a search.
        let plain = FoldedText::new("Frist: 1. mars");
        assert!(plain.plain());
        assert!(plain.part(0..5).unwrap().plain.get() == Some(&true));
    }
}
