//! JSON Resume (schema v1.0.0, the newer variant with `work[].location` as an object, and the
//! older keys `company`, `website`, `picture`, `gpa`) into a vitae profile.
//!
//! JSON Resume strings are plain text, so every one is escaped and prints as written. URLs
//! become links on the name they belong to (a company, a project, a school); the mapping of
//! each key is listed in `docs/formats.md`.

use super::Ctx;
use super::common::{contact, contact_ok, put_dates, put_single, when};
use super::inline::{escape_plain, link, normalize_url};
use super::tree::{Node, Value};
use super::yaml_out::{Map, Out};
use crate::profile::ProfileError;

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
const EDUCATION: &[&str] =
    &["institution", "url", "area", "studyType", "startDate", "endDate", "score", "gpa", "courses"];

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
    ctx.check_keys(doc, TOP, "the résumé");
    let mut root = Map::new();
    let mut fallback = Vec::new();
    if let Some(basics) = doc.get("basics") {
        basics_into(ctx, &mut root, basics, &mut fallback);
    }
    if let Some(updated) = doc.get("meta").and_then(|m| m.get("lastModified")) {
        updated_into(ctx, &mut root, updated);
    }
    let mut sections = Vec::new();
    if !fallback.is_empty() {
        sections.push(section("Contact", fallback));
    }
    for (key, value) in doc.entries() {
        if let Some(s) = convert_section(ctx, &key.name, value)? {
            sections.push(s);
        }
    }
    root.list("sections", sections);
    Ok(root)
}

