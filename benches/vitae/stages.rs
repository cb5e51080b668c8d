//! Per-stage times in process, through the library's stage functions, on distinct variants of a
//! sample rendered one after another through one [`vitae::Engine`] (as a batch or a service
//! renders): parse, content, inline (shaping, hyphenation and Knuth–Plass, with the flow of
//! blocks), pagination (page breaking, placement and footers) and PDF.

use std::path::Path;
use std::time::{Duration, Instant};

use vitae::staged;

use crate::corpus::{TempDir, variant};

/// The median time of each stage for one sample, plus the whole `render` call (which may lay
/// the document out more than once to avoid a nearly empty last page).
pub struct StageTimes {
    /// Reading and validating the profile file.
    pub parse: Duration,
    /// Profile and theme into styled blocks.
    pub content: Duration,
    /// Paragraphs into lines (shaping, hyphenation, line breaking) and blocks into the
    /// vertical list.
    pub inline: Duration,
    /// The rest of layout: page breaks, placement, footers.
    pub pages: Duration,
    /// Frames to PDF bytes.
    pub pdf: Duration,
    /// One `Engine::render` call (content, every layout it runs, PDF).
    pub render: Duration,
    /// Pages of the document.
    pub page_count: usize,
    /// Words in the profile file.
    pub words: usize,
}

/// Measures the stages of `runs` distinct variants of a profile's text and returns the median
/// of each stage.
pub fn measure(engine: &vitae::Engine, text: &str, runs: u64) -> StageTimes {
    let dir = TempDir::new("stages");
    let theme = vitae::theme::load("classic").expect("the classic layout loads");
    let options = vitae::RenderOptions::default();
    let mut samples = Vec::new();
    // Variant numbers far from the batch's, so this run does not warm the batch's words.
    for n in 0..runs {
        let path = dir.write(&format!("v{n}.yaml"), &variant(text, 1_000_000 + n));
        samples.push(once(engine, &path, &theme, &options));
    }
    let median = |f: fn(&StageTimes) -> Duration| {
        let mut v: Vec<Duration> = samples.iter().map(f).collect();
        v.sort();
        v[v.len() / 2]
    };
    StageTimes {
        parse: median(|s| s.parse),
        content: median(|s| s.content),
        inline: median(|s| s.inline),
        pages: median(|s| s.pages),
        pdf: median(|s| s.pdf),
        render: median(|s| s.render),
        page_count: samples[0].page_count,
        words: text.split_whitespace().count(),
    }
}

/// Runs each stage once on one file, through [`vitae::staged`]: each stage takes what the one
/// before returned, so the stages measured are the ones `Engine::render` runs.
fn once(
    engine: &vitae::Engine,
    path: &Path,
    theme: &vitae::Theme,
    options: &vitae::RenderOptions,
) -> StageTimes {
    let fonts = engine.fonts();
    let (profile, parse) = timed(|| vitae::load_profile(path).expect("a generated profile is valid"));
    let (content, content_time) = timed(|| staged::content(&profile, theme, fonts, &options.layout));
    let (lists, inline) = timed(|| staged::vertical_lists(&content, fonts));
    let ((doc, _), pages) = timed(|| staged::pages(&content, lists, fonts, &options.layout));
    let (_, pdf) = timed(|| staged::pdf(&doc, fonts).expect("export"));
    let (_, render) = timed(|| engine.render(&profile, theme, options).expect("render"));
    let page_count = doc.pages.len();
    StageTimes { parse, content: content_time, inline, pages, pdf, render, page_count, words: 0 }
}

/// Runs `f` and returns its result and how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}
