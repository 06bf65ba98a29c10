//! Inputs the fuzzer (`fuzz/`, target `load_pdf`) found to crash, hang or
//! run slowly, kept so that they stay fixed. Each must give a document or a
//! typed error quickly.

use std::time::{Duration, Instant};

use oppdrag_pdf::{load_bytes, Options};

#[test]
fn fuzz_findings_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/ingest/fuzz");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        let options = Options {
            timeout: Duration::from_secs(5),
            ..Options::default()
        };
        let start = Instant::now();
        let _ = load_bytes("fuzz.pdf", &data, &options);
        // Before the fixes: the rebuilt xref table of a file with one huge
        // object number took seconds to write and parse; arrays nested 5000
        // deep where an xref offset pointed inside a string overflowed the
        // stack of lopdf's recursive parser (an abort, not a panic).
        assert!(
            start.elapsed() < Duration::from_secs(3),
            "{}",
            path.display()
        );
        seen += 1;
    }
    assert!(seen >= 3);
}
