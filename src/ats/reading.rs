//! Glyph runs → lines of text in reading order, by two independent models of how applicant
//! tracking systems read a PDF:
//!
//! - [`Model::Blocks`], poppler-like: runs on one baseline close together form fragments;
//!   fragments are ordered by recursive XY-cut (columns split at vertical gaps first, then
//!   bands at horizontal gaps), so a right-aligned column of dates is read after the block
//!   beside it and a sidebar before or after the main column, as `pdftotext` does.
//! - [`Model::Lines`], the line grouping of open résumé parsers: runs sorted top to bottom and
//!   left to right, merged into one line whenever their baselines agree (whatever lies
//!   between them), then split into sections at heading lines.

use super::extract::Run;

/// Baselines closer than this fraction of the font size are one line: runs set on one line
/// share their baseline up to rounding, and the next line is at least 1 em below; lines of
/// two columns that happen to be close stay apart.
const SAME_BASELINE: f64 = 0.2;

/// Runs on one baseline with a gap up to this many ems are one fragment: a justified word
/// space stretches to about 1 em; a right-aligned date or a column stands several ems away.
const FRAGMENT_GAP: f64 = 1.2;

/// A gap between runs wider than this many ems is a word space when the text has none (a
/// space glyph is about 0.25 em; kerning and tracking stay below 0.1 em).
const WORD_GAP: f64 = 0.15;

/// A vertical gap of this many ems splits fragments into columns (XY-cut): the gutter of a
/// two-column layout and the space before a right-aligned date are wider; a word space inside
/// a fragment never reaches the cut, since fragments are whole.
const COLUMN_GAP: f64 = 1.0;

/// How far above its baseline a glyph reaches, in ems, for the fragment boxes of the XY-cut.
const ASCENT: f64 = 0.8;

/// How far below its baseline a glyph reaches, in ems.
const DESCENT: f64 = 0.25;

/// A line of a few words at most can be a section heading.
const HEADING_MAX_WORDS: usize = 6;

/// A line set this much larger than the body text reads as a heading.
const HEADING_SIZE_RATIO: f64 = 1.15;

/// A reading model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Model {
    /// Poppler-like: blocks and columns by gaps.
    Blocks,
    /// Open résumé parsers: lines by baseline, sections by heading lines.
    Lines,
}

impl Model {
    /// Both models, in report order.
    pub const ALL: [Model; 2] = [Model::Blocks, Model::Lines];

    /// Returns the model's short name.
    pub fn name(self) -> &'static str {
        match self {
            Model::Blocks => "blocks",
            Model::Lines => "lines",
        }
    }
}

/// One line of extracted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The page, from 0.
    pub page: usize,
    /// The text.
    pub text: String,
    /// The indices of its runs in the extraction, left to right.
    pub runs: Vec<usize>,
    /// Whether the line reads as a section heading (the lines model only).
    pub heading: bool,
}

/// Reads runs as the model does; returns the lines in reading order.
pub fn read(runs: &[Run], pages: usize, model: Model) -> Vec<Line> {
    let mut lines = Vec::new();
    for page in 0..pages {
        let on_page: Vec<usize> =
            (0..runs.len()).filter(|&i| runs.get(i).is_some_and(|r| r.page == page)).collect();
        match model {
            Model::Blocks => lines.extend(blocks(runs, &on_page)),
            Model::Lines => lines.extend(baseline_lines(runs, &on_page)),
        }
    }
    if model == Model::Lines {
        mark_headings(runs, &mut lines);
    }
    lines
}

/// Returns the indices sorted top to bottom, then left to right.
fn sorted(runs: &[Run], indices: &[usize]) -> Vec<usize> {
    let mut out = indices.to_vec();
    out.sort_by(|&a, &b| {
        let (ra, rb) = (&runs[a], &runs[b]);
        ra.y.total_cmp(&rb.y).then(ra.x.total_cmp(&rb.x)).then(a.cmp(&b))
    });
    out
}

/// Whether run `b` sits on run `a`'s baseline.
fn same_baseline(a: &Run, b: &Run) -> bool {
    (a.y - b.y).abs() <= SAME_BASELINE * a.size.min(b.size)
}

/// Groups runs into lines by baseline alone (the lines model), each line left to right.
fn baseline_lines(runs: &[Run], indices: &[usize]) -> Vec<Line> {
    baseline_groups(runs, indices).into_iter().map(|g| line_of(runs, g)).collect()
}

