//! Tests of table reading, on table lines written for them.

use oppdrag_model::{Assignment, Cell, Document, Line, Page, SourceKind};
use oppdrag_rules::RuleSet;

use crate::outline::Outline;
use crate::Context;

/// Columns of the tables below: code, unit, title, text.
const X: [f32; 4] = [60.0, 130.0, 175.0, 290.0];

/// A table line: `texts[c]` in column `c`, empty strings skipped.
fn row(texts: [&str; 4], bold: bool) -> Line {
    let cells: Vec<Cell> = texts
        .iter()
        .zip(X)
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, x0)| Cell {
            x0,
            x1: x0 + 5.0 * t.len() as f32,
            text: (*t).into(),
        })
        .collect();
    Line {
        text: texts
            .iter()
            .filter(|t| !t.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("  "),
        x: cells.first().map_or(0.0, |c| c.x0),
        cells,
        bold,
        ..Line::default()
    }
}

fn text(t: &str) -> [&str; 4] {
    ["", "", "", t]
}

fn extract(pages: Vec<Vec<Line>>) -> Vec<Assignment> {
    let doc = Document {
        name: "t.pdf".into(),
        source: SourceKind::Pdf,
        pages: pages
            .into_iter()
            .enumerate()
            .map(|(i, lines)| Page {
                number: i as u32 + 1,
                lines,
                ..Page::default()
            })
            .collect(),
        unreadable_pages: Vec::new(),
    };
    let rules = RuleSet::bundled();
    let outline = Outline::build(&doc, &rules);
    let ctx = Context {
        year: Some(2027),
        issuer: Some("Helse- og omsorgsdepartementet".into()),
        recipient: Some("Helsedirektoratet".into()),
    };
    crate::assignments::extract(&doc, &rules, &outline, &ctx).collect()
}

#[test]
fn codes_wrapped_inside_the_code_column_are_joined() {
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(["Oppdrag", "Enhet", "Oppdrag", "Nærmere beskrivelse"], true),
        row(["nr.", "", "", ""], true),
        // A hyphen the layout added inside the number.
        row(
            [
                "RTB2027-0-",
                "KTA",
                "Kartlegging av",
                "Direktoratet skal kartlegge",
            ],
            false,
        ),
        row(
            ["1", "", "ventetider", "ventetidene. Frist: 1. mars 2027."],
            false,
        ),
        // A break after the code's own hyphen.
        row(
            [
                "RTB2027-",
                "ADA",
                "Veileder om",
                "Direktoratet skal lage en",
            ],
            false,
        ),
        row(
            ["02", "", "kosthold", "veileder. Frist: 1. mai 2027."],
            false,
        ),
        // Three lines in a very narrow column.
        row(
            ["RTB20-", "SHA", "Revisjon av", "Direktoratet skal revidere"],
            false,
        ),
        row(
            ["27-1-", "", "ordningen", "ordningen innen 1. juni 2027."],
            false,
        ),
        row(["3", "", "", "Det vises til RTB2027-02."], false),
        // A code that fits is read as before.
        row(
            ["RTB2027-14", "PMA", "Pilot", "Direktoratet skal prøve ut."],
            false,
        ),
    ];
    let got = extract(vec![lines]);
    let codes: Vec<&str> = got.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(
        codes,
        ["RTB2027-01", "RTB2027-02", "RTB2027-13", "RTB2027-14"]
    );
    assert_eq!(got[0].owner_unit.as_deref(), Some("KTA"));
    assert_eq!(got[0].title, "Kartlegging av ventetider");
    assert_eq!(got[1].owner_unit.as_deref(), Some("ADA"));
    assert_eq!(got[1].deadlines.len(), 1);
    assert_eq!(got[2].title, "Revisjon av ordningen");
    assert_eq!(got[2].references, ["RTB2027-02"]);
    assert_eq!(got[3].title, "Pilot");
}

#[test]
fn a_short_first_cell_is_not_joined_to_a_cell_that_makes_no_code() {
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            [
                "TB2027-0-",
                "KTA",
                "Kartlegging",
                "Direktoratet skal kartlegge.",
            ],
            false,
        ),
        row(["Ny", "", "", ""], false),
    ];
    let got = extract(vec![lines]);
    let codes: Vec<&str> = got.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["TB2027-0"]);
}

