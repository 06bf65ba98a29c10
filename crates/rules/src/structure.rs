//! Rules for document structure: numbered headings (`rules/headings.toml`)
//! and document-kind cues (`rules/documents.toml`).

use oppdrag_model::DocumentKind;
use regex::Regex;
use serde::Deserialize;

use crate::source::{Errors, RuleFile};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadingsFile {
    pattern: String,
    #[serde(default = "default_max_len")]
    max_len: usize,
    #[serde(default = "default_max_top")]
    max_top: u32,
    #[serde(default)]
    single_level_dot_is_list: bool,
    #[serde(default)]
    reject_end: Vec<String>,
    #[serde(default)]
    reject: Vec<Named>,
}

fn default_max_len() -> usize {
    120
}

fn default_max_top() -> u32 {
    20
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Named {
    name: String,
    pattern: String,
}

/// A line read as a numbered heading candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadingLine {
    /// The number parts: "2.1.2" → [2, 1, 2].
    pub number: Vec<u32>,
    /// The number as printed, without a trailing dot.
    pub printed: String,
    /// The heading title after the number.
    pub title: String,
}

/// Compiled heading rules.
#[derive(Debug)]
pub struct HeadingRules {
    pattern: Regex,
    /// Indices of the `num` and `title` groups of `pattern`, looked up once
    /// (by name it is a hash lookup per line).
    num: Option<usize>,
    title: Option<usize>,
    max_len: usize,
    max_top: u32,
    single_level_dot_is_list: bool,
    reject_end: Vec<String>,
    reject: Vec<Regex>,
}

impl HeadingRules {
    pub(crate) fn compile(file: &RuleFile, errors: &mut Errors) -> Option<HeadingRules> {
        let f: HeadingsFile = match file.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let pattern = errors.regex(file, 0, "pattern", &f.pattern);
        if let Some(re) = &pattern {
            let names: Vec<&str> = re.capture_names().flatten().collect();
            for need in ["num", "title"] {
                if !names.contains(&need) {
                    errors.file(
                        file,
                        format!("pattern: needs a named group (?P<{need}>...)"),
                    );
                }
            }
        }
        let reject = f
            .reject
            .iter()
            .enumerate()
            .filter_map(|(i, r)| errors.regex(file, i + 1, &r.name, &r.pattern))
            .collect();
        let pattern = pattern?;
        let group = |name: &str| pattern.capture_names().position(|n| n == Some(name));
        Some(HeadingRules {
            num: group("num"),
            title: group("title"),
            pattern,
            max_len: f.max_len,
            max_top: f.max_top,
            single_level_dot_is_list: f.single_level_dot_is_list,
            reject_end: f.reject_end,
            reject,
        })
    }

    /// Reads `line` as a numbered heading, or `None` when its shape rules it
    /// out (too long, a list item "1. God helse", a sentence ending in ".").
    ///
    /// Whether the number fits the heading sequence is the outline's call.
    pub fn heading(&self, line: &str) -> Option<HeadingLine> {
        let t = line.trim();
        if !t.starts_with(|c: char| c.is_ascii_digit()) || t.len() > self.max_len {
            return None;
        }
        let caps = self.pattern.captures(t)?;
        let num = caps.get(self.num?)?.as_str();
        let title = caps.get(self.title?)?.as_str().trim();
        let dotted = num.ends_with('.');
        let printed = num.trim_end_matches('.');
        let number: Vec<u32> = printed
            .split('.')
            .map(|p| p.parse().ok())
            .collect::<Option<_>>()?;
        if !number.first().is_some_and(|&n| n > 0 && n <= self.max_top) {
            return None;
        }
        if dotted && number.len() == 1 && self.single_level_dot_is_list {
            return None;
        }
        if self.reject_end.iter().any(|e| title.ends_with(e.as_str())) {
            return None;
        }
        if self.reject.iter().any(|re| re.is_match(title)) {
            return None;
        }
        Some(HeadingLine {
            number,
            printed: printed.to_string(),
            title: title.to_string(),
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentsFile {
    #[serde(default = "default_window")]
    window: usize,
    kind: Vec<KindRule>,
}

fn default_window() -> usize {
    4000
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KindRule {
    kind: DocumentKind,
    pattern: String,
}

/// Compiled document-kind cues.
#[derive(Debug)]
pub struct KindRules {
    window: usize,
    kinds: Vec<(DocumentKind, Regex)>,
}

impl KindRules {
    pub(crate) fn compile(file: &RuleFile, errors: &mut Errors) -> Option<KindRules> {
        let f: DocumentsFile = match file.toml() {
            Ok(f) => f,
            Err(e) => {
                errors.push(e);
                return None;
            }
        };
        let kinds = f
            .kind
            .iter()
            .enumerate()
            .filter_map(|(i, k)| {
                let name = format!("{:?}", k.kind);
                errors
                    .regex(file, i + 1, &name, &k.pattern)
                    .map(|re| (k.kind, re))
            })
            .collect();
        Some(KindRules {
            window: f.window,
            kinds,
        })
    }

    /// Classifies a document from the start of its text: the kind whose cue
    /// occurs first within the window; `None` when no cue occurs.
    pub fn classify(&self, text: &str) -> Option<DocumentKind> {
        let mut end = self.window.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = &text[..end];
        self.kinds
            .iter()
            .filter_map(|(k, re)| re.find(head).map(|m| (m.start(), *k)))
            .min_by_key(|&(start, _)| start)
            .map(|(_, k)| k)
    }
}
