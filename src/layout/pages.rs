//! Pages: cuts the vertical list into pages at permitted breaks and places every box, link,
//! bookmark and footer on its page, producing the frames the exporter draws.

use super::flow::{BreakCost, VBox, VContent, VItem};
use super::frame::{
    ArtifactKind, Elem, FilledRect, Item, LinkArea, OutlineEntry, Page, Positioned, Rule, StructId, Tag,
};
use super::inline::{self, InlineCtx, Line};
use super::tagger::{LineTags, Path};
use crate::content::{PageSetup, Paragraph, Run};
use crate::diag::Warning;
use crate::geom::{Point, Pt, Size};

/// Distance from the page's bottom edge to the footer's baseline, as a share of the bottom
/// margin: a little below the margin's middle, so the footer reads as part of the page's foot.
const FOOTER_BASELINE_SHARE: f64 = 0.55;

/// Which items of the vertical list go on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct PageSpan {
    /// First item index.
    pub start: usize,
    /// One past the last item index.
    pub end: usize,
    /// The natural height of the page's content.
    pub height: Pt,
    /// The ratio by which its spaces stretch (0 unless the page is justified vertically).
    pub stretch_ratio: f64,
}

/// How pages are broken.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageParams {
    /// The height of the text area.
    pub height: Pt,
    /// Whether spaces stretch so that every page but the last ends flush at the bottom margin.
    pub vertical_justify: bool,
}

/// Cost of breaking where a keep rule forbids it: only ever chosen when nothing else fits (an
/// entry taller than a page), and reported.
const FORCED_BREAK_COST: f64 = 1e7;
/// Scale of a page's badness: `BADNESS_SCALE · u³` for an unfilled share `u`, TeX's `100 r³`
/// with the ratio taken against a quarter page, so that a page 75% full costs as much as a
/// fully stretched TeX line (100) and emptier pages are avoided unless a rule forces them.
const BADNESS_SCALE: f64 = 6400.0;
/// Badness beyond which a page counts as awful; TeX's `inf_bad`.
const INF_BAD: f64 = 10000.0;
/// The most of a page (a share of its text area) that may stay empty at its foot before the
/// page counts as awful (issue 12): past it, breaking inside a long entry between its
/// highlights (a small penalty against a between-entries bonus) is always
/// cheaper than leaving the space.
const MOST_EMPTY_SHARE: f64 = 0.15;
/// The constant added to badness before squaring, as TeX's \linepenalty: favours fewer pages.
const PAGE_PENALTY: f64 = 10.0;

/// Chooses page breaks that minimise the total cost of all pages (a dynamic program over the
/// permitted breaks, as Knuth–Plass does for lines), so a slightly worse early break can avoid a
/// terrible later one. Breaks that keep rules forbid are used only when no permitted break fits,
/// with a warning naming the block.
pub fn break_pages(
    list: &[VItem],
    params: &PageParams,
    labels: &dyn Fn(usize) -> String,
    warnings: &mut Vec<Warning>,
) -> Vec<PageSpan> {
    let candidates = candidates(list);
    let first = skip_discardable(list, 0);
    if first >= list.len() {
        return vec![PageSpan { start: 0, end: 0, height: Pt::ZERO, stretch_ratio: 0.0 }];
    }
    // best[k]: the cheapest way to end a page at candidates[k]; from: where that page started.
    let sums = Sums::new(list);
    let mut best: Vec<Option<(f64, Option<usize>)>> = vec![None; candidates.len()];
    for k in 0..candidates.len() {
        best[k] = best_page_ending_at(list, &sums, &candidates, &best, k, first, params);
    }
    let spans = trace(list, &candidates, &best, first, params);
    report_forced(list, &spans, labels, warnings);
    spans
}

/// Lists where a page may end: every break item, then the end of the list.
fn candidates(list: &[VItem]) -> Vec<usize> {
    let mut c: Vec<usize> =
        list.iter().enumerate().filter(|(_, it)| matches!(it, VItem::Break(_))).map(|(i, _)| i).collect();
    c.push(list.len());
    c
}

