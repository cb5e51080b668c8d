//! RenderCV's `design:` (version 2: `page`, `colors`, `typography`, `links`, `header`,
//! `section_titles`, `templates`; version 1's `text` and `colors.text`) read onto vitae's
//! layout options, written as the profile's `design:` overrides (`docs/layouts.md`). Every
//! option is visited: what has a counterpart is carried over, everything else is noted by its
//! key, never dropped silently.

use super::Ctx;
use super::layout_for_theme;
use crate::import::tree::{Key, Node};
use crate::import::yaml_out::{Map, Out};
use crate::locale::Locale;
use crate::strings::slice;
use crate::theme::MonthStyle;

/// Layout options for the profile's `design:`, by path, in the order they were set.
#[derive(Debug, Default)]
pub(crate) struct Overrides {
    entries: Vec<(Vec<String>, Out)>,
    /// The date templates met (`design.templates.single_date`, then `locale.date_template`),
    /// read by [`date_template`] once the document's language is known.
    pub date_templates: Vec<Node>,
}

impl Overrides {
    /// Sets an option; a later value for the same path replaces the earlier one in its place.
    pub fn set(&mut self, path: &[&str], value: Out) {
        let path: Vec<String> = path.iter().map(|p| (*p).to_owned()).collect();
        match self.entries.iter_mut().find(|(p, _)| *p == path) {
            Some((_, old)) => *old = value,
            None => self.entries.push((path, value)),
        }
    }

    /// Whether an option is set.
    pub fn has(&self, path: &[&str]) -> bool {
        self.entries.iter().any(|(p, _)| p.iter().map(String::as_str).eq(path.iter().copied()))
    }

    /// Returns the options as nested maps, keys in the order first set.
    pub fn into_map(self) -> Map {
        nest(self.entries)
    }
}

/// Builds nested maps from paths.
fn nest(entries: Vec<(Vec<String>, Out)>) -> Map {
    let mut heads: Vec<String> = Vec::new();
    for (path, _) in &entries {
        if let Some(head) = path.first().filter(|h| !heads.contains(h)) {
            heads.push(head.clone());
        }
    }
    let mut map = Map::new();
    for head in heads {
        let mine: Vec<(Vec<String>, Out)> =
            entries.iter().filter(|(p, _)| p.first() == Some(&head)).cloned().collect();
        match mine.iter().find(|(p, _)| p.len() == 1) {
            Some((_, leaf)) => map.put(&head, leaf.clone()),
            None => {
                let deeper =
                    mine.into_iter().map(|(p, v)| (p.get(1..).unwrap_or_default().to_vec(), v)).collect();
                map.put(&head, Out::Map(nest(deeper)));
            }
        }
    }
    map
}

/// Reads `design`, carrying what vitae's layouts can express into `overrides` and noting the
/// rest; returns the bundled layout closest to `design.theme`.
pub(crate) fn read(ctx: &mut Ctx, design: &Node, overrides: &mut Overrides) -> &'static str {
    let mut path = Vec::new();
    walk(ctx, design, &mut path, overrides);
    layout_for_theme(&design.text_of("theme").unwrap_or_else(|| "classic".into()))
}

/// Visits every option under a map.
fn walk(ctx: &mut Ctx, node: &Node, path: &mut Vec<String>, overrides: &mut Overrides) {
    for (key, value) in node.entries() {
        path.push(key.name.clone());
        // A per-element font family is a map read as one option.
        if value.is_map() && path.join(".") != "typography.font_family" {
            walk(ctx, value, path, overrides);
        } else {
            option(ctx, key, value, &path.join("."), overrides);
        }
        path.pop();
    }
}

/// The roles RenderCV's body font covers: everything but the header and section titles.
const BODY_ROLES: &[&str] = &["body", "title", "subtitle", "meta", "small"];

