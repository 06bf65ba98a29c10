//! The running text of a block: lines joined and de-hyphenated, split into
//! sentence units (sentences, bullets, "Frist:" lines) with the sub-assignment
//! label ("a", "1") each unit belongs to.

use std::ops::Range;

use oppdrag_rules::{FoldedRegex, FoldedText};

use crate::blocks::{is_bullet, label};

/// A block's text and its units.
#[derive(Clone, Debug, Default)]
pub struct BlockText {
    /// The text; units are separated by `\n` where the layout broke them.
    pub text: String,
    /// Sentence units: byte ranges into `text`, in order.
    pub units: Vec<Range<usize>>,
    /// Labelled regions: (range into `text`, label).
    pub labels: Vec<(Range<usize>, String)>,
}

/// Short words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "prop", "meld", "innst", "kap", "pkt", "jf", "bl.a", "ev", "mv", "nr", "ca", "st", "f.eks",
    "dvs", "evt", "mill", "mrd", "kr", "avd", "ref", "iht", "inkl", "tlf", "pr",
];

impl BlockText {
    /// Builds the text of `lines` (each a line's text, in order).
    pub fn build<'a>(lines: impl IntoIterator<Item = &'a str>) -> BlockText {
        let lines: Vec<&str> = lines.into_iter().collect();
        // The text is at most the lines and a separator after each: one
        // allocation instead of a doubling series.
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        let mut breaks: Vec<(usize, Option<&str>, bool)> = Vec::new();
        let mut pending_break = false;
        for raw in lines {
            let t = raw.trim();
            if t.is_empty() {
                pending_break = true;
                continue;
            }
            let lab = label(t);
            // `is_label(t)`, with the label read once.
            let starts_unit = lab.is_some() || is_bullet(t) || starts_deadline_line(t);
            if text.is_empty() {
                breaks.push((0, lab, false));
                push_squashed_trimmed(&mut text, t);
            } else if pending_break || starts_unit {
                let end = text.trim_end().len();
                text.truncate(end);
                text.push('\n');
                breaks.push((text.len(), lab, pending_break));
                push_squashed_trimmed(&mut text, t);
            } else {
                join_line(&mut text, t);
            }
            pending_break = false;
        }
        // Labelled regions: from a label to the next label or to the first
        // break that starts an unlabelled paragraph.
        let mut labels = Vec::new();
        let mut open: Option<(usize, String)> = None;
        for (at, lab, paragraph) in &breaks {
            match lab {
                Some(l) => {
                    if let Some((s, l0)) = open.take() {
                        labels.push((s..*at, l0));
                    }
                    open = Some((*at, l.to_string()));
                }
                None => {
                    let bullet = text[*at..].starts_with(['-', '•', '–']);
                    if *paragraph && !bullet {
                        if let Some((s, l0)) = open.take() {
                            labels.push((s..*at, l0));
                        }
                    }
                }
            }
        }
        if let Some((s, l0)) = open {
            labels.push((s..text.len(), l0));
        }
        let units = split_units(&text);
        BlockText {
            text,
            units,
            labels,
        }
    }

    /// Returns the label of the region holding byte `at`, if any.
    pub fn label_at(&self, at: usize) -> Option<&str> {
        self.labels
            .iter()
            .find(|(r, _)| r.contains(&at))
            .map(|(_, l)| l.as_str())
    }

    /// Returns, for each unit, whether `re` matches within it. The regex runs
    /// once over the whole text.
    pub fn units_matching(&self, re: &regex::Regex) -> Vec<bool> {
        self.units_hit(re.find_iter(&self.text).map(|m| m.range()))
    }

    /// [`BlockText::units_matching`] for a [`FoldedRegex`], given the text
    /// folded (`folded.text == self.text`): the same matches, found over the
    /// folded text when the regex has its rewrite.
    pub fn units_matching_folded(&self, re: &FoldedRegex, folded: &FoldedText<'_>) -> Vec<bool> {
        self.units_hit(re.find_iter(folded).map(|m| m.range()))
    }

    /// For each unit, whether one of `matches` (in text order) lies within it.
    fn units_hit(&self, matches: impl Iterator<Item = Range<usize>>) -> Vec<bool> {
        let mut hit = vec![false; self.units.len()];
        for m in matches {
            let i = self.units.partition_point(|u| u.end <= m.start);
            if let Some(u) = self.units.get(i) {
                if u.start <= m.start && m.end <= u.end {
                    hit[i] = true;
                }
            }
        }
        hit
    }

    /// Returns the text with unit breaks as spaces: one space between words.
    pub fn flat(&self) -> String {
        self.text.replace('\n', " ")
    }
}

