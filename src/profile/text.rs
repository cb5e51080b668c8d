//! Text fields into [`Rich`] text: line breaks folded, paragraphs split on blank lines, inline
//! markup parsed, and markup errors placed at the offending link when the source allows it.

use serde_saphyr::{Location, Spanned};

use super::error::{ProfileError, Source};
use super::markup::{self, MarkupError};
use super::model::Rich;
use super::raw::{Node, Text, Written};

/// Parses a one-line field: line breaks inside it become spaces.
pub(crate) fn rich(src: &Source, text: &Text) -> Result<Rich, ProfileError> {
    debug_assert!(is_settled(text), "a text field missed by lang::localize");
    let line = fold(&text.value);
    markup::parse(&line).map_err(|e| markup_error(src, text, &line, e))
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
        .map(|p| markup::parse(&p).map_err(|e| markup_error(src, text, &p, e)))
        .collect()
}

/// Whether a text has been settled on one language (`lang::localize` visits every text field;
/// one it misses would read as empty).
fn is_settled(text: &Text) -> bool {
    matches!(text.written, Written::Text)
}

/// Returns the text of a string-or-map node written as a string or a bare scalar (`yes`, `42`),
/// the latter as it appears in the source rather than as YAML reads it.
pub(crate) fn node_text<M>(src: &Source, node: &Spanned<Node<M>>) -> Option<Text> {
    let value = match &node.value {
        Node::Text(text) => text.clone(),
        Node::Scalar => src.spanned_text(&node.defined).unwrap_or_default().to_owned(),
        Node::Map(_) => return None,
    };
    Some(Text::new(value, node.referenced, node.defined))
}

/// Joins the lines of a text with single spaces.
pub(crate) fn fold(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join(" ")
}

/// Splits text into folded paragraphs at blank lines.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines().chain([""]) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(fold(&std::mem::take(&mut current)));
            }
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    paragraphs
}

/// Places a markup error: at the link itself when the parsed text stands verbatim in the source
/// (a one-line value, plain or in quotes without escapes), else at the start of the value.
fn markup_error(src: &Source, text: &Text, parsed: &str, err: MarkupError) -> ProfileError {
    let at = &text.referenced;
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
    }
}
