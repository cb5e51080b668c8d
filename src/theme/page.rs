//! The page: paper and margins, the sidebar beside the main text, and the photo.

use serde::Deserialize;

use super::{Length, Paper};
use crate::geom::Size;

/// Paper size and margins.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PageSpec {
    /// The paper.
    pub paper: Paper,
    /// Top margin.
    pub top: Length,
    /// Bottom margin (the footer sits inside it).
    pub bottom: Length,
    /// Left margin.
    pub left: Length,
    /// Right margin.
    pub right: Length,
}

impl Default for PageSpec {
    fn default() -> PageSpec {
        // 18 mm / 20 mm: the margins of moderncv's classic style at A4, generous enough for any
        // printer's unprintable edge (about 5 mm) and for the footer.
        PageSpec {
            paper: Paper::A4,
            top: Length::mm(18.0),
            bottom: Length::mm(18.0),
            left: Length::mm(20.0),
            right: Length::mm(20.0),
        }
    }
}

impl PageSpec {
    /// Returns the paper size in points.
    pub fn size(&self) -> Size {
        self.paper.size()
    }
}

/// Which side a sidebar is on.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The left side.
    Left,
    /// The right side.
    Right,
}

/// A tinted column beside the main text.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Sidebar {
    /// Whether the layout has a sidebar.
    pub enabled: bool,
    /// Which side it is on.
    pub side: Side,
    /// Its text width.
    pub width: Length,
    /// The gap between sidebar text and main text.
    pub gap: Length,
    /// Sections that go into the sidebar: a section goes there when its title contains one of
    /// these words (case-insensitive).
    pub sections: Vec<String>,
    /// Whether the contacts go into the sidebar, one per line, instead of the header.
    pub contacts: bool,
    /// Which pages the sidebar's tint runs down.
    pub tint: SidebarTint,
}

/// Which pages a sidebar's tint covers.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SidebarTint {
    /// Only the pages that carry sidebar content (a tinted band beside nothing reads as a
    /// missing column).
    Content,
    /// Every page, full height.
    Full,
}

impl Default for Sidebar {
    fn default() -> Sidebar {
        Sidebar {
            enabled: false,
            side: Side::Left,
            width: Length::mm(55.0),
            gap: Length::mm(9.0),
            sections: vec![
                "skill".into(),
                "language".into(),
                "education".into(),
                "interest".into(),
                "award".into(),
            ],
            contacts: true,
            tint: SidebarTint::Content,
        }
    }
}

/// How a photo is shown.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PhotoShape {
    /// Cropped to a circle.
    Round,
    /// Cropped to a square.
    Square,
}

/// The photo's placement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct PhotoSpec {
    /// The crop.
    pub shape: PhotoShape,
    /// The side of the square it fills.
    pub size: Length,
}

impl Default for PhotoSpec {
    fn default() -> PhotoSpec {
        PhotoSpec { shape: PhotoShape::Round, size: Length::mm(28.0) }
    }
}
