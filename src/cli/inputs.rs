//! Expanding the command line's inputs: a folder stands for every file in it whose extension is
//! a format vitae reads (see [`EXTENSIONS`]), sorted by name so runs are reproducible.

use std::path::{Path, PathBuf};

/// The extensions a folder is expanded to, as `vitae::load_profile` reads them: vitae's YAML
/// and the YAML of RenderCV, YAMLResume and JSON Resume (told apart by their keys), JSON Resume
/// as JSON, and Markdown. `.txt` is left out although a named `.txt` file renders as plain
/// text: `--format txt` writes `.txt` files, which a second run must not take as résumés.
pub const EXTENSIONS: [&str; 5] = ["yaml", "yml", "json", "md", "markdown"];

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

/// Lists the profile files of a folder, sorted; not its subfolders, nor hidden files (editors'
/// and tools' own files such as `.pre-commit-config.yaml`).
fn profiles_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> =
        entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_file() && is_profile(p)).collect();
    files.sort();
    if files.is_empty() {
        let kinds = EXTENSIONS.map(|e| format!("*.{e}")).join(", ");
        return Err(format!("{}: the folder holds no profile ({kinds})", dir.display()));
    }
    Ok(files)
}

/// Whether a file in a folder is taken as a profile: not hidden, with one of [`EXTENSIONS`]
/// (in any case: `CV.YAML` too).
fn is_profile(path: &Path) -> bool {
    let hidden = path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.'));
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !hidden && ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_readable_format_is_a_profile_and_nothing_else() {
        for yes in ["cv.yaml", "cv.yml", "resume.json", "cv.md", "CV.YAML", "a/b.markdown", "x.y.json"] {
            assert!(is_profile(Path::new(yes)), "{yes}");
        }
        for no in ["cv.txt", "cv.pdf", "photo.png", ".hidden.yaml", "yaml", "cv.yaml~", "notes"] {
            assert!(!is_profile(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn a_folder_expands_sorted_without_subfolders() {
        let dir = std::env::temp_dir().join(format!("vitae-inputs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub.yaml")).unwrap();
        for name in ["c.md", "a.json", "b.yaml", "notes.txt", ".x.yml"] {
            std::fs::write(dir.join(name), "name: x\n").unwrap();
        }
        let found = expand(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(found, [dir.join("a.json"), dir.join("b.yaml"), dir.join("c.md")]);
        let empty = dir.join("sub.yaml");
        let error = expand(std::slice::from_ref(&empty)).unwrap_err();
        assert!(
            error.ends_with("the folder holds no profile (*.yaml, *.yml, *.json, *.md, *.markdown)"),
            "{error}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