/// Returns the cheapest (cost, previous candidate) for a page ending at candidate `k`.
fn best_page_ending_at(
    list: &[VItem],
    sums: &Sums,
    candidates: &[usize],
    best: &[Option<(f64, Option<usize>)>],
    k: usize,
    first: usize,
    params: &PageParams,
) -> Option<(f64, Option<usize>)> {
    let end = candidates[k];
    let last = end == list.len();
    let mut result: Option<(f64, Option<usize>)> = None;
    // Walk back over possible page starts until the content no longer fits.
    for j in (0..=k).rev() {
        let (start, before) = if j == 0 {
            (first, 0.0)
        } else {
            match best[j - 1] {
                Some((c, _)) => (skip_discardable(list, candidates[j - 1]), c),
                None => continue,
            }
        };
        if start >= end {
            continue;
        }
        let (height, stretch) = sums.measure(start, end);
        if !height.fits(params.height) {
            break;
        }
        let penalty = break_cost(list.get(end), height, params);
        let cost = before + page_cost(height, stretch, penalty, last, params);
        if result.is_none_or(|(c, _)| cost < c) {
            result = Some((cost, if j == 0 { None } else { Some(j - 1) }));
        }
    }
    result.or_else(|| overfull_page(list, candidates, best, k, first))
}

/// When no start fits (a block taller than a page), ends the page anyway after the nearest
/// start, so the document still comes out; the cost makes any alternative preferable.
fn overfull_page(
    list: &[VItem],
    candidates: &[usize],
    best: &[Option<(f64, Option<usize>)>],
    k: usize,
    first: usize,
) -> Option<(f64, Option<usize>)> {
    // Only a start with a box before this end: a start past the last box (a page of trailing
    // breaks and spaces) found none, and ending everything there lost the whole column.
    let prev =
        (0..k).rev().find(|&j| best[j].is_some() && skip_discardable(list, candidates[j]) < candidates[k]);
    let before = prev.and_then(|j| best[j]).map_or(0.0, |(c, _)| c);
    let start = prev.map_or(first, |j| skip_discardable(list, candidates[j]));
    (start < candidates[k]).then_some((before + FORCED_BREAK_COST * 10.0, prev))
}

/// Returns the cost of ending a page of natural height `height` at a break item.
fn break_cost(item: Option<&VItem>, height: Pt, params: &PageParams) -> f64 {
    match item {
        Some(VItem::Break(BreakCost::Allowed(c))) => *c,
        Some(VItem::Break(BreakCost::KeepWithSection { cost, tail })) => {
            if (height + *tail).fits(params.height) { FORCED_BREAK_COST } else { *cost }
        }
        Some(VItem::Break(BreakCost::Forbidden)) => FORCED_BREAK_COST,
        _ => 0.0,
    }
}

/// Running totals of height and stretch over a list, so that the page breaker measures any
/// stretch of it in constant time (measuring item by item made it quadratic in a page's items).
struct Sums {
    /// `height[i]`: the natural height of items `0..i`.
    height: Vec<f64>,
    /// `stretch[i]`: the stretch of items `0..i`.
    stretch: Vec<f64>,
}

impl Sums {
    /// Adds up the list once.
    fn new(list: &[VItem]) -> Sums {
        let mut sums = Sums { height: vec![0.0], stretch: vec![0.0] };
        let (mut h, mut s) = (0.0, 0.0);
        for item in list {
            match item {
                VItem::Box(b) => h += b.height.get(),
                VItem::Space(v) => {
                    h += v.height.get();
                    s += v.stretch.get();
                }
                VItem::Break(_) => {}
            }
            sums.height.push(h);
            sums.stretch.push(s);
        }
        sums
    }

    /// Returns the natural height and the total stretch of items `start..end`.
    fn measure(&self, start: usize, end: usize) -> (Pt, Pt) {
        (Pt(self.height[end] - self.height[start]), Pt(self.stretch[end] - self.stretch[start]))
    }
}

