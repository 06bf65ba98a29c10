//! Norwegian dates as letters write them (`rules/dates.toml`): "15. september
//! 2024", "1. juni" (year from the letter), "31.12.2024", "01.01.24",
//! "første halvår 2024", "i løpet av 2. kvartal", "innen utgangen av 2024",
//! "før påske".

use std::ops::Range;

use aho_corasick::MatchKind;
use chrono::{Datelike, Days, NaiveDate};
use oppdrag_model::Precision;
use regex::Regex;
use serde::Deserialize;

use crate::needle::Needles;
use crate::source::{alternation, group_index, Errors, RuleFile};

/// A date found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte range of the date phrase in the searched text.
    pub span: Range<usize>,
    /// The last day the phrase covers ("første halvår 2024" → 2024-06-30).
    pub date: NaiveDate,
    /// How exactly the phrase gives the date.
    pub precision: Precision,
    /// Whether the year was printed (else it came from the context year).
    pub year_given: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesFile {
    months: Vec<Vec<String>>,
    #[serde(default)]
    ordinals: Vec<Vec<String>>,
    #[serde(default)]
    half_year: Vec<String>,
    #[serde(default)]
    quarter: Vec<String>,
    #[serde(default)]
    month_lead: Vec<String>,
    #[serde(default)]
    year_end: Vec<String>,
    #[serde(default)]
    this_year: Vec<String>,
    #[serde(default)]
    holiday: Vec<Holiday>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Holiday {
    name: String,
    pattern: String,
    /// `easter` (Easter Sunday) or `MM-DD`.
    anchor: String,
    #[serde(default)]
    offset_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    DayMonth,
    Numeric,
    Month,
    Quarter,
    Half,
    YearEnd,
    Holiday(usize),
}

/// Compiled date rules.
#[derive(Debug)]
pub struct DateRules {
    month_index: Vec<(String, u32)>,
    ordinal_index: Vec<(String, u32)>,
    this_year: Vec<String>,
    forms: Vec<(Form, Regex)>,
    /// The named groups of each of `forms`, by index.
    form_groups: Vec<DateGroups>,
    holidays: Vec<(String, i64)>,
    /// The keywords of the forms: a form is tried only when a word of its
    /// class occurs in the text.
    keywords: Keywords,
    /// Words no holiday phrase matches without ([`Needles`]), for all
    /// holiday rules at once: a text without them skips their regexes.
    holiday_needles: Option<Needles>,
}

const NEED_MONTH: u8 = 1;
const NEED_QUARTER: u8 = 2;
const NEED_HALF: u8 = 4;
const NEED_YEAR_END: u8 = 8;
/// A word of the holiday rules' [`Needles`].
const NEED_HOLIDAY: u8 = 16;

impl DateRules {
    pub(crate) fn compile(file: &RuleFile, errors: &mut Errors) -> Option<DateRules> {
        let f: DatesFile = match file.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        if f.months.len() != 12 {
            errors.file(
                file,
                format!("months: expected 12 entries, found {}", f.months.len()),
            );
            return None;
        }
        let mut month_index = Vec::new();
        for (i, names) in f.months.iter().enumerate() {
            for n in names {
                month_index.push((n.to_lowercase(), i as u32 + 1));
            }
        }
        let mut ordinal_index = Vec::new();
        for (i, names) in f.ordinals.iter().enumerate() {
            for n in names {
                ordinal_index.push((n.to_lowercase(), i as u32 + 1));
            }
        }
        let all_months = alternation(month_index.iter().map(|(n, _)| n));
        let full_months = alternation(f.months.iter().filter_map(|m| m.first()));
        let ordinals = alternation(ordinal_index.iter().map(|(n, _)| n));
        let year = r"(?:19|20)\d{2}";
        let this_year = alternation(&f.this_year);
        let lead = alternation(f.month_lead.iter().chain(&f.year_end));
        let mut forms = Vec::new();
        // The vocabulary words start and end with ASCII letters or digits, so
        // ASCII word boundaries suffice, and they keep the fast DFA engines
        // in use on Norwegian text.
        let mut add = |form: Form, name: &str, pattern: String, errors: &mut Errors| {
            if let Some(re) = errors.regex(file, forms.len() + 1, name, &pattern) {
                forms.push((form, re));
            }
        };
        add(
            Form::DayMonth,
            "day_month",
            format!(r"(?i)\b(?P<d>[0-3]?\d)\.?\s*(?P<m>{all_months})\.?(?:\s+(?P<y>{year}))?\b"),
            errors,
        );
        add(
            Form::Numeric,
            "numeric",
            r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d{2}|\d{2})\b".to_string(),
            errors,
        );
        add(
            Form::Month,
            "month",
            format!(
                r"(?i)\b(?:(?:{lead})\s+)?(?P<m>{full_months})(?:\s+(?P<y>{year}))?\b",
                lead = alternation(&f.month_lead)
            ),
            errors,
        );
        add(
            Form::Quarter,
            "quarter",
            format!(
                r"(?i)\b(?:(?:{lead})\s+)?(?P<o>{ordinals})\s*(?:{q})(?:\s+(?P<y>{year}))?",
                q = alternation(&f.quarter)
            ),
            errors,
        );
        add(
            Form::Half,
            "half_year",
            format!(
                r"(?i)\b(?:(?:{lead})\s+)?(?P<o>{ordinals})\s*(?:{h})(?:\s+(?P<y>{year}))?",
                h = alternation(&f.half_year)
            ),
            errors,
        );
        add(
            Form::YearEnd,
            "year_end",
            format!(
                r"(?i)\b(?:{lead})\s+(?:(?P<y>{year})|(?P<this>{this_year}))\b",
                lead = alternation(&f.year_end)
            ),
            errors,
        );
        let mut holidays = Vec::new();
        let mut holiday_patterns = Vec::new();
        for (i, h) in f.holiday.iter().enumerate() {
            if h.anchor != "easter" && parse_md(&h.anchor).is_none() {
                errors.rule(
                    file,
                    i + 1,
                    &h.name,
                    format!("anchor must be \"easter\" or MM-DD, got {:?}", h.anchor),
                );
                continue;
            }
            if let Some(re) = errors.regex(file, i + 1, &h.name, &format!("(?i){}", h.pattern)) {
                holiday_patterns.push(format!("(?:{})", re.as_str()));
                forms.push((Form::Holiday(holidays.len()), re));
                holidays.push((h.anchor.clone(), h.offset_days));
            }
        }
        let mut words: Vec<(String, u8)> = Vec::new();
        for (list, bit) in [
            (
                month_index.iter().map(|(n, _)| n).collect::<Vec<_>>(),
                NEED_MONTH,
            ),
            (f.quarter.iter().collect(), NEED_QUARTER),
            (f.half_year.iter().collect(), NEED_HALF),
            (f.year_end.iter().collect(), NEED_YEAR_END),
        ] {
            words.extend(list.into_iter().map(|w| (w.clone(), bit)));
        }
        let holiday_needles = if holiday_patterns.is_empty() {
            None
        } else {
            Needles::of(&holiday_patterns.join("|"))
        };
        // The holiday needles (folded already) are looked for with the
        // keywords: a word occurs ASCII-case-insensitively in the text exactly
        // where its folded form occurs in the folded text, which is where
        // `Needles::may_match` looks.
        if let Some(n) = &holiday_needles {
            words.extend(n.words().iter().map(|w| (w.clone(), NEED_HOLIDAY)));
        }
        let keywords = match Keywords::new(&words) {
            Ok(k) => k,
            Err(err) => {
                errors.file(file, format!("cannot build the keyword automaton: {err}"));
                return None;
            }
        };
        Some(DateRules {
            holiday_needles,
            keywords,
            month_index,
            ordinal_index,
            this_year: f.this_year.iter().map(|s| s.to_lowercase()).collect(),
            form_groups: forms.iter().map(|(_, re)| DateGroups::of(re)).collect(),
            forms,
            holidays,
        })
    }

    /// Returns the month number (1–12) of a month name or abbreviation.
    pub fn month(&self, name: &str) -> Option<u32> {
        let name = name.trim_end_matches('.').to_lowercase();
        self.month_index
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, m)| m)
    }

    /// Finds every date phrase in `text`, in text order, without overlaps.
    ///
    /// `year` is the letter's year, used where a phrase prints none ("1.
    /// juni"); phrases without a year are skipped when `year` is `None`.
    pub fn find(&self, text: &str, year: Option<i32>) -> Vec<DateMatch> {
        self.find_folded(text, &text.to_ascii_lowercase(), year)
    }

    /// [`DateRules::find`] given the text folded as well (`folded ==
    /// text.to_ascii_lowercase()`), for callers that fold once.
    pub fn find_folded(&self, text: &str, folded: &str, year: Option<i32>) -> Vec<DateMatch> {
        let present = self.keywords.classes_in_folded(text, folded);
        let digit = any_digit(text.as_bytes());
        // No holiday phrase without one of their words (exact: see Needles),
        // which are keywords of their own class.
        let holiday = self.holiday_needles.is_none() || present & NEED_HOLIDAY != 0;
        // Every form's matches as spans first (the lazy DFA alone, no group
        // extraction), in the order the phrases are chosen: by start, the
        // longer first, and for equal spans in form order (a stable sort).
        let mut spans: Vec<(Range<usize>, usize)> = Vec::new();
        for (k, (form, re)) in self.forms.iter().enumerate() {
            let wanted = match form {
                Form::DayMonth => digit && present & NEED_MONTH != 0,
                Form::Numeric => digit,
                Form::Month => present & NEED_MONTH != 0,
                Form::Quarter => present & NEED_QUARTER != 0,
                Form::Half => present & NEED_HALF != 0,
                Form::YearEnd => present & NEED_YEAR_END != 0,
                Form::Holiday(_) => holiday,
            };
            if wanted {
                spans.extend(re.find_iter(text).map(|m| (m.range(), k)));
            }
        }
        spans.sort_by(|(a, _), (b, _)| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // A phrase is kept when it reads as a date and does not overlap the
        // phrase kept before it. One that overlaps is dropped whatever its
        // groups say, so only the others have their groups read: from the
        // same match, found again at its start (`captures_at` there gives
        // the match `find_iter` gave, and the groups `captures_iter` would).
        let mut out: Vec<DateMatch> = Vec::new();
        for (span, k) in spans {
            if out.last().is_some_and(|last| span.start < last.span.end) {
                continue;
            }
            let (Some((form, re)), Some(groups)) = (self.forms.get(k), self.form_groups.get(k))
            else {
                continue;
            };
            let Some(caps) = re.captures_at(text, span.start) else {
                continue;
            };
            debug_assert_eq!(caps.get(0).map(|m| m.range()), Some(span.clone()));
            if let Some(m) = self.interpret(*form, groups, &caps, year) {
                out.push(DateMatch { span, ..m });
            }
        }
        out
    }

    /// Parses `text` as one date phrase, the whole text matching.
    pub fn parse(&self, text: &str, year: Option<i32>) -> Option<DateMatch> {
        let text = text.trim();
        self.find(text, year)
            .into_iter()
            .find(|m| m.span == (0..text.len()))
    }

    fn interpret(
        &self,
        form: Form,
        g: &DateGroups,
        caps: &regex::Captures<'_>,
        year: Option<i32>,
    ) -> Option<DateMatch> {
        let name = |i: Option<usize>| caps.get(i?);
        let printed_year = name(g.y).and_then(|y| {
            let s = y.as_str();
            let v: i32 = s.parse().ok()?;
            Some(if s.len() == 2 { 2000 + v } else { v })
        });
        let this = name(g.this).is_some();
        let y = printed_year.or(year)?;
        let year_given = printed_year.is_some();
        let span = 0..0;
        let (date, precision) = match form {
            Form::DayMonth => {
                let m = self.month(name(g.m)?.as_str())?;
                (
                    NaiveDate::from_ymd_opt(y, m, name(g.d)?.as_str().parse().ok()?)?,
                    Precision::Day,
                )
            }
            Form::Numeric => {
                let m = name(g.m)?.as_str().parse().ok()?;
                (
                    NaiveDate::from_ymd_opt(y, m, name(g.d)?.as_str().parse().ok()?)?,
                    Precision::Day,
                )
            }
            Form::Month => {
                let m = self.month(name(g.m)?.as_str())?;
                (last_of_month(y, m)?, Precision::Month)
            }
            Form::Quarter => {
                let q = self
                    .ordinal(name(g.o)?.as_str())
                    .filter(|q| (1..=4).contains(q))?;
                (last_of_month(y, q * 3)?, Precision::Quarter)
            }
            Form::Half => {
                let h = self
                    .ordinal(name(g.o)?.as_str())
                    .filter(|h| (1..=2).contains(h))?;
                (last_of_month(y, h * 6)?, Precision::HalfYear)
            }
            Form::YearEnd => {
                if !year_given && !this {
                    return None;
                }
                (NaiveDate::from_ymd_opt(y, 12, 31)?, Precision::Year)
            }
            Form::Holiday(i) => {
                let (anchor, offset) = self.holidays.get(i)?;
                let base = if anchor == "easter" {
                    easter(y)?
                } else {
                    let (m, d) = parse_md(anchor)?;
                    NaiveDate::from_ymd_opt(y, m, d)?
                };
                let date = if *offset >= 0 {
                    base.checked_add_days(Days::new(*offset as u64))?
                } else {
                    base.checked_sub_days(Days::new(offset.unsigned_abs()))?
                };
                (date, Precision::Day)
            }
        };
        let _ = &self.this_year;
        Some(DateMatch {
            span,
            date,
            precision,
            year_given: year_given || this,
        })
    }

    fn ordinal(&self, word: &str) -> Option<u32> {
        let w = word.to_lowercase();
        self.ordinal_index
            .iter()
            .find(|(n, _)| *n == w)
            .map(|&(_, v)| v)
    }
}

