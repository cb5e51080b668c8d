//! Tests of inline layout as a whole: measure, justification, hyphens, overlong words, markers.

use super::hyphenate::Hyphenator;
use super::*;
use crate::content::{Align, Run};
use crate::geom::Color;

fn style(size: f64) -> RunStyle {
    RunStyle {
        family: "Source Serif 4".into(),
        bold: false,
        italic: false,
        size: Pt(size),
        color: Color::BLACK,
        tracking: 0.0,
        hyphenate: true,
        font: None,
    }
}

fn para(text: &str, align: Align) -> Paragraph {
    Paragraph {
        runs: vec![Run { text: text.into(), style: style(10.0), link: None, nobreak: false }],
        align,
        indent: Pt::ZERO,
        marker: None,
        leading: Pt(12.5),
    }
}

/// Lays out with bundled fonts and English hyphenation; returns lines and warnings.
fn lay(p: &Paragraph, width: f64) -> (Vec<Line>, Vec<Warning>) {
    lay_with(p, width, crate::theme::Microtype::default())
}

/// Lays out as [`lay`] does, with the given microtypography.
fn lay_with(p: &Paragraph, width: f64, microtype: crate::theme::Microtype) -> (Vec<Line>, Vec<Warning>) {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, microtype, "en", &mut warnings);
    let lines = layout_paragraph(p, Pt(width), &mut ctx);
    (lines, warnings)
}

/// Returns the right edge of a line's advance, less the protrusion its last character is
/// allowed (which the test works out itself and checks the line's setting against).
fn right_edge(line: &Line) -> Pt {
    let edge = line.runs.iter().map(|(x, r)| *x + r.width()).fold(Pt::ZERO, Pt::max);
    let hang = line.setting().map_or(Pt::ZERO, |s| s.protrusion);
    assert!(hang <= allowed_hang(line) + Pt(0.01), "{:?} hangs {hang}", text_of(line));
    edge - hang
}

/// Returns the most a line's last glyph may hang into the margin: its character's share of its
/// unscaled advance (an inserted hyphen, a soft hyphen in the text, is a hyphen).
fn allowed_hang(line: &Line) -> Pt {
    let Some((_, run)) = line.runs.last() else { return Pt::ZERO };
    let Some(ch) = run.text.chars().next_back() else { return Pt::ZERO };
    let ch = if ch == '\u{ad}' { '-' } else { ch };
    let advance = run.glyphs.last().map_or(0.0, |g| f64::from(g.advance / run.scale));
    run.size * (microtype::right_protrusion(ch) * advance)
}

fn text_of(line: &Line) -> String {
    line.runs.iter().map(|(_, r)| r.text.as_str()).collect()
}

const TEXT: &str = "Designed, implemented and maintained idempotent services, Gitserver, a horizontally \
    scalable distributed service to store up to five million repositories, and Repo Updater, a service \
    to manage syncing of these repositories with Go, GraphQL, Postgres, Redis and React, deployed on \
    GCP, AWS and self-hosted environments with Kubernetes.";

