//! What every module's HTTP handlers share: the environment they run in and the error answer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::{Db, record_internal_error};

/// The environment of the modules' request handlers (extracted with `State<Env>`).
#[derive(Debug, Clone)]
pub struct Env {
    /// The database.
    pub db: Db,
    /// The application's id, recorded with each user.
    pub app_id: String,
    /// The application's display name, used in notifications.
    pub app_name: String,
}

/// An error answer: a status code and `{"error": message}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The message, safe to show to the client.
    pub message: String,
}

impl ApiError {
    /// A 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// A 401 Unauthorized.
    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::UNAUTHORIZED, message: message.into() }
    }

    /// A 404 Not Found.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    /// A 409 Conflict.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::CONFLICT, message: message.into() }
    }

    /// A 500 Internal Server Error, after recording `error` through the `system_error` hook.
    ///
    /// The client sees only a generic message; `handler` names the failing handler in the record.
    pub async fn internal(env: &Env, handler: &str, error: &(dyn std::fmt::Display + Sync), summary: &str) -> ApiError {
        let error = error.to_string();
        tracing::error!(handler, %error, "internal error");
        record_internal_error(&env.db, handler, &error, summary).await;
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: "Internal server error".to_owned() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}

/// The request body as a JSON object: 413 when it is over the body limit, 400 when it is not
/// JSON or not an object.
pub fn json_object(body: Result<Bytes, BytesRejection>) -> Result<Map<String, Value>, ApiError> {
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError { status: StatusCode::PAYLOAD_TOO_LARGE, message: "Request body too large".to_owned() }
        }
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

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::required_string;

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
}
