//! The canonical text of a finalised decision names struct fields in snake_case: that is how the
//! archive format `scr-desk/decision/1` was fixed, and every stored content hash is over such
//! text. The same types cross the IPC boundary in camelCase, so the canonical text is written
//! through this serializer, which wraps another and gives each struct field its snake_case name
//! back. Map keys (criterion and factor ids), enum variants and values pass through untouched.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde::ser::{self, Serialize, Serializer};

/// Compact JSON of `value`, struct fields in snake_case.
pub(super) fn to_json<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    value.serialize(SnakeFields(&mut serde_json::Serializer::new(&mut bytes)))?;
    // serde_json writes only UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `fieldName` as `field_name`. The inverse of serde's camelCase for the names this crate uses
/// (lower-case words and digits joined by `_`).
fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// serde wants field names that live for ever. They are the names written in this program's
/// types, so there are only ever as many as those: each is converted once and kept.
fn static_snake_case(name: &'static str) -> &'static str {
    if !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return name;
    }
    static NAMES: OnceLock<Mutex<HashMap<&'static str, &'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    names
        .entry(name)
        .or_insert_with(|| Box::leak(snake_case(name).into_boxed_str()))
}

/// A serializer (or one of its compound parts) whose struct fields are renamed.
struct SnakeFields<S>(S);

/// A value to be written by a [`SnakeFields`] serializer.
struct Inner<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Inner<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(SnakeFields(serializer))
    }
}

macro_rules! forward {
    ($($method:ident($type:ty)),* $(,)?) => {
        $(fn $method(self, value: $type) -> Result<S::Ok, S::Error> {
            self.0.$method(value)
        })*
    };
}

impl<S: Serializer> Serializer for SnakeFields<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = SnakeFields<S::SerializeSeq>;
    type SerializeTuple = SnakeFields<S::SerializeTuple>;
    type SerializeTupleStruct = SnakeFields<S::SerializeTupleStruct>;
    type SerializeTupleVariant = SnakeFields<S::SerializeTupleVariant>;
    type SerializeMap = SnakeFields<S::SerializeMap>;
    type SerializeStruct = SnakeFields<S::SerializeStruct>;
    type SerializeStructVariant = SnakeFields<S::SerializeStructVariant>;

    forward!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Inner(value))
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Inner(value))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Inner(value))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(SnakeFields)
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(SnakeFields)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(SnakeFields)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(SnakeFields)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(SnakeFields)
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        self.0.serialize_struct(name, len).map(SnakeFields)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(SnakeFields)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

/// The compound parts whose elements are values: each element is written by a wrapper too.
macro_rules! elements {
    ($($trait:ident :: $method:ident),* $(,)?) => {
        $(impl<S: ser::$trait> ser::$trait for SnakeFields<S> {
            type Ok = S::Ok;
            type Error = S::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
                self.0.$method(&Inner(value))
            }

            fn end(self) -> Result<S::Ok, S::Error> {
                self.0.end()
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);

impl<S: ser::SerializeMap> ser::SerializeMap for SnakeFields<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), S::Error> {
        self.0.serialize_key(&Inner(key))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), S::Error> {
        self.0.serialize_value(&Inner(value))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

/// The compound parts with named fields: the names are the ones renamed.
macro_rules! fields {
    ($($trait:ident),* $(,)?) => {
        $(impl<S: ser::$trait> ser::$trait for SnakeFields<S> {
            type Ok = S::Ok;
            type Error = S::Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), S::Error> {
                self.0.serialize_field(static_snake_case(key), &Inner(value))
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), S::Error> {
                self.0.skip_field(static_snake_case(key))
            }

            fn end(self) -> Result<S::Ok, S::Error> {
                self.0.end()
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Outer {
        framework_id: &'static str,
        qm2_factors: Vec<Inside>,
        by_id: BTreeMap<&'static str, Option<Inside>>,
        kind: Kind,
    }

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Inside {
        date_of_birth: Option<&'static str>,
    }

    #[derive(Serialize)]
    #[serde(tag = "kind", rename_all = "snake_case", rename_all_fields = "camelCase")]
    enum Kind {
        SendLetters { members_told: u32 },
    }

    #[test]
    fn struct_fields_go_back_to_snake_case_and_map_keys_stay_as_they_are() {
        let value = Outer {
            framework_id: "wt2015-scr",
            qm2_factors: vec![Inside { date_of_birth: None }],
            by_id: BTreeMap::from([(
                "keyWithCapitals",
                Some(Inside {
                    date_of_birth: Some("x"),
                }),
            )]),
            kind: Kind::SendLetters { members_told: 3 },
        };
        assert_eq!(
            to_json(&value).unwrap(),
            r#"{"framework_id":"wt2015-scr","qm2_factors":[{"date_of_birth":null}],"by_id":{"keyWithCapitals":{"date_of_birth":"x"}},"kind":{"kind":"send_letters","members_told":3}}"#
        );
        assert!(serde_json::to_string(&value).unwrap().contains("\"frameworkId\""));
    }
}
