//! A tolerant tokenizer for PDF content streams: operands and operators.
//!
//! Content streams in the wild are often slightly broken; the lexer never
//! fails, it skips what it cannot read and goes on.

use std::borrow::Cow;

/// One operand of a content-stream operator, borrowing from the stream
/// where it can (most names and literal strings need no decoding).
#[derive(Clone, Debug, PartialEq)]
pub enum Operand<'a> {
    /// A number (integers are read as floats).
    Num(f32),
    /// A name, without the slash.
    Name(Cow<'a, [u8]>),
    /// A literal string's bytes.
    Str(Cow<'a, [u8]>),
    /// A hex string's digits as written, between `<` and `>`: see
    /// [`Operand::string`] and [`Operand::string_into`] for its bytes.
    Hex(&'a [u8]),
    /// An array.
    Array(Vec<Operand<'a>>),
    /// Anything else (dictionaries, booleans, null).
    Other,
}

impl Operand<'_> {
    /// The number, or 0 when this is not a number.
    pub fn num(&self) -> f32 {
        match self {
            Operand::Num(n) if n.is_finite() => *n,
            _ => 0.0,
        }
    }

    /// The bytes of a string (literal or hex), `None` for other operands.
    pub fn string(&self) -> Option<Cow<'_, [u8]>> {
        match self {
            Operand::Str(s) => Some(Cow::Borrowed(s)),
            Operand::Hex(digits) => {
                let mut out = Vec::new();
                decode_hex(digits, &mut out);
                Some(Cow::Owned(out))
            }
            _ => None,
        }
    }

    /// Like [`Operand::string`], decoding a hex string into `scratch`
    /// (reused from call to call) instead of a new buffer.
    pub fn string_into<'s>(&'s self, scratch: &'s mut Vec<u8>) -> Option<&'s [u8]> {
        match self {
            Operand::Str(s) => Some(s),
            Operand::Hex(digits) => {
                scratch.clear();
                decode_hex(digits, scratch);
                Some(scratch)
            }
            _ => None,
        }
    }
}

/// Appends the bytes of hex digits to `out`; other bytes are skipped and an
/// odd last digit is read as if followed by 0.
pub(crate) fn decode_hex(digits: &[u8], out: &mut Vec<u8>) {
    out.reserve(digits.len() / 2 + 1);
    let mut high: Option<u8> = None;
    for &c in digits {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => continue,
        };
        match high.take() {
            Some(h) => out.push(h << 4 | v),
            None => high = Some(v),
        }
    }
    if let Some(h) = high {
        out.push(h << 4);
    }
}

/// Deepest nesting of arrays and dictionaries read inside a content stream.
const MAX_NESTING: usize = 32;

/// Most operands kept before one operator (a CMap block can hold many).
const MAX_OPERANDS: usize = 1 << 16;

