//! PDF input: parse (repairing when needed), walk the pages, interpret the
//! content, lay out lines, clean up.

use std::collections::HashSet;

use lopdf::{Dictionary, Object, ObjectId};
use oppdrag_model::{Document, Page, SourceKind};

use crate::error::PageRanges;
use crate::interp::{Interp, Matrix};
use crate::streams::{decode, get, get_dict, get_name, num, resolve, Limits};
use crate::{clean, layout, lengths, repair, scrub, Error};

/// One page of the page tree, with inherited attributes resolved.
struct PageRef<'a> {
    dict: &'a Dictionary,
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: i64,
}

#[derive(Clone, Copy, Default)]
struct Inherited<'a> {
    resources: Option<&'a Dictionary>,
    media: Option<[f32; 4]>,
    crop: Option<[f32; 4]>,
    rotate: Option<i64>,
}

fn rect(doc: &lopdf::Document, dict: &Dictionary, key: &[u8]) -> Option<[f32; 4]> {
    let Some(Object::Array(items)) = get(doc, dict, key) else {
        return None;
    };
    let v: Vec<f32> = items
        .iter()
        .filter_map(|o| resolve(doc, o, 4).and_then(num))
        .collect();
    let [a, b, c, d] = v[..] else { return None };
    let r = [a.min(c), b.min(d), a.max(c), b.max(d)];
    (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
}

/// Parses the file, repairing a broken cross-reference table by scanning
/// for objects when lopdf cannot read it.
///
/// A file whose `%PDF-` header was destroyed but whose body is made of PDF
/// objects is read with a header put back (pdftotext reads such files too);
/// if that fails as well, the error is the missing header.
fn parse(data: &[u8], limits: &Limits) -> Result<lopdf::Document, Error> {
    let head = &data[..data.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return parse_with_header(data, limits);
    }
    let no_header = || Error::NotPdf("no %PDF header".into());
    if !has_pdf_objects(data) {
        return Err(no_header());
    }
    let mut patched = Vec::with_capacity(data.len() + RESTORED_HEADER.len());
    patched.extend_from_slice(RESTORED_HEADER);
    patched.extend_from_slice(data);
    match parse_with_header(&patched, limits) {
        Err(Error::Corrupt(_) | Error::NotPdf(_)) => Err(no_header()),
        other => other,
    }
}

/// The header put before a file that lost its own.
const RESTORED_HEADER: &[u8] = b"%PDF-1.7\n";

/// Whether `data`, without a header, still looks like a PDF body: an
/// indirect object begins in its first KiB (`1 0 obj`) and one ends later.
fn has_pdf_objects(data: &[u8]) -> bool {
    let head = &data[..data.len().min(1024)];
    let starts_object = memchr::memmem::find_iter(head, b" obj").any(|at| {
        let before = head[..at].trim_ascii_end();
        before.last().is_some_and(u8::is_ascii_digit)
    });
    starts_object && memchr::memmem::find(data, b"endobj").is_some()
}

/// [`parse`] of a file known to carry a `%PDF-` header.
fn parse_with_header(data: &[u8], limits: &Limits) -> Result<lopdf::Document, Error> {
    if repair::nesting(data, repair::MAX_NESTING) > repair::MAX_NESTING {
        return Err(Error::TooDeep {
            limit: repair::MAX_NESTING,
        });
    }
    if repair::bracket_depth(data, repair::MAX_BRACKETS) > repair::MAX_BRACKETS {
        return Err(Error::TooDeep {
            limit: repair::MAX_BRACKETS,
        });
    }
    let first = repair::parse(data, limits.max_stream_bytes);
    // Streams whose /Length misses their `endstream` are refused by the
    // parser; their lengths are set right, then the xref table rebuilt.
    let fixed = || lengths::fix_stream_lengths(data);
    let doc = match first {
        Ok(doc) if !page_ids(&doc).is_empty() => {
            let lost = lengths::lost_objects(&doc, data);
            if lost.is_empty() {
                return Ok(doc);
            }
            limits.check_time()?;
            let pages = |d: &lopdf::Document| page_ids(d).len();
            let better = fixed()
                .and_then(|d| repair::rebuild(&d))
                .and_then(|d| repair::parse(&d, limits.max_stream_bytes).ok())
                .filter(|d| lengths::repairs(&doc, d, &lost, pages));
            if let Some(better) = better {
                return Ok(better);
            }
            return Ok(scrubbed(&doc, data, &lost, limits)?.unwrap_or(doc));
        }
        Ok(doc) => Some(doc),
        Err(_) => None,
    };
    limits.check_time()?;
    let parse_rebuilt =
        |d: &[u8]| repair::rebuild(d).and_then(|d| repair::parse(&d, limits.max_stream_bytes).ok());
    // With the lengths set right first; without, when that reads no page.
    let rebuilt = match fixed().and_then(|d| parse_rebuilt(&d)) {
        Some(doc) if !page_ids(&doc).is_empty() => Some(doc),
        _ => parse_rebuilt(data),
    };
    match (rebuilt, doc, &first_error(data)) {
        (Some(doc), _, _) if !page_ids(&doc).is_empty() => Ok(doc),
        (_, Some(doc), _) => Ok(doc),
        (Some(doc), None, _) => Ok(doc),
        (None, None, why) => Err(Error::Corrupt(why.clone())),
    }
}

/// A parse of `data` with the stray bytes of the heads of the objects `doc`
/// lost taken out, else made spaces (see [`scrub`]): the first that reads
/// one of them and every object and page `doc` read.
fn scrubbed(
    doc: &lopdf::Document,
    data: &[u8],
    lost: &[ObjectId],
    limits: &Limits,
) -> Result<Option<lopdf::Document>, Error> {
    use lopdf::xref::XrefEntry;
    let missing: Vec<(ObjectId, usize)> = lost
        .iter()
        .filter(|id| !doc.objects.contains_key(id))
        .filter_map(|&(num, gen)| match doc.reference_table.entries.get(&num) {
            Some(XrefEntry::Normal { offset, .. }) => {
                Some(((num, gen), usize::try_from(*offset).ok()?))
            }
            _ => None,
        })
        .collect();
    if missing.is_empty() || missing.len() > scrub::MAX_OBJECTS {
        return Ok(None);
    }
    let pages = page_ids(doc).len();
    for stray in [scrub::Stray::Remove, scrub::Stray::Space] {
        limits.check_time()?;
        let Some(clean) = scrub::scrub_objects(data, missing.iter().copied(), stray) else {
            return Ok(None);
        };
        let Ok(again) = repair::parse(&clean, limits.max_stream_bytes) else {
            continue;
        };
        let reads_one = missing.iter().any(|(id, _)| again.objects.contains_key(id));
        let keeps_all = doc.objects.keys().all(|id| again.objects.contains_key(id));
        if reads_one && keeps_all && page_ids(&again).len() >= pages {
            return Ok(Some(again));
        }
    }
    Ok(None)
}

fn first_error(data: &[u8]) -> String {
    let tail = &data[data.len().saturating_sub(1024)..];
    if memchr::memmem::find(tail, b"%%EOF").is_none() {
        "truncated, and no objects could be recovered".into()
    } else {
        "broken cross-reference table, and no objects could be recovered".into()
    }
}

fn page_ids(doc: &lopdf::Document) -> Vec<ObjectId> {
    let limits_depth = 64;
    let mut out = Vec::new();
    let _ = walk_ids(doc, &mut out, limits_depth);
    out
}

fn walk_ids(doc: &lopdf::Document, out: &mut Vec<ObjectId>, max_depth: usize) -> Result<(), Error> {
    let Some(root) = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| resolve(doc, r, 8))
    else {
        return Ok(());
    };
    let Ok(root) = root.as_dict() else {
        return Ok(());
    };
    let Ok(pages) = root.get(b"Pages") else {
        return Ok(());
    };
    let mut seen = HashSet::new();
    let mut stack: Vec<(&Object, usize)> = vec![(pages, 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > max_depth {
            return Err(Error::TooDeep { limit: max_depth });
        }
        let id = node.as_reference().ok();
        if let Some(id) = id {
            if !seen.insert(id) {
                continue;
            }
        }
        let Some(Object::Dictionary(dict)) = resolve(doc, node, max_depth) else {
            continue;
        };
        match get(doc, dict, b"Kids") {
            Some(Object::Array(kids)) if get_name(doc, dict, b"Type") != Some(b"Page") => {
                for kid in kids.iter().rev() {
                    stack.push((kid, depth + 1));
                }
            }
            _ => {
                if let Some(id) = id {
                    out.push(id);
                }
            }
        }
    }
    Ok(())
}

/// Walks the page tree in order, resolving inherited attributes: one entry
/// per page, `None` for a page the parser could not read.
fn pages<'a>(doc: &'a lopdf::Document, limits: &Limits) -> Result<Vec<Option<PageRef<'a>>>, Error> {
    let mut out = Vec::new();
    let root = doc
        .trailer
        .get(b"Root")
        .ok()
        .and_then(|r| resolve(doc, r, limits.max_depth))
        .and_then(|r| r.as_dict().ok());
    let mut seen: HashSet<ObjectId> = HashSet::new();
    if let Some(node) = root.and_then(|r| r.get(b"Pages").ok()) {
        let mut stack: Vec<(&Object, Inherited, usize)> = vec![(node, Inherited::default(), 0)];
        while let Some((node, inh, depth)) = stack.pop() {
            if depth > limits.max_depth {
                return Err(Error::TooDeep {
                    limit: limits.max_depth,
                });
            }
            if let Ok(id) = node.as_reference() {
                if !seen.insert(id) {
                    continue;
                }
            }
            let Some(Object::Dictionary(dict)) = resolve(doc, node, limits.max_depth) else {
                // A kid the parser could not read as a dictionary: a damaged
                // page, whose number the pages after it keep counting.
                if depth > 0 && node.as_reference().is_ok() {
                    out.push(None);
                }
                continue;
            };
            let inh = Inherited {
                resources: get_dict(doc, dict, b"Resources").or(inh.resources),
                media: rect(doc, dict, b"MediaBox").or(inh.media),
                crop: rect(doc, dict, b"CropBox").or(inh.crop),
                rotate: match get(doc, dict, b"Rotate") {
                    Some(Object::Integer(r)) => Some(*r),
                    _ => inh.rotate,
                },
            };
            match get(doc, dict, b"Kids") {
                Some(Object::Array(kids)) if get_name(doc, dict, b"Type") != Some(b"Page") => {
                    for kid in kids.iter().rev() {
                        stack.push((kid, inh, depth + 1));
                    }
                }
                _ => out.push(Some(PageRef {
                    dict,
                    resources: inh.resources,
                    media: inh.media,
                    crop: inh.crop,
                    rotate: inh.rotate.unwrap_or(0),
                })),
            }
        }
    }
    if out.iter().all(Option::is_none) {
        out.clear();
        // A broken page tree: every page object, in object order.
        for obj in doc.objects.values() {
            if let Object::Dictionary(dict) = obj {
                if get_name(doc, dict, b"Type") == Some(b"Page") {
                    out.push(Some(PageRef {
                        dict,
                        resources: get_dict(doc, dict, b"Resources"),
                        media: rect(doc, dict, b"MediaBox"),
                        crop: rect(doc, dict, b"CropBox"),
                        rotate: match get(doc, dict, b"Rotate") {
                            Some(Object::Integer(r)) => *r,
                            _ => 0,
                        },
                    }));
                }
            }
        }
    }
    Ok(out)
}