/// Carries one option over, or notes it.
fn option(ctx: &mut Ctx, key: &Key, value: &Node, path: &str, o: &mut Overrides) {
    let text = value.text().unwrap_or_default();
    let carried = match path {
        "theme" => true,
        "page.size" => paper(&text).map(|p| o.set(&["page", "paper"], Out::Text(p.into()))).is_some(),
        "page.top_margin" | "page.bottom_margin" | "page.left_margin" | "page.right_margin" => {
            let side = path.trim_start_matches("page.").trim_end_matches("_margin");
            length(&text).map(|l| o.set(&["page", side], Out::Text(l))).is_some()
        }
        "colors.body" | "colors.text" => set_color(o, &["roles", "body", "color"], &text),
        "colors.name" => set_color(o, &["roles", "name", "color"], &text),
        "colors.headline" => set_color(o, &["roles", "headline", "color"], &text),
        "colors.connections" => set_color(o, &["roles", "contacts", "color"], &text),
        "colors.section_titles" => {
            set_color(o, &["colors", "rule"], &text) && set_color(o, &["roles", "section", "color"], &text)
        }
        "colors.links" => set_color(o, &["colors", "link"], &text),
        "colors.footer" | "colors.last_updated_date_and_page_numbers" => {
            set_color(o, &["roles", "small", "color"], &text)
        }
        "typography.font_family" | "text.font_family" => match value.is_map() {
            true => font_families(ctx, value, o),
            false => {
                font(ctx, key, value, &["name", "headline", "contacts", "section"], o)
                    && font(ctx, key, value, BODY_ROLES, o)
            }
        },
        "typography.font_size.body" | "text.font_size" => font_size(o, "body", &text),
        "typography.font_size.name" => font_size(o, "name", &text),
        "typography.font_size.headline" => font_size(o, "headline", &text),
        "typography.font_size.connections" => font_size(o, "contacts", &text),
        "typography.font_size.section_titles" => font_size(o, "section", &text),
        "typography.alignment" | "text.alignment" => alignment(o, &text),
        "links.underline" => {
            o.set(&["links"], Out::Text(if text == "true" { "underline" } else { "color" }.into()));
            true
        }
        "header.alignment" if text == "left" || text == "center" => {
            o.set(&["header", "align"], Out::Text(text.clone()));
            true
        }
        "header.connections.separator" if !text.is_empty() => {
            o.set(&["header", "separator"], Out::Text(format!("  {text}  ")));
            true
        }
        "header.connections.phone_number_format" => {
            ctx.drop_at(key.line, key.column, format!("RenderCV's `design.{path}: {text}` is not carried over: vitae prints phone numbers as written"));
            return;
        }
        "section_titles.type" => section_rule(ctx, key, &text, o),
        "section_titles.line_thickness" => {
            length(&text).map(|l| o.set(&["section-title", "rule-thickness"], Out::Text(l))).is_some()
        }
        "templates.single_date" => {
            o.date_templates.push(value.clone());
            return;
        }
        "templates.date_range" => date_range(o, &text),
        _ => false,
    };
    if !carried {
        let shown = if text.is_empty() { String::new() } else { format!(": {text}") };
        let message =
            format!("RenderCV's `design.{path}{shown}` has no counterpart in vitae's layouts; left out");
        ctx.drop_at(key.line, key.column, message);
    }
}

/// Returns vitae's paper for a RenderCV page size.
fn paper(size: &str) -> Option<&'static str> {
    Some(match size.trim().to_ascii_lowercase().as_str() {
        "a4" => "a4",
        "a5" => "a5",
        "us-letter" | "letter" => "letter",
        "us-legal" | "legal" => "legal",
        _ => return None,
    })
}

/// Returns a length in a unit vitae reads (`pt`, `mm`, `cm`, `in`); RenderCV's `em` and `ex`
/// depend on the font and have no fixed value.
fn length(text: &str) -> Option<String> {
    let compact: String = text.split_whitespace().collect();
    let unit_at = compact.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = compact.split_at(unit_at);
    let number_ok = number.parse::<f64>().is_ok_and(|n| n >= 0.0);
    (number_ok && ["pt", "mm", "cm", "in"].contains(&unit)).then_some(compact)
}

/// Sets a colour when vitae reads it; returns whether it did.
fn set_color(o: &mut Overrides, path: &[&str], text: &str) -> bool {
    color(text).map(|c| o.set(path, Out::Text(c))).is_some()
}

/// The colour names vitae reads.
const COLOR_NAMES: &[&str] = &["black", "white", "gray", "navy", "teal", "maroon"];

