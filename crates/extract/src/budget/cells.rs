//! Line and cell tests of the allocation-table reader: which numbers are
//! amounts, which lines continue a name, and the name column of PDF rows.

use oppdrag_rules::tables::BudgetRules;

use crate::lines::{self, Flat};
use crate::outline::Outline;

/// The x range of the name column: from the first header cell that is not
/// "Kap."/"Post" to the first amount label. `None` without cells.
pub(super) fn name_column(rules: &BudgetRules, header: &Flat<'_>) -> Option<(f32, f32)> {
    let cells = &header.line.cells;
    let left = cells.iter().find(|c| {
        let t = c.text.trim().to_lowercase();
        t.chars().any(char::is_alphabetic) && !t.starts_with("kap") && !t.starts_with("post")
    })?;
    let right = cells.iter().find(|c| {
        c.x0 > left.x0
            && rules
                .amount_columns
                .iter()
                .chain(&rules.frame_columns)
                .any(|re| re.is_match(&c.text))
    })?;
    Some((left.x0, right.x0))
}

/// Splits a line's cells into the text of those inside the name column and
/// the others, joined with cell gaps.
pub(super) fn split_cells(
    cells: &[oppdrag_model::Cell],
    (left, right): (f32, f32),
) -> (String, String) {
    const SLACK: f32 = 4.0;
    let mut name = String::new();
    let mut others: Vec<&str> = Vec::new();
    for c in cells {
        if c.x0 >= left - SLACK && c.x1 <= right - SLACK {
            lines::join_wrapped(&mut name, &c.text);
        } else {
            others.push(&c.text);
        }
    }
    (name, others.join("  "))
}

/// Whether a post-only line is a numbered heading that ends the table ("5
/// Styringsdialog"): not a row with an amount, and no cell gap after the number.
pub(super) fn heading_like(outline: &Outline, flat: &Flat<'_>) -> bool {
    let text = flat.text();
    let t = text.trim_start();
    let cell_gap = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .starts_with("  ");
    !has_amount(text)
        && !cell_gap
        && (lines::is_heading(outline, flat) || lines::looks_like_heading(text))
}

/// Whether a digit follows the line's leading number: a row with an amount
/// cell, never a numbered heading ("5 Styringsdialog").
pub(super) fn has_amount(text: &str) -> bool {
    let t = text.trim_start();
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.contains(|c: char| c.is_ascii_digit())
}

/// Whether a name that ends in "post"/"poster" wraps its post number to the next line.
pub(super) fn ends_with_post(text: &str) -> bool {
    let last = text
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    last.eq_ignore_ascii_case("post") || last.eq_ignore_ascii_case("poster")
}

/// Whether a cell gap (two or more spaces) stands right before `at`: the
/// number is an amount cell, not the object of the word before the gap.
pub(super) fn wide_gap_before(text: &str, at: usize) -> bool {
    text[..at].ends_with("  ") || text[..at].ends_with('\t')
}

/// Whether the match at `start..end` stands alone between spaces.
pub(super) fn cell_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    before.map_or(true, char::is_whitespace)
        && after.map_or(true, |c| c.is_whitespace() || c == '*')
}

/// Whether the text before a number makes it a reference ("under post 70",
/// "kap. 740", "§ 5"), not an amount.
pub(super) fn after_reference(before: &str) -> bool {
    let word = before
        .trim_end()
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        word.as_str(),
        "post" | "poster" | "kap." | "kap" | "kapittel" | "§" | "nr." | "pkt." | "punkt" | "år"
    )
}

/// Whether `raw` is a number printed in groups of three ("842 600").
pub(super) fn grouped(raw: &str) -> bool {
    let mut groups = raw.split([' ', '\u{a0}']);
    let head = groups.next().unwrap_or("");
    let mut rest = groups.peekable();
    rest.peek().is_some()
        && (1..=3).contains(&head.len())
        && rest.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Parses "4 187 644" or "12,5" into a number.
pub(super) fn parse_number(raw: &str) -> Option<f64> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    digits.parse().ok()
}
