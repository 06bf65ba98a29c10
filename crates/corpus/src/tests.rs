//! Unit tests of the whole generator.

use super::*;

fn spec(kind: FileKind, index: usize) -> FileSpec {
    FileSpec {
        kind,
        index,
        seed: 42,
    }
}

#[test]
fn same_seed_gives_identical_bytes_and_records() {
    for kind in [FileKind::Letter, FileKind::Mandate] {
        for i in 0..6 {
            let a = generate(&spec(kind, i)).unwrap();
            let b = generate(&spec(kind, i)).unwrap();
            assert_eq!(a.pdf, b.pdf);
            assert_eq!(a.records, b.records);
        }
    }
    let other = generate(&FileSpec {
        seed: 43,
        ..spec(FileKind::Letter, 0)
    })
    .unwrap();
    assert_ne!(other.pdf, generate(&spec(FileKind::Letter, 0)).unwrap().pdf);
}

#[test]
fn letters_are_multi_page_with_all_record_types_and_valid_pages() {
    let mut kinds = std::collections::BTreeSet::new();
    for i in 0..30 {
        let g = generate(&spec(FileKind::Letter, i)).unwrap();
        assert!(g.pages >= 2, "{} has {} pages", g.stem, g.pages);
        for r in &g.records {
            kinds.insert(r.type_name());
            let page = r.page().unwrap_or(0);
            assert!(page >= 1 && page <= g.pages, "{}: {r:?}", g.stem);
            assert_eq!(r.doc(), format!("{}.pdf", g.stem));
        }
        let doc = lopdf::Document::load_mem(&g.pdf).unwrap();
        assert_eq!(doc.get_pages().len() as u32, g.pages);
    }
    for k in [
        "document",
        "assignment",
        "budget_line",
        "calendar_entry",
        "mandate",
    ] {
        assert!(kinds.contains(k), "no {k}");
    }
}

#[test]
fn printed_text_is_encodable_in_winansi() {
    for i in 0..20 {
        let mut rng = Rng::derive(1, 1, i);
        let mut draft = Draft::default();
        letter::compose(&mut rng, &mut draft, "x.pdf", 10.0);
        for block in &draft.blocks {
            let text = format!("{block:?}");
            assert!(printable(&text.replace('\\', "")), "{text}");
        }
    }
}

#[test]
fn type0_variant_has_tounicode_and_identity_h() {
    let found = (0..60)
        .map(|i| generate(&spec(FileKind::Letter, i)).unwrap())
        .find(|g| {
            let doc = lopdf::Document::load_mem(&g.pdf).unwrap();
            doc.objects.values().any(|o| {
                o.as_dict().is_ok_and(|d| {
                    d.get(b"Encoding")
                        .and_then(|e| e.as_name())
                        .is_ok_and(|n| n == b"Identity-H")
                        && d.has(b"ToUnicode")
                })
            })
        });
    assert!(found.is_some(), "no Type0 file among 60 letters");
}

#[test]
fn gold_jsonl_has_one_line_per_record() {
    let g = generate(&spec(FileKind::Mandate, 0)).unwrap();
    let text = String::from_utf8(gold_jsonl(&g.records).unwrap()).unwrap();
    assert_eq!(text.lines().count(), g.records.len());
    assert!(text.starts_with(r#"{"type":"document""#));
    let back: Record = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(back.type_name(), "mandate");
}

#[test]
fn body_names_are_in_the_bundled_body_list() {
    let tsv = include_str!("../../../rules/bodies.tsv");
    let mut known = std::collections::HashSet::new();
    for line in tsv.lines().skip(1) {
        let mut cols = line.split('\t');
        if let Some(c) = cols.next() {
            known.insert(c.to_lowercase());
        }
        for a in cols
            .next()
            .unwrap_or("")
            .split('|')
            .filter(|a| !a.is_empty())
        {
            known.insert(a.to_lowercase());
        }
    }
    let lists = [vocab::PARTNERS, vocab::MANDATE_BODIES, vocab::MEMBERS];
    let all = lists
        .iter()
        .flat_map(|l| l.iter().copied())
        .chain(vocab::RECIPIENTS.iter().map(|r| r.body))
        .chain(vocab::MINISTRIES.iter().map(|m| m.body));
    for body in all {
        assert!(known.contains(&body.name.to_lowercase()), "{}", body.name);
        for a in body.aliases {
            assert!(known.contains(&a.to_lowercase()), "{a}");
        }
    }
}
