//! Drawing to a non-page context.
//!
//! In 90% of the cases, you will not have to use streams. In most cases,
//! all you need to do when using this crate is to first construct a document,
//! and then add new pages to the document and use the [`Page::surface`] method to get
//! access to the drawing context. However, there are cases when you don't want to
//! draw on the main page surface, but instead you want to create a "sub-surface"
//! where you can draw independently of the main page contents. This is what streams
//! are there for. Currently, there are only two situations where you need to do that:
//!
//! - When using masks and defining the contents of the mask.
//! - When using a pattern fill or stroke and defining the contents of the pattern.
//!
//! If you want to do any of the two above, you need to call the [`Surface::stream_builder`] method
//! of the current surface. The stream builder represents a kind of sub-context that is
//! independent of the main surface you are working with. Once you have a stream builder, you
//! can once again invoke the [`StreamBuilder::surface`] method, and use this new surface to define the contents
//! of your mask/pattern. In the end, you can call [`StreamBuilder::finish`] which will return a [`Stream`] object.
//! This [`Stream`] object contains the encoded instructions of the mask/pattern, which you can
//! then use to create new [`Pattern`]/[`Mask`] objects.
//!
//! [`Page::surface`]: crate::page::Page::surface
//! [`Surface::stream_builder`]: crate::surface::Surface::stream_builder
//! [`Pattern`]: crate::graphics::paint::Pattern
//! [`Mask`]: crate::graphics::mask::Mask

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::ops::DerefMut;

use flate2::{Compress, Compression, FlushCompress, Status};
use pdf_writer::{Array, Dict, Name};

use crate::chunk_container::ChunkContainer;
use crate::configure::ValidationError;
use crate::content::ContentBuilder;
use crate::geom::{Rect, Transform};
use crate::resource::{ResourceDictionary, ResourceDictionaryBuilder};
use crate::serialize::SerializeContext;
use crate::surface::Surface;
use crate::SerializeSettings;

/// A stream.
///
/// See the module description for an explanation of its purpose.
// The only reason we implement clone for this type is that in some cases,
// we might need to clone a pattern (including its stream)
#[derive(Debug, Hash, Eq, PartialEq, Clone)]
pub struct Stream {
    pub(crate) content: Vec<u8>,
    pub(crate) bbox: Rect,
    // Important: Each object that uses a stream must ensure to pass on the validation
    // errors to the `SerializeContext` at some point. Currently, only `Mask`,
    // `TilingPattern`, `InternalPage` and `XObject` require that.
    pub(crate) validation_errors: Vec<ValidationError>,
    pub(crate) resource_dictionary: ResourceDictionary,
    pub(crate) uses_mask: bool,
}

impl Stream {
    pub(crate) fn new(
        content: Vec<u8>,
        bbox: Rect,
        validation_errors: Vec<ValidationError>,
        resource_dictionary: ResourceDictionary,
        uses_mask: bool,
    ) -> Self {
        Self {
            content,
            bbox,
            validation_errors,
            resource_dictionary,
            uses_mask,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.content.is_empty()
    }

    pub(crate) fn empty() -> Self {
        Self {
            content: vec![],
            bbox: Rect::from_xywh(0.0, 0.0, 0.0, 0.0).unwrap(),
            validation_errors: vec![],
            resource_dictionary: ResourceDictionaryBuilder::new().finish(),
            uses_mask: false,
        }
    }
}

/// A builder to create streams.
pub struct StreamBuilder<'a> {
    sc: &'a mut SerializeContext,
    chunk_container: &'a mut ChunkContainer,
    stream: Stream,
}

impl<'a> StreamBuilder<'a> {
    pub(crate) fn new(
        sc: &'a mut SerializeContext,
        chunk_container: &'a mut ChunkContainer,
    ) -> Self {
        Self {
            sc,
            chunk_container,
            stream: Stream::empty(),
        }
    }

    /// Get the surface of the stream builder.
    pub fn surface(&mut self) -> Surface<'_> {
        // Stream builders cannot have any tags since we always pass a dummy
        // identifier. Only main page content streams can have one.
        let finish_fn = Box::new(|stream, _| {
            self.stream = stream;
        });

        Surface::new(
            self.sc,
            self.chunk_container,
            ContentBuilder::new(Transform::identity(), true, self.sc),
            None,
            finish_fn,
        )
    }

    /// Turn the stream builder into a stream.
    pub fn finish(self) -> Stream {
        self.stream
    }
}

/// A PDF stream filter.
#[derive(Debug, Copy, Clone)]
pub(crate) enum StreamFilter {
    Flate,
    FlateMemoized,
    AsciiHex,
    #[cfg(feature = "raster-images")]
    Dct,
}

impl StreamFilter {
    pub(crate) fn to_name(self) -> Name<'static> {
        match self {
            Self::AsciiHex => Name(b"ASCIIHexDecode"),
            Self::Flate => Name(b"FlateDecode"),
            Self::FlateMemoized => Name(b"FlateDecode"),
            #[cfg(feature = "raster-images")]
            Self::Dct => Name(b"DCTDecode"),
        }
    }

    pub(crate) fn is_binary(&self) -> bool {
        match self {
            StreamFilter::Flate => true,
            StreamFilter::FlateMemoized => true,
            StreamFilter::AsciiHex => false,
            #[cfg(feature = "raster-images")]
            StreamFilter::Dct => true,
        }
    }
}

