//! Clean-up of extracted text: Unicode NFC, ligatures, odd spaces and
//! hyphens, words hyphenated at line ends, running headers and footers.

use std::collections::HashMap;

use oppdrag_model::{Line, Page};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Normalises one line of text: ligatures expanded, non-breaking and other
/// odd spaces made plain, soft hyphens and zero-width characters dropped,
/// control characters removed, NFC.
pub fn normalize(text: &str) -> String {
    // Most lines need no change but NFC's check: they skip the rewrite.
    let out = if text.chars().all(is_plain) {
        text.to_string()
    } else {
        rewrite(text)
    };
    if out.is_ascii() || is_nfc_quick(out.chars()) == IsNormalized::Yes {
        out
    } else {
        out.nfc().collect()
    }
}

/// Whether [`rewrite`] keeps `c` as it is.
fn is_plain(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{fb00}'..='\u{fb06}'
                | '\u{a0}'
                | '\u{ad}'
                | '\u{2000}'..='\u{200d}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{2060}'
                | '\u{3000}'
                | '\u{feff}'
                | '\u{f0b7}'
                | '\u{2219}'
        ))
}

/// Expands ligatures, makes odd spaces plain, drops soft hyphens,
/// zero-width and control characters.
fn rewrite(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\t' => {
                out.push(' ')
            }
            '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
            '\u{f0b7}' | '\u{2219}' => out.push('•'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Normalises a line's text and cells in place.
pub fn normalize_line(line: &mut Line) {
    let soft = line.text.trim_end().ends_with('\u{ad}');
    for cell in &mut line.cells {
        cell.text = normalize(&cell.text).trim().to_string();
    }
    line.cells.retain(|c| !c.text.is_empty());
    line.text = if line.cells.is_empty() {
        normalize(&line.text).trim().to_string()
    } else {
        line.cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("  ")
    };
    if soft {
        // Keep the mark of a soft line-end hyphen for `dehyphenate`.
        line.text.push('\u{ad}');
    }
}

/// Words after which a line-end hyphen is a real one ("helse- og
/// omsorgssektoren", "inn- eller utland").
const CONJUNCTIONS: &[&str] = &["og", "eller", "samt", "enn", "men", "and", "or", "til", "&"];

/// Joins words hyphenated across line ends on one page. The joined word
/// ends the first line; the rest of the second line stays where it was.
/// Real hyphens stay: before a conjunction the break is kept as it is, and
/// after a capital, a digit or a one-letter prefix ("e-helse", "IKT-system")
/// the hyphen is kept in the joined word.
pub fn dehyphenate(lines: &mut Vec<Line>) {
    let mut i = 0;
    while i + 1 < lines.len() {
        let soft = lines[i].text.ends_with('\u{ad}');
        if soft {
            lines[i].text.pop();
        }
        let (head, tail) = lines.split_at_mut(i + 1);
        let (cur, next) = (&mut head[i], &mut tail[0]);
        i += 1;
        let hyphen = soft || cur.text.ends_with('-');
        if !hyphen || cur.cells.len() > 1 || next.cells.len() > 1 {
            continue;
        }
        let near = cur.size <= 0.0
            || (next.y - cur.y > 0.0 && next.y - cur.y < 2.5 * cur.size.max(next.size));
        let prefix_word = cur
            .text
            .trim_end_matches(['-', '\u{ad}'])
            .rsplit(' ')
            .next()
            .unwrap_or("");
        let Some(last) = prefix_word.chars().last() else {
            continue;
        };
        if !near || !last.is_alphanumeric() {
            continue;
        }
        let first_word: &str = next.text.split(' ').next().unwrap_or("");
        let Some(first) = first_word.chars().next() else {
            continue;
        };
        if !first.is_lowercase() {
            continue;
        }
        if !soft && CONJUNCTIONS.contains(&first_word.trim_end_matches([',', '.', ';', ':'])) {
            continue;
        }
        let keep_hyphen = !soft
            && (last.is_uppercase() || last.is_ascii_digit() || prefix_word.chars().count() == 1);
        let word = first_word.to_string();
        if !keep_hyphen && !soft {
            cur.text.pop();
        }
        cur.text.push_str(&word);
        let rest = next.text[word.len()..].trim_start().to_string();
        next.text = rest;
        if let Some(c) = cur.cells.last_mut() {
            c.text = cur.text.clone();
        }
        if let Some(c) = next.cells.first_mut() {
            c.text = next.text.clone();
        }
        if next.text.is_empty() {
            lines.remove(i);
        }
    }
    if let Some(last) = lines.last_mut() {
        if last.text.ends_with('\u{ad}') {
            last.text.pop();
        }
    }
}

/// The text with digits folded, so that "Side 3 av 12" and "Side 4 av 12"
/// count as one running line.
/// Digit groups apart ("455 440") stay two marks, so a row of table figures
/// is not taken for a page number.
fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
            continue;
        }
        in_number = false;
        if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether a line is a bare page number: "3", "- 3 -", "Side 3 av 12", "3/12".