/// Returns a colour as vitae writes it: `rgb(r, g, b)` and `#rrggbb` as they are, bare hex
/// digits with `#`, the names vitae knows; `None` for others (`hsl(…)`, most names).
fn color(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let hex = |h: &str| (h.len() == 3 || h.len() == 6) && h.bytes().all(|b| b.is_ascii_hexdigit());
    if lower.starts_with("rgb(") && lower.ends_with(')') {
        let parts: Vec<&str> = slice(&lower, 4..lower.len() - 1).split(',').map(str::trim).collect();
        let ok = parts.len() == 3 && parts.iter().all(|p| p.parse::<u8>().is_ok());
        return ok.then(|| format!("rgb({})", parts.join(", ")));
    }
    if let Some(h) = lower.strip_prefix('#').or(Some(lower.as_str())).filter(|h| hex(h)) {
        return Some(format!("#{h}"));
    }
    COLOR_NAMES.contains(&lower.as_str()).then_some(lower)
}

/// Bundled serif and sans families standing in for RenderCV's fonts.
const SERIF: &str = "Source Serif 4";
/// See [`SERIF`].
const SANS: &str = "Inter";

/// Font families RenderCV users pick, by kind (names containing "Serif" or "Sans" are told by
/// the name).
const SERIF_FONTS: &[&str] = &[
    "xcharter",
    "charter",
    "eb garamond",
    "libertinus",
    "times",
    "latin modern",
    "computer modern",
    "gentium",
    "georgia",
    "crimson",
    "merriweather",
    "palatino",
    "cormorant",
];
/// See [`SERIF_FONTS`].
const SANS_FONTS: &[&str] = &[
    "lato",
    "roboto",
    "open sans",
    "fontin",
    "inter",
    "helvetica",
    "arial",
    "ubuntu",
    "raleway",
    "montserrat",
    "poppins",
    "mukta",
    "calibri",
];

/// Returns the bundled family closest to a font: the same kind, serif or sans.
fn family_for(font: &str) -> Option<&'static str> {
    let name = font.trim().to_ascii_lowercase();
    if name.contains("sans") || SANS_FONTS.iter().any(|f| name.starts_with(f)) {
        Some(SANS)
    } else if name.contains("serif") || SERIF_FONTS.iter().any(|f| name.starts_with(f)) {
        Some(SERIF)
    } else {
        None
    }
}

/// Sets the family of some roles from a font name, noting a substitution; returns whether a
/// family was found.
fn font(ctx: &mut Ctx, key: &Key, value: &Node, roles: &[&str], o: &mut Overrides) -> bool {
    let Some(name) = value.text() else { return false };
    let Some(family) = family_for(&name) else { return false };
    for role in roles {
        o.set(&["roles", role, "family"], Out::Text(family.into()));
    }
    if !name.eq_ignore_ascii_case(family) && roles.contains(&"body") {
        let message =
            format!("the font `{name}` is not bundled with vitae; set in {family}, the closest bundled one");
        ctx.drop_at(key.line, key.column, message);
    }
    true
}

/// Reads `typography.font_family` given per element.
fn font_families(ctx: &mut Ctx, node: &Node, o: &mut Overrides) -> bool {
    for (key, value) in node.entries() {
        let roles: &[&str] = match key.name.as_str() {
            "body" => BODY_ROLES,
            "name" => &["name"],
            "headline" => &["headline"],
            "connections" => &["contacts"],
            "section_titles" => &["section"],
            _ => &[],
        };
        if roles.is_empty() || !font(ctx, key, value, roles, o) {
            let shown = value.text().unwrap_or_default();
            let message = format!(
                "RenderCV's `design.typography.font_family.{}: {shown}` has no counterpart in vitae; left out",
                key.name
            );
            ctx.drop_at(key.line, key.column, message);
        }
    }
    true
}

/// Sets a role's size; RenderCV's relative sizes (`1.4em`) are not carried over.
fn font_size(o: &mut Overrides, role: &str, text: &str) -> bool {
    length(text).map(|l| o.set(&["roles", role, "size"], Out::Text(l))).is_some()
}

