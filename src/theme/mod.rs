//! Layouts as data: a `layouts/*.yaml` file deserialises into a [`Theme`] (page, fonts and sizes
//! per role, colours, spacing, bullets, date format, section-title style, alignment). Unknown keys
//! are errors, as in profiles; every default lives in a `Default` impl next to its type.

mod fit;
mod fonts;
mod load;
mod page;
mod spacing;
mod styles;
mod values;

use serde::Deserialize;

pub use fit::{FitBounds, Tightening};
pub use fonts::FontFile;
pub use load::{ThemeError, load, parse, resolve};
pub use page::{PageSpec, PhotoShape, PhotoSpec, Side, Sidebar, SidebarTint};
pub use spacing::{Separators, Spacing};
pub use styles::{
    Colors, DatePlacement, DateStyle, Entries, Header, HeaderAlign, LinkStyle, Lists, MonthStyle, Roles,
    SectionTitle, TextStyle,
};
pub use values::{Em, Length, Paper, Rgb};

use crate::geom::Pt;

/// The bundled layouts: name, YAML source, sorted by name; `build.rs` lists every
/// `layouts/*.yaml`, so adding a layout needs no code edit.
pub const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_layouts.rs"));

/// The bundled layouts as compact JSON, by name, sorted as [`BUNDLED`]: `build.rs` derives each
/// from its YAML file, so that loading a bundled layout parses no YAML (a YAML parse took 1.09 M
/// instructions of a render, the JSON read takes about 0.05 M). The test
/// `bundled_trees_are_the_yaml` proves each equals its YAML read at run time.
const BUNDLED_TREES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_layout_trees.rs"));

/// A resolved layout.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Theme {
    /// The layout's name, e.g. `classic`.
    pub name: String,
    /// One line saying what it looks like.
    #[serde(default)]
    pub description: String,
    /// Paper and margins.
    #[serde(default)]
    pub page: PageSpec,
    /// Type per role.
    #[serde(default)]
    pub roles: Roles,
    /// Colours for rules and links.
    #[serde(default)]
    pub colors: Colors,
    /// Vertical rhythm.
    #[serde(default)]
    pub spacing: Spacing,
    /// Lists.
    #[serde(default)]
    pub lists: Lists,
    /// How dates are printed.
    #[serde(default)]
    pub dates: DateStyle,
    /// How section titles look.
    #[serde(default)]
    pub section_title: SectionTitle,
    /// The header block.
    #[serde(default)]
    pub header: Header,
    /// Separators between the parts of one line.
    #[serde(default)]
    pub separators: Separators,
    /// Entries' dates and skills sections.
    #[serde(default)]
    pub entries: Entries,
    /// The sidebar, in two-column layouts.
    #[serde(default)]
    pub sidebar: Sidebar,
    /// The photo, when the profile has one.
    #[serde(default)]
    pub photo: PhotoSpec,
    /// Whether links are marked by colour only or underlined too.
    #[serde(default = "default_link_style")]
    pub links: LinkStyle,
    /// Whether contacts carry small icons drawn by vitae.
    #[serde(default)]
    pub contact_icons: bool,
    /// Section order: titles (matched case-insensitively, by containing the word) listed here
    /// come first, in this order; the others follow as written.
    #[serde(default)]
    pub section_order: Vec<String>,
    /// Whether body text is justified (else ragged right).
    #[serde(default = "yes")]
    pub justify: bool,
    /// Whether words may be hyphenated.
    #[serde(default = "yes")]
    pub hyphenate: bool,
    /// Character protrusion and font expansion in justified text (ragged text is not affected).
    #[serde(default)]
    pub microtype: Microtype,
    /// Whether the profile's straight quotes, spaced hyphens, `--`, `---` and `...` are set as
    /// curly quotes, apostrophes, dashes and ellipses (never in code, addresses, or links that
    /// show their address); see [`crate::punctuation`]. The profile's text itself is unchanged.
    #[serde(default = "yes")]
    pub smart_punctuation: bool,
    /// Whether spaces between blocks stretch so that pages end flush at the bottom margin
    /// (else the bottom is ragged).
    #[serde(default)]
    pub vertical_justify: bool,
    /// How far `--pages N` may tighten this layout.
    #[serde(default)]
    pub fit: FitBounds,
    /// The most pages the résumé should take (`--pages N` and the profile's `pages:` win).
    #[serde(default)]
    pub pages: Option<usize>,
    /// Footer text on every page of a document longer than one page; `{name}`, `{page}`,
    /// `{pages}` and `{updated}` (the profile's `updated` date, else `SOURCE_DATE_EPOCH`) are
    /// replaced.
    #[serde(default = "default_footer")]
    pub footer: String,
    /// Font files to load besides the bundled faces, relative to the file naming them; their
    /// families can be named in `roles`, and they come first in fallback (`docs/fonts.md`).
    #[serde(default)]
    pub fonts: Vec<FontFile>,
}