/// Appends the words of `s` to `out`, one space between them.
///
/// Words are split as `str::split_whitespace` splits them, in one pass over
/// the bytes: only ASCII whitespace and the lead bytes of the few non-ASCII
/// whitespace characters (U+0085, U+00A0, U+1680, U+2000 ... U+3000) need a
/// closer look, and every word is copied whole.
///
/// `s` is trimmed already (`s == s.trim()`), as every line of
/// [`BlockText::build`] is: most lines are squashed but for spaces at either
/// end, and once trimmed they hold the words as they are to be appended.
fn push_squashed_trimmed(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    if is_squashed(s) {
        out.push_str(s);
        return;
    }
    let mut first = true;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let space = match bytes[i] {
            b' ' | b'\t'..=b'\r' => 1,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => match s[i..].chars().next() {
                Some(c) if c.is_whitespace() => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        };
        if space == 0 {
            i += 1;
            continue;
        }
        if i > start {
            if !first {
                out.push(' ');
            }
            out.push_str(&s[start..i]);
            first = false;
        }
        i += space;
        start = i;
    }
    if start < bytes.len() {
        if !first {
            out.push(' ');
        }
        out.push_str(&s[start..]);
    }
}

/// Returns whether `s` is its own squashed form (its words as
/// `str::split_whitespace` splits them, one space between them): what
/// `oppdrag_rules::is_normal_space` tests, in one pass over the bytes.
pub(crate) fn is_squashed(s: &str) -> bool {
    oppdrag_rules::is_normal_space(s)
}

/// Finds the bytes that may end a sentence unit (`\n`, `.`, `?`, `!`): the
/// three common ones in one `memchr3` search, `!` (rare) in its own search,
/// whose result is kept until the scan passes it.
struct UnitEnds<'a> {
    bytes: &'a [u8],
    /// The first `!` at or after the last position asked for, or `bytes.len()`.
    bang: usize,
}

impl<'a> UnitEnds<'a> {
    fn new(bytes: &'a [u8]) -> UnitEnds<'a> {
        let bang = memchr::memchr(b'!', bytes).unwrap_or(bytes.len());
        UnitEnds { bytes, bang }
    }

    /// Returns the index of the first byte at or after `from` that may end a
    /// sentence unit, or `bytes.len()`.
    #[inline]
    fn next(&mut self, from: usize) -> usize {
        let len = self.bytes.len();
        let Some(rest) = self.bytes.get(from..) else {
            return len;
        };
        if self.bang < from {
            self.bang = memchr::memchr(b'!', rest).map_or(len, |p| from + p);
        }
        let common = memchr::memchr3(b'\n', b'.', b'?', rest).map_or(len, |p| from + p);
        common.min(self.bang)
    }
}

/// Words after a line-final hyphen that keep the hyphen ("Helse- og").
const CONJUNCTIONS: &[&str] = &["og", "eller", "til", "samt"];

/// Appends line `next` to `out` as the continuation of a wrapped line: one
/// space between words, a line-break hyphen removed before a lower-case word
/// ("sporings-" + "system"), kept before a capital or a conjunction.
/// `next` is trimmed already (`next == next.trim()`).
fn join_line(out: &mut String, next: &str) {
    debug_assert_eq!(next, next.trim());
    if next.is_empty() {
        return;
    }
    let end = out.trim_end().len();
    out.truncate(end);
    let hyphenated = out
        .strip_suffix('-')
        .and_then(|s| s.chars().last())
        .is_some_and(char::is_alphabetic);
    if hyphenated {
        let first_word = next.split_whitespace().next().unwrap_or("");
        if CONJUNCTIONS
            .iter()
            .any(|c| first_word.eq_ignore_ascii_case(c))
        {
            out.push(' ');
        } else if next.chars().next().is_some_and(char::is_lowercase) {
            out.pop();
        }
    } else {
        out.push(' ');
    }
    push_squashed_trimmed(out, next);
}

/// Returns whether the first six bytes of `t`, lower-cased, start with
/// "frist". No non-ASCII character lower-cases to one of its letters, so an
/// ASCII comparison of the first five bytes decides.
fn starts_deadline_line(t: &str) -> bool {
    t.len() >= 6 && t.is_char_boundary(6) && t.as_bytes()[..5].eq_ignore_ascii_case(b"frist")
}

/// Returns whether `word`, lower-cased, is one of [`ABBREVIATIONS`]. ASCII
/// words are compared without allocating. The abbreviations are ASCII, and
/// the Kelvin sign is the one non-ASCII character that lower-cases to ASCII
/// only ("k"; the unit test checks every character): a word with any other
/// is none of them, and only a word with the Kelvin sign is lower-cased.
fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else if word.chars().all(|c| c.is_ascii() || c == KELVIN) {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    } else {
        false
    }
}

/// The Kelvin sign, which lower-cases to an ASCII "k".
const KELVIN: char = '\u{212a}';

