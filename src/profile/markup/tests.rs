//! Tests of `profile::markup`.

use super::*;

/// Shows spans compactly: `b`, `i`, `c` flags, then the text, then `->url` for links.
fn show(text: &str) -> Vec<String> {
    let rich = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    rich.spans.iter().map(show_span).collect()
}

fn show_span(span: &Span) -> String {
    let flags = [(span.style.bold, "b"), (span.style.italic, "i"), (span.style.code, "c")];
    let flags: String = flags.iter().filter(|(on, _)| *on).map(|(_, f)| *f).collect();
    let prefix = if flags.is_empty() { String::new() } else { format!("{flags}:") };
    let link = span.link.as_ref().map(|l| format!("->{l}")).unwrap_or_default();
    format!("{prefix}{}{link}", span.text)
}

#[test]
fn plain_text_is_one_span() {
    assert_eq!(show("Led the migration."), ["Led the migration."]);
    assert!(show("").is_empty());
}

#[test]
fn bold_italic_and_code() {
    assert_eq!(show("**bold** and *it* and _it_"), ["b:bold", " and ", "i:it", " and ", "i:it"]);
    assert_eq!(show("use `a*b*c` here"), ["use ", "c:a*b*c", " here"]);
    assert_eq!(show("``a ` b``"), ["c:a ` b"]);
    assert_eq!(show("` `` `"), ["c:``"]);
}

#[test]
fn nested_bold_and_italic() {
    assert_eq!(show("***both***"), ["bi:both"]);
    assert_eq!(show("**bold *both* bold**"), ["b:bold ", "bi:both", "b: bold"]);
    assert_eq!(show("*it **both** it*"), ["i:it ", "bi:both", "i: it"]);
    assert_eq!(show("_it **both**_"), ["i:it ", "bi:both"]);
    assert_eq!(show("**Technical Environment:** AWS"), ["b:Technical Environment:", " AWS"]);
}

#[test]
fn unclosed_markers_stay_literal() {
    assert_eq!(show("5 * 3 = 15"), ["5 * 3 = 15"]);
    assert_eq!(show("a lone *star"), ["a lone *star"]);
    assert_eq!(show("**bold without end"), ["**bold without end"]);
    assert_eq!(show("*a **b*"), ["*a *", "i:b"]);
    assert_eq!(show("`unclosed code"), ["`unclosed code"]);
    assert_eq!(show("[not a link] (x)"), ["[not a link] (x)"]);
    assert_eq!(show("C++ and C#"), ["C++ and C#"]);
}

#[test]
fn snake_case_keeps_underscores() {
    assert_eq!(show("call snake_case_name now"), ["call snake_case_name now"]);
    assert_eq!(show("__init__ method"), ["__init__ method"]);
    assert_eq!(show("_italic_, then snake_case"), ["i:italic", ", then snake_case"]);
}

#[test]
fn escapes() {
    assert_eq!(show(r"\*not italic\*"), ["*not italic*"]);
    assert_eq!(show(r"\`tick\` \[x\](y) \\ \_"), [r"`tick` [x](y) \ _"]);
    assert_eq!(show(r"C:\Users stays"), [r"C:\Users stays"]);
    assert_eq!(show("trailing \\"), ["trailing \\"]);
}

#[test]
fn links_with_labels() {
    assert_eq!(show("see [my site](https://example.com)."), ["see ", "my site->https://example.com", "."]);
    assert_eq!(show("[**bold** label](https://x.org)"), ["b:bold->https://x.org", " label->https://x.org"]);
    assert_eq!(show("**[label](https://x.org)**"), ["b:label->https://x.org"]);
    assert_eq!(
        show("[wiki](https://en.wikipedia.org/wiki/Rust_(language))"),
        ["wiki->https://en.wikipedia.org/wiki/Rust_(language)"]
    );
    assert_eq!(show("[mail](mailto:jane@example.com)"), ["mail->mailto:jane@example.com"]);
    assert_eq!(show("[call](tel:+15551234567)"), ["call->tel:+15551234567"]);
    assert_eq!(show("[site](www.example.com)"), ["site->https://www.example.com"]);
    assert_eq!(show("[](https://x.org)"), ["https://x.org->https://x.org"]);
    assert_eq!(show("[a [b](https://b.org)](https://a.org)"), ["a [b](https://b.org)->https://a.org"]);
    assert_eq!(show("[see https://x.org](https://y.org)"), ["see https://x.org->https://y.org"]);
}

