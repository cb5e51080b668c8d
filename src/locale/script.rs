//! Facts about scripts and languages that several stages need: which characters are Hangul
//! (language inference in content, Korean word breaking in layout) and which languages are
//! written right to left (the document's direction in content, bidi levels in layout). They
//! live here, below every stage, so no stage reaches into another for them.

/// Whether a character is Hangul (syllables, jamo, compatibility jamo, and the extended jamo
/// blocks): Korean words keep together and break at spaces, and Hangul names the language.
pub fn is_hangul(ch: char) -> bool {
    matches!(ch,
        '\u{AC00}'..='\u{D7AF}' // Hangul Syllables
        | '\u{1100}'..='\u{11FF}' // Hangul Jamo
        | '\u{3130}'..='\u{318F}' // Hangul Compatibility Jamo
        | '\u{A960}'..='\u{A97F}' // Hangul Jamo Extended-A
        | '\u{D7B0}'..='\u{D7FF}') // Hangul Jamo Extended-B
}

/// Whether a BCP 47 tag names a language written right to left (its primary subtag).
pub fn is_rtl_language(lang: &str) -> bool {
    // Arabic, Persian, Urdu, Pashto, Sindhi, Uyghur, Kurdish (Sorani), Hebrew, Yiddish, Dhivehi.
    const RTL: [&str; 11] = ["ar", "fa", "ur", "ps", "sd", "ug", "ckb", "he", "iw", "yi", "dv"];
    // Compared without case and without a lowercased copy: layout asks once per paragraph.
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    RTL.iter().any(|tag| primary.eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_blocks_and_their_edges() {
        for c in ['한', 'ᄀ', 'ㄱ', '\u{A960}', '\u{D7FF}'] {
            assert!(is_hangul(c), "{c:?}");
        }
        for c in ['漢', 'か', 'a', '\u{D7A4}' /* unassigned in Syllables, still the block */] {
            assert_eq!(is_hangul(c), c == '\u{D7A4}', "{c:?}");
        }
    }

    #[test]
    fn rtl_languages_by_primary_subtag() {
        for tag in ["ar", "he", "fa-IR", "ur_PK", "AR", "ckb", "iw"] {
            assert!(is_rtl_language(tag), "{tag}");
        }
        for tag in ["en", "", "arn", "hi", "zh-Hant", "tr"] {
            assert!(!is_rtl_language(tag), "{tag}");
        }
    }
}
