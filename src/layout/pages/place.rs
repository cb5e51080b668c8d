//! Placement: puts every box, link, bookmark and footer of a broken vertical list on its page,
//! and paints a sidebar's tint, producing the frames the exporter draws.

use super::PageSpan;
use crate::content::{PageSetup, Paragraph, Run};
use crate::geom::{Point, Pt, Size};
use crate::layout::flow::{VBox, VContent, VItem};
use crate::layout::frame::{
    ArtifactKind, Elem, FilledRect, Item, LinkArea, OutlineEntry, Page, Positioned, Rule, StructId, Tag,
};
use crate::layout::inline::{self, InlineCtx, Line};
use crate::layout::tagger::{LineTags, Path};

/// Distance from the page's bottom edge to the footer's baseline, as a share of the bottom
/// margin: a little below the margin's middle, so the footer reads as part of the page's foot.
const FOOTER_BASELINE_SHARE: f64 = 0.55;

/// A column of the page: where its text starts and how wide it is.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The left edge of its text.
    pub x: Pt,
    /// Its measure.
    pub width: Pt,
}

/// How drawn text is decorated, and on which page it is drawn.
#[derive(Debug, Clone, Copy)]
struct Decor {
    /// Whether links get a rule under them.
    underline: bool,
    /// The page's index, from 0: it numbers the page's link elements (`StructId::link`).
    page: usize,
}

/// Places a column's pages onto `pages` (adding pages as needed) and records its bookmarks.
/// Takes the vertical list, so its glyph runs, images and titles move into the frames rather
/// than being copied; items between pages (discarded at a break) are dropped.
pub fn place_column(
    pages: &mut Vec<Page>,
    outline: &mut Vec<OutlineEntry>,
    list: Vec<VItem>,
    spans: &[PageSpan],
    setup: &PageSetup,
    column: Column,
) {
    let [top, _, bottom, _] = setup.margins;
    let area = (setup.size.h - top - bottom).get();
    let underline = setup.underline_links;
    // Counted before the list moves: room each page reserves for the items its span adds.
    let room: Vec<usize> =
        spans.iter().map(|s| items_room(list.get(s.start..s.end).unwrap_or(&[]))).collect();
    let mut items = list.into_iter();
    // How many items `items` has handed out: spans are in order and do not overlap.
    let mut taken = 0;
    for (n, span) in spans.iter().enumerate() {
        if pages.len() <= n {
            pages.push(Page { size: setup.size, items: Vec::new(), fill: 0.0 });
        }
        let page = &mut pages[n];
        page.items.reserve(room[n]);
        let decor = Decor { underline, page: n };
        page.fill = page.fill.max(span.height.get() / area);
        let mut y = top;
        // What the column has open on this page: opened again (same ids) on every page, so
        // each page's markers nest on their own.
        let mut open = Path::new();
        let skip = span.start.saturating_sub(taken);
        taken = taken.max(span.start).max(span.end);
        for item in items.by_ref().skip(skip).take(span.end.saturating_sub(span.start)) {
            match item {
                VItem::Box(mut b) => {
                    if let Some(title) = b.outline.take() {
                        outline.push(OutlineEntry { title, page: n, y });
                    }
                    let height = b.height;
                    draw_box(page, b, column, y, decor, &mut open);
                    y += height;
                }
                VItem::Space(s) => y += s.height + s.stretch * span.stretch_ratio,
                VItem::Break(_) => {}
            }
        }
        retag(page, &mut open, &[]);
    }
}

/// Returns about how many page items a stretch of the vertical list draws: each run with the
/// structure markers around it (an end and a start when its element changes), each link area
/// with its element's markers and underline, and a line's closing markers. Only room to
/// reserve: a page whose items outgrow it grows as any vector does.
fn items_room(list: &[VItem]) -> usize {
    /// Items per run: the run, and the end and start of the element around it.
    const PER_RUN: usize = 3;
    /// Items per link area: the area, its underline, and its element's end and start.
    const PER_LINK: usize = 4;
    /// Items per line besides its runs and links: the markers that close what it opened.
    const PER_LINE: usize = 2;
    /// Items per image: the image and the markers of its figure.
    const PER_IMAGE: usize = 3;
    list.iter()
        .map(|item| match item {
            VItem::Box(VBox { content: VContent::Lines { lines, .. }, .. }) => {
                lines.iter().map(|l| l.runs.len() * PER_RUN + l.links.len() * PER_LINK + PER_LINE).sum()
            }
            VItem::Box(VBox { content: VContent::Image { .. }, .. }) => PER_IMAGE,
            VItem::Box(_) => 1,
            VItem::Space(_) | VItem::Break(_) => 0,
        })
        .sum()
}

