//! The tabular view of records shared by the CSV and xlsx sinks: sheets,
//! their headings in two languages, and typed cells.

use chrono::NaiveDate;
use oppdrag_model::{
    Amount, Assignment, BudgetLine, CalendarEntry, Deadline, DeadlineKind, DocumentKind,
    DocumentRecord, Mandate, Precision, Record,
};

use crate::Lang;

/// One typed cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }

    fn opt_number(n: Option<f64>) -> Cell {
        n.map_or(Cell::Empty, Cell::Number)
    }

    fn opt_date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
}

/// The sheets of a workbook, in order; CSV uses [`Sheet::Assignments`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sheet {
    Assignments,
    Deadlines,
    Budget,
    Calendar,
    Mandates,
    Documents,
}

impl Sheet {
    pub(crate) const ALL: [Sheet; 6] = [
        Sheet::Assignments,
        Sheet::Deadlines,
        Sheet::Budget,
        Sheet::Calendar,
        Sheet::Mandates,
        Sheet::Documents,
    ];

    pub(crate) fn index(self) -> usize {
        Sheet::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub(crate) fn name(self, lang: Lang) -> &'static str {
        let (no, en) = match self {
            Sheet::Assignments => ("Oppdrag", "Assignments"),
            Sheet::Deadlines => ("Frister", "Deadlines"),
            Sheet::Budget => ("Budsjett", "Budget"),
            Sheet::Calendar => ("Kalender", "Calendar"),
            Sheet::Mandates => ("Mandater", "Mandates"),
            Sheet::Documents => ("Dokumenter", "Documents"),
        };
        lang.pick(no, en)
    }

    pub(crate) fn headings(self, lang: Lang) -> Vec<&'static str> {
        let pairs: &[(&'static str, &'static str)] = match self {
            Sheet::Assignments => &[
                ("Dokument", "Document"),
                ("Side", "Page"),
                ("Kode", "Code"),
                ("Tittel", "Title"),
                ("Enhet", "Unit"),
                ("Ansvarlig", "Responsible"),
                ("Samarbeidspartnere", "Partners"),
                ("Første frist", "First due date"),
                ("Frister", "Deadlines"),
                ("Beløp", "Amount"),
                ("Valuta", "Currency"),
                ("Alle beløp", "All amounts"),
                ("Referanser", "References"),
                ("Avsnitt", "Section"),
            ],
            Sheet::Deadlines => &[
                ("Dokument", "Document"),
                ("Side", "Page"),
                ("Kode", "Code"),
                ("Deloppdrag", "Parts"),
                ("Frist", "Due date"),
                ("Presisjon", "Precision"),
                ("Type", "Kind"),
                ("Tekst", "Phrase"),
                ("Tittel", "Title"),
            ],
            Sheet::Budget => &[
                ("Dokument", "Document"),
                ("Side", "Page"),
                ("Kapittel", "Chapter"),
                ("Post", "Post"),
                ("Navn", "Name"),
                ("Beløp", "Amount"),
                ("Valuta", "Currency"),
                ("Samlet ramme", "Frame"),
                ("Merknad", "Comment"),
                ("Tabell", "Table"),
            ],
            Sheet::Calendar => &[
                ("Dokument", "Document"),
                ("Side", "Page"),
                ("Dato", "Date"),
                ("Hva", "What"),
            ],
            Sheet::Mandates => &[
                ("Dokument", "Document"),
                ("Side", "Page"),
                ("Organ", "Body"),
                ("Fastsatt av", "Established by"),
                ("Fastsatt", "Established"),
                ("Gjelder fra", "Effective"),
                ("Periode fra", "Period from"),
                ("Periode til", "Period to"),
                ("Leder", "Chair"),
                ("Sekretariat", "Secretariat"),
                ("Møter per år", "Meetings per year"),
                ("Funksjonstid (år)", "Term (years)"),
                ("Medlemmer", "Members"),
                ("Oppgaver", "Tasks"),
            ],
            Sheet::Documents => &[
                ("Dokument", "Document"),
                ("Type", "Kind"),
                ("Tittel", "Title"),
                ("Avsender", "Issuer"),
                ("Mottaker", "Recipient"),
                ("År", "Year"),
                ("Sider", "Pages"),
            ],
        };
        pairs.iter().map(|(no, en)| lang.pick(no, en)).collect()
    }
}

