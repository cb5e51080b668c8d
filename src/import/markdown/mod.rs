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

    // -----------------------------------------------------------------------------------------
    // Sections
    // -----------------------------------------------------------------------------------------

    /// Reads the sections; content before the first section heading becomes the summary (when
    /// it is only paragraphs) or a section of its own.
    fn sections(&mut self, blocks: &[Block]) -> Vec<Out> {
        let is_section = section_test(blocks);
        let first = blocks.iter().position(&is_section).unwrap_or(blocks.len());
        let mut sections = Vec::new();
        let lead = blocks.get(..first).unwrap_or_default();
        if lead.iter().all(|b| matches!(b, Block::Para { .. } | Block::Rule)) {
            for b in lead {
                if let Block::Para { lines, line, .. } = b {
                    let paragraphs = self.paragraphs(lines, *line);
                    self.summary.extend(paragraphs);
                }
            }
        } else {
            let title = if first == blocks.len() { "Experience" } else { "Summary" };
            sections.push(self.section(title.to_owned(), lead));
        }
        let mut at = first;
        while at < blocks.len() {
            let end = blocks
                .get(at + 1..)
                .unwrap_or_default()
                .iter()
                .position(&is_section)
                .map_or(blocks.len(), |p| at + 1 + p);
            if let Block::Heading { text, line, .. } = &blocks[at] {
                let title = self.inline(text, *line);
                let body = blocks.get(at + 1..end).unwrap_or_default();
                if is_contact_title(&title) && !body.is_empty() && body.iter().all(is_contact_block) {
                    // A "Contact" section of addresses and links: the header's contacts.
                    self.ctx.drop_at(*line, 0, format!("the section \"{title}\" is read as the contacts"));
                    self.contact_blocks(body);
                } else {
                    sections.push(self.section(title, body));
                }
            }
            at = end;
        }
        sections
    }

    /// Converts a section's blocks into entries.
    fn section(&mut self, title: String, blocks: &[Block]) -> Out {
        let kind = Kind::of(&title);
        let lined;
        let blocks = if kind == Kind::Experience {
            lined = line_headings(blocks);
            &lined[..]
        } else {
            blocks
        };
        let mut entries = Vec::new();
        let mut i = 0;
        while i < blocks.len() {
            match &blocks[i] {
                Block::Heading { level, text, line } => {
                    let end = blocks
                        .get(i + 1..)
                        .unwrap_or_default()
                        .iter()
                        .position(|b| matches!(b, Block::Heading { level: l, .. } if l <= level))
                        .map_or(blocks.len(), |p| i + 1 + p);
                    let draft = self.item(text, *line, blocks.get(i + 1..end).unwrap_or_default());
                    entries.extend(self.emit(draft, kind));
                    i = end;
                    continue;
                }
                other => entries.extend(self.loose(other)),
            }
            i += 1;
        }
        let mut m = Map::new();
        m.put("title", Out::Text(title));
        let heads = std::mem::take(&mut self.table_heads);
        if !heads.is_empty() {
            m.put("intro", Out::Text(heads.join(" · ")));
        }
        m.put("entries", Out::List(entries));
        Out::Map(m)
    }

    /// Converts a block outside any entry: paragraphs, rows, bullets, tables.
    fn loose(&mut self, block: &Block) -> Vec<Out> {
        match block {
            Block::Para { lines, line, .. } => self
                .paragraphs(lines, *line)
                .into_iter()
                .map(|p| row(&p).unwrap_or_else(|| paragraph(p)))
                .collect(),
            Block::List { items, numbered, .. } => {
                let points: Vec<Out> = items.iter().map(|it| self.point(it)).collect();
                if *numbered {
                    self.numbering(items);
                    let mut m = Map::new();
                    m.put("kind", Out::Text("project".into()));
                    m.put("numbered", Out::Bool(true));
                    m.put("highlights", Out::List(points));
                    vec![Out::Map(m)]
                } else {
                    points.into_iter().map(bullet).collect()
                }
            }
            Block::Table { header, rows, line } => self.table(header, rows, *line),
            Block::Code { lines, line } => {
                self.ctx.drop_at(*line, 0, "a code block is kept as plain paragraphs");
                lines
                    .iter()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| paragraph(escape_plain(l.trim())))
                    .collect()
            }
            Block::Heading { .. } | Block::Rule => Vec::new(),
        }
    }

    /// Notes what a numbered list's numbering loses: vitae numbers points 1, 2, 3, so letters,
    /// a start other than 1, gaps and bullets among numbers print differently.
    fn numbering(&mut self, items: &[Item]) {
        let Some(first) = items.first() else { return };
        let message = if items.iter().any(|i| i.lettered) {
            "lettered points (a., b., …) are numbered 1, 2, 3".to_owned()
        } else if items.iter().any(|i| !i.numbered) {
            "a list mixing numbers and bullets is numbered throughout".to_owned()
        } else if let Some((at, n)) =
            items.iter().zip(1..).find(|(i, n)| i.number.is_some_and(|m| m != *n)).map(|(i, _)| (i, i.number))
        {
            let n = n.unwrap_or(0);
            self.ctx.drop_at(
                at.line,
                0,
                format!("the point numbered {n} is printed in sequence (vitae numbers points 1, 2, 3)"),
            );
            return;
        } else {
            return;
        };
        self.ctx.drop_at(first.line, 0, message);
    }

    /// Converts a list point (and its nested points).
    fn point(&mut self, item: &Item) -> Out {
        let text = self.inline(&item.text, item.line);
        let mut children: Vec<Out> = Vec::new();
        for child in &item.children {
            let t = self.inline(&child.text, child.line);
            if !t.is_empty() {
                children.push(Out::Text(t));
            }
            if let Some(first) = child.children.first() {
                self.ctx.drop_at(
                    first.line,
                    0,
                    "points nested more than two levels deep are moved up a level (vitae's points nest once)",
                );
                for grandchild in &child.children {
                    let t = self.inline(&grandchild.text, grandchild.line);
                    if !t.is_empty() {
                        children.push(Out::Text(t));
                    }
                }
            }
        }
        if children.is_empty() {
            return Out::Text(text);
        }
        let mut m = Map::new();
        m.put("text", Out::Text(text));
        if item.children.iter().any(|c| c.numbered) {
            self.numbering(&item.children);
            m.put("numbered", Out::Bool(true));
        }
        m.put("highlights", Out::List(children));
        Out::Map(m)
    }

    /// Converts a table: with a header, one entry per row (columns named like entry keys fill
    /// them); without, a two-column table is rows and a wider one a bullet per column.
    fn table(&mut self, header: &[String], rows: &[Vec<String>], line: usize) -> Vec<Out> {
        let rows: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(|c| self.inline(c, line)).collect()).collect();
        if header.iter().all(|h| h.trim().is_empty()) {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            if width == 2 {
                return rows.iter().filter_map(|r| row_of(&r[0], r.get(1).map_or("", |s| s))).collect();
            }
            return (0..width)
                .map(|c| {
                    rows.iter()
                        .filter_map(|r| r.get(c))
                        .filter(|s| !s.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .filter(|col| !col.is_empty())
                .map(|col| Out::Text(col.join(", ")))
                .collect();
        }
        let names: Vec<String> = header.iter().map(|h| self.inline(h, line)).collect();
        let keys: Vec<Option<&str>> = names.iter().map(|h| column_key(h)).collect();
        if keys.iter().all(Option::is_none) {
            // Rows label their cells with the other columns' names; the first column's name
            // would be lost, so the first table's names are the section's intro, as below.
            if self.table_heads.is_empty() {
                self.table_heads = names.iter().filter(|n| !n.is_empty()).cloned().collect();
            } else if let Some(first) = names.first().filter(|n| !n.is_empty()) {
                self.ctx.drop_at(
                    line,
                    0,
                    format!("a second table's first column name `{first}` is not printed"),
                );
            }
            return rows.iter().filter_map(|r| labelled_row(&names, r)).collect();
        }
        // The column names become entry keys; the first table's are kept as the section's intro.
        if self.table_heads.is_empty() {
            self.table_heads = names.iter().filter(|n| !n.is_empty()).cloned().collect();
        } else {
            self.ctx.drop_at(line, 0, "a second table's column names are used as entry keys, not printed");
        }
        rows.iter().map(|r| table_entry(&keys, &names, r)).collect()
    }

    // -----------------------------------------------------------------------------------------
    // Entries
    // -----------------------------------------------------------------------------------------

    /// Reads an entry: its heading, then the blocks under it (deeper headings are roles).
    fn item(&mut self, heading: &str, line: usize, blocks: &[Block]) -> Draft {
        let mut draft = self.heading(heading, line);
        let mut i = 0;
        while i < blocks.len() {
            if let Block::Heading { text, line, .. } = &blocks[i] {
                let end = blocks
                    .get(i + 1..)
                    .unwrap_or_default()
                    .iter()
                    .position(|b| matches!(b, Block::Heading { .. }))
                    .map_or(blocks.len(), |p| i + 1 + p);
                let role = self.item(text, *line, blocks.get(i + 1..end).unwrap_or_default());
                draft.roles.push(role);
                i = end;
                continue;
            }
            match draft.roles.last_mut() {
                Some(_) => {
                    let mut role = draft.roles.pop().unwrap_or_default();
                    self.body(&mut role, &blocks[i]);
                    draft.roles.push(role);
                }
                None => self.body(&mut draft, &blocks[i]),
            }
            i += 1;
        }
        draft
    }

    /// Reads a heading: a trailing emphasised date (`FuboTV _August 2017 to Present_`) or plain
    /// date, and a subtitle after ` | `.
    fn heading(&mut self, heading: &str, line: usize) -> Draft {
        let text = self.inline(heading, line);
        let mut draft = Draft::default();
        // "Acme | *2019 – 2021* | Berlin, DE": the parts after the first that are a date or a
        // place are read as such.
        let mut kept = Vec::new();
        for (k, part) in text.split(" | ").map(str::trim).filter(|p| !p.is_empty()).enumerate() {
            let bare = unemphasise(part);
            if k > 0 && draft.date.is_none() && is_date_only(bare) && usable_date(bare) {
                draft.date = Some(bare.to_owned());
            } else if k > 0 && draft.location.is_none() && is_place(bare) {
                draft.location = Some(bare.to_owned());
            } else {
                kept.push(part);
            }
        }
        let text = kept.join(" | ");
        let mut rest = text.clone();
        let dated = draft.date.is_some();
        if let Some((before, date)) = emphasised_date(&text)
            .or_else(|| trailing_date(&text).filter(|(before, _)| !before.is_empty()))
            .filter(|(_, date)| !dated && usable_date(date))
        {
            rest = before;
            draft.date = Some(date);
        } else if let Some((date, after, open)) =
            leading_date(&text).filter(|(d, _, _)| !dated && usable_date(d))
        {
            rest = after;
            draft.date = Some(date);
            draft.open_range = open;
        }
        let rest = rest.trim_end_matches([' ', '|', '·', ',', '–', '—']);
        let parts: Vec<&str> = rest
            .split(" | ")
            .flat_map(|p| p.split(" – "))
            .flat_map(|p| p.split(" — "))
            .map(str::trim)
            .collect();
        let parts: Vec<&str> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        if let Some((first, more)) = parts.split_first() {
            draft.title = Some((*first).to_owned());
            draft.split = !more.is_empty();
            draft.subtitle = draft.split.then(|| more.join(", "));
        }
        draft
    }

    /// Adds one block to an entry: short lines before any prose give subtitle, place and
    /// dates; paragraphs are the summary (before the list) or footer (after it); the first
    /// list gives the points; anything after that follows the entry.
    fn body(&mut self, draft: &mut Draft, block: &Block) {
        match block {
            Block::Para { lines, line, .. } if self.meta_lines(draft, lines, *line) => {}
            Block::Para { lines, line, .. } => {
                for p in self.paragraphs(lines, *line) {
                    if !draft.overflow.is_empty() {
                        draft.overflow.push(row(&p).unwrap_or_else(|| paragraph(p)));
                    } else if draft.after_list {
                        draft.footer.push(p);
                    } else if (draft.summary.is_empty() || (is_date_only(&p) && draft.date.is_none()))
                        && meta_line(draft, &p)
                    {
                    } else {
                        draft.summary.push(p);
                    }
                }
            }
            Block::List { items, numbered, .. }
                if !draft.after_list || (draft.footer.is_empty() && draft.overflow.is_empty()) =>
            {
                draft.numbered |= *numbered && draft.highlights.is_empty();
                if *numbered {
                    self.numbering(items);
                }
                let points: Vec<Out> = items.iter().map(|it| self.point(it)).collect();
                draft.highlights.extend(points);
                draft.after_list = true;
            }
            other => {
                let entries = self.loose(other);
                draft.overflow.extend(entries);
            }
        }
    }

    /// Reads a paragraph of short lines right under an entry's heading line by line (a
    /// position, then dates, then a place), so that "Engineer" and "_Jan 2020 – Mar 2021_"
    /// are not run together; lines that are no such thing become the summary. Returns false
    /// (reading nothing) when the paragraph reads as prose: a line ending a sentence, a long
    /// line, or a paragraph not right under the heading.
    fn meta_lines(&mut self, draft: &mut Draft, lines: &[String], line: usize) -> bool {
        let fresh = draft.summary.is_empty() && !draft.after_list && draft.overflow.is_empty();
        let short = |l: &String| l.chars().count() <= SHORT_LINE && !l.trim_end().ends_with(['.', ',', ';']);
        if !fresh || lines.len() < 2 || !lines.iter().all(short) || lines.iter().any(|l| l.contains("<br")) {
            return false;
        }
        let mut rest = Vec::new();
        for (k, text) in lines.iter().enumerate() {
            let t = self.inline(text, line + k);
            if t.is_empty() || (rest.is_empty() && meta_line(draft, &t)) {
                continue;
            }
            rest.push(t);
        }
        if !rest.is_empty() {
            draft.summary.push(rest.join(" "));
        }
        true
    }

    /// Turns a section's entry into profile entries: the entry (or a roles entry) followed by
    /// what overflowed from it.
    fn emit(&mut self, draft: Draft, kind: Kind) -> Vec<Out> {
        let mut out = Vec::new();
        let mut overflow = Vec::new();
        let entry = if draft.roles.is_empty() {
            let (entry, rest) = entry_map(draft, kind);
            overflow.extend(rest);
            entry
        } else {
            let (entry, rest) = group_map(draft);
            overflow.extend(rest);
            entry
        };
        out.extend(entry);
        out.extend(overflow);
        out
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
