//! `vitae schema`: prints the JSON Schema of the profile format (`docs/profile.schema.json`),
//! for editors that complete and check YAML with it.

use std::io::Write;

use super::{EXIT_OK, EXIT_USAGE, report_error};

/// The schema, as shipped in `docs/`.
const SCHEMA: &str = include_str!("../../docs/profile.schema.json");

/// Prints the schema; returns the exit code.
pub fn run() -> u8 {
    match std::io::stdout().write_all(SCHEMA.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            report_error(&format!("cannot write to standard output: {e}"), None);
            EXIT_USAGE
        }
    }
}