/// A deterministic stream of pseudo-random numbers (xorshift64*), for property tests that must
/// give the same cases on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Never overfull, by property: random paragraphs of words from a résumé's vocabulary (short
/// and long, hyphenable and not, with punctuation) at random measures, in every alignment. No
/// line may end past the measure unless a word alone is wider than the line (then a warning
/// names it and only that line may be wider by the word's last fragment).
#[test]
fn no_random_paragraph_has_an_overfull_line() {
    let words: Vec<&str> =
        TEXT.split_whitespace().chain(["a", "I/O", "Kubernetes-native", "re-architected,"]).collect();
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    for case in 0..300 {
        let n = 1 + rng.below(40);
        let text: Vec<&str> = (0..n).map(|_| words[rng.below(words.len())]).collect();
        let text = text.join(" ");
        let width = 60.0 + rng.below(400) as f64;
        let align = [Align::Justify, Align::Left, Align::Center, Align::Right][rng.below(4)];
        let microtype =
            crate::theme::Microtype { protrusion: rng.below(2) == 0, expansion: rng.below(2) == 0 };
        let (lines, warnings) = lay_with(&para(&text, align), width, microtype);
        let forced = warnings.iter().any(|w| w.message.contains("wider than the line"));
        for (i, l) in lines.iter().enumerate() {
            assert!(
                forced || right_edge(l).fits(Pt(width)),
                "case {case}, {align:?} at {width}: {:?} ends at {} (text: {text:?})",
                text_of(l),
                right_edge(l)
            );
            let s = l.setting().expect("a laid-out line has its setting");
            check_microtype(s, align, microtype, &format!("case {case}, line {i}"));
            // A justified line other than the last reaches the measure exactly, its hang aside,
            // unless nothing can stretch (one word, or an overlong word's fragment).
            let stretchy = text_of(l).trim().contains(' ');
            if s.justified && i + 1 < lines.len() && stretchy && !forced && s.ratio > 0.0 {
                let gap = (right_edge(l) - Pt(width)).get().abs();
                assert!(gap < 0.05, "case {case}: {:?} misses the edge by {gap}", text_of(l));
            }
        }
    }
}

/// Checks a line's setting against the microtypography it was laid out with: expansion only in
/// justified lines with expansion on, within ±2% in whole steps; protrusion only with it on.
fn check_microtype(
    s: &crate::layout::frame::LineSetting,
    align: Align,
    m: crate::theme::Microtype,
    at: &str,
) {
    let e = s.expansion;
    assert!(e.abs() <= microtype::MAX_EXPANSION + 1e-9, "{at}: expansion {e}");
    let steps = e / microtype::EXPANSION_STEP;
    assert!((steps - steps.round()).abs() < 1e-6, "{at}: expansion {e} is no whole step");
    if !(m.expansion && align == Align::Justify && s.justified) {
        assert_eq!(e, 0.0, "{at}: expanded without expansion");
    }
    if !(m.protrusion && align == Align::Justify) {
        assert_eq!(s.protrusion, Pt::ZERO, "{at}: protrudes without protrusion");
    }
    assert!(s.justified == (align == Align::Justify) || !s.justified, "{at}");
}

/// Punctuation at the end of a justified line hangs into the margin by its share, and the line
/// is still set to the measure: the hang is part of line breaking, not a shift afterwards.
#[test]
fn punctuation_hangs_into_the_margin_of_justified_lines() {
    let on = crate::theme::Microtype { protrusion: true, expansion: false };
    let off = crate::theme::Microtype { protrusion: false, expansion: false };
    let mut hung = 0;
    for width in (150..=330).step_by(15).map(f64::from) {
        let (lines, _) = lay_with(&para(TEXT, Align::Justify), width, on);
        let (plain, _) = lay_with(&para(TEXT, Align::Justify), width, off);
        assert!(plain.iter().all(|l| l.setting().unwrap().protrusion == Pt::ZERO));
        for l in &lines[..lines.len() - 1] {
            let s = l.setting().unwrap();
            let last = text_of(l).chars().next_back().unwrap();
            let share = microtype::right_protrusion(if last == '\u{ad}' { '-' } else { last });
            assert_eq!(s.protrusion > Pt::ZERO, share > 0.0, "{:?} at {width}", text_of(l));
            if s.protrusion > Pt::ZERO {
                hung += 1;
                let edge = l.runs.iter().map(|(x, r)| *x + r.width()).fold(Pt::ZERO, Pt::max);
                assert!((edge - Pt(width) - s.protrusion).get().abs() < 0.05, "{:?}", text_of(l));
            }
        }
    }
    assert!(hung > 5, "commas and full stops end some lines: {hung}");
}

