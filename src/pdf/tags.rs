//! The PDF tag tree as a walk of the document's structure ([`crate::layout::structure`]): each
//! element becomes its tag (`Sect`, `H1`/`H2`, `Div`, `L`/`LI`/`Lbl`/`LBody`, `P`, `Figure`,
//! `Link` with its text and its annotation),
//! each drawn item the leaf the painter returned for it, in logical reading order.
//!
//! PDF/UA-1 asks every heading for a title: it is the text of the heading's own runs. A run in
//! another script than the document's language gets its own `Lang` ([`run_lang`]).

use std::num::NonZeroU16;

use krilla::tagging::{ListNumbering, Node, Tag, TagGroup, TagKind, TagTree};

use crate::layout::frame::{Document, Elem, Item, StructId};
use crate::layout::structure::{Child, ItemRef, Tree};

/// Builds the tag tree from the structure and the painted leaves (by page, one slot per
/// item).
pub(super) fn tag_tree(
    doc: &Document,
    tree: &Tree,
    leaves: Vec<Vec<Option<Node>>>,
    lang: Option<String>,
) -> TagTree {
    let mut walk = Walk { doc, tree, leaves };
    let mut tags = TagTree::new().with_lang(lang);
    for root in tree.roots.iter().filter_map(|c| walk.node(*c, None)) {
        tags.push(root);
    }
    tags
}

/// The walk's inputs.
struct Walk<'a> {
    /// The document whose items the tree refers to.
    doc: &'a Document,
    /// Its structure.
    tree: &'a Tree,
    /// The painter's leaves by page and item, taken as they are placed.
    leaves: Vec<Vec<Option<Node>>>,
}

impl Walk<'_> {
    /// Returns a child's node; `None` for an item without a leaf or an element with nothing
    /// drawn in it. `parent` is the enclosing element's kind.
    fn node(&mut self, child: Child, parent: Option<&Elem>) -> Option<Node> {
        match child {
            Child::Item(at) => self.leaf(at, parent),
            Child::Elem(id) => self.element(id),
        }
    }

    /// Returns an item's leaf: an image outside a `Figure` element gets a `Figure` of its
    /// own, a link annotation outside a `Link` element a `Link`, and text outside any element a
    /// `P`, since PDF/UA allows no bare content.
    fn leaf(&mut self, at: ItemRef, parent: Option<&Elem>) -> Option<Node> {
        let leaf = self.leaves.get_mut(at.page)?.get_mut(at.index)?.take()?;
        let item = self.doc.pages.get(at.page).and_then(|p| p.items.get(at.index)).map(|p| &p.item);
        Some(match (item, parent) {
            (Some(Item::Image(image)), p) if !matches!(p, Some(Elem::Figure(_))) => {
                TagGroup::with_children(Tag::Figure(Some(image.alt.clone())), vec![leaf]).into()
            }
            (Some(Item::Link(_)), p) if !matches!(p, Some(Elem::Link)) => {
                TagGroup::with_children(Tag::Link, vec![leaf]).into()
            }
            (Some(Item::Text(_)), None) => TagGroup::with_children(Tag::P, vec![leaf]).into(),
            _ => leaf,
        })
    }

    /// Returns an element's group, or `None` when nothing in it was drawn.
    fn element(&mut self, id: StructId) -> Option<Node> {
        let node = self.tree.nodes.get(&id)?;
        let children: Vec<Node> =
            node.children.iter().filter_map(|c| self.node(*c, Some(&node.elem))).collect();
        if children.is_empty() {
            return None;
        }
        let tag = self.tag(id, &node.elem)?;
        Some(TagGroup::with_children(tag, children).into())
    }

    /// Returns the tag of an element (an artifact has none: it is outside the tree).
    fn tag(&self, id: StructId, elem: &Elem) -> Option<TagKind> {
        Some(match elem {
            Elem::Section => Tag::Section.into(),
            Elem::Heading(level) => {
                let level = NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN);
                let title = Some(self.text(id)).filter(|t| !t.is_empty());
                Tag::Hn(level, Some(title.unwrap_or_else(|| self.doc.meta.title.clone()))).into()
            }
            Elem::Entry => Tag::Div.into(),
            Elem::List => Tag::L(self.numbering(id)).into(),
            Elem::ListItem => Tag::LI.into(),
            Elem::Label => Tag::Lbl.into(),
            Elem::ListBody => Tag::LBody.into(),
            Elem::Paragraph => Tag::P.into(),
            Elem::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
            Elem::Link => Tag::Link.into(),
            Elem::Artifact(_) => return None,
        })
    }

    /// Returns the text drawn in an element, trimmed.
    fn text(&self, id: StructId) -> String {
        let mut text = String::new();
        for at in self.tree.items(Child::Elem(id)) {
            let item = self.doc.pages.get(at.page).and_then(|p| p.items.get(at.index));
            if let Some(Item::Text(run)) = item.map(|p| &p.item) {
                text.push_str(&run.text);
            }
        }
        text.trim().to_string()
    }

    /// Returns how a list is numbered, from its first label: digits count, a bullet is a disc.
    fn numbering(&self, list: StructId) -> ListNumbering {
        let label = self.first_label(list).map(|id| self.text(id)).unwrap_or_default();
        numbering_of(&label)
    }

    /// Returns the first label element under an element, depth first.
    fn first_label(&self, id: StructId) -> Option<StructId> {
        self.tree.children(id).iter().find_map(|c| match c {
            Child::Elem(child) if self.tree.nodes.get(child).is_some_and(|n| n.elem == Elem::Label) => {
                Some(*child)
            }
            Child::Elem(child) => self.first_label(*child),
            Child::Item(_) => None,
        })
    }
}

