//! The body gazetteer (`rules/bodies.tsv` + `rules/bodies.toml`): finds
//! organisations in text and gives their canonical names.
//!
//! Names are matched with one Aho-Corasick automaton over every canonical
//! name, alias and generated inflected form (genitive "FHIs", definite plural
//! "RHF-ene"), leftmost-longest, on word boundaries. Organisations missing
//! from the gazetteer are recognised by their shape ("... HF", "... kommune",
//! "...direktoratet") and reported under their printed name, normalised.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::needle::Needles;
use crate::source::{folded_automaton, lower_first, Errors, RuleFile};

mod shape;

use shape::{mask, Require, Shape};

/// One row of `bodies.tsv`: a canonical name, its aliases and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    /// The canonical name, as records report it.
    pub canonical: String,
    /// Other printed names (abbreviations, older names, inflected forms).
    pub aliases: Vec<String>,
    /// The kind column: `ministry`, `directorate`, `group`, ...
    pub kind: String,
}

/// How a [`BodyMatch`] was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyOrigin {
    /// A name or alias in the gazetteer.
    Gazetteer,
    /// A context word ("direktoratet", "departementet") resolved through
    /// [`BodyContext`].
    Context,
    /// An unknown organisation recognised by its shape.
    Shape,
}

/// A body found in text. Names and kinds are borrowed from the gazetteer
/// (or the [`BodyContext`]) where they are its own, so a match allocates
/// only for a name read by its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyMatch<'g> {
    /// Byte range of the printed name in the searched text.
    pub span: Range<usize>,
    /// Canonical name (the printed name, normalised, for shape matches).
    pub canonical: Cow<'g, str>,
    /// The gazetteer kind (`ministry`, `directorate`, ...); `shape` for shape
    /// matches.
    pub kind: &'g str,
    /// How the body was recognised.
    pub origin: BodyOrigin,
}

/// What "direktoratet" and "departementet" mean in one letter.
#[derive(Clone, Copy, Debug, Default)]
pub struct BodyContext<'a> {
    /// Canonical name of the letter's recipient.
    pub recipient: Option<&'a str>,
    /// Canonical name of the letter's issuer.
    pub issuer: Option<&'a str>,
}

