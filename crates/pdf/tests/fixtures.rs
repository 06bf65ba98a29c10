//! The PDF layer on fixtures this crate builds itself: fonts, layout,
//! clean-up, and every kind of bad input.

use oppdrag_pdf::{fixture, load_bytes, ErrorKind, Options};

fn lines(data: &[u8]) -> Vec<Vec<String>> {
    let doc = load_bytes("f.pdf", data, &Options::default()).unwrap();
    doc.pages
        .iter()
        .map(|p| p.lines.iter().map(|l| l.text.clone()).collect())
        .collect()
}

fn kind(data: &[u8], options: &Options) -> ErrorKind {
    match load_bytes("f.pdf", data, options) {
        Ok(doc) => panic!("expected an error, got {} pages", doc.pages.len()),
        Err(err) => err.kind(),
    }
}

#[test]
fn letter_reads_like_the_page() {
    let doc = load_bytes("dir/letter.pdf", &fixture::letter(), &Options::default()).unwrap();
    assert_eq!(doc.name, "letter.pdf");
    assert_eq!(doc.page_count(), Some(2));
    let p1 = &doc.pages[0];
    let text: Vec<&str> = p1.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        text,
        [
            "1 Oppdrag til Helsedirektoratet",
            "Direktoratet skal styrke tiltak i omsorgssektoren",
            "og i helse-",
            "og omsorgstjenesten, jf. e-helse",
            "og IKT-systemer.",
            "Blåbær og søter.",
            "701  21  Spesielle driftsutgifter  20 000",
        ]
    );
    assert!(p1.lines[0].bold && !p1.lines[1].bold);
    assert_eq!(p1.lines[0].size, 14.0);
    assert!((p1.lines[0].x - 72.0).abs() < 0.5);
    assert!(
        (p1.lines[0].y - 102.0).abs() < 0.5,
        "y from the top: {}",
        p1.lines[0].y
    );
    let cells: Vec<&str> = p1.lines[6].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(cells, ["701", "21", "Spesielle driftsutgifter", "20 000"]);
    assert_eq!(p1.header, ["Tildelingsbrev 2024"]);
    assert_eq!(p1.footer, ["Side 1 av 2"]);
    assert_eq!((p1.width, p1.height), (595.0, 842.0));
    let p2: Vec<&str> = doc.pages[1].lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        p2,
        [
            "Frist: 1. mars 2024.",
            "Ordet med ekstra ordmellomrom.",
            "Se rapporten1 om saken.",
            "1 Rapport fra 2023."
        ]
    );
}

#[test]
fn composite_font_with_to_unicode() {
    assert_eq!(
        lines(&fixture::type0()),
        [["Plan for finansiering på Åsen"]]
    );
}

#[test]
fn differences_forms_and_rotation() {
    let text = lines(&fixture::differences_form_rotated());
    assert_eq!(text.len(), 1);
    assert!(
        text[0].contains(&"Blåbør og ærlig – svar".to_string()),
        "{text:?}"
    );
    assert!(
        text[0].contains(&"Skjema i finansiering".to_string()),
        "{text:?}"
    );
}

#[test]
fn bad_input_is_a_typed_error() {
    let opts = Options::default();
    assert_eq!(kind(b"", &opts), ErrorKind::Empty);
    assert_eq!(kind(b"PK\x03\x04 zip", &opts), ErrorKind::NotPdf);
    assert_eq!(kind(&fixture::encrypted(), &opts), ErrorKind::Encrypted);
    assert_eq!(kind(&fixture::image_only(), &opts), ErrorKind::NoTextLayer);
    let small = Options {
        max_stream_bytes: 1 << 20,
        ..Options::default()
    };
    assert_eq!(
        kind(&fixture::zip_bomb(4 << 20), &small),
        ErrorKind::StreamTooLarge
    );
    assert_eq!(kind(&fixture::cyclic_form(), &opts), ErrorKind::TooDeep);
    assert_eq!(kind(&fixture::deep_arrays(5000), &opts), ErrorKind::TooDeep);
    let none = Options {
        timeout: std::time::Duration::ZERO,
        ..Options::default()
    };
    assert_eq!(kind(&fixture::letter(), &none), ErrorKind::Timeout);
}

#[test]
fn error_messages_are_one_lower_case_line() {
    let err = load_bytes("f.pdf", &fixture::image_only(), &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "no text layer on pages 1-2: OCR needed");
    let err = load_bytes("f.pdf", &fixture::encrypted(), &Options::default()).unwrap_err();
    assert_eq!(err.to_string(), "encrypted: a password is needed");
}

#[test]
fn empty_user_password_is_opened_as_readers_do() {
    let data = fixture::encrypted_empty_password();
    assert!(memchr_find(&data, b"/Encrypt"), "the fixture is encrypted");
    let text = lines(&data);
    assert_eq!(text[0][0], "1 Oppdrag til Helsedirektoratet");
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn broken_xref_is_repaired() {
    let text = lines(&fixture::broken_xref());
    assert_eq!(text[0][0], "1 Oppdrag til Helsedirektoratet");
}

#[test]
fn damaged_trailer_id_is_left_out_of_the_rebuilt_trailer() {
    let data = fixture::damaged_trailer_id();
    assert!(
        memchr_find(&data, b"/ID [<2c51a509\x17"),
        "the fixture has the damage"
    );
    let text = lines(&data);
    assert_eq!(text[0][0], "1 Oppdrag til Helsedirektoratet");
}

#[test]
fn a_stream_with_a_wrong_length_is_read_up_to_its_endstream() {
    let data = fixture::wrong_stream_length();
    assert_ne!(data, fixture::letter(), "the fixture has the damage");
    let text = lines(&data);
    assert_eq!(text[0][0], "1 Oppdrag til Helsedirektoratet");
}

#[test]
fn truncated_file_keeps_what_it_can() {
    // Cut inside the second page: the first page is still read, or the
    // error says what happened; never a panic.
    for fraction in [0.3, 0.5, 0.7, 0.9, 0.99] {
        match load_bytes("f.pdf", &fixture::truncated(fraction), &Options::default()) {
            Ok(doc) => assert!(!doc.pages.is_empty()),
            Err(err) => assert!(
                matches!(err.kind(), ErrorKind::Corrupt | ErrorKind::NoTextLayer),
                "{fraction}: {err}"
            ),
        }
    }
}

#[test]
fn truncated_file_gives_its_first_page_or_says_truncated() {
    let doc = load_bytes("f.pdf", &fixture::truncated(0.95), &Options::default()).unwrap();
    assert_eq!(
        doc.pages[0].lines[0].text,
        "1 Oppdrag til Helsedirektoratet"
    );
    let err = load_bytes("f.pdf", &fixture::truncated(0.7), &Options::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "corrupt pdf: truncated, and no page could be recovered"
    );
}

#[test]
fn committed_fixtures_match_the_generator() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/ingest");
    for (name, data) in fixture::all() {
        let path = dir.join(name);
        if std::env::var_os("OPPDRAG_WRITE_FIXTURES").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &data).unwrap();
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        if name == "encrypted_empty_password.pdf" {
            // lopdf's encryption is not byte-for-byte repeatable: compare text.
            assert_eq!(lines(&committed), lines(&data), "{name}");
            continue;
        }
        assert!(
            committed == data,
            "{name} is stale: run with OPPDRAG_WRITE_FIXTURES=1"
        );
    }
}
