//! `POST /public/logout`.

use axum::extract::State;
use axum::http::StatusCode;

use crate::events::{Timestamp, UserLogout, user_logout};
use crate::failures;
use crate::http::{ApiError, Env};
use crate::sessions::{self, Caller};

/// Revokes the caller's bearer token, triggers `user_logout`, and answers 204.
pub(super) async fn logout(State(env): State<Env>, caller: Caller) -> Result<StatusCode, ApiError> {
    if let Err(error) = sessions::revoke(&env.db, &caller).await {
        let summary = format!("user_id={}", caller.user_id);
        return Err(ApiError::internal(&env, "user_management::logout", &error, &summary).await);
    }
    let event = UserLogout { user_id: caller.user_id, at: Timestamp::now(), db: env.db.clone() };
    failures::describe(event.summary());
    let _report = hooks_core::trigger_async!(user_logout, &event).await;
    Ok(StatusCode::NO_CONTENT)
}
