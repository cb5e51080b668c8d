//! The one error type of the PDF stage.

use std::fmt;

use krilla::error::KrillaError;

use crate::font::FontId;

use super::fonts::Fonts;
use super::standard::Standards;

/// Why a document could not be exported.
#[derive(Debug)]
pub enum PdfError {
    /// The document has no page; a PDF needs at least one.
    NoPages,
    /// A page's width or height is not a positive, finite length.
    PageSize {
        /// The zero-based page index.
        page: usize,
    },
    /// krilla cannot read a face (not an OpenType font, or a bad collection index).
    UnreadableFont {
        /// The face's id in the book.
        id: FontId,
        /// The face's name, e.g. "Source Serif 4 Bold".
        name: String,
    },
    /// krilla could read a face but not subset or embed it.
    FontEmbedding {
        /// The face's name, or "unknown font" if it cannot be traced back to the book.
        name: String,
        /// krilla's explanation.
        message: String,
    },
    /// A glyph's text range lies outside its run's text or splits a character.
    GlyphRange {
        /// The zero-based page index.
        page: usize,
        /// The run's text.
        text: String,
    },
    /// A link opens something other than an `http:`, `https:`, `mailto:` or `tel:` URI.
    LinkScheme {
        /// The rejected target.
        url: String,
    },
    /// An outline entry points past the last page.
    OutlinePage {
        /// The entry's title.
        title: String,
        /// The zero-based page it points to.
        page: usize,
        /// How many pages there are.
        pages: usize,
    },
    /// The creation date falls outside the years 0–9999 that PDF dates can hold.
    CreationDate {
        /// The rejected timestamp, in seconds since the Unix epoch.
        seconds: i64,
    },
    /// The photo could not be decoded.
    Image {
        /// The decoder's explanation.
        message: String,
    },
    /// The document breaks the standards it claims; each problem in the user's terms.
    Validation {
        /// The standards claimed, e.g. `a-2b,ua-1`.
        standards: Standards,
        /// One line per distinct problem, naming the standards that forbid it.
        problems: Vec<String>,
    },
    /// A PDF/A level was asked for but the document has no date, and vitae never reads the
    /// clock.
    NoDate {
        /// The archival level, e.g. `a-2b`.
        level: &'static str,
    },
    /// krilla failed to write the document.
    Krilla(KrillaError),
}

impl PdfError {
    /// Converts krilla's error, naming the face when a font failed to embed and wording each
    /// validation problem against the `standards` claimed.
    pub(super) fn from_krilla(error: KrillaError, fonts: &Fonts, standards: Standards) -> PdfError {
        match error {
            KrillaError::Font(font, message) => PdfError::FontEmbedding {
                name: fonts.name_of(&font).unwrap_or_else(|| "unknown font".into()),
                message,
            },
            KrillaError::Validation(errors) => {
                PdfError::Validation { standards, problems: super::validation::describe(&errors, fonts) }
            }
            other => PdfError::Krilla(other),
        }
    }
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NoPages => write!(f, "the document has no pages"),
            PdfError::Image { message } => write!(f, "the photo cannot be decoded: {message}"),
            PdfError::PageSize { page } => {
                write!(f, "page {} has an empty or invalid size", page + 1)
            }
            PdfError::UnreadableFont { id, name } => {
                write!(f, "font {} ({name}) cannot be read as an OpenType font", id.0)
            }
            PdfError::FontEmbedding { name, message } => {
                write!(f, "font {name} cannot be embedded: {message}")
            }
            PdfError::GlyphRange { page, text } => {
                write!(f, "a glyph on page {} points outside its text {text:?}", page + 1)
            }
            PdfError::LinkScheme { url } => {
                write!(f, "link {url:?} is not an http, https, mailto or tel URI")
            }
            PdfError::OutlinePage { title, page, pages } => {
                write!(f, "outline entry {title:?} points to page {} of {pages}", page + 1)
            }
            PdfError::CreationDate { seconds } => {
                write!(f, "creation date {seconds} lies outside the years 0 to 9999")
            }
            PdfError::Validation { standards, problems } => {
                write!(f, "the PDF cannot claim {standards}: {}", problems.join("; "))
            }
            PdfError::NoDate { level } => write!(
                f,
                "PDF/A ({level}) needs a date: set SOURCE_DATE_EPOCH or the profile's `updated:` \
                 (vitae never reads the clock)"
            ),
            PdfError::Krilla(e) => write!(f, "PDF serialisation failed: {e}"),
        }
    }
}

impl std::error::Error for PdfError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PdfError::Krilla(e) => Some(e),
            _ => None,
        }
    }
}