/// Groups runs by baseline, top to bottom, each group left to right.
fn baseline_groups(runs: &[Run], indices: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in sorted(runs, indices) {
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|&f| same_baseline(&runs[f], &runs[i])) => g.push(i),
            _ => groups.push(vec![i]),
        }
    }
    for g in &mut groups {
        g.sort_by(|&a, &b| runs[a].x.total_cmp(&runs[b].x).then(a.cmp(&b)));
    }
    groups
}

/// Builds a line from runs left to right, putting a space where the gap between two runs is
/// wider than a word space and neither side has one.
fn line_of(runs: &[Run], indices: Vec<usize>) -> Line {
    let mut text = String::new();
    let mut previous: Option<&Run> = None;
    for &i in &indices {
        let run = &runs[i];
        if let Some(p) = previous {
            let gap = run.x - p.right();
            let spaced = text.ends_with(char::is_whitespace) || run.text.starts_with(char::is_whitespace);
            if gap > WORD_GAP * run.size.min(p.size) && !spaced {
                text.push(' ');
            }
        }
        text.push_str(&run.text);
        previous = Some(run);
    }
    let page = indices.first().map_or(0, |&i| runs[i].page);
    Line { page, text: text.trim().to_owned(), runs: indices, heading: false }
}

/// Marks the lines that read as section headings: a few words, and all capitals, all bold,
/// or larger than the body text.
fn mark_headings(runs: &[Run], lines: &mut [Line]) {
    let body = median_size(runs);
    for line in lines.iter_mut() {
        let words = line.text.split_whitespace().count();
        let letters: Vec<char> = line.text.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
        let bold = line.runs.iter().all(|&i| is_bold(&runs[i].font));
        let large = line.runs.iter().all(|&i| runs[i].size >= body * HEADING_SIZE_RATIO);
        line.heading =
            (1..=HEADING_MAX_WORDS).contains(&words) && !letters.is_empty() && (capitals || bold || large);
    }
}

/// Whether a font name names a bold weight.
pub fn is_bold(font: &str) -> bool {
    let f = font.to_ascii_lowercase();
    ["bold", "black", "heavy", "semibold"].iter().any(|w| f.contains(w))
}

/// Returns the median font size of the runs, weighted by characters: the body text's size.
fn median_size(runs: &[Run]) -> f64 {
    let mut sizes: Vec<(f64, usize)> = runs.iter().map(|r| (r.size, r.text.chars().count())).collect();
    sizes.sort_by(|a, b| a.0.total_cmp(&b.0));
    let half = sizes.iter().map(|s| s.1).sum::<usize>() / 2;
    let mut seen = 0;
    sizes
        .iter()
        .find(|s| {
            seen += s.1;
            seen > half
        })
        .map_or(0.0, |s| s.0)
}

/// A fragment: runs on one baseline close together, with its box.
#[derive(Debug, Clone)]
struct Fragment {
    runs: Vec<usize>,
    x0: f64,
    x1: f64,
    top: f64,
    bottom: f64,
    size: f64,
}

/// Orders one page's runs poppler-like: fragments, then recursive XY-cut.
fn blocks(runs: &[Run], indices: &[usize]) -> Vec<Line> {
    let frags = fragments(runs, indices);
    let order = xy_cut(&frags, (0..frags.len()).collect());
    order.into_iter().filter_map(|f| frags.get(f)).map(|f| line_of(runs, f.runs.clone())).collect()
}

/// Groups runs into fragments: the runs of one baseline, left to right, split where the gap
/// is wider than [`FRAGMENT_GAP`].
fn fragments(runs: &[Run], indices: &[usize]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    for line in baseline_groups(runs, indices) {
        let mut previous: Option<&Run> = None;
        for i in line {
            let r = &runs[i];
            let joins = previous.is_some_and(|p| r.x - p.right() <= FRAGMENT_GAP * r.size.max(p.size));
            let (top, bottom) = (r.y - ASCENT * r.size, r.y + DESCENT * r.size);
            match out.last_mut() {
                Some(f) if joins => {
                    f.runs.push(i);
                    (f.x0, f.x1) = (f.x0.min(r.x), f.x1.max(r.right()));
                    (f.top, f.bottom, f.size) = (f.top.min(top), f.bottom.max(bottom), f.size.max(r.size));
                }
                _ => out.push(Fragment { runs: vec![i], x0: r.x, x1: r.right(), top, bottom, size: r.size }),
            }
            previous = Some(r);
        }
    }
    out
}