/// Converts one top-level list into a section, if it is one and has entries.
fn convert_section(ctx: &mut Ctx, key: &str, value: &Node) -> Result<Option<Out>, ProfileError> {
    let (title, convert): (&str, EntryFn) = match key {
        "work" => ("Experience", work),
        "volunteer" => ("Volunteering", volunteer),
        "education" => ("Education", education),
        "awards" => ("Awards", award),
        "certificates" => ("Certificates", certificate),
        "publications" => ("Publications", publication),
        "skills" => ("Skills", skill),
        "languages" => ("Languages", language),
        "interests" => ("Interests", interest),
        "references" => ("References", reference),
        "projects" => ("Projects", project),
        _ => return Ok(None),
    };
    let mut entries = Vec::new();
    for item in value.items() {
        if !item.is_map() {
            ctx.wrong_shape(item, &format!("a map in `{key}`"));
            continue;
        }
        entries.extend(convert(ctx, item)?);
    }
    Ok((!entries.is_empty()).then(|| section(title, entries)))
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

/// Returns a key's text escaped, noting values of the wrong shape.
pub(super) fn text(ctx: &mut Ctx, node: &Node, key: &str) -> Option<String> {
    let value = node.get(key)?;
    match value.text() {
        Some(t) => Some(escape_plain(&t)),
        None => {
            if !matches!(value.value, Value::Text(_)) {
                ctx.wrong_shape(value, &format!("text in `{key}`"));
            }
            None
        }
    }
}

/// Returns the escaped text items of a key's list, noting items that are not text.
pub(super) fn texts(ctx: &mut Ctx, node: &Node, key: &str) -> Vec<String> {
    let Some(list) = node.get(key) else { return Vec::new() };
    let mut out = Vec::new();
    for item in list.items() {
        match item.text() {
            Some(t) => out.push(escape_plain(&t)),
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

// ---------------------------------------------------------------------------------------------
// basics
// ---------------------------------------------------------------------------------------------

/// Converts `basics`: name, headline, location, contacts, summary and photo. Contacts vitae
/// cannot represent go to `fallback` as rows.
fn basics_into(ctx: &mut Ctx, root: &mut Map, basics: &Node, fallback: &mut Vec<Out>) {
    ctx.check_keys(basics, BASICS, "`basics`");
    root.text("name", text(ctx, basics, "name"));
    root.text("headline", text(ctx, basics, "label"));
    root.text("location", basics.get("location").and_then(|l| location(ctx, l)));
    let mut contacts = Vec::new();
    if let Some(email) = basics.text_of("email") {
        address(&mut contacts, fallback, "email", &email, "E-mail");
    }
    if let Some(phone) = basics.text_of("phone") {
        address(&mut contacts, fallback, "phone", &phone, "Phone");
    }
    if let Some(url) = first(basics, &["url", "website"]).and_then(Node::text) {
        let url = normalize_url(&url).unwrap_or(url);
        address(&mut contacts, fallback, "url", &url, "Website");
    }
    for p in basics.get("profiles").map_or(&[][..], Node::items) {
        if p.is_map() {
            ctx.check_keys(p, PROFILE, "a profile in `basics.profiles`");
            network(&mut contacts, fallback, p);
        } else {
            ctx.wrong_shape(p, "a map with `network`, `username` and `url`");
        }
    }
    root.list("contacts", contacts);
    root.text("summary", text(ctx, basics, "summary"));
    if let Some(image) = first(basics, &["image", "picture"])
        && let Some(path) = image.text().and_then(|t| ctx.photo(image, &t))
    {
        root.put("photo", Out::Text(path));
    }
}

/// Adds a contact when vitae accepts it, else a row in the fallback section.
pub(super) fn address(contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, key: &str, value: &str, label: &str) {
    if contact_ok(key, value) {
        contacts.push(contact(key, value, None));
    } else {
        fallback.push(row(label, &escape_plain(value)));
    }
}

/// Adds a network profile: a GitHub, GitLab, LinkedIn, X/Twitter, Mastodon or Stack Overflow
/// handle (or its URL), else a web address labelled with the network's name.
pub(super) fn network(contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, p: &Node) {
    let name = p.text_of("network");
    let user = p.text_of("username");
    let url = p.text_of("url");
    if let Some(key) = name.as_deref().and_then(network_key) {
        let candidates = [user.as_deref(), url.as_deref()];
        if let Some(value) = candidates.into_iter().flatten().find(|v| contact_ok(key, v)) {
            contacts.push(contact(key, value, None));
            return;
        }
    }
    let shown = user.clone().or_else(|| url.as_deref().map(without_scheme));
    let label = match (&name, &shown) {
        (Some(n), Some(s)) => Some(format!("{n}: {s}")),
        (n, s) => n.clone().or_else(|| s.clone()),
    };
    match url.as_deref().and_then(normalize_url).filter(|u| contact_ok("url", u)) {
        Some(u) => contacts.push(contact("url", &u, label)),
        None if label.is_some() => {
            let details = user.or(url).unwrap_or_default();
            fallback.push(row(name.as_deref().unwrap_or("Profile"), &escape_plain(&details)));
        }
        None => {}
    }
}

/// Returns the contact key of a well-known network.
fn network_key(network: &str) -> Option<&'static str> {
    let name: String = network.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match name.as_str() {
        "github" => "github",
        "gitlab" => "gitlab",
        "linkedin" => "linkedin",
        "twitter" | "x" => "twitter",
        "mastodon" => "mastodon",
        "stackoverflow" => "stackoverflow",
        _ => return None,
    })
}

/// Returns a URL without `https://` and a trailing slash.
fn without_scheme(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.trim_end_matches('/').to_owned()
}

/// Writes a location (text, or an object of address parts) as one line:
/// "address, city, region postalCode, countryCode".
fn location(ctx: &mut Ctx, node: &Node) -> Option<String> {
    if !node.is_map() {
        return node.text().map(|t| escape_plain(&t));
    }
    ctx.check_keys(node, LOCATION, "a location");
    let region = [node.text_of("region"), node.text_of("postalCode")].into_iter().flatten();
    let region = region.collect::<Vec<_>>().join(" ");
    let parts = [node.text_of("address"), node.text_of("city"), Some(region), node.text_of("countryCode")];
    let parts: Vec<String> = parts.into_iter().flatten().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| escape_plain(&parts.join(", ")))
}

/// Converts `meta.lastModified` into `updated`.
fn updated_into(ctx: &mut Ctx, root: &mut Map, node: &Node) {
    match when(ctx, node) {
        Some(super::common::When::Date(text, _)) => root.put("updated", Out::Text(text)),
        _ => ctx.dropped(node, "`meta.lastModified` is not a date; left out"),
    }
}

// ---------------------------------------------------------------------------------------------
// Entries
// ---------------------------------------------------------------------------------------------

/// Converts a `work` entry into an experience entry; the URL links the company's name.
fn work(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, WORK, "a `work` entry");
    let mut m = Map::new();
    if node.get("position").is_none() {
        m.put("kind", Out::Text("experience".into()));
    }
    m.text("position", text(ctx, node, "position"));
    m.text("organization", linked(ctx, node, &["name", "company"], &["url", "website"]));
    m.text("about", text(ctx, node, "description"));
    m.text("location", node.get("location").and_then(|l| location(ctx, l)));
    body(ctx, &mut m, node, "summary", "highlights")?;
    Ok(entry(m))
}

