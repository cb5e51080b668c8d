//! Pages: cuts the vertical list into pages at permitted breaks and places every box, link,
//! bookmark and footer on its page, producing the frames the exporter draws.

use super::flow::{BreakCost, VBox, VContent, VItem};
use super::frame::{Item, LinkArea, OutlineEntry, Page, Positioned, Rule};
use super::inline::{self, InlineCtx, Line};
use crate::content::{PageSetup, Paragraph, Run};
use crate::diag::Warning;
use crate::geom::{Point, Pt, Size};

/// Distance from the page's bottom edge to the footer's baseline, as a share of the bottom
/// margin: a little below the margin's middle, so the footer reads as part of the page's foot.
const FOOTER_BASELINE_SHARE: f64 = 0.55;

/// Which items of the vertical list go on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpan {
    /// First item index.
    pub start: usize,
    /// One past the last item index.
    pub end: usize,
}

/// Chooses page breaks: fills each page and ends it at the last permitted break that fits,
/// forcing a break (with a warning) only when no permitted break exists on the page.
pub fn break_pages(list: &[VItem], height: Pt, warnings: &mut Vec<Warning>) -> Vec<PageSpan> {
    let mut spans = Vec::new();
    let mut start = skip_discardable(list, 0);
    while start < list.len() {
        let end = page_end(list, start, height, warnings);
        spans.push(PageSpan { start, end });
        start = skip_discardable(list, end);
    }
    if spans.is_empty() {
        spans.push(PageSpan { start: 0, end: 0 });
    }
    spans
}

/// Returns the first index at or after `i` that is a box (spaces and breaks vanish at a page top).
fn skip_discardable(list: &[VItem], mut i: usize) -> usize {
    while i < list.len() && !matches!(list[i], VItem::Box(_)) {
        i += 1;
    }
    i
}

/// Finds where the page starting at `start` ends.
fn page_end(list: &[VItem], start: usize, height: Pt, warnings: &mut Vec<Warning>) -> usize {
    let mut used = Pt::ZERO;
    let mut last_break: Option<usize> = None;
    for (i, item) in list.iter().enumerate().skip(start) {
        match item {
            VItem::Box(b) => {
                if !(used + b.height).fits(height) && i > start {
                    return match last_break {
                        Some(br) => br,
                        None => {
                            warnings.push(Warning::new(format!(
                                "content that should stay together (block {}) is taller than a page and was split",
                                b.block + 1
                            )));
                            i
                        }
                    };
                }
                used += b.height;
            }
            VItem::Space(s) => used += *s,
            VItem::Break(BreakCost::Allowed(_)) => last_break = Some(i),
            VItem::Break(BreakCost::Forbidden) => {}
        }
    }
    list.len()
}

/// Places the items of each page and adds footers; returns the pages and the outline.
pub fn place(
    list: &[VItem],
    spans: &[PageSpan],
    setup: &PageSetup,
    ctx: &mut InlineCtx,
) -> (Vec<Page>, Vec<OutlineEntry>) {
    let [top, right, bottom, left] = setup.margins;
    let measure = setup.size.w - left - right;
    let mut pages = Vec::with_capacity(spans.len());
    let mut outline = Vec::new();
    for (n, span) in spans.iter().enumerate() {
        let mut page = Page { size: setup.size, items: Vec::new() };
        let mut y = top;
        for item in &list[span.start..span.end] {
            match item {
                VItem::Box(b) => {
                    if let Some(title) = &b.outline {
                        outline.push(OutlineEntry { title: title.clone(), page: n, y });
                    }
                    draw_box(&mut page, b, left, y, measure);
                    y += b.height;
                }
                VItem::Space(s) => y += *s,
                VItem::Break(_) => {}
            }
        }
        if spans.len() > 1 && n > 0 {
            if let Some(footer) = &setup.footer {
                draw_footer(&mut page, footer, n + 1, spans.len(), left, measure, bottom, ctx);
            }
        }
        pages.push(page);
    }
    (pages, outline)
}

/// Draws a box with its top at `y`.
fn draw_box(page: &mut Page, b: &VBox, left: Pt, y: Pt, measure: Pt) {
    match &b.content {
        VContent::Lines { baseline, lines } => {
            for line in lines {
                draw_line(page, line, left, y + *baseline);
            }
        }
        VContent::Rule { thickness, color } => {
            let pos = Point::new(left, y + b.height - *thickness / 2.0);
            let rule = Rule { delta: Point::new(measure, Pt::ZERO), thickness: *thickness, color: *color };
            page.items.push(Positioned { pos, item: Item::Line(rule) });
        }
    }
}

/// Draws a line's runs and link areas with its baseline at `baseline`.
fn draw_line(page: &mut Page, line: &Line, left: Pt, baseline: Pt) {
    for (x, run) in &line.runs {
        let pos = Point::new(left + *x, baseline);
        page.items.push(Positioned { pos, item: Item::Text(run.clone()) });
    }
    for l in &line.links {
        let pos = Point::new(left + l.x, baseline - line.ascent);
        let size = Size::new(l.width, line.ascent + line.descent);
        page.items.push(Positioned { pos, item: Item::Link(LinkArea { size, url: l.url.clone() }) });
    }
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
        .map(|r| Run { text: r.text.replace("{page}", &n.to_string()).replace("{pages}", &total.to_string()), ..r.clone() })
        .collect();
    let baseline = page.size.h - bottom * (1.0 - FOOTER_BASELINE_SHARE);
    for line in inline::layout_paragraph(&p, measure, ctx).iter().take(1) {
        draw_line(page, line, left, baseline);
    }
}
