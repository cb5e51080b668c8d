//! Instruction counts under callgrind: unlike CPU time they do not move with the load of a
//! shared machine, so a change of a few percent shows from one run to the next. Measured only
//! when `valgrind` is on `PATH`; a table then shows a dash where it is not.

use std::path::Path;
use std::process::{Command, Stdio};

/// Whether `valgrind` can be run.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `argv` in `cwd` under callgrind and returns the instructions it executed (the
/// `Collected` line of callgrind's summary), or `None` when valgrind is missing or the
/// command fails. `SOURCE_DATE_EPOCH` is set so vitae reads no clock and writes the same
/// bytes on every run.
pub fn count(argv: &[String], cwd: &Path) -> Option<u64> {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .args(argv)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdout(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    collected(&String::from_utf8_lossy(&out.stderr))
}

/// Reads the instruction count from callgrind's summary (`==123== Collected : 50512345`).
pub fn collected(summary: &str) -> Option<u64> {
    summary.lines().find_map(|line| line.split_once("Collected :").and_then(|(_, n)| n.trim().parse().ok()))
}

/// Formats an instruction count in millions, or a dash when there is none.
pub fn millions(count: Option<u64>) -> String {
    count.map_or("–".into(), |n| format!("{:.1}", n as f64 / 1e6))
}
