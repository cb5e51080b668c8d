//! PDF read-back: every sample is rendered through the library, the bytes are parsed again with
//! lopdf (and `pdftotext` when it is installed), and what the PDF says is compared with what the
//! laid-out frames and the profile say. Each test checks every sample and reports all failures
//! together.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use lopdf::{Dictionary, Object, ObjectId};
use vitae::layout::frame::Item;
use vitae::profile::ContactKind;

/// How far a MediaBox coordinate may be from the paper size (lopdf reads reals as `f32`).
const MEDIA_BOX_TOLERANCE: f32 = 0.01;

/// A4 in points: 210 mm × 297 mm.
const A4: (f32, f32) = (595.28, 841.89);

/// The soft hyphen: an invisible break point, shown as a hyphen only at a line end.
const SOFT_HYPHEN: char = '\u{ad}';

/// One sample rendered with the classic layout and default options.
struct Sample {
    /// The file name, e.g. `anurag-mohanty.yaml`.
    name: String,
    /// The profile as loaded.
    profile: vitae::Profile,
    /// The library's result: PDF bytes and the laid-out document.
    rendered: vitae::Rendered,
}

impl Sample {
    /// Parses the PDF bytes again.
    fn pdf(&self) -> lopdf::Document {
        lopdf::Document::load_mem(&self.rendered.pdf)
            .unwrap_or_else(|e| panic!("{}: lopdf cannot read the PDF: {e}", self.name))
    }
}

/// Renders every sample once for the whole test binary.
fn samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let theme = vitae::theme::load("classic").expect("the classic layout loads");
        let fonts = vitae::font::FontBook::bundled();
        let options = vitae::RenderOptions::default();
        let samples: Vec<Sample> = sample_paths()
            .into_iter()
            .map(|path| {
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let profile = vitae::profile::load(&path).unwrap_or_else(|e| panic!("{}", e.render()));
                let rendered = vitae::render_with(&profile, &theme, &fonts, &options)
                    .unwrap_or_else(|e| panic!("{name}: render failed: {e}"));
                Sample { name, profile, rendered }
            })
            .collect();
        assert!(samples.len() >= 5, "the five seed samples are missing");
        samples
    })
}

/// Lists `samples/*.yaml`, sorted.
fn sample_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("samples/ is readable")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    paths.sort();
    paths
}

/// Runs `check` on every sample and panics with all failures at once.
fn for_each_sample(mut check: impl FnMut(&Sample, &lopdf::Document, &mut Vec<String>)) {
    let mut failures = Vec::new();
    for sample in samples() {
        let mut problems = Vec::new();
        check(sample, &sample.pdf(), &mut problems);
        failures.extend(problems.into_iter().map(|p| format!("{}: {p}", sample.name)));
    }
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF back
// ---------------------------------------------------------------------------------------------

/// Follows a reference (possibly several) to the object it names.
fn resolve<'a>(pdf: &'a lopdf::Document, object: &'a Object) -> &'a Object {
    pdf.dereference(object).map(|(_, o)| o).unwrap_or(object)
}

/// Returns a dictionary entry, dereferenced, when it exists.
fn get<'a>(pdf: &'a lopdf::Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(pdf, o))
}

