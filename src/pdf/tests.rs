//! Round-trip tests: build frames by hand, export them, and read the PDF back with lopdf (and
//! with poppler and qpdf when they are installed).

use std::collections::BTreeMap;
use std::process::Command;

use lopdf::{Dictionary, Object};
use skrifa::instance::{LocationRef, Size as FontSize};
use skrifa::{FontRef, MetadataProvider};

use super::{Compression, ExportOptions, PdfError, Standards, export, export_with};
use crate::font::{FontBook, FontData, FontId};
use crate::geom::{Color, Point, Pt, Size};
use crate::layout::frame::{
    Document, Elem, FilledRect, Glyph, Item, LinkArea, Metadata, OutlineEntry, Page, Positioned, Rule,
    StructId, Tag, TextRun,
};

/// Source Serif 4 Regular in `FontBook::bundled()`.
const SERIF: FontId = FontId(0);
/// Noto Color Emoji in `FontBook::bundled()`.
const EMOJI: FontId = FontId(12);
/// A4 in points.
const A4: (f64, f64) = (595.28, 841.89);

/// Shapes text naively: one glyph per character from the cmap, advances from `hmtx`.
fn run(book: &FontBook, font: FontId, text: &str, size: f64) -> TextRun {
    let face = FontRef::new(book.face(font).data.bytes()).unwrap();
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = face.charmap().map(c).expect("glyph in cmap");
            glyph(&face, id.to_u32() as u16, i..i + c.len_utf8())
        })
        .collect();
    TextRun {
        font,
        size: Pt(size),
        color: Color::rgb(0x20, 0x30, 0x40),
        text: text.to_string(),
        glyphs,
        scale: 1.0,
        line: None,
        synthetic: Default::default(),
    }
}

/// Returns glyph `id` of `face` standing for `range`, with its advance in ems.
fn glyph(face: &FontRef, id: u16, range: std::ops::Range<usize>) -> Glyph {
    let metrics = face.glyph_metrics(FontSize::unscaled(), LocationRef::default());
    let upem = f32::from(face.metrics(FontSize::unscaled(), LocationRef::default()).units_per_em);
    let advance = metrics.advance_width(id.into()).unwrap_or(0.0) / upem;
    Glyph { id, advance, x_offset: 0.0, y_offset: 0.0, range }
}

/// Places an item at (x, y).
fn at(x: f64, y: f64, item: Item) -> Positioned {
    Positioned { pos: Point::new(Pt(x), Pt(y)), item }
}

/// A structure marker.
fn tag(tag: Tag) -> Positioned {
    at(0.0, 0.0, Item::Tag(tag))
}

/// Returns an A4 page with these items.
fn a4(items: Vec<Positioned>) -> Page {
    Page { size: Size::new(Pt(A4.0), Pt(A4.1)), items, ..Page::default() }
}

/// A one-page résumé with a name, a tinted box, a rule, a link and an outline entry.
fn sample(book: &FontBook) -> Document {
    let items = vec![
        at(50.0, 40.0, Item::Rect(tint())),
        tag(Tag::Start(StructId(0), Elem::Heading(1))),
        at(72.0, 80.0, Item::Text(run(book, SERIF, "Jane Doe", 24.0))),
        tag(Tag::End(StructId(0))),
        tag(Tag::Start(StructId(1), Elem::Paragraph)),
        at(72.0, 110.0, Item::Text(run(book, SERIF, "Typesetting engineer", 11.0))),
        tag(Tag::End(StructId(1))),
        at(72.0, 118.0, Item::Line(rule())),
        tag(Tag::Start(StructId(2), Elem::Paragraph)),
        at(72.0, 140.0, Item::Text(run(book, SERIF, "jane.example.org", 11.0))),
        at(72.0, 130.0, Item::Link(link("https://jane.example.org"))),
        tag(Tag::End(StructId(2))),
    ];
    Document {
        pages: vec![a4(items)],
        outline: vec![OutlineEntry { title: "Experience".into(), page: 0, y: Pt(110.0) }],
        meta: meta(),
    }
}

