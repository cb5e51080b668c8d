use std::cell::{RefCell, RefMut};
use std::ops::Range;
use std::rc::Rc;

use crate::color::rgb;
use crate::text::type3::ColoredGlyph;
use crate::text::Glyph;
use crate::text::{FontContainer, FontSlot, PDFGlyph};

pub(crate) enum GlyphSpan<'a, T>
where
    T: Glyph,
{
    Unspanned(&'a [T]),
    Spanned(&'a [T], &'a str),
}

impl<T> GlyphSpan<'_, T>
where
    T: Glyph,
{
    pub(crate) fn glyphs(&self) -> &[T] {
        match self {
            GlyphSpan::Unspanned(glyphs) => glyphs,
            GlyphSpan::Spanned(glyphs, _) => glyphs,
        }
    }

    pub(crate) fn actual_text(&self) -> Option<&str> {
        match self {
            GlyphSpan::Unspanned(_) => None,
            GlyphSpan::Spanned(_, text) => Some(text),
        }
    }
}

/// In PDF, correspondences between glyphs and Unicode codepoints are expressed
/// via a CMAP. In a CMAP, you can assign a sequence of Unicode codepoints to each
/// glyph. There are two issues with this approach:
/// - How to deal with the fact that the same glyph might be assigned two different codepoints
///   in different contexts (i.e. space and NZWJ).
/// - How to deal with complex shaping scenarios, where there is not a one-to-one or
///   one-to-many correspondence between glyphs and codepoints, but instead a many-to-one
///   or many-to-many mapping.
///
/// The answer to this is the `ActualText` feature of PDF, which allows to define some custom
/// actual text for a number of glyphs, which overrides anything else. Unfortunately, this
/// is seemingly only supported in Acrobat and Chrome, but it's the only proper way of addressing
/// this issue.
///
/// This is the task of the `TextSpanner`. Given a sequence of glyphs, it segments the
/// sequence into subruns of glyphs that either do need to be wrapped in an actual text
/// attribute, or not.
pub(crate) struct GlyphSpanner<'a, T>
where
    T: Glyph,
{
    slice: &'a [T],
    context_color: rgb::Color,
    reversed: bool,
    forbid_invalid_codepoints: bool,
    font_container: Rc<RefCell<FontContainer>>,
    text: &'a str,
}

impl<'a, T> GlyphSpanner<'a, T>
where
    T: Glyph,
{
    pub(crate) fn new(
        slice: &'a [T],
        text: &'a str,
        reversed: bool,
        forbid_invalid_codepoints: bool,
        context_color: rgb::Color,
        font_container: Rc<RefCell<FontContainer>>,
    ) -> Self {
        Self {
            slice,
            context_color,
            reversed,
            forbid_invalid_codepoints,
            text,
            font_container,
        }
    }
}

impl<'a, T> Iterator for GlyphSpanner<'a, T>
where
    T: Glyph,
{
    type Item = GlyphSpan<'a, T>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        fn func<U>(
            g: &U,
            context_color: rgb::Color,
            previous_range: Option<Range<usize>>,
            forbid_invalid_codepoints: bool,
            mut font_container: RefMut<FontContainer>,
            text: &str,
        ) -> (Range<usize>, bool)
        where
            U: Glyph,
        {
            // vitae patch: the glyph's font as a slot, without cloning its identifier.
            let (slot, pdf_glyph) =
                font_container.add_glyph_slot(ColoredGlyph::new(g.glyph_id(), context_color));
            let pdf_font = font_container.pdf_font_mut(slot);

            let range = g.text_range().clone();
            let text = &text[range.clone()];
            let codepoints = pdf_font.get_codepoints(pdf_glyph);
            // Check if the glyph has already been assigned codepoints that don't match the
            // one we are seeing right now.
            let incompatible_codepoint = codepoints.is_some_and(|c| c != text);

            // Only set the codepoint if there isn't a previous, different mapping.
            //
            // If we could set it, we only want to insert a codepoint if we are not already
            // building a spanned run (which is the case if the previous range is the same).
            // If we are building a spanned run, it means that the glyphs are part of the same
            // cluster, in which case only the first glyph should be assigned the codepoint,
            // while all other glyphs in the same cluster should not be assigned anything.
            // Otherwise, when copying text from the PDF, we will get the same codepoint multiple
            // times in viewers that don't support `ActualText`.
            //
            // However, in case we are for example exporting to PDF/UA, every glyph is required
            // to have a valid codepoint mapping. So in this case, we still add the codepoints
            // to each glyph in the cluster, this will result in worse copy-pasting in viewers
            // that don't support `ActualText`.
            if !incompatible_codepoint
                && (previous_range != Some(range.clone()) || forbid_invalid_codepoints)
                && codepoints != Some(text)
            {
                pdf_font.set_codepoints(pdf_glyph, text.to_string(), g.location());
            }

            (range, incompatible_codepoint)
        }

        let mut use_span = None;
        let mut count = 1;

        let mut iter = self.slice.iter();

        // Get the range of the first glyph, as well as whether it's
        // incompatible.
        let (first_range, first_incompatible) = func(
            iter.next()?,
            self.context_color,
            None,
            self.forbid_invalid_codepoints,
            self.font_container.borrow_mut(),
            self.text,
        );

        let mut prev_range = first_range.clone();

        for next in iter {
            let (next_range, next_incompatible) = func(
                next,
                self.context_color,
                Some(prev_range.clone()),
                self.forbid_invalid_codepoints,
                self.font_container.borrow_mut(),
                self.text,
            );

            match use_span {
                // In this case, we just started and we are looking at the first two glyphs.
                // This decides whether the current run will be spanned, or not.
                None => {
                    if prev_range == next_range {
                        // The two glyphs are in the same range, so we definitely want this run
                        // to be spanned, and also want to include both glyphs in that run.
                        use_span = Some(true);
                    } else {
                        // Else, whether we use a span depends on whether the first glyph
                        // is incompatible.
                        use_span = Some(first_incompatible);

                        // If either the first glyph or the second glyph are incompatible, they
                        // need to be in separate runs, since they are not part of the same cluster.
                        if first_incompatible || next_incompatible {
                            break;
                        }

                        // If none are incompatible, then `use_span` is false, and we can also
                        // include the next glyph in that unspanned run.
                    }
                }
                // We are currently building a spanned range, and all glyphs
                // are part of the same cluster.
                Some(true) => {
                    // If the next glyph is not part of the same cluster, terminate the current
                    // span and don't include the next one.
                    if prev_range != next_range {
                        break;
                    }
                }
                // We are currently building an unspanned range, meaning the
                // glyphs are not part of the same cluster.
                Some(false) => {
                    // If the previous and next glyph are part of the same range this means
                    // that they are part of the same cluster. This means that the previous
                    // AND the next glyph should be part of the upcoming spanned range, not
                    // the current one. To exclude the next glyph, we need to do
                    // `count -= 1` before terminating.
                    if prev_range == next_range {
                        count -= 1;
                        break;
                    }

                    // If the next one is incompatible, terminate the
                    // current run, since the next one needs to be spanned.
                    if next_incompatible {
                        break;
                    }
                }
            }

            prev_range = next_range;
            count += 1;

            // PDF 1.7 § 14.8.2.3.3 says that `/ReversedChars` show strings shall not contain
            // interior space glyphs. Thus, we check whether we have a glyph that is not the first
            // one and which has a space as its text mapping, and if so, stop after it. That a space
            // is in the same cluster as another codepoint should be exceedingly rare, so we do a
            // literal comparison against `" "` instead of a containment check and prefer to
            // continue otherwise.
            if self.reversed && count > 1 && &self.text[prev_range.clone()] == " " {
                break;
            }
        }

        // If we only had one glyph to begin with (and never entered the for loop), then
        // it should be spanned if its codepoint is incompatible.
        if count == 1 {
            use_span = Some(first_incompatible);
        }

        let (head, tail) = self.slice.split_at(count);
        self.slice = tail;

        let fragment = match use_span.unwrap_or(false) {
            true => GlyphSpan::Spanned(head, &self.text[first_range]),
            false => GlyphSpan::Unspanned(head),
        };

        Some(fragment)
    }
}