/// The date keywords of every class (months, quarter, half year, year end),
/// for the question "which classes have a word in this text, ASCII-case-
/// insensitively, anywhere (inside a word too, overlapping)?".
///
/// The automaton is the one an `ascii_case_insensitive` overlapping search
/// (`find_overlapping_iter`) runs, walked in a tight loop: with standard
/// match semantics every state lists each word that ends at its position,
/// so one pass that reads the match list of every match state it enters
/// sees every occurrence (as the crate's overlapping iterator does, at
/// about half the instructions per byte).
#[derive(Debug)]
struct Keywords {
    dfa: aho_corasick::dfa::DFA,
    /// The class bit of each word (by pattern id).
    bits: Vec<u8>,
    /// The words folded by [`str::to_ascii_lowercase`], for
    /// [`Keywords::classes_in_folded`]; `None` when a word is empty or the
    /// words do not suit a packed search.
    packed: Option<Packed>,
}

/// A vector (Teddy) search for the folded keywords, and for each first byte
/// the words that start with it.
#[derive(Debug)]
struct Packed {
    searcher: aho_corasick::packed::Searcher,
    /// Folded words with their class bits, by first byte.
    by_first: Vec<Vec<(Vec<u8>, u8)>>,
}

impl Keywords {
    fn new(words: &[(String, u8)]) -> Result<Keywords, aho_corasick::BuildError> {
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(words.iter().map(|(w, _)| w))?;
        let packed = if words.iter().any(|(w, _)| w.is_empty()) {
            None
        } else {
            let folded: Vec<(Vec<u8>, u8)> = words
                .iter()
                .map(|(w, b)| (w.to_ascii_lowercase().into_bytes(), *b))
                .collect();
            let searcher = aho_corasick::packed::Config::new()
                .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(folded.iter().map(|(w, _)| w))
                .build();
            searcher.map(|searcher| {
                let mut by_first: Vec<Vec<(Vec<u8>, u8)>> = vec![Vec::new(); 256];
                for (w, b) in folded {
                    if let Some(&first) = w.first() {
                        by_first[usize::from(first)].push((w, b));
                    }
                }
                Packed { searcher, by_first }
            })
        };
        Ok(Keywords {
            dfa,
            bits: words.iter().map(|&(_, b)| b).collect(),
            packed,
        })
    }

