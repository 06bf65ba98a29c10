//! Page layout: flows blocks of text (headings, paragraphs, list items,
//! tables) onto A4 pages, wrapping with the Helvetica glyph widths and
//! splitting table rows across pages.

use crate::metrics::text_width;

/// A4 width in points.
pub const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub const PAGE_HEIGHT: f32 = 841.89;

/// One unit of content to lay out.
#[derive(Clone, Debug)]
pub enum Block {
    /// A bold heading, kept with the next lines.
    Heading {
        /// The heading text.
        text: String,
        /// Font size in points.
        size: f32,
    },
    /// A wrapped paragraph.
    Para {
        /// The paragraph text.
        text: String,
        /// Whether it is set bold.
        bold: bool,
    },
    /// A list item with a hanging label (`a)`, `•`, `-`).
    Item {
        /// The label printed in the margin of the item.
        label: String,
        /// The item text.
        text: String,
    },
    /// Vertical space in multiples of the leading.
    Gap(f32),
    /// Marks where record `id` starts; its page is reported back.
    Anchor(usize),
    /// A table whose cells wrap within their columns.
    Table(Table),
    /// Starts a new page.
    PageBreak,
}

/// A table: columns, an optional header row and body rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// Column widths as fractions of the text width, left to right.
    pub columns: Vec<f32>,
    /// Columns whose text is right-aligned (amounts).
    pub right: Vec<bool>,
    /// Header cells, set bold, repeated after a page break when `repeat_header`.
    pub header: Option<Vec<String>>,
    /// Whether the header is printed again at the top of each continued page.
    pub repeat_header: bool,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A table row: one text per column, and the record it starts, if any.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// Cell texts, one per column (missing cells are empty).
    pub cells: Vec<String>,
    /// The record anchor whose page is the row's first page.
    pub anchor: Option<usize>,
}

/// A run of text at one position in one font.
#[derive(Clone, Debug, PartialEq)]
pub struct Span {
    /// Left edge in points.
    pub x: f32,
    /// Baseline in points from the page's bottom edge.
    pub y: f32,
    /// Font size in points.
    pub size: f32,
    /// Helvetica-Bold rather than Helvetica.
    pub bold: bool,
    /// The text.
    pub text: String,
}

/// The geometry and type sizes one document is set in.
#[derive(Clone, Debug)]
pub struct Style {
    /// Body font size.
    pub size: f32,
    /// Line distance as a multiple of the font size.
    pub leading: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
    /// Top margin (to the first baseline).
    pub top: f32,
    /// Bottom margin (below the last baseline).
    pub bottom: f32,
    /// Indent of list item text from the left margin.
    pub hang: f32,
}

impl Style {
    /// Width available for text.
    pub fn text_width(&self) -> f32 {
        PAGE_WIDTH - self.left - self.right
    }
}

/// Laid-out pages and the page of each anchor.
#[derive(Debug, Default)]
pub struct Laid {
    /// Spans of each page, in drawing order.
    pub pages: Vec<Vec<Span>>,
    /// 1-based page of each anchor id (0 for ids never placed).
    pub anchors: Vec<u32>,
}

