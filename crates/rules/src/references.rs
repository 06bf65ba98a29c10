//! Assignment codes and document references (`rules/codes.toml`,
//! `rules/references.toml`): "TB2023-01", "Prop. 1 S (2023–2024)",
//! "Meld. St. 24 (2022–2023)", "NOU 2023: 5", normalised.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;

use crate::source::{group_index, Errors, RuleFile};
use crate::window::Windows;

mod edges;
use edges::UnitEdges;

/// What a [`Reference`] refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceKind {
    /// An assignment code such as `TB2023-01`.
    Code,
    /// A public document such as `Prop. 1 S (2023–2024)`.
    Document,
}

/// A code or document reference found in text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Byte range in the searched text.
    pub span: Range<usize>,
    /// Code or document.
    pub kind: ReferenceKind,
    /// The normalised form: upper-case code, or the document identifier with
    /// one space between parts and an en dash between years.
    pub normalized: String,
    /// For codes: the year printed in the code.
    pub year: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodesFile {
    code: Vec<CodeRule>,
    unit: UnitRule,
    #[serde(default)]
    carry_over: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRule {
    name: String,
    pattern: String,
    #[serde(default = "default_code_format")]
    format: String,
}

fn default_code_format() -> String {
    "${prefix}${year}-${num}".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitRule {
    tag: String,
    unit: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferencesFile {
    document: Vec<DocRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocRule {
    name: String,
    pattern: String,
    format: String,
}

/// Compiled rules for assignment codes, owner-unit tags and references.
#[derive(Debug)]
pub struct CodeRules {
    codes: Vec<(Regex, Format)>,
    /// For each of `codes`: where its matches can be (searched only there).
    code_windows: Vec<Option<Windows>>,
    line_codes: Vec<(Regex, Format)>,
    tag: Regex,
    unit: Regex,
    /// The index of `unit`'s group `unit` (see [`group_index`]).
    unit_group: Option<usize>,
    /// The characters `\s` matches, when `unit`'s group is its match without
    /// those at either end (see [`UnitEdges`]); `None` when it may not be.
    unit_trim: Option<UnitEdges>,
    documents: Vec<(Regex, Format)>,
    carry_over: Vec<String>,
    carry_over_max: usize,
    /// Whether [`CodeRules::references_joined`] may search two texts joined
    /// by a space at once (see there): no `codes` or `documents` pattern
    /// has a line or text anchor, or matches the empty string.
    joinable: bool,
}

/// A line that starts with an assignment code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLine {
    /// The normalised code.
    pub code: String,
    /// The year printed in the code.
    pub year: Option<i32>,
    /// Whether an owner tag ("Avd.HOD:") follows the code.
    pub tagged: bool,
    /// The owner unit after the tag ("FHA", "KTA/SHA"), if on this line.
    pub unit: Option<String>,
    /// The rest of the line after code, tag and unit, trimmed.
    pub rest: String,
}

impl CodeRules {
    pub(crate) fn compile(
        codes: &RuleFile,
        refs: &RuleFile,
        errors: &mut Errors,
    ) -> Option<CodeRules> {
        let c: CodesFile = match codes.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let r: ReferencesFile = match refs.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let mut out_codes = Vec::new();
        let mut line_codes = Vec::new();
        for (i, rule) in c.code.iter().enumerate() {
            let Some(re) = errors.regex(codes, i + 1, &rule.name, &rule.pattern) else {
                continue;
            };
            let names: Vec<&str> = re.capture_names().flatten().collect();
            if !names.contains(&"num") {
                errors.rule(
                    codes,
                    i + 1,
                    &rule.name,
                    "pattern needs a named group (?P<num>...)",
                );
                continue;
            }
            if let Some(anchored) = errors.regex(
                codes,
                i + 1,
                &rule.name,
                &format!(r"^\s*(?:{})", rule.pattern),
            ) {
                let format = Format::new(&rule.format, &anchored);
                line_codes.push((anchored, format));
            }
            let format = Format::new(&rule.format, &re);
            out_codes.push((re, format));
        }
        let tag = errors.regex(codes, 0, "unit.tag", &format!(r"^\s*(?:{})", c.unit.tag));
        let unit = errors.regex(
            codes,
            0,
            "unit.unit",
            &format!(r"^\s*(?P<unit>{})(?:\s+|$)", c.unit.unit),
        );
        let mut documents = Vec::new();
        for (i, rule) in r.document.iter().enumerate() {
            if let Some(re) = errors.regex(refs, i + 1, &rule.name, &rule.pattern) {
                let format = Format::new(&rule.format, &re);
                documents.push((re, format));
            }
        }
        let joinable = out_codes
            .iter()
            .chain(&documents)
            .all(|(re, _)| no_anchor_nor_empty_match(re.as_str()));
        Some(CodeRules {
            joinable,
            code_windows: out_codes.iter().map(|(re, _)| Windows::of(re)).collect(),
            codes: out_codes,
            line_codes,
            tag: tag?,
            unit_group: unit.as_ref().and_then(|re| group_index(re, "unit")),
            unit_trim: UnitEdges::of(&crate::source::ascii_boundaries(&c.unit.unit)),
            unit: unit?,
            documents,
            carry_over_max: c.carry_over.iter().map(|s| s.len() + 21).max().unwrap_or(0),
            carry_over: c.carry_over.iter().map(|s| s.to_lowercase()).collect(),
        })
    }

    /// The first code pattern, for tests.
    #[cfg(test)]
    pub(crate) fn code_regex(&self) -> Option<&Regex> {
        self.codes.first().map(|(re, _)| re)
    }

    /// Finds every assignment code and document reference in `text`, in
    /// text order.
    pub fn references(&self, text: &str) -> Vec<Reference> {
        let mut out: Vec<Reference> = Vec::new();
        // Folded for the windows' needles, once for every code pattern.
        let mut folded: Option<String> = None;
        for ((re, format), windows) in self.codes.iter().zip(&self.code_windows) {
            let all = match windows {
                Some(w) => {
                    let folded = folded.get_or_insert_with(|| text.to_ascii_lowercase());
                    w.captures(re, text, folded)
                }
                None => re.captures_iter(text).collect(),
            };
            for caps in all {
                let Some(m) = caps.get(0) else { continue };
                out.push(Reference {
                    span: m.range(),
                    kind: ReferenceKind::Code,
                    normalized: expand(&caps, format).to_uppercase(),
                    year: format.year(&caps),
                });
            }
        }
        for (re, format) in &self.documents {
            if !re.is_match(text) {
                continue;
            }
            for caps in re.captures_iter(text) {
                let Some(m) = caps.get(0) else { continue };
                out.push(Reference {
                    span: m.range(),
                    kind: ReferenceKind::Document,
                    normalized: expand(&caps, format),
                    year: None,
                });
            }
        }
        out.sort_by_key(|r| r.span.start);
        out.dedup_by(|b, a| b.span.start < a.span.end);
        out
    }

    /// The references of `first` and of `second`, each as
    /// [`CodeRules::references`] finds them (spans into `first` and into
    /// `second`), given `joined`, which is `first`, a space and `second`.
    ///
    /// Found with one search of `joined` where that gives the same answer:
    /// the patterns see the space between the two texts as they see either
    /// text's edge (a word boundary test treats both as no word character;
    /// `joinable` rules out the anchors that do not, and empty matches). So
    /// every match of a pattern in `first` or `second` alone is a match in
    /// `joined`, and the reverse for a match within one of them; when no
    /// match of the joined search reaches into the space, each text's
    /// leftmost-first matches are those of the joined search within it
    /// (searched alone, a text has no match that the joined search did not
    /// report, since none was hidden by a match across the space). When one
    /// does reach into it, or `joined` is not as promised, the two are
    /// searched alone.
    pub fn references_joined(
        &self,
        first: &str,
        second: &str,
        joined: &str,
    ) -> (Vec<Reference>, Vec<Reference>) {
        let t = first.len();
        let as_promised = joined.len() == t + 1 + second.len()
            && joined.as_bytes().get(t) == Some(&b' ')
            && joined.get(..t) == Some(first)
            && joined.get(t + 1..) == Some(second);
        if self.joinable && as_promised {
            let all = self.references(joined);
            if all.iter().all(|r| r.span.end <= t || r.span.start > t) {
                let (a, mut b): (Vec<Reference>, Vec<Reference>) =
                    all.into_iter().partition(|r| r.span.end <= t);
                for r in &mut b {
                    r.span = r.span.start - (t + 1)..r.span.end - (t + 1);
                }
                return (a, b);
            }
        }
        (self.references(first), self.references(second))
    }

    /// Normalises a printed code ("tb 2024 - 7" stays "TB2024-7"), or `None`
    /// when `text` is not a code.
    pub fn normalize_code(&self, text: &str) -> Option<String> {
        let text = text.trim();
        self.codes.iter().find_map(|(re, format)| {
            let caps = re.captures(text)?;
            (caps.get(0)?.range() == (0..text.len())).then(|| expand(&caps, format).to_uppercase())
        })
    }

    /// Reads a line that starts with a code: the code, the owner tag and
    /// unit, and the rest. `None` when the line does not start with a code.
    pub fn code_line(&self, line: &str) -> Option<CodeLine> {
        self.code_line_with(line, self.unit_trim.as_ref())
    }

    /// [`CodeRules::code_line`], the unit read from its match by `edges`
    /// where given, else from its groups.
    fn code_line_with(&self, line: &str, edges: Option<&UnitEdges>) -> Option<CodeLine> {
        let t = line.trim_start();
        if !digit_in_head(t.as_bytes()) || !t.chars().next()?.is_alphabetic() {
            return None;
        }
        for (re, format) in &self.line_codes {
            // Most lines fail at once; only a match pays for the groups.
            if !re.is_match(line) {
                continue;
            }
            let Some(caps) = re.captures(line) else {
                continue;
            };
            let end = caps.get(0)?.end();
            let code = expand(&caps, format).to_uppercase();
            let year = format.year(&caps);
            let mut rest = &line[end..];
            if rest.starts_with(|c: char| c.is_alphanumeric()) {
                return None;
            }
            let mut tagged = false;
            let mut unit = None;
            if let Some(t) = self.tag.find(rest) {
                tagged = true;
                rest = &rest[t.end()..];
                if let Some(edges) = edges {
                    // One search for the match, no capture extraction.
                    if let Some(m) = self.unit.find(rest) {
                        let group = m.as_str().trim_matches(|c| edges.is_space(c));
                        unit = Some(crate::bodies::normalize_space(group));
                        rest = &rest[m.end()..];
                    }
                } else if let Some(u) = self.unit.captures(rest) {
                    unit = self
                        .unit_group
                        .and_then(|i| u.get(i))
                        .map(|m| crate::bodies::normalize_space(m.as_str()));
                    rest = &rest[u.get(0).map_or(0, |m| m.end())..];
                }
            }
            return Some(CodeLine {
                code,
                year,
                tagged,
                unit,
                rest: rest.trim().to_string(),
            });
        }
        None
    }

    /// Reads an owner unit standing alone on a line ("SHA/KTA/FHA"); returns
    /// the unit and the rest of the line.
    pub fn unit_line(&self, line: &str) -> Option<(String, String)> {
        let caps = self.unit.captures(line)?;
        let unit = crate::bodies::normalize_space(caps.get(self.unit_group?)?.as_str());
        let rest = line[caps.get(0)?.end()..].trim().to_string();
        Some((unit, rest))
    }

    /// Returns whether `line` is the heading of a carry-over list
    /// ("Tidligere gitte oppdrag som ikke er ferdigstilt").
    pub fn is_carry_over_heading(&self, line: &str) -> bool {
        let t = line.trim();
        if t.len() > self.carry_over_max || !t.chars().next().is_some_and(char::is_alphabetic) {
            return false;
        }
        // The lower-cased line starts with the lower-cased first character:
        // a phrase that does not cannot match, and most lines stop here.
        let first = t.chars().next().and_then(|c| c.to_lowercase().next());
        if !self
            .carry_over
            .iter()
            .any(|c| c.is_empty() || c.chars().next() == first)
        {
            return false;
        }
        let t = t.trim_end_matches(':').trim();
        if t.is_ascii() {
            // Lower-casing ASCII text keeps its length: compare in place.
            return !t.is_empty()
                && self.carry_over.iter().any(|c| {
                    t.len() >= c.len()
                        && t.as_bytes()[..c.len()].eq_ignore_ascii_case(c.as_bytes())
                        && t.len() <= c.len() + 20
                });
        }
        // The lower-cased line starts with the lower-cased ASCII prefix of
        // the line: a phrase that differs from it there cannot match.
        let ascii = t.bytes().take_while(u8::is_ascii).count();
        let possible = self.carry_over.iter().any(|c| {
            let k = ascii.min(c.len());
            t.as_bytes()[..k].eq_ignore_ascii_case(&c.as_bytes()[..k])
        });
        if !possible {
            return false;
        }
        let l = t.to_lowercase();
        !l.is_empty()
            && self
                .carry_over
                .iter()
                .any(|c| l.starts_with(c.as_str()) && l.len() <= c.len() + 20)
    }
}

/// A rule's `format` ("${prefix}${year}-${num}"), with its group references
/// resolved to group indices of one regex when it is made only of literal
/// text and `${name}` references; other formats are expanded by the regex
/// crate each time.
#[derive(Debug)]
struct Format {
    raw: String,
    pieces: Option<Vec<Piece>>,
    /// Index of the `year` group, looked up once (by name it is a hash
    /// lookup per match).
    year: Option<usize>,
}

/// A piece of a parsed [`Format`].
#[derive(Debug)]
enum Piece {
    /// Literal text.
    Text(String),
    /// A group by index; `None` for a name the regex does not have, which
    /// expands to nothing (as `Captures::expand` does).
    Group(Option<usize>),
}

impl Format {
    fn new(raw: &str, re: &Regex) -> Format {
        Format {
            raw: raw.to_string(),
            pieces: Format::parse(raw, re),
            year: re.capture_names().position(|n| n == Some("year")),
        }
    }

    /// The year printed in the `year` group of `caps`, if it has one.
    fn year(&self, caps: &regex::Captures<'_>) -> Option<i32> {
        caps.get(self.year?)?.as_str().parse().ok()
    }

    fn parse(raw: &str, re: &Regex) -> Option<Vec<Piece>> {
        let mut pieces = Vec::new();
        let mut rest = raw;
        while let Some(at) = rest.find('$') {
            if at > 0 {
                pieces.push(Piece::Text(rest[..at].to_string()));
            }
            let after = rest[at + 1..].strip_prefix('{')?;
            let (name, tail) = after.split_once('}')?;
            let simple = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !simple {
                return None;
            }
            let index = re.capture_names().position(|n| n == Some(name));
            pieces.push(Piece::Group(index));
            rest = tail;
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_string()));
        }
        Some(pieces)
    }
}

/// Returns whether `pattern` has no line or text anchor (`^`, `$`, `\A`,
/// `\z`, in any mode) and matches no empty string: what
/// [`CodeRules::references_joined`] needs of every pattern. Word boundaries
/// are fine. `false` when the pattern does not parse.
fn no_anchor_nor_empty_match(pattern: &str) -> bool {
    use regex_syntax::hir::Look;
    let Ok(hir) = regex_syntax::Parser::new().parse(pattern) else {
        return false;
    };
    let props = hir.properties();
    let anchors = [
        Look::Start,
        Look::End,
        Look::StartLF,
        Look::EndLF,
        Look::StartCRLF,
        Look::EndCRLF,
    ];
    let looks = props.look_set();
    !anchors.iter().any(|&a| looks.contains(a)) && props.minimum_len().is_some_and(|n| n > 0)
}

/// Bytes at the start of a trimmed line in which a code line has a digit.
const CODE_HEAD: usize = 24;

/// Returns whether one of the first [`CODE_HEAD`] bytes of `bytes` is an
/// ASCII digit.
///
/// The same answer as `bytes.iter().take(CODE_HEAD).any(u8::is_ascii_digit)`,
/// eight bytes at a time: the head is copied into a zero-padded buffer (a
/// zero byte is no digit), and a byte `b` is a digit exactly when
/// `b ^ b'0'` is below 10. For a word `x` of such values, `(x - 0x0A..0A) &
/// !x & 0x80..80` is non-zero exactly when some byte of `x` is below 10 (the
/// lowest such byte borrows and sets its top bit; a byte at or above 0x80
/// never sets its bit in `!x`, and no borrow reaches a byte unless a lower
/// byte was below 10). Unit-tested against the bytewise scan.
fn digit_in_head(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut head = [0u8; CODE_HEAD];
    let n = bytes.len().min(CODE_HEAD);
    head[..n].copy_from_slice(&bytes[..n]);
    head.chunks_exact(8).any(|chunk| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'0'));
        x.wrapping_sub(ONES * 10) & !x & HIGH != 0
    })
}

/// Expands `format` with the groups of `caps`, whitespace squashed.
fn expand(caps: &regex::Captures<'_>, format: &Format) -> String {
    // Room for the match and the format's own text: no regrowth as a rule.
    let room = caps.get(0).map_or(0, |m| m.len()) + format.raw.len();
    let mut out = String::with_capacity(room);
    match &format.pieces {
        Some(pieces) => {
            for p in pieces {
                match p {
                    Piece::Text(t) => out.push_str(t),
                    Piece::Group(i) => {
                        if let Some(m) = i.and_then(|i| caps.get(i)) {
                            out.push_str(m.as_str());
                        }
                    }
                }
            }
        }
        None => caps.expand(&format.raw, &mut out),
    }
    crate::bodies::normalize_space_owned(out)
}

#[cfg(test)]
mod tests;
