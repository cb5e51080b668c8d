//! PDF bytes → positioned glyph runs, as a text extractor reads them.
//!
//! Each page's content stream is walked with hayro's syntax layer (and the form XObjects it
//! draws), tracking the graphics and text state (`cm`, `q`/`Q`, `Tf`, `Tm`, `Td`, `TD`, `T*`,
//! `Tc`, `Tw`, `Tz`, `TL`, `Ts`); each string shown (`Tj`, `TJ`, `'`, `"`) becomes one
//! [`Run`] with its position, advance width and size in page space, its text mapped through
//! the font's `ToUnicode` CMap. Nothing is rendered and nothing of the layout is consulted:
//! this is what an applicant tracking system gets from the file.

use std::collections::BTreeMap;

use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::content::ops::TypedInstruction;
use hayro::hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro::hayro_syntax::page::Resources;

use super::cmap::ToUnicode;

/// How deep form XObjects may nest: vitae draws none; other writers use one or two levels.
const MAX_FORM_DEPTH: usize = 8;

/// The most codes a font's widths may list: every two-byte code, against a hostile `W` array
/// of many huge ranges.
const MAX_WIDTHS: usize = 0x1_0000;

/// The most glyphs read from one file, against a hostile content stream (a two-page résumé
/// has about 10,000).
const MAX_GLYPHS: usize = 4_000_000;

/// One string drawn on a page: what a text extractor sees.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The page, from 0.
    pub page: usize,
    /// The left end of the run, in points from the page's left edge.
    pub x: f64,
    /// The baseline, in points from the page's top edge.
    pub y: f64,
    /// The advance width of the run, in points.
    pub width: f64,
    /// The font size in page space (the text matrix and `cm` applied), in points.
    pub size: f64,
    /// The text the glyphs map to.
    pub text: String,
    /// The font's `BaseFont` (or Type 3 `Name`), subset tag removed.
    pub font: String,
    /// Whether the font is a Type 3 font (glyphs drawn as pictures: vitae's colour emoji).
    pub type3: bool,
    /// How many glyphs have no Unicode mapping (or map to U+FFFD or a private-use character).
    pub unmapped: usize,
}

impl Run {
    /// Returns the right end of the run.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
}

/// The text a PDF's pages show, run by run, with the page sizes.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// The runs in content-stream order.
    pub runs: Vec<Run>,
    /// Each page's width and height in points.
    pub pages: Vec<(f64, f64)>,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractError(pub String);

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExtractError {}

/// Reads the text runs of every page of a PDF.
///
/// # Errors
///
/// An [`ExtractError`] when the bytes are not a PDF hayro can open.
pub fn extract(bytes: &[u8]) -> Result<Extraction, ExtractError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| ExtractError(format!("the PDF cannot be read: {e:?}")))?;
    let mut out = Extraction::default();
    let mut glyphs = 0;
    for (index, page) in pdf.pages().iter().enumerate() {
        let media = page.media_box();
        let top = media.y1;
        out.pages.push((media.x1 - media.x0, media.y1 - media.y0));
        let mut walker = Walker {
            page: index,
            top,
            left: media.x0,
            fonts: BTreeMap::new(),
            runs: &mut out.runs,
            glyphs: &mut glyphs,
            marked: Vec::new(),
        };
        let Some(content) = page.page_stream() else { continue };
        walker.walk(content, page.resources(), Matrix::IDENTITY, 0);
    }
    Ok(out)
}

/// A 2D affine matrix `[a b c d e f]` as PDF writes them.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    /// The identity.
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// Returns `self × other`: `self` applied first, then `other` (PDF's order).
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    /// Returns a translation.
    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// Applies the matrix to a point.
    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// Returns how much the matrix scales vertical lengths (the length of its second row).
    fn vertical_scale(self) -> f64 {
        self.0[2].hypot(self.0[3])
    }

    /// Returns how much the matrix scales horizontal lengths (the length of its first row).
    fn horizontal_scale(self) -> f64 {
        self.0[0].hypot(self.0[1])
    }
}

