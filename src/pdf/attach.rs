//! Attaches the profile's source to the PDF, so that `vitae import cv.pdf` can give it back
//! (`crate::import::pdf` reads it).

use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};

use crate::layout::frame::Metadata;

use super::{PdfError, Standards, meta};

/// The attachment's file name, which the reader looks for.
pub const SOURCE_NAME: &str = "vitae-profile.yaml";

/// The attachment's media type (RFC 9512).
const YAML_MIME: &str = "application/yaml";

/// Whether the standards allow attaching a YAML file: PDF/A-2 allows only PDF/A attachments,
/// PDF/A-3 and plain PDF (with or without PDF/UA-1) any file.
pub(super) fn allowed(standards: Standards) -> bool {
    standards.archival.is_none_or(|a| a.allows_attachments())
}

/// Attaches `source` as [`SOURCE_NAME`], marked as the document's source (an associated file
/// under PDF/A-3), dated with the document's creation date when it has one.
pub(super) fn source(pdf: &mut krilla::Document, source: &str, meta: &Metadata) -> Result<(), PdfError> {
    let modification_date = meta.creation_date.map(meta::date_time).transpose()?;
    let file = EmbeddedFile {
        path: SOURCE_NAME.to_string(),
        mime_type: MimeType::new(YAML_MIME),
        description: Some("The vitae profile this résumé was rendered from".to_string()),
        association_kind: AssociationKind::Source,
        data: source.as_bytes().to_vec().into(),
        modification_date,
        compress: Some(true),
        location: None,
    };
    // `None` only when a file of the same name is attached already; this is the only one.
    let _ = pdf.embed_file(file);
    Ok(())
}