/// The page's content streams, decoded and joined.
fn contents(doc: &lopdf::Document, page: &Dictionary, limits: &Limits) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    let mut add = |obj: &Object| -> Result<(), Error> {
        if let Some(Object::Stream(s)) = resolve(doc, obj, limits.max_depth) {
            let budget = limits.max_stream_bytes.saturating_sub(out.len() as u64);
            out.extend_from_slice(&decode(doc, s, budget)?);
            out.push(b'\n');
        }
        Ok(())
    };
    match page
        .get(b"Contents")
        .ok()
        .and_then(|c| resolve(doc, c, limits.max_depth))
    {
        Some(Object::Array(items)) => {
            for item in items {
                add(item)?;
            }
        }
        Some(_) => {
            if let Ok(c) = page.get(b"Contents") {
                add(c)?;
            }
        }
        None => {}
    }
    Ok(out)
}

/// The transformation from user space into an upright y-up page space,
/// and the upright page's size.
fn page_matrix(b: [f32; 4], rotate: i64) -> (Matrix, (f32, f32)) {
    let [x0, y0, x1, y1] = b;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => ([0.0, -1.0, 1.0, 0.0, -y0, x1], (h, w)),
        180 => ([-1.0, 0.0, 0.0, -1.0, x1, y1], (w, h)),
        270 => ([0.0, 1.0, -1.0, 0.0, y1, -x0], (h, w)),
        _ => ([1.0, 0.0, 0.0, 1.0, -x0, -y0], (w, h)),
    }
}

