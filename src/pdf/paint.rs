//! Paints one page's items onto a krilla page, in order, and returns the leaves the tag tree
//! is built from (marked runs and images, links with their annotations); artifacts are marked
//! as such.

use krilla::action::LinkAction;
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::Page as PdfPage;
use krilla::paint::{Fill, FillRule, LineCap, LineJoin, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag};
use krilla::text::{Font, GlyphId};

use crate::geom::{Color, Pt};
use crate::layout::frame::{
    ArtifactKind, FilledRect, Glyph, ImageItem, Item, LinkArea, Positioned, Rule, TextRun,
};

use super::PdfError;
use super::fonts::Fonts;

/// Paints the items in order and returns the structure leaf of each item that has one (text
/// runs, images and links), one slot per item of `items` (`None` for the others: artifacts,
/// from `artifacts`, plus every rule and tint, are marked as such and have none). A table by
/// index rather than a sorted list or map, so the tag tree takes each leaf without a search.
/// `lang` is the document's language, against which a run in another script gets a language
/// of its own.
pub(super) fn paint_page(
    page: &mut PdfPage,
    items: &[Positioned],
    index: usize,
    fonts: &mut Fonts,
    artifacts: &dyn Fn(usize) -> Option<ArtifactKind>,
    lang: &str,
) -> Result<Vec<Option<Node>>, PdfError> {
    let mut leaves = Vec::with_capacity(items.len());
    leaves.resize_with(items.len(), || None);
    let mut links = Vec::new();
    let mut surface = page.surface();
    for (i, item) in items.iter().enumerate() {
        let ctx = ItemCtx { page: index, artifact: artifacts(i), lang };
        match paint_item(&mut surface, item, &ctx, fonts)? {
            Some(Painted::Leaf(node)) => leaves[i] = Some(node),
            Some(Painted::Link(annotation, url)) => links.push((i, annotation, url)),
            None => {}
        }
    }
    surface.finish();
    // Links become annotations only once the surface is done.
    for (i, annotation, url) in links {
        let id = page.add_tagged_annotation(Annotation::new_link(annotation, Some(url)));
        leaves[i] = Some(id.into());
    }
    Ok(leaves)
}

/// What painting one item needs to know about its place.
struct ItemCtx<'a> {
    /// The page index, for errors.
    page: usize,
    /// The artifact the item is drawn in, if any.
    artifact: Option<ArtifactKind>,
    /// The document's language.
    lang: &'a str,
}

/// What a painted item leaves for the tag tree.
enum Painted {
    /// A marked-content section (a run, an image).
    Leaf(Node),
    /// A link, whose annotation is added after the page's content.
    Link(LinkAnnotation, String),
}

/// Paints one item; returns its structure leaf, or for a link what its annotation needs.
fn paint_item(
    surface: &mut Surface,
    item: &Positioned,
    ctx: &ItemCtx,
    fonts: &mut Fonts,
) -> Result<Option<Painted>, PdfError> {
    let Positioned { pos, item } = item;
    let at = Point::from_xy(pos.x.get() as f32, pos.y.get() as f32);
    Ok(match item {
        Item::Text(run) if run.glyphs.is_empty() => None,
        Item::Text(run) => {
            check_ranges(run, ctx.page)?;
            let font = fonts.get(run.font)?;
            // Only a cluster of several glyphs may need the blank glyph: look it up for those.
            let shared = run.glyphs.windows(2).any(|w| w[0].range == w[1].range);
            let blank = if shared { blank_glyph(fonts.face(run.font)) } else { None };
            let tag = match ctx.artifact {
                Some(kind) => ContentTag::Artifact(Artifact::with_kind(artifact_type(kind))),
                None => {
                    ContentTag::Span(SpanTag::empty().with_lang(super::tags::run_lang(&run.text, ctx.lang)))
                }
            };
            let id = surface.start_tagged(tag);
            draw_run(surface, at, run, font, blank);
            surface.end_tagged();
            ctx.artifact.is_none().then(|| Painted::Leaf(id.into()))
        }
        Item::Rect(rect) => {
            paint_rect(surface, at, rect);
            None
        }
        Item::Line(rule) => {
            paint_rule(surface, at, rule);
            None
        }
        Item::Link(link) => link_annotation(at, link)?,
        Item::Image(image) => paint_image(surface, at, image)?.map(|id| Painted::Leaf(id.into())),
        Item::Tag(_) => None,
    })
}

