//! Pagination rules, each triggered on purpose: profiles are generated with a growing amount of
//! filler before the block under test, so that for some filler length the block falls exactly at
//! a page foot. The assertions read the laid-out pages (which page each line lands on).

use vitae::font::FontBook;
use vitae::layout::frame::{Document, Item};
use vitae::{RenderOptions, Rendered};

/// Renders a profile given as YAML in the classic layout.
fn render(yaml: &str, pages: Option<usize>) -> Rendered {
    let profile = vitae::profile::parse(yaml, "test.yaml").unwrap_or_else(|e| panic!("{}", e.render()));
    let theme = vitae::theme::load("classic").unwrap();
    let options = RenderOptions { pages, ..RenderOptions::default() };
    vitae::render_with(&profile, &theme, &FontBook::bundled(), &options).unwrap()
}

/// Returns (page, y) of every text run, in reading order.
fn runs(doc: &Document) -> Vec<(usize, f64, String)> {
    let mut out = Vec::new();
    for (n, page) in doc.pages.iter().enumerate() {
        for p in &page.items {
            if let Item::Text(t) = &p.item {
                out.push((n, p.pos.y.get(), t.text.clone()));
            }
        }
    }
    out
}

/// Returns the page of the first run containing `needle`.
fn page_of(doc: &Document, needle: &str) -> usize {
    runs(doc).iter().find(|(_, _, t)| t.contains(needle)).unwrap_or_else(|| panic!("{needle} not found")).0
}

/// Returns the distinct baselines (page, y) of runs containing any of the needles' words.
fn lines_of(doc: &Document, marker: &str) -> Vec<(usize, i64)> {
    let mut lines: Vec<(usize, i64)> = runs(doc)
        .iter()
        .filter(|(_, _, t)| t.contains(marker))
        .map(|(p, y, _)| (*p, (*y * 100.0) as i64))
        .collect();
    lines.dedup();
    lines
}

/// Filler: `n` one-line bullets in a first section.
fn filler(n: usize) -> String {
    let mut s = String::from("name: Test Person\nsections:\n  - title: Filler\n    entries:\n");
    for i in 0..n {
        s.push_str(&format!("      - Filler line number {i}\n"));
    }
    s
}

/// A paragraph long enough for several lines, every word carrying `marker`.
fn marked_paragraph(marker: &str, words: usize) -> String {
    (0..words).map(|i| format!("{marker}{i}")).collect::<Vec<_>>().join(" ")
}

#[test]
fn section_title_never_ends_a_page() {
    for n in 40..75 {
        let yaml = format!(
            "{}  - title: Target Section\n    entries:\n      - position: Engineer\n        organization: Org\n        highlights:\n          - First point of the entry.\n          - Second point of the entry.\n",
            filler(n)
        );
        let out = render(&yaml, None);
        let title = page_of(&out.document, "Target Section");
        assert_eq!(title, page_of(&out.document, "Engineer"), "n={n}: title separated from its first entry");
        assert_eq!(title, page_of(&out.document, "Second point"), "n={n}: title without two lines of body");
    }
}

#[test]
fn entry_heading_keeps_two_body_lines() {
    for n in 40..75 {
        let body = marked_paragraph("bodyword", 60);
        let yaml = format!(
            "{}      - position: Heading Position\n        organization: Heading Org\n        location: Somewhere\n        start: 2020-01\n        summary: \"{body}\"\n",
            filler(n)
        );
        let out = render(&yaml, None);
        let heading = page_of(&out.document, "Heading Position");
        assert_eq!(heading, page_of(&out.document, "Heading Org"), "n={n}");
        let body_lines = lines_of(&out.document, "bodyword");
        let with_heading = body_lines.iter().filter(|(p, _)| *p == heading).count();
        assert!(with_heading >= 2, "n={n}: heading kept {with_heading} body line(s)");
    }
}