/// The text state of PDF 32000-1, 9.3, with the text and line matrices.
#[derive(Debug, Clone)]
struct TextState {
    /// The font resource's name and size (`Tf`).
    font: Option<(String, f64)>,
    /// Character spacing (`Tc`), in unscaled text space units.
    char_spacing: f64,
    /// Word spacing (`Tw`).
    word_spacing: f64,
    /// Horizontal scaling (`Tz`) as a factor.
    scale: f64,
    /// Leading (`TL`).
    leading: f64,
    /// Rise (`Ts`).
    rise: f64,
    /// The text matrix.
    tm: Matrix,
    /// The text line matrix.
    tlm: Matrix,
}

impl Default for TextState {
    fn default() -> Self {
        TextState {
            font: None,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
        }
    }
}

/// What the extractor knows of one font resource.
#[derive(Debug, Clone)]
struct Font {
    /// Its name, subset tag removed.
    name: String,
    /// Whether it is a Type 3 font.
    type3: bool,
    /// Bytes per character code: 2 for a Type 0 font with `Identity-H`, else 1.
    code_bytes: usize,
    /// The `ToUnicode` map, when the font has one.
    to_unicode: Option<ToUnicode>,
    /// Advance widths by code, in text space units (glyph space already scaled).
    widths: BTreeMap<u32, f64>,
    /// The width of a code not in `widths`.
    default_width: f64,
    /// Whether the font has no `ToUnicode` but a simple encoding, read as Latin-1.
    latin1: bool,
}

/// Walks the content streams of one page.
struct Walker<'r> {
    page: usize,
    /// The page's top edge, to turn PDF's upward y into a distance from the top.
    top: f64,
    /// The page's left edge.
    left: f64,
    /// Fonts read so far, by resource name and the stream depth that defined them.
    fonts: BTreeMap<(usize, String), Font>,
    runs: &'r mut Vec<Run>,
    glyphs: &'r mut usize,
    /// The open marked-content sequences, each with its `ActualText` (and whether that text
    /// has been given to a run yet): text shown inside one reads as its `ActualText`, once, as
    /// poppler reads it. krilla draws an emoji of two glyphs (`☁️`) under one.
    marked: Vec<Option<(String, bool)>>,
}

