//! A face's Unicode coverage, read from its cmap subtable a segment at a time.
//!
//! The coverage used to be built from skrifa's `Charmap::mappings`, one code point at a time
//! (half a million instructions for the four faces of a typical résumé). A format 12 group and
//! a format 4 segment with no glyph id array map whole runs of code points to consecutive
//! glyphs, so each contributes its run at once. The result is exactly the old one, for every
//! font: the subtable choice, the iteration limits and the handling of malformed (overlapping,
//! unsorted, truncated) data below replicate skrifa 0.42.1's `charmap.rs` and read-fonts 0.39's
//! `Cmap4Iter` and `Cmap12Iter` rule by rule. The old per-code-point function is kept in the
//! tests as the oracle.

use skrifa::raw::TableProvider;
use skrifa::raw::tables::cmap::{Cmap4, Cmap12, CmapIterLimits, CmapSubtable, PlatformId};

/// Collects the code points a face maps to a real glyph (not glyph 0), as sorted inclusive
/// ranges: the same vector skrifa's `Charmap::mappings` gives when consecutive code points are
/// merged in iteration order and the ranges then sorted.
pub(super) fn coverage_ranges(font: &skrifa::FontRef<'_>) -> Vec<(u32, u32)> {
    let mut ranges = match codepoint_subtable(font) {
        Some(CmapSubtable::Format4(cmap4)) => format4_ranges(&cmap4),
        Some(CmapSubtable::Format12(cmap12)) => {
            // skrifa iterates format 12 with the font's default limits (U+10FFFF and maxp's
            // glyph count).
            format12_ranges(&cmap12, CmapIterLimits::default_for_font(font))
        }
        // skrifa's charmap supports formats 4 and 12 only; no subtable means no mappings.
        _ => Vec::new(),
    };
    ranges.sort_unstable();
    ranges
}

/// Ranges built in the order the code points were found, merging a run that starts right
/// after the last range's end into it (and nothing else, exactly as the per-code-point loop
/// did, so malformed subtables give the same, possibly overlapping, ranges).
struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    /// Adds the code points `start..end` (exclusive end), if any.
    fn push(&mut self, start: u32, end: u32) {
        if start >= end {
            return;
        }
        match self.0.last_mut() {
            Some((_, last)) if *last + 1 == start => *last = end - 1,
            _ => self.0.push((start, end - 1)),
        }
    }

    /// Adds the code points `start..end` except `hole` (the one that maps to glyph 0).
    fn push_without(&mut self, start: u32, end: u32, hole: u32) {
        if (start..end).contains(&hole) {
            self.push(start, hole);
            self.push(hole + 1, end);
        } else {
            self.push(start, end);
        }
    }
}

/// How good a subtable is for Unicode mapping; a greater kind wins (skrifa's `MappingKind`).
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Kind {
    None,
    UnicodeBmp,
    UnicodeFull,
    Symbol,
}

/// Chooses the subtable skrifa's `Charmap` maps code points with (`MappingSelection::new`):
/// the encoding records are searched from last to first and the first parseable format 4 or
/// 12 subtable of the best kind wins, a Windows symbol subtable before a full-repertoire
/// Unicode one before a BMP one. Unicode variation sequence records (0, 5) are never chosen,
/// and the symbol font's U+F000 mirroring of U+0000–00FF applies to `map`, not to `mappings`,
/// so it does not show here either.
fn codepoint_subtable<'a>(font: &skrifa::FontRef<'a>) -> Option<CmapSubtable<'a>> {
    // Encoding ids, as skrifa names them.
    const MS_SYMBOL: u16 = 0;
    const MS_UNICODE_CS: u16 = 1;
    const APPLE_UNICODE_32: u16 = 4;
    const APPLE_VARIANT_SELECTOR: u16 = 5;
    const MS_UCS_4: u16 = 10;
    let cmap = font.cmap().ok()?;
    let mut best = (Kind::None, None);
    for record in cmap.encoding_records().iter().rev() {
        let kind = match (record.platform_id(), record.encoding_id()) {
            (PlatformId::Unicode, APPLE_VARIANT_SELECTOR) => continue,
            (PlatformId::Windows, MS_SYMBOL) => Kind::Symbol,
            (PlatformId::Windows, MS_UCS_4) | (PlatformId::Unicode, APPLE_UNICODE_32) => Kind::UnicodeFull,
            (PlatformId::ISO, _) | (PlatformId::Unicode, _) | (PlatformId::Windows, MS_UNICODE_CS) => {
                Kind::UnicodeBmp
            }
            _ => continue,
        };
        // Parsing has no side effect, so skipping it for a kind that cannot win changes nothing.
        if kind <= best.0 {
            continue;
        }
        if let Ok(subtable @ (CmapSubtable::Format4(_) | CmapSubtable::Format12(_))) =
            record.subtable(cmap.offset_data())
        {
            best = (kind, Some(subtable));
        }
    }
    best.1
}