/// Returns the rows a record contributes, with the sheet each goes to.
pub(crate) fn rows(record: &Record, lang: Lang) -> Vec<(Sheet, Vec<Cell>)> {
    match record {
        Record::Document(d) => vec![(Sheet::Documents, document_row(d, lang))],
        Record::Assignment(a) => {
            let mut out = vec![(Sheet::Assignments, assignment_row(a, lang))];
            for d in &a.deadlines {
                out.push((Sheet::Deadlines, deadline_row(a, d, lang)));
            }
            out
        }
        Record::BudgetLine(b) => vec![(Sheet::Budget, budget_row(b))],
        Record::CalendarEntry(c) => vec![(Sheet::Calendar, calendar_row(c))],
        Record::Mandate(m) => vec![(Sheet::Mandates, mandate_row(m))],
    }
}

fn page(p: Option<u32>) -> Cell {
    Cell::opt_number(p.map(f64::from))
}

/// The earliest date among an assignment's dated deadlines.
pub(crate) fn first_due(a: &Assignment) -> Option<NaiveDate> {
    a.deadlines.iter().filter_map(|d| d.due).min()
}

pub(crate) fn assignment_row(a: &Assignment, lang: Lang) -> Vec<Cell> {
    let deadlines: Vec<String> = a.deadlines.iter().map(|d| deadline_text(d, lang)).collect();
    let amounts: Vec<String> = a.amounts.iter().map(amount_text).collect();
    let first = a.amounts.first();
    vec![
        Cell::text(&a.doc),
        page(a.page),
        Cell::text(&a.code),
        Cell::text(&a.title),
        Cell::opt_text(a.owner_unit.as_deref()),
        Cell::text(a.responsible.join("; ")),
        Cell::text(a.partners.join("; ")),
        Cell::opt_date(first_due(a)),
        Cell::text(deadlines.join("; ")),
        Cell::opt_number(first.map(|x| x.value)),
        Cell::opt_text(first.map(|x| x.currency.code())),
        Cell::text(amounts.join("; ")),
        Cell::text(a.references.join("; ")),
        Cell::text(a.section.join(" > ")),
    ]
}

fn deadline_row(a: &Assignment, d: &Deadline, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::text(&a.doc),
        page(a.page),
        Cell::text(&a.code),
        Cell::text(d.part.join(", ")),
        Cell::opt_date(d.due),
        Cell::text(precision_label(d.precision, lang)),
        Cell::text(kind_label(d.kind, lang)),
        Cell::text(&d.raw),
        Cell::text(&a.title),
    ]
}

fn budget_row(b: &BudgetLine) -> Vec<Cell> {
    vec![
        Cell::text(&b.doc),
        page(b.page),
        Cell::Number(f64::from(b.chapter)),
        Cell::opt_number(b.post.map(f64::from)),
        Cell::opt_text(b.name.as_deref()),
        Cell::opt_number(b.amount.as_ref().map(|a| a.value)),
        Cell::opt_text(b.amount.as_ref().map(|a| a.currency.code())),
        Cell::opt_number(b.frame.as_ref().map(|a| a.value)),
        Cell::opt_text(b.comment.as_deref()),
        Cell::opt_text(b.table.as_deref()),
    ]
}

fn calendar_row(c: &CalendarEntry) -> Vec<Cell> {
    vec![
        Cell::text(&c.doc),
        page(c.page),
        Cell::Date(c.due),
        Cell::text(&c.what),
    ]
}

fn mandate_row(m: &Mandate) -> Vec<Cell> {
    let members: Vec<String> = m
        .members
        .iter()
        .map(|x| match x.count {
            Some(n) => format!("{} ({n})", x.body),
            None => x.body.clone(),
        })
        .collect();
    vec![
        Cell::text(&m.doc),
        page(m.page),
        Cell::text(&m.body),
        Cell::opt_text(m.established_by.as_deref()),
        Cell::opt_date(m.established),
        Cell::opt_date(m.effective),
        Cell::opt_number(m.period.map(|p| f64::from(p.from))),
        Cell::opt_number(m.period.map(|p| f64::from(p.to))),
        Cell::opt_text(m.chair.as_deref()),
        Cell::opt_text(m.secretariat.as_deref()),
        Cell::opt_number(m.meetings_per_year),
        Cell::opt_number(m.term_years),
        Cell::text(members.join("; ")),
        Cell::text(m.tasks.join("\n")),
    ]
}

