//! Small PDFs built byte by byte, for tests, fuzz seeds and examples.
//!
//! Every file here is written by this module; none is copied from anywhere.

/// Writes a PDF one object at a time, then the xref table and trailer.
#[derive(Debug, Default)]
pub struct Builder {
    objects: Vec<Vec<u8>>,
}

impl Builder {
    /// An empty file.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Reserves the next object number, to be filled with [`Builder::set`].
    pub fn reserve(&mut self) -> usize {
        self.objects.push(b"null".to_vec());
        self.objects.len()
    }

    /// Sets the body of object `num`.
    pub fn set(&mut self, num: usize, body: impl AsRef<[u8]>) {
        if let Some(slot) = self.objects.get_mut(num.wrapping_sub(1)) {
            *slot = body.as_ref().to_vec();
        }
    }

    /// Adds an object and returns its number.
    pub fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        let num = self.reserve();
        self.set(num, body);
        num
    }

    /// Adds a stream with extra dictionary entries and returns its number.
    pub fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Adds a Flate-compressed stream.
    ///
    /// Compresses with miniz_oxide itself rather than through flate2, whose
    /// output depends on the backend that feature unification picks for the
    /// build (`cargo test -p oppdrag-pdf` and `--workspace` differ), so that
    /// the same fixture is the same bytes in every build.
    pub fn flate_stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(data, 6);
        self.stream(&format!("{dict} /Filter /FlateDecode"), &packed)
    }

    /// The file: header, objects, xref table, trailer with `/Root root` and
    /// `extra` trailer entries.
    pub fn finish(&self, root: usize, extra: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for off in offsets {
            out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R {extra} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// A simple TrueType-style font dictionary with WinAnsi encoding and
/// widths (556, space 278).
pub fn winansi_font(base: &str) -> String {
    let widths: Vec<&str> = (32..=255)
        .map(|c| if c == 32 { "278" } else { "556" })
        .collect();
    format!(
        "<< /Type /Font /Subtype /TrueType /BaseFont /{base} /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [{}] >>",
        widths.join(" ")
    )
}

/// A document of pages, each drawn by its content stream, with fonts
/// `/F1` (regular) and `/F2` (bold) available.
pub fn pages(contents: &[&[u8]], page_extra: &str) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let f1 = b.add(winansi_font("Helvetica"));
    let f2 = b.add(winansi_font("Helvetica-Bold"));
    let mut kids = Vec::new();
    for content in contents {
        let c = b.flate_stream("", content);
        kids.push(b.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R /Resources << /Font << /F1 {f1} 0 R /F2 {f2} 0 R >> >> {page_extra} >>"
        )));
    }
    let kids_list: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids_list.join(" "),
            kids.len()
        ),
    );
    b.finish(catalog, "")
}

/// A two-page letter: running header and footer, a paragraph with a word
/// hyphenated across lines, Norwegian letters, a table row with wide gaps,
/// and TJ kerning.
pub fn letter() -> Vec<u8> {
    let page = |n: u32, body: &str| -> Vec<u8> {
        format!(
            "BT /F1 9 Tf 72 800 Td (Tildelingsbrev 2024) Tj ET\n\
             {body}\n\
             BT /F1 9 Tf 280 40 Td (Side {n} av 2) Tj ET\n"
        )
        .into_bytes()
    };
    let p1 = page(
        1,
        "BT /F2 14 Tf 72 740 Td (1 Oppdrag til Helsedirektoratet) Tj ET\n\
         BT /F1 10 Tf 72 700 Td 12 TL (Direktoratet skal styrke tiltak i omsorgs-) Tj T* \
         (sektoren og i helse-) Tj T* (og omsorgstjenesten, jf. e-) Tj T* (helse og IKT-systemer.) Tj ET\n\
         BT /F1 10 Tf 72 600 Td [(Bl\\345b\\346r) -278 (og) -278 (s\\370t) -20 (e) 10 (r.)] TJ ET\n\
         BT /F1 10 Tf 72 560 Td (701) Tj 60 0 Td (21) Tj 60 0 Td (Spesielle driftsutgifter) Tj 160 0 Td (20 000) Tj ET",
    );
    let p2 = page(
        2,
        "BT /F1 10 Tf 72 700 Td (Frist: 1. mars 2024.) Tj ET\n\
         BT /F1 10 Tf 1 0 0 1 72 680 Tm 0 Tc 3 Tw (Ordet med ekstra ordmellomrom.) Tj ET\n\
         BT /F1 10 Tf 72 650 Td (Se rapporten) Tj /F1 6 Tf 5 Ts (1) Tj /F1 10 Tf 0 Ts ( om saken.) Tj ET\n\
         BT /F1 6 Tf 72 100 Td 3 Ts (1) Tj /F1 8 Tf 0 Ts (Rapport fra 2023.) Tj ET",
    );
    pages(&[&p1, &p2], "")
}

