//! The profile's photo: read when the profile is loaded (relative to the current folder for
//! [`super::parse`]; [`super::load`] resolves it against the profile's folder first), checked to
//! be a PNG or JPEG of sane size. No other file is ever read.

use std::sync::Arc;

use super::error::{ProfileError, Source};
use super::model::Photo;
use super::raw::Text;

/// The largest photo accepted: a print-quality portrait is well under 2 MiB; 8 MiB bounds memory.
const MAX_PHOTO_BYTES: u64 = 8 * 1024 * 1024;

/// The first bytes of a PNG file.
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The first bytes of a JPEG file.
const JPEG_MAGIC: &[u8] = b"\xFF\xD8\xFF";

/// Reads and checks the photo named by `text`.
pub(crate) fn check(src: &Source, text: &Text) -> Result<Photo, ProfileError> {
    let path = text.value.trim();
    let full = src.dir.join(path);
    let fail = |msg: String| src.error(&text.referenced, msg);
    let meta = std::fs::metadata(&full).map_err(|_| fail(format!("cannot read the photo `{path}`")))?;
    if meta.len() > MAX_PHOTO_BYTES {
        return Err(fail(format!("the photo `{path}` is larger than 8 MiB"))
            .with_hint("scale it down to about 600 × 600 pixels"));
    }
    let data = std::fs::read(&full).map_err(|_| fail(format!("cannot read the photo `{path}`")))?;
    let jpeg = data.starts_with(JPEG_MAGIC);
    if !jpeg && !data.starts_with(PNG_MAGIC) {
        return Err(fail(format!("the photo `{path}` is not a PNG or JPEG image"))
            .with_hint("save it as .png or .jpg"));
    }
    Ok(Photo { path: path.to_owned(), data: Arc::new(data), jpeg })
}