/// Returns a dictionary entry that is a dictionary (or a stream's dictionary).
fn get_dict<'a>(pdf: &'a lopdf::Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(pdf, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// Returns a name entry as text.
fn get_name(pdf: &lopdf::Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    get(pdf, dict, key)?.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

/// Returns a text-string entry decoded (UTF-16BE with a byte-order mark, UTF-8 with one, or
/// PDFDocEncoding, read as Latin-1 which agrees with it on everything a test needs).
fn get_text(pdf: &lopdf::Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    get(pdf, dict, key)?.as_str().ok().map(decode_text)
}

/// Decodes a PDF text string.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(utf8) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// Returns the number in a PDF object.
fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// Returns the page ids in page order.
fn page_ids(pdf: &lopdf::Document) -> Vec<ObjectId> {
    pdf.get_pages().into_values().collect()
}

/// Returns a page's MediaBox, looking up the page tree when the page inherits it.
fn media_box(pdf: &lopdf::Document, page: ObjectId) -> Option<Vec<f32>> {
    let mut node = pdf.get_dictionary(page).ok()?;
    loop {
        if let Some(Object::Array(a)) = get(pdf, node, b"MediaBox") {
            return a.iter().map(|o| number(resolve(pdf, o))).collect();
        }
        node = get_dict(pdf, node, b"Parent")?;
    }
}

/// Returns the URI targets of a page's link annotations, sorted.
fn link_uris(pdf: &lopdf::Document, page: ObjectId) -> Vec<String> {
    let annotations = pdf.get_page_annotations(page).unwrap_or_default();
    let mut uris: Vec<String> = annotations
        .into_iter()
        .filter(|a| get_name(pdf, a, b"Subtype").as_deref() == Some("Link"))
        .filter_map(|a| get_dict(pdf, a, b"A"))
        .filter(|action| get_name(pdf, action, b"S").as_deref() == Some("URI"))
        .filter_map(|action| get_text(pdf, action, b"URI"))
        .collect();
    uris.sort();
    uris
}

/// Returns the document Info dictionary.
fn info(pdf: &lopdf::Document) -> Option<&Dictionary> {
    get_dict(pdf, &pdf.trailer, b"Info")
}

/// Returns the titles of the outline's top-level entries, in order.
fn outline_titles(pdf: &lopdf::Document) -> Vec<String> {
    let Some(outlines) = pdf.catalog().ok().and_then(|c| get_dict(pdf, c, b"Outlines")) else {
        return Vec::new();
    };
    let mut titles = Vec::new();
    let mut node = get_dict(pdf, outlines, b"First");
    while let Some(entry) = node {
        titles.push(get_text(pdf, entry, b"Title").unwrap_or_default());
        node = get_dict(pdf, entry, b"Next");
    }
    titles
}

/// Returns every top-level font dictionary in the file (Type0, TrueType, Type1, Type3), with its
/// object id for messages; CID fonts are reached through their Type0 parent.
fn fonts(pdf: &lopdf::Document) -> Vec<(ObjectId, &Dictionary)> {
    pdf.objects
        .iter()
        .filter_map(|(id, o)| o.as_dict().ok().map(|d| (*id, d)))
        .filter(|(_, d)| get_name(pdf, d, b"Type").as_deref() == Some("Font"))
        .filter(|(_, d)| !get_name(pdf, d, b"Subtype").is_some_and(|s| s.starts_with("CIDFontType")))
        .collect()
}

/// Whether a font carries its glyphs: a Type3 font draws them itself, the others need a font
/// file in their descriptor (for Type0, in the descendant CID font's descriptor).
fn is_embedded(pdf: &lopdf::Document, font: &Dictionary) -> bool {
    let subtype = get_name(pdf, font, b"Subtype").unwrap_or_default();
    if subtype == "Type3" {
        return true;
    }
    let with_descriptor = if subtype == "Type0" {
        let Some(Object::Array(descendants)) = get(pdf, font, b"DescendantFonts") else { return false };
        match descendants.first().map(|d| resolve(pdf, d)) {
            Some(Object::Dictionary(d)) => d,
            _ => return false,
        }
    } else {
        font
    };
    get_dict(pdf, with_descriptor, b"FontDescriptor")
        .is_some_and(|fd| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| fd.has(k)))
}

/// Extracts the text of a PDF with `pdftotext`, or `None` when the tool is not installed. Raw
/// mode keeps the content stream's order and, unlike the default mode, does not remove a hyphen
/// that ends a line (which would turn a drawn "first-" / "class" into "firstclass").
fn pdftotext(pdf: &[u8]) -> Option<String> {
    let mut child = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let bytes = pdf.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let out = child.wait_with_output().expect("pdftotext runs");
    writer.join().expect("the writer thread ends").expect("pdftotext reads the PDF");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).expect("pdftotext -enc UTF-8 writes UTF-8"))
}

