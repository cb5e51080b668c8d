use super::*;
use crate::profile::SpanStyle;

/// Smartens one text in English.
fn en(text: &str) -> String {
    smarten_text(text, &Quotes::ENGLISH)
}

/// Smartens pieces given as (text, verbatim) in English.
fn pieces(parts: &[(&str, bool)]) -> Vec<String> {
    let parts: Vec<Piece<'_>> = parts.iter().map(|&(text, verbatim)| Piece { text, verbatim }).collect();
    smarten(&parts, &Quotes::ENGLISH)
}

#[test]
fn empty_text_and_text_without_punctuation_are_unchanged() {
    assert_eq!(en(""), "");
    assert!(smarten(&[], &Quotes::ENGLISH).is_empty());
    assert_eq!(pieces(&[("", false), ("", true)]), ["", ""]);
    assert_eq!(en("Led the migration to Kubernetes"), "Led the migration to Kubernetes");
}

#[test]
fn double_quotes_open_and_close_by_context() {
    assert_eq!(en(r#"She said "hello" to me."#), "She said “hello” to me.");
    assert_eq!(en(r#""Start" of the text"#), "“Start” of the text");
    assert_eq!(en(r#"("bracketed")"#), "(“bracketed”)");
    assert_eq!(en(r#"a dash—"then a quote""#), "a dash—“then a quote”");
    assert_eq!(en(r#"named "Atlas", then"#), "named “Atlas”, then");
    assert_eq!(en(r#"an "inch" at end""#), "an “inch” at end”");
}

#[test]
fn texts_of_quotes_alone() {
    assert_eq!(en(r#""""#), "“”");
    assert_eq!(en("''"), "‘’");
    // A quote standing alone could open or close: it stays as typed.
    assert_eq!(en(r#"""#), r#"""#);
    assert_eq!(en("'"), "'");
    assert_eq!(en(r#"a " b"#), r#"a " b"#);
}

#[test]
fn nested_quotes() {
    assert_eq!(en(r#""He said 'hi' to me""#), "“He said ‘hi’ to me”");
    assert_eq!(en(r#""'Quoted' first""#), "“‘Quoted’ first”");
    assert_eq!(en(r#""say 'hi'""#), "“say ‘hi’”");
    assert_eq!(en(r#"'"Inner" too'"#), "‘“Inner” too’");
}

#[test]
fn apostrophes() {
    assert_eq!(en("don't"), "don’t");
    assert_eq!(en("the students' work"), "the students’ work");
    assert_eq!(en("the '90s and the class of '99"), "the ’90s and the class of ’99");
    assert_eq!(en("'2020' as a quoted year"), "‘2020’ as a quoted year");
    assert_eq!(en("'Twas"), "‘Twas");
    assert_eq!(en("O'Brien's team"), "O’Brien’s team");
    assert_eq!(en("it's 'quoted'"), "it’s ‘quoted’");
}

#[test]
fn dashes() {
    assert_eq!(en("Kafka - Go"), "Kafka – Go");
    assert_eq!(en("pages 10--20"), "pages 10–20");
    assert_eq!(en("yes---no"), "yes—no");
    assert_eq!(en("a -- b"), "a – b");
    assert_eq!(en("a --- b"), "a — b");
    // Hyphens in words and numbers, signs, options and list marks stay.
    for text in ["10-20", "self-hosted", "-5 °C", "a -b", "- item", "end -", "a - ", " - b", "run --release"]
    {
        assert_eq!(en(text), text);
    }
    assert_eq!(en("----"), "----");
    assert_eq!(en("a ---- b"), "a ---- b");
}

#[test]
fn ellipsis() {
    assert_eq!(en("and more..."), "and more…");
    assert_eq!(en("wait... then"), "wait… then");
    for text in ["a.b", "../up", "a....b", "1.2.3"] {
        assert_eq!(en(text), text);
    }
}

#[test]
fn addresses_in_running_text_stay_as_written() {
    assert_eq!(en("see https://x.org/a--b...c now"), "see https://x.org/a--b...c now");
    assert_eq!(en(r#"at "https://x.org/it's""#), "at “https://x.org/it's”");
    assert_eq!(en("mail o'brien--x@example.com - or call"), "mail o'brien--x@example.com – or call");
    // Sentence punctuation after an address is not part of it.
    assert_eq!(en("(www.a--b.com...)"), "(www.a--b.com…)");
    // An @ without a domain is not an address: a handle's apostrophe is set.
    assert_eq!(en("@jane's post"), "@jane’s post");
}

#[test]
fn verbatim_pieces_stay_and_context_crosses_them() {
    assert_eq!(
        pieces(&[("run ", false), ("a--b 'x' ...", true), (" - it's", false)]),
        ["run ", "a--b 'x' ...", " – it’s"]
    );
    // After code the quote is an apostrophe, as after any word.
    assert_eq!(pieces(&[("x", true), ("'s value", false)]), ["x", "’s value"]);
}

#[test]
fn context_crosses_style_changes() {
    // A quote opening in plain text, the quotation in bold, the quote closing in plain text.
    assert_eq!(
        pieces(&[(r#"He said ""#, false), ("bold", false), (r#"" then"#, false)]),
        ["He said “", "bold", "” then"]
    );
    assert_eq!(pieces(&[("Kafka ", false), ("-", false), (" Go", false)]), ["Kafka ", "–", " Go"]);
    // A run split by a style change is not joined across it.
    assert_eq!(pieces(&[("a-", false), ("-b", false)]), ["a-", "-b"]);
    assert_eq!(pieces(&[("a..", false), (".", false)]), ["a..", "."]);
}

#[test]
fn multibyte_text_around() {
    assert_eq!(en(r#"Zürich - 東京 "ß" l'été..."#), "Zürich – 東京 “ß” l’été…");
    assert_eq!(en("🚀 'launch' 👩‍💻 --- done"), "🚀 ‘launch’ 👩‍💻 — done");
    assert_eq!(en("मैं \"हिंदी\" बोलता"), "मैं “हिंदी” बोलता");
}

#[test]
fn a_language_gives_its_own_quotes() {
    let german = Quotes { open_double: '„', close_double: '“', open_single: '‚', close_single: '‘' };
    let set = |t: &str| smarten_text(t, &german);
    assert_eq!(set(r#"Er sagte "Hallo" und 'tschüss'"#), "Er sagte „Hallo“ und ‚tschüss‘");
    // The apostrophe is U+2019 whatever the language's closing quote.
    assert_eq!(set("geht's"), "geht’s");
    // The German closing double quote is an English opening one; it does not open.
    assert_eq!(set(r#""a" b"#), "„a“ b");
}

/// Returns a span with a style and link.
fn span(text: &str, code: bool, link: Option<&str>) -> Span {
    Span {
        text: text.into(),
        style: SpanStyle { code, ..SpanStyle::default() },
        link: link.map(str::to_owned),
    }
}

#[test]
fn spans_keep_code_and_addresses_shown_as_links() {
    let spans = [
        span("It's ", false, None),
        span("--flag 'x'", true, None),
        span(" - see ", false, None),
        span("https://x.org/a--b", false, Some("https://x.org/a--b")),
        span(" or ", false, None),
        span("www.it's.org", false, Some("https://www.it's.org")),
        span(" or ", false, None),
        span("o'neil@x.org", false, Some("mailto:o'neil@x.org")),
        span(" and ", false, None),
        span("the \"Atlas\" talk", false, Some("https://x.org/talk")),
    ];
    assert_eq!(
        smarten_spans(&spans, &Quotes::ENGLISH),
        [
            "It’s ",
            "--flag 'x'",
            " – see ",
            "https://x.org/a--b",
            " or ",
            "www.it's.org",
            " or ",
            "o'neil@x.org",
            " and ",
            "the “Atlas” talk"
        ]
    );
}

/// A deterministic stream of pseudo-random numbers (xorshift64*), so the property tests are
/// reproducible.
struct Rng(u64);

impl Rng {
    /// Returns the next number below `n`.
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        usize::try_from(x % n as u64).unwrap_or(0)
    }

    /// Returns a random text of up to `max` characters from `alphabet`.
    fn text(&mut self, alphabet: &[char], max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| alphabet[self.below(alphabet.len())]).collect()
    }
}

/// Letters, digits, spaces, multi-byte characters and address punctuation, without the
/// characters the transform looks at.
const NEUTRAL: &[char] =
    &['a', 'b', 'Z', '1', '9', ' ', ' ', '\n', 'é', 'ß', '東', '🚀', '@', ':', '/', '(', ')', ',', '“', '—'];

/// What the transform reads and writes.
const TOUCHED: &[char] = &['"', '\'', '-', '.', '“', '”', '‘', '’', '–', '—', '…'];

/// Returns the text without the characters the transform reads and writes.
fn skeleton(text: &str) -> String {
    text.chars().filter(|c| !TOUCHED.contains(c)).collect()
}

/// Random texts without quotes, hyphens or dots come out unchanged.
#[test]
fn text_without_quotes_hyphens_or_dots_never_changes() {
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    for _ in 0..3_000 {
        let text = rng.text(NEUTRAL, 40);
        assert_eq!(en(&text), text);
    }
}

/// Random texts full of quotes, hyphens and dots, cut into random pieces: the number of words
/// never changes, nothing but the punctuation changes, and each piece keeps its other text.
#[test]
fn only_punctuation_changes_and_words_stay_counted() {
    let mut alphabet = NEUTRAL.to_vec();
    alphabet.extend(['"', '"', '\'', '\'', '-', '-', '-', '.', '.', '.', 'w', 'x', 'y']);
    let mut rng = Rng(0x0dd_ba11_c0ff_ee00);
    for _ in 0..3_000 {
        let text = rng.text(&alphabet, 60);
        let out = en(&text);
        assert_eq!(out.split_whitespace().count(), text.split_whitespace().count(), "{text:?} → {out:?}");
        assert_eq!(skeleton(&out), skeleton(&text), "{text:?} → {out:?}");
        assert!(out.chars().count() <= text.chars().count(), "{text:?} → {out:?}");
        let cuts = cut(&mut rng, &text);
        let parts: Vec<(&str, bool)> = cuts.iter().map(|(t, v)| (t.as_str(), *v)).collect();
        for ((before, verbatim), after) in parts.iter().zip(pieces(&parts)) {
            assert_eq!(skeleton(&after), skeleton(before), "{parts:?}");
            if *verbatim {
                assert_eq!(&after, before);
            }
        }
    }
}

/// Cuts a text into up to four pieces at character boundaries, some of them verbatim.
fn cut(rng: &mut Rng, text: &str) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let mut bounds: Vec<usize> = (0..3).map(|_| rng.below(chars.len() + 1)).collect();
    bounds.extend([0, chars.len()]);
    bounds.sort_unstable();
    bounds.windows(2).map(|w| (chars[w[0]..w[1]].iter().collect(), rng.below(4) == 0)).collect()
}

#[test]
fn a_text_without_replaceable_characters_comes_back_as_it_is() {
    // The fast path (no quote, hyphen or dot outside verbatim pieces) and the full walk agree.
    assert_eq!(
        pieces(&[("Kubernetes at scale", false), ("run \"it\"", true)]),
        ["Kubernetes at scale", "run \"it\""]
    );
    assert_eq!(en("Über naïve café, 10×"), "Über naïve café, 10×");
    assert_eq!(pieces(&[("a", false), ("", false), ("b", true)]), ["a", "", "b"]);
}

#[test]
fn addresses_are_found_by_any_case_of_their_markers() {
    // The cheap pre-test must not miss an address whose markers are uppercase.
    assert_eq!(
        en("see WWW.Example.com -- or HTTPS://X.org/a--b"),
        "see WWW.Example.com – or HTTPS://X.org/a--b"
    );
    assert_eq!(en("mail JANE@X.ORG--now"), "mail JANE@X.ORG--now");
    assert_eq!(en("mail jane@x... now"), "mail jane@x… now");
    assert_eq!(en("a wide---gap"), "a wide—gap");
}

#[test]
fn the_walk_changes_nothing_in_pieces_that_may_not_change() {
    // `smarten` skips the walk when no piece `may_change`. Over every text of up to five of
    // these characters, cut into two pieces at every place, the walk must then change nothing.
    const ALPHABET: [char; 8] = ['a', ' ', '-', '.', '\t', 'w', '@', '1'];
    let mut skipped = 0;
    for len in 1..=5u32 {
        for code in 0..ALPHABET.len().pow(len) {
            let text: String =
                (0..len).map(|k| ALPHABET[code / ALPHABET.len().pow(k) % ALPHABET.len()]).collect();
            for cut in 0..=text.len() {
                let (a, b) = text.split_at(cut);
                if may_change(a) || may_change(b) {
                    continue;
                }
                let parts = [Piece { text: a, verbatim: false }, Piece { text: b, verbatim: false }];
                assert_eq!(walk(&parts, &Quotes::ENGLISH), [a, b], "{a:?} | {b:?}");
                skipped += 1;
            }
        }
    }
    assert!(skipped > 10_000, "{skipped}");
    // The test sees texts that do change: the skip is not all it checks.
    assert!(may_change("a - b") && may_change("a -") && may_change("a--b") && may_change("so..."));
    assert_eq!(en("a - b... c--d"), "a – b… c–d");
}

#[test]
fn the_byte_scan_for_changes_agrees_with_the_character_searches() {
    // What `may_change` asked before it scanned bytes: three searches of the text.
    let searched = |text: &str| {
        text.contains(['"', '\''])
            || text.contains("...")
            || text.match_indices('-').any(|(i, _)| hyphen_may_change(text, i))
    };
    let parts = ["a", "-", " ", ".", "..", "'", "\"", "é", "—", "\u{a0}", "–", "x-y", "\n"];
    for a in parts {
        for b in parts {
            for c in parts {
                let text = format!("{a}{b}{c}");
                assert_eq!(may_change(&text), searched(&text), "{text:?}");
            }
        }
    }
}
