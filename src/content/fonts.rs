//! Faces looked up once: after the blocks are built, every run (text, markers, the footer, the
//! sidebar) gets the [`FontId`] of its family, weight and style, so layout reads an id instead
//! of searching the book by family name for every span. Each distinct (family, bold, italic)
//! is looked up once per document.

use super::ir::{Block, BlockKind, Content, Paragraph, RunStyle};
use crate::font::{FontBook, FontId};

/// The faces already looked up: family, bold, italic, and what the book gave.
struct Faces<'a> {
    /// The book searched.
    fonts: &'a FontBook,
    /// One entry per distinct style seen; a document has a handful, so a list beats a map.
    seen: Vec<(String, bool, bool, Option<FontId>)>,
}

impl Faces<'_> {
    /// Sets a style's face, looking it up only the first time the style is seen.
    fn resolve(&mut self, style: &mut RunStyle) {
        let key = |e: &&(String, bool, bool, Option<FontId>)| {
            e.0 == style.family && e.1 == style.bold && e.2 == style.italic
        };
        let id = match self.seen.iter().find(key) {
            Some(e) => e.3,
            None => {
                let id = self.fonts.select(&style.family, style.bold, style.italic);
                self.seen.push((style.family.clone(), style.bold, style.italic, id));
                id
            }
        };
        style.font = id;
    }

    /// Sets the faces of a paragraph's runs and marker.
    fn paragraph(&mut self, p: &mut Paragraph) {
        for run in p.runs.iter_mut().chain(p.marker.as_mut()) {
            self.resolve(&mut run.style);
        }
    }

    /// Sets the faces of the text in a list of blocks.
    fn blocks(&mut self, blocks: &mut [Block]) {
        for block in blocks {
            match &mut block.kind {
                BlockKind::Text(p) => self.paragraph(p),
                BlockKind::Split { left, right } => {
                    self.paragraph(left);
                    self.paragraph(right);
                }
                BlockKind::Image { .. } | BlockKind::Rule { .. } => {}
            }
        }
    }
}

/// Sets the face of every run in the content: main column, sidebar and footer.
pub(super) fn resolve_fonts(content: &mut Content, fonts: &FontBook) {
    let mut faces = Faces { fonts, seen: Vec::new() };
    faces.blocks(&mut content.blocks);
    if let Some(side) = &mut content.sidebar {
        faces.blocks(&mut side.blocks);
    }
    if let Some(footer) = &mut content.page.footer {
        faces.paragraph(footer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Profile, Rich};

    /// Returns the paragraphs of a list of blocks.
    fn paras(blocks: &[Block]) -> Vec<&Paragraph> {
        blocks
            .iter()
            .flat_map(|b| match &b.kind {
                BlockKind::Text(p) => vec![p],
                BlockKind::Split { left, right } => vec![left, right],
                _ => vec![],
            })
            .collect()
    }

    /// Returns every run style of a content, footer and sidebar included.
    fn styles(c: &Content) -> Vec<&RunStyle> {
        let mut all = paras(&c.blocks);
        all.extend(c.sidebar.iter().flat_map(|s| paras(&s.blocks)));
        all.extend(c.page.footer.as_ref());
        all.iter().flat_map(|p| p.runs.iter().chain(p.marker.as_ref())).map(|r| &r.style).collect()
    }

    #[test]
    fn every_run_gets_the_face_the_book_selects_for_its_style() {
        let fonts = FontBook::bundled();
        let source =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/anurag-mohanty.yaml"))
                .unwrap();
        let profile = crate::profile::parse(&source, "anurag-mohanty.yaml").unwrap();
        for (layout, _) in crate::theme::BUNDLED {
            let c = super::super::build(&profile, &crate::theme::load(layout).unwrap(), &fonts);
            let all = styles(&c);
            assert!(all.len() > 50, "{layout}: {}", all.len());
            assert!(all.iter().any(|s| s.bold) && all.iter().any(|s| s.italic), "{layout}");
            for s in all {
                assert_eq!(s.font, fonts.select(&s.family, s.bold, s.italic), "{layout}: {s:?}");
                assert!(s.font.is_some(), "{layout}: {s:?}");
            }
        }
    }

    #[test]
    fn an_unknown_family_stays_unresolved_for_layout_to_warn_about() {
        let fonts = FontBook::bundled();
        let mut theme = crate::theme::load("classic").unwrap();
        theme.roles.name.family = "No Such Family".into();
        let p = Profile { name: Some(Rich::plain("Jane")), lang: "en".into(), ..Default::default() };
        let c = super::super::build(&p, &theme, &fonts);
        let name = styles(&c).into_iter().find(|s| s.family == "No Such Family").expect("the name's run");
        assert_eq!(name.font, None);
        assert_eq!(name.face_in(&fonts), None);
    }
}
