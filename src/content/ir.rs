//! The content IR: the types that cross from content to layout. A résumé is a flat sequence of
//! styled [`Block`]s (paragraphs, heading lines with a right-aligned part, rules, the photo), each
//! knowing its spacing and what it must stay with, plus the page setup and document information.

use crate::font::{FontBook, FontId};
use crate::geom::{Color, Pt, Size};
use crate::profile;

/// The résumé ready for layout.
#[derive(Debug, Clone)]
pub struct Content {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Paper, margins and footer.
    pub page: PageSetup,
    /// Title, author, keywords.
    pub info: Metadata,
    /// Hyphenation settings for the whole document.
    pub hyphenation: Hyphenation,
    /// Character protrusion and font expansion for justified paragraphs.
    pub microtype: crate::theme::Microtype,
    /// Whether pages end flush at the bottom margin (spaces stretch).
    pub vertical_justify: bool,
    /// The sidebar's blocks and geometry, in two-column layouts.
    pub sidebar: Option<SidebarContent>,
    /// Which way the document reads, from its language.
    pub direction: Direction,
}

/// Which way a document's lines run, decided once from its language: a right-to-left
/// document mirrors its layout (text flush right, dates on the left, the sidebar on the
/// other side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right (Latin, Cyrillic, CJK, Devanagari …).
    #[default]
    LeftToRight,
    /// Right to left (Arabic, Hebrew, Persian …).
    RightToLeft,
}

impl Direction {
    /// Returns the direction of a BCP 47 language.
    pub fn of_language(lang: &str) -> Direction {
        if crate::locale::script::is_rtl_language(lang) {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        }
    }

    /// Whether it is right to left.
    pub fn is_rtl(self) -> bool {
        self == Direction::RightToLeft
    }
}

/// A second column beside the main one.
#[derive(Debug, Clone)]
pub struct SidebarContent {
    /// The blocks that flow down the sidebar, page after page.
    pub blocks: Vec<Block>,
    /// Whether it is on the left.
    pub left: bool,
    /// Its text width.
    pub width: Pt,
    /// The gap between its text and the main column's.
    pub gap: Pt,
    /// Its tint, running the full height of a page.
    pub tint: Color,
    /// Whether the tint runs down every page, not only the pages that carry sidebar content.
    pub tint_every_page: bool,
}

/// Page geometry and running footer.
#[derive(Debug, Clone)]
pub struct PageSetup {
    /// The paper size.
    pub size: Size,
    /// Margins: top, right, bottom, left.
    pub margins: [Pt; 4],
    /// The footer template with `{page}` and `{pages}` left in, shown on every page when the
    /// document has more than one.
    pub footer: Option<Paragraph>,
    /// Whether links get a thin rule under them.
    pub underline_links: bool,
}

/// The document information written to the PDF's Info dictionary and XMP: built here from the
/// profile, then passed on unchanged through layout (which adds the creation date, a layout
/// option) into [`crate::layout::frame::Document::meta`] and the PDF. One type for every stage,
/// so the title the exporter writes is the title content built.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// "Name — Résumé", or the headline when there is no name.
    pub title: String,
    /// The person, when named (else the e-mail address, the headline or "Anonymous").
    pub author: Option<String>,
    /// The headline.
    pub subject: Option<String>,
    /// Skills, for search.
    pub keywords: Vec<String>,
    /// A BCP 47 language tag such as `en`.
    pub language: String,
    /// Seconds since the Unix epoch, only from `SOURCE_DATE_EPOCH` or an option, else the
    /// profile's `updated:`; never the clock. `None` in content: layout sets it from
    /// [`crate::layout::LayoutOptions::creation_date`].
    pub creation_date: Option<i64>,
}

/// Hyphenation settings.
#[derive(Debug, Clone, Default)]
pub struct Hyphenation {
    /// Whether words may be hyphenated at all.
    pub enabled: bool,
    /// The language whose patterns apply.
    pub lang: String,
    /// Words with fixed break points.
    pub exceptions: Vec<profile::HyphenationException>,
}

