//! `vitae render`: profiles → PDFs, in parallel.
//!
//! The inputs are rendered on a pool of `--jobs` threads sharing one [`Engine`] (fonts parsed
//! once, shaped words cached). Each job writes its PDF atomically and drops it, so memory stays
//! flat however many inputs there are. Messages are printed in input order whatever order the
//! jobs finish in; one failing input is reported and the others still render; a summary lists
//! the failures, and `--report` writes them all as JSON. A job that panics (a bug) fails its
//! input only. No output may land on an input, a layout file or a photo, nor be a link or
//! anything but a regular file (see [`output`]): the outputs named up front are checked before
//! anything is rendered (exit code 2), a profile's photo and layout once it is loaded. `-o -`
//! writes the one output to standard output instead. Every failure prints an `error:` line;
//! success prints one summary line (see [`super::summary`]).

#[path = "report.rs"]
mod report;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

pub use super::render_args::RenderArgs;

use super::failure::JobError;
use super::options::{self, OutputFormat, Sink};
use super::output::{self, Protected, Refusal, Role, WriteError};
use super::panics;
use super::summary::{self, Outcome};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, report, report_error, warn};
use report::{InputReport, Report};
use vitae::theme::{Paper, Theme};
use vitae::{Engine, Profile};

/// Everything the jobs share, decided before the first render.
struct Batch<'a> {
    args: &'a RenderArgs,
    /// One job per input, in input order.
    jobs: Vec<Job>,
    /// The layout for profiles that name none of their own.
    theme: Theme,
    /// `--paper`, applied to every layout.
    paper: Option<Paper>,
    /// Whether `-o -` sends the one output to standard output.
    stdout: bool,
    options: vitae::RenderOptions,
    engine: Engine,
    /// The files the run reads (profiles, `--layout`): no output may be one of them.
    protected: Protected,
}

/// One input and where its PDF goes.
struct Job {
    input: PathBuf,
    output: PathBuf,
    /// An earlier input whose PDF goes to the same file: this one then fails.
    clash: Option<PathBuf>,
}

/// What a job has to say, printed in input order.
enum Message {
    /// A problem that still gave a PDF.
    Warning(vitae::Warning),
    /// The fit report of `--pages`.
    Fit(String),
    /// Why the input failed.
    Error(JobError),
}

/// Renders every input (again on every change with `--watch`); returns the exit code.
pub fn run(args: &RenderArgs) -> u8 {
    if !args.watch {
        return run_once(args);
    }
    let files = match inputs::expand(&args.profiles) {
        Ok(f) => f,
        Err(e) => {
            report_error(&e, None);
            return EXIT_USAGE;
        }
    };
    if args.output.as_deref().map(Sink::from_arg) == Some(Sink::Stdout) {
        report_error("--watch cannot write to standard output (-o -)", Some("name an output file with -o"));
        return EXIT_USAGE;
    }
    let cycles = args.watch_cycles.map(|c| c as usize);
    super::watch::run(&files, args.layout.as_deref(), cycles, || run_once(args))
}

/// Renders every input once; returns the exit code.
fn run_once(args: &RenderArgs) -> u8 {
    let batch = match setup(args) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let cores = || std::thread::available_parallelism().map_or(1, usize::from);
    let threads = args.jobs.map_or_else(cores, usize::from).clamp(1, batch.jobs.len().max(1));
    let start = Instant::now();
    let bar = progress_bar(args, batch.jobs.len());
    let printer = Printer { bar: &bar, quiet: args.quiet, pending: Mutex::default() };
    let Some(records) = render_all(&batch, threads, &printer) else { return EXIT_USAGE };
    bar.finish_and_clear();
    summarize(args, &batch, &records);
    let failed = records.iter().any(|r| r.error.is_some());
    if let Some(path) = &args.report {
        let wall = start.elapsed().as_secs_f64() * 1e3;
        if let Err(e) = Report::new(records, threads, wall).write(path, &batch.protected) {
            report_error(&format!("cannot write the report: {e}"), None);
            return EXIT_FAILED;
        }
    }
    if failed { EXIT_FAILED } else { EXIT_OK }
}

/// Renders the jobs on `threads` threads, printing as they finish; returns the report entries
/// in input order, or `None` when the threads cannot be started.
fn render_all(batch: &Batch, threads: usize, printer: &Printer) -> Option<Vec<InputReport>> {
    let each = |(i, job): (usize, &Job)| {
        let (messages, record) = render_job(batch, job);
        printer.done(i, &job.input, messages);
        record
    };
    if threads == 1 {
        // No pool to start: a single render stays a single-threaded process.
        return Some(batch.jobs.iter().enumerate().map(each).collect());
    }
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => Some(pool.install(|| batch.jobs.par_iter().enumerate().map(each).collect())),
        Err(e) => {
            report_error(&format!("cannot start {threads} worker threads: {e}"), None);
            None
        }
    }
}

