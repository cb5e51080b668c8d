//! The hand-written `Deserialize` impls of the raw profile: lists, maps, "string or map"
//! values and the typed scalars, each naming what it expected ("a list of entries") and keeping
//! positions where an untagged enum would lose both.

use super::*;

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
#[derive(Clone)]
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
#[derive(Clone)]
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
            /// An owned scalar (folded, or with escapes) is moved, not copied.
            fn visit_string<E: de::Error>(self, text: String) -> Result<Node<M>, E> {
                Ok(Node::Text(text))
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
        let expecting = "a map of words to hyphenated words, such as `Kubernetes: Ku-ber-ne-tes`";
        pairs(deserializer, expecting).map(Hyphenation)
    }
}

/// Reads a map as its key–value pairs in the order written (a `HashMap` would lose the order
/// and a `BTreeMap` the duplicates' positions); `expecting` is what a value of another type is
/// told it should have been.
fn pairs<'de, D, K, V>(deserializer: D, expecting: &'static str) -> Result<Vec<(K, V)>, D::Error>
where
    D: Deserializer<'de>,
    K: Deserialize<'de>,
    V: Deserialize<'de>,
{
    struct PairsVisitor<K, V> {
        expecting: &'static str,
        pairs: PhantomData<(K, V)>,
    }
    impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for PairsVisitor<K, V> {
        type Value = Vec<(K, V)>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.expecting)
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<(K, V)>, A::Error> {
            let mut pairs = Vec::new();
            while let Some(pair) = map.next_entry()? {
                pairs.push(pair);
            }
            Ok(pairs)
        }
    }
    deserializer.deserialize_any(PairsVisitor { expecting, pairs: PhantomData })
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
            /// An owned scalar (folded, or with escapes) is moved, not copied.
            fn visit_string<E: de::Error>(self, text: String) -> Result<TextBody, E> {
                Ok(TextBody::Text(text))
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
            /// An owned scalar (folded, or with escapes) is moved, not copied.
            fn visit_string<E: de::Error>(self, text: String) -> Result<Loose, E> {
                Ok(Loose::Text(text))
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
        let expecting = "a map of variant names to variants, such as `backend: {only: [backend]}`";
        pairs(deserializer, expecting).map(Variants)
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
