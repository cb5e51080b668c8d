//! Text and font support.
//!
//! krilla has extensive support for OpenType fonts. It supports CFF-based as well
//! as TTF-based OpenType fonts. In addition to that, krilla also supports
//! all major tables used in color fonts, including the `SVG`, `COLR`, `sbix` and
//! `CBDT`/`EBDT` (only PNG) tables, something that, to the best of my knowledge, no other
//! Rust crates provides.
//!
//! Even better is the fact that you do not need to take care of choosing the right
//! table for drawing glyphs: All you need to do is to provide the [`Font`] object with
//! an appropriate index.

use std::collections::HashMap;
use std::fmt::Debug;
use std::hash::Hash;

use rustc_hash::FxHashMap;

use crate::text::cid::CIDFont;
use crate::text::type3::{ColoredGlyph, Type3Font, Type3FontMapper, Type3ID};
pub(crate) mod cid;
pub(crate) mod font;
pub(crate) mod glyph;
pub(crate) mod group;
#[cfg(feature = "simple-text")]
pub(crate) mod shape;
pub(crate) mod type3;
// vitae patch: byte-for-byte checks of the glyph path against krilla 0.8.2.
#[cfg(test)]
mod vitae_patch_glyph_tests;

pub use font::*;
pub use glyph::*;
#[cfg(feature = "simple-text")]
pub use shape::TextDirection;

pub(crate) const PDF_UNITS_PER_EM: f32 = 1000.0;

/// A unique CID identifier.
#[derive(Clone, Debug, Hash, Eq, PartialEq)]
pub(crate) struct CIDIdentifier(pub Font);

/// A unique Type3 font identifier. Type3 fonts can only hold 256 glyphs, which
/// means that we might have to create more than one Type3 font. This is why we
/// additionally store an index that indicates which specific Type3Font we are
/// referring to.
#[derive(Clone, Debug, Hash, Eq, PartialEq)]
pub(crate) struct Type3Identifier(pub Font, pub Type3ID);

/// A font identifier for a PDF font.
#[derive(Clone, Debug, Hash, Eq, PartialEq)]
pub(crate) enum FontIdentifier {
    Cid(CIDIdentifier),
    Type3(Type3Identifier),
}

/// vitae patch: which PDF font of a [`FontContainer`] a glyph went to, as a copyable index
/// instead of a [`FontIdentifier`], which holds a `Font` (an `Arc`) and was cloned, compared
/// and dropped several times per glyph. Within one container, two slots are equal exactly when
/// their identifiers are: all of its PDF fonts share its `Font`, and Type 3 font `i` sits at
/// position `i` of its mapper.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
pub(crate) enum FontSlot {
    Cid,
    Type3(Type3ID),
}

impl FontSlot {
    #[inline]
    fn of(identifier: &FontIdentifier) -> Self {
        match identifier {
            FontIdentifier::Cid(_) => FontSlot::Cid,
            FontIdentifier::Type3(Type3Identifier(_, index)) => FontSlot::Type3(*index),
        }
    }
}

/// A container that holds all PDF fonts belonging to an OTF font.
pub(crate) struct FontContainer {
    font: Font,
    type3_mapper: Type3FontMapper,
    cid_font: CIDFont,
    cid_cache: FxHashMap<u32, (FontIdentifier, PDFGlyph)>,
    type3_cache: HashMap<ColoredGlyph, (FontIdentifier, PDFGlyph)>,
    /// vitae patch: `cid_cache` as a table indexed by glyph ID (`NO_CID` where the glyph has
    /// no CID yet), one entry per glyph of the font: the glyph path reads a glyph's CID there
    /// without hashing.
    cid_by_gid: Vec<u16>,
    /// vitae patch: whether the font has a table of colour or bitmap glyphs (`should_outline`
    /// asks each glyph's SVG, COLR and bitmap data; without any of these tables the answer is
    /// whether the font can be a CID font at all).
    has_color_tables: bool,
}

/// vitae patch: a `cid_by_gid` entry of a glyph without a CID. A font has at most 65,535
/// glyphs, so no CID is 65,535.
const NO_CID: u16 = u16::MAX;

