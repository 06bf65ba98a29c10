//! Fonts: how the bytes of a shown string become characters and advances.

use std::collections::HashMap;

use lopdf::{Dictionary, Object};

use crate::cmap::CMap;
use crate::encoding::{glyph_text, BaseEncoding};
use crate::streams::{decode, get, get_dict, get_name, get_num, num, resolve};

/// A loaded font, ready to decode strings.
#[derive(Debug)]
pub struct Font {
    /// Composite (Type0) font with multi-byte codes.
    composite: bool,
    /// Text of each one-byte code (simple fonts).
    table: Vec<Option<String>>,
    /// Advance of each one-byte code, in text space units per unit of font size.
    widths: Vec<f32>,
    /// The ToUnicode map, when present.
    to_unicode: Option<CMap>,
    /// The encoding CMap of a composite font that embeds one.
    encoding: Option<CMap>,
    /// Advances of composite glyphs by CID.
    cid_widths: HashMap<u32, f32>,
    /// Advance of a composite glyph missing from `cid_widths`.
    default_width: f32,
    /// Scale from glyph space to text space (0.001 except Type 3).
    scale: f32,
    /// Text of glyph ids from the embedded TrueType font's own cmap, for
    /// composite fonts without a ToUnicode map.
    gid_text: HashMap<u16, char>,
    /// The CIDToGIDMap stream, when not the identity.
    cid_to_gid: Option<Vec<u8>>,
    /// Whether the font looks bold.
    pub bold: bool,
    /// Whether the font writes vertically (Identity-V).
    pub vertical: bool,
}

/// One decoded glyph of a string.
pub struct Glyph<'f> {
    /// Its text; empty when the font does not say.
    pub text: std::borrow::Cow<'f, str>,
    /// Advance in text space per unit of font size.
    pub width: f32,
    /// Whether this is the single-byte code 32, which word spacing applies to.
    pub word_space: bool,
}

fn bold_from(doc: &lopdf::Document, dict: &Dictionary, descriptor: Option<&Dictionary>) -> bool {
    let name = get_name(doc, dict, b"BaseFont").unwrap_or_default();
    let name = String::from_utf8_lossy(name).to_ascii_lowercase();
    if ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|w| name.contains(w))
    {
        return true;
    }
    let Some(desc) = descriptor else { return false };
    let weight = get_num(doc, desc, b"FontWeight").unwrap_or(0.0);
    let flags = get_num(doc, desc, b"Flags").unwrap_or(0.0) as i64;
    weight >= 600.0 || flags & (1 << 18) != 0
}

impl Font {
    /// A font for text shown without a valid font: one byte per code, Latin-1.
    pub fn fallback() -> Font {
        Font {
            composite: false,
            table: (0..=255u8)
                .map(|c| BaseEncoding::WinAnsi.decode(c).map(String::from))
                .collect(),
            widths: vec![0.5; 256],
            to_unicode: None,
            encoding: None,
            cid_widths: HashMap::new(),
            default_width: 0.5,
            scale: 0.001,
            gid_text: HashMap::new(),
            cid_to_gid: None,
            bold: false,
            vertical: false,
        }
    }