#[test]
fn header_rows_repeated_at_a_page_break_are_not_row_text() {
    let header = || {
        vec![
            row(["Kode", "Ansv-", "Tittel", "Oppdragstekst og frist"], true),
            row(["", "ar", "", ""], true),
        ]
    };
    let mut first = vec![Line::plain("2.1 Oppdrag", 0)];
    first.extend(header());
    first.push(row(
        [
            "TB2027-05",
            "FHA",
            "Bedre",
            "Direktoratet skal i samarbeid med",
        ],
        false,
    ));
    first.push(row(["", "", "statistikk", "Direktoratet for"], false));
    let mut second = header();
    second.push(row(text("medisinske produkter lage statistikk."), false));
    second.push(row(text("Frist: 1. juni 2027."), false));
    second.extend(header());
    second.push(row(
        [
            "TB2027-06",
            "EHE",
            "Tilsyn",
            "Direktoratet skal føre tilsyn.",
        ],
        false,
    ));
    let got = extract(vec![first, second]);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].owner_unit.as_deref(), Some("FHA"));
    assert_eq!(got[0].title, "Bedre statistikk");
    assert_eq!(got[0].partners, ["Direktoratet for medisinske produkter"]);
    assert!(!got[0].text.contains("Oppdragstekst"), "{}", got[0].text);
    assert_eq!(got[0].deadlines.len(), 1);
    assert_eq!(got[1].owner_unit.as_deref(), Some("EHE"));
}

#[test]
fn what_is_left_of_a_header_taken_for_a_running_header_is_not_row_text() {
    // The PDF layer moved the repeated "Kode | Ansv- | ..." row of page 2
    // into the page's running header; its wrapped cell "ar" is left.
    let first = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            ["TB2027-05", "FHA", "Bedre", "Direktoratet skal lage"],
            false,
        ),
    ];
    let second = vec![
        row(["", "ar", "", ""], true),
        row(
            ["", "", "statistikk", "statistikk innen 1. juni 2027."],
            false,
        ),
        row(
            [
                "TB2027-06",
                "EHE",
                "Tilsyn",
                "Direktoratet skal føre tilsyn.",
            ],
            false,
        ),
    ];
    let got = extract(vec![first, second]);
    assert_eq!(got[0].owner_unit.as_deref(), Some("FHA"));
    assert_eq!(got[0].title, "Bedre statistikk");
}

#[test]
fn a_unit_cut_in_a_narrow_column_is_joined_without_the_hyphen() {
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            [
                "TB2027-08",
                "KOM-",
                "Revisjon av",
                "Direktoratet skal revidere",
            ],
            false,
        ),
        row(
            ["", "P", "ordningen", "ordningen innen 1. juni 2027."],
            false,
        ),
        row(
            [
                "TB2027-09",
                "KTA/",
                "Tilsyn",
                "Direktoratet skal føre tilsyn.",
            ],
            false,
        ),
        row(["", "SHA", "", ""], false),
    ];
    let got = extract(vec![lines]);
    assert_eq!(got[0].owner_unit.as_deref(), Some("KOMP"));
    assert_eq!(got[0].title, "Revisjon av ordningen");
    assert!(
        !got[0].text.contains("ordningen ordningen"),
        "{}",
        got[0].text
    );
    assert_eq!(got[1].owner_unit.as_deref(), Some("KTA/SHA"));
}

#[test]
fn a_deadline_after_the_list_of_part_deadlines_is_the_whole_assignments() {
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            [
                "TB2027-10",
                "FHA",
                "Kartlegging",
                "Direktoratet bes om følgende:",
            ],
            false,
        ),
        row(text("a) Beskrive dagens situasjon"), false),
        row(text("b) Foreslå tiltak"), false),
        row(text("Frister:"), false),
        row(text("- Deloppdrag a) har frist 1. mars 2027."), false),
        row(text("- Deloppdrag b) har frist 1. mai"), false),
        row(text("2027."), false),
        row(
            text("Leveransen skal foreligge i løpet av mai 2027."),
            false,
        ),
    ];
    let got = extract(vec![lines]);
    let dues: Vec<(String, Vec<String>)> = got[0]
        .deadlines
        .iter()
        .map(|d| {
            (
                d.due.map(|d| d.to_string()).unwrap_or_default(),
                d.part.clone(),
            )
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        dues,
        [
            (s("2027-03-01"), vec![s("a")]),
            (s("2027-05-01"), vec![s("b")]),
            (s("2027-05-31"), vec![]),
        ]
    );
}