impl StreamFilter {
    #[track_caller]
    pub(crate) fn apply(&self, content: &[u8]) -> Vec<u8> {
        match self {
            StreamFilter::Flate => deflate_encode(content),
            StreamFilter::FlateMemoized => deflate_encode_memoized(content),
            StreamFilter::AsciiHex => hex_encode(content),
            // Note: We don't actually encode manually with DCT, because
            // this is only used for JPEG images which are already encoded,
            // so this shouldn't be called at all.
            #[cfg(feature = "raster-images")]
            StreamFilter::Dct => panic!("can't apply dct decode"),
        }
    }
}

/// Allows us to keep track of the filters that a stream has and
/// apply them in an orderly fashion.
#[derive(Debug, Clone)]
pub(crate) enum StreamFilters {
    None,
    Single(StreamFilter),
    Multiple(Vec<StreamFilter>),
}

impl StreamFilters {
    pub(crate) fn add(&mut self, stream_filter: StreamFilter) {
        match self {
            StreamFilters::None => *self = StreamFilters::Single(stream_filter),
            StreamFilters::Single(cur) => {
                *self = StreamFilters::Multiple(vec![*cur, stream_filter])
            }
            StreamFilters::Multiple(cur) => cur.push(stream_filter),
        }
    }

    pub(crate) fn is_binary(&self) -> bool {
        match self {
            StreamFilters::None => false,
            StreamFilters::Single(s) => s.is_binary(),
            StreamFilters::Multiple(m) => m.last().unwrap().is_binary(),
        }
    }
}

pub(crate) struct FilterStreamBuilder<'a> {
    content: Cow<'a, [u8]>,
    filters: StreamFilters,
    is_binary: bool,
}

impl<'a> FilterStreamBuilder<'a> {
    fn empty(content: &'a [u8]) -> Self {
        Self {
            content: Cow::Borrowed(content),
            filters: StreamFilters::None,
            is_binary: false,
        }
    }

    fn binary(content: &'a [u8]) -> Self {
        Self {
            is_binary: true,
            ..Self::empty(content)
        }
    }

    pub(crate) fn new_from_content_stream(
        content: &'a [u8],
        serialize_settings: &SerializeSettings,
    ) -> Self {
        let mut filter_stream = Self::empty(content);

        if serialize_settings.compress_content_streams {
            filter_stream.add_filter(StreamFilter::FlateMemoized);
        }

        filter_stream
    }

    pub(crate) fn new_from_deflated(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::empty(content);
        filter_stream.add_unapplied_filter(StreamFilter::Flate);

        filter_stream
    }

    pub(crate) fn new_from_binary_data(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::binary(content);
        filter_stream.add_filter(StreamFilter::Flate);

        filter_stream
    }

    pub(crate) fn new_auto_compressed(content: &'a [u8]) -> Self {
        let filter_stream = Self::new_from_binary_data(content);

        const MAX_COMPRESSED_SIZE: usize = 75;
        if content.is_empty()
            || 100 * filter_stream.content.len() / content.len() > MAX_COMPRESSED_SIZE
        {
            return Self::binary(content);
        }

        filter_stream
    }

    pub(crate) fn new_from_uncompressed(content: &'a [u8]) -> Self {
        Self::binary(content)
    }

    #[cfg(feature = "raster-images")]
    pub(crate) fn new_from_jpeg_data(content: &'a [u8]) -> Self {
        let mut filter_stream = Self::empty(content);
        // JPEG data already is DCT encoded.
        filter_stream.add_unapplied_filter(StreamFilter::Dct);

        filter_stream
    }

    pub(crate) fn finish(mut self, serialize_settings: &SerializeSettings) -> FilterStream<'a> {
        if serialize_settings.ascii_compatible
            && !self.content.is_empty()
            && (self.filters.is_binary()
                || (self.is_binary && self.content.iter().any(|byte| !byte.is_ascii())))
        {
            self.add_filter(StreamFilter::AsciiHex);
        }

        FilterStream {
            content: self.content,
            filters: self.filters,
        }
    }

    fn add_filter(&mut self, filter: StreamFilter) {
        self.content = Cow::Owned(filter.apply(&self.content));
        self.filters.add(filter);
    }

    fn add_unapplied_filter(&mut self, filter: StreamFilter) {
        self.filters.add(filter);
    }
}

pub(crate) struct FilterStream<'a> {
    content: Cow<'a, [u8]>,
    filters: StreamFilters,
}

