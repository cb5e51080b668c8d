//! Helpers shared by vitae's fuzz targets: the inputs of the structured targets (derived with
//! `arbitrary`), the words of a profile, and the invariants more than one target checks.
//!
//! A "word", for the invariants that text survives layout, is a maximal run of letters and
//! digits (`char::is_alphanumeric`) in the text after inline markup is removed. Punctuation,
//! spaces, marks (combining accents, Devanagari vowel signs), emoji and control characters are
//! not words: layout may legitimately treat them as separators, and a word is checked as a
//! substring, so what sits between words does not matter. Comparison is on the uppercased
//! text, because layouts may set section titles in capitals.

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use vitae::content::{Align, Paragraph, Run, RunStyle};
use vitae::font::FontBook;
use vitae::geom::{Color, Pt};
use vitae::layout::flow::{BreakCost, VBox, VContent, VItem, VSpace};
use vitae::layout::inline::hyphenate::Hyphenator;
use vitae::profile::{Entry, Item, List, Profile, Rich};

/// The families a paragraph may ask for: the two bundled text families, a fallback family, and
/// one that does not exist (which falls back with a warning).
const FAMILIES: &[&str] = &["Source Serif 4", "Inter", "Noto Sans Arabic", "No Such Family"];

/// Returns the bundled fonts, parsed once per process (parsing them per input would dominate).
pub fn fonts() -> &'static FontBook {
    static FONTS: OnceLock<FontBook> = OnceLock::new();
    FONTS.get_or_init(FontBook::bundled)
}

/// Returns an English hyphenator without exceptions, made once per process.
pub fn hyphenator() -> &'static Hyphenator {
    static HYPHENATOR: OnceLock<Hyphenator> = OnceLock::new();
    HYPHENATOR.get_or_init(|| Hyphenator::new("en", &[]))
}

/// A paragraph to lay out: runs of styled text, a measure, an indent and an alignment.
#[derive(Debug, Arbitrary)]
pub struct ParagraphInput {
    /// The measure, folded into 1..=600 pt (a column is 100–500 pt; 1 pt forces every word to
    /// be broken).
    pub width: u16,
    /// The indent, folded into 0..=63 pt.
    pub indent: u8,
    /// Alignment, one of four.
    pub align: u8,
    /// Whether to hyphenate.
    pub hyphenate: bool,
    /// A marker hung before the first line.
    pub marker: Option<RunInput>,
    /// The runs.
    pub runs: Vec<RunInput>,
}

/// One run of a [`ParagraphInput`].
#[derive(Debug, Arbitrary)]
pub struct RunInput {
    /// The text.
    pub text: String,
    /// Index into the families.
    pub family: u8,
    /// Whether bold.
    pub bold: bool,
    /// Whether italic.
    pub italic: bool,
    /// Size, folded into 4..=35 pt (smaller than a footnote to larger than a name).
    pub size: u8,
    /// Letter spacing, folded into 0..=0.15 em (layouts use up to about 0.1 em for titles).
    pub tracking: u8,
    /// Whether the run links somewhere.
    pub link: bool,
    /// Whether lines may not break inside it.
    pub nobreak: bool,
    /// Whether the run's role allows hyphenation.
    pub hyphenate: bool,
}

impl RunInput {
    /// Returns the run this input describes.
    pub fn to_run(&self) -> Run {
        let style = RunStyle {
            family: FAMILIES[usize::from(self.family) % FAMILIES.len()].to_owned(),
            bold: self.bold,
            italic: self.italic,
            size: Pt(4.0 + f64::from(self.size % 32)),
            color: Color::BLACK,
            tracking: f64::from(self.tracking % 16) / 100.0,
            hyphenate: self.hyphenate,
            // Looked up by family name in layout, as for any style made by hand: the fuzzer
            // also reaches the unknown-family fallback that way.
            font: None,
        };
        let link = self.link.then(|| "https://example.com".to_owned());
        Run { text: self.text.clone(), style, link, nobreak: self.nobreak }
    }
}

impl ParagraphInput {
    /// Returns the paragraph and the measure it is laid out in.
    pub fn to_paragraph(&self) -> (Paragraph, Pt) {
        let align = [Align::Left, Align::Justify, Align::Center, Align::Right][usize::from(self.align % 4)];
        let runs = self.runs.iter().take(MAX_RUNS).map(RunInput::to_run).collect();
        // A marker is a bullet or a number: a few characters on one line.
        let marker = self.marker.as_ref().map(|m| {
            let text = m.text.chars().filter(|c| !matches!(c, '\n' | '\r')).take(MAX_MARKER_CHARS).collect();
            Run { text, ..m.to_run() }
        });
        let p = Paragraph { runs, align, indent: Pt(f64::from(self.indent % 64)), marker, leading: Pt(12.0) };
        (p, Pt(1.0 + f64::from(self.width % 600)))
    }
}

/// The most characters of a marker ("iv." or "•"; a longer one would be broken into lines).
const MAX_MARKER_CHARS: usize = 4;
/// The most runs of a paragraph (a real one has a few; more only slows the fuzzer).
const MAX_RUNS: usize = 16;

/// A vertical list for the page breaker, with the text area's height.
#[derive(Debug, Arbitrary)]
pub struct PagesInput {
    /// The text area's height, folded into 20..=819 pt.
    pub height: u16,
    /// Whether pages are justified vertically.
    pub vertical_justify: bool,
    /// The items.
    pub items: Vec<VItemInput>,
}

