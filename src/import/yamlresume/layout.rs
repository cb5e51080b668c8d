//! A YAMLResume layout (margins, font size, template, section titles and order) into vitae's
//! `design:` and layout choice; every option vitae has no place for is noted.

use super::SECTIONS;
use crate::import::Ctx;
use crate::import::markup::escape_plain;
use crate::import::tree::{Key, Node};
use crate::import::yaml_out::{Map, Out};

/// What a YAMLResume layout says that vitae can carry over.
#[derive(Default)]
pub(super) struct Layout {
    /// `page.margins` as vitae's `design.page` overrides, in the order top, bottom, left, right.
    margins: Vec<(String, String)>,
    /// `typography.fontSize`, the body size.
    font_size: Option<String>,
    /// Whether links are underlined.
    underline: bool,
    /// The bundled layout for the template.
    pub(super) template: Option<&'static str>,
    /// Section titles given by `sections.aliases`.
    pub(super) aliases: Vec<(String, String)>,
    /// Section keys given by `sections.order`, printed first.
    order: Vec<String>,
}

impl Layout {
    /// Reads the first LaTeX layout of `layouts` (the one that makes a PDF), or version 0.4's
    /// `layout`; notes the other engines and every option vitae has no place for.
    pub(super) fn read(ctx: &mut Ctx, doc: &Node) -> Layout {
        let mut layout = Layout::default();
        let mut chosen = None;
        if let Some(old) = doc.get("layout") {
            chosen = Some(old);
        }
        for item in doc.get("layouts").map_or(&[][..], Node::items) {
            match item.text_of("engine").as_deref() {
                Some("latex") if chosen.is_none() => chosen = Some(item),
                Some("latex") => {
                    ctx.dropped(item, "only the first LaTeX layout is read; this one is left out")
                }
                Some(engine) => ctx.dropped(
                    item,
                    format!("the `{engine}` layout is for another output than a PDF; left out"),
                ),
                None => ctx.dropped(item, "a layout without an `engine`; left out"),
            }
        }
        if let Some(node) = chosen {
            layout.read_one(ctx, node);
        }
        layout
    }

    /// Reads one layout map.
    fn read_one(&mut self, ctx: &mut Ctx, node: &Node) {
        let known = ["engine", "page", "sections", "template", "typography", "advanced", "locale", "margins"];
        ctx.check_keys(node, &known, "a layout");
        let page = node.get("page");
        if let Some(margins) = page.and_then(|p| p.get("margins")).or_else(|| node.get("margins")) {
            self.margins(ctx, margins);
        }
        if let Some(page) = page {
            for (key, value) in page.entries() {
                match key.name.as_str() {
                    "margins" => {}
                    "showPageNumbers" => {
                        note_option(ctx, key, value, "vitae numbers the pages of a résumé longer than one")
                    }
                    _ => ctx.unknown(key, value, "`page`"),
                }
            }
        }
        if let Some(typography) = node.get("typography") {
            self.typography(ctx, typography);
        }
        if let Some(template) = node.get("template") {
            let name = template.text().unwrap_or_default();
            let layout = layout_for_template(&name);
            ctx.dropped(
                template,
                format!(
                    "the template `{name}` is a LaTeX template; vitae's `{layout}` layout is the closest"
                ),
            );
            self.template = Some(layout);
        }
        if let Some(sections) = node.get("sections") {
            self.sections(ctx, sections);
        }
        if let Some((key, value)) = node.entries().iter().find(|(k, _)| k.name == "advanced") {
            note_option(ctx, key, value, "LaTeX's font settings have no counterpart in vitae");
        }
    }

    /// Reads `margins` into `design.page` lengths.
    fn margins(&mut self, ctx: &mut Ctx, node: &Node) {
        for (key, value) in node.entries() {
            if !["top", "bottom", "left", "right"].contains(&key.name.as_str()) {
                ctx.unknown(key, value, "`margins`");
                continue;
            }
            match value.text().and_then(|t| length(&t)) {
                Some(len) => self.margins.push((key.name.clone(), len)),
                None => ctx.dropped(
                    value,
                    "a margin vitae cannot read (write it as `2.5cm`, `20mm`, `1in` or `36pt`); left out",
                ),
            }
        }
    }

