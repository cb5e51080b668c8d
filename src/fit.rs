//! Fitting to N pages: lays the résumé out again with the layout tightened step by step
//! (spacing, then line spacing, then margins, then font sizes, each within the layout's bounds)
//! until it fits. The search is a bisection over one tightness value, so it costs a fixed,
//! small number of full layouts (at most [`MAX_LAYOUTS`]).

use std::fmt;

use crate::diag::Warning;
use crate::font::FontBook;
use crate::layout::LayoutOptions;
use crate::layout::frame::Document;
use crate::profile::Profile;
use crate::theme::{Theme, Tightening};

/// Bisection steps after the two end points: 2⁻⁶ of the tightness range is finer than any
/// visible change (a sixty-fourth of the way from 10 pt to 8.5 pt is 0.02 pt).
const BISECTION_STEPS: usize = 6;
/// The most layouts one fit runs: natural, fully tightened, then the bisection.
pub const MAX_LAYOUTS: usize = 2 + BISECTION_STEPS;

/// What fitting did.
#[derive(Debug, Clone, PartialEq)]
pub struct FitReport {
    /// The page limit asked for.
    pub target: usize,
    /// Pages without tightening.
    pub natural_pages: usize,
    /// Pages of the result.
    pub pages: usize,
    /// Whether the result is within the limit.
    pub fitted: bool,
    /// The factors applied.
    pub tightening: Tightening,
    /// The body size before and after, in points.
    pub body: (f64, f64),
    /// How many full layouts the search ran.
    pub layouts: usize,
}

impl fmt::Display for FitReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let k = &self.tightening;
        let pct = |x: f64| format!("{:+.0}%", (x - 1.0) * 100.0);
        write!(f, "fit: {} → {} page(s) (limit {})", self.natural_pages, self.pages, self.target)?;
        if k.spacing < 1.0 {
            write!(f, ", spacing {}", pct(k.spacing))?;
        }
        if k.leading < 1.0 {
            write!(f, ", line spacing {}", pct(k.leading))?;
        }
        if k.margins < 1.0 {
            write!(f, ", margins {}", pct(k.margins))?;
        }
        if k.size < 1.0 {
            write!(f, ", body {:.1}→{:.1} pt", self.body.0, self.body.1)?;
        }
        write!(f, "; {} layout(s)", self.layouts)
    }
}

/// Lays out the profile in at most `target` pages if the layout's bounds allow; otherwise
/// returns the tightest attempt with a warning.
pub fn fit(
    profile: &Profile,
    theme: &Theme,
    fonts: &FontBook,
    options: &LayoutOptions,
    target: usize,
) -> (Document, Vec<Warning>, FitReport) {
    fit_within(profile, theme, fonts, options, target, 1.0)
}

/// Tightness up to which a nearly empty last page is pulled back: spacing and line spacing
/// only (the first two quarters), never margins or sizes, since nobody asked for a page limit.
pub const SHORT_PAGE_TIGHTNESS: f64 = 0.5;
/// A last page filled less than this is a "widow page" worth avoiding.
pub const SHORT_PAGE_FILL: f64 = 0.15;

/// Like [`fit`], but tightening no further than `max_t` (0..=1).
pub fn fit_within(
    profile: &Profile,
    theme: &Theme,
    fonts: &FontBook,
    options: &LayoutOptions,
    target: usize,
    max_t: f64,
) -> (Document, Vec<Warning>, FitReport) {
    let target = target.max(1);
    let run = |t: f64| {
        let (th, k) = theme.tightened(t * max_t);
        let (doc, w) = crate::typeset(profile, &th, fonts, options);
        (doc, w, k, th.roles.body.size.pt().get())
    };
    let body0 = theme.roles.body.size.pt().get();
    let natural = run(0.0);
    let natural_pages = natural.0.pages.len();
    let report = |r: &(Document, Vec<Warning>, Tightening, f64), layouts| FitReport {
        target,
        natural_pages,
        pages: r.0.pages.len(),
        fitted: r.0.pages.len() <= target,
        tightening: r.2,
        body: (body0, r.3),
        layouts,
    };
    if natural_pages <= target {
        let rep = report(&natural, 1);
        return (natural.0, natural.1, rep);
    }
    let tightest = run(1.0);
    if tightest.0.pages.len() > target {
        let rep = report(&tightest, 2);
        let mut warnings = tightest.1;
        warnings.push(Warning::new(format!(
            "cannot fit on {target} page(s) within the layout's bounds; the tightest attempt has {} pages",
            rep.pages
        )));
        return (tightest.0, warnings, rep);
    }
    let (mut lo, mut hi, mut best) = (0.0, 1.0, tightest);
    for _ in 0..BISECTION_STEPS {
        let mid = (lo + hi) / 2.0;
        let r = run(mid);
        if r.0.pages.len() <= target {
            hi = mid;
            best = r;
        } else {
            lo = mid;
        }
    }
    let rep = report(&best, MAX_LAYOUTS);
    (best.0, best.1, rep)
}
