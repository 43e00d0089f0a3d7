//! Reading a request body the way Cognito validates it.
//!
//! Cognito checks each member against its model (required, length, type)
//! before doing anything else and names the member in the message, e.g.
//! `1 validation error detected: Value null at 'username' failed to satisfy
//! constraint: Member must not be null`. These helpers give the same answers.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::error::{ApiError, ApiResult};

/// A request body: a JSON object.
pub struct Input {
    map: Map<String, Value>,
}

/// Cognito's messages name members in camelCase (`clientId`, `authParameters`).
fn member(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn not_null(name: &str) -> ApiError {
    ApiError::invalid_parameter(format!(
        "1 validation error detected: Value null at '{}' failed to satisfy constraint: Member must not be null",
        member(name)
    ))
}

fn wrong_type(name: &str, expected: &str) -> ApiError {
    ApiError::new(
        "SerializationException",
        format!("Unexpected value for '{name}': expected {expected}"),
    )
}

impl Input {
    pub fn parse(body: &[u8]) -> ApiResult<Self> {
        // An empty body is an empty request: Cognito then reports the
        // missing required members one by one.
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self { map: Map::new() });
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(Self { map }),
            Ok(_) => Err(ApiError::new(
                "SerializationException",
                "Start of structure or map found where not expected.",
            )),
            Err(_) => Err(ApiError::new(
                "SerializationException",
                "The request body is not valid JSON.",
            )),
        }
    }

    #[cfg(test)]
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Object(map) => Self { map },
            _ => Self { map: Map::new() },
        }
    }

    pub fn raw(&self) -> &Map<String, Value> {
        &self.map
    }

    fn present(&self, name: &str) -> Option<&Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// A required string of `min..=max` characters.
    pub fn string(&self, name: &str, min: usize, max: usize) -> ApiResult<String> {
        self.opt_string(name, min, max)?
            .ok_or_else(|| not_null(name))
    }

    /// An optional string of `min..=max` characters.
    pub fn opt_string(&self, name: &str, min: usize, max: usize) -> ApiResult<Option<String>> {
        let Some(value) = self.present(name) else {
            return Ok(None);
        };
        let Some(s) = value.as_str() else {
            return Err(wrong_type(name, "a string"));
        };
        check_length(name, s, min, max)?;
        Ok(Some(s.to_owned()))
    }

    pub fn opt_bool(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.present(name) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(wrong_type(name, "a boolean")),
        }
    }

    pub fn opt_i64(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.present(name) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| wrong_type(name, "an integer")),
        }
    }

    pub fn opt_object(&self, name: &str) -> ApiResult<Option<&Map<String, Value>>> {
        match self.present(name) {
            None => Ok(None),
            Some(Value::Object(m)) => Ok(Some(m)),
            Some(_) => Err(wrong_type(name, "a structure")),
        }
    }

    /// A string → string map such as `AuthParameters` or `ClientMetadata`.
    pub fn string_map(&self, name: &str) -> ApiResult<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        if let Some(map) = self.opt_object(name)? {
            for (k, v) in map {
                match v {
                    Value::String(s) => {
                        out.insert(k.clone(), s.clone());
                    }
                    Value::Null => {}
                    _ => return Err(wrong_type(name, "a map of strings")),
                }
            }
        }
        Ok(out)
    }

    /// A list of strings; absent is empty.
    pub fn string_list(&self, name: &str) -> ApiResult<Vec<String>> {
        match self.present(name) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| wrong_type(name, "a list of strings"))
                })
                .collect(),
            Some(_) => Err(wrong_type(name, "a list")),
        }
    }

    /// `[{"Name": .., "Value": ..}]`, the shape of `UserAttributes`.
    pub fn attribute_list(&self, name: &str) -> ApiResult<Vec<(String, String)>> {
        let Some(value) = self.present(name) else {
            return Ok(Vec::new());
        };
        let Some(items) = value.as_array() else {
            return Err(wrong_type(name, "a list"));
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Some(obj) = item.as_object() else {
                return Err(wrong_type(name, "a list of attributes"));
            };
            let attr_name = match obj.get("Name") {
                Some(Value::String(s)) => s.clone(),
                _ => {
                    return Err(ApiError::invalid_parameter(format!(
                        "1 validation error detected: Value null at '{}.member.name' failed to satisfy constraint: Member must not be null",
                        member(name)
                    )));
                }
            };
            check_length(&format!("{name}.member.name"), &attr_name, 1, 32)?;
            let value = match obj.get("Value") {
                Some(Value::String(s)) => s.clone(),
                None | Some(Value::Null) => String::new(),
                Some(_) => return Err(wrong_type(name, "attribute values as strings")),
            };
            check_length(&format!("{name}.member.value"), &value, 0, 2048)?;
            out.push((attr_name, value));
        }
        Ok(out)
    }
}

pub fn check_length(name: &str, s: &str, min: usize, max: usize) -> ApiResult<()> {
    let len = s.chars().count();
    if len < min {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value at '{}' failed to satisfy constraint: Member must have length greater than or equal to {min}",
            member(name)
        )));
    }
    if len > max {
        return Err(ApiError::invalid_parameter(format!(
            "1 validation error detected: Value at '{}' failed to satisfy constraint: Member must have length less than or equal to {max}",
            member(name)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_missing_required_member_is_named_in_camel_case() {
        let input = Input::from_value(json!({}));
        let err = input.string("ClientId", 1, 128).err();
        assert_eq!(
            err.map(|e| e.message),
            Some("1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null".to_owned())
        );
    }

    #[test]
    fn an_oversized_member_is_rejected() {
        let input = Input::from_value(json!({"Username": "x".repeat(129)}));
        let err = input.string("Username", 1, 128).err();
        assert_eq!(err.map(|e| e.kind), Some("InvalidParameterException"));
    }

    #[test]
    fn malformed_json_is_a_serialization_exception() {
        assert_eq!(
            Input::parse(b"{nope").err().map(|e| e.kind),
            Some("SerializationException")
        );
    }
}
