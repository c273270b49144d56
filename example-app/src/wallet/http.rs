//! `GET /wallet/info` and `POST /wallet/purchase`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use hooks_core::TriggerReport;
use serde_json::{Map, Value, json};

use crate::database::{SharedTx, Tx};
use crate::events::{CreditPurchase, PaymentOutcome, PaymentSlot, Timestamp, credit_purchase, new_id};
use crate::failures;
use crate::http::{ApiError, Env, json_object, optional_string};
use crate::idempotency::{self, Claim};
use crate::sessions::Caller;

/// The handler named in the failure record of a purchase's internal error.
const HANDLER: &str = "wallet::purchase";

/// The largest amount one purchase may add.
pub(super) const MAX_PURCHASE: i64 = 1_000_000;

type WalletRow = (String, i64, String, String, String);

/// The caller's wallet: 401 without a valid session, 403 when the query's `user_id` names another
/// user, 404 for a user without a wallet.
pub(super) async fn info(
    State(env): State<Env>,
    caller: Caller,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Json<Value>, ApiError> {
    caller.check_owns(query.get("user_id").map(|id| id.trim()).filter(|id| !id.is_empty()))?;
    let user_id = caller.user_id.as_str();
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

/// The payment method of a purchase that names none: the simulation's approving card.
const DEFAULT_PAYMENT_METHOD: &str = "pm_card_visa";

/// `POST /wallet/purchase {amount, payment_method?}` for the caller (a `user_id`, if given, must
/// be the caller's: 403 otherwise). Triggers `credit_purchase` in one transaction: the payments
/// module charges the payment method; on approval the credit, its ledger line and the receipt are
/// written, and the answer is 200 with the new balance; on a decline nothing is credited and the
/// answer is 402. The transaction commits unless a callback failed (500, nothing changed: the
/// client may retry). With an `Idempotency-Key`, the same key and body replay the first answer,
/// and the same key with another body is 422.
pub(super) async fn purchase(
    State(env): State<Env>,
    caller: Caller,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let key = idempotency::key(&headers)?;
    let object = json_object(body)?;
    caller.check_owns(optional_string(&object, "user_id")?)?;
    let amount = amount(&object)?;
    let payment_method = optional_string(&object, "payment_method")?.unwrap_or(DEFAULT_PAYMENT_METHOD).to_owned();
    let (wallet_id, _, currency, _, _) = find(&env, HANDLER, &caller.user_id).await?;
    let summary = format!("user_id={} amount={amount}", caller.user_id);
    let mut tx = match env.db.begin().await {
        Ok(tx) => tx,
        Err(error) => return Err(ApiError::internal(&env, HANDLER, &error, &summary).await),
    };
    if let Some(key) = &key {
        match idempotency::claim(&mut tx, &caller.user_id, key, &Value::Object(object.clone())).await {
            Ok(Claim::New) => {}
            Ok(Claim::Replay(status, body)) => {
                rollback(tx).await;
                return Ok((status, Json(body)));
            }
            Ok(Claim::Conflict) => {
                rollback(tx).await;
                return Err(ApiError::unprocessable("Idempotency-Key was already used with a different request"));
            }
            Err(error) => {
                rollback(tx).await;
                return Err(ApiError::internal(&env, HANDLER, &error, &summary).await);
            }
        }
    }
    let event = CreditPurchase {
        purchase_id: new_id("purchase"),
        user_id: caller.user_id.clone(),
        wallet_id,
        amount,
        currency,
        payment_method,
        app_name: env.app_name.clone(),
        at: Timestamp::now(),
        tx: SharedTx::new(tx),
        payment: PaymentSlot::default(),
    };
    failures::describe(event.summary());
    let report = hooks_core::trigger_async!(credit_purchase, &event).await;
    let hooks = failures::report_json::<credit_purchase>(&report);
    // Failed callbacks are recorded after the request (see `failures`), once the transaction ended.
    match finish(&event, &report, key.as_deref(), hooks).await {
        Ok((status, body)) => Ok((status, Json(body))),
        Err(error) => Err(ApiError::internal(&env, HANDLER, &error, &event.summary()).await),
    }
}

/// Commits the purchase's transaction with its answer (remembered under its idempotency key), or
/// rolls it back when a callback failed or nobody charged the purchase.
async fn finish(
    event: &CreditPurchase,
    report: &TriggerReport,
    key: Option<&str>,
    hooks: Value,
) -> Result<(StatusCode, Value), String> {
    let Some(mut tx) = event.tx.finish().await else {
        return Err("the purchase's transaction was taken by a callback".to_owned());
    };
    let answer = match (report.is_ok(), event.payment.outcome()) {
        (true, Some(PaymentOutcome::Approved { payment_id, credits })) => {
            match balance(&mut tx, &event.wallet_id).await {
                Ok(balance) => Ok((
                    StatusCode::OK,
                    json!({
                        "message": "Purchase completed",
                        "purchase_id": event.purchase_id,
                        "payment_id": payment_id,
                        "user_id": event.user_id,
                        "amount": event.amount,
                        "credits": credits,
                        "balance": balance,
                        "currency": event.currency,
                        "hooks": hooks,
                    }),
                )),
                Err(error) => Err(error.to_string()),
            }
        }
        (true, Some(PaymentOutcome::Declined { reason })) => Ok((
            StatusCode::PAYMENT_REQUIRED,
            json!({ "error": format!("Payment declined: {reason}"), "purchase_id": event.purchase_id, "hooks": hooks }),
        )),
        (true, None) => Err(format!("no callback of {} charged the purchase", credit_purchase::NAME)),
        (false, _) => Err(format!("{} callback(s) of {} failed", report.failures().len(), credit_purchase::NAME)),
    };
    let answer = match (answer, key) {
        (Ok((status, body)), Some(key)) => idempotency::remember(&mut tx, &event.user_id, key, status, &body)
            .await
            .map(|()| (status, body))
            .map_err(|error| error.to_string()),
        (answer, _) => answer,
    };
    match answer {
        Ok(answer) => tx.commit().await.map(|()| answer).map_err(|error| error.to_string()),
        Err(error) => {
            rollback(tx).await;
            Err(error)
        }
    }
}

/// Rolls back a purchase's transaction that is not to commit.
async fn rollback(tx: Tx) {
    if let Err(error) = tx.rollback().await {
        tracing::error!(%error, "could not roll back a purchase");
    }
}

/// The wallet's balance, read in the purchase's transaction.
async fn balance(tx: &mut Tx, wallet_id: &str) -> Result<i64, sqlx::Error> {
    crate::in_tx!(tx, |tx| {
        sqlx::query_scalar("SELECT balance FROM wallets WHERE id = $1").bind(wallet_id).fetch_one(&mut **tx).await
    })
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
