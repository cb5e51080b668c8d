//! What is decided once per column before its blocks are laid out: whether heading rows stack
//! and how far list items are indented.

use super::boxes::MIN_LEFT_SHARE;
use crate::content::{Block, BlockKind, Direction, Paragraph, Role};
use crate::geom::Pt;
use crate::layout::inline::{self, InlineCtx};

/// What is decided once per column before its blocks are laid out: how its heading rows are set
/// and how far its list items are indented.
#[derive(Debug, Clone, Default)]
pub struct ColumnSetting {
    /// Whether every heading row sets its right part (dates, location) under its left part
    /// instead of flush right beside it: chosen for the whole column, so that all its headings
    /// look alike.
    pub stacked: bool,
    /// For each block, the indent its list marker needs (`None` to keep the block's own).
    pub indents: Vec<Option<Pt>>,
    /// For each block, where a stacked heading row's right part goes.
    pub meta: Vec<Meta>,
    /// Which way the document reads: right to left, paragraphs start at the right and a
    /// heading row's right part (dates, location) goes to the left.
    pub direction: Direction,
}

/// Where a stacked heading row's right part goes: an entry's dates (title row) and location
/// (second row) are set together on one line under the second row, "dates · location", so the
/// title and the organisation each have the full measure and the meta reads as one line.
#[derive(Debug, Clone, Default)]
pub enum Meta {
    /// Under its own left part.
    #[default]
    Own,
    /// Carried to the next row (the title row of an entry with a second row).
    Deferred,
    /// The previous row's right part, a separator and this row's, under this row's left part.
    Joined(Paragraph),
}

impl ColumnSetting {
    /// Decides the column's heading rows and list indents.
    pub fn new(blocks: &[Block], measure: Pt, ctx: &mut InlineCtx) -> ColumnSetting {
        let stacked = narrow(blocks, measure)
            || blocks.iter().any(|b| match &b.kind {
                BlockKind::Split { left, right } => !fits_beside(left, right, measure, ctx),
                _ => false,
            });
        let meta = if stacked { stacked_meta(blocks) } else { vec![Meta::Own; blocks.len()] };
        ColumnSetting { stacked, indents: label_indents(blocks, ctx), meta, direction: Direction::default() }
    }
}

/// Decides where the right parts of stacked heading rows go: a title row followed by an
/// entry's second row (organisation, location) defers its dates to that row.
fn stacked_meta(blocks: &[Block]) -> Vec<Meta> {
    let mut meta = vec![Meta::Own; blocks.len()];
    for (i, pair) in blocks.windows(2).enumerate() {
        let [first, second] = pair else { continue };
        let (BlockKind::Split { left: l1, right: r1 }, BlockKind::Split { right: r2, .. }) =
            (&first.kind, &second.kind)
        else {
            continue;
        };
        let heads = matches!(first.role, Role::EntryStart | Role::RoleStart | Role::GroupHeading)
            && second.role == Role::EntryHeading;
        if !heads || l1.runs.is_empty() || r1.runs.is_empty() {
            continue;
        }
        meta[i] = Meta::Deferred;
        meta[i + 1] = Meta::Joined(join_meta(r1, r2));
    }
    meta
}

/// Joins two right parts into one line, "dates · location"; the line may break after the dot
/// when the two do not fit together.
fn join_meta(first: &Paragraph, second: &Paragraph) -> Paragraph {
    let mut joined = first.clone();
    if let Some(style) = first.runs.first().map(|r| r.style.clone())
        && !second.runs.is_empty()
    {
        joined.runs.push(crate::content::Run { text: " · ".into(), style, link: None, nobreak: false });
        joined.runs.extend(second.runs.iter().cloned());
    }
    joined.leading = first.leading.max(second.leading);
    joined
}

/// The measure, in ems of the headings' size, under which a column is narrow (a sidebar): there
/// a title or an institution beside a date or a location is left a few words a line, so every
/// heading is stacked, each part with the full measure.
const NARROW_EMS: f64 = 25.0;

/// Whether the column is too narrow for headings side by side, measured against the size of its
/// first heading row's left part.
fn narrow(blocks: &[Block], measure: Pt) -> bool {
    let size = blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Split { left, .. } => left.runs.first().map(|r| r.style.size),
        _ => None,
    });
    size.is_some_and(|size| measure < size * NARROW_EMS)
}

