//! Command-line tests: the real `vitae` binary run in a fresh temporary folder, checking exit
//! codes, `error:` / `hint:` / `warning:` output, which files are written, and that the bytes
//! written are reproducible.

mod common;
use common::TempDir;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Exit code when every input succeeded.
const EXIT_OK: i32 = 0;
/// Exit code when at least one input could not be rendered or checked.
const EXIT_FAILED: i32 = 1;
/// Exit code for usage and configuration errors.
const EXIT_USAGE: i32 = 2;

/// The `SOURCE_DATE_EPOCH` used in the tests and the PDF date it stands for (2023-11-14 22:13:20 UTC).
const EPOCH: &str = "1700000000";
const EPOCH_PDF_DATE: &str = "D:20231114221320";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Debug for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exit {}\n--- stdout\n{}--- stderr\n{}", self.code, self.stdout, self.stderr)
    }
}

/// Runs `vitae ARGS` in `dir` with a clean `SOURCE_DATE_EPOCH`.
fn vitae<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    vitae_env(dir, args, &[])
}

/// Runs `vitae ARGS` in `dir` with extra environment variables.
fn vitae_env<S: AsRef<OsStr>>(dir: &Path, args: &[S], env: &[(&str, &str)]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .envs(env.iter().copied())
        .output()
        .expect("run the vitae binary");
    Run {
        code: out.status.code().expect("vitae exits normally, not by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Returns a file under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Returns a sample profile.
fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples").join(name)
}

/// Reads a PDF back and returns each page's size (width, height) from its MediaBox.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let number = |o: &lopdf::Object| match o {
        lopdf::Object::Integer(i) => *i as f32,
        lopdf::Object::Real(r) => *r,
        other => panic!("MediaBox entry {other:?} is not a number"),
    };
    doc.get_pages()
        .into_values()
        .map(|id| {
            let page = doc.get_dictionary(id).expect("a page dictionary");
            let b = page.get(b"MediaBox").and_then(lopdf::Object::as_array).expect("the page has a MediaBox");
            (number(&b[2]) - number(&b[0]), number(&b[3]) - number(&b[1]))
        })
        .collect()
}

/// Reads a PDF back and returns its Info dictionary's CreationDate, if any.
fn creation_date(pdf: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let date = info.as_dict().ok()?.get(b"CreationDate").ok()?;
    Some(String::from_utf8_lossy(date.as_str().ok()?).into_owned())
}

// ---------------------------------------------------------------------------------------------
// Bad input: exit 1, a located error with the line shown and a hint, and no file written
// ---------------------------------------------------------------------------------------------

/// A profile that must be rejected, and what the error must say.
struct Bad {
    /// The file name in the temporary folder (and so in the message).
    file: &'static str,
    /// Where the error points: line and, when it is meaningful, column (`None` for inputs that
    /// have no position, such as an empty file).
    at: Option<(usize, Option<usize>)>,
    /// A fragment of the message.
    message: &'static str,
    /// A fragment of the hint, when one is expected.
    hint: Option<&'static str>,
}

/// Renders a bad profile written from `bytes` and checks the error and that nothing was written.
fn assert_rejected(bad: &Bad, bytes: &[u8]) {
    let dir = TempDir::new();
    dir.write(bad.file, bytes);
    let run = vitae(&dir.path, &["render", bad.file]);
    let context = format!("{}:\n{run:?}", bad.file);
    assert_eq!(run.code, EXIT_FAILED, "{context}");
    assert!(run.stderr.starts_with("error: "), "{context}");
    assert!(run.stderr.contains(bad.message), "message should contain {:?}; {context}", bad.message);
    match bad.at {
        Some((line, column)) => assert_located(&run.stderr, bad.file, line, column, bytes, &context),
        None => assert!(
            run.stderr.contains(&format!("{}: ", bad.file)),
            "the error should name the file; {context}"
        ),
    }
    if let Some(hint) = bad.hint {
        let hint_line = run.stderr.lines().find(|l| l.starts_with("hint: ")).unwrap_or("");
        assert!(run.stderr.contains(hint), "hint should contain {hint:?} (got {hint_line:?}); {context}");
    }
    assert_eq!(dir.files(), [bad.file], "no PDF and no temporary file may be left; {context}");
}

/// Checks that stderr names `file:line[:column]` and shows the offending line.
fn assert_located(stderr: &str, file: &str, line: usize, column: Option<usize>, bytes: &[u8], context: &str) {
    let location = match column {
        Some(c) => format!("{file}:{line}:{c}"),
        None => format!("{file}:{line}:"),
    };
    assert!(stderr.contains(&location), "the error should point at {location}; {context}");
    let gutter = format!("{line} |");
    let shown = stderr
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(&gutter))
        .unwrap_or_else(|| panic!("the offending line {line} is not shown; {context}"));
    let source = String::from_utf8_lossy(bytes);
    let source_line = source.lines().nth(line - 1).unwrap_or("");
    // The snippet may expand tabs and crop a long line with "...".
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let shown = squash(shown.trim_start_matches("...").trim_end_matches("..."));
    assert!(
        squash(source_line).contains(&shown),
        "shown {shown:?} is not line {line} {source_line:?}; {context}"
    );
}

