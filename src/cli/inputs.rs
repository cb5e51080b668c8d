//! Expanding the command line's inputs: a folder stands for every `*.yaml` / `*.yml` in it.

use std::path::{Path, PathBuf};

/// Expands folders into their profiles (sorted by name, so runs are reproducible).
pub fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            out.extend(profiles_in(arg)?);
        } else {
            out.push(arg.clone());
        }
    }
    Ok(out)
}

/// Lists the profile files of a folder, sorted.
fn profiles_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: the folder holds no *.yaml or *.yml profile", dir.display()));
    }
    Ok(files)
}
