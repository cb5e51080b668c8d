//! Shaping one run of text in one face with harfrust: kerning, ligatures and the face's other
//! default features, with one shape plan cached per face, script, direction and language
//! (building plans dominates otherwise), and per session ([`Shapers`], one per layout) each
//! face's harfrust shaper, the parsed language and the Unicode buffer.
//!
//! Shaped words are cached too, per face, by language and text (`WordCache`): a résumé
//! repeats most of its words, fitting to a page count lays the same text out several times, and
//! a batch shares one vocabulary. Glyphs are in ems, so the size is not part of the key, and the
//! result depends on nothing else (the `skip` predicate depends only on the face), so a hit
//! returns exactly what shaping would: caching never changes the output.

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use harfrust::{Direction, Language, ShapeOptions, ShapePlan, UnicodeBuffer};

use super::{FontBook, FontId, fallback};

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
    /// Byte offset, in the text given to [`Shapers::shape`], where this glyph's cluster starts.
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
/// The most entries the word cache of one face holds. With typically 4–10 glyphs of 24 bytes
/// per entry, a full cache takes about 2 MiB per face in use (at most about 3.5 MiB, with the
/// means below); a two-page résumé fills a few hundred entries, a batch of a thousand distinct
/// résumés about ten thousand for the body face.
pub const WORD_CACHE_CAPACITY: usize = 8192;
/// The mean text length, in bytes, a full word cache may hold: twice an ordinary word's.
const WORD_CACHE_MEAN_TEXT: usize = 16;
/// The mean glyphs per entry a full word cache may hold: more than an ordinary word has.
const WORD_CACHE_MEAN_GLYPHS: usize = 16;
/// Shaped words of one face by language and text, with clusters relative to the text's start.
type WordCache = crate::cache::ShardedCache<String, ShapedGlyph>;

impl Default for PlanCache {
    fn default() -> PlanCache {
        let words = WordCache::new(WORD_CACHE_CAPACITY, WORD_CACHE_MEAN_TEXT, WORD_CACHE_MEAN_GLYPHS);
        PlanCache { plans: Mutex::default(), words }
    }
}

impl std::fmt::Debug for PlanCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlanCache")
    }
}

impl FontBook {
    /// Shapes `text[range]` in face `id` with a session of its own (see [`Shapers::shape`]);
    /// layout keeps one [`Shapers`] for all its paragraphs instead.
    pub fn shape(
        &self,
        id: FontId,
        text: &str,
        range: std::ops::Range<usize>,
        lang: &str,
    ) -> Vec<ShapedGlyph> {
        self.shapers().shape(id, text, range, lang)
    }

    /// Returns a shaping session over this book's faces (see [`Shapers`]).
    pub fn shapers(&self) -> Shapers<'_> {
        Shapers {
            book: self,
            built: Vec::new(),
            language: None,
            plans: Vec::new(),
            buffer: None,
            spare: Vec::new(),
        }
    }
}

/// A shaping session over one [`FontBook`]: what shaping a word needs that is the same for
/// every word, made once and kept while the session lasts (a layout keeps one for all its
/// paragraphs). Each face's harfrust shaper (its tables parsed from the font file: about 1,000
/// instructions to build, more than a short word's cached lookup), the last language tag
/// parsed and the plans used in that language (found in the book's locked plan cache once per
/// session rather than once per word), the Unicode buffer (allocated again only when a text is
/// longer than any before), and the glyph vectors layout gives back ([`Shapers::recycle`]) for
/// the next results.
/// What it holds borrows the book, so it cannot outlive it; it changes no result.
pub struct Shapers<'a> {
    book: &'a FontBook,
    /// Each face's shaper once built, by face index (a synthetic face uses its base's).
    built: Vec<Option<harfrust::Shaper<'a>>>,
    /// The last language tag asked for and its parse (`None` for a tag harfrust rejects).
    language: Option<(String, Option<Language>)>,
    /// The plans used so far in that language, from the book's cache (emptied when the
    /// language changes).
    plans: Vec<SessionPlan>,
    /// The buffer harfrust fills, returned empty after each text.
    buffer: Option<UnicodeBuffer>,
    /// Empty glyph vectors given back, to hold the next results without an allocation.
    spare: Vec<Vec<ShapedGlyph>>,
}