/// Validates the arguments, expands inputs, plans the outputs and loads the layout; usage
/// errors return exit code 2.
fn setup(args: &RenderArgs) -> Result<Batch<'_>, u8> {
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
    let paper = args.paper.map(options::PaperArg::paper);
    let stdout = args.output.as_deref().map(Sink::from_arg) == Some(Sink::Stdout);
    if stdout {
        refuse_stdout(args)?;
    }
    // The layout of profiles that name none and change nothing: resolved once for the batch,
    // through the same function as every profile's own.
    let overrides = vitae::Overrides { layout: args.layout.as_deref(), paper };
    let theme = vitae::resolve_theme(&Profile::default(), &overrides).map_err(|e| {
        report(&e);
        EXIT_USAGE
    })?;
    let protected = protect(args, &files);
    let jobs = plan(args, files);
    refuse_unsafe_outputs(args, &jobs, &protected, stdout)?;
    create_out_dir(args)?;
    let options = vitae::RenderOptions {
        layout: vitae::layout::LayoutOptions { creation_date: source_date_epoch() },
        pages: args.pages.map(usize::from),
        max_pages: Some(usize::from(args.max_pages)),
        standards: args.standard,
        embed_source: args.no_embed_source.then_some(false),
        compression: args.compress.compression(),
    };
    let engine = engine(&args.font_path)?;
    Ok(Batch { args, jobs, theme, paper, stdout, options, engine, protected })
}

/// Returns the engine with the bundled fonts and those of `--font-path`, in the order given.
fn engine(font_paths: &[PathBuf]) -> Result<Engine, u8> {
    let mut fonts = vitae::font::FontBook::bundled();
    for path in font_paths {
        fonts.add_user_fonts(path).map_err(|e| {
            report_error(
                &format!("--font-path: {e}"),
                Some("give a .ttf, .otf or .ttc file, or a folder of them"),
            );
            EXIT_USAGE
        })?;
    }
    Ok(Engine::with_fonts(fonts))
}

/// Returns the files of the run no output may replace: every profile and the `--layout` file.
fn protect(args: &RenderArgs, files: &[PathBuf]) -> Protected {
    let mut protected = Protected::default();
    files.iter().for_each(|f| protected.add(f, Role::Input));
    if let Some(layout) = &args.layout {
        protected.add_layout(layout, None);
    }
    protected
}

