//! The hostile catalogue (issue 10, "Unbreakable"): one row per *kind* of hostile input or
//! usage. Each row builds files in a fresh temporary folder, runs the real `vitae` binary there,
//! and checks the exit code, that standard error names the place of the problem (`file:line:col`
//! for content errors, the file's name when the whole file is the problem), and that every file
//! in the folder — bytes, type, link target — is unchanged except the row's intended outputs.
//! All rows run; their failures are reported together.

mod common;
use common::TempDir;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exit code when every input succeeded.
const EXIT_OK: i32 = 0;
/// Exit code when at least one input could not be rendered.
const EXIT_FAILED: i32 = 1;
/// Exit code for usage and configuration errors.
const EXIT_USAGE: i32 = 2;

/// A process id no process has: Linux pids stop at 2^22 (`pid_max`'s ceiling), so this one is
/// always dead, as the writer of a temporary file left by a killed run would be.
const DEAD_PID: u32 = 4_194_303;

/// A small valid profile.
fn good() -> PathBuf {
    fixture("cli/good.yaml")
}

/// Returns a file under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Returns a file of the repository.
fn repo(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// A Markdown résumé, which `vitae render` and `vitae import` both read.
const MARKDOWN: &str =
    "# Jane Doe\n\n## Experience\n\n### Acme _2019 to Present_\n\n- Led the platform team\n";

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

/// Every kind of hostile input or usage, with what vitae must do about it.
fn catalogue() -> Vec<Case> {
    let mut cases = vec![
        // --- Outputs that resolve to an input are usage errors, found before rendering. ---
        Case::new("render -o the YAML input")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "-o", "cv.yaml"])
            .fails(
                EXIT_USAGE,
                "error: -o cv.yaml is the input file cv.yaml; vitae never writes over its inputs",
            ),
        Case::new("render -o the JSON input")
            .copy(fixture("import/jsonresume-sample.json"), "resume.json")
            .run(&["render", "resume.json", "-o", "resume.json"])
            .fails(EXIT_USAGE, "-o resume.json is the input file resume.json"),
        Case::new("render -o the Markdown input")
            .file("resume.md", MARKDOWN)
            .run(&["render", "resume.md", "-o", "resume.md"])
            .fails(EXIT_USAGE, "-o resume.md is the input file resume.md"),
        Case::new("render -o the input through `..`")
            .copy(good(), "cv.yaml")
            .dir("sub")
            .run(&["render", "cv.yaml", "-o", "sub/../cv.yaml"])
            .fails(EXIT_USAGE, "-o sub/../cv.yaml is the input file cv.yaml"),
        Case::new("--format txt next to a .txt source")
            .file("cv.txt", MARKDOWN)
            .run(&["render", "cv.txt", "--format", "txt"])
            .fails(EXIT_USAGE, "cv.txt: its output cv.txt is the input file cv.txt"),
        Case::new("--format txt from a .md source onto another input")
            .file("resume.md", MARKDOWN)
            .file("resume.txt", MARKDOWN)
            .run(&["render", "resume.md", "resume.txt", "--format", "txt", "-j", "1"])
            .fails(EXIT_USAGE, "resume.md: its output resume.txt is the input file resume.txt"),
        Case::new("--out-dir mirroring onto an input")
            .file("a/cv.txt", MARKDOWN)
            .copy(good(), "b/cv.yaml")
            .run(&["render", "a/cv.txt", "b/cv.yaml", "--out-dir", ".", "--format", "txt"])
            .fails(EXIT_USAGE, "a/cv.txt: its output ./a/cv.txt is the input file a/cv.txt"),
        Case::new("render -o the --layout file")
            .copy(good(), "cv.yaml")
            .copy(repo("layouts/classic.yaml"), "mine.yaml")
            .run(&["render", "cv.yaml", "--layout", "./mine.yaml", "-o", "mine.yaml"])
            .fails(EXIT_USAGE, "-o mine.yaml is the layout file ./mine.yaml"),
        Case::new("--report onto an input")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--report", "cv.yaml"])
            .fails(EXIT_USAGE, "--report cv.yaml is the input file cv.yaml"),
        Case::new("render -o the profile's photo")
            .copy(fixture("photo/jane.yaml"), "jane.yaml")
            .copy(fixture("photo/portrait.png"), "portrait.png")
            .run(&["render", "jane.yaml", "-o", "portrait.png"])
            .fails(EXIT_FAILED, "jane.yaml: its output portrait.png is the photo portrait.png"),
        Case::new("render -o the profile's own layout file")
            .file("cv.yaml", [std::fs::read(good()).unwrap(), b"layout: mine.yaml\n".to_vec()].concat())
            .copy(repo("layouts/classic.yaml"), "mine.yaml")
            .run(&["render", "cv.yaml", "-o", "mine.yaml"])
            .fails(EXIT_FAILED, "cv.yaml: its output mine.yaml is the layout file mine.yaml"),
        Case::new("import -o the input")
            .copy(fixture("import/jsonresume-sample.json"), "resume.json")
            .run(&["import", "resume.json", "-o", "resume.json"])
            .fails(EXIT_USAGE, "-o resume.json is the input file resume.json"),
        Case::new("import -o the input with --force")
            .file("resume.md", MARKDOWN)
            .run(&["import", "resume.md", "-o", "./resume.md", "--force"])
            .fails(EXIT_USAGE, "-o ./resume.md is the input file resume.md"),
        Case::new("import -o an existing file without --force")
            .file("resume.md", MARKDOWN)
            .copy(good(), "jane.yaml")
            .run(&["import", "resume.md", "-o", "jane.yaml"])
            .fails(EXIT_FAILED, "jane.yaml exists; vitae import does not overwrite files"),
        // --- Links and files that are not regular files are never written through or replaced. ---
        Case::new("render -o a link to the input")
            .copy(good(), "cv.yaml")
            .link("out.pdf", "cv.yaml")
            .run(&["render", "cv.yaml", "-o", "out.pdf"])
            .fails(EXIT_USAGE, "-o out.pdf is a symbolic link; vitae does not write through links"),
        Case::new("render -o a link to an unrelated file")
            .copy(good(), "cv.yaml")
            .file("elsewhere/notes.txt", "keep me\n")
            .link("out.pdf", "elsewhere/notes.txt")
            .run(&["render", "cv.yaml", "-o", "out.pdf"])
            .fails(EXIT_USAGE, "-o out.pdf is a symbolic link"),
        Case::new("the default output is a dangling link")
            .copy(good(), "cv.yaml")
            .link("cv.pdf", "nowhere.pdf")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_USAGE, "cv.yaml: its output cv.pdf is a symbolic link"),
        Case::new("import -o a link, with --force")
            .file("resume.md", MARKDOWN)
            .copy(good(), "target.yaml")
            .link("jane.yaml", "target.yaml")
            .run(&["import", "resume.md", "-o", "jane.yaml", "--force"])
            .fails(EXIT_USAGE, "-o jane.yaml is a symbolic link"),
        Case::new("the input named through a link, -o its target")
            .copy(good(), "cv.yaml")
            .link("link.yaml", "cv.yaml")
            .run(&["render", "link.yaml", "-o", "cv.yaml"])
            .fails(EXIT_USAGE, "-o cv.yaml is the input file link.yaml"),
        Case::new("--dump onto a link, found when writing")
            .copy(good(), "cv.yaml")
            .file("elsewhere/notes.txt", "keep me\n")
            .link("cv.dump.txt", "elsewhere/notes.txt")
            .run(&["render", "cv.yaml", "--dump"])
            .fails(EXIT_FAILED, "error: cv.yaml: its output cv.dump.txt is a symbolic link")
            .writes(&["cv.pdf"]),
        Case::new("render -o a FIFO")
            .copy(good(), "cv.yaml")
            .fifo("out.pdf")
            .run(&["render", "cv.yaml", "-o", "out.pdf"])
            .fails(EXIT_USAGE, "-o out.pdf is a FIFO, not a regular file"),
        Case::new("import -o a FIFO, with --force")
            .file("resume.md", MARKDOWN)
            .fifo("jane.yaml")
            .run(&["import", "resume.md", "-o", "jane.yaml", "--force"])
            .fails(EXIT_USAGE, "-o jane.yaml is a FIFO"),
        Case::new("render -o a folder")
            .copy(good(), "cv.yaml")
            .dir("out.pdf")
            .run(&["render", "cv.yaml", "-o", "out.pdf"])
            .fails(EXIT_USAGE, "-o out.pdf is a folder, not a regular file"),
        Case::new("the default output is a folder")
            .copy(good(), "cv.yaml")
            .dir("cv.pdf")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_USAGE, "cv.yaml: its output cv.pdf is a folder"),
        Case::new("render -o /dev/null")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "-o", "/dev/null"])
            .fails(EXIT_USAGE, "-o /dev/null is a character device")
            .then(dev_null_is_still_a_device),
        // --- Temporary files. ---
        Case::new("a stale temporary file of a killed run")
            .copy(good(), "cv.yaml")
            .stale_temp(&format!(".cv.pdf.{DEAD_PID}.vitae-tmp"))
            .file(&format!(".cv.pdf.{}.vitae-tmp", std::process::id()), "a live writer's")
            .run(&["render", "cv.yaml"])
            .succeeds(&["cv.pdf"])
            .removes(&[&format!(".cv.pdf.{DEAD_PID}.vitae-tmp")]),
        // --- Usage errors. ---
        Case::new("-o with several inputs")
            .copy(good(), "a.yaml")
            .copy(good(), "b.yaml")
            .run(&["render", "a.yaml", "b.yaml", "-o", "out.pdf"])
            .fails(EXIT_USAGE, "-o names one output file but there are several profiles"),
        Case::new("an unknown --layout")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--layout", "fancy"])
            .fails(EXIT_USAGE, "no layout named `fancy`"),
        Case::new("an unknown --paper")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--paper", "a3"])
            .fails(EXIT_USAGE, "invalid value 'a3' for '--paper <PAPER>'"),
        Case::new("--pages 0")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--pages", "0"])
            .fails(EXIT_USAGE, "--pages"),
        Case::new("--jobs 0")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--jobs", "0"])
            .fails(EXIT_USAGE, "--jobs"),
        Case::new("--out-dir is a file")
            .copy(good(), "cv.yaml")
            .file("out", "a file\n")
            .run(&["render", "cv.yaml", "--out-dir", "out"])
            .fails(EXIT_USAGE, "cannot create out"),
        Case::new("a missing input file")
            .copy(good(), "cv.yaml")
            .run(&["render", "missing.yaml"])
            .fails(EXIT_FAILED, "missing.yaml"),
        Case::new("an empty folder")
            .dir("in")
            .run(&["render", "in"])
            .fails(EXIT_USAGE, "in: the folder holds no"),
        Case::new("a folder of non-profiles")
            .file("docs/notes.txt", "notes\n")
            .copy(fixture("photo/portrait.png"), "docs/portrait.png")
            .run(&["render", "docs"])
            .fails(EXIT_USAGE, "docs: the folder holds no profile (*.yaml,"),
        // --- Bad profiles: the error names the place; no PDF is written. ---
        bad_profile("unknown-key", "unknown key `nmae`", "unknown-key.yaml:4:1"),
        bad_profile("tab-indent", "a tab is used for indentation", "tab-indent.yaml:5:1"),
        bad_profile("invalid-utf8", "not valid UTF-8", "invalid-utf8.yaml:4:14"),
        bad_profile("alias-bomb", "the YAML aliases expand to too much data", "alias-bomb.yaml:7:"),
        bad_profile("deep-nesting", "nests more than", "deep-nesting.yaml:7:"),
        bad_profile("duplicate-key", "duplicate key `name`", "duplicate-key.yaml:4:1"),
        bad_profile("multiple-documents", "more than one YAML document", "multiple-documents.yaml:5:1"),
        bad_profile("syntax-unclosed-quote", "a quoted text is not closed", "syntax-unclosed-quote.yaml:"),
        bad_profile("empty", "the file as a whole is empty", "empty.yaml"),
        Case::new("billion laughs")
            .copy(fixture("cli/billion-laughs.yaml"), "cv.yaml")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "the YAML aliases expand to too much data")
            .stderr("cv.yaml:7:"),
        Case::new("a bad profile in a batch")
            .copy(good(), "in/a.yaml")
            .copy(fixture("bad/unknown-key.yaml"), "in/b.yaml")
            .copy(good(), "in/c.yaml")
            .run(&["render", "in", "--jobs", "2", "--report", "report.json"])
            .fails(EXIT_FAILED, "rendered 2 of 3; 1 failed:\nin/b.yaml:4:1: unknown key `nmae`")
            .writes(&["in/a.pdf", "in/c.pdf", "report.json"]),
    ];
    // The panic hook only exists in debug builds, so these rows only run against one.
    if cfg!(debug_assertions) {
        cases.extend([panicking_batch("1"), panicking_batch("2"), panicking_check()]);
    }
    cases.extend(reading_limits());
    cases
}

