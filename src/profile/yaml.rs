//! YAML text into the raw input structs: serde-saphyr with resource limits suited to a résumé,
//! checks serde-saphyr cannot word well (an empty file, tabs for indentation), and its errors
//! rephrased in our words at their positions.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DuplicateKeyPolicy, Error, MessageFormatter, Options, UserMessageFormatter};

use super::error::{ProfileError, Source};
use super::raw::{MapOnly, RawProfile, TEXT_EXPECTED};
use super::suggest;
use crate::strings::slice;

// The parser's budgets: every limit lives in `crate::limits`, with its reason.
use crate::limits::{
    MAX_ALIAS_REPLAY_DEPTH as MAX_REPLAY_DEPTH, MAX_ALIAS_REPLAYED_EVENTS as MAX_REPLAYED_EVENTS,
    MAX_PROFILE_NESTING as MAX_DEPTH, MAX_YAML_ALIASES as MAX_ALIASES, MAX_YAML_EVENTS as MAX_EVENTS,
    MAX_YAML_NODES as MAX_NODES,
};

/// Most bytes of scalar text, aliases included: twice the file size limit, so repeating a
/// paragraph by alias works but amplifying it does not.
const MAX_SCALAR_BYTES: usize = 2 * super::MAX_FILE_BYTES;

/// Hint shown for an empty profile.
const EMPTY_HINT: &str = "a minimal profile looks like this:
    name: Jane Doe
    sections:
      - title: Experience
        entries:
          - Built the deployment pipeline";

/// Reads the raw profile from YAML text.
pub(crate) fn read(src: &Source) -> Result<RawProfile, ProfileError> {
    read_map(src)
}

/// Reads a top-level map (a profile, a letter file) from YAML text, with the same limits and
/// messages.
pub(crate) fn read_map<T>(src: &Source) -> Result<T, ProfileError>
where
    T: for<'de> serde::Deserialize<'de> + super::raw::Named,
{
    if is_empty(src.text) {
        return Err(empty(src));
    }
    match serde_saphyr::from_str_with_options::<Option<MapOnly<T>>>(src.text, options()) {
        Ok(Some(MapOnly(raw))) => Ok(raw),
        Ok(None) => Err(empty(src)),
        Err(err) => Err(translate(&err, src)),
    }
}

/// Returns the parser options: duplicate keys rejected and the limits above.
fn options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_events: MAX_EVENTS,
            max_nodes: MAX_NODES,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
            max_total_scalar_bytes: MAX_SCALAR_BYTES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
            max_replay_stack_depth: MAX_REPLAY_DEPTH,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        // We render our own snippets from the position.
        with_snippet: false,
        // No raw type reads a comment, so serde-saphyr is built without its `comments`
        // feature (Cargo.toml): the parser still checks their syntax but keeps no text and
        // tracks none, which cut a profile's parse by a fifth and then by more
        // (docs/performance.md). Comments count toward no event budget; the file size limit
        // still bounds them.
    }
}

/// Whether the text holds nothing but blank lines, comments and document markers.
fn is_empty(text: &str) -> bool {
    text.lines().map(str::trim).all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}

/// The error for an empty profile.
fn empty(src: &Source) -> ProfileError {
    ProfileError::new(src.file, "the file as a whole is empty: it holds no profile").with_hint(EMPTY_HINT)
}

