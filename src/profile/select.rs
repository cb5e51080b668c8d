//! Selecting what of a profile one application shows (`docs/tailoring.md`): pure functions
//! from a validated [`Profile`] to the [`Profile`] that content is built from: [`Profile::select`]
//! applies a [`Selection`] (a variant, `--only` tags), and [`Profile::without_notes`] hides the
//! private notes, which every render does unless it makes an interview copy. Nothing after the
//! profile stage knows about tags, variants or hidden notes.

use std::collections::BTreeSet;
use std::fmt;

use super::model::{Design, Entry, Item, List, ListItem, Profile, Section, WrittenAt};

/// A named selection of `variants:`: its tags, layout, design, page limit, sections and output
/// name, checked when the profile was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The variant's name (its key under `variants:`), safe in a file name.
    pub name: String,
    /// The tags it selects (`only:`); none keeps every item.
    pub only: Vec<String>,
    /// The layout it renders in, over the profile's `layout:`.
    pub layout: Option<String>,
    /// Where the variant names its layout, for errors.
    pub layout_at: WrittenAt,
    /// Design options applied over the profile's `design:`.
    pub design: Option<Design>,
    /// Its page limit, over the profile's `pages:`.
    pub pages: Option<usize>,
    /// The sections it shows, as indices into the profile's sections, in the order to show
    /// them; empty keeps every section in the file's order.
    pub sections: Vec<usize>,
    /// Its output file's name without extension; default `STEM-NAME`.
    pub output: Option<String>,
}

/// What to render of a profile: one job of a batch is one input and one selection. Later
/// dimensions of a batch (a language, say) are further fields here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The variant to render (`--variant`), by name.
    pub variant: Option<String>,
    /// Tags (`--only`): an item is kept when it is untagged or has one of them.
    pub only: Vec<String>,
}

impl Selection {
    /// Whether the selection asks for nothing (no variant, no tags): the profile as it is.
    fn is_everything(&self) -> bool {
        self.variant.is_none() && self.only.is_empty()
    }
}

/// Why a selection cannot be made: a variant or tag the profile does not have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectError {
    /// What is wrong.
    pub message: String,
    /// What the profile has instead.
    pub hint: String,
}

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for SelectError {}

impl Profile {
    /// Returns the profile as the selection shows it: the variant's layout, design, page limit
    /// and sections applied, and the items without a selected tag left out (a section left
    /// empty goes, heading and all). When anything is left out, the PDF does not carry the
    /// profile's source, which would give it back.
    ///
    /// # Errors
    ///
    /// A [`SelectError`] when the variant is not defined or no item carries one of the tags.
    pub fn select(&self, selection: &Selection) -> Result<Profile, SelectError> {
        if selection.is_everything() {
            return Ok(self.clone());
        }
        self.selected(selection)
    }

    /// [`Profile::select`] for a profile the caller owns: the whole profile when the selection
    /// asks for nothing (no variant, no tags), without copying it.
    ///
    /// # Errors
    ///
    /// A [`SelectError`] when the variant is not defined or no item carries one of the tags.
    pub fn into_selected(self, selection: &Selection) -> Result<Profile, SelectError> {
        if selection.is_everything() {
            return Ok(self);
        }
        self.selected(selection)
    }

    /// Makes the selection from a copy of the profile, so that the unselected profile is still
    /// there to compare against.
    fn selected(&self, selection: &Selection) -> Result<Profile, SelectError> {
        let mut profile = self.clone();
        let mut only = selection.only.clone();
        if let Some(name) = &selection.variant {
            let variant = self.variant(name)?;
            only.extend(variant.only.iter().cloned());
            apply(&mut profile, variant);
        }
        check_tags(&only, &tags_of(&self.sections))?;
        if !only.is_empty() {
            let only: BTreeSet<&str> = only.iter().map(String::as_str).collect();
            profile.sections = profile.sections.iter().filter_map(|s| section(s, &only)).collect();
        }
        if profile.sections != self.sections {
            profile.keywords = super::meta::reread(self, &profile.sections);
            drop_source(&mut profile, "what this selection leaves out");
        }
        Ok(profile)
    }

