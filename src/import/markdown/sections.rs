//! A Markdown document's sections: the summary before the first section heading, each section's
//! blocks in order (entries under deeper headings, loose paragraphs, lists and tables as rows),
//! and list numbering kept as written.

use super::*;

impl Converter<'_, '_> {
    /// Reads the sections; content before the first section heading becomes the summary (when
    /// it is only paragraphs) or a section of its own.
    pub(super) fn sections(&mut self, blocks: &[Block]) -> Vec<Out> {
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
    pub(super) fn loose(&mut self, block: &Block) -> Vec<Out> {
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
    pub(super) fn numbering(&mut self, items: &[Item]) {
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
    pub(super) fn point(&mut self, item: &Item) -> Out {
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
}
