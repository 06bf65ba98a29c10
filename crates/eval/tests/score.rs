//! Scores a small hand-written gold/prediction pair and checks every figure
//! against numbers worked out by hand from the reference's rules.

use oppdrag_eval::{parse_jsonl, score, Counts, GoldSet, MissKind};

const GOLD_A: &str = r#"
{"type":"document","doc":"a.txt","page":null,"kind":"allocation_letter","issuer":"Helse- og omsorgsdepartementet","recipient":null,"year":2024}
{"type":"assignment","doc":"a.txt","code":"TB2024-01","title":"Oppfølging av tobakksstrategien","owner_unit":"FHA","responsible":["Helsedirektoratet"],"partners":["Folkehelseinstituttet"],"deadlines":[{"due":"2024-06-30","kind":"deadline"},{"due":null,"kind":"by_agreement"}],"amounts":[{"value":12500000,"currency":"NOK"}],"references":["TB2023-01","Prop. 1 S (2023–2024)"]}
{"type":"assignment","doc":"a.txt","code":"TB2024-02","title":"Rapport","owner_unit":null,"deadlines":[{"due":"2024-09-15","kind":"deadline"}]}
{"type":"budget_line","doc":"a.txt","chapter":701,"post":21,"amount":{"value":20000000,"currency":"NOK"}}
{"type":"budget_line","doc":"a.txt","chapter":701,"post":70,"amount":null}
{"type":"calendar_entry","doc":"a.txt","due":"2024-01-31","what":"Regnskap"}
{"type":"calendar_entry","doc":"a.txt","due":"2024-03-15","what":"Årsrapport"}
{"type":"mandate","doc":"a.txt","body":"Nasjonalt e-helseråd","chair":"Helsedirektoratet","meetings_per_year":4,"members":[{"body":"KS"},{"body":"Regionale helseforetak"}]}
"#;

const GOLD_B: &str = r#"{"type":"document","doc":"b.txt","kind":"mandate"}"#;

const PRED: &str = r#"
{"type":"document","doc":"dir/a.pdf","kind":"allocation_letter","issuer":"helse og omsorgsdepartementet","year":2024}
{"type":"assignment","doc":"a.pdf","code":"tb2024-01","title":"Oppfølging av tobakkstrategien","owner_unit":"FHA","responsible":["Helsedirektoratet"],"partners":[],"deadlines":[{"due":"2024-06-30","kind":"deadline"},{"due":"2024-12-31","kind":"recurring"}],"amounts":[{"value":12500000.4,"currency":"NOK"},{"value":100,"currency":"eur"}],"references":["tb2023-01"]}
{"type":"assignment","doc":"a.pdf","code":"TB2024-03","title":"Ekstra"}
{"type":"budget_line","doc":"a.pdf","chapter":701,"post":21,"amount":{"value":20000000.0,"currency":"NOK"}}
{"type":"budget_line","doc":"a.pdf","chapter":701,"post":70,"amount":{"value":5,"currency":"NOK"}}
{"type":"calendar_entry","doc":"a.pdf","due":"2024-01-31","what":"Regnskap"}
{"type":"mandate","doc":"a.pdf","body":"nasjonalt e-helserÅd","chair":"Helsedirektoratet","meetings_per_year":4.0,"members":[{"body":"ks"}]}
not json
"#;

fn counts(tp: usize, fp: usize, fn_: usize) -> Counts {
    Counts { tp, fp, fn_ }
}

#[test]
fn hand_computed_figures() {
    let gold = GoldSet::from_docs(vec![
        ("a".into(), parse_jsonl(GOLD_A, "a.jsonl").0),
        ("b".into(), parse_jsonl(GOLD_B, "b.jsonl").0),
    ]);
    let (pred, warnings) = parse_jsonl(PRED, "pred.jsonl");
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("bad JSON at pred.jsonl:9:"),
        "{warnings:?}"
    );
    let report = score(&gold, &pred, None);

    let c = &report.counts;
    assert_eq!(c["assignment.code"], counts(1, 1, 1));
    // The recurring deadline does not count; TB2024-02 was not found.
    assert_eq!(c["assignment.deadlines"], counts(1, 0, 1));
    // 12 500 000.4 rounds to the gold value; the EUR amount is extra.
    assert_eq!(c["assignment.amounts"], counts(1, 1, 0));
    assert_eq!(c["assignment.bodies"], counts(1, 0, 1));
    // Only code-shaped references count, compared in upper case.
    assert_eq!(c["assignment.references"], counts(1, 0, 0));
    assert_eq!(c["budget_line"], counts(1, 1, 1));
    assert_eq!(c["calendar_entry"], counts(1, 0, 1));
    assert_eq!(c["mandate.body"], counts(1, 0, 0));
    assert_eq!(c["mandate.members"], counts(1, 0, 1));

    let a = &report.accuracy;
    assert_eq!(a["document.kind"], (1, 2)); // b has no prediction at all
    assert_eq!(a["document.issuer"], (1, 1));
    assert_eq!(a["document.year"], (1, 1));
    assert!(!a.contains_key("document.recipient"));
    // "tobakksstrategien" vs "tobakkstrategien": 2*30/61 >= 0.9.
    assert_eq!(a["assignment.title"], (1, 1));
    assert_eq!(a["assignment.owner_unit"], (1, 1));
    assert_eq!(a["assignment.by_agreement"], (0, 1));
    assert_eq!(a["mandate.chair"], (1, 1));
    // Python's str(4.0) is "4.0", not "4".
    assert_eq!(a["mandate.meetings_per_year"], (0, 1));
    assert_eq!(report.missing_docs, ["b"]);

    let (p, r, f1) = c["assignment.code"].prf();
    assert_eq!((p, r, f1), (0.5, 0.5, 0.5));

    let mut text = Vec::new();
    report.write_text(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(
        text.contains("assignment.code              P=0.500 R=0.500 F1=0.500  (tp 1 fp 1 fn 1)\n"),
        "{text}"
    );
    assert!(
        text.contains("document.kind                acc=0.500  (n 2)\n"),
        "{text}"
    );
    assert!(text.contains("no output for: b\n"), "{text}");
    assert!(text.ends_with(
        "summary assignment.code=0.500 assignment.deadlines=0.667 assignment.amounts=0.667 \
         assignment.bodies=0.667 budget_line=0.500 calendar_entry=0.667 mandate.body=1.000\n"
    ));

    let code_miss = report
        .misses
        .iter()
        .find(|m| m.field == "assignment.code")
        .unwrap();
    assert_eq!(
        code_miss.kind,
        MissKind::Counts {
            missing: vec!["TB2024-02".into()],
            extra: vec!["TB2024-03".into()]
        }
    );
    let meetings = report
        .misses
        .iter()
        .find(|m| m.field == "mandate.meetings_per_year")
        .unwrap();
    assert_eq!(
        meetings.kind,
        MissKind::Value {
            gold: "4".into(),
            predicted: "4.0".into()
        }
    );
    assert_eq!(meetings.key, "nasjonalt e helseråd");
}

#[test]
fn only_restricts_to_the_named_stems() {
    let gold = GoldSet::from_docs(vec![
        ("a".into(), parse_jsonl(GOLD_A, "a.jsonl").0),
        ("b".into(), parse_jsonl(GOLD_B, "b.jsonl").0),
    ]);
    let only = ["a".to_string()].into_iter().collect();
    let report = score(&gold, &parse_jsonl(PRED, "p").0, Some(&only));
    assert!(report.missing_docs.is_empty());
    assert_eq!(report.accuracy["document.kind"], (1, 1));
}