///
/// A number alone must be one a document of `pages` pages could print as a
/// page number, so that a year ("2024") heading a table column on a new page
/// stays in the body.
fn is_page_number(text: &str, pages: usize) -> bool {
    let k = key(text);
    if matches!(k.as_str(), "#" | "-#-" | "–#–" | "[#]" | "(#)") {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        // "000", the end of a figure wrapped in a table cell, is no page number.
        return !digits.starts_with('0')
            && digits
                .parse::<usize>()
                .is_ok_and(|value| value <= pages.saturating_mul(2) + 20);
    }
    matches!(
        k.as_str(),
        "#" | "-#-"
            | "–#–"
            | "#/#"
            | "side#"
            | "side#av#"
            | "side#/#"
            | "page#"
            | "page#of#"
            | "s.#"
            | "[#]"
            | "(#)"
    )
}

/// Moves running headers and footers (page numbers, a title repeated on
/// most pages) from the body lines into `Page::header` and `Page::footer`.
pub fn split_running(pages: &mut [Page]) {
    // Lines count as repeated only where they stood at the page's edge the
    // first time round: a line repeated on two pages, at the edge of one of
    // them only, is not running.
    let first = running_lines(pages, None);
    let running = running_lines(pages, Some(&first));
    for (page, flags) in pages.iter_mut().zip(running) {
        let mut top = Vec::new();
        let mut bottom = Vec::new();
        let mut keep = Vec::with_capacity(page.lines.len());
        let lines = std::mem::take(&mut page.lines);
        for (idx, line) in lines.iter().enumerate() {
            let band = in_band(page, idx, line, BAND, MAX_LINES)
                .filter(|_| flags.get(idx).copied().unwrap_or(false));
            match band {
                Some(true) => top.push(idx),
                Some(false) => bottom.push(idx),
                None => {}
            }
        }
        for (idx, line) in lines.into_iter().enumerate() {
            if top.contains(&idx) {
                page.header.push(line.text);
            } else if bottom.contains(&idx) {
                page.footer.push(line.text);
            } else {
                keep.push(line);
            }
        }
        page.lines = keep;
    }
}

/// Top and bottom bands of a page: a fraction of its height, and at most so
/// many lines.
const BAND: f32 = 0.12;
const MAX_LINES: usize = 3;
/// How far apart (points) a running line may stand on two pages.
const SAME_HEIGHT: f32 = 1.0;

/// Returns, for each page, which of its lines are running lines. With
/// `only`, repetitions are counted over the lines it flags.
fn running_lines(pages: &[Page], only: Option<&[Vec<bool>]>) -> Vec<Vec<bool>> {
    let n = pages.len();
    // Where each line stands on the pages that have it in the top (true) or
    // bottom band, by its key and by its exact text: one height per page.
    let mut counts: HashMap<(bool, String), Vec<f32>> = HashMap::new();
    let mut exact: HashMap<(bool, &str), Vec<f32>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        let mut seen: Vec<((bool, String), f32)> = Vec::new();
        let mut seen_exact: Vec<((bool, &str), f32)> = Vec::new();
        for (idx, line) in page.lines.iter().enumerate() {
            let counted = match only {
                None => true,
                Some(o) => o.get(p).and_then(|f| f.get(idx)) == Some(&true),
            };
            let Some(top) = in_band(page, idx, line, BAND, MAX_LINES).filter(|_| counted) else {
                continue;
            };
            let k = (top, key(&line.text));
            if !seen.iter().any(|(s, _)| *s == k) {
                seen.push((k, line.y));
            }
            let e = (top, line.text.as_str());
            if !seen_exact.iter().any(|(s, _)| *s == e) {
                seen_exact.push((e, line.y));
            }
        }
        for (k, y) in seen {
            counts.entry(k).or_default().push(y);
        }
        for (k, y) in seen_exact {
            exact.entry(k).or_default().push(y);
        }
    }
    // Pages on which a line stands at (about) the same height: a running
    // line is set at the same place on every page; a sentence of the body
    // that ends two pages alike is not.
    let at = |ys: Option<&Vec<f32>>, y: f32| {
        ys.map_or(0, |ys| {
            ys.iter().filter(|&&v| (v - y).abs() <= SAME_HEIGHT).count()
        })
    };
    let mut running: Vec<Vec<bool>> = Vec::with_capacity(n);
    for page in pages {
        let mut flags: Vec<bool> = page
            .lines
            .iter()
            .enumerate()
            .map(|(idx, line)| {
                let Some(top) = in_band(page, idx, line, BAND, MAX_LINES) else {
                    return false;
                };
                let count = at(counts.get(&(top, key(&line.text))), line.y);
                let same = at(exact.get(&(top, line.text.as_str())), line.y);
                // A sentence at the foot of two pages that differs only in its
                // figures ("- Deloppdrag a) har frist 20. februar." / "28.
                // februar.") is body text; a running line with a page number
                // in it does not end like a sentence.
                let repeats = |c: usize| n >= 2 && c >= 2 && c * 2 >= n;
                let sentence = line.text.trim_end().ends_with('.');
                // A line that repeats only up to its figures ("Side 2 av 5")
                // must do so on three pages at least: two assignments with
                // the same title, each at the top of a page, differ only in
                // their codes ("OD2026-10 ..." / "OD2026-15 ...").
                let figures_differ = count >= 3 && repeats(count) && !sentence;
                is_page_number(&line.text, n) || repeats(same) || figures_differ
            })
            .collect();
        // Running lines stand at the edge of the page: none is below a body
        // line in the top band or above one in the bottom band ("Oppdraget
        // skal være gjennomført innen utgangen av" at the foot of a page,
        // followed by "2022.", is body text).
        let len = flags.len();
        let band = |i: usize| {
            page.lines
                .get(i)
                .and_then(|l| in_band(page, i, l, BAND, MAX_LINES))
        };
        let top = (0..len)
            .take_while(|&i| flags[i] && band(i) == Some(true))
            .count();
        let bottom = (top..len)
            .rev()
            .take_while(|&i| flags[i] && band(i) == Some(false))
            .count();
        for (i, flag) in flags.iter_mut().enumerate() {
            *flag = *flag && (i < top || i >= len - bottom);
        }
        running.push(flags);
    }
    running
}

