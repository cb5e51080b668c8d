//! Runs and readings → the hazards that make an ATS misread a PDF even when the text is
//! there: text only in the footer, letters drawn by an icon font, columns whose lines
//! interleave, tiny text, glyphs without Unicode, and hyphenation inside fields.

use super::extract::{Extraction, Run, is_private_use};
use super::reading::Line;

/// Text smaller than this (in points) is dropped or garbled by some extractors and invisible
/// to a reader; 6 pt is the smallest size typographic guides accept for fine print.
pub const TINY_TEXT: f64 = 6.0;

/// The bottom of each page this tall (a fraction of its height) is the footer zone: every
/// bundled layout sets its running footer in its bottom margin, at least 12 mm (≥ 4% of A4 or
/// letter); 6% leaves room for a two-line footer and stays below the last line of body text.
pub const FOOTER_ZONE: f64 = 0.06;

/// In the lines model, two parts of one line that the blocks model reads more than this many
/// fragments apart come from different columns: an entry's title and its right-aligned dates
/// are at most a few fragments apart (title, organisation, about / dates, location); a
/// sidebar puts its whole column between them.
const INTERLEAVE_DISTANCE: usize = 8;

/// How many examples a hazard lists at most.
const MAX_EXAMPLES: usize = 5;

/// What kind of hazard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HazardKind {
    /// A field extracts only with a hyphenated line break or a soft hyphen inside.
    Hyphenation,
    /// A field appears only in the running footer, which many ATS strip.
    FooterOnly,
    /// An icon font's glyphs carry letters (a ligature icon font), or icons draw text.
    IconText,
    /// Lines of two columns merge into one line when read by baseline.
    Interleave,
    /// Text smaller than `TINY_TEXT`.
    TinyText,
    /// Glyphs without a Unicode mapping.
    Unmapped,
}

impl HazardKind {
    /// Returns the kind's name as the report prints it.
    pub fn name(self) -> &'static str {
        match self {
            HazardKind::Hyphenation => "hyphenation",
            HazardKind::FooterOnly => "footer-only",
            HazardKind::IconText => "icon-text",
            HazardKind::Interleave => "interleave",
            HazardKind::TinyText => "tiny-text",
            HazardKind::Unmapped => "unmapped",
        }
    }
}

/// One hazard found, with what shows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hazard {
    /// The kind.
    pub kind: HazardKind,
    /// How many times it occurs.
    pub count: usize,
    /// A few occurrences, as text.
    pub examples: Vec<String>,
}

/// Collects occurrences into a hazard, or none when there are none.
fn hazard(kind: HazardKind, occurrences: Vec<String>) -> Option<Hazard> {
    let count = occurrences.len();
    let examples = occurrences.into_iter().take(MAX_EXAMPLES).collect();
    (count > 0).then_some(Hazard { kind, count, examples })
}

/// Finds the hazards that can be seen in the runs and the two readings alone (the field
/// hazards, hyphenation and footer-only, come from the field search).
pub fn of_runs(x: &Extraction, blocks: &[Line], lines: &[Line]) -> Vec<Hazard> {
    [icon_text(&x.runs), interleave(blocks, lines), tiny_text(&x.runs), unmapped(&x.runs)]
        .into_iter()
        .flatten()
        .collect()
}

/// Returns a hazard for fields that need hyphenation joined (or hold a soft hyphen).
pub fn of_fields(kind: HazardKind, fields: Vec<String>) -> Option<Hazard> {
    hazard(kind, fields)
}

/// Whether a run is set in an icon font: a Type 3 font (glyphs drawn as pictures), a font
/// whose name says so, or glyphs in the private-use area.
pub fn is_icon(run: &Run) -> bool {
    let name = run.font.to_ascii_lowercase();
    let named = ["icon", "awesome", "symbol", "dingbat", "material", "emoji", "glyph"]
        .iter()
        .any(|w| name.contains(w));
    run.type3 || named || run.text.chars().any(is_private_use)
}

/// Finds icon glyphs that carry letters or digits: an ATS reads them as words ("email",
/// "phone") glued to the text beside them.
fn icon_text(runs: &[Run]) -> Option<Hazard> {
    let found = runs
        .iter()
        .filter(|r| is_icon(r) && r.text.chars().any(char::is_alphanumeric))
        .map(|r| format!("{:?} in {}", r.text, r.font))
        .collect();
    hazard(HazardKind::IconText, found)
}

/// Finds lines of the lines model whose parts the blocks model reads far apart: two columns
/// side by side merged line by line.
fn interleave(blocks: &[Line], lines: &[Line]) -> Option<Hazard> {
    let mut position = std::collections::BTreeMap::new();
    for (n, line) in blocks.iter().enumerate() {
        line.runs.iter().for_each(|&r| {
            position.insert(r, n);
        });
    }
    let found = lines
        .iter()
        .filter(|line| {
            let at: Vec<usize> = line.runs.iter().filter_map(|r| position.get(r).copied()).collect();
            at.windows(2).any(|w| matches!(w, [a, b] if a.abs_diff(*b) > INTERLEAVE_DISTANCE))
        })
        .map(|line| line.text.clone())
        .collect();
    hazard(HazardKind::Interleave, found)
}

/// Finds text set smaller than [`TINY_TEXT`].
fn tiny_text(runs: &[Run]) -> Option<Hazard> {
    let found = runs
        .iter()
        .filter(|r| r.size < TINY_TEXT && !r.text.trim().is_empty())
        .map(|r| format!("{:?} at {:.1} pt", r.text, r.size))
        .collect();
    hazard(HazardKind::TinyText, found)
}

/// Finds glyphs without a Unicode mapping, one occurrence per run.
fn unmapped(runs: &[Run]) -> Option<Hazard> {
    let found = runs
        .iter()
        .filter(|r| r.unmapped > 0)
        .map(|r| format!("{} glyph(s) in {} near {:?}", r.unmapped, r.font, r.text))
        .collect();
    hazard(HazardKind::Unmapped, found)
}

/// Whether a run lies in its page's footer zone.
pub fn in_footer(run: &Run, pages: &[(f64, f64)]) -> bool {
    pages.get(run.page).is_some_and(|&(_, height)| run.y > height * (1.0 - FOOTER_ZONE))
}