/// The gazetteer kinds of a [`BodyContext`]'s bodies, looked up once
/// ([`Gazetteer::context_kinds`]) for many searches of one letter.
#[derive(Clone, Copy, Debug, Default)]
pub struct ContextKinds<'g> {
    /// The recipient's kind (`directorate` when the gazetteer lacks it).
    pub recipient: Option<&'g str>,
    /// The issuer's kind (`ministry` when the gazetteer lacks it).
    pub issuer: Option<&'g str>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct BodiesFile {
    #[serde(default)]
    context: ContextWords,
    #[serde(default)]
    inflection: Inflection,
    #[serde(default)]
    shape: Vec<ShapeRule>,
    #[serde(default)]
    cues: CueWords,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ContextWords {
    #[serde(default)]
    recipient: Vec<String>,
    #[serde(default)]
    issuer: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Inflection {
    #[serde(default)]
    genitive: Vec<String>,
    #[serde(default)]
    acronym_suffixes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ShapeRule {
    name: String,
    pattern: String,
    #[serde(default)]
    strip_genitive: bool,
    #[serde(default)]
    require: Vec<String>,
}

/// Cue phrases that give a body a role in an assignment (`[cues]` in `bodies.toml`).
#[derive(Clone, Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CueWords {
    /// Phrases that introduce collaborators: "i samarbeid med", "bistå".
    #[serde(default)]
    pub partner: Vec<String>,
    /// Phrases after which named bodies are *not* partners ("egne oppdrag").
    #[serde(default)]
    pub not_partner: Vec<String>,
    /// Kinds (from `bodies.tsv`) that are never partners or responsible.
    #[serde(default)]
    pub never_kinds: Vec<String>,
    /// Kinds that are partners only right after a cue ("bistå departementet").
    #[serde(default)]
    pub direct_only_kinds: Vec<String>,
    /// The cues after which `direct_only_kinds` count ("bistå").
    #[serde(default)]
    pub direct_cues: Vec<String>,
    /// Verbs/phrases that make bodies joined to the recipient by "og"
    /// co-responsible ("bes X og Y om").
    #[serde(default)]
    pub responsible: Vec<String>,
}

#[derive(Debug)]
enum Target {
    Body(usize),
    Recipient,
    Issuer,
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    bodies: Vec<Body>,
    automaton: Names,
    targets: Vec<Target>,
    by_name: HashMap<String, usize>,
    shapes: Vec<Shape>,
    partner_cues: AhoCorasick,
    direct: Vec<bool>,
    inner: Vec<bool>,
    /// The role cue phrases of `bodies.toml`.
    pub cues: CueWords,
}

impl Gazetteer {
    pub(crate) fn compile(
        tsv: &RuleFile,
        toml: &RuleFile,
        errors: &mut Errors,
    ) -> Option<Gazetteer> {
        let bodies = parse_tsv(tsv, errors);
        let file: BodiesFile = match toml.toml() {
            Ok(f) => f,
            Err(err) => {
                errors.push(err);
                return None;
            }
        };
        let mut patterns: Vec<String> = Vec::new();
        let mut targets = Vec::new();
        let mut by_name = HashMap::new();
        for (i, body) in bodies.iter().enumerate() {
            let names = std::iter::once(&body.canonical).chain(&body.aliases);
            for name in names {
                by_name.entry(fold(name)).or_insert(i);
                for form in forms(name, &file.inflection) {
                    by_name.entry(fold(&form)).or_insert(i);
                    patterns.push(form);
                    targets.push(Target::Body(i));
                }
            }
        }
        for (words, target) in [(&file.context.recipient, 0), (&file.context.issuer, 1)] {
            for w in words {
                patterns.push(w.clone());
                targets.push(if target == 0 {
                    Target::Recipient
                } else {
                    Target::Issuer
                });
            }
        }
        let automaton = match Names::new(&patterns) {
            Ok(a) => a,
            Err(err) => {
                errors.file(tsv, format!("cannot build the name automaton: {err}"));
                return None;
            }
        };
        let mut shapes = Vec::new();
        for (i, rule) in file.shape.iter().enumerate() {
            if let Some(re) = errors.regex(toml, i + 1, &rule.name, &rule.pattern) {
                // The mask byte of `Shape::all_overlap` must be in no needle.
                let needles = Needles::of_min(&rule.pattern, 2)
                    .filter(|n| n.words().iter().all(|w| !w.contains('\0')));
                shapes.push(Shape {
                    re,
                    strip: rule.strip_genitive,
                    require: Require::new(&rule.require),
                    needles,
                });
            }
        }
        // A cue written "*samarbeid" also matches inside a word ("etatssamarbeidet").
        let cue_words: Vec<&str> = file
            .cues
            .partner
            .iter()
            .map(|c| c.trim_start_matches('*'))
            .collect();
        let inner: Vec<bool> = file
            .cues
            .partner
            .iter()
            .map(|c| c.starts_with('*'))
            .collect();
        let partner_cues = match folded_automaton(&cue_words, MatchKind::LeftmostLongest) {
            Ok(a) => a,
            Err(err) => {
                errors.file(toml, format!("cues.partner: {err}"));
                return None;
            }
        };
        let direct = file
            .cues
            .partner
            .iter()
            .map(|c| {
                file.cues
                    .direct_cues
                    .iter()
                    .any(|d| c.starts_with(d.as_str()) || d.starts_with(c.as_str()))
            })
            .collect();
        Some(Gazetteer {
            inner,
            partner_cues,
            direct,
            bodies,
            automaton,
            targets,
            by_name,
            shapes,
            cues: file.cues,
        })
    }

    /// Finds the partner cues of `[cues] partner` in `text` (at the start of
    /// a word, ASCII case-insensitively): byte ranges, and whether the cue is
    /// one of `direct_cues`.
    pub fn partner_cues(&self, text: &str) -> Vec<(Range<usize>, bool)> {
        self.partner_cues_in(text, &text.to_ascii_lowercase())
    }

    /// [`Gazetteer::partner_cues`] given the text folded as well (`folded
    /// == text.to_ascii_lowercase()`), for callers that fold once.
    pub fn partner_cues_in(&self, text: &str, folded: &str) -> Vec<(Range<usize>, bool)> {
        // The cues match ASCII-case-insensitively: search the folded text
        // (same byte offsets), test word starts in the text as printed.
        self.partner_cues
            .find_iter(folded)
            .filter(|m| {
                self.inner[m.pattern().as_usize()]
                    || !text[..m.start()]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
            })
            .map(|m| (m.start()..m.end(), self.direct[m.pattern().as_usize()]))
            .collect()
    }

    /// Returns every body of the gazetteer, in file order.
    pub fn bodies(&self) -> &[Body] {
        &self.bodies
    }

    /// Returns the canonical name of a printed name or alias (any inflected
    /// form, case-insensitively), or `None` when it is not in the gazetteer.
    pub fn canonical(&self, printed: &str) -> Option<&str> {
        let key = fold(&normalize_space(printed));
        self.by_name
            .get(&key)
            .map(|&i| self.bodies[i].canonical.as_str())
    }

    /// Returns the gazetteer kind of a canonical name, if known.
    pub fn kind_of(&self, canonical: &str) -> Option<&str> {
        self.by_name
            .get(&fold(canonical))
            .map(|&i| self.bodies[i].kind.as_str())
    }

    /// Finds every body named in `text`, in text order, without overlaps.
    ///
    /// Gazetteer names win over shapes where they overlap. Context words
    /// ("direktoratet") resolve through `context` and are skipped when the
    /// context does not know the body.
    pub fn find<'g>(&'g self, text: &str, context: &BodyContext<'g>) -> Vec<BodyMatch<'g>> {
        self.find_known(text, context, &ContextKinds::default())
    }

    /// The kinds [`Gazetteer::find`] gives the bodies of `context`, looked
    /// up now.
    pub fn context_kinds<'g>(&'g self, context: &BodyContext<'g>) -> ContextKinds<'g> {
        ContextKinds {
            recipient: context
                .recipient
                .map(|r| self.kind_of(r).unwrap_or("directorate")),
            issuer: context
                .issuer
                .map(|r| self.kind_of(r).unwrap_or("ministry")),
        }
    }

    /// [`Gazetteer::find`] with the kinds of `context`'s bodies that are
    /// known already (from [`Gazetteer::context_kinds`] for the same
    /// context); the others are looked up at their first mention.
    pub fn find_known<'g>(
        &'g self,
        text: &str,
        context: &BodyContext<'g>,
        kinds: &ContextKinds<'g>,
    ) -> Vec<BodyMatch<'g>> {
        let mut out: Vec<BodyMatch<'g>> = Vec::new();
        // The kinds of the context's bodies, looked up at their first mention.
        let (mut recipient_kind, mut issuer_kind) = (kinds.recipient, kinds.issuer);
        for m in self.automaton.find_iter(text) {
            if !at_word_boundary(text, m.start(), m.end()) {
                continue;
            }
            let (canonical, kind, origin) = match self.targets[m.pattern().as_usize()] {
                Target::Body(i) => (
                    Cow::Borrowed(self.bodies[i].canonical.as_str()),
                    self.bodies[i].kind.as_str(),
                    BodyOrigin::Gazetteer,
                ),
                Target::Recipient => match context.recipient {
                    Some(r) => (
                        Cow::Borrowed(r),
                        *recipient_kind
                            .get_or_insert_with(|| self.kind_of(r).unwrap_or("directorate")),
                        BodyOrigin::Context,
                    ),
                    None => continue,
                },
                Target::Issuer => match context.issuer {
                    Some(r) => (
                        Cow::Borrowed(r),
                        *issuer_kind.get_or_insert_with(|| self.kind_of(r).unwrap_or("ministry")),
                        BodyOrigin::Context,
                    ),
                    None => continue,
                },
            };
            out.push(BodyMatch {
                span: m.start()..m.end(),
                canonical,
                kind,
                origin,
            });
        }
        let known = out.len();
        // The text folded, with the gazetteer's names masked: made at the
        // first shape that needs it.
        let mut masked: Option<Vec<u8>> = None;
        for shape in &self.shapes {
            if let Some(needles) = &shape.needles {
                let masked = masked.get_or_insert_with(|| mask(text, &out[..known]));
                if !needles.in_bytes(masked) {
                    // No match, or every match would overlap a name found above.
                    continue;
                }
            }
            if !shape.require.any_in(text) {
                continue;
            }
            let (re, strip) = (&shape.re, &shape.strip);
            for m in re.find_iter(text) {
                if !at_word_boundary(text, m.start(), m.end()) {
                    continue;
                }
                if out[..known]
                    .iter()
                    .any(|b| b.span.start < m.end() && m.start() < b.span.end)
                {
                    continue;
                }
                if out[known..]
                    .iter()
                    .any(|b| b.span.start < m.end() && m.start() < b.span.end)
                {
                    continue;
                }
                let printed = normalize_space(m.as_str());
                let printed = if *strip {
                    strip_genitive(&printed)
                } else {
                    printed
                };
                let (canonical, kind) = match self.by_name.get(&fold(&printed)) {
                    Some(&i) => (
                        Cow::Borrowed(self.bodies[i].canonical.as_str()),
                        self.bodies[i].kind.as_str(),
                    ),
                    None => (Cow::Owned(printed), "shape"),
                };
                out.push(BodyMatch {
                    span: m.start()..m.end(),
                    canonical,
                    kind,
                    origin: BodyOrigin::Shape,
                });
            }
        }
        out.sort_by_key(|b| b.span.start);
        out
    }
}