/// Returns the natural height and the total stretch of items `start..end`, added in order (the
/// chosen pages are measured this way, so that their figures do not depend on what precedes).
fn measure(list: &[VItem], start: usize, end: usize) -> (Pt, Pt) {
    let mut h = Pt::ZERO;
    let mut stretch = Pt::ZERO;
    for item in &list[start..end] {
        match item {
            VItem::Box(b) => h += b.height,
            VItem::Space(s) => {
                h += s.height;
                stretch += s.stretch;
            }
            VItem::Break(_) => {}
        }
    }
    (h, stretch)
}

/// Returns a page's demerits: (penalty + badness)² plus the break's own cost, as Knuth–Plass
/// rates lines. The last page is free of badness (it may end anywhere).
fn page_cost(height: Pt, stretch: Pt, penalty: f64, last: bool, params: &PageParams) -> f64 {
    let badness = if last { 0.0 } else { badness(height, stretch, params) };
    let base = PAGE_PENALTY + badness;
    let p = penalty.abs().min(FORCED_BREAK_COST);
    base * base + if penalty >= 0.0 { p * p } else { -p * p }
}

/// Returns how bad a page's unfilled space looks.
fn badness(height: Pt, stretch: Pt, params: &PageParams) -> f64 {
    let gap = (params.height - height).max(Pt::ZERO);
    if gap.get() > params.height.get() * MOST_EMPTY_SHARE {
        return INF_BAD;
    }
    if params.vertical_justify && stretch > Pt::ZERO {
        // Justified: TeX's badness of the stretch ratio.
        let r = gap.get() / stretch.get();
        return (100.0 * r * r * r).min(INF_BAD);
    }
    let u = gap.get() / params.height.get();
    (BADNESS_SCALE * u * u * u).min(INF_BAD)
}

/// Follows the chosen breaks back from the end and returns the pages in order.
fn trace(
    list: &[VItem],
    candidates: &[usize],
    best: &[Option<(f64, Option<usize>)>],
    first: usize,
    params: &PageParams,
) -> Vec<PageSpan> {
    let mut spans = Vec::new();
    let mut k = Some(candidates.len() - 1);
    while let Some(idx) = k {
        let Some((_, prev)) = best[idx] else { break };
        let start = prev.map_or(first, |j| skip_discardable(list, candidates[j]));
        let end = candidates[idx];
        let (height, stretch) = measure(list, start, end);
        let last = end == list.len();
        let gap = (params.height - height).max(Pt::ZERO);
        let ratio = if params.vertical_justify && !last && stretch > Pt::ZERO {
            // Stretch no further than each space's own limit.
            (gap.get() / stretch.get()).min(1.0)
        } else {
            0.0
        };
        spans.push(PageSpan { start, end, height, stretch_ratio: ratio });
        k = prev;
    }
    spans.reverse();
    spans
}

/// Warns for every page that ends at a break a keep rule forbade.
fn report_forced(
    list: &[VItem],
    spans: &[PageSpan],
    labels: &dyn Fn(usize) -> String,
    warnings: &mut Vec<Warning>,
) {
    for (n, span) in spans.iter().enumerate() {
        if let Some(VItem::Break(BreakCost::Forbidden)) = list.get(span.end) {
            let block = list[..span.end].iter().rev().find_map(|it| match it {
                VItem::Box(b) => Some(b.block),
                _ => None,
            });
            warnings.push(Warning::new(format!(
                "page {}: {} is taller than a page and was split where it should stay together",
                n + 1,
                block.map_or_else(String::new, labels)
            )));
        }
    }
}

/// Returns the first index at or after `i` that is a box (spaces and breaks vanish at a page top).
fn skip_discardable(list: &[VItem], mut i: usize) -> usize {
    while i < list.len() && !matches!(list[i], VItem::Box(_)) {
        i += 1;
    }
    i
}

