//! CalendarEntry records: the dated rows of steering and reporting calendars.
//!
//! A calendar opens at a short line matching the `calendar.heading` rule
//! ("6.2 Styringskalender"). Each row starts with a date at the start of a
//! line ("31. januar", "15." with the month on the next line, "15.03.2024");
//! dates without a year take the letter's year. The row's text runs to the
//! next dated row; bullets inside it are joined with " • ". The calendar ends
//! at a numbered heading, a mandate title, or after `max_gap` lines without a
//! dated row.

use chrono::NaiveDate;
use oppdrag_model::{CalendarEntry, Document};
use oppdrag_rules::{normalize_space, RuleSet};

use crate::lines::{self, year_in, Flat};
use crate::outline::Outline;
use crate::Context;

/// Words a calendar heading line may have at most (a longer line is prose).
const HEADING_WORDS: usize = 8;

/// Extracts the CalendarEntry records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = CalendarEntry> + 'a {
    extract_lines(doc, rules, outline, context, &lines::DocLines::new(doc)).into_iter()
}

/// [`extract`] over the document's lines made once by the caller.
pub(crate) fn extract_lines(
    doc: &Document,
    rules: &RuleSet,
    outline: &Outline,
    context: &Context,
    doc_lines: &lines::DocLines<'_>,
) -> Vec<CalendarEntry> {
    let all = &doc_lines.all;
    // A line without the cue's words is no heading (most lines).
    let may_open = doc_lines
        .folded
        .may_match(rules.tables.calendar.heading_needles.as_ref());
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let t = all[i].text();
        if may_open[i] && is_calendar_heading(rules, t) {
            let year = context.year.or_else(|| year_in(t));
            i = read_calendar(doc, rules, outline, all, i + 1, year, &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// Whether `text` is a calendar heading: a short line that, after its
/// section number, opens with the `calendar.heading` cue.
pub(crate) fn is_calendar_heading(rules: &RuleSet, text: &str) -> bool {
    let lead = text
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_start();
    // The cue at the start (one anchored regex test) rules out most lines
    // before their words are counted.
    rules.tables.calendar.heading_start.is_match(lead)
        && text.split_whitespace().nth(HEADING_WORDS).is_none()
}

/// One row being read.
struct Row<'a> {
    first: Flat<'a>,
    due: NaiveDate,
    items: Vec<String>,
}

fn read_calendar(
    doc: &Document,
    rules: &RuleSet,
    outline: &Outline,
    all: &[Flat<'_>],
    start: usize,
    year: Option<i32>,
    out: &mut Vec<CalendarEntry>,
) -> usize {
    let cal = &rules.tables.calendar;
    let top = all
        .get(start.wrapping_sub(1))
        .and_then(|f| top_number(f.text()));
    let mut row: Option<Row<'_>> = None;
    let mut since_row = 0;
    let mut i = start;
    while i < all.len() {
        let f = all[i];
        if f.is_blank() {
            i += 1;
            continue;
        }
        let t = f.text();
        if ends_calendar(rules, outline, &f, top, year) {
            break;
        }
        if let Some((due, rest, used)) = row_date(rules, all, i, year) {
            if let Some(done) = row.take() {
                finish(doc, done, out);
            }
            let mut r = Row {
                first: f,
                due,
                items: Vec::new(),
            };
            add(
                rules,
                &mut r.items,
                rest.trim_start().trim_start_matches(':'),
            );
            row = Some(r);
            since_row = 0;
            i = used;
            continue;
        }
        if cal.undated_row.as_ref().is_some_and(|re| re.is_match(t)) {
            // "Uke 18  Etatsstyringsmøte": a row of its own, with no date.
            if let Some(done) = row.take() {
                finish(doc, done, out);
            }
        }
        since_row += 1;
        if since_row > cal.max_gap {
            break;
        }
        if let Some(r) = row.as_mut() {
            add(rules, &mut r.items, t);
        }
        i += 1;
    }
    if let Some(done) = row.take() {
        finish(doc, done, out);
    }
    i
}

/// The first number of a numbered line ("6" of "6.2 Styringskalender").
fn top_number(text: &str) -> Option<u32> {
    let t = text.trim_start();
    let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    t[..end].parse().ok()
}

/// Whether line `f` ends the calendar: a heading or a mandate title. Without
/// an outline, a line that reads both as a heading and as a day-month row
/// ("15.11 Møte") is a heading only when its number can follow the
/// calendar's own section number `top`.
fn ends_calendar(
    rules: &RuleSet,
    outline: &Outline,
    f: &Flat<'_>,
    top: Option<u32>,
    year: Option<i32>,
) -> bool {
    let t = f.text();
    if rules.mandates.title.is_match(t) {
        return true;
    }
    if !outline.headings.is_empty() {
        return lines::is_heading(outline, f);
    }
    if !lines::looks_like_heading(t) {
        return false;
    }
    if day_month(t.trim_start(), year.or(Some(2000))).is_none() {
        return true;
    }
    match (top, top_number(t)) {
        (Some(top), Some(n)) => n == top || n == top + 1,
        _ => true,
    }
}

/// A date at the start of line `i` (after an optional lead word such as
/// "Innen"; its month may stand on the next line), or a month alone when the
/// rules allow month rows; returns the date, the rest of the text after it
/// and the next line index.
fn row_date<'t>(
    rules: &RuleSet,
    all: &[Flat<'t>],
    i: usize,
    year: Option<i32>,
) -> Option<(NaiveDate, &'t str, usize)> {
    let cal = &rules.tables.calendar;
    let t = all[i].text();
    let mut lead = t.trim_start();
    if let Some((word, rest)) = lead.split_once(char::is_whitespace) {
        let word = word.trim_end_matches([':', ',']).to_lowercase();
        let rest = rest.trim_start();
        if cal.row_lead.contains(&word) && rest.starts_with(|c: char| c.is_ascii_digit()) {
            lead = rest;
        }
    }
    if !lead.starts_with(|c: char| c.is_ascii_digit()) {
        return if cal.month_rows {
            month_row(rules, t, lead, year).map(|(d, rest)| (d, rest, i + 1))
        } else {
            None
        };
    }
    let offset = t.len() - lead.len();
    if let Some(m) = rules
        .dates
        .find(lead, year)
        .into_iter()
        .next()
        .filter(|m| m.span.start == 0)
    {
        return Some((m.date, &t[offset + m.span.end..], i + 1));
    }
    // "15.03" or "1.6.": day and month, the year from the letter.
    if let Some((d, rest)) = day_month(lead, year) {
        return Some((d, &t[t.len() - rest.len()..], i + 1));
    }
    // "15." alone, the month on the next non-blank line.
    let day = lead.trim_end().strip_suffix('.')?;
    if day.len() > 2 || !day.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let k = (i + 1..all.len()).find(|&k| !all[k].is_blank())?;
    let next = all[k].text();
    let joined = format!("{} {}", lead.trim_end(), next.trim_start());
    let m = rules
        .dates
        .find(&joined, year)
        .into_iter()
        .next()
        .filter(|m| m.span.start == 0)?;
    let consumed = m.span.end.checked_sub(lead.trim_end().len() + 1)?;
    let rest_start = next.len() - next.trim_start().len() + consumed;
    Some((m.date, next.get(rest_start..).unwrap_or(""), k + 1))
}

/// "15.03" or "1.6." at the start of `lead`, followed by a space or the end.
fn day_month(lead: &str, year: Option<i32>) -> Option<(NaiveDate, &str)> {
    let (day, rest) = lead.split_once('.')?;
    let month_len = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (month, mut rest) = rest.split_at(month_len);
    if day.is_empty() || day.len() > 2 || month.is_empty() || month.len() > 2 {
        return None;
    }
    if !day.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    rest = rest.strip_prefix('.').unwrap_or(rest);
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(year?, month.parse().ok()?, day.parse().ok()?)?;
    Some((date, rest.trim_start()))
}

/// A row that opens with a month name alone ("Mars", "Mai 2025:"), set off
/// from its text by a wide gap, a colon or a dash: the month's last day.
fn month_row<'t>(
    rules: &RuleSet,
    t: &'t str,
    lead: &'t str,
    year: Option<i32>,
) -> Option<(NaiveDate, &'t str)> {
    let word_end = lead
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(lead.len());
    let word = &lead[..word_end];
    if word.chars().count() < 3 || !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let month = rules.dates.month(word)?;
    let mut rest = &lead[word_end..];
    let mut y = year;
    let trimmed = rest.trim_start();
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    let mut set_off = false;
    if digits.len() == 4 {
        y = digits.parse().ok();
        rest = &trimmed[4..];
        set_off = true;
    }
    let gap = rest.starts_with("  ") || rest.starts_with('\t');
    let after = rest.trim_start();
    let punct = after.starts_with([':', '–', '-']);
    if !(set_off || gap || punct || after.is_empty()) {
        return None;
    }
    let date = oppdrag_rules::last_of_month(y?, month)?;
    let text = after.trim_start_matches([':', '–', '-']).trim_start();
    let offset = t.len() - text.len();
    Some((date, &t[offset..]))
}

/// Adds a line of row text: a bullet starts a new item, other text continues
/// the last one.
fn add(rules: &RuleSet, items: &mut Vec<String>, text: &str) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    let bullet = rules.tables.calendar.bullets.iter().find_map(|b| {
        let rest = t.strip_prefix(b.as_str())?;
        let spaced = rest.starts_with(char::is_whitespace);
        (spaced || (b.chars().count() == 1 && !b.chars().all(char::is_alphanumeric) && b != "-"))
            .then(|| rest.trim())
    });
    match (bullet, items.last_mut()) {
        (Some(rest), _) => items.push(normalize_space(rest)),
        (None, Some(last)) => lines::join_wrapped(last, t),
        (None, None) => items.push(normalize_space(t)),
    }
}

fn finish(doc: &Document, row: Row<'_>, out: &mut Vec<CalendarEntry>) {
    let what: Vec<String> = row.items.into_iter().filter(|s| !s.is_empty()).collect();
    out.push(CalendarEntry {
        doc: doc.name.clone(),
        page: row.first.page(doc),
        due: row.due,
        what: what.join(" • "),
        line: row.first.record_line(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str, year: Option<i32>) -> Vec<CalendarEntry> {
        let doc = Document::from_plain_text("c.txt", text);
        let rules = RuleSet::bundled();
        let context = Context {
            year,
            ..Context::default()
        };
        extract(&doc, &rules, &Outline::build(&doc, &rules), &context).collect()
    }

    #[test]
    fn dated_rows_with_bullets_and_a_month_on_the_next_line() {
        let got = entries(
            "Det vises til rapporteringskalenderen i hovedinstruksen for detaljer om dette.\n\
             7.3 Rapporteringskalender 2025\n Frist Leveranse\n\
             1. mars • Årsrapport for \n\n2024 med regnskap\n\n• Innspill til RNB\n\
             20. \noktober \n\n• Budsjettforslag\n14.11.2025 Etatsstyringsmøte\n\
             8 Andre forhold\n3. desember Ikke i kalenderen\n",
            None,
        );
        let rows: Vec<_> = got
            .iter()
            .map(|e| (e.due.to_string(), e.what.as_str(), e.line))
            .collect();
        assert_eq!(
            rows,
            vec![
                (
                    "2025-03-01".to_string(),
                    "Årsrapport for 2024 med regnskap • Innspill til RNB",
                    Some(4)
                ),
                ("2025-10-20".to_string(), "Budsjettforslag", Some(9)),
                ("2025-11-14".to_string(), "Etatsstyringsmøte", Some(13)),
            ]
        );
    }

    #[test]
    fn lead_words_and_month_rows() {
        let got = entries(
            "7.3 Styringskalender\nInnen 1. mars: Årsrapport\nMai  Etatsstyringsmøte\n\
             Mars 2026 – Tildelingsbrev 2026 sendes\nmars er ikke en rad\nFredag 2. oktober Budsjett\n\
             15.11 Møte\n1.12. Plan\n",
            Some(2025),
        );
        let rows: Vec<_> = got
            .iter()
            .map(|e| (e.due.to_string(), e.what.as_str()))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("2025-03-01".to_string(), "Årsrapport"),
                ("2025-05-31".to_string(), "Etatsstyringsmøte"),
                (
                    "2026-03-31".to_string(),
                    "Tildelingsbrev 2026 sendes mars er ikke en rad"
                ),
                ("2025-10-02".to_string(), "Budsjett"),
                ("2025-11-15".to_string(), "Møte"),
                ("2025-12-01".to_string(), "Plan"),
            ]
        );
    }
}