/// The name automaton: every name, alias and inflected form, leftmost-longest.
///
/// The DFA is walked by [`Names::find_at`], which is the loop the
/// `aho-corasick` crate runs for a leftmost search without a prefilter (none
/// helps: names start with almost any letter), kept tight: the crate's
/// generic search spends about three times the instructions per byte.
#[derive(Debug)]
struct Names {
    dfa: aho_corasick::dfa::DFA,
    /// When a pattern is empty, the crate's own iterator (which steps over
    /// empty matches) is used instead of the loop.
    fallback: Option<AhoCorasick>,
}

impl Names {
    fn new(patterns: &[String]) -> Result<Names, aho_corasick::BuildError> {
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(patterns)?;
        let fallback = if patterns.iter().any(String::is_empty) {
            Some(
                AhoCorasick::builder()
                    .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns)?,
            )
        } else {
            None
        };
        Ok(Names { dfa, fallback })
    }

    /// Returns the leftmost-longest match starting at or after `at`.
    #[inline]
    fn find_at(&self, hay: &[u8], mut at: usize) -> Option<aho_corasick::Match> {
        use aho_corasick::automaton::Automaton;
        use aho_corasick::Anchored;
        let dfa = &self.dfa;
        let mut sid = dfa.start_state(Anchored::No).ok()?;
        let mut mat = None;
        while at < hay.len() {
            (at, sid) = walk(dfa, hay, at, sid);
            if !dfa.is_special(sid) {
                // The end of the text.
                break;
            }
            if dfa.is_dead(sid) {
                return mat;
            }
            if dfa.is_match(sid) {
                let pid = dfa.match_pattern(sid, 0);
                let len = dfa.pattern_len(pid);
                mat = Some(aho_corasick::Match::new(pid, (at - len)..at));
            }
        }
        mat
    }

    /// Returns the non-overlapping leftmost-longest matches in `text`.
    fn find_iter(&self, text: &str) -> Vec<aho_corasick::Match> {
        if let Some(ac) = &self.fallback {
            return ac.find_iter(text).collect();
        }
        let hay = text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(m) = self.find_at(hay, at) {
            // Patterns are not empty: every match ends past `at`.
            at = m.end();
            out.push(m);
        }
        out
    }
}