/// A column of the page: where its text starts and how wide it is.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The left edge of its text.
    pub x: Pt,
    /// Its measure.
    pub width: Pt,
}

/// How drawn text is decorated.
#[derive(Debug, Clone, Copy)]
struct Decor {
    /// Whether links get a rule under them.
    underline: bool,
}

/// Places a column's pages onto `pages` (adding pages as needed) and records its bookmarks.
pub fn place_column(
    pages: &mut Vec<Page>,
    outline: &mut Vec<OutlineEntry>,
    list: &[VItem],
    spans: &[PageSpan],
    setup: &PageSetup,
    column: Column,
) {
    let [top, _, bottom, _] = setup.margins;
    let area = (setup.size.h - top - bottom).get();
    let decor = Decor { underline: setup.underline_links };
    for (n, span) in spans.iter().enumerate() {
        if pages.len() <= n {
            pages.push(Page { size: setup.size, items: Vec::new(), fill: 0.0 });
        }
        let page = &mut pages[n];
        page.fill = page.fill.max(span.height.get() / area);
        let mut y = top;
        // What the column has open on this page: opened again (same ids) on every page, so
        // each page's markers nest on their own.
        let mut open = Path::new();
        for item in &list[span.start..span.end] {
            match item {
                VItem::Box(b) => {
                    if let Some(title) = &b.outline {
                        outline.push(OutlineEntry { title: title.clone(), page: n, y });
                    }
                    draw_box(page, b, column, y, decor, &mut open);
                    y += b.height;
                }
                VItem::Space(s) => y += s.height + s.stretch * span.stretch_ratio,
                VItem::Break(_) => {}
            }
        }
        retag(page, &mut open, &[]);
    }
}

/// Moves the open structure from `open` to `to`: ends the elements `to` does not share with
/// it (innermost first) and starts those it adds (outermost first).
fn retag(page: &mut Page, open: &mut Path, to: &[(StructId, Elem)]) {
    let shared = open.iter().zip(to).take_while(|(a, b)| a.0 == b.0).count();
    let at = |tag| Positioned { pos: Point::new(Pt::ZERO, Pt::ZERO), item: Item::Tag(tag) };
    for (id, _) in open.drain(shared..).rev() {
        page.items.push(at(Tag::End(id)));
    }
    for (id, elem) in to.iter().skip(shared) {
        page.items.push(at(Tag::Start(*id, elem.clone())));
        open.push((*id, elem.clone()));
    }
}

/// Adds the footer to every page of a document longer than one page, centred under `column`.
pub fn add_footers(pages: &mut [Page], setup: &PageSetup, column: Column, ctx: &mut InlineCtx) {
    let total = pages.len();
    if total < 2 {
        return;
    }
    if let Some(footer) = &setup.footer {
        for (n, page) in pages.iter_mut().enumerate() {
            draw_footer(page, footer, n + 1, total, column.x, column.width, setup.margins[2], ctx);
        }
    }
}

/// Paints a full-height tint behind a column on each of `pages`, before anything else (and so
/// behind it); `from..to` is its horizontal extent.
pub fn tint_pages(pages: &mut [Page], from: Pt, to: Pt, color: crate::geom::Color) {
    for page in pages {
        let rect = FilledRect { size: Size::new(to - from, page.size.h), fill: color };
        page.items.insert(0, Positioned { pos: Point::new(from, Pt::ZERO), item: Item::Rect(rect) });
    }
}

