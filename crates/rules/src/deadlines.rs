//! Deadline vocabulary (`rules/deadlines.toml`): what makes a date an
//! assignment's deadline, what makes it belong to something else, and the
//! phrases for "by agreement", "recurring" and sub-assignment parts.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use crate::folded::FoldedRegex;
use crate::source::{folded_packed, units_holding, Errors, RuleFile};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlinesFile {
    cue: Vec<Named>,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    not_lead: Vec<String>,
    #[serde(default)]
    exclude: Vec<Named>,
    #[serde(default)]
    by_agreement: Vec<Named>,
    #[serde(default)]
    not_by_agreement: Vec<Named>,
    #[serde(default)]
    recurring: Vec<Named>,
    #[serde(default)]
    recurring_lead: Vec<String>,
    #[serde(default)]
    part: Vec<Named>,
    #[serde(default)]
    bare_year_ok: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    name: String,
    pattern: String,
}

/// Compiled deadline vocabulary. Each field is one regex built from the rules
/// of its kind; `is_match`/`find` on sentence text is all extractors need.
/// The four searched over whole blocks carry their rewrite for ASCII-folded
/// text ([`FoldedRegex`]), which keeps the regex engine's literal prefilter.
#[derive(Debug)]
pub struct DeadlineRules {
    /// A sentence that states a deadline ("frist", "innen", "skal leveres").
    pub cue: FoldedRegex,
    /// Words right before a date that make it a deadline ("innen", "senest").
    pub lead: Regex,
    /// Words right before a date that make it something else ("fra og med").
    pub not_lead: Regex,
    /// Sentences whose dates belong to something else (hearing deadlines).
    pub exclude: FoldedRegex,
    /// Sentences saying the deadline is to be agreed.
    pub by_agreement: FoldedRegex,
    /// Sentences that look like agreement but are not a deadline.
    pub not_by_agreement: FoldedRegex,
    /// Words right after a date that make it recurring ("hvert år").
    pub recurring: Regex,
    /// Words right before a date that make it the first of a recurring
    /// series ("hvert tertial, første gang 15. mai"); they also lead it.
    pub recurring_lead: Regex,
    /// Explicit part mentions ("Deloppdrag b) og c)"), each with a group `labels`.
    /// Searched over the folded text (see [`FoldedRegex`]): a `(?i)`
    /// alternation has no literal prefilter over the text as printed.
    pub part: Vec<FoldedRegex>,
    /// Phrases before a year-precision date that keep it without a cue.
    pub bare_year_ok: Regex,
    /// The `lead`, `recurring_lead` and `bare_year_ok` words, for a quick
    /// test of whether a sentence without a cue can hold a deadline at all.
    lead_words: aho_corasick::AhoCorasick,
    /// The same words for a search of a whole block (see
    /// [`DeadlineRules::units_with_lead_word`]).
    lead_packed: Option<aho_corasick::packed::Searcher>,
}

fn joined(
    file: &RuleFile,
    errors: &mut Errors,
    rules: &[Named],
    wrap: impl Fn(&str) -> String,
) -> Option<Regex> {
    let mut ok = true;
    for (i, r) in rules.iter().enumerate() {
        ok &= errors.regex(file, i + 1, &r.name, &r.pattern).is_some();
    }
    if !ok {
        return None;
    }
    let alts: Vec<String> = rules.iter().map(|r| format!("(?:{})", r.pattern)).collect();
    let body = if alts.is_empty() {
        "[^\\s\\S]".to_string()
    } else {
        alts.join("|")
    };
    errors.regex(file, 0, "combined", &wrap(&body))
}

fn words(list: &[String]) -> String {
    if list.is_empty() {
        return "[^\\s\\S]".to_string();
    }
    let mut v: Vec<String> = list.iter().map(|w| regex::escape(w)).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v.join("|")
}

impl DeadlineRules {
    /// Returns whether `text` holds a `lead`, `recurring_lead` or
    /// `bare_year_ok` word, so that a date in it may be a deadline even
    /// without a cue.
    pub fn has_lead_word(&self, text: &str) -> bool {
        self.lead_words.is_match(text)
    }

    /// Returns, for each of `units` (byte ranges of `text`, in order, not
    /// overlapping), whether it holds a `lead`, `recurring_lead` or
    /// `bare_year_ok` word: what [`DeadlineRules::has_lead_word`] gives for
    /// each unit, from one search of the whole text.
    pub fn units_with_lead_word(&self, text: &str, units: &[Range<usize>]) -> Vec<bool> {
        self.units_with_lead_word_in(text, &text.to_ascii_lowercase(), units)
    }

