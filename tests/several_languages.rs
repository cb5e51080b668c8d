//! Several languages in one profile, end to end: `--lang` on `render`, `check` and `ats`,
//! `--all-languages` rendering every language in one parallel batch with the bytes of each
//! render alone, the fallback warning, the PDF's language and dates, and the embedded source
//! that gives every language back on `vitae import cv.pdf`.

mod common;
use common::TempDir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bilingual fixture: English (the default) and German; one highlight is English only.
fn bilingual() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/languages/bilingual.yaml")
}

/// Runs `vitae ARGS` in `dir` with a fixed `SOURCE_DATE_EPOCH`, so that bytes compare.
fn vitae(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("run the vitae binary")
}

/// Returns standard error as text.
fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Returns the text pdftotext reads from a PDF file.
fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output().expect("pdftotext is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Returns the document catalog's `/Lang`.
fn catalog_lang(pdf: &Path) -> String {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let lang = doc.catalog().expect("a catalog").get(b"Lang").expect("/Lang");
    String::from_utf8_lossy(lang.as_str().expect("a string")).into_owned()
}

#[test]
fn all_languages_renders_each_language_as_rendering_it_alone_does() {
    let tmp = TempDir::new();
    tmp.copy(&bilingual(), "cv.yaml");
    let all = vitae(&tmp.path, &["render", "cv.yaml", "--all-languages", "--out-dir", "out", "--jobs", "2"]);
    assert!(all.status.success(), "{}", stderr(&all));
    assert_eq!(tmp.files_in("out"), ["cv.de.pdf", "cv.en.pdf"]);
    for lang in ["en", "de"] {
        let alone = format!("alone.{lang}.pdf");
        let out = vitae(&tmp.path, &["render", "cv.yaml", "--lang", lang, "-o", &alone]);
        assert!(out.status.success(), "{}", stderr(&out));
        let batch = std::fs::read(tmp.join(&format!("out/cv.{lang}.pdf"))).unwrap();
        assert!(batch == std::fs::read(tmp.join(&alone)).unwrap(), "{lang}: the batch's bytes differ");
        assert_eq!(catalog_lang(&tmp.join(&alone)), lang);
    }
    // Without --out-dir the outputs go next to the profile.
    let next_to = vitae(&tmp.path, &["render", "cv.yaml", "--all-languages"]);
    assert!(next_to.status.success(), "{}", stderr(&next_to));
    assert!(tmp.join("cv.en.pdf").is_file() && tmp.join("cv.de.pdf").is_file());
}

#[test]
fn the_chosen_language_sets_the_words_dates_and_language_of_the_pdf() {
    let tmp = TempDir::new();
    tmp.copy(&bilingual(), "cv.yaml");
    let out = vitae(&tmp.path, &["render", "cv.yaml", "--lang", "de", "-o", "de.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = text_of(&tmp.join("de.pdf"));
    for words in ["Berufserfahrung", "Leitende Ingenieurin", "März 2021 – heute", "Cut infrastructure costs"]
    {
        assert!(text.contains(words), "no {words:?} in:\n{text}");
    }
    assert!(!text.contains("Experience"), "{text}");
    // The missing translation is named with its place, once.
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings, ["warning: cv.yaml:20:13: highlight has no \"de\" text; using \"en\""]);
    let en = vitae(&tmp.path, &["render", "cv.yaml", "-o", "en.pdf"]);
    assert!(!stderr(&en).contains("warning:"), "{}", stderr(&en));
    assert!(text_of(&tmp.join("en.pdf")).contains("Mar 2021 – present"));
}

#[test]
fn an_unoffered_language_fails_naming_the_offered_ones() {
    let tmp = TempDir::new();
    tmp.copy(&bilingual(), "cv.yaml");
    for command in [
        &["render", "cv.yaml", "--lang", "fr"][..],
        &["check", "cv.yaml", "--lang", "fr"],
        &["ats", "cv.yaml", "--lang", "fr"],
    ] {
        let out = vitae(&tmp.path, command);
        assert_eq!(out.status.code(), Some(1), "{command:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("the profile has no `fr` texts: it offers `en` and `de`"),
            "{}",
            stderr(&out)
        );
    }
    assert!(!tmp.join("cv.pdf").exists());
    let ok = vitae(&tmp.path, &["check", "cv.yaml", "--lang", "de"]);
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stderr(&ok).contains("highlight has no \"de\" text"), "{}", stderr(&ok));
}

#[test]
fn lang_and_all_languages_exclude_each_other_and_a_single_output() {
    let tmp = TempDir::new();
    tmp.copy(&bilingual(), "cv.yaml");
    for args in [
        &["render", "cv.yaml", "--all-languages", "--lang", "de"][..],
        &["render", "cv.yaml", "--all-languages", "-o", "x.pdf"],
    ] {
        let out = vitae(&tmp.path, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn the_embedded_source_gives_every_language_back() {
    let tmp = TempDir::new();
    tmp.copy(&bilingual(), "cv.yaml");
    let out = vitae(&tmp.path, &["render", "cv.yaml", "--lang", "de", "-o", "de.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let back = vitae(&tmp.path, &["import", "de.pdf", "-o", "back.yaml"]);
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(
        std::fs::read_to_string(tmp.join("back.yaml")).unwrap(),
        std::fs::read_to_string(bilingual()).unwrap()
    );
    for lang in ["en", "de"] {
        let options = vitae::LoadOptions { lang: Some(lang.to_owned()) };
        let original = vitae::load_profile_with(&bilingual(), &options).unwrap();
        let again = vitae::load_profile_with(&tmp.join("back.yaml"), &options).unwrap();
        assert_eq!(again.languages, ["en", "de"]);
        assert_eq!((again.sections, again.headline), (original.sections, original.headline), "{lang}");
    }
}

#[test]
fn a_profile_in_one_language_renders_once_under_all_languages() {
    let tmp = TempDir::new();
    tmp.write("cv.yaml", "name: Jane Doe\nsections:\n  - title: Interests\n    entries: [Climbing]\n");
    tmp.write("broken.yaml", "name: [Jane\n");
    let out = vitae(&tmp.path, &["render", "cv.yaml", "broken.yaml", "--all-languages", "--out-dir", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(tmp.files_in("out"), ["cv.en.pdf"]);
    assert!(stderr(&out).contains("broken.yaml:"), "the broken profile is reported: {}", stderr(&out));
}
