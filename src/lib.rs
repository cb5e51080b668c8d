//! vitae: a typesetting engine for résumés.
//!
//! A structured profile goes in and a print-ready PDF comes out, through a pipeline whose
//! modules are its stages:
//!
//! profile (file → [`Profile`]) → theme (layout file → [`Theme`]) → content (styled blocks) →
//! layout (inline → flow → pages: → [`Document`]) → pdf (→ bytes).
//!
//! The stable surface is what this page lists: [`render`], [`Engine`], [`load_profile`],
//! [`resolve_theme`] and [`theme_for`], the types they take and give, and the importers'
//! ([`import`]) and ATS check's ([`ats`]) entries. The stages' own modules are public only for
//! vitae's command line, tests, benches and fuzzers, are hidden here and may change in any
//! release; `ARCHITECTURE.md` maps them.
//!
//! One call renders a profile in its own layout (`layout:`, else classic, with its `design:`):
//!
//! ```no_run
//! let profile = vitae::load_profile(std::path::Path::new("samples/anurag-mohanty.yaml"))?;
//! let out = vitae::render(&profile, &vitae::RenderOptions::default())?;
//! println!("{} pages, {} warnings", out.page_count(), out.warnings.len());
//! std::fs::write("anurag-mohanty.pdf", &out.pdf)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`render`] works through a process-wide [`Engine`], so a service calling it again and again
//! parses the fonts once and reuses shaped words. To choose the layout or the fonts yourself,
//! hold an engine: it is `Send + Sync`, so threads can share it, and its output is byte for
//! byte the same as [`render`]'s.
//!
//! ```no_run
//! use rayon::prelude::*;
//!
//! let engine = vitae::Engine::new();
//! let first = vitae::load_profile(std::path::Path::new("samples/anurag-mohanty.yaml"))?;
//! let theme = vitae::theme_for(&first, Some("classic"))?;
//! let options = vitae::RenderOptions::default();
//! let files = ["samples/anurag-mohanty.yaml", "samples/indradhanush-gupta.yaml"];
//! files.par_iter().try_for_each(|file| -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//!     let path = std::path::Path::new(file);
//!     let profile = vitae::load_profile(path)?;
//!     let out = engine.render(&profile, &theme, &options)?;
//!     std::fs::write(path.with_extension("pdf"), &out.pdf)?;
//!     Ok(())
//! })?;
//! # Ok::<(), Box<dyn std::error::Error + Send + Sync>>(())
//! ```

// The stable surface: the importers' entry and the ATS check, for programs that convert or
// check résumés as the CLI does.
pub mod ats;
pub mod import;

// Internal stages, reachable for vitae's own CLI, tests, benches and fuzzers but unstable: each
// is hidden from the documentation, and free to change in any release.
#[doc(hidden)]
pub mod content;
#[doc(hidden)]
pub mod fit;
#[doc(hidden)]
pub mod font;
#[doc(hidden)]
pub mod geom;
#[doc(hidden)]
pub mod layout;
#[doc(hidden)]
pub mod limits;
#[doc(hidden)]
pub mod locale;
#[doc(hidden)]
pub mod pdf;
#[doc(hidden)]
pub mod png;
#[doc(hidden)]
pub mod profile;
#[doc(hidden)]
pub mod punctuation;
#[doc(hidden)]
pub mod staged;
#[doc(hidden)]
pub mod theme;

pub(crate) mod cache;
pub(crate) mod calendar;
pub(crate) mod diag;
pub(crate) mod engine;
pub(crate) mod files;
pub(crate) mod strings;

#[doc(hidden)]
pub use content::Content;
pub use diag::{Error, Location, Warning, WarningKind};
pub use engine::Engine;
pub use fit::FitReport;
pub use font::FontError;
pub use layout::LayoutOptions;
pub use layout::frame::Document;
pub use pdf::{Compression, PdfError, Standards};
pub use profile::{Letter, LoadOptions, Profile, ProfileError};
pub use theme::{Paper, Theme, ThemeError};

/// Options for one render that are not part of the profile or layout.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Layout-stage options (creation date).
    pub layout: layout::LayoutOptions,
    /// The most pages the résumé may take (`--pages N`); wins over the layout's `pages`.
    pub pages: Option<usize>,
    /// The most pages a render may produce before it is refused (`--max-pages`); `None` means
    /// [`limits::DEFAULT_MAX_PAGES`]. A guard against runaway input, not a layout goal.
    pub max_pages: Option<usize>,
    /// The PDF standards to claim (`--standard`); wins over the profile's `standard:`, and
    /// without either [`pdf::Standards::DEFAULT`] (PDF/UA-1) is claimed.
    pub standards: Option<pdf::Standards>,
    /// Whether to attach the profile's source (`--no-embed-source` sets `Some(false)`); wins
    /// over the profile's `embed_source:`, and without either the source is attached.
    pub embed_source: Option<bool>,
    /// Whether entries' private `notes:` are printed (`--interview-copy`); without it they are
    /// left out, and so is the source that holds them (see `docs/tailoring.md`).
    pub interview_copy: bool,
    /// How the PDF's streams are compressed (`--compress`).
    pub compression: Compression,
}

