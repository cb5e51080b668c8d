//! Random runs of text, measures, indents, alignments and styles → the inline layout
//! (`vitae::layout::inline::layout_paragraph`: shaping, hyphenation, Knuth–Plass, finalize).
//!
//! Invariants:
//! - no line is wider than the measure unless a warning says a word on it is wider than the line;
//! - the lines' visible characters (white space and hyphenation's soft hyphens aside) are the
//!   marker's then the paragraph's, in order: no text lost, duplicated or invented;
//! - laying the same paragraph out again (the shaped-word caches now warm) gives the same lines.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitae::geom::Pt;
use vitae::layout::inline::{InlineCtx, Line, layout_paragraph};
use vitae_fuzz::{ParagraphInput, fonts, hyphenator, ink};

/// The start of the warning for a word wider than the line (`src/layout/inline/prepare.rs`).
const OVERLONG: &str = "is wider than the line";

fuzz_target!(|input: ParagraphInput| {
    let (p, width) = input.to_paragraph();
    let (lines, warnings) = lay_out(&p, width, input.hyphenate);
    let measure = (width - p.indent).max(Pt(1.0));
    let overlong: Vec<&str> = warnings.iter().filter(|w| w.contains(OVERLONG)).map(String::as_str).collect();
    for (n, line) in lines.iter().enumerate() {
        // The hung marker's runs are in the first line's text but not in its width, which can
        // only excuse a line whose marker repeats an overlong word.
        let text: String = line.runs.iter().map(|(_, r)| r.text.as_str()).collect();
        let excused = ink_tokens(&text).any(|t| overlong.iter().any(|w| w.contains(t.as_str())));
        assert!(
            line.width.fits(measure) || excused,
            "line {n} is {} pt wide in a measure of {} pt without a warning: {text:?}",
            line.width.get(),
            measure.get()
        );
    }
    let expected: String = p.marker.iter().chain(&p.runs).map(|r| ink(&r.text)).collect();
    let got: String = lines.iter().flat_map(|l| &l.runs).map(|(_, r)| ink(&r.text)).collect();
    // A marker that is only white space lays out as no line, and so hangs nothing.
    let expected_without_marker: String = p.runs.iter().map(|r| ink(&r.text)).collect();
    assert!(got == expected || got == expected_without_marker, "text changed: {expected:?} became {got:?}");
    let again = lay_out(&p, width, input.hyphenate);
    assert_eq!(format!("{lines:?}"), format!("{:?}", again.0), "a second layout differs");
});

/// Lays the paragraph out; returns the lines and the warnings' messages.
fn lay_out(p: &vitae::content::Paragraph, width: Pt, hyphenate: bool) -> (Vec<Line>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx {
        fonts: fonts(),
        hyphenator: hyphenator(),
        hyphenate,
        lang: "en",
        warnings: &mut warnings,
    };
    let lines = layout_paragraph(p, width, &mut ctx);
    (lines, warnings.into_iter().map(|w| w.message).collect())
}

/// Returns the visible tokens of a text, split at white space.
fn ink_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(ink).filter(|t| !t.is_empty())
}
