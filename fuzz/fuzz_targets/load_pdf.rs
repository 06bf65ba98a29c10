//! Fuzzes the whole PDF layer: any bytes in, a document or a typed error
//! out, never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = oppdrag_pdf::Options {
        max_stream_bytes: 8 << 20,
        timeout: std::time::Duration::from_secs(5),
        ..oppdrag_pdf::Options::default()
    };
    let _ = oppdrag_pdf::load_bytes("fuzz.pdf", data, &options);
});