/// Steps `dfa` from state `sid` over `hay[at..]` up to and including the
/// first byte that leads to a special state (dead or match); returns the
/// offset after that byte and the state, or the end of `hay` and the state
/// there. The loop [`Names::find_at`] spends its time in, kept apart so that
/// only what the step needs lives in registers.
#[inline(never)]
fn walk(
    dfa: &aho_corasick::dfa::DFA,
    hay: &[u8],
    at: usize,
    mut sid: aho_corasick::automaton::StateID,
) -> (usize, aho_corasick::automaton::StateID) {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::Anchored;
    let rest = hay.get(at..).unwrap_or_default();
    // Eight bytes read at once, stepped through one by one (fewer loads and
    // loop tests per byte than a byte loop).
    let mut chunks = rest.chunks_exact(8);
    let mut base = at;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        for k in 0..8 {
            sid = dfa.next_state(Anchored::No, sid, (word >> (8 * k)) as u8);
            if dfa.is_special(sid) {
                return (base + k + 1, sid);
            }
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) {
            return (base + i + 1, sid);
        }
    }
    (hay.len(), sid)
}

/// Parses `bodies.tsv`: a header line, then `canonical<TAB>aliases<TAB>kind`
/// with aliases separated by `|`. Blank lines and `#` comments are skipped.
fn parse_tsv(file: &RuleFile, errors: &mut Errors) -> Vec<Body> {
    let mut bodies = Vec::new();
    for (n, line) in file.text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if n == 0 && line.starts_with("canonical")
            || line.trim().is_empty()
            || line.starts_with('#')
        {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 || cols[0].trim().is_empty() {
            errors.file(file, format!("line {}: expected 3 tab-separated columns (canonical, aliases, kind), found {}", n + 1, cols.len()));
            continue;
        }
        bodies.push(Body {
            canonical: cols[0].trim().to_string(),
            aliases: cols[1]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
            kind: cols[2].trim().to_string(),
        });
    }
    bodies
}

