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

// ---------------------------------------------------------------------------------------------
// basics
// ---------------------------------------------------------------------------------------------

/// Reads the contacts JSON Resume and YAMLResume share: `email` and `phone` of `basics`, the web
/// address `web`, then each network profile of `profiles` (named `place` in notes). What vitae
/// cannot check goes to `fallback` as rows.
pub(super) fn contacts(
    ctx: &mut Ctx,
    basics: &Node,
    web: Option<&Node>,
    profiles: Option<&Node>,
    place: &str,
    fallback: &mut Vec<Out>,
) -> Vec<Out> {
    let mut contacts = Vec::new();
    if let Some(email) = basics.text_of("email") {
        address(&mut contacts, fallback, "email", &email, "E-mail");
    }
    if let Some(phone) = basics.text_of("phone") {
        address(&mut contacts, fallback, "phone", &phone, "Phone");
    }
    if let Some(url) = web.and_then(|n| web_address(ctx, n)) {
        address(&mut contacts, fallback, "url", url.as_ref().unwrap_or_else(|t| t), "Website");
    }
    for p in profiles.map_or(&[][..], Node::items) {
        if p.is_map() {
            ctx.check_keys(p, PROFILE, &format!("a profile in {place}"));
            network(ctx, &mut contacts, fallback, p);
        } else {
            ctx.wrong_shape(p, "a map with `network`, `username` and `url`");
        }
    }
    contacts
}

