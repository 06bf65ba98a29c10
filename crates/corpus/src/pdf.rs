//! Writes laid-out pages as a PDF file with lopdf.
//!
//! Two font set-ups are written: the standard Type1 fonts Helvetica and
//! Helvetica-Bold with `WinAnsiEncoding`, and Type0 fonts with `Identity-H`
//! encoding over non-embedded CIDFontType2 descendants, where the glyph ids
//! are the document's own (shuffled) numbering and only the `ToUnicode`
//! CMap says which character each one is.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Write as _;

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

use crate::layout::{Span, PAGE_HEIGHT, PAGE_WIDTH};
use crate::metrics::{width, winansi, winansi_widths};
use crate::rng::Rng;
use crate::Error;

/// How the fonts are set up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FontMode {
    /// Standard Type1 Helvetica fonts with `WinAnsiEncoding`.
    WinAnsi,
    /// Type0 fonts, `Identity-H`, CIDs mapped to text by a `ToUnicode` CMap.
    Type0,
}

/// How the file is written.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    /// Font set-up.
    pub fonts: FontMode,
    /// Flate-compress the content streams.
    pub compress: bool,
    /// Move between lines with relative `Td` inside one text object per
    /// page instead of one text object per line.
    pub relative: bool,
    /// Write with object streams and a cross-reference stream.
    pub object_streams: bool,
    /// Number of leading spans of each page (the running header) drawn
    /// last, as some producers do.
    pub header_last: usize,
    /// Document title for the info dictionary.
    pub title: String,
    /// Creation date as `YYYYMMDD`.
    pub date: String,
}

/// Glyph numbering of a Type0 document: char → CID.
struct Cids {
    map: Vec<(char, u16)>,
}

impl Cids {
    fn new(pages: &[Vec<Span>], rng: &mut Rng) -> Cids {
        let mut chars: BTreeSet<char> = ('a'..='z').collect();
        for span in pages.iter().flatten() {
            chars.extend(span.text.chars());
        }
        let mut others: Vec<char> = chars
            .iter()
            .copied()
            .filter(|c| !c.is_ascii_lowercase())
            .collect();
        rng.shuffle(&mut others);
        let base = 3 + rng.below(40) as u16;
        let mut map: Vec<(char, u16)> = Vec::with_capacity(chars.len());
        // Lower-case letters form one consecutive run (a bfrange); the rest
        // are shuffled single codes (bfchar).
        for (i, c) in ('a'..='z').enumerate() {
            map.push((c, base + i as u16));
        }
        let first = base + 26 + rng.below(5) as u16;
        for (next, c) in (first..).zip(others) {
            map.push((c, next));
        }
        map.sort_by_key(|&(c, _)| c);
        Cids { map }
    }

    fn cid(&self, c: char) -> u16 {
        match self.map.binary_search_by_key(&c, |&(ch, _)| ch) {
            Ok(i) => self.map[i].1,
            Err(_) => 0,
        }
    }

    fn to_unicode(&self) -> Vec<u8> {
        let mut by_cid: Vec<(u16, char)> = self.map.iter().map(|&(c, id)| (id, c)).collect();
        by_cid.sort_unstable();
        let run: Vec<&(u16, char)> = by_cid
            .iter()
            .filter(|(_, c)| c.is_ascii_lowercase())
            .collect();
        let single: Vec<&(u16, char)> = by_cid
            .iter()
            .filter(|(_, c)| !c.is_ascii_lowercase())
            .collect();
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let _ = writeln!(
                s,
                "1 beginbfrange\n<{:04X}> <{:04X}> <{:04X}>\nendbfrange",
                first.0, last.0, first.1 as u32
            );
        }
        for chunk in single.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (id, c) in chunk {
                let mut units = [0u16; 2];
                let hex: String = c
                    .encode_utf16(&mut units)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(s, "<{id:04X}> <{hex}>");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMapResource defineresource pop\nend\nend\n");
        s.into_bytes()
    }

    fn widths(&self, bold: bool) -> Object {
        let mut by_cid: Vec<(u16, char)> = self.map.iter().map(|&(c, id)| (id, c)).collect();
        by_cid.sort_unstable();
        let mut w: Vec<Object> = Vec::new();
        let mut i = 0;
        while i < by_cid.len() {
            let start = by_cid[i].0;
            let mut run = Vec::new();
            while i < by_cid.len() && by_cid[i].0 == start + run.len() as u16 {
                run.push(Object::Integer(i64::from(width(by_cid[i].1, bold))));
                i += 1;
            }
            w.push(Object::Integer(i64::from(start)));
            w.push(Object::Array(run));
        }
        Object::Array(w)
    }
}

fn fmt_num(out: &mut Vec<u8>, v: f32) {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        let _ = write!(out, "{}", r as i64);
    } else {
        let _ = write!(out, "{r}");
    }
}

fn push_text(out: &mut Vec<u8>, text: &str, cids: Option<&Cids>) {
    match cids {
        Some(cids) => {
            out.push(b'<');
            for c in text.chars() {
                let _ = write!(out, "{:04X}", cids.cid(c));
            }
            out.push(b'>');
        }
        None => {
            out.push(b'(');
            for c in text.chars() {
                let b = winansi(c).unwrap_or(b'?');
                if matches!(b, b'(' | b')' | b'\\') {
                    out.push(b'\\');
                }
                out.push(b);
            }
            out.push(b')');
        }
    }
}

