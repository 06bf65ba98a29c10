//! The document record: kind, issuer, recipient, year and title.
//!
//! * **kind**: the document-kind cues of `rules/documents.toml` in the opening
//!   text; without a cue, a document with an allocation table or a steering
//!   calendar is an allocation letter.
//! * **title**: the opening line(s), when they carry the kind cue ("Mandat for
//!   ...", "Tildelingsbrev 2024"); wrapped title lines are joined.
//! * **issuer / recipient**: for a mandate, the body that set it; for a letter,
//!   the ministry and the non-ministry body it names most often.
//! * **year**: a year in the title; for a mandate the year it takes effect
//!   (or was set); otherwise the year the opening pages name most often.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use oppdrag_model::{Document, DocumentKind, DocumentRecord};
use oppdrag_rules::{BodyContext, BodyOrigin, RuleSet};
use regex::Regex;

use crate::lines::{self, year_in, years, Flat, YEARS};
use crate::outline::Outline;

/// Lines searched for years and bodies when the title names none.
const OPENING_LINES: usize = 60;

/// Bytes of the document start given to the kind cues (more than their window).
const HEAD_BYTES: usize = 16 * 1024;

/// Non-blank lines of a letter in which its issuer and recipient are counted.
const LETTER_LINES: usize = 400;

