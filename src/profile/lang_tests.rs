//! Tests of several languages in one profile: texts as maps of languages, the choice of
//! language, the fallback on the default with its warnings, and every error with its place.

use super::*;

/// A profile in English and German; the headline and one highlight are English only.
const BILINGUAL: &str = "\
lang: en
languages: [en, de]
name: Jane Doe
headline: Site Reliability Engineer
summary:
  en: Engineer with **ten years** of experience.
  de: Ingenieurin mit **zehn Jahren** Erfahrung.
contacts:
  - url: https://jane.example.com
    label: {en: Homepage, de: Webseite}
keywords: [{en: Reliability, de: Zuverlässigkeit}, Rust]
sections:
  - title: {en: Experience, de: Berufserfahrung}
    intro: {en: Most recent first, de: Neueste zuerst}
    entries:
      - position: {en: Staff Engineer, de: Leitende Ingenieurin}
        organization: Example GmbH
        date: {en: Summer 2019, de: Sommer 2019}
        highlights:
          - {en: Led the migration, de: Leitete die Migration}
          - en: Cut costs by 30%
            de: Kosten um 30 % gesenkt
          - Only in English
          - text: {en: On call, de: Bereitschaft}
            highlights: [{en: Paged twice, de: Zweimal alarmiert}]
          - text: {en: Mentored, de: Betreute}
      - en: A bullet
        de: Ein Aufzählungspunkt
  - title: Interests
    entries: [Climbing]
";

/// Parses in a language, failing the test with the rendered error.
fn in_lang(source: &str, lang: Option<&str>) -> Profile {
    let options = LoadOptions { lang: lang.map(str::to_owned) };
    parse_with(source, "cv.yaml", &options).unwrap_or_else(|e| panic!("{}", e.render()))
}

/// Parses in a language and returns the error.
fn error_in(source: &str, lang: Option<&str>) -> ProfileError {
    let options = LoadOptions { lang: lang.map(str::to_owned) };
    match parse_with(source, "cv.yaml", &options) {
        Ok(_) => panic!("loads:\n{source}"),
        Err(e) => e,
    }
}

/// Returns the plain text of every point of the first entry of the first section.
fn points(profile: &Profile) -> Vec<String> {
    let Some(Entry::Item(item)) = profile.sections[0].entries.first() else { panic!("no item") };
    let mut out = Vec::new();
    for p in &item.highlights.items {
        out.push(p.text.to_plain());
        out.extend(p.children.items.iter().map(|c| c.text.to_plain()));
    }
    out
}

#[test]
fn every_kind_of_text_follows_the_chosen_language() {
    let de = in_lang(BILINGUAL, Some("de"));
    assert_eq!(de.lang, "de");
    assert_eq!(de.languages, ["en", "de"]);
    assert_eq!(de.summary[0].to_plain(), "Ingenieurin mit zehn Jahren Erfahrung.");
    assert!(de.summary[0].spans.iter().any(|s| s.style.bold && s.text == "zehn Jahren"), "markup is parsed");
    assert_eq!(de.contacts[0].text, "Webseite");
    assert_eq!(de.keywords, ["Zuverlässigkeit", "Rust"]);
    assert_eq!(de.sections[0].title.to_plain(), "Berufserfahrung");
    assert_eq!(de.sections[0].intro.as_ref().map(Rich::to_plain).as_deref(), Some("Neueste zuerst"));
    let Some(Entry::Item(item)) = de.sections[0].entries.first() else { panic!("no item") };
    assert_eq!(item.title.as_ref().map(Rich::to_plain).as_deref(), Some("Leitende Ingenieurin"));
    assert_eq!(
        points(&de),
        [
            "Leitete die Migration",
            "Kosten um 30 % gesenkt",
            "Only in English",
            "Bereitschaft",
            "Zweimal alarmiert",
            "Betreute"
        ]
    );
    let Some(Entry::Bullet(bullet)) = de.sections[0].entries.get(1) else { panic!("no bullet") };
    assert_eq!(bullet.text.to_plain(), "Ein Aufzählungspunkt");
    // The default language reads the `en` texts, and plain strings are the same in both.
    let en = in_lang(BILINGUAL, None);
    assert_eq!((en.lang.as_str(), en.sections[0].title.to_plain()), ("en", "Experience".to_owned()));
    assert_eq!(points(&en)[..2], ["Led the migration", "Cut costs by 30%"]);
    assert_eq!(en.headline, de.headline);
    assert!(en.notes.is_empty(), "{:?}", en.notes);
}

