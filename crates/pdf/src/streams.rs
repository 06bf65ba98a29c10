//! Objects and streams with limits: references followed to a bounded depth,
//! streams inflated to a bounded size.

use std::io::Read;

use lopdf::{Dictionary, Object, Stream};

use crate::Error;

/// Limits shared by everything that reads one file.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Largest decoded stream in bytes.
    pub max_stream_bytes: u64,
    /// Deepest reference chain or form nesting.
    pub max_depth: usize,
    /// When the work must stop.
    pub deadline: std::time::Instant,
    /// The configured time limit, for the message.
    pub timeout_secs: f64,
}

impl Limits {
    /// Fails with [`Error::Timeout`] once the deadline has passed.
    pub fn check_time(&self) -> Result<(), Error> {
        if std::time::Instant::now() > self.deadline {
            Err(Error::Timeout {
                secs: self.timeout_secs,
            })
        } else {
            Ok(())
        }
    }
}

/// Follows references from `obj` until a direct object; `None` when a
/// reference is dangling or the chain is longer than `max_depth`.
pub fn resolve<'a>(
    doc: &'a lopdf::Document,
    obj: &'a Object,
    max_depth: usize,
) -> Option<&'a Object> {
    let mut cur = obj;
    for _ in 0..=max_depth {
        match cur {
            Object::Reference(id) => cur = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The value under `key` in `dict`, references followed.
pub fn get<'a>(doc: &'a lopdf::Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    resolve(doc, dict.get(key).ok()?, 16)
}

/// The dictionary under `key`, references followed (a stream's dictionary
/// counts).
pub fn get_dict<'a>(
    doc: &'a lopdf::Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// The name under `key`.
pub fn get_name<'a>(
    doc: &'a lopdf::Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

/// The number under `key`.
pub fn get_num(doc: &lopdf::Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(get(doc, dict, key)?)
}

/// An integer or real as f32.
pub fn num(obj: &Object) -> Option<f32> {
    match obj {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) if r.is_finite() => Some(*r),
        _ => None,
    }
}

/// Decodes a stream's data through its filters, refusing to inflate past
/// `limit` bytes. Unknown filters give the data as lopdf decodes it, or
/// nothing.
pub fn decode(doc: &lopdf::Document, stream: &Stream, limit: u64) -> Result<Vec<u8>, Error> {
    let filters: Vec<Vec<u8>> = match get(doc, &stream.dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(items)) => items
            .iter()
            .filter_map(|i| {
                resolve(doc, i, 4)
                    .and_then(|o| o.as_name().ok())
                    .map(<[u8]>::to_vec)
            })
            .collect(),
        _ => Vec::new(),
    };
    if filters.is_empty() {
        return Ok(stream.content.clone());
    }
    let params =
        get_dict(doc, &stream.dict, b"DecodeParms").or_else(|| get_dict(doc, &stream.dict, b"DP"));
    let predictor = params
        .and_then(|p| get_num(doc, p, b"Predictor"))
        .unwrap_or(1.0);
    let mut data = std::borrow::Cow::Borrowed(&stream.content[..]);
    for (i, filter) in filters.iter().enumerate() {
        let out = match filter.as_slice() {
            b"FlateDecode" | b"Fl" if predictor <= 1.0 || i + 1 < filters.len() => {
                inflate(&data, limit)?
            }
            b"FlateDecode" | b"Fl" if predictor >= 10.0 => {
                let param = |key: &[u8], default: f32| {
                    params
                        .and_then(|p| get_num(doc, p, key))
                        .unwrap_or(default)
                        .clamp(1.0, 4096.0) as usize
                };
                let bpp_bits = param(b"Colors", 1.0) * param(b"BitsPerComponent", 8.0);
                let row = (param(b"Columns", 1.0) * bpp_bits).div_ceil(8);
                unpredict_png(&inflate(&data, limit)?, row, bpp_bits.div_ceil(8))
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            _ => {
                // Predictors, LZW and the rest: lopdf's decoder, with the
                // result checked against the limit afterwards.
                if i > 0 {
                    return Ok(Vec::new());
                }
                let out = stream.decompressed_content().unwrap_or_default();
                if out.len() as u64 > limit {
                    return Err(Error::StreamTooLarge { limit });
                }
                out
            }
        };
        data = std::borrow::Cow::Owned(out);
    }
    Ok(data.into_owned())
}

/// Inflates zlib (or raw deflate) data, keeping what decodes before an
/// error, failing past `limit` bytes.
pub fn inflate(data: &[u8], limit: u64) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let cap = limit.saturating_add(1);
    let res = flate2::read::ZlibDecoder::new(data)
        .take(cap)
        .read_to_end(&mut out);
    if res.is_err() && out.is_empty() {
        out.clear();
        let _ = flate2::read::DeflateDecoder::new(data)
            .take(cap)
            .read_to_end(&mut out);
    }
    if out.len() as u64 > limit {
        return Err(Error::StreamTooLarge { limit });
    }
    Ok(out)
}

/// Undoes PNG predictors: each row of `row` bytes starts with its filter
/// type; `bpp` is the bytes per pixel.
fn unpredict_png(data: &[u8], row: usize, bpp: usize) -> Vec<u8> {
    let row = row.max(1);
    let bpp = bpp.max(1);
    let mut out: Vec<u8> = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let Some((&kind, src)) = chunk.split_first() else {
            break;
        };
        let mut cur = vec![0u8; row];
        for (i, &x) in src.iter().enumerate() {
            let a = if i >= bpp { cur[i - bpp] } else { 0 };
            let b = prev[i];
            let c = if i >= bpp { prev[i - bpp] } else { 0 };
            cur[i] = match kind {
                1 => x.wrapping_add(a),
                2 => x.wrapping_add(b),
                3 => x.wrapping_add(((u16::from(a) + u16::from(b)) / 2) as u8),
                4 => {
                    let p = i16::from(a) + i16::from(b) - i16::from(c);
                    let (pa, pb, pc) = (
                        (p - i16::from(a)).abs(),
                        (p - i16::from(b)).abs(),
                        (p - i16::from(c)).abs(),
                    );
                    let pred = if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    };
                    x.wrapping_add(pred)
                }
                _ => x,
            };
        }
        out.extend_from_slice(&cur[..src.len()]);
        prev = cur;
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let end = memchr::memchr(b'>', data).unwrap_or(data.len());
    let mut out = Vec::new();
    crate::lexer::decode_hex(&data[..end], &mut out);
    out
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = [0u32; 5];
    let mut n = 0;
    let data = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                group[n] = u32::from(c - b'!');
                n += 1;
                if n == 5 {
                    let v = group
                        .iter()
                        .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group
            .iter()
            .fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(&v.to_be_bytes()[..n - 1]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn inflate_caps_output() {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1 << 20]).unwrap();
        let small = enc.finish().unwrap();
        assert!(matches!(
            inflate(&small, 1000),
            Err(Error::StreamTooLarge { limit: 1000 })
        ));
        assert_eq!(inflate(&small, 1 << 20).unwrap().len(), 1 << 20);
    }

    #[test]
    fn png_predictors_are_undone() {
        // Two rows of three bytes: "Sub" then "Up".
        let data = [1, 10, 5, 5, 2, 1, 1, 1];
        assert_eq!(unpredict_png(&data, 3, 1), [10, 15, 20, 11, 16, 21]);
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"48 65 6c6c6F>"), b"Hello");
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
    }
}