pub(crate) struct GlyphGroup<'a, T>
where
    T: Glyph,
{
    // vitae patch: the slot of the group's PDF font and the PDF glyph of each of its glyphs,
    // resolved once per glyph, instead of its `FontIdentifier` and a `get_gid` per glyph.
    pub(crate) slot: FontSlot,
    pub(crate) glyphs: &'a [T],
    pub(crate) pdf_glyphs: &'a [(FontSlot, PDFGlyph)],
    // This will be stored in normalized form (i.e. at a font size of 1).
    pub(crate) y_offset: f32,
    // This will be stored in normalized form (i.e. at a font size of 1).
    pub(crate) y_advance: f32,
}

// The GlyphGrouper further segments glyph runs (that already have been segmented
// by `TextSpanner` into subruns that can be encoded as one consecutive run in PDF.
// This is necessary because:
// - The user provides a font for the whole glyph run, but in PDF, the font might
// have to be switched if the glyph maps to a different Type3 font.
// - The glyph contains a y_offset/y_advance, which cannot be expressed as an adjustment
// and requires us to start a new run with a transformation matrix that takes this
// adjustment into account.
//
// vitae patch: the grouper reads each glyph's font slot from `props` (one entry per glyph,
// resolved by the caller) instead of looking the glyph up again in the font container
// (`get_glyph_props`, which cloned its `FontIdentifier`); the groups are the same.
pub(crate) struct GlyphGrouper<'a, T>
where
    T: Glyph,
{
    slice: &'a [T],
    props: &'a [(FontSlot, PDFGlyph)],
}

