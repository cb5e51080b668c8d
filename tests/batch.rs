//! Batch rendering from the command line (issue 5): the real `vitae` binary run in a fresh
//! temporary folder on several inputs, checking that a failing input does not stop the others,
//! that outputs never collide, the `--report` file, and that a document's bytes do not depend
//! on the batch it is rendered in or on the number of threads.

mod common;
use common::TempDir;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exit code when every input succeeded.
const EXIT_OK: i32 = 0;
/// Exit code when at least one input could not be rendered.
const EXIT_FAILED: i32 = 1;

/// What one run of the binary did.
struct Run {
    code: i32,
    stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stderr\n{}", self.code, self.stderr)
    }
}

/// Runs `vitae ARGS` in `dir` with a clean `SOURCE_DATE_EPOCH`.
fn vitae<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run the vitae binary");
    Run {
        code: out.status.code().expect("vitae exits normally, not by a signal"),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Returns a file under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Returns the samples, sorted by name.
fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension() == Some(OsStr::new("yaml")))
        .collect();
    files.sort();
    files
}

/// Fills `in/` with the samples, a profile with a warning and one that fails.
fn mixed_inputs(dir: &TempDir) {
    for sample in samples() {
        dir.copy(&sample, &format!("in/{}", sample.file_name().unwrap().to_string_lossy()));
    }
    dir.copy(&fixture("cli/hieroglyph.yaml"), "in/sub/hieroglyph.yaml");
    dir.copy(&fixture("bad/unknown-key.yaml"), "in/sub/bad.yaml");
}

#[test]
fn a_failing_input_among_good_ones_is_summarised_and_the_others_are_written() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "a.yaml");
    dir.copy(&fixture("bad/unknown-key.yaml"), "b.yaml");
    dir.copy(&fixture("cli/good.yaml"), "c.yaml");
    let run = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "c.yaml", "--jobs", "2"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    assert_eq!(dir.tree("."), ["a.pdf", "a.yaml", "b.yaml", "c.pdf", "c.yaml"]);
    // The full diagnostic first, then the summary with one line per failure.
    let summary = run.stderr.find("rendered 2 of 3; 1 failed:\n").unwrap_or_else(|| panic!("{run:?}"));
    assert!(run.stderr[..summary].contains("error: unknown key `nmae`"), "{run:?}");
    let failures: Vec<&str> = run.stderr[summary..].lines().skip(1).collect();
    assert_eq!(failures, ["b.yaml:4:1: unknown key `nmae`"], "{run:?}");
}

