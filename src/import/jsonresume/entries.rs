//! JSON Resume's entries, one converter per section kind (`work`, `education`, `projects`, …),
//! and the helpers that build an entry's map (shared with YAMLResume and custom sections).

use super::*;

/// Converts a `work` entry into an experience entry; the URL links the company's name.
pub(super) fn work(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn volunteer(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn education(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(in crate::import) fn score(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Score: {}", escape_plain(text))
    } else {
        escape_plain(text)
    }
}

/// Converts an `awards` entry into an award entry.
pub(super) fn award(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn certificate(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn publication(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn project(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn skill(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn language(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["language", "fluency"], "a `languages` entry");
    Ok(row_or_bullet(text(ctx, node, "language"), text(ctx, node, "fluency")))
}

/// Converts an `interests` entry into a row "name: keywords".
pub(super) fn interest(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "keywords"], "an `interests` entry");
    let keywords = texts(ctx, node, "keywords").join(", ");
    Ok(row_or_bullet(text(ctx, node, "name"), Some(keywords)))
}

/// Converts a `references` entry into a row "name: reference".
pub(super) fn reference(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
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
pub(super) fn date(ctx: &mut Ctx, m: &mut Map, node: Option<&Node>) -> Result<(), ProfileError> {
    if let Some(w) = node.and_then(|n| when(ctx, n)) {
        put_single(m, w);
    }
    Ok(())
}

/// Adds a name linked to the entry's URL (read by [`web_address`]), or the URL as text when
/// there is no name. A URL that cannot be a link is printed after the entry, in its footer.
pub(in crate::import) fn put_linked(
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
pub(in crate::import) fn url(ctx: &mut Ctx, m: &mut Map, node: &Node) -> Option<String> {
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
pub(in crate::import) fn row_or_bullet(label: Option<String>, details: Option<String>) -> Option<Out> {
    let details = details.filter(|d| !d.trim().is_empty());
    match (label, details) {
        (Some(l), Some(d)) => Some(row_escaped(l, d)),
        (Some(one), None) | (None, Some(one)) => Some(Out::Text(one)),
        (None, None) => None,
    }
}

/// Builds a row from a plain label and escaped details.
pub(super) fn row(label: &str, details: &str) -> Out {
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
pub(in crate::import) fn entry(m: Map) -> Option<Out> {
    let only_kind = m.has("kind") && m.len() == 1;
    (!m.is_empty() && !only_kind).then_some(Out::Map(m))
}