/// Refuses `-o -` where standard output cannot take the output: PNG previews are one file per
/// page, `--dump` is a second file, and a terminal would show a PDF as garbage.
fn refuse_stdout(args: &RenderArgs) -> Result<(), u8> {
    let refusal = if args.format == OutputFormat::Png {
        Some((
            "--format png writes one file per page; it cannot go to standard output",
            "name a file with -o",
        ))
    } else if args.dump {
        Some(("--dump writes a second file; it cannot go with -o -", "name a file with -o"))
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
fn create_out_dir(args: &RenderArgs) -> Result<(), u8> {
    let Some(dir) = &args.out_dir else { return Ok(()) };
    std::fs::create_dir_all(dir).map_err(|e| {
        report_error(&format!("cannot create {}: {e}", dir.display()), None);
        EXIT_USAGE
    })
}

/// Refuses the run (exit code 2) when an output named up front — `-o`, a mirrored or default
/// output, the `--report` file — is a protected file, a link or not a regular file, or when the
/// folder of `-o` or `--report` does not exist (only `--out-dir` creates folders).
fn refuse_unsafe_outputs(
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
    }
    Ok(())
}

/// Pairs each input with its output; an output already claimed by an earlier input is a clash.
fn plan(args: &RenderArgs, files: Vec<PathBuf>) -> Vec<Job> {
    let outputs: Vec<PathBuf> = match (&args.output, &args.out_dir) {
        (Some(o), _) => vec![o.clone()],
        (None, Some(dir)) => mirrored(dir, &files, args.format.extension()),
        (None, None) => files.iter().map(|f| f.with_extension(args.format.extension())).collect(),
    };
    let mut claimed: BTreeMap<PathBuf, usize> = BTreeMap::new();
    let mut jobs: Vec<Job> = Vec::with_capacity(files.len());
    for (input, output) in files.into_iter().zip(outputs) {
        let first = *claimed.entry(normalized(&output)).or_insert(jobs.len());
        let clash = (first < jobs.len()).then(|| jobs[first].input.clone());
        jobs.push(Job { input, output, clash });
    }
    jobs
}

/// Returns the outputs under `dir`: each input's folder relative to the inputs' common folder,
/// then its name with the output format's extension, so that `a/cv.yaml` and `b/cv.yaml` give
/// `DIR/a/cv.pdf` and `DIR/b/cv.pdf`.
fn mirrored(dir: &Path, files: &[PathBuf], ext: &str) -> Vec<PathBuf> {
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
fn normalized(path: &Path) -> PathBuf {
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

/// Renders one input and writes its files; returns its messages and its report entry.
fn render_job(batch: &Batch, job: &Job) -> (Vec<Message>, InputReport) {
    let start = Instant::now();
    let mut messages = Vec::new();
    let mut record = InputReport {
        input: job.input.display().to_string(),
        output: job.output.display().to_string(),
        pages: None,
        warnings: Vec::new(),
        error: None,
        time_ms: 0.0,
    };
    let outcome = match &job.clash {
        Some(first) => Err(JobError::Clash { output: job.output.clone(), first: first.clone() }),
        None => panics::catch(|| render_one(batch, job, &mut messages))
            .unwrap_or_else(|p| Err(JobError::Panicked(p))),
    };
    let outcome = outcome.and_then(|(pages, missed)| {
        record.pages = Some(pages);
        match missed {
            Some(limit) if batch.args.strict => Err(JobError::NotFitted { limit, pages }),
            _ => Ok(()),
        }
    });
    if let Err(e) = outcome {
        record.error = Some(e.line(&job.input));
        messages.push(Message::Error(e));
    }
    record.warnings = messages
        .iter()
        .filter_map(|m| match m {
            Message::Warning(w) => Some(w.to_string()),
            _ => None,
        })
        .collect();
    record.time_ms = report::round_ms(start.elapsed().as_secs_f64() * 1e3);
    (messages, record)
}

/// Loads, renders and writes one profile; returns its page count and, when it does not fit
/// within `--pages`, that limit. The PDF is dropped once written.
fn render_one(
    batch: &Batch,
    job: &Job,
    messages: &mut Vec<Message>,
) -> Result<(usize, Option<usize>), JobError> {
    panics::test_hook(&job.input);
    let profile = vitae::load_profile(&job.input).map_err(|e| JobError::Library(e.into()))?;
    // Refused before rendering: the output must not be this profile's photo or layout file.
    let own = protect_own(&job.input, &profile);
    let protected = [&batch.protected, &own];
    if !batch.stdout {
        output::check(&job.output, &protected).map_err(|r| JobError::Write(WriteError::Refused(r)))?;
    }
    let own_theme = theme_of(batch, &profile).map_err(JobError::Library)?;
    let theme = own_theme.as_ref().unwrap_or(&batch.theme);
    // The layout's own `fonts:` make a per-profile engine; the dump must use its faces too.
    let own_engine = batch.engine.with_theme_fonts(theme).map_err(JobError::Library)?;
    let engine = own_engine.as_ref().unwrap_or(&batch.engine);
    let rendered = engine.render(&profile, theme, &batch.options).map_err(JobError::Library)?;
    messages.extend(rendered.warnings.iter().cloned().map(Message::Warning));
    if let Some(fit) = &rendered.fit {
        messages.push(Message::Fit(fit.to_string()));
    }
    let out = &job.output;
    let write = |path: &Path, bytes: &[u8]| {
        if batch.stdout {
            write_stdout(bytes)
        } else {
            output::write_atomic(path, bytes, &protected).map_err(JobError::Write)
        }
    };
    match batch.args.format {
        OutputFormat::Txt => write(out, vitae::layout::text::plain_text(&rendered.document).as_bytes())?,
        OutputFormat::Png => write_previews(out, &rendered.pdf, batch.args.dpi, &protected)?,
        OutputFormat::Pdf => write(out, &rendered.pdf)?,
    }
    if batch.args.dump {
        let text = vitae::layout::dump::dump(&rendered.document, engine.fonts());
        write(&out.with_extension("dump.txt"), text.as_bytes())?;
    }
    let missed = rendered.fit.as_ref().filter(|f| !f.fitted).map(|f| f.target);
    Ok((rendered.document.pages.len(), missed))
}

/// Writes an output to standard output (`-o -`). A reader that stops early (`| head`) is not
/// an error: the rest of the output is unwanted.
fn write_stdout(bytes: &[u8]) -> Result<(), JobError> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(JobError::Stdout(e)),
        _ => Ok(()),
    }
}

/// Returns the files a loaded profile reads besides itself: its photo and its layout file,
/// both named relative to the profile's folder (the layout also relative to the current one).
fn protect_own(input: &Path, profile: &Profile) -> Protected {
    let dir = input.parent().unwrap_or(Path::new(""));
    let mut own = Protected::default();
    if let Some(photo) = &profile.photo {
        own.add(&dir.join(&photo.path), Role::Photo);
    }
    if let Some(layout) = &profile.layout {
        own.add_layout(layout, Some(dir));
    }
    own
}

/// Writes one PNG per page: `cv.png` stands for `cv-1.png`, `cv-2.png`, ….
fn write_previews(out: &Path, pdf: &[u8], dpi: f32, protected: &[&Protected]) -> Result<(), JobError> {
    let pages = vitae::png::pages(pdf, dpi).map_err(|e| {
        JobError::Library(vitae::Error::Io { path: out.display().to_string(), reason: e.to_string() })
    })?;
    let stem = out.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    for (n, png) in pages.iter().enumerate() {
        let path = out.with_file_name(format!("{stem}-{}.png", n + 1));
        output::write_atomic(&path, png, protected).map_err(JobError::Write)?;
    }
    Ok(())
}

/// Returns the profile's own layout when it names one (and `--layout` does not override it) or
/// adjusts the design; `None` means the batch's layout.
fn theme_of(batch: &Batch, profile: &Profile) -> Result<Option<Theme>, vitae::Error> {
    let overridden = batch.args.layout.is_some() || profile.layout.is_none();
    if overridden && profile.design.is_none() {
        return Ok(None);
    }
    let overrides = vitae::Overrides { layout: batch.args.layout.as_deref(), paper: batch.paper };
    Ok(Some(vitae::resolve_theme(profile, &overrides)?))
}

/// Prints each job's messages in input order, holding back those that finish early.
struct Printer<'a> {
    bar: &'a ProgressBar,
    quiet: bool,
    pending: Mutex<Pending>,
}

