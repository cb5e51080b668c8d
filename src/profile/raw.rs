//! The profile as serde reads it: private input structs that mirror the YAML, with unknown keys
//! rejected and source locations kept (`Spanned`) wherever a later check may need to point.
//!
//! Lists, maps and "string or map" values have small hand-written `Deserialize` impls instead of
//! untagged enums: untagged enums buffer their input and lose both the positions and the wording
//! of errors, while these visitors say what they expected ("a list of entries").

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// A value that is text but never differs by language (a tag, a file name, an address, a
/// key), with its position.
pub(crate) type Plain = Spanned<String>;

/// What a text field expects, in "expected …, found …" messages.
pub(crate) const TEXT_EXPECTED: &str = "text";

/// Text a person writes, with its position: a string, or a map of language tags to strings
/// (`{en: Engineer, de: Ingenieur}`) until `lang::localize` settles it on one language. The
/// fields are named as [`Spanned`]'s, so the conversion reads every text one way.
#[derive(Clone)]
pub(crate) struct Text {
    /// The text; for a number or boolean, or a map, empty until localized.
    pub value: String,
    /// Where the value is referenced (for a localized map: where the chosen text is).
    pub referenced: Location,
    /// Where the value is defined.
    pub defined: Location,
    /// How the value was written.
    pub written: Written,
}

/// How a [`Text`] was written.
#[derive(Clone)]
pub(crate) enum Written {
    /// A string (or, once localized, whatever it was).
    Text,
    /// A number or boolean, whose text is taken from the source as written (`yes` stays `yes`).
    Scalar,
    /// A map of language tags to texts, in the order written.
    Languages(Vec<(Plain, Spanned<Loose>)>),
}

impl Text {
    /// Creates a text written as a string.
    pub fn new(value: String, referenced: Location, defined: Location) -> Text {
        Text { value, referenced, defined, written: Written::Text }
    }
}

/// A value read without judging its type yet: text, a bare scalar, or something else whose
/// kind is kept for the message ("a list").
#[derive(Clone)]
pub(crate) enum Loose {
    /// A string.
    Text(String),
    /// A number or boolean.
    Scalar,
    /// Anything else: what it is, for messages.
    Other(&'static str),
}

/// The top level of a profile.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProfile {
    pub name: Option<Text>,
    pub headline: Option<Text>,
    pub location: Option<Text>,
    pub contacts: Option<ListOf<Spanned<MapOnly<RawContact>>>>,
    pub summary: Option<Text>,
    pub lang: Option<Plain>,
    pub languages: Option<ListOf<LangTag>>,
    pub hyphenation: Option<Hyphenation>,
    pub keywords: Option<ListOf<Keyword>>,
    pub sections: Option<ListOf<MapOnly<RawSection>>>,
    pub layout: Option<Plain>,
    pub pages: Option<Spanned<u32>>,
    pub updated: Option<Plain>,
    pub photo: Option<Plain>,
    pub design: Option<Spanned<serde_json::Value>>,
    pub standard: Option<Plain>,
    pub embed_source: Option<Spanned<bool>>,
    pub letter: Option<Spanned<MapOnly<RawLetter>>>,
    pub variants: Option<Variants>,
}

/// A cover letter: `letter:` in a profile, or a letter file's top level (which also names its
/// profile with `profile:`). Its text fields are [`Text`], as the profile's are.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLetter {
    pub profile: Option<Plain>,
    pub recipient: Option<Spanned<MapOnly<RawRecipient>>>,
    pub date: Option<Text>,
    pub subject: Option<Text>,
    pub salutation: Option<Text>,
    pub body: Option<Text>,
    pub closing: Option<Text>,
    pub signature: Option<Plain>,
}

/// A letter's addressee.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRecipient {
    pub name: Option<Text>,
    pub organization: Option<Text>,
    pub address: Option<Text>,
}

