//! A Markdown entry: its heading (title, subtitle, place and dates), the blocks under it (summary,
//! points, footer, deeper headings as roles), and the draft it becomes.

use super::*;

impl Converter<'_, '_> {
    /// Reads an entry: its heading, then the blocks under it (deeper headings are roles).
    pub(super) fn item(&mut self, heading: &str, line: usize, blocks: &[Block]) -> Draft {
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
    pub(super) fn emit(&mut self, draft: Draft, kind: Kind) -> Vec<Out> {
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