    /// Reads `typography`: the font size and link underlining.
    fn typography(&mut self, ctx: &mut Ctx, node: &Node) {
        for (key, value) in node.entries() {
            match key.name.as_str() {
                "fontSize" => match value.text().and_then(|t| length(&t)) {
                    Some(size) => self.font_size = Some(size),
                    None => ctx.dropped(value, "a font size vitae cannot read; left out"),
                },
                "links" => {
                    ctx.check_keys(value, &["underline"], "`typography.links`");
                    self.underline = value.text_of("underline").as_deref() == Some("true");
                }
                _ => ctx.unknown(key, value, "`typography`"),
            }
        }
    }

    /// Reads `sections`: `aliases` (titles) and `order`.
    fn sections(&mut self, ctx: &mut Ctx, node: &Node) {
        ctx.check_keys(node, &["aliases", "order"], "`sections`");
        for (key, value) in node.get("aliases").map_or(&[][..], Node::entries) {
            match value.text() {
                Some(title) if SECTIONS.iter().any(|(k, _)| *k == key.name) => {
                    self.aliases.push((key.name.clone(), escape_plain(&title)));
                }
                _ => ctx
                    .dropped(value, format!("an alias for `{}`, which is not a section; left out", key.name)),
            }
        }
        for item in node.get("order").map_or(&[][..], Node::items) {
            match item.text().filter(|k| SECTIONS.iter().any(|(s, _)| s == k)) {
                Some(key) => self.order.push(key),
                None => ctx.dropped(item, "not a section YAMLResume can order; left out"),
            }
        }
    }

    /// Returns the sections in print order: those of `sections.order` first, then the rest in
    /// YAMLResume's order.
    pub(super) fn order(&self) -> Vec<(&'static str, &'static str)> {
        let named = self.order.iter().filter_map(|k| SECTIONS.iter().find(|(s, _)| s == k).copied());
        let mut out: Vec<(&str, &str)> = Vec::new();
        for s in named.chain(SECTIONS.iter().copied()) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// Adds `layout` and `design` to the profile.
    pub(super) fn design_into(&self, root: &mut Map) {
        if let Some(layout) = self.template {
            root.put("layout", Out::Text(layout.to_owned()));
        }
        let mut design = Map::new();
        if !self.margins.is_empty() {
            let mut page = Map::new();
            for (side, len) in &self.margins {
                page.put(side, Out::Text(len.clone()));
            }
            design.put("page", Out::Map(page));
        }
        if let Some(size) = &self.font_size {
            let mut body = Map::new();
            body.put("size", Out::Text(size.clone()));
            let mut roles = Map::new();
            roles.put("body", Out::Map(body));
            design.put("roles", Out::Map(roles));
        }
        if self.underline {
            design.put("links", Out::Text("underline".into()));
        }
        if !design.is_empty() {
            root.put("design", Out::Map(design));
        }
    }
}

/// Notes a layout option vitae does not carry over, saying why.
fn note_option(ctx: &mut Ctx, key: &Key, value: &Node, why: &str) {
    let shown = value.text().map_or(String::new(), |t| format!(": {t}"));
    ctx.drop_at(key.line, key.column, format!("`{}{shown}` is not carried over: {why}", key.name));
}

/// Returns vitae's layout closest to a YAMLResume LaTeX template: the `moderncv-*` family
/// (sans, coloured) → `modern`; `jake` (dense, one page) → `compact`; others → `classic`.
fn layout_for_template(template: &str) -> &'static str {
    let name = template.trim().to_ascii_lowercase();
    if name.starts_with("moderncv") {
        "modern"
    } else if name.starts_with("jake") {
        "compact"
    } else {
        "classic"
    }
}

/// Returns a length as vitae writes it (`2.5cm`, `11pt`), or `None` when it has no unit vitae
/// knows; YAMLResume writes a space before the unit ("2.5 cm") in places.
fn length(text: &str) -> Option<String> {
    let compact: String = text.split_whitespace().collect();
    let unit_at = compact.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = compact.split_at(unit_at);
    let number_ok = !number.is_empty() && number.parse::<f64>().is_ok_and(|n| n >= 0.0);
    (number_ok && ["pt", "mm", "cm", "in"].contains(&unit)).then_some(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_read_with_or_without_a_space() {
        assert_eq!(length("2.5 cm").as_deref(), Some("2.5cm"));
        assert_eq!(length("11pt").as_deref(), Some("11pt"));
        assert_eq!(length("1.5em"), None);
        assert_eq!(length("cm"), None);
        assert_eq!(length("-1cm"), None);
    }

    #[test]
    fn templates_map_to_layouts() {
        assert_eq!(layout_for_template("moderncv-banking"), "modern");
        assert_eq!(layout_for_template("jake"), "compact");
        assert_eq!(layout_for_template("something"), "classic");
    }
}
