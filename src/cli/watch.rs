//! `vitae render --watch`: renders, then re-renders whenever a profile, its layout file or its
//! photo changes. Changes are found by polling each file's size and modification time (no
//! platform notification API, so it behaves the same everywhere), debounced so an editor's
//! save-in-several-writes renders once. While idle, a poll is one `stat` per watched file and
//! nothing else: the list of files is worked out (reading the profiles) only at the start and
//! again after a change. Errors are printed and watching goes on; the previous PDF stays in
//! place until a new one is complete (outputs are written atomically).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// How often the files are polled: fast enough to feel live, cheap (a few `stat`s).
const POLL: Duration = Duration::from_millis(200);
/// How long the files must stay unchanged before rendering: editors often write a file in
/// several steps.
const SETTLE: Duration = Duration::from_millis(150);

/// What a poll sees of a file: its size and modification time, or `None` when it cannot be
/// read (missing, or not allowed). The size catches a rewrite within the file system's
/// timestamp resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

/// The stamps of the watched files, in the order of the file list.
type Snapshot = Vec<Option<Stamp>>;

/// Renders once, then after every change; stops after `cycles` renders when given (tests).
pub fn run(
    inputs: &[PathBuf],
    layout: Option<&str>,
    cycles: Option<usize>,
    mut render: impl FnMut() -> u8,
) -> u8 {
    let mut code = render();
    let mut done = 1;
    let mut files = watched(inputs, layout);
    let mut seen = snapshot(&files);
    eprintln!("watching {} file(s); press Ctrl-C to stop", files.len());
    while cycles.is_none_or(|c| done < c) {
        std::thread::sleep(POLL);
        if !changed(&seen, &snapshot(&files)) {
            continue;
        }
        settle(&files);
        code = render();
        done += 1;
        // A profile may now name another photo or layout: the list is worked out again.
        files = watched(inputs, layout);
        seen = snapshot(&files);
    }
    code
}

/// Whether two snapshots of the same files differ: a file appeared, disappeared, or changed
/// size or modification time.
fn changed(before: &Snapshot, now: &Snapshot) -> bool {
    before != now
}

/// Waits until the watched files stop changing.
fn settle(files: &[PathBuf]) {
    let mut last = snapshot(files);
    loop {
        std::thread::sleep(SETTLE);
        let now = snapshot(files);
        if !changed(&last, &now) {
            return;
        }
        last = now;
    }
}

/// Lists the files a render depends on: each profile, its layout file and its photo. Reads
/// every profile, so it runs only at the start and after a change.
fn watched(inputs: &[PathBuf], layout: Option<&str>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        files.push(input.clone());
        let profile = vitae::load_profile(input).ok();
        let dir = input.parent().unwrap_or(Path::new("."));
        let named = layout.map(str::to_owned).or_else(|| profile.as_ref().and_then(|p| p.layout.clone()));
        if let Some(l) = named.filter(|l| l.contains(['/', '\\', '.'])) {
            files.push(PathBuf::from(&l));
            files.push(dir.join(&l));
        }
        if let Some(photo) = profile.as_ref().and_then(|p| p.photo.as_ref()) {
            files.push(dir.join(&photo.path));
        }
    }
    files.sort();
    files.dedup();
    files
}

/// Reads the size and modification time of each file: one `stat` each, no file opened.
fn snapshot(files: &[PathBuf]) -> Snapshot {
    files
        .iter()
        .map(|f| std::fs::metadata(f).ok().map(|m| Stamp { len: m.len(), modified: m.modified().ok() }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vitae-watch-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn photo_and_layout_files_are_watched_with_the_profile() {
        let dir = scratch("files");
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

    #[test]
    fn a_change_of_content_size_time_or_presence_is_seen_and_nothing_else() {
        let dir = scratch("change");
        let files = [dir.join("cv.yaml"), dir.join("photo.png")];
        std::fs::write(&files[0], "name: A\n").unwrap();
        let first = snapshot(&files);
        assert!(!changed(&first, &snapshot(&files)), "nothing happened");
        // Reading a file is no change.
        let _ = std::fs::read(&files[0]).unwrap();
        assert!(!changed(&first, &snapshot(&files)), "a read is not a change");
        // The same length, another time: a rewrite.
        let file = std::fs::File::options().write(true).open(&files[0]).unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000)).unwrap();
        let retimed = snapshot(&files);
        assert!(changed(&first, &retimed), "a new modification time");
        // The same time, another length: an edit within the clock's resolution.
        std::fs::write(&files[0], "name: AB\n").unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000)).unwrap();
        assert!(changed(&retimed, &snapshot(&files)), "a new size");
        // A file that appears, then disappears.
        let before = snapshot(&files);
        std::fs::write(&files[1], "png").unwrap();
        let appeared = snapshot(&files);
        assert!(changed(&before, &appeared), "a new file");
        std::fs::remove_file(&files[1]).unwrap();
        assert!(changed(&appeared, &snapshot(&files)), "a removed file");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
