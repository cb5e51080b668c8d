//! Fonts: the bundled faces compiled into the binary, faces loaded from files a layout names,
//! lookup by family and style, per-cluster fallback ([`fallback`]), shaping with cached plans
//! ([`shaper`]) and the metrics layout needs.
//!
//! Consumes font bytes; produces a [`FontBook`] that later stages address with [`FontId`]s.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

pub mod fallback;
pub mod shaper;

mod coverage;
mod user;

use std::sync::{Arc, OnceLock};

use crate::cache::HyphenationCache;
use coverage::coverage_ranges;

use skrifa::MetadataProvider;
use skrifa::raw::FileRef;

pub use shaper::ShapedGlyph;
pub use user::read_font_file;

/// Identifies a face inside a [`FontBook`]; stable for the book's lifetime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// The bytes of a font file, either compiled in or read at run time.
#[derive(Clone)]
pub enum FontData {
    /// A bundled font, compiled into the binary.
    Static(&'static [u8]),
    /// A font read from a file the user named.
    Owned(Arc<Vec<u8>>),
}

impl FontData {
    /// Returns the raw bytes of the font file.
    pub fn bytes(&self) -> &[u8] {
        match self {
            FontData::Static(b) => b,
            FontData::Owned(v) => v.as_slice(),
        }
    }
}

impl std::fmt::Debug for FontData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FontData({} bytes)", self.bytes().len())
    }
}

/// Vertical metrics of a face, in ems (font units divided by units per em).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VMetrics {
    /// Height above the baseline of the tallest letters (positive).
    pub ascent: f64,
    /// Depth below the baseline (positive).
    pub descent: f64,
    /// Height of capital letters.
    pub cap_height: f64,
}

/// The styles a face fakes because its file lacks them: decided here, when the face is made,
/// and drawn by the PDF stage (a stroke around the glyphs, a slant).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Synthetic {
    /// Whether the glyphs are emboldened with a stroke of their own colour.
    pub bold: bool,
    /// Whether the glyphs are slanted (an oblique standing in for italic).
    pub italic: bool,
}

impl Synthetic {
    /// Whether nothing is faked.
    pub fn is_none(self) -> bool {
        !self.bold && !self.italic
    }
}

/// One face: a font file (and index inside a collection) plus what layout needs to know of it.
pub struct Face {
    /// The family name, e.g. "Source Serif 4".
    pub family: String,
    /// Whether this face sets bold text (really, or by [`Face::synthetic`] emboldening).
    pub bold: bool,
    /// Whether this face sets italic text (really, or by a synthetic slant).
    pub italic: bool,
    /// What of `bold` and `italic` is faked: a synthetic face shares its base face's file.
    pub synthetic: Synthetic,
    /// The face whose file and glyphs a synthetic face uses (it shapes as that face).
    base: Option<FontId>,
    /// Whether the face was loaded from a user's file (user families come first in fallback).
    pub user: bool,
    /// The file's bytes.
    pub data: FontData,
    /// The index of the face in a collection file (0 for plain files).
    pub index: u32,
    /// Font units per em.
    pub units_per_em: u16,
    /// Vertical metrics.
    pub metrics: VMetrics,
    /// Shaping tables, built on first use.
    shaper_data: OnceLock<harfrust::ShaperData>,
    /// The mapped code points as sorted inclusive ranges, built on first use (parsing the cmap
    /// for every character asked about was a quarter of a render's time).
    coverage: OnceLock<Vec<(u32, u32)>>,
    /// The ASCII part of `coverage` as a bit set, built on first use.
    ascii: OnceLock<u128>,
    /// The faces to try after this one for clusters it lacks, built on first use.
    chain: OnceLock<Vec<FontId>>,
}

