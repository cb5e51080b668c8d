//! Shaping one run of text in one face with harfrust: kerning, ligatures and the face's other
//! default features, with one shape plan cached per face, script, direction and language and the
//! Unicode buffer reused between calls (building plans dominates otherwise).
//!
//! Shaped words are cached too, per face, by language and text (`WordCache`): a résumé
//! repeats most of its words, fitting to a page count lays the same text out several times, and
//! a batch shares one vocabulary. Glyphs are in ems, so the size is not part of the key, and the
//! result depends on nothing else (the `skip` predicate depends only on the face), so a hit
//! returns exactly what shaping would: caching never changes the output.

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use harfrust::{Direction, Language, ShapeOptions, ShapePlan, UnicodeBuffer};

use super::{FontBook, FontId};

/// One glyph out of the shaper. Advances and offsets are in ems.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapedGlyph {
    /// The glyph id in its face.
    pub id: u16,
    /// Horizontal advance in ems.
    pub advance: f32,
    /// Horizontal offset in ems.
    pub x_offset: f32,
    /// Vertical offset in ems, positive up.
    pub y_offset: f32,
    /// Byte offset, in the text given to [`FontBook::shape`], where this glyph's cluster starts.
    pub cluster: usize,
}

/// What a plan depends on besides the face.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlanKey {
    script: u32,
    direction: u8,
    lang: String,
}

/// The plans built so far for one face, looked up linearly: a résumé uses a handful of
/// script/language pairs per face, so a vector beats a hash map and keeps iteration ordered.
/// The face's shaped-word cache lives here too, so that a [`FontBook`] carries all its caches.
pub(super) struct PlanCache {
    plans: Mutex<Vec<(PlanKey, Arc<ShapePlan>)>>,
    words: WordCache,
}

/// Texts longer than this many bytes are shaped every time: words and word fragments are
/// shorter, and the limit bounds the size of an entry.
pub const WORD_CACHE_MAX_TEXT: usize = 64;
/// The most entries the word cache of one face holds. With keys of at most
/// [`WORD_CACHE_MAX_TEXT`] bytes and typically 4–10 glyphs of 24 bytes per entry, a full cache
/// takes about 2 MiB per face in use; a two-page résumé fills a few hundred entries, a batch of
/// a thousand distinct résumés about ten thousand for the body face.
pub const WORD_CACHE_CAPACITY: usize = 8192;
/// Shaped words of one face by language and text, with clusters relative to the text's start.
type WordCache = crate::cache::ShardedCache<String, Arc<[ShapedGlyph]>>;

impl Default for PlanCache {
    fn default() -> PlanCache {
        PlanCache { plans: Mutex::default(), words: WordCache::new(WORD_CACHE_CAPACITY) }
    }
}

impl std::fmt::Debug for PlanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanCache")
    }
}

thread_local! {
    /// A buffer kept per thread so that shaping allocates only when a run is longer than any before.
    static BUFFER: std::cell::RefCell<Option<UnicodeBuffer>> = const { std::cell::RefCell::new(None) };
}

impl FontBook {
    /// Shapes `text[range]` in face `id`. Characters for which `skip` returns true are left out
    /// of shaping (an unsupported skin-tone modifier), but stay in the clusters' text.
    /// `lang` is a BCP 47 tag selecting language-specific forms.
    ///
    /// Short texts are cached per face and language; `skip` must depend only on the face (as
    /// [`fallback::skip_for`](super::fallback::skip_for) does), since it is not part of the key.
    pub fn shape(
        &self,
        id: FontId,
        text: &str,
        range: std::ops::Range<usize>,
        lang: &str,
        skip: &dyn Fn(char) -> bool,
    ) -> Vec<ShapedGlyph> {
        // A synthetic face has its base face's glyphs: shaping (and its caches) are that face's.
        let id = self.shaping_face(id);
        let words = &self.plans[usize::from(id.0)].words;
        let word = &text[range.clone()];
        if word.len() > WORD_CACHE_MAX_TEXT {
            return self.shape_uncached(id, text, range, lang, skip);
        }
        let at = |g: &ShapedGlyph| ShapedGlyph { cluster: g.cluster + range.start, ..*g };
        if let Some(glyphs) = words.get(lang, word) {
            return glyphs.iter().map(at).collect();
        }
        let glyphs = self.shape_uncached(id, word, 0..word.len(), lang, skip);
        words.insert(lang, word, glyphs.as_slice().into());
        glyphs.iter().map(at).collect()
    }

