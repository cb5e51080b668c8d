//! Plain text of laid-out pages in reading order — what an applicant tracking system extracts:
//! runs on one baseline form a line, a soft hyphen at a line's end joins the word back, pages
//! are separated by a form feed.

use super::frame::{Document, Item};

/// Returns the document's text in reading (painting) order.
pub fn plain_text(doc: &Document) -> String {
    let pages: Vec<String> = doc.pages.iter().map(page_text).collect();
    pages.join("\u{C}\n")
}

/// Returns one page's text.
fn page_text(page: &super::frame::Page) -> String {
    let mut out = String::new();
    let mut last: Option<(f64, f64)> = None; // (baseline, right edge of the previous run)
    for p in &page.items {
        let Item::Text(run) = &p.item else { continue };
        let (x, y) = (p.pos.x.get(), p.pos.y.get());
        let same_line = last.is_some_and(|(ly, _)| (ly - y).abs() < 0.5);
        match last {
            // Same line: a visible gap between runs (a right-aligned date) becomes a space, and
            // so does a jump back (a right-to-left document's date, set at the left edge after
            // its title at the right).
            Some((_, right)) if same_line && (x - right).abs() > 1.0 && !out.ends_with(' ') => out.push(' '),
            Some(_) if same_line => {}
            Some(_) if out.ends_with('\u{AD}') => {
                out.pop();
            }
            Some(_) => out.push('\n'),
            None => {}
        }
        out.push_str(&run.text);
        last = Some((y, x + run.width().get()));
    }
    if out.ends_with('\u{AD}') {
        out.pop();
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FontId;
    use crate::geom::{Color, Point, Pt, Size};
    use crate::layout::frame::{Glyph, Page, Positioned, TextRun};

    fn run(x: f64, y: f64, text: &str) -> Positioned {
        let glyphs = vec![Glyph {
            id: 1,
            advance: 0.5 * text.chars().count() as f32,
            x_offset: 0.0,
            y_offset: 0.0,
            range: 0..text.len(),
        }];
        let run = TextRun {
            font: FontId(0),
            size: Pt(10.0),
            color: Color::BLACK,
            text: text.into(),
            glyphs,
            heading: None,
            furniture: false,
            scale: 1.0,
            line: None,
            synthetic: Default::default(),
        };
        Positioned { pos: Point::new(Pt(x), Pt(y)), item: Item::Text(run) }
    }

    #[test]
    fn lines_join_and_soft_hyphens_mend_words() {
        let page = Page {
            size: Size::new(Pt(600.0), Pt(800.0)),
            items: vec![
                run(10.0, 10.0, "Title"),
                run(400.0, 10.0, "2021"),
                run(10.0, 22.0, "infra\u{AD}"),
                run(10.0, 34.0, "structure"),
            ],
            fill: 0.5,
        };
        let doc = Document { pages: vec![page.clone(), page], ..Document::default() };
        assert_eq!(plain_text(&doc), "Title 2021\ninfrastructure\n\u{C}\nTitle 2021\ninfrastructure\n");
    }

    #[test]
    fn a_run_set_back_at_the_left_of_its_line_is_a_separate_word() {
        // A right-to-left heading row: the title at the right, then its date at the left edge.
        let page = Page {
            size: Size::new(Pt(600.0), Pt(800.0)),
            items: vec![run(400.0, 10.0, "כותרת"), run(10.0, 10.0, "2021")],
            fill: 0.5,
        };
        let doc = Document { pages: vec![page], ..Document::default() };
        assert_eq!(plain_text(&doc), "כותרת 2021\n");
    }
}