/// Checks a fixture file as a [`Bad`] case.
fn assert_fixture_rejected(fixture_name: &str, bad: Bad) {
    let bytes = std::fs::read(fixture(fixture_name)).unwrap_or_else(|e| panic!("read {fixture_name}: {e}"));
    assert_rejected(&bad, &bytes);
}

#[test]
fn unknown_key_is_rejected_with_a_suggestion() {
    assert_fixture_rejected(
        "bad/unknown-key.yaml",
        Bad {
            file: "unknown-key.yaml",
            at: Some((4, Some(1))),
            message: "unknown key `nmae`",
            hint: Some("did you mean `name`?"),
        },
    );
}

#[test]
fn misspelt_highlights_suggests_highlights() {
    assert_fixture_rejected(
        "cli/misspelt-highlights.yaml",
        Bad {
            file: "misspelt-highlights.yaml",
            at: Some((7, Some(9))),
            message: "unknown key `highlihgts`",
            hint: Some("did you mean `highlights`?"),
        },
    );
}

#[test]
fn wrong_type_is_rejected() {
    assert_fixture_rejected(
        "bad/wrong-type-entries.yaml",
        Bad {
            file: "wrong-type-entries.yaml",
            at: Some((4, Some(14))),
            message: "expected a list of entries, found a number",
            hint: None,
        },
    );
    assert_fixture_rejected(
        "bad/wrong-type-text.yaml",
        Bad {
            file: "wrong-type-text.yaml",
            at: Some((3, Some(7))),
            message: "expected text, found a list",
            hint: Some("put it in quotes"),
        },
    );
}

#[test]
fn impossible_day_february_30_is_rejected() {
    assert_fixture_rejected(
        "cli/impossible-february-30.yaml",
        Bad {
            file: "impossible-february-30.yaml",
            at: Some((7, Some(16))),
            message: "`2024-02-30` is not a real date: February 2024 has no day 30",
            hint: Some("write dates as"),
        },
    );
}

#[test]
fn impossible_month_13_is_rejected() {
    assert_fixture_rejected(
        "bad/impossible-month.yaml",
        Bad {
            file: "impossible-month.yaml",
            at: Some((7, Some(16))),
            message: "there is no month 13",
            hint: Some("write dates as"),
        },
    );
}

#[test]
fn end_before_start_is_rejected() {
    assert_fixture_rejected(
        "bad/end-before-start.yaml",
        Bad {
            file: "end-before-start.yaml",
            at: Some((8, Some(14))),
            message: "the end `2019-08` is before the start `2021-03`",
            hint: Some("swap `start` and `end`"),
        },
    );
}

#[test]
fn duplicate_key_is_rejected() {
    assert_fixture_rejected(
        "bad/duplicate-key.yaml",
        Bad {
            file: "duplicate-key.yaml",
            at: Some((4, Some(1))),
            message: "duplicate key `name`",
            hint: Some("a key may appear only once"),
        },
    );
}

#[test]
fn tab_indentation_is_rejected() {
    assert_fixture_rejected(
        "bad/tab-indent.yaml",
        Bad {
            file: "tab-indent.yaml",
            at: Some((5, Some(1))),
            message: "a tab is used for indentation",
            hint: Some("replace the tab with spaces"),
        },
    );
}

#[test]
fn yaml_syntax_errors_are_rejected() {
    assert_fixture_rejected(
        "bad/syntax-colon.yaml",
        Bad {
            file: "syntax-colon.yaml",
            at: Some((4, Some(7))),
            message: "a `: ` is not allowed here",
            hint: Some("must be quoted"),
        },
    );
    assert_fixture_rejected(
        "bad/syntax-unclosed-quote.yaml",
        Bad {
            file: "syntax-unclosed-quote.yaml",
            at: Some((4, Some(1))),
            message: "a quoted text is not closed",
            hint: Some("add the closing quote"),
        },
    );
}

#[test]
fn empty_file_is_rejected() {
    let bad = Bad {
        file: "empty.yaml",
        at: None,
        message: "the file as a whole is empty",
        hint: Some("a minimal profile"),
    };
    assert_rejected(&bad, b"");
}

#[test]
fn comment_only_file_is_rejected() {
    assert_fixture_rejected(
        "bad/empty.yaml",
        Bad {
            file: "comments.yaml",
            at: None,
            message: "the file as a whole is empty",
            hint: Some("a minimal profile"),
        },
    );
}

