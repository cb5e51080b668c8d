//! JSON Resume (schema v1.0.0, the newer variant with `work[].location` as an object, and the
//! older keys `company`, `website`, `picture`, `gpa`) into a vitae profile.
//!
//! JSON Resume strings are plain text, so every one is escaped and prints as written. URLs
//! become links on the name they belong to (a company, a project, a school); the mapping of
//! each key is listed in `docs/formats.md`.

use super::Ctx;
use super::common::{
    contact, contact_ok, document_locale, language_tag, put_dates, put_single, web_address, when,
};
use super::custom;
use super::markup::{escape_plain, link};
use super::tree::{Node, Value};
use super::yaml_out::{Map, Out};
use crate::profile::ProfileError;

mod basics;
mod entries;

use basics::{basics_into, location, meta_language, metadata_notes, updated_into};
use entries::{
    award, certificate, education, interest, language, project, publication, reference, row, skill,
    volunteer, work,
};

pub(super) use basics::contacts;
pub(super) use entries::{entry, put_linked, row_or_bullet, score, url};

/// The top-level keys of a JSON Resume document.
const TOP: &[&str] = &[
    "$schema",
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
];

/// The keys of `basics` (`picture` and `website` from the old schema).
const BASICS: &[&str] = &[
    "name", "label", "image", "picture", "email", "phone", "url", "website", "summary", "location",
    "profiles",
];

/// The keys of a location object.
const LOCATION: &[&str] = &["address", "postalCode", "city", "countryCode", "region"];

/// The keys of a profile in `basics.profiles`.
const PROFILE: &[&str] = &["network", "username", "url"];

/// The keys of a `work` entry (`company` and `website` from the old schema).
const WORK: &[&str] = &[
    "name",
    "company",
    "location",
    "description",
    "position",
    "url",
    "website",
    "startDate",
    "endDate",
    "summary",
    "highlights",
];

/// The keys of a `volunteer` entry.
const VOLUNTEER: &[&str] =
    &["organization", "position", "url", "website", "startDate", "endDate", "summary", "highlights"];

/// The keys of an `education` entry (`gpa` from the old schema).
/// `location` is not in the schema's education entry, but themes and files use it with the
/// meaning it has on a work entry, so it is read the same way.
const EDUCATION: &[&str] = &[
    "institution",
    "url",
    "area",
    "studyType",
    "startDate",
    "endDate",
    "score",
    "gpa",
    "courses",
    "location",
];

/// Converts a JSON Resume document into a profile map.
///
/// # Errors
///
/// A document that is not a map, an impossible date, or an end before its start.
pub(crate) fn convert(ctx: &mut Ctx, doc: &Node) -> Result<Map, ProfileError> {
    if !doc.is_map() {
        return Err(ctx
            .error(doc, "expected a JSON Resume document: a map with `basics`, `work`, …")
            .with_hint("see https://jsonresume.org/schema"));
    }
    for (key, value) in doc.entries() {
        if !TOP.contains(&key.name.as_str()) && !custom::is_section(value) {
            ctx.unknown(key, value, "the résumé");
        }
    }
    let mut root = Map::new();
    let mut fallback = Vec::new();
    if let Some(basics) = doc.get("basics") {
        basics_into(ctx, &mut root, basics, &mut fallback);
    }
    if let Some(updated) = doc.get("meta").and_then(|m| m.get("lastModified")) {
        updated_into(ctx, &mut root, updated);
    }
    let lang = meta_language(ctx, doc);
    if let Some(lang) = &lang {
        root.put("lang", Out::Text(lang.clone()));
    }
    let locale = document_locale(lang.as_deref(), doc);
    metadata_notes(ctx, doc);
    let mut sections = Vec::new();
    if !fallback.is_empty() {
        sections.push(section(&locale.titles.contact, fallback));
    }
    for key in ORDER {
        let title = |title_key: &str| locale.titles.get(title_key).unwrap_or(title_key).to_owned();
        if let Some(s) = doc.get(key).map(|v| convert_section(ctx, key, v, &title)).transpose()?.flatten() {
            sections.push(s);
        }
    }
    for (key, value) in doc.entries().iter().filter(|(k, _)| !TOP.contains(&k.name.as_str())) {
        sections.extend(custom::section(ctx, key, value)?);
    }
    root.list("sections", sections);
    Ok(root)
}

/// The sections in the order JSON Resume's themes print them, whatever the file's order.
const ORDER: [&str; 11] = [
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
];

/// Skills with only a name, at least this many, print as one comma-separated paragraph: a
/// column of one-word bullets takes a page for a line's worth of text, while one or two read
/// well as bullets.
const COMPACT_SKILLS: usize = 3;

