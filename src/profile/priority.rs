//! Fit by priority (`docs/tailoring.md`): which entries and points may be dropped when a page
//! limit cannot be met by tightening, in which order, and the profile without them. Pure
//! functions over the validated [`Profile`]; the fit driver (`crate::fit`) decides how many
//! to drop.
//!
//! Only what carries a `priority:` may be dropped; everything else is must-keep. The order is
//! the lowest priority first and, between equal priorities, the last in the document first,
//! so the same profile always drops the same items. Dropping an entry drops its points and
//! roles with it; a section whose entries all go is dropped with its heading, and no other
//! heading ever is.

use std::collections::BTreeSet;

use super::model::{Entry, Item, List, ListItem, Profile, Rich, Section};

/// Where an entry, role or point sits: indices into sections, entries, a group's roles and
/// (one or two levels of) points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Address {
    /// The section.
    pub section: usize,
    /// The entry within the section.
    pub entry: usize,
    /// The role within a group entry.
    pub role: Option<usize>,
    /// The point within the entry's (or role's) highlights, or a bullet entry's sub-points.
    pub point: Option<usize>,
    /// The sub-point within that point.
    pub sub: Option<usize>,
}

impl Address {
    /// Whether this is inside `outer` (a point of a dropped entry, say), and not `outer` itself.
    pub fn within(&self, outer: &Address) -> bool {
        let same = |a: Option<usize>, b: Option<usize>| b.is_none() || a == b;
        self != outer
            && (self.section, self.entry) == (outer.section, outer.entry)
            && same(self.role, outer.role)
            && same(self.point, outer.point)
            && same(self.sub, outer.sub)
    }
}

/// Returns the dropped items worth reporting: those not inside another dropped item, whose
/// dropping took them along anyway. In drop order.
pub fn reported(dropped: &[Droppable]) -> Vec<&Droppable> {
    dropped.iter().filter(|d| !dropped.iter().any(|o| d.at.within(&o.at))).collect()
}

/// Something that may be dropped to fit: where it is, its priority and its name for the
/// warning that reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Droppable {
    /// Where it is.
    pub at: Address,
    /// Its `priority:`.
    pub priority: i64,
    /// "Section › Entry" or "Section › Entry › “point…”".
    pub name: String,
}

/// How many characters of a point's text name it in a warning: enough to recognise it.
const EXCERPT_CHARS: usize = 40;

/// Returns what may be dropped, in the order to drop it: lowest priority first, and between
/// equal priorities the last in the document first.
pub fn drop_order(profile: &Profile) -> Vec<Droppable> {
    let mut found = Vec::new();
    for (si, s) in profile.sections.iter().enumerate() {
        let title = s.title.to_plain();
        for (ei, e) in s.entries.iter().enumerate() {
            let at = Address { section: si, entry: ei, role: None, point: None, sub: None };
            entry_candidates(e, at, &title, &mut found);
        }
    }
    // Document order is the order found; a stable sort on (priority, reversed position).
    let mut indexed: Vec<(usize, Droppable)> = found.into_iter().enumerate().collect();
    indexed.sort_by(|(i, a), (j, b)| a.priority.cmp(&b.priority).then(j.cmp(i)));
    indexed.into_iter().map(|(_, d)| d).collect()
}

/// Adds an entry and what it holds, in document order.
fn entry_candidates(e: &Entry, at: Address, section: &str, found: &mut Vec<Droppable>) {
    match e {
        Entry::Item(item) => item_candidates(item, at, section, found),
        Entry::Group(g) => {
            let name = format!("{section} › {}", g.organization.to_plain());
            push(found, at, g.tailoring.priority, name);
            for (ri, role) in g.roles.iter().enumerate() {
                item_candidates(role, Address { role: Some(ri), ..at }, section, found);
            }
        }
        Entry::Row(r) => push(found, at, r.tailoring.priority, format!("{section} › {}", r.label.to_plain())),
        Entry::Bullet(p) => {
            let name = format!("{section} › {}", excerpt(&p.text));
            push(found, at, p.tailoring.priority, name.clone());
            list_candidates(&p.children, at, &name, found);
        }
        Entry::Paragraph(_) => {}
    }
}

