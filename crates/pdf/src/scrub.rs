//! Stray bytes in an object's head: a byte that no number or keyword may
//! hold (a control character, or one above `~`; in a name, a control
//! character) makes lopdf drop the whole
//! object — one damaged byte in a page's `/MediaBox` loses the page.
//! pdftotext's lexer skips such a byte; [`scrub_objects`] takes it out of
//! the objects the parser lost, or puts a space in its place, so that a new
//! parse reads them (`pdf::parse_with_header` tries both and keeps a parse
//! only when it reads more and loses nothing). Taken out is right for a byte
//! that was added (`595.\x0128`), a space for one that replaced the space
//! between two tokens (`/Parent\x024 0 R`); for a byte that replaced a
//! digit neither is, and the value read is wrong.

use std::collections::BTreeMap;

use lopdf::ObjectId;

use crate::repair::{literal_end, skip_ws, uint};

/// How far from its `N G obj` an object's head may end (at `stream` or
/// `endobj`): a page dictionary is a few hundred bytes.
const MAX_HEAD: usize = 4 << 10;

/// Most objects looked at in one file: a file that lost more than this is
/// not one with a few stray bytes.
pub const MAX_OBJECTS: usize = 4096;

/// What becomes of a stray byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stray {
    /// Taken out; the rest of the object's head moves left.
    Remove,
    /// Replaced by a space.
    Space,
}

/// Returns a copy of `data` in which the head of each object of `objects`
/// (its id and the offset the cross-reference table gives) — from its
/// `N G obj` to its `stream` or `endobj` keyword — has its stray bytes
/// removed or made spaces, or `None` when none of them holds one.
///
/// An object is left alone unless its own `N G obj` stands at its offset
/// and its head ends, at a keyword, within [`MAX_HEAD`] bytes and before
/// any other object begins; at most [`MAX_OBJECTS`] are looked at.
/// Removed, the bytes after a stray byte move left within the head, and as
/// many spaces fill its end: every offset outside the heads stays, so the
/// cross-reference table and the stream data still hold. Strings and
/// comments are kept as they are, and so are bytes above `~` in names.
pub fn scrub_objects(
    data: &[u8],
    objects: impl IntoIterator<Item = (ObjectId, usize)>,
    stray: Stray,
) -> Option<Vec<u8>> {
    let by_offset: BTreeMap<usize, ObjectId> = objects
        .into_iter()
        .map(|(id, offset)| (offset, id))
        .take(MAX_OBJECTS)
        .collect();
    let mut out: Option<Vec<u8>> = None;
    for (&offset, &id) in &by_offset {
        let Some(body) = object_body(data, offset, id) else {
            continue;
        };
        let window = &data[body..data.len().min(body + MAX_HEAD)];
        let Some((len, clean)) = scrub_head(window, stray) else {
            continue;
        };
        out.get_or_insert_with(|| data.to_vec())[body..body + len].copy_from_slice(&clean);
    }
    out
}

/// Where the body of object `id` begins when `data` holds its `N G obj` at
/// `offset`.
fn object_body(data: &[u8], offset: usize, (num, gen): ObjectId) -> Option<usize> {
    let (n, i) = uint(data, offset)?;
    let (g, i) = uint(data, skip_ws(data, i))?;
    let i = skip_ws(data, i);
    let after = i + b"obj".len();
    let keyword = data.get(i..after)? == b"obj" && !data.get(after).is_some_and(|&b| is_regular(b));
    (keyword && n == u64::from(num) && g == u64::from(gen)).then_some(after)
}

