//! Wallets: every new user gets one; purchases credit it.
//!
//! Callbacks, all in context [`wallet`](crate::events::wallet):
//! - [`user_created`], durable (run by a worker, in its job's transaction): opens the wallet with
//!   the balance and currency of the user document's wallet section (0 credits), and fires
//!   [`wallet_opened`] in the same transaction.
//! - [`payment_processed`], priority 5: credits the balance, in the purchase's transaction
//!   (which the transactions module's ledger line shares).
//! - [`module_initialized`]: checks the wallets table.
//!
//! Routes: `GET /wallet/info?user_id=` (one user's wallet) and `POST /wallet/purchase`.

mod http;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::{get, post};
use hooks_core::hook_callback;
use hooks_durable::Job;

use crate::events::{
    self, ModuleInitialized, PaymentProcessed, Timestamp, UserCreated, WalletOpened, module_initialized, new_id,
    payment_processed, user_created, wallet_opened,
};
use crate::http::Env;
use crate::readiness;

/// The module's routes: `GET /wallet/info`, `POST /wallet/purchase`.
pub fn routes<S>() -> Router<S>
where
    Env: FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    Router::new().route("/wallet/info", get(http::info)).route("/wallet/purchase", post(http::purchase))
}

/// Checks that the wallets table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::wallet)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "wallets").await
}

/// Opens the new user's wallet, as the user document's wallet section says, and fires
/// [`wallet_opened`]. Durable: run by a worker, in the job's transaction (the wallet, the jobs of
/// `wallet_opened` and the job's completion commit together).
#[hook_callback(user_created, durable, context = events::wallet)]
async fn open_wallet(event: &UserCreated, job: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
    let section = &event.user_data.modules.wallet;
    if !section.enabled {
        return Ok(());
    }
    let (id, now) = (new_id("wallet"), Timestamp::now().to_string());
    crate::in_tx!(job.transaction(), |tx| {
        sqlx::query(
            "INSERT INTO wallets (id, user_id, balance, currency, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(&id)
        .bind(&event.user_id)
        .bind(section.balance)
        .bind(&section.currency)
        .bind(&now)
        .execute(&mut **tx)
        .await
        .map(|_| ())
    })?;
    // In the same transaction: the opening's own durable callbacks are enqueued with the wallet.
    let opened = WalletOpened {
        user_id: event.user_id.clone(),
        wallet_id: id.clone(),
        balance: section.balance,
        currency: section.currency.clone(),
        app_name: event.app_name.clone(),
    };
    let event_id = event.user_id.clone();
    crate::in_tx!(job.transaction(), |tx| {
        hooks_core::trigger_async!(wallet_opened, &opened, tx = tx, event = event_id).await.map(|_| ())
    })?;
    tracing::info!(
        user_id = %event.user_id,
        "opened wallet {id}: balance {} {}",
        section.balance,
        section.currency
    );
    Ok(())
}

/// Credits a paid purchase, in the purchase's transaction. The transactions module's ledger line
/// names it as the callback it runs after, so it is visible to the crate.
#[hook_callback(payment_processed, priority = 5, context = events::wallet)]
pub(crate) async fn credit(event: &PaymentProcessed) -> Result<(), String> {
    let at = event.at.to_string();
    let mut tx = event.tx.lock().await.map_err(|error| error.to_string())?;
    let updated = crate::in_tx!(&mut *tx, |tx| {
        sqlx::query("UPDATE wallets SET balance = balance + $1, updated_at = $2 WHERE id = $3")
            .bind(event.credits)
            .bind(&at)
            .bind(&event.wallet_id)
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected())
    })
    .map_err(|error| error.to_string())?;
    if updated != 1 {
        return Err(format!("wallet {} not found", event.wallet_id));
    }
    tracing::info!(
        user_id = %event.user_id,
        "credited {} {} to {}",
        event.credits,
        event.currency,
        event.wallet_id
    );
    Ok(())
}