    /// Shapes `text[range]` without the word cache.
    fn shape_uncached(
        &self,
        id: FontId,
        text: &str,
        range: std::ops::Range<usize>,
        lang: &str,
        skip: &dyn Fn(char) -> bool,
    ) -> Vec<ShapedGlyph> {
        let face = self.face(id);
        let font = face.font_ref();
        let shaper = face.shaper_data().shaper(&font).build();
        let mut buffer = BUFFER.with(|b| b.borrow_mut().take()).unwrap_or_default();
        fill_buffer(&mut buffer, text, range, skip);
        buffer.guess_segment_properties();
        let language = Language::from_str(lang).ok();
        if let Some(l) = &language {
            buffer.set_language(l.clone());
        }
        let plan = self.plan(id, &shaper, &buffer, language.as_ref());
        let glyphs = shaper.shape(buffer, ShapeOptions::new().plan(Some(&plan)));
        let upem = f32::from(face.units_per_em);
        let out = glyphs
            .glyph_infos()
            .iter()
            .zip(glyphs.glyph_positions())
            .map(|(info, pos)| ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster as usize,
            })
            .collect();
        BUFFER.with(|b| *b.borrow_mut() = Some(glyphs.clear()));
        out
    }

    /// Returns the cached plan for the buffer's script, direction and language, building it once.
    fn plan(
        &self,
        id: FontId,
        shaper: &harfrust::Shaper<'_>,
        buffer: &UnicodeBuffer,
        language: Option<&Language>,
    ) -> Arc<ShapePlan> {
        let key = PlanKey {
            script: u32::from_be_bytes(buffer.script().tag().to_be_bytes()),
            direction: buffer.direction() as u8,
            lang: language.map(|l| l.as_str().to_string()).unwrap_or_default(),
        };
        let cache = &self.plans[usize::from(id.0)];
        let mut plans = cache.plans.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, plan)) = plans.iter().find(|(k, _)| *k == key) {
            return plan.clone();
        }
        let direction = match buffer.direction() {
            Direction::Invalid => Direction::LeftToRight,
            d => d,
        };
        let plan = Arc::new(ShapePlan::new(shaper, direction, Some(buffer.script()), language, &[]));
        plans.push((key, plan.clone()));
        plan
    }
}

/// Puts the characters of `text[range]` into the buffer with their byte offsets as clusters.
fn fill_buffer(
    buffer: &mut UnicodeBuffer,
    text: &str,
    range: std::ops::Range<usize>,
    skip: &dyn Fn(char) -> bool,
) {
    for (i, c) in text[range.clone()].char_indices() {
        if !skip(c) {
            buffer.add(c, (range.start + i) as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_skip(_: char) -> bool {
        false
    }

    #[test]
    fn kerning_is_applied() {
        let book = FontBook::bundled();
        let av = book.shape(FontId(0), "AV", 0..2, "en", &no_skip);
        let a = book.shape(FontId(0), "A", 0..1, "en", &no_skip);
        let v = book.shape(FontId(0), "V", 0..1, "en", &no_skip);
        let pair: f32 = av.iter().map(|g| g.advance).sum();
        assert!(pair < a[0].advance + v[0].advance, "AV should be kerned tighter");
    }

    #[test]
    fn ligature_covers_both_letters() {
        let book = FontBook::bundled();
        let g = book.shape(FontId(0), "fit", 0..3, "en", &no_skip);
        assert_eq!(g.len(), 2, "Source Serif 4 forms an fi ligature");
        assert_eq!(g[0].cluster, 0);
        assert_eq!(g[1].cluster, 2);
    }

    #[test]
    fn clusters_are_offsets_into_the_whole_text() {
        let book = FontBook::bundled();
        let g = book.shape(FontId(4), "ab cd", 3..5, "en", &no_skip);
        assert_eq!(g.iter().map(|g| g.cluster).collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn flags_become_one_glyph() {
        let book = FontBook::bundled();
        let flag = "🇬🇧";
        let g = book.shape(FontId(12), flag, 0..flag.len(), "en", &no_skip);
        assert_eq!(g.len(), 1);
        assert!(g[0].id != 0);
    }

    #[test]
    fn cached_words_equal_fresh_shaping_at_any_offset() {
        let book = FontBook::bundled();
        let text = "office AV fit office Kubernetes fit";
        let words = [(0, 6), (7, 9), (10, 13), (14, 20), (21, 31), (32, 35)];
        for lang in ["en", "de"] {
            for (start, end) in words {
                let fresh = book.shape_uncached(FontId(0), text, start..end, lang, &no_skip);
                // Twice: the second call is a hit (and "office", "fit" repeat at other offsets).
                assert_eq!(book.shape(FontId(0), text, start..end, lang, &no_skip), fresh);
                assert_eq!(book.shape(FontId(0), text, start..end, lang, &no_skip), fresh);
            }
        }
    }

    #[test]
    fn the_word_cache_is_bounded() {
        let book = FontBook::bundled();
        for i in 0..WORD_CACHE_CAPACITY * 2 {
            let word = format!("w{i}");
            book.shape(FontId(4), &word, 0..word.len(), "en", &no_skip);
        }
        let words = &book.plans[4].words;
        let held = words.len();
        assert!(held > 0 && held <= WORD_CACHE_CAPACITY, "{held} entries");
    }

    #[test]
    fn repeated_shaping_reuses_one_plan() {
        let book = FontBook::bundled();
        for _ in 0..3 {
            book.shape(FontId(0), "plan", 0..4, "en", &no_skip);
        }
        assert_eq!(book.plans[0].plans.lock().unwrap().len(), 1);
    }
}
