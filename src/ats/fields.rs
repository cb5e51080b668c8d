//! Profile → the fields an applicant tracking system must read back, and the search for each
//! in the text a reading model produced.
//!
//! The profile is the source of truth: its name, e-mail, phone and links, each section's
//! title, each entry's title, organisation and dates (dates formatted as the layout prints
//! them), and the skills of a skills section. Text is compared folded: case, typographic
//! punctuation, ligatures and whitespace do not matter; a soft hyphen or a hyphenated line
//! break inside a field does.

use crate::profile::{ContactKind, Entry, Item, Profile, Rich};
use crate::theme::Theme;

/// A skills item longer than this many words is a sentence, not a keyword an ATS matches.
const SKILL_MAX_WORDS: usize = 4;

/// What a field is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// The person's name.
    Name,
    /// An e-mail address.
    Email,
    /// A telephone number.
    Phone,
    /// A web, code-hosting or social link as shown.
    Link,
    /// A section's title.
    Section,
    /// An entry's title (position, degree, project).
    Title,
    /// An entry's organisation (company, institution, venue).
    Organization,
    /// An entry's dates.
    Dates,
    /// One skill.
    Skill,
}

impl FieldKind {
    /// Returns the kind's name as the report prints it.
    pub fn name(self) -> &'static str {
        match self {
            FieldKind::Name => "name",
            FieldKind::Email => "email",
            FieldKind::Phone => "phone",
            FieldKind::Link => "link",
            FieldKind::Section => "section",
            FieldKind::Title => "title",
            FieldKind::Organization => "organization",
            FieldKind::Dates => "dates",
            FieldKind::Skill => "skill",
        }
    }
}

/// A field that must come back.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Field {
    /// What it is.
    pub kind: FieldKind,
    /// Its text as the profile (and the layout's date format) gives it.
    pub text: String,
    /// The index of its section, for entries and skills.
    #[serde(skip)]
    pub section: Option<usize>,
    /// The index of its entry within the section, for entry fields: entries must come back in
    /// this order.
    #[serde(skip)]
    pub entry: Option<usize>,
}

/// Lists the fields of a profile in source order.
pub fn expected(profile: &Profile, theme: &Theme) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |kind, text: String, section, entry| {
        if !text.trim().is_empty() {
            out.push(Field { kind, text: text.trim().to_owned(), section, entry });
        }
    };
    if let Some(name) = &profile.name {
        push(FieldKind::Name, name.to_plain(), None, None);
    }
    for c in &profile.contacts {
        let kind = match c.kind {
            ContactKind::Email => FieldKind::Email,
            ContactKind::Phone => FieldKind::Phone,
            _ => FieldKind::Link,
        };
        push(kind, c.text.clone(), None, None);
    }
    for (s, section) in profile.sections.iter().enumerate() {
        push(FieldKind::Section, section.title.to_plain(), None, None);
        let skills = is_skills(&section.title);
        for (e, entry) in section.entries.iter().enumerate() {
            for (kind, text) in entry_fields(entry, theme, &profile.lang, skills) {
                push(kind, text, Some(s), Some(e));
            }
        }
    }
    out
}

/// Whether a section title names skills (in English, the language of the bundled samples and
/// of most ATS keyword lists).
fn is_skills(title: &Rich) -> bool {
    let t = title.to_plain().to_lowercase();
    ["skill", "technolog", "tools", "competenc"].iter().any(|w| t.contains(w))
}

/// Returns an entry's fields: title, organisation and dates of items (and of a group's
/// roles), and in a skills section the keywords of rows, bullets and paragraphs.
fn entry_fields(entry: &Entry, theme: &Theme, lang: &str, skills: bool) -> Vec<(FieldKind, String)> {
    let mut out = Vec::new();
    match entry {
        Entry::Item(item) => item_fields(item, theme, lang, &mut out),
        Entry::Group(g) => {
            out.push((FieldKind::Organization, g.organization.to_plain()));
            if let Some(d) = &g.dates {
                out.push((FieldKind::Dates, crate::content::format_dates(d, theme, lang)));
            }
            g.roles.iter().for_each(|r| item_fields(r, theme, lang, &mut out));
        }
        Entry::Row(r) if skills => {
            out.push((FieldKind::Skill, r.label.to_plain()));
            out.extend(keywords(&r.details.to_plain()).map(|k| (FieldKind::Skill, k)));
        }
        Entry::Bullet(li) if skills => {
            out.extend(keywords(&li.text.to_plain()).map(|k| (FieldKind::Skill, k)))
        }
        Entry::Paragraph(p) if skills => out.extend(keywords(&p.to_plain()).map(|k| (FieldKind::Skill, k))),
        Entry::Row(_) | Entry::Bullet(_) | Entry::Paragraph(_) => {}
    }
    out
}