    /// Returns the profile without its entries' private `notes:` (and without its source,
    /// which holds them), or `None` when it has none: what every render shows unless it makes
    /// an interview copy.
    pub fn without_notes(&self) -> Option<Profile> {
        // Most profiles have no notes: answered by a walk, without copying the profile.
        if !self.sections.iter().any(has_notes) {
            return None;
        }
        let mut profile = self.clone();
        profile.sections.iter_mut().for_each(strip_notes);
        if profile.sections == self.sections {
            return None;
        }
        drop_source(&mut profile, "private notes (`notes:`)");
        Some(profile)
    }

    /// Returns the variant of a name.
    fn variant(&self, name: &str) -> Result<&Variant, SelectError> {
        self.variants.iter().find(|v| v.name == name).ok_or_else(|| {
            let names: Vec<&str> = self.variants.iter().map(|v| v.name.as_str()).collect();
            let hint = match names.is_empty() {
                true => "the profile defines no `variants:`".to_owned(),
                false => format!("the profile's variants are {}", super::suggest::list(&names)),
            };
            SelectError { message: format!("the profile has no variant `{name}`"), hint }
        })
    }
}

/// Stops the PDF from carrying the profile's source, which holds `what`; a warning says so.
fn drop_source(profile: &mut Profile, what: &str) {
    if profile.source.take().is_some() {
        let message = format!("the PDF does not carry the profile's source: it holds {what}");
        profile.notes.push(crate::diag::Warning::new(message));
    }
}

/// Applies a variant's layout, design, page limit and section order.
fn apply(profile: &mut Profile, variant: &Variant) {
    if variant.layout.is_some() {
        profile.layout.clone_from(&variant.layout);
        profile.layout_at = variant.layout_at.clone();
    }
    if let Some(design) = &variant.design {
        profile.design = Some(merged(profile.design.as_ref(), design));
    }
    profile.pages = variant.pages.or(profile.pages);
    if !variant.sections.is_empty() {
        let sections = std::mem::take(&mut profile.sections);
        profile.sections = variant.sections.iter().filter_map(|&i| sections.get(i).cloned()).collect();
    }
}

/// Returns the variant's design over the profile's: options merged key by key (a nested map
/// such as `colors:` too), the variant's winning. Errors point into the variant's block.
fn merged(base: Option<&Design>, over: &Design) -> Design {
    let mut value = base.map_or(serde_json::Value::Null, |b| b.value.clone());
    merge_into(&mut value, &over.value);
    Design { value, ..over.clone() }
}

/// Merges `over` into `base`: maps key by key, anything else replaced.
fn merge_into(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (key, value) in o {
                merge_into(b.entry(key.clone()).or_insert(serde_json::Value::Null), value);
            }
        }
        (base, over) => *base = over.clone(),
    }
}

/// Refuses tags that no item of the profile carries, naming the ones it has.
fn check_tags(only: &[String], known: &BTreeSet<String>) -> Result<(), SelectError> {
    match only.iter().find(|t| !known.contains(t.as_str())) {
        Some(tag) => Err(SelectError {
            message: format!("no section, entry or point carries the tag `{tag}`"),
            hint: super::tailor::tags_hint(known),
        }),
        None => Ok(()),
    }
}

/// Returns every tag of the sections, entries and points, sorted.
pub fn tags_of(sections: &[Section]) -> BTreeSet<String> {
    let mut tags = BTreeSet::new();
    for s in sections {
        tags.extend(s.tags.iter().cloned());
        s.entries.iter().for_each(|e| entry_tags(e, &mut tags));
    }
    tags
}

/// Adds an entry's tags and its points' to `tags`.
fn entry_tags(entry: &Entry, tags: &mut BTreeSet<String>) {
    match entry {
        Entry::Item(item) => item_tags(item, tags),
        Entry::Group(g) => {
            tags.extend(g.tailoring.tags.iter().cloned());
            g.roles.iter().for_each(|r| item_tags(r, tags));
        }
        Entry::Row(r) => tags.extend(r.tailoring.tags.iter().cloned()),
        Entry::Bullet(point) => point_tags(point, tags),
        Entry::Paragraph(_) => {}
    }
}

