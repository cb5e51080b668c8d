//! Profile + Theme → Content: the résumé as a flat sequence of styled blocks (paragraphs, heading
//! lines with a right-aligned part, rules), each knowing its spacing and what it must stay with.
//! Every style lookup in the theme happens here, once, so layout never consults the theme's roles.

use crate::geom::{Color, Pt, Size};
use crate::profile::{self, Dates, Entry, Group, Item, List, Profile, Rich};
use crate::theme::{HeaderAlign, MonthStyle, TextStyle, Theme};

/// The résumé ready for layout.
#[derive(Debug, Clone)]
pub struct Content {
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// Paper, margins and footer.
    pub page: PageSetup,
    /// Title, author, keywords.
    pub info: DocInfo,
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
        if crate::layout::inline::bidi::rtl_language(lang) {
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

/// Document information for the PDF metadata.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// "Name — Résumé", or the headline.
    pub title: String,
    /// The person's name.
    pub author: Option<String>,
    /// The headline.
    pub subject: Option<String>,
    /// Skills.
    pub keywords: Vec<String>,
    /// BCP 47 tag.
    pub lang: String,
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

/// The heading level of the name: the document's one top-level heading.
const NAME_HEADING: u8 = 1;
/// The heading level of section titles, under the name.
const SECTION_HEADING: u8 = 2;

/// The part a block plays when pages are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The header: name, headline, contacts.
    Header,
    /// A section title or its rule: never the last thing on a page.
    SectionTitle,
    /// The first heading line of an entry (or of a role in a group): the natural place for a
    /// page break.
    EntryStart,
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
    /// An image (the photo) in a square box.
    Image {
        /// The side of the box.
        size: Pt,
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
#[derive(Debug, Clone)]
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
}

/// Builds the content of a profile in a theme.
pub fn build(profile: &Profile, theme: &Theme) -> Content {
    build_dated(profile, theme, profile.updated)
}

/// Builds the content of a profile in a theme with the footer's "updated" date given, so a
/// date from elsewhere (`SOURCE_DATE_EPOCH`) needs no copy of the profile.
pub fn build_dated(profile: &Profile, theme: &Theme, updated: Option<profile::Date>) -> Content {
    let mut b = Builder {
        theme,
        blocks: Vec::new(),
        side: Vec::new(),
        in_sidebar: false,
        label: "the header".into(),
        lang: profile.lang.clone(),
    };
    b.header(profile);
    for section in ordered_sections(&profile.sections, &theme.section_order, &profile.lang) {
        b.in_sidebar =
            theme.sidebar.enabled && title_matches(&section.title, &theme.sidebar.sections, &profile.lang);
        b.section(section);
    }
    let direction = Direction::of_language(&profile.lang);
    let sidebar = theme.sidebar.enabled.then(|| SidebarContent {
        blocks: std::mem::take(&mut b.side),
        // A right-to-left document puts the sidebar on the other side.
        left: (theme.sidebar.side == crate::theme::Side::Left) != direction.is_rtl(),
        width: theme.sidebar.width.pt(),
        gap: theme.sidebar.gap.pt(),
        tint: theme.colors.sidebar.0,
        tint_every_page: theme.sidebar.tint == crate::theme::SidebarTint::Full,
    });
    Content {
        blocks: b.blocks,
        page: page_setup(profile, theme, updated),
        info: doc_info(profile),
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

/// Whether a section title contains one of the words (case-insensitive), or the profile
/// language's title for a section whose English title contains the word (`skill` matches
/// "スキル" in Japanese, as it matches "Skills").
fn title_matches(title: &Rich, words: &[String], lang: &str) -> bool {
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
fn page_setup(profile: &Profile, theme: &Theme, updated: Option<profile::Date>) -> PageSetup {
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
fn doc_info(profile: &Profile) -> DocInfo {
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
    DocInfo {
        title,
        author: name.or(email).or_else(|| headline.clone()).or_else(|| Some("Anonymous".into())),
        subject: headline,
        keywords: profile.keywords.clone(),
        lang: profile.lang.clone(),
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
    }
}

/// Returns a role's baseline distance.
fn leading(t: &TextStyle) -> Pt {
    t.size.pt() * t.leading
}

/// Accumulates blocks while walking the profile.
struct Builder<'a> {
    theme: &'a Theme,
    /// The main column's blocks.
    blocks: Vec<Block>,
    /// The sidebar's blocks.
    side: Vec<Block>,
    /// Whether blocks being added go to the sidebar.
    in_sidebar: bool,
    /// The label given to blocks being added: "section › entry".
    label: String,
    /// The profile's language.
    lang: String,
}

impl Builder<'_> {
    /// Appends a block.
    fn push(&mut self, kind: BlockKind, space_before: Pt, role: Role) {
        let label = self.label.clone();
        self.target().push(Block { kind, space_before, role, outline: None, heading: None, label });
    }

    /// Returns the block list being filled: the sidebar's or the main column's.
    fn target(&mut self) -> &mut Vec<Block> {
        if self.in_sidebar { &mut self.side } else { &mut self.blocks }
    }

    /// Converts rich text into runs in a role's style; links take the link colour.
    fn runs(&self, rich: &Rich, role: &TextStyle) -> Vec<Run> {
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
    fn texts(&self, rich: &Rich) -> Vec<String> {
        if self.theme.smart_punctuation {
            crate::punctuation::smarten_spans(&rich.spans, &crate::punctuation::Quotes::ENGLISH)
        } else {
            rich.spans.iter().map(|s| s.text.clone()).collect()
        }
    }

    /// Returns a paragraph of rich text in a role's style.
    fn para(&self, rich: &Rich, role: &TextStyle, align: Align) -> Paragraph {
        Paragraph {
            runs: self.runs(rich, role),
            align,
            indent: Pt::ZERO,
            marker: None,
            leading: leading(role),
        }
    }

    /// Returns the alignment of body text.
    fn body_align(&self) -> Align {
        if self.theme.justify { Align::Justify } else { Align::Left }
    }

    /// Returns the header's alignment.
    fn header_align(&self) -> Align {
        match self.theme.header.align {
            HeaderAlign::Center => Align::Center,
            HeaderAlign::Left => Align::Left,
        }
    }

    /// Adds the name, headline, contacts line and summary.
    fn header(&mut self, p: &Profile) {
        let roles = &self.theme.roles;
        let align = self.header_align();
        if let Some(photo) = &p.photo {
            self.photo(photo, align, p.name.as_ref());
        }
        if let Some(name) = &p.name {
            self.push(BlockKind::Text(self.para(name, &roles.name, align)), Pt::ZERO, Role::Header);
            if let Some(block) = self.target().last_mut() {
                block.heading = Some(NAME_HEADING);
            }
        }
        if let Some(h) = &p.headline {
            self.push(BlockKind::Text(self.para(h, &roles.headline, align)), Pt(2.0), Role::Header);
        }
        if self.theme.sidebar.enabled && self.theme.sidebar.contacts {
            self.sidebar_contacts(p);
        } else if let Some(contacts) = self.contacts_line(p) {
            self.push(BlockKind::Text(contacts), Pt(4.0), Role::Header);
        }
        let space = self.theme.spacing.after_header.pt();
        for (i, para) in p.summary.iter().enumerate() {
            let before = if i == 0 { space } else { self.theme.spacing.paragraph.pt() };
            self.push(BlockKind::Text(self.para(para, &roles.body, self.body_align())), before, Role::Body);
        }
    }

    /// Adds the photo at the top of the sidebar, or above the name.
    fn photo(&mut self, photo: &profile::Photo, align: Align, name: Option<&Rich>) {
        let spec = &self.theme.photo;
        let in_sidebar = self.theme.sidebar.enabled;
        let kind = BlockKind::Image {
            size: spec.size.pt(),
            data: photo.data.clone(),
            jpeg: photo.jpeg,
            round: spec.shape == crate::theme::PhotoShape::Round,
            align: if in_sidebar { Align::Center } else { align },
            alt: photo_alt(name),
        };
        self.in_sidebar = in_sidebar;
        self.push(kind, Pt::ZERO, Role::Header);
        self.in_sidebar = false;
    }

    /// Lists the location and contacts at the top of the sidebar, one per line, each with its
    /// icon when the layout asks for icons.
    fn sidebar_contacts(&mut self, p: &Profile) {
        let role = &self.theme.roles.contacts;
        let mut items: Vec<(Option<&str>, Vec<Run>)> = Vec::new();
        if let Some(loc) = &p.location {
            items.push((Some(LOCATION_ICON), self.runs(loc, role)));
        }
        for c in &p.contacts {
            items.push((Some(icon(c.kind)), vec![self.contact_run(c)]));
        }
        self.in_sidebar = true;
        for (i, (icon, runs)) in items.into_iter().enumerate() {
            let mut para = Paragraph {
                runs,
                align: Align::Left,
                indent: Pt::ZERO,
                marker: None,
                leading: leading(role),
            };
            if self.theme.contact_icons {
                self.add_icon(&mut para, icon);
            }
            let before = if i == 0 && self.side.is_empty() {
                Pt::ZERO
            } else if i == 0 {
                Pt(8.0)
            } else {
                Pt(2.0)
            };
            self.push(BlockKind::Text(para), before, Role::Header);
        }
        self.in_sidebar = false;
    }

    /// Hangs an icon before a contact, in the indent, so the texts align.
    fn add_icon(&self, para: &mut Paragraph, icon: Option<&str>) {
        let Some(icon) = icon else { return };
        let style = resolve(&self.theme.roles.contacts);
        // The icon sits in an indent of 1.6 em: an emoji is about 1.2 em wide plus a gap.
        para.indent = style.size * 1.6;
        para.marker = Some(Run { text: icon.into(), style, link: None, nobreak: true });
    }

    /// Returns a contact as a link run in the contacts style.
    fn contact_run(&self, c: &profile::Contact) -> Run {
        let mut s = resolve(&self.theme.roles.contacts);
        s.color = self.theme.colors.link.0;
        Run { text: c.text.clone(), style: s, link: Some(c.url.clone()), nobreak: true }
    }

    /// Builds the contacts line: location and contacts separated, breaking only between them.
    fn contacts_line(&self, p: &Profile) -> Option<Paragraph> {
        let role = &self.theme.roles.contacts;
        let style = resolve(role);
        let mut items: Vec<Vec<Run>> = Vec::new();
        if let Some(loc) = &p.location {
            items.push(self.runs(loc, role));
        }
        for c in &p.contacts {
            let mut item = Vec::new();
            if self.theme.contact_icons {
                item.push(Run {
                    text: format!("{} ", icon(c.kind)),
                    style: style.clone(),
                    link: None,
                    nobreak: true,
                });
            }
            item.push(self.contact_run(c));
            items.push(item);
        }
        if items.is_empty() {
            return None;
        }
        // The separator never starts or ends a line: a break may only follow it.
        let sep = Run {
            text: self.theme.header.separator.clone(),
            style: style.clone(),
            link: None,
            nobreak: true,
        };
        let mut runs = Vec::new();
        for (i, mut item) in items.into_iter().enumerate() {
            if i > 0 {
                runs.push(sep.clone());
            }
            item.iter_mut().for_each(|r| r.nobreak = true);
            runs.extend(item);
        }
        Some(Paragraph {
            runs,
            align: self.header_align(),
            indent: Pt::ZERO,
            marker: None,
            leading: leading(role),
        })
    }

    /// Adds a section: its title, rule and entries.
    fn section(&mut self, s: &profile::Section) {
        let t = self.theme;
        let title = self.para(&s.title, &t.roles.section, Align::Left);
        let before = if self.target().is_empty() { Pt::ZERO } else { t.spacing.section_before.pt() };
        let plain = s.title.to_plain().trim().to_string();
        self.label = format!("section “{plain}”");
        let label = self.label.clone();
        // The bookmark reads as the title on the page, punctuation included.
        let outline = self.texts(&s.title).concat().trim().to_string();
        self.target().push(Block {
            kind: BlockKind::Text(title),
            space_before: before,
            role: Role::SectionTitle,
            outline: Some(outline),
            heading: Some(SECTION_HEADING),
            label,
        });
        if t.section_title.rule {
            let rule = BlockKind::Rule {
                thickness: t.section_title.rule_thickness.pt(),
                color: t.section_title.rule_color.unwrap_or(t.colors.rule).0,
                gap: t.section_title.rule_gap.pt(),
            };
            self.push(rule, Pt::ZERO, Role::SectionTitle);
        }
        if let Some(intro) = &s.intro {
            // Kept with the title and the first entry, as the title is.
            let para = self.para(intro, &t.roles.body, self.body_align());
            self.push(BlockKind::Text(para), t.spacing.section_after.pt(), Role::SectionTitle);
        }
        if t.entries.skills_as_paragraph && title_matches(&s.title, &t.entries.skills_sections, &self.lang) {
            self.skills_paragraph(&s.entries);
        } else {
            self.entries(&s.entries);
        }
    }

    /// Sets the rows and bullets of a skills section as one paragraph ("Label: a, b · c"); other
    /// entries keep their own blocks, in the order written.
    fn skills_paragraph(&mut self, entries: &[Entry]) {
        let body = &self.theme.roles.body;
        let sep = Run { text: " · ".into(), style: resolve(body), link: None, nobreak: false };
        let mut runs: Vec<Run> = Vec::new();
        for e in entries {
            let part = match e {
                Entry::Row(r) => {
                    let mut label = self.runs(&r.label, body);
                    label.iter_mut().for_each(|x| x.style.bold = true);
                    let mut colon = resolve(body);
                    colon.bold = true;
                    label.push(Run { text: ": ".into(), style: colon, link: None, nobreak: false });
                    label.extend(self.runs(&r.details, body));
                    label
                }
                Entry::Bullet(li) => self.runs(&li.text, body),
                other => {
                    self.flush_skills(&mut runs);
                    self.entries(std::slice::from_ref(other));
                    continue;
                }
            };
            if !runs.is_empty() {
                runs.push(sep.clone());
            }
            runs.extend(part);
        }
        self.flush_skills(&mut runs);
    }

    /// Adds the accumulated skills runs as one paragraph.
    fn flush_skills(&mut self, runs: &mut Vec<Run>) {
        if runs.is_empty() {
            return;
        }
        let body = &self.theme.roles.body;
        // Skills are names of tools and languages: never hyphenated (issue 12).
        runs.iter_mut().for_each(|r| r.style.hyphenate = false);
        let para = Paragraph {
            runs: std::mem::take(runs),
            align: self.body_align(),
            indent: Pt::ZERO,
            marker: None,
            leading: leading(body),
        };
        self.push(BlockKind::Text(para), self.theme.spacing.section_after.pt(), Role::Body);
    }

    /// Adds a section's entries; consecutive bullets form one list.
    fn entries(&mut self, entries: &[Entry]) {
        let section_label = self.label.clone();
        let sp = &self.theme.spacing;
        let mut prev: Option<&Entry> = None;
        for (i, e) in entries.iter().enumerate() {
            let first = i == 0;
            let before = match (prev, e) {
                _ if first => sp.section_after.pt(),
                (Some(Entry::Bullet(_)), Entry::Bullet(_)) => sp.item.pt(),
                (Some(Entry::Row(_)), Entry::Row(_)) => sp.item.pt(),
                _ => sp.entry.pt(),
            };
            self.label = entry_label(&section_label, e);
            match e {
                Entry::Item(item) => self.item(item, before),
                Entry::Group(g) => self.group(g, before),
                Entry::Row(r) => self.row(r, before),
                Entry::Bullet(li) => self.list_item(li, 0, None, before),
                Entry::Paragraph(p) => {
                    let para = self.para(p, &self.theme.roles.body, self.body_align());
                    self.push(BlockKind::Text(para), before, Role::Body);
                }
            }
            prev = Some(e);
        }
    }

    /// Adds a "label: details" row.
    fn row(&mut self, r: &profile::Row, before: Pt) {
        let body = &self.theme.roles.body;
        let mut runs = self.runs(&r.label, body);
        runs.iter_mut().for_each(|x| x.style.bold = true);
        let mut colon = resolve(body);
        colon.bold = true;
        runs.push(Run { text: ": ".into(), style: colon, link: None, nobreak: false });
        runs.extend(self.runs(&r.details, body));
        // A row lists skills, languages or tools, names that are never hyphenated (issue 12).
        runs.iter_mut().for_each(|x| x.style.hyphenate = false);
        let para =
            Paragraph { runs, align: Align::Left, indent: Pt::ZERO, marker: None, leading: leading(body) };
        self.push(BlockKind::Text(para), before, Role::Body);
    }

    /// Adds an item: heading lines, summary, highlights, footer.
    fn item(&mut self, item: &Item, before: Pt) {
        let (right, location) =
            right_parts(item.dates.as_ref(), item.location.as_ref(), self.theme, &self.lang);
        // Without a title the subtitle (an institution, say) heads the entry.
        let (title, subtitle) = match (&item.title, &item.subtitle) {
            (None, Some(s)) => (Some(s), None),
            (t, s) => (t.as_ref(), s.as_ref()),
        };
        self.heading(title, item.url.as_deref(), &right, before, true, Role::EntryStart);
        self.subheading(subtitle, item.about.as_ref(), location.as_ref());
        self.body(&item.summary, &item.highlights, &item.footer);
    }

    /// Adds a group: the organisation's heading, then each role with its own dates and points.
    fn group(&mut self, g: &Group, before: Pt) {
        let (right, location) = right_parts(g.dates.as_ref(), g.location.as_ref(), self.theme, &self.lang);
        self.heading(Some(&g.organization), None, &right, before, true, Role::GroupHeading);
        self.subheading(None, g.about.as_ref(), location.as_ref());
        self.body(&g.summary, &List::default(), &[]);
        for (i, role) in g.roles.iter().enumerate() {
            let space = if i == 0 && g.summary.is_empty() {
                Pt(2.0)
            } else {
                self.theme.spacing.paragraph.pt() * 2.0
            };
            let (right, location) =
                right_parts(role.dates.as_ref(), role.location.as_ref(), self.theme, &self.lang);
            self.heading(role.title.as_ref(), role.url.as_deref(), &right, space, false, Role::EntryStart);
            self.subheading(role.subtitle.as_ref(), role.about.as_ref(), location.as_ref());
            self.body(&role.summary, &role.highlights, &role.footer);
        }
        self.body(&[], &List::default(), &g.footer);
    }

    /// Adds a heading line: title on the left, dates flush right.
    fn heading(
        &mut self,
        title: Option<&Rich>,
        url: Option<&str>,
        right: &str,
        before: Pt,
        primary: bool,
        kind: Role,
    ) {
        let roles = &self.theme.roles;
        let role = if primary { &roles.title } else { &roles.subtitle };
        let mut left = title.map(|t| self.para(t, role, Align::Left)).unwrap_or_else(|| self.empty(role));
        if !primary {
            left.runs.iter_mut().for_each(|r| {
                r.style.bold = true;
                r.style.italic = false;
            });
        }
        if let Some(u) = url {
            left.runs.iter_mut().filter(|r| r.link.is_none()).for_each(|r| r.link = Some(u.to_string()));
        }
        let mut right = self.meta_para(right);
        if self.theme.entries.dates == crate::theme::DatePlacement::Inline {
            self.inline_meta(&mut left, &mut right);
        }
        if left.runs.is_empty() && right.runs.is_empty() {
            return;
        }
        self.push(BlockKind::Split { left, right }, before, kind);
    }

    /// Adds the second heading line: organisation and description left, location right.
    fn subheading(&mut self, subtitle: Option<&Rich>, about: Option<&Rich>, location: Option<&Rich>) {
        let roles = &self.theme.roles;
        let mut runs = subtitle.map(|s| self.runs(s, &roles.subtitle)).unwrap_or_default();
        if let Some(a) = about {
            if !runs.is_empty() {
                runs.push(Run {
                    text: " — ".into(),
                    style: resolve(&roles.subtitle),
                    link: None,
                    nobreak: false,
                });
            }
            let mut about_runs = self.runs(a, &roles.meta);
            about_runs.iter_mut().for_each(|r| r.style.italic = true);
            runs.extend(about_runs);
        }
        let loc = location.map(Rich::to_plain).unwrap_or_default();
        if runs.is_empty() && loc.is_empty() {
            return;
        }
        let mut left = Paragraph {
            runs,
            align: Align::Left,
            indent: Pt::ZERO,
            marker: None,
            leading: leading(&roles.subtitle),
        };
        let mut right = self.meta_para(&loc);
        if self.theme.entries.dates == crate::theme::DatePlacement::Inline {
            self.inline_meta(&mut left, &mut right);
        }
        self.push(BlockKind::Split { left, right }, Pt::ZERO, Role::EntryHeading);
    }

    /// Moves the right part (dates, location) to the end of the left part, after a separator.
    fn inline_meta(&self, left: &mut Paragraph, right: &mut Paragraph) {
        if right.runs.is_empty() {
            return;
        }
        let meta = &self.theme.roles.meta;
        if !left.runs.is_empty() {
            left.runs.push(Run { text: " · ".into(), style: resolve(meta), link: None, nobreak: false });
        }
        let mut moved = std::mem::take(&mut right.runs);
        moved.iter_mut().for_each(|r| r.nobreak = true);
        left.runs.extend(moved);
    }

    /// Returns an empty paragraph in a role's leading.
    fn empty(&self, role: &TextStyle) -> Paragraph {
        Paragraph {
            runs: Vec::new(),
            align: Align::Left,
            indent: Pt::ZERO,
            marker: None,
            leading: leading(role),
        }
    }

    /// Returns a right-aligned paragraph in the meta role that never breaks.
    fn meta_para(&self, text: &str) -> Paragraph {
        let role = &self.theme.roles.meta;
        let runs = if text.is_empty() {
            Vec::new()
        } else {
            vec![Run { text: text.to_string(), style: resolve(role), link: None, nobreak: true }]
        };
        Paragraph { runs, align: Align::Right, indent: Pt::ZERO, marker: None, leading: leading(role) }
    }

    /// Adds summary paragraphs, the list of highlights and footer paragraphs of an entry.
    fn body(&mut self, summary: &[Rich], highlights: &List, footer: &[Rich]) {
        let gap = self.theme.spacing.paragraph.pt();
        let mut first = true;
        for p in summary {
            let para = self.para(p, &self.theme.roles.body, self.body_align());
            self.push(BlockKind::Text(para), gap, if first { Role::EntryBodyStart } else { Role::Body });
            first = false;
        }
        self.list(highlights, 0, &mut first);
        for p in footer {
            let para = self.para(p, &self.theme.roles.body, self.body_align());
            self.push(BlockKind::Text(para), gap, if first { Role::EntryBodyStart } else { Role::Body });
            first = false;
        }
    }

    /// Adds the points of a list, numbering them when asked.
    fn list(&mut self, list: &List, depth: usize, first: &mut bool) {
        for (i, li) in list.items.iter().enumerate() {
            let number = list.numbered.then_some(i + 1);
            let gap = if i == 0 { self.theme.spacing.paragraph.pt() } else { self.theme.spacing.item.pt() };
            let start = self.target().len();
            self.list_item(li, depth, number, gap);
            if *first {
                self.target()[start].role = Role::EntryBodyStart;
                *first = false;
            }
        }
    }

    /// Adds one point (and its nested points) with a hanging marker.
    fn list_item(&mut self, li: &profile::ListItem, depth: usize, number: Option<usize>, before: Pt) {
        let lists = &self.theme.lists;
        let body = &self.theme.roles.body;
        let marker_text = match number {
            Some(n) => format!("{n}."),
            None if depth == 0 => lists.bullet.clone(),
            None => lists.sub_bullet.clone(),
        };
        let indent = lists.indent.pt() * (depth as f64 + 1.0);
        let marker = Run { text: marker_text, style: resolve(body), link: None, nobreak: true };
        let para = Paragraph {
            runs: self.runs(&li.text, body),
            align: self.body_align(),
            indent,
            marker: Some(marker),
            leading: leading(body),
        };
        self.push(BlockKind::Text(para), before, if depth > 0 { Role::Nested } else { Role::Body });
        let mut not_first = false;
        self.list(&li.children, depth + 1, &mut not_first);
    }
}

/// The icon before the location in the sidebar.
const LOCATION_ICON: &str = "📍";

/// Returns the icon of a contact kind: colour emoji from the bundled emoji face, which extract
/// as the same characters (real text, never private-use garbage).
fn icon(kind: profile::ContactKind) -> &'static str {
    use profile::ContactKind as K;
    match kind {
        K::Email => "✉️",
        K::Phone => "📞",
        K::Website => "🌐",
        K::GitHub | K::GitLab => "💻",
        K::LinkedIn => "💼",
        K::Twitter => "🐦",
        K::Mastodon => "🐘",
        K::StackOverflow => "📚",
    }
}

/// Names an entry for warnings: its section, then its title or first words.
fn entry_label(section: &str, e: &Entry) -> String {
    let name = match e {
        Entry::Item(i) => i.title.as_ref().or(i.subtitle.as_ref()).map(Rich::to_plain),
        Entry::Group(g) => Some(g.organization.to_plain()),
        Entry::Row(r) => Some(r.label.to_plain()),
        Entry::Bullet(li) => Some(li.text.to_plain()),
        Entry::Paragraph(p) => Some(p.to_plain()),
    }
    .unwrap_or_default();
    let short: String = name.chars().take(40).collect();
    let ellipsis = if short.len() < name.len() { "…" } else { "" };
    format!("{section}, entry “{short}{ellipsis}”")
}

/// Splits an entry's meta into the first heading line's right part (the dates, or the location
/// when there are no dates) and the location left for the second line.
fn right_parts(
    dates: Option<&Dates>,
    location: Option<&Rich>,
    theme: &Theme,
    lang: &str,
) -> (String, Option<Rich>) {
    match dates {
        Some(d) => (format_dates(d, theme, lang), location.cloned()),
        None => (location.map(Rich::to_plain).unwrap_or_default(), None),
    }
}

/// Prints a date range or single date in the theme's style and the profile's language: the
/// language's template (`March 2024`, `2024年3月`), its word for "present" and its dash in the
/// layout's separator.
pub fn format_dates(d: &Dates, theme: &Theme, lang: &str) -> String {
    let style = &theme.dates;
    let locale = crate::locale::for_lang(lang);
    match d {
        Dates::Range { start, end } => {
            let present = style.present.as_deref().unwrap_or(&locale.present);
            let end = end.map_or_else(|| present.to_string(), |e| month_year(&e, style, locale));
            format!("{}{}{}", month_year(start, style, locale), locale.separator(&style.separator), end)
        }
        Dates::Single(date) => month_year(date, style, locale),
        // Dates written as text ("April 2021 - March 2023") get the dashes built dates have.
        Dates::Text(t) => smart_text(t, theme),
    }
}

/// Returns profile text that is set outside rich text (a date written as text, the name in the
/// footer) with smart punctuation when the layout asks for it, so it reads as the body does.
fn smart_text(text: &str, theme: &Theme) -> String {
    if theme.smart_punctuation {
        crate::punctuation::smarten_text(text, &crate::punctuation::Quotes::ENGLISH)
    } else {
        text.to_owned()
    }
}

/// Prints one date with the layout's own month names when it gives them, else the language's;
/// the day is never shown (résumés count months).
fn month_year(d: &profile::Date, style: &crate::theme::DateStyle, locale: &crate::locale::Locale) -> String {
    let Some(month) = d.month else { return d.year.to_string() };
    let own = match style.months {
        MonthStyle::Long => style.month_names.as_deref(),
        MonthStyle::Short => style.short_month_names.as_deref(),
        MonthStyle::Numeric => None,
    };
    match own.and_then(|names| <&[String; 12]>::try_from(names).ok()) {
        Some(names) => locale.month_year(names, month, d.year),
        None => format_date(month, d.year, style.months, locale),
    }
}

/// Prints a month (1–12) and year in a month style with the language's names and template.
fn format_date(month: u8, year: i32, months: MonthStyle, locale: &crate::locale::Locale) -> String {
    match months {
        MonthStyle::Short => locale.month_year(&locale.months.short, month, year),
        MonthStyle::Long => locale.month_year(&locale.months.long, month, year),
        MonthStyle::Numeric => locale.numeric(month, year),
    }
}

/// The photo's alternative text: "Photo of NAME", or "Photo" for an anonymous profile.
fn photo_alt(name: Option<&Rich>) -> String {
    match name.map(Rich::to_plain) {
        Some(name) if !name.trim().is_empty() => format!("Photo of {}", name.trim()),
        _ => "Photo".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::Date;

    fn theme() -> Theme {
        crate::theme::load("classic").unwrap()
    }

    fn ym(year: i32, month: u8) -> Date {
        Date { year, month: Some(month), day: None }
    }

    #[test]
    fn date_ranges_print_like_a_typesetter_would() {
        let t = theme();
        let r = Dates::Range { start: ym(2021, 3), end: Some(ym(2023, 8)) };
        assert_eq!(format_dates(&r, &t, "en"), "Mar 2021 – Aug 2023");
        let open = Dates::Range { start: ym(2019, 10), end: None };
        assert_eq!(format_dates(&open, &t, "en"), "Oct 2019 – present");
        assert_eq!(format_dates(&open, &t, "de"), "Okt. 2019 – heute");
        let year = Dates::Single(Date { year: 2022, month: None, day: None });
        assert_eq!(format_dates(&year, &t, "en"), "2022");
        assert_eq!(format_dates(&Dates::Text("Summer 2019".into()), &t, "en"), "Summer 2019");
    }

    #[test]
    fn month_styles() {
        let en = crate::locale::for_lang("en");
        assert_eq!(format_date(12, 2020, MonthStyle::Long, en), "December 2020");
        assert_eq!(format_date(1, 2020, MonthStyle::Numeric, en), "01/2020");
        assert_eq!(format_date(3, 2020, MonthStyle::Long, crate::locale::for_lang("fr")), "mars 2020");
    }

    #[test]
    fn year_first_languages_print_the_year_first() {
        let mut t = theme();
        let r = Dates::Range { start: ym(2024, 3), end: None };
        assert_eq!(format_dates(&r, &t, "ja"), "2024年3月 〜 現在");
        assert_eq!(format_dates(&r, &t, "ko-KR"), "2024년 3월 ~ 현재");
        assert_eq!(format_dates(&r, &t, "zh-TW"), "2024年3月 – 至今");
        assert_eq!(format_dates(&r, &t, "hu"), "2024. márc. – jelenleg");
        t.dates.months = MonthStyle::Long;
        assert_eq!(format_dates(&Dates::Single(ym(2024, 3)), &t, "hu"), "2024. március");
        t.dates.months = MonthStyle::Numeric;
        assert_eq!(format_dates(&Dates::Single(ym(2024, 3)), &t, "ja"), "2024/03");
        // A year alone is the same everywhere.
        let year = Dates::Single(Date { year: 2022, month: None, day: None });
        assert_eq!(format_dates(&year, &t, "ko"), "2022");
    }

    #[test]
    fn month_first_languages_and_the_layouts_own_names() {
        let mut t = theme();
        let r = Dates::Range { start: ym(2021, 3), end: Some(ym(2023, 8)) };
        assert_eq!(format_dates(&r, &t, "ru"), "март 2021 – авг. 2023");
        // A layout's own names go into the language's template: Korean names, Korean order.
        t.dates.short_month_names = Some((1..=12).map(|m| format!("{m}월")).collect());
        assert_eq!(format_dates(&r, &t, "ko"), "2021년 3월 ~ 2023년 8월");
        assert_eq!(format_dates(&r, &t, "en"), "3월 2021 – 8월 2023");
        // A layout's separator without an en dash is kept as it is.
        t.dates.separator = " · ".into();
        assert_eq!(format_dates(&r, &t, "ja"), "2021年3월 · 2023年8월");
    }

    #[test]
    fn sidebar_words_match_translated_titles() {
        let title = Rich::plain("スキル");
        let words = ["skill".to_owned(), "language".to_owned()];
        assert!(title_matches(&title, &words, "ja"));
        assert!(title_matches(&Rich::plain("語学"), &words, "ja"));
        assert!(!title_matches(&title, &words, "en"));
        assert!(!title_matches(&Rich::plain("職歴"), &words, "ja"));
        assert!(title_matches(&Rich::plain("Technical Skills"), &words, "ja"));
    }

    #[test]
    fn anonymous_profile_titles_after_headline() {
        let p = Profile { headline: Some(Rich::plain("SRE")), lang: "en".into(), ..Default::default() };
        let c = build(&p, &theme());
        assert_eq!(c.info.title, "SRE");
        // Anonymous: attributed to the headline when there is no e-mail.
        assert_eq!(c.info.author.as_deref(), Some("SRE"));
        // The footer drops the name placeholder and its separator.
        let footer = c.page.footer.unwrap();
        assert_eq!(footer.runs[0].text, "{page} / {pages}");
    }

    #[test]
    fn footer_placeholders_are_filled() {
        let mut t = theme();
        t.footer = "{name} · updated {updated} · {page}/{pages}".into();
        let p = Profile {
            name: Some(Rich::plain("Jane")),
            updated: Some(ym(2024, 5)),
            lang: "en".into(),
            ..Default::default()
        };
        let c = build(&p, &t);
        assert_eq!(c.page.footer.unwrap().runs[0].text, "Jane · updated May 2024 · {page}/{pages}");
    }

    #[test]
    fn section_titles_carry_outline_entries_and_rules() {
        let p = Profile {
            name: Some(Rich::plain("Jane")),
            lang: "en".into(),
            sections: vec![profile::Section {
                title: Rich::plain("💼 Work"), intro: None, entries: vec![]
            }],
            ..Default::default()
        };
        let c = build(&p, &theme());
        let outlines: Vec<_> = c.blocks.iter().filter_map(|b| b.outline.clone()).collect();
        assert_eq!(outlines, vec!["💼 Work".to_string()]);
        // The name is the one level-1 heading, the section title a level-2 heading, and the
        // rule under the title is no heading.
        let headings: Vec<_> = c.blocks.iter().map(|b| b.heading).collect();
        assert_eq!(headings.iter().filter(|h| **h == Some(NAME_HEADING)).count(), 1);
        let title = c.blocks.iter().position(|b| b.outline.is_some()).unwrap();
        assert_eq!(headings[title], Some(SECTION_HEADING));
        assert!(
            c.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Rule { .. })).all(|b| b.heading.is_none())
        );
        assert!(c.blocks.iter().any(|b| matches!(b.kind, BlockKind::Rule { .. })));
        assert_eq!(c.info.title, "Jane — Résumé");
    }

    /// Returns the index of the first text block containing `needle`.
    fn block_with(c: &Content, needle: &str) -> Option<usize> {
        c.blocks.iter().position(
            |b| matches!(&b.kind, BlockKind::Text(t) if t.runs.iter().any(|r| r.text.contains(needle))),
        )
    }

    #[test]
    fn a_section_intro_follows_the_title_and_keeps_with_it() {
        let p = Profile {
            name: Some(Rich::plain("Jane")),
            lang: "en".into(),
            sections: vec![profile::Section {
                title: Rich::plain("Work"),
                intro: Some(Rich::plain("Position · Company")),
                entries: vec![Entry::Paragraph(Rich::plain("Shipped it"))],
            }],
            ..Default::default()
        };
        let c = build(&p, &theme());
        let title = c.blocks.iter().position(|b| b.outline.is_some()).unwrap();
        let intro = block_with(&c, "Position").expect("the intro is a block");
        let entry = block_with(&c, "Shipped").unwrap();
        assert!(title < intro && intro < entry, "{title} {intro} {entry}");
        // Kept with the title and the first entry, and no heading of its own.
        assert_eq!(c.blocks[intro].role, Role::SectionTitle);
        assert_eq!(c.blocks[intro].heading, None);
        assert!(c.blocks[intro].space_before > Pt::ZERO);
        // Without an intro there is no such block.
        let mut bare = p.clone();
        bare.sections[0].intro = None;
        assert_eq!(block_with(&build(&bare, &theme()), "Position"), None);
    }
}
