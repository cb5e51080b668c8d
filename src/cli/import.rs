//! `vitae import`: a JSON Resume, RenderCV, YAMLResume or Markdown résumé → a vitae profile (YAML), with
//! comments on what could not be carried over; those notes also go to standard error. The
//! output is never the input (links followed), a link or anything but a regular file, even
//! with `--force`: that is a usage error, found before converting.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::options;
use super::output::{self, Protected, Refusal, Role, WriteError};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, report, report_error};
use vitae::import::{Format, ImportOptions, NoteKind};

/// Arguments of `vitae import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The résumé to convert: `.json` (JSON Resume), `.yaml`/`.yml` (JSON Resume or RenderCV),
    /// `.md`/`.txt` (Markdown or plain text), or `.pdf` (a PDF vitae rendered: the profile it
    /// carries).
    file: PathBuf,
    /// Where to write the profile (its folder must exist); default, or `-`: standard output.
    #[arg(short, long, value_name = "OUT.yaml")]
    output: Option<PathBuf>,
    /// Overwrite the output file if it exists (never the input, a link or a non-regular file).
    #[arg(long)]
    force: bool,
    /// Treat keys the format does not define as errors instead of leaving them out quietly.
    #[arg(long)]
    strict: bool,
    /// The input's format, when the file name and contents do not tell.
    #[arg(long, value_enum, value_name = "FORMAT")]
    from: Option<From>,
}

/// The formats `--from` accepts.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum From {
    /// JSON Resume (JSON or YAML).
    JsonResume,
    /// RenderCV YAML.
    Rendercv,
    /// Markdown or plain text.
    Markdown,
    /// YAMLResume YAML.
    Yamlresume,
}

/// Converts one file; returns the exit code.
pub fn run(args: &ImportArgs) -> u8 {
    let mut protected = Protected::default();
    protected.add(&args.file, Role::Input);
    let out_file = out_file(args);
    if let Some(Err((message, hint))) = out_file.map(|o| options::check_parent("-o", o)) {
        report_error(&message, Some(&hint));
        return EXIT_USAGE;
    }
    if let Some(refusal) = out_file.and_then(|o| output::check(o, &[&protected]).err()) {
        report_error(&format!("-o {refusal}"), Some(hint(&refusal)));
        return EXIT_USAGE;
    }
    if let Some(out) = out_file.filter(|o| o.exists() && !args.force) {
        let message = format!("{} exists; vitae import does not overwrite files", out.display());
        report_error(&message, Some("pick another name, or add --force"));
        return EXIT_FAILED;
    }
    let format = args.from.map(|f| match f {
        From::JsonResume => Format::JsonResume,
        From::Rendercv => Format::RenderCv,
        From::Markdown => Format::Markdown,
        From::Yamlresume => Format::YamlResume,
    });
    let options = ImportOptions { strict: false, format };
    let conversion = match vitae::import::convert(&args.file, out_file, &options) {
        Ok(c) => c,
        Err(e) => {
            report(&vitae::Error::Profile(e));
            return EXIT_FAILED;
        }
    };
    let name = args.file.display();
    let unknown = conversion.notes.iter().filter(|n| n.kind == NoteKind::UnknownKey).count();
    for note in &conversion.notes {
        match note.kind {
            NoteKind::UnknownKey if args.strict => eprintln!("error: {name}:{note}"),
            NoteKind::UnknownKey => {}
            NoteKind::Dropped => eprintln!("note: {name}:{note}"),
        }
    }
    if args.strict && unknown > 0 {
        report_error(
            &format!("{unknown} unknown key(s) in {name}"),
            Some("import without --strict to leave them out"),
        );
        return EXIT_FAILED;
    }
    if unknown > 0 {
        eprintln!("note: {unknown} unknown key(s) left out (listed in the output; --strict shows them here)");
    }
    write(args, conversion.yaml.as_bytes(), &protected)
}

/// Returns the output file, `None` for standard output (no `-o`, or `-o -`).
fn out_file(args: &ImportArgs) -> Option<&Path> {
    args.output.as_deref().filter(|o| options::Sink::from_arg(o) != options::Sink::Stdout)
}

/// Returns the hint for a refused output, in `vitae import`'s terms.
fn hint(refusal: &Refusal) -> &'static str {
    match refusal {
        Refusal::Protected { .. } => "name the profile another file, e.g. -o profile.yaml",
        other => other.hint(),
    }
}

/// Writes the profile to the output file or standard output.
fn write(args: &ImportArgs, bytes: &[u8], protected: &Protected) -> u8 {
    let Some(out) = out_file(args) else {
        return match std::io::stdout().write_all(bytes) {
            Ok(()) => EXIT_OK,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
            Err(e) => {
                report_error(&format!("cannot write to standard output: {e}"), None);
                EXIT_USAGE
            }
        };
    };
    match output::write_atomic(out, bytes, &[protected]) {
        Ok(()) => {
            eprintln!("wrote {}", out.display());
            EXIT_OK
        }
        Err(WriteError::Refused(r)) => {
            report_error(&format!("-o {r}"), Some(hint(&r)));
            EXIT_USAGE
        }
        Err(e) => {
            report_error(&e.to_string(), None);
            EXIT_FAILED
        }
    }
}