// ---------------------------------------------------------------------------------------------
// Reading limits: for the library's bounded, regular-files-only reader
// ---------------------------------------------------------------------------------------------

/// Inputs the library must refuse while reading: a FIFO or `/dev/zero` as the profile, a huge
/// file, a huge word, image bombs as the photo, …. Empty until the library refuses them (today
/// each would hang or exhaust memory); add one row per kind here, e.g.
/// `Case::new("a FIFO as the profile").fifo("cv.yaml").run(&["render", "cv.yaml"])
/// .fails(EXIT_FAILED, "cv.yaml")`.
fn reading_limits() -> Vec<Case> {
    let photo = |name: &str| format!("name: Jane Doe\nphoto: {name}\n");
    let entries = |n: usize| {
        let mut yaml = String::from("name: Jane Doe\nsections:\n  - title: Notes\n    entries:\n");
        (0..n).for_each(|i| yaml.push_str(&format!("      - note {i}\n")));
        yaml
    };
    vec![
        // --- Only regular files are read, and never more than their limit. ---
        Case::new("a FIFO as the profile").fifo("cv.yaml").run(&["render", "cv.yaml"]).fails(
            EXIT_FAILED,
            "cv.yaml: cannot read the file: it is a named pipe (FIFO), not a regular file",
        ),
        Case::new("a FIFO as the profile of `check`")
            .fifo("cv.yaml")
            .run(&["check", "cv.yaml"])
            .fails(EXIT_FAILED, "cv.yaml: cannot read the file: it is a named pipe (FIFO)"),
        Case::new("/dev/zero as the profile")
            .run(&["render", "/dev/zero", "-o", "out.pdf"])
            .fails(EXIT_FAILED, "/dev/zero: cannot read the file: it is a device, not a regular file"),
        Case::new("/dev/urandom imported")
            .run(&["import", "/dev/urandom", "-o", "cv.yaml"])
            .fails(EXIT_FAILED, "/dev/urandom: cannot read the file: it is a device"),
        Case::new("a profile over the size limit")
            .file("cv.yaml", format!("name: Jane\nsummary: \"{}\"\n", "a".repeat(2 * 1024 * 1024)))
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "cv.yaml: the file as a whole is larger than the limit of 2 MiB"),
        Case::new("--layout /dev/zero")
            .copy(good(), "cv.yaml")
            .run(&["render", "cv.yaml", "--layout", "/dev/zero"])
            .fails(EXIT_USAGE, "/dev/zero: cannot read the layout file: it is a device"),
        Case::new("a layout file over its size limit")
            .copy(good(), "cv.yaml")
            .file("big.yaml", format!("name: big\n# {}\n", "x".repeat(256 * 1024)))
            .run(&["render", "cv.yaml", "--layout", "./big.yaml"])
            .fails(
                EXIT_USAGE,
                "./big.yaml: cannot read the layout file: it is larger than the limit of 256 KiB",
            ),
        Case::new("a photo over its size limit")
            .file("cv.yaml", photo("huge.png"))
            .file("huge.png", [b"\x89PNG\r\n\x1a\n".as_slice(), &vec![0u8; 8 * 1024 * 1024]].concat())
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "the photo `huge.png` is larger than 8 MiB")
            .stderr("cv.yaml:2:8"),
        Case::new("a layout path that names some other YAML file")
            .copy(good(), "cv.yaml")
            .file("secrets.yaml", "api_token: hunter2\n")
            .run(&["render", "cv.yaml", "--layout", "./secrets.yaml"])
            .fails(EXIT_USAGE, "./secrets.yaml: the file as a whole is not a vitae layout")
            .then(stderr_does_not_echo_the_token),
        Case::new("a photo that is a device")
            .file("cv.yaml", photo("/dev/urandom"))
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "cannot read the photo `/dev/urandom`: it is a device")
            .stderr("cv.yaml:2:8"),
        Case::new("a photo that is a FIFO")
            .file("cv.yaml", photo("face.png"))
            .fifo("face.png")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "cannot read the photo `face.png`: it is a named pipe (FIFO)")
            .stderr("cv.yaml:2:8"),
        Case::new("a JSON Resume image that is a device")
            .file("resume.json", r#"{"basics": {"name": "Jane Doe", "image": "/dev/zero"}}"#)
            .run(&["render", "resume.json"])
            .succeeds(&["resume.pdf"]),
        // --- Images are checked from their header before they are decoded, then decoded whole. ---
        Case::new("a PNG decompression bomb as the photo")
            .file("cv.yaml", photo("bomb.png"))
            .copy(fixture("photo/bomb-30000.png"), "bomb.png")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "the photo `bomb.png` is 30000 × 30000 pixels, more than vitae accepts")
            .stderr("cv.yaml:2:8"),
        Case::new("a truncated PNG as the photo")
            .file("cv.yaml", photo("cut.png"))
            .copy(fixture("photo/truncated.png"), "cut.png")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "the photo `cut.png` is damaged or incomplete")
            .stderr("cv.yaml:2:8"),
        Case::new("a truncated JPEG as the photo")
            .file("cv.yaml", photo("cut.jpg"))
            .copy(fixture("photo/truncated.jpg"), "cut.jpg")
            .run(&["render", "cv.yaml"])
            .fails(EXIT_FAILED, "the photo `cut.jpg` is damaged or incomplete")
            .stderr("cv.yaml:2:8"),
        Case::new("a sound JPEG as the photo")
            .file("cv.yaml", photo("face.jpg"))
            .copy(fixture("photo/portrait.jpg"), "face.jpg")
            .run(&["render", "cv.yaml"])
            .succeeds(&["cv.pdf"]),
        // --- Work bounded by limits checked before it starts. ---
        Case::new("more entries than the limit")
            .file("cv.yaml", entries(5_001))
            .run(&["check", "cv.yaml"])
            .fails(EXIT_FAILED, "the profile has more than 5000 entries")
            .stderr("cv.yaml:5005:9"),
        Case::new("more pages than --max-pages")
            .file("cv.yaml", entries(400))
            .run(&["render", "cv.yaml", "--max-pages", "3"])
            .fails(EXIT_FAILED, "cv.yaml: the résumé takes")
            .stderr("more than the limit of 3 (--max-pages)"),
        Case::new("a 50,000-letter word")
            .file("cv.yaml", format!("name: Jane Doe\nsummary: \"{}\"\n", "x".repeat(50_000)))
            .run(&["render", "cv.yaml"])
            .succeeds(&["cv.pdf"])
            .stderr("is wider than the line and was broken inside")
            .then(stderr_quotes_long_words_briefly),
        Case::new("a bare www. at the end of a summary (a fuzzer's panic)")
            .file("cv.yaml", "name: Jane Doe\nsummary: Find me at www.\n")
            .run(&["render", "cv.yaml"])
            .succeeds(&["cv.pdf"]),
        Case::new("a link target longer than the limit")
            .file(
                "cv.yaml",
                format!("name: Jane Doe\nsummary: \"[me](https://x.org/{})\"\n", "a".repeat(3_000)),
            )
            .run(&["check", "cv.yaml"])
            .fails(EXIT_FAILED, "the link target is longer than 2048 characters")
            .stderr("cv.yaml:2:"),
        // --- Messages in vitae's own words, at their place. ---
        Case::new("a negative page count")
            .file("cv.yaml", "name: Jane Doe\npages: -1\n")
            .run(&["check", "cv.yaml"])
            .fails(EXIT_FAILED, "expected a whole number, 1 or more")
            .stderr("cv.yaml:2:8"),
        Case::new("a lone surrogate escape")
            .file("cv.yaml", "name: \"\\ud800 x\"\n")
            .run(&["check", "cv.yaml"])
            .fails(EXIT_FAILED, "half of a UTF-16 surrogate pair")
            .stderr("cv.yaml:1:7"),
        Case::new("an empty Markdown résumé")
            .file("cv.md", "\n\n")
            .run(&["render", "cv.md"])
            .fails(EXIT_FAILED, "cv.md: the Markdown file as a whole holds nothing that makes a résumé"),
    ]
}