#[test]
fn the_chosen_language_is_matched_without_case_and_spelt_as_listed() {
    assert_eq!(in_lang(BILINGUAL, Some("DE")).lang, "de");
    let listed = BILINGUAL.replace("languages: [en, de]", "languages: [en, de-CH]").replace("de:", "de-ch:");
    assert_eq!(in_lang(&listed, Some("DE-ch")).lang, "de-CH");
}

#[test]
fn a_missing_text_falls_back_on_the_default_with_one_warning_per_field_in_order() {
    let source = BILINGUAL.replace("date: {en: Summer 2019, de: Sommer 2019}", "date: {en: Summer 2019}");
    let source = source
        .replace("intro: {en: Most recent first, de: Neueste zuerst}", "intro: {en: Most recent first}");
    let de = in_lang(&source, Some("de"));
    let warnings: Vec<String> = de.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "cv.yaml:14:12: intro has no \"de\" text; using \"en\"",
            "cv.yaml:18:15: date has no \"de\" text; using \"en\"",
        ]
    );
    assert!(de.notes.iter().all(|w| w.kind == crate::WarningKind::Untranslated));
    let Some(Entry::Item(item)) = de.sections[0].entries.first() else { panic!("no item") };
    assert_eq!(item.dates, Some(Dates::Text("Summer 2019".into())));
    // The same input gives the same warnings.
    assert_eq!(in_lang(&source, Some("de")).notes, de.notes);
}

#[test]
fn numbers_in_a_map_are_read_as_written() {
    let source = "languages: [en, de]\nname: {en: 007, de: 1.50}\n";
    assert_eq!(in_lang(source, None).name.map(|n| n.to_plain()).as_deref(), Some("007"));
    assert_eq!(in_lang(source, Some("de")).name.map(|n| n.to_plain()).as_deref(), Some("1.50"));
    assert_eq!(in_lang("name: 042\n", None).name.map(|n| n.to_plain()).as_deref(), Some("042"));
}

#[test]
fn the_default_is_lang_else_the_first_listed() {
    assert_eq!(in_lang("languages: [de, en]\nname: {de: A, en: B}\n", None).lang, "de");
    assert_eq!(in_lang("lang: en\nlanguages: [de, en]\nname: {de: A, en: B}\n", None).lang, "en");
    let only_lang = in_lang("lang: fr\nname: {fr: Jeanne}\n", None);
    assert_eq!(
        (only_lang.lang.as_str(), only_lang.languages.as_slice()),
        ("fr", ["fr".to_owned()].as_slice())
    );
}

/// Asserts that `source` (in `lang`) fails at `line:column` with a message and hint containing
/// the given words.
fn assert_error(source: &str, lang: Option<&str>, at: (usize, usize), message: &str, hint: &str) {
    let e = error_in(source, lang);
    assert_eq!((e.line, e.column), at, "{source}: {e}");
    assert!(e.message.contains(message), "{source}: {}", e.message);
    assert!(e.hint.as_deref().unwrap_or("").contains(hint), "{source}: {:?}", e.hint);
}

#[test]
fn bad_maps_are_located_with_a_hint() {
    let head = "languages: [en, de]\n";
    assert_error(
        &format!("{head}name: {{en: A, deutsch: B}}\n"),
        None,
        (2, 15),
        "`deutsch` is not a language tag",
        "`de`",
    );
    assert_error(
        &format!("{head}name: {{en: A, fr: B}}\n"),
        None,
        (2, 15),
        "`fr` is not one of the profile's languages (`en` and `de`)",
        "add `fr` to `languages:`",
    );
    assert_error(&format!("{head}name: {{}}\n"), None, (2, 7), "`name` is an empty map", "{en: …, de: …}");
    assert_error(
        &format!("{head}name: {{en: A, de: [B]}}\n"),
        None,
        (2, 19),
        "the `de` text of `name` must be text, not a list",
        "quotes",
    );
    assert_error(
        &format!("{head}name: {{de: B}}\n"),
        None,
        (2, 7),
        "`name` has no `en` text, the profile's default language",
        "`en:`",
    );
    assert_error(
        &format!("{head}name: {{en: A, EN: B}}\n"),
        None,
        (2, 15),
        "`name` has two `en` texts",
        "keep one",
    );
    assert_error(
        "name: {en: A, de: B}\n",
        None,
        (1, 7),
        "given in several languages, but the profile names none",
        "languages: [en, de]",
    );
    assert_error(
        "lang: en\nname: {en: A, de: B}\n",
        None,
        (2, 15),
        "`de` is not one of the profile's languages (`en`)",
        "",
    );
}

