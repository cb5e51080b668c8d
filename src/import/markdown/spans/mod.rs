//! Inline Markdown made into vitae's inline markup: HTML line breaks and tags, entities, LaTeX
//! debris from PDF converters (`$\bullet$`, `$\to$`, `\textbf{…}`), images, strike-through and
//! `__bold__` rewritten; links vitae refuses reduced to their label. Also finds dates in text.
#![allow(
    clippy::indexing_slicing,
    reason = "indexes only its own vectors of lines, blocks and tokens, each within its loop's bound; text itself is sliced through strings::slice (string_slice stays denied)"
)]

use crate::import::markup::fix_markdown;
use crate::strings::slice;
use latex::latex;

mod latex;

/// Where a `<br>` was: the inline stage splits or joins at this mark.
pub(crate) const BREAK: char = '\u{2028}';

/// Converts Markdown inline text into vitae markup; what was changed or dropped is added to
/// `problems`. Line breaks (`<br>`) become [`BREAK`].
pub(crate) fn convert(text: &str, problems: &mut Vec<String>) -> String {
    let text = html(text, problems);
    let text = latex(&text, problems);
    let text = images(&text, problems);
    let text = text.replace("~~", "");
    let text = double_underscores(&text);
    let text = strip_debris(&text);
    fix_markdown(collapse_spaces(&text).trim(), problems)
}

/// Removes a list marker's leftovers at the start of a point ("ullet", the `\bullet` whose
/// backslash-b a converter ate, or a second "•").
fn strip_debris(text: &str) -> String {
    let t = text.trim_start();
    for debris in ["ullet ", "• ", "· "] {
        if let Some(rest) = t.strip_prefix(debris) {
            return rest.to_owned();
        }
    }
    if t == "ullet" { String::new() } else { text.to_owned() }
}

/// Collapses runs of spaces (left by removed markup) into one.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// HTML
// ---------------------------------------------------------------------------------------------

/// The most elements (`<b>`, `<em>`, `<a>`, icons) open at once; deeper ones keep their text
/// without markup, which bounds the work on `<b><b><b>…` (the brief's nesting limit).
const MAX_OPEN: usize = 32;

/// The longest tag read as one, in characters: a tag with a long `href` fits. A `<` with no
/// `>` within this many characters is text, which bounds the search for `>` on long lines.
const MAX_TAG: usize = 2048;

/// An element whose end tag has not been read yet, and where its text starts in the output.
#[derive(Debug)]
struct Open {
    name: String,
    at: usize,
    kind: OpenKind,
}

/// What an open element becomes when it closes.
#[derive(Debug)]
enum OpenKind {
    /// Bold or italic markup around its text.
    Mark(&'static str),
    /// A link around its text.
    Link(String),
    /// An icon: left out, text and all (the tag is kept for the note).
    Icon(String),
}

/// Rewrites HTML: `<br>` → [`BREAK`], `<b>`/`<strong>` → `**`, `<i>`/`<em>` → `*` (around text
/// only, so nothing is left to print as `**`), `<a href="…">` → a link, `<https://…>` → the
/// address; icons (`<i class="fa …">`, `<span class="icon…">`, `<svg>`) and `<img>` are left
/// out and noted; other tags are dropped, keeping their text; entities decoded.
fn html(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut open: Vec<Open> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at..).unwrap_or("");
        let Some(end) = tag_end(tail) else {
            out.push('<');
            rest = tail.get(1..).unwrap_or("");
            continue;
        };
        element(tail.get(1..end).unwrap_or(""), &mut out, &mut open, problems);
        rest = tail.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    // Elements never closed keep their text without markup; an icon is left out all the same.
    while let Some(o) = open.pop() {
        if let OpenKind::Icon(tag) = o.kind {
            let text = out.split_off(o.at.min(out.len()));
            problems.push(icon_note(&tag, &text));
        }
    }
    entities(&out)
}

/// Returns the offset of the `>` that ends a tag starting at `tail` (which starts with `<`):
/// only when a letter, `/` or `!` follows the `<` and the `>` comes before another `<`.
fn tag_end(tail: &str) -> Option<usize> {
    let second = tail.get(1..)?.chars().next()?;
    if !(second.is_ascii_alphabetic() || second == '/' || second == '!') {
        return None;
    }
    tail.char_indices()
        .skip(1)
        .take(MAX_TAG)
        .find(|&(_, c)| c == '>' || c == '<')
        .filter(|&(_, c)| c == '>')
        .map(|(i, _)| i)
}

