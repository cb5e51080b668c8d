//! The profile's photo (and a letter's signature, checked the same way): read when the profile
//! is loaded (relative to the current folder for
//! [`super::parse`]; [`super::load`] resolves it against the profile's folder first), checked to
//! be a PNG or JPEG of sane size. No other file is ever read. A photo written as a `data:` URL
//! (`data:image/png;base64,...`) is decoded from the text instead, and is the only photo a
//! sealed profile ([`super::Files::Sealed`], a request to `vitae serve`) may have.
//!
//! The checks run before anything is embedded, in this order, each bounded by the one before:
//! the file is regular and at most [`MAX_PHOTO_BYTES`] (`crate::files`); its first bytes say
//! PNG or JPEG; its header's width and height are within [`MAX_PHOTO_SIDE`] and
//! [`MAX_PHOTO_PIXELS`] (so a decompression bomb is refused unopened); then it is decoded whole,
//! so a truncated or corrupt file is an error at the profile's `photo:` line instead of a broken
//! image in the PDF.

use std::sync::Arc;

use base64::Engine as _;

use super::Files;
use super::error::{ProfileError, Source};
use super::model::Photo;
use super::raw::Plain;
use crate::files::{self, ReadError};
use crate::limits::{MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MAX_PHOTO_SIDE};

/// The first bytes of a PNG file.
const PNG_MAGIC: &[u8] = b"\x89PNG\r\n\x1a\n";
/// The first bytes of a JPEG file.
const JPEG_MAGIC: &[u8] = b"\xFF\xD8\xFF";

/// The start of a photo given inline rather than as a file name.
const DATA_URL: &str = "data:";

/// Reads and checks the photo named by `text`: a `data:` URL, or a file when `src` may read one.
pub(crate) fn check(src: &Source, text: &Plain) -> Result<Photo, ProfileError> {
    check_image(src, text, "photo").map(|(photo, _)| photo)
}

/// Reads and checks the image named by `text` (`what` names it in messages: "photo",
/// "signature"): a `data:` URL, or a file when `src` may read one; returns it with its width
/// and height in pixels, read from its header.
pub(crate) fn check_image(
    src: &Source,
    text: &Plain,
    what: &str,
) -> Result<(Photo, (u32, u32)), ProfileError> {
    let written = text.value.trim();
    let fail = |msg: String| src.error(&text.referenced, msg);
    let inline = written.get(..DATA_URL.len()).is_some_and(|s| s.eq_ignore_ascii_case(DATA_URL));
    // Messages name an inline photo by its media type, not by a page of base64.
    let path = if inline { written.split(',').next().unwrap_or(DATA_URL) } else { written };
    let too_large = |limit: u64| {
        fail(format!("the {what} `{path}` is larger than {}", files::size(limit)))
            .with_hint("scale it down to about 600 × 600 pixels")
    };
    let data = match src.files {
        _ if inline => decode_data_url(written).map_err(|e| match e {
            InlineProblem::TooLarge => too_large(MAX_PHOTO_BYTES),
            InlineProblem::Malformed(why) => fail(format!(
                "the {what} `{path}…` is not a usable data URL: {why}"
            ))
            .with_hint(format!("write `{what}: data:image/png;base64,` followed by the image in base64")),
        })?,
        Files::Disk(dir) => files::read(&dir.join(written), MAX_PHOTO_BYTES).map_err(|e| match e {
            ReadError::TooLarge { limit } => too_large(limit),
            e => fail(format!("cannot read the {what} `{path}`: {e}")),
        })?,
        Files::Sealed => {
            return Err(fail(format!(
                "the {what} `{path}` names a file, and this profile may read none (a request to a server)"
            ))
            .with_hint(format!("send the {what} inside the profile: `{what}: data:image/jpeg;base64,...`")));
        }
    };
    let path = if inline { format!("{path},…") } else { path.to_owned() };
    let jpeg = data.starts_with(JPEG_MAGIC);
    if !jpeg && !data.starts_with(PNG_MAGIC) {
        return Err(fail(format!("the {what} `{path}` is not a PNG or JPEG image"))
            .with_hint("save it as .png or .jpg"));
    }
    let checked = if jpeg { check_jpeg(&data) } else { check_png(&data) };
    let pixels = checked.map_err(|problem| match problem {
        Problem::TooBig(w, h) => fail(format!(
            "the {what} `{path}` is {w} × {h} pixels, more than vitae accepts ({MAX_PHOTO_SIDE} pixels a side, {} megapixels)",
            MAX_PHOTO_PIXELS / 1_000_000
        ))
        .with_hint("scale it down to about 600 × 600 pixels"),
        Problem::Corrupt(why) => fail(format!("the {what} `{path}` is damaged or incomplete: {why}"))
            .with_hint("open it in an image editor and save it again as PNG or JPEG"),
    })?;
    Ok((Photo { path, data: Arc::new(data), jpeg }, pixels))
}

