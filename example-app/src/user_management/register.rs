//! `POST /public/register`.

use crate::database::Tx;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use serde_json::{Value, json};

use super::password;
use super::validate::{self, NewUser};
use crate::events::{Timestamp, UserCreated, UserData, UserModules, WalletSection, new_id, user_created};
use crate::failures;
use crate::http::{ApiError, Env, json_object};

/// Where registrations through this endpoint come from, as the hook data says.
const SOURCE: &str = "public_api";
const HANDLER: &str = "user_management::register";

/// Validates, then stores the user and enqueues the durable callbacks of `user_created` in one
/// transaction, and answers 201 with the user (never the password) once it committed.
pub(super) async fn register(
    State(env): State<Env>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let new_user = validate::new_user(&json_object(body)?)?;
    check_free(&env, &new_user).await?;
    let password_hash = match password::hash(new_user.password.clone()).await {
        Ok(hash) => hash,
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &summary(&new_user)).await),
    };
    let summary = summary(&new_user);
    // After the slow hashing: on SQLite the transaction holds the write lock.
    let mut tx = match env.db.begin().await {
        Ok(tx) => tx,
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &summary).await),
    };
    // The jobs of the durable callbacks go into the user's transaction: both commit, or neither.
    // The user id is the event id: one registration, one job per callback.
    let stored = match store(&env, &mut tx, new_user, password_hash).await {
        Ok(event) => {
            failures::describe(event.summary());
            let event_id = event.user_id.clone();
            let triggered = crate::in_tx!(&mut tx, |tx| {
                hooks_core::trigger_async!(user_created, &event, tx = tx, event = event_id).await
            });
            triggered.map(|report| (event, report)).map_err(|error| Failure::Internal(error.to_string()))
        }
        Err(failure) => Err(failure),
    };
    let committed = match stored {
        Ok(stored) => tx.commit().await.map(|()| stored).map_err(|error| Failure::Internal(error.to_string())),
        Err(failure) => {
            // Roll back (and release the write lock) before the failure is recorded.
            if let Err(error) = tx.rollback().await {
                tracing::error!(%error, "could not roll back a failed registration");
            }
            Err(failure)
        }
    };
    let (event, report) = match committed {
        Ok(committed) => committed,
        Err(Failure::Refused(error)) => return Err(error),
        Err(Failure::Internal(error)) => return Err(ApiError::internal(&env, HANDLER, &error, &summary).await),
    };
    tracing::info!(user_id = %event.user_id, "stored user {} and enqueued its user_created jobs", event.username);
    let hooks = failures::report_json::<user_created>(&report);
    let body = json!({
        "message": "User registered successfully",
        "user": user_json(&event),
        "hooks": hooks,
    });
    Ok((StatusCode::CREATED, Json(body)))
}

/// Answers 409 early when the email or username is known to be taken (email first). The unique
/// constraints in [`store`] still decide races.
async fn check_free(env: &Env, new_user: &NewUser) -> Result<(), ApiError> {
    let email_taken = exists(env, "SELECT 1 FROM users WHERE email_key = $1", &new_user.email.to_lowercase()).await;
    let username_taken = exists(env, "SELECT 1 FROM users WHERE username = $1", &new_user.username).await;
    match (email_taken, username_taken) {
        (Ok(true), _) => Err(email_conflict()),
        (Ok(false), Ok(true)) => Err(username_conflict()),
        (Ok(false), Ok(false)) => Ok(()),
        (Err(error), _) | (_, Err(error)) => Err(ApiError::internal(env, HANDLER, &error, &summary(new_user)).await),
    }
}

async fn exists(env: &Env, sql: &'static str, value: &str) -> Result<bool, sqlx::Error> {
    crate::on_db!(&env.db, |pool| sqlx::query(sql).bind(value).fetch_optional(pool).await.map(|row| row.is_some()))
}

/// Why a registration's transaction did not commit.
enum Failure {
    /// An answer for the client (a 409).
    Refused(ApiError),
    /// An internal error, recorded once the transaction is rolled back.
    Internal(String),
}

/// Inserts the user in `tx`; a unique-constraint violation is the 409 of the constraint that
/// failed.
async fn store(env: &Env, tx: &mut Tx, new_user: NewUser, password_hash: String) -> Result<UserCreated, Failure> {
    let (user_id, created_at) = (new_id("user"), Timestamp::now());
    let user_data = UserData {
        first_name: new_user.first_name.clone(),
        last_name: new_user.last_name.clone(),
        phone: new_user.phone.clone(),
        status: "active".to_owned(),
        modules: UserModules { wallet: WalletSection::new_account(created_at) },
    };
    let created = created_at.to_string();
    let inserted = crate::in_tx!(tx, |tx| {
        sqlx::query(
            "INSERT INTO users (id, username, email, email_key, password_hash, first_name, last_name, phone, \
             status, app_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&user_id)
        .bind(&new_user.username)
        .bind(&new_user.email)
        .bind(new_user.email.to_lowercase())
        .bind(password_hash)
        .bind(&user_data.first_name)
        .bind(&user_data.last_name)
        .bind(&user_data.phone)
        .bind(&user_data.status)
        .bind(&env.app_id)
        .bind(&created)
        .execute(&mut **tx)
        .await
        .map(|_| ())
    });
    match inserted {
        Ok(_) => Ok(UserCreated {
            user_id,
            username: new_user.username,
            email: new_user.email,
            user_data,
            created_at,
            app_id: env.app_id.clone(),
            app_name: env.app_name.clone(),
            source: SOURCE.to_owned(),
        }),
        Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
            let constraint = format!("{} {}", error.message(), error.constraint().unwrap_or_default());
            Err(Failure::Refused(if constraint.contains("email") { email_conflict() } else { username_conflict() }))
        }
        Err(error) => Err(Failure::Internal(error.to_string())),
    }
}

fn email_conflict() -> ApiError {
    ApiError::conflict("Email already registered")
}

fn username_conflict() -> ApiError {
    ApiError::conflict("Username already taken")
}

/// The failure record's view of a registration: no password.
fn summary(new_user: &NewUser) -> String {
    format!("username={} email={}", new_user.username, new_user.email)
}

/// The user as the API shows it: the stored fields and the module sections, no password.
fn user_json(event: &UserCreated) -> Value {
    let data = &event.user_data;
    json!({
        "id": event.user_id,
        "username": event.username,
        "email": event.email,
        "first_name": data.first_name,
        "last_name": data.last_name,
        "phone": data.phone,
        "status": data.status,
        "app_id": event.app_id,
        "created_at": event.created_at.to_string(),
        "modules": data.modules,
    })
}