/// PDF white space.
fn is_white(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// The bytes that end a token, besides white space.
fn is_delimiter(b: u8) -> bool {
    b"()<>[]{}/%".contains(&b)
}

/// A byte of a name, number or keyword, as lopdf reads them.
fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// Whether a byte may stand in a number or keyword: printable ASCII.
fn is_token_byte(b: u8) -> bool {
    matches!(b, b'!'..=b'~')
}

/// Scans an object's head (from just after `obj`) token by token up to its
/// `stream` or `endobj` keyword: returns the length up to that keyword and
/// the head with the stray bytes of its names, numbers and keywords removed (and
/// spaces put at its end) or made spaces; `None` when there are none, when
/// no such keyword ends the head, or when another object begins first.
fn scrub_head(head: &[u8], stray: Stray) -> Option<(usize, Vec<u8>)> {
    let mut out = Vec::with_capacity(head.len());
    let mut removed = 0;
    // A byte of a token: kept when it may stand there, else stray.
    let keep = |c: u8, ok: bool, out: &mut Vec<u8>, removed: &mut usize| {
        if ok {
            out.push(c);
        } else {
            *removed += 1;
            if stray == Stray::Space {
                out.push(b' ');
            }
        }
    };
    let mut i = 0;
    while i < head.len() {
        let b = head[i];
        let end = match b {
            b if is_white(b) => i + 1,
            b'(' => literal_end(head, i),
            b'<' if head.get(i + 1) == Some(&b'<') => i + 2,
            b'<' => memchr::memchr(b'>', &head[i..]).map_or(head.len(), |e| i + e + 1),
            b'%' => memchr::memchr2(b'\n', b'\r', &head[i..]).map_or(head.len(), |e| i + e),
            b'/' => {
                // A name: lopdf reads any byte here, and producers write
                // raw bytes above `~` (font names); a control byte is stray.
                let end = i
                    + 1
                    + head[i + 1..]
                        .iter()
                        .position(|&c| !is_regular(c))
                        .unwrap_or(head.len() - i - 1);
                for &c in &head[i..end] {
                    keep(c, c >= 0x80 || is_token_byte(c), &mut out, &mut removed);
                }
                i = end;
                continue;
            }
            b if is_delimiter(b) => i + 1,
            _ => {
                // A number or keyword: its bytes up to white space or a delimiter.
                let end = i + head[i..]
                    .iter()
                    .position(|&c| !is_regular(c))
                    .unwrap_or(head.len() - i);
                let token = &head[i..end];
                if token == b"stream" || token == b"endobj" {
                    if removed == 0 {
                        return None;
                    }
                    out.resize(i, b' ');
                    return Some((i, out));
                }
                if token == b"obj" {
                    return None;
                }
                for &c in token {
                    keep(c, is_token_byte(c), &mut out, &mut removed);
                }
                i = end;
                continue;
            }
        };
        out.extend_from_slice(&head[i..end]);
        i = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrub(head: &[u8], stray: Stray) -> Option<String> {
        scrub_head(head, stray).map(|(len, clean)| {
            assert_eq!(clean.len(), len);
            String::from_utf8_lossy(&clean).into_owned()
        })
    }

    #[test]
    fn stray_bytes_leave_and_spaces_keep_the_length() {
        let head = b"\n<</MediaBox[0 0 595.\x0128 841.89]/Contents 1\xff1 0 R>>\nendobj";
        assert_eq!(
            scrub(head, Stray::Remove).unwrap(),
            "\n<</MediaBox[0 0 595.28 841.89]/Contents 11 0 R>>\n  "
        );
        assert_eq!(
            scrub(b"<</Parent\x024 0 R>> endobj", Stray::Space).unwrap(),
            "<</Parent 4 0 R>> "
        );
    }

    #[test]
    fn strings_names_and_comments_keep_their_bytes() {
        let head = b"<</T (a\x01(b\\)\xff)c) /H <4\x7f1> /F\xe61 %\xe6\x01\n/K [1]>> endobj";
        for stray in [Stray::Remove, Stray::Space] {
            assert_eq!(scrub(head, stray), None);
            assert_eq!(scrub(b"<</A 1>> endobj", stray), None);
        }
        assert_eq!(literal_end(b"(a)b", 0), 3);
    }

    #[test]
    fn the_head_ends_at_a_keyword_not_inside_a_string_or_name() {
        let head = b"<</T (main stream) /Upstream 1\x01 /Length 3>>\nstream\nabc";
        assert_eq!(
            scrub(head, Stray::Remove).unwrap(),
            "<</T (main stream) /Upstream 1 /Length 3>>\n "
        );
        // No keyword within the window, or another object first: left alone.
        assert_eq!(scrub(b"<</A 1\x01>>", Stray::Remove), None);
        assert_eq!(
            scrub(b"<</A 1\x01>>\n7 0 obj <<>> endobj", Stray::Remove),
            None
        );
        assert_eq!(scrub(b"<</A (x\x01", Stray::Remove), None);
    }

    #[test]
    fn only_objects_at_their_offsets_are_touched_and_offsets_stay() {
        let data = b"%PDF-1.4\n1 0 obj\n<</A 1\x02>>\nendobj\n2 0 obj\n<</B 2\x02>>\nstream\n\x02\x03\nendstream\nendobj\n";
        let second = memchr::memmem::find(data, b"2 0 obj").unwrap();
        let out = scrub_objects(data, [((2, 0), second)], Stray::Remove).unwrap();
        assert_eq!(out.len(), data.len());
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("<</A 1\x02>>"), "{text}");
        assert!(
            text.contains("<</B 2>>\n stream\n\x02\x03\nendstream"),
            "{text}"
        );
        // Another object's number, an offset off its object, past the end.
        for (id, at) in [
            ((3, 0), second),
            ((2, 0), second + 2),
            ((2, 0), data.len() + 5),
        ] {
            assert_eq!(scrub_objects(data, [(id, at)], Stray::Space), None);
        }
    }
}