/// Converts one top-level list into a section, if it is one and has entries; `title` gives the
/// section's title in the document's language from a key of the locale's titles.
fn convert_section(
    ctx: &mut Ctx,
    key: &str,
    value: &Node,
    title: &dyn Fn(&str) -> String,
) -> Result<Option<Out>, ProfileError> {
    let (title_key, convert): (&str, EntryFn) = match key {
        "work" => ("experience", work),
        "volunteer" => ("volunteering", volunteer),
        "education" => ("education", education),
        "awards" => ("awards", award),
        "certificates" => ("certificates", certificate),
        "publications" => ("publications", publication),
        "skills" => ("skills", skill),
        "languages" => ("languages", language),
        "interests" => ("interests", interest),
        "references" => ("references", reference),
        "projects" => ("projects", project),
        _ => return Ok(None),
    };
    let title = title(title_key);
    let mut entries = Vec::new();
    // Skills with only a name, and where the first of them was.
    let (mut names, mut names_at) = (Vec::new(), 0);
    for item in value.items() {
        if !item.is_map() {
            ctx.wrong_shape(item, &format!("a map in `{key}`"));
            continue;
        }
        if key == "skills" && only_a_name(item) {
            names_at = if names.is_empty() { entries.len() } else { names_at };
            names.extend(text(ctx, item, "name"));
            continue;
        }
        entries.extend(convert(ctx, item)?);
    }
    let names: Vec<Out> = if names.len() >= COMPACT_SKILLS {
        let mut m = Map::new();
        m.put("text", Out::Text(names.join(", ")));
        vec![Out::Map(m)]
    } else {
        names.into_iter().map(Out::Text).collect()
    };
    entries.splice(names_at..names_at, names);
    Ok((!entries.is_empty()).then(|| section(&title, entries)))
}

/// Whether a skill has a name and nothing else (no keywords, no level, no other key).
fn only_a_name(node: &Node) -> bool {
    let empty = |(k, v): &(super::tree::Key, Node)| {
        k.name == "name"
            || v.value == Value::Null
            || v.items().iter().all(|i| i.text().is_none() && !i.is_map())
    };
    node.text_of("name").is_some() && node.entries().iter().all(empty)
}

/// A function converting one entry of a section.
type EntryFn = fn(&mut Ctx, &Node) -> Result<Option<Out>, ProfileError>;

/// Builds a section.
pub(super) fn section(title: &str, entries: Vec<Out>) -> Out {
    let mut m = Map::new();
    m.put("title", Out::Text(title.to_owned()));
    m.put("entries", Out::List(entries));
    Out::Map(m)
}

/// Returns a key's text on one line, runs of spaces and line breaks collapsed, escaped; notes
/// values of the wrong shape.
pub(super) fn text(ctx: &mut Ctx, node: &Node, key: &str) -> Option<String> {
    let value = node.get(key)?;
    match value.text() {
        Some(t) => Some(escape_plain(&one_line(&t))),
        None => {
            if !matches!(value.value, Value::Text(_)) {
                ctx.wrong_shape(value, &format!("text in `{key}`"));
            }
            None
        }
    }
}

/// Returns a key's text with each line a paragraph (a line break in a JSON string is meant as
/// one), spaces collapsed, escaped.
pub(super) fn paragraphs(ctx: &mut Ctx, node: &Node, key: &str) -> Option<String> {
    let value = node.get(key)?;
    let Some(t) = value.text() else {
        if !matches!(value.value, Value::Text(_)) {
            ctx.wrong_shape(value, &format!("text in `{key}`"));
        }
        return None;
    };
    Some(lines(&t).iter().map(|l| escape_plain(l)).collect::<Vec<_>>().join("\n\n"))
}

/// Returns text on one line: line breaks and runs of spaces made one space (other white space,
/// such as a tab, is left to the layout).
pub(super) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = if matches!(c, '\n' | '\r') { ' ' } else { c };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Returns the non-empty lines of a text, each on one line.
fn lines(text: &str) -> Vec<String> {
    text.lines().map(one_line).filter(|l| !l.is_empty()).collect()
}

/// Returns the escaped text items of a key's list (an item with line breaks gives one item per
/// line), noting items that are not text.
pub(super) fn texts(ctx: &mut Ctx, node: &Node, key: &str) -> Vec<String> {
    let Some(list) = node.get(key) else { return Vec::new() };
    let mut out = Vec::new();
    for item in list.items() {
        match item.text() {
            Some(t) => out.extend(lines(&t).iter().map(|l| escape_plain(l))),
            None if item.is_map() || matches!(item.value, Value::List(_)) => {
                ctx.wrong_shape(item, &format!("text in `{key}`"))
            }
            None => {}
        }
    }
    out
}

/// Returns the first of several keys that has a value.
pub(super) fn first<'n>(node: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| node.get(k))
}