/// The layout error must not print the contents of a file that is not a layout.
fn stderr_does_not_echo_the_token(_: &TempDir, run: &Run) -> Result<(), String> {
    if run.stderr.contains("api_token") || run.stderr.contains("hunter2") {
        return Err("the error echoes the contents of a file that is not a layout".into());
    }
    Ok(())
}

/// A warning about a long word quotes its start, not all of it.
fn stderr_quotes_long_words_briefly(_: &TempDir, run: &Run) -> Result<(), String> {
    if run.stderr.len() > 2_000 {
        return Err(format!("standard error is {} bytes long: the whole word was echoed", run.stderr.len()));
    }
    Ok(())
}

/// A profile from `tests/fixtures/bad/` rendered alone: exit 1, the message and its place.
fn bad_profile(name: &str, message: &str, place: &str) -> Case {
    let file = format!("{name}.yaml");
    Case::new(&format!("bad profile: {name}"))
        .copy(fixture(&format!("bad/{file}")), &file)
        .run(&["render", &file])
        .fails(EXIT_FAILED, message)
        .stderr(place)
}

/// Six profiles, one of which panics (through the debug-only `VITAE_TEST_PANIC` hook), rendered
/// on `jobs` threads: the other five are written, the report lists all six with one error.
fn panicking_batch(jobs: &str) -> Case {
    let samples = [
        "anurag-mohanty",
        "devops-platform-engineer",
        "distributed-systems-engineer",
        "indradhanush-gupta",
        "tweet-backend-engineer",
    ];
    let mut case = Case::new(&format!("a panicking input in a batch, --jobs {jobs}"));
    for (i, s) in samples.iter().enumerate() {
        case = case.copy(repo(&format!("samples/{s}.yaml")), &format!("in/p{i}.yaml"));
    }
    case.copy(good(), "in/p5-boom.yaml")
        .env("VITAE_TEST_PANIC", "boom")
        .run(&["render", "in", "--out-dir", "out", "-j", jobs, "--report", "report.json"])
        .fails(
            EXIT_FAILED,
            "error: in/p5-boom.yaml: internal error: VITAE_TEST_PANIC matched in/p5-boom.yaml at ",
        )
        .stderr("(this is a bug in vitae; please report it with the input)")
        .stderr("rendered 5 of 6; 1 failed:")
        .writes(&[
            "out/p0.pdf",
            "out/p1.pdf",
            "out/p2.pdf",
            "out/p3.pdf",
            "out/p4.pdf",
            "out/",
            "report.json",
        ])
        .then(report_lists_six_with_one_error)
}

