//! What the converters share: the conversion context (source, notes), dates checked with their
//! positions, contacts checked against vitae's own rules, and photos.

use super::markup::normalize_url;
use super::tree::{Key, Node, Value};
use super::yaml_out::{Map, Out};
use super::{Note, NoteKind, Place, Src};
use crate::profile::{self, Date, ProfileError, parse_date};

/// How many characters of a value left out a note quotes: enough for a reader to recognise it
/// (a list of keywords, a sentence), not a whole essay.
const QUOTED_VALUE_CHARS: usize = 300;

/// The hint for a value that should be a date.
const DATE_SHAPES: &str = "write dates as `2021`, `2021-03` or `2021-03-14`";

/// The state of one conversion: the source and the notes gathered so far.
pub(crate) struct Ctx<'a> {
    /// The source text.
    pub src: &'a Src<'a>,
    /// Where the input is read from and the output written to.
    place: &'a Place,
    /// What could not be carried over.
    notes: Vec<Note>,
    /// Whether dates with month names (`Jul 2024`, `July 1, 2024`) are read as dates, as the
    /// JavaScript tools of JSON Resume and YAMLResume read them; RenderCV prints them as written.
    pub loose_dates: bool,
    /// Why the conversion must fail although the converters go on: a sealed conversion's photo
    /// that names a file (see [`Ctx::photo`]).
    refusal: Option<ProfileError>,
}

