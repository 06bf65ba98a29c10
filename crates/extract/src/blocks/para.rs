//! Paragraph breaks in a block's body, where a list of dashes ends.
//!
//! A PDF prints the paragraphs of an assignment text (and of a table cell)
//! without blank lines between them. After a list of dashes or bullets ("-
//! Deloppdrag g) har frist 30. november."), a line that starts a sentence
//! and is no item of the list starts a new paragraph: "Leveransen skal
//! foreligge i løpet av november." is the whole assignment's, not item g's.
//! (Where a line merely ends short is no sign: real letters run one item
//! over several paragraphs.)
//!
//! A number carried over to the next line after a word that takes it
//! ("kap. 235 post" / "21. Av dette ...") is joined back, so that it is not
//! read as a list label.

use std::borrow::Cow;

use crate::blocks::is_bullet;

/// One piece of body text: the text of a line, or of one cell of it.
#[derive(Clone, Debug)]
pub struct Piece<'a> {
    /// Index (into the block's lines) of the line the piece is on.
    pub line: usize,
    /// The column the piece stands in (0 for running text).
    pub column: usize,
    /// The text (borrowed from the line where it is the line's own).
    pub text: Cow<'a, str>,
}

/// Returns the body lines of `pieces` in order, with an empty line before
/// every piece that starts a sentence after a list of dashes or bullets.
pub fn with_breaks(pieces: Vec<Piece<'_>>) -> Vec<(usize, Cow<'_, str>)> {
    let columns = pieces.iter().map(|p| p.column + 1).max().unwrap_or(0);
    // Per column: the last line written (index into `out`) and whether it
    // belongs to a bullet item.
    let mut last: Vec<Option<(usize, bool)>> = vec![None; columns];
    let mut out: Vec<(usize, Cow<'_, str>)> = Vec::with_capacity(pieces.len() + 4);
    for p in pieces {
        let t = p.text.trim();
        let Some(slot) = last.get_mut(p.column) else {
            continue;
        };
        let mut bullet = is_bullet(t);
        if let Some((o, in_bullet)) = *slot {
            let prev = out.get(o).map_or("", |(_, text)| text.as_ref());
            // "over kap. 235 post" / "21. Av dette ...": the number ends the
            // line before, it is no list label; joined, it is not read as one.
            if o + 1 == out.len() && takes_number(prev, t) {
                if let Some((_, text)) = out.get_mut(o) {
                    let text = text.to_mut();
                    text.push(' ');
                    text.push_str(t);
                }
                continue;
            }
            if in_bullet && starts_paragraph(prev, t) {
                out.push((p.line, Cow::Borrowed("")));
            } else if in_bullet && !crate::blocks::is_label(t) {
                // The wrapped rest of a bullet item.
                bullet = true;
            }
        }
        if !t.is_empty() {
            *slot = Some((out.len(), bullet));
        }
        out.push((p.line, p.text));
    }
    out
}

/// Words after which a number belongs to them ("post 21", "kap. 701",
/// "nr. 3", "§ 4"), not to a list.
const NUMBER_WORDS: &[&str] = &[
    "post", "poster", "kap.", "kap", "kapittel", "nr.", "nr", "punkt", "pkt.", "§", "side", "s.",
    "artikkel", "del", "trinn",
];

/// Returns whether `next` starts with a number that `prev`'s last word
/// takes ("... kap. 235 post" + "21. Av dette ...").
fn takes_number(prev: &str, next: &str) -> bool {
    // The last word is read only after a number (most lines start with none).
    if !next.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let last = prev.split_whitespace().next_back().unwrap_or("");
    NUMBER_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// Returns whether `t` ends a sentence.
fn ends_sentence(t: &str) -> bool {
    t.trim_end().ends_with(['.', '!', '?'])
}

/// Returns whether `next`, after `prev`, could open a paragraph: `prev` ends
/// a sentence and `next` starts one, not as a list item.
fn starts_paragraph(prev: &str, next: &str) -> bool {
    let n = next.trim_start();
    ends_sentence(prev) && n.starts_with(char::is_uppercase) && !crate::blocks::is_label(n)
}

#[cfg(test)]
mod tests {
    use super::{with_breaks, Piece};

    fn piece(line: usize, text: &str) -> Piece<'_> {
        Piece {
            line,
            column: 0,
            text: text.into(),
        }
    }

    fn texts<'a>(out: &'a [(usize, std::borrow::Cow<'_, str>)]) -> Vec<&'a str> {
        out.iter().map(|(_, t)| t.as_ref()).collect()
    }

    #[test]
    fn a_sentence_after_a_dash_list_starts_a_paragraph() {
        let out = with_breaks(vec![
            piece(0, "Frister:"),
            piece(1, "- Deloppdrag a) til c) har frist 28. februar"),
            piece(2, "2022."),
            piece(3, "- Deloppdrag d) har frist 30. november 2022."),
            piece(4, "Leveransen skal foreligge i løpet av november 2022."),
        ]);
        assert_eq!(
            texts(&out),
            [
                "Frister:",
                "- Deloppdrag a) til c) har frist 28. februar",
                "2022.",
                "- Deloppdrag d) har frist 30. november 2022.",
                "",
                "Leveransen skal foreligge i løpet av november 2022.",
            ]
        );
    }

    #[test]
    fn a_number_carried_over_from_post_is_not_a_list_label() {
        let out = with_breaks(vec![
            piece(
                0,
                "Det stilles 5 mill. kroner til disposisjon over kap. 235 post",
            ),
            piece(1, "21. Av dette skal 2 mill. kroner gå til evaluering."),
            piece(2, "Direktoratet skal rapportere på:"),
            piece(3, "1. Tiltak"),
        ]);
        assert_eq!(
            texts(&out),
            [
                "Det stilles 5 mill. kroner til disposisjon over kap. 235 post 21. Av dette skal 2 mill. kroner gå til evaluering.",
                "Direktoratet skal rapportere på:",
                "1. Tiltak",
            ]
        );
    }

    #[test]
    fn a_sentence_inside_a_numbered_item_stays_in_it() {
        let out = with_breaks(vec![
            piece(0, "(1) Direktoratet skal utarbeide et regelverk."),
            piece(1, "Frist for utkast: 1. oktober 2024."),
            piece(2, "- Kommunene skal høres."),
            piece(3, "- KS skal involveres i arbeidet, og"),
            piece(4, "Legeforeningen skal orienteres."),
        ]);
        assert_eq!(
            texts(&out),
            [
                "(1) Direktoratet skal utarbeide et regelverk.",
                "Frist for utkast: 1. oktober 2024.",
                "- Kommunene skal høres.",
                "- KS skal involveres i arbeidet, og",
                "Legeforeningen skal orienteres.",
            ]
        );
    }
}