/// Adds an item's tags and its points'.
fn item_tags(item: &Item, tags: &mut BTreeSet<String>) {
    tags.extend(item.tailoring.tags.iter().cloned());
    item.highlights.items.iter().for_each(|p| point_tags(p, tags));
}

/// Adds a point's tags and its sub-points'.
fn point_tags(point: &ListItem, tags: &mut BTreeSet<String>) {
    tags.extend(point.tailoring.tags.iter().cloned());
    point.children.items.iter().for_each(|p| point_tags(p, tags));
}

/// Whether something tagged this way is in: untagged, or one of its tags selected.
fn selected(tags: &[String], only: &BTreeSet<&str>) -> bool {
    tags.is_empty() || tags.iter().any(|t| only.contains(t.as_str()))
}

/// Returns the section with only its selected entries; none when the section is not selected
/// or its entries are all left out (an empty section shows no heading).
fn section(s: &Section, only: &BTreeSet<&str>) -> Option<Section> {
    if !selected(&s.tags, only) {
        return None;
    }
    let entries: Vec<Entry> = s.entries.iter().filter_map(|e| entry(e, only)).collect();
    if entries.is_empty() && !s.entries.is_empty() {
        return None;
    }
    Some(Section { entries, ..s.clone() })
}

/// Returns the entry with only its selected points and roles, if it is selected itself. A
/// group whose roles are all left out goes too.
fn entry(e: &Entry, only: &BTreeSet<&str>) -> Option<Entry> {
    match e {
        Entry::Item(item) => self::item(item, only).map(Entry::Item),
        Entry::Group(g) if selected(&g.tailoring.tags, only) => {
            let roles: Vec<Item> = g.roles.iter().filter_map(|r| self::item(r, only)).collect();
            let empty = roles.is_empty() && !g.roles.is_empty();
            (!empty).then(|| Entry::Group(super::Group { roles, ..g.clone() }))
        }
        Entry::Row(r) if selected(&r.tailoring.tags, only) => Some(e.clone()),
        Entry::Bullet(p) => point(p, only).map(Entry::Bullet),
        Entry::Paragraph(_) => Some(e.clone()),
        Entry::Group(_) | Entry::Row(_) => None,
    }
}

/// Returns the item with only its selected points, if it is selected.
fn item(item: &Item, only: &BTreeSet<&str>) -> Option<Item> {
    selected(&item.tailoring.tags, only)
        .then(|| Item { highlights: list(&item.highlights, only), ..item.clone() })
}

/// Returns the list with only its selected points.
fn list(l: &List, only: &BTreeSet<&str>) -> List {
    List { numbered: l.numbered, items: l.items.iter().filter_map(|p| point(p, only)).collect() }
}

/// Returns the point with only its selected sub-points, if it is selected.
fn point(p: &ListItem, only: &BTreeSet<&str>) -> Option<ListItem> {
    selected(&p.tailoring.tags, only).then(|| ListItem { children: list(&p.children, only), ..p.clone() })
}

/// Removes the notes of a section's entries and roles.
/// Whether an entry of the section has private notes ([`strip_notes`] would change it).
fn has_notes(s: &Section) -> bool {
    s.entries.iter().any(|e| match e {
        Entry::Item(item) => !item.tailoring.notes.is_empty(),
        Entry::Group(g) => {
            !g.tailoring.notes.is_empty() || g.roles.iter().any(|r| !r.tailoring.notes.is_empty())
        }
        Entry::Row(_) | Entry::Bullet(_) | Entry::Paragraph(_) => false,
    })
}

fn strip_notes(s: &mut Section) {
    for e in &mut s.entries {
        match e {
            Entry::Item(item) => item.tailoring.notes.clear(),
            Entry::Group(g) => {
                g.tailoring.notes.clear();
                g.roles.iter_mut().for_each(|r| r.tailoring.notes.clear());
            }
            Entry::Row(_) | Entry::Bullet(_) | Entry::Paragraph(_) => {}
        }
    }
}