    /// Loads a font dictionary.
    pub fn load(doc: &lopdf::Document, dict: &Dictionary, limit: u64) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or_default();
        let to_unicode = match get(doc, dict, b"ToUnicode") {
            Some(Object::Stream(s)) => decode(doc, s, limit).ok().map(|d| CMap::parse(&d)),
            _ => None,
        }
        .filter(|c| !c.is_empty());
        if subtype == b"Type0" {
            return Font::load_composite(doc, dict, to_unicode, limit);
        }
        let descriptor = get_dict(doc, dict, b"FontDescriptor");
        let mut font = Font::fallback();
        font.bold = bold_from(doc, dict, descriptor);
        if subtype == b"Type3" {
            if let Some(Object::Array(m)) = get(doc, dict, b"FontMatrix") {
                if let Some(a) = m.first().and_then(num) {
                    if a.abs() > 1e-6 && a.abs() < 1.0 {
                        font.scale = a.abs();
                    }
                }
            }
        }
        // Base encoding and differences.
        let symbolic = descriptor
            .and_then(|d| get_num(doc, d, b"Flags"))
            .is_some_and(|f| (f as i64) & 4 != 0 && (f as i64) & 32 == 0);
        let mut base = if subtype == b"TrueType" && symbolic {
            BaseEncoding::Identity
        } else if subtype == b"Type1" || subtype == b"MMType1" {
            BaseEncoding::Standard
        } else {
            BaseEncoding::WinAnsi
        };
        let mut differences: Vec<(u8, Vec<u8>)> = Vec::new();
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                if let Some(b) = BaseEncoding::from_name(n) {
                    base = b;
                }
            }
            Some(Object::Dictionary(enc)) => {
                if let Some(b) =
                    get_name(doc, enc, b"BaseEncoding").and_then(BaseEncoding::from_name)
                {
                    base = b;
                } else if base == BaseEncoding::Identity {
                    base = BaseEncoding::WinAnsi;
                }
                if let Some(Object::Array(items)) = get(doc, enc, b"Differences") {
                    let mut code: i64 = 0;
                    for item in items {
                        match resolve(doc, item, 4) {
                            Some(Object::Integer(i)) => code = *i,
                            Some(Object::Name(n)) => {
                                if let Ok(c) = u8::try_from(code) {
                                    differences.push((c, n.clone()));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        for (code, slot) in font.table.iter_mut().enumerate() {
            *slot = base.decode(code as u8).map(String::from);
        }
        for (code, name) in &differences {
            if let Some(text) = glyph_text(name) {
                font.table[usize::from(*code)] = Some(text);
            }
        }
        if let Some(tu) = &to_unicode {
            for (code, slot) in font.table.iter_mut().enumerate() {
                if let Some(text) = tu.lookup(code as u32) {
                    *slot = Some(text.into_owned());
                }
            }
        }
        // Widths.
        let missing = descriptor
            .and_then(|d| get_num(doc, d, b"MissingWidth"))
            .filter(|w| *w > 0.0);
        let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
        match get(doc, dict, b"Widths") {
            Some(Object::Array(ws)) => {
                let fill = missing.map_or(0.5, |w| w * font.scale);
                font.widths = vec![fill; 256];
                for (i, w) in ws.iter().enumerate() {
                    if let (Some(slot), Some(w)) = (
                        font.widths.get_mut(first + i),
                        resolve(doc, w, 4).and_then(num),
                    ) {
                        *slot = w * font.scale;
                    }
                }
            }
            _ => {
                // A standard font without widths: the standard font's metrics,
                // else a rough average with a narrower space.
                let base = get_name(doc, dict, b"BaseFont").unwrap_or_default();
                let base = String::from_utf8_lossy(base);
                for (code, slot) in font.widths.iter_mut().enumerate() {
                    let text = font.table[code].as_deref().unwrap_or("");
                    let w = crate::afm::width(&base, text)
                        .or_else(|| crate::afm::width("Helvetica", text))
                        .unwrap_or(500.0);
                    *slot = w * font.scale;
                }
            }
        }
        font.to_unicode = to_unicode;
        font
    }

    fn load_composite(
        doc: &lopdf::Document,
        dict: &Dictionary,
        to_unicode: Option<CMap>,
        limit: u64,
    ) -> Font {
        let mut font = Font::fallback();
        font.composite = true;
        font.to_unicode = to_unicode;
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => font.vertical = n.ends_with(b"-V"),
            Some(Object::Stream(s)) => {
                font.encoding = decode(doc, s, limit).ok().map(|d| CMap::parse(&d));
            }
            _ => {}
        }
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(items)) => items.first().and_then(|o| resolve(doc, o, 8)),
            _ => None,
        };
        let descendant = match descendant {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        font.default_width = 1.0;
        if let Some(desc) = descendant {
            let fd = get_dict(doc, desc, b"FontDescriptor");
            font.bold = bold_from(doc, dict, fd) || bold_from(doc, desc, fd);
            if let Some(dw) = get_num(doc, desc, b"DW") {
                font.default_width = dw * 0.001;
            }
            if let Some(Object::Array(w)) = get(doc, desc, b"W") {
                font.cid_widths = cid_widths(doc, w);
            }
            if font.to_unicode.is_none() {
                if let Some(Object::Stream(s)) = fd.and_then(|fd| get(doc, fd, b"FontFile2")) {
                    if let Ok(data) = decode(doc, s, limit) {
                        font.gid_text = truetype_cmap(&data);
                    }
                }
                if let Some(Object::Stream(s)) = get(doc, desc, b"CIDToGIDMap") {
                    font.cid_to_gid = decode(doc, s, limit).ok();
                }
            }
        }
        font
    }

    /// Decodes the bytes of a shown string glyph by glyph.
    pub fn glyphs<'f>(&'f self, bytes: &[u8], mut each: impl FnMut(Glyph<'f>)) {
        if !self.composite {
            for &b in bytes {
                let text = self.table[usize::from(b)].as_deref().unwrap_or("");
                each(Glyph {
                    text: std::borrow::Cow::Borrowed(text),
                    width: self.widths[usize::from(b)],
                    word_space: b == 32,
                });
            }
            return;
        }
        let mut pos = 0;
        while pos < bytes.len() {
            let rest = &bytes[pos..];
            let (code, len) = match (&self.encoding, &self.to_unicode) {
                (Some(enc), _) if enc.has_codespace() => enc.next_code(rest, 2),
                _ => crate::cmap::fixed_code(rest, 2),
            };
            pos += len.max(1);
            let cid = self
                .encoding
                .as_ref()
                .and_then(|e| e.cid(code))
                .unwrap_or(code);
            let text = match self.to_unicode.as_ref().and_then(|t| t.lookup(code)) {
                Some(t) => t,
                None => self.gid_fallback(cid),
            };
            let width = self
                .cid_widths
                .get(&cid)
                .copied()
                .unwrap_or(self.default_width);
            each(Glyph {
                text,
                width,
                word_space: len == 1 && code == 32,
            });
        }
    }
}

impl Font {
    /// The text of a CID through the embedded font's cmap, or nothing.
    fn gid_fallback(&self, cid: u32) -> std::borrow::Cow<'static, str> {
        if self.gid_text.is_empty() {
            return std::borrow::Cow::Borrowed("");
        }
        let gid = match &self.cid_to_gid {
            Some(map) => {
                let i = cid as usize * 2;
                match map.get(i..i + 2) {
                    Some(b) => u16::from(b[0]) << 8 | u16::from(b[1]),
                    None => return std::borrow::Cow::Borrowed(""),
                }
            }
            None => u16::try_from(cid).unwrap_or(0),
        };
        match self.gid_text.get(&gid) {
            Some(c) => std::borrow::Cow::Owned(c.to_string()),
            None => std::borrow::Cow::Borrowed(""),
        }
    }
}

/// Glyph id → character from a TrueType font's Unicode cmap subtables.
fn truetype_cmap(data: &[u8]) -> HashMap<u16, char> {
    let mut out = HashMap::new();
    let Ok(face) = ttf_parser::Face::parse(data, 0) else {
        return out;
    };
    let Some(cmap) = face.tables().cmap else {
        return out;
    };
    for sub in cmap.subtables {
        if !sub.is_unicode() {
            continue;
        }
        sub.codepoints(|cp| {
            if let (Some(gid), Some(c)) = (sub.glyph_index(cp), char::from_u32(cp)) {
                out.entry(gid.0).or_insert(c);
            }
        });
    }
    out
}

/// Reads a CIDFont's `W` array: `c [w1 w2 ...]` and `cfirst clast w`.
fn cid_widths(doc: &lopdf::Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = resolve(doc, &w[i], 4).and_then(num) else {
            i += 1;
            continue;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| resolve(doc, o, 4)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate() {
                    if let Some(v) = resolve(doc, v, 4).and_then(num) {
                        out.insert(first.saturating_add(k as u32), v * 0.001);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = num(last).unwrap_or(0.0).max(0.0) as u32;
                let v = w.get(i + 2).and_then(|o| resolve(doc, o, 4)).and_then(num);
                if let Some(v) = v {
                    if last >= first && last - first <= 0x1_0000 {
                        for c in first..=last {
                            out.insert(c, v * 0.001);
                        }
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}
