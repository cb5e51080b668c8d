//! The converted profile as a small tree of maps, lists and text, written out as YAML in
//! vitae's own format.
//!
//! The emitter is deliberately plain: block style, two-space indentation, every text value in
//! double quotes with escapes (so no value is ever misread as a number, a boolean, a date, an
//! alias or a comment), and `#` comments wherever the converter left a note.

/// A value of the converted profile.
/// The keys from which vitae's loader tells an entry's kind (`docs/profile.md`, Entries).
const KIND_KEYS: [&str; 9] =
    ["kind", "position", "roles", "institution", "degree", "name", "label", "bullet", "text"];

/// The other keys a project entry takes: an entry with only these (a JSON Resume project whose
/// name is empty) is a project without a name.
const PROJECT_KEYS: [&str; 10] =
    ["url", "venue", "location", "date", "start", "end", "summary", "highlights", "numbered", "footer"];

/// Makes every entry of every section one vitae's loader can read, whatever a converter built:
/// an empty entry is dropped (it holds no text to lose), and an entry none of whose keys tells
/// its kind states `kind: project` when every key is one a project takes. Found by fuzzing: a
/// JSON Resume project with an empty name, a RenderCV entry of nothing but unknown keys.
pub(crate) fn settle_entries(root: &mut Map) {
    let Some(Out::List(sections)) = root.get_mut("sections") else { return };
    for section in sections {
        let Out::Map(section) = section else { continue };
        let Some(Out::List(entries)) = section.get_mut("entries") else { continue };
        entries.retain(|e| !matches!(e, Out::Map(m) if m.is_empty()));
        for entry in entries.iter_mut() {
            let Out::Map(m) = entry else { continue };
            let told = m.keys().any(|k| KIND_KEYS.contains(&k));
            if !told && m.keys().all(|k| PROJECT_KEYS.contains(&k)) {
                m.fields.insert(
                    0,
                    Field { key: "kind".into(), value: Out::Text("project".into()), notes: Vec::new() },
                );
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    /// Text, always written in double quotes.
    Text(String),
    /// A boolean.
    Bool(bool),
    /// A list.
    List(Vec<Out>),
    /// A map.
    Map(Map),
}

/// A map with its keys in the order they were added, and notes written as comments.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Map {
    /// The fields, in order.
    fields: Vec<Field>,
    /// Notes waiting for the next field, or written after the last one.
    pending: Vec<String>,
}

/// One key of a map, with the comment lines written above it.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    key: String,
    value: Out,
    notes: Vec<String>,
}

impl Map {
    /// Creates an empty map.
    pub fn new() -> Map {
        Map::default()
    }

    /// Adds a field.
    pub fn put(&mut self, key: &str, value: Out) {
        let notes = std::mem::take(&mut self.pending);
        self.fields.push(Field { key: key.to_owned(), value, notes });
    }

    /// Adds a text field when there is text.
    pub fn text(&mut self, key: &str, value: Option<String>) {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            self.put(key, Out::Text(v));
        }
    }

    /// Appends text to a text field, after `separator`, or adds the field when it is missing.
    pub fn append(&mut self, key: &str, text: String, separator: &str) {
        match self.fields.iter_mut().find(|f| f.key == key) {
            Some(Field { value: Out::Text(old), .. }) => {
                old.push_str(separator);
                old.push_str(&text);
            }
            Some(field) => field.value = Out::Text(text),
            None => self.put(key, Out::Text(text)),
        }
    }

    /// Appends items to a list field, or adds the field when it is missing.
    pub fn extend_list(&mut self, key: &str, items: Vec<Out>) {
        match self.fields.iter_mut().find(|f| f.key == key) {
            Some(Field { value: Out::List(old), .. }) => old.extend(items),
            Some(field) => field.value = Out::List(items),
            None => self.list(key, items),
        }
    }

    /// Adds a list field when the list is not empty.
    pub fn list(&mut self, key: &str, items: Vec<Out>) {
        if !items.is_empty() {
            self.put(key, Out::List(items));
        }
    }

    /// Adds a comment line, written above the next field (or at the end of the map).
    pub fn note(&mut self, note: impl Into<String>) {
        self.pending.push(note.into());
    }

    /// Returns the fields as key–value pairs (notes are dropped).
    pub fn into_fields(self) -> Vec<(String, Out)> {
        self.fields.into_iter().map(|f| (f.key, f.value)).collect()
    }

    /// Returns the number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Whether the map has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Whether the map has a field of that name.
    pub fn has(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }

    /// Returns the value of a key, to change it in place.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Out> {
        self.fields.iter_mut().find(|f| f.key == key).map(|f| &mut f.value)
    }

    /// Returns the keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(|f| f.key.as_str())
    }
}

