//! CSV with one row per assignment, for spreadsheet users.

use std::io::Write;

use oppdrag_model::Record;

use crate::table::{self, Cell, Sheet};
use crate::{Error, Lang};

/// Builds a [`Csv`] writer.
#[derive(Clone, Debug, Default)]
pub struct CsvBuilder {
    excel: bool,
    lang: Lang,
}

impl CsvBuilder {
    /// Creates a builder for RFC 4180 CSV (comma separated, decimal points).
    pub fn new() -> CsvBuilder {
        CsvBuilder::default()
    }

    /// Writes for a spreadsheet set to Norwegian: semicolon separators, a
    /// UTF-8 byte order mark, decimal commas and dates as `dd.mm.yyyy`.
    pub fn excel(&mut self, yes: bool) -> &mut CsvBuilder {
        self.excel = yes;
        self
    }

    /// Sets the language of the header row.
    pub fn lang(&mut self, lang: Lang) -> &mut CsvBuilder {
        self.lang = lang;
        self
    }

    /// Builds the writer over `wtr`.
    pub fn build<W: Write>(&self, wtr: W) -> Csv<W> {
        let inner = ::csv::WriterBuilder::new()
            .delimiter(if self.excel { b';' } else { b',' })
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Bom {
                inner: wtr,
                pending: self.excel,
            });
        Csv {
            inner,
            excel: self.excel,
            lang: self.lang,
            started: false,
        }
    }
}

/// Writes one CSV row per assignment record (other records are skipped);
/// the header row comes first, even when there are no assignments.
#[derive(Debug)]
pub struct Csv<W: Write> {
    inner: ::csv::Writer<Bom<W>>,
    excel: bool,
    lang: Lang,
    started: bool,
}

impl<W: Write> Csv<W> {
    fn start(&mut self) -> Result<(), Error> {
        if !self.started {
            self.started = true;
            self.inner
                .write_record(Sheet::Assignments.headings(self.lang))?;
        }
        Ok(())
    }

    /// Writes the row of an assignment record; other record types are ignored.
    pub fn write(&mut self, record: &Record) -> Result<(), Error> {
        self.start()?;
        let Record::Assignment(a) = record else {
            return Ok(());
        };
        let row = table::assignment_row(a, self.lang);
        let fields: Vec<String> = row.iter().map(|c| self.field(c)).collect();
        self.inner.write_record(&fields)?;
        Ok(())
    }

    fn field(&self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => table::number_text(*x, if self.excel { ',' } else { '.' }),
            Cell::Date(d) if self.excel => d.format("%d.%m.%Y").to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    /// Writes the header if nothing was written yet, flushes and returns the writer.
    pub fn finish(mut self) -> Result<W, Error> {
        self.start()?;
        self.inner.flush()?;
        let bom = self
            .inner
            .into_inner()
            .map_err(|e| Error::Io(e.into_error()))?;
        Ok(bom.inner)
    }
}

/// Puts a UTF-8 byte order mark before the first bytes written, when pending.
#[derive(Debug)]
struct Bom<W> {
    inner: W,
    pending: bool,
}

impl<W: Write> Write for Bom<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.pending {
            self.inner.write_all("\u{feff}".as_bytes())?;
            self.pending = false;
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use oppdrag_model::{Amount, Assignment, Currency, Deadline};

    fn record() -> Record {
        Record::Assignment(Assignment {
            doc: "a.pdf".into(),
            page: Some(4),
            code: "TB2024-07".into(),
            title: "Tiltak, \"fase 2\"".into(),
            responsible: vec!["Helsedirektoratet".into()],
            partners: vec!["Folkehelseinstituttet".into(), "KS".into()],
            deadlines: vec![Deadline {
                due: NaiveDate::from_ymd_opt(2024, 9, 15),
                raw: "15. september 2024".into(),
                ..Deadline::default()
            }],
            amounts: vec![Amount::new(89_021.43, Currency::Eur, "89 021,43 EUR")],
            ..Assignment::default()
        })
    }

    #[test]
    fn rfc4180_with_commas() {
        let mut csv = CsvBuilder::new().build(Vec::new());
        csv.write(&record()).unwrap();
        let out = String::from_utf8(csv.finish().unwrap()).unwrap();
        let mut lines = out.split("\r\n");
        assert!(lines
            .next()
            .unwrap()
            .starts_with("Dokument,Side,Kode,Tittel,"));
        assert_eq!(
            lines.next().unwrap(),
            "a.pdf,4,TB2024-07,\"Tiltak, \"\"fase 2\"\"\",,Helsedirektoratet,Folkehelseinstituttet; KS,\
             2024-09-15,2024-09-15: 15. september 2024,89021.43,EUR,\"89021.43 EUR (89 021,43 EUR)\",,"
        );
    }

    #[test]
    fn excel_flavour_has_bom_semicolons_and_decimal_commas() {
        let mut csv = CsvBuilder::new()
            .excel(true)
            .lang(Lang::En)
            .build(Vec::new());
        csv.write(&record()).unwrap();
        let out = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert!(out.starts_with("\u{feff}Document;Page;Code;Title;"));
        let row = out.split("\r\n").nth(1).unwrap();
        assert!(row.contains(";15.09.2024;"), "{row}");
        assert!(row.contains(";89021,43;EUR;"), "{row}");
        assert!(
            row.contains(";Tiltak, \"fase 2\";") || row.contains(";\"Tiltak, \"\"fase 2\"\"\";"),
            "{row}"
        );
    }

    #[test]
    fn header_only_when_there_are_no_assignments() {
        let out = CsvBuilder::new().build(Vec::new()).finish().unwrap();
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 1);
    }
}
