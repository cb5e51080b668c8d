//! `vitae render --shard I/N`: one of N disjoint parts of a batch, for running a huge batch as
//! N processes (a Kubernetes Indexed Job passes its `JOB_COMPLETION_INDEX` as I).
//!
//! Shard I takes inputs I, I + N, I + 2N, … of the listing (folders expanded and sorted by
//! name, as without `--shard`). Indices are 0-based, as Kubernetes' completion indices are, so
//! `0/N` to `N-1/N` together take every input exactly once.

use std::fmt;
use std::str::FromStr;

/// One shard of a batch: `index` of `count`, with `index < count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, from 0.
    pub index: usize,
    /// How many shards the batch is cut into, at least 1.
    pub count: usize,
}

impl Shard {
    /// Keeps the inputs of this shard: every `count`-th, starting at `index`.
    pub fn select<T>(self, inputs: Vec<T>) -> Vec<T> {
        inputs.into_iter().skip(self.index).step_by(self.count).collect()
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `I/N`: two whole numbers with `I < N`.
    fn from_str(text: &str) -> Result<Shard, String> {
        let (i, n) = text.split_once('/').ok_or_else(|| format!("`{text}` is not I/N (say 0/4)"))?;
        let number = |s: &str| {
            s.trim().parse::<usize>().map_err(|_| format!("`{s}` in `{text}` is not a whole number"))
        };
        let (index, count) = (number(i)?, number(n)?);
        if count == 0 {
            return Err(format!("`{text}`: there must be at least one shard"));
        }
        if index >= count {
            return Err(format!(
                "`{text}`: shards are numbered from 0, so I must be below N (0..={})",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_disjoint_and_cover_the_listing() {
        for len in [0, 1, 2, 7, 10, 31] {
            let inputs: Vec<usize> = (0..len).collect();
            for count in 1..=9 {
                let mut seen = Vec::new();
                for index in 0..count {
                    let part = Shard { index, count }.select(inputs.clone());
                    assert!(part.iter().all(|i| i % count == index), "{index}/{count} of {len}: {part:?}");
                    seen.extend(part);
                }
                seen.sort_unstable();
                assert_eq!(seen, inputs, "the shards of {len} inputs in {count}");
            }
        }
    }

    #[test]
    fn a_shard_keeps_the_listings_order() {
        let part = Shard { index: 1, count: 3 }.select(vec!["a", "b", "c", "d", "e"]);
        assert_eq!(part, ["b", "e"]);
    }

    #[test]
    fn only_an_index_below_the_count_parses() {
        assert_eq!("0/1".parse(), Ok(Shard { index: 0, count: 1 }));
        assert_eq!(" 3 / 4 ".parse(), Ok(Shard { index: 3, count: 4 }));
        for bad in ["4/4", "1/0", "0/0", "-1/3", "1", "a/3", "1/b", "", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad:?} was accepted");
        }
        assert!("4/4".parse::<Shard>().unwrap_err().contains("below N"));
    }
}
