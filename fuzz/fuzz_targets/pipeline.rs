//! Bytes → profile parse → the full render (`vitae::render_with` through the shared
//! `vitae::Engine`'s font book, in a bundled layout chosen by the first byte) → PDF bytes.
//!
//! The first byte chooses: bits 0–1 the layout (classic, modern, sidebar, compact), bit 2 a
//! one-page limit (fitting), bit 3 a creation date (a footer's "last updated"). The rest is the
//! profile's YAML.
//!
//! Invariants:
//! - a profile the loader accepts renders without an error;
//! - rendering twice (the engine's shaped-word caches now warm) gives identical PDF bytes;
//! - every word of the profile's printed text reaches the laid-out text
//!   (`vitae::layout::text::plain_text`) or a warning. Words and what counts as printed text
//!   are defined in `fuzz/src/lib.rs` (`words`, `profile_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitae::{Engine, RenderOptions, render_with};
use vitae_fuzz::{missing_word, profile_text};

/// A fixed creation date (2024-05-01), so that runs are reproducible.
const CREATION_DATE: i64 = 1_714_521_600;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, yaml)) = data.split_first() else { return };
    let Ok(yaml) = std::str::from_utf8(yaml) else { return };
    let Ok(profile) = vitae::profile::parse(yaml, "fuzz.yaml") else { return };
    let layout = vitae::theme::BUNDLED[usize::from(choice & 3)].0;
    // The profile's design may be invalid for the layout; that is the theme loader's error.
    let Ok(theme) = vitae::theme::resolve(layout, profile.design.as_ref()) else { return };
    // Past the page limit a render is refused by design; the fuzzer's inputs stay far below it,
    // and the invariant is about rendering, so the guard is lifted.
    let mut options = RenderOptions { max_pages: Some(usize::MAX), ..RenderOptions::default() };
    options.pages = (choice & 4 != 0).then_some(1);
    options.layout.creation_date = (choice & 8 != 0).then_some(CREATION_DATE);
    let fonts = Engine::shared().fonts();
    let first = render_with(&profile, &theme, fonts, &options)
        .unwrap_or_else(|e| panic!("a profile the loader accepts fails to render: {e}"));
    let second = render_with(&profile, &theme, fonts, &options).expect("rendered once");
    assert!(first.pdf == second.pdf, "rendering twice gives different bytes");
    let printed = vitae::layout::text::plain_text(&first.document);
    let warnings: Vec<String> = first.warnings.iter().map(|w| w.message.clone()).collect();
    // A word wider than the line is broken across lines (and its warning quotes only its start):
    // it reaches the text when the lines are joined.
    let joined = format!("{printed}\n{}", printed.replace('\n', ""));
    if let Some(word) = missing_word(&profile_text(&profile), &joined, &warnings) {
        panic!("the word {word:?} is neither printed nor warned about\n--- printed ---\n{printed}");
    }
});
