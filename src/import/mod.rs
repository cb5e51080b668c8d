//! Reading résumés kept in other formats: JSON Resume (as JSON or YAML), RenderCV's YAML,
//! YAMLResume and Markdown. Each is converted into a profile in vitae's own YAML format, which vitae's loader
//! then reads, so that rendering such a file directly and rendering the output of
//! `vitae import` give the same [`Profile`].
//!
//! The pipeline: read the file → tell the format (extension, then the top-level keys) → read
//! it into a positioned tree (`tree`; Markdown is cut into blocks by `markdown::blocks`) →
//! convert it (`jsonresume`, `rendercv` with its `design`, `yamlresume`, `custom`; the
//! `markdown` folder with its `source`, `header`, `dates`, `entry`, `contacts` and `spans`)
//! into an output tree, checking dates, links and contacts with positions in the original file
//! (`common`; `markup` escapes text and builds links in vitae's inline markup) → write YAML
//! (`yaml_out`) → load it with [`crate::profile::parse`]. What a converter cannot carry over
//! becomes a [`Note`], written as a comment into the YAML.
//!
//! The text here is a stranger's: no code below may slice or index it in a way that can panic
//! (`crate::strings::slice` and `get` instead), and the lints hold every change to that.
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing))]

mod common;
mod custom;
mod jsonresume;
mod markdown;
mod markup;
/// Unstable: reads the profile source a vitae PDF carries, public only for vitae's own tests.
#[doc(hidden)]
pub mod pdf;
mod rendercv;

mod tree;
mod yaml_out;
mod yamlresume;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diag::{Location, Warning, WarningKind};
use crate::profile::{self, LoadOptions, Profile, ProfileError};

pub use rendercv::RenderCvLocale;

pub(crate) use common::Ctx;

/// The formats vitae reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// vitae's own YAML profile.
    Vitae,
    /// JSON Resume, written as JSON or YAML.
    JsonResume,
    /// RenderCV's YAML input (`cv:` with `sections:`).
    RenderCv,
    /// YAMLResume's YAML input (`content:`, `locale:`, `layouts:`).
    YamlResume,
    /// A résumé in Markdown (or plain text).
    Markdown,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Vitae => "vitae profile",
            Format::JsonResume => "JSON Resume",
            Format::RenderCv => "RenderCV",
            Format::YamlResume => "YAMLResume",
            Format::Markdown => "Markdown",
        })
    }
}

/// Options for reading a file in another format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Whether a key the format does not define is an error (by default it is noted and left
    /// out, as the JSON Resume schema allows extra keys).
    pub strict: bool,
    /// The format, when it should not be guessed from the file name and contents.
    pub format: Option<Format>,
}

/// What a conversion could not carry over, or noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The 1-based line in the original file (0 when it concerns the whole file).
    pub line: usize,
    /// The 1-based column in characters (0 when unknown).
    pub column: usize,
    /// What kind of note this is.
    pub kind: NoteKind,
    /// What happened, in one sentence.
    pub message: String,
}

/// The kinds of [`Note`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteKind {
    /// A key the format does not define; listed by `--strict`.
    UnknownKey,
    /// Something known that vitae has no place for, left out or changed.
    Dropped,
}

impl Note {
    /// Turns the note into the render-time warning that names it, placed in `file`.
    pub(crate) fn to_warning(&self, file: &str) -> Warning {
        let kind = match self.kind {
            NoteKind::UnknownKey => WarningKind::UnknownKey,
            NoteKind::Dropped => WarningKind::NotRendered,
        };
        let at = Location { file: file.to_owned(), line: self.line, column: self.column };
        Warning::at(kind, at, self.message.clone())
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.message),
            (line, 0) => write!(f, "line {line}: {}", self.message),
            (line, column) => write!(f, "{line}:{column}: {}", self.message),
        }
    }
}

/// A file converted into vitae's format.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The format read.
    pub format: Format,
    /// The profile in vitae's YAML format, with comments on what was left out.
    pub yaml: String,
    /// What could not be carried over.
    pub notes: Vec<Note>,
    /// The bundled layout closest to the input's design, when the input names one.
    pub layout: Option<&'static str>,
    /// Month names and the word for "present" from a RenderCV `locale`, which profiles have no
    /// place for yet.
    pub locale: Option<RenderCvLocale>,
}

