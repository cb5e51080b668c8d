//! Knuth–Plass line breaking: where a paragraph's lines end.
//!
//! Consumes a paragraph as a list of [`Item`]s (boxes, glue and penalties, built with
//! [`ItemsBuilder`] the same way for justified and ragged text) and the width of each line;
//! produces the [`Break`]s that minimise the paragraph's total demerits, as TeX does:
//!
//! 1. a first pass with `pretolerance` that inserts no hyphens (a break after a hyphen the
//!    text already has is allowed);
//! 2. a second pass with `tolerance` and hyphenation;
//! 3. an emergency pass that adds `emergency_stretch` to every line, also tried when the
//!    earlier passes leave the last line to a hyphenated word's tail (see `Ending`);
//! 4. a first-fit fallback that never overfills a line unless one unbreakable run is wider than
//!    the measure.
//!
//! The dynamic program keeps TeX's active-node list (sorted by line number) in a flat vector;
//! widths are prefix sums, so evaluating a line is a few subtractions. Costs are TeX's: badness
//! `100 r³` (floored to an integer and capped at 10 000), demerits `(line_penalty + badness)²
//! ± penalty²`, plus demerits for consecutive hyphens, a hyphen before the last line, and
//! adjacent lines whose tightness differs by more than one class. Beyond TeX: a third
//! hyphenated line in a row costs "infinite" demerits ([`Params::hyphen_ladder_limit`]);
//! [`Params::ragged`] lets ragged text hyphenate only to rescue a very short line; and, as in
//! pdfTeX, justified text may carry microtypography: boxes that stretch and shrink a little
//! (font expansion, counted in each line's stretch and shrink) and break penalties of negative
//! width (character protrusion into the margin).
//!
//! The model follows Knuth & Plass, "Breaking Paragraphs into Lines" (1981), and TeX §813–890;
//! the comparison tests use the `paragraph-breaker` crate as an oracle.

use crate::geom::Pt;
use std::ops::Range;

/// A penalty at least this large forbids a break; one at most its negative forces a break
/// (TeX's `inf_penalty` and `eject_penalty`).
pub const INFINITE_PENALTY: f64 = 10000.0;

/// Stretch that stands for TeX's `fil`: infinitely more than any interword stretch. A million
/// points (350 m) is finite, so no special arithmetic is needed, yet it makes the ratio of any
/// line holding it about 10⁻⁴, which no badness or visible gap can tell from zero.
pub const FILL: Pt = Pt(1e6);

/// Ragged-right stretch per line in ems. Plain TeX's `\raggedright` uses 2 em; résumé columns
/// are narrow (often under 20 em) and long technical words are common, so 3 em lets the first,
/// unhyphenated pass succeed more often: a line is only "bad" (badness over 100) once it
/// leaves more than 3 em empty.
pub const RAGGED_STRETCH_EM: f64 = 3.0;

/// Emergency stretch per line in ems, LaTeX's `\sloppy` value: enough to rescue a narrow column
/// from an overfull line, and used only when both regular passes failed.
pub const EMERGENCY_STRETCH_EM: f64 = 3.0;

/// Cost of breaking at a discretionary hyphen: TeX's `\hyphenpenalty`.
pub const HYPHEN_PENALTY: f64 = 50.0;

/// Cost of a discretionary hyphen in ragged text. A ragged line may simply end short, so a
/// hyphen should only rescue a line that would otherwise be very short: 200 squared (40 000
/// demerits) is about what a line of badness 190 costs, so a hyphen wins only when the line
/// without it would leave about [`RAGGED_STRETCH_EM`] × 1.24 ≈ 3.7 em empty, near the
/// tolerance's limit (TeX users get the same effect by raising `\hyphenpenalty` with
/// `\raggedright`). Measured on the samples, 50 hyphenated 3–9% of ragged lines.
pub const RAGGED_HYPHEN_PENALTY: f64 = 200.0;

/// Cost of breaking after an explicit hyphen or dash: TeX's `\exhyphenpenalty`.
pub const EX_HYPHEN_PENALTY: f64 = 50.0;

/// Cost of breaking at a zero-width opportunity such as after a slash in a URL or in "CI/CD".
/// Such a break splits a word-like unit just as a hyphen does, so it costs as much.
pub const BREAK_OPPORTUNITY_PENALTY: f64 = 50.0;

/// Demerits for a hyphen at the end of the second-to-last line (TeX's `\finalhyphendemerits`):
/// about two lines at the tolerance limit, so that a tail line is kept only when every
/// alternative is clearly loose. See [`Params::for_font_size`].
pub const FINAL_HYPHEN_DEMERITS: f64 = 90000.0;

/// Demerits for a line that ends hyphenated after [`Params::hyphen_ladder_limit`] hyphenated
/// lines in a row: "infinite" without leaving the paragraph unbreakable. A feasible line costs
/// at most about 10⁸ ((10 + 200)² plus a penalty below 10 000, squared), so 10¹² outweighs ten
/// thousand such lines, and it is still an exact integer in `f64` (below 2⁵³).
pub const HYPHEN_LADDER_DEMERITS: f64 = 1e12;

/// The share of the measure a ragged line may leave empty before a hyphen is considered: a
/// fifth. A ragged edge that varies by up to a fifth still reads as one column (moderncv's
/// ragged layouts vary that much), while a line shorter than that looks like a paragraph end
/// in the middle of a paragraph; hyphenating any earlier made 3–9% of the samples' ragged
/// lines end in a hyphen, against under 1.5% in moderncv and Typst.
pub const RAGGED_SHORT_SHARE: f64 = 0.2;

/// The loosest a line may be set (adjustment ratio with its own glue) when the emergency pass
/// is used only to avoid a hyphen before a last line of several words: 1, TeX's "just loose
/// enough" (badness 100, spaces grown by their whole stretch). Looser lines, with spaces near
/// twice their width, show more than such a hyphen does.
const MAX_RESCUE_RATIO: f64 = 1.0;

/// Badness of a line that cannot stretch enough: TeX's `inf_bad`, the cap of all badness.
const INF_BAD: f64 = 10000.0;

/// Font size that [`Params::default`] assumes for its em-based lengths: a typical résumé body.
const DEFAULT_FONT_SIZE: Pt = Pt(10.0);

/// One element of a paragraph in the box–glue–penalty model.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Material: a word, a fragment of one between hyphenation points, an inline image. Its
    /// width is fixed unless font expansion gives it stretch and shrink.
    Box {
        /// The box's width.
        width: Pt,
        /// How much it may grow (at adjustment ratio 1): font expansion, zero without it.
        stretch: Pt,
        /// How much it may shrink (at ratio -1).
        shrink: Pt,
    },
    /// Space that can stretch and shrink. It is a legal break when it follows a box; a line
    /// ending there does not contain it.
    Glue {
        /// The natural width.
        width: Pt,
        /// How much it may grow (at adjustment ratio 1).
        stretch: Pt,
        /// How much it may shrink (at ratio -1; never more).
        shrink: Pt,
    },
    /// A possible break with a cost.
    Penalty {
        /// Width added to the line only if it breaks here (the hyphen of a discretionary).
        width: Pt,
        /// The cost: `>= INFINITE_PENALTY` forbids, `<= -INFINITE_PENALTY` forces a break.
        cost: f64,
        /// Whether a break here is hyphenated. Flagged penalties with a width (inserted
        /// hyphens) are not tried in the first pass, as TeX does not hyphenate there; flagged
        /// zero-width penalties (after an explicit hyphen) are.
        flagged: bool,
    },
}

/// The knobs of the optimisation, named after their TeX counterparts.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Maximum badness of a line in the second and emergency passes (`\tolerance`).
    pub tolerance: f64,
    /// Maximum badness in the first, unhyphenated pass; negative skips it (`\pretolerance`).
    pub pretolerance: f64,
    /// Added to every line's badness before squaring, so fewer lines are preferred
    /// (`\linepenalty`).
    pub line_penalty: f64,
    /// Added when two consecutive lines end hyphenated (`\doublehyphendemerits`; the
    /// "flagged demerits" of Knuth & Plass and `paragraph-breaker`).
    pub double_hyphen_demerits: f64,
    /// Added when the second-to-last line ends hyphenated (`\finalhyphendemerits`).
    pub final_hyphen_demerits: f64,
    /// Added when adjacent lines' fitness classes differ by more than one (`\adjdemerits`).
    pub fitness_demerits: f64,
    /// Extra stretch given to every line in the emergency pass; zero skips that pass
    /// (`\emergencystretch`).
    pub emergency_stretch: Pt,
    /// Lines to add (positive) or remove (negative) relative to the optimum when feasible
    /// (`\looseness`).
    pub looseness: i32,
    /// The most consecutive lines that may end hyphenated (InDesign's "hyphen limit"; TeX has
    /// only the double-hyphen demerits, which a ladder can outweigh). A line that would exceed
    /// it costs [`HYPHEN_LADDER_DEMERITS`], so it is chosen only when nothing else fits; `None`
    /// sets no limit.
    pub hyphen_ladder_limit: Option<usize>,
}

impl Default for Params {
    /// Returns plain TeX's values, with the emergency stretch for a 10 pt body.
    fn default() -> Params {
        Params::for_font_size(DEFAULT_FONT_SIZE)
    }
}

impl Params {
    /// Returns the default parameters with em-based lengths scaled to `font_size`.
    pub fn for_font_size(font_size: Pt) -> Params {
        Params {
            // Plain TeX: 200 allows ratio 1.26 (a space may grow by a quarter beyond its
            // stretch) before hyphenation is given up on.
            tolerance: 200.0,
            // Plain TeX: 100 (ratio 1) is "just loose enough"; paragraphs that fit within it
            // are never hyphenated.
            pretolerance: 100.0,
            // Plain TeX: 10 keeps line count a minor concern next to the badness of a line.
            line_penalty: 10.0,
            // Plain TeX: 10 000 is the demerits of a line of badness 90, enough to avoid
            // ladders of hyphens unless the alternative is clearly worse.
            double_hyphen_demerits: 10000.0,
            // Plain TeX has 5 000, which a single loose line outweighs; a last line that holds
            // only a word's tail ("ments.") is the most visible flaw of a short paragraph, so
            // here it weighs as much as two lines at the tolerance limit ((10 + 200)² each).
            final_hyphen_demerits: FINAL_HYPHEN_DEMERITS,
            // Plain TeX: 10 000, the same weight as a double hyphen, to keep a tight line from
            // sitting next to a very loose one.
            fitness_demerits: 10000.0,
            emergency_stretch: font_size * EMERGENCY_STRETCH_EM,
            // Plain TeX: 0, the optimum.
            looseness: 0,
            // Two, the limit Bringhurst and the Chicago Manual give: a third hyphen in a row
            // makes a ladder down the right edge.
            hyphen_ladder_limit: Some(2),
        }
    }
}

impl Params {
    /// Returns these parameters for ragged text in a measure: the first pass, without
    /// hyphens, accepts any line that leaves at most [`RAGGED_SHORT_SHARE`] of the measure
    /// empty (a ragged line has [`RAGGED_STRETCH_EM`] of stretch), and later passes accept as
    /// much, so hyphens are tried only when some line would otherwise be shorter.
    pub fn ragged(self, measure: Pt, font_size: Pt) -> Params {
        let stretch = (font_size * RAGGED_STRETCH_EM).get().max(f64::MIN_POSITIVE);
        let r = RAGGED_SHORT_SHARE * measure.get() / stretch;
        // Plain multiplication: `powi` may differ across platforms.
        let badness = (100.0 * r * r * r).min(INF_BAD).floor();
        let pretolerance = self.pretolerance.max(badness);
        Params { pretolerance, tolerance: self.tolerance.max(pretolerance), ..self }
    }
}

