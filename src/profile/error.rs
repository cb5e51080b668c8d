//! [`ProfileError`]: what went wrong in a profile, where, and how to fix it; plus [`Source`], the
//! loaded text that turns parser locations into errors with the offending line attached.

use std::fmt;

use crate::strings::{floor_char, slice};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde_saphyr::Location;

/// The longest source line kept for the snippet, in bytes; longer lines are cropped around the
/// column so that an error in a 2 MiB one-line file does not carry the whole file along.
const MAX_SNIPPET_BYTES: usize = 240;

/// An error in a profile: the file, a 1-based line and column (both 0 when there is no position,
/// e.g. an unreadable file), what is wrong, and optionally how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file name used in messages.
    pub file: String,
    /// The 1-based line, or 0 when the error has no position.
    pub line: usize,
    /// The 1-based column in characters, or 0 when the error has no position.
    pub column: usize,
    /// What is wrong, in one sentence without a trailing full stop.
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
    /// The offending line (possibly cropped) and the 1-based column within that text.
    snippet: Option<(String, usize)>,
}

impl ProfileError {
    /// Creates an error without a position.
    pub fn new(file: &str, message: impl Into<String>) -> ProfileError {
        ProfileError {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
            snippet: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> ProfileError {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the position and the text of the line it is on (used for the snippet).
    pub(crate) fn at(mut self, line: usize, column: usize, line_text: &str) -> ProfileError {
        self.line = line;
        self.column = column.max(1);
        self.snippet = Some(crop(line_text, self.column));
        self
    }

    /// Renders a multi-line diagnostic: the message, the offending line with a caret under the
    /// column, then `hint: …` if there is one. The caller prefixes `error: `.
    pub fn render(&self) -> String {
        let mut out = match &self.snippet {
            Some((text, column)) => self.render_snippet(text, *column),
            None => self.to_string(),
        };
        if let Some(hint) = &self.hint {
            out.push_str("\nhint: ");
            out.push_str(hint);
        }
        out
    }

    /// Renders the message and the annotated line with annotate-snippets.
    fn render_snippet(&self, text: &str, column: usize) -> String {
        let start = byte_of_column(text, column);
        let end = start + token_len(slice(text, start..));
        let snippet = Snippet::source(text)
            .line_start(self.line)
            .path(self.file.as_str())
            .annotation(AnnotationKind::Primary.span(start..end.max(start)));
        let report = [Level::ERROR.no_name().primary_title(self.message.as_str()).element(snippet)];
        Renderer::plain().render(&report)
    }
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for ProfileError {}

/// Returns the byte offset of a 1-based character column (the end of the text if it is shorter).
pub(crate) fn byte_of_column(text: &str, column: usize) -> usize {
    text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| i)
}

/// Returns the byte length of the token at the start of `text` (up to whitespace or YAML
/// punctuation), or of its first character when it starts with punctuation.
fn token_len(text: &str) -> usize {
    let token = text.find(|c: char| c.is_whitespace() || ":,[]{}#".contains(c)).unwrap_or(text.len());
    if token > 0 {
        return token;
    }
    text.chars().next().map_or(0, char::len_utf8)
}

/// Crops a long line to a window around `column`; returns the text and the column within it.
fn crop(line: &str, column: usize) -> (String, usize) {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.len() <= MAX_SNIPPET_BYTES {
        return (line.to_owned(), column);
    }
    let at = byte_of_column(line, column);
    let start = floor_char(line, at.saturating_sub(MAX_SNIPPET_BYTES / 2));
    let end = floor_char(line, start + MAX_SNIPPET_BYTES);
    let skipped = slice(line, ..start).chars().count();
    (slice(line, start..end).to_owned(), column.saturating_sub(skipped).max(1))
}

/// The profile's text and name, able to turn a position into a [`ProfileError`].
pub(crate) struct Source<'a> {
    /// The whole text.
    pub text: &'a str,
    /// The name used in messages.
    pub file: &'a str,
    /// Where files named in the profile (a photo) are read from.
    pub files: super::Files<'a>,
}

impl<'a> Source<'a> {
    /// Returns the text of a 1-based line (empty past the end).
    pub fn line(&self, line: usize) -> &'a str {
        self.text.split('\n').nth(line.saturating_sub(1)).unwrap_or("")
    }

    /// Creates an error at a 1-based line and column.
    pub fn error_at(&self, line: usize, column: usize, message: impl Into<String>) -> ProfileError {
        ProfileError::new(self.file, message).at(line, column, self.line(line))
    }

    /// Creates an error at a parser location (no position when the location is unknown).
    pub fn error(&self, at: &Location, message: impl Into<String>) -> ProfileError {
        if at.line() == 0 {
            return ProfileError::new(self.file, message);
        }
        self.error_at(to_usize(at.line()), to_usize(at.column()), message)
    }

    /// Returns a parser location as a location in this file, for messages given later.
    pub fn locate(&self, at: &Location) -> crate::diag::Location {
        crate::diag::Location {
            file: self.file.to_owned(),
            line: to_usize(at.line()),
            column: to_usize(at.column()),
        }
    }

    /// Returns the source text a location's span covers, when it is known.
    pub fn spanned_text(&self, at: &Location) -> Option<&'a str> {
        let span = at.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        self.text.get(start..start.checked_add(len)?)
    }

    /// Returns the byte offset of a location in the text, when it is known.
    pub fn offset(&self, at: &Location) -> Option<usize> {
        usize::try_from(at.span().byte_offset()?).ok().filter(|&o| o <= self.text.len())
    }
}

/// Converts a parser coordinate to `usize` (saturating on exotic 32-bit overflows).
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_and_without_position() {
        let e = ProfileError::new("cv.yaml", "the profile is empty");
        assert_eq!(e.to_string(), "cv.yaml: the profile is empty");
        let e = e.at(3, 7, "name: x");
        assert_eq!(e.to_string(), "cv.yaml:3:7: the profile is empty");
    }

    #[test]
    fn render_shows_line_caret_and_hint() {
        let e = ProfileError::new("cv.yaml", "unknown key `nmae`")
            .at(2, 1, "nmae: Jane")
            .with_hint("did you mean `name`?");
        let text = e.render();
        assert!(text.starts_with("unknown key `nmae`"), "{text}");
        assert!(text.contains("--> cv.yaml:2:1"), "{text}");
        assert!(text.contains("2 | nmae: Jane"), "{text}");
        assert!(text.contains("  | ^^^^\n"), "{text}");
        assert!(text.ends_with("\nhint: did you mean `name`?"), "{text}");
    }

    #[test]
    fn long_lines_are_cropped_around_the_column() {
        let line = format!("{}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let (text, column) = crop(&line, 10_001);
        assert!(text.len() <= MAX_SNIPPET_BYTES);
        assert_eq!(text.chars().nth(column - 1), Some('X'));
    }
}