/// Loads a PDF from its bytes.
pub fn load(name: &str, data: &[u8], limits: &Limits) -> Result<Document, Error> {
    let doc = parse(data, limits)?;
    if doc.trailer.has(b"Encrypt") && doc.encryption_state.is_none() {
        return Err(Error::Encrypted);
    }
    for obj in doc.objects.values() {
        if let Object::Stream(s) = obj {
            if s.dict.has(repair::TOO_LARGE_KEY) {
                return Err(Error::StreamTooLarge {
                    limit: limits.max_stream_bytes,
                });
            }
            if s.dict.has(repair::TOO_DEEP_KEY) {
                return Err(Error::TooDeep {
                    limit: repair::MAX_NESTING,
                });
            }
        }
    }
    limits.check_time()?;
    let refs = pages(&doc, limits)?;
    if refs.iter().all(Option::is_none) {
        let tail = &data[data.len().saturating_sub(1024)..];
        let why = if memchr::memmem::find(tail, b"%%EOF").is_none() {
            "truncated, and no page could be recovered"
        } else {
            "no pages found"
        };
        return Err(Error::Corrupt(why.into()));
    }
    let mut interp = Interp::new(&doc, limits);
    let mut out = Vec::with_capacity(refs.len());
    let mut textless = Vec::new();
    let mut unreadable = Vec::new();
    for (i, page) in refs.iter().enumerate() {
        limits.check_time()?;
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        // A page that could not be read is named in `unreadable_pages`;
        // the pages after it keep their numbers.
        let Some(page) = page else {
            unreadable.push(number);
            continue;
        };
        let media = page.media.unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let b = match page.crop {
            Some(c) => {
                let r = [
                    c[0].max(media[0]),
                    c[1].max(media[1]),
                    c[2].min(media[2]),
                    c[3].min(media[3]),
                ];
                if r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 {
                    r
                } else {
                    media
                }
            }
            None => media,
        };
        let (ctm, size) = page_matrix(b, page.rotate);
        let content = contents(&doc, page.dict, limits)?;
        let chars = interp.run_page(&content, page.resources, ctm, size)?;
        let mut lines = layout::lines(&chars);
        interp.recycle(chars);
        for line in &mut lines {
            clean::normalize_line(line);
        }
        lines.retain(|l| !l.text.is_empty() && l.text != "\u{ad}");
        clean::dehyphenate(&mut lines);
        if lines.is_empty() {
            textless.push(number);
        }
        out.push(Page {
            number,
            lines,
            header: Vec::new(),
            footer: Vec::new(),
            width: size.0,
            height: size.1,
        });
    }
    if textless.len() == out.len() {
        return Err(Error::NoTextLayer {
            pages: PageRanges(textless),
        });
    }
    clean::split_running(&mut out);
    Ok(Document {
        name: name.to_string(),
        source: SourceKind::Pdf,
        pages: out,
        unreadable_pages: unreadable,
    })
}