/// Where one line ends.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// The item at which the line ends (a glue or a penalty), or `items.len()` when the items
    /// end without a forced break.
    pub index: usize,
    /// The adjustment ratio to set the line with: positive stretches, negative shrinks (never
    /// below -1). It is 0 when the line cannot stretch, and may exceed what `tolerance` allows
    /// in the emergency and fallback passes.
    pub ratio: f64,
    /// Whether the line ends at a flagged penalty (a hyphen).
    pub hyphenated: bool,
}

/// Which pass produced the breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// Within `pretolerance`, without hyphenation.
    First,
    /// Within `tolerance`, with hyphenation.
    Second,
    /// Within `tolerance` with `emergency_stretch` added to every line.
    Emergency,
    /// First fit, because no pass found a feasible solution.
    Fallback,
}

/// The result of breaking a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// One break per line, in order; the last one ends the paragraph.
    pub breaks: Vec<Break>,
    /// The pass that found them.
    pub pass: Pass,
    /// Lines (0-based) wider than their measure; only a run of material without any legal
    /// break that is itself wider than the measure causes one.
    pub overfull: Vec<usize>,
}

/// Breaks the paragraph into lines.
///
/// `measure(n)` is the width of line `n` (0-based). The items should end with
/// [`finish_paragraph`]'s forced break; if they do not, their end acts as one.
pub fn break_lines(items: &[Item], measure: &dyn Fn(usize) -> Pt, params: &Params) -> Outcome {
    if items.is_empty() {
        return Outcome { breaks: Vec::new(), pass: Pass::First, overfull: Vec::new() };
    }
    let mut breaker = Breaker::new(items, measure, params);
    // The best result so far, its pass and its score: (meets the looseness, how it ends).
    let mut found: Option<(Vec<Break>, Pass, (bool, Ending))> = None;
    for (pass, config) in passes(params) {
        let Some((breaks, on_target)) = breaker.run(&config) else { continue };
        let mut ending = Ending::of(items, &breaks);
        if ending == Ending::Clean && pass == Pass::Emergency && too_loose(&breaks) {
            // A loose paragraph is worse than a hyphen before a last line of several words,
            // though not worse than a last line that is only a tail.
            ending = Ending::LooseRescue;
        }
        let score = (on_target, ending);
        // A later pass replaces a result it improves on, or one that missed the looseness
        // (TeX's order: the later pass is the answer then).
        if found.as_ref().is_none_or(|f| score > f.2 || (!f.2.0 && score == f.2)) {
            found = Some((breaks, pass, score));
        }
        if score == (true, Ending::Clean) {
            break;
        }
    }
    let outcome = match found {
        Some((breaks, pass, _)) => Outcome { breaks, pass, overfull: Vec::new() },
        None => first_fit(items, &breaker.sums, measure),
    };
    // Invariants the paragraph fuzzer probes (in debug builds): breaks move forward and stay
    // inside the items.
    debug_assert!(outcome.breaks.windows(2).all(|w| w[0].index < w[1].index), "breaks in order");
    debug_assert!(outcome.breaks.last().is_none_or(|b| b.index <= items.len()), "breaks inside the items");
    outcome
}

/// How a paragraph's breaks end, from worst to best.
///
/// The final-hyphen demerits only choose among the breaks a pass finds feasible, and in a
/// narrow measure the alternative (taking the whole word down) usually makes the line before
/// it too loose for the tolerance, so a pass either ends with a hyphen before the last line or
/// finds nothing. Such a result therefore does not end the search: the next pass (the
/// emergency stretch) is tried, and it wins when it ends better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Ending {
    /// The last line holds nothing but the tail of a word hyphenated at the end of the line
    /// before ("require-/ments."): the flaw every alternative beats.
    Tail,
    /// No inserted hyphen before the last line, but only thanks to a line looser than
    /// [`MAX_RESCUE_RATIO`]: better than a tail, not worth trading a hyphen for.
    LooseRescue,
    /// The second-to-last line ends at an inserted hyphen, the last line has more words.
    Hyphen,
    /// No inserted hyphen before the last line. (A break after an explicit hyphen,
    /// "self-/hosted", is the author's and counts as clean.)
    Clean,
}

impl Ending {
    /// Classifies the end of a paragraph's breaks.
    fn of(items: &[Item], breaks: &[Break]) -> Ending {
        let [.., penultimate, last] = breaks else { return Ending::Clean };
        let inserted = matches!(
            items.get(penultimate.index),
            Some(Item::Penalty { flagged: true, width, .. }) if width.get() != 0.0
        );
        let tail_only = || {
            !(penultimate.index + 1..last.index.min(items.len()))
                .any(|i| candidate(items, i, false).is_some())
        };
        match inserted {
            false => Ending::Clean,
            true if tail_only() => Ending::Tail,
            true => Ending::Hyphen,
        }
    }
}

/// Whether a line other than the last is stretched beyond [`MAX_RESCUE_RATIO`].
fn too_loose(breaks: &[Break]) -> bool {
    breaks.split_last().is_some_and(|(_, lines)| lines.iter().any(|b| b.ratio > MAX_RESCUE_RATIO))
}

/// Appends TeX's paragraph end: drops trailing spaces, then adds an unbreakable `\parfillskip`
/// (glue of [`FILL`] stretch, so the last line is set at its natural width) and the forced
/// break. Items that already end with a forced break are left as they are.
pub fn finish_paragraph(items: &mut Vec<Item>) {
    while let Some(last) = items.last() {
        match *last {
            Item::Glue { .. } => items.pop(),
            Item::Penalty { cost, .. } if cost > -INFINITE_PENALTY => items.pop(),
            _ => break,
        };
    }
    match items.last() {
        None | Some(Item::Penalty { .. }) => {}
        Some(_) => items.extend(forced_break()),
    }
}

/// Returns the item range that forms each line's content: from the first item kept after the
/// previous break (glue and penalties there are discarded) up to, not including, the break.
/// A hyphen is not in the range: it is the width of the penalty at `break.index`.
pub fn line_ranges(items: &[Item], breaks: &[Break]) -> Vec<Range<usize>> {
    let mut start = line_start(items, 0);
    let mut ranges = Vec::with_capacity(breaks.len());
    for b in breaks {
        ranges.push(start.min(b.index)..b.index);
        start = line_start(items, b.index + 1);
    }
    ranges
}

/// A pass of the dynamic program.
#[derive(Debug, Clone, Copy)]
struct PassConfig {
    /// Maximum badness of a line.
    threshold: f64,
    /// Whether inserted-hyphen penalties are tried.
    hyphenate: bool,
    /// Stretch added to every line.
    background_stretch: f64,
}

/// Lists the enabled passes in TeX's order.
fn passes(params: &Params) -> Vec<(Pass, PassConfig)> {
    let config =
        |threshold, hyphenate, background_stretch| PassConfig { threshold, hyphenate, background_stretch };
    let mut passes = Vec::with_capacity(3);
    if params.pretolerance >= 0.0 {
        passes.push((Pass::First, config(params.pretolerance, false, 0.0)));
    }
    passes.push((Pass::Second, config(params.tolerance, true, 0.0)));
    if params.emergency_stretch.get() > 0.0 {
        let stretch = params.emergency_stretch.get();
        passes.push((Pass::Emergency, config(params.tolerance, true, stretch)));
    }
    passes
}

/// Running totals of widths up to (not including) an item.
#[derive(Debug, Default, Clone, Copy)]
struct Sum {
    /// Natural width of boxes and glue.
    width: f64,
    /// Stretch of glue.
    stretch: f64,
    /// Shrink of glue.
    shrink: f64,
}

/// The running totals of a paragraph's items, and how many breakpoints they hold.
struct PrefixSums {
    /// `sums[i]` = totals of `items[..i]`, for `i` in `0..=items.len()`.
    sums: Vec<Sum>,
    /// How many items are breakpoints ([`candidate`] with hyphenation), counted in the same
    /// pass.
    breakpoints: usize,
}

/// Adds up the items. Penalty widths count only when breaking at the penalty, so they are
/// left out of the sums.
fn prefix_sums(items: &[Item]) -> PrefixSums {
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut sum = Sum::default();
    let mut breakpoints = 0;
    sums.push(sum);
    for (i, item) in items.iter().enumerate() {
        match *item {
            Item::Box { width, stretch, shrink } | Item::Glue { width, stretch, shrink } => {
                sum.width += width.get();
                sum.stretch += stretch.get();
                sum.shrink += shrink.get();
            }
            Item::Penalty { .. } => {}
        }
        breakpoints += usize::from(candidate(items, i, true).is_some());
        sums.push(sum);
    }
    PrefixSums { sums, breakpoints }
}

/// A legal breakpoint as the dynamic program sees it.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// The item index (`items.len()` for the implicit end).
    index: usize,
    /// Width added to the line when breaking here.
    width: f64,
    /// The penalty's cost (0 for glue).
    cost: f64,
    /// Whether the break is hyphenated.
    flagged: bool,
    /// Whether the break is forced.
    forced: bool,
    /// Whether this break ends the paragraph.
    last: bool,
}

/// Returns the breakpoint at `items[i]`, if it is one: glue right after a box, or a penalty
/// below [`INFINITE_PENALTY`] (inserted hyphens only when `hyphenate`).
fn candidate(items: &[Item], i: usize, hyphenate: bool) -> Option<Candidate> {
    let plain = |cost| Candidate { index: i, width: 0.0, cost, flagged: false, forced: false, last: false };
    match items[i] {
        Item::Box { .. } => None,
        Item::Glue { .. } => (i > 0 && matches!(items[i - 1], Item::Box { .. })).then(|| plain(0.0)),
        Item::Penalty { width, cost, flagged } => {
            let inserted_hyphen = flagged && width.get() != 0.0;
            if cost >= INFINITE_PENALTY || (inserted_hyphen && !hyphenate) {
                return None;
            }
            let forced = cost <= -INFINITE_PENALTY;
            let last = forced && i + 1 == items.len();
            Some(Candidate { width: width.get(), flagged, forced, last, ..plain(cost) })
        }
    }
}

/// The breakpoint that ends items lacking a final forced break.
fn implicit_end(items: &[Item]) -> Option<Candidate> {
    let ends_forced = matches!(items.last(), Some(Item::Penalty { cost, .. }) if *cost <= -INFINITE_PENALTY);
    (!ends_forced).then_some(Candidate {
        index: items.len(),
        width: 0.0,
        cost: -INFINITE_PENALTY,
        flagged: false,
        forced: true,
        last: true,
    })
}

/// Returns the first item at or after `from` that a line keeps at its start: glue and
/// non-forced penalties after a break are discarded (TeX §879); a forced penalty stops the
/// scan so that an empty line before it can still be measured.
fn line_start(items: &[Item], from: usize) -> usize {
    let mut i = from;
    while i < items.len() {
        match items[i] {
            Item::Box { .. } => break,
            Item::Penalty { cost, .. } if cost <= -INFINITE_PENALTY => break,
            _ => i += 1,
        }
    }
    i.min(items.len())
}

/// How tight a line is; the classes of Knuth & Plass, numbered as in `paragraph-breaker`.
/// Boundaries are on the ratio (-0.5, 0.5, 1), which TeX phrases as badness 12 and 99.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fitness {
    /// Shrunk by more than half its shrinkability.
    Tight = 0,
    /// Within half of its stretch or shrink.
    Decent = 1,
    /// Stretched by half to all of its stretchability.
    Loose = 2,
    /// Stretched beyond its stretchability.
    VeryLoose = 3,
}

impl Fitness {
    /// Classifies a line by its adjustment ratio.
    fn of(ratio: f64) -> Fitness {
        match ratio {
            r if r < -0.5 => Fitness::Tight,
            r if r <= 0.5 => Fitness::Decent,
            r if r <= 1.0 => Fitness::Loose,
            _ => Fitness::VeryLoose,
        }
    }

