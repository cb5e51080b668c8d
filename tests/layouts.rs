//! Layouts and design options: each option changes the output the way it says, invalid values
//! are errors with a line, and the sidebar keeps its columns apart in reading order.

use std::path::Path;
use std::process::Command;

use vitae::font::FontBook;
use vitae::layout::frame::{Document, Item};
use vitae::{RenderOptions, Rendered};

/// A small profile; `extra` is appended at the top level (e.g. a `design:` block).
fn profile_yaml(extra: &str) -> String {
    format!(
        "name: Jane Doe\nheadline: Staff Engineer\nlang: en\ncontacts:\n  - email: jane@example.com\n  - url: https://jane.example.com\n{extra}\nsections:\n  - title: Experience\n    entries:\n      - position: Staff Engineer\n        organization: Example GmbH\n        start: 2021-03\n        highlights:\n          - Led the migration of four hundred services to a platform that deploys them without downtime, cutting costs by thirty percent across the organisation.\n          - text: Built the deployment pipeline\n            highlights:\n              - Canary releases\n  - title: Skills\n    entries:\n      - label: Languages\n        details: Rust, Go, Python\n  - title: Education\n    entries:\n      - degree: Bachelor of Science\n        institution: University\n        date: 2009\n"
    )
}

/// Renders YAML in a layout (design overrides applied as the CLI does).
fn render(yaml: &str, layout: &str) -> Result<Rendered, vitae::Error> {
    let profile = vitae::profile::parse(yaml, "cv.yaml")?;
    let theme = vitae::theme_for(&profile, Some(layout))?;
    vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default())
}

fn texts(doc: &Document) -> Vec<(usize, f64, f64, String)> {
    let mut out = Vec::new();
    for (n, p) in doc.pages.iter().enumerate() {
        for it in &p.items {
            if let Item::Text(t) = &it.item {
                out.push((n, it.pos.x.get(), it.pos.y.get(), t.text.clone()));
            }
        }
    }
    out
}

fn find(doc: &Document, needle: &str) -> (usize, f64, f64) {
    let (p, x, y, _) =
        texts(doc).into_iter().find(|t| t.3.contains(needle)).unwrap_or_else(|| panic!("{needle}"));
    (p, x, y)
}

fn all_text(doc: &Document) -> String {
    texts(doc).into_iter().map(|t| t.3).collect::<Vec<_>>().join(" ")
}

#[test]
fn every_bundled_layout_renders_every_sample_on_both_papers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    // Files only: samples/languages/ is a folder of its own (covered by tests/goldens.rs).
    for entry in std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()) {
        let profile = vitae::load_profile(&entry.unwrap().path()).unwrap();
        for (name, _) in vitae::theme::BUNDLED {
            for paper in [vitae::theme::Paper::A4, vitae::theme::Paper::Letter] {
                let mut theme = vitae::theme_for(&profile, Some(name)).unwrap();
                theme.page.paper = paper;
                let out =
                    vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default())
                        .unwrap();
                assert_eq!(out.document.pages[0].size, paper.size());
            }
        }
    }
}

#[test]
fn paper_letter_gives_a_612_by_792_page() {
    let out = render(&profile_yaml("design:\n  page:\n    paper: letter\n"), "classic").unwrap();
    let s = out.document.pages[0].size;
    assert_eq!((s.w.get(), s.h.get()), (612.0, 792.0));
    let a5 = render(&profile_yaml("design:\n  page:\n    paper: a5\n"), "classic").unwrap();
    assert!((a5.document.pages[0].size.w.get() - 419.53).abs() < 0.01);
}

#[test]
fn misspelt_design_option_is_an_error_with_line_and_suggestion() {
    let yaml = profile_yaml("design:\n  justify: false\n  hyphenat: false\n");
    let Err(vitae::Error::Theme(e)) = render(&yaml, "classic") else { panic!("expected a layout error") };
    let line = yaml.lines().position(|l| l.contains("hyphenat:")).unwrap() + 1;
    assert_eq!((e.file.as_str(), e.line), ("cv.yaml", line));
    assert_eq!(e.hint.as_deref(), Some("did you mean `hyphenate`?"));
}

