//! RenderCV's YAML input (version 2, and the version 1 names that differ) into a vitae profile.
//!
//! `cv:` gives the header and `sections:`, a map of titles to lists of entries whose type is
//! told by their keys, as RenderCV does: education (`institution`), experience (`company`),
//! normal (`name`), one-line (`label`), publication (`title`), bullet, numbered,
//! reversed-numbered and text (plain strings). RenderCV's Markdown (`**bold**`, `*italic*`,
//! links) is vitae's inline markup too, so it is kept; links vitae refuses are reduced to their
//! label. `design.theme` picks the closest bundled layout; `locale` gives the language.

use super::Ctx;
use super::common::{contact, contact_ok, put_dates, put_single, when};
use super::markup::{escape_plain, fix_markdown, normalize_url};
use super::tree::{Node, Value};
use super::yaml_out::{Map, Out};
use crate::profile::ProfileError;
use design::Overrides;
use entries::section;

mod design;
mod entries;

/// The top-level keys (`locale_catalog` and `rendercv_settings` are version 1's names).
const TOP: &[&str] = &["cv", "design", "locale", "locale_catalog", "settings", "rendercv_settings"];

/// The keys of `cv` (`label` is version 1's headline).
const CV: &[&str] = &[
    "name",
    "headline",
    "label",
    "location",
    "email",
    "phone",
    "photo",
    "website",
    "social_networks",
    "custom_connections",
    "sections",
];

/// Keys every dated entry may have.
const DATED: &[&str] = &["date", "start_date", "end_date", "location", "summary", "highlights"];

/// Web addresses of the networks vitae has no contact kind for, as RenderCV builds them.
const NETWORK_URLS: &[(&str, &str)] = &[
    ("imdb", "https://imdb.com/name/"),
    ("instagram", "https://instagram.com/"),
    ("orcid", "https://orcid.org/"),
    ("researchgate", "https://researchgate.net/profile/"),
    ("youtube", "https://youtube.com/@"),
    ("googlescholar", "https://scholar.google.com/citations?user="),
    ("telegram", "https://t.me/"),
    ("leetcode", "https://leetcode.com/u/"),
];

/// Month names and the word for "present" from a RenderCV `locale`: the language becomes the
/// profile's `lang`, words of its own the layout's `dates` options; returned for a caller too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderCvLocale {
    /// The language as a BCP 47 tag, when RenderCV's name for it is known.
    pub lang: Option<String>,
    /// Abbreviated month names, January first (empty when not given).
    pub months_short: Vec<String>,
    /// Full month names, January first (empty when not given).
    pub months_long: Vec<String>,
    /// The word for an ongoing end date.
    pub present: Option<String>,
}

/// Returns the bundled vitae layout closest to a RenderCV theme: `engineeringresumes` and
/// `engineeringclassic` (dense, one page) → `compact`; `moderncv`, `ink`, `opal` and `ember`
/// (sans, coloured) → `modern`; `classic`, `sb2nov`, `harvard` and anything else → `classic`.
pub fn layout_for_theme(theme: &str) -> &'static str {
    match theme.trim().to_ascii_lowercase().as_str() {
        "engineeringresumes" | "engineeringclassic" => "compact",
        "moderncv" | "ink" | "opal" | "ember" => "modern",
        _ => "classic",
    }
}

/// A converted RenderCV document.
pub(crate) struct Converted {
    /// The profile.
    pub root: Map,
    /// The layout for `design.theme`.
    pub layout: Option<&'static str>,
    /// The `locale`.
    pub locale: Option<RenderCvLocale>,
}

