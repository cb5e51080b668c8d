//! Languages end to end (issue 13): a profile's language, given or inferred from its script,
//! chooses the words dates and imported section titles print with, the hyphenation patterns and
//! the PDF's `/Lang`; imported RenderCV, JSON Resume and YAMLResume files carry their language
//! over, and a RenderCV date template is honoured where the language prints it that way.

mod common;

use common::TempDir;
use std::path::Path;
use vitae::import::ImportOptions;
use vitae::profile::Profile;

/// Loads a file in any format.
fn load(path: &Path) -> Profile {
    vitae::load_profile(path).unwrap_or_else(|e| panic!("{}", e.render()))
}

/// Returns everything the content of a profile prints, in its own layout, as one debug string:
/// enough to find a date or a title in.
fn printed(profile: &Profile) -> String {
    let theme = vitae::theme_for(profile, None).unwrap_or_else(|e| panic!("{e}"));
    format!("{:?}", vitae::content::build(profile, &theme))
}

/// The notes of importing a file.
fn notes(path: &Path) -> Vec<String> {
    let c = vitae::import::convert(path, None, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{}", e.render()));
    c.notes.iter().map(ToString::to_string).collect()
}

/// The section titles of a profile.
fn titles(profile: &Profile) -> Vec<String> {
    profile.sections.iter().map(|s| s.title.to_plain()).collect()
}

/// A RenderCV file with a locale and an experience from March 2024 that goes on.
fn rendercv(locale: &str, name: &str, section: &str) -> String {
    format!(
        "cv:\n  name: {name}\n  custom_connections:\n    - placeholder: x\n      fontawesome_icon: blog\n  sections:\n    {section}:\n      - company: ACME\n        position: {name}\n        start_date: 2024-03\n        end_date: present\n{locale}"
    )
}

#[test]
fn a_korean_rendercv_file_prints_korean_dates() {
    let tmp = TempDir::new();
    let locale = "locale:\n  language: korean\n  date_template: YEAR년 MONTH월\n";
    let path = tmp.write("cv.yaml", rendercv(locale, "김민준", "경력"));
    let profile = load(&path);
    assert_eq!(profile.lang, "ko");
    let text = printed(&profile);
    assert!(text.contains("2024년 3월 ~ 현재"), "{text}");
    // The template is honoured, so nothing is noted about it.
    assert!(!notes(&path).iter().any(|n| n.contains("MONTH월")), "{:?}", notes(&path));
    // The contact vitae adds a section for is titled in Korean.
    assert!(titles(&profile).contains(&"연락처".to_owned()), "{:?}", titles(&profile));
}

#[test]
fn a_japanese_rendercv_file_without_a_language_is_read_as_japanese() {
    let tmp = TempDir::new();
    let design = "design:\n  templates:\n    single_date: YEAR年MONTH月\n";
    let path = tmp.write("cv.yaml", rendercv(design, "山田太郎のエンジニアリング", "職歴"));
    let profile = load(&path);
    assert_eq!(profile.lang, "ja");
    assert!(printed(&profile).contains("2024年3月 〜 現在"));
    assert!(!notes(&path).iter().any(|n| n.contains("YEAR年")), "{:?}", notes(&path));
}

#[test]
fn a_year_first_template_in_an_english_file_is_noted() {
    let tmp = TempDir::new();
    let locale = "locale:\n  date_template: YEAR년 MONTH월\n";
    let path = tmp.write("cv.yaml", rendercv(locale, "Jane Doe", "Experience"));
    let found = notes(&path);
    assert!(found.iter().any(|n| n.contains("YEAR년 MONTH월") && n.contains("`Mar 2024`")), "{found:?}");
    assert!(printed(&load(&path)).contains("Mar 2024 – present"));
}

#[test]
fn a_hungarian_profile_prints_the_year_first() {
    let tmp = TempDir::new();
    let yaml = "lang: hu\nname: Kovács Anna\nsections:\n  - title: Szakmai tapasztalat\n    entries:\n      - position: Mérnök\n        organization: Példa Kft.\n        start: 2024-03\n        end: 2025-01\n";
    let profile = load(&tmp.write("cv.yaml", yaml));
    assert!(printed(&profile).contains("2024. márc. – 2025. jan."));
}

#[test]
fn json_resume_titles_follow_meta_language_or_the_script() {
    let tmp = TempDir::new();
    let work = r#""work": [{"name": "Példa Kft.", "position": "Mérnök", "startDate": "2024-03"}], "skills": [{"name": "Rust"}]"#;
    let hu = tmp.write(
        "hu.json",
        format!(r#"{{"basics": {{"name": "Kovács Anna"}}, {work}, "meta": {{"language": "hu"}}}}"#),
    );
    let profile = load(&hu);
    assert_eq!(profile.lang, "hu");
    assert_eq!(titles(&profile), ["Szakmai tapasztalat", "Készségek"]);
    assert!(printed(&profile).contains("2024. márc. – jelenleg"));
    // Without `meta.language`, the script of the text decides.
    let ja_work = r#""work": [{"name": "株式会社サンプル", "position": "ソフトウェアエンジニア", "startDate": "2024-03", "highlights": ["決済システムを設計しました"]}]"#;
    let ja = tmp.write("ja.json", format!(r#"{{"basics": {{"name": "山田 太郎"}}, {ja_work}}}"#));
    let profile = load(&ja);
    assert_eq!((profile.lang.as_str(), titles(&profile)), ("ja", vec!["職歴".to_owned()]));
    // A value that names no language is noted.
    let bad = tmp.write(
        "bad.json",
        format!(r#"{{"basics": {{"name": "Jane"}}, {work}, "meta": {{"language": "Klingon!"}}}}"#),
    );
    assert!(notes(&bad).iter().any(|n| n.contains("`meta.language: Klingon!` is not a language tag")));
    assert_eq!(titles(&load(&bad)), ["Experience", "Skills"]);
}

#[test]
fn yamlresume_titles_follow_its_locale() {
    let tmp = TempDir::new();
    let yaml = "content:\n  basics:\n    name: 王小明\n  work:\n    - name: 示例公司\n      position: 工程师\n      startDate: 2024-03\n      summary: 负责后端开发\nlocale:\n  language: zh-hans\n";
    let profile = load(&tmp.write("cv.yml", yaml));
    assert_eq!((profile.lang.as_str(), titles(&profile)), ("zh-Hans", vec!["工作经历".to_owned()]));
    assert!(printed(&profile).contains("2024年3月 – 至今"));
}

#[test]
fn the_inferred_language_reaches_the_pdf() {
    let tmp = TempDir::new();
    let yaml = "name: Иван Петров\nheadline: Инженер-программист\nsections:\n  - title: Опыт работы\n    entries:\n      - position: Разработчик\n        organization: Пример\n        start: 2021-03\n        highlights:\n          - Разрабатывал распределённые системы платежей и сопровождал их в эксплуатации\n";
    let profile = load(&tmp.write("cv.yaml", yaml));
    assert_eq!(profile.lang, "ru");
    let rendered =
        vitae::render(&profile, &vitae::RenderOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rendered.document.meta.language, "ru");
    let pdf = lopdf::Document::load_mem(&rendered.pdf).expect("the PDF parses");
    let catalog = pdf.catalog().expect("a catalog");
    let lang = catalog.get(b"Lang").and_then(lopdf::Object::as_str).expect("/Lang");
    assert_eq!(lang, b"ru");
    assert!(printed(&profile).contains("март 2021 – настоящее время"));
}

/// The language inferred for every file of the corpus (`tests/corpus`, 13 languages) without its
/// `lang:` agrees with the language `SOURCES.md` records: the script's language for ar, ja,
/// ko, ru and zh, English for every Latin-script language (which inference does not tell
/// apart). Files that must fail to load are skipped.
#[test]
fn inference_agrees_with_the_corpus_languages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let sources = std::fs::read_to_string(root.join("SOURCES.md")).expect("read SOURCES.md");
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in sources.lines().filter(|l| l.starts_with("| `") && !l.contains("/invalid/")) {
        let mut cells = line.split('|').map(str::trim);
        let (Some(file), Some(recorded)) = (cells.nth(1), cells.next()) else { continue };
        let path = root.join(file.trim_matches('`'));
        let Ok(c) = vitae::import::convert(&path, None, &ImportOptions::default()) else { continue };
        let without_lang: String =
            c.yaml.lines().filter(|l| !l.starts_with("lang:")).map(|l| format!("{l}\n")).collect();
        let profile = vitae::profile::parse(&without_lang, file).unwrap_or_else(|e| panic!("{}", e.render()));
        let expected = match recorded {
            "ar" | "ja" | "ko" | "ru" => recorded,
            "zh" => "zh-Hans",
            _ => "en",
        };
        checked += 1;
        if profile.lang != expected {
            wrong.push(format!("{file}: recorded {recorded}, inferred {}", profile.lang));
        }
    }
    assert!(checked >= 40, "only {checked} corpus files checked");
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// A Hebrew and an Arabic summary long enough to take several lines, with Latin words, a
/// number and punctuation among them.
const RTL_SUMMARIES: [(&str, &str); 2] = [
    (
        "he",
        "מהנדסת תוכנה עם ניסיון של שמונה שנים בפיתוח מערכות React ו-Python בענן, בניית צוותים קטנים והובלת פרויקטים מורכבים משלב הרעיון ועד להפעלה מלאה מול לקוחות בארץ ובעולם, כולל 5000 בקשות בשנייה.",
    ),
    (
        "ar",
        "مهندسة برمجيات لديها خبرة ثماني سنوات في تطوير أنظمة React و Python على السحابة، وبناء فرق صغيرة وقيادة مشاريع معقدة من مرحلة الفكرة حتى التشغيل الكامل أمام العملاء في المنطقة والعالم، بما في ذلك 5000 طلب في الثانية.",
    ),
];

/// The words of a text written with Hebrew or Arabic letters, in order (numbers, Latin words
/// and punctuation are left out: their place among the right-to-left words is the
/// extractor's guess).
fn rtl_words(text: &str) -> Vec<String> {
    let rtl = |c: char| ('\u{0590}'..='\u{06FF}').contains(&c) && c.is_alphabetic();
    text.split(|c: char| !rtl(c) && !('\u{064B}'..='\u{065F}').contains(&c))
        .filter(|w| w.chars().any(rtl))
        .map(str::to_owned)
        .collect()
}

/// Extracts a PDF's text with poppler's `pdftotext` (reading order, UTF-8).
fn pdftotext(pdf: &[u8]) -> String {
    let dir = TempDir::new();
    let path = dir.write("x.pdf", pdf);
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed to check text extraction");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Extracted right-to-left text reads in logical order: poppler's `pdftotext` gives every
/// Hebrew and Arabic word of a summary whole (an Arabic letter drawn as a dotless base and
/// its dots is not split off), in the order it was written, across the summary's lines.
#[test]
fn rtl_text_extracts_in_logical_order() {
    for (lang, summary) in RTL_SUMMARIES {
        let yaml = format!("name: Test\nlang: {lang}\nsummary: >-\n  {summary}\n");
        let profile = vitae::profile::parse(&yaml, "cv.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
        let rendered =
            vitae::render(&profile, &vitae::RenderOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let extracted = rtl_words(&pdftotext(&rendered.pdf));
        let expected = rtl_words(summary);
        assert!(expected.len() > 25, "{lang}: the summary is too short to take several lines");
        assert!(
            extracted.windows(expected.len()).any(|w| w == expected.as_slice()),
            "{lang}: expected {expected:?}\nextracted {extracted:?}"
        );
    }
}
