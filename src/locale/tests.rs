//! Tests of the bundled locales and of lookups.

use super::*;

/// The languages issue 13 asks for, each with a file of its own.
const REQUIRED: [&str; 29] = [
    "en", "de", "fr", "es", "pt", "it", "nl", "tr", "ru", "uk", "pl", "cs", "sv", "da", "nb", "fi", "el",
    "hu", "ro", "ja", "zh-Hans", "zh-Hant", "ko", "ar", "he", "fa", "hi", "id", "vi",
];

/// Returns the text of `locales/<tag>.yaml`, the file people edit.
fn yaml(tag: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{tag}.yaml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_locale_file_parses_and_is_complete() {
    for (tag, _) in FILES {
        let locale: Locale = match serde_saphyr::from_str(&yaml(tag)) {
            Ok(l) => l,
            Err(e) => panic!("locales/{tag}.yaml does not parse: {e}"),
        };
        assert_eq!(locale.tag, *tag, "locales/{tag}.yaml declares another tag");
        assert_eq!(locale.problems(), Vec::<String>::new(), "locales/{tag}.yaml");
    }
    assert_eq!(all().len(), FILES.len());
}

#[test]
fn bundled_json_is_the_yaml() {
    // build.rs derives each bundled locale's JSON from its YAML: the two must hold the same tree
    // and read into the same locale, so the JSON cannot drift from the file.
    for (tag, json) in FILES {
        let yaml = yaml(tag);
        let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
        let from_yaml: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(from_json, from_yaml, "{tag}");
        let typed: Locale = serde_saphyr::from_str(&yaml).unwrap();
        assert_eq!(serde_json::from_str::<Locale>(json).unwrap(), typed, "{tag}");
        assert_eq!(for_lang(tag), &typed, "{tag}");
    }
}

#[test]
fn every_file_in_locales_is_bundled() {
    let mut files: Vec<String> = crate::files::repository_files("locales", "yaml")
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut tags: Vec<String> = FILES.iter().map(|(t, _)| (*t).to_owned()).collect();
    tags.sort();
    assert_eq!(tags, files, "FILES lists exactly locales/*.yaml");
}

#[test]
fn every_required_language_has_its_own_file() {
    for tag in REQUIRED {
        assert_eq!(for_lang(tag).tag, tag);
    }
    // Each non-English locale has words of its own, not copies of English.
    let en = for_lang("en");
    for l in all().into_iter().filter(|l| l.tag != "en") {
        assert_ne!(l.present, en.present, "{}", l.tag);
        assert_ne!(l.months.long, en.months.long, "{}", l.tag);
        assert_ne!(l.titles.education, en.titles.education, "{}", l.tag);
    }
}

#[test]
fn problems_name_what_is_missing() {
    let mut l = for_lang("de").clone();
    l.date = "{month}".into();
    l.numeric = "{mm}/{mm}/{year}".into();
    l.day = "{month} {year}".into();
    l.titles.skills = " ".into();
    l.months.short[3] = String::new();
    let problems = l.problems();
    assert!(problems.contains(&"`date` must contain `{year}` once".to_owned()), "{problems:?}");
    assert!(problems.contains(&"`numeric` must contain `{mm}` once".to_owned()), "{problems:?}");
    assert!(problems.contains(&"`day` must contain `{day}` once".to_owned()), "{problems:?}");
    assert!(problems.contains(&"`titles.skills` is empty".to_owned()), "{problems:?}");
    assert!(problems.contains(&"`months` has an empty word".to_owned()), "{problems:?}");
}

#[test]
fn a_file_with_a_missing_title_or_month_does_not_parse() {
    let en = yaml("en");
    assert!(serde_saphyr::from_str::<Locale>(&en.replace("  projects: \"Projects\"\n", "")).is_err());
    let eleven = en.replace("\"Nov\", ", "");
    assert!(serde_saphyr::from_str::<Locale>(&eleven).is_err());
    assert!(serde_saphyr::from_str::<Locale>(&format!("{en}extra: 1\n")).is_err());
}

#[test]
fn lookups_fall_back_by_script_region_and_language() {
    let cases = [
        ("zh", "zh-Hans"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh-Hans-HK", "zh-Hans"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh_hant", "zh-Hant"),
        ("yue", "zh-Hant"),
        ("pt-BR", "pt"),
        ("pt_BR", "pt"),
        ("de-AT", "de"),
        ("EN-gb", "en"),
        ("no", "nb"),
        ("nn", "nb"),
        ("nb-NO", "nb"),
        ("iw", "he"),
        ("in", "id"),
        ("sw", "en"),
        ("", "en"),
        ("x-klingon", "en"),
    ];
    for (tag, want) in cases {
        assert_eq!(for_lang(tag).tag, want, "{tag}");
    }
}

#[test]
fn month_first_and_year_first_templates() {
    let en = for_lang("en");
    assert_eq!(en.month_year(&en.months.long, 3, 2024), "March 2024");
    assert_eq!(en.numeric(3, 2024), "03/2024");
    let ru = for_lang("ru");
    assert_eq!(ru.month_year(&ru.months.long, 3, 2024), "март 2024");
    for (tag, want) in
        [("ja", "2024年3月"), ("zh-Hans", "2024年3月"), ("ko", "2024년 3월"), ("hu", "2024. március")]
    {
        let l = for_lang(tag);
        assert_eq!(l.month_year(&l.months.long, 3, 2024), want, "{tag}");
    }
    assert_eq!(for_lang("ko").numeric(11, 2024), "2024.11");
    // Out-of-range months are clamped rather than indexing past the list.
    assert_eq!(en.month_year(&en.months.short, 13, 2024), "Dec 2024");
}

#[test]
fn the_dash_keeps_the_layouts_spacing() {
    assert_eq!(for_lang("ja").separator(" – "), " 〜 ");
    assert_eq!(for_lang("ko").separator("–"), "~");
    assert_eq!(for_lang("en").separator(" – "), " – ");
    assert_eq!(for_lang("ja").separator(" · "), " · ");
}

#[test]
fn titles_by_key() {
    let ko = for_lang("ko");
    assert_eq!(ko.titles.get("education"), Some("학력"));
    assert_eq!(for_lang("de").titles.get("projects"), Some("Projekte"));
    assert_eq!(ko.titles.get("hobbies"), None);
}

#[test]
fn languages_by_name() {
    assert_eq!(by_name("Deutsch").map(|l| l.tag.as_str()), Some("de"));
    assert_eq!(by_name(" german ").map(|l| l.tag.as_str()), Some("de"));
    assert_eq!(by_name("日本語").map(|l| l.tag.as_str()), Some("ja"));
    assert_eq!(by_name("РУССКИЙ").map(|l| l.tag.as_str()), Some("ru"));
    assert_eq!(by_name("Klingon"), None);
}
