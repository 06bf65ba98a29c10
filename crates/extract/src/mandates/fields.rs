//! The fields of one mandate, read from its running text and its lines.

use chrono::NaiveDate;
use oppdrag_model::{Mandate, Member, Period};
use oppdrag_rules::{
    last_of_month, normalize_space, BodyContext, BodyOrigin, FoldedRegex, FoldedText, RuleSet,
};

use crate::lines::{self, Flat};

/// For each line of a mandate, whether it may match a per-line rule (see
/// `oppdrag_rules::Needles`): `false` where the rule's words are missing.
pub(super) struct Hints<'a> {
    /// Per line: may be a `members_intro` line.
    pub members_intro: &'a [bool],
    /// Per line: may be a `task_intro` line.
    pub task_intro: &'a [bool],
}

/// Fills every field of `m` but its body from the mandate's `text` (running
/// text, folded once for the rules' searches) and `lines`.
pub(super) fn fill(
    m: &mut Mandate,
    rules: &RuleSet,
    text: &FoldedText<'_>,
    lines: &[Flat<'_>],
    hints: &Hints<'_>,
    year: Option<i32>,
) {
    let r = &rules.mandates;
    if let Some((by, date)) = established(rules, &m.body, text, year) {
        m.established_by = by;
        m.established = date;
    }
    if m.established_by.is_none() {
        m.established_by = adopted_by(rules, &m.body, text);
    }
    m.effective = r.effective.iter().find_map(|re| {
        re.captures(text)?
            .name("clause")
            .and_then(|c| date_in(rules, c.as_str(), year))
    });
    m.period = r.period.iter().find_map(|re| {
        let c = re.captures(text)?;
        let from = c.name("from")?.as_str().parse().ok()?;
        let to = c.name("to")?.as_str().parse().ok()?;
        (from <= to).then_some(Period { from, to })
    });
    m.chair =
        clause_body(rules, &r.chair, text).or_else(|| body_before(rules, &r.chair_before, text));
    m.secretariat = clause_body(rules, &r.secretariat_after, text)
        .or_else(|| body_before(rules, &r.secretariat_before, text));
    m.meetings_per_year = meetings(rules, text);
    m.term_years = r.term.iter().find_map(|re| {
        let n = re.captures(text)?.name("n")?.as_str().to_string();
        r.number(&n).map(f64::from)
    });
    m.members = members(rules, lines, hints.members_intro);
    if m.members.is_empty() {
        m.members = actors(rules, &m.body, lines);
    }
    m.tasks = tasks(rules, lines, hints.task_intro);
}

/// The first known body of a kind in `text`.
fn first_body(rules: &RuleSet, text: &str, keep: impl Fn(&str) -> bool) -> Option<String> {
    rules
        .bodies
        .find(text, &BodyContext::default())
        .into_iter()
        .find(|m| m.origin == BodyOrigin::Gazetteer && keep(m.kind))
        .map(|m| m.canonical.into_owned())
}

/// The first date in `clause`, including a bare "februar 2007" (last day).
fn date_in(rules: &RuleSet, clause: &str, year: Option<i32>) -> Option<NaiveDate> {
    if let Some(d) = rules.dates.find(clause, year).into_iter().next() {
        return Some(d.date);
    }
    let words: Vec<&str> = clause.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        let month = rules.dates.month(w[0])?;
        let y: i32 = w[1].trim_end_matches(['.', ',']).parse().ok()?;
        (1900..2100)
            .contains(&y)
            .then(|| last_of_month(y, month))
            .flatten()
    })
}

/// Who set the mandate and when, from an `established` clause.
fn established(
    rules: &RuleSet,
    body: &str,
    text: &FoldedText<'_>,
    year: Option<i32>,
) -> Option<(Option<String>, Option<NaiveDate>)> {
    let clause = rules
        .mandates
        .established
        .iter()
        .find_map(|re| re.captures(text)?.name("clause").map(|c| c.as_str()))?;
    let date = date_in(rules, clause, year);
    let by = clause_start_body(rules, clause).or_else(|| {
        // A ministry the gazetteer lacks opens the clause ("Samferdselsdepartementet").
        let ministry = crate::document::ministry_shape().find(clause.trim_start());
        if let Some(m) = ministry.filter(|m| m.start() == 0) {
            return Some(m.as_str().to_string());
        }
        let word = clause.split_whitespace().next()?.to_lowercase();
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if rules.mandates.ministry_words.iter().any(|w| w == word) {
            return first_body(rules, text.text, |kind| kind == "ministry");
        }
        refers_to(word, body).then(|| body.to_string())
    });
    Some((by, date))
}

