//! Flow: content blocks → a vertical list of line boxes, spaces and break permissions, the
//! material the page builder cuts into pages (as TeX's vertical lists are).
//!
//! Break rules live here as penalties: a section title never ends a page, an entry's heading stays
//! with its first two body lines, a paragraph leaves no single line at a page's foot or head, and
//! nested points stay with their parent's last line.

mod boxes;
mod setting;

use boxes::block_boxes;
use setting::list_marker;

use super::inline::{InlineCtx, Line};
use super::tagger::{LineTags, Tagger};
use crate::content::{Block, Direction, Role};
use crate::geom::{Color, Pt};

pub use setting::{ColumnSetting, Meta};

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
    matches!(role, Role::EntryStart | Role::RoleStart | Role::SectionTitle | Role::GroupHeading)
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
            Some(Role::EntryStart | Role::RoleStart | Role::GroupHeading) if !seen_last => {
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
        let new_entry =
            matches!(role, Role::EntryStart | Role::RoleStart | Role::SectionTitle | Role::GroupHeading);
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
            Role::EntryStart
                | Role::RoleStart
                | Role::EntryHeading
                | Role::GroupHeading
                | Role::SectionTitle
                | Role::Header
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
            Role::EntryStart | Role::RoleStart => {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Align, BlockKind, Paragraph};

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
}
