//! Dates as a résumé prints them: a month and year, or a range, in a layout's date style and a
//! language's names, template, word for "present" and dash.

use super::Locale;
use crate::profile::{Date, Dates};
use crate::theme::{DateStyle, MonthStyle};

/// Prints a date range or single date in the theme's style and the profile's language: the
/// language's template (`March 2024`, `2024年3月`), its word for "present" and its dash in the
/// layout's separator.
/// A date written as text is returned as written (the caller sets its punctuation).
pub fn format_dates(d: &Dates, style: &DateStyle, lang: &str) -> String {
    let locale = super::for_lang(lang);
    match d {
        Dates::Range { start, end } => {
            let present = style.present.as_deref().unwrap_or(&locale.present);
            let end = end.map_or_else(|| present.to_string(), |e| month_year(&e, style, locale));
            format!("{}{}{}", month_year(start, style, locale), locale.separator(&style.separator), end)
        }
        Dates::Single(date) => month_year(date, style, locale),
        Dates::Text(t) => t.clone(),
    }
}

/// Prints a letter's date: with its day, in the language's long form ("17. Mai 2024",
/// "17 marca 2024", "2024年5月17日"); without a day, as a résumé prints a date in the layout's
/// style.
pub fn format_day(d: &Date, style: &DateStyle, lang: &str) -> String {
    let locale = super::for_lang(lang);
    match (d.month, d.day) {
        (Some(month), Some(day)) => locale.day_month_year(day, month, d.year),
        _ => month_year(d, style, locale),
    }
}

/// Prints one date with the layout's own month names when it gives them, else the language's;
/// the day is never shown (résumés count months).
fn month_year(d: &Date, style: &DateStyle, locale: &Locale) -> String {
    let Some(month) = d.month else { return d.year.to_string() };
    let own = match style.months {
        MonthStyle::Long => style.month_names.as_deref(),
        MonthStyle::Short => style.short_month_names.as_deref(),
        MonthStyle::Numeric => None,
    };
    match own.and_then(|names| <&[String; 12]>::try_from(names).ok()) {
        Some(names) => locale.month_year(names, month, d.year),
        None => format_date(month, d.year, style.months, locale),
    }
}

