//! The one cache type of the engine: results keyed by a small "space" (a language) and a short
//! text, sharded by the text's length and ends behind independent locks, and bounded.
//!
//! Two caches use it, both owned by the engine through its font book: the shaped words of each
//! face ([`crate::font`]) and the hyphenation points of words ([`HyphenationCache`], filled by
//! the layout's hyphenator). Both store results that depend only on their key, so a
//! hit returns exactly what computing again would: a cache never changes output, only speed.
//! Nothing here is ever iterated, so the hash affects speed only, never output.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};

/// Independent locks per cache, so that threads working on the same cache rarely wait. A
/// power of two, since the shard is taken from the hash's top bits.
const SHARDS: usize = 16;

/// A bounded map from (space, text) to a value, safe to share between threads. A shard that
/// reaches its share of the capacity is emptied and fills again with the keys in use, which
/// keeps memory bounded without bookkeeping on hits.
pub(crate) struct ShardedCache<S, V> {
    shards: [Mutex<Shard<S, V>>; SHARDS],
    /// The most entries one shard holds.
    per_shard: usize,
}

/// The values of one space in one shard, by text.
type Texts<V> = HashMap<Box<str>, V, FxBuild>;

/// One shard: per space (a handful, looked up linearly), the value of each text.
struct Shard<S, V> {
    spaces: Vec<(S, Texts<V>)>,
    len: usize,
}

impl<S, V> Default for Shard<S, V> {
    fn default() -> Shard<S, V> {
        Shard { spaces: Vec::new(), len: 0 }
    }
}

impl<S, V: Clone> ShardedCache<S, V> {
    /// Creates an empty cache holding at most about `capacity` entries (rounded down to a
    /// multiple of the shard count, at least one per shard).
    pub(crate) fn new(capacity: usize) -> ShardedCache<S, V> {
        ShardedCache {
            shards: std::array::from_fn(|_| Mutex::default()),
            per_shard: (capacity / SHARDS).max(1),
        }
    }

    /// Returns the value stored for `text` in `space`, if any.
    pub(crate) fn get<Q>(&self, space: &Q, text: &str) -> Option<V>
    where
        S: Borrow<Q>,
        Q: PartialEq + ?Sized,
    {
        let shard = self.shard(text).lock().unwrap_or_else(|e| e.into_inner());
        let (_, map) = shard.spaces.iter().find(|(s, _)| s.borrow() == space)?;
        map.get(text).cloned()
    }

    /// Stores the value of `text` in `space`, emptying the shard first when it is full.
    pub(crate) fn insert<Q>(&self, space: &Q, text: &str, value: V)
    where
        S: Borrow<Q>,
        Q: PartialEq + ToOwned<Owned = S> + ?Sized,
    {
        let mut shard = self.shard(text).lock().unwrap_or_else(|e| e.into_inner());
        if shard.len >= self.per_shard {
            *shard = Shard::default();
        }
        let index = match shard.spaces.iter().position(|(s, _)| s.borrow() == space) {
            Some(i) => i,
            None => {
                shard.spaces.push((space.to_owned(), HashMap::default()));
                shard.spaces.len() - 1
            }
        };
        let added =
            shard.spaces.get_mut(index).is_some_and(|(_, map)| map.insert(text.into(), value).is_none());
        shard.len += usize::from(added);
    }

    /// Returns the number of entries held, over all shards.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().unwrap_or_else(|e| e.into_inner()).len).sum()
    }

    /// Returns the shard of a text: chosen by its length and its first and last bytes, mixed,
    /// rather than by a hash of every byte, which the shard's map computes for the lookup
    /// anyway. Which shard holds a text matters for speed only (how often threads meet at a
    /// lock, how evenly the shards fill), and words differ enough in length and ends.
    fn shard(&self, text: &str) -> &Mutex<Shard<S, V>> {
        let bytes = text.as_bytes();
        let ends = u64::from(bytes.first().copied().unwrap_or(0)) << 8
            | u64::from(bytes.last().copied().unwrap_or(0));
        let key = (bytes.len() as u64) << 16 | ends;
        // The top bits of the product, where the multiplier mixes every bit of the key.
        let index = (key.wrapping_mul(FX_K) >> (u64::BITS - SHARDS.trailing_zeros())) as usize;
        &self.shards[index % SHARDS]
    }
}

impl<S, V> std::fmt::Debug for ShardedCache<S, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShardedCache")
    }
}

