//! The one cache type of the engine: slices of small values keyed by a small "space" (a
//! language) and a short text, sharded by the text's hash behind independent locks, and
//! bounded.
//!
//! Two caches use it, both owned by the engine through its font book: the shaped words of each
//! face ([`crate::font`]) and the hyphenation points of words ([`HyphenationCache`], filled by
//! the layout's hyphenator). Both store results that depend only on their key, so a
//! hit returns exactly what computing again would: a cache never changes output, only speed.
//! Nothing here is ever iterated in an order that reaches output, so the hash affects speed
//! only.
//!
//! A shard keeps its keys and values in a few arenas (the text bytes of all its keys in one
//! vector, the values of all its entries in another) with an open-addressing table of entry
//! numbers over them: storing an entry allocates nothing once the arenas have grown, and a hit
//! copies the values out under the lock, with no reference count to touch. A cache of
//! individually allocated keys and values spent more on its allocations than on its lookups.

use std::sync::{Arc, Mutex};

/// Independent locks per cache, so that threads working on the same cache rarely wait. A
/// power of two, since the shard is taken from the hash's top bits.
const SHARDS: usize = 16;

/// The entries a shard makes room for at its first insert, with as many bytes of text as
/// [`FIRST_TEXT_PER_ENTRY`] and values as [`FIRST_ITEMS_PER_ENTRY`] give: about what one
/// two-page résumé puts into the busiest shard of its body face (some 400 words over 16
/// shards), so that a render's shards do not grow step by step. Later growth doubles.
const FIRST_ENTRIES: usize = 32;
/// The text bytes reserved per first entry: an ordinary word's length.
const FIRST_TEXT_PER_ENTRY: usize = 8;
/// The values reserved per first entry: the glyphs of an ordinary word.
const FIRST_ITEMS_PER_ENTRY: usize = 8;
/// The smallest slot table: twice [`FIRST_ENTRIES`], the table being kept at most half full.
const FIRST_SLOTS: usize = 2 * FIRST_ENTRIES;

/// A bounded map from (space, text) to a slice of values, safe to share between threads. A
/// shard that reaches its share of the capacity (entries, text bytes or values) is emptied
/// and fills again with the keys in use, which keeps memory bounded without bookkeeping on hits.
pub(crate) struct ShardedCache<S, T> {
    /// Boxed: the shards take about 2 KiB, which a vector of caches (the font book's, one per
    /// face) would otherwise copy at every growth.
    shards: Box<[Mutex<Shard<S, T>>; SHARDS]>,
    /// What one shard may hold.
    limits: Limits,
}

/// The most one shard holds before it is emptied.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// Entries (distinct keys).
    entries: usize,
    /// Bytes of key text, all entries together.
    text: usize,
    /// Values, all entries together (a replaced entry's old values count until the shard is
    /// emptied).
    items: usize,
}

/// One shard: the spaces seen (a handful, looked up linearly), the entries, and the arenas
/// their texts and values live in.
struct Shard<S, T> {
    /// The spaces of the entries, by the index an entry names.
    spaces: Vec<S>,
    /// The open-addressing table: 0 for a free slot, else an entry's index plus one. Its length
    /// is a power of two (or zero before the first insert), at least twice the entries, so
    /// that a probe always meets a free slot.
    slots: Vec<u32>,
    /// The entries, in insertion order.
    entries: Vec<Entry>,
    /// The text bytes of every entry, one after another.
    text: Vec<u8>,
    /// The values of every entry, one after another.
    items: Vec<T>,
}

/// Where one key's text and values lie in its shard's arenas. Offsets fit in 32 bits because
/// the [`Limits`] of a shard do (see [`ShardedCache::new`]).
#[derive(Debug, Clone, Copy)]
struct Entry {
    /// The bits of the key's hash that choose its slot, compared before the text.
    hash: u32,
    /// The index of its space in [`Shard::spaces`].
    space: u32,
    /// Start of its text in [`Shard::text`].
    text: u32,
    /// Length of its text in bytes.
    text_len: u32,
    /// Start of its values in [`Shard::items`].
    items: u32,
    /// Number of its values.
    items_len: u32,
}

