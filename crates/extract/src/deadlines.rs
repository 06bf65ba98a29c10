//! Deadlines of one assignment: dated deadlines with their parts, "by
//! agreement" and recurring ones, leaving out dates that belong to something
//! else (a hearing, a past report, when a responsibility moves).
//!
//! A date in a sentence unit is the assignment's deadline when
//! * the unit states a deadline (a cue from `rules/deadlines.toml`: "frist",
//!   "leveres", "ferdigstilt", ...) or the words right before the date do
//!   ("innen", "senest"), or it is a year-end phrase ("innen utgangen av 2024");
//! * the words right before it do not make it something else ("fra og med",
//!   "frem til", "datert");
//! * the unit is not excluded (a hearing "med frist", "som departementet
//!   mottar");
//! * it is not in the past: its year is not before the letter's year;
//! * it is more precise than a bare year ("innen 2030" names a plan or goal).

use chrono::Datelike;
use oppdrag_model::{Deadline, DeadlineKind, Precision};
use oppdrag_rules::{FoldedText, RuleSet};

use crate::text::BlockText;

/// Finds the deadlines of a block's text. `year` is the letter's year.
pub fn find(text: &BlockText, rules: &RuleSet, year: Option<i32>) -> Vec<Deadline> {
    find_in(text, &FoldedText::new(&text.text), rules, year)
}

/// [`find`] given the block's text folded as well (`folded.text ==
/// text.text`), for callers that fold once.
pub fn find_in(
    text: &BlockText,
    folded: &FoldedText<'_>,
    rules: &RuleSet,
    year: Option<i32>,
) -> Vec<Deadline> {
    let r = &rules.deadlines;
    let mut out: Vec<Deadline> = Vec::new();
    // Each pattern runs once over the whole text; matches are then assigned
    // to the sentence unit that holds them.
    // Searched over the text folded once, where the rules' words keep the
    // regex engine's literal prefilter (see `oppdrag_rules::FoldedRegex`).
    let all = &text.text;
    let none = || vec![false; text.units.len()];
    let by_agreement = text.units_matching_folded(&r.by_agreement, folded);
    // Read only in units that are by agreement: without one, no search.
    let not_by_agreement = if by_agreement.contains(&true) {
        text.units_matching_folded(&r.not_by_agreement, folded)
    } else {
        none()
    };
    let cued = text.units_matching_folded(&r.cue, folded);
    // Dates are read only where a deadline can stand: a sentence with a cue
    // or a lead word ("innen"), not excluded.
    let lead = r.units_with_lead_word_in(all, folded.folded(), &text.units);
    // Read only in units with a cue or a lead word: without one, no search.
    let excluded = if cued.contains(&true) || lead.contains(&true) {
        text.units_matching_folded(&r.exclude, folded)
    } else {
        none()
    };
    for (u, unit) in text.units.iter().enumerate() {
        let s = &all[unit.clone()];
        let wanted = (cued[u] || lead[u]) && !excluded[u];
        if !wanted && !by_agreement[u] {
            continue;
        }
        // The unit with its folded copy, a part of the block's.
        let Some(folded_unit) = folded.part(unit.clone()) else {
            continue;
        };
        let unit_dates = if wanted {
            rules.dates.find_folded(s, folded_unit.folded(), year)
        } else {
            Vec::new()
        };
        if by_agreement[u] && !not_by_agreement[u] {
            if !out.iter().any(|d| d.kind == DeadlineKind::ByAgreement) {
                out.push(Deadline {
                    due: None,
                    precision: Precision::None,
                    kind: DeadlineKind::ByAgreement,
                    part: explicit_parts_in(&folded_unit, rules).unwrap_or_default(),
                    raw: s.to_string(),
                });
            }
            continue;
        }
        if unit_dates.is_empty() {
            continue;
        }
        let cue = cued[u];
        let parts = explicit_parts_in(&folded_unit, rules);
        for m in unit_dates {
            let before = tail(&s[..m.span.start], 30);
            let phrase = &s[m.span.clone()];
            if r.not_lead.is_match(before) {
                continue;
            }
            // "første gang 15. mai": the words that open a series, as printed.
            let series_lead = r.recurring_lead.find(before).map(|l| {
                l.as_str()
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .trim_end()
            });
            let lead = series_lead.is_some() || r.lead.is_match(before);
            let year_ok = m.precision == Precision::Year && r.bare_year_ok.is_match(phrase);
            if !(cue || lead || year_ok) {
                continue;
            }
            if let Some(y) = year {
                if m.date.year() < y {
                    continue;
                }
            }
            let after = &s[m.span.end..];
            let kind = if series_lead.is_some() || r.recurring.is_match(after) {
                DeadlineKind::Recurring
            } else {
                DeadlineKind::Deadline
            };
            let part = parts.clone().unwrap_or_else(|| {
                text.label_at(unit.start + m.span.start)
                    .map(|l| vec![l.to_string()])
                    .unwrap_or_default()
            });
            let raw = if s.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("frist")) || !lead {
                s.to_string()
            } else if let Some(words) = series_lead {
                format!("{words} {phrase}")
            } else {
                format!("{} {}", last_word(before), phrase)
            };
            let d = Deadline {
                due: Some(m.date),
                precision: m.precision,
                kind,
                part,
                raw,
            };
            if let Some(same) = out
                .iter_mut()
                .find(|o| o.due == d.due && o.part == d.part && o.kind == d.kind)
            {
                if d.raw.to_lowercase().starts_with("frist")
                    && !same.raw.to_lowercase().starts_with("frist")
                {
                    *same = d;
                }
                continue;
            }
            out.push(d);
        }
    }
    out
}

