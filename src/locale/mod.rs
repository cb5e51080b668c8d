//! Words a résumé prints that depend on its language: month names, the date template, the word
//! for "present", the dash between two dates and the section titles vitae writes itself (in
//! imported profiles). One YAML file per language under `locales/`, embedded in the binary as
//! the JSON `build.rs` derives from it and read once; [`for_lang`] looks a BCP 47 tag up with fallbacks (`zh-TW` → `zh-Hant`,
//! `pt-BR` → `pt`, `no` → `nb`, an unknown language → English). [`infer()`] guesses a language
//! from the scripts of a text when a profile names none; [`format_dates`] prints a date or a
//! range with a locale's words. `docs/languages.md` has the table.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

mod dates;
pub mod infer;
pub mod script;

use serde::Deserialize;
use std::sync::OnceLock;

pub use dates::{format_dates, format_day};
pub use infer::infer;

/// The bundled locales: the tag each file declares, and the file as compact JSON, which
/// `build.rs` derives from `locales/<tag>.yaml` (the file people edit) so that a render parses
/// no YAML: reading English takes about 0.03 M instructions where its YAML took 0.50 M. The test
/// `bundled_json_is_the_yaml` proves each equals its YAML. English first: the fallback.
const FILES: &[(&str, &str)] = &[
    ("en", include_str!(concat!(env!("OUT_DIR"), "/locales/en.json"))),
    ("ar", include_str!(concat!(env!("OUT_DIR"), "/locales/ar.json"))),
    ("cs", include_str!(concat!(env!("OUT_DIR"), "/locales/cs.json"))),
    ("da", include_str!(concat!(env!("OUT_DIR"), "/locales/da.json"))),
    ("de", include_str!(concat!(env!("OUT_DIR"), "/locales/de.json"))),
    ("el", include_str!(concat!(env!("OUT_DIR"), "/locales/el.json"))),
    ("es", include_str!(concat!(env!("OUT_DIR"), "/locales/es.json"))),
    ("fa", include_str!(concat!(env!("OUT_DIR"), "/locales/fa.json"))),
    ("fi", include_str!(concat!(env!("OUT_DIR"), "/locales/fi.json"))),
    ("fr", include_str!(concat!(env!("OUT_DIR"), "/locales/fr.json"))),
    ("he", include_str!(concat!(env!("OUT_DIR"), "/locales/he.json"))),
    ("hi", include_str!(concat!(env!("OUT_DIR"), "/locales/hi.json"))),
    ("hu", include_str!(concat!(env!("OUT_DIR"), "/locales/hu.json"))),
    ("id", include_str!(concat!(env!("OUT_DIR"), "/locales/id.json"))),
    ("it", include_str!(concat!(env!("OUT_DIR"), "/locales/it.json"))),
    ("ja", include_str!(concat!(env!("OUT_DIR"), "/locales/ja.json"))),
    ("ko", include_str!(concat!(env!("OUT_DIR"), "/locales/ko.json"))),
    ("nb", include_str!(concat!(env!("OUT_DIR"), "/locales/nb.json"))),
    ("nl", include_str!(concat!(env!("OUT_DIR"), "/locales/nl.json"))),
    ("pl", include_str!(concat!(env!("OUT_DIR"), "/locales/pl.json"))),
    ("pt", include_str!(concat!(env!("OUT_DIR"), "/locales/pt.json"))),
    ("ro", include_str!(concat!(env!("OUT_DIR"), "/locales/ro.json"))),
    ("ru", include_str!(concat!(env!("OUT_DIR"), "/locales/ru.json"))),
    ("sv", include_str!(concat!(env!("OUT_DIR"), "/locales/sv.json"))),
    ("th", include_str!(concat!(env!("OUT_DIR"), "/locales/th.json"))),
    ("tr", include_str!(concat!(env!("OUT_DIR"), "/locales/tr.json"))),
    ("uk", include_str!(concat!(env!("OUT_DIR"), "/locales/uk.json"))),
    ("vi", include_str!(concat!(env!("OUT_DIR"), "/locales/vi.json"))),
    ("zh-Hans", include_str!(concat!(env!("OUT_DIR"), "/locales/zh-Hans.json"))),
    ("zh-Hant", include_str!(concat!(env!("OUT_DIR"), "/locales/zh-Hant.json"))),
];

