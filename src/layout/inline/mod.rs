//! Inline layout: a content [`Paragraph`] in a measure → [`Line`]s of positioned glyph runs.
//!
//! The stages: collect (flatten runs, find break opportunities) → prepare (shape with fallback,
//! hyphenate, encode as Knuth–Plass items) → linebreak (total fit) → finalize (justify, hyphens,
//! links, bidi reordering, alignment). `bidi` and `cjk` hold the script rules: UAX #9 levels and
//! visual order, Korean keep-all, CJK inter-character and autospace glue.

pub(crate) mod bidi;
mod cjk;
mod collect;
mod finalize;
pub mod hyphenate;
pub mod linebreak;
pub mod microtype;
mod prepare;

use crate::content::{Paragraph, RunStyle};
use crate::diag::Warning;
use crate::font::shaper::Shapers;
use crate::font::{FontBook, FontId};
use crate::geom::Pt;
use crate::layout::frame::TextRun;
use hyphenate::Hyphenator;

/// The family used when a layout names one that is not loaded (a warning says so).
const FALLBACK_FAMILY: &str = "Source Serif 4";
/// Gap between a hanging marker and the text, in ems of the marker's size.
const MARKER_GAP_EM: f64 = 0.5;

/// One laid-out line. How it was set (its adjustment ratio, expansion, hyphen) travels on its
/// last run as a [`LineSetting`](crate::layout::frame::LineSetting), so it reaches the pages.
#[derive(Debug, Clone)]
pub struct Line {
    /// Glyph runs with their x offset from the line's left edge (indent included).
    pub runs: Vec<(Pt, TextRun)>,
    /// Link areas on this line.
    pub links: Vec<LinkSpan>,
    /// The natural width of the line's content.
    pub width: Pt,
    /// Height of the tallest glyph above the baseline (from font metrics).
    pub ascent: Pt,
    /// Depth of the deepest glyph below the baseline.
    pub descent: Pt,
}

impl Line {
    /// Returns how the line was set, if inline layout set it (an empty line has no runs).
    pub fn setting(&self) -> Option<&crate::layout::frame::LineSetting> {
        self.runs.iter().rev().find_map(|(_, r)| r.line.as_ref())
    }
}

/// A horizontal stretch of a line that links somewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkSpan {
    /// Left edge relative to the line.
    pub x: Pt,
    /// Width.
    pub width: Pt,
    /// Target.
    pub url: String,
}

impl LinkSpan {
    /// Whether a run starting at `x` (relative to the line) is part of the link: the span is
    /// the union of its runs, so a run of it starts inside it.
    pub fn covers(&self, x: Pt) -> bool {
        let end = self.x + self.width;
        (x > self.x || x.approx_eq(self.x)) && x < end && !x.approx_eq(end)
    }
}

/// What inline layout needs from outside: fonts, hyphenation, language, and a place for warnings.
pub struct InlineCtx<'a> {
    /// The faces.
    pub fonts: &'a FontBook,
    /// The shaping session over `fonts`, kept for every paragraph set in this context. Private,
    /// as is `labels`: both start empty with the context ([`InlineCtx::new`]), so a session is
    /// always over the context's own `fonts`.
    shapers: Shapers<'a>,
    /// The labels set so far in this context, with their lines ([`layout_label`]): a list's
    /// marker is set for every item, and measured before, with the same run.
    labels: Vec<(crate::content::Run, Option<Line>)>,
    /// The paragraphs set so far by [`layout_kept`], with their widths and lines.
    kept: Vec<(Paragraph, Pt, Vec<Line>)>,
    /// Hyphenation patterns and exceptions.
    pub hyphenator: &'a Hyphenator,
    /// Whether to hyphenate at all.
    pub hyphenate: bool,
    /// Character protrusion and font expansion in justified paragraphs.
    pub microtype: crate::theme::Microtype,
    /// BCP 47 language for shaping.
    pub lang: &'a str,
    /// Problems worked around.
    pub warnings: &'a mut Vec<Warning>,
}