/// The first `limit` non-blank lines, joined by newlines.
fn opening_text(all: &[Flat<'_>], limit: usize) -> String {
    let mut out = String::new();
    for f in all.iter().filter(|f| !f.is_blank()).take(limit) {
        out.push_str(f.text());
        out.push('\n');
    }
    out
}

/// Builds the document record of `doc`.
pub fn extract(doc: &Document, rules: &RuleSet, outline: &Outline) -> DocumentRecord {
    let all = lines::flatten(doc);
    // The kind cues look at the document's start only.
    let mut text = String::new();
    for f in &all {
        if text.len() >= HEAD_BYTES {
            break;
        }
        text.push_str(f.text());
        text.push('\n');
    }
    let first = all.iter().position(|f| !f.is_blank());
    let kind = rules
        .kinds
        .classify(&text)
        .or_else(|| structural_kind(rules, &all))
        .unwrap_or_default();
    let titled = title_line(rules, &all).and_then(|i| title_at(rules, &all, i).map(|t| (i, t)));
    let line = titled.as_ref().map(|(i, _)| *i).or(first);
    let title = titled.map(|(_, t)| t);
    let mut record = DocumentRecord {
        doc: doc.name.clone(),
        page: doc.page_count().map(|_| 1),
        pages: doc.page_count(),
        kind,
        line: line.and_then(|i| all[i].record_line()),
        ..DocumentRecord::default()
    };
    let title_year = title.as_deref().and_then(year_in);
    let title_bodies = title
        .as_deref()
        .map(|t| known_bodies(rules, t))
        .unwrap_or_default();
    let addressee = address_block(rules, &all);
    record.title = title;
    match kind {
        DocumentKind::Mandate => {
            let found = crate::mandates::find(doc, rules, outline, None);
            let first = found.first();
            record.issuer = first.and_then(|m| m.established_by.clone());
            // The year it takes effect: the effective date, the start of its
            // period, else the year it was set.
            record.year = title_year.or_else(|| {
                let first = first?;
                first
                    .effective
                    .map(|d| chrono::Datelike::year(&d))
                    .or(first.period.as_ref().map(|p| p.from))
                    .or(first.established.map(|d| chrono::Datelike::year(&d)))
            });
        }
        DocumentKind::AllocationLetter | DocumentKind::AssignmentDocument => {
            // Counted only when the title, the letterhead or the address
            // block leave issuer or recipient open: the walk over the
            // opening lines is the record's largest cost, and its answer is
            // read nowhere else.
            let counts = OnceCell::new();
            let counts =
                || counts.get_or_init(|| body_counts(rules, &opening_text(&all, LETTER_LINES)));
            let in_title = |ministry: bool| {
                title_bodies
                    .iter()
                    .find(|(_, k)| (k == "ministry") == ministry)
                    .map(|(n, _)| n.clone())
            };
            record.issuer = in_title(true)
                .or_else(|| letterhead(rules, &all))
                .or_else(|| most(counts(), |k| k == "ministry"));
            record.recipient = in_title(false).or(addressee).or_else(|| {
                most(counts(), |k| {
                    k != "ministry" && k != "group" && k != "initiative"
                })
            });
            record.year = title_year.or_else(|| common_year(&all, all.len()));
        }
        DocumentKind::Other => {
            let opening = opening_text(&all, OPENING_LINES / 3);
            let counts = body_counts(rules, &opening);
            record.issuer = most(&counts, |k| k != "group" && k != "initiative");
            record.recipient =
                addressee.or_else(|| board_of(rules, record.issuer.as_deref(), &opening));
            record.year = title_year.or_else(|| common_year(&all, OPENING_LINES));
        }
    }
    record
}

/// Common nouns for the board or council of an organisation: "styringsgruppen"
/// in a case document of X is "Styringsgruppen for X" when the gazetteer has it.
const BOARD_NOUNS: &[&str] = &[
    "styringsgruppen",
    "styret",
    "rådet",
    "referansegruppen",
    "brukerrådet",
];

/// The board of `issuer` that the opening text addresses, if the gazetteer knows it.
fn board_of(rules: &RuleSet, issuer: Option<&str>, opening: &str) -> Option<String> {
    let issuer = issuer?;
    let lower = opening.to_lowercase();
    BOARD_NOUNS.iter().find_map(|noun| {
        let named = lower.match_indices(noun).any(|(at, _)| {
            lower[at + noun.len()..]
                .chars()
                .next()
                .map_or(true, |c| !c.is_alphanumeric())
        });
        if !named {
            return None;
        }
        let mut name = noun.to_string();
        if let Some(first) = name.get(..1) {
            name = format!("{}{}", first.to_uppercase(), &name[1..]);
        }
        rules
            .bodies
            .canonical(&format!("{name} for {issuer}"))
            .map(str::to_string)
    })
}

/// The first line among the opening lines that carries a document-kind cue
/// and reads as a title (short, not a sentence).
fn title_line(rules: &RuleSet, all: &[Flat<'_>]) -> Option<usize> {
    all.iter()
        .enumerate()
        .filter(|(_, f)| !f.is_blank())
        .take(OPENING_LINES / 2)
        .find(|(_, f)| {
            let t = f.text().trim();
            t.split_whitespace().count() <= 15
                && !t.ends_with('.')
                && !lines::looks_like_heading(t)
                && rules.kinds.classify(t).is_some()
        })
        .map(|(i, _)| i)
}

/// Known bodies named in `text`, with their kinds, in text order.
fn known_bodies(rules: &RuleSet, text: &str) -> Vec<(String, String)> {
    let mut found: Vec<(std::ops::Range<usize>, String, String)> = rules
        .bodies
        .find(text, &BodyContext::default())
        .into_iter()
        .filter_map(|m| match m.origin {
            BodyOrigin::Gazetteer => Some((m.span, m.canonical.into_owned(), m.kind.to_string())),
            BodyOrigin::Shape => kind_by_shape(&m.canonical)
                .map(|k| (m.span.clone(), m.canonical.into_owned(), k.to_string())),
            BodyOrigin::Context => None,
        })
        .collect();
    // Ministries the gazetteer lacks: "Nærings- og fiskeridepartementet".
    for m in ministry_shape().find_iter(text) {
        if !found
            .iter()
            .any(|(span, _, _)| span.start < m.end() && m.start() < span.end)
        {
            found.push((m.range(), m.as_str().to_string(), "ministry".to_string()));
        }
    }
    found.sort_by_key(|(span, _, _)| span.start);
    found
        .into_iter()
        .map(|(_, name, kind)| (name, kind))
        .collect()
}

/// The shape of a ministry's name: one or two capitalised stems joined by
/// "- og", ending in "departementet".
pub(crate) fn ministry_shape() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\p{Lu}\p{Ll}*(?:-\s+og\s+\p{Ll}+)?departementet\b").expect("constant pattern")
    })
}

