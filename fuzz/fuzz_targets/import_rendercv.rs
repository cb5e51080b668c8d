//! Text → the RenderCv importer → vitae YAML → `vitae::profile::parse`. Invariant (importer
//! totality): whatever the importer emits, vitae's own loader accepts. An importer error placed
//! in the source is fine; a conversion that vitae cannot load is a finding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vitae::import::{Format, convert_str};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(conversion) = convert_str(text, "fuzz.yaml", Format::RenderCv) else { return };
    if let Err(e) = vitae::profile::parse(&conversion.yaml, "converted.yaml") {
        panic!(
            "the RenderCv input converts into a profile vitae cannot load: {e}\n--- yaml ---\n{}",
            conversion.yaml
        );
    }
});
