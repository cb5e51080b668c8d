//! The importers are total (issue 10): whatever they make of a file, vitae's own loader accepts
//! it. Every file of the fuzzers' seed corpora, the public résumé corpus and the import fixtures
//! goes through `vitae import` (the library's `import::convert`, as every format it may be
//! read as) and then `vitae check` (`profile::parse` of the YAML written): an importer may
//! refuse a file with an error placed in that file, but never with "converts into a profile
//! vitae cannot load" (a bug in the importer), and never panic.

use std::path::{Path, PathBuf};

use vitae::import::{Format, ImportOptions};

/// The folders whose files are imported, relative to the package root.
const FOLDERS: [&str; 6] = [
    "fuzz/seeds/import_jsonresume",
    "fuzz/seeds/import_rendercv",
    "fuzz/seeds/import_markdown",
    "fuzz/seeds/profile",
    "tests/corpus",
    "tests/fixtures/import",
];

/// Every format a file is imported as: the one it is told to be, and each other, as a user's
/// `--from` could ask.
const FORMATS: [Format; 4] = [Format::JsonResume, Format::RenderCv, Format::YamlResume, Format::Markdown];

/// Lists the regular files below a folder, sorted.
fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.is_file() {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_imported_file_loads_or_is_refused_at_its_place() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bugs = Vec::new();
    let mut imported = 0;
    for folder in FOLDERS {
        let dir = root.join(folder);
        assert!(dir.is_dir(), "{} is missing: the totality test needs it", dir.display());
        for file in files_below(&dir) {
            for format in FORMATS {
                let options = ImportOptions { strict: false, format: Some(format) };
                match vitae::import::convert(&file, None, &options) {
                    Ok(conversion) => {
                        imported += 1;
                        if let Err(e) = vitae::profile::parse(&conversion.yaml, "out.yaml") {
                            bugs.push(format!(
                                "{} as {format}: `vitae check` refuses the output: {e}",
                                file.display()
                            ));
                        }
                    }
                    Err(e) if e.message.contains("cannot load") => {
                        bugs.push(format!("{} as {format}: {}", file.display(), e.message));
                    }
                    Err(_) => {}
                }
            }
        }
    }
    assert!(imported > 100, "only {imported} conversions succeeded: are the folders there?");
    assert!(bugs.is_empty(), "{} importer bugs:\n{}", bugs.len(), bugs.join("\n"));
}
