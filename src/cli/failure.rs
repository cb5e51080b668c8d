//! Why one input of `vitae render` failed, and how that is said: the one line the summary and
//! the `--report` file show, and the `error:` / `hint:` lines printed in input order.

use std::path::{Path, PathBuf};

use super::output::WriteError;
use super::panics::Panic;
use super::{report, report_error};

/// Why one input failed.
#[derive(Debug)]
pub enum JobError {
    /// The library refused the profile or failed to render it.
    Library(vitae::Error),
    /// An output would land on this profile's photo or layout file, or is not writable as a
    /// regular file.
    Write(WriteError),
    /// Another input already writes this input's output.
    Clash {
        /// The output both would write.
        output: PathBuf,
        /// The earlier input that writes it.
        first: PathBuf,
    },
    /// The render panicked: a bug in vitae.
    Panicked(Panic),
    /// `--strict`: the résumé does not fit within `--pages` (its output is still written).
    NotFitted {
        /// The page limit of `--pages`.
        limit: usize,
        /// The pages it takes at the tightest the layout allows.
        pages: usize,
    },
    /// Writing to standard output (`-o -`) failed.
    Stdout(std::io::Error),
    /// `--with-letter` or `--letter-only` asked for a cover letter the profile does not have.
    NoLetter,
}

impl JobError {
    /// Returns the one-line form of the error for `input`, as the summary and the report show
    /// it: `file:line:column: message` for errors located in the profile, else the input's name
    /// and the error.
    pub fn line(&self, input: &Path) -> String {
        let name = input.display();
        match self {
            JobError::Library(e) => failure_line(input, e),
            JobError::Write(WriteError::Refused(r)) => format!("{name}: its output {r}"),
            JobError::Write(e) => format!("{name}: {e}"),
            JobError::Clash { output, first } => {
                format!("{name}: its PDF {} is already the output of {}", output.display(), first.display())
            }
            JobError::Panicked(p) => format!("{name}: {p}"),
            JobError::NotFitted { limit, pages } => {
                let s = if *limit == 1 { "" } else { "s" };
                format!(
                    "{name}: does not fit on {limit} page{s} (--strict): it takes {pages} pages at the tightest"
                )
            }
            JobError::Stdout(e) => format!("{name}: cannot write to standard output: {e}"),
            JobError::NoLetter => format!("{name}: has no `letter:` to render"),
        }
    }

    /// Prints the error in the house format.
    pub fn print(&self, input: &Path) {
        match self {
            // Profile and layout errors name their file and line; others are about the input.
            JobError::Library(e @ (vitae::Error::Profile(_) | vitae::Error::Theme(_))) => report(e),
            JobError::Library(e) => report_error(&self.line(input), e.hint().as_deref()),
            JobError::Write(WriteError::Refused(r)) => report_error(&self.line(input), Some(r.hint())),
            JobError::Write(WriteError::Io { .. }) | JobError::Panicked(_) | JobError::Stdout(_) => {
                report_error(&self.line(input), None)
            }
            JobError::NoLetter => report_error(
                &self.line(input),
                Some(
                    "add a `letter:` block (docs/tailoring.md), or leave out --with-letter and --letter-only",
                ),
            ),
            JobError::NotFitted { .. } => report_error(
                &self.line(input),
                Some(
                    "its output was still written; shorten the profile, raise --pages, or leave out --strict",
                ),
            ),
            JobError::Clash { .. } => report_error(
                &self.line(input),
                Some("rename one of the profiles, or render it on its own with -o"),
            ),
        }
    }
}

/// Returns the one-line form of a failure for the summary: `file:line:column: message` for
/// errors located in the profile, else the input's name and the error.
fn failure_line(input: &Path, e: &vitae::Error) -> String {
    let line = e.to_string();
    let name = input.display().to_string();
    let line = line.lines().next().unwrap_or_default();
    if line.starts_with(&name) { line.to_string() } else { format!("{name}: {line}") }
}