/// Adds an item's title, organisation and dates.
fn item_fields(item: &Item, theme: &Theme, lang: &str, out: &mut Vec<(FieldKind, String)>) {
    if let Some(t) = &item.title {
        out.push((FieldKind::Title, t.to_plain()));
    }
    if let Some(s) = &item.subtitle {
        out.push((FieldKind::Organization, s.to_plain()));
    }
    if let Some(d) = &item.dates {
        out.push((FieldKind::Dates, crate::content::format_dates(d, theme, lang)));
    }
}

/// Splits a list of skills at commas, semicolons, middle dots, bullets and bars, keeping the
/// pieces short enough to be keywords.
fn keywords(text: &str) -> impl Iterator<Item = String> + '_ {
    let pieces = text.split([',', ';', '·', '•', '|']);
    // "Languages: Rust, Go" lists after its label.
    let pieces = pieces.map(|p| p.rsplit_once(':').map_or(p, |(_, after)| after));
    pieces
        .map(|p| p.trim().trim_end_matches('.').trim().to_owned())
        .filter(|p| !p.is_empty() && p.split_whitespace().count() <= SKILL_MAX_WORDS)
}

/// Folds text for comparison: lower case; typographic quotes, dashes and spaces as their
/// ASCII forms; ligatures spelt out; soft hyphens, joiners and variation selectors removed;
/// whitespace runs as one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FE00}'..='\u{FE0F}' => {}
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{2026}' => out.push_str("..."),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out.trim().to_owned()
}

/// Joins the lines of a model's text for search; with `dehyphenate`, a line ending in a hyphen
/// or soft hyphen after a letter is joined to the next without a space, the hyphen dropped
/// (`hyphen: false`) or kept (`hyphen: true`), as a reader joining the halves would.
pub fn joined(lines: &[&str], dehyphenate: Option<bool>) -> String {
    let mut out = String::new();
    for line in lines {
        let hyphen = dehyphenate.and_then(|keep| {
            let mut rev = out.chars().rev();
            let last = rev.next()?;
            let before = rev.next()?;
            (matches!(last, '-' | '\u{AD}' | '\u{2010}') && before.is_alphabetic()).then_some(keep)
        });
        match hyphen {
            Some(keep) => {
                out.pop();
                if keep {
                    out.push('-');
                }
            }
            None if !out.is_empty() => out.push('\n'),
            None => {}
        }
        out.push_str(line);
    }
    out
}

/// Finds `needle` in `hay` (both folded) at or after byte `from`, as whole words: the
/// characters either side may not be letters or digits when the needle's ends are.
pub fn find_from(hay: &str, needle: &str, from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let mut start = from;
    while let Some(found) = hay.get(start..).and_then(|h| h.find(needle)) {
        let at = start + found;
        let end = at + needle.len();
        let before = hay.get(..at).and_then(|h| h.chars().next_back());
        let after = hay.get(end..).and_then(|h| h.chars().next());
        let word = |c: Option<char>, edge: Option<char>| {
            !(c.is_some_and(char::is_alphanumeric) && edge.is_some_and(char::is_alphanumeric))
        };
        if word(before, needle.chars().next()) && word(after, needle.chars().next_back()) {
            return Some(at);
        }
        start = at + needle.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_typography_and_whitespace_but_drops_soft_hyphens() {
        assert_eq!(fold("  Jane’s  ﬁrst\u{A0}Job – “Now” "), "jane's first job - \"now\"");
        assert_eq!(fold("Kuber\u{AD}netes"), "kubernetes");
        assert_eq!(fold("✉\u{FE0F} a@b.c"), "✉ a@b.c");
    }

    #[test]
    fn whole_words_are_found_and_parts_of_words_are_not() {
        assert_eq!(find_from("go, google, golang", "go", 0), Some(0));
        assert_eq!(find_from("google golang", "go", 0), None);
        assert_eq!(find_from("c++ and c", "c++", 0), Some(0));
        assert_eq!(find_from("a b a", "a", 1), Some(4));
        assert_eq!(find_from("résumé", "sum", 0), None);
    }

    #[test]
    fn hyphenated_line_ends_join_only_when_asked() {
        let lines = ["Kuber-", "netes and Python-", "based"];
        assert_eq!(joined(&lines, None), "Kuber-\nnetes and Python-\nbased");
        assert_eq!(joined(&lines, Some(false)), "Kubernetes and Pythonbased");
        assert_eq!(joined(&lines, Some(true)), "Kuber-netes and Python-based");
        assert_eq!(joined(&["2019 -", "2020"], Some(false)), "2019 -\n2020");
    }

    #[test]
    fn skills_split_at_list_separators_and_drop_sentences() {
        let k: Vec<String> =
            keywords("Languages: Rust, Go; C++ · Mesos/Marathon | and a sentence that is far too long.")
                .collect();
        assert_eq!(k, ["Rust", "Go", "C++", "Mesos/Marathon"]);
    }
}