/// Loads a profile in any supported format: vitae's own, JSON Resume (`.json`, or YAML with
/// `basics:` or `work:`) or RenderCV (YAML with `cv:`). Unknown keys are left out quietly.
///
/// # Errors
///
/// A [`ProfileError`] naming the file, line and column: unreadable files, invalid JSON or YAML,
/// impossible dates, or (for vitae profiles) anything [`profile::load`] rejects.
pub fn load_any(path: &Path) -> Result<Profile, ProfileError> {
    load_with(path, &ImportOptions::default())
}

/// Loads a profile in any supported format with options (see [`load_any`]).
///
/// # Errors
///
/// As [`load_any`]; with `strict`, also the first key the format does not define.
pub fn load_with(path: &Path, options: &ImportOptions) -> Result<Profile, ProfileError> {
    load_in(path, options, &LoadOptions::default())
}

/// Loads a profile in any supported format with options, in the language `load` chooses (see
/// [`LoadOptions`]; a converted file offers the one language it is written in).
///
/// # Errors
///
/// As [`load_with`]; also when `load.lang` is a language the profile does not offer.
pub fn load_in(path: &Path, options: &ImportOptions, load: &LoadOptions) -> Result<Profile, ProfileError> {
    let text = profile::read_source(path)?;
    let (format, letter) = format_and_letter(path, &text, options.format);
    if letter {
        return load_letter_file(&text, path, options, load);
    }
    load_read(&text, path, format, options, load)
}

/// Loads a letter file (`profile: cv.yaml` and a letter's keys): the profile it names, in any
/// format, carrying this letter. A profile's own `letter:` gives way to the file's, with a note
/// saying so; a profile that is itself a letter file is refused (a letter names a résumé).
fn load_letter_file(
    text: &str,
    path: &Path,
    options: &ImportOptions,
    load: &LoadOptions,
) -> Result<Profile, ProfileError> {
    let file = profile::parse_letter_file(text, path)?;
    let refuse = |e| file.placed(e);
    let profile_text = profile::read_source(&file.profile).map_err(refuse)?;
    let format = options.format.unwrap_or_else(|| detect(&file.profile, &profile_text));
    if format == Format::Vitae && profile::is_letter_file(&profile_text) {
        let name = file.profile.display().to_string();
        return Err(refuse(
            ProfileError::new(&name, "this is a letter file too, not a profile")
                .with_hint("name the résumé's profile, the file with `name:` and `sections:`"),
        ));
    }
    let mut profile = load_read(&profile_text, &file.profile, format, options, load)?;
    if let Some(own) = &profile.letter {
        let message =
            format!("this `letter:` is not rendered: the letter file {} replaces it", path.display());
        let at = own.written_at.0.clone();
        profile.notes.push(crate::Warning { kind: crate::WarningKind::NotRendered, at, message });
    }
    profile.letter = Some(file.letter);
    Ok(profile)
}

/// Loads a profile from its text, already read, in a known format.
fn load_read(
    text: &str,
    path: &Path,
    format: Format,
    options: &ImportOptions,
    load: &LoadOptions,
) -> Result<Profile, ProfileError> {
    if format == Format::Vitae {
        // The text already read: a profile is read from disk once per render.
        return profile::parse_file(text, path, load);
    }
    let name = path.display().to_string();
    let files = profile::Files::Disk(Path::new("."));
    let profile = load_foreign(text, &name, format, &place(path, None), files, options)?;
    if let Some(lang) = load.lang.as_deref().filter(|l| !l.trim().eq_ignore_ascii_case(&profile.lang)) {
        return Err(ProfileError::new(&name, format!("the {format} file has no `{}` texts: it is in `{}`", lang.trim(), profile.lang))
            .with_hint("leave out --lang; a profile in several languages is written in vitae's own format (docs/tailoring.md)"));
    }
    Ok(profile)
}