/// vitae patch: whether the font has any table that `svg::has_svg_data`, `colr::has_colr_data`
/// or `bitmap::has_bitmap_data` reads (skrifa's `BitmapStrikes` looks for sbix, CBLC with CBDT
/// and EBLC with EBDT, `ColorGlyphCollection` for COLR); without them all three are false.
fn has_color_tables(font: &Font) -> bool {
    use skrifa::raw::TableProvider;
    let font_ref = font.font_ref();
    [
        b"SVG ", b"COLR", b"sbix", b"CBLC", b"CBDT", b"EBLC", b"EBDT",
    ]
    .iter()
    .any(|tag| font_ref.data_for_tag(skrifa::Tag::new(tag)).is_some())
}

impl FontContainer {
    pub(crate) fn new(font: Font) -> Self {
        Self {
            font: font.clone(),
            type3_mapper: Type3FontMapper::new(font.clone()),
            cid_font: CIDFont::new(font.clone()),
            cid_cache: Default::default(),
            type3_cache: Default::default(),
            cid_by_gid: vec![NO_CID; font.num_glyphs() as usize],
            has_color_tables: has_color_tables(&font),
        }
    }

    pub(crate) fn type3_mapper(&self) -> &Type3FontMapper {
        &self.type3_mapper
    }

    pub(crate) fn cid_font(&self) -> &CIDFont {
        &self.cid_font
    }

    #[allow(dead_code)] // vitae patch: the glyph path resolves glyphs through `FontSlot`.
    #[inline]
    pub(crate) fn font_identifier(&self, glyph: ColoredGlyph) -> Option<FontIdentifier> {
        let (id, _) = self
            .cid_cache
            .get(&glyph.glyph_id.to_u32())
            .or_else(|| self.type3_cache.get(&glyph.to_owned()))?;
        Some(id.clone())
    }

    #[allow(dead_code)] // vitae patch: the glyph path resolves glyphs through `FontSlot`.
    #[inline]
    pub(crate) fn get_from_identifier_mut(
        &mut self,
        font_identifier: FontIdentifier,
    ) -> Option<&mut dyn PdfFont> {
        if self.cid_font.identifier() == font_identifier {
            Some(&mut self.cid_font)
        } else {
            // If the identifier doesn't match either of CID or Type3, this will
            // return `None`.
            Some(self.type3_mapper.font_mut_from_id(font_identifier)?)
        }
    }

    #[allow(dead_code)] // vitae patch: the glyph path resolves glyphs through `FontSlot`.
    #[inline]
    pub(crate) fn get_from_identifier(
        &self,
        font_identifier: FontIdentifier,
    ) -> Option<&dyn PdfFont> {
        if self.cid_font.identifier() == font_identifier {
            Some(&self.cid_font)
        } else {
            // If the identifier doesn't match either of CID or Type3, this will
            // return `None`.
            Some(self.type3_mapper.font_from_id(font_identifier)?)
        }
    }

    #[inline]
    pub(crate) fn add_glyph(&mut self, glyph: ColoredGlyph) -> (FontIdentifier, PDFGlyph) {
        if let Some(e) = self
            .cid_cache
            .get(&glyph.glyph_id.to_u32())
            .or_else(|| self.type3_cache.get(&glyph.to_owned()))
        {
            // We already know whether this glyph uses a CID or Type3 glyph.
            e.clone()
        } else if if self.has_color_tables {
            should_outline(&self.font, glyph.glyph_id)
        } else {
            // vitae patch: `should_outline` without the per-glyph lookups of colour data.
            self.font.font_info().can_be_cid_font()
        } {
            let cid = self.cid_font.add_glyph(glyph.glyph_id);
            let res = (self.cid_font.identifier(), PDFGlyph::Cid(cid));
            self.cid_cache.insert(glyph.glyph_id.to_u32(), res.clone());
            // vitae patch: the same entry in the table.
            if let Some(entry) = self.cid_by_gid.get_mut(glyph.glyph_id.to_u32() as usize) {
                *entry = cid;
            }
            res
        } else {
            let (identifier, gid) = self.type3_mapper.add_glyph(glyph.to_owned());
            let res = (identifier, PDFGlyph::Type3(gid));
            self.type3_cache.insert(glyph.to_owned(), res.clone());
            res
        }
    }
}