/// A plan a session has used: the book's plan for one shaping face, script and direction in the
/// session's current language.
struct SessionPlan {
    /// The shaping face's index.
    face: u16,
    /// The script's tag, as [`PlanKey`] has it.
    script: u32,
    /// The direction, as [`PlanKey`] has it.
    direction: u8,
    /// The book's plan.
    plan: Arc<ShapePlan>,
}

/// The most glyph vectors a session keeps for reuse: more than the pieces of a long
/// paragraph (a word and a space per break opportunity), so that every piece of the previous
/// paragraph comes back; a bound on the memory kept, not on correctness.
const SPARE_VECTORS: usize = 1024;
/// The largest capacity, in glyphs, of a vector kept for reuse: what a cached word
/// ([`WORD_CACHE_MAX_TEXT`] bytes) usually needs; a vector grown for a longer text is freed.
const SPARE_CAPACITY: usize = WORD_CACHE_MAX_TEXT;
/// The room, in glyphs, of a new glyph vector: more than nearly every word or fragment has, so
/// that a vector taken back and given out again for another word rarely has to grow (growing
/// one, an allocation and a copy, was a sixth of a batch's cached shaping).
const FIRST_CAPACITY: usize = 16;

impl std::fmt::Debug for Shapers<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let built = self.built.iter().filter(|s| s.is_some()).count();
        write!(f, "Shapers({built} faces built)")
    }
}

impl<'a> Shapers<'a> {
    /// Shapes `text[range]` in face `id`; `lang` is a BCP 47 tag selecting language-specific
    /// forms. Skin-tone modifiers the face lacks are left out of shaping
    /// ([`fallback::skip_for`](super::fallback::skip_for)), so the base emoji is drawn, but
    /// stay in the clusters' text. Clusters are byte offsets into `text`.
    ///
    /// Short texts are cached per face and language: what is left out depends on the face
    /// only, so the key holds all a result depends on.
    pub fn shape(
        &mut self,
        id: FontId,
        text: &str,
        range: std::ops::Range<usize>,
        lang: &str,
    ) -> Vec<ShapedGlyph> {
        // A synthetic face has its base face's glyphs: shaping (and its caches) are that face's.
        let book = self.book;
        let id = book.shaping_face(id);
        let word = &text[range.clone()];
        let mut glyphs = self.empty();
        if word.len() > WORD_CACHE_MAX_TEXT {
            self.shape_uncached(id, word, lang, &mut glyphs);
        } else {
            let words = &book.plans[usize::from(id.0)].words;
            let shift = |g: &ShapedGlyph| ShapedGlyph { cluster: g.cluster + range.start, ..*g };
            // Copied from the cache straight into the result, clusters moved to the range.
            if words.visit(lang, word, |cached| glyphs.extend(cached.iter().map(shift))).is_some() {
                return glyphs;
            }
            self.shape_uncached(id, word, lang, &mut glyphs);
            words.insert(lang, word, &glyphs);
        }
        glyphs.iter_mut().for_each(|g| g.cluster += range.start);
        glyphs
    }

    /// Returns an empty glyph vector, one given back if there is one, else a new one with room
    /// for [`FIRST_CAPACITY`] glyphs.
    pub fn empty(&mut self) -> Vec<ShapedGlyph> {
        self.spare.pop().unwrap_or_else(|| Vec::with_capacity(FIRST_CAPACITY))
    }