/// A light tint box.
fn tint() -> FilledRect {
    FilledRect { size: Size::new(Pt(300.0), Pt(60.0)), fill: Color::rgb(0xee, 0xf2, 0xf7) }
}

/// A half-point grey rule.
fn rule() -> Rule {
    Rule { delta: Point::new(Pt(450.0), Pt(0.0)), thickness: Pt(0.5), color: Color::rgb(0x88, 0x88, 0x88) }
}

/// A link area over one line of 11 pt text.
fn link(url: &str) -> LinkArea {
    LinkArea { size: Size::new(Pt(90.0), Pt(14.0)), url: url.into() }
}

/// Metadata without a creation date.
fn meta() -> Metadata {
    Metadata {
        title: "Jane Doe — Résumé".into(),
        author: Some("Jane Doe".into()),
        subject: Some("Typesetting engineer".into()),
        keywords: vec!["Rust".into(), "PDF".into()],
        language: "en".into(),
        creation_date: None,
    }
}

/// Parses PDF bytes.
fn read(bytes: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(bytes).expect("lopdf reads the export")
}

/// Returns the Info dictionary.
fn info(doc: &lopdf::Document) -> &Dictionary {
    let id = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_dictionary(id).unwrap()
}

/// Returns a text-string entry of a dictionary, decoded.
fn text_of(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key).ok().map(|o| lopdf::decode_text_string(o).unwrap())
}

/// Follows a reference (or returns a direct dictionary).
fn deref<'a>(doc: &'a lopdf::Document, obj: &'a Object) -> &'a Dictionary {
    match obj {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        other => other.as_dict().unwrap(),
    }
}

/// Returns the font dictionaries of the first page.
fn page_fonts(doc: &lopdf::Document) -> Vec<Dictionary> {
    let page = *doc.get_pages().get(&1).unwrap();
    let fonts = doc.get_page_fonts(page).unwrap();
    fonts.into_values().cloned().collect()
}

