//! Cover letters (issue 16): a letter renders on exactly one page in every layout on A4 and
//! Letter with every word of its body in the text, says so when it cannot fit, loads from a
//! letter file that names its profile (errors placed in the file that has them), prints the
//! `SOURCE_DATE_EPOCH` day only when it has no date, passes `pdf-audit`, and the command line
//! writes it beside the résumé (`--with-letter`), alone (`--letter-only`) or from a letter file.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::TempDir;
use vitae::theme::Paper;
use vitae::{Engine, Profile, RenderOptions, Rendered};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample letter file, which names `samples/anurag-mohanty.yaml`.
fn sample_letter() -> PathBuf {
    root().join("samples/letters/anurag-mohanty.yaml")
}

/// Renders a profile's letter in a bundled layout on a paper.
fn render_letter(profile: &Profile, layout: &str, paper: Paper, options: &RenderOptions) -> Rendered {
    let overrides = vitae::Overrides { layout: Some(layout), paper: Some(paper) };
    let theme = vitae::resolve_theme(profile, &overrides).unwrap();
    let letter = profile.letter.as_ref().expect("the profile has a letter");
    Engine::shared().render_letter(profile, letter, &theme, options).unwrap()
}

/// Returns the words of a text with markup and punctuation around them dropped, so that they
/// can be looked for in extracted text.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Returns the document's text with line-end hyphenation joined and white space collapsed.
fn extracted(rendered: &Rendered) -> String {
    let text =
        vitae::layout::text::plain_text(&rendered.document).replace("\u{ad}\n", "").replace('\u{ad}', "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_sample_letter_is_one_page_in_every_layout_and_paper_with_every_body_word() {
    let profile = vitae::load_profile(&sample_letter()).unwrap();
    let letter = profile.letter.as_ref().unwrap();
    let body: Vec<String> = letter.body.iter().flat_map(|p| words(&p.to_plain())).collect();
    assert!(body.len() > 100, "the sample's body is a real letter");
    let mut cases = 0;
    for (layout, _) in vitae::theme::BUNDLED {
        for paper in [Paper::A4, Paper::Letter] {
            let out = render_letter(&profile, layout, paper, &RenderOptions::default());
            let case = format!("{layout} {paper:?}");
            assert_eq!(out.page_count(), 1, "{case}");
            assert!(out.fit.as_ref().is_some_and(|f| f.fitted && f.target == 1), "{case}: {:?}", out.fit);
            let text = extracted(&out);
            let missing: Vec<&String> = body.iter().filter(|w| !text.contains(w.as_str())).collect();
            assert!(missing.is_empty(), "{case}: body words missing from the text: {missing:?}");
            for part in ["Ms Dana Rivera", "17 May 2024", "Dear Ms Rivera,", "Kind regards,"] {
                assert!(text.contains(part), "{case}: `{part}` missing");
            }
            assert_eq!(out.document.meta.title, "Cover letter — Anurag Mohanty", "{case}");
            assert!(out.warnings.is_empty(), "{case}: {:?}", out.warnings);
            cases += 1;
        }
    }
    assert_eq!(cases, vitae::theme::BUNDLED.len() * 2);
}

/// Writes a profile with a letter of `paragraphs` copies of a long paragraph; returns its path.
fn long_letter(tmp: &TempDir, paragraphs: usize) -> PathBuf {
    let paragraph = "I have built and run distributed systems for many years, and I would bring that experience to the team. ".repeat(4);
    let body: String = (0..paragraphs).map(|i| format!("    Paragraph {i}. {paragraph}\n\n")).collect();
    let yaml = format!(
        "name: Jane Doe\ncontacts:\n  - email: jane@example.com\nletter:\n  salutation: Dear team,\n  body: |\n{body}  closing: Regards,\n"
    );
    tmp.write("cv.yaml", yaml)
}

#[test]
fn a_letter_slightly_too_long_is_tightened_onto_one_page() {
    let tmp = TempDir::new();
    let theme = vitae::theme::load("classic").unwrap();
    // Find a length whose natural layout takes two pages but that tightening brings to one.
    let tightened = (6..20).find_map(|n| {
        let profile = vitae::load_profile(&long_letter(&tmp, n)).unwrap();
        let letter = profile.letter.clone().unwrap();
        let out =
            Engine::shared().render_letter(&profile, &letter, &theme, &RenderOptions::default()).unwrap();
        let fit = out.fit.clone().unwrap();
        (fit.natural_pages == 2 && fit.pages == 1).then_some((out, letter))
    });
    let (out, letter) = tightened.expect("some length fits on one page only when tightened");
    assert_eq!(out.page_count(), 1);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = extracted(&out);
    for w in letter.body.iter().flat_map(|p| words(&p.to_plain())) {
        assert!(text.contains(&w), "`{w}` missing");
    }
}

#[test]
fn a_letter_that_cannot_fit_keeps_every_word_and_a_warning_names_it() {
    let tmp = TempDir::new();
    let profile = vitae::load_profile(&long_letter(&tmp, 30)).unwrap();
    let out = render_letter(&profile, "modern", Paper::A4, &RenderOptions::default());
    assert!(out.page_count() > 1, "nothing is cut");
    let warning = out.warnings.iter().find(|w| w.message.contains("cover letter")).expect("a warning");
    let at = warning.at.as_ref().expect("placed at the letter");
    assert_eq!((at.file.ends_with("cv.yaml"), at.line), (true, 5), "{warning}");
    assert!(warning.message.contains("cannot fit on 1 page"), "{warning}");
    let text = extracted(&out);
    assert!(text.contains("Paragraph 29."), "the last paragraph is there");
}

#[test]
fn a_letter_without_a_date_prints_the_source_date_epoch_day_and_never_the_clock() {
    let tmp = TempDir::new();
    let yaml = "name: Jane\nupdated: 2020-01\nletter:\n  body: Hello there.\n";
    let profile = vitae::load_profile(&tmp.write("cv.yaml", yaml)).unwrap();
    let plain = render_letter(&profile, "classic", Paper::A4, &RenderOptions::default());
    let text = extracted(&plain);
    assert!(!text.chars().any(|c| c.is_ascii_digit()), "no date without one: {text}");
    let epoch = RenderOptions {
        layout: vitae::LayoutOptions { creation_date: Some(1_700_000_000) },
        ..RenderOptions::default()
    };
    let dated = render_letter(&profile, "classic", Paper::A4, &epoch);
    assert!(extracted(&dated).contains("14 November 2023"), "{}", extracted(&dated));
}

#[test]
fn a_letter_file_loads_its_profile_and_places_errors_where_they_are() {
    let tmp = TempDir::new();
    tmp.write("cv.yaml", "name: Jane\nletter:\n  body: The profile's own.\n");
    let file = tmp.write("acme.yaml", "profile: cv.yaml\nbody: For Acme.\n");
    let profile = vitae::load_profile(&file).unwrap();
    let letter = profile.letter.as_ref().unwrap();
    assert!(letter.own_file);
    assert_eq!(letter.body[0].to_plain(), "For Acme.");
    let note = profile.notes.iter().find(|n| n.message.contains("replaces it")).expect("a note");
    assert_eq!(note.at.as_ref().map(|a| a.line), Some(3), "{note}");
    // A profile that cannot be read is an error at the `profile:` line.
    let missing = tmp.write("missing.yaml", "body: Hi.\nprofile: nowhere.yaml\n");
    let e = vitae::load_profile(&missing).unwrap_err();
    assert_eq!((e.line, e.column), (2, 10), "{e}");
    assert!(e.message.contains("nowhere.yaml"), "{e}");
    // A letter file naming a letter file is refused, there: no loop.
    let looped = tmp.write("loop.yaml", "profile: loop.yaml\nbody: Hi.\n");
    let e = vitae::load_profile(&looped).unwrap_err();
    assert_eq!((e.line, e.message.contains("letter file too")), (1, true), "{e}");
    // An error inside the profile stays in the profile.
    tmp.write("bad.yaml", "name: Jane\nnmae: x\n");
    let bad = tmp.write("bad-letter.yaml", "profile: bad.yaml\nbody: Hi.\n");
    let e = vitae::load_profile(&bad).unwrap_err();
    assert!(e.to_string().contains("bad.yaml:2:1: unknown key `nmae`"), "{e}");
}

/// Returns whether poppler's `pdftotext` runs here (pdf-audit needs it); where it does not and
/// CI is set, fails, as the CI image must have it.
fn have_poppler() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    assert!(ok || std::env::var_os("CI").is_none(), "pdftotext is not installed, and CI is set");
    ok
}

