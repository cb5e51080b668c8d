//! The last lines `vitae render` prints on standard error: on success one line saying what was
//! written and where (`wrote cv.pdf (2 pages)`, `5 PDFs in out/ (11 pages)`); with failures in a
//! batch, `rendered X of N; K failed:` and one line per failure. Both are derived from the
//! report records only, so they do not depend on the order in which the threads finished.

use std::path::{Path, PathBuf};

use super::options::OutputFormat;

/// What the summary needs to know about one input.
#[derive(Debug, Clone, Copy)]
pub struct Outcome<'a> {
    /// Where its output went.
    pub output: &'a Path,
    /// Pages written, when the input rendered.
    pub pages: Option<usize>,
    /// Why it failed, if it did.
    pub error: Option<&'a str>,
}

/// Returns the lines to print after a run: the success line when every input rendered, the
/// failure list of a batch otherwise (a single failing input has printed its own `error:`).
pub fn lines(outcomes: &[Outcome], format: OutputFormat) -> Vec<String> {
    let failures: Vec<&str> = outcomes.iter().filter_map(|o| o.error).collect();
    if failures.is_empty() {
        return success(outcomes, format).into_iter().collect();
    }
    if outcomes.len() < 2 {
        return Vec::new();
    }
    let (n, k) = (outcomes.len(), failures.len());
    let mut out = vec![format!("rendered {} of {n}; {k} failed:", n - k)];
    out.extend(failures.iter().map(|f| (*f).to_owned()));
    out
}

/// Returns the success line: the file for a single PDF or text file, else the count of files
/// and their common folder; `None` when nothing was rendered.
fn success(outcomes: &[Outcome], format: OutputFormat) -> Option<String> {
    let pages: usize = outcomes.iter().filter_map(|o| o.pages).sum();
    let pages_text = format!("{pages} page{}", if pages == 1 { "" } else { "s" });
    match (outcomes, format) {
        ([], _) => None,
        ([one], OutputFormat::Pdf | OutputFormat::Txt) => {
            Some(format!("wrote {} ({pages_text})", one.output.display()))
        }
        _ => {
            // A PNG preview is one file per page; the other formats one file per input.
            let files = if format == OutputFormat::Png { pages } else { outcomes.len() };
            let folder = common_folder(outcomes.iter().map(|o| o.output));
            let noun = format.noun(files);
            Some(format!("{files} {noun} in {} ({pages_text})", folder_text(&folder)))
        }
    }
}

/// Returns the deepest folder holding every output, compared component by component as the
/// paths are written (empty when they share none).
fn common_folder<'a>(outputs: impl Iterator<Item = &'a Path>) -> PathBuf {
    let mut common: Option<PathBuf> = None;
    for output in outputs {
        let folder = output.parent().unwrap_or(Path::new(""));
        common = Some(match common {
            None => folder.to_path_buf(),
            Some(c) => {
                c.components().zip(folder.components()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect()
            }
        });
    }
    common.unwrap_or_default()
}

/// Writes a folder as the summary shows it: with a trailing slash, `./` for the current one.
fn folder_text(folder: &Path) -> String {
    let text = folder.display().to_string();
    match text.as_str() {
        "" | "." => "./".to_owned(),
        t if t.ends_with('/') => t.to_owned(),
        t => format!("{t}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(output: &str, pages: usize) -> Outcome<'_> {
        Outcome { output: Path::new(output), pages: Some(pages), error: None }
    }

    #[test]
    fn a_single_pdf_is_named_with_its_pages() {
        assert_eq!(lines(&[ok("cv.pdf", 2)], OutputFormat::Pdf), ["wrote cv.pdf (2 pages)"]);
        assert_eq!(lines(&[ok("out/cv.txt", 1)], OutputFormat::Txt), ["wrote out/cv.txt (1 page)"]);
    }

    #[test]
    fn a_batch_gives_the_count_and_the_common_folder() {
        let batch = [ok("out/a/cv.pdf", 2), ok("out/b/cv.pdf", 1), ok("out/c.pdf", 3)];
        assert_eq!(lines(&batch, OutputFormat::Pdf), ["3 PDFs in out/ (6 pages)"]);
        let here = [ok("a.pdf", 1), ok("b.pdf", 1)];
        assert_eq!(lines(&here, OutputFormat::Pdf), ["2 PDFs in ./ (2 pages)"]);
        let apart = [ok("x/a.pdf", 1), ok("y/b.pdf", 1)];
        assert_eq!(lines(&apart, OutputFormat::Pdf), ["2 PDFs in ./ (2 pages)"]);
        let absolute = [ok("/tmp/o/a.pdf", 1), ok("/tmp/o/b.pdf", 1)];
        assert_eq!(lines(&absolute, OutputFormat::Pdf), ["2 PDFs in /tmp/o/ (2 pages)"]);
    }

    #[test]
    fn png_previews_count_pages_as_files() {
        assert_eq!(lines(&[ok("cv.png", 3)], OutputFormat::Png), ["3 PNG pages in ./ (3 pages)"]);
    }

    #[test]
    fn failures_replace_the_success_line() {
        let failed =
            Outcome { output: Path::new("b.pdf"), pages: None, error: Some("b.yaml:4:1: unknown key") };
        assert_eq!(
            lines(&[ok("a.pdf", 1), failed], OutputFormat::Pdf),
            ["rendered 1 of 2; 1 failed:", "b.yaml:4:1: unknown key"]
        );
        assert!(lines(&[failed], OutputFormat::Pdf).is_empty(), "a single failure has its error: line");
        assert!(lines(&[], OutputFormat::Pdf).is_empty());
    }
}