#[test]
fn no_widows_or_orphans_in_a_highlight() {
    for n in 40..80 {
        let text = marked_paragraph("para", 90);
        let yaml = format!("{}      - \"{text}\"\n", filler(n));
        let out = render(&yaml, None);
        let lines = lines_of(&out.document, "para");
        assert!(lines.len() >= 4, "the paragraph should have several lines");
        for page in 0..out.document.pages.len() {
            let count = lines.iter().filter(|(p, _)| *p == page).count();
            assert!(count == 0 || count >= 2, "n={n}: page {page} holds {count} line of the paragraph");
        }
    }
}

#[test]
fn nested_points_stay_with_their_parent() {
    for n in 40..75 {
        let yaml = format!(
            "{}      - bullet: Parent point with children\n        highlights:\n          - Child one\n          - Child two\n          - Child three\n",
            filler(n)
        );
        let out = render(&yaml, None);
        assert_eq!(page_of(&out.document, "Parent point"), page_of(&out.document, "Child one"), "n={n}");
    }
}

#[test]
fn entry_taller_than_a_page_is_split_with_a_warning_naming_it() {
    let about = marked_paragraph("about", 900);
    let yaml = format!(
        "name: Test Person\nsections:\n  - title: Work\n    entries:\n      - position: Giant Entry\n        organization: Org\n        about: \"{about}\"\n"
    );
    let out = render(&yaml, None);
    assert!(out.document.pages.len() >= 2);
    let w: Vec<_> = out.warnings.iter().map(|w| w.message.clone()).collect();
    assert!(w.iter().any(|m| m.contains("taller than a page") && m.contains("Giant Entry")), "{w:?}");
}

#[test]
fn pages_one_fits_content_that_fits_only_when_tightened() {
    // Find a filler length that needs two pages naturally but fits one when tightened.
    let mut checked = false;
    for n in 50..90 {
        let yaml = filler(n);
        let natural = render(&yaml, None);
        if natural.document.pages.len() != 2 {
            continue;
        }
        let fitted = render(&yaml, Some(1));
        let report = fitted.fit.expect("a fit report");
        if !report.fitted {
            break;
        }
        assert_eq!(fitted.document.pages.len(), 1);
        assert_eq!(report.natural_pages, 2);
        assert!(report.layouts <= vitae::fit::MAX_LAYOUTS);
        assert!(report.body.1 >= 8.5 - 1e-9, "never below the legibility floor");
        checked = true;
    }
    assert!(checked, "no filler length exercised --pages 1");
}

#[test]
fn content_that_cannot_fit_renders_the_best_attempt_and_says_so() {
    let out = render(&filler(400), Some(1));
    let report = out.fit.expect("a fit report");
    assert!(!report.fitted);
    assert!(out.document.pages.len() > 1);
    assert!(report.pages <= report.natural_pages);
    assert!(out.warnings.iter().any(|w| w.message.contains("cannot fit on 1 page")));
}

#[test]
fn pages_are_full_except_the_last_unless_a_rule_forced_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    // Files only: samples/languages/ is a folder of its own (covered by tests/goldens.rs).
    let mut samples: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    samples.sort();
    for s in samples {
        let profile = vitae::load_profile(&s).unwrap();
        let theme = vitae::theme::load("classic").unwrap();
        let out =
            vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default()).unwrap();
        let forced = out.warnings.iter().any(|w| w.message.contains("taller than a page"));
        let pages = &out.document.pages;
        for (i, p) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
            assert!(
                forced || p.fill >= 0.75,
                "{}: page {} is {:.0}% full",
                s.display(),
                i + 1,
                p.fill * 100.0
            );
        }
    }
}

#[test]
fn footer_shows_page_numbers_on_every_page_of_a_multi_page_document() {
    let out = render(&filler(120), None);
    let total = out.document.pages.len();
    assert!(total >= 2);
    for n in 1..=total {
        let footer = format!("Test Person · {n} / {total}");
        assert!(
            runs(&out.document).iter().any(|(p, _, t)| *p == n - 1 && t.contains(&footer)),
            "no footer {footer}"
        );
    }
    let single = render(&filler(5), None);
    assert!(
        !runs(&single.document).iter().any(|(_, _, t)| t.contains(" / 1")),
        "no footer on a one-page document"
    );
}