/// One language's words for dates and section titles.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// The BCP 47 tag the file is for (`zh-Hans`).
    pub tag: String,
    /// The language's name in itself (`Deutsch`).
    pub name: String,
    /// The language's name in English (`German`).
    pub english: String,
    /// Month names, January first, in the form a date "in month, year" takes.
    pub months: Months,
    /// How a month and year print: `{month}` (a name from `months`) and `{year}`, in the
    /// language's order (`{month} {year}`, `{year}年{month}`, `{year}. {month}`).
    pub date: String,
    /// How a date with its day prints (a letter's date): `{day}`, `{month}` (from
    /// `months.after_day` when the language has that form, else `months.long`) and `{year}`, in
    /// the language's order and punctuation (`{day}. {month} {year}`, `{year}年{month}{day}日`).
    pub day: String,
    /// How a month and year print as numbers: `{mm}` (two digits) and `{year}` (`{mm}/{year}`).
    pub numeric: String,
    /// The word for an ongoing end date.
    pub present: String,
    /// The dash between a start and an end; it replaces the en dash of the layout's separator,
    /// which keeps its spacing (` – ` becomes ` 〜 ` in Japanese).
    pub dash: String,
    /// The section titles vitae writes itself.
    pub titles: Titles,
}

/// Month names, January first.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Months {
    /// Full names.
    pub long: [String; 12],
    /// Abbreviated names.
    pub short: [String; 12],
    /// Full names in the form they take after a day number, where it differs from `long`: the
    /// genitive of the Slavic languages and Greek ("17 marca"), Finnish's partitive.
    #[serde(default)]
    pub after_day: Option<[String; 12]>,
}

/// The section titles vitae writes itself: the sections of JSON Resume and YAMLResume, and the
/// "Contact" section importers make of contacts the header cannot hold. `work` and `volunteer`
/// are YAMLResume's English words, `experience` and `volunteering` JSON Resume's.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    /// "Contact": contacts the header cannot hold.
    pub contact: String,
    /// "Summary": for a summary given a title of its own (no importer writes one yet).
    pub summary: String,
    /// "Experience": JSON Resume's `work`.
    pub experience: String,
    /// "Work": YAMLResume's `work`.
    pub work: String,
    /// "Volunteering": JSON Resume's `volunteer`.
    pub volunteering: String,
    /// "Volunteer": YAMLResume's `volunteer`.
    pub volunteer: String,
    /// "Education".
    pub education: String,
    /// "Awards".
    pub awards: String,
    /// "Certificates".
    pub certificates: String,
    /// "Publications".
    pub publications: String,
    /// "Skills".
    pub skills: String,
    /// "Languages".
    pub languages: String,
    /// "Interests".
    pub interests: String,
    /// "References".
    pub references: String,
    /// "Projects".
    pub projects: String,
}

impl Titles {
    /// Returns every title with its key, in the file's order.
    pub fn all(&self) -> [(&'static str, &str); 15] {
        [
            ("contact", &self.contact),
            ("summary", &self.summary),
            ("experience", &self.experience),
            ("work", &self.work),
            ("volunteering", &self.volunteering),
            ("volunteer", &self.volunteer),
            ("education", &self.education),
            ("awards", &self.awards),
            ("certificates", &self.certificates),
            ("publications", &self.publications),
            ("skills", &self.skills),
            ("languages", &self.languages),
            ("interests", &self.interests),
            ("references", &self.references),
            ("projects", &self.projects),
        ]
    }

    /// Returns the title of a key of [`Titles::all`] (`"education"`), if there is one.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.all().into_iter().find(|(k, _)| *k == key).map(|(_, t)| t)
    }
}

impl Locale {
    /// Prints a month (1–12) and year with the template `date` and the given month names.
    pub fn month_year(&self, names: &[String; 12], month: u8, year: i32) -> String {
        fill(&self.date, month_name(names, month), year)
    }

    /// Prints a day, month (1–12) and year with the template `day`.
    pub fn day_month_year(&self, day: u8, month: u8, year: i32) -> String {
        let names = self.months.after_day.as_ref().unwrap_or(&self.months.long);
        fill(&self.day, month_name(names, month), year).replace("{day}", &day.to_string())
    }

    /// Prints a month (1–12) and year as numbers with the template `numeric`.
    pub fn numeric(&self, month: u8, year: i32) -> String {
        self.numeric
            .replace("{mm}", &format!("{:02}", month.clamp(1, 12)))
            .replace("{year}", &year.to_string())
    }

    /// Returns the layout's separator between two dates with its en dash replaced by this
    /// language's dash (a separator without an en dash, such as ` · `, is the layout's choice
    /// and stays).
    pub fn separator(&self, layout: &str) -> String {
        layout.replace('–', &self.dash)
    }