/// Returns the printed forms matched for one name: as written, with a
/// lower-case first letter (for long names), genitive forms and, for
/// acronyms, definite plural forms ("RHF-ene", "RHFene").
fn forms(name: &str, inflection: &Inflection) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let acronym = is_acronym(name);
    if !acronym && name.chars().count() > 6 {
        let lower = lower_first(name);
        if lower != name {
            out.push(lower);
        }
    }
    let base: Vec<String> = out.clone();
    for b in &base {
        if !b.ends_with('s') && !b.ends_with('x') && !b.ends_with('z') {
            for g in &inflection.genitive {
                out.push(format!("{b}{g}"));
            }
        }
    }
    if acronym {
        for suffix in &inflection.acronym_suffixes {
            out.push(format!("{name}{suffix}"));
        }
    }
    out
}

/// Returns whether `name` is an abbreviation: one word, mostly capitals.
fn is_acronym(name: &str) -> bool {
    !name.contains(' ')
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
        && name.chars().count() <= 8
}

/// Returns whether `start..end` in `text` is bounded by non-word characters.
fn at_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Case-folds a name for lookup.
fn fold(name: &str) -> String {
    name.to_lowercase()
}

/// Collapses runs of whitespace to one space and trims.
pub fn normalize_space(s: &str) -> String {
    into_normal_space(std::borrow::Cow::Borrowed(s))
}

/// [`normalize_space`] of a string the caller owns: returned as it is when
/// already in normal form, as most names and titles are (no copy).
pub(crate) fn normalize_space_owned(s: String) -> String {
    into_normal_space(std::borrow::Cow::Owned(s))
}

fn into_normal_space(s: std::borrow::Cow<'_, str>) -> String {
    if crate::space::is_normal_space(&s) {
        s.into_owned()
    } else {
        collapse_space(&s)
    }
}

/// Words of `s` joined by one space.
fn collapse_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Removes a genitive "s" from the last word of a shape-matched name
/// ("Havindustritilsynets" → "Havindustritilsynet").
fn strip_genitive(name: &str) -> String {
    for ending in ["ets", "ens", "ats", "ags", "unds", "ings", "as", "es"] {
        if name.ends_with(ending) && name.len() > ending.len() + 3 {
            return name[..name.len() - 1].to_string();
        }
    }
    name.to_string()
}

#[cfg(test)]
mod tests {
    use aho_corasick::{AhoCorasick, MatchKind};

    use super::{Names, Require};

    #[test]
    fn the_name_loop_finds_what_the_crate_finds() {
        let patterns: Vec<String> = [
            "FHI",
            "FHIs",
            "Helse",
            "Helse Sør-Øst",
            "Helse Sør-Øst RHF",
            "RHF",
            "RHF-ene",
            "Sør",
            "direktoratet",
            "Helsedirektoratet",
            "e",
            "ab",
            "abc",
            "bcd",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let names = Names::new(&patterns).unwrap();
        assert!(names.fallback.is_none());
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .unwrap();
        for text in [
            "",
            "FHIs rapport og Helse Sør-Øst RHF-ene, Helse Sør og RHF.",
            "Helsedirektoratet og direktoratet; abcd bcd abc ab e",
            "ØØØ Helse Sør-Øst RH",
        ] {
            let got: Vec<_> = names.find_iter(text);
            let want: Vec<_> = ac.find_iter(text).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // Random texts of every length around the eight-byte steps.
        let pieces = [
            "FHI",
            "s",
            " ",
            "Helse",
            "Sør-Øst",
            "RHF",
            "-ene",
            "ab",
            "c",
            "d",
            "Ø",
        ];
        let mut rng = crate::test_rng::numbers(11);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng() % 14 {
                text.push_str(pieces[rng() % pieces.len()]);
            }
            let got: Vec<_> = names.find_iter(&text);
            let want: Vec<_> = ac.find_iter(&text).collect();
            assert_eq!(got, want, "{text:?}");
        }
        // An empty pattern goes to the crate's iterator.
        let with_empty = Names::new(&["".to_string(), "a".to_string()]).unwrap();
        assert!(with_empty.fallback.is_some());
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(["", "a"])
            .unwrap();
        let want: Vec<_> = ac.find_iter("ba").collect();
        assert_eq!(with_empty.find_iter("ba"), want);
    }

    #[test]
    fn required_words_are_found_by_any_search() {
        let r = Require::new(&["HF".to_string(), "kommune".to_string()]);
        assert!(r.any_in("Sykehuset Østfold HF"));
        assert!(r.any_in("Oslo kommune"));
        assert!(!r.any_in("Sykehuset Østfold hf"));
        assert!(Require::new(&[]).any_in("alt"));
        assert!(Require::new(&[String::new()]).any_in("alt"));
    }
}
