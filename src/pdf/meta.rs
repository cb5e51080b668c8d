//! Document-level data: the Info dictionary and XMP metadata, the outline, and the conversion
//! of Unix timestamps into PDF dates.

use krilla::destination::XyzDestination;
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata as PdfMetadata};
use krilla::outline::{Outline, OutlineNode};

use crate::layout::frame::{Metadata, OutlineEntry};

use super::PdfError;

/// The creator tool recorded in the Info dictionary and XMP.
const CREATOR: &str = concat!("vitae ", env!("CARGO_PKG_VERSION"));

use crate::calendar::SECONDS_PER_DAY;

/// Builds krilla's metadata from ours; the date is set only when the document has one.
pub(super) fn metadata(meta: &Metadata) -> Result<PdfMetadata, PdfError> {
    let mut out = PdfMetadata::new()
        .title(meta.title.clone())
        .keywords(meta.keywords.clone())
        .creator(CREATOR.to_string());
    if let Some(author) = &meta.author {
        out = out.authors(vec![author.clone()]);
    }
    if let Some(subject) = &meta.subject {
        out = out.description(subject.clone());
    }
    if let Some(language) = language(meta) {
        out = out.language(language);
    }
    if let Some(seconds) = meta.creation_date {
        out = out.creation_date(date_time(seconds)?);
    }
    Ok(out)
}

/// Returns the document language, or `None` when it is empty.
pub(super) fn language(meta: &Metadata) -> Option<String> {
    Some(meta.language.clone()).filter(|l| !l.is_empty())
}

/// Builds a flat outline, one node per entry, each jumping to the left edge at the entry's y.
pub(super) fn outline(entries: &[OutlineEntry], pages: usize) -> Result<Outline, PdfError> {
    let mut outline = Outline::new();
    for entry in entries {
        if entry.page >= pages {
            return Err(PdfError::OutlinePage { title: entry.title.clone(), page: entry.page, pages });
        }
        let target = Point::from_xy(0.0, entry.y.get() as f32);
        let dest = XyzDestination::new(entry.page, target);
        outline.push_child(OutlineNode::new(entry.title.clone(), dest));
    }
    Ok(outline)
}

/// Converts seconds since the Unix epoch into a UTC date-time.
pub(super) fn date_time(seconds: i64) -> Result<DateTime, PdfError> {
    let (days, secs) = (seconds.div_euclid(SECONDS_PER_DAY), seconds.rem_euclid(SECONDS_PER_DAY));
    let (year, month, day) = crate::calendar::civil_from_days(days);
    let year = u16::try_from(year).ok().filter(|y| *y <= 9999).ok_or(PdfError::CreationDate { seconds })?;
    // `secs` is below 86 400, so each part fits a u8.
    let (hour, minute, second) = (secs / 3600, secs / 60 % 60, secs % 60);
    Ok(DateTime::new(year)
        .month(month)
        .day(day)
        .hour(hour as u8)
        .minute(minute as u8)
        .second(second as u8)
        .utc_offset_hour(0))
}

#[cfg(test)]
mod tests {
    use crate::calendar::civil_from_days;

    #[test]
    fn civil_dates_match_known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        // 2000-02-29: a leap day in a century divisible by 400.
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        // 2024-03-01, the day after a leap day.
        assert_eq!(civil_from_days(19_783), (2024, 3, 1));
        // 1900-03-01: 1900 was not a leap year.
        assert_eq!(civil_from_days(-25_508), (1900, 3, 1));
    }
}
