//! Mandates: for a council, group or initiative, either as a file of its
//! own or attached to a letter.

use chrono::{Datelike, NaiveDate};
use oppdrag_model::{Mandate, Member, Period, Record};

use crate::compose::{body_name, random_date, written, Draft};
use crate::layout::{Block, Row, Table};
use crate::rng::Rng;
use crate::vocab::{Body, BACKGROUND, MANDATE_BODIES, MANDATE_TASKS, MEMBERS, NUMBER_WORDS};

/// What the caller needs to know about a composed mandate.
pub struct MandateInfo {
    /// The printed title, whitespace-normalised.
    pub title: String,
    /// The year the mandate applies from.
    pub year: i32,
    /// Canonical name of the body that set it.
    pub established_by: String,
}

fn seats(n: u32) -> String {
    let word = NUMBER_WORDS.get(n as usize).copied().unwrap_or("ett");
    match n {
        1 => "ett medlem".to_string(),
        _ => format!("{word} medlemmer"),
    }
}

/// Appends a mandate to `draft` and its gold record; `issuer` is the body
/// that sets it, `year` the year it applies from.
pub fn compose(
    rng: &mut Rng,
    draft: &mut Draft,
    doc: &str,
    issuer: &Body,
    year: i32,
    size: f32,
) -> MandateInfo {
    let body = *rng.pick(MANDATE_BODIES);
    let short = if body.aliases.is_empty() {
        body.name.to_string()
    } else {
        body.aliases[0].to_string()
    };
    let title = if body.aliases.is_empty() || rng.chance(40) {
        format!("Mandat for {}", body.name)
    } else {
        format!("Mandat for {} ({short})", body.name)
    };
    let index = draft.record(Record::Mandate(Mandate {
        doc: doc.to_string(),
        body: body.name.to_string(),
        ..Mandate::default()
    }));
    draft.mark(index);
    draft.heading(title.clone(), size + 4.0);
    draft.push(Block::Gap(0.5));

    let established = random_date(rng, year - 1, 9, 12);
    let effective = NaiveDate::from_ymd_opt(year, 1 + 6 * rng.below(2) as u32, 1);
    let mut record = Mandate {
        doc: doc.to_string(),
        body: body.name.to_string(),
        established_by: Some(issuer.name.to_string()),
        established: Some(established),
        ..Mandate::default()
    };
    let by = body_name(rng, issuer, 20);
    draft.para(format!("Fastsatt av {by} {}.", written(established, true)));
    if rng.chance(60) {
        record.effective = effective;
        if let Some(d) = effective {
            draft.para(format!("Mandatet gjelder fra {}.", written(d, true)));
        }
    }
    if rng.chance(50) {
        let to = year + rng.range(1, 4) as i32;
        record.period = Some(Period { from: year, to });
        draft.para(format!("{short} er oppnevnt for perioden {year}–{to}."));
    }

    draft.heading("Bakgrunn", size + 1.0);
    for i in rng.sample(BACKGROUND.len(), 2) {
        draft.para(BACKGROUND[i]);
    }

    draft.heading(
        *rng.pick(&["Oppgaver og ansvar", "Oppgaver", "Formål og oppgaver"]),
        size + 1.0,
    );
    draft.para(format!("{short} skal:"));
    let n = rng.range(3, 6);
    for i in rng.sample(MANDATE_TASKS.len(), n) {
        let task = MANDATE_TASKS[i].to_string();
        draft.push(Block::Item {
            label: "•".into(),
            text: task.clone(),
        });
        record.tasks.push(task);
    }

    draft.heading(
        *rng.pick(&["Sammensetning", "Medlemmer", "Sammensetning og ledelse"]),
        size + 1.0,
    );
    let chair = *rng.pick(MEMBERS.get(2..6).unwrap_or(MEMBERS));
    record.chair = Some(chair.name.to_string());
    draft.para(format!("{short} ledes av {}.", chair.name));
    let as_table = rng.chance(30);
    draft.para(format!("Følgende er representert i {short}:"));
    let mut rows = Vec::new();
    let k = rng.range(3, 8);
    for i in rng.sample(MEMBERS.len(), k) {
        let member = MEMBERS[i];
        let count = (!rng.chance(15)).then(|| rng.range(1, 5) as u32);
        let name = body_name(rng, &member, 30);
        record.members.push(Member {
            body: member.name.to_string(),
            count,
        });
        if as_table {
            rows.push(Row {
                cells: vec![name, count.map_or("-".into(), |c| c.to_string())],
                anchor: None,
            });
        } else {
            let text = match count {
                Some(c) => format!("{name} ({})", seats(c)),
                None => name,
            };
            draft.push(Block::Item {
                label: "•".into(),
                text,
            });
        }
    }
    if as_table {
        draft.push(Block::Table(Table {
            columns: vec![0.6, 0.25],
            right: vec![false, true],
            header: Some(vec!["Virksomhet".into(), "Antall medlemmer".into()]),
            repeat_header: true,
            rows,
        }));
    }

    draft.heading(
        *rng.pick(&["Sekretariat og møter", "Sekretariat og møteplan"]),
        size + 1.0,
    );
    let secretariat = *rng.pick(MEMBERS.get(3..7).unwrap_or(MEMBERS));
    record.secretariat = Some(secretariat.name.to_string());
    if rng.chance(50) {
        draft.para(format!(
            "{} har sekretariatsfunksjonen for {short}.",
            secretariat.name
        ));
    } else {
        draft.para(format!("Sekretariatet ivaretas av {}.", secretariat.name));
    }
    let (phrase, per_year) = *rng.pick(&[
        ("skal normalt avholde fire møter hvert år", 4.0),
        ("møtes minimum halvårlig", 2.0),
        ("møtes hver annen måned", 6.0),
        ("skal avholde seks møter i året", 6.0),
        ("møtes to ganger i året", 2.0),
        ("har månedlige møter", 12.0),
    ]);
    record.meetings_per_year = Some(per_year);
    draft.para(format!("{short} {phrase}."));

    if rng.chance(80) {
        let term = rng.range(2, 4);
        record.term_years = Some(term as f64);
        draft.heading("Funksjonstid", size + 1.0);
        draft.para(format!(
            "Funksjonstid for medlemmene er {} år, med mulighet for forlengelse.",
            NUMBER_WORDS[term]
        ));
    }
    let record_has_year = record.effective.is_some() || record.period.is_some();
    if let Some(slot) = draft.records.get_mut(index) {
        *slot = Record::Mandate(record);
    }
    MandateInfo {
        title,
        year: if record_has_year {
            year
        } else {
            established.year()
        },
        established_by: issuer.name.to_string(),
    }
}

/// The body a stand-alone mandate file is set by: a ministry or directorate.
pub fn issuer(rng: &mut Rng) -> Body {
    *rng.pick(&[
        Body {
            name: "Helse- og omsorgsdepartementet",
            aliases: &["HOD"],
        },
        Body {
            name: "Helsedirektoratet",
            aliases: &[],
        },
        Body {
            name: "Helsedirektoratet",
            aliases: &[],
        },
    ])
}
