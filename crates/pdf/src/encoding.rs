//! Simple-font encodings (WinAnsi, MacRoman, Standard) and glyph names.

/// A base encoding of a simple font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseEncoding {
    /// `WinAnsiEncoding` (Windows-1252).
    WinAnsi,
    /// `MacRomanEncoding`.
    MacRoman,
    /// `StandardEncoding`, the Type 1 default.
    Standard,
    /// No usable encoding (symbolic fonts): codes are taken as Latin-1.
    Identity,
}

impl BaseEncoding {
    /// The encoding named by a PDF name, if known.
    pub fn from_name(name: &[u8]) -> Option<BaseEncoding> {
        match name {
            b"WinAnsiEncoding" => Some(BaseEncoding::WinAnsi),
            b"MacRomanEncoding" | b"MacExpertEncoding" => Some(BaseEncoding::MacRoman),
            b"StandardEncoding" => Some(BaseEncoding::Standard),
            b"PDFDocEncoding" => Some(BaseEncoding::WinAnsi),
            _ => None,
        }
    }

    /// The character a code stands for in this encoding.
    pub fn decode(self, code: u8) -> Option<char> {
        match self {
            BaseEncoding::WinAnsi => win_ansi(code),
            BaseEncoding::MacRoman => {
                if code < 0x80 {
                    Some(char::from(code))
                } else {
                    let bytes = [code];
                    let (s, _, _) = encoding_rs::MACINTOSH.decode(&bytes);
                    s.chars().next()
                }
            }
            BaseEncoding::Standard => standard(code),
            BaseEncoding::Identity => Some(char::from(code)),
        }
    }
}

fn win_ansi(code: u8) -> Option<char> {
    match code {
        0x81 | 0x8d | 0x8f | 0x90 | 0x9d => None,
        0x00..=0x7f | 0xa0..=0xff => Some(char::from(code)),
        _ => {
            let bytes = [code];
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
            s.chars().next()
        }
    }
}

/// High half of StandardEncoding: (code, glyph name).
const STANDARD_HIGH: &[(u8, &str)] = &[
    (0xa1, "exclamdown"),
    (0xa2, "cent"),
    (0xa3, "sterling"),
    (0xa4, "fraction"),
    (0xa5, "yen"),
    (0xa6, "florin"),
    (0xa7, "section"),
    (0xa8, "currency"),
    (0xa9, "quotesingle"),
    (0xaa, "quotedblleft"),
    (0xab, "guillemotleft"),
    (0xac, "guilsinglleft"),
    (0xad, "guilsinglright"),
    (0xae, "fi"),
    (0xaf, "fl"),
    (0xb1, "endash"),
    (0xb2, "dagger"),
    (0xb3, "daggerdbl"),
    (0xb4, "periodcentered"),
    (0xb6, "paragraph"),
    (0xb7, "bullet"),
    (0xb8, "quotesinglbase"),
    (0xb9, "quotedblbase"),
    (0xba, "quotedblright"),
    (0xbb, "guillemotright"),
    (0xbc, "ellipsis"),
    (0xbd, "perthousand"),
    (0xbf, "questiondown"),
    (0xc1, "grave"),
    (0xc2, "acute"),
    (0xc3, "circumflex"),
    (0xc4, "tilde"),
    (0xc5, "macron"),
    (0xc6, "breve"),
    (0xc7, "dotaccent"),
    (0xc8, "dieresis"),
    (0xca, "ring"),
    (0xcb, "cedilla"),
    (0xcd, "hungarumlaut"),
    (0xce, "ogonek"),
    (0xcf, "caron"),
    (0xd0, "emdash"),
    (0xe1, "AE"),
    (0xe3, "ordfeminine"),
    (0xe8, "Lslash"),
    (0xe9, "Oslash"),
    (0xea, "OE"),
    (0xeb, "ordmasculine"),
    (0xf1, "ae"),
    (0xf5, "dotlessi"),
    (0xf8, "lslash"),
    (0xf9, "oslash"),
    (0xfa, "oe"),
    (0xfb, "germandbls"),
];

