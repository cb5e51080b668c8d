//! Paragraph quality as a typesetter judges it, measured by the engine itself on every sample in
//! every bundled layout on A4 and Letter: each line's setting (adjustment ratio, expansion,
//! hyphen, protrusion) travels with its last run, so this reads the laid-out pages.
//!
//! Enforced (issue 12): no line reaches beyond its column's right edge except by the
//! protrusion its last character is allowed; at least 99% of justified lines have word spaces
//! within [−1/3, +1/2] of their natural width; no line after a hyphen holds only the word's
//! tail; at most 2% of lines hyphenated in justified layouts and 0.5% in ragged ones. The same
//! figures without microtypography are printed beside them (`--nocapture`) for comparison.

use std::fmt::Write;
use std::path::PathBuf;

use vitae::font::FontBook;
use vitae::layout::frame::{Item, LineSetting, TextRun};
use vitae::layout::inline::microtype::right_protrusion;
use vitae::theme::{Microtype, Paper};

/// The share of a space its stretch is (TeX's interword stretch, which vitae uses): a line at
/// ratio 1 has spaces half again as wide.
const SPACE_STRETCH: f64 = 0.5;
/// The share of a space its shrink is (TeX's): a line at ratio −1 has spaces a third narrower.
const SPACE_SHRINK: f64 = 1.0 / 3.0;
/// Word spaces may vary within [−1/3, +1/2] of their natural width (issue 12).
const SPACE_RANGE: (f64, f64) = (-1.0 / 3.0, 0.5);
/// The least share of justified lines whose spaces stay within [`SPACE_RANGE`], in percent.
const MIN_WITHIN_PERCENT: f64 = 99.0;
/// The most hyphenated lines a justified layout may have, in percent.
const MAX_JUSTIFIED_HYPHEN_PERCENT: f64 = 2.0;
/// The most hyphenated lines a ragged layout may have, in percent.
const MAX_RAGGED_HYPHEN_PERCENT: f64 = 0.5;
/// How far a glyph may pass its allowance before it counts as overfull: a hundredth of a
/// point, below what a printer can show.
const OVERFULL_TOLERANCE: f64 = 0.01;
/// The soft hyphen an inserted hyphen's text is.
const SOFT_HYPHEN: char = '\u{ad}';

/// What one layout's renderings add up to.
#[derive(Default)]
struct Tally {
    /// Lines set by inline layout.
    lines: usize,
    /// Justified lines.
    justified: usize,
    /// Justified lines whose spaces stay within [`SPACE_RANGE`].
    within: usize,
    /// The largest relative change of a justified line's spaces (signed, the farthest out).
    worst: f64,
    /// Lines reaching beyond their column, described.
    overfull: Vec<String>,
    /// Lines ending with an inserted hyphen.
    hyphenated: usize,
    /// Lines after a hyphen that hold only the word's tail.
    tails: usize,
    /// Lines whose glyphs are scaled.
    expanded: usize,
    /// Lines whose last glyph hangs into the margin.
    protruded: usize,
}

/// One line as the pages show it: its text, its last run with its position, and its setting.
struct PageLine<'a> {
    text: String,
    x: f64,
    run: &'a TextRun,
    setting: LineSetting,
}

/// Collects a page's lines: every run up to one that carries a line setting makes a line.
fn page_lines(items: &[vitae::layout::frame::Positioned]) -> Vec<PageLine<'_>> {
    let mut out = Vec::new();
    let mut text = String::new();
    for p in items {
        let Item::Text(run) = &p.item else { continue };
        text.push_str(&run.text);
        if let Some(setting) = run.line {
            out.push(PageLine { text: std::mem::take(&mut text), x: p.pos.x.get(), run, setting });
        }
    }
    out
}

/// Returns the relative change of a line's word spaces.
fn space_change(s: &LineSetting) -> f64 {
    if s.ratio >= 0.0 { s.ratio * SPACE_STRETCH } else { s.ratio * SPACE_SHRINK }
}

/// Returns how far a line's last glyph may hang past the column: its character's protrusion
/// share of its unscaled advance. An inserted hyphen (a soft hyphen in the text) is a hyphen.
fn allowance(run: &TextRun) -> f64 {
    let Some(ch) = run.text.trim_end_matches(' ').chars().next_back() else { return 0.0 };
    let ch = if ch == SOFT_HYPHEN { '-' } else { ch };
    let Some(g) = run.glyphs.iter().rev().find(|g| g.advance > 0.0) else { return 0.0 };
    right_protrusion(ch) * f64::from(g.advance / run.scale) * run.size.get()
}

/// Checks every text run on every page against the page's right margin, independently of what
/// the lines record: no glyph may pass it but by its protrusion allowance.
fn check_margin(doc: &vitae::Document, right_margin: f64, stem: &str, t: &mut Tally) {
    for (n, page) in doc.pages.iter().enumerate() {
        let edge = page.size.w.get() - right_margin;
        for p in &page.items {
            let Item::Text(run) = &p.item else { continue };
            let right = p.pos.x.get() + run.width().get();
            if right > edge + allowance(run) + OVERFULL_TOLERANCE {
                t.overfull.push(format!(
                    "{stem} p{}: “{}” ends {:.2} pt into the right margin",
                    n + 1,
                    run.text.trim(),
                    right - edge
                ));
            }
        }
    }
}

