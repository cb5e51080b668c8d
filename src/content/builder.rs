//! The builder: walks the profile in the theme's order and appends [`Block`]s, resolving every
//! style lookup once. The header and the entries are set by [`super::header`] and
//! [`super::entries`], which add methods to the same [`Builder`].

use super::ir::{
    Align, Block, BlockKind, Content, Direction, Hyphenation, Metadata, PageSetup, Paragraph, Role, Run,
    RunStyle, SidebarContent,
};
use crate::font::FontBook;
use crate::geom::Pt;
use crate::profile::{self, Dates, Profile, Rich};
use crate::theme::{HeaderAlign, TextStyle, Theme};

/// The heading level of the name: the document's one top-level heading.
pub(super) const NAME_HEADING: u8 = 1;
/// The heading level of section titles, under the name.
pub(super) const SECTION_HEADING: u8 = 2;

/// Builds the content of a profile in a theme, with every run's face looked up in `fonts`.
pub fn build(profile: &Profile, theme: &Theme, fonts: &FontBook) -> Content {
    build_dated(profile, theme, fonts, profile.updated)
}

/// Builds the content of a profile in a theme with the footer's "updated" date given, so a
/// date from elsewhere (`SOURCE_DATE_EPOCH`) needs no copy of the profile.
pub fn build_dated(
    profile: &Profile,
    theme: &Theme,
    fonts: &FontBook,
    updated: Option<profile::Date>,
) -> Content {
    let mut content = build_styled(profile, theme, updated);
    super::fonts::resolve_fonts(&mut content, fonts);
    content
}

/// Builds the blocks of a profile in a theme, their runs' faces not yet looked up.
fn build_styled(profile: &Profile, theme: &Theme, updated: Option<profile::Date>) -> Content {
    let mut b = Builder::new(theme, &profile.lang);
    b.header(profile);
    for section in ordered_sections(&profile.sections, &theme.section_order, &profile.lang) {
        b.in_sidebar =
            theme.sidebar.enabled && title_matches(&section.title, &theme.sidebar.sections, &profile.lang);
        b.section(section);
    }
    b.finish(profile, page_setup(profile, theme, updated), doc_info(profile))
}

impl<'a> Builder<'a> {
    /// Starts an empty document in a theme and a language, adding to the main column.
    pub(super) fn new(theme: &'a Theme, lang: &str) -> Builder<'a> {
        Builder {
            theme,
            blocks: Vec::new(),
            side: Vec::new(),
            in_sidebar: false,
            label: "the header".into(),
            lang: lang.to_owned(),
        }
    }

    /// Ends the document: its blocks (and the sidebar's, in a two-column layout) with the page
    /// setup, the metadata and what the theme says of hyphenation, microtypography and
    /// direction. A résumé and a letter end the same way.
    pub(super) fn finish(mut self, profile: &Profile, page: PageSetup, info: Metadata) -> Content {
        let theme = self.theme;
        let direction = Direction::of_language(&profile.lang);
        let sidebar = theme.sidebar.enabled.then(|| SidebarContent {
            blocks: std::mem::take(&mut self.side),
            // A right-to-left document puts the sidebar on the other side.
            left: (theme.sidebar.side == crate::theme::Side::Left) != direction.is_rtl(),
            width: theme.sidebar.width.pt(),
            gap: theme.sidebar.gap.pt(),
            tint: theme.colors.sidebar.0,
            tint_every_page: theme.sidebar.tint == crate::theme::SidebarTint::Full,
        });
        Content {
            blocks: self.blocks,
            page,
            info,
            hyphenation: Hyphenation {
                enabled: theme.hyphenate,
                lang: profile.lang.clone(),
                exceptions: profile.hyphenation.clone(),
            },
            microtype: theme.microtype,
            vertical_justify: theme.vertical_justify,
            sidebar,
            direction,
        }
    }
}

/// Whether a section title contains one of the words (case-insensitive), or the profile
/// language's title for a section whose English title contains the word (`skill` matches
/// "スキル" in Japanese, as it matches "Skills").
pub(super) fn title_matches(title: &Rich, words: &[String], lang: &str) -> bool {
    let t = title.to_plain().to_lowercase();
    words.iter().any(|w| word_matches(&t, w, lang))
}

/// Whether a lowercased title contains a word or the language's translation of an English
/// title that contains it.
fn word_matches(title: &str, word: &str, lang: &str) -> bool {
    let word = word.to_lowercase();
    if title.contains(&word) {
        return true;
    }
    let english = crate::locale::for_lang("en");
    let local = crate::locale::for_lang(lang);
    english
        .titles
        .all()
        .iter()
        .zip(local.titles.all())
        .any(|((_, en), (_, here))| en.to_lowercase().contains(&word) && title.contains(&here.to_lowercase()))
}

/// Orders sections: those matching the layout's `section-order` words first, in that order,
/// then the rest as written. The sort is stable, so ties keep the file's order.
fn ordered_sections<'a>(
    sections: &'a [profile::Section],
    order: &[String],
    lang: &str,
) -> Vec<&'a profile::Section> {
    let rank = |s: &profile::Section| {
        let t = s.title.to_plain().to_lowercase();
        order.iter().position(|w| word_matches(&t, w, lang)).unwrap_or(order.len())
    };
    let mut v: Vec<&profile::Section> = sections.iter().collect();
    v.sort_by_key(|s| rank(s));
    v
}

