//! Document-level settings: the language tag, hyphenation exceptions and PDF keywords.

use super::error::{ProfileError, Source};
use super::model::{Entry, HyphenationException, Item, ListItem, Profile, Rich, Section};
use super::raw::{Hyphenation, Keyword, ListOf, Plain};

/// The longest subtag BCP 47 allows.
const MAX_SUBTAG: usize = 8;

/// Returns the document's language: the one chosen from those the profile names (see
/// `lang::Languages`), else the language its text is written in, guessed from the scripts of
/// its letters ([`crate::locale::infer`]; English for Latin-script text).
pub(crate) fn lang(chosen: Option<String>, profile: &Profile) -> String {
    chosen.unwrap_or_else(|| infer(profile).to_owned())
}

/// Guesses the language of a profile's texts (see [`profile_texts`]) as
/// [`crate::locale::infer`] does, counting each text where it lies: a text of one span as it
/// is, one of several joined in a buffer reused for all of them, instead of a copy of each.
fn infer(profile: &Profile) -> &'static str {
    let mut counts = crate::locale::infer::Counts::default();
    let mut joined = String::new();
    for text in profile_texts(profile) {
        match text.spans.as_slice() {
            [span] => counts.add(&span.text),
            spans => {
                joined.clear();
                spans.iter().for_each(|s| joined.push_str(&s.text));
                counts.add(&joined);
            }
        }
    }
    counts.language()
}

/// Checks `lang` (or a tag of `languages:`): a BCP 47 tag (see [`is_tag`]).
pub(crate) fn checked_lang(src: &Source, lang: &Plain) -> Result<String, ProfileError> {
    let tag = lang.value.trim();
    if !is_tag(tag) {
        let error = src.error(&lang.referenced, format!("`{tag}` is not a language tag"));
        return Err(error.with_hint(lang_hint(tag)));
    }
    Ok(tag.to_owned())
}

/// Whether text is shaped as a BCP 47 tag: a primary language of two or three letters, then
/// subtags of up to eight letters or digits, separated by hyphens.
pub(crate) fn is_tag(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=MAX_SUBTAG).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The hint for a malformed tag: the hyphenated form of a tag written with `_` (`pt_BR`), the
/// code of a language written by name (`Deutsch`, `german`), else examples.
pub(crate) fn lang_hint(tag: &str) -> String {
    if tag.contains('_') {
        return format!("BCP 47 separates subtags with hyphens: `{}`", tag.replace('_', "-"));
    }
    if let Some(locale) = crate::locale::by_name(tag) {
        return format!("write the language's code: `{}`", locale.tag);
    }
    "write a BCP 47 tag such as `en`, `de`, `en-GB`, `pt-BR`, `ja` or `zh-Hant`; remove `lang` to let vitae guess from the text's script".to_owned()
}

/// Returns the texts of a profile that are written in its language: the header (without
/// contacts, which are addresses and numbers), section titles and every entry's text.
fn profile_texts(profile: &Profile) -> Vec<&Rich> {
    let mut texts: Vec<&Rich> = [&profile.name, &profile.headline, &profile.location]
        .into_iter()
        .flatten()
        .chain(&profile.summary)
        .collect();
    for section in &profile.sections {
        texts.push(&section.title);
        texts.extend(&section.intro);
        section.entries.iter().for_each(|e| entry_texts(e, &mut texts));
    }
    texts
}

/// Adds the texts of an entry.
fn entry_texts<'p>(entry: &'p Entry, texts: &mut Vec<&'p Rich>) {
    match entry {
        Entry::Item(item) => item_texts(item, texts),
        Entry::Group(g) => {
            let heads = [Some(&g.organization), g.about.as_ref(), g.location.as_ref()];
            texts.extend(heads.into_iter().flatten().chain(&g.summary).chain(&g.footer));
            g.roles.iter().for_each(|r| item_texts(r, texts));
        }
        Entry::Row(row) => texts.extend([&row.label, &row.details]),
        Entry::Bullet(point) => list_item_texts(point, texts),
        Entry::Paragraph(p) => texts.push(p),
    }
}

