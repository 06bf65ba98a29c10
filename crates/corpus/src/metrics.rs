//! Glyph widths of the standard Helvetica fonts and the WinAnsi encoding.
//!
//! Widths are the advance widths of Adobe's Helvetica and Helvetica-Bold font
//! metrics, in thousandths of the font size, for every character the
//! generator writes. Layout uses them to wrap lines; the PDF writer puts the
//! same numbers in the fonts' `/Widths` and `/W` arrays.

/// Widths of the printable ASCII characters 32..=126 in Helvetica.
const REGULAR_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // 32..47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 48..63
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // 64..79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 80..95
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // 96..111
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 112..126
];

/// Widths of the printable ASCII characters 32..=126 in Helvetica-Bold.
const BOLD_ASCII: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, // 32..47
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, // 48..63
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, // 64..79
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, // 80..95
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, // 96..111
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, // 112..126
];

/// Non-ASCII characters the generator writes: (char, WinAnsi code, regular width, bold width).
const EXTRA: &[(char, u8, u16, u16)] = &[
    ('\u{a0}', 0xA0, 278, 278),
    ('§', 0xA7, 556, 556),
    ('«', 0xAB, 556, 556),
    ('°', 0xB0, 400, 400),
    ('»', 0xBB, 556, 556),
    ('½', 0xBD, 834, 834),
    ('Å', 0xC5, 667, 722),
    ('Æ', 0xC6, 1000, 1000),
    ('É', 0xC9, 667, 667),
    ('Ø', 0xD8, 778, 778),
    ('Ö', 0xD6, 778, 778),
    ('Ü', 0xDC, 722, 722),
    ('ä', 0xE4, 556, 556),
    ('å', 0xE5, 556, 556),
    ('æ', 0xE6, 889, 889),
    ('é', 0xE9, 556, 556),
    ('ö', 0xF6, 556, 611),
    ('ø', 0xF8, 611, 611),
    ('ü', 0xFC, 556, 611),
    ('‘', 0x91, 222, 278),
    ('’', 0x92, 222, 278),
    ('“', 0x93, 333, 500),
    ('”', 0x94, 333, 500),
    ('•', 0x95, 350, 350),
    ('–', 0x96, 556, 556),
    ('—', 0x97, 1000, 1000),
];

/// Returns the WinAnsi code of `c`, or `None` when WinAnsi cannot print it.
pub fn winansi(c: char) -> Option<u8> {
    let u = c as u32;
    if (32..=126).contains(&u) {
        return Some(u as u8);
    }
    EXTRA.iter().find(|e| e.0 == c).map(|e| e.1)
}

/// Returns the advance width of `c` in thousandths of the font size.
///
/// Characters outside the table get the width of a space; the generator
/// only writes characters in the table (a unit test checks its vocabulary).
pub fn width(c: char, bold: bool) -> u16 {
    let u = c as u32;
    if (32..=126).contains(&u) {
        let i = (u - 32) as usize;
        return if bold {
            BOLD_ASCII[i]
        } else {
            REGULAR_ASCII[i]
        };
    }
    match EXTRA.iter().find(|e| e.0 == c) {
        Some(e) if bold => e.3,
        Some(e) => e.2,
        None => 278,
    }
}

/// Returns the width of `text` in points at `size`.
pub fn text_width(text: &str, bold: bool, size: f32) -> f32 {
    let units: u32 = text.chars().map(|c| u32::from(width(c, bold))).sum();
    units as f32 * size / 1000.0
}

/// Reports whether every character of `text` can be printed by the fonts.
pub fn printable(text: &str) -> bool {
    text.chars().all(|c| winansi(c).is_some())
}

/// Returns the `/Widths` array of a simple font for codes 32..=255.
pub fn winansi_widths(bold: bool) -> Vec<u16> {
    (32u8..=255)
        .map(|code| {
            if code <= 126 {
                width(code as char, bold)
            } else {
                EXTRA
                    .iter()
                    .find(|e| e.1 == code)
                    .map_or(0, |e| if bold { e.3 } else { e.2 })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_are_encodable_with_widths() {
        for c in "æøåÆØÅ–•«»".chars() {
            assert!(winansi(c).is_some(), "{c}");
            assert!(width(c, false) > 0);
        }
        assert_eq!(winansi('ø'), Some(0xF8));
        assert_eq!(winansi('–'), Some(0x96));
        assert_eq!(winansi('€'), None);
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let t = "Helsedirektoratet skal";
        assert!(text_width(t, true, 10.0) > text_width(t, false, 10.0));
        assert!((text_width("0", false, 10.0) - 5.56).abs() < 1e-4);
    }
}
