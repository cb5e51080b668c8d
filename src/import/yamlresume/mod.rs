//! YAMLResume (<https://yamlresume.dev>) into a vitae profile.
//!
//! A YAMLResume file has `content:` (the résumé: `basics`, `location`, `profiles` and the
//! sections, with JSON Resume's keys for the most part), `locale:` (the language of the
//! template's words) and `layouts:` (one per output engine: margins, font size, template,
//! section titles and order; version 0.4's single `layout:` is read too). Its `summary` fields
//! are Markdown with bold, italic, links and lists: paragraphs become vitae's summary, list
//! items its points. Other text is plain and is escaped. Dates are what JavaScript's `Date`
//! reads (`Jul 2024`, `July 1, 2024`, `2024-07`), and an empty end date means "present".
//! The mapping of each key is listed in `docs/formats.md`.

mod layout;

use super::Ctx;
use super::common::{document_locale, put_dates, put_single, when};
use super::jsonresume::{contacts, entry, put_linked, row_or_bullet, score, section, text, texts, url};
use super::markup::{escape_plain, fix_markdown};
use super::tree::{Node, Value};
use super::yaml_out::{Map, Out};
use crate::profile::ProfileError;
use layout::Layout;

/// The top-level keys (`layout` is version 0.4's single layout).
const TOP: &[&str] = &["content", "locale", "layouts", "layout"];

/// The sections of `content`, in the order YAMLResume's templates print them, with the key of
/// their title among the locale's titles (`crate::locale::Titles`; in English YAMLResume's
/// own words, "Work" and "Volunteer").
const SECTIONS: &[(&str, &str)] = &[
    ("education", "education"),
    ("work", "work"),
    ("languages", "languages"),
    ("skills", "skills"),
    ("awards", "awards"),
    ("certificates", "certificates"),
    ("publications", "publications"),
    ("references", "references"),
    ("projects", "projects"),
    ("interests", "interests"),
    ("volunteer", "volunteer"),
];

/// The keys of `content` that are not sections.
const HEADER_KEYS: &[&str] = &["basics", "location", "profiles"];

/// YAMLResume's `locale.language` values and the BCP 47 tags vitae uses for them.
const LANGUAGES: &[(&str, &str)] = &[
    ("en", "en"),
    ("zh-hans", "zh-Hans"),
    ("zh-hant-hk", "zh-Hant-HK"),
    ("zh-hant-tw", "zh-Hant-TW"),
    ("es", "es"),
    ("fr", "fr"),
    ("no", "no"),
];

/// Converts a YAMLResume document into a profile map and the bundled layout closest to its
/// template.
///
/// # Errors
///
/// A document without `content`, or an end date before its start.
pub(crate) fn convert(ctx: &mut Ctx, doc: &Node) -> Result<(Map, Option<&'static str>), ProfileError> {
    let Some(content) = doc.get("content").filter(|c| c.is_map()) else {
        return Err(ctx
            .error(doc, "expected YAMLResume input: a map with `content:`")
            .with_hint("see https://yamlresume.dev/docs"));
    };
    ctx.loose_dates = true;
    ctx.check_keys(doc, TOP, "the YAMLResume file");
    let known: Vec<&str> = HEADER_KEYS.iter().chain(SECTIONS.iter().map(|(k, _)| k)).copied().collect();
    ctx.check_keys(content, &known, "`content`");
    let mut root = Map::new();
    let mut fallback = Vec::new();
    header(ctx, &mut root, content, &mut fallback);
    let layout = Layout::read(ctx, doc);
    let lang = language(ctx, doc);
    if let Some(lang) = &lang {
        root.put("lang", Out::Text(lang.clone()));
    }
    // Section titles in the document's language, as YAMLResume's templates translate them.
    let locale = document_locale(lang.as_deref(), content);
    layout.design_into(&mut root);
    let mut sections = Vec::new();
    if !fallback.is_empty() {
        sections.push(section(&locale.titles.contact, fallback));
    }
    for (key, title_key) in layout.order() {
        let Some(items) = content.get(key) else { continue };
        let title = locale.titles.get(title_key).unwrap_or(title_key).to_owned();
        let title = layout.aliases.iter().find(|(k, _)| k == key).map_or(title, |(_, a)| a.clone());
        if let Some(s) = convert_section(ctx, key, &title, items)? {
            sections.push(s);
        }
    }
    root.list("sections", sections);
    Ok((root, layout.template))
}

