//! Advance widths of the standard fonts for printable ASCII, used when a
//! font dictionary names a standard font without giving `/Widths`.

/// Helvetica (and Arial), codes 32..=126, in thousandths of the font size.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A-Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500, 500, 500, // a-z
    334, 260, 334, 584, // {..~
];

/// Times-Roman, codes 32..=126.
const TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250,
    278, // space../
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, // 0-9
    278, 278, 564, 564, 564, 444, 921, // :..@
    722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556,
    611, 722, 722, 944, 722, 722, 611, // A-Z
    333, 278, 333, 469, 500, 333, // [..`
    444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389,
    278, 500, 500, 722, 500, 500, 444, // a-z
    480, 200, 480, 541, // {..~
];

/// The width of `text` (one glyph's text) in a standard font named
/// `base_font`, in thousandths of the font size; `None` when the name is
/// not a standard font.
pub fn width(base_font: &str, text: &str) -> Option<f32> {
    let name = base_font.to_ascii_lowercase();
    let table = if name.contains("courier") || name.contains("mono") {
        return Some(600.0);
    } else if name.contains("times") || name.contains("serif") || name.contains("roman") {
        &TIMES
    } else if name.contains("helvetica") || name.contains("arial") || name.contains("sans") {
        &HELVETICA
    } else {
        return None;
    };
    let fallback = if std::ptr::eq(table, &TIMES) {
        500.0
    } else {
        556.0
    };
    let first = text.chars().next()?;
    let base = if first.is_ascii() {
        first
    } else {
        use unicode_normalization::UnicodeNormalization;
        std::iter::once(first).nfd().next().unwrap_or(first)
    };
    let w = match base {
        ' '..='~' => f32::from(table[base as usize - 32]),
        'æ' | 'Æ' | 'œ' | 'Œ' => fallback * 1.6,
        _ => fallback,
    };
    Some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_widths() {
        assert_eq!(width("Helvetica", " "), Some(278.0));
        assert_eq!(width("Helvetica-Bold", "m"), Some(833.0));
        assert_eq!(width("Times-Roman", "å"), Some(444.0));
        assert_eq!(width("Courier", "W"), Some(600.0));
        assert_eq!(width("ABCDEF+Calibri", "a"), None);
    }
}
