use super::shape::shape_leveled;
use super::*;
use crate::content::{Paragraph, Run};
use crate::font::FontBook;
use crate::geom::Color;
use crate::layout::inline::collect;
use crate::layout::inline::hyphenate::Hyphenator;

/// A run of `text` in Source Serif 4 at `size`, bold or not.
fn run(text: &str, size: f64, bold: bool) -> Run {
    let style = RunStyle {
        family: "Source Serif 4".into(),
        bold,
        italic: false,
        size: Pt(size),
        color: Color::BLACK,
        tracking: 0.0,
        hyphenate: true,
        font: None,
    };
    Run { text: text.into(), style, link: None, nobreak: false }
}

/// A justified paragraph of `runs`, as every test here sets one.
fn justified(runs: Vec<Run>) -> Paragraph {
    Paragraph {
        runs,
        align: crate::content::Align::Justify,
        indent: Pt::ZERO,
        marker: None,
        leading: Pt(12.0),
    }
}

/// Prepares the collected text of a [`justified`] paragraph at a width of 200 pt.
fn prepare_justified(c: &Collected, ctx: &mut InlineCtx) -> Prepared {
    let ops = collect::opportunities(c);
    prepare(c, &ops, Alignment::Justified, Pt(200.0), ctx)
}

/// Prepares a justified paragraph of `runs` in `lang`, then checks every space piece against
/// the same range shaped afresh (the path without the per-span memo); returns how many
/// space pieces there were.
fn spaces_match_fresh_shaping(runs: Vec<Run>, lang: &str) -> usize {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), lang, &mut warnings);
    let p = justified(runs);
    let c = collect::collect(&p);
    let prepared = prepare_justified(&c, &mut ctx);
    let mut spaces = 0;
    for (i, piece) in prepared.pieces.iter().enumerate().filter(|(_, pc)| pc.space) {
        let style = c.spans[piece.span].style;
        let primary = ctx.font_for(style);
        let (runs, _) = fallback::segment(ctx.fonts, &c.text[piece.range.clone()], primary);
        let level = prepared.levels.at(piece.range.start);
        let fresh = shape_leveled(
            &mut ctx,
            &c.text,
            piece.range.clone(),
            (runs[0].font, style, piece.span),
            true,
            level,
        );
        // A trailing space is kept with its glyphs cleared (see `breakpoint`).
        let trailing = piece.glyphs.is_empty() && i + 1 == prepared.pieces.len();
        let expected = Piece { glyphs: if trailing { Vec::new() } else { fresh.glyphs.clone() }, ..fresh };
        assert_eq!(
            format!("{piece:?}"),
            format!("{expected:?}"),
            "space at {:?} in {:?}",
            piece.range,
            c.text
        );
        spaces += 1;
    }
    spaces
}

#[test]
fn memoised_spaces_equal_freshly_shaped_ones() {
    // Spans of two sizes and weights, each with several spaces, and a repeated span size.
    let runs = vec![
        run("Led the migration of the payment services ", 10.0, false),
        run("to Kubernetes and Go ", 10.0, true),
        run("with zero downtime across three regions ", 9.0, false),
        run("and on.", 10.0, false),
    ];
    assert!(spaces_match_fresh_shaping(runs, "en") > 10);
}

#[test]
fn memoised_spaces_equal_fresh_ones_in_right_to_left_and_mixed_text() {
    // Hebrew words (odd levels) with Latin words and digits between them.
    let runs = vec![run("פיתחתי מערכות תשלומים ב Go ו Kubernetes עבור 3 בנקים גדולים", 10.0, false)];
    assert!(spaces_match_fresh_shaping(runs, "he") > 5);
    let runs = vec![run("Built مرحبا بالعالم and more words here", 10.0, false)];
    assert!(spaces_match_fresh_shaping(runs, "en") > 5);
}

#[test]
fn spaces_beside_other_scripts_and_edges_equal_fresh_ones() {
    // CJK and emoji beside spaces (fallback faces for the words, not the spaces), no-break
    // spaces (two bytes: never memoised), one word, and an empty paragraph.
    let runs = vec![run("开发 Kubernetes 平台 🚀 ship it\u{a0}now and again", 10.0, false)];
    assert!(spaces_match_fresh_shaping(runs, "en") > 3);
    assert_eq!(spaces_match_fresh_shaping(vec![run("word", 10.0, false)], "en"), 0);
    assert_eq!(spaces_match_fresh_shaping(vec![run("", 10.0, false)], "en"), 0);
    assert_eq!(spaces_match_fresh_shaping(vec![], "en"), 0);
}

#[test]
fn the_span_cursor_finds_the_span_of_any_position_in_any_order() {
    // One span, three spans, spans of one byte, a multi-byte character at a span's edge.
    for runs in [
        vec![run("one span only", 10.0, false)],
        vec![run("first ", 10.0, false), run("second", 9.0, true), run(" third", 10.0, false)],
        vec![run("a", 10.0, false), run("b", 10.0, true), run("é", 9.0, false), run("cd", 10.0, false)],
    ] {
        let p = justified(runs);
        let c = collect::collect(&p);
        let n = c.text.len();
        // Forward, backward, and jumping about, the text's end and beyond included.
        let forward: Vec<usize> = (0..=n + 1).collect();
        let backward: Vec<usize> = forward.iter().rev().copied().collect();
        let jumps: Vec<usize> = (0..=n + 1).map(|i| (i * 7 + 3) % (n + 2)).collect();
        for order in [forward, backward, jumps] {
            let mut cursor = SpanCursor::default();
            for at in order {
                assert_eq!(cursor.at(&c, at), c.span_at(at), "{at} in {:?}", c.text);
            }
        }
    }
    // No spans at all.
    let empty = Collected { text: String::new(), spans: Vec::new() };
    assert_eq!(SpanCursor::default().at(&empty, 0), empty.span_at(0));
}

