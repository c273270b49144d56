//! Communications: notifications to users.
//!
//! Callbacks, all in context [`communications`](crate::events::communications):
//! - [`user_created`], durable (run by a worker, in its job's transaction): the welcome
//!   notification.
//! - [`payment_processed`], priority 10: the receipt, in the purchase's transaction.
//! - [`payment_failed`], priority 10: why a payment was declined, in the purchase's transaction.
//! - [`user_logout`], priority 10: a sign-out notice.
//! - [`module_initialized`]: checks the notifications table.

use hooks_core::hook_callback;
use hooks_durable::Job;
use serde_json::json;

use crate::database::{TxError, TxMut};
use crate::events::{
    self, ModuleInitialized, PaymentFailed, PaymentProcessed, Timestamp, UserCreated, UserLogout, module_initialized,
    new_id, payment_failed, payment_processed, user_created, user_logout,
};
use crate::readiness;

/// A notification to store.
struct Notification<'a> {
    user_id: &'a str,
    kind: &'a str,
    title: String,
    message: String,
    metadata: serde_json::Value,
}

impl Notification<'_> {
    /// Stores the notification, unread, at normal priority, in `tx` (a request's or a job's
    /// transaction); returns its id.
    async fn send(&self, tx: TxMut<'_>) -> Result<String, sqlx::Error> {
        let (id, now, metadata) = (new_id("notification"), Timestamp::now().to_string(), self.metadata.to_string());
        crate::in_tx!(tx, |tx| {
            sqlx::query(
                "INSERT INTO notifications (id, user_id, kind, title, message, priority, status, created_at, \
                 metadata) VALUES ($1, $2, $3, $4, $5, 'normal', 'unread', $6, $7)",
            )
            .bind(&id)
            .bind(self.user_id)
            .bind(self.kind)
            .bind(&self.title)
            .bind(&self.message)
            .bind(&now)
            .bind(&metadata)
            .execute(&mut **tx)
            .await
            .map(|_| ())
        })?;
        Ok(id)
    }
}

/// Checks that the notifications table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::communications)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "notifications").await
}

/// Sends the welcome notification. Durable: stored in the job's transaction, so once.
#[hook_callback(user_created, durable, context = events::communications)]
async fn send_welcome(event: &UserCreated, job: &mut Job<'_>) -> Result<(), hooks_durable::Error> {
    let first_name = event.user_data.first_name.trim();
    let greeting = if first_name.is_empty() { event.username.as_str() } else { first_name };
    let notification = Notification {
        user_id: &event.user_id,
        kind: "welcome",
        title: format!("Welcome to {}!", event.app_name),
        message: format!(
            "Hello {greeting}, your {} account `{}` is ready. We're glad to have you on board.",
            event.app_name, event.username
        ),
        metadata: json!({ "source": event.source, "app_name": event.app_name, "email": event.email }),
    };
    let id = notification.send(job.transaction().into()).await?;
    tracing::info!(user_id = %event.user_id, "sent welcome notification {id}");
    Ok(())
}

/// Sends the receipt of a paid purchase, in the purchase's transaction.
#[hook_callback(payment_processed, priority = 10, context = events::communications)]
async fn send_receipt(event: &PaymentProcessed) -> Result<(), TxError> {
    let notification = Notification {
        user_id: &event.user_id,
        kind: "receipt",
        title: format!("Receipt: {} {}", event.amount, event.currency),
        message: format!("{} {} were added to your {} wallet.", event.credits, event.currency, event.app_name),
        metadata: json!({
            "source": payment_processed::NAME,
            "app_name": event.app_name,
            "purchase_id": event.purchase_id,
            "payment_id": event.payment_id,
        }),
    };
    let mut tx = event.tx.lock().await?;
    let id = notification.send((&mut *tx).into()).await?;
    tracing::info!(user_id = %event.user_id, "sent receipt {id}");
    Ok(())
}

/// Tells the buyer that the payment was declined, in the purchase's transaction.
#[hook_callback(payment_failed, priority = 10, context = events::communications)]
async fn send_decline_notice(event: &PaymentFailed) -> Result<(), TxError> {
    let notification = Notification {
        user_id: &event.user_id,
        kind: "payment_declined",
        title: "Payment declined".to_owned(),
        message: format!("Your purchase of {} {} was declined: {}.", event.amount, event.currency, event.reason),
        metadata: json!({ "source": payment_failed::NAME, "purchase_id": event.purchase_id }),
    };
    let mut tx = event.tx.lock().await?;
    let id = notification.send((&mut *tx).into()).await?;
    tracing::info!(user_id = %event.user_id, "sent decline notice {id}");
    Ok(())
}

/// Notes the end of the user's session, so the user sees every sign-out of the account.
#[hook_callback(user_logout, priority = 10, context = events::communications)]
async fn note_session_end(event: &UserLogout) -> Result<(), TxError> {
    let notification = Notification {
        user_id: &event.user_id,
        kind: "session_end",
        title: "Signed out".to_owned(),
        message: format!("You signed out at {}.", event.at),
        metadata: json!({ "source": user_logout::NAME }),
    };
    let mut tx = event.db.begin().await?;
    let id = notification.send((&mut tx).into()).await?;
    tx.commit().await?;
    tracing::info!(user_id = %event.user_id, "noted the end of a session: notification {id}");
    Ok(())
}