/// Returns krilla's artifact type for ours.
fn artifact_type(kind: ArtifactKind) -> ArtifactType {
    match kind {
        ArtifactKind::Footer => ArtifactType::Footer,
        ArtifactKind::Layout => ArtifactType::Layout,
    }
}

/// Returns a link's annotation, refusing a URI of another scheme than [`LINK_SCHEMES`]; an
/// empty area makes none.
fn link_annotation(at: Point, link: &LinkArea) -> Result<Option<Painted>, PdfError> {
    if !opens_allowed_scheme(&link.url) {
        return Err(PdfError::LinkScheme { url: link.url.clone() });
    }
    let Some(area) = rect_at(at, link.size.w, link.size.h) else {
        return Ok(None);
    };
    let action = LinkAction::new(link.url.clone()).into();
    Ok(Some(Painted::Link(LinkAnnotation::new(area, Target::Action(action)), link.url.clone())))
}

/// Fails unless every glyph's range lies inside the run's text on character boundaries
/// (krilla slices the text with these ranges and would panic otherwise).
fn check_ranges(run: &TextRun, page: usize) -> Result<(), PdfError> {
    let valid = |range: &std::ops::Range<usize>| run.text.get(range.clone()).is_some();
    if run.glyphs.iter().all(|g| valid(&g.range)) {
        return Ok(());
    }
    Err(PdfError::GlyphRange { page, text: run.text.clone() })
}

/// Draws a run with its baseline starting at `at`.
///
/// Our advances and offsets are in ems, as krilla expects, and both treat a positive
/// `y_offset` as upwards (krilla subtracts it from its downward y), so they pass unchanged. A
/// horizontally scaled run (font expansion) is drawn through a transform that scales the
/// outlines about the run's start; its advances, already scaled, are divided by the scale so
/// the glyphs land where layout put them. The text and its glyph ranges are not touched, so
/// the extracted text is the same.
fn draw_run(surface: &mut Surface, at: Point, run: &TextRun, font: Font, blank: Option<u16>) {
    // A scale that is not finite and positive cannot come from layout; draw unscaled then.
    let scale = if run.scale.is_finite() && run.scale > 0.0 { run.scale } else { 1.0 };
    // krilla reads our glyphs as they are (`impl krilla::text::Glyph for Glyph` below): only
    // a scaled run (its advances divided) or one that may get blank glyphs is copied.
    let copied;
    let glyphs: &[Glyph] = if scale == 1.0 && blank.is_none() {
        &run.glyphs
    } else {
        let mut glyphs = Vec::with_capacity(run.glyphs.len());
        extraction_order(&run.glyphs, blank, |g| {
            glyphs.push(Glyph { advance: g.advance / scale, ..g.clone() });
        });
        copied = glyphs;
        &copied
    };
    surface.set_fill(Some(fill(run.color)));
    let size = run.size.get() as f32;
    let slanted = start_synthetic(surface, at, run);
    if scale == 1.0 {
        surface.draw_glyphs(at, glyphs, font, &run.text, size, false);
    } else {
        surface.push_transform(&krilla::geom::Transform::from_row(scale, 0.0, 0.0, 1.0, at.x, at.y));
        surface.draw_glyphs(Point::from_xy(0.0, 0.0), glyphs, font, &run.text, size, false);
        surface.pop();
    }
    if slanted {
        surface.pop();
    }
}

/// Our glyph as krilla reads it: what a `KrillaGlyph` made from it (as vitae did before)
/// answers, each value scaled by multiplying, with no vertical advance and no location, so
/// that runs are drawn without a copy of their glyphs.
impl krilla::text::Glyph for Glyph {
    #[inline]
    fn glyph_id(&self) -> GlyphId {
        GlyphId::new(u32::from(self.id))
    }

    #[inline]
    fn text_range(&self) -> std::ops::Range<usize> {
        self.range.clone()
    }

    #[inline]
    fn x_advance(&self, size: f32) -> f32 {
        self.advance * size
    }

    #[inline]
    fn x_offset(&self, size: f32) -> f32 {
        self.x_offset * size
    }

    #[inline]
    fn y_offset(&self, size: f32) -> f32 {
        self.y_offset * size
    }

    #[inline]
    fn y_advance(&self, size: f32) -> f32 {
        // `KrillaGlyph`'s 0.0 times the size (a sign-exact zero).
        0.0 * size
    }

    #[inline]
    fn location(&self) -> Option<krilla::surface::Location> {
        None
    }
}

