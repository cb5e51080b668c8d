//! Command-line front end: argument definitions, the commands, and the one place that prints
//! `error:` / `hint:` / `warning:` lines.

mod ats;
mod check;
mod failure;
mod import;
mod inputs;
mod new;
mod options;
mod output;
mod panics;
mod render;
mod render_args;
mod schema;
mod selection;
#[cfg(feature = "serve")]
mod serve;
mod shard;
mod summary;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code when every input succeeded.
const EXIT_OK: u8 = 0;
/// Exit code when at least one input could not be rendered or checked.
const EXIT_FAILED: u8 = 1;
/// Exit code for usage and configuration errors.
const EXIT_USAGE: u8 = 2;

/// Typesets résumés: a YAML profile in, a print-ready PDF out.
#[derive(Debug, Parser)]
#[command(name = "vitae", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Renders profiles (YAML, JSON Resume, RenderCV, Markdown) to PDF, PNG previews or text.
    #[command(
        after_help = "Examples:\n  vitae render cv.yaml                      writes cv.pdf next to cv.yaml\n  vitae render cv.yaml -o jane.pdf --paper letter\n  vitae render resume.json -o - | lpr       JSON Resume, the PDF to standard output\n  vitae render samples --out-dir out        every profile in samples/ into out/\n                                            (*.yaml, *.yml, *.json, *.md, *.markdown)\n\nSafety: an output never replaces an input, a layout file or a photo (links followed). An output\nthat is a symbolic link is refused (vitae does not write through links), and so is one that\nexists as a folder, FIFO or device. The folder of -o must exist (--out-dir is created). Files are\nwritten to a temporary file, then renamed."
    )]
    Render(render::RenderArgs),
    /// Validates profiles without rendering them.
    #[command(after_help = "Example:\n  vitae check cv.yaml samples/")]
    Check(check::CheckArgs),
    /// Lists the bundled layouts.
    #[command(after_help = "Example:\n  vitae layouts")]
    Layouts,
    /// Converts a JSON Resume, RenderCV, YAMLResume or Markdown résumé into a vitae profile.
    #[command(
        after_help = "Examples:\n  vitae import resume.json -o jane.yaml       JSON Resume\n  vitae import cv.yaml -o jane.yaml           RenderCV (or JSON Resume as YAML)\n  vitae import resume.md > jane.yaml          Markdown; notes on what was not placed go to stderr\n  vitae import resume.json --strict           list keys JSON Resume does not define, as errors\n\nJSON Resume and RenderCV files also render directly: vitae render resume.json"
    )]
    Import(import::ImportArgs),
    /// Prints the JSON Schema of the profile format, for editor completion.
    #[command(
        after_help = "Example:\n  vitae schema > profile.schema.json\n  then start the profile with: # yaml-language-server: $schema=profile.schema.json"
    )]
    Schema,
    /// Writes a starter profile showing every kind of section and entry.
    #[command(
        after_help = "Examples:\n  vitae new                  writes resume.yaml\n  vitae new jane-doe         writes jane-doe.yaml"
    )]
    New(new::NewArgs),
    /// Renders a profile and reads the PDF back as an applicant tracking system would.
    #[command(
        after_help = "Examples:\n  vitae ats cv.yaml                          every field, both reading models, hazards\n  vitae ats cv.yaml --layout sidebar --format json\n\nExit code 1 when a field (name, contact, section, entry title, organisation, dates, skill)\ndoes not come back intact and in order."
    )]
    Ats(ats::AtsArgs),
    /// Runs the render server: POST a profile to /render, get its PDF (docs/deploy.md).
    #[cfg(feature = "serve")]
    #[command(
        after_help = "Examples:\n  vitae serve                                 listens on 127.0.0.1:8080\n  vitae serve --bind 0.0.0.0:8080 --max-concurrent 2\n  curl --data-binary @cv.yaml 'localhost:8080/render?paper=letter' -o cv.pdf\n\nEndpoints: POST /render, POST /check, GET /healthz, GET /metrics. One JSON log line per\nrequest on standard error. SIGTERM or Ctrl-C finishes the renders in flight, then exits."
    )]
    Serve(serve::ServeArgs),
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    panics::install_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Render(args) => render::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Layouts => list_layouts(),
        Command::Import(args) => import::run(&args),
        Command::Schema => schema::run(),
        Command::New(args) => new::run(&args),
        Command::Ats(args) => ats::run(&args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(&args),
    };
    ExitCode::from(code)
}

/// Prints each bundled layout with its description; a layout that does not load (a bug) is
/// an `error:` line and exit code 1.
fn list_layouts() -> u8 {
    let mut code = EXIT_OK;
    for (name, _) in vitae::theme::BUNDLED {
        match vitae::theme::load(name) {
            Ok(t) => println!("{name:<10} {}", t.description),
            Err(e) => {
                report_error(&e.to_string(), None);
                code = EXIT_FAILED;
            }
        }
    }
    code
}

/// Prints an error (possibly several lines, e.g. with a source snippet) and an optional hint.
fn report_error(message: &str, hint: Option<&str>) {
    eprintln!("error: {message}");
    if let Some(h) = hint {
        eprintln!("hint: {h}");
    }
}

/// Prints a library error in the house format.
fn report(err: &vitae::Error) {
    match err {
        vitae::Error::Profile(e) => eprintln!("error: {}", e.render()),
        vitae::Error::Theme(e) => report_error(&e.to_string(), e.hint.as_deref()),
        other => report_error(&other.to_string(), other.hint().as_deref()),
    }
}

/// Prints a warning about one input.
fn warn(input: &std::path::Path, w: &vitae::Warning) {
    match w.at {
        // A placed warning names its file and line itself.
        Some(_) => eprintln!("warning: {w}"),
        None => eprintln!("warning: {}: {w}", input.display()),
    }
}
