//! Entries of a Markdown résumé: the draft an entry is assembled in from its heading and the
//! lines under it (subtitle, place, dates, summary, points, footer, roles), and the profile
//! entries, rows and paragraphs built from drafts, tables and loose text.

use super::dates::{Span, span};
use super::spans::{leading_date, trailing_date};
use crate::import::yaml_out::{Map, Out};
use crate::profile::parse_date;
use crate::strings::slice;

/// The longest line (in characters) still read as a heading's meta line (a place, a date, a
/// job title) or as a headline, rather than as prose.
pub(crate) const SHORT_LINE: usize = 80;

/// The kind of entry a section's headings make, told by the section's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Experience,
    Education,
    Award,
    Publication,
    Talk,
    Project,
}

impl Kind {
    /// Tells the kind from a section title.
    pub(crate) fn of(title: &str) -> Kind {
        let t = title.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
        if has(&["experience", "employment", "work", "career", "positions", "history"]) {
            Kind::Experience
        } else if has(&["education", "academic", "degree", "school", "training", "course"]) {
            Kind::Education
        } else if has(&["award", "honor", "honour", "achievement", "certific", "highlight"]) {
            Kind::Award
        } else if has(&["publication", "paper", "patent"]) {
            Kind::Publication
        } else if has(&["talk", "speak", "presentation", "conference"]) {
            Kind::Talk
        } else {
            Kind::Project
        }
    }

    /// Returns the name used in `kind:`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Experience => "experience",
            Kind::Education => "education",
            Kind::Award => "award",
            Kind::Publication => "publication",
            Kind::Talk => "talk",
            Kind::Project => "project",
        }
    }
}

/// An entry being assembled from a heading and the blocks under it.
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    /// Whether the heading said "title | subtitle" itself.
    pub(crate) split: bool,
    /// A line about the organisation or project (after a date that starts a line).
    pub(crate) about: Option<String>,
    /// Whether the date is the start of a range whose end starts the next line.
    pub(crate) open_range: bool,
    pub(crate) location: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) summary: Vec<String>,
    pub(crate) highlights: Vec<Out>,
    pub(crate) numbered: bool,
    pub(crate) footer: Vec<String>,
    pub(crate) roles: Vec<Draft>,
    /// Entries that follow the item in the section (a second list, a table).
    pub(crate) overflow: Vec<Out>,
    /// Whether a list has been read (later paragraphs are the footer).
    pub(crate) after_list: bool,
}

/// Reads a short line under a heading as subtitle, place or dates; returns whether it did.
pub(crate) fn meta_line(draft: &mut Draft, text: &str) -> bool {
    // An emphasised date (`*12.2014 - present*`) is a date.
    let text = if is_date_only(unemphasise(text)) { unemphasise(text) } else { text };
    if !draft.open_range && draft.highlights.is_empty() && meta_parts(draft, text) {
        return true;
    }
    if draft.open_range
        && let Some((end, rest, _)) = leading_date(text).filter(|(d, _, _)| usable_date(d))
    {
        let start = draft.date.take().unwrap_or_default();
        draft.date = Some(format!("{start} – {end}"));
        draft.open_range = false;
        if rest.chars().count() > SHORT_LINE {
            draft.summary.push(rest);
        } else if draft.subtitle.is_some() {
            draft.about = Some(rest);
        } else {
            draft.subtitle = Some(rest);
        }
        return true;
    }
    if text.chars().count() > SHORT_LINE || text.ends_with('.') || !draft.highlights.is_empty() {
        return false;
    }
    if let Some((before, date)) = trailing_date(text).filter(|(_, d)| usable_date(d)) {
        if draft.date.is_some() {
            return false;
        }
        draft.date = Some(date);
        match before.trim() {
            "" => {}
            b if draft.location.is_none() && (draft.subtitle.is_some() || is_place(b)) => {
                draft.location = Some(b.to_owned());
            }
            b if draft.subtitle.is_none() => draft.subtitle = Some(b.to_owned()),
            b => draft.location = Some(b.to_owned()),
        }
        return true;
    }
    if draft.location.is_none() && is_place(text) {
        draft.location = Some(text.to_owned());
        return true;
    }
    if draft.subtitle.is_none() {
        draft.subtitle = Some(text.to_owned());
        return true;
    }
    false
}