/// A page whose text uses a composite (Type0, Identity-H) font with a
/// ToUnicode map written with bfchar and bfrange.
pub fn type0() -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
        1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
        4 beginbfchar <0003> <0020> <0100> <00E5> <0101> <FB01> <0102> <00C5> endbfchar\n\
        2 beginbfrange <0024> <003D> <0041> <0044> <005D> [<0061> <0062> <0063> <0064> <0065> <0066> <0067> <0068> <0069> <006A> <006B> <006C> <006D> <006E> <006F> <0070> <0071> <0072> <0073> <0074> <0075> <0076> <0077> <0078> <0079> <007A>] endbfrange\n\
        endcmap CMapName currentdict /CMap defineresource pop end end";
    let tu = b.flate_stream("", cmap);
    let desc = b.add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Aptos /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 /W [3 [250] 36 61 600] >>");
    let font = b.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /Aptos /Encoding /Identity-H /DescendantFonts [{desc} 0 R] /ToUnicode {tu} 0 R >>"
    ));
    let text = encode_type0("Plan for ﬁnansiering på Åsen");
    let content = format!("BT /C0 11 Tf 72 700 Td <{text}> Tj ET");
    let c = b.flate_stream("", content.as_bytes());
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R /Resources << /Font << /C0 {font} 0 R >> >> >>"
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(catalog, "")
}

/// Hex codes of `text` in [`type0`]'s font.
fn encode_type0(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let code = match c {
            ' ' => 0x03,
            'å' => 0x100,
            'ﬁ' => 0x101,
            'Å' => 0x102,
            'A'..='Z' => 0x24 + (c as u32 - 'A' as u32),
            'a'..='z' => 0x44 + (c as u32 - 'a' as u32),
            _ => 0x03,
        };
        out.push_str(&format!("{code:04X}"));
    }
    out
}

/// A Type 1 font with `/Differences`, a form XObject drawing text, and a
/// page rotated by 90 degrees.
pub fn differences_form_rotated() -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let font = b.add(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /FirstChar 32 /LastChar 255 \
         /Widths [250 333 408 500 500 833 778 333 333 333 500 564 250 333 250 278 500 500 500 500 500 500 500 500 500 500 278 278 564 564 564 444 921 722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 944 722 722 611 333 278 333 469 500 333 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 389 278 500 500 722 500 500 444] \
         /Encoding << /Type /Encoding /BaseEncoding /StandardEncoding /Differences [128 /aring /oslash /ae /fi /uni2013] >> >>",
    );
    let form = b.flate_stream(
        &format!("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Matrix [1 0 0 1 72 300] /Resources << /Font << /T1 {font} 0 R >> >>"),
        b"BT /T1 12 Tf 0 0 Td (Skjema i \\203nansiering) Tj ET",
    );
    let content =
        b"BT /T1 12 Tf 72 500 Td (Bl\\200b\\201r og \\202rlig \\204 svar) Tj ET q /Fm1 Do Q";
    let c = b.flate_stream("", content);
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Rotate 90 /Contents {c} 0 R /Resources << /Font << /T1 {font} 0 R >> /XObject << /Fm1 {form} 0 R >> >> >>"
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(catalog, "")
}

/// A two-page scan: each page only draws an image.
pub fn image_only() -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let img = b.stream(
        "/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8",
        &[0, 255, 255, 0],
    );
    let mut kids = Vec::new();
    for _ in 0..2 {
        let c = b.stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q");
        kids.push(b.add(format!(
            "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R /Resources << /XObject << /Im0 {img} 0 R >> >> >>"
        )));
    }
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!(
            "<< /Type /Pages /Kids [{} 0 R {} 0 R] /Count 2 >>",
            kids[0], kids[1]
        ),
    );
    b.finish(catalog, "")
}

