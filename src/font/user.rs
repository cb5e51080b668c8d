//! The user's own fonts: files named by `vitae render --font-path` or a layout's `fonts:`, read
//! with the bounded [`crate::files::read`], each face named by its file's name table and subset
//! into the PDF like the bundled faces.
//!
//! Consumes paths; adds faces (and the synthetic styles they lack) to a [`FontBook`].

use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::MetadataProvider;
use skrifa::attribute::{Attributes, Style};
use skrifa::raw::FileRef;
use skrifa::string::StringId;

use super::{Face, FontBook, FontData, FontError, FontId};

/// The most faces the user's files may add: far more than any résumé uses (a CJK collection has
/// about ten), and it keeps every id, synthetic faces included, well inside a `u16`.
const MAX_USER_FACES: usize = 1024;

/// The file name endings of font files in a `--font-path` folder.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// A weight of 600 (semibold) or more counts as bold, as CSS's `font-weight: bold` matching does.
const BOLD_WEIGHT: f32 = 600.0;

/// A font file the user added, kept so that a derived book can reuse its bytes.
#[derive(Debug, Clone)]
pub(super) struct UserFile {
    /// The path as given.
    path: PathBuf,
    /// The file's bytes.
    data: FontData,
}

impl FontBook {
    /// Adds the user's fonts at `path`: a font file (every face of a collection), or every font
    /// file (`.ttf`, `.otf`, `.ttc`, `.otc`) directly inside a folder, in name order. Returns the
    /// ids of the real faces added; a file already loaded is not loaded again.
    ///
    /// # Errors
    ///
    /// A [`FontError`] when the path cannot be read or listed, or a file is not a font.
    pub fn add_user_fonts(&mut self, path: &Path) -> Result<Vec<FontId>, FontError> {
        let mut ids = Vec::new();
        for file in font_files(path)? {
            ids.extend(self.add_user_file(&file)?);
        }
        self.add_synthetic_faces();
        Ok(ids)
    }

    /// Returns a book with this book's faces plus the user's fonts at `paths` not loaded yet
    /// (the bundled faces and this book's files are reused, not read again).
    ///
    /// # Errors
    ///
    /// As [`FontBook::add_user_fonts`].
    pub fn with_user_fonts(&self, paths: &[PathBuf]) -> Result<FontBook, FontError> {
        let mut book = FontBook::bundled();
        for file in &self.user_files {
            book.add_user_data(&file.path, file.data.clone())?;
        }
        for path in paths {
            book.add_user_fonts(path)?;
        }
        book.add_synthetic_faces();
        Ok(book)
    }

    /// Whether every path is a file this book has loaded already.
    pub fn has_user_fonts(&self, paths: &[PathBuf]) -> bool {
        paths.iter().all(|p| self.user_files.iter().any(|f| f.path == *p))
    }

    /// Reads one font file and adds its faces, unless it was loaded before.
    fn add_user_file(&mut self, path: &Path) -> Result<Vec<FontId>, FontError> {
        if self.user_files.iter().any(|f| f.path == path) {
            return Ok(Vec::new());
        }
        let bytes = crate::files::read(path, crate::limits::MAX_FONT_BYTES)
            .map_err(|e| FontError::Io { path: path.display().to_string(), reason: e.to_string() })?;
        self.add_user_data(path, FontData::Owned(Arc::new(bytes)))
    }

    /// Adds every face of a font file's bytes, each under the family its name table gives.
    fn add_user_data(&mut self, path: &Path, data: FontData) -> Result<Vec<FontId>, FontError> {
        let unreadable = || FontError::Unreadable(path.display().to_string());
        let count = face_count(data.bytes()).ok_or_else(unreadable)?;
        let user_faces = self.faces.iter().filter(|f| f.user).count();
        if user_faces + count as usize > MAX_USER_FACES {
            return Err(FontError::Io {
                path: path.display().to_string(),
                reason: format!("more than {MAX_USER_FACES} font faces in all"),
            });
        }
        let mut ids = Vec::new();
        for index in 0..count {
            let font = super::font_ref(data.bytes(), index).ok_or_else(unreadable)?;
            let family = family_name(&font).unwrap_or_else(|| file_stem(path));
            let (bold, italic) = style_of(font.attributes());
            let mut face = Face::new(&family, bold, italic, data.clone(), index).map_err(|_| unreadable())?;
            face.user = true;
            ids.push(self.push(face));
        }
        self.user_files.push(UserFile { path: path.to_path_buf(), data });
        Ok(ids)
    }
}

/// Lists the font files at `path`: the path itself when it is not a folder, else the font
/// files directly inside it, sorted by name so that the faces' order never depends on the
/// file system.
fn font_files(path: &Path) -> Result<Vec<PathBuf>, FontError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let folder_error =
        |e: std::io::Error| FontError::Folder { path: path.display().to_string(), reason: e.to_string() };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(folder_error)? {
        let file = entry.map_err(folder_error)?.path();
        if is_font_file_name(&file) && file.is_file() {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a file's name ends in one of [`FONT_EXTENSIONS`] (in any case).
fn is_font_file_name(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    FONT_EXTENSIONS.iter().any(|f| ext.eq_ignore_ascii_case(f))
}

/// Returns the number of faces in a font file or collection, `None` if it is not a font.
fn face_count(bytes: &[u8]) -> Option<u32> {
    match FileRef::new(bytes).ok()? {
        FileRef::Font(_) => Some(1),
        FileRef::Collection(c) => Some(c.len()),
    }
}

/// Returns the face's family name: the typographic family (name ID 16) when there is one, as
/// it groups weights under one name ("Noto Sans CJK SC", not "Noto Sans CJK SC Bold"), else the
/// legacy family (name ID 1); English when the table has it.
fn family_name(font: &skrifa::FontRef<'_>) -> Option<String> {
    [StringId::TYPOGRAPHIC_FAMILY_NAME, StringId::FAMILY_NAME]
        .into_iter()
        .filter_map(|id| font.localized_strings(id).english_or_first())
        .map(|s| s.to_string().trim().to_string())
        .find(|s| !s.is_empty())
}

/// Returns whether a face is bold and whether it is italic (or oblique), from its OS/2 table.
fn style_of(attributes: Attributes) -> (bool, bool) {
    let bold = attributes.weight.value() >= BOLD_WEIGHT;
    let italic = !matches!(attributes.style, Style::Normal);
    (bold, italic)
}

/// Returns a file's name without its extension, the family of a face whose name table has none.
fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}
