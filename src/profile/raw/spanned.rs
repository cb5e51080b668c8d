//! Reads a value with its position ([`Spanned`]) as serde-saphyr's own `Deserialize` for it
//! does, but without its one allocation per value: that impl reads the first of the synthetic
//! fields serde-saphyr hands over into a `String`, only to compare it with a marker. A profile
//! has hundreds of positioned values (every key of an entry, every text), so the hand-written
//! visitors use [`spanned`] and [`SpannedSeed`] for theirs.
//!
//! The protocol is serde-saphyr's (pinned in `Cargo.toml`): asked for the newtype struct
//! [`NEWTYPE`], it answers with a map of the fields in [`FIELDS`], the marker first.

use super::*;

use serde::de::DeserializeSeed;

/// The newtype name by which serde-saphyr's `Spanned` asks for a value with its position.
const NEWTYPE: &str = "__yaml_spanned";

/// The fields serde-saphyr yields for [`NEWTYPE`]: a marker that the map is its synthetic one,
/// then the value and its two locations.
const FIELDS: &[&str] = &[MARKER, "value", "referenced", "defined"];

/// The first field of serde-saphyr's synthetic map.
const MARKER: &str = "__serde_saphyr_private_spanned";

/// Reads a `T` with its position: what `Spanned::<T>::deserialize` reads, with the same errors.
pub(crate) fn spanned<'de, D, T>(deserializer: D) -> Result<Spanned<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    deserializer.deserialize_newtype_struct(NEWTYPE, SpannedVisitor(PhantomData))
}

/// A seed reading a [`Spanned`] value through [`spanned`], for map keys and list items.
pub(crate) struct SpannedSeed<T>(pub PhantomData<T>);

