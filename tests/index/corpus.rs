//! The project's sample corpus: search agrees with the records `oppdrag extract` gives.

use std::path::{Path, PathBuf};

use super::{index, oppdrag, search, stderr, stdout};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

/// Every record `oppdrag extract` gives for the sample corpus.
fn corpus_records() -> Vec<serde_json::Value> {
    let output = oppdrag().arg("extract").arg(corpus_dir()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `doc code` of every JSONL hit, sorted.
fn doc_codes(output: &std::process::Output) -> Vec<String> {
    let mut v: Vec<String> = stdout(output)
        .lines()
        .map(|l| {
            let r: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{} {}",
                r["doc"].as_str().unwrap_or(""),
                r["code"].as_str().unwrap_or("")
            )
        })
        .collect();
    v.sort();
    v
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The Norwegian analyzer's terms (stems) of `text`, each with its word position.
fn stems(text: &str) -> Vec<(usize, String)> {
    oppdrag_index::analysis::analyze_with_positions(oppdrag_index::analysis::NORWEGIAN, text)
}

/// Whether `text` holds the terms of `phrase` at the same relative positions.
fn holds(text: &str, phrase: &[(usize, String)]) -> bool {
    let Some((first, _)) = phrase.first() else {
        return false;
    };
    let at: std::collections::HashMap<usize, String> = stems(text).into_iter().collect();
    at.keys().any(|start| {
        phrase
            .iter()
            .all(|(pos, term)| at.get(&(start + pos - first)) == Some(term))
    })
}

#[test]
fn sample_corpus_search_agrees_with_extracted_records() {
    let records = corpus_records();
    let assignments: Vec<&serde_json::Value> = records
        .iter()
        .filter(|r| r["type"] == "assignment")
        .collect();
    assert!(assignments.len() >= 10, "the corpus yields assignments");
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("idx");
    let output = index(&[corpus_dir().as_path()], &index_dir, &[]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let q = |args: &[&str]| {
        let mut all = args.to_vec();
        all.extend([
            "--type",
            "assignment",
            "--format",
            "jsonl",
            "--limit",
            "10000",
        ]);
        doc_codes(&search(&index_dir, &all))
    };
    let expect = |keep: &dyn Fn(&serde_json::Value) -> bool| {
        let mut v: Vec<String> = assignments
            .iter()
            .filter(|a| keep(a))
            .map(|a| {
                format!(
                    "{} {}",
                    a["doc"].as_str().unwrap(),
                    a["code"].as_str().unwrap()
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(q(&[""]).len(), assignments.len());

    // Filters: the most frequent partner, responsible body and unit.
    let most = |key: &str| {
        let mut counts = std::collections::BTreeMap::<String, usize>::new();
        for a in &assignments {
            for v in strings(&a[key]) {
                *counts.entry(v).or_default() += 1;
            }
            if let Some(v) = a[key].as_str() {
                *counts.entry(v.to_string()).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| k)
            .unwrap()
    };
    let partner = most("partners");
    let wanted = expect(&|a| strings(&a["partners"]).contains(&partner));
    assert!(!wanted.is_empty());
    assert_eq!(
        q(&["", "--partner", &partner]),
        wanted,
        "--partner {partner}"
    );
    let responsible = most("responsible");
    let wanted = expect(&|a| strings(&a["responsible"]).contains(&responsible));
    assert_eq!(
        q(&["", "--responsible", &responsible]),
        wanted,
        "--responsible {responsible}"
    );
    let unit = most("owner_unit");
    let wanted = expect(&|a| a["owner_unit"].as_str() == Some(unit.as_str()));
    assert_eq!(q(&["", "--unit", &unit]), wanted, "--unit {unit}");

    // Due dates: the median first deadline splits the set.
    let mut dues: Vec<String> = assignments
        .iter()
        .flat_map(|a| a["deadlines"].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["due"].as_str().map(str::to_string))
        .collect();
    dues.sort();
    let cut = dues[dues.len() / 2].clone();
    let has_due = |a: &serde_json::Value, f: &dyn Fn(&str) -> bool| {
        a["deadlines"]
            .as_array()
            .is_some_and(|ds| ds.iter().any(|d| d["due"].as_str().is_some_and(f)))
    };
    let wanted = expect(&|a| has_due(a, &|d| d < cut.as_str()));
    assert_eq!(q(&["", "--due-before", &cut]), wanted, "--due-before {cut}");
    let wanted = expect(&|a| has_due(a, &|d| d > cut.as_str()));
    assert_eq!(q(&["", "--due-after", &cut]), wanted, "--due-after {cut}");

    // Text: each title as a phrase finds exactly the assignments whose title
    // or text holds the same stems at the same relative positions.
    for a in assignments.iter().take(8) {
        let title = a["title"].as_str().unwrap();
        let phrase = stems(title);
        if phrase.len() < 2 {
            continue;
        }
        let wanted = expect(&|b| {
            holds(b["title"].as_str().unwrap_or(""), &phrase)
                || holds(b["text"].as_str().unwrap_or(""), &phrase)
        });
        let query = format!("\"{}\"", title.replace('"', " "));
        assert_eq!(q(&[&query]), wanted, "{query}");
    }
}
