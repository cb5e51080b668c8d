//! Shaping a piece of a paragraph: a range of one span into runs of one face each (fallback
//! for the characters the span's face lacks, bidi levels split), with a paragraph's spaces
//! shaped once per span and copied, and the widths the encoder gives their boxes.

use super::*;

/// Shapes `range` (inside one span) into pieces, one per fallback font, and adds boxes for them
/// unless they are spaces.
pub(super) fn shape_into(
    p: &mut Encoder,
    c: &Collected,
    range: Range<usize>,
    is_space: bool,
    ctx: &mut InlineCtx,
) {
    let span = p.span_at(c, range.start);
    let text = &c.text[range.clone()];
    let single_space = is_space && text == " ";
    if single_space && let Some(piece) = p.space_like(span, range.start, &mut ctx.shapers) {
        p.pieces.push(piece);
        return;
    }
    let style = c.spans[span].style;
    let primary = p.span_fonts[span];
    let (one, segmented);
    let runs: &[fallback::FontRun] = if !text.is_empty() && fallback::ascii_in(ctx.fonts, text, primary) {
        // What `segment` answers for such text, without its vector: one run of the primary.
        one = [fallback::FontRun { range: 0..text.len(), font: primary }];
        &one
    } else {
        let missing;
        (segmented, missing) = fallback::segment(ctx.fonts, text, primary);
        if !missing.is_empty() {
            warn_missing(ctx, &missing);
            // Not kept as the span's space below, so that the warning is given every time.
            return shape_runs(p, c, range, &segmented, (span, style), is_space, ctx);
        }
        &segmented
    };
    let first = p.pieces.len();
    shape_runs(p, c, range, runs, (span, style), is_space, ctx);
    // A single space is shaped as one piece (one byte, one face, one level) and kept for the
    // span's next spaces when it has one glyph, which reads the same in either direction (see
    // `Encoder::space_like`).
    if single_space && let Some(piece) = p.pieces.get(first).filter(|pc| pc.glyphs.len() == 1) {
        p.spaces.keep(span, || piece.clone());
    }
}

/// Warns of characters no face has (they are drawn as the primary face's box).
pub(super) fn warn_missing(ctx: &mut InlineCtx, missing: &[fallback::MissingChar]) {
    for m in missing {
        ctx.warnings.push(Warning::new(format!(
            "no bundled font has the character U+{:04X} ‘{}’; it is drawn as a box",
            u32::from(m.ch),
            m.ch
        )));
    }
}

/// Shapes the face runs of `range` (from [`fallback::segment`]) into pieces, split where the
/// bidi level changes, and adds boxes for them unless they are spaces.
pub(super) fn shape_runs(
    p: &mut Encoder,
    c: &Collected,
    range: Range<usize>,
    runs: &[fallback::FontRun],
    (span, style): (usize, &RunStyle),
    is_space: bool,
    ctx: &mut InlineCtx,
) {
    for run in runs {
        let r = range.start + run.range.start..range.start + run.range.end;
        // The level changes inside the run (none, without a vector, in a paragraph at one
        // level), then its end.
        let cuts = p.levels.changes(r.clone()).into_iter().chain([r.end]);
        let mut from = r.start;
        for to in cuts {
            let level = p.levels.at(from);
            let piece = shape_leveled(ctx, &c.text, from..to, (run.font, style, span), is_space, level);
            let w = piece.width;
            p.pieces.push(piece);
            if !is_space {
                let at = p.builder.push_box(w);
                p.drawn.push((at, p.pieces.len() - 1));
            }
            from = to;
        }
    }
}

