//! Monitoring: the record of everything that failed.
//!
//! Callbacks, in context [`monitoring`](crate::events::monitoring):
//! - [`system_error`], priority 1: writes the failure to the
//!   `hook_failures` table (hook, callback, error, time, payload summary; never secrets, which
//!   payloads do not carry).
//! - [`module_initialized`]: checks the table.

use hooks_core::hook_callback;

use crate::events::{self, ModuleInitialized, SystemError, module_initialized, new_id, system_error};
use crate::readiness;

/// Checks that the hook_failures table is reachable.
#[hook_callback(module_initialized, priority = 1, context = events::monitoring)]
async fn ready(event: &ModuleInitialized) -> Result<(), sqlx::Error> {
    readiness::check_table(&event.db, "hook_failures").await
}

/// Records one failure.
#[hook_callback(system_error, priority = 1, context = events::monitoring)]
async fn record_failure(event: &SystemError) -> Result<(), sqlx::Error> {
    let id = new_id("failure");
    let at = event.at.to_string();
    crate::on_db!(&event.db, |pool| {
        sqlx::query(
            "INSERT INTO hook_failures (id, hook, callback, error, occurred_at, payload_summary) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(&event.hook)
        .bind(&event.callback)
        .bind(&event.error)
        .bind(&at)
        .bind(&event.payload_summary)
        .execute(pool)
        .await
        .map(|_| ())
    })?;
    tracing::warn!("recorded failure {id}: {} of {}", event.callback, event.hook);
    Ok(())
}
