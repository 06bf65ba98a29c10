//! A regex searched only near the strings every match of it holds.
//!
//! A pattern such as the assignment code's (`[A-ZÆØÅ]{1,4}[ -]?(?:19|20)\d{2}
//! ...`) starts with a class, so the regex engine has no literal to skip to
//! and steps its automaton through every byte of the text. Every match
//! holds a year, "19" or "20" ([`Needles`]), and is at most a few dozen
//! bytes long (`maximum_len` of the pattern), so the matches lie near those
//! strings: [`Windows::captures`] finds them and searches only around them.
//!
//! # Why the matches are those of `captures_iter` over the whole text
//!
//! Let `L` be the longest match in bytes and `K` the longest needle. The
//! needles are found by one leftmost-first search of the folded text (see
//! [`Needles`]): a needle occurrence the search skipped overlaps a reported
//! one `o` and starts within `[o, o + K)`. A match `[s, e)` holds an
//! occurrence `o'`, so `s > o' - L` and `e <= o' + L`: it lies within
//! `[o - L, o + L + K]` of a reported `o`. Those intervals, merged, are the
//! windows; every match (as the whole text reads it) lies within one.
//!
//! In a window `[ws, we)` the regex is searched in the text cut one
//! character after `we`, from `ws` or the end of the match before (look-
//! behind sees the text before, as `captures_at` gives it). A match of the
//! cut text that starts before `we` holds a needle that is the text's too,
//! so it also lies within the window; it ends at `we` at the latest, where
//! the cut text still holds the next character, so every look-around it
//! reads sees what the whole text has there. The matches starting in
//! `[pos, we)` are the same for the cut and the whole text, and so are the
//! leftmost-first match and its groups. A match starting at `we` or later
//! belongs to a later window (or none), and between windows no match starts
//! at all: window by window, the search reports what `captures_iter` over
//! the whole text reports, in order.

use regex::{Captures, Regex};

use crate::needle::Needles;

/// How to search one regex near its needles.
#[derive(Clone, Debug)]
pub(crate) struct Windows {
    needles: Needles,
    /// The longest match, in bytes.
    max_len: usize,
    /// The longest needle, in bytes.
    needle_len: usize,
}

impl Windows {
    /// The windows of `re`, or `None` when its pattern has no needles of two
    /// bytes or more, or no longest match.
    pub(crate) fn of(re: &Regex) -> Option<Windows> {
        let hir = regex_syntax::Parser::new().parse(re.as_str()).ok()?;
        let max_len = hir.properties().maximum_len()?;
        let needles = Needles::of_min(re.as_str(), 2)?;
        let needle_len = needles.words().iter().map(String::len).max()?;
        Some(Windows {
            needles,
            max_len,
            needle_len,
        })
    }

    /// The groups of every match of `re` (the regex these windows were made
    /// for) in `text`, in order: what `re.captures_iter(text)` gives.
    /// `folded` is `text.to_ascii_lowercase()`.
    pub(crate) fn captures<'t>(
        &self,
        re: &Regex,
        text: &'t str,
        folded: &str,
    ) -> Vec<Captures<'t>> {
        let mut out = Vec::new();
        if folded.len() != text.len() {
            return re.captures_iter(text).collect();
        }
        let mut at = 0;
        let mut window: Option<(usize, usize)> = None;
        loop {
            // The next needle's interval, on character boundaries.
            let next = self.needles.find_from(folded, at).map(|(start, end)| {
                at = end;
                let ws = floor_boundary(text, start.saturating_sub(self.max_len));
                let we = start + self.max_len + self.needle_len;
                (ws, ceil_boundary(text, we.min(text.len())))
            });
            if let (Some((_, e)), Some((ws, we))) = (window.as_mut(), next) {
                // Overlapping or touching: one window.
                if ws <= *e {
                    *e = (*e).max(we);
                    continue;
                }
            }
            if let Some((ws, we)) = window {
                search(re, text, ws, we, &mut out);
            }
            window = next;
            if window.is_none() {
                break;
            }
        }
        out
    }
}

/// Pushes the matches of `re` that start in `[ws, we)` of `text`, searched
/// in the text cut one character after `we` (see the module documentation).
/// `ws` and `we` lie on character boundaries.
fn search<'t>(re: &Regex, text: &'t str, ws: usize, we: usize, out: &mut Vec<Captures<'t>>) {
    let cut = text[we..].chars().next().map_or(we, |c| we + c.len_utf8());
    let hay = &text[..cut];
    let mut pos = ws;
    while pos < we {
        let Some(caps) = re.captures_at(hay, pos) else {
            break;
        };
        let Some(m) = caps.get(0) else { break };
        if m.start() >= we {
            break;
        }
        // Matches are never empty (each holds a needle): the next search
        // starts past this one.
        pos = m.end().max(pos + 1);
        out.push(caps);
    }
}

/// The char boundary at or before byte `i` of `s` (`i` at most `s.len()`).
pub(crate) fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after byte `i` of `s` (`i` at most `s.len()`).
pub(crate) fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::Windows;
    use crate::test_rng;

    /// The groups of every match, as byte ranges.
    fn groups(all: &[regex::Captures<'_>]) -> Vec<Vec<Option<std::ops::Range<usize>>>> {
        all.iter()
            .map(|c| c.iter().map(|g| g.map(|m| m.range())).collect())
            .collect()
    }

    #[test]
    fn windows_find_what_the_whole_text_gives() {
        let rules = crate::RuleSet::bundled();
        let re = rules.codes.code_regex().expect("a code pattern");
        let windows = Windows::of(re).expect("the code pattern has windows");
        let tokens = [
            "TB2024-07",
            "RTB 2021-1",
            "ØK2019–3a",
            "2020",
            "19",
            "20",
            "år",
            "Prop. 1 S",
            "(2025–2026)",
            "ÆØÅ",
            "x",
            " ",
            "  ",
            "\n",
            "-",
            "–",
            "Helse",
            "HOD2023-11B",
            "Ab",
            "TB20",
            "24-7",
            "1920",
            "é",
            "KS",
            "A",
            ",",
        ];
        let mut rng = test_rng::numbers(7);
        for _ in 0..4000 {
            let mut text = String::new();
            let n = rng() % 60;
            for _ in 0..n {
                text.push_str(tokens[rng() % tokens.len()]);
            }
            let folded = text.to_ascii_lowercase();
            let want: Vec<_> = re.captures_iter(&text).collect();
            let got = windows.captures(re, &text, &folded);
            assert_eq!(groups(&got), groups(&want), "{text:?}");
        }
    }
}
