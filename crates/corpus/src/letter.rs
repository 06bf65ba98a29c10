//! Allocation letters and assignment documents: numbered sections, coded
//! assignments (as headings or as table rows), an allocation table and a
//! steering calendar, with attached mandates.

use oppdrag_model::{Assignment, Deadline, DocumentKind, Record};

use crate::compose::{
    amount, body_name, deadline, join_and, labels_phrase, random_date, written, Draft, LABELS,
};
use crate::layout::{Block, Row, Table};
use crate::mandate;

mod tables;
use crate::rng::Rng;
use crate::vocab::{
    Body, Ministry, Recipient, AREAS, FILLERS, MINISTRIES, PARTNERS, RECIPIENTS, SUBTASKS,
    TITLE_HEADS, TOPICS, VERBS,
};

/// The facts of one letter that the frame (header, footer) also needs.
pub struct LetterInfo {
    /// Printed title.
    pub title: String,
    /// Budget year.
    pub year: i32,
    /// Short text for the running header.
    pub header: String,
}

/// How assignments are printed in one letter.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Headings,
    Tables,
    Mixed,
}

struct Ctx<'a> {
    doc: &'a str,
    year: i32,
    ministry: &'a Ministry,
    recipient: &'a Recipient,
    prefix: &'static str,
    pad: bool,
    spaced_avd: bool,
    codes: Vec<String>,
    size: f32,
}

/// One piece of an assignment text: a paragraph or a labelled item.
enum Piece {
    Para(String),
    Item(String, String),
}

fn recipient_ref(rng: &mut Rng, r: &Recipient, start: bool) -> String {
    match rng.below(10) {
        0..=5 => r.body.name.to_string(),
        6 | 7 if !r.body.aliases.is_empty() => r.body.aliases[0].to_string(),
        _ if start => {
            let mut n = r.noun.to_string();
            n[..1].make_ascii_uppercase();
            n
        }
        _ => r.noun.to_string(),
    }
}

fn partners_pick(rng: &mut Rng, ctx: &Ctx, n: usize) -> Vec<&'static Body> {
    let pool: Vec<&Body> = PARTNERS
        .iter()
        .filter(|p| p.name != ctx.recipient.body.name)
        .collect();
    rng.sample(pool.len(), n)
        .into_iter()
        .filter_map(|i| pool.get(i).copied())
        .collect()
}

