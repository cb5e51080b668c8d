//! The render driver: lays a profile out in a theme, and when a page limit is set (or the last
//! page would hold only a few lines) lays it out again with the layout tightened step by step
//! (spacing, then line spacing, then margins, then font sizes, each within the layout's bounds)
//! until it fits. The search is a bisection over one tightness value and the natural layout is
//! made once and reused, so a render costs a fixed, small number of full layouts (at most
//! [`MAX_LAYOUTS`]). When even the tightest layout is too long, items with a `priority:` are
//! dropped, the lowest first (`crate::profile::priority` gives the order), bisecting how many
//! to drop: at most [`MAX_LAYOUTS_DROPPING`] layouts then.
//!
//! Consumes a [`Profile`], a [`Theme`], fonts and [`Dates`]; produces a [`Fitted`] document.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

use std::fmt;

use crate::diag::Warning;
use crate::font::FontBook;
use crate::layout::LayoutOptions;
use crate::layout::frame::Document;
use crate::profile::priority::{self, Droppable};
use crate::profile::{Date, Letter, Profile};
use crate::theme::{Theme, Tightening};

/// Bisection steps after the two end points: 2⁻⁶ of the tightness range is finer than any
/// visible change (a sixty-fourth of the way from 10 pt to 8.5 pt is 0.02 pt).
const BISECTION_STEPS: usize = 6;
/// The most layouts one fit runs: natural, fully tightened, then the bisection.
pub const MAX_LAYOUTS: usize = 2 + BISECTION_STEPS;
/// Bisection steps over the number of items dropped by priority: enough for
/// [`MAX_DROPPABLE`] items.
const DROP_STEPS: usize = 12;
/// The most items fit by priority considers, the first of the drop order: 2¹² is more than
/// the entries and points of any real résumé, and bounds the layouts a render runs.
pub const MAX_DROPPABLE: usize = 1 << DROP_STEPS;
/// The most layouts a fit that drops items by priority runs: [`MAX_LAYOUTS`], one with every
/// droppable item dropped, then the bisection over how many to drop.
pub const MAX_LAYOUTS_DROPPING: usize = MAX_LAYOUTS + 1 + DROP_STEPS;

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
    /// What was dropped by priority to fit, in the order dropped ("Section › Entry").
    pub dropped: Vec<String>,
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
        if !self.dropped.is_empty() {
            write!(f, ", {} item(s) dropped by priority", self.dropped.len())?;
        }
        write!(f, "; {} layout(s)", self.layouts)
    }
}

/// The dates a render records, resolved once and passed down as options (as krilla takes its
/// document settings in one struct) instead of written into a copy of the profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// The PDF's creation date, seconds since the Unix epoch: `SOURCE_DATE_EPOCH` (or an
    /// option), else the profile's `updated:`; never the clock.
    pub created: Option<i64>,
    /// The date a footer's `{updated}` shows: the profile's `updated:`, else the month of
    /// `SOURCE_DATE_EPOCH`; never the clock.
    pub updated: Option<Date>,
    /// The day a cover letter without a `date:` prints: the day of `SOURCE_DATE_EPOCH` (or the
    /// option), else none; never the clock, nor the profile's `updated:` (the résumé's date,
    /// not the letter's).
    pub today: Option<Date>,
}

impl Dates {
    /// Resolves the dates of a render from the profile and the creation date of the options.
    pub fn resolve(profile: &Profile, options: &LayoutOptions) -> Dates {
        Dates {
            created: options.creation_date.or_else(|| profile.updated.map(date_seconds)),
            updated: profile.updated.or_else(|| options.creation_date.map(month_of)),
            today: options.creation_date.map(crate::content::day_of),
        }
    }
}

/// Returns a date as seconds since the Unix epoch (midnight UTC; the first month or day when
/// the date leaves them out).
fn date_seconds(date: Date) -> i64 {
    let days = crate::calendar::days_from_civil(
        i64::from(date.year),
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
    );
    days * crate::calendar::SECONDS_PER_DAY
}

/// Returns the month (year and month, no day) that a moment in seconds since the epoch falls in.
fn month_of(seconds: i64) -> Date {
    let days = seconds.div_euclid(crate::calendar::SECONDS_PER_DAY);
    let (year, month, _) = crate::calendar::civil_from_days(days);
    Date { year: i32::try_from(year).unwrap_or(i32::MAX), month: Some(month), day: None }
}

/// What the driver hands on: the pages, the problems worked around, what fitting changed (when
/// a limit was set) and how many full layouts it took.
#[derive(Debug)]
pub struct Fitted {
    /// The laid-out pages.
    pub document: Document,
    /// Problems worked around while laying out the chosen attempt.
    pub warnings: Vec<Warning>,
    /// What fitting to a page limit changed, when a limit was set.
    pub report: Option<FitReport>,
    /// How many full layouts the render ran (at most [`MAX_LAYOUTS`]).
    pub layouts: usize,
}

