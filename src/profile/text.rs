//! Text fields into [`Rich`] text: line breaks folded, paragraphs split on blank lines, inline
//! markup parsed, and markup errors placed at the offending link when the source allows it.

use std::borrow::Cow;
use std::ops::Range;

use serde_saphyr::{Location, Spanned};

use super::error::{ProfileError, Source};
use super::markup::{self, MarkupError};
use super::model::Rich;
use super::raw::{Node, Text, Written};

/// Parses a one-line field: line breaks inside it become spaces.
pub(crate) fn rich(src: &Source, text: &Text) -> Result<Rich, ProfileError> {
    debug_assert!(is_settled(text), "a text field missed by lang::localize");
    rich_at(src, &text.value, &text.referenced)
}

/// Parses one-line text whose value is referenced at `at` (where a markup error points).
fn rich_at(src: &Source, value: &str, at: &Location) -> Result<Rich, ProfileError> {
    let line = fold(value);
    markup::parse(&line).map_err(|e| markup_error(src, at, &line, e))
}

/// Parses an optional one-line field.
pub(crate) fn opt_rich(src: &Source, text: Option<&Text>) -> Result<Option<Rich>, ProfileError> {
    text.map(|t| rich(src, t)).transpose()
}

/// Parses a field of paragraphs: a blank line separates them; other line breaks become spaces.
pub(crate) fn paragraphs(src: &Source, text: Option<&Text>) -> Result<Vec<Rich>, ProfileError> {
    let Some(text) = text else { return Ok(Vec::new()) };
    debug_assert!(is_settled(text), "a text field missed by lang::localize");
    split_paragraphs(&text.value)
        .into_iter()
        .map(|p| markup::parse(&p).map_err(|e| markup_error(src, &text.referenced, &p, e)))
        .collect()
}

/// Whether a text has been settled on one language (`lang::localize` visits every text field;
/// one it misses would read as empty).
fn is_settled(text: &Text) -> bool {
    matches!(text.written, Written::Text)
}

/// Parses a string-or-map node written as a string or a bare scalar (`yes`, `42`) as one-line
/// text, the scalar as it appears in the source rather than as YAML reads it; `None` for a map.
/// The text is parsed where it lies, not copied into a [`Text`] first.
pub(crate) fn node_rich<M>(src: &Source, node: &Spanned<Node<M>>) -> Option<Result<Rich, ProfileError>> {
    let value = match &node.value {
        Node::Text(text) => text.as_str(),
        Node::Scalar => src.spanned_text(&node.defined).unwrap_or_default(),
        Node::Map(_) => return None,
    };
    Some(rich_at(src, value, &node.referenced))
}

/// Joins the lines of a text with single spaces (trimming each, dropping blank ones). Text of
/// one line, as most fields are once YAML has folded them, is only trimmed, not copied.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return Cow::Borrowed(text.trim());
    }
    let mut folded = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !folded.is_empty() {
            folded.push(' ');
        }
        folded.push_str(line);
    }
    Cow::Owned(folded)
}

/// Splits text into folded paragraphs at blank lines (lines that are empty once trimmed): each
/// paragraph is the stretch of lines between them, folded ([`fold`]), so that one of a single
/// line is borrowed rather than copied.
fn split_paragraphs(text: &str) -> Vec<Cow<'_, str>> {
    let mut paragraphs = Vec::new();
    // The byte range of the paragraph being read, from its first line to its last so far
    // (its ends are line ends, so `get` always finds it).
    let mut current: Option<Range<usize>> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let end = at + line.len();
        if line.trim().is_empty() {
            paragraphs.extend(current.take().and_then(|r| text.get(r)).map(fold));
        } else {
            current = Some(current.map_or(at..end, |r| r.start..end));
        }
        at = end;
    }
    paragraphs.extend(current.and_then(|r| text.get(r)).map(fold));
    paragraphs
}

/// Places a markup error: at the link itself when the parsed text stands verbatim in the source
/// (a one-line value, plain or in quotes without escapes), else at the start of the value.
fn markup_error(src: &Source, at: &Location, parsed: &str, err: MarkupError) -> ProfileError {
    let error = match verbatim_shift(src, at, parsed) {
        Some(shift) if at.line() > 0 => {
            let column = usize::try_from(at.column()).unwrap_or(1)
                + shift
                + crate::strings::slice(parsed, ..err.offset).chars().count();
            src.error_at(usize::try_from(at.line()).unwrap_or(0), column, err.message)
        }
        _ => src.error(at, err.message),
    };
    error.with_hint(err.hint)
}

/// Returns how many characters (0, or 1 for an opening quote) precede the parsed text in the
/// source at the value's location, when the text appears there verbatim on one line.
fn verbatim_shift(src: &Source, at: &Location, parsed: &str) -> Option<usize> {
    let rest = src.offset(at).and_then(|o| src.text.get(o..))?;
    let first_line = rest.lines().next().unwrap_or("");
    if first_line.starts_with(parsed) {
        return Some(0);
    }
    let quoted = first_line.strip_prefix(['"', '\''])?;
    quoted.starts_with(parsed).then_some(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_and_fold_lines() {
        let text = "First line\nsame paragraph.\n\n  \nSecond.\n";
        assert_eq!(split_paragraphs(text), vec!["First line same paragraph.", "Second."]);
        assert!(split_paragraphs("\n\n").is_empty());
        // One line: trimmed, borrowed; blank: no paragraph.
        assert_eq!(split_paragraphs("  One line only. "), vec!["One line only."]);
        assert!(matches!(split_paragraphs(" x ")[0], Cow::Borrowed("x")));
        assert!(split_paragraphs(" \t ").is_empty());
        assert!(split_paragraphs("").is_empty());
        // Carriage returns end lines too, and lines are trimmed before they are joined.
        assert_eq!(split_paragraphs("a \r\n b\r\n\r\nc\r"), vec!["a b", "c"]);
    }

    #[test]
    fn fold_joins_trimmed_lines_and_borrows_one_line() {
        assert_eq!(fold("  one line\t"), "one line");
        assert!(matches!(fold(" x "), Cow::Borrowed("x")));
        assert_eq!(fold(" first \n\n  second\r\n third "), "first second third");
        assert_eq!(fold("\n \n"), "");
        assert_eq!(fold(""), "");
        // Only `\n` ends a line: other breaks stay inside it, as before.
        assert_eq!(fold("a\u{2028}b"), "a\u{2028}b");
    }
}