// ---------------------------------------------------------------------------------------------
// Header
// ---------------------------------------------------------------------------------------------

/// Converts `basics`, `location` and `profiles` into the header; contacts vitae cannot check
/// go to `fallback` as rows.
fn header(ctx: &mut Ctx, root: &mut Map, content: &Node, fallback: &mut Vec<Out>) {
    let empty = Node { value: Value::Null, line: 0, column: 0 };
    let basics = content.get("basics").unwrap_or(&empty);
    let known = ["name", "headline", "email", "phone", "url", "summary"];
    ctx.check_keys(basics, &known, "`basics`");
    root.text("name", text(ctx, basics, "name"));
    root.text("headline", text(ctx, basics, "headline"));
    root.text("location", content.get("location").and_then(|l| location(ctx, l)));
    let contacts = contacts(ctx, basics, basics.get("url"), content.get("profiles"), "`profiles`", fallback);
    root.list("contacts", contacts);
    if let Some(summary) = basics.get("summary") {
        let blocks = markdown(ctx, summary);
        let bullets = blocks.points.iter().map(|p| format!("• {}", point_text(p)));
        let paragraphs: Vec<String> = blocks.paragraphs.into_iter().chain(bullets).collect();
        root.text("summary", Some(paragraphs.join("\n\n")));
    }
}

/// Returns the text of a point, its nested points after it separated by "; ".
fn point_text(point: &Out) -> String {
    match point {
        Out::Text(t) => t.clone(),
        Out::Map(m) => {
            let fields = m.clone().into_fields();
            let parts: Vec<String> = fields
                .into_iter()
                .flat_map(|(_, v)| match v {
                    Out::List(items) => items.iter().map(point_text).collect(),
                    other => vec![point_text(&other)],
                })
                .collect();
            parts.join("; ")
        }
        _ => String::new(),
    }
}

/// Writes a location as one line: "address, city, region postalCode, country".
fn location(ctx: &mut Ctx, node: &Node) -> Option<String> {
    if !node.is_map() {
        return node.text().map(|t| escape_plain(&t));
    }
    ctx.check_keys(node, &["address", "city", "region", "country", "postalCode"], "`location`");
    let region = [node.text_of("region"), node.text_of("postalCode")].into_iter().flatten();
    let region = region.collect::<Vec<_>>().join(" ");
    let parts = [node.text_of("address"), node.text_of("city"), Some(region), node.text_of("country")];
    let parts: Vec<String> = parts.into_iter().flatten().filter(|p| !p.is_empty()).collect();
    (!parts.is_empty()).then(|| escape_plain(&parts.join(", ")))
}

/// Reads `locale.language` (or version 0.4's `layout.locale.language`) as a BCP 47 tag.
fn language(ctx: &mut Ctx, doc: &Node) -> Option<String> {
    let locale = doc.get("locale").or_else(|| doc.get("layout").and_then(|l| l.get("locale")))?;
    ctx.check_keys(locale, &["language"], "`locale`");
    let node = locale.get("language")?;
    let written = node.text()?;
    let found = LANGUAGES.iter().find(|(k, _)| k.eq_ignore_ascii_case(&written));
    if found.is_none() {
        ctx.dropped(node, format!("the language `{written}` is not one YAMLResume defines; left out"));
    }
    found.map(|(_, tag)| (*tag).to_owned())
}

// ---------------------------------------------------------------------------------------------
// Sections and entries
// ---------------------------------------------------------------------------------------------

/// A function converting one entry of a section.
type EntryFn = fn(&mut Ctx, &Node) -> Result<Option<Out>, ProfileError>;

