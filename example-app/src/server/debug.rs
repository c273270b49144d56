//! The debug endpoints, routed only with `--debug-endpoints`: they show data of every user.
//!
//! `GET /debug/hooks` is the registry dump as JSON; `GET /debug/hooks/dead` lists the durable
//! callbacks' dead jobs with their errors; `GET /get-db-data` is every table (users
//! with their wallet section, wallets, notifications, transactions, hook failures). Columns are
//! listed explicitly, so password hashes are never selected.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use serde_json::{Value, json};
use sqlx::{ColumnIndex, Decode, Row, Type};

use super::state::AppState;
use crate::events::Db;
use crate::http::{ApiError, Env};

/// The registry dump as JSON.
pub(crate) async fn hooks() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], hooks_core::registry().dump().to_json())
}

/// The durable callbacks' dead jobs: every attempt failed; each with its errors.
pub(crate) async fn dead_jobs(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    match state.engine.dead_jobs().await {
        Ok(dead) => Ok(Json(Value::Array(dead.iter().map(super::jobs::dead_job_json).collect()))),
        Err(error) => Err(ApiError::internal(&state.env, "debug::dead_jobs", &error, "debug/hooks/dead").await),
    }
}

/// Every table, without secrets.
pub(crate) async fn db_data(State(env): State<Env>) -> Result<Json<Value>, ApiError> {
    match collect(&env.db).await {
        Ok(data) => Ok(Json(data)),
        Err(error) => Err(ApiError::internal(&env, "debug::db_data", &error, "get-db-data").await),
    }
}

async fn collect(db: &Db) -> Result<Value, sqlx::Error> {
    let users = crate::on_db!(db, |pool| {
        let rows = sqlx::query(
            "SELECT u.id, u.username, u.email, u.first_name, u.last_name, u.phone, u.status, u.app_id, \
             u.created_at, u.last_login_at, w.balance, w.currency, w.updated_at FROM users u \
             LEFT JOIN wallets w ON w.user_id = u.id ORDER BY u.created_at, u.id",
        )
        .fetch_all(pool)
        .await?;
        rows.iter().map(user).collect::<Result<Vec<_>, _>>()
    })?;
    let wallets = table(
        db,
        "SELECT id, user_id, balance, currency, created_at, updated_at FROM wallets ORDER BY created_at, id",
        &["id", "user_id", "balance", "currency", "created_at", "updated_at"],
    )
    .await?;
    let mut notifications = table(
        db,
        "SELECT id, user_id, kind AS type, title, message, priority, status, created_at, metadata FROM notifications \
         ORDER BY created_at, id",
        &["id", "user_id", "type", "title", "message", "priority", "status", "created_at", "metadata"],
    )
    .await?;
    for notification in &mut notifications {
        if let Some(Value::String(metadata)) = notification.get("metadata") {
            notification["metadata"] = serde_json::from_str(metadata).unwrap_or(Value::Null);
        }
    }
    let transactions = table(
        db,
        "SELECT id, user_id, wallet_id, kind AS type, amount, currency, balance_after, description, created_at \
         FROM transactions ORDER BY created_at, id",
        &["id", "user_id", "wallet_id", "type", "amount", "currency", "balance_after", "description", "created_at"],
    )
    .await?;
    let hook_failures = table(
        db,
        "SELECT id, hook, callback, error, occurred_at, payload_summary FROM hook_failures ORDER BY occurred_at, id",
        &["id", "hook", "callback", "error", "occurred_at", "payload_summary"],
    )
    .await?;
    Ok(json!({
        "users": users,
        "wallets": wallets,
        "notifications": notifications,
        "transactions": transactions,
        "hook_failures": hook_failures,
    }))
}

fn user<R: Row>(row: &R) -> Result<Value, sqlx::Error>
where
    for<'a> &'a str: ColumnIndex<R>,
    for<'r> Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<i64>: Decode<'r, R::Database> + Type<R::Database>,
{
    let text = |name: &str| row.try_get::<Option<String>, _>(name);
    let balance: Option<i64> = row.try_get("balance")?;
    let wallet = match balance {
        Some(balance) => json!({
            "enabled": true,
            "balance": balance,
            "currency": text("currency")?,
            "last_updated": text("updated_at")?,
        }),
        None => json!({ "enabled": false }),
    };
    Ok(json!({
        "id": text("id")?,
        "username": text("username")?,
        "email": text("email")?,
        "first_name": text("first_name")?,
        "last_name": text("last_name")?,
        "phone": text("phone")?,
        "status": text("status")?,
        "app_id": text("app_id")?,
        "created_at": text("created_at")?,
        "last_login_at": text("last_login_at")?,
        "modules": { "wallet": wallet },
    }))
}

/// Runs `sql` and returns each row as an object of the named columns (integers or text).
async fn table(db: &Db, sql: &'static str, columns: &[&str]) -> Result<Vec<Value>, sqlx::Error> {
    crate::on_db!(db, |pool| {
        let rows = sqlx::query(sql).fetch_all(pool).await?;
        rows.iter().map(|row| object(row, columns)).collect()
    })
}

/// The named columns of `row` as an object (integers or text).
fn object<R: Row>(row: &R, columns: &[&str]) -> Result<Value, sqlx::Error>
where
    for<'a> &'a str: ColumnIndex<R>,
    for<'r> Option<String>: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> Option<i64>: Decode<'r, R::Database> + Type<R::Database>,
{
    let mut object = serde_json::Map::new();
    for &column in columns {
        let value = match row.try_get::<Option<i64>, _>(column) {
            Ok(Some(number)) => json!(number),
            _ => json!(row.try_get::<Option<String>, _>(column)?),
        };
        object.insert(column.to_owned(), value);
    }
    Ok(Value::Object(object))
}