#[test]
fn the_sample_letter_passes_pdf_audit_in_every_layout() {
    let audit = root().join("../shared/tools/pdf-audit");
    assert!(audit.is_file(), "this test needs {} from the shared folder", audit.display());
    if !have_poppler() {
        eprintln!("NOT CHECKED: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let tmp = TempDir::new();
    let profile = vitae::load_profile(&sample_letter()).unwrap();
    let source = tmp.write(
        "body.txt",
        profile.letter.as_ref().unwrap().body.iter().map(|p| p.to_plain() + "\n").collect::<String>(),
    );
    for (layout, _) in vitae::theme::BUNDLED {
        let out = render_letter(&profile, layout, Paper::A4, &RenderOptions::default());
        let pdf = tmp.write(&format!("{layout}.pdf"), &out.pdf);
        let run = Command::new(&audit)
            .args([pdf.to_str().unwrap(), "--source", source.to_str().unwrap()])
            .output()
            .expect("run pdf-audit");
        let report = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success(), "{layout}: pdf-audit fails:\n{report}");
    }
}

/// Runs `vitae ARGS` in `dir` without `SOURCE_DATE_EPOCH`; returns the exit code and stderr.
fn vitae(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run the vitae binary");
    (out.status.code().expect("an exit code"), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Returns the page count and title of a PDF file.
fn pdf_facts(path: &Path) -> (usize, String) {
    let pdf = lopdf::Document::load(path).unwrap();
    let info = pdf.trailer.get(b"Info").and_then(|o| o.as_reference()).unwrap();
    let title = pdf.get_dictionary(info).unwrap().get(b"Title").unwrap();
    let title = match title {
        lopdf::Object::String(bytes, _) => decode(bytes),
        other => panic!("title {other:?}"),
    };
    (pdf.get_pages().len(), title)
}

/// Decodes a PDF text string (UTF-16BE with its mark, else PDFDocEncoding read as Latin-1).
fn decode(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

#[test]
fn render_with_letter_writes_the_resume_and_the_letter_beside_it() {
    let tmp = TempDir::new();
    tmp.write("cv.yaml", "name: Jane Doe\nsections:\n  - title: Work\n    entries:\n      - Shipped it\nletter:\n  body: Hello there.\n");
    let (code, stderr) = vitae(&tmp.path, &["render", "cv.yaml", "--with-letter"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pdf_facts(&tmp.join("cv.pdf")), (1, "Jane Doe — Résumé".to_owned()));
    assert_eq!(pdf_facts(&tmp.join("cv-letter.pdf")), (1, "Cover letter — Jane Doe".to_owned()));
    assert!(stderr.contains("cover letter: cv-letter.pdf (1 page)"), "{stderr}");
    // Only the letter: to -o when given, else to cv-letter.pdf.
    let (code, stderr) = vitae(&tmp.path, &["render", "cv.yaml", "--letter-only", "-o", "only.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pdf_facts(&tmp.join("only.pdf")).1, "Cover letter — Jane Doe");
    // Two outputs cannot both go to standard output.
    let (code, stderr) = vitae(&tmp.path, &["render", "cv.yaml", "--with-letter", "-o", "-"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn render_of_a_letter_file_writes_only_the_letter() {
    let tmp = TempDir::new();
    tmp.write("cv.yaml", "name: Jane Doe\nsections:\n  - title: Work\n    entries:\n      - Shipped it\n");
    tmp.write("acme.yaml", "profile: cv.yaml\nsalutation: Dear Acme,\nbody: Hello there.\n");
    let (code, stderr) = vitae(&tmp.path, &["render", "acme.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pdf_facts(&tmp.join("acme.pdf")), (1, "Cover letter — Jane Doe".to_owned()));
    assert!(!tmp.join("cv.pdf").exists(), "the résumé is not rendered");
}

#[test]
fn asking_for_a_letter_a_profile_does_not_have_fails_that_input() {
    let tmp = TempDir::new();
    tmp.write("cv.yaml", "name: Jane Doe\n");
    let (code, stderr) = vitae(&tmp.path, &["render", "cv.yaml", "--with-letter"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("cv.yaml: has no `letter:` to render"), "{stderr}");
    assert!(stderr.contains("hint:"), "{stderr}");
    assert!(!tmp.join("cv.pdf").exists(), "nothing is written for the input");
    let (code, _) = vitae(&tmp.path, &["render", "cv.yaml", "--with-letter", "--letter-only"]);
    assert_eq!(code, 2, "the two flags conflict");
}

#[test]
fn the_starters_commented_letter_renders_once_uncommented() {
    let tmp = TempDir::new();
    let (code, stderr) = vitae(&tmp.path, &["new", "jane"]);
    assert_eq!(code, 0, "{stderr}");
    let text = std::fs::read_to_string(tmp.join("jane.yaml")).unwrap();
    let start = text.find("# letter:").expect("the starter shows a letter");
    let (head, letter) = text.split_at(start);
    let uncommented: String = letter
        .lines()
        .map(|l| l.strip_prefix("# ").or_else(|| l.strip_prefix('#')).unwrap_or(l).to_owned() + "\n")
        .collect();
    tmp.write("jane.yaml", format!("{head}{uncommented}"));
    let (code, stderr) = vitae(&tmp.path, &["render", "jane.yaml", "--with-letter"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pdf_facts(&tmp.join("jane-letter.pdf")), (1, "Cover letter — Jane Doe".to_owned()));
}
