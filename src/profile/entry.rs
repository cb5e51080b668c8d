//! Sections and entries: each entry's kind stated or inferred from its keys, keys checked against
//! the kind, and the entry mapped onto the model.
//!
//! Mapping onto [`Item`]: experience puts `position` in the title and `organization` in the
//! subtitle; education puts `degree, area` in the title, `institution` in the subtitle and
//! `score` in `about` (education has no `about` of its own, and every layout prints `about` as a
//! line under the heading, which is where "GPA 3.9/4.0" belongs); projects, talks, publications
//! and awards put `name` in the title, `venue` in the subtitle and `url` on the title.

use serde_saphyr::{Location, Spanned};

use super::dates::entry_dates;
use super::error::{ProfileError, Source};
use super::markup::check_link;
use super::model::{Entry, Group, Item, ItemKind, List, ListItem, Rich, Row, Section};
use super::raw::{
    EntryMap, ListOf, MapOnly, Node, POINT_KEYS, RawEntry, RawPoint, RawSection, TEXT_KEYS, Text,
};
use super::suggest;
use super::tailor;
use super::text::{node_rich, opt_rich, paragraphs, rich};

/// The kinds of entry a profile can state with `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Experience,
    Roles,
    Education,
    Project,
    Talk,
    Publication,
    Award,
    Row,
    Bullet,
    Paragraph,
}

/// Every kind by its name in `kind:`.
const KINDS: [(&str, Kind); 10] = [
    ("experience", Kind::Experience),
    ("roles", Kind::Roles),
    ("education", Kind::Education),
    ("project", Kind::Project),
    ("talk", Kind::Talk),
    ("publication", Kind::Publication),
    ("award", Kind::Award),
    ("row", Kind::Row),
    ("bullet", Kind::Bullet),
    ("paragraph", Kind::Paragraph),
];

/// The keys that give an entry's kind away, in the order they are tried.
const IDENTIFYING: [(&str, Kind); 8] = [
    ("roles", Kind::Roles),
    ("position", Kind::Experience),
    ("institution", Kind::Education),
    ("degree", Kind::Education),
    ("name", Kind::Project),
    ("label", Kind::Row),
    ("bullet", Kind::Bullet),
    ("text", Kind::Paragraph),
];

/// Keys that are not text (the text ones are in [`TEXT_KEYS`]).
const STRUCTURED_KEYS: [&str; 5] = ["highlights", "numbered", "roles", "tags", "priority"];

impl Kind {
    /// Returns the name used in `kind:` and in messages.
    fn name(self) -> &'static str {
        KINDS.iter().find(|(_, k)| *k == self).map_or("entry", |(name, _)| name)
    }

    /// Returns the keys an entry of this kind may have besides `kind`.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Experience => &[
                "position",
                "organization",
                "about",
                "location",
                "start",
                "end",
                "date",
                "summary",
                "highlights",
                "numbered",
                "footer",
                "tags",
                "priority",
                "notes",
            ],
            Kind::Roles => &[
                "organization",
                "about",
                "location",
                "start",
                "end",
                "date",
                "summary",
                "roles",
                "footer",
                "tags",
                "priority",
                "notes",
            ],
            Kind::Education => &[
                "degree",
                "area",
                "institution",
                "score",
                "location",
                "start",
                "end",
                "date",
                "summary",
                "highlights",
                "numbered",
                "footer",
                "tags",
                "priority",
                "notes",
            ],
            Kind::Project | Kind::Talk | Kind::Publication | Kind::Award => &[
                "name",
                "url",
                "venue",
                "location",
                "start",
                "end",
                "date",
                "summary",
                "highlights",
                "numbered",
                "footer",
                "tags",
                "priority",
                "notes",
            ],
            Kind::Row => &["label", "details", "tags", "priority"],
            Kind::Bullet => &["bullet", "highlights", "numbered", "tags", "priority"],
            Kind::Paragraph => &["text"],
        }
    }

    /// Returns the model's item kind, for kinds that become an [`Item`].
    fn item_kind(self) -> ItemKind {
        match self {
            Kind::Education => ItemKind::Education,
            Kind::Project => ItemKind::Project,
            Kind::Talk => ItemKind::Talk,
            Kind::Publication => ItemKind::Publication,
            Kind::Award => ItemKind::Award,
            _ => ItemKind::Experience,
        }
    }

    /// Names an entry of this kind with its article: "an experience entry".
    fn entry(self) -> String {
        let article =
            if matches!(self, Kind::Experience | Kind::Education | Kind::Award) { "an" } else { "a" };
        format!("{article} {} entry", self.name())
    }
}

