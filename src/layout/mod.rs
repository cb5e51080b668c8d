//! Layout: [`Content`] → [`Document`] (pages of positioned glyphs, rules and links).
//!
//! The stages: inline (paragraphs into lines) → flow (blocks into a vertical list with break
//! rules) → pages (cut into pages, place, add footers). [`dump`] prints the result for goldens.

pub mod dump;
pub mod flow;
pub mod frame;
pub mod inline;
pub mod pages;
pub mod structure;
pub mod tagger;
pub mod text;

use crate::content::Content;
use crate::diag::Warning;
use crate::font::FontBook;
use crate::geom::Pt;
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
        microtype: content.microtype,
        lang: &h.lang,
        warnings: &mut warnings,
    };
    let setup = &content.page;
    let [top, _, bottom, _] = setup.margins;
    let params =
        pages::PageParams { height: setup.size.h - top - bottom, vertical_justify: content.vertical_justify };
    let labels = |i: usize| content.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
    let (main, side) = columns(content);
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    // The main column first: its text comes first in reading order.
    let mut tagger = tagger::Tagger::default();
    tagger.column(false);
    let list = flow::build(&content.blocks, main.width, content.direction, &mut ctx, &mut tagger);
    let spans = pages::break_pages(&list, &params, &labels, ctx.warnings);
    pages::place_column(&mut pages, &mut outline, list, &spans, setup, main);
    if let (Some(sb), Some(col)) = (&content.sidebar, side) {
        let side_labels = |i: usize| sb.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
        tagger.column(true);
        let list = flow::build(&sb.blocks, col.width, content.direction, &mut ctx, &mut tagger);
        let spans = pages::break_pages(&list, &params, &side_labels, ctx.warnings);
        pages::place_column(&mut pages, &mut outline, list, &spans, setup, col);
        let (from, to) = tint_extent(setup, sb, col);
        // The sidebar flows from the first page on, so the pages with its content come first.
        let with_content = spans.iter().filter(|s| s.start < s.end).count();
        let tinted = if sb.tint_every_page { pages.len() } else { with_content.min(pages.len()) };
        pages::tint_pages(&mut pages[..tinted], from, to, sb.tint);
    }
    if pages.is_empty() {
        pages.push(frame::Page { size: setup.size, items: Vec::new(), fill: 0.0 });
    }
    pages::add_footers(&mut pages, setup, main, &mut ctx);
    let meta = metadata(content, options);
    (Document { pages, outline, meta }, dedup(warnings))
}

/// Returns the main column and, in two-column layouts, the sidebar column; a sidebar with
/// nothing in it gives its width back to the main column.
pub fn columns(content: &Content) -> (pages::Column, Option<pages::Column>) {
    let [_, right, _, left] = content.page.margins;
    let full = content.page.size.w - left - right;
    let Some(sb) = content.sidebar.as_ref().filter(|sb| !sb.blocks.is_empty()) else {
        return (pages::Column { x: left, width: full }, None);
    };
    let main_width = full - sb.width - sb.gap;
    if sb.left {
        let side = pages::Column { x: left, width: sb.width };
        (pages::Column { x: left + sb.width + sb.gap, width: main_width }, Some(side))
    } else {
        let side = pages::Column { x: left + main_width + sb.gap, width: sb.width };
        (pages::Column { x: left, width: main_width }, Some(side))
    }
}

/// Returns the tint's horizontal extent: from the page edge on the sidebar's side to the
/// middle of the gap, so the tint frames the sidebar text with the same space on both sides.
fn tint_extent(
    setup: &crate::content::PageSetup,
    sb: &crate::content::SidebarContent,
    col: pages::Column,
) -> (Pt, Pt) {
    if sb.left { (Pt::ZERO, col.x + col.width + sb.gap / 2.0) } else { (col.x - sb.gap / 2.0, setup.size.w) }
}

/// Drops repeated warnings (a word measured twice warns twice), keeping the first's place.
fn dedup(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut seen = std::collections::BTreeSet::new();
    warnings.into_iter().filter(|w| seen.insert(w.clone())).collect()
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