/// Splits text into sentence units at `\n` and at sentence ends.
fn split_units(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut ends = UnitEnds::new(bytes);
    let mut i = 0;
    loop {
        i = ends.next(i);
        let Some(&b) = bytes.get(i) else { break };
        let end_here = match b {
            b'\n' => Some(i),
            b'.' | b'?' | b'!' if i + 2 < bytes.len() && bytes[i + 1] == b' ' => {
                let next = text[i + 2..].chars().next();
                // The word before the stop is read only before a capital.
                let abbrev = || {
                    let word_start = text[..i]
                        .rfind(|c: char| c.is_whitespace() || c == '(')
                        .map_or(0, |p| p + 1);
                    let word = &text[word_start..i];
                    is_abbreviation(word)
                        || (word.len() <= 2 && word.chars().all(|c| c.is_ascii_digit()))
                        || (word.chars().count() == 1)
                };
                (next.is_some_and(|c| c.is_uppercase() || c == '«') && !abbrev()).then_some(i + 1)
            }
            _ => None,
        };
        if let Some(e) = end_here {
            if e > start {
                out.push(trim_range(text, start..e));
            }
            start = if b == b'\n' { i + 1 } else { i + 2 };
            i = start;
            continue;
        }
        i += 1;
    }
    if start < text.len() {
        out.push(trim_range(text, start..text.len()));
    }
    out.retain(|r| !r.is_empty());
    out
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

#[cfg(test)]
mod tests {
    use super::BlockText;

    #[test]
    fn squashed_is_exactly_its_own_whitespace_squash() {
        for s in [
            "",
            "a",
            "Prop. 1 S (2025–2026) og «NOU» § 3",
            "a\u{a0}b",
            "a\u{2009}b",
            "a\u{3000}b",
            "a\u{1680}b",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{202f}b",
            "ö\u{e1}\u{e2}½ – —",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "\u{a0}a",
            "ø æ å ‐ ‒",
        ] {
            let squashed = oppdrag_rules::normalize_space(s) == s;
            assert_eq!(super::is_squashed(s), squashed, "{s:?}");
        }
    }

    #[test]
    fn squashed_test_holds_at_every_chunk_position() {
        // Two spaces, a tab or a no-break space at each position of texts
        // that span several 32-byte steps and an uneven tail.
        for len in [31, 32, 33, 34, 64, 65, 66, 100] {
            let base: String = "abcdefghij".chars().cycle().take(len).collect();
            for at in 1..len - 2 {
                for put in ["  ", "\t", "\u{a0}", " ", "\u{2013}", "ø"] {
                    let s = format!("{}{put}{}", &base[..at], &base[at + 1..]);
                    let squashed = oppdrag_rules::normalize_space(&s) == s;
                    assert_eq!(super::is_squashed(&s), squashed, "{s:?}");
                }
            }
        }
    }

    #[test]
    fn squashing_splits_as_split_whitespace_does() {
        for s in [
            "",
            "   ",
            "a",
            " to  ord\t og\u{a0}tre\u{2003}fire\u{3000}fem ",
            "æøå\u{85}Å\u{202f}x\u{1680}y\u{205f}z\u{2028}w\u{2029}v\u{b}u\u{c}t\r\ns",
            "ikke\u{200b}mellomrom\u{e2}\u{20ac}€ – •",
        ] {
            let mut got = String::from("x");
            super::push_squashed_trimmed(&mut got, s.trim());
            let want = format!("x{}", s.split_whitespace().collect::<Vec<_>>().join(" "));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn deadline_lines_and_abbreviations() {
        assert!(super::starts_deadline_line("FRIST: 1. mai"));
        assert!(super::starts_deadline_line("fristen er"));
        assert!(!super::starts_deadline_line("frist"));
        assert!(!super::starts_deadline_line("fristå"));
        assert!(super::is_abbreviation("Kap"));
        assert!(super::is_abbreviation("\u{212a}r"));
        assert!(!super::is_abbreviation("kår"));
        assert!(!super::is_abbreviation("ST\u{130}"));
        // Only the Kelvin sign lower-cases to ASCII alone.
        let to_ascii: Vec<char> = (0x80..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, [super::KELVIN]);
    }

    #[test]
    fn units_and_labels() {
        let t = BlockText::build([
            "Direktoratet skal gjøre to ting. Først dette:",
            "",
            "a) Utrede en ordning for bruker-",
            "sikkerhet i 2026.",
            "b) Foreslå tiltak, jf. kap. 3.",
            "",
            "Frist: 1. mars 2026.",
        ]);
        let units: Vec<&str> = t.units.iter().map(|r| &t.text[r.clone()]).collect();
        assert_eq!(
            units,
            [
                "Direktoratet skal gjøre to ting.",
                "Først dette:",
                "a) Utrede en ordning for brukersikkerhet i 2026.",
                "b) Foreslå tiltak, jf. kap. 3.",
                "Frist: 1. mars 2026."
            ]
        );
        let at = t.text.find("brukersikkerhet").unwrap();
        assert_eq!(t.label_at(at), Some("a"));
        let frist = t.text.find("Frist").unwrap();
        assert_eq!(t.label_at(frist), None);
    }
}