impl<'a, T> GlyphGrouper<'a, T>
where
    T: Glyph,
{
    pub fn new(slice: &'a [T], props: &'a [(FontSlot, PDFGlyph)]) -> Self {
        debug_assert_eq!(slice.len(), props.len());
        Self { slice, props }
    }
}

impl<'a, T> Iterator for GlyphGrouper<'a, T>
where
    T: Glyph,
{
    type Item = GlyphGroup<'a, T>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        // Guarantees: All glyphs in `head` have the font slot of the first, the same size and
        // the same y offset.
        let first = self.slice.first()?;
        let slot = self.props[0].0;
        let y_offset = first.y_offset(1.0);
        let y_advance = first.y_advance(1.0);

        let mut count = 1;
        for (next, &(next_slot, _)) in self.slice[1..].iter().zip(&self.props[1..]) {
            // If either of those is different, we need to start a new subrun.
            if slot != next_slot
                || y_offset != next.y_offset(1.0)
                || y_advance != 0.0
                || next.y_advance(1.0) != 0.0
            {
                break;
            }

            count += 1;
        }

        let (head, tail) = self.slice.split_at(count);
        let (head_props, tail_props) = self.props.split_at(count);
        self.slice = tail;
        self.props = tail_props;

        Some(GlyphGroup {
            slot,
            glyphs: head,
            pdf_glyphs: head_props,
            y_offset,
            y_advance,
        })
    }
}

/// vitae patch: the slot and PDF glyph of each glyph of a fragment the `GlyphSpanner` gave,
/// into `props` (cleared first); the spanner has added all of them to the container.
pub(crate) fn glyph_props(
    glyphs: &[impl Glyph],
    context_color: rgb::Color,
    font_container: &FontContainer,
    props: &mut Vec<(FontSlot, PDFGlyph)>,
) {
    props.clear();
    props.extend(glyphs.iter().map(|g| {
        // Safe because we've already added all glyphs in the text spanner.
        font_container
            .glyph_slot(ColoredGlyph::new(g.glyph_id(), context_color))
            .unwrap()
    }));
}

