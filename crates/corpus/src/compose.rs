//! Building blocks shared by letters and mandates: dates, amounts,
//! deadlines, body names and the draft that pairs layout blocks with the
//! gold records they produce.

use chrono::{Datelike, NaiveDate};
use oppdrag_model::{Amount, Currency, Deadline, DeadlineKind, Precision, Record};

use crate::layout::Block;
use crate::rng::Rng;
use crate::vocab::{Body, MONTHS};

/// Layout blocks plus the gold records they print, linked by anchors.
#[derive(Debug, Default)]
pub struct Draft {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// Gold records in output order.
    pub records: Vec<Record>,
    /// Record index of each anchor id.
    pub anchors: Vec<usize>,
}

impl Draft {
    /// Adds a record and returns its index.
    pub fn record(&mut self, record: Record) -> usize {
        self.records.push(record);
        self.records.len() - 1
    }

    /// Returns a new anchor id for record `index`.
    pub fn anchor(&mut self, index: usize) -> usize {
        self.anchors.push(index);
        self.anchors.len() - 1
    }

    /// Puts an anchor block for record `index` at the current position.
    pub fn mark(&mut self, index: usize) {
        let id = self.anchor(index);
        self.blocks.push(Block::Anchor(id));
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// Appends a heading of `size` points.
    pub fn heading(&mut self, text: impl Into<String>, size: f32) {
        self.blocks.push(Block::Heading {
            text: text.into(),
            size,
        });
    }

    /// Appends a regular paragraph.
    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para {
            text: text.into(),
            bold: false,
        });
    }
}

/// Sets the page of every record from the pages its anchors landed on.
pub fn set_pages(records: &mut [Record], anchors: &[usize], pages: &[u32]) {
    for (id, &index) in anchors.iter().enumerate() {
        let page = pages.get(id).copied().filter(|&p| p > 0);
        let Some(record) = records.get_mut(index) else {
            continue;
        };
        match record {
            Record::Document(r) => r.page = page,
            Record::Assignment(r) => r.page = page,
            Record::BudgetLine(r) => r.page = page,
            Record::CalendarEntry(r) => r.page = page,
            Record::Mandate(r) => r.page = page,
        }
    }
}

/// Picks how to print a body: its canonical name or, with `alias_percent`
/// chance, one of its aliases.
pub fn body_name(rng: &mut Rng, body: &Body, alias_percent: u32) -> String {
    if !body.aliases.is_empty() && rng.chance(alias_percent) {
        (*rng.pick(body.aliases)).to_string()
    } else {
        body.name.to_string()
    }
}