/// A fast non-cryptographic hash for short strings (the Fx hash of rustc), the same on every
/// platform and in every process.
#[derive(Default, Clone, Copy)]
struct FxBuild;

impl BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

/// The multiplier of rustc's Fx hash: odd, with well-mixed bits.
const FX_K: u64 = 0xf135_7aea_2e62_a9c5;

/// The hasher state of [`FxBuild`].
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = FX_K;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(26) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(26) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_value_is_found_in_its_space_only() {
        let cache: ShardedCache<String, u32> = ShardedCache::new(64);
        cache.insert("en", "word", 1);
        cache.insert("de", "word", 2);
        assert_eq!((cache.get("en", "word"), cache.get("de", "word")), (Some(1), Some(2)));
        assert_eq!((cache.get("fr", "word"), cache.get("en", "other")), (None, None));
        // Storing a text again replaces its value without counting it twice.
        cache.insert("en", "word", 3);
        assert_eq!((cache.get("en", "word"), cache.len()), (Some(3), 2));
    }

    #[test]
    fn the_cache_stays_within_its_capacity() {
        let cache: ShardedCache<u8, usize> = ShardedCache::new(256);
        for i in 0..10_000 {
            cache.insert(&0, &format!("w{i}"), i);
        }
        let held = cache.len();
        assert!(held > 0 && held <= 256, "{held} entries");
        // A capacity below the shard count still holds one entry per shard.
        let tiny: ShardedCache<u8, u8> = ShardedCache::new(0);
        tiny.insert(&0, "a", 1);
        assert_eq!(tiny.get(&0, "a"), Some(1));
    }

    #[test]
    fn texts_spread_over_the_shards() {
        let cache: ShardedCache<u8, u8> = ShardedCache::new(SHARDS);
        let words = ["a", "of", "the", "and", "team", "data", "built", "scale", "systems", "engineer"];
        let mut used: Vec<*const Mutex<Shard<u8, u8>>> =
            words.iter().map(|w| cache.shard(w) as *const _).collect();
        used.sort();
        used.dedup();
        assert!(used.len() >= SHARDS / 2, "{} shards for {} words", used.len(), words.len());
        // The same text always goes to the same shard.
        assert!(std::ptr::eq(cache.shard("scale"), cache.shard(&String::from("scale"))));
    }

    #[test]
    fn the_hash_is_stable() {
        // Pinned: the same on every platform and run (one whole 8-byte chunk, then one byte),
        // computed by hand from the definition.
        let mut h = FxBuild.build_hasher();
        h.write(b"abcdefghi");
        assert_eq!(h.finish(), 0xb768_026c_7a8a_8823);
    }
}

/// The hyphenation points of words by pattern language: byte offsets into the word, as the
/// `hypher` automata give them. An engine keeps one for all its renders (its font book holds
/// it and every book derived from it shares it), so a word repeated across paragraphs, fitting
/// attempts and documents walks the automata once. Cloning shares the cache.
#[derive(Debug, Clone)]
pub(crate) struct HyphenationCache(Arc<ShardedCache<hypher::Lang, Arc<[usize]>>>);

impl HyphenationCache {
    /// Longer words are not cached (no ordinary word is this long; it bounds an entry's size).
    pub(crate) const MAX_WORD: usize = 48;
    /// The most words kept over all languages: about 1 MiB at most.
    const CAPACITY: usize = 16384;

    /// Returns the cached points of a word, if any.
    #[cfg(test)]
    pub(crate) fn get(&self, lang: hypher::Lang, word: &str) -> Option<Vec<usize>> {
        self.visit(lang, word, <[usize]>::to_vec)
    }

    /// Calls `f` with the cached points of a word, if there are any, without copying them.
    pub(crate) fn visit<R>(
        &self,
        lang: hypher::Lang,
        word: &str,
        f: impl FnOnce(&[usize]) -> R,
    ) -> Option<R> {
        self.0.get(&lang, word).map(|p| f(&p))
    }

    /// Stores the points of a word (of at most [`HyphenationCache::MAX_WORD`] bytes).
    pub(crate) fn insert(&self, lang: hypher::Lang, word: &str, points: &[usize]) {
        if word.len() <= Self::MAX_WORD {
            self.0.insert(&lang, word, points.into());
        }
    }
}

impl Default for HyphenationCache {
    fn default() -> HyphenationCache {
        HyphenationCache(Arc::new(ShardedCache::new(Self::CAPACITY)))
    }
}
