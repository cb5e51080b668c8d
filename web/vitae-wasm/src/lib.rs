//! vitae's engine for the browser: the functions the playground (`web/`) calls through
//! `wasm-bindgen`. Each takes the editor's text and a JSON string of options and answers plain
//! data (PDF and PNG bytes, JSON reports), so the page needs no knowledge of Rust types.
//!
//! The work is done by the native functions of [`session`], which the unit tests call directly;
//! this file only converts their results for JavaScript. Nothing here reads a clock, a file or
//! the network: the profile's text comes in, the bytes go out.

pub mod report;
pub mod session;

use wasm_bindgen::prelude::*;

/// A finished render: the PDF (empty when the render failed) and the JSON report
/// (`session::RenderReport`: page count, warnings, error, text of each page).
#[wasm_bindgen(getter_with_clone)]
pub struct Outcome {
    /// The PDF file's bytes; empty when `report.error` is set.
    pub pdf: Vec<u8>,
    /// The report, as JSON.
    pub report: String,
}

/// Renders a profile's text to PDF. `format_hint` is `auto` (tell the format from the options'
/// `file` name and the text) or a format's name (`vitae`, `jsonresume`, `rendercv`,
/// `yamlresume`, `markdown`); `options_json` is `session::Options` as JSON (`{}` for defaults).
#[wasm_bindgen]
pub fn render(profile_text: &str, format_hint: &str, options_json: &str) -> Outcome {
    let (pdf, report) = session::render(profile_text, format_hint, options_json);
    Outcome { pdf, report: to_json(&report) }
}

/// Checks a profile without laying it out: loads it and resolves its layout, as `vitae check`
/// does; answers `session::CheckReport` as JSON.
#[wasm_bindgen]
pub fn check(profile_text: &str, format_hint: &str, options_json: &str) -> String {
    to_json(&session::check(profile_text, format_hint, options_json))
}

/// Converts a JSON Resume, RenderCV, YAMLResume or Markdown file's text into a vitae profile,
/// as `vitae import` does; answers `session::ImportReport` as JSON. Named `importFile` in
/// JavaScript, where `import` is a reserved word.
#[wasm_bindgen(js_name = importFile)]
pub fn import_file(text: &str, file_name: &str, format_hint: &str) -> String {
    to_json(&session::import(text, file_name, format_hint))
}

/// Rasterises page `index` (0-based) of a PDF at `dpi` into PNG bytes, with vitae's own
/// rasteriser, so the preview shows what prints.
///
/// # Errors
///
/// A JavaScript `Error` when the page does not exist, the resolution is out of range or the
/// PDF cannot be read.
#[wasm_bindgen]
pub fn preview(pdf: &[u8], index: usize, dpi: f32) -> Result<Vec<u8>, JsError> {
    vitae::png::page(pdf, index, dpi).map_err(|e| JsError::new(&e.to_string()))
}

/// Lists the bundled layouts' names as a JSON array, for the page's layout control.
#[wasm_bindgen]
pub fn layouts() -> String {
    to_json(&session::layouts())
}

/// Writes a report as JSON. The reports are plain structs of strings and numbers, which
/// `serde_json` always serialises; a failure would be a bug in this crate.
fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("reports are plain data and always serialise")
}
