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

#[path = "render_outputs.rs"]
mod outputs;
#[path = "report.rs"]
mod report;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

pub use super::render_args::RenderArgs;

use super::selection::Target;

use super::failure::JobError;
use super::options::{self, OutputFormat, Sink};
use super::output::{self, Protected, Role, WriteError};
use super::panics;
use super::summary::{self, Outcome};
use super::{EXIT_FAILED, EXIT_OK, EXIT_USAGE, inputs, report, report_error, warn};
use outputs::{create_out_dir, plan, protect, refuse_stdout, refuse_unsafe_outputs};
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
    /// What the process does once the batch is rendered.
    afterwards: Afterwards,
}

impl Batch<'_> {
    /// Whether a job may leave its profile and render to the process's exit instead of freeing
    /// them: a run of one job that exits afterwards. Freeing a two-page document's profile,
    /// layout and PDF one allocation at a time costs about 0.15 M instructions (0.6% of a
    /// single render) for memory the exit returns at once; in a batch each document is freed,
    /// so that the run's memory stays that of one document.
    fn leaves_job_to_exit(&self) -> bool {
        self.afterwards == Afterwards::Exit && self.jobs.len() == 1
    }
}

/// One input, what of it to render (see [`selection`]: the variant, tags and language) and
/// where its PDF goes.
struct Job {
    input: PathBuf,
    /// The résumé's output; with `--letter-only`, and for a letter file, the letter's.
    output: PathBuf,
    /// With `--with-letter`, where the cover letter goes (`cv-letter.pdf` beside `cv.pdf`).
    letter: Option<PathBuf>,
    /// An earlier job whose PDF goes to the same file (by its name): this one then fails.
    clash: Option<PathBuf>,
    /// What to render of the input, and the profile if planning read it.
    target: Target,
}

/// What a job has to say, printed in input order.
enum Message {
    /// A problem that still gave a PDF.
    Warning(vitae::Warning),
    /// The fit report of `--pages`.
    Fit(String),
    /// What else was written for the input (the cover letter of `--with-letter`).
    Note(String),
    /// Why the input failed.
    Error(JobError),
}

/// Renders every input (again on every change with `--watch`); returns the exit code.
pub fn run(args: &RenderArgs) -> u8 {
    if !args.watch {
        return run_once(args, Afterwards::Exit);
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
    super::watch::run(&files, args.layout.as_deref(), cycles, || run_once(args, Afterwards::Render))
}

/// What the process does once a run's inputs are rendered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Afterwards {
    /// It exits: the run's memory is left to the operating system.
    Exit,
    /// It renders again (`--watch`): the run's memory is freed.
    Render,
}

/// Renders every input once; returns the exit code.
fn run_once(args: &RenderArgs, afterwards: Afterwards) -> u8 {
    let batch = match setup(args, afterwards) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let code = render_batch(args, &batch);
    if afterwards == Afterwards::Exit {
        // Freeing the engine's fonts, caches and layouts one allocation at a time costs about
        // 1% of a single render (0.4 M instructions) for memory the exit returns at once. Batch
        // owns no files or locks, so nothing is lost by not dropping it.
        std::mem::forget(batch);
    }
    code
}

/// Renders a batch's inputs, prints their outcome and writes the report; returns the exit code.
fn render_batch(args: &RenderArgs, batch: &Batch) -> u8 {
    let cores = || std::thread::available_parallelism().map_or(1, usize::from);
    let threads = args.jobs.map_or_else(cores, usize::from).clamp(1, batch.jobs.len().max(1));
    let start = Instant::now();
    let bar = progress_bar(args, batch.jobs.len());
    let printer = Printer { bar: &bar, quiet: args.quiet, pending: Mutex::default() };
    let Some(records) = render_all(batch, threads, &printer) else { return EXIT_USAGE };
    bar.finish_and_clear();
    summarize(args, batch, &records);
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
        printer.done(i, &job.target.name(), messages);
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
fn setup(args: &RenderArgs, afterwards: Afterwards) -> Result<Batch<'_>, u8> {
    let mut files = inputs::expand(&args.profiles).map_err(|e| {
        report_error(&e, None);
        EXIT_USAGE
    })?;
    if let Some(shard) = args.shard {
        let listed = files.len();
        files = shard.select(files);
        if files.is_empty() {
            // More shards than inputs: this one has nothing to do, which is not a failure.
            eprintln!("shard {shard} holds no input (the listing has {listed})");
            return Err(EXIT_OK);
        }
    }
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
        interview_copy: args.interview_copy,
        compression: args.compress.compression(),
    };
    let engine = engine(&args.font_path)?;
    Ok(Batch { args, jobs, theme, paper, stdout, options, engine, protected, afterwards })
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