/// Whether a heading row's left part fits beside its right part: it keeps at least
/// [`MIN_LEFT_SHARE`] of the measure and, when that is narrow, takes no more lines there than in
/// the whole measure (else an institution becomes a staircase of short lines beside a location).
fn fits_beside(left: &Paragraph, right: &Paragraph, measure: Pt, ctx: &mut InlineCtx) -> bool {
    if left.runs.is_empty() || right.runs.is_empty() {
        return true;
    }
    let left_w = measure - right_width(right, measure, ctx) - right_gap(right);
    if left_w < measure * MIN_LEFT_SHARE {
        return false;
    }
    let size = left.runs.first().map_or(Pt::ZERO, |r| r.style.size);
    if left_w >= size * STAIRCASE_EMS {
        return true;
    }
    let beside = inline::layout_paragraph(left, left_w, ctx).len();
    beside <= inline::layout_paragraph(left, measure, ctx).len()
}

/// The width, in ems of the left part's size, under which a left part that wraps into more
/// lines beside the right part than it needs alone reads as a staircase (a few words a line
/// beside a location); wider, its extra line is an ordinary wrapped line of a wide column.
const STAIRCASE_EMS: f64 = 25.0;

/// Returns the width of a heading row's right part, set on one line.
fn right_width(right: &Paragraph, measure: Pt, ctx: &mut InlineCtx) -> Pt {
    // Kept: the row sets the same right part at the same width (`boxes::split_boxes`).
    inline::layout_kept(right, measure, ctx).first().map_or(Pt::ZERO, |l| l.width)
}

/// Returns the space kept between a heading row's two parts: one em of the right part's size
/// keeps them visibly apart.
pub(super) fn right_gap(right: &Paragraph) -> Pt {
    right.runs.first().map_or(Pt::ZERO, |r| r.style.size)
}

/// The space between a list label and its text, in ems of the label's size: half an em, as
/// inline layout keeps when it hangs a marker, so the widest label sits flush at the column's
/// edge of its indent and never touches the text.
const LABEL_GAP_EM: f64 = 0.5;

/// Returns the indent each list item needs so that the widest label of its list ("10." in a
/// list of twelve) fits before the text with a gap; a nested level moves right by what the
/// levels above it grew. Lists are runs of consecutive body blocks that carry a marker; the
/// header's icons keep their indent.
fn label_indents(blocks: &[Block], ctx: &mut InlineCtx) -> Vec<Option<Pt>> {
    let mut out = vec![None; blocks.len()];
    let mut i = 0;
    while i < blocks.len() {
        let end = (i..blocks.len()).find(|&j| list_marker(&blocks[j]).is_none()).unwrap_or(blocks.len());
        if end > i {
            widen_list(&blocks[i..end], &mut out[i..end], ctx);
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Returns a block's paragraph when it is a list item (a body paragraph with a marker).
pub(super) fn list_marker(block: &Block) -> Option<&Paragraph> {
    match &block.kind {
        BlockKind::Text(p) if p.marker.is_some() && block.role != Role::Header => Some(p),
        _ => None,
    }
}

/// Sets the indents of one list's items: level by level (levels are the distinct indents, from
/// the outermost), each level's hanging space grows to its widest label plus the gap.
fn widen_list(items: &[Block], out: &mut [Option<Pt>], ctx: &mut InlineCtx) {
    let paras: Vec<&Paragraph> = items.iter().filter_map(list_marker).collect();
    let mut levels: Vec<Pt> = paras.iter().map(|p| p.indent).collect();
    levels.sort_by(|a, b| a.get().total_cmp(&b.get()));
    levels.dedup_by(|a, b| a.approx_eq(*b));
    let mut shift = Pt::ZERO;
    let mut outer = Pt::ZERO;
    let mut new_levels = Vec::with_capacity(levels.len());
    for &level in &levels {
        let widest = paras
            .iter()
            .filter(|p| p.indent.approx_eq(level))
            .filter_map(|p| p.marker.as_ref().map(|m| label_width(m, ctx) + m.style.size * LABEL_GAP_EM))
            .fold(Pt::ZERO, Pt::max);
        shift += (widest - (level - outer)).max(Pt::ZERO);
        new_levels.push(level + shift);
        outer = level;
    }
    for (p, slot) in paras.iter().zip(out.iter_mut()) {
        let k = levels.iter().position(|l| l.approx_eq(p.indent)).unwrap_or(0);
        let wanted = new_levels.get(k).copied().unwrap_or(p.indent);
        *slot = (!wanted.approx_eq(p.indent)).then_some(wanted);
    }
}

/// Returns the set width of a list label.
fn label_width(marker: &crate::content::Run, ctx: &mut InlineCtx) -> Pt {
    inline::layout_label(marker, ctx).map_or(Pt::ZERO, |l| l.width)
}