#[test]
fn a_title_cell_run_into_the_text_cell_is_cut_at_the_text_column() {
    let mut merged = row(["", "", "vaksinasjonsdekning i", ""], false);
    // The two cells' gap was too narrow: one cell from the title column
    // to the end of the text column's words.
    merged.cells = vec![Cell {
        x0: X[2],
        x1: X[3] + 100.0,
        text: "vaksinasjonsdekning i vaksinasjonsdekning i".into(),
    }];
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            [
                "TB2027-11",
                "FHA",
                "Utredning av",
                "Direktoratet skal kartlegge",
            ],
            false,
        ),
        merged,
        row(
            [
                "",
                "",
                "barnevaksinasjonsprogrammet",
                "barnevaksinasjonsprogrammet.",
            ],
            false,
        ),
    ];
    // A running title at the top of the next page, across the columns.
    let title = Line {
        text: "Tildelingsbrev 2027 – Helsedirektoratet".into(),
        cells: vec![Cell {
            x0: X[0],
            x1: X[3] + 10.0,
            text: "Tildelingsbrev 2027 – Helsedirektoratet".into(),
        }],
        ..Line::default()
    };
    let got = extract(vec![
        lines,
        vec![title, row(text("Frist: 1. mai 2027."), false)],
    ]);
    assert_eq!(
        got[0].title,
        "Utredning av vaksinasjonsdekning i barnevaksinasjonsprogrammet"
    );
    assert_eq!(got[0].owner_unit.as_deref(), Some("FHA"));
    assert!(
        got[0].text.ends_with(
            "kartlegge vaksinasjonsdekning i barnevaksinasjonsprogrammet. Frist: 1. mai 2027."
        ),
        "{}",
        got[0].text
    );
}

#[test]
fn bold_lines_inside_a_bold_table_are_kept() {
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        row(
            ["TB2027-07", "FHA", "Bedre", "Direktoratet skal kartlegge"],
            true,
        ),
        row(["", "", "", "Frist: 1. juni 2027."], true),
    ];
    let got = extract(vec![lines]);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].deadlines.len(), 1);
}

#[test]
fn a_cut_is_found_when_the_two_parts_differ_in_length() {
    // Title column at 181, text column at 290.5; the text part is longer and
    // its letters narrower than the title part's.
    let cell = Cell {
        x0: 181.3,
        x1: 430.6,
        text: "vaksinasjonsdekning i forslag til vaksinasjonsdekning i".into(),
    };
    let parts: Vec<String> = super::split_across(&cell, &[72.0, 140.3, 181.3, 290.5])
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(
        parts,
        ["vaksinasjonsdekning i", "forslag til vaksinasjonsdekning i"]
    );
    // No space near the column: left whole.
    let whole = Cell {
        x0: 181.3,
        x1: 330.0,
        text: "barnevaksinasjonsprogrammet og".into(),
    };
    assert_eq!(
        super::split_across(&whole, &[72.0, 140.3, 181.3, 290.5]).len(),
        1
    );
}

#[test]
fn a_code_row_whose_title_cell_ran_into_the_text_cell_is_cut_too() {
    let mut first = row(["TB2027-12", "KTA", "Revisjon av", ""], false);
    // Title and text of the code row read as one cell.
    first.cells[2] = Cell {
        x0: X[2],
        x1: X[3] + 190.0,
        text: "Revisjon av nasjonale Direktoratet skal vurdere nasjonale".into(),
    };
    let lines = vec![
        Line::plain("2.1 Oppdrag", 0),
        first,
        row(
            [
                "",
                "",
                "felleskomponenter",
                "felleskomponenter for deling av",
            ],
            false,
        ),
        row(
            ["", "", "", "helseopplysninger. Frist: 1. mai 2027."],
            false,
        ),
    ];
    let got = extract(vec![lines]);
    assert_eq!(got[0].owner_unit.as_deref(), Some("KTA"));
    assert_eq!(got[0].title, "Revisjon av nasjonale felleskomponenter");
    assert_eq!(got[0].deadlines.len(), 1);
}