    /// Takes back a glyph vector that is no longer needed (a paragraph's pieces once its lines
    /// are built), to hold a later result; up to [`SPARE_VECTORS`] of at most
    /// [`SPARE_CAPACITY`] glyphs are kept, emptied.
    pub fn recycle(&mut self, mut glyphs: Vec<ShapedGlyph>) {
        if self.spare.len() < SPARE_VECTORS && glyphs.capacity() <= SPARE_CAPACITY {
            glyphs.clear();
            self.spare.push(glyphs);
        }
    }

    /// Shapes all of `text` without the word cache into `out`; clusters are offsets into `text`.
    fn shape_uncached(&mut self, id: FontId, text: &str, lang: &str, out: &mut Vec<ShapedGlyph>) {
        self.set_language(lang);
        let book = self.book;
        // Filled where the session keeps it and moved out only into the shaper: harfrust takes
        // and gives back its buffer by value, and each move copies some 300 bytes.
        let buffer = self.buffer.get_or_insert_with(UnicodeBuffer::new);
        fill_buffer(buffer, text, &fallback::skip_for(book, id));
        buffer.guess_segment_properties();
        // Borrowed from the session: the buffer takes the only copy it needs.
        let language = self.language.as_ref().and_then(|(_, parsed)| parsed.as_ref());
        if let Some(l) = language {
            buffer.set_language(l.clone());
        }
        let shaper = shaper_of(&mut self.built, book, id);
        let plan = plan_of(&mut self.plans, book, id, shaper, buffer, language);
        let buffer = self.buffer.take().unwrap_or_default();
        let glyphs = shaper.shape(buffer, ShapeOptions::new().plan(Some(plan)));
        let upem = f32::from(book.face(id).units_per_em);
        out.extend(glyphs.glyph_infos().iter().zip(glyphs.glyph_positions()).map(|(info, pos)| {
            ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster as usize,
            }
        }));
        self.buffer = Some(glyphs.clear());
    }

    /// Makes `lang` the session's language, parsing it (and forgetting the plans of the
    /// previous language) only when the tag differs from the last one (a layout has one).
    fn set_language(&mut self, lang: &str) {
        if self.language.as_ref().is_some_and(|(tag, _)| tag == lang) {
            return;
        }
        self.language = Some((lang.to_string(), Language::from_str(lang).ok()));
        self.plans.clear();
    }

    /// Returns harfrust's parse of a language tag (`None` for a tag it rejects), as the
    /// session's language.
    #[cfg(test)]
    fn language(&mut self, lang: &str) -> Option<Language> {
        self.set_language(lang);
        self.language.as_ref().and_then(|(_, parsed)| parsed.clone())
    }
}

/// Returns the shaper of face `id` (a shaping face, not a synthetic one) from a session's
/// shapers by face index, building it on first use.
fn shaper_of<'s, 'a>(
    built: &'s mut Vec<Option<harfrust::Shaper<'a>>>,
    book: &'a FontBook,
    id: FontId,
) -> &'s harfrust::Shaper<'a> {
    let index = usize::from(id.0);
    if built.len() <= index {
        built.resize_with(index + 1, || None);
    }
    let face = book.face(id);
    built[index].get_or_insert_with(|| face.shaper_data().shaper(&face.font_ref()).build())
}

/// Returns the plan for face `id` and the buffer's script and direction in the session's
/// language (`language`, whose plans `plans` holds): the one the session used before, else the
/// book's (see [`FontBook::plan`]), kept for the session's next words.
fn plan_of<'s>(
    plans: &'s mut Vec<SessionPlan>,
    book: &FontBook,
    id: FontId,
    shaper: &harfrust::Shaper<'_>,
    buffer: &UnicodeBuffer,
    language: Option<&Language>,
) -> &'s ShapePlan {
    let (script, direction) = script_and_direction(buffer);
    let found = plans.iter().position(|p| p.face == id.0 && p.script == script && p.direction == direction);
    let index = found.unwrap_or_else(|| {
        let plan = book.plan(id, shaper, buffer, language);
        plans.push(SessionPlan { face: id.0, script, direction, plan });
        plans.len() - 1
    });
    &plans[index].plan
}