/// Reads one tag into the output.
fn element(tag: &str, out: &mut String, open: &mut Vec<Open>, problems: &mut Vec<String>) {
    let lower = tag.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        out.push_str(tag.trim().trim_start_matches("mailto:"));
        return;
    }
    if tag.contains('@') && !tag.contains(' ') {
        out.push_str(tag.trim());
        return;
    }
    if lower.starts_with('!') {
        problems.push(format!("the HTML `<{}>` is left out", short_tag(tag)));
        return;
    }
    let name: String = lower
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("")
        .to_owned();
    if lower.starts_with('/') {
        close(&name, out, open, problems);
        return;
    }
    if open.iter().any(|o| matches!(o.kind, OpenKind::Icon(_))) {
        // Inside an icon, which is left out and noted whole.
        return;
    }
    let self_closing = lower.ends_with('/');
    if name == "img" {
        let alt = attribute(tag, "alt").filter(|a| !a.trim().is_empty());
        let alt = alt.map_or(String::new(), |a| format!(" (described as \"{}\")", a.trim()));
        problems.push(format!("the image `<{}>`{alt} is left out", short_tag(tag)));
        return;
    }
    let kind = if is_icon(&name, tag) {
        Some(OpenKind::Icon(tag.trim().to_owned()))
    } else {
        match name.as_str() {
            "b" | "strong" => Some(OpenKind::Mark("**")),
            "i" | "em" => Some(OpenKind::Mark("*")),
            "a" => attribute(tag, "href").map(OpenKind::Link),
            _ => None,
        }
    };
    match kind {
        Some(OpenKind::Icon(tag)) if self_closing => problems.push(icon_note(&tag, "")),
        Some(kind) if open.len() < MAX_OPEN => open.push(Open { name, at: out.len(), kind }),
        Some(_) => {}
        None => neutral(&name, out, problems),
    }
}

/// Writes what a tag without markup of its own becomes: a line break, a space, or nothing
/// (noted when the tag is not one résumés use for layout).
fn neutral(name: &str, out: &mut String, problems: &mut Vec<String>) {
    const LAYOUT: &[&str] = &[
        "p", "div", "span", "sup", "sub", "u", "small", "center", "font", "a", "b", "strong", "i", "em",
        "section", "header", "footer", "article", "ul", "ol", "li", "table", "tr", "td", "th", "tbody",
        "thead", "h1", "h2", "h3", "h4", "h5", "h6", "mark", "abbr", "code", "kbd", "big", "details",
        "summary",
    ];
    match name {
        "br" | "hr" => out.push(BREAK),
        n if LAYOUT.contains(&n) => out.push(' '),
        n => problems.push(format!("the HTML tag `<{n}>` is left out (its text is kept)")),
    }
}

/// Closes the innermost open element of a name (a stray end tag is ignored): its text becomes
/// markup or a link, or, for an icon, is left out and noted.
fn close(name: &str, out: &mut String, open: &mut Vec<Open>, problems: &mut Vec<String>) {
    let Some(at) = open.iter().rposition(|o| o.name == name) else {
        if name == "br" {
            out.push(BREAK);
        } else if !matches!(name, "b" | "strong" | "i" | "em" | "a") {
            neutral(name, out, &mut Vec::new());
        }
        return;
    };
    let inner: Vec<Open> = open.drain(at..).collect();
    let Some(element) = inner.into_iter().next() else { return };
    let text = out.split_off(element.at.min(out.len()));
    match element.kind {
        OpenKind::Icon(tag) => problems.push(icon_note(&tag, &text)),
        OpenKind::Mark(mark) => {
            let body = text.trim();
            let nested = open.iter().any(|o| matches!(o.kind, OpenKind::Mark(m) if m == mark));
            if body.is_empty() || nested || body.contains('*') || body.contains(BREAK) {
                out.push_str(&text);
            } else {
                let lead = text.get(..text.len() - text.trim_start().len()).unwrap_or("");
                let trail = text.get(text.trim_end().len()..).unwrap_or("");
                out.push_str(&format!("{lead}{mark}{body}{mark}{trail}"));
            }
        }
        OpenKind::Link(url) if !text.trim().is_empty() && !text.contains(['[', ']']) => {
            out.push_str(&format!("[{}]({url})", text.trim()));
        }
        OpenKind::Link(url) => {
            if !text.trim().is_empty() {
                problems.push(format!("the link to `{url}` around \"{}\" is left out", text.trim()));
            }
            out.push_str(&text);
        }
    }
}

/// Whether an element is an icon: `<svg>`, or a class naming an icon set (Font Awesome's
/// `fa …`, Bootstrap's `bi-…`, Material's `material-icons`, anything with "icon").
fn is_icon(name: &str, tag: &str) -> bool {
    if name == "svg" {
        return true;
    }
    let Some(class) = attribute(tag, "class") else { return false };
    class.split_whitespace().any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(c.as_str(), "fa" | "fas" | "far" | "fab" | "fal" | "fad" | "bi")
            || c.starts_with("fa-")
            || c.starts_with("bi-")
            || c.contains("icon")
            || c.starts_with("material-symbols")
    })
}