/// Font expansion narrows the spread of word spaces: over many measures, fewer lines have spaces
/// beyond their stretch or shrink (ratio beyond ±1) with expansion than without, and every
/// expanded line draws all its runs at its scale.
#[test]
fn expansion_evens_out_word_spaces() {
    let on = crate::theme::Microtype { protrusion: false, expansion: true };
    let off = crate::theme::Microtype { protrusion: false, expansion: false };
    let tally = |m| {
        let mut beyond = 0;
        let mut expanded = 0;
        for width in (150..=330).step_by(9).map(f64::from) {
            let (lines, _) = lay_with(&para(TEXT, Align::Justify), width, m);
            for l in &lines[..lines.len() - 1] {
                let s = l.setting().unwrap();
                beyond += usize::from(s.ratio.abs() > 1.0);
                if s.expansion != 0.0 {
                    expanded += 1;
                    let scale = (1.0 + s.expansion) as f32;
                    assert!(l.runs.iter().all(|(_, r)| r.scale == scale), "{:?}", text_of(l));
                }
            }
        }
        (beyond, expanded)
    };
    let (with, expanded) = tally(on);
    let (without, none) = tally(off);
    assert_eq!(none, 0);
    assert!(expanded > 10, "{expanded}");
    assert!(with < without, "{with} lines beyond ratio 1 with expansion, {without} without");
}

#[test]
fn no_line_exceeds_the_measure_in_any_alignment() {
    for align in [Align::Justify, Align::Left, Align::Center, Align::Right] {
        for width in [90.0, 150.0, 233.0, 400.0] {
            let (lines, _) = lay(&para(TEXT, align), width);
            assert!(lines.len() > 1 || width >= 400.0);
            for l in &lines {
                assert!(
                    right_edge(l).fits(Pt(width)),
                    "{align:?} {width}: {:?} ends at {}",
                    text_of(l),
                    right_edge(l)
                );
            }
        }
    }
}

#[test]
fn justified_lines_reach_the_right_edge_except_the_last() {
    let (lines, _) = lay(&para(TEXT, Align::Justify), 233.0);
    let (last, body) = lines.split_last().unwrap();
    for l in body {
        assert!((right_edge(l) - Pt(233.0)).get().abs() < 0.05, "{:?}", text_of(l));
    }
    assert!(right_edge(last) < Pt(233.0));
}

#[test]
fn all_words_survive_in_order() {
    let (lines, _) = lay(&para(TEXT, Align::Justify), 150.0);
    let joined: String = lines.iter().map(text_of).collect::<Vec<_>>().join("\n");
    let cleaned = joined.replace("\u{AD}\n", "").replace('\n', " ");
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squash(&cleaned), squash(TEXT));
}

#[test]
fn hyphenated_lines_end_with_a_soft_hyphen_glyph() {
    let (lines, _) = lay(&para(TEXT, Align::Justify), 120.0);
    let hyphenated: Vec<_> = lines.iter().filter(|l| text_of(l).ends_with('\u{AD}')).collect();
    assert!(!hyphenated.is_empty(), "a narrow justified measure should hyphenate somewhere");
}

#[test]
fn long_url_breaks_after_a_slash() {
    let url = "see https://github.com/someone/a-very-long-repository-name/blob/main/src/index.ts";
    let (lines, _) = lay(&para(url, Align::Left), 120.0);
    assert!(lines.len() > 1);
    for l in &lines {
        assert!(right_edge(l).fits(Pt(120.0)));
    }
    let first = text_of(&lines[1]);
    assert!(first.trim_end_matches('\u{AD}').ends_with(['/', '.', '-']), "{first:?}");
}

#[test]
fn word_wider_than_the_line_is_forced_apart_with_a_warning() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis1234567890";
    let (lines, warnings) = lay(&para(word, Align::Justify), 80.0);
    assert!(lines.len() > 1);
    assert!(warnings.iter().any(|w| w.message.contains("wider than the line")), "{warnings:?}");
    for l in &lines {
        assert!(right_edge(l).fits(Pt(80.0)), "{:?}", text_of(l));
    }
}

