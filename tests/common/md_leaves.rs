//! The leaves of a Markdown résumé for the no-silent-loss check: each line's text after its
//! Markdown syntax is stripped, plus its addresses and its YAML front matter's values.
//!
//! Left out by design: HTML comments, `@import` lines (a previewer's style sheet), tags and
//! their attributes other than `href` (`<i class="fa fa-phone">` is an icon), an image's file
//! (its alt text stays), in-page anchors (`[top](#top)`), Pandoc attributes (`{#profile}`), and
//! English month names and "present" (dates print in the layout's style and the document's
//! language, a Russian résumé's `12.2014 - present` as `дек. 2014 – настоящее время`; their
//! years must still print).

use super::words::{Leaf, LeafKind, looks_like_url, value_leaves};

/// Month names and abbreviations, and the word for an open end, dropped from Markdown text (see
/// the module's comment).
const MONTHS: &[&str] = &[
    "present",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Collects the leaves of a Markdown file.
pub fn markdown_leaves(text: &str) -> Vec<Leaf> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let body_start = front_matter(&lines, &mut out);
    let mut in_comment = false;
    for (i, raw) in lines.iter().enumerate().skip(body_start) {
        let line = drop_comments(raw, &mut in_comment);
        if line.trim_start().starts_with("@import") {
            continue;
        }
        let path = format!("line {}", i + 1);
        let mut urls = Vec::new();
        let stripped = strip_inline(&line, &mut urls);
        for url in urls {
            out.push(Leaf { path: path.clone(), key: "link".into(), kind: LeafKind::Url, text: url });
        }
        let text = drop_months(&years_only(&stripped));
        if super::words::words(&text).is_empty() {
            continue;
        }
        out.push(Leaf { path, key: line_kind(raw).into(), kind: LeafKind::Text, text });
    }
    out
}

/// Reads YAML front matter (`---` … `---` or `...`) into leaves; returns the first body line.
fn front_matter(lines: &[&str], out: &mut Vec<Leaf>) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    let Some(end) = lines.iter().skip(1).position(|l| matches!(l.trim_end(), "---" | "...")) else {
        return 0;
    };
    let yaml = lines[1..=end].join("\n");
    if let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(&yaml) {
        out.extend(value_leaves(&value).into_iter().map(|mut l| {
            l.path = format!("front matter {}", l.path);
            l
        }));
    }
    end + 2
}

/// Removes HTML comments, which may span lines.
fn drop_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        } else {
            match rest.find("<!--") {
                Some(start) => {
                    out.push_str(&rest[..start]);
                    rest = &rest[start + 4..];
                    *in_comment = true;
                }
                None => {
                    out.push_str(rest);
                    return out;
                }
            }
        }
    }
}

/// Strips links, images, tags, bare addresses, attributes and entities, collecting addresses.
pub fn strip_inline(line: &str, urls: &mut Vec<String>) -> String {
    let text = strip_links(line, urls);
    let text = strip_tags(&text, urls);
    let text = strip_bare_urls(&text, urls);
    let text = strip_attributes(&text);
    decode_entities(&text)
}

/// Replaces `[label](target)` by its label and `![alt](file)` by its alt text.
fn strip_links(line: &str, urls: &mut Vec<String>) -> String {
    let mut text = line.to_string();
    while let Some(mid) = text.find("](") {
        let (Some(open), Some(close)) = (text[..mid].rfind('['), text[mid..].find(')')) else {
            break;
        };
        let close = mid + close;
        let label = text[open + 1..mid].to_string();
        let target = text[mid + 2..close].split_whitespace().next().unwrap_or("").to_string();
        let image = text[..open].ends_with('!');
        if !image && !target.is_empty() && !target.starts_with('#') {
            urls.push(target);
        }
        let from = if image { open - 1 } else { open };
        text.replace_range(from..=close, &label);
    }
    text
}

/// Removes `<…>` tags, keeping `href` targets and autolinks (`<https://…>`, `<a@b.c>`).
fn strip_tags(line: &str, urls: &mut Vec<String>) -> String {
    let mut text = String::new();
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let inner = &after[..close];
        let is_tag = inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        text.push_str(&rest[..open]);
        if looks_like_url(inner) || (inner.contains('@') && !inner.contains(' ')) {
            urls.push(inner.to_string());
        } else if is_tag {
            if let Some(href) = attribute(inner, "href") {
                urls.push(href);
            }
        } else {
            text.push('<');
            rest = after;
            continue;
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    text
}

/// Returns a tag attribute's quoted value.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}="))? + name.len() + 1;
    let quoted = &tag[start..];
    let quote = quoted.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &quoted[1..];
    Some(value[..value.find(quote)?].to_string())
}

/// Takes bare `https://…` and `www.…` addresses out of the text.
fn strip_bare_urls(line: &str, urls: &mut Vec<String>) -> String {
    let mut kept = Vec::new();
    for token in line.split(' ') {
        let core = token.trim_matches(|c: char| "()[],;.".contains(c));
        if looks_like_url(core) {
            urls.push(core.to_string());
        } else {
            kept.push(token);
        }
    }
    kept.join(" ")
}

/// Removes Pandoc attributes: `{#id}`, `{.class}`.
fn strip_attributes(line: &str) -> String {
    let mut text = line.to_string();
    while let Some(open) = text.find(['{']) {
        let Some(close) = text[open..].find('}') else { break };
        if !text[open + 1..].starts_with(['#', '.']) {
            break;
        }
        text.replace_range(open..=open + close, "");
    }
    text
}

/// Decodes the common HTML entities.
fn decode_entities(line: &str) -> String {
    [("&amp;", "&"), ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")]
        .iter()
        .fold(line.to_string(), |s, (from, to)| s.replace(from, to))
}

/// Reduces numeric dates to their years: `12.2014` and `12/2014` → `2014`, `2014-12-01` →
/// `2014`, as dates print in the layout's style.
fn years_only(line: &str) -> String {
    line.split_inclusive(|c: char| c.is_whitespace() || c == '|' || c == '(' || c == ')')
        .map(|token| {
            let core = token.trim_end_matches(|c: char| c.is_whitespace() || "|()*_".contains(c));
            let tail = &token[core.len()..];
            let core = core.trim_start_matches(['*', '_']);
            let parts: Vec<&str> = core.split(['.', '/', '-']).collect();
            let numeric = parts.len() > 1
                && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
            match parts.iter().find(|p| p.len() == 4) {
                Some(year) if numeric && parts.iter().all(|p| p.len() <= 2 || p.len() == 4) => {
                    format!("{year}{tail}")
                }
                _ => token.to_string(),
            }
        })
        .collect()
}

/// Drops English month names and "present" (see the module's comment).
fn drop_months(line: &str) -> String {
    line.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !MONTHS.contains(&w.to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names the kind of a Markdown line, to group missing words in the report.
fn line_kind(line: &str) -> &'static str {
    let t = line.trim_start();
    if t.starts_with('#') {
        "heading"
    } else if t.starts_with(['-', '*', '+'])
        || t.split_once(". ").is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
    {
        "list item"
    } else if t.starts_with('|') {
        "table"
    } else if t.starts_with('>') {
        "quote"
    } else {
        "text"
    }
}
