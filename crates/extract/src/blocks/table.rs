//! Assignment tables: code | unit | title | text, one row per assignment,
//! each cell wrapping over as many lines as it needs.
//!
//! Two things a narrow table does to its rows are undone here:
//! * a code too wide for its column wraps inside the cell ("RTB2021-0-" over
//!   "1", "RTB2021-" over "01"); the code row is read with the pieces of the
//!   code column joined ([`wrapped_code`]);
//! * the header row ("Kode | Ansv- | Tittel | Oppdragstekst"), with its own
//!   wrapped cells ("ar" under "Ansv-"), is printed again at the top of every
//!   page the table runs over; inside a row those lines are not the row's
//!   text ([`is_header_row`]).

use oppdrag_model::{Cell, Line};
use oppdrag_rules::{normalize_space, CodeLine, RuleSet};

use super::para::{with_breaks, Piece};
use super::{At, Block};
use crate::lines::join_wrapped;

/// How far (points) a cell may stand from a column's left edge and still be
/// in that column.
const COLUMN_SLACK: f32 = 3.0;
/// Most lines a code wraps over inside its cell.
const MAX_CODE_LINES: usize = 4;
/// Longest piece of a wrapped code on one line.
const MAX_CODE_PIECE: usize = 16;

/// Reads a table row whose code wraps inside the code column: the first
/// cell of line `i` is the start of a code ("RTB2021-0-", "RTB2021-") and
/// the first cells of the lines below, in the same column, carry the rest
/// ("1", "01"). Returns the code line read with the code joined, or `None`
/// when line `i` is not such a row.
///
/// The pieces are joined both with the line-end hyphen kept (a break after
/// the code's own hyphen) and without it (a hyphen the layout added); the
/// first join that is one whole code wins.
pub fn wrapped_code(all: &[At<'_>], i: usize, rules: &RuleSet) -> Option<CodeLine> {
    let line = all.get(i)?.line;
    let [first, rest @ ..] = line.cells.as_slice() else {
        return None;
    };
    if rest.is_empty() || !is_code_piece(&first.text) {
        return None;
    }
    let start = first.text.trim();
    if !start.starts_with(|c: char| c.is_alphabetic()) {
        return None;
    }
    // Every way of reading the code so far: the line-end hyphens kept or not.
    let mut reads = vec![start.to_string()];
    for k in 1..MAX_CODE_LINES {
        let next = all.get(i + k)?;
        if next.pos.page != all[i].pos.page {
            return None;
        }
        let piece = column_cell(next.line, first.x0)?;
        if !is_code_piece(&piece.text) || next.line.cells.first() != Some(piece) {
            return None;
        }
        let piece = piece.text.trim();
        let mut joined = Vec::with_capacity(reads.len() * 2);
        for read in &reads {
            joined.push(format!("{read}{piece}"));
            if let Some(cut) = read.strip_suffix(['-', '–']) {
                joined.push(format!("{cut}{piece}"));
            }
        }
        if let Some(code) = joined.iter().find_map(|j| rules.codes.normalize_code(j)) {
            let others: Vec<&str> = rest.iter().map(|c| c.text.trim()).collect();
            let text = format!("{code}  {}", others.join("  "));
            return rules.codes.code_line(&text);
        }
        reads = joined;
    }
    None
}

/// Returns whether `t` can be a piece of a code wrapped in its cell: one
/// short word of letters, digits and dashes.
fn is_code_piece(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.len() <= MAX_CODE_PIECE
        && t.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '–')
}

/// Returns the cell of `line` that starts in the column at `x0`.
fn column_cell(line: &Line, x0: f32) -> Option<&Cell> {
    line.cells
        .iter()
        .find(|c| (c.x0 - x0).abs() <= COLUMN_SLACK)
}