    /// Whether the two classes are more than one apart.
    fn clashes(self, other: Fitness) -> bool {
        (self as u8).abs_diff(other as u8) > 1
    }
}

/// Returns the adjustment ratio that brings `natural` to `target`: `(target - natural)` over
/// the stretch or shrink, ±∞ when there is none, and clamped to -1 when the excess matches the
/// shrink within [`Pt::TOLERANCE`]. Below -1 means the line cannot fit.
fn adjustment_ratio(natural: f64, target: f64, stretch: f64, shrink: f64) -> f64 {
    let excess = natural - target;
    if excess.abs() <= Pt::TOLERANCE {
        0.0
    } else if excess < 0.0 {
        if stretch > 0.0 { -excess / stretch } else { f64::INFINITY }
    } else if shrink > 0.0 && excess <= shrink + Pt::TOLERANCE {
        (-excess / shrink).max(-1.0)
    } else {
        f64::NEG_INFINITY
    }
}

/// Returns TeX's badness `100 r³` of a feasible line: floored to an integer as TeX computes it
/// (so demerits are exact integers in `f64` and ties compare exactly everywhere) and capped at
/// [`INF_BAD`]. `None` when the line is overfull or its badness exceeds `threshold`.
fn feasible_badness(ratio: f64, threshold: f64) -> Option<f64> {
    if ratio < -1.0 {
        return None;
    }
    let r = ratio.abs();
    // Plain multiplication: `powi` may differ across platforms.
    let raw = (100.0 * r * r * r).min(INF_BAD);
    // Most lines tried are far too short; rejecting them before `floor` (a library call on
    // baseline x86-64) saves a sixth of the running time.
    if raw > threshold + 1.0 {
        return None;
    }
    let badness = raw.floor();
    (badness <= threshold).then_some(badness)
}

/// A feasible break found by the dynamic program.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The break's item index (unused for the root).
    position: usize,
    /// The first item of the line that starts here.
    start: usize,
    /// The prefix sums at `start`, copied here to spare a lookup in the inner loop.
    origin: Sum,
    /// Lines before this break.
    line: usize,
    /// The fitness of the line ending here.
    fitness: Fitness,
    /// Whether the line ending here is hyphenated.
    hyphenated: bool,
    /// How many lines in a row, up to this one, end hyphenated (0 when this one does not).
    hyphens: usize,
    /// Total demerits of the best paragraph beginning up to here.
    demerits: f64,
    /// The previous break on that best path.
    prev: usize,
}

/// Where a line being evaluated ends: the prefix sums at the breakpoint and the line's width.
#[derive(Debug, Clone, Copy)]
struct Reach {
    /// The prefix sums at the breakpoint.
    end: Sum,
    /// The width of the line.
    target: f64,
}

/// Marks "no previous node".
const NONE: usize = usize::MAX;

/// The best way found to reach a breakpoint for one fitness class.
#[derive(Debug, Clone, Copy)]
struct Best {
    /// The demerits of the path.
    demerits: f64,
    /// The active node the line starts from.
    from: usize,
    /// The fitness class of the line.
    fitness: Fitness,
    /// Consecutive hyphenated lines up to this one.
    hyphens: usize,
}

/// Slots for the best paths to a breakpoint: one per fitness class, and per class one for
/// paths at the hyphen ladder limit and one for the others, so that a cheaper path at the
/// limit never hides the path that could still hyphenate the next line.
const SLOTS: usize = 8;

/// The state of the dynamic program, reused across passes to avoid reallocating.
struct Breaker<'a> {
    /// The paragraph.
    items: &'a [Item],
    /// Prefix sums of `items`.
    sums: Vec<Sum>,
    /// Width of each line.
    measure: &'a dyn Fn(usize) -> Pt,
    /// The cost parameters.
    params: &'a Params,
    /// Nodes with at least this many lines before them start lines of equal width from then
    /// on, so they may share a group (TeX's `easy_line`).
    uniform_from: usize,
    /// Every node created in the current pass.
    nodes: Vec<Node>,
    /// Indices of the active nodes, sorted by line number.
    active: Vec<usize>,
    /// The width of line `uniform_from`, which every later line shares (unused when
    /// `uniform_from` is `usize::MAX`): the inner loop need not ask `measure` for it.
    uniform_width: f64,
    /// The active list being built for the next breakpoint.
    next: Vec<usize>,
}

impl<'a> Breaker<'a> {
    /// Prepares the dynamic program for a paragraph.
    fn new(items: &'a [Item], measure: &'a dyn Fn(usize) -> Pt, params: &'a Params) -> Self {
        let sums = prefix_sums(items);
        let uniform_from = match params.looseness {
            // Looseness compares line counts, so every count must keep its own nodes.
            0 => uniform_from(sums.breakpoints, measure),
            _ => usize::MAX,
        };
        let uniform_width = match uniform_from {
            usize::MAX => 0.0,
            line => measure(line).get(),
        };
        Breaker {
            items,
            sums: sums.sums,
            measure,
            params,
            uniform_from,
            uniform_width,
            nodes: Vec::with_capacity(items.len() / 2),
            active: Vec::new(),
            next: Vec::new(),
        }
    }

    /// Runs one pass; returns the breaks, if any are feasible, and whether they meet the
    /// requested looseness.
    fn run(&mut self, config: &PassConfig) -> Option<(Vec<Break>, bool)> {
        self.reset();
        for i in self.nodes[0].start..self.items.len() {
            if let Some(c) = candidate(self.items, i, config.hyphenate) {
                self.try_break(&c, config);
                if self.active.is_empty() {
                    return None;
                }
            }
        }
        if let Some(c) = implicit_end(self.items) {
            self.try_break(&c, config);
        }
        let (best, on_target) = self.choose()?;
        Some((self.breaks(best), on_target))
    }

    /// Empties the node list and activates the paragraph's start.
    fn reset(&mut self) {
        self.nodes.clear();
        self.active.clear();
        let start = line_start(self.items, 0);
        self.nodes.push(Node {
            position: 0,
            start,
            origin: self.sums[start],
            line: 0,
            fitness: Fitness::Decent,
            hyphenated: false,
            hyphens: 0,
            demerits: 0.0,
            prev: NONE,
        });
        self.active.push(0);
    }

    /// Returns the width of line `line`: a line from `uniform_from` on has that line's width
    /// (`uniform_from` is no more than any line number a node can reach).
    fn target(&self, line: usize) -> f64 {
        if line >= self.uniform_from { self.uniform_width } else { (self.measure)(line).get() }
    }

    /// Returns the group of a node's line number: line numbers from `uniform_from` on merge.
    fn group(&self, node: usize) -> usize {
        self.nodes[node].line.min(self.uniform_from)
    }

    /// Tries every active node against one breakpoint, deactivating nodes that can no longer
    /// start a feasible line and activating the best new nodes per group and fitness class.
    fn try_break(&mut self, c: &Candidate, config: &PassConfig) {
        let mut next = std::mem::take(&mut self.next);
        next.clear();
        let mut i = 0;
        while i < self.active.len() {
            let group = self.group(self.active[i]);
            let target = self.target(self.nodes[self.active[i]].line);
            let reach = Reach { end: self.sums[c.index], target };
            let mut best: [Option<Best>; SLOTS] = [None; SLOTS];
            while i < self.active.len() && self.group(self.active[i]) == group {
                let from = self.active[i];
                i += 1;
                if self.consider(from, c, reach, config, &mut best) {
                    next.push(from);
                }
            }
            self.activate(&best, c, &mut next);
        }
        self.next = std::mem::replace(&mut self.active, next);
    }

    /// Evaluates the line from node `from` to the breakpoint, recording it in `best` when
    /// feasible; returns whether the node stays active.
    fn consider(
        &self,
        from: usize,
        c: &Candidate,
        reach: Reach,
        config: &PassConfig,
        best: &mut [Option<Best>; SLOTS],
    ) -> bool {
        let node = &self.nodes[from];
        if node.start > c.index {
            // The breakpoint lies among the items discarded after this node's break.
            return true;
        }
        let (a, b) = (node.origin, reach.end);
        let natural = b.width - a.width + c.width;
        let stretch = b.stretch - a.stretch + config.background_stretch;
        let ratio = adjustment_ratio(natural, reach.target, stretch, b.shrink - a.shrink);
        if let Some(badness) = feasible_badness(ratio, config.threshold) {
            let fitness = Fitness::of(ratio);
            let demerits = self.demerits(badness, c, node, fitness);
            let hyphens = if c.flagged { node.hyphens + 1 } else { 0 };
            let slot = &mut best[fitness as usize * 2 + usize::from(self.at_ladder_limit(hyphens))];
            if slot.is_none_or(|b| demerits < b.demerits) {
                *slot = Some(Best { demerits, from, fitness, hyphens });
            }
        }
        ratio >= -1.0 && !c.forced
    }

    /// Returns the total demerits of reaching the breakpoint through `from` with a line of
    /// this badness and fitness.
    fn demerits(&self, badness: f64, c: &Candidate, from: &Node, fitness: Fitness) -> f64 {
        let p = self.params;
        let base = p.line_penalty + badness;
        let mut d = base * base;
        // A penalty adds its square, a bonus (negative penalty) subtracts it; a forced break
        // is not a choice, so its cost does not count (TeX §859).
        if !c.forced && c.cost >= 0.0 {
            d += c.cost * c.cost;
        } else if !c.forced {
            d -= c.cost * c.cost;
        }
        if from.hyphenated && c.last {
            d += p.final_hyphen_demerits;
        } else if from.hyphenated && c.flagged {
            d += p.double_hyphen_demerits;
        }
        if fitness.clashes(from.fitness) {
            d += p.fitness_demerits;
        }
        if c.flagged && self.at_ladder_limit(from.hyphens) {
            d += HYPHEN_LADDER_DEMERITS;
        }
        from.demerits + d
    }

    /// Whether `hyphens` consecutive hyphenated lines reach the ladder limit, so that one more
    /// would exceed it.
    fn at_ladder_limit(&self, hyphens: usize) -> bool {
        self.params.hyphen_ladder_limit.is_some_and(|limit| hyphens >= limit)
    }

    /// Creates the new active nodes of a group: one per fitness class whose best path is not
    /// worse than the group's best by more than the fitness demerits (it could never win).
    fn activate(&mut self, best: &[Option<Best>; SLOTS], c: &Candidate, next: &mut Vec<usize>) {
        // Most breakpoints are too far from most nodes for a feasible line: nothing to add.
        if best.iter().all(Option::is_none) {
            return;
        }
        // Paths at the ladder limit and the others are pruned apart, by the same argument.
        let min_of = |limit: bool| {
            let same = best.iter().flatten().filter(|b| self.at_ladder_limit(b.hyphens) == limit);
            same.map(|b| b.demerits).fold(f64::INFINITY, f64::min)
        };
        let min = [min_of(false), min_of(true)];
        let start = line_start(self.items, c.index + 1);
        for b in best.iter().flatten() {
            if b.demerits <= min[usize::from(self.at_ladder_limit(b.hyphens))] + self.params.fitness_demerits
            {
                next.push(self.nodes.len());
                self.nodes.push(Node {
                    position: c.index,
                    start,
                    origin: self.sums[start],
                    line: self.nodes[b.from].line + 1,
                    fitness: b.fitness,
                    hyphenated: c.flagged,
                    hyphens: b.hyphens,
                    demerits: b.demerits,
                    prev: b.from,
                });
            }
        }
    }

