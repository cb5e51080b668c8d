//! RenderCV's sections: each entry's type told by its keys, as RenderCV does, and converted
//! into a vitae entry, row, bullet or paragraph.

use super::*;

/// RenderCV's entry types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Text,
    Education,
    Experience,
    Normal,
    OneLine,
    Publication,
    Bullet,
    Numbered,
    ReversedNumbered,
}

/// Tells an entry's type from its keys, as RenderCV does.
fn entry_type(node: &Node) -> Option<Type> {
    if !node.is_map() {
        return node.text().map(|_| Type::Text);
    }
    let has = |k: &str| node.entries().iter().any(|(key, _)| key.name == k);
    Some(match () {
        () if has("bullet") => Type::Bullet,
        () if has("reversed_number") => Type::ReversedNumbered,
        () if has("number") => Type::Numbered,
        () if has("label") && has("details") => Type::OneLine,
        () if has("company") || has("position") => Type::Experience,
        () if has("institution") => Type::Education,
        () if has("title") => Type::Publication,
        () if has("name") => Type::Normal,
        () => return None,
    })
}

/// Converts a section: its title (a snake_case key becomes words) and its entries.
pub(super) fn section(ctx: &mut Ctx, key: &str, entries: &Node) -> Result<Out, ProfileError> {
    let mut out = Vec::new();
    let mut numbered = Vec::new();
    let reversed_total =
        entries.items().iter().filter(|e| entry_type(e) == Some(Type::ReversedNumbered)).count();
    let mut reversed = reversed_total;
    for item in entries.items() {
        match entry_type(item) {
            Some(Type::Numbered) => {
                ctx.check_keys(item, &["number"], "a numbered entry");
                numbered.extend(md(ctx, item, "number").map(Out::Text));
                continue;
            }
            Some(Type::ReversedNumbered) => {
                ctx.check_keys(item, &["reversed_number"], "a reversed-numbered entry");
                if let Some(text) = md(ctx, item, "reversed_number") {
                    out.push(paragraph(format!("{reversed}. {text}")));
                }
                reversed -= 1;
            }
            Some(kind) => out.extend(entry(ctx, item, kind)?),
            None => ctx.dropped(item, "an entry whose type RenderCV's keys do not tell; left out"),
        }
        flush_numbered(&mut out, &mut numbered);
    }
    flush_numbered(&mut out, &mut numbered);
    let mut m = Map::new();
    m.put("title", Out::Text(escape_plain(&title(key))));
    m.put("entries", Out::List(out));
    Ok(Out::Map(m))
}

/// Adds pending numbered entries as one numbered list.
fn flush_numbered(out: &mut Vec<Out>, numbered: &mut Vec<Out>) {
    if numbered.is_empty() {
        return;
    }
    let mut m = Map::new();
    m.put("kind", Out::Text("project".into()));
    m.put("numbered", Out::Bool(true));
    m.put("highlights", Out::List(std::mem::take(numbered)));
    out.push(Out::Map(m));
}

/// Returns a section title: a key in snake_case becomes capitalised words.
pub(super) fn title(key: &str) -> String {
    if key.chars().any(char::is_uppercase) || key.contains(' ') {
        return key.to_owned();
    }
    let words = key.split('_').filter(|w| !w.is_empty()).map(|w| {
        let mut chars = w.chars();
        chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
    });
    words.collect::<Vec<_>>().join(" ")
}

/// Builds a paragraph entry.
fn paragraph(text: String) -> Out {
    let mut m = Map::new();
    m.put("text", Out::Text(text));
    Out::Map(m)
}