/// Converts the sections, in order.
pub(crate) fn sections(src: &Source, raw: &[MapOnly<RawSection>]) -> Result<Vec<Section>, ProfileError> {
    check_entry_count(src, raw)?;
    raw.iter().map(|MapOnly(section)| convert_section(src, section)).collect()
}

/// Refuses a profile with more entries than [`crate::limits::MAX_ENTRIES`], before any is
/// converted, pointing at the first entry past the limit.
fn check_entry_count(src: &Source, raw: &[MapOnly<RawSection>]) -> Result<(), ProfileError> {
    let limit = crate::limits::MAX_ENTRIES;
    let mut entries = raw.iter().flat_map(|MapOnly(section)| section.entries.0.iter());
    let Some(first_over) = entries.nth(limit) else { return Ok(()) };
    Err(src
        .error(&first_over.referenced, format!("the profile has more than {limit} entries"))
        .with_hint("a long CV has a few hundred; is this the right file?"))
}

/// Converts one section.
fn convert_section(src: &Source, raw: &RawSection) -> Result<Section, ProfileError> {
    let title = rich(src, &raw.title)?;
    let intro = raw.intro.as_ref().map(|text| rich(src, text)).transpose()?;
    let mut entries = Vec::new();
    for entry in &raw.entries.0 {
        entries.extend(convert_entry(src, entry)?);
    }
    let id = tailor::section_id(src, raw.id.as_ref())?;
    Ok(Section { title, intro, entries, id, tags: tailor::tags(src, raw.tags.as_ref())? })
}

/// Converts one entry; a paragraph entry with several paragraphs becomes several entries.
fn convert_entry(src: &Source, raw: &Spanned<RawEntry>) -> Result<Vec<Entry>, ProfileError> {
    let Node::Map(map) = &raw.value else {
        return Ok(vec![Entry::Bullet(text_point(src, raw)?)]);
    };
    let kind = judge(src, map, &raw.referenced)?;
    let entry = match kind {
        Kind::Roles => Entry::Group(group(src, map, &raw.referenced)?),
        Kind::Row => Entry::Row(row(src, map, &raw.referenced)?),
        Kind::Bullet => Entry::Bullet(bullet(src, map, &raw.referenced)?),
        Kind::Paragraph => return paragraph(src, map, &raw.referenced),
        _ => Entry::Item(item(src, map, kind)?),
    };
    Ok(vec![entry])
}

/// Decides an entry's kind and checks that every key belongs to it.
fn judge(src: &Source, map: &EntryMap, at: &Location) -> Result<Kind, ProfileError> {
    if let Some(key) = map.keys.iter().find(|k| !is_entry_key(&k.value)) {
        let all: Vec<&str> = TEXT_KEYS.iter().chain(&STRUCTURED_KEYS).copied().collect();
        return Err(src
            .error(&key.referenced, format!("unknown key `{}`", key.value))
            .with_hint(suggest::hint(&key.value, &all)));
    }
    let kind = match map.text("kind") {
        Some(stated) => stated_kind(src, stated)?,
        None => inferred_kind(src, map, at)?,
    };
    if let Some(key) = map.keys.iter().find(|k| k.value != "kind" && !kind.keys().contains(&k.value.as_str()))
    {
        let message = format!("`{}` does not belong in {}", key.value, kind.entry());
        let hint = format!("{} takes {}", kind.entry(), suggest::list(kind.keys()));
        return Err(src.error(&key.referenced, message).with_hint(hint));
    }
    Ok(kind)
}

/// Whether a key is known in some kind of entry.
fn is_entry_key(key: &str) -> bool {
    TEXT_KEYS.contains(&key) || STRUCTURED_KEYS.contains(&key)
}