impl<'a> Ctx<'a> {
    /// Creates a context.
    pub fn new(src: &'a Src<'a>, place: &'a Place) -> Ctx<'a> {
        Ctx { src, place, notes: Vec::new(), loose_dates: false, refusal: None }
    }

    /// Returns the error that refuses the conversion, if one was met.
    pub fn take_refusal(&mut self) -> Option<ProfileError> {
        self.refusal.take()
    }

    /// Returns the notes, in the order of the source.
    pub fn into_notes(mut self) -> Vec<Note> {
        self.notes.sort_by_key(|n| (n.line, n.column));
        self.notes
    }

    /// Notes something left out or changed at a position.
    pub fn drop_at(&mut self, line: usize, column: usize, message: impl Into<String>) {
        self.notes.push(Note { line, column, kind: NoteKind::Dropped, message: message.into() });
    }

    /// Notes something left out or changed at a node.
    pub fn dropped(&mut self, node: &Node, message: impl Into<String>) {
        self.drop_at(node.line, node.column, message);
    }

    /// Notes every key of a map that is not in `known`; `what` names the map in messages
    /// ("`work` entry").
    pub fn check_keys(&mut self, node: &Node, known: &[&str], what: &str) {
        for (key, value) in node.entries() {
            if !known.contains(&key.name.as_str()) {
                self.unknown(key, value, what);
            }
        }
    }

    /// Notes an unknown key.
    /// The message quotes the value left out, so that a reader of the warning sees what the PDF
    /// lacks.
    pub fn unknown(&mut self, key: &Key, value: &Node, what: &str) {
        let gist = value.gist(QUOTED_VALUE_CHARS);
        let message = if gist.is_empty() {
            format!("unknown key `{}` in {what}; left out", key.name)
        } else {
            format!("unknown key `{}` in {what}; left out: {gist}", key.name)
        };
        self.notes.push(Note { line: key.line, column: key.column, kind: NoteKind::UnknownKey, message });
    }

    /// Notes a key the format does not define whose text is printed all the same; `placed` says
    /// where ("the entry's summary"). `--strict` lists it with the unknown keys.
    pub fn unknown_kept(&mut self, key: &Key, what: &str, placed: &str) {
        let message = format!("unknown key `{}` in {what}; printed as {placed}", key.name);
        self.notes.push(Note { line: key.line, column: key.column, kind: NoteKind::UnknownKey, message });
    }

    /// Notes a value of the wrong shape (a list where text belongs, say), which is left out.
    pub fn wrong_shape(&mut self, node: &Node, expected: &str) {
        self.dropped(node, format!("expected {expected}; left out"));
    }

    /// Creates an error at a node.
    pub fn error(&self, node: &Node, message: impl Into<String>) -> ProfileError {
        self.src.error_at(node.line, node.column, message)
    }

    /// Returns a photo path for the converted profile when `written` names a PNG or JPEG file
    /// next to the input (relative to the output's folder, or absolute); notes why not otherwise.
    /// A sealed conversion reads no file: a `data:` URL is kept for the loader to decode, and a
    /// file name refuses the conversion at its position.
    pub fn photo(&mut self, node: &Node, written: &str) -> Option<String> {
        if self.place.sealed {
            return self.sealed_photo(node, written);
        }
        if written.contains("://") || written.starts_with("data:") {
            let shown = crate::strings::excerpt(written, QUOTED_VALUE_CHARS);
            self.dropped(
                node,
                format!(
                    "the photo {shown} is a web address; vitae reads only local files, so it is left out"
                ),
            );
            return None;
        }
        let full = self.place.input_dir.join(written);
        // Through the bounded reader: a FIFO or device named as the photo is refused unread.
        let head = crate::files::read(&full, crate::limits::MAX_PHOTO_BYTES)
            .ok()
            .map(|b| b.get(..8).map(<[u8]>::to_vec).unwrap_or_default());
        let image =
            head.as_deref().is_some_and(|h| h.starts_with(b"\x89PNG") || h.starts_with(b"\xFF\xD8\xFF"));
        if !image {
            self.dropped(node, format!("the photo `{written}` is not a PNG or JPEG file here; left out"));
            return None;
        }
        let same_place = self.place.output_dir.as_deref().is_some_and(|o| o == self.place.input_dir);
        if same_place || full.is_absolute() {
            return Some(if same_place { written.to_owned() } else { full.display().to_string() });
        }
        Some(std::fs::canonicalize(&full).unwrap_or(full).display().to_string())
    }

    /// The photo of a sealed conversion: a `data:` URL as written, else a refusal (a web
    /// address is left out with a note, as when reading a file).
    fn sealed_photo(&mut self, node: &Node, written: &str) -> Option<String> {
        if written.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("data:")) {
            return Some(written.to_owned());
        }
        if written.contains("://") {
            let shown = crate::strings::excerpt(written, QUOTED_VALUE_CHARS);
            self.dropped(
                node,
                format!("the photo {shown} is a web address; vitae fetches nothing, so it is left out"),
            );
            return None;
        }
        let message = format!(
            "the photo `{written}` names a file, and this profile may read none (a request to a server)"
        );
        let hint = "send the photo inside the profile as a data URL: `data:image/jpeg;base64,...`";
        self.refusal.get_or_insert(self.error(node, message).with_hint(hint));
        None
    }
}

/// A date as a converter reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum When {
    /// A date vitae understands, written as `YYYY[-MM[-DD]]`.
    Date(String, Date),
    /// "present", "now", "current".
    Present,
    /// Anything else, printed as written.
    Text(String),
}

/// Reads a date value: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also the date of an ISO date-time),
/// "present", or free text; with [`Ctx::loose_dates`] also the forms JavaScript's `Date` reads
/// (`Jul 2024`, `July 1, 2024`, `21-Aug-2024`, `28th July 2025`).
///
/// Never fails: a date whose day cannot exist (`2024-09-31`) keeps its month and year, which
/// is all vitae prints, and one whose month cannot exist (`2024-13`) its year; both are noted
/// at the value. Free text prints as written (noted where the format expects a date).
pub(crate) fn when(ctx: &mut Ctx, node: &Node) -> Option<When> {
    let text = node.text()?;
    if ["present", "now", "current", "ongoing", "today"].contains(&text.to_lowercase().as_str()) {
        return Some(When::Present);
    }
    let date_part = match text.split_once('T') {
        Some((date, time)) if time.starts_with(|c: char| c.is_ascii_digit()) => date.to_owned(),
        _ if ctx.loose_dates => loose_date(&text).unwrap_or_else(|| text.clone()),
        _ => text.clone(),
    };
    match parse_date(&date_part) {
        Ok(Some(date)) => Some(When::Date(date_part, date)),
        Ok(None) => {
            if ctx.loose_dates {
                // RenderCV allows free text in `date`; JSON Resume and YAMLResume expect dates.
                ctx.dropped(node, format!("`{text}` is not a date vitae reads; printed as written"));
            }
            Some(When::Text(text))
        }
        Err(message) => Some(lenient(ctx, node, &text, &date_part, &message)),
    }
}

