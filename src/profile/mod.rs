//! The profile stage: a YAML file (format in `docs/profile.md`) in, a validated [`Profile`] out,
//! or a [`ProfileError`] that names the file, line and column and suggests a fix.
//!
//! The pipeline: read the bytes (size limit, UTF-8) → deserialize into private raw structs
//! (`raw`, with positions) → convert them into the model, checking kinds, dates, links and
//! contacts on the way.
//!
//! The text here is the user's: no code below may slice or index it in a way that can panic
//! (`crate::strings::slice` and `get` instead), and the lints hold every change to that.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing))]

mod contact;
mod dates;
mod entry;
mod error;
mod lang;
mod letter;
pub(crate) mod markup;
mod meta;
mod model;
mod photo;
pub mod priority;
mod raw;
mod select;
pub(crate) mod suggest;
mod tailor;
mod text;
mod yaml;

#[cfg(test)]
mod lang_tests;
#[cfg(test)]
mod tailor_tests;
#[cfg(test)]
mod tests;

use std::path::Path;

pub use dates::parse_date;
pub use error::ProfileError;
pub use letter::{LetterFile, is_letter_file, parse_letter_file};
pub use markup::{LINK_SCHEMES, is_link_scheme, parse_inline};
pub use model::*;
pub use select::{SelectError, Selection, Variant, tags_of};

use error::Source;
use raw::{ListOf, RawProfile};
use serde_saphyr::Spanned;

/// The largest profile accepted, in bytes ([`crate::limits::MAX_PROFILE_BYTES`]).
pub const MAX_FILE_BYTES: usize = crate::limits::MAX_PROFILE_BYTES as usize;

/// Choices made when a profile is loaded, over what the file says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// The language to read the profile in (`--lang de`): one of those its `languages:` offers
    /// (compared without case). `None` means its default language (`lang:`, else the first
    /// of `languages:`, else the language its text is written in).
    pub lang: Option<String>,
}

/// Where the files a profile names (its photo) may be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Files<'a> {
    /// From the file system, relative to this folder: a profile read from a file.
    Disk(&'a Path),
    /// Never from the file system: a photo only as a `data:` URL inside the text. For a
    /// service (`vitae serve`), whose requests must not read the server's files; a profile that
    /// names a photo file is refused at its `photo:` line.
    Sealed,
}

/// Loads a profile from a file in vitae's own format (for any format, see
/// [`crate::load_profile`]).
///
/// # Errors
///
/// A [`ProfileError`] when the file cannot be read (see [`read_source`]) or does not parse
/// (see [`parse`]).
pub fn load(path: &Path) -> Result<Profile, ProfileError> {
    parse_file(&read_source(path)?, path, &LoadOptions::default())
}

/// Reads a profile file's text: the one reader of every input format, so that a render reads
/// the file once and every format fails with the same messages. Regular files only, at most
/// [`MAX_FILE_BYTES`], UTF-8 (a byte-order mark dropped).
///
/// # Errors
///
/// A [`ProfileError`] when the file cannot be read, is larger than [`MAX_FILE_BYTES`], or is
/// not UTF-8 (placed at the line and column of the first bad byte).
pub fn read_source(path: &Path) -> Result<String, ProfileError> {
    let name = path.display().to_string();
    let bytes = crate::files::read(path, crate::limits::MAX_PROFILE_BYTES).map_err(|e| match e {
        crate::files::ReadError::TooLarge { .. } => too_large(&name),
        e => ProfileError::new(&name, format!("cannot read the file: {e}")),
    })?;
    decode(&bytes, &name).map(str::to_owned)
}

/// Parses a profile from YAML text; `file` is the name used in messages.
///
/// # Errors
///
/// A [`ProfileError`] with the line, column and usually a hint when the text is empty, too large
/// or not valid YAML, has unknown or misplaced keys or values of the wrong type, or holds an
/// impossible date, a forbidden link or a malformed contact.
pub fn parse(source: &str, file: &str) -> Result<Profile, ProfileError> {
    parse_with(source, file, &LoadOptions::default())
}

/// Parses a profile from YAML text in the language `options` choose; a photo or layout file it
/// names is read relative to the current folder.
///
/// # Errors
///
/// As [`parse`]; also when `options.lang` is a language the profile does not offer.
pub fn parse_with(source: &str, file: &str, options: &LoadOptions) -> Result<Profile, ProfileError> {
    parse_from(source, file, Files::Disk(Path::new(".")), options)
}