impl FilterStream<'_> {
    pub(crate) fn encoded_data(&self) -> &[u8] {
        &self.content
    }

    pub(crate) fn write_filters<'b, T>(&self, mut dict: T)
    where
        T: DerefMut<Target = Dict<'b>>,
    {
        match &self.filters {
            StreamFilters::None => {}
            StreamFilters::Single(filter) => {
                dict.deref_mut().pair(Name(b"Filter"), filter.to_name());
            }
            StreamFilters::Multiple(filters) => {
                dict.deref_mut()
                    .insert(Name(b"Filter"))
                    .start::<Array>()
                    .items(filters.iter().map(|f| f.to_name()).rev());
            }
        }
    }
}

#[cfg_attr(feature = "comemo", comemo::memoize)]
fn deflate_encode_memoized(data: &[u8]) -> Vec<u8> {
    deflate_encode(data)
}

/// The deflate level krilla uses unless [`set_deflate_level`] chose another.
const DEFAULT_DEFLATE_LEVEL: u32 = 6;

thread_local! {
    // vitae patch: the level and the compressor are per thread, so documents serialized on
    // different threads at the same time never see each other's choice.
    static DEFLATE_LEVEL: Cell<u32> = const { Cell::new(DEFAULT_DEFLATE_LEVEL) };
    static DEFLATER: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
}

/// Sets the deflate level (0–9, clamped) of every stream krilla compresses on this thread
/// from now on, and returns the level it replaces (vitae patch: upstream's level is a
/// constant 6).
pub fn set_deflate_level(level: u32) -> u32 {
    DEFLATE_LEVEL.replace(level.min(9))
}

/// Deflates `data` into a zlib stream.
///
/// vitae patch: one compressor per thread is reset and reused instead of created per stream
/// (creating one zeroes about 300 KiB of tables), and the output is written straight into a
/// vector sized for it instead of through `ZlibEncoder`'s 32 KiB staging buffer. A reset
/// compressor produces the same bytes as a fresh one. At level 1, every input that fits
/// zlib-rs's window without sliding goes through [`quick::deflate`], which writes the same
/// bytes without the reset's 180 KiB of zeroing per stream.
pub(crate) fn deflate_encode(data: &[u8]) -> Vec<u8> {
    if data.len() <= STORED_MAX {
        return stored_zlib(data);
    }
    let level = DEFLATE_LEVEL.get();
    if level == quick::LEVEL {
        if let Some(deflated) = deflate_level_1(data) {
            return deflated;
        }
    }
    DEFLATER.with_borrow_mut(|slot| {
        let compress = match slot {
            Some((kept, compress)) if *kept == level => {
                compress.reset();
                compress
            }
            _ => {
                &mut slot
                    .insert((level, Compress::new(Compression::new(level), true)))
                    .1
            }
        };
        // Room for the whole output in most cases: text and font tables rarely deflate to
        // more than half their size, and the zlib header, checksum and block headers fit in 64.
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = compress.total_in() as usize;
            let status = compress
                .compress_vec(&data[read..], &mut out, FlushCompress::Finish)
                .expect("deflating into memory cannot fail");
            if status == Status::StreamEnd {
                return out;
            }
            out.reserve(out.capacity().max(64));
        }
    })
}

/// vitae patch: `data` as the zlib stream krilla's own level-1 encoder writes (the same bytes
/// as zlib-rs at level 1), or `None` when `data` is longer than that encoder takes and
/// [`deflate_encode`] uses the flate2 compressor instead (it takes level 1 through here).
/// Public for vitae's `deflate` fuzz target, which compares it with zlib-rs; not part of
/// krilla's API.
#[doc(hidden)]
pub fn deflate_level_1(data: &[u8]) -> Option<Vec<u8>> {
    (data.len() <= quick::MAX_INPUT).then(|| quick::deflate(data))
}

/// vitae patch: inputs up to this many bytes (a font's CIDSet, a few bytes long) are stored, not
/// deflated: deflating them saves a handful of bytes at most, while resetting the compressor
/// zeroes its 128 KiB hash table.
const STORED_MAX: usize = 64;

/// vitae patch: the zlib header of a 32 KiB window at the fastest levels: CMF 0x78 (deflate,
/// 2^(7 + 8) bytes of window), FLG 0x01 (level flags 0, no dictionary; 0x7801 is a multiple
/// of 31, RFC 1950 §2.2). zlib-rs writes the same two bytes at levels 0 and 1.
const ZLIB_HEADER_FASTEST: [u8; 2] = [0x78, 0x01];

/// vitae patch: `data` as a zlib stream of one stored (uncompressed) deflate block (RFC 1950
/// and RFC 1951 §3.2.4), which every Flate decoder reads.
fn stored_zlib(data: &[u8]) -> Vec<u8> {
    // BFINAL = 1 and BTYPE = 00: the last block, stored.
    const STORED_FINAL: u8 = 0x01;
    let len = data.len() as u16;
    let mut out = Vec::with_capacity(data.len() + 11);
    out.extend_from_slice(&ZLIB_HEADER_FASTEST);
    out.push(STORED_FINAL);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&adler32(data).to_be_bytes());
    out
}

/// The Adler-32 checksum zlib ends a stream with (RFC 1950 §9), by zlib-rs's own routine.
fn adler32(data: &[u8]) -> u32 {
    /// The checksum of no bytes, where every Adler-32 starts.
    const ADLER32_START: u32 = 1;
    zlib_rs::adler32::adler32(ADLER32_START, data)
}