/// Collects the mappings of a format 12 subtable, as read-fonts' `Cmap12Iter` yields them with
/// `limits`: each group is clipped to the glyph count and to `limits.max_char` (exclusive),
/// and starts no earlier than where the previous group's (clipped) range ended, that end being
/// taken as is even when it lies before the previous start.
fn format12_ranges(cmap12: &Cmap12<'_>, limits: CmapIterLimits) -> Vec<(u32, u32)> {
    // u64 as in read-fonts, where an end code plus one cannot overflow.
    let (max_char, glyph_count) = (u64::from(limits.max_char), u64::from(limits.glyph_count));
    let groups = cmap12.groups();
    // A group gives at most one range (two around a glyph 0): room for one each saves regrowth.
    let mut ranges = Ranges(Vec::with_capacity(groups.len()));
    let mut previous_end = None;
    for group in groups {
        let first = u64::from(group.start_char_code());
        let first_glyph = u64::from(group.start_glyph_id());
        let end = glyph_count
            .saturating_sub(first_glyph)
            .saturating_add(first)
            .min((u64::from(group.end_char_code()) + 1).min(max_char));
        let start = match previous_end {
            Some(previous) if first < previous => previous,
            _ => first,
        };
        previous_end = Some(end);
        if start >= end {
            continue;
        }
        // The glyph of `c` is `first_glyph + (c - first)` modulo 2^32, zero at this code point
        // (only reachable at `first` when the group starts at glyph 0, given the clamps).
        let hole = first + ((1u64 << 32) - first_glyph) % (1u64 << 32);
        // `end` is at most `max_char`, a u32, so every code point here fits one.
        let (start, end) = (start as u32, end as u32);
        match u32::try_from(hole) {
            Ok(hole) => ranges.push_without(start, end, hole),
            Err(_) => ranges.push(start, end),
        }
    }
    ranges.0
}

/// Collects the mappings of a format 4 subtable, as read-fonts' `Cmap4Iter` yields them: segments
/// in table order, each starting no earlier than the furthest end so far (its exclusive end
/// raised to that too), and a segment whose delta or range offset is missing (truncated
/// table) mapping nothing.
fn format4_ranges(cmap4: &Cmap4<'_>) -> Vec<(u32, u32)> {
    let (starts, ends) = (cmap4.start_code(), cmap4.end_code());
    let (deltas, offsets) = (cmap4.id_delta(), cmap4.id_range_offsets());
    let segments = starts.len().min(ends.len());
    // Room for one range per segment, which most segments give at most: saves regrowth.
    let mut ranges = Ranges(Vec::with_capacity(segments));
    let mut previous_end = 0;
    for index in 0..segments {
        let first = u32::from(starts[index].get());
        let last = u32::from(ends[index].get()) + 1;
        // The first segment is taken as is; later ones are pushed past the previous end.
        let (start, end) =
            if index == 0 { (first, last) } else { (first.max(previous_end), last.max(previous_end)) };
        previous_end = end;
        let (Some(delta), Some(offset)) = (deltas.get(index), offsets.get(index)) else {
            continue;
        };
        let (delta, offset) = (delta.get(), offset.get());
        if offset == 0 {
            // The glyph is `c + delta` modulo 65536, zero for the one code point `-delta`.
            ranges.push_without(start, end, u32::from((delta as u16).wrapping_neg()));
        } else {
            format4_glyph_array_ranges(cmap4, index, start, end, delta, offset, &mut ranges);
        }
    }
    ranges.0
}

