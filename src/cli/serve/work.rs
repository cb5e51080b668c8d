//! One request's work, run on the blocking pool: the profile's text → a [`vitae::Profile`]
//! read sealed (no file, no network: [`vitae::import::load_text`]) → its layout (bundled only)
//! → the shared engine's render → the asked output. Nothing here knows HTTP beyond the status
//! code a failure maps to.

use vitae::import::{Format, ImportOptions};
use vitae::theme::{BUNDLED, Paper};
use vitae::{Engine, Profile};

/// What the server is asked to answer with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Output {
    /// The PDF.
    Pdf,
    /// One page as a PNG preview: the 1-based page and the resolution in dots per inch.
    Png { page: usize, dpi: f32 },
    /// The plain text in reading order.
    Txt,
}

/// A render or check, decided from the request before any work.
#[derive(Debug, Clone)]
pub struct Job {
    /// The profile's text.
    pub text: String,
    /// The name the text goes by in messages (and, for a foreign format, in the conversion's
    /// header, which the PDF carries): `?name=`, else `profile.` with the format's extension.
    pub name: String,
    /// The format, when the request names it (`?format=` or the content type).
    pub format: Option<Format>,
    /// `?layout=`: a bundled layout, over the profile's own.
    pub layout: Option<String>,
    /// `?paper=`.
    pub paper: Option<Paper>,
    /// The render options, as `vitae render` would set them.
    pub options: vitae::RenderOptions,
    /// What to answer with.
    pub output: Output,
}

/// A finished render.
#[derive(Debug)]
pub struct Answer {
    /// The output's bytes.
    pub body: Vec<u8>,
    /// The pages of the document.
    pub pages: usize,
    /// The warnings, each as `vitae render` prints it (after `warning: `).
    pub warnings: Vec<String>,
}

/// Why a request gives no output: an HTTP status, a stable kind (metrics, JSON), the message
/// (with the located line for a profile error) and a hint.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The HTTP status code.
    pub status: u16,
    /// A short, stable name of the kind of failure (`profile`, `layout`, `too_large`, ...).
    pub kind: &'static str,
    /// What is wrong; for a profile, `file:line:col` with the offending line.
    pub message: String,
    /// The 1-based line and column in the profile, when the failure has one.
    pub at: Option<(usize, usize)>,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Failure {
    /// A failure of the request's own making (HTTP 422).
    pub fn input(kind: &'static str, message: impl Into<String>, hint: Option<&str>) -> Failure {
        Failure { status: 422, kind, message: message.into(), at: None, hint: hint.map(str::to_owned) }
    }

    /// Maps a library error: problems with the input are 422, the server's own are 500.
    fn library(e: &vitae::Error) -> Failure {
        let (status, kind) = match e {
            vitae::Error::Profile(_) => (422, "profile"),
            vitae::Error::Theme(_) => (422, "layout"),
            vitae::Error::TooManyPages { .. } => (422, "too_many_pages"),
            vitae::Error::Pdf(_) => (422, "pdf"),
            vitae::Error::Font(_) => (500, "font"),
            _ => (500, "internal"),
        };
        let (message, at) = match e {
            vitae::Error::Profile(p) => (p.render(), (p.line > 0).then_some((p.line, p.column))),
            vitae::Error::Theme(t) => (t.to_string(), (t.line > 0).then_some((t.line, t.column))),
            other => (other.to_string(), None),
        };
        // A profile error's rendering already ends with its hint.
        let hint = if matches!(e, vitae::Error::Profile(_)) { None } else { e.hint() };
        Failure { status, kind, message, at, hint }
    }
}

/// Loads and checks the profile as `vitae check` does (with the layout it would render in);
/// returns it with its layout, or why not.
pub fn check(job: &Job) -> Result<(Profile, vitae::Theme), Failure> {
    let options = ImportOptions { strict: false, format: job.format };
    let profile = vitae::import::load_text(&job.text, &job.name, &options)
        .map_err(|e| Failure::library(&vitae::Error::Profile(e)))?;
    refuse_files(&profile, job.layout.as_deref())?;
    let overrides = vitae::Overrides { layout: job.layout.as_deref(), paper: job.paper };
    let theme = vitae::resolve_theme(&profile, &overrides).map_err(|e| Failure::library(&e))?;
    Ok((profile, theme))
}