/// One block of the flow.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Extra space above it (dropped at the top of a page).
    pub space_before: Pt,
    /// Its part in pagination.
    pub role: Role,
    /// A bookmark to create at this block (section titles).
    pub outline: Option<String>,
    /// The heading level of the block's text in the document's structure (tagged PDF): 1 for
    /// the name, 2 for section titles; `None` for other text.
    pub heading: Option<u8>,
    /// What the block belongs to, for warnings: the section title and entry title.
    pub label: String,
}

/// The part a block plays when pages are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The header: name, headline, contacts.
    Header,
    /// A section title or its rule: never the last thing on a page.
    SectionTitle,
    /// The first heading line of an entry: the natural place for a page break.
    EntryStart,
    /// The first heading line of a role in a group: for pages, an entry's start like
    /// `EntryStart`; for the structure, an entry inside the group's.
    RoleStart,
    /// A further heading line of an entry: stays with the line before it.
    EntryHeading,
    /// The heading of an organisation with several roles: stays with its first role.
    GroupHeading,
    /// The first body block of an entry.
    EntryBodyStart,
    /// Body text.
    Body,
    /// A nested point: stays with its parent's last line.
    Nested,
}

/// The kinds of block.
#[derive(Debug, Clone)]
pub enum BlockKind {
    /// A paragraph broken into lines.
    Text(Paragraph),
    /// A heading line: text on the left (may wrap) and a short part flush right on its first line.
    Split {
        /// The left part.
        left: Paragraph,
        /// The right part (dates, location).
        right: Paragraph,
    },
    /// An image (the photo, a letter's signature) scaled to a box.
    Image {
        /// The box: square for the photo, the image's own proportions for a signature.
        size: Size,
        /// The file's bytes.
        data: std::sync::Arc<Vec<u8>>,
        /// Whether JPEG (else PNG).
        jpeg: bool,
        /// Whether cropped to a circle.
        round: bool,
        /// Where it sits in its column.
        align: Align,
        /// What it shows, for readers who cannot see it (the PDF's alternative text).
        alt: String,
    },
    /// A horizontal rule across the measure, `gap` below the previous baseline.
    Rule {
        /// Line thickness.
        thickness: Pt,
        /// Colour.
        color: Color,
        /// Distance from the previous block's last baseline.
        gap: Pt,
    },
}

/// A paragraph: styled runs plus how to set them.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text runs.
    pub runs: Vec<Run>,
    /// Alignment.
    pub align: Align,
    /// Left indent of every line.
    pub indent: Pt,
    /// A marker (bullet, number) hung in the indent before the first line.
    pub marker: Option<Run>,
    /// Baseline-to-baseline distance.
    pub leading: Pt,
}

/// Horizontal alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left, ragged right.
    Left,
    /// Both edges flush (last line flush left).
    Justify,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// How it is set.
    pub style: RunStyle,
    /// Where it links to.
    pub link: Option<String>,
    /// Whether lines may not break inside this run (a contact, a date).
    pub nobreak: bool,
}

/// A resolved text style.
#[derive(Debug, Clone, PartialEq)]
pub struct RunStyle {
    /// Font family.
    pub family: String,
    /// Whether bold.
    pub bold: bool,
    /// Whether italic.
    pub italic: bool,
    /// Font size.
    pub size: Pt,
    /// Fill colour.
    pub color: Color,
    /// Extra letter spacing in ems.
    pub tracking: f64,
    /// Whether the role allows hyphenation (bold runs are never hyphenated, whatever this says).
    pub hyphenate: bool,
    /// The face of `family` in this weight and style, looked up once when the content is built
    /// (`content::fonts`); `None` when the family is unknown, or for a style made by hand that
    /// was never resolved.
    pub font: Option<FontId>,
}

impl RunStyle {
    /// Returns the face of the style: the one content resolved, else (a style made by hand)
    /// the book's choice for the family; `None` when the book has no such family.
    pub fn face_in(&self, fonts: &FontBook) -> Option<FontId> {
        self.font.or_else(|| fonts.select(&self.family, self.bold, self.italic))
    }
}
