//! Calendar arithmetic shared by the stages that turn a Unix time into a date (the PDF's
//! creation date, a footer's "last updated"): no clock is ever read here.

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Returns the proleptic Gregorian (year, month 1–12, day 1–31) of a day count from
/// 1970-01-01, after Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
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