/// The addressee of a letter's address block: a line that is a known body,
/// followed by a postal address line ("Postboks ...", "0130 OSLO").
fn address_block(rules: &RuleSet, all: &[Flat<'_>]) -> Option<String> {
    let opening: Vec<&Flat<'_>> = all
        .iter()
        .filter(|f| !f.is_blank())
        .take(OPENING_LINES / 2)
        .collect();
    opening.windows(2).find_map(|w| {
        let next = w[1].text().trim();
        let lower = next.to_lowercase();
        let postal = lower.starts_with("postboks")
            || lower.starts_with("pb.")
            || lower.starts_with("postadresse")
            || (next.len() > 5
                && next.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && next.as_bytes()[4] == b' ');
        if !postal {
            return None;
        }
        let name = rules.bodies.canonical(w[0].text().trim())?;
        (rules.bodies.kind_of(name) != Some("ministry")).then(|| name.to_string())
    })
}

/// Non-blank lines at the top of a letter where its letterhead stands.
const LETTERHEAD_LINES: usize = 4;

/// The ministry printed alone on a line of the letterhead ("Kunnskapsdepartementet"
/// above the address block): the letter's issuer.
fn letterhead(rules: &RuleSet, all: &[Flat<'_>]) -> Option<String> {
    all.iter()
        .filter(|f| !f.is_blank())
        .take(LETTERHEAD_LINES)
        .find_map(|f| {
            let line = f.text().trim();
            if let Some(name) = rules.bodies.canonical(line) {
                return (rules.bodies.kind_of(name) == Some("ministry")).then(|| name.to_string());
            }
            // A ministry the gazetteer lacks, printed alone on the line.
            ministry_shape()
                .find(line)
                .filter(|m| m.start() == 0 && m.end() == line.len())
                .map(|m| m.as_str().to_string())
        })
}

/// Without a kind cue: an allocation table or a steering calendar makes a letter.
fn structural_kind(rules: &RuleSet, all: &[Flat<'_>]) -> Option<DocumentKind> {
    let t = &rules.tables;
    let letter = all.iter().any(|f| {
        t.budget.header.is_match(f.text()) || crate::calendar::is_calendar_heading(rules, f.text())
    });
    letter.then_some(DocumentKind::AllocationLetter)
}

/// The title standing at line `i`: the line and its wrapped continuation,
/// when it carries a document-kind cue.
fn title_at(rules: &RuleSet, all: &[Flat<'_>], i: usize) -> Option<String> {
    let head = all.get(i)?.text().trim();
    if lines::looks_like_heading(head) || rules.kinds.classify(head).is_none() {
        return None;
    }
    let upper = is_upper(head);
    let mut title = String::new();
    lines::join_wrapped(&mut title, head);
    let mut blanks = 0;
    for f in &all[i + 1..] {
        if f.is_blank() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
            continue;
        }
        let t = f.text().trim();
        // A one-word title ("MANDAT") goes on in the next line ("for ...").
        // A sentence ("Departementet ber ... .") is body text, not title.
        let continues = if !title.contains(' ') {
            t.chars().next().is_some_and(char::is_lowercase)
                || is_upper(t)
                || (!t.ends_with('.') && t.split_whitespace().count() <= 10)
        } else if upper {
            is_upper(t)
        } else {
            t.chars().next().is_some_and(char::is_lowercase) || t.starts_with('(')
        };
        if !continues || title.ends_with('.') {
            break;
        }
        lines::join_wrapped(&mut title, t);
        blanks = 0;
    }
    Some(title)
}

fn is_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// The year named most often in the first `limit` lines; the later year on a tie.
fn common_year(all: &[Flat<'_>], limit: usize) -> Option<i32> {
    // One counter per year `years` yields (YEARS), no hashing.
    let mut counts = [0usize; (YEARS.end - YEARS.start) as usize];
    for f in all.iter().take(limit) {
        for y in years(f.text()) {
            if let Some(n) = usize::try_from(y - YEARS.start)
                .ok()
                .and_then(|k| counts.get_mut(k))
            {
                *n += 1;
            }
        }
    }
    YEARS
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// How often each known body is named, with its gazetteer kind.
fn body_counts(rules: &RuleSet, text: &str) -> HashMap<String, (usize, String)> {
    let mut counts: HashMap<String, (usize, String)> = HashMap::new();
    for (name, kind) in known_bodies(rules, text) {
        let entry = counts.entry(name).or_insert((0, kind));
        entry.0 += 1;
    }
    counts
}

/// Suffixes of organisation names that make a body recognised by its shape
/// a ministry or a government agency.
const MINISTRY_SUFFIX: &str = "departementet";
const AGENCY_SUFFIXES: &[&str] = &[
    "direktoratet",
    "tilsynet",
    "instituttet",
    "verket",
    "etaten",
];

/// The kind of a body: the gazetteer's, or for a body known only by its
/// shape, `ministry` or `directorate` by its name's ending (else `None`).
fn kind_by_shape(name: &str) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if lower.ends_with(MINISTRY_SUFFIX) {
        Some("ministry")
    } else if AGENCY_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
        Some("directorate")
    } else {
        None
    }
}

/// The most-named body whose kind passes `keep`; ties go to the name.
fn most(counts: &HashMap<String, (usize, String)>, keep: impl Fn(&str) -> bool) -> Option<String> {
    counts
        .iter()
        .filter(|(_, (_, kind))| keep(kind))
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(a.0)))
        .map(|(name, _)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::from_plain_text("d.txt", text)
    }

    #[test]
    fn a_letter_without_a_kind_cue_is_known_by_its_table() {
        let d = doc(
            "1 Innledning\nHelse- og omsorgsdepartementet viser til budsjettet for 2025.\n\
             Folkehelseinstituttet skal i 2025 prioritere arbeidet. Folkehelseinstituttet rapporterer.\n\
             3 Tildeling\nKap. Post Navn Tildeling\n780 01 Driftsutgifter 1 000\n",
        );
        let rules = RuleSet::bundled();
        let r = extract(&d, &rules, &Outline::default());
        assert_eq!(r.kind, DocumentKind::AllocationLetter);
        assert_eq!(r.issuer.as_deref(), Some("Helse- og omsorgsdepartementet"));
        assert_eq!(r.recipient.as_deref(), Some("Folkehelseinstituttet"));
        assert_eq!(r.year, Some(2025));
        assert_eq!(r.title, None);
        assert_eq!(r.line, Some(1));
    }

    #[test]
    fn a_mandate_title_wraps_and_names_the_kind() {
        let d = doc(
            "\n  \nMandat for Nasjonalt fagutvalg for e-helse  \n\n(NUFA) \n\nBakgrunn\nTekst.\n",
        );
        let rules = RuleSet::bundled();
        let r = extract(&d, &rules, &Outline::default());
        assert_eq!(r.kind, DocumentKind::Mandate);
        assert_eq!(
            r.title.as_deref(),
            Some("Mandat for Nasjonalt fagutvalg for e-helse (NUFA)")
        );
        assert_eq!(r.line, Some(3));
    }

    #[test]
    fn address_block_title_after_the_letterhead_and_a_bare_mandate_title() {
        let d = doc("Statens legemiddelverk\nPostboks 240 Skøyen\n0213 OSLO\n\n\
             Supplerende tildelingsbrev nr. 2 for 2025\n\n\
             Helse- og omsorgsdepartementet viser til tildelingsbrevet. Folkehelseinstituttet \
             og Folkehelseinstituttet og Folkehelseinstituttet nevnes ofte.\n");
        let rules = RuleSet::bundled();
        let r = extract(&d, &rules, &Outline::default());
        assert_eq!(r.kind, DocumentKind::AllocationLetter);
        assert_eq!(
            r.title.as_deref(),
            Some("Supplerende tildelingsbrev nr. 2 for 2025")
        );
        assert_eq!(r.line, Some(5));
        assert_eq!(r.recipient.as_deref(), Some("Statens legemiddelverk"));
        assert_eq!(r.year, Some(2025));

        let d = doc("MANDAT\n\nfor Nasjonalt fagutvalg for e-helse\n\nVedtatt av Helsedirektoratet 1. mars 2023.\n");
        let r = extract(&d, &rules, &Outline::default());
        assert_eq!(r.kind, DocumentKind::Mandate);
        assert_eq!(
            r.title.as_deref(),
            Some("MANDAT for Nasjonalt fagutvalg for e-helse")
        );
        assert_eq!(r.issuer.as_deref(), Some("Helsedirektoratet"));
        assert_eq!(r.year, Some(2023));
    }

    #[test]
    fn ministries_and_agencies_outside_the_gazetteer_are_known_by_their_ending() {
        let d = doc("Tildelingsbrev 2026 – Fiskeridirektoratet\n\n\
             Nærings- og fiskeridepartementet viser til statsbudsjettet. Fiskeridirektoratet skal \
             prioritere kontroll.\n");
        let rules = RuleSet::bundled();
        let r = extract(&d, &rules, &Outline::default());
        assert_eq!(
            r.issuer.as_deref(),
            Some("Nærings- og fiskeridepartementet")
        );
        assert_eq!(r.recipient.as_deref(), Some("Fiskeridirektoratet"));
    }
}
