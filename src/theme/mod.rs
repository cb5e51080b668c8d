//! Layouts as data: a `layouts/*.yaml` file deserialises into a [`Theme`] (page, fonts and sizes
//! per role, colours, spacing, bullets, date format, section-title style, alignment). Unknown keys
//! are errors, as in profiles; every default lives in the `Default` impls below.

mod fonts;
mod spacing;
mod values;

use std::path::Path;

use serde::Deserialize;

pub use fonts::FontFile;
pub use spacing::{Separators, Spacing};
pub use values::{Em, Length, Paper, Rgb};

use crate::geom::{Color, Pt, Size};

/// The bundled layouts: name, YAML source, sorted by name; `build.rs` lists every
/// `layouts/*.yaml`, so adding a layout needs no code edit.
pub const BUNDLED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_layouts.rs"));

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

/// How one role's text is set.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct TextStyle {
    /// The font family (a bundled family name or one loaded from a file).
    pub family: String,
    /// The font size.
    pub size: Length,
    /// Whether bold.
    pub bold: bool,
    /// Whether italic.
    pub italic: bool,
    /// The text colour.
    pub color: Rgb,
    /// Baseline-to-baseline distance as a multiple of the size.
    pub leading: f64,
    /// Whether the text is set in capitals.
    pub uppercase: bool,
    /// Extra space between letters, in ems (for tracked capitals).
    pub tracking: f64,
    /// Whether words of this role may be hyphenated; unset takes the role's default (on for
    /// `body` only). The layout's top-level `hyphenate` switch still has to allow it, and bold
    /// runs are never hyphenated.
    pub hyphenate: Option<bool>,
}

impl Default for TextStyle {
    fn default() -> TextStyle {
        TextStyle {
            family: "Source Serif 4".into(),
            size: Length::points(10.0),
            bold: false,
            italic: false,
            color: Rgb(Color::BLACK),
            // 1.25: the leading TeX uses for 10 pt text (12 pt baselines) rounded to a ratio.
            leading: 1.25,
            uppercase: false,
            tracking: 0.0,
            hyphenate: None,
        }
    }
}

/// Text styles per role.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Roles {
    /// The person's name.
    pub name: TextStyle,
    /// The headline under the name.
    pub headline: TextStyle,
    /// The contacts line.
    pub contacts: TextStyle,
    /// Section titles.
    pub section: TextStyle,
    /// Entry titles (position, degree, project).
    pub title: TextStyle,
    /// Entry subtitles (organisation, institution).
    pub subtitle: TextStyle,
    /// Dates and locations on the right.
    pub meta: TextStyle,
    /// Body text, highlights, summaries.
    pub body: TextStyle,
    /// Small print: the footer.
    pub small: TextStyle,
    /// Code spans.
    pub code: TextStyle,
}

impl Roles {
    /// Sets each role's unset `hyphenate` to its default, on for body text only: names,
    /// headings, entry titles, organisations, dates and skills are proper names or short labels
    /// that a compositor never breaks ("Jenk-ins", "Senior Soft-ware Engineer" read as typos).
    /// This is the one place those defaults live; every way of loading a layout calls it.
    fn fill_hyphenation_defaults(&mut self) {
        self.body.hyphenate.get_or_insert(true);
        let Roles { name, headline, contacts, section, title, subtitle, meta, body: _, small, code } = self;
        for role in [name, headline, contacts, section, title, subtitle, meta, small, code] {
            role.hyphenate.get_or_insert(false);
        }
    }
}

/// Colours that are not tied to a text role.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Colors {
    /// Rules under section titles.
    pub rule: Rgb,
    /// Link text.
    pub link: Rgb,
    /// The sidebar's tint.
    pub sidebar: Rgb,
}

impl Default for Colors {
    fn default() -> Colors {
        Colors {
            rule: Rgb(Color::BLACK),
            link: Rgb(Color::BLACK),
            sidebar: Rgb(Color::rgb(0xf1, 0xf3, 0xf6)),
        }
    }
}

/// How links look besides their colour.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LinkStyle {
    /// Only the link colour marks them.
    Color,
    /// A thin rule under the link text as well.
    Underline,
}

