//! An RFC 5545 calendar: one all-day event per dated deadline and per
//! steering-calendar entry, with UIDs that stay the same across runs.

use std::collections::{HashMap, HashSet};
use std::io::Write;

use chrono::{Days, NaiveDate, NaiveDateTime, Utc};
use oppdrag_model::{Assignment, CalendarEntry, Deadline, DeadlineKind, Precision, Record};

use crate::table::{kind_label, precision_label};
use crate::{Error, Lang};

/// Longest content line in octets before folding (RFC 5545 §3.1).
const FOLD_AT: usize = 75;

/// Builds an [`Ics`] writer.
#[derive(Clone, Debug, Default)]
pub struct IcsBuilder {
    dtstamp: Option<NaiveDateTime>,
    name: Option<String>,
    lang: Lang,
}

impl IcsBuilder {
    /// Creates a builder (DTSTAMP: the current time; Norwegian labels).
    pub fn new() -> IcsBuilder {
        IcsBuilder::default()
    }

    /// Sets the DTSTAMP of every event (UTC), for reproducible output.
    pub fn dtstamp(&mut self, stamp: NaiveDateTime) -> &mut IcsBuilder {
        self.dtstamp = Some(stamp);
        self
    }

    /// Sets the calendar's display name (`X-WR-CALNAME`).
    pub fn name(&mut self, name: impl Into<String>) -> &mut IcsBuilder {
        self.name = Some(name.into());
        self
    }

    /// Sets the language of the labels in descriptions.
    pub fn lang(&mut self, lang: Lang) -> &mut IcsBuilder {
        self.lang = lang;
        self
    }

    /// Builds the writer over `wtr`.
    pub fn build<W: Write>(&self, wtr: W) -> Ics<W> {
        let stamp = self.dtstamp.unwrap_or_else(|| Utc::now().naive_utc());
        Ics {
            wtr,
            dtstamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
            name: self.name.clone(),
            lang: self.lang,
            started: false,
            seen: HashSet::new(),
        }
    }
}

/// A deadline without a date: not put in the calendar, returned so that the
/// caller can list it.
#[derive(Clone, Debug, PartialEq)]
pub struct Undated {
    /// Input file name.
    pub doc: String,
    /// Page of the assignment, if known.
    pub page: Option<u32>,
    /// Assignment code.
    pub code: String,
    /// Sub-assignment labels the deadline applies to.
    pub part: Vec<String>,
    /// Fixed, by agreement or recurring.
    pub kind: DeadlineKind,
    /// The deadline phrase.
    pub raw: String,
}

/// Writes an iCalendar stream; call [`Ics::finish`] to close it.
#[derive(Debug)]
pub struct Ics<W> {
    wtr: W,
    dtstamp: String,
    name: Option<String>,
    lang: Lang,
    started: bool,
    seen: HashSet<String>,
}

