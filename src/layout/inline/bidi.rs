//! Bidi: the Unicode Bidirectional Algorithm (UAX #9) for inline layout. Levels are resolved
//! once per paragraph, on the logical text; after line breaking each line's pieces are put in
//! visual order (rule L2), so right-to-left words read from the right and embedded Latin words,
//! numbers and URLs keep their own left-to-right order.

use unicode_bidi::{BidiInfo, Direction, Level};

use crate::locale::script::is_rtl_language;

/// The resolved embedding levels of a paragraph's text.
#[derive(Debug, Clone)]
pub struct Levels {
    /// The level of each byte of the text (empty when the whole text is left to right at
    /// level 0, the common case, which then costs nothing).
    per_byte: Vec<Level>,
    /// Whether the paragraph's base direction is right to left.
    pub rtl: bool,
}

impl Levels {
    /// Resolves the levels of `text`. The paragraph level comes from its first strong
    /// character (rules P2–P3); a paragraph with none (digits and punctuation only: a phone
    /// number, a year range) is left to right, so "+972 50 000 1234" keeps its groups in
    /// order (a right-to-left level would set "1234 000 50 972+"); where it goes on the page
    /// is the document's direction's business. In a right-to-left language a paragraph
    /// with any right-to-left letter is right to left even when a Latin word opens it
    /// ("PyTorch ساعد …" reads from the right, as HTML's `dir="rtl"` sets it), while one
    /// wholly in Latin letters stays left to right, so its words and closing punctuation keep
    /// their places.
    pub fn resolve(text: &str, lang: &str) -> Levels {
        // ASCII text has no character that needs the algorithm (see `needs_bidi`).
        if !is_rtl_language(lang) && (text.is_ascii() || !text.chars().any(needs_bidi)) {
            return Levels { per_byte: Vec::new(), rtl: false };
        }
        let default = match unicode_bidi::get_base_direction(text) {
            Direction::Ltr if is_rtl_language(lang) && text.chars().any(strong_rtl) => Some(Level::rtl()),
            _ => None,
        };
        let info = BidiInfo::new(text, default);
        let rtl = info.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        if !rtl && info.levels.iter().all(|l| l.number() == 0) {
            return Levels { per_byte: Vec::new(), rtl: false };
        }
        Levels { per_byte: info.levels, rtl }
    }

    /// Returns the level at byte `at` (0 past the end or in all-LTR text).
    pub fn at(&self, at: usize) -> u8 {
        self.per_byte.get(at).map_or(0, |l| l.number())
    }

    /// Whether any byte has a level other than 0 (reordering is then needed).
    pub fn mixed(&self) -> bool {
        !self.per_byte.is_empty()
    }

    /// Returns the byte offsets inside `range` where the level changes, so that a shaped piece
    /// never spans two levels.
    pub fn changes(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        if self.per_byte.is_empty() {
            return Vec::new();
        }
        (range.start + 1..range.end).filter(|&i| self.per_byte.get(i) != self.per_byte.get(i - 1)).collect()
    }
}

/// Whether a character can give text a level other than 0 (bidi classes R, AL, AN and the
/// explicit embeddings, overrides and isolates). Text without one, in a left-to-right
/// language, is all at level 0 (European digits become L by rule W7): the common case skips
/// the algorithm and its per-byte tables.
fn needs_bidi(ch: char) -> bool {
    use unicode_bidi::BidiClass::{AL, AN, FSI, LRE, LRI, LRO, PDF, PDI, R, RLE, RLI, RLO};
    // Everything below the Hebrew block is L, EN, ES, ET, CS, NSM, BN, B, S, WS or ON.
    ch >= '\u{0590}'
        && matches!(
            unicode_bidi::bidi_class(ch),
            R | AL | AN | LRE | LRO | RLE | RLO | PDF | LRI | RLI | FSI | PDI
        )
}

/// Returns the indices of `levels` in visual order (rule L2: from the highest level down to
/// the lowest odd one, every run at or above that level is reversed).
pub fn visual_order(levels: &[u8]) -> Vec<usize> {
    let levels: Vec<Level> = levels.iter().map(|&l| Level::new(l).unwrap_or_else(|_| Level::ltr())).collect();
    BidiInfo::reorder_visual(&levels)
}

