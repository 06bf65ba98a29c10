//! Line-level helpers shared by the table, calendar, mandate and document
//! extractors: a flat view of a document's lines, whitespace and hyphenation
//! clean-up, and a fallback numbered-heading test.

use oppdrag_model::{Document, Line};

use crate::outline::{Outline, Pos};
use oppdrag_rules::{normalize_space, Needles};

/// One line of a document with its position, in reading order.
#[derive(Clone, Copy, Debug)]
pub struct Flat<'a> {
    /// Where the line stands.
    pub pos: Pos,
    /// The line itself.
    pub line: &'a Line,
}

impl<'a> Flat<'a> {
    /// Returns the line's text.
    pub fn text(&self) -> &'a str {
        &self.line.text
    }

    /// Returns whether the line holds nothing but whitespace.
    pub fn is_blank(&self) -> bool {
        self.line.text.trim().is_empty()
    }

    /// Returns the 1-based page for PDF input, `None` for text input.
    pub fn page(&self, doc: &Document) -> Option<u32> {
        doc.page_count()
            .map(|_| doc.pages.get(self.pos.page).map_or(1, |p| p.number))
    }

    /// Returns the record `line`: the source line for text input, the 1-based
    /// line index on the page for PDF input.
    pub fn record_line(&self) -> Option<u32> {
        if self.line.source_line > 0 {
            Some(self.line.source_line)
        } else {
            u32::try_from(self.pos.line + 1).ok()
        }
    }
}

/// Returns every line of `doc` in reading order with its position.
pub fn flatten(doc: &Document) -> Vec<Flat<'_>> {
    // At its final size: a long letter's lines are thousands, and each
    // doubling of the vector copies it whole.
    let mut out = Vec::with_capacity(doc.pages.iter().map(|p| p.lines.len()).sum());
    for (p, page) in doc.pages.iter().enumerate() {
        for (l, line) in page.lines.iter().enumerate() {
            out.push(Flat {
                pos: Pos { page: p, line: l },
                line,
            });
        }
    }
    out
}

/// A document's lines in reading order with their joined, folded text:
/// made once per document for the line-level extractors.
pub struct DocLines<'a> {
    /// Every line with its position.
    pub all: Vec<Flat<'a>>,
    /// The lines joined and folded, for [`Needles`] tests.
    pub folded: FoldedLines,
}