/// Returns whether `line`, inside the rows of a table whose code row is
/// `row`, is a header row printed again: set in bold where the row is not,
/// with cells in two or more of the row's columns.
pub fn is_header_row(line: &Line, row: &Line) -> bool {
    if !line.bold || row.bold || line.cells.len() < 2 {
        return false;
    }
    let in_columns = line
        .cells
        .iter()
        .filter(|c| column_cell(row, c.x0).is_some())
        .count();
    in_columns >= 2
}

/// Returns whether every cell of `line` starts in one of `row`'s columns.
fn in_columns(line: &Line, row: &Line) -> bool {
    !line.cells.is_empty() && line.cells.iter().all(|c| column_cell(row, c.x0).is_some())
}

/// Appends a piece of an owner unit wrapped in its cell: a unit too wide for
/// the column is cut with a hyphen ("KOM-" over "P"), which is not part of
/// it; "SHA/" over "KTA" joins as printed, and words join with a space.
fn join_unit(acc: &mut String, next: &str) {
    let next = next.trim();
    let piece = acc.trim_end().strip_suffix(['-', '–']);
    match piece {
        Some(cut) if is_unit(cut) && is_unit(next) && !next.contains(' ') => {
            acc.truncate(cut.len());
            acc.push_str(next);
        }
        _ if acc.ends_with('/') => acc.push_str(next),
        _ => join_wrapped(acc, next),
    }
}

/// Reads a block laid out as a table row: code | unit | title | text, with
/// wrapped continuation rows below. Header rows printed again inside the
/// row (at a page break), and the bold lines of their wrapped cells, are
/// left out.
pub fn table_block<'a>(all: &[At<'a>], start: usize, end: usize, code: CodeLine) -> Block<'a> {
    let row = all[start].line;
    let columns = columns(all, start, end);
    // The code row's cells, with a title cell run into the text cell cut.
    let cells: Vec<Cell> = row
        .cells
        .iter()
        .flat_map(|c| split_across(c, &columns))
        .collect();
    // A unit cut with a hyphen ("KOM-") is a unit still.
    let unit_col = cells.get(1).is_some_and(|c| {
        let t = c.text.trim();
        is_unit(t.strip_suffix(['-', '–']).unwrap_or(t))
    });
    // Columns of the unit and the title, among all the row's columns.
    let unit_at = unit_col.then(|| cells.get(1).map_or(1, |c| nearest(&columns, c.x0)));
    let title_idx = if unit_col { 2 } else { 1 };
    let title_col = cells
        .get(title_idx)
        .map_or(title_idx, |c| nearest(&columns, c.x0));
    let mut texts: Vec<String> = vec![String::new(); columns.len().max(title_col + 2)];
    let mut body = Vec::new();
    let mut in_header = false;
    for (k, at) in all.iter().enumerate().take(end).skip(start) {
        let line = at.line;
        if k > start {
            // A new page may open with the header printed again, or with what
            // is left of it when the header row itself was taken for a
            // running header ("ar" under a removed "Ansv-").
            if at.pos.page != all[k - 1].pos.page {
                in_header = true;
            }
            if is_header_row(line, row) {
                in_header = true;
                continue;
            }
            // The header's wrapped cells ("ar" under "Ansv-").
            if in_header && line.bold && !row.bold && in_columns(line, row) {
                continue;
            }
            in_header = false;
        }
        if k > start && line.cells.is_empty() {
            body.push(super::piece(k, title_col + 1, line));
            continue;
        }
        for cell in line.cells.iter().flat_map(|c| split_across(c, &columns)) {
            let cell = &cell;
            let col = nearest(&columns, cell.x0);
            if col > title_col {
                body.push(Piece {
                    line: k,
                    column: col,
                    text: cell.text.clone().into(),
                });
            } else if let Some(t) = unit_at.filter(|&u| u == col).and_then(|u| texts.get_mut(u)) {
                join_unit(t, &cell.text);
            } else if let Some(t) = texts.get_mut(col) {
                join_wrapped(t, &cell.text);
            }
        }
    }
    let unit = unit_at.map(|u| {
        texts
            .get(u)
            .map_or_else(String::new, |t| normalize_space(t))
    });
    Block {
        code,
        start,
        end,
        unit,
        title: texts
            .get(title_col)
            .map_or_else(String::new, |t| normalize_space(t)),
        body: with_breaks(body),
    }
}