impl<S, T> Default for Shard<S, T> {
    fn default() -> Shard<S, T> {
        Shard {
            spaces: Vec::new(),
            slots: Vec::new(),
            entries: Vec::new(),
            text: Vec::new(),
            items: Vec::new(),
        }
    }
}

/// Converts an arena offset or length to the 32 bits an [`Entry`] keeps; the shard's limits
/// keep every offset below `u32::MAX` (see [`ShardedCache::new`]).
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<S, T: Copy> Shard<S, T> {
    /// Returns the index of a space among those seen, if it was seen.
    fn space<Q: ?Sized>(&self, space: &Q) -> Option<u32>
    where
        S: Space<Q>,
    {
        self.spaces.iter().position(|s| s.is(space)).map(narrow)
    }

    /// Returns the text of an entry.
    fn text_of(&self, e: &Entry) -> &[u8] {
        let start = e.text as usize;
        &self.text[start..start + e.text_len as usize]
    }

    /// Returns the values of an entry.
    fn items_of(&self, e: &Entry) -> &[T] {
        let start = e.items as usize;
        &self.items[start..start + e.items_len as usize]
    }

    /// Looks a key up by linear probing from its hash's slot: `Ok` with the index of its
    /// entry, or `Err` with the free slot where the probe ended (where the key would go). The
    /// table must not be empty. Only a hint to inline it: forcing it into every lookup saved
    /// 12 K instructions in a single render but cost 22 K per document in a batch.
    #[inline]
    fn probe(&self, hash: u32, space: u32, text: &[u8]) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let Some(index) = (self.slots[slot] as usize).checked_sub(1) else { return Err(slot) };
            let e = &self.entries[index];
            if e.hash == hash && e.space == space && same_bytes(self.text_of(e), text) {
                return Ok(index);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Returns the values stored for a key, if any.
    fn find(&self, hash: u32, space: u32, text: &[u8]) -> Option<&[T]> {
        if self.slots.is_empty() {
            return None;
        }
        let index = self.probe(hash, space, text).ok()?;
        Some(self.items_of(&self.entries[index]))
    }

    /// Makes sure the slot table has room for one more entry at most half full, doubling it
    /// (and placing every entry again by its stored hash) when it has not. The first time,
    /// also reserves the arenas' first room (see [`FIRST_ENTRIES`]).
    fn make_room(&mut self) {
        let needed = 2 * (self.entries.len() + 1);
        if self.slots.len() >= needed {
            return;
        }
        if self.entries.capacity() == 0 {
            self.entries.reserve(FIRST_ENTRIES);
            self.text.reserve(FIRST_ENTRIES * FIRST_TEXT_PER_ENTRY);
            self.items.reserve(FIRST_ENTRIES * FIRST_ITEMS_PER_ENTRY);
        }
        let size = needed.next_power_of_two().max(FIRST_SLOTS).max(self.slots.len());
        self.slots.clear();
        self.slots.resize(size, 0);
        let mask = size - 1;
        for (index, e) in self.entries.iter().enumerate() {
            let mut slot = e.hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = narrow(index + 1);
        }
    }

    /// Forgets every entry and space, keeping the room the vectors have (at most what the
    /// shard's limits let them grow to).
    fn clear(&mut self) {
        self.spaces.clear();
        self.slots.clear();
        self.entries.clear();
        self.text.clear();
        self.items.clear();
    }
}

impl<S, T: Copy> ShardedCache<S, T> {
    /// Creates an empty cache holding at most about `capacity` entries, `capacity * mean_text`
    /// bytes of text and `capacity * mean_items` values (each rounded down to a multiple of
    /// the shard count, at least one entry per shard, and at most `u32::MAX` per shard so that
    /// an entry's offsets fit in 32 bits). A shard reaching any of these limits is emptied; a
    /// key whose text or values alone exceed a shard's limit is not stored.
    pub(crate) fn new(capacity: usize, mean_text: usize, mean_items: usize) -> ShardedCache<S, T> {
        let entries = (capacity / SHARDS).max(1);
        // One below u32::MAX, so that an entry's index plus one fits a slot too.
        let limit = |n: usize| n.min(u32::MAX as usize - 1);
        ShardedCache {
            shards: Box::new(std::array::from_fn(|_| Mutex::default())),
            limits: Limits {
                entries: limit(entries),
                text: limit(entries.saturating_mul(mean_text)),
                items: limit(entries.saturating_mul(mean_items)),
            },
        }
    }

    /// Calls `f` with the values stored for `text` in `space`, if there are any, and returns
    /// its result. `f` runs under the shard's lock, so that the values need not be copied
    /// first: it must not use this cache.
    pub(crate) fn visit<Q: ?Sized, R>(&self, space: &Q, text: &str, f: impl FnOnce(&[T]) -> R) -> Option<R>
    where
        S: Space<Q>,
    {
        let hash = hash(text.as_bytes());
        let shard = self.shard(hash).lock().unwrap_or_else(|e| e.into_inner());
        let space = shard.space(space)?;
        shard.find(slot_hash(hash), space, text.as_bytes()).map(f)
    }

    /// Stores the values of `text` in `space`, replacing any stored before; the shard is
    /// emptied first when storing them would exceed its limits.
    pub(crate) fn insert<Q: ?Sized>(&self, space: &Q, text: &str, items: &[T])
    where
        S: Space<Q>,
    {
        let limits = self.limits;
        if text.len() > limits.text || items.len() > limits.items {
            return;
        }
        let hash = hash(text.as_bytes());
        let mut shard = self.shard(hash).lock().unwrap_or_else(|e| e.into_inner());
        if shard.entries.len() >= limits.entries
            || shard.text.len() + text.len() > limits.text
            || shard.items.len() + items.len() > limits.items
        {
            shard.clear();
        }
        let space = match shard.space(space) {
            Some(i) => i,
            None => {
                shard.spaces.push(S::of(space));
                narrow(shard.spaces.len() - 1)
            }
        };
        shard.make_room();
        let hash = slot_hash(hash);
        let (at, len) = (narrow(shard.items.len()), narrow(items.len()));
        shard.items.extend_from_slice(items);
        match shard.probe(hash, space, text.as_bytes()) {
            Ok(index) => {
                // The old values stay in the arena (counted) until the shard is emptied.
                let e = &mut shard.entries[index];
                (e.items, e.items_len) = (at, len);
            }
            Err(slot) => {
                let (start, text_len) = (narrow(shard.text.len()), narrow(text.len()));
                shard.text.extend_from_slice(text.as_bytes());
                shard.entries.push(Entry { hash, space, text: start, text_len, items: at, items_len: len });
                shard.slots[slot] = narrow(shard.entries.len());
            }
        }
    }

    /// Returns the number of entries held, over all shards.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).entries.len()).sum()
    }

    /// Returns the shard of a key's hash: its top bits, which the slot (taken from lower bits,
    /// see [`slot_hash`]) does not use. Which shard holds a text matters for speed only (how
    /// often threads meet at a lock, how evenly the shards fill).
    fn shard(&self, hash: u64) -> &Mutex<Shard<S, T>> {
        &self.shards[(hash >> (u64::BITS - SHARDS.trailing_zeros())) as usize % SHARDS]
    }
}

