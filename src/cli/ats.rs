//! `vitae ats PROFILE`: renders a profile as `vitae render` does, reads the PDF back from its
//! bytes as an applicant tracking system would ([`vitae::ats`]), and reports field by field
//! what comes back; exit 1 when a field is lost.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, report, report_error};
use vitae::theme::Paper;

/// Arguments of `vitae ats`.
#[derive(Debug, Args)]
pub struct AtsArgs {
    /// The profile to check.
    profile: PathBuf,
    /// A bundled layout name or a path to a layout file [default: the profile's `layout:`, else
    /// classic].
    #[arg(long, value_name = "NAME|PATH")]
    layout: Option<String>,
    /// Paper size, overriding the layout's: a4, letter, a5 or legal.
    #[arg(long, value_name = "PAPER")]
    paper: Option<String>,
    /// How to print the report: `human` (a table, the lost fields and hazards), `json` (every
    /// field, hazard and line read), or `text` (the lines each reading model read).
    #[arg(long, value_name = "FORMAT", default_value = "human", value_parser = ["human", "json", "text"])]
    format: String,
    /// Render in this language, as `render --lang` would.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

/// Renders, reads back and reports; returns the exit code.
pub fn run(args: &AtsArgs) -> u8 {
    let paper = match &args.paper {
        Some(p) => match Paper::from_name(p) {
            Some(paper) => Some(paper),
            None => {
                report_error(&format!("unknown paper `{p}`"), Some("use a4, letter, a5 or legal"));
                return EXIT_USAGE;
            }
        },
        None => None,
    };
    let checked = check(args, paper);
    let result = match checked {
        Ok(r) => r,
        Err(e) => {
            report(&e);
            return EXIT_FAILED;
        }
    };
    let text = match printed(&result, &args.format) {
        Ok(t) => t,
        Err(e) => {
            report_error(&format!("cannot write the report: {e}"), None);
            return EXIT_FAILED;
        }
    };
    match std::io::stdout().write_all(text.as_bytes()) {
        // A reader that stops early (`| head`) is no error; the exit code still tells.
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            report_error(&format!("cannot write to standard output: {e}"), None);
            return EXIT_FAILED;
        }
    }
    if result.lost().next().is_some() { EXIT_FAILED } else { EXIT_OK }
}

/// Returns the report as the format asks: the human table, JSON, or each model's lines.
fn printed(report: &vitae::ats::Report, format: &str) -> Result<String, serde_json::Error> {
    Ok(match format {
        "json" => serde_json::to_string_pretty(report)? + "\n",
        "text" => report
            .text
            .iter()
            .flat_map(|m| std::iter::once(format!("== {}", m.model.name())).chain(m.lines.iter().cloned()))
            .map(|l| l + "\n")
            .collect(),
        _ => report.to_string(),
    })
}

/// Loads the profile, renders it through the same engine and options as `vitae render`, and
/// checks the PDF's bytes.
fn check(args: &AtsArgs, paper: Option<Paper>) -> Result<vitae::ats::Report, vitae::Error> {
    let profile = vitae::load_profile_with(&args.profile, &vitae::LoadOptions { lang: args.lang.clone() })?;
    let overrides = vitae::Overrides { layout: args.layout.as_deref(), paper };
    let theme = vitae::resolve_theme(&profile, &overrides)?;
    let shared = vitae::Engine::shared();
    let own = shared.with_theme_fonts(&theme)?;
    let engine = own.as_ref().unwrap_or(shared);
    let rendered = engine.render(&profile, &theme, &vitae::RenderOptions::default())?;
    vitae::ats::check(&rendered.pdf, &profile, &theme).map_err(|e| vitae::Error::Io {
        path: args.profile.display().to_string(),
        reason: format!("the rendered PDF cannot be read back: {e}"),
    })
}
