//! A Markdown résumé (or plain text pulled from a PDF) into a vitae profile.
//!
//! The source is prepared first (`source`: front matter, directives, comments and quote
//! markers out), then its blocks (`blocks`) are read in three passes: the header
//! (`header`: front matter, then a first heading of any level that reads as a name; a
//! heading or short line under it with nothing but contacts around is the headline; lines and
//! lists of links, addresses, numbers and `Email:`-style labels are contacts), the section
//! headings (the shallowest heading level left, or bold capitals such as `**EXPERIENCE**`),
//! and the entries (dates read by `dates`, in `entry`'s drafts; inline Markdown made into vitae's
//! markup by `spans`): a deeper
//! heading starts an entry whose short first lines give its subtitle, place and dates, whose
//! paragraphs and list become its summary, points and footer, and whose still deeper headings
//! are successive roles. Anything else stays in order as paragraphs, bullets and rows, so that
//! no text is lost; what could not be placed as written is reported as a note.
#![allow(
    clippy::indexing_slicing,
    reason = "indexes only its own vectors of lines, blocks and tokens, each within its loop's bound; text itself is sliced through strings::slice (string_slice stays denied)"
)]

mod blocks;
mod contacts;
mod dates;
mod entry;
mod header;
mod items;
mod sections;
mod source;
mod spans;

use super::Ctx;
use super::markup::escape_plain;
use blocks::{Block, Item};
use entry::{
    Draft, Kind, SHORT_LINE, bullet, column_key, emphasised_date, entry_map, group_map, is_date_only,
    is_place, labelled_row, meta_line, paragraph, row, row_of, table_entry, unemphasise, usable_date,
};
use spans::{BREAK, leading_date, trailing_date};

use super::yaml_out::{Map, Out};
use header::{is_contact_block, is_contact_title};

/// Converts a Markdown document into a profile map.
pub(crate) fn convert(ctx: &mut Ctx) -> Map {
    let prepared = source::prepare(ctx);
    let blocks = blocks::blocks(&prepared.lines, &prepared.quoted);
    let blocks: Vec<Block> = blocks.into_iter().map(pseudo_heading).collect();
    let mut conv = Converter {
        line_starts: std::iter::once(0).chain(ctx.src.text.match_indices('\n').map(|(i, _)| i + 1)).collect(),
        ctx,
        name: None,
        headline: None,
        location: None,
        contacts: Vec::new(),
        summary: Vec::new(),
        table_heads: Vec::new(),
    };
    if let Some(front) = &prepared.front {
        conv.front_matter(front);
    }
    let rest = conv.header(&blocks);
    let sections = conv.sections(rest);
    let Converter { name, headline, location, contacts, summary, .. } = conv;
    let mut root = Map::new();
    root.text("name", name);
    root.text("headline", headline);
    root.text("location", location);
    root.list("contacts", contacts);
    if !summary.is_empty() {
        root.put("summary", Out::Text(summary.join("\n\n")));
    }
    // A document with no text left (empty, or only comments and directives) is an empty
    // profile, which loads, rather than no profile at all.
    if sections.is_empty() && root.is_empty() {
        root.put("sections", Out::List(Vec::new()));
    }
    root.list("sections", sections);
    root
}

/// Turns a one-line paragraph in bold capitals (`**EXPERIENCE**`) or plain capitals
/// (`TECHNICAL SKILLS`) into a heading of level 0: a section title whatever the headings do.
fn pseudo_heading(block: Block) -> Block {
    let Block::Para { lines, line, quoted: false } = &block else { return block };
    let [text] = &lines[..] else { return block };
    let inner = text.trim().trim_matches('*').trim_matches('_').trim();
    let words = inner.split_whitespace().count();
    let capitals = inner.chars().any(char::is_alphabetic)
        && inner.chars().all(|c| !c.is_lowercase())
        && inner.chars().all(|c| c.is_alphanumeric() || " &/-,".contains(c));
    let bold = text.trim().starts_with("**") && text.trim().ends_with("**");
    if capitals && (1..=4).contains(&words) && (bold || words <= 3) {
        return Block::Heading { level: 0, text: inner.to_owned(), line: *line };
    }
    // "PROJECTS OF NOTE Open Source": a title in capitals run into its first words.
    let leading = text
        .split_whitespace()
        .take_while(|w| {
            w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
        })
        .count();
    if leading >= 2 && text.split_whitespace().count() <= 8 && !text.contains(['.', ':', '@']) {
        return Block::Heading { level: 0, text: text.trim().to_owned(), line: *line };
    }
    block
}

/// The heading level given to lines that head an entry without being headings: deeper than
/// any real heading, so that under a real heading they are roles.
const LINE_HEADING: usize = 7;

/// In an experience section, turns a short title-like line that is followed by a list (perhaps
/// with a line of dates between), or a line starting with a date followed by another, into a
/// heading: the shape of a job in a résumé whose headings were lost.
fn line_headings(blocks: &[Block]) -> Vec<Block> {
    fn one_line(b: Option<&Block>) -> Option<&str> {
        match b {
            Some(Block::Para { lines, quoted: false, .. }) if lines.len() == 1 => Some(lines[0].as_str()),
            _ => None,
        }
    }
    let is_list = |b: Option<&Block>| matches!(b, Some(Block::List { .. }));
    let mut out = Vec::with_capacity(blocks.len());
    let mut continues_range = false;
    for (i, block) in blocks.iter().enumerate() {
        let (Some(text), Block::Para { line, .. }) = (one_line(Some(block)), block) else {
            out.push(block.clone());
            continue;
        };
        if std::mem::take(&mut continues_range) {
            out.push(block.clone());
            continue;
        }
        let next = one_line(blocks.get(i + 1));
        let dated = leading_date(text).is_some();
        let next_dated = next.is_some_and(|n| leading_date(n).is_some() || is_date_only(n));
        let heads = is_list(blocks.get(i + 1)) || (next_dated && (dated || is_list(blocks.get(i + 2))));
        if heads && (dated || title_like(text)) {
            continues_range = next_dated;
            out.push(Block::Heading { level: LINE_HEADING, text: text.to_owned(), line: *line });
        } else {
            out.push(block.clone());
        }
    }
    out
}