/// Joins names as Norwegian prose: "A", "A og B", "A, B og C".
pub fn join_and(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// Writes a date as "15. mars 2025" (or "15. mars" without the year).
pub fn written(date: NaiveDate, year: bool) -> String {
    let month = MONTHS[date.month0() as usize];
    if year {
        format!("{}. {month} {}", date.day(), date.year())
    } else {
        format!("{}. {month}", date.day())
    }
}

/// Writes a date as "15.03.2025".
pub fn numeric(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

/// Writes a date the way `rng` chooses: written or numeric.
pub fn any_date(rng: &mut Rng, date: NaiveDate, numeric_percent: u32) -> String {
    if rng.chance(numeric_percent) {
        numeric(date)
    } else {
        written(date, true)
    }
}

/// Picks a day in `year`, from `from_month` to `to_month` (1-based, inclusive).
pub fn random_date(rng: &mut Rng, year: i32, from_month: u32, to_month: u32) -> NaiveDate {
    let month = rng.range(from_month as usize, to_month as usize) as u32;
    let day = *rng.pick(&[1u32, 1, 10, 15, 15, 20, 25, 28, 30, 31]);
    (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(year, month, day - back))
        .unwrap_or(NaiveDate::MIN)
}

/// The last day of a month.
pub fn month_end(year: i32, month: u32) -> NaiveDate {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MIN)
}

/// Formats an integer with spaces between thousands: 20 000.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Formats tenths with a decimal comma: 125 → "12,5", 30 → "3".
pub fn tenths(n: u64) -> String {
    if n % 10 == 0 {
        (n / 10).to_string()
    } else {
        format!("{},{}", n / 10, n % 10)
    }
}

/// A sum of money for running text: its printed form and gold value.
pub fn amount(rng: &mut Rng) -> Amount {
    match rng.below(10) {
        0..=3 => {
            let t = rng.range(5, 400) as u64;
            let unit = *rng.pick(&["mill. kroner", "mill. kr", "millioner kroner"]);
            Amount::new(
                t as f64 * 100_000.0,
                Currency::Nok,
                format!("{} {unit}", tenths(t)),
            )
        }
        4 | 5 => {
            let n = rng.range(1, 95) as u64 * 10_000;
            if rng.chance(50) {
                Amount::new(n as f64, Currency::Nok, format!("kr {}", thousands(n)))
            } else {
                Amount::new(n as f64, Currency::Nok, format!("{} kroner", thousands(n)))
            }
        }
        6 => {
            let t = rng.range(11, 35) as u64;
            Amount::new(
                t as f64 * 100_000_000.0,
                Currency::Nok,
                format!("{} mrd. kroner", tenths(t)),
            )
        }
        7 => {
            let t = rng.range(2, 60) as u64;
            Amount::new(
                t as f64 * 100_000.0,
                Currency::Eur,
                format!("{} mill. euro", tenths(t)),
            )
        }
        _ => {
            let m = rng.range(1, 60) as u64;
            Amount::new(
                m as f64 * 1_000_000.0,
                Currency::Nok,
                format!("{m} mill. kroner"),
            )
        }
    }
}

/// A deadline sentence for a whole assignment, with its gold value.
pub fn deadline(rng: &mut Rng, year: i32) -> (String, Deadline) {
    let fixed = |due: NaiveDate, precision: Precision, raw: String| Deadline {
        due: Some(due),
        precision,
        kind: DeadlineKind::Deadline,
        part: Vec::new(),
        raw,
    };
    match rng.below(20) {
        0..=6 => {
            let due = random_date(rng, year, 2, 12);
            let raw = format!("Frist: {}", any_date(rng, due, 35));
            (raw.clone(), fixed(due, Precision::Day, raw))
        }
        7..=9 => {
            let due = random_date(rng, year, 2, 12);
            let what = rng.pick(&[
                "Rapport",
                "Forslaget",
                "Leveransen",
                "En skriftlig oppsummering",
            ]);
            let raw = format!("innen {}", any_date(rng, due, 35));
            (
                format!("{what} sendes departementet {raw}."),
                fixed(due, Precision::Day, raw),
            )
        }
        10 => {
            let month = rng.range(3, 11) as u32;
            let raw = format!("i løpet av {} {year}", MONTHS[month as usize - 1]);
            let due = month_end(year, month);
            (
                format!("Leveransen skal foreligge {raw}."),
                fixed(due, Precision::Month, raw),
            )
        }
        11 => {
            let q = rng.range(1, 4) as u32;
            let raw = format!("innen utgangen av {q}. kvartal {year}");
            (
                format!("Frist: {raw}"),
                fixed(month_end(year, q * 3), Precision::Quarter, raw),
            )
        }
        12 => {
            let first = rng.chance(60);
            let raw = format!("{} halvår {year}", if first { "første" } else { "andre" });
            let due = month_end(year, if first { 6 } else { 12 });
            (
                format!("Arbeidet skal ferdigstilles {raw}."),
                fixed(due, Precision::HalfYear, raw),
            )
        }
        13 | 14 => {
            let raw = format!("innen utgangen av {year}");
            (
                format!("Oppdraget skal være gjennomført {raw}."),
                fixed(month_end(year, 12), Precision::Year, raw),
            )
        }
        15 | 16 => {
            let raw = (*rng.pick(&[
                "Frist avklares i dialog med departementet.",
                "Frist: etter avtale med departementet",
                "Fremdrift og frister avtales nærmere med departementet.",
            ]))
            .to_string();
            let d = Deadline {
                due: None,
                precision: Precision::None,
                kind: DeadlineKind::ByAgreement,
                part: Vec::new(),
                raw: raw.clone(),
            };
            (raw, d)
        }
        17 => {
            let due = random_date(rng, year, 1, 11);
            let raw = format!("innen {} hvert år", written(due, false));
            let d = Deadline {
                due: Some(due),
                precision: Precision::Day,
                kind: DeadlineKind::Recurring,
                part: Vec::new(),
                raw: raw.clone(),
            };
            (format!("Status for arbeidet rapporteres {raw}."), d)
        }
        _ => {
            let due = random_date(rng, year, 3, 12);
            let raw = format!("Frist for oppdraget er {}.", written(due, true));
            (raw.clone(), fixed(due, Precision::Day, raw))
        }
    }
}

/// Labels of sub-assignments: "a".."g".
pub const LABELS: [&str; 7] = ["a", "b", "c", "d", "e", "f", "g"];

/// Prints a group of sub-assignment labels: "a)", "b) og c)", "d) til f)".
pub fn labels_phrase(parts: &[&str]) -> String {
    match parts {
        [one] => format!("{one})"),
        [a, b] => format!("{a}) og {b})"),
        [first, .., last] => format!("{first}) til {last})"),
        [] => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(thousands(20_000), "20 000");
        assert_eq!(thousands(1_234_567), "1 234 567");
        assert_eq!(thousands(999), "999");
        assert_eq!(tenths(125), "12,5");
        assert_eq!(tenths(30), "3");
        assert_eq!(
            month_end(2024, 2),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            month_end(2025, 12),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()
        );
    }

    #[test]
    fn dates_are_valid_and_in_year() {
        let mut rng = Rng::new(3);
        for _ in 0..500 {
            let d = random_date(&mut rng, 2025, 1, 12);
            assert_eq!(d.year(), 2025);
            let (_, dl) = deadline(&mut rng, 2025);
            if let Some(due) = dl.due {
                assert_eq!(due.year(), 2025, "{dl:?}");
            }
        }
        let d = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        assert_eq!(written(d, true), "5. mars 2025");
        assert_eq!(numeric(d), "05.03.2025");
    }

    #[test]
    fn labels() {
        assert_eq!(labels_phrase(&["b", "c"]), "b) og c)");
        assert_eq!(labels_phrase(&["d", "e", "f"]), "d) til f)");
    }
}
