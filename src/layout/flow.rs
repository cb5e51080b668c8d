//! Flow: content blocks → a vertical list of line boxes, spaces and break permissions, the
//! material the page builder cuts into pages (as TeX's vertical lists are).
//!
//! Break rules live here as penalties: a section title never ends a page, an entry's heading stays
//! with its first two body lines, a paragraph leaves no single line at a page's foot or head, and
//! nested points stay with their parent's last line.

use super::inline::{self, InlineCtx, Line};
use crate::content::{Block, BlockKind, Paragraph, Role};
use crate::font::{FontBook, FontId};
use crate::geom::{Color, Pt};

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
    /// The heading level of its text in the document's structure, from its block.
    pub heading: Option<u8>,
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

/// Lays out every block in the measure and returns the vertical list.
pub fn build(blocks: &[Block], measure: Pt, ctx: &mut InlineCtx) -> Vec<VItem> {
    let mut list = Vec::new();
    let mut keep = KeepState::default();
    let mut last_baseline_gap = Pt::ZERO;
    for (i, block) in blocks.iter().enumerate() {
        let boxes = block_boxes(block, i, measure, last_baseline_gap, ctx);
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
    list
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

/// Lays out one block into boxes.
fn block_boxes(block: &Block, index: usize, measure: Pt, prev_gap: Pt, ctx: &mut InlineCtx) -> Vec<VBox> {
    let mut boxes = match &block.kind {
        BlockKind::Text(p) => paragraph_boxes(p, index, measure, ctx),
        BlockKind::Split { left, right } => split_boxes(left, right, index, measure, ctx),
        BlockKind::Image { size, data, jpeg, round, align } => {
            let x = match align {
                crate::content::Align::Center => (measure - *size) / 2.0,
                crate::content::Align::Right => measure - *size,
                _ => Pt::ZERO,
            };
            let image = crate::layout::frame::ImageItem {
                size: crate::geom::Size::new(*size, *size),
                data: data.clone(),
                jpeg: *jpeg,
                round: *round,
            };
            vec![VBox {
                height: *size,
                content: VContent::Image { x, image },
                block: index,
                outline: None,
                heading: None,
            }]
        }
        BlockKind::Rule { thickness, color, gap } => vec![VBox {
            // The rule sits `gap` below the previous baseline: the box spans what remains of
            // that distance below the previous box, plus the rule itself.
            height: (*gap - prev_gap).max(Pt::ZERO) + *thickness,
            content: VContent::Rule { thickness: *thickness, color: *color },
            block: index,
            outline: None,
            heading: None,
        }],
    };
    if let Some(first) = boxes.first_mut() {
        first.outline = block.outline.clone();
    }
    for b in &mut boxes {
        b.heading = block.heading;
    }
    boxes
}

/// Lays out a paragraph, one box per line.
fn paragraph_boxes(p: &Paragraph, index: usize, measure: Pt, ctx: &mut InlineCtx) -> Vec<VBox> {
    let baseline = baseline_offset(p, ctx.fonts);
    inline::layout_paragraph(p, measure, ctx)
        .into_iter()
        .map(|line| VBox {
            height: p.leading,
            content: VContent::Lines { baseline, lines: vec![line] },
            block: index,
            outline: None,
            heading: None,
        })
        .collect()
}

/// Lays out a heading line: the right part is set on the first line's baseline and the left
/// part wraps in the width that remains.
fn split_boxes(
    left: &Paragraph,
    right: &Paragraph,
    index: usize,
    measure: Pt,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    let right_line = inline::layout_paragraph(right, measure, ctx).into_iter().next();
    let right_w = right_line.as_ref().map_or(Pt::ZERO, |l| l.width);
    // One em of the right part's size keeps the two parts visibly apart.
    let gap = right.runs.first().map_or(Pt::ZERO, |r| r.style.size);
    let left_w = measure - right_w - gap;
    if !left.runs.is_empty() && left_w < measure * MIN_LEFT_SHARE {
        return stacked_boxes(left, right, index, measure, ctx);
    }
    let mut lines = inline::layout_paragraph(left, left_w, ctx);
    let leading = left.leading.max(right.leading);
    let baseline = baseline_offset(left, ctx.fonts).max(baseline_offset(right, ctx.fonts));
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
        // The right part was set flush right in the whole measure already.
        if i == 0
            && let Some(r) = right_line.clone()
        {
            row.push(r);
        }
        boxes.push(VBox {
            height: leading,
            content: VContent::Lines { baseline, lines: row },
            block: index,
            outline: None,
            heading: None,
        });
    }
    boxes
}

/// The least share of the measure the left part of a heading keeps beside the right part; in a
/// narrower column (a sidebar) the right part goes on its own line under the left instead.
const MIN_LEFT_SHARE: f64 = 0.45;

/// Sets a heading's two parts one under the other, both flush left, for narrow columns.
fn stacked_boxes(
    left: &Paragraph,
    right: &Paragraph,
    index: usize,
    measure: Pt,
    ctx: &mut InlineCtx,
) -> Vec<VBox> {
    let mut boxes = paragraph_boxes(left, index, measure, ctx);
    let mut under = right.clone();
    under.align = crate::content::Align::Left;
    boxes.extend(paragraph_boxes(&under, index, measure, ctx));
    boxes
}

/// Returns where the baseline sits in a line box: the half-leading model (CSS's), using the
/// metrics of the paragraph's first face.
fn baseline_offset(p: &Paragraph, fonts: &FontBook) -> Pt {
    let Some(run) = p.runs.first() else { return p.leading * 0.8 };
    // An unknown family falls back to the first face (inline layout has warned already).
    let id = fonts.select(&run.style.family, run.style.bold, run.style.italic).unwrap_or(FontId(0));
    let m = fonts.face(id).metrics;
    let size = run.style.size;
    let content = size * (m.ascent + m.descent);
    (p.leading - content) / 2.0 + size * m.ascent
}
