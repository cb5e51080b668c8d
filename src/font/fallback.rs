//! Font fallback per grapheme cluster: the layout's face first, then the user's families (in the
//! order they were loaded), then the bundled Devanagari, Arabic, Hebrew, Thai and CJK faces;
//! emoji clusters (and only those) go to the colour emoji face.
//!
//! Each fallback face is taken in the style of the layout's face. A family without that style
//! gives a synthetic face ([`super::Synthetic`]): the fallback decides here that a bold run of
//! Chinese is drawn emboldened, and the run carries that to the PDF.

use std::ops::Range;

use unicode_properties::{EmojiStatus, UnicodeEmoji};
use unicode_segmentation::UnicodeSegmentation;

use super::{EMOJI_FAMILY, FALLBACK_FAMILIES, FontBook, FontId};

/// A stretch of text set in one face.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontRun {
    /// Byte range in the segmented text.
    pub range: Range<usize>,
    /// The face chosen for it.
    pub font: FontId,
}

/// A character no face has; it is drawn with the primary face's missing-glyph box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChar {
    /// The character.
    pub ch: char,
    /// Its byte offset in the segmented text.
    pub offset: usize,
}

/// Zero-width joiner: glues emoji into one (ZWJ sequences).
const ZWJ: char = '\u{200D}';
/// Variation selector 16: asks for emoji presentation.
const VS16: char = '\u{FE0F}';
/// Combining enclosing keycap: `1️⃣`.
const KEYCAP: char = '\u{20E3}';

/// Splits `text` into runs of one face each, choosing per grapheme cluster.
pub fn segment(book: &FontBook, text: &str, primary: FontId) -> (Vec<FontRun>, Vec<MissingChar>) {
    match ascii_run(book, text, primary) {
        Some(runs) => (runs, Vec::new()),
        None => by_cluster(book, text, primary),
    }
}

/// The common case, decided without segmenting: ASCII text in a face that has all of it is
/// one run of that face (no ASCII cluster is an emoji, and the face is first in the chain), so
/// this gives what [`by_cluster`] would. `None` when the shortcut does not apply.
fn ascii_run(book: &FontBook, text: &str, primary: FontId) -> Option<Vec<FontRun>> {
    if !ascii_in(book, text, primary) {
        return None;
    }
    Some(if text.is_empty() { Vec::new() } else { vec![FontRun { range: 0..text.len(), font: primary }] })
}

/// Whether `text` is ASCII that face `primary` has all of: then [`segment`] gives one run of
/// that face (none for empty text) and no missing characters, and a caller that shapes many
/// short texts can take that run without the vector `segment` returns.
pub fn ascii_in(book: &FontBook, text: &str, primary: FontId) -> bool {
    // One bit test per byte: the face's ASCII coverage, plus the ASCII characters that need
    // no glyph (the ASCII part of `is_invisible`).
    let needed = book.face(primary).ascii_coverage() | INVISIBLE_ASCII;
    text.is_ascii() && text.bytes().all(|b| needed & (1u128 << b) != 0)
}

/// The ASCII characters [`is_invisible`] accepts (line feed, carriage return, tab), one bit per
/// code point.
const INVISIBLE_ASCII: u128 = 1 << b'\n' | 1 << b'\r' | 1 << b'\t';

/// Splits `text` cluster by cluster: each takes the first face of the chain that has all of
/// its characters, or the emoji face for an emoji cluster.
fn by_cluster(book: &FontBook, text: &str, primary: FontId) -> (Vec<FontRun>, Vec<MissingChar>) {
    let chain = book.face(primary).chain(|| fallback_chain(book, primary));
    let emoji = chain.last().copied().filter(|&id| book.face(id).family == EMOJI_FAMILY);
    let chain = &chain[..chain.len() - usize::from(emoji.is_some())];
    let mut runs: Vec<FontRun> = Vec::new();
    let mut missing = Vec::new();
    for (start, cluster) in text.grapheme_indices(true) {
        let font = choose(book, cluster, chain, emoji).unwrap_or_else(|| {
            missing.extend(uncovered(book, cluster, chain, start));
            primary
        });
        let end = start + cluster.len();
        match runs.last_mut() {
            Some(run) if run.font == font && run.range.end == start => run.range.end = end,
            _ => runs.push(FontRun { range: start..end, font }),
        }
    }
    (runs, missing)
}