/// Converts one entry of a known type.
fn entry(ctx: &mut Ctx, node: &Node, kind: Type) -> Result<Option<Out>, ProfileError> {
    let mut m = Map::new();
    match kind {
        Type::Text => return Ok(md_node(ctx, node).map(paragraph)),
        Type::Bullet => {
            ctx.check_keys(node, &["bullet"], "a bullet entry");
            return Ok(md(ctx, node, "bullet").map(Out::Text));
        }
        Type::OneLine => {
            ctx.check_keys(node, &["label", "details"], "a one-line entry");
            m.text("label", md(ctx, node, "label"));
            m.text("details", md(ctx, node, "details"));
            if !(m.has("label") && m.has("details")) {
                let one = md(ctx, node, "label").or_else(|| md(ctx, node, "details"));
                return Ok(one.map(Out::Text));
            }
            return Ok(Some(Out::Map(m)));
        }
        Type::Education => {
            ctx.check_keys(node, &with_dated(&["institution", "area", "degree"]), "an education entry");
            m.text("degree", md(ctx, node, "degree"));
            m.text("area", md(ctx, node, "area"));
            m.text("institution", md(ctx, node, "institution"));
        }
        Type::Experience => {
            ctx.check_keys(node, &with_dated(&["company", "position"]), "an experience entry");
            if node.get("position").is_none() {
                m.put("kind", Out::Text("experience".into()));
            }
            m.text("position", md(ctx, node, "position"));
            m.text("organization", md(ctx, node, "company"));
        }
        Type::Normal => {
            ctx.check_keys(node, &with_dated(&["name"]), "a normal entry");
            m.text("name", md(ctx, node, "name"));
        }
        Type::Publication => return publication(ctx, node).map(Some),
        Type::Numbered | Type::ReversedNumbered => return Ok(None),
    }
    dated(ctx, &mut m, node)?;
    Ok(Some(Out::Map(m)))
}

/// Returns an entry type's own keys plus the keys of every dated entry.
fn with_dated(own: &[&'static str]) -> Vec<&'static str> {
    own.iter().chain(DATED).copied().collect()
}

/// Adds location, dates, summary and highlights (a highlight's " - " parts are nested points,
/// as RenderCV reads them).
fn dated(ctx: &mut Ctx, m: &mut Map, node: &Node) -> Result<(), ProfileError> {
    m.text("location", md(ctx, node, "location"));
    if let Some(date) = node.get("date") {
        if let Some(w) = when(ctx, date) {
            put_single(m, w);
        }
    } else {
        put_dates(ctx, m, node.get("start_date"), node.get("end_date"))?;
    }
    m.text("summary", md(ctx, node, "summary"));
    let mut points = Vec::new();
    for h in node.get("highlights").map_or(&[][..], Node::items) {
        if let Some(text) = md_node(ctx, h) {
            points.push(point(&text));
        }
    }
    m.list("highlights", points);
    Ok(())
}

/// Builds a point, splitting " - " into nested points.
pub(super) fn point(text: &str) -> Out {
    let mut parts = text.split(" - ");
    let head = parts.next().unwrap_or("").trim().to_owned();
    let children: Vec<Out> =
        parts.map(|p| Out::Text(p.trim().to_owned())).filter(|p| p != &Out::Text(String::new())).collect();
    if children.is_empty() {
        return Out::Text(head);
    }
    let mut m = Map::new();
    m.put("text", Out::Text(head));
    m.put("highlights", Out::List(children));
    Out::Map(m)
}

/// Converts a publication: the title (linked to the URL or DOI), the journal as venue, the
/// authors as a paragraph, and the DOI (or URL) printed after it, as RenderCV does.
fn publication(ctx: &mut Ctx, node: &Node) -> Result<Out, ProfileError> {
    ctx.check_keys(node, &with_dated(&["title", "authors", "doi", "url", "journal"]), "a publication entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("publication".into()));
    m.text("name", md(ctx, node, "title"));
    let doi = node.text_of("doi");
    let doi_url = doi.as_ref().map(|d| format!("https://doi.org/{d}")).and_then(|u| normalize_url(&u));
    let url = node.text_of("url").and_then(|u| normalize_url(&u));
    m.text("url", url.clone().or_else(|| doi_url.clone()));
    m.text("venue", md(ctx, node, "journal"));
    m.text("location", md(ctx, node, "location"));
    if let Some(date) = node.get("date")
        && let Some(w) = when(ctx, date)
    {
        put_single(&mut m, w);
    }
    let authors: Vec<String> =
        node.get("authors").map_or(&[][..], Node::items).iter().filter_map(|a| md_node(ctx, a)).collect();
    let summary = [Some(authors.join(", ")), md(ctx, node, "summary")];
    let summary: Vec<String> = summary.into_iter().flatten().filter(|s| !s.is_empty()).collect();
    m.text("summary", Some(summary.join("\n\n")));
    let footer = match (doi, doi_url, url) {
        (Some(doi), Some(target), _) => Some(format!("[{}]({target})", escape_plain(&doi))),
        (_, _, Some(url)) => Some(url),
        _ => None,
    };
    m.text("footer", footer);
    Ok(Out::Map(m))
}