/// One contact: exactly one address key (checked later) and an optional label.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawContact {
    pub email: Option<Plain>,
    pub phone: Option<Plain>,
    pub url: Option<Plain>,
    pub github: Option<Plain>,
    pub gitlab: Option<Plain>,
    pub linkedin: Option<Plain>,
    pub twitter: Option<Plain>,
    pub mastodon: Option<Plain>,
    pub stackoverflow: Option<Plain>,
    pub label: Option<Text>,
}

/// A titled list of entries.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub title: Text,
    pub intro: Option<Text>,
    pub entries: ListOf<Spanned<RawEntry>>,
    pub id: Option<Plain>,
    pub tags: Option<Tags>,
}

/// A `tags:` list, with the position of the list and of each tag.
pub(crate) type Tags = Spanned<ListOf<Spanned<Tag>>>;

/// One tag of a `tags:` or `only:` list.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub(crate) struct Tag(pub String);

/// An entry's or point's `priority:`, a whole number (higher is more important).
#[derive(Clone)]
pub(crate) struct Priority(pub i64);

/// One section of a variant's `sections:` list: a section's title or id.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub(crate) struct SectionRef(pub String);

/// The `variants:` map: each variant's name and its keys, in the order written.
#[derive(Clone)]
pub(crate) struct Variants(pub Vec<(Plain, MapOnly<RawVariant>)>);

/// One variant: a named selection with its own layout, design, page limit, section order and
/// output name.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawVariant {
    pub only: Option<Tags>,
    pub layout: Option<Plain>,
    pub design: Option<Spanned<serde_json::Value>>,
    pub pages: Option<Spanned<u32>>,
    pub sections: Option<ListOf<Spanned<SectionRef>>>,
    pub output: Option<Plain>,
}

/// A keyword for the PDF metadata.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub(crate) struct Keyword(pub Text);

/// A language tag in `languages:`.
#[derive(Clone, Deserialize)]
#[serde(transparent)]
pub(crate) struct LangTag(pub Plain);

/// An entry: a plain string (a bullet) or a map whose kind is decided later.
pub(crate) type RawEntry = Node<EntryMap>;

/// A highlight: a plain string or a map with nested points.
pub(crate) type RawPoint = Node<PointMap>;

/// A value that is text or a map.
#[derive(Clone)]
pub(crate) enum Node<M> {
    /// A string.
    Text(String),
    /// A number or boolean; its text is taken from the source as written (`yes` stays `yes`).
    Scalar,
    /// A map.
    Map(M),
}

/// The keys of an entry map whose values are text, in the order of the spec's table.
pub(crate) const TEXT_KEYS: &[&str] = &[
    "kind",
    "position",
    "organization",
    "about",
    "degree",
    "area",
    "institution",
    "score",
    "name",
    "url",
    "venue",
    "label",
    "details",
    "bullet",
    "text",
    "location",
    "start",
    "end",
    "date",
    "summary",
    "footer",
    "notes",
];

/// An entry map: every key with its position (unknown ones too, judged once the kind is
/// known), the text values, and the structured ones.
#[derive(Clone, Default)]
pub(crate) struct EntryMap {
    /// Every key in the order written.
    pub keys: Vec<Plain>,
    /// The text values by key name.
    pub texts: Vec<(&'static str, Text)>,
    /// The `highlights` list.
    pub highlights: Option<ListOf<Spanned<RawPoint>>>,
    /// The `numbered` flag.
    pub numbered: Option<bool>,
    /// The `roles` list of a roles entry.
    pub roles: Option<ListOf<Spanned<RawEntry>>>,
    /// The `tags` list.
    pub tags: Option<Tags>,
    /// The `priority` number.
    pub priority: Option<Spanned<Priority>>,
    /// The values of unknown keys: a map of only these is a bullet in several languages.
    pub others: Vec<(Plain, Spanned<Loose>)>,
}

impl EntryMap {
    /// Returns the text value of a key, if given.
    pub fn text(&self, key: &str) -> Option<&Text> {
        self.texts.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Reads one key's value into the right slot; unknown keys are kept for the error message.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, at: Location, map: &mut A) -> Result<(), A::Error> {
        match key {
            "highlights" => self.highlights = map.next_value()?,
            "numbered" => self.numbered = map.next_value()?,
            "roles" => self.roles = map.next_value()?,
            "tags" => self.tags = map.next_value()?,
            "priority" => self.priority = map.next_value()?,
            _ => match TEXT_KEYS.iter().find(|k| **k == key) {
                Some(name) => {
                    if let Some(value) = map.next_value::<Option<Text>>()? {
                        self.texts.push((name, value));
                    }
                }
                None => {
                    let key = Spanned::new(key.to_owned(), at, at);
                    self.others.push((key, map.next_value()?));
                }
            },
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for EntryMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = EntryMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EntryMap::ONE)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryMap, A::Error> {
                let mut entry = EntryMap::default();
                while let Some(key) = map.next_key::<Plain>()? {
                    entry.read(&key.value, key.referenced, &mut map)?;
                    entry.keys.push(key);
                }
                Ok(entry)
            }
        }
        deserializer.deserialize_map(EntryVisitor)
    }
}