/// Turns a serde-saphyr error into ours. A tab in the indentation of an earlier line is
/// reported instead, as the parser's complaint about it is usually far from the point.
fn translate(err: &Error, src: &Source) -> ProfileError {
    let err = original(err);
    let (line, mut column) = position(err, src);
    // The scanner may stumble over a tab at the end of the line before it.
    if let Some(tab) = tab_indent(src, line.saturating_add(1)) {
        return tab;
    }
    if matches!(err, Error::SerdeInvalidType { .. }) {
        column = value_column(src.line(line), column);
    }
    let (message, hint) = describe(err, src.line(line), column);
    let error = src.error_at(line, column, message);
    match hint {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

/// Returns the 1-based line and column of an error; an error without a location (the document
/// itself has the wrong type) points at the first line with content.
fn position(err: &Error, src: &Source) -> (usize, usize) {
    let to_usize = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    match err.location().filter(|l| l.line() > 0) {
        Some(at) => (to_usize(at.line()), to_usize(at.column())),
        None => (first_content_line(src.text), 1),
    }
}

/// Returns the number of the first line that is not blank or a comment.
fn first_content_line(text: &str) -> usize {
    let is_content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    text.lines().position(is_content).map_or(1, |i| i + 1)
}

/// Moves a column from a key to its value when both are on the line (`entries: 3` points at
/// `3`), since serde reports a value of the wrong type at its key.
fn value_column(line: &str, column: usize) -> usize {
    let start = super::error::byte_of_column(line, column);
    let rest = slice(line, start..);
    let Some((key, after)) = rest.split_once(": ") else { return column };
    let value = after.trim_start();
    if key.contains([' ', '"', '\'', '[', '{']) || value.is_empty() || value.starts_with('#') {
        return column;
    }
    column + slice(rest, ..rest.len() - value.len()).chars().count()
}

/// Returns the error inside snippet and alias wrappers.
fn original(err: &Error) -> &Error {
    match err {
        Error::WithSnippet { error, .. } | Error::AliasError { error, .. } => original(error),
        other => other,
    }
}

/// Finds the first line (up to line `up_to`) indented with a tab.
fn tab_indent(src: &Source, up_to: usize) -> Option<ProfileError> {
    let (index, line) = src.text.lines().take(up_to).enumerate().find(|(_, line)| {
        let content = line.trim_start_matches([' ', '\t']);
        !content.is_empty() && slice(line, ..line.len() - content.len()).contains('\t')
    })?;
    let column = line.chars().position(|c| c == '\t').unwrap_or(0) + 1;
    let error = src.error_at(index + 1, column, "a tab is used for indentation");
    Some(error.with_hint("YAML indentation must use spaces; replace the tab with spaces"))
}

/// Words an error: a message and perhaps a hint.
fn describe(err: &Error, line: &str, column: usize) -> (String, Option<String>) {
    match err {
        Error::SerdeUnknownField { field, expected, .. } => {
            (format!("unknown key `{field}`"), Some(suggest::hint(field, expected)))
        }
        Error::SerdeMissingField { field, .. } => (format!("missing required key `{field}`"), None),
        // A list where text belongs (a map is a text in several languages, judged later).
        Error::SerdeInvalidType { unexpected, expected, .. } if expected == TEXT_EXPECTED => (
            format!("expected text, found {}", found(unexpected)),
            Some("if this is meant as text, put it in quotes".into()),
        ),
        Error::SerdeInvalidType { unexpected, expected, .. } => {
            (format!("expected {expected}, found {}", found(unexpected)), None)
        }
        Error::Unexpected { expected: "string scalar", .. } => expected_text(line, column),
        Error::Unexpected { expected, .. } => (format!("expected {}", structure(expected)), None),
        Error::InvalidScalar { ty: "boolean", .. } => ("expected `true` or `false`".into(), None),
        // Every number in a profile counts something (pages): a negative or huge one does not fit.
        Error::InvalidScalar { ty: "u8" | "u16" | "u32" | "u64" | "usize", .. } => {
            ("expected a whole number, 1 or more".into(), Some("write a number such as `2`".into()))
        }
        Error::DuplicateMappingKey { key, .. } => duplicate(key.as_deref()),
        Error::Budget { breach, .. } => budget(breach),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. } => alias_bomb(),
        Error::UnknownAnchor { .. } => unknown_alias(),
        Error::MultipleDocuments { .. } => several_documents(),
        Error::Eof { .. } => ("the file ends in the middle of a value".into(), None),
        Error::ExternalMessage { msg, .. } => syntax(msg, line),
        other => (strip_location(&UserMessageFormatter.format_message(other)), None),
    }
}

/// Words what serde says it found ("string \"x\"", "integer `3`") as "a string", "a number", ….
fn found(unexpected: &str) -> &'static str {
    const KINDS: [(&str, &str); 8] = [
        ("string", "a string"),
        ("integer", "a number"),
        ("floating point", "a number"),
        ("boolean", "a boolean"),
        ("unit", "nothing"),
        ("null", "nothing"),
        ("map", "a map"),
        ("sequence", "a list"),
    ];
    KINDS.iter().find(|(prefix, _)| unexpected.starts_with(prefix)).map_or("something else", |(_, word)| word)
}

