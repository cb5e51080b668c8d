//! Reading what tailors a profile to an application (`docs/tailoring.md`): the `tags:` of
//! sections, entries and points, the `priority:` and `notes:` of entries, a section's `id:`,
//! and the `variants:` map. Consumes the raw structs, produces the model's [`Tailoring`] and
//! [`Variant`]s; every bad value is an error at its line and column.

use std::collections::BTreeSet;

use serde_saphyr::Spanned;

use super::error::{ProfileError, Source};
use super::model::{Section, Tailoring};
use super::raw::{EntryMap, MapOnly, Plain, Priority, RawVariant, Tags, Variants};
use super::select::{Variant, tags_of};
use super::suggest;
use super::text::paragraphs;

/// Reads a `tags:` list: each tag trimmed, non-empty, without commas (the separator of
/// `--only a,b`) or spaces, and each kept once in the order written.
pub(crate) fn tags(src: &Source, raw: Option<&Tags>) -> Result<Vec<String>, ProfileError> {
    let Some(list) = raw else { return Ok(Vec::new()) };
    let mut tags: Vec<String> = Vec::new();
    for tag in &list.value.0 {
        let value = checked_tag(src, &tag.value.0, &tag.referenced)?;
        if !tags.contains(&value) {
            tags.push(value);
        }
    }
    Ok(tags)
}

/// Checks one tag and returns it trimmed.
fn checked_tag(src: &Source, tag: &str, at: &serde_saphyr::Location) -> Result<String, ProfileError> {
    let tag = tag.trim();
    let problem = if tag.is_empty() {
        Some("a tag cannot be empty".to_owned())
    } else if tag.contains(',') || tag.chars().any(char::is_whitespace) {
        Some(format!("a tag cannot contain a comma or a space (`{tag}`)"))
    } else {
        None
    };
    match problem {
        Some(message) => {
            Err(src.error(at, message).with_hint("write tags as single words, such as `tags: [backend, ml]`"))
        }
        None => Ok(tag.to_owned()),
    }
}

/// Reads an entry's `tags:`, `priority:` and `notes:` (the kind's keys were checked before).
pub(crate) fn entry(src: &Source, map: &EntryMap) -> Result<Tailoring, ProfileError> {
    Ok(Tailoring {
        tags: tags(src, map.tags.as_ref())?,
        priority: map.priority.as_ref().map(|p| p.value.0),
        notes: paragraphs(src, map.text("notes"))?,
    })
}

/// Reads a point's `tags:` and `priority:` (points carry no notes).
pub(crate) fn point(
    src: &Source,
    raw_tags: Option<&Tags>,
    priority: Option<&Spanned<Priority>>,
) -> Result<Tailoring, ProfileError> {
    Ok(Tailoring { tags: tags(src, raw_tags)?, priority: priority.map(|p| p.value.0), notes: Vec::new() })
}

/// Reads a section's `id:`: trimmed and non-empty.
pub(crate) fn section_id(src: &Source, raw: Option<&Plain>) -> Result<Option<String>, ProfileError> {
    let Some(id) = raw else { return Ok(None) };
    if id.value.trim().is_empty() {
        return Err(src
            .error(&id.referenced, "a section's `id` cannot be empty")
            .with_hint("write a short name, such as `id: work`, or leave `id:` out"));
    }
    Ok(Some(id.value.trim().to_owned()))
}

/// Reads the `variants:` map, checking each variant against the sections read before: its
/// tags must be carried by some section, entry or point, and its `sections:` must name
/// sections of the profile.
pub(crate) fn variants(
    src: &Source,
    raw: Option<Variants>,
    sections: &[Section],
) -> Result<Vec<Variant>, ProfileError> {
    let Some(Variants(raw)) = raw else { return Ok(Vec::new()) };
    let known = tags_of(sections);
    let mut variants: Vec<Variant> = Vec::new();
    for (name, MapOnly(variant)) in raw {
        let name_text = file_safe(src, &name, "variant name")?;
        if variants.iter().any(|v| v.name == name_text) {
            return Err(src.error(&name.referenced, format!("the variant `{name_text}` is defined twice")));
        }
        variants.push(variant_of(src, name_text, variant, sections, &known)?);
    }
    Ok(variants)
}