    /// [`Keywords::classes_in`] given the text folded as well (`folded ==
    /// text.to_ascii_lowercase()`).
    ///
    /// A word occurs in the text ASCII-case-insensitively exactly where its
    /// folded form occurs in the folded text (folding lowers A–Z and nothing
    /// else, the automaton folds A–Z both ways and nothing else). The packed
    /// search finds the leftmost position at or after `at` where some word
    /// starts; searched again from the next byte, it visits every position
    /// where a word starts, and there every word is compared: each
    /// occurrence of each word is seen, overlapping or not.
    fn classes_in_folded(&self, text: &str, folded: &str) -> u8 {
        let Some(packed) = &self.packed else {
            return self.classes_in(text);
        };
        let hay = folded.as_bytes();
        let mut present = 0u8;
        let mut at = 0;
        while at < hay.len() {
            let span = aho_corasick::Span::from(at..hay.len());
            let Some(m) = packed.searcher.find_in(hay, span) else {
                break;
            };
            let p = m.start();
            let rest = &hay[p..];
            let first = usize::from(rest[0]);
            for (w, bit) in &packed.by_first[first] {
                if rest.starts_with(w) {
                    present |= bit;
                }
            }
            at = p + 1;
        }
        present
    }

    /// Returns the class bits of the words occurring in `text`.
    fn classes_in(&self, text: &str) -> u8 {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        let dfa = &self.dfa;
        let Ok(mut sid) = dfa.start_state(Anchored::No) else {
            return 0;
        };
        let mut present = 0u8;
        let mut note = |sid| {
            if dfa.is_match(sid) {
                for i in 0..dfa.match_len(sid) {
                    present |= self.bits[dfa.match_pattern(sid, i).as_usize()];
                }
            }
        };
        // An empty word matches in the start state.
        note(sid);
        for &b in text.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_special(sid) {
                if dfa.is_dead(sid) {
                    break;
                }
                note(sid);
            }
        }
        present
    }
}

