//! A positioned document tree read from JSON or YAML, the input the JSON Resume and RenderCV
//! readers walk. Every node and key knows its 1-based line and column, so a reader can point at
//! the value it rejects.
//!
//! JSON is checked with serde_json first (its errors name line and column and are worded here),
//! then walked by a small reader that records positions and leaves string decoding to
//! serde_json. YAML goes through serde-saphyr with resource limits, `Spanned` giving positions.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, MessageFormatter, Options, Spanned, UserMessageFormatter};

use super::Src;
use crate::profile::ProfileError;
use crate::strings::slice;

// The parser's budgets: every limit lives in `crate::limits`, with its reason.
use crate::limits::{
    MAX_ALIAS_REPLAYED_EVENTS as MAX_REPLAYED_EVENTS, MAX_NESTING as MAX_DEPTH,
    MAX_YAML_ALIASES as MAX_ALIASES, MAX_YAML_EVENTS as MAX_EVENTS,
};

/// A value with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub value: Value,
    /// The 1-based line (0 when unknown).
    pub line: usize,
    /// The 1-based column in characters (0 when unknown).
    pub column: usize,
}

/// The value of a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written in the source.
    Number(String),
    /// A string.
    Text(String),
    /// A list.
    List(Vec<Node>),
    /// A map, in the order written.
    Map(Vec<(Key, Node)>),
}

/// A map key with its position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key {
    /// The key's text.
    pub name: String,
    /// The 1-based line.
    pub line: usize,
    /// The 1-based column in characters.
    pub column: usize,
}

impl Node {
    /// Returns the value of a key of a map; `null` values count as absent, and of repeated keys
    /// the last wins (as in JSON parsers).
    pub fn get(&self, key: &str) -> Option<&Node> {
        let Value::Map(entries) = &self.value else { return None };
        entries.iter().rev().find(|(k, _)| k.name == key).map(|(_, v)| v).filter(|v| v.value != Value::Null)
    }