/// Prints a month (1–12) and year in a month style with the language's names and template.
fn format_date(month: u8, year: i32, months: MonthStyle, locale: &Locale) -> String {
    match months {
        MonthStyle::Short => locale.month_year(&locale.months.short, month, year),
        MonthStyle::Long => locale.month_year(&locale.months.long, month, year),
        MonthStyle::Numeric => locale.numeric(month, year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::Theme;

    fn theme() -> Theme {
        crate::theme::load("classic").unwrap()
    }

    fn ym(year: i32, month: u8) -> Date {
        Date { year, month: Some(month), day: None }
    }

    #[test]
    fn date_ranges_print_like_a_typesetter_would() {
        let t = theme();
        let r = Dates::Range { start: ym(2021, 3), end: Some(ym(2023, 8)) };
        assert_eq!(format_dates(&r, &t.dates, "en"), "Mar 2021 – Aug 2023");
        let open = Dates::Range { start: ym(2019, 10), end: None };
        assert_eq!(format_dates(&open, &t.dates, "en"), "Oct 2019 – present");
        assert_eq!(format_dates(&open, &t.dates, "de"), "Okt. 2019 – heute");
        let year = Dates::Single(Date { year: 2022, month: None, day: None });
        assert_eq!(format_dates(&year, &t.dates, "en"), "2022");
        assert_eq!(format_dates(&Dates::Text("Summer 2019".into()), &t.dates, "en"), "Summer 2019");
    }

    #[test]
    fn a_letters_date_prints_its_day_in_the_languages_words() {
        let t = theme();
        let day = Date { year: 2024, month: Some(5), day: Some(17) };
        assert_eq!(format_day(&day, &t.dates, "en"), "17 May 2024");
        assert_eq!(format_day(&day, &t.dates, "fr"), "17 mai 2024");
        // Each language's order and punctuation.
        assert_eq!(format_day(&day, &t.dates, "de"), "17. Mai 2024");
        assert_eq!(format_day(&day, &t.dates, "es"), "17 de mayo de 2024");
        assert_eq!(format_day(&day, &t.dates, "hu"), "2024. május 17.");
        assert_eq!(format_day(&day, &t.dates, "ja"), "2024年5月17日");
        assert_eq!(format_day(&day, &t.dates, "ko"), "2024년 5월 17일");
        assert_eq!(format_day(&day, &t.dates, "he"), "17 במאי 2024");
        // After a day the month takes its genitive (partitive in Finnish), never the nominative
        // a résumé's range prints.
        assert_eq!(format_day(&day, &t.dates, "pl"), "17 maja 2024");
        assert_eq!(format_day(&day, &t.dates, "ru"), "17 мая 2024 г.");
        assert_eq!(format_day(&day, &t.dates, "cs"), "17. května 2024");
        assert_eq!(format_day(&day, &t.dates, "fi"), "17. toukokuuta 2024");
        assert_eq!(format_dates(&Dates::Single(ym(2024, 5)), &t.dates, "pl"), "maj 2024");
        // The first and last day and month reach the templates whole.
        let first = Date { year: 2025, month: Some(1), day: Some(1) };
        assert_eq!(format_day(&first, &t.dates, "de"), "1. Januar 2025");
        let last = Date { year: 2025, month: Some(12), day: Some(31) };
        assert_eq!(format_day(&last, &t.dates, "uk"), "31 грудня 2025 р.");
        // Without a day, the résumé's form.
        assert_eq!(format_day(&ym(2024, 5), &t.dates, "en"), "May 2024");
        assert_eq!(format_day(&Date { year: 2024, month: None, day: None }, &t.dates, "en"), "2024");
    }

    #[test]
    fn month_styles() {
        let en = crate::locale::for_lang("en");
        assert_eq!(format_date(12, 2020, MonthStyle::Long, en), "December 2020");
        assert_eq!(format_date(1, 2020, MonthStyle::Numeric, en), "01/2020");
        assert_eq!(format_date(3, 2020, MonthStyle::Long, crate::locale::for_lang("fr")), "mars 2020");
    }

    #[test]
    fn year_first_languages_print_the_year_first() {
        let mut t = theme();
        let r = Dates::Range { start: ym(2024, 3), end: None };
        assert_eq!(format_dates(&r, &t.dates, "ja"), "2024年3月 〜 現在");
        assert_eq!(format_dates(&r, &t.dates, "ko-KR"), "2024년 3월 ~ 현재");
        assert_eq!(format_dates(&r, &t.dates, "zh-TW"), "2024年3月 – 至今");
        assert_eq!(format_dates(&r, &t.dates, "hu"), "2024. márc. – jelenleg");
        t.dates.months = MonthStyle::Long;
        assert_eq!(format_dates(&Dates::Single(ym(2024, 3)), &t.dates, "hu"), "2024. március");
        t.dates.months = MonthStyle::Numeric;
        assert_eq!(format_dates(&Dates::Single(ym(2024, 3)), &t.dates, "ja"), "2024/03");
        // A year alone is the same everywhere.
        let year = Dates::Single(Date { year: 2022, month: None, day: None });
        assert_eq!(format_dates(&year, &t.dates, "ko"), "2022");
    }

    #[test]
    fn month_first_languages_and_the_layouts_own_names() {
        let mut t = theme();
        let r = Dates::Range { start: ym(2021, 3), end: Some(ym(2023, 8)) };
        assert_eq!(format_dates(&r, &t.dates, "ru"), "март 2021 – авг. 2023");
        // A layout's own names go into the language's template: Korean names, Korean order.
        t.dates.short_month_names = Some((1..=12).map(|m| format!("{m}월")).collect());
        assert_eq!(format_dates(&r, &t.dates, "ko"), "2021년 3월 ~ 2023년 8월");
        assert_eq!(format_dates(&r, &t.dates, "en"), "3월 2021 – 8월 2023");
        // A layout's separator without an en dash is kept as it is.
        t.dates.separator = " · ".into();
        assert_eq!(format_dates(&r, &t.dates, "ja"), "2021年3월 · 2023年8월");
    }
}
