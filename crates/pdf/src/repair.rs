//! Guards and repair around lopdf's parser: a nesting pre-check, bounded
//! object streams, and an xref table rebuilt by scanning for objects.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use lopdf::{Object, ObjectId};

/// Deepest nesting of arrays and dictionaries lopdf is given to parse
/// (its parser recurses without a limit).
pub const MAX_NESTING: usize = 100;

/// Limit for object streams inflated while lopdf reads a file. A global,
/// because lopdf's filter is a plain function; every load sets it.
static OBJSTM_LIMIT: AtomicU64 = AtomicU64::new(256 << 20);

/// The key marking an object stream that was dropped for being too large.
pub const TOO_LARGE_KEY: &[u8] = b"OppdragTooLarge";
/// The key marking an object stream that was dropped for nesting too deep.
pub const TOO_DEEP_KEY: &[u8] = b"OppdragTooDeep";

/// The deepest nesting of `[` and `<<` outside strings, comments and
/// stream bodies, stopping once it passes `limit`.
pub fn nesting(data: &[u8], limit: usize) -> usize {
    let finder = memchr::memmem::Finder::new(b"endstream");
    let mut depth = 0usize;
    let mut max = 0usize;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'[' | b']' | b'<' | b'>' => i = step(data, i, &mut depth),
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            // To the string's `)`, which the step below passes.
            b'(' => i = literal_end(data, i) - 1,
            b's' if data[i..].starts_with(b"stream") && !data[..i].ends_with(b"end") => {
                match finder.find(&data[i..]) {
                    Some(end) => i += end + 8,
                    None => return max,
                }
            }
            _ => {}
        }
        max = max.max(depth);
        if max > limit {
            return max;
        }
        i += 1;
    }
    max
}