/// Where an entry's dates go.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum DatePlacement {
    /// Flush right on the heading line.
    Right,
    /// After the title on the same line.
    Inline,
}

/// Entries and special sections.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Entries {
    /// Where dates and locations go.
    pub dates: DatePlacement,
    /// Whether the rows and bullets of skills sections run together as one paragraph.
    pub skills_as_paragraph: bool,
    /// Section titles (matched case-insensitively, by containing the word) counted as skills.
    pub skills_sections: Vec<String>,
}

impl Default for Entries {
    fn default() -> Entries {
        Entries {
            dates: DatePlacement::Right,
            skills_as_paragraph: false,
            skills_sections: vec!["skill".into(), "proficienc".into(), "technolog".into()],
        }
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

/// Bullets and indents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Lists {
    /// The bullet glyph.
    pub bullet: String,
    /// The bullet for nested points.
    pub sub_bullet: String,
    /// Hanging indent of a list item's text.
    pub indent: Length,
}

impl Default for Lists {
    fn default() -> Lists {
        Lists { bullet: "•".into(), sub_bullet: "–".into(), indent: Length::points(12.0) }
    }
}

/// How months are printed.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum MonthStyle {
    /// "Mar 2021".
    Short,
    /// "March 2021".
    Long,
    /// "03/2021".
    Numeric,
}

/// How dates are printed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct DateStyle {
    /// Month names.
    pub months: MonthStyle,
    /// Between start and end.
    pub separator: String,
    /// The word for an ongoing end; by default the profile language's word.
    pub present: Option<String>,
    /// Twelve full month names, January first, replacing the language's.
    pub month_names: Option<Vec<String>>,
    /// Twelve abbreviated month names, January first, replacing the language's.
    pub short_month_names: Option<Vec<String>>,
}

impl Default for DateStyle {
    fn default() -> DateStyle {
        DateStyle {
            months: MonthStyle::Short,
            separator: " – ".into(),
            present: None,
            month_names: None,
            short_month_names: None,
        }
    }
}

impl DateStyle {
    /// Checks that month-name lists have twelve names.
    fn check(&self) -> Result<(), String> {
        for (key, list) in
            [("month-names", &self.month_names), ("short-month-names", &self.short_month_names)]
        {
            if let Some(l) = list
                && l.len() != 12
            {
                return Err(format!(
                    "`dates.{key}` must list twelve months, January first (it lists {})",
                    l.len()
                ));
            }
        }
        Ok(())
    }
}

/// How section titles are decorated.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct SectionTitle {
    /// Whether a rule runs under the title across the measure.
    pub rule: bool,
    /// The rule's colour (the `rule` colour when absent).
    pub rule_color: Option<Rgb>,
    /// The rule's thickness.
    pub rule_thickness: Length,
    /// Gap between the title's baseline and the rule.
    pub rule_gap: Length,
}

impl Default for SectionTitle {
    fn default() -> SectionTitle {
        SectionTitle {
            rule: true,
            rule_color: None,
            rule_thickness: Length::points(0.5),
            rule_gap: Length::points(3.5),
        }
    }
}

/// Horizontal alignment of the header.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderAlign {
    /// Centred over the measure.
    Center,
    /// Flush left.
    Left,
}

/// The header block.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Header {
    /// Alignment of name, headline and contacts.
    pub align: HeaderAlign,
    /// What separates contacts on one line.
    pub separator: String,
    /// The indent a contact's icon hangs in when contacts are listed one per line, in ems of
    /// the contacts' size.
    pub icon_indent: Em,
}

impl Default for Header {
    fn default() -> Header {
        // 1.6 em: an emoji icon is about 1.2 em wide, plus a gap before the text.
        Header { align: HeaderAlign::Center, separator: "  ·  ".into(), icon_indent: Em(1.6) }
    }
}

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

/// A layout file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    /// The layout's file name or bundled name.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            // A line without a known column prints as `file:line:`, never as column 0.
            l if self.column == 0 => write!(f, "{}:{}: {}", self.file, l, self.message),
            l => write!(f, "{}:{}:{}: {}", self.file, l, self.column, self.message),
        }
    }
}

impl std::error::Error for ThemeError {}

/// Loads a layout by bundled name (`classic`) or by path to a YAML file.
pub fn load(name_or_path: &str) -> Result<Theme, ThemeError> {
    resolve(name_or_path, None)
}

