//! Flow: content blocks → a vertical list of line boxes, spaces and break permissions, the
//! material the page builder cuts into pages (as TeX's vertical lists are).
//!
//! Break rules live here as penalties: a section title never ends a page, an entry's heading stays
//! with its first two body lines, a paragraph leaves no single line at a page's foot or head, and
//! nested points stay with their parent's last line.

use super::inline::{self, InlineCtx, Line};
use super::tagger::{BlockTags, LineTags, Tagger};
use crate::content::{Align, Block, BlockKind, Direction, Paragraph, Role};
use crate::font::{FontBook, FontId};
use crate::geom::{Color, Pt};
use std::borrow::Cow;

/// Lines a paragraph must keep together at a page's foot (TeX's \clubpenalty made absolute).
const ORPHAN_LINES: usize = 2;
/// Lines a paragraph must carry onto a new page (TeX's \widowpenalty made absolute).
const WIDOW_LINES: usize = 2;
/// Body lines an entry heading keeps with it.
const HEADING_KEEP_LINES: usize = 2;

/// One element of the vertical list.
#[derive(Debug, Clone)]
pub enum VItem {
    /// Something drawn, of fixed height.
    Box(VBox),
    /// Space between blocks; dropped at the top of a page.
    Space(VSpace),
    /// Whether a page may end here, and at what cost (lower is better).
    Break(BreakCost),
}

/// Vertical space that may stretch when pages are justified.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VSpace {
    /// The natural height.
    pub height: Pt,
    /// How much it may grow.
    pub stretch: Pt,
}

/// How far spaces between blocks may stretch, as a share of their height, when pages are
/// justified: enough to absorb a missing line or two, not so much that entries drift apart.
const SPACE_STRETCH: f64 = 0.6;

/// The cost of ending a page at a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BreakCost {
    /// A page may not end here.
    Forbidden,
    /// A page may end here; the number is a penalty in TeX's units (negative invites a break).
    Allowed(f64),
    /// A page may end here, before a section's last entry, only when that entry (with the rest
    /// of its section, `tail` high) does not fit in what remains of the page; then at `cost`.
    KeepWithSection {
        /// The penalty when the break is allowed.
        cost: f64,
        /// The natural height of what follows up to the section's end.
        tail: Pt,
    },
}

/// Cost of a page break between two entries: mildly encouraged, the natural place to break.
const BETWEEN_ENTRIES: f64 = -50.0;
/// Cost of a break between the lines of a paragraph or between list items.
const INSIDE_ENTRY: f64 = 50.0;

/// A box in the vertical list.
#[derive(Debug, Clone)]
pub struct VBox {
    /// Its height (baseline distance for lines).
    pub height: Pt,
    /// What it draws.
    pub content: VContent,
    /// The index of the block it comes from.
    pub block: usize,
    /// A bookmark title to attach at its top.
    pub outline: Option<String>,
    /// Where its content sits in the document's structure: one entry per line of
    /// [`VContent::Lines`] (in the same order), one for an image; none for a rule.
    pub tags: Vec<LineTags>,
}

/// What a vertical box draws.
#[derive(Debug, Clone)]
pub enum VContent {
    /// Lines sharing a baseline `baseline` below the box's top (left text plus a right-aligned part).
    Lines {
        /// Distance from the box's top to the baseline.
        baseline: Pt,
        /// The lines, with their x offsets already inside.
        lines: Vec<Line>,
    },
    /// An image, `x` from the column's left edge, filling the box's height.
    Image {
        /// Offset from the column's left edge.
        x: Pt,
        /// The image.
        image: crate::layout::frame::ImageItem,
    },
    /// A horizontal rule at the bottom of the box.
    Rule {
        /// Thickness.
        thickness: Pt,
        /// Colour.
        color: Color,
    },
}

