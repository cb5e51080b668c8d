//! Where words may be hyphenated.
//!
//! Consumes one word at a time (as the inline collector splits it, possibly with punctuation
//! attached) and produces the byte offsets at which a discretionary hyphen may be inserted. The
//! line breaker turns each offset into a flagged penalty.
//!
//! The points come from the `hypher` pattern automata (Liang's TeX patterns) for the paragraph's
//! language, restricted by the rules a résumé needs: no breaks in code, addresses, versions,
//! acronyms or product names, and the author's own exceptions win over the patterns.

use crate::cache::HyphenationCache;
use crate::profile::HyphenationException;
use hypher::Lang;

/// Letters that must stay before a hyphenation point: TeX's `\lefthyphenmin`, whose plain TeX
/// value is 2 ("re-", "un-" are fine line ends).
pub const LEFT_HYPHEN_MIN: usize = 2;

/// Letters that must follow a hyphenation point: TeX's `\righthyphenmin`, 3 in plain TeX,
/// because a line that starts with two letters ("-ly", "-ed") reads as a typo.
pub const RIGHT_HYPHEN_MIN: usize = 3;

/// Words with fewer letters never break: six, one more than the two minimums above allow,
/// because a five-letter word split 2 + 3 ("pa-per", "ba-sis") saves too little width to be
/// worth a hyphen, and compositors' house rules (Chicago, Bringhurst) leave such words whole.
pub const MIN_WORD_CHARS: usize = LEFT_HYPHEN_MIN + RIGHT_HYPHEN_MIN + 1;

/// Decides where words of one language may be hyphenated.
///
/// Built once per document from the profile's language and exception list; [`Hyphenator::points`]
/// takes `&self`, looks exceptions up first and then the pattern points, which are cached by
/// language and word in the engine's `HyphenationCache`, so a word repeated across paragraphs,
/// fitting attempts and documents walks the automata once.
#[derive(Debug, Clone)]
pub struct Hyphenator {
    /// The pattern language, or `None` when `hypher` has no patterns for the tag.
    lang: Option<Lang>,
    /// Exceptions as (lowercased word, char offsets), sorted by word for binary search.
    exceptions: Vec<(String, Vec<usize>)>,
    /// The byte lengths of the exceptions' words, one bit each ([`length_bit`]): an ASCII word
    /// of a length no exception has is not searched for.
    exception_lengths: u64,
    /// The pattern points of words looked up so far (the engine's, shared).
    cache: HyphenationCache,
}

impl Hyphenator {
    /// Creates a hyphenator for a BCP 47 language tag (`en`, `en-US`, `de`, `pt-BR`...) and the
    /// profile's exceptions. An unknown language gets no pattern hyphenation; its exceptions
    /// still apply. The pattern points are cached in a cache of its own; a render uses
    /// `Hyphenator::with_cache` and the engine's.
    pub fn new(lang: &str, exceptions: &[HyphenationException]) -> Hyphenator {
        Hyphenator::with_cache(lang, exceptions, HyphenationCache::default())
    }

    /// Creates a hyphenator as [`Hyphenator::new`] does, caching pattern points in `cache`.
    pub(crate) fn with_cache(
        lang: &str,
        exceptions: &[HyphenationException],
        cache: HyphenationCache,
    ) -> Hyphenator {
        let mut table: Vec<(String, Vec<usize>)> =
            exceptions.iter().map(|e| (e.word.to_lowercase(), sorted_unique(&e.breaks))).collect();
        // A stable sort followed by `dedup_by` keeps the first listing of a duplicated word, so
        // the lookup never depends on which duplicate a binary search lands on.
        table.sort_by(|a, b| a.0.cmp(&b.0));
        table.dedup_by(|later, earlier| later.0 == earlier.0);
        let exception_lengths = table.iter().fold(0, |bits, (word, _)| bits | length_bit(word.len()));
        Hyphenator { lang: pattern_lang(lang), exceptions: table, exception_lengths, cache }
    }

    /// Whether the language has hyphenation patterns (otherwise only exceptions break).
    pub fn has_patterns(&self) -> bool {
        self.lang.is_some()
    }

    /// Returns the byte offsets into `word` where a hyphen may be inserted, ascending.
    ///
    /// Leading and trailing punctuation is ignored for the lookup, but offsets stay relative
    /// to `word`. Every offset lies on a char boundary strictly inside the word's letters.
    pub fn points(&self, word: &str) -> Vec<usize> {
        let mut points = Vec::new();
        self.each_point(word, |p| points.push(p));
        points
    }

