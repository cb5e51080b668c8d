//! PDF export: turns the laid-out [`Document`] (pages of positioned glyph runs, rectangles,
//! rules and link areas, plus outline and metadata) into PDF bytes through krilla.
//!
//! The exporter knows nothing about layout. It walks each page's items once, in order, and
//! paints them; krilla subsets and embeds the fonts (CID fonts with ToUnicode for outline
//! glyphs, Type 3 fonts for colour emoji) and compresses the streams.
//!
//! The output is tagged PDF: each line of text (consecutive runs on one baseline) becomes a
//! `P` structure element holding its runs in `page.items` order, each link a `Link` element
//! inside it, and rectangles and rules are marked as layout artifacts.
//!
//! The same [`Document`] always gives the same bytes: no clock is read, the creation date comes
//! only from [`Metadata::creation_date`](crate::layout::frame::Metadata::creation_date), and
//! krilla's subset tags and document ids are stable hashes of the content.
//!
//! Not yet:
//! - `DisplayDocTitle`: krilla 0.8 writes it only in PDF/UA-1 mode, whose validator turns a
//!   missing glyph or an untagged figure into a hard error, so viewers show the file name
//!   unless they prefer the title themselves.
//! - Headings: frames carry no heading semantics, so sections are `P`s, not `H1`s.

mod error;
mod fonts;
mod meta;
mod paint;
#[cfg(test)]
mod tests;

pub use error::PdfError;

use krilla::SerializeSettings;
use krilla::page::PageSettings;
use krilla::tagging::{Node, TagTree};

use crate::font::FontBook;
use crate::layout::frame::{Document, Page};

use fonts::Fonts;

/// Exports the document to PDF bytes.
pub fn export(doc: &Document, fonts: &FontBook) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let mut fonts = Fonts::new(fonts);
    let mut pdf = krilla::Document::new_with(settings());
    let mut tags = TagTree::new().with_lang(meta::language(&doc.meta));
    for (index, page) in doc.pages.iter().enumerate() {
        let nodes = export_page(&mut pdf, page, index, &mut fonts)?;
        nodes.into_iter().for_each(|node| tags.push(node));
    }
    pdf.set_outline(meta::outline(&doc.outline, doc.pages.len())?);
    pdf.set_metadata(meta::metadata(&doc.meta)?);
    pdf.set_tag_tree(tags);
    pdf.finish().map_err(|e| PdfError::from_krilla(e, &fonts))
}

/// Returns krilla's settings: compressed streams, XMP metadata, PDF 1.7, tagging on.
fn settings() -> SerializeSettings {
    SerializeSettings {
        compress_content_streams: true,
        xmp_metadata: true,
        enable_tagging: true,
        ..SerializeSettings::default()
    }
}

/// Adds one page to the PDF and returns its structure nodes in reading order.
fn export_page(
    pdf: &mut krilla::Document,
    page: &Page,
    index: usize,
    fonts: &mut Fonts,
) -> Result<Vec<Node>, PdfError> {
    let (w, h) = (page.size.w.get() as f32, page.size.h.get() as f32);
    let size = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize { page: index })?;
    let mut pdf_page = pdf.start_page_with(size);
    paint::paint_page(&mut pdf_page, &page.items, index, fonts)
}