/// `vitae check` on a folder where loading one profile panics: the others are still checked.
fn panicking_check() -> Case {
    Case::new("a panicking input in vitae check")
        .copy(good(), "in/a-boom.yaml")
        .copy(good(), "in/b.yaml")
        .env("VITAE_TEST_PANIC", "boom")
        .run(&["check", "in"])
        .fails(EXIT_FAILED, "error: in/a-boom.yaml: internal error: VITAE_TEST_PANIC matched")
        .then(
            |_, run| {
                if run.stdout.contains("ok: in/b.yaml") { Ok(()) } else { Err("b.yaml not checked".into()) }
            },
        )
}

/// Checks that `/dev/null` is still the null device (as root, a rename would have replaced it).
fn dev_null_is_still_a_device(_: &TempDir, _: &Run) -> Result<(), String> {
    use std::os::unix::fs::FileTypeExt;
    let meta = std::fs::symlink_metadata("/dev/null").map_err(|e| e.to_string())?;
    if meta.file_type().is_char_device() { Ok(()) } else { Err("/dev/null is no longer a device".into()) }
}

/// Checks the report of [`panicking_batch`]: six inputs, one error, the panic's.
fn report_lists_six_with_one_error(dir: &TempDir, _: &Run) -> Result<(), String> {
    let text = std::fs::read_to_string(dir.join("report.json")).map_err(|e| format!("report: {e}"))?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("report: {e}"))?;
    let inputs = json["inputs"].as_array().ok_or("report: no inputs")?;
    let errors: Vec<&str> = inputs.iter().filter_map(|i| i["error"].as_str()).collect();
    let panicked = errors.len() == 1 && errors[0].contains("internal error: VITAE_TEST_PANIC");
    if inputs.len() == 6 && panicked && json["totals"]["failed"] == 1 {
        Ok(())
    } else {
        Err(format!("the report should list 6 inputs with the one panic:\n{text}"))
    }
}

