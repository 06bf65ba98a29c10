//! The numbered heading tree of a document ("2.1.2 Oppdrag").
//!
//! A line is a heading when the heading rules accept its shape (see
//! `rules/headings.toml`) *and* its number continues the sequence so far: after
//! "2.1.2" come "2.1.3", "2.1.2.1", "2.2" or "3" (one skipped number is
//! allowed), and "1" restarts the sequence (an appendix). This keeps out list
//! items ("1. God helse ..."), numbered paragraphs of a fullmakt list and
//! table rows that start with a number; a line of three or more cells is a
//! table row whatever its number.

use oppdrag_model::Document;
use oppdrag_rules::RuleSet;

/// A position in a document: 0-based page index and 0-based line index on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 0-based index into `Document::pages`.
    pub page: usize,
    /// 0-based index into `Page::lines`.
    pub line: usize,
}

/// One numbered heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// Where the heading line stands.
    pub pos: Pos,
    /// The number as printed, e.g. "2.1.2".
    pub number: String,
    /// Nesting depth: 1 for "2", 2 for "2.1", ...
    pub level: usize,
    /// The whole heading as printed, e.g. "2.1.2 Oppdrag".
    pub text: String,
}

/// The heading tree of one document, in document order.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// Every heading, in document order.
    pub headings: Vec<Heading>,
}

/// Largest step allowed between sibling numbers ("4.2.1" → "4.2.3").
const MAX_STEP: u32 = 2;
/// Fewest cells of a line that is a table row and not a heading; a heading
/// may print its number apart from its title ("2.1" | "Oppdrag").
const TABLE_ROW_CELLS: usize = 3;

impl Outline {
    /// Finds the numbered headings of `doc`.
    pub fn build(doc: &Document, rules: &RuleSet) -> Outline {
        let mut headings: Vec<Heading> = Vec::new();
        let mut current: Vec<u32> = Vec::new();
        for (p, page) in doc.pages.iter().enumerate() {
            let lines = &page.lines;
            for (l, line) in lines.iter().enumerate() {
                let first = line.text.trim_start().as_bytes().first().copied();
                if !first.is_some_and(|b| b.is_ascii_digit()) {
                    continue;
                }
                // A line of three or more cells is a table row, even when its
                // first cell is a number ("1 | P | nasjonal statistikk": the
                // wrapped ends of a row's code, unit and title cells).
                if line.cells.len() >= TABLE_ROW_CELLS {
                    continue;
                }
                let Some(h) = rules.headings.heading(&line.text) else {
                    continue;
                };
                if !follows(&current, &h.number) {
                    continue;
                }
                let mut title = oppdrag_rules::normalize_space(&h.title);
                if let Some(next) = lines.get(l + 1) {
                    if continues_heading(&title, &next.text) {
                        title.push(' ');
                        title.push_str(&oppdrag_rules::normalize_space(&next.text));
                    }
                }
                current = h.number.clone();
                headings.push(Heading {
                    pos: Pos { page: p, line: l },
                    level: h.number.len(),
                    text: format!("{} {}", h.printed, title),
                    number: h.printed,
                });
            }
        }
        Outline { headings }
    }

    /// Returns the heading path (outermost first) in force at `pos`.
    pub fn path_at(&self, pos: Pos) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        for heading in self.headings.iter().take_while(|h| h.pos <= pos) {
            path.retain(|h| h.level < heading.level);
            path.push(heading);
        }
        path
    }

    /// Returns the index of the first heading after `pos`, if any.
    pub fn next_after(&self, pos: Pos) -> Option<&Heading> {
        let i = self.headings.partition_point(|h| h.pos <= pos);
        self.headings.get(i)
    }
}

/// Returns whether `next` may follow the heading number `current`.
fn follows(current: &[u32], next: &[u32]) -> bool {
    if next == [1] {
        return true;
    }
    if current.is_empty() {
        return next[0] <= 3 && next[1..].iter().all(|&n| n == 1);
    }
    let k = next.len();
    if k > current.len() + 1 || k == 0 {
        return false;
    }
    if next[..k - 1] != current[..k - 1] {
        return false;
    }
    let last = next[k - 1];
    let base = current.get(k - 1).copied().unwrap_or(0);
    last > base && last <= base + MAX_STEP
}

/// Returns whether line `next` continues a heading title that wrapped.
fn continues_heading(title: &str, next: &str) -> bool {
    let next = next.trim();
    let unfinished = title.ends_with(',') || title.ends_with('-') || title.ends_with('–');
    unfinished && next.chars().next().is_some_and(char::is_lowercase) && next.len() < 100
}

#[cfg(test)]
mod tests {
    use oppdrag_model::{Cell, Document, Line, Page, SourceKind};
    use oppdrag_rules::RuleSet;

    use super::{follows, Outline};

    fn cells(texts: &[&str]) -> Line {
        let cells: Vec<Cell> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                x0: 60.0 + 100.0 * i as f32,
                x1: 90.0 + 100.0 * i as f32,
                text: (*t).into(),
            })
            .collect();
        Line {
            text: texts.join("  "),
            cells,
            ..Line::default()
        }
    }

    #[test]
    fn table_rows_that_start_with_a_number_are_not_headings() {
        let lines = vec![
            cells(&["2 Mål og oppdrag"]),
            cells(&["RTB2027-1-", "KOM-", "Nasjonal plan for"]),
            // The wrapped ends of the row's code, unit and title.
            cells(&["1", "P", "Nasjonal statistikk"]),
            // A heading whose number stands apart from its title.
            cells(&["3", "Føringer"]),
        ];
        let doc = Document {
            name: "t.pdf".into(),
            source: SourceKind::Pdf,
            pages: vec![Page {
                number: 1,
                lines,
                ..Page::default()
            }],
            unreadable_pages: Vec::new(),
        };
        let outline = Outline::build(&doc, &RuleSet::bundled());
        let numbers: Vec<&str> = outline.headings.iter().map(|h| h.number.as_str()).collect();
        assert_eq!(numbers, ["2", "3"]);
    }

    #[test]
    fn sequence() {
        assert!(follows(&[], &[1]));
        assert!(follows(&[2, 1, 2], &[2, 2]));
        assert!(follows(&[2, 1, 2], &[3]));
        assert!(follows(&[2, 1], &[2, 1, 1]));
        assert!(follows(&[4, 2, 1], &[4, 2, 3]));
        assert!(!follows(&[5, 3, 2], &[2, 1]));
        assert!(!follows(&[5, 1], &[21]));
        assert!(follows(&[6, 2], &[1]));
    }
}
