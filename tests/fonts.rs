//! Fonts end to end: Hebrew and Thai set in their bundled faces with no missing glyph, bold and
//! italic CJK carried as synthetic styles from the font stage to the PDF's content stream, and
//! the user's fonts loaded from `--font-path` and from `fonts:` in a design, with located errors.

mod common;
use common::TempDir;
use std::path::{Path, PathBuf};
use std::process::Command;

use vitae::layout::frame::{Item, TextRun};

/// A profile with Hebrew, Thai and Chinese in bold (section title, position, `**…**`), italic
/// (`_…_`) and regular text.
const MULTILINGUAL: &str = "\
name: Dana Levi
headline: Backend engineer
sections:
  - title: 工作经历 Experience
    entries:
      - kind: experience
        position: 后端工程师
        organization: שלום עולם
        start: 2021-03
        summary: >-
          负责设计分布式存储系统。**性能提升三倍** _斜体中文_ and עברית **מודגשת** with ภาษาไทย **ตัวหนา**.
";

/// Returns every text run of the laid-out pages.
fn text_runs(document: &vitae::Document) -> Vec<&TextRun> {
    let items = document.pages.iter().flat_map(|p| &p.items);
    items.filter_map(|i| if let Item::Text(run) = &i.item { Some(run) } else { None }).collect()
}

/// Renders profile text in the classic layout.
fn render(yaml: &str) -> vitae::Rendered {
    let profile = vitae::profile::parse(yaml, "test.yaml").expect("the profile parses");
    vitae::render(&profile, &vitae::RenderOptions::default()).expect("it renders")
}

/// Returns the decompressed content streams of every page.
fn content_streams(pdf: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(pdf).expect("lopdf reads the PDF");
    let pages = doc.get_pages();
    let contents = pages.values().map(|&id| doc.get_page_content(id).expect("page content"));
    contents.map(|c| String::from_utf8_lossy(&c).into_owned()).collect::<Vec<_>>().join("\n")
}

#[test]
fn hebrew_and_thai_render_with_no_missing_glyph() {
    let rendered = render(MULTILINGUAL);
    let missing: Vec<_> =
        rendered.warnings.iter().filter(|w| w.message.contains("no bundled font")).collect();
    assert!(missing.is_empty(), "{missing:?}");
    let fonts = vitae::Engine::shared().fonts();
    let families: Vec<&str> =
        text_runs(&rendered.document).iter().map(|r| fonts.face(r.font).family.as_str()).collect();
    assert!(families.contains(&"Noto Sans Hebrew") && families.contains(&"Noto Sans Thai"), "{families:?}");
    // Text the bundled faces lack still warns: the check above can fail.
    let hieroglyph = render(&MULTILINGUAL.replace("ภาษาไทย", "\u{13000}"));
    assert!(hieroglyph.warnings.iter().any(|w| w.message.contains("U+13000")));
}

#[test]
fn bold_and_italic_cjk_runs_carry_synthetic_styles_that_the_pdf_draws() {
    let rendered = render(MULTILINGUAL);
    let runs = text_runs(&rendered.document);
    let styled = |text: &str| runs.iter().find(|r| r.text.contains(text)).map(|r| r.synthetic);
    assert_eq!(styled("工作经历").map(|s| (s.bold, s.italic)), Some((true, false)));
    assert_eq!(styled("后端工程师").map(|s| (s.bold, s.italic)), Some((true, false)));
    assert_eq!(styled("性能提升三倍").map(|s| (s.bold, s.italic)), Some((true, false)));
    assert_eq!(styled("斜体中文").map(|s| (s.bold, s.italic)), Some((false, true)));
    assert_eq!(styled("负责设计").map(|s| s.is_none()), Some(true));
    // Hebrew and Thai have real bold faces: nothing is faked for them.
    assert_eq!(styled("מודגשת").map(|s| s.is_none()), Some(true));
    let content = content_streams(&rendered.pdf);
    // Fill-and-stroke text (rendering mode 2) with a stroke width, and a shear of tan 12°.
    assert!(content.contains("2 Tr"), "no fill-and-stroke text");
    assert!(content.split_whitespace().any(|t| t == "w"), "no line width set");
    assert!(content.contains("-0.21255656"), "no slant");
    // A Latin-only profile fakes nothing.
    let latin = render(
        "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n      - kind: experience\n        position: Engineer\n        summary: Plain **bold** _italic_ text.\n",
    );
    assert!(text_runs(&latin.document).iter().all(|r| r.synthetic.is_none()));
    let content = content_streams(&latin.pdf);
    assert!(!content.contains("2 Tr") && !content.contains("-0.21255656"));
}

