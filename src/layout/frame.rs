//! The display list that crosses from layout to export: a [`Document`] of [`Page`]s, each a size
//! plus positioned [`Item`]s (glyph runs, filled rectangles, rules, link areas).
//!
//! The PDF exporter walks these with one `match` and knows nothing about how they were laid out.
//!
//! The list also keeps the document's structure, as Typst's frames keep start and end tags:
//! [`Item::Tag`] markers open and close the elements flow knows (a section, a heading, an
//! entry, a list and its items, a paragraph, a figure, an artifact) around the items that
//! belong to them. On every page the markers nest; an element that runs over a page break is
//! closed at the page's end and opened again with the same [`StructId`] on the next, so a walk
//! joins the pieces into one element. Ids grow in logical reading order (the main column's
//! elements before the sidebar's), whatever order the columns are painted in. The PDF tag tree
//! and the plain text output are both walks of these markers ([`super::structure::tree`]).

use std::ops::Range;

pub use crate::content::Metadata;
use crate::font::{FontId, Synthetic};
use crate::geom::{Color, Point, Pt, Size};

/// Everything the exporter needs: the pages, the outline and the document's metadata.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// One bookmark per section, in reading order.
    pub outline: Vec<OutlineEntry>,
    /// Title, author and friends.
    pub meta: Metadata,
}

/// One page: its size and what is drawn on it, in reading (and painting) order.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The paper size.
    pub size: Size,
    /// The items, each at its position (top-left origin).
    pub items: Vec<Positioned>,
    /// The share of the text area's height the content uses (1.0 is a full page).
    pub fill: f64,
}

/// An item at a position on the page.
#[derive(Debug, Clone)]
pub struct Positioned {
    /// For text the start of the baseline; for shapes and links the top-left corner.
    pub pos: Point,
    /// What is drawn there.
    pub item: Item,
}

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Item {
    /// A run of shaped glyphs in one font.
    Text(TextRun),
    /// A filled rectangle (tints, rules drawn as thin boxes).
    Rect(FilledRect),
    /// A straight line.
    Line(Rule),
    /// A clickable area that opens a URI.
    Link(LinkArea),
    /// A raster image (the photo).
    Image(ImageItem),
    /// A structure marker: the items up to the matching end belong to the element.
    Tag(Tag),
}

/// A structure marker in the display list.
#[derive(Debug, Clone, PartialEq)]
pub enum Tag {
    /// Opens an element (or, with an id seen before, continues it after a page break).
    Start(StructId, Elem),
    /// Closes the element with this id (the innermost open one).
    End(StructId),
}

/// Identifies one structure element across pages. Ids are given in logical reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StructId(pub u32);

impl StructId {
    /// The id every artifact carries: artifacts are outside the structure, so their id only
    /// pairs a start with its end.
    pub const ARTIFACT: StructId = StructId(u32::MAX);

    /// Where link ids start: the tagger numbers a document's elements from 0 and a résumé has
    /// a few thousand at most, far below 2^31.
    const LINKS_FROM: u64 = 1 << 31;

    /// How many link ids each page has room for: one per item of the page, and a dense page
    /// holds a few thousand items, far below 2^20.
    const LINKS_PER_PAGE: u64 = 1 << 20;

    /// Returns the id of the link element whose line starts at item `index` of page `page`
    /// (from 0): link elements are made while pages are placed, apart from the tagger's
    /// numbering. Past 2047 pages the ids would reach the artifacts' and stay one below it
    /// (links there share an element; nothing is lost).
    pub fn link(page: usize, index: usize) -> StructId {
        let id = Self::LINKS_FROM + page as u64 * Self::LINKS_PER_PAGE + index as u64;
        StructId(u32::try_from(id).unwrap_or(u32::MAX - 1).min(u32::MAX - 1))
    }
}

/// What a structure element is; the PDF tag each becomes is in brackets.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    /// A section of the résumé, or the sidebar as a whole (`Sect`).
    Section,
    /// A heading of a level: 1 the name, 2 a section title (`H1`, `H2`).
    Heading(u8),
    /// An entry: a job, a degree, a project with its heading rows and body (`Div`).
    Entry,
    /// A list of points (`L`).
    List,
    /// One point of a list (`LI`).
    ListItem,
    /// A point's bullet or number (`Lbl`).
    Label,
    /// A point's text (`LBody`).
    ListBody,
    /// A paragraph: one block of text, or one part of an entry's heading row (`P`).
    Paragraph,
    /// An image with its alternative text (`Figure`).
    Figure(String),
    /// A link: its text and the area that opens it (`Link`, holding the text and the link
    /// annotation).
    Link,
    /// Drawn content that is no part of the text (an artifact outside the tag tree).
    Artifact(ArtifactKind),
}

