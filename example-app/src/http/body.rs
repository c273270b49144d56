//! Reading a request body: one JSON object, and its required string fields.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::{Map, Value};

use super::ApiError;

/// The request body as a JSON object: 413 when it is over the body limit, 400 when it is not
/// JSON or not an object.
pub fn json_object(body: Result<Bytes, BytesRejection>) -> Result<Map<String, Value>, ApiError> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::too_large("Request body too large"),
        _ => ApiError::bad_request(format!("Cannot read the request body: {rejection}")),
    })?;
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::bad_request("Request body must be a JSON object")),
        Err(error) => Err(ApiError::bad_request(format!("Invalid JSON: {error}"))),
    }
}

/// The non-empty string field `name`: 400 `"Missing required field: <name>"` when it is absent,
/// null or blank, 400 `"Field <name> must be a string"` for another JSON type.
pub fn required_string<'a>(object: &'a Map<String, Value>, name: &str) -> Result<&'a str, ApiError> {
    match object.get(name) {
        Some(Value::String(value)) if !value.trim().is_empty() => Ok(value),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            Err(ApiError::bad_request(format!("Missing required field: {name}")))
        }
        Some(_) => Err(ApiError::bad_request(format!("Field {name} must be a string"))),
    }
}

/// The string field `name` when present and not blank (trimmed); `None` when it is absent, null
/// or blank; 400 `"Field <name> must be a string"` for another JSON type.
pub fn optional_string<'a>(object: &'a Map<String, Value>, name: &str) -> Result<Option<&'a str>, ApiError> {
    match object.get(name) {
        Some(Value::String(value)) if !value.trim().is_empty() => Ok(Some(value.trim())),
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(None),
        Some(_) => Err(ApiError::bad_request(format!("Field {name} must be a string"))),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{optional_string, required_string};

    #[test]
    fn required_strings() {
        let object = json!({"a": "x", "b": "  ", "c": null, "d": 3}).as_object().cloned().unwrap_or_default();
        assert_eq!(required_string(&object, "a"), Ok("x"));
        for missing in ["b", "c", "e"] {
            let error = required_string(&object, missing).unwrap_err();
            assert_eq!(error.message, format!("Missing required field: {missing}"));
        }
        assert_eq!(required_string(&object, "d").unwrap_err().message, "Field d must be a string");
    }

    #[test]
    fn optional_strings() {
        let object = json!({"a": " x ", "b": "  ", "c": null, "d": 3}).as_object().cloned().unwrap_or_default();
        assert_eq!(optional_string(&object, "a"), Ok(Some("x")));
        for absent in ["b", "c", "e"] {
            assert_eq!(optional_string(&object, absent), Ok(None));
        }
        assert_eq!(optional_string(&object, "d").unwrap_err().message, "Field d must be a string");
    }
}