#[test]
fn synthetic_styles_leave_the_extracted_text_unchanged() {
    let Some(text) = pdftotext(&render(MULTILINGUAL).pdf) else {
        eprintln!("pdftotext is not installed; skipped");
        return;
    };
    for word in ["工作经历", "后端工程师", "性能提升三倍", "斜体中文", "ตัวหนา"]
    {
        assert!(text.contains(word), "{word} not in {text}");
    }
}

/// Extracts a PDF's text with poppler's `pdftotext`, `None` when it is not installed.
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let dir = TempDir::new();
    let path = dir.write("x.pdf", pdf);
    let out = Command::new("pdftotext").arg(&path).arg("-").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

// ---------------------------------------------------------------------------------------------
// User fonts through the command line
// ---------------------------------------------------------------------------------------------

/// A bundled font file with its family renamed to `Qnter` (in the name table's UTF-16 strings,
/// same length), so that a render can only find that family in the user's file.
fn renamed_inter(dir: &TempDir, name: &str) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts/Inter-Regular.ttf");
    let mut bytes = std::fs::read(from).unwrap();
    let (inter, qnter) = (utf16be("Inter"), utf16be("Qnter"));
    let mut replaced = 0;
    for i in 0..bytes.len().saturating_sub(inter.len()) {
        if bytes[i..].starts_with(&inter) {
            bytes[i..i + qnter.len()].copy_from_slice(&qnter);
            replaced += 1;
        }
    }
    assert!(replaced > 0, "the name table spells Inter in UTF-16");
    dir.write(name, bytes)
}

/// Encodes text as UTF-16 big-endian, as a font's Windows name records are.
fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}

/// A profile whose body text is set in `Qnter`, with `extra` design options after it.
fn qnter_profile(extra: &str) -> String {
    format!(
        "name: Jane Doe\nsections:\n  - title: Experience\n    entries:\n      - kind: experience\n        \
         position: Engineer\n        summary: Body text in the user's font.\ndesign:\n  roles:\n    body:\n      \
         family: Qnter\n{extra}"
    )
}