/// Reads the body text alignment.
fn alignment(o: &mut Overrides, text: &str) -> bool {
    let (justify, hyphenate) = match text {
        "left" => (false, true),
        "justified" => (true, true),
        "justified-with-no-hyphenation" => (true, false),
        _ => return false,
    };
    o.set(&["justify"], Out::Bool(justify));
    o.set(&["hyphenate"], Out::Bool(hyphenate));
    true
}

/// Reads the section titles' line: none, or a full rule (a partial line is drawn full, noted).
fn section_rule(ctx: &mut Ctx, key: &Key, text: &str, o: &mut Overrides) -> bool {
    let rule = match text {
        "without_line" => false,
        "with_full_line" => true,
        "with_partial_line" => {
            ctx.drop_at(
                key.line,
                key.column,
                "RenderCV's partial line under section titles is drawn full width",
            );
            true
        }
        _ => return false,
    };
    o.set(&["section-title", "rule"], Out::Bool(rule));
    true
}

/// The words dates print with: the document's language, and the twelve month names a RenderCV
/// locale gives (which become the layout's, `dates.month-names`), if it gives them.
pub(crate) struct DateWords {
    /// The document's locale.
    pub locale: &'static Locale,
    /// Full month names from the RenderCV locale.
    pub long: Option<[String; 12]>,
    /// Abbreviated month names from the RenderCV locale.
    pub short: Option<[String; 12]>,
}

/// Reads a date template (`design.templates.single_date`, `locale.date_template`, version 1's
/// `date_style`) onto `dates.months`: the month style (`short`, `long`, `numeric`) in which
/// vitae prints every month of a year exactly as RenderCV would print it with the template, in
/// the document's language (`MONTH_ABBREVIATION YEAR` is `short` in English, `YEAR년 MONTH월`
/// is `short` in Korean, whose template is year first). A template no style reproduces (a day,
/// Korean order in an English document) is noted.
pub(crate) fn date_template(ctx: &mut Ctx, node: &Node, o: &mut Overrides, words: &DateWords) {
    let template = node.text().unwrap_or_default();
    let template = template.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(style) = style_of_template(&template, words) {
        o.set(&["dates", "months"], Out::Text(style.into()));
        return;
    }
    let locale = words.locale;
    let message = format!(
        "the date template `{template}` has no counterpart in vitae: in {} (`{}`) vitae prints March 2024 as `{}`, `{}` or `{}` (month styles `short`, `long`, `numeric`); dates print in the layout's style",
        locale.english,
        locale.tag,
        vitae_date(MonthStyle::Short, words, SAMPLE_MARCH, SAMPLE_YEAR),
        vitae_date(MonthStyle::Long, words, SAMPLE_MARCH, SAMPLE_YEAR),
        vitae_date(MonthStyle::Numeric, words, SAMPLE_MARCH, SAMPLE_YEAR),
    );
    ctx.dropped(node, message);
}

/// A year for comparing templates: any year of four digits prints the same way.
const SAMPLE_YEAR: i32 = 2024;
/// March, the month the note shows.
const SAMPLE_MARCH: u8 = 3;

/// Returns the month style that prints every month as the RenderCV template does.
fn style_of_template(template: &str, words: &DateWords) -> Option<&'static str> {
    let styles = [(MonthStyle::Short, "short"), (MonthStyle::Long, "long"), (MonthStyle::Numeric, "numeric")];
    styles.into_iter().find_map(|(style, name)| {
        let same = (1..=12).all(|m| {
            rendercv_date(template, words, m, SAMPLE_YEAR).as_deref()
                == Some(vitae_date(style, words, m, SAMPLE_YEAR).as_str())
        });
        same.then_some(name)
    })
}