/// vitae patch: the glyph path resolves a glyph's PDF font and PDF glyph once, through these,
/// instead of `add_glyph`, `get_from_identifier(_mut)`, `font_identifier` and `get_gid` in turn.
impl FontContainer {
    /// What [`FontContainer::add_glyph`] does, returning the slot of the identifier.
    #[inline]
    pub(crate) fn add_glyph_slot(&mut self, glyph: ColoredGlyph) -> (FontSlot, PDFGlyph) {
        match self.known_cid(glyph) {
            Some(cid) => (FontSlot::Cid, PDFGlyph::Cid(cid)),
            None => self.add_glyph_slot_cold(glyph),
        }
    }

    /// `add_glyph_slot` for a glyph without a CID yet: new, or a Type 3 glyph.
    #[inline(never)]
    fn add_glyph_slot_cold(&mut self, glyph: ColoredGlyph) -> (FontSlot, PDFGlyph) {
        if let Some(known) = self.glyph_slot_cold(glyph) {
            return known;
        }
        let (identifier, pdf_glyph) = self.add_glyph(glyph);
        (FontSlot::of(&identifier), pdf_glyph)
    }

    /// The slot and PDF glyph of a glyph added before (`font_identifier` and `get_gid` in one
    /// lookup: both read the entry `add_glyph` cached).
    #[inline]
    pub(crate) fn glyph_slot(&self, glyph: ColoredGlyph) -> Option<(FontSlot, PDFGlyph)> {
        match self.known_cid(glyph) {
            Some(cid) => Some((FontSlot::Cid, PDFGlyph::Cid(cid))),
            None => self.glyph_slot_cold(glyph),
        }
    }

    /// The CID of the glyph if it has one, from the table (the hot path, inlined).
    #[inline(always)]
    fn known_cid(&self, glyph: ColoredGlyph) -> Option<u16> {
        match self.cid_by_gid.get(glyph.glyph_id.to_u32() as usize) {
            Some(&cid) if cid != NO_CID => Some(cid),
            _ => None,
        }
    }

    /// `glyph_slot` from the caches: glyph IDs beyond the font's count and Type 3 glyphs.
    #[inline(never)]
    fn glyph_slot_cold(&self, glyph: ColoredGlyph) -> Option<(FontSlot, PDFGlyph)> {
        let (identifier, pdf_glyph) = self
            .cid_cache
            .get(&glyph.glyph_id.to_u32())
            .or_else(|| self.type3_cache.get(&glyph))?;
        Some((FontSlot::of(identifier), *pdf_glyph))
    }

    /// `self.pdf_font(slot).get_codepoints(pdf_glyph)`, without a dynamic call for CID fonts.
    #[inline]
    pub(crate) fn codepoints(&self, slot: FontSlot, pdf_glyph: PDFGlyph) -> Option<&str> {
        match (slot, pdf_glyph) {
            (FontSlot::Cid, PDFGlyph::Cid(cid)) => self.cid_font.get_codepoints(cid),
            _ => self.pdf_font(slot).get_codepoints(pdf_glyph),
        }
    }

    /// `self.pdf_font(slot).font().advance_width(glyph_id)`: for a CID font the advance
    /// remembered when the glyph was added, for a Type 3 font the font's, without cloning it.
    #[inline]
    pub(crate) fn font_advance(
        &self,
        slot: FontSlot,
        pdf_glyph: PDFGlyph,
        glyph_id: GlyphId,
    ) -> Option<f32> {
        match (slot, pdf_glyph) {
            (FontSlot::Cid, PDFGlyph::Cid(cid)) => self.cid_font.advance(cid),
            (FontSlot::Cid, PDFGlyph::Type3(_)) => {
                panic!("attempted to pass type 3 glyph to cid font")
            }
            (FontSlot::Type3(index), _) => self.type3_mapper.fonts()[index].advance_width(glyph_id),
        }
    }

