//! Dates as people write them in Markdown résumés, read into vitae's dates: `12.2014 – 03.2016`,
//! `Jan 2020 – Mar 2021`, `January 2020 - Present`, `2019–2021`, `2019 - now`, `3/2019 to
//! date`, `since 2018`. A text read here becomes `start`/`end` (or `date`), so that one way of
//! writing gives one printed form everywhere in a file; anything else stays free text.
#![allow(
    clippy::indexing_slicing,
    reason = "indexes only its own vectors of lines, blocks and tokens, each within its loop's bound; text itself is sliced through strings::slice (string_slice stays denied)"
)]

use crate::profile::{Date, parse_date};

/// A date text read into vitae's dates, each written `YYYY[-MM[-DD]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Span {
    /// One date.
    Single(String),
    /// A range; no end means "present".
    Range(String, Option<String>),
}

/// Words for "still going" at the end of a range.
const PRESENT: &[&str] = &["present", "now", "current", "currently", "today", "ongoing", "date"];

/// Words between the two ends of a range.
const SEPARATORS: &[&str] = &["-", "–", "—", "to", "until", "till", "through", "thru"];

/// Whether a word is a month name in full or in a short form (see [`month_of`]).
pub(crate) fn is_month(word: &str) -> bool {
    month_of(word).is_some()
}

/// Returns the number of a month written in full or as the short forms résumés use: its first
/// three letters, or "sept" (the English locale's names, through `common`).
fn month_of(word: &str) -> Option<u8> {
    let month = crate::import::common::english_month_starting(word)?;
    let names = &crate::locale::for_lang("en").months.long;
    let full = names.get(usize::from(month) - 1).is_some_and(|name| name.len() == word.len());
    (full || word.len() == 3 || word == "sept").then_some(month)
}

/// Reads a date or range; `None` when the text is not one (it then stays free text).
pub(crate) fn span(text: &str) -> Option<Span> {
    let inner = text.trim().trim_matches(|c: char| c == '*' || c == '_').trim();
    let tokens = tokens(inner);
    let mut at = 0;
    let since = tokens.first().is_some_and(|t| t == "since" || t == "from");
    if since {
        at = 1;
    }
    let (start, used) = date_at(tokens.get(at..).unwrap_or_default())?;
    at += used;
    if at == tokens.len() {
        return Some(if since { Span::Range(start.0, None) } else { Span::Single(start.0) });
    }
    if !SEPARATORS.contains(&tokens[at].as_str()) || since {
        return None;
    }
    at += 1;
    let rest = tokens.get(at..).unwrap_or_default();
    if rest.len() == 1 && PRESENT.contains(&rest[0].as_str()) {
        return Some(Span::Range(start.0, None));
    }
    let (end, used) = date_at(rest)?;
    if used != rest.len() || before(&end.1, &start.1) {
        return None;
    }
    Some(Span::Range(start.0, Some(end.0)))
}

/// Cuts a date text into lower-case words, with dashes between dates as words of their own
/// ("2019–2021" → "2019", "–", "2021") and stray punctuation trimmed.
fn tokens(text: &str) -> Vec<String> {
    let spaced = text.replace('–', " – ").replace('—', " — ");
    let mut out = Vec::new();
    for word in spaced.split_whitespace() {
        let word = word.trim_matches(|c: char| ",()[]".contains(c)).to_lowercase();
        let word = word.trim_end_matches('.').to_owned();
        match word.split_once('-') {
            // `2021-03` and `03-2021` are one date; `2019-2021` and `2019-present` are two.
            Some((a, b)) if !a.is_empty() && !b.is_empty() && !numeric_date(&word) => {
                out.extend([a.to_owned(), "-".to_owned(), b.to_owned()]);
            }
            _ if !word.is_empty() => out.push(word),
            _ => {}
        }
    }
    out
}