/// Orders fragments by recursive XY-cut: a vertical gap splits them into columns read left
/// to right; else horizontal gaps split them into bands read top to bottom; a set that cannot
/// be cut is read top to bottom, left to right.
fn xy_cut(frags: &[Fragment], set: Vec<usize>) -> Vec<usize> {
    if set.len() < 2 {
        return set;
    }
    let em = set.iter().filter_map(|&i| frags.get(i)).map(|f| f.size).fold(0.0, f64::max);
    let columns = split(&set, |i| (frags[i].x0, frags[i].x1), COLUMN_GAP * em);
    let parts =
        if columns.len() > 1 { columns } else { split(&set, |i| (frags[i].top, frags[i].bottom), 0.0) };
    if parts.len() > 1 {
        return parts.into_iter().flat_map(|p| xy_cut(frags, p)).collect();
    }
    let mut rest = set;
    rest.sort_by(|&a, &b| frags[a].top.total_cmp(&frags[b].top).then(frags[a].x0.total_cmp(&frags[b].x0)));
    rest
}

/// Splits a set at every gap wider than `min_gap` in the projection of its intervals; returns
/// the groups in increasing order (one group when there is no such gap).
fn split(set: &[usize], interval: impl Fn(usize) -> (f64, f64), min_gap: f64) -> Vec<Vec<usize>> {
    let mut items: Vec<(f64, f64, usize)> = set
        .iter()
        .map(|&i| {
            let (a, b) = interval(i);
            (a, b, i)
        })
        .collect();
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut end = f64::NEG_INFINITY;
    for (a, b, i) in items {
        match groups.last_mut() {
            Some(g) if a - end <= min_gap => g.push(i),
            _ => groups.push(vec![i]),
        }
        end = end.max(b);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f64, y: f64, text: &str) -> Run {
        let width = 5.0 * text.chars().count() as f64;
        Run {
            page: 0,
            x,
            y,
            width,
            size: 10.0,
            text: text.into(),
            font: "Inter".into(),
            type3: false,
            unmapped: 0,
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_two_column_page_is_read_column_by_column_by_blocks_and_interleaved_by_lines() {
        let runs = vec![
            run(10.0, 100.0, "Skills"),
            run(10.0, 112.0, "Rust"),
            run(200.0, 100.0, "Experience"),
            run(200.0, 112.0, "Engineer at Acme"),
        ];
        assert_eq!(
            texts(&read(&runs, 1, Model::Blocks)),
            ["Skills", "Rust", "Experience", "Engineer at Acme"]
        );
        assert_eq!(texts(&read(&runs, 1, Model::Lines)), ["Skills Experience", "Rust Engineer at Acme"]);
    }

    #[test]
    fn a_right_aligned_date_is_its_own_fragment_read_after_its_title() {
        let runs = vec![
            run(10.0, 100.0, "Engineer"),
            run(300.0, 100.0, "2020 – 2023"),
            run(10.0, 112.0, "Acme"),
            run(10.0, 124.0, "A long line of text that spans the whole width of the page body"),
        ];
        let blocks = read(&runs, 1, Model::Blocks);
        assert_eq!(texts(&blocks)[..3], ["Engineer", "2020 – 2023", "Acme"]);
        let lines = read(&runs, 1, Model::Lines);
        assert_eq!(texts(&lines)[0], "Engineer 2020 – 2023");
    }

    #[test]
    fn runs_close_together_join_with_a_space_only_across_a_gap() {
        let runs = vec![run(10.0, 100.0, "Lang"), run(30.0, 100.0, "uages:"), run(70.0, 100.0, "Rust")];
        assert_eq!(texts(&read(&runs, 1, Model::Blocks)), ["Languages: Rust"]);
    }

    #[test]
    fn short_capital_or_large_lines_are_headings() {
        let mut big = run(10.0, 80.0, "Jane Doe");
        big.size = 20.0;
        let runs = vec![big, run(10.0, 100.0, "EXPERIENCE"), run(10.0, 112.0, "Built things for people")];
        let lines = read(&runs, 1, Model::Lines);
        assert_eq!(lines.iter().map(|l| l.heading).collect::<Vec<_>>(), [true, true, false]);
    }
}