    /// [`DeadlineRules::units_with_lead_word`] given the text folded as well
    /// (`folded == text.to_ascii_lowercase()`), for callers that fold once.
    pub fn units_with_lead_word_in(
        &self,
        text: &str,
        folded: &str,
        units: &[Range<usize>],
    ) -> Vec<bool> {
        let found = self
            .lead_packed
            .as_ref()
            .and_then(|p| units_holding(p, folded, units));
        found.unwrap_or_else(|| {
            units
                .iter()
                .map(|u| text.get(u.clone()).is_some_and(|s| self.has_lead_word(s)))
                .collect()
        })
    }

    pub(crate) fn compile(file: &RuleFile, errors: &mut Errors) -> Option<DeadlineRules> {
        let f: DeadlinesFile = match file.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let ci = |b: &str| format!("(?i){b}");
        let cue = joined(file, errors, &f.cue, ci);
        let exclude = joined(file, errors, &f.exclude, ci);
        let by_agreement = joined(file, errors, &f.by_agreement, ci);
        let not_by_agreement = joined(file, errors, &f.not_by_agreement, ci);
        let recurring = joined(file, errors, &f.recurring, |b| format!("(?i)^\\s*(?:{b})"));
        let mut part = Vec::new();
        for (i, r) in f.part.iter().enumerate() {
            if let Some(re) = errors.regex(file, i + 1, &r.name, &format!("(?i){}", r.pattern)) {
                if re.capture_names().flatten().any(|n| n == "labels") {
                    part.push(FoldedRegex::new(re));
                } else {
                    errors.rule(file, i + 1, &r.name, "needs a named group (?P<labels>...)");
                }
            }
        }
        let lead = errors.regex(
            file,
            0,
            "lead",
            &format!(r"(?i)(?:^|\W)(?:{})\s*:?\s*$", words(&f.lead)),
        );
        let not_lead = errors.regex(
            file,
            0,
            "not_lead",
            &format!(r"(?i)(?:^|\W)(?:{})\s*$", words(&f.not_lead)),
        );
        let recurring_lead = errors.regex(
            file,
            0,
            "recurring_lead",
            &format!(r"(?i)(?:^|\W)(?:{})\s*:?\s*$", words(&f.recurring_lead)),
        );
        let bare_year_ok = errors.regex(
            file,
            0,
            "bare_year_ok",
            &format!(r"(?i)(?:{})", words(&f.bare_year_ok)),
        );
        // Every word that lets a date stand without a cue opens the gate:
        // `recurring_lead` leads a date as `lead` does.
        let gate = || {
            f.lead
                .iter()
                .chain(&f.recurring_lead)
                .chain(&f.bare_year_ok)
        };
        let lead_words = match aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(gate())
        {
            Ok(a) => a,
            Err(err) => {
                errors.file(file, format!("lead: {err}"));
                return None;
            }
        };
        Some(DeadlineRules {
            lead_packed: folded_packed(gate()),
            lead_words,
            cue: FoldedRegex::new(cue?),
            lead: lead?,
            not_lead: not_lead?,
            exclude: FoldedRegex::new(exclude?),
            by_agreement: FoldedRegex::new(by_agreement?),
            not_by_agreement: FoldedRegex::new(not_by_agreement?),
            recurring: recurring?,
            recurring_lead: recurring_lead?,
            part,
            bare_year_ok: bare_year_ok?,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use crate::RuleSet;

    /// The byte ranges of `parts` in `text`, in order.
    fn ranges(text: &str, parts: &[&str]) -> Vec<Range<usize>> {
        let mut from = 0;
        parts
            .iter()
            .map(|p| {
                let start = from + text[from..].find(p).unwrap();
                from = start + p.len();
                start..from
            })
            .collect()
    }

    #[test]
    fn lead_words_by_unit_agree_with_each_unit_alone() {
        let rules = RuleSet::bundled();
        let d = &rules.deadlines;
        let alone = |text: &str, units: &[Range<usize>]| -> Vec<bool> {
            units
                .iter()
                .map(|u| d.has_lead_word(&text[u.clone()]))
                .collect()
        };
        let text = "Leveres INNEN 1. mars. Fristen Er satt.\nIngen dato her. Senest\nVed Utgangen av året.";
        let units = ranges(
            text,
            &[
                "Leveres INNEN 1. mars.",
                "Fristen Er satt.",
                "Ingen dato her.",
                "Senest",
                "Ved Utgangen av året.",
            ],
        );
        let got = d.units_with_lead_word(text, &units);
        assert_eq!(got, [true, true, false, true, true]);
        assert_eq!(got, alone(text, &units));
        // A phrase across two units is in neither: the whole-text match does
        // not count, each unit is searched on its own.
        let text = "ved utgangen av";
        let units = ranges(text, &["ved", "utgangen av"]);
        assert_eq!(d.units_with_lead_word(text, &units), [false, false]);
        assert_eq!(d.units_with_lead_word(text, &[]), Vec::<bool>::new());
    }
}