/// Converts one section of `content`, if it has entries.
fn convert_section(ctx: &mut Ctx, key: &str, title: &str, items: &Node) -> Result<Option<Out>, ProfileError> {
    let convert: EntryFn = match key {
        "education" => education,
        "work" => work,
        "languages" => language_row,
        "skills" => skill,
        "awards" => award,
        "certificates" => certificate,
        "publications" => publication,
        "references" => reference,
        "projects" => project,
        "interests" => interest,
        "volunteer" => volunteer,
        _ => return Ok(None),
    };
    let mut entries = Vec::new();
    for item in items.items() {
        if !item.is_map() {
            ctx.wrong_shape(item, &format!("a map in `{key}`"));
            continue;
        }
        entries.extend(convert(ctx, item)?);
    }
    Ok((!entries.is_empty()).then(|| section(title, entries)))
}

/// Converts an `education` entry: the degree, area, institution (linked), score and dates;
/// the summary's paragraphs and points; the courses as a footer, as YAMLResume prints them.
fn education(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known =
        ["institution", "url", "degree", "area", "score", "startDate", "endDate", "courses", "summary"];
    ctx.check_keys(node, &known, "an `education` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("education".into()));
    m.text("degree", text(ctx, node, "degree"));
    m.text("area", text(ctx, node, "area"));
    put_linked(ctx, &mut m, "institution", node, &["institution"], &["url"]);
    m.text("score", node.text_of("score").map(|s| score(&s)));
    dates_and_summary(ctx, &mut m, node)?;
    labelled_footer(ctx, &mut m, node, "courses", "Courses");
    Ok(entry(m))
}

/// Converts a `work` entry: the position at the company (linked), dates, summary and keywords.
fn work(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = ["name", "url", "position", "startDate", "endDate", "summary", "keywords"];
    ctx.check_keys(node, &known, "a `work` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("experience".into()));
    m.text("position", text(ctx, node, "position"));
    put_linked(ctx, &mut m, "organization", node, &["name"], &["url"]);
    dates_and_summary(ctx, &mut m, node)?;
    labelled_footer(ctx, &mut m, node, "keywords", "Keywords");
    Ok(entry(m))
}

/// Converts a `volunteer` entry into an experience entry.
fn volunteer(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = ["organization", "url", "position", "startDate", "endDate", "summary"];
    ctx.check_keys(node, &known, "a `volunteer` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("experience".into()));
    m.text("position", text(ctx, node, "position"));
    put_linked(ctx, &mut m, "organization", node, &["organization"], &["url"]);
    dates_and_summary(ctx, &mut m, node)?;
    Ok(entry(m))
}

/// Converts a `projects` entry: the name (linked), the description before the summary, dates
/// and keywords.
fn project(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    let known = ["name", "url", "description", "startDate", "endDate", "summary", "keywords"];
    ctx.check_keys(node, &known, "a `projects` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("project".into()));
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    let description = text(ctx, node, "description");
    put_dates(ctx, &mut m, node.get("startDate"), node.get("endDate"))?;
    summary_into(ctx, &mut m, node, description);
    labelled_footer(ctx, &mut m, node, "keywords", "Keywords");
    Ok(entry(m))
}

/// Converts an `awards` entry into an award entry: the awarder is the venue.
fn award(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["title", "awarder", "date", "summary"], "an `awards` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "title"));
    m.text("venue", text(ctx, node, "awarder"));
    single_date(ctx, &mut m, node.get("date"));
    summary_into(ctx, &mut m, node, None);
    Ok(entry(m))
}

/// Converts a `certificates` entry into an award entry: the issuer is the venue.
fn certificate(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "issuer", "date", "url"], "a `certificates` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("award".into()));
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    m.text("venue", text(ctx, node, "issuer"));
    single_date(ctx, &mut m, node.get("date"));
    Ok(entry(m))
}

/// Converts a `publications` entry: the publisher is the venue, `releaseDate` the date.
fn publication(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "publisher", "releaseDate", "url", "summary"], "a `publications` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("publication".into()));
    m.text("name", text(ctx, node, "name"));
    let url = url(ctx, &mut m, node);
    m.text("url", url);
    m.text("venue", text(ctx, node, "publisher"));
    single_date(ctx, &mut m, node.get("releaseDate"));
    summary_into(ctx, &mut m, node, None);
    Ok(entry(m))
}

/// Converts a `references` entry: the name, the relationship as the venue, the summary, and
/// the e-mail address and phone number as a footer.
fn reference(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "relationship", "email", "phone", "summary"], "a `references` entry");
    let mut m = Map::new();
    m.put("kind", Out::Text("project".into()));
    m.text("name", text(ctx, node, "name"));
    m.text("venue", text(ctx, node, "relationship"));
    summary_into(ctx, &mut m, node, None);
    let reach: Vec<String> = ["email", "phone"].iter().filter_map(|k| text(ctx, node, k)).collect();
    if !reach.is_empty() {
        m.append("footer", reach.join(" · "), "\n\n");
    }
    Ok(entry(m))
}

