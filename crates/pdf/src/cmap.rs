//! CMaps: `ToUnicode` maps (bfchar, bfrange) and encoding maps (codespace
//! ranges, cidchar, cidrange) of composite fonts.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::lexer::{Lexer, Operand};

/// Largest number of codes one range may expand to when read.
const MAX_RANGE: u32 = 0x1_0000;

/// Most codes of bfranges written out as single codes when a CMap is read,
/// so that a lookup is a binary search that borrows its text.
const MAX_EXPANDED: u32 = 4_096;

#[derive(Clone, Debug)]
enum Target {
    /// UTF-16 units; the last one grows with the code.
    Base(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
}

/// A parsed CMap.
#[derive(Clone, Debug, Default)]
pub struct CMap {
    /// Codespace ranges: (byte length, low, high).
    spaces: Vec<(usize, u32, u32)>,
    /// bfchar mappings sorted by code (the last of a code's mappings).
    singles: Vec<(u32, String)>,
    /// bfranges sorted by low code: (low, high, target).
    ranges: Vec<(u32, u32, Target)>,
    cid_singles: HashMap<u32, u32>,
    cid_ranges: Vec<(u32, u32, u32)>,
}

/// Reads a code of `len` bytes (1 to 4, at most what is left) at the start
/// of `bytes`: (code, byte length, at least 1).
pub fn fixed_code(bytes: &[u8], len: usize) -> (u32, usize) {
    let len = len.clamp(1, 4).min(bytes.len()).max(1);
    (code_of(&bytes[..len.min(bytes.len())]), len)
}

/// The text of the code `offset` places into a bfrange.
fn range_text(target: &Target, offset: u32) -> Option<String> {
    match target {
        Target::Base(units) => {
            let mut units = units.clone();
            if let Some(last) = units.last_mut() {
                *last = last.wrapping_add(offset as u16);
            }
            Some(String::from_utf16_lossy(&units))
        }
        Target::List(items) => items.get(offset as usize).cloned(),
    }
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(c.get(1).copied().unwrap_or(0)))
        .collect()
}

fn text_of(op: &Operand) -> Option<String> {
    match op {
        Operand::Name(n) => crate::encoding::glyph_text(n),
        other => other.string().map(|s| String::from_utf16_lossy(&utf16(&s))),
    }
}

impl CMap {
    /// Parses a CMap stream's decoded bytes; unreadable parts are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut singles = HashMap::new();
        let mut lexer = Lexer::new(data);
        let mut ops = Vec::new();
        while let Some(op) = lexer.next_op(&mut ops) {
            match op {
                b"endcodespacerange" => {
                    for pair in ops.chunks(2) {
                        if let [lo, hi] = pair {
                            let (Some(lo), Some(hi)) = (lo.string(), hi.string()) else {
                                continue;
                            };
                            if !lo.is_empty() && lo.len() <= 4 {
                                cmap.spaces.push((lo.len(), code_of(&lo), code_of(&hi)));
                            }
                        }
                    }
                }
                b"endbfchar" => {
                    for pair in ops.chunks(2) {
                        if let [src, dst] = pair {
                            let Some(src) = src.string() else { continue };
                            if let Some(text) = text_of(dst) {
                                singles.insert(code_of(&src), text);
                            }
                        }
                    }
                }
                b"endbfrange" => {
                    for triple in ops.chunks(3) {
                        let [lo, hi, dst] = triple else {
                            continue;
                        };
                        let (Some(lo), Some(hi)) = (lo.string(), hi.string()) else {
                            continue;
                        };
                        let (lo, hi) = (code_of(&lo), code_of(&hi));
                        if hi < lo || hi - lo > MAX_RANGE {
                            continue;
                        }
                        let target = match dst {
                            Operand::Str(_) | Operand::Hex(_) => {
                                Target::Base(utf16(&dst.string().unwrap_or_default()))
                            }
                            Operand::Array(items) => Target::List(
                                items
                                    .iter()
                                    .map(|i| text_of(i).unwrap_or_default())
                                    .collect(),
                            ),
                            _ => continue,
                        };
                        cmap.ranges.push((lo, hi, target));
                    }
                }
                b"endcidchar" => {
                    for pair in ops.chunks(2) {
                        if let [src, Operand::Num(cid)] = pair {
                            let Some(src) = src.string() else { continue };
                            cmap.cid_singles.insert(code_of(&src), cid.max(0.0) as u32);
                        }
                    }
                }
                b"endcidrange" => {
                    for triple in ops.chunks(3) {
                        if let [lo, hi, Operand::Num(cid)] = triple {
                            let (Some(lo), Some(hi)) = (lo.string(), hi.string()) else {
                                continue;
                            };
                            cmap.cid_ranges
                                .push((code_of(&lo), code_of(&hi), cid.max(0.0) as u32));
                        }
                    }
                }
                _ => {}
            }
        }
        cmap.ranges.sort_by_key(|r| r.0);
        cmap.expand_ranges(&mut singles);
        cmap.singles = singles.into_iter().collect();
        cmap.singles.sort_unstable_by_key(|&(code, _)| code);
        cmap
    }

    /// Writes the bfranges out as single codes (bfchar codes keep their own
    /// text) when they do not overlap and hold at most [`MAX_EXPANDED`] codes:
    /// lookups then find the same text without building it each time.
    fn expand_ranges(&mut self, singles: &mut HashMap<u32, String>) {
        let disjoint = self.ranges.windows(2).all(|w| w[0].1 < w[1].0);
        let codes: u64 = self.ranges.iter().map(|r| u64::from(r.1 - r.0) + 1).sum();
        if !disjoint || codes > u64::from(MAX_EXPANDED) {
            return;
        }
        for (lo, hi, target) in std::mem::take(&mut self.ranges) {
            for code in lo..=hi {
                if let Some(text) = range_text(&target, code - lo) {
                    singles.entry(code).or_insert(text);
                }
            }
        }
    }

    /// Whether the CMap maps any code to text.
    pub fn is_empty(&self) -> bool {
        self.singles.is_empty() && self.ranges.is_empty()
    }

    /// Whether codespace ranges were given.
    pub fn has_codespace(&self) -> bool {
        !self.spaces.is_empty()
    }

    /// Reads the next code at the start of `bytes`: (code, byte length).
    /// Without codespace ranges codes are `default_len` bytes long.
    pub fn next_code(&self, bytes: &[u8], default_len: usize) -> (u32, usize) {
        if !self.spaces.is_empty() {
            for len in 1..=4usize.min(bytes.len()) {
                let code = code_of(&bytes[..len]);
                if self
                    .spaces
                    .iter()
                    .any(|&(l, lo, hi)| l == len && (lo..=hi).contains(&code))
                {
                    return (code, len);
                }
            }
            return fixed_code(bytes, self.spaces[0].0);
        }
        fixed_code(bytes, default_len)
    }

    /// The text of a code, if the CMap maps it.
    pub fn lookup(&self, code: u32) -> Option<Cow<'_, str>> {
        if let Ok(i) = self.singles.binary_search_by_key(&code, |&(c, _)| c) {
            return Some(Cow::Borrowed(&self.singles[i].1));
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        // Ranges may overlap: look back over the few that start at or below.
        for (lo, hi, target) in self.ranges[..i].iter().rev().take(8) {
            if code < *lo || code > *hi {
                continue;
            }
            return match target {
                Target::List(items) => items
                    .get((code - lo) as usize)
                    .map(|t| Cow::Borrowed(t.as_str())),
                Target::Base(_) => range_text(target, code - lo).map(Cow::Owned),
            };
        }
        None
    }

    /// The CID of a code in an encoding CMap, if mapped.
    pub fn cid(&self, code: u32) -> Option<u32> {
        if let Some(c) = self.cid_singles.get(&code) {
            return Some(*c);
        }
        self.cid_ranges
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&code))
            .map(|(lo, _, base)| base.wrapping_add(code - lo))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0003> <0020> <0011> <00E5> <00A0> <00660069> endbfchar