/// Shapes one range at one bidi level. The shaper guesses the direction from the script, so
/// text with Hebrew or Arabic letters comes back right to left with its brackets mirrored;
/// a right-to-left piece without such letters (brackets, punctuation, a dash between RTL
/// words) would come back left to right, so its brackets are mirrored here and its glyphs
/// reversed.
pub(super) fn shape_leveled(
    ctx: &mut InlineCtx,
    text: &str,
    range: Range<usize>,
    (font, style, span): (FontId, &RunStyle, usize),
    space: bool,
    level: u8,
) -> Piece {
    let part = &text[range.clone()];
    if level.is_multiple_of(2) || part.chars().any(bidi::strong_rtl) {
        return Piece { level, ..shape_piece(ctx, text, range, font, style, span, space) };
    }
    let mirrored: String = part.chars().map(|ch| bidi::mirror(ch).unwrap_or(ch)).collect();
    let mut piece = shape_piece(ctx, &mirrored, 0..mirrored.len(), font, style, span, space);
    piece.glyphs.iter_mut().for_each(|g| g.cluster += range.start);
    piece.glyphs.reverse();
    Piece { range, level, ..piece }
}

/// Shapes one range in one face.
pub(super) fn shape_piece(
    ctx: &mut InlineCtx,
    text: &str,
    range: Range<usize>,
    font: FontId,
    style: &RunStyle,
    span: usize,
    space: bool,
) -> Piece {
    let glyphs = ctx.shapers.shape(font, text, range.clone(), ctx.lang);
    let width = glyph_width(&glyphs, style, &text[range.clone()]);
    Piece { range, span, font, glyphs, width, space, level: 0 }
}

/// Shapes a short text that is not part of the paragraph (a hyphen), placing its cluster at
/// byte `at` so that it sorts after the preceding text.
pub(super) fn shape_text(
    ctx: &mut InlineCtx,
    s: &str,
    style: &RunStyle,
    font: FontId,
    span: usize,
    at: usize,
) -> Option<Piece> {
    let mut glyphs = ctx.shapers.shape(font, s, 0..s.len(), ctx.lang);
    glyphs.iter_mut().for_each(|g| g.cluster = at);
    let width = glyph_width(&glyphs, style, s);
    let level = 0;
    (!glyphs.is_empty()).then_some(Piece { range: at..at, span, font, glyphs, width, space: false, level })
}

/// Returns the advance of the glyphs shaped from `text` at a style's size, with the tracking
/// [`tracking_for`] gives that text.
pub fn glyph_width(glyphs: &[ShapedGlyph], style: &RunStyle, text: &str) -> Pt {
    let tracking = tracking_for(style, text);
    let em: f64 = glyphs.iter().map(|g| f64::from(g.advance) + tracking).sum();
    style.size * em
}

/// Returns the tracking (in ems, added after every glyph) for a piece of `text`: the style's,
/// or none when the text has letters of a script whose letters join, where extra space after
/// each glyph would cut the joins — the headstroke of Devanagari, Bengali and Gurmukhi, the
/// connections of Arabic, Syriac, N'Ko, Mandaic and Mongolian (CSS Text 3 likewise keeps
/// letter-spacing out of cursive scripts). A spaced-out heading in such a script is set solid.
pub fn tracking_for(style: &RunStyle, text: &str) -> f64 {
    if style.tracking != 0.0 && text.chars().any(joins) { 0.0 } else { style.tracking }
}

/// Whether `ch` belongs to a script whose letters join (see [`tracking_for`]).
pub(super) fn joins(ch: char) -> bool {
    matches!(ch,
        '\u{0600}'..='\u{06FF}' // Arabic
        | '\u{0700}'..='\u{074F}' // Syriac
        | '\u{0750}'..='\u{077F}' // Arabic Supplement
        | '\u{07C0}'..='\u{07FF}' // N'Ko
        | '\u{0840}'..='\u{085F}' // Mandaic
        | '\u{0870}'..='\u{08FF}' // Arabic Extended-B and -A
        | '\u{0900}'..='\u{0A7F}' // Devanagari, Bengali, Gurmukhi
        | '\u{1800}'..='\u{18AF}' // Mongolian
        | '\u{A8E0}'..='\u{A8FF}' // Devanagari Extended
        | '\u{FB50}'..='\u{FDFF}' // Arabic Presentation Forms-A
        | '\u{FE70}'..='\u{FEFC}' // Arabic Presentation Forms-B
    )
}
