//! Loading a layout: by bundled name or path, with a profile's `design:` merged in, and the
//! errors that place a fault in the layout file or in the design.

use std::borrow::Cow;
use std::path::Path;

use super::{BUNDLED, BUNDLED_TREES, Theme, fonts, values};

/// A layout file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeError {
    /// The layout's file name or bundled name.
    pub file: String,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl std::fmt::Display for ThemeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            0 => write!(f, "{}: {}", self.file, self.message),
            // A line without a known column prints as `file:line:`, never as column 0.
            l if self.column == 0 => write!(f, "{}:{}: {}", self.file, l, self.message),
            l => write!(f, "{}:{}:{}: {}", self.file, l, self.column, self.message),
        }
    }
}

impl std::error::Error for ThemeError {}

/// Loads a layout by bundled name (`classic`) or by path to a YAML file.
pub fn load(name_or_path: &str) -> Result<Theme, ThemeError> {
    resolve(name_or_path, None)
}

/// Loads a layout and applies a profile's `design:` overrides to it. A bundled layout without a
/// design is read straight from the JSON `build.rs` derived from it, in one pass. Otherwise the
/// layout is read once into a tree (from that JSON, or by parsing a layout file's YAML), the
/// design merged into that tree, and the result read into a [`Theme`] once. Only when that
/// fails is the layout parsed alone, to tell whether the fault is the layout's (placed at its
/// line and column) or the design's (placed at the option).
pub fn resolve(name_or_path: &str, design: Option<&crate::profile::Design>) -> Result<Theme, ThemeError> {
    let layout = source(name_or_path)?;
    let (src, file) = (layout.yaml.as_ref(), layout.file.as_str());
    let read = match (layout.json, design) {
        (Some(json), None) => serde_json::from_str::<Theme>(json),
        _ => serde_json::from_value::<Theme>(designed_tree(&layout, design)?),
    };
    let mut theme = read.map_err(|e| blame(src, file, design, |d| design_error(&e.to_string(), d)))?;
    theme.roles.fill_hyphenation_defaults();
    theme.dates.check().map_err(|message| {
        blame(src, file, design, |d| ThemeError {
            file: d.file.clone(),
            line: d.line,
            column: 0,
            message: message.clone(),
            hint: None,
        })
    })?;
    read_fonts(&mut theme, src, file, design)?;
    Ok(theme)
}

/// A layout's text: its YAML, the name its errors use, and for a bundled layout the JSON
/// `build.rs` derived from that YAML.
struct Layout {
    /// The YAML source: bundled, or read from the layout file.
    yaml: Cow<'static, str>,
    /// The name errors use: `layouts/classic.yaml` for a bundled layout, else the path given.
    file: String,
    /// The bundled layout's tree as JSON; `None` for a layout file.
    json: Option<&'static str>,
}

/// Returns the layout's tree with the design, if any, merged in: a bundled layout's tree from
/// its JSON (a YAML parse only were that JSON ever unreadable, which a test rules out), a
/// layout file's by parsing its YAML.
fn designed_tree(
    layout: &Layout,
    design: Option<&crate::profile::Design>,
) -> Result<serde_json::Value, ThemeError> {
    let bundled = layout.json.and_then(|json| serde_json::from_str(json).ok());
    let mut tree = bundled.map_or_else(|| layout_tree(&layout.yaml, &layout.file), Ok)?;
    if let Some(design) = design {
        merge(&mut tree, &design.value);
    }
    Ok(tree)
}

/// Parses a layout's YAML into a tree, refusing YAML that is not a layout; a syntax error is
/// placed by the typed parse.
fn layout_tree(src: &str, file: &str) -> Result<serde_json::Value, ThemeError> {
    match serde_saphyr::from_str::<serde_json::Value>(src) {
        Ok(tree) => {
            check_is_layout(&tree, file)?;
            Ok(tree)
        }
        Err(e) => Err(typed(src, file).err().unwrap_or_else(|| yaml_error(&e, file))),
    }
}