    /// Picks the final node: the fewest demerits, or with looseness the line count nearest the
    /// request (TeX §875). Returns it and whether the looseness was met.
    fn choose(&self) -> Option<(usize, bool)> {
        let fewest = |a: usize, b: usize| {
            if self.nodes[b].demerits < self.nodes[a].demerits { b } else { a }
        };
        let best = self.active.iter().copied().reduce(fewest)?;
        let looseness = i64::from(self.params.looseness);
        if looseness == 0 {
            return Some((best, true));
        }
        let best_lines = self.nodes[best].line as i64;
        let (mut chosen, mut drift) = (best, 0);
        for &n in &self.active {
            let delta = self.nodes[n].line as i64 - best_lines;
            let closer = (looseness <= delta && delta < drift) || (drift < delta && delta <= looseness);
            if closer || (delta == drift && self.nodes[n].demerits < self.nodes[chosen].demerits) {
                (chosen, drift) = (n, delta);
            }
        }
        Some((chosen, drift == looseness))
    }

    /// Follows the chain of nodes back from the last one and returns the breaks in order.
    fn breaks(&self, last: usize) -> Vec<Break> {
        let mut chain = Vec::new();
        let mut n = last;
        while self.nodes[n].prev != NONE {
            chain.push(n);
            n = self.nodes[n].prev;
        }
        chain.reverse();
        let mut breaks = Vec::with_capacity(chain.len());
        for n in chain {
            let node = &self.nodes[n];
            let from = &self.nodes[node.prev];
            let line = LineSpan { start: from.start, end: node.position, line: from.line };
            breaks.push(line.to_break(self.items, &self.sums, self.measure));
        }
        breaks
    }
}

/// Returns the first line number from which every line up to the paragraph's largest possible
/// line count has the same width. Merging nodes beyond it is exact, and keeps the active list
/// short for a constant measure.
/// `breakpoints` is how many breakpoints the items have, inserted hyphens included
/// ([`PrefixSums::breakpoints`]).
fn uniform_from(breakpoints: usize, measure: &dyn Fn(usize) -> Pt) -> usize {
    // Every line ends at a distinct breakpoint, and the end is one more.
    let max_lines = breakpoints + 1;
    let last = measure(max_lines - 1);
    let mut line = max_lines - 1;
    while line > 0 && measure(line - 1) == last {
        line -= 1;
    }
    line
}

/// A line as chosen: items `start..end`, ending at the break `end`, as line number `line`.
#[derive(Debug, Clone, Copy)]
struct LineSpan {
    /// First item kept on the line.
    start: usize,
    /// The break's item index (or `items.len()`).
    end: usize,
    /// The 0-based line number.
    line: usize,
}

impl LineSpan {
    /// Returns the natural width, stretch and shrink of the line, hyphen included.
    fn totals(&self, items: &[Item], sums: &[Sum]) -> Sum {
        let (a, b) = (sums[self.start.min(self.end)], sums[self.end]);
        let hyphen = match items.get(self.end) {
            Some(Item::Penalty { width, .. }) => width.get(),
            _ => 0.0,
        };
        Sum { width: b.width - a.width + hyphen, stretch: b.stretch - a.stretch, shrink: b.shrink - a.shrink }
    }

    /// Returns the break with the ratio the line is set at with its own glue: stretching
    /// without limit, shrinking at most fully, and 0 when the glue cannot help.
    fn to_break(self, items: &[Item], sums: &[Sum], measure: &dyn Fn(usize) -> Pt) -> Break {
        let t = self.totals(items, sums);
        let ratio = adjustment_ratio(t.width, measure(self.line).get(), t.stretch, t.shrink);
        let ratio = match ratio {
            r if r.is_finite() => r,
            r if r < 0.0 && t.shrink > 0.0 => -1.0,
            _ => 0.0,
        };
        let hyphenated = matches!(items.get(self.end), Some(Item::Penalty { flagged: true, .. }));
        Break { index: self.end, ratio, hyphenated }
    }

    /// Whether the line fits its measure when shrunk fully.
    fn fits(&self, items: &[Item], sums: &[Sum], measure: &dyn Fn(usize) -> Pt) -> bool {
        let t = self.totals(items, sums);
        Pt(t.width - t.shrink).fits(measure(self.line))
    }
}

/// Breaks greedily: each line ends at the last breakpoint where it still fits. Only a line
/// holding nothing but one unbreakable run can be overfull, and it is reported.
fn first_fit(items: &[Item], sums: &[Sum], measure: &dyn Fn(usize) -> Pt) -> Outcome {
    let mut out = Outcome { breaks: Vec::new(), pass: Pass::Fallback, overfull: Vec::new() };
    let mut start = line_start(items, 0);
    let mut fitting: Option<usize> = None;
    let candidates = (0..items.len()).filter_map(|i| candidate(items, i, true));
    for c in candidates.chain(implicit_end(items)) {
        let mut span = LineSpan { start, end: c.index, line: out.breaks.len() };
        if !span.fits(items, sums, measure)
            && let Some(end) = fitting.take()
        {
            // End the line at the last breakpoint that fit; measure again from there.
            out.breaks.push(LineSpan { end, ..span }.to_break(items, sums, measure));
            start = line_start(items, end + 1);
            span = LineSpan { start, end: c.index, line: out.breaks.len() };
        }
        if c.index < start {
            // The breakpoint lies among the items discarded after the last break.
            continue;
        }
        let fits = span.fits(items, sums, measure);
        if fits && !c.forced {
            fitting = Some(c.index);
            continue;
        }
        if !fits {
            // No breakpoint since `start`: the line is one unbreakable run.
            out.overfull.push(span.line);
        }
        out.breaks.push(span.to_break(items, sums, measure));
        start = line_start(items, c.index + 1);
        fitting = None;
    }
    out
}

/// How a paragraph is set, which decides how spaces and breaks become items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Alignment {
    /// Lines are stretched or shrunk to the full measure (the last one excepted).
    Justified,
    /// Lines keep their natural spaces (TeX's `\raggedright`); the unused space at the end of
    /// a line is what the breaker minimises, through this much stretch per line (see
    /// [`ragged_stretch`]). Centred and right-aligned text break the same way.
    Ragged(Pt),
}

/// Returns the ragged-right stretch for a font size: [`RAGGED_STRETCH_EM`] ems.
pub fn ragged_stretch(font_size: Pt) -> Pt {
    font_size * RAGGED_STRETCH_EM
}

/// Builds a paragraph's items, hiding how justified and ragged text differ.
///
/// Justified text uses the plain encoding: a space is `Glue{w, stretch, shrink}`, a hyphen
/// point `Penalty{hyphen, 50, flagged}`. Ragged text uses Knuth & Plass's: interword glue
/// never stretches or shrinks, and every break opportunity is wrapped as
/// `Glue{0, R, 0}, Penalty{…}, Glue{0, -R, 0}` (a space puts its width in the last glue). If
/// the line breaks at the penalty it ends with `R` of stretch and the next line drops the
/// negative glue; otherwise the pair cancels. So every ragged line has exactly `R` stretch and
/// lines are compared by their unused space, and a caller that sets glue to
/// `width + ratio · stretch` needs no special case.
#[derive(Debug, Clone)]
pub struct ItemsBuilder {
    /// The items so far.
    items: Vec<Item>,
    /// How the paragraph is set.
    alignment: Alignment,
    /// The share of its width a box may grow or shrink by (font expansion), justified text only.
    expansion: f64,
}

impl ItemsBuilder {
    /// Starts an empty paragraph.
    pub fn new(alignment: Alignment) -> ItemsBuilder {
        ItemsBuilder { items: Vec::new(), alignment, expansion: 0.0 }
    }

    /// Reserves room for `additional` more items, so that encoding a paragraph whose size is
    /// known beforehand does not grow the vector step by step.
    pub fn reserve(&mut self, additional: usize) {
        self.items.reserve(additional);
    }

    /// Lets every box of justified text grow or shrink by `share` of its width (font
    /// expansion: the glyphs are scaled horizontally), so the breaker counts it in each line's
    /// stretch and shrink as TeX counts pdfTeX's expansion. Ragged text ignores it: its lines
    /// are not set to the measure.
    pub fn with_expansion(mut self, share: f64) -> ItemsBuilder {
        self.expansion = share.max(0.0);
        self
    }

    /// Returns the items so far.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Returns the number of items so far (the index the next item will get).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether no item has been pushed.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Appends a box and returns its index.
    pub fn push_box(&mut self, width: Pt) -> usize {
        let flex = match self.alignment {
            Alignment::Justified => width * self.expansion,
            Alignment::Ragged(_) => Pt::ZERO,
        };
        self.items.push(Item::Box { width, stretch: flex, shrink: flex });
        self.items.len() - 1
    }

    /// Appends an interword space, a legal break, and returns the index of the glue that
    /// carries its width. Ragged text ignores `stretch` and `shrink`.
    pub fn push_space(&mut self, width: Pt, stretch: Pt, shrink: Pt) -> usize {
        match self.alignment {
            Alignment::Justified => {
                self.items.push(Item::Glue { width, stretch, shrink });
            }
            Alignment::Ragged(r) => {
                // The stretch glue right after a word would itself be a legal break, one
                // without the line's end stretch: no line could be set there, so forbid it.
                self.forbid_glue_break();
                self.items.extend([
                    Item::Glue { width: Pt::ZERO, stretch: r, shrink: Pt::ZERO },
                    penalty(Pt::ZERO, 0.0, false),
                    Item::Glue { width, stretch: -r, shrink: Pt::ZERO },
                ]);
            }
        }
        self.items.len() - 1
    }

    /// Appends an interword space after a character that hangs `protrusion` into the right
    /// margin when a line ends before the space (character protrusion), and returns the index
    /// of the glue that carries the space's width. Justified text encodes it as TeX users do: a
    /// break penalty of width `-protrusion` before the glue, so a line ending there may hold
    /// that much more; the glue, now after a penalty, is no legal break itself. Ragged text
    /// ignores the protrusion (its edge is ragged anyway).
    pub fn push_space_after_protrusion(
        &mut self,
        width: Pt,
        stretch: Pt,
        shrink: Pt,
        protrusion: Pt,
    ) -> usize {
        if self.alignment == Alignment::Justified && protrusion > Pt::ZERO {
            self.items.push(penalty(-protrusion, 0.0, false));
        }
        self.push_space(width, stretch, shrink)
    }

