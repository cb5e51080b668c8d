//! The PDF standards a document may claim: at most one archival level (PDF/A) and optionally
//! PDF/UA-1, parsed from the `--standard` list (`ua-1`, `a-2b`, `a-3b,ua-1`, `none`) and turned
//! into krilla's validating [`Configuration`].
//!
//! krilla validates while it writes: whatever the chosen standards forbid and the input
//! contains (a glyph the font lacks, a figure without alternative text) makes the export fail
//! with the list of problems, which [`super::PdfError::Validation`] words for the user.

use std::fmt;
use std::str::FromStr;

use krilla::configure::{Accessibility, Archival as KrillaArchival, Configuration, ConfigurationBuilder};

/// A PDF/A conformance level vitae can write. PDF/A-1 is left out: it forbids transparency,
/// which a photo with an alpha channel needs; PDF/A-4 is PDF 2.0, which few validators and
/// archives accept yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Archival {
    /// PDF/A-2b: the look is preserved (fonts embedded, device-independent colour).
    A2b,
    /// PDF/A-2u: as 2b, and every glyph maps to Unicode text.
    A2u,
    /// PDF/A-2a: as 2u, and the document is tagged with its logical structure.
    A2a,
    /// PDF/A-3b: as 2b, and files of any kind may be attached (the profile's source).
    A3b,
    /// PDF/A-3u: as 3b with Unicode text.
    A3u,
    /// PDF/A-3a: as 3u with structure.
    A3a,
}

/// The archival levels in the order [`Archival::name`] lists them, for parsing and messages.
const ARCHIVAL: [Archival; 6] =
    [Archival::A2b, Archival::A2u, Archival::A2a, Archival::A3b, Archival::A3u, Archival::A3a];

impl Archival {
    /// Returns the name used on the command line and in profiles, e.g. `a-2b`.
    pub fn name(self) -> &'static str {
        match self {
            Archival::A2b => "a-2b",
            Archival::A2u => "a-2u",
            Archival::A2a => "a-2a",
            Archival::A3b => "a-3b",
            Archival::A3u => "a-3u",
            Archival::A3a => "a-3a",
        }
    }

    /// Whether the level allows attached files (PDF/A-3 does, PDF/A-2 only PDF/A files).
    pub fn allows_attachments(self) -> bool {
        matches!(self, Archival::A3b | Archival::A3u | Archival::A3a)
    }

    /// Returns krilla's validator for the level.
    fn krilla(self) -> KrillaArchival {
        match self {
            Archival::A2b => KrillaArchival::A2_B,
            Archival::A2u => KrillaArchival::A2_U,
            Archival::A2a => KrillaArchival::A2_A,
            Archival::A3b => KrillaArchival::A3_B,
            Archival::A3u => KrillaArchival::A3_U,
            Archival::A3a => KrillaArchival::A3_A,
        }
    }
}

/// The standards one document claims and is validated against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Standards {
    /// The PDF/A level, if any.
    pub archival: Option<Archival>,
    /// Whether the document claims PDF/UA-1 (accessible: tagged, titled, alternative texts).
    pub ua1: bool,
}

impl Standards {
    /// No standard claimed: the PDF is still tagged, but nothing is validated.
    pub const NONE: Standards = Standards { archival: None, ua1: false };

    /// What a render claims when neither the command line nor the profile says: PDF/UA-1,
    /// which costs about 1% of time and bytes on the samples (`docs/standards.md`).
    pub const DEFAULT: Standards = Standards { archival: None, ua1: true };

    /// Whether no standard is claimed.
    pub fn is_none(self) -> bool {
        self == Standards::NONE
    }

    /// Returns krilla's configuration validating these standards.
    pub(super) fn configuration(self) -> Configuration {
        let mut builder = ConfigurationBuilder::new();
        if let Some(a) = self.archival {
            builder = builder.with_archival_validator(a.krilla());
        }
        if self.ua1 {
            builder = builder.with_accessibility_validator(Accessibility::UA1);
        }
        // PDF/A-2, PDF/A-3 and PDF/UA-1 all allow PDF 1.7, so every combination has a version.
        builder.finish().unwrap_or_default()
    }
}

impl fmt::Display for Standards {
    /// Writes the list as it is parsed, e.g. `a-2b,ua-1`, or `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> =
            self.archival.map(Archival::name).into_iter().chain(self.ua1.then_some("ua-1")).collect();
        if names.is_empty() { f.write_str("none") } else { f.write_str(&names.join(",")) }
    }
}