fn assignment(
    rng: &mut Rng,
    ctx: &mut Ctx,
    section: &[String],
    code: String,
) -> (Assignment, Vec<Piece>) {
    let year = ctx.year;
    let topic = *rng.pick(TOPICS);
    let title = format!("{} {topic}", rng.pick(TITLE_HEADS));
    let mut rec = Assignment {
        doc: ctx.doc.to_string(),
        code: code.clone(),
        title,
        owner_unit: Some((*rng.pick(ctx.ministry.units)).to_string()),
        section: section.to_vec(),
        responsible: vec![ctx.recipient.body.name.to_string()],
        ..Assignment::default()
    };
    let mut pieces = Vec::new();
    let verb = rng.pick(VERBS);
    let r = recipient_ref(rng, ctx.recipient, true);
    let opening = match rng.below(5) {
        0 => format!("{r} skal {verb} {topic}."),
        1 => format!("{r} bes {verb} {topic}, og gi departementet en samlet vurdering."),
        2 => format!(
            "Departementet ber {} om å {verb} {topic}.",
            recipient_ref(rng, ctx.recipient, false)
        ),
        3 => {
            let other = partners_pick(rng, ctx, 1);
            match other.first() {
                Some(o) => {
                    rec.responsible.push(o.name.to_string());
                    format!(
                        "{r} og {} bes i fellesskap om å {verb} {topic}.",
                        body_name(rng, o, 40)
                    )
                }
                None => format!("{r} skal {verb} {topic}."),
            }
        }
        _ => format!(
            "Som ledd i regjeringens arbeid på området skal {} {verb} {topic}.",
            recipient_ref(rng, ctx.recipient, false)
        ),
    };
    let mut para = opening;
    let k = rng.range(0, 2);
    for i in rng.sample(FILLERS.len(), k) {
        para.push(' ');
        para.push_str(FILLERS[i]);
    }
    pieces.push(Piece::Para(para));

    if rng.chance(12) {
        let past = random_date(rng, year - 1, 1, 12);
        pieces.push(Piece::Para(format!(
            "Departementet viser til brev av {} og til tidligere rapportering på området.",
            written(past, true)
        )));
    }

    if rng.chance(60) {
        let n = rng.range(1, 3);
        let chosen: Vec<&Body> = partners_pick(rng, ctx, n)
            .into_iter()
            .filter(|p| !rec.responsible.iter().any(|r| r == p.name))
            .collect();
        if !chosen.is_empty() {
            let names: Vec<String> = chosen.iter().map(|p| body_name(rng, p, 45)).collect();
            let list = join_and(&names);
            let s = match rng.below(4) {
                0 => format!("Arbeidet skal gjøres i samarbeid med {list}."),
                1 => format!(
                    "{} skal involvere {list} i arbeidet.",
                    recipient_ref(rng, ctx.recipient, true)
                ),
                2 => format!("Oppdraget skal løses sammen med {list}."),
                _ => format!(
                    "{} skal samarbeide med {list} om gjennomføringen.",
                    recipient_ref(rng, ctx.recipient, true)
                ),
            };
            rec.partners
                .extend(chosen.iter().map(|p| p.name.to_string()));
            pieces.push(Piece::Para(s));
        }
    }
    if rng.chance(8) {
        if let Some(o) = partners_pick(rng, ctx, 1).first() {
            if !rec
                .partners
                .iter()
                .chain(&rec.responsible)
                .any(|n| n == o.name)
            {
                pieces.push(Piece::Para(format!(
                    "Departementet har gitt {} et tilsvarende oppdrag.",
                    body_name(rng, o, 30)
                )));
            }
        }
    }

    let subs = rng.chance(25);
    if subs {
        let n = rng.range(3, 7);
        let tasks = rng.sample(SUBTASKS.len(), n);
        pieces.push(Piece::Para(format!(
            "{} bes om følgende:",
            recipient_ref(rng, ctx.recipient, true)
        )));
        for (i, task) in tasks.into_iter().enumerate() {
            pieces.push(Piece::Item(
                format!("{})", LABELS[i]),
                SUBTASKS[task].to_string(),
            ));
        }
        // Group the labels into runs with their own deadlines.
        pieces.push(Piece::Para("Frister:".into()));
        let mut start = 0;
        let mut month = 2;
        while start < n {
            let len = rng.range(1, 3).min(n - start);
            let parts: Vec<&str> = LABELS[start..start + len].to_vec();
            let due = random_date(rng, year, month, month.max(2) + 1);
            month = (month + 3).min(11);
            let raw = format!(
                "Deloppdrag {} har frist {}.",
                labels_phrase(&parts),
                written(due, true)
            );
            rec.deadlines.push(Deadline {
                due: Some(due),
                precision: oppdrag_model::Precision::Day,
                kind: oppdrag_model::DeadlineKind::Deadline,
                part: parts.iter().map(|p| p.to_string()).collect(),
                raw: raw.clone(),
            });
            pieces.push(Piece::Item("-".into(), raw));
            start += len;
        }
    }

    if rng.chance(35) {
        let a = amount(rng);
        let s = match rng.below(4) {
            0 => format!("Det er satt av {} til arbeidet i {year}.", a.raw),
            1 => format!("Oppdraget har en ramme på {}.", a.raw),
            2 => format!("Inntil {} kan benyttes til formålet.", a.raw),
            _ => {
                let kap = ctx.ministry.chapter + rng.below(40) as u32;
                format!(
                    "Det stilles {} til disposisjon over kap. {kap} post 21.",
                    a.raw
                )
            }
        };
        rec.amounts.push(a);
        if rng.chance(20) {
            let b = amount(rng);
            pieces.push(Piece::Para(format!(
                "{s} Av dette skal {} gå til evaluering.",
                b.raw
            )));
            rec.amounts.push(b);
        } else {
            pieces.push(Piece::Para(s));
        }
    }

    if rng.chance(25) {
        let mut refs = Vec::new();
        let code_ref = if !ctx.codes.is_empty() && rng.chance(60) {
            ctx.codes[rng.below(ctx.codes.len())].clone()
        } else {
            format!("{}{}-{:02}", ctx.prefix, year - 1, rng.range(1, 60))
        };
        refs.push(code_ref);
        let s = if rng.chance(50) {
            let prop = format!("Prop. 1 S ({}–{year})", year - 1);
            refs.push(prop.clone());
            format!("Det vises til {} og {prop}.", refs[0])
        } else {
            format!("Oppdraget viderefører arbeidet i {}.", refs[0])
        };
        rec.references = refs;
        pieces.push(Piece::Para(s));
    }

    if !subs || rng.chance(30) {
        let (s, d) = deadline(rng, year);
        rec.deadlines.push(d);
        pieces.push(Piece::Para(s));
    }

    rec.text = pieces
        .iter()
        .map(|p| match p {
            Piece::Para(t) => t.clone(),
            Piece::Item(l, t) => format!("{l} {t}"),
        })
        .collect::<Vec<_>>()
        .join(" ");
    ctx.codes.push(code);
    (rec, pieces)
}

