//! Dates: `YYYY`, `YYYY-MM` and `YYYY-MM-DD` parsed into [`Date`], with impossible dates
//! (month 13, 30 February) told apart from free text such as "Summer 2019".

use super::error::{ProfileError, Source};
use super::model::{Date, Dates};
use super::raw::Text;

/// The hint for text that should be a date.
const DATE_SHAPES: &str = "write dates as `2021`, `2021-03` or `2021-03-14`";

/// Reads an entry's `start`, `end` and `date` into [`Dates`]: a range (an `end` of `present`, or
/// none, means ongoing), a single date, or free text from `date`.
pub(crate) fn entry_dates(
    src: &Source,
    start: Option<&Text>,
    end: Option<&Text>,
    date: Option<&Text>,
) -> Result<Option<Dates>, ProfileError> {
    if let Some(date) = date {
        if start.is_some() || end.is_some() {
            let error = src.error(&date.referenced, "`date` cannot be combined with `start` or `end`");
            return Err(error.with_hint("use `date` for one date, or `start` and `end` for a range"));
        }
        return single(src, date).map(Some);
    }
    match (start, end) {
        (Some(start), end) => range(src, start, end).map(Some),
        (None, Some(end)) => {
            let error = src.error(&end.referenced, "`end` is given without `start`");
            Err(error.with_hint("add `start:`, or write a single date as `date:`"))
        }
        (None, None) => Ok(None),
    }
}

/// Reads a `date`: a date if it looks like one, else free text.
pub(crate) fn single(src: &Source, date: &Text) -> Result<Dates, ProfileError> {
    match parse_date(&date.value) {
        Ok(Some(d)) => Ok(Dates::Single(d)),
        Ok(None) => Ok(Dates::Text(date.value.trim().to_owned())),
        Err(message) => Err(src.error(&date.referenced, message).with_hint(DATE_SHAPES)),
    }
}

/// Reads a `start`–`end` range and checks its order.
fn range(src: &Source, start: &Text, end: Option<&Text>) -> Result<Dates, ProfileError> {
    let from = bound(src, start, "start")?;
    let to = match end {
        Some(end) if !is_present(&end.value) => Some((bound(src, end, "end")?, end)),
        _ => None,
    };
    if let Some((_, end)) = to.filter(|(to, _)| ends_before(to, &from)) {
        let message = format!("the end `{}` is before the start `{}`", end.value.trim(), start.value.trim());
        return Err(src
            .error(&end.referenced, message)
            .with_hint("check the years, or swap `start` and `end`"));
    }
    Ok(Dates::Range { start: from, end: to.map(|(to, _)| to) })
}

/// Whether an `end` says the range is ongoing.
fn is_present(text: &str) -> bool {
    text.trim().eq_ignore_ascii_case("present")
}

/// Reads a `start` or `end`, which must be a date.
fn bound(src: &Source, text: &Text, key: &str) -> Result<Date, ProfileError> {
    match parse_date(&text.value) {
        Ok(Some(date)) => Ok(date),
        Ok(None) if is_present(&text.value) => {
            let error = src.error(&text.referenced, "only `end` can be `present`");
            Err(error.with_hint("leave out `end` or write `end: present` for something ongoing"))
        }
        Ok(None) => {
            let error =
                src.error(&text.referenced, format!("`{key}` must be a date, not `{}`", text.value.trim()));
            Err(error.with_hint(format!("{DATE_SHAPES}; free text such as \"Summer 2019\" goes in `date:`")))
        }
        Err(message) => Err(src.error(&text.referenced, message).with_hint(DATE_SHAPES)),
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (months and days may have one digit).
///
/// Returns `Ok(None)` when the text does not look like a date at all (free text such as
/// "Summer 2019").
///
/// # Errors
///
/// A message when the text looks like a date but cannot exist (`2024-13`, `2023-02-29`).
pub fn parse_date(text: &str) -> Result<Option<Date>, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let Some(year) = parts.first().filter(|_| looks_like_date(&parts)) else { return Ok(None) };
    let year: i32 = year.parse().map_err(|_| format!("`{text}` is not a valid year"))?;
    let month = parts.get(1).map(|m| number(m)).transpose()?;
    let day = parts.get(2).map(|d| number(d)).transpose()?;
    check(year, month, day).map_err(|why| format!("`{text}` is not a real date: {why}"))?;
    Ok(Some(Date { year, month, day }))
}

/// Whether the parts are a four-digit year followed by at most two short numbers.
fn looks_like_date(parts: &[&str]) -> bool {
    let digits =
        |s: &str, max: usize| !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit());
    // Four digits for the year: three-digit years are not résumé material, five are typos.
    let Some((year, rest)) = parts.split_first() else { return false };
    parts.len() <= 3 && year.len() == 4 && digits(year, 4) && rest.iter().all(|p| digits(p, 2))
}

