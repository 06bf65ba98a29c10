//! An xlsx workbook: a sheet "Oppdrag" with one row per assignment and a sheet
//! per other record type, typed cells, frozen header rows and autofilters.

use std::io::Write;

use chrono::Datelike;
use oppdrag_model::Record;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};

use crate::table::{self, Cell, Sheet};
use crate::{Error, Lang};

/// Widest column, in characters.
const MAX_WIDTH: usize = 60;

/// Builds an [`Xlsx`] workbook writer.
#[derive(Clone, Debug, Default)]
pub struct XlsxBuilder {
    lang: Lang,
}

impl XlsxBuilder {
    /// Creates a builder with Norwegian sheet names and headings.
    pub fn new() -> XlsxBuilder {
        XlsxBuilder::default()
    }

    /// Sets the language of sheet names, headings and labels.
    pub fn lang(&mut self, lang: Lang) -> &mut XlsxBuilder {
        self.lang = lang;
        self
    }

    /// Builds an empty workbook.
    pub fn build(&self) -> Xlsx {
        Xlsx {
            lang: self.lang,
            sheets: Sheet::ALL.iter().map(|_| Vec::new()).collect(),
        }
    }
}

/// Collects records and writes them as one workbook on [`Xlsx::finish`]
/// (an xlsx file is a zip archive: it cannot be streamed row by row).
#[derive(Debug)]
pub struct Xlsx {
    lang: Lang,
    sheets: Vec<Vec<Vec<Cell>>>,
}

/// A table of typed rows under headings, written as one worksheet.
pub(crate) struct SheetData<'a> {
    pub name: &'a str,
    pub headings: Vec<&'a str>,
    pub rows: &'a [Vec<Cell>],
}

impl Xlsx {
    /// Adds the rows of one record.
    pub fn write(&mut self, record: &Record) {
        for (sheet, row) in table::rows(record, self.lang) {
            if let Some(rows) = self.sheets.get_mut(sheet.index()) {
                rows.push(row);
            }
        }
    }

    /// Returns the number of assignment rows so far.
    pub fn assignments(&self) -> usize {
        self.sheets
            .get(Sheet::Assignments.index())
            .map_or(0, Vec::len)
    }

    /// Writes the workbook to `wtr`.
    pub fn finish<W: Write>(self, wtr: W) -> Result<(), Error> {
        let data: Vec<SheetData<'_>> = Sheet::ALL
            .iter()
            .zip(&self.sheets)
            .map(|(sheet, rows)| SheetData {
                name: sheet.name(self.lang),
                headings: sheet.headings(self.lang),
                rows,
            })
            .collect();
        write_workbook(&data, self.lang, wtr)
    }
}

/// Writes sheets of typed rows as an xlsx workbook to `wtr`.
pub(crate) fn write_workbook<W: Write>(
    sheets: &[SheetData<'_>],
    lang: Lang,
    mut wtr: W,
) -> Result<(), Error> {
    let mut workbook = Workbook::new();
    let formats = Formats::new(lang);
    for sheet in sheets {
        let ws = workbook.add_worksheet();
        write_sheet(ws, sheet, &formats)?;
    }
    let bytes = workbook.save_to_buffer()?;
    wtr.write_all(&bytes)?;
    wtr.flush()?;
    Ok(())
}

struct Formats {
    header: Format,
    date: Format,
    thousands: Format,
    decimals: Format,
    wrap: Format,
}

impl Formats {
    fn new(lang: Lang) -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            date: Format::new().set_num_format(lang.pick("dd.mm.yyyy", "yyyy-mm-dd")),
            thousands: Format::new().set_num_format("#,##0"),
            decimals: Format::new().set_num_format("#,##0.00"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &SheetData<'_>, formats: &Formats) -> Result<(), Error> {
    ws.set_name(sheet.name)?;
    let mut widths: Vec<usize> = sheet.headings.iter().map(|h| h.chars().count()).collect();
    for (col, heading) in sheet.headings.iter().enumerate() {
        ws.write_string_with_format(0, col_num(col), *heading, &formats.header)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (col, cell) in row.iter().enumerate() {
            let c = col_num(col);
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(s) => {
                    let s = clip(s);
                    if s.contains('\n') {
                        ws.write_string_with_format(r, c, s, &formats.wrap)?;
                    } else {
                        ws.write_string(r, c, s)?;
                    }
                    s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
                }
                Cell::Number(x) => {
                    if x.fract() == 0.0 && x.abs() < 10_000.0 {
                        ws.write_number(r, c, *x)?;
                    } else if x.fract() == 0.0 {
                        ws.write_number_with_format(r, c, *x, &formats.thousands)?;
                    } else {
                        ws.write_number_with_format(r, c, *x, &formats.decimals)?;
                    }
                    table::number_text(*x, '.').len() + 3
                }
                Cell::Date(d) => {
                    match excel_date(*d) {
                        Some(date) => ws.write_datetime_with_format(r, c, &date, &formats.date)?,
                        // Excel has no dates before 1900 or after 9999: keep the text.
                        None => ws.write_string(r, c, d.to_string())?,
                    };
                    10
                }
            };
            if let Some(w) = widths.get_mut(col) {
                *w = (*w).max(width);
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        ws.set_column_width(col_num(col), (width.min(&MAX_WIDTH) + 2) as f64)?;
    }
    let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
    let last_col = col_num(sheet.headings.len().saturating_sub(1));
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Longest text Excel keeps in one cell, in characters.
const MAX_CELL_CHARS: usize = 32_767;

/// The text cut to what one Excel cell holds.
fn clip(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((cut, _)) => &s[..cut],
        None => s,
    }
}

/// The Excel date of `d`, if Excel can show it (years 1900 to 9999).
fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    let month = u8::try_from(d.month()).ok()?;
    let day = u8::try_from(d.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_dates_and_long_texts_are_kept_as_text() {
        assert!(excel_date(chrono::NaiveDate::from_ymd_opt(1850, 1, 1).unwrap()).is_none());
        assert!(excel_date(chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()).is_some());
        let long = "å".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(clip(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(clip("kort"), "kort");
    }
}