/// vitae patch: `props` (cleared first) receives the slot and PDF glyph of every glyph this
/// adds; when it returns `false` (no span needed) that is every glyph of the run, in order,
/// and the caller groups and encodes the run from them without looking a glyph up again.
pub fn use_text_spanner(
    glyphs: &[impl Glyph],
    text: &str,
    context_color: rgb::Color,
    font_container: &mut FontContainer,
    props: &mut Vec<(FontSlot, PDFGlyph)>,
) -> bool {
    props.clear();
    if glyphs.is_empty() {
        return false;
    }

    let mut do_text_span = false;
    // We _might_ need to group glyphs either if they are mapped to different PDF fonts (which
    // can only happen for Type3 fonts, not CID fonts), or if a glyph has a different y/x offset.
    // Note that it's of course possible that we always use the same Type3 font, but we need to
    // be conservative here.

    let mut check_single = |glyph, do_text_span: &mut bool| {
        // As soon as we know that the glyph run requires a text span, we do not insert any codepoints
        // anymore, because otherwise we might unnecessarily pollute the cmap with entries that
        // wouldn't be necessary. The text spanner will then iterate over the all glyphs again
        // and thus take care of inserting cmap entries for any remaining glyphs we ignore now.
        // The only reason we keep going and don't early abort is in order to fully
        // check the `do_glyph_grouping` property.
        if !*do_text_span {
            check_text_span_prop(
                glyph,
                text,
                context_color,
                font_container,
                do_text_span,
                props,
            );
        }
    };

    for glyphs in glyphs.windows(2) {
        let prev = &glyphs[0];
        let next = &glyphs[1];

        // If two glyphs are part of the same cluster, we definitely need a text span.
        do_text_span |= prev.text_range() == next.text_range();

        check_single(prev, &mut do_text_span);
    }

    // Since windows checks groups of two, we need to manually check the last glyph
    check_single(glyphs.last().unwrap(), &mut do_text_span);

    do_text_span
}

/// vitae patch: inlined into `use_text_spanner`'s loop (it runs for every glyph drawn), with
/// the rare first sight of a glyph (`set_first_codepoints`) out of line, and the glyph's text
/// compared with its codepoints by `same_text` (no call for the one-byte texts most glyphs
/// have); the same decisions.
#[inline(always)]
fn check_text_span_prop(
    glyph: &impl Glyph,
    text: &str,
    context_color: rgb::Color,
    font_container: &mut FontContainer,
    do_text_span: &mut bool,
    props: &mut Vec<(FontSlot, PDFGlyph)>,
) {
    // vitae patch: the glyph's font as a slot, without cloning its identifier, kept for the
    // grouping and encoding of the run.
    let (slot, pdf_glyph) =
        font_container.add_glyph_slot(ColoredGlyph::new(glyph.glyph_id(), context_color));
    props.push((slot, pdf_glyph));

    let range = glyph.text_range().clone();
    let text = &text[range.clone()];
    let codepoints = font_container.codepoints(slot, pdf_glyph);

    match codepoints {
        // If there already exists an entry, then the codepoints are invalid, and we will have to
        // use a text span.
        Some(t) => *do_text_span |= !same_text(t, text),
        None => set_first_codepoints(glyph, text, font_container, slot, pdf_glyph),
    }
}

/// vitae patch: the codepoints of a glyph seen for the first time (out of line: once per
/// glyph of the font, against once per glyph drawn).
#[inline(never)]
fn set_first_codepoints(
    glyph: &impl Glyph,
    text: &str,
    font_container: &mut FontContainer,
    slot: FontSlot,
    pdf_glyph: PDFGlyph,
) {
    let pdf_font = font_container.pdf_font_mut(slot);
    pdf_font.set_codepoints(pdf_glyph, text.to_string(), glyph.location());
}

/// vitae patch: `a == b`, with texts of one byte (most glyphs' in Latin script) compared
/// without calling `memcmp`.
#[inline(always)]
fn same_text(a: &str, b: &str) -> bool {
    match (a.as_bytes(), b.as_bytes()) {
        ([a], [b]) => a == b,
        (a, b) => a == b,
    }
}