impl<S, T> std::fmt::Debug for ShardedCache<S, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShardedCache")
    }
}

/// A cache's space as lookups name it (`Q`): compared with every lookup's, and made from
/// the first insert's. A language tag kept as a `String` is named by a `&str` and compared as
/// bytes, as texts are, without a call into the C library; any other space that compares and
/// copies itself is named by itself.
pub(crate) trait Space<Q: ?Sized> {
    /// Whether this space is the one a lookup names.
    fn is(&self, query: &Q) -> bool;
    /// Returns the space a lookup names, to keep.
    fn of(query: &Q) -> Self;
}

impl Space<str> for String {
    fn is(&self, query: &str) -> bool {
        same_bytes(self.as_bytes(), query.as_bytes())
    }
    fn of(query: &str) -> String {
        query.to_owned()
    }
}

impl<S: PartialEq + Clone> Space<S> for S {
    fn is(&self, query: &S) -> bool {
        self == query
    }
    fn of(query: &S) -> S {
        query.clone()
    }
}

/// The multiplier of rustc's Fx hash: odd, with well-mixed bits.
const FX_K: u64 = 0xf135_7aea_2e62_a9c5;

/// One step of the Fx hash: the state rotated, a word mixed in, multiplied.
fn mix(state: u64, word: u64) -> u64 {
    (state.rotate_left(26) ^ word).wrapping_mul(FX_K)
}

