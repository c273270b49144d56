//! `POST /public/login`.

use axum::Json;
use axum::body::Bytes;
use std::net::SocketAddr;

use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use serde_json::{Value, json};

use super::{password, throttle};
use crate::events::{Timestamp, UserLogin, user_login};
use crate::http::{ApiError, Env, json_object, required_string};
use crate::{failures, sessions};

const HANDLER: &str = "user_management::login";

/// Checks `{username, password}` (or `{email, password}`); on success opens a session and answers
/// 200 with its bearer token and expiry, and triggers `user_login`; 401 with one message for an
/// unknown user and a wrong password alike.
pub(super) async fn login(
    State(env): State<Env>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let object = json_object(body)?;
    let (column, login) = match object.get("email") {
        Some(_) if !object.contains_key("username") => {
            ("email_key", required_string(&object, "email")?.trim().to_lowercase())
        }
        _ => ("username", required_string(&object, "username")?.trim().to_owned()),
    };
    let password = required_string(&object, "password")?.to_owned();
    let keys = throttle::keys(&login, client.ip());
    match env.login_throttle.check(&env.db, &keys).await {
        Ok(Ok(())) => {}
        Ok(Err(throttled)) => {
            tracing::info!(address = %client.ip(), "refused login: throttled");
            return Err(throttled);
        }
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &format!("{column}={login}")).await),
    }
    let sql = match column {
        "email_key" => "SELECT id, username, password_hash FROM users WHERE email_key = $1",
        _ => "SELECT id, username, password_hash FROM users WHERE username = $1",
    };
    let row: Result<Option<(String, String, String)>, _> =
        crate::on_db!(&env.db, |pool| sqlx::query_as(sql).bind(&login).fetch_optional(pool).await);
    let row = match row {
        Ok(row) => row,
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &format!("{column}={login}")).await),
    };
    let verified = match row {
        Some((user_id, username, stored)) => password::verify(password, stored).await.then_some((user_id, username)),
        None => None,
    };
    let Some((user_id, username)) = verified else {
        tracing::info!(address = %client.ip(), "refused login: unknown user or wrong password");
        if let Err(error) = env.login_throttle.failed(&env.db, &keys).await {
            tracing::error!(%error, "could not record a failed login");
        }
        return Err(invalid());
    };
    if let Err(error) = env.login_throttle.succeeded(&env.db, &keys).await {
        tracing::error!(%error, "could not clear the failed logins of an account");
    }
    let session = match sessions::open(&env.db, &user_id, env.session_ttl).await {
        Ok(session) => session,
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &format!("user_id={user_id}")).await),
    };
    let event = UserLogin { user_id, username, at: Timestamp::now(), db: env.db.clone() };
    failures::describe(event.summary());
    let report = hooks_core::trigger_async!(user_login, &event).await;
    let hooks = failures::report_json::<user_login>(&report);
    Ok(Json(json!({
        "message": "Login successful",
        "token": session.token,
        "expires_at": session.expires_at.to_string(),
        "user": { "id": event.user_id, "username": event.username },
        "hooks": hooks,
    })))
}

fn invalid() -> ApiError {
    ApiError::unauthorized("Invalid username or password")
}