/// Converts a RenderCV document.
///
/// # Errors
///
/// A document without `cv`, an impossible date, or an end before its start.
pub(crate) fn convert(ctx: &mut Ctx, doc: &Node) -> Result<Converted, ProfileError> {
    let Some(cv) = doc.get("cv").filter(|c| c.is_map()) else {
        return Err(ctx.error(doc, "expected RenderCV input: a map with `cv:`"));
    };
    ctx.check_keys(doc, TOP, "the RenderCV file");
    ctx.check_keys(cv, CV, "`cv`");
    let mut root = Map::new();
    let mut fallback = Vec::new();
    header(ctx, &mut root, cv, &mut fallback);
    let mut overrides = Overrides::default();
    let layout = doc.get("design").map(|d| design::read(ctx, d, &mut overrides));
    if let Some(layout) = layout {
        root.put("layout", Out::Text(layout.to_owned()));
    }
    if !overrides.has(&["page", "paper"]) {
        // RenderCV's page size is US Letter unless the file says otherwise.
        overrides.set(&["page", "paper"], Out::Text("letter".into()));
    }
    let locale = first(doc, &["locale", "locale_catalog"]).map(|l| locale(ctx, &mut root, l, &mut overrides));
    let words = date_words(locale.as_ref(), cv);
    for template in std::mem::take(&mut overrides.date_templates) {
        design::date_template(ctx, &template, &mut overrides, &words);
    }
    root.note("RenderCV's design and locale as vitae's layout options (docs/layouts.md)");
    root.put("design", Out::Map(overrides.into_map()));
    let settings = first(doc, &["settings", "rendercv_settings"]);
    if let Some(updated) = settings.and_then(|s| s.get("current_date"))
        && let Some(super::common::When::Date(text, _)) = when(ctx, updated)
    {
        root.put("updated", Out::Text(text));
    }
    let mut sections = Vec::new();
    if !fallback.is_empty() {
        let mut m = Map::new();
        m.put("title", Out::Text(words.locale.titles.contact.clone()));
        m.put("entries", Out::List(fallback));
        sections.push(Out::Map(m));
    }
    for (title, entries) in cv.get("sections").map_or(&[][..], Node::entries) {
        sections.push(section(ctx, &title.name, entries)?);
    }
    root.list("sections", sections);
    Ok(Converted { root, layout, locale })
}

/// Returns the first of several keys that has a value.
fn first<'n>(node: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    keys.iter().find_map(|k| node.get(k))
}

/// Returns a key's Markdown made acceptable to vitae, noting links reduced to their label.
fn md(ctx: &mut Ctx, node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(|n| md_node(ctx, n))
}

/// Returns a node's Markdown made acceptable to vitae.
pub(super) fn md_node(ctx: &mut Ctx, node: &Node) -> Option<String> {
    let Some(text) = node.text() else {
        if node.is_map() || matches!(node.value, Value::List(_)) {
            ctx.wrong_shape(node, "text");
        }
        return None;
    };
    let mut problems = Vec::new();
    let fixed = fix_markdown(&text, &mut problems);
    for p in problems {
        ctx.dropped(node, p);
    }
    Some(fixed)
}

// ---------------------------------------------------------------------------------------------
// Header, design, locale
// ---------------------------------------------------------------------------------------------

/// Converts the header: name, headline, location, contacts and photo. Contacts vitae cannot
/// represent are noted and left out; custom connections without an address go to `fallback`.
fn header(ctx: &mut Ctx, root: &mut Map, cv: &Node, fallback: &mut Vec<Out>) {
    root.text("name", md(ctx, cv, "name"));
    root.text("headline", first(cv, &["headline", "label"]).and_then(|n| md_node(ctx, n)));
    root.text("location", md(ctx, cv, "location"));
    let mut contacts = Vec::new();
    if let Some(node) = cv.get("email") {
        add_contact(ctx, &mut contacts, node, "email", node.text());
    }
    if let Some(node) = cv.get("phone") {
        let phone = node.text().map(|p| p.trim_start_matches("tel:").replace('-', " "));
        add_contact(ctx, &mut contacts, node, "phone", phone);
    }
    if let Some(node) = cv.get("website") {
        add_contact(ctx, &mut contacts, node, "url", node.text().and_then(|u| normalize_url(&u)));
    }
    for network in cv.get("social_networks").map_or(&[][..], Node::items) {
        social(ctx, &mut contacts, network);
    }
    for custom in cv.get("custom_connections").map_or(&[][..], Node::items) {
        custom_connection(ctx, &mut contacts, fallback, custom);
    }
    root.list("contacts", contacts);
    if let Some(photo) = cv.get("photo")
        && let Some(path) = photo.text().and_then(|t| ctx.photo(photo, &t))
    {
        root.put("photo", Out::Text(path));
    }
}