    /// Calls `f` with each offset [`Hyphenator::points`] returns, in order, without collecting
    /// them (a paragraph asks for the points of nearly every word).
    pub fn each_point(&self, word: &str, mut f: impl FnMut(usize)) {
        let (lead, core) = trim_punctuation(word);
        if core.is_empty() {
            return;
        }
        match self.exception(core) {
            Some(breaks) => exception_points(core, breaks).into_iter().for_each(|p| f(p + lead)),
            None if self.may_hyphenate(core) => self.each_pattern_point(core, |p| f(p + lead)),
            None => {}
        }
    }

    /// Looks up the exception for a word, case-insensitively.
    fn exception(&self, core: &str) -> Option<&[usize]> {
        if self.exceptions.is_empty() {
            return None;
        }
        let i = if core.is_ascii() {
            // Lowercasing keeps an ASCII word's length: an exception of another length is no match.
            if self.exception_lengths & length_bit(core.len()) == 0 {
                return None;
            }
            // The same order as against the lowercased copy, byte by byte, without making it:
            // every word of most résumés comes here.
            let key = core.bytes().map(|b| b.to_ascii_lowercase());
            self.exceptions.binary_search_by(|e| e.0.bytes().cmp(key.clone())).ok()?
        } else {
            let key = core.to_lowercase();
            self.exceptions.binary_search_by(|e| e.0.as_str().cmp(&key)).ok()?
        };
        Some(&self.exceptions[i].1)
    }

    /// Whether a word without an exception may be hyphenated by the patterns at all.
    fn may_hyphenate(&self, core: &str) -> bool {
        self.lang.is_some()
            && if core.is_ascii() { ascii_word_may_hyphenate(core) } else { word_may_hyphenate(core) }
    }

    /// Calls `f` with each pattern point of a word (byte offsets into `core`), in order.
    fn each_pattern_point(&self, core: &str, mut f: impl FnMut(usize)) {
        let Some(lang) = self.lang else { return };
        if self.cache.visit(lang, core, |points| points.iter().for_each(|&p| f(p))).is_some() {
            return;
        }
        let points = pattern_points_uncached(lang, core);
        self.cache.insert(lang, core, &points);
        points.into_iter().for_each(f);
    }
}

/// Returns the bit of a byte length in [`Hyphenator::exception_lengths`]: lengths from 63 on
/// share the last bit.
fn length_bit(len: usize) -> u64 {
    1 << len.min(63)
}

/// Whether a word may be hyphenated by the patterns, in a language that has them: of a
/// dictionary word's length, without a character that rules it out, without inner capitals.
fn word_may_hyphenate(core: &str) -> bool {
    // Past the limit a run is no dictionary word (a hash, a pasted blob): not hyphenating it
    // keeps the patterns' cost bounded; it is broken at emergency points if it must be.
    let chars = core.chars().take(crate::limits::MAX_HYPHENATED_WORD_CHARS + 1).count();
    (MIN_WORD_CHARS..=crate::limits::MAX_HYPHENATED_WORD_CHARS).contains(&chars)
        && !core.chars().any(is_forbidden_char)
        && !has_inner_capital(core)
}

/// [`word_may_hyphenate`] for an ASCII word, in one pass over its bytes: a byte is a
/// character, the only ASCII characters allowed are letters and the apostrophe
/// ([`is_forbidden_char`]), and an inner capital is an uppercase ASCII letter after the first
/// byte. Most words of most résumés come here.
fn ascii_word_may_hyphenate(core: &str) -> bool {
    let bytes = core.as_bytes();
    let Some((&first, rest)) = bytes.split_first() else { return false };
    (MIN_WORD_CHARS..=crate::limits::MAX_HYPHENATED_WORD_CHARS).contains(&bytes.len())
        && (first.is_ascii_alphabetic() || first == b'\'')
        && rest.iter().all(|&b| b.is_ascii_lowercase() || b == b'\'')
}

/// Returns the pattern points of a word in a language, by the `hypher` automata.
fn pattern_points_uncached(lang: Lang, core: &str) -> Vec<usize> {
    // The language's own convention wins when it is stricter than ours.
    let (lang_left, lang_right) = lang.bounds();
    let left = LEFT_HYPHEN_MIN.max(lang_left);
    let right = RIGHT_HYPHEN_MIN.max(lang_right);
    let mut syllables = hypher::hyphenate_bounded(core, lang, left, right);
    let mut offset = syllables.next().map_or(0, str::len);
    let mut points = Vec::new();
    for syllable in syllables {
        points.push(offset);
        offset += syllable.len();
    }
    points
}

