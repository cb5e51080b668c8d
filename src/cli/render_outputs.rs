//! What a `vitae render` run writes where, decided before the first render: each target's
//! outputs (variants, languages, letters, `--out-dir` mirroring, clashes between outputs) and
//! the refusals of outputs that would replace an input, a layout or anything but a regular
//! file (exit code 2, nothing rendered).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};

use super::super::options::{self, OutputFormat};
use super::super::output::{self, Protected, Refusal, Role};
use super::super::selection;
use super::super::{EXIT_USAGE, report_error};
use super::{Job, RenderArgs};

/// Returns the files of the run no output may replace: every profile and the `--layout` file.
pub(super) fn protect(args: &RenderArgs, files: &[PathBuf]) -> Protected {
    let mut protected = Protected::default();
    files.iter().for_each(|f| protected.add(f, Role::Input));
    if let Some(layout) = &args.layout {
        protected.add_layout(layout, None);
    }
    protected
}

/// Refuses `-o -` where standard output cannot take the output: PNG previews are one file per
/// page, `--dump` is a second file, and a terminal would show a PDF as garbage.
pub(super) fn refuse_stdout(args: &RenderArgs) -> Result<(), u8> {
    let refusal = if args.format == OutputFormat::Png {
        Some((
            "--format png writes one file per page; it cannot go to standard output",
            "name a file with -o",
        ))
    } else if args.dump {
        Some(("--dump writes a second file; it cannot go with -o -", "name a file with -o"))
    } else if args.with_letter {
        Some(("--with-letter writes a second file; it cannot go with -o -", "name a file with -o"))
    } else if args.format == OutputFormat::Pdf && std::io::stdout().is_terminal() {
        Some(("standard output is a terminal; a PDF would print as binary", "redirect it: -o - > cv.pdf"))
    } else {
        None
    };
    match refusal {
        Some((message, hint)) => {
            report_error(message, Some(hint));
            Err(EXIT_USAGE)
        }
        None => Ok(()),
    }
}

/// Creates the `--out-dir` folder when it is missing (as its help says; the summary names it).
pub(super) fn create_out_dir(args: &RenderArgs) -> Result<(), u8> {
    let Some(dir) = &args.out_dir else { return Ok(()) };
    std::fs::create_dir_all(dir).map_err(|e| {
        report_error(&format!("cannot create {}: {e}", dir.display()), None);
        EXIT_USAGE
    })
}

/// Refuses the run (exit code 2) when an output named up front — `-o`, a mirrored or default
/// output, the `--report` file — is a protected file, a link or not a regular file, or when the
/// folder of `-o` or `--report` does not exist (only `--out-dir` creates folders).
pub(super) fn refuse_unsafe_outputs(
    args: &RenderArgs,
    jobs: &[Job],
    protected: &Protected,
    stdout: bool,
) -> Result<(), u8> {
    let refuse = |what: String, refusal: Refusal, hint: &str| {
        report_error(&format!("{what}{refusal}"), Some(hint));
        EXIT_USAGE
    };
    let missing_folder = |(message, hint): (String, String)| {
        report_error(&message, Some(&hint));
        EXIT_USAGE
    };
    if let Some(path) = &args.report {
        options::check_parent("--report", path).map_err(missing_folder)?;
        let hint = "choose another file name for --report";
        output::check(path, &[protected]).map_err(|r| refuse("--report ".into(), r, hint))?;
    }
    if stdout {
        return Ok(());
    }
    if let Some(path) = &args.output {
        options::check_parent("-o", path).map_err(missing_folder)?;
    }
    for job in jobs {
        let what = match &args.output {
            Some(_) => "-o ".to_owned(),
            None => format!("{}: its output ", job.input.display()),
        };
        output::check(&job.output, &[protected]).map_err(|r| {
            let hint = r.hint();
            refuse(what, r, hint)
        })?;
        if let Some(letter) = &job.letter {
            let what = format!("{}: its letter's output ", job.input.display());
            output::check(letter, &[protected]).map_err(|r| {
                let hint = r.hint();
                refuse(what, r, hint)
            })?;
        }
    }
    Ok(())
}

