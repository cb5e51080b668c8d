//! The reports the playground reads, as JSON: a diagnostic (an error or a warning) with the
//! line and column the editor marks, and the conversions from vitae's typed errors and
//! warnings into it.

use serde::Serialize;

/// An error or warning, placed in a file when vitae knows where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file it concerns: the name given in the options for the profile, a layout's name
    /// for an error inside a bundled layout, `options` for bad options.
    pub file: String,
    /// The 1-based line; 0 when the whole file is meant.
    pub line: usize,
    /// The 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when vitae has something to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// Creates a diagnostic about a whole file.
    pub fn whole(file: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic { file: file.to_owned(), line: 0, column: 0, message: message.into(), hint: None }
    }

    /// Places a render error: profile and layout errors carry their position, the others
    /// (fonts, PDF, page limit) concern the profile as a whole.
    pub fn from_error(e: &vitae::Error, file: &str) -> Diagnostic {
        match e {
            vitae::Error::Profile(p) => Diagnostic::from_profile(p),
            vitae::Error::Theme(t) => Diagnostic {
                file: t.file.clone(),
                line: t.line,
                column: t.column,
                message: t.message.clone(),
                hint: t.hint.clone(),
            },
            other => Diagnostic { hint: other.hint(), ..Diagnostic::whole(file, other.to_string()) },
        }
    }

    /// Places a profile error at its line and column.
    pub fn from_profile(e: &vitae::ProfileError) -> Diagnostic {
        Diagnostic {
            file: e.file.clone(),
            line: e.line,
            column: e.column,
            message: e.message.clone(),
            hint: e.hint.clone(),
        }
    }

    /// Places a warning; one without a place (a layout warning) concerns the whole profile.
    pub fn from_warning(w: &vitae::Warning, file: &str) -> Diagnostic {
        match &w.at {
            Some(at) => Diagnostic {
                file: at.file.clone(),
                line: at.line,
                column: at.column,
                message: w.message.clone(),
                hint: None,
            },
            None => Diagnostic::whole(file, w.message.clone()),
        }
    }
}