/// Hands `emit` the glyphs to draw, in order: the run's, with a blank glyph (no outline, no advance, at the
/// pen) opening each cluster of several glyphs whose first glyph is moved off the pen.
///
/// krilla draws a cluster of several glyphs (an Arabic letter drawn as a dotless base and its
/// dots, a base and its marks) inside an `/ActualText` span carrying the cluster's text, and
/// poppler's extractor places that text at the span's *first* glyph and ends it at the *last*
/// glyph's end. Right-to-left shaping puts a cluster's marks before its base, so the span
/// started at a dot above or below the line and inside the letter: poppler then saw a new
/// word (another baseline) after a gap, and `مهندسة` extracted as `مهن دسة`. The blank glyph
/// starts the span at the cluster's edge on the baseline; the base still ends it. The blank
/// draws nothing, so the page looks the same. A callback rather than a vector: the caller
/// copies each glyph (its advance unscaled) as it comes, with no copy of the run in between.
fn extraction_order(glyphs: &[Glyph], blank: Option<u16>, mut emit: impl FnMut(&Glyph)) {
    let Some(blank) = blank else { return glyphs.iter().for_each(emit) };
    for (i, g) in glyphs.iter().enumerate() {
        let opens = i == 0 || glyphs[i - 1].range != g.range;
        let shared = glyphs.get(i + 1).is_some_and(|n| n.range == g.range);
        if opens && shared && (g.x_offset != 0.0 || g.y_offset != 0.0) {
            emit(&Glyph { id: blank, advance: 0.0, x_offset: 0.0, y_offset: 0.0, range: g.range.clone() });
        }
        emit(g);
    }
}

/// Returns a glyph of `face` that draws nothing and does not advance (the glyph of a
/// zero-width space, word joiner or combining grapheme joiner; Noto Sans Arabic draws a
/// visible sign for the joiners), if the face has one.
fn blank_glyph(face: &crate::font::Face) -> Option<u16> {
    use skrifa::MetadataProvider;
    use skrifa::instance::{LocationRef, Size};
    let font = face.font_ref();
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let charmap = font.charmap();
    ['\u{200B}', '\u{2060}', '\u{034F}']
        .into_iter()
        .filter_map(|c| charmap.map(c))
        .find(|&g| {
            metrics.advance_width(g) == Some(0.0)
                && metrics.bounds(g).is_none_or(|b| b.x_min >= b.x_max || b.y_min >= b.y_max)
        })
        .and_then(|g| u16::try_from(g.to_u32()).ok())
}

/// The stroke width of synthetic bold, in ems of the run's size. Filled and stroked, a glyph
/// grows by half the width on each side: 0.03 em thickens a stem of Droid Sans Fallback (about
/// 0.07 em) by 40%, close to the regular-to-bold step of Noto Sans CJK, and the 0.015 em
/// it grows on each side fits inside a CJK glyph's side bearings, so the advance is kept.
const SYNTHETIC_BOLD_STROKE: f32 = 0.03;

/// The slant of synthetic oblique: tan 12° (the shear an oblique uses, as in Typst and
/// browsers); written out because `tan` may differ across platforms.
const SYNTHETIC_SLANT: f32 = 0.212_556_56;

/// Sets up the styles the run fakes ([`TextRun::synthetic`], decided by the font stage): for
/// bold a stroke in the fill colour (krilla then draws fill and stroke in one text object,
/// rendering mode 2, so the text extracts as before); for italic a shear about the baseline
/// start, pushed as a transform. Returns whether it pushed one, for the caller to pop.
fn start_synthetic(surface: &mut Surface, at: Point, run: &TextRun) -> bool {
    let stroke = run.synthetic.bold.then(|| Stroke {
        paint: rgb_of(run.color).into(),
        width: SYNTHETIC_BOLD_STROKE * run.size.get() as f32,
        line_join: LineJoin::Round,
        ..Stroke::default()
    });
    surface.set_stroke(stroke);
    if !run.synthetic.italic {
        return false;
    }
    // x' = x - slant · (y - baseline): points above the baseline (smaller y) lean right.
    let shear =
        krilla::geom::Transform::from_row(1.0, 0.0, -SYNTHETIC_SLANT, 1.0, SYNTHETIC_SLANT * at.y, 0.0);
    surface.push_transform(&shear);
    true
}

/// Fills a rectangle, marked as a layout artifact; an empty one draws nothing.
fn paint_rect(surface: &mut Surface, at: Point, rect: &FilledRect) {
    let Some(area) = rect_at(at, rect.size.w, rect.size.h) else {
        return;
    };
    let mut pb = PathBuilder::new();
    pb.push_rect(area);
    surface.set_stroke(None);
    surface.set_fill(Some(fill(rect.fill)));
    draw_artifact(surface, pb.finish());
}

