use regex::Regex;

use super::{digit_in_head, expand, no_anchor_nor_empty_match, Format, CODE_HEAD};
use crate::RuleSet;

#[test]
fn joined_texts_give_what_each_gives_alone() {
    let rules = RuleSet::bundled();
    let codes = &rules.codes;
    assert!(codes.joinable);
    let texts = [
        "",
        "Oppfølging av Meld. St. 24 (2022–2023)",
        "Se TB2024-07 og Prop. 1 S (2023–2024).",
        "TB2024",
        "- 07 skal følges opp, jf. NOU 2023: 5",
        "-07 og TB2025-3",
        "Prop. 1",
        "S (2024–2025) og Innst. 12 S (2024–2025)",
        "NOU",
        "2023: 5 er grunnlaget",
        "Avd. HOD: KD2026-4",
    ];
    for first in texts {
        for second in texts {
            let joined = format!("{first} {second}");
            let alone = (codes.references(first), codes.references(second));
            assert_eq!(
                codes.references_joined(first, second, &joined),
                alone,
                "{first:?} + {second:?}"
            );
            // Not as promised: searched alone all the same.
            assert_eq!(codes.references_joined(first, second, first), alone);
        }
    }
}

#[test]
fn units_read_from_the_match_are_the_group() {
    let rules = RuleSet::bundled();
    let codes = &rules.codes;
    let edges = codes.unit_trim.as_ref().expect("the bundled unit pattern");
    // Lines made of a code, a tag, a unit and a rest, each slot most
    // often of its own kind, else any piece (or nothing).
    let slots: [&[&str]; 4] = [
        &[
            "TB2024-07",
            "tb 2024 - 7",
            "KD-2026-4",
            "TB2024-7A",
            " TB2025-1",
        ],
        &[
            "Avd.HOD:",
            " Avd. HOD :",
            "Avd.HOD",
            " Avd.ØST:",
            "\u{a0}Avd.KD:",
            ":",
        ],
        &[
            " FHA",
            "KTA/SHA",
            " SHA og KTA",
            "SHA og",
            " KTA (pkt. 2)",
            "FHA , KTA",
            "ØST",
            "F",
        ],
        &[
            " Oppfølging",
            "",
            " ",
            "\t",
            "\u{2003}",
            "(punkt 1, 3 og 4)",
            "Å",
            " og x",
            "7",
            "–",
            "\u{a0}",
        ],
    ];
    let all: Vec<&str> = slots.iter().flat_map(|s| s.iter().copied()).collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut found = 0;
    for _ in 0..30_000 {
        let mut line = String::new();
        for slot in slots {
            let r = next();
            match r % 8 {
                0 => {}
                1 => line.push_str(all[(r >> 8) as usize % all.len()]),
                _ => line.push_str(slot[(r >> 8) as usize % slot.len()]),
            }
            if (r >> 20) % 4 == 0 {
                line.push(' ');
            }
        }
        let want = codes.code_line_with(&line, None);
        found += usize::from(want.as_ref().is_some_and(|l| l.unit.is_some()));
        assert_eq!(codes.code_line_with(&line, Some(edges)), want, "{line:?}");
    }
    assert!(found > 3000, "{found}");
}

#[test]
fn anchors_and_empty_matches_are_not_joinable() {
    for p in [r"TB\d+", r"(?-u:)Prop\.?\s*\d+"] {
        assert!(no_anchor_nor_empty_match(p), "{p}");
    }
    for p in [
        r"^TB\d+", r"TB\d+$", r"(?m)^TB", r"\ATB", r"x*", r"(", r"TB\d+\z",
    ] {
        assert!(!no_anchor_nor_empty_match(p), "{p}");
    }
}

#[test]
fn parsed_formats_expand_as_the_regex_crate_does() {
    let re = Regex::new(r"(?P<p>[A-Z]+)\s*(?P<y>\d{4})(?:-(?P<n>\d+))?").unwrap();
    for (hay, format) in [
        ("TB 2026-7", "${p}${y}-${n}"),
        ("TB 2026", "${p} ${y}-${n} (${missing})"),
        ("KD2025-12", "Nr. ${n} av ${y}"),
        ("KD2025-12", "$p$y"),
        ("KD2025-12", "$$ ${p"),
        ("KD2025-12", "${1}-${n}"),
    ] {
        let caps = re.captures(hay).unwrap();
        let mut want = String::new();
        caps.expand(format, &mut want);
        let want = crate::bodies::normalize_space(&want);
        assert_eq!(expand(&caps, &Format::new(format, &re)), want, "{format}");
    }
    assert!(Format::new("${p}${y}-${n}", &re).pieces.is_some());
    assert!(Format::new("$p$y", &re).pieces.is_none());
}

#[test]
fn normal_space_is_exactly_its_own_normal_form() {
    for s in [
        "",
        "Prop. 1 S (2025–2026)",
        " a",
        "a ",
        "a  b",
        "a\tb",
        "a\u{a0}b",
        "a\u{2009}b",
        "NOU 2023: 4",
    ] {
        let own = s.split_whitespace().collect::<Vec<_>>().join(" ") == s;
        assert_eq!(crate::space::is_normal_space(s), own, "{s:?}");
    }
}
#[test]
fn digit_in_head_is_the_bytewise_scan() {
    // Bytes around the digits and the borrow edges, at every position of
    // heads shorter and longer than CODE_HEAD.
    let edges = [
        0x00, 0x09, 0x0A, b'/', b'0', b'5', b'9', b':', b'A', 0x7F, 0x80, 0xB9, 0xC3, 0xFF,
    ];
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for len in 0..40 {
        for _ in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    edges[(seed % edges.len() as u64) as usize]
                })
                .collect();
            let want = bytes.iter().take(CODE_HEAD).any(u8::is_ascii_digit);
            assert_eq!(digit_in_head(&bytes), want, "{bytes:?}");
        }
    }
    for b in 0..=255u8 {
        for at in 0..CODE_HEAD + 2 {
            let mut bytes = vec![b'x'; CODE_HEAD + 2];
            bytes[at] = b;
            let want = at < CODE_HEAD && b.is_ascii_digit();
            assert_eq!(digit_in_head(&bytes), want, "{b} at {at}");
        }
    }
}
