//! Guesses a document's language from the scripts of its letters, for a profile without `lang:`.
//!
//! Deterministic and without dictionaries: every letter of the text is counted by script (web
//! addresses and e-mail addresses left out, as they are Latin whatever the language), each Han,
//! kana or Hangul character as [`CJK_WEIGHT`] letters. The script with the most letters names
//! the language, Latin included: a text whose Latin letters are the most (or tie) is English, as
//! Latin-script languages are not told apart (an author writes `lang: de`). So one Chinese word
//! or a name in its own script in an English résumé changes nothing, and neither does an
//! English document quoting a little of many scripts; a Russian or Japanese résumé full of Latin
//! product names (Python, AWS, Kubernetes) still has more Cyrillic or weighted CJK letters.
//!
//! | script | language |
//! |---|---|
//! | Han, Hiragana, Katakana, Hangul | `ko` when Hangul outnumbers the rest; else `ja` when kana are at least [`KANA_PERCENT`] of them; else `zh-Hant` when traditional-only characters outnumber simplified-only ones, else `zh-Hans` |
//! | Cyrillic | `uk` when the Ukrainian-only letters і ї є ґ are at least [`UKRAINIAN_PERMILLE`]‰ of the Cyrillic letters and outnumber the Russian-only ы э ъ ё; else `ru` |
//! | Greek | `el` |
//! | Arabic | `fa` when the Persian-only letters پ چ ژ گ ک ی outnumber the Arabic-only ي ك ة; else `ar` |
//! | Hebrew | `he` |
//! | Devanagari | `hi` |
//! | Thai | `th` |

use super::script;

/// How many Latin letters one Han, kana or Hangul character counts as: an English word has about
/// five letters, a Chinese or Japanese word two or three characters, a Korean word two or three
/// syllable blocks, so a CJK character carries about two letters' worth of text. Without the
/// weight, a Japanese sentence naming a few products (`PythonとGoでAPIを開発`) would count as
/// English.
pub const CJK_WEIGHT: usize = 2;

/// The share of kana among the CJK letters, in percent, that makes CJK text Japanese: running
/// Japanese prose is a third to a half kana, a noun-heavy résumé still above a tenth, while
/// Chinese has none (a brand name in kana in a Chinese résumé stays below this).
pub const KANA_PERCENT: usize = 5;

/// The share of Ukrainian-only letters among Cyrillic letters, in per mille, that makes Cyrillic
/// text Ukrainian: і alone is about 6% of Ukrainian letters, while a Russian résumé naming a
/// Ukrainian city (Київ) has a few in thousands.
pub const UKRAINIAN_PERMILLE: usize = 10;

/// A script that names a language, in the order ties are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Script {
    /// Han ideographs, kana and Hangul together (told apart afterwards).
    Cjk,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
}

/// The letters of a text counted by script, and the letters that tell languages of one script
/// apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Latin letters (and letters of scripts that name no language here).
    other: usize,
    /// Letters of each [`Script`], in its order.
    scripts: [usize; 7],
    /// Hiragana and katakana.
    kana: usize,
    /// Hangul syllables and jamo.
    hangul: usize,
    /// Characters written only in traditional Chinese, and only in simplified Chinese.
    traditional: usize,
    simplified: usize,
    /// і ї є ґ, and ы э ъ ё.
    ukrainian: usize,
    russian: usize,
    /// پ چ ژ گ ک ی, and ي ك ة.
    persian: usize,
    arabic: usize,
}

impl Counts {
    /// Adds the letters of a text, skipping words that are web or e-mail addresses.
    pub fn add(&mut self, text: &str) {
        // Every address has `:`, `@` or `www.` (see `is_address`): a text with none is counted
        // whole, without splitting it into words and testing each (no letter is whitespace, so
        // the counts are the same); that was four fifths of inferring an English profile.
        if !text.bytes().any(|b| b == b':' || b == b'@') && !text.contains("www.") {
            self.add_letters(text);
            return;
        }
        for word in text.split_whitespace().filter(|w| !is_address(w)) {
            self.add_letters(word);
        }
    }