fn standard(code: u8) -> Option<char> {
    match code {
        0x27 => Some('\u{2019}'),
        0x60 => Some('\u{2018}'),
        0x20..=0x7e => Some(char::from(code)),
        0xae => Some('\u{fb01}'),
        0xaf => Some('\u{fb02}'),
        _ => {
            let name = STANDARD_HIGH.iter().find(|(c, _)| *c == code)?.1;
            glyph_text(name.as_bytes()).and_then(|s| s.chars().next())
        }
    }
}

/// Glyph names of WinAnsiEncoding from 0x20 to 0xff ("" where undefined);
/// with the encoding they give each name its character.
const WIN_ANSI_NAMES: [&str; 224] = [
    "space",
    "exclam",
    "quotedbl",
    "numbersign",
    "dollar",
    "percent",
    "ampersand",
    "quotesingle",
    "parenleft",
    "parenright",
    "asterisk",
    "plus",
    "comma",
    "hyphen",
    "period",
    "slash",
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "colon",
    "semicolon",
    "less",
    "equal",
    "greater",
    "question",
    "at",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "G",
    "H",
    "I",
    "J",
    "K",
    "L",
    "M",
    "N",
    "O",
    "P",
    "Q",
    "R",
    "S",
    "T",
    "U",
    "V",
    "W",
    "X",
    "Y",
    "Z",
    "bracketleft",
    "backslash",
    "bracketright",
    "asciicircum",
    "underscore",
    "grave",
    "a",
    "b",
    "c",
    "d",
    "e",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "w",
    "x",
    "y",
    "z",
    "braceleft",
    "bar",
    "braceright",
    "asciitilde",
    "",
    // 0x80
    "Euro",
    "",
    "quotesinglbase",
    "florin",
    "quotedblbase",
    "ellipsis",
    "dagger",
    "daggerdbl",
    "circumflex",
    "perthousand",
    "Scaron",
    "guilsinglleft",
    "OE",
    "",
    "Zcaron",
    "",
    "",
    "quoteleft",
    "quoteright",
    "quotedblleft",
    "quotedblright",
    "bullet",
    "endash",
    "emdash",
    "tilde",
    "trademark",
    "scaron",
    "guilsinglright",
    "oe",
    "",
    "zcaron",
    "Ydieresis",
    // 0xa0
    "nbspace",
    "exclamdown",
    "cent",
    "sterling",
    "currency",
    "yen",
    "brokenbar",
    "section",
    "dieresis",
    "copyright",
    "ordfeminine",
    "guillemotleft",
    "logicalnot",
    "sfthyphen",
    "registered",
    "macron",
    "degree",
    "plusminus",
    "twosuperior",
    "threesuperior",
    "acute",
    "mu",
    "paragraph",
    "periodcentered",
    "cedilla",
    "onesuperior",
    "ordmasculine",
    "guillemotright",
    "onequarter",
    "onehalf",
    "threequarters",
    "questiondown",
    // 0xc0
    "Agrave",
    "Aacute",
    "Acircumflex",
    "Atilde",
    "Adieresis",
    "Aring",
    "AE",
    "Ccedilla",
    "Egrave",
    "Eacute",
    "Ecircumflex",
    "Edieresis",
    "Igrave",
    "Iacute",
    "Icircumflex",
    "Idieresis",
    "Eth",
    "Ntilde",
    "Ograve",
    "Oacute",
    "Ocircumflex",
    "Otilde",
    "Odieresis",
    "multiply",
    "Oslash",
    "Ugrave",
    "Uacute",
    "Ucircumflex",
    "Udieresis",
    "Yacute",
    "Thorn",
    "germandbls",
    // 0xe0
    "agrave",
    "aacute",
    "acircumflex",
    "atilde",
    "adieresis",
    "aring",
    "ae",
    "ccedilla",
    "egrave",
    "eacute",
    "ecircumflex",
    "edieresis",
    "igrave",
    "iacute",
    "icircumflex",
    "idieresis",
    "eth",
    "ntilde",
    "ograve",
    "oacute",
    "ocircumflex",
    "otilde",
    "odieresis",
    "divide",
    "oslash",
    "ugrave",
    "uacute",
    "ucircumflex",
    "udieresis",
    "yacute",
    "thorn",
    "ydieresis",
];

