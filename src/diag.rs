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
            Error::TooManyPages { .. } => Some(
                "is this the right file? If the length is intended, raise the limit with --max-pages N"
                    .into(),
            ),
            Error::Font(_) | Error::Pdf(_) | Error::Io { .. } => None,
        }
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

/// A problem the engine worked around: the PDF is still written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    /// What happened and where.
    pub message: String,
}

impl Warning {
    /// Creates a warning.
    pub fn new(message: impl Into<String>) -> Warning {
        Warning { message: message.into() }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