/// Maps a BCP 47 tag to a pattern language through its primary subtag (`pt-BR` → `pt`).
fn pattern_lang(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_bytes() {
        &[a, b] => Lang::from_iso([a, b]),
        _ => None,
    }
}

/// Returns the offsets sorted and without duplicates.
fn sorted_unique(breaks: &[usize]) -> Vec<usize> {
    let mut v = breaks.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// Converts an exception's char offsets into byte offsets of `core`, dropping offsets at or
/// beyond the word's ends (a break there would not split anything). Exceptions are the
/// author's explicit wish, so the hyphen minimums do not apply to them.
fn exception_points(core: &str, breaks: &[usize]) -> Vec<usize> {
    let chars = core.chars().count();
    breaks
        .iter()
        .filter(|&&b| b > 0 && b < chars)
        .filter_map(|&b| core.char_indices().nth(b).map(|(i, _)| i))
        .collect()
}

/// Splits off leading and trailing punctuation: returns the byte length of the leading part
/// and the word in between.
fn trim_punctuation(word: &str) -> (usize, &str) {
    // A word that starts or ends with an ASCII letter or digit (most words) has nothing to
    // trim at that end: such a character is no edge punctuation.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let core =
        if plain(word.as_bytes().first()) { word } else { word.trim_start_matches(is_edge_punctuation) };
    let lead = word.len() - core.len();
    let core = if plain(core.as_bytes().last()) { core } else { core.trim_end_matches(is_edge_punctuation) };
    (lead, core)
}

/// Whether a char at a word's edge is punctuation rather than part of the word: ASCII
/// punctuation except hyphens (a word that ends in a hyphen is a compound), plus typographic
/// quotes, guillemets, the ellipsis and inverted marks.
fn is_edge_punctuation(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '-')
        || matches!(c, '‘' | '’' | '‚' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '…' | '¡' | '¿')
}

/// Whether a char inside a word rules out pattern hyphenation.
///
/// Digits and ASCII symbols (`@ / : . _ # + =`...) mark e-mails, URLs, versions, code and
/// numbers; hyphens and dashes mean the word already has its break (the line breaker breaks
/// after the explicit hyphen itself); a soft hyphen means the author placed the breaks. The
/// apostrophe is a letter here ("don't", "l'équipe").
fn is_forbidden_char(c: char) -> bool {
    let ascii_symbol = c.is_ascii() && !c.is_ascii_alphabetic() && c != '\'';
    let dash = matches!(c, '\u{2010}'..='\u{2015}' | '\u{ad}' | '\u{2212}');
    ascii_symbol || dash || c.is_numeric()
}