impl Face {
    /// Parses a face from font bytes, reading its metrics.
    fn new(family: &str, bold: bool, italic: bool, data: FontData, index: u32) -> Result<Face, FontError> {
        let font = font_ref(data.bytes(), index).ok_or_else(|| FontError::Unreadable(family.to_string()))?;
        let m = font.metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default());
        let upem = f64::from(m.units_per_em.max(1));
        let ascent = f64::from(m.ascent) / upem;
        let metrics = VMetrics {
            ascent,
            descent: -f64::from(m.descent) / upem,
            // Fonts without an OS/2 cap height: 70% of the ascent is typical of Latin designs.
            cap_height: m.cap_height.map_or(ascent * 0.7, |c| f64::from(c) / upem),
        };
        Ok(Face {
            family: family.to_string(),
            bold,
            italic,
            synthetic: Synthetic::default(),
            base: None,
            user: false,
            data,
            index,
            units_per_em: m.units_per_em.max(1),
            metrics,
            shaper_data: OnceLock::new(),
            coverage: OnceLock::new(),
            ascii: OnceLock::new(),
            chain: OnceLock::new(),
        })
    }

    /// Makes a synthetic face of the same family on this face's file, setting `bold`/`italic`
    /// text by faking what this face lacks. `id` is this face's id.
    fn synthesized(&self, id: FontId, bold: bool, italic: bool) -> Face {
        Face {
            family: self.family.clone(),
            bold,
            italic,
            synthetic: Synthetic { bold: bold && !self.bold, italic: italic && !self.italic },
            base: Some(id),
            user: self.user,
            data: self.data.clone(),
            index: self.index,
            units_per_em: self.units_per_em,
            metrics: self.metrics,
            shaper_data: OnceLock::new(),
            coverage: OnceLock::new(),
            ascii: OnceLock::new(),
            chain: OnceLock::new(),
        }
    }

    /// Returns a parsed view of the face's tables.
    pub fn font_ref(&self) -> skrifa::FontRef<'_> {
        // The bytes were validated when the face was created, so parsing cannot fail here.
        font_ref(self.data.bytes(), self.index).expect("face validated at load")
    }

    /// Whether the face maps `c` to a glyph.
    pub fn covers(&self, c: char) -> bool {
        if c.is_ascii() {
            return self.ascii_coverage() & (1u128 << u32::from(c)) != 0;
        }
        in_ranges(self.ranges(), c)
    }

    /// Returns the face's coverage as sorted ranges of code points, built on first use.
    fn ranges(&self) -> &[(u32, u32)] {
        self.coverage.get_or_init(|| coverage_ranges(&self.font_ref()))
    }

    /// Returns the ASCII characters the face maps, one bit per code point: ASCII is most of
    /// the text, and a bit test is cheaper than a search of the ranges.
    pub(crate) fn ascii_coverage(&self) -> u128 {
        *self.ascii.get_or_init(|| {
            let mut mask = 0u128;
            for &(start, end) in self.ranges().iter().take_while(|&&(start, _)| start < 128) {
                for c in start..=end.min(127) {
                    mask |= 1 << c;
                }
            }
            mask
        })
    }

    /// Returns the fallback chain cached on this face, building it with `build` once.
    pub(crate) fn chain(&self, build: impl FnOnce() -> Vec<FontId>) -> &[FontId] {
        self.chain.get_or_init(build)
    }

    /// Returns the shaping tables, building them on first use.
    fn shaper_data(&self) -> &harfrust::ShaperData {
        self.shaper_data.get_or_init(|| harfrust::ShaperData::new(&self.font_ref()))
    }
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Face({}, bold: {}, italic: {}, {:?})", self.family, self.bold, self.italic, self.synthetic)
    }
}

/// Whether `c` lies in one of the sorted, disjoint `ranges`.
fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let c = u32::from(c);
    let i = ranges.partition_point(|&(_, end)| end < c);
    ranges.get(i).is_some_and(|&(start, _)| start <= c)
}

/// Parses the face at `index` of a font file or collection.
fn font_ref(bytes: &[u8], index: u32) -> Option<skrifa::FontRef<'_>> {
    match FileRef::new(bytes).ok()? {
        FileRef::Font(f) if index == 0 => Some(f),
        FileRef::Font(_) => None,
        FileRef::Collection(c) => c.get(index).ok(),
    }
}

/// Something wrong with a font.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontError {
    /// The bytes are not a font this engine can read.
    Unreadable(String),
    /// A font file could not be read from disk.
    Io {
        /// The path as given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
    /// A layout named a family no loaded face has.
    UnknownFamily(String),
    /// A font folder could not be listed.
    Folder {
        /// The folder as given.
        path: String,
        /// The operating system's reason.
        reason: String,
    },
}

impl std::fmt::Display for FontError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FontError::Unreadable(name) => write!(f, "`{name}` is not a readable TrueType/OpenType font"),
            FontError::Io { path, reason } => write!(f, "cannot read font file {path}: {reason}"),
            FontError::UnknownFamily(name) => write!(f, "no font family named `{name}`"),
            FontError::Folder { path, reason } => write!(f, "cannot list the font folder {path}: {reason}"),
        }
    }
}

