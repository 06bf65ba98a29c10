//! Rules for mandates (`rules/mandates.toml`): the title or heading that opens
//! a mandate, and the cue phrases for who set it and when, its period,
//! chair, secretariat, meetings, term, members and tasks.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

use crate::folded::FoldedRegex;
use crate::needle::Needles;
use crate::Error;

/// The rule file's name inside a rules directory.
pub const FILE: &str = "mandates.toml";

/// The bundled copy of `rules/mandates.toml`.
pub const BUNDLED: &str = include_str!("../../../rules/mandates.toml");

/// A frequency phrase with the meetings a year it means.
#[derive(Debug, Clone)]
pub struct Frequency {
    /// The phrase.
    pub pattern: Regex,
    /// Meetings a year.
    pub per_year: f64,
}

/// Compiled rules for mandates.
#[derive(Debug, Clone)]
pub struct MandateRules {
    /// A line that opens a mandate; group `name` is the body.
    pub title: Regex,
    /// A heading that opens a mandate section ("1.1 Prosjektmandat").
    pub section_heading: Regex,
    /// Words a `title` line cannot match without ([`Needles`]).
    pub title_needles: Option<Needles>,
    /// Words a `section_heading` line cannot match without.
    pub section_heading_needles: Option<Needles>,
    /// Titles of sibling sections that describe the mandate's organisation.
    pub organisation_heading: Regex,
    /// A bare "Mandat" line opens a mandate only within this many lines of the start.
    pub bare_title_lines: usize,
    /// Words dropped from the front of a title name.
    pub name_prefixes: Vec<String>,
    /// Sentences that create the body; group `name`.
    pub establish: Vec<FoldedRegex>,
    /// Who set the mandate and when; group `clause`.
    pub established: Vec<FoldedRegex>,
    /// "X vedtar mandat for Y"; group `clause` is Y.
    pub adopts: FoldedRegex,
    /// Words that mean the ministry named in the mandate.
    pub ministry_words: Vec<String>,
    /// When the mandate takes effect; group `clause`.
    pub effective: Vec<FoldedRegex>,
    /// The years covered; groups `from` and `to`.
    pub period: Vec<FoldedRegex>,
    /// The chairing body; group `clause`.
    pub chair: Vec<FoldedRegex>,
    /// The chairing body: the last body before the cue, in the same sentence.
    pub chair_before: Vec<FoldedRegex>,
    /// The secretariat after the cue; group `clause`.
    pub secretariat_after: Vec<FoldedRegex>,
    /// The secretariat before the cue, in the same sentence.
    pub secretariat_before: Vec<FoldedRegex>,
    /// Counted meetings a year; group `n`.
    pub meetings_count: Vec<FoldedRegex>,
    /// What makes a sentence one about meetings.
    pub meeting_word: Regex,
    /// Frequency phrases.
    pub meetings_frequency: Vec<Frequency>,
    /// Term of office in years; group `n`.
    pub term: Vec<FoldedRegex>,
    /// A line that introduces the member list.
    pub members_intro: Regex,
    /// Words a `members_intro` line cannot match without ([`Needles`]).
    pub members_intro_needles: Option<Needles>,
    /// Sentences naming the bodies that staff a project; group `clause`.
    pub staffed: Vec<FoldedRegex>,
    /// Words counting one seat each in a member's parenthesis.
    pub seat_words: Vec<String>,
    /// A line that introduces task bullets.
    pub task_intro: Regex,
    /// Words a `task_intro` line cannot match without ([`Needles`]).
    pub task_intro_needles: Option<Needles>,
    /// Bullet marks.
    pub bullets: Vec<String>,
    /// Number words; index 0 means 1.
    pub numbers: Vec<Vec<String>>,
}

impl MandateRules {
    /// Returns the value of a number word or numeral ("fire", "4").
    pub fn number(&self, word: &str) -> Option<u32> {
        let w = word.trim().to_lowercase();
        if let Ok(n) = w.parse::<u32>() {
            return Some(n);
        }
        self.numbers
            .iter()
            .position(|forms| forms.contains(&w))
            .and_then(|i| u32::try_from(i + 1).ok())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: String,
    section_heading: String,
    organisation_heading: String,
    #[serde(default = "default_bare_title_lines")]
    bare_title_lines: usize,
    #[serde(default)]
    name_prefixes: Vec<String>,
    #[serde(default)]
    establish: Vec<String>,
    #[serde(default)]
    established: Vec<String>,
    adopts: String,
    #[serde(default)]
    ministry_words: Vec<String>,
    #[serde(default)]
    effective: Vec<String>,
    #[serde(default)]
    period: Vec<String>,
    #[serde(default)]
    chair: Vec<String>,
    #[serde(default)]
    chair_before: Vec<String>,
    #[serde(default)]
    secretariat_after: Vec<String>,
    #[serde(default)]
    secretariat_before: Vec<String>,
    #[serde(default)]
    meetings_count: Vec<String>,
    meeting_word: String,
    #[serde(default)]
    meetings_frequency: Vec<RawFrequency>,
    #[serde(default)]
    term: Vec<String>,
    members_intro: String,
    #[serde(default)]
    staffed: Vec<String>,
    #[serde(default)]
    seat_words: Vec<String>,
    task_intro: String,
    #[serde(default)]
    bullets: Vec<String>,
    #[serde(default)]
    numbers: Vec<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrequency {
    pattern: String,
    per_year: f64,
}

fn default_bare_title_lines() -> usize {
    15
}

struct Compiler<'a> {
    file: &'a str,
}

impl Compiler<'_> {
    fn one(&self, rule: &str, pattern: &str, groups: &[&str]) -> Result<Regex, Error> {
        let re = Regex::new(pattern).map_err(|e| {
            Error(format!(
                "{}: rule {rule}: invalid pattern {pattern:?}: {e}",
                self.file
            ))
        })?;
        for g in groups {
            if !re.capture_names().flatten().any(|n| n == *g) {
                return Err(Error(format!(
                    "{}: rule {rule}: pattern {pattern:?} needs a group named `{g}`",
                    self.file
                )));
            }
        }
        Ok(re)
    }