/// The end (exclusive) of the literal string opening at `start`: its
/// balancing `)`, with `\` escaping the next byte; the head's end when it
/// is not closed. Never less than `start + 1`.
pub(crate) fn literal_end(head: &[u8], start: usize) -> usize {
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

/// lopdf's per-object filter: inflates object streams here with the limit
/// so that lopdf does not inflate a zip bomb, and drops ones nested too deep.
/// An object stream whose `/Type` was lost or damaged gets it back, so that
/// lopdf reads the objects in it (else every page in it is lost).
fn filter(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    if let Object::Stream(stream) = object {
        let typed = stream.dict.has_type(b"ObjStm");
        // The shape of an object stream that lost its type, if it may be one.
        let untyped = if typed {
            None
        } else {
            untyped_object_stream(&stream.dict)
        };
        let flate =
            matches!(stream.dict.get(b"Filter"), Ok(Object::Name(n)) if n == b"FlateDecode");
        if (typed || untyped.is_some()) && flate && !stream.dict.has(b"DecodeParms") {
            let limit = OBJSTM_LIMIT.load(Ordering::Relaxed);
            match (crate::streams::inflate(&stream.content, limit), untyped) {
                // Another kind of stream that happens to carry /N and /First
                // is left as it was.
                (Ok(data), Some(shape)) if !starts_with_object_index(shape, &data) => {}
                (Err(_), Some(_)) => {}
                (Ok(data), _) => {
                    if untyped.is_some() {
                        stream.dict.set("Type", Object::Name(b"ObjStm".to_vec()));
                    }
                    if nesting(&data, MAX_NESTING) > MAX_NESTING
                        || bracket_depth(&data, MAX_BRACKETS) > MAX_BRACKETS
                    {
                        stream.dict.set(TOO_DEEP_KEY, true);
                        stream.set_plain_content(Vec::new());
                    } else {
                        stream.dict.remove(b"Filter");
                        stream.set_plain_content(data);
                    }
                }
                (Err(_), None) => {
                    stream.dict.set(TOO_LARGE_KEY, true);
                    stream.set_plain_content(Vec::new());
                }
            }
        } else if let Some(shape) = untyped {
            if !stream.dict.has(b"Filter") && starts_with_object_index(shape, &stream.content) {
                stream.dict.set("Type", Object::Name(b"ObjStm".to_vec()));
            }
        }
    }
    // lopdf keeps the object it passed in for top-level objects, but keeps
    // what is returned for objects read out of object streams (which are
    // never streams themselves).
    match object {
        Object::Stream(_) => Some((id, Object::Null)),
        other => Some((id, other.clone())),
    }
}

/// `(/N, /First)` of a stream dictionary without `/Type /ObjStm` that has
/// an object stream's keys: integers above 0 for the object count and where
/// the first object starts, and none of the keys of the other streams that
/// may carry those (a cross-reference stream's `/W`, an image's `/Subtype`).
/// Only a candidate: [`starts_with_object_index`] decides on the content.
fn untyped_object_stream(dict: &lopdf::Dictionary) -> Option<(usize, usize)> {
    let count = |key: &[u8]| match dict.get(key) {
        Ok(Object::Integer(n)) if *n > 0 => usize::try_from(*n).ok(),
        _ => None,
    };
    if dict.has(b"W") || dict.has(b"Subtype") {
        return None;
    }
    Some((count(b"N")?, count(b"First")?))
}

/// Whether `content` begins with the index of an object stream of `(n,
/// first)`: before `first`, exactly `n` pairs of unsigned integers, object
/// numbers above 0 and offsets from 0 upwards, strictly increasing and
/// inside the content. Anything else with those keys is not one.
fn starts_with_object_index((n, first): (usize, usize), content: &[u8]) -> bool {
    let Some(index) = content.get(..first) else {
        return false;
    };
    let body = (content.len() - first) as u64;
    // The unsigned integer after `at` and blanks, ended by a blank or the end.
    let integer = |at: usize| {
        let (value, end) = uint(index, skip_ws(index, at))?;
        index
            .get(end)
            .map_or(true, |&b| is_ws(b))
            .then_some((value, end))
    };
    let mut at = 0;
    let mut last_offset = None;
    for _ in 0..n {
        let Some((number, end)) = integer(at) else {
            return false;
        };
        let Some((offset, end)) = integer(end) else {
            return false;
        };
        at = end;
        let in_order = match last_offset {
            None => offset == 0,
            Some(last) => offset > last,
        };
        if number == 0 || !in_order || offset >= body {
            return false;
        }
        last_offset = Some(offset);
    }
    skip_ws(index, at) == index.len()
}

/// Most brackets counted by [`bracket_depth`] before a file is refused:
/// lopdf's parser recurses once per level, on [`parse`]'s big stack.
pub const MAX_BRACKETS: usize = 50_000;

/// Stack a thread needs to run lopdf on: room for the 50 000 levels of
/// brackets a file may nest before it is refused.
pub const PARSER_STACK: usize = 256 << 20;

thread_local! {
    /// Whether this thread was declared to have [`PARSER_STACK`] of stack.
    static HAS_PARSER_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Declares that the current thread was started with at least
/// [`PARSER_STACK`] bytes of stack, so that the parser runs lopdf on it
/// directly rather than on a thread of its own.
pub fn declare_parser_stack() {
    HAS_PARSER_STACK.with(|flag| flag.set(true));
}

/// Applies the bracket at `i` (`[` and `<<` open, `]` and `>>` close) to
/// `depth` and returns the index of its last byte; any other byte leaves
/// `depth` as it is.
fn step(data: &[u8], i: usize, depth: &mut usize) -> usize {
    let pair = |c| data.get(i + 1) == Some(&c);
    match data[i] {
        b'[' => *depth += 1,
        b']' => *depth = depth.saturating_sub(1),
        b'<' if pair(b'<') => {
            *depth += 1;
            return i + 1;
        }
        b'>' if pair(b'>') => {
            *depth = depth.saturating_sub(1);
            return i + 1;
        }
        _ => {}
    }
    i
}

/// An upper bound on how deep lopdf may nest, wherever it starts parsing:
/// every `[` and `<<` counted, strings and streams not skipped (an xref
/// offset may point anywhere). Stops counting past `limit`.
pub fn bracket_depth(data: &[u8], limit: usize) -> usize {
    let mut depth = 0usize;
    let mut max = 0usize;
    // Only `[`, `]`, `<` and `>` move the depth: jump from one to the next,
    // with the next `>` and the next of the others each found once.
    let mut next_other = 0usize;
    let mut next_close = 0usize;
    let mut i = 0;
    while i < data.len() {
        if next_other < i {
            next_other =
                memchr::memchr3(b'[', b']', b'<', &data[i..]).map_or(usize::MAX, |p| i + p);
        }
        if next_close < i {
            next_close = memchr::memchr(b'>', &data[i..]).map_or(usize::MAX, |p| i + p);
        }
        i = next_other.min(next_close);
        if i >= data.len() {
            break;
        }
        i = step(data, i, &mut depth);
        if depth > max {
            max = depth;
            if max > limit {
                return max;
            }
        }
        i += 1;
    }
    max
}

/// Parses `data` with lopdf, with object streams bounded by `limit`. lopdf's
/// parser recurses without a limit, so it runs on a thread with
/// [`PARSER_STACK`] of stack: the current one when it was declared so with
/// [`declare_parser_stack`], else a thread of its own that the caller waits
/// for (the stack is reserved, not committed, until used). A panic inside
/// lopdf becomes an error.
pub fn parse(data: &[u8], limit: u64) -> Result<lopdf::Document, String> {
    OBJSTM_LIMIT.store(limit, Ordering::Relaxed);
    let run = || {
        lopdf::Reader {
            buffer: data,
            document: lopdf::Document::new(),
            encryption_state: None,
            raw_objects: BTreeMap::new(),
        }
        .read(Some(filter))
    };
    let guarded = || std::panic::catch_unwind(std::panic::AssertUnwindSafe(run));
    let result = if HAS_PARSER_STACK.with(|flag| flag.get()) {
        Ok(guarded())
    } else {
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("oppdrag-pdf-parse".into())
                .stack_size(PARSER_STACK)
                .spawn_scoped(scope, guarded)
                .map_err(|err| format!("cannot start the parser thread: {err}"))
                .map(|handle| handle.join())
        })?
    };
    match result {
        Ok(Ok(Ok(doc))) => Ok(doc),
        Ok(Ok(Err(err))) => Err(err.to_string().to_lowercase()),
        Ok(Err(_)) | Err(_) => Err("the parser failed".into()),
    }
}