fn last_word(s: &str) -> &str {
    let t = s.trim_end().trim_end_matches(':');
    t.rsplit(' ').next().unwrap_or(t)
}

/// Returns at most the last `n` bytes of `s`, cut at a character boundary.
pub fn tail(s: &str, n: usize) -> &str {
    let mut start = s.len().saturating_sub(n);
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// Reads explicit part labels in a unit: "Deloppdrag b) og c)" → ["b", "c"],
/// "d) til f)" → ["d", "e", "f"], "Oppdragets del 2" → ["2"].
pub fn explicit_parts(s: &str, rules: &RuleSet) -> Option<Vec<String>> {
    explicit_parts_in(&FoldedText::new(s), rules)
}

/// [`explicit_parts`] of a text given with its folded copy.
pub fn explicit_parts_in(s: &FoldedText<'_>, rules: &RuleSet) -> Option<Vec<String>> {
    for re in &rules.deadlines.part {
        if !re.is_match(s) {
            continue;
        }
        if let Some(caps) = re.captures(s) {
            let labels = caps.name("labels")?.as_str();
            let v = expand_labels(labels);
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

/// Expands "b) og c)", "d) til f)", "1-3" into single labels.
pub fn expand_labels(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut range_next = false;
    for tok in s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
    {
        let tok = tok.trim_end_matches(')');
        for (k, piece) in tok.split(['-', '–']).enumerate() {
            if piece.is_empty() {
                range_next = true;
                continue;
            }
            if piece == "til" {
                range_next = true;
                continue;
            }
            if piece == "og" {
                continue;
            }
            if k > 0 {
                range_next = true;
            }
            if range_next {
                if let Some(prev) = out.last().cloned() {
                    for l in between(&prev, piece) {
                        out.push(l);
                    }
                }
                range_next = false;
            }
            if !out.iter().any(|o| o == piece) {
                out.push(piece.to_string());
            }
        }
    }
    out
}

fn between(a: &str, b: &str) -> Vec<String> {
    if let (Ok(x), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>()) {
        return (x.saturating_add(1)..y.min(x.saturating_add(30)))
            .map(|n| n.to_string())
            .collect();
    }
    let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
        return Vec::new();
    };
    if a.len() == 1 && b.len() == 1 && x.is_ascii_lowercase() && y.is_ascii_lowercase() {
        return ((x as u8 + 1)..(y as u8))
            .map(|c| (c as char).to_string())
            .collect();
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use oppdrag_model::DeadlineKind;
    use oppdrag_rules::RuleSet;

    use super::{expand_labels, find};
    use crate::text::BlockText;

    #[test]
    fn series_words_alone_open_a_sentence() {
        let rules = RuleSet::bundled();
        // No cue word ("frist", "leveres") and no `lead` word ("innen"): only
        // "første gang" says the date is the first of a series.
        let text =
            BlockText::build(["Tallene gjennomgås hvert tertial, første gang 15. mai 2026."]);
        let found = find(&text, &rules, Some(2026));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, DeadlineKind::Recurring);
        assert_eq!(found[0].raw, "første gang 15. mai 2026");
        // Without the series words the date stands in no deadline sentence.
        let text = BlockText::build(["Tallene gjennomgås hvert tertial, fra 15. mai 2026."]);
        assert!(find(&text, &rules, Some(2026)).is_empty());
    }

    #[test]
    fn labels() {
        assert_eq!(expand_labels("b) og c)"), ["b", "c"]);
        assert_eq!(expand_labels("d) til f)"), ["d", "e", "f"]);
        assert_eq!(expand_labels("1-3"), ["1", "2", "3"]);
        assert_eq!(expand_labels("2"), ["2"]);
        assert_eq!(expand_labels("4294967295-4294967295"), ["4294967295"]);
    }
}
