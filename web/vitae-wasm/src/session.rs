//! The playground's operations as native Rust: parse the options, load the text, render,
//! check or import, and describe the result in a report. `lib.rs` only hands these to
//! JavaScript, so everything here is tested natively (`cargo test` in this folder).

use std::path::Path;

use serde::{Deserialize, Serialize};
use vitae::import::{self, Format, ImportOptions};
use vitae::layout::frame::Item;

use crate::report::Diagnostic;

/// The file name diagnostics about bad options are placed in.
const OPTIONS_FILE: &str = "options";

/// The name the editor's text goes by when the options name none: a YAML file, so that the
/// automatic format detection reads its top-level keys.
const DEFAULT_FILE: &str = "profile.yaml";

/// What the page's controls choose over the profile (the command line's `--layout`,
/// `--paper` and `--pages`), plus the name the text goes by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// The name of the text in messages; its extension tells the format under `auto`.
    pub file: Option<String>,
    /// A bundled layout's name, over the profile's `layout:`.
    pub layout: Option<String>,
    /// A paper name (`a4`, `letter`, `a5`, `legal`), over the layout's.
    pub paper: Option<String>,
    /// The most pages the résumé may take, over the profile's and layout's `pages`.
    pub pages: Option<usize>,
}

impl Options {
    /// Parses the options' JSON; an empty string means the defaults.
    pub fn parse(json: &str) -> Result<Options, Diagnostic> {
        if json.trim().is_empty() {
            return Ok(Options::default());
        }
        serde_json::from_str(json).map_err(|e| Diagnostic {
            line: e.line(),
            column: e.column(),
            hint: Some("the fields are file, layout, paper and pages".into()),
            ..Diagnostic::whole(OPTIONS_FILE, format!("the options are not valid: {e}"))
        })
    }

    /// Returns the name the text goes by.
    pub fn file(&self) -> &str {
        self.file.as_deref().unwrap_or(DEFAULT_FILE)
    }

    /// Resolves the layout and paper into the overrides a render takes. Only bundled layouts
    /// are offered: a layout file would have to be read from a file system the browser has not.
    fn overrides(&self) -> Result<vitae::Overrides<'_>, Diagnostic> {
        if let Some(name) = &self.layout
            && !vitae::theme::BUNDLED.iter().any(|(n, _)| n == name)
        {
            let names: Vec<&str> = vitae::theme::BUNDLED.iter().map(|(n, _)| *n).collect();
            let hint = format!("the bundled layouts are: {}", names.join(", "));
            return Err(Diagnostic { hint: Some(hint), ..bad_option(format!("no layout named `{name}`")) });
        }
        let paper = match &self.paper {
            Some(name) => Some(vitae::Paper::from_name(name).ok_or_else(|| Diagnostic {
                hint: Some("the papers are a4, letter, a5 and legal".into()),
                ..bad_option(format!("no paper named `{name}`"))
            })?),
            None => None,
        };
        Ok(vitae::Overrides { layout: self.layout.as_deref(), paper })
    }
}

/// The error for an option with a value vitae does not know.
fn bad_option(message: String) -> Diagnostic {
    Diagnostic::whole(OPTIONS_FILE, message)
}

/// What a render answers besides the PDF.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RenderReport {
    /// The pages of the PDF; 0 when it failed.
    pub page_count: usize,
    /// Problems worked around, in the order of the file first, then of the layout.
    pub warnings: Vec<Diagnostic>,
    /// Why there is no PDF.
    pub error: Option<Diagnostic>,
    /// Each page's text, in the order it was laid out: the preview images' alternative text.
    pub page_text: Vec<String>,
}

/// Renders the text to PDF: load in the hinted format, resolve the layout with the options
/// over the profile, render through the shared engine. The PDF is empty when the report has
/// an error.
pub fn render(text: &str, format_hint: &str, options_json: &str) -> (Vec<u8>, RenderReport) {
    match try_render(text, format_hint, options_json) {
        Ok(done) => done,
        Err(error) => (Vec::new(), RenderReport { error: Some(error), ..RenderReport::default() }),
    }
}

/// Renders, stopping at the first error.
fn try_render(
    text: &str,
    format_hint: &str,
    options_json: &str,
) -> Result<(Vec<u8>, RenderReport), Diagnostic> {
    let options = Options::parse(options_json)?;
    let file = options.file();
    let (profile, theme) = load(text, format_hint, &options)?;
    let render_options = vitae::RenderOptions { pages: options.pages, ..vitae::RenderOptions::default() };
    let rendered = vitae::Engine::shared()
        .render(&profile, &theme, &render_options)
        .map_err(|e| Diagnostic::from_error(&e, file))?;
    let report = RenderReport {
        page_count: rendered.page_count(),
        warnings: rendered.warnings.iter().map(|w| Diagnostic::from_warning(w, file)).collect(),
        error: None,
        page_text: page_text(&rendered.document),
    };
    Ok((rendered.pdf, report))
}

