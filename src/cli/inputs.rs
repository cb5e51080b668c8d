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

/// Writes bytes to `path` atomically: a temporary file in the same folder, then a rename, so a
/// reader never sees a half-written PDF and a failure leaves no file behind.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
