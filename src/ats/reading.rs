//! Glyph runs → lines of text in reading order, by two independent models of how applicant
//! tracking systems read a PDF:
//!
//! - [`Model::Blocks`], poppler-like: runs on one baseline close together form fragments;
//!   fragments are ordered by recursive XY-cut (columns split at vertical gaps first, then
//!   bands at horizontal gaps), so a right-aligned column of dates is read after the block
//!   beside it and a sidebar before or after the main column, as `pdftotext` does.
//! - [`Model::Lines`], the line grouping of open résumé parsers: runs sorted top to bottom and
//!   left to right, merged into one line whenever their baselines agree (whatever lies
//!   between them); within a line, runs further apart than a typical character's width stay
//!   separate items, as OpenResume keeps them (`group-text-items-into-lines.ts`), and an item
//!   of a few emphasised words is a section heading.

use std::collections::BTreeMap;

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

/// The most a wrapped line of text lies below the line before, in ems: the bundled layouts
/// set lines 1.1 to 1.38 em apart; the next entry starts at least one entry space further
/// down (4 pt in compact, 1.64 em at its 9 pt), so a thread does not run into it.
const WRAP_PITCH: f64 = 1.5;

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
    /// Its items, left to right: the whole line in the blocks model; in the lines model the
    /// groups of runs closer together than a typical character's width.
    pub items: Vec<Item>,
}

/// One item of a line: runs read as one piece of text.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The text.
    pub text: String,
    /// The left end, in points.
    pub left: f64,
    /// The right end, in points.
    pub right: f64,
    /// The baseline, in points from the page's top edge.
    pub y: f64,
    /// The largest font size in it, in points.
    pub size: f64,
    /// Whether the item reads as a section heading (the lines model only).
    pub heading: bool,
}