/// Microtypography for justified text, as pdfTeX's `microtype` package sets it: on unless a
/// layout switches it off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Microtype {
    /// Whether punctuation at the right end of a line hangs into the margin by a share of its
    /// width (full stops, commas, hyphens, dashes, colons, quotes), so the edge looks straight.
    pub protrusion: bool,
    /// Whether a line's glyphs may be scaled horizontally by up to 2%, in steps of 0.5%, so its
    /// word spaces stay nearer their natural width.
    pub expansion: bool,
}

impl Default for Microtype {
    fn default() -> Microtype {
        Microtype { protrusion: true, expansion: true }
    }
}

/// Links are coloured, not underlined, unless a layout says otherwise.
fn default_link_style() -> LinkStyle {
    LinkStyle::Color
}

/// Returns true; serde's `default = …` needs a function.
fn yes() -> bool {
    true
}

/// The default footer: "Jane Doe · 2 / 3".
fn default_footer() -> String {
    "{name} · {page} / {pages}".to_string()
}

impl Theme {
    /// Returns the width available for text between the side margins.
    pub fn measure(&self) -> Pt {
        self.page.size().w - self.page.left.pt() - self.page.right.pt()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::geom::Size;

    #[test]
    fn microtype_is_on_unless_a_layout_switches_it_off() {
        let on = Microtype { protrusion: true, expansion: true };
        assert_eq!(parse("name: x\n", "x").unwrap().microtype, on);
        for (name, _) in BUNDLED {
            assert_eq!(load(name).unwrap().microtype, on, "{name}");
        }
        let t = parse("name: x\nmicrotype:\n  expansion: false\n", "x").unwrap();
        assert_eq!(t.microtype, Microtype { protrusion: true, expansion: false });
        assert!(parse("name: x\nmicrotype:\n  tracking: true\n", "x").is_err(), "unknown keys are rejected");
    }

    #[test]
    fn only_body_text_hyphenates_unless_a_layout_says_otherwise() {
        for (name, _) in BUNDLED {
            let r = load(name).unwrap().roles;
            assert_eq!(r.body.hyphenate, Some(true), "{name}");
            for role in [&r.name, &r.headline, &r.section, &r.title, &r.subtitle, &r.meta, &r.contacts] {
                assert_eq!(role.hyphenate, Some(false), "{name}");
            }
        }
        let t = parse("name: x\nroles:\n  body:\n    hyphenate: false\n  title:\n    hyphenate: true\n", "x")
            .unwrap();
        assert_eq!((t.roles.body.hyphenate, t.roles.title.hyphenate), (Some(false), Some(true)));
    }

    #[test]
    fn bundled_layouts_parse() {
        for (name, _) in BUNDLED {
            let t = load(name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(&t.name, name);
            assert!(t.measure() > Pt(300.0));
        }
    }

    #[test]
    fn every_file_in_layouts_is_bundled_sorted_and_loads() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
        let mut files: Vec<String> = crate::files::repository_files("layouts", "yaml")
            .iter()
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, files, "BUNDLED lists exactly layouts/*.yaml, by name");
        for (name, src) in BUNDLED {
            assert_eq!(*src, std::fs::read_to_string(dir.join(format!("{name}.yaml"))).unwrap(), "{name}");
            assert_eq!(load(name).unwrap_or_else(|e| panic!("{e}")).name, *name);
        }
    }

