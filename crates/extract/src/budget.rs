//! BudgetLine records: the rows of allocation tables (kap./post).
//!
//! A table opens at a column header that starts with "Kap." and "Post" (the
//! `budget.header` rule). Its column labels say how many amount columns there
//! are and in which order ("Samlet ramme" before "Tildeling"), and whether a
//! comment column follows. A scale note near the header ("Alle tall i hele
//! tusen") multiplies every bare number.
//!
//! Rows start with a chapter and a post ("701 21 ..."), a post alone under
//! the current chapter (" 60 ...", posts never decrease within a chapter) or
//! a chapter alone ("710 Vaksiner mv.", which only gives a record when it
//! carries an amount). A row's cells may wrap over many lines, and text
//! extraction prints a wrapped name first, then the amount and the comment:
//! the name runs until the first number (or "-"), everything after the
//! amounts is comment, up to the next row. The table ends at a numbered
//! heading, at the next table header, or, for a table without a comment
//! column, at the first paragraph after its last row.

use std::sync::OnceLock;

use oppdrag_model::{Amount, BudgetLine, Currency, Document};
use oppdrag_rules::tables::BudgetRules;
use oppdrag_rules::{normalize_space, RuleSet};
use regex::Regex;

use crate::lines::{self, Flat};
use crate::outline::Outline;
use crate::Context;
use cells::{
    after_reference, cell_bounded, ends_with_post, grouped, heading_like, name_column,
    parse_number, split_cells, wide_gap_before,
};

/// Extracts the BudgetLine records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = BudgetLine> + 'a {
    let _ = context;
    extract_lines(doc, rules, outline, &lines::DocLines::new(doc)).into_iter()
}

/// [`extract`] over the document's lines made once by the caller.
pub(crate) fn extract_lines(
    doc: &Document,
    rules: &RuleSet,
    outline: &Outline,
    doc_lines: &lines::DocLines<'_>,
) -> Vec<BudgetLine> {
    let lines = &doc_lines.all;
    let rules = &rules.tables.budget;
    // A line without the header's words opens no table (most lines).
    let may_open = doc_lines.folded.may_match(rules.header_needles.as_ref());
    let mut out = Vec::new();
    let mut i = 0;
    // Where the last table ended and its scale.
    let mut last: Option<(usize, f64)> = None;
    while i < lines.len() {
        if may_open[i] && rules.header.is_match(lines[i].text()) {
            // A table that goes on after a page break without its scale note
            // keeps the scale of the table just above it in the same section.
            let inherit = last.and_then(|(end, scale)| {
                let near = i.saturating_sub(end) <= NEAR_TABLE;
                let between = lines.get(end..i).unwrap_or_default();
                let same = !between.iter().any(|f| lines::is_heading(outline, f));
                (near && same).then_some(scale)
            });
            let (next, scale) = parse_table(doc, rules, outline, lines, i, inherit, &mut out);
            last = Some((next, scale));
            i = next;
        } else {
            i += 1;
        }
    }
    out
}

/// Which value an amount column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Amount,
    Frame,
}

/// The layout of one table, read from its header and surroundings.
struct Layout {
    columns: Vec<Column>,
    has_comment: bool,
    scale: f64,
    /// Whether a scale note was found near the header.
    scaled: bool,
    /// PDF input: the x range of the name column, from the header's cells.
    name_column: Option<(f32, f32)>,
    title: Option<String>,
}

struct Patterns {
    chapter_post: Regex,
    chapter_only: Regex,
    post_only: Regex,
    number: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        chapter_post: Regex::new(r"^\s*(\d{3,4})(?:\s+|\.)(\d{1,2})(?:\s+(.*))?$")
            .expect("constant"),
        chapter_only: Regex::new(r"^\s*(?:[Kk]ap(?:ittel|\.)?\s*)?(\d{3,4})\s+(\p{Lu}.*)$")
            .expect("constant"),
        post_only: Regex::new(r"^\s*(\d{1,2})(?:\s+([\p{Lu}(].*))?\s*$").expect("constant"),
        number: Regex::new(r"\d{1,3}(?:[ \u{a0}]{1,2}\d{3})+(?:,\d+)?|\d+(?:,\d+)?|[-–]")
            .expect("constant"),
    })
}