/// Returns the error for a layout that failed to resolve: the layout's own error when the
/// layout alone is at fault, else the design's (made by `design_fault`), else (no design, and
/// the layout alone reads: never expected) an error naming the layout file.
fn blame(
    src: &str,
    file: &str,
    design: Option<&crate::profile::Design>,
    design_fault: impl FnOnce(&crate::profile::Design) -> ThemeError,
) -> ThemeError {
    if let Err(e) = typed(src, file) {
        return e;
    }
    match design {
        Some(d) => design_fault(d),
        None => ThemeError {
            file: file.into(),
            line: 0,
            column: 0,
            message: "the layout cannot be read".into(),
            hint: None,
        },
    }
}

/// Reads the font files of the theme's `fonts:`: a design's list (relative to the profile)
/// replaces the layout's; without one, the layout's (relative to the layout file).
fn read_fonts(
    theme: &mut Theme,
    src: &str,
    file: &str,
    design: Option<&crate::profile::Design>,
) -> Result<(), ThemeError> {
    // Most layouts name no font file: then there is nothing to read, nor lines to index for
    // placing an error (40,750 of a bundled layout's 93,525 instructions).
    if theme.fonts.is_empty() {
        return Ok(());
    }
    let origin = match design.filter(|d| d.value.get("fonts").is_some()) {
        Some(d) => fonts::Origin {
            file: &d.file,
            lines: d.lines.iter().map(String::as_str).collect(),
            first_line: d.line,
            dir: fonts::folder_of(&d.file),
        },
        None => {
            fonts::Origin { file, lines: src.lines().collect(), first_line: 1, dir: fonts::folder_of(file) }
        }
    };
    fonts::read_all(&mut theme.fonts, &origin)
}

/// Returns a layout's text: a bundled layout's by name (its YAML and derived JSON, not copied),
/// else the file's at the path.
fn source(name_or_path: &str) -> Result<Layout, ThemeError> {
    if let Some((name, src)) = BUNDLED.iter().find(|(n, _)| *n == name_or_path) {
        let json = BUNDLED_TREES.iter().find(|(n, _)| n == name).map(|(_, json)| *json);
        return Ok(Layout { yaml: Cow::Borrowed(src), file: format!("layouts/{name}.yaml"), json });
    }
    let looks_like_path = name_or_path.contains(['/', '\\', '.']);
    if !looks_like_path {
        let names: Vec<_> = BUNDLED.iter().map(|(n, _)| *n).collect();
        return Err(ThemeError {
            file: name_or_path.into(),
            line: 0,
            column: 0,
            message: format!("no layout named `{name_or_path}`"),
            hint: Some(format!("the bundled layouts are: {}", names.join(", "))),
        });
    }
    let fail =
        |message: String| ThemeError { file: name_or_path.into(), line: 0, column: 0, message, hint: None };
    let src =
        crate::files::read_text(Path::new(name_or_path), crate::limits::MAX_LAYOUT_BYTES).map_err(|e| {
            fail(match e {
                crate::files::TextError::Read(e) => format!("cannot read the layout file: {e}"),
                crate::files::TextError::Utf8 { .. } => "the layout file is not UTF-8 text".to_owned(),
            })
        })?;
    Ok(Layout { yaml: Cow::Owned(src), file: name_or_path.to_string(), json: None })
}

/// Deep-merges `over` into `base`: maps merge key by key, anything else replaces.
fn merge(base: &mut serde_json::Value, over: &serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        (slot, v) => *slot = v.clone(),
    }
}

/// Turns a problem in a profile's `design:` block into an error pointing at the option.
fn design_error(message: &str, design: &crate::profile::Design) -> ThemeError {
    let message = message.split(" at line ").next().unwrap_or(message).to_string();
    let key = message.split('`').nth(1).unwrap_or("").to_string();
    let offset = design.lines.iter().position(|l| l.trim_start().starts_with(&format!("{key}:")));
    let line = offset.map_or(design.line, |o| design.line + o);
    let column = offset.map_or(0, |o| design.lines[o].len() - design.lines[o].trim_start().len() + 1);
    let expected: Vec<&str> = message
        .split_once("expected one of ")
        .map(|(_, rest)| rest.split(", ").map(|w| w.trim_matches('`')).collect())
        .unwrap_or_default();
    let hint = crate::profile::suggest::closest(&key, &expected).map(|b| format!("did you mean `{b}`?"));
    let message = if message.starts_with("unknown field") {
        format!("unknown design option `{key}`")
    } else {
        format!("invalid design option: {message}")
    };
    ThemeError { file: design.file.clone(), line, column, message, hint }
}

