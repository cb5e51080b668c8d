//! Bytes → krilla's own level-1 deflate encoder (`krilla::stream::deflate_level_1`, vitae's
//! krilla patch, change 6 in docs/dependencies.md), which every stream of a default render goes
//! through. Invariant: it writes exactly the zlib stream zlib-rs writes at level 1 with a
//! 32 KiB window, the library it copies, for every input it takes; an input it declines is one
//! longer than zlib-rs reads without sliding its window.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The longest input the encoder takes: zlib-rs's window (2^15 bytes) plus its farthest match
/// distance (2^15 − 262).
const MAX_INPUT: usize = (1 << 15) + (1 << 15) - 262;

/// What a fresh zlib-rs compressor writes for `data` at level 1 with a 32 KiB window.
fn zlib_rs(data: &[u8]) -> Vec<u8> {
    let mut deflate = zlib_rs::Deflate::new(1, true, 15);
    let mut out = vec![0; zlib_rs::compress_bound(data.len())];
    let status = deflate.compress(data, &mut out, zlib_rs::DeflateFlush::Finish).expect("zlib-rs deflates");
    assert_eq!(status, zlib_rs::Status::StreamEnd, "zlib-rs finished in one call");
    out.truncate(deflate.total_out() as usize);
    out
}

fuzz_target!(|data: &[u8]| {
    match krilla::stream::deflate_level_1(data) {
        Some(ours) => assert!(ours == zlib_rs(data), "{} bytes deflate differently from zlib-rs", data.len()),
        None => assert!(data.len() > MAX_INPUT, "{} bytes declined", data.len()),
    }
});
