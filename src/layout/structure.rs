//! The document's structure read back from the display list: the [`Tag`] markers of every page
//! joined into one tree of elements, in logical reading order, whose leaves are the drawn items.
//!
//! Consumes a [`Document`]; produces a [`Tree`]. The PDF tag tree and the plain text output are
//! walks of this one tree, so they cannot disagree about what a line, a heading or an entry is.

use std::collections::BTreeMap;

use super::frame::{ArtifactKind, Document, Elem, Item, StructId, Tag};

/// One drawn item, by page and position in that page's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemRef {
    /// The zero-based page index.
    pub page: usize,
    /// The index in the page's items.
    pub index: usize,
}

/// A child of an element: another element or a drawn item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    /// A nested element.
    Elem(StructId),
    /// A text run, image or link area.
    Item(ItemRef),
}

/// One element and its children in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub elem: Elem,
    /// Its children; items in the order drawn, elements in the order their ids say.
    pub children: Vec<Child>,
}

/// The document's structure.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    /// The top-level children, in logical reading order.
    pub roots: Vec<Child>,
    /// Every element by id.
    pub nodes: BTreeMap<StructId, Node>,
    /// The items drawn inside an artifact, with its kind; they are in no element.
    pub artifacts: BTreeMap<ItemRef, ArtifactKind>,
}

/// What is open at a point of a page's items.
#[derive(Debug, Clone, Copy)]
enum Open {
    /// An element of the tree.
    Elem(StructId),
    /// An artifact: what it holds is no part of the tree.
    Artifact(StructId, ArtifactKind),
}

impl Open {
    /// Returns the id the marker that closes it carries.
    fn id(self) -> StructId {
        match self {
            Open::Elem(id) | Open::Artifact(id, _) => id,
        }
    }
}

/// Builds the tree from the markers of every page. Markers that do not nest (a hand-made
/// frame) are tolerated: an end closes everything opened after its element, an end without a
/// start is ignored, and what is still open at a page's end is closed there.
pub fn tree(doc: &Document) -> Tree {
    let mut tree = Tree::default();
    for (page, p) in doc.pages.iter().enumerate() {
        let mut stack: Vec<Open> = Vec::new();
        for (index, positioned) in p.items.iter().enumerate() {
            let at = ItemRef { page, index };
            match &positioned.item {
                Item::Tag(Tag::Start(id, elem)) => tree.start(&mut stack, *id, elem),
                Item::Tag(Tag::End(id)) => close(&mut stack, *id),
                Item::Text(_) | Item::Image(_) | Item::Link(_) => tree.leaf(&stack, at),
                // Rules and tints are drawn as artifacts wherever they stand.
                Item::Rect(_) | Item::Line(_) => {}
            }
        }
    }
    order_roots(&mut tree.roots);
    tree
}

impl Tree {
    /// Opens an element: a new one joins its parent (the innermost open element, or the root);
    /// one seen before (continued after a page break) is only reopened.
    fn start(&mut self, stack: &mut Vec<Open>, id: StructId, elem: &Elem) {
        if let Elem::Artifact(kind) = elem {
            stack.push(Open::Artifact(id, *kind));
            return;
        }
        if let std::collections::btree_map::Entry::Vacant(slot) = self.nodes.entry(id) {
            slot.insert(Node { elem: elem.clone(), children: Vec::new() });
            self.push(stack, Child::Elem(id));
        }
        stack.push(Open::Elem(id));
    }

    /// Adds a drawn item to the innermost open element, or records it as an artifact.
    fn leaf(&mut self, stack: &[Open], at: ItemRef) {
        match stack.last() {
            Some(Open::Artifact(_, kind)) => {
                self.artifacts.insert(at, *kind);
            }
            _ => self.push(stack, Child::Item(at)),
        }
    }

    /// Appends a child to the innermost open element, or to the roots.
    fn push(&mut self, stack: &[Open], child: Child) {
        let parent = stack.last().map(|o| o.id());
        match parent.and_then(|id| self.nodes.get_mut(&id)) {
            Some(node) => node.children.push(child),
            None => self.roots.push(child),
        }
    }

    /// Returns the heading level of every item drawn inside a heading.
    pub fn headings(&self) -> BTreeMap<ItemRef, u8> {
        let mut out = BTreeMap::new();
        for (id, node) in &self.nodes {
            if let Elem::Heading(level) = node.elem {
                out.extend(self.items(Child::Elem(*id)).into_iter().map(|at| (at, level)));
            }
        }
        out
    }

    /// Returns the element with this id's children, or none.
    pub fn children(&self, id: StructId) -> &[Child] {
        self.nodes.get(&id).map_or(&[], |n| n.children.as_slice())
    }