#[test]
fn invalid_design_values_are_errors() {
    for bad in
        ["  colors:\n    link: not-a-colour\n", "  page:\n    paper: a3\n", "  page:\n    top: 3furlongs\n"]
    {
        let yaml = profile_yaml(&format!("design:\n{bad}"));
        assert!(matches!(render(&yaml, "classic"), Err(vitae::Error::Theme(_))), "{bad}");
    }
}

#[test]
fn sidebar_sections_move_to_the_sidebar_and_main_keeps_its_width() {
    let out = render(&profile_yaml(""), "sidebar").unwrap();
    let (_, skills_x, _) = find(&out.document, "SKILLS");
    let (_, exp_x, _) = find(&out.document, "EXPERIENCE");
    assert!(skills_x < exp_x, "skills ({skills_x}) should be left of the main column ({exp_x})");
    // The tint runs the full height of every page that carries sidebar content.
    for page in &out.document.pages {
        let tint = page.items.iter().find_map(|i| match &i.item {
            Item::Rect(r) => Some(r.size.h),
            _ => None,
        });
        assert_eq!(tint, Some(page.size.h));
    }
}

#[test]
fn sidebar_reading_order_is_main_column_then_sidebar_on_every_sample() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    // Files only: samples/languages/ is a folder of its own (covered by tests/goldens.rs).
    for entry in std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()) {
        let path = entry.unwrap().path();
        let profile = vitae::load_profile(&path).unwrap();
        let theme = vitae::theme_for(&profile, Some("sidebar")).unwrap();
        let out =
            vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default()).unwrap();
        let main_x = out.document.pages[0].size.w.get() * 0.35;
        for (n, page) in out.document.pages.iter().enumerate() {
            // Painting order is reading order (the tag tree follows it): no main-column run
            // may come after a sidebar run, footer aside.
            let xs: Vec<f64> = page
                .items
                .iter()
                .filter_map(|i| match &i.item {
                    Item::Text(t) if !t.text.contains(" / ") => Some(i.pos.x.get()),
                    _ => None,
                })
                .collect();
            let first_side = xs.iter().position(|&x| x < main_x).unwrap_or(xs.len());
            assert!(
                xs[first_side..].iter().all(|&x| x < main_x),
                "{} page {}: columns interleave",
                path.display(),
                n + 1
            );
        }
    }
}

#[test]
fn justify_off_leaves_a_ragged_right_edge() {
    let on = render(&profile_yaml("design:\n  justify: true\n"), "classic").unwrap();
    let off = render(&profile_yaml("design:\n  justify: false\n"), "classic").unwrap();
    assert_ne!(texts(&on.document), texts(&off.document));
}

#[test]
fn hyphenation_off_never_hyphenates() {
    let long = "Internationalization considerations notwithstanding, the organisation's infrastructure \
                automation encompassed comprehensive documentation responsibilities.";
    let yaml = format!(
        "name: X\ndesign:\n  hyphenate: false\n  page:\n    left: 70mm\n    right: 70mm\nsummary: \"{long}\"\n"
    );
    let out = render(&yaml, "classic").unwrap();
    assert!(!all_text(&out.document).contains('\u{AD}'));
    let yaml_on = yaml.replace("hyphenate: false", "hyphenate: true");
    let on = render(&yaml_on, "classic").unwrap();
    assert!(all_text(&on.document).contains('\u{AD}'), "a narrow measure should hyphenate when allowed");
}

#[test]
fn bullet_glyph_date_format_and_present_word_are_options() {
    let yaml = profile_yaml(
        "design:\n  lists:\n    bullet: \"▪\"\n  dates:\n    months: long\n    present: ongoing\n",
    );
    let text = all_text(&render(&yaml, "classic").unwrap().document);
    assert!(text.contains('▪'));
    assert!(text.contains("March 2021 – ongoing"), "{text}");
}