/// Whether a common noun ("styringsgruppen") refers to the body itself.
fn refers_to(word: &str, body: &str) -> bool {
    let stem = word.trim_end_matches("en").trim_end_matches("et");
    stem.chars().count() >= 4
        && body
            .to_lowercase()
            .split_whitespace()
            .next()
            .is_some_and(|w| w.starts_with(stem))
}

/// "X vedtar mandat for Y" where Y is the mandate's body: X.
fn adopted_by(rules: &RuleSet, body: &str, t: &FoldedText<'_>) -> Option<String> {
    let text = t.text;
    for c in rules.mandates.adopts.captures_iter(t) {
        let (Some(all), Some(target)) = (c.get(0), c.name("clause")) else {
            continue;
        };
        let names_body = rules
            .bodies
            .find(target.as_str(), &BodyContext::default())
            .iter()
            .any(|m| m.canonical == body);
        if !names_body {
            continue;
        }
        let sentence_start = text[..all.start()].rfind(". ").map_or(0, |p| p + 2);
        let before = &text[sentence_start..all.start()];
        if let Some(m) = rules
            .bodies
            .find(before, &BodyContext::default())
            .into_iter()
            .last()
        {
            return Some(m.canonical.into_owned());
        }
    }
    None
}

/// The known body that opens `clause` (after an article), if any.
fn clause_start_body(rules: &RuleSet, clause: &str) -> Option<String> {
    let found = rules.bodies.find(clause, &BodyContext::default());
    let m = found
        .into_iter()
        .find(|m| m.origin != BodyOrigin::Context)?;
    let before = clause[..m.span.start].trim().to_lowercase();
    let ok = before.is_empty() || ["de", "den", "det", "i", "hos"].contains(&before.as_str());
    ok.then(|| m.canonical.into_owned())
}

/// The body that opens the `clause` group of the first matching pattern.
fn clause_body(rules: &RuleSet, patterns: &[FoldedRegex], text: &FoldedText<'_>) -> Option<String> {
    patterns.iter().find_map(|re| {
        re.captures_iter(text).find_map(|c| {
            let clause = c.name("clause")?.as_str();
            clause_start_body(rules, clause).or_else(|| {
                // "ligger i Administrasjonsavdelingen i HOD": a unit of a body.
                let found = rules.bodies.find(clause, &BodyContext::default());
                let m = found
                    .into_iter()
                    .find(|m| m.origin == BodyOrigin::Gazetteer)?;
                let lead: Vec<&str> = clause[..m.span.start].split_whitespace().collect();
                let unit = lead.len() <= 3
                    && lead.first().is_some_and(|w| {
                        w.to_lowercase().ends_with("avdelingen")
                            || w.to_lowercase().ends_with("seksjonen")
                    });
                unit.then(|| m.canonical.into_owned())
            })
        })
    })
}

/// The last known body before a cue, within the cue's sentence.
fn body_before(rules: &RuleSet, patterns: &[FoldedRegex], t: &FoldedText<'_>) -> Option<String> {
    let text = t.text;
    patterns.iter().find_map(|re| {
        re.find_iter(t).find_map(|m| {
            let start = text[..m.start()].rfind(". ").map_or(0, |p| p + 2);
            let found = rules
                .bodies
                .find(&text[start..m.start()], &BodyContext::default());
            found
                .into_iter()
                .rfind(|b| b.origin == BodyOrigin::Gazetteer)
                .map(|b| b.canonical.into_owned())
        })
    })
}

/// Meetings a year: a counted phrase, else a frequency word in a sentence about meetings.
fn meetings(rules: &RuleSet, t: &FoldedText<'_>) -> Option<f64> {
    let r = &rules.mandates;
    let counted = r.meetings_count.iter().find_map(|re| {
        re.captures_iter(t)
            .find_map(|c| r.number(c.name("n")?.as_str()))
    });
    if let Some(n) = counted {
        return Some(f64::from(n));
    }
    for sentence in t.text.split(". ") {
        if !r.meeting_word.is_match(sentence) {
            continue;
        }
        if let Some(f) = r
            .meetings_frequency
            .iter()
            .find(|f| f.pattern.is_match(sentence))
        {
            return Some(f.per_year);
        }
    }
    None
}

