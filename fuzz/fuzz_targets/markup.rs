//! Text → `vitae::profile::parse_inline` (inline markup). Invariants: adjacent spans differ in
//! style or link (as `Rich` documents); every link's scheme is one the parser allows (in any case); the
//! letters and digits of the result appear in the input in the same order (markup only
//! removes characters: delimiters, escapes, link targets).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The link schemes `parse_inline` accepts.
const SCHEMES: &[&str] = &["http://", "https://", "mailto:", "tel:"];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(rich) = vitae::profile::parse_inline(text) else { return };
    for w in rich.spans.windows(2) {
        assert!(
            w[0].style != w[1].style || w[0].link != w[1].link,
            "adjacent spans not merged: {:?}",
            rich.spans
        );
    }
    for link in rich.spans.iter().filter_map(|s| s.link.as_deref()) {
        // Schemes are case-insensitive (RFC 3986): `Https://` is a web link.
        let allowed = SCHEMES.iter().any(|s| link.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
        assert!(allowed, "a link with a forbidden scheme: {link:?}");
    }
    let mut input = text.chars().filter(|c| c.is_alphanumeric());
    let out = rich.to_plain();
    for c in out.chars().filter(|c| c.is_alphanumeric()) {
        assert!(input.any(|i| i == c), "output text {out:?} is not drawn from the input in order");
    }
});
