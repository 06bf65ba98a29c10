//! Plain text and Markdown input: one page, one line per line of the file.

use oppdrag_model::{Cell, Document, Line, Page, SourceKind};

use crate::clean::normalize;
use crate::Error;

/// Decodes a text file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else
/// Windows-1252. Binary data (NUL bytes) is refused.
pub fn decode(data: &[u8]) -> Result<String, Error> {
    if let Some(rest) = data.strip_prefix(b"\xef\xbb\xbf") {
        return Ok(String::from_utf8_lossy(rest).into_owned());
    }
    if data.starts_with(b"\xff\xfe") || data.starts_with(b"\xfe\xff") {
        let (text, _, _) = encoding_rs::UTF_16LE.decode(data);
        return Ok(text.into_owned());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if !text.contains('\0') {
            return Ok(text.to_string());
        }
    }
    let nuls = data.iter().take(8192).filter(|&&b| b == 0).count();
    if nuls > 0 {
        return Err(Error::Encoding("binary data, not text".into()));
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(data);
    Ok(text.into_owned())
}

/// Builds the one-page document of a text or Markdown file.
pub fn document(name: &str, text: &str, markdown: bool) -> Document {
    let lines = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if markdown {
                markdown_line(raw, number)
            } else {
                Line::plain(normalize(raw).trim_end(), number)
            }
        })
        .collect::<Vec<_>>();
    // A final newline does not start another line.
    let mut lines = lines;
    if text.ends_with('\n') {
        lines.pop();
    }
    Document {
        name: name.to_string(),
        source: if markdown {
            SourceKind::Markdown
        } else {
            SourceKind::Text
        },
        pages: vec![Page {
            number: 1,
            lines,
            ..Page::default()
        }],
        unreadable_pages: Vec::new(),
    }
}

/// One Markdown line: table rows become cells, heading marks and emphasis
/// are dropped (headings are marked bold).
fn markdown_line(raw: &str, number: u32) -> Line {
    let trimmed = raw.trim();
    if trimmed.starts_with('|') {
        let inner = trimmed.trim_start_matches('|');
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let parts: Vec<String> = split_row(inner)
            .into_iter()
            .map(|p| strip_emphasis(&normalize(p.trim())))
            .collect();
        let separator = parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| matches!(c, '-' | ':' | ' ')));
        if separator {
            return Line::plain("", number);
        }
        let cells: Vec<Cell> = parts
            .into_iter()
            .filter(|p| !p.is_empty())
            .map(|text| Cell {
                text,
                ..Cell::default()
            })
            .collect();
        let text = cells
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("  ");
        return Line {
            text,
            cells,
            source_line: number,
            ..Line::default()
        };
    }
    let hashes = trimmed.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
        let mut line = Line::plain(strip_emphasis(&normalize(trimmed[hashes..].trim())), number);
        line.bold = true;
        return line;
    }
    Line::plain(strip_emphasis(&normalize(raw)).trim_end(), number)
}

/// Splits a table row at `|` not escaped as `\|`.
fn split_row(inner: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push('|');
                }
            }
            '|' => parts.push(String::new()),
            c => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
        }
    }
    parts
}

fn strip_emphasis(text: &str) -> String {
    text.replace("**", "").replace("__", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_detected() {
        assert_eq!(
            decode(b"Bl\xe5 b\xe6r \x96 s\xf8t").unwrap(),
            "Blå bær – søt"
        );
        assert_eq!(decode("Blå".as_bytes()).unwrap(), "Blå");
        assert!(matches!(
            decode(b"\x00\x01\x02\xff"),
            Err(Error::Encoding(_))
        ));
    }

    #[test]
    fn text_lines_keep_their_numbers() {
        let doc = document("a.txt", "Første\r\n\nTredje linje\n", false);
        let lines = &doc.pages[0].lines;
        assert_eq!(lines.len(), 3);
        assert_eq!(
            (lines[2].text.as_str(), lines[2].source_line),
            ("Tredje linje", 3)
        );
        assert_eq!(doc.page_count(), None);
    }

    #[test]
    fn markdown_tables_become_cells() {
        let doc = document(
            "a.md",
            "## Budsjett\n\n| Kap. | Post | Betegnelse |\n|---|---:|---|\n| 701 | 21 | **Spesielle** driftsutgifter |\n",
            true,
        );
        let lines = &doc.pages[0].lines;
        assert_eq!(lines[0].text, "Budsjett");
        assert!(lines[0].bold);
        assert_eq!(lines[3].text, "");
        let cells: Vec<&str> = lines[4].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(cells, ["701", "21", "Spesielle driftsutgifter"]);
        assert_eq!(lines[4].source_line, 5);
    }
}
