//! vitae patch: the glyph path's restructuring (each glyph's PDF font and glyph resolved once,
//! no identifier clones, tables instead of hash maps, resource names and font containers
//! remembered per stream) must write the bytes the unpatched glyph path wrote. These tests draw
//! runs that take every branch of it (fonts and colours mixed, kerning, ActualText spans from
//! clusters and from glyphs met with other text, reversed right-to-left runs with spaces,
//! `.notdef`, y offsets and advances, fill and stroke, Type 3 glyphs over two Type 3 fonts in
//! one run, empty runs and ranges) on two pages, with and without a standard that requires
//! codepoints, and compare the PDF, content streams and ToUnicode maps left uncompressed, with
//! the one recorded from the vendored crate before the glyph patch (krilla 0.8.2's glyph path;
//! `vitae_patch/glyphs-*.txt.gz`, binary streams shown as their length and hash).
//! `VITAE_PATCH_UPDATE=1` rewrites those files: only ever from an unpatched glyph path (or
//! after a change that is meant to change the bytes, stated in docs/dependencies.md).

use std::ops::Range;
use std::path::PathBuf;

use crate::color::rgb;
use crate::configure::{Archival, ConfigurationBuilder};
use crate::geom::Point;
use crate::graphics::paint::{Fill, Stroke};
use crate::page::PageSettings;
use crate::surface::Surface;
use crate::text::{Font, GlyphId, KrillaGlyph};
use crate::util::test_utils::WORKSPACE_PATH;
use crate::{Data, Document, SerializeSettings};

fn font(name: &str) -> Font {
    let path = WORKSPACE_PATH.join("fonts").join(name);
    let data: Data = std::sync::Arc::new(std::fs::read(&path).unwrap()).into();
    Font::new(data, 0).unwrap()
}

fn gid(font: &Font, c: char) -> GlyphId {
    use skrifa::MetadataProvider;
    GlyphId::new(font.font_ref().charmap().map(c).map_or(0, |g| g.to_u32()))
}

/// One glyph per character, each with the range of its character and the font's advance
/// (in ems), as a shaper without features would give.
fn simple(font: &Font, text: &str) -> Vec<KrillaGlyph> {
    text.char_indices()
        .map(|(i, c)| {
            let id = gid(font, c);
            let advance = font.advance_width(id).unwrap_or(0.0) / font.units_per_em();
            KrillaGlyph::new(id, advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
        })
        .collect()
}

fn glyph(id: GlyphId, advance: f32, range: Range<usize>) -> KrillaGlyph {
    KrillaGlyph::new(id, advance, 0.0, 0.0, 0.0, range, None)
}

fn fill(r: u8, g: u8, b: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        ..Fill::default()
    }
}

fn draw(surface: &mut Surface, y: f32, glyphs: &[KrillaGlyph], font: &Font, text: &str) {
    surface.draw_glyphs(
        Point::from_xy(20.0, y),
        glyphs,
        font.clone(),
        text,
        11.0,
        false,
    );
}