/// Draws an image scaled to its box, cropped to a circle when asked, and returns its
/// marked-content section (the tag tree puts it in a `Figure` with its alternative text).
/// Viewers are not asked to smooth it (`interpolate` off): PDF/A forbids that, and a photo
/// drawn near its own resolution gains nothing from it.
fn paint_image(surface: &mut Surface, at: Point, image: &ImageItem) -> Result<Option<Identifier>, PdfError> {
    let data: krilla::Data = image.data.clone().into();
    let decoded = if image.jpeg {
        krilla::image::Image::from_jpeg(data, false)
    } else {
        krilla::image::Image::from_png(data, false)
    }
    .map_err(|message| PdfError::Image { message })?;
    let (w, h) = (image.size.w.get() as f32, image.size.h.get() as f32);
    let Some(size) = krilla::geom::Size::from_wh(w, h) else { return Ok(None) };
    let id = surface.start_tagged(ContentTag::Other);
    if image.round
        && let Some(circle) = ellipse(at.x, at.y, w, h)
    {
        surface.push_clip_path(&circle, &FillRule::NonZero);
    }
    surface.push_transform(&krilla::geom::Transform::from_translate(at.x, at.y));
    surface.draw_image(decoded, size);
    surface.pop();
    if image.round {
        surface.pop();
    }
    surface.end_tagged();
    Ok(Some(id))
}

/// The ellipse inscribed in a box, as four cubic Béziers; 0.5523 is the control-point distance
/// (as a share of the radius) that best approximates a circle.
fn ellipse(x: f32, y: f32, w: f32, h: f32) -> Option<Path> {
    const K: f32 = 0.552_284_8;
    let (rx, ry) = (w / 2.0, h / 2.0);
    let (cx, cy) = (x + rx, y + ry);
    let mut pb = PathBuilder::new();
    pb.move_to(cx + rx, cy);
    pb.cubic_to(cx + rx, cy + ry * K, cx + rx * K, cy + ry, cx, cy + ry);
    pb.cubic_to(cx - rx * K, cy + ry, cx - rx, cy + ry * K, cx - rx, cy);
    pb.cubic_to(cx - rx, cy - ry * K, cx - rx * K, cy - ry, cx, cy - ry);
    pb.cubic_to(cx + rx * K, cy - ry, cx + rx, cy - ry * K, cx + rx, cy);
    pb.close();
    pb.finish()
}

/// Strokes a straight line with butt caps, marked as a layout artifact.
fn paint_rule(surface: &mut Surface, at: Point, rule: &Rule) {
    let mut pb = PathBuilder::new();
    pb.move_to(at.x, at.y);
    let (dx, dy) = (rule.delta.x.get() as f32, rule.delta.y.get() as f32);
    pb.line_to(at.x + dx, at.y + dy);
    surface.set_fill(None);
    surface.set_stroke(Some(Stroke {
        paint: rgb_of(rule.color).into(),
        width: rule.thickness.get() as f32,
        line_cap: LineCap::Butt,
        ..Stroke::default()
    }));
    draw_artifact(surface, pb.finish());
}

/// Draws a path with the current fill and stroke inside a layout-artifact section.
fn draw_artifact(surface: &mut Surface, path: Option<Path>) {
    let Some(path) = path else {
        return;
    };
    let artifact = Artifact::with_kind(ArtifactType::Layout);
    surface.start_tagged(ContentTag::Artifact(artifact));
    surface.draw_path(&path);
    surface.end_tagged();
}

/// Returns the rectangle of the given size whose top-left corner is `at`, if it has an area.
fn rect_at(at: Point, w: Pt, h: Pt) -> Option<Rect> {
    let (w, h) = (w.get() as f32, h.get() as f32);
    if w > 0.0 && h > 0.0 { Rect::from_xywh(at.x, at.y, w, h) } else { None }
}

/// Returns an opaque non-zero fill in `color`.
fn fill(color: Color) -> Fill {
    Fill { paint: rgb_of(color).into(), opacity: NormalizedF32::ONE, rule: FillRule::NonZero }
}

/// Converts our colour to krilla's (both are 8-bit sRGB channels).
fn rgb_of(color: Color) -> rgb::Color {
    rgb::Color::new(color.r, color.g, color.b)
}

