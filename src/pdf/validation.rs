//! Words krilla's validation errors in the user's terms: which font lacks which character,
//! what the document is missing and how to give it, and which standard forbids it.

use krilla::configure::{ValidationError, Validators};
use krilla::embed::EmbedError;
use krilla::text::Font;

use super::fonts::Fonts;

/// The most problems listed in one error; a document with a broken font can fail on hundreds of
/// glyphs, and the first few tell what to fix.
const MAX_PROBLEMS: usize = 12;

/// Returns one line per distinct problem, in krilla's order, each naming the standards that
/// forbid it, at most [`MAX_PROBLEMS`] plus a line counting the rest.
pub(super) fn describe(errors: &[(ValidationError, Validators)], fonts: &Fonts) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (error, validators) in errors {
        let line = format!("{} ({})", problem(error, fonts), names(*validators));
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    if lines.len() > MAX_PROBLEMS {
        let rest = lines.len() - MAX_PROBLEMS;
        lines.truncate(MAX_PROBLEMS);
        lines.push(format!("and {rest} more"));
    }
    lines
}

/// Names the standards that forbid a problem, e.g. "forbidden by PDF/A-2b and PDF/UA-1".
fn names(validators: Validators) -> String {
    let names: Vec<&str> = validators.into_iter().map(|v| v.as_str()).collect();
    format!("forbidden by {}", names.join(" and "))
}

/// Words one problem.
fn problem(error: &ValidationError, fonts: &Fonts) -> String {
    use ValidationError as V;
    let font = |f: &Font| fonts.name_of(f).unwrap_or_else(|| "an unknown font".into());
    match error {
        V::ContainsNotDefGlyph(f, _, text) => {
            format!("font {} has no glyph for {text:?}; choose a font that covers it or remove it", font(f))
        }
        V::NoCodepointMapping(f, gid, _) => {
            format!("glyph {} of font {} stands for no Unicode text", gid.to_u32(), font(f))
        }
        V::InvalidCodepointMapping(f, _, c, _) => {
            format!(
                "font {} draws the character U+{:04X}, which must not appear in text",
                font(f),
                u32::from(*c)
            )
        }
        V::UnicodePrivateArea(f, _, c, _) => format!(
            "font {} draws the private-use character U+{:04X}, which carries no meaning for readers",
            font(f),
            u32::from(*c)
        ),
        V::RestrictedLicense(f) => format!("the licence of font {} does not allow embedding it", font(f)),
        V::NoDocumentTitle => "the document has no title; give the profile a name or a headline".into(),
        V::NoDocumentLanguage => "the document declares no language; set `lang:` in the profile".into(),
        V::MissingAltText(_) => "an image has no alternative text".into(),
        V::MissingHeadingTitle => "a heading has no title".into(),
        V::MissingDocumentOutline => "the document has no outline (bookmarks)".into(),
        V::MissingAnnotationAltText(_) => "a link has no alternative text".into(),
        V::MissingDocumentDate => {
            "the document has no date; set SOURCE_DATE_EPOCH or the profile's `updated:`".into()
        }
        V::Transparency(_) => "the document uses transparency (a photo with an alpha channel?)".into(),
        V::ImageInterpolation(_) => {
            "the photo is drawn with image smoothing (interpolation), which vitae cannot turn off yet; \
             leave the photo out for PDF/A"
                .into()
        }
        V::EmbeddedFile(e, _) => embed_problem(e).into(),
        V::MissingTagging => "the document is not tagged".into(),
        other => format!("the PDF breaks a limit of the standard ({other:?})"),
    }
}

/// Words a problem with an attached file (the embedded profile source).
fn embed_problem(error: &EmbedError) -> &'static str {
    match error {
        EmbedError::Existence => {
            "the profile's source is attached, which only PDF/A-3 allows; use a-3b or --no-embed-source"
        }
        EmbedError::MissingDate => "the attached profile source has no date",
        EmbedError::MissingDescription => "the attached profile source has no description",
        EmbedError::MissingMimeType => "the attached profile source has no media type",
    }
}

#[cfg(test)]
mod tests {
    use krilla::configure::ValidationError as V;

    use super::*;
    use crate::font::{FontBook, FontId};
    use crate::pdf::Standards;

    /// Pairs each error with the validators of `a-2b,ua-1` that forbid it, as krilla does.
    fn forbidden(errors: Vec<V>) -> Vec<(V, Validators)> {
        let validators = "a-2b,ua-1".parse::<Standards>().unwrap().configuration().validators();
        errors.into_iter().map(|e| (e.clone(), validators.prohibits(&e).unwrap())).collect()
    }

    #[test]
    fn problems_are_listed_once_each_with_the_standards_that_forbid_them() {
        let book = FontBook::bundled();
        let fonts = Fonts::new(&book);
        let errors = forbidden(vec![V::NoDocumentTitle, V::MissingDocumentDate, V::NoDocumentTitle]);
        let lines = describe(&errors, &fonts);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("the document has no title")
                && lines[0].ends_with("(forbidden by PDF/UA-1)")
        );
        assert!(lines[1].contains("SOURCE_DATE_EPOCH") && lines[1].ends_with("(forbidden by PDF/A-2b)"));
    }

    #[test]
    fn a_missing_glyph_names_the_font_and_the_text_and_long_lists_are_cut() {
        let book = FontBook::bundled();
        let mut fonts = Fonts::new(&book);
        let font = fonts.get(FontId(0)).unwrap();
        let errors: Vec<V> =
            (0..20).map(|i| V::ContainsNotDefGlyph(font.clone(), None, format!("\u{e000}{i}"))).collect();
        let lines = describe(&forbidden(errors), &fonts);
        assert_eq!(lines.len(), MAX_PROBLEMS + 1);
        assert!(lines[0].starts_with("font Source Serif 4 has no glyph for \"\\u{e000}0\""), "{}", lines[0]);
        assert!(lines[0].ends_with("(forbidden by PDF/A-2b and PDF/UA-1)"), "{}", lines[0]);
        assert_eq!(lines.last().unwrap(), &format!("and {} more", 20 - MAX_PROBLEMS));
    }
}
