//! Finalize: turns the chosen breaks into lines of positioned glyph runs, justifying spaces by
//! each line's adjustment ratio, adding hyphens and link areas, and aligning the lines.

use super::collect::Collected;
use super::linebreak::{Break, Item};
use super::prepare::{Piece, Prepared, tracking_for};
use super::{Line, LinkSpan, microtype};
use crate::content::Align;
use crate::font::{FontBook, FontId};
use crate::geom::{Color, Pt};
use crate::layout::frame::{Glyph, LineSetting, TextRun};

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
    // One list of draws, emptied for each line: a paragraph's lines need no list each.
    let mut draws = Vec::new();
    for (n, b) in breaks.iter().enumerate() {
        let last = n + 1 == breaks.len();
        lines.push(line(fonts, c, p, start, b, Layout { align, width, last }, &mut draws));
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

/// How a paragraph's lines are laid out, and whether this is its last line.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// The paragraph's alignment.
    align: Align,
    /// The measure.
    width: Pt,
    /// Whether the line is the paragraph's last.
    last: bool,
}

/// Lays out one line: items `start..b.index`, plus a hyphen if the break is at one. `draws`
/// is scratch space for what the line draws (emptied first).
fn line<'p>(
    fonts: &FontBook,
    c: &'p Collected,
    p: &'p Prepared,
    start: usize,
    b: &Break,
    layout: Layout,
    draws: &mut Vec<Draw<'p>>,
) -> Line {
    let Layout { align, width, last } = layout;
    let end = b.index.min(p.items.len());
    // Two breaks with only discardable items between them make an empty line: skipping those
    // items after the previous break can pass this break's index.
    let start = start.min(end);
    let trailing = trailing_glue_start(&p.items, start, end);
    let hyphen = p.hyphen_at(end);
    // A justified line is set at its ratio; the last line keeps its natural spaces unless it is
    // wider than the measure, when it shrinks like any other line (TeX's last line does too: its
    // fill glue stretches, never its spaces, but they may shrink).
    let justified = align == Align::Justify && (!last || b.ratio < 0.0);
    let fit = if justified {
        fit(&p.items[start..trailing], p.items.get(end), hyphen, b.ratio, width, p.expansion)
    } else {
        Fit { ratio: 0.0, expansion: 0.0, hang: Pt::ZERO }
    };
    let scale = 1.0 + fit.expansion;
    let mut builder = LineBuilder {
        fonts,
        runs: Vec::new(),
        linked: Vec::new(),
        last_em: 0.0,
        x: Pt::ZERO,
        ascent: Pt::ZERO,
        descent: Pt::ZERO,
        scale,
        room: (0, 0),
    };
    draws.clear();
    draws.reserve(trailing - start + 1);
    for i in start..trailing {
        match (&p.items[i], p.item_piece[i]) {
            (Item::Box { .. }, Some(pi)) => draws.push(Draw::Piece(&p.pieces[pi], None)),
            (Item::Glue { width: w, stretch, shrink }, piece) => {
                let adjust = if fit.ratio >= 0.0 { *stretch * fit.ratio } else { *shrink * fit.ratio };
                let target = if justified { *w + adjust } else { *w };
                draws.push(match piece {
                    Some(pi) => Draw::Piece(&p.pieces[pi], Some(target)),
                    // Glue without a piece: CJK inter-character and autospace glue, and the
                    // zero-width glue of ragged breaks.
                    None => Draw::Advance(target),
                });
            }
            _ => {}
        }
    }
    if let Some(h) = hyphen {
        draws.push(Draw::Piece(h, None));
    }
    if p.levels.mixed() {
        *draws = visual_order(std::mem::take(draws));
    }
    builder.room = room(draws);
    for &d in draws.iter() {
        match d {
            Draw::Piece(piece, w) => builder.piece(c, piece, w),
            Draw::Advance(w) => builder.x += w,
        }
    }
    // A right-to-left paragraph starts at the right: flush right where a left-to-right one is
    // flush left (ragged, and the last line of justified text).
    let align = match align {
        Align::Left if p.levels.rtl => Align::Right,
        Align::Justify if p.levels.rtl && !justified => Align::Right,
        a => a,
    };
    let setting = LineSetting {
        ratio: fit.ratio,
        justified,
        hyphenated: hyphen.is_some(),
        expansion: fit.expansion,
        measure_end: width,
        protrusion: fit.hang,
    };
    builder.finish(align, width, setting)
}