/// What one run of the binary did: exit code and standard error.
fn vitae(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run the vitae binary");
    (out.status.code().expect("exits normally"), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Returns the base font names of a PDF's fonts.
fn base_fonts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let fonts = doc.objects.values().filter_map(|o| o.as_dict().ok());
    let names = fonts.filter_map(|d| d.get(b"BaseFont").ok()?.as_name().ok());
    names.map(|n| String::from_utf8_lossy(n).into_owned()).collect()
}

#[test]
fn font_path_adds_a_family_layouts_can_name() {
    let dir = TempDir::new();
    renamed_inter(&dir, "myfonts/custom.ttf");
    dir.write("myfonts/notes.txt", "not a font, and not read");
    dir.write("cv.yaml", qnter_profile(""));
    let (code, stderr) = vitae(&dir.path, &["render", "cv.yaml", "-o", "cv.pdf", "--font-path", "myfonts"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("not available"), "{stderr}");
    assert!(base_fonts(&dir.join("cv.pdf")).iter().any(|n| n.contains("Qnter")));
    // Without the folder the family is unknown: a warning, and the bundled serif instead.
    let (code, stderr) = vitae(&dir.path, &["render", "cv.yaml", "-o", "plain.pdf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("font family `Qnter` is not available"), "{stderr}");
    assert!(!base_fonts(&dir.join("plain.pdf")).iter().any(|n| n.contains("Qnter")));
}

#[test]
fn fonts_in_a_design_load_relative_to_the_profile() {
    let dir = TempDir::new();
    renamed_inter(&dir, "cv/fonts/custom.ttf");
    dir.write("cv/cv.yaml", qnter_profile("  fonts:\n    - fonts/custom.ttf\n"));
    // Run from another folder: the path is the profile's, not the working folder's.
    let (code, stderr) = vitae(&dir.path, &["render", "cv/cv.yaml", "-o", "out.pdf", "--dump"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("not available"), "{stderr}");
    assert!(base_fonts(&dir.join("out.pdf")).iter().any(|n| n.contains("Qnter")));
    let dump = std::fs::read_to_string(dir.join("out.dump.txt")).unwrap();
    assert!(dump.contains("Qnter"), "{dump}");
}

#[test]
fn a_design_font_that_is_not_a_font_is_a_located_error() {
    let dir = TempDir::new();
    dir.write("notes.ttf", "name: this is YAML, not a font\n");
    let yaml = qnter_profile("  fonts:\n    - missing.otf\n");
    dir.write("missing.yaml", &yaml);
    let line = yaml.lines().position(|l| l.contains("missing.otf")).unwrap() + 1;
    let (code, stderr) = vitae(&dir.path, &["render", "missing.yaml", "-o", "a.pdf"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&format!("missing.yaml:{line}:7")), "{stderr}");
    assert!(stderr.contains("cannot read font file"), "{stderr}");
    dir.write("bad.yaml", qnter_profile("  fonts: [notes.ttf]\n"));
    let (code, stderr) = vitae(&dir.path, &["render", "bad.yaml", "-o", "b.pdf"]);
    assert_eq!(code, 1, "{stderr}");
    // A list on the key's line: the key's position.
    assert!(stderr.contains(&format!("bad.yaml:{}:3", line - 1)), "{stderr}");
    assert!(stderr.contains("is not a readable TrueType/OpenType font"), "{stderr}");
    assert!(!dir.join("a.pdf").exists() && !dir.join("b.pdf").exists());
}

#[test]
fn a_font_path_that_is_not_a_font_is_a_usage_error() {
    let dir = TempDir::new();
    dir.write("fake.ttf", "not a font");
    dir.write("cv.yaml", qnter_profile(""));
    let (code, stderr) = vitae(&dir.path, &["render", "cv.yaml", "-o", "cv.pdf", "--font-path", "fake.ttf"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("error: --font-path: `fake.ttf` is not a readable TrueType/OpenType font"),
        "{stderr}"
    );
    let (code, stderr) = vitae(&dir.path, &["render", "cv.yaml", "-o", "cv.pdf", "--font-path", "nowhere"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("nowhere"), "{stderr}");
    assert!(!dir.join("cv.pdf").exists());
}

#[test]
fn fonts_in_a_layout_file_load_relative_to_the_layout() {
    let dir = TempDir::new();
    renamed_inter(&dir, "layouts/f/custom.ttf");
    let classic =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/classic.yaml")).unwrap();
    dir.write("layouts/mine.yaml", format!("{classic}\nfonts:\n  - f/custom.ttf\n"));
    dir.write("cv.yaml", qnter_profile(""));
    let (code, stderr) =
        vitae(&dir.path, &["render", "cv.yaml", "-o", "cv.pdf", "--layout", "layouts/mine.yaml"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("not available"), "{stderr}");
    assert!(base_fonts(&dir.join("cv.pdf")).iter().any(|n| n.contains("Qnter")));
}
