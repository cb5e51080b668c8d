//! `vitae render --watch`: renders, then re-renders whenever a profile, its layout file or its
//! photo changes. Changes are found by polling modification times (no platform notification
//! API, so it behaves the same everywhere), debounced so an editor's save-in-several-writes
//! renders once. Errors are printed and watching goes on; the previous PDF stays in place until
//! a new one is complete (outputs are written atomically).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How often the files are polled: fast enough to feel live, cheap (a few `stat`s).
const POLL: Duration = Duration::from_millis(200);
/// How long the files must stay unchanged before rendering: editors often write a file in
/// several steps.
const SETTLE: Duration = Duration::from_millis(150);

/// The modification times of the watched files (`None` for a missing file).
type Snapshot = Vec<(PathBuf, Option<SystemTime>)>;

/// Renders once, then after every change; stops after `cycles` renders when given (tests).
pub fn run(
    inputs: &[PathBuf],
    layout: Option<&str>,
    cycles: Option<usize>,
    mut render: impl FnMut() -> u8,
) -> u8 {
    let mut code = render();
    let mut done = 1;
    let mut seen = snapshot(&watched(inputs, layout));
    eprintln!("watching {} file(s); press Ctrl-C to stop", seen.len());
    while cycles.is_none_or(|c| done < c) {
        std::thread::sleep(POLL);
        let now = snapshot(&watched(inputs, layout));
        if now == seen {
            continue;
        }
        settle(inputs, layout);
        seen = snapshot(&watched(inputs, layout));
        code = render();
        done += 1;
    }
    code
}

/// Waits until the watched files stop changing.
fn settle(inputs: &[PathBuf], layout: Option<&str>) {
    let mut last = snapshot(&watched(inputs, layout));
    loop {
        std::thread::sleep(SETTLE);
        let now = snapshot(&watched(inputs, layout));
        if now == last {
            return;
        }
        last = now;
    }
}

/// Lists the files a render depends on: each profile, its layout file and its photo.
fn watched(inputs: &[PathBuf], layout: Option<&str>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        files.push(input.clone());
        let profile = vitae::load_profile(input).ok();
        let dir = input.parent().unwrap_or(Path::new("."));
        let named = layout.map(str::to_owned).or_else(|| profile.as_ref().and_then(|p| p.layout.clone()));
        if let Some(l) = named.filter(|l| l.contains(['/', '\\', '.'])) {
            files.push(PathBuf::from(l));
        }
        if let Some(photo) = profile.as_ref().and_then(|p| p.photo.as_ref()) {
            files.push(dir.join(&photo.path));
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Reads the modification times.
fn snapshot(files: &[PathBuf]) -> Snapshot {
    files.iter().map(|f| (f.clone(), std::fs::metadata(f).and_then(|m| m.modified()).ok())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_and_layout_files_are_watched_with_the_profile() {
        let dir = std::env::temp_dir().join(format!("vitae-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo/portrait.png"),
            dir.join("me.png"),
        )
        .unwrap();
        std::fs::write(dir.join("cv.yaml"), "name: X\nphoto: me.png\nlayout: ./my.yaml\n").unwrap();
        let files = watched(&[dir.join("cv.yaml")], None);
        assert!(files.contains(&dir.join("me.png")));
        // A profile's layout path is read from the profile's folder.
        assert!(files.contains(&dir.join("./my.yaml")), "{files:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