/// vitae patch: zlib-rs's level 1 (`deflate_quick`) for one input that it reads into its window
/// at once, writing the same bytes.
///
/// zlib-rs compresses level 1 as one block of fixed Huffman codes (RFC 1951 §3.2.6): at each
/// position with at least 4 bytes left it hashes those 4 bytes into a table of 2^16 slots,
/// takes the position the slot held (0 if none was stored since the table was cleared) as the
/// only match candidate, stores the current position there, and emits the longest match with
/// that candidate (4 to 258 bytes, at most [`MAX_DIST`](quick::MAX_DIST) back) or else a
/// literal. Resetting its compressor zeroes the 128 KiB table and a 48 KiB symbol buffer
/// level 1 never reads, about 180 k instructions per stream. Here the table is kept per
/// thread and a slot counts only if it carries the current stream's epoch, so a stream
/// starts by incrementing a counter.
///
/// Only inputs up to [`MAX_INPUT`](quick::MAX_INPUT) bytes come here: zlib-rs reads them into
/// its 64 KiB window in one go and never slides the window (which would shift the table and
/// insert extra positions), so positions in the window are positions in `data`.
mod quick {
    use std::cell::RefCell;

    /// The deflate level this encoder reproduces.
    pub(super) const LEVEL: u32 = 1;
    /// zlib's window, 2^15 bytes (window bits 15).
    const WSIZE: usize = 1 << 15;
    /// The longest match deflate encodes (RFC 1951 §3.2.5).
    const MAX_MATCH: usize = 258;
    /// The shortest match zlib-rs's level 1 takes: it compares 4 bytes before looking further.
    const MIN_MATCH: usize = 4;
    /// zlib's `MIN_LOOKAHEAD`: the bytes it keeps ahead of the current position
    /// (`STD_MAX_MATCH + STD_MIN_MATCH + 1`).
    const MIN_LOOKAHEAD: usize = MAX_MATCH + 3 + 1;
    /// The farthest back zlib-rs looks for a match (`max_dist`, `WSIZE - MIN_LOOKAHEAD`).
    pub(super) const MAX_DIST: usize = WSIZE - MIN_LOOKAHEAD;
    /// The largest input zlib-rs compresses without sliding its window: it slides once the
    /// current position reaches `WSIZE + MAX_DIST` with fewer than `MIN_LOOKAHEAD` bytes read
    /// ahead, and an input of at most this length reaches it (if at all) only at its end.
    pub(super) const MAX_INPUT: usize = WSIZE + MAX_DIST;
    /// Slots in the hash table: zlib-rs's `HASH_SIZE`, a 16-bit hash.
    const HASH_SLOTS: usize = 1 << 16;
    /// zlib-rs's multiplicative hash of 4 bytes (`StandardHashCalc`): Knuth's 2^32 / φ.
    const HASH_MULTIPLIER: u32 = 2_654_435_761;
    /// Bits a slot gives to the position (positions are below 2^16); the epoch is above them.
    const POSITION_BITS: u32 = 16;
    /// The largest epoch a slot can carry above its 16 position bits.
    const MAX_EPOCH: u32 = u16::MAX as u32;

    /// The per-thread hash table. A slot holds `epoch << 16 | position`, and the epoch grows by
    /// one per stream, so every slot stored by an earlier stream is below the current
    /// stream's `epoch << 16`.
    struct Heads {
        slots: Box<[u32; HASH_SLOTS]>,
        epoch: u32,
    }

    thread_local! {
        static HEADS: RefCell<Option<Heads>> = const { RefCell::new(None) };
    }

    /// A code or a run of codes, bits in the order they are written (Huffman codes reversed,
    /// RFC 1951 §3.1.1), and its length in bits.
    #[derive(Clone, Copy)]
    struct Code {
        bits: u32,
        len: u32,
    }

    /// `code`'s lowest `len` bits in reverse order.
    const fn reverse(code: u32, len: u32) -> u32 {
        let mut reversed = 0;
        let mut bit = 0;
        while bit < len {
            reversed = (reversed << 1) | ((code >> bit) & 1);
            bit += 1;
        }
        reversed
    }

    /// The fixed Huffman code of literal/length symbol `symbol` (RFC 1951 §3.2.6).
    const fn fixed_code(symbol: u32) -> Code {
        let (code, len) = match symbol {
            0..=143 => (0x30 + symbol, 8),
            144..=255 => (0x190 + symbol - 144, 9),
            256..=279 => (symbol - 256, 7),
            _ => (0xC0 + symbol - 280, 8),
        };
        Code {
            bits: reverse(code, len),
            len,
        }
    }

    /// The codes of the 256 literals.
    const LITERALS: [Code; 256] = {
        let mut codes = [Code { bits: 0, len: 0 }; 256];
        let mut byte = 0;
        while byte < 256 {
            codes[byte] = fixed_code(byte as u32);
            byte += 1;
        }
        codes
    };

    /// The end-of-block symbol.
    const END_OF_BLOCK: Code = fixed_code(256);