/// Parses a month or day number (at most two digits, so it always fits).
fn number(text: &str) -> Result<u8, String> {
    text.parse().map_err(|_| format!("`{text}` is not a number"))
}

/// Checks that the month and day exist.
fn check(year: i32, month: Option<u8>, day: Option<u8>) -> Result<(), String> {
    let Some(month) = month else { return Ok(()) };
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    match day {
        Some(day) if day == 0 || day > days_in_month(year, month) => {
            Err(format!("{} has no day {day}", month_name(year, month)))
        }
        _ => Ok(()),
    }
}

/// Returns the number of days in a month of the Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Whether a year is a Gregorian leap year.
fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Names a month for messages ("February 2023").
fn month_name(year: i32, month: u8) -> String {
    let names = &crate::locale::for_lang("en").months.long;
    let name = names.get(usize::from(month.clamp(1, 12) - 1)).map_or("", String::as_str);
    format!("{name} {year}")
}

/// Whether `end` is before `start`, compared only as precisely as both are given: `2021` does
/// not end before `2021-03`, because the year 2021 includes March.
pub(crate) fn ends_before(end: &Date, start: &Date) -> bool {
    let end_key = (end.year, end.month.filter(|_| start.month.is_some()));
    let start_key = (start.year, start.month.filter(|_| end.month.is_some()));
    if end_key != start_key {
        return end_key < start_key;
    }
    matches!((end.day, start.day), (Some(e), Some(s)) if e < s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: Option<u8>, day: Option<u8>) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn parses_the_three_shapes() {
        assert_eq!(parse_date("2021"), Ok(Some(date(2021, None, None))));
        assert_eq!(parse_date("2021-03"), Ok(Some(date(2021, Some(3), None))));
        assert_eq!(parse_date("2021-3"), Ok(Some(date(2021, Some(3), None))));
        assert_eq!(parse_date("2024-02-29"), Ok(Some(date(2024, Some(2), Some(29)))));
        assert_eq!(parse_date(" 2000-02-29 "), Ok(Some(date(2000, Some(2), Some(29)))));
    }

    #[test]
    fn free_text_is_not_a_date() {
        for text in
            ["Summer 2019", "present", "21", "20210", "2021-", "2021/03", "2021-03-04-05", "", "２０２１"]
        {
            assert_eq!(parse_date(text), Ok(None), "{text}");
        }
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert_eq!(parse_date("2024-13"), Err("`2024-13` is not a real date: there is no month 13".into()));
        assert_eq!(parse_date("2024-00"), Err("`2024-00` is not a real date: there is no month 0".into()));
        assert_eq!(
            parse_date("2024-02-30"),
            Err("`2024-02-30` is not a real date: February 2024 has no day 30".into())
        );
        assert!(parse_date("2023-02-29").is_err());
        assert!(parse_date("1900-02-29").is_err());
        assert!(parse_date("2024-04-31").is_err());
        assert!(parse_date("2024-04-00").is_err());
    }

    #[test]
    fn comparison_uses_common_precision() {
        let y2021 = date(2021, None, None);
        let march = date(2021, Some(3), None);
        let march_5 = date(2021, Some(3), Some(5));
        assert!(!ends_before(&y2021, &march));
        assert!(!ends_before(&march, &y2021));
        assert!(ends_before(&date(2021, Some(2), None), &march));
        assert!(ends_before(&date(2021, Some(3), Some(4)), &march_5));
        assert!(!ends_before(&march, &march_5));
        assert!(ends_before(&date(2020, Some(12), None), &y2021));
    }
}
