//! Completes the page's structure nodes before they join the tag tree: PDF/UA-1 asks every
//! heading (`H1`, `H2`…) for a title, which the painter does not know, so the title is taken
//! from the text of the heading's own runs.

use krilla::tagging::{Node, TagKind};

use crate::layout::frame::{Item, Positioned};

/// Gives each untitled heading among `nodes` the text of the next heading line of `items`
/// (in order), or `fallback` (the document's title) should the page have fewer heading lines
/// than heading nodes.
pub(super) fn title_headings(nodes: &mut [Node], items: &[Positioned], fallback: &str) {
    let mut titles = heading_lines(items).into_iter();
    for node in nodes {
        let Node::Group(group) = node else { continue };
        let TagKind::Hn(tag) = &mut group.tag else { continue };
        if tag.title().is_none_or(str::is_empty) {
            let title =
                titles.next().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| fallback.to_string());
            tag.set_title(Some(title.trim().to_string()));
        }
    }
}

/// Returns the text of each heading line in item order: consecutive drawn runs of one heading
/// level on one baseline, joined (the rule the painter groups lines by).
fn heading_lines(items: &[Positioned]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut last = None;
    for item in items {
        let Item::Text(run) = &item.item else { continue };
        if run.glyphs.is_empty() {
            continue;
        }
        let key = run.heading.map(|level| (level, item.pos.y));
        let same = matches!((last, key), (Some((l, y)), Some((level, y2))) if l == level && crate::geom::Pt::approx_eq(y, y2));
        match (key, lines.last_mut()) {
            (Some(_), Some(line)) if same => line.push_str(&run.text),
            (Some(_), _) => lines.push(run.text.clone()),
            (None, _) => {}
        }
        last = key;
    }
    lines
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use krilla::tagging::{Tag, TagGroup};

    use super::*;
    use crate::font::FontId;
    use crate::geom::{Color, Point, Pt};
    use crate::layout::frame::{Glyph, TextRun};

    /// A one-glyph run of `text` at baseline `y`, a heading of `level` if given.
    fn run(text: &str, y: f64, level: Option<u8>) -> Positioned {
        let glyph = Glyph { id: 1, advance: 0.5, x_offset: 0.0, y_offset: 0.0, range: 0..text.len() };
        let run = TextRun {
            font: FontId(0),
            size: Pt(10.0),
            color: Color::rgb(0, 0, 0),
            text: text.into(),
            glyphs: vec![glyph],
            heading: level,
            furniture: false,
            scale: 1.0,
            line: None,
            synthetic: Default::default(),
        };
        Positioned { pos: Point::new(Pt(0.0), Pt(y)), item: Item::Text(run) }
    }

    fn heading(level: u16) -> Node {
        let level = NonZeroU16::new(level).unwrap();
        TagGroup::new(Tag::Hn(level, None)).into()
    }

    fn title(node: &Node) -> Option<String> {
        let Node::Group(g) = node else { return None };
        let TagKind::Hn(tag) = &g.tag else { return None };
        tag.title().map(str::to_string)
    }

    #[test]
    fn heading_lines_join_runs_on_one_baseline_and_skip_body_text() {
        let items = [
            run("Ada ", 20.0, Some(1)),
            run("Lovelace", 20.0, Some(1)),
            run("body", 40.0, None),
            run("Work", 60.0, Some(2)),
            run("Education", 90.0, Some(2)),
        ];
        assert_eq!(heading_lines(&items), ["Ada Lovelace", "Work", "Education"]);
    }

    #[test]
    fn headings_take_their_lines_in_order_then_the_fallback() {
        let items = [run("Ada", 20.0, Some(1)), run("Work", 60.0, Some(2))];
        let mut nodes = vec![heading(1), TagGroup::new(Tag::P).into(), heading(2), heading(2)];
        title_headings(&mut nodes, &items, "Ada — Résumé");
        let titles: Vec<_> = nodes.iter().map(title).collect();
        assert_eq!(titles, [Some("Ada".into()), None, Some("Work".into()), Some("Ada — Résumé".into())]);
    }
}