/// Whether a line reads like a title: short, no sentence end, mostly capitalised words, and
/// not a place or a date.
fn title_like(text: &str) -> bool {
    const SMALL: &[&str] = &["of", "and", "at", "in", "for", "to", "a", "the", "&", "on", "-", "–", "with"];
    let plain: String = text.chars().filter(|c| !"*_[]()".contains(*c)).collect();
    let words: Vec<&str> =
        plain.split_whitespace().filter(|w| !SMALL.contains(&w.to_lowercase().as_str())).collect();
    let capitalised =
        words.iter().filter(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())).count();
    !words.is_empty()
        && text.chars().count() <= SHORT_LINE + 20
        && !text.trim_end().ends_with(['.', ':', '-', ';', ','])
        && capitalised * 10 >= words.len() * 7
        && !is_place(text)
        && !is_date_only(text)
        && !trailing_date(text).is_some_and(|(before, _)| before.is_empty() || is_place(&before))
        && row(text).is_none()
}

/// How many notes of one inline text are placed at their column (see `Converter::place`).
const PLACED_NOTES: usize = 16;

/// How many lines of a block are searched for a note's place: more than any paragraph or
/// point of a résumé runs to.
const BLOCK_LINES: usize = 64;

/// The conversion's state.
struct Converter<'c, 'a> {
    ctx: &'c mut Ctx<'a>,
    /// The byte offset where each line of the source starts, for placing notes.
    line_starts: Vec<usize>,
    name: Option<String>,
    headline: Option<String>,
    location: Option<String>,
    contacts: Vec<Out>,
    summary: Vec<String>,
    /// The column names of the tables read into entries in the current section, printed as the
    /// section's intro so that they are not lost.
    table_heads: Vec<String>,
}

impl Converter<'_, '_> {
    /// Converts inline text, noting problems at a line; `<br>` becomes a space (noted: a point,
    /// a heading or a table cell has no line breaks in vitae).
    fn inline(&mut self, text: &str, line: usize) -> String {
        let converted = self.inline_breaks(text, line);
        if converted.split(BREAK).filter(|p| !p.trim().is_empty()).count() > 1 {
            let message = "a line break (`<br>`) inside a point, heading or cell is printed as a space";
            let (at, column) = self.place(message, line);
            self.ctx.drop_at(at, column, message);
        }
        converted.replace(BREAK, " ").split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Converts inline text keeping `<br>` as [`BREAK`].
    fn inline_breaks(&mut self, text: &str, line: usize) -> String {
        let mut problems = Vec::new();
        let out = spans::convert(text, &mut problems);
        for (k, p) in problems.into_iter().enumerate() {
            // Placing costs a search of the block's lines; the first few notes of a text get
            // their place, which bounds the work on a line of ten thousand stray tags.
            let (at, column) = if k < PLACED_NOTES { self.place(&p, line) } else { (line, 0) };
            self.ctx.drop_at(at, column, p);
        }
        out
    }

    /// Finds where the first `quoted` part of a note is written, in the lines of the block
    /// starting at `line`: its line and 1-based column, or the block's line and 0.
    fn place(&self, note: &str, line: usize) -> (usize, usize) {
        let Some(needle) = note.split('`').nth(1).filter(|n| !n.is_empty()) else { return (line, 0) };
        let source = self.ctx.src.text;
        let from = self.line_starts.get(line.saturating_sub(1)).copied().unwrap_or(source.len());
        let lines = source.get(from..).unwrap_or("").split('\n').take(BLOCK_LINES);
        for (k, text) in lines.take_while(|t| !t.trim().is_empty()).enumerate() {
            if let Some(at) = text.find(needle) {
                return (line + k, text.get(..at).map_or(0, |b| b.chars().count()) + 1);
            }
        }
        (line, 0)
    }

    /// Converts a paragraph's lines into paragraphs of text: lines run together, a `<br>`
    /// starts a new paragraph.
    fn paragraphs(&mut self, lines: &[String], line: usize) -> Vec<String> {
        let joined = lines.join(" ");
        let text = self.inline_breaks(&joined, line);
        text.split(BREAK)
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect()
    }
}

/// Returns a test telling section headings: level-0 headings (bold capitals) always; then the
/// shallowest heading level, or, when bold capitals are used, headings in capitals.
fn section_test(blocks: &[Block]) -> impl Fn(&Block) -> bool {
    let levels = blocks.iter().filter_map(|b| match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    });
    let pseudo = levels.clone().any(|l| l == 0);
    let top = levels.filter(|&l| l > 0).min().unwrap_or(1);
    move |b| match b {
        Block::Heading { level: 0, .. } => true,
        Block::Heading { text, .. } if pseudo => {
            let t = text.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
            t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
        }
        Block::Heading { level, .. } => *level == top,
        _ => false,
    }
}
