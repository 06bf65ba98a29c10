//! Assignment blocks: a code line ("TB2024-07 Avd.HOD: FHA Title") through to
//! the next code line, numbered heading or carry-over list.
//!
//! A block knows its code, owner unit, title (wrapped heading lines joined,
//! de-hyphenated) and the lines of its body. Code lines inside a carry-over
//! list ("Tidligere gitte oppdrag som ikke er ferdigstilt") are not blocks;
//! where a document tags its code lines ("Avd.HOD:"), untagged lines that
//! start with a code are references, not blocks. Table layouts, where code,
//! unit, title and text are cells of one row that wrap, are read by column
//! (see the `table` module: codes wrapped inside their cell, header rows repeated at
//! page breaks).

use std::borrow::Cow;

use oppdrag_model::{Document, Line};
use oppdrag_rules::{normalize_space, CodeLine, RuleSet};

use crate::lines::join_wrapped;
use crate::outline::{Outline, Pos};

mod para;
mod table;

/// Returns the text of `line` as one body piece in `column`.
fn piece(k: usize, column: usize, line: &Line) -> para::Piece<'_> {
    para::Piece {
        line: k,
        column,
        text: Cow::Borrowed(&line.text),
    }
}

/// One line of the document with its position.
#[derive(Clone, Copy, Debug)]
pub struct At<'a> {
    /// Where the line stands.
    pub pos: Pos,
    /// The line.
    pub line: &'a Line,
}

/// Returns every line of `doc` in reading order with its position.
pub fn lines(doc: &Document) -> Vec<At<'_>> {
    // At its final size: a long letter's lines are thousands, and each
    // doubling of the vector copies it whole.
    let mut out = Vec::with_capacity(doc.pages.iter().map(|p| p.lines.len()).sum());
    for (p, page) in doc.pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            out.push(At {
                pos: Pos { page: p, line: l },
                line,
            });
        }
    }
    out
}

/// An assignment block.
#[derive(Clone, Debug)]
pub struct Block<'a> {
    /// The code line as read.
    pub code: CodeLine,
    /// Index (into [`lines`]) of the code line.
    pub start: usize,
    /// Index one past the block's last line.
    pub end: usize,
    /// Owner unit, from the code line or the line after it.
    pub unit: Option<String>,
    /// The title, joined and de-hyphenated.
    pub title: String,
    /// Body text pieces in order: (line index, text of the line's body
    /// part), borrowed from the document where a piece is a whole line.
    pub body: Vec<(usize, Cow<'a, str>)>,
}

/// Finds the assignment blocks of a document.
pub fn find<'a>(all: &[At<'a>], rules: &RuleSet, outline: &Outline) -> Vec<Block<'a>> {
    // Sorted, for a binary search per line (hashing a position costs more).
    let mut heading_at: Vec<Pos> = outline.headings.iter().map(|h| h.pos).collect();
    heading_at.sort_unstable();
    // Pass 1: code lines and carry-over regions.
    let mut codes: Vec<(usize, CodeLine, bool, bool)> = Vec::new();
    let mut stops: Vec<usize> = Vec::new();
    let mut in_carry_over = false;
    for (i, at) in all.iter().enumerate() {
        let text = &at.line.text;
        if heading_at.binary_search(&at.pos).is_ok() {
            in_carry_over = false;
            stops.push(i);
            continue;
        }
        if rules.codes.is_carry_over_heading(text) {
            in_carry_over = true;
            stops.push(i);
            continue;
        }
        // A table row whose code wraps inside its cell ("RTB2021-0-" / "1").
        if let Some(code) = table::wrapped_code(all, i, rules) {
            codes.push((i, code, in_carry_over, true));
        } else if let Some(code) = rules.codes.code_line(text) {
            codes.push((i, code, in_carry_over, false));
        }
    }
    // Where a document tags its code lines, an untagged line that starts
    // with a code is a reference in running text.
    let tagged_style = codes.iter().any(|(_, c, carried, _)| c.tagged && !carried);
    // At most one start per code line, one block per start: each vector
    // made at its greatest size (their items are large, and a long letter
    // has hundreds).
    let mut starts: Vec<(usize, CodeLine, bool)> = Vec::with_capacity(codes.len());
    for (i, code, carried, wrapped) in codes {
        let cells = &all[i].line.cells;
        let table_row = !code.tagged
            && cells.len() >= 3
            && (wrapped
                || rules.codes.normalize_code(&cells[0].text).as_deref()
                    == Some(code.code.as_str()));
        let heading = if tagged_style {
            code.tagged || table_row
        } else {
            table_row || !code.rest.is_empty() || code.unit.is_some()
        };
        if heading || carried {
            stops.push(i);
        }
        if heading && !carried {
            starts.push((i, code, table_row));
        }
    }
    stops.sort_unstable();
    // A code's first start opens its block; the codes borrowed, the set at
    // its greatest size.
    let first: Vec<bool> = {
        let mut seen = std::collections::HashSet::with_capacity(starts.len());
        starts
            .iter()
            .map(|(_, code, _)| seen.insert(code.code.as_str()))
            .collect()
    };
    let mut blocks = Vec::with_capacity(starts.len());
    for ((i, code, table_row), first) in starts.into_iter().zip(first) {
        if !first {
            continue;
        }
        let end = stops
            .get(stops.partition_point(|&s| s <= i))
            .copied()
            .unwrap_or(all.len());
        blocks.push(if table_row {
            table::table_block(all, i, end, code)
        } else {
            text_block(all, rules, i, end, code)
        });
    }
    blocks
}