#[test]
fn bare_urls_leave_trailing_punctuation() {
    assert_eq!(show("See https://example.com."), ["See ", "https://example.com->https://example.com", "."]);
    assert_eq!(
        show("(https://example.com/a_b_c)"),
        ["(", "https://example.com/a_b_c->https://example.com/a_b_c", ")"]
    );
    assert_eq!(
        show("at www.example.com, then"),
        ["at ", "www.example.com->https://www.example.com", ", then"]
    );
    assert_eq!(show("http://x.org/?q=1!"), ["http://x.org/?q=1->http://x.org/?q=1", "!"]);
    assert_eq!(show("**https://x.org**"), ["b:https://x.org->https://x.org"]);
    assert_eq!(show("https:// alone"), ["https:// alone"]);
    assert_eq!(show("awww.example.com"), ["awww.example.com"]);
}

#[test]
fn emails_become_links() {
    assert_eq!(
        show("mail jane.doe@example.com."),
        ["mail ", "jane.doe@example.com->mailto:jane.doe@example.com", "."]
    );
    assert_eq!(
        show("first_last@example.co.uk"),
        ["first_last@example.co.uk->mailto:first_last@example.co.uk"]
    );
    assert_eq!(show("@handle and a@b and x@1.2"), ["@handle and a@b and x@1.2"]);
}

#[test]
fn non_latin_text_and_emoji() {
    assert_eq!(show("**Zürich** – 東京 🚀 *Ω*"), ["b:Zürich", " – 東京 🚀 ", "i:Ω"]);
    assert_eq!(show("मैं **हिंदी** बोलता हूँ"), ["मैं ", "b:हिंदी", " बोलता हूँ"]);
    assert_eq!(show("👩‍💻 _مرحبا_"), ["👩‍💻 ", "i:مرحبا"]);
}

#[test]
fn bad_links_are_errors() {
    let err = |text: &str| parse(text).unwrap_err();
    assert_eq!(err("[x](javascript:alert(1))").message, "the link scheme `javascript:` is not allowed");
    assert_eq!(err("[x](javascript:alert(1))").offset, 4);
    assert_eq!(err("[x](file:///etc/passwd)").message, "the link scheme `file:` is not allowed");
    assert_eq!(err("[x](ftp://x.org)").message, "the link scheme `ftp:` is not allowed");
    assert_eq!(err("[x](data:text/html,hi)").message, "the link scheme `data:` is not allowed");
    assert_eq!(err("a [talk](#) b").message, "the link has no target");
    assert_eq!(err("a [talk](#) b").offset, 9);
    assert_eq!(err("[talk]()").message, "the link has no target");
    assert_eq!(
        err("[x](https://exa mple.com)").message,
        "the link target `https://exa mple.com` contains a space"
    );
    assert_eq!(err("[x](example.com)").message, "the link target `example.com` has no scheme");
    assert_eq!(
        err("[x](https:example.com)").message,
        "the link target `https:example.com` is not a well-formed URL"
    );
    assert_eq!(parse_inline("[x](JavaScript:x)"), Err("the link scheme `JavaScript:` is not allowed".into()));
}

#[test]
fn hostile_input_is_fast_and_safe() {
    let many = "*a ".repeat(50_000) + &"a* ".repeat(50_000);
    assert!(parse(&many).is_ok());
    let nested = "[".repeat(500_000) + &"]".repeat(500_000);
    assert!(parse(&nested).is_ok());
    assert!(parse(&format!("https://x.org{}", ")".repeat(100_000))).is_ok());
    let ticks: String = (1..400).map(|n| "`".repeat(n) + " ").collect();
    assert!(parse(&ticks).is_ok());
    assert!(parse(&"`".repeat(10_001)).is_ok());
    assert!(parse(&"_*".repeat(20_000)).is_ok());
}

/// Found by the mutation fuzzer: `www.` at the end of a text made the address's trailing
/// punctuation reach back into the scheme, and slicing panicked (`begin > end (4 > 3)`).
#[test]
fn bare_www_at_the_end_of_a_text_stays_plain() {
    assert_eq!(show("Find me at www."), ["Find me at www."]);
    for text in
        ["www.", "www..", "WWW.", "http://", "https://.", "https://..,", "www.,;", "a@b.", "@", "x@.c"]
    {
        let rich = parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let printed: String = rich.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(printed, text, "{text} prints as written");
    }
    assert_eq!(show("see www.x.org."), ["see ", "www.x.org->https://www.x.org", "."]);
}

/// Every prefix and suffix of texts with multi-byte characters next to markup parses
/// without panicking and keeps its letters (a cheap exhaustive check beside the fuzzer).
#[test]
fn every_cut_of_tricky_text_parses() {
    let texts = ["é**ü**`ç`[ñ](https://é.org) www.é.de 😀@x.io \\é _ß_", "[**a**](www.b.c)`` ` ``"];
    for text in texts {
        for (i, _) in text.char_indices() {
            for part in [&text[..i], &text[i..]] {
                if let Ok(rich) = parse(part) {
                    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
                    let printed: usize = rich.spans.iter().map(|s| letters(&s.text)).sum();
                    assert!(printed <= letters(part), "{part}");
                }
            }
        }
    }
}