/// Glyph names outside WinAnsiEncoding that office fonts use.
const EXTRA_NAMES: &[(&str, &str)] = &[
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("dotlessi", "\u{131}"),
    ("Lslash", "\u{141}"),
    ("lslash", "\u{142}"),
    ("minus", "\u{2212}"),
    ("fraction", "\u{2044}"),
    ("space", " "),
    ("nonbreakingspace", "\u{a0}"),
    ("hyphen", "-"),
    ("softhyphen", "\u{ad}"),
    ("ring", "\u{2da}"),
    ("caron", "\u{2c7}"),
    ("breve", "\u{2d8}"),
    ("dotaccent", "\u{2d9}"),
    ("hungarumlaut", "\u{2dd}"),
    ("ogonek", "\u{2db}"),
    ("Omega", "\u{3a9}"),
    ("Delta", "\u{394}"),
    ("mu1", "\u{b5}"),
    ("middot", "\u{b7}"),
    ("periodcentered", "\u{b7}"),
    ("quoteright", "\u{2019}"),
    ("quotereversed", "\u{201b}"),
    ("figuredash", "\u{2012}"),
    ("afii00208", "\u{2015}"),
    ("approxequal", "\u{2248}"),
    ("notequal", "\u{2260}"),
    ("lessequal", "\u{2264}"),
    ("greaterequal", "\u{2265}"),
    ("infinity", "\u{221e}"),
    ("arrowright", "\u{2192}"),
    ("arrowleft", "\u{2190}"),
    ("checkmark", "\u{2713}"),
    ("uni00A0", "\u{a0}"),
];

/// The text of a glyph name: `eacute` → `é`, `uni00E5` → `å`, `f_i` → `fi`,
/// `a.sc` → `a`. `None` for names that say nothing (`g123`, `.notdef`).
pub fn glyph_text(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(|p| glyph_text(p.as_bytes())).collect();
        return parts;
    }
    if let Some((_, text)) = EXTRA_NAMES.iter().find(|(n, _)| *n == base) {
        return Some((*text).to_string());
    }
    if let Some(i) = WIN_ANSI_NAMES.iter().position(|n| *n == base) {
        let code = u8::try_from(i + 0x20).ok()?;
        return win_ansi(code).map(String::from);
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let mut out = String::new();
            for chunk in hex.as_bytes().chunks(4) {
                let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
                out.push(char::from_u32(v)?);
            }
            return Some(out);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let v = u32::from_str_radix(hex, 16).ok()?;
            return char::from_u32(v).map(String::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_base_encodings() {
        assert_eq!(BaseEncoding::WinAnsi.decode(0xe5), Some('å'));
        assert_eq!(BaseEncoding::WinAnsi.decode(0x96), Some('–'));
        assert_eq!(BaseEncoding::MacRoman.decode(0x8c), Some('å'));
        assert_eq!(BaseEncoding::MacRoman.decode(0xbf), Some('ø'));
        assert_eq!(BaseEncoding::Standard.decode(0xae), Some('\u{fb01}'));
        assert_eq!(BaseEncoding::Standard.decode(0x27), Some('’'));
    }

    #[test]
    fn reads_glyph_names() {
        assert_eq!(glyph_text(b"oslash").as_deref(), Some("ø"));
        assert_eq!(glyph_text(b"Aring").as_deref(), Some("Å"));
        assert_eq!(glyph_text(b"uni00E6").as_deref(), Some("æ"));
        assert_eq!(glyph_text(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_text(b"f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_text(b"a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_text(b"g123"), None);
        assert_eq!(glyph_text(b".notdef"), None);
    }
}
