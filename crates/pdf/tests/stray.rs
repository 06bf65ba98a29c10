//! A stray byte (a control character, or one above `~`) inside a page
//! object's dictionary made lopdf drop the page; it is skipped now, as
//! pdftotext's lexer skips it.

use oppdrag_pdf::fixture::{winansi_font, Builder};
use oppdrag_pdf::{load_bytes, Options};

/// Two pages, "Side en" and "Side to"; the second page's dictionary has
/// `media_box` and a `/Contents` reference written as `contents(num)`.
fn two_pages(media_box: &[u8], contents: impl Fn(usize) -> Vec<u8>) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let font = b.add(winansi_font("Helvetica"));
    let resources = format!("/Resources << /Font << /F1 {font} 0 R >> >>");
    let first_text = b.stream("", b"BT /F1 12 Tf 72 720 Td (Side en) Tj ET");
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
    assert_eq!(pages_and_text(&for_a_space).0, 2);
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
fn stray_bytes_in_strings_are_kept() {
    // A byte above `~` is fine inside a string: the page stands as it is,
    // and a string with a control byte in a page dictionary is no damage.
    let pdf = two_pages(b"[0 0 595 842] /PieceInfo << /T (\x01\xe6) >>", |n| {
        format!("{n} 0 R").into_bytes()
    });
    let (pages, text) = pages_and_text(&pdf);
    assert_eq!(pages, 2);
    assert!(text.contains("Side to"), "{text}");
}