/// Hashes a key's text, the same on every platform and in every process: the Fx hash of its
/// length, then of its bytes eight at a time. The bytes after the last whole eight are read
/// as one more word without a loop over them: the text's last eight bytes when it has eight,
/// else its first and last four bytes (4 to 7 bytes), else its first, middle and last byte
/// (1 to 3). Each reading covers every byte, so two texts of one length that differ give
/// different words; the caches' keys are mostly this short.
fn hash(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    let mut state = mix(0, n as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        state = mix(state, le64(chunk));
    }
    if !chunks.remainder().is_empty() {
        let rest = match n {
            8.. => le64(&bytes[n - 8..]),
            4.. => le32(bytes) << 32 | le32(&bytes[n - 4..]),
            _ => u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16,
        };
        state = mix(state, rest);
    }
    state
}

/// Whether two byte strings are equal. Those of up to 16 bytes (nearly every key) are compared
/// by the overlapping reads of [`hash`], two words each, rather than by a call into the C
/// library's comparison, which costs more than the comparison itself for so few bytes.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => le32(a) == le32(b) && le32(&a[n - 4..]) == le32(&b[n - 4..]),
        8..=16 => le64(a) == le64(b) && le64(&a[n - 8..]) == le64(&b[n - 8..]),
        _ => a == b,
    }
}