/// Adds the mapped code points of one format 4 segment that reads its glyphs from the glyph id
/// array, one code point at a time, as read-fonts' `Cmap4::lookup_glyph_id` does (including its
/// use of the clipped start as the segment's start and its clamp of the array index).
fn format4_glyph_array_ranges(
    cmap4: &Cmap4<'_>,
    index: usize,
    start: u32,
    end: u32,
    delta: i16,
    offset: u16,
    ranges: &mut Ranges,
) {
    let glyphs = cmap4.glyph_id_array();
    // The range offset counts bytes from its own entry: skip the rest of that array (the
    // caller read this segment's entry, so `index` is inside it).
    let skip = cmap4.id_range_offsets().len() - index;
    for c in start..end {
        let at = (usize::from(offset) / 2 + (c - start) as usize).saturating_sub(skip);
        let Some(glyph) = glyphs.get(at).map(|g| g.get()) else {
            continue;
        };
        if glyph != 0 && glyph.wrapping_add(delta as u16) != 0 {
            ranges.push(c, c + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::MetadataProvider;

    /// The oracle: the per-code-point construction this module replaces, unchanged.
    fn coverage_by_code_point(font: &skrifa::FontRef<'_>) -> Vec<(u32, u32)> {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for (c, g) in font.charmap().mappings() {
            if g.to_u32() == 0 {
                continue;
            }
            match ranges.last_mut() {
                Some((_, end)) if *end + 1 == c => *end = c,
                _ => ranges.push((c, c)),
            }
        }
        ranges.sort_unstable();
        ranges
    }

    /// Asserts that the segment construction agrees with the oracle on `bytes`, and that both
    /// give `expected` (so the synthetic fonts also document what the quirks amount to).
    fn check(bytes: &[u8], expected: &[(u32, u32)]) {
        let font = skrifa::FontRef::new(bytes).unwrap();
        assert_eq!(coverage_ranges(&font), coverage_by_code_point(&font), "against the oracle");
        assert_eq!(coverage_ranges(&font), expected, "against the expected ranges");
    }

    /// A font file holding `tables`, whose tags must ascend (read-fonts then binary searches
    /// them). Checksums and the directory's search fields are zero: read-fonts reads neither.
    fn font(tables: &[(&[u8; 4], Vec<u8>)]) -> Vec<u8> {
        // The offset table is 12 bytes, each table record 16.
        let directory_len = 12 + 16 * tables.len();
        let mut head = 0x0001_0000u32.to_be_bytes().to_vec(); // TrueType outlines
        head.extend((tables.len() as u16).to_be_bytes());
        head.extend([0; 6]);
        let mut body = Vec::new();
        for (tag, data) in tables {
            head.extend(*tag);
            head.extend(0u32.to_be_bytes());
            head.extend(((directory_len + body.len()) as u32).to_be_bytes());
            head.extend((data.len() as u32).to_be_bytes());
            body.extend(data);
            // Tables start on 4-byte boundaries.
            body.resize(body.len().next_multiple_of(4), 0);
        }
        head.extend(body);
        head
    }

    /// A version 0.5 maxp table (the 6-byte CFF form): just the glyph count.
    fn maxp(num_glyphs: u16) -> Vec<u8> {
        let mut t = 0x0000_5000u32.to_be_bytes().to_vec();
        t.extend(num_glyphs.to_be_bytes());
        t
    }

    /// A cmap table with one encoding record (platform, encoding) per subtable, in this order.
    fn cmap(records: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        // The header is 4 bytes, each encoding record 8.
        let mut offset = 4 + 8 * records.len();
        let mut t = 0u16.to_be_bytes().to_vec();
        t.extend((records.len() as u16).to_be_bytes());
        for (platform, encoding, subtable) in records {
            t.extend(platform.to_be_bytes());
            t.extend(encoding.to_be_bytes());
            t.extend((offset as u32).to_be_bytes());
            offset += subtable.len();
        }
        for (_, _, subtable) in records {
            t.extend(subtable);
        }
        t
    }

    /// Where a format 4 segment takes its glyphs from.
    #[derive(Clone, Copy)]
    enum Glyphs {
        /// `c + delta` (an id range offset of 0).
        Delta,
        /// The glyph id array from this index on, plus delta.
        Array(u16),
        /// This raw id range offset, as a malformed font may hold.
        RawOffset(u16),
    }

    /// A format 4 subtable of `(start, end, delta, glyphs)` segments, in this order, and a
    /// glyph id array.
    fn format4(segments: &[(u16, u16, i16, Glyphs)], glyph_ids: &[u16]) -> Vec<u8> {
        let n = segments.len() as u16;
        // Header 14 bytes, reserved pad 2, four arrays of n u16s, then the glyph ids.
        let length = 16 + 8 * n + 2 * glyph_ids.len() as u16;
        let mut t = Vec::new();
        // format, length, language, segCountX2; searchRange and co. are unused by read-fonts.
        for v in [4, length, 0, 2 * n, 0, 0, 0] {
            t.extend(v.to_be_bytes());
        }
        t.extend(segments.iter().flat_map(|s| s.1.to_be_bytes()));
        t.extend(0u16.to_be_bytes());
        t.extend(segments.iter().flat_map(|s| s.0.to_be_bytes()));
        t.extend(segments.iter().flat_map(|s| s.2.to_be_bytes()));
        for (i, s) in segments.iter().enumerate() {
            let offset = match s.3 {
                Glyphs::Delta => 0,
                // Counted in bytes from this entry: the rest of the offsets, then the ids.
                Glyphs::Array(k) => 2 * (n - i as u16 + k),
                Glyphs::RawOffset(offset) => offset,
            };
            t.extend(offset.to_be_bytes());
        }
        t.extend(glyph_ids.iter().flat_map(|g| g.to_be_bytes()));
        t
    }

    /// A format 12 subtable of `(start, end, start glyph)` groups, in this order.
    fn format12(groups: &[(u32, u32, u32)]) -> Vec<u8> {
        let mut t = 12u16.to_be_bytes().to_vec();
        t.extend(0u16.to_be_bytes());
        // The header is 16 bytes, each group 12.
        t.extend((16 + 12 * groups.len() as u32).to_be_bytes());
        t.extend(0u32.to_be_bytes());
        t.extend((groups.len() as u32).to_be_bytes());
        t.extend(groups.iter().flat_map(|g| [g.0, g.1, g.2]).flat_map(u32::to_be_bytes));
        t
    }

    /// A format 6 subtable (trimmed table, supported by read-fonts but not by skrifa's
    /// charmap) mapping `first` to glyph 1.
    fn format6(first: u16) -> Vec<u8> {
        // format, length (10-byte header and one id), language, firstCode, entryCount, id.
        [6u16, 12, 0, first, 1, 1].iter().flat_map(|v| v.to_be_bytes()).collect()
    }

    #[test]
    fn every_bundled_font_gets_the_oracles_ranges() {
        let files = crate::files::repository_files("fonts", "ttf");
        // Inter and Source Serif 4 ×4, Noto Sans Arabic, Devanagari, Hebrew and Thai ×2, the
        // CJK fallback and the emoji font.
        assert_eq!(files.len(), 18, "{files:?}");
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            let font = skrifa::FontRef::new(&bytes).unwrap();
            let ranges = coverage_ranges(&font);
            assert!(!ranges.is_empty(), "{path:?}");
            assert_eq!(ranges, coverage_by_code_point(&font), "{path:?}");
        }
    }

    #[test]
    fn every_bundled_fonts_format4_subtable_alone_gets_the_oracles_ranges() {
        // skrifa prefers the format 12 subtable most bundled fonts also have, so their format 4
        // subtables (real data with glyph id arrays) get a font of their own.
        let mut tested = 0;
        for path in crate::files::repository_files("fonts", "ttf") {
            let bytes = std::fs::read(&path).unwrap();
            let font = skrifa::FontRef::new(&bytes).unwrap();
            let cmap = font.cmap().unwrap();
            let num_glyphs = font.maxp().unwrap().num_glyphs();
            for record in cmap.encoding_records() {
                let Ok(CmapSubtable::Format4(cmap4)) = record.subtable(cmap.offset_data()) else {
                    continue;
                };
                let subtable = &cmap4.offset_data().as_bytes()[..usize::from(cmap4.length())];
                let alone = self::font(&[
                    (b"cmap", self::cmap(&[(3, 1, subtable.to_vec())])),
                    (b"maxp", maxp(num_glyphs)),
                ]);
                let alone = skrifa::FontRef::new(&alone).unwrap();
                let ranges = coverage_ranges(&alone);
                assert!(!ranges.is_empty(), "{path:?}");
                assert_eq!(ranges, coverage_by_code_point(&alone), "{path:?}");
                tested += 1;
            }
        }
        // Two format 4 subtables (Unicode and Windows) in 16 fonts, a Windows one in the CJK
        // fallback, none in the emoji font.
        assert_eq!(tested, 33);
    }

    #[test]
    fn format4_segments_with_wrapping_deltas_glyph_arrays_and_overlaps() {
        use Glyphs::*;
        let segments = [
            // Glyphs 3..=97, then a run that merges with it.
            (0x0020, 0x007E, -29, Delta),
            (0x007F, 0x0080, -29, Delta),
            // U+00A8 maps to glyph 0 and splits the segment.
            (0x00A0, 0x00B0, -0xA8, Delta),
            // Ids 5, 0, 7, 8, 0xFFFF plus 1: the 0 and the sum wrapping to 0 are unmapped.
            (0x0100, 0x0104, 1, Array(0)),
            // A segment whose one code point maps to glyph 0.
            (0x0200, 0x0200, -0x200, Delta),
            // Unsorted: starts before the previous end, so only U+0201.. counts.
            (0x0180, 0x0210, 100, Delta),
            // The delta wraps past 65535: glyph 0xFFF8 up, glyph 0 at U+EFF8, then 1, 2, ...
            (0xEFF0, 0xF000, 0x1008, Delta),
            // Overlaps the end of the previous one: clipped to U+F001..=F005.
            (0xF000, 0xF005, 7, Delta),
            // Wholly before the furthest end: nothing, and the end stays put.
            (0xE000, 0xE010, 3, Delta),
            (0xF003, 0xF008, 2, Delta),
            // Clipped to U+F009..: read-fonts indexes the array from the clipped start, so
            // U+F009 reads id 0 (unmapped) and U+F00A id 12.
            (0xF007, 0xF00A, 0, Array(5)),
            // Runs off the end of the array: id 0, then nothing.
            (0xF100, 0xF102, 0, Array(8)),
            // An offset pointing before the array: read-fonts clamps the index to 0 (id 5).
            (0xF200, 0xF201, 0, RawOffset(2)),
            // The closing segment maps U+FFFF to glyph 0.
            (0xFFFF, 0xFFFF, 1, Delta),
        ];
        let ids = [5, 0, 7, 8, 0xFFFF, 0, 12, 13, 0];
        let expected = [
            (0x20, 0x80),
            (0xA0, 0xA7),
            (0xA9, 0xB0),
            (0x100, 0x100),
            (0x102, 0x103),
            (0x201, 0x210),
            (0xEFF0, 0xEFF7),
            (0xEFF9, 0xF008),
            (0xF00A, 0xF00A),
            (0xF200, 0xF201),
        ];
        check(&font(&[(b"cmap", cmap(&[(3, 1, format4(&segments, &ids))]))]), &expected);
    }

    #[test]
    fn format12_groups_are_clipped_like_skrifas_iterator() {
        let groups = [
            // Starts at glyph 0: U+0020 is unmapped.
            (0x20, 0x30, 0),
            // Overlaps the previous group: clipped to U+0031.., merging with it.
            (0x28, 0x40, 50),
            // Unsorted: clipped to nothing, and its own end (U+0016) becomes the next start.
            (0x10, 0x15, 60),
            // So this one, before the earlier groups' end, still counts.
            (0x18, 0x1A, 10),
            // Glyphs 150.. in a 200-glyph font: only 50 code points count.
            (0x1000, 0x1100, 150),
            // Glyphs beyond the glyph count: nothing.
            (0x2000, 0x2010, 300),
            // Glyph 199 is the last one.
            (0x2005, 0x2008, 199),
            // End before start: nothing.
            (0x3000, 0x2FFF, 5),
            // Glyph ids that would wrap past 2^32 to 0: beyond the glyph count, so nothing.
            (0x5000, 0x5005, 0xFFFF_FFFE),
            // Past U+10FFFF: clipped to U+10FFFE (read-fonts' limit is exclusive).
            (0x10_FFF0, 0x11_0010, 100),
            (0x10_FFFF, 0x10_FFFF, 1),
        ];
        let expected =
            [(0x18, 0x1A), (0x21, 0x40), (0x1000, 0x1031), (0x2005, 0x2005), (0x10_FFF0, 0x10_FFFE)];
        let cmap = cmap(&[(3, 10, format12(&groups))]);
        check(&font(&[(b"cmap", cmap), (b"maxp", maxp(200))]), &expected);
    }

    #[test]
    fn format12_without_maxp_allows_65535_glyphs() {
        let groups = [(0x20, 0x20, 0), (0x100, 0x1000, 65_000)];
        // 65535 - 65000 = 535 code points from U+0100.
        check(&font(&[(b"cmap", cmap(&[(0, 4, format12(&groups))]))]), &[(0x100, 0x100 + 534)]);
    }

    /// A format 4 subtable mapping the one code point `c` to glyph 1.
    fn one(c: u16) -> Vec<u8> {
        format4(&[(c, c, 1 - c as i16, Glyphs::Delta), (0xFFFF, 0xFFFF, 1, Glyphs::Delta)], &[])
    }

    #[test]
    fn the_subtable_is_the_one_skrifa_maps_with() {
        let only = |records: &[(u16, u16, Vec<u8>)]| font(&[(b"cmap", cmap(records))]);
        // Full repertoire beats BMP, wherever it stands.
        check(&only(&[(3, 10, format12(&[(0x42, 0x42, 1)])), (3, 1, one(0x41))]), &[(0x42, 0x42)]);
        // A symbol subtable beats both, and its U+F000 mirror of Latin-1 is not a mapping.
        let records = [(3, 0, one(0xF041)), (3, 10, format12(&[(0x42, 0x42, 1)])), (0, 3, one(0x41))];
        check(&only(&records), &[(0xF041, 0xF041)]);
        // Among equals the last record wins; variation selector, Macintosh and unsupported or
        // unreadable subtables are passed over.
        let records = [
            (0, 3, one(0x41)),
            (2, 1, one(0x43)),
            (1, 0, one(0x44)),
            (0, 5, one(0x45)),
            (3, 10, format6(0x46)),
            (0, 4, vec![0, 99, 0, 0]),
        ];
        check(&only(&records), &[(0x43, 0x43)]);
        // No usable subtable, no cmap records, no cmap: no coverage.
        check(&only(&[(3, 10, format6(0x46))]), &[]);
        check(&only(&[]), &[]);
        check(&font(&[(b"maxp", maxp(10))]), &[]);
    }
}
