//! Cover letters: a profile's `letter:` block, or a letter file of its own whose `profile:`
//! names the profile it goes with, into a [`Letter`]. The sender is the profile's; the letter
//! gives the recipient, date, subject, salutation, body paragraphs (the profile's inline
//! markup), closing and an optional signature image (checked as the photo is). The text fields
//! are read as every profile text is (`super::text`), so whatever the profile's text accepts,
//! a letter accepts.

use std::path::{Path, PathBuf};

use serde_saphyr::Spanned;

use super::error::{ProfileError, Source};
use super::model::{Letter, Recipient, Rich, Signature, WrittenAt};
use super::raw::{MapOnly, RawLetter, RawRecipient, Text};
use super::{dates, photo, text, yaml};

/// The hint for a letter without a body.
const BODY_HINT: &str = "write the paragraphs under `body: |`, a blank line between two paragraphs";

/// Converts a profile's `letter:` block.
pub(crate) fn in_profile(src: &Source, raw: &Spanned<MapOnly<RawLetter>>) -> Result<Letter, ProfileError> {
    let MapOnly(letter) = &raw.value;
    if let Some(p) = &letter.profile {
        return Err(src
            .error(&p.referenced, "`profile:` names a letter file's profile; it has no place in `letter:`")
            .with_hint("leave it out: this letter goes with the profile it is written in"));
    }
    convert(src, letter, &raw.referenced, false)
}

/// Converts a letter's keys; `at` is where the letter starts (its `letter:` key, or the top of
/// a letter file), where a missing body is reported.
fn convert(
    src: &Source,
    raw: &RawLetter,
    at: &serde_saphyr::Location,
    own_file: bool,
) -> Result<Letter, ProfileError> {
    let body = text::paragraphs(src, raw.body.as_ref())?;
    if body.is_empty() {
        let error = match &raw.body {
            Some(b) => src.error(&b.referenced, "the letter's `body:` is empty"),
            None => src.error(at, "the letter has no `body:`"),
        };
        return Err(error.with_hint(BODY_HINT));
    }
    Ok(Letter {
        recipient: raw
            .recipient
            .as_ref()
            .map(|r| recipient(src, &r.value.0))
            .transpose()?
            .unwrap_or_default(),
        date: raw.date.as_ref().map(|d| dates::single(src, d)).transpose()?,
        subject: text::opt_rich(src, raw.subject.as_ref())?,
        salutation: text::opt_rich(src, raw.salutation.as_ref())?,
        body,
        closing: text::opt_rich(src, raw.closing.as_ref())?,
        signature: raw.signature.as_ref().map(|s| signature(src, s)).transpose()?,
        own_file,
        written_at: WrittenAt(Some(src.locate(at))),
    })
}

/// Converts the recipient: the address is one line per line written, blank lines dropped.
fn recipient(src: &Source, raw: &RawRecipient) -> Result<Recipient, ProfileError> {
    Ok(Recipient {
        name: text::opt_rich(src, raw.name.as_ref())?,
        organization: text::opt_rich(src, raw.organization.as_ref())?,
        address: raw.address.as_ref().map_or(Ok(Vec::new()), |a| address_lines(src, a))?,
    })
}

/// Splits an address into its lines, each parsed as a one-line field (markup errors are placed
/// at the value's start).
fn address_lines(src: &Source, address: &Text) -> Result<Vec<Rich>, ProfileError> {
    address
        .value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| text::rich(src, &Spanned::new(l.to_owned(), address.referenced, address.defined)))
        .collect()
}

/// Reads and checks the signature image, keeping its size in pixels for its aspect ratio.
fn signature(src: &Source, path: &Text) -> Result<Signature, ProfileError> {
    let (image, (width, height)) = photo::check_image(src, path, "signature")?;
    Ok(Signature { image, width, height })
}

/// A letter file read: the letter, and the profile it names with where it names it.
#[derive(Debug)]
pub struct LetterFile {
    /// The letter, its signature read relative to the letter file's folder.
    pub letter: Letter,
    /// The profile's path, relative paths resolved from the letter file's folder.
    pub profile: PathBuf,
    /// The `profile:` line, for errors about the profile file as a whole.
    at: (String, usize, usize, String),
}

impl LetterFile {
    /// Places an error about the profile file as a whole (it cannot be read, it is itself a
    /// letter file) at the letter file's `profile:` line; an error inside the profile stays
    /// placed in the profile.
    pub fn placed(&self, e: ProfileError) -> ProfileError {
        if e.line != 0 || e.file != self.profile.display().to_string() {
            return e;
        }
        let (file, line, column, text) = &self.at;
        let message = format!("`profile: {}`: {}", self.profile.display(), e.message);
        let placed = ProfileError::new(file, message).at(*line, *column, text);
        match e.hint {
            Some(hint) => placed.with_hint(hint),
            None => placed,
        }
    }
}

/// Whether YAML text is a letter file: a `profile:` key at its top level.
pub fn is_letter_file(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':'))
        .any(|(key, _)| key.trim_end().trim_matches(['"', '\'']) == "profile")
}

/// Parses the text of the letter file at `path` (already read): its letter, and the profile
/// it names.
///
/// # Errors
///
/// A [`ProfileError`] at the offending line when the file does not parse as a letter, names no
/// profile, or its letter is invalid (see `docs/tailoring.md`).
pub fn parse_letter_file(source: &str, path: &Path) -> Result<LetterFile, ProfileError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let file = path.display().to_string();
    let src = Source { text: source, file: &file, dir };
    let raw: RawLetter = yaml::read_map(&src)?;
    let Some(named) = raw.profile.as_ref().filter(|p| !p.value.trim().is_empty()) else {
        return Err(ProfileError::new(&file, "a letter file must name its profile")
            .with_hint("add `profile: cv.yaml`, the résumé the letter goes with"));
    };
    // The whole file is the letter: a missing body is the file's problem, at no one line.
    let letter = convert(&src, &raw, &serde_saphyr::Location::UNKNOWN, true)?;
    let written = Path::new(named.value.trim());
    let profile = if written.is_absolute() { written.to_path_buf() } else { dir.join(written) };
    let place = src.locate(&named.referenced);
    let line_text = src.line(place.line).to_owned();
    Ok(LetterFile { letter, profile, at: (file.clone(), place.line, place.column, line_text) })
}