/// Draws a box with its top at `y`, each part inside its element of the structure.
fn draw_box(page: &mut Page, b: &VBox, column: Column, y: Pt, decor: Decor, open: &mut Path) {
    match &b.content {
        VContent::Lines { baseline, lines } => {
            for (i, line) in lines.iter().enumerate() {
                let tags = b.tags.get(i).cloned().unwrap_or_default();
                draw_line(page, line, column.x, y + *baseline, decor, &tags, open);
            }
        }
        VContent::Image { x, image } => {
            if let Some(tags) = b.tags.first() {
                retag(page, open, &tags.body);
            }
            page.items
                .push(Positioned { pos: Point::new(column.x + *x, y), item: Item::Image(image.clone()) });
        }
        VContent::Rule { thickness, color } => {
            let pos = Point::new(column.x, y + b.height - *thickness / 2.0);
            let rule =
                Rule { delta: Point::new(column.width, Pt::ZERO), thickness: *thickness, color: *color };
            page.items.push(Positioned { pos, item: Item::Line(rule) });
        }
    }
}

/// Thickness of a link underline: a hairline that prints (0.4 pt is the thinnest rule most
/// printers hold).
const UNDERLINE_THICKNESS: Pt = Pt(0.4);
/// Depth of the underline below the baseline, as a share of the line's descent.
const UNDERLINE_DEPTH: f64 = 0.45;

/// Draws a line's runs and link areas with its baseline at `baseline`: a list item's label
/// runs inside its label, the rest (and the links) inside the line's element.
fn draw_line(
    page: &mut Page,
    line: &Line,
    left: Pt,
    baseline: Pt,
    decor: Decor,
    tags: &LineTags,
    open: &mut Path,
) {
    let label_runs = tags.label.as_ref().map_or(0, |(_, n)| *n);
    for (i, (x, run)) in line.runs.iter().enumerate() {
        match &tags.label {
            Some((path, n)) if i < *n => retag(page, open, path),
            _ => retag(page, open, &tags.body),
        }
        let pos = Point::new(left + *x, baseline);
        page.items.push(Positioned { pos, item: Item::Text(run.clone()) });
    }
    if line.runs.len() <= label_runs {
        retag(page, open, &tags.body);
    }
    for l in &line.links {
        let pos = Point::new(left + l.x, baseline - line.ascent);
        let size = Size::new(l.width, line.ascent + line.descent);
        page.items.push(Positioned { pos, item: Item::Link(LinkArea { size, url: l.url.clone() }) });
        if decor.underline {
            let color = link_color(line, l.x).unwrap_or(crate::geom::Color::BLACK);
            let y = baseline + line.descent * UNDERLINE_DEPTH;
            let rule = Rule { delta: Point::new(l.width, Pt::ZERO), thickness: UNDERLINE_THICKNESS, color };
            page.items.push(Positioned { pos: Point::new(left + l.x, y), item: Item::Line(rule) });
        }
    }
}

/// Returns the colour of the run where a link starts, so its underline matches its text.
fn link_color(line: &Line, x: Pt) -> Option<crate::geom::Color> {
    line.runs.iter().find(|(rx, _)| rx.approx_eq(x)).map(|(_, r)| r.color)
}