/// Adds the texts of an item.
fn item_texts<'p>(item: &'p Item, texts: &mut Vec<&'p Rich>) {
    let heads = [&item.title, &item.subtitle, &item.about, &item.location];
    texts.extend(heads.into_iter().flatten().chain(&item.summary).chain(&item.footer));
    item.highlights.items.iter().for_each(|p| list_item_texts(p, texts));
}

/// Adds the text of a point and of its sub-points.
fn list_item_texts<'p>(point: &'p ListItem, texts: &mut Vec<&'p Rich>) {
    texts.push(&point.text);
    point.children.items.iter().for_each(|c| list_item_texts(c, texts));
}

/// Converts the hyphenation exceptions, in the order written.
pub(crate) fn hyphenation(
    src: &Source,
    raw: Option<&Hyphenation>,
) -> Result<Vec<HyphenationException>, ProfileError> {
    let Some(Hyphenation(pairs)) = raw else { return Ok(Vec::new()) };
    pairs.iter().map(|(word, form)| exception(src, word, form)).collect()
}

/// Converts one exception: `Kubernetes: Ku-ber-ne-tes` allows breaks after 2, 5 and 7 letters.
fn exception(src: &Source, word: &Plain, form: &Plain) -> Result<HyphenationException, ProfileError> {
    let name = word.value.trim();
    if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '-') {
        let error = src.error(&word.referenced, format!("`{name}` is not a single word"));
        return Err(
            error.with_hint("list one word per key, without hyphens or spaces: `Kubernetes: Ku-ber-ne-tes`")
        );
    }
    let breaks = breaks(form.value.trim()).ok_or_else(|| {
        let error = src.error(
            &form.referenced,
            format!("`{}` has a hyphen that is not between letters", form.value.trim()),
        );
        error.with_hint("put hyphens only between letters: `Ku-ber-ne-tes`")
    })?;
    if !spells(form.value.trim(), name) {
        let message = format!("`{}` does not spell `{name}`", form.value.trim());
        return Err(src
            .error(&form.referenced, message)
            .with_hint("the letters must match the word; only hyphens may be added"));
    }
    Ok(HyphenationException { word: name.to_owned(), breaks })
}

/// Whether a hyphenated form spells a word: its letters without the hyphens equal the word's,
/// compared in lower case. Forms and words in ASCII (nearly all) are compared in place; others
/// through `str::to_lowercase`, whose final-sigma rule a character-wise comparison would miss.
fn spells(form: &str, word: &str) -> bool {
    if form.is_ascii() && word.is_ascii() {
        let mut letters = form.bytes().filter(|&b| b != b'-');
        return word.bytes().all(|w| letters.next().is_some_and(|l| l.eq_ignore_ascii_case(&w)))
            && letters.next().is_none();
    }
    let letters: String = form.chars().filter(|&c| c != '-').collect();
    letters.to_lowercase() == word.to_lowercase()
}

/// Returns the character offsets (in the word without hyphens) where the form has a hyphen, or
/// `None` when a hyphen is at an end or next to another.
fn breaks(form: &str) -> Option<Vec<usize>> {
    let mut breaks = Vec::new();
    let mut letters = 0;
    for c in form.chars() {
        if c != '-' {
            letters += 1;
        } else if letters == 0 || breaks.last() == Some(&letters) {
            return None;
        } else {
            breaks.push(letters);
        }
    }
    (breaks.last() != Some(&letters)).then_some(breaks)
}

/// Returns the keywords: those given, trimmed and without duplicates, or else the ones read
/// from skills sections.
pub(crate) fn keywords(given: Option<ListOf<Keyword>>, sections: &[Section]) -> Vec<String> {
    match given {
        Some(ListOf(list)) => dedupe(list.into_iter().map(|Keyword(k)| k.value)),
        None => dedupe(sections.iter().filter(|s| is_skills(s)).flat_map(section_terms)),
    }
}

/// Returns the keywords of a profile whose sections became `sections` (by a selection or by
/// dropping items to fit): read again from them when the profile's were read from its skills
/// sections, so the PDF's metadata never names a skill the pages leave out; else as given.
pub(crate) fn reread(profile: &Profile, sections: &[Section]) -> Vec<String> {
    let derived = keywords(None, &profile.sections);
    match profile.keywords == derived {
        true => keywords(None, sections),
        false => profile.keywords.clone(),
    }
}

