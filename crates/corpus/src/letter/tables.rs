//! The allocation table and the steering calendar of a letter.

use oppdrag_model::{Amount, BudgetLine, CalendarEntry, Currency, Record};

use super::Ctx;
use crate::compose::{numeric, random_date, thousands, written, Draft};
use crate::layout::{Block, Row, Table};
use crate::rng::Rng;
use crate::vocab::{BUDGET_COMMENTS, CALENDAR_ITEMS, POSTS};

pub(super) fn budget(rng: &mut Rng, ctx: &Ctx, draft: &mut Draft, heading: &str) {
    let thousands_mode = rng.chance(80);
    draft.para(if thousands_mode {
        *rng.pick(&[
            "Alle tall i hele tusen",
            "Alle tall i hele tusen kroner",
            "Beløp i hele tusen kroner",
        ])
    } else {
        "Beløp i kroner"
    });
    let mut rows = Vec::new();
    let mut chapter = ctx.ministry.chapter + rng.below(30) as u32;
    let n = rng.range(4, 11);
    let repeat_chapter = rng.chance(40);
    let mut last_chapter = 0;
    for i in 0..n {
        if i > 0 && rng.chance(30) {
            chapter += rng.range(1, 9) as u32;
        }
        let (post, name) = *rng.pick(POSTS);
        let amount = (!rng.chance(8)).then(|| {
            let k = rng.range(2, 9000) as u64 * 100;
            // Printed in thousands, or in kroner; the value is kroner either way.
            let raw = if thousands_mode {
                thousands(k)
            } else {
                thousands(k * 1000)
            };
            Amount::new(k as f64 * 1000.0, Currency::Nok, raw)
        });
        let comment = rng
            .chance(70)
            .then(|| (*rng.pick(BUDGET_COMMENTS)).to_string());
        let kap_cell = if chapter != last_chapter || repeat_chapter {
            chapter.to_string()
        } else {
            String::new()
        };
        last_chapter = chapter;
        let post_cell = if rng.chance(50) {
            format!("{post:02}")
        } else {
            post.to_string()
        };
        let cells = vec![
            kap_cell,
            post_cell,
            name.to_string(),
            amount.as_ref().map_or("-".to_string(), |a| a.raw.clone()),
            comment.clone().unwrap_or_default(),
        ];
        let index = draft.record(Record::BudgetLine(BudgetLine {
            doc: ctx.doc.to_string(),
            chapter,
            post: Some(post),
            name: Some(name.to_string()),
            amount,
            comment,
            table: Some(heading.to_string()),
            ..BudgetLine::default()
        }));
        let id = draft.anchor(index);
        rows.push(Row {
            cells,
            anchor: Some(id),
        });
    }
    draft.push(Block::Table(Table {
        columns: vec![0.08, 0.08, 0.31, 0.15, 0.38],
        right: vec![false, false, false, true, false],
        header: Some(vec![
            "Kap.".into(),
            "Post".into(),
            "Navn på post".into(),
            format!("Tildeling {}", ctx.year),
            "Kommentar".into(),
        ]),
        repeat_header: true,
        rows,
    }));
}

pub(super) fn calendar(rng: &mut Rng, ctx: &Ctx, draft: &mut Draft) {
    let n = rng.range(4, 9);
    let mut dates: Vec<_> = (0..n).map(|_| random_date(rng, ctx.year, 1, 12)).collect();
    dates.sort();
    dates.dedup();
    let style = rng.below(3);
    let mut rows = Vec::new();
    for due in dates {
        let k = if rng.chance(25) { 2 } else { 1 };
        let items: Vec<&str> = rng
            .sample(CALENDAR_ITEMS.len(), k)
            .into_iter()
            .map(|i| CALENDAR_ITEMS[i])
            .collect();
        let what = items.join(" • ");
        let cell = if k > 1 {
            items
                .iter()
                .map(|i| format!("• {i}"))
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            items.concat()
        };
        let date = match style {
            0 => written(due, false),
            1 => numeric(due),
            _ => written(due, true),
        };
        let index = draft.record(Record::CalendarEntry(CalendarEntry {
            doc: ctx.doc.to_string(),
            due,
            what,
            ..CalendarEntry::default()
        }));
        let id = draft.anchor(index);
        rows.push(Row {
            cells: vec![date, cell],
            anchor: Some(id),
        });
    }
    draft.push(Block::Table(Table {
        columns: vec![0.22, 0.78],
        right: vec![false, false],
        header: Some(vec!["Når".into(), "Hva".into()]),
        repeat_header: false,
        rows,
    }));
}
