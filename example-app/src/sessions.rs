//! Login sessions: the bearer tokens that user management hands out at login, and the [`Caller`]
//! every authenticated route extracts from them.
//!
//! A token is 256 bits from the operating system's random source, base64url-encoded; the server
//! keeps only its SHA-256 (table `sessions`), with an expiry, so neither the database nor a log
//! line holds a usable token. Shared plumbing like [`http`](crate::http): it names no hook.

use std::time::Duration;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use crate::database::Db;
use crate::events::Timestamp;
use crate::http::{ApiError, Env};

/// A session opened by a login: the token (shown once, to the client) and when it expires.
#[derive(Debug)]
pub struct Session {
    /// The bearer token.
    pub token: String,
    /// When the token stops being accepted.
    pub expires_at: Timestamp,
}

/// Opens a session of `user_id` valid for `ttl`; stores only the token's hash.
pub async fn open(db: &Db, user_id: &str, ttl: Duration) -> Result<Session, OpenError> {
    let mut bits = [0_u8; 32];
    getrandom::fill(&mut bits).map_err(OpenError::Random)?;
    let token = URL_SAFE_NO_PAD.encode(bits);
    let now = Timestamp::now();
    let ttl_millis = u64::try_from(ttl.as_millis()).unwrap_or(u64::MAX);
    let expires_at = Timestamp::from_unix_millis(now.unix_millis().saturating_add(ttl_millis));
    let (hash, created, expires) = (hash(&token), now.to_string(), expires_at.to_string());
    crate::on_db!(db, |pool| {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(&hash)
            .bind(user_id)
            .bind(&created)
            .bind(&expires)
            .execute(pool)
            .await
            .map(|_| ())
    })
    .map_err(OpenError::Db)?;
    Ok(Session { token, expires_at })
}

/// Why a session could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The operating system's random source failed.
    #[error("no random source for the session token: {0}")]
    Random(getrandom::Error),
    /// The session could not be stored.
    #[error(transparent)]
    Db(sqlx::Error),
}

/// Revokes the caller's session: its token is refused from now on.
pub async fn revoke(db: &Db, caller: &Caller) -> Result<(), sqlx::Error> {
    let now = Timestamp::now().to_string();
    crate::on_db!(db, |pool| {
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
            .bind(&now)
            .bind(&caller.token_hash)
            .execute(pool)
            .await
            .map(|_| ())
    })
}

/// The authenticated caller of a request: the user whose valid session token the request's
/// `Authorization: Bearer <token>` header carries. Extracting it answers 401 otherwise, with a
/// message that says which of missing, malformed, unknown, expired or revoked the token is.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The caller's user id.
    pub user_id: String,
    token_hash: String,
}

impl Caller {
    /// 403 unless `user_id` (a `user_id` the request names, if any) is the caller's own.
    pub fn check_owns(&self, user_id: Option<&str>) -> Result<(), ApiError> {
        match user_id {
            Some(other) if other != self.user_id => Err(ApiError::forbidden("You can only act on your own account")),
            _ => Ok(()),
        }
    }
}

impl<S> FromRequestParts<S> for Caller
where
    Env: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Caller, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(|| ApiError::unauthorized("Missing Authorization header: expected Bearer <token>"))?;
        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| ApiError::unauthorized("Malformed Authorization header: expected Bearer <token>"))?;
        let env = Env::from_ref(state);
        let token_hash = hash(token);
        let row: Result<Option<(String, String, Option<String>)>, _> = crate::on_db!(&env.db, |pool| {
            sqlx::query_as("SELECT user_id, expires_at, revoked_at FROM sessions WHERE token_hash = $1")
                .bind(&token_hash)
                .fetch_optional(pool)
                .await
        });
        let row = match row {
            Ok(row) => row,
            Err(error) => return Err(ApiError::internal(&env, "sessions::caller", &error, "bearer token").await),
        };
        match row {
            None => Err(ApiError::unauthorized("Unknown token")),
            Some((_, _, Some(_))) => Err(ApiError::unauthorized("Token revoked")),
            Some((_, expires_at, None)) if expires_at <= Timestamp::now().to_string() => {
                Err(ApiError::unauthorized("Token expired"))
            }
            Some((user_id, _, None)) => Ok(Caller { user_id, token_hash }),
        }
    }
}

/// The stored form of a token: its SHA-256, base64url-encoded.
fn hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::hash;

    #[test]
    fn the_stored_hash_is_not_the_token_and_is_stable() {
        let token = "dG9rZW4";
        assert_eq!(hash(token), hash(token));
        assert_ne!(hash(token), token);
        assert_eq!(hash(token).len(), 43, "256 bits in base64url without padding");
    }
}