    /// Returns the drawn items under a child, depth first, in reading order.
    pub fn items(&self, child: Child) -> Vec<ItemRef> {
        let mut out = Vec::new();
        self.collect_items(child, &mut out);
        out
    }

    /// Adds the items under `child` to `out`.
    fn collect_items(&self, child: Child, out: &mut Vec<ItemRef>) {
        match child {
            Child::Item(at) => out.push(at),
            Child::Elem(id) => self.children(id).iter().for_each(|c| self.collect_items(*c, out)),
        }
    }
}

/// Closes the element `id` and whatever was opened inside it; an unknown id closes nothing.
fn close(stack: &mut Vec<Open>, id: StructId) {
    if let Some(at) = stack.iter().rposition(|o| o.id() == id) {
        stack.truncate(at);
    }
}

/// Puts the top-level children in logical order: elements by id (the columns are painted one
/// after the other on each page, so a main-column section that continues on page 2 is met after
/// the sidebar of page 1), an item outside any element staying after the element before it.
fn order_roots(roots: &mut [Child]) {
    let mut key = 0;
    let mut keyed: Vec<(u32, Child)> = roots
        .iter()
        .map(|c| {
            if let Child::Elem(id) = c {
                key = id.0;
            }
            (key, *c)
        })
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    for (slot, (_, child)) in roots.iter_mut().zip(keyed) {
        *slot = child;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::{Point, Pt, Size};
    use crate::layout::frame::{FilledRect, Page, Positioned};

    /// A positioned item at the origin.
    fn at(item: Item) -> Positioned {
        Positioned { pos: Point::new(Pt::ZERO, Pt::ZERO), item }
    }

    fn start(id: u32, elem: Elem) -> Positioned {
        at(Item::Tag(Tag::Start(StructId(id), elem)))
    }

    fn end(id: u32) -> Positioned {
        at(Item::Tag(Tag::End(StructId(id))))
    }

    /// A drawn item (a tint stands for any leaf that is not a rule).
    fn image() -> Positioned {
        at(Item::Image(crate::layout::frame::ImageItem {
            size: Size::new(Pt(1.0), Pt(1.0)),
            data: Default::default(),
            jpeg: false,
            round: false,
            alt: String::new(),
        }))
    }

    fn page(items: Vec<Positioned>) -> Page {
        Page { size: Size::new(Pt(100.0), Pt(100.0)), items, fill: 0.0 }
    }

    #[test]
    fn an_element_continued_on_the_next_page_is_one_element_and_columns_keep_logical_order() {
        // Page 1: main section 0 with paragraph 1, then the sidebar section 5. Page 2: section 0
        // continues with paragraph 1, then a new section 2, and a footer artifact.
        let p1 = vec![
            start(0, Elem::Section),
            start(1, Elem::Paragraph),
            image(),
            end(1),
            end(0),
            start(5, Elem::Section),
            image(),
            end(5),
        ];
        let p2 = vec![
            start(0, Elem::Section),
            start(1, Elem::Paragraph),
            image(),
            end(1),
            end(0),
            start(2, Elem::Section),
            at(Item::Rect(FilledRect { size: Size::new(Pt(1.0), Pt(1.0)), fill: crate::geom::Color::BLACK })),
            end(2),
            start(u32::MAX, Elem::Artifact(ArtifactKind::Footer)),
            image(),
            end(u32::MAX),
        ];
        let doc = Document { pages: vec![page(p1), page(p2)], ..Document::default() };
        let t = tree(&doc);
        let ids = [0, 2, 5].map(|i| Child::Elem(StructId(i)));
        assert_eq!(t.roots, ids);
        assert_eq!(t.children(StructId(0)), [Child::Elem(StructId(1))]);
        let items = [ItemRef { page: 0, index: 2 }, ItemRef { page: 1, index: 2 }];
        assert_eq!(t.children(StructId(1)), items.map(Child::Item));
        assert!(t.children(StructId(2)).is_empty(), "a tint is no leaf");
        assert_eq!(t.artifacts.keys().copied().collect::<Vec<_>>(), [ItemRef { page: 1, index: 9 }]);
    }

    #[test]
    fn markers_that_do_not_nest_never_panic_and_close_what_they_enclose() {
        let items = vec![start(0, Elem::List), start(1, Elem::ListItem), end(0), image(), end(7)];
        let doc = Document { pages: vec![page(items)], ..Document::default() };
        let t = tree(&doc);
        // The end of 0 closed 1 too, so the image is at the top level, after the list.
        let want = [Child::Elem(StructId(0)), Child::Item(ItemRef { page: 0, index: 3 })];
        assert_eq!(t.roots, want);
    }
}
