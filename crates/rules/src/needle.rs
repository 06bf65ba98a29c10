//! Words a regex cannot match without: a cheap test that rules a text out
//! before the regex is run on it.
//!
//! [`Needles::of`] reads a pattern and finds a set of strings such that
//! every match of the pattern contains one of them, compared up to ASCII
//! case ("Mandat" and `(?i)mandat` both need "mandat"). A text that holds
//! none of them, searched folded with [`str::to_ascii_lowercase`], holds no
//! match: callers skip the regex there. The set comes from the pattern
//! itself, so it changes when the rule does.
//!
//! # How the set is found
//!
//! Over the pattern's syntax tree: a literal needs itself; a class of a
//! few characters (`[Mm]`, what `(?i)m` becomes; `[Øø]`; `[Kk\u{212a}]`)
//! is any one of them, each folded; a concatenation needs what any one of
//! its parts needs, and runs of parts that match one of a few strings each
//! (`(?:fram|frem)drift`) combine into longer strings; an alternation needs
//! what each branch needs, together; a repetition at least once needs what
//! its part needs. The set chosen is the one whose shortest string is
//! longest; shorter than [`MIN_NEEDLE`] bytes it is no use and the regex
//! gets none.
//!
//! Folding keeps every character's byte length, and a match's characters
//! appear folded at the same offsets of the folded text, so a match's
//! needle is found there.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::{Class, Hir, HirKind};

/// Strings shorter than this make no useful test.
pub const MIN_NEEDLE: usize = 3;
/// At most this many strings in a set (sets multiply in concatenations).
const MAX_SET: usize = 48;
/// At most this long a string of a combined run.
const MAX_LEN: usize = 24;

/// The strings one of which every match of a regex contains (folded).
#[derive(Clone, Debug)]
pub struct Needles {
    /// The strings, folded.
    list: Vec<String>,
    words: Finder,
}

/// The search for the needles: a packed (Teddy) searcher for several (the
/// automaton's own choice for a few words with common first letters is a
/// byte scan that stops at every "r"), `memmem` inside the automaton for one.
#[derive(Clone, Debug)]
enum Finder {
    Packed(aho_corasick::packed::Searcher),
    Automaton(AhoCorasick),
}

impl Finder {
    fn new(set: &[Vec<u8>]) -> Option<Finder> {
        if set.len() > 1 {
            let packed = aho_corasick::packed::Config::new()
                .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(set)
                .build();
            if let Some(p) = packed {
                return Some(Finder::Packed(p));
            }
        }
        AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(set)
            .ok()
            .map(Finder::Automaton)
    }

    fn is_match(&self, hay: &[u8]) -> bool {
        match self {
            Finder::Packed(p) => p.find(hay).is_some(),
            Finder::Automaton(a) => a.is_match(hay),
        }
    }

    /// The leftmost-first match that starts at or after `at`, as a byte
    /// range.
    fn find_from(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        let span = aho_corasick::Span::from(at..hay.len());
        let m = match self {
            Finder::Packed(p) => p.find_in(hay, span),
            Finder::Automaton(a) => a.find(aho_corasick::Input::new(hay).span(span)),
        }?;
        Some((m.start(), m.end()))
    }
}

/// What a piece of a pattern matches: `exact`, every string it can match,
/// when they are few; `need`, strings one of which each match contains.
#[derive(Clone, Debug, Default)]
struct Facts {
    exact: Option<Vec<Vec<u8>>>,
    need: Option<Vec<Vec<u8>>>,
}

impl Needles {
    /// The needles of `pattern` (as the `regex` crate reads it), or `None`
    /// when it has no usable set.
    pub fn of(pattern: &str) -> Option<Needles> {
        Needles::of_min(pattern, MIN_NEEDLE)
    }

    /// [`Needles::of`] with strings down to `min` bytes (at least one): for
    /// tests that need the set, not a fast search (see `bodies.rs`).
    pub(crate) fn of_min(pattern: &str, min: usize) -> Option<Needles> {
        let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
        let facts = facts(&hir);
        let set = best(facts.need, facts.exact)?;
        if set.iter().map(Vec::len).min()? < min.max(1) {
            return None;
        }
        let words = Finder::new(&set)?;
        let list = set
            .iter()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        Some(Needles { list, words })
    }

    /// The strings, folded: every match holds one of them.
    pub fn words(&self) -> &[String] {
        &self.list
    }

    /// Returns whether a text whose folded copy is `folded` may hold a
    /// match: whether it holds a needle.
    pub fn may_match(&self, folded: &str) -> bool {
        self.words.is_match(folded.as_bytes())
    }

    /// The leftmost-first needle in `folded` that starts at or after `at`,
    /// as a byte range.
    pub(crate) fn find_from(&self, folded: &str, at: usize) -> Option<(usize, usize)> {
        self.words.find_from(folded, at)
    }