/// Draws every case on two pages.
/// `invalid`: also draw what PDF/A refuses, a `.notdef` glyph and a glyph without text.
fn draw_all(surface: &mut Surface, second_pass: bool, invalid: bool) {
    let inter = font("Inter-Regular.ttf");
    let serif = font("SourceSerif4-Regular.ttf");
    let hebrew = font("NotoSansHebrew-Regular.ttf");
    let emoji = font("NotoColorEmoji-NoSkinTones.ttf");
    let mut y = 20.0;
    let mut next = || {
        y += 14.0;
        y
    };

    // Plain text, then the same with kerning (advances off the font's) and an x offset.
    surface.set_fill(Some(fill(0, 0, 0)));
    let text = "Hello, World";
    draw(surface, next(), &simple(&inter, text), &inter, text);
    let mut kerned = simple(&inter, text);
    kerned[0].x_advance -= 0.07;
    kerned[3].x_advance += 0.0004; // below the 0.001 threshold of an adjustment
    kerned[5].x_advance += 0.12;
    kerned[7].x_offset = 0.05;
    kerned[8].x_offset = -0.02;
    kerned[8].x_advance -= 0.02;
    draw(surface, next(), &kerned, &inter, text);

    // A second font and colour; `f` first met as the whole of "ffi" (a ligature), then alone
    // (its codepoints no longer match: an ActualText span).
    surface.set_fill(Some(fill(200, 30, 30)));
    let text = "office";
    let f = gid(&serif, 'f');
    let mut run = simple(&serif, "o");
    run.push(glyph(f, 0.8, 1..4));
    run.extend(simple(&serif, "ce").into_iter().map(|mut g| {
        g.text_range = g.text_range.start + 4..g.text_range.end + 4;
        g
    }));
    draw(surface, next(), &run, &serif, text);
    let text = "fluffy";
    draw(surface, next(), &simple(&serif, text), &serif, text);

    // A cluster of two glyphs (e + combining acute for "é"), the mark raised, in a run.
    surface.set_fill(Some(fill(20, 40, 200)));
    let text = "café au lait";
    let mut run = simple(&inter, "caf");
    let acute = gid(&inter, '\u{301}');
    run.push(glyph(gid(&inter, 'e'), 0.55, 3..5));
    let mut mark = glyph(acute, 0.0, 3..5);
    mark.y_offset = 0.08;
    mark.x_offset = -0.3;
    run.push(mark);
    run.extend(simple(&inter, " au lait").into_iter().map(|mut g| {
        g.text_range = g.text_range.start + 5..g.text_range.end + 5;
        g
    }));
    draw(surface, next(), &run, &inter, text);

    // A glyph with a y advance, and one with an empty range.
    let text = "xyz";
    let mut run = simple(&inter, text);
    run[1].y_advance = 0.1;
    if invalid {
        run[2].text_range = 2..2;
    }
    draw(surface, next(), &run, &inter, text);

    // The same glyph for two texts within one run: the space, then a no-break space.
    let text = "a b\u{a0}c";
    let mut run = simple(&inter, text);
    run[3].glyph_id = gid(&inter, ' ');
    draw(surface, next(), &run, &inter, text);

    // .notdef (a private-use character the font lacks), and a single glyph (Tj), with and
    // without an x offset.
    surface.set_fill(Some(fill(0, 0, 0)));
    if invalid {
        let text = "a\u{e000}b";
        draw(surface, next(), &simple(&inter, text), &inter, text);
    }
    let text = "Q";
    draw(surface, next(), &simple(&serif, text), &serif, text);
    let mut single = simple(&serif, text);
    single[0].x_offset = 0.1;
    draw(surface, next(), &single, &serif, text);
    draw(surface, next(), &[], &serif, "");

    // Right to left, in visual order (ranges decreasing): two words around a space, then a
    // word with two glyphs in one cluster.
    let text = "שלום עולם";
    let mut run = simple(&hebrew, text);
    run.reverse();
    draw(surface, next(), &run, &hebrew, text);
    let text = "שָׁלוֹם";
    let mut run = simple(&hebrew, text);
    let (a, b) = (run[1].text_range.clone(), run[2].text_range.clone());
    run[1].text_range = a.start..b.end;
    run[2].text_range = a.start..b.end;
    run.reverse();
    draw(surface, next(), &run, &hebrew, text);

    // Fill and stroke (vitae's synthetic bold), then stroke only.
    surface.set_fill(Some(fill(10, 120, 10)));
    surface.set_stroke(Some(Stroke {
        paint: rgb::Color::new(10, 120, 10).into(),
        width: 0.3,
        ..Stroke::default()
    }));
    let text = "Bold";
    draw(surface, next(), &simple(&inter, text), &inter, text);
    surface.set_fill(None);
    draw(surface, next(), &simple(&serif, text), &serif, text);
    surface.set_stroke(None);

    // Colour emoji (Type 3): one glyph in two context colours, repeated, then a run of 300
    // glyphs with text that spills into a second Type 3 font in the middle of the run.
    let text = "😀😀👍";
    for color in [(0, 0, 0), (200, 0, 0)] {
        surface.set_fill(Some(fill(color.0, color.1, color.2)));
        draw(surface, next(), &simple(&emoji, text), &emoji, text);
    }
    surface.set_fill(Some(fill(0, 0, 0)));
    let text = "x".repeat(300);
    let run: Vec<_> = (0..300u32)
        .map(|i| glyph(GlyphId::new(1000 + i), 0.01, i as usize..i as usize + 1))
        .collect();
    draw(surface, next(), &run, &emoji, &text);

    if second_pass {
        // The same runs again: every glyph is known now, with its codepoints.
        let text = "Hello, World";
        draw(surface, next(), &kerned, &inter, text);
        let text = "fluffy office";
        draw(surface, next(), &simple(&serif, text), &serif, text);
    }
}