/// Draws the footer of page `n` of `total`, centred in the bottom margin.
#[allow(clippy::too_many_arguments)]
fn draw_footer(
    page: &mut Page,
    template: &Paragraph,
    n: usize,
    total: usize,
    left: Pt,
    measure: Pt,
    bottom: Pt,
    ctx: &mut InlineCtx,
) {
    let mut p = template.clone();
    p.runs = p
        .runs
        .iter()
        .map(|r| Run {
            text: r.text.replace("{page}", &n.to_string()).replace("{pages}", &total.to_string()),
            ..r.clone()
        })
        .collect();
    let baseline = page.size.h - bottom * (1.0 - FOOTER_BASELINE_SHARE);
    // Page furniture: drawn, but an artifact for screen readers, as PDF/UA asks of running
    // footers.
    let footer = [(StructId::ARTIFACT, Elem::Artifact(ArtifactKind::Footer))];
    let tags = LineTags { label: None, body: footer.to_vec() };
    let mut open = Path::new();
    for line in inline::layout_paragraph(&p, measure, ctx).iter().take(1) {
        draw_line(page, line, left, baseline, Decor { underline: false }, &tags, &mut open);
    }
    retag(page, &mut open, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flow::VSpace;

    #[test]
    fn running_sums_measure_as_adding_up_does() {
        // A deterministic mix of boxes, spaces and breaks with awkward heights.
        let list: Vec<VItem> = (0..60)
            .map(|i| match i % 3 {
                0 => VItem::Space(VSpace { height: Pt(0.1 * f64::from(i)), stretch: Pt(0.37) }),
                1 => VItem::Break(BreakCost::Allowed(0.0)),
                _ => VItem::Box(VBox {
                    height: Pt(11.3 + f64::from(i % 7)),
                    content: VContent::Lines { baseline: Pt(9.0), lines: Vec::new() },
                    block: 0,
                    outline: None,
                    tags: Vec::new(),
                }),
            })
            .collect();
        let sums = Sums::new(&list);
        for start in 0..=list.len() {
            for end in start..=list.len() {
                let (h, s) = sums.measure(start, end);
                let (h2, s2) = measure(&list, start, end);
                assert!((h - h2).get().abs() < 1e-9 && (s - s2).get().abs() < 1e-9, "{start}..{end}");
            }
        }
    }
}

#[cfg(test)]
mod fill_tests {
    use super::*;

    /// Returns a box of `height` points from block `block`.
    fn line(height: f64, block: usize) -> VItem {
        VItem::Box(VBox {
            height: Pt(height),
            content: VContent::Lines { baseline: Pt(0.8 * height), lines: Vec::new() },
            block,
            outline: None,
            tags: Vec::new(),
        })
    }

    /// Returns where each page but the last ends.
    fn ends(list: &[VItem]) -> Vec<usize> {
        let params = PageParams { height: Pt(100.0), vertical_justify: false };
        let spans = break_pages(list, &params, &|_| String::new(), &mut Vec::new());
        spans.iter().map(|s| s.end).take(spans.len() - 1).collect()
    }

    #[test]
    fn breaks_inside_an_entry_rather_than_leave_more_than_the_most_empty_share() {
        // Ending after the first entry leaves 20% empty; inside the second entry, 10%.
        let list = vec![
            line(80.0, 0),
            VItem::Break(BreakCost::Allowed(-50.0)),
            line(10.0, 1),
            VItem::Break(BreakCost::Allowed(50.0)),
            line(15.0, 1),
            VItem::Break(BreakCost::Allowed(-50.0)),
            line(50.0, 2),
        ];
        assert_eq!(ends(&list), vec![3]);
        // An emptiness within the share keeps the break between entries.
        let mut within = list.clone();
        within[0] = line(88.0, 0);
        within[2] = line(8.0, 1);
        assert_eq!(ends(&within), vec![1]);
    }

    /// A section whose last entry (10 pt) fits on the first page, and a next section that fills
    /// the second page only to 80% when the last entry stays.
    fn section_tail(keep: BreakCost) -> Vec<VItem> {
        vec![
            line(86.0, 0),
            VItem::Break(keep),
            line(10.0, 1),
            VItem::Break(BreakCost::Allowed(-50.0)),
            line(80.0, 2),
            VItem::Break(BreakCost::Allowed(-50.0)),
            line(50.0, 3),
        ]
    }

    #[test]
    fn a_sections_last_entry_stays_when_it_fits_and_moves_when_it_does_not() {
        // Balancing the pages would move the last entry down, alone above the next section.
        assert_eq!(ends(&section_tail(BreakCost::Allowed(-50.0))), vec![1, 5]);
        // Kept with its section while it fits in the 14 pt that remain.
        let kept = section_tail(BreakCost::KeepWithSection { cost: -50.0, tail: Pt(10.0) });
        assert_eq!(ends(&kept), vec![3, 5]);
        // Taller than what remains, it may move.
        let mut tall = section_tail(BreakCost::KeepWithSection { cost: -50.0, tail: Pt(20.0) });
        tall[2] = line(20.0, 1);
        assert_eq!(ends(&tall), vec![1, 5]);
    }
}