impl<T> SpannedSeed<T> {
    /// Creates the seed.
    pub(crate) fn new() -> SpannedSeed<T> {
        SpannedSeed(PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for SpannedSeed<T> {
    type Value = Spanned<T>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Spanned<T>, D::Error> {
        spanned(deserializer)
    }
}

/// Receives the newtype serde-saphyr answers [`NEWTYPE`] with.
struct SpannedVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SpannedVisitor<T> {
    type Value = Spanned<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value with its position")
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<Spanned<T>, D::Error> {
        deserializer.deserialize_struct("Spanned", FIELDS, FieldsVisitor(PhantomData))
    }
}

/// Reads the synthetic map of [`FIELDS`].
struct FieldsVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for FieldsVisitor<T> {
    type Value = Spanned<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value with its position")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Spanned<T>, A::Error> {
        if map.next_key::<Field>()? != Some(Field::Marker) {
            return Err(de::Error::custom("a position-carrying value outside serde-saphyr"));
        }
        map.next_value::<IgnoredAny>()?;
        let (mut value, mut referenced, mut defined) = (None, None, None);
        while let Some(field) = map.next_key::<Field>()? {
            match field {
                Field::Value if value.is_none() => value = Some(map.next_value()?),
                Field::Referenced if referenced.is_none() => referenced = Some(map.next_value()?),
                Field::Defined if defined.is_none() => defined = Some(map.next_value()?),
                Field::Value => return Err(de::Error::duplicate_field("value")),
                Field::Referenced => return Err(de::Error::duplicate_field("referenced")),
                Field::Defined => return Err(de::Error::duplicate_field("defined")),
                Field::Marker | Field::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let value = value.ok_or_else(|| de::Error::missing_field("value"))?;
        let referenced = referenced.ok_or_else(|| de::Error::missing_field("referenced"))?;
        let defined = defined.ok_or_else(|| de::Error::missing_field("defined"))?;
        Ok(Spanned::new(value, referenced, defined))
    }
}

/// A field of the synthetic map, told apart without copying its name.
#[derive(Debug, PartialEq, Eq)]
enum Field {
    Marker,
    Value,
    Referenced,
    Defined,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field of a value with its position")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                Ok(match name {
                    MARKER => Field::Marker,
                    "value" => Field::Value,
                    "referenced" => Field::Referenced,
                    "defined" => Field::Defined,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value read both ways: with serde-saphyr's `Spanned` and with [`spanned`].
    #[derive(Debug)]
    struct Both<T> {
        theirs: Spanned<T>,
        ours: Spanned<T>,
    }

    /// Reads `{a: …, b: …}` where both hold the same YAML value, `a` through serde-saphyr's
    /// impl and `b` through ours.
    fn both<T>(value: &str) -> Both<T>
    where
        T: for<'de> Deserialize<'de>,
    {
        #[derive(Deserialize)]
        #[serde(bound = "T: Deserialize<'de>")]
        struct Pair<T> {
            a: Spanned<T>,
            #[serde(deserialize_with = "spanned")]
            b: Spanned<T>,
        }
        let yaml = format!("a: {value}\nb: {value}\n");
        let pair: Pair<T> = serde_saphyr::from_str(&yaml).expect("parses");
        Both { theirs: pair.a, ours: pair.b }
    }

    /// Whether two locations are the same place, but for being on consecutive lines.
    fn next_line(a: Location, b: Location) -> bool {
        b.line() == a.line() + 1 && b.column() == a.column()
    }

    #[test]
    fn positions_match_serde_saphyrs_for_scalars_lists_and_maps() {
        let text = both::<String>("\"quoted, ünïcode\"");
        assert_eq!(text.ours.value, text.theirs.value);
        assert!(next_line(text.theirs.referenced, text.ours.referenced));
        assert!(next_line(text.theirs.defined, text.ours.defined));
        assert_eq!((text.ours.referenced.line(), text.ours.referenced.column()), (2, 4));

        let list = both::<Vec<u32>>("[1, 2, 3]");
        assert_eq!(list.ours.value, vec![1, 2, 3]);
        assert!(next_line(list.theirs.defined, list.ours.defined));

        let map = both::<std::collections::BTreeMap<String, bool>>("{x: true}");
        assert_eq!(map.ours.value, map.theirs.value);
        assert!(next_line(map.theirs.referenced, map.ours.referenced));
    }

    #[test]
    fn an_alias_keeps_where_it_is_used_and_where_it_is_defined() {
        #[derive(Deserialize)]
        struct Pair {
            #[allow(dead_code, reason = "only the anchor matters")]
            a: String,
            #[serde(deserialize_with = "spanned")]
            b: Spanned<String>,
        }
        let pair: Pair = serde_saphyr::from_str("a: &word text\nb: *word\n").expect("parses");
        assert_eq!(pair.b.value, "text");
        assert_eq!((pair.b.referenced.line(), pair.b.referenced.column()), (2, 4));
        assert_eq!(pair.b.defined.line(), 1);
    }

    #[test]
    fn errors_inside_the_value_are_serde_saphyrs() {
        #[derive(Debug, Deserialize)]
        struct Theirs {
            #[allow(dead_code, reason = "only the error matters")]
            n: Spanned<u32>,
        }
        #[derive(Debug, Deserialize)]
        struct Ours {
            #[allow(dead_code, reason = "only the error matters")]
            #[serde(deserialize_with = "spanned")]
            n: Spanned<u32>,
        }
        for yaml in ["n: [1]\n", "n: -3\n", "n: {a: 1}\n", "n: x\n"] {
            let theirs = serde_saphyr::from_str::<Theirs>(yaml).expect_err("not a number");
            let ours = serde_saphyr::from_str::<Ours>(yaml).expect_err("not a number");
            assert_eq!(ours.to_string(), theirs.to_string(), "{yaml}");
            assert_eq!(ours.location(), theirs.location(), "{yaml}");
        }
    }

    #[test]
    fn outside_serde_saphyr_the_value_is_refused() {
        let json = serde_json::json!("text");
        assert!(spanned::<_, String>(json).is_err());
    }
}