#[test]
fn invalid_utf8_is_rejected() {
    let bad = Bad {
        file: "latin1.yaml",
        at: Some((2, Some(14))),
        message: "the file is not valid UTF-8 (byte 0xE9)",
        hint: Some("save the profile as UTF-8"),
    };
    assert_rejected(&bad, b"name: Jane Doe\nlocation: Caf\xE9 owner\n");
}

#[test]
fn alias_bomb_is_rejected() {
    // The error points at the anchored list whose expansion overflows; the column within it is
    // wherever the budget ran out, so only the line is pinned.
    assert_fixture_rejected(
        "cli/billion-laughs.yaml",
        Bad {
            file: "billion-laughs.yaml",
            at: Some((7, None)),
            message: "the YAML aliases expand to too much data",
            hint: Some("anchors (`&name`) and aliases (`*name`)"),
        },
    );
    assert_fixture_rejected(
        "bad/alias-bomb.yaml",
        Bad {
            file: "alias-bomb.yaml",
            at: Some((7, None)),
            message: "the YAML aliases expand to too much data",
            hint: Some("anchors (`&name`) and aliases (`*name`)"),
        },
    );
}

/// 10,000 nested flow lists on one line, as the value of `sections`.
fn ten_thousand_nested_lists() -> Vec<u8> {
    format!("name: Jane Doe\nsections: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()
}

#[test]
fn absurd_nesting_is_rejected() {
    assert_fixture_rejected(
        "bad/deep-nesting.yaml",
        Bad {
            file: "deep-nesting.yaml",
            at: Some((7, Some(31))),
            message: "the YAML nests more than 24 levels deep",
            hint: Some("look for unclosed or runaway brackets"),
        },
    );
    // Whatever the wording, 10,000 levels must fail cleanly at line 2 without a crash.
    let bad = Bad { file: "nested.yaml", at: Some((2, None)), message: "", hint: None };
    assert_rejected(&bad, &ten_thousand_nested_lists());
}

#[test]
fn absurd_nesting_reports_the_nesting_limit() {
    let bad = Bad {
        file: "nested.yaml",
        at: Some((2, None)),
        message: "the YAML nests more than 24 levels deep",
        hint: Some("look for unclosed or runaway brackets"),
    };
    assert_rejected(&bad, &ten_thousand_nested_lists());
}

#[test]
fn javascript_link_is_rejected() {
    assert_fixture_rejected(
        "bad/link-javascript.yaml",
        Bad {
            file: "link-javascript.yaml",
            at: Some((3, Some(24))),
            message: "the link scheme `javascript:` is not allowed",
            hint: Some("only `http`, `https`, `mailto` and `tel` links are allowed"),
        },
    );
}

#[test]
fn file_link_is_rejected() {
    assert_fixture_rejected(
        "bad/link-file.yaml",
        Bad {
            file: "link-file.yaml",
            at: Some((8, Some(21))),
            message: "the link scheme `file:` is not allowed",
            hint: Some("only `http`, `https`, `mailto` and `tel` links are allowed"),
        },
    );
}

#[test]
fn link_to_hash_is_rejected() {
    assert_fixture_rejected(
        "cli/link-hash.yaml",
        Bad {
            file: "link-hash.yaml",
            at: Some((3, Some(18))),
            message: "the link has no target",
            hint: Some("write the label without brackets"),
        },
    );
    assert_fixture_rejected(
        "bad/link-empty.yaml",
        Bad {
            file: "link-empty.yaml",
            at: Some((7, Some(28))),
            message: "the link has no target",
            hint: Some("write the label without brackets"),
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Rendering: where PDFs go, batches, usage errors
// ---------------------------------------------------------------------------------------------

#[test]
fn render_writes_the_pdf_next_to_the_profile() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    let run = vitae(&dir.path, &["render", "good.yaml"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files(), ["good.pdf", "good.yaml"]);
    assert!(std::fs::read(dir.join("good.pdf")).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn render_with_o_writes_the_named_file() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    std::fs::create_dir(dir.join("other")).unwrap();
    let run = vitae(&dir.path, &["render", "good.yaml", "-o", "other/name.pdf"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files(), ["good.yaml", "other"]);
    assert_eq!(dir.files_in("other"), ["name.pdf"]);
}

/// `--compress small` writes a smaller PDF of the same pages than the default (`fast`, the same
/// bytes as naming it); an unknown value is a usage error that names the accepted ones.
#[test]
fn render_compress_small_is_smaller_and_fast_is_the_default() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    for (name, extra) in [("default.pdf", None), ("small.pdf", Some("small")), ("fast.pdf", Some("fast"))] {
        let mut args = vec!["render", "good.yaml", "-o", name];
        args.extend(extra.iter().flat_map(|how| ["--compress", *how]));
        let run = vitae_env(&dir.path, &args, &epoch);
        assert_eq!(run.code, EXIT_OK, "{run:?}");
    }
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    assert!(read("default.pdf") == read("fast.pdf"));
    assert!(read("small.pdf").len() < read("fast.pdf").len());
    let run = vitae(&dir.path, &["render", "good.yaml", "--compress", "tiny"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.contains("fast") && run.stderr.contains("small"), "{run:?}");
}

/// `-o` into a missing folder is refused before rendering, with a hint; only `--out-dir`
/// creates folders, as its help says.
#[test]
fn render_with_o_into_a_missing_folder_is_refused() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    dir.write("file", "not a folder");
    for out in ["other/name.pdf", "file/name.pdf"] {
        let run = vitae(&dir.path, &["render", "good.yaml", "-o", out]);
        assert_eq!(run.code, EXIT_USAGE, "{out}: {run:?}");
        assert!(run.stderr.starts_with(&format!("error: -o {out}: ")), "{out}: {run:?}");
        assert!(run.stderr.contains("\nhint: "), "{out}: {run:?}");
    }
    let run = vitae(&dir.path, &["render", "good.yaml", "--report", "other/r.json"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(
        run.stderr.starts_with("error: --report other/r.json: the folder other does not exist"),
        "{run:?}"
    );
    let run = vitae(&dir.path, &["import", "good.yaml", "-o", "other/cv.yaml"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.starts_with("error: -o other/cv.yaml: the folder other does not exist"), "{run:?}");
    assert_eq!(dir.files(), ["file", "good.yaml"]);
}

#[test]
fn render_with_out_dir_writes_every_profile_there() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "a.yaml");
    dir.copy(&fixture("cli/good.yaml"), "b.yaml");
    let run = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "--out-dir", "out/pdfs"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files(), ["a.yaml", "b.yaml", "out"]);
    assert_eq!(dir.files_in("out/pdfs"), ["a.pdf", "b.pdf"]);
}

#[test]
fn render_of_a_folder_renders_every_yaml_and_yml() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "profiles/b.yml");
    dir.copy(&fixture("cli/good.yaml"), "profiles/a.yaml");
    dir.write("profiles/notes.txt", "not a profile");
    let run = vitae(&dir.path, &["render", "profiles"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files_in("profiles"), ["a.pdf", "a.yaml", "b.pdf", "b.yml", "notes.txt"]);
}

#[test]
fn folder_profiles_are_taken_in_sorted_order() {
    let dir = TempDir::new();
    for name in ["c.yaml", "a.yml", "b.yaml"] {
        dir.copy(&fixture("cli/good.yaml"), &format!("profiles/{name}"));
    }
    let run = vitae(&dir.path, &["check", "profiles"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(run.stdout, "ok: profiles/a.yml\nok: profiles/b.yaml\nok: profiles/c.yaml\n");
    // render reports failures in the same order.
    for name in ["c.yaml", "a.yml", "b.yaml"] {
        dir.write(&format!("bad/{name}"), "nmae: Jane\n");
    }
    let run = vitae(&dir.path, &["render", "bad"]);
    let order: Vec<usize> = ["bad/a.yml", "bad/b.yaml", "bad/c.yaml"]
        .iter()
        .map(|f| run.stderr.find(&format!("{f}:1:1")).unwrap_or_else(|| panic!("{f} not reported; {run:?}")))
        .collect();
    assert!(order.is_sorted(), "{run:?}");
}

#[test]
fn o_with_several_profiles_is_a_usage_error() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "a.yaml");
    dir.copy(&fixture("cli/good.yaml"), "b.yaml");
    let run = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "-o", "both.pdf"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.starts_with("error: "), "{run:?}");
    assert!(run.stderr.contains("hint: use --out-dir"), "{run:?}");
    assert_eq!(dir.files(), ["a.yaml", "b.yaml"]);
}

#[test]
fn unknown_layout_is_a_usage_error_listing_the_layouts() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    let run = vitae(&dir.path, &["render", "good.yaml", "--layout", "no-such-layout"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.contains("error: ") && run.stderr.contains("no-such-layout"), "{run:?}");
    let hint =
        run.stderr.lines().find(|l| l.starts_with("hint: ")).unwrap_or_else(|| panic!("no hint; {run:?}"));
    assert!(hint.contains("classic"), "the hint should list the layouts; {run:?}");
    assert_eq!(dir.files(), ["good.yaml"]);
}

#[test]
fn unknown_paper_is_a_usage_error() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    let run = vitae(&dir.path, &["render", "good.yaml", "--paper", "tabloid"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.starts_with("error: invalid value 'tabloid' for '--paper <PAPER>'"), "{run:?}");
    assert!(run.stderr.contains("[possible values: a4, letter, a5, legal]"), "{run:?}");
    let run = vitae(&dir.path, &["check", "good.yaml", "--paper", "tabloid"]);
    assert_eq!(run.code, EXIT_USAGE, "{run:?}");
    assert!(run.stderr.starts_with("error: invalid value 'tabloid' for '--paper <PAPER>'"), "{run:?}");
    assert_eq!(dir.files(), ["good.yaml"]);
}

#[test]
fn paper_letter_gives_letter_pages() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    // Paper names are case-insensitive, as they were before they became a list of values.
    let run = vitae(&dir.path, &["render", "good.yaml", "--paper", "Letter"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    let sizes = page_sizes(&std::fs::read(dir.join("good.pdf")).unwrap());
    assert!(!sizes.is_empty());
    for (w, h) in sizes {
        assert!((w - 612.0).abs() < 0.01 && (h - 792.0).abs() < 0.01, "page is {w} × {h}, not 612 × 792");
    }
}

#[test]
fn nonexistent_input_is_named_in_the_error() {
    let dir = TempDir::new();
    let run = vitae(&dir.path, &["render", "missing.yaml"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    assert!(run.stderr.starts_with("error: ") && run.stderr.contains("missing.yaml"), "{run:?}");
    assert!(dir.files().is_empty());
}

#[test]
fn one_bad_profile_does_not_stop_the_others() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "a.yaml");
    dir.copy(&fixture("bad/unknown-key.yaml"), "b.yaml");
    dir.copy(&fixture("cli/good.yaml"), "c.yaml");
    let run = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "c.yaml"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    assert!(run.stderr.contains("b.yaml:4:1"), "{run:?}");
    assert_eq!(dir.files(), ["a.pdf", "a.yaml", "b.yaml", "c.pdf", "c.yaml"]);
}

#[test]
fn check_accepts_good_and_rejects_bad_profiles() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    dir.copy(&fixture("bad/end-before-start.yaml"), "bad.yaml");
    let good = vitae(&dir.path, &["check", "good.yaml"]);
    assert_eq!(good.code, EXIT_OK, "{good:?}");
    assert_eq!(good.stdout, "ok: good.yaml\n");
    let bad = vitae(&dir.path, &["check", "good.yaml", "bad.yaml"]);
    assert_eq!(bad.code, EXIT_FAILED, "{bad:?}");
    assert!(bad.stderr.starts_with("error: ") && bad.stderr.contains("bad.yaml:8:14"), "{bad:?}");
    assert_eq!(dir.files(), ["bad.yaml", "good.yaml"], "check writes nothing");
}

#[test]
fn help_of_each_command_shows_an_example() {
    let dir = TempDir::new();
    for command in ["render", "check", "layouts", "import", "new", "schema"] {
        let run = vitae(&dir.path, &[command, "--help"]);
        assert_eq!(run.code, EXIT_OK, "{command}: {run:?}");
        assert!(run.stdout.contains("Example"), "{command}: {run:?}");
        assert!(run.stdout.contains(&format!("vitae {command}")), "{command}: {run:?}");
    }
}

#[test]
fn layouts_lists_classic() {
    let dir = TempDir::new();
    let run = vitae(&dir.path, &["layouts"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert!(run.stdout.lines().any(|l| l.split_whitespace().next() == Some("classic")), "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

/// Renders the sample `anurag-mohanty.yaml` (copied into `dir`) from `cwd` with `env`; returns
/// the bytes.
fn render_sample(dir: &TempDir, cwd: &Path, out: &str, env: &[(&str, &str)]) -> Vec<u8> {
    let input = dir.join("cv.yaml");
    if !input.exists() {
        dir.copy(&sample("anurag-mohanty.yaml"), "cv.yaml");
    }
    let out = dir.join(out);
    let run =
        vitae_env(cwd, &[OsStr::new("render"), input.as_os_str(), OsStr::new("-o"), out.as_os_str()], env);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    std::fs::read(out).expect("the PDF is written")
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let dir = TempDir::new();
    let first = render_sample(&dir, &dir.path, "first.pdf", &[]);
    let second = render_sample(&dir, &dir.path, "second.pdf", &[]);
    assert!(first == second, "two renders of the same profile differ");
}

#[test]
fn working_directory_time_zone_and_locale_do_not_change_the_bytes() {
    let dir = TempDir::new();
    let here = render_sample(&dir, &dir.path, "here.pdf", &[]);
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    let elsewhere = render_sample(&dir, &dir.join("elsewhere"), "elsewhere.pdf", &[]);
    assert!(here == elsewhere, "rendering from another working directory changes the bytes");
    let kolkata = render_sample(&dir, &dir.path, "kolkata.pdf", &[("TZ", "Asia/Kolkata"), ("LC_ALL", "C")]);
    assert!(here == kolkata, "TZ=Asia/Kolkata LC_ALL=C changes the bytes");
}

#[test]
fn source_date_epoch_sets_a_reproducible_creation_date() {
    let dir = TempDir::new();
    let plain = render_sample(&dir, &dir.path, "plain.pdf", &[]);
    assert_eq!(creation_date(&plain), None, "no CreationDate without SOURCE_DATE_EPOCH");
    let dated = render_sample(&dir, &dir.path, "dated.pdf", &[("SOURCE_DATE_EPOCH", EPOCH)]);
    assert!(dated != plain, "SOURCE_DATE_EPOCH does not change the bytes");
    let date = creation_date(&dated).expect("SOURCE_DATE_EPOCH records a CreationDate");
    let zone = date.strip_prefix(EPOCH_PDF_DATE).unwrap_or_else(|| panic!("CreationDate {date:?}"));
    assert!(["Z", "Z00'00'", "+00'00'", "+00'00", "+00"].contains(&zone), "CreationDate {date:?} is not UTC");
    let again = render_sample(&dir, &dir.path, "again.pdf", &[("SOURCE_DATE_EPOCH", EPOCH)]);
    assert!(dated == again, "two renders with the same SOURCE_DATE_EPOCH differ");
}

// ---------------------------------------------------------------------------------------------
// Warnings
// ---------------------------------------------------------------------------------------------

#[test]
fn missing_glyph_warns_and_still_renders() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/hieroglyph.yaml"), "hieroglyph.yaml");
    let run = vitae(&dir.path, &["render", "hieroglyph.yaml"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    let warning =
        run.stderr.lines().find(|l| l.starts_with("warning: ")).unwrap_or_else(|| panic!("{run:?}"));
    assert!(warning.contains("U+13000"), "{run:?}");
    assert!(!run.stderr.contains("error:"), "{run:?}");
    assert_eq!(dir.files(), ["hieroglyph.pdf", "hieroglyph.yaml"]);
}

/// A `layout:` path in a profile is read from the profile's folder, as a photo is, so the
/// profile renders the same from any working folder (it was read from the working folder).
#[test]
fn a_profiles_layout_path_is_relative_to_the_profile() {
    let dir = TempDir::new();
    dir.write("p/cv.yaml", "name: Jane Doe\nlayout: sub/mine.yaml\n");
    dir.copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/modern.yaml"), "p/sub/mine.yaml");
    let run = vitae(&dir.path, &["render", "p/cv.yaml", "-o", "out.pdf"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    let run = vitae(&dir.path.join("p"), &["check", "cv.yaml"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
}

// ---------------------------------------------------------------------------------------------
// The command line's edges (issue 15): options as checked values, standard output, an `error:`
// line for every failure, the summary, folders, help texts and the starter profile
// ---------------------------------------------------------------------------------------------

/// Bad option values are usage errors (exit 2) with clap's `error:` line naming the option,
/// found before any input is read: the input here does not even exist, and a check after the
/// render would have reported that (exit 1) instead.
#[test]
fn bad_option_values_are_refused_before_any_render() {
    let dir = TempDir::new();
    let cases: [&[&str]; 12] = [
        &["--dpi", "0"],
        &["--dpi", "1200.5"],
        &["--dpi", "many"],
        &["--dpi", "NaN"],
        &["--pages", "0"],
        &["--pages", "65536"],
        &["--max-pages", "0"],
        &["--jobs", "0"],
        &["--format", "docx"],
        &["--paper", "a3"],
        &["--strict"],
        &["--watch-cycles", "0"],
    ];
    for extra in cases {
        let run = vitae(&dir.path, &[&["render", "missing.yaml"], extra].concat());
        let context = format!("{extra:?}: {run:?}");
        assert_eq!(run.code, EXIT_USAGE, "{context}");
        assert!(run.stderr.starts_with("error: "), "{context}");
        assert!(
            run.stderr.contains(extra[0]) || run.stderr.contains("--pages"),
            "names the option; {context}"
        );
        assert!(!run.stderr.contains("missing.yaml"), "nothing was read; {context}");
    }
    assert!(dir.files().is_empty());
}

/// `-o -` writes the PDF (or the text) to standard output, writes no file, and prints no
/// summary (standard error stays for problems).
#[test]
fn o_dash_writes_to_standard_output() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", "good.yaml", "-o", "-"])
        .current_dir(&dir.path)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run the vitae binary");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"%PDF-"), "standard output is not a PDF");
    assert!(out.stdout.trim_ascii_end().ends_with(b"%%EOF"), "the PDF is cut short");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(dir.files(), ["good.yaml"], "no file named `-` or anything else");
    // The same bytes as the file.
    let run = vitae(&dir.path, &["render", "good.yaml", "-o", "good.pdf"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert!(std::fs::read(dir.join("good.pdf")).unwrap() == out.stdout, "stdout and file differ");
    let text = vitae(&dir.path, &["render", "good.yaml", "-o", "-", "--format", "txt"]);
    assert_eq!(text.code, EXIT_OK, "{text:?}");
    assert!(text.stdout.contains("Jane"), "{text:?}");
    // `./-` is a file of that name.
    let run = vitae(&dir.path, &["render", "good.yaml", "-o", "./-", "-q"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert!(dir.files().contains(&"-".to_owned()), "{:?}", dir.files());
}

/// What cannot go to standard output is a usage error with an `error:` line and a hint.
#[test]
fn o_dash_refuses_what_standard_output_cannot_take() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    for extra in [&["--format", "png"][..], &["--dump"], &["--watch"]] {
        let run = vitae(&dir.path, &[&["render", "good.yaml", "-o", "-"], extra].concat());
        assert_eq!(run.code, EXIT_USAGE, "{extra:?}: {run:?}");
        assert!(run.stderr.starts_with("error: ") && run.stderr.contains("\nhint: "), "{extra:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{extra:?}: {run:?}");
    }
    assert_eq!(dir.files(), ["good.yaml"]);
}

/// Every failing run says why on an `error:` line, whatever failed: the exit code alone is
/// never the only sign.
#[test]
fn every_failure_prints_an_error_line() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "good.yaml");
    dir.copy(&sample("devops-platform-engineer.yaml"), "long.yaml");
    dir.copy(&fixture("bad/unknown-key.yaml"), "bad.yaml");
    dir.copy(&fixture("cli/good.yaml"), "clash/cv.yaml");
    dir.copy(&fixture("cli/good.yaml"), "clash/cv.yml");
    let cases: [&[&str]; 8] = [
        &["render", "long.yaml", "--pages", "1", "--strict", "-q"],
        &["render", "missing.yaml"],
        &["render", "bad.yaml"],
        &["render", "good.yaml", "-o", "nowhere/cv.pdf"],
        &["render", "good.yaml", "--layout", "no-such"],
        &["render", "clash"],
        &["check", "bad.yaml"],
        &["new", "good"],
    ];
    for args in cases {
        let run = vitae(&dir.path, args);
        assert_ne!(run.code, EXIT_OK, "{args:?}: {run:?}");
        assert!(run.stderr.lines().any(|l| l.starts_with("error: ")), "{args:?}: {run:?}");
    }
}

/// `--pages N --strict` on a résumé that cannot fit: exit 1, an `error:` line saying so and a
/// hint, and the tightest PDF still written (the help says so).
#[test]
fn strict_pages_that_cannot_fit_is_an_error_line() {
    let dir = TempDir::new();
    dir.copy(&sample("devops-platform-engineer.yaml"), "long.yaml");
    let run = vitae(&dir.path, &["render", "long.yaml", "--pages", "1", "--strict"]);
    assert_eq!(run.code, EXIT_FAILED, "{run:?}");
    let error = run.stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_else(|| panic!("{run:?}"));
    assert!(error.starts_with("error: long.yaml: does not fit on 1 page (--strict): it takes "), "{run:?}");
    assert!(run.stderr.contains("hint: its output was still written"), "{run:?}");
    assert!(!run.stderr.contains("wrote "), "no success line after a failure; {run:?}");
    assert_eq!(dir.files(), ["long.pdf", "long.yaml"]);
}

/// Success ends with one line saying what was written where; `--quiet` leaves it out.
#[test]
fn success_prints_one_summary_line_unless_quiet() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "a.yaml");
    dir.copy(&fixture("cli/good.yaml"), "b.yaml");
    let one = vitae(&dir.path, &["render", "a.yaml"]);
    assert_eq!(one.code, EXIT_OK, "{one:?}");
    assert_eq!(one.stderr, "wrote a.pdf (1 page)\n", "{one:?}");
    let batch = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "--out-dir", "out/pdfs"]);
    assert_eq!(batch.code, EXIT_OK, "{batch:?}");
    assert_eq!(batch.stderr, "2 PDFs in out/pdfs/ (2 pages)\n", "{batch:?}");
    let txt = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "--format", "txt"]);
    assert_eq!(txt.stderr, "2 text files in ./ (2 pages)\n", "{txt:?}");
    let quiet = vitae(&dir.path, &["render", "a.yaml", "b.yaml", "--out-dir", "out", "-q"]);
    assert_eq!(quiet.code, EXIT_OK, "{quiet:?}");
    assert_eq!(quiet.stderr, "", "{quiet:?}");
    assert!(quiet.stdout.is_empty(), "{quiet:?}");
}

/// A folder stands for every format vitae reads — vitae YAML, RenderCV, JSON Resume, Markdown —
/// sorted by name; not text files (`--format txt` writes them), hidden files or subfolders.
#[test]
fn a_folder_expands_every_supported_format_in_sorted_order() {
    let dir = TempDir::new();
    dir.copy(&fixture("cli/good.yaml"), "in/d-vitae.yaml");
    dir.copy(&fixture("import/rendercv-john-doe.yaml"), "in/c-rendercv.yml");
    dir.copy(&fixture("import/jsonresume-sample.json"), "in/b-jsonresume.json");
    dir.copy(&fixture("import/markdown/contacts.md"), "in/a-markdown.md");
    dir.write("in/notes.txt", "not a profile\n");
    dir.copy(&fixture("cli/good.yaml"), "in/.hidden.yaml");
    dir.copy(&fixture("cli/good.yaml"), "in/sub/deeper.yaml");
    let check = vitae(&dir.path, &["check", "in"]);
    assert_eq!(check.code, EXIT_OK, "{check:?}");
    let order = ["in/a-markdown.md", "in/b-jsonresume.json", "in/c-rendercv.yml", "in/d-vitae.yaml"];
    let want: String = order.iter().map(|f| format!("ok: {f}\n")).collect();
    assert_eq!(check.stdout, want, "{check:?}");
    let run = vitae(&dir.path, &["render", "in", "--out-dir", "out", "--format", "txt", "-j", "1"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files_in("out"), ["a-markdown.txt", "b-jsonresume.txt", "c-rendercv.txt", "d-vitae.txt"]);
    let last = run.stderr.lines().last().unwrap_or_default();
    assert!(last.starts_with("4 text files in out/ ("), "{run:?}");
}

/// The help texts say what the commands do: every input format, `-o -`, the values of the
/// enumerated options.
#[test]
fn help_texts_match_what_the_commands_do() {
    let dir = TempDir::new();
    let render = vitae(&dir.path, &["render", "--help"]);
    assert_eq!(render.code, EXIT_OK, "{render:?}");
    for mention in [
        "JSON Resume",
        "RenderCV",
        "Markdown",
        "*.json",
        "*.md",
        "`-` for standard output",
        "- png:",
        "- txt:",
        "- letter:",
        "- legal:",
        "folder must exist",
        "1 to 1200",
    ] {
        assert!(render.stdout.contains(mention), "render --help lacks {mention:?}: {render:?}");
    }
    assert!(!render.stdout.contains("YAML files"), "{render:?}");
    let short = vitae(&dir.path, &["render", "-h"]);
    assert!(short.stdout.contains("[possible values: pdf, png, txt]"), "{short:?}");
    assert!(short.stdout.contains("[possible values: a4, letter, a5, legal]"), "{short:?}");
    let top = vitae(&dir.path, &["--help"]);
    assert!(top.stdout.contains("JSON Resume, RenderCV, Markdown"), "{top:?}");
    let check = vitae(&dir.path, &["check", "--help"]);
    assert!(check.stdout.contains("JSON Resume") && check.stdout.contains("- letter:"), "{check:?}");
}

/// `vitae new jane` writes jane.yaml, and its comments name the commands for jane.yaml.
#[test]
fn new_names_its_own_file_in_its_comments() {
    let dir = TempDir::new();
    let run = vitae(&dir.path, &["new", "jane"]);
    assert_eq!(run.code, EXIT_OK, "{run:?}");
    assert_eq!(dir.files(), ["jane.yaml"]);
    let text = std::fs::read_to_string(dir.join("jane.yaml")).unwrap();
    assert!(text.contains("vitae render jane.yaml") && text.contains("(writes jane.pdf)"), "{text}");
    assert!(text.contains("vitae check jane.yaml"), "{text}");
    assert!(!text.contains("resume.yaml"), "{text}");
    assert!(run.stderr.contains("render it with `vitae render jane.yaml`"), "{run:?}");
    let render = vitae(&dir.path, &["render", "jane.yaml"]);
    assert_eq!(render.code, EXIT_OK, "the starter renders as it is: {render:?}");
}

#[test]
fn shards_of_a_folder_never_overlap_and_cover_it() {
    let dir = TempDir::new();
    let names = ["a", "b", "c", "d", "e"];
    for name in names {
        dir.write(&format!("in/{name}.yaml"), format!("name: {name}\n"));
    }
    let mut all = Vec::new();
    for index in 0..3 {
        let out = format!("out{index}");
        let run = vitae(
            &dir.path,
            &[
                "render",
                "in",
                "--out-dir",
                &out,
                "--quiet",
                "--format",
                "txt",
                "--shard",
                &format!("{index}/3"),
            ],
        );
        assert_eq!(run.code, EXIT_OK, "{run:?}");
        let files = dir.files_in(&out);
        let expected: Vec<String> = names.iter().skip(index).step_by(3).map(|n| format!("{n}.txt")).collect();
        assert_eq!(files, expected, "shard {index}/3 takes every third input of the sorted listing");
        all.extend(files);
    }
    all.sort();
    assert_eq!(all, names.map(|n| format!("{n}.txt")), "together the shards take every input once");
    let empty = vitae(&dir.path, &["render", "in/a.yaml", "--shard", "1/2"]);
    assert_eq!(empty.code, EXIT_OK, "a shard with nothing to do is not a failure: {empty:?}");
    assert!(empty.stderr.contains("shard 1/2 holds no input"), "{empty:?}");
    let bad = vitae(&dir.path, &["render", "in", "--shard", "3/3"]);
    assert_eq!(bad.code, EXIT_USAGE, "{bad:?}");
    assert!(bad.stderr.contains("I must be below N"), "{bad:?}");
}
