//! PDF standards and the attached profile: every sample in every layout claims PDF/A-2b with
//! PDF/UA-1 without a validation error; the default claims PDF/UA-1 (and falls back to no claim
//! with a warning when it cannot be met); PDF/A refuses to guess a date; a rendered PDF imports
//! back to a profile that renders to the same bytes.

use std::path::{Path, PathBuf};
use std::process::Command;

use lopdf::{Dictionary, Object};
use vitae::pdf::{Archival, Standards};
use vitae::{Engine, RenderOptions};

/// The layouts every sample is rendered in.
const LAYOUTS: [&str; 4] = ["classic", "modern", "sidebar", "compact"];

/// 2023-11-14 22:13:20 UTC, a fixed creation date.
const DATE: i64 = 1_700_000_000;

/// Returns the sample profiles, sorted.
fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the samples are missing");
    files
}

/// Options claiming `standards` with the fixed date.
fn options(standards: Option<Standards>) -> RenderOptions {
    RenderOptions {
        layout: vitae::layout::LayoutOptions { creation_date: Some(DATE) },
        standards,
        ..RenderOptions::default()
    }
}

/// Parses a small profile; `extra` goes at the top level.
fn profile(extra: &str) -> vitae::Profile {
    let yaml = format!(
        "name: Ann Lee\n{extra}\nsections:\n  - title: Experience\n    entries:\n      - position: Engineer\n        organization: Example GmbH\n        start: 2021-03\n        highlights:\n          - Built a deployment pipeline.\n"
    );
    vitae::profile::parse(&yaml, "cv.yaml").expect("valid profile")
}

/// Renders a profile in its own layout.
fn render(profile: &vitae::Profile, options: &RenderOptions) -> Result<vitae::Rendered, vitae::Error> {
    let theme = vitae::theme_for(profile, None).expect("valid layout");
    Engine::shared().render(profile, &theme, options)
}

/// Returns the document catalog of a PDF.
fn catalog(doc: &lopdf::Document) -> &Dictionary {
    doc.catalog().expect("a catalog")
}

/// Returns the XMP metadata packet of a PDF as text.
fn xmp(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let id = catalog(&doc).get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    String::from_utf8(stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())).unwrap()
}

/// Returns the names in the PDF's `EmbeddedFiles` name tree (krilla writes one flat level).
fn attachments(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let resolve = |o: &Object| match o {
        Object::Reference(id) => doc.get_object(*id).unwrap().clone(),
        other => other.clone(),
    };
    let Ok(names) = catalog(&doc).get(b"Names") else { return Vec::new() };
    let names = resolve(names);
    let Ok(tree) = names.as_dict().unwrap().get(b"EmbeddedFiles") else { return Vec::new() };
    let tree = resolve(tree);
    let Ok(pairs) = tree.as_dict().unwrap().get(b"Names") else { return Vec::new() };
    let pairs = resolve(pairs);
    pairs
        .as_array()
        .unwrap()
        .iter()
        .step_by(2)
        .map(|n| String::from_utf8_lossy(n.as_str().unwrap()).into())
        .collect()
}