/// Reads a line of parts separated by ` | ` or ` · ` (`*12.2014 - present* | Remote`) when a
/// part is a date or a place: the date, the place, and the other parts as the subtitle.
fn meta_parts(draft: &mut Draft, text: &str) -> bool {
    let parts: Vec<&str> =
        text.split(" | ").flat_map(|p| p.split(" · ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 || text.chars().count() > SHORT_LINE {
        return false;
    }
    let (mut date, mut location, mut other) = (None, None, Vec::new());
    for part in parts {
        let bare = unemphasise(part);
        if date.is_none() && draft.date.is_none() && is_date_only(bare) && usable_date(bare) {
            date = Some(bare.to_owned());
        } else if location.is_none() && draft.location.is_none() && is_place(bare) {
            location = Some(part.to_owned());
        } else {
            other.push(part);
        }
    }
    if (date.is_none() && location.is_none()) || (!other.is_empty() && draft.subtitle.is_some()) {
        return false;
    }
    draft.date = date.or(draft.date.take());
    draft.location = location.or(draft.location.take());
    if !other.is_empty() {
        draft.subtitle = Some(other.join(" | "));
    }
    true
}

/// Takes emphasis off a whole part: `*12.2014 - present*` → `12.2014 - present`.
pub(crate) fn unemphasise(text: &str) -> &str {
    text.trim().trim_matches(|c: char| c == '*' || c == '_').trim()
}

/// Whether a line holds only a date or a range.
pub(crate) fn is_date_only(text: &str) -> bool {
    trailing_date(text).is_some_and(|(before, _)| before.is_empty())
}

/// Whether vitae reads a date text without error (free text is fine; `2017-18` is not).
pub(crate) fn usable_date(text: &str) -> bool {
    parse_date(text).is_ok()
}

/// Splits a trailing `_date_` or `*date*` (holding a year) off a heading.
pub(crate) fn emphasised_date(text: &str) -> Option<(String, String)> {
    let t = text.trim_end();
    let mark = t.chars().next_back().filter(|c| *c == '_' || *c == '*')?;
    let inner = slice(t, ..t.len() - 1);
    let open = inner.rfind(mark)?;
    let date = slice(inner, open + 1..);
    let before = slice(inner, ..open).trim_end_matches(mark);
    let has_year = date.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4);
    (has_year && !date.trim().is_empty() && !before.trim().is_empty())
        .then(|| (before.trim().to_owned(), date.trim().to_owned()))
}

/// Builds an item entry; returns it and the entries that follow it.
pub(crate) fn entry_map(d: Draft, kind: Kind) -> (Option<Out>, Vec<Out>) {
    let mut m = Map::new();
    m.put("kind", Out::Text(kind.name().into()));
    let (title, subtitle) = (d.title.clone(), d.subtitle.clone());
    match kind {
        Kind::Experience => {
            // A heading names the organisation; a short line under it the position, unless
            // the heading says "Position | Organisation".
            let (position, organization) = if d.split { (title, subtitle) } else { (subtitle, title) };
            m.text("position", position);
            m.text("organization", organization);
            m.text("about", d.about.clone());
        }
        Kind::Education => {
            let school = |t: &Option<String>| t.as_deref().is_some_and(is_school);
            let (degree, institution) =
                if school(&title) && !school(&subtitle) { (subtitle, title) } else { (title, subtitle) };
            m.text("degree", degree);
            m.text("institution", institution);
        }
        _ => {
            m.text("name", title);
            m.text("venue", subtitle);
        }
    }
    fill(&mut m, d.location, d.date);
    let mut summary = d.summary;
    if kind != Kind::Experience {
        summary.splice(0..0, d.about);
    }
    m.text("summary", Some(summary.join("\n\n")));
    if !d.highlights.is_empty() {
        if d.numbered {
            m.put("numbered", Out::Bool(true));
        }
        m.put("highlights", Out::List(d.highlights));
    }
    m.text("footer", Some(d.footer.join("\n\n")));
    (Some(Out::Map(m)), d.overflow)
}

