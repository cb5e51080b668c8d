//! Generates the table of bundled layouts from the files in `layouts/`, so a new layout is a new
//! YAML file and nothing else: `$OUT_DIR/bundled_layouts.rs` holds one `(name, include_str!(…))`
//! pair per `layouts/*.yaml`, sorted by name so the table (and `vitae layouts`) is the same on
//! every machine whatever order the file system lists the folder in.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts");
    println!("cargo::rerun-if-changed={}", dir.display());
    let layouts = layout_files(&dir);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts"));
    std::fs::write(out.join("bundled_layouts.rs"), table(&layouts)).expect("OUT_DIR is writable");
}

/// Returns the name and absolute path of every `*.yaml` file in `dir`, sorted by name.
fn layout_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut layouts: Vec<(String, PathBuf)> = entries
        .map(|e| e.unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display())).path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            let name =
                p.file_stem().and_then(|s| s.to_str()).expect("layout file names are UTF-8").to_owned();
            println!("cargo::rerun-if-changed={}", p.display());
            (name, p)
        })
        .collect();
    layouts.sort();
    layouts
}

/// Writes the Rust source of the table: a slice of `(name, source)` pairs.
fn table(layouts: &[(String, PathBuf)]) -> String {
    let mut src = String::from("&[\n");
    for (name, path) in layouts {
        // `{:?}` quotes and escapes both strings as Rust string literals.
        writeln!(src, "    ({name:?}, include_str!({:?})),", path.display().to_string())
            .expect("writing to a String");
    }
    src.push(']');
    src
}
