//! Communications: notifications to users.
//!
//! Callbacks, all in context [`communications`](crate::events::communications):
//! - [`user_created`], durable (run by a worker, in its job's transaction): the welcome
//!   notification.
//! - [`credit_purchase`], priority 10: a purchase notification.
//! - [`module_initialized`]: checks the notifications table.

use hooks_core::hook_callback;
use hooks_durable::Job;
use serde_json::json;

use crate::events::{
    self, CreditPurchase, ModuleInitialized, Timestamp, UserCreated, credit_purchase, module_initialized, new_id,
    user_created,
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
    /// Stores the notification, unread, at normal priority, through `db` (a pool or a job's
    /// transaction); returns its id.
    async fn send<'e>(&self, db: impl sqlx::SqliteExecutor<'e>) -> Result<String, sqlx::Error> {
        let id = new_id("notification");
        sqlx::query(
            "INSERT INTO notifications (id, user_id, kind, title, message, priority, status, created_at, metadata) \
             VALUES ($1, $2, $3, $4, $5, 'normal', 'unread', $6, $7)",
        )
        .bind(&id)
        .bind(self.user_id)
        .bind(self.kind)
        .bind(&self.title)
        .bind(&self.message)
        .bind(Timestamp::now().to_string())
        .bind(self.metadata.to_string())
        .execute(db)
        .await?;
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
    let id = notification.send(job.sqlite()?).await?;
    tracing::info!(user_id = %event.user_id, "sent welcome notification {id}");
    Ok(())
}

/// Tells the buyer that the credits arrived.
#[hook_callback(credit_purchase, priority = 10, context = events::communications)]
async fn send_purchase_notice(event: &CreditPurchase) -> Result<(), sqlx::Error> {
    let notification = Notification {
        user_id: &event.user_id,
        kind: "purchase",
        title: format!("{} {} added", event.amount, event.currency),
        message: format!("{} {} were added to your {} wallet.", event.amount, event.currency, event.app_name),
        metadata: json!({ "source": credit_purchase::NAME, "app_name": event.app_name, "purchase_id": event.purchase_id }),
    };
    let id = notification.send(&event.db).await?;
    tracing::info!(user_id = %event.user_id, "sent purchase notification {id}");
    Ok(())
}
