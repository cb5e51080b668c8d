//! The machine-readable report of `vitae render --report FILE`: per input its output, pages,
//! warnings, error and time, then the totals, as JSON in input order.

use std::path::Path;

use serde::Serialize;

use crate::cli::output::{self, Protected, WriteError};

/// What happened to one input.
#[derive(Debug, Clone, Serialize)]
pub struct InputReport {
    /// The profile as named on the command line (or found in a folder).
    pub input: String,
    /// Where its PDF goes (or would have gone).
    pub output: String,
    /// Pages of the PDF, when one was written.
    pub pages: Option<usize>,
    /// The warnings, each as printed after `warning: FILE: `.
    pub warnings: Vec<String>,
    /// Why the input failed (`file:line:column: message` for profile errors), if it did.
    pub error: Option<String>,
    /// How long the input took, from reading the profile to writing the PDF, in milliseconds.
    pub time_ms: f64,
}

/// Sums over every input.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Inputs given (after expanding folders).
    pub inputs: usize,
    /// Inputs whose PDF was written and that did not fail.
    pub rendered: usize,
    /// Inputs that failed.
    pub failed: usize,
    /// Pages written.
    pub pages: usize,
    /// Warnings over all inputs.
    pub warnings: usize,
    /// Worker threads used.
    pub jobs: usize,
    /// Wall-clock time of the whole batch, in milliseconds.
    pub wall_ms: f64,
    /// The inputs' times added up, in milliseconds (about the CPU time of the batch).
    pub render_ms: f64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// One entry per input, in input order.
    pub inputs: Vec<InputReport>,
    /// The sums.
    pub totals: Totals,
}

impl Report {
    /// Builds the report from the inputs' entries.
    pub fn new(inputs: Vec<InputReport>, jobs: usize, wall_ms: f64) -> Report {
        let failed = inputs.iter().filter(|i| i.error.is_some()).count();
        let totals = Totals {
            inputs: inputs.len(),
            rendered: inputs.len() - failed,
            failed,
            pages: inputs.iter().filter_map(|i| i.pages).sum(),
            warnings: inputs.iter().map(|i| i.warnings.len()).sum(),
            jobs,
            wall_ms: round_ms(wall_ms),
            render_ms: round_ms(inputs.iter().map(|i| i.time_ms).sum()),
        };
        Report { inputs, totals }
    }

    /// Writes the report as pretty-printed JSON, atomically, never over a protected file.
    pub fn write(&self, path: &Path, protected: &Protected) -> Result<(), WriteError> {
        let io = |e: serde_json::Error| WriteError::Io { path: path.to_path_buf(), source: e.into() };
        let mut json = serde_json::to_vec_pretty(self).map_err(io)?;
        json.push(b'\n');
        output::write_atomic(path, &json, &[protected])
    }
}

/// Rounds a time to microseconds, so that the JSON does not carry float noise.
pub fn round_ms(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1000.0
}