/// Converts a `volunteer` entry into an experience entry.
fn volunteer(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, VOLUNTEER, "a `volunteer` entry");
    let mut m = Map::new();
    if node.get("position").is_none() {
        m.put("kind", Out::Text("experience".into()));
    }
    m.text("position", text(ctx, node, "position"));
    m.text("organization", linked(ctx, node, &["organization"], &["url", "website"]));
    body(ctx, &mut m, node, "summary", "highlights")?;
    Ok(entry(m))
}

/// Converts an `education` entry: `studyType` is the degree, `score` (or the old `gpa`) is
/// printed under the heading, and courses become points.
fn education(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, EDUCATION, "an `education` entry");
    let mut m = Map::new();
    if node.get("institution").is_none() && node.get("studyType").is_none() {
        m.put("kind", Out::Text("education".into()));
    }
    m.text("degree", text(ctx, node, "studyType"));
    m.text("area", text(ctx, node, "area"));
    m.text("institution", linked(ctx, node, &["institution"], &["url"]));
    m.text("score", first(node, &["score", "gpa"]).and_then(Node::text).map(|s| score(&s)));
    put_dates(ctx, &mut m, node.get("startDate"), node.get("endDate"))?;
    m.list("highlights", texts(ctx, node, "courses").into_iter().map(Out::Text).collect());
    Ok(entry(m))
}

/// Writes a score: "Score: 4.0" for a bare number, else as written ("GPA 3.9/4.0").
pub(super) fn score(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Score: {}", escape_plain(text))
    } else {
        escape_plain(text)
    }
}

/// Converts an `awards` entry into an award entry.
fn award(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["title", "date", "awarder", "summary", "url"], "an `awards` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "title"));
    m.text("url", url(ctx, node));
    m.text("venue", text(ctx, node, "awarder"));
    date(ctx, &mut m, node.get("date"))?;
    m.text("summary", text(ctx, node, "summary"));
    Ok(entry(m))
}

/// Converts a `certificates` entry into an award entry: the issuer is the venue.
fn certificate(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "date", "url", "issuer"], "a `certificates` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "name"));
    m.text("url", url(ctx, node));
    m.text("venue", text(ctx, node, "issuer"));
    date(ctx, &mut m, node.get("date"))?;
    Ok(entry(m))
}

/// Converts a `publications` entry: the publisher is the venue, `releaseDate` the date.
fn publication(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = ["name", "publisher", "releaseDate", "url", "website", "summary"];
    ctx.check_keys(node, &known, "a `publications` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("publication".into()));
    m.text("name", text(ctx, node, "name"));
    m.text("url", url(ctx, node));
    m.text("venue", text(ctx, node, "publisher"));
    date(ctx, &mut m, node.get("releaseDate"))?;
    m.text("summary", text(ctx, node, "summary"));
    Ok(entry(m))
}

/// Converts a `projects` entry: the name links to the URL, roles, entity and type are the
/// venue, the description is the summary and keywords follow the highlights.
fn project(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = [
        "name",
        "description",
        "highlights",
        "keywords",
        "startDate",
        "endDate",
        "url",
        "roles",
        "entity",
        "type",
    ];
    ctx.check_keys(node, &known, "a `projects` entry");
    let mut m = Map::new();
    if node.get("name").is_none() {
        m.put("kind", Out::Text("project".into()));
    }
    m.text("name", text(ctx, node, "name"));
    m.text("url", url(ctx, node));
    let roles = texts(ctx, node, "roles").join(", ");
    let venue = [Some(roles), text(ctx, node, "entity"), text(ctx, node, "type")];
    let venue: Vec<String> = venue.into_iter().flatten().filter(|v| !v.is_empty()).collect();
    m.text("venue", Some(venue.join(" · ")));
    body(ctx, &mut m, node, "description", "highlights")?;
    let keywords = texts(ctx, node, "keywords");
    if !keywords.is_empty() {
        m.put("footer", Out::Text(format!("**Keywords:** {}", keywords.join(", "))));
    }
    Ok(entry(m))
}

/// Converts a `skills` entry into a row "name: keywords (level)".
fn skill(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "level", "keywords"], "a `skills` entry");
    let keywords = texts(ctx, node, "keywords").join(", ");
    let details = match (keywords.is_empty(), text(ctx, node, "level")) {
        (false, Some(level)) => Some(format!("{keywords} ({level})")),
        (false, None) => Some(keywords),
        (true, level) => level,
    };
    Ok(row_or_bullet(text(ctx, node, "name"), details))
}

