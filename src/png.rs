//! PNG previews: the PDF vitae wrote, rasterised page by page with hayro (a pure-Rust PDF
//! renderer), so previews show exactly what prints. A stage after `pdf`: it reads only PDF bytes.
//!
//! Unstable: hidden from vitae's documentation and public only for vitae's own CLI, tests,
//! benches and fuzzers; free to change in any release (see `ARCHITECTURE.md`).

use std::fmt;

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
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
}

impl fmt::Display for PngError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PngError::Dpi(d) => write!(f, "the resolution {d} dpi is not between 1 and {MAX_DPI}"),
            PngError::Pdf(e) => write!(f, "cannot read the PDF back for the preview: {e}"),
            PngError::Encode(e) => write!(f, "cannot encode the preview: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// Renders every page of a PDF at `dpi` on white and returns one PNG file's bytes per page.
pub fn pages(pdf: &[u8], dpi: f32) -> Result<Vec<Vec<u8>>, PngError> {
    if !(1.0..=MAX_DPI).contains(&dpi) {
        return Err(PngError::Dpi(dpi.to_string()));
    }
    let pdf = Pdf::new(pdf.to_vec()).map_err(|e| PngError::Pdf(format!("{e:?}")))?;
    let scale = dpi / POINTS_PER_INCH;
    let settings = PixmapSettings { x_scale: scale, y_scale: scale, bg_color: WHITE };
    let interpreter = InterpreterSettings::default();
    let cache = RenderCache::new();
    pdf.pages()
        .iter()
        .map(|page| {
            let pixmap = hayro::render(page, &cache, &interpreter, &RenderSettings::default(), &settings);
            pixmap.into_png().map_err(|e| PngError::Encode(e.to_string()))
        })
        .collect()
}