#[test]
fn equal_names_in_two_folders_are_mirrored_under_out_dir() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "people/a/cv.yaml");
    dir.copy(&fixture("cli/good.yaml"), "people/b/cv.yaml");
    let run = vitae(&dir.path, &["render", "people/a", "people/b/cv.yaml", "--out-dir", "out"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.tree("out"), ["a/cv.pdf", "b/cv.pdf"]);
    // A single input goes straight into the folder.
    let run = vitae(&dir.path, &["render", "people/a/cv.yaml", "--out-dir", "single"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.tree("single"), ["cv.pdf"]);
}

#[test]
fn two_inputs_with_one_output_fail_the_second_without_overwriting() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "cv.yaml");
    dir.copy(&fixture("cli/hieroglyph.yaml"), "cv.yml");
    let run = vitae(&dir.path, &["render", "cv.yaml", "cv.yml"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    assert!(run.stderr.contains("error: cv.yml: its PDF cv.pdf is already the output of cv.yaml"), "{run:?}");
    assert!(run.stderr.contains("rendered 1 of 2; 1 failed:\ncv.yml: "), "{run:?}");
    // The file is the first input's: no warning about the hieroglyph was ever rendered.
    assert!(!run.stderr.contains("warning:"), "{run:?}");
    let alone = TempDir::new();
    alone.copy(&fixture("cli/good.yaml"), "cv.yaml");
    assert_eq!(vitae(&alone.path, &["render", "cv.yaml"]).code, EXIT_OK);
    assert!(std::fs::read(dir.join("cv.pdf")).unwrap() == std::fs::read(alone.join("cv.pdf")).unwrap());
}

#[test]
fn the_report_lists_every_input_in_order_with_totals() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "in/a.yaml");
    dir.copy(&fixture("bad/unknown-key.yaml"), "in/b.yaml");
    dir.copy(&fixture("cli/hieroglyph.yaml"), "in/c.yaml");
    let run = vitae(&dir.path, &["render", "in", "--out-dir", "out", "--report", "report.json"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    let json = std::fs::read_to_string(dir.join("report.json")).expect("the report is written");
    let (a, b, c) = (
        json.find(r#""input": "in/a.yaml""#).expect("a is reported"),
        json.find(r#""input": "in/b.yaml""#).expect("b is reported"),
        json.find(r#""input": "in/c.yaml""#).expect("c is reported"),
    );
    assert!(a < b && b < c, "{json}");
    let (entry_a, entry_b, entry_c) = (&json[a..b], &json[b..c], &json[c..]);
    assert!(entry_a.contains(r#""output": "out/a.pdf""#), "{json}");
    assert!(entry_a.contains(r#""pages": 1"#) && entry_a.contains(r#""error": null"#), "{json}");
    assert!(entry_a.contains(r#""warnings": []"#) && entry_a.contains(r#""time_ms": "#), "{json}");
    assert!(entry_b.contains(r#""pages": null"#), "{json}");
    assert!(entry_b.contains(r#""error": "in/b.yaml:4:1: unknown key `nmae`""#), "{json}");
    assert!(entry_c.contains("no bundled font has the character U+13000"), "{json}");
    let totals = &json[json.find(r#""totals""#).expect("totals")..];
    // c warns twice: the missing glyph, and that its PDF therefore claims no PDF/UA-1.
    assert!(entry_c.contains("claims no standard, as PDF/UA-1 cannot be met"), "{json}");
    for field in [r#""inputs": 3"#, r#""rendered": 2"#, r#""failed": 1"#, r#""pages": 2"#, r#""warnings": 2"#]
    {
        assert!(totals.contains(field), "{field} in {json}");
    }
}

#[test]
fn a_document_rendered_in_a_parallel_batch_has_the_bytes_of_a_single_render() {
    let dir = TempDir::new();
    mixed_inputs(&dir);
    for layout in ["classic", "sidebar"] {
        let out = format!("batch-{layout}");
        let run = vitae(
            &dir.path,
            &["render", "in", "in/sub", "--out-dir", &out, "--jobs", "2", "--layout", layout],
        );
        assert_eq!(run.code, EXIT_FAILED, "{run:?}");
        for sample in samples() {
            let name = sample.file_name().unwrap().to_string_lossy().into_owned();
            let single = dir.join(&format!("single-{layout}-{name}.pdf"));
            let args = [OsStr::new("render"), sample.as_os_str(), OsStr::new("-o"), single.as_os_str()];
            let run = vitae(&dir.path, &[&args[..], &[OsStr::new("--layout"), OsStr::new(layout)]].concat());
            assert_eq!(run.code, EXIT_OK, "{run:?}");
            let batch = dir.join(&format!("{out}/{}", name.replace(".yaml", ".pdf")));
            let same = std::fs::read(&single).unwrap() == std::fs::read(&batch).unwrap();
            assert!(same, "{name} in {layout} differs in the batch");
        }
    }
}

#[test]
fn one_and_two_jobs_write_the_same_files_and_messages() {
    let dir = TempDir::new();
    mixed_inputs(&dir);
    let one = vitae(&dir.path, &["render", "in", "in/sub", "--out-dir", "one", "--jobs", "1", "--dump"]);
    let two = vitae(&dir.path, &["render", "in", "in/sub", "--out-dir", "two", "--jobs", "2", "--dump"]);
    assert_eq!(one.code, EXIT_FAILED, "{one:?}");
    assert_eq!(two.code, EXIT_FAILED, "{two:?}");
    assert_eq!(one.stderr, two.stderr, "messages come in input order whatever the threads");
    let files = dir.tree("one");
    assert_eq!(files, dir.tree("two"));
    assert_eq!(files.iter().filter(|f| f.ends_with(".pdf")).count(), samples().len() + 1, "{files:?}");
    for f in &files {
        let (a, b) =
            (std::fs::read(dir.join(&format!("one/{f}"))), std::fs::read(dir.join(&format!("two/{f}"))));
        assert!(a.unwrap() == b.unwrap(), "{f} differs between --jobs 1 and --jobs 2");
    }
}

#[test]
fn quiet_hides_warnings_but_not_errors() {
    let dir = TempDir::new();
    mixed_inputs(&dir);
    let run = vitae(&dir.path, &["render", "in/sub", "--out-dir", "out", "--quiet"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    assert!(!run.stderr.contains("warning:"), "{run:?}");
    assert!(run.stderr.contains("error: unknown key `nmae`"), "{run:?}");
    assert!(run.stderr.contains("rendered 1 of 2; 1 failed:\n"), "{run:?}");
}