/// Converts text in another format and loads the result, reading the files it names as `files`
/// allows: the conversion's notes become the profile's warnings, placed in the original file.
fn load_foreign(
    text: &str,
    name: &str,
    format: Format,
    place: &Place,
    files: profile::Files,
    options: &ImportOptions,
) -> Result<Profile, ProfileError> {
    let conversion = convert_text(text, name, format, place, options)?;
    let mut profile = finish_load(&conversion, name, files)?;
    // A position in the converted YAML would point into a file the user never wrote.
    profile.layout_at = profile::WrittenAt::default();
    profile.notes = conversion.notes.iter().map(|n| n.to_warning(name)).collect();
    Ok(profile)
}

/// Converts a file in another format into a vitae profile (YAML). `out` is where the YAML will
/// be written, so that a photo's path can be given relative to it.
///
/// # Errors
///
/// As [`load_with`]; also when the file already is a vitae profile.
pub fn convert(path: &Path, out: Option<&Path>, options: &ImportOptions) -> Result<Conversion, ProfileError> {
    if pdf::is_pdf(path) {
        return pdf::convert(path);
    }
    let text = profile::read_source(path)?;
    let name = path.display().to_string();
    let format = options.format.unwrap_or_else(|| detect(path, &text));
    if format == Format::Vitae {
        return Err(ProfileError::new(&name, "this is already a vitae profile; there is nothing to import")
            .with_hint("render it with `vitae render`, or check it with `vitae check`"));
    }
    let conversion = convert_text(&text, &name, format, &place(path, out), options)?;
    finish_load(&conversion, &name, profile::Files::Disk(Path::new(".")))?;
    Ok(conversion)
}

/// Converts text in another format into a vitae profile (YAML) without touching the file
/// system: the entry point of the fuzz targets in `fuzz/`, which check that whatever the
/// importers emit, [`profile::parse`] accepts. `file` names the text in messages; photos are
/// looked up relative to the current folder.
///
/// # Errors
///
/// As [`convert`], for the text's own problems (invalid JSON or YAML, impossible dates).
#[doc(hidden)]
pub fn convert_str(text: &str, file: &str, format: Format) -> Result<Conversion, ProfileError> {
    let place = Place { input_dir: PathBuf::from("."), output_dir: None, sealed: false };
    convert_text(text, file, format, &place, &ImportOptions::default())
}

/// Loads a profile in any supported format from text, reading no file: the format from
/// `options`, else told from `file`'s extension and the text's keys as [`load_with`] tells it;
/// a photo only as a `data:` URL ([`profile::Files::Sealed`]). The entry of `vitae serve`, whose
/// requests carry the whole profile. `file` names the text in messages; for a foreign format it
/// is also written into the conversion's header comment, which the PDF carries (as it is for a
/// file of that name on disk, so that both give the same PDF).
///
/// # Errors
///
/// As [`load_with`]; also a photo that names a file instead of carrying its data.
pub fn load_text(text: &str, file: &str, options: &ImportOptions) -> Result<Profile, ProfileError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = options.format.unwrap_or_else(|| detect(Path::new(file), text));
    if format == Format::Vitae {
        return profile::parse_from(text, file, profile::Files::Sealed, &LoadOptions::default());
    }
    let place = Place { input_dir: PathBuf::from("."), output_dir: None, sealed: true };
    load_foreign(text, file, format, &place, profile::Files::Sealed, options)
}

/// Where a conversion reads from and writes to, for photos.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// The folder of the input file.
    pub input_dir: PathBuf,
    /// The folder the YAML will be written to, or `None` when it is only loaded.
    pub output_dir: Option<PathBuf>,
    /// Whether no file may be read: a photo must come as a `data:` URL ([`load_text`]).
    pub sealed: bool,
}

/// Returns the place of a conversion.
fn place(input: &Path, out: Option<&Path>) -> Place {
    let dir =
        |p: &Path| p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_owned();
    Place { input_dir: dir(input), output_dir: out.map(dir), sealed: false }
}