    /// Returns the node's text when it is a scalar (numbers and booleans as written); empty or
    /// blank strings count as absent.
    pub fn text(&self) -> Option<String> {
        let text = match &self.value {
            Value::Text(t) | Value::Number(t) => t.trim().to_owned(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// Returns the texts of the node's scalars, depth first, joined by ", " and cut to `max`
    /// characters (with "…"): what a note quotes of a value it leaves out.
    pub fn gist(&self, max: usize) -> String {
        let mut texts = Vec::new();
        let mut stack = vec![self];
        let mut len = 0;
        while let Some(node) = stack.pop() {
            if len > max {
                break;
            }
            match &node.value {
                Value::List(items) => stack.extend(items.iter().rev()),
                Value::Map(entries) => stack.extend(entries.iter().rev().map(|(_, v)| v)),
                _ => {
                    if let Some(t) = node.text() {
                        len += t.len() + 2;
                        texts.push(t);
                    }
                }
            }
        }
        crate::strings::excerpt(&texts.join(", "), max)
    }

    /// Returns the text of a key's scalar value.
    pub fn text_of(&self, key: &str) -> Option<String> {
        self.get(key).and_then(Node::text)
    }

    /// Returns the items of a list; a lone scalar or map counts as a list of one, `null` as none.
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::List(items) => items,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    /// Returns the entries of a map (none for other values).
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// Whether the node is a map.
    pub fn is_map(&self) -> bool {
        matches!(self.value, Value::Map(_))
    }
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// Reads JSON text into a tree.
///
/// # Errors
///
/// A [`ProfileError`] at the line and column serde_json names, worded for people.
pub(crate) fn read_json(src: &Src) -> Result<Node, ProfileError> {
    if src.text.trim().is_empty() {
        return Err(ProfileError::new(src.file, "the file is empty"));
    }
    if let Err(e) = serde_json::from_str::<serde_json::Value>(src.text) {
        return Err(json_error(src, &e));
    }
    let mut reader = JsonReader { text: src.text, pos: 0, line: 1, line_start: 0 };
    Ok(reader.value())
}

/// Words a serde_json error and places it.
fn json_error(src: &Src, e: &serde_json::Error) -> ProfileError {
    let full = e.to_string();
    let reason = full.rfind(" at line ").map_or(full.as_str(), |i| slice(&full, ..i));
    let (message, hint) = match reason {
        "trailing comma" => (
            "invalid JSON: a comma after the last item".to_owned(),
            "JSON allows no comma before `]` or `}`; remove it",
        ),
        r if r.starts_with("expected `,` or") => {
            (format!("invalid JSON: {r}"), "a comma may be missing at the end of the previous item")
        }
        r if r.starts_with("EOF while parsing") => (
            "invalid JSON: the file ends in the middle of a value".to_owned(),
            "a closing `]`, `}` or `\"` may be missing",
        ),
        r if r.starts_with("key must be a string") => (
            "invalid JSON: a key must be a string in double quotes".to_owned(),
            "write keys as \"name\", not name or 'name'",
        ),
        r if r.starts_with("control character") => (
            "invalid JSON: a line break or tab inside a string".to_owned(),
            "write a line break inside a string as \\n",
        ),
        r => (format!("invalid JSON: {r}"), "check the JSON syntax near this point"),
    };
    let (mut line, mut column) = (e.line().max(1), e.column().max(1));
    if reason == "trailing comma" {
        // serde_json points past the comma, at the bracket; point at the comma itself.
        (line, column) = comma_before(src.text, line, column).unwrap_or((line, column));
    }
    let line_text = src.line(line);
    // serde_json counts the column in bytes; the snippet counts characters.
    let byte = column.saturating_sub(1).min(line_text.len());
    let byte = (0..=byte).rev().find(|&b| line_text.is_char_boundary(b)).unwrap_or(0);
    src.error_at(line, slice(line_text, ..byte).chars().count() + 1, message).with_hint(hint)
}

/// Finds the comma before a 1-based line and byte column, across whitespace and line breaks;
/// returns its line and byte column.
fn comma_before(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let line_start: usize = text.split('\n').take(line - 1).map(|l| l.len() + 1).sum();
    let at = (line_start + column - 1).min(text.len());
    let comma = slice(text, ..at).trim_end().strip_suffix(',').map(str::len)?;
    let comma_line = slice(text, ..comma).matches('\n').count() + 1;
    let comma_line_start = slice(text, ..comma).rfind('\n').map_or(0, |i| i + 1);
    Some((comma_line, comma - comma_line_start + 1))
}

/// Walks JSON text that serde_json has already accepted, recording positions.
struct JsonReader<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
}

impl JsonReader<'_> {
    /// Returns the byte at the current position (0 at the end).
    fn peek(&self) -> u8 {
        self.text.as_bytes().get(self.pos).copied().unwrap_or(0)
    }

    /// Skips whitespace (and a byte-order mark), counting lines.
    fn skip_space(&mut self) {
        loop {
            match self.peek() {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' => self.pos += 1,
                0xEF if slice(self.text, self.pos..).starts_with('\u{feff}') => self.pos += 3,
                _ => return,
            }
        }
    }

    /// Reads one value.
    fn value(&mut self) -> Node {
        self.skip_space();
        let (line, column) = (self.line, slice(self.text, self.line_start..self.pos).chars().count() + 1);
        let value = match self.peek() {
            b'{' => self.map(),
            b'[' => self.list(),
            b'"' => Value::Text(self.string()),
            b't' => self.word(4, Value::Bool(true)),
            b'f' => self.word(5, Value::Bool(false)),
            b'n' => self.word(4, Value::Null),
            _ => self.number(),
        };
        Node { value, line, column }
    }

    /// Skips a literal word (`true`, `false`, `null`).
    fn word(&mut self, len: usize, value: Value) -> Value {
        self.pos += len;
        value
    }

    /// Reads a number as written.
    fn number(&mut self) -> Value {
        let start = self.pos;
        while matches!(self.peek(), b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') {
            self.pos += 1;
        }
        Value::Number(slice(self.text, start..self.pos).to_owned())
    }

    /// Reads a string literal, decoding its escapes with serde_json.
    fn string(&mut self) -> String {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                b'\\' => self.pos += 2,
                b'"' | 0 => break,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        serde_json::from_str(slice(self.text, start..self.pos.min(self.text.len()))).unwrap_or_default()
    }

    /// Reads a list.
    fn list(&mut self) -> Value {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                b']' | 0 => break,
                b',' => self.pos += 1,
                _ => items.push(self.value()),
            }
        }
        self.pos += 1;
        Value::List(items)
    }