/// Builds a roles entry from a heading with deeper headings under it.
pub(crate) fn group_map(d: Draft) -> (Option<Out>, Vec<Out>) {
    let mut m = Map::new();
    m.text("organization", d.title.clone().or_else(|| Some("—".into())));
    m.text(
        "about",
        [d.subtitle.clone(), d.about.clone()].into_iter().flatten().reduce(|a, b| format!("{a} — {b}")),
    );
    fill(&mut m, d.location.clone(), d.date.clone());
    let mut summary = d.summary;
    summary.extend(d.footer);
    m.text("summary", Some(summary.join("\n\n")));
    let mut overflow = d.overflow;
    let mut roles = Vec::new();
    for role in d.roles {
        let mut r = Map::new();
        r.text("position", role.title.clone().or_else(|| Some("—".into())));
        r.text("organization", role.subtitle.clone());
        r.text("about", role.about.clone());
        fill(&mut r, role.location, role.date);
        r.text("summary", Some(role.summary.join("\n\n")));
        if !role.highlights.is_empty() {
            if role.numbered {
                r.put("numbered", Out::Bool(true));
            }
            r.put("highlights", Out::List(role.highlights));
        }
        r.text("footer", Some(role.footer.join("\n\n")));
        overflow.extend(role.overflow);
        // Roles nested under roles are flattened into this list, in order.
        roles.push(Out::Map(r));
        for deeper in role.roles {
            let mut r = Map::new();
            r.text("position", deeper.title.or_else(|| Some("—".into())));
            fill(&mut r, deeper.location, deeper.date);
            let mut text = deeper.summary;
            text.extend(deeper.footer);
            r.text("summary", Some(text.join("\n\n")));
            r.list("highlights", deeper.highlights);
            overflow.extend(deeper.overflow);
            roles.push(Out::Map(r));
        }
    }
    m.put("roles", Out::List(roles));
    (Some(Out::Map(m)), overflow)
}

/// Adds a location and dates: a date or range in a form people write (see `dates`) as
/// `start`/`end` or `date`, so that one form prints one way everywhere; other text as a
/// free-text `date` (kept in the location when vitae would read it as an impossible date).
pub(crate) fn fill(m: &mut Map, location: Option<String>, date: Option<String>) {
    let spanned = date.as_deref().and_then(span);
    let (location, date) = match date {
        Some(d) if spanned.is_none() && parse_date(&d).is_err() => {
            (Some([location, Some(d)].into_iter().flatten().collect::<Vec<_>>().join(" ")), None)
        }
        d => (location, d),
    };
    m.text("location", location);
    match spanned {
        Some(Span::Single(d)) => m.put("date", Out::Text(d)),
        Some(Span::Range(start, end)) => {
            m.put("start", Out::Text(start));
            m.put("end", Out::Text(end.unwrap_or_else(|| "present".into())));
        }
        None => m.text("date", date),
    }
}

/// Whether a name is a school's.
pub(crate) fn is_school(name: &str) -> bool {
    let n = name.to_lowercase();
    [
        "university",
        "college",
        "institute",
        "school",
        "academy",
        "polytechnic",
        "universit",
        "école",
        "hochschule",
    ]
    .iter()
    .any(|w| n.contains(w))
}

