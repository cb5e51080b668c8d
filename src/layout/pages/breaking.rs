//! Page breaking: cuts the vertical list into pages at permitted breaks, a dynamic program
//! over the candidate breaks that weighs each page's badness against the break's cost.

use crate::diag::Warning;
use crate::geom::Pt;
use crate::layout::flow::{BreakCost, VItem};

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
    let starts = page_starts(list, &candidates, first);
    let mut best: Vec<Option<(f64, Option<usize>)>> = vec![None; candidates.len()];
    for k in 0..candidates.len() {
        best[k] = best_page_ending_at(list, &sums, &starts, &candidates, &best, k, params);
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

/// Returns where a page may start: `starts[0]` is the list's first box, `starts[j]` the first
/// box after candidate `j - 1` (a page after that break). Computed once, as every later page
/// end walks back over the same starts.
fn page_starts(list: &[VItem], candidates: &[usize], first: usize) -> Vec<usize> {
    let mut starts = Vec::with_capacity(candidates.len());
    starts.push(first);
    starts
        .extend(candidates[..candidates.len().saturating_sub(1)].iter().map(|&c| skip_discardable(list, c)));
    starts
}

/// Returns the cheapest (cost, previous candidate) for a page ending at candidate `k`; a page
/// after candidate `j - 1` starts at `starts[j]` ([`page_starts`]).
fn best_page_ending_at(
    list: &[VItem],
    sums: &Sums,
    starts: &[usize],
    candidates: &[usize],
    best: &[Option<(f64, Option<usize>)>],
    k: usize,
    params: &PageParams,
) -> Option<(f64, Option<usize>)> {
    let end = candidates[k];
    let last = end == list.len();
    let item = list.get(end);
    let mut result: Option<(f64, Option<usize>)> = None;
    // Walk back over possible page starts until the content no longer fits.
    for j in (0..=k).rev() {
        let before = if j == 0 {
            0.0
        } else {
            match best[j - 1] {
                Some((c, _)) => c,
                None => continue,
            }
        };
        let start = starts[j];
        if start >= end {
            continue;
        }
        let (height, stretch) = sums.measure(start, end);
        if !height.fits(params.height) {
            break;
        }
        let penalty = break_cost(item, height, params);
        let cost = before + page_cost(height, stretch, penalty, last, params);
        if result.is_none_or(|(c, _)| cost < c) {
            result = Some((cost, if j == 0 { None } else { Some(j - 1) }));
        }
    }
    result.or_else(|| overfull_page(starts, candidates, best, k))
}

/// When no start fits (a block taller than a page), ends the page anyway after the nearest
/// start, so the document still comes out; the cost makes any alternative preferable.
fn overfull_page(
    starts: &[usize],
    candidates: &[usize],
    best: &[Option<(f64, Option<usize>)>],
    k: usize,
) -> Option<(f64, Option<usize>)> {
    // Only a start with a box before this end: a start past the last box (a page of trailing
    // breaks and spaces) found none, and ending everything there lost the whole column.
    let prev = (0..k).rev().find(|&j| best[j].is_some() && starts[j + 1] < candidates[k]);
    let before = prev.and_then(|j| best[j]).map_or(0.0, |(c, _)| c);
    let start = prev.map_or(starts[0], |j| starts[j + 1]);
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
        let mut sums =
            Sums { height: Vec::with_capacity(list.len() + 1), stretch: Vec::with_capacity(list.len() + 1) };
        sums.height.push(0.0);
        sums.stretch.push(0.0);
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
#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::flow::{VBox, VContent, VSpace};

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
    use crate::layout::flow::{VBox, VContent};

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
