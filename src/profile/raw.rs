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
pub(crate) enum Loose {
    /// A string.
    Text(String),
    /// A number or boolean.
    Scalar,
    /// Anything else: what it is, for messages.
    Other(&'static str),
}

/// The top level of a profile.
#[derive(Deserialize)]
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
#[derive(Deserialize)]
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRecipient {
    pub name: Option<Text>,
    pub organization: Option<Text>,
    pub address: Option<Text>,
}

/// One contact: exactly one address key (checked later) and an optional label.
#[derive(Deserialize)]
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
#[derive(Deserialize)]
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
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Tag(pub String);

/// An entry's or point's `priority:`, a whole number (higher is more important).
pub(crate) struct Priority(pub i64);

/// One section of a variant's `sections:` list: a section's title or id.
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct SectionRef(pub String);

/// The `variants:` map: each variant's name and its keys, in the order written.
pub(crate) struct Variants(pub Vec<(Plain, MapOnly<RawVariant>)>);

/// One variant: a named selection with its own layout, design, page limit, section order and
/// output name.
#[derive(Deserialize)]
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
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Keyword(pub Text);

/// A language tag in `languages:`.
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct LangTag(pub Plain);

/// An entry: a plain string (a bullet) or a map whose kind is decided later.
pub(crate) type RawEntry = Node<EntryMap>;

/// A highlight: a plain string or a map with nested points.
pub(crate) type RawPoint = Node<PointMap>;

/// A value that is text or a map.
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
#[derive(Default)]
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
#[derive(Default)]
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
pub(crate) struct Hyphenation(pub Vec<(Plain, Plain)>);

/// What a type is called in "expected …" messages.
pub(crate) trait Named {
    /// One value, with an example: "a contact such as `email: jane@example.com`".
    const ONE: &'static str;
    /// Several values, for "a list of …".
    const MANY: &'static str;
}

impl Named for RawProfile {
    const ONE: &'static str = "a map of profile keys such as `name:` and `sections:`";
    const MANY: &'static str = "profiles";
}

impl Named for RawLetter {
    const ONE: &'static str = "a letter with `body:` (and `recipient:`, `subject:`, `salutation:` …)";
    const MANY: &'static str = "letters";
}

impl Named for RawRecipient {
    const ONE: &'static str = "a recipient with `name:`, `organization:` and `address:`";
    const MANY: &'static str = "recipients";
}

impl Named for RawContact {
    const ONE: &'static str = "a contact such as `email: jane@example.com`";
    const MANY: &'static str = "contacts";
}

impl Named for RawSection {
    const ONE: &'static str = "a section with `title:` and `entries:`";
    const MANY: &'static str = "sections";
}

impl Named for Keyword {
    const ONE: &'static str = "a keyword";
    const MANY: &'static str = "keywords";
}

impl Named for LangTag {
    const ONE: &'static str = "a language tag such as `en`";
    const MANY: &'static str = "language tags";
}

impl Named for EntryMap {
    const ONE: &'static str = "an entry (a bullet's text, or a map such as `position: …`)";
    const MANY: &'static str = "entries";
}

impl Named for Tag {
    const ONE: &'static str = "a tag such as `backend`";
    const MANY: &'static str = "tags";
}

impl Named for SectionRef {
    const ONE: &'static str = "a section's title or id";
    const MANY: &'static str = "section titles or ids";
}

impl Named for RawVariant {
    const ONE: &'static str = "a variant such as `only: [backend]`";
    const MANY: &'static str = "variants";
}

impl Named for PointMap {
    const ONE: &'static str = "a point (text, or a map with `text:` and `highlights:`)";
    const MANY: &'static str = "points";
}

impl<T: Named> Named for Spanned<T> {
    const ONE: &'static str = T::ONE;
    const MANY: &'static str = T::MANY;
}

impl<T: Named> Named for MapOnly<T> {
    const ONE: &'static str = T::ONE;
    const MANY: &'static str = T::MANY;
}

impl<M: Named> Named for Node<M> {
    const ONE: &'static str = M::ONE;
    const MANY: &'static str = M::MANY;
}