/// Why content is an artifact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKind {
    /// The running footer (name, page number), repeated on every page.
    Footer,
    /// Decoration: rules, tints, underlines.
    Layout,
}

/// A PNG or JPEG image scaled to a box, optionally cropped to a circle.
#[derive(Debug, Clone)]
pub struct ImageItem {
    /// The box it fills, from [`Positioned::pos`].
    pub size: Size,
    /// The file's bytes.
    pub data: std::sync::Arc<Vec<u8>>,
    /// Whether the bytes are JPEG (else PNG).
    pub jpeg: bool,
    /// Whether it is cropped to the circle inscribed in its box.
    pub round: bool,
    /// Its alternative text, for the PDF's `Figure` (screen readers, PDF/UA).
    pub alt: String,
}

/// A run of positioned glyphs in one font, size and colour.
#[derive(Debug, Clone)]
pub struct TextRun {
    /// The face the glyphs come from.
    pub font: FontId,
    /// The font size.
    pub size: Pt,
    /// The fill colour.
    pub color: Color,
    /// The source text the glyphs stand for (what a reader extracts).
    pub text: String,
    /// The glyphs, left to right.
    pub glyphs: Vec<Glyph>,
    /// The horizontal scale of the glyphs' outlines (font expansion; 1 is none). The advances
    /// are already scaled; only the drawing of the outlines needs it.
    pub scale: f32,
    /// How the line was set, on the last run of each line set by inline layout.
    pub line: Option<LineSetting>,
    /// The styles the face lacks and the PDF must fake (emboldening, slant): the font stage's
    /// choice ([`crate::font::Face::synthetic`]), copied here so export only draws it.
    pub synthetic: Synthetic,
}

/// How a line was set, as the line breaker and justification chose it: what a typesetter
/// judges a line by (Typst and TeX keep the same facts in their lines).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineSetting {
    /// The glue set ratio of the line's word spaces after expansion: positive grows them by
    /// that share of their stretch, negative shrinks them by that share of their shrink, 0
    /// keeps them natural (ragged and last lines).
    pub ratio: f64,
    /// Whether the line was set to the full measure.
    pub justified: bool,
    /// Whether the line ends with an inserted hyphen.
    pub hyphenated: bool,
    /// The horizontal scale given to the line's glyphs, as a share (0.01 is 1% wider).
    pub expansion: f64,
    /// The right edge of the line's measure, from the left edge of the run that carries this.
    pub measure_end: Pt,
    /// How far the last glyph may hang beyond `measure_end` (character protrusion).
    pub protrusion: Pt,
}

impl TextRun {
    /// Returns the run's advance width.
    pub fn width(&self) -> Pt {
        self.size * self.glyphs.iter().map(|g| f64::from(g.advance)).sum::<f64>()
    }
}

/// One shaped glyph. Advances and offsets are in ems (font units divided by units per em), so
/// they scale with the run's size; this is what krilla expects.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// The glyph id in its face.
    pub id: u16,
    /// Horizontal advance in ems.
    pub advance: f32,
    /// Horizontal offset in ems.
    pub x_offset: f32,
    /// Vertical offset in ems (positive is up, as in fonts).
    pub y_offset: f32,
    /// The bytes of [`TextRun::text`] this glyph's cluster stands for.
    pub range: Range<usize>,
}

/// A filled rectangle.
#[derive(Debug, Clone, Copy)]
pub struct FilledRect {
    /// Its extent from [`Positioned::pos`].
    pub size: Size,
    /// The fill.
    pub fill: Color,
}

/// A straight stroked line from [`Positioned::pos`] to `pos + delta`.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The end point relative to the start.
    pub delta: Point,
    /// The stroke width.
    pub thickness: Pt,
    /// The stroke colour.
    pub color: Color,
}

/// A rectangle that opens a URI when clicked.
#[derive(Debug, Clone)]
pub struct LinkArea {
    /// Its extent from [`Positioned::pos`].
    pub size: Size,
    /// The target: an `http(s):`, `mailto:` or `tel:` URI.
    pub url: String,
}

/// A bookmark in the PDF outline.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    /// The text shown in the viewer's sidebar.
    pub title: String,
    /// The zero-based page index.
    pub page: usize,
    /// The vertical position to jump to.
    pub y: Pt,
}
