//! Boxes: one block laid out in the measure becomes line boxes (paragraphs, heading rows with a
//! right part, images, rules) with the pitch of their lines.

use std::borrow::Cow;

use super::setting::{ColumnSetting, Meta, right_gap};
use super::{VBox, VContent};
use crate::content::{Align, Block, BlockKind, Direction, Paragraph};
use crate::font::{FontBook, FontId, VMetrics};
use crate::geom::Pt;
use crate::layout::inline::{self, InlineCtx, Line};
use crate::layout::tagger::{BlockTags, LineTags};

/// Lays out one block into boxes.
#[allow(clippy::too_many_arguments)]
pub(super) fn block_boxes(
    block: &Block,
    index: usize,
    measure: Pt,
    prev_gap: Pt,
    setting: &ColumnSetting,
    tags: &BlockTags,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    let dir = setting.direction;
    let left = &tags.left;
    let mut boxes = match &block.kind {
        BlockKind::Text(p) => match setting.indents.get(index).copied().flatten() {
            Some(indent) => {
                paragraph_boxes(&Paragraph { indent, ..p.clone() }, index, measure, dir, left, ctx)
            }
            None => paragraph_boxes(p, index, measure, dir, left, ctx),
        },
        BlockKind::Split { left: l, right } if setting.stacked => match setting.meta.get(index) {
            Some(Meta::Deferred) => paragraph_boxes(l, index, measure, dir, left, ctx),
            Some(Meta::Joined(joined)) => stacked_boxes(l, joined, index, measure, dir, tags, ctx),
            _ => stacked_boxes(l, right, index, measure, dir, tags, ctx),
        },
        BlockKind::Split { left: l, right } => split_boxes(l, right, index, measure, dir, tags, ctx),
        BlockKind::Image { size, data, jpeg, round, align, alt } => {
            let x = match mirror_align(*align, dir) {
                Align::Center => (measure - size.w) / 2.0,
                Align::Right => measure - size.w,
                _ => Pt::ZERO,
            };
            let image = crate::layout::frame::ImageItem {
                size: *size,
                data: data.clone(),
                jpeg: *jpeg,
                round: *round,
                alt: alt.clone(),
            };
            vec![VBox {
                height: size.h,
                content: VContent::Image { x, image },
                block: index,
                outline: None,
                tags: vec![tags.left.clone()],
            }]
        }
        BlockKind::Rule { thickness, color, gap } => vec![VBox {
            // The rule sits `gap` below the previous baseline: the box spans what remains of
            // that distance below the previous box, plus the rule itself.
            height: (*gap - prev_gap).max(Pt::ZERO) + *thickness,
            content: VContent::Rule { thickness: *thickness, color: *color },
            block: index,
            outline: None,
            tags: Vec::new(),
        }],
    };
    if let Some(first) = boxes.first_mut() {
        first.outline = block.outline.clone();
    }
    boxes
}

/// Returns an alignment as a document of direction `dir` reads it: right to left, text set
/// from the left edge starts at the right instead, and the other way round.
fn mirror_align(align: Align, dir: Direction) -> Align {
    match align {
        Align::Left if dir.is_rtl() => Align::Right,
        Align::Right if dir.is_rtl() => Align::Left,
        a => a,
    }
}

/// Returns the paragraph as set in a document of direction `dir`: right to left, a paragraph
/// set from the left starts at the right (a Latin one too, which inline layout would
/// otherwise start at the left as a left-to-right paragraph).
fn directed(p: &Paragraph, dir: Direction) -> Cow<'_, Paragraph> {
    match p.align {
        Align::Left if dir.is_rtl() => Cow::Owned(Paragraph { align: Align::Right, ..p.clone() }),
        _ => Cow::Borrowed(p),
    }
}

