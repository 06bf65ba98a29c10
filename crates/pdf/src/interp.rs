//! The content-stream interpreter: runs a page's operators and collects
//! every shown glyph with its position on the page.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Object, ObjectId};

use crate::font::Font;
use crate::lexer::{Lexer, Operand};
use crate::streams::{decode, get, get_dict, get_name, num, resolve, Limits};
use crate::Error;

/// An affine matrix `[a b c d e f]` in PDF's row-vector convention.
pub type Matrix = [f32; 6];

/// The identity matrix.
pub const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n`: first `m`, then `n`.
pub fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// One shown glyph, in the frame of its writing direction: `x` grows along
/// the baseline, `y` grows down the page.
#[derive(Clone, Copy, Debug)]
pub struct Char {
    /// Start of its text in [`PageChars::text`].
    pub start: u32,
    /// Byte length of its text (0 for a space).
    pub len: u16,
    /// Left edge along the baseline.
    pub x0: f32,
    /// Right edge along the baseline.
    pub x1: f32,
    /// Baseline, growing downwards.
    pub y: f32,
    /// Font size on the page.
    pub size: f32,
    /// Writing direction: 0 normal, 1 up, 2 upside down, 3 down.
    pub dir: u8,
    /// Whether the font is bold.
    pub bold: bool,
    /// Whether this is a space character (it separates words, shows nothing).
    pub space: bool,
}

/// Everything shown on a page.
#[derive(Debug, Default)]
pub struct PageChars {
    /// The text of all glyphs, one after another.
    pub text: String,
    /// The glyphs in content order.
    pub chars: Vec<Char>,
}

impl PageChars {
    /// The text of one glyph.
    pub fn text_of(&self, c: &Char) -> &str {
        let start = c.start as usize;
        self.text
            .get(start..start + usize::from(c.len))
            .unwrap_or("")
    }
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl State {
    fn new(ctm: Matrix) -> State {
        State {
            ctm,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Most nested `q` kept; deeper saves are ignored.
const MAX_STACK: usize = 256;

/// Runs content streams of one document.
pub struct Interp<'a> {
    doc: &'a lopdf::Document,
    limits: &'a Limits,
    fonts: HashMap<ObjectId, Rc<Font>>,
    fallback: Rc<Font>,
    /// Page box in device space: (width, height).
    page: (f32, f32),
    out: PageChars,
    /// A page's buffers handed back by [`Interp::recycle`], reused for the next.
    spare: PageChars,
    ops: usize,
    forms: Vec<ObjectId>,
}

impl<'a> Interp<'a> {
    /// An interpreter for `doc` under `limits`.
    pub fn new(doc: &'a lopdf::Document, limits: &'a Limits) -> Interp<'a> {
        Interp {
            doc,
            limits,
            fonts: HashMap::new(),
            fallback: Rc::new(Font::fallback()),
            page: (0.0, 0.0),
            out: PageChars::default(),
            spare: PageChars::default(),
            ops: 0,
            forms: Vec::new(),
        }
    }

    /// Runs a page's content; `ctm` maps user space to a y-up space whose
    /// origin is the page's lower left corner and whose size is `page`.
    pub fn run_page(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        ctm: Matrix,
        page: (f32, f32),
    ) -> Result<PageChars, Error> {
        self.page = page;
        self.out = std::mem::take(&mut self.spare);
        self.out.text.clear();
        self.out.chars.clear();
        self.forms.clear();
        self.run(content, resources, State::new(ctm), 0)?;
        Ok(std::mem::take(&mut self.out))
    }

    /// Hands a page's glyphs back once they are laid out, so that the next
    /// page fills the same buffers instead of growing new ones.
    pub fn recycle(&mut self, chars: PageChars) {
        self.spare = chars;
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| get_dict(doc, r, b"Font")) else {
            return self.fallback.clone();
        };
        let Ok(entry) = fonts.get(name) else {
            return self.fallback.clone();
        };
        let id = entry.as_reference().ok();
        if let Some(font) = id.and_then(|id| self.fonts.get(&id)) {
            return font.clone();
        }
        let font = match resolve(doc, entry, self.limits.max_depth) {
            Some(Object::Dictionary(d)) => {
                Rc::new(Font::load(doc, d, self.limits.max_stream_bytes))
            }
            _ => self.fallback.clone(),
        };
        if let Some(id) = id {
            self.fonts.insert(id, font.clone());
        }
        font
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        mut gs: State,
        depth: usize,
    ) -> Result<(), Error> {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut lexer = Lexer::new(content);
        let mut ops: Vec<Operand> = Vec::new();
        // Hex strings are decoded here, one at a time.
        let mut scratch = Vec::new();
        while let Some(op) = lexer.next_op(&mut ops) {
            self.ops += 1;
            if self.ops % 512 == 0 {
                self.limits.check_time()?;
            }
            let n = |i: usize| ops.get(i).map_or(0.0, Operand::num);
            match op {
                b"q" if stack.len() < MAX_STACK => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" if ops.len() >= 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    gs.ctm = mul(&m, &gs.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        gs.font = Some(self.font(resources, name));
                    }
                    gs.size = n(1);
                }
                b"Tc" => gs.char_space = n(0),
                b"Tw" => gs.word_space = n(0),
                b"Tz" => gs.scale = n(0) / 100.0,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Td" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if ops.len() >= 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" => {
                    if let Some(s) = ops.first().and_then(|o| o.string_into(&mut scratch)) {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"'" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(s) = ops.first().and_then(|o| o.string_into(&mut scratch)) {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"\"" => {
                    gs.word_space = n(0);
                    gs.char_space = n(1);
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(s) = ops.get(2).and_then(|o| o.string_into(&mut scratch)) {
                        self.show(&gs, &mut tm, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = ops.first() {
                        for item in items {
                            match item {
                                Operand::Str(_) | Operand::Hex(_) => {
                                    if let Some(s) = item.string_into(&mut scratch) {
                                        self.show(&gs, &mut tm, s);
                                    }
                                }
                                Operand::Num(v) if v.is_finite() => {
                                    let tx = -v / 1000.0 * gs.size * gs.scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(Operand::Name(name)) = ops.first() {
                        let name = name.clone();
                        self.xobject(resources, &name, &gs, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn xobject(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
        gs: &State,
        depth: usize,
    ) -> Result<(), Error> {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| get_dict(doc, r, b"XObject")) else {
            return Ok(());
        };
        let Ok(entry) = xobjects.get(name) else {
            return Ok(());
        };
        let id = entry.as_reference().ok();
        let Some(Object::Stream(stream)) = resolve(doc, entry, self.limits.max_depth) else {
            return Ok(());
        };
        match get_name(doc, &stream.dict, b"Subtype") {
            Some(b"Form") => {
                if depth + 1 > self.limits.max_depth
                    || id.is_some_and(|id| self.forms.contains(&id))
                {
                    return Err(Error::TooDeep {
                        limit: self.limits.max_depth,
                    });
                }
                let content = decode(doc, stream, self.limits.max_stream_bytes)?;
                let mut inner = gs.clone();
                if let Some(Object::Array(m)) = get(doc, &stream.dict, b"Matrix") {
                    let v: Vec<f32> = m
                        .iter()
                        .filter_map(|o| resolve(doc, o, 4).and_then(num))
                        .collect();
                    if let [a, b, c, d, e, f] = v[..] {
                        inner.ctm = mul(&[a, b, c, d, e, f], &inner.ctm);
                    }
                }
                let res = get_dict(doc, &stream.dict, b"Resources").or(resources);
                if let Some(id) = id {
                    self.forms.push(id);
                }
                let result = self.run(&content, res, inner, depth + 1);
                if id.is_some() {
                    self.forms.pop();
                }
                result
            }
            _ => Ok(()),
        }
    }

    /// Shows a string: one [`Char`] per glyph, advancing the text matrix.
    fn show(&mut self, gs: &State, tm: &mut Matrix, bytes: &[u8]) {
        let font = gs.font.clone().unwrap_or_else(|| self.fallback.clone());
        let size = gs.size;
        let th = gs.scale;
        let (pw, ph) = self.page;
        // A glyph only moves the text matrix along (a translation), so the
        // linear part of text space → page, and with it the glyphs' size and
        // writing direction, is the same for every glyph of the string.
        let m = mul(tm, &gs.ctm);
        let vsize = (m[2] * m[2] + m[3] * m[3]).sqrt() * size.abs();
        let hlen = (m[0] * m[0] + m[1] * m[1]).sqrt();
        let dir = if font.vertical {
            3
        } else if hlen <= 0.0 {
            0
        } else {
            let angle = m[1].atan2(m[0]).to_degrees();
            let angle = if angle < 0.0 { angle + 360.0 } else { angle };
            (((angle + 45.0) / 90.0) as u8) % 4
        };
        font.glyphs(bytes, |g| {
            let m = mul(tm, &gs.ctm);
            let (ox, oy) = apply(&m, 0.0, gs.rise);
            let w = g.width * size * th;
            let (ex, ey) = apply(&m, w, gs.rise);
            let adv = if font.vertical {
                0.0
            } else {
                (g.width * size + gs.char_space + if g.word_space { gs.word_space } else { 0.0 })
                    * th
            };
            if font.vertical {
                let dy = -(g.width * size + gs.char_space);
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, dy], tm);
            } else {
                *tm = mul(&[1.0, 0.0, 0.0, 1.0, adv, 0.0], tm);
            }
            if !(ox.is_finite() && oy.is_finite() && ex.is_finite() && ey.is_finite())
                || vsize <= 0.0
            {
                return;
            }
            // Throw away glyphs off the page, as pdftotext does.
            let slack = vsize;
            if ox < -slack || ox > pw + slack || oy < -slack || oy > ph + slack {
                return;
            }
            // Into the direction's frame: x along the baseline, y downwards.
            let frame = |x: f32, y: f32| match dir {
                0 => (x, ph - y),
                1 => (y, x),
                2 => (-x, y),
                _ => (-y, -x),
            };
            let (x0, y0) = frame(ox, oy);
            let (x1, _) = frame(ex, ey);
            let (x0, x1) = if x1 < x0 { (x1, x0) } else { (x0, x1) };
            let text = g.text.as_ref();
            let space = text.chars().all(|c| c == ' ' || c == '\u{a0}') && !text.is_empty();
            if text.is_empty() && !g.word_space {
                return;
            }
            let start = self.out.text.len() as u32;
            let len = if space {
                0
            } else {
                text.len().min(u16::MAX as usize) as u16
            };
            if !space {
                self.out.text.push_str(text);
            }
            self.out.chars.push(Char {
                start,
                len,
                x0,
                x1,
                y: y0,
                size: vsize,
                dir,
                bold: font.bold,
                space: space || text.is_empty(),
            });
        });
    }
}