/// Whether an uppercase letter follows the first letter.
///
/// That covers acronyms ("AWS", "HTTP") and names with inner capitals ("GraphQL",
/// "JavaScript", "iPhone", "PostgreSQL"): the patterns are trained on ordinary words and split
/// such names badly ("Post-greSQL"), so they break only where an exception says.
fn has_inner_capital(core: &str) -> bool {
    core.chars().skip(1).any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_test_for_hyphenation_agrees_with_the_general_one() {
        let long = "a".repeat(crate::limits::MAX_HYPHENATED_WORD_CHARS);
        let longer = "a".repeat(crate::limits::MAX_HYPHENATED_WORD_CHARS + 1);
        let words = [
            "typesetting",
            "don't",
            "ab",
            "abc",
            "abcd",
            "Kubernetes",
            "GraphQL",
            "AWS",
            "iPhone",
            "v2",
            "e-mail",
            "user@host",
            "a_b",
            "x+y",
            "Typesetting's",
            "'quoted",
            "A",
            "",
            &long,
            &longer,
        ];
        for word in words {
            assert_eq!(ascii_word_may_hyphenate(word), word_may_hyphenate(word), "{word:?}");
        }
        // Every ASCII byte, inside a word and at its start.
        for b in 0u8..128 {
            let c = char::from(b);
            for word in [format!("hyph{c}enation"), format!("{c}hyphenation")] {
                assert_eq!(ascii_word_may_hyphenate(&word), word_may_hyphenate(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn trimming_skips_letter_and_digit_ends_as_the_full_trim_would() {
        fn full(word: &str) -> (usize, &str) {
            let core = word.trim_start_matches(is_edge_punctuation);
            (word.len() - core.len(), core.trim_end_matches(is_edge_punctuation))
        }
        let words = [
            "word",
            "(word)",
            "\"word,\"",
            "«mot»",
            "¿qué?",
            "word.",
            "(word",
            "9lives",
            "x86",
            "…",
            "()",
            "",
            "a",
            "'tis",
            "rock'n'roll'",
            "é.",
            ".é",
            "«»",
            "-word-",
            "“Ä”",
            "ß",
            "a)",
            "(a",
        ];
        for word in words {
            assert_eq!(trim_punctuation(word), full(word), "{word:?}");
        }
    }

    #[test]
    fn hyphenators_sharing_a_cache_give_what_the_patterns_give() {
        let cache = HyphenationCache::default();
        let word = "typesetting";
        let first = Hyphenator::with_cache("en", &[], cache.clone());
        let points = first.points(word);
        assert!(!points.is_empty());
        assert_eq!(cache.get(Lang::English, word), Some(points.clone()), "the first lookup fills it");
        // Another document's hyphenator (another tag of the same patterns) hits the entry, and a
        // hyphenator with a cache of its own computes the same points.
        assert_eq!(Hyphenator::with_cache("en-GB", &[], cache.clone()).points(word), points);
        assert_eq!(Hyphenator::new("en", &[]).points(word), points);
        // A profile's exception is not a pattern result: it never enters the shared cache.
        let exception = HyphenationException { word: "Kubernetes".into(), breaks: vec![4] };
        let own = Hyphenator::with_cache("en", &[exception], cache.clone());
        assert_eq!(own.points("Kubernetes"), vec![4]);
        assert_eq!(cache.get(Lang::English, "Kubernetes"), None);
    }

    #[test]
    fn words_longer_than_the_cache_bound_are_not_stored() {
        let cache = HyphenationCache::default();
        let long = "a".repeat(HyphenationCache::MAX_WORD + 1);
        cache.insert(Lang::English, &long, &[2]);
        assert_eq!(cache.get(Lang::English, &long), None);
        let bound = "a".repeat(HyphenationCache::MAX_WORD);
        cache.insert(Lang::English, &bound, &[2]);
        assert_eq!(cache.get(Lang::English, &bound), Some(vec![2]));
    }

    fn en() -> Hyphenator {
        Hyphenator::new("en", &[])
    }

    fn exception(word: &str, breaks: &[usize]) -> HyphenationException {
        HyphenationException { word: word.into(), breaks: breaks.to_vec() }
    }

    #[test]
    fn cached_points_equal_the_patterns_and_exceptions_do_not_leak() {
        let words = ["extensive", "infrastructure", "responsibilities", "Kubernetes", "monitoring"];
        for w in words {
            let expected = pattern_points_uncached(Lang::English, w);
            // Twice: the second call is answered by the cache.
            assert_eq!(en().points(w), expected, "{w}");
            assert_eq!(en().points(w), expected, "{w}");
        }
        let own = Hyphenator::new("en", &[exception("extensive", &[])]);
        assert!(own.points("extensive").is_empty());
        assert_eq!(en().points("extensive"), pattern_points_uncached(Lang::English, "extensive"));
        // The same word in another language has its own entry.
        let de = Hyphenator::new("de", &[]);
        assert_eq!(de.points("Infrastruktur"), pattern_points_uncached(Lang::German, "Infrastruktur"));
    }

    /// Inserts a hyphen at every point, for readable assertions.
    fn marked(h: &Hyphenator, word: &str) -> String {
        let mut out = String::new();
        let mut last = 0;
        for p in h.points(word) {
            out.push_str(&word[last..p]);
            out.push('-');
            last = p;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn english_patterns_hyphenate_ordinary_words() {
        assert_eq!(marked(&en(), "extensive"), "ex-ten-sive");
        assert_eq!(marked(&en(), "infrastructure"), "in-fra-struc-ture");
        assert_eq!(en().points("extensive"), vec![2, 5]);
    }

    #[test]
    fn region_subtags_select_the_primary_language() {
        assert!(Hyphenator::new("en-US", &[]).has_patterns());
        assert!(Hyphenator::new("pt-BR", &[]).has_patterns());
        assert!(Hyphenator::new("de_CH", &[]).has_patterns());
        assert!(Hyphenator::new("EN", &[]).has_patterns());
    }

    #[test]
    fn at_least_two_letters_before_and_three_after() {
        let h = en();
        for word in ["extensive", "reliability", "orchestration", "everything", "abolition"] {
            let chars = word.chars().count();
            for p in h.points(word) {
                let before = word[..p].chars().count();
                assert!(before >= LEFT_HYPHEN_MIN, "{word} at {p}");
                assert!(chars - before >= RIGHT_HYPHEN_MIN, "{word} at {p}");
            }
        }
        // "reli-ably"? The patterns allow "re-li-a-bly"; the limits remove the last break.
        assert!(!marked(&h, "reliably").ends_with("-ly"));
        assert!(!marked(&h, "abolition").starts_with("a-"));
    }

    #[test]
    fn short_words_never_break() {
        let h = en();
        // Four letters cannot leave two before and three after a break; five could, but the
        // split saves too little.
        for word in ["data", "ruby", "also", "Java", "a", "ab", "paper", "table"] {
            assert!(h.points(word).is_empty(), "{word}");
        }
        // Six letters can.
        assert_eq!(MIN_WORD_CHARS, 6);
        assert_eq!(marked(&h, "ribbon"), "rib-bon");
        // Even an exception-free word with four letters plus punctuation stays whole.
        assert!(h.points("(data),").is_empty());
    }

    #[test]
    fn exceptions_replace_patterns_case_insensitively() {
        let h = Hyphenator::new("en", &[exception("Kubernetes", &[2, 5])]);
        assert_eq!(marked(&h, "kubernetes"), "ku-ber-netes");
        assert_eq!(marked(&h, "KUBERNETES"), "KU-BER-NETES");
        assert_eq!(marked(&h, "Kubernetes,"), "Ku-ber-netes,");
    }

    #[test]
    fn exceptions_are_found_among_many_in_any_case_and_script() {
        // ASCII words are compared without a lowercased copy; the binary search must land on
        // the same entries, beside non-ASCII ones and prefixes of each other.
        let list = [
            exception("Terraform", &[5]),
            exception("terra", &[]),
            exception("Zürich", &[2]),
            exception("ÉCOLE", &[1]),
            exception("kafka", &[2]),
            exception("Kafkaesque", &[5]),
        ];
        let h = Hyphenator::new("en", &list);
        for (word, expected) in [
            ("TERRAFORM", "TERRA-FORM"),
            ("kafka", "ka-fka"),
            ("KafkaEsque", "Kafka-Esque"),
            ("zürich", "zü-rich"),
            ("école", "é-cole"),
        ] {
            assert_eq!(marked(&h, word), expected, "{word}");
        }
        assert!(h.points("Terra").is_empty());
    }

    #[test]
    fn exceptions_of_any_length_are_found_past_the_length_filter() {
        let long = "a".repeat(70);
        let longer = "b".repeat(64);
        let list = [exception(&long, &[3]), exception("Kinvolk", &[]), exception("Sourcegraph", &[6])];
        let h = Hyphenator::new("en", &list);
        assert_eq!(h.exception(&long.to_uppercase()), Some(&[3][..]));
        // Another word sharing the last length bit is searched for, and not found.
        assert_eq!(h.exception(&longer), None);
        assert_eq!(h.exception("SOURCEGRAPH"), Some(&[6][..]));
        assert_eq!(h.exception("kinvolk"), Some(&[][..]));
        // No exception is eight bytes long: not searched, not found.
        assert_eq!(h.exception("Kinvolks"), None);
    }

    #[test]
    fn an_exception_without_breaks_means_never() {
        let h = Hyphenator::new("en", &[exception("extensive", &[])]);
        assert!(h.points("extensive").is_empty());
        assert!(h.points("Extensive").is_empty());
    }

    #[test]
    fn exceptions_override_the_name_rules_and_ignore_out_of_range_offsets() {
        let h = Hyphenator::new("en", &[exception("JavaScript", &[0, 4, 10, 99])]);
        assert_eq!(marked(&h, "JavaScript"), "Java-Script");
    }

    #[test]
    fn duplicate_exceptions_keep_one_entry() {
        let h = Hyphenator::new("en", &[exception("Terraform", &[5]), exception("terraform", &[5])]);
        assert_eq!(marked(&h, "Terraform"), "Terra-form");
    }

    #[test]
    fn acronyms_and_inner_capitals_never_break() {
        let h = en();
        for word in ["AWS", "TCP", "HTTP", "HTTPS", "KUBERNETES", "GraphQL", "JavaScript", "iPhone"] {
            assert!(h.points(word).is_empty(), "{word}");
        }
        // A capital at the start is an ordinary sentence-initial word.
        assert_eq!(marked(&h, "Extensive"), "Ex-ten-sive");
    }

    #[test]
    fn digits_urls_emails_and_code_never_break() {
        let h = en();
        for word in [
            "infrastructure2",
            "github.com/tevren",
            "jane.doe@example.com",
            "https://example.com",
            "version1.2.3",
            "snake_case_identifier",
            "ex.tensive",
            "infra+structure",
        ] {
            assert!(h.points(word).is_empty(), "{word}");
        }
        // A colon or period at the end is punctuation, not part of an address.
        assert_eq!(marked(&h, "infrastructure:"), "in-fra-struc-ture:");
        assert_eq!(marked(&h, "infrastructure."), "in-fra-struc-ture.");
    }

    #[test]
    fn words_with_hyphens_or_dashes_are_left_to_the_line_breaker() {
        let h = en();
        for word in ["state-of-the-art", "Kubernetes-based", "2019–2023", "extensive–", "ex\u{ad}tensive"]
        {
            assert!(h.points(word).is_empty(), "{word}");
        }
    }

    #[test]
    fn surrounding_punctuation_is_skipped_but_offsets_stay_relative() {
        let h = en();
        assert_eq!(marked(&h, "(extensive),"), "(ex-ten-sive),");
        assert_eq!(marked(&h, "“extensive.”"), "“ex-ten-sive.”");
        assert_eq!(h.points("“extensive"), vec!["“ex".len(), "“exten".len()]);
    }

    #[test]
    fn unknown_languages_use_only_exceptions() {
        let h = Hyphenator::new("xx-YY", &[exception("Kubernetes", &[5])]);
        assert!(!h.has_patterns());
        assert!(h.points("extensive").is_empty());
        assert_eq!(marked(&h, "Kubernetes"), "Kuber-netes");
        assert!(!Hyphenator::new("", &[]).has_patterns());
        assert!(!Hyphenator::new("zh-Hans", &[]).has_patterns());
    }

    #[test]
    fn german_patterns() {
        let h = Hyphenator::new("de", &[]);
        assert!(h.has_patterns());
        assert_eq!(marked(&h, "Softwareentwicklung"), "Soft-ware-ent-wick-lung");
        assert_eq!(marked(&h, "Überprüfungsverfahren"), "Über-prü-fungs-ver-fah-ren");
        // German's own minimums are 2 and 2; ours (3 after) are stricter and win.
        assert!(!marked(&h, "Entwicklungen").ends_with("-en"));
    }

    #[test]
    fn multibyte_offsets_are_char_boundaries() {
        let de = Hyphenator::new("de", &[]);
        let fr = Hyphenator::new("fr", &[]);
        for (h, word) in [
            (&de, "Überprüfungsverfahren"),
            (&de, "»Größenänderung«"),
            (&fr, "développement"),
            (&fr, "élémentaire"),
        ] {
            let points = h.points(word);
            assert!(!points.is_empty(), "{word}");
            for p in points {
                assert!(word.is_char_boundary(p), "{word} at {p}");
                assert!(p > 0 && p < word.len());
            }
        }
        let exc = Hyphenator::new("xx", &[exception("Ärztekammer", &[5])]);
        assert_eq!(marked(&exc, "ärztekammer"), "ärzte-kammer");
    }

    #[test]
    fn scripts_without_patterns_get_no_points() {
        let h = en();
        assert!(h.points("東京都庁舎です").is_empty());
        assert!(h.points("प्रौद्योगिकी").is_empty());
        // Hindi has patterns, and the results are still char boundaries.
        let hi = Hyphenator::new("hi", &[]);
        let word = "प्रौद्योगिकीविद";
        let points = hi.points(word);
        assert!(!points.is_empty());
        assert!(points.iter().all(|&p| word.is_char_boundary(p)));
    }

    #[test]
    fn punctuation_only_and_empty_words_have_no_points() {
        let h = en();
        assert!(h.points("").is_empty());
        assert!(h.points("...").is_empty());
        assert!(h.points("—").is_empty());
    }

    /// A run longer than any dictionary word is never hyphenated (the patterns' cost grows with
    /// it); it is broken at emergency points only if it must be.
    #[test]
    fn runs_longer_than_the_limit_are_not_hyphenated() {
        let h = Hyphenator::new("en", &[]);
        let word = "internationalization".repeat(4);
        assert!(word.chars().count() > crate::limits::MAX_HYPHENATED_WORD_CHARS);
        assert!(h.points(&word).is_empty());
        assert!(!h.points("internationalization").is_empty());
    }
}