    #[test]
    fn unknown_key_is_an_error_with_position() {
        let e = parse("name: x\njustfy: true\n", "t.yaml").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("justfy"), "{}", e.message);
    }

    #[test]
    fn unknown_layout_name_lists_the_bundled_ones() {
        let e = load("fancy").unwrap_err();
        assert!(e.hint.unwrap().contains("classic"));
    }

    #[test]
    fn tightening_goes_spacing_then_leading_then_margins_then_size() {
        let t = load("classic").unwrap();
        let (_, k) = t.tightened(0.25);
        assert!((k.spacing - t.fit.min_spacing).abs() < 1e-9);
        assert_eq!((k.leading, k.margins, k.size), (1.0, 1.0, 1.0));
        let (tight, k) = t.tightened(1.0);
        assert!(k.leading < 1.0 && k.margins < 1.0 && k.size < 1.0);
        assert!(tight.roles.body.size.pt().fits(t.fit.min_body.pt()));
        assert!(Pt(8.5).fits(tight.roles.body.size.pt()), "never below the legibility floor");
        assert!(t.fit.min_margin.pt().fits(tight.page.left.pt() + Pt(0.01)));
    }

    #[test]
    fn fitting_tightens_the_header_and_role_gaps_with_the_other_spacing() {
        let t = load("classic").unwrap();
        let (tight, k) = t.tightened(0.25);
        let (a, b) = (&t.spacing, &tight.spacing);
        for (before, after) in [
            (a.headline, b.headline),
            (a.contacts, b.contacts),
            (a.sidebar_contacts, b.sidebar_contacts),
            (a.contact, b.contact),
            (a.first_role, b.first_role),
            (a.role(), b.role()),
        ] {
            assert!(after.pt().approx_eq(before.pt() * k.spacing), "{before:?} → {after:?}");
        }
        assert!(k.spacing < 1.0);
    }

    fn design(yaml: &str) -> crate::profile::Design {
        let value: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
        crate::profile::Design {
            value,
            file: "cv.yaml".into(),
            line: 10,
            lines: yaml.lines().map(String::from).collect(),
        }
    }

    #[test]
    fn design_overrides_merge_into_the_layout() {
        let t = resolve(
            "classic",
            Some(&design("page:\n  paper: letter\njustify: false\nroles:\n  body:\n    size: 11pt\n")),
        )
        .unwrap();
        assert_eq!(t.page.size(), Size::new(Pt(612.0), Pt(792.0)));
        assert!(!t.justify);
        assert_eq!(t.roles.body.size.pt(), Pt(11.0));
        // Untouched options keep the layout's values.
        assert_eq!(t.roles.body.family, "Source Serif 4");
        assert!(t.page.top.pt().approx_eq(Pt::from_mm(16.0)));
    }

    #[test]
    fn misspelt_design_option_points_at_its_line_with_a_suggestion() {
        let e = resolve("classic", Some(&design("justify: false\njustfy: true\n"))).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("cv.yaml", 11));
        assert!(e.message.contains("justfy"), "{}", e.message);
        assert_eq!(e.hint.as_deref(), Some("did you mean `justify`?"));
    }

    #[test]
    fn invalid_design_value_is_an_error() {
        let e = resolve("classic", Some(&design("colors:\n  link: \"#12\"\n"))).unwrap_err();
        assert!(e.message.contains("hex colour"), "{}", e.message);
    }

    #[test]
    fn letter_paper_is_612_by_792() {
        let t = parse("name: x\npage:\n  paper: letter\n", "t.yaml").unwrap();
        assert_eq!(t.page.size(), Size::new(Pt(612.0), Pt(792.0)));
    }

    #[test]
    fn a_fault_in_the_layout_is_placed_in_the_layout_even_with_a_design() {
        let dir = std::env::temp_dir().join(format!("vitae-theme-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.yaml");
        std::fs::write(&path, "name: x\npage:\n  paper: a4\ncolour: red\n").unwrap();
        let name = path.display().to_string();
        let alone = resolve(&name, None).unwrap_err();
        let designed = resolve(&name, Some(&design("justify: false\n"))).unwrap_err();
        assert_eq!((alone.file.as_str(), alone.line), (name.as_str(), 4), "{alone}");
        assert_eq!(designed.to_string(), alone.to_string());
        // A fault of the design's own is placed at its option in the profile.
        let e = resolve("classic", Some(&design("justify: false\ncolour: red\n"))).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("cv.yaml", 11), "{e}");
    }
}
