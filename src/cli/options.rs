//! Option values shared by the commands, parsed and range-checked by clap before any command
//! runs, so that a bad value is a usage error (exit code 2, clap's `error:` line naming the
//! option and the accepted values) and never costs a render.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

/// A paper size as `--paper` names it (case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// ISO A5, 148 × 210 mm.
    A5,
    /// US Legal, 8.5 × 14 in.
    Legal,
}

impl PaperArg {
    /// Returns the library's paper size.
    pub fn paper(self) -> vitae::theme::Paper {
        match self {
            PaperArg::A4 => vitae::theme::Paper::A4,
            PaperArg::Letter => vitae::theme::Paper::Letter,
            PaperArg::A5 => vitae::theme::Paper::A5,
            PaperArg::Legal => vitae::theme::Paper::Legal,
        }
    }
}

/// How `vitae render --compress` compresses the PDF's streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompressArg {
    /// Deflate level 1: the least CPU, files about a fifth larger.
    Fast,
    /// Deflate level 9: the smallest files, about 30% more CPU per render.
    Small,
}

impl CompressArg {
    /// Returns the library's compression.
    pub fn compression(self) -> vitae::Compression {
        match self {
            CompressArg::Fast => vitae::Compression::Fast,
            CompressArg::Small => vitae::Compression::Small,
        }
    }
}

/// What `vitae render --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// The PDF.
    Pdf,
    /// One PNG preview per page (`NAME-1.png`, `NAME-2.png`, …), rasterised from the PDF.
    Png,
    /// The plain text in reading order: what an applicant tracking system extracts.
    Txt,
}

impl OutputFormat {
    /// Returns the file extension of the format's outputs.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Pdf => "pdf",
            OutputFormat::Png => "png",
            OutputFormat::Txt => "txt",
        }
    }

    /// Returns the plural noun for a count of outputs in the summary line ("5 PDFs in out/").
    pub fn noun(self, count: usize) -> &'static str {
        match (self, count) {
            (OutputFormat::Pdf, 1) => "PDF",
            (OutputFormat::Pdf, _) => "PDFs",
            (OutputFormat::Png, 1) => "PNG page",
            (OutputFormat::Png, _) => "PNG pages",
            (OutputFormat::Txt, 1) => "text file",
            (OutputFormat::Txt, _) => "text files",
        }
    }
}

/// The lowest `--dpi`: one pixel per inch is the smallest resolution that still draws a page.
pub const MIN_DPI: f32 = 1.0;

/// Parses `--dpi`: a number of dots per inch between [`MIN_DPI`] and the rasteriser's
/// [`vitae::png::MAX_DPI`], checked before anything is rendered.
pub fn parse_dpi(text: &str) -> Result<f32, String> {
    let dpi: f32 = text.trim().parse().map_err(|_| format!("`{text}` is not a number"))?;
    if (MIN_DPI..=vitae::png::MAX_DPI).contains(&dpi) {
        Ok(dpi)
    } else {
        Err(format!("{dpi} is not in {MIN_DPI}..={}", vitae::png::MAX_DPI))
    }
}

/// Where `-o` sends a command's single output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sink {
    /// `-o -`: standard output.
    Stdout,
    /// A file.
    File(PathBuf),
}

impl Sink {
    /// Reads `-o`'s value: `-` is standard output (write `./-` for a file of that name).
    pub fn from_arg(path: &Path) -> Sink {
        if path.as_os_str() == "-" { Sink::Stdout } else { Sink::File(path.to_path_buf()) }
    }
}

/// Refuses an output file whose folder does not exist or is not a folder: vitae creates
/// folders only for `--out-dir`, which says so, never silently for `-o` or `--report`.
/// Returns the message and a hint for the `error:` and `hint:` lines.
pub fn check_parent(flag: &str, output: &Path) -> Result<(), (String, String)> {
    let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) else { return Ok(()) };
    match std::fs::metadata(parent) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err((
            format!("{flag} {}: {} is not a folder", output.display(), parent.display()),
            "choose an output inside an existing folder".to_owned(),
        )),
        Err(_) => Err((
            format!("{flag} {}: the folder {} does not exist", output.display(), parent.display()),
            format!("create it first (mkdir -p {}); --out-dir creates its folder", parent.display()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dpi_is_a_number_within_the_rasterisers_range() {
        assert_eq!(parse_dpi("144"), Ok(144.0));
        assert_eq!(parse_dpi("1"), Ok(MIN_DPI));
        assert_eq!(parse_dpi("1200"), Ok(vitae::png::MAX_DPI));
        for bad in ["0", "0.5", "1200.5", "-3", "NaN", "inf", "", "96dpi"] {
            assert!(parse_dpi(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn only_a_lone_dash_is_standard_output() {
        assert_eq!(Sink::from_arg(Path::new("-")), Sink::Stdout);
        assert_eq!(Sink::from_arg(Path::new("./-")), Sink::File(PathBuf::from("./-")));
        assert_eq!(Sink::from_arg(Path::new("--")), Sink::File(PathBuf::from("--")));
    }

    #[test]
    fn an_output_needs_an_existing_folder() {
        let dir = std::env::temp_dir().join(format!("vitae-options-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("file"), "x").unwrap();
        assert_eq!(check_parent("-o", Path::new("cv.pdf")), Ok(()));
        assert_eq!(check_parent("-o", &dir.join("cv.pdf")), Ok(()));
        let (missing, hint) = check_parent("-o", &dir.join("no/cv.pdf")).unwrap_err();
        assert!(missing.contains("does not exist") && hint.contains("mkdir -p"), "{missing} / {hint}");
        let (file, _) = check_parent("-o", &dir.join("file/cv.pdf")).unwrap_err();
        assert!(file.contains("is not a folder"), "{file}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn summary_nouns_agree_with_the_count() {
        assert_eq!(OutputFormat::Pdf.noun(1), "PDF");
        assert_eq!(OutputFormat::Pdf.noun(5), "PDFs");
        assert_eq!(OutputFormat::Png.noun(2), "PNG pages");
        assert_eq!(OutputFormat::Txt.noun(0), "text files");
    }
}
