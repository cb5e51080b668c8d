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

/// Seconds in a day (leap seconds do not exist in Unix time).
const SECONDS_PER_DAY: i64 = 86_400;

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
fn date_time(seconds: i64) -> Result<DateTime, PdfError> {
    let (days, secs) = (seconds.div_euclid(SECONDS_PER_DAY), seconds.rem_euclid(SECONDS_PER_DAY));
    let (year, month, day) = civil_from_days(days);
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

/// Returns the proleptic Gregorian (year, month 1–12, day 1–31) of a day count from
/// 1970-01-01, after Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    // Shift the epoch to 0000-03-01 so leap days fall at the end of a year; 719 468 is the
    // number of days from that date to 1970-01-01.
    let z = days + 719_468;
    // An era is 400 years, 146 097 days.
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    // Months counted from March, each 5-month block being 153 days.
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

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
