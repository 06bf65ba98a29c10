//! Layout: glyphs grouped into lines by baseline, words by gaps, cells by
//! wide gaps.

use oppdrag_model::{Cell, Line};

use crate::interp::{Char, PageChars};

/// A gap wider than this many font sizes separates words (as in pdftotext).
const WORD_GAP: f32 = 0.1;
/// A gap wider than this many font sizes separates cells.
const CELL_GAP: f32 = 1.2;
/// Baselines closer than this many font sizes are one line.
const BASELINE_TOLERANCE: f32 = 0.4;

/// Groups a page's glyphs into lines, top to bottom; lines of rotated text
/// follow the horizontal ones.
pub fn lines(page: &PageChars) -> Vec<Line> {
    let mut out = Vec::new();
    let mut per_dir = [0usize; 4];
    for c in &page.chars {
        if let Some(n) = per_dir.get_mut(usize::from(c.dir)) {
            *n += 1;
        }
    }
    for dir in 0..4u8 {
        let count = per_dir[usize::from(dir)];
        if count == 0 {
            continue;
        }
        let mut chars: Vec<&Char> = if count == page.chars.len() {
            page.chars.iter().collect()
        } else {
            let mut chars = Vec::with_capacity(count);
            chars.extend(page.chars.iter().filter(|c| c.dir == dir));
            chars
        };
        chars.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        let mut clusters: Vec<Vec<&Char>> = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let anchor = chars[start];
            let mut max_size = anchor.size;
            let mut end = start + 1;
            while end < chars.len() {
                let c = chars[end];
                let tol = BASELINE_TOLERANCE * max_size.max(c.size);
                if c.y - anchor.y > tol {
                    break;
                }
                max_size = max_size.max(c.size);
                end += 1;
            }
            clusters.push(chars[start..end].to_vec());
            start = end;
        }
        for mut group in merge_scripts(clusters) {
            group.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            if let Some(line) = build_line(page, &group, dir) {
                out.push(line);
            }
        }
    }
    out
}

/// The largest glyph size and the baseline of a cluster's largest glyphs.
fn body(cluster: &[&Char]) -> (f32, f32) {
    let size = cluster.iter().map(|c| c.size).fold(0.0, f32::max);
    let y = cluster
        .iter()
        .find(|c| c.size >= size * 0.99)
        .map_or(0.0, |c| c.y);
    (size, y)
}

/// Merges superscripts and subscripts (clusters of smaller glyphs just above
/// or below a line, such as footnote marks) into their line.
fn merge_scripts(clusters: Vec<Vec<&Char>>) -> Vec<Vec<&Char>> {
    let mut out: Vec<Vec<&Char>> = Vec::with_capacity(clusters.len());
    let mut pending: Option<Vec<&Char>> = None;
    for cluster in clusters {
        let (size, y) = body(&cluster);
        if let Some(sup) = pending.take() {
            let (s_size, s_y) = body(&sup);
            if s_size < 0.85 * size && y - s_y > 0.0 && y - s_y < 0.6 * size {
                let mut merged = cluster;
                merged.extend(sup);
                out.push(merged);
                continue;
            }
            out.push(sup);
        }
        // A small cluster just below the previous line is a subscript.
        if let Some(prev) = out.last_mut() {
            let (p_size, p_y) = body(prev);
            if size < 0.85 * p_size && y - p_y > 0.0 && y - p_y < 0.4 * p_size {
                prev.extend(cluster);
                continue;
            }
        }
        pending = Some(cluster);
    }
    out.extend(pending);
    out
}

fn build_line(page: &PageChars, chars: &[&Char], dir: u8) -> Option<Line> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut cell = String::new();
    let mut cell_x0 = 0.0f32;
    let mut prev: Option<&Char> = None;
    let mut right = f32::MIN;
    let mut pending_space = false;
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    // The last glyph size seen and its index in `sizes` (a line's glyphs
    // mostly share one size).
    let mut last_size: Option<(f32, usize)> = None;
    let mut bold = 0usize;
    let mut count = 0usize;
    for &c in chars {
        if c.space {
            pending_space = prev.is_some();
            continue;
        }
        let text = page.text_of(c);
        if let Some(p) = prev {
            // A glyph drawn twice over itself (fake bold) counts once.
            if c.x0 - p.x0 < 0.2 * c.size
                && page.text_of(p) == text
                && (c.y - p.y).abs() < 0.2 * c.size
            {
                continue;
            }
        }
        match prev {
            None => cell_x0 = c.x0,
            Some(p) => {
                let size = p.size.max(c.size);
                let gap = c.x0 - right;
                if gap > CELL_GAP * size {
                    cells.push(Cell {
                        x0: cell_x0,
                        x1: right,
                        text: std::mem::take(&mut cell),
                    });
                    cell_x0 = c.x0;
                } else if pending_space
                    || gap > WORD_GAP * size
                    || (p.size < 0.85 * c.size && p.y < c.y - 0.1 * c.size)
                {
                    // A footnote mark before a word stands apart, as in pdftotext.
                    cell.push(' ');
                }
            }
        }
        pending_space = false;
        cell.push_str(text);
        right = if prev.is_none() {
            c.x1
        } else {
            right.max(c.x1)
        };
        prev = Some(c);
        count += 1;
        if c.bold {
            bold += 1;
        }
        let slot = match last_size {
            Some((size, slot)) if size == c.size => slot,
            _ => {
                let rounded = (c.size * 10.0).round() / 10.0;
                let slot = match sizes.iter().position(|(s, _)| *s == rounded) {
                    Some(slot) => slot,
                    None => {
                        sizes.push((rounded, 0));
                        sizes.len() - 1
                    }
                };
                last_size = Some((c.size, slot));
                slot
            }
        };
        sizes[slot].1 += 1;
    }
    prev?;
    cells.push(Cell {
        x0: cell_x0,
        x1: right,
        text: cell,
    });
    cells.retain(|c| !c.text.trim().is_empty());
    if cells.is_empty() {
        return None;
    }
    for c in &mut cells {
        let trimmed = c.text.trim();
        if trimmed.len() != c.text.len() {
            c.text = trimmed.to_string();
        }
    }
    let text = cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("  ");
    let size = sizes
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(0.0, |(s, _)| *s);
    let first = chars.iter().find(|c| !c.space)?;
    Some(Line {
        text,
        x: if dir == 0 { cells[0].x0 } else { 0.0 },
        y: first.y,
        size,
        bold: bold * 2 > count,
        cells,
        source_line: 0,
    })
}