/// Converts text in a given format.
fn convert_text(
    text: &str,
    file: &str,
    format: Format,
    place: &Place,
    options: &ImportOptions,
) -> Result<Conversion, ProfileError> {
    let src = Src { text, file };
    let mut ctx = Ctx::new(&src, place);
    let (root, layout, locale) = match format {
        Format::JsonResume => {
            ctx.loose_dates = true;
            (jsonresume::convert(&mut ctx, &read_tree(&src)?)?, None, None)
        }
        Format::RenderCv => {
            let converted = rendercv::convert(&mut ctx, &tree::read_yaml(&src)?)?;
            (converted.root, converted.layout, converted.locale)
        }
        Format::YamlResume => {
            let (root, layout) = yamlresume::convert(&mut ctx, &tree::read_yaml(&src)?)?;
            (root, layout, None)
        }
        Format::Markdown | Format::Vitae => (markdown::convert(&mut ctx), None, None),
    };
    if root.is_empty() {
        // Else the loader would call the empty result an importer bug ("the profile is empty").
        return Err(nothing_to_import(file, format));
    }
    let mut root = root;
    yaml_out::settle_entries(&mut root);
    if let Some(refused) = ctx.take_refusal() {
        return Err(refused);
    }
    let notes = ctx.into_notes();
    if options.strict {
        strict(&src, &notes)?;
    }
    let header = header(file, format, &notes);
    Ok(Conversion { format, yaml: yaml_out::emit(&header, &root), notes, layout, locale })
}

/// Reads a JSON Resume document: JSON when it looks like JSON, else YAML.
fn read_tree(src: &Src) -> Result<tree::Node, ProfileError> {
    if src.text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) {
        tree::read_json(src)
    } else {
        tree::read_yaml(src)
    }
}

/// Fails on the first unknown key, saying how many there are.
fn strict(src: &Src, notes: &[Note]) -> Result<(), ProfileError> {
    let unknown: Vec<&Note> = notes.iter().filter(|n| n.kind == NoteKind::UnknownKey).collect();
    let Some(first) = unknown.first() else { return Ok(()) };
    let error = src.error_at(first.line, first.column, first.message.clone());
    let hint = match unknown.len() {
        1 => "remove the key, or import without --strict to leave it out".to_owned(),
        n => format!("{} more unknown keys follow; import without --strict to leave them out", n - 1),
    };
    Err(error.with_hint(hint))
}

/// The comment lines at the top of a converted profile.
fn header(file: &str, format: Format, notes: &[Note]) -> Vec<String> {
    let name = Path::new(file).file_name().map_or(file.into(), |n| n.to_string_lossy());
    let mut lines = vec![
        format!("Converted from {name} ({format}) by `vitae import`."),
        "The format is described in vitae's docs/profile.md; `vitae schema` prints a JSON Schema of".into(),
        "it for editors (save it and add `# yaml-language-server: $schema=<path>` at the top).".into(),
    ];
    if !notes.is_empty() {
        lines.push(String::new());
        lines.push("Not carried over, or changed on the way:".into());
        lines.extend(notes.iter().map(|n| format!("  {n}")));
    }
    lines
}

/// Loads the converted YAML with vitae's loader. A failure here is a converter bug: the
/// converter checks dates and links itself, with positions in the original file. A photo in the
/// YAML is a path the converter found (from the current folder) or, `files` being sealed, a
/// `data:` URL.
fn finish_load(conversion: &Conversion, file: &str, files: profile::Files) -> Result<Profile, ProfileError> {
    let profile = profile::parse_from(&conversion.yaml, file, files, &LoadOptions::default()).map_err(|e| {
        let message = format!("the {} file converts into a profile vitae cannot load: {}", conversion.format, e.message);
        ProfileError::new(file, message).with_hint(format!(
            "this is a bug in vitae's importer; `vitae import {file} -o out.yaml` then `vitae check out.yaml` shows where"
        ))
    })?;
    if holds_nothing(&profile) {
        return Err(nothing_to_import(file, conversion.format));
    }
    Ok(profile)
}

/// The error for a file in which nothing makes a résumé: about the file as a whole, never "a bug
/// in the importer".
fn nothing_to_import(file: &str, format: Format) -> ProfileError {
    ProfileError::new(file, format!("the {format} file as a whole holds nothing that makes a résumé"))
        .with_hint(
            "it has no name, contact, summary or section entry vitae can read; is this the right file?",
        )
}

