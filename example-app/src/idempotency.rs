//! `Idempotency-Key`: a client retries a request with the same key and gets the first answer
//! again, while the request's effect happens once.
//!
//! The key's row (table `idempotency_keys`, per user) is claimed in the request's own
//! transaction and filled with the answer before that transaction commits: a request that fails
//! leaves no row, so its retry runs again; a concurrent duplicate waits for the first request's
//! commit (SQLite: the write lock; PostgreSQL: the primary key) and then replays its answer. Rows
//! are kept (so for at least 24 hours). Shared plumbing like [`http`](crate::http).

use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::database::Tx;
use crate::events::Timestamp;
use crate::http::ApiError;

/// The longest key accepted.
pub const MAX_KEY_LENGTH: usize = 255;

/// The request's `Idempotency-Key`: `None` without the header; 400 when it is empty, longer than
/// [`MAX_KEY_LENGTH`] or not printable ASCII.
pub fn key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().unwrap_or_default().trim();
    if key.is_empty() || key.len() > MAX_KEY_LENGTH || !key.bytes().all(|byte| byte.is_ascii_graphic()) {
        let message = format!("Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable ASCII characters");
        return Err(ApiError::bad_request(message));
    }
    Ok(Some(key.to_owned()))
}

/// What a claimed key says about a request.
#[derive(Debug)]
pub enum Claim {
    /// The key is new: run the request, then [`remember`] its answer in the same transaction.
    New,
    /// The key answered the same request before: its status and body.
    Replay(StatusCode, Value),
    /// The key was used with another request.
    Conflict,
}

/// Claims `key` of `user_id` for `request` (the request's JSON; the same JSON is the same
/// request) in `tx`.
pub async fn claim(tx: &mut Tx, user_id: &str, key: &str, request: &Value) -> Result<Claim, sqlx::Error> {
    let (hash, now) = (request_hash(request), Timestamp::now().to_string());
    let inserted = crate::in_tx!(&mut *tx, |tx| {
        sqlx::query(
            "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, key) DO NOTHING",
        )
        .bind(user_id)
        .bind(key)
        .bind(&hash)
        .bind(&now)
        .execute(&mut **tx)
        .await
        .map(|done| done.rows_affected())
    })?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let (stored_hash, status, body): (String, Option<i64>, Option<String>) = crate::in_tx!(tx, |tx| {
        sqlx::query_as("SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2")
            .bind(user_id)
            .bind(key)
            .fetch_one(&mut **tx)
            .await
    })?;
    if stored_hash != hash {
        return Ok(Claim::Conflict);
    }
    let status = status.and_then(|status| u16::try_from(status).ok()).and_then(|s| StatusCode::from_u16(s).ok());
    let body = body.and_then(|body| serde_json::from_str(&body).ok());
    Ok(match (status, body) {
        (Some(status), Some(body)) => Claim::Replay(status, body),
        // Committed without an answer cannot happen (the answer is written before the commit);
        // treat it as another request's key rather than run the request twice.
        _ => Claim::Conflict,
    })
}

/// Stores the answer of the request that claimed `key`, in its transaction.
pub async fn remember(
    tx: &mut Tx,
    user_id: &str,
    key: &str,
    status: StatusCode,
    body: &Value,
) -> Result<(), sqlx::Error> {
    let (status, body) = (i64::from(status.as_u16()), body.to_string());
    crate::in_tx!(tx, |tx| {
        sqlx::query("UPDATE idempotency_keys SET status = $1, body = $2 WHERE user_id = $3 AND key = $4")
            .bind(status)
            .bind(&body)
            .bind(user_id)
            .bind(key)
            .execute(&mut **tx)
            .await
            .map(|_| ())
    })
}

/// The SHA-256 of the request's JSON; objects' keys are sorted, so field order does not matter.
fn request_hash(request: &Value) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(request.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderMap;
    use serde_json::json;

    use super::{key, request_hash};

    #[test]
    fn field_order_does_not_change_the_request() {
        assert_eq!(request_hash(&json!({"a": 1, "b": 2})), request_hash(&json!({"b": 2, "a": 1})));
        assert_ne!(request_hash(&json!({"a": 1})), request_hash(&json!({"a": 2})));
    }

    #[test]
    fn keys_are_printable_and_bounded() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert("idempotency-key", value.parse().unwrap());
            key(&headers)
        };
        assert_eq!(key(&HeaderMap::new()), Ok(None));
        assert_eq!(with("order-42"), Ok(Some("order-42".to_owned())));
        assert_eq!(with(&"k".repeat(255)).map(|k| k.map(|k| k.len())), Ok(Some(255)));
        for bad in ["", "   ", &"k".repeat(256), "two words"] {
            assert_eq!(with(bad).unwrap_err().status, axum::http::StatusCode::BAD_REQUEST, "{bad:?}");
        }
    }
}
