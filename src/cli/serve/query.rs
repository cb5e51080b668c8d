//! The query parameters of `/render` and `/check`, read into a [`Job`]: each as `vitae render`
//! reads its option, an unknown one or a bad value refused with 400, never ignored.

use axum::http::{HeaderMap, header};
use vitae::import::Format;

use super::super::options::parse_dpi;
use super::work::{Failure, Job, Output};

/// The longest `?name=`, in characters: a file name, not a document.
const MAX_NAME_CHARS: usize = 100;

/// The query parameters as read so far.
pub struct Params {
    /// `format=` (or the content type's).
    format: Option<Format>,
    /// `name=`.
    name: Option<String>,
    /// `layout=`.
    layout: Option<String>,
    /// `paper=`.
    paper: Option<vitae::theme::Paper>,
    /// The render options (`pages=`, `max_pages=`, `standard=`, `embed_source=`).
    options: vitae::RenderOptions,
    /// `output=`: `pdf`, `png` or `txt`.
    output: &'static str,
    /// `page=` of a PNG.
    page: usize,
    /// `dpi=` of a PNG.
    dpi: f32,
    /// `envelope=json`.
    pub envelope: bool,
}

/// The resolution of a PNG preview unless `dpi=` says otherwise, as `vitae render`'s.
const DEFAULT_DPI: f32 = 144.0;

impl Params {
    /// The defaults: those of `vitae render`.
    pub fn new(format: Option<Format>, creation_date: Option<i64>) -> Params {
        let options = vitae::RenderOptions {
            layout: vitae::LayoutOptions { creation_date },
            max_pages: Some(vitae::limits::DEFAULT_MAX_PAGES),
            ..vitae::RenderOptions::default()
        };
        Params {
            format,
            name: None,
            layout: None,
            paper: None,
            options,
            output: "pdf",
            page: 1,
            dpi: DEFAULT_DPI,
            envelope: false,
        }
    }

    /// Reads one parameter; an unknown one, or one only a render takes given to `/check`, is
    /// refused rather than ignored.
    pub fn set(&mut self, key: &str, value: &str, render: bool) -> Result<(), Failure> {
        let bad = |what: &str| bad_request(format!("{key}={value}: {what}"));
        match key {
            "format" => {
                self.format = Some(
                    format_named(value)
                        .ok_or_else(|| bad("one of vitae, jsonresume, rendercv, yamlresume, markdown"))?,
                )
            }
            "name" => {
                self.name = Some(
                    file_name(value)
                        .ok_or_else(|| bad("a file name of at most 100 characters, no folders"))?,
                )
            }
            "layout" => self.layout = Some(value.to_owned()),
            "paper" => self.paper = Some(paper(value).ok_or_else(|| bad("one of a4, letter, a5, legal"))?),
            "pages" if render => {
                self.options.pages = Some(positive(value).ok_or_else(|| bad("a whole number from 1"))?)
            }
            "max_pages" if render => {
                self.options.max_pages = Some(positive(value).ok_or_else(|| bad("a whole number from 1"))?)
            }
            "standard" if render => {
                self.options.standards =
                    Some(value.parse().map_err(|e: vitae::pdf::StandardError| bad(&e.to_string()))?)
            }
            "embed_source" if render => {
                self.options.embed_source = Some(value.parse().map_err(|_| bad("true or false"))?)
            }
            "output" if render => {
                self.output = ["pdf", "png", "txt"]
                    .into_iter()
                    .find(|o| *o == value)
                    .ok_or_else(|| bad("one of pdf, png, txt"))?
            }
            "page" if render => self.page = positive(value).ok_or_else(|| bad("a page number from 1"))?,
            "dpi" if render => self.dpi = parse_dpi(value).map_err(|e| bad(&e))?,
            "envelope" if render && value == "json" => self.envelope = true,
            "envelope" if render => return Err(bad("only `json`")),
            _ => return Err(bad_request(format!("unknown query parameter `{key}`"))),
        }
        Ok(())
    }