#[test]
fn present_follows_the_profile_language() {
    let yaml = profile_yaml("").replace("lang: en", "lang: de");
    let text = all_text(&render(&yaml, "classic").unwrap().document);
    assert!(text.contains("März 2021 – heute"), "{text}");
}

#[test]
fn links_can_be_underlined() {
    let count = |out: &Rendered| {
        out.document.pages[0].items.iter().filter(|i| matches!(i.item, Item::Line(_))).count()
    };
    let plain = render(&profile_yaml(""), "classic").unwrap();
    let underlined = render(&profile_yaml("design:\n  links: underline\n"), "classic").unwrap();
    assert!(count(&underlined) > count(&plain));
}

#[test]
fn section_order_puts_named_sections_first() {
    let out = render(&profile_yaml("design:\n  section-order: [education, skill]\n"), "classic").unwrap();
    let y = |s: &str| find(&out.document, s).2;
    assert!(y("Education") < y("Skills") && y("Skills") < y("Experience"));
}

#[test]
fn fonts_colours_and_sizes_are_options() {
    let yaml = profile_yaml(
        "design:\n  roles:\n    body:\n      family: Inter\n      size: 11pt\n      color: \"rgb(10, 20, 30)\"\n",
    );
    let out = render(&yaml, "classic").unwrap();
    let fonts = FontBook::bundled();
    let body = out.document.pages[0].items.iter().find_map(|i| match &i.item {
        Item::Text(t) if t.text.contains("migration") => Some(t.clone()),
        _ => None,
    });
    let body = body.unwrap();
    assert_eq!(fonts.face(body.font).family, "Inter");
    assert_eq!(body.size.get(), 11.0);
    assert_eq!((body.color.r, body.color.g, body.color.b), (10, 20, 30));
}

#[test]
fn compact_sets_dates_inline_and_skills_as_one_paragraph() {
    let out = render(&profile_yaml(""), "compact").unwrap();
    let (page, date_x, date_y) = find(&out.document, "Mar 2021");
    let title = texts(&out.document)
        .into_iter()
        .find(|t| t.0 == page && t.2 == date_y && t.3.contains("Staff Engineer"));
    let (_, title_x, _, _) = title.expect("the title shares the dates' line");
    assert!(date_x > title_x && date_x < 300.0, "dates follow the title, not a right column");
    assert!(all_text(&out.document).contains("Languages"));
}

#[test]
fn photo_is_placed_and_cropped_round() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo");
    let profile = vitae::load_profile(&dir.join("jane.yaml")).unwrap();
    for layout in ["classic", "sidebar"] {
        let theme = vitae::theme_for(&profile, Some(layout)).unwrap();
        let out =
            vitae::render_with(&profile, &theme, &FontBook::bundled(), &RenderOptions::default()).unwrap();
        let image = out.document.pages[0].items.iter().find_map(|i| match &i.item {
            Item::Image(img) => Some(img.clone()),
            _ => None,
        });
        let image = image.expect("the photo is drawn");
        assert!(image.round);
        assert!((image.size.w.get() - 24.0 * 72.0 / 25.4).abs() < 0.01, "design size 24mm applies");
        assert!(out.pdf.windows(8).any(|w| w == b"/Subtype") && out.pdf.len() > 10_000);
    }
}

