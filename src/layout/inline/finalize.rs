//! Finalize: turns the chosen breaks into lines of positioned glyph runs, justifying spaces by
//! each line's adjustment ratio, adding hyphens and link areas, and aligning the lines.

use super::collect::Collected;
use super::linebreak::{Break, Item};
use super::prepare::{Piece, Prepared};
use super::{Line, LinkSpan};
use crate::content::Align;
use crate::font::{FontBook, FontId};
use crate::geom::{Color, Pt};
use crate::layout::frame::{Glyph, TextRun};

/// Builds the lines for the given breaks.
pub fn finalize(
    fonts: &FontBook,
    c: &Collected,
    p: &Prepared,
    breaks: &[Break],
    align: Align,
    width: Pt,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (n, b) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        lines.push(line(fonts, c, p, start, b, align, width, last));
        start = skip_discardable(&p.items, b.index + 1);
    }
    lines
}

/// Returns the first index at or after `i` that is a box (TeX drops glue and penalties after a break).
fn skip_discardable(items: &[Item], mut i: usize) -> usize {
    while i < items.len() && !matches!(items[i], Item::Box { .. }) {
        i += 1;
    }
    i
}

/// Lays out one line: items `start..b.index`, plus a hyphen if the break is at one.
#[allow(clippy::too_many_arguments)]
fn line(
    fonts: &FontBook,
    c: &Collected,
    p: &Prepared,
    start: usize,
    b: &Break,
    align: Align,
    width: Pt,
    last: bool,
) -> Line {
    let end = b.index.min(p.items.len());
    let ratio = if align == Align::Justify && !last { b.ratio } else { 0.0 };
    let mut builder =
        LineBuilder { fonts, runs: Vec::new(), x: Pt::ZERO, ascent: Pt::ZERO, descent: Pt::ZERO };
    let trailing = trailing_glue_start(&p.items, start, end);
    for i in start..trailing {
        match (&p.items[i], p.item_piece[i]) {
            (Item::Box { .. }, Some(pi)) => builder.piece(c, &p.pieces[pi], None),
            (Item::Glue { width: w, stretch, shrink }, piece) => {
                let adjust = if ratio >= 0.0 { *stretch * ratio } else { *shrink * ratio };
                let target = if align == Align::Justify { *w + adjust } else { *w };
                match piece {
                    Some(pi) => builder.piece(c, &p.pieces[pi], Some(target)),
                    None => builder.x += if align == Align::Justify { target } else { Pt::ZERO },
                }
            }
            _ => {}
        }
    }
    if let Some(h) = p.hyphens.get(end).and_then(Option::as_ref) {
        builder.piece(c, h, None);
    }
    builder.finish(align, width)
}

/// Returns where the glue at the end of a line begins (it is not drawn).
fn trailing_glue_start(items: &[Item], start: usize, end: usize) -> usize {
    let mut t = end;
    while t > start && !matches!(items[t - 1], Item::Box { .. }) {
        t -= 1;
    }
    t
}

/// Accumulates glyph runs left to right.
struct LineBuilder<'a> {
    fonts: &'a FontBook,
    runs: Vec<(Pt, TextRun, Option<String>)>,
    x: Pt,
    ascent: Pt,
    descent: Pt,
}