/// Whether a converted profile has nothing to print: no name, headline, contact, summary or
/// section entry (an empty file, or one of only comments and directives).
fn holds_nothing(p: &Profile) -> bool {
    p.name.is_none()
        && p.headline.is_none()
        && p.location.is_none()
        && p.contacts.is_empty()
        && p.summary.is_empty()
        && p.sections.iter().all(|s| s.entries.is_empty() && s.intro.is_none())
}

/// Tells the format of a file from its extension and, for YAML, its top-level keys: `cv:` is
/// RenderCV, `content:` YAMLResume, `basics:` or `work:` JSON Resume, anything else vitae's own
/// format.
pub fn detect(path: &Path, text: &str) -> Format {
    by_extension(path).unwrap_or_else(|| sniff_yaml(text))
}

/// The format a file's extension names, if it names one.
fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Format::JsonResume),
        "md" | "markdown" | "txt" | "text" => Some(Format::Markdown),
        _ => None,
    }
}

/// Returns a profile's format (`given`, else as [`detect`] tells it) and whether it is a
/// letter file (a vitae file for which [`profile::is_letter_file`] holds). Both look at the
/// top-level keys, so a YAML file whose format is sniffed has them read once for both, which
/// was half of telling its format.
fn format_and_letter(path: &Path, text: &str, given: Option<Format>) -> (Format, bool) {
    // The sniff skips a byte order mark and tells JSON by its `{`, which the letter check does
    // not: those files (rare) are read twice, as before.
    let sniffed = given.is_none()
        && by_extension(path).is_none()
        && !text.starts_with('\u{feff}')
        && !text.trim_start().starts_with('{');
    if !sniffed {
        let format = given.unwrap_or_else(|| detect(path, text));
        return (format, format == Format::Vitae && profile::is_letter_file(text));
    }
    let mut letter = false;
    for key in top_level_keys(text) {
        if let Some(format) = format_of_key(key) {
            return (format, false);
        }
        letter |= key == "profile";
    }
    (Format::Vitae, letter)
}

/// Tells a YAML file's format from the keys at its top level.
fn sniff_yaml(text: &str) -> Format {
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        return if text.contains("\"basics\"") || text.contains("\"work\"") {
            Format::JsonResume
        } else {
            Format::Vitae
        };
    }
    top_level_keys(text).find_map(format_of_key).unwrap_or(Format::Vitae)
}

/// The keys at the top level of YAML text, in order, unquoted, as `profile::is_letter_file`
/// reads them too. Only lines that start a top-level key are read: indented lines, comments and
/// list items (most of a file) are skipped before the key is cut out.
fn top_level_keys(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .filter(|l| !l.starts_with([' ', '\t', '#', '-']))
        .filter_map(|l| l.split_once(':'))
        .map(|(key, _)| key.trim_end().trim_matches(['"', '\'']))
}

/// The format a top-level key is the mark of, if any.
fn format_of_key(key: &str) -> Option<Format> {
    match key {
        "cv" => Some(Format::RenderCv),
        "content" => Some(Format::YamlResume),
        "basics" | "work" => Some(Format::JsonResume),
        _ => None,
    }
}

/// A source text and its name, able to place errors.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Src<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The name used in messages.
    pub file: &'a str,
}