/// Adds a contact vitae accepts, or notes that it is left out.
fn add_contact(ctx: &mut Ctx, contacts: &mut Vec<Out>, node: &Node, key: &str, value: Option<String>) {
    match value {
        Some(v) if contact_ok(key, &v) => contacts.push(contact(key, &v, None)),
        _ => ctx.dropped(node, format!("this {key} is not one vitae can print; left out")),
    }
}

/// Adds a social network: a vitae contact kind, or a web address labelled with the network.
fn social(ctx: &mut Ctx, contacts: &mut Vec<Out>, node: &Node) {
    ctx.check_keys(node, &["network", "username"], "a social network");
    let (Some(network), Some(user)) = (node.text_of("network"), node.text_of("username")) else {
        ctx.wrong_shape(node, "`network` and `username`");
        return;
    };
    let name: String = network.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    let key = match name.as_str() {
        "linkedin" => Some("linkedin"),
        "github" => Some("github"),
        "gitlab" => Some("gitlab"),
        "mastodon" => Some("mastodon"),
        "stackoverflow" => Some("stackoverflow"),
        "x" | "twitter" => Some("twitter"),
        _ => None,
    };
    if let Some(key) = key.filter(|k| contact_ok(k, &user)) {
        contacts.push(contact(key, &user, None));
        return;
    }
    let url = NETWORK_URLS.iter().find(|(n, _)| *n == name).map(|(_, base)| format!("{base}{user}"));
    match url.filter(|u| contact_ok("url", u)) {
        Some(u) => contacts.push(contact("url", &u, Some(format!("{network}: {user}")))),
        None => ctx
            .dropped(node, format!("the {network} account `{user}` is not one vitae can link to; left out")),
    }
}

/// Adds a custom connection (`placeholder`, `url`, `fontawesome_icon`): a web address labelled
/// with its placeholder, or the placeholder alone as a row of the fallback section. The icon
/// is noted: vitae's contacts have their own.
fn custom_connection(ctx: &mut Ctx, contacts: &mut Vec<Out>, fallback: &mut Vec<Out>, node: &Node) {
    ctx.check_keys(node, &["placeholder", "url", "fontawesome_icon"], "a custom connection");
    if let Some(icon) = node.get("fontawesome_icon").filter(|i| i.text().is_some()) {
        ctx.dropped(icon, "the icon of a custom connection is not carried over");
    }
    let label = node.text_of("placeholder");
    let url = node.text_of("url").and_then(|u| normalize_url(&u)).filter(|u| contact_ok("url", u));
    match (url, label) {
        (Some(url), label) => contacts.push(contact("url", &url, label)),
        (None, Some(label)) => {
            if let Some(u) = node.get("url").filter(|u| u.text().is_some()) {
                ctx.dropped(u, "not a web address vitae can link to; the placeholder is printed alone");
            }
            fallback.push(Out::Text(escape_plain(&label)));
        }
        (None, None) => ctx.wrong_shape(node, "a `placeholder` or a `url`"),
    }
}

/// Reads `locale` (or version 1's `locale_catalog`): the language becomes `lang`; its own month
/// names and word for "present" become `design: dates:` overrides, and its date template
/// (`date_template`, version 1's `date_style`) the month style when vitae has it.
fn locale(ctx: &mut Ctx, root: &mut Map, node: &Node, overrides: &mut Overrides) -> RenderCvLocale {
    let lang = node.text_of("language").and_then(|l| bcp47(&l));
    if let Some(lang) = &lang {
        root.put("lang", Out::Text(lang.clone()));
    }
    let locale = RenderCvLocale {
        lang,
        months_short: texts(node, &["month_abbreviations", "abbreviations_for_months"]),
        months_long: texts(node, &["month_names", "full_names_of_months"]),
        present: node.text_of("present"),
    };
    if is_custom(&locale) {
        locale_design(&locale, overrides);
    }
    if let Some(template) = first(node, &["date_template", "date_style"]) {
        overrides.date_templates.push(template.clone());
    }
    for (key, value) in node.entries().iter().filter(|(k, _)| !LOCALE_READ.contains(&k.name.as_str())) {
        let shown = value.text().map_or(String::new(), |t| format!(": {t}"));
        let message =
            format!("RenderCV's `locale.{}{shown}` has no counterpart in vitae; left out", key.name);
        ctx.drop_at(key.line, key.column, message);
    }
    locale
}

