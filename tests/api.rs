//! The one-call library API: `vitae::render(&profile, &options)` renders a profile in its own
//! layout through the process-wide engine, and gives the bytes a fresh engine gives.

use std::path::Path;

use vitae::{Engine, RenderOptions};

/// Parses a small profile; `extra` goes at the top level (`layout:`, `design:`, `pages:`).
fn profile(name: &str, extra: &str) -> vitae::Profile {
    let yaml = format!(
        "name: {name}\n{extra}\nsections:\n  - title: Experience\n    entries:\n      - position: Engineer\n        organization: Example GmbH\n        start: 2021-03\n        highlights:\n          - Built a deployment pipeline that ships four hundred services a day without downtime.\n"
    );
    vitae::profile::parse(&yaml, "cv.yaml").expect("valid profile")
}

/// Renders with a fresh engine in the layout the profile asks for, as the CLI resolves it.
fn fresh(profile: &vitae::Profile, options: &RenderOptions) -> Vec<u8> {
    let theme = vitae::theme_for(profile, None).expect("valid layout");
    Engine::new().render(profile, &theme, options).expect("renders").pdf
}

#[test]
fn render_uses_the_profiles_own_layout_and_matches_a_fresh_engine() {
    let options = RenderOptions::default();
    let classic = profile("Ann Lee", "");
    let modern = profile("Ann Lee", "layout: modern");
    let a = vitae::render(&classic, &options).unwrap();
    let b = vitae::render(&modern, &options).unwrap();
    assert_eq!(a.pdf, fresh(&classic, &options));
    assert_eq!(b.pdf, fresh(&modern, &options));
    assert_ne!(a.pdf, b.pdf, "the profile's layout must be used");
    // Design overrides of the profile apply too.
    let letter = profile("Ann Lee", "design:\n  page:\n    paper: letter");
    let c = vitae::render(&letter, &options).unwrap();
    let page = &c.document.pages[0];
    assert!((page.size.w.get() - 612.0).abs() < 0.01, "{:?}", page.size);
}

#[test]
fn repeated_calls_share_the_engine_without_changing_bytes() {
    let options = RenderOptions::default();
    let first = profile("Ann Lee", "");
    let second = profile("Bo Chen", "");
    let a1 = vitae::render(&first, &options).unwrap().pdf;
    let b = vitae::render(&second, &options).unwrap().pdf;
    let a2 = vitae::render(&first, &options).unwrap().pdf;
    assert_eq!(a1, a2);
    assert_ne!(a1, b);
    assert!(std::ptr::eq(Engine::shared(), Engine::shared()));
}

#[test]
fn page_count_and_warnings_are_reported() {
    let text = std::fs::read_to_string(Path::new("samples/anurag-mohanty.yaml")).unwrap();
    let sample = vitae::profile::parse(&text, "anurag-mohanty.yaml").unwrap();
    let out = vitae::render(&sample, &RenderOptions::default()).unwrap();
    let pdf = lopdf::Document::load_mem(&out.pdf).unwrap();
    assert_eq!(out.page_count(), pdf.get_pages().len());
    assert!(out.page_count() >= 2);
    // A page limit is honoured and reported.
    let one = RenderOptions { pages: Some(1), ..RenderOptions::default() };
    let short = vitae::render(&profile("Ann Lee", ""), &one).unwrap();
    assert_eq!(short.page_count(), 1);
    assert!(short.fit.is_some());
    // A character no font has is a warning, and the PDF is still complete.
    let odd = profile("Ann \u{13000} Lee", "");
    let out = vitae::render(&odd, &RenderOptions::default()).unwrap();
    assert!(out.warnings.iter().any(|w| w.to_string().contains("U+13000")), "{:?}", out.warnings);
    assert!(out.pdf.starts_with(b"%PDF-"));
}

#[test]
fn an_unknown_layout_in_the_profile_is_an_error() {
    let bad = profile("Ann Lee", "layout: clasic");
    let Err(vitae::Error::Theme(e)) = vitae::render(&bad, &RenderOptions::default()) else {
        panic!("expected a layout error");
    };
    assert!(e.to_string().contains("clasic"), "{e}");
}