/// Returns the page geometry and the footer paragraph.
pub(super) fn page_setup(profile: &Profile, theme: &Theme, updated: Option<profile::Date>) -> PageSetup {
    let p = &theme.page;
    let name = profile.name.as_ref().map(|n| smart_text(&n.to_plain(), theme)).unwrap_or_default();
    let text = if name.is_empty() {
        // Without a name the footer says only the page numbers.
        theme.footer.replace("{name} · ", "").replace("{name}", "").trim().to_string()
    } else {
        theme.footer.replace("{name}", &name)
    };
    let updated = updated.map(|d| format_dates(&Dates::Single(d), theme, &profile.lang)).unwrap_or_default();
    let text = text.replace("{updated}", &updated);
    let style = resolve(&theme.roles.small);
    let footer = (!text.trim().is_empty()).then(|| Paragraph {
        runs: vec![Run { text, style, link: None, nobreak: false }],
        align: Align::Center,
        indent: Pt::ZERO,
        marker: None,
        leading: leading(&theme.roles.small),
    });
    PageSetup {
        size: p.size(),
        margins: [p.top.pt(), p.right.pt(), p.bottom.pt(), p.left.pt()],
        footer,
        underline_links: theme.links == crate::theme::LinkStyle::Underline,
    }
}

/// Returns the metadata of a profile.
pub(super) fn doc_info(profile: &Profile) -> Metadata {
    let name = profile.name.as_ref().map(Rich::to_plain);
    let headline = profile.headline.as_ref().map(Rich::to_plain);
    let title = match (&name, &headline) {
        (Some(n), _) => format!("{n} — Résumé"),
        (None, Some(h)) => h.clone(),
        (None, None) => "Résumé".to_string(),
    };
    // PDF readers and ATS expect an author: an anonymous profile is attributed to its e-mail
    // address, else its headline, else "Anonymous".
    let email =
        profile.contacts.iter().find(|c| c.kind == profile::ContactKind::Email).map(|c| c.text.clone());
    Metadata {
        title,
        author: name.or(email).or_else(|| headline.clone()).or_else(|| Some("Anonymous".into())),
        subject: headline,
        keywords: profile.keywords.clone(),
        language: profile.lang.clone(),
        creation_date: None,
    }
}

/// Turns a theme role into a run style.
pub fn resolve(t: &TextStyle) -> RunStyle {
    RunStyle {
        family: t.family.clone(),
        bold: t.bold,
        italic: t.italic,
        size: t.size.pt(),
        color: t.color.0,
        tracking: t.tracking,
        hyphenate: t.hyphenate.unwrap_or(false),
        font: None,
    }
}