/// The note for an icon left out, with the text it held (a ligature name such as "email").
fn icon_note(tag: &str, text: &str) -> String {
    let text = text.trim();
    let held = if text.is_empty() { String::new() } else { format!(" with its text \"{text}\"") };
    format!("the icon `<{}>`{held} is left out", short_tag(tag))
}

/// A tag shortened for a note: its first sixty characters, which name it.
fn short_tag(tag: &str) -> String {
    let tag = tag.trim();
    if tag.chars().count() <= 60 {
        return tag.to_owned();
    }
    let cut: String = tag.chars().take(59).collect();
    format!("{cut}…")
}

/// Reads an attribute's value from a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let at = tag.to_ascii_lowercase().find(&format!("{name}="))? + name.len() + 1;
    let rest = slice(tag, at..);
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
    let value = match quote {
        Some(q) => slice(rest, 1..).split(q).next().unwrap_or(""),
        None => rest.split_whitespace().next().unwrap_or(""),
    };
    Some(value.to_owned())
}

/// Decodes the HTML entities résumés use.
fn entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    const NAMED: &[(&str, &str)] = &[
        ("&amp;", "&"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&apos;", "'"),
        ("&#39;", "'"),
        ("&nbsp;", " "),
        ("&ndash;", "–"),
        ("&mdash;", "—"),
        ("&middot;", "·"),
        ("&bull;", "•"),
        ("&copy;", "©"),
        ("&hellip;", "…"),
    ];
    let mut out = text.to_owned();
    for (entity, ch) in NAMED {
        out = out.replace(entity, ch);
    }
    numeric_entities(&out)
}

