//! Fitting's side of a theme: the bounds within which a layout may tighten, and tightening it.

use serde::Deserialize;

use super::{Length, Roles, TextStyle, Theme};

/// The limits within which fitting to N pages may tighten a layout.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct FitBounds {
    /// Smallest factor for spaces between blocks (0.5 halves them).
    pub min_spacing: f64,
    /// Smallest factor for line spacing.
    pub min_leading: f64,
    /// Smallest margin.
    pub min_margin: Length,
    /// Smallest body text size; other sizes shrink in proportion.
    pub min_body: Length,
}

impl Default for FitBounds {
    fn default() -> FitBounds {
        FitBounds {
            // Half the spacing still separates entries clearly.
            min_spacing: 0.5,
            // 8% tighter leading is about where ascenders start to meet descenders.
            min_leading: 0.92,
            // 12 mm keeps every word clear of a printer's unprintable edge (about 5 mm).
            min_margin: Length::mm(12.0),
            // 8.5 pt is the usual legibility floor for printed body text.
            min_body: Length::points(8.5),
        }
    }
}

/// What fitting changed, for the report.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tightening {
    /// Factor applied to spaces between blocks.
    pub spacing: f64,
    /// Factor applied to line spacing.
    pub leading: f64,
    /// Factor applied to margins.
    pub margins: f64,
    /// Factor applied to font sizes.
    pub size: f64,
}

impl Tightening {
    /// No tightening: every factor 1, what [`Theme::tightened`] gives at 0.
    pub const NONE: Tightening = Tightening { spacing: 1.0, leading: 1.0, margins: 1.0, size: 1.0 };
}

impl Theme {
    /// Returns the theme tightened by `t` in 0..=1: the first quarter of `t` tightens spacing to
    /// its bound, the second line spacing, the third margins, the last font sizes, in the order a
    /// typesetter would give things up.
    pub fn tightened(&self, t: f64) -> (Theme, Tightening) {
        let phase = |k: f64| (t * 4.0 - k).clamp(0.0, 1.0);
        let b = &self.fit;
        let lerp = |min: f64, k: f64| 1.0 - (1.0 - min.min(1.0)) * phase(k);
        let margin_min = |m: Length| (b.min_margin.pt().get() / m.pt().get().max(1e-9)).min(1.0);
        let body = self.roles.body.size.pt().get();
        let tight = Tightening {
            spacing: lerp(b.min_spacing, 0.0),
            leading: lerp(b.min_leading, 1.0),
            margins: lerp(margin_min(self.page.left).max(margin_min(self.page.top)), 2.0),
            size: lerp(b.min_body.pt().get() / body.max(1e-9), 3.0),
        };
        (self.scaled(&tight), tight)
    }

    /// Returns the theme with spacing, leading, margins and sizes multiplied by the factors.
    fn scaled(&self, k: &Tightening) -> Theme {
        let mut t = self.clone();
        t.spacing = t.spacing.scaled(k.spacing);
        for m in [&mut t.page.top, &mut t.page.bottom, &mut t.page.left, &mut t.page.right] {
            *m = m.scaled(k.margins);
        }
        for r in t.roles.all_mut() {
            r.size = r.size.scaled(k.size);
            r.leading *= k.leading;
        }
        t.lists.indent = t.lists.indent.scaled(k.size);
        t
    }
}

impl Roles {
    /// Returns every role's style, for changes that apply to all.
    fn all_mut(&mut self) -> [&mut TextStyle; 10] {
        [
            &mut self.name,
            &mut self.headline,
            &mut self.contacts,
            &mut self.section,
            &mut self.title,
            &mut self.subtitle,
            &mut self.meta,
            &mut self.body,
            &mut self.small,
            &mut self.code,
        ]
    }
}
