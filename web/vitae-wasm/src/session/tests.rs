//! The playground's operations on real profiles: what the page shows is what these return.

use super::*;

/// A bundled sample of more than one page.
const SAMPLE: &str = include_str!("../../../../samples/anurag-mohanty.yaml");
/// A JSON Resume with keys the format does not define.
const UNKNOWN_KEYS: &str = include_str!("../../../../tests/fixtures/import/unknown-keys.json");
/// A full JSON Resume.
const JSON_RESUME: &str = include_str!("../../../../tests/fixtures/import/jsonresume-sample.json");
/// A RenderCV file.
const RENDERCV: &str = include_str!("../../../../tests/fixtures/import/rendercv-john-doe.yaml");

/// The 1-based line of the first line of `text` that starts with `prefix`.
fn line_of(text: &str, prefix: &str) -> usize {
    text.lines().position(|l| l.starts_with(prefix)).expect("the line exists") + 1
}

#[test]
fn a_profile_renders_to_a_pdf_whose_pages_hold_its_text() {
    let (pdf, report) = render(SAMPLE, "auto", "{}");
    assert_eq!(report.error, None);
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(report.page_count > 1, "the sample takes more than one page");
    assert_eq!(report.page_text.len(), report.page_count);
    assert!(report.page_text[0].contains("Anurag Mohanty"), "{}", report.page_text[0]);
}

#[test]
fn an_edit_shows_in_the_next_render_and_renders_are_deterministic() {
    let edited = SAMPLE.replace("name: Anurag Mohanty", "name: Zofia Kowalczyk");
    let (first, report) = render(&edited, "auto", "");
    assert!(report.page_text[0].contains("Zofia Kowalczyk"));
    assert!(!report.page_text[0].contains("Anurag Mohanty"));
    assert_eq!(render(&edited, "auto", "").0, first, "the same text gives the same bytes");
}

