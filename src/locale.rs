//! Words a résumé prints that depend on its language: month names and "present". English,
//! German, French, Spanish, Portuguese, Italian, Dutch and Hindi; other languages fall back to
//! English (a layout or profile can set the word for "present" itself).

/// Month names and the word for an ongoing end, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    /// Abbreviated month names, January first.
    pub months_short: [&'static str; 12],
    /// Full month names, January first.
    pub months_long: [&'static str; 12],
    /// "present".
    pub present: &'static str,
}

/// English, the fallback.
const EN: Locale = Locale {
    months_short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    months_long: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    present: "present",
};

/// The languages with their own words, by primary language subtag.
const LOCALES: &[(&str, Locale)] = &[
    ("en", EN),
    (
        "de",
        Locale {
            months_short: [
                "Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sep.", "Okt.", "Nov.", "Dez.",
            ],
            months_long: [
                "Januar",
                "Februar",
                "März",
                "April",
                "Mai",
                "Juni",
                "Juli",
                "August",
                "September",
                "Oktober",
                "November",
                "Dezember",
            ],
            present: "heute",
        },
    ),
    (
        "fr",
        Locale {
            months_short: [
                "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
                "déc.",
            ],
            months_long: [
                "janvier",
                "février",
                "mars",
                "avril",
                "mai",
                "juin",
                "juillet",
                "août",
                "septembre",
                "octobre",
                "novembre",
                "décembre",
            ],
            present: "aujourd’hui",
        },
    ),
    (
        "es",
        Locale {
            months_short: [
                "ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.",
                "dic.",
            ],
            months_long: [
                "enero",
                "febrero",
                "marzo",
                "abril",
                "mayo",
                "junio",
                "julio",
                "agosto",
                "septiembre",
                "octubre",
                "noviembre",
                "diciembre",
            ],
            present: "actualidad",
        },
    ),
    (
        "pt",
        Locale {
            months_short: [
                "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.",
                "dez.",
            ],
            months_long: [
                "janeiro",
                "fevereiro",
                "março",
                "abril",
                "maio",
                "junho",
                "julho",
                "agosto",
                "setembro",
                "outubro",
                "novembro",
                "dezembro",
            ],
            present: "atual",
        },
    ),
    (
        "it",
        Locale {
            months_short: [
                "gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.",
                "dic.",
            ],
            months_long: [
                "gennaio",
                "febbraio",
                "marzo",
                "aprile",
                "maggio",
                "giugno",
                "luglio",
                "agosto",
                "settembre",
                "ottobre",
                "novembre",
                "dicembre",
            ],
            present: "oggi",
        },
    ),
    (
        "nl",
        Locale {
            months_short: [
                "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
            ],
            months_long: [
                "januari",
                "februari",
                "maart",
                "april",
                "mei",
                "juni",
                "juli",
                "augustus",
                "september",
                "oktober",
                "november",
                "december",
            ],
            present: "heden",
        },
    ),
    (
        "hi",
        Locale {
            months_short: [
                "जन॰",
                "फ़र॰",
                "मार्च",
                "अप्रैल",
                "मई",
                "जून",
                "जुल॰",
                "अग॰",
                "सित॰",
                "अक्तू॰",
                "नव॰",
                "दिस॰",
            ],
            months_long: [
                "जनवरी",
                "फ़रवरी",
                "मार्च",
                "अप्रैल",
                "मई",
                "जून",
                "जुलाई",
                "अगस्त",
                "सितंबर",
                "अक्तूबर",
                "नवंबर",
                "दिसंबर",
            ],
            present: "वर्तमान",
        },
    ),
];

/// Returns the locale of a BCP 47 tag (`de-AT` → German), English when unknown.
pub fn for_lang(tag: &str) -> &'static Locale {
    let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LOCALES.iter().find(|(l, _)| *l == primary).map_or(&LOCALES[0].1, |(_, loc)| loc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_language_has_its_own_words() {
        for lang in ["en", "de", "fr", "es", "pt", "it", "nl", "hi"] {
            let l = for_lang(lang);
            assert!(lang == "en" || l.present != "present", "{lang}");
            assert!(l.months_long.iter().all(|m| !m.is_empty()));
        }
    }

    #[test]
    fn region_subtags_and_unknown_languages() {
        assert_eq!(for_lang("de-AT").present, "heute");
        assert_eq!(for_lang("pt_BR").months_long[2], "março");
        assert_eq!(for_lang("sw").present, "present");
    }
}