/// Lays out every block in the measure and returns the vertical list; a right-to-left
/// `direction` mirrors where paragraphs start and where a heading row's two parts go, and
/// `tagger` places each block in the document's structure (and numbers the elements across
/// columns).
pub fn build(
    blocks: &[Block],
    measure: Pt,
    direction: Direction,
    ctx: &mut InlineCtx,
    tagger: &mut Tagger,
) -> Vec<VItem> {
    let mut setting = ColumnSetting::new(blocks, measure, ctx);
    setting.direction = direction;
    let mut list = Vec::new();
    let mut keep = KeepState::default();
    let mut last_baseline_gap = Pt::ZERO;
    for (i, block) in blocks.iter().enumerate() {
        let tags = tagger.block(block, list_marker(block).is_some());
        let boxes = block_boxes(block, i, measure, last_baseline_gap, &setting, &tags, ctx);
        if boxes.is_empty() {
            continue;
        }
        if !list.is_empty() {
            list.push(VItem::Break(keep.between_blocks(block.role)));
            if block.space_before > Pt::ZERO {
                let h = block.space_before;
                list.push(VItem::Space(VSpace { height: h, stretch: h * SPACE_STRETCH }));
            }
        }
        last_baseline_gap = descent_below_baseline(boxes.last().expect("non-empty"));
        let n = boxes.len();
        for (j, b) in boxes.into_iter().enumerate() {
            if j > 0 {
                list.push(VItem::Break(keep.inside_block(block.role, j, n)));
            }
            list.push(VItem::Box(b));
        }
        keep.after_block(block.role, n);
    }
    keep_entry_tails(&mut list, blocks);
    keep_last_entries(&mut list, blocks);
    list
}

/// Whether a block of this role starts a new unit of the flow (an entry, a group, a section): a
/// page break before it is a break between entries, not inside one.
fn starts_unit(role: Role) -> bool {
    matches!(role, Role::EntryStart | Role::SectionTitle | Role::GroupHeading)
}

/// Returns, for each break item, the role of the block whose box follows it when that box is
/// its block's first (a break between blocks); `None` for breaks inside a block.
fn roles_after_breaks(list: &[VItem], blocks: &[Block]) -> Vec<Option<Role>> {
    let mut prev_block = None;
    let mut out = vec![None; list.len()];
    for (i, item) in list.iter().enumerate() {
        let VItem::Box(b) = item else { continue };
        if prev_block != Some(b.block) {
            // The nearest break before this box is the one between the blocks.
            if let Some(k) = (0..i).rev().find(|&k| matches!(list[k], VItem::Break(_))) {
                out[k] = blocks.get(b.block).map(|x| x.role);
            }
        }
        prev_block = Some(b.block);
    }
    out
}

/// Forbids a page break inside an entry that would carry fewer than [`WIDOW_LINES`] of the
/// entry onto the next page (a one-line last highlight alone at a page's head is a widow, as a
/// paragraph's last line is).
fn keep_entry_tails(list: &mut [VItem], blocks: &[Block]) {
    let after = roles_after_breaks(list, blocks);
    let mut lines_after = 0;
    for i in (0..list.len()).rev() {
        match &list[i] {
            VItem::Box(_) => lines_after += 1,
            VItem::Break(_) if after[i].is_some_and(starts_unit) => lines_after = 0,
            VItem::Break(_) if lines_after < WIDOW_LINES => list[i] = VItem::Break(BreakCost::Forbidden),
            _ => {}
        }
    }
}

/// Marks the break before each section's last entry, so that the page breaker keeps that entry
/// with its section whenever it fits in what remains of the page (moved alone to the next page,
/// above the next section's title, it reads as part of that section).
fn keep_last_entries(list: &mut [VItem], blocks: &[Block]) {
    let after = roles_after_breaks(list, blocks);
    // Walking back, `section_end` is where the current section's material ends and `last` says
    // whether its last entry has been seen.
    let mut section_end = list.len();
    let mut seen_last = false;
    for i in (0..list.len()).rev() {
        match after[i] {
            Some(Role::SectionTitle) => {
                section_end = i;
                seen_last = false;
            }
            Some(Role::EntryStart | Role::GroupHeading) if !seen_last => {
                seen_last = true;
                if let VItem::Break(BreakCost::Allowed(cost)) = list[i] {
                    let tail = natural_height(&list[i + 1..section_end]);
                    list[i] = VItem::Break(BreakCost::KeepWithSection { cost, tail });
                }
            }
            _ => {}
        }
    }
}

/// Returns the natural height of a stretch of the list.
fn natural_height(items: &[VItem]) -> Pt {
    items
        .iter()
        .map(|it| match it {
            VItem::Box(b) => b.height,
            VItem::Space(s) => s.height,
            VItem::Break(_) => Pt::ZERO,
        })
        .fold(Pt::ZERO, |a, b| a + b)
}

