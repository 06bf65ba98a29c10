//! Assignment records: one per coded assignment block, with owner unit,
//! section path, responsible bodies and partners, deadlines, amounts and
//! references.

use oppdrag_model::{Assignment, Document};
use oppdrag_rules::{BodyContext, ContextKinds, FoldedText, RuleSet};

use crate::blocks::{self, Block};
use crate::outline::Outline;
use crate::text::BlockText;
use crate::{deadlines, parties, Context};

/// Extracts the Assignment records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = Assignment> + 'a {
    let all = blocks::lines(doc);
    let found = blocks::find(&all, rules, outline);
    let mut ctx = context.clone();
    if ctx.recipient.is_none() || ctx.issuer.is_none() {
        let (recipient, issuer) = guess_parties(&all, &found, rules);
        ctx.recipient = ctx.recipient.or(recipient);
        ctx.issuer = ctx.issuer.or(issuer);
    }
    // The kinds of the letter's recipient and issuer, looked up once.
    let kinds = rules.bodies.context_kinds(&BodyContext {
        recipient: ctx.recipient.as_deref(),
        issuer: ctx.issuer.as_deref(),
    });
    let records: Vec<Assignment> = found
        .iter()
        .map(|block| {
            let at = all[block.start];
            let page = doc
                .page_count()
                .map(|_| doc.pages.get(at.pos.page).map_or(1, |p| p.number));
            let line = if at.line.source_line > 0 {
                Some(at.line.source_line)
            } else {
                u32::try_from(at.pos.line + 1).ok()
            };
            let section = outline
                .path_at(at.pos)
                .into_iter()
                .map(|h| h.text.clone())
                .collect();
            let mut record = assignment_known(block, rules, &ctx, &kinds);
            record.doc = doc.name.clone();
            record.page = page;
            record.line = line;
            record.section = section;
            record
        })
        .collect();
    records.into_iter()
}

/// Builds the record of one block, without its position.
pub fn assignment(block: &Block<'_>, rules: &RuleSet, ctx: &Context) -> Assignment {
    let kinds = rules.bodies.context_kinds(&BodyContext {
        recipient: ctx.recipient.as_deref(),
        issuer: ctx.issuer.as_deref(),
    });
    assignment_known(block, rules, ctx, &kinds)
}

/// [`assignment`] given the kinds of the context's recipient and issuer
/// (`rules.bodies.context_kinds`), looked up once for a letter's blocks.
fn assignment_known<'r>(
    block: &Block<'_>,
    rules: &'r RuleSet,
    ctx: &'r Context,
    kinds: &ContextKinds<'r>,
) -> Assignment {
    let text = BlockText::build(block.body.iter().map(|(_, t)| t.as_ref()));
    let year = ctx.year.or(block.code.year);
    let body_ctx = BodyContext {
        recipient: ctx.recipient.as_deref(),
        issuer: ctx.issuer.as_deref(),
    };
    // Folded once for parties and deadlines.
    let folded_text = FoldedText::new(&text.text);
    let parties = parties::find_in(&text, &folded_text, rules, &body_ctx, kinds);
    let flat = text.flat();
    // Folded once for both searches.
    let folded_flat = FoldedText::new(&flat);
    let mut amounts: Vec<_> = rules.amounts.find_in(&folded_flat);
    let taken: Vec<_> = amounts.iter().map(|m| m.span.clone()).collect();
    amounts.extend(rules.amounts.find_rates_in(&folded_flat, &taken));
    amounts.sort_by_key(|m| m.span.start);
    let mut full = String::with_capacity(block.title.len() + 1 + flat.len());
    full.push_str(&block.title);
    if !flat.is_empty() {
        full.push(' ');
        full.push_str(&flat);
    }
    // A title may name what it follows up ("Oppfølging av Meld. St. 24
    // (2022–2023)"): its references come first. Title and text are searched
    // as the record's text joins them, where that finds what each gives alone.
    let mut references: Vec<String> = Vec::new();
    let (titled, in_text) = rules.codes.references_joined(&block.title, &flat, &full);
    for r in titled.into_iter().chain(in_text) {
        if r.normalized != block.code.code && !references.contains(&r.normalized) {
            references.push(r.normalized);
        }
    }
    Assignment {
        code: block.code.code.clone(),
        title: block.title.clone(),
        owner_unit: block.unit.clone(),
        responsible: parties.responsible,
        partners: parties.partners,
        deadlines: deadlines::find_in(&text, &folded_text, rules, year),
        amounts: amounts.into_iter().map(|m| m.amount).collect(),
        references,
        text: full,
        ..Assignment::default()
    }
}

/// Guesses recipient and issuer from the assignment texts when the document
/// record has none: the most named non-ministry body and the most named
/// ministry.
fn guess_parties(
    all: &[blocks::At<'_>],
    found: &[Block<'_>],
    rules: &RuleSet,
) -> (Option<String>, Option<String>) {
    let mut counts: std::collections::HashMap<(String, bool), usize> =
        std::collections::HashMap::new();
    let ctx = BodyContext::default();
    for block in found.iter().take(200) {
        for at in &all[block.start..block.end.min(block.start + 40)] {
            for b in rules.bodies.find(&at.line.text, &ctx) {
                if b.kind == "shape" || b.kind == "group" {
                    continue;
                }
                *counts
                    .entry((b.canonical.into_owned(), b.kind == "ministry"))
                    .or_default() += 1;
            }
        }
    }
    let best = |ministry: bool| {
        counts
            .iter()
            .filter(|((_, m), _)| *m == ministry)
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0 .0.cmp(&a.0 .0)))
            .map(|((name, _), _)| name.clone())
    };
    (best(false), best(true))
}

