//! Stream lengths: a stream whose `/Length` does not end at its
//! `endstream` is refused by lopdf's parser (the object is lost, or read as
//! its bare dictionary). pdftotext reads such streams up to `endstream`;
//! [`fix_stream_lengths`] rewrites the lengths so that lopdf does too.

use std::collections::BTreeMap;

use lopdf::Object;

use crate::repair::{is_ws, reference, scan_objects, skip_ws, uint};

/// How many objects the parser lost: objects the cross-reference table
/// lists as in use but missing, and streams read as their bare dictionary (a
/// dictionary with a `/Length`). Both happen to a stream whose `/Length` is
/// wrong.
pub fn lost_objects(doc: &lopdf::Document) -> usize {
    use lopdf::xref::XrefEntry;
    let missing = doc
        .reference_table
        .entries
        .iter()
        .filter(|(&id, entry)| match **entry {
            XrefEntry::Normal { generation, .. } => !doc.objects.contains_key(&(id, generation)),
            XrefEntry::Compressed { .. } => !doc.objects.contains_key(&(id, 0)),
            XrefEntry::Free | XrefEntry::UnusableFree => false,
        })
        .count();
    // The encryption dictionary's /Length is its key length, not a stream's.
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let bare = doc
        .objects
        .iter()
        .filter(|(id, o)| {
            Some(**id) != encrypt && matches!(o, Object::Dictionary(d) if d.has(b"Length"))
        })
        .count();
    missing + bare
}

/// Returns a copy of `data` in which every stream whose `/Length` does not
/// end at its `endstream` gets the length it has up to there (a direct
/// number, also where the length was a reference), or `None` when every
/// length is right. Offsets move, so the result needs [`rebuild`].
///
/// A length is only changed where the parser would fail on it: where it
/// ends at `endstream`, it stays, even if the data holds the word again.
pub fn fix_stream_lengths(data: &[u8]) -> Option<Vec<u8>> {
    let keyword = memchr::memmem::Finder::new(b"stream");
    let end_keyword = memchr::memmem::Finder::new(b"endstream");
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut pos = 0;
    // Where the stream before ended: a dictionary starts after it, so each
    // byte is looked at a bounded number of times, however the file is made.
    let mut floor = 0;
    let mut offsets = None;
    while let Some(found) = keyword.find(&data[pos..]) {
        let at = pos + found;
        pos = at + b"stream".len();
        let before = trim_ws_end(&data[..at]);
        if data[..at].ends_with(b"end") || !before.ends_with(b">>") {
            continue;
        }
        let start = match &data[pos..] {
            [b'\r', b'\n', ..] => pos + 2,
            [b'\n' | b'\r', ..] => pos + 1,
            _ => pos,
        };
        let Some(end) = end_keyword.find(&data[start..]).map(|e| start + e) else {
            break;
        };
        pos = end + b"endstream".len();
        let actual = strip_eol(&data[start..end]).len();
        let dict_at = dict_start(data, floor, at);
        floor = pos;
        let Some((span, current)) = length_entry(data, &data[dict_at..at], &mut offsets) else {
            continue;
        };
        let fits = current
            .and_then(|n| usize::try_from(n).ok())
            .is_some_and(|n| {
                data.get(start + n..)
                    .is_some_and(|rest| trim_ws_start(rest).starts_with(b"endstream"))
            });
        if fits {
            continue;
        }
        out.extend_from_slice(&data[copied..dict_at + span.start]);
        out.extend_from_slice(actual.to_string().as_bytes());
        copied = dict_at + span.end;
    }
    if copied == 0 {
        return None;
    }
    out.extend_from_slice(&data[copied..]);
    Some(out)
}

/// Where the dictionary before a `stream` keyword at `at` starts: just after
/// the last `obj` keyword, looking back at most 64 KB and not before `floor`.
fn dict_start(data: &[u8], floor: usize, at: usize) -> usize {
    let from = at.saturating_sub(64 << 10).max(floor);
    memchr::memmem::rfind(&data[from..at], b"obj").map_or(from, |p| from + p + 3)
}