/// Why a `data:` URL gives no photo.
#[derive(Debug, PartialEq)]
enum InlineProblem {
    /// It would decode to more than [`MAX_PHOTO_BYTES`].
    TooLarge,
    /// It is not `data:<type>;base64,<data>`, or the data is not base64.
    Malformed(&'static str),
}

/// Decodes `data:image/png;base64,...` (any media type: the magic bytes decide, as for a file),
/// refusing from its length alone a URL that would decode to more than [`MAX_PHOTO_BYTES`].
fn decode_data_url(url: &str) -> Result<Vec<u8>, InlineProblem> {
    let (head, data) =
        url.split_once(',').ok_or(InlineProblem::Malformed("it has no comma before the data"))?;
    if !head.to_ascii_lowercase().ends_with(";base64") {
        return Err(InlineProblem::Malformed("only base64 data (`;base64,`) is read"));
    }
    // YAML may fold a long value over lines; base64 ignores the breaks.
    let data: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    // Four base64 characters carry three bytes.
    if (data.len() as u64 / 4) * 3 > MAX_PHOTO_BYTES {
        return Err(InlineProblem::TooLarge);
    }
    base64::engine::general_purpose::STANDARD
        .decode(data.as_bytes())
        .map_err(|_| InlineProblem::Malformed("its data is not valid base64"))
}

/// What is wrong with an image's contents.
#[derive(Debug, PartialEq)]
enum Problem {
    /// Its header declares more pixels than the limits allow (width, height).
    TooBig(u64, u64),
    /// It does not decode; the reason in vitae's words.
    Corrupt(&'static str),
}

/// Checks a size read from a header against the limits; returns it in pixels.
fn check_size(width: u64, height: u64) -> Result<(u32, u32), Problem> {
    let side = u64::from(MAX_PHOTO_SIDE);
    if width == 0 || height == 0 {
        return Err(Problem::Corrupt("its header gives it no pixels"));
    }
    if width > side || height > side || width * height > MAX_PHOTO_PIXELS {
        return Err(Problem::TooBig(width, height));
    }
    // Within the side limit, so both fit in a u32.
    Ok((u32::try_from(width).unwrap_or(MAX_PHOTO_SIDE), u32::try_from(height).unwrap_or(MAX_PHOTO_SIDE)))
}

/// Reads a PNG's header, checks its size, then decodes it whole; returns its size in pixels.
fn check_png(data: &[u8]) -> Result<(u32, u32), Problem> {
    // The decoder may hold the decoded image and one row of work: bounded by the pixel limit at
    // 16 bits per channel and four channels.
    let limits = png::Limits { bytes: usize::try_from(MAX_PHOTO_PIXELS * 8).unwrap_or(usize::MAX) };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(data), limits);
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(|_| Problem::Corrupt("its PNG header cannot be read"))?;
    let info = reader.info();
    let dims = check_size(u64::from(info.width), u64::from(info.height))?;
    let size = reader.output_buffer_size().ok_or(Problem::Corrupt("its size cannot be worked out"))?;
    let mut pixels = vec![0; size];
    reader
        .next_frame(&mut pixels)
        .map_err(|_| Problem::Corrupt("its image data ends early or is corrupt"))?;
    Ok(dims)
}

/// Reads a JPEG's header, checks its size, then decodes it whole in strict mode (so that a
/// file cut short is an error, not grey rows); returns its size in pixels.
fn check_jpeg(data: &[u8]) -> Result<(u32, u32), Problem> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let side = usize::try_from(MAX_PHOTO_SIDE).unwrap_or(usize::MAX);
    // The decoder's own limits are set wider than ours, so that our check words the refusal.
    let options =
        DecoderOptions::default().set_strict_mode(true).set_max_width(side * 4).set_max_height(side * 4);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), options);
    decoder.decode_headers().map_err(|_| Problem::Corrupt("its JPEG header cannot be read"))?;
    let info = decoder.info().ok_or(Problem::Corrupt("its JPEG header cannot be read"))?;
    let pixels = check_size(u64::from(info.width), u64::from(info.height))?;
    decoder.decode().map_err(|_| Problem::Corrupt("its image data ends early or is corrupt"))?;
    Ok(pixels)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid PNG of `w` × `h` grey pixels.
    fn png_of(w: u32, h: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&vec![128; (w * h) as usize]).expect("data");
        writer.finish().expect("finish");
        out
    }

    #[test]
    fn a_data_url_decodes_and_a_bad_one_says_why() {
        let png = png_of(2, 2);
        let url = format!("data:image/png;base64,{}", base64::engine::general_purpose::STANDARD.encode(&png));
        assert_eq!(decode_data_url(&url), Ok(png.clone()));
        let folded = format!("{}\n  {}", &url[..30], &url[30..]);
        assert_eq!(decode_data_url(&folded), Ok(png));
        assert!(matches!(decode_data_url("data:image/png;base64"), Err(InlineProblem::Malformed(_))));
        assert!(matches!(decode_data_url("data:image/png,%89PNG"), Err(InlineProblem::Malformed(_))));
        assert!(matches!(decode_data_url("data:image/png;base64,!!!!"), Err(InlineProblem::Malformed(_))));
        let huge = format!("data:image/png;base64,{}", "A".repeat((MAX_PHOTO_BYTES as usize / 3 + 2) * 4));
        assert_eq!(decode_data_url(&huge), Err(InlineProblem::TooLarge));
    }

    #[test]
    fn a_sound_png_passes() {
        assert_eq!(check_png(&png_of(40, 30)), Ok((40, 30)));
    }

    #[test]
    fn a_png_cut_short_is_corrupt() {
        let png = png_of(64, 64);
        let cut = &png[..png.len() - 30];
        assert!(matches!(check_png(cut), Err(Problem::Corrupt(_))));
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        // A 30000 × 30000 PNG header with no data: refused before any decoding.
        let mut png = png_of(1, 1);
        png[16..20].copy_from_slice(&30_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&30_000u32.to_be_bytes());
        // Fix the IHDR checksum so that only the size is wrong.
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(check_png(&png), Err(Problem::TooBig(30_000, 30_000)));
        assert_eq!(check_size(8_000, 3_125), Ok((8_000, 3_125)));
        assert_eq!(check_size(8_001, 10), Err(Problem::TooBig(8_001, 10)));
        assert_eq!(check_size(6_000, 5_000), Err(Problem::TooBig(6_000, 5_000)));
    }

    #[test]
    fn garbage_after_a_jpeg_magic_is_corrupt() {
        assert!(matches!(check_jpeg(b"\xFF\xD8\xFF\xE0garbage"), Err(Problem::Corrupt(_))));
    }

    /// The CRC-32 of PNG chunks (ISO 3309), bit by bit: test data only.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
