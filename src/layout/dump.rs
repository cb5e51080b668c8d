//! A readable text dump of laid-out pages, the primary golden: one line per item, positions
//! rounded to 0.01 pt, text runs with their text, so a diff shows what moved and where.

use std::fmt::Write;

use super::frame::{Document, Elem, Item, StructId, Tag};
use crate::font::FontBook;

/// Prints the document: metadata, outline, then each page's items in painting order.
pub fn dump(doc: &Document, fonts: &FontBook) -> String {
    let mut out = String::new();
    let m = &doc.meta;
    let _ = writeln!(out, "title: {}", m.title);
    let _ = writeln!(out, "author: {}", m.author.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "subject: {}", m.subject.as_deref().unwrap_or("-"));
    let _ = writeln!(out, "keywords: {}", m.keywords.join(", "));
    let _ = writeln!(out, "language: {}", m.language);
    for o in &doc.outline {
        let _ = writeln!(out, "outline: {} -> page {} y {}", o.title, o.page + 1, o.y);
    }
    for (n, page) in doc.pages.iter().enumerate() {
        let fill = (page.fill * 1000.0).round() / 10.0;
        let _ = writeln!(out, "\npage {} ({} x {}) fill {fill:.1}%", n + 1, page.size.w, page.size.h);
        // The open elements, for the heading level a run is drawn in.
        let mut open: Vec<(StructId, Elem)> = Vec::new();
        for p in &page.items {
            let (x, y) = (p.pos.x, p.pos.y);
            let _ = match &p.item {
                Item::Text(t) => {
                    let face = fonts.face(t.font);
                    let style = match (face.bold, face.italic) {
                        (true, true) => " bold-italic",
                        (true, false) => " bold",
                        (false, true) => " italic",
                        _ => "",
                    };
                    // A heading's runs say so: the tag tree makes them H1, H2….
                    let level = open.iter().rev().find_map(|(_, e)| match e {
                        Elem::Heading(n) => Some(*n),
                        _ => None,
                    });
                    let heading = level.map(|n| format!(" h{n}")).unwrap_or_default();
                    let line = t.line.as_ref().map(setting).unwrap_or_default();
                    writeln!(
                        out,
                        "text {x} {y} w {} [{}{} {}]{heading} {:?}{line}",
                        t.width(),
                        face.family,
                        style,
                        t.size,
                        t.text
                    )
                }
                Item::Rect(r) => writeln!(out, "rect {x} {y} {} x {}", r.size.w, r.size.h),
                Item::Line(l) => {
                    writeln!(out, "rule {x} {y} to {} {} thick {}", x + l.delta.x, y + l.delta.y, l.thickness)
                }
                Item::Link(l) => writeln!(out, "link {x} {y} {} x {} {}", l.size.w, l.size.h, l.url),
                Item::Image(i) => {
                    let shape = if i.round { "round" } else { "square" };
                    writeln!(out, "image {x} {y} {} x {} {shape} {} bytes", i.size.w, i.size.h, i.data.len())
                }
                // Markers draw nothing; the dump shows the structure through the heading levels.
                Item::Tag(Tag::Start(id, elem)) => {
                    open.push((*id, elem.clone()));
                    Ok(())
                }
                Item::Tag(Tag::End(id)) => {
                    if let Some(at) = open.iter().rposition(|(o, _)| o == id) {
                        open.truncate(at);
                    }
                    Ok(())
                }
            };
        }
    }
    out
}

/// Prints how a line was set, after the text of its last run: ` | r=+0.21 x=+1.0%`, then
/// `justified`, `hyphen` and the protrusion (`hang 1.2`) when they apply.
fn setting(s: &super::frame::LineSetting) -> String {
    // Rounded to what a reader can tell apart; `+ 0.0` turns -0 into 0.
    let ratio = (s.ratio * 100.0).round() / 100.0 + 0.0;
    let expansion = (s.expansion * 1000.0).round() / 10.0 + 0.0;
    let mut out = format!(" | r={ratio:+.2} x={expansion:+.1}%");
    if s.justified {
        out.push_str(" justified");
    }
    if s.hyphenated {
        out.push_str(" hyphen");
    }
    if s.protrusion.get() > 0.0 {
        let _ = write!(out, " hang {}", s.protrusion);
    }
    out
}