    /// Each match length's symbol code followed by its extra bits, indexed by length − 3
    /// (RFC 1951 §3.2.5: symbols 257 to 285, base lengths and extra bits).
    const LENGTHS: [Code; 256] = {
        const BASE: [u32; 29] = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99,
            115, 131, 163, 195, 227, 258,
        ];
        const EXTRA: [u32; 29] = [
            0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
        ];
        let mut codes = [Code { bits: 0, len: 0 }; 256];
        let mut index = 0;
        // Ascending, so length 258 ends with symbol 285 rather than 284 plus 31.
        while index < 29 {
            let symbol = fixed_code(257 + index as u32);
            let mut extra = 0;
            while extra < (1 << EXTRA[index]) && BASE[index] + extra <= MAX_MATCH as u32 {
                codes[(BASE[index] + extra - 3) as usize] = Code {
                    bits: symbol.bits | (extra << symbol.len),
                    len: symbol.len + EXTRA[index],
                };
                extra += 1;
            }
            index += 1;
        }
        codes
    };

    /// Bits of a distance code (RFC 1951 §3.2.6: fixed 5-bit codes).
    const DISTANCE_CODE_LEN: u32 = 5;

    /// Per distance − 1, the distance's code followed by the length of its extra bits, and the
    /// smallest distance − 1 of that code (RFC 1951 §3.2.5; the code reversed, RFC 1951
    /// §3.1.1). Indexed as zlib's `_dist_code` is: distances up to 256 directly, longer ones by
    /// 256 + (distance − 1) / 128 (their codes change only at multiples of 128).
    const DISTANCES: [(u32, u32, u32); 512] = {
        let mut codes = [(0, 0, 0); 512];
        let mut code = 0;
        while code < 30 {
            // Codes 0 to 3 have no extra bits; after them, pairs of codes per power of two.
            let extra = if code < 4 { 0 } else { code / 2 - 1 };
            let base = if code < 4 {
                code
            } else {
                (2 + (code & 1)) << extra
            };
            let entry = (reverse(code, DISTANCE_CODE_LEN), extra, base);
            let mut d = base;
            while d < base + (1 << extra) {
                let index = if d < 256 { d } else { 256 + (d >> 7) };
                codes[index as usize] = entry;
                d += 1;
            }
            code += 1;
        }
        codes
    };

    /// A distance's code followed by its extra bits.
    #[inline(always)]
    fn distance(dist: usize) -> Code {
        let d = dist - 1;
        /// Distances − 1 below this index [`DISTANCES`] directly.
        const DIRECT: usize = 256;
        /// Longer distances − 1 index it by their 128s.
        const SHIFT: u32 = 7;
        let index = if d < DIRECT { d } else { DIRECT + (d >> SHIFT) };
        let (bits, extra, base) = DISTANCES[index];
        Code {
            bits: bits | ((d as u32 - base) << DISTANCE_CODE_LEN),
            len: DISTANCE_CODE_LEN + extra,
        }
    }

    /// Bits not yet written, least significant first (RFC 1951 §3.1.1), and the output they go
    /// to. vitae patch (speed): the output is a zeroed buffer sized for the longest stream the
    /// input can give ([`max_output`]), written through an index, so that a word costs a
    /// bounds check instead of a capacity check and the vector's fields stay in registers.
    struct Bits {
        buffer: u64,
        filled: u32,
        out: Vec<u8>,
        written: usize,
    }

    impl Bits {
        /// Appends `code` (at most 31 bits, a length and a distance together); whole 32-bit
        /// words go to the output as soon as they are complete, so the buffer never holds more
        /// than 63 bits.
        #[inline(always)]
        fn put(&mut self, code: Code) {
            self.buffer |= u64::from(code.bits) << self.filled;
            self.filled += code.len;
            /// The bits written at once.
            const WORD: u32 = u32::BITS;
            if self.filled >= WORD {
                self.out[self.written..self.written + 4]
                    .copy_from_slice(&(self.buffer as u32).to_le_bytes());
                self.written += 4;
                self.buffer >>= WORD;
                self.filled -= WORD;
            }
        }

        /// Writes out the bits left, padding the last byte with zeros, and returns the output
        /// cut to what was written.
        fn finish(mut self) -> Vec<u8> {
            let bytes = self.filled.div_ceil(8) as usize;
            self.out.truncate(self.written);
            self.out
                .extend_from_slice(&self.buffer.to_le_bytes()[..bytes]);
            self.out
        }
    }

    /// The most bytes the deflate block of `len` input bytes takes: every byte a literal of the
    /// longest fixed code, 9 bits (a match of n ≥ 4 bytes takes at most 31 bits, less than
    /// 9 × n), the 3 bits of the block header and the 7 of the end of block, rounded up.
    pub(super) fn max_output(len: usize) -> usize {
        /// The longest literal code, in bits (RFC 1951 §3.2.6).
        const LONGEST_LITERAL: usize = 9;
        /// The block header and the end-of-block code, in bits.
        const FRAME_BITS: usize = 3 + 7;
        (LONGEST_LITERAL * len + FRAME_BITS).div_ceil(8)
    }

    /// The length of the match of `later` with `earlier` (a longer slice from an earlier
    /// position), of which the first [`MIN_MATCH`] bytes are known to be equal, up to
    /// [`MAX_MATCH`] bytes.
    #[inline(always)]
    fn match_len(earlier: &[u8], later: &[u8]) -> usize {
        let max = later.len().min(MAX_MATCH);
        let (earlier, later) = (&earlier[MIN_MATCH..max], &later[MIN_MATCH..max]);
        /// Bytes compared at once.
        const WORD: usize = 8;
        let mut len = 0;
        for (a, b) in earlier.chunks_exact(WORD).zip(later.chunks_exact(WORD)) {
            let differ = u64::from_le_bytes(a.try_into().unwrap())
                ^ u64::from_le_bytes(b.try_into().unwrap());
            if differ != 0 {
                return MIN_MATCH + len + (differ.trailing_zeros() / 8) as usize;
            }
            len += WORD;
        }
        let tail = earlier[len..]
            .iter()
            .zip(&later[len..])
            .take_while(|(a, b)| a == b)
            .count();
        MIN_MATCH + len + tail
    }

    /// `data` (at most [`MAX_INPUT`] bytes) as the zlib stream zlib-rs writes at level 1.
    pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
        debug_assert!(data.len() <= MAX_INPUT);
        HEADS.with_borrow_mut(|heads| {
            let heads = heads.get_or_insert_with(|| Heads {
                // Allocated zeroed (fresh pages at this size); epoch 0 is never current.
                slots: vec![0; HASH_SLOTS].into_boxed_slice().try_into().unwrap(),
                epoch: 0,
            });
            heads.epoch += 1;
            if heads.epoch > MAX_EPOCH {
                heads.slots.fill(0);
                heads.epoch = 1;
            }
            encode(data, &mut heads.slots, heads.epoch << POSITION_BITS)
        })
    }

    /// The encoder proper, with `slots` holding `base + position` for this stream's positions
    /// and less than `base` for anything older.
    #[inline(never)]
    fn encode(data: &[u8], slots: &mut [u32; HASH_SLOTS], base: u32) -> Vec<u8> {
        // Known to the optimizer as short (`deflate` is only called with at most MAX_INPUT
        // bytes), so that positions and lengths cannot overflow.
        let data = &data[..data.len().min(MAX_INPUT)];
        let header = super::ZLIB_HEADER_FASTEST;
        /// The Adler-32 at the end, which the output has room for too.
        const ADLER_LEN: usize = 4;
        let mut out = vec![0; header.len() + max_output(data.len()) + ADLER_LEN];
        out[..header.len()].copy_from_slice(&header);
        // BFINAL = 1, BTYPE = 01 (fixed Huffman codes): the only block.
        let mut bits = Bits {
            buffer: 0b011,
            filled: 3,
            out,
            written: header.len(),
        };

        let mut pos = 0;
        // Positions with at least MIN_MATCH bytes left hash and may match; the last few are
        // literals.
        while let Some(bytes) = data.get(pos..pos + MIN_MATCH) {
            let word = u32::from_le_bytes(bytes.try_into().unwrap());
            let slot = &mut slots[(word.wrapping_mul(HASH_MULTIPLIER) >> POSITION_BITS) as usize];
            // An older stream's slot counts as position 0, as zlib-rs's zeroed table does.
            let candidate = slot.saturating_sub(base) as usize;
            *slot = base | pos as u32;
            // A match lies 1 to MAX_DIST back; the candidate is never after `pos`.
            if candidate < pos
                && pos - candidate <= MAX_DIST
                && u32::from_le_bytes(data[candidate..candidate + MIN_MATCH].try_into().unwrap())
                    == word
            {
                let len = match_len(&data[candidate..], &data[pos..]);
                // 4 to 258 bytes, so len − 3 fits a byte.
                let length = LENGTHS[usize::from((len - 3) as u8)];
                let distance = distance(pos - candidate);
                let code = Code {
                    bits: length.bits | (distance.bits << length.len),
                    len: length.len + distance.len,
                };
                bits.put(code);
                pos += len;
            } else {
                // The literal is the word's first byte (it was read little-endian).
                bits.put(LITERALS[usize::from(word as u8)]);
                pos += 1;
            }
        }
        for &byte in &data[pos..] {
            bits.put(LITERALS[usize::from(byte)]);
        }

        bits.put(END_OF_BLOCK);
        let mut out = bits.finish();
        out.extend_from_slice(&super::adler32(data).to_be_bytes());
        out
    }

    /// Sets the epoch the next stream increments, to test its wrapping around.
    #[cfg(test)]
    pub(super) fn set_epoch(epoch: u32) {
        HEADS.with_borrow_mut(|heads| {
            if let Some(heads) = heads {
                heads.epoch = epoch;
            }
        });
    }
}

