//! Collect: flattens a paragraph's runs into one string with style spans, and finds where lines
//! may break (UAX #14 opportunities, minus those inside runs that must not break).

use std::ops::Range;
use std::sync::OnceLock;

use icu_segmenter::LineSegmenter;
use icu_segmenter::options::LineBreakOptions;

use crate::content::{Paragraph, RunStyle};
use crate::locale::script::is_hangul;

/// A paragraph's text with its styles.
#[derive(Debug)]
pub struct Collected<'a> {
    /// All runs' text, concatenated.
    pub text: String,
    /// One span per non-empty run, in order, covering `text`.
    pub spans: Vec<SpanInfo<'a>>,
}

/// Where one run's text lies in the collected string.
#[derive(Debug)]
pub struct SpanInfo<'a> {
    /// Byte range in the collected text.
    pub range: Range<usize>,
    /// The run's style.
    pub style: &'a RunStyle,
    /// The run's link target.
    pub link: Option<&'a str>,
    /// Whether no line may break inside the run.
    pub nobreak: bool,
}

impl Collected<'_> {
    /// Returns the index of the span containing byte `at` (the last span at the very end).
    pub fn span_at(&self, at: usize) -> usize {
        self.spans.partition_point(|s| s.range.end <= at).min(self.spans.len().saturating_sub(1))
    }
}

/// Concatenates the runs of a paragraph. White space before the first visible character is
/// dropped: a line that starts with a space has no use in a paragraph (TeX drops it too), and
/// a leading space left in would be the only glue no break can discard.
pub fn collect(p: &Paragraph) -> Collected<'_> {
    // Room for every run's text, so that the string never grows (trimming only takes away).
    let mut text = String::with_capacity(p.runs.iter().map(|r| r.text.len()).sum());
    let mut spans = Vec::with_capacity(p.runs.len());
    for run in p.runs.iter().filter(|r| !r.text.is_empty()) {
        let run_text = if text.is_empty() { run.text.trim_start() } else { run.text.as_str() };
        if run_text.is_empty() {
            continue;
        }
        let start = text.len();
        text.push_str(run_text);
        spans.push(SpanInfo {
            range: start..text.len(),
            style: &run.style,
            link: run.link.as_deref(),
            nobreak: run.nobreak,
        });
    }
    Collected { text, spans }
}

/// A place where a line may end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opportunity {
    /// Byte offset: the next line would start here.
    pub at: usize,
    /// Whether the line must end here (after a newline).
    pub mandatory: bool,
}

/// Returns the line-break opportunities of the text, in order, the text's end included.
pub fn opportunities(c: &Collected) -> Vec<Opportunity> {
    static SEGMENTER: OnceLock<icu_segmenter::LineSegmenterBorrowed<'static>> = OnceLock::new();
    let seg = SEGMENTER.get_or_init(|| LineSegmenter::new_auto(LineBreakOptions::default()));
    // Most paragraphs have no run that must not break: their breaks need no span search.
    let nobreak = c.spans.iter().any(|s| s.nobreak);
    let bytes = c.text.as_bytes();
    let keep = |at: usize| at > 0 && !(nobreak && inside_nobreak(c, at)) && !inside_korean_word(&c.text, at);
    // A break is at a character boundary, so the byte before it ends the character before.
    let opportunity = |at: usize| Opportunity { at, mandatory: bytes[at - 1] == b'\n' };
    // ASCII is Latin-1 with the same code points and offsets, which the segmenter reads
    // without decoding UTF-8.
    let mut out = Vec::with_capacity(c.text.len() / BYTES_PER_OPPORTUNITY + 1);
    if c.text.is_ascii() {
        out.extend(seg.segment_latin1(bytes).filter(|&at| keep(at)).map(opportunity));
    } else {
        out.extend(seg.segment_str(&c.text).filter(|&at| keep(at)).map(opportunity));
    }
    out
}

/// The bytes of text per break opportunity that [`opportunities`] reserves room for: an
/// English word and its space average about six bytes, so four leaves room for the
/// opportunities of most prose (shorter words, hyphens) without growing the list; text with
/// more (CJK, one opportunity per character) grows it as any vector grows.
const BYTES_PER_OPPORTUNITY: usize = 4;

