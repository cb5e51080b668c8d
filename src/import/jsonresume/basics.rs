//! JSON Resume's `basics` and `meta`: the contacts (shared with YAMLResume), the location, the
//! document's language and its last-modified date.

use super::*;

/// Reads the contacts JSON Resume and YAMLResume share: `email` and `phone` of `basics`, the web
/// address `web`, then each network profile of `profiles` (named `place` in notes). What vitae
/// cannot check goes to `fallback` as rows.
pub(in crate::import) fn contacts(
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
pub(super) fn basics_into(ctx: &mut Ctx, root: &mut Map, basics: &Node, fallback: &mut Vec<Out>) {
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
fn address(contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, key: &str, value: &str, label: &str) {
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
fn network(ctx: &mut Ctx, contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, p: &Node) {
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
pub(super) fn location(ctx: &mut Ctx, node: &Node) -> Option<String> {
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
pub(super) fn metadata_notes(ctx: &mut Ctx, doc: &Node) {
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
pub(super) fn meta_language(ctx: &mut Ctx, doc: &Node) -> Option<String> {
    let node = doc.get("meta")?.get("language")?;
    let written = node.text()?;
    let tag = language_tag(&written);
    if tag.is_none() {
        ctx.dropped(node, format!("`meta.language: {written}` is not a language tag; left out"));
    }
    tag
}

/// Converts `meta.lastModified` into `updated`.
pub(super) fn updated_into(ctx: &mut Ctx, root: &mut Map, node: &Node) {
    match when(ctx, node) {
        Some(crate::import::common::When::Date(text, _)) => root.put("updated", Out::Text(text)),
        _ => ctx.dropped(node, "`meta.lastModified` is not a date; left out"),
    }
}