/// Returns whether `bytes` holds an ASCII digit, testing 32 bytes at a time
/// without branching inside a chunk (so the compiler can vectorise).
fn any_digit(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(false, |a, b| a | b.is_ascii_digit()) {
            return true;
        }
    }
    chunks.remainder().iter().any(u8::is_ascii_digit)
}

fn parse_md(s: &str) -> Option<(u32, u32)> {
    let (m, d) = s.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    NaiveDate::from_ymd_opt(2000, m, d).map(|_| (m, d))
}

/// The named groups of a date form's regex, by index (see
/// [`group_index`]): `y` year, `this` "i år", `m` month, `d` day, `o`
/// ordinal.
#[derive(Clone, Copy, Debug, Default)]
struct DateGroups {
    y: Option<usize>,
    this: Option<usize>,
    m: Option<usize>,
    d: Option<usize>,
    o: Option<usize>,
}

impl DateGroups {
    fn of(re: &Regex) -> DateGroups {
        DateGroups {
            y: group_index(re, "y"),
            this: group_index(re, "this"),
            m: group_index(re, "m"),
            d: group_index(re, "d"),
            o: group_index(re, "o"),
        }
    }
}

/// Returns the last day of month `m` of year `y`.
pub fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let first_next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    first_next.pred_opt()
}