#[test]
fn every_link_scheme_has_a_well_formed_example_and_no_other_scheme_is_allowed() {
    let examples =
        ["http://example.com", "https://example.com", "mailto:jane@example.com", "tel:+15551234567"];
    for scheme in LINK_SCHEMES {
        let example = examples.iter().find(|e| e.starts_with(&format!("{scheme}:"))).expect(scheme);
        assert_eq!(check_scheme(example), Ok(()), "{scheme}");
        assert!(is_link_scheme(&scheme.to_ascii_uppercase()), "{scheme}");
    }
    let (message, hint) = check_scheme("javascript:alert(1)").unwrap_err();
    assert_eq!(message, "the link scheme `javascript:` is not allowed");
    assert_eq!(hint, "only `http`, `https`, `mailto` and `tel` links are allowed");
    assert!(!is_link_scheme("file"));
}

#[test]
fn words_are_copied_whole_but_addresses_after_them_are_still_found() {
    // The lexer takes the ASCII letters and digits after a letter or digit in one step: an
    // address right after a space, a bracket, a non-ASCII letter's word or markup still starts
    // where it did, and one glued to a word still does not.
    assert_eq!(
        show("Kubernetes https://k8s.io now"),
        ["Kubernetes ", "https://k8s.io->https://k8s.io", " now"]
    );
    assert_eq!(show("über www.x.org"), ["über ", "www.x.org->https://www.x.org"]);
    assert_eq!(show("ab1www.x.org and nohttps://x.org"), ["ab1www.x.org and nohttps://x.org"]);
    assert_eq!(show("éwww.x.org"), ["éwww.x.org"]);
    assert_eq!(show("mail:jane@x.org"), ["mail:", "jane@x.org->mailto:jane@x.org"]);
    assert_eq!(show("abc*def*ghi **jkl**mno"), ["abc", "i:def", "ghi ", "b:jkl", "mno"]);
    assert_eq!(show("abc\\*def `x1` z9[a](https://a.org)"), ["abc*def ", "c:x1", " z9", "a->https://a.org"]);
}

#[test]
fn skipping_the_address_check_changes_nothing() {
    // `may_hold_address` lets the lexer skip the bare-address check at every word of a text
    // that cannot hold one: with the check forced on, every text lexes the same.
    let texts = [
        "Led the migration of 40 services  to   Kubernetes",
        "see WWW.Example.org. or Www.x.io",
        "mail me: a@b.co, or -x@y.org",
        "HTTPS://x.io/a_b and http://y.io",
        "word  *it*  __x__ `c` [label](https://l.io) **b** _i_",
        "www",
        "a.www.b",
        "café naïve  déjà vu 3:2",
        "a[b]c (x) - y, z! 50% ~ # $ + = < > {}",
        "\\[not a link\\] \\ \\q trailing \\",
        "ünïcödé — dash… ‘q’ “q” 中文 🎉 emoji",
        "[label with *em*, _u_ and [inner]](https://l.io) after, `unclosed",
        "**bold, then** plain; _a_b_ *x*y* ***z***",
    ];
    for text in texts {
        let mut forced = Lexer::new(text, 0, true);
        forced.autolinks = true;
        assert_eq!(Lexer::new(text, 0, true).run(), forced.run(), "{text}");
    }
    assert!(!may_hold_address("Led the migration. Then more."));
    assert!(may_hold_address("see wWw.x.io"));
}

#[test]
fn text_without_markup_parses_as_the_lexer_would_parse_it() {
    let texts = [
        "",
        " ",
        "Software Engineer, IC2",
        "  padded  ",
        "Bangalore, India",
        "2021-03",
        "Zürich — 東京 😀 עברית",
        "line\nbreak",
        "tab\tinside",
        "a.b www",
        "www.example.com",
        "mail me: a@b.cd",
        "https://x.io",
        "not *inert*",
        "snake_case",
        "C:\\path",
        "[label](https://x.io)",
        "`code`",
    ];
    for text in texts {
        assert_eq!(parse(text), lex(text), "{text:?}");
    }
    assert!(is_inert("Software Engineer, IC2"));
    assert!(!is_inert("snake_case"));
    assert!(!is_inert("mail me: a@b.cd"));
    assert!(!is_inert("see www.example.com"));
    assert_eq!(parse("").map(|r| r.spans.len()), Ok(0));
}
