//! The small design values of a layout: the vertical gaps between blocks (all tightened together
//! when fitting to a page limit) and the separators set between parts of one line. Every value
//! has its default here, the one the engine used before layouts could set it.

use serde::Deserialize;

use super::values::Length;

/// Vertical spacing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Spacing {
    /// Space between the header and the first section.
    pub after_header: Length,
    /// Space above a section title.
    pub section_before: Length,
    /// Space between a section title (or its rule) and the first entry.
    pub section_after: Length,
    /// Space between entries.
    pub entry: Length,
    /// Space between paragraphs of one entry, and before a list.
    pub paragraph: Length,
    /// Space between list items.
    pub item: Length,
    /// Space between the name and the headline.
    pub headline: Length,
    /// Space above the contacts line of the header.
    pub contacts: Length,
    /// Space between what tops the sidebar (the photo) and the first contact listed under it.
    pub sidebar_contacts: Length,
    /// Space between contacts listed one per line in the sidebar.
    pub contact: Length,
    /// Space between an organisation's heading and its first role, when it has no summary.
    pub first_role: Length,
    /// Space above each further role of an organisation (and above the first after a summary);
    /// unset, twice `paragraph`.
    pub role: Option<Length>,
}

impl Default for Spacing {
    fn default() -> Spacing {
        Spacing {
            after_header: Length::points(10.0),
            section_before: Length::points(12.0),
            section_after: Length::points(5.0),
            entry: Length::points(7.0),
            paragraph: Length::points(3.0),
            item: Length::points(1.5),
            // The header's inner gaps: small against the name's size, so name, headline and
            // contacts read as one block.
            headline: Length::points(2.0),
            contacts: Length::points(4.0),
            // A photo needs more air under it than a line of text does.
            sidebar_contacts: Length::points(8.0),
            contact: Length::points(2.0),
            // A first role follows its organisation as closely as a heading's second line.
            first_role: Length::points(2.0),
            role: None,
        }
    }
}

impl Spacing {
    /// Returns the space above a role that is not the first thing under its organisation.
    pub fn role(&self) -> Length {
        // Twice a paragraph gap: roles are further apart than an entry's paragraphs, closer
        // than entries.
        self.role.unwrap_or(self.paragraph.scaled(2.0))
    }

    /// Returns the spacing with every gap multiplied by `k` (fitting to a page limit).
    pub fn scaled(&self, k: f64) -> Spacing {
        Spacing {
            after_header: self.after_header.scaled(k),
            section_before: self.section_before.scaled(k),
            section_after: self.section_after.scaled(k),
            entry: self.entry.scaled(k),
            paragraph: self.paragraph.scaled(k),
            item: self.item.scaled(k),
            headline: self.headline.scaled(k),
            contacts: self.contacts.scaled(k),
            sidebar_contacts: self.sidebar_contacts.scaled(k),
            contact: self.contact.scaled(k),
            first_role: self.first_role.scaled(k),
            role: self.role.map(|r| r.scaled(k)),
        }
    }
}

/// Separators set between the parts of one line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Separators {
    /// Between the skills of a section set as one paragraph (`entries.skills-as-paragraph`).
    pub skills: String,
    /// After the label of a row ("Languages: Rust, Go").
    pub label: String,
    /// Between an organisation and its description on an entry's second heading line.
    pub about: String,
    /// Before dates and locations set after the title (`entries.dates: inline`).
    pub meta: String,
    /// After a contact's icon on the contacts line (`contact-icons`).
    pub icon: String,
}

impl Default for Separators {
    fn default() -> Separators {
        Separators {
            skills: " · ".into(),
            label: ": ".into(),
            about: " — ".into(),
            meta: " · ".into(),
            icon: " ".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geom::Pt;

    #[test]
    fn the_role_gap_is_twice_a_paragraph_unless_set() {
        let mut s = Spacing { paragraph: Length::points(2.5), ..Spacing::default() };
        assert_eq!(s.role().pt(), Pt(5.0));
        s.role = Some(Length::points(4.0));
        assert_eq!(s.role().pt(), Pt(4.0));
    }

    #[test]
    fn scaling_reaches_every_gap() {
        let s = Spacing { role: Some(Length::points(6.0)), ..Spacing::default() }.scaled(0.5);
        let gaps = [
            (s.after_header, 10.0),
            (s.section_before, 12.0),
            (s.section_after, 5.0),
            (s.entry, 7.0),
            (s.paragraph, 3.0),
            (s.item, 1.5),
            (s.headline, 2.0),
            (s.contacts, 4.0),
            (s.sidebar_contacts, 8.0),
            (s.contact, 2.0),
            (s.first_role, 2.0),
            (s.role(), 6.0),
        ];
        for (i, (gap, before)) in gaps.into_iter().enumerate() {
            assert_eq!(gap.pt(), Pt(before / 2.0), "gap {i}");
        }
        // An unset role gap follows the paragraph gap as it shrinks.
        assert_eq!(Spacing::default().scaled(0.5).role().pt(), Pt(3.0));
    }
}