/// Converts a `skills` entry into a row "name: keywords (level)".
fn skill(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "level", "keywords"], "a `skills` entry");
    let details = with_parenthesis(texts(ctx, node, "keywords").join(", "), text(ctx, node, "level"));
    Ok(row_or_bullet(text(ctx, node, "name"), details))
}

/// Converts a `languages` entry into a row "language: fluency (keywords)".
fn language_row(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["language", "fluency", "keywords"], "a `languages` entry");
    let keywords = texts(ctx, node, "keywords").join(", ");
    let details = match text(ctx, node, "fluency") {
        Some(fluency) => with_parenthesis(fluency, (!keywords.is_empty()).then_some(keywords)),
        None => Some(keywords),
    };
    Ok(row_or_bullet(text(ctx, node, "language"), details))
}

/// Converts an `interests` entry into a row "name: keywords".
fn interest(ctx: &mut Ctx, node: &Node) -> Result<Option<Out>, ProfileError> {
    ctx.check_keys(node, &["name", "keywords"], "an `interests` entry");
    let keywords = texts(ctx, node, "keywords").join(", ");
    Ok(row_or_bullet(text(ctx, node, "name"), Some(keywords)))
}

/// Returns "main (extra)", or whichever of the two is given.
fn with_parenthesis(main: String, extra: Option<String>) -> Option<String> {
    match (main.is_empty(), extra) {
        (false, Some(extra)) => Some(format!("{main} ({extra})")),
        (false, None) => Some(main),
        (true, extra) => extra,
    }
}

/// Adds `startDate`/`endDate` and the summary.
fn dates_and_summary(ctx: &mut Ctx, m: &mut Map, node: &Node) -> Result<(), ProfileError> {
    put_dates(ctx, m, node.get("startDate"), node.get("endDate"))?;
    summary_into(ctx, m, node, None);
    Ok(())
}

/// Adds a single date.
fn single_date(ctx: &mut Ctx, m: &mut Map, node: Option<&Node>) {
    if let Some(w) = node.and_then(|n| when(ctx, n)) {
        put_single(m, w);
    }
}

/// Adds a `summary` in Markdown: its paragraphs (after `lead`, when given) as the summary, its
/// list items as the points (numbered when the list is).
fn summary_into(ctx: &mut Ctx, m: &mut Map, node: &Node, lead: Option<String>) {
    let blocks = node.get("summary").map(|s| markdown(ctx, s)).unwrap_or_default();
    let paragraphs: Vec<String> = lead.into_iter().chain(blocks.paragraphs).collect();
    m.text("summary", Some(paragraphs.join("\n\n")));
    if blocks.numbered && !blocks.points.is_empty() {
        m.put("numbered", Out::Bool(true));
    }
    m.list("highlights", blocks.points);
}

/// Adds a list of keywords as a footer "**Label:** a, b, c".
fn labelled_footer(ctx: &mut Ctx, m: &mut Map, node: &Node, key: &str, label: &str) {
    let items = texts(ctx, node, key);
    if !items.is_empty() {
        m.append("footer", format!("**{label}:** {}", items.join(", ")), "\n\n");
    }
}

// ---------------------------------------------------------------------------------------------
// Markdown summaries
// ---------------------------------------------------------------------------------------------