#[test]
fn unreadable_or_non_image_photo_is_an_error_naming_it() {
    let dir = std::env::temp_dir().join(format!("vitae-photo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "not an image").unwrap();
    for (photo, words) in
        [("missing.png", "cannot read the photo `missing.png`"), ("notes.txt", "is not a PNG or JPEG")]
    {
        std::fs::write(dir.join("cv.yaml"), format!("name: X\nphoto: {photo}\n")).unwrap();
        let e = vitae::load_profile(&dir.join("cv.yaml")).unwrap_err();
        assert!(e.message.contains(words), "{}", e.message);
        assert_eq!(e.line, 2);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn layout_named_in_the_profile_is_used_unless_the_command_line_names_one() {
    let profile = vitae::profile::parse(&profile_yaml("layout: modern\n"), "cv.yaml").unwrap();
    assert_eq!(vitae::theme_for(&profile, None).unwrap().name, "modern");
    assert_eq!(vitae::theme_for(&profile, Some("compact")).unwrap().name, "compact");
}

#[test]
fn sidebar_text_extracts_main_column_then_sidebar_with_pdftotext() {
    let has_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    if !has_pdftotext {
        // `.ci/run` installs poppler-utils: a missing tool there is a broken CI, not a skip.
        assert!(std::env::var_os("CI").is_none(), "pdftotext is not installed, and CI is set");
        eprintln!("NOT CHECKED: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("vitae-sidebar-order-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = render(&profile_yaml(""), "sidebar").unwrap();
    let pdf = dir.join("cv.pdf");
    std::fs::write(&pdf, &out.pdf).unwrap();
    // Content-stream order, which is also the tag tree's order.
    let text = Command::new("pdftotext").args(["-raw", "-enc", "UTF-8"]).arg(&pdf).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout).to_string();
    let pos = |w: &str| text.find(w).unwrap_or_else(|| panic!("{w} not in {text}"));
    // Every main-column word comes before every sidebar word.
    assert!(pos("Canary releases") < pos("SKILLS"), "{text}");
    assert!(pos("EXPERIENCE") < pos("jane@example.com"), "{text}");
    assert!(pos("Languages") < pos("University"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn month_names_can_be_given_and_must_be_twelve() {
    let names = "[Jan., Feb., Mär., Apr., Mai, Jun., Jul., Aug., Sep., Okt., Nov., Dez.]";
    let yaml = profile_yaml(&format!("design:\n  dates:\n    short-month-names: {names}\n"));
    assert!(all_text(&render(&yaml, "classic").unwrap().document).contains("Mär. 2021"));
    let short = profile_yaml("design:\n  dates:\n    month-names: [Jan, Feb]\n");
    let Err(vitae::Error::Theme(e)) = render(&short, "classic") else { panic!("expected a layout error") };
    assert!(e.message.contains("twelve"), "{}", e.message);
}

/// Returns the pages that carry a tint.
fn tinted_pages(doc: &Document) -> Vec<usize> {
    let tinted = |p: &vitae::layout::frame::Page| p.items.iter().any(|i| matches!(i.item, Item::Rect(_)));
    doc.pages.iter().enumerate().filter(|(_, p)| tinted(p)).map(|(n, _)| n).collect()
}

/// Returns the (page, x, y, width, text) of every text run.
fn runs_with_width(doc: &Document) -> Vec<(usize, f64, f64, f64, String)> {
    let mut out = Vec::new();
    for (n, p) in doc.pages.iter().enumerate() {
        for it in &p.items {
            if let Item::Text(t) = &it.item {
                out.push((n, it.pos.x.get(), it.pos.y.get(), t.width().get(), t.text.clone()));
            }
        }
    }
    out
}

/// The sidebar layout's left margin, where the sidebar's text starts (14 mm).
const SIDEBAR_LEFT: f64 = 14.0 * 72.0 / 25.4;

#[test]
fn a_sidebar_with_nothing_in_it_gives_the_main_column_the_full_width_and_no_tint() {
    let yaml = "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n      - position: Staff Engineer\n        organization: Example GmbH\n        start: 2021-03\n        highlights:\n          - Led the migration.\n";
    let out = render(yaml, "sidebar").unwrap();
    let (_, x, _) = find(&out.document, "Staff Engineer");
    assert!((x - SIDEBAR_LEFT).abs() < 0.01, "the main column starts at {x}, not at the margin");
    assert_eq!(tinted_pages(&out.document), Vec::<usize>::new());
    // With anything in the sidebar, the columns come back.
    let out = render(&profile_yaml(""), "sidebar").unwrap();
    assert!(find(&out.document, "Staff Engineer").1 > SIDEBAR_LEFT + 100.0);
    assert_eq!(tinted_pages(&out.document), vec![0]);
}

/// A profile whose main column runs over three pages beside a short sidebar.
fn long_main_column(design: &str) -> String {
    let mut yaml = format!(
        "name: Jane Doe\n{design}sections:\n  - title: Skills\n    entries:\n      - label: Languages\n        details: Rust, Go\n  - title: Experience\n    entries:\n"
    );
    for e in 0..14 {
        yaml.push_str(&format!("      - position: Role {e}\n        organization: Org\n        start: 2020-01\n        highlights:\n"));
        for h in 0..5 {
            yaml.push_str(&format!("          - Point {h} of role {e}, long enough to run over a line of the main column beside the sidebar.\n"));
        }
    }
    yaml
}

#[test]
fn the_tint_runs_down_only_the_pages_with_sidebar_content_unless_asked_for_every_page() {
    let out = render(&long_main_column(""), "sidebar").unwrap();
    assert!(out.document.pages.len() >= 3, "{} pages", out.document.pages.len());
    assert_eq!(tinted_pages(&out.document), vec![0]);
    let full = render(&long_main_column("design:\n  sidebar:\n    tint: full\n"), "sidebar").unwrap();
    let all: Vec<usize> = (0..full.document.pages.len()).collect();
    assert_eq!(tinted_pages(&full.document), all);
    assert!(matches!(
        render(&long_main_column("design:\n  sidebar:\n    tint: half\n"), "sidebar"),
        Err(vitae::Error::Theme(_))
    ));
}

#[test]
fn sidebar_headings_stack_dates_and_location_under_the_institution_all_alike() {
    let yaml = "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n      - position: Staff Engineer\n        organization: Example GmbH\n        location: Berlin\n        start: 2019-03\n        highlights:\n          - Led the migration.\n  - title: Education\n    entries:\n      - degree: Bachelor of Science, Physics\n        institution: University of California, Los Angeles (UCLA)\n        location: Los Angeles, CA\n        start: 2012-07\n        end: 2016-06\n      - degree: MSc\n        institution: Brown\n        location: Providence, RI\n        date: 2021\n";
    let out = render(yaml, "sidebar").unwrap();
    let doc = &out.document;
    for (title, institution, date, location) in [
        ("Bachelor of Science", "University of", "2016", "Los Angeles, CA"),
        // Short enough to fit beside its date, it is stacked as all the narrow column's are.
        ("MSc", "Brown", "2021", "Providence"),
    ] {
        let (_, tx, ty) = find(doc, title);
        let (_, ix, iy) = find(doc, institution);
        let (_, dx, dy) = find(doc, date);
        let (_, lx, ly) = find(doc, location);
        assert!((tx - SIDEBAR_LEFT).abs() < 0.01 && (ix - SIDEBAR_LEFT).abs() < 0.01, "{title}");
        assert!((dx - SIDEBAR_LEFT).abs() < 0.01, "{title}: the date is not under the title");
        assert!(ty < iy && iy < dy, "{title}: title, institution, then dates");
        // The location shares the dates' line (or follows it), never the institution's.
        assert!(ly >= dy && lx >= dx, "{title}: the location is beside the institution");
    }
    // The wide main column keeps its dates flush right beside the title.
    let (_, px, py) = find(doc, "Staff Engineer");
    let (_, mx, my) = find(doc, "2019 –");
    assert!((py - my).abs() < 0.01 && mx > px + 150.0, "main column headings should stay side by side");
}

#[test]
fn list_labels_one_to_twelve_never_touch_their_text() {
    let mut yaml = String::from("name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n");
    let mut items = String::new();
    for i in 1..=12 {
        items.push_str(&format!("          - Item{i} of the list\n"));
    }
    yaml.push_str(&format!("      - position: Engineer\n        organization: Org\n        numbered: true\n        highlights:\n{items}"));
    yaml.push_str(&format!("  - title: Awards\n    entries:\n      - name: Prizes\n        numbered: true\n        highlights:\n{items}"));
    for layout in ["sidebar", "classic"] {
        let out = render(&yaml, layout).unwrap();
        let runs = runs_with_width(&out.document);
        // Per column (sidebar, main), where the items' text starts.
        let mut text_x: Vec<f64> = Vec::new();
        for i in 1..=12 {
            let label = format!("{i}.");
            let texts: Vec<_> = runs.iter().filter(|r| r.4.starts_with(&format!("Item{i} "))).collect();
            assert!(!texts.is_empty(), "{layout}: item {i}");
            for t in texts {
                let l = runs
                    .iter()
                    .find(|r| r.0 == t.0 && (r.2 - t.2).abs() < 0.01 && r.4 == label && r.1 < t.1)
                    .unwrap_or_else(|| panic!("{layout}: no label {label}"));
                // A gap of at least a third of an em (9 pt body) between label and text.
                assert!(
                    l.1 + l.3 + 3.0 <= t.1,
                    "{layout}: {label} ends at {:.1}, text at {:.1}",
                    l.1 + l.3,
                    t.1
                );
                text_x.push(t.1);
            }
        }
        // Every item of a list starts its text at the same place.
        text_x.sort_by(f64::total_cmp);
        text_x.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        assert!(text_x.len() <= 2, "{layout}: item texts start at {text_x:?}");
    }
}

#[test]
fn headings_are_never_hyphenated_in_any_layout() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let fonts = vitae::font::FontBook::bundled();
    // Files only: samples/languages/ is a folder of its own (covered by tests/goldens.rs).
    for entry in std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()) {
        let profile = vitae::load_profile(&entry.unwrap().path()).unwrap();
        for (name, _) in vitae::theme::BUNDLED {
            let theme = vitae::theme_for(&profile, Some(name)).unwrap();
            let content = vitae::content::build(&profile, &theme, &fonts);
            let side = content.sidebar.iter().flat_map(|s| s.blocks.iter());
            for block in content.blocks.iter().chain(side) {
                if let vitae::content::BlockKind::Split { left, right } = &block.kind {
                    for run in left.runs.iter().chain(&right.runs) {
                        assert!(!run.style.hyphenate, "{name}: `{}` may be hyphenated", run.text);
                    }
                }
            }
        }
    }
}

#[test]
fn one_heading_too_wide_to_share_its_row_stacks_every_heading_of_its_column() {
    let entry = |title: &str, date: &str| {
        format!(
            "      - position: {title}\n        organization: Org\n        location: Berlin\n        date: \"{date}\"\n        highlights:\n          - Did things.\n"
        )
    };
    let short = format!(
        "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n{}{}",
        entry("First Role", "2019"),
        entry("Second Role", "2021")
    );
    let out = render(&short, "classic").unwrap();
    let (_, tx, ty) = find(&out.document, "First Role");
    let (_, dx, dy) = find(&out.document, "2019");
    assert!((ty - dy).abs() < 0.01 && dx > tx + 200.0, "short dates stay beside their titles");
    // A date taking more than half the measure cannot share its row: both headings stack.
    let long_date = "from the spring of the year two thousand and nineteen until the autumn of the year two thousand and twenty";
    let long = format!(
        "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n{}{}",
        entry("First Role", long_date),
        entry("Second Role", "2021")
    );
    let out = render(&long, "classic").unwrap();
    for (title, date) in [("First Role", "from the spring"), ("Second Role", "2021")] {
        let (_, tx, ty) = find(&out.document, title);
        let (_, dx, dy) = find(&out.document, date);
        assert!((dx - tx).abs() < 0.01 && dy > ty, "{title}: its date should be under it, flush left");
        let (_, _, oy) = find(&out.document, "Org");
        let (_, lx, ly) = find(&out.document, "Berlin");
        assert!(ly > oy && lx >= tx, "{title}: the location goes under the organisation");
    }
}