/// Returns the text bytes and glyphs a line's draws add (a hyphen's text is its soft hyphen):
/// what its runs hold at most, reserved when a run starts so that it grows without copying.
fn room(draws: &[Draw]) -> (usize, usize) {
    draws.iter().fold((0, 0), |(bytes, glyphs), d| match d {
        Draw::Piece(pc, _) => (bytes + pc.range.len().max('\u{AD}'.len_utf8()), glyphs + pc.glyphs.len()),
        Draw::Advance(_) => (bytes, glyphs),
    })
}

/// One thing a line draws, in logical order until [`visual_order`] puts it in visual order.
#[derive(Debug, Clone, Copy)]
enum Draw<'a> {
    /// A piece, with the width a justified space is set to.
    Piece(&'a Piece, Option<Pt>),
    /// Empty space of a width.
    Advance(Pt),
}

/// Puts a line's draws in visual order by their bidi levels (UAX #9 rule L2). A piece has its
/// own level; an inserted hyphen and a glue without a piece take the level of the piece before
/// them (a glue at the line's start, the one after), as they belong to that word or gap.
fn visual_order(draws: Vec<Draw>) -> Vec<Draw> {
    let own: Vec<Option<u8>> = draws
        .iter()
        .map(|d| match d {
            Draw::Piece(pc, _) if !pc.range.is_empty() => Some(pc.level),
            _ => None,
        })
        .collect();
    let first = own.iter().flatten().next().copied().unwrap_or(0);
    let mut last = first;
    let levels: Vec<u8> = own
        .iter()
        .map(|l| {
            last = l.unwrap_or(last);
            last
        })
        .collect();
    let mut slots: Vec<Option<Draw>> = draws.into_iter().map(Some).collect();
    super::bidi::visual_order(&levels)
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// How a justified line is filled: the ratio its spaces are set at, the expansion of its
/// glyphs, and how far its last glyph hangs into the margin.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Fit {
    /// The glue set ratio of the spaces after expansion.
    ratio: f64,
    /// The horizontal scale of the glyphs, less one.
    expansion: f64,
    /// The protrusion of the line's last character.
    hang: Pt,
}

