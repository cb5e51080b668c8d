//! Layout: [`Content`] → [`Document`] (pages of positioned glyphs, rules and links).
//!
//! The stages: inline (paragraphs into lines) → flow (blocks into a vertical list with break
//! rules) → pages (cut into pages, place, add footers). [`dump`] prints the result for goldens.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

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
    // Paragraphs into lines and blocks into each column's vertical list.
    let lists = vertical_lists(content, fonts);
    // The lists cut into pages and placed, with tint and footers.
    paginate(content, lists, fonts, options)
}

/// One column's vertical list and where it stands on the page: what flow hands to pages.
#[derive(Debug)]
pub struct ColumnList {
    /// The boxes, glue and penalties of the column.
    pub list: Vec<flow::VItem>,
    /// The column's position and width.
    pub column: pages::Column,
}

/// The vertical lists of a document, the boundary between flow and pages: the main column, the
/// sidebar when there is one, and what laying out their lines noticed. It keeps the hyphenator
/// its lines were broken with, so the footers that pages set are hyphenated alike without
/// loading the patterns again.
#[derive(Debug)]
pub struct VerticalLists {
    /// The main column.
    pub main: ColumnList,
    /// The sidebar, in two-column layouts whose sidebar has content.
    pub side: Option<ColumnList>,
    /// The document language's patterns and exceptions.
    hyphenator: Hyphenator,
    /// Problems worked around so far.
    warnings: Vec<Warning>,
}

/// Builds the vertical lists of the main column and the sidebar: the inline and flow stages.
pub fn vertical_lists(content: &Content, fonts: &FontBook) -> VerticalLists {
    let h = &content.hyphenation;
    let hyphenator = Hyphenator::with_cache(&h.lang, &h.exceptions, fonts.hyphenation().clone());
    let mut warnings = Vec::new();
    let mut ctx = inline_ctx(content, fonts, &hyphenator, &mut warnings);
    let (main, side) = columns(content);
    // The main column first: its text comes first in reading order.
    let mut tagger = tagger::Tagger::default();
    tagger.column(false);
    let list = flow::build(&content.blocks, main.width, content.direction, &mut ctx, &mut tagger);
    let main = ColumnList { list, column: main };
    let side = match (&content.sidebar, side) {
        (Some(sb), Some(column)) => {
            tagger.column(true);
            let list = flow::build(&sb.blocks, column.width, content.direction, &mut ctx, &mut tagger);
            Some(ColumnList { list, column })
        }
        _ => None,
    };
    VerticalLists { main, side, hyphenator, warnings }
}

/// Cuts the vertical lists into pages and places them, tints the sidebar and adds footers: the
/// pages stage. Returns the document and every problem worked around, each once.
pub fn paginate(
    content: &Content,
    lists: VerticalLists,
    fonts: &FontBook,
    options: &LayoutOptions,
) -> (Document, Vec<Warning>) {
    let VerticalLists { main, side, hyphenator, mut warnings } = lists;
    let setup = &content.page;
    let [top, _, bottom, _] = setup.margins;
    let params =
        pages::PageParams { height: setup.size.h - top - bottom, vertical_justify: content.vertical_justify };
    let labels = |i: usize| content.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
    let (mut pages, mut outline) = (Vec::new(), Vec::new());
    let spans = pages::break_pages(&main.list, &params, &labels, &mut warnings);
    // Placing takes each list: its glyph runs move into the frames.
    pages::place_column(&mut pages, &mut outline, main.list, &spans, setup, main.column);
    if let (Some(sb), Some(ColumnList { list, column })) = (&content.sidebar, side) {
        let side_labels = |i: usize| sb.blocks.get(i).map(|b| b.label.clone()).unwrap_or_default();
        let spans = pages::break_pages(&list, &params, &side_labels, &mut warnings);
        pages::place_column(&mut pages, &mut outline, list, &spans, setup, column);
        let (from, to) = tint_extent(setup, sb, column);
        // The sidebar flows from the first page on, so the pages with its content come first.
        let with_content = spans.iter().filter(|s| s.start < s.end).count();
        let tinted = if sb.tint_every_page { pages.len() } else { with_content.min(pages.len()) };
        pages::tint_pages(&mut pages[..tinted], from, to, sb.tint);
    }
    if pages.is_empty() {
        pages.push(frame::Page { size: setup.size, items: Vec::new(), fill: 0.0 });
    }
    let mut ctx = inline_ctx(content, fonts, &hyphenator, &mut warnings);
    pages::add_footers(&mut pages, setup, main.column, &mut ctx);
    let meta = metadata(content, options);
    (Document { pages, outline, meta }, dedup(warnings))
}

/// Returns the context paragraphs are set in: the fonts, the document's hyphenation and
/// microtypography, and where warnings go.
fn inline_ctx<'a>(
    content: &'a Content,
    fonts: &'a FontBook,
    hyphenator: &'a Hyphenator,
    warnings: &'a mut Vec<Warning>,
) -> InlineCtx<'a> {
    let h = &content.hyphenation;
    InlineCtx::new(fonts, hyphenator, h.enabled, content.microtype, &h.lang, warnings)
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

/// Returns the content's metadata with the creation date the options give.
fn metadata(content: &Content, options: &LayoutOptions) -> Metadata {
    Metadata { creation_date: options.creation_date, ..content.info.clone() }
}