/// Returns the faces to try for text clusters (the primary, then each user family, then each
/// bundled fallback family, all in the primary's style), followed by the emoji face when there
/// is one.
fn fallback_chain(book: &FontBook, primary: FontId) -> Vec<FontId> {
    let (bold, italic) = (book.face(primary).bold, book.face(primary).italic);
    let mut chain = vec![primary];
    let families = book.user_families().into_iter().chain(FALLBACK_FAMILIES.iter().copied());
    for id in families.filter_map(|f| book.select(f, bold, italic)) {
        if !chain.contains(&id) {
            chain.push(id);
        }
    }
    chain.extend(book.select(EMOJI_FAMILY, false, false));
    chain
}

/// Picks the face for one cluster, or `None` when no face has all of its characters.
fn choose(book: &FontBook, cluster: &str, chain: &[FontId], emoji: Option<FontId>) -> Option<FontId> {
    if let Some(e) = emoji.filter(|_| is_emoji_cluster(cluster)) {
        let base = cluster.chars().next()?;
        if book.face(e).covers(base) {
            return Some(e);
        }
    }
    chain.iter().copied().find(|&id| covers_cluster(book, id, cluster))
}

/// Whether face `id` has every character of the cluster that needs a glyph.
fn covers_cluster(book: &FontBook, id: FontId, cluster: &str) -> bool {
    let face = book.face(id);
    cluster.chars().all(|c| is_invisible(c) || face.covers(c))
}

/// Characters that need no glyph of their own (joiners, selectors, line breaks).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE00}'..='\u{FE0F}' | '\u{00AD}' | '\n' | '\r' | '\t')
        || is_skin_tone(c)
}

/// Lists the characters of a cluster no face in the chain has.
fn uncovered(book: &FontBook, cluster: &str, chain: &[FontId], start: usize) -> Vec<MissingChar> {
    cluster
        .char_indices()
        .filter(|&(_, c)| !is_invisible(c) && !chain.iter().any(|&id| book.face(id).covers(c)))
        .map(|(i, ch)| MissingChar { ch, offset: start + i })
        .collect()
}

/// Whether a grapheme cluster should be drawn as a colour emoji: a character with emoji
/// presentation by default, or any sequence with VS16, a ZWJ, a keycap or regional indicators.
pub fn is_emoji_cluster(cluster: &str) -> bool {
    let mut chars = cluster.chars();
    let Some(first) = chars.next() else { return false };
    if cluster.contains([VS16, KEYCAP]) {
        return true;
    }
    let presentation = matches!(
        first.emoji_status(),
        EmojiStatus::EmojiPresentation
            | EmojiStatus::EmojiPresentationAndModifierBase
            | EmojiStatus::EmojiPresentationAndEmojiComponent
            | EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
    );
    presentation || (cluster.contains(ZWJ) && first.is_emoji_char())
}

/// Whether `c` is one of the five Fitzpatrick skin-tone modifiers (U+1F3FB–U+1F3FF).
pub fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