/// Converts `basics`: name, headline, location, contacts, summary and photo. Contacts vitae
/// cannot represent go to `fallback` as rows.
fn basics_into(ctx: &mut Ctx, root: &mut Map, basics: &Node, fallback: &mut Vec<Out>) {
    ctx.check_keys(basics, BASICS, "`basics`");
    root.text("name", text(ctx, basics, "name"));
    root.text("headline", text(ctx, basics, "label"));
    root.text("location", basics.get("location").and_then(|l| location(ctx, l)));
    let web = first(basics, &["url", "website"]);
    let contacts = contacts(ctx, basics, web, basics.get("profiles"), "`basics.profiles`", fallback);
    root.list("contacts", contacts);
    root.text("summary", paragraphs(ctx, basics, "summary"));
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
/// handle (or its URL), else a web address labelled "Network: username", or by the network's
/// name alone (never by an address with its query string). A profile vitae cannot link to is
/// a row of the fallback section.
pub(super) fn network(ctx: &mut Ctx, contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, p: &Node) {
    let name = p.text_of("network");
    let user = p.text_of("username");
    if let Some(key) = name.as_deref().and_then(network_key) {
        let candidates = [user.clone(), p.text_of("url")];
        if let Some(value) = candidates.into_iter().flatten().find(|v| contact_ok(key, v)) {
            contacts.push(contact(key, &value, None));
            note_network_changes(ctx, p, key, &value);
            return;
        }
    }
    let label = match (&name, &user) {
        (Some(n), Some(u)) => Some(format!("{n}: {u}")),
        (n, u) => n.clone().or_else(|| u.clone()),
    };
    match p.get("url").and_then(|n| web_address(ctx, n)) {
        Some(Ok(u)) if contact_ok("url", &u) => {
            let label = label.unwrap_or_else(|| host(&u));
            contacts.push(contact("url", &u, Some(label)));
        }
        Some(Ok(u) | Err(u)) => {
            fallback.push(row(name.as_deref().unwrap_or("Profile"), &escape_plain(&user.unwrap_or(u))));
        }
        None => {
            fallback.extend(row_or_bullet(name.map(|n| escape_plain(&n)), user.map(|u| escape_plain(&u))))
        }
    }
}

/// Notes what of a well-known network's profile does not print as written: a network name the
/// printed address does not contain (Twitter prints as `x.com/…`), and a `url` other than the
/// one the contact links to (a bare `https://twitter.com`).
fn note_network_changes(ctx: &mut Ctx, p: &Node, key: &str, used: &str) {
    let host = match key {
        "twitter" => "x.com",
        "mastodon" => "its server",
        other => other,
    };
    if let Some((name_key, name)) = p.entries().iter().find(|(k, _)| k.name == "network") {
        let written = name.text().unwrap_or_default();
        if !host.contains(&written.to_lowercase()) {
            ctx.drop_at(
                name_key.line,
                name_key.column,
                format!(
                    "the network name {written} is not printed: the profile prints as its address on {host}"
                ),
            );
        }
    }
    if let Some(url) = p.get("url").filter(|u| u.text().is_some_and(|t| t != used && !t.contains(used))) {
        let shown = url.text().unwrap_or_default();
        ctx.dropped(
            url,
            format!("the address {shown} is not printed: the profile links to its {host} page instead"),
        );
    }
}

/// Returns the host of a web address, without `www.`: a label that never shows a path or a
/// query string.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host).to_owned()
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

/// Notes the metadata that is not printed: `$schema` and the keys of `meta` other than
/// `lastModified` (`canonical`, `version`, `theme`).
fn metadata_notes(ctx: &mut Ctx, doc: &Node) {
    if let Some(schema) = doc.get("$schema") {
        ctx.dropped(schema, "`$schema` names the file's schema; not printed");
    }
    let meta = doc.get("meta").map_or(&[][..], Node::entries);
    for (key, _) in meta.iter().filter(|(k, _)| k.name != "lastModified" && k.name != "language") {
        ctx.drop_at(key.line, key.column, format!("`meta.{}` is metadata; not printed", key.name));
    }
}

/// Reads `meta.language`, the document's language: not a key of JSON Resume's schema, but the
/// one its `meta` (open to any key) is given by tools that translate themes. A BCP 47 tag, or a
/// language's name (`German`); anything else is noted and left out.
fn meta_language(ctx: &mut Ctx, doc: &Node) -> Option<String> {
    let node = doc.get("meta")?.get("language")?;
    let written = node.text()?;
    let tag = language_tag(&written);
    if tag.is_none() {
        ctx.dropped(node, format!("`meta.language: {written}` is not a language tag; left out"));
    }
    tag
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
    let mut m = Map::new();
    if node.get("position").is_none() {
        m.put("kind", Out::Text("experience".into()));
    }
    m.text("position", text(ctx, node, "position"));
    put_linked(ctx, &mut m, "organization", node, &["name", "company"], &["url", "website"]);
    m.text("about", text(ctx, node, "description"));
    m.text("location", node.get("location").and_then(|l| location(ctx, l)));
    body(ctx, &mut m, node, "summary", "highlights")?;
    custom::absorb(ctx, &mut m, node, WORK, "a `work` entry");
    Ok(entry(m))
}

/// Converts a `volunteer` entry into an experience entry.
fn volunteer(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let mut m = Map::new();
    if node.get("position").is_none() {
        m.put("kind", Out::Text("experience".into()));
    }
    m.text("position", text(ctx, node, "position"));
    put_linked(ctx, &mut m, "organization", node, &["organization"], &["url", "website"]);
    body(ctx, &mut m, node, "summary", "highlights")?;
    custom::absorb(ctx, &mut m, node, VOLUNTEER, "a `volunteer` entry");
    Ok(entry(m))
}

/// Converts an `education` entry: `studyType` is the degree, `score` (or the old `gpa`) is
/// printed under the heading, and courses become points.
fn education(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let mut m = Map::new();
    if node.get("institution").is_none() && node.get("studyType").is_none() {
        m.put("kind", Out::Text("education".into()));
    }
    m.text("degree", text(ctx, node, "studyType"));
    m.text("area", text(ctx, node, "area"));
    put_linked(ctx, &mut m, "institution", node, &["institution"], &["url"]);
    m.text("score", first(node, &["score", "gpa"]).and_then(Node::text).map(|s| score(&s)));
    m.text("location", node.get("location").and_then(|l| location(ctx, l)));
    put_dates(ctx, &mut m, node.get("startDate"), node.get("endDate"))?;
    m.list("highlights", texts(ctx, node, "courses").into_iter().map(Out::Text).collect());
    custom::absorb(ctx, &mut m, node, EDUCATION, "an `education` entry");
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
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "title"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    m.text("venue", text(ctx, node, "awarder"));
    date(ctx, &mut m, node.get("date"))?;
    m.text("summary", paragraphs(ctx, node, "summary"));
    custom::absorb(ctx, &mut m, node, &["title", "date", "awarder", "summary", "url"], "an `awards` entry");
    Ok(entry(m))
}

/// Converts a `certificates` entry into an award entry: the issuer is the venue.
fn certificate(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    m.text("venue", text(ctx, node, "issuer"));
    date(ctx, &mut m, node.get("date"))?;
    custom::absorb(ctx, &mut m, node, &["name", "date", "url", "issuer"], "a `certificates` entry");
    Ok(entry(m))
}

/// Converts a `publications` entry: the publisher is the venue, `releaseDate` the date.
fn publication(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = ["name", "publisher", "releaseDate", "url", "website", "summary"];
    let mut m = Map::new();
    m.put("kind", Out::Text("publication".into()));
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    m.text("venue", text(ctx, node, "publisher"));
    date(ctx, &mut m, node.get("releaseDate"))?;
    m.text("summary", paragraphs(ctx, node, "summary"));
    custom::absorb(ctx, &mut m, node, &known, "a `publications` entry");
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
    let mut m = Map::new();
    if node.get("name").is_none() {
        m.put("kind", Out::Text("project".into()));
    }
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    let roles = texts(ctx, node, "roles").join(", ");
    let venue = [Some(roles), text(ctx, node, "entity"), text(ctx, node, "type")];
    let venue: Vec<String> = venue.into_iter().flatten().filter(|v| !v.is_empty()).collect();
    m.text("venue", Some(venue.join(" · ")));
    body(ctx, &mut m, node, "description", "highlights")?;
    let keywords = texts(ctx, node, "keywords");
    if !keywords.is_empty() {
        m.append("footer", format!("**Keywords:** {}", keywords.join(", ")), "\n\n");
    }
    custom::absorb(ctx, &mut m, node, &known, "a `projects` entry");
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
    let (name, reference) = (text(ctx, node, "name"), paragraphs(ctx, node, "reference"));
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
    m.text("summary", paragraphs(ctx, node, summary));
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

/// Adds a name linked to the entry's URL (read by [`web_address`]), or the URL as text when
/// there is no name. A URL that cannot be a link is printed after the entry, in its footer.
pub(super) fn put_linked(
    ctx: &mut Ctx,
    m: &mut Map,
    field: &str,
    node: &Node,
    names: &[&str],
    urls: &[&str],
) {
    let name = first(node, names).and_then(Node::text).map(|n| one_line(&n));
    let url = first(node, urls).and_then(|n| web_address(ctx, n));
    let value = match (name, url) {
        (Some(name), Some(Ok(url))) => Some(link(&name, &url).unwrap_or_else(|| escape_plain(&name))),
        (Some(name), Some(Err(kept))) => {
            keep(m, &kept);
            Some(escape_plain(&name))
        }
        (Some(name), None) => Some(escape_plain(&name)),
        (None, Some(Ok(url) | Err(url))) => Some(escape_plain(&url)),
        (None, None) => None,
    };
    m.text(field, value);
}

/// Returns an entry's URL as a link target (read by [`web_address`]); one that cannot be a
/// link is printed in the entry's footer.
pub(super) fn url(ctx: &mut Ctx, m: &mut Map, node: &Node) -> Option<String> {
    match web_address(ctx, first(node, &["url", "website"])?)? {
        Ok(url) => Some(url),
        Err(kept) => {
            keep(m, &kept);
            None
        }
    }
}

/// Prints text that could not be a link in an entry's footer.
fn keep(m: &mut Map, text: &str) {
    m.append("footer", escape_plain(text), " · ");
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
