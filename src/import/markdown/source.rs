//! The source of a Markdown résumé made ready for the block reader (`blocks`): YAML front
//! matter split off and read into a tree, tool directives (`@import`, `\pagebreak`,
//! `\newpage`, kramdown's `{: .class}` attribute lists) and HTML comments taken out with a
//! note each, and block-quote markers taken off every line. The lines keep their numbering, so
//! that notes made later still point into the original file.

use crate::import::Ctx;
use crate::import::Src;
use crate::import::tree::{self, Node};

/// The deepest block quote read as written; deeper markers are read as this depth and noted.
/// vitae has no quotes, so every depth reads the same; the cap only bounds what is reported,
/// and 32 is far beyond any résumé (the brief's limit for nesting of any kind).
pub(crate) const MAX_QUOTE_DEPTH: usize = 32;

/// The source made ready: one entry per line of the original file.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    /// The lines, without quote markers, directives and comments (tabs as four spaces).
    pub lines: Vec<String>,
    /// Whether each line was inside a `>` quote.
    pub quoted: Vec<bool>,
    /// The YAML front matter, read with positions in the original file.
    pub front: Option<Node>,
}

/// Prepares a Markdown source, noting what it takes out.
pub(crate) fn prepare(ctx: &mut Ctx) -> Prepared {
    let text = ctx.src.text.strip_prefix('\u{feff}').unwrap_or(ctx.src.text);
    let raw: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    let mut out = Prepared::default();
    let body_from = front_matter(ctx, &raw, &mut out);
    let last_close = raw.iter().rposition(|l| l.contains("-->")).map_or(0, |i| i + 1);
    let mut state = State { last_close, ..State::default() };
    for (i, line) in raw.iter().enumerate() {
        if i < body_from {
            out.lines.push(String::new());
            out.quoted.push(false);
            continue;
        }
        let (text, quoted) = state.line(ctx, i + 1, line);
        out.lines.push(text);
        out.quoted.push(quoted);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Front matter
// ---------------------------------------------------------------------------------------------

/// Reads YAML front matter (`---` on the first line, up to a line `---` or `...`); returns the
/// index of the first line after it (0 when there is none).
fn front_matter(ctx: &mut Ctx, raw: &[&str], out: &mut Prepared) -> usize {
    if raw.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    let Some(close) = raw.iter().skip(1).position(|l| matches!(l.trim_end(), "---" | "...")) else {
        return 0;
    };
    let close = close + 1;
    let inner = raw.get(1..close).unwrap_or_default();
    // A rule followed by prose and another rule is not front matter: each line must be a key,
    // a list item, an indented continuation, a comment or blank.
    let yaml_like = inner.iter().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with(['#', '-']) || l.starts_with([' ', '\t']) || t.contains(':')
    });
    if !yaml_like || inner.iter().all(|l| l.trim().is_empty()) {
        return 0;
    }
    // The opening line becomes blank, so the tree's line numbers are the file's.
    let yaml = format!("\n{}\n", inner.join("\n"));
    let src = Src { text: &yaml, file: ctx.src.file };
    match tree::read_yaml(&src) {
        Ok(node) if node.is_map() => out.front = Some(node),
        Ok(_) => ctx.drop_at(2, 1, "the front matter is not a map of keys; left out"),
        Err(e) => ctx.drop_at(
            e.line.max(2),
            e.column,
            format!("the front matter is not valid YAML ({}); left out", e.message),
        ),
    }
    close + 1
}

// ---------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------

/// What the line reader carries from one line to the next.
#[derive(Debug, Default)]
struct State {
    /// Whether the lines are inside a fenced code block (left as written).
    fenced: bool,
    /// Whether an HTML comment is open.
    comment: bool,
    /// The last line (1-based) holding a `-->`, 0 for none: a `<!--` after it is never closed
    /// and is text, so that a stray one does not swallow the rest of the file.
    last_close: usize,
}