/// Recovers from an impossible date by leaving out what cannot exist: the day when only the
/// day is wrong (`2024-09-31`: the day is never printed anyway), else the month (`2024-13`);
/// noted at the value. (vitae's loader reads any `YYYY-MM` text as a date, so an impossible one
/// cannot be printed as written.)
fn lenient(ctx: &mut Ctx, node: &Node, text: &str, date_part: &str, message: &str) -> When {
    let parts: Vec<&str> = date_part.split('-').collect();
    for (keep, lost) in [(2, "day"), (1, "month")] {
        let shorter = parts.get(..keep).map(|p| p.join("-")).filter(|_| parts.len() > keep);
        if let Some(shorter) = shorter
            && let Ok(Some(date)) = parse_date(&shorter)
        {
            ctx.dropped(node, format!("{message}; the {lost} is left out"));
            return When::Date(shorter, date);
        }
    }
    ctx.dropped(node, format!("{message}; printed as written ({DATE_SHAPES})"));
    When::Text(text.to_owned())
}

/// Reads a date written with a month name (`Jul 2024`, `July 1, 2024`, `21-Aug-2024`,
/// `28th July 2025`, `2024 Jul`) as `YYYY-MM[-DD]`; `None` for anything else. The day is not
/// checked here, so that an impossible one is noted like any other.
pub(crate) fn loose_date(text: &str) -> Option<String> {
    let tokens = text.split([' ', ',', '-', '/', '.']).filter(|t| !t.is_empty());
    let (mut year, mut month, mut day) = (None, None, None);
    for token in tokens {
        let lower = token.to_lowercase();
        if let Some(m) = month_number(&lower)
            && month.is_none()
        {
            month = Some(m);
        } else if token.len() == 4 && token.bytes().all(|b| b.is_ascii_digit()) && year.is_none() {
            year = Some(token.to_owned());
        } else if let Some(d) = day_number(&lower)
            && day.is_none()
        {
            day = Some(d);
        } else {
            return None;
        }
    }
    let (year, month) = (year?, month?);
    Some(match day {
        Some(d) => format!("{year}-{month:02}-{d:02}"),
        None => format!("{year}-{month:02}"),
    })
}

/// Returns the number of a month written as its English name or an abbreviation of it of three
/// letters or more, as JavaScript's `Date` reads them ("Sep", "Sept", "September").
fn month_number(word: &str) -> Option<u8> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    english_month_starting(word)
}

/// Returns the number (1–12) of the first English month whose name starts with `prefix`,
/// ignoring ASCII case. The names are the English locale's (`crate::locale`), the one list of
/// them in vitae.
pub(crate) fn english_month_starting(prefix: &str) -> Option<u8> {
    let names = &crate::locale::for_lang("en").months.long;
    let at = |name: &String| name.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix));
    let index = names.iter().position(at)?;
    u8::try_from(index + 1).ok()
}

