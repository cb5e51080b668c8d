//! The bench's own helpers (`benches/vitae/`), tested here because a `harness = false` bench
//! runs no tests: the generated corpus and its temporary folders, and the reading of callgrind's
//! instruction count (`cargo test --test bench_helpers`).

// The bench uses the rest of each module; only the parts under test are called here.
#[allow(dead_code)]
#[path = "../benches/vitae/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "../benches/vitae/instructions.rs"]
mod instructions;

use corpus::{TempDir, lengthened, variant};
use instructions::{collected, millions};

/// A profile with a block scalar holding plain words among markup, a number and a name.
const PROFILE: &str = "name: Ada Lovelace\nsections:\n  - title: Summary\n    entries:\n      - text: >-\n          wrote **the first** program for the analytical engine in 1843 with notes\n          and tables of numbers by Babbage\n  - title: Work\n";

/// Returns the words of a line, sorted, to compare lines regardless of order.
fn sorted_words(line: &str) -> Vec<&str> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    words.sort_unstable();
    words
}

#[test]
fn write_creates_the_subfolders_a_name_gives() {
    let dir = TempDir::new("test-write");
    let path = dir.write("counted/deeper/cv00001.yaml", "name: A\n");
    assert_eq!(path, dir.0.join("counted/deeper/cv00001.yaml"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "name: A\n");
    // A second file in an existing folder, and one at the top.
    dir.write("counted/deeper/cv00002.yaml", "name: B\n");
    dir.write("top.yaml", "name: C\n");
    assert!(dir.0.join("top.yaml").is_file());
}

#[test]
fn temp_dir_is_removed_when_dropped() {
    let dir = TempDir::new("test-drop");
    dir.write("a/b.yaml", "x");
    let path = dir.0.clone();
    drop(dir);
    assert!(!path.exists());
}

#[test]
fn variant_zero_is_the_text_itself() {
    assert_eq!(variant(PROFILE, 0), PROFILE);
}

#[test]
fn variant_numbers_the_name_and_keeps_everything_but_plain_words() {
    let text = variant(PROFILE, 7);
    let (old, new): (Vec<&str>, Vec<&str>) = (PROFILE.lines().collect(), text.lines().collect());
    assert_eq!(old.len(), new.len());
    assert_eq!(new[0], "name: Ada Lovelace 7");
    for (a, b) in old.iter().zip(&new).skip(1) {
        // The same words on each line, with the same indentation.
        assert_eq!(sorted_words(a), sorted_words(b), "{a:?} against {b:?}");
        assert_eq!(a.len() - a.trim_start().len(), b.len() - b.trim_start().len());
        // Words that are not plain lowercase letters stay where they were.
        for (x, y) in a.split_whitespace().zip(b.split_whitespace()) {
            if !x.bytes().all(|c| c.is_ascii_lowercase()) {
                assert_eq!(x, y, "{a:?} against {b:?}");
            }
        }
    }
    // Outside the block scalar nothing moves.
    assert_eq!(old[1..5], new[1..5]);
    assert_eq!(old[7], new[7]);
}

#[test]
fn variants_differ_from_each_other_and_repeat_for_a_number() {
    let variants: Vec<String> = (1..=20).map(|n| variant(PROFILE, n)).collect();
    let bodies: std::collections::BTreeSet<&str> =
        variants.iter().map(|v| v.split_once('\n').unwrap().1).collect();
    // The name alone makes them distinct; most must also differ in their words.
    assert!(bodies.len() > 15, "only {} distinct bodies", bodies.len());
    assert_eq!(variant(PROFILE, 3), variant(PROFILE, 3));
}

#[test]
fn lengthened_repeats_the_sections_with_varied_text() {
    let long = lengthened(PROFILE, 3);
    assert_eq!(long.matches("title: Summary").count(), 3);
    assert_eq!(long.matches("name: ").count(), 1);
    assert_eq!(long.split_whitespace().count(), 3 * (PROFILE.split_whitespace().count() - 4) + 4);
    // Without a `sections:` list there is nothing to repeat.
    assert_eq!(lengthened("name: A\n", 5), "name: A\n");
}
#[test]
fn collected_reads_callgrinds_summary() {
    let summary = "==4242== Callgrind, a call-graph generating cache profiler\n\
                   ==4242== \n\
                   ==4242== Events    : Ir\n\
                   ==4242== Collected : 50512345\n\
                   ==4242== \n\
                   ==4242== I   refs:      50,512,345\n";
    assert_eq!(collected(summary), Some(50_512_345));
}

#[test]
fn collected_is_none_without_a_count() {
    assert_eq!(collected(""), None);
    assert_eq!(collected("==1== I   refs:      50,512,345\n"), None);
    assert_eq!(collected("==1== Collected : many\n"), None);
}

#[test]
fn millions_rounds_to_a_tenth_or_shows_a_dash() {
    assert_eq!(millions(Some(50_512_345)), "50.5");
    assert_eq!(millions(Some(49_950_000)), "50.0");
    assert_eq!(millions(Some(0)), "0.0");
    assert_eq!(millions(None), "–");
}