/// A file whose `/Encrypt` dictionary asks for a password that is not empty.
pub fn encrypted() -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] >>"
    ));
    let enc = b.add(format!(
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{}> /U <{}> >>",
        "7a".repeat(32),
        "5c".repeat(32)
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(
        catalog,
        &format!(
            "/Encrypt {enc} 0 R /ID [<{id}> <{id}>]",
            id = "0123456789abcdef0123456789abcdef"
        ),
    )
}

/// [`letter`] encrypted (RC4, 128 bits) with an empty user password, as
/// readers open without asking; written by lopdf.
pub fn encrypted_empty_password() -> Vec<u8> {
    use lopdf::{EncryptionState, EncryptionVersion, Object, Permissions, StringFormat};
    let Ok(mut doc) = lopdf::Document::load_mem(&letter()) else {
        return Vec::new();
    };
    let id = Object::String(b"oppdrag-fixture!".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "eier",
        user_password: "",
        key_length: 128,
        permissions: Permissions::default(),
    };
    let Ok(state) = EncryptionState::try_from(version) else {
        return Vec::new();
    };
    if doc.encrypt(&state).is_err() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let _ = doc.save_to(&mut out);
    out
}

/// A page whose content stream inflates to `size` bytes of spaces.
pub fn zip_bomb(size: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let c = b.flate_stream("", &vec![b' '; size]);
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R >>"
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(catalog, "")
}

/// A page drawing a form that draws itself.
pub fn cyclic_form() -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let form = b.reserve();
    b.set(
        form,
        format!(
            "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X {form} 0 R >> >> /Length 6 >>\nstream\n/X Do\n\nendstream"
        ),
    );
    let c = b.stream("", b"/X Do");
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {c} 0 R /Resources << /XObject << /X {form} 0 R >> >> >>"
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(catalog, "")
}

/// A file with arrays nested `depth` deep.
pub fn deep_arrays(depth: usize) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    b.set(catalog, format!("<< /Type /Catalog /Deep {deep} >>"));
    b.finish(catalog, "")
}

/// [`letter`] with its xref table pointing at the wrong places.
pub fn broken_xref() -> Vec<u8> {
    let mut data = letter();
    if let Some(pos) = memchr::memmem::rfind(&data, b"startxref\n") {
        data.truncate(pos);
        data.extend_from_slice(b"startxref\n99999999\n%%EOF\n");
    }
    data
}

/// [`letter`] with a control byte inside its trailer's `/ID` string (seen
/// in damaged files: the parser refuses the trailer for it).
pub fn damaged_trailer_id() -> Vec<u8> {
    let mut data = letter();
    if let Some(pos) = memchr::memmem::rfind(&data, b"trailer\n<< ") {
        let id = b"/ID [<2c51a509\x17e004f40d><2c51a509e004f40d>] ";
        let at = pos + b"trailer\n<< ".len();
        data.splice(at..at, id.iter().copied());
    }
    data
}

/// [`letter`] with the `/Length` of its first stream off by a few bytes (the
/// same number of digits, so the xref table still points right): the parser
/// refuses that stream.
pub fn wrong_stream_length() -> Vec<u8> {
    let mut data = letter();
    if let Some(pos) = memchr::memmem::find(&data, b"/Length ") {
        let digits = pos + b"/Length ".len();
        let end = data[digits..]
            .iter()
            .position(|b| !b.is_ascii_digit())
            .map_or(data.len(), |n| digits + n);
        if end > digits {
            let last = data[end - 1] - b'0';
            data[end - 1] = b'0' + (last + 5) % 10;
        }
    }
    data
}

/// [`letter`] cut short after `fraction` of its bytes.
pub fn truncated(fraction: f32) -> Vec<u8> {
    let mut data = letter();
    let keep = (data.len() as f32 * fraction) as usize;
    data.truncate(keep);
    data
}

/// Every fixture by file name, as written to `tests/data/ingest/`.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("letter.pdf", letter()),
        ("type0.pdf", type0()),
        ("differences_form_rotated.pdf", differences_form_rotated()),
        ("image_only.pdf", image_only()),
        ("encrypted.pdf", encrypted()),
        ("encrypted_empty_password.pdf", encrypted_empty_password()),
        ("zip_bomb.pdf", zip_bomb(4 << 20)),
        ("cyclic_form.pdf", cyclic_form()),
        ("deep_arrays.pdf", deep_arrays(5000)),
        ("broken_xref.pdf", broken_xref()),
        ("truncated.pdf", truncated(0.7)),
        ("damaged_trailer_id.pdf", damaged_trailer_id()),
        ("wrong_stream_length.pdf", wrong_stream_length()),
        (
            "not_a_pdf.pdf",
            b"PK\x03\x04 this is a zip, not a pdf".to_vec(),
        ),
        ("empty.pdf", Vec::new()),
    ]
}
