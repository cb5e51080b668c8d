//! Tailoring from the command line (`docs/tailoring.md`): `--only`, `--variant`,
//! `--all-variants` and `--interview-copy`, run through the real binary in a temporary folder.

mod common;
use common::TempDir;
use std::path::Path;
use std::process::Command;

/// The `SOURCE_DATE_EPOCH` of every run, so that outputs are comparable byte for byte.
const EPOCH: &str = "1700000000";

/// What one run of the binary did: its exit code and standard error.
struct Run {
    code: i32,
    stderr: String,
}

/// Runs `vitae ARGS` in `dir`.
fn vitae(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("run the vitae binary");
    Run {
        code: out.status.code().expect("vitae exits normally"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary folder holding the tailored fixture as `cv.yaml`.
fn folder() -> TempDir {
    let dir = TempDir::new();
    dir.copy(Path::new("tests/fixtures/tailoring.yaml"), "cv.yaml");
    dir
}

/// Renders `cv.yaml` with `args` as text into `out.txt` and returns the text.
fn text(dir: &TempDir, args: &[&str]) -> String {
    let mut all = vec!["render", "cv.yaml", "--format", "txt", "-o", "out.txt"];
    all.extend_from_slice(args);
    let run = vitae(&dir.path, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read_to_string(dir.join("out.txt")).unwrap()
}

#[test]
fn only_renders_the_untagged_items_and_those_with_a_named_tag() {
    let dir = folder();
    let backend = text(&dir, &["--only", "backend"]);
    assert!(backend.contains("Built the Rust ingestion service"));
    assert!(backend.contains("Led a team of five"), "untagged points are always in");
    assert!(!backend.contains("Trained the churn model"));
    assert!(!backend.contains("Data Scientist"));
    assert!(!backend.contains("Publications"), "a section left empty has no heading");
    // Comma-separated and repeated are the same selection.
    let both = text(&dir, &["--only", "backend,ml"]);
    assert_eq!(both, text(&dir, &["--only", "backend", "--only", "ml"]));
    assert!(both.contains("Trained the churn model") && both.contains("Publications"));
}

#[test]
fn only_with_a_tag_nothing_carries_fails_with_the_profiles_tags() {
    let dir = folder();
    let run = vitae(&dir.path, &["render", "cv.yaml", "--only", "frontend"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error: cv.yaml: no section, entry or point carries the tag `frontend`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("hint: the profile's tags: `backend`, `ml`"), "{}", run.stderr);
    assert!(!dir.join("cv.pdf").exists());
}

#[test]
fn every_variant_renders_in_one_batch_as_it_does_alone() {
    let dir = folder();
    let run = vitae(&dir.path, &["render", "cv.yaml", "--all-variants", "--out-dir", "all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.files_in("all"), ["cv-backend.pdf", "jane-data.pdf"]);
    for (variant, file) in [("backend", "cv-backend.pdf"), ("data", "jane-data.pdf")] {
        let alone = vitae(&dir.path, &["render", "cv.yaml", "--variant", variant, "--out-dir", variant]);
        assert_eq!(alone.code, 0, "{}", alone.stderr);
        let batch = std::fs::read(dir.join("all").join(file)).unwrap();
        let single = std::fs::read(dir.join(variant).join(file)).unwrap();
        assert!(batch == single, "{file}: the batch's bytes differ from rendering it alone");
    }
    // The variants differ from each other (their own layout, tags and sections).
    assert_ne!(
        std::fs::read(dir.join("all/cv-backend.pdf")).unwrap(),
        std::fs::read(dir.join("all/jane-data.pdf")).unwrap()
    );
    // Messages name the variant.
    assert!(run.stderr.contains("cv.yaml (variant data): fit:"), "{}", run.stderr);
}

#[test]
fn a_variant_has_its_own_sections_in_its_order() {
    let dir = folder();
    let backend = text(&dir, &["--variant", "backend"]);
    let skills = backend.find("Skills").unwrap();
    let experience = backend.find("Experience").unwrap();
    assert!(skills < experience, "{backend}");
    assert!(!backend.contains("Trained the churn model"));
}

#[test]
fn variants_that_do_not_exist_are_errors() {
    let dir = folder();
    let run = vitae(&dir.path, &["render", "cv.yaml", "--variant", "web"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("the profile has no variant `web`"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: the profile's variants are `backend` or `data`"), "{}", run.stderr);
    dir.write("plain.yaml", "name: Jane\n");
    let run = vitae(&dir.path, &["render", "plain.yaml", "--all-variants"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--all-variants: the profile defines no `variants:`"), "{}", run.stderr);
}

#[test]
fn selections_that_contradict_each_other_are_usage_errors() {
    let dir = folder();
    let cases: [&[&str]; 3] = [
        &["render", "cv.yaml", "--only", "ml", "--variant", "data"],
        &["render", "cv.yaml", "--all-variants", "--variant", "data"],
        &["render", "cv.yaml", "--all-variants", "-o", "x.pdf"],
    ];
    for args in cases {
        assert_eq!(vitae(&dir.path, args).code, 2, "{args:?}");
    }
}

#[test]
fn notes_print_only_in_an_interview_copy() {
    let dir = folder();
    let note = "Ask about the payments outage story.";
    assert!(!text(&dir, &[]).contains(note));
    assert!(text(&dir, &["--interview-copy"]).contains(note));
}

#[test]
fn a_pdf_that_leaves_something_out_does_not_carry_the_source() {
    let dir = folder();
    let run = vitae(&dir.path, &["render", "cv.yaml", "--only", "ml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("does not carry the profile's source"), "{}", run.stderr);
    let has_attachment = |file: &str| {
        let pdf = std::fs::read(dir.join(file)).unwrap();
        let needle = b"/EmbeddedFile";
        pdf.windows(needle.len()).any(|w| w == needle)
    };
    assert!(!has_attachment("cv.pdf"));
    // An interview copy leaves nothing out, and is for the applicant: it carries the source.
    let run = vitae(&dir.path, &["render", "cv.yaml", "--interview-copy", "-o", "copy.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(has_attachment("copy.pdf"));
}

#[test]
fn the_library_leaves_notes_out_unless_asked_for_an_interview_copy() {
    let profile = vitae::load_profile(Path::new("tests/fixtures/tailoring.yaml")).unwrap();
    let text = |interview_copy| {
        let options = vitae::RenderOptions { interview_copy, ..vitae::RenderOptions::default() };
        let out = vitae::render(&profile, &options).unwrap();
        vitae::layout::text::plain_text(&out.document)
    };
    assert!(!text(false).contains("payments outage"));
    assert!(text(true).contains("payments outage"));
}

#[test]
fn check_resolves_every_variants_layout_and_design() {
    let dir = folder();
    assert_eq!(vitae(&dir.path, &["check", "cv.yaml"]).code, 0);
    dir.write(
        "bad.yaml",
        "name: A\nvariants:\n  v:\n    design:\n      colours:\n        link: \"#000000\"\n",
    );
    let run = vitae(&dir.path, &["check", "bad.yaml"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: bad.yaml:5:7: unknown design option `colours`"), "{}", run.stderr);
}

/// The tailoring sample (`samples/tailoring/`): every variant in every language, each with its
/// cover letter, rendered in one parallel batch, gives the same bytes as each rendered alone;
/// the letter follows the language, and nothing fails or is refused.
#[test]
fn every_variant_and_language_of_the_sample_renders_in_one_batch_as_alone() {
    let dir = TempDir::new();
    dir.copy(Path::new("samples/tailoring/mara-lindqvist.yaml"), "cv.yaml");
    let all =
        ["render", "cv.yaml", "--all-variants", "--all-languages", "--with-letter", "--out-dir", "batch"];
    let run = vitae(&dir.path, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for variant in ["backend", "data"] {
        for lang in ["en", "de"] {
            let alone = format!("alone-{variant}-{lang}.pdf");
            let args =
                ["render", "cv.yaml", "--variant", variant, "--lang", lang, "--with-letter", "-o", &alone];
            let run = vitae(&dir.path, &args);
            assert_eq!(run.code, 0, "{}", run.stderr);
            for (batch, own) in [
                (format!("batch/mara-{variant}.{lang}.pdf"), alone.clone()),
                (format!("batch/mara-{variant}.{lang}-letter.pdf"), alone.replace(".pdf", "-letter.pdf")),
            ] {
                let (a, b) =
                    (std::fs::read(dir.join(&batch)).unwrap(), std::fs::read(dir.join(&own)).unwrap());
                assert!(a == b, "{batch} differs from {own} rendered alone");
            }
        }
    }
    let letter = |lang: &str| {
        let out = format!("letter-{lang}.txt");
        let args = ["render", "cv.yaml", "--lang", lang, "--letter-only", "--format", "txt", "-o", &out];
        assert_eq!(vitae(&dir.path, &args).code, 0);
        std::fs::read_to_string(dir.join(&out)).unwrap()
    };
    assert!(letter("de").contains("Mit freundlichen Grüßen"));
    assert!(letter("en").contains("Kind regards,"));
}