/// Parses a profile from YAML text in the language `options` choose, reading the files it names
/// only as `files` allows; `file` is the name used in messages.
///
/// # Errors
///
/// As [`parse_with`]; with [`Files::Sealed`], also a photo that names a file.
pub fn parse_from(
    source: &str,
    file: &str,
    files: Files,
    options: &LoadOptions,
) -> Result<Profile, ProfileError> {
    parse_in(source, file, files, options)
}

/// Parses the text of the profile file at `path` (already read): messages name the file, and a
/// photo is found relative to its folder.
pub(crate) fn parse_file(source: &str, path: &Path, options: &LoadOptions) -> Result<Profile, ProfileError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    parse_in(source, &path.display().to_string(), Files::Disk(dir), options)
}

/// Parses a profile whose files (a photo) are read as `files` says, in the chosen language. A
/// profile in several languages is converted in each of the others too (their warnings
/// dropped), so that whatever `--lang` a render asks for, `check` has seen its errors.
fn parse_in(source: &str, file: &str, files: Files, options: &LoadOptions) -> Result<Profile, ProfileError> {
    check_size(source.len(), file)?;
    let src = Source { text: source, file, files };
    let raw = yaml::read(&src)?;
    let langs = lang::Languages::declared(&src, raw.lang.as_ref(), raw.languages.as_ref())?;
    let chosen = langs.choose(&src, options.lang.as_deref())?;
    let others: Vec<&String> = langs.offered.iter().filter(|o| Some(*o) != chosen.as_ref()).collect();
    // A conversion consumes its raw profile: each other language converts a copy, made before the
    // chosen one consumes the original, rather than a second parse of the text. The photo is the
    // same in every language: read and checked once, in the chosen one.
    let copies: Vec<RawProfile> = others.iter().map(|_| RawProfile { photo: None, ..raw.clone() }).collect();
    let profile = convert_in(&src, raw, &langs, chosen.clone())?;
    if let (None, Some(requested)) = (&chosen, &options.lang)
        && !requested.trim().eq_ignore_ascii_case(&profile.lang)
    {
        return Err(lang::not_inferred(&src, requested.trim(), &profile.lang));
    }
    for (other, raw) in others.into_iter().zip(copies) {
        convert_in(&src, raw, &langs, Some(other.clone()))?;
    }
    Ok(Profile { source: Some(source.to_owned()), ..profile })
}

/// Converts the raw profile in one language: its texts settled on that language, then the
/// conversion; the fallback warnings become the profile's notes.
fn convert_in(
    src: &Source,
    mut raw: RawProfile,
    langs: &lang::Languages,
    chosen: Option<String>,
) -> Result<Profile, ProfileError> {
    let notes = lang::localize(src, &mut raw, langs, chosen.as_deref())?;
    let mut profile = convert(src, raw)?;
    profile.lang = meta::lang(chosen, &profile);
    profile.languages = match langs.offered.is_empty() {
        true => vec![profile.lang.clone()],
        false => langs.offered.clone(),
    };
    profile.notes = notes;
    Ok(profile)
}

/// Rejects text over the size limit.
fn check_size(len: usize, file: &str) -> Result<(), ProfileError> {
    if len <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(too_large(file))
}

/// The error for a profile over the size limit (the whole file is the problem).
fn too_large(file: &str) -> ProfileError {
    let limit = crate::files::size(crate::limits::MAX_PROFILE_BYTES);
    ProfileError::new(file, format!("the file as a whole is larger than the limit of {limit} for a profile"))
        .with_hint("a résumé profile is a few kilobytes; is this the right file?")
}

/// Decodes UTF-8 (dropping a byte-order mark), or points at the first invalid byte.
fn decode<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, ProfileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| invalid_utf8(bytes, e.valid_up_to(), file))
}

/// The error for invalid UTF-8 at byte `at`: the line and column of that byte.
fn invalid_utf8(bytes: &[u8], at: usize, file: &str) -> ProfileError {
    let (head, tail) = bytes.split_at(at.min(bytes.len()));
    let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = head.iter().filter(|&&b| b == b'\n').count() + 1;
    let before = String::from_utf8_lossy(head.get(line_start..).unwrap_or_default()).chars().count();
    let line_end = tail.iter().position(|&b| b == b'\n').unwrap_or(tail.len());
    let text = String::from_utf8_lossy(head.get(line_start..).unwrap_or_default()).into_owned()
        + &String::from_utf8_lossy(tail.get(..line_end).unwrap_or_default());
    let message = format!("the file is not valid UTF-8 (byte 0x{:02X})", tail.first().copied().unwrap_or(0));
    ProfileError::new(file, message).at(line, before + 1, &text).with_hint("save the profile as UTF-8")
}