/// Whether `at` falls between two Hangul characters: Korean is broken at the spaces between
/// words, not between syllables (CSS `word-break: keep-all`, the usual setting for Korean
/// prose). A word wider than the line is still broken, at the emergency points of any overlong
/// word (prepare's `word`).
fn inside_korean_word(text: &str, at: usize) -> bool {
    // Hangul is not ASCII: an ASCII byte on either side ends the question (most text).
    let ascii = |i: usize| text.as_bytes().get(i).is_none_or(u8::is_ascii);
    if at == 0 || ascii(at - 1) || ascii(at) {
        return false;
    }
    let before = text.get(..at).and_then(|t| t.chars().next_back());
    let after = text.get(at..).and_then(|t| t.chars().next());
    matches!((before, after), (Some(a), Some(b)) if is_hangul(a) && is_hangul(b))
}

/// Whether `at` falls strictly inside a run that must not break.
fn inside_nobreak(c: &Collected, at: usize) -> bool {
    c.spans.iter().any(|s| s.nobreak && s.range.start < at && at < s.range.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Align, Run};
    use crate::geom::{Color, Pt};

    fn para(parts: &[(&str, bool)]) -> Paragraph {
        let style = RunStyle {
            family: "Inter".into(),
            bold: false,
            italic: false,
            size: Pt(10.0),
            color: Color::BLACK,
            tracking: 0.0,
            hyphenate: true,
            font: None,
        };
        Paragraph {
            runs: parts
                .iter()
                .map(|&(t, nobreak)| Run { text: t.into(), style: style.clone(), link: None, nobreak })
                .collect(),
            align: Align::Left,
            indent: Pt::ZERO,
            marker: None,
            leading: Pt(12.0),
        }
    }

    #[test]
    fn breaks_after_spaces_and_hyphens() {
        let p = para(&[("self-hosted and more", false)]);
        let c = collect(&p);
        let at: Vec<_> = opportunities(&c).iter().map(|o| o.at).collect();
        assert_eq!(at, vec![5, 12, 16, 20]);
    }

    #[test]
    fn no_break_inside_nobreak_runs() {
        let p = para(&[("London, UK", true), (" · ", true), ("jane doe", true)]);
        let c = collect(&p);
        let at: Vec<_> = opportunities(&c).iter().map(|o| o.at).collect();
        // Only after the separator's trailing space and at the end.
        assert_eq!(at, vec![c.text.len() - "jane doe".len(), c.text.len()]);
    }

    #[test]
    fn ascii_text_breaks_where_its_utf8_reading_breaks() {
        let seg = LineSegmenter::new_auto(LineBreakOptions::default());
        let texts = [
            "self-hosted and more, e.g. (a/b) \"quoted\" 50% off: $60k+ -5 x.y.z a--b 'n' !?",
            "https://example.org/a_b?c=d&e=f#g jane@x.org 1,000.5 [v2.0] {k}; <tag> ~x| \\ `c`",
            "one\ntwo\r\nthree\tfour  five ... -- --- -a a- 3-4 1/2 #1 @a *b* _c_ ^d",
        ];
        for text in texts {
            let latin1: Vec<usize> = seg.segment_latin1(text.as_bytes()).collect();
            let utf8: Vec<usize> = seg.segment_str(text).collect();
            assert_eq!(latin1, utf8, "{text:?}");
        }
        // Every pair and triple of printable ASCII characters and white space.
        let chars: Vec<char> = (b' '..=b'~').map(char::from).chain(['\n', '\t']).collect();
        for &a in &chars {
            for &b in &chars {
                for c in ['a', ' ', '-', '1', '(', '.'] {
                    let text = format!("x{a}{b}{c}y");
                    let latin1: Vec<usize> = seg.segment_latin1(text.as_bytes()).collect();
                    assert_eq!(latin1, seg.segment_str(&text).collect::<Vec<_>>(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn newline_is_mandatory() {
        let p = para(&[("one\ntwo", false)]);
        let c = collect(&p);
        let o = opportunities(&c);
        assert_eq!(o[0], Opportunity { at: 4, mandatory: true });
        assert_eq!(c.span_at(5), 0);
    }
}