/// Wraps `text` into lines no wider than `width` at `size`.
///
/// Breaks at spaces; a word wider than the line is cut where it overflows.
pub fn wrap(text: &str, width: f32, bold: bool, size: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let space = text_width(" ", bold, size);
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = text_width(word, bold, size);
        if !line.is_empty() && used + space + w <= width {
            line.push(' ');
            line.push_str(word);
            used += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push_str(word);
            used = w;
            continue;
        }
        // A word longer than the line: hyphenate it where it overflows,
        // as word processors do in narrow table columns.
        used = 0.0;
        let hyphen = text_width("-", bold, size);
        let chars: Vec<char> = word.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let cw = text_width(c.encode_utf8(&mut [0; 4]), bold, size);
            let last = i + 1 == chars.len();
            let reserve = if last { 0.0 } else { hyphen };
            if used + cw + reserve > width && line.chars().count() >= 2 {
                if !line.ends_with('-') {
                    line.push('-');
                }
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

struct Flow<'a> {
    style: &'a Style,
    pages: Vec<Vec<Span>>,
    y: f32,
}

impl Flow<'_> {
    fn lead(&self, size: f32) -> f32 {
        size * self.style.leading
    }

    fn page(&self) -> u32 {
        self.pages.len() as u32
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_HEIGHT - self.style.top;
    }

    /// Room for `lines` more lines of `size` on this page.
    fn fits(&self, lines: usize, size: f32) -> bool {
        self.y - self.lead(size) * (lines.saturating_sub(1)) as f32 >= self.style.bottom
    }

    fn ensure(&mut self, lines: usize, size: f32) {
        if !self.fits(lines, size) {
            self.new_page();
        }
    }

    fn put(&mut self, x: f32, size: f32, bold: bool, text: String) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Span {
                x,
                y: self.y,
                size,
                bold,
                text,
            });
        }
    }

    fn advance(&mut self, size: f32) {
        self.y -= self.lead(size);
    }

    fn lines(&mut self, x: f32, size: f32, bold: bool, lines: Vec<String>) {
        for line in lines {
            self.ensure(1, size);
            self.put(x, size, bold, line);
            self.advance(size);
        }
    }

    fn table(&mut self, table: &Table, anchors: &mut [u32]) {
        let size = self.style.size - 1.0;
        let total = self.style.text_width();
        let mut xs = Vec::with_capacity(table.columns.len());
        let mut x = self.style.left;
        for frac in &table.columns {
            xs.push((x, frac * total));
            x += frac * total;
        }
        let cells_of = |cells: &[String], bold: bool| -> Vec<Vec<String>> {
            xs.iter()
                .enumerate()
                .map(|(i, &(_, w))| {
                    let text = cells.get(i).map_or("", String::as_str);
                    // A newline in a cell starts a new paragraph in it.
                    text.split('\n')
                        .flat_map(|p| wrap(p, w - 12.0, bold, size))
                        .collect()
                })
                .collect()
        };
        let header = table.header.as_ref().map(|h| cells_of(h, true));
        if let Some(h) = &header {
            let n = h.iter().map(Vec::len).max().unwrap_or(1);
            self.ensure(n + 2, size);
            self.row_lines(&xs, &table.right, h, 0, n, size, true);
        }
        for row in &table.rows {
            let cells = cells_of(&row.cells, false);
            let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let mut done = 0;
            let mut first = true;
            while done < n {
                let mut room = 0;
                while room < n - done && self.fits(room + 1, size) {
                    room += 1;
                }
                // Do not leave a lonely first line of a short row at the foot of a page.
                if room == 0 || (first && room < n && (room < 2 || n <= 3)) {
                    self.new_page();
                    if let (Some(h), true) = (&header, table.repeat_header) {
                        let hn = h.iter().map(Vec::len).max().unwrap_or(1);
                        self.row_lines(&xs, &table.right, h, 0, hn, size, true);
                    }
                    continue;
                }
                if first {
                    if let Some(id) = row.anchor {
                        if let Some(slot) = anchors.get_mut(id) {
                            *slot = self.page();
                        }
                    }
                    first = false;
                }
                self.row_lines(&xs, &table.right, &cells, done, done + room, size, false);
                done += room;
            }
            self.y -= size * 0.4;
        }
        self.y -= self.lead(size) * 0.5;
    }

    #[allow(clippy::too_many_arguments)]
    fn row_lines(
        &mut self,
        xs: &[(f32, f32)],
        right: &[bool],
        cells: &[Vec<String>],
        from: usize,
        to: usize,
        size: f32,
        bold: bool,
    ) {
        for i in from..to {
            for (c, lines) in cells.iter().enumerate() {
                let (Some(text), Some(&(x, w))) = (lines.get(i), xs.get(c)) else {
                    continue;
                };
                let x = if right.get(c).copied().unwrap_or(false) {
                    x + w - 12.0 - text_width(text, bold, size)
                } else {
                    x
                };
                self.put(x, size, bold, text.clone());
            }
            self.advance(size);
        }
    }
}