/// Returns Easter Sunday of year `y` (Gregorian computus).
pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    let date = NaiveDate::from_ymd_opt(y, month as u32, day as u32)?;
    debug_assert_eq!(date.weekday(), chrono::Weekday::Sun);
    Some(date)
}

#[cfg(test)]
mod tests {
    use crate::RuleSet;

    #[test]
    fn keyword_classes_are_those_of_an_overlapping_search() {
        let words: Vec<(String, u8)> = [
            ("januar", 1),
            ("jan", 1),
            ("mars", 1),
            ("ars", 2),
            ("halvår", 4),
            ("innen utgangen av", 8),
            ("utgangen", 2),
        ]
        .iter()
        .map(|&(w, b)| (w.to_string(), b))
        .collect();
        let overlapping = |words: &[(String, u8)], text: &str| {
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(words.iter().map(|(w, _)| w))
                .unwrap();
            ac.find_overlapping_iter(text)
                .fold(0u8, |p, m| p | words[m.pattern().as_usize()].1)
        };
        let mut with_empty = words.clone();
        with_empty.push((String::new(), 16));
        for list in [&words[..], &words[2..4], &with_empty[..], &[]] {
            let keywords = super::Keywords::new(list).unwrap();
            for text in [
                "",
                "JANUAR",
                "i MARS",
                "HALVåR",
                "HALVÅR",
                "Innen Utgangen av året",
                "utgangenn",
                "marsutgangen januarsdag HALVÅRLIG",
                "x",
            ] {
                let want = overlapping(list, text);
                assert_eq!(keywords.classes_in(text), want, "{list:?} {text:?}");
                let folded = text.to_ascii_lowercase();
                assert_eq!(
                    keywords.classes_in_folded(text, &folded),
                    want,
                    "{list:?} {text:?}"
                );
            }
        }
    }