    /// Removes every item from `len` on: a caller that encoded a word and found it cannot fit
    /// takes it back to encode it again differently.
    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
    }

    /// Appends an infinite penalty if the last item is a box, so the glue that follows is no
    /// legal break.
    fn forbid_glue_break(&mut self) {
        if matches!(self.items.last(), Some(Item::Box { .. })) {
            self.items.push(penalty(Pt::ZERO, INFINITE_PENALTY, false));
        }
    }

    /// Appends a space at which the line must not break (a no-break space).
    pub fn push_nonbreaking_space(&mut self, width: Pt, stretch: Pt, shrink: Pt) {
        let (stretch, shrink) = match self.alignment {
            Alignment::Justified => (stretch, shrink),
            Alignment::Ragged(_) => (Pt::ZERO, Pt::ZERO),
        };
        self.items.push(penalty(Pt::ZERO, INFINITE_PENALTY, false));
        self.items.push(Item::Glue { width, stretch, shrink });
    }

    /// Appends a hyphenation point inside a word and returns the index of its penalty;
    /// `hyphen_width` is the hyphen's width, set only if the line breaks here. Ragged text
    /// charges [`RAGGED_HYPHEN_PENALTY`], justified text [`HYPHEN_PENALTY`].
    pub fn push_hyphen_point(&mut self, hyphen_width: Pt) -> usize {
        let cost = match self.alignment {
            Alignment::Justified => HYPHEN_PENALTY,
            Alignment::Ragged(_) => RAGGED_HYPHEN_PENALTY,
        };
        self.push_break(hyphen_width, cost, true)
    }

    /// Appends a break after an explicit hyphen or dash (the hyphen is already in a box).
    pub fn push_explicit_hyphen_break(&mut self) -> usize {
        self.push_break(Pt::ZERO, EX_HYPHEN_PENALTY, true)
    }

    /// Appends a zero-width break opportunity, e.g. after a slash in a URL.
    pub fn push_break_opportunity(&mut self) -> usize {
        self.push_break(Pt::ZERO, BREAK_OPPORTUNITY_PENALTY, false)
    }

    /// Appends a break with any width, cost and flag, encoded for the alignment, and returns
    /// the index of its penalty.
    pub fn push_break(&mut self, width: Pt, cost: f64, flagged: bool) -> usize {
        let Alignment::Ragged(r) = self.alignment else {
            self.items.push(penalty(width, cost, flagged));
            return self.items.len() - 1;
        };
        // A glue right after a box would itself be a (hyphenless) break.
        self.forbid_glue_break();
        self.items.extend([
            Item::Glue { width: Pt::ZERO, stretch: r, shrink: Pt::ZERO },
            penalty(width, cost, flagged),
            Item::Glue { width: Pt::ZERO, stretch: -r, shrink: Pt::ZERO },
        ]);
        self.items.len() - 2
    }

    /// Appends a forced line break inside the paragraph; the line before it is set at its
    /// natural width, as after LaTeX's `\\`. A break with nothing before it (an empty line)
    /// first gets an empty box, as TeX's `\mbox{}\\`: otherwise the line would start after
    /// its own fill glue and could not be set.
    pub fn push_forced_break(&mut self) {
        let ends_line = |i: &Item| matches!(i, Item::Penalty { cost, .. } if *cost <= -INFINITE_PENALTY);
        if self.items.last().is_none_or(ends_line) {
            self.push_box(Pt::ZERO);
        }
        self.items.extend(forced_break());
    }

    /// Ends the paragraph (see [`finish_paragraph`]) and returns the items.
    pub fn finish(mut self) -> Vec<Item> {
        finish_paragraph(&mut self.items);
        self.items
    }
}

/// Returns a penalty item.
fn penalty(width: Pt, cost: f64, flagged: bool) -> Item {
    Item::Penalty { width, cost, flagged }
}

/// Returns the items of a forced break that leaves the line at its natural width: a penalty
/// forbidding a break at the fill glue, the fill glue, and the forced break.
fn forced_break() -> [Item; 3] {
    [
        penalty(Pt::ZERO, INFINITE_PENALTY, false),
        Item::Glue { width: Pt::ZERO, stretch: FILL, shrink: Pt::ZERO },
        penalty(Pt::ZERO, -INFINITE_PENALTY, false),
    ]
}

#[cfg(test)]
mod tests {
    //! Besides hand-checked cases, two oracles: `paragraph-breaker` (an independent Knuth–Plass
    //! implementation) and an exhaustive dynamic program over every break sequence.
    //!
    //! `paragraph-breaker`'s conventions and how the comparison maps them:
    //! - its costs are fixed (line penalty 10, flagged demerits 30 000, fitness demerits
    //!   10 000); our parameters are set to match, and our final hyphen demerits are mapped
    //!   onto its flagged demerits by flagging its final penalty, as TeX treats the paragraph
    //!   end as a hyphenated break;
    //! - it bounds the ratio (`r ≤ threshold`) where we bound the floored badness
    //!   (`⌊100 r³⌋ ≤ tolerance`): thresholds ∛((t+1)/100) make the two agree;
    //! - it keeps demerits in `u32` and saturates a negative line cost at zero, so penalties
    //!   below -10 are not compared;
    //! - it merges line numbers beyond `widths.len() - 2`, which is exact only when at most the
    //!   first line differs, so longer shapes go to the exhaustive oracle instead;
    //! - ties between equal-demerit solutions may break differently, so differing breaks must
    //!   have equal total demerits.

    use super::*;
    use paragraph_breaker as oracle;

    /// Demerits added by `paragraph-breaker` for consecutive flagged breaks (a private constant
    /// there); we map both our double and final hyphen demerits onto it (see `to_oracle`).
    const ORACLE_FLAGGED_DEMERITS: f64 = 30000.0;
    /// `paragraph-breaker`'s fixed line penalty.
    const ORACLE_LINE_PENALTY: f64 = 10.0;
    /// `paragraph-breaker`'s fixed fitness demerits.
    const ORACLE_FITNESS_DEMERITS: f64 = 10000.0;

    /// A small deterministic generator (SplitMix64), so the random tests are reproducible
    /// without the `rand` crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Returns an integer in `lo..hi`.
        fn range(&mut self, lo: i32, hi: i32) -> i32 {
            lo + (self.next() % (hi - lo) as u64) as i32
        }

