//! Markdown (or plain text pulled from a PDF) cut into blocks: headings, paragraphs, lists with
//! their nesting, tables, rules. A forgiving reader rather than a CommonMark parser: list items
//! nest by indentation alone, a line holding only `•` starts a point whose text follows, and
//! lines run on into the paragraph or point above them until a blank line. A heading written
//! as a list item (`- ### Acme`) is a heading, its nested points a list under it. The lines
//! come from `source`, without quote markers, comments and directives.
#![allow(
    clippy::indexing_slicing,
    reason = "indexes only its own vectors of lines, blocks and tokens, each within its loop's bound; text itself is sliced through strings::slice (string_slice stays denied)"
)]

/// A block of the document, with the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// `#` to `######` (or a line underlined with `===`/`---`).
    Heading { level: usize, text: String, line: usize },
    /// Consecutive lines of text, each kept as written (with `quoted` for `>` lines).
    Para { lines: Vec<String>, line: usize, quoted: bool },
    /// A list: bulleted or numbered points, each with its own nested points.
    List { items: Vec<Item>, numbered: bool, line: usize },
    /// A table: the header cells (possibly all empty) and the rows.
    Table { header: Vec<String>, rows: Vec<Vec<String>>, line: usize },
    /// A horizontal rule.
    Rule,
    /// A fenced code block's lines.
    Code { lines: Vec<String>, line: usize },
}

/// A list point.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    /// The text, its lines joined (a `<br>` between them is kept for the inline stage).
    pub text: String,
    /// Whether the point was numbered.
    pub numbered: bool,
    /// Nested points.
    pub children: Vec<Item>,
    /// The 1-based line.
    pub line: usize,
    /// The marker as numbered: its number, or `None` for a bullet or a letter.
    pub number: Option<u32>,
    /// Whether the marker was a letter or a roman numeral (`a.`, `ii)`), numbered 1, 2, 3.
    pub lettered: bool,
    /// The indentation of the marker, in columns.
    indent: usize,
    /// The level of a heading written as the item's text (`- ### Acme`).
    heading: Option<usize>,
}

/// What one line is.
#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Heading(usize, &'a str),
    Rule,
    Fence,
    Underline(usize),
    ListItem { indent: usize, marker: Marker, text: &'a str },
    TableRow,
    Text { indent: usize, text: &'a str },
}

/// A list marker as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// `-`, `*`, `+`, `•` and the like.
    Bullet,
    /// `1.` or `1)`.
    Number(u32),
    /// `a.`, `b)`, `iv.`: only on indented lines, under a point.
    Letter,
}

impl Marker {
    /// Whether the marker numbers its point.
    fn numbered(self) -> bool {
        self != Marker::Bullet
    }
}

/// Cuts a document's lines (see `source`) into blocks; `quoted` says which lines were in a
/// `>` quote.
pub(crate) fn blocks(lines: &[String], quoted: &[bool]) -> Vec<Block> {
    let mut reader = Reader { lines, quoted, at: 0, out: Vec::new() };
    reader.run();
    reader.out
}

/// Classifies a line.
fn classify(line: &str) -> Line<'_> {
    let trimmed = line.trim();
    let indent = line.len() - line.trim_start().len();
    if trimmed.is_empty() {
        return Line::Blank;
    }
    if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
        return Line::Fence;
    }
    if indent < 4 {
        if let Some(h) = heading(trimmed) {
            return h;
        }
        if trimmed.chars().all(|c| c == '=') && trimmed.len() >= 3 {
            return Line::Underline(1);
        }
        if is_rule(trimmed) {
            return if trimmed.chars().all(|c| c == '-') { Line::Underline(2) } else { Line::Rule };
        }
    }
    if trimmed.starts_with('|') && trimmed.len() > 1 {
        return Line::TableRow;
    }
    if let Some((marker, text)) = list_marker(trimmed, indent) {
        return Line::ListItem { indent, marker, text };
    }
    Line::Text { indent, text: trimmed }
}

/// Reads an ATX heading.
fn heading(trimmed: &str) -> Option<Line<'_>> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = trimmed.get(level..)?;
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some(Line::Heading(level, rest.trim().trim_end_matches('#').trim_end()))
}

/// Whether a line is a thematic break: three or more `-`, `*` or `_`, spaces allowed.
fn is_rule(trimmed: &str) -> bool {
    let marks: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    let first = marks.chars().next().unwrap_or(' ');
    marks.len() >= 3 && "-*_".contains(first) && marks.chars().all(|c| c == first)
}

