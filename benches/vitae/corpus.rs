//! Generated inputs: distinct variants of the samples (so that no cache can make two documents
//! identical) and longer profiles (a sample's sections repeated with varied text).
//!
//! Variation works on the YAML text, not on parsed profiles, so that every variant goes through
//! the same parsing a user's file does. Only words made of lowercase ASCII letters inside block
//! scalars (`>-`, `|`) are shuffled, so inline markup (`**bold**`, links) is never touched and
//! every variant stays a valid profile; a name gets the variant's number appended.

use std::path::{Path, PathBuf};

/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// corpus on every machine.
pub struct Rng(u64);

impl Rng {
    /// Creates a generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(1))
    }

    /// Returns the next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Returns variant `n` of a profile's text: plain words shuffled within each line of its block
/// scalars, and ` n` appended to the name. Variant 0 is the text itself.
pub fn variant(text: &str, n: u64) -> String {
    if n == 0 {
        return text.to_string();
    }
    let mut rng = Rng::new(n);
    let mut out = String::with_capacity(text.len() + 16);
    let mut block_indent: Option<usize> = None;
    for line in text.lines() {
        let indent = line.len() - line.trim_start().len();
        let in_block = block_indent.is_some_and(|b| indent > b && !line.trim().is_empty());
        if !in_block {
            block_indent = None;
        }
        if in_block {
            out.push_str(&shuffle_plain_words(line, &mut rng));
        } else if let Some(name) = line.strip_prefix("name: ") {
            out.push_str(&format!("name: {name} {n}"));
        } else {
            out.push_str(line);
        }
        out.push('\n');
        let trimmed = line.trim_end();
        if !in_block && ["|", "|-", ">", ">-"].iter().any(|m| trimmed.ends_with(&format!(" {m}"))) {
            block_indent = Some(indent);
        }
    }
    out
}

/// Shuffles the words of a line that are lowercase ASCII letters only, leaving every other
/// word (markup, numbers, names, punctuation) in its place.
fn shuffle_plain_words(line: &str, rng: &mut Rng) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let plain: Vec<usize> = (0..words.len())
        .filter(|&i| !words[i].is_empty() && words[i].bytes().all(|b| b.is_ascii_lowercase()))
        .collect();
    let mut picked: Vec<&str> = plain.iter().map(|&i| words[i]).collect();
    rng.shuffle(&mut picked);
    for (slot, word) in plain.iter().zip(picked) {
        words[*slot] = word;
    }
    format!("{indent}{}", words.join(" "))
}

/// Returns a profile `times` as long: its `sections:` list (the last top-level key of every
/// sample) repeated, each copy a different variant so that the text is not repeated verbatim.
pub fn lengthened(text: &str, times: u64) -> String {
    let Some(at) = text.find("\nsections:\n") else {
        return text.to_string();
    };
    let (head, sections) = text.split_at(at + "\nsections:\n".len());
    let mut out = head.to_string();
    for copy in 0..times {
        out.push_str(&variant(sections, copy));
    }
    out
}

/// A temporary folder removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// Creates an empty folder under the system's temporary folder.
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("vitae-bench-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("create the temporary folder");
        TempDir(path)
    }

    /// Writes a file into the folder, creating the subfolders its name gives, and returns its
    /// path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create a folder for generated profiles");
        }
        std::fs::write(&path, text).expect("write a generated profile");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Reads a sample by file name.
pub fn sample(root: &Path, name: &str) -> String {
    std::fs::read_to_string(root.join("samples").join(name)).expect("read a sample")
}