/// Renders the job with the shared engine into the asked output.
pub fn render(engine: &Engine, job: &Job) -> Result<Answer, Failure> {
    let (profile, theme) = check(job)?;
    let rendered = engine.render(&profile, &theme, &job.options).map_err(|e| Failure::library(&e))?;
    let warnings = rendered.warnings.iter().map(ToString::to_string).collect();
    let pages = rendered.page_count();
    let body = match job.output {
        Output::Pdf => rendered.pdf,
        Output::Txt => vitae::layout::text::plain_text(&rendered.document).into_bytes(),
        Output::Png { page, dpi } => preview(&rendered.pdf, page, pages, dpi)?,
    };
    Ok(Answer { body, pages, warnings })
}

/// Rasterises one page of the PDF.
fn preview(pdf: &[u8], page: usize, pages: usize, dpi: f32) -> Result<Vec<u8>, Failure> {
    if page > pages {
        let message = format!("page={page}, but the résumé has {pages} page(s)");
        return Err(Failure::input("bad_request", message, Some("ask for a page from 1 to the page count")));
    }
    let mut all = vitae::png::pages(pdf, dpi)
        .map_err(|e| Failure { status: 500, ..Failure::input("png", e.to_string(), None) })?;
    Ok(all.swap_remove(page - 1))
}

/// Refuses what would make the server read its own files: a layout that is not bundled (named
/// by `?layout=` or the profile's `layout:`) and font files in `design:`.
fn refuse_files(profile: &Profile, asked: Option<&str>) -> Result<(), Failure> {
    let bundled = |name: &str| BUNDLED.iter().any(|(n, _)| *n == name);
    let names = BUNDLED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ");
    let hint = format!("the server renders only its bundled layouts: {names}");
    if let Some(layout) = asked.filter(|l| !bundled(l)) {
        return Err(Failure::input(
            "layout",
            format!("layout={layout}: no bundled layout has that name"),
            Some(&hint),
        ));
    }
    if let Some(layout) = profile.layout.as_deref().filter(|l| asked.is_none() && !bundled(l)) {
        let mut failure =
            Failure::input("layout", format!("`layout: {layout}` is not a bundled layout"), Some(&hint));
        if let Some(at) = &profile.layout_at.0 {
            failure.message = format!("{}:{}:{}: {}", at.file, at.line, at.column, failure.message);
            failure.at = Some((at.line, at.column));
        }
        return Err(failure);
    }
    let fonts = profile.design.as_ref().filter(|d| d.value.get("fonts").is_some());
    if let Some(design) = fonts {
        let message = format!(
            "{}:{}: `design: fonts:` names font files, which the server does not read",
            design.file, design.line
        );
        return Err(Failure::input(
            "layout",
            message,
            Some("use the bundled fonts, or render with `vitae render`"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job for a vitae YAML text with default options.
    fn job(text: &str) -> Job {
        Job {
            text: text.to_owned(),
            name: "profile.yaml".into(),
            format: None,
            layout: None,
            paper: None,
            options: vitae::RenderOptions::default(),
            output: Output::Txt,
        }
    }

    #[test]
    fn bad_yaml_is_a_located_422() {
        let failure = check(&job("name: Jane\nsections: [\n")).unwrap_err();
        assert_eq!((failure.status, failure.kind), (422, "profile"));
        assert!(failure.message.contains("profile.yaml:"), "{}", failure.message);
        assert!(failure.at.is_some(), "{failure:?}");
    }

    #[test]
    fn a_photo_file_is_refused_at_its_line() {
        let failure = check(&job("name: Jane\nphoto: /etc/passwd\n")).unwrap_err();
        assert_eq!((failure.status, failure.at), (422, Some((2, 8))), "{failure:?}");
        assert!(failure.message.contains("names a file"), "{}", failure.message);
    }

    #[test]
    fn only_bundled_layouts_are_served() {
        let mut asked = job("name: Jane\n");
        asked.layout = Some("../layouts/classic.yaml".into());
        assert_eq!(check(&asked).unwrap_err().kind, "layout");
        let named = check(&job("name: Jane\nlayout: /tmp/mine.yaml\n")).unwrap_err();
        assert_eq!((named.kind, named.at), ("layout", Some((2, 9))), "{named:?}");
        let fonts = check(&job("name: Jane\ndesign:\n  fonts: [a.ttf]\n")).unwrap_err();
        assert!(fonts.message.contains("font files"), "{fonts:?}");
        assert!(check(&job("name: Jane\nlayout: sidebar\n")).is_ok());
    }

    #[test]
    fn a_page_past_the_end_is_refused() {
        let mut png = job("name: Jane\n");
        png.output = Output::Png { page: 3, dpi: 10.0 };
        let failure = render(Engine::shared(), &png).unwrap_err();
        assert_eq!((failure.status, failure.kind), (422, "bad_request"));
    }
}