/// Renders one input and writes its files; returns its messages and its report entry.
fn render_job(batch: &Batch, job: &Job) -> (Vec<Message>, InputReport) {
    let start = Instant::now();
    let mut messages = Vec::new();
    let name = job.target.name();
    let mut record = InputReport {
        input: name.display().to_string(),
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
        record.error = Some(e.line(&name));
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
    let profile = selected_profile(&job.target)?;
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
    let writer = Writer { batch, engine, protected: &protected };
    let letter_only = batch.args.letter_only || profile.letter.as_ref().is_some_and(|l| l.own_file);
    // Refused before anything is written: a flag asks for a letter the profile does not have.
    if (letter_only || job.letter.is_some()) && profile.letter.is_none() {
        return Err(JobError::NoLetter);
    }
    if letter_only {
        let pages = write_letter(&writer, &profile, theme, &job.output, &[], messages)?;
        return Ok((pages, None));
    }
    let rendered = engine.render(&profile, theme, &batch.options).map_err(JobError::Library)?;
    messages.extend(rendered.warnings.iter().cloned().map(Message::Warning));
    if let Some(fit) = &rendered.fit {
        messages.push(Message::Fit(fit.to_string()));
    }
    writer.write(&job.output, &rendered)?;
    if let Some(out) = &job.letter {
        let pages = write_letter(&writer, &profile, theme, out, &rendered.warnings, messages)?;
        let note = format!("cover letter: {} ({pages} page{})", out.display(), plural(pages));
        messages.push(Message::Note(note));
    }
    let missed = rendered.fit.as_ref().filter(|f| !f.fitted).map(|f| f.target);
    let pages = rendered.document.pages.len();
    if batch.leaves_job_to_exit() {
        // Owns no files or locks: nothing but memory is left, and the exit returns it.
        std::mem::forget(rendered);
        std::mem::forget(profile);
    }
    Ok((pages, missed))
}

/// Renders the profile's cover letter and writes it to `out`; returns its page count. Its
/// warnings join the messages, except those the résumé's render already gave (`said`: the
/// profile's notes, repeated by every render).
fn write_letter(
    writer: &Writer,
    profile: &Profile,
    theme: &Theme,
    out: &Path,
    said: &[vitae::Warning],
    messages: &mut Vec<Message>,
) -> Result<usize, JobError> {
    let letter = profile.letter.as_ref().ok_or(JobError::NoLetter)?;
    let options = &writer.batch.options;
    let rendered = writer.engine.render_letter(profile, letter, theme, options).map_err(JobError::Library)?;
    let new = rendered.warnings.iter().filter(|w| !said.contains(w));
    messages.extend(new.cloned().map(Message::Warning));
    writer.write(out, &rendered)?;
    Ok(rendered.document.pages.len())
}

/// Returns "s" for a count other than one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Writes one rendered document of a job in the batch's format (and its dump with `--dump`).
struct Writer<'a> {
    batch: &'a Batch<'a>,
    /// The engine that rendered it, whose faces the dump names.
    engine: &'a Engine,
    /// The run's and the profile's protected files.
    protected: &'a [&'a Protected; 2],
}

impl Writer<'_> {
    /// Writes a rendered document to `out`: PDF, text or PNG previews, plus the dump.
    fn write(&self, out: &Path, rendered: &vitae::Rendered) -> Result<(), JobError> {
        match self.batch.args.format {
            OutputFormat::Txt => {
                self.bytes(out, vitae::layout::text::plain_text(&rendered.document).as_bytes())?
            }
            OutputFormat::Png => write_previews(out, &rendered.pdf, self.batch.args.dpi, self.protected)?,
            OutputFormat::Pdf => self.bytes(out, &rendered.pdf)?,
        }
        if self.batch.args.dump {
            let text = vitae::layout::dump::dump(&rendered.document, self.engine.fonts());
            self.bytes(&out.with_extension("dump.txt"), text.as_bytes())?;
        }
        Ok(())
    }

    /// Writes bytes to a file atomically, or to standard output with `-o -`.
    fn bytes(&self, path: &Path, bytes: &[u8]) -> Result<(), JobError> {
        if self.batch.stdout {
            write_stdout(bytes)
        } else {
            output::write_atomic(path, bytes, self.protected).map_err(JobError::Write)
        }
    }
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

/// Returns the profile of a job as its selection shows it: the one planning read, else read
/// now, then with the variant and tags applied (see `Profile::select`).
fn selected_profile(target: &Target) -> Result<Profile, JobError> {
    if let Some(refused) = &target.refused {
        return Err(JobError::Library(refused.clone().into()));
    }
    let selection = &target.selection;
    let selected = match &target.profile {
        Some(profile) => profile.select(selection),
        None => {
            let load = vitae::LoadOptions { lang: target.lang.clone() };
            let profile = vitae::load_profile_with(&target.input, &load);
            profile.map_err(|e| JobError::Library(e.into()))?.into_selected(selection)
        }
    };
    selected.map_err(|e| JobError::Library(e.into()))
}

/// Returns the files a loaded profile reads besides itself: its photo, its letter's signature
/// and its layout file,
/// both named relative to the profile's folder (the layout also relative to the current one).
fn protect_own(input: &Path, profile: &Profile) -> Protected {
    let dir = input.parent().unwrap_or(Path::new(""));
    let mut own = Protected::default();
    if let Some(photo) = &profile.photo {
        own.add(&dir.join(&photo.path), Role::Photo);
    }
    // A letter's signature is read as the photo is, relative to the file the letter is in:
    // the input, a profile or a letter file.
    if let Some(signature) = profile.letter.as_ref().and_then(|l| l.signature.as_ref()) {
        own.add(&dir.join(&signature.image.path), Role::Photo);
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
                Message::Fit(text) | Message::Note(text) if !self.quiet => {
                    eprintln!("{}: {text}", input.display());
                }
                Message::Warning(_) | Message::Fit(_) | Message::Note(_) => {}
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

/// Reads `SOURCE_DATE_EPOCH` (the reproducible-builds convention) for the creation date; `vitae
/// serve` reads it the same way, so both give the same bytes.
pub(super) fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}