/// Fills a justified line of `items` (ending before `end`, the break item) to `width`: the
/// glyphs take the expansion step nearest their share of the breaker's `ratio` (as pdfTeX's
/// expansion does), the spaces absorb the rest exactly, and a protruding last character (a
/// break penalty of negative width, or a hyphen narrower in the items than drawn) hangs out.
fn fit(items: &[Item], end: Option<&Item>, hyphen: Option<&Piece>, ratio: f64, width: Pt, max: f64) -> Fit {
    let (mut boxes, mut glue, mut stretch, mut shrink) = (Pt::ZERO, Pt::ZERO, Pt::ZERO, Pt::ZERO);
    for item in items {
        match *item {
            Item::Box { width, .. } => boxes += width,
            Item::Glue { width, stretch: st, shrink: sh } => {
                glue += width;
                stretch += st;
                shrink += sh;
            }
            Item::Penalty { .. } => {}
        }
    }
    let drawn_hyphen = hyphen.map_or(Pt::ZERO, |h| h.width);
    let counted = match end {
        Some(Item::Penalty { width, .. }) => *width,
        _ => Pt::ZERO,
    };
    let hang = (drawn_hyphen - counted).max(Pt::ZERO);
    let glyphs = boxes + drawn_hyphen;
    let free = width + hang - glyphs - glue;
    let spaces = |e: f64| {
        let rest = free - glyphs * e;
        match rest {
            r if r.get() >= 0.0 && stretch.get() > 0.0 => r.get() / stretch.get(),
            r if r.get() < 0.0 && shrink.get() > 0.0 => r.get() / shrink.get(),
            _ => 0.0,
        }
    };
    // Whether the spaces cannot absorb what the glyphs at expansion `e` leave over: beyond
    // their shrink, or any excess at all on a line without shrinkable space (one word).
    let overfull = |e: f64| {
        let rest = free - glyphs * e;
        !Pt::ZERO.fits(rest) && (shrink.get() <= 0.0 || rest.get() / shrink.get() < -1.0)
    };
    let mut expansion = microtype::expansion_for(ratio, max);
    // Rounding to a step may ask the spaces to shrink beyond their limit: take the next
    // narrower step then, as long as there is one.
    while overfull(expansion) && expansion - microtype::EXPANSION_STEP >= -max - 1e-9 {
        expansion -= microtype::EXPANSION_STEP;
    }
    Fit { ratio: spaces(expansion), expansion, hang }
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
    /// The horizontal scale of the line's glyphs (font expansion).
    scale: f64,
    /// The runs so far, with their left edges: they become the line's runs as they are.
    runs: Vec<(Pt, TextRun)>,
    /// The runs that link somewhere, by index in `runs`, with their targets (borrowed from the
    /// paragraph until a link area needs its own copy; most lines have none).
    linked: Vec<(usize, &'a str)>,
    /// The advance of the last run in ems, summed as [`TextRun::width`] sums it, so that a
    /// piece can be checked against the run's end without adding up the run again.
    last_em: f64,
    x: Pt,
    ascent: Pt,
    descent: Pt,
    /// The text bytes and glyphs the rest of the line adds at most ([`room`]): a new run
    /// reserves that much.
    room: (usize, usize),
}

impl<'a> LineBuilder<'a> {
    /// Appends a piece; `width` overrides its advance (a justified space), otherwise its glyphs
    /// are scaled by the line's expansion.
    fn piece(&mut self, c: &Collected<'a>, piece: &Piece, width: Option<Pt>) {
        if piece.glyphs.is_empty() {
            return;
        }
        let span = &c.spans[piece.span];
        let style = span.style;
        let size = style.size;
        // A justified space spreads its adjustment over its glyphs (usually one).
        let extra = width.map(|w| ((w - piece.width).get() / size.get() / piece.glyphs.len() as f64) as f32);
        let text = if piece.range.is_empty() { "\u{AD}" } else { &c.text[piece.range.clone()] };
        let run = self.run_for(piece.font, size, style.color, span.link);
        let base = run.text.len();
        run.text.push_str(text);
        let first = run.glyphs.len();
        // Most styles have no tracking: then there is none to withhold from joining scripts.
        let tracking = if style.tracking == 0.0 { 0.0 } else { tracking_for(style, text) };
        push_glyphs(&mut run.glyphs, piece, tracking, base);
        let (_, run) = self.runs.last_mut().expect("run_for made one");
        let scale = self.scale as f32;
        for g in &mut run.glyphs[first..] {
            match extra {
                Some(extra) => g.advance += extra,
                None => g.advance *= scale,
            }
            self.last_em += f64::from(g.advance);
        }
        self.x += width.unwrap_or(piece.width * self.scale);
        let m = self.fonts.face(piece.font).metrics;
        self.ascent = self.ascent.max(size * m.ascent);
        self.descent = self.descent.max(size * m.descent);
        // What this piece took of the room the line's later runs reserve.
        self.room.0 = self.room.0.saturating_sub(text.len());
        self.room.1 = self.room.1.saturating_sub(piece.glyphs.len());
    }

    /// Returns the link target of the last run in `runs`: the last of `linked`, if it is that
    /// run's.
    fn last_link(&self) -> Option<&'a str> {
        match self.linked.last() {
            Some(&(i, url)) if i + 1 == self.runs.len() => Some(url),
            _ => None,
        }
    }

    /// Returns the run to add glyphs to: the last one if font, size, colour and link match and
    /// it ends where the pen is, otherwise a new one.
    fn run_for(&mut self, font: FontId, size: Pt, color: Color, link: Option<&'a str>) -> &mut TextRun {
        let continues = self.runs.last().is_some_and(|(x0, run)| {
            run.font == font
                && run.size == size
                && run.color == color
                && self.last_link() == link
                && (*x0 + size * self.last_em).approx_eq(self.x)
        });
        if !continues {
            let scale = self.scale as f32;
            let synthetic = self.fonts.face(font).synthetic;
            let run = TextRun {
                font,
                size,
                color,
                text: String::with_capacity(self.room.0),
                glyphs: Vec::with_capacity(self.room.1),
                scale,
                line: None,
                synthetic,
            };
            if let Some(url) = link {
                self.linked.push((self.runs.len(), url));
            }
            self.runs.push((self.x, run));
            self.last_em = 0.0;
        }
        &mut self.runs.last_mut().expect("a run was just ensured").1
    }

    /// Aligns the line in the measure and returns it, its last run carrying the setting (with
    /// the measure's end made relative to that run).
    fn finish(self, align: Align, width: Pt, setting: LineSetting) -> Line {
        let natural = self.x;
        let shift = match align {
            Align::Center => (width - natural).max(Pt::ZERO) / 2.0,
            Align::Right => (width - natural).max(Pt::ZERO),
            Align::Left | Align::Justify => Pt::ZERO,
        };
        let mut runs = self.runs;
        runs.iter_mut().for_each(|(x, _)| *x += shift);
        let mut links: Vec<LinkSpan> = self
            .linked
            .iter()
            .map(|&(i, url)| LinkSpan { x: runs[i].0, width: runs[i].1.width(), url: url.to_string() })
            .collect();
        merge_links(&mut links);
        if let Some((x, run)) = runs.last_mut() {
            run.line = Some(LineSetting { measure_end: setting.measure_end - *x, ..setting });
        }
        Line { runs, links, width: natural, ascent: self.ascent, descent: self.descent }
    }
}