#[test]
fn every_hostile_kind_is_refused_and_leaves_the_users_files_alone() {
    let cases = catalogue();
    assert!(cases.len() >= 25, "the catalogue shrank to {} kinds", cases.len());
    let failures: Vec<String> = cases.iter().filter_map(|c| c.check().err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} kinds failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------

/// One kind of hostile input or usage and what vitae must do about it.
struct Case {
    /// What the row is about, for failure messages.
    kind: String,
    /// Files to make before the run, in order.
    setup: Vec<Setup>,
    /// The arguments of `vitae`.
    args: Vec<String>,
    /// Extra environment variables.
    env: Vec<(String, String)>,
    /// The expected exit code.
    code: i32,
    /// Texts standard error must contain.
    stderr: Vec<String>,
    /// Paths the run may write (a trailing `/` for a folder it creates); all must exist after.
    writes: Vec<String>,
    /// Paths the run must remove.
    removes: Vec<String>,
    /// A further check of the folder and the run.
    then: Option<Check>,
}

/// A further check of a row: the folder after the run and the run's output.
type Check = fn(&TempDir, &Run) -> Result<(), String>;

/// A file to make before the run.
enum Setup {
    /// A file with these bytes.
    File(String, Vec<u8>),
    /// An empty folder.
    Dir(String),
    /// A symbolic link at the first path pointing to the second (as written, relative).
    Link(String, String),
    /// A named pipe.
    Fifo(String),
    /// A temporary file an hour old, as a killed run leaves it.
    StaleTemp(String),
}

impl Case {
    /// Starts a row that expects success and no writes.
    fn new(kind: &str) -> Case {
        Case {
            kind: kind.to_owned(),
            setup: Vec::new(),
            args: Vec::new(),
            env: Vec::new(),
            code: EXIT_OK,
            stderr: Vec::new(),
            writes: Vec::new(),
            removes: Vec::new(),
            then: None,
        }
    }

    /// Makes a file with these contents.
    fn file(mut self, at: &str, bytes: impl AsRef<[u8]>) -> Case {
        self.setup.push(Setup::File(at.to_owned(), bytes.as_ref().to_vec()));
        self
    }

    /// Copies a file in.
    fn copy(self, from: PathBuf, at: &str) -> Case {
        let bytes = std::fs::read(&from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()));
        self.file(at, bytes)
    }

    /// Makes an empty folder.
    fn dir(mut self, at: &str) -> Case {
        self.setup.push(Setup::Dir(at.to_owned()));
        self
    }

    /// Makes a symbolic link `at` → `target`.
    fn link(mut self, at: &str, target: &str) -> Case {
        self.setup.push(Setup::Link(at.to_owned(), target.to_owned()));
        self
    }

    /// Makes a named pipe.
    fn fifo(mut self, at: &str) -> Case {
        self.setup.push(Setup::Fifo(at.to_owned()));
        self
    }

    /// Plants an hour-old temporary file.
    fn stale_temp(mut self, at: &str) -> Case {
        self.setup.push(Setup::StaleTemp(at.to_owned()));
        self
    }

    /// Sets an environment variable for the run.
    fn env(mut self, key: &str, value: &str) -> Case {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Sets the arguments.
    fn run(mut self, args: &[&str]) -> Case {
        self.args = args.iter().map(|a| (*a).to_owned()).collect();
        self
    }

    /// Expects this exit code and this text on standard error.
    fn fails(mut self, code: i32, stderr: &str) -> Case {
        self.code = code;
        self.stderr(stderr)
    }

    /// Expects exit code 0 and these outputs.
    fn succeeds(self, outputs: &[&str]) -> Case {
        self.writes(outputs)
    }

    /// Expects this text on standard error too.
    fn stderr(mut self, text: &str) -> Case {
        self.stderr.push(text.to_owned());
        self
    }

    /// Allows (and requires) these outputs.
    fn writes(mut self, outputs: &[&str]) -> Case {
        self.writes.extend(outputs.iter().map(|o| (*o).to_owned()));
        self
    }

    /// Requires these files to be gone after the run.
    fn removes(mut self, paths: &[&str]) -> Case {
        self.removes.extend(paths.iter().map(|p| (*p).to_owned()));
        self
    }

    /// Adds a further check.
    fn then(mut self, check: Check) -> Case {
        self.then = Some(check);
        self
    }

    /// Runs the row; returns every problem found, with the run's output.
    fn check(&self) -> Result<(), String> {
        let dir = TempDir::new();
        self.setup.iter().for_each(|s| s.make(&dir));
        let before = snapshot(&dir.path);
        let run = vitae(&dir.path, &self.args, &self.env);
        let after = snapshot(&dir.path);
        let mut problems = Vec::new();
        if run.code != self.code {
            problems.push(format!("exit code {} instead of {}", run.code, self.code));
        }
        for text in &self.stderr {
            if !run.stderr.contains(text.as_str()) {
                problems.push(format!("standard error lacks {text:?}"));
            }
        }
        if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
            problems.push("standard error shows a raw panic".to_owned());
        }
        problems.extend(self.compare(&before, &after));
        if let Some(Err(e)) = self.then.map(|f| f(&dir, &run)) {
            problems.push(e);
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} (vitae {}):\n  - {}\n{run:?}",
            self.kind,
            self.args.join(" "),
            problems.join("\n  - ")
        ))
    }

    /// Compares the folder before and after the run: only the intended outputs may differ.
    fn compare(&self, before: &Snapshot, after: &Snapshot) -> Vec<String> {
        let mut problems = Vec::new();
        for (path, was) in before {
            let now = after.get(path);
            let removed = self.removes.contains(path);
            match (now, removed) {
                (Some(_), true) => problems.push(format!("{path} should have been removed")),
                (None, false) => problems.push(format!("{path} was removed")),
                (Some(now), false) if now != was && !self.writes.contains(path) => {
                    problems.push(format!("{path} changed: {was} -> {now}"))
                }
                _ => {}
            }
        }
        for (path, now) in after {
            if !before.contains_key(path) && !self.writes.contains(path) {
                problems.push(format!("{path} appeared ({now})"));
            }
        }
        for path in &self.writes {
            match after.get(path) {
                None => problems.push(format!("{path} was not written")),
                Some(kind) if !kind.starts_with("file ") && !path.ends_with('/') => {
                    problems.push(format!("{path} is a {kind}, not a file"))
                }
                Some(_) => {}
            }
        }
        problems
    }
}