impl Walker<'_> {
    /// Walks one content stream with its resources under the matrix `ctm`.
    fn walk(&mut self, content: &[u8], resources: &Resources, ctm: Matrix, depth: usize) {
        let mut stack: Vec<(Matrix, TextState)> = Vec::new();
        let mut ctm = ctm;
        let mut ts = TextState::default();
        let mut ops = hayro::hayro_syntax::content::TypedIter::new(content);
        while let Some(op) = ops.next() {
            match op {
                TypedInstruction::SaveState(_) => stack.push((ctm, ts.clone())),
                TypedInstruction::RestoreState(_) => {
                    if let Some((m, t)) = stack.pop() {
                        (ctm, ts) = (m, TextState { tm: ts.tm, tlm: ts.tlm, ..t });
                    }
                }
                TypedInstruction::Transform(t) => {
                    let m = Matrix([t.0, t.1, t.2, t.3, t.4, t.5].map(|n| n.as_f64()));
                    ctm = m.then(ctm);
                }
                TypedInstruction::XObject(x) => self.form(resources, x.0, ctm, depth),
                TypedInstruction::BeginText(_) => (ts.tm, ts.tlm) = (Matrix::IDENTITY, Matrix::IDENTITY),
                TypedInstruction::TextFont(f) => {
                    ts.font = Some((f.0.as_str().to_owned(), f.1.as_f64()));
                    self.load_font(resources, f.0, depth);
                }
                TypedInstruction::CharacterSpacing(n) => ts.char_spacing = n.0.as_f64(),
                TypedInstruction::WordSpacing(n) => ts.word_spacing = n.0.as_f64(),
                TypedInstruction::HorizontalScaling(n) => ts.scale = n.0.as_f64() / 100.0,
                TypedInstruction::TextLeading(n) => ts.leading = n.0.as_f64(),
                TypedInstruction::TextRise(n) => ts.rise = n.0.as_f64(),
                TypedInstruction::NextLine(n) => next_line(&mut ts, n.0.as_f64(), n.1.as_f64()),
                TypedInstruction::NextLineAndSetLeading(n) => {
                    ts.leading = -n.1.as_f64();
                    next_line(&mut ts, n.0.as_f64(), n.1.as_f64());
                }
                TypedInstruction::SetTextMatrix(m) => {
                    ts.tm = Matrix([m.0, m.1, m.2, m.3, m.4, m.5].map(|n| n.as_f64()));
                    ts.tlm = ts.tm;
                }
                TypedInstruction::NextLineUsingLeading(_) => next_line_by_leading(&mut ts),
                TypedInstruction::ShowText(s) => {
                    self.show(&mut ts, ctm, &[Object::String(s.0.clone())], depth)
                }
                TypedInstruction::NextLineAndShowText(s) => {
                    next_line_by_leading(&mut ts);
                    self.show(&mut ts, ctm, &[Object::String(s.0.clone())], depth);
                }
                TypedInstruction::ShowTextWithParameters(s) => {
                    ts.word_spacing = s.0.as_f64();
                    ts.char_spacing = s.1.as_f64();
                    next_line_by_leading(&mut ts);
                    self.show(&mut ts, ctm, &[Object::String(s.2.clone())], depth);
                }
                TypedInstruction::BeginMarkedContent(_) => self.marked.push(None),
                TypedInstruction::BeginMarkedContentWithProperties(m) => {
                    self.marked.push(actual_text(m.1, resources).map(|t| (t, false)));
                }
                TypedInstruction::EndMarkedContent(_) => {
                    self.marked.pop();
                }
                TypedInstruction::ShowTexts(a) => {
                    let items: Vec<Object> = a.0.iter::<Object>().collect();
                    self.show(&mut ts, ctm, &items, depth);
                }
                _ => {}
            }
        }
    }

    /// Walks a form XObject drawn with `Do`, with its own resources and matrix.
    fn form(&mut self, resources: &Resources, name: &Name, ctm: Matrix, depth: usize) {
        if depth >= MAX_FORM_DEPTH {
            return;
        }
        let Some(stream) = resources.get_x_object(name) else { return };
        let dict = stream.dict();
        if dict.get::<Name>(b"Subtype").is_none_or(|s| s.as_str() != "Form") {
            return;
        }
        let matrix = dict.get::<Array>(b"Matrix").map_or(Matrix::IDENTITY, |a| matrix_of(&a));
        let own = dict.get::<Dict>(b"Resources").map(Resources::new);
        let Ok(data) = stream.decoded() else { return };
        // A form without resources of its own uses its parent's (PDF 1.1 files do this).
        let res = own.as_ref().unwrap_or(resources);
        // Fonts are cached by depth and name: a sibling form's fonts of the same name differ.
        self.fonts.retain(|(d, _), _| *d <= depth);
        self.walk(&data, res, matrix.then(ctm), depth + 1);
    }

    /// Reads the font named `name` in `resources` once per stream depth.
    fn load_font(&mut self, resources: &Resources, name: &Name, depth: usize) {
        let key = (depth, name.as_str().to_owned());
        if self.fonts.contains_key(&key) {
            return;
        }
        if let Some(dict) = resources.get_font(name) {
            self.fonts.insert(key, read_font(&dict));
        }
    }

    /// Adds the run a show-text operator draws and advances the text matrix past it.
    fn show(&mut self, ts: &mut TextState, ctm: Matrix, items: &[Object], depth: usize) {
        let Some((resource, size)) = ts.font.clone() else { return };
        let Some(font) = self.fonts.get(&(depth, resource)).cloned() else { return };
        let start = Matrix([size * ts.scale, 0.0, 0.0, size, 0.0, ts.rise]).then(ts.tm).then(ctm);
        let (mut text, mut unmapped, mut advance) = (String::new(), 0, 0.0);
        for item in items {
            match item {
                Object::Number(n) => advance -= n.as_f64() / 1000.0 * size * ts.scale,
                Object::String(s) => {
                    for (code, bytes) in codes(s.as_bytes(), font.code_bytes) {
                        if *self.glyphs >= MAX_GLYPHS {
                            return;
                        }
                        *self.glyphs += 1;
                        let w = font.widths.get(&code).copied().unwrap_or(font.default_width);
                        let space = if bytes == 1 && code == 32 { ts.word_spacing } else { 0.0 };
                        advance += (w * size + ts.char_spacing + space) * ts.scale;
                        match glyph_text(&font, code) {
                            Some(t) => text.push_str(&t),
                            None => unmapped += 1,
                        }
                    }
                }
                _ => {}
            }
        }
        ts.tm = Matrix::translate(advance, 0.0).then(ts.tm);
        if let Some((actual, used)) = self.marked.iter_mut().rev().find_map(Option::as_mut) {
            text = if *used { String::new() } else { actual.clone() };
            (*used, unmapped) = (true, 0);
        }
        self.push_run(start, ctm, ts, advance, size, text, &font, unmapped);
    }

    /// Records a run from its start matrix (text space → page space) and advance.
    #[allow(clippy::too_many_arguments)]
    fn push_run(
        &mut self,
        start: Matrix,
        ctm: Matrix,
        ts: &TextState,
        advance: f64,
        size: f64,
        text: String,
        font: &Font,
        unmapped: usize,
    ) {
        if text.is_empty() && unmapped == 0 {
            return;
        }
        let (x, y) = start.apply(0.0, 0.0);
        let scale = ts.tm.then(ctm);
        self.runs.push(Run {
            page: self.page,
            x: x - self.left,
            y: self.top - y,
            width: advance * scale.horizontal_scale(),
            size: size * scale.vertical_scale(),
            text,
            font: font.name.clone(),
            type3: font.type3,
            unmapped,
        });
    }
}