/// Joins adjacent link areas to the same target (one annotation per visual stretch), in place:
/// each area is compared with the last one kept, which it extends or follows.
fn merge_links(links: &mut Vec<LinkSpan>) {
    links.dedup_by(|l, m| {
        let joins = m.url == l.url && (m.x + m.width).approx_eq(l.x);
        if joins {
            m.width = l.x + l.width - m.x;
        }
        joins
    });
}

/// Appends a piece's shaped glyphs to `out` as frame glyphs whose ranges are relative to the
/// run's text, the piece's text starting at byte `base` (each cluster runs to the next
/// cluster's start).
fn push_glyphs(out: &mut Vec<Glyph>, piece: &Piece, tracking: f64, base: usize) {
    let start = piece.range.start;
    let end = piece.range.end;
    if piece.range.is_empty() {
        // A hyphen: all its glyphs stand for the soft hyphen that is its text.
        let len = '\u{AD}'.len_utf8();
        out.extend(piece.glyphs.iter().map(|g| frame_glyph(g, base..base + len, tracking)));
        return;
    }
    // Clusters usually come in order (left-to-right text); then the next cluster's start is
    // found by looking ahead. Otherwise (right-to-left), by searching the sorted starts.
    let ordered = piece.glyphs.windows(2).all(|w| w[0].cluster <= w[1].cluster);
    let sorted: Vec<usize> = if ordered {
        Vec::new()
    } else {
        let mut v: Vec<usize> = piece.glyphs.iter().map(|g| g.cluster).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    out.reserve(piece.glyphs.len());
    for (i, g) in piece.glyphs.iter().enumerate() {
        let next = if ordered {
            piece.glyphs[i + 1..].iter().map(|n| n.cluster).find(|&s| s > g.cluster)
        } else {
            sorted.get(sorted.partition_point(|&s| s <= g.cluster)).copied()
        }
        .unwrap_or(end);
        out.push(frame_glyph(g, base + g.cluster - start..base + next - start, tracking));
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::ShapedGlyph;

    fn piece(range: std::ops::Range<usize>, clusters: &[usize]) -> Piece {
        let glyphs = clusters
            .iter()
            .map(|&cluster| ShapedGlyph { id: 1, advance: 0.5, x_offset: 0.0, y_offset: 0.0, cluster })
            .collect();
        Piece { range, span: 0, font: FontId(0), glyphs, width: Pt(1.0), space: false, level: 0 }
    }

    fn ranges(p: &Piece, base: usize) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        push_glyphs(&mut out, p, 0.0, base);
        out.into_iter().map(|g| g.range).collect()
    }

    #[test]
    fn glyph_ranges_run_to_the_next_cluster_in_either_direction() {
        // Left to right, a ligature (two glyphs of cluster 12) and a mark sharing cluster 14.
        let ltr = piece(10..17, &[10, 11, 12, 12, 14, 14, 15]);
        assert_eq!(ranges(&ltr, 0), vec![0..1, 1..2, 2..4, 2..4, 4..5, 4..5, 5..7]);
        // The same clusters right to left: each still runs to the next larger cluster.
        let rtl = piece(10..17, &[15, 14, 14, 12, 12, 11, 10]);
        assert_eq!(ranges(&rtl, 0), vec![5..7, 4..5, 4..5, 2..4, 2..4, 1..2, 0..1]);
        // Appended after 3 bytes of earlier text.
        assert_eq!(ranges(&piece(0..2, &[0, 1]), 3), vec![3..4, 4..5]);
    }

    #[test]
    fn adjacent_links_to_one_target_merge_in_place() {
        let span = |x: f64, width: f64, url: &str| LinkSpan { x: Pt(x), width: Pt(width), url: url.into() };
        let mut links = vec![
            span(0.0, 10.0, "a"),
            span(10.0, 5.0, "a"),
            span(15.0, 5.0, "a"),
            span(20.0, 5.0, "b"),
            span(30.0, 5.0, "b"),
            span(35.0, 1.0, "a"),
        ];
        merge_links(&mut links);
        assert_eq!(
            links,
            vec![span(0.0, 20.0, "a"), span(20.0, 5.0, "b"), span(30.0, 5.0, "b"), span(35.0, 1.0, "a")]
        );
    }

    #[test]
    fn a_hyphen_stands_for_a_soft_hyphen() {
        assert_eq!(ranges(&piece(5..5, &[5]), 4), vec![4..6]);
    }
}
