//! Errors and warnings. Each stage has its own typed error; [`Error`] gathers them for callers.
//! Layout problems that still produce a PDF are [`Warning`]s returned with the result, never
//! printed from inside the engine.

use std::fmt;

use crate::font::FontError;
use crate::pdf::PdfError;
use crate::profile::ProfileError;
use crate::theme::ThemeError;

/// Something that went wrong rendering one profile.
#[derive(Debug)]
pub enum Error {
    /// The profile file is unreadable or invalid.
    Profile(ProfileError),
    /// The layout file is unreadable or invalid.
    Theme(ThemeError),
    /// The selection asked for (`--variant`, `--only`) names what the profile does not have.
    Select(crate::profile::SelectError),
    /// A font could not be used.
    Font(FontError),
    /// The PDF could not be written.
    Pdf(PdfError),
    /// The résumé would take more pages than the limit (`--max-pages`).
    TooManyPages {
        /// The pages it takes.
        pages: usize,
        /// The limit.
        limit: usize,
    },
    /// Writing the output failed.
    Io {
        /// The file being written.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Profile(e) => e.fmt(f),
            Error::Theme(e) => e.fmt(f),
            Error::Select(e) => e.fmt(f),
            Error::Font(e) => e.fmt(f),
            Error::Pdf(e) => e.fmt(f),
            Error::TooManyPages { pages, limit } => {
                write!(f, "the résumé takes {pages} pages, more than the limit of {limit} (--max-pages)")
            }
            Error::Io { path, reason } => write!(f, "{path}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// Returns how to fix the error, when there is more to say than the message.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Profile(e) => e.hint.clone(),
            Error::Theme(e) => e.hint.clone(),
            Error::Select(e) => Some(e.hint.clone()),
            Error::TooManyPages { .. } => Some(
                "is this the right file? If the length is intended, raise the limit with --max-pages N"
                    .into(),
            ),
            Error::Font(_) | Error::Pdf(_) | Error::Io { .. } => None,
        }
    }
}

impl From<crate::profile::SelectError> for Error {
    fn from(e: crate::profile::SelectError) -> Error {
        Error::Select(e)
    }
}

impl From<ProfileError> for Error {
    fn from(e: ProfileError) -> Error {
        Error::Profile(e)
    }
}

impl From<ThemeError> for Error {
    fn from(e: ThemeError) -> Error {
        Error::Theme(e)
    }
}

impl From<FontError> for Error {
    fn from(e: FontError) -> Error {
        Error::Font(e)
    }
}

impl From<PdfError> for Error {
    fn from(e: PdfError) -> Error {
        Error::Pdf(e)
    }
}

/// A problem vitae worked around: the PDF is still written. Each says what kind of problem it
/// is, where in the input it lies when that is known (a foreign file's key that was not
/// rendered), and what it concerns, so that `render`, `check`, `--report` and library callers can
/// all show it in the same `file:line:col: message` form as errors.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// What kind of problem this is.
    pub kind: WarningKind,
    /// Where in an input file it lies, when known.
    pub at: Option<Location>,
    /// What happened, in one sentence.
    pub message: String,
}

/// The kinds of [`Warning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum WarningKind {
    /// Text of the input that is not in the PDF (a foreign format's key vitae has no place for,
    /// a value of the wrong shape): named so that nothing is lost silently.
    NotRendered,
    /// A key of a foreign format that is not part of it, kept (printed where a reader expects
    /// it) or left out as the message says.
    UnknownKey,
    /// A text of a profile in several languages has none in the chosen language, so its
    /// default language's text is printed instead.
    Untranslated,
    /// Typesetting worked around a problem (a missing glyph, an overlong word broken inside, a
    /// block taller than a page).
    Layout,
}

/// A place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file's name as given.
    pub file: String,
    /// The 1-based line; 0 when the whole file is meant.
    pub line: usize,
    /// The 1-based column in characters; 0 when unknown.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.file),
            (line, 0) => write!(f, "{}:{line}", self.file),
            (line, column) => write!(f, "{}:{line}:{column}", self.file),
        }
    }
}

impl Warning {
    /// Creates a layout warning with no place in the input.
    pub fn new(message: impl Into<String>) -> Warning {
        Warning { kind: WarningKind::Layout, at: None, message: message.into() }
    }

    /// Creates a warning of a kind at a place in an input file.
    pub fn at(kind: WarningKind, at: Location, message: impl Into<String>) -> Warning {
        Warning { kind, at: Some(at), message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}