impl<'a> InlineCtx<'a> {
    /// Returns a context over `fonts` with a fresh shaping session and no labels set yet.
    pub fn new(
        fonts: &'a FontBook,
        hyphenator: &'a Hyphenator,
        hyphenate: bool,
        microtype: crate::theme::Microtype,
        lang: &'a str,
        warnings: &'a mut Vec<Warning>,
    ) -> InlineCtx<'a> {
        InlineCtx {
            fonts,
            shapers: fonts.shapers(),
            labels: Vec::new(),
            kept: Vec::new(),
            hyphenator,
            hyphenate,
            microtype,
            lang,
            warnings,
        }
    }

    /// Returns the face for a style (content looked it up), warning once per call when the
    /// family is unknown.
    pub fn font_for(&mut self, style: &RunStyle) -> FontId {
        if let Some(id) = style.face_in(self.fonts) {
            return id;
        }
        let w =
            Warning::new(format!("font family `{}` is not available; using {FALLBACK_FAMILY}", style.family));
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
        self.fonts.select(FALLBACK_FAMILY, style.bold, style.italic).unwrap_or(FontId(0))
    }
}

/// Breaks a paragraph into lines of `width` (the indent is taken from it) and places its marker.
pub fn layout_paragraph(p: &Paragraph, width: Pt, ctx: &mut InlineCtx) -> Vec<Line> {
    let measure = (width - p.indent).max(Pt(1.0));
    let collected = collect::collect(p);
    if collected.text.is_empty() {
        return Vec::new();
    }
    let ops = collect::opportunities(&collected);
    let (alignment, params) = breaking(p, measure, ctx.microtype.expansion);
    let prepared = prepare::prepare(&collected, &ops, alignment, measure, ctx);
    let outcome = linebreak::break_lines(&prepared.items, &|_| measure, &params);
    let mut lines = finalize::finalize(ctx.fonts, &collected, &prepared, &outcome.breaks, p.align, measure);
    // The lines hold copies of the glyphs: the pieces' vectors go back for the next paragraph.
    let rtl = prepared.levels.rtl;
    prepared.recycle(&mut ctx.shapers);
    // A right-to-left paragraph is indented from the right, its marker hanging there; so is
    // every paragraph of a right-to-left document (an e-mail address under a contact icon
    // keeps its own order, but its icon hangs on the document's side).
    let rtl = rtl || crate::locale::script::is_rtl_language(ctx.lang);
    if !rtl {
        indent(&mut lines, p.indent);
    }
    if let (Some(marker), Some(first)) = (&p.marker, lines.first_mut()) {
        let side = if rtl { MarkerSide::Right(measure) } else { MarkerSide::Left(p.indent) };
        hang_marker(first, marker, side, ctx);
    }
    lines
}

/// Breaks a paragraph into lines as [`layout_paragraph`] does, keeping them in the context:
/// a later call with an equal paragraph and width returns a copy instead of setting it again.
/// For paragraphs measured before they are set (a heading row's right part, whose width
/// decides how its column's rows are set): the lines depend only on the paragraph, the width
/// and the context's fonts, language and settings. (Warnings were given the first time;
/// layout keeps only the first of repeated ones anyway.)
pub fn layout_kept(p: &Paragraph, width: Pt, ctx: &mut InlineCtx) -> Vec<Line> {
    if let Some((_, _, lines)) = ctx.kept.iter().find(|(q, w, _)| *w == width && q == p) {
        return lines.clone();
    }
    let lines = layout_paragraph(p, width, ctx);
    ctx.kept.push((p.clone(), width, lines.clone()));
    lines
}