    /// Reads a map.
    fn map(&mut self) -> Value {
        self.pos += 1;
        let mut entries = Vec::new();
        loop {
            self.skip_space();
            match self.peek() {
                b'}' | 0 => break,
                b',' => self.pos += 1,
                _ => {
                    let key = self.value();
                    self.skip_space();
                    self.pos += 1; // the colon
                    let value = self.value();
                    let name = key.text().unwrap_or_default();
                    entries.push((Key { name, line: key.line, column: key.column }, value));
                }
            }
        }
        self.pos += 1;
        Value::Map(entries)
    }
}

// ---------------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------------

/// Reads YAML text into a tree.
///
/// # Errors
///
/// A [`ProfileError`] at the position of a syntax error, a duplicate key or a breached limit.
pub(crate) fn read_yaml(src: &Src) -> Result<Node, ProfileError> {
    match serde_saphyr::from_str_with_options::<Option<YamlNode>>(src.text, yaml_options()) {
        Ok(Some(node)) => Ok(node.into_node(src.text)),
        Ok(None) => Err(ProfileError::new(src.file, "the file is empty")),
        Err(e) => Err(yaml_error(src, &e)),
    }
}

/// The parser options: duplicate keys rejected, limits suited to a résumé.
fn yaml_options() -> Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_DEPTH,
            max_events: MAX_EVENTS,
            max_aliases: MAX_ALIASES,
            max_anchors: MAX_ALIASES,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_REPLAYED_EVENTS,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        with_snippet: false,
    }
}

/// Words a serde-saphyr error and places it.
fn yaml_error(src: &Src, e: &serde_saphyr::Error) -> ProfileError {
    let message = UserMessageFormatter.format_message(e).to_string();
    let message = message.rfind(" at line ").map_or(message.as_str(), |i| slice(&message, ..i)).to_owned();
    let hint = "check the indentation, and quote text that contains `: ` or starts with `*`, `&` or `[`";
    match e.location().filter(|l| l.line() > 0) {
        Some(at) => {
            let line = to_usize(at.line());
            src.error_at(line, to_usize(at.column()), format!("YAML: {message}")).with_hint(hint)
        }
        None => ProfileError::new(src.file, format!("YAML: {message}")).with_hint(hint),
    }
}

/// Converts a parser coordinate (saturating on exotic overflows).
fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A YAML node as serde reads it: the value, its position and its byte span (kept so that a
/// number can be read back as written: `3.50` stays `3.50`).
struct YamlNode {
    value: YamlValue,
    line: usize,
    column: usize,
    span: Option<(usize, usize)>,
}

/// A YAML value as serde reads it.
enum YamlValue {
    /// A null, boolean, number or string.
    Scalar(Value),
    /// A list.
    List(Vec<YamlNode>),
    /// A map.
    Map(Vec<(Key, YamlNode)>),
}

impl YamlNode {
    /// Converts into a [`Node`], numbers taking their source text.
    fn into_node(self, text: &str) -> Node {
        let value = match self.value {
            YamlValue::Scalar(Value::Number(n)) => {
                let raw = self.span.and_then(|(start, len)| text.get(start..start.checked_add(len)?));
                Value::Number(raw.map_or(n, |r| r.trim().to_owned()))
            }
            YamlValue::Scalar(v) => v,
            YamlValue::List(items) => Value::List(items.into_iter().map(|n| n.into_node(text)).collect()),
            YamlValue::Map(entries) => {
                Value::Map(entries.into_iter().map(|(k, n)| (k, n.into_node(text))).collect())
            }
        };
        Node { value, line: self.line, column: self.column }
    }
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<YamlInner>::deserialize(deserializer)?;
        let at = spanned.referenced;
        let span = at.span();
        let span = span.byte_offset().zip(span.byte_len()).map(|(s, l)| (to_usize(s), to_usize(l)));
        Ok(YamlNode {
            value: spanned.value.0,
            line: to_usize(at.line()),
            column: to_usize(at.column()),
            span,
        })
    }
}

