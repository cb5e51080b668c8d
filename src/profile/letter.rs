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
use super::raw::{MapOnly, Plain, RawLetter, RawRecipient, Text};
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
        .map(|l| text::rich(src, &Text::new(l.to_owned(), address.referenced, address.defined)))
        .collect()
}

/// Reads and checks the signature image, keeping its size in pixels for its aspect ratio.
fn signature(src: &Source, path: &Plain) -> Result<Signature, ProfileError> {
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
    let src = Source { text: source, file: &file, files: super::Files::Disk(dir) };
    let mut raw: RawLetter = yaml::read_map(&src)?;
    super::lang::localize_letter(&src, &mut raw)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Date, Dates, parse};

    /// A profile with a letter block of the given keys (indented under `letter:`).
    fn with_letter(keys: &str) -> String {
        format!("name: Jane Doe\nletter:\n{keys}")
    }

    #[test]
    fn a_letter_block_reads_every_part() {
        let yaml = with_letter(
            "  recipient:\n    name: Ms Rivera\n    organization: Acme\n    address: |\n      5 Main St\n\n      Springfield\n  date: 2024-05-17\n  subject: The **role**\n  salutation: Dear Ms Rivera,\n  body: |\n    First *paragraph*\n    goes on.\n\n    Second.\n  closing: Kind regards,\n",
        );
        let letter = parse(&yaml, "cv.yaml").unwrap().letter.expect("a letter");
        let plain = |r: &Option<Rich>| r.as_ref().map(Rich::to_plain);
        assert_eq!(plain(&letter.recipient.name).as_deref(), Some("Ms Rivera"));
        assert_eq!(plain(&letter.recipient.organization).as_deref(), Some("Acme"));
        let address: Vec<String> = letter.recipient.address.iter().map(Rich::to_plain).collect();
        assert_eq!(address, ["5 Main St", "Springfield"], "one line each, blank lines dropped");
        assert_eq!(letter.date, Some(Dates::Single(Date { year: 2024, month: Some(5), day: Some(17) })));
        assert_eq!(plain(&letter.subject).as_deref(), Some("The role"));
        assert!(letter.subject.as_ref().unwrap().spans.iter().any(|s| s.style.bold), "markup is parsed");
        let body: Vec<String> = letter.body.iter().map(Rich::to_plain).collect();
        assert_eq!(body, ["First paragraph goes on.", "Second."]);
        assert_eq!(plain(&letter.closing).as_deref(), Some("Kind regards,"));
        assert!(!letter.own_file && letter.signature.is_none());
        assert_eq!(letter.written_at.0.as_ref().map(|l| l.line), Some(3));
    }

    #[test]
    fn a_date_may_be_text_and_the_rest_is_optional() {
        let yaml = with_letter("  date: Berlin, im Mai 2024\n  body: Hello.\n");
        let letter = parse(&yaml, "cv.yaml").unwrap().letter.unwrap();
        assert_eq!(letter.date, Some(Dates::Text("Berlin, im Mai 2024".into())));
        assert_eq!(letter.recipient, Recipient::default());
        assert!(letter.subject.is_none() && letter.salutation.is_none() && letter.closing.is_none());
    }

    /// Returns the error a profile with this letter gives, as `file:line:col: message`, with its
    /// hint.
    fn error(keys: &str) -> (String, Option<String>) {
        let e = parse(&with_letter(keys), "cv.yaml").unwrap_err();
        (e.to_string(), e.hint)
    }

    #[test]
    fn a_letter_without_a_body_is_an_error_at_the_letter() {
        let (message, hint) = error("  subject: Hi\n");
        assert_eq!(message, "cv.yaml:3:3: the letter has no `body:`");
        assert_eq!(hint.as_deref(), Some(BODY_HINT));
        let (message, _) = error("  body: \"  \"\n");
        assert_eq!(message, "cv.yaml:3:9: the letter's `body:` is empty");
    }

    #[test]
    fn bad_letter_input_is_located_with_a_hint() {
        let (message, hint) = error("  salutaion: Hi\n  body: Hello.\n");
        assert_eq!(message, "cv.yaml:3:3: unknown key `salutaion`");
        assert_eq!(hint.as_deref(), Some("did you mean `salutation`?"));
        let (message, _) = error("  date: 2024-02-30\n  body: Hello.\n");
        assert!(message.starts_with("cv.yaml:3:9: `2024-02-30` is not a real date"), "{message}");
        let (message, hint) = error("  body: See [me](javascript:alert)\n");
        assert!(message.starts_with("cv.yaml:3:"), "{message}");
        assert!(hint.is_some(), "{message}");
        let (message, _) = error("  recipient:\n    nmae: Ms Rivera\n  body: Hello.\n");
        assert_eq!(message, "cv.yaml:4:5: unknown key `nmae`");
        let (message, _) = error("  recipient: Ms Rivera\n  body: Hello.\n");
        assert!(message.starts_with("cv.yaml:3:14: expected a recipient"), "{message}");
    }

    #[test]
    fn a_profile_key_inside_a_letter_block_is_refused() {
        let (message, hint) = error("  profile: cv.yaml\n  body: Hello.\n");
        assert!(message.starts_with("cv.yaml:3:12: `profile:` names a letter file's profile"), "{message}");
        assert!(hint.unwrap().contains("leave it out"));
    }

    #[test]
    fn a_missing_signature_is_an_error_at_its_line_naming_the_signature() {
        let (message, _) = error("  body: Hello.\n  signature: no-such-file.png\n");
        assert!(
            message.starts_with("cv.yaml:4:14: cannot read the signature `no-such-file.png`"),
            "{message}"
        );
    }

    #[test]
    fn letter_files_are_told_by_a_top_level_profile_key() {
        assert!(is_letter_file("# a letter\nprofile: cv.yaml\nbody: Hi\n"));
        assert!(is_letter_file("\"profile\": cv.yaml\n"));
        assert!(!is_letter_file("name: Jane\nsections:\n  - title: profile\n"));
        assert!(!is_letter_file("name: Jane\nletter:\n  profile: cv.yaml\n"));
        assert!(!is_letter_file("profiles: x\n"));
    }

    #[test]
    fn a_letter_file_names_its_profile_relative_to_itself() {
        let path = Path::new("letters/acme.yaml");
        let file = parse_letter_file("profile: ../cv.yaml\nbody: Hello.\n", path).unwrap();
        assert_eq!(file.profile, Path::new("letters/../cv.yaml"));
        assert!(file.letter.own_file);
        let e = parse_letter_file("profile: \"\"\nbody: Hello.\n", path).unwrap_err();
        assert_eq!(e.to_string(), "letters/acme.yaml: a letter file must name its profile");
        let e = parse_letter_file("profile: cv.yaml\n", path).unwrap_err();
        assert_eq!(e.to_string(), "letters/acme.yaml: the letter has no `body:`");
        let e = parse_letter_file("profile: cv.yaml\nname: Jane\nbody: Hi\n", path).unwrap_err();
        assert_eq!(e.to_string(), "letters/acme.yaml:2:1: unknown key `name`");
    }

    #[test]
    fn an_unreadable_profile_is_placed_at_the_profile_line() {
        let file = parse_letter_file("body: Hello.\nprofile: cv.yaml\n", Path::new("l.yaml")).unwrap();
        let placed = file.placed(ProfileError::new("cv.yaml", "cannot read the file: not found"));
        assert_eq!(placed.to_string(), "l.yaml:2:10: `profile: cv.yaml`: cannot read the file: not found");
        // An error inside the profile stays where it is.
        let inside = ProfileError::new("cv.yaml", "bad").at(3, 1, "x");
        assert_eq!(file.placed(inside.clone()), inside);
    }
}