    /// Builds the job for a profile's text.
    pub fn into_job(self, text: String) -> Job {
        let extension = match self.format {
            Some(Format::JsonResume) => "json",
            Some(Format::Markdown) => "md",
            _ => "yaml",
        };
        let output = match self.output {
            "png" => Output::Png { page: self.page, dpi: self.dpi },
            "txt" => Output::Txt,
            _ => Output::Pdf,
        };
        Job {
            text,
            name: self.name.unwrap_or_else(|| format!("profile.{extension}")),
            format: self.format,
            layout: self.layout,
            paper: self.paper,
            options: self.options,
            output,
        }
    }
}

/// Returns the format a `format=` value names.
fn format_named(value: &str) -> Option<Format> {
    Some(match value.to_ascii_lowercase().as_str() {
        "vitae" | "yaml" => Format::Vitae,
        "jsonresume" | "json" => Format::JsonResume,
        "rendercv" => Format::RenderCv,
        "yamlresume" => Format::YamlResume,
        "markdown" | "md" => Format::Markdown,
        _ => return None,
    })
}

/// Returns the format the content type names, when it names one: JSON is JSON Resume and
/// Markdown is Markdown; YAML (and anything else, such as curl's default form type) is told
/// apart by its keys, as a `.yaml` file is.
pub fn content_format(headers: &HeaderMap) -> Option<Format> {
    let kind = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = kind.split(';').next()?.trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => Some(Format::JsonResume),
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        _ => None,
    }
}

/// Accepts `name=` when it is a bare file name: no folder, no control character, not too long.
fn file_name(value: &str) -> Option<String> {
    let ok = !value.is_empty()
        && value.chars().count() <= MAX_NAME_CHARS
        && !value.contains(['/', '\\'])
        && !value.chars().any(char::is_control)
        && value != ".."
        && value != ".";
    ok.then(|| value.to_owned())
}

/// Returns the paper size a `paper=` value names.
fn paper(value: &str) -> Option<vitae::theme::Paper> {
    use vitae::theme::Paper;
    Some(match value.to_ascii_lowercase().as_str() {
        "a4" => Paper::A4,
        "letter" => Paper::Letter,
        "a5" => Paper::A5,
        "legal" => Paper::Legal,
        _ => return None,
    })
}

/// Parses a whole number from 1.
fn positive(value: &str) -> Option<usize> {
    value.parse::<usize>().ok().filter(|n| *n >= 1)
}

/// A 400 for a bad request line or parameter.
pub fn bad_request(message: String) -> Failure {
    Failure { status: 400, ..Failure::input("bad_request", message, None) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bare_file_names() {
        assert_eq!(file_name("jane.json").as_deref(), Some("jane.json"));
        for bad in ["", "a/b.yaml", "..", "c:\\x", "a\nb", &"x".repeat(101)] {
            assert_eq!(file_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_parameter_is_checked_and_unknown_ones_refused() {
        let mut p = Params::new(None, None);
        for (k, v) in [
            ("pages", "2"),
            ("paper", "Letter"),
            ("output", "png"),
            ("page", "2"),
            ("dpi", "72"),
            ("format", "JSON"),
        ] {
            p.set(k, v, true).unwrap_or_else(|e| panic!("{k}={v}: {e:?}"));
        }
        let job = p.into_job(String::new());
        assert_eq!(
            (job.options.pages, job.output, job.name.as_str()),
            (Some(2), Output::Png { page: 2, dpi: 72.0 }, "profile.json")
        );
        let mut p = Params::new(None, None);
        for (k, v) in [
            ("pages", "0"),
            ("paper", "b5"),
            ("output", "svg"),
            ("dpi", "0"),
            ("envelope", "xml"),
            ("colour", "red"),
            ("standard", "a-9z"),
        ] {
            assert_eq!(p.set(k, v, true).map_err(|e| e.status), Err(400), "{k}={v}");
        }
        assert_eq!(
            p.set("pages", "2", false).map_err(|e| e.status),
            Err(400),
            "/check takes no render option"
        );
    }
}
