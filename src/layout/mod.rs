//! Layout: [`Content`] → [`Document`] (pages of positioned glyphs, rules and links).
//!
//! The stages: inline (paragraphs into lines) → flow (blocks into a vertical list with break
//! rules) → pages (cut into pages, place, add footers). [`dump`] prints the result for goldens.

pub mod dump;
pub mod flow;
pub mod frame;
pub mod inline;
pub mod pages;

use crate::content::Content;
use crate::diag::Warning;
use crate::font::FontBook;
use frame::{Document, Metadata};
use inline::InlineCtx;
use inline::hyphenate::Hyphenator;

/// Options that change layout but not content.
#[derive(Debug, Clone, Default)]
pub struct LayoutOptions {
    /// The creation date to record, seconds since the Unix epoch (from `SOURCE_DATE_EPOCH` or an
    /// option; never the clock).
    pub creation_date: Option<i64>,
}

/// Lays out the content into pages; returns the document and the problems worked around.
pub fn layout(content: &Content, fonts: &FontBook, options: &LayoutOptions) -> (Document, Vec<Warning>) {
    let mut warnings = Vec::new();
    let h = &content.hyphenation;
    let hyphenator = Hyphenator::new(&h.lang, &h.exceptions);
    let mut ctx = InlineCtx {
        fonts,
        hyphenator: &hyphenator,
        hyphenate: h.enabled,
        lang: &h.lang,
        warnings: &mut warnings,
    };
    let setup = &content.page;
    let [top, right, bottom, left] = setup.margins;
    let measure = setup.size.w - left - right;
    let list = flow::build(&content.blocks, measure, &mut ctx);
    let params = pages::PageParams { height: setup.size.h - top - bottom, vertical_justify: content.vertical_justify };
    let labels = |i: usize| content.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
    let spans = pages::break_pages(&list, &params, &labels, ctx.warnings);
    let (pages, outline) = pages::place(&list, &spans, setup, &mut ctx);
    let meta = metadata(content, options);
    (Document { pages, outline, meta }, warnings)
}

/// Copies the document information into the PDF metadata.
fn metadata(content: &Content, options: &LayoutOptions) -> Metadata {
    let i = &content.info;
    Metadata {
        title: i.title.clone(),
        author: i.author.clone(),
        subject: i.subject.clone(),
        keywords: i.keywords.clone(),
        language: i.lang.clone(),
        creation_date: options.creation_date,
    }
}