/// The next input to print and the finished inputs waiting for it, with their messages.
#[derive(Default)]
struct Pending {
    next: usize,
    done: BTreeMap<usize, (PathBuf, Vec<Message>)>,
}

impl Printer<'_> {
    /// Records that input `index` is done and prints every message now in order.
    fn done(&self, index: usize, input: &Path, messages: Vec<Message>) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        pending.done.insert(index, (input.to_path_buf(), messages));
        loop {
            let next = pending.next;
            let Some((input, messages)) = pending.done.remove(&next) else { break };
            self.bar.suspend(|| self.print(&input, &messages));
            pending.next += 1;
        }
        self.bar.inc(1);
    }

    /// Prints one input's messages.
    fn print(&self, input: &Path, messages: &[Message]) {
        for m in messages {
            match m {
                Message::Warning(w) if !self.quiet => warn(input, w),
                Message::Fit(fit) if !self.quiet => eprintln!("{}: {fit}", input.display()),
                Message::Warning(_) | Message::Fit(_) => {}
                Message::Error(e) => e.print(input),
            }
        }
    }
}

/// Returns a progress bar drawn on standard error, or a hidden one when standard error is not a
/// terminal, with `--quiet`, or for a single input.
fn progress_bar(args: &RenderArgs, len: usize) -> ProgressBar {
    if args.quiet || len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{wide_bar} {pos}/{len} [{elapsed} < {eta}]") {
        bar.set_style(style);
    }
    bar
}

/// Prints the summary: one line on success (not with `--quiet`, nor when the output went to
/// standard output), the list of failures when a batch had some.
fn summarize(args: &RenderArgs, batch: &Batch, records: &[InputReport]) {
    let outcomes: Vec<Outcome> = batch
        .jobs
        .iter()
        .zip(records)
        .map(|(job, r)| Outcome { output: &job.output, pages: r.pages, error: r.error.as_deref() })
        .collect();
    let failed = outcomes.iter().any(|o| o.error.is_some());
    if !failed && (args.quiet || batch.stdout) {
        return;
    }
    summary::lines(&outcomes, args.format).iter().for_each(|l| eprintln!("{l}"));
}

/// Reads `SOURCE_DATE_EPOCH` (the reproducible-builds convention) for the creation date.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
