//! The header: photo, name, headline, contacts (on one line, or one per line in the sidebar)
//! and the summary.

use super::builder::{Builder, NAME_HEADING, leading, resolve};
use super::icons::{LOCATION_ICON, icon};
use super::ir::{Align, BlockKind, Paragraph, Role, Run};
use crate::geom::Pt;
use crate::profile::{self, Profile, Rich};

impl Builder<'_> {
    /// Adds the photo, name, headline, contacts line and summary.
    pub(super) fn header(&mut self, p: &Profile) {
        if let Some(photo) = &p.photo {
            self.photo(photo, self.header_align(), p.name.as_ref());
        }
        self.letterhead(p);
        let roles = &self.theme.roles;
        let space = self.theme.spacing.after_header.pt();
        for (i, para) in p.summary.iter().enumerate() {
            let before = if i == 0 { space } else { self.theme.spacing.paragraph.pt() };
            self.push(BlockKind::Text(self.para(para, &roles.body, self.body_align())), before, Role::Body);
        }
    }

    /// Adds the name (the document's one top-level heading), the headline and the contacts, as
    /// the layout sets them: the résumé's header, and a letter's letterhead.
    pub(super) fn letterhead(&mut self, p: &Profile) {
        let roles = &self.theme.roles;
        let align = self.header_align();
        if let Some(name) = &p.name {
            self.push(BlockKind::Text(self.para(name, &roles.name, align)), Pt::ZERO, Role::Header);
            if let Some(block) = self.target().last_mut() {
                block.heading = Some(NAME_HEADING);
            }
        }
        if let Some(h) = &p.headline {
            self.push(
                BlockKind::Text(self.para(h, &roles.headline, align)),
                self.theme.spacing.headline.pt(),
                Role::Header,
            );
        }
        if self.theme.sidebar.enabled && self.theme.sidebar.contacts {
            self.sidebar_contacts(p);
        } else if let Some(contacts) = self.contacts_line(p) {
            self.push(BlockKind::Text(contacts), self.theme.spacing.contacts.pt(), Role::Header);
        }
    }

    /// Adds the photo at the top of the sidebar, or above the name.
    pub(super) fn photo(&mut self, photo: &profile::Photo, align: Align, name: Option<&Rich>) {
        let spec = &self.theme.photo;
        let in_sidebar = self.theme.sidebar.enabled;
        let kind = BlockKind::Image {
            size: crate::geom::Size::new(spec.size.pt(), spec.size.pt()),
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
    pub(super) fn sidebar_contacts(&mut self, p: &Profile) {
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
                self.theme.spacing.sidebar_contacts.pt()
            } else {
                self.theme.spacing.contact.pt()
            };
            self.push(BlockKind::Text(para), before, Role::Header);
        }
        self.in_sidebar = false;
    }

    /// Hangs an icon before a contact, in the indent, so the texts align.
    pub(super) fn add_icon(&self, para: &mut Paragraph, icon: Option<&str>) {
        let Some(icon) = icon else { return };
        let style = resolve(&self.theme.roles.contacts);
        para.indent = style.size * self.theme.header.icon_indent.0;
        para.marker = Some(Run { text: icon.into(), style, link: None, nobreak: true });
    }

    /// Returns a contact as a link run in the contacts style.
    pub(super) fn contact_run(&self, c: &profile::Contact) -> Run {
        let mut s = resolve(&self.theme.roles.contacts);
        s.color = self.theme.colors.link.0;
        Run { text: c.text.clone(), style: s, link: Some(c.url.clone()), nobreak: true }
    }

    /// Builds the contacts line: location and contacts separated, breaking only between them.
    pub(super) fn contacts_line(&self, p: &Profile) -> Option<Paragraph> {
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
                    text: format!("{}{}", icon(c.kind), self.theme.separators.icon),
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
}

/// The photo's alternative text: "Photo of NAME", or "Photo" for an anonymous profile.
fn photo_alt(name: Option<&Rich>) -> String {
    match name.map(Rich::to_plain) {
        Some(name) if !name.trim().is_empty() => format!("Photo of {}", name.trim()),
        _ => "Photo".to_string(),
    }
}