/// Reads a content stream one operator at a time.
pub struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Lexer<'a> {
    /// Starts reading `data`.
    pub fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer { data, pos: 0 }
    }

    fn peek(&self) -> Option<u8> {
        self.data.get(self.pos).copied()
    }

    fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(c) = self.peek() {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Reads operands into `operands` (cleared first) up to the next
    /// operator, and returns the operator; `None` at the end of the data.
    pub fn next_op(&mut self, operands: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        operands.clear();
        loop {
            self.skip_white();
            let b = self.peek()?;
            match b {
                b'/' | b'(' | b'<' | b'[' | b'+' | b'-' | b'.' | b'0'..=b'9' => {
                    if let Some(op) = self.operand(0) {
                        if operands.len() < MAX_OPERANDS {
                            operands.push(op);
                        }
                    }
                }
                b')' | b'>' | b']' | b'{' | b'}' => self.pos += 1,
                _ => {
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if is_white(c) || is_delim(c) {
                            break;
                        }
                        self.pos += 1;
                    }
                    let word = &self.data[start..self.pos];
                    match word {
                        b"true" | b"false" | b"null" => operands.push(Operand::Other),
                        b"BI" => {
                            self.skip_inline_image();
                            operands.clear();
                            return Some(b"BI");
                        }
                        _ => return Some(word),
                    }
                }
            }
        }
    }

    /// Reads one operand starting at the current byte.
    fn operand(&mut self, depth: usize) -> Option<Operand<'a>> {
        let b = self.peek()?;
        match b {
            b'/' => {
                self.pos += 1;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if is_white(c) || is_delim(c) {
                        break;
                    }
                    self.pos += 1;
                }
                let data = self.data;
                let raw = &data[start..self.pos];
                Some(Operand::Name(if raw.contains(&b'#') {
                    Cow::Owned(decode_name(raw))
                } else {
                    Cow::Borrowed(raw)
                }))
            }
            b'(' => Some(Operand::Str(self.literal_string())),
            b'<' => {
                if self.data.get(self.pos + 1) == Some(&b'<') {
                    self.pos += 2;
                    self.skip_dict(depth);
                    Some(Operand::Other)
                } else {
                    Some(Operand::Hex(self.hex_string()))
                }
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) if depth >= MAX_NESTING => {
                            self.pos += 1;
                        }
                        Some(c) if c.is_ascii_alphabetic() => {
                            // A keyword inside an array (true, null, or a
                            // missing bracket): skip the word.
                            let start = self.pos;
                            while let Some(c) = self.peek() {
                                if is_white(c) || is_delim(c) {
                                    break;
                                }
                                self.pos += 1;
                            }
                            if &self.data[start..self.pos] == b"TJ" {
                                // The array was never closed: stop here
                                // and let the operator be read next.
                                self.pos = start;
                                break;
                            }
                        }
                        Some(b')' | b'>' | b'{' | b'}') => self.pos += 1,
                        Some(_) => {
                            if let Some(item) = self.operand(depth + 1) {
                                items.push(item);
                            } else {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(Operand::Array(items))
            }
            _ => Some(self.number()),
        }
    }

    fn number(&mut self) -> Operand<'a> {
        let start = self.pos;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.') {
                self.pos += 1;
            } else {
                break;
            }
        }
        if self.pos == start {
            self.pos += 1;
            return Operand::Other;
        }
        Operand::Num(parse_number(&self.data[start..self.pos]))
    }

    fn literal_string(&mut self) -> Cow<'a, [u8]> {
        self.pos += 1;
        let data = self.data;
        let rest = data.get(self.pos..).unwrap_or_default();
        // A string without escapes or nested parentheses is its own bytes.
        if let Some(end) = memchr::memchr3(b'(', b')', b'\\', rest) {
            if rest[end] == b')' {
                self.pos += end + 1;
                return Cow::Borrowed(&rest[..end]);
            }
        }
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            // Plain bytes up to the next parenthesis or escape, in one copy.
            let rest = self.data.get(self.pos..).unwrap_or_default();
            let plain = memchr::memchr3(b'(', b')', b'\\', rest).unwrap_or(rest.len());
            out.extend_from_slice(&rest[..plain]);
            self.pos += plain;
            let Some(c) = self.peek() else { break };
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        Cow::Owned(out)
    }

    /// Reads a hex string after its `<`: the digits up to `>`.
    fn hex_string(&mut self) -> &'a [u8] {
        self.pos += 1;
        let data = self.data;
        let rest = data.get(self.pos..).unwrap_or_default();
        let end = memchr::memchr(b'>', rest);
        self.pos += end.map_or(rest.len(), |e| e + 1);
        &rest[..end.unwrap_or(rest.len())]
    }

    /// Skips a dictionary body after `<<`, including nested ones.
    fn skip_dict(&mut self, depth: usize) {
        while let Some(c) = self.peek() {
            match c {
                b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return;
                }
                b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                    self.pos += 2;
                    if depth < MAX_NESTING {
                        self.skip_dict(depth + 1);
                    }
                }
                b'(' => {
                    self.literal_string();
                }
                b'<' => {
                    self.hex_string();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips an inline image: its dictionary up to `ID`, then the data up to
    /// `EI` standing alone.
    fn skip_inline_image(&mut self) {
        let data = self.data;
        let mut i = self.pos;
        // Find "ID" as a word.
        while i + 2 <= data.len() {
            if &data[i..i + 2] == b"ID"
                && (i == 0 || is_white(data[i - 1]) || is_delim(data[i - 1]))
                && data.get(i + 2).map_or(true, |&c| is_white(c))
            {
                i += 3;
                break;
            }
            i += 1;
        }
        while i + 2 <= data.len() {
            if &data[i..i + 2] == b"EI"
                && i > 0
                && is_white(data[i - 1])
                && data.get(i + 2).map_or(true, |&c| is_white(c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.pos = data.len();
    }
}

/// Decodes `#xx` escapes in a name.
pub fn decode_name(raw: &[u8]) -> Vec<u8> {
    if !raw.contains(&b'#') {
        return raw.to_vec();
    }
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'#' && i + 2 < raw.len() + 1 {
            let hex = raw
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// Parses a PDF number leniently (`--5`, `5.`, `.5`, `1.2.3` all give something).
pub fn parse_number(raw: &[u8]) -> f32 {
    let mut neg = false;
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale: f64 = 1.0;
    let mut seen_dot = false;
    for &c in raw {
        match c {
            b'-' if int == 0.0 && !seen_dot => neg = !neg,
            b'.' if !seen_dot => seen_dot = true,
            b'0'..=b'9' => {
                if seen_dot {
                    scale /= 10.0;
                    frac += f64::from(c - b'0') * scale;
                } else {
                    int = int * 10.0 + f64::from(c - b'0');
                }
            }
            _ => {}
        }
    }
    let v = (int + frac) as f32;
    let v = if v.is_finite() { v } else { 0.0 };
    if neg {
        -v
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(data: &[u8]) -> Vec<(String, Vec<Operand<'_>>)> {
        let mut lx = Lexer::new(data);
        let mut operands = Vec::new();
        let mut out = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            out.push((String::from_utf8_lossy(op).into_owned(), operands.clone()));
        }
        out
    }

    #[test]
    fn reads_text_operators() {
        let got = ops(b"BT /F1 12 Tf 1 0 0 1 72.5 -.5 Tm [(A\\)b) -250 <0041>] TJ ET");
        assert_eq!(got[1].0, "Tf");
        assert_eq!(
            got[1].1,
            vec![Operand::Name(Cow::Borrowed(b"F1")), Operand::Num(12.0)]
        );
        assert_eq!(got[2].1[5], Operand::Num(-0.5));
        assert_eq!(
            got[3].1[0],
            Operand::Array(vec![
                Operand::Str(Cow::Borrowed(b"A)b")),
                Operand::Num(-250.0),
                Operand::Hex(b"0041")
            ])
        );
        assert_eq!(got[4].0, "ET");
    }

    #[test]
    fn reads_literal_string_escapes_and_nesting() {
        let got = ops(b"(a(b)c\\\\\\(\\101\\7x\\\ny\\n) Tj (open");
        assert_eq!(
            got[0].1,
            vec![Operand::Str(Cow::Borrowed(b"a(b)c\\(A\x07xy\n"))]
        );
        assert_eq!(
            got[0].1[0].string().as_deref(),
            Some(&b"a(b)c\\(A\x07xy\n"[..])
        );
        let mut lx = Lexer::new(b"(unterminated \\(");
        let mut operands = Vec::new();
        assert_eq!(lx.next_op(&mut operands), None);
    }

    #[test]
    fn hex_strings_decode_on_demand() {
        let got = ops(b"<00 4 1 7> Tj <4> Tj");
        let mut scratch = Vec::new();
        assert_eq!(
            got[0].1[0].string_into(&mut scratch),
            Some(&[0x00, 0x41, 0x70][..])
        );
        assert_eq!(got[1].1[0].string().as_deref(), Some(&[0x40][..]));
        assert_eq!(Operand::Num(1.0).string(), None);
    }

    #[test]
    fn skips_inline_images_and_dicts() {
        let got = ops(b"/P <</MCID 0 /X (a>>b)>> BDC BI /W 1 /H 1 ID \x00EI\xff EI Q");
        let names: Vec<&str> = got.iter().map(|o| o.0.as_str()).collect();
        assert_eq!(names, ["BDC", "BI", "Q"]);
    }

    #[test]
    fn survives_garbage() {
        for data in [
            &b"[[[[[[(((("[..],
            b"<<<<<<",
            b")]>}{",
            b"BI ID",
            b"(\\",
            b"/#",
        ] {
            let _ = ops(data);
        }
        let deep = vec![b'['; 100_000];
        let _ = ops(&deep);
    }
}
