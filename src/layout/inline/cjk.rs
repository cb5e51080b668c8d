//! CJK: which characters take part in CJK line breaking and spacing (Korean keep-all,
//! inter-character justification, the quarter-em space between CJK and Latin). Hangul itself is
//! `locale::script::is_hangul`.

use crate::locale::script::is_hangul;

/// Whether a character is a Chinese or Japanese ideograph or kana (the letters CSS
/// `text-autospace` calls ideographic), not punctuation: these are set solid, a line may break
/// between any two, and a quarter em separates them from Latin letters and digits.
pub fn is_ideographic(ch: char) -> bool {
    matches!(ch,
        '\u{2E80}'..='\u{2FDF}' // CJK and Kangxi radicals
        | '\u{3005}'..='\u{3007}' // 々 〆 〇
        | '\u{3040}'..='\u{309F}' // Hiragana
        | '\u{30A0}'..='\u{30FF}' // Katakana
        | '\u{3100}'..='\u{312F}' // Bopomofo
        | '\u{31F0}'..='\u{31FF}' // Katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}' // Extension A
        | '\u{4E00}'..='\u{9FFF}' // Unified ideographs
        | '\u{F900}'..='\u{FAFF}' // Compatibility ideographs
        | '\u{20000}'..='\u{3FFFF}') // Extensions B and later
}

/// Whether a character belongs to CJK text for justification: an ideograph or kana, or CJK
/// punctuation and full-width forms (which also take the inter-character space).
pub fn is_cjk(ch: char) -> bool {
    is_ideographic(ch) || matches!(ch, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether a character is a Latin-side letter or digit for CSS `text-autospace`
/// (ideograph-alpha and ideograph-numeric): alphanumeric and neither CJK nor Hangul.
pub fn is_autospace_alnum(ch: char) -> bool {
    ch.is_alphanumeric() && !is_cjk(ch) && !is_hangul(ch)
}

/// How the break between two characters (without a space) is spaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// Between two CJK characters: a glue of no width that may stretch a little.
    InterCharacter,
    /// Between an ideograph and a Latin letter or digit: a quarter-em space.
    Autospace,
    /// Anything else (a URL's slash, a hyphen): a plain break opportunity.
    Plain,
}

/// Classifies the join between `before` and `after`.
pub fn join(before: char, after: char) -> Join {
    // Every class above is outside ASCII: two ASCII characters (most breaks) join plainly.
    if before.is_ascii() && after.is_ascii() {
        return Join::Plain;
    }
    if is_cjk(before) && is_cjk(after) {
        Join::InterCharacter
    } else if (is_ideographic(before) && is_autospace_alnum(after))
        || (is_autospace_alnum(before) && is_ideographic(after))
    {
        Join::Autospace
    } else {
        Join::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_hangul('한') && !is_hangul('中') && !is_hangul('a'));
        assert!(is_ideographic('中') && is_ideographic('の') && is_ideographic('カ'));
        assert!(!is_ideographic('。') && is_cjk('。') && is_cjk('，'));
        assert!(is_autospace_alnum('R') && is_autospace_alnum('7') && !is_autospace_alnum('中'));
    }

    #[test]
    fn joins() {
        assert_eq!(join('中', '文'), Join::InterCharacter);
        assert_eq!(join('文', '。'), Join::InterCharacter);
        assert_eq!(join('文', 'R'), Join::Autospace);
        assert_eq!(join('7', '年'), Join::Autospace);
        assert_eq!(join('。', 'R'), Join::Plain);
        assert_eq!(join('/', 'a'), Join::Plain);
        assert_eq!(join('한', 'R'), Join::Plain);
    }
}