/// Returns the mirror image of a bracket-like character (Bidi_Mirroring_Glyph for the pairs
/// found in résumé text), drawn for it in right-to-left text that the shaper sets left to
/// right (a piece of neutral characters only; a piece with Hebrew or Arabic letters is shaped
/// right to left, and the shaper mirrors it itself). The mirror has the same UTF-8 length, so
/// byte offsets stay valid.
pub fn mirror(ch: char) -> Option<char> {
    const PAIRS: [(char, char); 9] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('⟨', '⟩'),
        ('⸢', '⸣'),
    ];
    PAIRS.iter().find_map(|&(a, b)| match ch {
        c if c == a => Some(b),
        c if c == b => Some(a),
        _ => None,
    })
}

/// Whether a character is strongly right to left (bidi class R or AL): text holding one is
/// shaped right to left by the shaper's script guess.
pub fn strong_rtl(ch: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(ch), R | AL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_hebrew_with_english_and_number() {
        let text = "עבדתי עם React במשך 5 שנים";
        let l = Levels::resolve(text, "en");
        assert!(l.rtl && l.mixed());
        assert_eq!(l.at(0), 1);
        let react = text.find("React").unwrap();
        assert_eq!(l.at(react), 2);
        assert_eq!(l.at(text.find('5').unwrap()), 2);
    }

    #[test]
    fn ltr_text_has_no_levels_to_store() {
        let l = Levels::resolve("Plain English text (with brackets).", "en");
        assert!(!l.rtl && !l.mixed());
        assert!(l.changes(0..10).is_empty());
    }

    #[test]
    fn the_fast_path_agrees_with_the_algorithm() {
        for text in ["Plain text, 2019–2024 (a “quote”) — 5%.", "中文 and 한국어 text", "x\u{202B}y"]
        {
            let info = BidiInfo::new(text, None);
            let all_ltr = info.levels.iter().all(|l| l.number() == 0);
            assert_eq!(Levels::resolve(text, "en").mixed(), !all_ltr, "{text}");
        }
    }

    #[test]
    fn neutral_paragraph_is_left_to_right_in_any_language() {
        // A phone number keeps its groups in order in a Hebrew document.
        let phone = Levels::resolve("+972 50 000 1234", "he");
        assert!(!phone.rtl && !phone.mixed());
        assert!(!Levels::resolve("2019–2024", "ar").rtl);
        assert!(!Levels::resolve("2019–2024", "en").rtl);
        // A strong character wins over the language.
        assert!(!Levels::resolve("React", "ar-EG").rtl);
    }

    #[test]
    fn an_rtl_paragraph_opened_by_a_latin_word_is_rtl_in_an_rtl_language() {
        let text = "PyTorch ساعد الفريق";
        let l = Levels::resolve(text, "ar");
        assert!(l.rtl);
        assert_eq!((l.at(0), l.at(text.find('س').unwrap())), (2, 1));
        // First strong character decides in a left-to-right language (rule P2).
        assert!(!Levels::resolve(text, "en").rtl);
        // Wholly Latin text stays left to right even in Hebrew.
        assert!(!Levels::resolve("Kafka, Flink (2019).", "he").rtl);
    }

    #[test]
    fn l2_reverses_runs_from_the_highest_level() {
        assert_eq!(visual_order(&[1, 1, 2, 2, 1]), vec![4, 2, 3, 1, 0]);
        assert_eq!(visual_order(&[0, 0, 1, 1, 0]), vec![0, 1, 3, 2, 4]);
    }

    #[test]
    fn brackets_mirror_both_ways() {
        assert_eq!(mirror('('), Some(')'));
        assert_eq!(mirror('»'), Some('«'));
        assert_eq!(mirror('a'), None);
        assert!(strong_rtl('ש') && strong_rtl('ع') && !strong_rtl('(') && !strong_rtl('a'));
    }
}