/// Returns the extracted text with hyphenated line ends joined (a soft hyphen followed by the
/// line break), any other soft hyphens removed and white space collapsed to single spaces.
fn normalise_extracted(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == SOFT_HYPHEN {
            while chars.next_if(|c| c.is_whitespace()).is_some() {}
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Returns the words the frames draw: each text run's text split on white space, soft hyphens
/// removed, and a word that ends a run in a soft hyphen (a line broken inside the word) joined
/// with the first word of the next run.
fn drawn_words(document: &vitae::Document) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut join_next = false;
    for page in &document.pages {
        for positioned in &page.items {
            let Item::Text(run) = &positioned.item else { continue };
            let starts_with_space = run.text.starts_with(char::is_whitespace);
            for (i, word) in run.text.split_whitespace().enumerate() {
                let clean: String = word.chars().filter(|&c| c != SOFT_HYPHEN).collect();
                match words.last_mut() {
                    Some(last) if i == 0 && join_next && !starts_with_space => last.push_str(&clean),
                    _ => words.push(clean),
                }
            }
            join_next = run.text.ends_with(SOFT_HYPHEN);
        }
    }
    words.retain(|w| !w.is_empty());
    words
}

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[test]
fn page_count_matches_the_laid_out_pages() {
    for_each_sample(|sample, pdf, problems| {
        let (pdf_pages, frame_pages) = (pdf.get_pages().len(), sample.rendered.document.pages.len());
        if pdf_pages != frame_pages {
            problems.push(format!("the PDF has {pdf_pages} pages, the layout {frame_pages}"));
        }
    });
}

#[test]
fn every_page_is_a4_by_default() {
    for_each_sample(|_, pdf, problems| {
        for (i, page) in page_ids(pdf).into_iter().enumerate() {
            let Some(b) = media_box(pdf, page) else {
                problems.push(format!("page {}: no MediaBox", i + 1));
                continue;
            };
            let (width, height) = (b[2] - b[0], b[3] - b[1]);
            if (width - A4.0).abs() > MEDIA_BOX_TOLERANCE || (height - A4.1).abs() > MEDIA_BOX_TOLERANCE {
                problems.push(format!("page {}: MediaBox {b:?} is not A4 {A4:?}", i + 1));
            }
        }
    });
}

#[test]
fn every_link_in_the_frames_is_a_uri_annotation() {
    let mut links = 0;
    for_each_sample(|sample, pdf, problems| {
        let pages = page_ids(pdf);
        for (i, page) in sample.rendered.document.pages.iter().enumerate() {
            let mut drawn: Vec<String> = page
                .items
                .iter()
                .filter_map(|p| match &p.item {
                    Item::Link(link) => Some(link.url.clone()),
                    _ => None,
                })
                .collect();
            drawn.sort();
            links += drawn.len();
            let annotated = pages.get(i).map(|&id| link_uris(pdf, id)).unwrap_or_default();
            if drawn != annotated {
                problems.push(format!(
                    "page {}: frame links {drawn:?}\n  but PDF /URI links {annotated:?}",
                    i + 1
                ));
            }
        }
    });
    assert!(links > 0, "no sample draws a link, so nothing was compared");
}

#[test]
fn email_and_phone_contacts_become_mailto_and_tel_links() {
    for_each_sample(|sample, pdf, problems| {
        let uris: Vec<String> = page_ids(pdf).into_iter().flat_map(|id| link_uris(pdf, id)).collect();
        let has = |kind| sample.profile.contacts.iter().any(|c| c.kind == kind);
        for (kind, scheme) in [(ContactKind::Email, "mailto:"), (ContactKind::Phone, "tel:")] {
            if has(kind) && !uris.iter().any(|u| u.starts_with(scheme)) {
                problems.push(format!("a {kind:?} contact but no `{scheme}` link among {uris:?}"));
            }
        }
    });
}

#[test]
fn info_dictionary_names_the_document() {
    for_each_sample(|sample, pdf, problems| {
        let Some(info) = info(pdf) else {
            problems.push("no Info dictionary".into());
            return;
        };
        let text = |key: &[u8]| get_text(pdf, info, key);
        let profile = &sample.profile;
        let expected_title = match (&profile.name, &profile.headline) {
            (Some(name), _) => format!("{} — Résumé", name.to_plain()),
            (None, Some(headline)) => headline.to_plain(),
            (None, None) => sample.rendered.document.meta.title.clone(),
        };
        if text(b"Title").as_deref() != Some(expected_title.as_str()) {
            problems.push(format!("Title {:?}, expected {expected_title:?}", text(b"Title")));
        }
        if text(b"Author").is_none_or(|a| a.trim().is_empty()) {
            problems.push(format!("Author {:?} is missing or empty", text(b"Author")));
        }
        if !text(b"Creator").is_some_and(|c| c.starts_with("vitae ")) {
            problems.push(format!("Creator {:?} does not start with `vitae `", text(b"Creator")));
        }
        let has_skills = !profile.keywords.is_empty()
            || profile.sections.iter().any(|s| s.title.to_plain().to_lowercase().contains("skill"));
        if has_skills && text(b"Keywords").is_none_or(|k| k.trim().is_empty()) {
            problems.push("the profile has skills but the Info dictionary has no Keywords".into());
        }
        if info.has(b"CreationDate") {
            problems.push(format!("a CreationDate {:?} without SOURCE_DATE_EPOCH", text(b"CreationDate")));
        }
    });
}

#[test]
fn catalog_states_the_language() {
    for_each_sample(|sample, pdf, problems| {
        let lang = pdf.catalog().ok().and_then(|c| get_text(pdf, c, b"Lang"));
        if lang.as_deref() != Some(sample.profile.lang.as_str()) {
            problems.push(format!("catalog /Lang {lang:?}, profile lang {:?}", sample.profile.lang));
        }
    });
}

#[test]
fn outline_has_one_entry_per_section_title() {
    for_each_sample(|sample, pdf, problems| {
        let expected: Vec<String> =
            sample.profile.sections.iter().map(|s| s.title.to_plain().trim().to_string()).collect();
        let actual = outline_titles(pdf);
        if actual != expected {
            problems.push(format!("outline {actual:?}\n  section titles {expected:?}"));
        }
    });
}

#[test]
fn every_font_is_embedded_with_a_to_unicode_map() {
    for_each_sample(|_, pdf, problems| {
        let fonts = fonts(pdf);
        if fonts.is_empty() {
            problems.push("no font dictionaries found".into());
        }
        for (id, font) in fonts {
            let name = get_name(pdf, font, b"BaseFont").unwrap_or_else(|| format!("object {id:?}"));
            if !is_embedded(pdf, font) {
                problems.push(format!("font {name} is not embedded"));
            }
            if !font.has(b"ToUnicode") {
                problems.push(format!("font {name} has no /ToUnicode"));
            }
        }
    });
}

#[test]
fn extracted_text_contains_every_drawn_word() {
    let mut tool_missing = false;
    for_each_sample(|sample, _, problems| {
        let Some(extracted) = pdftotext(&sample.rendered.pdf) else {
            tool_missing = true;
            return;
        };
        let extracted = normalise_extracted(&extracted);
        let words = drawn_words(&sample.rendered.document);
        if words.is_empty() {
            problems.push("the frames draw no words".into());
        }
        let missing: Vec<String> = words.into_iter().filter(|w| !extracted.contains(w.as_str())).collect();
        if !missing.is_empty() {
            problems.push(format!("{} drawn word(s) not extracted: {missing:?}", missing.len()));
        }
    });
    if tool_missing {
        // `.ci/run` installs poppler-utils: a missing tool there is a broken CI, not a skip.
        assert!(std::env::var_os("CI").is_none(), "pdftotext is not installed, and CI is set");
        eprintln!("NOT CHECKED: pdftotext is not on PATH; text extraction was not checked");
    }
}

#[test]
fn emoji_extract_as_the_same_characters() {
    let sample =
        samples().iter().find(|s| s.name == "devops-platform-engineer.yaml").expect("the devops sample");
    let Some(extracted) = pdftotext(&sample.rendered.pdf) else {
        eprintln!("pdftotext is not on PATH; emoji extraction was not checked");
        return;
    };
    for emoji in ["👋", "🇬🇧"] {
        assert!(extracted.contains(emoji), "{emoji} is not in the extracted text:\n{extracted}");
    }
}

/// Lists the structure types of the tag tree (`/S` of every structure element), depth first in
/// document order.
fn structure_types(pdf: &lopdf::Document) -> Vec<String> {
    fn walk(pdf: &lopdf::Document, object: &Object, out: &mut Vec<String>, depth: usize) {
        assert!(depth < 64, "the tag tree nests too deep");
        match resolve(pdf, object) {
            Object::Array(items) => items.iter().for_each(|k| walk(pdf, k, out, depth + 1)),
            Object::Dictionary(d) => {
                if let Some(kind) = get_name(pdf, d, b"S") {
                    out.push(kind);
                }
                if let Ok(kids) = d.get(b"K") {
                    walk(pdf, kids, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let root = pdf.catalog().ok().and_then(|c| get_dict(pdf, c, b"StructTreeRoot"));
    if let Some(kids) = root.and_then(|r| r.get(b"K").ok()) {
        walk(pdf, kids, &mut out, 0);
    }
    out
}

#[test]
fn the_name_and_section_titles_are_tagged_as_headings() {
    for_each_sample(|sample, pdf, problems| {
        let types = structure_types(pdf);
        let count = |t: &str| types.iter().filter(|s| *s == t).count();
        let names = usize::from(sample.profile.name.is_some());
        let sections = sample.profile.sections.len();
        if count("H1") != names {
            problems.push(format!("{} H1 elements for {names} name(s)", count("H1")));
        }
        if count("H2") != sections {
            problems.push(format!("{} H2 elements for {sections} section titles", count("H2")));
        }
        if count("P") == 0 {
            problems.push("no P elements".into());
        }
        // In the laid-out pages' structure, the level-2 headings spell the section titles.
        let document = &sample.rendered.document;
        let tree = vitae::layout::structure::tree(document);
        let mut headings: Vec<String> = Vec::new();
        for (id, node) in &tree.nodes {
            if node.elem != vitae::layout::frame::Elem::Heading(2) {
                continue;
            }
            let items = tree.items(vitae::layout::structure::Child::Elem(*id));
            let text = items.iter().filter_map(|at| match &document.pages[at.page].items[at.index].item {
                vitae::layout::frame::Item::Text(run) => Some(run.text.as_str()),
                _ => None,
            });
            headings.push(text.collect());
        }
        let titles: Vec<String> =
            sample.profile.sections.iter().map(|s| s.title.to_plain().trim().to_string()).collect();
        let headings: Vec<String> = headings.iter().map(|h| h.trim().to_string()).collect();
        if headings != titles {
            problems.push(format!("heading runs {headings:?}\n  section titles {titles:?}"));
        }
    });
}