/// Object offsets of a file ([`scan_objects`]), scanned when first needed.
type Offsets = Option<BTreeMap<u64, (u64, usize)>>;

/// The value of the `/Length` entry of a stream dictionary: its byte range in
/// `dict`, and the number (read from the object it refers to for a
/// reference; `None` when that cannot be read).
fn length_entry(
    data: &[u8],
    dict: &[u8],
    offsets: &mut Offsets,
) -> Option<(std::ops::Range<usize>, Option<u64>)> {
    let finder = memchr::memmem::Finder::new(b"/Length");
    let key = finder
        .find_iter(dict)
        .filter(|&p| !dict.get(p + 7).is_some_and(|b| b.is_ascii_alphanumeric()))
        .last()?;
    let value = skip_ws(dict, key + 7);
    let (n, after) = uint(dict, value)?;
    let Some((num, gen)) = reference(dict, value) else {
        return Some((value..after, Some(n)));
    };
    // `N G R`: the value is the whole reference; read the number it points to.
    let end = memchr::memchr(b'R', &dict[value..])? + value + 1;
    let current = offsets
        .get_or_insert_with(|| scan_objects(data))
        .get(&num)
        .filter(|(g, _)| *g == gen)
        .and_then(|&(_, at)| {
            let body = memchr::memmem::find(&data[at..], b"obj")? + at + 3;
            uint(data, skip_ws(data, body)).map(|(v, _)| v)
        });
    Some((value..end, current))
}

fn trim_ws_end(data: &[u8]) -> &[u8] {
    let end = data.iter().rposition(|&b| !is_ws(b)).map_or(0, |p| p + 1);
    &data[..end]
}

fn trim_ws_start(data: &[u8]) -> &[u8] {
    &data[skip_ws(data, 0)..]
}

/// Data before `endstream` without the one end-of-line that precedes the keyword.
fn strip_eol(data: &[u8]) -> &[u8] {
    data.strip_suffix(b"\r\n")
        .or_else(|| data.strip_suffix(b"\n"))
        .or_else(|| data.strip_suffix(b"\r"))
        .unwrap_or(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_stream_lengths_are_set_to_the_data_up_to_endstream() {
        let data = b"1 0 obj\n<< /Length 3 /Length1 9 >>\nstream\nabcdef\nendstream\nendobj\n\
2 0 obj\n<< /Length 6 >>\nstream\nabcdef\nendstream\nendobj\n";
        let fixed = fix_stream_lengths(data).expect("one length is wrong");
        let text = String::from_utf8(fixed).unwrap();
        assert!(text.contains("<< /Length 6 /Length1 9 >>"), "{text}");
        assert!(text.contains("2 0 obj\n<< /Length 6 >>"), "{text}");
        assert_eq!(fix_stream_lengths(text.as_bytes()), None);
    }

    #[test]
    fn many_small_streams_are_read_in_linear_time() {
        // 200 000 streams, none with an `obj` before it: each dictionary is
        // looked for only back to the stream before.
        let data = b"<< /Length 9 >>stream\nab\nendstream ".repeat(200_000);
        let start = std::time::Instant::now();
        let fixed = fix_stream_lengths(&data).expect("lengths are wrong");
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
        assert!(fixed.starts_with(b"<< /Length 2 >>stream"));
    }

    #[test]
    fn a_wrong_indirect_length_becomes_a_direct_one() {
        let data = b"1 0 obj\n<< /Length 2 0 R >>\nstream\nabcdef\r\nendstream\nendobj\n\
2 0 obj\n4\nendobj\n";
        let fixed = String::from_utf8(fix_stream_lengths(data).unwrap()).unwrap();
        assert!(fixed.starts_with("1 0 obj\n<< /Length 6 >>"), "{fixed}");
    }
}