/// Whether text names a place: "San Francisco, CA", "Bangalore, India", "Remote (Boston, MA)".
pub(crate) fn is_place(text: &str) -> bool {
    const ROLES: &[&str] = &[
        "engineer",
        "developer",
        "manager",
        "intern",
        "assistant",
        "lead",
        "director",
        "scientist",
        "analyst",
        "consultant",
        "architect",
        "designer",
        "officer",
        "head",
        "founder",
        "programmer",
        "administrator",
    ];
    let t = text.trim();
    let lower = t.to_lowercase();
    if lower == "remote" || lower.starts_with("remote (") || lower.starts_with("remote,") {
        return true;
    }
    let Some((before, last)) = t.rsplit_once(',') else { return false };
    let last = last.trim();
    let words = t.split_whitespace().count();
    let code = last.len() == 2 && last.chars().all(|c| c.is_ascii_uppercase());
    let country = last.split_whitespace().count() <= 2 && last.chars().all(|c| c.is_alphabetic() || c == ' ');
    let capitalised = t.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || c == '('));
    (code || country)
        && words <= 5
        && capitalised
        && !before.is_empty()
        && !ROLES.iter().any(|r| lower.contains(r))
}

// ---------------------------------------------------------------------------------------------
// Small builders
// ---------------------------------------------------------------------------------------------

/// A paragraph entry.
pub(crate) fn paragraph(text: String) -> Out {
    let mut m = Map::new();
    m.put("text", Out::Text(text));
    Out::Map(m)
}

/// A bullet entry from a point.
pub(crate) fn bullet(point: Out) -> Out {
    match point {
        Out::Map(m) => {
            // A point map `{text, highlights}` becomes a bullet map `{bullet, highlights}`.
            let mut b = Map::new();
            let mut text = None;
            let mut rest = Vec::new();
            for (key, value) in m.into_fields() {
                if key == "text" {
                    text = Some(value);
                } else {
                    rest.push((key, value));
                }
            }
            b.put("bullet", text.unwrap_or(Out::Text(String::new())));
            for (key, value) in rest {
                b.put(&key, value);
            }
            Out::Map(b)
        }
        text => text,
    }
}

/// Reads `**Label:** details` (or `**Label**: details`) as a row.
pub(crate) fn row(text: &str) -> Option<Out> {
    let rest = text.strip_prefix("**")?;
    let (label, details) = if let Some((l, d)) = rest.split_once(":**") {
        (l, d)
    } else {
        let (l, d) = rest.split_once("**:")?;
        (l, d)
    };
    if label.contains("**") || label.chars().count() > 40 {
        return None;
    }
    row_of(label, details)
}

/// Builds a row when both sides have text.
pub(crate) fn row_of(label: &str, details: &str) -> Option<Out> {
    let (label, details) = (label.trim(), details.trim());
    if label.is_empty() && details.is_empty() {
        return None;
    }
    if label.is_empty() || details.is_empty() {
        return Some(Out::Text(if label.is_empty() { details } else { label }.to_owned()));
    }
    let mut m = Map::new();
    m.put("label", Out::Text(label.to_owned()));
    m.put("details", Out::Text(details.to_owned()));
    Some(Out::Map(m))
}

/// A row "first cell: header2 value2 · …" for a table whose columns name no entry key.
pub(crate) fn labelled_row(names: &[String], cells: &[String]) -> Option<Out> {
    let (first, rest) = cells.split_first()?;
    // Cells beyond the header's columns have no name, but their text is kept.
    let none = String::new();
    let unnamed = std::iter::repeat(&none);
    let details: Vec<String> = rest
        .iter()
        .zip(names.iter().skip(1).chain(unnamed))
        .filter(|(c, _)| !c.is_empty())
        .map(|(c, n)| if n.is_empty() { c.clone() } else { format!("{n}: {c}") })
        .collect();
    row_of(first, &details.join(" · "))
}

/// Returns the entry key a table column names.
pub(crate) fn column_key(name: &str) -> Option<&'static str> {
    let n: String = name.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match n.as_str() {
        "position" | "title" | "role" | "job" | "jobtitle" | "designation" => "position",
        "company" | "organization" | "organisation" | "employer" | "client" => "organization",
        "location" | "place" | "city" | "where" => "location",
        "tenure" | "dates" | "date" | "period" | "duration" | "years" | "when" | "year" | "time" => "date",
        "degree" | "qualification" => "degree",
        "institution" | "school" | "university" | "college" => "institution",
        "project" | "name" => "name",
        _ => return None,
    })
}