/// Returns a role's baseline distance.
pub(super) fn leading(t: &TextStyle) -> Pt {
    t.size.pt() * t.leading
}

/// Accumulates blocks while walking the profile.
pub(super) struct Builder<'a> {
    pub(super) theme: &'a Theme,
    /// The main column's blocks.
    pub(super) blocks: Vec<Block>,
    /// The sidebar's blocks.
    pub(super) side: Vec<Block>,
    /// Whether blocks being added go to the sidebar.
    pub(super) in_sidebar: bool,
    /// The label given to blocks being added: "section › entry".
    pub(super) label: String,
    /// The profile's language.
    pub(super) lang: String,
}

impl Builder<'_> {
    /// Appends a block.
    pub(super) fn push(&mut self, kind: BlockKind, space_before: Pt, role: Role) {
        let label = self.label.clone();
        self.target().push(Block { kind, space_before, role, outline: None, heading: None, label });
    }

    /// Returns the block list being filled: the sidebar's or the main column's.
    pub(super) fn target(&mut self) -> &mut Vec<Block> {
        if self.in_sidebar { &mut self.side } else { &mut self.blocks }
    }

    /// Converts rich text into runs in a role's style; links take the link colour.
    pub(super) fn runs(&self, rich: &Rich, role: &TextStyle) -> Vec<Run> {
        rich.spans
            .iter()
            .zip(self.texts(rich))
            .filter(|(s, _)| !s.text.is_empty())
            .map(|(s, text)| {
                let base = if s.style.code { &self.theme.roles.code } else { role };
                let mut style = resolve(base);
                if s.style.code {
                    style.color = role.color.0;
                }
                style.bold |= s.style.bold;
                style.italic |= s.style.italic;
                if s.link.is_some() {
                    style.color = self.theme.colors.link.0;
                }
                let text = if role.uppercase { text.to_uppercase() } else { text };
                Run { text, style, link: s.link.clone(), nobreak: false }
            })
            .collect()
    }

    /// Returns the text of each span as it is set: with smart punctuation when the layout asks
    /// for it (English quotes until the locale gives its own), else as written.
    pub(super) fn texts(&self, rich: &Rich) -> Vec<String> {
        if self.theme.smart_punctuation {
            crate::punctuation::smarten_spans(&rich.spans, &crate::punctuation::Quotes::ENGLISH)
        } else {
            rich.spans.iter().map(|s| s.text.clone()).collect()
        }
    }

    /// Returns a paragraph of rich text in a role's style.
    pub(super) fn para(&self, rich: &Rich, role: &TextStyle, align: Align) -> Paragraph {
        Paragraph {
            runs: self.runs(rich, role),
            align,
            indent: Pt::ZERO,
            marker: None,
            leading: leading(role),
        }
    }

    /// Returns the alignment of body text.
    pub(super) fn body_align(&self) -> Align {
        if self.theme.justify { Align::Justify } else { Align::Left }
    }

    /// Returns the header's alignment.
    pub(super) fn header_align(&self) -> Align {
        match self.theme.header.align {
            HeaderAlign::Center => Align::Center,
            HeaderAlign::Left => Align::Left,
        }
    }
}

/// Prints a date range or single date in the theme's style and the profile's language: the
/// language's template (`March 2024`, `2024年3月`), its word for "present" and its dash in the
/// layout's separator.
pub fn format_dates(d: &Dates, theme: &Theme, lang: &str) -> String {
    match d {
        // Dates written as text ("April 2021 - March 2023") get the dashes built dates have.
        Dates::Text(t) => smart_text(t, theme),
        built => crate::locale::format_dates(built, &theme.dates, lang),
    }
}

/// Returns profile text that is set outside rich text (a date written as text, the name in the
/// footer) with smart punctuation when the layout asks for it, so it reads as the body does.
pub(super) fn smart_text(text: &str, theme: &Theme) -> String {
    if theme.smart_punctuation {
        crate::punctuation::smarten_text(text, &crate::punctuation::Quotes::ENGLISH)
    } else {
        text.to_owned()
    }
}