/// The result of a render.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// The laid-out pages (for dumps and tests).
    pub document: Document,
    /// Problems worked around; the PDF is still complete.
    pub warnings: Vec<Warning>,
    /// What fitting to a page limit changed, when a limit was set.
    pub fit: Option<fit::FitReport>,
    /// How many full layouts the render ran: one when the natural layout is kept, at most
    /// [`fit::MAX_LAYOUTS`] when fitting tightens, [`fit::MAX_LAYOUTS_DROPPING`] when it also
    /// drops items by priority.
    pub layouts: usize,
}

/// Reads a profile file in any supported format: vitae's own YAML, JSON Resume (`.json`, or
/// YAML with `basics:`/`work:`), RenderCV (YAML with `cv:`) or Markdown (`.md`, `.txt`); see
/// [`import::load_any`] and `docs/formats.md`.
pub fn load_profile(path: &std::path::Path) -> Result<Profile, profile::ProfileError> {
    import::load_any(path)
}

/// Reads a profile file as [`load_profile`] does, in the language the options choose: a
/// profile may give its texts in several languages (`languages: [en, de]`,
/// `title: {en: Engineer, de: Ingenieur}`), and everything that follows the profile's language
/// (the locale's words and dates, hyphenation, the PDF's `/Lang`) follows the chosen one.
///
/// # Errors
///
/// As [`load_profile`]; also when `options.lang` is a language the profile does not offer.
pub fn load_profile_with(
    path: &std::path::Path,
    options: &LoadOptions,
) -> Result<Profile, profile::ProfileError> {
    import::load_in(path, &import::ImportOptions::default(), options)
}

/// Loads the layout for a profile: the command line's choice, else the profile's `layout:`,
/// else `classic`, with the profile's `design:` overrides applied.
pub fn theme_for(profile: &Profile, layout: Option<&str>) -> Result<Theme, Error> {
    resolve_theme(profile, &Overrides { layout, paper: None })
}

/// What the caller (the command line) chooses over the profile and its layout.
#[derive(Debug, Clone, Copy, Default)]
pub struct Overrides<'a> {
    /// A bundled layout's name or a layout file's path, over the profile's `layout:`.
    pub layout: Option<&'a str>,
    /// A paper size, over the layout's and the profile's `design:`.
    pub paper: Option<theme::Paper>,
}

/// Resolves the layout a profile renders in: the overriding layout, else the profile's
/// `layout:`, else `classic`; then the profile's `design:` (errors point at its line and key);
/// then the overriding paper. `vitae check`, `vitae render`, `--watch` and [`render`] all go
/// through this one function, so a profile that checks can never fail to render for its
/// configuration.
///
/// # Errors
///
/// A [`Error::Theme`] when the layout cannot be read or the design names an unknown option or
/// a bad value.
pub fn resolve_theme(profile: &Profile, overrides: &Overrides) -> Result<Theme, Error> {
    let name = overrides.layout.or(profile.layout.as_deref()).unwrap_or(DEFAULT_LAYOUT);
    let named_at = profile.layout_at.0.as_ref().filter(|_| overrides.layout.is_none());
    let mut theme = theme::resolve(name, profile.design.as_ref()).map_err(|e| match named_at {
        Some(at) => placed_at_reference(e, name, at),
        None => e,
    })?;
    if let Some(paper) = overrides.paper {
        theme.page.paper = paper;
    }
    Ok(theme)
}

/// Places an error about the layout a profile names (no layout of that name, a file that
/// cannot be read or is not a layout) at the profile's `layout:` line; an error inside the
/// layout file stays placed in that file.
fn placed_at_reference(e: theme::ThemeError, name: &str, at: &Location) -> theme::ThemeError {
    if e.file != name || e.line != 0 {
        return e;
    }
    let message = format!("`layout: {name}`: {}", e.message);
    theme::ThemeError { file: at.file.clone(), line: at.line, column: at.column, message, hint: e.hint }
}

/// The layout used when neither the command line nor the profile names one.
pub const DEFAULT_LAYOUT: &str = "classic";

impl Rendered {
    /// Returns the number of pages of the PDF.
    pub fn page_count(&self) -> usize {
        self.document.pages.len()
    }
}

/// Renders a profile to PDF bytes in its own layout (its `layout:`, else classic, with its
/// `design:` overrides), through a process-wide [`Engine`] made on first use: repeated calls
/// share fonts and caches, and give the same bytes as a fresh engine would.
pub fn render(profile: &Profile, options: &RenderOptions) -> Result<Rendered, Error> {
    let theme = theme_for(profile, None)?;
    Engine::shared().render(profile, &theme, options)
}

