//! Tests of the script rules: bidi ordering and mirroring, Korean keep-all, CJK justification,
//! autospace and hyphenation, kinsoku, Thai word breaks.

use super::*;

/// Lays out `text` in one 10 pt run with the document language `lang`.
fn lay_lang(text: &str, align: Align, width: f64, lang: &str) -> (Vec<Line>, Vec<Warning>) {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    let mut ctx =
        InlineCtx::new(&fonts, &hyph, true, crate::theme::Microtype::default(), lang, &mut warnings);
    let lines = layout_paragraph(&para(text, align), Pt(width), &mut ctx);
    (lines, warnings)
}

/// Returns a line's glyphs left to right: (left edge, glyph id, the text it stands for).
fn glyphs(line: &Line) -> Vec<(f64, u16, String)> {
    let mut out = Vec::new();
    for (x, run) in &line.runs {
        let mut pen = x.get();
        for g in &run.glyphs {
            out.push((pen, g.id, run.text[g.range.clone()].to_string()));
            pen += run.size.get() * f64::from(g.advance);
        }
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

/// Returns the text of a line in visual order (left to right), one glyph's text per glyph and
/// ligature components once.
fn visual(line: &Line) -> String {
    let mut out = String::new();
    let mut last: Option<(f64, String)> = None;
    for (x, _, t) in glyphs(line) {
        // Marks of one cluster share its text: print it once.
        if last.as_ref().is_some_and(|(_, lt)| *lt == t && t.chars().count() > 1) {
            continue;
        }
        out.push_str(&t);
        last = Some((x, t));
    }
    out
}

/// Returns the left edge of the glyph standing for the first occurrence of `ch`.
fn x_of(line: &Line, ch: char) -> f64 {
    glyphs(line).iter().find(|(_, _, t)| t.contains(ch)).map(|g| g.0).expect("glyph present")
}

fn right_end(line: &Line) -> f64 {
    line.runs.iter().map(|(x, r)| (*x + r.width()).get()).fold(0.0, f64::max)
}

#[test]
fn hebrew_with_an_english_word_and_a_number_reads_right_to_left() {
    let (lines, _) = lay_lang("עבדתי עם React במשך 5 שנים", Align::Left, 300.0, "en");
    assert_eq!(lines.len(), 1);
    assert_eq!(visual(&lines[0]), "םינש 5 ךשמב React םע יתדבע");
    // Right-to-left text is flush right.
    assert!((right_end(&lines[0]) - 300.0).abs() < 0.01, "{}", right_end(&lines[0]));
}

#[test]
fn an_rtl_paragraph_keeps_its_first_words_on_the_first_line_at_the_right() {
    let text = "עבדתי עם React ו־TypeScript במשך חמש שנים בחברת סטארט־אפ בתל אביב";
    let (lines, _) = lay_lang(text, Align::Justify, 120.0, "he");
    assert!(lines.len() > 1);
    // The first logical word is the rightmost on the first line.
    let first = &lines[0];
    let g = glyphs(first);
    assert!(g.last().is_some_and(|(_, _, t)| t == "ע"), "{}", visual(first));
    // Justified lines reach both edges, with nothing hanging out (protrusion is for the right
    // end of left-to-right lines); the last line is flush right.
    for l in &lines[..lines.len() - 1] {
        let left = l.runs.iter().map(|(x, _)| x.get()).fold(f64::INFINITY, f64::min);
        assert!(left.abs() < 0.01 && (right_end(l) - 120.0).abs() < 0.05, "{left} {}", right_end(l));
        assert_eq!(l.setting().unwrap().protrusion, Pt::ZERO);
    }
    let last = lines.last().unwrap();
    assert!((right_end(last) - 120.0).abs() < 0.5, "{}", right_end(last));
    assert!(last.runs.first().unwrap().0.get() > 1.0);
}

#[test]
fn arabic_with_a_url_keeps_the_url_in_order() {
    let (lines, _) = lay_lang("زوروا موقعي https://example.com/cv شكرا", Align::Left, 400.0, "ar");
    assert_eq!(lines.len(), 1);
    let v = visual(&lines[0]);
    assert!(v.contains("https://example.com/cv"), "{v}");
    // The first Arabic word is right of the URL, the last one left of it.
    let url = x_of(&lines[0], 'h');
    assert!(x_of(&lines[0], 'ز') > url && x_of(&lines[0], 'ش') < url, "{v}");
}

#[test]
fn brackets_are_mirrored_in_right_to_left_text() {
    let fonts = FontBook::bundled();
    // The brackets come from the paragraph's face (the Hebrew face has none).
    let face = fonts.select("Source Serif 4", false, false).expect("bundled face");
    let close = fonts.shape(face, ")", 0..1, "en")[0].id;
    let open = fonts.shape(face, "(", 0..1, "en")[0].id;
    assert_ne!(open, close);
    // Inside a Hebrew word (shaped right to left by the shaper) and alone beside a number
    // (a neutral piece shaped here): the logical "(" is drawn with the glyph of ")" and stands
    // at the right of what it encloses.
    for text in ["אני (מפתח) ותיק", "ראו [1] ו־(2) למטה", "من المعلومات (باللغة الإنجليزية)."]
    {
        let (lines, _) = lay_lang(text, Align::Left, 300.0, "he");
        let g = glyphs(&lines[0]);
        let opening: Vec<_> = g.iter().filter(|(_, _, t)| t == "(").collect();
        let closing: Vec<_> = g.iter().filter(|(_, _, t)| t == ")").collect();
        assert!(!opening.is_empty() && !closing.is_empty(), "{text}");
        for (o, c) in opening.iter().zip(&closing) {
            assert_eq!((o.1, c.1), (close, open), "{text}: {}", visual(&lines[0]));
            assert!(o.0 > c.0, "{text}: {}", visual(&lines[0]));
        }
    }
}

#[test]
fn an_ltr_paragraph_with_one_rtl_word() {
    let (lines, _) = lay_lang("I speak עברית fluently (native).", Align::Left, 300.0, "en");
    assert_eq!(visual(&lines[0]), "I speak תירבע fluently (native).");
    assert!(lines[0].runs[0].0.get().abs() < 1e-9, "flush left");
}

#[test]
fn latin_text_is_not_reordered() {
    let text = "Designed and maintained (idempotent) services, 2019–2024.";
    let (lines, _) = lay_lang(text, Align::Justify, 120.0, "en");
    for l in &lines {
        assert_eq!(visual(l).replace('\u{ad}', "-"), text_of(l).replace('\u{ad}', "-"));
    }
}

/// The logical text of all lines, each line's text in logical order.
fn line_texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(text_of).map(|t| t.trim().to_string()).collect()
}

#[test]
fn korean_breaks_only_between_words() {
    let text = "대한민국의 소프트웨어 엔지니어로서 대규모 분산 시스템을 설계하고 운영했습니다";
    let words: Vec<&str> = text.split(' ').collect();
    for width in [60.0, 80.0, 110.0, 150.0] {
        let (lines, warnings) = lay_lang(text, Align::Left, width, "ko");
        assert!(warnings.is_empty(), "{width}: {warnings:?}");
        for t in line_texts(&lines) {
            assert!(t.split(' ').all(|w| words.contains(&w)), "{width}: {t:?}");
        }
    }
}

#[test]
fn an_overlong_korean_word_still_breaks() {
    let (lines, warnings) = lay_lang("소프트웨어엔지니어링 팀", Align::Left, 25.0, "ko");
    assert!(lines.len() > 2);
    assert!(warnings.iter().any(|w| w.to_string().contains("wider than the line")), "{warnings:?}");
    assert!(lines.iter().all(|l| l.width.get() <= 25.0 + 0.01));
}

const CHINESE: &str = "我们使用React和TypeScript开发了一个分布式系统，负责存储五百万个代码仓库，\
    并在云平台上部署和维护这些服务。团队共有十二名工程师，项目持续了三年。";

#[test]
fn justified_cjk_spreads_space_between_characters() {
    let width = 150.0;
    let (lines, _) = lay_lang(CHINESE, Align::Justify, width, "zh");
    assert!(lines.len() > 2);
    for l in &lines[..lines.len() - 1] {
        assert!((right_edge(l).get() - width).abs() < 0.05, "{}: {}", text_of(l), right_edge(l));
        // Several gaps between ideographs carry the line's shortfall, not one.
        let g = glyphs(l);
        let gaps = g
            .windows(2)
            .filter(|w| cjk::is_ideographic(w[0].2.chars().next().unwrap()))
            .filter(|w| cjk::is_ideographic(w[1].2.chars().next().unwrap()))
            .filter(|w| w[1].0 - w[0].0 > 10.0 + 0.05)
            .count();
        let setting = l.setting().unwrap();
        assert!(setting.ratio.abs() < 1e-6 || gaps > 0, "{}: {gaps} {setting:?}", text_of(l));
        if !text_of(l).is_ascii() && text_of(l).chars().all(cjk::is_cjk) && setting.ratio > 0.01 {
            assert!(gaps > 3, "{}: {gaps} {setting:?}", text_of(l));
        }
    }
}

#[test]
fn autospace_separates_ideographs_from_latin() {
    let (lines, _) = lay_lang("使用React开发", Align::Left, 300.0, "zh");
    let g = glyphs(&lines[0]);
    let yong = g.iter().position(|(_, _, t)| t == "用").unwrap();
    let r = &g[yong + 1];
    assert_eq!(r.2, "R");
    let end_of_yong = g[yong].0 + 10.0; // an ideograph is one em wide
    assert!((r.0 - end_of_yong - 2.5).abs() < 0.05, "{} {}", r.0, end_of_yong);
    // An explicit space is kept as it is, with no autospace added.
    let (lines, _) = lay_lang("使用 React", Align::Left, 300.0, "zh");
    let g = glyphs(&lines[0]);
    let space = g.iter().find(|(_, _, t)| t == " ").unwrap();
    let r = g.iter().find(|(_, _, t)| t == "R").unwrap();
    assert!(r.0 - space.0 < 4.0, "only the space's width");
}

#[test]
fn latin_words_in_cjk_text_are_not_hyphenated() {
    let chinese = "我们使用Kubernetes和implementation开发了分布式系统并负责维护代码仓库的服务";
    let english = "we use Kubernetes and implementation for a distributed system serving code";
    let hyphenated = |text: &str| {
        (40..160).step_by(3).any(|w| {
            let (lines, _) = lay_lang(text, Align::Justify, f64::from(w), "zh");
            lines.iter().any(|l| l.setting().is_some_and(|s| s.hyphenated))
        })
    };
    assert!(!hyphenated(chinese));
    // The same words in English text are hyphenated at some of these measures.
    assert!(hyphenated(english));
}

#[test]
fn kinsoku_no_line_starts_with_closing_punctuation() {
    let text = "「我们的产品」，很好。、他说：「是的」。（完）";
    for width in (30..120).step_by(5) {
        let (lines, _) = lay_lang(text, Align::Justify, f64::from(width), "zh");
        for l in &lines[1..] {
            let t = text_of(l);
            let first = t.chars().next().unwrap();
            assert!(!"。、」，：）".contains(first), "{width}: line starts {t:?}");
        }
        for l in &lines[..lines.len() - 1] {
            let last = text_of(l).chars().next_back().unwrap();
            assert!(!"「（".contains(last), "{width}: line ends {:?}", text_of(l));
        }
    }
}

#[test]
fn thai_breaks_only_at_word_boundaries() {
    // ภาษา|ไทย|เป็น|ภาษา|ที่|สวยงาม: no spaces, the segmenter's dictionary finds the words.
    // (ICU's dictionary splits a final "มาก", very, as มา|ก: its segmentation, not ours.)
    let text = "ภาษาไทยเป็นภาษาที่สวยงาม";
    let words = ["ภาษา", "ไทย", "เป็น", "ที่", "สวยงาม", "สวย", "งาม"];
    let mut breaks_seen = 0;
    for width in (45..120).step_by(7) {
        let (lines, warnings) = lay_lang(text, Align::Left, f64::from(width), "th");
        assert!(warnings.is_empty(), "{warnings:?}");
        breaks_seen += lines.len() - 1;
        for t in line_texts(&lines) {
            let mut rest = t.as_str();
            // The line is a sequence of dictionary words.
            while !rest.is_empty() {
                let w = words.iter().filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len());
                let Some(w) = w else { panic!("{width}: {t:?} does not split into words at {rest:?}") };
                rest = &rest[w.len()..];
            }
        }
    }
    assert!(breaks_seen > 5);
}