#[test]
fn nobreak_runs_stay_on_one_line() {
    let mut p = para("", Align::Left);
    p.runs = vec![
        Run {
            text: "jane.doe@example.com".into(),
            style: style(10.0),
            link: Some("mailto:jane.doe@example.com".into()),
            nobreak: true,
        },
        Run { text: " · ".into(), style: style(10.0), link: None, nobreak: false },
        Run {
            text: "+49 30 1234 5678".into(),
            style: style(10.0),
            link: Some("tel:+493012345678".into()),
            nobreak: true,
        },
    ];
    let (lines, _) = lay(&p, 130.0);
    assert_eq!(lines.len(), 2);
    assert_eq!(text_of(&lines[1]), "+49 30 1234 5678");
    assert_eq!(lines[0].links.len(), 1);
    assert_eq!(lines[1].links[0].url, "tel:+493012345678");
}

#[test]
fn marker_hangs_in_the_indent() {
    let mut p = para("A point worth making twice over in a narrow column.", Align::Left);
    p.indent = Pt(12.0);
    p.marker = Some(Run { text: "•".into(), style: style(10.0), link: None, nobreak: true });
    let (lines, _) = lay(&p, 150.0);
    let (bx, bullet) = &lines[0].runs[0];
    assert_eq!(bullet.text, "•");
    assert!(*bx + bullet.width() <= Pt(12.0));
    assert!(lines.iter().all(|l| l.runs.iter().filter(|(_, r)| r.text != "•").all(|(x, _)| *x >= Pt(12.0))));
}

#[test]
fn missing_glyph_is_a_warning_naming_the_character() {
    let (_, warnings) = lay(&para("Hieroglyph \u{13000} here", Align::Left), 300.0);
    assert!(warnings.iter().any(|w| w.message.contains("U+13000")), "{warnings:?}");
}

#[test]
fn emoji_get_their_own_run_in_the_emoji_face() {
    let fonts = FontBook::bundled();
    let (lines, _) = lay(&para("Hi there 👋 from 🇬🇧 London", Align::Left), 300.0);
    let emoji: Vec<_> = lines[0]
        .runs
        .iter()
        .filter(|(_, r)| fonts.face(r.font).family == crate::font::EMOJI_FAMILY)
        .map(|(_, r)| r.text.trim().to_string())
        .collect();
    assert_eq!(emoji, vec!["👋", "🇬🇧"]);
}

#[test]
fn nobreak_run_wider_than_the_line_is_still_split() {
    let mut p = para("", Align::Center);
    let url = "github.com/someone/an-extraordinarily-long-repository-name-that-never-ends/tree/main";
    p.runs = vec![Run {
        text: url.into(),
        style: style(9.0),
        link: Some(format!("https://{url}")),
        nobreak: true,
    }];
    let (lines, warnings) = lay(&p, 150.0);
    assert!(lines.len() > 1);
    assert!(warnings.iter().any(|w| w.message.contains("wider than the line")));
    for l in &lines {
        assert!(right_edge(l).fits(Pt(150.0)), "{:?}", text_of(l));
        assert!(l.links.iter().all(|k| k.url.starts_with("https://github.com")));
    }
}

/// Returns how many inserted-hyphen breaks a paragraph offers at a measure.
fn hyphen_points(p: &Paragraph, width: f64) -> usize {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    let c = collect::collect(p);
    let ops = collect::opportunities(&c);
    let (alignment, _) = breaking(p, Pt(width), false);
    let prepared = prepare::prepare(&c, &ops, alignment, Pt(width), &mut ctx);
    let inserted = |i: &&linebreak::Item| matches!(i, linebreak::Item::Penalty { flagged: true, width, .. } if width.get() > 0.0);
    prepared.items.iter().filter(inserted).count()
}