/// Returns a day of the month written as one or two digits, with an optional English ordinal
/// suffix ("1st", "28th").
fn day_number(word: &str) -> Option<u8> {
    let digits = ["st", "nd", "rd", "th"].iter().find_map(|s| word.strip_suffix(s)).unwrap_or(word);
    let short = (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    short.then(|| digits.parse().ok()).flatten().filter(|d| (1..=31).contains(d))
}

/// Adds an entry's dates: `start`/`end` for a range of real dates (no end, or "present", means
/// ongoing), `date` for a single date or for free text.
///
/// # Errors
///
/// An end before its start, at the end's value.
pub(crate) fn put_dates(
    ctx: &mut Ctx,
    map: &mut Map,
    start: Option<&Node>,
    end: Option<&Node>,
) -> Result<(), ProfileError> {
    let from = start.and_then(|n| when(ctx, n));
    let to = end.and_then(|n| when(ctx, n));
    match (from, to) {
        (None, None) => {}
        (None, Some(When::Present)) => map.put("date", Out::Text("present".into())),
        (None, Some(w)) | (Some(w @ When::Present), None) => put_single(map, w),
        (Some(When::Date(s, sd)), Some(When::Date(e, ed))) => {
            if let Some(node) = end.filter(|_| ends_before(&ed, &sd)) {
                return Err(ctx
                    .error(node, format!("the end `{e}` is before the start `{s}`"))
                    .with_hint("check the years, or swap the start and end dates"));
            }
            if s == e {
                map.put("date", Out::Text(s));
            } else {
                map.put("start", Out::Text(s));
                map.put("end", Out::Text(e));
            }
        }
        (Some(When::Date(s, _)), None | Some(When::Present)) => {
            map.put("start", Out::Text(s));
            map.put("end", Out::Text("present".into()));
        }
        (Some(from), to) => {
            let text = match to {
                Some(to) => format!("{} – {}", words(&from), words(&to)),
                None => words(&from),
            };
            map.put("date", Out::Text(text));
        }
    }
    Ok(())
}

/// Adds a single date.
pub(crate) fn put_single(map: &mut Map, w: When) {
    map.put("date", Out::Text(words(&w)));
}

/// Returns a date's text as it should be written in the profile.
fn words(w: &When) -> String {
    match w {
        When::Date(text, _) | When::Text(text) => text.clone(),
        When::Present => "present".into(),
    }
}

/// Whether `end` is before `start`, compared as precisely as both are given.
fn ends_before(end: &Date, start: &Date) -> bool {
    let month = |d: &Date, other: &Date| d.month.filter(|_| other.month.is_some());
    let day = |d: &Date, other: &Date| d.day.filter(|_| other.day.is_some() && d.month.is_some());
    (end.year, month(end, start), day(end, start)) < (start.year, month(start, end), day(start, end))
}

/// Reads a web address the same way everywhere: as written when vitae can link to it;
/// completed (`www.example.com` → `https://www.example.com`) with a note; or, when it cannot be
/// a link, `Err` with the text as written, to be printed as text, with a note.
pub(crate) fn web_address(ctx: &mut Ctx, node: &Node) -> Option<Result<String, String>> {
    let written = node.text()?;
    Some(match normalize_url(&written) {
        Some(url) if url == written => Ok(url),
        Some(url) => {
            ctx.dropped(node, format!("`{written}` is not a whole web address; linked as `{url}`"));
            Ok(url)
        }
        None => {
            ctx.dropped(node, format!("`{written}` is not a web address vitae can link to; printed as text"));
            Err(written)
        }
    })
}

/// Whether vitae accepts a contact written as `key: value`.
pub(crate) fn contact_ok(key: &str, value: &str) -> bool {
    let yaml = format!("contacts:\n  - {key}: {}\n", super::yaml_out::quote(value));
    profile::parse(&yaml, "contact").is_ok()
}

/// The longest web address printed whole in the header; a longer one is labelled with a
/// shortened form (the link keeps the whole address), since the header never breaks inside a
/// contact and a 150-character address would run off the page.
const LONGEST_PRINTED_URL: usize = 48;

/// Builds a contact map, with an optional label.
pub(crate) fn contact(key: &str, value: &str, label: Option<String>) -> Out {
    let label = label.or_else(|| (key == "url").then(|| short_url(value)).flatten());
    let mut m = Map::new();
    m.put(key, Out::Text(value.to_owned()));
    m.text("label", label);
    Out::Map(m)
}

/// Returns a shortened label for a long web address: its host and path cut with "…".
fn short_url(url: &str) -> Option<String> {
    let shown = url.split_once("://").map_or(url, |(_, rest)| rest);
    let shown = shown.strip_prefix("www.").unwrap_or(shown).trim_end_matches('/');
    if shown.chars().count() <= LONGEST_PRINTED_URL {
        return None;
    }
    let cut: String = shown.chars().take(LONGEST_PRINTED_URL - 1).collect();
    Some(format!("{cut}…"))
}

/// Returns the locale of an imported document: that of `explicit` (a language tag the format
/// gives) when there is one, else of the language its text values are written in, inferred from
/// their scripts as a profile without `lang:` infers it ([`crate::locale::infer`]). Keys are
/// the format's English words and are not counted.
pub(crate) fn document_locale(explicit: Option<&str>, doc: &Node) -> &'static crate::locale::Locale {
    match explicit {
        Some(tag) => crate::locale::for_lang(tag),
        None => crate::locale::for_lang(crate::locale::infer(text_values(doc).iter().map(String::as_str))),
    }
}

