//! Stream lengths: a stream whose `/Length` does not end at its
//! `endstream` is refused by lopdf's parser (the object is lost, or read as
//! its bare dictionary). pdftotext reads such streams up to `endstream`;
//! [`fix_stream_lengths`] rewrites the lengths so that lopdf does too.

use std::collections::{BTreeMap, HashMap};

use lopdf::{Object, ObjectId};

use crate::repair::{is_ws, reference, scan_objects, skip_ws, uint};

/// The objects the parser lost, which a stream whose `/Length` is wrong
/// causes: objects the cross-reference table places in the file (at an
/// offset other than 0) or in an object stream but that are missing, and
/// objects read as a bare dictionary with a `/Length` although a `stream`
/// keyword follows them in the file.
pub fn lost_objects(doc: &lopdf::Document, data: &[u8]) -> Vec<ObjectId> {
    use lopdf::xref::XrefEntry;
    // The encryption dictionary's /Length is its key length, not a stream's.
    let encrypt = doc
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    // A stream's `stream` keyword follows its dictionary: looked for in the
    // object's first 4 KB, before its `endobj`.
    let is_stream_at = |offset: u32| {
        let from = usize::try_from(offset).unwrap_or(usize::MAX);
        let window = data
            .get(from..)
            .map_or(&[][..], |w| &w[..w.len().min(4 << 10)]);
        let end = memchr::memmem::find(window, b"endobj").unwrap_or(window.len());
        memchr::memmem::find(&window[..end], b"stream").is_some()
    };
    let bare = |o: &Object| matches!(o, Object::Dictionary(d) if d.has(b"Length"));
    let mut lost = Vec::new();
    for (&num, entry) in &doc.reference_table.entries {
        let (id, offset) = match *entry {
            XrefEntry::Normal { offset, generation } if offset > 0 => {
                ((num, generation), Some(offset))
            }
            XrefEntry::Compressed { .. } => ((num, 0), None),
            _ => continue,
        };
        let is_lost = match doc.objects.get(&id) {
            None => true,
            Some(o) if bare(o) && Some(id) != encrypt => offset.is_some_and(is_stream_at),
            Some(_) => false,
        };
        if is_lost {
            lost.push(id);
        }
    }
    lost
}

/// Whether `repaired` (a parse of [`fix_stream_lengths`]' output) reads
/// something `first` lost and nothing less: one of `lost` is a stream now,
/// it has more streams in all, and as many pages.
pub fn repairs(
    first: &lopdf::Document,
    repaired: &lopdf::Document,
    lost: &[ObjectId],
    pages: impl Fn(&lopdf::Document) -> usize,
) -> bool {
    let streams = |doc: &lopdf::Document| {
        doc.objects
            .values()
            .filter(|o| matches!(o, Object::Stream(_)))
            .count()
    };
    lost.iter()
        .any(|id| matches!(repaired.objects.get(id), Some(Object::Stream(_))))
        && streams(repaired) > streams(first)
        && pages(repaired) >= pages(first)
}