/// Strips a bullet mark from the start of `text`; `None` when it has none.
fn strip_bullet<'t>(rules: &'t RuleSet, text: &'t str) -> Option<(&'t str, &'t str)> {
    let t = text.trim_start();
    rules.mandates.bullets.iter().find_map(|b| {
        let rest = t.strip_prefix(b.as_str())?;
        (rest.starts_with(char::is_whitespace) || (b != "o" && b != "-"))
            .then(|| (b.as_str(), rest.trim()))
    })
}

/// Members from the bullet list after a `members_intro` line.
fn members(rules: &RuleSet, lines: &[Flat<'_>], may_intro: &[bool]) -> Vec<Member> {
    let r = &rules.mandates;
    let Some(intro) = lines
        .iter()
        .zip(may_intro)
        .position(|(f, &may)| may && r.members_intro.is_match(f.text()))
    else {
        return Vec::new();
    };
    let mut out: Vec<Member> = Vec::new();
    let mut started = false;
    for f in &lines[intro + 1..] {
        if f.is_blank() {
            continue;
        }
        // A bullet item, or a row of a "Virksomhet | Antall" table.
        let row = || {
            let t = f.text().trim();
            count_cell(rules, t).map(|_| ("", t))
        };
        let Some((_, item)) = strip_bullet(rules, f.text()).or_else(row) else {
            if started {
                break;
            }
            continue;
        };
        started = true;
        // "KS (to medlemmer)", "Helsedirektoratet, 2 representanter",
        // "Folkehelseinstituttet – ett medlem".
        let (name, paren) = match item.find('(') {
            Some(p) => (&item[..p], &item[p + 1..]),
            None => item
                .rfind([',', '–', ':'])
                .map(|p| (&item[..p], item[p..].trim_start_matches([',', '–', ':'])))
                .filter(|(_, rest)| seats(rules, rest).is_some())
                .or_else(|| count_cell(rules, item))
                .unwrap_or((item, "")),
        };
        let body = super::resolve(rules, name).unwrap_or_else(|| super::printed(name.trim()));
        if body.is_empty() || out.iter().any(|m| m.body == body) {
            continue;
        }
        out.push(Member {
            body,
            count: seats(rules, paren.trim_end_matches(')')),
        });
    }
    out
}

/// A member row of a two-column table ("Helsedirektoratet   2", "KS  to
/// medlemmer"): the name and the count cell after the last wide gap.
fn count_cell<'t>(rules: &RuleSet, item: &'t str) -> Option<(&'t str, &'t str)> {
    let item = item.trim_end();
    let gap = item.rfind("  ").or_else(|| item.rfind('\t'))?;
    let (name, count) = (item[..gap].trim_end(), item[gap..].trim_start());
    let first = count.split_whitespace().next().unwrap_or("").to_lowercase();
    // The cell opens with a number ("2", "to medlemmer") or is empty ("-").
    let counted = first.chars().all(|c| c.is_ascii_digit()) && !first.is_empty()
        || rules.mandates.number(&first).is_some()
        || matches!(count, "-" | "–");
    (!name.is_empty() && counted).then_some((name, count))
}

/// Members of a project: the bodies named after a `staffed` cue.
pub(super) fn staffed(rules: &RuleSet, text: &FoldedText<'_>) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    for re in &rules.mandates.staffed {
        for c in re.captures_iter(text) {
            let Some(clause) = c.name("clause") else {
                continue;
            };
            for m in rules.bodies.find(clause.as_str(), &BodyContext::default()) {
                if m.origin == BodyOrigin::Gazetteer && !out.iter().any(|x| x.body == m.canonical) {
                    out.push(Member {
                        body: m.canonical.into_owned(),
                        count: None,
                    });
                }
            }
        }
    }
    out
}