impl LineBuilder<'_> {
    /// Appends a piece; `width` overrides its advance (a justified space).
    fn piece(&mut self, c: &Collected, piece: &Piece, width: Option<Pt>) {
        if piece.glyphs.is_empty() {
            return;
        }
        let span = &c.spans[piece.span];
        let style = span.style;
        let size = style.size;
        let mut glyphs = glyphs_of(piece, style.tracking);
        if let Some(w) = width {
            // Spread the adjustment over the space's glyphs (usually one).
            let extra = (w - piece.width).get() / size.get() / glyphs.len() as f64;
            glyphs.iter_mut().for_each(|g| g.advance += extra as f32);
        }
        let text = if piece.range.is_empty() {
            "\u{AD}".to_string()
        } else {
            c.text[piece.range.clone()].to_string()
        };
        let advance: Pt = width.unwrap_or(piece.width);
        let link = span.link.map(str::to_string);
        self.append(piece.font, size, style.color, text, glyphs, link);
        self.x += advance;
        let m = self.fonts.face(piece.font).metrics;
        self.ascent = self.ascent.max(size * m.ascent);
        self.descent = self.descent.max(size * m.descent);
    }

    /// Adds glyphs to the current run if font, size, colour and link match and it ends where
    /// they start; otherwise opens a new run.
    fn append(
        &mut self,
        font: FontId,
        size: Pt,
        color: Color,
        text: String,
        glyphs: Vec<Glyph>,
        link: Option<String>,
    ) {
        if let Some((x0, run, l)) = self.runs.last_mut()
            && run.font == font
            && run.size == size
            && run.color == color
            && *l == link
            && (*x0 + run.width()).approx_eq(self.x)
        {
            let base = run.text.len();
            run.text.push_str(&text);
            run.glyphs.extend(glyphs.into_iter().map(|mut g| {
                g.range = g.range.start + base..g.range.end + base;
                g
            }));
            return;
        }
        self.runs.push((self.x, TextRun { font, size, color, text, glyphs }, link));
    }

    /// Aligns the line in the measure and returns it.
    fn finish(self, align: Align, width: Pt) -> Line {
        let natural = self.x;
        let shift = match align {
            Align::Center => (width - natural).max(Pt::ZERO) / 2.0,
            Align::Right => (width - natural).max(Pt::ZERO),
            Align::Left | Align::Justify => Pt::ZERO,
        };
        let mut runs = Vec::with_capacity(self.runs.len());
        let mut links = Vec::new();
        for (x, run, link) in self.runs {
            if let Some(url) = link {
                links.push(LinkSpan { x: x + shift, width: run.width(), url });
            }
            runs.push((x + shift, run));
        }
        merge_links(&mut links);
        Line { runs, links, width: natural, ascent: self.ascent, descent: self.descent }
    }
}

/// Joins adjacent link areas to the same target (one annotation per visual stretch).
fn merge_links(links: &mut Vec<LinkSpan>) {
    let mut merged: Vec<LinkSpan> = Vec::with_capacity(links.len());
    for l in links.drain(..) {
        match merged.last_mut() {
            Some(m) if m.url == l.url && (m.x + m.width).approx_eq(l.x) => m.width = l.x + l.width - m.x,
            _ => merged.push(l),
        }
    }
    *links = merged;
}

/// Converts a piece's shaped glyphs into frame glyphs whose ranges are relative to the piece's
/// text (each cluster runs to the next cluster's start).
fn glyphs_of(piece: &Piece, tracking: f64) -> Vec<Glyph> {
    let start = piece.range.start;
    let end = piece.range.end;
    if piece.range.is_empty() {
        // A hyphen: all its glyphs stand for the soft hyphen that is its text.
        let len = '\u{AD}'.len_utf8();
        return piece.glyphs.iter().map(|g| frame_glyph(g, 0..len, tracking)).collect();
    }
    let mut starts: Vec<usize> = piece.glyphs.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    piece
        .glyphs
        .iter()
        .map(|g| {
            let next = starts.iter().copied().find(|&s| s > g.cluster).unwrap_or(end);
            frame_glyph(g, g.cluster - start..next - start, tracking)
        })
        .collect()
}

/// Converts one glyph.
fn frame_glyph(g: &crate::font::ShapedGlyph, range: std::ops::Range<usize>, tracking: f64) -> Glyph {
    Glyph {
        id: g.id,
        advance: g.advance + tracking as f32,
        x_offset: g.x_offset,
        y_offset: g.y_offset,
        range,
    }
}