impl Setup {
    /// Makes the file in `dir`.
    fn make(&self, dir: &TempDir) {
        let parent = |at: &str| std::fs::create_dir_all(dir.join(at).parent().unwrap()).unwrap();
        match self {
            Setup::File(at, bytes) => {
                dir.write(at, bytes);
            }
            Setup::Dir(at) => std::fs::create_dir_all(dir.join(at)).unwrap(),
            Setup::Link(at, target) => {
                parent(at);
                std::os::unix::fs::symlink(target, dir.join(at)).unwrap();
            }
            Setup::Fifo(at) => {
                parent(at);
                let made = Command::new("mkfifo").arg(dir.join(at)).status().expect("run mkfifo");
                assert!(made.success(), "mkfifo {at}");
            }
            Setup::StaleTemp(at) => {
                let file = std::fs::File::create(dir.join(at)).unwrap();
                // An hour old: stale by age too, where the writer's pid cannot be looked up.
                let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
                file.set_modified(hour_ago).unwrap();
            }
        }
    }
}

/// Every entry below a folder (relative path, folders with a trailing `/`) and what it is:
/// `file <sha256>`, `dir`, `link -> target`, or the kind of a special file. Links are not
/// followed and special files are never opened (opening a FIFO would block).
type Snapshot = BTreeMap<String, String>;