    #[test]
    fn bundled_keyword_classes_by_packed_search_are_the_walks() {
        let rules = RuleSet::bundled();
        let keywords = &rules.dates.keywords;
        assert!(keywords.packed.is_some());
        // Pieces of the words, whole words, their case variants and the
        // characters `(?i)` would fold to them, run together at random.
        let pieces = [
            "jan",
            "uar",
            "MAR",
            "s",
            " ",
            "des",
            "ember",
            "innen ",
            "utgangen",
            " av",
            "HALV",
            "år",
            "ÅR",
            "kvar",
            "tal",
            "\u{212a}",
            "\u{17f}",
            "i løpet",
            " AV ",
            "sept",
            "Okt",
            "nov",
            "før",
            "FØR ",
            " ",
            "jul",
            "PÅSKE",
            "sommer",
            "mai",
            "ø",
            "2024",
            ".",
            "årsskiftet",
            "INNEN UTLØPET",
        ];
        let mut next = crate::test_rng::numbers(7);
        let mut seen = 0u8;
        for _ in 0..5_000 {
            let text: String = (0..next() % 24)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let want = keywords.classes_in(&text);
            let folded = text.to_ascii_lowercase();
            assert_eq!(keywords.classes_in_folded(&text, &folded), want, "{text:?}");
            seen |= want;
            let needles = rules.dates.holiday_needles.as_ref().unwrap();
            assert_eq!(
                want & super::NEED_HOLIDAY != 0,
                needles.may_match(&folded),
                "{text:?}"
            );
        }
        assert_eq!(seen, 31);
    }

    #[test]
    fn holidays_are_found_behind_their_needles() {
        let rules = RuleSet::bundled();
        let needles = rules
            .dates
            .holiday_needles
            .as_ref()
            .expect("holiday needles");
        // The three rules share their first word, which every match holds.
        assert!(
            needles.words().iter().any(|w| w == "før "),
            "{:?}",
            needles.words()
        );
        for (text, day) in [
            ("Leveres FØR PÅSKE.", "2025-04-16"),
            ("Frist før sommeren", "2025-06-30"),
            ("innen Før Jul", "2025-12-20"),
        ] {
            let found = rules.dates.find(text, Some(2025));
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].date.to_string(), day, "{text}");
        }
        assert!(rules
            .dates
            .find("Før møtet i sommer", Some(2025))
            .is_empty());
    }
}