fn document_row(d: &DocumentRecord, lang: Lang) -> Vec<Cell> {
    let kind = match d.kind {
        DocumentKind::AllocationLetter => lang.pick("tildelingsbrev", "allocation letter"),
        DocumentKind::AssignmentDocument => lang.pick("oppdragsdokument", "assignment document"),
        DocumentKind::Mandate => lang.pick("mandat", "mandate"),
        DocumentKind::Other => lang.pick("annet", "other"),
    };
    vec![
        Cell::text(&d.doc),
        Cell::text(kind),
        Cell::opt_text(d.title.as_deref()),
        Cell::opt_text(d.issuer.as_deref()),
        Cell::opt_text(d.recipient.as_deref()),
        Cell::opt_number(d.year.map(f64::from)),
        Cell::opt_number(d.pages.map(f64::from)),
    ]
}

/// "Precision" label of a deadline.
pub(crate) fn precision_label(p: Precision, lang: Lang) -> &'static str {
    match p {
        Precision::Day => lang.pick("dag", "day"),
        Precision::Month => lang.pick("måned", "month"),
        Precision::Quarter => lang.pick("kvartal", "quarter"),
        Precision::HalfYear => lang.pick("halvår", "half year"),
        Precision::Year => lang.pick("år", "year"),
        Precision::None => lang.pick("ingen dato", "no date"),
    }
}

/// "Kind" label of a deadline.
pub(crate) fn kind_label(k: DeadlineKind, lang: Lang) -> &'static str {
    match k {
        DeadlineKind::Deadline => lang.pick("frist", "deadline"),
        DeadlineKind::ByAgreement => lang.pick("etter avtale", "by agreement"),
        DeadlineKind::Recurring => lang.pick("gjentakende", "recurring"),
    }
}

/// One deadline as text: `2024-09-15 (b, c): Frist 15. september 2024`.
pub(crate) fn deadline_text(d: &Deadline, lang: Lang) -> String {
    let mut out = match d.due {
        Some(due) => due.to_string(),
        None => kind_label(d.kind, lang).to_string(),
    };
    if d.due.is_some() && d.kind != DeadlineKind::Deadline {
        out.push_str(&format!(" {}", kind_label(d.kind, lang)));
    }
    if !d.part.is_empty() {
        out.push_str(&format!(" ({})", d.part.join(", ")));
    }
    if !d.raw.is_empty() {
        out.push_str(": ");
        out.push_str(&d.raw);
    }
    out
}

/// One amount as text: `12500000 NOK (12,5 mill. kroner)`.
pub(crate) fn amount_text(a: &Amount) -> String {
    let mut out = format!("{} {}", number_text(a.value, '.'), a.currency.code());
    if !a.raw.is_empty() {
        out.push_str(&format!(" ({})", a.raw));
    }
    out
}

/// A number without exponent or trailing zeros, with `point` as decimal mark.
pub(crate) fn number_text(x: f64, point: char) -> String {
    let s = if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    };
    if point == '.' {
        s
    } else {
        s.replace('.', &point.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_matches_its_headings() {
        let records = [
            Record::Document(DocumentRecord::default()),
            Record::Assignment(Assignment {
                deadlines: vec![Deadline::default()],
                ..Assignment::default()
            }),
            Record::BudgetLine(BudgetLine::default()),
            Record::CalendarEntry(CalendarEntry::default()),
            Record::Mandate(Mandate::default()),
        ];
        let mut seen = Vec::new();
        for r in &records {
            for (sheet, row) in rows(r, Lang::No) {
                assert_eq!(row.len(), sheet.headings(Lang::En).len(), "{sheet:?}");
                seen.push(sheet);
            }
        }
        assert_eq!(seen.len(), Sheet::ALL.len());
    }

    #[test]
    fn numbers_and_deadlines_as_text() {
        assert_eq!(number_text(12_500_000.0, ','), "12500000");
        assert_eq!(number_text(89_021.43, ','), "89021,43");
        let d = Deadline {
            due: NaiveDate::from_ymd_opt(2024, 3, 15),
            part: vec!["b".into(), "c".into()],
            raw: "har frist 15. mars 2024".into(),
            ..Deadline::default()
        };
        assert_eq!(
            deadline_text(&d, Lang::No),
            "2024-03-15 (b, c): har frist 15. mars 2024"
        );
        let d = Deadline {
            kind: DeadlineKind::ByAgreement,
            raw: "etter avtale".into(),
            ..Deadline::default()
        };
        assert_eq!(deadline_text(&d, Lang::En), "by agreement: etter avtale");
    }
}