/// Returns a copy of `data` in which every stream whose `/Length` does not
/// end at its `endstream` gets the length it has up to there (a direct
/// number, also where the length was a reference), or `None` when every
/// length is right. Offsets move, so the result needs [`crate::repair::rebuild`].
///
/// A length is changed only where the parser would fail on it: where it
/// ends at an end-of-line and `endstream`, or at `endstream`, it stays, even
/// if the data holds the word again; a reference whose number cannot be
/// read here (an object stream holds it) stays too. Linear in the size of
/// `data`, whatever it holds.
pub fn fix_stream_lengths(data: &[u8]) -> Option<Vec<u8>> {
    let keyword = memchr::memmem::Finder::new(b"stream");
    let end_keyword = memchr::memmem::Finder::new(b"endstream");
    let mut out: Vec<u8> = Vec::new();
    let mut copied = 0;
    let mut pos = 0;
    // Where the stream before ended: a dictionary starts after it, so each
    // byte is looked at a bounded number of times, however the file is made.
    let mut floor = 0;
    let mut offsets = Offsets::default();
    while let Some(found) = keyword.find(&data[pos..]) {
        let at = pos + found;
        pos = at + b"stream".len();
        let before = trim_ws_end(&data[..at]);
        if data[..at].ends_with(b"end") || !before.ends_with(b">>") {
            continue;
        }
        let start = data.len() - skip_eol(&data[pos..]).len();
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
        // As lopdf reads it: the length's bytes, one optional end-of-line,
        // then `endstream`. A length object that is no number is wrong; one
        // not found here may be in an object stream, which lopdf reads.
        let current = match current {
            Length::Number(n) => Some(n),
            Length::NotANumber => None,
            Length::Unknown => continue,
        };
        let fits = current
            .and_then(|n| usize::try_from(n).ok())
            .and_then(|n| start.checked_add(n))
            .and_then(|after| data.get(after..))
            .is_some_and(|rest| skip_eol(rest).starts_with(b"endstream"));
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

/// Object offsets of a file ([`scan_objects`]), scanned when first needed,
/// and the length objects read so far.
#[derive(Default)]
struct Offsets {
    objects: Option<BTreeMap<u64, (u64, usize)>>,
    numbers: HashMap<(u64, u64), Length>,
}

/// A stream's `/Length` as this scan can read it.
#[derive(Clone, Copy)]
enum Length {
    /// A number, given or in the object referred to.
    Number(u64),
    /// The object referred to is here but holds no number.
    NotANumber,
    /// The object referred to is not found here (an object stream may hold it).
    Unknown,
}

/// The value of the `/Length` entry of a stream dictionary: its byte range in
/// `dict`, and the length (read from the object it refers to for a
/// reference).
fn length_entry(
    data: &[u8],
    dict: &[u8],
    offsets: &mut Offsets,
) -> Option<(std::ops::Range<usize>, Length)> {
    let finder = memchr::memmem::Finder::new(b"/Length");
    let key = finder
        .find_iter(dict)
        .filter(|&p| !dict.get(p + 7).is_some_and(|b| b.is_ascii_alphanumeric()))
        .last()?;
    let value = skip_ws(dict, key + 7);
    let (n, after) = uint(dict, value)?;
    let Some((num, gen)) = reference(dict, value) else {
        return Some((value..after, Length::Number(n)));
    };
    // `N G R`: the value is the whole reference; read the number it points to.
    let end = memchr::memchr(b'R', &dict[value..])? + value + 1;
    let Offsets { objects, numbers } = offsets;
    let current = *numbers.entry((num, gen)).or_insert_with(|| {
        let objects = objects.get_or_insert_with(|| scan_objects(data));
        let Some(&(_, at)) = objects.get(&num).filter(|(g, _)| *g == gen) else {
            return Length::Unknown;
        };
        // `N G obj` then the number, a few bytes on.
        let head = data.get(at..).unwrap_or_default();
        let head = &head[..head.len().min(64)];
        let Some(body) = memchr::memmem::find(head, b"obj").map(|p| p + 3) else {
            return Length::Unknown;
        };
        let first = skip_ws(head, body);
        match uint(head, first) {
            Some((v, _)) => Length::Number(v),
            None if first < head.len() => Length::NotANumber,
            None => Length::Unknown,
        }
    });
    Some((value..end, current))
}

fn trim_ws_end(data: &[u8]) -> &[u8] {
    let end = data.iter().rposition(|&b| !is_ws(b)).map_or(0, |p| p + 1);
    &data[..end]
}

/// `bytes` after one end-of-line (`\r\n`, `\n` or `\r`) at their start, if any.
fn skip_eol(bytes: &[u8]) -> &[u8] {
    match bytes {
        [b'\r', b'\n', rest @ ..] | [b'\n' | b'\r', rest @ ..] => rest,
        _ => bytes,
    }
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
    fn a_length_is_right_only_as_the_parser_reads_it() {
        // One end-of-line may stand between the data and `endstream`, not
        // a space as well: the parser refuses this length of 3.
        let data = b"1 0 obj << /Length 3 >>stream\nabc \nendstream endobj";
        let fixed = String::from_utf8(fix_stream_lengths(data).unwrap()).unwrap();
        assert!(fixed.contains("/Length 4 "), "{fixed}");
        let crlf = b"1 0 obj << /Length 3 >>stream\r\nabc\r\nendstream endobj";
        assert_eq!(fix_stream_lengths(crlf), None);
    }

    #[test]
    fn a_length_that_cannot_be_read_here_stays() {
        // 9 0 R is in an object stream, which the parser reads and this
        // scan does not.
        let data = b"1 0 obj << /Length 9 0 R >>stream\nabc\nendstream endobj";
        assert_eq!(fix_stream_lengths(data), None);
    }

    #[test]
    fn streams_sharing_a_far_length_object_are_read_in_linear_time() {
        // 20 000 streams whose length is one object with a megabyte of
        // spaces after `obj`, and direct lengths that end in the spaces.
        let mut data = b"5 0 obj".to_vec();
        data.extend_from_slice(&vec![b' '; 1 << 20]);
        data.extend_from_slice(b"3 endobj ");
        for _ in 0..10_000 {
            data.extend_from_slice(b"<< /Length 5 0 R >>stream\nabcd\nendstream ");
        }
        let spaces = data.len();
        data.extend_from_slice(&vec![b' '; 1 << 20]);
        let far = spaces + 100;
        for _ in 0..10_000 {
            data.extend_from_slice(format!("<< /Length {far} >>stream\nab\nendstream ").as_bytes());
        }
        let start = std::time::Instant::now();
        assert!(fix_stream_lengths(&data).is_some());
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn a_length_object_that_is_no_number_is_replaced() {
        let data = b"1 0 obj << /Length 2 0 R >>stream\nabc\nendstream endobj\n\
2 0 obj << /Type /FontDescriptor >> endobj";
        let fixed = String::from_utf8(fix_stream_lengths(data).unwrap()).unwrap();
        assert!(fixed.starts_with("1 0 obj << /Length 3 >>"), "{fixed}");
    }

    #[test]
    fn a_wrong_indirect_length_becomes_a_direct_one() {
        let data = b"1 0 obj\n<< /Length 2 0 R >>\nstream\nabcdef\r\nendstream\nendobj\n\
2 0 obj\n4\nendobj\n";
        let fixed = String::from_utf8(fix_stream_lengths(data).unwrap()).unwrap();
        assert!(fixed.starts_with("1 0 obj\n<< /Length 6 >>"), "{fixed}");
    }
}
