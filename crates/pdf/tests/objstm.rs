//! Object streams that lost their `/Type` are read (tests/ingest.rs at the
//! root has the damaged sample letter); other streams that happen to carry
//! an object stream's `/N` and `/First` are left alone.

use oppdrag_pdf::fixture::{winansi_font, Builder};
use oppdrag_pdf::{load_bytes, Options};

/// A one-page PDF whose content stream (plain or Flate) has `content_keys`
/// in its dictionary, and whose resources hold an extra image XObject with
/// `image_keys` and `image` as its (Flate) data.
fn page(content_keys: &str, flate: bool, image_keys: &str, image: &[u8]) -> Vec<u8> {
    let mut b = Builder::new();
    let catalog = b.reserve();
    let tree = b.reserve();
    let font = b.add(winansi_font("Helvetica"));
    let text: &[u8] = b"1 0 0 1 72 720 cm BT /F1 12 Tf (Oppdrag til direktoratet) Tj ET";
    let contents = if flate {
        b.flate_stream(content_keys, text)
    } else {
        b.stream(content_keys, text)
    };
    let xobject = b.flate_stream(image_keys, image);
    let page = b.add(format!(
        "<< /Type /Page /Parent {tree} 0 R /MediaBox [0 0 595 842] /Contents {contents} 0 R \
         /Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {xobject} 0 R >> >> >>"
    ));
    b.set(catalog, format!("<< /Type /Catalog /Pages {tree} 0 R >>"));
    b.set(
        tree,
        format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
    );
    b.finish(catalog, "")
}

fn text(data: &[u8]) -> String {
    match load_bytes("t.pdf", data, &Options::default()) {
        Ok(doc) => doc.text(),
        Err(err) => panic!("{err}"),
    }
}

#[test]
fn streams_with_n_and_first_that_are_no_object_streams_are_kept() {
    let image = "/Type /XObject /Subtype /Image /Width 8 /Height 8 /BitsPerComponent 8 \
                 /ColorSpace /DeviceGray /N 1 /First 8";
    let brackets = [b'['; 64];
    for (keys, flate) in [
        // /First beyond the content.
        ("/N 1 /First 500", false),
        ("/N 1 /First 500", true),
        // The content begins with numbers, but not an object index
        // ("1 0" has object number 0, the counts do not match).
        ("/N 3 /First 14", false),
        ("/N 3 /First 14", true),
        ("/N 1 /First 3", false),
    ] {
        let pdf = page(keys, flate, image, &brackets);
        assert!(
            text(&pdf).contains("Oppdrag til direktoratet"),
            "{keys}, flate {flate}"
        );
    }
    // An image without /Subtype whose bytes look nothing like an index.
    let pdf = page("", true, "/Width 8 /Height 8 /N 1 /First 8", &brackets);
    assert!(text(&pdf).contains("Oppdrag til direktoratet"));
}
