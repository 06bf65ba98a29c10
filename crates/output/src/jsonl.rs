//! JSON Lines (the output contract) and a JSON array of records.

use std::io::Write;

use oppdrag_model::Record;

use crate::Error;

/// Builds a [`Jsonl`] writer.
#[derive(Clone, Debug, Default)]
pub struct JsonlBuilder {
    array: bool,
}

impl JsonlBuilder {
    /// Creates a builder for JSON Lines output.
    pub fn new() -> JsonlBuilder {
        JsonlBuilder::default()
    }

    /// Writes one JSON array of all records instead of one record per line.
    pub fn array(&mut self, yes: bool) -> &mut JsonlBuilder {
        self.array = yes;
        self
    }

    /// Builds the writer over `wtr`.
    pub fn build<W: Write>(&self, wtr: W) -> Jsonl<W> {
        Jsonl {
            wtr,
            array: self.array,
            count: 0,
        }
    }
}

/// Writes records as JSON Lines (or a JSON array); call [`Jsonl::finish`] at the end.
#[derive(Debug)]
pub struct Jsonl<W> {
    wtr: W,
    array: bool,
    count: u64,
}

impl<W: Write> Jsonl<W> {
    /// Writes one record.
    pub fn write(&mut self, record: &Record) -> Result<(), Error> {
        self.write_value(record)
    }

    /// Writes any serialisable value as one record (used for diff entries).
    pub fn write_value<T: serde::Serialize>(&mut self, value: &T) -> Result<(), Error> {
        if self.array {
            self.wtr
                .write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
            serde_json::to_writer(&mut self.wtr, value)?;
        } else {
            serde_json::to_writer(&mut self.wtr, value)?;
            self.wtr.write_all(b"\n")?;
        }
        self.count += 1;
        Ok(())
    }

    /// Ends the output (closes the array) and flushes; returns the writer.
    pub fn finish(mut self) -> Result<W, Error> {
        if self.array {
            self.wtr
                .write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.wtr.flush()?;
        Ok(self.wtr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oppdrag_model::CalendarEntry;

    fn entry(what: &str) -> Record {
        Record::CalendarEntry(CalendarEntry {
            doc: "a.txt".into(),
            due: chrono::NaiveDate::from_ymd_opt(2024, 1, 31).unwrap(),
            what: what.into(),
            ..CalendarEntry::default()
        })
    }

    #[test]
    fn lines_and_arrays_parse_back() {
        let records = [entry("Regnskap"), entry("Rapport")];
        let mut lines = JsonlBuilder::new().build(Vec::new());
        let mut array = JsonlBuilder::new().array(true).build(Vec::new());
        for r in &records {
            lines.write(r).unwrap();
            array.write(r).unwrap();
        }
        let lines = String::from_utf8(lines.finish().unwrap()).unwrap();
        let parsed: Vec<Record> = lines
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(parsed, records);
        let array: Vec<Record> = serde_json::from_slice(&array.finish().unwrap()).unwrap();
        assert_eq!(array, records);
        let empty = JsonlBuilder::new()
            .array(true)
            .build(Vec::new())
            .finish()
            .unwrap();
        assert_eq!(empty, b"[]\n");
    }
}
