//! Every limit vitae puts on its input, in one place (the table in `docs/reliability.md` lists
//! them with what happens at each). They are checked before the work they bound starts, so that
//! no input, however hostile, makes a render slow, large or endless: a file is read only up to
//! its limit, an image's size is read from its header before it is decoded, a word's length is
//! known before it is shaped.
//!
//! Each limit is far above anything a real résumé needs, so that only a mistake or an attack
//! reaches one; each says why it has its value.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

/// The largest profile accepted, in bytes. A long résumé is 20–30 KiB of YAML; 2 MiB leaves two
/// orders of magnitude of room and still bounds parsing time and memory.
pub const MAX_PROFILE_BYTES: u64 = 2 * 1024 * 1024;

/// The largest layout file accepted, in bytes. The bundled layouts are 2–4 KiB.
pub const MAX_LAYOUT_BYTES: u64 = 256 * 1024;

/// The largest photo file accepted, in bytes: a print-quality portrait is well under 2 MiB.
pub const MAX_PHOTO_BYTES: u64 = 8 * 1024 * 1024;

/// The widest or tallest photo accepted, in pixels: a 5 cm portrait printed at 600 dpi is
/// 1,200 pixels wide, so this is six times what print can show.
pub const MAX_PHOTO_SIDE: u32 = 8_000;

/// The most pixels a photo may have: 25 megapixels (a high-end camera's full frame) decodes to
/// 100 MB of RGBA, which bounds the memory a decompression bomb can claim.
pub const MAX_PHOTO_PIXELS: u64 = 25_000_000;

/// The largest font file accepted, in bytes: the bundled CJK face is about 16 MiB.
pub const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// The deepest nesting of YAML collections in a vitae profile. The deepest valid profile nests
/// eleven levels (top → sections → section → entries → entry → roles → role → highlights →
/// point → highlights → point); 24 leaves room for flow style while stopping `[[[[…]]]]`
/// pyramids early.
pub const MAX_PROFILE_NESTING: usize = 24;

/// The deepest nesting of maps and lists in a foreign file (JSON Resume, RenderCV, YAMLResume),
/// whose shapes vitae does not control: a résumé nests about six levels.
pub const MAX_NESTING: usize = 64;

/// The most YAML parser events (scalars, collection starts and ends) in one file. A long résumé
/// has about 5,000; 200,000 still fits any honest profile under the size limit.
pub const MAX_YAML_EVENTS: usize = 200_000;

/// The most YAML nodes (scalars and collections): half the events, as a collection has two.
pub const MAX_YAML_NODES: usize = 100_000;

/// The most YAML anchors (`&a`) and aliases (`*a`). Profiles rarely use them at all; a few
/// hundred covers shared bullets while keeping the bookkeeping small.
pub const MAX_YAML_ALIASES: usize = 500;

/// The most events replayed by alias expansion in total. A whole résumé is a few thousand
/// events, so replaying more than 20,000 means the aliases multiply (a "billion laughs" bomb).
pub const MAX_ALIAS_REPLAYED_EVENTS: usize = 20_000;

/// The deepest chain of aliases inside aliased content; bombs nest them, profiles barely do.
pub const MAX_ALIAS_REPLAY_DEPTH: usize = 8;

/// The most entries (and free-standing points) over all sections: a long academic CV has a
/// few hundred publications.
pub const MAX_ENTRIES: usize = 5_000;

/// The default for `--max-pages`: a résumé of more than 100 pages is a mistake in the input
/// (or an attack), not a résumé.
pub const DEFAULT_MAX_PAGES: usize = 100;

/// Words longer than this many characters are never hyphenated: the longest dictionary words
/// of the languages vitae hyphenates are under 64 letters, and the patterns' cost grows with
/// the word. A longer run is broken at emergency points only, in linear time.
pub const MAX_HYPHENATED_WORD_CHARS: usize = 64;

/// The longest link target, in bytes: about what every browser and PDF viewer follows. A link
/// is repeated on every line its text covers, so a longer one would make a PDF quadratic in its
/// length; a longer bare address prints as text, unlinked.
pub const MAX_LINK_BYTES: usize = 2_048;

/// How many characters of a long word a warning quotes: enough to find it in the profile.
pub const QUOTED_WORD_CHARS: usize = 60;