/// Loads a layout and applies a profile's `design:` overrides to it: the layout's YAML is
/// parsed once into a tree, the design merged into that tree, and the result read into a
/// [`Theme`] once. Only when that fails is the layout parsed alone, to tell whether the fault is
/// the layout's (placed at its line and column) or the design's (placed at the option).
pub fn resolve(name_or_path: &str, design: Option<&crate::profile::Design>) -> Result<Theme, ThemeError> {
    let (src, file) = source(name_or_path)?;
    let mut tree = layout_tree(&src, &file)?;
    if let Some(design) = design {
        merge(&mut tree, &design.value);
    }
    let mut theme = serde_json::from_value::<Theme>(tree)
        .map_err(|e| blame(&src, &file, design, |d| design_error(&e.to_string(), d)))?;
    theme.roles.fill_hyphenation_defaults();
    theme.dates.check().map_err(|message| {
        blame(&src, &file, design, |d| ThemeError {
            file: d.file.clone(),
            line: d.line,
            column: 0,
            message: message.clone(),
            hint: None,
        })
    })?;
    read_fonts(&mut theme, &src, &file, design)?;
    Ok(theme)
}

/// Parses a layout's YAML into a tree, refusing YAML that is not a layout; a syntax error is
/// placed by the typed parse.
fn layout_tree(src: &str, file: &str) -> Result<serde_json::Value, ThemeError> {
    match serde_saphyr::from_str::<serde_json::Value>(src) {
        Ok(tree) => {
            check_is_layout(&tree, file)?;
            Ok(tree)
        }
        Err(e) => Err(typed(src, file).err().unwrap_or_else(|| yaml_error(&e, file))),
    }
}

/// Returns the error for a layout that failed to resolve: the layout's own error when the
/// layout alone is at fault, else the design's (made by `design_fault`), else (no design, and
/// the layout alone reads: never expected) an error naming the layout file.
fn blame(
    src: &str,
    file: &str,
    design: Option<&crate::profile::Design>,
    design_fault: impl FnOnce(&crate::profile::Design) -> ThemeError,
) -> ThemeError {
    if let Err(e) = typed(src, file) {
        return e;
    }
    match design {
        Some(d) => design_fault(d),
        None => ThemeError {
            file: file.into(),
            line: 0,
            column: 0,
            message: "the layout cannot be read".into(),
            hint: None,
        },
    }
}

/// Reads the font files of the theme's `fonts:`: a design's list (relative to the profile)
/// replaces the layout's; without one, the layout's (relative to the layout file).
fn read_fonts(
    theme: &mut Theme,
    src: &str,
    file: &str,
    design: Option<&crate::profile::Design>,
) -> Result<(), ThemeError> {
    let origin = match design.filter(|d| d.value.get("fonts").is_some()) {
        Some(d) => fonts::Origin {
            file: &d.file,
            lines: d.lines.iter().map(String::as_str).collect(),
            first_line: d.line,
            dir: fonts::folder_of(&d.file),
        },
        None => {
            fonts::Origin { file, lines: src.lines().collect(), first_line: 1, dir: fonts::folder_of(file) }
        }
    };
    fonts::read_all(&mut theme.fonts, &origin)
}

/// Returns a layout's YAML source and the name its errors use.
fn source(name_or_path: &str) -> Result<(String, String), ThemeError> {
    if let Some((name, src)) = BUNDLED.iter().find(|(n, _)| *n == name_or_path) {
        return Ok((src.to_string(), format!("layouts/{name}.yaml")));
    }
    let looks_like_path = name_or_path.contains(['/', '\\', '.']);
    if !looks_like_path {
        let names: Vec<_> = BUNDLED.iter().map(|(n, _)| *n).collect();
        return Err(ThemeError {
            file: name_or_path.into(),
            line: 0,
            column: 0,
            message: format!("no layout named `{name_or_path}`"),
            hint: Some(format!("the bundled layouts are: {}", names.join(", "))),
        });
    }
    let fail =
        |message: String| ThemeError { file: name_or_path.into(), line: 0, column: 0, message, hint: None };
    let src =
        crate::files::read_text(Path::new(name_or_path), crate::limits::MAX_LAYOUT_BYTES).map_err(|e| {
            fail(match e {
                crate::files::TextError::Read(e) => format!("cannot read the layout file: {e}"),
                crate::files::TextError::Utf8 { .. } => "the layout file is not UTF-8 text".to_owned(),
            })
        })?;
    Ok((src, name_or_path.to_string()))
}