/// Seats in a member's parenthesis: "to medlemmer + leder" → 3.
fn seats(rules: &RuleSet, text: &str) -> Option<u32> {
    let r = &rules.mandates;
    let mut total = 0;
    let mut found = false;
    let mut counted_next = false;
    for word in text.split(|c: char| c.is_whitespace() || c == '+' || c == ',') {
        let w = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if w.is_empty() {
            continue;
        }
        if let Some(n) = r.number(&w) {
            total += n;
            found = true;
            counted_next = true;
        } else {
            if r.seat_words.contains(&w) && !counted_next {
                total += 1;
                found = true;
            }
            counted_next = false;
        }
    }
    found.then_some(total)
}

/// Members of an initiative: the bodies that head a section of their own
/// (a line that is nothing but a body name).
fn actors(rules: &RuleSet, body: &str, lines: &[Flat<'_>]) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::new();
    for (i, f) in lines.iter().enumerate() {
        let t = f.text().trim();
        // A section title: short, capitalised, no closing punctuation.
        let title_like = t.chars().next().is_some_and(char::is_uppercase)
            && !t.ends_with(['.', ',', ';', ':', ')'])
            && t.split_whitespace().count() <= 6;
        if !title_like {
            continue;
        }
        let name = super::resolve(rules, t).or_else(|| section_subject(rules, t, &lines[i + 1..]));
        let Some(name) = name else { continue };
        let kind = rules.bodies.kind_of(&name).unwrap_or("");
        if name == body
            || kind == "initiative"
            || kind == "project"
            || out.iter().any(|m| m.body == name)
        {
            continue;
        }
        out.push(Member {
            body: name,
            count: None,
        });
    }
    out
}

/// A short unnumbered section title ("Kommunesektoren") whose first
/// paragraph opens with a known body: that body.
fn section_subject(rules: &RuleSet, title: &str, rest: &[Flat<'_>]) -> Option<String> {
    let short = title.split_whitespace().count() <= 4
        && title.chars().next().is_some_and(char::is_uppercase)
        && !title.ends_with(['.', ':', ','])
        && !lines::looks_like_heading(title);
    if !short {
        return None;
    }
    // The section's first paragraph: up to a blank line, at most a few lines.
    let mut paragraph = String::new();
    for f in rest.iter().skip_while(|f| f.is_blank()).take(4) {
        if f.is_blank() {
            break;
        }
        lines::join_wrapped(&mut paragraph, f.text());
    }
    let found = rules.bodies.find(&paragraph, &BodyContext::default());
    let known = found
        .into_iter()
        .filter(|m| m.origin == BodyOrigin::Gazetteer);
    // A body that opens the paragraph, or the first that is told what it "skal" do.
    let mut subject = None;
    for m in known {
        let after = paragraph[m.span.end..].trim_start();
        if m.span.start == 0 || after.starts_with("skal ") {
            subject = Some(m.canonical.into_owned());
            break;
        }
    }
    subject
}

/// Task bullets after `task_intro` lines; a short bullet that only heads
/// sub-bullets of another mark is a label, not a task.
fn tasks(rules: &RuleSet, lines: &[Flat<'_>], may_intro: &[bool]) -> Vec<String> {
    // A line the hints rule out is no intro (a missing hint: ask the regex).
    let intro = |k: usize| {
        may_intro.get(k).copied().unwrap_or(true)
            && lines
                .get(k)
                .is_some_and(|f| rules.mandates.task_intro.is_match(f.text()))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !intro(i) {
            i += 1;
            continue;
        }
        let mut items: Vec<(String, String)> = Vec::new();
        let mut k = i + 1;
        while k < lines.len() {
            let f = lines[k];
            if f.is_blank() {
                k += 1;
                continue;
            }
            if intro(k) {
                break;
            }
            match strip_bullet(rules, f.text()) {
                Some((mark, item)) => items.push((mark.to_string(), normalize_space(item))),
                None => {
                    let t = f.text().trim();
                    match items.last_mut() {
                        Some((_, last)) if t.chars().next().is_some_and(char::is_lowercase) => {
                            lines::join_wrapped(last, t)
                        }
                        _ => break,
                    }
                }
            }
            k += 1;
        }
        for (n, (mark, item)) in items.iter().enumerate() {
            let label = items.get(n + 1).is_some_and(|(next, _)| next != mark)
                && item.split_whitespace().count() <= 4;
            if !label && !item.is_empty() {
                out.push(item.clone());
            }
        }
        i = k.max(i + 1);
    }
    out
}
