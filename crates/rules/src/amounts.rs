//! Sums of money (`rules/amounts.toml`): "12,5 mill. kroner", "1 608 000
//! kroner", "kr 30.000", "2,7 mill. kr", "0,9 mill. kroner (89 021,43 EUR)",
//! and plain table numbers ("20 000") under a multiplier.

use std::ops::Range;

use oppdrag_model::{Amount, Currency};
use regex::Regex;
use serde::Deserialize;

use crate::folded::{FoldedRegex, FoldedText};
use crate::source::{alternation, folded_automaton, group_index, Errors, RuleFile};
use crate::window::{ceil_boundary, floor_boundary};

/// An amount found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct AmountMatch {
    /// Byte range of the amount phrase in the searched text.
    pub span: Range<usize>,
    /// The amount, fully expanded; `raw` is the phrase.
    pub amount: Amount,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AmountsFile {
    multiplier: Vec<Multiplier>,
    currency: Vec<CurrencyRule>,
    #[serde(default)]
    rate_cues: Vec<String>,
    #[serde(default)]
    table_multiplier: Vec<TableMultiplier>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Multiplier {
    words: Vec<String>,
    factor: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyRule {
    code: String,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TableMultiplier {
    name: String,
    pattern: String,
    factor: f64,
}

/// Compiled amount rules.
#[derive(Debug)]
pub struct AmountRules {
    after: Regex,
    before: Regex,
    /// The named groups of `after`, `before` and `bare`, by index.
    groups: [AmountGroups; 3],
    /// The rate cues, searched over the folded text (see [`FoldedRegex`]):
    /// a `(?i)` alternation has no literal prefilter over the text as
    /// printed, and most texts hold no cue at all.
    rate: Option<FoldedRegex>,
    bare: Regex,
    multipliers: Vec<(String, f64)>,
    currencies: Vec<(String, Currency)>,
    currency_words: aho_corasick::AhoCorasick,
    table: Vec<(Regex, f64)>,
}

/// The named groups of an amount pattern, by index (see [`group_index`]):
/// `a` the amount as printed, `n` its digits, `f` the fraction, `m` the
/// multiplier word, `c` the currency word.
#[derive(Clone, Copy, Debug, Default)]
struct AmountGroups {
    a: Option<usize>,
    n: Option<usize>,
    f: Option<usize>,
    m: Option<usize>,
    c: Option<usize>,
}

impl AmountGroups {
    fn of(re: &Regex) -> AmountGroups {
        AmountGroups {
            a: group_index(re, "a"),
            n: group_index(re, "n"),
            f: group_index(re, "f"),
            m: group_index(re, "m"),
            c: group_index(re, "c"),
        }
    }
}

/// Bytes searched on each side of a currency word.
const WINDOW: usize = 48;

const NUMBER: &str = r"(?P<n>\d{1,3}(?:[ \u{a0}\u{202f}.]\d{3})+|\d+)(?:,(?P<f>\d+))?";

impl AmountRules {
    pub(crate) fn compile(file: &RuleFile, errors: &mut Errors) -> Option<AmountRules> {
        let f: AmountsFile = match file.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let mut currencies = Vec::new();
        for (i, c) in f.currency.iter().enumerate() {
            let cur = match c.code.as_str() {
                "NOK" => Currency::Nok,
                "EUR" => Currency::Eur,
                other => {
                    errors.rule(
                        file,
                        i + 1,
                        &c.code,
                        format!("unknown currency {other:?} (NOK or EUR)"),
                    );
                    continue;
                }
            };
            for w in c.after.iter().chain(&c.before) {
                currencies.push((w.to_lowercase(), cur));
            }
        }
        let mut multipliers = Vec::new();
        for m in &f.multiplier {
            for w in &m.words {
                multipliers.push((w.to_lowercase(), m.factor));
            }
        }
        let mult = alternation(multipliers.iter().map(|(w, _)| w));
        let after = alternation(f.currency.iter().flat_map(|c| &c.after));
        let before = alternation(f.currency.iter().flat_map(|c| &c.before));
        let after = errors.regex(
            file,
            0,
            "currency after",
            &format!(r"(?i)(?:^|[^\d,.])(?P<a>{NUMBER}(?:\s*(?P<m>{mult}))?\s*(?P<c>{after}))(?:$|[^\p{{L}}])"),
        );
        let before = errors.regex(
            file,
            0,
            "currency before",
            &format!(r"(?i)(?:^|[^\p{{L}}])(?P<a>(?P<c>{before})\s*{NUMBER}(?:\s*(?P<m>{mult}))?)(?:$|[^\d\p{{L}}])"),
        );
        let rate = if f.rate_cues.is_empty() {
            None
        } else {
            errors
                .regex(
                    file,
                    0,
                    "rate_cues",
                    &format!(r"(?i)\b(?:{})", alternation(&f.rate_cues)),
                )
                .map(FoldedRegex::new)
        };
        let bare = errors.regex(
            file,
            0,
            "bare number",
            r"(?:^|[^\d,.\p{L}])(?P<a>(?P<n>\d{1,3}(?:[ \u{a0}\u{202f}]\d{3})+|\d{4,7})(?:,(?P<f>\d+))?)(?:$|[^\d\p{L}]|\s\p{L})",
        );
        let mut table = Vec::new();
        for (i, t) in f.table_multiplier.iter().enumerate() {
            if let Some(re) = errors.regex(file, i + 1, &t.name, &format!("(?i){}", t.pattern)) {
                table.push((re, t.factor));
            }
        }
        let currency_words = match folded_automaton(
            currencies.iter().map(|(w, _)| w),
            aho_corasick::MatchKind::LeftmostLongest,
        ) {
            Ok(a) => a,
            Err(err) => {
                errors.file(file, format!("currency words: {err}"));
                return None;
            }
        };
        let (after, before, bare) = (after?, before?, bare?);
        Some(AmountRules {
            groups: [&after, &before, &bare].map(AmountGroups::of),
            currency_words,
            after,
            before,
            rate,
            bare,
            multipliers,
            currencies,
            table,
        })
    }

    /// Finds every sum of money in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<AmountMatch> {
        self.find_in(&FoldedText::new(text))
    }

    /// [`AmountRules::find`] of a text given with its folded copy (one fold
    /// for this and [`AmountRules::find_rates_in`]).
    pub fn find_in(&self, t: &FoldedText<'_>) -> Vec<AmountMatch> {
        let text = t.text;
        let mut out: Vec<AmountMatch> = Vec::new();
        let word_start = |i: usize| {
            !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        };
        // The patterns run only on windows around currency words, which keeps
        // the cost proportional to the sums in the text, not to its length.
        let mut windows: Vec<Range<usize>> = Vec::new();
        // The currency words match ASCII-case-insensitively: search the
        // folded text (same byte offsets), read the text as printed.
        for m in self.currency_words.find_iter(t.folded()) {
            if !word_start(m.start()) && text[m.range()].starts_with(char::is_alphabetic) {
                continue;
            }
            let mut start = floor_boundary(text, m.start().saturating_sub(WINDOW));
            while start > 0 {
                let prev = text[..start].chars().next_back().unwrap_or(' ');
                if prev.is_ascii_digit()
                    || matches!(prev, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')
                        && text[..start - prev.len_utf8()].ends_with(|c: char| c.is_ascii_digit())
                {
                    start -= prev.len_utf8();
                } else {
                    break;
                }
            }
            let end = ceil_boundary(text, (m.end() + WINDOW).min(text.len()));
            match windows.last_mut() {
                Some(w) if start <= w.end => w.end = w.end.max(end),
                _ => windows.push(start..end),
            }
        }
        for w in windows {
            let hay = &text[w.clone()];
            for (re, g) in [
                (&self.after, &self.groups[0]),
                (&self.before, &self.groups[1]),
            ] {
                for caps in re.captures_iter(hay) {
                    let Some(a) = caps.get(1) else { continue };
                    let span = w.start + a.start()..w.start + a.end();
                    if out
                        .iter()
                        .any(|m| m.span.start < span.end && span.start < m.span.end)
                    {
                        continue;
                    }
                    let Some(value) = self.value(g, &caps) else {
                        continue;
                    };
                    let cur =
                        g.c.and_then(|i| caps.get(i))
                            .and_then(|c| self.currency(c.as_str()))
                            .unwrap_or_default();
                    out.push(AmountMatch {
                        span,
                        amount: Amount::new(value, cur, a.as_str().trim()),
                    });
                }
            }
        }
        out.sort_by_key(|m| m.span.start);
        out
    }

    /// Finds bare numbers that a rate word ("honorar") marks as NOK: the
    /// word stands up to 50 bytes before the number in the same sentence, or
    /// right after it ("1 600 i honorar"). Spans in `taken` are skipped, and
    /// so are four-digit numbers that look like years.
    pub fn find_rates(&self, text: &str, taken: &[Range<usize>]) -> Vec<AmountMatch> {
        self.find_rates_in(&FoldedText::new(text), taken)
    }

    /// [`AmountRules::find_rates`] of a text given with its folded copy.
    pub fn find_rates_in(&self, t: &FoldedText<'_>, taken: &[Range<usize>]) -> Vec<AmountMatch> {
        let text = t.text;
        let Some(cue) = &self.rate else {
            return Vec::new();
        };
        let cues: Vec<Range<usize>> = cue.find_iter(t).map(|m| m.range()).collect();
        if cues.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for caps in self.bare.captures_iter(text) {
            let g = &self.groups[2];
            let (Some(a), Some(n)) = (g.a.and_then(|i| caps.get(i)), g.n.and_then(|i| caps.get(i)))
            else {
                continue;
            };
            if taken.iter().any(|t| t.start < a.end() && a.start() < t.end) {
                continue;
            }
            let digits = n.as_str();
            if digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")) {
                continue;
            }
            let near = cues.iter().any(|c| {
                if c.end <= a.start() {
                    let gap = &text[c.end..a.start()];
                    gap.len() <= 50 && !gap.contains(". ")
                } else {
                    let gap = &text[a.end()..c.start];
                    c.start >= a.end() && gap.len() <= 12 && !gap.contains('.')
                }
            });
            if !near {
                continue;
            }
            let Some(value) = self.value(g, &caps) else {
                continue;
            };
            out.push(AmountMatch {
                span: a.range(),
                amount: Amount::new(value, Currency::Nok, a.as_str().trim()),
            });
        }
        out
    }

    /// Returns the factor a table heading such as "Alle tall i hele tusen"
    /// sets for plain numbers in the table, if `text` is such a heading.
    pub fn table_multiplier(&self, text: &str) -> Option<f64> {
        self.table
            .iter()
            .find(|(re, _)| re.is_match(text))
            .map(|&(_, f)| f)
    }

    /// Parses a plain table number ("20 000", "1.500", "-") times `factor`;
    /// `None` for a dash or anything that is not a number.
    pub fn parse_number(&self, text: &str, factor: f64) -> Option<Amount> {
        let t = text.trim();
        let negative = t.starts_with('-') || t.starts_with('−');
        let digits = t.trim_start_matches(['-', '−']).trim();
        let (int, frac) = match digits.split_once(',') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let int: String = int
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '\u{a0}' | '\u{202f}'))
            .collect();
        if int.is_empty()
            || !int.chars().all(|c| c.is_ascii_digit())
            || frac.is_some_and(|f| f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
        {
            return None;
        }
        let mut v: f64 = format!("{int}.{}", frac.unwrap_or("0")).parse().ok()?;
        if negative {
            v = -v;
        }
        Some(Amount::new(v * factor, Currency::Nok, t))
    }

    fn value(&self, g: &AmountGroups, caps: &regex::Captures<'_>) -> Option<f64> {
        let n = caps.get(g.n?)?.as_str();
        let frac = g.f.and_then(|i| caps.get(i)).map_or("0", |f| f.as_str());
        // "<digits of n>.<frac>", built in one buffer.
        let mut number = String::with_capacity(n.len() + frac.len() + 1);
        number.extend(n.chars().filter(char::is_ascii_digit));
        number.push('.');
        number.push_str(frac);
        let base: f64 = number.parse().ok()?;
        let factor =
            g.m.and_then(|i| caps.get(i))
                .and_then(|m| self.multiplier(m.as_str()))
                .unwrap_or(1.0);
        Some((base * factor * 100.0).round() / 100.0)
    }

    /// The factor of a multiplier word as printed (compared lower-cased; an
    /// ASCII word without a copy: the rule words are lower-cased already,
    /// so they equal its lower-case form exactly when they equal it up to
    /// ASCII case).
    fn multiplier(&self, word: &str) -> Option<f64> {
        let found = if word.is_ascii() {
            self.multipliers
                .iter()
                .find(|(x, _)| x.eq_ignore_ascii_case(word))
        } else {
            let w = word.to_lowercase();
            self.multipliers.iter().find(|(x, _)| *x == w)
        };
        found.map(|&(_, f)| f)
    }

    fn currency(&self, word: &str) -> Option<Currency> {
        let w = word.to_lowercase();
        self.currencies
            .iter()
            .find(|(x, _)| *x == w)
            .map(|&(_, c)| c)
    }
}
