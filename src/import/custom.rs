//! Keys outside JSON Resume's schema that still hold text a reader expects to see: a
//! `description` on any entry (the entry's summary), a list of strings under any other key of
//! an entry (its points), and a top-level list of entry-like maps (`presentations`, `patents`:
//! a section of its own). Each is printed and noted as an unknown key (so `--strict` still
//! lists it); keys whose meaning is not clear are noted and left out.

use super::Ctx;
use super::common::{put_dates, put_single, when};
use super::jsonresume::{entry, first, one_line, paragraphs, put_linked, section as section_out, texts};
use super::tree::{Key, Node, Value};
use super::yaml_out::{Map, Out};
use crate::profile::ProfileError;

/// Keys that give a custom entry its name.
const NAMES: &[&str] = &["name", "title"];

/// Keys that give a custom entry its venue, the first one found.
const VENUES: &[&str] = &[
    "venue",
    "event",
    "conference",
    "publisher",
    "organization",
    "issuer",
    "awarder",
    "institution",
    "company",
];

/// Keys that give a custom entry its summary.
const SUMMARIES: &[&str] = &["summary", "description", "abstract", "details"];

/// Keys that give a custom entry its link.
const URLS: &[&str] = &["url", "website", "link"];

/// Keys that give a custom entry its single date.
const DATES: &[&str] = &["date", "releaseDate"];

/// The other keys a custom entry reads.
const OTHERS: &[&str] = &["startDate", "endDate", "location", "highlights"];

/// Prints an entry's keys that `known` does not list when their meaning is clear: a
/// `description` joins the summary, a list of strings the points; anything else is noted and
/// left out. Call it after the entry's own fields are added.
pub(crate) fn absorb(ctx: &mut Ctx, m: &mut Map, node: &Node, known: &[&str], what: &str) {
    for (key, value) in node.entries().iter().filter(|(k, _)| !known.contains(&k.name.as_str())) {
        if key.name == "description" && value.text().is_some() {
            if let Some(text) = paragraphs(ctx, node, "description") {
                m.append("summary", text, "\n\n");
                ctx.unknown_kept(key, what, "the entry's summary");
            }
        } else if let Some(points) = strings(value) {
            m.extend_list("highlights", points.into_iter().map(Out::Text).collect());
            ctx.unknown_kept(key, what, "the entry's points");
        } else if value.value != Value::Null {
            ctx.unknown(key, value, what);
        }
    }
}

/// Returns the escaped lines of a non-empty list of strings (`None` for anything else).
fn strings(value: &Node) -> Option<Vec<String>> {
    let Value::List(items) = &value.value else { return None };
    let texts: Option<Vec<String>> = items.iter().map(Node::text).collect();
    let texts = texts.filter(|t| !t.is_empty())?;
    let lines = texts.iter().flat_map(|t| t.lines().map(one_line)).filter(|l| !l.is_empty());
    Some(lines.map(|l| super::markup::escape_plain(&l)).collect())
}

/// Whether a top-level value is a list holding at least one entry-like map (one with a name or
/// title), which becomes a section of its own.
pub(crate) fn is_section(value: &Node) -> bool {
    matches!(value.value, Value::List(_)) && value.items().iter().any(entry_like)
}

/// Whether a node is a map with a name or a title.
fn entry_like(node: &Node) -> bool {
    node.is_map() && NAMES.iter().any(|k| node.get(k).is_some())
}

/// Converts a top-level key outside the schema into a section when it holds entry-like maps;
/// `None` otherwise (the caller has noted the key).
///
/// # Errors
///
/// An end date before its start.
pub(crate) fn section(ctx: &mut Ctx, key: &Key, value: &Node) -> Result<Option<Out>, ProfileError> {
    if !is_section(value) {
        return Ok(None);
    }
    let what = format!("a `{}` entry", key.name);
    let mut entries = Vec::new();
    for item in value.items() {
        if entry_like(item) {
            entries.extend(custom_entry(ctx, item, &what)?);
        } else if let Some(text) = item.text() {
            entries.push(Out::Text(super::markup::escape_plain(&one_line(&text))));
        } else {
            ctx.wrong_shape(item, &format!("a map with `name` or `title` in `{}`", key.name));
        }
    }
    let title = title(&key.name);
    ctx.unknown_kept(key, "the résumé", &format!("a section \"{title}\""));
    Ok((!entries.is_empty()).then(|| section_out(&title, entries)))
}

/// Builds an entry from the keys any entry-like map tends to have.
fn custom_entry(ctx: &mut Ctx, node: &Node, what: &str) -> Result<Option<Out>, ProfileError> {
    let mut m = Map::new();
    m.put("kind", Out::Text("project".into()));
    put_linked(ctx, &mut m, "name", node, NAMES, URLS);
    if let Some(venue) = first(node, VENUES).and_then(Node::text) {
        m.put("venue", Out::Text(super::markup::escape_plain(&one_line(&venue))));
    }
    if let Some(place) = node.text_of("location") {
        m.put("location", Out::Text(super::markup::escape_plain(&one_line(&place))));
    }
    match first(node, DATES) {
        Some(date) => {
            if let Some(w) = when(ctx, date) {
                put_single(&mut m, w);
            }
        }
        None => put_dates(ctx, &mut m, node.get("startDate"), node.get("endDate"))?,
    }
    if let Some(key) = SUMMARIES.iter().find(|k| node.get(k).is_some()) {
        m.text("summary", paragraphs(ctx, node, key));
    }
    // Only the first key of each group is read; the others go through `absorb` below.
    let used: Vec<&str> = [
        NAMES.iter().find(|k| node.get(k).is_some()),
        VENUES.iter().find(|k| node.get(k).is_some()),
        SUMMARIES.iter().find(|k| node.get(k).is_some()),
        URLS.iter().find(|k| node.get(k).is_some()),
        DATES.iter().find(|k| node.get(k).is_some()),
    ]
    .into_iter()
    .flatten()
    .copied()
    .chain(OTHERS.iter().copied())
    .collect();
    m.list("highlights", texts(ctx, node, "highlights").into_iter().map(Out::Text).collect());
    absorb(ctx, &mut m, node, &used, what);
    Ok(entry(m))
}

/// Returns a section title from a key: `camelCase` and `snake_case` become capitalised words
/// ("openSource" → "Open Source").
fn title(key: &str) -> String {
    let mut words = String::new();
    let mut before: Option<char> = None;
    for c in key.chars() {
        match c {
            '_' | '-' => words.push(' '),
            c if c.is_uppercase() && before.is_some_and(char::is_lowercase) => {
                words.push(' ');
                words.push(c);
            }
            c => words.push(c),
        }
        before = Some(c);
    }
    let capitalised = words.split_whitespace().map(|w| {
        let mut chars = w.chars();
        chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    });
    capitalised.collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_keys() {
        assert_eq!(title("presentations"), "Presentations");
        assert_eq!(title("openSource"), "Open Source");
        assert_eq!(title("side_projects"), "Side Projects");
        assert_eq!(title("étudesXML"), "Études XML");
    }
}