/// A list whose type errors say what it is a list of.
pub(crate) struct ListOf<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de> + Named> Deserialize<'de> for ListOf<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Named> Visitor<'de> for ListVisitor<T> {
            type Value = ListOf<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of {}", T::MANY)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListOf<T>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOf(items))
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

/// A map read into `T`, whose type errors say what it should have been.
pub(crate) struct MapOnly<T>(pub T);

impl<'de, T: Deserialize<'de> + Named> Deserialize<'de> for MapOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Named> Visitor<'de> for MapVisitor<T> {
            type Value = MapOnly<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(T::ONE)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<MapOnly<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(MapOnly)
            }
        }
        deserializer.deserialize_any(MapVisitor(PhantomData))
    }
}

impl<'de, M: Deserialize<'de> + Named> Deserialize<'de> for Node<M> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor<M>(PhantomData<M>);
        impl<'de, M: Deserialize<'de> + Named> Visitor<'de> for NodeVisitor<M> {
            type Value = Node<M>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(M::ONE)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Node<M>, E> {
                Ok(Node::Text(text.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Node<M>, E> {
                Ok(Node::Scalar)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Node<M>, E> {
                Ok(Node::Scalar)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Node<M>, E> {
                Ok(Node::Scalar)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Node<M>, E> {
                Ok(Node::Scalar)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node<M>, A::Error> {
                M::deserialize(de::value::MapAccessDeserializer::new(map)).map(Node::Map)
            }
        }
        deserializer.deserialize_any(NodeVisitor(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Hyphenation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Hyphenation;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of words to hyphenated words, such as `Kubernetes: Ku-ber-ne-tes`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Hyphenation, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(Hyphenation(pairs))
            }
        }
        deserializer.deserialize_any(PairsVisitor)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Spanned { value, referenced, defined } = Spanned::<TextBody>::deserialize(deserializer)?;
        let (value, written) = match value {
            TextBody::Text(text) => (text, Written::Text),
            TextBody::Scalar => (String::new(), Written::Scalar),
            TextBody::Languages(pairs) => (String::new(), Written::Languages(pairs)),
        };
        Ok(Text { value, referenced, defined, written })
    }
}

/// What a text field holds, before its position is attached.
enum TextBody {
    Text(String),
    Scalar,
    Languages(Vec<(Plain, Spanned<Loose>)>),
}

impl<'de> Deserialize<'de> for TextBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;
        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = TextBody;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(TEXT_EXPECTED)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<TextBody, E> {
                Ok(TextBody::Text(text.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<TextBody, E> {
                Ok(TextBody::Scalar)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<TextBody, E> {
                Ok(TextBody::Scalar)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<TextBody, E> {
                Ok(TextBody::Scalar)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<TextBody, E> {
                Ok(TextBody::Scalar)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextBody, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(TextBody::Languages(pairs))
            }
        }
        deserializer.deserialize_any(BodyVisitor)
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LooseVisitor;
        impl<'de> Visitor<'de> for LooseVisitor {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Loose, E> {
                Ok(Loose::Text(text.to_owned()))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Scalar)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Loose, E> {
                Ok(Loose::Scalar)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Loose, E> {
                Ok(Loose::Scalar)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Scalar)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::Other("nothing"))
            }
            fn visit_none<E: de::Error>(self) -> Result<Loose, E> {
                Ok(Loose::Other("nothing"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Loose::Other("a list"))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Loose::Other("a map"))
            }
        }
        deserializer.deserialize_any(LooseVisitor)
    }
}

impl<'de> Deserialize<'de> for Variants {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VariantsVisitor;
        impl<'de> Visitor<'de> for VariantsVisitor {
            type Value = Variants;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of variant names to variants, such as `backend: {only: [backend]}`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Variants, A::Error> {
                let mut variants = Vec::new();
                while let Some(pair) = map.next_entry()? {
                    variants.push(pair);
                }
                Ok(Variants(variants))
            }
        }
        deserializer.deserialize_any(VariantsVisitor)
    }
}

impl<'de> Deserialize<'de> for Priority {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PriorityVisitor;
        impl Visitor<'_> for PriorityVisitor {
            type Value = Priority;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a whole number such as `priority: 2` (higher is more important)")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Priority, E> {
                Ok(Priority(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Priority, E> {
                i64::try_from(n)
                    .map(Priority)
                    .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(n), &self))
            }
        }
        deserializer.deserialize_any(PriorityVisitor)
    }
}
