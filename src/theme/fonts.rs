//! The `fonts:` key of a layout file or a profile's `design:`: font files to load besides the
//! bundled faces. Each path is relative to the file that names it, and the files are read when
//! the layout is resolved, so that a missing file or one that is not a font is reported at its
//! line, as any other bad option is (see `docs/fonts.md`).

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ThemeError;
use crate::font::{FontData, read_font_file};

/// A font file a layout or design names.
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "PathBuf")]
pub struct FontFile {
    /// The path: as written, then joined to the folder of the file that names it.
    pub path: PathBuf,
    /// The file's bytes once read (checked to be a font), `None` before.
    pub data: Option<FontData>,
}

impl From<PathBuf> for FontFile {
    fn from(path: PathBuf) -> FontFile {
        FontFile { path, data: None }
    }
}

/// Where a `fonts:` list was written: for errors and for relative paths.
pub(super) struct Origin<'a> {
    /// The file's name as errors print it.
    pub file: &'a str,
    /// The file's lines from `first_line` on.
    pub lines: Vec<&'a str>,
    /// The 1-based line number of `lines[0]`.
    pub first_line: usize,
    /// The folder relative paths start from.
    pub dir: &'a Path,
}

/// Joins each path to the origin's folder and reads the file, failing at the entry's line and
/// column when it cannot be read or is not a font.
pub(super) fn read_all(fonts: &mut [FontFile], origin: &Origin) -> Result<(), ThemeError> {
    for (index, font) in fonts.iter_mut().enumerate() {
        if font.path.is_relative() {
            font.path = origin.dir.join(&font.path);
        }
        let data = read_font_file(&font.path).map_err(|e| {
            let (line, column) = entry_position(&origin.lines, index).unwrap_or((0, 0));
            ThemeError {
                file: origin.file.to_string(),
                line: origin.first_line + line,
                column,
                message: format!("in `fonts:`: {e}"),
                hint: Some(
                    "`fonts:` lists TrueType or OpenType files (.ttf, .otf, .ttc), relative to this file"
                        .into(),
                ),
            }
        })?;
        font.data = Some(data);
    }
    Ok(())
}

/// Returns the folder of the file named `file` (the current folder for a bare name).
pub(super) fn folder_of(file: &str) -> &Path {
    Path::new(file).parent().unwrap_or(Path::new(""))
}

/// Finds the `index`th entry of the first `fonts:` key in `lines`: its 0-based line and 1-based
/// column. A list written on the key's line (`fonts: [a.ttf]`) points at the key.
fn entry_position(lines: &[&str], index: usize) -> Option<(usize, usize)> {
    let key = lines.iter().position(|l| l.trim_start().starts_with("fonts:"))?;
    let key_line = lines.get(key)?;
    let key_indent = indent(key_line);
    let rest = key_line.trim_start().strip_prefix("fonts:").unwrap_or("").trim();
    if !rest.is_empty() && !rest.starts_with('#') {
        return Some((key, key_indent + 1));
    }
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(key + 1) {
        let text = line.trim_start();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let Some(value) = text.strip_prefix('-') else {
            if indent(line) <= key_indent {
                break;
            }
            continue;
        };
        if seen == index {
            return Some((i, line.len() - value.trim_start().len() + 1));
        }
        seen += 1;
    }
    Some((key, key_indent + 1))
}

/// Returns the number of leading spaces of a line.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_in_block_lists_and_flow_lists() {
        let lines =
            ["colors:", "  link: red", "fonts:", "  # mine", "  - a.ttf", "  -   b.otf", "justify: true"];
        assert_eq!(entry_position(&lines, 0), Some((4, 5)));
        assert_eq!(entry_position(&lines, 1), Some((5, 7)));
        // Past the list: the key.
        assert_eq!(entry_position(&lines, 2), Some((2, 1)));
        assert_eq!(entry_position(&["  fonts: [a.ttf, b.ttf]"], 1), Some((0, 3)));
        assert_eq!(entry_position(&["fonts:", "- a.ttf", "pages: 1"], 0), Some((1, 3)));
        assert_eq!(entry_position(&["justify: true"], 0), None);
    }
}