/// A YAML value without its position, for `Spanned`.
struct YamlInner(YamlValue);

impl<'de> Deserialize<'de> for YamlInner {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor).map(YamlInner)
    }
}

/// Builds a [`YamlValue`] from whatever the YAML holds.
struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = YamlValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YamlValue, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Bool(b)))
    }
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Number(n.to_string())))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Number(n.to_string())))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Number(n.to_string())))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<YamlValue, E> {
        Ok(YamlValue::Scalar(Value::Text(s.to_owned())))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlValue, A::Error> {
        let mut items = Vec::new();
        while let Some(node) = seq.next_element()? {
            items.push(node);
        }
        Ok(YamlValue::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            let value: YamlNode = map.next_value()?;
            let (line, column) = (to_usize(key.referenced.line()), to_usize(key.referenced.column()));
            entries.push((Key { name: key.value.0, line, column }, value));
        }
        Ok(YamlValue::Map(entries))
    }
}

/// A map key: any scalar, as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(ValueVisitor)? {
            YamlValue::Scalar(Value::Text(t) | Value::Number(t)) => Ok(KeyText(t)),
            YamlValue::Scalar(Value::Bool(b)) => Ok(KeyText(b.to_string())),
            YamlValue::Scalar(_) => Ok(KeyText(String::new())),
            _ => Err(de::Error::custom("a map key must be text")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Src<'_> {
        Src { text, file: "t" }
    }

    #[test]
    fn json_positions_and_values() {
        let text = "{\n  \"a\": [1, \"x\\u00e9\"],\n\t\"b\": {\"c\": null, \"d\": true}\n}";
        let node = read_json(&src(text)).unwrap();
        let a = node.get("a").unwrap();
        assert_eq!((a.line, a.column), (2, 8));
        assert_eq!(a.items()[0].text().as_deref(), Some("1"));
        assert_eq!(a.items()[1].text().as_deref(), Some("xé"));
        let b = node.get("b").unwrap();
        assert_eq!((b.line, b.column), (3, 7));
        assert!(b.get("c").is_none());
        assert_eq!(b.text_of("d").as_deref(), Some("true"));
    }

    #[test]
    fn json_errors_name_line_and_column() {
        let e = read_json(&src("{\n  \"a\": [1, 2,],\n}")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 13), "{e}");
        assert!(e.message.contains("comma"), "{e}");
        let e = read_json(&src("{\n  \"a\": 1,\n}")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        let e = read_json(&src("{\"é\": \"x\" \"b\": 1}")).unwrap_err();
        assert_eq!((e.line, e.column), (1, 11), "{e}");
    }

    #[test]
    fn yaml_keeps_numbers_as_written() {
        let node = read_yaml(&src("a: 3.50\nb: [2021, x]\nc:\n  d: 1e3\n")).unwrap();
        assert_eq!(node.text_of("a").as_deref(), Some("3.50"));
        let b = node.get("b").unwrap();
        assert_eq!(b.items()[0].text().as_deref(), Some("2021"));
        assert_eq!((b.line, b.column), (2, 4));
        assert_eq!(node.get("c").unwrap().text_of("d").as_deref(), Some("1e3"));
    }

    #[test]
    fn yaml_errors_have_positions() {
        let e = read_yaml(&src("a: 1\na: 2\n")).unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