#[cfg(test)]
mod tests {
    use oppdrag_model::{Cell, Document, Line, Page, SourceKind};
    use oppdrag_rules::RuleSet;

    use crate::outline::Outline;
    use crate::Context;

    fn cell(x0: f32, text: &str) -> Cell {
        Cell {
            x0,
            x1: x0 + 80.0,
            text: text.into(),
        }
    }

    fn row(cells: Vec<Cell>) -> Line {
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("  ");
        Line {
            text,
            cells,
            ..Line::default()
        }
    }

    fn context() -> Context {
        Context {
            year: Some(2027),
            issuer: Some("Kunnskapsdepartementet".into()),
            recipient: Some("Utdanningsdirektoratet".into()),
        }
    }

    #[test]
    fn table_rows_read_by_column() {
        let lines = vec![
            Line::plain("3.1 Oppdrag", 0),
            row(vec![
                cell(50.0, "TB2027-01"),
                cell(120.0, "BLA"),
                cell(170.0, "Ny veileder for"),
                cell(300.0, "Direktoratet skal i samarbeid med KS"),
            ]),
            row(vec![
                cell(170.0, "foreldremøter"),
                cell(300.0, "lage en veileder. Frist: 1. mars 2027."),
            ]),
            row(vec![
                cell(50.0, "TB2027-02"),
                cell(120.0, "GOA"),
                cell(170.0, "Kartlegging"),
                cell(300.0, "Direktoratet skal kartlegge."),
            ]),
        ];
        let doc = Document {
            name: "t.pdf".into(),
            source: SourceKind::Pdf,
            pages: vec![Page {
                number: 4,
                lines,
                ..Page::default()
            }],
            unreadable_pages: Vec::new(),
        };
        let rules = RuleSet::bundled();
        let outline = Outline::build(&doc, &rules);
        let ctx = context();
        let got: Vec<_> = super::extract(&doc, &rules, &outline, &ctx).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].title, "Ny veileder for foreldremøter");
        assert_eq!(got[0].owner_unit.as_deref(), Some("BLA"));
        assert_eq!(got[0].partners, ["KS"]);
        assert_eq!(got[0].deadlines.len(), 1);
        assert_eq!(got[0].page, Some(4));
        assert_eq!(got[0].section, ["3.1 Oppdrag"]);
        assert_eq!(got[1].title, "Kartlegging");
    }

    #[test]
    fn a_code_glued_to_the_next_word_is_a_reference() {
        let text = "1 Oppdrag\nTB2027-05 Avd.KD: BLA Statistikk\nDirektoratet skal lage statistikk. Se TB2027-06Digital samhandling og TB2027-7A.\nTB2027-06 Avd.KD: BLA Digital samhandling\nDirektoratet skal samhandle.\n";
        let doc = Document::from_plain_text("g.txt", text);
        let rules = RuleSet::bundled();
        let outline = Outline::build(&doc, &rules);
        let got: Vec<_> = super::extract(&doc, &rules, &outline, &context()).collect();
        let codes: Vec<&str> = got.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["TB2027-05", "TB2027-06"]);
        assert_eq!(got[0].references, ["TB2027-06", "TB2027-7A"]);
        assert_eq!(got[1].title, "Digital samhandling");
    }

    #[test]
    fn a_document_named_in_the_title_is_a_reference() {
        let text = "1 Oppdrag\nTB2027-05 Avd.KD: BLA Oppfølging av Meld. St. 14 (2022–2023)\nDirektoratet skal følge opp meldingen, jf. NOU 2023: 4 og TB2026-02.\n";
        let doc = Document::from_plain_text("t.txt", text);
        let rules = RuleSet::bundled();
        let outline = Outline::build(&doc, &rules);
        let got: Vec<_> = super::extract(&doc, &rules, &outline, &context()).collect();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, "Oppfølging av Meld. St. 14 (2022–2023)");
        let mut refs = got[0].references.clone();
        refs.sort();
        assert_eq!(
            refs,
            ["Meld. St. 14 (2022–2023)", "NOU 2023: 4", "TB2026-02"]
        );
    }

    #[test]
    fn untagged_code_lines_open_assignments_when_no_line_is_tagged() {
        let text = "1 Oppdrag\nTB2027-05 Bedre statistikk om skolemiljø\nDirektoratet skal innen 1. juni levere en plan.\nTB2027-06 Veiledning\nDirektoratet skal veilede. Se også TB2027-05.\n";
        let doc = Document::from_plain_text("u.txt", text);
        let rules = RuleSet::bundled();
        let outline = Outline::build(&doc, &rules);
        let got: Vec<_> = super::extract(&doc, &rules, &outline, &context()).collect();
        let codes: Vec<&str> = got.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["TB2027-05", "TB2027-06"]);
        assert_eq!(got[0].owner_unit, None);
        assert_eq!(got[0].title, "Bedre statistikk om skolemiljø");
        assert_eq!(
            got[0].deadlines[0].due.map(|d| d.to_string()).as_deref(),
            Some("2027-06-01")
        );
        assert_eq!(got[1].references, ["TB2027-05"]);
        assert_eq!(got[1].line, Some(4));
    }
}