/// Returns the index of the column whose left edge is nearest `x`.
fn nearest(columns: &[f32], x: f32) -> usize {
    columns
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
        .map_or(0, |(c, _)| c)
}

/// Returns the left edges of a table row's columns: those of the code
/// row's cells, and those where cells of two or more lines below it start
/// (a column whose cell the code row ran into the one before).
fn columns(all: &[At<'_>], start: usize, end: usize) -> Vec<f32> {
    let mut columns: Vec<f32> = all[start].line.cells.iter().map(|c| c.x0).collect();
    let mut seen: Vec<(f32, usize)> = Vec::new();
    for at in all.iter().take(end).skip(start + 1) {
        for cell in &at.line.cells {
            if columns.iter().any(|&c| (c - cell.x0).abs() <= COLUMN_SLACK) {
                continue;
            }
            match seen
                .iter_mut()
                .find(|(x, _)| (x - cell.x0).abs() <= COLUMN_SLACK)
            {
                Some((_, n)) => *n += 1,
                None => seen.push((cell.x0, 1)),
            }
        }
    }
    columns.extend(seen.into_iter().filter(|&(_, n)| n >= 2).map(|(x, _)| x));
    columns.sort_by(f32::total_cmp);
    columns
}

/// Splits a cell that runs across the start of another column: two cells
/// whose gap was too narrow to tell them apart ("vaksinasjonsdekning i" in
/// the title column and "vaksinasjonsdekning i" in the text column read as
/// one). The cut is the space whose next word, at the cell's mean width per
/// character, starts nearest the column; none is made when no space comes
/// near it, nor in a cell that starts in the first column.
fn split_across(cell: &Cell, columns: &[f32]) -> Vec<Cell> {
    // A line from the first column across the others is no cell of the
    // table (a running title at the top of a page).
    if columns
        .first()
        .map_or(true, |&c| (cell.x0 - c).abs() <= COLUMN_SLACK)
    {
        return vec![cell.clone()];
    }
    let inside = columns
        .iter()
        .copied()
        .find(|&c| c > cell.x0 + COLUMN_SLACK && c < cell.x1 - COLUMN_SLACK);
    let Some(column) = inside else {
        return vec![cell.clone()];
    };
    let chars: Vec<(usize, char)> = cell.text.char_indices().collect();
    let per_char = (cell.x1 - cell.x0) / chars.len().max(1) as f32;
    let cut = chars
        .iter()
        .enumerate()
        .filter(|(_, (_, c))| *c == ' ')
        .map(|(i, &(byte, _))| (byte, (cell.x0 + (i + 1) as f32 * per_char - column).abs()))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    match cut {
        Some((byte, off)) if off <= MAX_CUT_OFFSET => {
            let (left, right) = cell.text.split_at(byte);
            let left = Cell {
                x0: cell.x0,
                x1: cell.x0 + left.chars().count() as f32 * per_char,
                text: left.trim().to_string(),
            };
            let right = Cell {
                x0: column,
                x1: cell.x1,
                text: right.trim().to_string(),
            };
            let mut out = vec![left];
            out.extend(split_across(&right, columns));
            out
        }
        _ => vec![cell.clone()],
    }
}

/// How far (points) from a column's start the estimated start of the word
/// after a cut may be.
const MAX_CUT_OFFSET: f32 = 12.0;

/// Returns whether a cell holds an owner unit ("FHA", "KTA/SHA").
fn is_unit(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && t.len() <= 24 && t.chars().all(|c| c.is_uppercase() || "/ ,".contains(c))
}

#[cfg(test)]
mod tests;
