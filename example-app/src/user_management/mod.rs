//! User management: registration and login over HTTP.
//!
//! `POST /public/register` validates a new user, hashes the password with argon2, stores the
//! user (the database's unique constraints decide who gets a username or email first), and
//! triggers [`user_created`](crate::events::user_created) in the same transaction, which
//! enqueues that hook's durable callbacks with the user; it knows nothing about wallets,
//! notifications or transactions. `POST /public/login` checks a password, opens a session (a
//! bearer token, see [`sessions`](crate::sessions)) and triggers [`user_login`];
//! `POST /public/logout` revokes the caller's token and triggers
//! [`user_logout`](crate::events::user_logout). Passwords are never stored, returned or logged;
//! hashes never leave this module.

mod login;
mod logout;
mod password;
mod register;
mod throttle;
mod validate;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::post;
use hooks_core::hook_callback;

use crate::events::{self, ModuleInitialized, UserLogin, module_initialized, user_login};
use crate::http::Env;
use crate::readiness;

/// The registration route, `POST /public/register` (apart, so a server can limit it).
pub fn registration_routes<S>() -> Router<S>
where
    Env: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    Router::new().route("/public/register", post(register::register))
}

/// The session routes: `POST /public/login`, `POST /public/logout`.
pub fn session_routes<S>() -> Router<S>
where
    Env: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    Router::new().route("/public/login", post(login::login)).route("/public/logout", post(logout::logout))
}

/// Checks that the users table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::user_management)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "users").await
}

/// Records the time of the user's last login.
#[hook_callback(user_login, priority = 10, context = events::user_management)]
async fn record_login(event: &UserLogin) -> Result<(), sqlx::Error> {
    let at = event.at.to_string();
    crate::on_db!(&event.db, |pool| {
        sqlx::query("UPDATE users SET last_login_at = $1 WHERE id = $2")
            .bind(&at)
            .bind(&event.user_id)
            .execute(pool)
            .await
            .map(|_| ())
    })?;
    tracing::info!(user_id = %event.user_id, "recorded login");
    Ok(())
}
