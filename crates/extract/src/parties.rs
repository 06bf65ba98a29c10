//! Who does the work: responsible bodies and partners of one assignment.
//!
//! * `responsible` starts with the recipient; a body joined to it by "og" and
//!   followed by a responsibility word ("bes Helsedirektoratet og NAV om",
//!   "direktoratet og X utarbeider") is co-responsible.
//! * `partners` are the bodies named in a unit with a partner cue ("i
//!   samarbeid med", "sammen med", "bistå", "involvere"), except the
//!   recipient, groups (`never_kinds`), units that give bodies their own
//!   assignments ("egne oppdrag"), and ministries (`direct_only_kinds`)
//!   unless they stand right after the cue ("bistå departementet").

use oppdrag_rules::{BodyContext, BodyMatch, ContextKinds, FoldedText, RuleSet};

use crate::text::BlockText;

/// The bodies of one assignment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parties {
    /// Canonical names of the bodies that must do the work.
    pub responsible: Vec<String>,
    /// Canonical names of collaborating or involved bodies.
    pub partners: Vec<String>,
}

/// Finds the responsible bodies and partners in a block's text.
pub fn find(text: &BlockText, rules: &RuleSet, ctx: &BodyContext<'_>) -> Parties {
    let kinds = rules.bodies.context_kinds(ctx);
    find_in(text, &FoldedText::new(&text.text), rules, ctx, &kinds)
}

/// [`find`] given the block's text folded as well (`folded.text ==
/// text.text`), for callers that fold once, and the kinds of `ctx`'s bodies
/// (`rules.bodies.context_kinds(ctx)`), for callers that look them up once.
pub fn find_in<'r>(
    text: &BlockText,
    folded: &FoldedText<'_>,
    rules: &'r RuleSet,
    ctx: &BodyContext<'r>,
    kinds: &ContextKinds<'r>,
) -> Parties {
    let cues = &rules.bodies.cues;
    let mut p = Parties::default();
    if let Some(r) = ctx.recipient {
        p.responsible.push(r.to_string());
    }
    // Bodies and cues are found once over the whole text, then taken unit by
    // unit with unit-relative spans.
    let all_bodies = rules.bodies.find_known(&text.text, ctx, kinds);
    let all_cues = rules.bodies.partner_cues_in(&text.text, folded.folded());
    // A unit's bodies and cues, in buffers reused from unit to unit.
    let mut found: Vec<&BodyMatch<'_>> = Vec::new();
    let mut cue_spans: Vec<(usize, usize, bool)> = Vec::new();
    for unit in &text.units {
        // Both lists are in text order: the unit's candidates are one run.
        let from = all_bodies.partition_point(|b| b.span.start < unit.start);
        let to = all_bodies.partition_point(|b| b.span.start <= unit.end);
        found.clear();
        found.extend(
            all_bodies[from..to]
                .iter()
                .filter(|b| b.span.end <= unit.end),
        );
        if found.is_empty() {
            continue;
        }
        // Spans stay absolute; `s` is the whole text, read up to the unit's end.
        let s = &text.text[..unit.end];
        let usable = |b: &BodyMatch<'_>| !cues.never_kinds.iter().any(|k| k == b.kind);
        // Co-responsible: "<recipient> og <body> [, ... ,] <responsible word>".
        for pair in found.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if Some(a.canonical.as_ref()) != ctx.recipient
                || !usable(b)
                || b.canonical == a.canonical
            {
                continue;
            }
            let between = s[a.span.end..b.span.start].trim();
            if between != "og" {
                continue;
            }
            let mut after = s[b.span.end..].trim_start();
            if let Some(rest) = after.strip_prefix(',') {
                after = rest.split_once(',').map_or("", |(_, r)| r).trim_start();
            }
            let word = after
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if cues.responsible.iter().any(|w| w == word) {
                push(&mut p.responsible, &b.canonical);
            }
        }
        let from = all_cues.partition_point(|(r, _)| r.start < unit.start);
        let to = all_cues.partition_point(|(r, _)| r.start <= unit.end);
        cue_spans.clear();
        cue_spans.extend(
            all_cues[from..to]
                .iter()
                .filter(|(r, _)| r.end <= unit.end)
                .map(|(r, d)| (r.start, r.end, *d)),
        );
        if cue_spans.is_empty() {
            continue;
        }
        let lower = text.text[unit.clone()].to_lowercase();
        if cues.not_partner.iter().any(|c| lower.contains(c.as_str())) {
            continue;
        }
        for &b in &found {
            if !usable(b)
                || Some(b.canonical.as_ref()) == ctx.recipient
                || p.responsible.iter().any(|r| *r == b.canonical)
            {
                continue;
            }
            let direct_only = cues.direct_only_kinds.iter().any(|k| k == b.kind);
            let in_scope = cue_spans.iter().any(|&(cs, ce, direct)| {
                if direct_only {
                    return direct && ce <= b.span.start && s[ce..b.span.start].trim().is_empty();
                }
                if ce <= b.span.start {
                    let gap = &s[ce..b.span.start];
                    gap.len() <= MAX_AFTER
                        && !gap.contains(". ")
                        && !gap.contains(';')
                        && !gap.contains(", som ")
                } else if b.span.end <= cs {
                    let gap = &s[b.span.end..cs];
                    gap.len() <= MAX_BEFORE && !gap.contains(',') && !gap.contains(". ")
                } else {
                    false
                }
            });
            if in_scope {
                push(&mut p.partners, &b.canonical);
            }
        }
    }
    p.partners.retain(|x| !p.responsible.contains(x));
    p
}

fn push(v: &mut Vec<String>, name: &str) {
    if !v.iter().any(|x| x == name) {
        v.push(name.to_string());
    }
}

/// How far after a partner cue a body may stand (bytes).
const MAX_AFTER: usize = 400;
/// How far before a partner cue a body may stand ("FHI vil bistå").
const MAX_BEFORE: usize = 60;