/// Writes a document: header comment lines, then the top-level map.
pub(crate) fn emit(header: &[String], root: &Map) -> String {
    let mut out = String::new();
    for line in header {
        comment(&mut out, line, 0);
    }
    map(&mut out, root, 0, false);
    out
}

/// Writes comment lines at an indentation; a note with line breaks becomes several lines.
fn comment(out: &mut String, text: &str, indent: usize) {
    for line in text.lines() {
        out.push_str(&" ".repeat(indent));
        out.push('#');
        if !line.is_empty() {
            out.push(' ');
            push_printable(out, line.trim_end());
        }
        out.push('\n');
    }
}

/// Appends text to a comment with what YAML does not allow there (control characters, which
/// include a carriage return that would end the comment, and a byte-order mark) written as
/// `\uXXXX`: a note quoting the input may hold anything.
fn push_printable(out: &mut String, text: &str) {
    for c in text.chars() {
        if c != '\t' && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')) {
            out.push_str(&format!("\\u{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
}

/// Writes a map's fields at `indent`; with `inline` the first key follows a list's `- `.
fn map(out: &mut String, m: &Map, indent: usize, inline: bool) {
    for (i, field) in m.fields.iter().enumerate() {
        let continues_dash = inline && i == 0 && field.notes.is_empty();
        if inline && i == 0 && !continues_dash {
            // A comment cannot sit between `- ` and the key: start the map on its own line.
            if out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        }
        for note in &field.notes {
            comment(out, note, indent);
        }
        if !continues_dash {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&key(&field.key));
        out.push(':');
        value(out, &field.value, indent);
    }
    for note in &m.pending {
        comment(out, note, indent);
    }
}

/// Writes a value after `key:` (a scalar on the same line, a collection below it).
fn value(out: &mut String, v: &Out, indent: usize) {
    match v {
        Out::List(items) if items.is_empty() => out.push_str(" []\n"),
        Out::Map(m) if m.is_empty() => out.push_str(" {}\n"),
        Out::List(items) => {
            out.push('\n');
            list(out, items, indent + 2);
        }
        Out::Map(m) => {
            out.push('\n');
            map(out, m, indent + 2, false);
        }
        scalar => {
            out.push(' ');
            out.push_str(&scalar_text(scalar));
            out.push('\n');
        }
    }
}

/// Writes list items at `indent`.
fn list(out: &mut String, items: &[Out], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match item {
            Out::Map(m) if !m.is_empty() => {
                out.push(' ');
                map(out, m, indent + 2, true);
            }
            Out::List(inner) if !inner.is_empty() => {
                out.push('\n');
                list(out, inner, indent + 2);
            }
            other => value(out, other, indent),
        }
    }
}

/// Returns a scalar's YAML text.
fn scalar_text(v: &Out) -> String {
    match v {
        Out::Text(t) => quote(t),
        Out::Bool(b) => b.to_string(),
        Out::List(_) => "[]".into(),
        Out::Map(_) => "{}".into(),
    }
}

/// Writes a key: plain when it is a simple word, else quoted.
fn key(k: &str) -> String {
    let plain = !k.is_empty()
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && k.starts_with(|c: char| c.is_ascii_alphabetic());
    if plain { k.to_owned() } else { quote(k) }
}

/// Quotes text as a YAML double-quoted scalar: `"` and `\` escaped, line breaks as `\n`, and
/// every control or invisible line-separator character as `\uXXXX`.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_everything_that_could_be_misread() {
        assert_eq!(quote("yes"), "\"yes\"");
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(quote("one\ntwo\u{7}"), "\"one\\ntwo\\u0007\"");
        assert_eq!(quote("日本語"), "\"日本語\"");
    }

    #[test]
    fn comments_write_control_characters_as_escapes() {
        let mut out = String::new();
        comment(&mut out, "key `a\u{7f}b\rc`\tx", 2);
        assert_eq!(out, "  # key `a\\u007Fb\\u000Dc`\tx\n");
    }

    #[test]
    fn emits_nested_block_yaml_with_comments() {
        let mut entry = Map::new();
        entry.note("dropped: x");
        entry.put("position", Out::Text("CTO".into()));
        entry.put("highlights", Out::List(vec![Out::Text("a".into())]));
        let mut root = Map::new();
        root.put("name", Out::Text("Jane".into()));
        root.put("sections", Out::List(vec![Out::Map(entry)]));
        root.put("keywords", Out::List(Vec::new()));
        root.note("the end");
        let text = emit(&["header".into()], &root);
        assert_eq!(
            text,
            "# header\nname: \"Jane\"\nsections:\n  -\n    # dropped: x\n    position: \"CTO\"\n    \
             highlights:\n      - \"a\"\nkeywords: []\n# the end\n"
        );
    }
}
