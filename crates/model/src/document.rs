//! The document model: what ingestion produces and structure detection reads.

use serde::{Deserialize, Serialize};

/// Where a [`Document`] came from, which decides how much geometry it carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A PDF file: real pages, lines with coordinates and cells.
    Pdf,
    /// A plain text file: one page, no geometry.
    Text,
    /// A Markdown file: one page; table rows become cells.
    Markdown,
}

/// An ingested input file: its pages of lines in reading order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The file name without directories, as written to every record's `doc`.
    pub name: String,
    /// What kind of file this was.
    pub source: SourceKind,
    /// Pages in order. Text and Markdown inputs have exactly one page.
    pub pages: Vec<Page>,
    /// Numbers of the pages of the file that could not be read (a damaged
    /// page object); the numbers of `pages` count them, so a page keeps
    /// its number in the file.
    #[serde(default)]
    pub unreadable_pages: Vec<u32>,
}

impl Document {
    /// Creates a one-page text document: one [`Line`] per line of `text`,
    /// numbered from 1, with no geometry and no clean-up.
    pub fn from_plain_text(name: impl Into<String>, text: &str) -> Document {
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, line)| Line::plain(line, i as u32 + 1))
            .collect();
        Document {
            name: name.into(),
            source: SourceKind::Text,
            pages: vec![Page {
                number: 1,
                lines,
                ..Page::default()
            }],
            unreadable_pages: Vec::new(),
        }
    }

    /// Returns the page count for PDF input and `None` for text input, as the
    /// `pages` field of the document record wants it: the pages of the file,
    /// those that could not be read included.
    pub fn page_count(&self) -> Option<u32> {
        match self.source {
            SourceKind::Pdf => Some((self.pages.len() + self.unreadable_pages.len()) as u32),
            SourceKind::Text | SourceKind::Markdown => None,
        }
    }

    /// Returns the whole text: lines joined by `\n`, pages separated by a form
    /// feed, as `pdftotext` prints it; a page that could not be read is an
    /// empty page in its place.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let mut unreadable = self.unreadable_pages.iter().peekable();
        for page in &self.pages {
            while unreadable.next_if(|&&n| n < page.number).is_some() {
                out.push('\x0c');
            }
            for line in &page.lines {
                out.push_str(&line.text);
                out.push('\n');
            }
            out.push('\x0c');
        }
        out.extend(unreadable.map(|_| '\x0c'));
        out
    }

    /// Returns the length in bytes of [`Document::text`], without building it.
    pub fn text_len(&self) -> usize {
        let pages: usize = self
            .pages
            .iter()
            .map(|page| page.lines.iter().map(|l| l.text.len() + 1).sum::<usize>() + 1)
            .sum();
        pages + self.unreadable_pages.len()
    }
}

/// One page: body lines in reading order, with running headers and footers
/// kept apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number in the file.
    pub number: u32,
    /// Body lines, top to bottom.
    pub lines: Vec<Line>,
    /// Running header lines removed from the body (titles, dates).
    #[serde(default)]
    pub header: Vec<String>,
    /// Running footer lines removed from the body (page numbers, titles).
    #[serde(default)]
    pub footer: Vec<String>,
    /// Page width in PDF points (1/72 inch); 0 for text input.
    #[serde(default)]
    pub width: f32,
    /// Page height in PDF points; 0 for text input.
    #[serde(default)]
    pub height: f32,
}

/// One line of text, with its cells where the line is a table row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The line's text after clean-up; cells are separated by at least one
    /// space (by two or more where the gap between them is wide).
    pub text: String,
    /// The runs of text separated by wide horizontal gaps, left to right.
    /// A line that is not a table row has one cell (or none for text input).
    #[serde(default)]
    pub cells: Vec<Cell>,
    /// Left edge of the first glyph, in points from the page's left edge.
    #[serde(default)]
    pub x: f32,
    /// Baseline, in points from the page's top edge (grows downwards).
    #[serde(default)]
    pub y: f32,
    /// Dominant font size in points; 0 when unknown.
    #[serde(default)]
    pub size: f32,
    /// Whether the dominant font is bold; false when unknown.
    #[serde(default)]
    pub bold: bool,
    /// 1-based line number in the source file, for text input; 0 for PDF.
    #[serde(default)]
    pub source_line: u32,
}

impl Line {
    /// Creates a line of plain text with no geometry.
    pub fn plain(text: impl Into<String>, source_line: u32) -> Line {
        Line {
            text: text.into(),
            source_line,
            ..Line::default()
        }
    }
}

/// A run of text within a line, bounded by wide horizontal gaps.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Left edge in points from the page's left edge.
    pub x0: f32,
    /// Right edge in points from the page's left edge.
    pub x1: f32,
    /// The cell's text.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_len_is_the_length_of_the_text() {
        let mut doc = Document::from_plain_text("a.txt", "Kap. 701\nPost 21 – æøå\n");
        doc.pages.push(Page::default());
        assert_eq!(doc.text_len(), doc.text().len());
    }

    #[test]
    fn an_unreadable_page_is_an_empty_page_in_its_place() {
        let page = |number, text: &str| Page {
            number,
            lines: vec![Line::plain(text, 1)],
            ..Page::default()
        };
        let mut doc = Document::from_plain_text("a.pdf", "");
        doc.pages = vec![page(2, "to"), page(4, "fire")];
        doc.unreadable_pages = vec![1, 3, 5, 6];
        assert_eq!(doc.text(), "\x0cto\n\x0c\x0cfire\n\x0c\x0c\x0c");
        assert_eq!(doc.text_len(), doc.text().len());
    }
}