impl<'a> DocLines<'a> {
    /// Flattens and folds the lines of `doc`.
    pub fn new(doc: &'a Document) -> DocLines<'a> {
        let all = flatten(doc);
        let folded = FoldedLines::new(&all);
        DocLines { all, folded }
    }
}

/// Which lines may match a regex with [`Needles`], from one search of all
/// lines joined and folded (a literal search needs a long text to pay off;
/// one regex call per line costs hundreds of instructions before it reads
/// a byte).
pub struct FoldedLines {
    /// The lines' texts joined by `\n`, folded by `str::to_ascii_lowercase`.
    text: String,
    /// Each line's byte range in `text`.
    ranges: Vec<std::ops::Range<usize>>,
}

impl FoldedLines {
    /// Joins and folds `lines`.
    pub fn new(lines: &[Flat<'_>]) -> FoldedLines {
        let mut text = String::with_capacity(lines.iter().map(|f| f.text().len() + 1).sum());
        let mut ranges = Vec::with_capacity(lines.len());
        for f in lines {
            let start = text.len();
            text.push_str(f.text());
            ranges.push(start..text.len());
            text.push('\n');
        }
        text.make_ascii_lowercase();
        FoldedLines { text, ranges }
    }

    /// For each line, whether the regex with `needles` may match in it: a
    /// line that holds none of them cannot match (see [`Needles`]); all
    /// lines may when the regex has no needles.
    pub fn may_match(&self, needles: Option<&Needles>) -> Vec<bool> {
        match needles {
            Some(n) => n.ranges_may_match(&self.text, &self.ranges),
            None => vec![true; self.ranges.len()],
        }
    }
}

/// Words after a line-final hyphen that mean the hyphen is a shared-suffix
/// dash ("Helse- og omsorgsdepartementet"), not a broken word.
const CONJUNCTIONS: &[&str] = &["og", "eller", "til", "samt", "and", "or"];

/// Appends `next` to `acc` as the continuation of a wrapped line: one space
/// between words, a line-break hyphen removed ("sporings-" + "system" →
/// "sporingssystem"), kept before a capital ("Nord-" + "Trøndelag") and kept
/// with a space before a conjunction ("Helse-" + "og").
pub fn join_wrapped(acc: &mut String, next: &str) {
    // Most lines are squashed already but for spaces at either end (an
    // indent): no copy for them. Trimming removes no word, so a trimmed line
    // that is squashed is the squashed line.
    let trimmed = next.trim();
    let next: std::borrow::Cow<'_, str> = if crate::text::is_squashed(trimmed) {
        trimmed.into()
    } else {
        normalize_space(next).into()
    };
    if next.is_empty() {
        return;
    }
    let trimmed_len = acc.trim_end().len();
    acc.truncate(trimmed_len);
    if acc.is_empty() {
        acc.push_str(&next);
        return;
    }
    let before_hyphen = acc.strip_suffix('-').and_then(|s| s.chars().last());
    if before_hyphen.is_some_and(char::is_alphabetic) {
        let first_word = next.split(' ').next().unwrap_or("");
        let first_char = next.chars().next();
        if CONJUNCTIONS.contains(&first_word.to_lowercase().as_str()) {
            acc.push(' ');
        } else if first_char.is_some_and(char::is_lowercase) {
            acc.pop();
        }
        acc.push_str(&next);
        return;
    }
    acc.push(' ');
    acc.push_str(&next);
}

/// Returns whether `text` looks like a numbered heading ("5.1 Budsjettildelinger",
/// " 6 Styringsdialog"): a number of at most two digits per level, then a capital.
pub fn looks_like_heading(text: &str) -> bool {
    let t = text.trim_start();
    let mut chars = t.char_indices().peekable();
    let mut digits = 0usize;
    let mut levels = 0usize;
    while let Some(&(_, c)) = chars.peek() {
        if c.is_ascii_digit() {
            digits += 1;
            if digits > 2 {
                return false;
            }
            chars.next();
        } else if c == '.' && digits > 0 {
            levels += 1;
            digits = 0;
            chars.next();
        } else {
            break;
        }
    }
    if levels == 0 && digits != 1 {
        // "6 Styringsdialog", but not "21 Spesielle driftsutgifter" (a post row).
        return false;
    }
    let rest: &str = match chars.peek() {
        Some(&(i, _)) => &t[i..],
        None => return false,
    };
    if !rest.starts_with(' ') {
        return false;
    }
    let rest = rest.trim();
    let words = rest.split_whitespace().count();
    rest.chars().next().is_some_and(char::is_uppercase) && words <= 12 && !rest.ends_with(',')
}

/// Returns whether the line at `pos` is a heading, by the outline when it
/// has headings, else by [`looks_like_heading`].
pub fn is_heading(outline: &Outline, flat: &Flat<'_>) -> bool {
    if outline.headings.is_empty() {
        looks_like_heading(flat.text())
    } else {
        outline.headings.iter().any(|h| h.pos == flat.pos)
    }
}

/// Returns the text of the nearest heading at or before `index` in `lines`,
/// squashed, by the outline when it has headings.
pub fn heading_before(outline: &Outline, lines: &[Flat<'_>], index: usize) -> Option<String> {
    let pos = lines.get(index)?.pos;
    if !outline.headings.is_empty() {
        return outline
            .headings
            .iter()
            .take_while(|h| h.pos <= pos)
            .last()
            .map(|h| normalize_space(&h.text));
    }
    lines[..=index]
        .iter()
        .rev()
        .find(|f| looks_like_heading(f.text()))
        .map(|f| normalize_space(f.text()))
}

/// The years a letter's text can name: 1990 to 2099.
pub(crate) const YEARS: std::ops::Range<i32> = 1990..2100;

/// A four-digit year from 1990 to 2099 standing alone in `text`.
pub(crate) fn year_in(text: &str) -> Option<i32> {
    years(text).next()
}

/// The years (1990-2099) written as a run of exactly four digits.
pub(crate) fn years(text: &str) -> impl Iterator<Item = i32> + '_ {
    // Runs of ASCII digits, by bytes (no byte of a non-ASCII character is
    // one), in one pass.
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            // Skip to the next digit, 16 bytes at a time while a block holds
            // none (a test the compiler vectorises).
            while let Some(block) = bytes.get(i..i + 16) {
                if block.iter().fold(false, |a, b| a | b.is_ascii_digit()) {
                    break;
                }
                i += 16;
            }
            while bytes.get(i).is_some_and(|b| !b.is_ascii_digit()) {
                i += 1;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                i += 1;
                continue;
            }
            if i - start == 4 {
                let year = bytes[start..i]
                    .iter()
                    .fold(0, |n, d| n * 10 + i32::from(d - b'0'));
                if YEARS.contains(&year) {
                    return Some(year);
                }
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_wrapped_lines_like_a_reader() {
        let mut s = String::from("sporings-");
        join_wrapped(&mut s, "system og ");
        assert_eq!(s, "sporingssystem og");
        let mut s = String::from("fra Helse- ");
        join_wrapped(&mut s, "og omsorgsdepartementet");
        assert_eq!(s, "fra Helse- og omsorgsdepartementet");
        let mut s = String::from("Nord-");
        join_wrapped(&mut s, "Trøndelag.");
        assert_eq!(s, "Nord-Trøndelag.");
        let mut s = String::from("a  b ");
        join_wrapped(&mut s, "  c");
        assert_eq!(s, "a  b c");
    }

    #[test]
    fn numbered_headings_are_told_from_table_rows() {
        assert!(looks_like_heading("5.1 Budsjettildelinger "));
        assert!(looks_like_heading(" 6 Styringsdialog"));
        assert!(looks_like_heading("4. Ansvar og oppgaver"));
        assert!(!looks_like_heading("710  Vaksiner mv."));
        assert!(!looks_like_heading("21 Spesielle driftsutgifter, "));
        assert!(!looks_like_heading("10 mill. kr til utvikling"));
        assert!(!looks_like_heading("2024"));
    }

    #[test]
    fn years_are_runs_of_exactly_four_digits_in_range() {
        let found: Vec<i32> =
            years("Prop. 1 S (2024–2025), 12345, 1989, kap. 2100, år 2099.2030 og 2026å").collect();
        assert_eq!(found, [2024, 2025, 2099, 2030, 2026]);
        assert_eq!(years("").count(), 0);
        assert_eq!(years("ø2024").collect::<Vec<_>>(), [2024]);
    }
}