#[test]
fn an_error_is_placed_at_its_line_and_gives_no_pdf() {
    let broken = SAMPLE.replace("name: Anurag Mohanty", "name: Anurag Mohanty\nnmae: typo");
    let (pdf, report) = render(&broken, "auto", r#"{"file": "cv.yaml"}"#);
    let error = report.error.expect("an unknown key is an error");
    assert_eq!((error.file.as_str(), error.line), ("cv.yaml", line_of(&broken, "nmae:")));
    assert_eq!(error.column, 1);
    assert!(error.message.contains("nmae"), "{}", error.message);
    assert!(pdf.is_empty());
    assert_eq!(report.page_count, 0);
}

#[test]
fn the_controls_choose_layout_paper_and_pages() {
    let (classic, _) = render(SAMPLE, "auto", r#"{"layout": "classic"}"#);
    let (modern, report) = render(SAMPLE, "auto", r#"{"layout": "modern", "paper": "letter"}"#);
    assert_eq!(report.error, None);
    assert_ne!(classic, modern);
    // The sample cannot fit on one page; asking for it tightens the layout all the same.
    let (natural_pdf, natural) = render(SAMPLE, "auto", "{}");
    let (fitted_pdf, fitted) = render(SAMPLE, "auto", r#"{"pages": 1}"#);
    assert_eq!(fitted.error, None);
    assert!(fitted.page_count <= natural.page_count);
    assert_ne!(fitted_pdf, natural_pdf);
}

#[test]
fn bad_options_are_errors_about_the_options() {
    for (json, needle) in [
        (r#"{"paper": "b5"}"#, "no paper named `b5`"),
        (r#"{"layout": "../etc/passwd"}"#, "no layout named"),
        (r#"{"colour": "red"}"#, "unknown field `colour`"),
        ("{", "not valid"),
    ] {
        let (pdf, report) = render(SAMPLE, "auto", json);
        let error = report.error.expect(json);
        assert_eq!(error.file, "options", "{json}");
        assert!(error.message.contains(needle), "{json}: {}", error.message);
        assert!(pdf.is_empty());
    }
    let (_, report) = render(SAMPLE, "latex", "{}");
    assert!(report.error.expect("unknown format").message.contains("no format named `latex`"));
}

#[test]
fn foreign_formats_render_by_hint_or_by_name() {
    for (text, hint, options) in [
        (JSON_RESUME, "auto", r#"{"file": "resume.json"}"#),
        (JSON_RESUME, "jsonresume", "{}"),
        (RENDERCV, "auto", "{}"),
        ("# Jane Markdown\n\njane@example.com\n\n## Experience\n\n- Did things\n", "markdown", "{}"),
    ] {
        let (pdf, report) = render(text, hint, options);
        assert_eq!(report.error, None, "{hint} {options}");
        assert!(pdf.starts_with(b"%PDF-"), "{hint} {options}");
    }
}

#[test]
fn unknown_keys_of_a_foreign_format_are_warnings_at_their_line() {
    let (_, report) = render(UNKNOWN_KEYS, "auto", r#"{"file": "jd.json"}"#);
    assert_eq!(report.error, None);
    let hobbies = report.warnings.iter().find(|w| w.message.contains("hobbies")).expect("hobbies noted");
    assert_eq!((hobbies.file.as_str(), hobbies.line), ("jd.json", 4));
    let checked = check(UNKNOWN_KEYS, "jsonresume", r#"{"file": "jd.json"}"#).warnings;
    assert!(checked.contains(hobbies), "check notes what render notes");
    assert!(checked.iter().all(|w| report.warnings.contains(w)));
}

#[test]
fn check_agrees_with_render() {
    assert_eq!(check(SAMPLE, "auto", "{}"), CheckReport::default());
    let broken = SAMPLE.replace("name: Anurag Mohanty", "name: [unclosed");
    let checked = check(&broken, "auto", "{}").error.expect("broken YAML");
    let rendered = render(&broken, "auto", "{}").1.error.expect("broken YAML");
    assert_eq!(checked, rendered);
    assert!(checked.line > 0);
}

#[test]
fn an_import_gives_yaml_that_renders_the_same_pages_as_the_original() {
    let imported = import(JSON_RESUME, "resume.json", "auto");
    assert_eq!((imported.error.as_ref(), imported.format.as_str()), (None, "JSON Resume"));
    assert!(imported.yaml.contains("Richard Hendriks"));
    let (_, from_yaml) = render(&imported.yaml, "vitae", "{}");
    assert_eq!(from_yaml.error, None);
    assert!(from_yaml.page_text[0].contains("Richard Hendriks"));
    // The embedded source differs (YAML against JSON), the pages do not.
    let (_, from_json) = render(JSON_RESUME, "auto", r#"{"file": "resume.json"}"#);
    assert_eq!(from_yaml.page_text, from_json.page_text);
}

#[test]
fn a_vitae_profile_opens_as_it_is_and_garbage_is_an_error() {
    let own = import(SAMPLE, "cv.yaml", "auto");
    assert_eq!((own.error, own.format.as_str(), own.yaml.as_str()), (None, "vitae profile", SAMPLE));
    let broken = import("{\"basics\": {\"name\": \"A\",}}", "a.json", "auto").error.expect("bad JSON");
    assert_eq!((broken.file.as_str(), broken.line), ("a.json", 1));
    let notes = import(UNKNOWN_KEYS, "jd.json", "auto").notes;
    assert!(notes.iter().any(|n| n.line == 4 && n.message.contains("hobbies")));
}

#[test]
fn the_bundled_layouts_are_listed_in_order() {
    let names = layouts();
    assert_eq!(names.first(), Some(&"classic"));
    assert!(names.contains(&"modern"));
    for name in names {
        let (_, report) = render(SAMPLE, "auto", &format!(r#"{{"layout": "{name}"}}"#));
        assert_eq!(report.error, None, "{name}");
    }
}