/// Tracks the keep-together rules that span blocks.
#[derive(Debug, Default)]
struct KeepState {
    /// The previous block's role.
    prev: Option<Role>,
    /// Body lines placed since the last heading (`None` when no heading is pending).
    body_lines: Option<usize>,
    /// Whether a group's heading waits for its first role.
    group_open: bool,
}

impl KeepState {
    /// Returns whether a page may end between the previous block and one of `role`.
    fn between_blocks(&self, role: Role) -> BreakCost {
        let prev = self.prev.unwrap_or(Role::Body);
        let new_entry = matches!(role, Role::EntryStart | Role::SectionTitle | Role::GroupHeading);
        let forbidden = (prev == Role::Header && role == Role::Header)
            || prev == Role::SectionTitle
            || self.group_open
            || role == Role::EntryHeading
            || (role == Role::Nested && prev != Role::Nested)
            || (!new_entry && self.body_lines.is_some_and(|n| n < HEADING_KEEP_LINES));
        if forbidden {
            BreakCost::Forbidden
        } else if new_entry {
            BreakCost::Allowed(BETWEEN_ENTRIES)
        } else {
            BreakCost::Allowed(INSIDE_ENTRY)
        }
    }

    /// Returns whether a page may end before line `j` of a block of `n` lines.
    fn inside_block(&self, role: Role, j: usize, n: usize) -> BreakCost {
        let lines_before = j + self.body_lines.unwrap_or(HEADING_KEEP_LINES);
        let heading = matches!(
            role,
            Role::EntryStart | Role::EntryHeading | Role::GroupHeading | Role::SectionTitle | Role::Header
        );
        if heading || lines_before < HEADING_KEEP_LINES || j < ORPHAN_LINES || n - j < WIDOW_LINES {
            BreakCost::Forbidden
        } else {
            BreakCost::Allowed(INSIDE_ENTRY)
        }
    }

    /// Records a block of `role` with `n` lines.
    fn after_block(&mut self, role: Role, n: usize) {
        match role {
            Role::EntryStart => {
                self.body_lines = Some(0);
                self.group_open = false;
            }
            Role::GroupHeading => {
                self.body_lines = Some(0);
                self.group_open = true;
            }
            Role::EntryHeading | Role::SectionTitle => self.body_lines = Some(0),
            Role::Header => self.body_lines = None,
            _ => {
                self.body_lines = self.body_lines.map(|b| b + n).filter(|&b| b < HEADING_KEEP_LINES);
                self.group_open = false;
            }
        }
        self.prev = Some(role);
    }
}

/// Returns the distance from a box's last baseline to its bottom.
fn descent_below_baseline(b: &VBox) -> Pt {
    match &b.content {
        VContent::Lines { baseline, .. } => b.height - *baseline,
        VContent::Rule { .. } | VContent::Image { .. } => Pt::ZERO,
    }
}

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
        let heads =
            matches!(first.role, Role::EntryStart | Role::GroupHeading) && second.role == Role::EntryHeading;
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
    inline::layout_paragraph(right, measure, ctx).first().map_or(Pt::ZERO, |l| l.width)
}

