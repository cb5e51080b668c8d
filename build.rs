//! Derives the bundled data from the YAML files people edit, so that a render never parses
//! bundled YAML:
//!
//! - `$OUT_DIR/bundled_layouts.rs` holds one `(name, include_str!(…))` pair per `layouts/*.yaml`,
//!   sorted by name so the table (and `vitae layouts`) is the same on every machine whatever
//!   order the file system lists the folder in; a new layout is a new YAML file and nothing else.
//! - `$OUT_DIR/bundled_layout_trees.rs` pairs each layout's name with the same file as compact
//!   JSON, and `$OUT_DIR/locales/<tag>.json` is each `locales/*.yaml` as compact JSON. A render
//!   reads these with `serde_json`, in a fifteenth to a twentieth of the instructions of the
//!   YAML parse (docs/performance.md, "Bundled data as JSON"). The tests `bundled_trees_are_the_yaml` (theme)
//!   and `bundled_json_is_the_yaml` (locale) parse every YAML file at run time and compare, so
//!   the derived form cannot drift from the source.
//!
//! A bundled file that is not valid YAML fails the build with its file, line and column.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    let layouts = yaml_files(&root.join("layouts"));
    let layout_json = write_json(&layouts, &out.join("layouts"));
    write(&out.join("bundled_layouts.rs"), &table(&layouts));
    write(&out.join("bundled_layout_trees.rs"), &table(&layout_json));
    write_json(&yaml_files(&root.join("locales")), &out.join("locales"));
}

/// Returns the name and absolute path of every `*.yaml` file in `dir`, sorted by name, and asks
/// cargo to rerun the script when the folder or one of the files changes.
fn yaml_files(dir: &Path) -> Vec<(String, PathBuf)> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<(String, PathBuf)> = entries
        .map(|e| e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let name =
                p.file_stem().and_then(|s| s.to_str()).expect("bundled file names are UTF-8").to_owned();
            println!("cargo::rerun-if-changed={}", p.display());
            (name, p)
        })
        .collect();
    files.sort();
    files
}

/// Writes each YAML file as compact JSON into `dir` (`<name>.json`) and returns the names with
/// the paths written. The YAML is read as vitae reads a layout's tree (serde-saphyr's defaults
/// into a `serde_json::Value`), so the JSON holds the same values.
fn write_json(files: &[(String, PathBuf)], dir: &Path) -> Vec<(String, PathBuf)> {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    files
        .iter()
        .map(|(name, path)| {
            let yaml = std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let tree: serde_json::Value =
                serde_saphyr::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let json = dir.join(format!("{name}.json"));
            write(&json, &serde_json::to_string(&tree).expect("a YAML tree has string keys"));
            (name.clone(), json)
        })
        .collect()
}

/// Writes a file of the build's output, only when its contents change (so that the crate is not
/// recompiled for an unchanged table).
fn write(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == contents) {
        return;
    }
    std::fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Writes the Rust source of a table: a slice of `(name, include_str!(path))` pairs.
fn table(files: &[(String, PathBuf)]) -> String {
    let mut src = String::from("&[\n");
    for (name, path) in files {
        // `{:?}` quotes and escapes both strings as Rust string literals.
        writeln!(src, "    ({name:?}, include_str!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    src.push(']');
    src
}
