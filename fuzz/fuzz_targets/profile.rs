//! Bytes → `vitae::profile::parse` (vitae's YAML). Invariants: no panic, no hang; an error has a
//! message, and formatting it (with its source snippet) does not panic either.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = vitae::profile::parse(text, "fuzz.yaml") {
        assert!(!e.message.is_empty(), "an error without a message");
        let _ = e.to_string();
    }
});