impl State {
    /// Prepares one line: quote markers off, comments and directives out.
    fn line(&mut self, ctx: &mut Ctx, number: usize, raw: &str) -> (String, bool) {
        let expanded = raw.replace('\t', "    ");
        let (depth, content) = unquote(&expanded);
        if depth > MAX_QUOTE_DEPTH {
            ctx.drop_at(
                number,
                1,
                format!(
                    "a quote nested {depth} levels deep is read as one level (the limit is {MAX_QUOTE_DEPTH})"
                ),
            );
        }
        let offset = expanded.len() - content.len();
        let fence = content.trim_start().starts_with("```") || content.trim_start().starts_with("~~~");
        if self.fenced || (fence && !self.comment) {
            self.fenced ^= fence;
            return (content.to_owned(), depth > 0);
        }
        let column = |at: usize| expanded.get(..offset + at).map_or(0, |s| s.chars().count()) + 1;
        let text = self.comments(ctx, number, content, &column);
        (directives(ctx, number, &text, &column), depth > 0)
    }

    /// Takes HTML comments out of a line (they may span lines), noting each where it starts.
    fn comments(
        &mut self,
        ctx: &mut Ctx,
        number: usize,
        text: &str,
        column: &dyn Fn(usize) -> usize,
    ) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        loop {
            let rest = text.get(at..).unwrap_or("");
            if self.comment {
                let Some(end) = rest.find("-->") else { return out };
                self.comment = false;
                at += end + 3;
                continue;
            }
            let Some(start) = rest.find("<!--") else {
                out.push_str(rest);
                return out;
            };
            out.push_str(rest.get(..start).unwrap_or(""));
            let col = column(at + start);
            let after = rest.get(start + 4..).unwrap_or("");
            if number > self.last_close || (number == self.last_close && !after.contains("-->")) {
                ctx.drop_at(number, col, "a `<!--` that is never closed is kept as text");
                out.push_str("<!--");
                at += start + 4;
                continue;
            }
            let words = comment_words(after);
            ctx.drop_at(number, col, format!("an HTML comment{words} is left out"));
            self.comment = true;
            at += start + 4;
        }
    }
}

/// The first words of a comment, for its note: ` ("TODO: add dates …")`.
fn comment_words(after: &str) -> String {
    let body = after.split("-->").next().unwrap_or("").trim();
    if body.is_empty() {
        return String::new();
    }
    // Forty characters say what the comment was without copying a long one into the note.
    let short: String = body.chars().take(40).collect();
    let more = if body.chars().count() > 40 { " …" } else { "" };
    format!(" (\"{short}{more}\")")
}

/// Takes the leading `>` markers (each with up to three spaces before it and an optional space
/// after) off a line: returns the depth and the rest. Linear in the line's length.
fn unquote(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        if rest.len() - trimmed.len() > 3 {
            return (depth, rest);
        }
        let Some(after) = trimmed.strip_prefix('>') else { return (depth, rest) };
        depth += 1;
        rest = after.strip_prefix(' ').unwrap_or(after);
    }
}

/// Takes tool directives out of a line: a whole line `@import …`, `\pagebreak`, `\newpage`,
/// `\clearpage` or `{: …}` / `{::…}`, and a trailing `{: …}`, `{#id}` or `{.class}`.
fn directives(ctx: &mut Ctx, number: usize, text: &str, column: &dyn Fn(usize) -> usize) -> String {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let whole = if trimmed.starts_with("@import") {
        Some("the `@import` directive")
    } else if matches!(trimmed, "\\pagebreak" | "\\newpage" | "\\clearpage" | "\\pagebreak{}" | "\\newpage{}")
    {
        Some("the page break")
    } else if trimmed.starts_with("{:") && trimmed.ends_with('}') {
        Some("the attribute list")
    } else {
        None
    };
    if let Some(what) = whole {
        ctx.drop_at(number, column(lead), format!("{what} `{}` is left out", short(trimmed)));
        return String::new();
    }
    match trailing_attributes(text) {
        Some(at) => {
            let attrs = text.get(at..).unwrap_or("").trim();
            ctx.drop_at(number, column(at), format!("the attribute list `{}` is left out", short(attrs)));
            text.get(..at).unwrap_or(text).trim_end().to_owned()
        }
        None => text.to_owned(),
    }
}

