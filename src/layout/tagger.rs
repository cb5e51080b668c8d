//! Places each block of the flow in the document's structure: sections, headings, entries,
//! lists with their items, paragraphs and figures, as flow knows them from the blocks' roles.
//!
//! Consumes [`Block`]s in reading order; produces, per block, the [`Path`]s of its parts from
//! the column's root to the element its text belongs to. Pages turn the changes between
//! consecutive paths into the frame's start and end markers.

use crate::content::{Block, BlockKind, Paragraph, Role};
use crate::geom::Pt;
use crate::layout::frame::{Elem, StructId};

/// The elements from the root to an element, outermost first.
pub type Path = Vec<(StructId, Elem)>;

/// Where one line's runs sit in the structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LineTags {
    /// A list item's label and how many of the line's first runs it covers (its bullet).
    pub label: Option<(Path, usize)>,
    /// The element every other run belongs to.
    pub body: Path,
}

impl LineTags {
    /// Returns these tags with the label covering the first `runs` runs (none when 0).
    pub fn with_label_runs(&self, runs: usize) -> LineTags {
        let label = self.label.as_ref().filter(|_| runs > 0).map(|(path, _)| (path.clone(), runs));
        LineTags { label, body: self.body.clone() }
    }

    /// Returns these tags without a label (a list item's lines after the first).
    pub fn without_label(&self) -> LineTags {
        LineTags { label: None, body: self.body.clone() }
    }
}

/// The tags of one block's parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BlockTags {
    /// The block's text, or a heading row's left part (a title, an organisation).
    pub left: LineTags,
    /// A heading row's right part (dates, a location): a paragraph of its own that follows
    /// the left part in reading order, wherever it is drawn.
    pub right: LineTags,
}

/// One open level of a list.
#[derive(Debug, Clone, Copy)]
struct ListLevel {
    /// The items' indent, which tells the levels apart.
    indent: Pt,
    /// The `L`, the current `LI` and its `LBody`.
    list: StructId,
    item: StructId,
    body: StructId,
}

/// Walks the blocks of the columns in reading order, keeping what is open.
#[derive(Debug, Clone, Default)]
pub struct Tagger {
    /// The next id to give.
    next: u32,
    /// The column's own element (the sidebar's section), if any.
    root: Path,
    /// The open section.
    section: Option<StructId>,
    /// The open group of roles at one organisation: its entry holds the roles' entries.
    group: Option<StructId>,
    /// The open entry (in a group, the role's).
    entry: Option<StructId>,
    /// The open list levels, outermost first.
    lists: Vec<ListLevel>,
}

impl Tagger {
    /// Starts a column: the main column has no element of its own; a sidebar is one section,
    /// numbered after everything before it, so it follows the main column in reading order.
    pub fn column(&mut self, own_section: bool) {
        self.root.clear();
        self.section = None;
        self.group = None;
        self.entry = None;
        self.lists.clear();
        if own_section {
            let id = self.id();
            self.root.push((id, Elem::Section));
        }
    }

    /// Returns the next id.
    fn id(&mut self) -> StructId {
        let id = StructId(self.next);
        self.next += 1;
        id
    }

    /// Returns the path of what contains the block's elements: the column, section, group and
    /// entry.
    fn container(&self) -> Path {
        /// Room past the root's path: section, group, entry, and the element
        /// [`Tagger::new_in_container`] adds, so that the path never grows.
        const LEVELS: usize = 4;
        let mut path = Vec::with_capacity(self.root.len() + LEVELS);
        path.extend(self.root.iter().cloned());
        path.extend(self.section.map(|id| (id, Elem::Section)));
        path.extend(self.group.map(|id| (id, Elem::Entry)));
        path.extend(self.entry.map(|id| (id, Elem::Entry)));
        path
    }

    /// Returns the container's path with a new element of `elem` at its end.
    fn new_in_container(&mut self, elem: Elem) -> Path {
        let mut path = self.container();
        let id = self.id();
        path.push((id, elem));
        path
    }