/// One item of a [`PagesInput`].
#[derive(Debug, Arbitrary)]
pub enum VItemInput {
    /// A box of height folded into 0..=1023 tenths of a point (up to about a page).
    Box {
        /// Height in tenths of a point.
        height: u16,
        /// The block it belongs to.
        block: u8,
    },
    /// A space of height and stretch in tenths of a point.
    Space {
        /// Height in tenths of a point.
        height: u8,
        /// Stretch in tenths of a point.
        stretch: u8,
    },
    /// A break where a keep rule forbids it.
    Forbidden,
    /// A permitted break with a penalty folded into -10000..=10000 (TeX's range).
    Allowed(i16),
}

impl PagesInput {
    /// Returns the vertical list and the text area's height.
    pub fn to_list(&self) -> (Vec<VItem>, Pt) {
        let list = self
            .items
            .iter()
            .map(|it| match *it {
                VItemInput::Box { height, block } => VItem::Box(VBox {
                    height: Pt(f64::from(height % 10_240) / 10.0),
                    content: VContent::Lines { baseline: Pt::ZERO, lines: Vec::new() },
                    block: usize::from(block),
                    outline: None,
                    tags: Vec::new(),
                }),
                VItemInput::Space { height, stretch } => VItem::Space(VSpace {
                    height: Pt(f64::from(height) / 10.0),
                    stretch: Pt(f64::from(stretch) / 10.0),
                }),
                VItemInput::Forbidden => VItem::Break(BreakCost::Forbidden),
                VItemInput::Allowed(cost) => {
                    VItem::Break(BreakCost::Allowed(f64::from(cost.clamp(-10_000, 10_000))))
                }
            })
            .collect();
        (list, Pt(20.0 + f64::from(self.height % 800)))
    }
}

/// Returns the words (runs of letters and digits) of a text, uppercased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_uppercase).collect()
}

/// Returns the characters of a text that are neither white space nor soft hyphens (which line
/// breaking adds at hyphenation points).
pub fn ink(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != '\u{AD}').collect()
}

/// Returns the text a profile asks to print, as plain text pieces: the name, headline,
/// location, contacts' text, summary and every section's title, intro and entries.
///
/// Left out, because they are not printed as written: dates (formatted by the layout), links'
/// targets and entry URLs (link areas, not text), keywords (PDF metadata), hyphenation
/// exceptions, the photo, `layout`, `design`, `pages` and `lang`.
pub fn profile_text(p: &Profile) -> Vec<String> {
    let mut out = Vec::new();
    let mut rich = |r: &Rich| out.push(r.to_plain());
    p.name.iter().chain(&p.headline).chain(&p.location).chain(&p.summary).for_each(&mut rich);
    for s in &p.sections {
        rich(&s.title);
        s.intro.iter().for_each(&mut rich);
        for e in &s.entries {
            entry_text(e, &mut rich);
        }
    }
    out.extend(p.contacts.iter().map(|c| c.text.clone()));
    out
}

/// Adds an entry's printed text.
fn entry_text(e: &Entry, rich: &mut impl FnMut(&Rich)) {
    match e {
        Entry::Item(item) => item_text(item, rich),
        Entry::Group(g) => {
            std::iter::once(&g.organization).chain(&g.about).chain(&g.location).for_each(&mut *rich);
            g.summary.iter().chain(&g.footer).for_each(&mut *rich);
            g.roles.iter().for_each(|r| item_text(r, rich));
        }
        Entry::Row(r) => {
            rich(&r.label);
            rich(&r.details);
        }
        Entry::Bullet(li) => {
            rich(&li.text);
            list_text(&li.children, rich);
        }
        Entry::Paragraph(r) => rich(r),
    }
}

/// Adds an item's printed text.
fn item_text(item: &Item, rich: &mut impl FnMut(&Rich)) {
    item.title.iter().chain(&item.subtitle).chain(&item.about).chain(&item.location).for_each(&mut *rich);
    item.summary.iter().chain(&item.footer).for_each(&mut *rich);
    list_text(&item.highlights, rich);
}

/// Adds a list's printed text, nested items included.
fn list_text(list: &List, rich: &mut impl FnMut(&Rich)) {
    for li in &list.items {
        rich(&li.text);
        list_text(&li.children, rich);
    }
}

/// Returns the first word of `texts` found neither in `printed` nor in any warning, if any.
pub fn missing_word<'a>(texts: &'a [String], printed: &str, warnings: &[String]) -> Option<String> {
    let printed = printed.to_uppercase();
    let warnings: Vec<String> = warnings.iter().map(|w| w.to_uppercase()).collect();
    texts
        .iter()
        .flat_map(|t| words(t))
        .find(|w| !printed.contains(w.as_str()) && !warnings.iter().any(|m| m.contains(w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_letter_and_digit_runs() {
        assert_eq!(
            words("Built **Rust** tools, 2× faster—see www.x.io"),
            ["BUILT", "RUST", "TOOLS", "2", "FASTER", "SEE", "WWW", "X", "IO"]
        );
        assert_eq!(words("straße"), ["STRASSE"]);
    }

    #[test]
    fn a_word_may_be_printed_in_capitals_or_named_in_a_warning() {
        let texts = vec!["Experience at ACME".to_owned(), "overlong".to_owned()];
        assert_eq!(
            missing_word(&texts, "EXPERIENCE at Acme", &["the word “overlong” is wider".into()]),
            None
        );
        assert_eq!(missing_word(&texts, "Experience", &[]), Some("AT".into()));
    }
}
