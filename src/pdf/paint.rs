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
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Identifier, Node, SpanTag, Tag, TagGroup};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::geom::{Color, Pt};
use crate::layout::frame::{ArtifactKind, FilledRect, ImageItem, Item, LinkArea, Positioned, Rule, TextRun};

use super::PdfError;
use super::fonts::Fonts;

/// The URI schemes a link may open.
const LINK_SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];

/// Paints the items in order and returns the structure leaf of each item that has one (text
/// runs, images and links, by index in `items`); artifacts (`artifacts`, plus every rule and
/// tint) are marked as such and have none. `lang` is the document's language, against which a
/// run in another script gets a language of its own.
pub(super) fn paint_page(
    page: &mut PdfPage,
    items: &[Positioned],
    index: usize,
    fonts: &mut Fonts,
    artifacts: &dyn Fn(usize) -> Option<ArtifactKind>,
    lang: &str,
) -> Result<Vec<(usize, Node)>, PdfError> {
    let mut leaves = Vec::new();
    let mut links = Vec::new();
    let mut surface = page.surface();
    for (i, item) in items.iter().enumerate() {
        let ctx = ItemCtx { page: index, artifact: artifacts(i), lang };
        match paint_item(&mut surface, item, &ctx, fonts)? {
            Some(Painted::Leaf(node)) => leaves.push((i, node)),
            Some(Painted::Link(annotation, url)) => links.push((i, annotation, url)),
            None => {}
        }
    }
    surface.finish();
    // Links become annotations only once the surface is done.
    for (i, annotation, url) in links {
        let id = page.add_tagged_annotation(Annotation::new_link(annotation, Some(url)));
        leaves.push((i, TagGroup::with_children(Tag::Link, vec![id.into()]).into()));
    }
    leaves.sort_by_key(|(i, _)| *i);
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
            let tag = match ctx.artifact {
                Some(kind) => ContentTag::Artifact(Artifact::with_kind(artifact_type(kind))),
                None => {
                    ContentTag::Span(SpanTag::empty().with_lang(super::tags::run_lang(&run.text, ctx.lang)))
                }
            };
            let id = surface.start_tagged(tag);
            draw_run(surface, at, run, font);
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
fn draw_run(surface: &mut Surface, at: Point, run: &TextRun, font: Font) {
    // A scale that is not finite and positive cannot come from layout; draw unscaled then.
    let scale = if run.scale.is_finite() && run.scale > 0.0 { run.scale } else { 1.0 };
    let glyphs: Vec<KrillaGlyph> = run
        .glyphs
        .iter()
        .map(|g| KrillaGlyph {
            glyph_id: GlyphId::new(u32::from(g.id)),
            text_range: g.range.clone(),
            x_advance: g.advance / scale,
            x_offset: g.x_offset,
            y_offset: g.y_offset,
            y_advance: 0.0,
            location: None,
        })
        .collect();
    surface.set_fill(Some(fill(run.color)));
    let size = run.size.get() as f32;
    let slanted = start_synthetic(surface, at, run);
    if scale == 1.0 {
        surface.draw_glyphs(at, &glyphs, font, &run.text, size, false);
    } else {
        surface.push_transform(&krilla::geom::Transform::from_row(scale, 0.0, 0.0, 1.0, at.x, at.y));
        surface.draw_glyphs(Point::from_xy(0.0, 0.0), &glyphs, font, &run.text, size, false);
        surface.pop();
    }
    if slanted {
        surface.pop();
    }
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

/// Whether the URI starts with one of [`LINK_SCHEMES`] (case-insensitively, as RFC 3986 says).
fn opens_allowed_scheme(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    LINK_SCHEMES.iter().any(|s| scheme.eq_ignore_ascii_case(s))
}