/// Reads `kind:`.
fn stated_kind(src: &Source, stated: &Text) -> Result<Kind, ProfileError> {
    let name = stated.value.trim().to_lowercase();
    if let Some((_, kind)) = KINDS.iter().find(|(n, _)| *n == name) {
        return Ok(*kind);
    }
    let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
    let error = src.error(&stated.referenced, format!("unknown entry kind `{}`", stated.value.trim()));
    Err(error.with_hint(suggest::hint(&name, &names)))
}

/// Infers the kind from the first identifying key present.
fn inferred_kind(src: &Source, map: &EntryMap, at: &Location) -> Result<Kind, ProfileError> {
    let has = |key: &str| map.keys.iter().any(|k| k.value == key);
    if let Some((_, kind)) = IDENTIFYING.iter().find(|(key, _)| has(key)) {
        return Ok(*kind);
    }
    let keys: Vec<&str> = IDENTIFYING.iter().map(|(k, _)| *k).collect();
    let hint = format!("give it one of {}, or state its `kind:`", suggest::list(&keys));
    Err(src.error(at, "cannot tell what kind of entry this is").with_hint(hint))
}

/// Returns a key's text or the error that it is missing.
fn required<'m>(
    src: &Source,
    map: &'m EntryMap,
    kind: Kind,
    key: &str,
    at: &Location,
) -> Result<&'m Text, ProfileError> {
    map.text(key).ok_or_else(|| src.error(at, format!("{} needs `{key}`", kind.entry())))
}

/// Converts an experience, education, project, talk, publication or award entry.
fn item(src: &Source, map: &EntryMap, kind: Kind) -> Result<Item, ProfileError> {
    let field = |key| opt_rich(src, map.text(key));
    let (title, subtitle, about) = match kind {
        Kind::Experience => (field("position")?, field("organization")?, field("about")?),
        Kind::Education => (degree(src, map)?, field("institution")?, field("score")?),
        _ => (field("name")?, field("venue")?, None),
    };
    Ok(Item {
        kind: kind.item_kind(),
        title,
        subtitle,
        about,
        location: field("location")?,
        dates: entry_dates(src, map.text("start"), map.text("end"), map.text("date"))?,
        url: url(src, map.text("url"))?,
        summary: paragraphs(src, map.text("summary"))?,
        highlights: list(src, map.highlights.as_ref(), map.numbered, false)?,
        footer: paragraphs(src, map.text("footer"))?,
        tailoring: tailor::entry(src, map)?,
    })
}

/// Builds an education title: the degree and the area, joined by ", " when both are given.
fn degree(src: &Source, map: &EntryMap) -> Result<Option<Rich>, ProfileError> {
    let degree = opt_rich(src, map.text("degree"))?;
    let area = opt_rich(src, map.text("area"))?;
    Ok(match (degree, area) {
        (Some(degree), Some(area)) => Some(join([degree, Rich::plain(", "), area])),
        (degree, area) => degree.or(area),
    })
}

/// Concatenates rich texts, merging neighbouring spans of the same style and link.
fn join(parts: impl IntoIterator<Item = Rich>) -> Rich {
    let mut joined = Rich::default();
    for span in parts.into_iter().flat_map(|p| p.spans) {
        match joined.spans.last_mut() {
            Some(last) if last.style == span.style && last.link == span.link => {
                last.text.push_str(&span.text)
            }
            _ => joined.spans.push(span),
        }
    }
    joined
}

/// Checks a `url:` value.
fn url(src: &Source, url: Option<&Text>) -> Result<Option<String>, ProfileError> {
    let Some(url) = url else { return Ok(None) };
    check_link(&url.value)
        .map(Some)
        .map_err(|(message, hint)| src.error(&url.referenced, message).with_hint(hint))
}

