//! Markdown (or plain text pulled from a PDF) cut into blocks: headings, paragraphs, lists with
//! their nesting, tables, rules. A forgiving reader rather than a CommonMark parser: list items
//! nest by indentation alone, a line holding only `•` starts a point whose text follows, and
//! lines run on into the paragraph or point above them until a blank line.

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
    /// The indentation of the marker, in columns.
    indent: usize,
}

/// What one line is.
#[derive(Debug, Clone, PartialEq)]
enum Line<'a> {
    Blank,
    Heading(usize, &'a str),
    Rule,
    Fence,
    Underline(usize),
    ListItem { indent: usize, numbered: bool, text: &'a str },
    TableRow,
    Text { indent: usize, text: &'a str },
}

/// Cuts a document into blocks.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let lines: Vec<String> =
        text.replace("\r\n", "\n").replace('\t', "    ").lines().map(str::to_owned).collect();
    let mut reader = Reader { lines: &lines, at: 0, out: Vec::new() };
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
    if let Some((numbered, text)) = list_marker(trimmed) {
        return Line::ListItem { indent, numbered, text };
    }
    Line::Text { indent, text: trimmed }
}

/// Reads an ATX heading.
fn heading(trimmed: &str) -> Option<Line<'_>> {
    let level = trimmed.chars().take_while(|&c| c == '#').count();
    let rest = &trimmed[level..];
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

/// Reads a list marker (`-`, `*`, `+`, `•`, `1.`, `1)`) and the text after it.
fn list_marker(trimmed: &str) -> Option<(bool, &str)> {
    for bullet in ['-', '*', '+', '•', '·', '▪', '◦', '‣'] {
        if let Some(rest) = trimmed.strip_prefix(bullet) {
            if rest.is_empty() && bullet != '-' && bullet != '*' {
                return Some((false, ""));
            }
            if rest.starts_with([' ', '\u{a0}']) {
                return Some((false, rest.trim_start()));
            }
            if bullet == '•' {
                return Some((false, rest.trim_start()));
            }
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let rest = &trimmed[digits..];
    if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return Some((true, rest[2..].trim_start()));
    }
    None
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
            let (text, q) = match text.strip_prefix('>') {
                Some(rest) => (rest.trim(), true),
                None => (text, false),
            };
            quoted |= q;
            if !text.is_empty() {
                lines.push(text.to_owned());
            }
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
                Line::ListItem { indent, numbered: n, .. }
                    if indent <= base && numbered.is_some_and(|m| m != n) =>
                {
                    // A bulleted list right after a numbered one (or the reverse) is a new list.
                    break;
                }
                Line::ListItem { indent, numbered: n, text } => {
                    numbered.get_or_insert(n);
                    base = base.min(indent);
                    flat.push(Item {
                        text: text.to_owned(),
                        numbered: n,
                        children: Vec::new(),
                        line: self.at + 1,
                        indent,
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
                    let next =
                        self.lines[self.at + 1..].iter().map(|l| classify(l)).find(|l| *l != Line::Blank);
                    match next {
                        Some(Line::ListItem { .. }) => self.at += 1,
                        Some(Line::Text { indent, .. }) if indent >= 2 => self.at += 1,
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        self.out.push(Block::List { items: nest(flat), numbered: numbered.unwrap_or(false), line });
    }
}

/// Appends a run-on line to a point's text.
fn join(text: &mut String, line: &str) {
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(' ');
    }
    text.push_str(line);
}

/// Nests flat points by indentation: a point indented more than the first point of its list
/// belongs to the point above it. Deeper levels join the nested level (vitae nests once).
fn nest(flat: Vec<Item>) -> Vec<Item> {
    let base = flat.iter().map(|i| i.indent).min().unwrap_or(0);
    let mut out: Vec<Item> = Vec::new();
    for item in flat {
        match out.last_mut() {
            Some(parent) if item.indent > base => parent.children.push(item),
            _ => out.push(item),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