/// Moves to the start of the next line, offset by (`tx`, `ty`) from the current line's start.
fn next_line(ts: &mut TextState, tx: f64, ty: f64) {
    ts.tlm = Matrix::translate(tx, ty).then(ts.tlm);
    ts.tm = ts.tlm;
}

/// Returns the `ActualText` of a marked-content sequence's properties: given inline, or named
/// in the resources' `Properties`.
fn actual_text(properties: &Object, resources: &Resources) -> Option<String> {
    let dict = match properties {
        Object::Dict(d) => d.clone(),
        Object::Name(n) => resources.properties.get::<Dict>(n)?,
        _ => return None,
    };
    let bytes = dict.get::<hayro::hayro_syntax::object::String>(b"ActualText")?;
    Some(text_string(bytes.as_bytes()))
}

/// Decodes a PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (read as
/// Latin-1, which it equals for the letters, digits and punctuation of text).
fn text_string(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units = rest.chunks(2).map(|p| p.iter().fold(0u16, |acc, &b| (acc << 8) | u16::from(b)));
            char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
        }
        _ => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Moves to the start of the next line, the leading below the current one (`T*`).
fn next_line_by_leading(ts: &mut TextState) {
    let leading = ts.leading;
    next_line(ts, 0.0, -leading);
}

/// Returns the codes of a string, with how many bytes each took.
fn codes(bytes: &[u8], width: usize) -> impl Iterator<Item = (u32, usize)> + '_ {
    bytes.chunks(width.max(1)).map(|c| (c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)), c.len()))
}

/// Returns the text of a code, or `None` when it has no usable mapping: no `ToUnicode` entry,
/// or one to U+FFFD, NUL or a private-use character (which means nothing to a reader).
fn glyph_text(font: &Font, code: u32) -> Option<String> {
    let text = match &font.to_unicode {
        Some(map) => map.get(code)?.to_owned(),
        None if font.latin1 => char::from_u32(code)?.to_string(),
        None => return None,
    };
    let meaningless = |c: char| c == '\u{FFFD}' || c == '\0' || is_private_use(c);
    (!text.is_empty() && !text.chars().any(meaningless)).then_some(text)
}