/// Converts a roles entry.
fn group(src: &Source, map: &EntryMap, at: &Location) -> Result<Group, ProfileError> {
    let organization = rich(src, required(src, map, Kind::Roles, "organization", at)?)?;
    let Some(ListOf(raw_roles)) = &map.roles else {
        return Err(src.error(at, "a roles entry needs `roles`").with_hint("list the roles under `roles:`"));
    };
    Ok(Group {
        organization,
        about: opt_rich(src, map.text("about"))?,
        location: opt_rich(src, map.text("location"))?,
        dates: entry_dates(src, map.text("start"), map.text("end"), map.text("date"))?,
        summary: paragraphs(src, map.text("summary"))?,
        roles: raw_roles.iter().map(|r| role(src, r)).collect::<Result<_, _>>()?,
        footer: paragraphs(src, map.text("footer"))?,
        tailoring: tailor::entry(src, map)?,
    })
}

/// Converts one role of a roles entry, which must be an experience entry.
fn role(src: &Source, raw: &Spanned<RawEntry>) -> Result<Item, ProfileError> {
    let hint = "give each role a `position:`, as in `- position: Staff Engineer`";
    let Node::Map(map) = &raw.value else {
        return Err(src.error(&raw.referenced, "a role must be a map, not text").with_hint(hint));
    };
    match judge(src, map, &raw.referenced) {
        Ok(Kind::Experience) => item(src, map, Kind::Experience),
        Ok(kind) => Err(src
            .error(&raw.referenced, format!("a role must be an experience entry, not {}", kind.entry()))
            .with_hint(hint)),
        Err(error) => Err(error),
    }
}

/// Converts a row entry.
fn row(src: &Source, map: &EntryMap, at: &Location) -> Result<Row, ProfileError> {
    let label = rich(src, required(src, map, Kind::Row, "label", at)?)?;
    let details = rich(src, required(src, map, Kind::Row, "details", at)?)?;
    Ok(Row { label, details, tailoring: tailor::entry(src, map)? })
}

/// Converts a bullet entry written as a map.
fn bullet(src: &Source, map: &EntryMap, at: &Location) -> Result<ListItem, ProfileError> {
    let text = rich(src, required(src, map, Kind::Bullet, "bullet", at)?)?;
    let children = list(src, map.highlights.as_ref(), map.numbered, true)?;
    Ok(ListItem { text, children, tailoring: tailor::entry(src, map)? })
}

/// Converts a paragraph entry: one entry per paragraph.
fn paragraph(src: &Source, map: &EntryMap, at: &Location) -> Result<Vec<Entry>, ProfileError> {
    let text = required(src, map, Kind::Paragraph, "text", at)?;
    Ok(paragraphs(src, Some(text))?.into_iter().map(Entry::Paragraph).collect())
}

/// Converts a list of points; `nested` says whether the points are already one level down.
fn list(
    src: &Source,
    points: Option<&ListOf<Spanned<RawPoint>>>,
    numbered: Option<bool>,
    nested: bool,
) -> Result<List, ProfileError> {
    let items = points
        .map_or(Ok(Vec::new()), |ListOf(points)| points.iter().map(|p| point(src, p, nested)).collect())?;
    Ok(List { numbered: numbered.unwrap_or(false), items })
}

/// Converts one point: a string, or a map with its own points one level down.
fn point(src: &Source, raw: &Spanned<RawPoint>, nested: bool) -> Result<ListItem, ProfileError> {
    let Node::Map(map) = &raw.value else { return text_point(src, raw) };
    if let Some((key, _)) = map.others.first() {
        let error = src.error(&key.referenced, format!("unknown key `{}`", key.value));
        return Err(error.with_hint(suggest::hint(&key.value, POINT_KEYS)));
    }
    let Some(text) = &map.text else {
        return Err(src.error(&raw.referenced, "missing required key `text`"));
    };
    if nested && map.highlights.is_some() {
        let error = src.error(&raw.referenced, "points nest only one level deep");
        return Err(error.with_hint("move these points up a level, or fold them into the text"));
    }
    Ok(ListItem {
        text: rich(src, text)?,
        children: list(src, map.highlights.as_ref(), map.numbered, true)?,
        tailoring: tailor::point(src, map.tags.as_ref(), map.priority.as_ref())?,
    })
}

/// Converts a point or bullet written as plain text.
fn text_point<M>(src: &Source, raw: &Spanned<Node<M>>) -> Result<ListItem, ProfileError> {
    let text = node_rich(src, raw).transpose()?.unwrap_or_default();
    Ok(ListItem { text, ..ListItem::default() })
}