#[test]
fn every_sample_in_every_layout_claims_pdf_a_2b_and_pdf_ua_1() {
    let both: Standards = "a-2b,ua-1".parse().unwrap();
    let mut failures = Vec::new();
    for file in samples() {
        let profile = vitae::load_profile(&file).unwrap();
        for layout in LAYOUTS {
            let theme = vitae::theme_for(&profile, Some(layout)).unwrap();
            match Engine::shared().render(&profile, &theme, &options(Some(both))) {
                Ok(out) => {
                    let x = xmp(&out.pdf);
                    let claims =
                        ["<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B", "<pdfuaid:part>1<"];
                    if let Some(missing) = claims.iter().find(|c| !x.contains(*c)) {
                        failures.push(format!("{} in {layout}: XMP lacks {missing}", file.display()));
                    }
                }
                Err(e) => failures.push(format!("{} in {layout}: {e}", file.display())),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_default_claims_pdf_ua_1_shows_the_title_and_titles_the_headings() {
    let out = render(&profile(""), &options(None)).unwrap();
    assert!(xmp(&out.pdf).contains("<pdfuaid:part>1<"));
    let doc = lopdf::Document::load_mem(&out.pdf).unwrap();
    let prefs = catalog(&doc).get(b"ViewerPreferences").unwrap();
    let prefs = match prefs {
        Object::Reference(id) => doc.get_object(*id).unwrap().as_dict().unwrap(),
        other => other.as_dict().unwrap(),
    };
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    // The name's heading (H1) carries its text as its title.
    let titled = doc.objects.values().filter_map(|o| o.as_dict().ok()).any(|d| {
        d.get(b"S").and_then(Object::as_name).is_ok_and(|s| s == b"H1")
            && d.get(b"T").and_then(Object::as_str).is_ok_and(|t| t == b"Ann Lee")
    });
    assert!(titled, "no H1 titled \"Ann Lee\"");
    // `standard: none` claims nothing.
    let none = render(&profile("standard: none"), &options(None)).unwrap();
    assert!(!xmp(&none.pdf).contains("pdfuaid"));
}

#[test]
fn the_command_line_wins_over_the_profile_and_the_profile_over_the_default() {
    let p = profile("standard: a-3b");
    let from_profile = render(&p, &options(None)).unwrap();
    assert!(xmp(&from_profile.pdf).contains("<pdfaid:part>3</pdfaid:part>"));
    assert!(!xmp(&from_profile.pdf).contains("pdfuaid"), "a-3b alone does not claim PDF/UA-1");
    let ua: Standards = "ua-1".parse().unwrap();
    let from_cli = render(&p, &options(Some(ua))).unwrap();
    assert!(!xmp(&from_cli.pdf).contains("pdfaid:part"));
}

#[test]
fn pdf_a_takes_its_date_from_source_date_epoch_or_updated_and_else_refuses() {
    let a2b = Some(Standards { archival: Some(Archival::A2b), ua1: false });
    let undated = RenderOptions { standards: a2b, ..RenderOptions::default() };
    let e = render(&profile(""), &undated).unwrap_err().to_string();
    assert!(e.contains("a-2b") && e.contains("SOURCE_DATE_EPOCH") && e.contains("updated"), "{e}");
    let dated = render(&profile("updated: 2024-05-17"), &undated).unwrap();
    assert!(xmp(&dated.pdf).contains("<xmp:CreateDate>2024-05-17T00:00:00+00:00"), "{}", xmp(&dated.pdf));
    // SOURCE_DATE_EPOCH (the option) wins over `updated:`.
    let both = render(&profile("updated: 2024-05-17"), &options(a2b)).unwrap();
    assert!(xmp(&both.pdf).contains("<xmp:CreateDate>2023-11-14T22:13:20+00:00"));
}

#[test]
fn a_character_no_font_has_fails_an_asked_standard_and_demotes_the_default() {
    // U+E000 is a private-use character that no bundled font draws.
    let p = profile("headline: \"Engineer \u{e000}\"");
    let asked = render(&p, &options(Some("ua-1".parse().unwrap()))).unwrap_err().to_string();
    assert!(asked.contains("cannot claim ua-1") && asked.contains("no glyph for \"\\u{e000}\""), "{asked}");
    assert!(asked.contains("font Source Serif 4") && asked.contains("forbidden by PDF/UA-1"), "{asked}");
    let default = render(&p, &options(None)).unwrap();
    assert!(!xmp(&default.pdf).contains("pdfuaid"));
    let warned =
        default.warnings.iter().any(|w| w.message.contains("claims no standard, as PDF/UA-1 cannot be met"));
    assert!(warned, "{:?}", default.warnings);
}

#[test]
fn a_photo_is_a_figure_with_alternative_text_and_passes_pdf_a() {
    // Images are drawn without smoothing (PDF/A forbids it) and tagged `Figure` with "Photo of NAME".
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo/jane.yaml");
    let p = vitae::load_profile(&file).unwrap();
    let pdf = render(&p, &options(Some("a-2b,ua-1".parse().unwrap()))).unwrap().pdf;
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let figure = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .find(|d| d.get(b"S").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Figure"));
    let figure = figure.expect("the photo is tagged as a Figure");
    let alt = figure.get(b"Alt").and_then(lopdf::Object::as_str).expect("the Figure has alternative text");
    let name = p.name.as_ref().map(|n| n.to_plain()).unwrap();
    assert_eq!(String::from_utf8_lossy(alt), format!("Photo of {name}"));
    assert!(!String::from_utf8_lossy(&pdf).contains("/Interpolate true"), "images are not smoothed");
}

#[test]
fn the_source_is_attached_unless_switched_off_or_pdf_a_2_forbids_it() {
    let name = vitae::pdf::SOURCE_NAME.to_string();
    let plain = render(&profile(""), &options(None)).unwrap();
    assert_eq!(attachments(&plain.pdf), std::slice::from_ref(&name));
    let a3: Standards = "a-3b,ua-1".parse().unwrap();
    let archived = render(&profile(""), &options(Some(a3))).unwrap();
    assert_eq!(attachments(&archived.pdf), [name]);
    let doc = lopdf::Document::load_mem(&archived.pdf).unwrap();
    assert!(catalog(&doc).has(b"AF"), "PDF/A-3 lists the source as an associated file");
    let a2: Standards = "a-2b".parse().unwrap();
    assert!(attachments(&render(&profile(""), &options(Some(a2))).unwrap().pdf).is_empty());
    assert!(attachments(&render(&profile("embed_source: false"), &options(None)).unwrap().pdf).is_empty());
    let off = RenderOptions { embed_source: Some(false), ..options(None) };
    assert!(attachments(&render(&profile("embed_source: true"), &off).unwrap().pdf).is_empty());
}

#[test]
fn a_rendered_pdf_imports_back_to_a_profile_that_renders_to_the_same_bytes() {
    for file in samples() {
        let profile = vitae::load_profile(&file).unwrap();
        let first = render(&profile, &options(None)).unwrap().pdf;
        let yaml = vitae::import::pdf::source(first.clone(), "cv.pdf").unwrap();
        assert_eq!(yaml, std::fs::read_to_string(&file).unwrap(), "{}", file.display());
        let again = vitae::profile::parse(&yaml, "cv.yaml").unwrap();
        assert!(render(&again, &options(None)).unwrap().pdf == first, "{}: bytes differ", file.display());
    }
}

/// Runs the binary in `dir` with `args`; returns (exit code, stdout, stderr).
fn vitae(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", DATE.to_string())
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// A fresh temporary folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("vitae-standards-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_command_line_refuses_bad_lists_and_imports_a_pdf_back() {
    let dir = temp_dir("cli");
    let sample = samples().remove(0);
    std::fs::copy(&sample, dir.join("cv.yaml")).unwrap();
    let (code, _, err) = vitae(&dir, &["render", "cv.yaml", "--standard", "a-2b,a-3b"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("a-2b and a-3b are both PDF/A levels"), "{err}");
    let (code, _, err) = vitae(&dir, &["render", "cv.yaml", "-o", "cv.pdf", "--standard", "a-3b,ua-1", "-q"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = vitae(&dir, &["import", "cv.pdf", "-o", "back.yaml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read(dir.join("back.yaml")).unwrap(), std::fs::read(&sample).unwrap());
    let (code, _, _) = vitae(&dir, &["render", "cv.yaml", "-o", "bare.pdf", "--no-embed-source", "-q"]);
    assert_eq!(code, 0);
    let (code, _, err) = vitae(&dir, &["import", "bare.pdf", "-o", "none.yaml"]);
    assert_eq!(code, 1);
    assert!(err.contains("carries no vitae profile") && err.contains("--no-embed-source"), "{err}");
    assert!(!dir.join("none.yaml").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_running_footer_is_an_artifact_outside_the_tag_tree() {
    // anurag's footer reads "Anurag Mohanty · 1 / 3": drawn on the page, but page furniture for
    // a screen reader, so the structure tree (poppler's view of it) must not contain it.
    let file = samples().into_iter().find(|f| f.ends_with("anurag-mohanty.yaml")).unwrap();
    let pdf = render(&vitae::load_profile(&file).unwrap(), &options(None)).unwrap().pdf;
    let dir = std::env::temp_dir().join(format!("vitae-footer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cv.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let tail = |tool: &str| if tool == "pdftotext" { vec!["-"] } else { vec![] };
    let run = |tool: &str, args: &[&str]| {
        let out = std::process::Command::new(tool).args(args).arg(&path).args(tail(tool)).output();
        out.unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed: {e}")).stdout
    };
    let tree = String::from_utf8_lossy(&run("pdfinfo", &["-struct-text"])).into_owned();
    let page = String::from_utf8_lossy(&run("pdftotext", &["-l", "1"])).into_owned();
    std::fs::remove_dir_all(&dir).ok();
    assert!(page.contains("1 / 3"), "the footer is drawn: {page}");
    assert!(tree.contains("Site Reliability Engineer"), "the tree holds the text: {tree}");
    assert!(!tree.contains("1 / 3"), "the footer is not in the tree");
}

/// One element of poppler's `pdfinfo -struct` listing: its depth and its role.
#[derive(Debug, Clone, PartialEq)]
struct Elem {
    /// Nesting depth (0 for `Document`).
    depth: usize,
    /// The structure type (`Sect`, `H1`, `LI`…).
    role: String,
    /// The title poppler prints in quotes (headings), if any.
    title: Option<String>,
}

/// Returns the tag tree of a PDF as poppler reads it (`pdfinfo -struct`), or `None` when
/// poppler is not installed.
fn poppler_tree(pdf: &[u8], name: &str) -> Option<Vec<Elem>> {
    let path = std::env::temp_dir().join(format!("vitae-struct-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo").arg("-struct").arg(&path).output();
    std::fs::remove_file(&path).ok();
    let out = out.ok()?;
    Some(decode_listing(&out.stdout).lines().filter_map(parse_struct_line).collect())
}

/// Returns poppler's listing as text: it prints titles as the PDF's raw string bytes, so a
/// title that is UTF-16BE (marked by the bytes FE FF, as krilla writes any non-ASCII text) is
/// decoded up to its closing quote, read two bytes at a time.
fn decode_listing(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = bytes;
    while let Some(at) = rest.windows(3).position(|w| w == b"\"\xFE\xFF") {
        out.push_str(&String::from_utf8_lossy(&rest[..at + 1]));
        let title = &rest[at + 3..];
        let closes =
            |i: usize| title.get(i) == Some(&b'"') && matches!(title.get(i + 1), None | Some(b' ' | b'\n'));
        let end = (0..title.len()).step_by(2).find(|&i| closes(i)).unwrap_or(title.len());
        let units: Vec<u16> =
            title[..end].chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
        out.push_str(&String::from_utf16_lossy(&units));
        rest = &title[end..];
    }
    out.push_str(&String::from_utf8_lossy(rest));
    out
}

/// Returns a title as `pdfinfo -struct` prints it: ASCII as it is; other text is written as
/// UTF-16BE and poppler prints its bytes as a C string, so it ends before the first zero byte
/// (an ASCII letter's high byte), e.g. "💼 Primary skills" prints as "💼".
fn as_poppler_prints(title: &str) -> String {
    if title.is_ascii() {
        return title.to_string();
    }
    let bytes: Vec<u8> = title.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let end = bytes.iter().position(|b| *b == 0).unwrap_or(bytes.len());
    let units: Vec<u16> =
        bytes[..end - end % 2].chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]])).collect();
    String::from_utf16_lossy(&units)
}

/// Parses one line of `pdfinfo -struct`: two spaces of indent per level, the role, a quoted
/// title; attribute lines (`/ListNumbering …`) and object references are no elements.
fn parse_struct_line(line: &str) -> Option<Elem> {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    let role = body.split([' ', ':']).next()?;
    if role.is_empty() || role.starts_with('/') || role == "Object" || !indent.is_multiple_of(2) {
        return None;
    }
    let title = body.split_once('"').and_then(|(_, rest)| rest.rsplit_once('"')).map(|(t, _)| t.to_string());
    Some(Elem { depth: indent / 2, role: role.to_string(), title })
}

/// Returns the children of the element at `at` (indices into `tree`).
fn children(tree: &[Elem], at: usize) -> Vec<usize> {
    let depth = tree[at].depth;
    let end = (at + 1..tree.len()).find(|&i| tree[i].depth <= depth).unwrap_or(tree.len());
    (at + 1..end).filter(|&i| tree[i].depth == depth + 1).collect()
}

/// Checks a tag tree against what a résumé's structure must be; returns the problems found.
fn check_tree(tree: &[Elem], profile: &vitae::Profile) -> Vec<String> {
    let mut problems = Vec::new();
    let roles = |ix: &[usize]| ix.iter().map(|&i| tree[i].role.as_str()).collect::<Vec<_>>();
    let Some(doc) = tree.iter().position(|e| e.role == "Document") else { return vec!["no Document".into()] };
    let top = children(tree, doc);
    // The name is the first element, the one H1; sections follow it.
    if profile.name.is_some() && roles(&top).first() != Some(&"H1") {
        problems.push(format!("the H1 does not come first: {:?}", roles(&top)));
    }
    if tree.iter().filter(|e| e.role == "H1").count() != usize::from(profile.name.is_some()) {
        problems.push("not one H1 for the name".into());
    }
    // Every section title is the first child of its own Sect, and titles are in the
    // profile's order (the sidebar's among them, in the sidebar's Sect).
    let sects: Vec<usize> = (0..tree.len()).filter(|&i| tree[i].role == "Sect").collect();
    let titled: Vec<usize> =
        sects.iter().copied().filter(|&s| roles(&children(tree, s)).first() == Some(&"H2")).collect();
    if titled.len() != profile.sections.len() {
        problems.push(format!("{} titled Sect for {} sections", titled.len(), profile.sections.len()));
    }
    let titles: Vec<String> = titled
        .iter()
        .filter_map(|&s| children(tree, s).first().and_then(|&h| tree[h].title.clone()))
        .map(|t| t.to_lowercase())
        .collect();
    let mut expected: Vec<String> = profile
        .sections
        .iter()
        .map(|s| as_poppler_prints(s.title.to_plain().trim()).to_lowercase())
        .collect();
    // A sidebar is a top-level Sect of its own, without a title.
    let sidebar: Vec<usize> = top
        .iter()
        .copied()
        .filter(|&s| tree[s].role == "Sect" && roles(&children(tree, s)).first() != Some(&"H2"))
        .collect();
    if sidebar.is_empty() {
        // One column: the titles come in the profile's order.
        if titles != expected {
            problems.push(format!("section titles {titles:?}, expected {expected:?}"));
        }
    } else {
        // The sidebar's sections follow the main column's: compare as sets, and the sidebar
        // must be one element, the last at the top level.
        let mut sorted = titles.clone();
        sorted.sort();
        expected.sort();
        if sorted != expected {
            problems.push(format!("section titles {titles:?}, expected {expected:?}"));
        }
        if sidebar.len() != 1 || top.last() != sidebar.last() {
            problems.push(format!("the sidebar is not one last Sect: {:?}", roles(&top)));
        }
    }
    // Lists hold items; an item is a label then a body.
    for (i, e) in tree.iter().enumerate() {
        let kids = roles(&children(tree, i));
        let bad = match e.role.as_str() {
            "L" => kids.is_empty() || kids.iter().any(|k| *k != "LI"),
            "LI" => kids != ["Lbl", "LBody"] && kids != ["LBody"],
            "LBody" => kids.first() != Some(&"P"),
            _ => false,
        };
        if bad {
            problems.push(format!("{} holds {kids:?}", e.role));
        }
    }
    for role in ["P", "L", "LI"] {
        if !tree.iter().any(|e| e.role == role) {
            problems.push(format!("no {role}"));
        }
    }
    problems
}

#[test]
fn poppler_reads_sections_headings_lists_and_paragraphs_in_logical_order() {
    let mut failures = Vec::new();
    for file in samples() {
        let profile = vitae::load_profile(&file).unwrap();
        for layout in LAYOUTS {
            let theme = vitae::theme_for(&profile, Some(layout)).unwrap();
            let rendered = Engine::shared().render(&profile, &theme, &options(None)).unwrap();
            let Some(tree) = poppler_tree(&rendered.pdf, layout) else {
                println!("note: pdfinfo (poppler-utils) is not installed; the tag tree was not checked");
                return;
            };
            for problem in check_tree(&tree, &profile) {
                failures.push(format!("{} in {layout}: {problem}", file.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn poppler_finds_the_photo_as_a_figure_after_the_name() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/photo/jane.yaml");
    let p = vitae::load_profile(&file).unwrap();
    let pdf = render(&p, &options(None)).unwrap().pdf;
    let Some(tree) = poppler_tree(&pdf, "photo") else {
        println!("note: pdfinfo (poppler-utils) is not installed; the tag tree was not checked");
        return;
    };
    let roles: Vec<&str> = tree.iter().map(|e| e.role.as_str()).collect();
    let figure = roles.iter().position(|r| *r == "Figure").expect("a Figure");
    let h1 = roles.iter().position(|r| *r == "H1").expect("an H1");
    let first_sect = roles.iter().position(|r| *r == "Sect").unwrap_or(roles.len());
    assert!(figure < first_sect, "the photo belongs to the header: {roles:?}");
    assert!(h1 < first_sect, "{roles:?}");
}

#[test]
fn the_struct_listing_parser_reads_roles_depths_and_titles() {
    let listing = "Document\n  H1 \"Ann Lee\" (block)\n  Sect\n    L (block):\n       /ListNumbering /Disc\n      LI (block)\n        Object 12 0\n";
    let tree: Vec<Elem> = listing.lines().filter_map(parse_struct_line).collect();
    let roles: Vec<(usize, &str)> = tree.iter().map(|e| (e.depth, e.role.as_str())).collect();
    assert_eq!(roles, [(0, "Document"), (1, "H1"), (1, "Sect"), (2, "L"), (3, "LI")]);
    assert_eq!(tree[1].title.as_deref(), Some("Ann Lee"));
    assert_eq!(children(&tree, 2), [3]);
    // A UTF-16BE title ("é") is decoded.
    let raw = b"Document\n  H2 \"\xFE\xFF\x00\xE9\" (block)\n";
    assert_eq!(decode_listing(raw), "Document\n  H2 \"é\" (block)\n");
    assert_eq!(as_poppler_prints("💼 Primary skills"), "💼");
    assert_eq!(as_poppler_prints("Projects of note — open source"), "");
    assert_eq!(as_poppler_prints("Projects"), "Projects");
    assert_eq!(as_poppler_prints("Опыт работы"), "Опыт");
    // A tree whose list item lacks its body is caught.
    let bad = vec![
        Elem { depth: 0, role: "Document".into(), title: None },
        Elem { depth: 1, role: "L".into(), title: None },
        Elem { depth: 2, role: "LI".into(), title: None },
        Elem { depth: 3, role: "Lbl".into(), title: None },
    ];
    let profile = profile("");
    let problems = check_tree(&bad, &profile);
    assert!(problems.iter().any(|p| p.contains("LI holds [\"Lbl\"]")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("the H1 does not come first")), "{problems:?}");
}

#[test]
fn a_paragraph_split_across_pages_stays_one_paragraph() {
    // One point long enough (about 1.5 pages) that it must break across a page.
    let words: Vec<String> = (0..1400).map(|i| format!("word{i}")).collect();
    let yaml = format!(
        "name: Ann Lee\nsections:\n  - title: Experience\n    entries:\n      - position: Engineer\n        highlights:\n          - {}\n",
        words.join(" ")
    );
    let profile = vitae::profile::parse(&yaml, "cv.yaml").unwrap();
    let rendered = render(&profile, &options(None)).unwrap();
    let doc = &rendered.document;
    assert!(doc.pages.len() >= 2, "the point fills more than a page");
    let tree = vitae::layout::structure::tree(doc);
    let spanning: Vec<_> = tree
        .nodes
        .iter()
        .filter(|(_, n)| n.elem == vitae::layout::frame::Elem::Paragraph)
        .map(|(id, _)| tree.items(vitae::layout::structure::Child::Elem(*id)))
        .filter(|items| items.first().map(|i| i.page) != items.last().map(|i| i.page))
        .collect();
    assert_eq!(spanning.len(), 1, "one paragraph runs over the break");
    // The text output has the point in one piece, its label once.
    let text = vitae::layout::text::plain_text(doc);
    assert_eq!(text.matches("word0 ").count(), 1);
    assert!(text.contains(&format!("• {}", words[0])), "{text}");
    // Poppler sees one P holding the whole point, inside one LI.
    let Some(tree) = poppler_tree(&rendered.pdf, "split") else {
        println!("note: pdfinfo (poppler-utils) is not installed; the tag tree was not checked");
        return;
    };
    let count = |role: &str| tree.iter().filter(|e| e.role == role).count();
    assert_eq!(count("LI"), 1, "{tree:?}");
    assert_eq!(count("LBody"), 1);
    let lbody = tree.iter().position(|e| e.role == "LBody").unwrap();
    assert_eq!(children(&tree, lbody).len(), 1, "one P in the item's body");
}

/// Returns the decompressed content streams of every page, concatenated.
fn page_contents(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let pages = doc.get_pages();
    let streams = pages.values().map(|id| doc.get_page_content(*id).unwrap());
    streams.map(|bytes| String::from_utf8_lossy(&bytes).into_owned()).collect()
}

#[test]
fn a_run_in_another_script_carries_its_own_language() {
    // issue 13: a Japanese name in an English résumé is marked `ja`, a Russian one `ru`; the
    // English text carries no language of its own (the document's `en` applies).
    let yaml = "name: Ann Lee\nlang: en\nheadline: Engineer\nsections:\n  - title: Languages\n    entries:\n      - position: やまだ たろう\n        highlights:\n          - Иван Петров\n          - Plain English text.\n";
    let profile = vitae::profile::parse(yaml, "cv.yaml").unwrap();
    let content = page_contents(&render(&profile, &options(None)).unwrap().pdf);
    let mut langs: Vec<&str> = content.split("/Lang(").skip(1).filter_map(|s| s.split(')').next()).collect();
    // A name may be set as several runs (split at its space), each marked.
    langs.dedup();
    assert_eq!(langs, ["ja", "ru"], "{content}");
}

/// Returns `pdfinfo -struct-text`'s listing of a PDF, or `None` when poppler is not installed.
fn poppler_struct_text(pdf: &[u8], name: &str) -> Option<String> {
    let path = std::env::temp_dir().join(format!("vitae-struct-text-{name}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdfinfo").arg("-struct-text").arg(&path).output();
    std::fs::remove_file(&path).ok();
    Some(decode_listing(&out.ok()?.stdout))
}

/// Returns, for each `Link` element of a `pdfinfo -struct-text` listing, the text it holds and
/// how many objects (annotations) it references.
fn links_of(listing: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = listing.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.trim_start().starts_with("Link") {
            continue;
        }
        let inside: Vec<&str> =
            lines[i + 1..].iter().take_while(|l| indent(l) > indent(line)).map(|l| l.trim()).collect();
        let text: String =
            inside.iter().filter_map(|l| l.strip_prefix('"').and_then(|t| t.strip_suffix('"'))).collect();
        out.push((text, inside.iter().filter(|l| l.starts_with("Object ")).count()));
    }
    out
}

#[test]
fn a_link_element_holds_the_link_text_and_its_annotation() {
    let file = samples().into_iter().find(|f| f.ends_with("anurag-mohanty.yaml")).unwrap();
    let profile = vitae::load_profile(&file).unwrap();
    for layout in LAYOUTS {
        let theme = vitae::theme_for(&profile, Some(layout)).unwrap();
        let pdf = Engine::shared().render(&profile, &theme, &options(None)).unwrap().pdf;
        let Some(listing) = poppler_struct_text(&pdf, layout) else {
            println!("note: pdfinfo (poppler-utils) is not installed; the links were not checked");
            return;
        };
        let links = links_of(&listing);
        // Every link, the contacts and the entries' links alike, holds text and one annotation.
        assert!(links.len() >= 3, "{layout}: {links:?}");
        for (text, annotations) in &links {
            assert!(!text.trim().is_empty() && *annotations == 1, "{layout}: {links:?}");
        }
        for contact in ["github/tevren", "anurag@mohanty.io", "(516) 218-1593"] {
            let found = links.iter().find(|(text, _)| text.contains(contact));
            assert_eq!(
                found.map(|l| l.1),
                Some(1),
                "{layout}: {contact} not one link with one annotation: {links:?}"
            );
        }
    }
}

#[test]
fn the_struct_text_parser_collects_each_links_text_and_annotations() {
    let listing = "Document\n  P (block)\n    Link (inline)\n      \"a@b.c\"\n      Object 3 0\n    \"  ·  \"\n    Link (inline)\n      Object 4 0\n";
    assert_eq!(links_of(listing), [("a@b.c".to_string(), 1), (String::new(), 1)]);
}

#[test]
fn the_roles_of_a_group_are_divs_inside_the_organisations_div() {
    // devops-platform-engineer has two organisations with two roles each, then single entries.
    let file = samples().into_iter().find(|f| f.ends_with("devops-platform-engineer.yaml")).unwrap();
    let profile = vitae::load_profile(&file).unwrap();
    let theme = vitae::theme_for(&profile, Some("classic")).unwrap();
    let pdf = Engine::shared().render(&profile, &theme, &options(None)).unwrap().pdf;
    let Some(tree) = poppler_tree(&pdf, "groups") else {
        println!("note: pdfinfo (poppler-utils) is not installed; the groups were not checked");
        return;
    };
    let roles = |ix: &[usize]| ix.iter().map(|&i| tree[i].role.clone()).collect::<Vec<_>>();
    let groups: Vec<usize> = (0..tree.len())
        .filter(|&i| tree[i].role == "Div" && roles(&children(&tree, i)).contains(&"Div".to_string()))
        .collect();
    assert_eq!(groups.len(), 2, "{tree:?}");
    for g in groups {
        // The organisation's own heading row first, then one Div per role, each with its rows.
        let kids = roles(&children(&tree, g));
        assert_eq!(kids.first().map(String::as_str), Some("P"), "{kids:?}");
        assert_eq!(kids.iter().filter(|k| *k == "Div").count(), 2, "{kids:?}");
        let parent = (0..g).rev().find(|&i| tree[i].depth + 1 == tree[g].depth).unwrap();
        assert_eq!(tree[parent].role, "Sect", "a group sits in its section");
    }
}