#[test]
fn bad_language_lists_are_located_with_a_hint() {
    assert_error("languages: [en, deutsch]\n", None, (1, 17), "`deutsch` is not a language tag", "`de`");
    assert_error("languages: [en, de, EN]\n", None, (1, 21), "`EN` is listed twice (as `en` before)", "once");
    assert_error(
        "lang: fr\nlanguages: [en, de]\n",
        None,
        (1, 7),
        "`lang: fr` is not one of the profile's `languages:` (`en` and `de`)",
        "add `fr`",
    );
    assert!(error_in("languages: []\n", None).message.contains("lists no language"));
}

#[test]
fn an_unoffered_language_is_refused_naming_the_offered_ones() {
    assert_error(
        BILINGUAL,
        Some("fr"),
        (2, 13),
        "the profile has no `fr` texts: it offers `en` and `de`",
        "--lang",
    );
    // A profile that names no language offers the one its text is in.
    assert_eq!(in_lang("name: Jane\n", Some("EN")).lang, "en");
    let e = error_in("name: Jane\n", Some("de"));
    assert!(e.message.contains("names no language, and its text reads as `en`"), "{}", e.message);
}

#[test]
fn errors_in_any_language_are_found_whichever_is_chosen() {
    let source = "languages: [en, de]\nname: {en: Jane, de: '[x](ftp://example.com)'}\n";
    let e = error_in(source, None);
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("link"), "{}", e.message);
}

#[test]
fn a_misspelt_key_is_still_named_as_one() {
    let entry = "languages: [en, de]\nsections:\n  - title: X\n    entries:\n      - postion: Engineer\n";
    assert_error(entry, None, (5, 9), "unknown key `postion`", "`position`");
    let point = "languages: [en, de]\nsections:\n  - title: X\n    entries:\n      - position: A\n        highlights:\n          - txet: B\n";
    assert_error(point, None, (7, 13), "unknown key `txet`", "`text`");
    // Keys shaped like tags but naming no listed language are keys, not languages.
    let tagged = "languages: [en, de]\nsections:\n  - title: X\n    entries:\n      - pos: Engineer\n";
    assert_error(tagged, None, (5, 9), "unknown key `pos`", "");
}

#[test]
fn a_letter_follows_the_chosen_language_and_a_letter_file_has_one() {
    let source = "name: Jane\nlang: en\nlanguages: [en, de]\nletter:\n  recipient:\n    organization: {en: Acme Inc., de: Acme GmbH}\n  subject: {en: Application, de: Bewerbung}\n  salutation: {en: 'Dear Sir or Madam,'}\n  body: {en: I apply., de: Ich bewerbe mich.}\n  closing: 2024\n";
    let letter = |lang| in_lang(source, Some(lang)).letter.expect("a letter");
    let plain = |r: &Option<crate::profile::Rich>| r.as_ref().map(|r| r.to_plain());
    let de = letter("de");
    assert_eq!(plain(&de.subject).as_deref(), Some("Bewerbung"));
    assert_eq!(plain(&de.recipient.organization).as_deref(), Some("Acme GmbH"));
    assert_eq!(plain(&de.salutation).as_deref(), Some("Dear Sir or Madam,"), "falls back on en");
    assert_eq!(plain(&de.closing).as_deref(), Some("2024"), "a number as written");
    let warnings = in_lang(source, Some("de")).notes;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(plain(&letter("en").subject).as_deref(), Some("Application"));

    let file = "profile: cv.yaml\nsubject: {en: Application, de: Bewerbung}\nbody: Text.\n";
    let e = crate::profile::parse_letter_file(file, std::path::Path::new("letter.yaml")).unwrap_err();
    assert_eq!((e.line, e.column), (2, 10), "{}", e.render());
}