/// Loads the profile in the hinted format and resolves its layout: the steps `check` and
/// `render` share, as `vitae check` and `vitae render` share them.
fn load(
    text: &str,
    format_hint: &str,
    options: &Options,
) -> Result<(vitae::Profile, vitae::Theme), Diagnostic> {
    let format = parse_format(format_hint)?;
    let file = options.file();
    let profile = import::load_text(text, file, &ImportOptions { strict: false, format })
        .map_err(|e| Diagnostic::from_profile(&e))?;
    let theme = vitae::resolve_theme(&profile, &options.overrides()?)
        .map_err(|e| Diagnostic::from_error(&e, file))?;
    Ok((profile, theme))
}

/// Reads a format hint: `auto` (or nothing) lets vitae tell, else the format's name.
pub fn parse_format(hint: &str) -> Result<Option<Format>, Diagnostic> {
    let format = match hint.trim().to_ascii_lowercase().as_str() {
        "" | "auto" => return Ok(None),
        "vitae" => Format::Vitae,
        "jsonresume" | "json-resume" => Format::JsonResume,
        "rendercv" => Format::RenderCv,
        "yamlresume" => Format::YamlResume,
        "markdown" | "md" => Format::Markdown,
        other => {
            return Err(Diagnostic {
                hint: Some(
                    "the formats are auto, vitae, jsonresume, rendercv, yamlresume and markdown".into(),
                ),
                ..bad_option(format!("no format named `{other}`"))
            });
        }
    };
    Ok(Some(format))
}

/// Returns each page's text: its runs in the order they were laid out, one space between runs.
fn page_text(document: &vitae::Document) -> Vec<String> {
    let runs = |page: &vitae::layout::frame::Page| -> Vec<String> {
        page.items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Text(run) => Some(run.text.clone()),
                _ => None,
            })
            .collect()
    };
    document.pages.iter().map(|page| runs(page).join(" ")).collect()
}

/// What a check answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CheckReport {
    /// What loading noticed (keys of a foreign format left out).
    pub warnings: Vec<Diagnostic>,
    /// Why the profile would not render.
    pub error: Option<Diagnostic>,
}

/// Checks the text without laying it out: loads it and resolves its layout.
pub fn check(text: &str, format_hint: &str, options_json: &str) -> CheckReport {
    let checked: Result<Vec<Diagnostic>, Diagnostic> = Options::parse(options_json).and_then(|options| {
        let (profile, _) = load(text, format_hint, &options)?;
        Ok(profile.notes.iter().map(|w| Diagnostic::from_warning(w, options.file())).collect())
    });
    match checked {
        Ok(warnings) => CheckReport { warnings, error: None },
        Err(error) => CheckReport { warnings: Vec::new(), error: Some(error) },
    }
}

/// What an import answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// The format read, in words (`JSON Resume`).
    pub format: String,
    /// The profile in vitae's YAML, with comments on what was left out; empty on error.
    pub yaml: String,
    /// What could not be carried over, placed in the imported file.
    pub notes: Vec<Diagnostic>,
    /// The bundled layout closest to the file's own design, when it names one.
    pub layout: Option<String>,
    /// Why the file could not be imported.
    pub error: Option<Diagnostic>,
}

/// Converts a foreign file's text into a vitae profile, as `vitae import` does; a vitae
/// profile comes back as it is, so that the page opens any file it is given the same way.
pub fn import(text: &str, file_name: &str, format_hint: &str) -> ImportReport {
    match try_import(text, file_name, format_hint) {
        Ok(report) => report,
        Err(error) => ImportReport { error: Some(error), ..ImportReport::default() },
    }
}

/// Converts, stopping at the first error.
fn try_import(text: &str, file_name: &str, format_hint: &str) -> Result<ImportReport, Diagnostic> {
    let format = parse_format(format_hint)?.unwrap_or_else(|| import::detect(Path::new(file_name), text));
    if format == Format::Vitae {
        let format = format.to_string();
        return Ok(ImportReport { format, yaml: text.to_owned(), ..ImportReport::default() });
    }
    let conversion =
        import::convert_str(text, file_name, format).map_err(|e| Diagnostic::from_profile(&e))?;
    let notes = conversion
        .notes
        .iter()
        .map(|n| Diagnostic {
            line: n.line,
            column: n.column,
            ..Diagnostic::whole(file_name, n.message.clone())
        })
        .collect();
    Ok(ImportReport {
        format: conversion.format.to_string(),
        yaml: conversion.yaml,
        notes,
        layout: conversion.layout.map(str::to_owned),
        error: None,
    })
}

/// Returns the bundled layouts' names, in vitae's order.
pub fn layouts() -> Vec<&'static str> {
    vitae::theme::BUNDLED.iter().map(|(name, _)| *name).collect()
}

#[cfg(test)]
mod tests;
