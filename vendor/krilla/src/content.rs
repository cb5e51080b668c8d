//! A low-level abstraction over a single content stream.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::Arc;

use float_cmp::approx_eq;
use pdf_writer::types::TextRenderingMode;
use pdf_writer::{Content, Finish, Name, Ref, Str, TextStr};
use tiny_skia_path::{Path, PathSegment, PathVerb};

use crate::chunk_container::ChunkContainer;
use crate::color::rgb;
use crate::configure::ValidationError;
#[cfg(feature = "raster-images")]
use crate::geom::Size;
use crate::geom::{Point, Rect, Transform};
use crate::graphics::color::{Color, ColorSpace};
use crate::graphics::graphics_state::{ExtGState, GraphicsStates};
#[cfg(feature = "raster-images")]
use crate::graphics::image::Image;
use crate::graphics::mask::Mask;
use crate::graphics::paint::{Fill, FillRule, InnerPaint, LineCap, LineJoin, Paint, Stroke};
use crate::graphics::shading_function::{
    GradientProperties, GradientPropertiesExt, ShadingFunction,
};
use crate::graphics::shading_pattern::ShadingPattern;
use crate::graphics::tiling_pattern::TilingPattern;
use crate::graphics::xobject::XObject;
use crate::interchange::tagging::{ContentTag, SpanTag};
use crate::num::NormalizedF32;
use crate::resource;
use crate::resource::{Resource, ResourceDictionaryBuilder};
use crate::serialize::{MaybeDeviceColorSpace, SerializeContext};
use crate::stream::Stream;
use crate::text::group::{
    glyph_props, use_text_spanner, GlyphGroup, GlyphGrouper, GlyphSpan, GlyphSpanner,
};
use crate::text::{Font, FontContainer, FontIdentifier, FontSlot, PDFGlyph, PDF_UNITS_PER_EM};
use crate::text::{Glyph, GlyphId};
use crate::util::{calculate_stroke_bbox, NameExt};

pub(crate) struct ContentBuilder {
    rd_builder: ResourceDictionaryBuilder,
    content: Content,
    validation_errors: HashSet<ValidationError>,
    root_transform: Transform,
    graphics_states: GraphicsStates,
    bbox: Option<Rect>,
    uses_mask: bool,
    // Calculating the bbox of text is expensive, so we should avoid doing it if not needed.
    // The only time we really need it is if we are currently inside of an XObject, where we
    // need to provide a bbox of all its contents. If we are on the main page stream, we only
    // need it if automatic size detection is enabled.
    bbox_important: bool,
    /// A temporary buffer that's reused across the builder.
    scratch: Vec<u8>,
    /// vitae patch: the font slot and PDF glyph of each glyph of the run being drawn, reused
    /// across runs (see `use_text_spanner`).
    glyph_props: Vec<(FontSlot, PDFGlyph)>,
    /// vitae patch: the resource name of each font this stream has used, so that a run in a
    /// known font skips hashing its identifier (`register_font_identifier`) and formatting its
    /// name (`register_resource`), which return the same name for the same font every time.
    font_names: Vec<(FontIdentifier, String)>,
    /// vitae patch: the font container of each font this stream has drawn with, so that a
    /// run skips hashing its font into the serializer's map (`register_font_container`, which
    /// returns the same container for the same font every time).
    font_containers: Vec<(Font, Rc<RefCell<FontContainer>>)>,
    /// vitae patch: the text showing operators (`TJ`, `Tj`) of glyph runs, written by
    /// [`TextOps`] beside `content` and merged into it in `finish`.
    text_ops: TextOps,
    pub(crate) active_marked_content: bool,
}

/// Stores either a device-specific color space,
/// or the name of a different colorspace (e.g. ICCBased) stored in
/// the current resource dictionary
enum ContentColorSpace {
    Device,
    Named(String),
}

impl ContentBuilder {
    pub(crate) fn new(
        root_transform: Transform,
        bbox_important: bool,
        sc: &SerializeContext,
    ) -> Self {
        Self {
            rd_builder: ResourceDictionaryBuilder::new(),
            validation_errors: HashSet::new(),
            content: sc.new_content(),
            root_transform,
            uses_mask: false,
            bbox_important,
            graphics_states: GraphicsStates::new(),
            bbox: None,
            scratch: Vec::new(),
            glyph_props: Vec::new(),
            font_names: Vec::new(),
            font_containers: Vec::new(),
            text_ops: TextOps::new(!sc.serialize_settings().pretty),
            active_marked_content: false,
        }
    }

    pub(crate) fn content_save_state(&mut self) {
        self.content.save_state();

        if self.content.state_nesting_depth() > 28 {
            self.validation_errors
                .insert(ValidationError::TooHighQNestingLevel);
        }
    }

    pub(crate) fn finish(self, sc: &mut SerializeContext) -> Stream {
        let buf = self.content.finish();
        sc.register_limits(buf.limits());
        // vitae patch: the text showing operators written beside `content`, in place.
        let bytes = self.text_ops.finish(&buf, sc);

        Stream::new(
            bytes,
            self.bbox
                .unwrap_or(Rect::from_xywh(0.0, 0.0, 1.0, 1.0).unwrap()),
            self.validation_errors.into_iter().collect(),
            self.rd_builder.finish(),
            self.uses_mask,
        )
    }

    fn start_marked_content_prelude(&mut self) {
        if self.active_marked_content {
            panic!("can't start marked content twice");
        }

        self.active_marked_content = true;
    }

    #[track_caller]
    pub(crate) fn start_marked_content(&mut self, name: Name) {
        self.start_marked_content_prelude();
        self.content.begin_marked_content(name);
    }

    #[track_caller]
    pub(crate) fn start_marked_content_with_properties(
        &mut self,
        sc: &mut SerializeContext,
        mcid: Option<i32>,
        tag: ContentTag,
    ) {
        self.start_marked_content_prelude();

        // vitae patch: a span with a marked-content identifier and no other property (every
        // run of text in a tagged document without a language of its own) written by
        // `TextOps`, once the stream has content.
        if let (
            Some(mcid),
            ContentTag::Span(SpanTag {
                lang: None,
                alt_text: None,
                expanded: None,
                actual_text: None,
            }),
        ) = (mcid, &tag)
        {
            self.text_ops.ensure_numbers(sc);
            if self.text_ops.marked_span(&self.content, mcid) {
                return;
            }
        }

        let mut mc = self
            .content
            .begin_marked_content_with_properties(tag.name());
        let mut properties = mc.properties();

        if let Some(mcid) = mcid {
            properties.pairs([(Name(b"MCID"), mcid)]);
        }

        // Page height extracted from transform and passed to function to allow
        // its dependants to flip the y-axis, mirroring Krilla conventions.
        let page_height = self.root_transform.ty();
        tag.write_properties(sc, properties, page_height);
    }

    pub(crate) fn end_marked_content(&mut self) {
        if !self.active_marked_content {
            panic!("can't end marked content when none has been started");
        }

        self.content.end_marked_content();
        self.active_marked_content = false;
    }

    pub(crate) fn concat_transform(&mut self, transform: &Transform) {
        self.graphics_states.transform(*transform);
    }

    fn cur_transform_with_root_transform(&self) -> Transform {
        self.root_transform.pre_concat(self.cur_transform())
    }

    pub(crate) fn cur_transform(&self) -> Transform {
        self.graphics_states.cur().transform()
    }

    pub(crate) fn save_graphics_state(&mut self) {
        self.graphics_states.save_state();
    }

    pub(crate) fn restore_graphics_state(&mut self) {
        self.graphics_states.restore_state();
    }

    pub(crate) fn set_blend_mode(&mut self, blend_mode: pdf_writer::types::BlendMode) {
        if blend_mode != pdf_writer::types::BlendMode::Normal {
            let state = ExtGState::new().blend_mode(blend_mode);
            self.graphics_states.combine(&state);
        }
    }

    pub(crate) fn expand_bbox(&mut self, new_bbox: Rect) {
        let new_bbox = self.graphics_states.transform_bbox(new_bbox);
        if let Some(bbox) = &mut self.bbox {
            bbox.expand(&new_bbox);
        } else {
            self.bbox = Some(new_bbox);
        }
    }