/// Lays `blocks` out on pages in `style`; `anchor_count` is one more than
/// the highest anchor id used.
pub fn layout(blocks: &[Block], style: &Style, anchor_count: usize) -> Laid {
    let mut anchors = vec![0; anchor_count];
    let mut flow = Flow {
        style,
        pages: Vec::new(),
        y: 0.0,
    };
    flow.new_page();
    let width = style.text_width();
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Heading { text, size } => {
                let lines = wrap(text, width, true, *size);
                // Keep the heading with at least two following lines; an
                // anchor just before the heading follows it to the new page.
                flow.ensure(lines.len() + 2, *size);
                if i > 0 {
                    if let Some(Block::Anchor(id)) = blocks.get(i - 1) {
                        if let Some(slot) = anchors.get_mut(*id) {
                            *slot = flow.page();
                        }
                    }
                }
                flow.y -= size * 0.3;
                flow.lines(style.left, *size, true, lines);
            }
            Block::Para { text, bold } => {
                let lines = wrap(text, width, *bold, style.size);
                flow.lines(style.left, style.size, *bold, lines);
            }
            Block::Item { label, text } => {
                let lines = wrap(text, width - style.hang, false, style.size);
                flow.ensure(1, style.size);
                flow.put(style.left + 4.0, style.size, false, label.clone());
                flow.lines(style.left + style.hang, style.size, false, lines);
            }
            Block::Gap(n) => flow.y -= flow.lead(style.size) * n,
            Block::Anchor(id) => {
                flow.ensure(3, style.size);
                if let Some(slot) = anchors.get_mut(*id) {
                    *slot = flow.page();
                }
            }
            Block::Table(table) => flow.table(table, &mut anchors),
            Block::PageBreak => {
                if flow.pages.last().is_some_and(|p| !p.is_empty()) {
                    flow.new_page();
                }
            }
        }
    }
    if flow.pages.len() > 1 && flow.pages.last().is_some_and(Vec::is_empty) {
        flow.pages.pop();
    }
    Laid {
        pages: flow.pages,
        anchors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style() -> Style {
        Style {
            size: 10.0,
            leading: 1.3,
            left: 70.0,
            right: 60.0,
            top: 90.0,
            bottom: 70.0,
            hang: 22.0,
        }
    }

    #[test]
    fn wrap_respects_width_and_keeps_words() {
        let text = "Helsedirektoratet skal i samarbeid med Folkehelseinstituttet utrede tiltak";
        let lines = wrap(text, 150.0, false, 10.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(text_width(l, false, 10.0) <= 150.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
        let cut = wrap("beredskapskommunikasjon", 60.0, false, 10.0);
        assert!(cut.len() > 1 && cut[0].ends_with('-'), "{cut:?}");
        assert_eq!(cut.concat().replace('-', ""), "beredskapskommunikasjon");
    }

    #[test]
    fn long_table_rows_split_across_pages_and_anchor_first_page() {
        let long = "ord ".repeat(1500);
        let table = Table {
            columns: vec![0.2, 0.8],
            right: vec![false, false],
            header: Some(vec!["Kode".into(), "Tekst".into()]),
            repeat_header: true,
            rows: vec![Row {
                cells: vec!["TB2025-01".into(), long],
                anchor: Some(0),
            }],
        };
        let laid = layout(&[Block::Table(table)], &style(), 1);
        assert!(laid.pages.len() >= 2);
        assert_eq!(laid.anchors, vec![1]);
        // The header is repeated on the continued page.
        assert!(laid.pages[1].iter().any(|s| s.text == "Kode" && s.bold));
        for page in &laid.pages {
            for span in page {
                assert!(span.y >= 70.0 - 0.01, "{span:?}");
            }
        }
    }
}