/// Finds a trailing attribute list: `{: …}` after text, or `{#id …}` / `{.class …}` closing a
/// heading; returns its byte offset.
fn trailing_attributes(text: &str) -> Option<usize> {
    let t = text.trim_end();
    if !t.ends_with('}') {
        return None;
    }
    let open = t.rfind('{')?;
    let inner = t.get(open + 1..t.len() - 1)?;
    let kramdown = inner.starts_with(':');
    let pandoc = t.trim_start().starts_with('#')
        && inner.starts_with(['#', '.'])
        && inner.split_whitespace().all(|w| w.starts_with(['#', '.']) || w.contains('='));
    (open > 0 && (kramdown || pandoc)).then_some(open)
}

/// A directive shortened for its note (a long one is cut with "…").
fn short(text: &str) -> String {
    // Sixty characters name the directive; a longer one is rare and adds nothing.
    if text.chars().count() <= 60 {
        return text.to_owned();
    }
    let cut: String = text.chars().take(59).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Place;
    use std::path::PathBuf;

    fn run(text: &str) -> (Prepared, Vec<String>) {
        let src = Src { text, file: "t.md" };
        let place = Place { input_dir: PathBuf::from("."), output_dir: None, sealed: false };
        let mut ctx = Ctx::new(&src, &place);
        let prepared = prepare(&mut ctx);
        let notes = ctx.into_notes().iter().map(ToString::to_string).collect();
        (prepared, notes)
    }

    #[test]
    fn quotes_lose_their_markers_in_linear_time() {
        assert_eq!(unquote("> > x"), (2, "x"));
        assert_eq!(unquote(">>x"), (2, "x"));
        assert_eq!(unquote("    > code"), (0, "    > code"));
        let deep = format!("{}deep", "> ".repeat(100_000));
        let (p, notes) = run(&deep);
        assert_eq!(p.lines, vec!["deep"]);
        assert!(p.quoted[0]);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("100000 levels"), "{notes:?}");
    }

    #[test]
    fn comments_and_directives_are_noted_where_they_are() {
        let (p, notes) =
            run("a <!-- one --> b\n<!-- two\nlines -->c\n@import \"x.css\"\n\\pagebreak\n## T {: .red}\n");
        assert_eq!(p.lines[..6], ["a  b", "", "c", "", "", "## T"]);
        assert_eq!(notes.len(), 5, "{notes:?}");
        assert!(notes[0].starts_with("1:3: an HTML comment (\"one\")"), "{notes:?}");
        assert!(notes[1].starts_with("2:1:"), "{notes:?}");
        assert!(notes[4].starts_with("6:6: the attribute list `{: .red}`"), "{notes:?}");
    }

    #[test]
    fn front_matter_is_read_with_file_positions() {
        let (p, notes) = run("---\nname: Jane Roe\nemail: jane@example.com\n---\n# Body\n");
        let front = p.front.expect("front matter");
        assert_eq!(front.text_of("name").as_deref(), Some("Jane Roe"));
        assert_eq!(front.get("email").map(|n| n.line), Some(3));
        assert_eq!(p.lines[..5], ["", "", "", "", "# Body"]);
        assert!(notes.is_empty());
        let (p, _) = run("---\nJust a rule above prose.\n---\n");
        assert!(p.front.is_none());
        assert_eq!(p.lines[1], "Just a rule above prose.");
    }

    #[test]
    fn a_comment_never_closed_is_text() {
        let (p, notes) = run("# Jo Ng\n<!-- stray\n\nStill here.\n");
        assert_eq!(p.lines[1], "<!-- stray");
        assert_eq!(p.lines[3], "Still here.");
        assert_eq!(notes, ["2:1: a `<!--` that is never closed is kept as text"]);
        let (p, _) = run("<!-- a --> <!-- b\nc\n");
        assert_eq!(p.lines[0], " <!-- b");
    }

    #[test]
    fn fenced_code_is_left_as_written() {
        let (p, notes) = run("```\n<!-- kept -->\n@import x\n```\n");
        assert_eq!(p.lines[1], "<!-- kept -->");
        assert!(notes.is_empty(), "{notes:?}");
    }
}