/// Returns the text of a page, decoded through its fonts' ToUnicode CMaps, runs separated by
/// spaces. (lopdf's own `extract_text` rejects the `/CMapVersion` and `/WMode` entries krilla
/// writes into its CMaps, both valid PDF.)
fn extract(doc: &lopdf::Document, page_number: u32) -> String {
    let page = *doc.get_pages().get(&page_number).unwrap();
    let fonts = doc.get_page_fonts(page).unwrap();
    let maps: BTreeMap<Vec<u8>, BTreeMap<Vec<u8>, String>> =
        fonts.into_iter().map(|(name, font)| (name, to_unicode(doc, font))).collect();
    let content = doc.get_and_decode_page_content(page).unwrap();
    let (mut text, mut map) = (String::new(), None);
    for op in &content.operations {
        match op.operator.as_str() {
            "Tf" => map = maps.get(op.operands[0].as_name().unwrap()),
            "Tj" | "TJ" => decode_show(&op.operands, map.unwrap(), &mut text),
            "ET" => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Appends the text shown by a `Tj` or `TJ` operator.
fn decode_show(operands: &[Object], map: &BTreeMap<Vec<u8>, String>, text: &mut String) {
    let strings = operands.iter().flat_map(|o| match o {
        Object::Array(items) => items.iter().filter_map(|i| i.as_str().ok()).collect(),
        other => vec![other.as_str().unwrap()],
    });
    // Type 0 fonts use two-byte codes, Type 3 fonts one-byte codes.
    let width = map.keys().next().map_or(1, Vec::len);
    for bytes in strings {
        bytes.chunks(width).for_each(|code| text.push_str(&map[code]));
    }
}

/// Parses the `bfchar` entries of a font's ToUnicode CMap: code bytes to text.
fn to_unicode(doc: &lopdf::Document, font: &Dictionary) -> BTreeMap<Vec<u8>, String> {
    let id = font.get(b"ToUnicode").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    let cmap = String::from_utf8(stream.decompressed_content().unwrap()).unwrap();
    assert!(!cmap.contains("beginbfrange"), "bfrange not handled: {cmap}");
    let sections = cmap.split("beginbfchar").skip(1).map(|s| s.split("endbfchar").next().unwrap());
    let entries = sections.flat_map(str::lines).filter_map(|line| {
        let (code, target) = line.strip_prefix('<')?.strip_suffix('>')?.split_once("> <")?;
        let units = hex(target);
        let utf16 = units.chunks(2).map(|u| u16::from_be_bytes([u[0], u[1]]));
        Some((hex(code), char::decode_utf16(utf16).map(Result::unwrap).collect()))
    });
    entries.collect()
}

/// Decodes a string of hex digits.
fn hex(digits: &str) -> Vec<u8> {
    let byte = |i: usize| u8::from_str_radix(&digits[i..i + 2], 16).unwrap();
    (0..digits.len()).step_by(2).map(byte).collect()
}

/// Runs a tool on the PDF (named by `{}` in `args`) if it is installed; `None` when it is not.
fn tool(name: &str, args: &[&str], pdf: &[u8], tag: &str) -> Option<std::process::Output> {
    let path = std::env::temp_dir().join(format!("vitae-pdf-{tag}-{}.pdf", std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let args = args.iter().map(|a| if *a == "{}" { path.as_os_str() } else { a.as_ref() });
    let out = Command::new(name).args(args).output().ok();
    let _ = std::fs::remove_file(&path);
    out
}

#[test]
fn one_page_document_reads_back() {
    let book = FontBook::bundled();
    let doc = read(&export(&sample(&book), &book).unwrap());
    assert_eq!(doc.get_pages().len(), 1);
    let page = doc.get_dictionary(*doc.get_pages().get(&1).unwrap()).unwrap();
    let media: Vec<f32> =
        page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect();
    assert_eq!(media, [0.0, 0.0, 595.28, 841.89]);
    let text = extract(&doc, 1);
    for word in ["Jane", "Doe", "Typesetting", "engineer", "jane.example.org"] {
        assert!(text.contains(word), "{word:?} missing from {text:?}");
    }
}

#[test]
fn link_becomes_a_borderless_uri_annotation() {
    let book = FontBook::bundled();
    let doc = read(&export(&sample(&book), &book).unwrap());
    let page = doc.get_dictionary(*doc.get_pages().get(&1).unwrap()).unwrap();
    let annots = page.get(b"Annots").unwrap().as_array().unwrap();
    assert_eq!(annots.len(), 1);
    let annot = deref(&doc, &annots[0]);
    assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
    let action = deref(&doc, annot.get(b"A").unwrap());
    assert_eq!(action.get(b"S").unwrap().as_name().unwrap(), b"URI");
    let uri = action.get(b"URI").unwrap().as_str().unwrap();
    assert_eq!(uri, b"https://jane.example.org");
    let border: Vec<f32> =
        annot.get(b"Border").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect();
    assert_eq!(border, [0.0, 0.0, 0.0]);
}

#[test]
fn info_dictionary_holds_the_metadata() {
    let book = FontBook::bundled();
    let doc = read(&export(&sample(&book), &book).unwrap());
    let info = info(&doc);
    assert_eq!(text_of(info, b"Title").unwrap(), "Jane Doe — Résumé");
    assert_eq!(text_of(info, b"Author").unwrap(), "Jane Doe");
    assert_eq!(text_of(info, b"Subject").unwrap(), "Typesetting engineer");
    assert_eq!(text_of(info, b"Keywords").unwrap(), "Rust, PDF");
    let creator = text_of(info, b"Creator").unwrap();
    assert_eq!(creator, format!("vitae {}", env!("CARGO_PKG_VERSION")));
    let catalog = doc.catalog().unwrap();
    assert_eq!(text_of(catalog, b"Lang").unwrap(), "en");
}

#[test]
fn outline_entry_jumps_to_its_page_and_height() {
    let book = FontBook::bundled();
    let doc = read(&export(&sample(&book), &book).unwrap());
    let outlines = deref(&doc, doc.catalog().unwrap().get(b"Outlines").unwrap());
    let first = deref(&doc, outlines.get(b"First").unwrap());
    assert_eq!(text_of(first, b"Title").unwrap(), "Experience");
    let dest = first.get(b"Dest").unwrap();
    let dest = match dest {
        Object::Reference(id) => doc.get_object(*id).unwrap(),
        direct => direct,
    };
    let dest = dest.as_array().unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), page);
    assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
    // y = 110 from the top is 841.89 - 110 from the bottom.
    assert!((dest[3].as_float().unwrap() - 731.89).abs() < 0.01);
}

#[test]
fn both_compressions_deflate_every_stream_and_read_the_same() {
    let book = FontBook::bundled();
    let options = |compression| ExportOptions { standards: Standards::DEFAULT, source: None, compression };
    let small = export_with(&sample(&book), &book, &options(Compression::Small)).unwrap();
    let fast = export_with(&sample(&book), &book, &options(Compression::Fast)).unwrap();
    let default = ExportOptions { compression: Compression::default(), ..options(Compression::Small) };
    assert!(fast == export_with(&sample(&book), &book, &default).unwrap(), "fast is the default");
    assert!(small.len() < fast.len(), "small {} bytes, fast {}", small.len(), fast.len());
    // The same objects, each stream deflated in both and inflating to the same bytes; the XMP
    // packet stays plain text for the archival standards and names each file's own instance id.
    let streams = |bytes: &[u8]| -> Vec<(bool, Vec<u8>)> {
        let doc = read(bytes);
        doc.objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Type").and_then(|t| t.as_name()).map_or(true, |n| n != b"Metadata"))
            .map(|s| {
                (
                    s.dict.get(b"Filter").is_ok(),
                    s.decompressed_content().unwrap_or_else(|_| s.content.clone()),
                )
            })
            .collect()
    };
    let (small_streams, fast_streams) = (streams(&small), streams(&fast));
    assert!(!fast_streams.is_empty() && small_streams == fast_streams);
    assert!(fast_streams.iter().all(|(deflated, _)| *deflated), "every stream deflated");
    assert!(extract(&read(&fast), 1).contains("Typesetting"));
}

#[test]
fn an_export_leaves_the_threads_deflate_level_as_it_found_it() {
    let book = FontBook::bundled();
    // A level nobody in vitae asks for, so that only a restore can bring it back.
    let outside = 4;
    let before = krilla::stream::set_deflate_level(outside);
    for compression in [Compression::Fast, Compression::Small] {
        export_with(&sample(&book), &book, &ExportOptions { compression, ..ExportOptions::default() })
            .unwrap();
        assert_eq!(krilla::stream::set_deflate_level(outside), outside, "{compression:?}");
    }
    krilla::stream::set_deflate_level(before);
}

#[test]
fn exports_are_byte_identical() {
    let book = FontBook::bundled();
    let first = export(&sample(&book), &book).unwrap();
    let mut emoji = sample(&book);
    emoji.pages.push(a4(vec![at(72.0, 72.0, Item::Text(run(&book, EMOJI, "👋", 12.0)))]));
    let mut dated = sample(&book);
    dated.meta.title = "Someone else".into();
    dated.meta.creation_date = Some(0);
    export(&emoji, &book).unwrap();
    export(&dated, &book).unwrap();
    assert!(first == export(&sample(&book), &book).unwrap());
}

#[test]
fn no_creation_date_unless_given() {
    let book = FontBook::bundled();
    let bytes = export(&sample(&book), &book).unwrap();
    let doc = read(&bytes);
    assert!(info(&doc).get(b"CreationDate").is_err());
    assert!(info(&doc).get(b"ModDate").is_err());
    assert!(!String::from_utf8_lossy(&bytes).contains("CreateDate"));
}

#[test]
fn creation_date_is_written_in_utc() {
    let book = FontBook::bundled();
    let mut sample = sample(&book);
    // 2023-11-14 22:13:20 UTC.
    sample.meta.creation_date = Some(1_700_000_000);
    let bytes = export(&sample, &book).unwrap();
    let doc = read(&bytes);
    let date = info(&doc).get(b"CreationDate").unwrap().as_str().unwrap();
    assert_eq!(date, b"D:20231114221320Z");
    assert!(String::from_utf8_lossy(&bytes).contains("2023-11-14T22:13:20"));
}

#[test]
fn creation_date_outside_pdf_years_is_an_error() {
    let book = FontBook::bundled();
    let mut sample = sample(&book);
    // About the year 10 000.
    sample.meta.creation_date = Some(253_402_300_800);
    assert!(matches!(export(&sample, &book), Err(PdfError::CreationDate { .. })));
}

#[test]
fn emoji_run_uses_a_type3_font_that_extracts() {
    let book = FontBook::bundled();
    let page = a4(vec![at(72.0, 72.0, Item::Text(run(&book, EMOJI, "👋", 24.0)))]);
    let doc = Document { pages: vec![page], ..Document::default() };
    let pdf = read(&export(&doc, &book).unwrap());
    let subtypes: Vec<Vec<u8>> =
        page_fonts(&pdf).iter().map(|f| f.get(b"Subtype").unwrap().as_name().unwrap().to_vec()).collect();
    assert!(subtypes.iter().any(|s| s == b"Type3"), "{subtypes:?}");
    assert_eq!(extract(&pdf, 1).trim(), "👋");
}

#[test]
fn ligature_glyph_maps_back_to_both_letters() {
    let book = FontBook::bundled();
    let face = FontRef::new(book.face(SERIF).data.bytes()).unwrap();
    // Source Serif 4 maps U+FB01 to its "fi" ligature glyph.
    let fi = face.charmap().map('\u{FB01}').unwrap().to_u32() as u16;
    let mut run = run(&book, SERIF, "a", 12.0);
    run.text = "afind".into();
    run.glyphs.push(glyph(&face, fi, 1..3));
    for (i, c) in ["n", "d"].iter().enumerate() {
        let id = face.charmap().map(c.chars().next().unwrap()).unwrap().to_u32() as u16;
        run.glyphs.push(glyph(&face, id, 3 + i..4 + i));
    }
    let doc = Document { pages: vec![a4(vec![at(72.0, 72.0, Item::Text(run))])], ..Document::default() };
    let bytes = export(&doc, &book).unwrap();
    assert_eq!(extract(&read(&bytes), 1).trim(), "afind");
    if let Some(out) = tool("pdftotext", &["-q", "{}", "-"], &bytes, "liga") {
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "afind");
    }
}

#[test]
fn positive_y_offset_raises_the_glyph() {
    let book = FontBook::bundled();
    let mut run = run(&book, SERIF, "xx", 20.0);
    run.glyphs[1].y_offset = 0.5;
    let doc = Document { pages: vec![a4(vec![at(72.0, 100.0, Item::Text(run))])], ..Document::default() };
    let pdf = read(&export(&doc, &book).unwrap());
    let page = *pdf.get_pages().get(&1).unwrap();
    let content = pdf.get_and_decode_page_content(page).unwrap();
    let ys: Vec<f32> = content
        .operations
        .iter()
        .filter(|op| op.operator == "Tm")
        .map(|op| op.operands[5].as_float().unwrap())
        .collect();
    // The page's root transform flips y, so text matrices are in top-down units: the second
    // glyph's baseline sits 0.5 em × 20 pt = 10 pt higher, at 90 instead of 100.
    assert_eq!(ys, [100.0, 90.0]);
}

#[test]
fn document_is_tagged_as_its_markers_say() {
    let book = FontBook::bundled();
    let doc = read(&export(&sample(&book), &book).unwrap());
    let catalog = doc.catalog().unwrap();
    let mark = deref(&doc, catalog.get(b"MarkInfo").unwrap());
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let root = deref(&doc, catalog.get(b"StructTreeRoot").unwrap());
    let kids = root.get(b"K").unwrap();
    let document = match kids {
        Object::Array(a) => deref(&doc, &a[0]),
        other => deref(&doc, other),
    };
    assert_eq!(document.get(b"S").unwrap().as_name().unwrap(), b"Document");
    let roles: Vec<Vec<u8>> = document
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|k| deref(&doc, k).get(b"S").unwrap().as_name().unwrap().to_vec())
        .collect();
    // The heading and two paragraphs as the markers say; the link sits inside the second.
    assert_eq!(roles, [b"H1".to_vec(), b"P".to_vec(), b"P".to_vec()]);
}

#[test]
fn poppler_and_qpdf_accept_the_file() {
    let book = FontBook::bundled();
    let mut doc = sample(&book);
    doc.pages[0].items.push(at(72.0, 200.0, Item::Text(run(&book, EMOJI, "👋", 14.0))));
    let bytes = export(&doc, &book).unwrap();
    if let Some(out) = tool("qpdf", &["--check", "{}"], &bytes, "qpdf") {
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{report}");
        assert!(report.contains("No syntax or stream encoding errors"), "{report}");
    }
    let Some(out) = tool("pdffonts", &["{}"], &bytes, "fonts") else {
        return;
    };
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // The last columns are: emb sub uni object-number generation.
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        let expected = if row.contains("Type 3") { ["yes", "no", "yes"] } else { ["yes", "yes", "yes"] };
        assert_eq!(flags, expected, "{table}");
    }
}