/// Whether a word is one date written with digits: `2021-03`, `2021-03-14`, `03-2021`.
fn numeric_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    let digits = |p: &&str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    parts.iter().all(digits)
        && match parts[..] {
            [y, m] => (y.len() == 4 && m.len() <= 2) || (y.len() <= 2 && m.len() == 4),
            [y, m, d] => y.len() == 4 && m.len() <= 2 && d.len() <= 2,
            _ => false,
        }
}

/// Reads one date at the start of `tokens`: its `YYYY[-MM[-DD]]` text, the date, and how many
/// tokens it took.
fn date_at(tokens: &[String]) -> Option<((String, Date), usize)> {
    let first = tokens.first()?;
    if let Some(month) = month_of(first) {
        let year = tokens.get(1).filter(|y| is_year(y))?;
        return iso(&format!("{year}-{month:02}")).map(|d| (d, 2));
    }
    if is_year(first) {
        return iso(first).map(|d| (d, 1));
    }
    let parts: Vec<&str> = first.split(['.', '/', '-']).collect();
    let text = match parts[..] {
        // `12.2014`, `3/2019`, `03-2016`: month and year.
        [m, y] if m.len() <= 2 && is_year(y) => format!("{y}-{:02}", m.parse::<u8>().ok()?),
        // `2021-03`, `2021/03`: year and month.
        [y, m] if is_year(y) && m.len() <= 2 => format!("{y}-{:02}", m.parse::<u8>().ok()?),
        [y, m, d] if is_year(y) && m.len() <= 2 && d.len() <= 2 => {
            format!("{y}-{:02}-{:02}", m.parse::<u8>().ok()?, d.parse::<u8>().ok()?)
        }
        _ => return None,
    };
    iso(&text).map(|d| (d, 1))
}

/// Whether a word is a year: four digits starting with 1 or 2.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.starts_with(['1', '2']) && word.bytes().all(|b| b.is_ascii_digit())
}

/// Checks an ISO date with vitae's own reader (so month 13 is refused here, not later).
fn iso(text: &str) -> Option<(String, Date)> {
    match parse_date(text) {
        Ok(Some(date)) => Some((text.to_owned(), date)),
        _ => None,
    }
}

/// Whether `end` is before `start`, compared as precisely as both are given.
fn before(end: &Date, start: &Date) -> bool {
    let month = |d: &Date, other: &Date| d.month.filter(|_| other.month.is_some());
    (end.year, month(end, start)) < (start.year, month(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(start: &str, end: Option<&str>) -> Option<Span> {
        Some(Span::Range(start.into(), end.map(Into::into)))
    }

    #[test]
    fn the_common_forms_are_ranges() {
        assert_eq!(span("12.2014 – 03.2016"), range("2014-12", Some("2016-03")));
        assert_eq!(span("05.2019 - present"), range("2019-05", None));
        assert_eq!(span("Jan 2020 – Mar 2021"), range("2020-01", Some("2021-03")));
        assert_eq!(span("January 2020 - Present"), range("2020-01", None));
        assert_eq!(span("2019–2021"), range("2019", Some("2021")));
        assert_eq!(span("2019-2021"), range("2019", Some("2021")));
        assert_eq!(span("2019 - now"), range("2019", None));
        assert_eq!(span("*12.2014 - present*"), range("2014-12", None));
        assert_eq!(span("Sept. 2018 to date"), range("2018-09", None));
        assert_eq!(span("2/2022 - Present"), range("2022-02", None));
        assert_eq!(span("since 2018"), range("2018", None));
        assert_eq!(span("2021-03 – 2022-11"), range("2021-03", Some("2022-11")));
    }

    #[test]
    fn single_dates_and_free_text() {
        assert_eq!(span("Mar 2021"), Some(Span::Single("2021-03".into())));
        assert_eq!(span("2014"), Some(Span::Single("2014".into())));
        assert_eq!(span("Summer 2019"), None);
        assert_eq!(span("13.2014 - present"), None, "there is no month 13");
        assert_eq!(span("2021 - 2019"), None, "an end before its start stays as written");
        assert_eq!(span("2019 to Present and beyond"), None);
        assert_eq!(span(""), None);
        assert_eq!(span("–"), None);
    }
}