/// Rule 1 of issue 12: a word with its own hyphen or en dash breaks only there.
#[test]
fn compounds_break_only_after_their_own_hyphen() {
    for text in ["URL-shortening", "zero-downtime", "2019\u{2013}maintenance", "infrastructure-wide"] {
        assert_eq!(hyphen_points(&para(text, Align::Justify), 300.0), 0, "{text}");
    }
    // The same words on their own do break.
    for text in ["shortening", "downtime", "maintenance", "infrastructure"] {
        assert!(hyphen_points(&para(text, Align::Justify), 300.0) > 0, "{text}");
    }
}

/// Rule 6 of issue 12: roles that do not allow it and bold runs are never hyphenated.
#[test]
fn bold_runs_and_roles_without_hyphenation_offer_no_hyphen() {
    let text = "maintenance infrastructure responsibilities";
    assert!(hyphen_points(&para(text, Align::Justify), 300.0) > 0);
    let mut bold = para(text, Align::Justify);
    bold.runs[0].style.bold = true;
    assert_eq!(hyphen_points(&bold, 300.0), 0);
    let mut off = para(text, Align::Justify);
    off.runs[0].style.hyphenate = false;
    assert_eq!(hyphen_points(&off, 300.0), 0);
}

/// Rule 5 of issue 12: ragged text is hyphenated only when, without hyphens, some line (not the
/// last) would leave more than [`linebreak::RAGGED_SHORT_SHARE`] of the measure empty.
#[test]
fn ragged_text_hyphenates_only_to_rescue_a_short_line() {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut hyphenated_somewhere = false;
    for width in (120..=420).step_by(10).map(f64::from) {
        let p = para(TEXT, Align::Left);
        let (lines, _) = lay(&p, width);
        if !lines.iter().any(|l| text_of(l).ends_with('\u{ad}')) {
            continue;
        }
        hyphenated_somewhere = true;
        let mut ctx = InlineCtx::new(&fonts, &hyph, false, Default::default(), "en", &mut warnings);
        let plain = layout_paragraph(&p, Pt(width), &mut ctx);
        let shortest = plain[..plain.len() - 1].iter().map(|l| l.width.get()).fold(f64::INFINITY, f64::min);
        let limit = (1.0 - linebreak::RAGGED_SHORT_SHARE) * width;
        let plain_texts: Vec<String> = plain.iter().map(text_of).collect();
        assert!(shortest < limit, "at {width} pt a hyphen, yet without: {plain_texts:#?}");
    }
    // Narrow enough measures still need hyphens.
    assert!(hyphenated_somewhere);
}

/// Found by the paragraph fuzzer: the look for a compound's white space stepped one byte past a
/// no-break space (two bytes) and sliced inside it. Any white space before a word is stepped
/// over whole.
#[test]
fn a_no_break_space_before_a_compound_is_stepped_over_whole() {
    for text in
        ["a\u{a0}-internationalization and more", "x\u{3000}-internationalization", "\u{2003}-hyphenation"]
    {
        for width in [30.0, 60.0, 200.0] {
            let (lines, _) = lay(&para(text, Align::Justify), width);
            let printed: String = lines.iter().map(text_of).collect();
            assert!(
                printed.contains("nation") || printed.contains("tion"),
                "{text:?} at {width}: {printed:?}"
            );
        }
    }
}

#[path = "tests/scripts.rs"]
mod scripts;

/// Lays out `text` on one wide line at 10 pt with `tracking` ems; returns the summed width of
/// the line's runs and its glyph count.
fn tracked_line(text: &str, tracking: f64) -> (Pt, usize) {
    let mut p = para(text, Align::Left);
    p.runs[0].style.tracking = tracking;
    let (lines, _) = lay(&p, 1000.0);
    assert_eq!(lines.len(), 1, "{text:?} fits on one line");
    let line = &lines[0];
    // Summed, not the right edge: a right-to-left line ends at the right whatever its width.
    let width = line.runs.iter().map(|(_, r)| r.width()).fold(Pt::ZERO, |a, b| a + b);
    (width, line.runs.iter().map(|(_, r)| r.glyphs.len()).sum())
}

