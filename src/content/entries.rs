//! Sections and their entries: titles and rules, items and groups with their heading lines,
//! rows, skills paragraphs, bodies and lists.

use super::builder::{Builder, SECTION_HEADING, format_dates, leading, resolve, title_matches};
use super::ir::{Align, Block, BlockKind, Paragraph, Role, Run, RunStyle};
use crate::geom::Pt;
use crate::profile::{self, Dates, Entry, Group, Item, List, Rich};
use crate::theme::{TextStyle, Theme};

impl Builder<'_> {
    /// Adds a section: its title, rule and entries.
    pub(super) fn section(&mut self, s: &profile::Section) {
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
    pub(super) fn skills_paragraph(&mut self, entries: &[Entry]) {
        let body = &self.theme.roles.body;
        let sep = self.separator(&self.theme.separators.skills, resolve(body));
        let mut runs: Vec<Run> = Vec::new();
        for e in entries {
            let part = match e {
                Entry::Row(r) => self.row_runs(r),
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
    pub(super) fn flush_skills(&mut self, runs: &mut Vec<Run>) {
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
    pub(super) fn entries(&mut self, entries: &[Entry]) {
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
    pub(super) fn row(&mut self, r: &profile::Row, before: Pt) {
        let body = &self.theme.roles.body;
        let mut runs = self.row_runs(r);
        // A row lists skills, languages or tools, names that are never hyphenated (issue 12).
        runs.iter_mut().for_each(|x| x.style.hyphenate = false);
        let para =
            Paragraph { runs, align: Align::Left, indent: Pt::ZERO, marker: None, leading: leading(body) };
        self.push(BlockKind::Text(para), before, Role::Body);
    }

    /// Adds an item: heading lines, summary, highlights, footer.
    pub(super) fn item(&mut self, item: &Item, before: Pt) {
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
        self.notes(&item.tailoring.notes);
    }

    /// Adds an entry's private notes, present only in an interview copy (the render removes
    /// them otherwise, through `Profile::without_notes`): in the meta role set in italic, small and apart from the
    /// entry's own text.
    fn notes(&mut self, notes: &[Rich]) {
        let mut role = self.theme.roles.meta.clone();
        (role.italic, role.uppercase) = (true, false);
        for note in notes {
            let para = self.para(note, &role, Align::Left);
            self.push(BlockKind::Text(para), self.theme.spacing.paragraph.pt(), Role::Body);
        }
    }

    /// Returns a row's runs: its label in bold, the label separator in bold, its details.
    fn row_runs(&self, r: &profile::Row) -> Vec<Run> {
        let body = &self.theme.roles.body;
        let mut runs = self.runs(&r.label, body);
        runs.iter_mut().for_each(|x| x.style.bold = true);
        let mut colon = resolve(body);
        colon.bold = true;
        runs.push(self.separator(&self.theme.separators.label, colon));
        runs.extend(self.runs(&r.details, body));
        runs
    }

    /// Returns a separator run: lines may break after it, as after any text.
    fn separator(&self, text: &str, style: RunStyle) -> Run {
        Run { text: text.to_owned(), style, link: None, nobreak: false }
    }

    /// Adds a group: the organisation's heading, then each role with its own dates and points.
    pub(super) fn group(&mut self, g: &Group, before: Pt) {
        let (right, location) = right_parts(g.dates.as_ref(), g.location.as_ref(), self.theme, &self.lang);
        self.heading(Some(&g.organization), None, &right, before, true, Role::GroupHeading);
        self.subheading(None, g.about.as_ref(), location.as_ref());
        self.body(&g.summary, &List::default(), &[]);
        for (i, role) in g.roles.iter().enumerate() {
            let space = if i == 0 && g.summary.is_empty() {
                self.theme.spacing.first_role.pt()
            } else {
                self.theme.spacing.role().pt()
            };
            let (right, location) =
                right_parts(role.dates.as_ref(), role.location.as_ref(), self.theme, &self.lang);
            self.heading(role.title.as_ref(), role.url.as_deref(), &right, space, false, Role::RoleStart);
            self.subheading(role.subtitle.as_ref(), role.about.as_ref(), location.as_ref());
            self.body(&role.summary, &role.highlights, &role.footer);
            self.notes(&role.tailoring.notes);
        }
        self.body(&[], &List::default(), &g.footer);
        self.notes(&g.tailoring.notes);
    }

    /// Adds a heading line: title on the left, dates flush right.
    pub(super) fn heading(
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
    pub(super) fn subheading(
        &mut self,
        subtitle: Option<&Rich>,
        about: Option<&Rich>,
        location: Option<&Rich>,
    ) {
        let roles = &self.theme.roles;
        let mut runs = subtitle.map(|s| self.runs(s, &roles.subtitle)).unwrap_or_default();
        if let Some(a) = about {
            if !runs.is_empty() {
                runs.push(self.separator(&self.theme.separators.about, resolve(&roles.subtitle)));
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
    pub(super) fn inline_meta(&self, left: &mut Paragraph, right: &mut Paragraph) {
        if right.runs.is_empty() {
            return;
        }
        let meta = &self.theme.roles.meta;
        if !left.runs.is_empty() {
            left.runs.push(self.separator(&self.theme.separators.meta, resolve(meta)));
        }
        let mut moved = std::mem::take(&mut right.runs);
        moved.iter_mut().for_each(|r| r.nobreak = true);
        left.runs.extend(moved);
    }

    /// Returns an empty paragraph in a role's leading.
    pub(super) fn empty(&self, role: &TextStyle) -> Paragraph {
        Paragraph {
            runs: Vec::new(),
            align: Align::Left,
            indent: Pt::ZERO,
            marker: None,
            leading: leading(role),
        }
    }

    /// Returns a right-aligned paragraph in the meta role that never breaks.
    pub(super) fn meta_para(&self, text: &str) -> Paragraph {
        let role = &self.theme.roles.meta;
        let runs = if text.is_empty() {
            Vec::new()
        } else {
            vec![Run { text: text.to_string(), style: resolve(role), link: None, nobreak: true }]
        };
        Paragraph { runs, align: Align::Right, indent: Pt::ZERO, marker: None, leading: leading(role) }
    }

    /// Adds summary paragraphs, the list of highlights and footer paragraphs of an entry.
    pub(super) fn body(&mut self, summary: &[Rich], highlights: &List, footer: &[Rich]) {
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
    pub(super) fn list(&mut self, list: &List, depth: usize, first: &mut bool) {
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
    pub(super) fn list_item(
        &mut self,
        li: &profile::ListItem,
        depth: usize,
        number: Option<usize>,
        before: Pt,
    ) {
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