/// Words serde-saphyr's structural expectations.
fn structure(expected: &str) -> &str {
    match expected {
        "sequence start" => "a list",
        "mapping start" => "a map",
        other => other,
    }
}

/// The error for a list or map where text belongs; what was found is read from the source.
fn expected_text(line: &str, column: usize) -> (String, Option<String>) {
    let rest = slice(line, super::error::byte_of_column(line, column)..);
    let found = match rest.chars().next() {
        Some('[') => ", found a list",
        Some('-') if slice(rest, 1..).starts_with([' ', '\t']) || rest.len() == 1 => ", found a list",
        Some(_) => ", found a map",
        None => "",
    };
    (format!("expected text{found}"), Some("if this is meant as text, put it in quotes".into()))
}

/// The error for a repeated key.
fn duplicate(key: Option<&str>) -> (String, Option<String>) {
    let message = match key {
        Some(key) => format!("duplicate key `{key}`"),
        None => "duplicate key".into(),
    };
    (message, Some("a key may appear only once in a map; keep one of them".into()))
}

/// Words a breached resource limit.
fn budget(breach: &BudgetBreach) -> (String, Option<String>) {
    match breach {
        BudgetBreach::Depth { .. } => (
            format!("the YAML nests more than {MAX_DEPTH} levels deep"),
            Some("a profile needs about a dozen levels; look for unclosed or runaway brackets".into()),
        ),
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => alias_bomb(),
        BudgetBreach::Documents { .. } => several_documents(),
        _ => (
            "the profile has far more data than a résumé".into(),
            Some("is this the right file? A profile is usually a few hundred lines".into()),
        ),
    }
}

/// The error for aliases that expand too much.
fn alias_bomb() -> (String, Option<String>) {
    (
        "the YAML aliases expand to too much data".into(),
        Some("a profile rarely needs anchors (`&name`) and aliases (`*name`); write the text out".into()),
    )
}

/// The error for `*word` that names no anchor, usually emphasis at the start of a plain value.
fn unknown_alias() -> (String, Option<String>) {
    (
        "YAML reads this `*` as an alias, and there is no anchor of that name".into(),
        Some("text that starts with `*` must be quoted: \"**Bold** start\"".into()),
    )
}

/// The error for a file with several YAML documents.
fn several_documents() -> (String, Option<String>) {
    (
        "the file holds more than one YAML document".into(),
        Some("a profile is one document; remove the `---` line".into()),
    )
}

/// Words a YAML syntax error; the hint depends on the character at the error.
fn syntax(msg: &str, line: &str) -> (String, Option<String>) {
    let message = match msg {
        "mapping values are not allowed in this context" => "a `: ` is not allowed here".to_owned(),
        // The parser's own recursion guard fires before our depth budget on extreme nesting.
        _ if msg.contains("recursion limit") => return budget(&BudgetBreach::Depth { depth: MAX_DEPTH + 1 }),
        _ if msg.contains("surrogate") => {
            let hint = "a `\\uD800`–`\\uDFFF` escape must be a pair (high then low); write the character itself instead";
            return (
                "the escape `\\u…` names half of a UTF-16 surrogate pair, which is no character".into(),
                Some(hint.into()),
            );
        }
        _ if msg.contains("quoted scalar") || msg.contains("unclosed quote") => {
            let hint = "add the closing quote, or escape a quote inside the text";
            return ("a quoted text is not closed".into(), Some(hint.into()));
        }
        _ => format!("YAML syntax error: {}", strip_location(msg)),
    };
    let hint = if line.contains(['*', '&', '!', '@', '`', '%']) || line.contains(": ") {
        "text containing `: ` or ` #`, or starting with `*`, `&`, `!`, `@`, `` ` ``, `[` or `{`, must be quoted"
    } else {
        "check the indentation: items of one list or map must start in the same column"
    };
    (message, Some(hint.into()))
}

/// Removes a trailing "at line X, column Y" that some messages carry.
fn strip_location(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => slice(msg, ..i).to_owned(),
        None => msg.to_owned(),
    }
}