/// A highlight written as a map: its text and one level of nested points. Unknown keys are
/// kept, as in [`EntryMap`]: a map of only those is a point in several languages, and any
/// other is reported when the point is converted.
#[derive(Clone, Default)]
pub(crate) struct PointMap {
    pub text: Option<Text>,
    pub highlights: Option<ListOf<Spanned<RawPoint>>>,
    pub numbered: Option<bool>,
    /// The `tags` list.
    pub tags: Option<Tags>,
    /// The `priority` number.
    pub priority: Option<Spanned<Priority>>,
    /// The values of unknown keys, with the keys.
    pub others: Vec<(Plain, Spanned<Loose>)>,
}

/// The keys of a point map.
pub(crate) const POINT_KEYS: &[&str] = &["highlights", "numbered", "priority", "tags", "text"];

/// Whether a node map holds nothing but keys its kind does not know: a text in several
/// languages written in place of a bullet or point (`- {en: …, de: …}`).
pub(crate) trait Unknowns {
    /// The values of the unknown keys, with the keys.
    fn others(&self) -> &[(Plain, Spanned<Loose>)];
    /// Whether the map has a key its kind knows.
    fn has_known(&self) -> bool;
    /// Whether every key is unknown (and there is one).
    fn only_unknown(&self) -> bool {
        !self.has_known() && !self.others().is_empty()
    }
}

impl Unknowns for EntryMap {
    fn others(&self) -> &[(Plain, Spanned<Loose>)] {
        &self.others
    }
    fn has_known(&self) -> bool {
        self.keys.len() > self.others.len()
    }
}

impl Unknowns for PointMap {
    fn others(&self) -> &[(Plain, Spanned<Loose>)] {
        &self.others
    }
    fn has_known(&self) -> bool {
        self.text.is_some()
            || self.highlights.is_some()
            || self.numbered.is_some()
            || self.tags.is_some()
            || self.priority.is_some()
    }
}

impl<'de> Deserialize<'de> for PointMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PointVisitor;
        impl<'de> Visitor<'de> for PointVisitor {
            type Value = PointMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(PointMap::ONE)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PointMap, A::Error> {
                let mut point = PointMap::default();
                while let Some(key) = map.next_key::<Plain>()? {
                    match key.value.as_str() {
                        "text" => point.text = map.next_value()?,
                        "highlights" => point.highlights = map.next_value()?,
                        "numbered" => point.numbered = map.next_value()?,
                        "tags" => point.tags = map.next_value()?,
                        "priority" => point.priority = map.next_value()?,
                        _ => point.others.push((key, map.next_value()?)),
                    }
                }
                Ok(point)
            }
        }
        deserializer.deserialize_map(PointVisitor)
    }
}

/// The `hyphenation` map, in the order written.
#[derive(Clone)]
pub(crate) struct Hyphenation(pub Vec<(Plain, Plain)>);

mod visitors;

pub(crate) use visitors::{ListOf, MapOnly, Named};