fn hex_encode(data: &[u8]) -> Vec<u8> {
    use std::fmt::Write;

    const COLUMNS: usize = 35;
    let len = data.len();
    let capacity = 2 * len + len / COLUMNS;
    let mut output = String::with_capacity(capacity);
    for (index, byte) in data.iter().enumerate() {
        write!(output, "{byte:02X}").unwrap();
        if index % COLUMNS == COLUMNS - 1 {
            output.push('\n');
        }
    }
    output.into_bytes()
}

#[cfg(test)]
mod vitae_patch_tests {
    use super::*;
    use std::io::Read;

    fn inflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(bytes)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn stored_and_deflated_streams_inflate_to_their_input() {
        for len in [0, 1, 10, STORED_MAX, STORED_MAX + 1, 5000] {
            let data: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            assert_eq!(inflate(&deflate_encode(&data)), data, "{len} bytes");
        }
    }

    #[test]
    fn a_reset_compressor_writes_what_a_fresh_one_writes() {
        let data: Vec<u8> = (0..20_000).map(|i| (i % 97) as u8).collect();
        let first = deflate_encode(&data);
        assert_eq!(deflate_encode(&data), first);
        let fresh = std::thread::spawn(move || deflate_encode(&data))
            .join()
            .unwrap();
        assert_eq!(fresh, first);
    }