/// Whether a section lists skills (its title contains "skill", in any case).
fn is_skills(section: &Section) -> bool {
    section.title.to_plain().to_lowercase().contains("skill")
}

/// Returns the comma-separated terms of a section's rows and bullets (nested bullets too).
fn section_terms(section: &Section) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in &section.entries {
        match entry {
            Entry::Row(row) => texts.push(row.details.to_plain()),
            Entry::Bullet(item) => {
                texts.push(item.text.to_plain());
                texts.extend(item.children.items.iter().map(|c| c.text.to_plain()));
            }
            _ => {}
        }
    }
    texts.iter().flat_map(|t| t.split(',')).map(|t| t.trim().to_owned()).collect()
}

/// Drops empty terms and repeats (compared without case), keeping the first spelling and order.
fn dedupe(terms: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    terms.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty() && seen.insert(t.to_lowercase())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_count_letters_before_each_hyphen() {
        assert_eq!(breaks("Ku-ber-ne-tes"), Some(vec![2, 5, 7]));
        assert_eq!(breaks("Kubernetes"), Some(vec![]));
        assert_eq!(breaks("Zür-ich"), Some(vec![3]));
        assert_eq!(breaks("-Ku"), None);
        assert_eq!(breaks("Ku-"), None);
        assert_eq!(breaks("Ku--ber"), None);
    }

    #[test]
    fn spells_compares_letters_without_hyphens_in_lower_case() {
        let reference = |form: &str, word: &str| {
            let letters: String = form.chars().filter(|&c| c != '-').collect();
            letters.to_lowercase() == word.to_lowercase()
        };
        let cases = [
            ("Ku-ber-ne-tes", "Kubernetes", true),
            ("ku-BER-ne-tes", "KUBERNETES", true),
            ("Ku-ber-ne-te", "Kubernetes", false),
            ("Ku-ber-ne-tess", "Kubernetes", false),
            ("", "", true),
            ("-", "", true),
            ("a-b", "ab", true),
            ("a-b", "a", false),
            ("Zür-ich", "ZÜRICH", true),
            ("Zur-ich", "Zürich", false),
            ("ΟΔΟ-Σ", "οδος", true),
            ("ΟΔΟ-Σ", "ΟΔΟς", true),
            ("İs-tan-bul", "i̇stanbul", true),
            ("Straß-e", "STRASSE", false),
            ("K-elvin", "\u{212a}elvin", true),
            ("a-b", "a\u{0}b", false),
        ];
        for (form, word, expected) in cases {
            assert_eq!(reference(form, word), expected, "{form} {word}");
            assert_eq!(spells(form, word), expected, "{form} {word}");
        }
    }

    #[test]
    fn infer_counts_each_text_whole_as_the_locale_module_does() {
        use crate::profile::model::{Span, SpanStyle};
        let spans = |parts: &[&str]| Rich {
            spans: parts
                .iter()
                .map(|t| Span { text: (*t).to_owned(), style: SpanStyle::default(), link: None })
                .collect(),
        };
        // Joined, the spans are one address (not counted); counted apart, the second would be
        // Cyrillic. An empty text and a one-span text count as they are.
        let mut profile = Profile {
            name: Some(spans(&["www.", "пример.рф"])),
            headline: Some(spans(&[])),
            location: Some(spans(&["Berlin"])),
            ..Profile::default()
        };
        let reference = |p: &Profile| {
            let plain: Vec<String> = profile_texts(p).into_iter().map(Rich::to_plain).collect();
            crate::locale::infer(plain.iter().map(String::as_str))
        };
        assert_eq!(infer(&profile), "en");
        assert_eq!(infer(&profile), reference(&profile));
        profile.summary = vec![spans(&["Инженер ", "и ", "разработчик"])];
        assert_eq!(infer(&profile), "ru");
        assert_eq!(infer(&profile), reference(&profile));
    }

    #[test]
    fn dedupe_keeps_first_spelling() {
        let terms = ["Rust", " Go ", "rust", "", "Go", "Python"].map(String::from);
        assert_eq!(dedupe(terms.into_iter()), vec!["Rust", "Go", "Python"]);
    }
}
