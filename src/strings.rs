//! Slicing user text without panics. Every byte offset into a profile's text is computed by
//! code that scans that text, so it should fall on a character boundary; [`slice`] checks it
//! anyway. A wrong offset is a bug: debug builds (the tests) stop on it with
//! the offending range, release builds take the empty string and go on, so hostile text can
//! never abort a render or a batch.

use std::fmt::Debug;
use std::slice::SliceIndex;

/// Returns `text[range]`, or `""` when the range is out of bounds or splits a character (a bug
/// caught by a debug assertion).
pub(crate) fn slice<R>(text: &str, range: R) -> &str
where
    R: SliceIndex<str, Output = str> + Clone + Debug,
{
    let part = text.get(range.clone());
    debug_assert!(part.is_some(), "byte range {range:?} does not fit a text of {} bytes", text.len());
    part.unwrap_or_default()
}

/// Returns the offset of the character boundary at or before `at` (the text's end when `at` is
/// past it).
pub(crate) fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Returns at most `max` characters of `text`, with "…" when it was cut: a long user string
/// (a 10 KB word) quoted in a message stays readable.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", slice(text, ..end)),
        None => text.to_owned(),
    }
}

/// [`excerpt`] of `text` with each run of white space (tabs, carriage returns, line breaks)
/// shown as one space and none at the ends: a word that must not break may hold white space,
/// and a message quoting sixty carriage returns names nothing the user can find.
pub(crate) fn visible_excerpt(text: &str, max: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    excerpt(&collapsed, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_on_boundaries_and_survives_bad_ranges_in_release() {
        assert_eq!(slice("héllo", 0..1), "h");
        assert_eq!(slice("héllo", 1..3), "é");
        assert_eq!(floor_char("héllo", 2), 1);
        assert_eq!(floor_char("héllo", 99), 6);
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(visible_excerpt("\r\r a\t\tb \n", 10), "a b");
        assert_eq!(visible_excerpt("\r\r abcdef", 3), "abc…");
        assert_eq!(visible_excerpt(" \r\t", 3), "");
        assert_eq!(excerpt("abc", 3), "abc");
        assert_eq!(excerpt("ééé", 2), "éé…");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "does not fit")]
    fn a_range_inside_a_character_is_caught_in_debug_builds() {
        let _ = slice("héllo", 2..3);
    }
}