impl std::error::Error for FontError {}

/// The bundled faces: family, bold, italic, bytes. The order fixes their [`FontId`]s.
const BUNDLED: &[(&str, bool, bool, &[u8])] = &[
    ("Source Serif 4", false, false, include_bytes!("../../fonts/SourceSerif4-Regular.ttf")),
    ("Source Serif 4", true, false, include_bytes!("../../fonts/SourceSerif4-Bold.ttf")),
    ("Source Serif 4", false, true, include_bytes!("../../fonts/SourceSerif4-Italic.ttf")),
    ("Source Serif 4", true, true, include_bytes!("../../fonts/SourceSerif4-BoldItalic.ttf")),
    ("Inter", false, false, include_bytes!("../../fonts/Inter-Regular.ttf")),
    ("Inter", true, false, include_bytes!("../../fonts/Inter-Bold.ttf")),
    ("Inter", false, true, include_bytes!("../../fonts/Inter-Italic.ttf")),
    ("Inter", true, true, include_bytes!("../../fonts/Inter-BoldItalic.ttf")),
    ("Noto Sans Devanagari", false, false, include_bytes!("../../fonts/NotoSansDevanagari-Regular.ttf")),
    ("Noto Sans Devanagari", true, false, include_bytes!("../../fonts/NotoSansDevanagari-Bold.ttf")),
    ("Noto Sans Arabic", false, false, include_bytes!("../../fonts/NotoSansArabic-Regular.ttf")),
    ("Noto Sans Arabic", true, false, include_bytes!("../../fonts/NotoSansArabic-Bold.ttf")),
    ("Noto Color Emoji", false, false, include_bytes!("../../fonts/NotoColorEmoji-NoSkinTones.ttf")),
    ("Droid Sans Fallback", false, false, include_bytes!("../../fonts/DroidSansFallback.ttf")),
    ("Noto Sans Hebrew", false, false, include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf")),
    ("Noto Sans Hebrew", true, false, include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf")),
    ("Noto Sans Thai", false, false, include_bytes!("../../fonts/NotoSansThai-Regular.ttf")),
    ("Noto Sans Thai", true, false, include_bytes!("../../fonts/NotoSansThai-Bold.ttf")),
];

/// The family used for emoji clusters only.
pub const EMOJI_FAMILY: &str = "Noto Color Emoji";

/// Bundled families tried, in order, for clusters the layout's family lacks (emoji excepted);
/// user families come before them. The script faces share no letters, so their order only
/// matters for punctuation, which the layout's family nearly always has.
pub const FALLBACK_FAMILIES: &[&str] = &[
    "Noto Sans Devanagari",
    "Noto Sans Arabic",
    "Noto Sans Hebrew",
    "Noto Sans Thai",
    "Droid Sans Fallback",
];

/// All faces a render may use, addressed by [`FontId`], with the engine's typesetting caches:
/// shape plans and shaped words per face, and the hyphenation points of words.
#[derive(Debug, Default)]
pub struct FontBook {
    faces: Vec<Face>,
    /// Shape plans and shaped words per face, parallel to `faces`.
    plans: Vec<shaper::PlanCache>,
    /// The user's font files loaded so far, in order, with their bytes.
    user_files: Vec<user::UserFile>,
    /// Hyphenation points by language and word: not a property of a face, but kept here since
    /// the book is what an engine hands its renders; shared with every book derived from it.
    hyphenation: HyphenationCache,
}

impl FontBook {
    /// Loads the bundled faces (compiled into the binary), in the order of `BUNDLED`.
    pub fn bundled() -> FontBook {
        let faces = BUNDLED
            .iter()
            .map(|&(family, bold, italic, bytes)| {
                Face::new(family, bold, italic, FontData::Static(bytes), 0).expect("bundled fonts are valid")
            })
            .collect::<Vec<_>>();
        let plans = faces.iter().map(|_| shaper::PlanCache::default()).collect();
        let mut book =
            FontBook { faces, plans, user_files: Vec::new(), hyphenation: HyphenationCache::default() };
        book.add_synthetic_faces();
        book
    }

    /// Returns the engine's cache of hyphenation points, for the layout's hyphenator.
    pub(crate) fn hyphenation(&self) -> &HyphenationCache {
        &self.hyphenation
    }

    /// Adds the face to the book and returns its id.
    fn push(&mut self, face: Face) -> FontId {
        self.faces.push(face);
        self.plans.push(shaper::PlanCache::default());
        FontId(u16::try_from(self.faces.len() - 1).unwrap_or(u16::MAX))
    }

    /// Adds, for every family but the emoji one, a synthetic face for each style it lacks and
    /// can fake from a real face (bold from a lighter face, italic from an upright one), so
    /// that [`FontBook::select`] always finds the style asked for. Existing styles are kept.
    fn add_synthetic_faces(&mut self) {
        let styles = [(false, false), (true, false), (false, true), (true, true)];
        let mut families: Vec<String> = Vec::new();
        for face in &self.faces {
            if face.family != EMOJI_FAMILY && !families.contains(&face.family) {
                families.push(face.family.clone());
            }
        }
        for family in families {
            for (bold, italic) in styles {
                let same = |f: &Face| f.family == family && f.bold == bold && f.italic == italic;
                if self.faces.iter().any(|f| same(f) && f.base.is_none()) {
                    continue;
                }
                let Some(base) = self.synthesis_base(&family, bold, italic) else { continue };
                // A user's file added to a family gives a newer base: a new face, which
                // `select` prefers as the later one.
                if !self.faces.iter().any(|f| same(f) && f.base == Some(base)) {
                    let face = self.face(base).synthesized(base, bold, italic);
                    self.push(face);
                }
            }
        }
    }

    /// Returns the real face of `family` to fake `bold`/`italic` from: one with no style the
    /// wanted one lacks (a bold face cannot be made regular), as close to it as possible, the
    /// last loaded among equals (a user's file over a bundled one, as in `select`).
    fn synthesis_base(&self, family: &str, bold: bool, italic: bool) -> Option<FontId> {
        self.ids()
            .filter(|&id| {
                let f = self.face(id);
                f.family == family && f.synthetic.is_none() && f.base.is_none()
            })
            .filter(|&id| (bold || !self.face(id).bold) && (italic || !self.face(id).italic))
            .max_by_key(|&id| {
                let f = self.face(id);
                ((f.bold == bold) as u8 + (f.italic == italic) as u8, id)
            })
    }

    /// Returns the face whose shaping a face uses: its base for a synthetic face, else itself.
    fn shaping_face(&self, id: FontId) -> FontId {
        self.face(id).base.unwrap_or(id)
    }

    /// Returns the families of the user's fonts, in the order they were loaded.
    pub fn user_families(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for face in self.faces.iter().filter(|f| f.user) {
            if !out.contains(&face.family.as_str()) {
                out.push(&face.family);
            }
        }
        out
    }

    /// Returns the face with this id.
    ///
    /// Ids only come from this book, so an unknown id is a programming error.
    pub fn face(&self, id: FontId) -> &Face {
        &self.faces[usize::from(id.0)]
    }

    /// Returns the number of faces.
    pub fn len(&self) -> usize {
        self.faces.len()
    }

    /// Whether the book holds no face.
    pub fn is_empty(&self) -> bool {
        self.faces.is_empty()
    }

    /// Finds the face of `family` closest to the wanted style: exact match first (a real face
    /// before a synthetic one), then the same weight, then the regular face of the family. Among
    /// equals the face loaded last wins, so a user's file overrides a bundled face of its name.
    pub fn select(&self, family: &str, bold: bool, italic: bool) -> Option<FontId> {
        let score =
            |f: &Face| ((f.bold == bold) as u8 * 2 + (f.italic == italic) as u8, f.synthetic.is_none());
        self.ids()
            .filter(|&id| self.face(id).family.eq_ignore_ascii_case(family))
            .max_by_key(|&id| (score(self.face(id)), id))
    }

    /// Iterates over all face ids in order.
    fn ids(&self) -> impl Iterator<Item = FontId> + '_ {
        (0..self.faces.len()).map(|i| FontId(i as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_derived_book_shares_the_hyphenation_cache_and_a_new_book_does_not() {
        let book = FontBook::bundled();
        book.hyphenation().insert(hypher::Lang::English, "typesetting", &[4, 7]);
        let derived = book.derived().unwrap();
        assert_eq!(derived.hyphenation().get(hypher::Lang::English, "typesetting"), Some(vec![4, 7]));
        assert_eq!(FontBook::bundled().hyphenation().get(hypher::Lang::English, "typesetting"), None);
    }

    #[test]
    fn bundled_faces_load_with_sane_metrics() {
        let book = FontBook::bundled();
        assert!(book.len() > BUNDLED.len());
        for i in 0..book.len() {
            let face = book.face(FontId(i as u16));
            let m = face.metrics;
            assert!(m.ascent > 0.5 && m.ascent < 1.5, "face {i} ascent {}", m.ascent);
            assert!(m.descent > 0.0 && m.descent < 1.0, "face {i} descent {}", m.descent);
            // The bundled files come first, in their order; only synthetic faces follow.
            assert_eq!(face.synthetic.is_none(), i < BUNDLED.len(), "face {i}");
        }
    }

    #[test]
    fn select_prefers_exact_style_then_weight() {
        let book = FontBook::bundled();
        assert_eq!(book.select("Source Serif 4", true, true), Some(FontId(3)));
        assert_eq!(book.select("inter", false, false), Some(FontId(4)));
        assert_eq!(book.select("Noto Sans Devanagari", true, false), Some(FontId(9)));
        assert_eq!(book.select("Comic Sans", false, false), None);
        // The colour emoji face has one style and no synthetic ones.
        let emoji = book.select(EMOJI_FAMILY, true, true).unwrap();
        assert!(book.face(emoji).synthetic.is_none() && !book.face(emoji).bold);
    }

    #[test]
    fn a_missing_style_is_synthesised_from_the_nearest_real_face() {
        let book = FontBook::bundled();
        // Devanagari has no italic: bold italic slants the real bold face.
        let id = book.select("Noto Sans Devanagari", true, true).unwrap();
        let face = book.face(id);
        assert_eq!(face.synthetic, Synthetic { bold: false, italic: true });
        assert_eq!(face.base, Some(FontId(9)));
        assert!(face.bold && face.italic);
        // The CJK face has one weight: bold italic fakes both, on the one file.
        let cjk = book.select("Droid Sans Fallback", true, true).unwrap();
        assert_eq!(book.face(cjk).synthetic, Synthetic { bold: true, italic: true });
        assert_eq!(book.face(cjk).base, Some(FontId(13)));
        // Families with all four styles get no synthetic face.
        for family in ["Source Serif 4", "Inter"] {
            let fakes = (0..book.len()).map(|i| book.face(FontId(i as u16)));
            assert!(fakes.filter(|f| f.family == family).all(|f| f.synthetic.is_none()), "{family}");
        }
    }

    #[test]
    fn a_synthetic_face_shapes_as_its_base() {
        let book = FontBook::bundled();
        let bold = book.select("Droid Sans Fallback", true, false).unwrap();
        assert_eq!(book.shape(bold, "中文", 0..6, "zh"), book.shape(FontId(13), "中文", 0..6, "zh"));
    }

    #[test]
    fn the_ascii_bit_set_agrees_with_the_ranges() {
        let book = FontBook::bundled();
        for i in 0..book.len() {
            let face = book.face(FontId(i as u16));
            for c in (0u8..128).map(char::from) {
                assert_eq!(face.covers(c), in_ranges(face.ranges(), c), "face {i}, {c:?}");
            }
        }
        assert!(book.face(FontId(0)).covers('A'));
        assert!(!book.face(FontId(0)).covers('\u{7}'));
    }

    #[test]
    fn coverage_reflects_the_cmap() {
        let book = FontBook::bundled();
        assert!(book.face(FontId(0)).covers('é'));
        assert!(!book.face(FontId(0)).covers('中'));
        assert!(book.face(FontId(13)).covers('中'));
    }

    #[test]
    fn cached_coverage_agrees_with_the_cmap() {
        let book = FontBook::bundled();
        for i in [0u16, 4, 8, 12, 13] {
            let face = book.face(FontId(i));
            let cmap = face.font_ref().charmap();
            for c in ['a', 'é', '→', '中', 'क', 'ب', '👋', '\u{13000}', '\u{FFFF}', '\0'] {
                assert_eq!(face.covers(c), cmap.map(c).is_some_and(|g| g.to_u32() != 0), "face {i} {c:?}");
            }
        }
    }

    #[test]
    fn unreadable_font_file_is_an_error() {
        let dir = crate::files::ScratchDir::new("font-test");
        let p = dir.join("bad.ttf");
        std::fs::write(&p, b"not a font").unwrap();
        let mut book = FontBook::bundled();
        assert!(matches!(book.add_user_fonts(&p), Err(FontError::Unreadable(_))));
        assert!(matches!(book.add_user_fonts(&dir.join("missing.ttf")), Err(FontError::Io { .. })));
    }
}
