//! Smart punctuation through the whole pipeline: a profile with straight quotes, spaced hyphens,
//! `--` and `...` renders with curly quotes, dashes and an ellipsis in the laid-out frames and in
//! the PDF's extracted text (`pdftotext`), while code, addresses and links showing their address
//! keep what was typed; `smart-punctuation: false` restores the straight forms.

use std::io::Write;
use std::process::{Command, Stdio};

use vitae::layout::frame::Item;

/// The points of the test profile, one per line: each exercises one rule.
const POINTS: [&str; 5] = [
    r#"Led the "Atlas" move - we don't stop"#,
    "Cut builds from 10--20 min to 5... and kept the '90s servers",
    "Wrote `--dry-run 'x'` for the CLI",
    "Docs at https://x.org/a--b and **\"bold** quote\"",
    "Ask ops--team@example.com or 'Bob'",
];

/// How many times the points are repeated: enough for a second page.
const REPEATS: usize = 20;

/// Returns the test profile, with `design` at the top level.
fn profile(design: &str) -> vitae::Profile {
    // Repeated so that the résumé takes two pages and the footer, with the name, is set.
    let points: String = (0..REPEATS)
        .flat_map(|_| POINTS)
        .map(|p| format!("          - '{}'\n", p.replace('\'', "''")))
        .collect();
    let yaml = format!(
        "name: Ann O'Neil\n{design}\nsections:\n  - title: Writer's Work - Recent\n    entries:\n      - position: Engineer\n        organization: Example GmbH\n        date: Spring 2021 - today\n        highlights:\n{points}"
    );
    vitae::profile::parse(&yaml, "cv.yaml").expect("valid profile")
}

/// Renders a profile in the classic layout with its design overrides.
fn render(profile: &vitae::Profile) -> vitae::Rendered {
    vitae::render(profile, &vitae::RenderOptions::default()).expect("renders")
}

/// Returns the text the frames draw, runs joined and white space collapsed.
fn drawn(rendered: &vitae::Rendered) -> String {
    let mut text = String::new();
    for page in &rendered.document.pages {
        for positioned in &page.items {
            if let Item::Text(run) = &positioned.item {
                text.push_str(&run.text);
                text.push(' ');
            }
        }
    }
    collapse(&text)
}

/// Collapses white space to single spaces.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Extracts the PDF's text with `pdftotext` (poppler-utils, which CI installs).
fn extracted(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext is on PATH (apt-get install poppler-utils)");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let bytes = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("pdftotext runs");
    writer.join().expect("the writer thread ends").expect("pdftotext reads the PDF");
    assert!(out.status.success(), "pdftotext failed");
    collapse(&String::from_utf8(out.stdout).expect("pdftotext -enc UTF-8 writes UTF-8"))
}

/// What the smartened page says, and what stays as typed.
const SMART: &[&str] = &[
    "Ann O’Neil ·",
    "Spring 2021 – today",
    "“Atlas”",
    "move – we",
    "don’t",
    "10–20",
    "5…",
    "’90s",
    "--dry-run 'x'",
    "https://x.org/a--b",
    "“bold quote”",
    "ops--team@example.com",
    "‘Bob’",
];

/// What the page says with the switch off.
const STRAIGHT: &[&str] = &[
    "Ann O'Neil ·",
    "Spring 2021 - today",
    "\"Atlas\"",
    "move - we",
    "don't",
    "10--20",
    "5...",
    "'90s",
    "\"bold quote\"",
    "'Bob'",
];

/// Returns the expected pieces missing from a text.
fn missing<'a>(text: &str, expected: &[&'a str]) -> Vec<&'a str> {
    expected.iter().copied().filter(|e| !text.contains(e)).collect()
}

#[test]
fn the_page_and_its_extracted_text_show_smart_punctuation() {
    let rendered = render(&profile(""));
    assert!(rendered.page_count() > 1, "the footer is set on a résumé of two pages or more");
    let (drawn, extracted) = (drawn(&rendered), extracted(&rendered.pdf));
    assert_eq!(missing(&drawn, SMART), Vec::<&str>::new(), "drawn: {drawn}");
    assert_eq!(missing(&extracted, SMART), Vec::<&str>::new(), "extracted: {extracted}");
    assert!(!drawn.contains("\"Atlas\"") && !drawn.contains("don't"), "{drawn}");
    // The bookmark reads as the title on the page.
    let outline: Vec<&str> = rendered.document.outline.iter().map(|o| o.title.as_str()).collect();
    assert_eq!(outline, ["Writer’s Work – Recent"]);
    // Link targets are never touched.
    let links = link_targets(&rendered);
    for target in ["https://x.org/a--b", "mailto:ops--team@example.com"] {
        assert!(links.iter().any(|l| l == target), "{target} not in {links:?}");
    }
}

/// Returns the targets of the document's links.
fn link_targets(rendered: &vitae::Rendered) -> Vec<String> {
    let items = rendered.document.pages.iter().flat_map(|p| &p.items);
    items.filter_map(|i| if let Item::Link(l) = &i.item { Some(l.url.clone()) } else { None }).collect()
}

#[test]
fn the_switch_off_restores_straight_punctuation() {
    let rendered = render(&profile("design:\n  smart-punctuation: false"));
    let (drawn, extracted) = (drawn(&rendered), extracted(&rendered.pdf));
    assert_eq!(missing(&drawn, STRAIGHT), Vec::<&str>::new(), "drawn: {drawn}");
    assert_eq!(missing(&extracted, STRAIGHT), Vec::<&str>::new(), "extracted: {extracted}");
    assert_eq!(rendered.document.outline[0].title, "Writer's Work - Recent");
    for curly in ['“', '”', '‘', '’', '…'] {
        assert!(!extracted.contains(curly), "{curly} in {extracted}");
    }
}

#[test]
fn the_profile_keeps_what_was_typed() {
    let profile = profile("");
    let before = format!("{profile:?}");
    render(&profile);
    assert_eq!(format!("{profile:?}"), before);
    assert!(before.contains(r#"\"Atlas\" move - we don't"#), "{before}");
}