/// Reads a list marker (`-`, `*`, `+`, `•`, `1.`, `1)`, and on indented lines `a.`, `iv)`)
/// and the text after it.
fn list_marker(trimmed: &str, indent: usize) -> Option<(Marker, &str)> {
    for bullet in ['-', '*', '+', '•', '·', '▪', '◦', '‣'] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            if rest.is_empty() && bullet != '-' && bullet != '*' {
                return Some((Marker::Bullet, ""));
            }
            if rest.starts_with([' ', '\u{a0}']) || bullet == '•' {
                return Some((Marker::Bullet, rest.trim_start()));
            }
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let rest = trimmed.get(digits..)?;
    let after = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "));
    // Three digits: a point numbered 1000 is a year ("2019. Joined …"), not a list.
    if (1..=3).contains(&digits)
        && let Some(after) = after
    {
        let number = trimmed.get(..digits)?.parse().ok()?;
        return Some((Marker::Number(number), after.trim_start()));
    }
    // Letters and roman numerals number sub-points; at the margin they would be prose ("a. m.").
    let letters = trimmed.chars().take_while(char::is_ascii_lowercase).count();
    let rest = trimmed.get(letters..)?;
    let word = trimmed.get(..letters)?;
    // Roman numerals of sub-points run to four letters ("viii"); longer words are prose.
    let roman = letters <= 4 && word.chars().all(|c| "ivx".contains(c));
    let after = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "));
    match after {
        Some(after) if indent >= 2 && (letters == 1 || roman) => Some((Marker::Letter, after.trim_start())),
        _ => None,
    }
}

/// Whether a table row is the separator under the header: `|---|:--:|`.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-') && t.chars().all(|c| "|-: ".contains(c))
}

/// Splits a table row into trimmed cells (outer pipes optional).
fn cells(line: &str) -> Vec<String> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| c.trim().to_owned()).collect()
}

/// The block reader's state.
struct Reader<'a> {
    lines: &'a [String],
    quoted: &'a [bool],
    at: usize,
    out: Vec<Block>,
}