    /// Returns what is wrong with the file, if anything: an empty word, or a template that lacks
    /// a placeholder.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let months =
            self.months.long.iter().chain(&self.months.short).chain(self.months.after_day.iter().flatten());
        let words = [
            ("name", &self.name),
            ("english", &self.english),
            ("present", &self.present),
            ("dash", &self.dash),
        ];
        for (key, word) in words.into_iter().chain(months.map(|m| ("months", m))) {
            if word.trim().is_empty() {
                problems.push(format!("`{key}` has an empty word"));
            }
        }
        problems.extend(
            self.titles
                .all()
                .iter()
                .filter(|(_, t)| t.trim().is_empty())
                .map(|(k, _)| format!("`titles.{k}` is empty")),
        );
        let templates: [(&str, &String, &[&str]); 3] = [
            ("date", &self.date, &["{month}", "{year}"]),
            ("day", &self.day, &["{day}", "{month}", "{year}"]),
            ("numeric", &self.numeric, &["{mm}", "{year}"]),
        ];
        for (key, template, parts) in templates {
            for part in parts.iter().filter(|p| template.matches(**p).count() != 1) {
                problems.push(format!("`{key}` must contain `{part}` once"));
            }
        }
        problems
    }
}

/// Returns the locale whose name, in itself or in English, is `name` (`Deutsch`, `german`),
/// ignoring case.
pub fn by_name(name: &str) -> Option<&'static Locale> {
    let name = name.trim();
    all()
        .into_iter()
        .find(|l| l.name.to_lowercase() == name.to_lowercase() || l.english.eq_ignore_ascii_case(name))
}

/// Returns the name of a month (1–12, clamped) from a January-first list.
fn month_name(names: &[String; 12], month: u8) -> &str {
    &names[usize::from(month.clamp(1, 12) - 1)]
}

/// Replaces `{month}` and `{year}` in a template.
fn fill(template: &str, month: &str, year: i32) -> String {
    template.replace("{month}", month).replace("{year}", &year.to_string())
}

/// Returns the bundled locale at an index of [`FILES`], read on first use: a render needs one
/// locale, so only that one is read. A file that does not read gives `None` (the test
/// `every_locale_file_parses_and_is_complete` fails on it), so a lookup falls back to English.
fn parsed(index: usize) -> Option<&'static Locale> {
    static PARSED: [OnceLock<Option<Locale>>; FILES.len()] = [const { OnceLock::new() }; FILES.len()];
    let json = FILES.get(index).map(|(_, json)| *json)?;
    PARSED.get(index)?.get_or_init(|| serde_json::from_str(json).ok()).as_ref()
}

/// Returns every bundled locale, English first.
pub fn all() -> Vec<&'static Locale> {
    (0..FILES.len()).filter_map(parsed).collect()
}

/// Returns the locale of a BCP 47 tag, English when no locale matches. `tag` may use `_` for
/// `-` and any case (`pt_BR`, `ZH-tw`).
pub fn for_lang(tag: &str) -> &'static Locale {
    let wanted = locale_tag(tag);
    FILES
        .iter()
        .position(|(t, _)| *t == wanted)
        .and_then(parsed)
        .or_else(|| parsed(0))
        .unwrap_or_else(english)
}

/// The English locale, were the bundled files to fail to parse (a test guards against it).
fn english() -> &'static Locale {
    static EN: OnceLock<Locale> = OnceLock::new();
    EN.get_or_init(|| serde_json::from_str(FILES[0].1).expect("the bundled English locale reads (tested)"))
}

/// Returns the tag of the bundled locale for a BCP 47 tag: Chinese by script, or by region when
/// the script is not given (`zh-TW`, `zh-HK`, `zh-MO` → `zh-Hant`, other Chinese → `zh-Hans`);
/// Norwegian (`no`, `nb`, `nn`) → `nb`; the old codes `iw` → `he`, `in` → `id`; else the
/// primary language subtag, lowercased (`de-AT` → `de`).
pub fn locale_tag(tag: &str) -> String {
    let lower = tag.trim().to_ascii_lowercase().replace('_', "-");
    let mut subtags = lower.split('-');
    let primary = subtags.next().unwrap_or_default().to_owned();
    let rest: Vec<&str> = subtags.collect();
    match primary.as_str() {
        "zh" | "cmn" | "yue" => chinese(primary.as_str(), &rest).to_owned(),
        "no" | "nn" => "nb".to_owned(),
        "iw" => "he".to_owned(),
        "in" => "id".to_owned(),
        _ => primary,
    }
}

/// Returns `zh-Hant` or `zh-Hans` for a Chinese tag's subtags (Cantonese is written in
/// traditional characters unless told otherwise).
fn chinese(primary: &str, rest: &[&str]) -> &'static str {
    const TRADITIONAL_REGIONS: [&str; 3] = ["tw", "hk", "mo"];
    if rest.contains(&"hant") {
        "zh-Hant"
    } else if rest.contains(&"hans") {
        "zh-Hans"
    } else if primary == "yue" || rest.iter().any(|r| TRADITIONAL_REGIONS.contains(r)) {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

#[cfg(test)]
mod tests;