    /// Places a block; `list_item` says whether it is a point of a list (a body paragraph
    /// with a marker, as flow decides).
    pub fn block(&mut self, block: &Block, list_item: bool) -> BlockTags {
        self.open_units(block);
        if let Some(level) = block.heading {
            self.lists.clear();
            let left = LineTags { label: None, body: self.new_in_container(Elem::Heading(level)) };
            return BlockTags { left, right: LineTags::default() };
        }
        match &block.kind {
            BlockKind::Text(p) if list_item => self.list_item(p),
            BlockKind::Text(_) => self.paragraph(),
            BlockKind::Split { .. } => {
                let left = self.paragraph().left;
                BlockTags { left, right: self.paragraph().left }
            }
            BlockKind::Image { alt, .. } => {
                self.lists.clear();
                let body = self.new_in_container(Elem::Figure(alt.clone()));
                BlockTags { left: LineTags { label: None, body }, right: LineTags::default() }
            }
            // A rule is drawn as an artifact; it stays in what is open.
            BlockKind::Rule { .. } => BlockTags::default(),
        }
    }

    /// Opens the section, group or entry a block starts: a section title starts a section, an
    /// entry's first heading row an entry, a group's heading a group (an entry whose own rows
    /// sit in it directly), and a role's first row an entry inside the open group.
    fn open_units(&mut self, block: &Block) {
        match block.role {
            Role::SectionTitle if block.heading.is_some() => {
                self.lists.clear();
                (self.group, self.entry) = (None, None);
                self.section = Some(self.id());
            }
            Role::EntryStart => {
                self.lists.clear();
                self.group = None;
                self.entry = Some(self.id());
            }
            Role::GroupHeading => {
                self.lists.clear();
                self.entry = None;
                self.group = Some(self.id());
            }
            Role::RoleStart => {
                self.lists.clear();
                self.entry = Some(self.id());
            }
            _ => {}
        }
    }

    /// Places a paragraph outside any list.
    fn paragraph(&mut self) -> BlockTags {
        self.lists.clear();
        BlockTags {
            left: LineTags { label: None, body: self.new_in_container(Elem::Paragraph) },
            ..Default::default()
        }
    }