/// Converts a YAML error in a layout file.
fn yaml_error(e: &serde_saphyr::Error, file: &str) -> ThemeError {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
    ThemeError { file: file.into(), line, column, message: values::first_line(&e.to_string()), hint: None }
}

/// The top-level keys every layout file has: a YAML file with neither is some other file, whose
/// contents an error must not echo (it may be a key file named by mistake).
const LAYOUT_MARKERS: [&str; 2] = ["name", "page"];

/// Refuses YAML that is not a layout at all: not a map, or a map with none of the keys every
/// layout has.
fn check_is_layout(value: &serde_json::Value, file: &str) -> Result<(), ThemeError> {
    if value.as_object().is_some_and(|m| LAYOUT_MARKERS.iter().any(|k| m.contains_key(*k))) {
        return Ok(());
    }
    Err(ThemeError {
        file: file.into(),
        line: 0,
        column: 0,
        message: "the file as a whole is not a vitae layout (a YAML map with `name:`, `page:` and the other options)"
            .into(),
        hint: Some("name a bundled layout (`vitae layouts` lists them) or a layout file; docs/layouts.md describes them".into()),
    })
}

/// Parses a layout from YAML source; `file` names it in errors. Font files are read relative
/// to `file`'s folder.
pub fn parse(src: &str, file: &str) -> Result<Theme, ThemeError> {
    layout_tree(src, file)?;
    let mut theme = typed(src, file)?;
    read_fonts(&mut theme, src, file, None)?;
    Ok(theme)
}

/// Reads a layout's YAML straight into a [`Theme`], so that an error is placed at its line and
/// column, and checks its dates; reads no font file.
fn typed(src: &str, file: &str) -> Result<Theme, ThemeError> {
    let mut theme = serde_saphyr::from_str::<Theme>(src).map_err(|e| yaml_error(&e, file))?;
    theme.roles.fill_hyphenation_defaults();
    theme.dates.check().map_err(|message| ThemeError {
        file: file.into(),
        line: 0,
        column: 0,
        message,
        hint: None,
    })?;
    Ok(theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_read_through_its_tree_is_the_layout_read_directly() {
        // `resolve` reads the layout from a parsed tree (so a design merges into it without a
        // second parse); that must give the very theme the direct, located parse gives.
        for (name, src) in BUNDLED {
            let direct = typed(src, name).unwrap();
            assert_eq!(format!("{:?}", load(name).unwrap()), format!("{direct:?}"), "{name}");
        }
    }

    #[test]
    fn bundled_trees_are_the_yaml() {
        // build.rs derives each bundled layout's JSON from its YAML; the two must hold the same
        // tree, key for key and number for number, so the JSON cannot drift from the file.
        let names =
            |t: &'static [(&'static str, &'static str)]| t.iter().map(|(n, _)| *n).collect::<Vec<_>>();
        assert_eq!(names(BUNDLED_TREES), names(BUNDLED));
        for ((name, yaml), (_, json)) in BUNDLED.iter().zip(BUNDLED_TREES) {
            let from_yaml: serde_json::Value = serde_saphyr::from_str(yaml).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(from_json, from_yaml, "{name}");
            assert_eq!(source(name).unwrap().json, Some(*json), "{name}");
        }
    }

    #[test]
    fn a_bundled_layout_with_a_design_reads_as_its_yaml_with_the_design() {
        // With a design, a bundled layout's tree comes from its JSON; the design merged into the
        // YAML's own tree must give the same theme.
        let design = crate::profile::Design {
            value: serde_json::json!({"justify": false, "roles": {"body": {"size": "11pt"}}}),
            file: "cv.yaml".into(),
            line: 1,
            lines: vec![],
        };
        for (name, yaml) in BUNDLED {
            let mut tree = layout_tree(yaml, name).unwrap();
            merge(&mut tree, &design.value);
            let expected = serde_json::from_value::<Theme>(tree).map(|mut t| {
                t.roles.fill_hyphenation_defaults();
                t
            });
            let got = resolve(name, Some(&design)).unwrap();
            assert_eq!(format!("{got:?}"), format!("{:?}", expected.unwrap()), "{name}");
        }
    }
}