pub(crate) fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

/// Reads an unsigned integer at `i`: (value, end).
pub(crate) fn uint(data: &[u8], mut i: usize) -> Option<(u64, usize)> {
    let start = i;
    let mut v: u64 = 0;
    while i < data.len() && data[i].is_ascii_digit() && i - start < 12 {
        v = v * 10 + u64::from(data[i] - b'0');
        i += 1;
    }
    (i > start).then_some((v, i))
}

pub(crate) fn skip_ws(data: &[u8], mut i: usize) -> usize {
    while i < data.len() && is_ws(data[i]) {
        i += 1;
    }
    i
}

/// Reads `N G R` at `i`.
pub(crate) fn reference(data: &[u8], i: usize) -> Option<(u64, u64)> {
    let (n, i) = uint(data, skip_ws(data, i))?;
    let (g, i) = uint(data, skip_ws(data, i))?;
    let i = skip_ws(data, i);
    (data.get(i) == Some(&b'R')).then_some((n, g))
}

/// Every `N G obj` in `data`: object number → (generation, offset); the last
/// definition of a number wins, as in an incremental update.
pub(crate) fn scan_objects(data: &[u8]) -> BTreeMap<u64, (u64, usize)> {
    let mut objects: BTreeMap<u64, (u64, usize)> = BTreeMap::new();
    let finder = memchr::memmem::Finder::new(b"obj");
    for pos in finder.find_iter(data) {
        if pos > 0 && data[pos - 1] == b'd'
            || data
                .get(pos + 3)
                .is_some_and(|&b| b.is_ascii_alphanumeric())
        {
            continue;
        }
        // Walk back over "N G ".
        let mut j = pos;
        while j > 0 && is_ws(data[j - 1]) {
            j -= 1;
        }
        let gen_end = j;
        while j > 0 && data[j - 1].is_ascii_digit() {
            j -= 1;
        }
        if j == gen_end {
            continue;
        }
        let gen_start = j;
        while j > 0 && is_ws(data[j - 1]) {
            j -= 1;
        }
        let num_end = j;
        while j > 0 && data[j - 1].is_ascii_digit() {
            j -= 1;
        }
        if j == num_end || num_end == gen_start {
            continue;
        }
        let Some((num, _)) = uint(data, j) else {
            continue;
        };
        let Some((gen, _)) = uint(data, gen_start) else {
            continue;
        };
        if num == 0 || num > 10_000_000 || gen > 65535 {
            continue;
        }
        objects.insert(num, (gen, j));
    }
    objects
}