/// Lays out a paragraph, one box per line, each line tagged with the paragraph's place in the
/// structure (the first line's hung marker as the item's label).
fn paragraph_boxes(
    p: &Paragraph,
    index: usize,
    measure: Pt,
    dir: Direction,
    tags: &LineTags,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    let p = &*directed(p, dir);
    let baseline = baseline_offset(p, ctx.fonts);
    let own = own_box(p, ctx.fonts);
    let label_runs = label_runs(p, tags, ctx);
    inline::layout_paragraph(p, measure, ctx)
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let (height, baseline) =
                line_pitch(p.leading, baseline, own, std::slice::from_ref(&line), ctx.fonts);
            VBox {
                height,
                content: VContent::Lines { baseline, lines: vec![line] },
                block: index,
                outline: None,
                tags: vec![if i == 0 { tags.with_label_runs(label_runs) } else { tags.without_label() }],
            }
        })
        .collect()
}

/// The share of a face's box (its ascent plus descent) that may reach into the next line's
/// box when the face is taller than the one the layout chose its leading for. A font box
/// holds the face's tallest marks, which seldom meet those of the line below at the same
/// place, so boxes may overlap a little; but Noto Sans Arabic's box is 2.1 em tall (room for
/// vowel marks stacked above and below) against Source Serif's 1.37, and at a leading of
/// 1.27 em two Arabic lines' boxes would share 40% of their height: the text reads cramped,
/// and an extractor's word boxes collide.
const LINE_BOX_OVERLAP: f64 = 0.2;

/// Returns the height of a box holding `lines` on one baseline and where its baseline sits:
/// the paragraph's `leading`, or more when a run's face is taller than the paragraph's own
/// face (`own_box`, its ascent plus descent in ems) and its box at that leading would reach
/// into the next line's by more than [`LINE_BOX_OVERLAP`]: then as much more as keeps the
/// overlap to that share, with that face's box centred in the line's (the half-leading model
/// on the tall face; TeX's `\lineskiplimit` guards the same thing with a fixed distance).
/// Text in the paragraph's own face keeps the layout's leading, however tightly a page fit
/// sets it; of the bundled faces only Noto Sans Arabic is taller than its leading allows.
fn line_pitch(leading: Pt, baseline: Pt, own_box: f64, lines: &[Line], fonts: &FontBook) -> (Pt, Pt) {
    // The tallest face's reach above and below the baseline, and the height it needs.
    let mut tallest = (leading, Pt::ZERO, Pt::ZERO);
    for (_, run) in lines.iter().flat_map(|l| &l.runs) {
        let m = fonts.face(run.font).metrics;
        let needed = run.size * (m.ascent + m.descent) * (1.0 - LINE_BOX_OVERLAP);
        if m.ascent + m.descent > own_box && needed > tallest.0 {
            tallest = (needed, run.size * m.ascent, run.size * m.descent);
        }
    }
    match tallest {
        (height, Pt::ZERO, Pt::ZERO) => (height, baseline),
        (height, ascent, descent) => (height, (height - ascent - descent) / 2.0 + ascent),
    }
}

/// Returns the height of the face a paragraph is set in (its first run's), ascent plus
/// descent in ems: what its leading was chosen for.
fn own_box(p: &Paragraph, fonts: &FontBook) -> f64 {
    own_metrics(p, fonts).map_or(0.0, |m| m.ascent + m.descent)
}

/// Returns the vertical metrics of a paragraph's own face (its first run's, resolved once in
/// content); an unknown family falls back to the first face (inline layout has warned already).
/// `None` for a paragraph without runs.
fn own_metrics(p: &Paragraph, fonts: &FontBook) -> Option<VMetrics> {
    let run = p.runs.first()?;
    Some(fonts.face(run.style.face_in(fonts).unwrap_or(FontId(0))).metrics)
}

/// Returns how many runs a paragraph's hung marker sets at the front of its first line (what
/// inline layout splices in), when the paragraph is a list item with a label to tag.
fn label_runs(p: &Paragraph, tags: &LineTags, ctx: &mut InlineCtx) -> usize {
    match (&p.marker, &tags.label) {
        (Some(marker), Some(_)) => inline::layout_label(marker, ctx).map_or(0, |l| l.runs.len()),
        _ => 0,
    }
}

