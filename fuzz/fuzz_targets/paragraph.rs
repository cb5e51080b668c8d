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
    let marker_runs = p.marker.as_ref().map_or(0, |m| marker_run_count(m, input.hyphenate));
    let paragraph_ink: String = p.runs.iter().map(|r| ink(&r.text)).collect();
    // Bidi may reorder every line of a paragraph with a right-to-left character anywhere.
    let bidi = p.runs.iter().chain(&p.marker).any(|r| reorders(&r.text));
    for (n, line) in lines.iter().enumerate() {
        // The hung marker's runs start the first line but are not in its width.
        let skip = if n == 0 { marker_runs } else { 0 };
        let text: String = line.runs.iter().skip(skip).map(|(_, r)| r.text.as_str()).collect();
        // The warning quotes the whole word; the line holds it, or a fragment of it (a token of
        // the line may run on into the next word when nothing breaks between them).
        let line_ink = ink(&text);
        // A run that must not break is one word, spaces included, so its emergency fragments
        // may be a lone space; such a line has no ink to match.
        let blank_fragment = line_ink.is_empty() && !overlong.is_empty();
        let excused = blank_fragment
            || overlong.iter().filter_map(|w| quoted(w)).any(|w| {
                let w = ink(w);
                !w.is_empty()
                    && (line_ink.contains(&w)
                        || ink_tokens(&text).any(|t| w.contains(t.as_str()) || touches(&t, &w))
                        || (bidi && ink_tokens(&text).any(|t| within(&t, &w))))
            })
            || cut_quote_covers(&overlong, &paragraph_ink, &line_ink, bidi);
        // Protruding punctuation hangs past the measure by design, by what the line records.
        let hang = line.setting().map_or(Pt::ZERO, |s| s.protrusion);
        assert!(
            (line.width - hang).fits(measure) || excused,
            "line {n} is {} pt wide in a measure of {} pt without a warning: {text:?}; warnings: {warnings:?}",
            line.width.get(),
            measure.get()
        );
    }
    let expected: String = p.marker.iter().chain(&p.runs).map(|r| ink(&r.text)).collect();
    let got: String = lines.iter().flat_map(|l| &l.runs).map(|(_, r)| ink(&r.text)).collect();
    // A marker that is only white space lays out as no line, and so hangs nothing.
    let expected_without_marker: String = p.runs.iter().map(|r| ink(&r.text)).collect();
    if reorders(&expected) {
        // Bidi draws each line's runs in visual order: the same characters, in another order.
        let same = |a: &str| sorted(a) == sorted(&got);
        assert!(same(&expected) || same(&expected_without_marker), "text changed: {expected:?} became {got:?}");
    } else {
        assert!(got == expected || got == expected_without_marker, "text changed: {expected:?} became {got:?}");
    }
    let again = lay_out(&p, width, input.hyphenate);
    assert_eq!(format!("{lines:?}"), format!("{:?}", again.0), "a second layout differs");
});

/// Whether a token of a line ends with the start of an overlong word or starts with its end:
/// the word's fragment glued to a neighbour with no space between them ("$ie](ma…" where the
/// word is "(ma…": UAX #14 breaks before the bracket, so the two are separate words).
fn touches(token: &str, word: &str) -> bool {
    let ends = |a: &str, b: &str| (1..=b.len()).filter(|&n| b.is_char_boundary(n)).any(|n| a.ends_with(&b[..n]));
    let starts =
        |a: &str, b: &str| (0..b.len()).filter(|&n| b.is_char_boundary(n)).any(|n| a.starts_with(&b[n..]));
    ends(token, word) || starts(token, word)
}

/// Whether the Unicode Bidirectional Algorithm may reorder this text in an English paragraph:
/// it holds a right-to-left letter, an Arabic number or an explicit embedding, override or
/// isolate (the classes that give text a level above 0; `src/layout/inline/bidi.rs`).
fn reorders(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, FSI, LRE, LRI, LRO, PDF, PDI, R, RLE, RLI, RLO};
    text.chars().any(|c| {
        matches!(unicode_bidi::bidi_class(c), R | AL | AN | LRE | LRO | RLE | RLO | PDF | LRI | RLI | FSI | PDI)
    })
}

/// Whether every character of `token` is in `word` as often: the token is a piece of the word
/// whatever order bidi drew it in.
fn within(token: &str, word: &str) -> bool {
    let mut left = sorted(word);
    token.chars().all(|c| match left.binary_search(&c) {
        Ok(i) => {
            left.remove(i);
            true
        }
        Err(_) => false,
    })
}

/// The characters of a text, sorted: what survives any reordering.
fn sorted(text: &str) -> Vec<char> {
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars
}

/// Whether a warning that quotes only the start of a long word ("…" at the end: warnings quote
/// at most 60 characters) can be the word on this line: the quoted start is in the paragraph,
/// and the line's ink comes at or after it (in any order when bidi may have reordered it).
/// Looser than the whole-word match above, as the rest of the word is not in the warning.
fn cut_quote_covers(overlong: &[&str], paragraph: &str, line: &str, bidi: bool) -> bool {
    overlong.iter().filter_map(|w| quoted(w)).filter(|q| q.ends_with('…')).any(|q| {
        let start = ink(q.trim_end_matches('…'));
        match paragraph.find(&start) {
            Some(at) => {
                !start.is_empty()
                    && paragraph.get(at..).is_some_and(|rest| rest.contains(line) || (bidi && within(line, rest)))
            }
            None => false,
        }
    })
}

/// Lays the paragraph out; returns the lines and the warnings' messages.
fn lay_out(p: &vitae::content::Paragraph, width: Pt, hyphenate: bool) -> (Vec<Line>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut ctx =
        InlineCtx::new(fonts(), hyphenator(), hyphenate, vitae::theme::Microtype::default(), "en", &mut warnings);
    let lines = layout_paragraph(p, width, &mut ctx);
    (lines, warnings.into_iter().map(|w| w.message).collect())
}

/// Returns how many runs a marker adds to the first line: those of the last line of the marker
/// laid out alone, as `layout_paragraph` hangs it.
fn marker_run_count(marker: &vitae::content::Run, hyphenate: bool) -> usize {
    let p = vitae::content::Paragraph {
        runs: vec![marker.clone()],
        align: vitae::content::Align::Left,
        indent: Pt::ZERO,
        marker: None,
        leading: Pt::ZERO,
    };
    // The width `layout_paragraph` gives a marker.
    lay_out(&p, Pt(1e4), hyphenate).0.last().map_or(0, |l| l.runs.len())
}

/// Returns the word an overlong-word warning quotes.
fn quoted(warning: &str) -> Option<&str> {
    let start = warning.find('“')? + '“'.len_utf8();
    let end = warning.rfind('”')?;
    warning.get(start..end)
}

/// Returns the visible tokens of a text, split at white space.
fn ink_tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace().map(ink).filter(|t| !t.is_empty())
}