#[test]
fn memoised_hyphens_equal_freshly_shaped_ones() {
    // Hyphenated words in three spans of two sizes, each span with several hyphenation points
    // (the first hyphen of each span shaped, the others made from it).
    let runs = vec![
        run("internationalization typesetting hyphenation ", 10.0, false),
        run("internationalization typesetting hyphenation ", 9.0, false),
        run("internationalization typesetting", 10.0, false),
    ];
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    let p = justified(runs);
    let c = collect::collect(&p);
    let prepared = prepare_justified(&c, &mut ctx);
    assert!(prepared.hyphens.len() > 10, "{} hyphens", prepared.hyphens.len());
    let mut spans = Vec::new();
    for (_, hyphen) in &prepared.hyphens {
        let at = hyphen.range.start;
        let span = c.span_at(at - 1);
        let style = c.spans[span].style;
        let font = ctx.font_for(style);
        let fresh = shape_text(&mut ctx, "-", style, font, span, at);
        assert_eq!(format!("{hyphen:?}"), format!("{:?}", fresh.unwrap()), "hyphen at {at}");
        spans.push(span);
    }
    spans.dedup();
    assert_eq!(spans, vec![0, 1, 2]);
}

/// Prepares `runs` as a justified paragraph of 200 pt in `ctx`; returns its pieces and items
/// as text, to compare whole encodings, and gives its glyph vectors back to the session.
fn encoded(runs: &[Run], ctx: &mut InlineCtx) -> String {
    let p = justified(runs.to_vec());
    let c = collect::collect(&p);
    let prepared = prepare_justified(&c, ctx);
    let text = format!("{:?}\n{:?}\n{:?}", prepared.pieces, prepared.items, prepared.hyphens);
    // As layout does after each paragraph: the next one is shaped into these vectors.
    prepared.recycle(&mut ctx.shapers);
    text
}

#[test]
fn a_context_kept_for_many_paragraphs_encodes_each_as_a_fresh_one_does() {
    // Hyphenated words, a style change inside a word, other scripts and a long word: what the
    // shaping session and the encoder keep from one paragraph or word (shapers, glyph vectors
    // given back, cut lists) must not reach the next.
    let paragraphs = [
        vec![
            run("typesetting internationalization go ", 10.0, false),
            run("hyph", 10.0, true),
            run("enation", 10.0, false),
        ],
        vec![run("开发 Kubernetes 平台 🚀 und Silbentrennung", 9.0, false)],
        vec![run("Supercalifragilisticexpialidociousnessitudes everywhere", 10.0, false)],
        vec![run("typesetting", 10.0, false)],
    ];
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut kept = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    for round in 0..2 {
        for runs in &paragraphs {
            let fresh_fonts = FontBook::bundled();
            let mut fresh_warnings = Vec::new();
            let fresh_hyph = Hyphenator::new("en", &[]);
            let mut fresh = InlineCtx::new(
                &fresh_fonts,
                &fresh_hyph,
                true,
                Default::default(),
                "en",
                &mut fresh_warnings,
            );
            assert_eq!(encoded(runs, &mut kept), encoded(runs, &mut fresh), "round {round}, {runs:?}");
        }
    }
}

#[test]
fn each_word_is_cut_at_its_own_hyphenation_points_only() {
    // A hyphenated word before words with fewer points or none: the cuts kept for a word
    // (`Encoder::bounds`) are its own.
    let text = "internationalization typesetting go hyphenation is";
    let hyph = Hyphenator::new("en", &[]);
    let mut expected = Vec::new();
    let mut start = 0;
    for word in text.split(' ') {
        expected.extend(hyph.points(word).into_iter().map(|p| start + p));
        expected.push(start + word.len());
        start += word.len() + 1;
    }
    assert!(expected.len() > 8, "the words have points: {expected:?}");
    let fonts = FontBook::bundled();
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    let p = justified(vec![run(text, 10.0, false)]);
    let c = collect::collect(&p);
    let prepared = prepare_justified(&c, &mut ctx);
    let ends: Vec<usize> = prepared.pieces.iter().filter(|pc| !pc.space).map(|pc| pc.range.end).collect();
    assert_eq!(ends, expected);
}

#[test]
fn compounds_are_found_by_their_hyphen_or_dash_in_any_text() {
    for (text, word, compound) in [
        ("a zero-downtime deploy", 2..6, true),
        ("a zero‐downtime deploy", 2..6, true),
        ("a zero‑downtime deploy", 2..6, true),
        ("in 2019–2021 we", 3..7, true),
        ("in 2019—2021 we", 3..7, false),
        ("café au lait", 0..5, false),
        ("plain words only", 6..11, false),
        ("plain-", 0..5, true),
    ] {
        assert_eq!(in_compound(text, word.clone()), compound, "{text:?} {word:?}");
    }
}

#[test]
fn only_text_with_cjk_breaks_is_mostly_cjk() {
    let ops = |text: &str| -> Vec<Opportunity> {
        text.char_indices().skip(1).map(|(at, _)| Opportunity { at, mandatory: false }).collect()
    };
    for text in ["plain ASCII text", "Zürich café"] {
        assert!(!mostly_cjk(text, &ops(text)), "{text:?}");
    }
    assert!(mostly_cjk("中文排版", &ops("中文排版")));
}