/// Adds one rendering's lines to the tally.
fn count(doc: &vitae::Document, stem: &str, t: &mut Tally) {
    for (n, page) in doc.pages.iter().enumerate() {
        let lines = page_lines(&page.items);
        for (i, line) in lines.iter().enumerate() {
            let s = &line.setting;
            t.lines += 1;
            t.expanded += usize::from(s.expansion != 0.0);
            t.protruded += usize::from(s.protrusion.get() > 0.0);
            if s.justified {
                t.justified += 1;
                let change = space_change(s);
                t.within += usize::from((SPACE_RANGE.0..=SPACE_RANGE.1).contains(&change));
                if change.abs() > t.worst.abs() {
                    t.worst = change;
                }
            }
            let right = line.x + line.run.width().get();
            let edge = line.x + s.measure_end.get();
            let allowed = allowance(line.run);
            if right > edge + allowed + OVERFULL_TOLERANCE
                || s.protrusion.get() > allowed + OVERFULL_TOLERANCE
            {
                t.overfull.push(format!(
                    "{stem} p{}: “{}” ends {:.2} pt past its column (allowed {allowed:.2})",
                    n + 1,
                    line.text.trim(),
                    right - edge
                ));
            }
            if s.hyphenated {
                t.hyphenated += 1;
                if lines.get(i + 1).is_some_and(|next| !next.text.trim().contains(' ')) {
                    t.tails += 1;
                }
            }
        }
    }
}

/// Lists the samples.
fn samples() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 5, "the five seed samples are missing");
    samples
}

/// Renders every sample on both papers in a layout, with the layout's microtypography or the
/// given one, and tallies the lines.
fn measure(layout: &str, microtype: Option<Microtype>, fonts: &FontBook) -> Tally {
    let mut t = Tally::default();
    for s in samples() {
        for paper in [Paper::A4, Paper::Letter] {
            let profile = vitae::profile::load(&s).unwrap();
            let mut theme = vitae::theme::load(layout).unwrap();
            theme.page.paper = paper;
            if let Some(m) = microtype {
                theme.microtype = m;
            }
            let out = vitae::render_with(&profile, &theme, fonts, &vitae::RenderOptions::default()).unwrap();
            let stem = format!("{}.{layout}.{paper:?}", s.file_stem().unwrap().to_string_lossy());
            count(&out.document, &stem, &mut t);
            check_margin(&out.document, theme.page.right.pt().get(), &stem, &mut t);
        }
    }
    t
}

/// Adds a layout's row to the table.
fn row(table: &mut String, layout: &str, t: &Tally) {
    let within = 100.0 * t.within as f64 / t.justified.max(1) as f64;
    let hyphenated = 100.0 * t.hyphenated as f64 / t.lines.max(1) as f64;
    let _ = writeln!(
        table,
        "{layout:<8} {:>6} {:>9} {within:>8.2} {:>+7.2} {:>8} {hyphenated:>8.2} {:>6} {:>8} {:>9}",
        t.lines,
        t.justified,
        t.worst,
        t.overfull.len(),
        t.tails,
        t.expanded,
        t.protruded
    );
}

/// The table's header.
const HEADER: &str =
    "layout    lines justified  within%   worst overfull hyphens%  tails expanded protruded\n";

#[test]
fn every_line_is_set_within_the_rules() {
    let fonts = FontBook::bundled();
    let off = Microtype { protrusion: false, expansion: false };
    let (mut with, mut without) = (String::from(HEADER), String::from(HEADER));
    let mut failures = Vec::new();
    for (layout, _) in vitae::theme::BUNDLED {
        let justify = vitae::theme::load(layout).unwrap().justify;
        row(&mut without, layout, &measure(layout, Some(off), &fonts));
        let t = measure(layout, None, &fonts);
        row(&mut with, layout, &t);
        failures.extend(t.overfull.iter().cloned());
        let within = 100.0 * t.within as f64 / t.justified.max(1) as f64;
        if t.justified > 0 && within < MIN_WITHIN_PERCENT {
            failures.push(format!("{layout}: {within:.2}% of justified lines within tolerance"));
        }
        let hyphenated = 100.0 * t.hyphenated as f64 / t.lines.max(1) as f64;
        let max = if justify { MAX_JUSTIFIED_HYPHEN_PERCENT } else { MAX_RAGGED_HYPHEN_PERCENT };
        if hyphenated > max {
            failures.push(format!("{layout}: {hyphenated:.2}% hyphenated lines (at most {max}%)"));
        }
        if t.tails > 0 {
            failures.push(format!("{layout}: {} lines hold only a hyphenated word's tail", t.tails));
        }
        if justify && t.lines > 0 && (t.expanded == 0 || t.protruded == 0) {
            failures.push(format!("{layout}: microtypography is on by default yet never applied"));
        }
    }
    println!("without microtypography:\n{without}\nas the layouts set it:\n{with}");
    assert!(failures.is_empty(), "{with}\n{}", failures.join("\n"));
}