fn content(spans: &[Span], options: &PdfOptions, cids: Option<&Cids>) -> Vec<u8> {
    let mut out = Vec::with_capacity(spans.len() * 80);
    let split = options.header_last.min(spans.len());
    let order = spans[split..].iter().chain(&spans[..split]);
    let mut font: Option<(bool, f32)> = None;
    if options.relative {
        out.extend_from_slice(b"BT\n");
        let (mut px, mut py) = (0.0f32, 0.0f32);
        for span in order {
            if font != Some((span.bold, span.size)) {
                out.extend_from_slice(if span.bold { b"/F2 " } else { b"/F1 " });
                fmt_num(&mut out, span.size);
                out.extend_from_slice(b" Tf\n");
                font = Some((span.bold, span.size));
            }
            fmt_num(&mut out, span.x - px);
            out.push(b' ');
            fmt_num(&mut out, span.y - py);
            out.extend_from_slice(b" Td ");
            // Round the position the way the reader will see it.
            px = (span.x * 100.0).round() / 100.0;
            py = (span.y * 100.0).round() / 100.0;
            push_text(&mut out, &span.text, cids);
            out.extend_from_slice(b" Tj\n");
        }
        out.extend_from_slice(b"ET\n");
    } else {
        for span in order {
            out.extend_from_slice(b"BT\n");
            out.extend_from_slice(if span.bold { b"/F2 " } else { b"/F1 " });
            fmt_num(&mut out, span.size);
            out.extend_from_slice(b" Tf\n1 0 0 1 ");
            fmt_num(&mut out, span.x);
            out.push(b' ');
            fmt_num(&mut out, span.y);
            out.extend_from_slice(b" Tm\n");
            push_text(&mut out, &span.text, cids);
            out.extend_from_slice(b" Tj\nET\n");
        }
    }
    out
}

fn font_objects(doc: &mut Document, mode: FontMode, cids: Option<&Cids>) -> (ObjectId, ObjectId) {
    let mut ids = Vec::with_capacity(2);
    for (bold, name) in [(false, "Helvetica"), (true, "Helvetica-Bold")] {
        let id = match (mode, cids) {
            (FontMode::Type0, Some(cids)) => {
                let descriptor = doc.add_object(dictionary! {
                    "Type" => "FontDescriptor",
                    "FontName" => name,
                    "Flags" => if bold { 262_176 } else { 32 },
                    "FontBBox" => vec![(-170).into(), (-228).into(), 1003.into(), 962.into()],
                    "ItalicAngle" => 0,
                    "Ascent" => 718,
                    "Descent" => -207,
                    "CapHeight" => 718,
                    "StemV" => if bold { 140 } else { 88 },
                });
                let descendant = doc.add_object(dictionary! {
                    "Type" => "Font",
                    "Subtype" => "CIDFontType2",
                    "BaseFont" => name,
                    "CIDSystemInfo" => dictionary! {
                        "Registry" => Object::string_literal("Adobe"),
                        "Ordering" => Object::string_literal("Identity"),
                        "Supplement" => 0,
                    },
                    "FontDescriptor" => descriptor,
                    "DW" => 556,
                    "W" => cids.widths(bold),
                    "CIDToGIDMap" => "Identity",
                });
                let cmap = doc.add_object(Stream::new(dictionary! {}, cids.to_unicode()));
                doc.add_object(dictionary! {
                    "Type" => "Font",
                    "Subtype" => "Type0",
                    "BaseFont" => name,
                    "Encoding" => "Identity-H",
                    "DescendantFonts" => vec![descendant.into()],
                    "ToUnicode" => cmap,
                })
            }
            _ => doc.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => name,
                "Encoding" => "WinAnsiEncoding",
                "FirstChar" => 32,
                "LastChar" => 255,
                "Widths" => winansi_widths(bold).into_iter().map(|w| Object::Integer(i64::from(w))).collect::<Vec<_>>(),
            }),
        };
        ids.push(id);
    }
    (ids[0], ids[1])
}

/// Writes `pages` as a PDF and returns its bytes.
pub fn write(pages: &[Vec<Span>], options: &PdfOptions, rng: &mut Rng) -> Result<Vec<u8>, Error> {
    let mut doc = Document::with_version("1.5");
    let cids = (options.fonts == FontMode::Type0).then(|| Cids::new(pages, rng));
    let (f1, f2) = font_objects(&mut doc, options.fonts, cids.as_ref());
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2 },
        "ProcSet" => vec!["PDF".into(), "Text".into()],
    });
    let pages_id = doc.new_object_id();
    let mut kids = Vec::with_capacity(pages.len());
    for spans in pages {
        let raw = content(spans, options, cids.as_ref());
        let stream = if options.compress {
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
            enc.write_all(&raw).map_err(Error::Io)?;
            Stream::new(
                dictionary! { "Filter" => "FlateDecode" },
                enc.finish().map_err(Error::Io)?,
            )
        } else {
            Stream::new(dictionary! {}, raw)
        };
        let contents = doc.add_object(stream);
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), PAGE_WIDTH.into(), PAGE_HEIGHT.into()],
            "Contents" => contents,
            "Resources" => resources,
        });
        kids.push(page.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal(ascii_only(&options.title)),
        "Producer" => Object::string_literal("oppdrag corpus generator"),
        "CreationDate" => Object::string_literal(format!("D:{}120000Z", options.date)),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    let saved = if options.object_streams {
        doc.save_modern(&mut out)
    } else {
        doc.save_to(&mut out)
    };
    saved.map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(out)
}

/// The info dictionary's title without non-ASCII letters (a PDFDocEncoding-safe subset).
fn ascii_only(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'æ' => 'e',
            'ø' => 'o',
            'å' => 'a',
            'Æ' => 'E',
            'Ø' => 'O',
            'Å' => 'A',
            c if c.is_ascii() => c,
            _ => '-',
        })
        .collect()
}
