//! The words a résumé file holds, for the no-silent-loss check of `tests/corpus.rs`: a source
//! file (JSON, YAML or Markdown) → [`Leaf`]s (each value with its key path and kind) → words.
//!
//! Words are runs of letters and digits, lowercased the Unicode way; a run of Han, kana or
//! Hangul characters is a word apart from the Latin letters around it, and is also looked for
//! across line breaks, as lines may break between any two of its characters. Keys' names are
//! never words, except RenderCV's section titles (`cv.sections`' keys), which print.

use serde_json::Value;

/// What a leaf holds, which decides how it is looked for in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LeafKind {
    /// Text: every word must print (or be named by a warning).
    Text,
    /// A web, `mailto:` or `tel:` address: a link target, or its host's words printed.
    Url,
    /// A date: only its year numbers must print, as dates print in the layout's style.
    Date,
    /// A phone number: its digits must print, or be a `tel:` target.
    Phone,
}

/// One value of the source file.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Where it is: a key path (`work[0].highlights[2]`) or `line N` for Markdown.
    pub path: String,
    /// The key it sits under (`highlights`), or the Markdown kind of line; groups the report.
    pub key: String,
    /// How it is looked for.
    pub kind: LeafKind,
    /// The value as written.
    pub text: String,
}

/// Keys whose values are dates.
const DATE_KEYS: &[&str] =
    &["date", "startDate", "endDate", "releaseDate", "start_date", "end_date", "lastModified"];

/// Keys whose values are addresses.
const URL_KEYS: &[&str] = &["url", "website", "link", "image", "picture", "photo", "href"];

/// Top-level keys left out by design: configuration, not content.
const CONFIG_KEYS: &[&str] = &[
    "$schema",
    "meta",
    "design",
    "locale",
    "locale_catalog",
    "settings",
    "rendercv_settings",
    "layouts",
    "layout",
    "lang",
    "keywords",
    "title",
];

/// Keys left out at any depth: icon names (Markdown front matter's `icon`, RenderCV's
/// `fontawesome_icon`) and front matter's line-break switch.
const ANY_DEPTH_CONFIG_KEYS: &[&str] = &["$schema", "icon", "break", "fontawesome_icon"];

/// Collects the leaves of a parsed JSON or YAML document.
pub fn value_leaves(root: &Value) -> Vec<Leaf> {
    let mut out = Vec::new();
    if let Value::Object(map) = root {
        for (key, value) in map {
            if !CONFIG_KEYS.contains(&key.as_str()) {
                walk(value, key, key, &mut out);
            }
        }
    } else {
        walk(root, "", "", &mut out);
    }
    out
}

/// Walks a value below `path`, whose last key is `key`.
fn walk(value: &Value, path: &str, key: &str, out: &mut Vec<Leaf>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if ANY_DEPTH_CONFIG_KEYS.contains(&k.as_str()) {
                    continue;
                }
                let child = format!("{path}.{k}");
                if path == "cv.sections" {
                    // RenderCV's section titles are the keys of this map, and they print.
                    push_leaf(&child, "section title", k, out);
                    walk(v, &child, "text entry", out);
                } else {
                    walk(v, &child, k, out);
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), key, out);
            }
        }
        Value::String(s) => push_leaf(path, key, s, out),
        Value::Number(n) => push_leaf(path, key, &n.to_string(), out),
        Value::Bool(_) | Value::Null => {}
    }
}

/// Adds a value's leaf, its kind told by its key and its value. Text is stripped of Markdown
/// links, tags and bare addresses (RenderCV's and YAMLResume's strings are Markdown), and the
/// addresses become leaves of their own.
fn push_leaf(path: &str, key: &str, text: &str, out: &mut Vec<Leaf>) {
    let make = |kind, text: &str| Leaf {
        path: path.to_string(),
        key: key.to_string(),
        kind,
        text: text.to_string(),
    };
    let kind = if DATE_KEYS.contains(&key) {
        LeafKind::Date
    } else if key == "phone" {
        LeafKind::Phone
    } else if URL_KEYS.contains(&key) || looks_like_url(text) {
        LeafKind::Url
    } else {
        LeafKind::Text
    };
    if kind != LeafKind::Text {
        out.push(make(kind, text));
        return;
    }
    let mut urls = Vec::new();
    let stripped = super::md_leaves::strip_inline(text, &mut urls);
    out.push(make(LeafKind::Text, &stripped));
    out.extend(urls.iter().map(|url| make(LeafKind::Url, url)));
}

/// Whether a whole value is a web address.
pub fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    !s.contains(char::is_whitespace)
        && ["http://", "https://", "mailto:", "tel:", "www."].iter().any(|p| s.starts_with(p))
}

/// Splits text into normalised words (see the module's comment): lowercase, with the Turkish
/// dotless ı and dotted İ folded to i, as a title printed in capitals loses the difference.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut ideographic = false;
    for c in text.chars() {
        if c.is_alphanumeric() || is_mark(c) {
            if is_ideographic(c) != ideographic {
                flush(&mut word, &mut out);
                ideographic = is_ideographic(c);
            }
            word.extend(c.to_lowercase().filter(|c| *c != '\u{307}').map(|c| if c == 'ı' { 'i' } else { c }));
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Moves a finished word into the list.
fn flush(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(std::mem::take(word));
    }
}

/// Whether a character is a combining mark, part of the word it follows (Devanagari vowels).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x097F | 0x064B..=0x065F)
}

/// Whether lines may break before and after a character (Han, kana, Hangul), so that a run of
/// them is looked for across line breaks.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F | 0x20000..=0x2FFFF)
}

/// Returns the year numbers (1900–2099) in a date as written.
pub fn years(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .flat_map(|w| {
            // "2024" alone, or glued to a suffix or prefix ("2024年", "15.06.2024" splits anyway).
            let digits: Vec<char> = w.chars().collect();
            let mut found = Vec::new();
            let mut i = 0;
            while i + 4 <= digits.len() {
                let run: String = digits[i..i + 4].iter().collect();
                let bounded = (i == 0 || !digits[i - 1].is_ascii_digit())
                    && digits.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
                if bounded
                    && (run.starts_with("19") || run.starts_with("20"))
                    && run.chars().all(|c| c.is_ascii_digit())
                {
                    found.push(run);
                    i += 4;
                } else {
                    i += 1;
                }
            }
            found
        })
        .collect()
}

/// Returns the words of an address that should print when it is not a link target: its host
/// without `www` and the top-level domain's dot, e.g. `example.com/jane` → `example`, `com`.
pub fn host_words(url: &str) -> Vec<String> {
    let rest = strip_scheme(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    words(host).into_iter().filter(|w| w != "www").collect()
}

/// Returns an address without its scheme, `www.` and trailing `/`, lowercased, for comparing
/// targets with what the file says.
pub fn canonical_url(url: &str) -> String {
    let rest = strip_scheme(url.trim()).to_lowercase();
    let rest = rest.strip_prefix("www.").unwrap_or(&rest);
    rest.trim_end_matches('/').to_string()
}

/// Drops `https://`, `mailto:` and the like.
fn strip_scheme(url: &str) -> &str {
    for scheme in ["https://", "http://", "mailto:", "tel:"] {
        if let Some(rest) = url.strip_prefix(scheme) {
            return rest;
        }
    }
    url
}

/// Returns the digits of a text, for phone numbers.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}
