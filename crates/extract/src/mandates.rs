//! Mandate records: a whole document that is a mandate, or "Mandat for ..."
//! sections attached to a letter.
//!
//! A mandate opens at a title line (`title` rule, wrapped lines joined) or at
//! a heading such as "1.1 Prosjektmandat" (`section_heading`, the body then
//! comes from an `establish` sentence). It runs to the next mandate, or for a
//! section to the next heading. Its fields come from cue phrases in its
//! running text (see `rules/mandates.toml`); body names are canonical through
//! the gazetteer, and printed names are kept where the gazetteer has none.

mod fields;

use oppdrag_model::{Document, Mandate};
use oppdrag_rules::{normalize_space, FoldedText, RuleSet};

use crate::lines::{self, Flat};
use crate::outline::Outline;
use crate::Context;

/// Extracts the Mandate records of `doc`, in document order.
pub fn extract<'a>(
    doc: &'a Document,
    rules: &'a RuleSet,
    outline: &'a Outline,
    context: &'a Context,
) -> impl Iterator<Item = Mandate> + 'a {
    find(doc, rules, outline, context.year).into_iter()
}

/// Where one mandate starts, the line ranges of its text, and the body it is for.
struct Span {
    start: usize,
    body_from: usize,
    end: usize,
    /// Further ranges: sibling sections about the mandate's organisation.
    extra: Vec<(usize, usize)>,
    body: Option<String>,
}

/// Finds every mandate of `doc`; `year` completes dates printed without one.
pub(crate) fn find(
    doc: &Document,
    rules: &RuleSet,
    outline: &Outline,
    year: Option<i32>,
) -> Vec<Mandate> {
    find_lines(doc, rules, outline, year, &lines::DocLines::new(doc))
}

/// [`find`] over the document's lines made once by the caller.
pub(crate) fn find_lines(
    doc: &Document,
    rules: &RuleSet,
    outline: &Outline,
    year: Option<i32>,
    doc_lines: &lines::DocLines<'_>,
) -> Vec<Mandate> {
    let all = &doc_lines.all;
    let spans = spans(rules, outline, doc_lines);
    if spans.is_empty() {
        return Vec::new();
    }
    // Lines that may open a member or task list, for all mandates at once.
    let r = &rules.mandates;
    let may_members = doc_lines.folded.may_match(r.members_intro_needles.as_ref());
    let may_tasks = doc_lines.folded.may_match(r.task_intro_needles.as_ref());
    let mut out = Vec::new();
    for span in spans {
        let body_lines = &all[span.body_from..span.end];
        let mut text = flow(body_lines);
        for &(from, to) in &span.extra {
            lines::join_wrapped(&mut text, &flow(&all[from..to]));
        }
        let text = FoldedText::new(&text);
        let body = match span.body {
            Some(b) => b,
            None => match established_body(rules, &text) {
                Some(b) => b,
                None => continue,
            },
        };
        let first = all[span.start];
        let mut m = Mandate {
            doc: doc.name.clone(),
            page: first.page(doc),
            body,
            line: first.record_line(),
            ..Mandate::default()
        };
        let hints = fields::Hints {
            members_intro: &may_members[span.body_from..span.end],
            task_intro: &may_tasks[span.body_from..span.end],
        };
        fields::fill(&mut m, rules, &text, body_lines, &hints, year);
        if m.members.is_empty() {
            m.members = fields::staffed(rules, &text);
        }
        out.push(m);
    }
    out
}