/// Returns the bits of a hash that choose a slot and are kept in an entry: the upper half,
/// which the multiplication mixes best.
fn slot_hash(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// Reads the first eight bytes of `b` (which has at least eight) as a little-endian word.
fn le64(b: &[u8]) -> u64 {
    b.first_chunk::<8>().map_or(0, |c| u64::from_le_bytes(*c))
}

/// Reads the first four bytes of `b` (which has at least four) as a little-endian word.
fn le32(b: &[u8]) -> u64 {
    b.first_chunk::<4>().map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The values of a key, copied out.
    fn get<S: Space<Q>, Q: ?Sized, T: Copy>(
        cache: &ShardedCache<S, T>,
        space: &Q,
        text: &str,
    ) -> Option<Vec<T>> {
        cache.visit(space, text, <[T]>::to_vec)
    }

    #[test]
    fn a_stored_value_is_found_in_its_space_only() {
        let cache: ShardedCache<String, u32> = ShardedCache::new(64, 8, 8);
        cache.insert("en", "word", &[1, 10]);
        cache.insert("de", "word", &[2]);
        assert_eq!(
            (get(&cache, "en", "word"), get(&cache, "de", "word")),
            (Some(vec![1, 10]), Some(vec![2]))
        );
        assert_eq!((get(&cache, "fr", "word"), get(&cache, "en", "other")), (None, None));
        // Storing a text again replaces its values without counting it twice.
        cache.insert("en", "word", &[3, 4, 5]);
        assert_eq!((get(&cache, "en", "word"), cache.len()), (Some(vec![3, 4, 5]), 2));
        // The empty text and the empty slice are keys and values like any other.
        cache.insert("en", "", &[]);
        cache.insert("en", "nothing", &[]);
        assert_eq!((get(&cache, "en", ""), get(&cache, "en", "nothing")), (Some(vec![]), Some(vec![])));
        assert_eq!(get(&cache, "de", ""), None);
        // Spaces of one length, or one a prefix of another, are told apart.
        cache.insert("en-GB", "word", &[7]);
        let others = [get(&cache, "en-US", "word"), get(&cache, "eo", "word"), get(&cache, "e", "word")];
        assert_eq!((get(&cache, "en-GB", "word"), others), (Some(vec![7]), [None, None, None]));
    }

    #[test]
    fn every_text_is_found_again_through_growth() {
        // Texts of every length up to 80 bytes, alike but for one byte at the start, the
        // middle or the end (where the short readings of `hash` look), ASCII or not: all are
        // found with their own values after the shards' tables have doubled several times.
        let cache: ShardedCache<u8, usize> = ShardedCache::new(1 << 20, 64, 4);
        let mut texts = Vec::new();
        for n in 0..=80_usize {
            for at in [0, n / 2, n.saturating_sub(1)] {
                for b in [b'a', b'b', b'z'] {
                    let mut t = vec![b'x'; n];
                    if n > 0 {
                        t[at] = b;
                    }
                    texts.push(String::from_utf8(t).unwrap());
                }
            }
            texts.push("é".repeat(n / 2) + &"x".repeat(n % 2));
        }
        texts.sort();
        texts.dedup();
        for (i, t) in texts.iter().enumerate() {
            cache.insert(&7, t, &[i, t.len()]);
        }
        assert_eq!(cache.len(), texts.len());
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(get(&cache, &7, t), Some(vec![i, t.len()]), "{t:?}");
            assert_eq!(get(&cache, &8, t), None);
        }
    }

    #[test]
    fn the_cache_stays_within_its_limits() {
        let cache: ShardedCache<u8, usize> = ShardedCache::new(256, 8, 2);
        for i in 0..10_000 {
            cache.insert(&0, &format!("w{i}"), &[i]);
        }
        let held = cache.len();
        assert!(held > 0 && held <= 256, "{held} entries");
        for shard in cache.shards.iter() {
            let shard = shard.lock().unwrap();
            assert!(shard.entries.len() <= 16 && shard.text.len() <= 16 * 8 && shard.items.len() <= 16 * 2);
        }
        // The values limit empties a shard too: here two entries per shard, but six values,
        // so an entry of four values fills one.
        let wide: ShardedCache<u8, u8> = ShardedCache::new(2 * SHARDS, 8, 3);
        assert_eq!((wide.limits.entries, wide.limits.items), (2, 6));
        for i in 0..1000 {
            wide.insert(&0, &format!("w{i}"), &[1, 2, 3, 4]);
            let last = get(&wide, &0, &format!("w{i}"));
            assert_eq!(last, Some(vec![1, 2, 3, 4]), "the entry just stored is held");
        }
        assert!(wide.shards.iter().all(|s| s.lock().unwrap().entries.len() == 1));
        // Replacing one key again and again empties its shard rather than growing it.
        for i in 0..1000 {
            wide.insert(&0, "same", &[i as u8; 4]);
        }
        assert_eq!(get(&wide, &0, "same"), Some(vec![231; 4]));
        assert!(wide.shards.iter().all(|s| s.lock().unwrap().items.len() <= 6));
        // A key whose text or values exceed a whole shard's limit is not stored.
        wide.insert(&0, "long", &[0; 7]);
        let text = "t".repeat(wide.limits.text + 1);
        wide.insert(&0, &text, &[0]);
        assert_eq!((get(&wide, &0, "long"), get(&wide, &0, &text)), (None, None));
        // A capacity below the shard count still holds one entry per shard.
        let tiny: ShardedCache<u8, u8> = ShardedCache::new(0, 8, 8);
        tiny.insert(&0, "a", &[1]);
        assert_eq!(get(&tiny, &0, "a"), Some(vec![1]));
    }

    #[test]
    fn same_bytes_is_equality() {
        // Every length around the readings' edges, with each single byte changed in turn:
        // equal only when the bytes are.
        for n in 0..=40 {
            let a: Vec<u8> = (0..n).map(|i| b'a' + (i % 26) as u8).collect();
            assert!(same_bytes(&a, &a.clone()), "{n} bytes");
            for i in 0..n {
                let mut b = a.clone();
                b[i] ^= 0x80;
                assert!(!same_bytes(&a, &b) && !same_bytes(&b, &a), "{n} bytes, byte {i}");
            }
            assert!(!same_bytes(&a, &a[..n.saturating_sub(1)]) || n == 0);
        }
    }

    #[test]
    fn texts_spread_over_the_shards() {
        let cache: ShardedCache<u8, u8> = ShardedCache::new(SHARDS, 8, 8);
        let words = ["a", "of", "the", "and", "team", "data", "built", "scale", "systems", "engineer"];
        let mut used: Vec<*const Mutex<Shard<u8, u8>>> =
            words.iter().map(|w| cache.shard(hash(w.as_bytes())) as *const _).collect();
        used.sort();
        used.dedup();
        assert!(used.len() >= SHARDS / 2, "{} shards for {} words", used.len(), words.len());
    }

    #[test]
    fn the_hash_is_stable() {
        // Pinned: the same on every platform and run, computed by hand from the definition (a
        // whole chunk and an overlapping last one; the four-byte reading; the one-byte reading).
        assert_eq!(hash(b"abcdefghi"), 0x8683_484f_4638_cad8);
        assert_eq!(hash(b"abcde"), 0x4862_a49a_fafa_7cd8);
        assert_eq!(hash(b"ab"), 0x76c6_4b04_6047_5f0e);
        assert_eq!(hash(b""), 0);
    }
}