/// The buffer's script tag and direction as plans are keyed by them, with the language
/// ([`PlanKey`], [`SessionPlan`]).
fn script_and_direction(buffer: &UnicodeBuffer) -> (u32, u8) {
    (u32::from_be_bytes(buffer.script().tag().to_be_bytes()), buffer.direction() as u8)
}

impl FontBook {
    /// Returns the cached plan for the buffer's script, direction and language, building it once.
    fn plan(
        &self,
        id: FontId,
        shaper: &harfrust::Shaper<'_>,
        buffer: &UnicodeBuffer,
        language: Option<&Language>,
    ) -> Arc<ShapePlan> {
        let (script, direction) = script_and_direction(buffer);
        let lang = language.map_or("", |l| l.as_str());
        let cache = &self.plans[usize::from(id.0)];
        let mut plans = cache.plans.lock().unwrap_or_else(|e| e.into_inner());
        // Compared field by field, so that a lookup allocates no key.
        let found =
            plans.iter().find(|(k, _)| k.script == script && k.direction == direction && k.lang == lang);
        if let Some((_, plan)) = found {
            return plan.clone();
        }
        let harfrust_direction = match buffer.direction() {
            Direction::Invalid => Direction::LeftToRight,
            d => d,
        };
        let plan = Arc::new(ShapePlan::new(shaper, harfrust_direction, Some(buffer.script()), language, &[]));
        plans.push((PlanKey { script, direction, lang: lang.to_string() }, plan.clone()));
        plan
    }
}