/// Returns the list numbering a label shows: decimal for "1." or "10)", the bullet's shape for
/// the common bullets, none for any other mark (a dash, an icon).
fn numbering_of(label: &str) -> ListNumbering {
    match label.chars().next() {
        Some(c) if c.is_ascii_digit() => ListNumbering::Decimal,
        Some('•' | '●') => ListNumbering::Disc,
        Some('◦' | '○') => ListNumbering::Circle,
        Some('▪' | '■') => ListNumbering::Square,
        _ => ListNumbering::None,
    }
}

/// Returns the language of a run when its script says it is not in the document's language
/// (a Japanese name in an English résumé), as [`crate::locale::infer`] reads scripts; `None`
/// when it is, or when its letters cannot tell (Latin letters name no language, and Han
/// characters in a Japanese or Korean document, or Cyrillic letters common to Russian and
/// Ukrainian, belong to the document's language).
pub(super) fn run_lang(text: &str, doc_lang: &str) -> Option<&'static str> {
    // ASCII has no letter of a script that names a language, so inference says English and
    // the answer is `None`; most runs are ASCII, and this skips counting their letters.
    if text.is_ascii() {
        return None;
    }
    let lang = crate::locale::infer::infer([text]);
    let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
    let (run, doc) = (primary(lang), primary(doc_lang));
    let inferred_only_by_script = match run.as_str() {
        // Han without kana or Hangul: kanji and hanja are Japanese and Korean too.
        "zh" => matches!(doc.as_str(), "ja" | "ko"),
        // Cyrillic without the letters that tell: any Cyrillic language.
        "ru" => matches!(doc.as_str(), "uk" | "bg" | "sr" | "mk" | "be" | "kk"),
        // Arabic script without Persian letters: Persian and Urdu write it too.
        "ar" => matches!(doc.as_str(), "fa" | "ur"),
        "hi" => matches!(doc.as_str(), "mr" | "ne" | "sa"),
        _ => false,
    };
    (lang != "en" && run != doc && !inferred_only_by_script).then_some(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_in_another_script_gets_its_language_and_others_do_not() {
        assert_eq!(run_lang("山田太郎", "en"), Some("zh-Hans"));
        assert_eq!(run_lang("やまだ たろう", "en"), Some("ja"));
        assert_eq!(run_lang("Иван Петров", "de"), Some("ru"));
        assert_eq!(run_lang("김민준", "ja"), Some("ko"));
        // The document's own script, Latin text, and a script shared with the document.
        assert_eq!(run_lang("プロジェクト", "ja"), None);
        assert_eq!(run_lang("Kubernetes", "ja"), None);
        assert_eq!(run_lang("東京大学", "ja"), None);
        assert_eq!(run_lang("Київ", "uk"), None);
        assert_eq!(run_lang("Москва", "uk"), None);
        assert_eq!(run_lang("2021 – 2024", "en"), None);
        assert_eq!(run_lang("Ελληνικά", "en-GB"), Some("el"));
        // ASCII text, letters or not, in any document language: no language of its own.
        for doc in ["en", "ja", "ru", "ar", ""] {
            assert_eq!(run_lang("Kubernetes, AWS & C++ (2021)", doc), None);
            assert_eq!(run_lang("", doc), None);
        }
    }

    #[test]
    fn lists_are_numbered_as_their_labels_show() {
        assert_eq!(numbering_of("10."), ListNumbering::Decimal);
        assert_eq!(numbering_of("•"), ListNumbering::Disc);
        assert_eq!(numbering_of("▪"), ListNumbering::Square);
        assert_eq!(numbering_of("–"), ListNumbering::None);
        assert_eq!(numbering_of(""), ListNumbering::None);
    }
}
