//! The owner unit of a code line read from the unit pattern's match alone,
//! where that is its group ([`UnitEdges`]).

/// The characters of `\s`, for reading the owner unit's group from the
/// match of `^\s*(?P<unit>UNIT)(?:\s+|$)` alone, without a capture
/// extraction: the group is the match with the `\s` characters at either end
/// taken off, when no match of UNIT starts or ends with one ([`UnitEdges::of`]
/// checks that on the pattern).
///
/// Why: the match is some `\s` characters, UNIT's match, and some `\s`
/// characters or none (`\s+` or `$`). UNIT's match starts with a character
/// that is not `\s`, so the leading `\s*` took all of them before it and no
/// more: the group starts at the match's first character that is not `\s`.
/// It ends with one that is not `\s`, after which the match holds only `\s`
/// characters: the group ends after the match's last character that is not
/// `\s`. The set is the regex crate's own class for `\s` (as parsed), so
/// the trimmed characters are those the pattern's `\s` matches.
#[derive(Debug)]
pub(super) struct UnitEdges {
    /// The ranges of `\s`, in order.
    space: Vec<(char, char)>,
}

impl UnitEdges {
    /// The edges of `unit` (the rule's unit pattern, `\b` rewritten as the
    /// rules compile it), or `None` when a match of it may start or end with
    /// a `\s` character, may be empty, or the pattern is not read (bytes).
    pub(super) fn of(unit: &str) -> Option<UnitEdges> {
        use regex_syntax::hir::{Class, HirKind};
        let hir = regex_syntax::Parser::new().parse(unit).ok()?;
        let space_hir = regex_syntax::Parser::new().parse(r"\s").ok()?;
        let HirKind::Class(Class::Unicode(space)) = space_hir.kind() else {
            return None;
        };
        let (first, empty) = edge(&hir, true)?;
        let (last, _) = edge(&hir, false)?;
        for mut set in [first, last] {
            set.intersect(space);
            if !set.ranges().is_empty() {
                return None;
            }
        }
        if empty {
            return None;
        }
        Some(UnitEdges {
            space: space
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
        })
    }

    /// Returns whether `c` is a `\s` character.
    pub(super) fn is_space(&self, c: char) -> bool {
        self.space.iter().any(|&(a, b)| a <= c && c <= b)
    }
}

/// The characters a match of `hir` can start with (`front`) or end with
/// (else), and whether it can be empty; `None` where the pattern is not read
/// (byte classes, literals that are not UTF-8).
fn edge(
    hir: &regex_syntax::hir::Hir,
    front: bool,
) -> Option<(regex_syntax::hir::ClassUnicode, bool)> {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => Some((ClassUnicode::empty(), true)),
        HirKind::Literal(lit) => {
            let s = std::str::from_utf8(&lit.0).ok()?;
            let c = if front {
                s.chars().next()
            } else {
                s.chars().next_back()
            }?;
            Some((ClassUnicode::new([ClassUnicodeRange::new(c, c)]), false))
        }
        HirKind::Class(Class::Unicode(c)) => Some((c.clone(), false)),
        HirKind::Class(Class::Bytes(_)) => None,
        HirKind::Repetition(r) => {
            let (c, empty) = edge(&r.sub, front)?;
            Some((c, empty || r.min == 0))
        }
        HirKind::Capture(c) => edge(&c.sub, front),
        HirKind::Concat(parts) => {
            let mut set = ClassUnicode::empty();
            let mut at = |h: &regex_syntax::hir::Hir| -> Option<bool> {
                let (c, empty) = edge(h, front)?;
                set.union(&c);
                Some(empty)
            };
            let mut empty = true;
            if front {
                for h in parts {
                    if !at(h)? {
                        empty = false;
                        break;
                    }
                }
            } else {
                for h in parts.iter().rev() {
                    if !at(h)? {
                        empty = false;
                        break;
                    }
                }
            }
            Some((set, empty))
        }
        HirKind::Alternation(parts) => {
            let mut set = ClassUnicode::empty();
            let mut empty = false;
            for h in parts {
                let (c, e) = edge(h, front)?;
                set.union(&c);
                empty |= e;
            }
            Some((set, empty))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnitEdges;

    #[test]
    fn units_that_may_start_or_end_with_space_are_read_from_groups() {
        for p in [
            r"[A-Z]{2,5}",
            r"[A-Z]+(?:\s*/\s*[A-Z]+)*",
            r"\bX\b|Y(?:\s+Z)?",
            r"(A)\)",
        ] {
            assert!(UnitEdges::of(p).is_some(), "{p}");
        }
        for p in [
            r"\s*[A-Z]+",
            r"[A-Z]+\s?",
            r"[A-Z]* ",
            r"(?:x| y)",
            r"[A-Z]?",
            r"(?-u:\xff)",
            r"x|",
            r"[^A-Z]+",
            r"\u{a0}X",
            "X\u{2003}",
            r"(",
        ] {
            assert!(UnitEdges::of(p).is_none(), "{p}");
        }
    }
}
