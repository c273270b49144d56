//! The error answer: a status code and `{"error": message}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use super::Env;
use crate::failures::record_internal_error;

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

    /// A 413 Payload Too Large.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::PAYLOAD_TOO_LARGE, message: message.into() }
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
