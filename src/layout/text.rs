//! Plain text of laid-out pages in reading order — what an applicant tracking system extracts —
//! as a walk of the document's structure ([`super::structure`]): every paragraph and heading
//! starts a line, a list item's label and its text share one, the lines of a paragraph stay
//! lines, and a soft hyphen at a line's end joins the word back.
//!
//! Page by page, as `pdftotext` writes them: each page's share of the tree in reading order,
//! then its running footer as the page's last line (an artifact outside the tree, but printed
//! text a reader of the file sees), pages separated by a form feed (U+000C). A word hyphenated
//! over a page break keeps a visible hyphen, as printed.

use super::frame::{ArtifactKind, Document, Elem, Item};
use super::structure::{self, Child, Tree};

/// Separates two pages' text, as in `pdftotext`'s output.
pub const PAGE_BREAK: char = '\u{C}';

/// Returns the document's text, page by page, each page in logical reading order.
pub fn plain_text(doc: &Document) -> String {
    let tree = structure::tree(doc);
    let pages: Vec<String> = (0..doc.pages.len().max(1)).map(|page| page_text(doc, &tree, page)).collect();
    pages.join(&PAGE_BREAK.to_string())
}

/// Returns one page's text: what the tree holds on it, then its footer.
fn page_text(doc: &Document, tree: &Tree, page: usize) -> String {
    let mut out = Writer { doc, tree, page, text: String::new(), after_label: false, line_ended: false };
    tree.roots.iter().for_each(|c| out.child(*c));
    let footer = tree.artifacts.iter().filter(|(at, kind)| at.page == page && **kind == ArtifactKind::Footer);
    let mut footer = footer.map(|(at, _)| *at).peekable();
    if footer.peek().is_some() {
        out.start_block();
        footer.for_each(|at| out.item(at));
    }
    out.finish()
}

/// The walk's state.
struct Writer<'a> {
    /// The document whose items the tree refers to.
    doc: &'a Document,
    /// Its structure.
    tree: &'a Tree,
    /// The page being written: items of other pages are skipped.
    page: usize,
    /// The text so far.
    text: String,
    /// Whether a label was just written, so the item's text goes on its line.
    after_label: bool,
    /// Whether the last run ended a line of its paragraph.
    line_ended: bool,
}