/// Puts the characters of `text` into the buffer with their byte offsets as clusters, leaving
/// out those `skip` names. ASCII text goes in at once: `skip` leaves out skin-tone modifiers
/// only, which are not ASCII.
fn fill_buffer(buffer: &mut UnicodeBuffer, text: &str, skip: &dyn Fn(char) -> bool) {
    if text.is_ascii() {
        buffer.push_str(text);
        return;
    }
    for (i, c) in text.char_indices() {
        if !skip(c) {
            buffer.add(c, i as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shapes `text` as harfrust does from scratch: the font parsed, a shaper built, a plan
    /// made and a buffer allocated for this one call, characters added one by one; clusters
    /// are shifted by `at`. What every cache and reuse of this module must reproduce.
    fn reference(book: &FontBook, id: FontId, text: &str, lang: &str, at: usize) -> Vec<ShapedGlyph> {
        let face = book.face(book.shaping_face(id));
        let font = face.font_ref();
        let data = harfrust::ShaperData::new(&font);
        let shaper = data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        let skip = fallback::skip_for(book, id);
        for (i, c) in text.char_indices().filter(|&(_, c)| !skip(c)) {
            buffer.add(c, i as u32);
        }
        buffer.guess_segment_properties();
        if buffer.direction() == Direction::Invalid {
            buffer.set_direction(Direction::LeftToRight);
        }
        if let Ok(l) = Language::from_str(lang) {
            buffer.set_language(l);
        }
        let glyphs = shaper.shape(buffer, ShapeOptions::new());
        let upem = f32::from(face.units_per_em);
        let infos = glyphs.glyph_infos().iter().zip(glyphs.glyph_positions());
        infos
            .map(|(info, pos)| ShapedGlyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance as f32 / upem,
                x_offset: pos.x_offset as f32 / upem,
                y_offset: pos.y_offset as f32 / upem,
                cluster: info.cluster as usize + at,
            })
            .collect()
    }

    /// Texts in the scripts of the bundled faces, with their languages: Latin with ligatures
    /// and kerning, Devanagari conjuncts, joined Arabic, Hebrew, Thai, CJK, emoji with a skin
    /// tone, mixed-script words, and texts over [`WORD_CACHE_MAX_TEXT`] bytes (never cached).
    const SCRIPTS: &[(&str, &str)] = &[
        ("office AVoid fit", "en"),
        ("Straße Effizienz", "de"),
        ("हिन्दी क्षेत्र", "hi"),
        ("العربية مرحبا", "ar"),
        ("עברית שלום", "he"),
        ("ภาษาไทย", "th"),
        ("中文排版 日本語", "zh"),
        ("👋🏽 🇬🇧 ✨", "en"),
        ("Kubernetes-हिन्दी-עברית", "en"),
        ("a deliberately long text of plain ASCII words that the word cache never holds", "en"),
        ("एक लंबा वाक्य जो शब्दों के संग्रह में कभी नहीं रखा जाता है, क्योंकि वह बहुत लंबा है", "hi"),
        ("office", "en"),
    ];

    #[test]
    fn one_session_shapes_every_face_and_script_as_harfrust_does_from_scratch() {
        let book = FontBook::bundled();
        // One session for everything, twice over (the second round hits the word cache), with
        // faces, languages and text lengths interleaved: no state of one call may reach the next.
        let mut session = book.shapers();
        for round in 0..2 {
            for i in 0..book.len() {
                let id = FontId(i as u16);
                for &(text, lang) in SCRIPTS {
                    let padded = format!("xx {text}");
                    let expected = reference(&book, id, text, lang, 3);
                    let got = session.shape(id, &padded, 3..padded.len(), lang);
                    assert_eq!(
                        got,
                        expected,
                        "round {round}, face {i} ({:?}), {text:?} in {lang}",
                        book.face(id)
                    );
                }
            }
        }
    }

    #[test]
    fn recycled_vectors_hold_exactly_the_next_result() {
        let book = FontBook::bundled();
        let mut session = book.shapers();
        let mut kept = Vec::new();
        for &(text, lang) in SCRIPTS {
            let glyphs = session.shape(FontId(0), text, 0..text.len(), lang);
            assert_eq!(glyphs, reference(&book, FontId(0), text, lang, 0), "{text:?}");
            kept.push(glyphs);
        }
        // Given back full, then reused for other texts (shorter, longer, cached or not): no
        // glyph of an earlier result remains.
        kept.into_iter().for_each(|v| session.recycle(v));
        assert!(!session.spare.is_empty() && session.spare.iter().all(Vec::is_empty));
        for &(text, lang) in SCRIPTS.iter().rev() {
            let glyphs = session.shape(FontId(4), text, 0..text.len(), lang);
            assert_eq!(glyphs, reference(&book, FontId(4), text, lang, 0), "{text:?}");
        }
        // A vector grown past the bound is not kept.
        session.recycle(Vec::with_capacity(SPARE_CAPACITY + 1));
        assert!(session.spare.iter().all(|v| v.capacity() <= SPARE_CAPACITY));
    }

    #[test]
    fn a_session_builds_each_shaping_face_once() {
        let book = FontBook::bundled();
        let mut session = book.shapers();
        let bold_cjk = book.select("Droid Sans Fallback", true, false).unwrap();
        for id in [FontId(0), FontId(4), FontId(0), bold_cjk, FontId(13)] {
            session.shape(id, "abc 中文", 0..10, "en");
        }
        // Source Serif, Inter and the CJK face (whose synthetic bold shapes as its base).
        let built: Vec<usize> = (0..session.built.len()).filter(|&i| session.built[i].is_some()).collect();
        assert_eq!(built, vec![0, 4, 13]);
    }

    #[test]
    fn a_session_keeps_the_plans_of_its_language_only() {
        let book = FontBook::bundled();
        let mut session = book.shapers();
        let mut shape = |id: u16, text: &str, lang: &str| {
            let got = session.shape(FontId(id), text, 0..text.len(), lang);
            assert_eq!(got, reference(&book, FontId(id), text, lang, 0), "{text:?} in {lang}");
            session.plans.iter().map(|p| (p.face, p.direction)).collect::<Vec<_>>()
        };
        // One plan per face, script and direction, reused by the next words.
        assert_eq!(shape(0, "plan", "en").len(), 1);
        assert_eq!(shape(0, "again", "en").len(), 1);
        assert_eq!(shape(4, "plan", "en").len(), 2);
        let rtl = Direction::RightToLeft as u8;
        assert_eq!(shape(4, "עברית", "en").last(), Some(&(4, rtl)));
        // Another language starts over with the plans of that language.
        assert_eq!(shape(0, "anders", "de"), vec![(0, Direction::LeftToRight as u8)]);
        assert_eq!(shape(0, "back", "en").len(), 1);
        // A face without a session plan in this language but with one in the book's cache.
        assert_eq!(shape(4, "עוד", "en"), vec![(0, Direction::LeftToRight as u8), (4, rtl)]);
    }

    #[test]
    fn a_session_parses_a_new_language_when_the_tag_changes() {
        let book = FontBook::bundled();
        let mut session = book.shapers();
        assert_eq!(session.language("en"), Language::from_str("en").ok());
        assert_eq!(session.language("tr"), Language::from_str("tr").ok());
        assert_eq!(session.language("tr"), Language::from_str("tr").ok());
        assert_eq!(session.language(""), None);
        assert_eq!(session.language("en"), Language::from_str("en").ok());
    }

    #[test]
    fn kerning_is_applied() {
        let book = FontBook::bundled();
        let av = book.shape(FontId(0), "AV", 0..2, "en");
        let a = book.shape(FontId(0), "A", 0..1, "en");
        let v = book.shape(FontId(0), "V", 0..1, "en");
        let pair: f32 = av.iter().map(|g| g.advance).sum();
        assert!(pair < a[0].advance + v[0].advance, "AV should be kerned tighter");
    }

    #[test]
    fn ligature_covers_both_letters() {
        let book = FontBook::bundled();
        let g = book.shape(FontId(0), "fit", 0..3, "en");
        assert_eq!(g.len(), 2, "Source Serif 4 forms an fi ligature");
        assert_eq!(g[0].cluster, 0);
        assert_eq!(g[1].cluster, 2);
    }

    #[test]
    fn clusters_are_offsets_into_the_whole_text() {
        let book = FontBook::bundled();
        let g = book.shape(FontId(4), "ab cd", 3..5, "en");
        assert_eq!(g.iter().map(|g| g.cluster).collect::<Vec<_>>(), vec![3, 4]);
    }

    #[test]
    fn flags_become_one_glyph() {
        let book = FontBook::bundled();
        let flag = "🇬🇧";
        let g = book.shape(FontId(12), flag, 0..flag.len(), "en");
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
                let fresh = reference(&book, FontId(0), &text[start..end], lang, start);
                // Twice: the second call is a hit (and "office", "fit" repeat at other offsets).
                assert_eq!(book.shape(FontId(0), text, start..end, lang), fresh);
                assert_eq!(book.shape(FontId(0), text, start..end, lang), fresh);
            }
        }
    }

    #[test]
    fn the_word_cache_is_bounded() {
        let book = FontBook::bundled();
        for i in 0..WORD_CACHE_CAPACITY * 2 {
            let word = format!("w{i}");
            book.shape(FontId(4), &word, 0..word.len(), "en");
        }
        let words = &book.plans[4].words;
        let held = words.len();
        assert!(held > 0 && held <= WORD_CACHE_CAPACITY, "{held} entries");
    }

    #[test]
    fn repeated_shaping_reuses_one_plan() {
        let book = FontBook::bundled();
        for _ in 0..3 {
            book.shape(FontId(0), "plan", 0..4, "en");
        }
        assert_eq!(book.plans[0].plans.lock().unwrap().len(), 1);
    }
}