/// Decodes numeric entities (`&#8211;`, `&#x2013;`); one that names no character stays.
fn numeric_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(rest.get(..at).unwrap_or(""));
        let tail = rest.get(at + 2..).unwrap_or("");
        // Eight characters hold any code point in decimal (1114111) or hex (x10FFFF) with `;`.
        let end = tail.char_indices().take(9).find(|&(_, c)| c == ';').map(|(i, _)| i);
        let code = end.and_then(|e| tail.get(..e)).and_then(|n| match n.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => n.parse().ok(),
        });
        match (code.and_then(char::from_u32), end) {
            (Some(c), Some(e)) if c != '\0' => {
                out.push(c);
                rest = tail.get(e + 1..).unwrap_or("");
            }
            _ => {
                out.push_str("&#");
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Images, underscores
// ---------------------------------------------------------------------------------------------

/// Replaces images by their alt text.
fn images(text: &str, problems: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        out.push_str(slice(rest, ..at));
        let tail = slice(rest, at + 1..);
        let parsed = tail.find("](").and_then(|mid| slice(tail, mid..).find(')').map(|end| (mid, mid + end)));
        match parsed {
            Some((mid, end)) => {
                let alt = slice(tail, 1..mid);
                problems.push(format!(
                    "an image (`{}`) is left out; its description is kept",
                    slice(tail, mid + 2..end)
                ));
                out.push_str(alt);
                rest = slice(tail, end + 1..);
            }
            None => {
                out.push('!');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rewrites `__bold__` (which vitae leaves literal, so that `__init__` survives) as `**bold**`
/// when the pair encloses words.
fn double_underscores(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("__") {
        let before = slice(rest, ..at).chars().next_back();
        let inner = slice(rest, at + 2..);
        let close = inner.find("__").filter(|&end| {
            let body = slice(inner, ..end);
            let after = slice(inner, end + 2..).chars().next();
            !body.is_empty()
                && !body.starts_with(' ')
                && !body.ends_with(' ')
                && !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
        });
        out.push_str(slice(rest, ..at));
        match close {
            Some(end) => {
                out.push_str("**");
                out.push_str(slice(inner, ..end));
                out.push_str("**");
                rest = slice(inner, end + 2..);
            }
            None => {
                out.push_str("__");
                rest = inner;
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------------------------------------
// Dates in text
// ---------------------------------------------------------------------------------------------

/// Seasons, which date a line as a month name does ("Summer 2019").
const SEASONS: &[&str] = &["spring", "summer", "fall", "autumn", "winter"];

/// Words that may sit between or after the dates of a range.
const JOINERS: &[&str] =
    &["-", "–", "—", "to", "till", "until", "present", "current", "now", "today", "ongoing"];

/// Splits text into what comes before a trailing date (or date range) and the date itself:
/// "Remote (Boston, MA) 2/2022 - Present" → ("Remote (Boston, MA)", "2/2022 - Present").
/// `None` when the text does not end in a date.
pub(crate) fn trailing_date(text: &str) -> Option<(String, String)> {
    let words = date_words(text);
    let mut start = words.len();
    let mut saw_date = false;
    while start > 0 {
        let w = words[start - 1];
        let clean = w.trim_matches(|c: char| ",.()[]".contains(c)).to_lowercase();
        if is_date_word(&clean) {
            saw_date |= clean.chars().any(|c| c.is_ascii_digit());
        } else if !JOINERS.contains(&clean.as_str()) {
            break;
        }
        start -= 1;
    }
    // Trim joiners the range does not need at its start ("- 2019").
    while start < words.len() && JOINERS.contains(&words[start].to_lowercase().as_str()) {
        start += 1;
    }
    if !saw_date || start == words.len() {
        return None;
    }
    let before = words
        .get(..start)
        .unwrap_or_default()
        .join(" ")
        .trim_end_matches([',', '|', '·', '-', '–'])
        .trim()
        .to_owned();
    Some((before, words.get(start..).unwrap_or_default().join(" ")))
}

/// Splits a leading date off text: "Mar 2021 - Software Engineer" → ("Mar 2021", "Software
/// Engineer", true), the flag saying whether the date ends in a dash (a range left open, whose
/// end may start the next line). `None` when the text does not start with a date.
pub(crate) fn leading_date(text: &str) -> Option<(String, String, bool)> {
    let words = date_words(text);
    let mut end = 0;
    let mut saw_year = false;
    while end < words.len() {
        let clean = words[end].trim_matches(|c: char| ",.()[]".contains(c)).to_lowercase();
        if is_date_word(&clean) {
            saw_year |= clean.chars().any(|c| c.is_ascii_digit());
        } else if !(saw_year && JOINERS.contains(&clean.as_str())) {
            break;
        }
        end += 1;
    }
    if !saw_year || end == words.len() {
        return None;
    }
    let open = ["-", "–", "—", "to"].contains(&words[end - 1]);
    let date_words =
        if open { words.get(..end - 1).unwrap_or_default() } else { words.get(..end).unwrap_or_default() };
    if date_words.last().is_some_and(|w| {
        !w.chars().any(|c| c.is_ascii_digit()) && !JOINERS.contains(&w.to_lowercase().as_str())
    }) {
        return None;
    }
    Some((date_words.join(" "), words.get(end..).unwrap_or_default().join(" "), open))
}

/// Splits text into words, cutting a word at a dash between dates ("2019–2021" → "2019", "–",
/// "2021"; "2019-present" likewise) so that ranges written without spaces read as ranges.
/// Other words ("Acme–Corp") stay whole.
fn date_words(text: &str) -> Vec<&str> {
    // The longest word cut: "September–December" has 18 characters, two dates with their
    // dash fit in 32, and a limit keeps the search from growing with a long word.
    const LONGEST: usize = 32;
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        if word.len() > LONGEST {
            out.push(word);
            continue;
        }
        let cut = word.char_indices().find(|&(i, c)| {
            let (a, b) = (word.get(..i).unwrap_or(""), word.get(i + c.len_utf8()..).unwrap_or(""));
            let dated = |s: &str| {
                let clean = s.trim_matches(|c: char| ",.()[]*_".contains(c)).to_lowercase();
                is_date_word(&clean) || JOINERS.contains(&clean.as_str())
            };
            (c == '–' || c == '—' || (c == '-' && !a.contains('-') && !b.contains('-')))
                && !a.is_empty()
                && !b.is_empty()
                && dated(a)
                && dated(b)
                && !(c == '-' && is_date_word(word))
        });
        match cut {
            Some((i, c)) => {
                let (a, rest) = word.split_at(i);
                let (dash, b) = rest.split_at(c.len_utf8());
                out.extend([a, dash, b]);
            }
            None => out.push(word),
        }
    }
    out
}

/// Whether a word is part of a date: a year, a month name, `2/2022`, `2021-03`, `12.2014`.
fn is_date_word(word: &str) -> bool {
    let word_alone = word.trim_end_matches('.');
    if super::dates::is_month(word_alone) || SEASONS.contains(&word_alone) {
        return true;
    }
    let year = |s: &str| s.len() == 4 && s.starts_with(['1', '2']) && s.chars().all(|c| c.is_ascii_digit());
    if year(word) {
        return true;
    }
    let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
    let separators = word.chars().filter(|c| !c.is_ascii_digit()).count();
    (parts.len() == 2 || parts.len() == 3)
        && separators == parts.len() - 1
        && parts.iter().all(|p| !p.is_empty())
        && parts.iter().any(|p| year(p))
}

#[cfg(test)]
mod tests;