/// Returns the texts of a document's scalar values, depth first.
fn text_values(doc: &Node) -> Vec<String> {
    let mut texts = Vec::new();
    let mut stack = vec![doc];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::List(items) => stack.extend(items.iter().rev()),
            Value::Map(entries) => stack.extend(entries.iter().rev().map(|(_, v)| v)),
            _ => texts.extend(node.text()),
        }
    }
    texts
}

/// Returns the BCP 47 tag a format's language value names: a well-formed tag as written
/// (`pt-BR`), or the code of a language written by name (`German`, `Deutsch`).
pub(crate) fn language_tag(written: &str) -> Option<String> {
    let written = written.trim();
    let mut subtags = written.split(['-', '_']);
    let primary = subtags.next().unwrap_or_default();
    let well_formed = (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
    if well_formed {
        return Some(written.replace('_', "-"));
    }
    crate::locale::by_name(written).map(|l| l.tag.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        parse_date(text).unwrap().unwrap()
    }

    #[test]
    fn end_before_start_at_common_precision() {
        assert!(ends_before(&date("2020"), &date("2021-03")));
        assert!(!ends_before(&date("2021"), &date("2021-03")));
        assert!(ends_before(&date("2021-02"), &date("2021-03-04")));
        assert!(ends_before(&date("2021-03-03"), &date("2021-03-04")));
        assert!(!ends_before(&date("2021-03-04"), &date("2021-03-04")));
    }

    #[test]
    fn month_names_are_read_as_javascript_reads_them() {
        assert_eq!(loose_date("Jul 2024").as_deref(), Some("2024-07"));
        assert_eq!(loose_date("July 1, 2024").as_deref(), Some("2024-07-01"));
        assert_eq!(loose_date("21-Aug-2024").as_deref(), Some("2024-08-21"));
        assert_eq!(loose_date("28th July 2025").as_deref(), Some("2025-07-28"));
        assert_eq!(loose_date("Sept. 2016").as_deref(), Some("2016-09"));
        assert_eq!(loose_date("2024 Dec").as_deref(), Some("2024-12"));
        // Not dates: free text, two months, no year, a word that only starts like a month.
        assert_eq!(loose_date("Spring 2019"), None);
        assert_eq!(loose_date("Jan Feb 2020"), None);
        assert_eq!(loose_date("July 4"), None);
        assert_eq!(loose_date("Marching 2020"), None);
        assert_eq!(loose_date("Ma 2020"), None);
        assert_eq!(loose_date("32 Jan 2020"), None);
        assert_eq!(loose_date(""), None);
    }

    #[test]
    fn contacts_are_checked_by_vitae() {
        assert!(contact_ok("phone", "(912) 555-4321"));
        assert!(!contact_ok("phone", "555-CALL-NOW"));
        assert!(contact_ok("twitter", "neutralthoughts"));
        assert!(!contact_ok("email", "not an address"));
    }
}