        /// Returns true with probability `1 / n`.
        fn one_in(&mut self, n: u64) -> bool {
            self.next().is_multiple_of(n)
        }
    }

    fn bx(width: f64) -> Item {
        Item::Box { width: Pt(width), stretch: Pt::ZERO, shrink: Pt::ZERO }
    }

    fn glue(width: f64, stretch: f64, shrink: f64) -> Item {
        Item::Glue { width: Pt(width), stretch: Pt(stretch), shrink: Pt(shrink) }
    }

    fn hyphen(width: f64) -> Item {
        penalty(Pt(width), HYPHEN_PENALTY, true)
    }

    #[test]
    fn prefix_sums_count_the_breakpoints_candidate_finds() {
        let lists: [Vec<Item>; 5] = [
            Vec::new(),
            vec![glue(1.0, 1.0, 0.0), bx(2.0), glue(1.0, 1.0, 0.0), glue(1.0, 0.0, 0.0), bx(1.0)],
            vec![
                bx(3.0),
                hyphen(0.5),
                bx(2.0),
                penalty(Pt::ZERO, INFINITE_PENALTY, false),
                glue(1.0, 1.0, 1.0),
                penalty(Pt::ZERO, 50.0, false),
                bx(1.0),
            ],
            vec![penalty(Pt::ZERO, -INFINITE_PENALTY, false), bx(1.0), penalty(Pt(0.3), 0.0, true)],
            {
                let mut items = vec![bx(4.0), glue(1.0, 1.0, 1.0), bx(2.0)];
                finish_paragraph(&mut items);
                items
            },
        ];
        for items in lists {
            let counted = (0..items.len()).filter(|&i| candidate(&items, i, true).is_some()).count();
            assert_eq!(prefix_sums(&items).breakpoints, counted, "{items:?}");
        }
    }

    fn indices(breaks: &[Break]) -> Vec<usize> {
        breaks.iter().map(|b| b.index).collect()
    }

    /// Parameters with only the second pass, so results are comparable across breakers.
    fn second_pass_only(tolerance: f64) -> Params {
        // No hyphen ladder limit: neither oracle knows it (its own test checks it).
        Params {
            tolerance,
            pretolerance: -1.0,
            emergency_stretch: Pt::ZERO,
            hyphen_ladder_limit: None,
            ..Params::default()
        }
    }

    /// Returns a measure from per-line widths, the last repeating (as `paragraph-breaker`).
    fn widths(ws: &[f64]) -> impl Fn(usize) -> Pt + '_ {
        move |line| Pt(ws[line.min(ws.len() - 1)])
    }

    /// The cost of one line, computed naively (loops over the items, no prefix sums) as an
    /// independent check: `(demerits, fitness)` or `None` when infeasible.
    fn line_cost(
        items: &[Item],
        start: usize,
        end: usize,
        target: f64,
        prev: (Fitness, bool),
        params: &Params,
        threshold: f64,
    ) -> Option<(f64, Fitness)> {
        let (mut natural, mut stretch, mut shrink) = (0.0, 0.0, 0.0);
        for item in &items[start.min(end)..end] {
            match *item {
                Item::Box { width, stretch: st, shrink: sh }
                | Item::Glue { width, stretch: st, shrink: sh } => {
                    natural += width.get();
                    stretch += st.get();
                    shrink += sh.get();
                }
                Item::Penalty { .. } => {}
            }
        }
        let (cost, flagged, forced) = match items.get(end) {
            Some(&Item::Penalty { width, cost, flagged }) => {
                natural += width.get();
                (cost, flagged, cost <= -INFINITE_PENALTY)
            }
            Some(_) => (0.0, false, false),
            None => (0.0, false, true),
        };
        let ratio = if natural < target {
            if stretch > 0.0 { (target - natural) / stretch } else { f64::INFINITY }
        } else if natural > target {
            if shrink > 0.0 { (target - natural) / shrink } else { f64::NEG_INFINITY }
        } else {
            0.0
        };
        if ratio < -1.0 {
            return None;
        }
        let bad = (100.0 * ratio.abs() * ratio * ratio).min(10000.0).floor();
        if bad > threshold {
            return None;
        }
        let fitness = Fitness::of(ratio);
        let mut d = (params.line_penalty + bad) * (params.line_penalty + bad);
        if !forced {
            d += if cost >= 0.0 { cost * cost } else { -cost * cost };
        }
        let last = end + 1 >= items.len() && forced;
        if prev.1 && last {
            d += params.final_hyphen_demerits;
        } else if prev.1 && flagged {
            d += params.double_hyphen_demerits;
        }
        if (fitness as i32 - prev.0 as i32).abs() > 1 {
            d += params.fitness_demerits;
        }
        Some((d, fitness))
    }

    /// Prints each line's cost, to explain a disagreement before the assertion reports it.
    fn debug_lines(
        items: &[Item],
        breaks: &[usize],
        measure: &dyn Fn(usize) -> Pt,
        params: &Params,
        threshold: f64,
    ) {
        let mut start = line_start(items, 0);
        let mut prev = (Fitness::Decent, false);
        for (line, &end) in breaks.iter().enumerate() {
            let r = line_cost(items, start, end, measure(line).get(), prev, params, threshold);
            eprintln!("line {line} {start}..{end}: {r:?}");
            let Some((_, fitness)) = r else { break };
            let flagged = matches!(items.get(end), Some(Item::Penalty { flagged: true, .. }));
            prev = (fitness, flagged);
            start = line_start(items, end + 1);
        }
        eprintln!("---");
    }

    /// Returns the total demerits of a break sequence, or `None` if a line is infeasible.
    fn evaluate(
        items: &[Item],
        breaks: &[usize],
        measure: &dyn Fn(usize) -> Pt,
        params: &Params,
        threshold: f64,
    ) -> Option<f64> {
        let mut start = line_start(items, 0);
        let mut prev = (Fitness::Decent, false);
        let mut total = 0.0;
        for (line, &end) in breaks.iter().enumerate() {
            let (d, fitness) = line_cost(items, start, end, measure(line).get(), prev, params, threshold)?;
            total += d;
            let flagged = matches!(items.get(end), Some(Item::Penalty { flagged: true, .. }));
            prev = (fitness, flagged);
            start = line_start(items, end + 1);
        }
        Some(total)
    }

    /// Returns the least total demerits over all break sequences, by a plain dynamic program
    /// over (breakpoint, line count, fitness) without any pruning: a second oracle, which
    /// also handles any measure.
    fn exhaustive(
        items: &[Item],
        measure: &dyn Fn(usize) -> Pt,
        params: &Params,
        threshold: f64,
    ) -> Option<f64> {
        let mut points: Vec<Candidate> = (0..items.len()).filter_map(|i| candidate(items, i, true)).collect();
        points.extend(implicit_end(items));
        let n = points.len();
        let classes = [Fitness::Tight, Fitness::Decent, Fitness::Loose, Fitness::VeryLoose];
        // best[k][lines][fitness]: least demerits of a beginning that ends at points[k].
        let mut best = vec![vec![[f64::INFINITY; 4]; n + 1]; n];
        for k in 0..n {
            // (start of the line, lines before it, previous fitness and hyphen, demerits)
            let mut origins = Vec::new();
            if !points[..k].iter().any(|c| c.forced) {
                origins.push((line_start(items, 0), 0, Fitness::Decent, false, 0.0));
            }
            for j in 0..k {
                if points[j + 1..k].iter().any(|c| c.forced) {
                    continue;
                }
                let start = line_start(items, points[j].index + 1);
                for (lines, by_fitness) in best[j].iter().enumerate() {
                    for f in classes {
                        let d = by_fitness[f as usize];
                        if d.is_finite() {
                            origins.push((start, lines, f, points[j].flagged, d));
                        }
                    }
                }
            }
            for (start, lines, f, flagged, d) in origins {
                if start > points[k].index {
                    continue;
                }
                let target = measure(lines).get();
                let prev = (f, flagged);
                if let Some((cost, fit)) =
                    line_cost(items, start, points[k].index, target, prev, params, threshold)
                {
                    let slot = &mut best[k][lines + 1][fit as usize];
                    *slot = slot.min(d + cost);
                }
            }
        }
        let least = best.last()?.iter().flatten().copied().fold(f64::INFINITY, f64::min);
        least.is_finite().then_some(least)
    }

    /// Interword glue of the random paragraphs (integer units, like Knuth's machine units).
    const SPACE: (f64, f64, f64) = (12.0, 6.0, 4.0);
    /// Ragged stretch of the random paragraphs.
    const RAGGED: f64 = 36.0;

    /// Lowest cost of the random penalties compared with the oracle: it keeps demerits in
    /// `u32` and saturates a line's `(10 + b)² - p²` at zero, where TeX (and we) let a strongly
    /// negative penalty make demerits negative. With |p| ≤ the line penalty both agree.
    const ORACLE_MIN_COST: i32 = -10;
    /// Lowest cost of the random penalties elsewhere.
    const MIN_COST: i32 = -300;

    /// Builds a random paragraph with integer widths: words of one to four syllables with
    /// hyphen points, spaces, occasional penalties costing from `min_cost` to 300, and
    /// forced breaks.
    fn random_paragraph(rng: &mut Rng, words: i32, ragged: bool, min_cost: i32) -> Vec<Item> {
        random_paragraph_with(rng, words, ragged, min_cost, false)
    }

    /// Box stretch and shrink per width in [`random_paragraph_with`]'s microtypography: a
    /// sixteenth, so that with integer widths every sum is exact in binary and the two oracles
    /// compare demerits exactly.
    const TEST_EXPANSION: f64 = 1.0 / 16.0;

    /// Builds a random paragraph as [`random_paragraph`] does; with `micro`, boxes carry font
    /// expansion and one space in four follows a protruding character (a break penalty of
    /// width -1 to -3 before the glue).
    fn random_paragraph_with(
        rng: &mut Rng,
        words: i32,
        ragged: bool,
        min_cost: i32,
        micro: bool,
    ) -> Vec<Item> {
        let alignment = if ragged { Alignment::Ragged(Pt(RAGGED)) } else { Alignment::Justified };
        let expansion = if micro { TEST_EXPANSION } else { 0.0 };
        let mut b = ItemsBuilder::new(alignment).with_expansion(expansion);
        for w in 0..words {
            if w > 0 {
                if rng.one_in(40) {
                    b.push_forced_break();
                } else if rng.one_in(25) {
                    b.push_break(Pt::ZERO, f64::from(rng.range(min_cost, 300)), false);
                    b.push_nonbreaking_space(Pt(SPACE.0), Pt(SPACE.1), Pt(SPACE.2));
                } else {
                    let extra = if rng.one_in(8) { 3.0 } else { 0.0 };
                    let hang = if micro && rng.one_in(4) { f64::from(rng.range(1, 4)) } else { 0.0 };
                    b.push_space_after_protrusion(
                        Pt(SPACE.0 + extra),
                        Pt(SPACE.1 + extra),
                        Pt(SPACE.2),
                        Pt(hang),
                    );
                }
            }
            for syllable in 0..rng.range(1, 5) {
                if syllable > 0 {
                    b.push_hyphen_point(Pt(6.0));
                }
                b.push_box(Pt(f64::from(rng.range(8, 45))));
            }
        }
        b.finish()
    }

    /// Converts our items to the oracle's. Its final penalty is flagged, which is how it
    /// charges its flagged demerits for a hyphen before the last line (our final hyphen
    /// demerits), exactly as TeX treats the paragraph end as a hyphenated break.
    fn to_oracle(items: &[Item]) -> Vec<oracle::Item<()>> {
        let int = |p: Pt| p.get() as i32;
        let last = items.len() - 1;
        let convert = |(i, item): (usize, &Item)| match *item {
            Item::Box { width, .. } => oracle::Item::Box { width: int(width), data: () },
            Item::Glue { width, stretch, shrink } => {
                oracle::Item::Glue { width: int(width), stretch: int(stretch), shrink: int(shrink) }
            }
            Item::Penalty { width, cost, flagged } => oracle::Item::Penalty {
                width: int(width),
                penalty: cost as i32,
                flagged: flagged || i == last,
            },
        };
        items.iter().enumerate().map(convert).collect()
    }

    /// Our parameters matching the oracle's fixed costs. The oracle accepts ratios up to a
    /// threshold while we accept floored badness up to a tolerance: ratio ≤ ∛((t+1)/100) is
    /// floor(100 r³) ≤ t except at that exact ratio, which is irrational for these `t`.
    fn oracle_params(tolerance: f64, looseness: i32) -> Params {
        Params {
            line_penalty: ORACLE_LINE_PENALTY,
            double_hyphen_demerits: ORACLE_FLAGGED_DEMERITS,
            final_hyphen_demerits: ORACLE_FLAGGED_DEMERITS,
            fitness_demerits: ORACLE_FITNESS_DEMERITS,
            looseness,
            ..second_pass_only(tolerance)
        }
    }

    /// Tolerances with the oracle thresholds ∛((t+1)/100) (∛2, ∛3, ∛10).
    const TOLERANCES: [(f64, f32); 3] = [(199.0, 1.259_921), (299.0, 1.442_249_6), (999.0, 2.154_434_7)];

    /// How a comparison with the oracle came out.
    #[derive(Debug, Default)]
    struct Tally {
        same: usize,
        tie: usize,
        both_infeasible: usize,
    }

    /// Compares one paragraph with the oracle; panics on a real disagreement.
    fn compare(items: &[Item], lengths: &[f64], tolerance: (f64, f32), looseness: i32, tally: &mut Tally) {
        let params = oracle_params(tolerance.0, looseness);
        let measure = widths(lengths);
        let ours = break_lines(items, &measure, &params);
        let ints: Vec<i32> = lengths.iter().map(|&w| w as i32).collect();
        let theirs = oracle::total_fit(&to_oracle(items), &ints, tolerance.1, looseness);
        let theirs: Vec<usize> = theirs.iter().map(|b| b.index).collect();
        if theirs.is_empty() {
            assert_eq!(ours.pass, Pass::Fallback, "oracle found nothing: {lengths:?}");
            tally.both_infeasible += 1;
            return;
        }
        assert_eq!(ours.pass, Pass::Second, "{lengths:?}");
        let ours = indices(&ours.breaks);
        if ours == theirs {
            tally.same += 1;
            return;
        }
        let d_ours = evaluate(items, &ours, &measure, &params, tolerance.0);
        let d_theirs = evaluate(items, &theirs, &measure, &params, tolerance.0);
        if d_ours != d_theirs {
            debug_lines(items, &ours, &measure, &params, tolerance.0);
            debug_lines(items, &theirs, &measure, &params, tolerance.0);
        }
        assert_eq!(d_ours, d_theirs, "{ours:?} vs {theirs:?} for {lengths:?}");
        if looseness != 0 {
            assert_eq!(ours.len(), theirs.len());
        }
        tally.tie += 1;
    }

    #[test]
    fn total_fit_beats_first_fit_on_a_hand_checked_paragraph() {
        // Measure 100; every space is 10 wide, stretches 10 and shrinks 10.
        //   A=40 B=40 | C=10 D=30 E=40 | F=40
        // Greedy puts A B C on line 1 (40+10+40+10+10 = 110, r = -10/20 = -0.5, badness 12),
        // leaving D E (80, r = 20/10 = 2, badness 800 > 200) or D E F (130 - 20 shrink = 110
        // > 100): no feasible second line. Total fit instead ends
        // line 1 after B (90, r = 1, badness 100, loose: (10 + 100)² = 12100), line 2 after E
        // (10+10+30+10+40 = 100, r = 0, decent: 10² = 100) and puts F on the last line
        // (r ≈ 0: 100). Classes loose → decent → decent never jump two, so 12300 in all, and
        // badness 100 ≤ pretolerance: the first pass succeeds.
        let s = || glue(10.0, 10.0, 10.0);
        let mut items =
            vec![bx(40.0), s(), bx(40.0), s(), bx(10.0), s(), bx(30.0), s(), bx(40.0), s(), bx(40.0)];
        finish_paragraph(&mut items);
        let measure = |_| Pt(100.0);
        let out = break_lines(&items, &measure, &Params::default());
        assert_eq!(indices(&out.breaks), vec![3, 9, 13]);
        assert_eq!(out.pass, Pass::First);
        assert!((out.breaks[0].ratio - 1.0).abs() < 1e-9);
        assert_eq!(out.breaks[1].ratio, 0.0);
        assert!(out.breaks[2].ratio.abs() < 1e-3, "the last line is not stretched");
        let params = Params::default();
        assert_eq!(evaluate(&items, &[3, 9, 13], &measure, &params, 100.0), Some(12300.0));
        // The greedy fallback would have chosen differently.
        let greedy = first_fit(&items, &prefix_sums(&items).sums, &measure);
        assert_eq!(indices(&greedy.breaks), vec![5, 9, 13]);
    }

    #[test]
    fn agrees_with_paragraph_breaker_on_random_paragraphs() {
        let mut rng = Rng(0x5EED);
        let mut tally = Tally::default();
        for case in 0..3000 {
            let ragged = case % 2 == 1;
            let words = rng.range(3, 90);
            let items = random_paragraph(&mut rng, words, ragged, ORACLE_MIN_COST);
            let first = f64::from(rng.range(220, 520));
            // One width, or a shorter first line (see the module notes).
            let lengths = if rng.one_in(3) { vec![first - 30.0, first] } else { vec![first] };
            let tolerance = TOLERANCES[case % TOLERANCES.len()];
            compare(&items, &lengths, tolerance, 0, &mut tally);
        }
        eprintln!("oracle comparison: {tally:?}");
        assert_eq!(tally.same + tally.tie + tally.both_infeasible, 3000);
        assert!(tally.same > 2000, "{tally:?}");
        assert!(tally.both_infeasible < 1000, "{tally:?}");
    }

    #[test]
    fn looseness_agrees_with_paragraph_breaker() {
        let mut rng = Rng(0xC0FFEE);
        let mut tally = Tally::default();
        for case in 0..600 {
            let words = rng.range(20, 90);
            let items = random_paragraph(&mut rng, words, case % 2 == 1, ORACLE_MIN_COST);
            let lengths = [f64::from(rng.range(200, 500))];
            let looseness = if case % 4 < 2 { 1 } else { -1 };
            compare(&items, &lengths, TOLERANCES[2], looseness, &mut tally);
        }
        eprintln!("looseness comparison: {tally:?}");
        assert!(tally.same > 300, "{tally:?}");
    }

    #[test]
    fn looseness_changes_the_line_count_when_it_can() {
        // Sixty words without hyphens or forced breaks, loose enough to gain or lose a line.
        let mut rng = Rng(7);
        let mut b = ItemsBuilder::new(Alignment::Justified);
        for i in 0..60 {
            if i > 0 {
                b.push_space(Pt(SPACE.0), Pt(SPACE.1), Pt(SPACE.2));
            }
            b.push_box(Pt(f64::from(rng.range(15, 45))));
        }
        let items = b.finish();
        let (mut looser, mut tighter) = (0, 0);
        for width in (240..400).step_by(10) {
            let measure = |_| Pt(f64::from(width));
            let lines =
                |looseness| break_lines(&items, &measure, &oracle_params(999.0, looseness)).breaks.len();
            let base = lines(0);
            // One line more or less when feasible, otherwise the optimum.
            let (more, fewer) = (lines(1), lines(-1));
            assert!(more == base + 1 || more == base, "{width}: {base} {more}");
            assert!(fewer + 1 == base || fewer == base, "{width}: {base} {fewer}");
            looser += usize::from(more > base);
            tighter += usize::from(fewer < base);
        }
        assert!(looser > 0 && tighter > 0, "{looser} {tighter}");
    }

    #[test]
    fn matches_an_exhaustive_search_with_varying_measures() {
        let mut rng = Rng(0xFACE);
        let mut checked = 0;
        for case in 0..300 {
            let words = rng.range(3, 28);
            let items = random_paragraph(&mut rng, words, case % 2 == 1, MIN_COST);
            let lengths: Vec<f64> = (0..4).map(|_| f64::from(rng.range(120, 320))).collect();
            let measure = widths(&lengths);
            let params = Params { double_hyphen_demerits: 3000.0, ..second_pass_only(999.0) };
            let out = break_lines(&items, &measure, &params);
            let least = exhaustive(&items, &measure, &params, params.tolerance);
            match least {
                None => assert_eq!(out.pass, Pass::Fallback),
                Some(least) => {
                    let ours = evaluate(&items, &indices(&out.breaks), &measure, &params, params.tolerance);
                    assert_eq!(ours, Some(least), "case {case}: {lengths:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
    }

    /// The same search with font expansion (boxes that stretch and shrink) and character
    /// protrusion (negative-width penalties before spaces): the encoding the justified layouts
    /// ship is optimal under the same costs.
    #[test]
    fn matches_an_exhaustive_search_with_expansion_and_protrusion() {
        let mut rng = Rng(0xBEEF);
        let (mut checked, mut hung) = (0, 0);
        for case in 0..300 {
            let words = rng.range(3, 28);
            let items = random_paragraph_with(&mut rng, words, false, MIN_COST, true);
            assert!(items.iter().any(|i| matches!(i, Item::Box { stretch, .. } if stretch.get() > 0.0)));
            let lengths: Vec<f64> = (0..4).map(|_| f64::from(rng.range(120, 320))).collect();
            let measure = widths(&lengths);
            let params = Params { double_hyphen_demerits: 3000.0, ..second_pass_only(999.0) };
            let out = break_lines(&items, &measure, &params);
            let least = exhaustive(&items, &measure, &params, params.tolerance);
            let negative = |b: &Break| matches!(items.get(b.index), Some(Item::Penalty { width, .. }) if width.get() < 0.0);
            hung += out.breaks.iter().filter(|b| negative(b)).count();
            match least {
                None => assert_eq!(out.pass, Pass::Fallback),
                Some(least) => {
                    let ours = evaluate(&items, &indices(&out.breaks), &measure, &params, params.tolerance);
                    assert_eq!(ours, Some(least), "case {case}: {lengths:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 150, "{checked}");
        assert!(hung > 20, "lines end at protruding characters: {hung}");
    }

    #[test]
    fn each_line_takes_its_own_measure() {
        // Twelve words of 40 with spaces of 10 (+5, -3) in lines of 90, 140, then 250: two
        // words fill line 1 exactly, three line 2, five set line 3 at r = 10/20 (four would
        // need r = 4, six are 25 too wide even shrunk), and two are left.
        let mut b = ItemsBuilder::new(Alignment::Justified);
        for i in 0..12 {
            if i > 0 {
                b.push_space(Pt(10.0), Pt(5.0), Pt(3.0));
            }
            b.push_box(Pt(40.0));
        }
        let items = b.finish();
        let lengths = [90.0, 140.0, 250.0];
        let out = break_lines(&items, &widths(&lengths), &Params::default());
        let words: Vec<usize> = line_ranges(&items, &out.breaks)
            .iter()
            .map(|r| items[r.clone()].iter().filter(|i| matches!(i, Item::Box { .. })).count())
            .collect();
        assert_eq!(words, vec![2, 3, 5, 2]);
    }

    #[test]
    fn forced_breaks_end_lines_without_stretching_them() {
        let mut b = ItemsBuilder::new(Alignment::Justified);
        b.push_box(Pt(30.0));
        b.push_space(Pt(10.0), Pt(5.0), Pt(3.0));
        b.push_box(Pt(30.0));
        b.push_forced_break();
        let after = b.len();
        b.push_box(Pt(50.0));
        let items = b.finish();
        let out = break_lines(&items, &|_| Pt(200.0), &Params::default());
        assert_eq!(indices(&out.breaks), vec![after - 1, items.len() - 1]);
        assert!(out.breaks.iter().all(|b| b.ratio.abs() < 1e-3));
        assert_eq!(out.pass, Pass::First);
        // The fill glue belongs to the line it fills.
        assert_eq!(line_ranges(&items, &out.breaks), vec![0..after - 1, after..items.len() - 1]);
    }

    #[test]
    fn consecutive_forced_breaks_give_an_empty_line() {
        let mut b = ItemsBuilder::new(Alignment::Justified);
        b.push_box(Pt(30.0));
        b.push_forced_break();
        b.push_forced_break();
        b.push_box(Pt(30.0));
        let items = b.finish();
        let out = break_lines(&items, &|_| Pt(100.0), &Params::default());
        assert_eq!(out.breaks.len(), 3);
        assert_eq!(out.pass, Pass::First);
    }

    #[test]
    fn a_box_wider_than_the_line_is_the_only_overfull_line() {
        let mut b = ItemsBuilder::new(Alignment::Justified);
        let mut wide = 0;
        for i in 0..20 {
            if i > 0 {
                b.push_space(Pt(10.0), Pt(5.0), Pt(3.0));
            }
            let width = if i == 9 { 260.0 } else { 35.0 };
            let index = b.push_box(Pt(width));
            if i == 9 {
                wide = index;
            }
        }
        let items = b.finish();
        let out = break_lines(&items, &|_| Pt(200.0), &Params::default());
        assert_eq!(out.pass, Pass::Fallback);
        assert_eq!(out.overfull.len(), 1);
        let ranges = line_ranges(&items, &out.breaks);
        assert_eq!(ranges[out.overfull[0]], wide..wide + 1);
        assert_no_line_overfull(&items, &out, &|_| Pt(200.0));
    }

    #[test]
    fn consecutive_hyphens_cost_demerits() {
        // Measure 100, spaces 10 ± 10, hyphens 5 wide costing 50 (2500 demerits):
        //   B=45 X1=40 - X2=40 Y1=45 - Y2=15 Z=30
        // Line 1 must end in "X1-" (45+10+40+5 = 100, r = 0): 10² + 2500 = 2600.
        // Line 2 may end in "Y1-" (40+10+45+5 = 100, r = 0): 2600 + double hyphen demerits,
        // or after Y2 (40+10+45+10+15 = 120, r = -1, tight): 110² = 12100.
        // The last line costs 100 either way (no final hyphen demerits here). So the hyphen
        // wins at 5300 without double hyphen demerits and loses at 15300 against 14800 with
        // TeX's 10 000.
        let s = || glue(10.0, 10.0, 10.0);
        let mut items = vec![
            bx(45.0),
            s(),
            bx(40.0),
            hyphen(5.0),
            bx(40.0),
            s(),
            bx(45.0),
            hyphen(5.0),
            bx(15.0),
            s(),
            bx(30.0),
        ];
        finish_paragraph(&mut items);
        let measure = |_| Pt(100.0);
        let params = |double| Params {
            double_hyphen_demerits: double,
            final_hyphen_demerits: 0.0,
            ..Params::default()
        };
        let without = break_lines(&items, &measure, &params(0.0));
        let with = break_lines(&items, &measure, &params(10000.0));
        assert_eq!(indices(&without.breaks), vec![3, 7, 13]);
        assert_eq!(indices(&with.breaks), vec![3, 9, 13]);
        assert!(with.breaks[0].hyphenated && !with.breaks[1].hyphenated);
        assert_eq!(with.pass, Pass::Second, "the first pass does not hyphenate");
        assert_eq!(evaluate(&items, &[3, 7, 13], &measure, &params(10000.0), 200.0), Some(15300.0));
        assert_eq!(evaluate(&items, &[3, 9, 13], &measure, &params(10000.0), 200.0), Some(14800.0));
    }

    #[test]
    fn final_hyphen_demerits_apply_before_the_last_line() {
        // Same paragraph as above: with the final hyphen demerits alone the hyphenated second
        // line (5300 + 5000) still beats the tight one (14800), and at 20 000 it does not.
        let s = || glue(10.0, 10.0, 10.0);
        let mut items = vec![
            bx(45.0),
            s(),
            bx(40.0),
            hyphen(5.0),
            bx(40.0),
            s(),
            bx(45.0),
            hyphen(5.0),
            bx(15.0),
            s(),
            bx(30.0),
        ];
        finish_paragraph(&mut items);
        let params =
            |last| Params { double_hyphen_demerits: 0.0, final_hyphen_demerits: last, ..Params::default() };
        let measure = |_| Pt(100.0);
        assert_eq!(indices(&break_lines(&items, &measure, &params(5000.0)).breaks), vec![3, 7, 13]);
        assert_eq!(indices(&break_lines(&items, &measure, &params(20000.0)).breaks), vec![3, 9, 13]);
    }

    /// Returns the longest run of consecutive hyphenated lines.
    fn longest_ladder(breaks: &[Break]) -> usize {
        breaks.split(|b| !b.hyphenated).map(<[Break]>::len).max().unwrap_or(0)
    }

    /// Rule 4 of issue 12: at most two hyphenated lines in a row, even when a ladder would be
    /// cheaper and the double-hyphen demerits are off; without the limit the ladder is taken.
    #[test]
    fn a_third_hyphen_in_a_row_is_taken_only_when_nothing_else_fits() {
        // Six lines of one full-measure box each; every line may end at a free hyphen or, at
        // the same place, at a plain break that costs 30 (900 demerits).
        let para = |plain: bool| {
            let mut items = Vec::new();
            for _ in 0..5 {
                items.extend([bx(100.0), penalty(Pt::ZERO, 0.0, true)]);
                if plain {
                    items.push(penalty(Pt::ZERO, 30.0, false));
                }
            }
            items.push(bx(50.0));
            finish_paragraph(&mut items);
            items
        };
        let measure = |_| Pt(100.0);
        let free = Params { double_hyphen_demerits: 0.0, ..second_pass_only(200.0) };
        // All but the penultimate line (kept plain by the final-hyphen demerits) hyphenated.
        assert_eq!(longest_ladder(&break_lines(&para(true), &measure, &free).breaks), 4);
        let limited = Params { hyphen_ladder_limit: Some(2), ..free.clone() };
        let out = break_lines(&para(true), &measure, &limited);
        assert_eq!(longest_ladder(&out.breaks), 2, "{:?}", out.breaks);
        // With no other way to break, the ladder is still set.
        let out = break_lines(&para(false), &measure, &limited);
        assert_eq!(longest_ladder(&out.breaks), 5);
        assert_ne!(out.pass, Pass::Fallback);
    }

    /// Rule 3 of issue 12: when the only feasible second-pass breaks leave the last line to a
    /// word's tail, the emergency pass is tried and its breaks without the tail win.
    #[test]
    fn a_hyphen_tail_as_last_line_sends_the_paragraph_to_the_emergency_pass() {
        let s = || glue(10.0, 5.0, 3.0);
        // "aaa bbb cc-dd": the hyphen fills line one exactly; without it line one lacks 30 pt
        // with 10 pt of stretch, too loose for the tolerance but fine with emergency stretch.
        let mut items = vec![bx(30.0), s(), bx(30.0), s(), bx(15.0), hyphen(5.0), bx(20.0)];
        finish_paragraph(&mut items);
        let out = break_lines(&items, &|_| Pt(100.0), &Params::default());
        assert_eq!(indices(&out.breaks), vec![3, items.len() - 1]);
        assert!(!out.breaks[0].hyphenated);
        assert_eq!(out.pass, Pass::Emergency);
        // Without emergency stretch the tail is the only way and is kept.
        let stiff = Params { emergency_stretch: Pt::ZERO, ..Params::default() };
        let out = break_lines(&items, &|_| Pt(100.0), &stiff);
        assert!(out.breaks[0].hyphenated);
    }

    /// The other side of rule 3: a hyphen before a last line of several words stays when the
    /// only way around it is a line looser than [`MAX_RESCUE_RATIO`].
    #[test]
    fn a_hyphen_before_a_last_line_of_several_words_beats_a_loose_line() {
        let s = || glue(10.0, 5.0, 3.0);
        let mut items = vec![bx(30.0), s(), bx(30.0), s(), bx(15.0), hyphen(5.0), bx(20.0), s(), bx(20.0)];
        finish_paragraph(&mut items);
        let out = break_lines(&items, &|_| Pt(100.0), &Params::default());
        assert!(out.breaks[0].hyphenated, "{out:?}");
        assert_eq!(out.pass, Pass::Second);
    }

    #[test]
    fn emergency_stretch_rescues_stiff_lines() {
        // Spaces stretch only 2: "A B" (90 of 100) needs r = 5. Only the emergency pass, with
        // 20 more stretch per line (r = 10/22, badness 9), finds it; the line is then set with
        // its real glue at r = 5.
        let mut b = ItemsBuilder::new(Alignment::Justified);
        for i in 0..4 {
            if i > 0 {
                b.push_space(Pt(10.0), Pt(2.0), Pt(2.0));
            }
            b.push_box(Pt(40.0));
        }
        let items = b.finish();
        let params = Params { emergency_stretch: Pt(20.0), ..Params::default() };
        let out = break_lines(&items, &|_| Pt(100.0), &params);
        assert_eq!(out.pass, Pass::Emergency);
        assert_eq!(indices(&out.breaks), vec![3, items.len() - 1]);
        assert!((out.breaks[0].ratio - 5.0).abs() < 1e-9);
        let without = Params { emergency_stretch: Pt::ZERO, ..params };
        assert_eq!(break_lines(&items, &|_| Pt(100.0), &without).pass, Pass::Fallback);
    }

    #[test]
    fn ragged_right_never_stretches_interword_spaces() {
        let mut rng = Rng(99);
        for _ in 0..200 {
            let words = rng.range(5, 60);
            let items = random_paragraph(&mut rng, words, true, MIN_COST);
            let measure = |_| Pt(260.0);
            let out = break_lines(&items, &measure, &Params::default());
            for (range, b) in line_ranges(&items, &out.breaks).iter().zip(&out.breaks) {
                // Between two boxes of a line, the set glue equals its natural width.
                let mut gap: Option<(f64, f64)> = None;
                for item in &items[range.clone()] {
                    match *item {
                        Item::Box { .. } => {
                            if let Some((set, natural)) = gap {
                                assert!((set - natural).abs() < 1e-9, "{set} vs {natural}");
                            }
                            gap = Some((0.0, 0.0));
                        }
                        Item::Glue { width, stretch, shrink } => {
                            if let Some((set, natural)) = gap.as_mut() {
                                let flex = if b.ratio >= 0.0 { stretch } else { shrink };
                                *set += width.get() + b.ratio * flex.get();
                                *natural += width.get();
                            }
                        }
                        Item::Penalty { .. } => {}
                    }
                }
                assert!(b.ratio >= 0.0, "ragged lines never shrink");
            }
        }
    }

    #[test]
    fn ragged_right_prefers_even_lines() {
        // Six words of 40 with spaces of 10 in a measure of 100: "2 + 2 + 2" leaves 10 at
        // each line end, "2 + 1..." would leave 60. Justified glue would allow other choices;
        // ragged glue compares only the unused space.
        let mut b = ItemsBuilder::new(Alignment::Ragged(Pt(30.0)));
        for i in 0..6 {
            if i > 0 {
                b.push_space(Pt(10.0), Pt(5.0), Pt(3.0));
            }
            b.push_box(Pt(40.0));
        }
        let items = b.finish();
        let out = break_lines(&items, &|_| Pt(100.0), &Params::default());
        assert_eq!(out.breaks.len(), 3);
        assert!((out.breaks[0].ratio - 10.0 / 30.0).abs() < 1e-9);
        assert_eq!(out.pass, Pass::First);
    }

    /// Asserts that every line fits its measure when shrunk fully, except reported overfull
    /// lines, which must hold no legal breakpoint.
    fn assert_no_line_overfull(items: &[Item], out: &Outcome, measure: &dyn Fn(usize) -> Pt) {
        let sums = prefix_sums(items).sums;
        for (line, (range, b)) in line_ranges(items, &out.breaks).iter().zip(&out.breaks).enumerate() {
            assert!(b.ratio >= -1.0);
            let span = LineSpan { start: range.start, end: b.index, line };
            if out.overfull.contains(&line) {
                let inner: Vec<usize> =
                    (range.start + 1..b.index).filter(|&i| candidate(items, i, true).is_some()).collect();
                assert_eq!(
                    inner.len(),
                    0,
                    "overfull line {line} could have broken: {range:?} {inner:?} {:?} {:?}",
                    &items[range.start..b.index + 1],
                    out.breaks
                );
            } else {
                assert!(span.fits(items, &sums, measure), "line {line} of {:?}", out.breaks);
            }
        }
    }

    #[test]
    fn no_line_exceeds_its_measure() {
        let mut rng = Rng(0xB0B);
        for case in 0..1500 {
            let words = rng.range(1, 80);
            let mut items = random_paragraph(&mut rng, words, case % 2 == 0, MIN_COST);
            if rng.one_in(4) {
                // An unbreakable run (a URL, say) somewhere in the middle.
                let at = line_start(&items, items.len() / 2);
                items.insert(at, bx(f64::from(rng.range(100, 400))));
            }
            let lengths: Vec<f64> = (0..3).map(|_| f64::from(rng.range(60, 320))).collect();
            let measure = widths(&lengths);
            let params = Params { emergency_stretch: Pt(f64::from(rng.range(0, 40))), ..Params::default() };
            let out = break_lines(&items, &measure, &params);
            assert_no_line_overfull(&items, &out, &measure);
            assert!(out.breaks.windows(2).all(|w| w[0].index < w[1].index));
            assert_eq!(out.breaks.last().map(|b| b.index), Some(items.len() - 1));
            if out.pass != Pass::Fallback {
                assert!(out.overfull.is_empty());
            }
        }
    }

    #[test]
    fn the_first_pass_skips_inserted_hyphens_but_not_explicit_ones() {
        let items = vec![bx(10.0), hyphen(5.0), bx(10.0), penalty(Pt::ZERO, EX_HYPHEN_PENALTY, true)];
        assert!(candidate(&items, 1, false).is_none());
        assert!(candidate(&items, 1, true).is_some());
        assert!(candidate(&items, 3, false).is_some());
    }

    #[test]
    fn infinite_penalties_forbid_and_glue_after_a_penalty_is_no_break() {
        let items = vec![
            bx(10.0),
            penalty(Pt::ZERO, INFINITE_PENALTY, false),
            glue(5.0, 1.0, 1.0),
            bx(10.0),
            glue(5.0, 1.0, 1.0),
        ];
        assert!(candidate(&items, 1, true).is_none());
        assert!(candidate(&items, 2, true).is_none());
        assert!(candidate(&items, 4, true).is_some());
    }

    #[test]
    fn finishing_drops_trailing_space_and_keeps_an_existing_end() {
        let mut items = vec![bx(10.0), glue(5.0, 1.0, 1.0)];
        finish_paragraph(&mut items);
        assert_eq!(items.len(), 4);
        assert!(matches!(items[1], Item::Penalty { cost, .. } if cost == INFINITE_PENALTY));
        assert!(matches!(items[2], Item::Glue { stretch, .. } if stretch == FILL));
        let before = items.clone();
        finish_paragraph(&mut items);
        assert_eq!(items, before);
        let mut empty = Vec::new();
        finish_paragraph(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn empty_and_unfinished_paragraphs() {
        assert!(break_lines(&[], &|_| Pt(100.0), &Params::default()).breaks.is_empty());
        // Without a final forced break the end acts as one, and the line is justified.
        let items = vec![bx(40.0), glue(10.0, 10.0, 5.0), bx(40.0)];
        let out = break_lines(&items, &|_| Pt(95.0), &Params::default());
        assert_eq!(indices(&out.breaks), vec![3]);
        assert!((out.breaks[0].ratio - 0.5).abs() < 1e-9);
    }

    #[test]
    fn builder_encodings() {
        let mut j = ItemsBuilder::new(Alignment::Justified);
        j.push_box(Pt(10.0));
        j.push_hyphen_point(Pt(4.0));
        j.push_box(Pt(10.0));
        j.push_break_opportunity();
        assert_eq!(j.items()[1], penalty(Pt(4.0), HYPHEN_PENALTY, true));
        assert_eq!(j.items()[3], penalty(Pt::ZERO, BREAK_OPPORTUNITY_PENALTY, false));
        let r = ragged_stretch(Pt(10.0));
        assert_eq!(r, Pt(30.0));
        let mut g = ItemsBuilder::new(Alignment::Ragged(r));
        g.push_box(Pt(10.0));
        g.push_hyphen_point(Pt(4.0));
        // Nothing but the penalty is a legal break inside the word.
        let legal: Vec<usize> = (0..g.len()).filter(|&i| candidate(g.items(), i, true).is_some()).collect();
        assert_eq!(legal, vec![3]);
        g.push_box(Pt(10.0));
        let space = g.push_space(Pt(5.0), Pt(9.0), Pt(9.0));
        assert_eq!(g.items()[space], Item::Glue { width: Pt(5.0), stretch: -r, shrink: Pt::ZERO });
        // The space's penalty is its only legal break: the end-stretch glue after the word is
        // not one (a line ending there would have no stretch).
        let legal: Vec<usize> = (0..g.len()).filter(|&i| candidate(g.items(), i, true).is_some()).collect();
        assert_eq!(legal, vec![3, space - 1]);
        assert_eq!(g.items()[3], penalty(Pt(4.0), RAGGED_HYPHEN_PENALTY, true));
        let net: f64 = g
            .items()
            .iter()
            .map(|i| if let Item::Glue { stretch, .. } = i { stretch.get() } else { 0.0 })
            .sum();
        assert_eq!(net, 0.0, "unbroken ragged glue cancels");
    }

    #[test]
    fn a_long_paragraph_breaks_quickly_and_deterministically() {
        let mut rng = Rng(5000);
        let items = random_paragraph(&mut rng, 5000, false, MIN_COST);
        let measure = |_| Pt(400.0);
        let a = break_lines(&items, &measure, &Params::default());
        let b = break_lines(&items, &measure, &Params::default());
        assert_eq!(a, b);
        assert!(a.breaks.len() > 300);
    }
}