/// Converts a `languages` entry into a row "language: fluency".
fn language(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["language", "fluency"], "a `languages` entry");
    Ok(row_or_bullet(text(ctx, node, "language"), text(ctx, node, "fluency")))
}

/// Converts an `interests` entry into a row "name: keywords".
fn interest(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "keywords"], "an `interests` entry");
    let keywords = texts(ctx, node, "keywords").join(", ");
    Ok(row_or_bullet(text(ctx, node, "name"), Some(keywords)))
}

/// Converts a `references` entry into a row "name: reference".
fn reference(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "reference"], "a `references` entry");
    let (name, reference) = (text(ctx, node, "name"), text(ctx, node, "reference"));
    Ok(match (name, reference) {
        (name, Some(r)) if r.contains("\n\n") => {
            let mut m = Map::new();
            m.put("text", Out::Text(name.map_or(r.clone(), |n| format!("**{n}:** {r}"))));
            Some(Out::Map(m))
        }
        (name, reference) => row_or_bullet(name, reference),
    })
}

/// Adds dates, the summary (or description) and highlights.
fn body(
    ctx: &mut Ctx,
    m: &mut Map,
    node: &Node,
    summary: &str,
    highlights: &str,
) -> Result<(), ProfileError> {
    put_dates(ctx, m, node.get("startDate"), node.get("endDate"))?;
    m.text("summary", text(ctx, node, summary));
    m.list("highlights", texts(ctx, node, highlights).into_iter().map(Out::Text).collect());
    Ok(())
}

/// Adds a single date.
fn date(ctx: &mut Ctx, m: &mut Map, node: Option<&Node>) -> Result<(), ProfileError> {
    if let Some(w) = node.and_then(|n| when(ctx, n)) {
        put_single(m, w);
    }
    Ok(())
}

/// Returns a name linked to the entry's URL, or the name alone when there is no usable URL
/// (noted), or the URL as text when there is no name.
pub(super) fn linked(ctx: &mut Ctx, node: &Node, names: &[&str], urls: &[&str]) -> Option<String> {
    let name = first(node, names).and_then(Node::text);
    let url_node = first(node, urls);
    let url = url_node.and_then(Node::text);
    match (name, url) {
        (Some(name), Some(url)) => Some(link(&name, &url).unwrap_or_else(|| {
            if let Some(n) = url_node {
                ctx.dropped(n, format!("`{url}` is not a web address; the name is printed without a link"));
            }
            escape_plain(&name)
        })),
        (Some(name), None) => Some(escape_plain(&name)),
        (None, Some(url)) => Some(escape_plain(&url)),
        (None, None) => None,
    }
}

/// Returns an entry's URL as a link target, noting one vitae cannot link to.
pub(super) fn url(ctx: &mut Ctx, node: &Node) -> Option<String> {
    let n = first(node, &["url", "website"])?;
    let text = n.text()?;
    let url = normalize_url(&text);
    if url.is_none() {
        ctx.dropped(n, format!("`{text}` is not a web address; left out"));
    }
    url
}

/// Builds a row, or a bullet when only one side is given.
pub(super) fn row_or_bullet(label: Option<String>, details: Option<String>) -> Option<Out> {
    let details = details.filter(|d| !d.trim().is_empty());
    match (label, details) {
        (Some(l), Some(d)) => Some(row_escaped(l, d)),
        (Some(one), None) | (None, Some(one)) => Some(Out::Text(one)),
        (None, None) => None,
    }
}

/// Builds a row from a plain label and escaped details.
fn row(label: &str, details: &str) -> Out {
    row_escaped(escape_plain(label), details.to_owned())
}

/// Builds a row from escaped label and details.
fn row_escaped(label: String, details: String) -> Out {
    let mut m = Map::new();
    m.put("label", Out::Text(label));
    m.put("details", Out::Text(details));
    Out::Map(m)
}

/// Returns an entry map, or `None` when it says nothing beyond its kind.
pub(super) fn entry(m: Map) -> Option<Out> {
    let only_kind = m.has("kind") && m.len() == 1;
    (!m.is_empty() && !only_kind).then_some(Out::Map(m))
}
