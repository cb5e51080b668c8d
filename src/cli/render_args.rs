//! The arguments of `vitae render`, with every value parsed and range-checked by clap (see
//! [`super::options`]), so that a bad value is a usage error before anything is read.

use std::path::PathBuf;

use clap::Args;

use super::options::{CompressArg, OutputFormat, PaperArg, parse_dpi};

/// Arguments of `vitae render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Profiles or folders of them. A profile is vitae's YAML, a JSON Resume (.json, or YAML
    /// with `basics:`), a RenderCV (YAML with `cv:`) or YAMLResume file, or a Markdown résumé
    /// (.md); a folder stands for its *.yaml, *.yml, *.json, *.md and *.markdown files, sorted
    /// by name (hidden files and subfolders left out).
    #[arg(required = true)]
    pub profiles: Vec<PathBuf>,
    /// The output file, or `-` for standard output (only with a single profile). Its folder must
    /// exist; write `./-` for a file named `-`.
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,
    /// Folder for the outputs (created if missing), mirroring the inputs' folders below their
    /// common folder; default: next to each profile.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// A bundled layout name or a path to a layout file [default: the profile's `layout:`, else
    /// classic].
    #[arg(long, value_name = "NAME|PATH")]
    pub layout: Option<String>,
    /// Paper size, overriding the layout's.
    #[arg(long, value_enum, ignore_case = true, value_name = "PAPER")]
    pub paper: Option<PaperArg>,
    /// Fit the résumé on at most N pages, tightening spacing, line spacing, margins and sizes
    /// within the layout's bounds.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub pages: Option<u16>,
    /// Refuse (exit 1) a résumé that would take more pages than this: a guard against runaway
    /// input, not a layout goal (that is --pages).
    #[arg(long, value_name = "N", default_value_t = vitae::limits::DEFAULT_MAX_PAGES as u16, value_parser = clap::value_parser!(u16).range(1..))]
    pub max_pages: u16,
    /// With --pages: a résumé that cannot fit is an error (exit 1); its PDF is still written.
    #[arg(long, requires = "pages")]
    pub strict: bool,
    /// Also write the golden text dump of the laid-out pages next to each PDF (`.dump.txt`).
    #[arg(long)]
    pub dump: bool,
    /// Profiles rendered at the same time [default: the number of cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar, warnings, fit notes or success line; errors and a batch's list of
    /// failures still print.
    #[arg(short, long)]
    pub quiet: bool,
    /// What to write.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Pdf)]
    pub format: OutputFormat,
    /// Resolution of `--format png` previews, in dots per inch (1 to 1200).
    #[arg(long, value_name = "DPI", default_value = "144", value_parser = parse_dpi)]
    pub dpi: f32,
    /// Keep running and render again whenever a profile, its layout file or its photo changes
    /// (checked five times a second by file size and modification time).
    #[arg(short, long)]
    pub watch: bool,
    /// With --watch: stop after this many renders (for scripts and tests).
    #[arg(long, value_name = "N", hide = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub watch_cycles: Option<u32>,
    /// Write a JSON report: per input its output, pages, warnings, error and time in ms. Its
    /// folder must exist.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// A font file (.ttf, .otf, .ttc) or a folder of them to use besides the bundled fonts
    /// (repeatable): layouts and `design:` can name its families, and it is tried before the
    /// bundled faces for characters the layout's font lacks (see docs/fonts.md).
    #[arg(long = "font-path", value_name = "DIR|FILE")]
    pub font_path: Vec<PathBuf>,
    /// PDF standards to claim and validate: ua-1, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, one PDF/A
    /// level with ua-1 (`a-2b,ua-1`), or none [default: the profile's `standard:`, else ua-1].
    #[arg(long, value_name = "LIST", value_parser = clap::value_parser!(vitae::pdf::Standards))]
    pub standard: Option<vitae::pdf::Standards>,
    /// Render only shard I of N of the inputs: every N-th of the listing (folders expanded and
    /// sorted by name), starting at the I-th; I counts from 0 (`0/4` … `3/4`), as a Kubernetes
    /// Indexed Job's `JOB_COMPLETION_INDEX` does. The N shards never overlap and together take
    /// every input.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<super::shard::Shard>,
    /// Do not attach the profile's source to the PDF (`vitae import cv.pdf` gives it back).
    #[arg(long)]
    pub no_embed_source: bool,
    /// Also render the profile's cover letter (`letter:`) in the résumé's layout, on one page,
    /// to a second file named after the résumé's: `cv.pdf` and `cv-letter.pdf`.
    #[arg(long, conflicts_with = "letter_only")]
    pub with_letter: bool,
    /// Render only the profile's cover letter: to the -o file, else next to the profile as
    /// `cv-letter.pdf`. A letter file (`profile: cv.yaml` plus the letter's keys) always
    /// renders only its letter, to `letter.pdf`.
    #[arg(long)]
    pub letter_only: bool,
    /// Render in this language, one of those the profile's `languages:` offers (see
    /// docs/tailoring.md) [default: the profile's `lang:`, else the first it lists].
    #[arg(long, value_name = "TAG", conflicts_with = "all_languages")]
    pub lang: Option<String>,
    /// Render every language each profile offers, in parallel: one output per language, named
    /// NAME.LANG.pdf (next to the profile, or in --out-dir).
    #[arg(long, conflicts_with = "output")]
    pub all_languages: bool,
    /// Render only what is tagged with one of these tags (comma-separated or repeated);
    /// untagged sections, entries and points are always in (see docs/tailoring.md).
    #[arg(long, value_name = "TAG,...", value_delimiter = ',', conflicts_with_all = ["variant", "all_variants"])]
    pub only: Vec<String>,
    /// Render the profile's variant NAME (its tags, layout, design, pages and sections) to its
    /// `output:` name, else STEM-NAME next to the profile or in --out-dir.
    #[arg(long, value_name = "NAME", conflicts_with = "all_variants")]
    pub variant: Option<String>,
    /// Render every variant of each profile in one batch, each to its `output:` name, else
    /// STEM-VARIANT (the same bytes as rendering it alone with --variant).
    #[arg(long, conflicts_with = "output")]
    pub all_variants: bool,
    /// Print entries' private `notes:` (an interview copy, for the applicant only).
    #[arg(long)]
    pub interview_copy: bool,
    /// How hard to deflate the PDF's streams: `fast` (the default) spends the least CPU,
    /// `small` gives files about a fifth smaller.
    #[arg(long, value_enum, value_name = "HOW", default_value_t = CompressArg::Fast)]
    pub compress: CompressArg,
}