    /// Compiles every pattern of `rule` for search over a mandate's running
    /// text, as a [`FoldedRegex`] without a rewrite: measured on a real
    /// letter with seven mandates, the rewrites saved about 1 M instructions
    /// per letter and cost about 90 M to compile (their `.{0,100}` and `\w`
    /// are large automata), so the patterns search the text as printed.
    fn all_folded(
        &self,
        rule: &str,
        patterns: &[String],
        groups: &[&str],
    ) -> Result<Vec<FoldedRegex>, Error> {
        patterns
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Ok(FoldedRegex::unfolded(self.one(
                    &format!("{rule}[{i}]"),
                    p,
                    groups,
                )?))
            })
            .collect()
    }
}

impl MandateRules {
    /// Loads `mandates.toml` from `dir`; the bundled rules when the file is absent.
    pub fn load(dir: &Path) -> Result<MandateRules, Error> {
        let path = dir.join(FILE);
        if !path.exists() {
            return MandateRules::parse(BUNDLED, FILE);
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error(format!("{}: cannot read: {e}", path.display())))?;
        MandateRules::parse(&text, &path.display().to_string())
    }

    /// Parses and compiles the text of a `mandates.toml`; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<MandateRules, Error> {
        let raw: Raw =
            toml::from_str(text).map_err(|e| Error(format!("{file}: {}", e.message())))?;
        let c = Compiler { file };
        let meetings_frequency = raw
            .meetings_frequency
            .iter()
            .enumerate()
            .map(|(i, f)| {
                Ok(Frequency {
                    pattern: c.one(&format!("meetings_frequency[{i}]"), &f.pattern, &[])?,
                    per_year: f.per_year,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(MandateRules {
            title: c.one("title", &raw.title, &["name"])?,
            section_heading: c.one("section_heading", &raw.section_heading, &[])?,
            title_needles: Needles::of(&raw.title),
            section_heading_needles: Needles::of(&raw.section_heading),
            organisation_heading: c.one("organisation_heading", &raw.organisation_heading, &[])?,
            bare_title_lines: raw.bare_title_lines,
            name_prefixes: raw.name_prefixes,
            establish: c.all_folded("establish", &raw.establish, &["name"])?,
            established: c.all_folded("established", &raw.established, &["clause"])?,
            adopts: FoldedRegex::unfolded(c.one("adopts", &raw.adopts, &["clause"])?),
            ministry_words: raw
                .ministry_words
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            effective: c.all_folded("effective", &raw.effective, &["clause"])?,
            period: c.all_folded("period", &raw.period, &["from", "to"])?,
            chair: c.all_folded("chair", &raw.chair, &["clause"])?,
            chair_before: c.all_folded("chair_before", &raw.chair_before, &[])?,
            secretariat_after: c.all_folded(
                "secretariat_after",
                &raw.secretariat_after,
                &["clause"],
            )?,
            secretariat_before: c.all_folded("secretariat_before", &raw.secretariat_before, &[])?,
            meetings_count: c.all_folded("meetings_count", &raw.meetings_count, &["n"])?,
            meeting_word: c.one("meeting_word", &raw.meeting_word, &[])?,
            meetings_frequency,
            term: c.all_folded("term", &raw.term, &["n"])?,
            members_intro: c.one("members_intro", &raw.members_intro, &[])?,
            members_intro_needles: Needles::of(&raw.members_intro),
            staffed: c.all_folded("staffed", &raw.staffed, &["clause"])?,
            seat_words: raw.seat_words.iter().map(|w| w.to_lowercase()).collect(),
            task_intro: c.one("task_intro", &raw.task_intro, &[])?,
            task_intro_needles: Needles::of(&raw.task_intro),
            bullets: raw
                .bullets
                .into_iter()
                .filter(|b| !b.trim().is_empty())
                .collect(),
            numbers: raw
                .numbers
                .into_iter()
                .map(|forms| forms.into_iter().map(|f| f.to_lowercase()).collect())
                .collect(),
        })
    }
}

impl Default for MandateRules {
    /// Returns the bundled rules.
    fn default() -> MandateRules {
        // The bundled file is checked by `bundled_rules_compile` below.
        MandateRules::parse(BUNDLED, FILE).expect("bundled rules/mandates.toml compiles")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_rules_compile() {
        let r = MandateRules::parse(BUNDLED, FILE).unwrap();
        assert!(r
            .title
            .is_match("Mandat for Nasjonalt e-helseråd (E-helserådet)"));
        assert!(!r.title.is_match("mandat for Strategirådet."));
        assert_eq!(r.number("fire"), Some(4));
        assert_eq!(r.number("Ett"), Some(1));
        assert_eq!(r.number("12"), Some(12));
    }

    #[test]
    fn a_pattern_without_its_group_is_an_error() {
        let text = BUNDLED.replace("(?P<n>\\w+)\\s+(?:ordinære", "(\\w+)\\s+(?:ordinære");
        let err = MandateRules::parse(&text, "m.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("m.toml: rule meetings_count[0]"), "{err}");
        assert!(err.contains("group named `n`"), "{err}");
    }
}