/// `Some(true)` for a line in the top band, `Some(false)` in the bottom band.
fn in_band(page: &Page, idx: usize, line: &Line, band: f32, max_lines: usize) -> Option<bool> {
    if page.height <= 0.0 || line.text.is_empty() {
        return None;
    }
    let len = page.lines.len();
    if idx < max_lines && line.y < band * page.height {
        Some(true)
    } else if idx + max_lines >= len && line.y > (1.0 - band) * page.height {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_exactly_those_the_rewrite_keeps() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s: &str = c.encode_utf8(&mut buf);
            assert_eq!(is_plain(c), rewrite(s) == s, "{:?}", c);
        }
    }

    fn line(text: &str, y: f32) -> Line {
        Line {
            text: text.into(),
            cells: vec![oppdrag_model::Cell {
                x0: 0.0,
                x1: 10.0,
                text: text.into(),
            }],
            y,
            size: 10.0,
            ..Line::default()
        }
    }

    /// Four A4 pages, page `n` holding the lines `lines(n)` gives.
    fn four_pages(lines: impl Fn(u32) -> Vec<Line>) -> Vec<Page> {
        (1..=4)
            .map(|n| Page {
                number: n,
                lines: lines(n),
                height: 842.0,
                width: 595.0,
                ..Page::default()
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn normalizes_odd_characters() {
        assert_eq!(
            normalize("\u{fb01}nans\u{a0}og ef\u{ad}fekt"),
            "finans og effekt"
        );
        assert_eq!(normalize("a\u{30a}r"), "år");
    }

    #[test]
    fn joins_broken_words_but_keeps_real_hyphens() {
        let mut lines = vec![
            line("tiltak i omsorgs-", 100.0),
            line("sektoren og helse-", 112.0),
            line("og omsorgstjenesten skal e-", 124.0),
            line("helse brukes, jf. IKT-", 136.0),
            line("systemet.", 148.0),
        ];
        dehyphenate(&mut lines);
        assert_eq!(
            texts(&lines),
            [
                "tiltak i omsorgssektoren",
                "og helse-",
                "og omsorgstjenesten skal e-helse",
                "brukes, jf. IKT-systemet."
            ]
        );
    }

    #[test]
    fn figures_and_years_are_not_page_numbers() {
        assert!(is_page_number("12", 40));
        assert!(is_page_number("- 3 -", 5));
        assert!(is_page_number("Side 3 av 12", 12));
        assert!(!is_page_number("455 440", 60));
        assert!(!is_page_number("2024", 60));
        assert_ne!(key("455 440"), key("455440"));
    }

    #[test]
    fn a_sentence_at_the_foot_of_pages_is_body_text_even_when_only_its_figures_differ() {
        let feet = [
            "- Deloppdrag a) har frist 20. februar 2024.",
            "- Deloppdrag a) har frist 28. februar 2024.",
            "Det vises til TB2020-08 og Prop. 1 S (2020–2021).",
            "Side 4",
        ];
        let mut pages = four_pages(|n| {
            vec![
                line("Tildelingsbrev 2024", 30.0),
                line(&format!("Body text {n}"), 300.0),
                line(feet[n as usize - 1], 780.0),
                line(&format!("Side {n} av 4"), 800.0),
            ]
        });
        // A sentence that differs in its figures at the top of another page.
        pages[3].lines.insert(
            1,
            line("Det vises til TB2020-01 og Prop. 1 S (2020–2021).", 50.0),
        );
        split_running(&mut pages);
        assert_eq!(texts(&pages[0].lines)[1], feet[0]);
        assert_eq!(texts(&pages[1].lines)[1], feet[1]);
        assert_eq!(
            texts(&pages[3].lines)[0],
            "Det vises til TB2020-01 og Prop. 1 S (2020–2021)."
        );
        assert_eq!(pages[1].footer, ["Side 2 av 4"]);
        assert!(!is_page_number("000", 5), "the end of a wrapped figure");
    }

    #[test]
    fn two_headings_that_differ_only_in_their_codes_are_body_text() {
        // Two assignments with one title open pages 3 and 4 of four; a
        // running title with its page number runs on every page.
        let mut pages = four_pages(|n| {
            vec![
                line(&format!("Oppdragsdokument 2026 side {n}"), 30.0),
                line(&format!("Body text {n}"), 300.0),
            ]
        });
        let heading = |code: &str| format!("{code} Avd.KD: UHA Veileder om statistikk");
        pages[2].lines.insert(1, line(&heading("OD2026-10"), 50.0));
        pages[3].lines.insert(1, line(&heading("OD2026-15"), 50.0));
        split_running(&mut pages);
        assert_eq!(texts(&pages[2].lines)[0], heading("OD2026-10"));
        assert_eq!(texts(&pages[3].lines)[0], heading("OD2026-15"));
        assert_eq!(pages[1].header, ["Oppdragsdokument 2026 side 2"]);
    }

    #[test]
    fn a_line_with_body_text_below_it_is_no_running_footer() {
        let x = "Oppdraget skal være gjennomført innen utgangen av";
        let mut pages = four_pages(|n| {
            vec![
                line("Tildelingsbrev 2024", 30.0),
                line(&format!("Body text {n}"), 300.0),
                line(&format!("Side {n} av 4"), 800.0),
            ]
        });
        // The same words at the foot of pages 1 and 2: on page 1 with body
        // text below them, on page 2 right above the page number.
        pages[0].lines.insert(2, line(x, 760.0));
        pages[0].lines.insert(3, line("2022.", 770.0));
        pages[1].lines.insert(2, line(x, 770.0));
        split_running(&mut pages);
        assert_eq!(texts(&pages[0].lines), ["Body text 1", x, "2022."]);
        assert_eq!(texts(&pages[1].lines), ["Body text 2", x]);
        assert_eq!(pages[0].header, ["Tildelingsbrev 2024"]);
        assert_eq!(pages[1].footer, ["Side 2 av 4"]);
    }

    #[test]
    fn a_line_alike_at_the_foot_of_two_pages_but_not_at_one_height_is_body_text() {
        let mut pages = four_pages(|n| {
            vec![
                line("Tildelingsbrev 2024", 30.0 + 0.2 * n as f32),
                line(&format!("Body text {n}"), 300.0),
                line(&format!("Side {n} av 4"), 800.0),
            ]
        });
        pages[0]
            .lines
            .insert(2, line("Frist: 31. oktober 2024", 756.1));
        pages[1]
            .lines
            .insert(2, line("Frist: 31. oktober 2024", 758.2));
        split_running(&mut pages);
        assert_eq!(
            texts(&pages[0].lines),
            ["Body text 1", "Frist: 31. oktober 2024"]
        );
        assert_eq!(
            texts(&pages[1].lines),
            ["Body text 2", "Frist: 31. oktober 2024"]
        );
        assert_eq!(pages[3].header, ["Tildelingsbrev 2024"]);
        assert_eq!(pages[3].footer, ["Side 4 av 4"]);
    }

    #[test]
    fn moves_running_lines_out_of_the_body() {
        let mut pages = four_pages(|n| {
            vec![
                line("Tildelingsbrev 2024", 30.0),
                line(&format!("Body text {n}"), 300.0),
                line(&format!("Side {n} av 4"), 800.0),
            ]
        });
        split_running(&mut pages);
        assert_eq!(texts(&pages[2].lines), ["Body text 3"]);
        assert_eq!(pages[2].header, ["Tildelingsbrev 2024"]);
        assert_eq!(pages[2].footer, ["Side 3 av 4"]);
    }
}
