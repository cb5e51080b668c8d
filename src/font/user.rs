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

    /// Returns a book with this book's faces and empty shaping caches, for adding faces to
    /// without touching this one (the bundled faces and this book's files are reused, not read
    /// again). The hyphenation cache, which depends on no face, is shared.
    ///
    /// # Errors
    ///
    /// A [`FontError`] should this book's files no longer parse (they did when added).
    pub fn derived(&self) -> Result<FontBook, FontError> {
        let mut book = FontBook { hyphenation: self.hyphenation.clone(), ..FontBook::bundled() };
        for file in &self.user_files {
            book.add_user_data(&file.path, file.data.clone())?;
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
        let data = read_font_file(path)?;
        self.add_user_data(path, data)
    }

    /// Adds every face of a font file's bytes (read by [`read_font_file`]), each under the
    /// family its name table gives, then the synthetic styles the families lack; a path
    /// loaded before adds nothing. Returns the ids of the real faces added.
    ///
    /// # Errors
    ///
    /// A [`FontError`] when the bytes are not a font or there would be too many faces.
    pub fn add_font_data(&mut self, path: &Path, data: FontData) -> Result<Vec<FontId>, FontError> {
        if self.user_files.iter().any(|f| f.path == path) {
            return Ok(Vec::new());
        }
        let ids = self.add_user_data(path, data)?;
        self.add_synthetic_faces();
        Ok(ids)
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

/// Reads a font file (bounded by [`crate::limits::MAX_FONT_BYTES`]) and checks that every face
/// in it parses, so that a file that is not a font fails here, where it is named.
///
/// # Errors
///
/// [`FontError::Io`] when the file cannot be read, [`FontError::Unreadable`] when it is not a
/// TrueType/OpenType font or collection.
pub fn read_font_file(path: &Path) -> Result<FontData, FontError> {
    let bytes = crate::files::read(path, crate::limits::MAX_FONT_BYTES)
        .map_err(|e| FontError::Io { path: path.display().to_string(), reason: e.to_string() })?;
    let unreadable = || FontError::Unreadable(path.display().to_string());
    let count = face_count(&bytes).ok_or_else(unreadable)?;
    for index in 0..count {
        let font = super::font_ref(&bytes, index).ok_or_else(unreadable)?;
        // A face that maps no character could set no text: most likely not a text font.
        font.charmap().mappings().next().ok_or_else(unreadable)?;
    }
    Ok(FontData::Owned(Arc::new(bytes)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::ScratchDir;
    use crate::font::fallback;

    /// Makes an empty folder for one test, removed when the test ends.
    fn temp_dir(test: &str) -> ScratchDir {
        ScratchDir::new(&format!("user-fonts-{test}"))
    }

    /// Copies a bundled font file into `dir` under another name.
    fn copy_font(bundled: &str, dir: &Path, name: &str) -> PathBuf {
        let to = dir.join(name);
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts").join(bundled);
        std::fs::copy(from, &to).unwrap();
        to
    }

    #[test]
    fn a_font_file_loads_under_its_name_tables_family() {
        let dir = temp_dir("file");
        let path = copy_font("NotoSansHebrew-Bold.ttf", &dir, "renamed.ttf");
        let mut book = FontBook::bundled();
        let ids = book.add_user_fonts(&path).unwrap();
        assert_eq!(ids.len(), 1);
        let face = book.face(ids[0]);
        assert_eq!(
            (face.family.as_str(), face.bold, face.italic, face.user),
            ("Noto Sans Hebrew", true, false, true)
        );
        // The user's face wins over the bundled face of the same family and style.
        assert_eq!(book.select("noto sans hebrew", true, false), Some(ids[0]));
        assert_eq!(book.user_families(), vec!["Noto Sans Hebrew"]);
        // Loading the same file again adds nothing.
        assert!(book.add_user_fonts(&path).unwrap().is_empty());
    }

    #[test]
    fn a_folder_loads_its_font_files_in_name_order_and_skips_others() {
        let dir = temp_dir("folder");
        copy_font("Inter-Regular.ttf", &dir, "b.TTF");
        copy_font("NotoSansThai-Regular.ttf", &dir, "a.otf");
        std::fs::write(dir.join("README.txt"), "not a font").unwrap();
        let mut book = FontBook::bundled();
        let ids = book.add_user_fonts(&dir).unwrap();
        let families: Vec<_> = ids.iter().map(|&id| book.face(id).family.as_str()).collect();
        assert_eq!(families, vec!["Noto Sans Thai", "Inter"]);
    }

    #[test]
    fn a_user_family_lacking_bold_gets_a_synthetic_bold() {
        let dir = temp_dir("synthetic");
        let path = copy_font("NotoSansThai-Regular.ttf", &dir, "thai.ttf");
        let mut book = FontBook::bundled();
        let real = book.add_user_fonts(&path).unwrap()[0];
        // The bundled real bold beats a synthetic bold of the user's file.
        let bold = book.select("Noto Sans Thai", true, false).unwrap();
        assert!(book.face(bold).synthetic.is_none() && !book.face(bold).user);
        // Italic exists nowhere: the user's regular face is slanted.
        let italic = book.select("Noto Sans Thai", false, true).unwrap();
        assert_eq!(book.face(italic).base, Some(real));
        assert!(book.face(italic).synthetic.italic);
    }

    #[test]
    fn a_user_cjk_font_comes_before_the_bundled_one_for_cjk() {
        let dir = temp_dir("cjk");
        let path = copy_font("DroidSansFallback.ttf", &dir, "MyCJK.ttf");
        let mut book = FontBook::bundled();
        let user = book.add_user_fonts(&path).unwrap()[0];
        let (runs, missing) = fallback::segment(&book, "Go 中文", FontId(0));
        assert!(missing.is_empty());
        assert_eq!(runs.last().map(|r| r.font), Some(user));
        // In bold, the user's face is emboldened.
        let (runs, _) = fallback::segment(&book, "中文", FontId(1));
        let face = book.face(runs[0].font);
        assert!(face.user && face.synthetic.bold, "{face:?}");
    }

    #[test]
    fn a_file_that_is_not_a_font_is_a_clean_error() {
        let dir = temp_dir("bad");
        let path = dir.join("cv.ttf");
        std::fs::write(&path, "name: Jane\n").unwrap();
        let err = FontBook::bundled().add_user_fonts(&path).unwrap_err();
        assert_eq!(err, FontError::Unreadable(path.display().to_string()));
        assert!(err.to_string().contains("is not a readable TrueType/OpenType font"), "{err}");
        let empty = dir.join("empty.otf");
        std::fs::write(&empty, "").unwrap();
        assert!(matches!(FontBook::bundled().add_user_fonts(&empty), Err(FontError::Unreadable(_))));
    }

    #[test]
    fn a_derived_book_keeps_the_first_books_files_and_adds_new_ones() {
        let dir = temp_dir("derived");
        let thai = copy_font("NotoSansThai-Regular.ttf", &dir, "thai.ttf");
        let inter = copy_font("Inter-Bold.ttf", &dir, "inter.ttf");
        let mut book = FontBook::bundled();
        book.add_user_fonts(&thai).unwrap();
        assert!(book.has_user_fonts(std::slice::from_ref(&thai)));
        assert!(!book.has_user_fonts(&[thai.clone(), inter.clone()]));
        let mut derived = book.derived().unwrap();
        derived.add_user_fonts(&inter).unwrap();
        assert!(derived.has_user_fonts(&[thai, inter]));
        assert_eq!(derived.user_families(), vec!["Noto Sans Thai", "Inter"]);
        // The bundled faces keep their ids.
        assert_eq!(derived.face(FontId(13)).family, "Droid Sans Fallback");
    }
}
