//! Unit tests of the allocation-table reader.

use super::*;

fn doc(text: &str) -> Document {
    Document::from_plain_text("t.txt", text)
}

fn rows(text: &str) -> Vec<BudgetLine> {
    let d = doc(text);
    let rules = RuleSet::bundled();
    let outline = Outline::default();
    extract(&d, &rules, &outline, &Context::default()).collect()
}

#[test]
fn wrapped_names_dashes_and_thousands() {
    let got = rows(
        "3.1 Tildelinger\nBeløp i hele tusen kroner\nKap. Post Betegnelse Bevilgning Merknad\n\
         410 01 Driftsutgifter 12 500  Til drift av\netaten.\n\
         \x2021 Særskilte utgifter, \nkan overføres \n\n3 200 Prosjekter\n\
         \x2050 Overføring til \n\nfondet \n- Ingen midler i år\n\
         411 70 Tilskudd 2 000 000 \n\n4 Neste kapittel\n412 01 Ikke tabell 5",
    );
    let keys: Vec<_> = got
        .iter()
        .map(|b| (b.chapter, b.post, b.amount.as_ref().map(|a| a.value as i64)))
        .collect();
    assert_eq!(
        keys,
        vec![
            (410, Some(1), Some(12_500_000)),
            (410, Some(21), Some(3_200_000)),
            (410, Some(50), None),
            (411, Some(70), Some(2_000_000_000)),
        ]
    );
    assert_eq!(got[0].comment.as_deref(), Some("Til drift av etaten."));
    assert_eq!(
        got[1].name.as_deref(),
        Some("Særskilte utgifter, kan overføres")
    );
    assert_eq!(got[2].name.as_deref(), Some("Overføring til fondet"));
    assert_eq!(got[2].comment.as_deref(), Some("Ingen midler i år"));
    assert_eq!(got[0].table.as_deref(), Some("3.1 Tildelinger"));
    assert_eq!(got[0].line, Some(4));
}

#[test]
fn comment_sums_and_reference_numbers_are_not_amounts() {
    let got = rows(
        "Alle tall i tusen kroner\nKap. Post Navn Tildeling Kommentar\n\
         520 21 Utgifter, kan nyttes under post 70  800 Herav\n5 mill. kr til tiltak\n\
                  521 45   2 mill. kr er satt av\n\
         \x2070 Tilskudd (kan nyttes under post 21) \n\n9 900\n",
    );
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[0].name.as_deref(),
        Some("Utgifter, kan nyttes under post 70")
    );
    assert_eq!(got[0].amount.as_ref().map(|a| a.value), Some(800_000.0));
    assert_eq!(got[1].amount, None);
    assert_eq!(got[1].comment.as_deref(), Some("2 mill. kr er satt av"));
    assert_eq!(got[2].amount.as_ref().map(|a| a.value), Some(9_900_000.0));
}

#[test]
fn two_amount_columns_with_units() {
    let got = rows(
        "2.4 Fullmakter\nKap. Post Benevnelse Samlet ramme Tildeling\n\
         800 Forsøk mv.\n\x2021 Drift, kan \n\noverføres \n70 mill. kroner 35,5 mill. kroner\n\
         \nTeksten fortsetter her med 3 poster.\n",
    );
    assert_eq!(got.len(), 1);
    let b = &got[0];
    assert_eq!((b.chapter, b.post), (800, Some(21)));
    assert_eq!(b.amount.as_ref().map(|a| a.value), Some(35_500_000.0));
    assert_eq!(
        b.frame.as_ref().map(|a| a.raw.as_str()),
        Some("70 mill. kroner")
    );
    assert_eq!(b.comment, None);
}

#[test]
fn dotted_rows_sum_rows_and_a_column_per_year() {
    let got = rows(
        "Tabell 1 (i 1000 kr)\nKap./Post Betegnelse Tildeling 2024 Tildeling 2025\n\
         900.01 Driftsutgifter 1 000 1 100\nSum kap. 900 1 000 1 100\n\
         901.70 Tilskudd 50 60\nSum i alt 1 050 1 160\n",
    );
    let keys: Vec<_> = got
        .iter()
        .map(|b| (b.chapter, b.post, b.amount.as_ref().map(|a| a.value as i64)))
        .collect();
    assert_eq!(
        keys,
        vec![
            (900, Some(1), Some(1_100_000)),
            (901, Some(70), Some(60_000))
        ]
    );
    assert_eq!(got[0].comment, None);
}

#[test]
fn a_header_repeated_on_the_next_page_continues_the_table() {
    let got = rows(
        "5 Tildeling\nAlle tall i hele tusen\nKap. Post Navn Tildeling Kommentar\n\
         740 01 Driftsutgifter 1 000 Drift\n\
         Kap. Post Navn Tildeling Kommentar\n\
         \x2021 Spesielle driftsutgifter 200 Prosjekter\n\
         Kap. Post Navn Tildeling Kommentar\n\
         701 21 Utgifter 300\n",
    );
    let keys: Vec<_> = got.iter().map(|b| (b.chapter, b.post)).collect();
    assert_eq!(keys, vec![(740, Some(1)), (740, Some(21)), (701, Some(21))]);
    let tables: Vec<_> = got.iter().map(|b| b.table.as_deref()).collect();
    assert_eq!(tables, vec![Some("5 Tildeling"); 3]);
}

#[test]
fn chapters_on_rows_of_their_own() {
    let got = rows(
        "Tabell 2 Tildeling (i 1 000 kr)\nPost Betegnelse Beløp\nKap. 740 Helsedirektoratet\n\
         01 Driftsutgifter 1 234\n21 Spesielle driftsutgifter 56\nKap. 741 Norsk pasientskadeerstatning\n\
         01 Driftsutgifter 789\n",
    );
    let keys: Vec<_> = got
        .iter()
        .map(|b| (b.chapter, b.post, b.amount.as_ref().map(|a| a.value as i64)))
        .collect();
    assert_eq!(
        keys,
        vec![
            (740, Some(1), Some(1_234_000)),
            (740, Some(21), Some(56_000)),
            (741, Some(1), Some(789_000))
        ]
    );
}