fn code(ctx: &Ctx, n: usize) -> String {
    if ctx.pad {
        format!("{}{}-{n:02}", ctx.prefix, ctx.year)
    } else {
        format!("{}{}-{n}", ctx.prefix, ctx.year)
    }
}

fn assignments_as_headings(
    rng: &mut Rng,
    ctx: &mut Ctx,
    draft: &mut Draft,
    section: &[String],
    n: usize,
) {
    for _ in 0..n {
        let c = code(ctx, ctx.codes.len() + 1);
        let (rec, pieces) = assignment(rng, ctx, section, c);
        let unit = rec.owner_unit.clone().unwrap_or_default();
        let avd = if ctx.spaced_avd { "Avd. " } else { "Avd." };
        let heading = format!(
            "{} {avd}{}: {unit} {}",
            rec.code, ctx.ministry.tag, rec.title
        );
        let index = draft.record(Record::Assignment(rec));
        draft.mark(index);
        draft.heading(heading, ctx.size + 1.0);
        for piece in pieces {
            match piece {
                Piece::Para(t) => draft.para(t),
                Piece::Item(l, t) => draft.push(Block::Item { label: l, text: t }),
            }
        }
        draft.push(Block::Gap(0.6));
    }
}

fn assignments_as_table(
    rng: &mut Rng,
    ctx: &mut Ctx,
    draft: &mut Draft,
    section: &[String],
    n: usize,
) {
    let mut rows = Vec::new();
    for _ in 0..n {
        let c = code(ctx, ctx.codes.len() + 1);
        let (rec, pieces) = assignment(rng, ctx, section, c);
        let text = pieces
            .iter()
            .map(|p| match p {
                Piece::Para(t) => t.clone(),
                Piece::Item(l, t) => format!("{l} {t}"),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let cells = vec![
            rec.code.clone(),
            rec.owner_unit.clone().unwrap_or_default(),
            rec.title.clone(),
            text,
        ];
        let index = draft.record(Record::Assignment(rec));
        let id = draft.anchor(index);
        rows.push(Row {
            cells,
            anchor: Some(id),
        });
    }
    let header = rng.pick(&[
        ["Nr.", "Avd.", "Oppdrag", "Beskrivelse"],
        ["Kode", "Ansvar", "Tittel", "Oppdragstekst og frist"],
        ["Oppdrag nr.", "Enhet", "Oppdrag", "Nærmere beskrivelse"],
    ]);
    draft.push(Block::Table(Table {
        columns: vec![0.15, 0.09, 0.24, 0.52],
        right: vec![false; 4],
        header: Some(header.iter().map(|s| s.to_string()).collect()),
        repeat_header: rng.chance(60),
        rows,
    }));
}

/// Composes one letter into `draft`; returns its facts. `size` is the body font size.
pub fn compose(rng: &mut Rng, draft: &mut Draft, doc: &str, size: f32) -> LetterInfo {
    let recipient = rng.pick(RECIPIENTS);
    let ministry = &MINISTRIES[recipient.ministry.min(MINISTRIES.len() - 1)];
    let year = rng.range(2019, 2026) as i32;
    let (kind, prefix, title) = match rng.below(10) {
        0..=5 => (
            DocumentKind::AllocationLetter,
            *rng.pick(&["TB", "TB", "RTB"]),
            if rng.chance(50) {
                format!("Tildelingsbrev {year} – {}", recipient.body.name)
            } else {
                format!("Tildelingsbrev for {year} til {}", recipient.body.name)
            },
        ),
        6 | 7 => (
            DocumentKind::AllocationLetter,
            "STB",
            format!(
                "Supplerende tildelingsbrev nr. {} for {year}",
                rng.range(1, 4)
            ),
        ),
        _ => (
            DocumentKind::AssignmentDocument,
            *rng.pick(&["OD", "ODK"]),
            format!("Oppdragsdokument {year} – {}", recipient.body.name),
        ),
    };
    let doc_index = draft.record(Record::Document(oppdrag_model::DocumentRecord {
        doc: doc.to_string(),
        kind,
        issuer: Some(ministry.body.name.to_string()),
        recipient: Some(recipient.body.name.to_string()),
        year: Some(year),
        title: Some(title.clone()),
        ..Default::default()
    }));
    draft.mark(doc_index);
    let mut ctx = Ctx {
        doc,
        year,
        ministry,
        recipient,
        prefix,
        pad: rng.chance(70),
        spaced_avd: rng.chance(20),
        codes: Vec::new(),
        size,
    };

    // Letterhead.
    let issuer_print = if ministry.tag == "HOD" && rng.chance(40) {
        "Det kongelige helse- og omsorgsdepartement".to_string()
    } else {
        ministry.body.name.to_string()
    };
    draft.push(Block::Para {
        text: issuer_print,
        bold: true,
    });
    draft.push(Block::Gap(1.0));
    draft.para(recipient.body.name);
    draft.para(format!("Postboks {} Sentrum", rng.range(100, 9000)));
    draft.para(format!("0{} OSLO", rng.range(101, 999)));
    draft.push(Block::Gap(1.0));
    let dated = random_date(rng, year - 1, 12, 12);
    draft.push(Block::Table(Table {
        columns: vec![0.3, 0.3, 0.3],
        right: vec![false; 3],
        header: Some(vec!["Deres ref".into(), "Vår ref".into(), "Dato".into()]),
        repeat_header: false,
        rows: vec![Row {
            cells: vec![
                String::new(),
                format!(
                    "{}/{}-{}",
                    (year - 1) % 100,
                    rng.range(100, 9999),
                    rng.range(1, 30)
                ),
                written(dated, true),
            ],
            anchor: None,
        }],
    }));
    draft.heading(title.clone(), size + 5.0);
    draft.push(Block::Gap(0.5));

    let h = |n: &str, t: &str| format!("{n} {t}");
    draft.heading(h("1", "Innledning"), size + 3.0);
    draft.para(format!(
        "Departementet viser til Prop. 1 S ({}–{year}) og Stortingets behandling av statsbudsjettet. \
         Dette brevet gir rammer og oppdrag for {} i {year}.",
        year - 1,
        recipient.body.name
    ));
    draft.para(FILLERS[rng.below(FILLERS.len())]);

    let ch2 = h("2", "Mål, styringsparametere og oppdrag");
    draft.heading(ch2.clone(), size + 3.0);
    let form = match rng.below(3) {
        0 => Form::Headings,
        1 => Form::Tables,
        _ => Form::Mixed,
    };
    let areas = rng.range(2, 6);
    for (i, a) in rng.sample(AREAS.len(), areas).into_iter().enumerate() {
        let sec = h(&format!("2.{}", i + 1), AREAS[a]);
        draft.heading(sec.clone(), size + 2.0);
        draft.heading(
            format!("2.{}.1 Mål og styringsparametere", i + 1),
            size + 1.0,
        );
        draft.para(format!(
            "Målet for området er at tjenestene skal være tilgjengelige, trygge og effektive. {}",
            FILLERS[rng.below(FILLERS.len())]
        ));
        let sub = format!("2.{}.2 Oppdrag", i + 1);
        draft.heading(sub.clone(), size + 1.0);
        let section = vec![ch2.clone(), sec, sub];
        let n = rng.range(1, 7);
        let table = match form {
            Form::Headings => false,
            Form::Tables => true,
            Form::Mixed => rng.chance(50),
        };
        if table {
            assignments_as_table(rng, &mut ctx, draft, &section, n);
        } else {
            assignments_as_headings(rng, &mut ctx, draft, &section, n);
        }
    }

    draft.heading(h("3", "Føringer"), size + 3.0);
    draft.para(format!(
        "{} skal ha oversikt over risiko for at mål og krav ikke nås, og iverksette nødvendige tiltak. {}",
        recipient.body.name,
        FILLERS[rng.below(FILLERS.len())]
    ));

    draft.heading(h("4", "Budsjettildelinger og fullmakter"), size + 3.0);
    let table_heading = "4.1 Budsjettildelinger".to_string();
    draft.heading(table_heading.clone(), size + 2.0);
    tables::budget(rng, &ctx, draft, &table_heading);

    draft.heading(h("5", "Styringsdialog"), size + 3.0);
    draft.para("Departementet viser til hovedinstruksen for beskrivelse av styringsdialogen.");
    draft.heading(
        format!("5.{} Styringskalender", rng.range(1, 2)),
        size + 2.0,
    );
    tables::calendar(rng, &ctx, draft);

    if rng.chance(30) {
        draft.push(Block::PageBreak);
        draft.heading("Vedlegg 1", size + 1.0);
        mandate::compose(rng, draft, doc, &ministry.body, year, size);
    }

    LetterInfo {
        header: format!(
            "{} {year} – {}",
            if kind == DocumentKind::AssignmentDocument {
                "Oppdragsdokument"
            } else {
                "Tildelingsbrev"
            },
            recipient.body.name
        ),
        title,
        year,
    }
}