    /// Places a list item: in the open list of its indent, in a new list nested in the item
    /// above when it is indented further, or in a new list.
    fn list_item(&mut self, p: &Paragraph) -> BlockTags {
        let indent = p.indent;
        while self.lists.last().is_some_and(|l| l.indent > indent && !l.indent.approx_eq(indent)) {
            self.lists.pop();
        }
        let continues = self.lists.last().is_some_and(|l| l.indent.approx_eq(indent));
        let list = if continues { None } else { Some(self.id()) };
        let (item, body) = (self.id(), self.id());
        match (list, self.lists.last_mut()) {
            (None, Some(level)) => {
                level.item = item;
                level.body = body;
            }
            (list, _) => {
                let list = list.unwrap_or(item);
                self.lists.push(ListLevel { indent, list, item, body });
            }
        }
        let mut path = self.container();
        for (i, level) in self.lists.iter().enumerate() {
            path.push((level.list, Elem::List));
            path.push((level.item, Elem::ListItem));
            if i + 1 < self.lists.len() {
                path.push((level.body, Elem::ListBody));
            }
        }
        let (label, paragraph) = (self.id(), self.id());
        let body_id = self.lists.last().map_or(body, |l| l.body);
        let mut label_path = path.clone();
        label_path.push((label, Elem::Label));
        path.push((body_id, Elem::ListBody));
        path.push((paragraph, Elem::Paragraph));
        let left = LineTags { label: Some((label_path, 0)), body: path };
        BlockTags { left, right: LineTags::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Align;

    /// A block of `role` with a paragraph indented `indent` (a list item when `marker`).
    fn block(role: Role, heading: Option<u8>, indent: f64) -> Block {
        let para = Paragraph {
            runs: Vec::new(),
            align: Align::Left,
            indent: Pt(indent),
            marker: None,
            leading: Pt(10.0),
        };
        Block {
            kind: BlockKind::Text(para),
            space_before: Pt::ZERO,
            role,
            outline: None,
            heading,
            label: String::new(),
        }
    }

    /// The elements of a path, without ids.
    fn elems(path: &Path) -> Vec<Elem> {
        path.iter().map(|(_, e)| e.clone()).collect()
    }

    #[test]
    fn sections_entries_and_nested_lists_nest_and_ids_grow_in_reading_order() {
        let mut t = Tagger::default();
        t.column(false);
        let name = t.block(&block(Role::Header, Some(1), 0.0), false);
        assert_eq!(elems(&name.left.body), [Elem::Heading(1)]);
        let title = t.block(&block(Role::SectionTitle, Some(2), 0.0), false);
        assert_eq!(elems(&title.left.body), [Elem::Section, Elem::Heading(2)]);
        let entry = t.block(&block(Role::EntryStart, None, 0.0), false);
        assert_eq!(elems(&entry.left.body), [Elem::Section, Elem::Entry, Elem::Paragraph]);
        let first = t.block(&block(Role::EntryBodyStart, None, 10.0), true);
        let second = t.block(&block(Role::Body, None, 10.0), true);
        let nested = t.block(&block(Role::Nested, None, 20.0), true);
        let list = [Elem::Section, Elem::Entry, Elem::List, Elem::ListItem];
        assert_eq!(elems(&first.left.label.clone().unwrap().0), [&list[..], &[Elem::Label]].concat());
        assert_eq!(elems(&first.left.body), [&list[..], &[Elem::ListBody, Elem::Paragraph]].concat());
        // The same list, a new item.
        assert_eq!(first.left.body[2], second.left.body[2]);
        assert_ne!(first.left.body[3], second.left.body[3]);
        // The nested item's list sits in the second item's body.
        assert_eq!(nested.left.body[..5], second.left.body[..5]);
        assert_eq!(nested.left.body[5].1, Elem::List);
        // A new section closes the entry and the lists; every id is larger than the last.
        let next = t.block(&block(Role::SectionTitle, Some(2), 0.0), false);
        assert_eq!(elems(&next.left.body), [Elem::Section, Elem::Heading(2)]);
        assert!(next.left.body[0].0 > nested.left.body.last().unwrap().0);
    }

    #[test]
    fn the_roles_of_a_group_are_entries_inside_the_organisations_entry_until_another_entry() {
        let mut t = Tagger::default();
        t.column(false);
        t.block(&block(Role::SectionTitle, Some(2), 0.0), false);
        let org = t.block(&block(Role::GroupHeading, None, 0.0), false);
        assert_eq!(elems(&org.left.body), [Elem::Section, Elem::Entry, Elem::Paragraph]);
        let first = t.block(&block(Role::RoleStart, None, 0.0), false);
        let point = t.block(&block(Role::EntryBodyStart, None, 10.0), true);
        let second = t.block(&block(Role::RoleStart, None, 0.0), false);
        assert_eq!(elems(&first.left.body), [Elem::Section, Elem::Entry, Elem::Entry, Elem::Paragraph]);
        // Both roles sit in the organisation's entry, each an entry of its own.
        assert_eq!([&first.left.body[1], &second.left.body[1]], [&org.left.body[1]; 2]);
        assert_ne!(first.left.body[2], second.left.body[2]);
        assert_eq!(point.left.body[..3], first.left.body[..3]);
        // An entry after the group is the group's sibling, not a role.
        let after = t.block(&block(Role::EntryStart, None, 0.0), false);
        assert_eq!(elems(&after.left.body), [Elem::Section, Elem::Entry, Elem::Paragraph]);
        assert_ne!(after.left.body[1], org.left.body[1]);
    }

    #[test]
    fn a_sidebar_is_one_section_numbered_after_the_main_column() {
        let mut t = Tagger::default();
        t.column(false);
        let main = t.block(&block(Role::Body, None, 0.0), false);
        t.column(true);
        let side = t.block(&block(Role::Body, None, 0.0), false);
        assert_eq!(elems(&side.left.body), [Elem::Section, Elem::Paragraph]);
        assert!(side.left.body[0].0 > main.left.body[0].0);
    }
}