/// Whether the URI starts with one of [`crate::profile::LINK_SCHEMES`] (case-insensitively, as RFC
/// 3986 says).
fn opens_allowed_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| crate::profile::is_link_scheme(scheme))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::FontBook;

    /// A glyph of cluster `range` with an offset.
    fn glyph(id: u16, range: std::ops::Range<usize>, advance: f32, x_offset: f32, y_offset: f32) -> Glyph {
        Glyph { id, advance, x_offset, y_offset, range }
    }

    /// The glyphs `extraction_order` hands out, collected.
    fn ordered(glyphs: &[Glyph], blank: Option<u16>) -> Vec<Glyph> {
        let mut out = Vec::new();
        extraction_order(glyphs, blank, |g| out.push(g.clone()));
        out
    }

    #[test]
    fn krilla_reads_our_glyph_as_the_krilla_glyph_made_from_it() {
        use krilla::text::{Glyph as _, KrillaGlyph};
        let ours = glyph(42, 3..7, 0.61, -0.02, 0.3);
        let theirs = KrillaGlyph {
            glyph_id: GlyphId::new(42),
            text_range: 3..7,
            x_advance: 0.61,
            x_offset: -0.02,
            y_offset: 0.3,
            y_advance: 0.0,
            location: None,
        };
        assert_eq!(ours.glyph_id(), theirs.glyph_id());
        assert_eq!(ours.text_range(), theirs.text_range());
        assert_eq!(ours.location(), theirs.location());
        for size in [1.0, 10.0, 12.5, -3.0, 0.0] {
            let bits = |g: &dyn krilla::text::Glyph| {
                [g.x_advance(size), g.x_offset(size), g.y_offset(size), g.y_advance(size)].map(f32::to_bits)
            };
            assert_eq!(bits(&ours), bits(&theirs), "size {size}");
        }
    }

    #[test]
    fn a_cluster_opened_by_a_displaced_glyph_gets_a_blank_lead() {
        // Right to left: noon (a dot above, then the dotless base), then dal (one glyph).
        let glyphs = vec![
            glyph(7, 2..4, 0.0, 0.25, 0.06),
            glyph(8, 2..4, 0.3, 0.0, 0.0),
            glyph(9, 0..2, 0.4, 0.0, 0.0),
        ];
        let out = ordered(&glyphs, Some(3));
        let ids: Vec<u16> = out.iter().map(|g| g.id).collect();
        assert_eq!(ids, vec![3, 7, 8, 9]);
        let blank = &out[0];
        assert_eq!(
            (blank.advance, blank.x_offset, blank.y_offset, blank.range.clone()),
            (0.0, 0.0, 0.0, 2..4)
        );
        // The drawn glyphs are untouched, so the page looks the same.
        assert_eq!(&out[1..], &glyphs[..]);
    }

    #[test]
    fn clusters_that_start_on_the_pen_are_left_alone() {
        // Left to right: a base then its mark; a lone raised glyph; a ligature.
        let glyphs = vec![
            glyph(1, 0..1, 0.5, 0.0, 0.0),
            glyph(2, 0..1, 0.0, -0.2, 0.1),
            glyph(3, 1..2, 0.5, 0.1, 0.3),
            glyph(4, 2..5, 0.9, 0.0, 0.0),
        ];
        assert_eq!(ordered(&glyphs, Some(9)), glyphs);
        // Without a blank glyph in the face nothing can be done.
        let rtl = vec![glyph(7, 2..4, 0.0, 0.25, 0.06), glyph(8, 2..4, 0.3, 0.0, 0.0)];
        assert_eq!(ordered(&rtl, None), rtl);
    }

    #[test]
    fn the_arabic_face_has_a_blank_glyph_and_it_is_empty() {
        use skrifa::MetadataProvider;
        let book = FontBook::bundled();
        let arabic = book.select("Noto Sans Arabic", false, false).expect("bundled Arabic face");
        let face = book.face(arabic);
        let blank = blank_glyph(face).expect("a blank glyph");
        let font = face.font_ref();
        let metrics =
            font.glyph_metrics(skrifa::instance::Size::unscaled(), skrifa::instance::LocationRef::default());
        let id = skrifa::GlyphId::new(u32::from(blank));
        assert_eq!(metrics.advance_width(id), Some(0.0));
        assert!(metrics.bounds(id).is_none_or(|b| b.x_min >= b.x_max || b.y_min >= b.y_max));
        // The joiners are not blank in this face (it draws a sign for them).
        let zwj = font.charmap().map('\u{200D}').expect("ZWJ in cmap");
        assert_ne!(u32::from(blank), zwj.to_u32());
    }
}