2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<00F8> <00E6>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

    #[test]
    fn reads_bfchar_and_bfrange() {
        let cmap = CMap::parse(SAMPLE);
        assert_eq!(cmap.lookup(0x11).as_deref(), Some("å"));
        assert_eq!(cmap.lookup(0xa0).as_deref(), Some("fi"));
        assert_eq!(cmap.lookup(0x25).as_deref(), Some("B"));
        assert_eq!(cmap.lookup(0x31).as_deref(), Some("æ"));
        assert_eq!(cmap.lookup(0x27), None);
        assert_eq!(cmap.next_code(&[0, 0x11, 0], 1), (0x11, 2));
    }

    #[test]
    fn bfchar_wins_over_a_range_and_overlapping_ranges_stay_ranges() {
        let expanded = CMap::parse(
            b"1 beginbfchar <0025> <0078> endbfchar 1 beginbfrange <0024> <0026> <0041> endbfrange",
        );
        assert!(
            expanded.ranges.is_empty(),
            "disjoint ranges are written out"
        );
        assert_eq!(expanded.lookup(0x25).as_deref(), Some("x"));
        assert_eq!(expanded.lookup(0x26).as_deref(), Some("C"));
        let overlapping =
            CMap::parse(b"2 beginbfrange <0020> <0030> <0061> <0024> <0026> <0041> endbfrange");
        assert_eq!(overlapping.ranges.len(), 2);
        assert_eq!(overlapping.lookup(0x25).as_deref(), Some("B"));
        assert_eq!(overlapping.lookup(0x21).as_deref(), Some("b"));
    }

    #[test]
    fn ranges_covering_every_code_are_not_written_out() {
        // 65 536 disjoint ranges of 65 536 codes: 2^32 codes in all, which
        // a 32-bit count would wrap to 0.
        let mut data = String::new();
        for block in 0..4u32 {
            data.push_str("16384 beginbfrange\n");
            for high in block * 16384..(block + 1) * 16384 {
                data.push_str(&format!("<{high:04x}0000> <{high:04x}ffff> <0041>\n"));
            }
            data.push_str("endbfrange\n");
        }
        let cmap = CMap::parse(data.as_bytes());
        assert_eq!(cmap.ranges.len(), 65_536);
        assert!(cmap.singles.is_empty());
        assert_eq!(cmap.lookup(0x0001_0002).as_deref(), Some("C"));
    }

    #[test]
    fn survives_broken_cmaps() {
        let cmap = CMap::parse(
            b"1 beginbfrange <FFFF> <0000> <0041> endbfrange <00> <FFFFFFFF> <00> endbfrange",
        );
        assert!(cmap.lookup(5).is_none());
        assert_eq!(cmap.next_code(&[], 2), (0, 1));
    }
}