/// One full layout at one tightness.
#[derive(Debug)]
struct Attempt {
    document: Document,
    warnings: Vec<Warning>,
    tightening: Tightening,
    /// The body size laid out, in points.
    body: f64,
}

impl Attempt {
    /// Returns the number of pages.
    fn pages(&self) -> usize {
        self.document.pages.len()
    }
}

/// The outcome of a search for a tighter layout.
enum Search {
    /// The loosest attempt found within the limit.
    Fits(Attempt),
    /// Even the tightest attempt allowed is too long; here it is.
    TooLong(Attempt),
}

/// Lays out one profile in one theme, counting its layouts: the natural layout first, then,
/// only when needed, tighter ones.
pub struct Driver<'a> {
    profile: &'a Profile,
    /// The cover letter laid out instead of the résumé, when set.
    letter: Option<&'a Letter>,
    theme: &'a Theme,
    fonts: &'a FontBook,
    dates: Dates,
    layouts: usize,
}

impl<'a> Driver<'a> {
    /// Creates a driver for a profile in a theme, recording `dates`.
    pub fn new(profile: &'a Profile, theme: &'a Theme, fonts: &'a FontBook, dates: Dates) -> Driver<'a> {
        Driver { profile, letter: None, theme, fonts, dates, layouts: 0 }
    }

    /// Lays out a cover letter of the profile instead of its résumé, in the same theme.
    pub fn letter(self, letter: &'a Letter) -> Driver<'a> {
        Driver { letter: Some(letter), ..self }
    }

    /// Lays out in at most `limit` pages when a limit is given (see [`Driver::fit`]), else
    /// naturally (see [`Driver::natural`]).
    pub fn run(self, limit: Option<usize>) -> Fitted {
        match limit {
            Some(n) => self.fit(n),
            None => self.natural(),
        }
    }

    /// Lays out in at most `target` pages if the layout's bounds allow; otherwise returns the
    /// tightest attempt with a warning.
    pub fn fit(self, target: usize) -> Fitted {
        self.fit_within(target, 1.0)
    }

    /// Like [`Driver::fit`], but tightening no further than `max_t` (0..=1).
    pub fn fit_within(mut self, target: usize, max_t: f64) -> Fitted {
        let target = target.max(1);
        let natural = self.layout(self.profile, 0.0);
        let natural_pages = natural.pages();
        let (mut chosen, dropped) = if natural_pages <= target {
            (natural, Vec::new())
        } else {
            match self.search(self.profile, target, max_t) {
                Search::Fits(best) => (best, Vec::new()),
                Search::TooLong(tightest) => self.drop_to_fit(target, max_t, tightest),
            }
        };
        if chosen.pages() > target {
            let warning = self.too_long(target, chosen.pages());
            chosen.warnings.push(warning);
        }
        let dropped = priority::reported(&dropped);
        chosen.warnings.extend(dropped.iter().map(|d| dropped_warning(d, target)));
        let report = FitReport {
            target,
            natural_pages,
            pages: chosen.pages(),
            fitted: chosen.pages() <= target,
            tightening: chosen.tightening,
            body: (self.body(), chosen.body),
            layouts: self.layouts,
            dropped: dropped.iter().map(|d| d.name.clone()).collect(),
        };
        Fitted {
            document: chosen.document,
            warnings: chosen.warnings,
            report: Some(report),
            layouts: self.layouts,
        }
    }

    /// Lays out without a page limit, but when the last page would hold only a few lines, tries
    /// one page fewer by tightening spacing and line spacing a little (never margins or sizes);
    /// the natural layout is made once and kept for when that fails.
    pub fn natural(mut self) -> Fitted {
        let natural = self.layout(self.profile, 0.0);
        let n = natural.pages();
        let short = n > 1 && natural.document.pages.last().is_some_and(|p| p.fill < SHORT_PAGE_FILL);
        let chosen = match short {
            true => match self.search(self.profile, n - 1, SHORT_PAGE_TIGHTNESS) {
                Search::Fits(tight) => tight,
                Search::TooLong(_) => natural,
            },
            false => natural,
        };
        Fitted { document: chosen.document, warnings: chosen.warnings, report: None, layouts: self.layouts }
    }

    /// Searches tightness in 0..=`max_t` for the loosest layout within `target` pages, once the
    /// natural layout is known to be too long: the tightest end first, then a bisection.
    fn search(&mut self, profile: &Profile, target: usize, max_t: f64) -> Search {
        let tightest = self.layout(profile, max_t);
        if tightest.pages() > target {
            return Search::TooLong(tightest);
        }
        Search::Fits(self.loosest(profile, target, max_t, tightest))
    }

    /// Bisects tightness in 0..=`max_t` for the loosest layout of `profile` within `target`
    /// pages, given its `tightest` layout, which is within them.
    fn loosest(&mut self, profile: &Profile, target: usize, max_t: f64, tightest: Attempt) -> Attempt {
        let (mut lo, mut hi, mut best) = (0.0, 1.0, tightest);
        for _ in 0..BISECTION_STEPS {
            let mid = (lo + hi) / 2.0;
            let attempt = self.layout(profile, mid * max_t);
            if attempt.pages() <= target {
                hi = mid;
                best = attempt;
            } else {
                lo = mid;
            }
        }
        best
    }

    /// Once even the tightest layout is too long (`tightest`), drops items by priority (see
    /// `crate::profile::priority`): the fewest of the drop order whose tightest layout fits,
    /// found by bisecting their number after trying all of them, then the loosest tightness
    /// for what is left. Returns the attempt and what it dropped; when even dropping every
    /// droppable item does not fit, that attempt, too long. At most
    /// [`MAX_LAYOUTS_DROPPING`] layouts in all.
    fn drop_to_fit(&mut self, target: usize, max_t: f64, tightest: Attempt) -> (Attempt, Vec<Droppable>) {
        // A letter has nothing to drop: the résumé's items are not on its page.
        let mut order = match self.letter {
            Some(_) => Vec::new(),
            None => priority::drop_order(self.profile),
        };
        order.truncate(MAX_DROPPABLE);
        if order.is_empty() {
            return (tightest, order);
        }
        let all = priority::without(self.profile, &order);
        let attempt = self.layout(&all, max_t);
        if attempt.pages() > target {
            return (attempt, order);
        }
        // `lo` drops are too long, `hi` drops fit.
        let (mut lo, mut hi, mut best) = (0, order.len(), (all, attempt));
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            let trimmed = priority::without(self.profile, &order[..mid]);
            let attempt = self.layout(&trimmed, max_t);
            if attempt.pages() <= target {
                (hi, best) = (mid, (trimmed, attempt));
            } else {
                lo = mid;
            }
        }
        let (trimmed, tightest) = best;
        order.truncate(hi);
        (self.loosest(&trimmed, target, max_t, tightest), order)
    }

    /// Lays `profile` out once at tightness `t` (0..=1); at 0 the theme itself, without a copy.
    fn layout(&mut self, profile: &Profile, t: f64) -> Attempt {
        self.layouts += 1;
        let options = LayoutOptions { creation_date: self.dates.created };
        if t == 0.0 {
            let (document, warnings) = self.lay_out(profile, self.theme, &options);
            return Attempt { document, warnings, tightening: Tightening::NONE, body: self.body() };
        }
        let (theme, tightening) = self.theme.tightened(t);
        let (document, warnings) = self.lay_out(profile, &theme, &options);
        Attempt { document, warnings, tightening, body: theme.roles.body.size.pt().get() }
    }

    /// Returns the warning for a document that even the tightest layout allowed cannot fit
    /// within `target` pages; a letter's names the letter and where it is written.
    fn too_long(&self, target: usize, pages: usize) -> Warning {
        let Some(letter) = self.letter else {
            return Warning::new(format!(
                "cannot fit on {target} page(s) within the layout's bounds; the tightest attempt has {pages} pages"
            ));
        };
        let message = format!(
            "the cover letter cannot fit on {target} page(s) within the layout's bounds: the tightest attempt has {pages} pages; shorten its body"
        );
        Warning { at: letter.written_at.0.clone(), ..Warning::new(message) }
    }

    /// Typesets the profile (or its letter) in a theme into pages: content from profile and
    /// theme (with the footer's or the letter's date from the driver's dates), then layout.
    fn lay_out(&self, profile: &Profile, theme: &Theme, options: &LayoutOptions) -> (Document, Vec<Warning>) {
        let content = match self.letter {
            Some(letter) => {
                let today = self.dates.today.map(crate::profile::Dates::Single);
                let date = letter.date.as_ref().or(today.as_ref());
                crate::content::build_letter(profile, letter, theme, self.fonts, date)
            }
            None => crate::content::build_dated(profile, theme, self.fonts, self.dates.updated),
        };
        crate::layout::layout(&content, self.fonts, options)
    }

    /// Returns the theme's body size in points.
    fn body(&self) -> f64 {
        self.theme.roles.body.size.pt().get()
    }
}

/// The warning that reports one item dropped by priority.
fn dropped_warning(d: &Droppable, target: usize) -> Warning {
    Warning::new(format!("dropped to fit on {target} page(s): {} (priority {})", d.name, d.priority))
}

/// Tightness up to which a nearly empty last page is pulled back: spacing and line spacing
/// only (the first two quarters), never margins or sizes, since nobody asked for a page limit.
pub const SHORT_PAGE_TIGHTNESS: f64 = 0.5;
/// A last page filled less than this is a "widow page" worth avoiding.
pub const SHORT_PAGE_FILL: f64 = 0.15;

#[cfg(test)]
mod tests;