/// Lays out a heading line: the right part is set on the first line's baseline and the left
/// part wraps in the width that remains.
fn split_boxes(
    left: &Paragraph,
    right: &Paragraph,
    index: usize,
    measure: Pt,
    dir: Direction,
    tags: &BlockTags,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    // Measured already when the column's setting was decided (`setting::right_width`).
    let mut right_line = inline::layout_kept(right, measure, ctx).into_iter().next();
    let right_w = right_line.as_ref().map_or(Pt::ZERO, |l| l.width);
    let left_w = measure - right_w - right_gap(right);
    if !left.runs.is_empty() && left_w < measure * MIN_LEFT_SHARE {
        return stacked_boxes(left, right, index, measure, dir, tags, ctx);
    }
    let mut lines = inline::layout_paragraph(&directed(left, dir), left_w, ctx);
    if dir.is_rtl() {
        // Mirrored: the left part takes the right of the measure and the right part (dates,
        // location) goes to the left edge.
        lines.iter_mut().for_each(|l| shift_line(l, measure - left_w));
        if let Some(r) = right_line.as_mut() {
            let start = r.runs.iter().map(|(x, _)| *x).fold(measure, Pt::min);
            shift_line(r, -start);
        }
    }
    let leading = left.leading.max(right.leading);
    let baseline = baseline_offset(left, ctx.fonts).max(baseline_offset(right, ctx.fonts));
    let own = own_box(left, ctx.fonts).max(own_box(right, ctx.fonts));
    let mut boxes: Vec<VBox> = Vec::new();
    if lines.is_empty() {
        lines.push(Line {
            runs: Vec::new(),
            links: Vec::new(),
            width: Pt::ZERO,
            ascent: Pt::ZERO,
            descent: Pt::ZERO,
        });
    }
    for (i, line) in lines.into_iter().enumerate() {
        let mut row = vec![line];
        let mut row_tags = vec![tags.left.clone()];
        // The right part was set flush right in the whole measure already; in the structure
        // it follows the left part, whichever side it is drawn on.
        if i == 0
            && let Some(r) = right_line.take()
        {
            row.push(r);
            row_tags.push(tags.right.clone());
        }
        let (height, baseline) = line_pitch(leading, baseline, own, &row, ctx.fonts);
        boxes.push(VBox {
            height,
            content: VContent::Lines { baseline, lines: row },
            block: index,
            outline: None,
            tags: row_tags,
        });
    }
    boxes
}

/// The least share of the measure the left part of a heading keeps beside the right part; in a
/// narrower column (a sidebar) the right parts go on their own lines under the left instead.
pub(super) const MIN_LEFT_SHARE: f64 = 0.45;

/// Sets a heading's two parts one under the other, both flush left (right in a right-to-left
/// document), for narrow columns.
fn stacked_boxes(
    left: &Paragraph,
    right: &Paragraph,
    index: usize,
    measure: Pt,
    dir: Direction,
    tags: &BlockTags,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    let mut boxes = paragraph_boxes(left, index, measure, dir, &tags.left, ctx);
    if right.runs.is_empty() {
        return boxes;
    }
    let mut under = right.clone();
    under.align = Align::Left;
    boxes.extend(paragraph_boxes(&under, index, measure, dir, &tags.right, ctx));
    boxes
}

/// Moves a line `dx` to the right, with its link areas.
fn shift_line(line: &mut Line, dx: Pt) {
    line.runs.iter_mut().for_each(|(x, _)| *x += dx);
    line.links.iter_mut().for_each(|l| l.x += dx);
}