/// Reads a block laid out as running text.
fn text_block<'a>(
    all: &[At<'a>],
    rules: &RuleSet,
    start: usize,
    end: usize,
    code: CodeLine,
) -> Block<'a> {
    let mut unit = code.unit.clone();
    let mut title = code.rest.clone();
    let mut i = start + 1;
    let skip_blank = |mut i: usize| {
        while i < end && all[i].line.text.trim().is_empty() {
            i += 1;
        }
        i
    };
    if code.tagged && unit.is_none() {
        let j = skip_blank(i);
        if j < end {
            if let Some((u, rest)) = rules.codes.unit_line(&all[j].line.text) {
                unit = Some(u);
                if !rest.is_empty() {
                    title = rest;
                }
                i = j + 1;
            }
        }
    }
    // A unit that wraps: "SHA og" / "KTA (pkt. 1)".
    if let Some(u) = &unit {
        if title.is_empty() || CONNECTORS.contains(&title.as_str()) {
            let j = skip_blank(i);
            if j < end {
                let joined = format!("{u} {title} {}", all[j].line.text.trim());
                if let Some((u2, rest)) = rules.codes.unit_line(&joined) {
                    if u2.len() > u.len() + title.len() {
                        unit = Some(u2);
                        title = rest;
                        i = j + 1;
                    }
                }
            }
        }
    }
    let bold = all[start].line.bold;
    loop {
        let j = skip_blank(i);
        if j >= end {
            break;
        }
        let next = all[j].line;
        if !continues_title(&title, next, bold, j > i) {
            break;
        }
        join_wrapped(&mut title, &next.text);
        i = j + 1;
    }
    let body = para::with_breaks((i..end).map(|k| piece(k, 0, all[k].line)).collect());
    Block {
        code,
        start,
        end,
        unit,
        title: normalize_space(&title),
        body,
    }
}

/// Returns whether `next` continues the title read so far.
fn continues_title(title: &str, next: &Line, code_bold: bool, after_blank: bool) -> bool {
    let t = next.text.trim();
    if t.is_empty() || t.len() > 100 {
        return false;
    }
    if code_bold && next.bold {
        return true;
    }
    if title.is_empty() {
        return !t.ends_with('.') && !is_label(t);
    }
    if title.ends_with('.') || title.ends_with(':') || is_label(t) {
        return false;
    }
    let lower = t.chars().next().is_some_and(char::is_lowercase);
    let last = title.rsplit(' ').next().unwrap_or("");
    let open = title.ends_with('-') || title.ends_with('–') || CONNECTORS.contains(&last);
    (lower || open) && !(after_blank && t.split_whitespace().count() > 12)
}

/// Words that leave a title or unit unfinished at the end of a line.
const CONNECTORS: &[&str] = &[
    "og", "med", "for", "av", "i", "til", "om", "på", "mot", "fra", "under", "over", "eller",
    "ved", "/", "–", "-",
];

/// Returns whether `t` starts with a list label ("a)", "1.", "-", "•").
pub fn is_label(t: &str) -> bool {
    label(t).is_some() || is_bullet(t)
}

/// Returns whether `t` opens with a bullet mark and a space ("- ", "• ").
pub(crate) fn is_bullet(t: &str) -> bool {
    t.starts_with(['-', '•', '–', '▪', '\u{f0b7}'])
        && t.chars().nth(1).is_some_and(char::is_whitespace)
}

/// Returns the sub-assignment label a line starts with: "a)" → "a",
/// "1." / "1)" → "1" (a slice of the line).
pub fn label(t: &str) -> Option<&str> {
    let t = t.trim_start();
    // "(2) Helsedirektoratet ...", "(b) Utrede ..."
    if let Some(rest) = t.strip_prefix('(') {
        // ASCII alphanumerics are one byte each.
        let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        let inner = rest.get(..len)?;
        let after = rest.get(len..)?;
        let ok = (inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_digit()))
            || (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_lowercase()));
        if ok && !inner.is_empty() && after.starts_with(") ") {
            return Some(inner);
        }
        return None;
    }
    let mut chars = t.char_indices();
    let (_, c0) = chars.next()?;
    if c0.is_ascii_lowercase() {
        let (_, c1) = chars.next()?;
        let (_, c2) = chars.next()?;
        return (c1 == ')' && c2.is_whitespace()).then(|| &t[..c0.len_utf8()]);
    }
    if c0.is_ascii_digit() {
        let len = t.bytes().take_while(u8::is_ascii_digit).count();
        let digits = t.get(..len)?;
        if digits.len() > 2 {
            return None;
        }
        let rest = &t[digits.len()..];
        let mut r = rest.chars();
        let punct = r.next()?;
        let space = r.next()?;
        let after = r.next()?;
        if (punct == '.' || punct == ')')
            && space.is_whitespace()
            && (after.is_uppercase() || after == '«')
        {
            return Some(digits);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels() {
        assert_eq!(label("a) Utrede ordningen"), Some("a"));
        assert_eq!(label("(2) Helsedirektoratet bes om"), Some("2"));
        assert_eq!(label("(b) Foreslå tiltak"), Some("b"));
        assert_eq!(label("3. Tjenestesamhandling: Departementet"), Some("3"));
        assert_eq!(label("(se oppdrag TB2024-03)"), None);
        assert_eq!(label("2024. Det er"), None);
        assert_eq!(label("1. mai skal"), None);
    }
}