/// Converts the raw profile, its texts settled on one language, into the model, checking
/// everything the parser could not. The language is left for [`convert_in`] to set.
fn convert(src: &Source, raw: RawProfile) -> Result<Profile, ProfileError> {
    let sections = match raw.sections {
        Some(ListOf(sections)) => entry::sections(src, &sections)?,
        None => Vec::new(),
    };
    let variants = tailor::variants(src, raw.variants, &sections)?;
    Ok(Profile {
        name: text::opt_rich(src, raw.name.as_ref())?,
        headline: text::opt_rich(src, raw.headline.as_ref())?,
        location: text::opt_rich(src, raw.location.as_ref())?,
        contacts: contact::contacts(src, raw.contacts.as_ref().map_or(&[], |ListOf(c)| c))?,
        summary: text::paragraphs(src, raw.summary.as_ref())?,
        lang: String::new(),
        languages: Vec::new(),
        hyphenation: meta::hyphenation(src, raw.hyphenation.as_ref())?,
        keywords: meta::keywords(raw.keywords, &sections),
        sections,
        layout_at: WrittenAt(raw.layout.as_ref().map(|l| src.locate(&l.referenced))),
        layout: raw.layout.map(|l| layout_path(l.value.trim(), src.files)),
        pages: pages(src, raw.pages.as_ref())?,
        updated: updated(src, raw.updated.as_ref())?,
        photo: raw.photo.as_ref().map(|p| photo::check(src, p)).transpose()?,
        design: raw.design.map(|d| design(src, d)),
        standard: standard(src, raw.standard.as_ref())?,
        embed_source: raw.embed_source.map(|e| e.value),
        letter: raw.letter.as_ref().map(|l| letter::in_profile(src, l)).transpose()?,
        source: None,
        notes: Vec::new(),
        variants,
    })
}

/// Checks `standard`: a list such as `a-2b,ua-1` (see [`crate::pdf::Standards`]).
fn standard(src: &Source, text: Option<&raw::Plain>) -> Result<Option<crate::pdf::Standards>, ProfileError> {
    let Some(t) = text else { return Ok(None) };
    t.value.parse().map(Some).map_err(|e: crate::pdf::StandardError| {
        src.error(&t.referenced, e.to_string())
            .with_hint("write one PDF/A level and/or ua-1, e.g. `standard: a-2b,ua-1`, or `standard: none`")
    })
}

/// Returns a profile's `layout:`: a bundled layout's name as written, a layout file's relative
/// path resolved from the profile's folder (as a photo's is), so that the profile renders the
/// same from any working folder. A sealed profile's is kept as written (only bundled layouts
/// can serve it; see `docs/deploy.md`).
fn layout_path(layout: &str, files: Files) -> String {
    let Files::Disk(dir) = files else { return layout.to_owned() };
    let is_path = layout.contains(['/', '\\', '.']);
    if !is_path || Path::new(layout).is_absolute() || dir == Path::new(".") || dir.as_os_str().is_empty() {
        return layout.to_owned();
    }
    dir.join(layout).display().to_string()
}

/// Checks `pages`: a positive whole number.
fn pages(src: &Source, pages: Option<&Spanned<u32>>) -> Result<Option<usize>, ProfileError> {
    let Some(p) = pages else { return Ok(None) };
    if p.value == 0 {
        return Err(src
            .error(&p.referenced, "`pages` must be at least 1")
            .with_hint("write `pages: 1` for a one-page résumé"));
    }
    Ok(Some(p.value as usize))
}

/// Checks `updated`: a date (`2024-05` or `2024-05-17`).
fn updated(src: &Source, text: Option<&raw::Plain>) -> Result<Option<Date>, ProfileError> {
    let Some(t) = text else { return Ok(None) };
    match parse_date(t.value.trim()) {
        Ok(Some(d)) => Ok(Some(d)),
        Ok(None) => Err(src
            .error(&t.referenced, format!("`{}` is not a date", t.value.trim()))
            .with_hint("write the date as YYYY, YYYY-MM or YYYY-MM-DD")),
        Err(e) => Err(src.error(&t.referenced, e)),
    }
}

/// Keeps the `design:` block with what is needed to point at a bad option later.
fn design(src: &Source, d: Spanned<serde_json::Value>) -> Design {
    let line = d.referenced.line() as usize;
    let lines = src.text.lines().skip(line.saturating_sub(1)).map(str::to_owned).collect();
    Design { value: d.value, file: src.file.to_owned(), line, lines }
}
