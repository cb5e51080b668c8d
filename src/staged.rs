//! The pipeline one stage at a time, for vitae's own benches and tests: **unstable**, hidden
//! from the documentation, and free to change with the stages. Each function takes what the
//! previous one returns, and together they do what one layout of [`crate::render_with`] does
//! (without fitting to a page limit):
//!
//! profile + theme → [`content`] → [`vertical_lists`] → [`pages`] → [`pdf`].

use crate::content::Content;
use crate::diag::Warning;
use crate::font::FontBook;
use crate::layout::frame::Document;
use crate::layout::{LayoutOptions, VerticalLists};
use crate::{Profile, Theme, fit, layout, pdf as export};

/// Builds the styled content of a profile in a theme at its natural tightness, with the
/// "updated" date a render records.
pub fn content(profile: &Profile, theme: &Theme, fonts: &FontBook, options: &LayoutOptions) -> Content {
    let dates = fit::Dates::resolve(profile, options);
    crate::content::build_dated(profile, theme, fonts, dates.updated)
}

/// Sets the paragraphs into lines and the blocks into each column's vertical list (inline and
/// flow).
pub fn vertical_lists(content: &Content, fonts: &FontBook) -> VerticalLists {
    layout::vertical_lists(content, fonts)
}

/// Cuts the vertical lists into pages, places them and adds footers; the creation date comes
/// from the options, as in [`crate::layout::layout`].
pub fn pages(
    content: &Content,
    lists: VerticalLists,
    fonts: &FontBook,
    options: &LayoutOptions,
) -> (Document, Vec<Warning>) {
    layout::paginate(content, lists, fonts, options)
}

/// Exports the pages to PDF bytes with the default standards and no attachment.
pub fn pdf(document: &Document, fonts: &FontBook) -> Result<Vec<u8>, export::PdfError> {
    export::export(document, fonts)
}

/// Typesets a profile into pages at the theme's natural tightness: every layout stage above,
/// with the dates resolved as a render resolves them.
pub fn typeset(
    profile: &Profile,
    theme: &Theme,
    fonts: &FontBook,
    options: &LayoutOptions,
) -> (Document, Vec<Warning>) {
    let content = content(profile, theme, fonts, options);
    let options = LayoutOptions { creation_date: fit::Dates::resolve(profile, options).created };
    pages(&content, vertical_lists(&content, fonts), fonts, &options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::dump::dump;

    /// The stages one by one lay a sample out exactly as a render does when it keeps the
    /// natural layout, so what the bench times is what ships.
    #[test]
    fn stages_give_the_document_a_render_keeps() {
        let engine = crate::Engine::new();
        let fonts = engine.fonts();
        let options = crate::RenderOptions::default();
        let mut compared = 0;
        for name in ["anurag-mohanty", "indradhanush-gupta", "tweet-backend-engineer"] {
            let path = std::path::PathBuf::from(format!("samples/{name}.yaml"));
            let profile = crate::load_profile(&path).expect("a sample loads");
            for layout in ["classic", "sidebar"] {
                let theme = crate::theme_for(&profile, Some(layout)).expect("a bundled layout loads");
                let rendered = engine.render(&profile, &theme, &options).expect("a sample renders");
                if rendered.layouts != 1 {
                    continue;
                }
                let content = content(&profile, &theme, fonts, &options.layout);
                let (doc, _) = pages(&content, vertical_lists(&content, fonts), fonts, &options.layout);
                assert_eq!(dump(&doc, fonts), dump(&rendered.document, fonts), "{name} in {layout}");
                assert!(pdf(&doc, fonts).expect("the pages export").starts_with(b"%PDF-"));
                compared += 1;
            }
        }
        // Most samples keep their natural layout; a test that compared none would prove nothing.
        assert!(compared >= 3, "only {compared} renders kept the natural layout");
    }
}