    /// Counts the letters of a text that holds no address.
    fn add_letters(&mut self, text: &str) {
        // An ASCII letter is Latin, which names no language here: counted without the script
        // lookup, which most letters of most résumés would otherwise take.
        self.other += text.bytes().filter(u8::is_ascii_alphabetic).count();
        if !text.is_ascii() {
            text.chars().filter(|c| !c.is_ascii() && c.is_alphabetic()).for_each(|c| self.add_letter(c));
        }
    }

    /// Counts one letter.
    fn add_letter(&mut self, c: char) {
        let Some(script) = script(c) else {
            self.other += 1;
            return;
        };
        self.scripts[script as usize] += 1;
        let flag = |set: &str| usize::from(set.contains(c));
        match script {
            Script::Cjk => {
                self.kana += usize::from(matches!(c, '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}'));
                self.hangul += usize::from(script::is_hangul(c));
                self.traditional += flag(TRADITIONAL_ONLY);
                self.simplified += flag(SIMPLIFIED_ONLY);
            }
            Script::Cyrillic => {
                self.ukrainian += flag("іїєґІЇЄҐ");
                self.russian += flag("ыэъёЫЭЪЁ");
            }
            Script::Arabic => {
                self.persian += flag("پچژگکی");
                self.arabic += flag("يكة");
            }
            _ => {}
        }
    }

    /// Returns the language these counts point to (a BCP 47 tag).
    pub fn language(&self) -> &'static str {
        // The most frequent script, CJK weighted; on a tie the first in `Script`'s order, so the
        // answer never depends on anything but the counts.
        let weighted =
            |(i, &n): (usize, &usize)| (i, if i == Script::Cjk as usize { n * CJK_WEIGHT } else { n });
        let (index, most) = self
            .scripts
            .iter()
            .enumerate()
            .map(weighted)
            .fold((0, 0), |best, (i, n)| if n > best.1 { (i, n) } else { best });
        if most <= self.other {
            return "en";
        }
        match SCRIPTS.get(index).copied().unwrap_or(Script::Cjk) {
            Script::Cjk => self.cjk(),
            Script::Cyrillic => self.cyrillic(),
            Script::Greek => "el",
            Script::Arabic if self.persian > self.arabic => "fa",
            Script::Arabic => "ar",
            Script::Hebrew => "he",
            Script::Devanagari => "hi",
            Script::Thai => "th",
        }
    }

    /// Tells Korean, Japanese and the two Chinese scripts apart.
    fn cjk(&self) -> &'static str {
        let cjk = self.scripts[Script::Cjk as usize];
        let rest = cjk - self.hangul;
        if self.hangul > rest {
            "ko"
        } else if self.kana * 100 >= rest * KANA_PERCENT && self.kana > 0 {
            "ja"
        } else if self.traditional > self.simplified {
            "zh-Hant"
        } else {
            "zh-Hans"
        }
    }

    /// Tells Ukrainian from Russian.
    fn cyrillic(&self) -> &'static str {
        let cyrillic = self.scripts[Script::Cyrillic as usize];
        let ukrainian =
            self.ukrainian * 1000 >= cyrillic * UKRAINIAN_PERMILLE && self.ukrainian > self.russian;
        if ukrainian { "uk" } else { "ru" }
    }
}

/// The scripts in index order.
const SCRIPTS: [Script; 7] = [
    Script::Cjk,
    Script::Cyrillic,
    Script::Greek,
    Script::Arabic,
    Script::Hebrew,
    Script::Devanagari,
    Script::Thai,
];

/// Returns the language of a set of texts: see the module's table.
pub fn infer<'a>(texts: impl IntoIterator<Item = &'a str>) -> &'static str {
    let mut counts = Counts::default();
    texts.into_iter().for_each(|t| counts.add(t));
    counts.language()
}

