//! Shape rules of the gazetteer: unknown organisations recognised by a
//! pattern, and the test that lets a shape's search be skipped.

use regex::Regex;

use super::BodyMatch;
use crate::needle::Needles;

/// A shape rule: an unknown organisation recognised by its pattern.
#[derive(Debug)]
pub(super) struct Shape {
    pub(super) re: Regex,
    /// Whether a genitive "s" is taken off the printed name.
    pub(super) strip: bool,
    pub(super) require: Require,
    /// Strings one of which every match of `re` holds, up to ASCII case
    /// (see [`Needles`]), for the test below; `None` when the pattern has
    /// no such set.
    pub(super) needles: Option<Needles>,
}

/// The bytes of `text` folded by [`str::to_ascii_lowercase`], with the
/// bytes of every span in `names` set to zero.
///
/// A shape's matches that overlap a gazetteer name are dropped. Every match
/// holds one of the shape's needles (in the folded text, at its own
/// offsets: see [`Needles`]); a needle that overlaps a name holds a zero
/// byte here, which no needle does (such needles are refused at compile
/// time). So when the masked bytes hold no needle, every needle of the text
/// overlaps a name, every match holds such a needle and overlaps that name,
/// and every match would be dropped: the shape's search is skipped, with
/// the same result.
pub(super) fn mask(text: &str, names: &[BodyMatch<'_>]) -> Vec<u8> {
    let mut bytes = text.to_ascii_lowercase().into_bytes();
    for b in names {
        if let Some(span) = bytes.get_mut(b.span.clone()) {
            span.fill(0);
        }
    }
    bytes
}

/// A shape's `require` list: literal strings of which one must occur in the
/// text before the shape's pattern is tried.
#[derive(Debug)]
pub(super) struct Require {
    words: Vec<String>,
    /// All words in one vector search; `None` when they do not suit one.
    packed: Option<aho_corasick::packed::Searcher>,
}

impl Require {
    pub(super) fn new(words: &[String]) -> Require {
        let packed = if words.is_empty() || words.iter().any(String::is_empty) {
            None
        } else {
            aho_corasick::packed::Config::new()
                .builder()
                .extend(words)
                .build()
        };
        Require {
            words: words.to_vec(),
            packed,
        }
    }

    /// Returns whether one of the words occurs in `text` (always, for an
    /// empty list).
    pub(super) fn any_in(&self, text: &str) -> bool {
        if self.words.is_empty() {
            return true;
        }
        match &self.packed {
            Some(p) => p.find(text).is_some(),
            None => self.words.iter().any(|w| text.contains(w.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{BodyContext, RuleSet};

    /// The shapes skipped by their needles give what they give searched.
    #[test]
    fn skipping_shapes_by_needles_changes_no_result() {
        let skipping = RuleSet::bundled();
        let mut searching = RuleSet::bundled();
        for shape in &mut searching.bodies.shapes {
            shape.needles = None;
        }
        assert!(skipping.bodies.shapes.iter().any(|s| s.needles.is_some()));
        let words = [
            "Helsedirektoratet",
            "direktoratet",
            "Direktoratet",
            "Sjødirektoratet",
            "og",
            "Sykehuset Østfold HF",
            "Norsk helsenett SF",
            "HF",
            "hf",
            "RHF-ene",
            "Oslo kommune",
            "Bergen",
            "kommune",
            "Nasjonalt senter for",
            "e-helse",
            "FHI",
            "skal",
            ",",
            ".",
            "Haukeland universitetssykehus",
            "Pasientforeningen",
            "departementet",
            "Helse- og omsorgsdepartementet",
            "Tilsynet",
            "rådet",
            "Språkrådet",
            "\n",
        ];
        let contexts = [
            BodyContext::default(),
            BodyContext {
                recipient: Some("Helsedirektoratet"),
                issuer: Some("Helse- og omsorgsdepartementet"),
            },
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let w = words[(seed % words.len() as u64) as usize];
                // Words joined with and without a space (names inside words).
                if seed & 0x100 != 0 {
                    text.push(' ');
                }
                text.push_str(w);
            }
            for ctx in &contexts {
                assert_eq!(
                    skipping.bodies.find(&text, ctx),
                    searching.bodies.find(&text, ctx),
                    "{text:?}"
                );
            }
        }
    }
}
