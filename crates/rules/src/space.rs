//! Whether a text is in normal space form: its words as
//! `str::split_whitespace` splits them, one ASCII space between them.

/// Returns whether `s` is its own normal form under
/// [`crate::normalize_space`]: no space at either end, no two spaces in a
/// row, and no whitespace but ASCII spaces.
///
/// Tested without decoding every character: every whitespace character but
/// the ASCII ones starts with one of the bytes 0xC2, 0xE1–0xE3 (U+0085,
/// U+00A0, U+1680, U+2000–U+3000); only where one of those or an ASCII
/// control space stands is the text looked at closer.
pub fn is_normal_space(s: &str) -> bool {
    let bytes = s.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    match space_scan(bytes) {
        Scan::TwoSpaces => false,
        Scan::MaybeOther => !has_other_space(s),
        Scan::Clean => true,
    }
}

/// What [`space_scan`] found.
#[derive(Debug, PartialEq, Eq)]
enum Scan {
    /// Two spaces stand in a row.
    TwoSpaces,
    /// No two spaces in a row, but a byte that may start whitespace other
    /// than a space (an ASCII control space, or 0xC2, 0xE1–0xE3).
    MaybeOther,
    /// Neither.
    Clean,
}

/// Looks for two spaces in a row and for the bytes that may start other
/// whitespace in one pass, 32 byte pairs `(bytes[i], bytes[i + 1])` at a
/// time without branching inside a step (so the compiler can vectorise).
/// The last step reads a copy padded with zero bytes, which are neither a
/// space nor such a byte: the answer is that of the bytes alone.
fn space_scan(bytes: &[u8]) -> Scan {
    #[inline(always)]
    fn step(w: &[u8; 33]) -> (bool, bool) {
        let (mut pair, mut other) = (false, false);
        for k in 0..32 {
            pair |= (w[k] == b' ') & (w[k + 1] == b' ');
            other |= matches!(w[k], b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3);
        }
        (pair, other)
    }
    let mut other = false;
    let mut i = 0;
    while let Some(w) = bytes
        .get(i..i + 33)
        .and_then(|w| <&[u8; 33]>::try_from(w).ok())
    {
        let (p, o) = step(w);
        if p {
            return Scan::TwoSpaces;
        }
        other |= o;
        i += 32;
    }
    let rest = bytes.get(i..).unwrap_or_default();
    let mut last = [0u8; 33];
    last[..rest.len()].copy_from_slice(rest);
    let (p, o) = step(&last);
    if p {
        Scan::TwoSpaces
    } else if other | o {
        Scan::MaybeOther
    } else {
        Scan::Clean
    }
}

/// Returns whether `s` holds whitespace other than an ASCII space, decoding
/// only the characters at the bytes that may start one (0xC2, 0xE1–0xE3
/// start a character: `s[i..]` is at a character boundary there).
fn has_other_space(s: &str) -> bool {
    s.bytes().enumerate().any(|(i, b)| match b {
        b'\t'..=b'\r' => true,
        0xC2 | 0xE1..=0xE3 => s[i..].chars().next().is_some_and(char::is_whitespace),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::is_normal_space;

    /// The definition: the text is its words joined by one space.
    fn by_definition(s: &str) -> bool {
        s.split_whitespace().collect::<Vec<_>>().join(" ") == s
    }

    #[test]
    fn normal_space_holds_at_every_chunk_position() {
        // Two spaces, a tab or a no-break space at each position of texts
        // that span several 32-byte steps and an uneven tail.
        for len in [3, 31, 32, 33, 34, 64, 65, 66, 100] {
            let base: String = "abcdefghij".chars().cycle().take(len).collect();
            for at in 0..len {
                for put in [
                    "  ", "\t", "\u{a0}", " ", "\u{2013}", "ø", "\u{3000}", "\u{85}",
                ] {
                    let s = format!("{}{put}{}", &base[..at], &base[at + 1..]);
                    assert_eq!(is_normal_space(&s), by_definition(&s), "{s:?}");
                }
            }
        }
        for s in ["", " ", "a", "a b", "a\u{2028}b", "a\u{1680}b", "«a» § 3"] {
            assert_eq!(is_normal_space(s), by_definition(s), "{s:?}");
        }
    }

    #[test]
    fn normal_space_is_tested_as_by_every_character() {
        let by_chars = |s: &str| {
            !s.starts_with(' ')
                && !s.ends_with(' ')
                && !s.contains("  ")
                && !s.chars().any(|c| c.is_whitespace() && c != ' ')
        };
        let chars = [
            'a', 'ø', '–', '§', ' ', ' ', '\t', '\n', '\u{85}', '\u{a0}', '\u{1680}', '\u{2003}',
            '\u{2028}', '\u{202f}', '\u{3000}', '\u{200b}', 'é',
        ];
        let mut next = crate::test_rng::numbers(5);
        let (mut yes, mut no) = (0, 0);
        for _ in 0..20_000 {
            // Mostly letters and single spaces, over several 32-byte chunks.
            let s: String = (0..next() % 60)
                .map(|_| match next() % 10 {
                    0..=5 => 'x',
                    6 | 7 => ' ',
                    _ => chars[next() % chars.len()],
                })
                .collect();
            let want = by_chars(&s);
            assert_eq!(is_normal_space(&s), want, "{s:?}");
            if want {
                yes += 1;
            } else {
                no += 1;
            }
        }
        assert!(yes > 1_000 && no > 1_000, "{yes} {no}");
    }
}
