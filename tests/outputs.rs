//! Other outputs and the edit loop: `--format txt` writes the text in reading order, page by
//! page with the footer and a form feed as `pdftotext` writes them, and
//! `--watch` renders again when the profile changes, keeping going after errors.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A fresh folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vitae-outputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const PROFILE: &str = "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n      - position: Staff Engineer\n        organization: Example GmbH\n        start: 2021-03\n        highlights:\n          - Led the migration to Kubernetes.\n";

#[test]
fn format_txt_writes_the_text_in_reading_order() {
    let dir = temp_dir("txt");
    std::fs::write(dir.join("cv.yaml"), PROFILE).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", "cv.yaml", "--format", "txt"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(dir.join("cv.txt")).unwrap();
    let order = [
        "Jane Doe",
        "Experience",
        "Staff Engineer",
        "Mar 2021 – present",
        "Example GmbH",
        "Led the migration",
    ];
    let mut at = 0;
    for word in order {
        let found =
            text[at..].find(word).unwrap_or_else(|| panic!("{word} missing or out of order in {text:?}"));
        at += found;
    }
    assert!(!dir.join("cv.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn format_txt_separates_pages_with_a_form_feed_and_ends_each_with_its_footer() {
    let dir = temp_dir("txt-pages");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/indradhanush-gupta.yaml");
    std::fs::copy(sample, dir.join("cv.yaml")).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", "cv.yaml", "--format", "txt", "--layout", "classic"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(dir.join("cv.txt")).unwrap();
    // Two pages (as `--format png` finds too), as pdftotext writes them: a form feed between.
    let pages: Vec<&str> = text.split('\u{C}').collect();
    assert_eq!(pages.len(), 2, "{text:?}");
    for (n, page) in pages.iter().enumerate() {
        let last = page.lines().last().unwrap_or_default();
        assert_eq!(last, format!("Indradhanush Gupta · {} / 2", n + 1), "{page:?}");
        assert!(page.ends_with('\n') && page.lines().count() > 5, "{page:?}");
    }
    assert!(pages[0].starts_with("Indradhanush Gupta\n"), "{text:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn format_png_writes_one_preview_per_page_at_the_resolution() {
    let dir = temp_dir("png");
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/indradhanush-gupta.yaml");
    std::fs::copy(sample, dir.join("cv.yaml")).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", "cv.yaml", "--format", "png", "--dpi", "36"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(status.success());
    for n in [1, 2] {
        let png = std::fs::read(dir.join(format!("cv-{n}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        // IHDR: width and height, big-endian, at bytes 16..24; A4 at 36 dpi is 297 × 420.
        let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((w, h), (297, 420));
    }
    assert!(!dir.join("cv-3.png").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits until `check` holds, for at most `secs` seconds.
fn wait_for(secs: u64, mut check: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + Duration::from_secs(secs);
    while Instant::now() < end {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn watch_renders_again_when_the_profile_changes_and_survives_errors() {
    let dir = temp_dir("watch");
    let cv = dir.join("cv.yaml");
    std::fs::write(&cv, PROFILE).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(["render", "cv.yaml", "--watch", "--watch-cycles", "3"])
        .current_dir(&dir)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pdf = dir.join("cv.pdf");
    assert!(wait_for(30, || pdf.exists()), "first render");
    let first = std::fs::read(&pdf).unwrap();
    // A broken edit: reported, the previous PDF kept.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(&cv, "name: Jane Doe\nsectons: []\n").unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    assert_eq!(std::fs::read(&pdf).unwrap(), first, "a failed render keeps the previous PDF");
    // A good edit: rendered again.
    std::fs::write(&cv, PROFILE.replace("Jane Doe", "Janet Doe")).unwrap();
    assert!(wait_for(30, || std::fs::read(&pdf).is_ok_and(|b| b != first)), "re-render after the change");
    assert!(wait_for(30, || child.try_wait().unwrap().is_some()), "stops after its cycles");
    let mut stderr = String::new();
    use std::io::Read;
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    assert!(stderr.contains("sectons"), "the error was printed: {stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