/// Lines between two tables within which the second one continues the first.
const NEAR_TABLE: usize = 12;

/// Reads the table whose header is at `start`; `inherit` is the scale of a
/// table it continues. Returns the index after it and its scale.
fn parse_table(
    doc: &Document,
    rules: &BudgetRules,
    outline: &Outline,
    lines: &[Flat<'_>],
    start: usize,
    inherit: Option<f64>,
    out: &mut Vec<BudgetLine>,
) -> (usize, f64) {
    let p = patterns();
    let (mut layout, body) = read_layout(rules, outline, lines, start);
    if let (false, Some(scale)) = (layout.scaled, inherit) {
        layout.scale = scale;
        layout.scaled = true;
    }
    let mut chapter: Option<u32> = None;
    // The lowest chapter a new row may have: chapters only grow within a
    // table, but a repeated header (a new page) starts the count again.
    let mut floor: Option<u32> = None;
    let mut last_post = 0u32;
    let mut row: Option<Row> = None;
    let mut blank_run = 0usize;
    let mut i = body;
    while i < lines.len() {
        let flat = lines[i];
        let text = flat.text();
        if flat.is_blank() {
            blank_run += 1;
            if let Some(r) = row.as_mut() {
                r.blank();
            }
            i += 1;
            continue;
        }
        if rules.header.is_match(text) {
            // The header repeated on a new page: the same table goes on.
            if let Some(done) = row.take() {
                done.finish(doc, &layout, out);
            }
            let (next_layout, next_body) = read_layout(rules, outline, lines, i);
            // The scale note stands above the first header only.
            let scale = if next_layout.scaled {
                next_layout.scale
            } else {
                layout.scale
            };
            layout = Layout {
                title: layout.title.take(),
                scaled: next_layout.scaled || layout.scaled,
                scale,
                ..next_layout
            };
            floor = None;
            blank_run = 0;
            i = next_body.max(i + 1);
            continue;
        }
        if rules.total_row.as_ref().is_some_and(|re| re.is_match(text)) {
            if let Some(done) = row.take() {
                done.finish(doc, &layout, out);
            }
            blank_run = 0;
            i += 1;
            continue;
        }
        let after_blank = blank_run > 0;
        blank_run = 0;
        let prev_text = lines[..i]
            .iter()
            .rev()
            .find(|f| !f.is_blank())
            .map(|f| f.text());
        let mut started = None;
        if let Some(c) = p.chapter_post.captures(text) {
            let ch = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
            let post = c.get(2).and_then(|m| m.as_str().parse::<u32>().ok());
            let rest = c.get(3).map_or("", |m| m.as_str());
            // "706  1  Driftsutgifter": a one-digit post needs its name.
            let short = c.get(2).is_some_and(|m| m.len() == 1);
            let named = rest.trim_start().starts_with(|c: char| c.is_uppercase());
            if let (Some(ch), Some(post), true) = (ch, post, !short || named) {
                if floor.map_or(true, |cur| ch >= cur) {
                    started = Some((ch, Some(post), c.get(3).map_or("", |m| m.as_str())));
                }
            }
        }
        if started.is_none() {
            if let Some(c) = p.chapter_only.captures(text) {
                let ch = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
                if let Some(ch) = ch.filter(|&ch| floor.map_or(true, |cur| ch > cur)) {
                    started = Some((ch, None, c.get(2).map_or("", |m| m.as_str())));
                }
            }
        }
        if started.is_none() {
            if let (Some(ch), Some(c)) = (chapter, p.post_only.captures(text)) {
                let post = c.get(1).and_then(|m| m.as_str().parse::<u32>().ok());
                let named = c.get(2).is_some();
                // "kan nyttes under post" + "70" on the next line: the
                // number ends the name, it opens no row.
                let wrapped = prev_text.is_some_and(|t| t.split("  ").any(ends_with_post))
                    || row.as_ref().is_some_and(|r| ends_with_post(&r.name));
                // Posts are not always printed in order: a post with its
                // name opens a row; a bare number only in ascending order.
                let opens = |post: u32| {
                    (named || (post >= last_post && !wrapped)) && !heading_like(outline, &flat)
                };
                if let Some(post) = post.filter(|&post| opens(post)) {
                    started = Some((ch, Some(post), c.get(2).map_or("", |m| m.as_str())));
                }
            }
        }
        if let Some((ch, post, rest)) = started {
            if let Some(done) = row.take() {
                done.finish(doc, &layout, out);
            }
            if chapter != Some(ch) {
                last_post = 0;
            }
            chapter = Some(ch);
            floor = Some(ch);
            if let Some(post) = post {
                last_post = post;
            }
            let mut r = Row::new(ch, post, flat);
            r.feed(rest, true, &layout, rules);
            row = Some(r);
            i += 1;
            continue;
        }
        if lines::is_heading(outline, &flat) {
            break;
        }
        // PDF input: a name that wraps below its amount is in the name
        // column; the other cells go on as usual.
        let rest;
        let mut text = text;
        if let (Some(column), Some(r)) = (layout.name_column, row.as_mut()) {
            if r.phase == Phase::Comment && !flat.line.cells.is_empty() {
                let (name, others) = split_cells(&flat.line.cells, column);
                lines::join_wrapped(&mut r.name, &name);
                rest = others;
                text = &rest;
                if text.trim().is_empty() {
                    i += 1;
                    continue;
                }
            }
        }
        match row.as_mut() {
            // A table without a comment column has nothing after its amounts:
            // a paragraph after a gap ends the table.
            Some(r) if !layout.has_comment && r.phase == Phase::Comment && after_blank => break,
            Some(r) if !layout.has_comment && r.phase == Phase::Comment => {}
            Some(r) => r.feed(text, false, &layout, rules),
            None if i > body + 8 => break,
            None => {}
        }
        i += 1;
    }
    if let Some(done) = row.take() {
        done.finish(doc, &layout, out);
    }
    (i.max(start + 1), layout.scale)
}

/// Reads column labels from the header lines and the scale note around them;
/// returns the layout and the index of the first line after the header.
fn read_layout(
    rules: &BudgetRules,
    outline: &Outline,
    lines: &[Flat<'_>],
    start: usize,
) -> (Layout, usize) {
    let p = patterns();
    let mut header = String::new();
    let mut body = start + 1;
    for (k, flat) in lines.iter().enumerate().skip(start).take(6) {
        let text = flat.text();
        if k > start
            && (p.chapter_post.is_match(text)
                || p.chapter_only.is_match(text)
                || p.post_only.is_match(text))
        {
            break;
        }
        header.push_str(text);
        header.push('\n');
        body = k + 1;
    }
    let mut found: Vec<(usize, usize, Column)> = Vec::new();
    for (set, column) in [
        (&rules.amount_columns, Column::Amount),
        (&rules.frame_columns, Column::Frame),
    ] {
        for re in set {
            for m in re.find_iter(&header) {
                found.push((m.start(), m.end(), column));
            }
        }
    }
    found.sort_by_key(|&(at, _, _)| at);
    let mut columns: Vec<Column> = Vec::new();
    let mut last: Option<(usize, Column)> = None;
    for (at, end, column) in found {
        // Two labels of one column ("Bevilgning (tildeling)") count once; the
        // same label twice with a year between ("Tildeling 2024 Tildeling
        // 2025") is two columns, and the last one is the allocation.
        let same = last.is_some_and(|(prev_end, col)| {
            col == column
                && header
                    .get(prev_end..at)
                    .is_some_and(|gap| gap.trim_matches([' ', '/', '(', ')', '\n']).is_empty())
        });
        if !same {
            columns.push(column);
        }
        last = Some((end.max(at), column));
    }
    if !columns.contains(&Column::Amount) {
        columns.insert(0, Column::Amount);
    }
    let has_comment = rules.comment_columns.iter().any(|re| re.is_match(&header));
    // The nearest note above the header or inside its lines: a note below the
    // table body belongs to the next table.
    let from = start.saturating_sub(rules.scale_window);
    let note = lines
        .get(from..body)
        .unwrap_or_default()
        .iter()
        .rev()
        .find_map(|f| rules.scales.iter().find(|s| s.pattern.is_match(f.text())));
    let scale = note.map_or(1.0, |s| s.factor);
    let title = lines::heading_before(outline, lines, start);
    (
        Layout {
            columns,
            has_comment,
            scale,
            scaled: note.is_some(),
            name_column: name_column(rules, &lines[start]),
            title,
        },
        body,
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Name,
    Comment,
}

/// One table row being read.
struct Row<'a> {
    chapter: u32,
    post: Option<u32>,
    first: Flat<'a>,
    name: String,
    amounts: Vec<Option<Amount>>,
    comment: String,
    phase: Phase,
    blank_in_name: bool,
    /// Whether the amount just read may go on in the next line ("842 600"
    /// over "000" in a narrow column of whole kroner).
    wrap_open: bool,
}

impl<'a> Row<'a> {
    fn new(chapter: u32, post: Option<u32>, first: Flat<'a>) -> Row<'a> {
        Row {
            chapter,
            post,
            first,
            name: String::new(),
            amounts: Vec::new(),
            comment: String::new(),
            phase: Phase::Name,
            blank_in_name: false,
            wrap_open: false,
        }
    }

    fn blank(&mut self) {
        if self.phase == Phase::Name && !self.name.is_empty() {
            self.blank_in_name = true;
        }
    }

    /// Reads one line (or the rest of the row's first line) into the row.
    fn feed(&mut self, text: &str, first: bool, layout: &Layout, rules: &BudgetRules) {
        let wrap_open = std::mem::take(&mut self.wrap_open);
        if self.phase == Phase::Comment {
            if wrap_open {
                if let Some((at, end)) = self.amount_tail(text) {
                    // Name cell before the tail, comment cell after it.
                    lines::join_wrapped(&mut self.name, &text[..at]);
                    lines::join_wrapped(&mut self.comment, &text[end..]);
                    return;
                }
            }
            lines::join_wrapped(&mut self.comment, text);
            return;
        }
        let trimmed = text.trim();
        let starts_upper = trimmed.chars().next().is_some_and(char::is_uppercase);
        if !first && self.blank_in_name && starts_upper {
            // A capitalised paragraph after a gap in the name is the comment
            // of a row printed without an amount.
            self.phase = Phase::Comment;
            lines::join_wrapped(&mut self.comment, text);
            return;
        }
        match self.read_amounts(text, layout, rules) {
            Some(at) => {
                self.wrap_open = layout.scale == 1.0
                    && self
                        .amounts
                        .last()
                        .and_then(Option::as_ref)
                        .is_some_and(|a| grouped(&a.raw));
                lines::join_wrapped(&mut self.name, &text[..at.0]);
                self.phase = Phase::Comment;
                lines::join_wrapped(&mut self.comment, &text[at.1..]);
            }
            None => lines::join_wrapped(&mut self.name, text),
        }
    }

    /// The last three digits of the amount above, wrapped to this line as a
    /// cell of their own ("000" alone, or after a cell gap): appends them to
    /// the amount and returns where they stand.
    fn amount_tail(&mut self, text: &str) -> Option<(usize, usize)> {
        let start = text.find(|c: char| c.is_ascii_digit())?;
        let end = start + 3;
        let tail = text.get(start..end)?;
        let own_cell = text[..start].trim().is_empty() || text[..start].ends_with("  ");
        let bounded = text[end..].chars().next().map_or(true, char::is_whitespace);
        if !(own_cell && bounded && tail.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        let amount = self.amounts.last_mut()?.as_mut()?;
        let raw = format!("{} {tail}", amount.raw);
        amount.value = parse_number(&raw)?;
        amount.raw = raw;
        Some((start, end))
    }

    /// Finds the amount cells in `text`; returns where they start and end.
    fn read_amounts(
        &mut self,
        text: &str,
        layout: &Layout,
        rules: &BudgetRules,
    ) -> Option<(usize, usize)> {
        let p = patterns();
        let mut begin = None;
        let mut end = 0;
        let mut at = 0;
        while self.amounts.len() < layout.columns.len() {
            let Some(m) = p.number.find_at(text, at) else {
                break;
            };
            at = m.end();
            // "kan nyttes under post" + "70" at the start of the next line.
            let wrapped_reference = begin.is_none()
                && text[..m.start()].trim().is_empty()
                && ends_with_post(&self.name);
            if wrapped_reference
                || (after_reference(&text[..m.start()]) && !wide_gap_before(text, m.start()))
            {
                // "under post 70  800": the reference takes one number only.
                let digits = m
                    .as_str()
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(m.len());
                at = m.start() + digits.max(1);
                if begin.is_some() {
                    break;
                }
                continue;
            }
            if !cell_bounded(text, m.start(), m.end()) {
                if begin.is_some() {
                    break;
                }
                continue;
            }
            if begin.is_some() && !text[end..m.start()].trim().is_empty() {
                break;
            }
            let raw = normalize_space(m.as_str());
            let rest = text[m.end()..].trim_start();
            let unit = rules
                .units
                .iter()
                .find_map(|u| u.pattern.find(rest).map(|f| (u, f)));
            if raw == "-" || raw == "–" {
                // A dash is an empty amount cell only where it opens the line;
                // inside a name it is punctuation ("Driftsutgifter – kontroll...").
                let after = &text[m.end()..];
                let cell_gap = (after.starts_with("  ") && !after.trim().is_empty())
                    || (wide_gap_before(text, m.start())
                        && (after.trim().is_empty() || after.starts_with(' ')));
                if begin.is_none() && !text[..m.start()].trim().is_empty() && !cell_gap {
                    continue;
                }
                self.amounts.push(None);
            } else if let Some((unit, found)) = unit {
                if layout.has_comment {
                    // "1 mill. kr er satt av ...": a sum in the comment column.
                    if begin.is_none() {
                        return Some((m.start(), m.start()));
                    }
                    break;
                }
                let value = parse_number(&raw)? * unit.factor;
                let unit_text = found.as_str().trim_end();
                let full = format!("{raw} {}", normalize_space(unit_text));
                self.amounts
                    .push(Some(Amount::new(value, Currency::Nok, full)));
                at = text.len() - rest.len() + unit_text.len();
            } else {
                let value = parse_number(&raw)? * layout.scale;
                self.amounts
                    .push(Some(Amount::new(value, Currency::Nok, raw)));
            }
            begin.get_or_insert(m.start());
            end = at;
        }
        begin.map(|b| (b, end))
    }

    fn finish(self, doc: &Document, layout: &Layout, out: &mut Vec<BudgetLine>) {
        let mut amount = None;
        let mut frame = None;
        for (column, value) in layout.columns.iter().zip(self.amounts) {
            match column {
                Column::Amount => amount = value,
                Column::Frame => frame = value,
            }
        }
        if self.post.is_none() && amount.is_none() {
            return;
        }
        let text_or_none = |s: String| {
            let s = s.trim().to_string();
            (!s.is_empty()).then_some(s)
        };
        out.push(BudgetLine {
            doc: doc.name.clone(),
            page: self.first.page(doc),
            chapter: self.chapter,
            post: self.post,
            name: text_or_none(self.name),
            amount,
            comment: text_or_none(self.comment),
            table: layout.title.clone(),
            frame,
            line: self.first.record_line(),
        });
    }
}

mod cells;
#[cfg(test)]
mod tests;
