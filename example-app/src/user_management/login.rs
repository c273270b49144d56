//! `POST /public/login`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use serde_json::{Value, json};

use super::password;
use crate::events::{Timestamp, UserLogin, user_login};
use crate::failures;
use crate::http::{ApiError, Env, json_object, required_string};

const HANDLER: &str = "user_management::login";

/// Checks `{username, password}` (or `{email, password}`); 200 and `user_login` on success, 401
/// with one message for an unknown user and a wrong password alike.
pub(super) async fn login(
    State(env): State<Env>,
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
    let Some((user_id, username, stored)) = row else {
        return Err(invalid());
    };
    if !password::verify(password, stored).await {
        tracing::info!(user_id = %user_id, "refused login: wrong password");
        return Err(invalid());
    }
    let event = UserLogin { user_id, username, at: Timestamp::now(), db: env.db.clone() };
    let report = hooks_core::trigger_async!(user_login, &event).await;
    let hooks = failures::record::<user_login>(&env.db, &report, &event.summary()).await;
    Ok(Json(json!({
        "message": "Login successful",
        "user": { "id": event.user_id, "username": event.username },
        "hooks": hooks,
    })))
}

fn invalid() -> ApiError {
    ApiError::unauthorized("Invalid username or password")
}
