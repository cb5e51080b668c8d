//! `vitae check`: loads and validates profiles without rendering: the profile, then its layout
//! and `design:` through the same [`vitae::resolve_theme`] a render uses, so `check` and `render`
//! agree, and each variant's layout and design the same way (`render --variant` resolves them
//! through it too). What reading a foreign file noticed is printed as warnings, as a render prints them. A
//! profile whose loading panics (a bug) fails alone; the others are still checked.

use std::path::PathBuf;

use clap::Args;

use super::options::PaperArg;
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, panics, report, report_error, warn};

/// Arguments of `vitae check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Profiles or folders of them, as `vitae render` takes them (YAML, JSON Resume .json,
    /// RenderCV, Markdown .md).
    #[arg(required = true)]
    profiles: Vec<PathBuf>,
    /// Check against this layout (a bundled name or a layout file), as `render --layout` would.
    #[arg(long, value_name = "NAME|PATH")]
    layout: Option<String>,
    /// Check with this paper size, as `render --paper` would.
    #[arg(long, value_enum, ignore_case = true, value_name = "PAPER")]
    paper: Option<PaperArg>,
    /// Check in this language, as `render --lang` would (every language a profile offers is
    /// validated either way; this chooses whose missing texts are warned about).
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
}

/// Checks each profile; prints `ok: FILE` or the error.
pub fn run(args: &CheckArgs) -> u8 {
    let files = match inputs::expand(&args.profiles) {
        Ok(f) => f,
        Err(e) => {
            report_error(&e, None);
            return EXIT_USAGE;
        }
    };
    let paper = args.paper.map(PaperArg::paper);
    let overrides = vitae::Overrides { layout: args.layout.as_deref(), paper };
    let mut failed = false;
    for file in &files {
        let loaded = panics::catch(|| {
            panics::test_hook(file);
            let load = vitae::LoadOptions { lang: args.lang.clone() };
            let profile = vitae::load_profile_with(file, &load)?;
            vitae::resolve_theme(&profile, &overrides)?;
            check_variants(&profile, &overrides)?;
            Ok::<_, vitae::Error>(profile)
        });
        match loaded {
            Ok(Ok(profile)) => {
                profile.notes.iter().for_each(|w| warn(file, w));
                println!("ok: {}", file.display());
            }
            Ok(Err(e)) => {
                report(&e);
                failed = true;
            }
            Err(panic) => {
                report_error(&format!("{}: {panic}", file.display()), None);
                failed = true;
            }
        }
    }
    if failed { EXIT_FAILED } else { EXIT_OK }
}

/// Resolves the layout of each of the profile's variants (its `layout:` and merged `design:`),
/// as `render --variant` does, so that a variant that cannot render fails the check.
fn check_variants(profile: &vitae::Profile, overrides: &vitae::Overrides) -> Result<(), vitae::Error> {
    for variant in &profile.variants {
        let selection =
            vitae::profile::Selection { variant: Some(variant.name.clone()), ..Default::default() };
        vitae::resolve_theme(&profile.select(&selection)?, overrides)?;
    }
    Ok(())
}