/// Pairs each target (an input, or a variant or language of it) with its outputs; an output
/// already claimed by an earlier job is a clash. A variant's output is named by its stem in the
/// folder its input's output would go to, a language's carries its tag (`cv.de.pdf`), and the
/// letter's comes beside it with `--with-letter` (see [`letter_outputs`]); `-o` names the one
/// output as given.
pub(super) fn plan(args: &RenderArgs, files: Vec<PathBuf>) -> Vec<Job> {
    let ext = args.format.extension();
    let targets = selection::targets(args, files);
    let inputs: Vec<PathBuf> = targets.iter().map(|t| t.input.clone()).collect();
    let outputs: Vec<PathBuf> = match (&args.output, &args.out_dir) {
        (Some(o), _) => vec![o.clone()],
        (None, Some(dir)) => mirrored(dir, &inputs, ext),
        (None, None) => inputs.iter().map(|f| f.with_extension(ext)).collect(),
    };
    let mut claimed: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut jobs: Vec<Job> = Vec::with_capacity(targets.len());
    for (target, output) in targets.into_iter().zip(outputs) {
        let output = match (&target.stem, &args.output) {
            (Some(stem), None) => output.with_file_name(format!("{stem}.{ext}")),
            _ => output,
        };
        let output = match (&target.lang, args.all_languages) {
            (Some(lang), true) => with_language(&output, lang),
            _ => output,
        };
        let (output, letter) = letter_outputs(args, output);
        let mut clash = None;
        for path in std::iter::once(&output).chain(&letter) {
            let first = *claimed.entry(normalized(path)).or_insert(jobs.len());
            clash = clash.or_else(|| (first < jobs.len()).then(|| jobs[first].target.name()));
        }
        jobs.push(Job { input: target.input.clone(), output, letter, clash, target });
    }
    jobs
}

/// Returns an input's outputs from the one it would have alone: with `--with-letter`, the
/// résumé's and the letter's (`cv.pdf`, `cv-letter.pdf`); with `--letter-only`, the letter's
/// alone in the first place (`-o` as given, else `cv-letter.pdf`).
pub(super) fn letter_outputs(args: &RenderArgs, output: PathBuf) -> (PathBuf, Option<PathBuf>) {
    if args.letter_only {
        let letter = if args.output.is_some() { output } else { letter_path(&output) };
        return (letter, None);
    }
    let letter = args.with_letter.then(|| letter_path(&output));
    (output, letter)
}

/// Returns the letter's output beside a résumé's: `-letter` added to the file's stem.
pub(super) fn letter_path(output: &Path) -> PathBuf {
    with_stem_suffix(output, "-letter")
}

/// Returns an output's path with the language before its extension: `out/cv.pdf` in `de` is
/// `out/cv.de.pdf`.
pub(super) fn with_language(output: &Path, lang: &str) -> PathBuf {
    with_stem_suffix(output, &format!(".{lang}"))
}

/// Returns a path with `suffix` added to its file's stem, before the extension.
pub(super) fn with_stem_suffix(output: &Path, suffix: &str) -> PathBuf {
    let stem = output.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match output.extension() {
        Some(ext) => format!("{stem}{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}{suffix}"),
    };
    output.with_file_name(name)
}

/// Returns the outputs under `dir`: each input's folder relative to the inputs' common folder,
/// then its name with the output format's extension, so that `a/cv.yaml` and `b/cv.yaml` give
/// `DIR/a/cv.pdf` and `DIR/b/cv.pdf`.
pub(super) fn mirrored(dir: &Path, files: &[PathBuf], ext: &str) -> Vec<PathBuf> {
    let folders: Vec<PathBuf> =
        files.iter().map(|f| normalized(f).parent().map(Path::to_path_buf).unwrap_or_default()).collect();
    let common = folders.iter().skip(1).fold(folders.first().cloned().unwrap_or_default(), |c, f| {
        c.components().zip(f.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
    });
    let name = |f: &PathBuf| f.with_extension(ext).file_name().map(PathBuf::from).unwrap_or_default();
    let below = |folder: &PathBuf| folder.strip_prefix(&common).map(Path::to_path_buf).unwrap_or_default();
    files.iter().zip(&folders).map(|(f, folder)| dir.join(below(folder)).join(name(f))).collect()
}

/// Returns the absolute form of a path with `.` and `..` resolved without touching the disk.
pub(super) fn normalized(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