    pub(crate) fn draw_path(
        &mut self,
        path: &Path,
        mut fill: Option<&Fill>,
        stroke: Option<&Stroke>,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        if fill.is_none() && stroke.is_none() {
            return;
        }

        // Zero-size geometry, don't draw.
        if path.bounds().width() == 0.0 && path.bounds().height() == 0.0 {
            return;
        }

        // See issue 199.
        let is_line = path.verbs().len() == 2
            && path.verbs()[0] == PathVerb::Move
            && path.verbs()[1] == PathVerb::Line;
        let dont_fill = path.bounds().width() == 0.0 || path.bounds().height() == 0.0 || is_line;

        if dont_fill {
            match stroke.is_some() {
                // Some PDF viewers have bugs where they slightly fill zero-sized lines, so
                // don't draw them in the first place.
                false => return,
                // Don't fill, but we still want to draw the stroke, so don't return.
                true => {
                    fill = None;
                }
            }
        }

        let bbox_important = self.bbox_important;
        let calculate_bbox = |is_solid: bool| bbox_important || !is_solid;

        let stroke_bbox = |stroke: &Stroke| {
            if calculate_bbox(matches!(&stroke.paint.0, InnerPaint::Color(_))) {
                calculate_stroke_bbox(stroke, path).unwrap_or(Rect::from_tsp(path.bounds()))
            } else {
                Rect::from_tsp(path.bounds())
            }
        };

        let fill_prep = |sb: &mut ContentBuilder, fill: &Fill| {
            let has_pattern = matches!(fill.paint.0, InnerPaint::Pattern(_));
            let fill_opacity = fill.opacity;
            sb.expand_bbox(Rect::from_tsp(path.bounds()));

            // PDF viewers don't show patterns with fill/stroke opacities consistently.
            // Because of this, the opacity is accounted for in the pattern itself.
            if !has_pattern {
                sb.set_fill_opacity(fill_opacity);
            }
        };

        let stroke_prep = |sb: &mut ContentBuilder, stroke: &Stroke, stroke_bbox: Rect| {
            let is_pattern = matches!(stroke.paint.0, InnerPaint::Pattern(_));
            let stroke_opacity = stroke.opacity;
            sb.expand_bbox(stroke_bbox);

            // See comment in `set_fill_properties`
            if !is_pattern {
                sb.set_stroke_opacity(stroke_opacity);
            }
        };

        let fill_op = |sb: &mut ContentBuilder,
                       sc: &mut SerializeContext,
                       chunk_container: &mut ChunkContainer,
                       fill: &Fill| {
            let fill_rule = fill.rule;
            sb.content_set_fill_properties(
                Rect::from_tsp(path.bounds()),
                fill,
                sc,
                chunk_container,
            );
            sb.content_draw_path(path.segments());

            match fill_rule {
                FillRule::NonZero => sb.content.fill_nonzero(),
                FillRule::EvenOdd => sb.content.fill_even_odd(),
            };
        };

        let stroke_op = |sb: &mut ContentBuilder,
                         sc: &mut SerializeContext,
                         chunk_container: &mut ChunkContainer,
                         stroke: &Stroke,
                         stroke_bbox: Rect| {
            sb.content_set_stroke_properties(stroke_bbox, stroke, sc, chunk_container);
            sb.content_draw_path(path.segments());
            sb.content.stroke();
        };

        let fill_stroke_op = |sb: &mut ContentBuilder,
                              sc: &mut SerializeContext,
                              chunk_container: &mut ChunkContainer,
                              fill: &Fill,
                              stroke: &Stroke,
                              stroke_bbox: Rect| {
            let fill_rule = fill.rule;
            sb.content_set_fill_properties(
                Rect::from_tsp(path.bounds()),
                fill,
                sc,
                chunk_container,
            );
            sb.content_set_stroke_properties(stroke_bbox, stroke, sc, chunk_container);
            sb.content_draw_path(path.segments());

            match fill_rule {
                FillRule::NonZero => sb.content.fill_nonzero_and_stroke(),
                FillRule::EvenOdd => sb.content.fill_even_odd_and_stroke(),
            };
        };

        match (fill, stroke) {
            (Some(fill), None) => {
                self.apply_isolated_op(
                    |sb, _, _| {
                        fill_prep(sb, fill);
                    },
                    |sb, sc, chunk_container| {
                        fill_op(sb, sc, chunk_container, fill);
                    },
                    sc,
                    chunk_container,
                );
            }
            (None, Some(stroke)) => {
                let stroke_bbox = stroke_bbox(stroke);

                self.apply_isolated_op(
                    |sb, _, _| {
                        stroke_prep(sb, stroke, stroke_bbox);
                    },
                    |sb, sc, chunk_container| {
                        stroke_op(sb, sc, chunk_container, stroke, stroke_bbox);
                    },
                    sc,
                    chunk_container,
                );
            }
            (Some(fill), Some(stroke)) => {
                let stroke_bbox = stroke_bbox(stroke);

                self.apply_isolated_op(
                    |sb, _, _| {
                        fill_prep(sb, fill);
                        stroke_prep(sb, stroke, stroke_bbox);
                    },
                    |sb, sc, chunk_container| {
                        fill_stroke_op(sb, sc, chunk_container, fill, stroke, stroke_bbox);
                    },
                    sc,
                    chunk_container,
                );
            }
            (None, None) => unreachable!(),
        }
    }

    pub(crate) fn push_clip_path(&mut self, path: &Path, clip_rule: &FillRule) {
        self.content_save_state();
        self.content_draw_path(
            path.clone()
                .transform(self.cur_transform_with_root_transform().to_tsp())
                .unwrap()
                .segments(),
        );

        match clip_rule {
            FillRule::NonZero => self.content.clip_nonzero(),
            FillRule::EvenOdd => self.content.clip_even_odd(),
        };

        self.content.end_path();
    }

