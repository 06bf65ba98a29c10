//! The numbered heading tree of a document ("2.1.2 Oppdrag").

use oppdrag_model::Document;
use oppdrag_rules::RuleSet;

/// A position in a document: 0-based page index and 0-based line index on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// 0-based index into `Document::pages`.
    pub page: usize,
    /// 0-based index into `Page::lines`.
    pub line: usize,
}

/// One numbered heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    /// Where the heading line stands.
    pub pos: Pos,
    /// The number as printed, e.g. "2.1.2".
    pub number: String,
    /// Nesting depth: 1 for "2", 2 for "2.1", ...
    pub level: usize,
    /// The whole heading as printed, e.g. "2.1.2 Oppdrag".
    pub text: String,
}

/// The heading tree of one document, in document order.
#[derive(Clone, Debug, Default)]
pub struct Outline {
    /// Every heading, in document order.
    pub headings: Vec<Heading>,
}

impl Outline {
    /// Finds the numbered headings of `doc`.
    pub fn build(doc: &Document, rules: &RuleSet) -> Outline {
        let _ = (doc, rules);
        Outline::default()
    }

    /// Returns the heading path (outermost first) in force at `pos`.
    pub fn path_at(&self, pos: Pos) -> Vec<&Heading> {
        let mut path: Vec<&Heading> = Vec::new();
        for heading in self.headings.iter().take_while(|h| h.pos <= pos) {
            path.retain(|h| h.level < heading.level);
            path.push(heading);
        }
        path
    }
}