#[test]
fn vertical_justify_ends_every_page_but_the_last_at_the_bottom_margin() {
    let mut yaml = String::from("name: Test Person\nsections:\n");
    for sec in 0..12 {
        yaml.push_str(&format!("  - title: Section {sec}\n    entries:\n"));
        for e in 0..3 {
            yaml.push_str(&format!("      - position: Role {sec}.{e}\n        organization: Org\n        highlights:\n          - A point about role {sec}.{e} that is long enough to wrap onto a second line of the page.\n"));
        }
    }
    let profile = vitae::profile::parse(&yaml, "t.yaml").unwrap();
    let mut theme = vitae::theme::load("classic").unwrap();
    let ragged =
        vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default()).unwrap();
    theme.vertical_justify = true;
    let justified =
        vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default()).unwrap();
    let bottom = |doc: &Document, n: usize| {
        runs(doc)
            .iter()
            .filter(|(p, _, t)| *p == n && !t.contains(" / "))
            .map(|(_, y, _)| *y)
            .fold(0.0, f64::max)
    };
    let pages = justified.document.pages.len();
    assert!(pages >= 2);
    let text_bottom = 841.89 - 18.0 * 72.0 / 25.4;
    for n in 0..pages - 1 {
        let gap_j = text_bottom - bottom(&justified.document, n);
        let gap_r = text_bottom - bottom(&ragged.document, n);
        assert!(
            gap_j <= gap_r + 0.01,
            "page {}: justified leaves {gap_j:.1} pt, ragged {gap_r:.1} pt",
            n + 1
        );
        assert!(
            gap_j < 12.0,
            "page {}: justified page should end near the margin, {gap_j:.1} pt left",
            n + 1
        );
    }
}

/// The most of a page (a share of the text area's height) that may stay empty at the foot of any
/// page but the last, over every sample, layout and paper (issue 12: "page fill").
const MOST_EMPTY_SHARE: f64 = 0.15;

/// The worst page of a layout: its empty share and where it is.
#[derive(Debug, Default)]
struct Worst {
    /// The largest empty share at a page's foot (from the page's fill: its fuller column).
    empty: f64,
    /// Where.
    place: String,
    /// The largest share of the text area left below the main column's last baseline.
    main: f64,
    /// Where.
    main_place: String,
    /// Renders left out because a keep rule forced a break.
    forced: usize,
}

/// Returns the share of the text area below the main column's last baseline on a page.
fn main_column_empty(page: &vitae::layout::frame::Page, main_x: f64, top: f64, bottom: f64) -> f64 {
    let text_bottom = page.size.h.get() - bottom;
    let lowest = page
        .items
        .iter()
        .filter_map(|i| match &i.item {
            Item::Text(_) if i.pos.x.get() >= main_x - 0.5 && i.pos.y.get() <= text_bottom => {
                Some(i.pos.y.get())
            }
            _ => None,
        })
        .fold(top, f64::max);
    (text_bottom - lowest) / (text_bottom - top)
}

