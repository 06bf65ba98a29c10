//! Stray bytes in an object's head: a byte that no PDF token may hold (a
//! control character, or one above `~`, outside a string or comment) makes
//! lopdf drop the whole object — one damaged byte in a page's `/MediaBox`
//! loses the page. pdftotext's lexer skips such a byte; [`scrub_objects`]
//! takes it out of the objects the parser lost, or puts a space in its
//! place, so that a new parse reads them (`pdf::parse_with_header` tries
//! both and keeps a parse only when it reads more). Taken out is right for
//! a byte that was added (`595.\x0128`), a space for one that replaced the
//! space between two tokens (`/Parent\x024 0 R`).

/// What becomes of a stray byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stray {
    /// Taken out; the rest of the object's head moves left.
    Remove,
    /// Replaced by a space.
    Space,
}

/// Whether a byte may stand outside strings and comments in PDF syntax:
/// white space (NUL, tab, line feed, form feed, carriage return, space) or
/// printable ASCII.
fn is_pdf_syntax(b: u8) -> bool {
    matches!(b, 0 | b'\t' | b'\n' | 0x0c | b'\r' | b' '..=b'~')
}

/// Returns a copy of `data` in which the head of each object starting at
/// one of `offsets` — from its `N G obj` to its `stream` keyword or
/// `endobj` — has its stray bytes removed or made spaces, or `None` when
/// none of them holds one.
///
/// Removed, the bytes after a stray byte move left within the head, and as
/// many spaces fill its end: every offset outside the heads stays, so the
/// cross-reference table and the stream data still hold. Bytes in literal
/// strings `( … )`, hex strings `< … >` and comments are kept, whatever
/// they are.
pub fn scrub_objects(
    data: &[u8],
    offsets: impl IntoIterator<Item = usize>,
    stray: Stray,
) -> Option<Vec<u8>> {
    let mut out: Option<Vec<u8>> = None;
    for offset in offsets {
        let Some(head) = head_span(data, offset) else {
            continue;
        };
        let Some(clean) = scrub_head(&data[head.clone()], stray) else {
            continue;
        };
        out.get_or_insert_with(|| data.to_vec())[head].copy_from_slice(&clean);
    }
    out
}

/// The byte range of an object's head: from `offset` (its `N G obj`) to its
/// `stream` keyword or `endobj`, whichever comes first; `None` when neither
/// follows.
fn head_span(data: &[u8], offset: usize) -> Option<std::ops::Range<usize>> {
    let rest = data.get(offset..)?;
    let end = [b"endobj".as_slice(), b"stream"]
        .iter()
        .filter_map(|word| memchr::memmem::find(rest, word))
        .min()?;
    Some(offset..offset + end)
}

/// The head with its stray bytes removed (and spaces put at its end) or
/// made spaces, or `None` when it holds none.
fn scrub_head(head: &[u8], stray: Stray) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(head.len());
    let mut removed = 0;
    let mut i = 0;
    while i < head.len() {
        let b = head[i];
        match b {
            b'(' => {
                let end = literal_end(head, i);
                out.extend_from_slice(&head[i..end]);
                i = end;
                continue;
            }
            b'<' if head.get(i + 1) != Some(&b'<') => {
                let end = memchr::memchr(b'>', &head[i..]).map_or(head.len(), |e| i + e + 1);
                out.extend_from_slice(&head[i..end]);
                i = end;
                continue;
            }
            b'<' => {
                // `<<` opens a dictionary: both bytes are syntax.
                out.extend_from_slice(b"<<");
                i += 2;
                continue;
            }
            b'%' => {
                let end = memchr::memchr2(b'\n', b'\r', &head[i..]).map_or(head.len(), |e| i + e);
                out.extend_from_slice(&head[i..end]);
                i = end;
                continue;
            }
            b if is_pdf_syntax(b) => out.push(b),
            _ => {
                removed += 1;
                if stray == Stray::Space {
                    out.push(b' ');
                }
            }
        }
        i += 1;
    }
    (removed > 0).then(|| {
        out.resize(head.len(), b' ');
        out
    })
}

/// The end (exclusive) of the literal string opening at `start`: its
/// balancing `)`, with `\` escaping the next byte; the head's end when it
/// is not closed.
fn literal_end(head: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < head.len() {
        match head[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stray_bytes_leave_and_spaces_keep_the_length() {
        let head = b"12 0 obj\n<</MediaBox[0 0 595.\x0128 841.89]/Contents 1\xff1 0 R>>\n";
        let clean = scrub_head(head, Stray::Remove).unwrap();
        assert_eq!(clean.len(), head.len());
        assert_eq!(
            clean,
            b"12 0 obj\n<</MediaBox[0 0 595.28 841.89]/Contents 11 0 R>>\n  ".as_slice()
        );
        let spaced = scrub_head(b"<</Parent\x024 0 R>>", Stray::Space).unwrap();
        assert_eq!(spaced, b"<</Parent 4 0 R>>".as_slice());
    }

    #[test]
    fn strings_and_comments_keep_their_bytes() {
        let head = b"3 0 obj\n<</T (a\x01(b\\)\xff)c) /H <4\x7f1> %\xe6\x01\n/K [1]>>\n";
        for stray in [Stray::Remove, Stray::Space] {
            assert_eq!(scrub_head(head, stray), None);
            assert_eq!(scrub_head(b"1 0 obj <</A 1>> ", stray), None);
            // An unclosed string runs to the end of the head.
            assert_eq!(scrub_head(b"1 0 obj <</A (\x01", stray), None);
        }
        assert_eq!(literal_end(b"(a)b", 0), 3);
    }

    #[test]
    fn only_the_objects_asked_for_are_touched_and_offsets_stay() {
        let data = b"%PDF-1.4\n1 0 obj\n<</A 1\x02>>\nendobj\n2 0 obj\n<</B 2\x02>>\nstream\n\x02\x03\nendstream\nendobj\n";
        let second = memchr::memmem::find(data, b"2 0 obj").unwrap();
        let out = scrub_objects(data, [second], Stray::Remove).unwrap();
        assert_eq!(out.len(), data.len());
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("<</A 1\x02>>"), "{text}");
        assert!(
            text.contains("<</B 2>>\n stream\n\x02\x03\nendstream"),
            "{text}"
        );
        assert_eq!(scrub_objects(data, [data.len() + 5], Stray::Space), None);
    }
}