/// Whether a character is in a private-use area, where icon fonts put their glyphs.
pub fn is_private_use(c: char) -> bool {
    matches!(u32::from(c), 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// Reads what the extractor needs of a font dictionary.
fn read_font(dict: &Dict) -> Font {
    let subtype = dict.get::<Name>(b"Subtype").map(|n| n.as_str().to_owned()).unwrap_or_default();
    let base = dict.get::<Name>(b"BaseFont").or_else(|| dict.get::<Name>(b"Name"));
    let name = base.map(|n| strip_subset_tag(n.as_str()).to_owned()).unwrap_or_default();
    let to_unicode =
        dict.get::<Stream>(b"ToUnicode").and_then(|s| s.decoded().ok()).map(|d| ToUnicode::parse(&d));
    let type0 = subtype == "Type0";
    let type3 = subtype == "Type3";
    let (widths, default_width) = if type0 { cid_widths(dict) } else { simple_widths(dict, type3) };
    let latin1 = !type0 && !type3 && to_unicode.is_none();
    Font { name, type3, code_bytes: if type0 { 2 } else { 1 }, to_unicode, widths, default_width, latin1 }
}

/// Removes a subset tag (`ABCDEF+`) from a font name.
fn strip_subset_tag(name: &str) -> &str {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => name,
    }
}

/// Reads a Type 0 font's widths from its descendant's `W` array (`c [w …]` and `c1 c2 w`)
/// and `DW`, in text space units.
fn cid_widths(dict: &Dict) -> (BTreeMap<u32, f64>, f64) {
    let mut widths = BTreeMap::new();
    let Some(cid) = dict.get::<Array>(b"DescendantFonts").and_then(|a| a.iter::<Dict>().next()) else {
        return (widths, 1.0);
    };
    let default = cid.get::<f64>(b"DW").unwrap_or(1000.0) / 1000.0;
    let items: Vec<Object> = cid.get::<Array>(b"W").map(|a| a.iter::<Object>().collect()).unwrap_or_default();
    let mut i = 0;
    while let Some(Object::Number(first)) = items.get(i)
        && widths.len() < MAX_WIDTHS
    {
        let first = first.as_f64() as u32;
        match (items.get(i + 1), items.get(i + 2)) {
            (Some(Object::Array(list)), _) => {
                for (k, w) in list.iter::<f64>().enumerate() {
                    widths.insert(first + k as u32, w / 1000.0);
                }
                i += 2;
            }
            (Some(Object::Number(last)), Some(Object::Number(w))) => {
                let last = (last.as_f64() as u32).min(first.saturating_add(0xFFFF));
                for c in first..=last {
                    widths.insert(c, w.as_f64() / 1000.0);
                }
                i += 3;
            }
            _ => break,
        }
    }
    (widths, default)
}

/// Reads a simple or Type 3 font's `Widths` from `FirstChar`, scaled by the font matrix (Type
/// 3) or by 1/1000.
fn simple_widths(dict: &Dict, type3: bool) -> (BTreeMap<u32, f64>, f64) {
    let scale = if type3 {
        dict.get::<Array>(b"FontMatrix").and_then(|a| a.iter::<f64>().next()).unwrap_or(0.001)
    } else {
        0.001
    };
    let first = dict.get::<f64>(b"FirstChar").unwrap_or(0.0) as u32;
    let widths = dict
        .get::<Array>(b"Widths")
        .map(|a| a.iter::<f64>().enumerate().map(|(k, w)| (first + k as u32, w * scale)).collect())
        .unwrap_or_default();
    let missing =
        dict.get::<Dict>(b"FontDescriptor").and_then(|d| d.get::<f64>(b"MissingWidth")).unwrap_or(0.0);
    (widths, missing * scale)
}

/// Reads a six-number matrix array.
fn matrix_of(a: &Array) -> Matrix {
    let n: Vec<f64> = a.iter::<f64>().collect();
    match n.as_slice() {
        [a, b, c, d, e, f] => Matrix([*a, *b, *c, *d, *e, *f]),
        _ => Matrix::IDENTITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_compose_in_pdf_order() {
        let flip = Matrix([1.0, 0.0, 0.0, -1.0, 0.0, 800.0]);
        let tm = Matrix([1.0, 0.0, 0.0, -1.0, 100.0, 50.0]);
        let m = tm.then(flip);
        assert_eq!(m.apply(0.0, 0.0), (100.0, 750.0));
        assert_eq!(m.vertical_scale(), 1.0);
    }

    #[test]
    fn subset_tags_are_removed_and_other_names_kept() {
        assert_eq!(strip_subset_tag("IWQWWW+Inter-Regular"), "Inter-Regular");
        assert_eq!(strip_subset_tag("Inter+Regular"), "Inter+Regular");
        assert_eq!(strip_subset_tag("Helvetica"), "Helvetica");
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_an_error() {
        assert!(extract(b"not a pdf").is_err());
    }
}