/// Returns where the baseline sits in a line box: the half-leading model (CSS's), using the
/// metrics of the paragraph's first face.
fn baseline_offset(p: &Paragraph, fonts: &FontBook) -> Pt {
    let (Some(run), Some(m)) = (p.runs.first(), own_metrics(p, fonts)) else { return p.leading * 0.8 };
    let size = run.style.size;
    let content = size * (m.ascent + m.descent);
    (p.leading - content) / 2.0 + size * m.ascent
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Color;

    /// A line of one run of `text` in the bundled face of `family` at 10 pt.
    fn line_in(fonts: &FontBook, family: &str) -> Line {
        let font = fonts.select(family, false, false).expect("bundled face");
        let run = crate::layout::frame::TextRun {
            font,
            size: Pt(10.0),
            color: Color::default(),
            text: String::new(),
            glyphs: Vec::new(),
            scale: 1.0,
            line: None,
            synthetic: fonts.face(font).synthetic,
        };
        Line {
            runs: vec![(Pt::ZERO, run)],
            links: Vec::new(),
            width: Pt::ZERO,
            ascent: Pt::ZERO,
            descent: Pt::ZERO,
        }
    }

    /// The ascent plus descent of a bundled family's face, in ems.
    fn box_of(fonts: &FontBook, family: &str) -> f64 {
        let m = fonts.face(fonts.select(family, false, false).expect("bundled face")).metrics;
        m.ascent + m.descent
    }

    #[test]
    fn a_line_in_its_own_face_keeps_its_leading_however_tight() {
        let fonts = FontBook::bundled();
        let serif = box_of(&fonts, "Source Serif 4");
        // Even a leading tighter than the face's box (a name squeezed to fit a page).
        for leading in [Pt(10.0), Pt(12.7)] {
            let line = line_in(&fonts, "Source Serif 4");
            assert_eq!(line_pitch(leading, Pt(8.0), serif, &[line], &fonts), (leading, Pt(8.0)));
        }
        // Devanagari and Hebrew fallback faces are no taller than Source Serif.
        for family in ["Noto Sans Devanagari", "Noto Sans Hebrew"] {
            let line = line_in(&fonts, family);
            assert_eq!(
                line_pitch(Pt(12.7), Pt(8.0), serif, &[line], &fonts),
                (Pt(12.7), Pt(8.0)),
                "{family}"
            );
        }
        // An empty row (a heading without parts) too.
        assert_eq!(line_pitch(Pt(12.7), Pt(8.0), serif, &[], &fonts), (Pt(12.7), Pt(8.0)));
    }

    #[test]
    fn a_line_of_arabic_grows_so_its_box_overlaps_the_next_by_a_fifth() {
        let fonts = FontBook::bundled();
        let serif = box_of(&fonts, "Source Serif 4");
        let arabic = box_of(&fonts, "Noto Sans Arabic");
        let m = fonts.face(fonts.select("Noto Sans Arabic", false, false).expect("face")).metrics;
        let line = line_in(&fonts, "Noto Sans Arabic");
        let (height, baseline) = line_pitch(Pt(12.7), Pt(8.0), serif, &[line], &fonts);
        let full = Pt(10.0 * arabic);
        assert!(height.approx_eq(full * (1.0 - LINE_BOX_OVERLAP)), "{height:?}");
        // The face's box is centred: it sticks out by the same amount above and below, and two
        // consecutive lines' boxes share a fifth of their height.
        let above = Pt(10.0 * m.ascent) - baseline;
        let below = Pt(10.0 * m.descent) - (height - baseline);
        assert!(above.approx_eq(below), "{above:?} {below:?}");
        assert!((above + below).approx_eq(full * LINE_BOX_OVERLAP));
        // A leading that already holds it is kept.
        let line = line_in(&fonts, "Noto Sans Arabic");
        assert_eq!(line_pitch(Pt(20.0), Pt(15.0), serif, &[line], &fonts), (Pt(20.0), Pt(15.0)));
    }

    #[test]
    fn a_heading_row_takes_the_tallest_of_its_parts() {
        let fonts = FontBook::bundled();
        let serif = box_of(&fonts, "Source Serif 4");
        let row = [line_in(&fonts, "Source Serif 4"), line_in(&fonts, "Noto Sans Arabic")];
        let alone = [line_in(&fonts, "Noto Sans Arabic")];
        assert_eq!(
            line_pitch(Pt(12.7), Pt(8.0), serif, &row, &fonts),
            line_pitch(Pt(12.7), Pt(8.0), serif, &alone, &fonts)
        );
    }

    /// A 10 pt Source Serif paragraph of `text`.
    fn para(text: &str, align: Align) -> Paragraph {
        let style = crate::content::RunStyle {
            family: "Source Serif 4".into(),
            bold: false,
            italic: false,
            size: Pt(10.0),
            color: Color::BLACK,
            tracking: 0.0,
            hyphenate: false,
            font: None,
        };
        let run = crate::content::Run { text: text.into(), style, link: None, nobreak: false };
        Paragraph { runs: vec![run], align, indent: Pt::ZERO, marker: None, leading: Pt(12.5) }
    }

    /// Returns the left and right edges of a line's runs.
    fn extent(line: &Line) -> (f64, f64) {
        let left = line.runs.iter().map(|(x, _)| x.get()).fold(f64::MAX, f64::min);
        let right = line.runs.iter().map(|(x, r)| (*x + r.width()).get()).fold(f64::MIN, f64::max);
        (left, right)
    }

    #[test]
    fn a_right_to_left_document_mirrors_a_heading_row() {
        let fonts = FontBook::bundled();
        let hyphenator = crate::layout::inline::hyphenate::Hyphenator::new("he", &[]);
        let mut warnings = Vec::new();
        let mut ctx = InlineCtx::new(
            &fonts,
            &hyphenator,
            false,
            crate::theme::Microtype::default(),
            "he",
            &mut warnings,
        );
        let (title, dates) = (para("מהנדסת תוכנה", Align::Left), para("מרץ 2021 – היום", Align::Right));
        let row = |dir, ctx: &mut InlineCtx| match split_boxes(
            &title,
            &dates,
            0,
            Pt(400.0),
            dir,
            &BlockTags::default(),
            ctx,
        )
        .remove(0)
        .content
        {
            VContent::Lines { lines, .. } => (extent(&lines[0]), extent(&lines[1])),
            _ => panic!("a heading row is lines"),
        };
        let near = |a: f64, b: f64| (a - b).abs() < 0.01;
        // Left to right: the dates end at the right edge, the title before them.
        let ((_, title_end), (dates_start, dates_end)) = row(Direction::LeftToRight, &mut ctx);
        assert!(near(dates_end, 400.0) && title_end < dates_start, "{title_end} {dates_start} {dates_end}");
        // Right to left: the title ends at the right edge and the dates start at the left one.
        let ((title_start, title_end), (dates_start, dates_end)) = row(Direction::RightToLeft, &mut ctx);
        assert!(near(title_end, 400.0) && near(dates_start, 0.0), "{title_end} {dates_start}");
        assert!(dates_end < title_start, "{dates_end} {title_start}");
    }

    #[test]
    fn a_right_to_left_document_starts_paragraphs_at_the_right() {
        assert_eq!(mirror_align(Align::Left, Direction::RightToLeft), Align::Right);
        assert_eq!(mirror_align(Align::Right, Direction::RightToLeft), Align::Left);
        assert_eq!(mirror_align(Align::Center, Direction::RightToLeft), Align::Center);
        assert_eq!(mirror_align(Align::Left, Direction::LeftToRight), Align::Left);
        // A Latin paragraph in a Hebrew document is set from the right too.
        let latin = para("Kafka, Flink", Align::Left);
        assert_eq!(directed(&latin, Direction::RightToLeft).align, Align::Right);
        assert!(matches!(directed(&latin, Direction::LeftToRight), Cow::Borrowed(_)));
    }
}