/// Whether a word is a web or e-mail address (`https://…`, `www.…`, `name@host.tld`).
fn is_address(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.split_once('@').is_some_and(|(_, host)| host.contains('.'))
}

/// Returns the script of a letter among those that name a language, `None` for Latin and others.
fn script(c: char) -> Option<Script> {
    Some(match c {
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' => Script::Cjk,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' => Script::Cjk,
        c if script::is_hangul(c) => Script::Cjk,
        '\u{0400}'..='\u{052F}' => Script::Cyrillic,
        '\u{0370}'..='\u{03FF}' | '\u{1F00}'..='\u{1FFF}' => Script::Greek,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => Script::Arabic,
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => Script::Hebrew,
        '\u{0900}'..='\u{097F}' => Script::Devanagari,
        '\u{0E00}'..='\u{0E7F}' => Script::Thai,
        _ => return None,
    })
}

/// Common characters written only in traditional Chinese (each the counterpart of one in
/// [`SIMPLIFIED_ONLY`], in the same order): the words of a résumé (work, study, development,
/// management, project, company …).
const TRADITIONAL_ONLY: &str = "們個這來國學會發經業開關與專務術師實說體產進歷傳網資電過時動東長門問間將從對導計設應負責項據數圖書營總線級織練職聯絡證課讀碩優響際驗種統構護論協語稱團擔";

