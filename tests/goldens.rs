//! The golden suite: every sample (`samples/*.yaml` and the other-language samples in
//! `samples/languages/*.yaml`), and every cover letter of `samples/letters/*.yaml` (letter
//! files naming a sample), in every bundled layout, on A4 and Letter, gives a readable
//! dump of its laid-out pages and a SHA-256 of its PDF bytes, both committed under
//! `tests/goldens/`. `UPDATE_GOLDENS=1 cargo test` rewrites them; a missing or orphaned golden
//! fails; all failures are reported together.

use std::collections::BTreeSet;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use vitae::font::FontBook;
use vitae::theme::Paper;

/// One rendering to compare: a sample, a layout and a paper.
struct Case {
    sample: PathBuf,
    layout: &'static str,
    paper: Paper,
    /// Whether the sample is a letter file, whose letter is rendered.
    letter: bool,
}

impl Case {
    /// The golden files' common stem, e.g. `anurag-mohanty.classic.a4`, or
    /// `languages-ja.classic.a4` for `samples/languages/ja.yaml`: the path under `samples/` with
    /// `/` as `-`, so that a language sample never shares a name with a top-level one.
    fn stem(&self) -> String {
        let relative = self.sample.strip_prefix(root().join("samples")).unwrap().with_extension("");
        let name = relative.to_string_lossy().replace(['/', '\\'], "-");
        let paper = format!("{:?}", self.paper).to_lowercase();
        format!("{name}.{}.{paper}", self.layout)
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `.yaml` files directly in `dir`, sorted (not its subfolders).
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Lists every case: samples × layouts × papers.
fn cases() -> Vec<Case> {
    let mut samples = yaml_files(&root().join("samples"));
    assert!(samples.len() >= 5, "the five seed samples are missing");
    let languages = yaml_files(&root().join("samples/languages"));
    // ja, zh-hans, ko, ru, hi, de, ar and he: issue 13's samples in other languages and
    // scripts (ar and he right to left).
    assert!(languages.len() >= 8, "the eight language samples are missing");
    samples.extend(languages);
    let letters = yaml_files(&root().join("samples/letters"));
    assert!(!letters.is_empty(), "the sample letter is missing");
    let mut out = Vec::new();
    for (s, letter) in samples.into_iter().map(|s| (s, false)).chain(letters.into_iter().map(|s| (s, true))) {
        for (layout, _) in vitae::theme::BUNDLED {
            for paper in [Paper::A4, Paper::Letter] {
                out.push(Case { sample: s.clone(), layout, paper, letter });
            }
        }
    }
    out
}

/// Renders a case; returns the dump and the PDF's hash.
fn render(case: &Case, fonts: &FontBook) -> Result<(String, String), String> {
    let mut theme = vitae::theme::load(case.layout).map_err(|e| e.to_string())?;
    theme.page.paper = case.paper;
    let options = vitae::RenderOptions::default();
    let out = if case.letter {
        // A letter file: the loader reads the profile it names, with the letter.
        let profile = vitae::load_profile(&case.sample).map_err(|e| e.to_string())?;
        let letter = profile.letter.as_ref().ok_or("a letter file without a letter")?;
        vitae::render_letter_with(&profile, letter, &theme, fonts, &options)
    } else {
        let profile = vitae::profile::load(&case.sample).map_err(|e| e.to_string())?;
        vitae::render_with(&profile, &theme, fonts, &options)
    }
    .map_err(|e| e.to_string())?;
    let mut dump = vitae::layout::dump::dump(&out.document, fonts);
    for w in &out.warnings {
        let _ = writeln!(dump, "warning: {w}");
    }
    let hash = format!("{:x}\n", Sha256::digest(&out.pdf));
    Ok((dump, hash))
}

/// Compares `actual` with the golden at `path`, or rewrites it when updating.
fn check(path: &Path, actual: &str, update: bool, failures: &mut Vec<String>) {
    if update {
        std::fs::write(path, actual).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Err(_) => {
            failures.push(format!("missing golden {} (run UPDATE_GOLDENS=1 cargo test)", path.display()))
        }
        Ok(expected) if expected != actual => {
            failures.push(format!("{} differs:\n{}", path.display(), first_difference(&expected, actual)))
        }
        Ok(_) => {}
    }
}

/// Describes the first differing line.
fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i).copied().unwrap_or("<end>"), a.get(i).copied().unwrap_or("<end>"));
        if x != y {
            return format!("  line {}:\n  - {x}\n  + {y}", i + 1);
        }
    }
    "  (identical lines, different line endings)".into()
}

#[test]
fn goldens_match() {
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let dir = root().join("tests/goldens");
    std::fs::create_dir_all(&dir).unwrap();
    let fonts = FontBook::bundled();
    let mut failures = Vec::new();
    let mut expected_files = BTreeSet::new();
    for case in cases() {
        let stem = case.stem();
        let dump_path = dir.join(format!("{stem}.dump.txt"));
        let hash_path = dir.join(format!("{stem}.pdf.sha256"));
        expected_files.insert(dump_path.file_name().unwrap().to_owned());
        expected_files.insert(hash_path.file_name().unwrap().to_owned());
        match render(&case, &fonts) {
            Ok((dump, hash)) => {
                check(&dump_path, &dump, update, &mut failures);
                check(&hash_path, &hash, update, &mut failures);
            }
            Err(e) => failures.push(format!("{stem}: {e}")),
        }
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name();
        if !expected_files.contains(&name) {
            if update {
                std::fs::remove_file(dir.join(&name)).unwrap();
            } else {
                failures.push(format!("orphaned golden {} (no case produces it)", name.to_string_lossy()));
            }
        }
    }
    assert!(failures.is_empty(), "{} golden failure(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn rendering_is_deterministic_across_documents_in_one_process() {
    let fonts = FontBook::bundled();
    let all = cases();
    let first = render(&all[0], &fonts).unwrap();
    for c in all.iter().skip(1).take(3) {
        render(c, &fonts).unwrap();
    }
    assert_eq!(render(&all[0], &fonts).unwrap(), first, "the Nth document must equal the first");
}