    /// The PDF font of a slot (`get_from_identifier`).
    #[inline]
    pub(crate) fn pdf_font(&self, slot: FontSlot) -> &dyn PdfFont {
        match slot {
            FontSlot::Cid => &self.cid_font,
            FontSlot::Type3(index) => &self.type3_mapper.fonts()[index],
        }
    }

    /// The PDF font of a slot (`get_from_identifier_mut`).
    #[inline]
    pub(crate) fn pdf_font_mut(&mut self, slot: FontSlot) -> &mut dyn PdfFont {
        match slot {
            FontSlot::Cid => &mut self.cid_font,
            FontSlot::Type3(index) => self.type3_mapper.font_mut(index),
        }
    }

    /// The identifier of a slot.
    pub(crate) fn identifier(&self, slot: FontSlot) -> FontIdentifier {
        match slot {
            FontSlot::Cid => self.cid_font.identifier(),
            FontSlot::Type3(index) => self.type3_mapper.fonts()[index].identifier(),
        }
    }
}

pub(crate) trait PdfFont {
    fn units_per_em(&self) -> f32;
    fn font(&self) -> Font;
    fn get_codepoints(&self, pdf_glyph: PDFGlyph) -> Option<&str>;
    fn set_codepoints(
        &mut self,
        pdf_glyph: PDFGlyph,
        text: String,
        location: Option<crate::surface::Location>,
    );
    #[allow(dead_code)] // vitae patch: the glyph path resolves glyphs through `FontSlot`.
    fn get_gid(&self, glyph: ColoredGlyph) -> Option<PDFGlyph>;
    fn force_fill(&self) -> bool;
}

impl PdfFont for Type3Font {
    fn units_per_em(&self) -> f32 {
        self.unit_per_em()
    }

    fn font(&self) -> Font {
        Type3Font::font(self)
    }

    #[track_caller]
    fn get_codepoints(&self, pdf_glyph: PDFGlyph) -> Option<&str> {
        match pdf_glyph {
            PDFGlyph::Type3(t3) => self.get_codepoints(t3),
            PDFGlyph::Cid(_) => panic!("attempted to pass cid to type 3 font"),
        }
    }

    #[track_caller]
    fn set_codepoints(
        &mut self,
        pdf_glyph: PDFGlyph,
        text: String,
        location: Option<crate::surface::Location>,
    ) {
        match pdf_glyph {
            PDFGlyph::Type3(t3) => self.set_codepoints(t3, text, location),
            PDFGlyph::Cid(_) => panic!("attempted to pass cid to type 3 font"),
        }
    }

    fn get_gid(&self, glyph: ColoredGlyph) -> Option<PDFGlyph> {
        self.get_gid(&glyph.to_owned()).map(PDFGlyph::Type3)
    }

    fn force_fill(&self) -> bool {
        true
    }
}

impl PdfFont for CIDFont {
    fn units_per_em(&self) -> f32 {
        self.units_per_em()
    }

    fn font(&self) -> Font {
        CIDFont::font(self)
    }

    #[track_caller]
    fn get_codepoints(&self, pdf_glyph: PDFGlyph) -> Option<&str> {
        match pdf_glyph {
            PDFGlyph::Type3(_) => panic!("attempted to pass type 3 glyph to cid font"),
            PDFGlyph::Cid(cid) => self.get_codepoints(cid),
        }
    }

    #[track_caller]
    fn set_codepoints(
        &mut self,
        pdf_glyph: PDFGlyph,
        text: String,
        location: Option<crate::surface::Location>,
    ) {
        match pdf_glyph {
            PDFGlyph::Type3(_) => panic!("attempted to pass type 3 glyph to cid font"),
            PDFGlyph::Cid(cid) => self.set_codepoints(cid, text, location),
        }
    }

    fn get_gid(&self, glyph: ColoredGlyph) -> Option<PDFGlyph> {
        self.get_cid(glyph.glyph_id).map(PDFGlyph::Cid)
    }

    fn force_fill(&self) -> bool {
        false
    }
}
