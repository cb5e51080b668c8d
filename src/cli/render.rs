//! `vitae render`: profiles → PDFs, each written atomically; one failing input is reported and
//! the others still render.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, report, report_error, warn};
use vitae::font::FontBook;
use vitae::theme::{Paper, Theme};

/// Arguments of `vitae render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Profiles (YAML files) or folders of profiles.
    #[arg(required = true)]
    profiles: Vec<PathBuf>,
    /// The output file (only with a single profile).
    #[arg(short, long, value_name = "OUT.pdf")]
    output: Option<PathBuf>,
    /// Folder for the PDFs (created if missing); default: next to each profile.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// A bundled layout name or a path to a layout file.
    #[arg(long, value_name = "NAME|PATH", default_value = "classic")]
    layout: String,
    /// Paper size, overriding the layout's: a4, letter, a5 or legal.
    #[arg(long, value_name = "PAPER")]
    paper: Option<String>,
    /// Fit the résumé on at most N pages, tightening spacing, line spacing, margins and sizes
    /// within the layout's bounds.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pages: Option<u16>,
    /// With --pages: exit 1 when the content cannot fit.
    #[arg(long)]
    strict: bool,
    /// Also write the golden text dump of the laid-out pages next to each PDF (`.dump.txt`).
    #[arg(long)]
    dump: bool,
}

/// Renders every input; returns the exit code.
pub fn run(args: &RenderArgs) -> u8 {
    let (files, theme) = match setup(args) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let fonts = FontBook::bundled();
    let options = vitae::RenderOptions {
        layout: vitae::layout::LayoutOptions { creation_date: source_date_epoch() },
        pages: args.pages.map(usize::from),
    };
    let mut failed = 0;
    for file in &files {
        let out = output_path(args, file);
        match render_one(file, &out, &theme, &fonts, &options, args.dump) {
            Ok(fitted) if args.strict && !fitted => failed += 1,
            Ok(_) => {}
            Err(e) => {
                report(&e);
                failed += 1;
            }
        }
    }
    if failed > 0 && files.len() > 1 {
        eprintln!("rendered {} of {}; {failed} failed", files.len() - failed, files.len());
    }
    if failed > 0 { EXIT_FAILED } else { EXIT_OK }
}

/// Validates the arguments, expands inputs and loads the layout; usage errors return exit code 2.
fn setup(args: &RenderArgs) -> Result<(Vec<PathBuf>, Theme), u8> {
    let files = inputs::expand(&args.profiles).map_err(|e| {
        report_error(&e, None);
        EXIT_USAGE
    })?;
    if args.output.is_some() && files.len() > 1 {
        report_error(
            "-o names one output file but there are several profiles",
            Some("use --out-dir DIR instead"),
        );
        return Err(EXIT_USAGE);
    }
    let mut theme = vitae::theme::load(&args.layout).map_err(|e| {
        report(&vitae::Error::Theme(e));
        EXIT_USAGE
    })?;
    if let Some(p) = &args.paper {
        theme.page.paper = Paper::from_name(p).ok_or_else(|| {
            report_error(&format!("unknown paper `{p}`"), Some("use a4, letter, a5 or legal"));
            EXIT_USAGE
        })?;
    }
    if let Some(dir) = &args.out_dir {
        std::fs::create_dir_all(dir).map_err(|e| {
            report_error(&format!("cannot create {}: {e}", dir.display()), None);
            EXIT_USAGE
        })?;
    }
    Ok((files, theme))
}

/// Returns where the PDF of `input` goes.
fn output_path(args: &RenderArgs, input: &Path) -> PathBuf {
    if let Some(o) = &args.output {
        return o.clone();
    }
    let name = input.with_extension("pdf");
    match &args.out_dir {
        Some(dir) => dir.join(name.file_name().unwrap_or_default()),
        None => name,
    }
}

/// Loads, renders and writes one profile; returns whether it fits its page limit (true when
/// there is none).
fn render_one(
    input: &Path,
    out: &Path,
    theme: &Theme,
    fonts: &FontBook,
    options: &vitae::RenderOptions,
    dump: bool,
) -> Result<bool, vitae::Error> {
    let profile = vitae::load_profile(input)?;
    let rendered = vitae::render(&profile, theme, fonts, options)?;
    for w in &rendered.warnings {
        warn(input, w);
    }
    if let Some(fit) = &rendered.fit {
        eprintln!("{}: {fit}", input.display());
    }
    let io = |e: std::io::Error| vitae::Error::Io { path: out.display().to_string(), reason: e.to_string() };
    inputs::write_atomic(out, &rendered.pdf).map_err(io)?;
    if dump {
        let text = vitae::layout::dump::dump(&rendered.document, fonts);
        inputs::write_atomic(&out.with_extension("dump.txt"), text.as_bytes()).map_err(io)?;
    }
    Ok(rendered.fit.is_none_or(|f| f.fitted))
}

/// Reads `SOURCE_DATE_EPOCH` (the reproducible-builds convention) for the creation date.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