/// Deep-merges `over` into `base`: maps merge key by key, anything else replaces.
fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// Turns a problem in a profile's `design:` block into an error pointing at the option.
fn design_error(message: &str, design: &crate::profile::Design) -> ThemeError {
    let message = message.split(" at line ").next().unwrap_or(message).to_string();
    let key = message.split('`').nth(1).unwrap_or("").to_string();
    let offset = design.lines.iter().position(|l| l.trim_start().starts_with(&format!("{key}:")));
    let line = offset.map_or(design.line, |o| design.line + o);
    let column = offset.map_or(0, |o| design.lines[o].len() - design.lines[o].trim_start().len() + 1);
    let expected: Vec<&str> = message
        .split_once("expected one of ")
        .map(|(_, rest)| rest.split(", ").map(|w| w.trim_matches('`')).collect())
        .unwrap_or_default();
    let hint = crate::profile::suggest::closest(&key, &expected).map(|b| format!("did you mean `{b}`?"));
    let message = if message.starts_with("unknown field") {
        format!("unknown design option `{key}`")
    } else {
        format!("invalid design option: {message}")
    };
    ThemeError { file: design.file.clone(), line, column, message, hint }
}

/// Converts a YAML error in a layout file.
fn yaml_error(e: &serde_saphyr::Error, file: &str) -> ThemeError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    ThemeError { file: file.into(), line, column, message: values::first_line(&e.to_string()), hint: None }
}

/// The top-level keys every layout file has: a YAML file with neither is some other file, whose
/// contents an error must not echo (it may be a key file named by mistake).
const LAYOUT_MARKERS: [&str; 2] = ["name", "page"];

/// Refuses YAML that is not a layout at all: not a map, or a map with none of the keys every
/// layout has.
fn check_is_layout(value: &serde_json::Value, file: &str) -> Result<(), ThemeError> {
    if value.as_object().is_some_and(|m| LAYOUT_MARKERS.iter().any(|k| m.contains_key(*k))) {
        return Ok(());
    }
    Err(ThemeError {
        file: file.into(),
        line: 0,
        column: 0,
        message: "the file as a whole is not a vitae layout (a YAML map with `name:`, `page:` and the other options)"
            .into(),
        hint: Some("name a bundled layout (`vitae layouts` lists them) or a layout file; docs/layouts.md describes them".into()),
    })
}

/// Parses a layout from YAML source; `file` names it in errors. Font files are read relative
/// to `file`'s folder.
pub fn parse(src: &str, file: &str) -> Result<Theme, ThemeError> {
    layout_tree(src, file)?;
    let mut theme = typed(src, file)?;
    read_fonts(&mut theme, src, file, None)?;
    Ok(theme)
}

/// Reads a layout's YAML straight into a [`Theme`], so that an error is placed at its line and
/// column, and checks its dates; reads no font file.
fn typed(src: &str, file: &str) -> Result<Theme, ThemeError> {
    let mut theme = serde_saphyr::from_str::<Theme>(src).map_err(|e| yaml_error(&e, file))?;
    theme.roles.fill_hyphenation_defaults();
    theme.dates.check().map_err(|message| ThemeError {
        file: file.into(),
        line: 0,
        column: 0,
        message,
        hint: None,
    })?;
    Ok(theme)
}

impl Theme {
    /// Returns the width available for text between the side margins.
    pub fn measure(&self) -> Pt {
        self.page.size().w - self.page.left.pt() - self.page.right.pt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
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
    fn a_layout_read_through_its_tree_is_the_layout_read_directly() {
        // `resolve` reads the layout from a parsed tree (so a design merges into it without a
        // second parse); that must give the very theme the direct, located parse gives.
        for (name, src) in BUNDLED {
            let direct = typed(src, name).unwrap();
            assert_eq!(format!("{:?}", load(name).unwrap()), format!("{direct:?}"), "{name}");
        }
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