/// The hyphenation points of words by pattern language: byte offsets into the word, as the
/// `hypher` automata give them. An engine keeps one for all its renders (its font book holds
/// it and every book derived from it shares it), so a word repeated across paragraphs, fitting
/// attempts and documents walks the automata once. Cloning shares the cache.
#[derive(Debug, Clone)]
pub(crate) struct HyphenationCache(Arc<ShardedCache<hypher::Lang, usize>>);

impl HyphenationCache {
    /// Longer words are not cached (no ordinary word is this long; it bounds an entry's size).
    pub(crate) const MAX_WORD: usize = 48;
    /// The most words kept over all languages: about 1.3 MiB at most with the limits below.
    const CAPACITY: usize = 16384;
    /// The mean word length, in bytes, a full cache may hold: more than an ordinary word's.
    const MEAN_WORD: usize = 16;
    /// The mean points per word a full cache may hold: more than an ordinary word has.
    const MEAN_POINTS: usize = 4;

    /// Returns the cached points of a word, if any.
    #[cfg(test)]
    pub(crate) fn get(&self, lang: hypher::Lang, word: &str) -> Option<Vec<usize>> {
        self.visit(lang, word, <[usize]>::to_vec)
    }

    /// Calls `f` with the cached points of a word, if there are any, without copying them (`f`
    /// runs under the cache's lock and must not use it).
    pub(crate) fn visit<R>(
        &self,
        lang: hypher::Lang,
        word: &str,
        f: impl FnOnce(&[usize]) -> R,
    ) -> Option<R> {
        self.0.visit(&lang, word, f)
    }

    /// Stores the points of a word (of at most [`HyphenationCache::MAX_WORD`] bytes).
    pub(crate) fn insert(&self, lang: hypher::Lang, word: &str, points: &[usize]) {
        if word.len() <= Self::MAX_WORD {
            self.0.insert(&lang, word, points);
        }
    }
}

impl Default for HyphenationCache {
    fn default() -> HyphenationCache {
        HyphenationCache(Arc::new(ShardedCache::new(Self::CAPACITY, Self::MEAN_WORD, Self::MEAN_POINTS)))
    }
}
