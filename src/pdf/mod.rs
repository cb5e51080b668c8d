//! PDF export: turns the laid-out [`Document`] (pages of positioned glyph runs, rectangles,
//! rules and link areas, plus outline and metadata) into PDF bytes through krilla.
//!
//! The exporter knows nothing about layout. It walks each page's items once, in order, and
//! paints them; krilla subsets and embeds the fonts (CID fonts with ToUnicode for outline
//! glyphs, Type 3 fonts for colour emoji) and compresses the streams.
//!
//! The output is tagged PDF: the tag tree is a walk of the structure the frame keeps
//! ([`crate::layout::structure`]): sections, headings, entries, lists, paragraphs and figures
//! in logical reading order, each link a `Link` element in its paragraph; the running footer
//! is a footer artifact and rectangles and rules are layout artifacts (`tags`).
//!
//! The same [`Document`] always gives the same bytes: no clock is read, the creation date comes
//! only from [`Metadata::creation_date`](crate::layout::frame::Metadata::creation_date), and
//! krilla's subset tags and document ids are stable hashes of the content.
//!
//! Standards ([`Standards`]): the export can claim one PDF/A level and PDF/UA-1, which krilla
//! validates while writing; its complaints come back as [`PdfError::Validation`] in the user's
//! terms. Under PDF/UA-1 krilla also sets `DisplayDocTitle`, so viewers show the title, and
//! every heading gets its text as its title. The profile's source can be attached
//! ([`ExportOptions::source`]), as an associated file of kind `Source` under PDF/A-3.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

mod attach;
mod error;
mod fonts;
mod meta;
mod paint;
pub mod standard;
mod tags;
#[cfg(test)]
mod tests;
mod validation;

pub use attach::SOURCE_NAME;
pub use error::PdfError;
pub use standard::{Archival, StandardError, Standards};

use krilla::SerializeSettings;
use krilla::page::PageSettings;

use krilla::tagging::Node;

use crate::font::FontBook;
use crate::layout::frame::{Document, Page};
use crate::layout::structure::{ItemRef, Tree};

use fonts::Fonts;

/// What an export claims and carries besides the pages. The default claims no standard,
/// attaches nothing and compresses every stream; [`crate::render`] asks for
/// [`Standards::DEFAULT`].
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The standards to claim and validate.
    pub standards: Standards,
    /// The profile's source (YAML) to attach as [`SOURCE_NAME`], if any. Left out under
    /// PDF/A-2, which allows only PDF/A files as attachments.
    pub source: Option<String>,
    /// How the streams are compressed.
    pub compression: Compression,
}

/// How hard the PDF's streams are deflated (`vitae render --compress`). Every stream is
/// deflated either way (page contents, fonts, ToUnicode maps, CIDSets, attachments); the two
/// choices are zlib levels, which the vendored krilla takes per thread
/// (`krilla::stream::set_deflate_level`, `docs/dependencies.md`). Measured on the two-page
/// sample in `docs/performance.md`: `Fast` does 16% fewer instructions per render for a file
/// about a fifth larger (72 KB instead of 59 KB), which is far below any portal's upload limit,
/// so it is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compression {
    /// zlib level 1, the "quick" strategy: one hash probe per position, no lazy matching.
    #[default]
    Fast,
    /// zlib level 9: the smallest files, at about 30% more instructions than `Fast`.
    Small,
}

impl Compression {
    /// The zlib level this choice stands for (0 stores, 9 compresses hardest).
    fn deflate_level(self) -> u32 {
        match self {
            Compression::Fast => 1,
            Compression::Small => 9,
        }
    }
}

/// krilla's deflate level on this thread for as long as the guard lives; the level it
/// replaced comes back on drop, so an export never changes the next one's bytes.
struct DeflateLevel {
    previous: u32,
}

impl DeflateLevel {
    /// Sets `compression`'s level until the guard drops.
    fn set(compression: Compression) -> Self {
        Self { previous: krilla::stream::set_deflate_level(compression.deflate_level()) }
    }
}

impl Drop for DeflateLevel {
    fn drop(&mut self) {
        krilla::stream::set_deflate_level(self.previous);
    }
}

/// Exports the document to PDF bytes, claiming no standard.
pub fn export(doc: &Document, fonts: &FontBook) -> Result<Vec<u8>, PdfError> {
    export_with(doc, fonts, &ExportOptions::default())
}

/// Exports the document to PDF bytes with the given standards and attachment.
///
/// # Errors
///
/// Besides a broken document (no pages, a bad glyph range or link), a [`PdfError::NoDate`]
/// when a PDF/A level is asked for without a date, and a [`PdfError::Validation`] listing what
/// the claimed standards forbid.
pub fn export_with(doc: &Document, fonts: &FontBook, options: &ExportOptions) -> Result<Vec<u8>, PdfError> {
    if doc.pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let standards = options.standards;
    if let (Some(level), None) = (standards.archival, doc.meta.creation_date) {
        return Err(PdfError::NoDate { level: level.name() });
    }
    // krilla deflates the page contents as each page ends and the rest in `finish`, all on
    // this thread and within this function.
    let _level = DeflateLevel::set(options.compression);
    let mut fonts = Fonts::new(fonts);
    let mut pdf = krilla::Document::new_with(settings(standards));
    let structure = crate::layout::structure::tree(doc);
    let lang = meta::language(&doc.meta);
    let mut leaves = Vec::with_capacity(doc.pages.len());
    for (index, page) in doc.pages.iter().enumerate() {
        leaves.push(export_page(
            &mut pdf,
            page,
            index,
            &structure,
            lang.as_deref().unwrap_or(""),
            &mut fonts,
        )?);
    }
    pdf.set_tag_tree(tags::tag_tree(doc, &structure, leaves, lang));
    pdf.set_outline(meta::outline(&doc.outline, doc.pages.len())?);
    pdf.set_metadata(meta::metadata(&doc.meta)?);
    if let Some(source) = options.source.as_deref().filter(|_| attach::allowed(standards)) {
        attach::source(&mut pdf, source, &doc.meta)?;
    }
    pdf.finish().map_err(|e| PdfError::from_krilla(e, &fonts, standards))
}

/// Returns krilla's settings: every stream compressed, XMP metadata, tagging on, and the
/// standards' validators (which choose the PDF version: 1.7 for all of ours).
fn settings(standards: Standards) -> SerializeSettings {
    SerializeSettings {
        compress_content_streams: true,
        xmp_metadata: true,
        enable_tagging: true,
        configuration: standards.configuration(),
        ..SerializeSettings::default()
    }
}

/// Adds one page to the PDF and returns its structure leaves, one slot per item.
fn export_page(
    pdf: &mut krilla::Document,
    page: &Page,
    index: usize,
    structure: &Tree,
    lang: &str,
    fonts: &mut Fonts,
) -> Result<Vec<Option<Node>>, PdfError> {
    let (w, h) = (page.size.w.get() as f32, page.size.h.get() as f32);
    let size = PageSettings::from_wh(w, h).ok_or(PdfError::PageSize { page: index })?;
    let mut pdf_page = pdf.start_page_with(size);
    let artifacts = |i: usize| structure.artifacts.get(&ItemRef { page: index, index: i }).copied();
    paint::paint_page(&mut pdf_page, &page.items, index, fonts, &artifacts, lang)
}
