//! Random vertical lists (boxes, spaces, permitted and forbidden breaks) → the page breaker
//! (`vitae::layout::pages::break_pages`).
//!
//! Invariants:
//! - every box is placed exactly once, in order: the pages are consecutive stretches of the
//!   list, each starting at a box, the first at the first box and the last ending at the list's
//!   end; what lies between two pages is only spaces and breaks (discarded at a page top);
//! - no page is overfull unless flagged: a page taller than the text area either ends at a
//!   forbidden break (which is warned about, naming the page) or has no break before its last box
//!   (an indivisible stretch taller than a page, which no choice of breaks could avoid);
//! - the page's recorded height is its boxes' and spaces' height; stretch ratios lie in 0..=1;
//! - breaking again gives the same pages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitae::geom::Pt;
use vitae::layout::flow::{BreakCost, VItem};
use vitae::layout::pages::{PageParams, PageSpan, break_pages};
use vitae_fuzz::PagesInput;

fuzz_target!(|input: PagesInput| {
    let (list, height) = input.to_list();
    let params = PageParams { height, vertical_justify: input.vertical_justify };
    let labels = |i: usize| format!("block {i}");
    let mut warnings = Vec::new();
    let spans = break_pages(&list, &params, &labels, &mut warnings);
    let Some(first_box) = list.iter().position(is_box) else {
        assert_eq!(spans.len(), 1, "a list without boxes is one empty page: {spans:?}");
        return;
    };
    assert_eq!(spans[0].start, first_box, "the first page does not start at the first box: {spans:?}");
    assert_eq!(spans.last().map(|s| s.end), Some(list.len()), "the last page does not end the list");
    for (n, s) in spans.iter().enumerate() {
        assert!(s.start < s.end && is_box(&list[s.start]), "page {n} is empty or starts with glue: {s:?}");
        if let Some(next) = spans.get(n + 1) {
            assert!(s.end < next.start, "pages {n} and {} overlap or touch: {spans:?}", n + 1);
            assert!(matches!(list[s.end], VItem::Break(_)), "page {n} ends where no break is: {s:?}");
            assert!(
                !list[s.end..next.start].iter().any(is_box),
                "a box between pages {n} and {} is lost",
                n + 1
            );
        }
        check_page(&list, s, n, &params, &warnings);
    }
    let mut again = Vec::new();
    assert_eq!(spans, break_pages(&list, &params, &labels, &mut again), "breaking again differs");
});

/// Checks one page's height, stretch ratio and fullness.
fn check_page(list: &[VItem], s: &PageSpan, n: usize, params: &PageParams, warnings: &[vitae::Warning]) {
    let natural: f64 = list[s.start..s.end]
        .iter()
        .map(|it| match it {
            VItem::Box(b) => b.height.get(),
            VItem::Space(v) => v.height.get(),
            VItem::Break(_) => 0.0,
        })
        .sum();
    assert!(
        Pt(natural).approx_eq(s.height),
        "page {n}'s height {:?} is not its content's {natural}",
        s.height
    );
    assert!((0.0..=1.0).contains(&s.stretch_ratio), "page {n}'s stretch ratio {}", s.stretch_ratio);
    if s.height.fits(params.height) {
        return;
    }
    let forced = matches!(list.get(s.end), Some(VItem::Break(BreakCost::Forbidden)));
    let flagged = forced && warnings.iter().any(|w| w.message.starts_with(&format!("page {}:", n + 1)));
    // A break with a box after it on the page is a place the page could have ended.
    let last_box = list[s.start..s.end].iter().rposition(is_box).unwrap_or(0);
    let indivisible = !list[s.start..s.start + last_box].iter().any(|it| matches!(it, VItem::Break(_)));
    assert!(
        flagged || indivisible,
        "page {n} is overfull ({:?} in {:?}) without a warning: {s:?}",
        s.height,
        params.height
    );
}

/// Whether an item is a box.
fn is_box(it: &VItem) -> bool {
    matches!(it, VItem::Box(_))
}