/// Prints a month as RenderCV's template would: `MONTH_NAME`, `FULL_MONTH_NAME`,
/// `MONTH_ABBREVIATION`, `MONTH` (the number), `MONTH_IN_TWO_DIGITS`, `YEAR`,
/// `YEAR_IN_TWO_DIGITS`; `None` when the template has a day, which vitae never prints.
fn rendercv_date(template: &str, words: &DateWords, month: u8, year: i32) -> Option<String> {
    if template.contains("DAY") {
        return None;
    }
    let (long, short) = names(words);
    let index = usize::from(month.clamp(1, 12) - 1);
    let name = |names: &[String; 12]| names.get(index).cloned().unwrap_or_default();
    // Longer placeholders first: `MONTH` is part of the others.
    let out = template
        .replace("MONTH_IN_TWO_DIGITS", &format!("{month:02}"))
        .replace("MONTH_ABBREVIATION", &name(short))
        .replace("FULL_MONTH_NAME", &name(long))
        .replace("MONTH_NAME", &name(long))
        .replace("YEAR_IN_TWO_DIGITS", &format!("{:02}", year.rem_euclid(100)))
        .replace("MONTH", &month.to_string())
        .replace("YEAR", &year.to_string());
    Some(out)
}

/// Prints a month as vitae will, in a month style.
fn vitae_date(style: MonthStyle, words: &DateWords, month: u8, year: i32) -> String {
    let (long, short) = names(words);
    match style {
        MonthStyle::Short => words.locale.month_year(short, month, year),
        MonthStyle::Long => words.locale.month_year(long, month, year),
        MonthStyle::Numeric => words.locale.numeric(month, year),
    }
}

/// Returns the full and abbreviated month names dates print with: the RenderCV locale's, else
/// the language's.
fn names(words: &DateWords) -> (&[String; 12], &[String; 12]) {
    (
        words.long.as_ref().unwrap_or(&words.locale.months.long),
        words.short.as_ref().unwrap_or(&words.locale.months.short),
    )
}

/// Reads `templates.date_range` as `START_DATE`, a separator, `END_DATE`.
fn date_range(o: &mut Overrides, text: &str) -> bool {
    let separator = text.strip_prefix("START_DATE").and_then(|r| r.strip_suffix("END_DATE"));
    match separator.filter(|s| !s.trim().is_empty() && !s.contains(char::is_alphanumeric)) {
        Some(s) => {
            o.set(&["dates", "separator"], Out::Text(s.into()));
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_become_vitaes() {
        assert_eq!(color("rgb(0,79,144)").as_deref(), Some("rgb(0, 79, 144)"));
        assert_eq!(color("7fffd4").as_deref(), Some("#7fffd4"));
        assert_eq!(color("#ABC").as_deref(), Some("#abc"));
        assert_eq!(color("Black").as_deref(), Some("black"));
        assert_eq!(color("hsl(270, 60%, 70%)"), None);
        assert_eq!(color("rgb(300, 0, 0)"), None);
        assert_eq!(color("aquamarine"), None);
    }

    #[test]
    fn fonts_by_kind() {
        assert_eq!(family_for("Source Sans 3"), Some(SANS));
        assert_eq!(family_for("XCharter"), Some(SERIF));
        assert_eq!(family_for("Noto Serif"), Some(SERIF));
        assert_eq!(family_for("Comic Neue"), None);
    }

    #[test]
    fn overrides_nest_in_order() {
        let mut o = Overrides::default();
        o.set(&["page", "paper"], Out::Text("a4".into()));
        o.set(&["roles", "body", "size"], Out::Text("9pt".into()));
        o.set(&["page", "top"], Out::Text("1cm".into()));
        o.set(&["page", "paper"], Out::Text("letter".into()));
        assert!(o.has(&["page", "top"]) && !o.has(&["page", "left"]));
        let fields = o.into_map().into_fields();
        assert_eq!(fields.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["page", "roles"]);
        let Out::Map(page) = &fields[0].1 else { panic!("a map") };
        let page = page.clone().into_fields();
        assert_eq!(page[0], ("paper".to_owned(), Out::Text("letter".into())), "{page:?}");
        assert_eq!(page[1], ("top".to_owned(), Out::Text("1cm".into())));
    }

    #[test]
    fn lengths_and_ranges() {
        assert_eq!(length("0.7in").as_deref(), Some("0.7in"));
        assert_eq!(length("1.4em"), None);
        let mut o = Overrides::default();
        assert!(date_range(&mut o, "START_DATE – END_DATE"));
        assert!(!date_range(&mut o, "from START_DATE to END_DATE"));
    }
}
