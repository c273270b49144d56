//! Transactions: the ledger of wallet movements.
//!
//! Callbacks, all in context [`transactions`](crate::events::transactions):
//! - [`wallet_opened`], durable (run by a worker, in its job's transaction): the opening entry.
//!   Durable callbacks are not ordered, so the entry does not hang on `user_created` beside the
//!   wallet: the wallet module fires `wallet_opened` in the transaction that opens the wallet.
//! - [`payment_processed`], `after = wallet::credit` (once the wallet module credited the
//!   balance, in the same transaction, whatever the two priorities): the purchase entry, with the
//!   balance after it.
//! - [`module_initialized`]: checks the transactions table.

use hooks_core::hook_callback;
use hooks_durable::Job;

use crate::database::TxMut;
use crate::events::{
    self, ModuleInitialized, PaymentProcessed, Timestamp, WalletOpened, module_initialized, new_id, payment_processed,
    wallet_opened,
};
use crate::readiness;

/// Books an entry of `amount` on the user's wallet in `tx`, with the wallet's balance (in the
/// same transaction) as the balance after it; returns the entry's id. Fails when the user has no
/// wallet.
async fn book(tx: TxMut<'_>, user_id: &str, kind: &str, amount: i64, description: &str) -> Result<String, String> {
    let (id, now) = (new_id("transaction"), Timestamp::now().to_string());
    let booked: Result<Option<()>, sqlx::Error> = crate::in_tx!(tx, |tx| async {
        let wallet: Option<(String, i64, String)> =
            sqlx::query_as("SELECT id, balance, currency FROM wallets WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(&mut **tx)
                .await?;
        match wallet {
            None => Ok(None),
            Some((wallet_id, balance, currency)) => sqlx::query(
                "INSERT INTO transactions (id, user_id, wallet_id, kind, amount, currency, balance_after, \
                 description, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&id)
            .bind(user_id)
            .bind(&wallet_id)
            .bind(kind)
            .bind(amount)
            .bind(&currency)
            .bind(balance)
            .bind(description)
            .bind(&now)
            .execute(&mut **tx)
            .await
            .map(|_| Some(())),
        }
    }
    .await);
    match booked {
        Ok(Some(())) => Ok(id),
        Ok(None) => Err(format!("user {user_id} has no wallet: no {kind} transaction recorded")),
        Err(error) => Err(error.to_string()),
    }
}

/// Checks that the transactions table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::transactions)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "transactions").await
}

/// Records the opening entry of a new wallet. Durable: booked in the job's transaction, so once;
/// its job is enqueued with the wallet, so the wallet is there.
#[hook_callback(wallet_opened, durable, context = events::transactions)]
async fn record_opening(event: &WalletOpened, job: &mut Job<'_>) -> Result<(), String> {
    let description = format!("Opening of the {} wallet", event.app_name);
    let id = book(job.transaction().into(), &event.user_id, "opening", 0, &description).await?;
    tracing::info!(user_id = %event.user_id, "recorded opening transaction {id}");
    Ok(())
}

/// Records a paid purchase, in the purchase's transaction: the ledger line commits with the
/// credit.
#[hook_callback(payment_processed, context = events::transactions, after = crate::wallet::credit)]
async fn record_purchase(event: &PaymentProcessed) -> Result<(), String> {
    let description = format!(
        "Purchase {} of {} {} (payment {})",
        event.purchase_id, event.credits, event.currency, event.payment_id
    );
    let mut tx = event.tx.lock().await.map_err(|error| error.to_string())?;
    let id = book((&mut *tx).into(), &event.user_id, "purchase", event.credits, &description).await?;
    tracing::info!(user_id = %event.user_id, "recorded purchase transaction {id}");
    Ok(())
}
