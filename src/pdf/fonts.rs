//! The krilla fonts of one export, created on first use from the [`FontBook`]'s faces.
//!
//! Creating a krilla font only reads a few tables and never copies the file (about 1 µs, even
//! for the 5 MB colour emoji font), so fonts are not cached across exports.

use krilla::Data;
use krilla::text::Font;

use crate::font::{Face, FontBook, FontData, FontId};

use super::PdfError;

/// The faces of a book and the krilla fonts made from them so far.
pub(super) struct Fonts<'a> {
    book: &'a FontBook,
    /// Indexed by [`FontId`]; `None` until the face is first used.
    loaded: Vec<Option<Font>>,
}

impl<'a> Fonts<'a> {
    /// Creates the set with no font loaded yet.
    pub(super) fn new(book: &'a FontBook) -> Fonts<'a> {
        Fonts { book, loaded: vec![None; book.len()] }
    }

    /// Returns the krilla font of face `id`, creating it on first use.
    pub(super) fn get(&mut self, id: FontId) -> Result<Font, PdfError> {
        let face = self.book.face(id);
        let slot = &mut self.loaded[usize::from(id.0)];
        if let Some(font) = slot {
            return Ok(font.clone());
        }
        let font = parse(&face.data, face.index)
            .ok_or_else(|| PdfError::UnreadableFont { id, name: face_name(face) })?;
        Ok(slot.insert(font).clone())
    }

    /// Returns the face of `id` (the export reads its tables, e.g. for [`super::paint`]'s
    /// blank glyph).
    pub(super) fn face(&self, id: FontId) -> &'a Face {
        self.book.face(id)
    }

    /// Returns the name of the face a krilla font was made from, if it was made here.
    pub(super) fn name_of(&self, font: &Font) -> Option<String> {
        let index = self.loaded.iter().position(|f| f.as_ref() == Some(font))?;
        Some(face_name(self.book.face(FontId(index as u16))))
    }
}

/// Parses font bytes with krilla, sharing rather than copying them; `None` if krilla cannot
/// read them.
pub(super) fn parse(data: &FontData, index: u32) -> Option<Font> {
    let data: Data = match data {
        FontData::Static(bytes) => Data::from(*bytes),
        FontData::Owned(bytes) => Data::from(bytes.clone()),
    };
    Font::new(data, index)
}

/// Returns a face's human-readable name, e.g. "Inter Bold Italic".
fn face_name(face: &Face) -> String {
    let mut name = face.family.clone();
    if face.bold {
        name.push_str(" Bold");
    }
    if face.italic {
        name.push_str(" Italic");
    }
    name
}
