//! Calendar arithmetic shared by the stages that turn a Unix time into a date (the PDF's
//! creation date, a footer's "last updated"): no clock is ever read here.

/// Seconds in a day.
pub const SECONDS_PER_DAY: i64 = 86_400;

/// Returns the number of days from 1970-01-01 to a proleptic Gregorian date (month 1–12, day
/// 1–31), the inverse of [`civil_from_days`], after Howard Hinnant's `days_from_civil`.
pub fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    // The same March-based year and 400-year eras as `civil_from_days`.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (i64::from(month) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_from_civil_inverts_civil_from_days() {
        // Every day from 1900 to 2100 and a few far ones, leap days included.
        for days in (-25_567..47_482).chain([-719_468, 2_932_896]) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