/// Returns how a paragraph's items are encoded and the line breaker's parameters. The
/// paragraph's first size sets the em-based lengths: the ragged end stretch is the same on every
/// line, so ragged lines are compared by their unused space alone.
///
/// With font expansion, justified text is held to ratio 1 in the hyphenating pass too
/// (`tolerance` = `pretolerance` = 100): the glyphs now carry part of every adjustment, so a
/// line at ratio 1 already has its spaces at their full stretch (+50%), and plain TeX's 200
/// (ratio 1.26) would let spaces grow by nearly two thirds rather than hyphenate; a paragraph
/// that cannot be set within it still has the emergency pass.
fn breaking(p: &Paragraph, measure: Pt, expansion: bool) -> (linebreak::Alignment, linebreak::Params) {
    let size = p.runs.first().map_or(Pt(10.0), |r| r.style.size);
    match p.align {
        crate::content::Align::Justify => {
            let mut params = linebreak::Params::for_font_size(size);
            if expansion {
                params.tolerance = params.pretolerance;
            }
            (linebreak::Alignment::Justified, params)
        }
        _ => (
            linebreak::Alignment::Ragged(linebreak::ragged_stretch(size)),
            linebreak::Params::for_font_size(size).ragged(measure, size),
        ),
    }
}

/// Shifts every line right by the paragraph's indent.
fn indent(lines: &mut [Line], by: Pt) {
    for line in lines {
        line.runs.iter_mut().for_each(|(x, _)| *x += by);
        line.links.iter_mut().for_each(|l| l.x += by);
    }
}

/// Sets a short run (a bullet, a list number) on one line at its natural width, as a marker
/// is drawn; `None` when it sets nothing (white space only).
///
/// A label set before in the same context is not set again: its line depends only on the run
/// and on the context's fonts, language and settings. (Warnings it gave were given then.)
pub fn layout_label(label: &crate::content::Run, ctx: &mut InlineCtx) -> Option<Line> {
    if let Some((_, line)) = ctx.labels.iter().find(|(run, _)| run == label) {
        return line.clone();
    }
    let line = set_label(label, ctx);
    ctx.labels.push((label.clone(), line.clone()));
    line
}

/// Sets a label on one line at its natural width (see [`layout_label`]).
fn set_label(label: &crate::content::Run, ctx: &mut InlineCtx) -> Option<Line> {
    /// A measure no label reaches, so the run is never broken.
    const UNBOUNDED: Pt = Pt(1e4);
    let para = Paragraph {
        runs: vec![label.clone()],
        align: crate::content::Align::Left,
        indent: Pt::ZERO,
        marker: None,
        leading: Pt::ZERO,
    };
    layout_paragraph(&para, UNBOUNDED, ctx).pop()
}

/// Where a paragraph's marker hangs.
#[derive(Debug, Clone, Copy)]
enum MarkerSide {
    /// Left of a left-to-right paragraph, flush right against its indent.
    Left(Pt),
    /// Right of a right-to-left paragraph, whose text ends at this x (the measure).
    Right(Pt),
}

/// Sets the marker (bullet or number) in the indent beside the first line: flush against the
/// text, a gap between them.
fn hang_marker(first: &mut Line, marker: &crate::content::Run, side: MarkerSide, ctx: &mut InlineCtx) {
    let Some(m) = layout_label(marker, ctx) else { return };
    let gap = marker.style.size * MARKER_GAP_EM;
    let x = match side {
        MarkerSide::Left(indent) => (indent - m.width - gap).max(Pt::ZERO),
        MarkerSide::Right(text_end) => text_end + gap,
    };
    // Measured from its own left edge: in a right-to-left document the marker's line is flush
    // right in its wide measure.
    let left = m.runs.iter().map(|(dx, _)| *dx).fold(Pt(f64::INFINITY), Pt::min);
    // The marker is no line of its own: the line it hangs beside keeps the setting.
    let runs =
        m.runs.into_iter().map(|(dx, r)| (x + dx - left, crate::layout::frame::TextRun { line: None, ..r }));
    first.runs.splice(0..0, runs);
}

#[cfg(test)]
mod tests;