impl Reader<'_> {
    /// Reads every block.
    fn run(&mut self) {
        while self.at < self.lines.len() {
            let line = self.at + 1;
            match classify(&self.lines[self.at]) {
                Line::Blank => self.at += 1,
                Line::Heading(level, text) => {
                    self.out.push(Block::Heading { level, text: text.to_owned(), line });
                    self.at += 1;
                }
                Line::Rule | Line::Underline(_) => {
                    self.out.push(Block::Rule);
                    self.at += 1;
                }
                Line::Fence => self.code(),
                Line::ListItem { .. } => self.list(),
                Line::TableRow => self.table(),
                Line::Text { .. } => self.paragraph(),
            }
        }
    }

    /// Reads a fenced code block.
    fn code(&mut self) {
        let line = self.at + 1;
        self.at += 1;
        let mut lines = Vec::new();
        while self.at < self.lines.len() && classify(&self.lines[self.at]) != Line::Fence {
            lines.push(self.lines[self.at].clone());
            self.at += 1;
        }
        self.at += 1;
        self.out.push(Block::Code { lines, line });
    }

    /// Reads a paragraph: text lines up to a blank line or another kind of block. A paragraph
    /// of one line underlined with `===` or `---` is a heading.
    fn paragraph(&mut self) {
        let line = self.at + 1;
        let mut lines = Vec::new();
        let mut quoted = false;
        while let Some(Line::Text { text, .. }) = self.lines.get(self.at).map(|l| classify(l)) {
            quoted |= self.quoted.get(self.at).copied().unwrap_or(false);
            lines.push(text.to_owned());
            self.at += 1;
        }
        if let (Some(Line::Underline(level)), [text]) =
            (self.lines.get(self.at).map(|l| classify(l)), &lines[..])
        {
            self.out.push(Block::Heading { level, text: text.clone(), line });
            self.at += 1;
            return;
        }
        if !lines.is_empty() {
            self.out.push(Block::Para { lines, line, quoted });
        }
    }

    /// Reads a table: a header row, a separator row, then rows; a row without a separator
    /// below it starts a table without a header.
    fn table(&mut self) {
        let line = self.at + 1;
        let first = cells(&self.lines[self.at]);
        self.at += 1;
        let (header, mut rows) = match self.lines.get(self.at) {
            Some(next) if is_separator(next) => {
                self.at += 1;
                (first, Vec::new())
            }
            _ => (Vec::new(), vec![first]),
        };
        while let Some(text) = self.lines.get(self.at) {
            let t = text.trim();
            if t.is_empty()
                || !t.contains('|')
                || !matches!(classify(text), Line::TableRow | Line::Text { .. })
            {
                break;
            }
            if !is_separator(t) {
                rows.push(cells(t));
            }
            self.at += 1;
        }
        self.out.push(Block::Table { header, rows, line });
    }

    /// Reads a list: points nest by indentation; text lines run on into the point above, also
    /// after a blank line when they are indented.
    fn list(&mut self) {
        let line = self.at + 1;
        let mut flat: Vec<Item> = Vec::new();
        let mut numbered = None;
        let mut base = usize::MAX;
        while self.at < self.lines.len() {
            match classify(&self.lines[self.at]) {
                Line::ListItem { indent, marker, .. }
                    if indent <= base && numbered.is_some_and(|m| m != marker.numbered()) =>
                {
                    // A bulleted list right after a numbered one (or the reverse) is a new list.
                    break;
                }
                Line::ListItem { indent, marker, text } => {
                    numbered.get_or_insert(marker.numbered());
                    base = base.min(indent);
                    let (heading, text) = match heading(text) {
                        Some(Line::Heading(level, inner)) => (Some(level), inner),
                        _ => (None, text),
                    };
                    flat.push(Item {
                        text: text.to_owned(),
                        numbered: marker.numbered(),
                        number: match marker {
                            Marker::Number(n) => Some(n),
                            _ => None,
                        },
                        lettered: marker == Marker::Letter,
                        children: Vec::new(),
                        line: self.at + 1,
                        indent,
                        heading,
                    });
                    self.at += 1;
                }
                Line::Text { text, .. } => {
                    if let Some(last) = flat.last_mut() {
                        join(&mut last.text, text);
                    }
                    self.at += 1;
                }
                Line::Blank => {
                    // Skip the whole run of blank lines at once, so that a long run costs one pass.
                    let skip = self
                        .lines
                        .get(self.at..)
                        .unwrap_or_default()
                        .iter()
                        .take_while(|l| l.trim().is_empty())
                        .count();
                    let next = self.lines.get(self.at + skip).map(|l| classify(l));
                    match next {
                        Some(Line::ListItem { .. }) => self.at += skip,
                        Some(Line::Text { indent, .. }) if indent >= 2 => self.at += skip,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        self.emit_list(nest(flat), numbered.unwrap_or(false), line);
    }

    /// Adds a list's blocks: a point written as a heading becomes that heading, its nested
    /// points a list under it; the points between such headings stay lists.
    fn emit_list(&mut self, items: Vec<Item>, numbered: bool, line: usize) {
        let mut run: Vec<Item> = Vec::new();
        for mut item in items {
            let Some(level) = item.heading else {
                run.push(item);
                continue;
            };
            if !run.is_empty() {
                let first = run[0].line;
                self.out.push(Block::List { items: std::mem::take(&mut run), numbered, line: first });
            }
            self.out.push(Block::Heading { level, text: std::mem::take(&mut item.text), line: item.line });
            if let Some(first) = item.children.first().map(|c| c.line) {
                let numbered = item.children[0].numbered;
                self.out.push(Block::List { items: item.children, numbered, line: first });
            }
        }
        if !run.is_empty() {
            let line = if self.out.is_empty() { line } else { run[0].line };
            self.out.push(Block::List { items: run, numbered, line });
        }
    }
}

/// Appends a run-on line to a point's text.
fn join(text: &mut String, line: &str) {
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(' ');
    }
    text.push_str(line);
}

/// Nests flat points by indentation, two levels deep as vitae's points are (a list of points,
/// each with its own): a point indented more than the first point of its list belongs to the
/// point above it, and one indented more than that point's first child to that child. Still
/// deeper points join the second level. A heading written in a nested point keeps its text.
fn nest(flat: Vec<Item>) -> Vec<Item> {
    let base = flat.iter().map(|i| i.indent).min().unwrap_or(0);
    let mut out: Vec<Item> = Vec::new();
    for mut item in flat {
        let Some(parent) = out.last_mut().filter(|_| item.indent > base) else {
            out.push(item);
            continue;
        };
        item.heading = None;
        let child_base = parent.children.first().map_or(item.indent, |c| c.indent);
        match parent.children.last_mut() {
            Some(child) if item.indent > child_base => child.children.push(item),
            _ => parent.children.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a text without quotes into blocks.
    fn blocks(text: &str) -> Vec<Block> {
        let lines: Vec<String> = text.lines().map(str::to_owned).collect();
        super::blocks(&lines, &vec![false; lines.len()])
    }

    #[test]
    fn headings_paragraphs_rules() {
        let b = blocks("# Jane\n\nSome text\nrunning on.\n\n---\nTitle\n=====\n");
        assert_eq!(b[0], Block::Heading { level: 1, text: "Jane".into(), line: 1 });
        assert_eq!(
            b[1],
            Block::Para { lines: vec!["Some text".into(), "running on.".into()], line: 3, quoted: false }
        );
        assert_eq!(b[2], Block::Rule);
        assert_eq!(b[3], Block::Heading { level: 1, text: "Title".into(), line: 7 });
    }

    #[test]
    fn lists_nest_by_indentation() {
        let b = blocks(
            "1. one\n2. two - with\n - nested a\n - nested b\n3. three\n   continued\n\n- next list\n",
        );
        let Block::List { items, numbered, .. } = &b[0] else { panic!("{b:?}") };
        assert!(*numbered);
        assert_eq!(items.len(), 3);
        assert_eq!(items[1].children.len(), 2);
        assert_eq!(items[2].text, "three continued");
        assert!(matches!(&b[1], Block::List { numbered: false, .. }), "{b:?}");
    }

    #[test]
    fn a_lone_bullet_takes_the_following_lines() {
        let b = blocks("Intro line\n•\nFirst point\nwraps here.\n•\nSecond.");
        let Block::List { items, .. } = &b[1] else { panic!("{b:?}") };
        assert_eq!(items[0].text, "First point wraps here.");
        assert_eq!(items[1].text, "Second.");
    }

    #[test]
    fn tables_with_and_without_header() {
        let b = blocks("| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4\n\n||||\n|---|---|---|\n| x| y |z\n");
        assert_eq!(
            b[0],
            Block::Table {
                header: vec!["A".into(), "B".into()],
                rows: vec![vec!["1".into(), "2".into()], vec!["3".into(), "4".into()]],
                line: 1
            }
        );
        let Block::Table { header, rows, .. } = &b[1] else { panic!("{b:?}") };
        assert!(header.iter().all(String::is_empty));
        assert_eq!(rows[0], vec!["x", "y", "z"]);
    }

    #[test]
    fn headings_written_as_points_are_headings() {
        let b = blocks("- ### Acme\n  - built\n  - ran\n- plain point\n- #### Globex\n");
        assert_eq!(b[0], Block::Heading { level: 3, text: "Acme".into(), line: 1 });
        let Block::List { items, line: 2, .. } = &b[1] else { panic!("{b:?}") };
        assert_eq!(items.len(), 2);
        let Block::List { items, .. } = &b[2] else { panic!("{b:?}") };
        assert_eq!(items[0].text, "plain point");
        assert_eq!(b[3], Block::Heading { level: 4, text: "Globex".into(), line: 5 });
        assert_eq!(b.len(), 4);
    }

    #[test]
    fn numbers_letters_and_three_levels() {
        let b = blocks("3. three\n   a. sub\n   b) sub\n      - deep\n4. four\n");
        let Block::List { items, numbered: true, .. } = &b[0] else { panic!("{b:?}") };
        assert_eq!(items[0].number, Some(3));
        assert_eq!(items[1].number, Some(4));
        assert!(items[0].children.iter().all(|c| c.lettered && c.numbered));
        assert_eq!(items[0].children[1].children[0].text, "deep");
        // At the margin a letter is prose, not a point.
        assert!(matches!(&blocks("a. m. is early\n")[0], Block::Para { .. }));
    }

    #[test]
    fn a_long_run_of_blank_lines_is_read_once() {
        let text = format!("- a{}- b\n", "\n".repeat(200_000));
        let b = blocks(&text);
        let Block::List { items, .. } = &b[0] else { panic!("{b:?}") };
        assert_eq!(items.len(), 2);
    }
}