impl Writer<'_> {
    /// Writes a child: an element's text, or a run.
    fn child(&mut self, child: Child) {
        match child {
            Child::Item(at) => self.item(at),
            Child::Elem(id) => {
                let Some(node) = self.tree.nodes.get(&id) else { return };
                if matches!(node.elem, Elem::Paragraph | Elem::Heading(_) | Elem::Label) {
                    self.start_block();
                }
                self.tree.children(id).iter().for_each(|c| self.child(*c));
                if node.elem == Elem::Label {
                    self.after_label = true;
                }
            }
        }
    }

    /// Starts a block on a new line, or after a label on the label's line. A soft hyphen left
    /// at the end of the text before is printed as a hyphen: the word's rest, if any, is on
    /// another page.
    fn start_block(&mut self) {
        if self.line_ended && self.text.ends_with('\u{AD}') {
            self.text.pop();
            self.text.push('-');
        }
        self.end_line();
        if std::mem::take(&mut self.after_label) {
            self.text.push(' ');
        } else if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        self.line_ended = false;
    }

    /// Ends the line a run ended: a soft hyphen there joins the word with the next line's.
    fn end_line(&mut self) {
        if std::mem::take(&mut self.line_ended) {
            if self.text.ends_with('\u{AD}') {
                self.text.pop();
            } else {
                self.text.push('\n');
            }
        }
    }

    /// Writes a text run of the page (images and link areas carry no text).
    fn item(&mut self, at: structure::ItemRef) {
        if at.page != self.page {
            return;
        }
        let item = self.doc.pages.get(at.page).and_then(|p| p.items.get(at.index));
        let Some(Item::Text(run)) = item.map(|p| &p.item) else { return };
        if run.glyphs.is_empty() {
            return;
        }
        self.end_line();
        self.text.push_str(&run.text);
        self.line_ended = run.line.is_some();
    }

    /// Returns the page's text, ending in one newline; a soft hyphen left at its end (a word
    /// hyphenated over the page break) is written as the hyphen it was printed as.
    fn finish(mut self) -> String {
        if self.text.ends_with('\u{AD}') {
            self.text.pop();
            self.text.push('-');
        }
        while self.text.ends_with('\n') {
            self.text.pop();
        }
        self.text.push('\n');
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FontId;
    use crate::geom::{Color, Point, Pt, Size};
    use crate::layout::frame::{Glyph, LineSetting, Page, Positioned, StructId, Tag, TextRun};

    /// A run of `text` at (`x`, `y`); `ends_line` marks the last run of a line.
    fn run(x: f64, y: f64, text: &str, ends_line: bool) -> Positioned {
        let glyphs = vec![Glyph { id: 1, advance: 0.5, x_offset: 0.0, y_offset: 0.0, range: 0..text.len() }];
        let line = ends_line.then_some(LineSetting {
            ratio: 0.0,
            justified: false,
            hyphenated: false,
            expansion: 0.0,
            measure_end: Pt::ZERO,
            protrusion: Pt::ZERO,
        });
        let run = TextRun {
            font: FontId(0),
            size: Pt(10.0),
            color: Color::BLACK,
            text: text.into(),
            glyphs,
            scale: 1.0,
            line,
            synthetic: Default::default(),
        };
        Positioned { pos: Point::new(Pt(x), Pt(y)), item: Item::Text(run) }
    }

    fn tag(tag: Tag) -> Positioned {
        Positioned { pos: Point::new(Pt::ZERO, Pt::ZERO), item: Item::Tag(tag) }
    }

    fn start(id: u32, elem: Elem) -> Positioned {
        tag(Tag::Start(StructId(id), elem))
    }

    fn end(id: u32) -> Positioned {
        tag(Tag::End(StructId(id)))
    }

    fn page(items: Vec<Positioned>) -> Page {
        Page { size: Size::new(Pt(600.0), Pt(800.0)), items, fill: 0.5 }
    }

    #[test]
    fn paragraphs_keep_their_lines_labels_share_a_line_and_soft_hyphens_mend_words() {
        let items = vec![
            start(0, Elem::Paragraph),
            run(10.0, 10.0, "Title", true),
            end(0),
            // The date drawn at the right, its own paragraph after the title.
            start(1, Elem::Paragraph),
            run(400.0, 10.0, "2021", true),
            end(1),
            start(2, Elem::List),
            start(3, Elem::ListItem),
            start(4, Elem::Label),
            run(0.0, 22.0, "•", false),
            end(4),
            start(5, Elem::ListBody),
            start(6, Elem::Paragraph),
            run(10.0, 22.0, "infra\u{AD}", true),
            run(10.0, 34.0, "structure and ", false),
            run(60.0, 34.0, "more", true),
            run(10.0, 46.0, "lines", true),
        ];
        let doc = Document { pages: vec![page(items)], ..Document::default() };
        assert_eq!(plain_text(&doc), "Title\n2021\n• infrastructure and more\nlines\n");
    }

    /// The footer artifact of a page: `text` at the page's foot.
    fn footer(text: &str) -> Vec<Positioned> {
        vec![
            start(u32::MAX, Elem::Artifact(ArtifactKind::Footer)),
            run(10.0, 790.0, text, true),
            end(u32::MAX),
        ]
    }

    #[test]
    fn pages_end_in_their_footer_and_are_separated_by_a_form_feed() {
        let mut p1 = vec![start(0, Elem::Paragraph), run(10.0, 700.0, "first", true), end(0)];
        p1.extend(footer("Ann · 1 / 2"));
        let mut p2 = vec![start(0, Elem::Paragraph), run(10.0, 10.0, "second", true), end(0)];
        p2.extend(footer("Ann · 2 / 2"));
        // A rule is an artifact too, and carries no text.
        p2.extend([start(u32::MAX - 1, Elem::Artifact(ArtifactKind::Layout)), end(u32::MAX - 1)]);
        let doc = Document { pages: vec![page(p1), page(p2)], ..Document::default() };
        assert_eq!(plain_text(&doc), "first\nAnn · 1 / 2\n\u{C}second\nAnn · 2 / 2\n");
    }

    #[test]
    fn a_later_column_on_an_earlier_page_is_written_with_that_page_and_a_hyphen_at_a_page_end_stays() {
        // The main column's paragraph runs from page 1 to page 2, hyphenated over the break;
        // the sidebar (later in reading order) is on page 1.
        let p1 = vec![
            start(0, Elem::Paragraph),
            run(10.0, 700.0, "infra\u{AD}", true),
            end(0),
            start(1, Elem::Paragraph),
            run(400.0, 10.0, "Sidebar", true),
            end(1),
        ];
        let p2 = vec![start(0, Elem::Paragraph), run(10.0, 10.0, "structure", true), end(0)];
        let doc = Document { pages: vec![page(p1), page(p2)], ..Document::default() };
        assert_eq!(plain_text(&doc), "infra-\nSidebar\n\u{C}structure\n");
    }
}
