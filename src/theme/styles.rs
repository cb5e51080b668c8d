//! How text is set per role and how entries, lists, dates, section titles and the header look.

use serde::Deserialize;

use super::{Em, Length, Rgb};
use crate::geom::Color;

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
    pub(super) fn fill_hyphenation_defaults(&mut self) {
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
    pub(super) fn check(&self) -> Result<(), String> {
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