/// Moves the open structure from `open` to `to`: ends the elements `to` does not share with
/// it (innermost first) and starts those it adds (outermost first).
fn retag(page: &mut Page, open: &mut Path, to: &[(StructId, Elem)]) {
    let shared = open.iter().zip(to).take_while(|(a, b)| a.0 == b.0).count();
    // Most runs stay in the element the run before them is in: nothing to end or start.
    if shared == open.len() && shared == to.len() {
        return;
    }
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

/// Draws a box with its top at `y`, each part inside its element of the structure; the box's
/// runs and image move into the page.
fn draw_box(page: &mut Page, b: VBox, column: Column, y: Pt, decor: Decor, open: &mut Path) {
    let mut tags = b.tags.into_iter();
    match b.content {
        VContent::Lines { baseline, lines } => {
            for line in lines {
                let tags = tags.next().unwrap_or_default();
                draw_line(page, line, column.x, y + baseline, decor, &tags, open);
            }
        }
        VContent::Image { x, image } => {
            if let Some(tags) = tags.next() {
                retag(page, open, &tags.body);
            }
            page.items.push(Positioned { pos: Point::new(column.x + x, y), item: Item::Image(image) });
        }
        VContent::Rule { thickness, color } => {
            let pos = Point::new(column.x, y + b.height - thickness / 2.0);
            let rule = Rule { delta: Point::new(column.width, Pt::ZERO), thickness, color };
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
/// runs inside its label, the rest inside the line's element, and each link's runs and its
/// area inside a `Link` element of their own (PDF/UA-1 7.18.5: the link's text with its
/// annotation). The areas are drawn after the runs, reopening their link element, so the
/// drawing order is the same with or without links. The runs move into the page.
fn draw_line(
    page: &mut Page,
    line: Line,
    left: Pt,
    baseline: Pt,
    decor: Decor,
    tags: &LineTags,
    open: &mut Path,
) {
    let label_runs = tags.label.as_ref().map_or(0, |(_, n)| *n);
    // Underlines take the colour of their link's first run: found before the runs move.
    let colors: Vec<_> = if decor.underline {
        line.links.iter().map(|l| link_color(&line, l.x).unwrap_or(crate::geom::Color::BLACK)).collect()
    } else {
        Vec::new()
    };
    let Line { runs, links, ascent, descent, .. } = line;
    // Each link's element: numbered by where the page's items stand when the line starts, one
    // number per link, so no two links of a document share an id.
    let first = page.items.len();
    let link_paths: Vec<Path> = (0..links.len())
        .map(|k| {
            let mut path = tags.body.clone();
            path.push((StructId::link(decor.page, first + k), Elem::Link));
            path
        })
        .collect();
    let run_count = runs.len();
    for (i, (x, run)) in runs.into_iter().enumerate() {
        let link = links.iter().position(|l| l.covers(x)).and_then(|k| link_paths.get(k));
        match (&tags.label, link) {
            (Some((path, n)), _) if i < *n => retag(page, open, path),
            (_, Some(path)) => retag(page, open, path),
            _ => retag(page, open, &tags.body),
        }
        let pos = Point::new(left + x, baseline);
        page.items.push(Positioned { pos, item: Item::Text(run) });
    }
    if run_count <= label_runs {
        retag(page, open, &tags.body);
    }
    for (k, l) in links.into_iter().enumerate() {
        retag(page, open, link_paths.get(k).unwrap_or(&tags.body));
        let pos = Point::new(left + l.x, baseline - ascent);
        let size = Size::new(l.width, ascent + descent);
        page.items.push(Positioned { pos, item: Item::Link(LinkArea { size, url: l.url }) });
        if let Some(&color) = colors.get(k) {
            let y = baseline + descent * UNDERLINE_DEPTH;
            let rule = Rule { delta: Point::new(l.width, Pt::ZERO), thickness: UNDERLINE_THICKNESS, color };
            page.items.push(Positioned { pos: Point::new(left + l.x, y), item: Item::Line(rule) });
        }
    }
    if !link_paths.is_empty() {
        retag(page, open, &tags.body);
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
    for line in inline::layout_paragraph(&p, measure, ctx).into_iter().take(1) {
        draw_line(page, line, left, baseline, Decor { underline: false, page: n - 1 }, &tags, &mut open);
    }
    retag(page, &mut open, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Returns the markers on the page, as (start?, id).
    fn markers(page: &Page) -> Vec<(bool, u32)> {
        page.items
            .iter()
            .filter_map(|p| match &p.item {
                Item::Tag(Tag::Start(id, _)) => Some((true, id.0)),
                Item::Tag(Tag::End(id)) => Some((false, id.0)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn retagging_ends_and_starts_only_what_changes() {
        let mut page = Page { size: Size::new(Pt(100.0), Pt(100.0)), items: Vec::new(), fill: 0.0 };
        let mut open = Path::new();
        let a = vec![(StructId(1), Elem::Section), (StructId(2), Elem::Paragraph)];
        retag(&mut page, &mut open, &a);
        assert_eq!(markers(&page), vec![(true, 1), (true, 2)]);
        // The same path again: nothing to end or start.
        retag(&mut page, &mut open, &a);
        assert_eq!(markers(&page).len(), 2);
        // As long, but another last element; then a shorter path; then nothing.
        let b = vec![(StructId(1), Elem::Section), (StructId(3), Elem::Paragraph)];
        retag(&mut page, &mut open, &b);
        retag(&mut page, &mut open, &b[..1]);
        retag(&mut page, &mut open, &[]);
        assert_eq!(markers(&page), vec![(true, 1), (true, 2), (false, 2), (true, 3), (false, 3), (false, 1)]);
        assert!(open.is_empty());
    }
}