/// Converts one variant.
fn variant_of(
    src: &Source,
    name: String,
    raw: RawVariant,
    sections: &[Section],
    known: &BTreeSet<String>,
) -> Result<Variant, ProfileError> {
    let only = tags(src, raw.only.as_ref())?;
    if let Some(unknown) = raw.only.as_ref().and_then(|list| unknown_tag(list, known)) {
        return Err(src
            .error(
                &unknown.referenced,
                format!("no section, entry or point carries the tag `{}`", unknown.value.0),
            )
            .with_hint(tags_hint(known)));
    }
    let order = raw.sections.map(|list| list.0).unwrap_or_default();
    let order = order.iter().map(|s| section_ref(src, s, sections)).collect::<Result<_, _>>()?;
    Ok(Variant {
        name,
        only,
        layout_at: super::WrittenAt(raw.layout.as_ref().map(|l| src.locate(&l.referenced))),
        layout: raw.layout.map(|l| super::layout_path(l.value.trim(), src.files)),
        design: raw.design.map(|d| super::design(src, d)),
        pages: super::pages(src, raw.pages.as_ref())?,
        sections: order,
        output: raw.output.as_ref().map(|o| file_safe(src, o, "output name")).transpose()?,
    })
}

/// Returns the first tag of a list that nothing in the profile carries.
fn unknown_tag<'t>(list: &'t Tags, known: &BTreeSet<String>) -> Option<&'t Spanned<super::raw::Tag>> {
    list.value.0.iter().find(|t| !known.contains(t.value.0.trim()))
}

/// The hint listing the profile's tags, for a tag nothing carries.
pub(crate) fn tags_hint(known: &BTreeSet<String>) -> String {
    if known.is_empty() {
        return "the profile has no tags; add `tags: [name]` to sections, entries or points".into();
    }
    let names: Vec<String> = known.iter().map(|t| format!("`{t}`")).collect();
    format!("the profile's tags: {}", names.join(", "))
}

/// Resolves one name of a variant's `sections:` to the index of the section whose `id:` or
/// title (without markup, ignoring case) it is.
fn section_ref(
    src: &Source,
    raw: &Spanned<super::raw::SectionRef>,
    sections: &[Section],
) -> Result<usize, ProfileError> {
    let name = raw.value.0.trim();
    let found = sections.iter().position(|s| s.id.as_deref() == Some(name));
    let found =
        found.or_else(|| sections.iter().position(|s| s.title.to_plain().trim().eq_ignore_ascii_case(name)));
    found.ok_or_else(|| {
        let titles: Vec<String> =
            sections.iter().map(|s| s.id.clone().unwrap_or_else(|| s.title.to_plain())).collect();
        let titles: Vec<&str> = titles.iter().map(String::as_str).collect();
        // Titles are matched in the language being rendered; an id is the same in every one.
        let hint = format!(
            "{}; in a profile in several languages, name sections by their `id:`",
            suggest::hint(name, &titles)
        );
        src.error(&raw.referenced, format!("no section has the title or id `{name}`")).with_hint(hint)
    })
}

/// Checks a variant's name or output name: part of a file name, so non-empty, without path
/// separators or control characters, and not starting with a dot (no hidden files, no `..`).
fn file_safe(src: &Source, text: &Plain, what: &str) -> Result<String, ProfileError> {
    let value = text.value.trim();
    let bad = value.is_empty()
        || value.starts_with('.')
        || value.chars().any(|c| matches!(c, '/' | '\\' | ':') || c.is_control());
    if bad {
        return Err(src
            .error(&text.referenced, format!("`{value}` cannot be a {what}: it becomes part of a file name"))
            .with_hint("use letters, digits, `-` and `_`, such as `backend` or `jane-backend`"));
    }
    Ok(value.to_owned())
}
