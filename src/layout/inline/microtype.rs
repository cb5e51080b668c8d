//! Microtypography as pdfTeX's `microtype` package does it, for justified text: character
//! protrusion (punctuation at a line's right end hangs into the margin, so the edge looks
//! straight) and font expansion (a line's glyphs may be scaled horizontally by a little, so its
//! spaces vary less). Consumes characters and adjustment ratios; produces shares of an advance
//! and scale factors that `prepare` and `finalize` apply.

/// The most a line's glyphs may be widened or narrowed, as a share of their width: microtype's
/// default `stretch=20, shrink=20` (thousandths). More starts to show as distorted letters.
pub const MAX_EXPANSION: f64 = 0.02;

/// The step in which expansion is chosen: half a percent, so a line takes one of nine widths
/// (-2% … +2%). microtype's default step is a fifth of the limit (0.4%); half a percent keeps
/// the steps as invisible and the set of scaled fonts as small.
pub const EXPANSION_STEP: f64 = 0.005;

/// Returns the share of a character's advance that hangs into the right margin when it ends a
/// line: microtype's defaults for text fonts (its `default` protrusion set, in thousandths):
/// full stop and comma 700, hyphen 700, colon and semicolon 500, en dash 500, em dash 400,
/// closing quotes 700, `?` 200, `!` 100, closing parenthesis and bracket 50. Other characters
/// do not protrude.
pub fn right_protrusion(ch: char) -> f64 {
    match ch {
        '.' | ',' | '-' | '\u{2010}' | '\u{2011}' => 0.7,
        '\'' | '"' | '\u{2019}' | '\u{201D}' | '\u{203A}' | '\u{00BB}' => 0.7,
        ':' | ';' | '\u{2013}' => 0.5,
        '\u{2014}' => 0.4,
        '\u{2026}' => 0.3,
        '?' => 0.2,
        '!' => 0.1,
        ')' | ']' => 0.05,
        _ => 0.0,
    }
}

/// Returns the expansion for a line set at adjustment ratio `ratio` when its glyphs may grow or
/// shrink by `max`: the ratio's share of `max` (glyphs and spaces adjust in proportion to their
/// flexibility, as the line breaker counted them), rounded to the nearest [`EXPANSION_STEP`]
/// and never beyond `max`.
pub fn expansion_for(ratio: f64, max: f64) -> f64 {
    if max <= 0.0 || !ratio.is_finite() {
        return 0.0;
    }
    let wanted = ratio.clamp(-1.0, 1.0) * max;
    let steps = (wanted / EXPANSION_STEP).round();
    (steps * EXPANSION_STEP).clamp(-max, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_protrudes_and_letters_do_not() {
        assert_eq!(right_protrusion('.'), 0.7);
        assert_eq!(right_protrusion('-'), 0.7);
        assert_eq!(right_protrusion('\u{2013}'), 0.5);
        assert_eq!(right_protrusion('\u{2014}'), 0.4);
        assert_eq!(right_protrusion(':'), 0.5);
        assert_eq!(right_protrusion('\u{201D}'), 0.7);
        for ch in ['a', 'Z', '0', ' ', '(', '\u{201C}'] {
            assert_eq!(right_protrusion(ch), 0.0, "{ch:?}");
        }
    }

    #[test]
    fn expansion_follows_the_ratio_in_steps_within_the_limit() {
        assert_eq!(expansion_for(0.0, MAX_EXPANSION), 0.0);
        assert_eq!(expansion_for(1.0, MAX_EXPANSION), MAX_EXPANSION);
        assert_eq!(expansion_for(5.0, MAX_EXPANSION), MAX_EXPANSION);
        assert_eq!(expansion_for(-1.0, MAX_EXPANSION), -MAX_EXPANSION);
        // 0.3 of 2% is 0.6%, which rounds to the 0.5% step.
        assert!((expansion_for(0.3, MAX_EXPANSION) - 0.005).abs() < 1e-12);
        // Every result is a whole number of steps.
        for i in -30..=30 {
            let e = expansion_for(f64::from(i) / 10.0, MAX_EXPANSION);
            let steps = e / EXPANSION_STEP;
            assert!((steps - steps.round()).abs() < 1e-9 && e.abs() <= MAX_EXPANSION + 1e-12, "{e}");
        }
        assert_eq!(expansion_for(0.8, 0.0), 0.0, "off");
        assert_eq!(expansion_for(f64::INFINITY, MAX_EXPANSION), 0.0);
    }
}
