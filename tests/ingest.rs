//! `oppdrag text`: PDF, text and Markdown input through the PDF layer, and
//! one clear error line per bad file.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn oppdrag() -> Command {
    Command::cargo_bin("oppdrag").expect("binary builds")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/ingest")
        .join(name)
}

fn run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let out = oppdrag().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn prints_pages_separated_by_form_feeds() {
    let path = fixture("letter.pdf");
    let (code, stdout, stderr) = run(&["text".as_ref(), path.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    let pages: Vec<&str> = stdout.split('\x0c').collect();
    assert_eq!(
        pages.len(),
        3,
        "two pages, each ended by a form feed: {stdout:?}"
    );
    assert!(pages[0].starts_with("Tildelingsbrev 2024\n1 Oppdrag til Helsedirektoratet\n"));
    assert!(
        pages[0].contains("\n701  21  Spesielle driftsutgifter  20 000\n"),
        "{stdout}"
    );
    assert!(pages[0].ends_with("Side 1 av 2\n"));
    let (_, body, _) = run(&["text".as_ref(), "--body".as_ref(), path.as_os_str()]);
    assert!(
        !body.contains("Tildelingsbrev 2024") && !body.contains("Side 1 av 2"),
        "{body}"
    );
    assert!(body.contains("omsorgssektoren"));
}

#[test]
fn every_bad_file_gets_one_line_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "letter.pdf",
        "empty.pdf",
        "not_a_pdf.pdf",
        "encrypted.pdf",
        "image_only.pdf",
        "cyclic_form.pdf",
        "deep_arrays.pdf",
        "zip_bomb.pdf",
        "truncated.pdf",
        "broken_xref.pdf",
    ] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    let (code, stdout, stderr) = run(&[
        "--max-stream-mib".as_ref(),
        "1".as_ref(),
        "text".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let expect = [
        ("cyclic_form.pdf", "nesting too deep"),
        ("deep_arrays.pdf", "nesting too deep"),
        ("empty.pdf", "empty file"),
        ("encrypted.pdf", "encrypted: a password is needed"),
        ("image_only.pdf", "no text layer on pages 1-2: OCR needed"),
        ("not_a_pdf.pdf", "not a pdf"),
        ("truncated.pdf", "corrupt pdf: truncated"),
        ("zip_bomb.pdf", "stream too large"),
    ];
    for (name, cause) in expect {
        let line = stderr
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_default();
        assert!(
            line.starts_with("oppdrag: ") && line.contains(cause),
            "{name}: {stderr}"
        );
    }
    assert_eq!(
        stderr.lines().count(),
        expect.len(),
        "one line per bad file: {stderr}"
    );
    // The repaired copy still gives text, in input order.
    let broken = stdout.find("1 Oppdrag til Helsedirektoratet").unwrap();
    let letter = stdout.rfind("1 Oppdrag til Helsedirektoratet").unwrap();
    assert!(broken < letter, "broken_xref.pdf comes before letter.pdf");
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..12 {
        let name = if i % 2 == 0 {
            "letter.pdf"
        } else {
            "type0.pdf"
        };
        std::fs::copy(fixture(name), dir.path().join(format!("{i:02}_{name}"))).unwrap();
    }
    let (_, one, _) = run(&[
        "-j".as_ref(),
        "1".as_ref(),
        "text".as_ref(),
        dir.path().as_os_str(),
    ]);
    let (_, four, _) = run(&[
        "-j".as_ref(),
        "4".as_ref(),
        "text".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(one, four);
    assert_eq!(one.matches("Plan for finansiering på Åsen").count(), 6);
}

#[test]
fn text_and_markdown_go_through_the_same_model() {
    let dir = tempfile::tempdir().unwrap();
    let txt = dir.path().join("brev.txt");
    std::fs::write(&txt, b"Tildelingsbrev\r\nBl\xe5 b\xe6r \x96 s\xf8t\r\n").unwrap();
    let md = dir.path().join("mandat.md");
    std::fs::write(
        &md,
        "# Mandat\n\n| Kap. | Post |\n|---|---|\n| 701 | 21 |\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["text".as_ref(), txt.as_os_str()]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stdout, "Tildelingsbrev\nBlå bær – søt\n\x0c");
    let (code, stdout, _) = run(&["text".as_ref(), "--json".as_ref(), md.as_os_str()]);
    assert_eq!(code, Some(0));
    let doc: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(doc["name"], "mandat.md");
    assert_eq!(doc["source"], "markdown");
    let row = &doc["pages"][0]["lines"][4];
    assert_eq!(row["source_line"], 5);
    assert_eq!(row["cells"][1]["text"], "21");
}

/// The fuzz findings go through the CLI's worker threads too (which parse on
/// their own stacks, not a parser thread's): each is one error line, never an
/// abort, with one job or two.
#[test]
fn fuzz_findings_are_errors_on_the_cli_workers() {
    let dir = fixture("fuzz");
    for jobs in ["1", "2"] {
        let (code, stdout, stderr) = run(&[
            "text".as_ref(),
            "-j".as_ref(),
            jobs.as_ref(),
            dir.as_os_str(),
        ]);
        assert_eq!(code, Some(2), "jobs {jobs}: {stderr}");
        assert!(stdout.is_empty(), "jobs {jobs}: {stdout:?}");
        for name in [
            "huge-object-number-rebuild.pdf",
            "slow-rebuild.pdf",
            "stack-overflow-hidden-nesting.pdf",
        ] {
            let line = format!("{name}: ");
            assert_eq!(stderr.matches(&line).count(), 1, "jobs {jobs}: {stderr}");
        }
    }
}

/// An object stream whose `/Type` was damaged or lost (here in the sample
/// letter written with object streams) is still read: its pages come out as
/// before, where lopdf alone finds no pages at all.
#[test]
fn an_object_stream_with_a_damaged_type_is_still_read() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/letter_00004.pdf");
    let data = std::fs::read(&sample).unwrap();
    let key = b"/Type/ObjStm";
    let at = data
        .windows(key.len())
        .position(|w| w == key)
        .expect("the sample letter has an object stream");
    let (_, expected, _) = run(&["text".as_ref(), sample.as_os_str()]);
    assert!(expected.contains("TB20"), "{expected:?}");
    let dir = tempfile::tempdir().unwrap();
    for (name, damage) in [
        ("misspelt.pdf", &b"/Type/ObjStX"[..]),
        ("lost.pdf", b"            "),
    ] {
        let mut damaged = data.clone();
        damaged[at..at + key.len()].copy_from_slice(damage);
        let path = dir.path().join(name);
        std::fs::write(&path, damaged).unwrap();
        let (code, stdout, stderr) = run(&["text".as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        assert_eq!(stdout, expected, "{name}");
    }
}

/// A file whose `%PDF-` header was overwritten or cut off is read as the
/// intact file (pdftotext reads it too); bytes that are no PDF body keep the
/// missing header as their error.
#[test]
fn a_lost_header_is_put_back_when_the_body_is_pdf() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/letter_00001.pdf");
    let data = std::fs::read(&sample).unwrap();
    let (_, expected, _) = run(&["text".as_ref(), sample.as_os_str()]);
    assert!(expected.contains("TB20"), "{expected:?}");
    let first_line = data.iter().position(|&b| b == b'\n').unwrap() + 1;
    let mut overwritten = data.clone();
    overwritten[..5].copy_from_slice(b"XXXXX");
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("overwritten.pdf", overwritten),
        ("cut.pdf", data[first_line..].to_vec()),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, stdout, stderr) = run(&["text".as_ref(), path.as_os_str()]);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        assert_eq!(stdout, expected, "{name}");
    }
    let path = dir.path().join("words.pdf");
    std::fs::write(&path, "1 0 obj is not enough endobj").unwrap();
    let (code, _, stderr) = run(&["text".as_ref(), path.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("words.pdf: not a pdf: no %PDF header"),
        "{stderr}"
    );
}

/// A page object that cannot be read at all (here its `/MediaBox` opens with
/// `{`) is left out with one warning naming it; the file's other pages are
/// read with their own numbers, the exit code is 0, and the document record
/// counts every page of the file. A stray control byte in the same place is
/// taken out and the page read as in the intact file.
#[test]
fn a_damaged_page_is_named_and_the_others_keep_their_numbers() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/letter_00001.pdf");
    let data = std::fs::read(&sample).unwrap();
    let key = b"/MediaBox[";
    let at = data.windows(key.len()).position(|w| w == key).unwrap() + key.len() - 1;
    let records = |path: &Path| -> (Option<i32>, Vec<serde_json::Value>, String) {
        let (code, stdout, stderr) = run(&["extract".as_ref(), path.as_os_str()]);
        let records = stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        (code, records, stderr)
    };
    let (_, intact, _) = records(&sample);
    let total = intact[0]["pages"].as_u64().unwrap();
    let (_, intact_text, _) = run(&["text".as_ref(), sample.as_os_str()]);

    let dir = tempfile::tempdir().unwrap();
    let mut lost = data.clone();
    lost[at] = b'{';
    let path = dir.path().join("lost-page.pdf");
    std::fs::write(&path, &lost).unwrap();
    let (code, damaged, stderr) = records(&path);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let warning = stderr.trim_end();
    assert!(warning.starts_with("oppdrag: warning: "), "{warning}");
    let tail = format!(" of {total} is damaged and was left out");
    assert!(warning.ends_with(&tail), "{warning}");
    let page: u64 = warning[..warning.len() - tail.len()]
        .rsplit(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(damaged[0]["pages"].as_u64(), Some(total));
    // Every record keeps its page: those of the lost page are gone.
    let on_other_pages: Vec<&serde_json::Value> = intact
        .iter()
        .filter(|r| r["page"].as_u64() != Some(page))
        .collect();
    let assignments = |rs: &[&serde_json::Value]| -> Vec<(String, u64)> {
        rs.iter()
            .filter(|r| r["type"] == "assignment")
            .map(|r| {
                (
                    r["code"].as_str().unwrap().to_string(),
                    r["page"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let damaged_refs: Vec<&serde_json::Value> = damaged.iter().collect();
    let kept = assignments(&damaged_refs);
    assert!(!kept.is_empty());
    for found in &kept {
        assert!(assignments(&on_other_pages).contains(found), "{found:?}");
    }

    // The text keeps an empty page in its place.
    let (_, text, _) = run(&["text".as_ref(), path.as_os_str()]);
    let form_feeds = |t: &str| t.matches('\x0c').count();
    assert_eq!(form_feeds(&text), form_feeds(&intact_text));

    let mut stray = data.clone();
    stray.insert(at + 1, 0x01);
    let path = dir.path().join("stray-byte.pdf");
    std::fs::write(&path, &stray).unwrap();
    let (code, text, stderr) = run(&["text".as_ref(), path.as_os_str()]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(text, intact_text);
}