    pub(crate) fn pop_clip_path(&mut self) {
        self.content.restore_state();
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn draw_glyphs(
        &mut self,
        start: Point,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        fill: Option<&Fill>,
        stroke: Option<&Stroke>,
        context_color: rgb::Color,
        glyphs: &[impl Glyph],
        font: Font,
        text: &str,
        font_size: f32,
    ) {
        if fill.is_none() && stroke.is_none() {
            return;
        }

        let (x, y) = (start.x, start.y);
        self.graphics_states.save_state();

        // Calculating the glyphs bbox is very expensive but not always necessary, so omit
        // if not needed.
        let bbox_important = self.bbox_important;
        let calculate_bbox = |is_solid: bool| bbox_important || !is_solid;

        let fill_action = |sb: &mut ContentBuilder,
                           sc: &mut SerializeContext,
                           chunk_container: &mut ChunkContainer,
                           fill: &Fill| {
            let bbox = if calculate_bbox(matches!(&fill.paint.0, InnerPaint::Color(_))) {
                let bbox = get_glyphs_bbox(glyphs, x, y, font_size, font.clone());
                sb.expand_bbox(bbox);
                bbox
            } else {
                Rect::from_xywh(0.0, 0.0, 1.0, 1.0).unwrap()
            };

            sb.content_set_fill_properties(bbox, fill, sc, chunk_container)
        };

        let stroke_action = |sb: &mut ContentBuilder,
                             sc: &mut SerializeContext,
                             chunk_container: &mut ChunkContainer,
                             stroke: &Stroke| {
            let bbox = if calculate_bbox(matches!(&stroke.paint.0, InnerPaint::Color(_))) {
                // TODO: Bbox should also account for stroke.
                let bbox = get_glyphs_bbox(glyphs, x, y, font_size, font.clone());
                sb.expand_bbox(bbox);
                bbox
            } else {
                Rect::from_xywh(0.0, 0.0, 1.0, 1.0).unwrap()
            };

            sb.content_set_stroke_properties(bbox, stroke, sc, chunk_container);
        };

        let set_fill_opacity = |sb: &mut ContentBuilder, fill: &Fill| {
            // PDF viewers don't show patterns with fill/stroke opacities consistently.
            // Because of this, the opacity is accounted for in the pattern itself.
            if !matches!(&fill.paint.0, &InnerPaint::Pattern(_)) {
                sb.set_fill_opacity(fill.opacity);
            }
        };

        let set_stroke_opacity = |sb: &mut ContentBuilder, stroke: &Stroke| {
            // PDF viewers don't show patterns with fill/stroke opacities consistently.
            // Because of this, the opacity is accounted for in the pattern itself.
            if !matches!(&stroke.paint.0, &InnerPaint::Pattern(_)) {
                // PDF viewers don't show patterns with fill/stroke opacities consistently.
                // Because of this, the opacity is accounted for in the pattern itself.
                sb.set_stroke_opacity(stroke.opacity);

                // See the comment in `stroke-action` for why we also set the fill opacity.
                sb.set_fill_opacity(stroke.opacity);
            }
        };

        match (fill, stroke) {
            (Some(f), Some(s)) => {
                set_fill_opacity(self, f);
                set_stroke_opacity(self, s);

                self.fill_stroke_glyph_run(
                    x,
                    y,
                    sc,
                    chunk_container,
                    TextRenderingMode::FillStroke,
                    |sb, sc, chunk_container| {
                        fill_action(sb, sc, chunk_container, f);
                        stroke_action(sb, sc, chunk_container, s);
                    },
                    glyphs,
                    font.clone(),
                    context_color,
                    text,
                    font_size,
                );
            }
            (Some(f), None) => {
                set_fill_opacity(self, f);

                self.fill_stroke_glyph_run(
                    x,
                    y,
                    sc,
                    chunk_container,
                    TextRenderingMode::Fill,
                    |sb, sc, chunk_container| {
                        fill_action(sb, sc, chunk_container, f);
                    },
                    glyphs,
                    font.clone(),
                    context_color,
                    text,
                    font_size,
                );
            }
            (None, Some(s)) => {
                set_stroke_opacity(self, s);

                self.fill_stroke_glyph_run(
                    x,
                    y,
                    sc,
                    chunk_container,
                    TextRenderingMode::Stroke,
                    |sb, sc, chunk_container| {
                        stroke_action(sb, sc, chunk_container, s);
                    },
                    glyphs,
                    font.clone(),
                    context_color,
                    text,
                    font_size,
                );
            }
            (None, None) => unreachable!(),
        }

        self.graphics_states.restore_state();
    }

    /// vitae patch: the resource name of the font, registered on its first use in this
    /// stream (as `register_resource(register_font_identifier(..))` did on every run) and
    /// looked up afterwards. The serializer keeps the font's `Ref` and the resource
    /// dictionary builder its number for their lifetimes, so the name never changes.
    fn font_name_index(
        &mut self,
        sc: &mut SerializeContext,
        font_identifier: FontIdentifier,
    ) -> usize {
        if let Some(index) = self
            .font_names
            .iter()
            .position(|(known, _)| *known == font_identifier)
        {
            return index;
        }
        let name = self
            .rd_builder
            .register_resource(sc.register_font_identifier(font_identifier.clone()));
        self.font_names.push((font_identifier, name));
        self.font_names.len() - 1
    }

    /// vitae patch: `sc.register_font_container(font)`, looked up in this stream's list first.
    fn font_container(
        &mut self,
        sc: &mut SerializeContext,
        font: &Font,
    ) -> Rc<RefCell<FontContainer>> {
        if let Some((_, container)) = self.font_containers.iter().find(|(known, _)| known == font) {
            return container.clone();
        }
        let container = sc.register_font_container(font.clone());
        self.font_containers.push((font.clone(), container.clone()));
        container
    }

    /// Encode a successive sequence of glyphs that share the same properties and
    /// can be encoded with one text showing operator.
    ///
    /// vitae patch: `pdf_glyphs` holds each glyph's PDF glyph (resolved once, instead of a
    /// `get_gid` per glyph), and the font's properties are read once per run instead of per
    /// glyph (each `pdf_font.font()` cloned and dropped an `Arc`).
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn encode_consecutive_glyph_run(
        &mut self,
        sc: &mut SerializeContext,
        cur_x: &mut f32,
        cur_y: f32,
        font_container: &FontContainer,
        slot: FontSlot,
        size: f32,
        glyphs: &[impl Glyph],
        pdf_glyphs: &[(FontSlot, PDFGlyph)],
        text: &str,
    ) {
        let pdf_font = font_container.pdf_font(slot);
        let font_name = self.font_name_index(sc, font_container.identifier(slot));
        let matrix = Transform::from_row(1.0, 0.0, 0.0, -1.0, *cur_x, cur_y).to_pdf_transform();
        // vitae patch: `Tf`, `Tm` and the text showing operator written by `TextOps` (see
        // there), unless the settings ask for pretty output.
        if self.text_ops.enabled {
            self.text_ops.ensure_numbers(sc);
            self.text_ops.begin(self.content.len());
            let name = self.font_names[font_name].1.to_pdf_name();
            self.text_ops.set_font(font_name, name, size);
            self.text_ops.set_text_matrix(matrix);
        } else {
            self.content
                .set_font(self.font_names[font_name].1.to_pdf_name(), size);
            self.content.set_text_matrix(matrix);
        }

        let font = pdf_font.font();
        let last_resort = font.postscript_name() == Some("LastResort");
        for glyph in glyphs {
            if glyph.glyph_id() == GlyphId::new(0) || last_resort {
                sc.register_validation_error(ValidationError::ContainsNotDefGlyph(
                    font.clone(),
                    glyph.location(),
                    text[glyph.text_range()].to_string(),
                ));
            }
        }

        // If it's just a single glyph and without an x_offset, there is no need for individual
        // positioning, so we can use `Tj` instead of `TJ`. The reason we're doing this is because
        // Acrobat's copy-paste is a bit buggy if `/ActualText` is used at the end of a line, but
        // only if `TJ` is used. With `Tj`, it's fine.
        if let ([glyph], [(_, pdf_glyph)]) = (glyphs, pdf_glyphs) {
            if approx_eq!(f32, glyph.x_offset(1.0), 0.0, epsilon = 0.001) {
                self.encode_single_glyph(cur_x, size, glyph, *pdf_glyph);
                self.text_ops.end();
                return;
            }
        }

        self.encode_glyphs_with_individual_positioning(
            cur_x,
            font_container,
            slot,
            &font,
            size,
            glyphs,
            pdf_glyphs,
        );
        self.text_ops.end();
    }

    fn encode_single_glyph(
        &mut self,
        cur_x: &mut f32,
        size: f32,
        glyph: &impl Glyph,
        pdf_glyph: PDFGlyph,
    ) {
        self.scratch.clear();
        let encoded = &mut self.scratch;
        pdf_glyph.encode_into(encoded);
        // vitae patch: the same `Tj` operator, written by `TextOps`.
        if self.text_ops.enabled {
            self.text_ops.show(encoded);
        } else {
            self.content.show(Str(encoded));
        }
        *cur_x += glyph.x_advance(size);
    }

    #[allow(clippy::too_many_arguments)]
    fn encode_glyphs_with_individual_positioning(
        &mut self,
        cur_x: &mut f32,
        font_container: &FontContainer,
        slot: FontSlot,
        font: &Font,
        size: f32,
        glyphs: &[impl Glyph],
        pdf_glyphs: &[(FontSlot, PDFGlyph)],
    ) {
        // vitae patch: the same `TJ` operator, written by `TextOps` (`show_positioned` below
        // when the settings ask for pretty output).
        if self.text_ops.enabled {
            self.encode_glyphs_with_individual_positioning_fast(
                cur_x,
                font_container,
                slot,
                font,
                size,
                glyphs,
                pdf_glyphs,
            );
            return;
        }

        self.scratch.clear();
        let encoded = &mut self.scratch;

        let mut adjustment = 0.0;
        let mut positioned = self.content.show_positioned();
        let mut items = positioned.items();

        let units_per_em = font_container.pdf_font(slot).units_per_em();
        let font_units_per_em = font.units_per_em();
        let scale = |val| val * units_per_em;

        for (glyph, &(_, pdf_glyph)) in glyphs.iter().zip(pdf_glyphs) {
            let x_advance = scale(glyph.x_advance(1.0));
            let font_advance = font_container
                .font_advance(slot, pdf_glyph, glyph.glyph_id())
                .map(|n| scale(n / font_units_per_em));
            let x_offset = scale(glyph.x_offset(1.0));

            adjustment += x_offset;

            // Make sure we don't write miniscule adjustments
            if !approx_eq!(f32, adjustment, 0.0, epsilon = 0.001) {
                if !encoded.is_empty() {
                    items.show(Str(encoded));
                    encoded.clear();
                }

                // Adjustment is always in 1000 units, even for Type3 fonts.
                items.adjust(-(adjustment / units_per_em * PDF_UNITS_PER_EM));
                adjustment = 0.0;
            }

            pdf_glyph.encode_into(encoded);

            if let Some(font_advance) = font_advance {
                adjustment += x_advance - font_advance;
            }

            adjustment -= x_offset;
            // cur_x/cur_y and glyph metrics are in user space units.
            *cur_x += glyph.x_advance(size);
        }

        if !encoded.is_empty() {
            items.show(Str(encoded));
        }

        items.finish();
        positioned.finish();
    }

    /// vitae patch: `encode_glyphs_with_individual_positioning` through [`TextOps`]: the
    /// same glyphs, adjustments and bytes, without pdf-writer's per-byte string writer and
    /// with each distinct adjustment formatted once per stream.
    #[allow(clippy::too_many_arguments)]
    fn encode_glyphs_with_individual_positioning_fast(
        &mut self,
        cur_x: &mut f32,
        font_container: &FontContainer,
        slot: FontSlot,
        font: &Font,
        size: f32,
        glyphs: &[impl Glyph],
        pdf_glyphs: &[(FontSlot, PDFGlyph)],
    ) {
        let ops = &mut self.text_ops;
        ops.begin_positioned();

        let mut adjustment = 0.0;

        let units_per_em = font_container.pdf_font(slot).units_per_em();
        let font_units_per_em = font.units_per_em();
        let scale = |val| val * units_per_em;

        // The first glyph of the string being written, if one is open: its glyphs are
        // escaped into the operator as they come (`push_glyph`).
        let mut string_from = None;

        for (i, (glyph, &(_, pdf_glyph))) in glyphs.iter().zip(pdf_glyphs).enumerate() {
            let x_advance = scale(glyph.x_advance(1.0));
            let font_advance = font_container
                .font_advance(slot, pdf_glyph, glyph.glyph_id())
                .map(|n| scale(n / font_units_per_em));
            let x_offset = scale(glyph.x_offset(1.0));

            adjustment += x_offset;

            // Make sure we don't write miniscule adjustments
            if !approx_eq!(f32, adjustment, 0.0, epsilon = 0.001) {
                if let Some(from) = string_from.take() {
                    ops.end_string(&pdf_glyphs[from..i], &mut self.scratch);
                }

                // Adjustment is always in 1000 units, even for Type3 fonts.
                ops.item_number(-(adjustment / units_per_em * PDF_UNITS_PER_EM));
                adjustment = 0.0;
            }

            if string_from.is_none() {
                string_from = Some(i);
                ops.begin_string();
            }
            ops.push_glyph(pdf_glyph);

            if let Some(font_advance) = font_advance {
                adjustment += x_advance - font_advance;
            }

            adjustment -= x_offset;
            // cur_x/cur_y and glyph metrics are in user space units.
            *cur_x += glyph.x_advance(size);
        }

        if let Some(from) = string_from {
            ops.end_string(&pdf_glyphs[from..], &mut self.scratch);
        }

        ops.end_positioned();
    }

    #[allow(clippy::too_many_arguments)]
    fn fill_stroke_glyph_run(
        &mut self,
        x: f32,
        ys: f32,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        fill_render_mode: TextRenderingMode,
        action: impl FnOnce(&mut ContentBuilder, &mut SerializeContext, &mut ChunkContainer),
        glyphs: &[impl Glyph],
        font: Font,
        context_color: rgb::Color,
        text: &str,
        font_size: f32,
    ) {
        if glyphs.is_empty() {
            return;
        }

        self.apply_isolated_op(
            |_, _, _| {},
            |sb, sc, chunk_container| {
                let mut cur_x = x;
                let mut cur_y = ys;

                // When the glyph ranges are monotonically decreasing, the glyphs are in reverse
                // order and we should write `/ReversedChars` marked content.
                let reversed = glyphs.len() > 1
                    && glyphs
                        .windows(2)
                        .all(|w| w[0].text_range().start >= w[1].text_range().end);

                action(sb, sc, chunk_container);
                sb.content.begin_text();

                // vitae patch: the container from this stream's list, and each glyph's font slot
                // and PDF glyph, resolved once.
                let font_container = sb.font_container(sc, &font);
                let mut props = std::mem::take(&mut sb.glyph_props);
                let do_text_span = reversed
                    || use_text_spanner(
                        glyphs,
                        text,
                        context_color,
                        &mut font_container.borrow_mut(),
                        &mut props,
                    );

                if do_text_span {
                    // Separate into distinct glyph runs that either are encoded using actual text, or are
                    // not.
                    let spanned = GlyphSpanner::new(
                        glyphs,
                        text,
                        reversed,
                        sc.serialize_settings()
                            .validators()
                            .requires_codepoint_mappings(),
                        context_color,
                        font_container.clone(),
                    );

                    for fragment in spanned {
                        // vitae patch: the spanner added the fragment's glyphs; read them once.
                        glyph_props(
                            fragment.glyphs(),
                            context_color,
                            &font_container.borrow(),
                            &mut props,
                        );
                        sb.fill_stroke_glyph_span(
                            &mut cur_x,
                            &mut cur_y,
                            fragment,
                            &props,
                            sc,
                            fill_render_mode,
                            &font_container.borrow(),
                            text,
                            font_size,
                            reversed,
                        )
                    }
                } else {
                    let glyph_span = GlyphSpan::Unspanned(glyphs);

                    // vitae patch: `use_text_spanner` resolved every glyph of the run.
                    sb.fill_stroke_glyph_span(
                        &mut cur_x,
                        &mut cur_y,
                        glyph_span,
                        &props,
                        sc,
                        fill_render_mode,
                        &font_container.borrow(),
                        text,
                        font_size,
                        reversed,
                    )
                }

                sb.glyph_props = props;
                sb.content.end_text();
            },
            sc,
            chunk_container,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn fill_stroke_glyph_span(
        &mut self,
        cur_x: &mut f32,
        cur_y: &mut f32,
        fragment: GlyphSpan<'_, impl Glyph>,
        props: &[(FontSlot, PDFGlyph)],
        sc: &mut SerializeContext,
        fill_render_mode: TextRenderingMode,
        font_container: &FontContainer,
        text: &str,
        font_size: f32,
        reversed: bool,
    ) {
        if let Some(text) = fragment.actual_text() {
            let mut actual_text = self
                .content
                .begin_marked_content_with_properties(Name(b"Span"));
            actual_text.properties().actual_text(TextStr(text));
        }

        if reversed {
            self.content.begin_marked_content(Name(b"ReversedChars"));
        }

        // Segment into glyph runs that can be encoded in one go using a PDF
        // text showing operator (i.e. no y shift, same Type3 font, etc.)
        let segmented = GlyphGrouper::new(fragment.glyphs(), props);

        for glyph_group in segmented {
            self.fill_stroke_glyph_group(
                cur_x,
                cur_y,
                glyph_group,
                sc,
                fill_render_mode,
                font_container,
                text,
                font_size,
            )
        }

        if reversed {
            self.content.end_marked_content();
        }

        if fragment.actual_text().is_some() {
            self.content.end_marked_content();
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fill_stroke_glyph_group(
        &mut self,
        cur_x: &mut f32,
        cur_y: &mut f32,
        glyph_group: GlyphGroup<'_, impl Glyph>,
        sc: &mut SerializeContext,
        fill_render_mode: TextRenderingMode,
        font_container: &FontContainer,
        text: &str,
        font_size: f32,
    ) {
        let pdf_font = font_container.pdf_font(glyph_group.slot);

        if fill_render_mode == TextRenderingMode::Fill || pdf_font.force_fill() {
            self.content
                .set_text_rendering_mode(TextRenderingMode::Fill);
        } else if fill_render_mode == TextRenderingMode::FillStroke {
            self.content
                .set_text_rendering_mode(TextRenderingMode::FillStroke);
        } else {
            self.content
                .set_text_rendering_mode(TextRenderingMode::Stroke);
        }

        self.encode_consecutive_glyph_run(
            sc,
            cur_x,
            *cur_y - glyph_group.y_offset * font_size,
            font_container,
            glyph_group.slot,
            font_size,
            glyph_group.glyphs,
            glyph_group.pdf_glyphs,
            text,
        );

        *cur_y -= glyph_group.y_advance * font_size;
    }

    pub(crate) fn draw_xobject(
        &mut self,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        x_object: XObject,
        state: &ExtGState,
    ) {
        let bbox = x_object.bbox();
        self.apply_isolated_op(
            |sb, _, _| {
                sb.graphics_states.combine(state);
                sb.expand_bbox(bbox);
            },
            move |sb, sc, chunk_container| {
                let x_object_name = sb
                    .rd_builder
                    .register_resource(sc.register_resourceable(chunk_container, x_object));
                sb.content.x_object(x_object_name.to_pdf_name());
            },
            sc,
            chunk_container,
        );
    }

    #[allow(dead_code)]
    pub(crate) fn draw_xobject_by_reference(
        &mut self,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        bbox: Rect,
        x_object: Ref,
    ) {
        // TODO: Consider bbox of XObject somehow?
        self.apply_isolated_op(
            |sb, _, _| {
                sb.expand_bbox(bbox);
            },
            move |sb, _, _| {
                let x_object_name = sb
                    .rd_builder
                    .register_resource(resource::XObject::new(x_object));
                sb.content.x_object(x_object_name.to_pdf_name());
            },
            sc,
            chunk_container,
        );
    }

    pub(crate) fn draw_masked(
        &mut self,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        mask: Mask,
        stream: Stream,
    ) {
        let state = ExtGState::new().mask(mask, sc, chunk_container);
        self.uses_mask = true;
        let x_object = XObject::new(stream, false, true, None);
        self.draw_xobject(sc, chunk_container, x_object, &state);
    }

    pub(crate) fn draw_opacified(
        &mut self,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        opacity: NormalizedF32,
        stream: Stream,
    ) {
        let state = ExtGState::new()
            .stroking_alpha(opacity)
            .non_stroking_alpha(opacity);
        let x_object = XObject::new(stream, true, false, None);
        self.draw_xobject(sc, chunk_container, x_object, &state);
    }

    pub(crate) fn draw_isolated(
        &mut self,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        stream: Stream,
    ) {
        let state = ExtGState::new();
        let x_object = XObject::new(stream, true, false, None);
        self.draw_xobject(sc, chunk_container, x_object, &state);
    }

    #[cfg(feature = "raster-images")]
    pub(crate) fn draw_image(
        &mut self,
        image: Image,
        size: Size,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        self.apply_isolated_op(
            |sb, _, _| {
                // Scale the image from 1x1 to the actual dimensions.
                let transform =
                    Transform::from_row(size.width(), 0.0, 0.0, -size.height(), 0.0, size.height());
                sb.concat_transform(&transform);
                sb.expand_bbox(Rect::from_xywh(0.0, 0.0, 1.0, 1.0).unwrap());
            },
            move |sb, sc, chunk_container| {
                let image_name = sb.rd_builder.register_resource(resource::XObject::new(
                    sc.register_image(chunk_container, image),
                ));

                sb.content.x_object(image_name.to_pdf_name());
            },
            sc,
            chunk_container,
        );
    }

    pub(crate) fn draw_shading(
        &mut self,
        shading: &ShadingFunction,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        self.apply_isolated_op(
            |_, _, _| {},
            move |sb, sc, chunk_container| {
                let sh = sb
                    .rd_builder
                    .register_resource(sc.register_resourceable(chunk_container, shading.clone()));
                sb.content.shading(sh.to_pdf_name());
            },
            sc,
            chunk_container,
        )
    }

    fn set_fill_opacity(&mut self, alpha: NormalizedF32) {
        if alpha.get() != 1.0 {
            let state = ExtGState::new().non_stroking_alpha(alpha);
            self.graphics_states.combine(&state);
        }
    }

    fn set_stroke_opacity(&mut self, alpha: NormalizedF32) {
        if alpha.get() != 1.0 {
            let state = ExtGState::new().stroking_alpha(alpha);
            self.graphics_states.combine(&state);
        }
    }

    fn apply_isolated_op(
        &mut self,
        prep: impl FnOnce(&mut Self, &mut SerializeContext, &mut ChunkContainer),
        op: impl FnOnce(&mut Self, &mut SerializeContext, &mut ChunkContainer),
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        self.save_graphics_state();
        self.content_save_state();

        prep(self, sc, chunk_container);

        let transform = self.cur_transform_with_root_transform();

        if transform != Transform::identity() {
            // vitae patch: the same `cm`, written by `TextOps` once a glyph run has been
            // drawn in this stream (it holds the numbers' cache).
            let matrix = transform.to_pdf_transform();
            if !self.text_ops.concat_transform(&self.content, matrix) {
                self.content.transform(matrix);
            }
        }

        let state = self.graphics_states.cur().ext_g_state().clone();

        if !state.empty() {
            let ext = self.rd_builder.register_resource::<resource::ExtGState>(
                sc.register_resourceable(chunk_container, state),
            );
            self.content.set_parameters(ext.to_pdf_name());
        }

        op(self, sc, chunk_container);

        self.content.restore_state();
        self.restore_graphics_state();
    }

    #[allow(clippy::too_many_arguments)]
    fn content_set_fill_stroke_properties(
        &mut self,
        bounds: Rect,
        paint: &Paint,
        opacity: NormalizedF32,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        mut set_pattern_fn: impl FnMut(&mut Content, String),
        mut set_solid_fn: impl FnMut(&mut Content, ContentColorSpace, &Color),
    ) {
        let pattern_transform = |transform: Transform| -> Transform {
            transform.post_concat(self.cur_transform_with_root_transform())
        };

        let mut write_gradient =
            |gradient_props: GradientProperties,
             sc: &mut SerializeContext,
             chunk_container: &mut ChunkContainer,
             transform: Transform,
             content_builder: &mut ContentBuilder| {
                if let Some((color, opacity)) = gradient_props.single_stop_color() {
                    // Write gradients with one stop as a solid color fill.
                    content_builder.set_fill_opacity(opacity);
                    let cs = color.color_space(sc);
                    let color_space_resource =
                        Self::cs_to_content_cs(content_builder, sc, chunk_container, cs);
                    set_solid_fn(&mut content_builder.content, color_space_resource, color);
                } else {
                    let shading_mask = Mask::new_from_shading(
                        gradient_props.clone(),
                        transform,
                        bounds,
                        sc,
                        chunk_container,
                    );

                    let shading_pattern = ShadingPattern::new(
                        gradient_props,
                        content_builder
                            .cur_transform_with_root_transform()
                            .pre_concat(transform),
                    );
                    let color_space = content_builder
                        .rd_builder
                        .register_resource::<resource::Pattern>(
                            sc.register_resourceable(chunk_container, shading_pattern),
                        );

                    if let Some(shading_mask) = shading_mask {
                        let state = ExtGState::new().mask(shading_mask, sc, chunk_container);
                        content_builder.uses_mask = true;

                        let ext = content_builder
                            .rd_builder
                            .register_resource::<resource::ExtGState>(
                                sc.register_resourceable(chunk_container, state),
                            );
                        content_builder.content.set_parameters(ext.to_pdf_name());
                    }

                    set_pattern_fn(&mut content_builder.content, color_space);
                }
            };

        match &paint.0 {
            InnerPaint::Color(c) => {
                let cs = c.color_space(sc);
                let color_space_resource = Self::cs_to_content_cs(self, sc, chunk_container, cs);
                set_solid_fn(&mut self.content, color_space_resource, c);
            }
            InnerPaint::LinearGradient(lg) => {
                let (gradient_props, transform) = lg.clone().gradient_properties(bounds);
                write_gradient(gradient_props, sc, chunk_container, transform, self);
            }
            InnerPaint::RadialGradient(rg) => {
                let (gradient_props, transform) = rg.clone().gradient_properties(bounds);
                write_gradient(gradient_props, sc, chunk_container, transform, self);
            }
            InnerPaint::SweepGradient(sg) => {
                let (gradient_props, transform) = sg.clone().gradient_properties(bounds);
                write_gradient(gradient_props, sc, chunk_container, transform, self);
            }
            InnerPaint::Pattern(pat) => {
                let mut pat = Arc::unwrap_or_clone(pat.clone());
                pat.transform = pattern_transform(pat.transform);

                let tiling_pattern = TilingPattern::new(
                    pat.stream,
                    pat.transform,
                    opacity,
                    pat.width,
                    pat.height,
                    sc,
                    chunk_container,
                );

                let color_space = self.rd_builder.register_resource::<resource::Pattern>(
                    sc.register_resourceable(chunk_container, tiling_pattern),
                );
                set_pattern_fn(&mut self.content, color_space);
            }
        }
    }

    fn cs_to_content_cs(
        content_builder: &mut ContentBuilder,
        sc: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
        cs: ColorSpace,
    ) -> ContentColorSpace {
        match sc.register_colorspace(chunk_container, cs) {
            MaybeDeviceColorSpace::ColorSpace(s) => {
                ContentColorSpace::Named(content_builder.rd_builder.register_resource(s))
            }
            MaybeDeviceColorSpace::DeviceGray => ContentColorSpace::Device,
            MaybeDeviceColorSpace::DeviceRgb => ContentColorSpace::Device,
            MaybeDeviceColorSpace::DeviceCMYK => ContentColorSpace::Device,
        }
    }

    fn content_set_fill_properties(
        &mut self,
        bounds: Rect,
        fill: &Fill,
        serializer_context: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        fn set_pattern_fn(content: &mut Content, color_space: String) {
            content.set_fill_color_space(pdf_writer::types::ColorSpaceOperand::Pattern);
            content.set_fill_pattern(None, color_space.to_pdf_name());
        }

        fn set_solid_fn(content: &mut Content, color_space: ContentColorSpace, color: &Color) {
            match color_space {
                ContentColorSpace::Device => match color {
                    Color::Regular(crate::color::RegularColor::Rgb(r)) => {
                        let comps = r.to_pdf_color();
                        content.set_fill_rgb(comps[0], comps[1], comps[2]);
                    }
                    Color::Regular(crate::color::RegularColor::Luma(l)) => {
                        content.set_fill_gray(l.to_pdf_color());
                    }
                    Color::Regular(crate::color::RegularColor::Cmyk(c)) => {
                        let comps = c.to_pdf_color();
                        content.set_fill_cmyk(comps[0], comps[1], comps[2], comps[3]);
                    }
                    Color::Special(_) => {
                        panic!("Device color space cannot be used with special colors")
                    }
                },
                ContentColorSpace::Named(n) => {
                    content.set_fill_color_space(n.to_pdf_name());
                    content.set_fill_color(color.to_pdf_color());
                }
            }
        }

        // vitae patch: a solid device RGB fill (every glyph run's colour) is written by
        // `TextOps` (` r g b rg` after the `cm` or `q` before it), the rest as before.
        if let InnerPaint::Color(c) = &fill.paint.0 {
            let cs = c.color_space(serializer_context);
            let color_space_resource =
                Self::cs_to_content_cs(self, serializer_context, chunk_container, cs);
            if let (
                ContentColorSpace::Device,
                Color::Regular(crate::color::RegularColor::Rgb(rgb)),
            ) = (&color_space_resource, c)
            {
                if self.text_ops.fill_rgb(&self.content, rgb.to_pdf_color()) {
                    return;
                }
            }
            set_solid_fn(&mut self.content, color_space_resource, c);
            return;
        }

        self.content_set_fill_stroke_properties(
            bounds,
            &fill.paint,
            fill.opacity,
            serializer_context,
            chunk_container,
            set_pattern_fn,
            set_solid_fn,
        );
    }

    fn content_set_stroke_properties(
        &mut self,
        bounds: Rect,
        stroke: &Stroke,
        serializer_context: &mut SerializeContext,
        chunk_container: &mut ChunkContainer,
    ) {
        fn set_pattern_fn(content: &mut Content, color_space: String) {
            content.set_stroke_color_space(pdf_writer::types::ColorSpaceOperand::Pattern);
            content.set_stroke_pattern(None, color_space.to_pdf_name());
        }

        fn set_solid_fn(content: &mut Content, color_space: ContentColorSpace, color: &Color) {
            match color_space {
                ContentColorSpace::Device => match color {
                    Color::Regular(crate::color::RegularColor::Rgb(r)) => {
                        let comps = r.to_pdf_color();
                        content.set_stroke_rgb(comps[0], comps[1], comps[2]);
                    }
                    Color::Regular(crate::color::RegularColor::Luma(l)) => {
                        content.set_stroke_gray(l.to_pdf_color());
                    }
                    Color::Regular(crate::color::RegularColor::Cmyk(c)) => {
                        let comps = c.to_pdf_color();
                        content.set_stroke_cmyk(comps[0], comps[1], comps[2], comps[3]);
                    }
                    Color::Special(_) => {
                        panic!("Device color space cannot be used with special colors")
                    }
                },
                ContentColorSpace::Named(n) => {
                    content.set_stroke_color_space(n.to_pdf_name());
                    content.set_stroke_color(color.to_pdf_color());
                }
            }
        }

        self.content_set_fill_stroke_properties(
            bounds,
            &stroke.paint,
            stroke.opacity,
            serializer_context,
            chunk_container,
            set_pattern_fn,
            set_solid_fn,
        );

        // Only write if they don't correspond to the default values as defined in the
        // PDF specification.
        if stroke.width != 1.0 {
            self.content.set_line_width(stroke.width);
        }

        if stroke.miter_limit != 10.0 {
            self.content.set_miter_limit(stroke.miter_limit);
        }

        if stroke.line_cap != LineCap::Butt {
            self.content.set_line_cap(stroke.line_cap.to_pdf_line_cap());
        }

        if stroke.line_join != LineJoin::Miter {
            self.content
                .set_line_join(stroke.line_join.to_pdf_line_join());
        }

        if let Some(stroke_dash) = &stroke.dash {
            self.content
                .set_dash_pattern(stroke_dash.array.iter().copied(), stroke_dash.offset);
        }
    }

    fn content_draw_path(&mut self, path_data: impl Iterator<Item = PathSegment>) {
        // Taken from resvg
        fn calc(n1: f32, n2: f32) -> f32 {
            (n1 + n2 * 2.0) / 3.0
        }

        let mut p_prev = None;

        for operation in path_data {
            match operation {
                PathSegment::MoveTo(p) => {
                    self.content.move_to(p.x, p.y);
                    p_prev = Some(p);
                }
                PathSegment::LineTo(p) => {
                    self.content.line_to(p.x, p.y);
                    p_prev = Some(p);
                }
                PathSegment::QuadTo(p1, p2) => {
                    // Since PDF doesn't support quad curves, we need to convert them into
                    // cubic.
                    let prev = p_prev.unwrap();
                    self.content.cubic_to(
                        calc(prev.x, p1.x),
                        calc(prev.y, p1.y),
                        calc(p2.x, p1.x),
                        calc(p2.y, p1.y),
                        p2.x,
                        p2.y,
                    );
                    p_prev = Some(p2);
                }
                PathSegment::CubicTo(p1, p2, p3) => {
                    self.content.cubic_to(p1.x, p1.y, p2.x, p2.y, p3.x, p3.y);
                    p_prev = Some(p3);
                }
                PathSegment::Close => {
                    self.content.close_path();
                }
            };
        }
    }
}

/// vitae patch: writes the text showing operators of glyph runs (`[…]TJ` and `(…)Tj`), the
/// bytes pdf-writer's `show_positioned` and `show` write, without going through them.
///
/// pdf-writer writes each glyph string byte by byte through a general escaper (about 60
/// instructions per byte: CIDs are two bytes, mostly a `\000` escape and one printable byte)
/// and formats every adjustment anew (through ryu; a run's kerning and word spaces repeat the
/// same few values). Here a string is escaped through a table and each distinct adjustment is
/// formatted once per stream, by pdf-writer itself, into `numbers`, and copied after that.
///
/// The operators cannot be written into the `Content` (pdf-writer has no way to add raw
/// bytes), so they are collected in `bytes`, each with the length the content had when it was
/// written, and spliced in by [`TextOps::finish`]. That gives the same stream because what
/// pdf-writer writes after an operator depends only on the last byte before it (whether it is
/// a delimiter), and both candidates end in a letter: the content before the splice ends with
/// the `Tm` that always precedes a text showing operator, the operator itself with `TJ` or
/// `Tj`. The limits pdf-writer would have registered for the strings and arrays (their
/// longest lengths) are registered through `numbers` in `finish`, which already holds those of
/// the adjustments.
struct TextOps {
    /// Whether the operators are written here: not under pretty output, whose padding
    /// depends on more than the last byte (then `content` writes them, as before).
    enabled: bool,
    /// The operators, one after the other.
    bytes: Vec<u8>,
    /// For each operator, the length of `content` when it was written (where it goes) and
    /// the end of its bytes in `bytes`.
    splices: Vec<(usize, usize)>,
    /// A content stream of the same settings, in which pdf-writer formats each distinct
    /// adjustment (and registers its limits); created on the first glyph run.
    numbers: Option<Content>,
    /// The text of recent adjustments, by their bits: a direct-mapped cache of
    /// `NUMBER_SLOTS` slots, each the bits, the text's length (0 for an empty slot) and up to
    /// 16 bytes of text (a longer text is formatted anew each time).
    formatted: Box<[(u32, u8, [u8; 16]); NUMBER_SLOTS]>,
    /// Where the text of each font name is in `numbers`, by its place in
    /// `ContentBuilder::font_names` (`None` until it is first used).
    names: Vec<Option<(usize, usize)>>,
    /// The largest marked-content identifier (as an absolute value) `marked_span` wrote,
    /// for the limits.
    max_mcid: Option<i32>,
    /// Whether `1 0 0 -1` has gone through `number` (so its limits are registered).
    flip_known: bool,
    /// The string `begin_string` started: where its `(` is in `bytes`, its length in bytes
    /// (unescaped), and whether every byte so far was written (ASCII, not a parenthesis).
    string_start: usize,
    string_len: usize,
    string_plain: bool,
    /// The number of items of the `TJ` array being written.
    items: usize,
    /// The longest string and the longest array written, for the limits.
    max_str_len: usize,
    max_array_len: usize,
}

/// vitae patch: the first four numbers of a matrix that flips the y axis.
const Y_FLIP: [f32; 4] = [1.0, 0.0, 0.0, -1.0];

/// vitae patch: the number of slots of `TextOps::formatted`, as a power of two: 256, for
/// 6 KB per content stream; a résumé page has a few hundred distinct numbers in its text
/// operators (positions, sizes, kerning), and fewer slots lost repeated ones to collisions.
const NUMBER_SLOT_BITS: u32 = 8;
const NUMBER_SLOTS: usize = 1 << NUMBER_SLOT_BITS;

/// vitae patch: how pdf-writer 0.15's `Str::write` writes each byte of a string that is all
/// ASCII (a literal string): the bytes of the escape in the low 32 bits (first byte lowest),
/// their number above. Parentheses have length 0: they are escaped or not depending on the
/// whole string.
const LITERAL_ESCAPES: [u64; 128] = {
    let mut table = [0u64; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let escape: [u8; 5] = match b {
            b'(' | b')' => [0, 0, 0, 0, 0],
            b'\\' => [2, b'\\', b'\\', 0, 0],
            b' '..=b'~' => [1, b, 0, 0, 0],
            b'\n' => [2, b'\\', b'n', 0, 0],
            b'\r' => [2, b'\\', b'r', 0, 0],
            b'\t' => [2, b'\\', b't', 0, 0],
            0x08 => [2, b'\\', b'b', 0, 0],
            0x0c => [2, b'\\', b'f', 0, 0],
            // Three octal digits.
            _ => [
                4,
                b'\\',
                b'0' + (b >> 6),
                b'0' + ((b >> 3) & 7),
                b'0' + (b & 7),
            ],
        };
        table[byte] = (escape[1] as u64)
            | ((escape[2] as u64) << 8)
            | ((escape[3] as u64) << 16)
            | ((escape[4] as u64) << 24)
            | ((escape[0] as u64) << 32);
        byte += 1;
    }
    table
};

/// vitae patch: the two upper-case hexadecimal digits pdf-writer writes for a byte of a hex
/// string (a string with a byte outside ASCII).
const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

impl TextOps {
    fn new(enabled: bool) -> Self {
        Self {
            enabled,
            bytes: Vec::new(),
            splices: Vec::new(),
            numbers: None,
            names: Vec::new(),
            flip_known: false,
            max_mcid: None,
            string_start: 0,
            string_len: 0,
            string_plain: true,
            formatted: Box::new([(0, 0, [0; 16]); NUMBER_SLOTS]),
            items: 0,
            max_str_len: 0,
            max_array_len: 0,
        }
    }

    /// Creates `numbers`, with the stream's settings, unless it exists.
    fn ensure_numbers(&mut self, sc: &SerializeContext) {
        if self.enabled && self.numbers.is_none() {
            self.numbers = Some(sc.new_content());
        }
    }

    /// Starts the operators of a glyph run, to go where `content` has length `at` (after
    /// its `Tr`).
    fn begin(&mut self, at: usize) {
        self.splices.push((at, 0));
    }

    /// Ends the operators `begin` started.
    fn end(&mut self) {
        if self.enabled {
            let last = self.splices.last_mut().expect("`begin` before `end`");
            last.1 = self.bytes.len();
        }
    }

    /// `content.set_font(name, size)` after an operator: the name needs no padding (it
    /// starts with a delimiter), the size a space. The name's text is formatted once per
    /// font name (`index`, its place in `ContentBuilder::font_names`).
    fn set_font(&mut self, index: usize, name: Name, size: f32) {
        if self.names.len() <= index {
            self.names.resize(index + 1, None);
        }
        let numbers = self
            .numbers
            .as_mut()
            .expect("`ensure_numbers` before a glyph run");
        let (start, end) = *self.names[index].get_or_insert_with(|| {
            format_in(numbers, |op| {
                op.operand(name);
            })
        });
        self.bytes
            .extend_from_slice(&numbers.as_bytes()[start..end]);
        self.bytes.push(b' ');
        self.number(size);
        self.bytes.extend_from_slice(b" Tf");
    }

    /// `content.set_text_matrix(matrix)` after `Tf`: each number after a space.
    fn set_text_matrix(&mut self, matrix: [f32; 6]) {
        self.transform(matrix);
        self.bytes.extend_from_slice(b" Tm");
    }

    /// The six numbers of a matrix, each after a space. A glyph run's text matrix and
    /// most of its `cm`s flip the y axis: `1 0 0 -1` is written at once (formatted through
    /// `number` the first time, for its limits).
    fn transform(&mut self, matrix: [f32; 6]) {
        let (flip, rest) = matrix.split_at(4);
        if self.flip_known
            && flip
                .iter()
                .map(|v| v.to_bits())
                .eq(Y_FLIP.map(f32::to_bits))
        {
            self.bytes.extend_from_slice(b" 1 0 0 -1");
        } else {
            for &value in flip {
                self.bytes.push(b' ');
                self.number(value);
            }
            self.flip_known |= flip
                .iter()
                .map(|v| v.to_bits())
                .eq(Y_FLIP.map(f32::to_bits));
        }
        for &value in rest {
            self.bytes.push(b' ');
            self.number(value);
        }
    }

    /// `content.begin_marked_content_with_properties(Name(b"Span")).properties()
    /// .pairs([(Name(b"MCID"), mcid)])` after `content`'s last operator (the `EMC` of the
    /// previous section). Returns false (writing nothing) under the conditions of
    /// `concat_transform`: then the caller writes it.
    fn marked_span(&mut self, content: &Content, mcid: i32) -> bool {
        if !self.after_operator(content) {
            return false;
        }
        self.begin(content.len());
        // The name and the dictionary start with delimiters (no padding); the number after
        // the key is padded; nothing pads `BDC` after the dictionary's end.
        self.bytes.extend_from_slice(b"/Span<</MCID ");
        let mut digits = [0u8; 11];
        let mut at = digits.len();
        let mut rest = mcid.unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        if mcid < 0 {
            at -= 1;
            digits[at] = b'-';
        }
        self.bytes.extend_from_slice(&digits[at..]);
        self.bytes.extend_from_slice(b">>BDC");
        self.end();
        self.max_mcid = Some(self.max_mcid.unwrap_or(0).max(mcid.abs()));
        true
    }

    /// `content.set_fill_rgb(r, g, b)` after `content`'s last operator; false (writing
    /// nothing) under the conditions of `concat_transform`.
    fn fill_rgb(&mut self, content: &Content, [r, g, b]: [f32; 3]) -> bool {
        if !self.after_operator(content) {
            return false;
        }
        self.begin(content.len());
        for value in [r, g, b] {
            self.bytes.push(b' ');
            self.number(value);
        }
        self.bytes.extend_from_slice(b" rg");
        self.end();
        true
    }

    /// Whether an operator written by `TextOps` can go at the end of `content`: it is
    /// enabled and has its `numbers` (for the limits), and `content` ends with an operator
    /// (not empty, not a delimiter), so that what pdf-writer writes next is padded the same
    /// after it as after the spliced operator, which also ends with a letter.
    fn after_operator(&self, content: &Content) -> bool {
        self.enabled
            && self.numbers.is_some()
            && content.as_bytes().last().is_some_and(|b| {
                !matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'/' | b'%')
            })
    }

    /// `content.transform(matrix)` at length `at` of `content`, whose last byte is not a
    /// delimiter (the `q` before it): a space before each number, then `cm`. Returns false
    /// (writing nothing) when `content` is empty or ends with a delimiter, or `TextOps` is
    /// disabled: then the caller writes it.
    fn concat_transform(&mut self, content: &Content, matrix: [f32; 6]) -> bool {
        if !self.after_operator(content) {
            return false;
        }
        self.begin(content.len());
        self.transform(matrix);
        self.bytes.extend_from_slice(b" cm");
        self.end();
        true
    }

    /// `content.show(Str(string))` after `Tm`: no padding before the string.
    fn show(&mut self, string: &[u8]) {
        self.string(string);
        self.bytes.extend_from_slice(b"Tj");
    }

    /// Starts `content.show_positioned().items()` after `Tm`: no padding before the array.
    fn begin_positioned(&mut self) {
        self.bytes.push(b'[');
        self.items = 0;
    }

    /// Starts `items.show(Str(..))` for glyphs given one by one (`push_glyph`), written as a
    /// literal string as they come; `end_string` ends it. A string starts with a delimiter:
    /// no padding before it.
    fn begin_string(&mut self) {
        self.items += 1;
        self.string_start = self.bytes.len();
        self.string_len = 0;
        self.string_plain = true;
        self.bytes.push(b'(');
    }

    /// Adds a glyph's bytes (`PDFGlyph::encode_into`) to the string `begin_string` started,
    /// escaped as in `string`, while every byte is ASCII and no parenthesis (whose escape
    /// depends on the whole string); after that only counts them.
    #[inline(always)]
    fn push_glyph(&mut self, glyph: PDFGlyph) {
        match glyph {
            PDFGlyph::Cid(cid) => {
                self.string_len += 2;
                let [first, second] = cid.to_be_bytes();
                if self.string_plain && first < 128 && second < 128 {
                    let first = LITERAL_ESCAPES[usize::from(first)];
                    let second = LITERAL_ESCAPES[usize::from(second)];
                    let (first_len, second_len) = (first >> 32, second >> 32);
                    if first_len != 0 && second_len != 0 {
                        let word =
                            (first & 0xFFFF_FFFF) | ((second & 0xFFFF_FFFF) << (8 * first_len));
                        let len = self.bytes.len();
                        self.bytes.extend_from_slice(&word.to_le_bytes());
                        self.bytes.truncate(len + (first_len + second_len) as usize);
                        return;
                    }
                }
            }
            PDFGlyph::Type3(byte) => {
                self.string_len += 1;
                if self.string_plain && byte < 128 {
                    let escape = LITERAL_ESCAPES[usize::from(byte)];
                    if escape >> 32 != 0 {
                        let len = self.bytes.len();
                        self.bytes.extend_from_slice(&escape.to_le_bytes()[..4]);
                        self.bytes.truncate(len + (escape >> 32) as usize);
                        return;
                    }
                }
            }
        }
        self.string_plain = false;
    }

    /// Ends the string `begin_string` started, whose glyphs were `glyphs`: `)` when all of
    /// them were written; otherwise the string is written again by `string` from their bytes
    /// (encoded into `scratch`), as a hex string or with its parentheses escaped as needed.
    fn end_string(&mut self, glyphs: &[(FontSlot, PDFGlyph)], scratch: &mut Vec<u8>) {
        if self.string_plain {
            self.bytes.push(b')');
            self.max_str_len = self.max_str_len.max(self.string_len);
        } else {
            self.bytes.truncate(self.string_start);
            scratch.clear();
            for (_, glyph) in glyphs {
                glyph.encode_into(scratch);
            }
            self.string(scratch);
        }
    }

    /// `items.show(Str(string))` for a string given whole (the tests' reference for
    /// `begin_string`). A string starts with a delimiter: no padding before it.
    #[cfg(test)]
    fn item_str(&mut self, string: &[u8]) {
        self.items += 1;
        self.string(string);
    }

    /// `items.adjust(value)`: padded with a space after an item that does not end with a
    /// delimiter (as `Obj::primitive` does; a string always does, and two adjustments never
    /// follow each other, so this never pads in practice).
    fn item_number(&mut self, value: f32) {
        if self.items > 0
            && !matches!(
                self.bytes.last(),
                Some(b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'/' | b'%')
            )
        {
            self.bytes.push(b' ');
        }
        self.items += 1;
        self.number(value);
    }

    /// The text pdf-writer writes for `value` (`Buf::push_float`), from the cache or
    /// formatted by pdf-writer in `numbers` (`number_cold`).
    #[inline(always)]
    fn number(&mut self, value: f32) {
        let bits = value.to_bits();
        // Fibonacci hashing: the top bits of the product pick the slot.
        let slot = &self.formatted[number_slot(bits)];
        if slot.1 != 0 && slot.0 == bits {
            // The sixteen bytes at once, then the length of the text.
            let len = self.bytes.len();
            self.bytes.extend_from_slice(&slot.2);
            self.bytes.truncate(len + usize::from(slot.1));
        } else {
            self.number_cold(value);
        }
    }

    /// `number` for a value not in the cache: formats it and caches its text.
    #[inline(never)]
    fn number_cold(&mut self, value: f32) {
        let bits = value.to_bits();
        let numbers = self
            .numbers
            .as_mut()
            .expect("`ensure_numbers` before a glyph run");
        let (start, end) = format_in(numbers, |op| {
            op.operand(value);
        });
        let text = &numbers.as_bytes()[start..end];
        self.bytes.extend_from_slice(text);
        if text.len() <= 16 {
            let slot = &mut self.formatted[number_slot(bits)];
            slot.0 = bits;
            slot.1 = text.len() as u8;
            slot.2[..text.len()].copy_from_slice(text);
        }
    }

    /// Ends the array (`items.finish(); positioned.finish()`: `]TJ`, no padding after the
    /// delimiter) and records it at the length `begin_positioned` was given.
    fn end_positioned(&mut self) {
        self.bytes.extend_from_slice(b"]TJ");
        self.max_array_len = self.max_array_len.max(self.items);
    }

    /// pdf-writer's `Str::write`: a literal string when every byte is ASCII (escaped as
    /// `LITERAL_ESCAPES` says; parentheses escaped unless the string's are balanced, decided
    /// at the first one), a hex string otherwise.
    fn string(&mut self, string: &[u8]) {
        self.max_str_len = self.max_str_len.max(string.len());
        let out = &mut self.bytes;
        if string.is_ascii() {
            // Two delimiters and at most four bytes per byte.
            out.reserve(2 + 4 * string.len());
            let start = out.len();
            out.push(b'(');
            // Two bytes (a CID) at a time: both escapes in one word, written at once, then
            // cut to their length.
            let mut pairs = string.chunks_exact(2);
            let mut plain = true;
            for pair in &mut pairs {
                let first = LITERAL_ESCAPES[usize::from(pair[0])];
                let second = LITERAL_ESCAPES[usize::from(pair[1])];
                let (first_len, second_len) = (first >> 32, second >> 32);
                if first_len == 0 || second_len == 0 {
                    plain = false;
                    break;
                }
                let word = (first & 0xFFFF_FFFF) | ((second & 0xFFFF_FFFF) << (8 * first_len));
                let len = out.len();
                out.extend_from_slice(&word.to_le_bytes());
                out.truncate(len + (first_len + second_len) as usize);
            }
            if let (true, [last]) = (plain, pairs.remainder()) {
                let escape = LITERAL_ESCAPES[usize::from(*last)];
                plain = escape >> 32 != 0;
                if plain {
                    let len = out.len();
                    out.extend_from_slice(&escape.to_le_bytes()[..4]);
                    out.truncate(len + (escape >> 32) as usize);
                }
            }
            if !plain {
                // A parenthesis: start again, byte by byte.
                out.truncate(start + 1);
                let mut balanced = None;
                for &byte in string {
                    let escape = LITERAL_ESCAPES[usize::from(byte)];
                    if escape >> 32 == 0 {
                        let balanced = *balanced
                            .get_or_insert_with(|| byte != b')' && parentheses_balance(string));
                        if !balanced {
                            out.push(b'\\');
                        }
                        out.push(byte);
                    } else {
                        let len = out.len();
                        out.extend_from_slice(&escape.to_le_bytes()[..4]);
                        out.truncate(len + (escape >> 32) as usize);
                    }
                }
            }
            out.push(b')');
        } else {
            // Two delimiters and two digits per byte.
            out.reserve(2 + 2 * string.len());
            out.push(b'<');
            for &byte in string {
                out.extend_from_slice(&[
                    HEX_DIGITS[usize::from(byte >> 4)],
                    HEX_DIGITS[usize::from(byte & 0xF)],
                ]);
            }
            out.push(b'>');
        }
    }

    /// The stream's bytes: `content` with the operators spliced in; registers the limits
    /// of their strings and arrays (and adjustments).
    fn finish(mut self, content: &[u8], sc: &mut SerializeContext) -> Vec<u8> {
        if self.splices.is_empty() {
            return content.to_vec();
        }
        if let Some(limits) = self.limits() {
            sc.register_limits(&limits);
        }
        self.splice(content)
    }

    /// The limits pdf-writer would have registered for the operators (`None` before the
    /// first glyph run); takes `numbers`.
    fn limits(&mut self) -> Option<pdf_writer::Limits> {
        let mut numbers = self.numbers.take()?;
        // A string and an array of the longest lengths register those limits.
        numbers.show(Str(&vec![b'a'; self.max_str_len]));
        numbers
            .op("")
            .obj()
            .array()
            .items(std::iter::repeat_n(0, self.max_array_len));
        // A marked-content span registers its names, one dictionary entry and the number.
        if let Some(mcid) = self.max_mcid {
            numbers
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .pairs([(Name(b"MCID"), mcid)]);
        }
        Some(numbers.finish().limits().clone())
    }

    /// `content` with the operators spliced in.
    fn splice(&self, content: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(content.len() + self.bytes.len());
        let (mut from, mut from_op) = (0, 0);
        for &(at, end) in &self.splices {
            // `Content::finish` drops a trailing newline, which only pretty output writes.
            let at = at.min(content.len());
            out.extend_from_slice(&content[from..at]);
            out.extend_from_slice(&self.bytes[from_op..end]);
            (from, from_op) = (at, end);
        }
        out.extend_from_slice(&content[from..]);
        out
    }
}

/// vitae patch: the slot of `TextOps::formatted` for a number's bits (Fibonacci hashing:
/// the top bits of the product by 2^32 / φ).
#[inline(always)]
fn number_slot(bits: u32) -> usize {
    (bits.wrapping_mul(0x9E37_79B9) >> (32 - NUMBER_SLOT_BITS)) as usize
}

/// vitae patch: writes one operand with pdf-writer into `numbers` (as the only operand of
/// an empty operator, which pads it with spaces) and returns where its text is.
fn format_in(
    numbers: &mut Content,
    write: impl FnOnce(&mut pdf_writer::writers::Operation<'_>),
) -> (usize, usize) {
    let start = numbers.len();
    write(&mut numbers.op(""));
    let bytes = numbers.as_bytes();
    let (mut start, mut end) = (start, bytes.len());
    while start < end && bytes[start] == b' ' {
        start += 1;
    }
    while end > start && bytes[end - 1] == b' ' {
        end -= 1;
    }
    (start, end)
}

/// pdf-writer's `Str::is_balanced`: whether every `)` closes an earlier `(` and every `(`
/// is closed.
fn parentheses_balance(string: &[u8]) -> bool {
    let mut depth = 0usize;
    for &byte in string {
        match byte {
            b'(' => depth += 1,
            b')' if depth > 0 => depth -= 1,
            b')' => return false,
            _ => {}
        }
    }
    depth == 0
}

// Note that this isn't a 100% accurate calculation, it can overestimate (and in a few cases
// even underestimate), but it should be good enough for the majority of the cases.
// TODO: Improve this so that `zalgo_text` test case shows up fully in the reference image.
fn get_glyphs_bbox(glyphs: &[impl Glyph], x: f32, y: f32, size: f32, font: Font) -> Rect {
    let font_bbox = font.bbox();
    let (mut bl, mut bt, mut br, mut bb) = font_bbox
        .transform(Transform::from_scale(
            size / font.units_per_em(),
            -size / font.units_per_em(),
        ))
        .and_then(|b| b.transform(Transform::from_translate(x, y)))
        .map(|b| (b.left(), b.top(), b.right(), b.bottom()))
        .unwrap_or((x, y, x + 1.0, y + 1.0));

    let mut x = x;
    let mut y = y;

    for glyph in glyphs {
        let xo = glyph.x_offset(size);
        let xa = glyph.x_advance(size);
        let yo = glyph.y_offset(size);
        let ya = glyph.y_advance(size);

        x += xa;
        y -= ya;

        bl = bl.min(x + xo);
        br = br.max(x + xo);
        bt = bt.min(y - yo);
        bb = bb.max(y - yo);
    }

    Rect::from_ltrb(bl, bt, br, bb).unwrap()
}

/// vitae patch: `TextOps` writes the bytes and limits pdf-writer writes for the same text
/// showing operators.
#[cfg(test)]
mod vitae_patch_text_ops_tests {
    use super::{Content, FontSlot, PDFGlyph, Str, TextOps};

    /// What a glyph run's text showing operator holds.
    enum Item {
        Str(Vec<u8>),
        Number(f32),
    }

    /// A few operators of a text object, as pdf-writer writes them, and as `TextOps`
    /// splices them into the rest, with the limits of each.
    fn both(ops: &[Vec<Item>]) -> ((Vec<u8>, pdf_writer::Limits), (Vec<u8>, pdf_writer::Limits)) {
        // krilla writes compact PDF (`SerializeSettings::pretty` is off by default).
        let new = || Content::with_settings(pdf_writer::Settings { pretty: false });
        let mut expected = new();
        let mut content = new();
        let mut text_ops = TextOps::new(true);
        text_ops.numbers = Some(new());
        let mut scratch = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            for c in [&mut expected, &mut content] {
                c.set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Fill);
            }
            // Two fonts, sizes and positions, some repeated.
            let name = [&b"f0"[..], b"f12"][i % 2];
            let size = [10.0, 12.5, 9.0][i % 3];
            let matrix = [
                1.0,
                0.0,
                0.0,
                -1.0,
                53.85827 * (i % 4) as f32,
                94.63558 + (i % 5) as f32,
            ];
            expected.set_font(pdf_writer::Name(name), size);
            expected.set_text_matrix(matrix);
            text_ops.begin(content.len());
            text_ops.set_font(i % 2, pdf_writer::Name(name), size);
            text_ops.set_text_matrix(matrix);
            match op.as_slice() {
                // A single string is shown with `Tj`.
                [Item::Str(s)] if i % 2 == 0 => {
                    expected.show(Str(s));
                    text_ops.show(s);
                }
                _ => {
                    let mut positioned = expected.show_positioned();
                    let mut items = positioned.items();
                    text_ops.begin_positioned();
                    for item in op {
                        match item {
                            // Every other string given glyph by glyph, as glyph runs are
                            // (two bytes a CID, or one a Type 3 glyph).
                            Item::Str(s) if (i + s.len()) % 3 != 0 => {
                                items.show(Str(s));
                                let glyphs: Vec<(FontSlot, PDFGlyph)> = if s.len() % 2 == 0 {
                                    s.chunks(2)
                                        .map(|p| {
                                            (
                                                FontSlot::Cid,
                                                PDFGlyph::Cid(u16::from_be_bytes([p[0], p[1]])),
                                            )
                                        })
                                        .collect()
                                } else {
                                    s.iter()
                                        .map(|&b| (FontSlot::Cid, PDFGlyph::Type3(b)))
                                        .collect()
                                };
                                text_ops.begin_string();
                                for &(_, glyph) in &glyphs {
                                    text_ops.push_glyph(glyph);
                                }
                                text_ops.end_string(&glyphs, &mut scratch);
                            }
                            Item::Str(s) => {
                                items.show(Str(s));
                                text_ops.item_str(s);
                            }
                            Item::Number(n) => {
                                items.adjust(*n);
                                text_ops.item_number(*n);
                            }
                        }
                    }
                    drop(items);
                    drop(positioned);
                    text_ops.end_positioned();
                }
            }
            text_ops.end();
            // What follows a text showing operator: another run, a span's end or the end of
            // the text object.
            for c in [&mut expected, &mut content] {
                if i % 3 == 1 {
                    c.end_marked_content();
                }
            }
        }
        for c in [&mut expected, &mut content] {
            c.end_text();
        }
        let expected = expected.finish();
        let content = content.finish();
        let mut limits = content.limits().clone();
        limits.merge(&text_ops.limits().unwrap());
        (
            (expected.to_vec(), expected.limits().clone()),
            (text_ops.splice(&content), limits),
        )
    }

    /// A small deterministic generator (xorshift), for strings of every kind of byte.
    struct Bytes(u64);

    impl Bytes {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        /// A string of `len` bytes: mostly two-byte CIDs below 256 (a zero byte and any
        /// other, as glyph runs have), some with parentheses, backslashes and control bytes,
        /// some outside ASCII.
        fn string(&mut self, len: usize) -> Vec<u8> {
            let kind = self.next() % 4;
            (0..len)
                .map(|i| {
                    let r = self.next();
                    match kind {
                        0 if i % 2 == 0 => 0,
                        0 | 1 => (r % 128) as u8,
                        2 => {
                            let specials = b"()\\\n\r\t\x08\x0c a\x00\x7f";
                            specials[(r % specials.len() as u64) as usize]
                        }
                        _ => r as u8,
                    }
                })
                .collect()
        }
    }

    #[test]
    fn vitae_patch_text_ops_write_what_pdf_writer_writes() {
        let mut bytes = Bytes(0x9E37_79B9_7F4A_7C15);
        let numbers = [
            19.256088, -7.0, 10.0, 0.5, -0.001, 1e-7, 123456.79, 17.712341, 2.0,
        ];
        for round in 0..300 {
            let ops: Vec<Vec<Item>> = (0..6)
                .map(|op| {
                    let len = (bytes.next() % 7) as usize + 1;
                    (0..len)
                        .map(|i| {
                            let r = bytes.next();
                            // Strings and numbers alternate, either may come first.
                            if (i + op + round) % 2 == 0 {
                                let n = (r % 12) as usize + 1;
                                Item::Str(bytes.string(n))
                            } else {
                                Item::Number(numbers[(r % numbers.len() as u64) as usize])
                            }
                        })
                        .collect()
                })
                .collect();
            let (expected, got) = both(&ops);
            assert_eq!(
                String::from_utf8_lossy(&got.0),
                String::from_utf8_lossy(&expected.0)
            );
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn vitae_patch_text_ops_escape_every_two_byte_string_as_pdf_writer() {
        for hi in 0..=255u8 {
            let ops: Vec<Vec<Item>> = (0..=255u8)
                .map(|lo| {
                    vec![
                        Item::Str(vec![hi, lo]),
                        Item::Number(1.5),
                        Item::Str(vec![lo, b'(', hi]),
                    ]
                })
                .collect();
            let (expected, got) = both(&ops);
            assert_eq!(got, expected, "high byte {hi}");
        }
    }
}

/// vitae patch: `TextOps` writes the marked-content spans, transforms and fill colours
/// pdf-writer writes, and leaves the first operator of a stream to it.
#[cfg(test)]
mod vitae_patch_text_ops_span_tests {
    use super::{Content, Name, TextOps};

    #[test]
    fn vitae_patch_text_ops_write_spans_and_transforms_as_pdf_writer() {
        let new = || Content::with_settings(pdf_writer::Settings { pretty: false });
        let (mut expected, mut content) = (new(), new());
        let mut text_ops = TextOps::new(true);
        text_ops.numbers = Some(new());
        let matrices = [
            [1.0, 0.0, 0.0, -1.0, 0.0, 841.8898],
            [0.99, 0.0, 0.0, -1.0, 53.85827, 728.2992],
            [1.0, 0.0, -0.212_556_56, 1.0, 20.5, 0.0],
        ];
        let mut spliced = 0;
        for (i, mcid) in [0, 7, 12345, -3, i32::MAX, 10, 11].into_iter().enumerate() {
            expected
                .begin_marked_content_with_properties(Name(b"Span"))
                .properties()
                .pairs([(Name(b"MCID"), mcid)]);
            if text_ops.marked_span(&content, mcid) {
                spliced += 1;
            } else {
                content
                    .begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .pairs([(Name(b"MCID"), mcid)]);
            }
            let matrix = matrices[i % matrices.len()];
            for c in [&mut expected, &mut content] {
                c.save_state();
            }
            expected.transform(matrix);
            if text_ops.concat_transform(&content, matrix) {
                spliced += 1;
            } else {
                content.transform(matrix);
            }
            let [r, g, b] = [[0.0, 0.0, 0.0], [0.101_960_786; 3], [0.2, 0.4, 1.0]][i % 3];
            expected.set_fill_rgb(r, g, b);
            if text_ops.fill_rgb(&content, [r, g, b]) {
                spliced += 1;
            } else {
                content.set_fill_rgb(r, g, b);
            }
            for c in [&mut expected, &mut content] {
                c.restore_state();
                c.end_marked_content();
            }
        }
        // The stream's first span is left to pdf-writer (nothing precedes it).
        assert_eq!(spliced, 20);
        let (expected, content) = (expected.finish(), content.finish());
        let mut limits = content.limits().clone();
        limits.merge(&text_ops.limits().unwrap());
        assert_eq!(
            String::from_utf8_lossy(&text_ops.splice(&content)),
            String::from_utf8_lossy(&expected)
        );
        assert_eq!(&limits, expected.limits());
    }
}
