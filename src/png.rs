//! PNG previews: the PDF vitae wrote, rasterised page by page with hayro (a pure-Rust PDF
//! renderer), so previews show exactly what prints. A stage after `pdf`: it reads only PDF bytes.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

use std::fmt;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::hayro_syntax::page::Page;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{PixmapSettings, RenderCache, RenderSettings};

/// Points per inch, the PDF unit's definition.
const POINTS_PER_INCH: f32 = 72.0;
/// The largest resolution accepted: 1200 dpi already makes an A4 page 100 megapixels.
pub const MAX_DPI: f32 = 1200.0;

/// Why previews could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PngError {
    /// The resolution is not between 1 and [`MAX_DPI`].
    Dpi(String),
    /// The PDF could not be read back.
    Pdf(String),
    /// A page could not be encoded.
    Encode(String),
    /// The page asked for is past the document's end.
    Page {
        /// The 0-based page asked for.
        index: usize,
        /// The pages the PDF has.
        count: usize,
    },
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::Dpi(d) => write!(f, "the resolution {d} dpi is not between 1 and {MAX_DPI}"),
            PngError::Pdf(e) => write!(f, "cannot read the PDF back for the preview: {e}"),
            PngError::Encode(e) => write!(f, "cannot encode the preview: {e}"),
            PngError::Page { index, count } => {
                write!(f, "there is no page {} to preview: the PDF has {count}", index + 1)
            }
        }
    }
}

impl std::error::Error for PngError {}

/// Renders every page of a PDF at `dpi` on white and returns one PNG file's bytes per page.
pub fn pages(pdf: &[u8], dpi: f32) -> Result<Vec<Vec<u8>>, PngError> {
    let pdf = open(pdf, dpi)?;
    let cache = RenderCache::new();
    pdf.pages().iter().map(|page| raster(page, &cache, dpi)).collect()
}

/// Renders one page (0-based `index`) of a PDF at `dpi` on white: what a preview that shows the
/// pages one by one (the WebAssembly playground) draws, without rasterising the others.
pub fn page(pdf: &[u8], index: usize, dpi: f32) -> Result<Vec<u8>, PngError> {
    let pdf = open(pdf, dpi)?;
    let pages = pdf.pages();
    let page = pages.get(index).ok_or_else(|| PngError::Page { index, count: pages.len() })?;
    raster(page, &RenderCache::new(), dpi)
}

/// Checks the resolution and reads the PDF back.
fn open(pdf: &[u8], dpi: f32) -> Result<Pdf, PngError> {
    if !(1.0..=MAX_DPI).contains(&dpi) {
        return Err(PngError::Dpi(dpi.to_string()));
    }
    Pdf::new(pdf.to_vec()).map_err(|e| PngError::Pdf(format!("{e:?}")))
}

/// Rasterises one page at `dpi` on white and encodes it as PNG.
fn raster<'a>(page: &'a Page<'a>, cache: &RenderCache<'a>, dpi: f32) -> Result<Vec<u8>, PngError> {
    let scale = dpi / POINTS_PER_INCH;
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let interpreter = InterpreterSettings::default();
    let pixmap = hayro::render(page, cache, &interpreter, &RenderSettings::default(), &settings);
    pixmap.into_png().map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The PDF of a bundled sample of more than one page.
    fn sample_pdf() -> Vec<u8> {
        let text = include_str!("../samples/anurag-mohanty.yaml");
        let profile = crate::profile::parse(text, "sample.yaml").expect("sample loads");
        crate::render(&profile, &crate::RenderOptions::default()).expect("sample renders").pdf
    }

    #[test]
    fn one_page_is_the_same_image_as_in_all_pages() {
        let pdf = sample_pdf();
        let all = pages(&pdf, 20.0).expect("all pages");
        assert!(all.len() > 1, "the sample has more than one page to compare");
        for (i, expected) in all.iter().enumerate() {
            assert_eq!(&page(&pdf, i, 20.0).expect("one page"), expected, "page {i}");
        }
        assert!(all.iter().all(|png| png.starts_with(b"\x89PNG")));
    }

    #[test]
    fn a_page_past_the_end_and_a_bad_resolution_are_errors() {
        let pdf = sample_pdf();
        let count = pages(&pdf, 10.0).expect("pages").len();
        assert_eq!(page(&pdf, count, 10.0), Err(PngError::Page { index: count, count }));
        assert_eq!(page(&pdf, 0, 0.5), Err(PngError::Dpi("0.5".into())));
        assert!(matches!(page(b"not a pdf", 0, 10.0), Err(PngError::Pdf(_))));
    }
}