/// Returns, per bundled layout, the worst empty share at the foot of a page (every page but the
/// last) over all samples on A4 and Letter, with where it happens; renders in which a keep rule
/// forced a break are left out (and counted), as their emptiness is the rule's choice.
fn worst_page_fill() -> Vec<(String, Worst)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    // Files only: samples/languages/ is a folder of its own (covered by tests/goldens.rs).
    let mut samples: Vec<_> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    samples.sort();
    let mut table = Vec::new();
    for (layout, _) in vitae::theme::BUNDLED {
        let mut worst = Worst::default();
        for s in &samples {
            let profile = vitae::load_profile(s).unwrap();
            for paper in [vitae::theme::Paper::A4, vitae::theme::Paper::Letter] {
                let mut theme = vitae::theme_for(&profile, Some(layout)).unwrap();
                theme.page.paper = paper;
                let fonts = FontBook::bundled();
                let out = vitae::render_with(&profile, &theme, &fonts, &RenderOptions::default()).unwrap();
                if out.warnings.iter().any(|w| w.message.contains("taller than a page")) {
                    worst.forced += 1;
                    continue;
                }
                let content = vitae::content::build(&profile, &theme, &fonts);
                let main_x = vitae::layout::columns(&content).0.x.get();
                let (top, bottom) = (theme.page.top.pt().get(), theme.page.bottom.pt().get());
                let name = s.file_stem().unwrap().to_string_lossy();
                let pages = &out.document.pages;
                for (i, p) in pages.iter().enumerate().take(pages.len().saturating_sub(1)) {
                    let place = format!("{name} {paper:?} p{}", i + 1);
                    if 1.0 - p.fill > worst.empty {
                        (worst.empty, worst.place) = (1.0 - p.fill, place.clone());
                    }
                    let main = main_column_empty(p, main_x, top, bottom);
                    if main > worst.main {
                        (worst.main, worst.main_place) = (main, place);
                    }
                }
            }
        }
        table.push((layout.to_string(), worst));
    }
    table
}

/// Prints the worst page fill per layout (`cargo test --test pagination worst -- --nocapture`)
/// and holds every layout to [`MOST_EMPTY_SHARE`].
#[test]
fn worst_page_fill_per_layout_stays_within_the_bound() {
    let table = worst_page_fill();
    println!("{:<8} {:>6}  {:<34} {:>9}  {:<34} forced", "layout", "empty", "where", "main col", "where");
    for (layout, w) in &table {
        println!(
            "{layout:<8} {:>5.1}%  {:<34} {:>8.1}%  {:<34} {}",
            w.empty * 100.0,
            w.place,
            w.main * 100.0,
            w.main_place,
            w.forced
        );
    }
    for (layout, w) in &table {
        assert!(w.empty <= MOST_EMPTY_SHARE + 1e-9, "{layout}: {} is {:.1}% empty", w.place, w.empty * 100.0);
    }
}

/// An entry heading `title` with `points` highlights, each `words` words carrying `marker`.
fn entry(title: &str, points: usize, words: usize, marker: &str) -> String {
    let mut s = format!("      - position: {title}\n        organization: Org\n        highlights:\n");
    for p in 0..points {
        s.push_str(&format!("          - \"{}\"\n", marked_paragraph(&format!("{marker}{p}x"), words)));
    }
    s
}

#[test]
fn a_long_entry_breaks_between_its_highlights_rather_than_leave_the_page_empty() {
    let mut split = 0;
    for n in 30..60 {
        let yaml =
            format!("{}  - title: Work\n    entries:\n{}", filler(n), entry("Long Entry", 14, 24, "hl"));
        let out = render(&yaml, None);
        let pages = &out.document.pages;
        for (i, p) in pages.iter().enumerate().take(pages.len() - 1) {
            assert!(p.fill >= 0.85, "n={n}: page {} is {:.0}% full", i + 1, p.fill * 100.0);
        }
        let lines = lines_of(&out.document, "hl");
        if lines.first().map(|l| l.0) != lines.last().map(|l| l.0) {
            split += 1;
            // At least two lines of the entry at each end of the break.
            for page in 0..pages.len() {
                let count = lines.iter().filter(|(p, _)| *p == page).count();
                assert!(count == 0 || count >= 2, "n={n}: page {page} holds {count} line(s) of the entry");
            }
        }
    }
    assert!(split > 0, "no filler length split the long entry");
}

#[test]
fn a_section_with_a_single_one_point_entry_stays_together() {
    for n in 40..75 {
        let yaml = format!(
            "{}  - title: Lonely Section\n    entries:\n{}",
            filler(n),
            entry("Only Entry", 1, 4, "solo")
        );
        let out = render(&yaml, None);
        let doc = &out.document;
        let title = page_of(doc, "Lonely Section");
        assert_eq!(title, page_of(doc, "Only Entry"), "n={n}");
        assert_eq!(title, page_of(doc, "solo0x0"), "n={n}");
    }
}