/// Reads runs as the model does; returns the lines in reading order.
pub fn read(runs: &[Run], pages: usize, model: Model) -> Vec<Line> {
    let mut lines = Vec::new();
    let char_width = typical_char_width(runs);
    for page in 0..pages {
        let on_page: Vec<usize> =
            (0..runs.len()).filter(|&i| runs.get(i).is_some_and(|r| r.page == page)).collect();
        match model {
            Model::Blocks => lines.extend(blocks(runs, &on_page)),
            Model::Lines => lines.extend(baseline_lines(runs, &on_page, char_width)),
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

/// Groups runs into lines by baseline alone (the lines model), each line left to right and
/// split into items at gaps wider than `char_width`.
fn baseline_lines(runs: &[Run], indices: &[usize], char_width: f64) -> Vec<Line> {
    baseline_groups(runs, indices)
        .into_iter()
        .map(|g| {
            let items = split_items(runs, &g, char_width).into_iter().map(|p| item_of(runs, &p)).collect();
            Line { items, ..line_of(runs, g) }
        })
        .collect()
}

/// Returns the typical width of a character as OpenResume computes it
/// (`getTypicalCharWidth`): the average advance per character of the runs in the most
/// common font size (by runs) and the most common font (by characters). Zero when there is
/// no text, so that no gap joins runs.
fn typical_char_width(runs: &[Run]) -> f64 {
    let text = |r: &&Run| !r.text.trim().is_empty();
    // Sizes are compared in hundredths of a point, the precision the extraction keeps.
    let size_key = |r: &Run| (r.size * 100.0).round() as i64;
    let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
    let mut fonts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in runs.iter().filter(text) {
        *sizes.entry(size_key(r)).or_default() += 1;
        *fonts.entry(r.font.as_str()).or_default() += r.text.chars().count();
    }
    // Ties go to the last key in order, which is deterministic.
    let size = sizes.iter().max_by_key(|(_, n)| **n).map(|(k, _)| *k);
    let font = fonts.iter().max_by_key(|(_, n)| **n).map(|(k, _)| *k);
    let (Some(size), Some(font)) = (size, font) else { return 0.0 };
    let (width, chars) = runs
        .iter()
        .filter(text)
        .filter(|r| size_key(r) == size && r.font == font)
        .fold((0.0, 0), |(w, n), r| (w + r.width, n + r.text.chars().count()));
    if chars == 0 { 0.0 } else { width / chars as f64 }
}

/// Splits a line's runs (left to right) into items wherever the gap between two runs is
/// wider than `char_width`, as OpenResume merges only text items closer than that.
fn split_items(runs: &[Run], line: &[usize], char_width: f64) -> Vec<Vec<usize>> {
    let mut items: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<&Run> = None;
    for &i in line {
        let r = &runs[i];
        match items.last_mut() {
            Some(item) if previous.is_some_and(|p| r.x - p.right() <= char_width) => item.push(i),
            _ => items.push(vec![i]),
        }
        previous = Some(r);
    }
    items
}

/// Returns the baseline of runs on one line (the first run's) and their largest size.
fn baseline_and_size(runs: &[Run], indices: &[usize]) -> (f64, f64) {
    let y = indices.first().map_or(0.0, |&i| runs[i].y);
    (y, indices.iter().map(|&i| runs[i].size).fold(0.0, f64::max))
}

/// Builds an item from runs left to right.
fn item_of(runs: &[Run], indices: &[usize]) -> Item {
    let line = line_of(runs, indices.to_vec());
    let left = indices.iter().map(|&i| runs[i].x).fold(f64::INFINITY, f64::min);
    let right = indices.iter().map(|&i| runs[i].right()).fold(f64::NEG_INFINITY, f64::max);
    let (y, size) = baseline_and_size(runs, indices);
    Item { text: line.text, left, right, y, size, heading: false }
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
    let text = text.trim().to_owned();
    let (y, size) = baseline_and_size(runs, &indices);
    let item = |(left, right)| Item { text: text.clone(), left, right, y, size, heading: false };
    let span = indices.first().zip(indices.last()).map(|(&a, &b)| (runs[a].x, runs[b].right()));
    let items = span.map(item).into_iter().collect();
    Line { page, text, runs: indices, items }
}

/// Marks the items that read as section headings: a few words, and all capitals, all bold,
/// or larger than the body text. An item is judged by the runs under it.
fn mark_headings(runs: &[Run], lines: &mut [Line]) {
    let body = median_size(runs);
    for line in lines.iter_mut() {
        let line_runs = line.runs.clone();
        for item in &mut line.items {
            let under: Vec<&Run> = line_runs
                .iter()
                .map(|&i| &runs[i])
                .filter(|r| r.x >= item.left && r.right() <= item.right)
                .collect();
            let words = item.text.split_whitespace().count();
            let letters: Vec<char> = item.text.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase());
            let bold = under.iter().all(|r| is_bold(&r.font));
            let large = under.iter().all(|r| r.size >= body * HEADING_SIZE_RATIO);
            item.heading = (1..=HEADING_MAX_WORDS).contains(&words)
                && !letters.is_empty()
                && (capitals || bold || large);
        }
    }
}

/// Chains the items of the lines model into threads: an item continues the thread whose
/// last item lies nearest above it on the page, in its column (their spans overlap) and one
/// wrapped line away (at most [`WRAP_PITCH`] ems), so a title wrapped in a narrow column
/// reads as one text while the column beside it, or the next entry, stays apart. Returns the
/// threads in reading order (by their first item), each as `(line, item)` indices top to
/// bottom.
pub fn threads(lines: &[Line]) -> Vec<Vec<(usize, usize)>> {
    let mut threads: Vec<Vec<(usize, usize)>> = Vec::new();
    // Each thread's last item: (thread, line, item).
    let mut ends: Vec<(usize, usize, usize)> = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        // A thread never continues onto another page: its end is dropped there, which keeps
        // the search to one page's threads.
        ends.retain(|&(_, m, _)| lines.get(m).is_some_and(|l| l.page == line.page));
        let mut taken = Vec::new();
        for (k, item) in line.items.iter().enumerate() {
            let above = |&&(_, m, j): &&(usize, usize, usize)| {
                lines
                    .get(m)
                    .and_then(|l| l.items.get(j))
                    .filter(|a| wraps_into(a, lines[m].page, item, line.page))
            };
            let nearest = ends
                .iter()
                .filter(|e| !taken.contains(&e.0))
                .filter(|e| above(e).is_some())
                .max_by(|a, b| {
                    let (ia, ib) = (above(a).map_or(0.0, |i| i.y), above(b).map_or(0.0, |i| i.y));
                    ia.total_cmp(&ib)
                })
                .map(|e| e.0);
            let t = nearest.unwrap_or_else(|| {
                threads.push(Vec::new());
                threads.len() - 1
            });
            threads[t].push((n, k));
            taken.push(t);
        }
        ends.retain(|e| !taken.contains(&e.0));
        ends.extend(taken.iter().zip(0..).map(|(&t, k)| (t, n, k)));
    }
    threads
}

/// Whether `below` can be the next line of `above`'s text: same page, spans overlapping,
/// and below it by at most [`WRAP_PITCH`] ems.
fn wraps_into(above: &Item, page_above: usize, below: &Item, page: usize) -> bool {
    let down = below.y - above.y;
    page_above == page
        && above.left < below.right
        && below.left < above.right
        && down > 0.0
        && down <= WRAP_PITCH * above.size.max(below.size)
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
        let headings: Vec<Vec<bool>> =
            lines.iter().map(|l| l.items.iter().map(|i| i.heading).collect()).collect();
        assert_eq!(headings, [[true], [true], [false]]);
    }

    #[test]
    fn runs_further_apart_than_a_typical_character_are_separate_items_of_one_line() {
        // "Rust" is 4 characters 20 pt wide: a typical character is 5 pt.
        let runs = vec![
            run(10.0, 100.0, "SKILLS"),
            run(200.0, 100.0, "Led the team"),
            run(10.0, 112.0, "Rust"),
            run(34.0, 112.0, "Go"),
            run(200.0, 112.0, "and more"),
        ];
        let lines = read(&runs, 1, Model::Lines);
        let items: Vec<Vec<&str>> =
            lines.iter().map(|l| l.items.iter().map(|i| i.text.as_str()).collect()).collect();
        assert_eq!(items, [vec!["SKILLS", "Led the team"], vec!["Rust Go", "and more"]]);
        assert_eq!(texts(&lines), ["SKILLS Led the team", "Rust Go and more"]);
        assert!(lines[0].items[0].heading && !lines[0].items[1].heading);
    }

    #[test]
    fn threads_follow_each_column_down_and_start_anew_where_nothing_lies_above() {
        let runs = vec![
            run(10.0, 100.0, "Bachelor of"),
            run(200.0, 100.0, "Main one"),
            run(10.0, 112.0, "Science"),
            run(200.0, 112.0, "Main two"),
            run(400.0, 112.0, "2020"),
            // A main-column line between two sidebar lines, then the sidebar's next line.
            run(200.0, 118.0, "Main three"),
            run(10.0, 124.0, "Degree"),
            // Two ems below: a new entry, not a wrapped line.
            run(10.0, 144.0, "Next entry"),
        ];
        let lines = read(&runs, 1, Model::Lines);
        let want = [vec![(0, 0), (1, 0), (3, 0)], vec![(0, 1), (1, 1), (2, 0)], vec![(1, 2)], vec![(4, 0)]];
        assert_eq!(threads(&lines), want);
    }

    #[test]
    fn a_thread_stops_at_the_page_end() {
        let mut next_page = run(10.0, 60.0, "continued");
        next_page.page = 1;
        let runs = vec![run(10.0, 50.0, "last line"), next_page];
        let lines = read(&runs, 2, Model::Lines);
        assert_eq!(threads(&lines), [vec![(0, 0)], vec![(1, 0)]]);
    }
}