    /// [`Needles::may_match`] over bytes: whether `folded` holds a needle.
    pub(crate) fn in_bytes(&self, folded: &[u8]) -> bool {
        self.words.is_match(folded)
    }

    /// Returns, for each of `ranges` (byte ranges of `folded`, in order, not
    /// overlapping), whether it may hold a match: whether a needle lies
    /// within it. A range can hold a match only if it holds a needle, and
    /// one leftmost-first search of the whole text finds them: a needle that
    /// the search skipped overlaps a reported one (which started no later),
    /// and a reported needle marks every range it touches.
    ///
    /// After a needle, the search goes on from the end of the last range it
    /// touches (a frequent word such as "skal" is reported once per range,
    /// not at every occurrence): a needle within a later range starts there
    /// or after, so it is reported or overlaps one that is reported after
    /// that point, and either marks its range as before.
    pub fn ranges_may_match(&self, folded: &str, ranges: &[std::ops::Range<usize>]) -> Vec<bool> {
        let mut out = vec![false; ranges.len()];
        let mut at = 0;
        while let Some((start, end)) = self.words.find_from(folded, at) {
            let first = ranges.partition_point(|r| r.end <= start);
            // Needles are not empty: `end > start >= at`, so the search moves on.
            let mut next = end;
            for (r, o) in ranges[first..].iter().zip(&mut out[first..]) {
                if r.start >= end {
                    break;
                }
                *o = true;
                next = next.max(r.end);
            }
            at = next;
        }
        out
    }
}

/// The better of two candidate sets: the one whose shortest string is
/// longest (an empty string in a set makes it useless).
fn best(a: Option<Vec<Vec<u8>>>, b: Option<Vec<Vec<u8>>>) -> Option<Vec<Vec<u8>>> {
    let score = |s: &Option<Vec<Vec<u8>>>| match s {
        Some(v) if v.is_empty() => usize::MAX,
        Some(v) => v.iter().map(Vec::len).min().unwrap_or(0),
        None => 0,
    };
    let (sa, sb) = (score(&a), score(&b));
    let pick = if sa >= sb { a } else { b };
    pick.filter(|v| v.iter().all(|s| !s.is_empty()))
}

