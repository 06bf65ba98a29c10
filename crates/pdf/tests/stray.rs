//! A stray byte (a control character, or one above `~`) inside a page
//! object's dictionary made lopdf drop the page; it is skipped now, as
//! pdftotext's lexer skips it.

use oppdrag_pdf::fixture::{winansi_font, Builder};
use oppdrag_pdf::{load_bytes, Options};

/// Two pages, "Side en" and "Side to"; the second page's dictionary has
/// `media_box` and a `/Contents` reference written as `contents(num)`. The
/// last object is a spare `null`.
fn two_pages(media_box: &[u8], contents: impl Fn(usize) -> Vec<u8>) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let font = b.add(winansi_font("Helvetica"));
    let resources = format!("/Resources << /Font << /F1 {font} 0 R >> >>");
    let first_text = b.flate_stream("", b"BT /F1 12 Tf 72 720 Td (Side en) Tj ET");
    let second_text = b.stream("", b"BT /F1 12 Tf 72 720 Td (Side to) Tj ET");
    let first = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {first_text} 0 R {resources} >>"
    ));
    let mut second = format!("<< /Type /Page /Parent {tree} 0 R /MediaBox ").into_bytes();
    second.extend_from_slice(media_box);
    second.extend_from_slice(b" /Contents ");
    second.extend_from_slice(&contents(second_text));
    second.extend_from_slice(format!(" {resources} >>").as_bytes());
    let second = b.add(second);
    // A spare object last, for a test to point its entry elsewhere.
    b.add("null");
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{first} 0 R {second} 0 R] /Count 2 >>"),
    );
    b.finish(catalog, "")
}

fn find(data: &[u8], needle: &[u8]) -> usize {
    data.windows(needle.len())
        .position(|w| w == needle)
        .unwrap()
}

fn rfind(data: &[u8], needle: &[u8]) -> usize {
    data.windows(needle.len())
        .rposition(|w| w == needle)
        .unwrap()
}

fn pages_and_text(data: &[u8]) -> (usize, String) {
    match load_bytes("t.pdf", data, &Options::default()) {
        Ok(doc) => (doc.pages.len(), doc.text()),
        Err(err) => panic!("{err}"),
    }
}

#[test]
fn a_stray_byte_in_a_page_dictionary_loses_no_page() {
    let reference = |n: usize| format!("{n} 0 R").into_bytes();
    let clean = two_pages(b"[0 0 595 842]", reference);
    assert_eq!(pages_and_text(&clean).0, 2);
    // A control byte inside a number; a byte above `~` inside a reference.
    let in_number = two_pages(b"[0 0 59\x015 842]", reference);
    let in_reference = two_pages(b"[0 0 595 842]", |n| {
        let mut r = n.to_string().into_bytes();
        r.insert(1.min(r.len()), 0xff);
        r.extend_from_slice(b" 0 R");
        r
    });
    // A control byte in place of the space between a key and its value.
    let mut for_a_space = two_pages(b"[0 0 595 841]", reference);
    let second_page = find(&for_a_space, b"[0 0 595 841]");
    let key = rfind(&for_a_space[..second_page], b"/Parent ");
    for_a_space[key + b"/Parent".len()] = 0x02;
    let (pages, text) = pages_and_text(&for_a_space);
    assert_eq!(pages, 2, "{text}");
    assert!(
        text.contains("Side en") && text.contains("Side to"),
        "{text}"
    );
    for damaged in [in_number, in_reference] {
        assert_eq!(damaged.len(), clean.len() + 1);
        let (pages, text) = pages_and_text(&damaged);
        assert_eq!(pages, 2, "{text}");
        assert!(
            text.contains("Side en") && text.contains("Side to"),
            "{text}"
        );
    }
}

#[test]
fn the_head_ends_at_its_keyword_not_at_a_word_in_a_string() {
    // "stream" in a string, then a stray byte after it: still found.
    let pdf = two_pages(
        b"[0 0 595 842] /PieceInfo << /T (main stream \x01\xe6) >> /Rotate 0\x01",
        |n| format!("{n} 0 R").into_bytes(),
    );
    let (pages, text) = pages_and_text(&pdf);
    assert_eq!(pages, 2, "{text}");
    assert!(text.contains("Side to"), "{text}");
}

#[test]
fn a_stale_entry_pointing_into_another_object_is_left_alone() {
    // As the first test's damaged file, plus a cross-reference entry for
    // the last object that points into page one's compressed content:
    // that content must stay as it is.
    let mut pdf = two_pages(b"[0 0 59\x015 842]", |n| format!("{n} 0 R").into_bytes());
    let data_at = find(&pdf, b"stream\n") + b"stream\n".len() + 2;
    let xref = find(&pdf, b"\nxref\n");
    let last_entry = rfind(&pdf, b" 00000 n \n") - 10;
    assert!(last_entry > xref);
    pdf[last_entry..last_entry + 10].copy_from_slice(format!("{data_at:010}").as_bytes());
    let (pages, text) = pages_and_text(&pdf);
    assert_eq!(pages, 2, "{text}");
    assert!(
        text.contains("Side en") && text.contains("Side to"),
        "{text}"
    );
}

#[test]
fn a_page_that_cannot_be_read_is_named_and_the_others_keep_their_numbers() {
    // An unbalanced dictionary: no byte to take out, the page is lost.
    let pdf = two_pages(b"[0 0 595 842] /Foo <<", |n| {
        format!("{n} 0 R").into_bytes()
    });
    let doc = load_bytes("t.pdf", &pdf, &Options::default()).unwrap();
    assert_eq!(doc.unreadable_pages, [2]);
    let numbers: Vec<u32> = doc.pages.iter().map(|p| p.number).collect();
    assert_eq!(numbers, [1]);
    let clean = two_pages(b"[0 0 595 842]", |n| format!("{n} 0 R").into_bytes());
    let doc = load_bytes("t.pdf", &clean, &Options::default()).unwrap();
    assert!(doc.unreadable_pages.is_empty());
}