/// Why a list of standards was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StandardError {
    /// The list is empty, or has an empty item (`a-2b,`).
    Empty,
    /// A name that is not a standard vitae writes.
    Unknown(String),
    /// Two archival levels, e.g. `a-2b,a-3b`: a file conforms to one PDF/A part only.
    TwoArchival(String, String),
    /// A standard named twice, or `none` with another name.
    Repeated(String),
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StandardError::Empty => write!(f, "the list of PDF standards is empty or has an empty item"),
            StandardError::Unknown(name) => write!(
                f,
                "unknown PDF standard {name:?}; known: ua-1, {}, or none (PDF/A-1 and PDF/A-4 are not supported)",
                ARCHIVAL.map(Archival::name).join(", ")
            ),
            StandardError::TwoArchival(a, b) => {
                write!(f, "{a} and {b} are both PDF/A levels; a PDF claims one PDF/A level at most")
            }
            StandardError::Repeated(name) => {
                write!(f, "{name:?} cannot be combined with the other standards given")
            }
        }
    }
}

impl std::error::Error for StandardError {}

impl FromStr for Standards {
    type Err = StandardError;

    /// Parses a comma-separated list such as `a-2b,ua-1` (case and spaces around items do not
    /// matter; `pdf/` may prefix a name), or `none`.
    fn from_str(list: &str) -> Result<Standards, StandardError> {
        let items: Vec<String> = list.split(',').map(|s| s.trim().to_ascii_lowercase()).collect();
        if items.len() == 1 && items.first().is_some_and(|i| i == "none") {
            return Ok(Standards::NONE);
        }
        let mut out = Standards::NONE;
        for item in &items {
            add(&mut out, item)?;
        }
        Ok(out)
    }
}

/// Adds one named standard to `out`, refusing a second archival level or a repeat.
fn add(out: &mut Standards, item: &str) -> Result<(), StandardError> {
    let name = item.strip_prefix("pdf/").unwrap_or(item);
    if name.is_empty() {
        return Err(StandardError::Empty);
    }
    if name == "ua-1" || name == "ua1" {
        if out.ua1 {
            return Err(StandardError::Repeated(item.to_string()));
        }
        out.ua1 = true;
        return Ok(());
    }
    let level = ARCHIVAL.into_iter().find(|a| a.name() == name || a.name().replace('-', "") == name);
    let Some(level) = level else {
        let error = if name == "none" { StandardError::Repeated } else { StandardError::Unknown };
        return Err(error(name.to_string()));
    };
    match out.archival {
        Some(first) if first == level => Err(StandardError::Repeated(item.to_string())),
        Some(first) => Err(StandardError::TwoArchival(first.name().into(), level.name().into())),
        None => {
            out.archival = Some(level);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Standards, StandardError> {
        s.parse()
    }

    #[test]
    fn parses_single_names_and_combinations() {
        assert_eq!(parse("ua-1"), Ok(Standards { archival: None, ua1: true }));
        assert_eq!(parse("a-2b"), Ok(Standards { archival: Some(Archival::A2b), ua1: false }));
        assert_eq!(parse(" A-3B , pdf/UA-1 "), Ok(Standards { archival: Some(Archival::A3b), ua1: true }));
        assert_eq!(parse("ua-1,a-2a"), Ok(Standards { archival: Some(Archival::A2a), ua1: true }));
        assert_eq!(parse("a2u"), Ok(Standards { archival: Some(Archival::A2u), ua1: false }));
        assert_eq!(parse("none"), Ok(Standards::NONE));
    }

    #[test]
    fn every_archival_name_round_trips_through_display() {
        for level in ARCHIVAL {
            let both = Standards { archival: Some(level), ua1: true };
            assert_eq!(parse(&both.to_string()), Ok(both));
        }
        assert_eq!(Standards::NONE.to_string(), "none");
    }

    #[test]
    fn refuses_two_archival_levels_repeats_and_unknown_names() {
        assert_eq!(parse("a-2b,a-3b"), Err(StandardError::TwoArchival("a-2b".into(), "a-3b".into())));
        assert_eq!(parse("a-1b,a-2b"), Err(StandardError::Unknown("a-1b".into())));
        assert_eq!(parse("ua-1,ua-1"), Err(StandardError::Repeated("ua-1".into())));
        assert_eq!(parse("a-2b,a-2b"), Err(StandardError::Repeated("a-2b".into())));
        assert_eq!(parse("none,ua-1"), Err(StandardError::Repeated("none".into())));
        assert_eq!(parse(""), Err(StandardError::Empty));
        assert_eq!(parse("a-2b,"), Err(StandardError::Empty));
        assert!(parse("pdf/x-4").unwrap_err().to_string().contains("known: ua-1, a-2b"));
    }

    #[test]
    fn every_combination_has_a_pdf_version() {
        for level in ARCHIVAL.map(Some).into_iter().chain([None]) {
            for ua1 in [false, true] {
                let s = Standards { archival: level, ua1 };
                let config = s.configuration();
                assert_eq!(config.validators().archival().is_some(), level.is_some());
                assert_eq!(config.validators().accessibility().is_some(), ua1);
            }
        }
    }
}