/// A Markdown summary cut into paragraphs and list items.
#[derive(Default)]
struct Blocks {
    /// Paragraphs, in vitae's inline markup.
    paragraphs: Vec<String>,
    /// List items: text, or a map of text and nested points.
    points: Vec<Out>,
    /// Whether the first list is numbered.
    numbered: bool,
}

/// A list item being read: its text and nested items.
struct Item {
    text: String,
    children: Vec<String>,
}

/// Cuts a Markdown summary into paragraphs (blank lines between them) and list items (`-`,
/// `*`, `+` or `1.`); an item indented under another is nested, a line that is not an item
/// continues the paragraph or item above it. Each piece is made acceptable to vitae's markup,
/// links vitae refuses being noted at the summary.
fn markdown(ctx: &mut Ctx, node: &Node) -> Blocks {
    let Some(source) = node.text() else {
        if !matches!(node.value, Value::Null) {
            ctx.wrong_shape(node, "text");
        }
        return Blocks::default();
    };
    let mut blocks = Blocks::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut saw_list = false;
    for line in source.lines() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush_paragraph(&mut blocks, &mut paragraph);
            continue;
        }
        if let Some((rest, ordered)) = list_item(trimmed) {
            flush_paragraph(&mut blocks, &mut paragraph);
            if !saw_list {
                blocks.numbered = ordered;
                saw_list = true;
            }
            match items.last_mut() {
                Some(parent) if indent >= 2 => parent.children.push(rest.to_owned()),
                _ => items.push(Item { text: rest.to_owned(), children: Vec::new() }),
            }
        } else if indent >= 2
            && paragraph.is_empty()
            && let Some(last) = items.last_mut()
        {
            let target = last.children.last_mut().unwrap_or(&mut last.text);
            target.push(' ');
            target.push_str(trimmed);
        } else {
            paragraph.push(trimmed);
        }
    }
    flush_paragraph(&mut blocks, &mut paragraph);
    let mut problems = Vec::new();
    blocks.paragraphs = blocks.paragraphs.iter().map(|p| fix_markdown(p, &mut problems)).collect();
    blocks.points = items.into_iter().map(|item| point(item, &mut problems)).collect();
    for p in problems {
        ctx.dropped(node, p);
    }
    blocks
}

/// Ends the paragraph being read.
fn flush_paragraph(blocks: &mut Blocks, lines: &mut Vec<&str>) {
    if !lines.is_empty() {
        blocks.paragraphs.push(lines.join(" "));
        lines.clear();
    }
}

/// Returns a list item's text and whether it is numbered, when the line starts one.
fn list_item(line: &str) -> Option<(&str, bool)> {
    if let Some(rest) = line.strip_prefix(['-', '*', '+']).and_then(|r| r.strip_prefix(' ')) {
        // `**bold**` at the start of a paragraph is not an item: it has no space after `*`.
        return Some((rest.trim(), false));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    // CommonMark's limit: an ordered item's number has at most nine digits.
    let rest = line.get(digits..).filter(|_| (1..=9).contains(&digits))?;
    let rest = rest.strip_prefix(['.', ')'])?.strip_prefix(' ')?;
    Some((rest.trim(), true))
}

/// Builds a point from a list item.
fn point(item: Item, problems: &mut Vec<String>) -> Out {
    let text = fix_markdown(&item.text, problems);
    if item.children.is_empty() {
        return Out::Text(text);
    }
    let children = item.children.iter().map(|c| Out::Text(fix_markdown(c, problems))).collect();
    let mut m = Map::new();
    m.put("text", Out::Text(text));
    m.put("highlights", Out::List(children));
    Out::Map(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_are_told_from_emphasis_and_years() {
        assert_eq!(list_item("- item"), Some(("item", false)));
        assert_eq!(list_item("2. second"), Some(("second", true)));
        assert_eq!(list_item("**bold** start"), None);
        assert_eq!(list_item("2024. A year"), Some(("A year", true)));
        assert_eq!(list_item("1234567890. long"), None);
    }
}
