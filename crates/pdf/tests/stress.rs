//! Stable-Rust stand-in for the fuzzer: mutated copies of the fixtures and
//! random content streams, with a fixed seed. Every input must give a
//! document or a typed error, without a panic and within the time limit.

use std::time::{Duration, Instant};

use oppdrag_pdf::{fixture, load_bytes, Options};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&[u8]] = &[
    b"[",
    b"]",
    b"<<",
    b">>",
    b"(",
    b")",
    b"<",
    b">",
    b" 0 R",
    b" obj ",
    b"endobj",
    b"stream\n",
    b"endstream",
    b"/Type /Page",
    b"/Kids [",
    b"/Length 999999",
    b"-1",
    b"99999999999",
    b"1e308",
    b"/Filter /FlateDecode",
    b"BT",
    b"ET",
    b"Tj",
    b"TJ",
    b"Tf",
    b"cm",
    b"q",
    b"Q",
    b"Do",
    b"BI",
    b"ID",
    b"EI",
    b"\\",
    b"%",
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"/Encrypt 1 0 R",
];

fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len().max(1);
        match rng.below(6) {
            0 => {
                let i = rng.below(len);
                if let Some(b) = data.get_mut(i) {
                    *b = rng.next() as u8;
                }
            }
            1 => {
                let i = rng.below(len);
                let token = TOKENS[rng.below(TOKENS.len())];
                let at = i.min(data.len());
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let i = rng.below(len).min(data.len());
                let n = rng.below(64).min(data.len() - i);
                data.drain(i..i + n);
            }
            3 => data.truncate(rng.below(len)),
            4 => {
                let i = rng.below(len).min(data.len());
                let n = rng.below(256).min(data.len() - i);
                let chunk: Vec<u8> = data[i..i + n].to_vec();
                let at = rng.below(len).min(data.len());
                data.splice(at..at, chunk);
            }
            _ => {
                let i = rng.below(len).min(data.len());
                let n = rng.below(16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
                data.splice(i..i, bytes);
            }
        }
    }
}

fn check(data: &[u8]) {
    let options = Options {
        timeout: Duration::from_secs(2),
        max_stream_bytes: 16 << 20,
        ..Options::default()
    };
    let start = Instant::now();
    let _ = load_bytes("stress.pdf", data, &options);
    let took = start.elapsed();
    assert!(
        took < Duration::from_secs(10),
        "took {took:?} on {} bytes",
        data.len()
    );
}

#[test]
fn mutated_fixtures_never_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let seeds: Vec<Vec<u8>> = fixture::all()
        .into_iter()
        .filter(|(name, _)| !name.contains("bomb") && !name.contains("deep"))
        .map(|(_, data)| data)
        .collect();
    for round in 0..400 {
        let mut data = seeds[round % seeds.len()].clone();
        mutate(&mut rng, &mut data);
        check(&data);
    }
}

#[test]
fn random_content_streams_never_panic() {
    let mut rng = Rng(0x0123_4567_89ab_cdef);
    let base =
        b"BT /F1 10 Tf 72 700 Td (Tekst) Tj [(A) -300 (B)] TJ ET q 1 0 0 1 5 5 cm /X Do Q".to_vec();
    for _ in 0..300 {
        let mut content = base.clone();
        for _ in 0..4 {
            mutate(&mut rng, &mut content);
        }
        check(&fixture::pages(&[&content], ""));
    }
}