/// Returns the predicate of characters to leave out when shaping with face `id`: skin-tone
/// modifiers the face lacks are dropped so the base emoji is drawn instead of a box.
pub fn skip_for(book: &FontBook, id: FontId) -> impl Fn(char) -> bool + '_ {
    let face = book.face(id);
    move |c| is_skin_tone(c) && !face.covers(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Synthetic;

    fn families(text: &str) -> Vec<(String, String)> {
        let book = FontBook::bundled();
        let (runs, _) = segment(&book, text, FontId(0));
        runs.iter().map(|r| (text[r.range.clone()].to_string(), book.face(r.font).family.clone())).collect()
    }

    #[test]
    fn the_invisible_ascii_mask_is_the_ascii_part_of_is_invisible() {
        for b in 0u8..128 {
            assert_eq!(INVISIBLE_ASCII & (1u128 << b) != 0, is_invisible(char::from(b)), "{b}");
        }
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_clusters_in_every_face() {
        let book = FontBook::bundled();
        let mut texts: Vec<String> = (0u8..128).map(|b| char::from(b).to_string()).collect();
        texts.extend(["", "a\r\nb", "tab\there", "C++ & Rust: 100% #1 *", "line\n"].map(String::from));
        texts.push((32u8..127).map(char::from).collect());
        for id in (0..book.len()).map(|i| FontId(i as u16)) {
            for text in &texts {
                let fast = ascii_run(&book, text, id);
                let (slow, missing) = by_cluster(&book, text, id);
                if let Some(fast) = fast {
                    assert!(missing.is_empty(), "{text:?} in {id:?}");
                    assert_eq!(fast, slow, "{text:?} in {id:?}");
                }
                assert_eq!(segment(&book, text, id), by_cluster(&book, text, id), "{text:?} in {id:?}");
            }
        }
        // The shortcut does apply to the body face, and does not to a face without letters.
        assert!(ascii_run(&book, "Hello", FontId(0)).is_some());
        let emoji = book.select(EMOJI_FAMILY, false, false).unwrap();
        assert!(ascii_run(&book, "Hello", emoji).is_none());
    }

    #[test]
    fn latin_stays_in_the_primary_face() {
        assert_eq!(families("Hello, wörld"), vec![("Hello, wörld".into(), "Source Serif 4".into())]);
    }

    #[test]
    fn emoji_and_flags_go_to_the_emoji_face() {
        let f = families("Hi 👋 from 🇬🇧 London ☁️");
        let emoji: Vec<_> =
            f.iter().filter(|(_, fam)| fam == EMOJI_FAMILY).map(|(t, _)| t.as_str()).collect();
        assert_eq!(emoji, vec!["👋", "🇬🇧", "☁️"]);
    }

    #[test]
    fn text_presentation_symbols_stay_text() {
        // Digits, © and ™ are in the emoji font but must not be drawn as emoji without VS16.
        let f = families("© 2024 ™ #1");
        assert!(f.iter().all(|(_, fam)| fam != EMOJI_FAMILY), "{f:?}");
    }

    #[test]
    fn scripts_fall_back_in_order() {
        let f = families("नमस्ते مرحبا שלום ไทย 中文");
        let fams: Vec<_> =
            f.iter().map(|(_, fam)| fam.as_str()).filter(|&fam| fam != "Source Serif 4").collect();
        let expected = [
            "Noto Sans Devanagari",
            "Noto Sans Arabic",
            "Noto Sans Hebrew",
            "Noto Sans Thai",
            "Droid Sans Fallback",
        ];
        assert_eq!(fams, expected);
    }

    #[test]
    fn hebrew_and_thai_have_their_faces_in_the_runs_weight() {
        let book = FontBook::bundled();
        for (primary, bold) in [(FontId(0), false), (FontId(1), true), (FontId(4), false), (FontId(5), true)]
        {
            let text = "שלום עולם สวัสดีครับ";
            let (runs, missing) = segment(&book, text, primary);
            assert!(missing.is_empty(), "{missing:?}");
            let faces: Vec<_> = runs
                .iter()
                .map(|r| book.face(r.font))
                .filter(|f| f.family != book.face(primary).family)
                .collect();
            let families: Vec<_> = faces.iter().map(|f| f.family.as_str()).collect();
            assert!(
                families.contains(&"Noto Sans Hebrew") && families.contains(&"Noto Sans Thai"),
                "{families:?}"
            );
            // Both families have a real bold: nothing is faked.
            assert!(faces.iter().all(|f| f.bold == bold && f.synthetic.is_none()), "{faces:?}");
        }
    }

    #[test]
    fn cjk_in_a_bold_or_italic_run_is_synthesised() {
        let book = FontBook::bundled();
        let cases = [
            (FontId(0), Synthetic::default()),
            (FontId(1), Synthetic { bold: true, italic: false }),
            (FontId(2), Synthetic { bold: false, italic: true }),
            (FontId(3), Synthetic { bold: true, italic: true }),
        ];
        for (primary, expected) in cases {
            let (runs, _) = segment(&book, "Rust 中文", primary);
            assert_eq!(runs.len(), 2, "{runs:?}");
            assert_eq!(book.face(runs[0].font).synthetic, Synthetic::default());
            let cjk = book.face(runs[1].font);
            assert_eq!((cjk.family.as_str(), cjk.synthetic), ("Droid Sans Fallback", expected));
        }
    }

    #[test]
    fn missing_characters_are_reported_with_offsets() {
        let book = FontBook::bundled();
        // U+13000 EGYPTIAN HIEROGLYPH A001 is in no bundled face.
        let (_, missing) = segment(&book, "ab\u{13000}", FontId(0));
        assert_eq!(missing, vec![MissingChar { ch: '\u{13000}', offset: 2 }]);
    }

    #[test]
    fn unsupported_skin_tone_is_skipped_but_base_kept() {
        let book = FontBook::bundled();
        let emoji = book.select(EMOJI_FAMILY, false, false).unwrap();
        let text = "👋🏽";
        let (runs, missing) = segment(&book, text, FontId(0));
        assert!(missing.is_empty());
        assert_eq!(runs, vec![FontRun { range: 0..text.len(), font: emoji }]);
        let g = book.shape(emoji, text, 0..text.len(), "en");
        assert_eq!(g.len(), 1);
        assert_ne!(g[0].id, 0);
    }
}