/// Rebuilds a file whose xref table is broken or missing: scans for
/// `N G obj`, finds the catalog, and appends a fresh xref table and trailer.
pub fn rebuild(data: &[u8]) -> Option<Vec<u8>> {
    let objects = scan_objects(data);
    if objects.is_empty() {
        return None;
    }
    let root_finder = memchr::memmem::Finder::new(b"/Root");
    let root = root_finder
        .find_iter(data)
        .filter_map(|p| reference(data, p + 5))
        .last()
        .or_else(|| {
            // No trailer: the object whose dictionary says /Type /Catalog.
            let cat = memchr::memmem::Finder::new(b"/Catalog");
            let at = cat.find_iter(data).last()?;
            objects
                .iter()
                .filter(|(_, (_, off))| *off < at)
                .max_by_key(|(_, (_, off))| *off)
                .map(|(n, (g, _))| (*n, *g))
        })?;
    let mut extra = String::new();
    let enc_finder = memchr::memmem::Finder::new(b"/Encrypt");
    if let Some((n, g)) = enc_finder
        .find_iter(data)
        .filter_map(|p| reference(data, p + 8))
        .last()
    {
        extra.push_str(&format!(" /Encrypt {n} {g} R"));
    }
    let id_finder = memchr::memmem::Finder::new(b"/ID");
    if let Some(p) = id_finder.find_iter(data).last() {
        let rest = &data[p + 3..data.len().min(p + 200)];
        let start = rest.iter().position(|&b| b == b'[');
        let end = rest.iter().position(|&b| b == b']');
        if let (Some(s), Some(e)) = (start, end) {
            if s < e && is_clean_id(&rest[s..=e]) {
                extra.push_str(" /ID ");
                extra.push_str(&String::from_utf8_lossy(&rest[s..=e]));
            }
        }
    }
    let size = objects.keys().next_back().map_or(1, |n| n + 1);
    let mut out = data.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    // One subsection per object found, so that the table grows with the
    // objects, not with the largest object number.
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for (n, (g, off)) in &objects {
        out.extend_from_slice(format!("{n} 1\n{off:010} {g:05} n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} {} R{extra} >>\nstartxref\n{xref_at}\n%%EOF\n",
            root.0, root.1
        )
        .as_bytes(),
    );
    Some(out)
}

/// Whether a trailer `/ID` array (`[` … `]`) can be copied into a rebuilt
/// trailer: hex strings of hex digits, or literal strings (nested
/// parentheses and escapes as PDF has them) of ASCII bytes, the array copied
/// as text. A damaged `/ID` is left out (it only matters to decrypt, and the
/// parser would refuse the whole trailer for it).
fn is_clean_id(array: &[u8]) -> bool {
    enum In {
        Array,
        Hex,
        Literal { depth: usize, escaped: bool },
    }
    let mut state = In::Array;
    for &b in array {
        state = match state {
            In::Array => match b {
                b'<' => In::Hex,
                b'(' => In::Literal {
                    depth: 1,
                    escaped: false,
                },
                b'[' | b']' => In::Array,
                _ if is_ws(b) => In::Array,
                _ => return false,
            },
            In::Hex => match b {
                b'>' => In::Array,
                _ if b.is_ascii_hexdigit() || is_ws(b) => In::Hex,
                _ => return false,
            },
            In::Literal { .. } if !b.is_ascii() => return false,
            In::Literal {
                depth,
                escaped: true,
            } => In::Literal {
                depth,
                escaped: false,
            },
            In::Literal {
                depth,
                escaped: false,
            } => match b {
                b'\\' => In::Literal {
                    depth,
                    escaped: true,
                },
                b'(' => In::Literal {
                    depth: depth + 1,
                    escaped: false,
                },
                b')' if depth == 1 => In::Array,
                b')' => In::Literal {
                    depth: depth - 1,
                    escaped: false,
                },
                _ => In::Literal {
                    depth,
                    escaped: false,
                },
            },
        };
    }
    matches!(state, In::Array)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`bracket_depth`] as first written: [`step`] on every byte.
    fn bracket_depth_bytewise(data: &[u8], limit: usize) -> usize {
        let (mut depth, mut max, mut i) = (0usize, 0usize, 0usize);
        while i < data.len() {
            i = step(data, i, &mut depth);
            if depth > max {
                max = depth;
                if max > limit {
                    return max;
                }
            }
            i += 1;
        }
        max
    }

    #[test]
    fn bracket_depth_jumps_to_the_same_answer() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for round in 0..2_000 {
            let len = (next() % 200) as usize;
            let data: Vec<u8> = (0..len)
                .map(|_| match next() % 8 {
                    0 => b'[',
                    1 => b']',
                    2 | 3 => b'<',
                    4 | 5 => b'>',
                    _ => b'a',
                })
                .collect();
            let limit = (round % 7) as usize;
            assert_eq!(
                bracket_depth(&data, limit),
                bracket_depth_bytewise(&data, limit),
                "{:?}",
                String::from_utf8_lossy(&data)
            );
        }
    }

    #[test]
    fn damaged_ids_are_not_copied() {
        assert!(is_clean_id(b"[<2c51a509e0><2C51 A509E0>]"));
        assert!(is_clean_id(b"[(abc def) (x)]"));
        assert!(!is_clean_id(b"[<2c51a509\x17e0><2c51>]"));
        assert!(!is_clean_id(b"[<2c51a509zz><2c51>]"));
        assert!(is_clean_id(b"[(ab\\)c) (x(y)z\t)]"));
        assert!(!is_clean_id(b"[<ab<cd>]"));
        assert!(!is_clean_id(b"[(open]"));
        assert!(!is_clean_id(b"[(caf\xc3\xa9)]"));
    }

    #[test]
    fn nesting_skips_strings_and_streams() {
        assert_eq!(nesting(b"<< /A [1 [2]] >>", 100), 3);
        assert_eq!(nesting(b"(a[[(b)\\)[[) [1]", 100), 1);
        assert_eq!(nesting(b"stream\n[[[[[[\nendstream [", 100), 1);
        assert!(nesting(&vec![b'['; 10_000], 100) > 100);
    }
}