impl<'a> Src<'a> {
    /// Returns the text of a 1-based line.
    pub fn line(&self, line: usize) -> &'a str {
        self.text.split('\n').nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// Creates an error at a line and column (no position when the line is 0).
    pub fn error_at(&self, line: usize, column: usize, message: impl Into<String>) -> ProfileError {
        if line == 0 {
            return ProfileError::new(self.file, message);
        }
        ProfileError::new(self.file, message).at(line, column, self.line(line))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_and_letter_agree_with_detect_and_is_letter_file() {
        let texts = [
            "name: Jane\nsections: []\n",
            "# a letter\nprofile: cv.yaml\nbody: Hi\n",
            "\"profile\": cv.yaml\n",
            "name: Jane\nletter:\n  profile: cv.yaml\n",
            "profile: cv.yaml\ncv:\n  name: Jane\n",
            "cv:\n  name: Jane\nprofile: x\n",
            "profiles: x\ncontent:\n  basics: {}\n",
            "basics:\n  name: Jane\n",
            "work: []\nprofile: x\n",
            "\u{feff}profile: cv.yaml\n",
            "\u{feff}cv:\n  name: Jane\n",
            "  {\"basics\": {}, \"profile\": 1}\n",
            "{\"name\": \"Jane\"}\nprofile: x\n",
            "profile: x\r\nbody: y\r\n",
            "",
        ];
        let paths = ["cv.yaml", "cv.YML", "cv.json", "cv.md", "cv.TXT", "cv"];
        let givens = [None, Some(Format::Vitae), Some(Format::RenderCv)];
        for text in texts {
            for path in paths.map(Path::new) {
                for given in givens {
                    let format = given.unwrap_or_else(|| detect(path, text));
                    let expected = (format, format == Format::Vitae && profile::is_letter_file(text));
                    assert_eq!(format_and_letter(path, text, given), expected, "{text:?} {path:?} {given:?}");
                }
            }
        }
    }

    #[test]
    fn formats_are_told_apart() {
        let yaml = Path::new("cv.yaml");
        assert_eq!(detect(yaml, "# c\ncv:\n  name: x\n"), Format::RenderCv);
        assert_eq!(detect(yaml, "\"basics\":\n  name: x\n"), Format::JsonResume);
        assert_eq!(detect(yaml, "work:\n  - name: x\n"), Format::JsonResume);
        assert_eq!(detect(yaml, "---\ncontent:\n  basics:\n    name: x\n"), Format::YamlResume);
        assert_eq!(detect(yaml, "\"content\":\n  basics: {}\n"), Format::YamlResume);
        assert_eq!(detect(yaml, "name: x\nsections:\n  - title: work:\n"), Format::Vitae);
        assert_eq!(detect(yaml, "{\"basics\": {}}"), Format::JsonResume);
        assert_eq!(detect(Path::new("r.json"), "{}"), Format::JsonResume);
        assert_eq!(detect(Path::new("r.md"), "# x"), Format::Markdown);
        assert_eq!(detect(Path::new("r"), "name: x"), Format::Vitae);
    }

    /// Loads `bytes` as a file named `name`, written in a folder of its own under the temporary
    /// folder (removed afterwards).
    fn load_bytes(name: &str, bytes: &[u8]) -> Result<Profile, ProfileError> {
        let dir = crate::files::ScratchDir::new(&format!("import-{name}"));
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        load_any(&path)
    }

    #[test]
    fn every_format_fails_to_read_with_the_same_messages() {
        // Invalid UTF-8 on line 2, column 3: "ab", then the byte 0xFF.
        let bad = b"name: x\nab\xFFc\n";
        let errors: Vec<_> =
            ["cv.yaml", "cv.md", "cv.json"].iter().map(|name| load_bytes(name, bad).unwrap_err()).collect();
        for e in &errors {
            assert_eq!((e.line, e.column), (2, 3), "{e}");
            assert!(e.message.starts_with("the file is not valid UTF-8 (byte 0xFF)"), "{e}");
        }
        let missing = ["no.yaml", "no.md"].map(|n| load_any(Path::new(n)).unwrap_err().message);
        assert_eq!(missing[0], missing[1]);
        assert!(missing[0].starts_with("cannot read the file: "), "{}", missing[0]);
    }

    #[test]
    fn a_byte_order_mark_is_dropped_in_every_format() {
        let md = load_bytes("bom.md", "\u{feff}# Jane Doe\n\njane@example.com\n".as_bytes()).unwrap();
        assert_eq!(md.name.map(|n| n.to_plain()).as_deref(), Some("Jane Doe"));
        let yaml = load_bytes("bom.yaml", "\u{feff}name: Jane Doe\n".as_bytes()).unwrap();
        assert_eq!(yaml.name.map(|n| n.to_plain()).as_deref(), Some("Jane Doe"));
    }
}