    /// What a fresh flate2 compressor writes for `data` at `level` (with vitae's features
    /// flate2 deflates through zlib-rs; krilla alone builds it on miniz_oxide).
    fn flate2_zlib(data: &[u8], level: u32) -> Vec<u8> {
        let mut compress = Compress::new(Compression::new(level), true);
        let mut out = Vec::with_capacity(data.len() * 2 + 64);
        let status = compress
            .compress_vec(data, &mut out, FlushCompress::Finish)
            .unwrap();
        assert_eq!(status, Status::StreamEnd);
        out
    }

    /// What a fresh zlib-rs compressor writes for `data` at `level` with a 32 KiB window.
    fn zlib_rs_zlib(data: &[u8], level: i32) -> Vec<u8> {
        let mut deflate = zlib_rs::Deflate::new(level, true, 15);
        let mut out = vec![0; zlib_rs::compress_bound(data.len())];
        let status = deflate
            .compress(data, &mut out, zlib_rs::DeflateFlush::Finish)
            .unwrap();
        assert_eq!(status, zlib_rs::Status::StreamEnd);
        out.truncate(deflate.total_out() as usize);
        out
    }

    /// Inputs of the kinds krilla deflates, `len` bytes each: text with repeats (content
    /// streams), a ramp of small numbers (font tables), runs of zeros, and noise.
    fn samples(len: usize) -> Vec<Vec<u8>> {
        let text = b"BT /F1 9.5 Tf 72 700 Td [(Gupta)-20(, Indradhanush)] TJ ET q 1 0 0 1 0 0 cm ";
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15 ^ len as u64;
        let mut noise = || {
            // xorshift64: deterministic, incompressible bytes.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        };
        vec![
            (0..len)
                .map(|i| text[i % text.len()] ^ u8::from(i % 101 == 0))
                .collect(),
            (0..len).map(|i| ((i / 3) % 23) as u8).collect(),
            (0..len)
                .map(|i| if i % 1000 < 700 { 0 } else { i as u8 })
                .collect(),
            (0..len).map(|_| noise()).collect(),
            (0..len)
                .map(|i| {
                    if i % 5 == 0 {
                        noise()
                    } else {
                        b'a' + (i % 7) as u8
                    }
                })
                .collect(),
        ]
    }

    #[test]
    fn vitae_patch_quick_deflate_writes_what_zlib_rs_writes_at_level_1() {
        let lengths = [
            0,
            1,
            3,
            4,
            5,
            259,
            262,
            1000,
            7_000,
            quick::MAX_DIST - 1,
            quick::MAX_DIST,
            quick::MAX_DIST + 1,
            1 << 15,
            50_000,
            quick::MAX_INPUT - 1,
            quick::MAX_INPUT,
        ];
        for len in lengths {
            for (kind, data) in samples(len).iter().enumerate() {
                let ours = quick::deflate(data);
                assert!(ours == zlib_rs_zlib(data, 1), "{len} bytes of kind {kind}");
                assert!(inflate(&ours) == *data, "{len} bytes of kind {kind}");
            }
        }
    }

    /// A seeded generator of inputs built the way LZ77 sees data: literal bytes, runs, and
    /// copies of earlier stretches at any distance and length (including overlapping copies,
    /// copies longer than a match and copies from beyond the encoder's reach), so matches of
    /// every length and distance class, and hash collisions, occur.
    struct Inputs(u64);

    impl Inputs {
        fn next(&mut self) -> u64 {
            // splitmix64: a fixed seed gives the same inputs on every machine.
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        /// An input of at most `max` bytes.
        fn input(&mut self, max: usize) -> Vec<u8> {
            let len = self.below(max + 1);
            let alphabet = 1 + self.below(256);
            let mut data = Vec::with_capacity(len);
            while data.len() < len {
                let piece = 1 + self.below(300);
                match self.below(4) {
                    0 => (0..piece).for_each(|_| data.push(self.below(alphabet) as u8)),
                    1 => data.extend(std::iter::repeat_n(self.below(alphabet) as u8, piece)),
                    _ if !data.is_empty() => {
                        let from = self.below(data.len());
                        for i in 0..piece {
                            data.push(data[from + i]);
                        }
                    }
                    _ => data.push(0),
                }
            }
            data.truncate(len);
            data
        }
    }

    #[test]
    fn vitae_patch_quick_deflate_writes_what_zlib_rs_writes_for_random_inputs() {
        let mut inputs = Inputs(0x5EED_0017);
        // Most inputs are small, as a résumé's ToUnicode maps and font subsets are; every
        // tenth may be as long as the encoder takes.
        for case in 0..400 {
            let max = if case % 10 == 0 {
                quick::MAX_INPUT
            } else {
                4_000
            };
            let data = inputs.input(max);
            let ours = quick::deflate(&data);
            assert!(
                ours == zlib_rs_zlib(&data, 1),
                "case {case}, {} bytes",
                data.len()
            );
            assert!(inflate(&ours) == data, "case {case}, {} bytes", data.len());
        }
    }

    #[test]
    fn vitae_patch_quick_deflate_fits_its_longest_output_in_the_buffer_it_sizes() {
        // Noise of bytes with 9-bit literal codes only (144 to 255): nearly every byte is a
        // literal of the longest code, the output that `quick::max_output` bounds and that the
        // encoder writes into a buffer of that size (it panics if the bound is short).
        /// The first byte with a 9-bit literal code.
        const FIRST: u64 = 144;
        /// How many bytes from it on have one (144 to 255).
        const COUNT: u64 = 112;
        /// Bytes a few chance 4-byte repeats may save (a repeat of 4 bytes saves 1 or 2).
        const CHANCE_MATCHES: usize = 64;
        let mut inputs = Inputs(0x9B17);
        for len in [quick::MAX_INPUT, quick::MAX_INPUT - 1, 1001, 65, 64, 5, 1] {
            let data: Vec<u8> = (0..len)
                .map(|_| (FIRST + inputs.next() % COUNT) as u8)
                .collect();
            let ours = quick::deflate(&data);
            assert!(ours == zlib_rs_zlib(&data, 1), "{len} bytes");
            assert!(inflate(&ours) == data, "{len} bytes");
            let longest = 2 + quick::max_output(len) + 4;
            assert!(ours.len() <= longest, "{len} bytes");
            assert!(
                ours.len() + CHANCE_MATCHES >= longest,
                "{len} bytes: nearly all literals"
            );
        }
    }

    #[test]
    fn vitae_patch_quick_deflate_matches_exactly_as_far_back_as_zlib_rs() {
        let mut inputs = Inputs(0xD157);
        let pattern = b"/Span<</MCID";
        for dist in [
            1,
            2,
            4,
            258,
            quick::MAX_DIST - 1,
            quick::MAX_DIST,
            quick::MAX_DIST + 1,
        ] {
            // The pattern again exactly `dist` bytes after its start, with noise between and
            // after, so the only match worth taking is the repeat at that distance.
            let mut data = pattern.to_vec();
            data.extend((pattern.len()..dist).map(|_| inputs.next() as u8));
            data.truncate(dist);
            data.extend_from_slice(pattern);
            data.extend((0..100).map(|_| inputs.next() as u8));
            let ours = quick::deflate(&data);
            assert!(ours == zlib_rs_zlib(&data, 1), "a repeat {dist} bytes back");
            assert!(inflate(&ours) == data, "a repeat {dist} bytes back");
        }
    }

    #[test]
    fn vitae_patch_deflate_encode_takes_the_quick_encoder_only_at_level_1_within_the_window() {
        let previous = set_deflate_level(quick::LEVEL);
        for level in [quick::LEVEL, 9] {
            set_deflate_level(level);
            for len in [
                STORED_MAX + 1,
                7_000,
                quick::MAX_INPUT,
                quick::MAX_INPUT + 1,
                150_000,
            ] {
                for (kind, data) in samples(len).iter().enumerate() {
                    let ours = deflate_encode(data);
                    let expected = if level == quick::LEVEL && len <= quick::MAX_INPUT {
                        zlib_rs_zlib(data, 1)
                    } else {
                        flate2_zlib(data, level)
                    };
                    assert!(ours == expected, "level {level}, {len} bytes, kind {kind}");
                    assert!(
                        inflate(&ours) == *data,
                        "level {level}, {len} bytes, kind {kind}"
                    );
                }
            }
        }
        set_deflate_level(previous);
    }

    #[test]
    fn vitae_patch_quick_deflate_forgets_earlier_streams_and_survives_its_epoch_wrapping() {
        let [text, ramp, ..] = &samples(10_000)[..] else {
            unreachable!()
        };
        let expected = zlib_rs_zlib(text, 1);
        // Leave positions of another stream in the table, then wrap the epoch around.
        quick::deflate(ramp);
        assert!(quick::deflate(text) == expected);
        quick::set_epoch(u32::from(u16::MAX) - 1);
        for _ in 0..3 {
            quick::deflate(ramp);
            assert!(quick::deflate(text) == expected);
        }
    }
}