#[test]
fn a_right_to_left_item_hangs_its_marker_at_the_right() {
    let fonts = FontBook::bundled();
    let hyph = Hyphenator::new("en", &[]);
    let mut warnings = Vec::new();
    for lang in ["he", "en"] {
        let mut ctx =
            InlineCtx::new(&fonts, &hyph, true, crate::theme::Microtype::default(), lang, &mut warnings);
        let marker = Run { text: "•".into(), style: style(10.0), link: None, nobreak: true };
        let rtl = Paragraph {
            indent: Pt(12.0),
            marker: Some(marker.clone()),
            ..para("בניתי מערכת פריסה", Align::Left)
        };
        let lines = layout_paragraph(&rtl, Pt(200.0), &mut ctx);
        let bullet = glyphs(&lines[0]).into_iter().find(|g| g.2 == "•").unwrap();
        let text_right = glyphs(&lines[0]).iter().filter(|g| g.2 != "•").map(|g| g.0).fold(0.0, f64::max);
        // The text ends at the indent from the right; the bullet hangs beyond it, inside the measure.
        assert!(
            bullet.0 > text_right && bullet.0 > 188.0 && bullet.0 < 200.0,
            "{lang}: {bullet:?} {text_right}"
        );
        let ltr = Paragraph {
            indent: Pt(12.0),
            marker: Some(marker),
            ..para("Built a deploy system", Align::Left)
        };
        let lines = layout_paragraph(&ltr, Pt(200.0), &mut ctx);
        let bullet = glyphs(&lines[0]).into_iter().find(|g| g.2 == "•").unwrap();
        // A left-to-right item hangs its bullet on the document's side: the left in English,
        // the right in a Hebrew document (the layout is mirrored, the words keep their order).
        match lang {
            "he" => assert!(bullet.0 > 188.0 && bullet.0 < 200.0, "{lang}: {bullet:?}"),
            _ => assert!(bullet.0 < 12.0, "{lang}: {bullet:?}"),
        }
    }
}