impl<W: Write> Ics<W> {
    fn start(&mut self) -> Result<(), Error> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        self.line("BEGIN:VCALENDAR")?;
        self.line("VERSION:2.0")?;
        self.line(&format!(
            "PRODID:-//oppdrag//oppdrag {}//NO",
            env!("CARGO_PKG_VERSION")
        ))?;
        self.line("CALSCALE:GREGORIAN")?;
        self.line("METHOD:PUBLISH")?;
        if let Some(name) = self.name.clone() {
            self.line(&format!("X-WR-CALNAME:{}", escape(&name)))?;
        }
        Ok(())
    }

    /// Writes the events of one record: a dated deadline of an assignment or
    /// a calendar entry. Returns the assignment's deadlines that have no date.
    pub fn write(&mut self, record: &Record) -> Result<Vec<Undated>, Error> {
        self.start()?;
        match record {
            Record::Assignment(a) => self.assignment(a),
            Record::CalendarEntry(c) => {
                self.calendar_entry(c)?;
                Ok(Vec::new())
            }
            _ => Ok(Vec::new()),
        }
    }

    /// Returns the number of events written so far.
    pub fn events(&self) -> usize {
        self.seen.len()
    }

    fn assignment(&mut self, a: &Assignment) -> Result<Vec<Undated>, Error> {
        let mut undated = Vec::new();
        // The n-th dated deadline of a part keeps its UID when its date is
        // corrected (a re-import moves the event instead of adding one).
        let mut ordinal: HashMap<String, usize> = HashMap::new();
        for d in &a.deadlines {
            let Some(due) = d.due else {
                undated.push(Undated {
                    doc: a.doc.clone(),
                    page: a.page,
                    code: a.code.clone(),
                    part: d.part.clone(),
                    kind: d.kind,
                    raw: d.raw.clone(),
                });
                continue;
            };
            let part = d.part.join(",");
            let n = ordinal.entry(part.clone()).or_insert(0);
            *n += 1;
            let uid = uid(&[&a.doc, &a.code, &part, &n.to_string()]);
            let summary = summary(a, d);
            let description = self.description(a, d);
            self.event(&uid, due, &summary, &description)?;
        }
        Ok(undated)
    }

    fn description(&self, a: &Assignment, d: &Deadline) -> String {
        let lang = self.lang;
        let mut lines = Vec::new();
        if !d.raw.is_empty() {
            lines.push(d.raw.clone());
        }
        if d.precision != Precision::Day {
            lines.push(format!(
                "{}: {}",
                lang.pick("Presisjon", "Precision"),
                precision_label(d.precision, lang)
            ));
        }
        if d.kind != DeadlineKind::Deadline {
            lines.push(format!(
                "{}: {}",
                lang.pick("Type", "Kind"),
                kind_label(d.kind, lang)
            ));
        }
        lines.push(source(&a.doc, a.page, lang));
        lines.join("\n")
    }

    fn calendar_entry(&mut self, c: &CalendarEntry) -> Result<(), Error> {
        let uid = uid(&[&c.doc, "calendar", &c.due.to_string(), &c.what]);
        let description = format!("{}\n{}", c.what, source(&c.doc, c.page, self.lang));
        self.event(&uid, c.due, &c.what, &description)
    }

    fn event(
        &mut self,
        uid: &str,
        due: NaiveDate,
        summary: &str,
        description: &str,
    ) -> Result<(), Error> {
        if !self.seen.insert(uid.to_string()) {
            return Ok(());
        }
        let end = due.checked_add_days(Days::new(1)).unwrap_or(due);
        self.line("BEGIN:VEVENT")?;
        self.line(&format!("UID:{uid}"))?;
        let stamp = format!("DTSTAMP:{}", self.dtstamp);
        self.line(&stamp)?;
        self.line(&format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")))?;
        self.line(&format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")))?;
        self.line(&format!("SUMMARY:{}", escape(summary)))?;
        self.line(&format!("DESCRIPTION:{}", escape(description)))?;
        self.line("TRANSP:TRANSPARENT")?;
        self.line("END:VEVENT")
    }

    /// Writes one content line, folded at 75 octets, ended by CRLF.
    fn line(&mut self, line: &str) -> Result<(), Error> {
        self.wtr.write_all(fold(line).as_bytes())?;
        Ok(())
    }

    /// Closes the calendar, flushes and returns the writer.
    pub fn finish(mut self) -> Result<W, Error> {
        self.start()?;
        self.line("END:VCALENDAR")?;
        self.wtr.flush()?;
        Ok(self.wtr)
    }
}

/// The event summary: `TB2024-07 b) Oppfølging nasjonal tobakkstrategi`.
fn summary(a: &Assignment, d: &Deadline) -> String {
    let mut out = a.code.clone();
    if !d.part.is_empty() {
        let parts: Vec<String> = d.part.iter().map(|p| format!("{p})")).collect();
        out.push(' ');
        out.push_str(&parts.join(", "));
    }
    if !a.title.is_empty() {
        out.push(' ');
        out.push_str(&a.title);
    }
    out
}

fn source(doc: &str, page: Option<u32>, lang: Lang) -> String {
    match page {
        Some(p) => format!(
            "{}: {doc}, {} {p}",
            lang.pick("Dokument", "Document"),
            lang.pick("side", "page")
        ),
        None => format!("{}: {doc}", lang.pick("Dokument", "Document")),
    }
}

/// A stable UID from the parts that identify an event.
fn uid(parts: &[&str]) -> String {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let hash = hasher.finalize();
    let hex: String = hash.as_bytes()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("{hex}@oppdrag")
}

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line: at most 75 octets per physical line, never inside a
/// UTF-8 sequence; continuation lines start with one space. Ends with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    let mut limit = FOLD_AT;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > limit {
            out.push_str("\r\n ");
            used = 0;
            limit = FOLD_AT - 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let line = format!("SUMMARY:{}", "ø".repeat(60));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75, "{}", physical.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a, b; c\\d\nе"), "a\\, b\\; c\\\\d\\nе");
    }

    fn uids_of(due: NaiveDate) -> Vec<String> {
        let record = Record::Assignment(Assignment {
            doc: "brev.pdf".into(),
            code: "TB2025-03".into(),
            deadlines: vec![Deadline {
                due: Some(due),
                precision: Precision::Day,
                raw: "Frist".into(),
                ..Deadline::default()
            }],
            ..Assignment::default()
        });
        let mut ics = IcsBuilder::new().build(Vec::new());
        ics.write(&record).unwrap();
        let text = String::from_utf8(ics.finish().unwrap()).unwrap();
        text.lines()
            .filter(|l| l.starts_with("UID:"))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_corrected_date_keeps_its_uid() {
        let before = uids_of(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap());
        let after = uids_of(NaiveDate::from_ymd_opt(2025, 4, 1).unwrap());
        assert_eq!(before.len(), 1);
        assert_eq!(before, after);
    }

    #[test]
    fn uids_depend_on_every_part() {
        assert_eq!(uid(&["a", "TB2024-07"]), uid(&["a", "TB2024-07"]));
        assert_ne!(uid(&["a", "TB2024-07"]), uid(&["a", "TB2024-0", "7"]));
    }
}