/// Whether a RenderCV locale has words of its own (else it is English's, and vitae's are used).
fn is_custom(locale: &RenderCvLocale) -> bool {
    locale.present.as_deref().is_some_and(|p| p != "present")
        || locale.months_long.first().is_some_and(|m| m != "January")
        || locale.months_short.iter().zip(ENGLISH_SHORT).any(|(a, b)| a != b)
}

/// Returns the words dates print with: the locale's language (else the language of the `cv`'s
/// text), and its month names when they become the layout's (twelve, of its own).
fn date_words(locale: Option<&RenderCvLocale>, cv: &Node) -> design::DateWords {
    let lang = locale.and_then(|l| l.lang.as_deref());
    let own = locale.filter(|l| is_custom(l));
    let twelve = |names: &Vec<String>| <[String; 12]>::try_from(names.clone()).ok();
    design::DateWords {
        locale: super::common::document_locale(lang, cv),
        long: own.and_then(|l| twelve(&l.months_long)),
        short: own.and_then(|l| twelve(&l.months_short)),
    }
}

/// The keys of `locale` (and version 1's `locale_catalog`) that are carried over.
const LOCALE_READ: &[&str] = &[
    "language",
    "month_abbreviations",
    "abbreviations_for_months",
    "month_names",
    "full_names_of_months",
    "present",
    "date_template",
    "date_style",
];

/// Adds a RenderCV locale's words as `design: dates:` overrides (twelve-name lists only).
fn locale_design(locale: &RenderCvLocale, overrides: &mut Overrides) {
    if let Some(p) = &locale.present {
        overrides.set(&["dates", "present"], Out::Text(p.clone()));
    }
    let list = |names: &[String]| Out::List(names.iter().cloned().map(Out::Text).collect());
    if locale.months_long.len() == 12 {
        overrides.set(&["dates", "month-names"], list(&locale.months_long));
    }
    if locale.months_short.len() == 12 {
        overrides.set(&["dates", "short-month-names"], list(&locale.months_short));
    }
}

/// English month abbreviations as vitae prints them.
const ENGLISH_SHORT: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Returns the text items of the first key that has a list.
fn texts(node: &Node, keys: &[&str]) -> Vec<String> {
    first(node, keys).map(|n| n.items().iter().filter_map(Node::text).collect()).unwrap_or_default()
}

/// Returns the BCP 47 tag of a RenderCV language name (`english`, `mandarin_chinese`, or any
/// language vitae has a locale for, by its English name: `hungarian`) or code.
fn bcp47(language: &str) -> Option<String> {
    const NAMES: &[(&str, &str)] = &[
        ("english", "en"),
        ("german", "de"),
        ("french", "fr"),
        ("spanish", "es"),
        ("portuguese", "pt"),
        ("italian", "it"),
        ("dutch", "nl"),
        ("hindi", "hi"),
        ("turkish", "tr"),
        ("mandarin_chinese", "zh"),
        ("chinese", "zh"),
        ("japanese", "ja"),
        ("korean", "ko"),
        ("russian", "ru"),
        ("danish", "da"),
        ("norwegian_bokmål", "nb"),
        ("norwegian_nynorsk", "nn"),
        ("swedish", "sv"),
        ("polish", "pl"),
        ("arabic", "ar"),
        ("hebrew", "he"),
        ("persian", "fa"),
        ("indonesian", "id"),
        ("greek", "el"),
        ("finnish", "fi"),
        ("czech", "cs"),
        ("ukrainian", "uk"),
        ("vietnamese", "vi"),
    ];
    let name = language.trim().to_lowercase().replace([' ', '-'], "_");
    if let Some((_, tag)) = NAMES.iter().find(|(n, _)| *n == name) {
        return Some((*tag).to_owned());
    }
    if let Some(locale) = crate::locale::by_name(&name.replace('_', " ")) {
        return Some(locale.tag.clone());
    }
    let code = language.trim();
    let valid = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphabetic());
    valid.then(|| code.to_ascii_lowercase())
}

#[cfg(test)]
mod tests;