/// Joins lines into running text.
fn flow(lines: &[Flat<'_>]) -> String {
    let mut text = String::new();
    for f in lines {
        lines::join_wrapped(&mut text, f.text());
    }
    text
}

/// Finds where mandates start and end.
fn spans(rules: &RuleSet, outline: &Outline, doc_lines: &lines::DocLines<'_>) -> Vec<Span> {
    let all = &doc_lines.all[..];
    let r = &rules.mandates;
    let mut spans: Vec<Span> = Vec::new();
    // Lines without the words of a title or heading are no such line: most
    // letters have none, and then neither regex runs.
    let may_title = doc_lines.folded.may_match(r.title_needles.as_ref());
    let may_heading = doc_lines
        .folded
        .may_match(r.section_heading_needles.as_ref());
    let mut i = 0;
    while i < all.len() {
        let text = all[i].text();
        // `is_match` first: most lines are no title, and it allocates no groups.
        let title_caps = if may_title[i] && r.title.is_match(text) {
            r.title.captures(text)
        } else {
            None
        };
        if let Some(c) = title_caps {
            let (title, next) = title_lines(all, i);
            let name = r
                .title
                .captures(&title)
                .and_then(|t| t.name("name"))
                .or_else(|| c.name("name"))
                .map_or(String::new(), |m| m.as_str().to_string());
            if !name.trim_end().ends_with('.') {
                let body = Some(body_name(rules, &name));
                spans.push(Span {
                    start: i,
                    body_from: next,
                    end: all.len(),
                    extra: Vec::new(),
                    body,
                });
                i = next;
                continue;
            }
        } else if let Some((name, next)) = bare_title(rules, all, i) {
            let body = Some(body_name(rules, &name));
            spans.push(Span {
                start: i,
                body_from: next,
                end: all.len(),
                extra: Vec::new(),
                body,
            });
            i = next;
            continue;
        } else if may_heading[i]
            && r.section_heading.is_match(text)
            && lines::is_heading(outline, &all[i])
        {
            let (end, extra) = section_ranges(rules, outline, all, i);
            spans.push(Span {
                start: i,
                body_from: i + 1,
                end,
                extra,
                body: None,
            });
            i += 1;
            continue;
        }
        i += 1;
    }
    let starts: Vec<usize> = spans.iter().map(|s| s.start).collect();
    for (k, span) in spans.iter_mut().enumerate() {
        if let Some(&next) = starts.get(k + 1) {
            span.end = span.end.min(next);
        }
        span.end = span.end.max(span.body_from);
    }
    // A title printed twice (a running page header above the title itself)
    // opens an empty span: the mandate is the one whose text follows.
    let mut k = 0;
    while k + 1 < spans.len() {
        let empty = all[spans[k].body_from..spans[k].end]
            .iter()
            .all(|f| f.is_blank());
        if empty && spans[k].body.is_some() && spans[k].body == spans[k + 1].body {
            spans.remove(k);
        } else {
            k += 1;
        }
    }
    spans
}

/// A line that is only "Mandat" near the document start: the next line is
/// the title name ("for" dropped); returns it with the index after it.
fn bare_title(rules: &RuleSet, all: &[Flat<'_>], i: usize) -> Option<(String, usize)> {
    let word = all[i].text().trim().trim_end_matches(':');
    if !word.eq_ignore_ascii_case("mandat") {
        return None;
    }
    let nonblank_before = all[..i].iter().filter(|f| !f.is_blank()).count();
    if nonblank_before >= rules.mandates.bare_title_lines {
        return None;
    }
    let k = (i + 1..all.len()).find(|&k| !all[k].is_blank())?;
    let (title, next) = title_lines(all, k);
    let name = title.trim();
    let name = name
        .strip_prefix("for ")
        .or_else(|| name.strip_prefix("FOR "))
        .or_else(|| name.strip_prefix("For "))
        .unwrap_or(name);
    (!name.is_empty() && !name.ends_with('.')).then(|| (name.to_string(), next))
}

/// The extent of a mandate section at heading line `i`: where its own text
/// ends, and the sibling sections about its organisation.
fn section_ranges(
    rules: &RuleSet,
    outline: &Outline,
    all: &[Flat<'_>],
    i: usize,
) -> (usize, Vec<(usize, usize)>) {
    let index_of = |pos| all.binary_search_by(|f: &Flat<'_>| f.pos.cmp(&pos)).ok();
    let Some(h) = outline.headings.iter().position(|h| h.pos == all[i].pos) else {
        let end = all[i + 1..]
            .iter()
            .position(|f| lines::is_heading(outline, f))
            .map_or(all.len(), |k| i + 1 + k);
        return (end, Vec::new());
    };
    let level = outline.headings[h].level;
    let section_end = |from: usize| {
        outline.headings[from + 1..]
            .iter()
            .find(|x| x.level <= level)
            .and_then(|x| index_of(x.pos))
            .unwrap_or(all.len())
    };
    let end = section_end(h);
    let mut extra = Vec::new();
    for (k, sibling) in outline.headings.iter().enumerate().skip(h + 1) {
        if sibling.level < level {
            break;
        }
        if sibling.level == level && rules.mandates.organisation_heading.is_match(&sibling.text) {
            if let Some(at) = index_of(sibling.pos) {
                extra.push((at + 1, section_end(k).max(at + 1)));
            }
        }
    }
    (end, extra)
}

/// The title at line `i` with its wrapped continuation (lower-case or, for an
/// all-caps title, all-caps lines); returns it with the index after it.
fn title_lines(all: &[Flat<'_>], i: usize) -> (String, usize) {
    let head = all[i].text();
    let upper = is_upper(head);
    let mut title = head.trim_start().to_string();
    let mut next = i + 1;
    let mut k = i + 1;
    let mut blanks = 0;
    while k < all.len() {
        let f = all[k];
        k += 1;
        if f.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        let t = f.text().trim();
        let continues = if upper {
            is_upper(t)
        } else {
            t.chars().next().is_some_and(char::is_lowercase) || t.starts_with('(')
        };
        if !continues {
            break;
        }
        title = format!("{} {}", title.trim_end(), t);
        next = k;
        blanks = 0;
    }
    (title, next)
}

fn is_upper(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase())
}

/// The canonical body of a title name: the gazetteer's name for it, else
/// the printed name, normalised.
fn body_name(rules: &RuleSet, name: &str) -> String {
    let mut name = normalize_space(name);
    // A trailing short form in parentheses: "(Strategirådet)".
    if name.ends_with(')') {
        if let Some(open) = name.rfind('(') {
            let short = name[open + 1..name.len() - 1].to_string();
            let long = name[..open].trim().to_string();
            if let Some(c) = rules
                .bodies
                .canonical(&long)
                .or_else(|| rules.bodies.canonical(&short))
            {
                return c.to_string();
            }
            name = long;
        }
    }
    let lower = name.to_lowercase();
    for prefix in &rules.mandates.name_prefixes {
        let p = prefix.to_lowercase();
        if lower.starts_with(&p) && lower[p.len()..].starts_with(' ') {
            name = name[p.len()..].trim().to_string();
            break;
        }
    }
    resolve(rules, &name).unwrap_or_else(|| printed(&name))
}

/// The gazetteer body that `name` names as a whole, if any.
fn resolve(rules: &RuleSet, name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches(['.', ',', ':']);
    if let Some(c) = rules.bodies.canonical(name) {
        return Some(c.to_string());
    }
    let found = rules.bodies.find(name, &Default::default());
    let m = found.first()?;
    let covered = m.span.len() * 10 >= name.len() * 8 && name[..m.span.start].trim().len() <= 3;
    covered.then(|| m.canonical.to_string())
}

/// A printed name with its first letter capitalised; all-caps names lowered.
fn printed(name: &str) -> String {
    let name = if is_upper(name) {
        name.to_lowercase()
    } else {
        name.to_string()
    };
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => name,
    }
}

/// The body an `establish` sentence creates ("Det etableres et prosjekt for ...").
fn established_body(rules: &RuleSet, text: &FoldedText<'_>) -> Option<String> {
    rules.mandates.establish.iter().find_map(|re| {
        let name = re.captures(text)?.name("name")?.as_str().trim();
        Some(resolve(rules, name).unwrap_or_else(|| printed(name)))
    })
}

#[cfg(test)]
mod tests;