#[test]
fn unreadable_font_is_named() {
    assert!(super::fonts::parse(&FontData::Static(b"not a font"), 0).is_none());
    let err = PdfError::UnreadableFont { id: FontId(7), name: "Broken Sans Bold".into() };
    assert_eq!(err.to_string(), "font 7 (Broken Sans Bold) cannot be read as an OpenType font");
}

#[test]
fn invalid_documents_are_rejected() {
    let book = FontBook::bundled();
    assert!(matches!(export(&Document::default(), &book), Err(PdfError::NoPages)));

    let mut doc = sample(&book);
    doc.outline[0].page = 3;
    assert!(matches!(export(&doc, &book), Err(PdfError::OutlinePage { page: 3, .. })));

    let mut doc = sample(&book);
    doc.pages[0].items.push(at(0.0, 0.0, Item::Link(link("javascript:alert(1)"))));
    assert!(matches!(export(&doc, &book), Err(PdfError::LinkScheme { .. })));

    let mut doc = sample(&book);
    doc.pages[0].size.w = Pt(0.0);
    assert!(matches!(export(&doc, &book), Err(PdfError::PageSize { page: 0 })));

    let mut doc = sample(&book);
    let mut bad = run(&book, SERIF, "é", 12.0);
    bad.glyphs[0].range = 0..1;
    doc.pages[0].items.push(at(0.0, 0.0, Item::Text(bad)));
    assert!(matches!(export(&doc, &book), Err(PdfError::GlyphRange { page: 0, .. })));
}

#[test]
fn a_reused_deflater_writes_the_bytes_of_a_fresh_one() {
    let book = FontBook::bundled();
    for compression in [Compression::Fast, Compression::Small] {
        let options = ExportOptions { compression, ..ExportOptions::default() };
        // This thread's compressor has deflated other streams before (reset, not recreated);
        // a new thread starts with a fresh one.
        export_with(&sample(&book), &book, &ExportOptions::default()).unwrap();
        let reused = export_with(&sample(&book), &book, &options).unwrap();
        let fresh = std::thread::scope(|scope| {
            scope.spawn(|| export_with(&sample(&book), &book, &options).unwrap()).join().unwrap()
        });
        assert!(reused == fresh, "{compression:?}");
    }
}
