//! [`Engine`]: what a process renders with, kept between renders. Services and batches create
//! one engine and render every profile through it, on any number of threads.
//!
//! Consumes profiles and themes; produces [`Rendered`] documents, byte for byte the same as
//! [`crate::render_with`] gives with a fresh [`FontBook`]: the caches only ever save work.
//!
//! What is shared:
//! - the fonts, parsed once ([`FontBook`]);
//! - per face, the shape plans and the shaped words, by language and text (bounded: see
//!   [`WORD_CACHE_CAPACITY`](crate::font::shaper::WORD_CACHE_CAPACITY));
//! - the hyphenation points of words, by language. That cache belongs to the process rather
//!   than to an engine (layout builds its hyphenator per document), and is bounded too.
//!
//! Both word caches are one type, the bounded, sharded map of `crate::cache`.
//!
//! Every cache sits behind locks and holds results that depend only on its key, so renders on
//! several threads never see each other's documents, only each other's saved work.

use std::sync::OnceLock;

use crate::font::{FontBook, FontError};
use crate::{Error, Profile, RenderOptions, Rendered, Theme};

/// A reusable renderer holding the fonts and the caches built from them; `Send + Sync`, so one
/// engine serves every thread of a process.
///
/// ```no_run
/// let engine = vitae::Engine::new();
/// for name in ["a.yaml", "b.yaml"] {
///     let profile = vitae::load_profile(std::path::Path::new(name))?;
///     let theme = vitae::theme_for(&profile, Some("classic"))?;
///     let out = engine.render(&profile, &theme, &vitae::RenderOptions::default())?;
///     std::fs::write(std::path::Path::new(name).with_extension("pdf"), &out.pdf)?;
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Engine {
    /// The faces, with their shape-plan and shaped-word caches.
    fonts: FontBook,
}

impl Engine {
    /// Creates an engine with the bundled fonts.
    pub fn new() -> Engine {
        Engine::with_fonts(FontBook::bundled())
    }

    /// Returns the process-wide engine that [`crate::render`] uses, creating it on first call.
    pub fn shared() -> &'static Engine {
        static SHARED: OnceLock<Engine> = OnceLock::new();
        SHARED.get_or_init(Engine::new)
    }

    /// Creates an engine over a font book (the bundled faces plus files a layout names).
    #[doc(hidden)]
    pub fn with_fonts(fonts: FontBook) -> Engine {
        Engine { fonts }
    }

    /// Returns the engine's fonts, for the stage functions ([`crate::layout::layout`],
    /// [`crate::pdf::export`]) and dumps.
    #[doc(hidden)]
    pub fn fonts(&self) -> &FontBook {
        &self.fonts
    }

    /// Renders a profile in a theme to PDF bytes, reusing the engine's caches (with fonts of
    /// the theme's `fonts:` that this engine lacks, through a new engine: see
    /// [`Engine::with_theme_fonts`]).
    pub fn render(
        &self,
        profile: &Profile,
        theme: &Theme,
        options: &RenderOptions,
    ) -> Result<Rendered, Error> {
        let own = self.with_theme_fonts(theme)?;
        crate::render_with(profile, theme, &own.as_ref().unwrap_or(self).fonts, options)
    }

    /// Renders a profile's cover letter in a theme to PDF bytes, as [`Engine::render`] renders
    /// the résumé: one page, fitted; see [`crate::render_letter`].
    pub fn render_letter(
        &self,
        profile: &Profile,
        letter: &crate::profile::Letter,
        theme: &Theme,
        options: &RenderOptions,
    ) -> Result<Rendered, Error> {
        let own = self.with_theme_fonts(theme)?;
        crate::render_letter_with(profile, letter, theme, &own.as_ref().unwrap_or(self).fonts, options)
    }

    /// Returns an engine with this one's fonts plus the font files of the theme's `fonts:`, or
    /// `None` when this engine has them all (so its caches serve). The files were read when the
    /// theme was resolved; here their faces are added.
    ///
    /// # Errors
    ///
    /// A font error when a file of the theme was not read or would add too many faces.
    pub fn with_theme_fonts(&self, theme: &Theme) -> Result<Option<Engine>, Error> {
        let paths: Vec<_> = theme.fonts.iter().map(|f| f.path.clone()).collect();
        if self.fonts.has_user_fonts(&paths) {
            return Ok(None);
        }
        let mut fonts = self.fonts.derived()?;
        for file in &theme.fonts {
            let data = file.data.clone().ok_or_else(|| FontError::Io {
                path: file.path.display().to_string(),
                reason: "the layout's font files were not read".into(),
            })?;
            fonts.add_font_data(&file.path, data)?;
        }
        Ok(Some(Engine::with_fonts(fonts)))
    }
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new()
    }
}

/// Fails to compile if the engine stops being shareable between threads.
const _: () = {
    const fn shareable<T: Send + Sync>() {}
    shareable::<Engine>();
};