#[test]
fn tracking_spaces_latin_but_not_scripts_whose_letters_join() {
    // Latin: every glyph gets the tracking (0.1 em at 10 pt = 1 pt).
    let (plain, glyphs) = tracked_line("Experience", 0.0);
    let (tracked, _) = tracked_line("Experience", 0.1);
    assert!((tracked - plain - Pt(glyphs as f64)).get().abs() < 0.01, "{plain} → {tracked}");
    // Devanagari and Arabic are set solid: a gap after each glyph would cut the headstroke
    // and the joins. Only the word space (a piece of its own, one glyph) is tracked.
    for text in ["कार्य अनुभव", "الخبرة المهنية"] {
        let (plain, _) = tracked_line(text, 0.0);
        let (tracked, _) = tracked_line(text, 0.1);
        assert!((tracked - plain - Pt(1.0)).get().abs() < 0.01, "{text:?}: {plain} → {tracked}");
    }
    // Mixed: the Latin word and the space are tracked, the Devanagari word is not.
    let (plain, _) = tracked_line("Skills कौशल", 0.0);
    let (tracked, _) = tracked_line("Skills कौशल", 0.1);
    let (_, latin_glyphs) = tracked_line("Skills", 0.0);
    let spaced = latin_glyphs as f64 + 1.0;
    assert!((tracked - plain - Pt(spaced)).get().abs() < 0.01, "{plain} → {tracked}");
}

#[test]
fn a_label_set_again_is_the_line_it_was_set_to_and_only_for_the_same_run() {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    let label =
        |text: &str, size: f64| Run { text: text.into(), style: style(size), link: None, nobreak: false };
    // Alike but for the text, the size or the weight; and one that sets nothing.
    let bold = Run { style: RunStyle { bold: true, ..style(10.0) }, ..label("•", 10.0) };
    let labels =
        [label("•", 10.0), label("1.", 10.0), label("•", 12.0), bold, label(" ", 10.0), label("•", 10.0)];
    for round in 0..2 {
        for run in &labels {
            let kept = layout_label(run, &mut ctx);
            let fresh = set_label(run, &mut ctx);
            assert_eq!(format!("{kept:?}"), format!("{fresh:?}"), "round {round}, {run:?}");
        }
    }
    assert_eq!(ctx.labels.len(), 5, "one entry per distinct run");
}

#[test]
fn a_kept_paragraph_is_set_once_with_the_lines_a_fresh_setting_gives() {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx = InlineCtx::new(&fonts, &hyph, true, Default::default(), "en", &mut warnings);
    // A right part with a character no face has, so that setting it warns.
    let p = para("Jan 2020 – Mar 2023, Berlin \u{13000}", Align::Left);
    let fresh = format!("{:?}", layout_paragraph(&p, Pt(80.0), &mut ctx));
    let kept = format!("{:?}", layout_kept(&p, Pt(80.0), &mut ctx));
    let again = format!("{:?}", layout_kept(&p, Pt(80.0), &mut ctx));
    assert_eq!((&kept, &again), (&fresh, &fresh));
    assert_eq!(ctx.warnings.len(), 2, "the kept lines are not set (nor warned about) again");
    // Another width or another paragraph is set anew.
    let wide = format!("{:?}", layout_kept(&p, Pt(300.0), &mut ctx));
    assert_eq!(wide, format!("{:?}", layout_paragraph(&p, Pt(300.0), &mut ctx)));
    let other = para("Jan 2020 – Mar 2024, Berlin", Align::Left);
    let other_lines = format!("{:?}", layout_kept(&other, Pt(80.0), &mut ctx));
    assert_eq!(other_lines, format!("{:?}", layout_paragraph(&other, Pt(80.0), &mut ctx)));
    assert_eq!(ctx.kept.len(), 3);
}
