//! Reads back the profile a vitae PDF carries: the attachment named
//! [`crate::pdf::SOURCE_NAME`] in the document's `EmbeddedFiles` name tree, so that
//! `vitae import cv.pdf -o cv.yaml` gives back the YAML the PDF was rendered from.
//!
//! hayro's syntax layer parses the file (cross-references, objects, encryption); the walk of
//! the name tree and the inflating of the attachment are bounded here: the tree's depth and
//! size, and the attachment's decoded length (no more than a profile may hold), so that a
//! hostile PDF cannot make the reader loop or fill memory.

use std::io::Read;
use std::path::Path;

use hayro::hayro_syntax::Filter;
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::object::{Array, Dict, Stream};

use crate::profile::{self, ProfileError};

use super::{Conversion, Format};

/// The largest PDF read: a résumé with an 8 MiB photo and its fonts stays far below.
const MAX_PDF_BYTES: u64 = 64 * 1024 * 1024;

/// How deep the name tree may nest: krilla writes one level; a balanced tree of four levels
/// already holds millions of names.
const MAX_TREE_DEPTH: usize = 8;

/// How many name-tree nodes are visited at most, against trees that share or repeat nodes.
const MAX_TREE_NODES: usize = 1024;

/// Converts a PDF vitae wrote back into the profile it carries.
///
/// # Errors
///
/// A [`ProfileError`] naming the file when it cannot be read as a PDF, carries no profile
/// (rendered with `--no-embed-source`, or not by vitae), or carries one vitae cannot load.
pub fn convert(path: &Path) -> Result<Conversion, ProfileError> {
    let name = path.display().to_string();
    let bytes = crate::files::read(path, MAX_PDF_BYTES)
        .map_err(|e| ProfileError::new(&name, format!("cannot read the PDF: {e}")))?;
    let yaml = source(bytes, &name)?;
    profile::parse(&yaml, &name).map_err(|e| {
        ProfileError::new(&name, format!("the profile this PDF carries cannot be loaded: {}", e.message))
    })?;
    Ok(Conversion { format: Format::Vitae, yaml, notes: Vec::new(), layout: None, locale: None })
}

/// Whether a file name ends in `.pdf` (in any case): such a file is read as a PDF.
pub fn is_pdf(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Returns the text of the attached profile in the PDF's bytes.
pub fn source(bytes: Vec<u8>, file: &str) -> Result<String, ProfileError> {
    let pdf = Pdf::new(bytes).map_err(|_| ProfileError::new(file, "the file cannot be read as a PDF"))?;
    let xref = pdf.xref();
    let root: Option<Dict> = xref.get(xref.root_id());
    let tree = root.and_then(|r| r.get::<Dict>(b"Names")).and_then(|n| n.get::<Dict>(b"EmbeddedFiles"));
    let spec =
        tree.and_then(|t| find(&t, crate::pdf::SOURCE_NAME.as_bytes(), 0, &mut 0)).ok_or_else(|| {
            ProfileError::new(file, "this PDF carries no vitae profile").with_hint(
            "only PDFs rendered by vitae without --no-embed-source (and not as PDF/A-2) carry their profile",
        )
        })?;
    let stream = spec.get::<Dict>(b"EF").and_then(|ef| ef.get::<Stream>(b"F"));
    let stream = stream.ok_or_else(|| ProfileError::new(file, "the attached profile has no contents"))?;
    let data = decode(&stream).ok_or_else(|| {
        ProfileError::new(file, "the attached profile cannot be decoded, or is larger than a profile may be")
    })?;
    String::from_utf8(data).map_err(|_| ProfileError::new(file, "the attached profile is not UTF-8 text"))
}

/// Finds the file specification named `key` in a name tree node: in its `Names` array of
/// (name, value) pairs, else in its `Kids`, depth first, within the limits.
fn find<'a>(node: &Dict<'a>, key: &[u8], depth: usize, visited: &mut usize) -> Option<Dict<'a>> {
    *visited += 1;
    if depth > MAX_TREE_DEPTH || *visited > MAX_TREE_NODES {
        return None;
    }
    if let Some(names) = node.get::<Array>(b"Names") {
        let mut pairs = names.flex_iter();
        while let Some(name) = pairs.next::<hayro::hayro_syntax::object::String>() {
            let value = pairs.next::<Dict>();
            if name.as_bytes() == key {
                return value;
            }
        }
    }
    let kids = node.get::<Array>(b"Kids")?;
    kids.iter::<Dict>().find_map(|kid| find(&kid, key, depth + 1, visited))
}

/// Returns a stream's data, inflated when it is Flate-compressed (the only filter vitae
/// writes), or `None` for another filter, broken data, or more than a profile may hold.
fn decode(stream: &Stream) -> Option<Vec<u8>> {
    let limit = crate::limits::MAX_PROFILE_BYTES;
    let raw = stream.raw_data();
    let filters = stream.filters();
    let mut out = Vec::new();
    match filters.as_slice() {
        [] => out.extend_from_slice(&raw),
        [Filter::FlateDecode] => {
            // One byte past the limit tells "too large" from "exactly at the limit".
            let reader = flate2::read::ZlibDecoder::new(raw.as_ref());
            reader.take(limit + 1).read_to_end(&mut out).ok()?;
        }
        _ => return None,
    }
    (out.len() as u64 <= limit).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_a_pdf_are_refused_with_a_message() {
        for bytes in [Vec::new(), b"name: Jane\n".to_vec(), b"%PDF-1.7\n%%EOF".to_vec(), vec![0xFF; 300]] {
            let e = source(bytes, "cv.pdf").unwrap_err();
            assert!(
                e.message.contains("cannot be read as a PDF")
                    || e.message.contains("carries no vitae profile"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn pdf_names_are_told_by_their_extension() {
        assert!(is_pdf(Path::new("cv.PDF")));
        assert!(is_pdf(Path::new("dir.x/cv.pdf")));
        assert!(!is_pdf(Path::new("pdf")));
        assert!(!is_pdf(Path::new("cv.pdf.yaml")));
    }
}
