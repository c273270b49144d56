//! `GET /wallet/info` and `POST /wallet/purchase`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use serde_json::{Map, Value, json};

use crate::database::SharedTx;
use crate::events::{CreditPurchase, Timestamp, credit_purchase, new_id};
use crate::failures;
use crate::http::{ApiError, Env, json_object, required_string};

/// The handler named in the failure record of a purchase's internal error.
const HANDLER: &str = "wallet::purchase";

/// The largest amount one purchase may add.
pub(super) const MAX_PURCHASE: i64 = 1_000_000;

type WalletRow = (String, i64, String, String, String);

/// One user's wallet: 400 without `user_id`, 404 for a user without a wallet.
pub(super) async fn info(
    State(env): State<Env>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    let user_id = query
        .get("user_id")
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| ApiError::bad_request("Missing required parameter: user_id"))?;
    let (wallet_id, balance, currency, created_at, updated_at) = find(&env, "wallet::info", user_id).await?;
    Ok(Json(json!({
        "user_id": user_id,
        "wallet_id": wallet_id,
        "balance": balance,
        "currency": currency,
        "created_at": created_at,
        "last_updated": updated_at,
    })))
}

/// Validates `{user_id, amount}` and triggers `credit_purchase` in one transaction, committed
/// only when every callback succeeded; answers with the new balance.
///
/// The amount must be a JSON integer from 1 to [`MAX_PURCHASE`]; the user must have a wallet.
/// Rejected purchases trigger nothing and change nothing; a purchase whose callback fails changes
/// nothing either (the answer is a 500, and the client may simply retry).
pub(super) async fn purchase(
    State(env): State<Env>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Value>, ApiError> {
    let object = json_object(body)?;
    let user_id = required_string(&object, "user_id")?.trim().to_owned();
    let amount = amount(&object)?;
    let (wallet_id, _, currency, _, _) = find(&env, HANDLER, &user_id).await?;
    let tx = match env.db.begin().await {
        Ok(tx) => SharedTx::new(tx),
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &format!("user_id={user_id}")).await),
    };
    let event = CreditPurchase {
        purchase_id: new_id("purchase"),
        user_id,
        wallet_id,
        amount,
        currency,
        app_name: env.app_name.clone(),
        at: Timestamp::now(),
        tx,
    };
    let report = hooks_core::trigger_async!(credit_purchase, &event).await;
    let finished = match event.tx.finish().await {
        Some(tx) if report.is_ok() => tx.commit().await.map_err(|error| error.to_string()),
        Some(tx) => {
            if let Err(error) = tx.rollback().await {
                tracing::error!(%error, "could not roll back a failed purchase");
            }
            Err(format!("{} callback(s) of {} failed", report.failures().len(), credit_purchase::NAME))
        }
        None => Err("the purchase's transaction was taken by a callback".to_owned()),
    };
    let hooks = failures::record::<credit_purchase>(&env.db, &report, &event.summary()).await;
    if let Err(error) = finished {
        return Err(ApiError::internal(&env, HANDLER, &error, &event.summary()).await);
    }
    let (_, balance, currency, _, _) = find(&env, HANDLER, &event.user_id).await?;
    Ok(Json(json!({
        "message": "Purchase completed",
        "purchase_id": event.purchase_id,
        "user_id": event.user_id,
        "amount": amount,
        "balance": balance,
        "currency": currency,
        "hooks": hooks,
    })))
}

/// The `amount` field: a JSON integer from 1 to [`MAX_PURCHASE`].
fn amount(object: &Map<String, Value>) -> Result<i64, ApiError> {
    match object.get("amount") {
        None | Some(Value::Null) => Err(ApiError::bad_request("Missing required field: amount")),
        Some(Value::Number(number)) if number.as_i64().is_some_and(|n| (1..=MAX_PURCHASE).contains(&n)) => {
            Ok(number.as_i64().unwrap_or_default())
        }
        Some(_) => Err(ApiError::bad_request(format!("amount must be a positive integer of at most {MAX_PURCHASE}"))),
    }
}

async fn find(env: &Env, handler: &str, user_id: &str) -> Result<WalletRow, ApiError> {
    let row = crate::on_db!(&env.db, |pool| {
        sqlx::query_as("SELECT id, balance, currency, created_at, updated_at FROM wallets WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await
    });
    match row {
        Ok(Some(row)) => Ok(row),
        Ok(None) => Err(ApiError::not_found(format!("No wallet for user {user_id}"))),
        Err(error) => Err(ApiError::internal(env, handler, &error, &format!("user_id={user_id}")).await),
    }
}