/// The characters of a class of at most four, each folded (UTF-8 bytes).
fn members(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(c) => {
            for r in c.ranges() {
                for ch in r.start()..=r.end() {
                    if out.len() >= 4 {
                        return None;
                    }
                    let mut buf = [0; 4];
                    out.push(
                        ch.to_ascii_lowercase()
                            .encode_utf8(&mut buf)
                            .as_bytes()
                            .to_vec(),
                    );
                }
            }
        }
        Class::Bytes(c) => {
            for r in c.ranges() {
                for b in r.start()..=r.end() {
                    if out.len() >= 4 {
                        return None;
                    }
                    out.push(vec![b.to_ascii_lowercase()]);
                }
            }
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// Every concatenation of a string of `a` and one of `b`, within the limits.
fn product(a: &[Vec<u8>], b: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if a.len() * b.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(a.len() * b.len());
    for x in a {
        for y in b {
            if x.len() + y.len() > MAX_LEN {
                return None;
            }
            out.push([x.as_slice(), y.as_slice()].concat());
        }
    }
    out.sort();
    out.dedup();
    Some(out)
}

fn union(parts: impl Iterator<Item = Option<Vec<Vec<u8>>>>) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for p in parts {
        out.extend(p?);
    }
    out.sort();
    out.dedup();
    (out.len() <= MAX_SET).then_some(out)
}

fn facts(hir: &Hir) -> Facts {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Facts {
            exact: Some(vec![Vec::new()]),
            need: None,
        },
        HirKind::Literal(lit) => {
            let s = lit.0.to_ascii_lowercase();
            Facts {
                exact: Some(vec![s.clone()]),
                need: Some(vec![s]),
            }
        }
        HirKind::Class(class) => {
            let empty = match class {
                Class::Unicode(c) => c.ranges().is_empty(),
                Class::Bytes(c) => c.ranges().is_empty(),
            };
            if empty {
                // Matches nothing: so does anything that needs it.
                return Facts {
                    exact: Some(Vec::new()),
                    need: Some(Vec::new()),
                };
            }
            match members(class) {
                Some(m) => Facts {
                    exact: Some(m.clone()),
                    need: Some(m),
                },
                None => Facts::default(),
            }
        }
        HirKind::Capture(c) => facts(&c.sub),
        HirKind::Repetition(rep) => {
            let sub = facts(&rep.sub);
            match (rep.min, rep.max) {
                (0, Some(1)) => Facts {
                    exact: sub.exact.map(|mut v| {
                        v.push(Vec::new());
                        v
                    }),
                    need: None,
                },
                (1, Some(1)) => sub,
                (0, _) => Facts::default(),
                _ => Facts {
                    exact: None,
                    need: best(sub.need, sub.exact),
                },
            }
        }
        HirKind::Concat(subs) => {
            let parts: Vec<Facts> = subs.iter().map(facts).collect();
            let mut need: Option<Vec<Vec<u8>>> = None;
            // The strings of the current run of parts with exact strings.
            let mut run: Vec<Vec<u8>> = vec![Vec::new()];
            let mut whole: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            for p in &parts {
                need = best(need, p.need.clone());
                whole = match (&whole, &p.exact) {
                    (Some(w), Some(e)) => product(w, e),
                    _ => None,
                };
                match &p.exact {
                    Some(e) => match product(&run, e) {
                        Some(longer) => run = longer,
                        None => {
                            // Too many to combine: the run ends, a new one starts.
                            need = best(need, Some(std::mem::take(&mut run)));
                            run = e.clone();
                        }
                    },
                    None => {
                        need = best(need, Some(std::mem::replace(&mut run, vec![Vec::new()])));
                    }
                }
            }
            need = best(need, Some(run));
            Facts { exact: whole, need }
        }
        HirKind::Alternation(subs) => {
            let parts: Vec<Facts> = subs.iter().map(facts).collect();
            Facts {
                exact: union(parts.iter().map(|p| p.exact.clone())),
                need: union(parts.iter().map(|p| best(p.need.clone(), p.exact.clone()))),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Needles;

    fn may(pattern: &str, text: &str) -> bool {
        Needles::of(pattern)
            .expect("needles")
            .may_match(&text.to_ascii_lowercase())
    }

    #[test]
    fn needles_rule_out_only_texts_without_a_match() {
        let title = r"^\s*(?:Mandat|MANDAT)(?:\s+(?:for|FOR)|\s*[:–])\s+(?P<name>\S.*?)\s*$";
        assert!(may(title, "Mandat for rådet"));
        assert!(may(title, "ikke et MANDAT")); // a needle, yet no match: run the regex
        assert!(!may(title, "Oppdrag for rådet"));
        let header = r"(?i)^\s*kap(?:ittel|\.)?\s*/?\s*post\b|^\s*post\s+(?:betegnelse|navn)\b";
        assert!(may(header, "KAP. / POST"));
        assert!(may(header, "kap/po\u{17f}t"));
        assert!(!may(header, "Kapittel 3"));
        let cue = r"(?i)(?:styrings|rapporterings)kalender|årshjul|frister\s+for";
        assert!(may(cue, "Styringskalender 2025"));
        assert!(may(cue, "ÅRSHJUL"));
        assert!(!may(cue, "Fristen: se under"));
    }

    #[test]
    fn weak_or_missing_needles_give_none() {
        for pattern in [r"\d+", r"(?i)a|b", r"[a-z]+\s+ab", r".*"] {
            assert!(Needles::of(pattern).is_none(), "{pattern}");
        }
    }

    #[test]
    fn bundled_line_rules_have_needles_and_cues_their_rewrite() {
        let rules = crate::RuleSet::bundled();
        assert!(rules.mandates.title_needles.is_some());
        assert!(rules.mandates.section_heading_needles.is_some());
        assert!(rules.tables.budget.header_needles.is_some());
        assert!(rules.tables.calendar.heading_needles.is_some());
        let d = &rules.deadlines;
        for re in [&d.cue, &d.exclude, &d.by_agreement, &d.not_by_agreement] {
            assert!(re.on_folded().is_some(), "{}", re.regex.as_str());
        }
    }

    #[test]
    fn ranges_with_a_needle_within_are_marked_and_no_others_but_across() {
        let n = Needles::of("(?i)(?:skal|mandat|følgende)").unwrap();
        let pieces = [
            "skal", "ska", "l", "mandat", "man", "dat", "x", " ", "\n", "følg", "ende",
        ];
        let mut next = crate::test_rng::numbers(11);
        for _ in 0..3_000 {
            let text: String = (0..next() % 30)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let mut ranges = Vec::new();
            let mut start = 0;
            for line in text.split('\n') {
                ranges.push(start..start + line.len());
                start += line.len() + 1;
            }
            let got = n.ranges_may_match(&text, &ranges);
            for (r, &g) in ranges.iter().zip(&got) {
                // Marked when a needle is within; else only when one crosses in.
                let within = n.may_match(&text[r.clone()]);
                let touched = n.words().iter().any(|w| {
                    text.match_indices(w.as_str())
                        .any(|(i, m)| i < r.end && r.start < i + m.len())
                });
                assert!(g || !within, "{text:?} {r:?}");
                assert!(!g || touched, "{text:?} {r:?}");
            }
        }
    }

    #[test]
    fn ranges_hold_a_needle_within_or_across() {
        let n = Needles::of("(?i)mandat").unwrap();
        let text = "et mandat\nmand\nat\nMANDAT her".to_ascii_lowercase();
        let ranges = [0..9, 10..14, 15..17, 18..28];
        assert_eq!(
            n.ranges_may_match(&text, &ranges),
            [true, false, false, true]
        );
    }
}