/// Common characters written only in simplified Chinese, the counterparts of
/// [`TRADITIONAL_ONLY`].
const SIMPLIFIED_ONLY: &str = "们个这来国学会发经业开关与专务术师实说体产进历传网资电过时动东长门问间将从对导计设应负责项据数图书营总线级织练职联络证课读硕优响际验种统构护论协语称团担";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letters_are_counted_as_the_script_lookup_counts_them() {
        // The ASCII shortcut of `Counts::add` against every letter through `add_letter`.
        let texts = [
            "Go, Rust & C++ in 2024",
            "naïve café Ünal",
            "Иван Ivan 北京 Beijing",
            "x@y.org plain",
            "",
            "Київ, Ελλάδα",
        ];
        for text in texts {
            let mut fast = Counts::default();
            fast.add(text);
            let mut slow = Counts::default();
            for word in text.split_whitespace().filter(|w| !is_address(w)) {
                word.chars().filter(|c| c.is_alphabetic()).for_each(|c| slow.add_letter(c));
            }
            assert_eq!(fast, slow, "{text}");
        }
    }

    /// An English text of about a thousand letters, as a résumé's body would be.
    fn english(words: usize) -> String {
        "Designed and operated distributed systems for payments ".repeat(words / 7 + 1)
    }

    #[test]
    fn a_text_is_counted_as_its_words_without_addresses() {
        // The whole-text shortcut of `Counts::add` against the count word by word.
        let texts = [
            "Built APIs in Go, Rust and Python for 3 teams",
            "Разрабатывал системы 開発しました αβγ\tעברית\nहिन्दी  ",
            "",
            "write to a@b.co, see www.x.org or https://x.y/z — plain words",
            "a ratio of 3:2 in the ٣ café",
        ];
        for text in texts {
            let mut whole = Counts::default();
            whole.add(text);
            let mut words = Counts::default();
            text.split_whitespace().filter(|w| !is_address(w)).for_each(|w| words.add_letters(w));
            assert_eq!(whole, words, "{text}");
        }
    }

    #[test]
    fn each_script_names_its_language() {
        let cases = [
            ("東京の会社でソフトウェアを開発しました", "ja"),
            ("서울에서 소프트웨어 엔지니어로 일했습니다", "ko"),
            ("负责设计和开发支付系统的后端服务", "zh-Hans"),
            ("負責設計與開發支付系統的後端服務", "zh-Hant"),
            ("Разрабатывал распределённые системы платежей", "ru"),
            ("Розробляв розподілені системи платежів у Києві", "uk"),
            ("Ανάπτυξη κατανεμημένων συστημάτων πληρωμών", "el"),
            ("تطوير أنظمة الدفع الموزعة في الشركة", "ar"),
            ("توسعه سامانه‌های پرداخت برای شرکت‌های کوچک و بزرگ", "fa"),
            ("פיתוח מערכות תשלומים מבוזרות בחברה", "he"),
            ("वितरित भुगतान प्रणालियों का विकास किया", "hi"),
            ("พัฒนาระบบการชำระเงินแบบกระจาย", "th"),
            ("Entwicklung verteilter Zahlungssysteme", "en"),
        ];
        for (text, lang) in cases {
            assert_eq!(infer([text]), lang, "{text}");
        }
    }

    #[test]
    fn empty_and_letterless_texts_are_english() {
        assert_eq!(infer([]), "en");
        assert_eq!(infer([""]), "en");
        assert_eq!(infer(["2021 – 2024", "+1 555 0100", "· • —"]), "en");
    }

    #[test]
    fn one_foreign_word_does_not_flip_an_english_resume() {
        let text = english(150) + " 北京 Москва 東京";
        assert_eq!(infer([text.as_str()]), "en");
    }

    #[test]
    fn the_most_letters_win_latin_included_and_cjk_weighted() {
        // 20 Latin letters against 10 Han characters, weighing 20: a tie stays English.
        let latin = "abcde".repeat(4);
        let tie = "开发".repeat(5);
        assert_eq!(infer([latin.as_str(), tie.as_str()]), "en");
        // One Han character more: Chinese.
        let more = tie.clone() + "开";
        assert_eq!(infer([latin.as_str(), more.as_str()]), "zh-Hans");
        // Cyrillic letters count once: 20 of them tie with 20 Latin ones.
        let cyrillic = "Москва".repeat(3) + "Мо";
        assert_eq!(infer([latin.as_str(), cyrillic.as_str()]), "en");
        assert_eq!(infer([latin.as_str(), (cyrillic + "с").as_str()]), "ru");
    }

    #[test]
    fn a_little_of_many_scripts_is_english() {
        // 40 Latin letters, 15 Han (weighing 30) and 35 Cyrillic: more non-Latin letters in all,
        // but no script has as many as Latin.
        let texts = ["abcdefghij".repeat(4), "开发".repeat(7) + "开", "Москва".repeat(5) + "Моск"];
        assert_eq!(infer(texts.iter().map(String::as_str)), "en");
    }

    #[test]
    fn addresses_are_not_counted() {
        // The Latin letters are all in addresses: only the Russian counts.
        let texts = ["Иван Петров", "ivan.petrov@example.com", "https://github.com/ivanpetrov-dev-profile"];
        assert_eq!(infer(texts), "ru");
        assert!(is_address("www.example.org") && is_address("a@b.io") && !is_address("C#/@home"));
    }

    #[test]
    fn mixed_texts_follow_the_most_frequent_script() {
        // A Japanese résumé with many Latin product names stays Japanese.
        let ja = "PythonとGoでKubernetes上のAPIを開発し、AWSの運用を担当しました";
        assert_eq!(infer([ja]), "ja");
        // Kanji alone (a Japanese name) reads as Chinese; kana decide.
        assert_eq!(infer(["山田太郎"]), "zh-Hans");
        // Hangul with a few Hanja stays Korean.
        assert_eq!(infer(["大韓民國 서울특별시 소프트웨어 개발자"]), "ko");
        // More Greek than Cyrillic letters.
        assert_eq!(infer(["Ανάπτυξη συστημάτων πληρωμών Москва"]), "el");
    }

    #[test]
    fn a_ukrainian_place_name_leaves_russian_russian() {
        let ru = "Разрабатывал распределённые системы платежей для банков ".repeat(5) + "Київ";
        assert_eq!(infer([ru.as_str()]), "ru");
    }

    #[test]
    fn a_tie_is_broken_by_the_scripts_order() {
        // As many Greek as Hebrew letters: Greek comes first.
        assert_eq!(infer(["αβγ אבג"]), "el");
    }
}