/// Takes a [`Snapshot`] of `root`.
fn snapshot(root: &Path) -> Snapshot {
    use std::os::unix::fs::FileTypeExt;
    let mut out = Snapshot::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("list the folder") {
            let path = entry.expect("read the folder").path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            let t = std::fs::symlink_metadata(&path).expect("stat").file_type();
            let (key, what) = if t.is_symlink() {
                (rel, format!("link -> {}", std::fs::read_link(&path).unwrap().display()))
            } else if t.is_dir() {
                stack.push(path);
                (format!("{rel}/"), "dir".to_owned())
            } else if t.is_file() {
                let hash = Sha256::digest(std::fs::read(&path).expect("read"));
                (rel, format!("file {}", hash.iter().map(|b| format!("{b:02x}")).collect::<String>()))
            } else {
                (rel, if t.is_fifo() { "fifo" } else { "special" }.to_owned())
            };
            out.insert(key, what);
        }
    }
    out
}

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "  exit {}\n  --- stdout\n{}  --- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// Runs `vitae ARGS` in `dir` with a clean `SOURCE_DATE_EPOCH` and `VITAE_TEST_PANIC`.
fn vitae(dir: &Path, args: &[String], env: &[(String, String)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("VITAE_TEST_PANIC")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run the vitae binary");
    Run {
        // A signal (no code) never matches an expected code.
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