/// Renders a profile in a given theme with given fonts to PDF bytes: the whole pipeline, which
/// [`render`] and [`Engine::render`] call. The driver ([`fit::Driver`]) lays the profile out,
/// fitting it to the page limit when one is set; the dates it records are resolved once.
#[doc(hidden)]
pub fn render_with(
    profile: &Profile,
    theme: &Theme,
    fonts: &font::FontBook,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    // Private notes are left out unless for an interview copy, whatever the caller.
    let hidden = if options.interview_copy { None } else { profile.without_notes() };
    let profile = hidden.as_ref().unwrap_or(profile);
    let dates = fit::Dates::resolve(profile, &options.layout);
    let limit = options.pages.or(profile.pages).or(theme.pages);
    let fitted = fit::Driver::new(profile, theme, fonts, dates).run(limit);
    check_page_count(&fitted.document, options)?;
    let (pdf, fallback) = export_pdf(&fitted.document, fonts, profile, options, profile.source.as_ref())?;
    // What reading the file noticed comes first, in the order of the file.
    let warnings = profile.notes.iter().cloned().chain(fitted.warnings).chain(fallback).collect();
    Ok(Rendered { pdf, document: fitted.document, warnings, fit: fitted.report, layouts: fitted.layouts })
}

/// The pages a cover letter must fit on: one, as a letter's reader expects.
pub const LETTER_PAGES: usize = 1;

/// Renders a profile's cover letter (`profile.letter`, or any letter) to PDF bytes in the
/// profile's own layout, through the process-wide [`Engine`]; see [`Engine::render_letter`].
pub fn render_letter(
    profile: &Profile,
    letter: &profile::Letter,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let theme = theme_for(profile, None)?;
    Engine::shared().render_letter(profile, letter, &theme, options)
}

/// Renders a profile's cover letter in a theme with given fonts: the letter's content (the
/// résumé's letterhead, then the letter) through the same driver, fitted to
/// [`LETTER_PAGES`] page; a letter that cannot fit even tightened keeps its pages and gets a
/// warning naming it. `options.pages` is the résumé's and does not apply. The PDF carries no
/// source attachment: the profile's source is the résumé's, not the letter's.
#[doc(hidden)]
pub fn render_letter_with(
    profile: &Profile,
    letter: &profile::Letter,
    theme: &Theme,
    fonts: &font::FontBook,
    options: &RenderOptions,
) -> Result<Rendered, Error> {
    let dates = fit::Dates::resolve(profile, &options.layout);
    let fitted = fit::Driver::new(profile, theme, fonts, dates).letter(letter).fit(LETTER_PAGES);
    check_page_count(&fitted.document, options)?;
    let (pdf, fallback) = export_pdf(&fitted.document, fonts, profile, options, None)?;
    let warnings = profile.notes.iter().cloned().chain(fitted.warnings).chain(fallback).collect();
    Ok(Rendered { pdf, document: fitted.document, warnings, fit: fitted.report, layouts: fitted.layouts })
}

/// Exports the PDF with the standards the options, else the profile, ask for, attaching
/// `source` unless the options, else the profile, say not to.
/// When neither names a standard and the default (PDF/UA-1) cannot be met (say, a character
/// no font has), the PDF is written claiming none, with a warning saying why: the default must
/// never stop a render that worked without it.
fn export_pdf(
    document: &Document,
    fonts: &font::FontBook,
    profile: &Profile,
    options: &RenderOptions,
    source: Option<&String>,
) -> Result<(Vec<u8>, Option<Warning>), Error> {
    let asked = options.standards.or(profile.standard);
    let embed = options.embed_source.or(profile.embed_source).unwrap_or(true);
    let mut export = pdf::ExportOptions {
        standards: asked.unwrap_or(pdf::Standards::DEFAULT),
        source: source.cloned().filter(|_| embed),
        compression: options.compression,
    };
    match pdf::export_with(document, fonts, &export) {
        Err(pdf::PdfError::Validation { problems, .. }) if asked.is_none() => {
            let message =
                format!("the PDF claims no standard, as PDF/UA-1 cannot be met: {}", problems.join("; "));
            export.standards = pdf::Standards::NONE;
            Ok((pdf::export_with(document, fonts, &export)?, Some(Warning::new(message))))
        }
        other => Ok((other?, None)),
    }
}

/// Refuses a document longer than the page limit, before the PDF is written.
fn check_page_count(document: &Document, options: &RenderOptions) -> Result<(), Error> {
    let limit = options.max_pages.unwrap_or(limits::DEFAULT_MAX_PAGES);
    let pages = document.pages.len();
    if pages > limit {
        return Err(Error::TooManyPages { pages, limit });
    }
    Ok(())
}