/// Returns the space kept between a heading row's two parts: one em of the right part's size
/// keeps them visibly apart.
fn right_gap(right: &Paragraph) -> Pt {
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
fn list_marker(block: &Block) -> Option<&Paragraph> {
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

/// Lays out one block into boxes.
#[allow(clippy::too_many_arguments)]
fn block_boxes(
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
                Align::Center => (measure - *size) / 2.0,
                Align::Right => measure - *size,
                _ => Pt::ZERO,
            };
            let image = crate::layout::frame::ImageItem {
                size: crate::geom::Size::new(*size, *size),
                data: data.clone(),
                jpeg: *jpeg,
                round: *round,
                alt: alt.clone(),
            };
            vec![VBox {
                height: *size,
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
    let Some(run) = p.runs.first() else { return 0.0 };
    let id = fonts.select(&run.style.family, run.style.bold, run.style.italic).unwrap_or(FontId(0));
    let m = fonts.face(id).metrics;
    m.ascent + m.descent
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
    let mut right_line = inline::layout_paragraph(right, measure, ctx).into_iter().next();
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
const MIN_LEFT_SHARE: f64 = 0.45;

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
    let Some(run) = p.runs.first() else { return p.leading * 0.8 };
    // An unknown family falls back to the first face (inline layout has warned already).
    let id = run.style.face_in(fonts).unwrap_or(FontId(0));
    let m = fonts.face(id).metrics;
    let size = run.style.size;
    let content = size * (m.ascent + m.descent);
    (p.leading - content) / 2.0 + size * m.ascent
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns a one-line text block of `role`.
    fn block(role: Role) -> Block {
        let para = Paragraph {
            runs: Vec::new(),
            align: Align::Left,
            indent: Pt::ZERO,
            marker: None,
            leading: Pt(10.0),
        };
        Block {
            kind: BlockKind::Text(para),
            space_before: Pt::ZERO,
            role,
            outline: None,
            heading: None,
            label: String::new(),
        }
    }

    /// Returns a 10 pt line of block `block`.
    fn line(block: usize) -> VItem {
        VItem::Box(VBox {
            height: Pt(10.0),
            content: VContent::Lines { baseline: Pt(8.0), lines: Vec::new() },
            block,
            outline: None,
            tags: Vec::new(),
        })
    }

    const ALLOWED: VItem = VItem::Break(BreakCost::Allowed(INSIDE_ENTRY));
    const BETWEEN: VItem = VItem::Break(BreakCost::Allowed(BETWEEN_ENTRIES));
    const FORBIDDEN: VItem = VItem::Break(BreakCost::Forbidden);

    #[test]
    fn an_entrys_last_line_never_goes_alone_to_the_next_page() {
        let blocks = [block(Role::EntryStart), block(Role::Body), block(Role::Body), block(Role::EntryStart)];
        // Heading; a three-line point; a one-line point; the next entry's heading.
        let mut list = vec![
            line(0),
            FORBIDDEN,
            line(1),
            ALLOWED,
            line(1),
            ALLOWED,
            line(1),
            ALLOWED,
            line(2),
            BETWEEN,
            line(3),
        ];
        keep_entry_tails(&mut list, &blocks);
        let costs: Vec<_> =
            list.iter().filter_map(|i| if let VItem::Break(c) = i { Some(*c) } else { None }).collect();
        assert_eq!(
            costs,
            vec![
                BreakCost::Forbidden,
                BreakCost::Allowed(INSIDE_ENTRY),
                // Two lines follow (the point's last and the one-line point): allowed.
                BreakCost::Allowed(INSIDE_ENTRY),
                // Only the one-line point follows: a widow.
                BreakCost::Forbidden,
                BreakCost::Allowed(BETWEEN_ENTRIES),
            ]
        );
    }

    #[test]
    fn the_break_before_a_sections_last_entry_knows_the_height_that_follows() {
        let roles = [
            Role::SectionTitle,
            Role::EntryStart,
            Role::Body,
            Role::EntryStart,
            Role::Body,
            Role::SectionTitle,
            Role::EntryStart,
        ];
        let blocks: Vec<Block> = roles.iter().map(|&r| block(r)).collect();
        let space = VItem::Space(VSpace { height: Pt(5.0), stretch: Pt::ZERO });
        let mut list = vec![
            line(0),
            FORBIDDEN,
            line(1),
            FORBIDDEN,
            line(2),
            BETWEEN,
            space.clone(),
            line(3),
            FORBIDDEN,
            line(4),
            BETWEEN,
            space,
            line(5),
            FORBIDDEN,
            line(6),
        ];
        keep_last_entries(&mut list, &blocks);
        // The second entry of the first section: its space and two lines follow.
        assert_eq!(
            list[5].clone_cost(),
            BreakCost::KeepWithSection { cost: BETWEEN_ENTRIES, tail: Pt(25.0) }
        );
        // A section's only entry, and the break before a title, are left as they were.
        assert_eq!(list[13].clone_cost(), BreakCost::Forbidden);
        assert_eq!(list[10].clone_cost(), BreakCost::Allowed(BETWEEN_ENTRIES));
        assert_eq!(list[1].clone_cost(), BreakCost::Forbidden);
    }

    impl VItem {
        /// Returns a break's cost (tests only).
        fn clone_cost(&self) -> BreakCost {
            match self {
                VItem::Break(c) => *c,
                _ => panic!("not a break"),
            }
        }
    }

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
        let mut ctx = InlineCtx {
            fonts: &fonts,
            hyphenator: &hyphenator,
            hyphenate: false,
            microtype: crate::theme::Microtype::default(),
            lang: "he",
            warnings: &mut warnings,
        };
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