fn render(settings: SerializeSettings, invalid: bool) -> Vec<u8> {
    let mut document = Document::new_with(settings);
    for second_pass in [false, true] {
        let mut page = document.start_page_with(PageSettings::from_wh(400.0, 600.0).unwrap());
        let mut surface = page.surface();
        draw_all(&mut surface, second_pass, invalid);
        surface.finish();
        page.finish();
    }
    document.finish().unwrap()
}

/// The PDF as text: a stream that is not printable text is shown as its length and hash.
fn readable(pdf: &[u8]) -> String {
    let mut out = String::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream\n") {
        let (head, tail) = rest.split_at(start + b"stream\n".len());
        out.push_str(&String::from_utf8_lossy(head));
        let end = find(tail, b"\nendstream").unwrap();
        let data = &tail[..end];
        if data
            .iter()
            .all(|&b| b == b'\n' || b == b'\r' || (0x20..0x7f).contains(&b))
        {
            out.push_str(&String::from_utf8_lossy(data));
        } else {
            let hash = crate::util::stable_hash128(data);
            out.push_str(&format!("<{} bytes, {hash:032x}>", data.len()));
        }
        out.push_str("\nendstream");
        rest = &tail[end + b"\nendstream".len()..];
    }
    // Content streams hold the glyphs as literal strings with octal escapes, so the PDF
    // outside the binary streams is text apart from the header's comment.
    out.push_str(&String::from_utf8_lossy(rest));
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Compares with `vitae_patch/NAME.gz` (gzipped, as the 300 Type 3 glyphs make the text
/// long), or rewrites it when `VITAE_PATCH_UPDATE` is set.
fn check(name: &str, pdf: &[u8]) {
    use std::io::{Read, Write};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("vitae_patch")
        .join(format!("{name}.gz"));
    let actual = readable(pdf);
    if std::env::var_os("VITAE_PATCH_UPDATE").is_some() {
        let file = std::fs::File::create(&path).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
        gz.write_all(actual.as_bytes()).unwrap();
        gz.finish().unwrap();
        return;
    }
    let mut expected = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap())
        .read_to_string(&mut expected)
        .unwrap();
    if actual != expected {
        // The first few differing lines, each cut around its first differing character (a
        // content stream is one long line).
        let mut report = String::new();
        let pairs = actual.lines().zip(expected.lines()).enumerate();
        for (i, (a, e)) in pairs.filter(|(_, (a, e))| a != e).take(3) {
            let column = a.chars().zip(e.chars()).take_while(|(x, y)| x == y).count();
            let cut = |line: &str| -> String {
                line.chars()
                    .skip(column.saturating_sub(60))
                    .take(160)
                    .collect()
            };
            report += &format!(
                "\n  line {}, column {column}:\n    got      {:?}\n    expected {:?}",
                i + 1,
                cut(a),
                cut(e)
            );
        }
        panic!("{name}: the PDF differs from the one recorded before the patch:{report}");
    }
}

#[test]
fn vitae_patch_glyph_runs_write_the_bytes_of_the_unpatched_glyph_path() {
    let settings = SerializeSettings {
        compress_content_streams: false,
        ..SerializeSettings::default()
    };
    check("glyphs-plain.txt", &render(settings, true));
}

/// PDF/A-2u requires a codepoint for every glyph: glyphs of a cluster all get one, which
/// changes the spans.
#[test]
fn vitae_patch_glyph_runs_with_codepoints_required_write_the_bytes_of_the_unpatched_glyph_path() {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_U)
        .finish()
        .unwrap();
    let settings = SerializeSettings {
        compress_content_streams: false,
        configuration,
        ..SerializeSettings::default()
    };
    check("glyphs-codepoints-required.txt", &render(settings, false));
}