/// Builds an entry from a table row whose columns name entry keys; other columns go to the
/// summary as "Column: value".
pub(crate) fn table_entry(keys: &[Option<&str>], names: &[String], cells: &[String]) -> Out {
    let has = |k: &str| keys.contains(&Some(k));
    let kind = if has("position") || has("organization") {
        Kind::Experience
    } else if has("degree") || has("institution") {
        Kind::Education
    } else {
        Kind::Project
    };
    let mut m = Map::new();
    m.put("kind", Out::Text(kind.name().into()));
    let mut extra = Vec::new();
    let mut date = None;
    let mut location = None;
    // Cells beyond the header's columns have no key and no name, but their text is kept.
    let none = String::new();
    let columns =
        keys.iter().chain(std::iter::repeat(&None)).zip(names.iter().chain(std::iter::repeat(&none)));
    for ((key, name), cell) in columns.zip(cells) {
        if cell.is_empty() {
            continue;
        }
        match key {
            Some("date") if date.is_none() => date = Some(cell.clone()),
            Some("location") if location.is_none() => location = Some(cell.clone()),
            Some(k) if !m.has(k) && allowed(kind, k) => m.put(k, Out::Text(cell.clone())),
            _ => extra.push(if name.is_empty() { cell.clone() } else { format!("{name}: {cell}") }),
        }
    }
    fill(&mut m, location, date);
    m.text("summary", Some(extra.join(" · ")));
    Out::Map(m)
}

/// Whether an entry kind takes a key from a table column.
pub(crate) fn allowed(kind: Kind, key: &str) -> bool {
    match kind {
        Kind::Experience => matches!(key, "position" | "organization"),
        Kind::Education => matches!(key, "degree" | "institution"),
        _ => key == "name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasised_dates_in_headings() {
        assert_eq!(
            emphasised_date("FuboTV _August 2017 to Present_"),
            Some(("FuboTV".into(), "August 2017 to Present".into()))
        );
        assert_eq!(emphasised_date("Senior *Engineer*"), None);
    }

    #[test]
    fn bold_labels_are_rows() {
        assert!(matches!(row("**Technical Environment:** AWS, Chef"), Some(Out::Map(_))));
        assert!(matches!(row("**Scalable**: Deploying apps"), Some(Out::Map(_))));
        assert!(row("**Bold** text: not a row").is_none());
    }

    #[test]
    fn section_kinds_from_titles() {
        assert_eq!(Kind::of("💼 Work Experience"), Kind::Experience);
        assert_eq!(Kind::of("🎓 Education"), Kind::Education);
        assert_eq!(Kind::of("🚀 Projects"), Kind::Project);
    }

    #[test]
    fn places() {
        assert!(is_place("San Francisco, CA"));
        assert!(is_place("Remote (Boston, MA)"));
        assert!(is_place("Bangalore, India"));
        assert!(!is_place("Systems Engineer, Argo Smart Routing"));
        assert!(!is_place("Software Engineer, IC2"));
    }

    #[test]
    fn table_cells_beyond_the_header_are_kept() {
        let names: Vec<String> = ["Company", "Tenure", "Tenure"].map(String::from).to_vec();
        let keys: Vec<Option<&str>> = names.iter().map(|n| column_key(n)).collect();
        let cells: Vec<String> = ["Acme", "2019 - 2020", "2021", "extra"].map(String::from).to_vec();
        let Out::Map(m) = table_entry(&keys, &names, &cells) else { panic!() };
        let fields = m.into_fields();
        let summary = fields.iter().find(|(k, _)| k == "summary").map(|(_, v)| v.clone());
        assert_eq!(summary, Some(Out::Text("Tenure: 2021 · extra".into())));
        assert!(fields.iter().any(|(k, v)| k == "start" && *v == Out::Text("2019".into())));
        let row = labelled_row(&names[..1], &cells[..2]);
        let Some(Out::Map(row)) = row else { panic!() };
        assert_eq!(row.into_fields()[1].1, Out::Text("2019 - 2020".into()));
    }
}