/// Adds an item (an entry or a role) and its points.
fn item_candidates(item: &Item, at: Address, section: &str, found: &mut Vec<Droppable>) {
    let title = item.title.as_ref().or(item.subtitle.as_ref()).map_or_else(String::new, Rich::to_plain);
    let name = format!("{section} › {title}");
    push(found, at, item.tailoring.priority, name.clone());
    list_candidates(&item.highlights, at, &name, found);
}

/// Adds the points of a list and their sub-points; `at` is the list's owner.
fn list_candidates(list: &List, at: Address, owner: &str, found: &mut Vec<Droppable>) {
    for (pi, p) in list.items.iter().enumerate() {
        let (point, sub) = match at.point {
            None => (Some(pi), None),
            Some(_) => (at.point, Some(pi)),
        };
        let here = Address { point, sub, ..at };
        push(found, here, p.tailoring.priority, format!("{owner} › {}", excerpt(&p.text)));
        if sub.is_none() {
            list_candidates(&p.children, here, owner, found);
        }
    }
}

/// Adds a candidate when it has a priority.
fn push(found: &mut Vec<Droppable>, at: Address, priority: Option<i64>, name: String) {
    if let Some(priority) = priority {
        found.push(Droppable { at, priority, name });
    }
}

/// Returns a point's text in quotes, cut after [`EXCERPT_CHARS`] characters.
fn excerpt(text: &Rich) -> String {
    let plain = text.to_plain();
    let cut: String = plain.chars().take(EXCERPT_CHARS).collect();
    let more = if cut.len() < plain.len() { "…" } else { "" };
    format!("“{}{more}”", cut.trim_end())
}

/// Returns the profile without the given items; a section whose entries all went is dropped,
/// and keywords read from skills sections are read again.
pub fn without(profile: &Profile, dropped: &[Droppable]) -> Profile {
    let gone: BTreeSet<Address> = dropped.iter().map(|d| d.at).collect();
    let sections: Vec<Section> =
        profile.sections.iter().enumerate().filter_map(|(si, s)| section_without(s, si, &gone)).collect();
    let keywords = super::meta::reread(profile, &sections);
    Profile { sections, keywords, ..profile.clone() }
}

/// Returns the section without the dropped entries, or none when they were all dropped.
fn section_without(s: &Section, si: usize, gone: &BTreeSet<Address>) -> Option<Section> {
    let entries: Vec<Entry> = s
        .entries
        .iter()
        .enumerate()
        .filter_map(|(ei, e)| {
            let at = Address { section: si, entry: ei, role: None, point: None, sub: None };
            (!gone.contains(&at)).then(|| entry_without(e, at, gone))
        })
        .collect();
    let emptied = entries.is_empty() && !s.entries.is_empty();
    (!emptied).then(|| Section { entries, ..s.clone() })
}

/// Returns the entry without its dropped roles and points.
fn entry_without(e: &Entry, at: Address, gone: &BTreeSet<Address>) -> Entry {
    match e {
        Entry::Item(item) => Entry::Item(item_without(item, at, gone)),
        Entry::Group(g) => {
            let roles = g
                .roles
                .iter()
                .enumerate()
                .map(|(ri, r)| (Address { role: Some(ri), ..at }, r))
                .filter(|(here, _)| !gone.contains(here))
                .map(|(here, r)| item_without(r, here, gone))
                .collect();
            Entry::Group(super::Group { roles, ..g.clone() })
        }
        Entry::Bullet(p) => {
            Entry::Bullet(ListItem { children: list_without(&p.children, at, gone), ..p.clone() })
        }
        Entry::Row(_) | Entry::Paragraph(_) => e.clone(),
    }
}

/// Returns the item without its dropped points.
fn item_without(item: &Item, at: Address, gone: &BTreeSet<Address>) -> Item {
    Item { highlights: list_without(&item.highlights, at, gone), ..item.clone() }
}

/// Returns the list without its dropped points and sub-points; `at` is the list's owner.
fn list_without(list: &List, at: Address, gone: &BTreeSet<Address>) -> List {
    let mut items = Vec::new();
    for (pi, p) in list.items.iter().enumerate() {
        let here = match at.point {
            None => Address { point: Some(pi), ..at },
            Some(_) => Address { sub: Some(pi), ..at },
        };
        if gone.contains(&here) {
            continue;
        }
        let children = match here.sub {
            None => list_without(&p.children, here, gone),
            Some(_) => p.children.clone(),
        };
        items.push(ListItem { children, ..p.clone() });
    }
    List { numbered: list.numbered, items }
}
