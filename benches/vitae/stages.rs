//! Per-stage times in process, through the library's stage functions, on distinct variants of a
//! sample rendered one after another through one [`vitae::Engine`] (as a batch or a service
//! renders): parse, content, inline (shaping, hyphenation and Knuth–Plass, with the flow of
//! blocks), pagination (page breaking and placement) and PDF.

use std::path::Path;
use std::time::{Duration, Instant};

use vitae::layout::flow::{self, VItem};
use vitae::layout::inline::InlineCtx;
use vitae::layout::inline::hyphenate::Hyphenator;
use vitae::layout::pages::{self, Column, PageParams};

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

/// Runs each stage once on one file.
fn once(
    engine: &vitae::Engine,
    path: &Path,
    theme: &vitae::Theme,
    options: &vitae::RenderOptions,
) -> StageTimes {
    let fonts = engine.fonts();
    let (profile, parse) = timed(|| vitae::load_profile(path).expect("a generated profile is valid"));
    let (content, content_time) = timed(|| vitae::content::build(&profile, theme, fonts));
    let (columns, inline) = timed(|| inline_and_flow(&content, fonts));
    let (page_count, pages) = timed(|| paginate(&content, &columns));
    // The stage functions again, for the document the exporter needs (caches now warm).
    let (doc, _) = vitae::layout::layout(&content, fonts, &options.layout);
    let (_, pdf) = timed(|| vitae::pdf::export(&doc, fonts).expect("export"));
    let (_, render) = timed(|| engine.render(&profile, theme, options).expect("render"));
    StageTimes { parse, content: content_time, inline, pages, pdf, render, page_count, words: 0 }
}

/// One column's vertical list and geometry.
struct ColumnList {
    list: Vec<VItem>,
    column: Column,
    labels: Vec<String>,
}

/// Builds the vertical lists of the main column and the sidebar, as `layout::layout` does
/// before it breaks pages.
fn inline_and_flow(content: &vitae::Content, fonts: &vitae::font::FontBook) -> Vec<ColumnList> {
    let mut warnings = Vec::new();
    let h = &content.hyphenation;
    let hyphenator = Hyphenator::new(&h.lang, &h.exceptions);
    let mut ctx = InlineCtx {
        fonts,
        hyphenator: &hyphenator,
        hyphenate: h.enabled,
        microtype: content.microtype,
        lang: &h.lang,
        warnings: &mut warnings,
    };
    let labels = |blocks: &[vitae::content::Block]| blocks.iter().map(|b| b.label.clone()).collect();
    // The same column geometry `layout::layout` uses.
    let (main, side) = vitae::layout::columns(content);
    let mut tagger = vitae::layout::tagger::Tagger::default();
    tagger.column(false);
    let mut lists = vec![ColumnList {
        list: flow::build(&content.blocks, main.width, content.direction, &mut ctx, &mut tagger),
        column: main,
        labels: labels(&content.blocks),
    }];
    if let (Some(sb), Some(column)) = (&content.sidebar, side) {
        tagger.column(true);
        let list = flow::build(&sb.blocks, column.width, content.direction, &mut ctx, &mut tagger);
        lists.push(ColumnList { list, column, labels: labels(&sb.blocks) });
    }
    lists
}

/// Breaks each column into pages and places it, as `layout::layout` does; returns the pages.
fn paginate(content: &vitae::Content, columns: &[ColumnList]) -> usize {
    let setup = &content.page;
    let [top, _, bottom, _] = setup.margins;
    let params =
        PageParams { height: setup.size.h - top - bottom, vertical_justify: content.vertical_justify };
    let (mut pages, mut outline, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    for c in columns {
        let labels = |i: usize| c.labels.get(i).cloned().unwrap_or_default();
        let spans = pages::break_pages(&c.list, &params, &labels, &mut warnings);
        // Placing takes the list (its runs move into the frames); the bench keeps its lists for
        // the next iteration, so it places a copy.
        pages::place_column(&mut pages, &mut outline, c.list.clone(), &spans, setup, c.column);
    }
    pages.len()
}

/// Runs `f` and returns its result and how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}
